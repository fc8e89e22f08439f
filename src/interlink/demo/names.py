"""Name tables of the demo: one real name, its spellings by convention, and the rendering rules.

Each entry is a real name (Arabic script where it has one) with its usual Latin spellings in
French (the Maghreb, Lebanon, Senegal), English (the Gulf, the Levant in English, Gambia),
Spanish (Spain, Colombia, and Spanish transcriptions of Arabic: "Jalid" for خالد) and, for
Guinea-Bissau, Portuguese. The first spelling of each convention is the most common one.

Agencies render a person with their own convention (see `render_name`), so that one real person
appears as "محمد العمراني" in Rabat, "Mohamed EL AMRANI" in Paris, "Mohamed El Amrani" in
Algeciras and "MOHAMMED AL-AMRANI" on a Dubai passenger list.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from random import Random


def ascii_upper(text: str) -> str:
    """Upper case without diacritics, as on a machine-readable passport zone."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


@dataclass(frozen=True, slots=True)
class Name:
    key: str
    forms: dict[str, tuple[str, ...]]  # convention -> spellings, most common first
    gender: str = ""  # "male" / "female" for given names, "" for family names

    def spellings(self, conv: str) -> tuple[str, ...]:
        forms = self.forms
        if conv in forms:
            return forms[conv]
        # fall back in the order an officer would: Portuguese reads like French, the rest
        # like English, and a name with no Arabic form is kept in its Latin form
        for alt in FALLBACK[conv]:
            if alt in forms:
                return forms[alt]
        return next(iter(forms.values()))

    def primary(self, conv: str) -> str:
        return self.spellings(conv)[0]

    def pick(self, conv: str, rng: Random, common: float = 0.7) -> str:
        spellings = self.spellings(conv)
        if len(spellings) == 1 or rng.random() < common:
            return spellings[0]
        return spellings[rng.randrange(len(spellings))]


FALLBACK = {
    "ar": ("en", "fr", "es"),
    "fr": ("en", "es"),
    "en": ("fr", "es"),
    "es": ("fr", "en"),
    "pt": ("fr", "en", "es"),
}


def _table(text: str, gender: str = "") -> tuple[Name, ...]:
    """Parse `key|ar|fr,...|en,...|es,...` lines; an empty column means "none"."""
    names = []
    for line in text.strip().splitlines():
        cols = [c.strip() for c in line.split("|")]
        key, cols = cols[0], cols[1:]
        forms: dict[str, tuple[str, ...]] = {}
        for conv, col in zip(("ar", "fr", "en", "es", "pt"), cols, strict=False):
            if col:
                forms[conv] = tuple(s.strip() for s in col.split(","))
        names.append(Name(key=key, forms=forms, gender=gender))
    return tuple(names)


