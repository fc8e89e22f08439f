"""The six cells of a group and who among the agencies learns what about them.

Each function adds one cell's people, assets and facts to a `World`, and tells each agency
(`World.tell`) the facts it holds. Agencies are told only what their work would give them: a
Colombian wiretap, a Senegalese seizure at sea, a Moroccan go-fast on the beach, a Spanish
container, a French procedure, a TRACFIN suspicious transaction report, a Dutch fiscal inquiry,
an Emirati trade licence or passenger list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interlink.demo.agencies import AE, CO, ES, FR, MA, NL, SN, TF
from interlink.demo.idents import container_number
from interlink.demo.places import AIRPORTS, CITIES, PORTS, ROADS
from interlink.demo.world import Account, Company, Org, Person, World

BOSS = ("crime.boss", "crime.traffick.drug")
DRUGS = ("crime.traffick.drug",)
MONEY = ("crime.fin",)

CONCEAL = {
    "fish_hold": {"fr": "dissimulée dans la cale à poisson, sous du poisson congelé",
                  "es": "oculta en la bodega, bajo pescado congelado",
                  "en": "hidden in the fish hold under frozen fish",
                  "ar": "مخبأة في عنبر السمك تحت أسماك مجمدة"},
    "gofast": {"fr": "ballots à bord d'un go-fast", "es": "fardos a bordo de una narcolancha",
               "en": "bales on board a go-fast boat", "ar": "رزم على متن زورق سريع"},
    "caisson": {"fr": "caisson aménagé sous le plancher du véhicule",
                "es": "doble fondo bajo el suelo del vehículo",
                "en": "purpose-built compartment under the vehicle floor",
                "ar": "مخبأ معد تحت أرضية المركبة"},
    "banana": {"fr": "pains dans des cartons de bananes d'un conteneur frigorifique ({c})",
               "es": "ladrillos entre cajas de plátanos en un contenedor refrigerado ({c})",
               "en": "bricks among banana boxes in a reefer container ({c})",
               "ar": "صفائح بين صناديق الموز في حاوية مبردة ({c})"},
    "rip_on": {"fr": "sacs de sport placés en tête de chargement (rip-on/rip-off), conteneur {c}",
               "es": "bolsas de deporte en la puerta del contenedor (gancho ciego), {c}",
               "en": "duffel bags behind the container doors (rip-on/rip-off), {c}",
               "ar": "حقائب رياضية خلف أبواب الحاوية {c}"},
    "vegetables": {"fr": "plaquettes sous une cargaison de tomates, semi-remorque frigorifique",
                   "es": "tabletas bajo un cargamento de tomates en un semirremolque frigorífico",
                   "en": "slabs under a load of tomatoes in a refrigerated trailer",
                   "ar": "صفائح تحت شحنة من الطماطم في مقطورة مبردة"},
    "beach": {"fr": "ballots entreposés dans un hangar près de la plage",
              "es": "fardos almacenados en una nave junto a la playa",
              "en": "bales stored in a shed near the beach",
              "ar": "رزم مخزنة في مستودع قرب الشاطئ"},
    "pomegranate": {"fr": "comprimés dissimulés dans des grenades évidées, conteneur {c}",
                    "es": "comprimidos ocultos en granadas vaciadas, contenedor {c}",
                    "en": "tablets inside hollowed-out pomegranates, container {c}",
                    "ar": "أقراص مخبأة داخل رمان مفرغ، الحاوية {c}"},
    "tiles": {"fr": "comprimés dans des dalles de marbre creusées, conteneur {c}",
              "es": "comprimidos dentro de losas de mármol huecas, contenedor {c}",
              "en": "tablets inside hollowed marble slabs, container {c}",
              "ar": "أقراص داخل ألواح رخام مجوفة، الحاوية {c}"},
    "truck_tank": {"fr": "comprimés dans le réservoir modifié d'un camion",
                   "es": "comprimidos en el depósito modificado de un camión",
                   "en": "tablets in a modified fuel tank of a lorry",
                   "ar": "أقراص في خزان وقود معدل لشاحنة"},
    "cash_flat": {"fr": "numéraire dans un appartement-nourrice", "es": "efectivo en un piso",
                  "en": "cash in a stash flat", "ar": "أموال نقدية في شقة"},
    "cash_car": {"fr": "numéraire dans le double fond d'un véhicule",
                 "es": "efectivo en el doble fondo de un vehículo",
                 "en": "cash in a hidden compartment of a car",
                 "ar": "أموال نقدية في مخبأ سيارة"},
}


def conceal(key: str, container: str = "") -> dict[str, str]:
    return {k: v.format(c=container) for k, v in CONCEAL[key].items()}


@dataclass
class MoneyNet:
    """The group's laundering network, shared by the drug cells."""

    cell: int
    broker: Person
    chief: Person
    collectors: list[Person]
    mules: list[tuple[Person, Account]]
    collect: tuple[Company, Account]
    consult: tuple[Company, Account]
    nl: list[tuple[Company, Account]]
    ae: list[tuple[Company, Account]]
    hk: tuple[Company, Account]
    relay: tuple[Person, Account]  # a fast pass-through account
    legit: list[tuple[Company, Account]] = field(default_factory=list)


def org(w: World, names: dict[str, str]) -> Org:
    return Org(w.rid("o"), names)


def pilot(w: World) -> Person:
    """A go-fast pilot from the Moroccan coast, living there or across the Strait."""
    rng = w.rng
    born = rng.choice(("larache", "tanger"))
    if rng.random() < 0.5:
        return w.person("maghreb", ("ma",), "ma", born, age=(20, 40))
    return w.person("maghreb", ("ma",), "es", rng.choice(("algeciras", "la_linea")),
                    birth_city=born, age=(20, 40))


def members(w: World, agency: str, group: Org, people: list[tuple[Person, str]], cell: int) -> None:
    for person, role in people:
        w.link((agency,), "Membership", person, group, role, cell)


