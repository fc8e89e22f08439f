"""The policy gate: the one place that decides what a viewer may see of a record.

Every read goes through `visibility()`. Store filters for lists and searches must implement the
same rules (the server issue adds them, with property tests comparing both).

The rules, in order, for a viewer (user, agency, declared purpose) and a record:
1. The owner agency sees its own records in full.
2. A record past its review-by date is served to nobody else until the owner extends it.
3. Anyone else must declare a purpose, and it must be one of the record's purposes.
4. TLP:CLEAR records are disclosed without restriction: full, to anyone with access.
5. Otherwise the best level of any grant that reaches the viewer: active (not revoked, not
   expired), for the declared purpose, and within the reach TLP allows:
   - RED: only people the grant names, in a recipient agency;
   - AMBER+STRICT: the recipient agencies (a group grant makes each member a recipient);
   - AMBER: those, and the agencies a recipient serves;
   - GREEN: those, and the community: agencies sharing a group with a recipient.
   A grant by someone other than the owner (a re-grant) counts only if the record is not H2
   (no onward dissemination without the owner's consent) nor TLP:AMBER+STRICT (never beyond
   the receiving organisation), and the re-granting agency itself holds full access through
   the grant it names as its parent.
6. With no grant: hit only (existence, owner and reference, so the viewer can ask the owner),
   except for TLP:RED records, which nobody else may even learn of.
"""

from __future__ import annotations

from interlink.core.viewer import Viewer
from interlink.policy.gate import PolicyContext, Visibility, visibility
from interlink.policy.grants import Grant, Level, SharingGroup

__all__ = [
    "Grant",
    "Level",
    "PolicyContext",
    "SharingGroup",
    "Viewer",
    "Visibility",
    "visibility",
]
