"""The one viewer-facing service: everything a person or system is shown of the intelligence.

The API, the web pages and the command line call these functions and nothing else for records:
they parse input and shape output, never ask the gate themselves nor read records from the
store. Each function here

- asks the policy gate (`interlink.policy`) about every record it could show, and shows a
  record in full, as a hit (owner and reference), or not at all;
- writes one audit entry naming every record id it discloses, in the same shape whichever
  surface called it (`disclose`);
- answers a record the viewer may not know of exactly as an absent one (`NotFound` with the
  generic message), so no error is an oracle.

Analyses (resolved entities, the analysis graph, key actors, screening) are computed only from
records the viewer sees in full, so a hidden record never shows through a link, a merge or a
rank.
"""

from interlink.access.audit import disclose
from interlink.access.records import Shown, list_records, read
from interlink.access.search import SearchResult, search

__all__ = [
    "SearchResult",
    "Shown",
    "disclose",
    "list_records",
    "read",
    "search",
]
