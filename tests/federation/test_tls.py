"""Transport between peers over HTTPS with mutual TLS: the French node's server asks every
client for a certificate of the federation's authority; the Moroccan node presents its own
(`INTERLINK_FEDERATION_CLIENT_CERT`) and checks the server's against that authority
(`INTERLINK_FEDERATION_CA`). Without its certificate, or trusting another authority, nothing
is delivered, the backlog stays and the error is shown; with both, the grant travels. The
certificates are made here (`cryptography`); the servers run on loopback ports."""

from __future__ import annotations

import ipaddress
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from interlink import settings
from interlink.access import federation as access_federation
from interlink.api import create_api
from interlink.core.viewer import Viewer
from interlink.federation import inbox, node, outbox, peers
from interlink.policy.sharing import make_grant
from interlink.store import open_store
from tests.conftest import free_port
from tests.federation.helpers import ADMIN, DT, FR_ADMIN, join, make_node, person


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _issue(subject: str, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
           issuer_key: ec.EllipticCurvePrivateKey, ca: bool = False,
           ip: str | None = None) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(minutes=5))
               .not_valid_after(now + timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ip:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]),
            critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey | None = None) -> bytes:
    out = cert.public_bytes(serialization.Encoding.PEM)
    if key is not None:
        out += key.private_bytes(serialization.Encoding.PEM,
                                 serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    return out


@pytest.fixture
def pki(tmp_path: Path) -> dict[str, str]:
    """The federation's authority, the French server's certificate (for 127.0.0.1), the
    Moroccan node's client certificate, and an authority nobody uses."""
    out: dict[str, str] = {}
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _issue("federation CA", ca_key, _name("federation CA"), ca_key, ca=True)
    for name, cert_pem in (("ca", _pem(ca)),):
        (tmp_path / f"{name}.pem").write_bytes(cert_pem)
        out[name] = str(tmp_path / f"{name}.pem")
    for name, ip in (("server", "127.0.0.1"), ("client", None)):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _issue(f"node {name}", key, ca.subject, ca_key, ip=ip)
        (tmp_path / f"{name}.pem").write_bytes(_pem(cert, key))
        out[name] = str(tmp_path / f"{name}.pem")
    other_key = ec.generate_private_key(ec.SECP256R1())
    other = _issue("another CA", other_key, _name("another CA"), other_key, ca=True)
    (tmp_path / "other.pem").write_bytes(_pem(other))
    out["other"] = str(tmp_path / "other.pem")
    return out


@pytest.fixture
def tls_pair(tmp_path: Path, pki: dict[str, str]) -> Iterator[tuple]:  # type: ignore[type-arg]
    """The French node's API over HTTPS requiring a client certificate of the authority; the
    Moroccan node that delivers to it."""
    port = free_port()
    fr = open_store(str(tmp_path / "fr.db"), create=True)
    ma = open_store(str(tmp_path / "ma.db"), create=True)
    make_node(fr, "fr", port, [("FR-OFAST", "FR")])
    make_node(ma, "ma", free_port(), [("MA-DGSN", "MA")])
    # the French node is reached by HTTPS: the address it declares says so
    node.set_identity(fr, ADMIN, url=f"https://127.0.0.1:{port}")
    join(fr, ma)
    config = uvicorn.Config(create_api(fr), host="127.0.0.1", port=port, log_level="critical",
                            lifespan="off", ssl_certfile=pki["server"],
                            ssl_ca_certs=pki["ca"], ssl_cert_reqs=ssl.CERT_REQUIRED)
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    else:
        raise RuntimeError("server did not start")
    yield fr, ma
    server.should_exit = True
    time.sleep(0.3)
    fr.close()
    ma.close()


def _deliver(ma):  # type: ignore[no-untyped-def]
    [result] = outbox.sync(ma, "fr")
    return result


def test_grant_travels_over_mutual_tls_and_nothing_without_it(tls_pair, pki, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fr, ma = tls_pair
    # no client certificate: the French server ends the handshake; the backlog stays
    monkeypatch.setattr(settings, "FEDERATION_CA", pki["ca"])
    monkeypatch.setattr(settings, "FEDERATION_CLIENT_CERT", None)
    refused = _deliver(ma)
    assert refused["error"] and refused["delivered"] == 0
    [status] = [p for p in peers.status(ma) if p["peer"] == "fr"]
    assert status["backlog"] > 0 and status["last_error"]
    # a client certificate, but the server's is not checked against an authority we trust
    monkeypatch.setattr(settings, "FEDERATION_CLIENT_CERT", pki["client"])
    monkeypatch.setattr(settings, "FEDERATION_CA", pki["other"])
    assert _deliver(ma)["error"]
    # both right: the pair key arrives, and the answers to pseudonymised questions come back
    monkeypatch.setattr(settings, "FEDERATION_CA", pki["ca"])
    done = _deliver(ma)
    assert done["error"] is None and done["delivered"] > 0
    fr.write([person("fr-y", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12")], FR_ADMIN)
    make_grant(fr, FR_ADMIN, record_id="fr-y", recipient_agency="MA-DGSN", purposes=[DT])
    # the French node's own deliveries go to the Moroccan node in-process (plain loopback
    # is not what is tested here)
    def to_ma(url: str, path: str, payload: dict) -> dict:  # type: ignore[type-arg]
        return {"status_code": 200, "results": inbox.receive(ma, payload["messages"])}

    assert all(r["error"] is None for r in outbox.sync(fr, transport=to_ma))
    seen = access_federation.read_received(ma, Viewer("ali", "MA-DGSN", DT), "fr-y")
    assert seen.visibility.value == "full"
    answer = access_federation.search(ma, Viewer("ali", "MA-DGSN", DT), "يوسف العمراني",
                                      scope="federation")["peers"]["fr"]
    assert answer.get("error") is None and [r["id"] for r in answer["results"]] == ["fr-y"]
