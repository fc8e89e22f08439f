"""One module of page routes per part of the interface."""