# --- the laundering network ----------------------------------------------------------------
def money_network(w: World) -> MoneyNet:
    rng = w.rng
    cell = w.new_cell("money", "money", "FR>NL>AE>HK")
    broker = w.member(cell, w.person("maghreb", ("ma", "fr") if rng.random() < 0.5 else ("ma",),
                                     "ae", "dubai", birth_city=rng.choice(("casablanca", "tanger")),
                                     topics=("crime.fin", "crime.boss"), nickname=0.6, phones=2),
                      "leader")
    chief = w.member(cell, w.person("maghreb", ("fr",), "fr", rng.choice(("marseille", "paris")),
                                    topics=MONEY, nickname=0.3, phones=2), "lieutenant")
    collectors = [w.member(cell, w.person(rng.choice(("maghreb", "fr")), ("fr",), "fr",
                                          rng.choice(("marseille", "paris", "lyon", "grenoble")),
                                          age=(20, 40), topics=MONEY), "collector")
                  for _ in range(rng.randrange(2, 4))]
    mules = []
    for _ in range(rng.randrange(8, 15)):
        culture = rng.choice(("maghreb", "fr", "fr", "wa", "maghreb"))
        nat = ("fr",) if culture != "wa" or rng.random() < 0.5 else ("sn",)
        m = w.member(cell, w.person(culture, nat, "fr", rng.choice(("marseille", "paris", "lyon")),
                                    gender=rng.choice(("male", "male", "female")), age=(19, 30)),
                     "mule")
        mules.append((m, w.account(m, "fr")))
    cousin = w.member(cell, w.relative(broker, "cousin", "ae"), "nominee")
    nominee_fr = w.member(cell, w.person("fr", ("fr",), "fr", "paris", age=(50, 75)), "nominee")
    nominee_nl = w.member(cell, w.person("nl", ("nl",), "nl", "amsterdam", age=(40, 70)), "nominee")

    collect_co = w.company("fr", "shell", "shell", topics=("corp.shell",))
    consult_co = w.company("fr", "shell", "shell", topics=("corp.shell",))
    nl = [(c, w.account(c)) for c in (w.company("nl", "shell", "shell", ("corp.shell",))
                                      for _ in range(2))]
    ae = [(c, w.account(c)) for c in (w.company("ae", "shell", "shell", ("corp.shell",))
                                      for _ in range(2))]
    hk_co = w.company("hk", "shell", "shell", topics=("corp.shell", "corp.offshore"))
    relay = w.member(cell, w.person("maghreb", ("fr",), "fr", "lyon", age=(22, 35)), "mule")
    net = MoneyNet(cell, broker, chief, collectors, mules,
                   (collect_co, w.account(collect_co)), (consult_co, w.account(consult_co)),
                   nl, ae, (hk_co, w.account(hk_co)), (relay, w.account(relay, "fr")))

    # Who holds what: registries know the companies, TRACFIN the French side, FIOD the Dutch
    w.link((TF,), "Directorship", collectors[0], collect_co, "gérant", cell)
    w.link((TF,), "Directorship", nominee_fr, consult_co, "président", cell)
    w.link((TF,), "Ownership", chief, consult_co, "associé", cell, extra="100")
    for c, _ in nl:
        w.link((NL,), "Directorship", nominee_nl, c, "bestuurder", cell)
        w.link((NL,), "Ownership", ae[0][0], c, "aandeelhouder", cell, extra="100")
    for c, _ in ae:
        w.link((AE,), "Ownership", cousin, c, "shareholder", cell, extra="100")
        w.link((AE,), "Directorship", broker, c, "manager", cell)
    w.link((AE,), "Ownership", ae[1][0], hk_co, "shareholder", cell, extra="100")
    w.link((AE,), "Family", broker, cousin, "cousin", cell)
    w.link((MA,), "Family", broker, cousin, "ابن العم", cell)
    # account holders (an Ownership of the account) where the agency sees the account
    for c, acct in (net.collect, net.consult, net.relay):
        w.link((TF,), "Ownership", c, acct, "titulaire du compte", cell)
    for c, acct in nl:
        w.link((NL,), "Ownership", c, acct, "rekeninghouder", cell)
    for m, acct in mules:
        w.link((TF,), "Ownership", m, acct, "titulaire du compte", cell)

    # Police know the broker and his collectors from the other side
    w.tell((MA,), broker)
    w.link((FR,), "Associate", chief, broker, "commanditaire présumé", cell)
    for c in collectors:
        w.link((FR,), "Associate", chief, c, "collecteur", cell)
        w.calls((FR,), chief, c, rng.randrange(2, 6), cell)
    w.calls((FR,), chief, broker, rng.randrange(2, 5), cell)
    w.trip((AE,), broker, rng.choice(("cmn", "cdg")), "dxb", w.day(0.1, 0.9), cell)
    if rng.random() < 0.6:
        w.trip((ES,), chief, "mad", "dxb", w.day(0.1, 0.9), cell)

    # legitimate businesses, the background of every bank's reports
    for _ in range(rng.randrange(3, 6)):
        country = rng.choice(("fr", "fr", "nl"))
        c = w.company(country, "legit", "legit")
        net.legit.append((c, w.account(c)))
    return net


