"""Typing slips in Latin name parts (resolve/slips.py): read as the spelling many records hold
one edit away, never as another name that records hold themselves."""

from __future__ import annotations

import numpy as np
import pandas as pd

from interlink.resolve import blocking, build, namesim
from interlink.resolve.compare import full_name
from interlink.resolve.slips import SLIP_RARE, SLIP_RATIO, corrections, key_slip


def _fixes(texts: list[str], counts: list[int]) -> dict[str, list[str]]:
    start, count, ids = corrections(texts, np.array(counts, dtype=np.float64),
                                    np.ones(len(texts), dtype=bool))
    return {texts[i]: [texts[j] for j in ids[start[i]:start[i] + count[i]].tolist()]
            for i in range(len(texts)) if count[i]}


def test_a_rare_spelling_one_edit_from_a_common_one_is_a_slip_of_it() -> None:
    texts = ["habib", "habb", "bashir", "bahsir", "nouri", "noui", "hamdi", "hamidi",
             "kabib", "hbib", "hbb", "samir", "samira"]
    counts = [40, 1, 30, 2, 25, 1, 20, SLIP_RARE + 2, 1, 1, 1,
              SLIP_RATIO * SLIP_RARE - 1, SLIP_RARE]
    fixes = _fixes(texts, counts)
    # a dropped letter, two letters swapped, a dropped consonant; "hbib": a dropped vowel
    assert fixes == {"habb": ["habib"], "bahsir": ["bashir"], "noui": ["nouri"],
                     "hbib": ["habib"]}
    # not: "hamidi" (more than SLIP_RARE records hold it: a name of its own, not a slip of
    # "hamdi"), "kabib" (the first letter differs), "hbb" (two edits from "habib"), "samira"
    # (not SLIP_RATIO times rarer than "samir")


def _frame(rows: list[tuple[str, str]]) -> object:
    table = pd.DataFrame(rows, columns=["name", "birth_date"])
    return build(np.array([f"r{i}" for i in range(len(table))], dtype=object), table)


#: Records holding "bashir" as written, born on other days, so that it is a common spelling.
_BASHIRS = [(f"bashir {s}", f"19{60 + i}-01-0{1 + i}") for i, s in enumerate(
    ["amrani", "tazi", "idrissi", "alaoui", "bennani", "chraibi"])]


def test_a_slip_scores_as_its_correction_less_a_penalty_across_scripts() -> None:
    frame = _frame([("بشير جربال", "1951-07-02"), ("bahsir djerbal", "")] + _BASHIRS)
    left, right = np.array([0]), np.array([1])
    assert full_name(frame, left, right)[0] >= 1  # whole names >= 0.75: read as Bashir
    table = namesim.table_of(frame.cols["name"], frame.kind)
    plain = namesim.NameTable(frame.cols["name"].values, frame.kind)  # no counts: no slips
    va, vb = frame.cols["name"].codes[left], frame.cols["name"].codes[right]
    assert table.scores(va, vb)[0] >= 0.75 > plain.scores(va, vb)[0]
    # the corrected spelling itself scores higher: the slip costs SLIP_PENALTY on its part
    fixed = _frame([("بشير جربال", "1951-07-02"), ("bashir djerbal", "")] + _BASHIRS)
    assert full_name(fixed, left, right)[0] >= full_name(frame, left, right)[0]


def test_no_slip_without_a_common_spelling_to_correct_to() -> None:
    """Six records spell it "bashir": against more than SLIP_RARE records of "bahsir", that
    is a spelling of its own, not a slip; with one "bashir", there is nothing to correct to."""
    for rows in ([("bahsir djerbal", "")] * (SLIP_RARE + 1) + _BASHIRS,
                 [("bahsir djerbal", ""), ("bashir amrani", "1960-01-01")]):
        frame = _frame([("بشير جربال", "1951-07-02"), *rows])
        assert full_name(frame, np.array([0]), np.array([1]))[0] == 0
        p = blocking.block(frame)
        assert (0, 1) not in set(zip(p.left.tolist(), p.right.tolist(), strict=True))


def test_the_slips_rule_pairs_a_slip_with_the_other_script_s_spelling() -> None:
    """blocking.SLIPS_RULE: undated, with one part slipped, no key of the name is shared with
    the Arabic record; read as its correction it shares one, and the pair is a candidate."""
    frame = _frame([("بشير جربال", "1951-07-02"), ("bahsir djerbal", "")] + _BASHIRS)
    keys = frame.cols["name_keys"]
    assert set(keys.text(0).split()).isdisjoint(keys.text(1).split())
    rules = tuple(r for r in blocking.RULES if r != blocking.SLIPS_RULE)
    without = blocking.block(frame, rules=rules)
    assert (0, 1) not in set(zip(without.left.tolist(), without.right.tolist(), strict=True))
    p = blocking.block(frame, rules=(blocking.SLIPS_RULE,))
    assert set(zip(p.left.tolist(), p.right.tolist(), strict=True)) == {(0, 1)}


