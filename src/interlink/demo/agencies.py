"""The agencies of the demo case, how each writes names, and the terms of each of its sources.

Each agency keeps its own partial view: a Moroccan police file in Arabic script, a French
anti-narcotics procedure with surnames in capitals, Spanish customs seizure reports and
passenger lists, a Colombian wiretap, a UAE customs and trade-licence file, a French FIU's
suspicious transaction reports, a Dutch fiscal investigation, a Senegalese seizure at sea.
"""

from __future__ import annotations

from dataclasses import dataclass

from interlink.core.agency import Agency

AGENCIES: tuple[Agency, ...] = (
    Agency.create(
        "MA-DGSN", "MA",
        name="General Directorate for National Security",
        fr="Direction générale de la sûreté nationale",
        ar="المديرية العامة للأمن الوطني",
        es="Dirección General de Seguridad Nacional",
    ),
    Agency.create(
        "FR-OFAST", "FR",
        name="French Anti-Narcotics Office",
        fr="Office anti-stupéfiants",
        ar="المكتب الفرنسي لمكافحة المخدرات",
        es="Oficina Antiestupefacientes de Francia",
    ),
    Agency.create(
        "ES-DAVA", "ES",
        name="Customs Surveillance Service (Spanish Tax Agency)",
        es="Dirección Adjunta de Vigilancia Aduanera",
        fr="Service de surveillance douanière (Espagne)",
        ar="مديرية المراقبة الجمركية الإسبانية",
    ),
    Agency.create(
        "CO-DIRAN", "CO",
        name="Anti-Narcotics Directorate, National Police of Colombia",
        es="Dirección de Antinarcóticos de la Policía Nacional",
        fr="Direction antinarcotiques de la Police nationale de Colombie",
        ar="مديرية مكافحة المخدرات في الشرطة الوطنية الكولومبية",
    ),
    Agency.create(
        "AE-FCA", "AE",
        name="Federal Customs Authority",
        ar="الهيئة الاتحادية للجمارك",
        fr="Autorité fédérale des douanes",
        es="Autoridad Federal de Aduanas",
    ),
    Agency.create(
        "FR-TRACFIN", "FR",
        name="TRACFIN, French Financial Intelligence Unit",
        fr="Traitement du renseignement et action contre les circuits financiers clandestins",
        ar="وحدة الاستخبارات المالية الفرنسية",
        es="Unidad de Inteligencia Financiera de Francia",
    ),
    Agency.create(
        "NL-FIOD", "NL",
        name="Fiscal Information and Investigation Service",
        nl="Fiscale Inlichtingen- en Opsporingsdienst",
        fr="Service d'information et d'enquête fiscales (Pays-Bas)",
        ar="دائرة المعلومات والتحقيقات الضريبية (هولندا)",
        es="Servicio de Información e Investigación Fiscal (Países Bajos)",
    ),
    Agency.create(
        "SN-OCRTIS", "SN",
        name="Central Office for the Repression of Illicit Drug Trafficking",
        fr="Office central de répression du trafic illicite des stupéfiants",
        ar="المكتب المركزي لقمع الاتجار غير المشروع بالمخدرات",
        es="Oficina Central de Represión del Tráfico Ilícito de Estupefacientes",
    ),
)
AGENCY_CODES = tuple(a.code for a in AGENCIES)

MA, FR, ES, CO, AE, TF, NL, SN = AGENCY_CODES


@dataclass(frozen=True, slots=True)
class Profile:
    """How an agency writes what it holds."""

    code: str
    prefix: str  # lower-case code, the namespace of its record ids
    lang: str  # language of free text (seizure names, charges)
    conv: str  # naming convention for Latin spellings
    style: str  # house style of a person's name (see names.render_name)
    arabic: bool  # writes Arab names in Arabic script, the Latin one as alias
    p_birth: float  # how often a person record carries what the agency knows
    p_nationality: float
    p_phone: float
    p_address: float