# --- Arabic given names (Maghreb, Levant, Gulf) -------------------------------------------
ARAB_GIVEN = _table(
    """
mohamed|محمد|Mohamed,Mohammed,Mohamad|Mohammed,Muhammad,Mohammad|Mohamed,Mohammed,Mohamet
abdelkader|عبد القادر|Abdelkader,Abdelkhader,Abdel Kader|Abd al-Qadir,Abdulqader,Abdul Qadir|\
Abdelkader,Abdelkáder
youssef|يوسف|Youssef,Youcef,Youssouf|Yusuf,Yousef,Youssef|Yusef,Yusuf,Youssef
khalid|خالد|Khalid,Khaled|Khalid,Khaled|Jalid,Khalid,Jaled
rachid|رشيد|Rachid,Rachide|Rashid,Rasheed|Rachid,Rashid
mustapha|مصطفى|Mustapha,Moustapha,Mostafa|Mustafa,Moustafa|Mustafa,Mustafá
said|سعيد|Saïd,Said|Saeed,Said|Said,Saíd
hicham|هشام|Hicham,Hichem|Hisham,Hesham|Hicham,Hisham
noureddine|نور الدين|Noureddine,Nourredine,Nour-Eddine|Nur al-Din,Nuruddin,Nureddin|Nordin,\
Nuredin,Noureddine
abderrahim|عبد الرحيم|Abderrahim,Abderahim|Abd al-Rahim,Abdulrahim,Abdul Rahim|Abderrahim,Abderrahím
brahim|إبراهيم|Brahim,Ibrahim|Ibrahim,Ebrahim|Brahim,Ibrahim
driss|إدريس|Driss,Idriss|Idris,Idrees|Dris,Idris
abdeslam|عبد السلام|Abdeslam,Abdesslam,Abdessalam|Abd al-Salam,Abdulsalam,Abdul Salam|Abdeselam,\
Abdeslam
hassan|حسن|Hassan,Hassane|Hassan,Hasan|Hasan,Hassan
omar|عمر|Omar,Omer|Umar,Omar|Omar
karim|كريم|Karim|Karim,Kareem|Karim,Carim
mehdi|مهدي|Mehdi,Mahdi|Mahdi,Mehdi|Mehdi,Mahdi
bilal|بلال|Bilal,Bilel|Bilal|Bilal,Bilel
amine|أمين|Amine,Amin|Amin,Ameen|Amín,Amin
tarik|طارق|Tarik,Tarek|Tariq,Tarek|Tarik,Tarek
zakaria|زكرياء|Zakaria,Zakariya,Zakariae|Zakariya,Zakaria,Zakariyya|Zacarías,Zakaria
ayoub|أيوب|Ayoub,Ayoube|Ayyub,Ayoub|Ayub,Ayoub
soufiane|سفيان|Soufiane,Sofiane|Sufyan,Sofian|Sufian,Sofian,Soufian
jamal|جمال|Jamal,Djamel|Jamal,Gamal|Yamal,Jamal
abdellah|عبد الله|Abdellah,Abdallah,Abdelah|Abdullah,Abdallah|Abdelah,Abdalá,Abdellah
ahmed|أحمد|Ahmed,Ahmad|Ahmad,Ahmed|Ahmed,Ahmad
ali|علي|Ali|Ali|Alí,Ali
hamza|حمزة|Hamza|Hamza,Hamzah|Hamza
ismail|إسماعيل|Ismaïl,Ismail|Ismail,Ismael|Ismael,Ismail
nabil|نبيل|Nabil|Nabil,Nabeel|Nabil
walid|وليد|Walid,Oualid|Walid,Waleed|Ualid,Walid
adil|عادل|Adil,Adel|Adel,Adil|Adil,Adel
redouane|رضوان|Redouane,Ridouane,Redwane|Ridwan,Radwan|Reduan,Redouan
abdelaziz|عبد العزيز|Abdelaziz,Abdelazize|Abd al-Aziz,Abdulaziz|Abdelaziz,Abdelasis
mourad|مراد|Mourad,Mourade|Murad,Mourad|Murad,Mourad
younes|يونس|Younes,Younès,Younesse|Yunus,Younis|Yunes,Younes
larbi|العربي|Larbi,El Arbi|Al-Arabi,Larbi|Larbi
hussein|حسين|Hussein,Houssein|Hussein,Husayn,Hossein|Husein,Hussein
fadi|فادي|Fadi|Fadi|Fadi
rami|رامي|Rami|Rami,Ramy|Rami
ziad|زياد|Ziad|Ziad,Ziyad|Ziad
bassam|بسام|Bassam|Bassam,Basam|Basam,Bassam
wassim|وسيم|Wassim,Ouassim|Wassim,Waseem|Wasim,Wassim
ghassan|غسان|Ghassan|Ghassan|Gasán,Ghassan
samer|سامر|Samer|Samer|Samer
maher|ماهر|Maher|Maher,Mahir|Maher
imad|عماد|Imad,Imed|Imad,Emad|Imad
rashed|راشد|Rached|Rashed,Rashid|Rashed
sultan|سلطان|Soultan,Sultan|Sultan|Sultán,Sultan
saif|سيف|Seif,Saïf|Saif|Saif
majid|ماجد|Majid,Madjid|Majid,Majed|Mayid,Majid
""",
    "male",
)

