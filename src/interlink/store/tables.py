"""The store's tables (SQLAlchemy Core), shared by the SQL store and the Alembic migrations' checks.

Properties and envelopes are stored as JSON text rather than a native JSON type: the same bytes
on SQLite and PostgreSQL, cheap to bulk-insert, and hashed as written. Envelope fields the policy
gate filters on (owner, TLP, handling, purposes, review-by) are also plain columns so that a list
or search can apply the gate's rules in SQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

agencies = Table(
    "agencies",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("country", String(2), nullable=False),
    Column("names", Text, nullable=False),  # JSON: language -> name
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The head: the current version of every record, with envelope columns for filtering.
records = Table(
    "records",
    metadata,
    Column("id", String(255), primary_key=True),
    Column("schema", String(64), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("checksum", String(40), nullable=False),
    Column("caption", Text, nullable=False, default=""),
    Column("properties", Text, nullable=False),  # JSON
    Column("handling", String(2), nullable=False),
    Column("conditions", Text, nullable=False, default=""),
    Column("tlp", String(16), nullable=False),
    Column("source_grade", String(1), nullable=False),
    Column("info_grade", String(1), nullable=False),
    Column("purposes", String(255), nullable=False),  # sorted, comma-separated codes
    Column("collected_at", DateTime(timezone=True), nullable=False),
    Column("review_by", Date, nullable=True),
    Column("source_ref", String(512), nullable=False, default=""),
    Column("erased", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(255), nullable=False),
    Index("ix_records_owner_schema_id", "owner", "schema", "id"),  # pages by owner and schema
    Index("ix_records_owner_review", "owner", "review_by"),
    Index("ix_records_schema_id", "schema", "id"),  # pages by schema (migration 0014)
    Index("ix_records_source_ref", "source_ref"),
)

# The raw input line an ingest wrote a record's version from (`interlink.ingest.lines`): a
# hash of the line's bytes with the terms it was read under, valid while the head is still that
# version. Re-sending an unchanged file finds its lines here without parsing them. Holds no
# content: a keyed digest of the line, keyed also by the software's version.
ingest_lines = Table(
    "ingest_lines",
    metadata,
    Column("record_id", String(255), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("line_hash", String(40), nullable=False),
    # the line carried its own envelope (else the ingest's default, whose dates are the run's)
    Column("own_envelope", Boolean, nullable=False),
)

# Every version ever written, including the current one. Erasure empties `properties` here
# (the data is gone, as the law requires) but keeps the skeleton: who wrote what version when.
# The current version's content is its head's (`records.properties`): its row here holds NULL
# until a later version supersedes it and the content is copied in (migration 0015), so a
# record's content is stored once, not twice.
record_versions = Table(
    "record_versions",
    metadata,
    Column("record_id", String(255), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # collection | alteration | erasure
    Column("schema", String(64), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("checksum", String(40), nullable=False),
    Column("properties", Text, nullable=True),  # JSON; NULL once erased, and while the head
    Column("envelope", Text, nullable=False),  # JSON
    Column("written_at", DateTime(timezone=True), nullable=False),
    Column("written_by", String(255), nullable=False),
    Column("reason", Text, nullable=False, default=""),
)

# Screening alerts: a watchlist entry that matched a record or a query.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("agency", String(64), nullable=True),
    Column("query_ref", String(255), nullable=False),
    Column("query_name", Text, nullable=False, default=""),
    Column("record_id", String(255), nullable=False),
    Column("list_name", String(255), nullable=False, default=""),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, default="new"),
    Column("decided_by", String(255), nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    # JSON: the explanation as codes with parameters (names.explanation), None before 0011
    Column("explanation_codes", Text, nullable=True),
    Index("ix_alerts_status", "status"),
)

# -- identity and sharing (the agency server) ------------------------------------------------

users = Table(
    "users",
    metadata,
    Column("login", String(128), primary_key=True),
    Column("agency", String(64), nullable=False),
    Column("role", String(32), nullable=False),
    Column("password_hash", Text, nullable=True),  # argon2; NULL for system accounts
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Tokens are stored as a SHA-256 of their secret: a stolen database yields no usable token.
tokens = Table(
    "tokens",
    metadata,
    Column("id", String(32), primary_key=True),  # public part, shown in lists
    Column("login", String(128), nullable=False),
    Column("kind", String(16), nullable=False),  # session | api
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Index("ix_tokens_login", "login"),
)

sharing_groups = Table(
    "sharing_groups",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

group_members = Table(
    "group_members",
    metadata,
    Column("group_id", String(64), primary_key=True),
    Column("agency", String(64), primary_key=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# "Agency A serves agency B": B is A's client, reached by TLP:AMBER information A receives.
agency_serves = Table(
    "agency_serves",
    metadata,
    Column("agency", String(64), primary_key=True),
    Column("client", String(64), primary_key=True),
)

grants = Table(
    "grants",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("grantor", String(64), nullable=False),
    Column("recipient_agency", String(64), nullable=True),
    Column("recipient_group", String(64), nullable=True),
    Column("record_id", String(255), nullable=True),  # NULL: all the grantor's records
    Column("purposes", String(255), nullable=False),  # comma-separated codes
    Column("users", Text, nullable=False, default="[]"),  # JSON list of named logins
    Column("level", String(8), nullable=False),
    Column("valid_until", Date, nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("parent", String(32), nullable=True),
    Column("created_by", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Index("ix_grants_record", "record_id"),
    Index("ix_grants_recipient", "recipient_agency"),
)

# Search keys of current records (names across scripts, birth dates, document numbers): a
# search is a look-up here; the policy gate then decides what the searcher sees of each hit.
# On SQLite the table is its primary key's B-tree (WITHOUT ROWID, migration 0016): a row is
# nothing but its key, so a rowid table kept every key twice (the table, and the primary key's
# index beside it) and a bulk load inserted each twice.
record_keys = Table(
    "record_keys",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("record_id", String(255), primary_key=True),
    Index("ix_record_keys_record", "record_id"),
    sqlite_with_rowid=False,
)

# Entity resolution: pairs the resolver proposes for review (left_id < right_id), scored and
# explained; and analysts' verdicts (same | different | unsure), kept with who and when, and
# retracted rather than deleted so that a reversal stays on record.
match_candidates = Table(
    "match_candidates",
    metadata,
    Column("left_id", String(255), primary_key=True),
    Column("right_id", String(255), primary_key=True),
    Column("score", Float, nullable=False),
    Column("explanation", Text, nullable=False),  # JSON
    # True when the score reached the resolver's threshold: the pair joins one entity unless
    # an analyst's "different" judgement says otherwise; False: only offered for review.
    Column("accepted", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_match_candidates_score", "score"),
    Index("ix_match_candidates_right", "right_id"),
)

judgements = Table(
    "judgements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("left_id", String(255), nullable=False),
    Column("right_id", String(255), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("judged_by", String(128), nullable=False),
    Column("judged_at", DateTime(timezone=True), nullable=False),
    Column("retracted_at", DateTime(timezone=True), nullable=True),
    Column("retracted_by", String(128), nullable=True),
    Column("reason", Text, nullable=False, default=""),
    Index("ix_judgements_pair", "left_id", "right_id"),
    Index("ix_judgements_right", "right_id"),
)
