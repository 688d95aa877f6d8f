"""IP Viet Nam's own timeline events (WIPO Publish "Tiến trình xử lý") mapped to procedure acts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml

from sangtao.law._procedure import ActNotAllowed, Role, Transition
from sangtao.law._procedure_data import ProcedureDataError
from sangtao.law.vn._procedure import procedure, procedure_data

__all__ = [
    "IpvnEvent",
    "ipvn_event",
    "ipvn_events",
    "ipvn_transitions",
    "map_ipvn_event",
    "normalise_ipvn_event",
]

_SUFFIX = re.compile(r"\s*:\s*[A-ZĐ]{1,3}\d?-\d{4}-\d+\s*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class IpvnEvent:
    """One of IP Viet Nam's timeline events and the act it maps to.

    Attributes
    ----------
    name : str
        The event name as IP Viet Nam writes it (e.g. ``"1141 Yêu cầu thẩm định nội dung"``).
    act : str or None
        The procedure act; ``None`` when the event is not an act (a receipt, a document).
    role : Role or None
        Who performs the act.
    inferred : bool
        Whether the meaning was read from the name and the timelines rather than an
        official code list.
    note : str
        Explanation.
    """

    name: str
    act: str | None
    role: Role | None
    inferred: bool
    note: str


def normalise_ipvn_event(name: str) -> str:
    """Return the lookup key of an event name.

    NFC normalisation, case folding, collapsed spaces, and removal of a trailing request
    number such as ``": SĐ1-2022-01841"``.

    Examples
    --------
    >>> normalise_ipvn_event("TB Ghi nhận sửa đơn: SĐ1-2023-00074")
    'tb ghi nhận sửa đơn'
    """
    text = unicodedata.normalize("NFC", name)
    text = _SUFFIX.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold()


@lru_cache(maxsize=1)
def _table() -> MappingProxyType[str, IpvnEvent]:
    path = files("sangtao.law.vn").joinpath("data").joinpath("ipvn_events.yaml")
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    acts: set[str] = set()
    data = procedure_data()
    for t in data.object_types:
        acts.update(a.code for a in data.procedure(t).acts)
    out: dict[str, IpvnEvent] = {}
    for i, item in enumerate(raw["events"]):
        where = f"{path}: events[{i}]"
        if not isinstance(item, dict) or set(item) - {"name", "act", "role", "note", "inferred"}:
            raise ProcedureDataError(f"{where}: malformed entry {item!r}")
        act = item.get("act")
        if act is not None and act not in acts:
            raise ProcedureDataError(f"{where}: unknown act {act!r}")
        role = item.get("role")
        if (act is None) != (role is None):
            raise ProcedureDataError(f"{where}: an act needs a role and a non-act none")
        event = IpvnEvent(
            name=str(item["name"]),
            act=act,
            role=None if role is None else Role(role),
            inferred=bool(item.get("inferred", False)),
            note=str(item.get("note", "")),
        )
        key = normalise_ipvn_event(event.name)
        if key in out:
            raise ProcedureDataError(f"{where}: {event.name!r} is listed twice")
        out[key] = event
    return MappingProxyType(out)


def ipvn_events() -> tuple[IpvnEvent, ...]:
    """Return every known IP Viet Nam timeline event, in data-file order."""
    return tuple(_table().values())


def ipvn_event(name: str) -> IpvnEvent:
    """Return the mapping entry of an IP Viet Nam timeline event.

    Parameters
    ----------
    name : str
        Event name as shown in the timeline, with or without a trailing request number.

    Raises
    ------
    KeyError
        If the event is not in the mapping table.
    """
    try:
        return _table()[normalise_ipvn_event(name)]
    except KeyError:
        raise KeyError(f"unknown IP Viet Nam timeline event {name!r}") from None


def map_ipvn_event(name: str) -> str | None:
    """Return the act code an IP Viet Nam timeline event maps to.

    Parameters
    ----------
    name : str
        Event name, e.g. ``"1141 Yêu cầu thẩm định nội dung"``.

    Returns
    -------
    str or None
        The act code; ``None`` when the event is not a procedural act or is unknown (use
        :func:`ipvn_event` to tell the two apart).

    Examples
    --------
    >>> map_ipvn_event("1141 Yêu cầu thẩm định nội dung")
    'request_examination'
    >>> map_ipvn_event("Biên lai điện tử XLQ") is None
    True
    """
    try:
        return ipvn_event(name).act
    except KeyError:
        return None


def ipvn_transitions(
    object_type: str,
    timeline: Iterable[tuple[dt.date, str]],
    *,
    publication_date: dt.date | None = None,
) -> tuple[Transition, ...]:
    """Replay an IP Viet Nam timeline through the procedure and return its transitions.

    Events that are not acts are skipped. When the timeline has no publication event and
    ``publication_date`` is given (the (40) field of the record), a ``publish`` act is
    inserted on that date, before the other events of the day. Events are taken in date
    order, keeping the timeline's order within a day.

    Parameters
    ----------
    object_type : str
        Object-type code (``invention`` for ``1-…`` numbers, ``utility_solution`` for ``2-…``).
    timeline : iterable of (datetime.date, str)
        Date and event name, as on WIPO Publish.
    publication_date : datetime.date, optional
        Publication date of the application.

    Returns
    -------
    tuple of Transition
        One per act, in order.

    Raises
    ------
    ActNotAllowed
        At the first act the procedure refuses; the message names the event and its date.
    KeyError
        If an event name is not in the mapping table.
    """
    proc = procedure(object_type)
    steps: list[tuple[dt.date, int, str, str, Role]] = []
    for i, (day, name) in enumerate(timeline):
        event = ipvn_event(name)
        if event.act is not None and event.role is not None:
            steps.append((day, i, name, event.act, event.role))
    if publication_date is not None and not any(s[3] == "publish" for s in steps):
        steps.append((publication_date, -1, "(40) publication", "publish", Role.SYSTEM))
    steps.sort(key=lambda s: (s[0], s[1]))
    status: str | None = None
    history: list[str | None] = []
    out: list[Transition] = []
    for day, _i, name, act, role in steps:
        previous = next((s for s in reversed(history) if s != "suspended"), None)
        try:
            t = proc.apply(status, act, role, day, previous_status=previous)
        except ActNotAllowed as exc:
            raise ActNotAllowed(exc.act, exc.reason, f"{day.isoformat()} {name!r}: {exc}") from None
        out.append(t)
        history.append(status)
        status = t.new_status
    return tuple(out)