ARAB_GIVEN_F = _table(
    """
fatima|فاطمة|Fatima,Fatma,Fatéma|Fatima,Fatimah|Fátima,Fatima
khadija|خديجة|Khadija,Khadidja|Khadija,Khadijah|Jadiya,Khadija
naima|نعيمة|Naïma,Naima|Naima,Naeema|Naima,Naíma
samira|سميرة|Samira|Samira,Sameera|Samira
latifa|لطيفة|Latifa|Latifa,Lateefa|Latifa
karima|كريمة|Karima|Karima,Kareema|Karima
zineb|زينب|Zineb,Zeineb,Zaynab|Zaynab,Zainab|Zineb,Zaynab
salma|سلمى|Salma|Salma,Salmah|Salma
nadia|نادية|Nadia|Nadia,Nadiya|Nadia
souad|سعاد|Souad,Soad|Suad,Souad|Suad,Souad
hanane|حنان|Hanane,Hanan|Hanan|Hanan,Hanane
rania|رانيا|Rania|Rania,Raniya|Rania
""",
    "female",
)

MAGHREB_FAMILY = _table(
    """
el_amrani|العمراني|El Amrani,Elamrani,Amrani|Al-Amrani,Al Amrani,Amrani|El Amrani,Amrani
benali|بن علي|Benali,Ben Ali|Bin Ali,Ben Ali|Benali,Ben Alí
el_idrissi|الإدريسي|El Idrissi,Idrissi|Al-Idrisi,Al Idrissi|El Idrisi,Idrisi
tazi|التازي|Tazi,Ettazi|Al-Tazi,Tazi|Tazi
haddad|الحداد|Haddad,El Haddad|Al-Haddad,Haddad|Hadad,Haddad
bouzid|بوزيد|Bouzid,Bouzide|Bu Zayd,Abu Zaid,Bouzid|Buzid,Bouzid
cherkaoui|الشرقاوي|Cherkaoui,Charkaoui|Al-Sharqawi,Sharqawi|Cherkaui,Cherkaoui
benamar|بن عمر|Benamar,Ben Amar,Benomar|Bin Omar,Ben Omar|Benamar,Benomar
ziani|الزياني|Ziani,Zyani,Ezziani|Al-Zayani,Zayani|Ziani
kasmi|القاسمي|Kasmi,El Kasmi|Al-Qasimi,Qasmi|Kasmi,Qasmi
el_ouardi|الوردي|El Ouardi,Ouardi|Al-Wardi,Wardi|El Uardi,Uardi
bakkali|البقالي|Bakkali,El Bakkali|Al-Baqqali,Baqali|Bakali,Bakkali
chaoui|الشاوي|Chaoui,Echaoui|Al-Shawi,Shawi|Chaui,Chaoui
boukhari|البخاري|Boukhari,El Boukhari|Al-Bukhari,Bukhari|Bujari,Boukhari
mansouri|المنصوري|Mansouri,El Mansouri|Al-Mansuri,Mansoori|Mansuri,Mansouri
ait_ali|آيت علي|Aït Ali,Ait Ali|Ait Ali|Ait Alí,Ait Ali
el_khattabi|الخطابي|El Khattabi,Khattabi|Al-Khattabi,Khattabi|El Jatabi,Jatabi
ouazzani|الوزاني|Ouazzani,El Ouazzani|Al-Wazzani,Wazzani|Uazani,Ouazzani
benjelloun|بنجلون|Benjelloun,Ben Jelloun|Bin Jallun,Benjelloun|Benyelun,Benjelloun
lahlou|لحلو|Lahlou|Lahlu,Lahlou|Lahlu
el_fassi|الفاسي|El Fassi,Fassi|Al-Fasi,Fassi|El Fasi
berrada|برادة|Berrada|Barrada,Berrada|Berrada
alaoui|العلوي|Alaoui,El Alaoui|Al-Alawi,Alawi|Alaui,Alaoui
amara|عمارة|Amara,Ammara|Omara,Ammarah,Amarah|Amara
saidi|السعيدي|Saïdi,Essaidi,Saidi|Al-Saidi,Saeedi|Saidi
touil|الطويل|Touil,Ettouil|Al-Tawil,Tawil|Tuil,Touil
rahmouni|الرحموني|Rahmouni|Rahmuni,Rahmouni|Rahmuni
el_azzouzi|العزوزي|El Azzouzi,Azzouzi|Al-Azzuzi,Azzouzi|El Azuzi,Azuzi
hamdaoui|الحمداوي|Hamdaoui,El Hamdaoui|Al-Hamdawi,Hamdawi|Hamdaui
bennani|بناني|Bennani,Benani|Bennani,Banani|Benani,Bennani
"""
)

