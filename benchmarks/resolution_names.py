"""Names of the cross-script resolution benchmark: Algerian names in Arabic and Latin script.

Source: the Faker package (MIT licence, https://pypi.org/project/Faker/), locales `ar_DZ`
(Arabic script) and `fr_DZ` (French spelling), both "translated from" the same public
first-name statistics and family-name lists of Algeria by Faker's contributors. Faker ships
the two lists separately and unpaired; the pairing below (which `fr_DZ` spelling each `ar_DZ`
name translates) was written by hand for this benchmark, reading both lists, and never with
interlink.names: the Arabic-script forms are Faker's human translations, so nothing here
comes from our own transliteration. Entries of `ar_DZ` without a counterpart in `fr_DZ`
(مزرية, لخضر) or misspelt in Faker (مداهد for مجاهد, يحبَوي for يحياوي) are left out;
names the translators rendered loosely are kept as they are (صالح for "Salah", رشدي for
"Rachedi"), because real records contain such pairs too. The test reads both Faker lists
and checks that every pair below is in them.

`LATIN_VARIANTS` is this benchmark's own respelling of the French forms in English and
Spanish conventions (a separate table, again not interlink.names).
"""

from __future__ import annotations

#: ar_DZ male first name -> fr_DZ spelling.
MALE = {
    "آدم": "Adam", "أسامة": "Oussama", "أحمد": "Ahmed", "أرزقي": "Arezki", "أكرم": "Akram",
    "أمين": "Amine", "أمير": "Amir", "أنيس": "Anis", "أيمن": "Aymen", "أيوب": "Ayoub",
    "إبراهيم": "Ibrahim", "إلياس": "Ilyes", "عبد الرحمن": "Abderrahmane",
    "عبد الرؤوف": "Abderaouf", "عبد القادر": "Abdelkader", "علاء الدين": "Aladin",
    "عادل": "Adel", "علي": "Ali", "عمر": "Omar", "فاتح": "Fatteh", "فارس": "Fares",
    "فاروق": "Farouk", "فريد": "Farid", "فرحات": "Ferhat", "فضيل": "Fodil", "غِلاس": "Ghilas",
    "قادة": "Kada", "خالد": "Khaled", "خليل": "Khalil", "رابح": "Rabah", "رضا": "Rida",
    "رشدي": "Rochdi", "رشيد": "Rachid", "رمزي": "Ramzi", "رياض": "Riad", "زكريا": "Zakaria",
    "سعد": "Saad", "سعيد": "Said", "سامي": "Sami", "سمير": "Samir", "سفيان": "Sofiane",
    "سليم": "Salim", "صالح": "Salah", "شعبان": "Chabane", "شريف": "Cherif", "طه": "Taha",
    "لطفي": "Lotfi", "لمين": "Lamine", "مالك": "Malik", "ماسِينيسا": "Massinissa",
    "مراد": "Mourad", "محند": "Mohand", "محمد": "Mohamed", "مصطفى": "Mustapha",
    "منير": "Mounir", "مهدي": "Mehdi", "مولود": "Mouloud", "موسى": "Moussa", "ناصر": "Nacer",
    "ناظم": "Nazim", "نادر": "Nadir", "نسيم": "Nassim", "وليد": "Walid", "وسيم": "Wassim",
    "وناس": "Ouanes", "ياسر": "Yasser", "ياسين": "Yacine", "يانيس": "Yanis", "يحيى": "Yahia",
    "يوسف": "Youcef", "يونس": "Younes", "يوبا": "Youba",
}  # fmt: skip

#: ar_DZ female first name -> fr_DZ spelling.
FEMALE = {
    "آية": "Aya", "أماني": "Amani", "أمل": "Amel", "أمينة": "Amina", "أميرة": "Amira",
    "أناييس": "Anaïs", "أنيسة": "Anissa", "أسماء": "Asma", "إكرام": "Ikram", "إيمان": "Imene",
    "إيناس": "Ines", "بشرى": "Bouchra", "تينهينان": "Thinhinane", "حياة": "Hayat",
    "خديجة": "Khadidja", "داليا": "Dalia", "دنيا": "Dounia", "رانية": "Rania", "رشا": "Racha",
    "روز": "Rose", "ريم": "Rim", "ريما": "Ryma", "زينة": "Zina", "زينب": "Zineb", "سارة": "Sara",
    "سعاد": "Souad", "سرين": "Serine", "سلمى": "Salma", "سليمة": "Salima", "سميرة": "Samira",
    "سومية": "Soumia", "سيليا": "Célia", "سيلين": "Céline", "شيراز": "Chiraz",
    "صبرينة": "Sabrina", "صفية": "Safia", "صوفيا": "Sofia", "فاطمة": "Fatima", "فرح": "Farah",
    "فريال": "Feriel", "فوزية": "Fouzia", "فلة": "Fella", "كاتيا": "Katia", "كاهينة": "Kahina",
    "ليديا": "Lydia", "ليزا": "Lisa", "ليلى": "Leila", "ليليا": "Lilia", "ليندة": "Lynda",
    "لينا": "Lina", "ماريا": "Maria", "مايا": "Maya", "ملاك": "Malak", "مروة": "Marwa",
    "مريم": "Meriem", "مينة": "Mina", "ميرا": "Mira", "ميليسا": "Mélissa", "نادية": "Nadia",
    "نسرين": "Nesrine", "نجمة": "Nedjma", "نريمان": "Narimane", "نوال": "Nawal", "نهاد": "Nihad",
    "نور": "Nour", "هاجر": "Hadjer", "هانية": "Hania", "هدى": "Houda", "هناء": "Hana",
    "وفاء": "Wafae", "ياسمين": "Yasmine", "ياسمينة": "Yasmina", "يسرى": "Yousra",
}  # fmt: skip

