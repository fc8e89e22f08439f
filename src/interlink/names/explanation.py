"""Explanations as codes with parameters, so a reader sees them in their own language.

The name comparison (`names.compare`) and the screening evidence (`screen.scoring`) write their
explanation as one English line ("name 0.95: mohamed = محمد [mhmd] (same sound key MHMD); same
birth date 1980-01-02"), which HITS.csv keeps as is. This module reads such a line (or a
`NameMatch`) back into message codes and parameters (`core.messages`, codes `name.*` and
`evidence.*`), which is what alerts store (`alerts.explanation_codes`) and what the web, the API
and the CLI render with the catalogues. Reading the line, rather than changing how the matcher
writes it, keeps the hot path and the CSV untouched and also translates explanations stored
before codes existed (resolution pairs, old alerts).

A segment the reader does not know is kept as `name.other` with its text: a reader always gets
something, and the acceptance test (`tests/names/test_explanation.py`) fails on any such segment
produced by the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from interlink.core import messages

Code = dict[str, Any]

_PART = re.compile(r"^(?P<left>.+?) = (?P<right>.+?) \((?P<how>.*)\)$")
_SCORE = re.compile(r"^name (?P<score>[0-9.]+): (?P<rest>.*)$", re.S)
_NO_PART = re.compile(r"^no part of (?P<left>'.*'|\".*\") matches (?P<right>'.*'|\".*\")$")
_DATE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"

#: how two parts met (`compare._part_similarity`, `_fuzzy`): pattern -> code, parameter names
_HOW: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^same spelling$"), "name.same_spelling"),
    (re.compile(r"^initial (?P<letter>\S+?)\.?$"), "name.initial"),
    (re.compile(r"^same sound key (?P<key>\S+)$"), "name.same_sound_key"),
    (re.compile(r"^same consonants (?P<key>\S+)$"), "name.same_consonants"),
    (re.compile(r"^same coarse key (?P<key>\S+)$"), "name.same_coarse_key"),
    (re.compile(r"^similar consonants (?P<key>\S+)~(?P<other_key>\S+)$"),
     "name.similar_consonants"),
    (re.compile(r"^similar spelling \((?P<similarity>[0-9.]+)\)$"), "name.similar_spelling"),
    (re.compile(r"^written as one word: (?P<words>.+)$"), "name.joined"),
    (re.compile(r"^in part$"), "name.in_part"),  # one half of a one-word compound
    (re.compile(r"^long vowels differ$"), "name.long_vowels_differ"),
    (re.compile(r"^w/y not in the Arabic$"), "name.semivowels_missing"),
    (re.compile(r"^w/y not in the other$"), "name.semivowels_other"),  # two Latin spellings
    (re.compile(r"^one ends in -i$"), "name.nisba_differs"),
    (re.compile(r"^one ends in -a$"), "name.feminine_differs"),
    (re.compile(r"^final h not written$"), "name.final_h_missing"),
    (re.compile(r"^vowels differ$"), "name.vowels_differ"),
    # both spellings known to the shipped name dictionary, as two names (`compare.KNOWN_OTHER`)
    (re.compile(r"^another known name$"), "name.other_known_name"),
    (re.compile(r"^article (?P<word>\S+)$"), "name.without_article"),
    (re.compile(r"^particle (?P<word>\S+)$"), "name.without_particle"),
    (re.compile(r"^patronymic (?P<word>\S+)$"), "name.without_patronymic"),
    (re.compile(r"^kunya (?P<word>\S+)$"), "name.without_kunya"),
    (re.compile(r"^prefix$"), "name.without_prefix"),
    (re.compile(r"^abd compound$"), "name.without_abd"),
    (re.compile(r"^ad-din compound$"), "name.without_din"),
)

#: the screening evidence (`screen.scoring.combine`), one segment each
_EVIDENCE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^same document number (?P<number>.+)$"), "evidence.same_document"),
    (re.compile(r"^same IMO number (?P<number>.+)$"), "evidence.same_imo"),
    (re.compile(rf"^birth year differs by one \((?P<date>{_DATE}) / (?P<other_date>{_DATE})\)$"),
     "evidence.dob_one_year"),
    (re.compile(rf"^birth year differs \((?P<date>{_DATE}) / (?P<other_date>{_DATE})\)$"),
     "evidence.dob_other_year"),
    (re.compile(rf"^same birth date (?P<date>{_DATE})$"), "evidence.same_dob"),
    (re.compile(rf"^birth date (?P<date>{_DATE}) / (?P<other_date>{_DATE}): day and month "
                r"swapped$"), "evidence.dob_swapped"),
    (re.compile(rf"^same birth month (?P<date>{_DATE}), different day$"),
     "evidence.same_month_other_day"),
    (re.compile(rf"^same birth year, different date \((?P<date>{_DATE}) / "
                rf"(?P<other_date>{_DATE})\)$"), "evidence.same_year_other_date"),
    (re.compile(rf"^same birth month (?P<date>{_DATE})$"), "evidence.same_month"),
    (re.compile(rf"^same birth year, different month \((?P<date>{_DATE}) / "
                rf"(?P<other_date>{_DATE})\)$"), "evidence.same_year_other_month"),
    (re.compile(rf"^same birth year (?P<date>{_DATE})$"), "evidence.same_year"),
    (re.compile(r"^same nationality (?P<countries>.+)$"), "evidence.same_nationality"),
    (re.compile(r"^different nationality \((?P<countries>.+) vs (?P<other_countries>.+)\)$"),
     "evidence.other_nationality"),
    # the name score lowered for parts common on the list (`Watchlist.commonness`)
    (re.compile(r"^common on this list: name score lowered by (?P<lowered>[0-9.]+)$"),
     "name.common_on_list"),
    (re.compile(r"^different gender \((?P<gender>\w+) / (?P<other_gender>\w+)\)$"),
     "evidence.other_gender"),
    # a Latin part the resolver read as a typing slip (interlink.resolve.slips)
    (re.compile(r"^(?P<left>\S+) read as a typing slip of (?P<right>\S+)$"),
     "name.typing_slip"),
    (re.compile(r"^(?P<left>\S+) read as a typing slip$"), "name.typing_slip_keys"),
)


def _code(code: str, **params: Any) -> Code:
    return {"code": code, "params": params}


def _countries(text: str, sep: str) -> list[str]:
    return [c.strip().lower() for c in text.split(sep) if c.strip()]


def _params(match: re.Match[str]) -> dict[str, Any]:
    params: dict[str, Any] = dict(match.groupdict())
    for name in ("similarity", "lowered"):
        if name in params:
            params[name] = float(params[name])
    if "countries" in params:
        sep = "/" if "other_countries" in params else ","
        params["countries"] = _countries(params["countries"], sep)
    if "other_countries" in params:
        params["other_countries"] = _countries(params["other_countries"], "/")
    return params


def how_codes(how: str) -> list[Code]:
    """How two name parts met ("same sound key MHMD without article al-, vowels differ") as
    codes, one per fact, in order."""
    out: list[Code] = []
    for piece in (p.strip() for p in how.split(", ") if p.strip()):
        head, _, dropped = piece.partition(" without ")
        for text in (head, dropped):
            if not text:
                continue
            for pattern, code in _HOW:
                found = pattern.match(text)
                if found:
                    out.append(_code(code, **_params(found)))
                    break
            else:
                out.append(_code("name.other", text=text))
    return out


def segment_codes(segment: str) -> Code:
    """One "; "-separated segment of an explanation line as a code."""
    found = _PART.match(segment)
    if found:
        return _code("name.part", left=found["left"], right=found["right"],
                     how=how_codes(found["how"]))
    for prefix, code in (("different: ", "name.different"),
                         ("not in the other name: ", "name.not_in_other")):
        if segment.startswith(prefix):
            return _code(code, names=[n for n in segment[len(prefix):].split(", ") if n])
    if segment == "empty name":
        return _code("name.empty")
    found = _NO_PART.match(segment)
    if found:
        return _code("name.no_part", left=found["left"][1:-1], right=found["right"][1:-1])
    for pattern, code in _EVIDENCE:
        found = pattern.match(segment)
        if found:
            return _code(code, **_params(found))
    return _code("name.other", text=segment)


def codes(text: str) -> dict[str, Any]:
    """An explanation line (a name comparison's, or a screening alert's "Q ~ E: name ...") as
    `{"query", "entry", "score", "items"}`: the names compared, the name score and one code
    per segment. An empty line gives no items."""
    out: dict[str, Any] = {"query": "", "entry": "", "score": None, "items": []}
    rest = text.strip()
    if not rest:
        return out
    if " ~ " in rest and ": name " in rest:
        names, _, rest = rest.partition(": name ")
        out["query"], _, out["entry"] = names.partition(" ~ ")
        rest = "name " + rest
    found = _SCORE.match(rest)
    if found:
        out["score"] = float(found["score"])
        rest = found["rest"]
    out["items"] = [segment_codes(s) for s in rest.split("; ") if s.strip()]
    return out


def unknown(explained: Mapping[str, Any]) -> list[str]:
    """The segments no code fits (`name.other`): what the catalogues cannot translate yet."""
    found = []
    for item in explained.get("items", []):
        if item["code"] == "name.other":
            found.append(item["params"]["text"])
        for how in item["params"].get("how", []) if item["code"] == "name.part" else []:
            if how["code"] == "name.other":
                found.append(how["params"]["text"])
    return found


#: parameters shown as written (names, keys, numbers, dates): isolated for bidirectional text
AS_WRITTEN = frozenset({"left", "right", "names", "words", "text", "key", "other_key", "letter",
                        "word", "number", "date", "other_date", "id", "agency"})


def _isolated(params: Mapping[str, Any], isolate: Callable[[str], Any] | None
              ) -> dict[str, Any]:
    if isolate is None:
        return dict(params)
    out = dict(params)
    for name in AS_WRITTEN & set(params):
        value = params[name]
        out[name] = ([str(isolate(str(v))) for v in value] if isinstance(value, list)
                     else str(isolate(str(value))))
    return out


def _say(item: Mapping[str, Any], lang: str,
         isolate: Callable[[str], Any] | None = None) -> str:
    params = _isolated(item.get("params", {}), isolate)
    if item["code"] == "name.other":  # no code fits: the matcher's own words
        return str(params.get("text", ""))
    return messages.render(item["code"], params, lang)


def render(explained: Mapping[str, Any] | str | None, lang: str = messages.SOURCE,
           isolate: Callable[[str], Any] | None = None) -> str:
    """An explanation (codes, or a line to read first) in `lang` as one line of text.

    With `isolate` (the web's `<bdi>`), every value shown as written (names, keys, dates) is
    isolated, so a Latin name inside an Arabic sentence keeps its place; the result is then
    markup whose only unescaped parts are the catalogues' own words."""
    if explained is None:
        return ""
    if isinstance(explained, str):
        explained = codes(explained)
    bits = []
    for item in explained.get("items", []):
        params = dict(item.get("params", {}))
        if item["code"] == "name.part":
            params = _isolated(params, isolate)
            params["how"] = messages.join([_say(h, lang, isolate) for h in params["how"]], lang)
            bits.append(messages.render("name.part", params, lang))
        else:
            bits.append(_say(item, lang, isolate))
    line = messages.render("name.separator", {}, lang).join(bits)
    if explained.get("score") is not None:
        score = messages.number(float(explained["score"]), lang, 2)
        head = messages.render("name.score", {"score": score}, lang)
        line = f"{head} {line}" if line else head.rstrip(" :")
    if explained.get("query") or explained.get("entry"):
        query, entry = (str(isolate(explained[k])) if isolate else explained[k]
                        for k in ("query", "entry"))
        line = f"{query} ~ {entry}: {line}"
    if explained.get("prefix"):
        line = f"{_say(explained['prefix'], lang, isolate)}: {line}"
    return line
