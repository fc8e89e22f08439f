"""`interlink serve`: the agency server (HTTP API) on the same store as the command line."""

from __future__ import annotations

import typer

from interlink.cli import common


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port"),
) -> None:
    """Serve the API under /api/v1 (OpenAPI at /openapi.json) until interrupted."""
    import uvicorn

    from interlink.api import create_app

    app = create_app(common.store())
    common.err.print(f"Interlink serving {common.store().safe_url} on http://{host}:{port}")
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
