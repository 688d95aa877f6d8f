"""Treat: outlier treatment by winsorisation and log transforms, COINr's two-stage rule."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._coin import Coin, StepRecord
from ._errors import SpecError, TreatmentError
from ._stats import check_skew_kurt, skew
from ._step import Step, column_values, replace_columns

__all__ = [
    "GII_TREAT_SPECS",
    "Treat",
    "boxcox",
    "log_CT",
    "log_CT_orig",
    "log_GII",
    "treat_vector",
    "winsorise",
]

#: COINr's default specification (``Treat.data.frame``, COINr 1.1.14).
DEFAULT_TREAT_SPECS: dict[str, Any] = {
    "f1": "winsorise",
    "f1_para": {"winmax": 5, "skew_thresh": 2.0, "kurt_thresh": 3.5, "force_win": False},
    "f2": "log_CT",
    "f2_para": {},
    "f_pass": "check_SkewKurt",
    "f_pass_para": {"skew_thresh": 2.0, "kurt_thresh": 3.5},
}

#: The GII rule: outliers if |skew| > 2.25 and kurtosis > 3.5; winsorise up to 5 points,
#: else the GII log transform. Merged over the defaults when ``global_specs = "gii"``.
GII_TREAT_SPECS: dict[str, Any] = {
    "f1_para": {"winmax": 5, "skew_thresh": 2.25, "kurt_thresh": 3.5},
    "f2": "log_GII",
    "f_pass_para": {"skew_thresh": 2.25, "kurt_thresh": 3.5},
}


def winsorise(
    x: np.ndarray,
    winmax: int | None = 5,
    skew_thresh: float = 2.0,
    kurt_thresh: float = 3.5,
    force_win: bool = False,
) -> tuple[np.ndarray, int, np.ndarray]:
    """Winsorise while the skew/kurtosis test fails, as COINr's ``winsorise()``.

    At each step, if the skewness is ≥ 0 every value tied at the maximum is replaced by
    the next highest value, otherwise every value tied at the minimum by the next lowest.
    The count is that of the points moved at the last high step plus the last low step, so
    tied points count individually (winsorised points join the next ones, so the count
    grows by one or more each step). Stops when the test passes or ``winmax`` is reached.

    Parameters
    ----------
    x : numpy.ndarray
        Values (missing values are ignored and kept).
    winmax : int or None, default 5
        Maximum number of winsorised points; ``None`` for no limit.
    skew_thresh, kurt_thresh : float
        Thresholds of the test (COINr defaults 2 and 3.5).
    force_win : bool, default False
        Winsorise up to ``winmax`` even if the test passes.

    Returns
    -------
    x : numpy.ndarray
        Winsorised values.
    nwin : int
        Number of winsorised points.
    treated : numpy.ndarray of str
        ``"winhi"``, ``"winlo"`` or ``""`` per point.

    References
    ----------
    COINr 1.1.14, ``winsorise()`` in ``R/treat.R``.
    """
    x = np.array(x, dtype=float)
    passing, _, _ = check_skew_kurt(x, skew_thresh, kurt_thresh)
    nwin = 0
    imax: np.ndarray = np.array([], dtype=int)
    imin: np.ndarray = np.array([], dtype=int)

    def below() -> bool:
        return True if winmax is None else nwin < winmax

    while (passing is False or force_win) and below():
        avail = ~np.isnan(x)
        if skew(x) >= 0:
            imax = np.flatnonzero(avail & (x == np.nanmax(x)))
            rest = np.delete(x, imax)
            if np.all(np.isnan(rest)):
                break
            x[imax] = np.nanmax(rest)
        else:
            imin = np.flatnonzero(avail & (x == np.nanmin(x)))
            rest = np.delete(x, imin)
            if np.all(np.isnan(rest)):
                break
            x[imin] = np.nanmin(rest)
        nwin = len(imax) + len(imin)
        passing, _, _ = check_skew_kurt(x, skew_thresh, kurt_thresh)
        if passing is None:
            break
    treated = np.full(x.shape, "", dtype=object)
    treated[imax] = "winhi"
    treated[imin] = "winlo"
    return x, nwin, treated


def log_CT(x: np.ndarray) -> np.ndarray:  # noqa: N802 - COINr's name
    """COIN Tool log: ln(x − min + 0.01 (max − min)) (COINr ``log_CT``, default ``f2``)."""
    x = np.asarray(x, dtype=float)
    mn, mx = np.nanmin(x), np.nanmax(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(x - mn + 0.01 * (mx - mn))


def log_CT_orig(x: np.ndarray) -> np.ndarray:  # noqa: N802 - COINr's name
    """Original COIN Tool log: ln(x − min + 1) (COINr ``log_CT_orig``)."""
    x = np.asarray(x, dtype=float)
    return np.log(x - np.nanmin(x) + 1)


def log_GII(x: np.ndarray) -> np.ndarray:  # noqa: N802 - COINr's name
    """GII log: ln((max − 1)(x − min)/(max − min) + 1).

    COINr 1.1.14's ``log_GII`` computes this but returns the untreated ``x`` (a bug);
    here the transformed values are returned. As COINr warns, the transform reverses the
    order of the values when max < 1.

    Raises
    ------
    TreatmentError
        If the maximum is zero or negative: the argument of the log reaches zero or
        below, which would give −inf or NaN (use ``log_CT``).
    """
    x = np.asarray(x, dtype=float)
    mn, mx = np.nanmin(x), np.nanmax(x)
    if mx <= 0:
        raise TreatmentError(
            f"log_GII needs a positive maximum, not {mx:g} (the log of a value <= 0 "
            "is undefined); use f2: log_CT for this indicator"
        )
    return np.log((mx - 1) * (x - mn) / (mx - mn) + 1)


def boxcox(x: np.ndarray, lmbda: float, makepos: bool = True) -> np.ndarray:
    """Box-Cox transform with fixed λ, after shifting to x − min + 1 (COINr ``boxcox``)."""
    x = np.asarray(x, dtype=float)
    if makepos:
        x = x - np.nanmin(x) + 1
    if lmbda == 0:
        return np.log(x)
    return (x**lmbda - 1) / lmbda


_F2 = {"log_CT": log_CT, "log_CT_orig": log_CT_orig, "log_GII": log_GII, "boxcox": boxcox}


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """R's ``utils::modifyList``: recursive merge of nested mappings."""
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def treat_vector(
    x: np.ndarray, specs: Mapping[str, Any], combine_treat: bool = False
) -> tuple[np.ndarray, dict[str, Any], np.ndarray]:
    """Treat one indicator with COINr's two-stage process (``Treat.numeric``).

    1. If ``f_pass`` passes, return ``x``.
    2. Else apply ``f1`` (winsorise) and test again.
    3. If it still fails, apply ``f2`` to the original ``x`` (to ``f1``'s output if
       ``combine_treat``), and test once more for the record.

    If the test is undefined (a constant vector), ``x`` is returned untreated and the
    record says so (COINr returns it with a warning).

    Returns
    -------
    x : numpy.ndarray
        Treated values.
    details : dict
        COINr's ``Dets_Table`` entries (``check_SkewKurt0.Pass`` …) and ``Treatment``.
    points : numpy.ndarray of str
        Per-point treatment (``winhi``, ``winlo``, ``log_CT`` …).
    """
    if specs.get("f_pass") != "check_SkewKurt":
        raise SpecError(f"f_pass must be 'check_SkewKurt', not {specs.get('f_pass')!r}")
    if specs.get("f1") != "winsorise":
        raise SpecError(f"f1 must be 'winsorise', not {specs.get('f1')!r}")
    f2 = specs.get("f2")
    if f2 is not None and f2 not in _F2:
        raise SpecError(f"f2 must be one of {', '.join(_F2)} or null, not {f2!r}")
    pp = dict(specs.get("f_pass_para") or {})
    pp.pop("na.rm", None)
    f1p = dict(specs.get("f1_para") or {})
    f1p.pop("na.rm", None)
    f2p = dict(specs.get("f2_para") or {})
    f2p.pop("na.rm", None)
    if "lambda" in f2p:
        f2p["lmbda"] = f2p.pop("lambda")

    det: dict[str, Any] = {}
    points = np.full(np.shape(x), "", dtype=object)

    def test(v: np.ndarray, stage: int) -> bool | None:
        passed, sk, kt = check_skew_kurt(v, **pp)
        det[f"check_SkewKurt{stage}.Pass"] = passed
        det[f"check_SkewKurt{stage}.Skew"] = sk
        det[f"check_SkewKurt{stage}.Kurt"] = kt
        return passed

    x = np.asarray(x, dtype=float)
    passed = test(x, 0)
    if passed is None:
        det["Treatment"] = "none (test undefined: constant values)"
        return x, det, points
    if passed:
        det["Treatment"] = "none"
        return x, det, points
    x1, nwin, pts1 = winsorise(x, **f1p)
    det["winsorise.nwin"] = nwin
    points = pts1
    passed = test(x1, 1)
    if passed is None:
        det["Treatment"] = "none (test undefined after winsorising)"
        return x, det, np.full(np.shape(x), "", dtype=object)
    if passed or f2 is None:
        det["Treatment"] = "winsorise"
        return x1, det, points
    transform: Any = _F2[f2]
    x2 = transform(x1 if combine_treat else x, **f2p)
    lost = ~np.isnan(x) & ~np.isfinite(x2)
    if lost.any():
        raise TreatmentError(
            f"{f2} gives no finite value for {int(lost.sum())} point(s); choose another f2"
        )
    if not combine_treat:
        points = np.full(np.shape(x), "", dtype=object)
    points = np.where(points == "", f2, points + "+" + f2)
    points[np.isnan(x)] = ""
    test(x2, 2)
    det["Treatment"] = ("winsorise+" if combine_treat else "") + f2
    return x2, det, points