LEVANT_FAMILY = _table(
    """
al_hassan|الحسن|El Hassan,Al Hassan|Al-Hassan,Al Hasan|Al Hasan
daher|ضاهر|Daher|Daher,Dahir|Daher
hamadeh|حمادة|Hamadé,Hamadeh|Hamadeh,Hamada|Hamade
khoury|خوري|Khoury,Khouri|Khoury,Khouri|Jury,Khoury
sleiman|سليمان|Sleiman,Slimane|Suleiman,Sulayman|Solimán,Suleiman
issa|عيسى|Issa|Issa,Isa|Isa,Issa
mansour|منصور|Mansour|Mansour,Mansur|Mansur
othman|عثمان|Othmane,Otmane|Uthman,Othman|Otman,Uthman
halabi|الحلبي|Halabi,El Halabi|Al-Halabi,Halabi|Halabi
kanaan|كنعان|Kanaan,Canaan|Kanaan,Kanan|Canaán,Kanaan
haidar|حيدر|Haïdar,Haidar|Haidar,Haydar|Haidar
jaber|جابر|Jaber,Djaber|Jaber,Jabir|Yaber,Jaber
al_masri|المصري|El Masri,Masri|Al-Masri,Masri|El Masri
shaheen|شاهين|Chahine,Chahin|Shaheen,Shahin|Chahín,Shahin
darwish|درويش|Darwiche,Derouiche|Darwish,Darweesh|Darwich,Darwish
najjar|النجار|Najjar,Nadjar|Al-Najjar,Najjar|Nayar,Najjar
"""
)

GULF_FAMILY = _table(
    """
al_mazrouei|المزروعي|Al Mazrouei,Mazroui|Al Mazrouei,Al-Mazrui|Al Mazrui
al_falasi|الفلاسي|Al Falasi,Falassi|Al Falasi,Al-Falasi|Al Falasi
al_suwaidi|السويدي|Al Souweidi,Souaidi|Al Suwaidi,Al-Suwaidi,Al Suwaidy|Al Suwaidi
al_ketbi|الكتبي|Al Ketbi,Ketbi|Al Ketbi,Al-Kitbi|Al Ketbi
al_shamsi|الشامسي|Al Chamsi,Chamsi|Al Shamsi,Al-Shamsi|Al Shamsi
al_nuaimi|النعيمي|Al Nouaimi,Nouaimi|Al Nuaimi,Al-Nuaimi,Al Naimi|Al Nuaimi
"""
)