def money_flows(w: World, net: MoneyNet) -> None:
    """The payments: structuring, layering, round trips, pass-through, and ordinary business."""
    rng = w.rng
    cell = net.cell
    collect_acct = net.collect[1]

    # Fan-in structuring: mules pay cash-funded transfers just under 10,000 EUR
    sid = f"{w.prefix}-structuring-in"
    step = 0
    for _mule, acct in net.mules:
        for _ in range(rng.randrange(1, 4)):
            step += 1
            amount = rng.randrange(9000, 9990) + rng.choice((0, 0, 0.5))
            p = w.payment(acct, collect_acct, amount, w.day(0.2, 0.45), "Apport en compte courant",
                          cell, ("structuring", sid, step))
            w.tell((TF,), p)

    # Fan-out structuring: the consultancy pays many accounts just under 5,000 EUR
    sid = f"{w.prefix}-structuring-out"
    recipients = [acct for _, acct in net.mules] + [w.account(c, "fr") for c in net.collectors]
    for i, acct in enumerate(recipients[: rng.randrange(5, len(recipients) + 1)], 1):
        amount = rng.randrange(4500, 4990)
        p = w.payment(net.consult[1], acct, amount, w.day(0.5, 0.6), "Honoraires prestation",
                      cell, ("structuring", sid, i))
        w.tell((TF,), p)
        if acct.holder in net.collectors:
            w.link((TF,), "Ownership", acct.holder, acct, "titulaire du compte", cell)

    # Layering: collection account -> NL -> AE -> HK -> the exporter paid for the cocaine
    for k, (_exporter, exp_acct) in enumerate(w.exporters):
        sid = f"{w.prefix}-layering-{k + 1}"
        amount = float(rng.randrange(90000, 260000))
        day = w.day(0.45, 0.55)
        legs = [
            (collect_acct, net.nl[1][1], "Consultancy services invoice", (TF, NL)),
            (net.nl[1][1], net.ae[0][1], "Purchase of goods", (NL,)),
            (net.ae[0][1], net.hk[1], "Trade settlement", ()),
            (net.hk[1], exp_acct, "Payment for fruit shipment", (CO,)),
        ]
        for step, (src, dst, purpose, agencies) in enumerate(legs, 1):
            amount = round(amount * rng.uniform(0.97, 0.995), 2)
            day += rng.randrange(1, 6)
            p = w.payment(src, dst, amount, day, purpose, cell, ("layering", sid, step),
                          currency="EUR" if step < 3 else "USD")
            w.tell(agencies, p)

    # Round trips: a drug cell's French front pays a Dutch shell, which pays a Dubai shell,
    # which lends the money back to the front: the cycle closes at its origin
    for k, (_front, front_acct, front_cell) in enumerate(w.fronts):
        sid = f"{w.prefix}-round-trip-{k + 1}"
        amount = float(rng.randrange(60000, 180000))
        day = w.day(0.3, 0.6)
        legs = [
            (front_acct, net.nl[0][1], "Management fees", (TF, NL)),
            (net.nl[0][1], net.ae[1][1], "Intercompany loan", (NL,)),
            (net.ae[1][1], front_acct, "Shareholder loan agreement", (TF,)),
        ]
        for step, (src, dst, purpose, agencies) in enumerate(legs, 1):
            amount = round(amount * rng.uniform(0.985, 0.998), 2)
            day += rng.randrange(2, 12)
            p = w.payment(src, dst, amount, day, purpose, front_cell, ("round_trip", sid, step),
                          currency="EUR")
            w.tell(agencies, p)

    # Pass-through: a personal account receives large transfers and forwards them within a day
    sid = f"{w.prefix}-pass-through"
    relay_acct = net.relay[1]
    step = 0
    for _ in range(rng.randrange(3, 6)):
        amount = float(rng.randrange(18000, 60000))
        day = w.day(0.3, 0.8)
        step += 1
        p = w.payment(net.nl[1][1], relay_acct, amount, day, "Loan", cell,
                      ("pass_through", sid, step))
        w.tell((TF, NL), p)
        step += 1
        out = round(amount * rng.uniform(0.985, 0.995), 2)
        p = w.payment(relay_acct, net.ae[0][1], out, day + rng.randrange(0, 2), "Remboursement",
                      cell, ("pass_through", sid, step))
        w.tell((TF,), p)

    # Levantine money: the Emirati front pays the broker's French account, which pays Beirut
    for k, (person, fr_acct, _lb_co, lb_acct) in enumerate(w.levant_accounts):
        sid = f"{w.prefix}-layering-lb-{k + 1}"
        ae_co, ae_acct = net.ae[1]
        amount = float(rng.randrange(40000, 150000))
        day = w.day(0.4, 0.8)
        for step, (src, dst, purpose) in enumerate(
            ((ae_acct, fr_acct, "Commission"), (fr_acct, lb_acct, "Virement international")), 1
        ):
            amount = round(amount * rng.uniform(0.98, 0.995), 2)
            day += rng.randrange(1, 4)
            p = w.payment(src, dst, amount, day, purpose, cell, ("layering", sid, step),
                          currency="EUR")
            w.tell((TF,), p)
        w.link((TF,), "Ownership", person, fr_acct, "titulaire du compte", cell)

    for k, (_lb_co, lb_acct) in enumerate(w.lb_purchases):
        sid = f"{w.prefix}-layering-nl-lb-{k + 1}"
        amount = float(rng.randrange(50000, 160000))
        day = w.day(0.4, 0.8)
        for step, (src, dst, purpose, agencies) in enumerate((
            (net.ae[1][1], net.nl[0][1], "Intercompany loan", (NL,)),
            (net.nl[0][1], lb_acct, "Purchase of fresh produce", (NL,)),
        ), 1):
            amount = round(amount * rng.uniform(0.98, 0.995), 2)
            day += rng.randrange(1, 5)
            p = w.payment(src, dst, amount, day, purpose, cell, ("layering", sid, step),
                          currency="EUR")
            w.tell(agencies, p)

    # Ordinary business: rent, suppliers, salaries (not laundering)
    businesses = net.legit + [net.consult]
    for _ in range(rng.randrange(30, 50)):
        (a, a_acct), (b, b_acct) = rng.sample(businesses, 2)
        amount = round(rng.uniform(300, 25000), 2)
        p = w.payment(a_acct, b_acct, amount, w.day(), rng.choice(
            ("Facture", "Loyer commercial", "Prestation de services", "Achat de matériel")), cell)
        w.tell((TF,) if a.country == "fr" or b.country == "fr" else (NL,), p)
    for _front, front_acct, front_cell in w.fronts:  # the fronts also trade for real
        for _ in range(rng.randrange(4, 9)):
            other, other_acct = rng.choice(net.legit)
            if rng.random() < 0.5:
                p = w.payment(front_acct, other_acct, round(rng.uniform(200, 8000), 2), w.day(),
                              rng.choice(("Facture", "Loyer", "Fournitures")), front_cell)
            else:
                p = w.payment(other_acct, front_acct, round(rng.uniform(200, 15000), 2), w.day(),
                              rng.choice(("Achat véhicule", "Prestation", "Facture")), front_cell)
            w.tell((TF,) if other.country == "fr" else (TF, NL), p)
    for c, acct in net.legit:
        for _ in range(rng.randrange(2, 6)):
            employee = w.stranger(c.country)
            e_acct = w.account(employee, c.country)
            agency = TF if c.country == "fr" else NL
            w.link((agency,), "Employment", employee, c, "salarié" if agency == TF else "employee",
                   cell)
            p = w.payment(acct, e_acct, round(rng.uniform(1400, 3200), 2), w.day(), "Salaire",
                          cell)
            w.tell((agency,), p)


