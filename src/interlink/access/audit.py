"""The audit entry of a disclosure: one shape for every view on every surface.

What is written is what was shown: the ids of every record the answer names (in full or as a
hit), the view that showed them and the declared purpose. A surface never writes its own
consultation entries, so an entity page and the API's entity route leave the same trace.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from interlink.audit.chain import Pending
from interlink.core.viewer import Viewer
from interlink.store import SQLStore


def disclosure(viewer: Viewer, view: str, subjects: Iterable[str],
               action: str = "consultation", **details: Any) -> Pending:
    """The entry `disclose` writes, not yet chained."""
    return Pending(action, viewer.user, agency=viewer.agency,
                   purpose=viewer.purpose.value if viewer.purpose else None,
                   subjects=sorted(set(subjects)), details={"view": view, **details})


def disclose(store: SQLStore, viewer: Viewer, view: str, subjects: Iterable[str],
             action: str = "consultation", **details: Any) -> None:
    """Audit that `view` showed `subjects` to the viewer; committed before the caller answers."""
    p = disclosure(viewer, view, subjects, action, **details)
    store.audit(p.action, p.actor, agency=p.agency, purpose=p.purpose, subjects=p.subjects,
                details=p.details)