# --- Hispanic, French, Dutch and West African names (no Arabic form) ----------------------
# Columns: key | (no Arabic) | fr | en | es | pt
CO_GIVEN = _table(
    """
juan_carlos||Juan Carlos,Juan-Carlos|Juan Carlos|Juan Carlos
jose_luis||José Luis,Jose Luis,José-Luis|Jose Luis|José Luis,Jose Luis
andres_felipe||Andrés Felipe,Andres Felipe|Andres Felipe|Andrés Felipe
luis_fernando||Luis Fernando,Luis-Fernando|Luis Fernando|Luis Fernando
jhon_jairo||Jhon Jairo,John Jairo|John Jairo,Jhon Jairo|Jhon Jairo,John Jairo
diego_alejandro||Diego Alejandro,Diego|Diego Alejandro|Diego Alejandro
carlos_mario||Carlos Mario,Carlos-Mario|Carlos Mario|Carlos Mario
jorge_ivan||Jorge Iván,Jorge Ivan|Jorge Ivan|Jorge Iván,Jorge Ivan
wilmer||Wilmer,Wilmar|Wilmer|Wilmer,Wilmar
yeison||Yeison,Jeison|Jeison,Jason|Yeison,Jeison
jhonatan||Jhonatan,Jonathan|Jonathan,Jhonatan|Jhonatan,Yonatan
oscar_dario||Óscar Darío,Oscar Dario|Oscar Dario|Óscar Darío,Oscar Darío
hector_fabio||Héctor Fabio,Hector Fabio|Hector Fabio|Héctor Fabio
fredy_alberto||Fredy Alberto,Freddy Alberto|Freddy Alberto|Fredy Alberto,Freddy Alberto
julian_david||Julián David,Julian David|Julian David|Julián David
camilo_andres||Camilo Andrés,Camilo|Camilo Andres|Camilo Andrés
edwin||Edwin|Edwin|Edwin,Edwyn
jairo||Jairo|Jairo|Jairo
albeiro||Albeiro|Albeiro|Albeiro,Alveiro
norbey||Norbey|Norbey|Norbey,Norbei
""",
    "male",
)
CO_GIVEN_F = _table(
    """
maria_fernanda||María Fernanda,Maria Fernanda|Maria Fernanda|María Fernanda
luz_dary||Luz Dary,Luz Dari|Luz Dary|Luz Dary
yuliana||Yuliana,Juliana|Juliana,Yuliana|Yuliana
paola_andrea||Paola Andrea|Paola Andrea|Paola Andrea
diana_marcela||Diana Marcela|Diana Marcela|Diana Marcela
leidy_johana||Leidy Johana,Lady Johanna|Lady Johanna,Leidy Johana|Leidy Johana,Leidy Yohana
sandra_milena||Sandra Milena|Sandra Milena|Sandra Milena
""",
    "female",
)
CO_FAMILY = _table(
    """
ramirez||Ramírez,Ramirez|Ramirez|Ramírez
gomez||Gómez,Gomez|Gomez|Gómez
castano||Castaño,Castano|Castano|Castaño
restrepo||Restrepo|Restrepo|Restrepo
ocampo||Ocampo|Ocampo|Ocampo
henao||Henao|Henao|Henao
cardona||Cardona|Cardona|Cardona
valencia||Valencia|Valencia|Valencia
zapata||Zapata|Zapata|Zapata
londono||Londoño,Londono|Londono|Londoño
giraldo||Giraldo|Giraldo|Giraldo
arango||Arango|Arango|Arango
quintero||Quintero|Quintero|Quintero
montoya||Montoya|Montoya|Montoya
mejia||Mejía,Mejia|Mejia|Mejía
salazar||Salazar|Salazar|Salazar
marin||Marín,Marin|Marin|Marín
osorio||Osorio|Osorio|Osorio
munoz||Muñoz,Munoz|Munoz|Muñoz
hernandez||Hernández,Hernandez|Hernandez|Hernández
betancur||Betancur,Betancourt|Betancourt,Betancur|Betancur,Betancourt
aristizabal||Aristizábal,Aristizabal|Aristizabal|Aristizábal
echeverri||Echeverri,Echeverry|Echeverry,Echeverri|Echeverri,Echeverry
cordoba||Córdoba,Cordoba|Cordoba|Córdoba
palacios||Palacios|Palacios|Palacios
mosquera||Mosquera|Mosquera|Mosquera
renteria||Rentería,Renteria|Renteria|Rentería
caicedo||Caicedo,Caycedo|Caicedo|Caicedo,Caycedo
velez||Vélez,Velez|Velez|Vélez
agudelo||Agudelo|Agudelo|Agudelo
"""
)
ES_GIVEN = _table(
    """
francisco_javier||Francisco Javier,Francisco-Javier|Francisco Javier|Francisco Javier,Fco. Javier
manuel||Manuel|Manuel|Manuel
antonio||Antonio|Antonio|Antonio
jose_manuel||José Manuel,Jose Manuel|Jose Manuel|José Manuel
juan_antonio||Juan Antonio,Juan-Antonio|Juan Antonio|Juan Antonio
miguel_angel||Miguel Ángel,Miguel Angel|Miguel Angel|Miguel Ángel
rafael||Rafael|Rafael|Rafael
david||David|David|David
sergio||Sergio|Sergio|Sergio
alejandro||Alejandro|Alejandro|Alejandro
jesus||Jesús,Jesus|Jesus|Jesús
francisco_jose||Francisco José,Francisco Jose|Francisco Jose|Francisco José,Fco. José
daniel||Daniel|Daniel|Daniel
ivan||Iván,Ivan|Ivan|Iván
jose_antonio||José Antonio,Jose Antonio|Jose Antonio|José Antonio
""",
    "male",
)
ES_GIVEN_F = _table(
    """
maria_del_carmen||María del Carmen,Maria del Carmen|Maria del Carmen|María del Carmen,Mari Carmen
rocio||Rocío,Rocio|Rocio|Rocío
lucia||Lucía,Lucia|Lucia|Lucía
inmaculada||Inmaculada|Inmaculada|Inmaculada,Inma
""",
    "female",
)
ES_FAMILY = _table(
    """
garcia||García,Garcia|Garcia|García
fernandez||Fernández,Fernandez|Fernandez|Fernández
gonzalez||González,Gonzalez|Gonzalez|González
rodriguez||Rodríguez,Rodriguez|Rodriguez|Rodríguez
lopez||López,Lopez|Lopez|López
martinez||Martínez,Martinez|Martinez|Martínez
sanchez||Sánchez,Sanchez|Sanchez|Sánchez
perez||Pérez,Perez|Perez|Pérez
romero||Romero|Romero|Romero
ruiz||Ruiz|Ruiz|Ruiz
moreno||Moreno|Moreno|Moreno
jimenez||Jiménez,Jimenez|Jimenez|Jiménez
navarro||Navarro|Navarro|Navarro
dominguez||Domínguez,Dominguez|Dominguez|Domínguez
vazquez||Vázquez,Vazquez|Vazquez|Vázquez
benitez||Benítez,Benitez|Benitez|Benítez
rivas||Rivas|Rivas|Rivas
cortes||Cortés,Cortes|Cortes|Cortés
serrano||Serrano|Serrano|Serrano
castillo||Castillo|Castillo|Castillo
"""
)
FR_GIVEN = _table(
    """
julien||Julien|Julien|Julien
kevin||Kévin,Kevin|Kevin|Kevin
anthony||Anthony,Anthonny|Anthony|Anthony,Antoni
jordan||Jordan|Jordan|Jordan
mickael||Mickaël,Mickael,Michaël|Michael,Mickael|Mickael,Michael
stephane||Stéphane,Stephane|Stephane|Stéphane,Stephane
sebastien||Sébastien,Sebastien|Sebastien|Sébastien,Sebastien
nicolas||Nicolas|Nicolas|Nicolás,Nicolas
romain||Romain|Romain|Romain
florian||Florian|Florian|Florián,Florian
jeremy||Jérémy,Jeremy|Jeremy|Jérémy,Jeremy
dylan||Dylan|Dylan|Dylan
thomas||Thomas|Thomas|Thomas,Tomás
maxime||Maxime|Maxime|Maxime
ludovic||Ludovic|Ludovic|Ludovic
gregory||Grégory,Gregory|Gregory|Gregory,Gregorio
""",
    "male",
)
FR_GIVEN_F = _table(
    """
laetitia||Laetitia,Lætitia,Létitia|Laetitia,Leticia|Leticia,Laetitia
jessica||Jessica|Jessica|Jessica,Yésica
emilie||Émilie,Emilie|Emilie|Emilie
audrey||Audrey|Audrey|Audrey
sabrina||Sabrina|Sabrina|Sabrina
""",
    "female",
)
FR_FAMILY = _table(
    """
moreau||Moreau|Moreau|Moreau
lefebvre||Lefebvre,Lefèvre|Lefebvre|Lefebvre
girard||Girard|Girard|Girard
fontaine||Fontaine|Fontaine|Fontaine
rousseau||Rousseau|Rousseau|Rousseau
mercier||Mercier|Mercier|Mercier
bonnet||Bonnet|Bonnet|Bonnet
dupuis||Dupuis,Dupuy|Dupuis|Dupuis
lambert||Lambert|Lambert|Lambert
garnier||Garnier|Garnier|Garnier
chevalier||Chevalier|Chevalier|Chevalier
marchand||Marchand|Marchand|Marchand
gauthier||Gauthier,Gautier|Gauthier|Gauthier
perrin||Perrin|Perrin|Perrin
roussel||Roussel|Roussel|Roussel
morel||Morel|Morel|Morel
leclerc||Leclerc,Leclercq|Leclerc|Leclerc
da_silva||Da Silva,Dasilva|Da Silva|Da Silva
ferreira||Ferreira|Ferreira|Ferreira
rodrigues||Rodrigues|Rodrigues|Rodrigues,Rodríguez
"""
)
NL_GIVEN = _table(
    """
jeroen||Jeroen|Jeroen|Jeroen
bas||Bas|Bas|Bas
pieter||Pieter|Pieter,Peter|Pieter
sander||Sander|Sander|Sander
joost||Joost|Joost|Joost
daan||Daan|Daan|Daan
""",
    "male",
)
NL_GIVEN_F = _table(
    """
marloes||Marloes|Marloes|Marloes
anouk||Anouk|Anouk|Anouk
""",
    "female",
)
NL_FAMILY = _table(
    """
de_vries||de Vries,De Vries|de Vries,De Vries|de Vries
van_den_berg||van den Berg,Van den Berg|van den Berg,Van Den Berg|van den Berg
jansen||Jansen|Jansen,Janssen|Jansen
bakker||Bakker|Bakker|Bakker
visser||Visser|Visser|Visser
smit||Smit|Smit,Smith|Smit
meijer||Meijer,Meyer|Meijer,Meyer|Meijer
de_jong||de Jong,De Jong|de Jong|de Jong
van_dijk||van Dijk,Van Dyk|van Dijk,Van Dyk|van Dijk
mulder||Mulder|Mulder|Mulder
"""
)
WA_GIVEN = _table(
    """
mamadou||Mamadou,Mamadu|Mamadou,Mamadu|Mamadou,Mamadú|Mamadu
ousmane||Ousmane,Oumane|Usman,Ousman|Usman,Ousmane|Usmane
ibrahima||Ibrahima|Ibrahima,Ibrahim|Ibrahima|Braima
abdoulaye||Abdoulaye,Abdoulay|Abdoulie,Abdullahi|Abdulai,Abdoulaye|Abdulai
cheikh||Cheikh,Cheick|Sheikh,Shaykh|Cheikh,Cheij|Cheikh
moussa||Moussa|Musa|Musa,Moussa|Mussa
modou||Modou|Modou,Modu|Modou,Modú|Modu
aliou||Aliou,Alioune|Alieu,Aliyu|Aliu,Aliou|Aliu
pape||Pape,Papa|Pap,Pape|Pape|Pape
babacar||Babacar|Babucarr,Babacar|Babacar|Babacar
lamine||Lamine,Lamin|Lamin|Lamine,Lamín|Lamine
seydou||Seydou,Seidou|Saidu,Seydou|Seidu,Seydou|Seidu
amadou||Amadou|Ahmadu,Amadou|Amadou,Amadú|Amadu
ansoumane||Ansoumane,Ansoumana|Ansumana|Ansumane|Ansumane
""",
    "male",
)
WA_GIVEN_F = _table(
    """
aminata||Aminata|Aminata,Amina|Aminata|Aminata
fatou||Fatou|Fatou,Fatu|Fatou,Fatú|Fatu
awa||Awa,Aoua|Awa|Awa|Awa
""",
    "female",
)
WA_FAMILY = _table(
    """
diop||Diop|Diop,Jobe|Diop|Diop
ndiaye||Ndiaye,N'Diaye|Njie,Ndiaye|Ndiaye|Ndiaye
fall||Fall|Fall|Fall,Fal|Fall
sow||Sow|Sowe,Sow|Sow|Só
ba||Ba,Bah|Bah,Ba|Ba|Bá
diallo||Diallo|Jallow,Diallo|Diallo,Dialo|Djaló,Djalo
cisse||Cissé,Cisse|Sisay,Cisse|Cissé|Cissé
faye||Faye|Faye|Faye|Faye
gueye||Guèye,Gueye|Gaye,Gueye|Gueye|Gueye
seck||Seck|Secka,Seck|Seck|Seck
sarr||Sarr,Sar|Sarr|Sarr|Sarr
mbaye||Mbaye,M'Baye|Mbye,Mbaye|Mbaye|Mbaie
toure||Touré,Toure|Touray,Toure|Turé,Touré|Turé
balde||Baldé,Balde|Baldeh,Balde|Baldé|Baldé
camara||Camara|Kamara,Camara|Camara|Camará
sane||Sané,Sane|Sanneh,Sane|Sané|Sané
"""
)

