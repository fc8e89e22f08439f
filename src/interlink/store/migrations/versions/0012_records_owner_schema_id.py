"""Records by owner, schema and id: the pages of an agency's records of one schema.

`SQLStore.iter_records(schema=, owner=)` (what `interlink screen --watchlist store:AGENCY`
reads) asks for `owner = ? AND schema = ? AND id > ? ORDER BY id LIMIT n`. With an index on
(owner, schema) only, PostgreSQL at ten million records walked the primary key in id order
and filtered: the first page of 2,000 of an agency's Persons took 9.1 s (1.3 million rows
filtered out), a later one 0.6 s. With (owner, schema, id) each page is a range scan: 29 and
34 ms (benchmarks/RESULTS.md, issue 17, `pg10m`). The new index answers everything the old
one did (same leading columns), so the old one goes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_records_owner_schema_id", "records", ["owner", "schema", "id"])
    op.drop_index("ix_records_owner_schema", table_name="records")


def downgrade() -> None:
    op.create_index("ix_records_owner_schema", "records", ["owner", "schema"])
    op.drop_index("ix_records_owner_schema_id", table_name="records")