PROFILES = {
    MA: Profile(MA, "ma-dgsn", "ar", "fr", "ar", True, 0.95, 0.8, 0.6, 0.6),
    FR: Profile(FR, "fr-ofast", "fr", "fr", "police_fr", False, 0.85, 0.7, 0.7, 0.5),
    ES: Profile(ES, "es-dava", "es", "es", "es", False, 0.6, 0.8, 0.4, 0.3),
    CO: Profile(CO, "co-diran", "es", "es", "es", False, 0.8, 0.8, 0.7, 0.5),
    AE: Profile(AE, "ae-fca", "en", "en", "ar", True, 0.9, 0.95, 0.4, 0.3),
    TF: Profile(TF, "fr-tracfin", "fr", "fr", "registry", False, 0.75, 0.6, 0.3, 0.7),
    NL: Profile(NL, "nl-fiod", "en", "fr", "registry", False, 0.6, 0.6, 0.2, 0.5),
    SN: Profile(SN, "sn-ocrtis", "fr", "fr", "police_fr", False, 0.7, 0.8, 0.6, 0.3),
}


@dataclass(frozen=True, slots=True)
class SourceTerms:
    """The owner's terms for one kind of source, and how its references are written."""

    kind: str
    handling: str
    tlp: str
    source_grade: str
    info_grade: str
    purposes: tuple[str, ...]
    ref: str  # str.format template: {year}, {n}, {date}
    conditions: str = ""


_DRUGS = ("drug_trafficking", "organised_crime")
_ML = ("money_laundering", "drug_trafficking")
_TRACFIN_H3 = (
    "Financial intelligence (art. L561-31 CMF): intelligence use only; no use in judicial "
    "proceedings and no onward transmission without the prior written consent of TRACFIN."
)

SOURCES: dict[str, dict[str, SourceTerms]] = {
    MA: {
        "investigation": SourceTerms("investigation", "H2", "AMBER", "B", "2", _DRUGS,
                                     "DGSN/BNPJ/{year}/{n:04d}"),
        "wiretap": SourceTerms("wiretap", "H2", "RED", "A", "2", _DRUGS,
                               "DGSN/BNPJ/INT/{year}/{n:04d}"),
        "seizure": SourceTerms("seizure", "H1", "GREEN", "A", "1", ("drug_trafficking",),
                               "DGSN/PV/{year}/{n:05d}"),
        "civil": SourceTerms("civil", "H0", "AMBER", "A", "1", _DRUGS,
                             "DGSN/CNIE/{year}/{n:05d}"),
    },
    FR: {
        "investigation": SourceTerms("investigation", "H1", "AMBER", "B", "2", _DRUGS,
                                     "OFAST/{year}/PROC-{n:05d}"),
        "wiretap": SourceTerms("wiretap", "H2", "RED", "A", "2", _DRUGS,
                               "OFAST/{year}/INT-{n:04d}"),
        "seizure": SourceTerms("seizure", "H0", "GREEN", "A", "1", ("drug_trafficking",),
                               "OFAST/{year}/PV-{n:05d}"),
    },
    ES: {
        "seizure": SourceTerms("seizure", "H0", "GREEN", "A", "1", ("drug_trafficking",),
                               "DAVA/AVA/{year}/{n:05d}"),
        "investigation": SourceTerms("investigation", "H1", "AMBER", "B", "2", _DRUGS,
                                     "DAVA/DIL/{year}/{n:04d}"),
        "manifest": SourceTerms("manifest", "H0", "AMBER", "A", "1", _DRUGS,
                                "DAVA/API/{date}/{n:04d}"),
        "registry": SourceTerms("registry", "H0", "GREEN", "A", "1", _DRUGS,
                                "DAVA/BUQUES/{year}/{n:04d}"),
    },
    CO: {
        "investigation": SourceTerms("investigation", "H2", "AMBER+STRICT", "B", "2", _DRUGS,
                                     "DIRAN/SIJIN/{year}/{n:05d}"),
        "wiretap": SourceTerms("wiretap", "H2", "RED", "A", "2", _DRUGS,
                               "DIRAN/INT/{year}/{n:04d}"),
        "seizure": SourceTerms("seizure", "H0", "GREEN", "A", "1", ("drug_trafficking",),
                               "DIRAN/INC/{year}/{n:05d}"),
    },
    AE: {
        "seizure": SourceTerms("seizure", "H1", "AMBER", "A", "1", ("drug_trafficking",),
                               "FCA/SEZ/{year}/{n:05d}"),
        "manifest": SourceTerms("manifest", "H0", "AMBER", "A", "1", _DRUGS,
                                "FCA/API/{date}/{n:04d}"),
        "registry": SourceTerms("registry", "H0", "GREEN", "A", "1",
                                ("drug_trafficking", "money_laundering"),
                                "FCA/TL/{year}/{n:05d}"),
    },
    TF: {
        "str": SourceTerms("str", "H3", "AMBER+STRICT", "B", "3", _ML, "TRACFIN/DS/{year}/{n:06d}",
                           _TRACFIN_H3),
        "note": SourceTerms("note", "H3", "RED", "B", "2", _ML, "TRACFIN/NOTE/{year}/{n:04d}",
                            _TRACFIN_H3),
    },
    NL: {
        "investigation": SourceTerms("investigation", "H1", "AMBER", "B", "2",
                                     ("money_laundering", "organised_crime"),
                                     "FIOD/{year}/ONDERZOEK-{n:04d}"),
        "registry": SourceTerms("registry", "H0", "GREEN", "A", "1", ("money_laundering",),
                                "FIOD/KVK/{year}/{n:05d}"),
    },
    SN: {
        "investigation": SourceTerms("investigation", "H1", "AMBER", "C", "3", _DRUGS,
                                     "OCRTIS/{year}/ENQ-{n:04d}"),
        "wiretap": SourceTerms("wiretap", "H2", "RED", "B", "2", _DRUGS,
                               "OCRTIS/{year}/INT-{n:04d}"),
        "seizure": SourceTerms("seizure", "H0", "GREEN", "A", "1", ("drug_trafficking",),
                               "OCRTIS/{year}/PV-{n:04d}"),
    },
}

