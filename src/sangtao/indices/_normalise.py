"""Normalise: bring indicators onto a common scale, with directions applied first."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import NormalisationError, SpecError
from ._step import Step, column_values, replace_columns

__all__ = [
    "NORMALISERS",
    "Normalise",
    "n_borda",
    "n_dist2max",
    "n_dist2ref",
    "n_dist2targ",
    "n_fracmax",
    "n_goalposts",
    "n_minmax",
    "n_prank",
    "n_rank",
    "n_scaled",
    "n_zscore",
]


def _range(x: np.ndarray, what: str) -> tuple[float, float]:
    if np.all(np.isnan(x)):
        raise NormalisationError(f"{what}: no available values")
    mn, mx = float(np.nanmin(x)), float(np.nanmax(x))
    if mn == mx:
        raise NormalisationError(
            f"{what}: all values are equal ({mn}); the indicator carries no information — "
            "remove it, or normalise it individually (indiv_specs) with another method"
        )
    return mn, mx


def n_minmax(x: np.ndarray, l_u: Sequence[float] = (0, 100)) -> np.ndarray:
    """Min-max: (x − min)/(max − min)·(u − l) + l (COINr ``n_minmax``)."""
    mn, mx = _range(x, "n_minmax")
    return (x - mn) / (mx - mn) * (l_u[1] - l_u[0]) + l_u[0]


def n_zscore(x: np.ndarray, m_sd: Sequence[float] = (0, 1)) -> np.ndarray:
    """Z-score: (x − mean)/sd·s + m, sd with n − 1 (COINr ``n_zscore``)."""
    if m_sd[1] <= 0:
        raise SpecError("n_zscore: the target sd must be positive")
    avail = x[~np.isnan(x)]
    if avail.size < 2:
        raise NormalisationError("n_zscore: needs at least 2 available values")
    sd = float(np.std(avail, ddof=1))
    if sd == 0:
        raise NormalisationError("n_zscore: zero standard deviation (all values equal)")
    return (x - avail.mean()) / sd * m_sd[1] + m_sd[0]


def n_scaled(x: np.ndarray, npara: Sequence[float] = (0, 100)) -> np.ndarray:
    """Scaled: (x − l)/(u − l)·100 (COINr ``n_scaled``)."""
    if npara[1] == npara[0]:
        raise SpecError("n_scaled: npara must have two different values")
    return (x - npara[0]) / (npara[1] - npara[0]) * 100


def n_dist2max(x: np.ndarray) -> np.ndarray:
    """Distance to maximum: 1 − (max − x)/(max − min) (COINr ``n_dist2max``)."""
    mn, mx = _range(x, "n_dist2max")
    return 1 - (mx - x) / (mx - mn)


def n_dist2ref(x: np.ndarray, iref: int, cap_max: bool = False) -> np.ndarray:
    """Distance to a reference unit: 1 − (x_ref − x)/(x_ref − min) (COINr ``n_dist2ref``).

    ``iref`` is a 0-based position here; :class:`Normalise` accepts a uCode or COINr's
    1-based position.
    """
    xref = x[iref]
    if np.isnan(xref):
        raise NormalisationError("n_dist2ref: the reference unit's value is missing")
    mn = float(np.nanmin(x))
    if xref == mn:
        raise NormalisationError("n_dist2ref: the reference value equals the minimum")
    y = 1 - (xref - x) / (xref - mn)
    if cap_max:
        y = np.where(y > 1, 1.0, y)
    return y


def n_dist2targ(
    x: np.ndarray, targ: float, direction: int = 1, cap_max: bool = False
) -> np.ndarray:
    """Distance to target (COINr 1.1 ``n_dist2targ``).

    (x − min)/(targ − min) if ``direction = 1``, (max − x)/(max − targ) if −1; values
    beyond the target exceed 1 unless ``cap_max``.
    """
    if targ is None or (isinstance(targ, float) and math.isnan(targ)):
        raise NormalisationError("n_dist2targ: no target")
    if direction == 1:
        mn = float(np.nanmin(x))
        if targ == mn:
            raise NormalisationError("n_dist2targ: the target equals the minimum")
        y = (x - mn) / (targ - mn)
    elif direction == -1:
        mx = float(np.nanmax(x))
        if targ == mx:
            raise NormalisationError("n_dist2targ: the target equals the maximum")
        y = (mx - x) / (mx - targ)
    else:
        raise SpecError("n_dist2targ: direction must be 1 or -1")
    if cap_max:
        y = np.where(y > 1, 1.0, y)
    return y


def n_fracmax(x: np.ndarray) -> np.ndarray:
    """Fraction of the maximum: x / max (COINr ``n_fracmax``).

    Raises
    ------
    NormalisationError
        If the maximum is zero or negative (dividing by it would give infinite values
        or reverse the order of the units; COINr 1.1.14 does not check).
    """
    if np.all(np.isnan(x)):
        raise NormalisationError("n_fracmax: no available values")
    mx = float(np.nanmax(x))
    if mx <= 0:
        raise NormalisationError(
            f"n_fracmax: the maximum is {mx:g}; x / max needs a positive maximum "
            "(use n_minmax for indicators with no positive value)"
        )
    return x / mx


def _rank_min(x: np.ndarray) -> np.ndarray:
    return pd.Series(x).rank(method="min", na_option="keep").to_numpy(float)


def n_rank(x: np.ndarray) -> np.ndarray:
    """Ranks, ties taking the minimum rank, highest value highest rank (COINr ``n_rank``)."""
    return _rank_min(x)


def n_borda(x: np.ndarray) -> np.ndarray:
    """Borda scores: rank − 1 (COINr ``n_borda``)."""
    return _rank_min(x) - 1


def n_prank(x: np.ndarray) -> np.ndarray:
    """Percentile ranks: (rank − 1)/(n − 1) (COINr ``n_prank``)."""
    n = int(np.sum(~np.isnan(x)))
    if n < 2:
        raise NormalisationError("n_prank: needs at least 2 available values")
    return (_rank_min(x) - 1) / (n - 1)


def n_goalposts(
    x: np.ndarray,
    gposts: Sequence[float],
    direction: int = 1,
    trunc2posts: bool = True,
) -> np.ndarray:
    """Goalposts: (x − l)/(u − l), clipped to [0, 1] if ``trunc2posts``, times a.

    ``gposts = (l, u, a)``. With ``direction = -1`` the fraction runs from the upper to
    the lower post (COINr 1.1 ``n_goalposts``).
    """
    lo, hi, scale = (float(g) for g in gposts)
    if lo == hi:
        raise SpecError("n_goalposts: the two goalposts are equal")
    y = (x - hi) / (lo - hi) if direction == -1 else (x - lo) / (hi - lo)
    if trunc2posts:
        y = np.clip(y, 0, 1)
    return y * scale


NORMALISERS: dict[str, Callable[..., np.ndarray]] = {
    "n_minmax": n_minmax,
    "n_zscore": n_zscore,
    "n_scaled": n_scaled,
    "n_dist2max": n_dist2max,
    "n_dist2ref": n_dist2ref,
    "n_dist2targ": n_dist2targ,
    "n_fracmax": n_fracmax,
    "n_rank": n_rank,
    "n_borda": n_borda,
    "n_prank": n_prank,
    "n_goalposts": n_goalposts,
}

_IMETA_PARAS = {
    "n_minmax": ("minmax_lower", "minmax_upper"),
    "n_zscore": ("zscore_mean", "zscore_sd"),
    "n_scaled": ("scaled_lower", "scaled_upper"),
    "n_dist2targ": ("Target",),
    "n_goalposts": ("goalpost_lower", "goalpost_upper", "goalpost_scale"),
}


def _imeta_para(coin: Coin, f_n: str, code: str, direction: float) -> dict[str, Any]:
    """COINr's ``get_iMeta_norm_paras``: parameters from iMeta columns, direction-flipped."""
    meta = coin.framework.meta
    cols = _IMETA_PARAS.get(f_n)
    if cols is None:
        raise SpecError(f"{f_n} does not take parameters from iMeta ('use_iMeta')")
    missing = [c for c in cols if c not in meta.columns]
    if missing:
        raise SpecError(f"'use_iMeta' with {f_n} needs iMeta column(s) {', '.join(missing)}")
    v: dict[str, Any] = {c: meta[c][code] for c in cols}
    if f_n == "n_minmax":
        return {"l_u": (float(v["minmax_lower"]), float(v["minmax_upper"]))}
    if f_n == "n_zscore":
        return {"m_sd": (float(v["zscore_mean"]), float(v["zscore_sd"]))}
    if f_n == "n_scaled":
        return {"npara": (float(v["scaled_lower"]), float(v["scaled_upper"]))}
    if f_n == "n_dist2targ":
        cap = meta.at[code, "dist2targ_cap_max"] if "dist2targ_cap_max" in meta.columns else False
        return {"targ": float(v["Target"]) * direction, "cap_max": bool(cap)}
    lo, hi = float(v["goalpost_lower"]), float(v["goalpost_upper"])
    lo, hi = (hi * direction, lo * direction) if direction == -1 else (lo, hi)
    trunc = (
        meta.at[code, "goalpost_trunc2posts"] if "goalpost_trunc2posts" in meta.columns else True
    )
    return {"gposts": (lo, hi, float(v["goalpost_scale"])), "trunc2posts": bool(trunc)}


