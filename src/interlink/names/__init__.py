"""Names across scripts: normalisation, Arabic/Latin sound keys, name parts, comparison.

Public API (reused by screening and entity resolution):

- `compare(a, b, kind="person") -> NameMatch`: score in [0, 1] and a readable explanation;
- `keys(name, kind="person") -> set[str]`: blocking keys shared by the Arabic and Latin
  spellings of one name;
- `normalize(text)`, `parse_name(name, kind)` for the steps in between.
"""

from interlink.names.blocking import keys
from interlink.names.compare import NameMatch, PartMatch, align, compare, part_similarity
from interlink.names.normalize import normalize
from interlink.names.parse import parse_name
from interlink.names.parts import Part

__all__ = [
    "NameMatch",
    "Part",
    "PartMatch",
    "align",
    "compare",
    "keys",
    "normalize",
    "parse_name",
    "part_similarity",
]