# --- cocaine through West Africa -----------------------------------------------------------
def coke_wa(w: World, net: MoneyNet) -> None:
    rng = w.rng
    origin = rng.choice(("co", "co", "ec", "ve"))
    transit = rng.choice(("sn", "gw"))
    cell = w.new_cell("coke-wa", "cocaine", f"{origin.upper()}>{transit.upper()}>MA>ES>FR")
    M = w.member

    supplier = M(cell, w.person("co", ("co",), "co", rng.choice(("medellin", "cali")),
                                topics=BOSS, nickname=0.7, phones=2), "supplier")
    co_lts = [M(cell, w.person("co", ("co",), "co", rng.choice(("medellin", "cali", "cartagena")),
                               topics=DRUGS, nickname=0.3), "lieutenant") for _ in range(2)]
    home, city = rng.choice((("ae", "dubai"), ("es", "malaga")))
    broker = M(cell, w.person("maghreb", ("fr", "ma"), home, city,
                              birth_city=rng.choice(("tanger", "nador", "marseille")),
                              topics=DRUGS, nickname=0.6, phones=3), "broker")
    wa_log = M(cell, w.person("wa", (transit,), transit, "dakar" if transit == "sn" else "bissau",
                              topics=DRUGS, nickname=0.3), "logistician")
    wa_help = [M(cell, w.person("wa", (c,), c, {"sn": "mbour", "gw": "bissau", "gm": "banjul"}[c],
                                age=(20, 45)), "transporter")
               for c in rng.sample(("sn", "gw", "gm"), rng.randrange(1, 3))]
    ma_lt = M(cell, w.person("maghreb", ("ma",), "ma", rng.choice(("tanger", "larache", "nador")),
                             topics=DRUGS, nickname=0.4), "lieutenant")
    pilots = [M(cell, pilot(w), "transporter") for _ in range(2)]
    leader = M(cell, w.person("maghreb", ("fr", "ma") if rng.random() < 0.6 else ("fr",), "fr",
                              rng.choice(("marseille", "grenoble", "paris")),
                              birth_city=rng.choice(("marseille", "nador", "tanger")),
                              topics=BOSS, nickname=0.5, phones=2), "leader")
    fr_lts = [M(cell, w.person(rng.choice(("maghreb", "fr")), ("fr",), "fr",
                               leader.address.city.key if leader.address else "marseille",
                               topics=DRUGS, nickname=0.4), "lieutenant")
              for _ in range(rng.randrange(1, 3))]
    dists = [M(cell, w.person(rng.choice(("maghreb", "fr", "wa")), ("fr",), "fr",
                              rng.choice(("marseille", "lyon", "paris")), age=(18, 35)),
               "distributor") for _ in range(rng.randrange(2, 4))]
    wife = M(cell, w.relative(leader, "spouse"), "nominee")
    brother = M(cell, w.relative(leader, "sibling"), "nominee")

    exporter = w.company(origin if origin in ("co", "ec") else "co", "fruit_export", "front")
    exp_acct = w.account(exporter)
    w.exporters.append((exporter, exp_acct))
    fishing = w.company(transit, "fishing", "front")
    trawler = w.vessel("Fishing Vessel", owner=fishing)
    gofast = w.vessel("Semi-rigid boat", flag=rng.choice(("es", "ma")))
    van = w.vehicle("van", "fr", dists[0])
    car = w.vehicle("suv", "fr", wife)
    front = w.company("fr", "front", "front")
    front_acct = w.account(front)
    w.fronts.append((front, front_acct, cell))

    group = org(w, {
        FR: f"Réseau {leader.name.family.primary('fr').upper()}",
        MA: f"شبكة {ma_lt.name.family.primary('ar')}",
        CO: f"Organización {supplier.name.family.primary('es')}",
        SN: f"Réseau de {wa_log.name.family.primary('fr')}",
    })

    # Colombia: the supplier, his men, the exporter, calls with the broker
    members(w, CO, group, [(supplier, "cabecilla"), (co_lts[0], "coordinador logístico"),
                           (co_lts[1], "enlace")], cell)
    w.link((CO,), "Directorship", co_lts[0], exporter, "representante legal", cell)
    w.link((CO,), "Ownership", exporter, exp_acct, "titular", cell)
    w.link((CO,), "Associate", supplier, broker, "socio", cell)
    w.calls((CO,), supplier, broker, rng.randrange(3, 7), cell)
    for lt in co_lts:
        w.calls((CO,), supplier, lt, rng.randrange(2, 6), cell)
    w.tell((CO,), exporter)

    # the mothership: seized at sea, reported by Senegal and often by Spain (joint operation)
    sea_day = w.day(0.35, 0.6)
    place = PORTS["dakar"] if transit == "sn" else PORTS["bissagos"]
    qty = rng.randrange(8, 31) * 100
    seizers = (SN, ES) if rng.random() < 0.5 else (SN,)
    w.seizure(seizers, "cocaine", qty, "kg", sea_day, place, conceal("fish_hold"), trawler,
              [*wa_help, co_lts[1]], origin, "es", qty * 35000, "EUR", cell)
    for p in [*wa_help, co_lts[1]]:
        w.arrest(SN, p, sea_day, CITIES["dakar"], (0, 1), cell)
    w.link((SN,), "Ownership", fishing, trawler, "armateur", cell)
    w.link((SN,), "Directorship", wa_log, fishing, "gérant", cell)
    members(w, SN, group, [(wa_log, "logisticien"), *((h, "convoyeur") for h in wa_help)], cell)
    w.calls((SN,), wa_log, broker, rng.randrange(2, 5), cell)
    for h in wa_help:
        w.calls((SN,), wa_log, h, rng.randrange(2, 5), cell)
    if rng.random() < 0.5:
        w.arrest(SN, wa_log, w.day(0.6, 0.9), CITIES["dakar"], (0, 1), cell)
    if rng.random() < 0.5:  # a private jet from Venezuela, seen by Spain through MAOC-N
        plane = w.aircraft(net.hk[0])
        w.private_flight((ES,), plane, "ccs", "oxb", sea_day - rng.randrange(20, 60), cell,
                         [co_lts[0], wa_log])

    # Morocco: the go-fast crew on the Larache coast, the broker known to the DGSN
    ma_day = w.day(0.5, 0.8)
    qty = rng.randrange(15, 90) * 10
    w.seizure((MA,), "cocaine", qty, "kg", ma_day, PORTS["larache_coast"], conceal("gofast"),
              gofast, [pilots[0]], origin, "es", qty * 30000, "EUR", cell)
    w.arrest(MA, pilots[0], ma_day, CITIES["larache"], (0, 2), cell)
    w.arrest(MA, ma_lt, ma_day + rng.randrange(2, 40), CITIES["tanger"], (0, 1), cell)
    members(w, MA, group, [(ma_lt, "منسق"), (pilots[0], "ربان"), (pilots[1], "ربان"),
                           (broker, "وسيط")], cell)
    w.link((MA,), "Associate", ma_lt, broker, "شريك", cell)
    w.calls((MA,), ma_lt, broker, rng.randrange(2, 5), cell)
    for p in pilots:
        w.calls((MA,), ma_lt, p, rng.randrange(2, 5), cell)
    w.link((MA,), "Family", leader, brother, "أخ", cell)
    w.tell((ES,), pilots[1])
    if pilots[1].residence == "es":
        w.arrest(ES, pilots[1], w.day(0.6, 0.9), CITIES["algeciras"], (0, 1), cell)

    # France: the buyer's procedure
    members(w, FR, group, [(leader, "commanditaire"), *((lt, "lieutenant") for lt in fr_lts),
                           *((d, "revendeur") for d in dists)], cell)
    w.link((FR,), "Associate", leader, broker, "fournisseur présumé", cell)
    w.link((FR,), "Family", leader, wife, "épouse", cell)
    w.link((FR,), "Family", leader, brother, "frère", cell)
    w.calls((FR,), leader, broker, rng.randrange(3, 7), cell)
    for lt in fr_lts:
        w.calls((FR,), leader, lt, rng.randrange(3, 8), cell)
        for d in dists:
            w.calls((FR,), lt, d, rng.randrange(1, 4), cell)
    w.calls((FR,), leader, None, rng.randrange(1, 4), cell,
            b_number=supplier.phones[-1] if rng.random() < 0.5 else broker.phones[-1])
    w.calls((FR,), fr_lts[0], net.collectors[0], rng.randrange(2, 5), cell)
    fr_day = w.day(0.6, 0.85)
    qty = rng.randrange(4, 40) * 10
    w.seizure((FR,), "cocaine", qty, "kg", fr_day, ROADS["le_boulou"], conceal("caisson"), van,
              [dists[0]], "es", "fr", qty * 33000, "EUR", cell)
    w.arrest(FR, dists[0], fr_day, CITIES["perpignan"], (0, 1), cell)
    cash_day = fr_day + rng.randrange(1, 20)
    cash = rng.randrange(8, 65) * 10000
    city = leader.address.city if leader.address else CITIES["marseille"]
    w.seizure((FR,), "cash", cash, "EUR", cash_day, city, conceal("cash_flat"), None,
              [fr_lts[0]], "fr", "fr", cash, "EUR", cell)
    for lt in fr_lts:
        w.arrest(FR, lt, cash_day, city, (0, 1, 3), cell)
    w.tell((FR,), car)
    w.link((TF,), "Ownership", wife, front, "associée unique", cell, extra="100")
    w.link((TF,), "Directorship", brother, front, "gérant", cell)
    w.link((TF,), "Ownership", front, front_acct, "titulaire du compte", cell)
    w.link((TF,), "Family", leader, wife, "conjointe", cell)
    w.tell((TF,), leader)

    couriers(w, cell, recruiter=co_lts[0] if rng.random() < 0.5 else wa_log, origin=origin)

    # travel: the broker between Casablanca, Madrid and Dubai; a lieutenant to Madrid
    w.trip((AE,), broker, rng.choice(("cmn", "mad")), "dxb", w.day(0.1, 0.5), cell)
    companions = (leader,) if rng.random() < 0.3 else ()
    w.trip((ES, AE), broker, "mad", "dxb", w.day(0.5, 0.9), cell, companions=companions)
    w.trip((ES,), co_lts[0], "bog", "mad", w.day(0.1, 0.4), cell)


