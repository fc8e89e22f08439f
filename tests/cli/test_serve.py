"""`interlink serve` really serves: a process on a free port answers with its OpenAPI."""

from __future__ import annotations

import ssl
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from interlink.store import open_store
from tests.web.serving import serving

EXE = str(Path(sys.executable).parent / "interlink")


@contextmanager
def _served(tmp_path: Path, *options: str, scheme: str = "http",
            verify: ssl.SSLContext | bool = True) -> Iterator[tuple[str, httpx.Response]]:
    """`interlink serve` on a new store with `options` (tests/web/serving.py): its base URL and
    its first answer to /openapi.json, fetched with `verify`, once it listens."""
    db = tmp_path / "s.db"
    open_store(str(db), create=True).close()
    first: list[httpx.Response] = []

    def answers(url: str) -> bool:
        try:
            first.append(httpx.get(f"{url}/openapi.json", verify=verify, timeout=10))
        except (httpx.ConnectError, httpx.TimeoutException):
            return False  # not listening yet, or its first answer slow on a loaded machine
        return True

    with serving(db, tmp_path / "serve.log", *options, scheme=scheme, ready=answers) as url:
        yield url, first[0]


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    with _served(tmp_path) as (url, r):
        assert r.status_code == 200 and "/api/v1/records/{record_id}" in r.json()["paths"]
        assert httpx.get(f"{url}/api/v1/records/x").status_code == 401


def _certificates(tmp_path: Path) -> dict[str, Path]:
    """An authority, the server's certificate (127.0.0.1) and key in separate files, a client
    certificate+key of that authority and one of another authority."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.federation.test_tls import _issue, _name, _pem

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _issue("node CA", ca_key, _name("node CA"), ca_key, ca=True)
    other_key = ec.generate_private_key(ec.SECP256R1())
    other = _issue("other CA", other_key, _name("other CA"), other_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _issue("node", server_key, ca.subject, ca_key, ip="127.0.0.1")
    client_key = ec.generate_private_key(ec.SECP256R1())
    client = _issue("peer", client_key, ca.subject, ca_key)
    stranger_key = ec.generate_private_key(ec.SECP256R1())
    stranger = _issue("stranger", stranger_key, other.subject, other_key)
    files = {"ca": _pem(ca), "cert": _pem(server), "client": _pem(client, client_key),
             "stranger": _pem(stranger, stranger_key),
             "key": server_key.private_bytes(serialization.Encoding.PEM,
                                             serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption())}
    out = {}
    for name, data in files.items():
        (tmp_path / f"{name}.pem").write_bytes(data)
        out[name] = tmp_path / f"{name}.pem"
    return out


def _context(ca: Path, client: Path | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(ca))
    if client is not None:
        context.load_cert_chain(str(client))
    return context


def test_serve_https_requires_a_client_certificate_of_the_authority(tmp_path: Path) -> None:
    """`serve --tls-cert --tls-key --tls-client-ca`: the node answers over HTTPS to a client
    presenting a certificate of that authority, and ends the handshake of one without, or with
    a certificate of another authority."""
    pem = _certificates(tmp_path)
    good = _context(pem["ca"], pem["client"])
    with _served(tmp_path, "--tls-cert", str(pem["cert"]), "--tls-key", str(pem["key"]),
                 "--tls-client-ca", str(pem["ca"]), scheme="https", verify=good) as (url, r):
        assert r.status_code == 200
        assert "/api/v1/records/{record_id}" in r.json()["paths"]
        assert httpx.get(f"{url}/api/v1/records/x", verify=good).status_code == 401
        # plain HTTP on the same port is not served
        with pytest.raises(httpx.HTTPError):
            httpx.get(url.replace("https://", "http://") + "/openapi.json", timeout=2)
        # no client certificate, or one of another authority: the handshake is refused
        for context in (_context(pem["ca"]), _context(pem["ca"], pem["stranger"])):
            with pytest.raises(httpx.HTTPError):
                httpx.get(f"{url}/openapi.json", verify=context, timeout=2)


def test_serve_https_without_client_ca_serves_any_client(tmp_path: Path) -> None:
    """Only `--tls-cert --tls-key`: HTTPS, no client certificate asked."""
    pem = _certificates(tmp_path)
    with _served(tmp_path, "--tls-cert", str(pem["cert"]), "--tls-key", str(pem["key"]),
                 scheme="https", verify=_context(pem["ca"])) as (_, r):
        assert r.status_code == 200


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "no such file"), ("fr", "fichier introuvable"), ("ar", "الملف غير موجود")])
def test_serve_tls_missing_file_is_one_translated_line(tmp_path: Path, lang: str,
                                                        expected: str) -> None:
    db = tmp_path / "s.db"
    open_store(str(db), create=True).close()
    pem = _certificates(tmp_path)
    missing = tmp_path / "absent.pem"
    done = subprocess.run([EXE, "--store", str(db), "--lang", lang, "serve",
                           "--tls-cert", str(pem["cert"]), "--tls-key", str(missing)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and expected in done.stderr and str(missing) in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_tls_half_a_pair_or_a_wrong_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(str(db), create=True).close()
    pem = _certificates(tmp_path)
    base = [EXE, "--store", str(db), "--lang", "fr", "serve"]
    alone = subprocess.run(base + ["--tls-client-ca", str(pem["ca"])],
                           capture_output=True, text=True, timeout=60)
    assert alone.returncode == 1 and "exige à la fois --tls-cert et --tls-key" in alone.stderr
    # the authority given as the key: the pair does not load
    wrong = subprocess.run(base + ["--tls-cert", str(pem["cert"]), "--tls-key", str(pem["ca"])],
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 1 and "TLS ne peut pas le charger" in wrong.stderr
    assert "Traceback" not in wrong.stderr
