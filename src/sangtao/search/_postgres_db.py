"""Connecting the PostgreSQL backend: index names, connection strings, pgvector, vectors."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from ._errors import SearchError

__all__ = [
    "connect",
    "describe",
    "ensure_pgvector",
    "index_exists",
    "parse_vector",
    "pgvector_version",
    "schema_name",
    "storable",
    "vector_text",
]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def schema_name(name: str) -> str:
    """The schema of the index ``name``: ``search_`` and the name in lower case, ``-`` as ``_``.

    Raises
    ------
    SearchError
        If the name is not 1–40 letters, digits, ``_`` or ``-`` (starting with a letter or
        digit).
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise SearchError(
            f"index name {name!r} is not valid: use 1 to 40 ASCII letters, digits, _ or -"
        )
    return "search_" + name.lower().replace("-", "_")


def _parse(dsn: str) -> dict[str, Any]:
    try:
        return conninfo_to_dict(dsn)
    except psycopg.ProgrammingError as exc:
        raise SearchError(f"not a PostgreSQL connection string: {exc}") from None


def describe(dsn: str) -> str:
    """``database NAME at HOST:PORT`` for messages: never the user or the password."""
    info = _parse(dsn)
    where = info.get("host") or "the local socket"
    port = f":{info['port']}" if info.get("port") else ""
    return f"database {info.get('dbname') or '(default)'} at {where}{port}"


def connect(dsn: str | None) -> psycopg.Connection[Any]:
    """A connection (not autocommit; 10 s to connect unless the DSN says otherwise).

    Raises
    ------
    SearchError
        Without a DSN, with a malformed one, or when the server cannot be reached.
    """
    if not dsn:
        raise SearchError(
            "the postgres backend needs a connection string (dsn=…; the command line reads "
            "--dsn or SANGTAO_SEARCH_DSN)"
        )
    where = describe(dsn)
    if "connect_timeout" not in _parse(dsn):
        dsn = make_conninfo(dsn, connect_timeout=10)
    try:
        return psycopg.connect(dsn)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SearchError(f"cannot connect to the search {where}: {reason}") from exc


def pgvector_version(conn: psycopg.Connection[Any]) -> tuple[int, ...] | None:
    """The installed pgvector's (major, minor), or None."""
    row = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()
    return tuple(int(p) for p in re.findall(r"\d+", str(row[0]))[:2]) if row else None


def ensure_pgvector(conn: psycopg.Connection[Any]) -> tuple[int, ...]:
    """Create the pgvector extension if it is missing; its version, 0.5 or later (HNSW)."""
    version = pgvector_version(conn)
    if version is None:
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        except psycopg.Error as exc:
            conn.rollback()
            raise SearchError(
                "the database has no pgvector extension, needed to store vectors, and it "
                f"could not be created ({str(exc).strip().splitlines()[0]}): install pgvector "
                "0.5 or later on the server and run CREATE EXTENSION vector as a superuser, "
                "or build a keyword-only index"
            ) from exc
        version = pgvector_version(conn)
    if version is None or version < (0, 5):
        raise SearchError("the installed pgvector has no HNSW index: upgrade it to 0.5 or later")
    return version


def vector_text(row: np.ndarray) -> str:
    """pgvector's text form of a vector; float32 values round-trip exactly."""
    return "[" + ",".join(map(str, row.astype(np.float32).tolist())) + "]"


def parse_vector(text: str) -> np.ndarray:
    """The inverse of :func:`vector_text`."""
    return np.array(text[1:-1].split(","), dtype=np.float32)


def index_exists(conn: psycopg.Connection[Any], schema: str) -> bool:
    """Whether ``schema`` holds an index (its ``meta`` table)."""
    row = conn.execute("SELECT to_regclass(%s)", (f'"{schema}".meta',)).fetchone()
    conn.rollback()
    return row is not None and row[0] is not None


def storable(value: Any) -> Any:
    """``value`` with NUL characters, which PostgreSQL cannot store, as U+FFFD."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [storable(v) for v in value]
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    return value
