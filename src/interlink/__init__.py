"""Interlink: cross-border cooperation against trafficking networks."""

__version__ = "0.1.0"
