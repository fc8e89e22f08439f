"""Search keys: what a record can be found by (names across scripts, birth dates, documents).

The store keeps these keys beside each current record, so a search is an index look-up, never a
scan; the policy gate then decides, record by record, what the searcher may see of each hit.
"""

from interlink.search.keys import query_keys, record_keys

__all__ = ["query_keys", "record_keys"]
