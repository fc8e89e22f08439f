"""The HTTP API of an agency server: one router per surface, all reads through
`interlink.access`. `interlink.server` puts it and the web interface on one app."""

from interlink.api.app import create_api

__all__ = ["create_api"]