#: ar_DZ family name -> fr_DZ spelling.
FAMILY = {
    "أعراب": "Arab", "إبراهيمي": "Brahimi", "إخلف": "Ikhlef", "إسماعيل": "Smail",
    "باشا": "Bacha", "باي": "Bey", "بحري": "Bahri", "بختي": "Bakhti", "بخوش": "Bakhouche",
    "بغدادي": "Baghdadi", "بركان": "Berkane", "بركاني": "Berkani", "بلبشير": "Belbachir",
    "بلحاج": "Belhadj", "بلخير": "Belkheir", "بلخيري": "Belkhiri", "بلعربي": "Belarbi",
    "بلعيد": "Belaid", "بلعيدي": "Belaidi", "بلقادي": "Belkadi", "بلقاسم": "Belkacem",
    "بلقاسمي": "Belkacemi", "بن أحمد": "Benahmed", "بن زيان": "Benziane",
    "بن سالم": "Bensalem", "بن سعيد": "Bensaid", "بن سليمان": "Benslimane",
    "بن شيخ": "Bencheikh", "بن صالح": "Bensalah", "بن عامر": "Benameur",
    "بن عبد الله": "Benabdellah", "بن علي": "Benali", "بن عمار": "Benamar",
    "بن عمارة": "Benamara", "بن عودة": "Benaouda", "بن عيسى": "Benaissa",
    "بن موسى": "Benmoussa", "بن يحيى": "Benyahia", "بن يمينة": "Benyamina",
    "بن يوسف": "Benyoucef", "بو عافية": "Bouafia", "بو عبد الله": "Bouabdellah",
    "بوبكر": "Boubekeur", "بوتالب": "Boutaleb", "بوجمعة": "Boudjemaa", "بوخاتم": "Boukhatem",
    "بوخاري": "Boukhari", "بوخلفة": "Boukhalfa", "بودراع": "Boudraa", "بوزيان": "Bouziane",
    "بوزيد": "Bouzid", "بوزيدي": "Bouzidi", "بوسعيد": "Boussaid", "بوشامة": "Bouchama",
    "بوشارب": "Bouchareb", "بوعزيز": "Bouaziz", "بوعلام": "Boualem", "بوعلي": "Bouali",
    "بومدين": "Boumediene", "بومعزة": "Boumaza", "بوناب": "Bounab", "تابت": "Tabet",
    "تومي": "Toumi", "تواتي": "Touati", "جبار": "Djebbar", "جلال": "Djellal",
    "جلولي": "Djellouli", "جودي": "Djoudi", "داود": "Daoud", "داوودي": "Daoudi",
    "دحمان": "Dahmane", "دحماني": "Dahmani", "دراجـي": "Derradji", "دربال": "Derbal",
    "دركاوي": "Derkaoui", "درويش": "Derouiche", "ديب": "Dib", "دياف": "Diaf", "ديف": "Dif",
    "رابحي": "Rabhi", "رحال": "Rahal", "رحمون": "Rahmoune", "رحماني": "Rahmani",
    "رحموني": "Rahmouni", "ربيعة": "Rabia", "رشدي": "Rachedi", "رزّيق": "Rezig",
    "رمضاني": "Ramdani", "زايدي": "Zaidi", "زاوي": "Zaoui", "زروال": "Zeroual",
    "زرّوقي": "Zerrouki", "زواوي": "Zouaoui", "زيان": "Ziane", "زياني": "Ziani",
    "زيتوني": "Zitouni", "زيدان": "Zidane", "ساسي": "Saci", "سالم": "Salem", "سالمي": "Salmi",
    "سعد": "Saad", "سعدي": "Saadi", "سعودي": "Saoudi", "سعيد": "Said", "سعيداني": "Saidani",
    "سعيدي": "Saidi", "سلامي": "Selami", "سلطاني": "Soltani", "سليماني": "Slimani",
    "سهلي": "Sahli", "سوداني": "Soudani", "سياح": "Sayah", "شايب": "Chaib", "شاوي": "Chaoui",
    "شريف": "Cherif", "شريفي": "Cherifi", "شرقي": "Chergui", "شعبان": "Chabane",
    "شعيباني": "Chibani", "شيخ": "Cheikh", "صالح": "Salah", "صالحي": "Salhi",
    "صحراوي": "Sahraoui", "صدِّيقي": "Seddiki", "طالب": "Taleb", "طالبي": "Talbi",
    "طايبي": "Taibi", "طحراوي": "Tahraoui", "طهري": "Tahri", "طويل": "Touil",
    "عثماني": "Otmani", "فارس": "Fares", "فرحات": "Ferhat", "فلاح": "Fellah",
    "فيلالي": "Filali", "قاسم": "Gacem", "قاسمي": "Gasmi", "قاسي": "Kaci", "قبائلي": "Kebaili",
    "قدور": "Kaddour", "قدوري": "Kaddouri", "قرفي": "Guerfi", "قريشي": "Korichi",
    "قندوز": "Guendouz", "قويدري": "Kouidri", "لحمر": "Lahmar", "لعربي": "Larbi",
    "لعريبي": "Laribi", "لعمري": "Lamri", "لوسيف": "Loucif", "لونيس": "Lounis", "ماحي": "Mahi",
    "ماعوش": "Maouche", "مالك": "Malek", "مالكي": "Malki", "مباركي": "Mebarki",
    "مخلوف": "Makhlouf", "مخلوفي": "Makhloufi", "مداح": "Meddah", "مداني": "Madani",
    "مرابط": "Merabet", "مراح": "Merah", "مرزوق": "Merzoug", "مرزوقي": "Merzougui",
    "مرسلي": "Morsli", "مزيان": "Meziane", "مزياني": "Meziani", "مسعودي": "Messaoudi",
    "مشري": "Mecheri", "مصباح": "Mesbah", "مصطفاوي": "Mostefaoui", "مفتاح": "Meftah",
    "مقدم": "Mokadem", "مقران": "Mokrane", "مقراني": "Mokrani", "محمدي": "Mohammedi",
    "محمودي": "Mahmoudi", "مختاري": "Mokhtari", "معزوز": "Mazouz", "معزوزي": "Mazouzi",
    "ميلودي": "Miloudi", "ميموني": "Mimouni", "ميهوبي": "Mihoubi", "مولاي": "Moulay",
    "موساوي": "Moussaoui", "موسى": "Moussa", "نايلي": "Naili", "ناصر": "Nacer",
    "نجار": "Nedjar", "نصري": "Nasri", "نوار": "Nouar", "نوري": "Nouri", "نوي": "Noui",
    "هاشمي": "Hachemi", "هني": "Henni", "هواري": "Houari", "يحيى": "Yahia", "يوسفي": "Yousfi",
}  # fmt: skip

