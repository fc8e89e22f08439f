"""Namesakes: a same name with a conflicting birth date or another nationality is evidence
against, weighted by how common the name is; a missing date counts neither way; the
explanation names the evidence that decided; linking only, one record per file in an entity."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from interlink.resolve import build, exclusivity, model, resolve
from interlink.resolve.cluster import one_per_source
from interlink.resolve.compare import NULL, birth_date
from interlink.resolve.engine import deciding

FIRST = ["karim", "youssef", "samir", "nadia", "leila", "omar", "amine", "sofiane", "rachid",
         "salma", "yasmine", "walid", "farid", "houda", "ilyes", "meriem", "nabil", "zineb",
         "anis", "hamza"]
LAST = ["bennani", "tazi", "alaoui", "idrissi", "chraibi", "fassi", "berrada", "lahlou",
        "sqalli", "benjelloun", "kettani", "naciri", "guessous", "bensouda", "lazrak",
        "skalli", "sefrioui", "tahiri", "zniber", "filali", "hajji", "mernissi", "ouazzani",
        "benkirane", "cherkaoui", "daoudi", "el amrani", "jaidi", "kabbaj", "lamrani"]


def _date(i: int) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=(i * 7919) % (365 * 50))


def _world() -> tuple[pd.DataFrame, dict[str, str]]:
    """Two files of one world: 150 people in both (each name once), 10 namesakes of them in
    file B, and 8 people called "Mohamed Benali" in both files."""
    rows = []
    truth: dict[str, str] = {}
    for i in range(150):
        name = f"{FIRST[i % 20]} {LAST[(i % 20 + 21 * (i // 20)) % 30]}"  # all different
        born = _date(i)
        rows.append({"id": f"a{i}", "source": "A", "name": name, "birth_date": born.isoformat(),
                     "nationality": "ma"})
        b_date = born.isoformat()
        if i % 4 == 1:
            b_date = ""  # a quarter of file B without birth date
        elif i % 10 == 2:
            b_date = (born + dt.timedelta(days=1)).isoformat()  # one day off
        elif i % 10 == 4 and born.day <= 12:
            b_date = born.replace(day=born.month, month=born.day).isoformat()  # swapped
        b_name = name.replace("ou", "u") if i % 3 else " ".join(reversed(name.split(" ")))
        rows.append({"id": f"b{i}", "source": "B", "name": b_name, "birth_date": b_date,
                     "nationality": "ma"})
        truth[f"a{i}"] = truth[f"b{i}"] = f"p{i}"
    for k in range(10):  # namesakes of a0, a4, a8... in file B, another date
        i = 4 * k
        twin = rows[2 * i]
        rows.append({"id": f"n{k}", "source": "B", "name": twin["name"],
                     "birth_date": _date(i + 5000).isoformat(),
                     "nationality": "ma" if k % 2 else "dz"})
        truth[f"n{k}"] = f"n{k}"
    for k in range(8):  # a common name, several people: A with dates, B one in two without
        born = _date(900 + 37 * k).isoformat()
        rows.append({"id": f"ca{k}", "source": "A", "name": "mohamed benali",
                     "birth_date": born, "nationality": "ma"})
        rows.append({"id": f"cb{k}", "source": "B", "name": "mohamed benali",
                     "birth_date": born if k % 2 else "", "nationality": "ma"})
        truth[f"ca{k}"] = truth[f"cb{k}"] = f"c{k}"
    return pd.DataFrame(rows), truth


def _resolve(link_only: bool = True):  # type: ignore[no-untyped-def]
    """The world resolved as two files linked (link_only) or as one list deduplicated."""
    table, truth = _world()
    ids = table["id"].to_numpy(dtype=object)
    frame = build(ids, table[["name", "birth_date", "nationality"]],
                  table["source"].to_numpy(dtype=object))
    return resolve(frame, link_only=link_only), ids, truth


def _pair(result, ids, x: str, y: str) -> int:  # type: ignore[no-untyped-def]
    index = {v: i for i, v in enumerate(ids.tolist())}
    a, b = sorted((index[x], index[y]))
    found = np.flatnonzero((result.left == a) & (result.right == b))
    assert len(found), f"{x} / {y} is not a candidate pair"
    return int(found[0])


def test_typing_errors_in_dates_are_close_and_other_dates_conflict() -> None:
    values = ["1980-03-04", "1980-04-03", "1980-03-05", "1981-03-04", "1980-03-14",
              "1975-11-20", "1980"]
    frame = build(np.arange(len(values)).astype(str), pd.DataFrame({"birth_date": values}))
    right = np.arange(1, len(values))
    levels = birth_date(frame, np.zeros(len(right), dtype=np.int64), right)
    # swap, one day off, one digit (year), one digit (day): typing errors; another date: not
    assert levels.tolist() == [2, 2, 2, 2, 0, 1]


def test_namesakes_are_kept_apart_and_typos_joined() -> None:
    result, ids, truth = _resolve()
    clusters = dict(zip(ids.tolist(), result.cluster_ids().tolist(), strict=True))
    for k in range(10):  # no namesake joins the person whose name it bears
        assert clusters[f"n{k}"] != clusters[f"a{4 * k}"]
    for i in (2, 12, 22, 5, 9):  # one day off; family name first; a missing date
        if f"b{i}" in clusters:
            assert clusters[f"a{i}"] == clusters[f"b{i}"], i
    joined = {(ids[a], ids[b]) for a, b in zip(result.left[result.matches()],
                                               result.right[result.matches()], strict=True)}
    # no false join, except among the four "Mohamed Benali" of file B without a birth date,
    # who are as like one another as their names (which of them is which is a coin toss)
    wrong = [p for p in joined if truth[p[0]] != truth[p[1]]
             and not (p[0].startswith("ca") and p[1].startswith("cb"))]
    assert not wrong
    for k in (1, 3, 5, 7):  # the common name with a birth date is found
        assert clusters[f"ca{k}"] == clusters[f"cb{k}"]
    found = sum(1 for p in joined if truth[p[0]] == truth[p[1]])
    assert found >= 0.9 * 150  # the 150 shared people, whatever the date errors
    # linking only: at most one record of each file in an entity
    per_entity = pd.Series([v[0] for v in ids.tolist()]).groupby(
        pd.Series([clusters[i] for i in ids.tolist()])).agg(lambda s: s.str[0].value_counts().max())
    assert per_entity.max() <= 2


def test_the_explanation_names_the_deciding_evidence() -> None:
    result, ids, _ = _resolve()
    why = result.explain(_pair(result, ids, "a0", "n0"))  # same name, far date, dz not ma
    assert why["probability"] < 0.5
    assert why["deciding"][0] == "birth_date" and "nationality" in why["deciding"]
    assert why["decided_by"].startswith("kept apart by birth_date different")
    why = result.explain(_pair(result, ids, "a4", "n1"))  # same name and nationality, far date
    assert why["deciding"][0] == "birth_date" and "nationality" not in why["deciding"]
    why = result.explain(_pair(result, ids, "a2", "b2"))  # one day off
    assert why["probability"] >= 0.5 and why["decided_by"].startswith("joined by ")
    assert "birth_date" in why["deciding"]
    dates = [c for c in why["comparisons"] if c["field"] == "birth_date"][0]
    assert dates["level"].startswith("a typing error") and dates["bits"] > 0


def test_a_missing_date_counts_neither_way_and_common_names_weigh_less() -> None:
    result, ids, _ = _resolve()
    k = _pair(result, ids, "a1", "b1")  # file B has no birth date
    why = result.explain(k)
    dates = [c for c in why["comparisons"] if c["field"] == "birth_date"][0]
    assert dates == {"field": "birth_date", "level": "missing", "bits": 0.0}
    total = why["prior_bits"] + sum(c["bits"] for c in why["comparisons"])
    assert abs(total - why["weight"]) < 0.05
    # the model itself: a missing level adds exactly nothing
    levels = result.levels[[k]].copy()
    without = model.score(result.model, levels)
    j = result.model.names.index("birth_date")
    for level in range(len(result.model.m[j])):
        levels[0, j] = level
        assert model.score(result.model, levels)[0] != without[0]
    levels[0, j] = NULL
    assert model.score(result.model, levels)[0] == without[0]
    # the same agreement on a name is worth less for a common name than for a rare one
    common = result.explain(_pair(result, ids, "ca1", "cb1"))
    rare = result.explain(_pair(result, ids, "a3", "b3"))
    freq = {c["field"]: c for c in common["comparisons"]}.get("name frequency")
    assert freq is not None and freq["bits"] < 0 and freq["level"] == "common name"
    rare_freq = {c["field"]: c for c in rare["comparisons"]}.get("name frequency")
    assert rare_freq is None or rare_freq["bits"] > freq["bits"]


def test_deciding_is_the_fewest_strongest_contributions() -> None:
    parts = [{"field": "name", "level": "same", "bits": 6.0},
             {"field": "birth_date", "level": "different", "bits": -9.0},
             {"field": "nationality", "level": "same", "bits": 1.0}]
    out = deciding(parts, weight=-5.0, threshold=0.5)
    assert out["deciding"] == ["birth_date"]
    parts[1] = {"field": "birth_date", "level": "missing", "bits": 0.0}
    out = deciding(parts, weight=4.0, threshold=0.5)
    assert out["deciding"] == ["name"] and out["decided_by"].startswith("joined by name")
    out = deciding(parts, weight=-0.5, threshold=0.5)
    assert out["deciding"] == [] and "too little in favour" in out["decided_by"]
    assert "missing values count neither way" in out["decided_by"]


def test_exclusivity_levels_and_one_record_per_source() -> None:
    # records 0 (file A) and 1, 2 (file B): 0-1 strong, 0-2 weaker; 3-4 alone together
    left, right = np.array([0, 0, 3, 5]), np.array([1, 2, 4, 6])
    prob = np.array([0.99, 0.6, 0.3, 0.01])
    levels = exclusivity.levels(7, left, right, prob, 0.5)
    assert levels.tolist() == [2, 0, 2, NULL]  # 0-2 is taken; 5-6 is implausible anyway
    weight = np.log2(prob / (1 - prob))
    source = np.array([0, 1, 1, 0, 1, 0, 1])
    labels = one_per_source(7, left[:2], right[:2], weight[:2], source)
    assert labels[0] == labels[1] != labels[2]


def test_a_contradicted_pair_gets_no_exclusivity_bonus() -> None:
    """A namesake with another birth date, each other's only candidate, gets no exclusivity
    level (a common name's bonus for standing alone never overrides a contradiction); a
    typing error, a missing date or a contradiction in another field take nothing away."""
    names = ["name", "birth_date", "nationality"]
    bits = [np.array([-8.0, 1.0, 4.0, 9.0]),  # a name that differs is no contradiction here
            np.array([-5.0, -0.5, 3.0, 8.0]),  # different, same year, typing error, same
            np.array([-3.0, 1.0])]
    rows = np.array([[3, 0, 1],     # another birth date
                     [3, 2, 1],     # a typing error
                     [3, NULL, 1],  # no date
                     [3, 3, 0],     # another nationality
                     [0, 3, 1],     # names differ: not one of the fields
                     [3, 1, NULL]], dtype=np.int8)
    against = exclusivity.contradicted(rows, bits, names)
    assert against.tolist() == [True, False, False, True, False, False]
    # every column counts when no names are given
    assert exclusivity.contradicted(rows, bits)[4]
    # two isolated pairs, each plausible: only the uncontradicted one is "only candidate"
    left, right = np.array([0, 2]), np.array([1, 3])
    prob = np.array([0.4, 0.4])
    assert exclusivity.levels(4, left, right, prob, 0.5).tolist() == [2, 2]
    out = exclusivity.levels(4, left, right, prob, 0.5, against=np.array([True, False]))
    assert out.tolist() == [NULL, 2]


def test_a_pair_its_own_fields_weigh_against_is_not_weighed_for_standing_alone() -> None:
    """weighs_against: the first-pass weight below the prior (a likelihood ratio under 1)."""
    weight = np.array([-3.5, -0.8, -0.79, 4.0])
    assert exclusivity.weighs_against(weight, -0.8).tolist() == [True, False, False, False]
    left, right = np.array([0, 2, 4]), np.array([1, 3, 5])
    prob = model.probability(weight[[0, 2, 3]])
    against = exclusivity.weighs_against(weight[[0, 2, 3]], -0.8)
    out = exclusivity.levels(6, left, right, prob, 0.5, against=against)
    assert out.tolist() == [NULL, 2, 2]  # all three plausible (>= FLOOR), each alone


def test_names_that_disagree_withhold_the_level_only_when_the_fields_weigh_against() -> None:
    """exclusivity.against: a disagreeing name (level 0) with a weight below the prior gets no
    level; a disagreeing name the date outweighs, or a merely similar name (level 1) however
    the pair weighs, keeps it; a contradicting date always withholds it."""
    trained = model.Model(["name", "birth_date"], [["d", "s", "c", "x"], ["d", "y", "t", "x"]],
                          [np.array([0.05, 0.15, 0.5, 0.3]), np.array([0.01, 0.01, 0.1, 0.88])],
                          [np.array([0.7, 0.15, 0.1, 0.05]), np.array([0.96, 0.02, 0.01, 0.01])],
                          prior=0.3)
    rows = np.array([[0, NULL], [0, 3], [1, NULL], [1, 0], [0, NULL]], dtype=np.int8)
    weight = np.array([trained.prior_bits - 3.0, trained.prior_bits + 2.6,
                       trained.prior_bits - 0.5, trained.prior_bits - 7.0,
                       trained.prior_bits + 0.1])
    assert exclusivity.against(rows, trained, weight).tolist() == [True, False, False, True,
                                                                    False]


def test_standing_alone_does_not_join_two_different_names() -> None:
    """Two records each other's only candidate, whose whole names differ (the same given and
    father's name, another family name): undated, their own fields weigh against them, having
    no rival is no evidence that they are one person, and they stay apart (before, the
    exclusivity bonus alone joined them, p 0.53); born the same day, the date joins them
    (in this small, clean world the candidates' prior is 0.92 and a different name weighs -7
    bits: the pair gets no exclusivity level either, its fields decide alone)."""
    table, _ = _world()
    extra = pd.DataFrame([
        {"id": i, "source": s, "name": n, "birth_date": d, "nationality": "ma"}
        for i, s, n, d in (("x1", "A", "tarek khalil ziani", "1971-05-06"),
                           ("x2", "B", "tarek khalil bouzid", ""),
                           ("y1", "A", "ghita souad rami", "1966-02-03"),
                           ("y2", "B", "ghita souad haddad", "1966-02-03"))])
    table = pd.concat([table, extra], ignore_index=True)
    ids = table["id"].to_numpy(dtype=object)
    frame = build(ids, table[["name", "birth_date", "nationality"]],
                  table["source"].to_numpy(dtype=object))
    result = resolve(frame, link_only=True)
    column = [c.name for c in result.comps].index("exclusivity")
    undated = _pair(result, ids, "x1", "x2")
    why = result.explain(undated)
    assert result.levels[undated, column] == NULL
    assert why["probability"] < 0.5 and why["deciding"] == ["name"]
    dated = _pair(result, ids, "y1", "y2")
    assert result.explain(dated)["probability"] >= 0.5
    clusters = dict(zip(ids.tolist(), result.cluster_ids().tolist(), strict=True))
    assert clusters["x1"] != clusters["x2"] and clusters["y1"] == clusters["y2"]


def _one_per_source_loop(n: int, left: np.ndarray, right: np.ndarray, weight: np.ndarray,
                         source: np.ndarray) -> np.ndarray:
    """The rule itself, every pair through the loop: strongest first, skip a join that would
    put two records of one source together."""
    group = list(range(n))
    members: dict[int, set[int]] = {i: {i} for i in range(n)}
    for k in np.argsort(-weight, kind="stable").tolist():
        ga, gb = group[int(left[k])], group[int(right[k])]
        if ga == gb or {int(source[i]) for i in members[ga]} & {
                int(source[i]) for i in members[gb]}:
            continue
        for i in members[gb]:
            group[i] = ga
        members[ga] |= members.pop(gb)
    return np.array(group)


def test_one_per_source_bulk_path_equals_the_loop() -> None:
    """Components without two records of one source are joined in bulk: the same clusters as
    taking every pair through the loop, on random linkages with conflicts."""
    rng = np.random.default_rng(7)
    for _ in range(30):
        n = 60
        source = rng.integers(-1, 3, n)
        left = rng.integers(0, n, 80)
        right = rng.integers(0, n, 80)
        keep = left != right
        left, right = np.minimum(left, right)[keep], np.maximum(left, right)[keep]
        weight = rng.normal(size=len(left))
        got = one_per_source(n, left, right, weight, source)
        want = _one_per_source_loop(n, left, right, weight, source)
        same_got = got[:, None] == got[None, :]
        same_want = want[:, None] == want[None, :]
        assert (same_got == same_want).all()
