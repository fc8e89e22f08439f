"""One router per surface of the API."""
