"""The leak check itself: a value written as a leak writes it counts, the same letters inside a
random token do not."""

import pytest

from tests.leaks import shows


@pytest.mark.parametrize("text", ['{"tlp": "RED"}', "TLP:RED", "<td>RED</td>", "born 1991-04-02",
                                  "n:YSF", "YSF ALMRN", "a RED b"])
def test_a_value_written_as_a_leak_counts(text: str) -> None:
    value = next(v for v in ("RED", "1991", "YSF") if v in text)
    assert shows(text, value)


@pytest.mark.parametrize(("text", "value"), [
    ("key=Q2x-SvYSF2fA", "YSF"), ("csrf=ab1991cd", "1991"), ("tok_xREDy", "RED"),
    ("sig=A-RED", "RED"), ("REDACTED", "RED"), ("nothing here", "RED"),
])
def test_the_same_letters_inside_a_token_do_not(text: str, value: str) -> None:
    assert not shows(text, value)
