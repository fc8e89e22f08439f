"""The resolver on tables: cross-script names, noisy duplicates, the threshold, hub keys."""

from __future__ import annotations

import numpy as np
import pandas as pd

from interlink.resolve import blocking, build, resolve
from interlink.resolve.cluster import UnionFind, cluster_with_judgements, components


def _noisy_people(n: int = 300, seed: int = 7) -> tuple[pd.DataFrame, list[int]]:
    """n people, each once or with a duplicate carrying typos and a missing field."""
    rng = np.random.default_rng(seed)
    firsts = ["james", "olivia", "noah", "amelia", "liam", "isla", "jack", "mia", "oscar",
              "ava", "leo", "grace", "henry", "zoe", "lucas", "ruby"]
    rows, truth = [], []
    for i in range(n):
        first = firsts[i % len(firsts)]
        last = "".join(rng.choice(list("bcdfghklmnprstvw"), 3)) + rng.choice(
            ["son", "ley", "ford", "well", "ton"])
        born = f"{1940 + i % 60}-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
        row = {"id": f"r{i}", "first_name": first, "last_name": last, "birth_date": born,
               "postcode": str(2000 + i), "city": f"town{i % 37}"}
        rows.append(row)
        truth.append(i)
        if i % 3 == 0:
            dup = dict(row, id=f"r{i}d")
            k = int(rng.integers(1, len(last) - 1))
            dup["last_name"] = last[:k] + last[k + 1 :] if i % 2 else last[:k] + "x" + last[k:]
            if i % 4 == 0:
                dup["postcode"] = ""
            rows.append(dup)
            truth.append(i)
    return pd.DataFrame(rows), truth


def test_duplicates_with_typos_are_found_and_others_kept_apart() -> None:
    table, truth = _noisy_people()
    frame = build(table.pop("id").to_numpy(dtype=object), table)
    result = resolve(frame)
    labels = result.clusters
    same_truth = {(a, b) for a in range(len(truth)) for b in range(a + 1, len(truth))
                  if truth[a] == truth[b]}
    same_found = {(a, b) for a in range(len(truth)) for b in range(a + 1, len(truth))
                  if labels[a] == labels[b]}
    assert len(same_truth & same_found) >= 0.95 * len(same_truth)
    assert len(same_found - same_truth) <= 2
    # every pair at or above the threshold explains itself field by field
    k = int(result.matches()[0])
    why = result.explain(k)
    assert why["probability"] >= 0.5
    assert {c["field"] for c in why["comparisons"]} >= {"first_name", "last_name", "birth_date"}


def test_arabic_and_latin_spellings_block_and_score_together() -> None:
    table = pd.DataFrame([
        {"id": "ma-1", "name": "محمد عمره", "birth_date": "1990-03-04"},
        {"id": "fr-1", "name": "Mohamed Amra", "birth_date": "1990-03-04"},
        {"id": "ma-2", "name": "يوسف الحمداوي", "birth_date": "1985-07-21"},
        {"id": "fr-2", "name": "Youssef El Hamdaoui", "birth_date": "1985-07-21"},
        {"id": "es-2", "name": "Yusuf Hamdawi", "birth_date": "1985-07-21"},
        {"id": "fr-3", "name": "Pierre Dubois", "birth_date": "1971-06-30"},
        {"id": "fr-4", "name": "Mohamed Benali", "birth_date": "1990-03-04"},
    ] + [{"id": f"x{i}", "name": f"Person{chr(97 + i % 26)}{i} Other{i}",
          "birth_date": f"19{50 + i % 40}-01-{1 + i % 28:02d}"} for i in range(40)])
    ids = table.pop("id").to_numpy(dtype=object)
    result = resolve(build(ids, table))
    cluster = dict(zip(ids.tolist(), result.cluster_ids().tolist(), strict=True))
    assert cluster["ma-1"] == cluster["fr-1"]
    assert cluster["ma-2"] == cluster["fr-2"] == cluster["es-2"]
    assert cluster["fr-4"] != cluster["fr-1"]  # same birth date, different family name
    assert cluster["fr-3"] == "fr-3"
    k = [i for i in range(len(result.left))
         if {ids[result.left[i]], ids[result.right[i]]} == {"ma-1", "fr-1"}][0]
    assert result.explain(k)["comparisons"][0]["field"] == "name"


