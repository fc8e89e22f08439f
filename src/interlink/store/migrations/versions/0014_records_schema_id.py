"""Records by schema and id: the pages of one schema across every owner.

`SQLStore.iter_records(schema=)` (what `interlink screen --watchlist store:all` reads) and
the pages of what a viewer sees of one schema (`policy.visible.visible_records`) ask for
`schema = ? AND id > ? ORDER BY id LIMIT n`. With an index on (schema) only, PostgreSQL at ten
million records read every record of the schema from the heap and sorted them for each page:
a page of Vessels took 281 ms (p50; 524 ms at most) and a viewer's page of Vessels 341 ms
(596 ms). With (schema, id) each page is a range scan: 12 and 5 ms (benchmarks/RESULTS.md,
issue 17, `pg10m`, 2026-12-07). The new index answers everything the old one did (same
leading column), so the old one goes, as migration 0012 did for (owner, schema).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_records_schema_id", "records", ["schema", "id"])
    op.drop_index("ix_records_schema", table_name="records")


def downgrade() -> None:
    op.create_index("ix_records_schema", "records", ["schema"])
    op.drop_index("ix_records_schema_id", table_name="records")
