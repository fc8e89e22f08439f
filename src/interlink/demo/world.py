"""The real world behind the demo: who the people are, what they own, what they did.

A *group* is the unit of scale: six cells that share a money-laundering network.

- ``coke_wa``: cocaine from South America by mothership to West Africa (Senegal or
  Guinea-Bissau), on by go-fast through Morocco and Spain to France;
- ``coke_box``: cocaine in reefer containers from Colombia or Ecuador to Algeciras, Valencia,
  Rotterdam or Le Havre, extracted by port insiders, distributed in France;
- ``hash_boat`` and ``hash_truck``: cannabis resin from the Rif by go-fast across the Strait or in
  lorries through Tanger Med, to Spain and France;
- ``captagon``: tablets from Syria through Lebanon (or Jordan) to the Emirates and Saudi Arabia;
- ``money``: a professional laundering network run from Dubai, with collectors and money mules
  in France, shells in the Netherlands, the Emirates and Hong Kong, serving the other cells.

Nothing here is a record yet: `emit.py` turns each agency's share of these facts into that
agency's records, in its language and with its gaps. Everything is drawn from one
`random.Random` per group, so a group is the same whatever the scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import Any

from interlink.demo import idents
from interlink.demo.agencies import AGENCY_CODES
from interlink.demo.names import NICKNAMES, POOLS, Name, PersonName
from interlink.demo.places import (
    AIRPORTS,
    BANKS,
    CITIES,
    CURRENCY,
    ROUTES,
    Place,
    phone_number,
    street_address,
)

CALLS_PER_CONTACT = 3
REFERENCE_DATE = date(2026, 6, 30)  # "today" of the demo; nothing is dated after it
FIRST_DAY = date(2023, 1, 2).toordinal()
LAST_DAY = REFERENCE_DATE.toordinal() - 30


class DemoRandom(Random):
    """`random.Random` with `randrange` and `choice` computed from one `random()` draw.

    Five times faster than the standard ones (which loop on `getrandbits`), and defined here,
    so the stream does not depend on how a Python version implements them.
    """

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))

    def choice(self, seq: Any) -> Any:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]


def iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


# --- real entities -----------------------------------------------------------------------
@dataclass(slots=True, eq=False)
class Address:
    rid: str
    city: Place
    full: dict[str, str]  # convention -> text
    parts: dict[str, str]

    @property
    def country(self) -> str:
        return self.city.country

    def text(self, conv: str) -> str:
        return self.full.get(conv) or self.full.get("fr") or next(iter(self.full.values()))


@dataclass(slots=True, eq=False)
class Person:
    rid: str
    name: PersonName
    gender: str
    birth: str
    birth_city: Place
    nationality: tuple[str, ...]
    residence: str
    address: Address | None
    phones: list[str]
    passports: list[tuple[str, str, str, str]]  # country, number, issued, expires
    national_id: tuple[str, str, str] | None  # number, type, country
    topics: tuple[str, ...] = ()
    foreign_id: tuple[str, str, str] | None = None  # e.g. a Spanish NIE of a resident


@dataclass(slots=True, eq=False)
class Company:
    rid: str
    names: dict[str, str]  # convention -> name; "en" always present
    country: str
    number: str
    legal_form: str
    incorporated: str
    address: Address | None
    sector: str
    kind: str  # "shell", "front", "legit"
    topics: tuple[str, ...] = ()


@dataclass(slots=True, eq=False)
class Account:
    rid: str
    holder: Person | Company
    country: str
    bank: tuple[str, str, str]
    iban: str | None
    number: str
    currency: str
    opened: str


@dataclass(slots=True, eq=False)
class Vessel:
    rid: str
    name: str
    kind: str
    flag: str
    imo: str | None
    mmsi: str | None
    call_sign: str | None
    registration: str | None
    tonnage: int
    built: str
    owner: Company | None
    port: str


@dataclass(slots=True, eq=False)
class Aircraft:
    rid: str
    registration: str
    model: str
    manufacturer: str
    serial: str
    country: str
    built: str
    owner: Company | None


@dataclass(slots=True, eq=False)
class Vehicle:
    rid: str
    plate: str
    model: str
    kind: str
    country: str
    owner: Person | Company | None


@dataclass(slots=True, eq=False)
class Org:
    """A criminal group; every agency names it its own way."""

    rid: str
    names: dict[str, str]  # agency code -> name


# --- facts -------------------------------------------------------------------------------
@dataclass(slots=True, eq=False)
class Link:
    rid: str
    schema: str  # Family, Associate, Membership, Ownership, Directorship, Employment
    a: Any
    b: Any
    role: str
    start: str
    cell: int
    extra: str = ""  # percentage for Ownership


@dataclass(slots=True, eq=False)
class Payment:
    rid: str
    payer: Person | Company
    payee: Person | Company
    payer_account: Account
    payee_account: Account
    amount: str
    currency: str
    day: str
    purpose: str
    reference: str
    cell: int
    scheme: tuple[str, str, int] | None = None  # scheme, scheme id, step


@dataclass(slots=True, eq=False)
class Call:
    rid: str
    caller: Person | None
    receiver: Person | None
    caller_number: str
    receiver_number: str
    day: str
    duration: int
    cell: int


@dataclass(slots=True, eq=False)
class Seizure:
    rid: str
    commodity: str
    quantity: int | float  # kg with grams for a courier, whole units otherwise
    unit: str
    day: str
    place: Place
    concealment: dict[str, str]
    conveyance: Vessel | Vehicle | Aircraft | None
    involved: list[Any]
    origin: str
    destination: str
    value: int
    currency: str
    seizing: str  # agency code of the agency that seized (the others only report it)
    cell: int


@dataclass(slots=True, eq=False)
class Arrest:
    rid: str
    person: Person
    day: str
    place: Place
    agency: str
    charges: tuple[int, ...]  # indexes into agencies.CHARGES[agency]
    warrant: str
    cell: int


@dataclass(slots=True, eq=False)
class Trip:
    rid: str
    flight: str
    origin: Place
    destination: Place
    day: str
    passengers: list[Person]
    cell: int
    vehicle: Aircraft | None = None


@dataclass(slots=True)
class CellInfo:
    cell_id: str
    kind: str
    commodity: str
    route: str
    members: list[tuple[Person, str]] = field(default_factory=list)


# --- company names -----------------------------------------------------------------------
BRAND_HEADS = (
    ("Agri", "أغري"), ("Trans", "ترانس"), ("Medi", "ميدي"), ("Atlas", "أطلس"), ("Nova", "نوفا"),
    ("Euro", "يورو"), ("Sol", "سول"), ("Inter", "إنتر"), ("Gold", "غولد"), ("Star", "ستار"),
    ("Ocean", "أوشن"), ("Sahara", "صحارى"), ("Rif", "ريف"), ("Oriental", "أورينتال"),
    ("Prime", "برايم"), ("Alpha", "ألفا"), ("Delta", "دلتا"), ("Costa", "كوستا"),
    ("Tropi", "تروبي"),
    ("Andes", "أنديز"), ("Caribe", "كاريبي"), ("Gulf", "غلف"), ("Cedar", "سيدار"),
    ("Royal", "رويال"), ("Pacific", "باسيفيك"), ("Emerald", "إميرالد"), ("Falcon", "فالكون"),
    ("Horizon", "هورايزن"), ("Silver", "سيلفر"), ("Baraka", "بركة"), ("Noor", "نور"),
    ("Amal", "أمل"), ("Zahra", "زهرة"), ("Nexa", "نيكسا"), ("Meridian", "ميريديان"),
)
BRAND_TAILS = (
    ("mar", "مار"), ("tex", "تكس"), ("sol", "سول"), ("fruit", "فروت"), ("log", "لوج"),
    ("trade", "تريد"), ("com", "كوم"), ("med", "ميد"), ("ex", "إكس"), ("line", "لاين"),
    ("port", "بورت"), ("ia", "يا"), ("is", "يس"), ("ven", "فين"), ("ora", "ورا"), ("", ""),
)


def brand(rng: Random) -> tuple[str, str]:
    head, head_ar = BRAND_HEADS[rng.randrange(len(BRAND_HEADS))]
    tail, tail_ar = BRAND_TAILS[rng.randrange(len(BRAND_TAILS))]
    if not tail:
        return head, head_ar
    return head + tail, head_ar + tail_ar


# sector -> country -> (name templates with {b}, legal form); {a} is the Arabic brand
COMPANY_TEMPLATES: dict[str, dict[str, tuple[tuple[str, ...], str]]] = {
    "fruit_export": {
        "co": (("C.I. {b} S.A.S.", "{b} Exportaciones S.A.S.", "Comercializadora {b} S.A.S."),
               "S.A.S."),
        "ec": (("{b} Export S.A.", "Exportadora {b} S.A."), "S.A."),
        "ma": (("Société {b} Agrumes SARL", "{b} Primeurs Export SARL"), "SARL"),
        "lb": (("{b} Agro Export SARL", "{b} Trading & Export SAL"), "SARL"),
    },
    "import": {
        "es": (("Hortofrutícola {b} S.L.", "{b} Importaciones S.L.", "Frutas {b} S.L."), "S.L."),
        "nl": (("{b} Fresh Import B.V.", "{b} Food Trading B.V."), "B.V."),
        "fr": (("SAS {b} Import-Export", "SARL {b} Primeurs"), "SAS"),
        "ae": (("{b} Foodstuff Trading LLC", "{b} General Trading LLC"), "LLC"),
    },
    "front": {
        "fr": (("SARL {b} Auto Prestige", "SAS {b} Négoce", "SARL Snack {b}", "SCI {b}"), "SARL"),
        "es": (("{b} Náutica S.L.", "Talleres {b} S.L.", "{b} Inversiones S.L."), "S.L."),
        "ma": (("Société {b} Immobilier SARL", "{b} Café SARL"), "SARL"),
    },
    "shell": {
        "nl": (("{b} Holding B.V.", "{b} Trading B.V.", "{b} Consultancy B.V."), "B.V."),
        "ae": (("{b} General Trading FZE", "{b} Logistics FZCO", "{b} Investments FZE"), "FZE"),
        "hk": (("{b} International Trading Limited", "{b} Asia Holdings Limited"), "Limited"),
        "fr": (("SAS {b} Conseil", "SARL {b} Négoce International"), "SAS"),
    },
    "fishing": {
        "sn": (("{b} Pêche SARL", "Société Sénégalaise de Mareyage {b}"), "SARL"),
        "gw": (("{b} Pescas Lda", "Sociedade de Pesca {b} Lda"), "Lda"),
    },
    "transport": {
        "es": (("Transportes {b} S.L.", "{b} Logística S.L."), "S.L."),
        "ma": (("Trans {b} SARL", "Société {b} Transport International SARL"), "SARL"),
        "fr": (("SAS Transports {b}", "{b} Logistique SARL"), "SAS"),
    },
    "legit": {
        "fr": (("SARL Boulangerie {b}", "SAS {b} Bâtiment", "SARL {b} Informatique",
                "SAS Garage {b}"), "SARL"),
        "nl": (("{b} Installatietechniek B.V.", "{b} Bouw B.V."), "B.V."),
    },
}
ARABIC_SECTOR = {"fruit_export": "للتصدير", "import": "للتجارة العامة", "front": "للاستثمار",
                 "shell": "للتجارة العامة", "transport": "للنقل الدولي", "legit": "للخدمات"}
COMPANY_CITY = {"co": ("medellin", "cali", "buenaventura", "cartagena", "santa_marta"),
                "ec": ("guayaquil",), "ma": ("tanger", "casablanca", "nador", "tetouan"),
                "lb": ("beirut", "tripoli_lb"), "es": ("algeciras", "malaga", "valencia", "madrid"),
                "nl": ("rotterdam", "amsterdam"), "fr": ("marseille", "paris", "lyon", "le_havre"),
                "ae": ("dubai", "sharjah"), "hk": ("hong_kong",), "sn": ("dakar", "mbour"),
                "gw": ("bissau",)}

SHIP_WORDS = (("Atlantic", "Bahia", "Cap", "Sea", "Ocean", "Nordic", "Santa", "Pacific",
               "Golden", "Blue", "Silver", "Coral", "Polar", "Aegean"),
              ("Meridian", "Star", "Sierra", "Falcon", "Pride", "Breeze", "Carmen", "Horizon",
               "Wave", "Trader", "Spirit", "Express", "Venture", "Harmony"))
BOAT_NAMES = ("Mar de Plata", "Nuestra Señora del Carmen", "Al Amal", "Baraka", "Sunu Gaal",
              "Ndeye Fatou", "Virgen del Rocío", "Bismillah", "Estrella del Sur", "Atlantico")
DHOW_NAMES = ("Al Mansoor", "Noor Al Khaleej", "Al Bahar", "Sea Pearl", "Al Salam")
AIRCRAFT = (("Gulfstream G-IV", "Gulfstream Aerospace"), ("Hawker 800XP", "Hawker Beechcraft"),
            ("Beechcraft King Air 200", "Beechcraft"), ("Cessna 208 Caravan", "Cessna"),
            ("Dassault Falcon 900", "Dassault Aviation"))
CARS = {"suv": ("Toyota Land Cruiser", "Mercedes-Benz G 500", "Range Rover Sport", "Audi Q7"),
        "van": ("Renault Master", "Peugeot Boxer", "Citroën Jumper", "Ford Transit"),
        "truck": ("Volvo FH 500", "Scania R 450", "DAF XF 480", "Mercedes-Benz Actros"),
        "car": ("Volkswagen Golf GTI", "Audi RS3", "Mercedes-Benz Classe A", "BMW M4")}


class World:
    """Builds one group: its cells, people, companies, accounts and facts per agency."""

    def __init__(self, seed: int, group: int) -> None:
        self.rng = DemoRandom(f"interlink-demo/{seed}/{group}")
        self.group = group
        self.prefix = f"g{group}"
        self.counter = 0
        self.cells: list[CellInfo] = []
        self.know: dict[str, list[Any]] = {code: [] for code in AGENCY_CODES}
        # every cell has a window of dates; `end` dates the reports about it
        self.cell_end: list[int] = []
        self.fronts: list[tuple[Company, Account, int]] = []  # FR fronts for round trips
        self.exporters: list[tuple[Company, Account]] = []  # who is paid through layering
        self.collection: list[Person] = []  # who hands over cash (fan-in structuring)
        self.levant_accounts: list[tuple[Person, Account, Company, Account]] = []
        self.lb_purchases: list[tuple[Company, Account]] = []
        rng = self.rng
        self.start = rng.randrange(FIRST_DAY, LAST_DAY - 560)
        self.end = min(LAST_DAY, self.start + rng.randrange(300, 540))

    # --- helpers -------------------------------------------------------------------------
    def rid(self, kind: str) -> str:
        self.counter += 1
        return f"{self.prefix}-{kind}{self.counter}"

    def day(self, lo: float = 0.0, hi: float = 1.0) -> int:
        span = self.end - self.start
        return self.start + int(span * (lo + (hi - lo) * self.rng.random()))

    def tell(self, agencies: tuple[str, ...] | list[str], fact: Any) -> None:
        for code in agencies:
            self.know[code].append(fact)

    def new_cell(self, kind: str, commodity: str, route: str) -> int:
        idx = len(self.cells)
        self.cells.append(CellInfo(f"{self.prefix}-{kind}", kind, commodity, route))
        self.cell_end.append(self.end)
        return idx

    def member(self, cell: int, person: Person, role: str) -> Person:
        self.cells[cell].members.append((person, role))
        return person

    def address(self, city_key: str) -> Address:
        city = CITIES[city_key]
        full, parts = street_address(city, self.rng)
        return Address(self.rid("a"), city, full, parts)

    def person(
        self,
        culture: str,
        nationality: tuple[str, ...],
        residence: str,
        city: str,
        gender: str = "male",
        age: tuple[int, int] = (24, 58),
        birth_city: str | None = None,
        family: Name | None = None,
        father: Name | None = None,
        topics: tuple[str, ...] = (),
        nickname: float = 0.0,
        phones: int = 1,
    ) -> Person:
        rng = self.rng
        male, female, families = POOLS[culture]
        firsts = female if gender == "female" else male
        given = firsts[rng.randrange(len(firsts))]
        fam = family or families[rng.randrange(len(families))]
        fam2 = None
        if culture in ("co", "es"):
            fam2 = families[rng.randrange(len(families))]
        if father is None and culture in ("maghreb", "levant", "gulf"):
            father = male[rng.randrange(len(male))]
        nick = ""
        if nickname and rng.random() < nickname:
            if culture in ("maghreb", "levant", "gulf"):
                child = male[rng.randrange(len(male))]
                if culture == "maghreb":
                    nick = f"Abou {child.primary('fr')}"
                else:
                    nick = f"Abu {child.primary('en')}"
            else:
                pool = NICKNAMES.get(culture) or NICKNAMES["fr"]
                nick = pool[rng.randrange(len(pool))]
        pname = PersonName(culture, given, fam, fam2, father, nick)
        born = self.start - rng.randrange(age[0] * 365, age[1] * 365)
        birth_year = date.fromordinal(born).year
        bcity = CITIES[birth_city or city]
        passports = []
        for nat in nationality:
            if rng.random() < 0.85:
                issued = self.start - rng.randrange(30, 3000)
                passports.append((nat, idents.passport_number(nat, rng), iso(issued),
                                  iso(issued + 3652)))
        nid = None
        home_nat = nationality[0]
        doc = idents.national_id(home_nat, rng, city=bcity.key, birth_year=birth_year,
                                 female=gender == "female")
        if doc is not None:
            nid = (doc[0], doc[1], home_nat)
        foreign = None
        if residence == "es" and "es" not in nationality:
            foreign = (idents.nie(rng), "NIE", "es")
        phone_list = [phone_number(residence, rng) for _ in range(phones)]
        if residence != home_nat and rng.random() < 0.4 and home_nat in ("ma", "co", "sn", "lb"):
            phone_list.append(phone_number(home_nat, rng))
        return Person(
            rid=self.rid("p"), name=pname, gender=gender, birth=iso(born), birth_city=bcity,
            nationality=nationality, residence=residence,
            address=self.address(city) if rng.random() < 0.85 else None,
            phones=phone_list, passports=passports, national_id=nid, topics=topics,
            foreign_id=foreign,
        )

    def relative(self, of: Person, relation: str, residence: str | None = None) -> Person:
        """A spouse, sibling or cousin of `of`: same culture, siblings share the family name."""
        culture = of.name.culture
        res = residence or of.residence
        city = of.address.city.key if of.address and of.address.country == res else _home(res)
        if relation == "spouse":
            gender = "female" if of.gender == "male" else "male"
            return self.person(culture, of.nationality, res, city, gender=gender, age=(22, 50))
        return self.person(culture, of.nationality, res, city, family=of.name.family,
                           father=of.name.father if relation == "sibling" else None,
                           age=(20, 55))

    def company(self, country: str, sector: str, kind: str,
                topics: tuple[str, ...] = ()) -> Company:
        rng = self.rng
        templates, form = COMPANY_TEMPLATES[sector][country]
        b, b_ar = brand(rng)
        name = templates[rng.randrange(len(templates))].format(b=b)
        names = {"en": name}
        if country in ("ma", "ae", "lb"):
            names["ar"] = f"شركة {b_ar} {ARABIC_SECTOR[sector]}"
        city = COMPANY_CITY[country][rng.randrange(len(COMPANY_CITY[country]))]
        incorporated = self.start - rng.randrange(60, 4000 if kind == "legit" else 900)
        return Company(
            rid=self.rid("c"), names=names, country=country,
            number=idents.company_number(country, rng),
            legal_form=form, incorporated=iso(incorporated), address=self.address(city),
            sector=sector, kind=kind, topics=topics,
        )

    def account(self, holder: Person | Company, country: str | None = None) -> Account:
        rng = self.rng
        if country is None:
            country = holder.country if isinstance(holder, Company) else holder.residence
        banks = BANKS.get(country) or BANKS["fr"]
        if country not in BANKS:
            country = "fr"
        bank = banks[rng.randrange(len(banks))]
        iban, number = idents.bank_account(country, bank[2], rng)
        opened = self.start - rng.randrange(10, 2500)
        return Account(self.rid("b"), holder, country, bank, iban, number,
                       CURRENCY.get(country, "EUR"), iso(opened))

    def vessel(self, kind: str, owner: Company | None = None, flag: str | None = None) -> Vessel:
        rng = self.rng
        if kind in ("Container Ship", "Reefer", "General Cargo"):
            flag = flag or rng.choice(("pa", "lr", "mt", "mh", "pt"))
            name = f"{rng.choice(SHIP_WORDS[0])} {rng.choice(SHIP_WORDS[1])}"
            tonnage = rng.randrange(9000, 95000)
            registration = None
        elif kind == "Fishing Vessel":
            flag = flag or rng.choice(("tg", "sl", "km", "pa", "gw"))
            name = rng.choice(BOAT_NAMES)
            if rng.random() >= 0.5:
                name = f"{name} {rng.randrange(2, 9)}"
            tonnage = rng.randrange(150, 1400)
            registration = None
        elif kind == "Dhow":
            flag = flag or "ae"
            name = rng.choice(DHOW_NAMES) + f" {rng.randrange(1, 30)}"
            tonnage = rng.randrange(200, 900)
            registration = f"DXB-{rng.randrange(1000, 9999)}"
        else:  # go-fast: a semi-rigid boat with three or four outboard engines
            flag = flag or "es"
            name = ""
            tonnage = rng.randrange(2, 8)
            prov = rng.choice(("AL", "CA", "MA", "SE", "HU"))
            folio = f"{rng.randrange(1, 5)}-{rng.randrange(1, 999)}-{rng.randrange(15, 25)}"
            registration = f"7ª-{prov}-{folio}"
        big = kind != "Semi-rigid boat"
        return Vessel(
            rid=self.rid("v"), name=name, kind=kind, flag=flag,
            imo=idents.imo_number(rng) if big and kind != "Dhow" else None,
            mmsi=idents.mmsi(flag, rng) if big else None,
            call_sign=idents.call_sign(flag, rng) if big else None,
            registration=registration, tonnage=tonnage,
            built=str(rng.randrange(1988, 2022)), owner=owner,
            port=rng.choice(("Panama", "Monrovia", "Valletta", "Majuro", "Lomé", "Freetown")),
        )

    def aircraft(self, owner: Company | None) -> Aircraft:
        rng = self.rng
        model, maker = AIRCRAFT[rng.randrange(len(AIRCRAFT))]
        country = rng.choice(("us", "ve", "co", "sn"))
        if country == "us":
            reg = f"N{rng.randrange(100, 999)}{idents._letters(rng, 2)}"
        else:
            reg = {"ve": "YV", "co": "HK", "sn": "6V"}[country] + f"-{rng.randrange(1000, 9999)}"
        return Aircraft(self.rid("x"), reg, model, maker, str(rng.randrange(1000, 9999)), country,
                        str(rng.randrange(1985, 2012)), owner)

    def private_flight(self, agencies: tuple[str, ...], plane: Aircraft, a: str, b: str, day: int,
                       cell: int, passengers: list[Person]) -> Trip:
        t = Trip(self.rid("j"), plane.registration, AIRPORTS[a], AIRPORTS[b], iso(day),
                 list(passengers), cell, vehicle=plane)
        self.tell(agencies, t)
        return t

    def vehicle(self, kind: str, country: str, owner: Person | Company | None) -> Vehicle:
        rng = self.rng
        model = CARS[kind][rng.randrange(len(CARS[kind]))]
        return Vehicle(self.rid("m"), idents.plate(country, rng), model, kind, country, owner)

    def payment(self, payer: Account, payee: Account, amount: float, day: int, purpose: str,
                cell: int, scheme: tuple[str, str, int] | None = None,
                currency: str | None = None) -> Payment:
        rng = self.rng
        text = f"{amount:.2f}" if amount != int(amount) else str(int(amount))
        return Payment(
            rid=self.rid("t"), payer=payer.holder, payee=payee.holder, payer_account=payer,
            payee_account=payee, amount=text, currency=currency or payer.currency, day=iso(day),
            purpose=purpose, reference=f"{rng.randrange(10**9, 10**10)}", cell=cell,
            scheme=scheme,
        )

    def calls(self, agencies: tuple[str, ...], a: Person, b: Person | None, n: int, cell: int,
              b_number: str | None = None) -> None:
        """`n` intercepted calls between two lines (times CALLS_PER_CONTACT: a tapped line
        gives several calls a week; the demo keeps a sample)."""
        rng = self.rng
        n *= CALLS_PER_CONTACT
        a_no = a.phones[0] if rng.random() < 0.7 else a.phones[-1]
        b_no = b_number or (b.phones[0] if b is not None else "")
        for _ in range(n):
            if rng.random() < 0.5:
                call = Call(self.rid("k"), a, b, a_no, b_no, iso(self.day()),
                            rng.randrange(12, 600), cell)
            else:
                call = Call(self.rid("k"), b, a, b_no, a_no, iso(self.day()),
                            rng.randrange(12, 600), cell)
            self.tell(agencies, call)

    def link(self, agencies: tuple[str, ...], schema: str, a: Any, b: Any, role: str, cell: int,
             start: int | None = None, extra: str = "") -> Link:
        link = Link(self.rid("l"), schema, a, b, role, iso(start or self.day(0, 0.3)), cell, extra)
        self.tell(agencies, link)
        return link

    def seizure(self, agencies: tuple[str, ...], commodity: str, qty: float, unit: str, day: int,
                place: Place, concealment: dict[str, str], conveyance: Any, involved: list[Any],
                origin: str, destination: str, value: int, currency: str, cell: int) -> Seizure:
        s = Seizure(self.rid("s"), commodity, qty, unit, iso(day), place, concealment,
                    conveyance, involved, origin, destination, value, currency, agencies[0], cell)
        self.tell(agencies, s)
        return s

    def arrest(self, agency: str, person: Person, day: int, place: Place, charges: tuple[int, ...],
               cell: int) -> Arrest:
        rng = self.rng
        warrant = ""
        if rng.random() < 0.3:
            year = date.fromordinal(day).year
            warrant = f"{agency.split('-')[0]}/{year}/{rng.randrange(100, 9999)}"
        a = Arrest(self.rid("r"), person, iso(day), place, agency, charges, warrant, cell)
        self.tell((agency,), a)
        return a

    def trip(self, agencies: tuple[str, ...], traveller: Person, a: str, b: str, day: int,
             cell: int, companions: tuple[Person, ...] = ()) -> Trip:
        rng = self.rng
        pair = (a, b) if (a, b) in ROUTES else (b, a)
        airline = rng.choice(ROUTES[pair])
        flight = f"{airline}{rng.randrange(100, 9999)}"
        passengers = [traveller, *companions]
        for _ in range(rng.randrange(1, 4)):  # strangers on the same list: screening noise
            passengers.append(self.stranger(AIRPORTS[a].country, AIRPORTS[b].country))
        rng.shuffle(passengers)
        t = Trip(self.rid("j"), flight, AIRPORTS[a], AIRPORTS[b], iso(day), passengers, cell)
        self.tell(agencies, t)
        return t

    def stranger(self, *countries: str) -> Person:
        rng = self.rng
        country = rng.choice(countries)
        culture, nat, city = STRANGERS.get(country, STRANGERS["fr"])[rng.randrange(2)]
        return self.person(culture, (nat,), nat, city, gender=rng.choice(("male", "female")),
                           age=(20, 75))


# A traveller who happens to be on the same flight: (culture, nationality, city) per country
STRANGERS = {
    "co": (("co", "co", "bogota"), ("es", "es", "madrid")),
    "es": (("es", "es", "madrid"), ("co", "co", "medellin")),
    "fr": (("fr", "fr", "paris"), ("maghreb", "fr", "lyon")),
    "ma": (("maghreb", "ma", "casablanca"), ("fr", "fr", "marseille")),
    "ae": (("gulf", "ae", "dubai"), ("levant", "lb", "beirut")),
    "lb": (("levant", "lb", "beirut"), ("gulf", "ae", "abu_dhabi")),
    "sn": (("wa", "sn", "dakar"), ("fr", "fr", "paris")),
    "gw": (("wa", "gw", "bissau"), ("wa", "sn", "ziguinchor")),
    "nl": (("nl", "nl", "amsterdam"), ("maghreb", "nl", "rotterdam")),
    "ve": (("co", "co", "bogota"), ("es", "es", "madrid")),
}

HOME_CITY = {"ma": "tanger", "fr": "marseille", "es": "algeciras", "co": "medellin",
             "ae": "dubai", "lb": "beirut", "sy": "homs", "sn": "dakar", "gw": "bissau",
             "nl": "rotterdam", "gm": "banjul", "sa": "riyadh", "jo": "amman", "ec": "guayaquil"}


def _home(country: str) -> str:
    return HOME_CITY.get(country, "paris")