def test_threshold_moves_the_cut_and_blocks_skip_hub_keys() -> None:
    table, _ = _noisy_people(120)
    ids = table.pop("id").to_numpy(dtype=object)
    frame = build(ids, table)
    loose = resolve(frame, threshold=0.01)
    probs = np.unique(loose.probability)
    cut = float((probs[-1] + probs[-2]) / 2)  # between the two highest scores seen
    strict = resolve(frame, threshold=cut)
    assert 0 < len(strict.matches()) < len(loose.matches())
    assert (strict.probability[strict.matches()] >= cut).all()
    assert len(set(strict.clusters.tolist())) > len(set(loose.clusters.tolist()))
    codes = np.zeros(50, dtype=np.int32)  # one key held by all fifty
    assert len(blocking.pairs_of_key(codes, max_block=49)) == 0
    assert len(blocking.pairs_of_key(codes, max_block=50)) == 50 * 49 // 2


def test_pairs_of_key_are_every_pair_of_each_group_once() -> None:
    codes = np.array([3, 1, 3, -1, 1, 3, 2], dtype=np.int32)
    p = blocking.pairs_of_key(codes)
    assert sorted(zip(p.left.tolist(), p.right.tolist(), strict=True)) == [
        (0, 2), (0, 5), (1, 4), (2, 5)]


def test_union_find_keeps_judged_apart_groups_apart() -> None:
    uf = cluster_with_judgements([("a", "b", 0.9), ("b", "c", 0.8), ("c", "d", 0.99)],
                                 same=[("d", "e")], different=[("a", "c")])
    assert uf.find("c") == uf.find("d") == uf.find("e")
    assert uf.find("a") == uf.find("b") != uf.find("c")
    fresh = UnionFind()
    fresh.keep_apart("x", "y")
    assert not fresh.union("x", "y") and fresh.may_join("x", "z")
    labels = components(5, np.array([0, 3]), np.array([1, 4]))
    assert labels[0] == labels[1] and labels[3] == labels[4] and labels[2] not in (labels[0],
                                                                                    labels[3])


def test_a_shared_part_and_a_mistyped_date_block_only_what_a_typing_error_explains() -> None:
    """The filtered rules (blocking.FILTERED_RULES): one shared name part with the same birth
    year, or the same day and month, yields a candidate only when a typing error explains the
    two dates and the whole names are alike; a namesake born another day of that year, or
    another name sharing one part, is not paired by them."""
    table = pd.DataFrame([
        {"name": "يوسف الحمداوي", "birth_date": "1985-07-21"},          # 0
        {"name": "Youssef El Hamdaoui", "birth_date": "1985-07-31"},    # 1: one digit
        {"name": "Youssef El Hamdaoui", "birth_date": "1986-07-21"},    # 2: year digit
        {"name": "Youssef El Hamdaoui", "birth_date": "1985-03-02"},    # 3: same year only
        {"name": "Youssef Dubois", "birth_date": "1985-07-22"},         # 4: another name
    ])
    frame = build(np.array([f"r{i}" for i in range(len(table))], dtype=object), table)
    found = {}
    for rule in blocking.FILTERED_RULES:
        p = blocking.block(frame, rules=(rule,))
        found[rule[1]] = set(zip(p.left.tolist(), p.right.tolist(), strict=True))
    assert (0, 1) in found["birth_year"] and (0, 2) in found["birth_monthday"]
    every = found["birth_year"] | found["birth_monthday"]
    assert (0, 3) not in every and (0, 4) not in every and (1, 4) not in every
    # unfiltered, the same keys pair them: the filter, not the key, keeps them apart
    col = frame.cols["birth_year"]
    raw = blocking.pairs_of_name_keys(frame, 100, parts_with=col)
    assert {(0, 3), (0, 4)} <= set(zip(raw.left.tolist(), raw.right.tolist(), strict=True))