NICKNAMES = {
    "co": ("El Flaco", "El Paisa", "El Mono", "El Ingeniero", "Pipe", "El Costeño", "Chucho"),
    "es": ("El Rubio", "El Canijo", "El Niño", "El Gallego", "El Largo"),
    "fr": ("Le Gitan", "Bébé", "Le Blond", "Titi", "Le Grand", "Le Marseillais"),
    "wa": ("Le Vieux", "Grand Pape", "Pa Modou", "Boy Dakar"),
    "nl": ("De Boer", "Kleine Bas"),
}

# Levantine and Gulf first names are not usual in the Maghreb: the Maghreb pool stops before them.
MAGHREB_GIVEN = ARAB_GIVEN[: [n.key for n in ARAB_GIVEN].index("hussein")]

# culture -> (given male, given female, family)
POOLS: dict[str, tuple[tuple[Name, ...], tuple[Name, ...], tuple[Name, ...]]] = {
    "maghreb": (MAGHREB_GIVEN, ARAB_GIVEN_F, MAGHREB_FAMILY),
    "levant": (ARAB_GIVEN, ARAB_GIVEN_F, LEVANT_FAMILY),
    "gulf": (ARAB_GIVEN, ARAB_GIVEN_F, GULF_FAMILY),
    "co": (CO_GIVEN, CO_GIVEN_F, CO_FAMILY),
    "es": (ES_GIVEN, ES_GIVEN_F, ES_FAMILY),
    "fr": (FR_GIVEN, FR_GIVEN_F, FR_FAMILY),
    "nl": (NL_GIVEN, NL_GIVEN_F, NL_FAMILY),
    "wa": (WA_GIVEN, WA_GIVEN_F, WA_FAMILY),
}
ARABIC_CULTURES = frozenset({"maghreb", "levant", "gulf"})


