"""Identifiers with their real formats and check digits: IBAN, IMO, MMSI, SIREN, DNI/NIE,
Emirates ID, NIT, ISO 6346 container numbers, passports and national identity cards.

Check digits are computed, not faked, so that validators and identifier matching treat the demo
like real data.
"""

from __future__ import annotations

from random import Random

UPPER = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I/O/Q, as most issuers avoid them


def _digits(rng: Random, n: int) -> str:
    return str(rng.randrange(10**n)).zfill(n)


def _letters(rng: Random, n: int) -> str:
    return "".join(UPPER[rng.randrange(len(UPPER))] for _ in range(n))


# --- bank accounts -----------------------------------------------------------------------
def _mod97(text: str) -> int:
    numeric = "".join(str(int(c, 36)) for c in text)
    return int(numeric) % 97


def iban(country: str, bban: str) -> str:
    check = 98 - _mod97(bban + country.upper() + "00")
    return f"{country.upper()}{check:02d}{bban}"


def _fr_rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


def _es_dc(digits: str) -> str:
    weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)
    d = 11 - sum(int(c) * w for c, w in zip(digits, weights, strict=True)) % 11
    return "0" if d == 11 else "1" if d == 10 else str(d)


def bank_account(country: str, bank_code: str, rng: Random) -> tuple[str | None, str]:
    """(IBAN or None, domestic account number) for an account at `bank_code` in `country`."""
    if country == "fr":
        branch, account = _digits(rng, 5), _digits(rng, 11)
        key = _fr_rib_key(bank_code, branch, account)
        bban = f"{bank_code}{branch}{account}{key}"
        return iban("fr", bban), f"{bank_code} {branch} {account} {key}"
    if country == "es":
        branch, account = _digits(rng, 4), _digits(rng, 10)
        dc = _es_dc("00" + bank_code + branch) + _es_dc(account)
        bban = f"{bank_code}{branch}{dc}{account}"
        return iban("es", bban), bban
    if country == "nl":
        account = _digits(rng, 10)
        return iban("nl", f"{bank_code}{account}"), account
    if country == "ae":
        account = _digits(rng, 16)
        return iban("ae", f"{bank_code}{account}"), account
    if country == "lb":
        account = _digits(rng, 20)
        return iban("lb", f"{bank_code}{account}"), account
    if country == "ma":  # RIB: bank, city, account, key (24 digits); no IBAN in use
        return None, f"{bank_code}{_digits(rng, 3)}{_digits(rng, 16)}{_digits(rng, 2)}"
    if country == "sn":  # UEMOA RIB
        return None, f"{bank_code}{_digits(rng, 5)}{_digits(rng, 12)}{_digits(rng, 2)}"
    if country == "hk":
        return None, f"{bank_code}-{_digits(rng, 6)}-{_digits(rng, 3)}"
    return None, _digits(rng, 11)  # Colombia and others: a plain account number


# --- vessels and containers --------------------------------------------------------------
def imo_number(rng: Random) -> str:
    body = str(rng.randrange(900000, 999999))  # ships built since the 1990s
    check = sum(int(c) * w for c, w in zip(body, (7, 6, 5, 4, 3, 2), strict=True)) % 10
    return f"{body}{check}"


# Maritime identification digits for MMSI numbers, per flag.
MID = {"pa": "352", "lr": "636", "mt": "248", "mh": "538", "sn": "663", "ma": "242", "es": "224",
       "fr": "227", "tg": "671", "sl": "667", "ae": "470", "lb": "450", "sy": "468", "nl": "244",
       "gw": "630", "co": "730", "km": "616", "pt": "263"}


def mmsi(flag: str, rng: Random) -> str:
    return f"{MID.get(flag, '636')}{_digits(rng, 6)}"


def call_sign(flag: str, rng: Random) -> str:
    prefix = {"pa": "3E", "lr": "D5", "mt": "9H", "mh": "V7", "sn": "6W", "ma": "CN", "es": "EA",
              "fr": "FA", "tg": "5V", "sl": "9L", "ae": "A6", "lb": "OD", "sy": "YK",
              "nl": "PD", "co": "HK", "km": "D6", "pt": "CS"}.get(flag, "3E")
    return f"{prefix}{_letters(rng, 2)}{rng.randrange(2, 10)}"


