"""Reading a law pack's procedure (statuses, acts) and period kinds from YAML, validated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from sangtao.law._basis import Confidence, LegalReference
from sangtao.law._periods import Extension, PeriodKind, PeriodRule, RegimeChoice, TriggerEvent
from sangtao.law._procedure import Act, Appeal, Procedure, Role, Status, WipoEvent

__all__ = ["ProcedureData", "ProcedureDataError", "load_procedure_data", "parse_procedure_data"]

_CONDITIONS = frozenset(
    {
        "pct",
        "not_pct",
        "accelerated",
        "not_accelerated",
        "early_publication",
        "deferred_publication",
    }
)
_ACTORS = frozenset({"applicant", "office", "third_party"})
_ANY_APPEALABLE = "*appealable"
_TOP = {"meta", "instruments", "standards", "groups", "appeals", "statuses", "acts"}
_STATUS_KEYS = {"code", "name_vi", "name_en", "terminal", "object_types", "note"}
_ACT_KEYS = {
    "code", "name_vi", "name_en", "object_types", "from", "from_by_type", "to", "to_by_status",
    "resumes_previous", "roles", "needs_approval", "regimes", "opens", "closes", "extends",
    "notice", "requires", "appeal", "legal_basis", "wipo", "note",
}  # fmt: skip
_PERIOD_KEYS = {
    "code", "name_vi", "name_en", "actor", "regime_by", "trigger_acts", "lapse_act", "rules",
    "note",
}  # fmt: skip
_RULE_KEYS = {
    "types", "regime", "trigger", "months", "days", "when", "or_later", "extension",
    "confidence", "basis", "note",
}  # fmt: skip


_E = TypeVar("_E", Confidence, RegimeChoice, TriggerEvent)


class ProcedureDataError(ValueError):
    """Raised when a procedure or period data file is malformed."""


@dataclass(frozen=True, slots=True)
class _ActEntry:
    act: Act
    from_by_type: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class ProcedureData:
    """A law pack's procedure data: statuses, acts and period kinds for all object types.

    Build it with :func:`load_procedure_data`; get one object type's state machine with
    :meth:`procedure`.

    Attributes
    ----------
    title_vi, title_en : str
        What the data describes.
    standards : Mapping of str to str
        The WIPO legal-status standard of each object type.
    period_kinds : tuple of PeriodKind
        Every kind of period.
    regimes : tuple of str
        Regime codes the data knows.
    notes : Mapping of str to str
        Free notes of the data file (e.g. ``wipo_note``).
    """

    title_vi: str
    title_en: str
    standards: Mapping[str, str]
    period_kinds: tuple[PeriodKind, ...]
    regimes: tuple[str, ...]
    notes: Mapping[str, str]
    _statuses: tuple[tuple[Status, frozenset[str]], ...] = field(repr=False)
    _acts: tuple[_ActEntry, ...] = field(repr=False)

    @property
    def object_types(self) -> tuple[str, ...]:
        """Object types with a procedure."""
        return tuple(self.standards)

    def period_kind(self, code: str) -> PeriodKind:
        """Return the period kind with ``code``.

        Raises
        ------
        KeyError
            If there is none.
        """
        for kind in self.period_kinds:
            if kind.code == code:
                return kind
        raise KeyError(f"no period kind {code!r}")

    def procedure(
        self, object_type: str, regime_on: Callable[[dt.date], object] | None = None
    ) -> Procedure:
        """Return the state machine of one object type.

        Parameters
        ----------
        object_type : str
            Object-type code.
        regime_on : callable, optional
            Maps a date to the regime in force (passed to :class:`Procedure`).

        Raises
        ------
        KeyError
            If the data has no procedure for ``object_type``.
        """
        if object_type not in self.standards:
            raise KeyError(f"no procedure for object type {object_type!r}")
        statuses = tuple(s for s, types in self._statuses if object_type in types)
        known = {s.code for s in statuses}
        acts = []
        for entry in self._acts:
            if object_type not in entry.act.object_types:
                continue
            froms = entry.from_by_type.get(object_type, entry.act.from_statuses)
            acts.append(replace(entry.act, from_statuses=tuple(s for s in froms if s in known)))
        return Procedure(
            object_type, statuses, tuple(acts), self.standards[object_type], regime_on=regime_on
        )


def load_procedure_data(
    procedure_source: str | Path | Traversable,
    periods_source: str | Path | Traversable,
    *,
    object_types: Collection[str] | None = None,
    regimes: Collection[str] = ("A", "B"),
) -> ProcedureData:
    """Read procedure and period data from two YAML files.

    Parameters
    ----------
    procedure_source : str, pathlib.Path or Traversable
        File with ``instruments``, ``standards``, ``groups``, ``appeals``, ``statuses`` and
        ``acts``.
    periods_source : str, pathlib.Path or Traversable
        File with ``periods``; it may use the instruments and groups of the first file.
    object_types : collection of str, optional
        Object-type codes the law pack knows; every one used must be among them.
    regimes : collection of str
        Regime codes (default ``A`` and ``B``).

    Returns
    -------
    ProcedureData

    Raises
    ------
    ProcedureDataError
        If either file is malformed or refers to something undefined.
    """
    return parse_procedure_data(
        _read(procedure_source),
        _read(periods_source),
        origin=f"{procedure_source} + {periods_source}",
        object_types=object_types,
        regimes=regimes,
    )


def _read(source: str | Path | Traversable) -> Any:
    path = Path(source) if isinstance(source, str) else source
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProcedureDataError(f"{path}: not valid YAML: {exc}") from exc


def parse_procedure_data(
    procedure: Any,
    periods: Any,
    *,
    origin: str = "<data>",
    object_types: Collection[str] | None = None,
    regimes: Collection[str] = ("A", "B"),
) -> ProcedureData:
    """Build :class:`ProcedureData` from already-parsed YAML (see :func:`load_procedure_data`)."""
    p = _Parser(origin, tuple(regimes))
    return p.parse(procedure, periods, object_types)


class _Parser:
    def __init__(self, origin: str, regimes: tuple[str, ...]) -> None:
        self.origin = origin
        self.regimes = regimes
        self.instruments: dict[str, str] = {}
        self.groups: dict[str, tuple[str, ...]] = {}
        self.types: tuple[str, ...] = ()

    def fail(self, where: str, message: str) -> ProcedureDataError:
        return ProcedureDataError(f"{self.origin}: {where}: {message}")

    def parse(
        self, raw: Any, raw_periods: Any, known_types: Collection[str] | None
    ) -> ProcedureData:
        top = self.mapping(raw, "top level", _TOP)
        meta = self.mapping(top.get("meta", {}), "meta", None)
        self.instruments = {
            str(k): self.text(v, f"instruments.{k}")
            for k, v in self.mapping(top.get("instruments", {}), "instruments", None).items()
        }
        standards = {
            str(k): self.text(v, f"standards.{k}")
            for k, v in self.mapping(top.get("standards"), "standards", None).items()
        }
        self.types = tuple(standards)
        if known_types is not None and not set(self.types) <= set(known_types):
            unknown = ", ".join(sorted(set(self.types) - set(known_types)))
            raise self.fail("standards", f"unknown object types: {unknown}")
        for name, members in self.mapping(top.get("groups", {}), "groups", None).items():
            self.groups[str(name)] = self.type_list(members, f"groups.{name}")
        appeals = {
            str(k): self.appeal(v, f"appeals.{k}")
            for k, v in self.mapping(top.get("appeals", {}), "appeals", None).items()
        }
        statuses = tuple(
            self.status(s, f"statuses[{i}]")
            for i, s in enumerate(self.seq(top.get("statuses"), "statuses"))
        )
        self.unique([s.code for s, _ in statuses], "statuses")
        status_codes = {s.code for s, _ in statuses}
        periods_top = self.mapping(raw_periods, "periods file", {"periods"})
        kinds = tuple(
            self.period(k, f"periods[{i}]")
            for i, k in enumerate(self.seq(periods_top.get("periods"), "periods"))
        )
        self.unique([k.code for k in kinds], "periods")
        period_codes = {k.code for k in kinds}
        acts = tuple(
            self.act(a, f"acts[{i}]", appeals, status_codes, period_codes)
            for i, a in enumerate(self.seq(top.get("acts"), "acts"))
        )
        self.unique([a.act.code for a in acts], "acts")
        act_codes = {a.act.code for a in acts}
        for kind in kinds:
            for code in kind.trigger_acts:
                if code != _ANY_APPEALABLE and code not in act_codes:
                    raise self.fail(f"periods {kind.code}", f"unknown trigger act {code!r}")
            if kind.lapse_act is not None and kind.lapse_act not in act_codes:
                raise self.fail(f"periods {kind.code}", f"unknown lapse act {kind.lapse_act!r}")
        for entry in acts:
            for types in entry.act.requires.values():
                for code in types:
                    if code not in act_codes:
                        raise self.fail(f"acts {entry.act.code}", f"unknown required act {code!r}")
        return ProcedureData(
            title_vi=str(meta.get("title_vi", "")),
            title_en=str(meta.get("title_en", "")),
            standards=MappingProxyType(standards),
            period_kinds=kinds,
            regimes=self.regimes,
            notes=MappingProxyType({str(k): str(v) for k, v in meta.items()}),
            _statuses=statuses,
            _acts=acts,
        )

    # -- pieces -----------------------------------------------------------------------------

    def status(self, raw: Any, where: str) -> tuple[Status, frozenset[str]]:
        item = self.mapping(raw, where, _STATUS_KEYS)
        code = self.text(item.get("code"), f"{where}.code")
        types = self.type_list(item.get("object_types", "all_types"), f"{where}.object_types")
        return (
            Status(
                code=code,
                name_vi=self.text(item.get("name_vi"), f"{where}.name_vi"),
                name_en=self.text(item.get("name_en"), f"{where}.name_en"),
                terminal=self.flag(item.get("terminal", False), f"{where}.terminal"),
                note=str(item.get("note", "")),
            ),
            frozenset(types),
        )

    def act(
        self,
        raw: Any,
        where: str,
        appeals: Mapping[str, Appeal],
        statuses: set[str],
        periods: set[str],
    ) -> _ActEntry:
        item = self.mapping(raw, where, _ACT_KEYS)
        code = self.text(item.get("code"), f"{where}.code")
        where = f"{where} ({code})"

        def status_list(value: Any, at: str) -> tuple[str, ...]:
            out = tuple(self.text(s, at) for s in self.seq(value, at, empty=True))
            bad = [s for s in out if s not in statuses]
            if bad:
                raise self.fail(at, f"unknown statuses: {', '.join(bad)}")
            return out

        def one_status(value: Any, at: str) -> str | None:
            if value is None:
                return None
            return status_list([value], at)[0]

        def period_list(key: str) -> tuple[str, ...]:
            out = tuple(
                self.text(s, f"{where}.{key}") for s in self.seq(item.get(key, []), key, empty=True)
            )
            bad = [s for s in out if s not in periods]
            if bad:
                raise self.fail(f"{where}.{key}", f"unknown period kinds: {', '.join(bad)}")
            return out

        from_by_type: dict[str, tuple[str, ...]] = {}
        for key, value in self.mapping(
            item.get("from_by_type", {}), f"{where}.from_by_type", None
        ).items():
            for t in self.type_list(key, f"{where}.from_by_type"):
                from_by_type[t] = status_list(value, f"{where}.from_by_type.{key}")
        to_by_status = {
            str(k): one_status(v, f"{where}.to_by_status")
            for k, v in self.mapping(
                item.get("to_by_status", {}), f"{where}.to_by_status", None
            ).items()
        }
        status_list(list(to_by_status), f"{where}.to_by_status")
        roles = []
        for r in self.seq(item.get("roles"), f"{where}.roles"):
            try:
                roles.append(Role(r))
            except ValueError:
                raise self.fail(f"{where}.roles", f"unknown role {r!r}") from None
        act_regimes = tuple(
            self.text(r, f"{where}.regimes")
            for r in self.seq(item.get("regimes", list(self.regimes)), f"{where}.regimes")
        )
        if not set(act_regimes) <= set(self.regimes):
            raise self.fail(f"{where}.regimes", f"regimes must be among {self.regimes}")
        appeal_name = item.get("appeal")
        if appeal_name is not None and appeal_name not in appeals:
            raise self.fail(f"{where}.appeal", f"unknown appeal route {appeal_name!r}")
        requires = {
            t: tuple(self.text(a, f"{where}.requires") for a in self.seq(v, f"{where}.requires"))
            for k, v in self.mapping(item.get("requires", {}), f"{where}.requires", None).items()
            for t in self.type_list(k, f"{where}.requires")
        }
        wipo = {
            str(std): self.wipo(str(std), v, f"{where}.wipo.{std}")
            for std, v in self.mapping(item.get("wipo", {}), f"{where}.wipo", None).items()
        }
        act = Act(
            code=code,
            name_vi=self.text(item.get("name_vi"), f"{where}.name_vi"),
            name_en=self.text(item.get("name_en"), f"{where}.name_en"),
            object_types=frozenset(
                self.type_list(item.get("object_types"), f"{where}.object_types")
            ),
            from_statuses=status_list(item.get("from", []), f"{where}.from"),
            to_status=one_status(item.get("to"), f"{where}.to"),
            to_by_status=MappingProxyType(to_by_status),
            resumes_previous=self.flag(
                item.get("resumes_previous", False), f"{where}.resumes_previous"
            ),
            roles=frozenset(roles),
            needs_approval=self.flag(item.get("needs_approval", False), f"{where}.needs_approval"),
            regimes=frozenset(act_regimes),
            opens=period_list("opens"),
            closes=period_list("closes"),
            extends=period_list("extends"),
            notice=self.flag(item.get("notice", False), f"{where}.notice"),
            requires=MappingProxyType(requires),
            appeal=None if appeal_name is None else appeals[appeal_name],
            legal_basis=self.basis(item.get("legal_basis"), f"{where}.legal_basis"),
            wipo=MappingProxyType(wipo),
            note=str(item.get("note", "")).strip(),
        )
        return _ActEntry(act, MappingProxyType(from_by_type))

    def period(self, raw: Any, where: str) -> PeriodKind:
        item = self.mapping(raw, where, _PERIOD_KEYS)
        code = self.text(item.get("code"), f"{where}.code")
        where = f"{where} ({code})"
        actor = self.text(item.get("actor"), f"{where}.actor")
        if actor not in _ACTORS:
            raise self.fail(f"{where}.actor", f"must be one of {sorted(_ACTORS)}")
        rules = tuple(
            self.rule(r, f"{where}.rules[{i}]")
            for i, r in enumerate(self.seq(item.get("rules"), f"{where}.rules"))
        )
        trigger_acts = tuple(
            self.text(a, f"{where}.trigger_acts")
            for a in self.seq(item.get("trigger_acts", []), where, empty=True)
        )
        notice_rules = [r for r in rules if r.trigger is TriggerEvent.NOTICE]
        if notice_rules and not trigger_acts:
            raise self.fail(where, "rules that run from a notice need trigger_acts")
        lapse = item.get("lapse_act")
        return PeriodKind(
            code=code,
            name_vi=self.text(item.get("name_vi"), f"{where}.name_vi"),
            name_en=self.text(item.get("name_en"), f"{where}.name_en"),
            actor=actor,
            regime_by=self.choice(
                RegimeChoice, item.get("regime_by", "trigger"), f"{where}.regime_by"
            ),
            rules=rules,
            trigger_acts=trigger_acts,
            lapse_act=None if lapse is None else self.text(lapse, f"{where}.lapse_act"),
            note=str(item.get("note", "")).strip(),
        )

    def rule(self, raw: Any, where: str) -> PeriodRule:
        item = self.mapping(raw, where, _RULE_KEYS)
        regime = self.text(item.get("regime"), f"{where}.regime")
        if regime not in self.regimes:
            raise self.fail(f"{where}.regime", f"must be one of {self.regimes}")
        months, days = self.length(item, where)
        when = frozenset(
            self.text(c, f"{where}.when") for c in self.seq(item.get("when", []), where, empty=True)
        )
        if not when <= _CONDITIONS:
            raise self.fail(f"{where}.when", f"conditions must be among {sorted(_CONDITIONS)}")
        or_later = []
        for i, alt in enumerate(self.seq(item.get("or_later", []), where, empty=True)):
            at = f"{where}.or_later[{i}]"
            alt_item = self.mapping(alt, at, {"trigger", "months", "days"})
            am, ad = self.length(alt_item, at)
            or_later.append(
                (self.choice(TriggerEvent, alt_item.get("trigger"), f"{at}.trigger"), am, ad)
            )
        ext = item.get("extension")
        extension = None
        if ext is not None:
            e = self.mapping(
                ext, f"{where}.extension", {"months", "days", "times", "confidence", "note"}
            )
            em, ed = self.length(e, f"{where}.extension")
            extension = Extension(
                months=em,
                days=ed,
                times=self.count(e.get("times", 1), f"{where}.extension.times"),
                confidence=self.choice(
                    Confidence, e.get("confidence", "unconfirmed"), f"{where}.extension.confidence"
                ),
                note=str(e.get("note", "")).strip(),
            )
        return PeriodRule(
            object_types=frozenset(self.type_list(item.get("types"), f"{where}.types")),
            regime=regime,
            trigger=self.choice(TriggerEvent, item.get("trigger"), f"{where}.trigger"),
            months=months,
            days=days,
            when=when,
            or_later=tuple(or_later),
            extension=extension,
            legal_basis=self.basis(item.get("basis"), f"{where}.basis"),
            confidence=self.choice(Confidence, item.get("confidence"), f"{where}.confidence"),
            note=str(item.get("note", "")).strip(),
        )

    def appeal(self, raw: Any, where: str) -> Appeal:
        keys = {"period_days", "body_vi", "body_en", "second_period_days", "second_body_vi",
                "second_body_en", "legal_basis", "note"}  # fmt: skip
        item = self.mapping(raw, where, keys)
        second = item.get("second_period_days")
        return Appeal(
            period_days=self.count(item.get("period_days"), f"{where}.period_days"),
            body_vi=self.text(item.get("body_vi"), f"{where}.body_vi"),
            body_en=self.text(item.get("body_en"), f"{where}.body_en"),
            second_period_days=None if second is None else self.count(second, f"{where}.second"),
            second_body_vi=str(item.get("second_body_vi", "")),
            second_body_en=str(item.get("second_body_en", "")),
            legal_basis=self.basis(item.get("legal_basis"), f"{where}.legal_basis"),
            note=str(item.get("note", "")).strip(),
        )

    def wipo(self, standard: str, raw: Any, where: str) -> WipoEvent:
        if standard not in {"ST.27", "ST.61", "ST.87"}:
            raise self.fail(where, "standard must be ST.27, ST.61 or ST.87")
        if isinstance(raw, list) and len(raw) == 3:
            category, key, title = (self.text(x, where) for x in raw)
            confidence, note = Confidence.UNCONFIRMED, ""
        else:
            item = self.mapping(
                raw, where, {"category", "key_event", "title", "confidence", "note"}
            )
            category = self.text(item.get("category"), f"{where}.category")
            key = self.text(item.get("key_event"), f"{where}.key_event")
            title = self.text(item.get("title"), f"{where}.title")
            confidence = self.choice(Confidence, item.get("confidence", "unconfirmed"), where)
            note = str(item.get("note", ""))
        if not (len(key) == 3 and key[0] == category and key[1:].isdigit()):
            raise self.fail(where, f"key event {key!r} must be {category!r} and two digits")
        return WipoEvent(standard, category, key, title, confidence, note)

    def basis(self, raw: Any, where: str) -> tuple[LegalReference, ...]:
        out = []
        for i, ref in enumerate(self.seq(raw, where)):
            at = f"{where}[{i}]"
            item = self.mapping(ref, at, {"instrument", "provision", "confidence", "note"})
            name = self.text(item.get("instrument"), f"{at}.instrument")
            out.append(
                LegalReference(
                    self.instruments.get(name, name),
                    str(item.get("provision", "")),
                    self.choice(
                        Confidence, item.get("confidence", "confirmed"), f"{at}.confidence"
                    ),
                    str(item.get("note", "")).strip(),
                )
            )
        return tuple(out)

    # -- primitives -------------------------------------------------------------------------

    def type_list(self, raw: Any, where: str) -> tuple[str, ...]:
        if raw == "all_types":
            return self.types
        names = [raw] if isinstance(raw, str) else self.seq(raw, where)
        out: list[str] = []
        for name in names:
            if name in self.groups:
                out.extend(self.groups[name])
            elif name in self.types:
                out.append(name)
            else:
                raise self.fail(where, f"unknown object type or group {name!r}")
        return tuple(dict.fromkeys(out))

    def length(self, item: Mapping[str, Any], where: str) -> tuple[int, int]:
        months = self.count(item.get("months", 0), f"{where}.months")
        days = self.count(item.get("days", 0), f"{where}.days")
        if months == 0 and days == 0:
            raise self.fail(where, "a period needs months or days")
        return months, days

    def count(self, raw: Any, where: str) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise self.fail(where, "must be a non-negative integer")
        return raw

    def flag(self, raw: Any, where: str) -> bool:
        if not isinstance(raw, bool):
            raise self.fail(where, "must be true or false")
        return raw

    def text(self, raw: Any, where: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.fail(where, "must be a non-empty string")
        return raw.strip()

    def seq(self, raw: Any, where: str, *, empty: bool = False) -> list[Any]:
        if not isinstance(raw, list) or (not raw and not empty):
            raise self.fail(where, "must be a non-empty list" if not empty else "must be a list")
        return raw

    def mapping(self, raw: Any, where: str, keys: set[str] | None) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(where, "must be a mapping")
        if keys is not None:
            extra = set(raw) - keys
            if extra:
                raise self.fail(where, f"unknown keys: {', '.join(sorted(map(str, extra)))}")
        return raw

    def choice(self, enum: type[_E], raw: Any, where: str) -> _E:
        try:
            return enum(raw)
        except ValueError:
            values = ", ".join(e.value for e in enum)
            raise self.fail(where, f"{raw!r} is not one of {values}") from None

    def unique(self, codes: list[str], where: str) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                raise self.fail(where, f"code {code!r} is used twice")
            seen.add(code)
