"""Build-time learning of spelling variants from a parallel name dictionary (not run at run time).

    python -m interlink.names.learn            # rewrites names/data/variants.tsv

Reads the 22,797 Latin/Arabic-script name pairs of `arabnamer`'s dictionary (data licence
CC-BY-4.0, see names/data/README.md; installed with the `bench` extra, read as a file, never
imported). Each single-word pair is compared with the rules of this package; where the rules
do not make the two spellings meet (Michael / مايكل, Nietzsche / نيتشه), the pair is written to
`variants.tsv`: the normalised word and the sound classes of its counterpart, in both
directions. `variants.py` loads that file, and `parts._plain` adds the learned classes as
variants of the word. Pairs that are far apart even as consonant skeletons (a translation, not
a transliteration) are left out. The report printed says how many pairs the rules alone match.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from interlink.names import variants
from interlink.names.compare import MIN_PART, part_similarity
from interlink.names.normalize import normalize
from interlink.names.parse import parse_name
from interlink.names.parts import Part

OUT = Path(__file__).parent / "data" / "variants.tsv"
#: The dictionary's single-word pairs themselves: which Arabic-script word each Latin spelling
#: of a known name is (`variants.known_name`).
KNOWN = Path(__file__).parent / "data" / "known_names.tsv"
#: Pairs whose coarse keys are less alike than this are translations or errors, not variants.
MIN_SKELETON = 0.5


def dictionary() -> dict[str, str]:
    spec = importlib.util.find_spec("arabnamer")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("arabnamer is not installed (pip install -e '.[bench]')")
    path = Path(next(iter(spec.submodule_search_locations)), "data", "dict_FINAL.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _single_words(pairs: dict[str, str]) -> Iterator[tuple[str, str, Part, Part]]:
    """The dictionary's pairs of one word on each side, normalised and parsed: the only
    pairs that say how one name is written in each script (a phrase's words do not line up)."""
    for latin, arabic in pairs.items():
        a, b = normalize(latin), normalize(arabic)
        if not a or not b or " " in a or " " in b:
            continue
        pa, pb = parse_name(a), parse_name(b)
        if len(pa) == 1 and len(pb) == 1:
            yield a, b, pa[0], pb[0]


def learn(pairs: dict[str, str]) -> tuple[list[tuple[str, str]], dict[str, int]]:
    rows: set[tuple[str, str]] = set()
    stats = {"pairs": 0, "rules": 0, "learned": 0, "skipped": 0}
    variants.disable()
    for a, b, pa, pb in _single_words(pairs):
        stats["pairs"] += 1
        if part_similarity(pa, pb)[0] >= MIN_PART:
            stats["rules"] += 1
            continue
        ka, kb = pa.key, pb.key
        if Levenshtein.normalized_similarity(ka.coarse, kb.coarse) < MIN_SKELETON:
            stats["skipped"] += 1
            continue
        stats["learned"] += 1
        rows.add((a, kb.full))
        rows.add((b, ka.full))
    return sorted(rows), stats


def known(pairs: dict[str, str]) -> list[tuple[str, str]]:
    """The single-word pairs (normalised Latin word, normalised Arabic-script word) whose
    consonant skeletons are alike (not a translation: Abel / هابيل is left out)."""
    rows: set[tuple[str, str]] = set()
    for a, b, pa, pb in _single_words(pairs):
        ka, kb = pa.key, pb.key
        if Levenshtein.normalized_similarity(ka.coarse, kb.coarse) >= MIN_SKELETON:
            rows.add((a, b))
    return sorted(rows)


def main() -> None:
    pairs = dictionary()
    KNOWN.write_text(
        "# latin\tarabic (single-word pairs of arabnamer's dictionary, CC-BY-4.0; see README.md)\n"
        + "".join(f"{a}\t{b}\n" for a, b in known(pairs)),
        encoding="utf-8",
    )
    rows, stats = learn(pairs)
    OUT.write_text(
        "# word\tclasses (learned from arabnamer's dictionary, CC-BY-4.0; see README.md)\n"
        + "".join(f"{w}\t{c}\n" for w, c in rows),
        encoding="utf-8",
    )
    share = stats["rules"] / max(1, stats["pairs"])
    print(f"{stats['pairs']} single-word pairs; rules alone match {stats['rules']} "
          f"({share:.1%}); learned {stats['learned']}, left out {stats['skipped']}; "
          f"{len(rows)} rows -> {OUT}", file=sys.stderr)  # fmt: skip


if __name__ == "__main__":
    main()
