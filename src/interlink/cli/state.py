"""Process-wide CLI state set by the global options (the store URL)."""

from __future__ import annotations

from interlink import settings

STORE_URL: str = settings.STORE
#: the language of messages (`--lang`, INTERLINK_LANG): errors rendered by `core.messages`
LANG: str = "en"