#: Whole-name English/Middle-Eastern spellings of frequent given names (this benchmark's own).
LATIN_VARIANTS = {
    "Mohamed": ("Mohammed", "Muhammad", "Mohamad", "Mohammad"),
    "Ahmed": ("Ahmad",), "Youcef": ("Youssef", "Yusuf", "Yousef"), "Omar": ("Umar",),
    "Abdelkader": ("Abdel Kader", "Abdulkadir", "Abd El Kader"),
    "Abderrahmane": ("Abdel Rahman", "Abdurrahman", "Abderrahman"),
    "Oussama": ("Usama", "Osama"), "Mustapha": ("Mustafa", "Moustafa"),
    "Rachid": ("Rashid", "Rachide"), "Khadidja": ("Khadija", "Khadiga"),
    "Fatima": ("Fatma", "Fatimah"), "Yacine": ("Yassine", "Yasin"),
    "Ibrahim": ("Brahim", "Ebrahim"), "Said": ("Saeed", "Saïd"), "Mehdi": ("Mahdi",),
    "Mourad": ("Murad",), "Younes": ("Yunus", "Younis"), "Ilyes": ("Ilyas", "Elias"),
    "Meriem": ("Maryam", "Myriam"), "Houda": ("Huda",), "Souad": ("Suad",),
    "Aladin": ("Alaeddine", "Ala Eddine"), "Zakaria": ("Zakariya", "Zakarya"),
}  # fmt: skip