def couriers(w: World, cell: int, recruiter: Person, origin: str) -> None:
    """Air couriers ("mules") with capsules swallowed or in a suitcase, stopped on arrival."""
    rng = w.rng
    recruiter_agency = CO if recruiter.residence == "co" else SN
    for _ in range(rng.randrange(2, 5)):
        if rng.random() < 0.5:
            route, agency, city = ("bog", "mad"), ES, CITIES["madrid"]
            courier = w.person(*rng.choice((("co", ("co",), "co", "bogota"),
                                             ("co", ("co",), "co", "medellin"),
                                             ("es", ("es",), "es", "madrid"))), age=(19, 45),
                               gender=rng.choice(("male", "female")))
        elif rng.random() < 0.5:
            route, agency, city = ("dss", "cdg"), FR, CITIES["paris"]
            courier = w.person(*rng.choice((("wa", ("sn",), "sn", "dakar"),
                                             ("wa", ("gw",), "gw", "bissau"),
                                             ("fr", ("fr",), "fr", "paris"))), age=(19, 45),
                               gender=rng.choice(("male", "female")))
        else:  # stopped at departure by the airport task force in Dakar
            route, agency, city = ("dss", "cdg"), SN, CITIES["dakar"]
            courier = w.person("wa", ("sn",), "sn", "dakar", age=(19, 45),
                               gender=rng.choice(("male", "female")))
        w.member(cell, courier, "transporter")
        day = w.day(0.1, 0.9)
        if agency == ES:
            w.trip((ES,), courier, *route, day, cell)
        grams = rng.randrange(400, 1500)
        how = rng.choice(("ingested", "suitcase"))
        concealment = {
            "ingested": {"fr": f"{grams // 10} ovules ingérés",
                         "es": f"{grams // 10} bellotas ingeridas",
                         "en": f"{grams // 10} ingested capsules", "ar": "كبسولات مبتلعة"},
            "suitcase": {"fr": "double fond de valise", "es": "doble fondo de maleta",
                         "en": "false bottom of a suitcase", "ar": "قاع مزدوج لحقيبة"},
        }[how]
        airport = AIRPORTS[route[0] if agency == SN else route[1]]
        w.seizure((agency,), "cocaine", grams / 1000, "kg", day, airport, concealment, None,
                  [courier],
                  origin if agency == ES else "sn", "es" if route[1] == "mad" else "fr",
                  grams * 35, "EUR", cell)
        w.arrest(agency, courier, day, city, (0,), cell)
        w.calls((recruiter_agency,), recruiter, courier, rng.randrange(1, 3), cell)


