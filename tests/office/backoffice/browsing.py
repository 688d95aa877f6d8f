"""A browser for the back-office tests: logged in as a user, in a language."""

from __future__ import annotations

from typing import Any

from django.test import Client


def browser(user: Any = None, lang: str = "vi") -> Client:
    """A test client that asks for ``lang`` pages, logged in as ``user`` if given."""
    client = Client(headers={"Accept-Language": lang})
    if user is not None:
        client.force_login(user)
    return client


def body(response: Any) -> bytes:
    """The response's bytes, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)
