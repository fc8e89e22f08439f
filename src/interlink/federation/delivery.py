"""The delivery timer: while a server runs, its outbox is delivered in the background.

Without it a grant, a revocation or a request waits until an operator runs `interlink peer
sync`; a revocation that waits is a record still shown where its owner withdrew it. So the
server (`interlink.server.create_app`) starts one thread that, every
`settings.FEDERATION_DELIVERY_SECONDS`, reads the audit chain into the outbox (`outbox.refresh`)
and delivers each peer's backlog (`outbox.deliver`), in sequence order as always.

- It never blocks a request: it is its own thread, and each round is the same transactions a
  `peer sync` makes. The outbox's cursor and a peer's sequence are taken with row locks, so a
  command run meanwhile or a second server process never queues a change twice; two of them
  delivering at once may send a message twice, and the peer acknowledges the second copy as
  a duplicate without applying it again.
- A peer that fails is retried after a delay that doubles with each failure (from the interval
  up to `MAX_BACKOFF` seconds), so a peer down for a day is not hammered every few seconds and
  the others are not held up by it; its last error and when it happened stay in `fed_peers`
  for `interlink peer status` (`outbox.deliver` keeps them). The first success resets it.
- A node without peers does nothing but one look at `fed_peers` per round (and never makes a
  node key: only `interlink init` or declaring a peer does).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import select

from interlink import settings
from interlink.federation.tables import fed_outbox, fed_peers
from interlink.store import SQLStore

log = logging.getLogger(__name__)

#: the longest wait before retrying a peer that keeps failing
MAX_BACKOFF = 300.0


@dataclass
class Backoff:
    """When each peer may be tried again, and how many failures in a row it has had."""

    failures: dict[str, int] = field(default_factory=dict)
    next_try: dict[str, float] = field(default_factory=dict)

    def due(self, peer: str, now: float) -> bool:
        return now >= self.next_try.get(peer, 0.0)

    def failed(self, peer: str, now: float, interval: float) -> float:
        """Record a failure; the delay before the next try."""
        n = self.failures.get(peer, 0) + 1
        self.failures[peer] = n
        delay = min(MAX_BACKOFF, max(interval, 0.1) * (2 ** (n - 1)))
        self.next_try[peer] = now + delay
        return delay

    def succeeded(self, peer: str) -> None:
        self.failures.pop(peer, None)
        self.next_try.pop(peer, None)


def deliver_round(store: SQLStore, backoff: Backoff, transport: object = None,
                  now: float | None = None) -> list[dict[str, object]]:
    """One round: refresh the outbox and deliver to every peer that is due and has a backlog.
    Returns `outbox.deliver`'s result for each peer tried."""
    from interlink.federation import outbox

    with store.reading() as conn:
        names = list(conn.execute(select(fed_peers.c.name).order_by(fed_peers.c.name))
                     .scalars())
    if not names:
        return []
    outbox.refresh(store)
    at = time.monotonic() if now is None else now
    interval = settings.FEDERATION_DELIVERY_SECONDS
    with store.reading() as conn:
        waiting = set(conn.execute(select(fed_outbox.c.peer).where(
            fed_outbox.c.delivered_at.is_(None)).distinct()).scalars())
    done = []
    for name in names:
        if name not in waiting or not backoff.due(name, at):
            continue
        result = outbox.deliver(store, name, transport)  # type: ignore[arg-type]
        if result["error"] is None:
            backoff.succeeded(name)
        else:
            delay = backoff.failed(name, at, interval)
            log.warning("federation: delivery to %s failed (%s); next try in %.0f s", name,
                        result["error"], delay)
        done.append(result)
    return done


class DeliveryTimer:
    """The background thread of one server process."""

    def __init__(self, store: SQLStore, transport: object = None) -> None:
        self.store = store
        self.transport = transport
        self.backoff = Backoff()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="federation-delivery",
                                        daemon=True)

    def start(self) -> DeliveryTimer:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _closed(self) -> bool:
        # the server's store starts its audit writer before this timer and `close()` ends it:
        # once it is gone the store is closed, and a round would reopen its database
        return self.store.audit_writer is None

    def _run(self) -> None:
        while not self._stop.wait(max(settings.FEDERATION_DELIVERY_SECONDS, 0.1)):
            if self._closed():
                return
            try:
                deliver_round(self.store, self.backoff, self.transport)
            except Exception:  # a round that fails is logged; the next one tries again
                log.exception("federation: delivery round failed")


def start(store: SQLStore) -> DeliveryTimer | None:
    """Start the timer for a server's store, unless the interval is 0 (delivery off)."""
    if settings.FEDERATION_DELIVERY_SECONDS <= 0:
        return None
    return DeliveryTimer(store).start()
