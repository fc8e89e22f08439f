"""`interlink serve`: the agency server (HTTP API) on the same store as the command line."""

from __future__ import annotations

import typer

from interlink.cli import common, state


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port"),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Server processes"),
) -> None:
    """Serve the API under /api/v1 (OpenAPI at /openapi.json) until interrupted."""
    import os

    import uvicorn

    store = common.store()  # refuse a missing or outdated store before starting anything
    common.err.print(f"Interlink serving {store.safe_url} on http://{host}:{port}")
    store.close()
    os.environ["INTERLINK_STORE"] = state.STORE_URL  # each worker process opens the store
    uvicorn.run("interlink.server:app_from_settings", factory=True, host=host, port=port,
                workers=workers, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
