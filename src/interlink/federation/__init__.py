"""Federation: each agency keeps its own node; nodes exchange on the owner's terms.

- `node`: this node's name, URL and Ed25519 signing key (a file beside the audit key).
- `peers`: declared peers, their keys and the agencies they serve; pair keys; status.
- `wire`: signed, numbered messages and the checks every received message passes.
- `outbox`: what peers must hear (shares, revocations, erasures, new versions, request steps,
  notices), built from the audit chain; delivery at least once.
- `delivery`: the server's background timer that delivers the outbox, with per-peer backoff.
- `inbox`: received messages applied in order, exactly once (requests and notices through the
  hooks of `interlink.cooperation`).
- `pseudo`: keyed pseudonyms of search keys (HMAC per pair of nodes, rotated).
- `query`: federated hit/no-hit: asking peers, and answering them through `interlink.access`.

Received records are read only through `interlink.access.federation`, which puts them through
the policy gate with the grants they came with. See docs/federation.md.
"""
