"""Account acts: registering users, agents and parties, issuing API tokens — each audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sangtao.office.accounts.models import Agent, ApiToken, Party, Role, User
from sangtao.office.audit.chain import record


def register_agent(
    *, actor: Any, name: str, licence_number: str, address: str = "", email: str = ""
) -> Agent:
    """Enter an IP agent in the office's register of representatives."""
    with transaction.atomic():
        agent = Agent.objects.create(
            name=name, licence_number=licence_number, address=address, email=email
        )
        record(
            actor=actor,
            action="register_agent",
            object_type="agent",
            object_id=licence_number,
            legal_basis="Luật SHTT Điều 154-155",
            after={"name": name, "licence_number": licence_number},
        )
    return agent


def register_party(
    *,
    actor: Any,
    customer_number: str,
    name: str,
    country: str,
    kind: str = "legal",
    address: str = "",
    email: str = "",
) -> Party:
    """Give a person or organisation a customer number."""
    with transaction.atomic():
        party = Party.objects.create(
            customer_number=customer_number,
            name=name,
            country=country,
            kind=kind,
            address=address,
            email=email,
        )
        record(
            actor=actor,
            action="register_party",
            object_type="party",
            object_id=customer_number,
            after={"name": name, "country": country},
        )
    return party


def register_user(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    email: str = "",
    agent: Agent | None = None,
    party: Party | None = None,
) -> User:
    """Create an account with one role."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    first, _, last = full_name.partition(" ")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            password=password,
            email=email,
            role=role,
            agent=agent,
            party=party,
            first_name=first,
            last_name=last,
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        record(
            actor=actor,
            action="register_user",
            object_type="user",
            object_id=username,
            after={"role": role, "agent": agent.licence_number if agent else None},
        )
    return user


def issue_api_token(*, actor: Any, user: User, reason: str = "") -> str:
    """Issue a Bearer token for ``user``; the raw token is returned once and never stored."""
    raw = ApiToken.new_raw_key()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, prefix=raw[:10], key_hash=ApiToken.hash(raw))
        record(
            actor=actor,
            action="issue_api_token",
            object_type="user",
            object_id=user.username,
            reason=reason,
            after={"token_prefix": token.prefix},
        )
    return raw
