"""The index framework: indicator metadata in COINr's iMeta layout, validated.

The framework is the tree of indicators (level 1) and aggregates (levels 2 and up), with
their directions and weights, plus the non-indicator columns that iData may carry: unit
groups, denominators and others.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from ._errors import FrameworkError

__all__ = ["Framework", "IMETA_REQUIRED", "ELEMENT_TYPES"]

#: Columns that COINr's ``check_iMeta()`` requires.
IMETA_REQUIRED = ("Level", "iCode", "Parent", "Direction", "Type", "Weight")

#: Values allowed in the ``Type`` column.
ELEMENT_TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")

_CODE_RE = re.compile(r"^[^\s\d][^\s]*$")


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() in ("", "NA")


def _as_float(value: object, what: str) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise FrameworkError(f"{what}: {value!r} is not a number") from exc
    return out


@dataclass(frozen=True, eq=False)
class Framework:
    """A validated index framework (COINr's ``coin$Meta$Ind``).

    Build one with :meth:`from_imeta`; the constructor does not validate.

    Attributes
    ----------
    meta : pandas.DataFrame
        The iMeta table, one row per element, indexed by ``iCode``.
    level_names : tuple of str
        Optional names of the levels, from 1 (indicators) up.
    """

    meta: pd.DataFrame
    level_names: tuple[str, ...] = ()
    _children: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _parents: Mapping[str, str | None] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_imeta(
        cls, imeta: pd.DataFrame, level_names: tuple[str, ...] | list[str] | None = None
    ) -> Framework:
        """Validate an iMeta table and build the framework.

        Parameters
        ----------
        imeta : pandas.DataFrame
            Columns ``Level, iCode, Parent, Direction, Type, Weight`` (required) and
            optionally ``iName, Unit, Target, Denominator`` and normalisation parameter
            columns (``goalpost_lower`` …) as in COINr 1.1.
        level_names : sequence of str, optional
            Names of the levels, lowest first.

        Raises
        ------
        FrameworkError
            On a missing column, duplicate or malformed code, unknown type, bad level,
            direction or weight, unknown parent, a cycle in the parent links, a parent
            that is not one level up, an aggregate without children, or an unknown
            denominator.

        References
        ----------
        COINr 1.1.14, ``R/new_coin.R`` (``check_iMeta``).
        """
        if not isinstance(imeta, pd.DataFrame):
            raise FrameworkError("iMeta must be a table (pandas DataFrame)")
        missing = [c for c in IMETA_REQUIRED if c not in imeta.columns]
        if missing:
            raise FrameworkError(f"iMeta lacks required column(s): {', '.join(missing)}")
        meta = imeta.copy()
        meta["iCode"] = [None if _is_missing(c) else str(c).strip() for c in meta["iCode"]]
        for row, code in enumerate(meta["iCode"], start=2):
            if code is None:
                raise FrameworkError(f"iMeta row {row}: iCode is empty")
            if not _CODE_RE.match(code):
                raise FrameworkError(
                    f"iMeta row {row}: iCode {code!r} must not start with a digit or contain spaces"
                )
        dup = meta["iCode"][meta["iCode"].duplicated()].unique().tolist()
        if dup:
            raise FrameworkError(f"iMeta has duplicate iCode(s): {', '.join(dup)}")
        meta = meta.set_index("iCode", drop=False)
        meta.index.name = None

        bad_types = sorted({str(t) for t in meta["Type"] if t not in ELEMENT_TYPES})
        if bad_types:
            raise FrameworkError(
                f"iMeta Type must be one of {', '.join(ELEMENT_TYPES)}; "
                f"found {', '.join(bad_types)}"
            )
        meta["Parent"] = pd.Series(
            [None if _is_missing(p) else str(p).strip() for p in meta["Parent"]],
            index=meta.index,
            dtype=object,
        )
        parents: dict[str, str | None] = {
            str(c): (None if _is_missing(p) else str(p)) for c, p in meta["Parent"].items()
        }

        struct = meta[meta["Type"].isin(("Indicator", "Aggregate"))]
        if not (struct["Type"] == "Indicator").any():
            raise FrameworkError("iMeta has no element of Type 'Indicator'")

        levels: dict[str, int] = {}
        for code, lev in struct["Level"].items():
            if _is_missing(lev):
                raise FrameworkError(f"iMeta: {code} has no Level")
            flev = _as_float(lev, f"iMeta: Level of {code}")
            if flev != int(flev) or flev < 1:
                raise FrameworkError(
                    f"iMeta: Level of {code} must be a positive integer, not {lev}"
                )
            levels[str(code)] = int(flev)
        for code, typ in struct["Type"].items():
            if typ == "Indicator" and levels[str(code)] != 1:
                raise FrameworkError(f"iMeta: indicator {code} must be at Level 1")
            if typ == "Aggregate" and levels[str(code)] < 2:
                raise FrameworkError(f"iMeta: aggregate {code} must be at Level 2 or above")
        present = sorted(set(levels.values()))
        if present != list(range(1, present[-1] + 1)):
            raise FrameworkError(f"iMeta levels have a gap: found levels {present}")

        for col, allowed in (("Direction", (1.0, -1.0)),):
            for code in struct.index:
                val = struct.at[code, col]
                if _is_missing(val):
                    if struct.at[code, "Type"] == "Indicator":
                        raise FrameworkError(f"iMeta: indicator {code} has no {col}")
                    continue
                if _as_float(val, f"iMeta: {col} of {code}") not in allowed:
                    raise FrameworkError(f"iMeta: {col} of {code} must be 1 or -1, not {val!s}")
        for code in struct.index:
            val = struct.at[code, "Weight"]
            if _is_missing(val):
                raise FrameworkError(f"iMeta: {code} has no Weight")
            w = _as_float(val, f"iMeta: Weight of {code}")
            if not math.isfinite(w):
                raise FrameworkError(f"iMeta: Weight of {code} must be finite, not {val!s}")

        # parents: known, aggregates, acyclic, exactly one level up
        struct_codes = set(struct.index)
        for code in struct.index:
            parent = parents[str(code)]
            if parent is None:
                continue
            if parent not in meta.index:
                raise FrameworkError(f"iMeta: parent {parent!r} of {code} is not an iCode in iMeta")
            if parent not in struct_codes or meta.at[parent, "Type"] != "Aggregate":
                raise FrameworkError(
                    f"iMeta: parent {parent!r} of {code} must be of Type 'Aggregate'"
                )
        for code in struct.index:
            seen = [str(code)]
            parent = parents[str(code)]
            while parent is not None:
                if parent in seen:
                    cycle = " -> ".join([*seen[seen.index(parent) :], parent])
                    raise FrameworkError(f"iMeta: the parent links form a cycle: {cycle}")
                seen.append(parent)
                parent = parents[parent]
        top = max(levels.values())
        for code in struct.index:
            parent = parents[str(code)]
            if parent is None:
                if levels[str(code)] != top:
                    raise FrameworkError(
                        f"iMeta: {code} (Level {levels[str(code)]}) has no parent; only "
                        f"elements at the top level ({top}) may have none"
                    )
            elif levels[parent] != levels[str(code)] + 1:
                raise FrameworkError(
                    f"iMeta: {code} is at Level {levels[str(code)]} but its parent {parent} is at "
                    f"Level {levels[parent]}; a parent must be exactly one level up"
                )
        children: dict[str, list[str]] = {c: [] for c in struct.index if levels[c] >= 2}
        for code in struct.index:
            parent = parents[str(code)]
            if parent is not None:
                children[parent].append(str(code))
        empty = [c for c, ch in children.items() if not ch]
        if empty:
            raise FrameworkError(f"iMeta: aggregate(s) without children: {', '.join(empty)}")

        if "Denominator" in meta.columns:
            denoms = set(meta.index[meta["Type"] == "Denominator"])
            meta["Denominator"] = pd.Series(
                [None if _is_missing(d) else str(d).strip() for d in meta["Denominator"]],
                index=meta.index,
                dtype=object,
            )
            for code in struct.index:
                d = meta.at[code, "Denominator"]
                d = None if _is_missing(d) else d
                if d is not None and d not in denoms:
                    raise FrameworkError(
                        f"iMeta: Denominator {d!r} of {code} is not an iCode of Type 'Denominator'"
                    )

        meta["Level"] = [levels.get(str(c), pd.NA) for c in meta.index]
        meta["Level"] = meta["Level"].astype("Int64")
        for col in ("Direction", "Weight"):
            meta[col] = pd.to_numeric(meta[col], errors="coerce")
        meta.loc[(meta["Type"] == "Aggregate") & meta["Direction"].isna(), "Direction"] = 1.0
        if level_names is not None and len(level_names) not in (0, top):
            raise FrameworkError(
                f"level_names has {len(level_names)} names but the framework has {top} levels"
            )
        frozen = MappingProxyType({k: tuple(v) for k, v in children.items()})
        return cls(
            meta=meta,
            level_names=tuple(level_names or ()),
            _children=frozen,
            _parents=MappingProxyType(parents),
        )

    # ------------------------------------------------------------------ queries
    @property
    def n_levels(self) -> int:
        """Number of levels (1 = indicators)."""
        return int(self.meta["Level"].max())

    def codes(self, level: int | None = None, type_: str | None = None) -> list[str]:
        """Element codes in iMeta order, optionally filtered by level or type."""
        # the framework is immutable: queries are computed once (Monte Carlo analyses
        # and the build steps ask for the same lists many times)
        cache: dict[tuple[int | None, str | None], tuple[str, ...]]
        cache = self.__dict__.setdefault("_codes_cache", {})
        key = (level, type_)
        if key not in cache:
            meta = self.meta
            mask = pd.Series(True, index=meta.index)
            if level is not None:
                mask &= meta["Level"].eq(level).fillna(False).astype(bool)
            if type_ is not None:
                mask &= meta["Type"] == type_
            cache[key] = tuple(str(c) for c in meta.index[mask])
        return list(cache[key])

    @property
    def indicators(self) -> list[str]:
        """Indicator codes (level 1) in iMeta order."""
        return self.codes(type_="Indicator")

    @property
    def aggregates(self) -> list[str]:
        """Aggregate codes, lowest level first, iMeta order within a level."""
        return [c for lev in range(2, self.n_levels + 1) for c in self.codes(level=lev)]

    @property
    def groups(self) -> list[str]:
        """Unit group columns (Type ``Group``)."""
        return self.codes(type_="Group")

    @property
    def denominators(self) -> list[str]:
        """Denominator columns (Type ``Denominator``)."""
        return self.codes(type_="Denominator")

    @property
    def others(self) -> list[str]:
        """Other non-indicator columns (Type ``Other``)."""
        return self.codes(type_="Other")

    def children(self, code: str) -> tuple[str, ...]:
        """Children of an aggregate, in iMeta order."""
        try:
            return self._children[code]
        except KeyError:
            raise FrameworkError(f"{code!r} is not an aggregate of this framework") from None

    def parent(self, code: str) -> str | None:
        """Parent of an element, or ``None`` at the top."""
        return self._parents.get(code)

    def level(self, code: str) -> int:
        """Level of an indicator or aggregate."""
        return int(self.meta["Level"][code])

    def ancestor(self, code: str, level: int) -> str:
        """The ancestor of ``code`` at ``level`` (``code`` itself at its own level)."""
        cur: str | None = code
        while cur is not None and self.level(cur) < level:
            cur = self.parent(cur)
        if cur is None or self.level(cur) != level:
            raise FrameworkError(f"{code} has no ancestor at level {level}")
        return cur

    def leaves(self, code: str) -> list[str]:
        """Indicators under an element (the element itself if an indicator)."""
        if self.level(code) == 1:
            return [code]
        return [leaf for ch in self.children(code) for leaf in self.leaves(ch)]

    @property
    def directions(self) -> pd.Series:
        """Direction (+1/-1) of each indicator."""
        cached = self.__dict__.get("_directions")
        if cached is None:
            cached = self.meta.loc[self.indicators, "Direction"].astype(float)
            self.__dict__["_directions"] = cached
        return cached.copy()

    @property
    def weights(self) -> pd.Series:
        """The iMeta weights of every indicator and aggregate (COINr's ``Original`` set)."""
        codes = self.indicators + self.aggregates
        return self.meta.loc[codes, "Weight"].astype(float)

    def lineage(self) -> pd.DataFrame:
        """One row per indicator, one column per level: its ancestors (COINr ``Lineage``)."""
        rows = {
            lev: [self.ancestor(i, lev) for i in self.indicators]
            for lev in range(1, self.n_levels + 1)
        }
        names = self.level_names or tuple(f"Level_{lev}" for lev in rows)
        return pd.DataFrame({names[lev - 1]: v for lev, v in rows.items()})

    def column(self, name: str) -> pd.Series | None:
        """An optional iMeta column (e.g. ``Target``), or ``None`` if absent."""
        return self.meta[name] if name in self.meta.columns else None