def container_number(owner: str, rng: Random) -> str:
    """ISO 6346 container number (owner code + U + serial + check digit)."""
    values = {}
    v = 10
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if v % 11 == 0:
            v += 1
        values[c] = v
        v += 1
    code = f"{owner}U{_digits(rng, 6)}"
    total = sum((values[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(code))
    return f"{code}{total % 11 % 10}"


# --- companies ---------------------------------------------------------------------------
def siren(rng: Random) -> str:
    """French SIREN: 9 digits passing the Luhn check."""
    body = str(rng.randrange(10**7, 10**8 * 9 // 10))
    return body + _luhn_digit(body)


def _luhn_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def nit(rng: Random) -> str:
    """Colombian NIT with its DIAN verification digit."""
    body = str(rng.randrange(900000000, 902000000))
    weights = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)
    total = sum(int(c) * w for c, w in zip(reversed(body), weights, strict=False))
    r = total % 11
    return f"{body}-{r if r < 2 else 11 - r}"


def es_cif(rng: Random) -> str:
    """Spanish company tax id of a limited company (S.L.: letter B)."""
    province = rng.choice(("11", "29", "28", "46", "41"))  # Cádiz, Málaga, Madrid, ...
    body = province + _digits(rng, 5)
    total = 0
    for i, c in enumerate(body):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            d = d // 10 + d % 10
        total += d
    return f"B{body}{(10 - total % 10) % 10}"


def company_number(country: str, rng: Random) -> str:
    if country == "fr":
        return siren(rng)
    if country == "es":
        return es_cif(rng)
    if country == "co":
        return nit(rng)
    if country == "nl":
        return _digits(rng, 8)  # KvK
    if country == "ae":
        return f"{rng.choice(('DMCC', 'JAFZA', 'SAIF', 'DED'))}-{rng.randrange(100000, 999999)}"
    if country == "ma":
        return f"RC {rng.randrange(10000, 140000)}"
    if country == "sn":
        return f"SN-DKR-{rng.randrange(2012, 2025)}-B-{rng.randrange(1000, 39999)}"
    if country == "lb":
        return f"{rng.randrange(1000000, 3000000)}"
    if country == "hk":
        return f"{rng.randrange(2000000, 3400000)}"
    return _digits(rng, 8)


# --- persons -----------------------------------------------------------------------------
def passport_number(country: str, rng: Random) -> str:
    if country == "ma":
        return _letters(rng, 2) + _digits(rng, 7)
    if country == "fr":
        return _digits(rng, 2) + _letters(rng, 2) + _digits(rng, 5)
    if country == "es":
        return "P" + _letters(rng, 2) + _digits(rng, 6)
    if country == "co":
        return _letters(rng, 2) + _digits(rng, 6)
    if country == "sn":
        return "A" + _digits(rng, 8)
    if country == "lb":
        return "LR" + _digits(rng, 7)
    if country == "sy":
        return "N" + _digits(rng, 9)
    if country == "nl":
        return _letters(rng, 2) + "".join(rng.choice(UPPER + "0123456789") for _ in range(6)) + str(
            rng.randrange(10)
        )
    if country == "gw":
        return "B" + _digits(rng, 7)
    if country == "gm":
        return "PC" + _digits(rng, 6)
    if country == "ae":
        return _letters(rng, 1) + _digits(rng, 7)
    return _letters(rng, 1) + _digits(rng, 8)


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"

# Moroccan CNIE prefixes by city of issue.
CNIE_PREFIX = {"tanger": ("K", "KB"), "tetouan": ("L", "LB"), "nador": ("S", "SA"),
               "casablanca": ("BE", "BK", "BJ"), "fes": ("C", "CD"), "al_hoceima": ("R",),
               "larache": ("LC",)}


def national_id(country: str, rng: Random, city: str = "", birth_year: int = 1985,
                female: bool = False) -> tuple[str, str] | None:
    """(number, document type) of the national identity document, when the country has one."""
    if country == "ma":
        prefix = rng.choice(CNIE_PREFIX.get(city, ("BK", "K", "L")))
        return f"{prefix}{rng.randrange(100000, 999999)}", "CNIE"
    if country == "es":
        number = rng.randrange(10**7, 8 * 10**7)
        return f"{number:08d}{DNI_LETTERS[number % 23]}", "DNI"
    if country == "co":
        return str(rng.randrange(70000000, 1130000000)), "Cédula de ciudadanía"
    if country == "sn":
        sex = "2" if female else "1"
        return f"{sex}{rng.randrange(100, 999)}{birth_year}{_digits(rng, 5)}", "CNI CEDEAO"
    if country == "ae":
        body = f"784{birth_year}{_digits(rng, 7)}"
        return f"784-{birth_year}-{body[7:]}-{_luhn_digit(body)}", "Emirates ID"
    if country == "fr":
        return _digits(rng, 12), "CNI"
    return None


def nie(rng: Random) -> str:
    """Spanish foreigner identity number (NIE)."""
    letter = rng.choice("XYZ")
    number = rng.randrange(10**6, 10**7)
    value = int(str("XYZ".index(letter)) + f"{number:07d}")
    return f"{letter}{number:07d}{DNI_LETTERS[value % 23]}"


def plate(country: str, rng: Random) -> str:
    if country == "fr":
        return f"{_letters(rng, 2)}-{_digits(rng, 3)}-{_letters(rng, 2)}"
    if country == "es":
        consonants = "BCDFGHJKLMNPRSTVWXYZ"
        return f"{_digits(rng, 4)} {''.join(rng.choice(consonants) for _ in range(3))}"
    if country == "ma":
        return f"{rng.randrange(1, 99999)}-{rng.choice('ABDHW')}-{rng.randrange(1, 89)}"
    if country == "nl":
        return f"{_letters(rng, 1)}-{_digits(rng, 3)}-{_letters(rng, 2)}"
    if country == "ae":
        return f"Dubai {rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ')} {rng.randrange(10000, 99999)}"
    return _letters(rng, 3) + _digits(rng, 3)