# --- cocaine in containers -------------------------------------------------------------------
def coke_box(w: World, net: MoneyNet) -> None:
    rng = w.rng
    origin = rng.choice(("co", "ec"))
    entry = rng.choice(("es", "es", "nl", "fr"))
    entry_port = {"es": rng.choice(("algeciras", "valencia")), "nl": "rotterdam",
                  "fr": "le_havre"}[entry]
    route = f"{origin.upper()}>{entry.upper()}>FR" if entry != "fr" else f"{origin.upper()}>FR"
    cell = w.new_cell("coke-box", "cocaine", route)
    M = w.member

    supplier = M(cell, w.person("co", ("co",), "co", rng.choice(("medellin", "cali", "bogota")),
                                topics=BOSS, nickname=0.6, phones=2), "supplier")
    exp_mgr = M(cell, w.person("co", (origin,) if origin == "co" else ("co", "ec"),
                               origin, "buenaventura" if origin == "co" else "guayaquil",
                               topics=DRUGS), "logistician")
    broker = M(cell, w.person(*(("co", ("co",), "es", "madrid") if rng.random() < 0.5
                                else ("maghreb", ("es", "ma"), "es", "malaga")),
                              topics=DRUGS, nickname=0.5, phones=2), "broker")
    insider_culture = {"es": ("es", ("es",), "es", "algeciras"),
                       "nl": ("maghreb", ("nl", "ma"), "nl", "rotterdam"),
                       "fr": ("fr", ("fr",), "fr", "le_havre")}[entry]
    if entry == "es" and entry_port == "valencia":
        insider_culture = ("es", ("es",), "es", "valencia")
    insiders = [M(cell, w.person(*insider_culture, age=(25, 55)), "insider")
                for _ in range(rng.randrange(1, 3))]
    front_director = M(cell, w.person(*insider_culture, age=(35, 65)), "nominee")
    leader = M(cell, w.person(rng.choice(("maghreb", "maghreb", "fr")), ("fr",), "fr",
                              rng.choice(("paris", "marseille", "lyon")), topics=BOSS,
                              nickname=0.5, phones=2), "leader")
    lts = [M(cell, w.person(rng.choice(("maghreb", "fr", "wa")), ("fr",), "fr",
                            leader.address.city.key if leader.address else "paris",
                            topics=DRUGS, nickname=0.3), "lieutenant") for _ in range(2)]
    team = [M(cell, w.person(rng.choice(("maghreb", "fr")), ("fr",), "fr", "le_havre"
                             if entry == "fr" else "paris", age=(19, 35)), "transporter")
            for _ in range(rng.randrange(2, 4))]
    wife = M(cell, w.relative(leader, "spouse"), "nominee")

    exporter = w.company(origin, "fruit_export", "front")
    exp_acct = w.account(exporter)
    w.exporters.append((exporter, exp_acct))
    importer = w.company(entry, "import", "front")
    imp_acct = w.account(importer)
    ship = w.vessel(rng.choice(("Container Ship", "Reefer")))
    truck = w.vehicle("truck", entry, importer)
    front = w.company("fr", "front", "front")
    front_acct = w.account(front)
    w.fronts.append((front, front_acct, cell))
    box = rng.choice(("MSK", "MED", "CMA", "HLX", "SUD"))
    container = container_number(box, rng)
    container2 = container_number(box, rng)

    group = org(w, {FR: f"Réseau {leader.name.family.primary('fr').upper()}",
                    CO: f"Organización Los {supplier.name.family.primary('es')}",
                    ES: f"Organización {broker.name.family.primary('es')}"})

    # Colombia / Ecuador
    members(w, CO, group, [(supplier, "cabecilla"), (exp_mgr, "enlace portuario")], cell)
    w.link((CO,), "Directorship", exp_mgr, exporter, "gerente", cell)
    w.link((CO,), "Ownership", exporter, exp_acct, "titular", cell)
    w.calls((CO,), supplier, exp_mgr, rng.randrange(3, 8), cell)
    w.calls((CO,), supplier, broker, rng.randrange(2, 6), cell)
    w.link((CO,), "Associate", supplier, broker, "comprador europeo", cell)
    if origin == "co":
        day = w.day(0.2, 0.5)
        qty = rng.randrange(3, 20) * 100
        port = rng.choice((PORTS["buenaventura"], PORTS["cartagena"], PORTS["santa_marta"]))
        w.seizure((CO,), "cocaine", qty, "kg", day, port, conceal("banana", container2), ship,
                  [exporter, exp_mgr], "co", entry, qty * 2500, "USD", cell)
        w.arrest(CO, exp_mgr, day + rng.randrange(0, 30), CITIES["buenaventura"], (0, 1), cell)
    # the trade that covers it: the importer pays the exporter's invoices
    payer_agency = {"fr": (TF,), "nl": (NL,), "es": ()}[entry] + ((CO,) if origin == "co" else ())
    for _ in range(rng.randrange(3, 7)):
        p = w.payment(imp_acct, exp_acct, round(rng.uniform(30000, 120000), 2), w.day(),
                      "Factura fruta fresca", cell, currency="USD")
        w.tell(payer_agency, p)

    # the port of entry
    day = w.day(0.5, 0.8)
    qty = rng.randrange(5, 40) * 100
    conc = conceal(rng.choice(("banana", "rip_on")), container)
    if entry == "nl":
        # out of Rotterdam unseen; the lorry is stopped on the A1 in France
        seizer = FR
        w.seizure((FR,), "cocaine", qty, "kg", day, ROADS["fresnes"], conc, truck,
                  [importer, team[0]], origin, "fr", qty * 30000, "EUR", cell)
        w.arrest(FR, team[0], day, CITIES["paris"], (0, 1), cell)
        # the dockers' bribes are paid as consultancy fees: FIOD sees them
        for ins in insiders:
            acct = w.account(ins, "nl")
            w.link((NL,), "Ownership", ins, acct, "rekeninghouder", cell)
            for _ in range(rng.randrange(1, 4)):
                fee = round(rng.uniform(15000, 45000), 2)
                w.tell((NL,), w.payment(imp_acct, acct, fee, w.day(0.4, 0.8),
                                        "Advieswerkzaamheden", cell))
    else:
        seizer = ES if entry == "es" else FR
        w.seizure((seizer,), "cocaine", qty, "kg", day, PORTS[entry_port], conc, ship,
                  [importer, *insiders], origin, "fr", qty * 30000, "EUR", cell)
        for ins in insiders:
            w.arrest(seizer, ins, day, CITIES[entry_port], (0, 1), cell)
    w.link((seizer,), "Directorship", front_director, importer,
           "administrador único" if entry == "es" else "directeur", cell)
    w.tell((seizer,), truck)
    if entry == "es":
        w.tell((ES,), ship)
        members(w, ES, group, [(broker, "intermediario"), *((i, "estibador") for i in insiders)],
                cell)
        for ins in insiders:
            w.calls((ES,), broker, ins, rng.randrange(2, 5), cell)
    if entry == "nl":
        w.link((NL,), "Directorship", front_director, importer, "bestuurder", cell)
        w.link((NL,), "Ownership", importer, imp_acct, "rekeninghouder", cell)
    if entry == "fr":
        w.link((TF,), "Directorship", front_director, importer, "président", cell)

    # France: the buyer
    members(w, FR, group, [(leader, "commanditaire"), *((lt, "lieutenant") for lt in lts),
                           *((t, "équipe d'extraction") for t in team)], cell)
    w.link((FR,), "Family", leader, wife, "épouse", cell)
    w.link((FR,), "Associate", leader, broker, "intermédiaire", cell)
    w.calls((FR,), leader, broker, rng.randrange(2, 6), cell)
    for lt in lts:
        w.calls((FR,), leader, lt, rng.randrange(3, 8), cell)
    for t in team:
        w.calls((FR,), lts[0], t, rng.randrange(1, 4), cell)
    w.calls((FR,), lts[1], net.collectors[-1], rng.randrange(1, 4), cell)
    day2 = w.day(0.7, 0.95)
    cash = rng.randrange(5, 40) * 10000
    w.seizure((FR,), "cash", cash, "EUR", day2, ROADS["saint_arnoult"], conceal("cash_car"),
              w.vehicle("car", "fr", lts[1]), [lts[1]], "fr", "es", cash, "EUR", cell)
    w.arrest(FR, lts[1], day2, CITIES["paris"], (2, 3), cell)
    for t in team[:2]:
        w.arrest(FR, t, day2 + rng.randrange(1, 10), CITIES["paris"], (0, 1), cell)
    w.link((TF,), "Ownership", wife, front, "associée", cell, extra="60")
    w.link((TF,), "Ownership", leader, front, "associé", cell, extra="40")
    w.link((TF,), "Ownership", front, front_acct, "titulaire du compte", cell)

    w.trip((ES,), broker, "bog", "mad", w.day(0.1, 0.4), cell)
    w.trip((AE,), leader, "cdg", "dxb", w.day(0.3, 0.9), cell)


