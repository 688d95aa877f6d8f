"""Database triggers that make the audit log append-only (UPDATE and DELETE are refused).

TRUNCATE stays possible for the database owner (test flushes, disaster recovery); in
production only the owner role may truncate, and ``sangtao audit verify`` reports a
chain head that no longer matches the stored events.
"""

from __future__ import annotations

from typing import Any

INSTALL = {
    "sqlite": [
        """CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent",
        """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE
           ON audit_auditevent FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
    ],
}
REMOVE = {
    "sqlite": ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"],
    "postgresql": ["DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent"],
}


def install(connection: Any) -> None:
    """Create the append-only triggers (idempotent)."""
    with connection.cursor() as cur:
        for sql in INSTALL.get(connection.vendor, []):
            cur.execute(sql)


def remove(connection: Any) -> None:
    """Drop the triggers (maintenance and test flushes only)."""
    with connection.cursor() as cur:
        for sql in REMOVE.get(connection.vendor, []):
            cur.execute(sql)
