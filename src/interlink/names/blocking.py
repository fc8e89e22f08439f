"""Blocking keys of a whole name: what the screening index and entity resolution look
candidates up by. Above parsing (it parses the name first), below comparison."""

from __future__ import annotations

from interlink.names.keys import key_groups, pair_key
from interlink.names.parse import parse_name


def keys(name: str, kind: str = "person") -> set[str]:
    """Blocking keys of a name: one per part (coarse key) and one per pair of parts.

    The Arabic and Latin spellings of one name share keys: keys("محمد عمره") and
    keys("Mohamed Amra") both contain "MHMD", "MR" and "MHMD|MR". Pair keys are order-free
    (sorted), so "Amra Mohamed" shares them too. Used by the screening index and by entity
    resolution for blocking; a shared key means "worth comparing", never "same name".
    """
    parts = parse_name(name, kind)
    singles: set[str] = set()
    for part in parts:
        if part.initial:
            continue
        singles.update(part.retrieval_keys)
    result = set(singles)
    plain = [p for p in parts if not p.initial]
    for i, a in enumerate(plain):
        for b in plain[i + 1 :]:
            for ka in a.retrieval_keys:
                for kb in b.retrieval_keys:
                    if ka != kb:
                        result.add(pair_key(ka, kb))
    for group in key_groups(parts):  # adds the keys of parts written as one word
        result.update(group)
    return result