# --- cannabis resin ---------------------------------------------------------------------------
def hashish(w: World, net: MoneyNet, by_truck: bool) -> None:
    rng = w.rng
    cell = w.new_cell("hash-truck" if by_truck else "hash-boat", "cannabis resin", "MA>ES>FR")
    M = w.member
    north = ("tanger", "tetouan", "nador", "al_hoceima", "larache")

    leader = M(cell, w.person("maghreb", ("ma",), "ma", rng.choice(north), topics=BOSS,
                              nickname=0.6, phones=2), "leader")
    ma_lts = [M(cell, w.person("maghreb", ("ma",), "ma", rng.choice(north), topics=DRUGS),
                "lieutenant") for _ in range(2)]
    producer = M(cell, w.person("maghreb", ("ma",), "ma", "al_hoceima", age=(35, 70)), "supplier")
    brother = M(cell, w.relative(leader, "sibling"), "lieutenant")
    es_chief = M(cell, w.person(*(("es", ("es",), "es", rng.choice(("algeciras", "la_linea")))
                                  if rng.random() < 0.5 else
                                  ("maghreb", ("es", "ma"), "es", "algeciras")),
                                topics=DRUGS, nickname=0.5), "logistician")
    buyer = M(cell, w.person("maghreb", ("fr",), "fr",
                             rng.choice(("marseille", "lyon", "grenoble")),
                             topics=DRUGS, nickname=0.5), "distributor")
    buyer_help = M(cell, w.person(rng.choice(("maghreb", "fr")), ("fr",), "fr",
                                  buyer.address.city.key if buyer.address else "marseille",
                                  age=(18, 30)), "distributor")
    group = org(w, {MA: f"شبكة {leader.name.family.primary('ar')}",
                    ES: f"Organización de {es_chief.name.family.primary('es')}",
                    FR: f"Équipe {buyer.name.family.primary('fr').upper()}"})

    # Morocco
    members(w, MA, group, [(leader, "زعيم"), (ma_lts[0], "مساعد"), (ma_lts[1], "مساعد"),
                           (producer, "مزود"), (brother, "مساعد")], cell)
    w.link((MA,), "Family", leader, brother, "أخ", cell)
    for lt in ma_lts:
        w.calls((MA,), leader, lt, rng.randrange(3, 8), cell)
    w.calls((MA,), ma_lts[0], producer, rng.randrange(2, 5), cell)
    w.calls((MA,), leader, es_chief, rng.randrange(2, 6), cell)
    ma_day = w.day(0.3, 0.6)
    qty = rng.randrange(20, 80) * 100
    w.seizure((MA,), "cannabis resin", qty, "kg", ma_day,
              PORTS["larache_coast"] if not by_truck else PORTS["tanger_med"],
              conceal("beach" if not by_truck else "vegetables"), None, [ma_lts[1]], "ma", "es",
              qty * 2000, "EUR", cell)
    w.arrest(MA, ma_lts[1], ma_day, CITIES["larache" if not by_truck else "tanger"], (0, 1), cell)
    if rng.random() < 0.5:  # his account, known from a financial inquiry
        w.tell((MA,), w.account(leader, "ma"))

    es_day = w.day(0.5, 0.8)
    if by_truck:
        exporter = w.company("ma", "fruit_export", "front")
        haulier = w.company(rng.choice(("es", "ma")), "transport", "front")
        drivers = [M(cell, w.person(*(("maghreb", ("ma",), "ma", "tanger") if rng.random() < 0.6
                                      else ("es", ("es",), "es", "algeciras")), age=(25, 60)),
                     "transporter") for _ in range(rng.randrange(1, 3))]
        lorry = w.vehicle("truck", haulier.country, haulier)
        w.link((MA,), "Directorship", ma_lts[0], exporter, "مسير", cell)
        w.tell((MA,), exporter)
        qty = rng.randrange(30, 120) * 100
        w.seizure((ES,), "cannabis resin", qty, "kg", es_day, PORTS["algeciras"],
                  conceal("vegetables"), lorry, [drivers[0], exporter, haulier], "ma", "fr",
                  qty * 2500, "EUR", cell)
        w.arrest(ES, drivers[0], es_day, CITIES["algeciras"], (0, 2), cell)
        if haulier.country == "es":
            w.link((ES,), "Directorship", es_chief, haulier, "administrador", cell)
        else:
            w.link((MA,), "Directorship", es_chief, haulier, "مسير", cell)
        members(w, ES, group, [(es_chief, "jefe logístico"), *((d, "conductor") for d in drivers)],
                cell)
        for d in drivers:
            w.calls((ES,), es_chief, d, rng.randrange(2, 5), cell)
        carrier = lorry
    else:
        pilots = [M(cell, pilot(w), "transporter") for _ in range(2)]
        helpers = [M(cell, w.person("es", ("es",), "es", rng.choice(("la_linea", "algeciras")),
                                    age=(18, 35), nickname=0.3), "transporter")
                   for _ in range(rng.randrange(1, 3))]
        boat = w.vessel("Semi-rigid boat")
        shop = w.company("es", "front", "front")
        qty = rng.randrange(10, 40) * 100
        w.seizure((ES,), "cannabis resin", qty, "kg", es_day,
                  rng.choice((PORTS["guadalquivir"], PORTS["la_linea"])), conceal("gofast"), boat,
                  [*pilots], "ma", "es", qty * 2500, "EUR", cell)
        for p in pilots:
            w.arrest(ES, p, es_day, CITIES["la_linea"], (0, 1), cell)
        for _ in range(rng.randrange(0, 3)):  # more landings, more crews
            crew = [M(cell, w.person("maghreb", ("ma",), "ma", rng.choice(("larache", "tanger")),
                                     age=(20, 40)), "transporter") for _ in range(2)]
            day = w.day(0.2, 0.95)
            qty = rng.randrange(8, 30) * 100
            w.seizure((ES,), "cannabis resin", qty, "kg", day, PORTS["guadalquivir"],
                      conceal("gofast"), w.vessel("Semi-rigid boat"), crew, "ma", "es",
                      qty * 2500, "EUR", cell)
            for p in crew:
                w.arrest(ES, p, day, CITIES["algeciras"], (0, 1), cell)
                w.calls((ES,), es_chief, p, 1, cell)
        w.link((ES,), "Directorship", es_chief, shop, "administrador único", cell)
        w.link((ES,), "Ownership", shop, boat, "propietario", cell)
        members(w, ES, group, [(es_chief, "jefe logístico"), *((p, "piloto") for p in pilots),
                               *((h, "punto") for h in helpers)], cell)
        for p in [*pilots, *helpers]:
            w.calls((ES,), es_chief, p, rng.randrange(2, 6), cell)
        w.tell((MA,), pilots[0])
        carrier = w.vehicle("suv", "es", es_chief)
        w.tell((ES,), carrier)
    w.calls((ES,), es_chief, leader, rng.randrange(2, 5), cell)
    w.calls((ES,), es_chief, buyer, rng.randrange(1, 4), cell)

    # France: the go-between buys for the city; cash goes to the collectors
    fr_day = w.day(0.6, 0.9)
    van = w.vehicle("van", "fr", buyer_help)
    qty = rng.randrange(3, 15) * 100
    w.seizure((FR,), "cannabis resin", qty, "kg", fr_day, ROADS["lancon"], conceal("caisson"), van,
              [buyer_help], "es", "fr", qty * 3000, "EUR", cell)
    w.arrest(FR, buyer_help, fr_day, CITIES["marseille"], (0, 1), cell)
    members(w, FR, group, [(buyer, "semi-grossiste"), (buyer_help, "convoyeur")], cell)
    w.calls((FR,), buyer, buyer_help, rng.randrange(3, 8), cell)
    w.calls((FR,), buyer, es_chief, rng.randrange(2, 5), cell)
    w.calls((FR,), buyer, net.collectors[0], rng.randrange(1, 4), cell)
    w.link((FR,), "Associate", buyer, es_chief, "fournisseur", cell)
    if rng.random() < 0.5:
        w.trip((ES,), leader, "tng", "mad", w.day(0.1, 0.9), cell)
    del carrier


