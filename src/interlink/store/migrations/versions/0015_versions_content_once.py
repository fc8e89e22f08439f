"""A record's current content stored once: in its head, not again in its version row.

Every write stored a record's properties JSON twice: in the head (`records`) and in the row of
the version the head is (`record_versions`), the largest table of the store (about a third of
a first load's bytes at a million records; benchmarks/RESULTS.md, issue 17 thirteenth pass).
From this revision the version row of a live head (not erased) holds NULL, its content being
the head's, and receives the content when a later version supersedes it; the store's reads of
versions take a live version's content from the head. Erased versions keep NULL, as before:
an erased head's content is "{}" and never read as a version's.

Upgrade empties the version rows of live heads; downgrade copies the heads' content back into
them, so the store is again what the earlier code reads.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# the version row a live head is: both directions touch exactly these
_LIVE = ("EXISTS (SELECT 1 FROM records r WHERE r.id = record_versions.record_id"
         " AND r.version = record_versions.version AND r.erased = {false})")


def _false() -> str:
    return "false" if op.get_bind().dialect.name == "postgresql" else "0"


def upgrade() -> None:
    op.execute("UPDATE record_versions SET properties = NULL WHERE properties IS NOT NULL AND "
               + _LIVE.format(false=_false()))


def downgrade() -> None:
    op.execute("UPDATE record_versions SET properties = (SELECT r.properties FROM records r"
               " WHERE r.id = record_versions.record_id) WHERE properties IS NULL AND "
               + _LIVE.format(false=_false()))