# What each agency calls a charge, in its own language.
CHARGES = {
    MA: ("الاتجار الدولي في المخدرات", "تكوين عصابة إجرامية", "حيازة ونقل المخدرات",
         "تبييض الأموال"),
    FR: ("Importation de stupéfiants en bande organisée", "Association de malfaiteurs",
         "Trafic de stupéfiants", "Blanchiment du produit du trafic de stupéfiants"),
    ES: ("Delito contra la salud pública", "Organización criminal", "Contrabando",
         "Blanqueo de capitales"),
    CO: ("Tráfico, fabricación o porte de estupefacientes", "Concierto para delinquir agravado",
         "Tráfico de estupefacientes", "Lavado de activos"),
    AE: ("Smuggling of narcotic and psychotropic substances", "Participation in an organised gang",
         "Possession of psychotropic substances", "Money laundering"),
    TF: ("Blanchiment", "Blanchiment", "Blanchiment", "Blanchiment"),
    NL: ("Witwassen (art. 420bis Sr)", "Deelneming aan een criminele organisatie (art. 140 Sr)",
         "Witwassen (art. 420bis Sr)", "Witwassen (art. 420bis Sr)"),
    SN: ("Trafic international de drogue", "Association de malfaiteurs",
         "Détention et transport de drogue", "Blanchiment de capitaux"),
}

COMMODITY_NAMES = {
    "cocaine": {"fr": "cocaïne", "es": "cocaína", "en": "cocaine", "ar": "الكوكايين"},
    "cannabis resin": {"fr": "résine de cannabis", "es": "hachís", "en": "cannabis resin",
                       "ar": "مخدر الشيرا"},
    "captagon": {"fr": "captagon", "es": "captagón", "en": "captagon", "ar": "الكبتاغون"},
    "cash": {"fr": "numéraire", "es": "efectivo", "en": "cash", "ar": "مبالغ مالية"},
}
SEIZURE_TITLE = {
    "fr": "Saisie de {qty} {unit} de {what}, {where}",
    "es": "Aprehensión de {qty} {unit} de {what} en {where}",
    "en": "Seizure of {qty} {unit} of {what} at {where}",
    "ar": "حجز {qty} {unit} من {what} - {where}",
}
UNIT_NAMES = {
    "kg": {"fr": "kg", "es": "kg", "en": "kg", "ar": "كلغ"},
    "tablets": {"fr": "comprimés", "es": "comprimidos", "en": "tablets", "ar": "قرص"},
    "EUR": {"fr": "EUR", "es": "EUR", "en": "EUR", "ar": "يورو"},
    "AED": {"fr": "AED", "es": "AED", "en": "AED", "ar": "درهم إماراتي"},
    "USD": {"fr": "USD", "es": "USD", "en": "USD", "ar": "دولار"},
    "MAD": {"fr": "MAD", "es": "MAD", "en": "MAD", "ar": "درهم"},
    "XOF": {"fr": "FCFA", "es": "XOF", "en": "XOF", "ar": "فرنك"},
}
ARREST_TITLE = {
    "fr": "Interpellation de {who}", "es": "Detención de {who}", "en": "Arrest of {who}",
    "ar": "توقيف {who}",
}