class Normalise(Step):
    """Normalise each indicator, as COINr's ``Normalise()``.

    Each indicator is multiplied by its direction (+1/−1) first, then passed to the
    normalisation function, so every normalised indicator runs "higher is better".

    Parameters
    ----------
    dset : str, optional
        Data set to read (default: the latest).
    global_specs : mapping, optional
        ``{f_n: name, f_n_para: {...}}``, default ``{f_n: "n_minmax", f_n_para: {l_u:
        [0, 100]}}``. ``f_n`` is one of :data:`NORMALISERS` or ``"none"``. ``f_n_para:
        "use_iMeta"`` takes per-indicator parameters from iMeta columns as COINr 1.1
        (``Target``, ``goalpost_lower`` …), flipped with the direction. For
        ``n_goalposts``, ``f_n_para: {gposts: [l, u, a], relative: true}`` puts the posts
        at min + l·range and min + u·range of each indicator in the data being normalised
        (after the direction flip). For ``n_dist2ref``, ``iref`` is a uCode or COINr's
        1-based row number.
    indiv_specs : mapping, optional
        ``{iCode: {f_n, f_n_para}}`` exceptions to ``global_specs``.
    directions : mapping, optional
        ``{iCode: ±1}``; default from iMeta.
    write_to : str, optional
        Data set to write (default ``Normalised``).

    Raises
    ------
    NormalisationError
        For an indicator with no available value (whatever the method), with no spread
        (all values equal) under a method that divides by the range or sd, or if a
        method gives an infinite or missing value where the input had one: a
        normalised data set never holds a NaN that the input did not.

    Notes
    -----
    An indicator with no spread is an error for ``n_minmax``, ``n_zscore``,
    ``n_dist2max`` and ``n_dist2ref``; the methods that do not divide by the spread
    give defined values (``n_rank``/``n_borda``/``n_prank``: one shared rank;
    ``n_fracmax``: 1; ``n_scaled``, ``n_goalposts`` and ``n_dist2targ``: their fixed
    scale).

    References
    ----------
    COINr 1.1.14, ``Normalise.data.frame()``, ``Normalise.numeric()`` and ``n_*()``
    (``R/normalise.R``). OECD/JRC (2008), *Handbook*, step 5.
    """

    coinr_name = "Normalise"
    default_write_to = "Normalised"

    def __init__(
        self,
        *,
        dset: str | None = None,
        global_specs: Mapping[str, Any] | None = None,
        indiv_specs: Mapping[str, Mapping[str, Any]] | None = None,
        directions: Mapping[str, float] | None = None,
        write_to: str | None = None,
    ) -> None:
        self.dset = dset
        self.global_specs = global_specs
        self.indiv_specs = indiv_specs
        self.directions = directions
        self.write_to = write_to

    def apply(self, coin: Coin) -> Coin:
        """Normalise and write the result; see the class docstring."""
        name, x = self._input(coin, self.dset)
        inds = [c for c in coin.framework.indicators if c in x.columns]
        dirs = coin.framework.directions.to_dict()
        if self.directions is not None:
            dirs.update({k: float(v) for k, v in self.directions.items()})
        gs = dict(self.global_specs or {"f_n": "n_minmax", "f_n_para": {"l_u": [0, 100]}})
        indiv = dict(self.indiv_specs or {})
        unknown = [c for c in indiv if c not in inds]
        if unknown:
            raise SpecError(f"indiv_specs names unknown indicator(s): {', '.join(unknown)}")
        used: dict[str, dict[str, Any]] = {}
        values = column_values(x, inds)
        out: dict[str, np.ndarray] = {}
        for j, c in enumerate(inds):
            spec = dict(indiv.get(c, gs))
            d = dirs.get(c)
            if d not in (1.0, -1.0):
                raise SpecError(f"direction of {c} must be 1 or -1, not {d}")
            assert d is not None
            xc = values[:, j] * d
            f_n = spec.get("f_n", "n_minmax")
            para = spec.get("f_n_para")
            if f_n == "none":
                out[c] = xc
                used[c] = {"f_n": "none"}
                continue
            if f_n not in NORMALISERS:
                raise SpecError(
                    f"unknown normalisation {f_n!r}; use one of {', '.join(NORMALISERS)}"
                )
            if para == "use_iMeta":
                kwargs = _imeta_para(coin, f_n, c, d)
            else:
                kwargs = dict(para or {})
            avail = ~np.isnan(xc)
            if not avail.any():
                raise NormalisationError(
                    f"indicator {c}: no available values to normalise ({f_n}); impute it, "
                    "or leave it out (exclude)"
                )
            kwargs = self._prepare(f_n, kwargs, xc, x.index)
            try:
                with np.errstate(all="ignore"):  # non-finite results are refused below
                    y = np.asarray(NORMALISERS[f_n](xc, **kwargs), dtype=float)
            except TypeError as exc:
                raise SpecError(f"{f_n} for {c}: {exc}") from None
            except NormalisationError as exc:
                raise NormalisationError(f"indicator {c}: {exc}") from None
            bad = avail & ~np.isfinite(y)
            if bad.any():
                units = ", ".join(map(str, x.index[bad][:10]))
                raise NormalisationError(
                    f"indicator {c}: {f_n} gives no finite value for unit(s) {units}"
                )
            out[c] = y
            used[c] = {"f_n": f_n, "f_n_para": kwargs, "direction": d}
        x = replace_columns(x, out)
        write_to = self.write_to or self.default_write_to
        assert write_to is not None
        record = StepRecord(
            self.coinr_name, self.get_params(), name, write_to, {"specs_used": used}
        )
        return coin.with_dataset(write_to, x, record)

    @staticmethod
    def _prepare(
        f_n: str, kwargs: dict[str, Any], xc: np.ndarray, ucodes: pd.Index
    ) -> dict[str, Any]:
        if f_n == "n_goalposts" and kwargs.pop("relative", False):
            lo_f, hi_f, scale = (float(g) for g in kwargs["gposts"])
            mn, mx = _range(xc, "n_goalposts")
            kwargs["gposts"] = (mn + lo_f * (mx - mn), mn + hi_f * (mx - mn), scale)
        if f_n == "n_dist2ref":
            iref = kwargs.get("iref")
            if isinstance(iref, str):
                if iref not in ucodes:
                    raise SpecError(f"n_dist2ref: reference unit {iref!r} not in the data")
                loc: Any = ucodes.get_loc(iref)
                kwargs["iref"] = int(loc)
            elif isinstance(iref, int | np.integer):
                if not 1 <= iref <= len(ucodes):
                    raise SpecError(f"n_dist2ref: iref must be in 1..{len(ucodes)}")
                kwargs["iref"] = int(iref) - 1
            else:
                raise SpecError("n_dist2ref needs iref (a uCode or a 1-based row number)")
        for key in ("l_u", "m_sd", "npara", "gposts"):
            if key in kwargs:
                kwargs[key] = tuple(float(v) for v in kwargs[key])
        return kwargs
