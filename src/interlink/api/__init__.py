"""The HTTP API of an agency server: one router per surface, all reads through the gate."""

from interlink.api.app import create_app

__all__ = ["create_app"]