class Treat(Step):
    """Treat outliers indicator by indicator, as COINr's ``Treat()``.

    Parameters
    ----------
    dset : str, optional
        Data set to read (default: the latest).
    global_specs : mapping or "gii" or "none", optional
        Merged over COINr's defaults (R ``modifyList``): ``f1 = "winsorise"`` with
        ``f1_para = {winmax: 5, skew_thresh: 2, kurt_thresh: 3.5, force_win: false}``,
        ``f2 = "log_CT"``, ``f_pass = "check_SkewKurt"`` with ``f_pass_para =
        {skew_thresh: 2, kurt_thresh: 3.5}``. ``"gii"`` merges :data:`GII_TREAT_SPECS`;
        ``"none"`` switches treatment off.
    indiv_specs : mapping, optional
        Per-indicator overrides ``{iCode: specs}`` merged over the global specs, or
        ``{iCode: "none"}`` to leave an indicator untreated.
    combine_treat : bool, default False
        Apply ``f2`` to the winsorised values instead of the original ones.
    write_to : str, optional
        Data set to write (default ``Treated``).

    Notes
    -----
    An indicator passes when |skew| < ``skew_thresh`` OR kurtosis < ``kurt_thresh``; skew
    and kurtosis are the type-2 sample statistics (:func:`skew`, :func:`kurt`). The record
    holds COINr's ``Dets_Table`` and ``Treated_Points``. Fewer than 4 available values in
    an indicator raise :class:`TreatmentError`, as does a transform that would turn an
    available value into an infinite or missing one (e.g. ``log_GII`` of an indicator
    with no positive value). A constant indicator is left untreated and recorded.

    References
    ----------
    COINr 1.1.14, ``Treat.data.frame()``, ``Treat.numeric()``, ``winsorise()``,
    ``log_CT()`` (``R/treat.R``). OECD/JRC (2008), *Handbook on Constructing Composite
    Indicators*, step 3.
    """

    coinr_name = "Treat"
    default_write_to = "Treated"

    def __init__(
        self,
        *,
        dset: str | None = None,
        global_specs: Mapping[str, Any] | str | None = None,
        indiv_specs: Mapping[str, Any] | None = None,
        combine_treat: bool = False,
        write_to: str | None = None,
    ) -> None:
        self.dset = dset
        self.global_specs = global_specs
        self.indiv_specs = indiv_specs
        self.combine_treat = combine_treat
        self.write_to = write_to

    def resolved_specs(self) -> dict[str, Any] | None:
        """The global specification after merging over the defaults (None: no treatment)."""
        gs = self.global_specs
        if gs is None:
            return copy.deepcopy(DEFAULT_TREAT_SPECS)
        if isinstance(gs, str):
            if gs == "none":
                return None
            if gs.lower() == "gii":
                return _merge(DEFAULT_TREAT_SPECS, GII_TREAT_SPECS)
            raise SpecError(f"global_specs must be a mapping, 'gii' or 'none', not {gs!r}")
        return _merge(DEFAULT_TREAT_SPECS, gs)

    def apply(self, coin: Coin) -> Coin:
        """Treat and write the result; see the class docstring."""
        name, x = self._input(coin, self.dset)
        inds = [c for c in coin.framework.indicators if c in x.columns]
        base = self.resolved_specs()
        indiv = dict(self.indiv_specs or {})
        unknown = [c for c in indiv if c not in inds]
        if unknown:
            raise SpecError(f"indiv_specs names unknown indicator(s): {', '.join(unknown)}")
        rows: list[dict[str, Any]] = []
        points = pd.DataFrame("", index=x.index, columns=inds, dtype=object)
        values = column_values(x, inds)
        treated: dict[str, np.ndarray] = {}
        treated_points: dict[str, np.ndarray] = {}
        for j, c in enumerate(inds):
            spec_c = indiv.get(c)
            if base is None and spec_c is None or spec_c == "none":
                rows.append({"iCode": c, "Treatment": "none (switched off)"})
                continue
            specs = _merge(base or DEFAULT_TREAT_SPECS, spec_c or {})
            x0 = values[:, j]
            try:
                with np.errstate(all="ignore"):  # non-finite results are refused below
                    xt, det, pts = treat_vector(x0, specs, self.combine_treat)
            except TreatmentError as exc:
                raise TreatmentError(f"indicator {c}: {exc}") from None
            bad = ~np.isnan(x0) & ~np.isfinite(xt)
            if bad.any():
                units = ", ".join(map(str, x.index[bad][:10]))
                raise TreatmentError(
                    f"indicator {c}: {det.get('Treatment')} gives no finite value for "
                    f"unit(s) {units}; choose another f2"
                )
            treated[c] = xt
            treated_points[c] = np.asarray(pts, dtype=object)
            rows.append({"iCode": c, **det})
        x = replace_columns(x, treated)
        points = replace_columns(points, treated_points)
        table = pd.DataFrame(rows).set_index("iCode")
        write_to = self.write_to or self.default_write_to
        assert write_to is not None
        details = {
            "Dets_Table": table,
            "Treated_Points": points,
            "treated": [str(i) for i in table.index[~table["Treatment"].str.startswith("none")]],
        }
        record = StepRecord(self.coinr_name, self.get_params(), name, write_to, details)
        return coin.with_dataset(write_to, x, record)
