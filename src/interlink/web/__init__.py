"""The web interface: server-rendered pages (Jinja2) in Arabic, English and French, served by
`interlink serve` next to the API, behind the same sign-in and the same policy gate.

Pages call the same service functions as the API (`search.service`, `policy.sharing`,
`cooperation.rfi`, `screen.online`, `network`, `resolve.review`, `audit`), never the tables of
records directly, so a page can never show what the API would refuse. Front-end libraries come
from npm (`package.json`, installed by `make install`) and are served from `node_modules`; no
CDN, everything works offline.
"""

from __future__ import annotations

from interlink.web.app import mount

__all__ = ["mount"]