@dataclass(slots=True)
class PersonName:
    """A real person's name: keys into the tables, rendered per convention on demand."""

    culture: str
    given: Name
    family: Name
    family2: Name | None = None  # Hispanic second surname
    father: Name | None = None  # Arabic nasab / Emirati father's name
    nickname: str = ""  # a street name known to investigators, the same in every file


def render_name(pn: PersonName, conv: str, rng: Random, style: str) -> dict[str, list[str]]:
    """Properties `name`, `firstName`, `lastName`, `fatherName` as one agency writes them.

    `style` is the house style: "police_fr" (surname in capitals, often first), "registry"
    (Given Family), "mrz" (upper-case, no diacritics), "es" (Spanish order, both surnames),
    "ar" (Arabic script, with the father's name when known).
    """
    given = pn.given.pick(conv, rng)
    family = pn.family.pick(conv, rng)
    if pn.family2 is not None:
        keep_second = conv == "es" or style == "mrz" or rng.random() < 0.45
        if keep_second:
            family = f"{family} {pn.family2.pick(conv, rng)}"
    props: dict[str, list[str]] = {}
    if style == "ar":
        if pn.father is not None and rng.random() < 0.6:
            father = pn.father.primary("ar")
            link = " بن " if pn.culture == "maghreb" else " "
            full = f"{given}{link}{father} {family}"
            props["fatherName"] = [father]
        else:
            full = f"{given} {family}"
    elif style == "mrz":
        given, family = ascii_upper(given), ascii_upper(family)
        full = f"{given} {family}"
    elif style == "police_fr":
        roll = rng.random()
        if roll < 0.45:
            full = f"{family.upper()} {given}"
        elif roll < 0.8:
            full = f"{given} {family.upper()}"
        else:
            full = f"{given} {family}"
    elif style == "es" and rng.random() < 0.25:
        full = f"{family}, {given}"
    else:
        if pn.father is not None and pn.culture == "gulf" and rng.random() < 0.5:
            given_full = f"{given} {pn.father.pick(conv, rng)}"
        else:
            given_full = given
        full = f"{given_full} {family}"
    props["name"] = [full]
    if style != "ar" or rng.random() < 0.5:
        props["firstName"] = [given]
        props["lastName"] = [family]
    return props


def latin_alias(pn: PersonName, conv: str) -> str:
    """The Latin spelling printed beside the Arabic one on an identity card."""
    return f"{pn.given.primary(conv)} {pn.family.primary(conv)}"


def typo(text: str, rng: Random) -> str:
    """One keying slip, as on a hand-typed manifest: a doubled or dropped letter."""
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    if not text[i].isalpha():
        return text
    if rng.random() < 0.5:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1 :]
