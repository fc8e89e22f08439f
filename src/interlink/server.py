"""The agency server: the HTTP API and the web interface on one application.

The API (`interlink.api`) and the web pages (`interlink.web`) never import each other; this
module is where they meet, and what `interlink serve` runs.
"""

from __future__ import annotations

from fastapi import FastAPI

from interlink import settings
from interlink.api import create_api
from interlink.store import SQLStore
from interlink.web import mount


def create_app(store: SQLStore | str) -> FastAPI:
    """The API with the web interface mounted on it, on one store."""
    app = create_api(store)
    mount(app)
    # the outbox is delivered to peers in the background while the server runs
    from interlink.federation import delivery

    timer = delivery.start(app.state.store)
    if timer is not None:
        app.state.federation_delivery = timer
        app.router.on_shutdown.append(timer.stop)
    return app


def app_from_settings() -> FastAPI:
    """The server on the store named by INTERLINK_STORE (what `interlink serve` runs, in each
    worker process): warmed and its start-up heap frozen before it serves (api/warm.py)."""
    from interlink.api.warm import settle_heap, warm

    app = create_app(settings.store_location())
    warm(app.state.store)
    settle_heap()
    return app
