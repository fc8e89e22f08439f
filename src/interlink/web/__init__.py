"""The web interface: server-rendered pages (Jinja2) in Arabic, English and French, served by
`interlink serve` next to the API, behind the same sign-in and the same policy gate.

Pages read records only through `interlink.access` (the API's path: the gate and the audit of
what is shown), never the store's records or the gate directly, so a page can never show what
the API would refuse. Front-end libraries come
from npm (`package.json`, installed by `make install`) and are served from `node_modules`; no
CDN, everything works offline.
"""

from __future__ import annotations

from interlink.web.app import mount

__all__ = ["mount"]
