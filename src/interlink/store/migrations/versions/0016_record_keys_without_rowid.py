"""SQLite: the search keys' table is its primary key's B-tree (WITHOUT ROWID).

A row of `record_keys` is nothing but its primary key (key, record id). As a rowid table SQLite
stored each key twice, in the table (in rowid order) and in the primary key's index (in key
order), and a bulk load inserted every key into both: 2.6 million keys at the demo's million
entities. As a WITHOUT ROWID table the primary key's B-tree is the table: one insert a key,
half the bytes (measured, the keys of a million-entity load inserted in sorted 5,000-record
batches: 7.06 -> 5.27 s CPU, 259 -> 127 MiB; benchmarks/RESULTS.md, issue 17 fourteenth pass).
The rows, the primary key and the index on record ids are the same; nothing reads a rowid.

SQLite cannot change a table's kind in place: upgrade and downgrade copy the rows into a new
table of the other kind, in key order. PostgreSQL has no rowid: nothing to do there.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _rebuild(without_rowid: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    suffix = " WITHOUT ROWID" if without_rowid else ""
    op.execute("CREATE TABLE record_keys_new (key VARCHAR(255) NOT NULL,"
               " record_id VARCHAR(255) NOT NULL, PRIMARY KEY (key, record_id))" + suffix)
    op.execute("INSERT INTO record_keys_new (key, record_id)"
               " SELECT key, record_id FROM record_keys ORDER BY key, record_id")
    op.execute("DROP TABLE record_keys")  # (its index with it)
    op.execute("ALTER TABLE record_keys_new RENAME TO record_keys")
    op.execute("CREATE INDEX ix_record_keys_record ON record_keys (record_id)")


def upgrade() -> None:
    _rebuild(without_rowid=True)


def downgrade() -> None:
    _rebuild(without_rowid=False)
