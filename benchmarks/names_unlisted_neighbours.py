"""How close the unlisted queries of `names_bench.py` stand to listed people (issue 13).

An unlisted query is a person whose given and family word are not a listed person's
(`names_data._identity`), but a list of a million names drawn from finite name pools holds
people who share all their words but one with it, or the same words in another order. This
counts them by the benchmark's own word identity (never through `interlink.names`), so that a
false alert can be read against what the data allows: an alert on such a neighbour is the
dropped-middle or reordered kind seen from the other side.

    PYTHONPATH=src python benchmarks/names_unlisted_neighbours.py --size 1000000 --seed 7 \
        [--misses /tmp/names_misses_1000000.txt]

With `--misses` (the file `names_bench.py --misses` writes for the same size and seed) each
false alert is listed with its neighbour kind, if any, and whether it alerted on that person.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import names_data as nd  # noqa: E402


def _word(w: nd.Word) -> str:
    return w.arabic.removeprefix("ال") if w.arabic else nd._fold(w.latin[0])


def neighbours(size: int, seed: int) -> dict[str, tuple[str, str]]:
    """Unlisted query name -> (neighbour kind, the listed name), for those that have one."""
    people: list[nd.Person] = []
    make = nd.Generator.person

    def recorded(self: nd.Generator) -> nd.Person:
        person = make(self)
        people.append(person)
        return person

    nd.Generator.person = recorded  # type: ignore[method-assign]
    try:
        data = nd.generate(size, 600, seed)
    finally:
        nd.Generator.person = make  # type: ignore[method-assign]
    listed = people[:size]
    identities = {nd._identity(p) for p in listed}
    unlisted = [p for p in people[size:] if nd._identity(p) not in identities]
    queries = [q for q in data.queries if q["kind"] == "unlisted"]
    by_words: dict[frozenset[str], int] = {}
    by_words_less_one: dict[frozenset[str], tuple[int, int]] = {}
    for i, p in enumerate(listed):
        words = [_word(w) for w in p.words]
        by_words.setdefault(frozenset(words), i)
        if len(words) >= 3:
            for j in range(len(words)):
                by_words_less_one.setdefault(frozenset(words[:j] + words[j + 1:]), (i, j))
    found: dict[str, tuple[str, str]] = {}
    for q, p in zip(queries, unlisted, strict=False):
        words = [_word(w) for w in p.words]
        if (i := by_words.get(frozenset(words))) is not None:
            found[q["name"]] = ("same words", data.watchlist[i]["name"])
            continue
        hit = by_words_less_one.get(frozenset(words))
        if hit is not None:
            where = "first" if hit[1] == 0 else "last" if hit[1] == 2 else "middle"
            found[q["name"]] = (f"a listed {where} word more", data.watchlist[hit[0]]["name"])
            continue
        for j in range(len(words)):
            if len(words) > 2 and (i := by_words.get(frozenset(words[:j] + words[j + 1:]))) \
                    is not None:
                where = "first" if j == 0 else "last" if j == len(words) - 1 else "middle"
                found[q["name"]] = (f"a query {where} word more", data.watchlist[i]["name"])
                break
    return found


_ALERT = re.compile(r"unlisted/\w+: (['\"])(.*)\1 alerts on (['\"])(.*)\3 ([\d.]+)$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--misses", type=Path)
    args = parser.parse_args()
    found = neighbours(args.size, args.seed)
    kinds = Counter(kind for kind, _ in found.values())
    print(f"{args.size:,} listed, seed {args.seed}: {len(found)} of 600 unlisted queries have a "
          f"listed neighbour by the benchmark's words")
    for kind, n in kinds.most_common():
        print(f"  {kind}: {n}")
    if args.misses:
        alerts: dict[str, int] = defaultdict(int)
        for line in args.misses.read_text(encoding="utf-8").splitlines():
            m = _ALERT.match(line.strip())
            if not m:
                continue
            query, alerted = m.group(2), m.group(4)
            kind, neighbour = found.get(query, ("none", ""))
            on_it = bool(neighbour) and neighbour == alerted
            alerts["on the neighbour" if on_it else kind if kind == "none" else "has one"] += 1
            print(f"  {m.group(5)} {query!r} ~ {alerted!r}: {kind}"
                  + (" (on it)" if on_it else f" ({neighbour!r})" if neighbour else ""))
        print(f"false alerts: {sum(alerts.values())}; " + ", ".join(
            f"{k} {v}" for k, v in sorted(alerts.items())))


if __name__ == "__main__":
    main()
