"""Application numbers: unique, gap-free and consecutive under concurrent filing."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from sangtao.office.filing.actions import file_application
from sangtao.office.filing.models import Application
from sangtao.office.filing.schemas import FilingIn


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_filings_get_fifty_consecutive_numbers(actors, filing):
    agent = actors["agent"]
    payload = filing("trademark")
    n = 50
    barrier = threading.Barrier(10)
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        try:
            if i < 10:
                barrier.wait()
            body = dict(payload, title_vi=f"Nhãn hiệu {i}")
            result = file_application(
                actor=agent, filing=FilingIn.model_validate(body), files=[], payload=body
            )
            with lock:
                numbers.append(result.application.number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    seqs = sorted(int(x.split("-")[2]) for x in numbers)
    assert len(set(numbers)) == n
    assert seqs == list(range(seqs[0], seqs[0] + n))
    assert Application.objects.count() == n


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_file_once(actors, filing):
    agent = actors["agent"]
    payload = filing("trademark")
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        try:
            barrier.wait()
            result = file_application(
                actor=agent,
                filing=FilingIn.model_validate(payload),
                files=[],
                payload=payload,
                idempotency_key="same-key",
            )
            results.append(result.application.number)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(set(results)) == 1
    assert Application.objects.count() == 1