# --- captagon -------------------------------------------------------------------------------------
def captagon(w: World, net: MoneyNet) -> None:
    rng = w.rng
    via = rng.choice(("lb", "lb", "jo"))
    cell = w.new_cell("captagon", "captagon", f"SY>{via.upper()}>AE>SA")
    M = w.member

    producer = M(cell, w.person("levant", ("sy",), "sy",
                                rng.choice(("homs", "latakia", "damascus")),
                                topics=DRUGS, nickname=0.5), "supplier")
    dual = rng.random() < 0.5
    leader = M(cell, w.person("levant", ("lb", "fr") if dual else ("lb",), "lb",
                              rng.choice(("beirut", "baalbek", "tripoli_lb")), topics=BOSS,
                              nickname=0.5, phones=2), "leader")
    lb_lt = M(cell, w.person("levant", ("lb",), "lb", "beirut", topics=DRUGS), "lieutenant")
    receiver = M(cell, w.person(*(("levant", ("sy",), "ae", "dubai") if rng.random() < 0.5 else
                                  ("gulf", ("ae",), "ae", "sharjah")), topics=DRUGS), "logistician")
    nominee = M(cell, w.person("gulf", ("ae",), "ae", "dubai", age=(40, 70)), "nominee")
    buyer = M(cell, w.person("gulf", ("sa",), "sa", "riyadh", topics=DRUGS), "distributor")
    driver = M(cell, w.person("levant", (rng.choice(("jo", "sy")),), "jo", "amman", age=(25, 55)),
               "transporter")

    lb_co = w.company("lb", "fruit_export", "front")
    lb_acct = w.account(lb_co)
    ae_co = w.company("ae", "import", "front")
    ship = w.vessel(rng.choice(("Container Ship", "General Cargo")))
    lorry = w.vehicle("truck", "ae", ae_co)

    # the Emirates: trade licence, seizures, arrests, passenger lists
    w.link((AE,), "Ownership", nominee, ae_co, "partner", cell, extra="51")
    w.link((AE,), "Ownership", receiver, ae_co, "partner", cell, extra="49")
    w.link((AE,), "Directorship", receiver, ae_co, "manager", cell)
    day = w.day(0.3, 0.7)
    qty = rng.randrange(10, 120) * 100000
    container = container_number("MSC", rng)
    w.seizure((AE,), "captagon", qty, "tablets", day, PORTS["jebel_ali"],
              conceal(rng.choice(("pomegranate", "tiles")), container), ship,
              [ae_co, lb_co, receiver], via if via == "lb" else "sy", "sa", qty * 5, "USD", cell)
    w.arrest(AE, receiver, day + rng.randrange(0, 5), CITIES["dubai"], (0, 1), cell)
    day2 = w.day(0.5, 0.95)
    qty2 = rng.randrange(5, 40) * 100000
    w.seizure((AE,), "captagon", qty2, "tablets", day2, ROADS["al_ghuwaifat"],
              conceal("truck_tank"), lorry, [driver], "ae", "sa", qty2 * 5, "USD", cell)
    w.arrest(AE, driver, day2, ROADS["al_ghuwaifat"], (0,), cell)
    w.link((AE,), "Associate", receiver, leader, "business partner", cell)
    w.tell((AE,), buyer)
    w.link((AE,), "Associate", receiver, buyer, "customer", cell)
    w.link((AE,), "Associate", leader, producer, "supplier (intelligence report)", cell)
    # a second front for the next shipments, caught at Khalifa Port
    if rng.random() < 0.7:
        receiver2 = M(cell, w.person("levant", ("sy",), "ae", "sharjah", topics=DRUGS),
                      "logistician")
        nominee2 = M(cell, w.person("gulf", ("ae",), "ae", "abu_dhabi", age=(40, 70)), "nominee")
        ae_co2 = w.company("ae", "import", "front")
        w.link((AE,), "Ownership", nominee2, ae_co2, "partner", cell, extra="51")
        w.link((AE,), "Ownership", receiver2, ae_co2, "partner", cell, extra="49")
        w.link((AE,), "Directorship", receiver2, ae_co2, "manager", cell)
        w.link((AE,), "Associate", receiver2, receiver, "associate", cell)
        day3 = w.day(0.6, 0.95)
        qty3 = rng.randrange(10, 80) * 100000
        w.seizure((AE,), "captagon", qty3, "tablets", day3, PORTS["khalifa"],
                  conceal(rng.choice(("pomegranate", "tiles")), container_number("CMA", rng)),
                  w.vessel("Container Ship"), [ae_co2, lb_co, receiver2], via, "sa", qty3 * 5,
                  "USD", cell)
        w.arrest(AE, receiver2, day3, CITIES["abu_dhabi"], (0, 1), cell)
    w.trip((AE,), buyer, "bey", "dxb", w.day(0.2, 0.8), cell)
    w.trip((AE,), leader, "bey", "dxb", w.day(0.1, 0.5), cell)
    w.trip((AE,), leader, "bey", "dxb", w.day(0.5, 0.9), cell, companions=(lb_lt,))
    if dual:
        # the French passport holder has a French account: TRACFIN sees him
        w.levant_accounts.append((leader, w.account(leader, "fr"), lb_co, lb_acct))
        w.tell((TF,), leader)
    else:
        # a Dutch shell buys "fruit" from his Beirut company; FIOD knows him as its owner
        w.link((NL,), "Ownership", leader, lb_co, "uiteindelijk belanghebbende (UBO)", cell,
               extra="100")
        w.link((NL,), "Ownership", lb_co, lb_acct, "rekeninghouder", cell)
        w.lb_purchases.append((lb_co, lb_acct))


def build_group(w: World) -> None:
    net = money_network(w)
    coke_wa(w, net)
    coke_box(w, net)
    hashish(w, net, by_truck=False)
    hashish(w, net, by_truck=True)
    captagon(w, net)
    money_flows(w, net)


__all__ = ["MoneyNet", "build_group"]