def test_two_slips_in_one_name_are_read_together() -> None:
    """Both parts slipped ("bahsir djerbak"): read one at a time, each corrected part meets a
    part still slipped; SLIPS_RULE reads both corrections at once."""
    djerbals = [(f"{g} djerbal", f"19{70 + i}-02-0{1 + i}")
                for i, g in enumerate(["karim", "samir", "nabil"])]
    frame = _frame([("بشير جربال", "1951-07-02"), ("bahsir djerbak", "")]
                   + _BASHIRS + djerbals)
    assert full_name(frame, np.array([0]), np.array([1]))[0] >= 1
    p = blocking.block(frame, rules=(blocking.SLIPS_RULE,))
    assert (0, 1) in set(zip(p.left.tolist(), p.right.tolist(), strict=True))


def test_a_rare_spelling_with_no_correction_is_a_slip_when_long_keys_are_one_edit_apart() -> None:
    """"aftocuhe" (افتوش, "aftouche" with two letters swapped): nobody else spells it, and no
    record holds the right spelling either; its key AFTK is one edit from AFTC, with keys of
    four consonants (slips.KEY_SLIP_MIN). Shorter keys one edit apart are too often two names,
    and a spelling that records hold is a name of its own."""
    from interlink.names import parse_name

    arabic, latin = parse_name("افتوش")[0], parse_name("aftocuhe")[0]
    assert key_slip(arabic, latin)
    assert not key_slip(parse_name("نوري")[0], parse_name("noui")[0])  # NR / N: too short
    rows = [("الحبيب افتوش", "1963-01-01"), ("habbib aftocuhe", ""), ("habib amrani", "")]
    assert full_name(_frame(rows), np.array([0]), np.array([1]))[0] >= 1
    p = blocking.block(_frame(rows))
    assert (0, 1) in set(zip(p.left.tolist(), p.right.tolist(), strict=True))
    held = rows + [("habib aftocuhe", f"19{70 + i}-01-01") for i in range(SLIP_RARE)]
    assert full_name(_frame(held), np.array([0]), np.array([1]))[0] == 0


def test_a_pair_s_explanation_says_which_part_was_read_as_a_typing_slip() -> None:
    """The names' explanation (interlink.names.compare) calls "bahsir" and بشير different;
    the pair's explanation says the resolver read it as a slip of "bashir", in every
    catalogue (core.messages, code name.typing_slip), and a correctly spelt name says no
    such thing."""
    from interlink.names.explanation import codes, render
    from interlink.resolve import resolve
    from interlink.resolve.engine import slip_text

    frame = _frame([("بشير جربال", "1951-07-02"), ("bahsir djerbal", ""),
                    ("بشير عمراني", "1960-01-01")] + _BASHIRS)
    result = resolve(frame)
    pairs = list(zip(result.left.tolist(), result.right.tolist(), strict=True))
    k = pairs.index((0, 1))
    name = next(c for c in result.explain(k)["comparisons"] if c["field"] == "name")
    assert name["slips"] == [{"slip": "bahsir", "correction": "bashir"}]
    assert result.name_slips(k) == [("bahsir", "bashir")]
    other = pairs.index((2, 3))  # بشير عمراني / bashir amrani: no slip
    assert result.name_slips(other) == []
    line = "name 0.53: جربال = djerbal (same sound key JRBL); " + slip_text("bahsir", "bashir")
    item = codes(line)["items"][-1]
    assert item == {"code": "name.typing_slip",
                    "params": {"left": "bahsir", "right": "bashir"}}
    assert render(line, "fr").endswith("bahsir lu comme une faute de frappe pour bashir")
    assert "read as" not in render(line, "ar") and "read as" not in render(line, "es")
    alone = codes(slip_text("aftocuhe", ""))["items"][0]
    assert alone["code"] == "name.typing_slip_keys"


def test_a_table_of_some_names_reads_the_column_s_slips_from_its_dictionary() -> None:
    """The Spark engine scores batches of pairs, whose tables hold a few names and none of
    the column's counts: given the column's slip_dictionary, a batch's table scores a slip
    as the column's table does ("bashir", the correction, is in no name of the batch), and
    without it reads no slip."""
    frame = _frame([("بشير جربال", "1951-07-02"), ("bahsir djerbal", "")] + _BASHIRS)
    col = frame.cols["name"]
    whole = namesim.table_of(col, frame.kind)
    dictionary = whole.slip_dictionary()
    assert dictionary["bahsir"] == ("bashir",)
    va, vb = col.codes[[0]], col.codes[[1]]
    expected = whole.scores(va, vb)[0]
    batch = col.values[[int(va[0]), int(vb[0])]]
    given = namesim.NameTable(batch, frame.kind, slips=dictionary)
    assert given.scores(np.array([0]), np.array([1]))[0] == expected >= 0.75
    assert namesim.NameTable(batch, frame.kind).scores(np.array([0]), np.array([1]))[0] < 0.75
