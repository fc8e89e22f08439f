"""`interlink serve` really serves: a process on a free port answers with its OpenAPI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from interlink.store import open_store


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(str(db), create=True).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = str(Path(sys.executable).parent / "interlink")
    proc = subprocess.Popen([exe, "--store", str(db), "serve", "--port", str(port)],
                            env={**os.environ}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert r.status_code == 200 and "/api/v1/records/{record_id}" in r.json()["paths"]
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/records/x").status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=10)
