"""Whether a page or answer shows a value, as a leak would show it.

Pages and answers also carry random tokens (CSRF tokens, peer keys, signatures in base64url),
which hold any short string by chance now and then: "YSF" inside "...SvYSF2f..." failed a
fresh-clone CI run once. A value a leak writes stands as a word of its own (after a quote, a
space, a colon, a tag), never glued to the end of a longer run of token characters, so that
is what `shows` looks for; a value followed by "-" still counts (a date: 1991-04-02).
"""

from __future__ import annotations

import re


def shows(text: str, value: str) -> bool:
    """Whether `value` stands in `text` as a word of its own (see the module's docstring)."""
    return re.search(rf"(?<![A-Za-z0-9_-]){re.escape(value)}(?![A-Za-z0-9_])", text) is not None
