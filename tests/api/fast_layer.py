"""What the API tests and the security tests share about the fast read layer (`api.fast`)."""

from __future__ import annotations

import pytest

from interlink.api import fast


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many requests the fast layer answered itself: one item per answer, appended as
    the test's requests are answered."""
    taken: list[int] = []
    real = fast.FastReads._answer

    async def answer(self, session, steps):  # type: ignore[no-untyped-def]
        taken.append(1)
        return await real(self, session, steps)

    monkeypatch.setattr(fast.FastReads, "_answer", answer)
    return taken
