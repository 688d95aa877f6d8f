"""Gap-free counters (application numbers, letter numbers) that hold their row lock until commit."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction


def next_value(model: Any, **key: Any) -> int:
    """Increment the ``last`` column of ``model``'s row for ``key`` and return it.

    One ``UPDATE … RETURNING`` statement; the row stays locked until the caller's
    transaction ends, so a rolled-back act consumes no value. The row is created on
    first use; a concurrent creator's insert is tolerated.
    """
    table = model._meta.db_table
    columns = sorted(key)
    where = " AND ".join(f"{c} = %s" for c in columns)
    params = [key[c] for c in columns]
    with connection.cursor() as cur:
        for _attempt in range(2):
            cur.execute(
                f"UPDATE {table} SET last = last + 1 WHERE {where} RETURNING last",  # noqa: S608
                params,
            )
            row = cur.fetchone()
            if row is not None:
                return int(row[0])
            try:
                with transaction.atomic():
                    model.objects.create(last=0, **key)
            except IntegrityError:
                pass  # another transaction created it first
    raise RuntimeError(f"could not take the next value of {table} {key}")
