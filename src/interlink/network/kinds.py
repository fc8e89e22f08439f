"""What becomes a node, what becomes an edge, and how much each kind of edge weighs.

Weights say how strongly an edge ties two actors (a family tie or a shared identity document
more than one phone call), so weighted PageRank and Leiden follow the ties an investigator
would trust. They are defaults an analyst can override, not findings.
"""

from __future__ import annotations

# FtM schemata whose entities are actors or assets of the network (their descendants too:
# Company and PublicBody are Organizations, Vessel and Airplane are Vehicles).
NODE_SCHEMATA = ("LegalEntity", "Vehicle", "BankAccount", "CryptoWallet")

# FtM relation schemata -> edge kind; source and target come from the schema's edge spec.
LINK_KINDS: dict[str, str] = {
    "Family": "family",
    "Associate": "associate",
    "Membership": "membership",
    "Ownership": "ownership",
    "Directorship": "directorship",
    "Employment": "employment",
    "UnknownLink": "link",
    "Representation": "link",
    "Succession": "link",
    "Call": "call",
    "Payment": "payment",
}

# Events whose parties are tied to each other by being involved together.
EVENT_SCHEMATA = ("Event",)  # Seizure, Arrest and Trip extend Event

DEFAULT_WEIGHTS: dict[str, float] = {
    "family": 3.0,
    "associate": 2.0,
    "membership": 2.0,
    "ownership": 2.0,
    "directorship": 2.0,
    "employment": 1.0,
    "link": 1.0,
    "call": 1.0,  # per call: ten calls weigh ten
    "payment": 1.0,  # per payment
    "holds": 1.0,  # a party and the account a payment names for it
    "shared_id": 3.0,  # the same identity document number
    "shared_phone": 2.0,
    "shared_address": 1.0,
    "co_involved": 2.0,  # in the same seizure, arrest, trip or event
}

# A value shared by more nodes than this (an airport, a switchboard, a registered-agent
# address) says nothing about who knows whom; it would only add a large clique.
MAX_SHARED = 12
# Likewise an event with many parties (a flight manifest) ties its parties only weakly.
MAX_EVENT_PARTIES = 12

# The communication layer: ties seen only through calls and messages are weaker evidence of a
# trusted tie than a meeting, a family tie or a shared document (mafia bosses meet, their
# soldiers phone: Calderoni 2012, Cavallaro et al. 2020). Edge-file types are matched too.
COMMUNICATION_KINDS = frozenset({"call", "phone", "sms", "message", "email", "communication"})
# The money layer: what a financier touches.
MONEY_KINDS = frozenset({"payment", "holds", "transfer", "money"})