def test_one_part_and_another_part_s_initial_block_undated_pairs_with_a_slip() -> None:
    """blocking.INITIALS_RULE: a typing slip inside one part ("ahyed" for Ahmed) leaves no
    pair key in common, and without a date no other rule meets the pair; one part and the
    other part's first sound do, when one record is undated and the whole names agree. A
    namesake sharing the family name, another given name in the same letter, does not pass;
    nor does a pair of two dated records (the rules on the date are theirs), nor two names
    with the same keys (the rule on two parts pairs those)."""
    table = pd.DataFrame([
        {"name": "احمد بوجو", "birth_date": "1961-10-17"},              # 0
        {"name": "BOUJOU Ahyed", "birth_date": ""},                      # 1: slip, undated
        {"name": "Boujou Amine", "birth_date": ""},                      # 2: another name
        {"name": "Ahyed Boujou", "birth_date": "1971-05-02"},            # 3: 0 dated; 1's keys
        {"name": "محمد الهادي", "birth_date": "1980-01-01"},           # 4: unrelated
    ])
    frame = build(np.array([f"r{i}" for i in range(len(table))], dtype=object), table)
    p = blocking.block(frame, rules=(blocking.INITIALS_RULE,))
    found = set(zip(p.left.tolist(), p.right.tolist(), strict=True))
    assert found == {(0, 1)}
    assert blocking.slip_apart(frame.cols["name_keys"].text(0), frame.cols["name_keys"].text(1))
    # no pair key in common: the rule on two parts does not meet them
    keys = blocking.block(frame, rules=(("name_keys",),))
    assert (0, 1) not in set(zip(keys.left.tolist(), keys.right.tolist(), strict=True))
    # unfiltered, the key pairs the namesake too: the names' filter keeps it out
    raw = blocking.pairs_of_name_keys(frame, 100, initials=True)
    assert (0, 2) in set(zip(raw.left.tolist(), raw.right.tolist(), strict=True))


def _mixed_script_people(n: int = 240, seed: int = 3) -> pd.DataFrame:
    """n records of a few shared names in two scripts: namesakes, mistyped years and days,
    a third undated, so that every name rule (filtered ones included) has pairs to make."""
    rng = np.random.default_rng(seed)
    arabic = ["محمد", "احمد", "يوسف", "كريم", "سعيد", "بوجو", "الحمداوي", "بناني", "العلوي"]
    latin = ["Mohamed", "Ahmed", "Ahyed", "Youssef", "Karim", "Said", "Boujou", "El Hamdaoui",
             "Bennani", "Alaoui"]
    rows = []
    for i in range(n):
        words = arabic if i % 2 else latin
        name = " ".join(rng.choice(words, 2 + i % 2, replace=False))
        born = "" if i % 3 == 0 else f"{1980 + i % 4}-{1 + i % 3:02d}-{10 + i % 5:02d}"
        rows.append({"name": name, "birth_date": born})
    return pd.DataFrame(rows)


def test_blocking_is_the_union_of_its_rules_whatever_the_chunks(monkeypatch) -> None:
    """block() keeps the pairs found so far as one sorted array (_merge) and makes the
    filtered rules' pairs a run of key groups at a time: the candidates are still exactly
    the union of every rule's own pairs, with chunks of any size."""
    table = _mixed_script_people()

    def frame():  # a new frame each time: blocking caches keys on its columns
        return build(np.array([f"r{i}" for i in range(len(table))], dtype=object), table)

    def pairs(p: blocking.Pairs) -> set[tuple[int, int]]:
        return set(zip(p.left.tolist(), p.right.tolist(), strict=True))

    whole = blocking.block(frame())
    union = set().union(*(pairs(blocking.block(frame(), rules=(r,))) for r in blocking.RULES))
    assert pairs(whole) == union and len(whole) == len(union)
    assert all(len(pairs(blocking.block(frame(), rules=(r,)))) for r in blocking.FILTERED_RULES)
    codes = whole.left.astype(np.int64) * len(table) + whole.right
    assert (np.diff(codes) > 0).all()  # sorted, each pair once
    for name, size in (("FILTER_CHUNK", 5), ("KEYS_CHUNK", 7), ("INITIALS_CHUNK", 7)):
        monkeypatch.setattr(blocking, name, size)
    small = blocking.block(frame())
    assert np.array_equal(small.left, whole.left) and np.array_equal(small.right, whole.right)
    # the chunks of pairs_of_key are its pairs in its order, whatever their size
    codes = np.array([0, 1, 0, 2, 1, 0, 3, 2, 2, 2, -1, 0], dtype=np.int32)
    one = blocking.pairs_of_key(codes)
    for chunk in (1, 2, 5, 100):
        parts = list(blocking.pairs_of_key_chunks(codes, chunk=chunk))
        assert np.array_equal(np.concatenate([q.left for q in parts]), one.left)
        assert np.array_equal(np.concatenate([q.right for q in parts]), one.right)
        assert all(len(q) <= max(chunk, 6) for q in parts)  # a group of 4 makes 6 on its own
