"""`interlink serve`: the agency server (HTTP API) on the same store as the command line.

With `--tls-cert/--tls-key` the node serves HTTPS itself, and with `--tls-client-ca` it asks
every client for a certificate of that authority (mutual TLS between federation peers, issue
16), so a node needs no proxy in front of it. The files are checked (and loaded once into an
`ssl` context) before uvicorn starts, so a wrong path is one translated line on stderr, not a
traceback from a worker."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import typer

from interlink.cli import common, state


def _tls_options(cert: Path | None, key: Path | None, client_ca: Path | None
                 ) -> dict[str, Any]:
    """uvicorn's TLS keywords for these files, after checking them: each exists and is a file,
    the certificate and key load together, the client authority loads. Errors are `InvalidInput`
    with message codes (rendered in the user's language by the command line)."""
    from interlink.core.messages import invalid

    if cert is None and key is None and client_ca is None:
        return {}
    if cert is None or key is None:
        raise invalid("serve.tls_pair", "tls-cert")
    for option, path in (("tls-cert", cert), ("tls-key", key), ("tls-client-ca", client_ca)):
        if path is None:
            continue
        if not path.exists():
            raise invalid("file.missing", option, file=str(path))
        if not path.is_file():
            raise invalid("file.directory", option, file=str(path))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(str(cert), str(key))
    except (ssl.SSLError, ValueError, OSError) as exc:
        raise invalid("serve.tls_unreadable", "tls-cert", file=f"{cert}, {key}",
                      cause=exc.__class__.__name__) from exc
    options: dict[str, Any] = {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
    if client_ca is not None:
        try:
            context.load_verify_locations(cafile=str(client_ca))
        except (ssl.SSLError, ValueError, OSError) as exc:
            raise invalid("serve.tls_unreadable", "tls-client-ca", file=str(client_ca),
                          cause=exc.__class__.__name__) from exc
        options.update(ssl_ca_certs=str(client_ca), ssl_cert_reqs=ssl.CERT_REQUIRED)
    return options


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port"),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Server processes"),
    tls_cert: Path = typer.Option(None, "--tls-cert",
                                  help="PEM certificate (chain): serve HTTPS"),
    tls_key: Path = typer.Option(None, "--tls-key", help="PEM private key of --tls-cert"),
    tls_client_ca: Path = typer.Option(
        None, "--tls-client-ca",
        help="PEM authority: require a client certificate it issued (mutual TLS)"),
    access_log: bool = typer.Option(
        False, "--access-log/--no-access-log",
        help="A line on stderr per HTTP request (every read and search is in the audit log "
             "either way)"),
) -> None:
    """Serve the API under /api/v1 (OpenAPI at /openapi.json) until interrupted.

    No access log unless asked for: formatting and writing a line per request cost a fifth of
    a record read's interpreter time under load (py-spy, benchmarks/RESULTS.md issue 17), and
    the audit log already holds every read and search with who, why and what was shown."""
    import os

    import uvicorn

    tls = _tls_options(tls_cert, tls_key, tls_client_ca)
    store = common.store()  # refuse a missing or outdated store before starting anything
    scheme = "https" if tls else "http"
    common.err.print(f"Interlink serving {store.safe_url} on {scheme}://{host}:{port}")
    store.close()
    os.environ["INTERLINK_STORE"] = state.STORE_URL  # each worker process opens the store
    uvicorn.run("interlink.server:app_from_settings", factory=True, host=host, port=port,
                workers=workers, log_level="info", access_log=access_log, **tls)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
