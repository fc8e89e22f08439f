"""Process-wide CLI state set by the global options (the store URL)."""

from __future__ import annotations

from interlink import settings

STORE_URL: str = settings.STORE
