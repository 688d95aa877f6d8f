"""Pipelines of build steps, and YAML pipeline specifications with COINr's names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ._aggregate import Aggregate
from ._coin import Coin
from ._denominate import Denominate
from ._errors import SpecError
from ._impute import Impute
from ._io import read_coin, read_table
from ._normalise import Normalise
from ._panel import Purse, build_purse
from ._progress import ProgressCallback
from ._screen import Screen
from ._step import Step
from ._treat import Treat
from ._weights import PCAWeights

__all__ = ["STEPS", "Pipeline", "PipelineSpec", "load_spec"]

#: Build steps by COINr function name.
STEPS: dict[str, type[Step]] = {
    "Denominate": Denominate,
    "Screen": Screen,
    "Impute": Impute,
    "Treat": Treat,
    "Normalise": Normalise,
    "get_PCA": PCAWeights,
    "Aggregate": Aggregate,
}

_SPEC_KEYS = {"name", "description", "coinr", "data", "meta", "level_names", "exclude", "steps"}


class Pipeline:
    """An ordered list of build steps (COINr's ``Log`` replayed by ``Regen``).

    Parameters
    ----------
    steps : sequence of Step
        Steps to apply in order.
    """

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = list(steps)

    def run(self, coin: Coin) -> Coin:
        """Apply every step to ``coin`` and return the built coin."""
        for step in self.steps:
            coin = step.apply(coin)
        return coin

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(map(repr, self.steps))}])"


def _make_step(entry: Any, position: int) -> Step:
    if not isinstance(entry, Mapping) or len(entry) != 1:
        raise SpecError(
            f"step {position}: each step is a mapping with one key, the COINr step name "
            f"(one of {', '.join(STEPS)})"
        )
    ((name, params),) = entry.items()
    if name not in STEPS:
        raise SpecError(f"step {position}: unknown step {name!r}; use one of {', '.join(STEPS)}")
    params = dict(params or {})
    cls = STEPS[name]
    valid = set(cls._param_names())
    unknown = sorted(set(params) - valid)
    if unknown:
        raise SpecError(
            f"step {position} ({name}): unknown parameter(s) {', '.join(unknown)}; "
            f"valid: {', '.join(sorted(valid))}"
        )
    return cls(**params)


@dataclass
class PipelineSpec:
    """A pipeline specification read from YAML.

    Attributes
    ----------
    name, description : str
        Labels.
    steps : list of Step
        The build steps.
    data, meta : pathlib.Path or None
        Default iData and iMeta files (relative paths are resolved against the spec).
    level_names : list of str
        Names of the levels, lowest first.
    exclude : list of str
        Indicator codes to leave out.
    raw : dict
        The YAML document as read.
    """

    name: str
    steps: list[Step]
    description: str = ""
    data: Path | None = None
    meta: Path | None = None
    level_names: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], base: Path | None = None) -> PipelineSpec:
        """Build a spec from a parsed YAML document; paths resolve against ``base``."""
        if not isinstance(doc, Mapping):
            raise SpecError("a pipeline spec is a mapping with a 'steps' list")
        unknown = sorted(set(doc) - _SPEC_KEYS)
        if unknown:
            raise SpecError(
                f"unknown key(s) in spec: {', '.join(unknown)}; "
                f"valid: {', '.join(sorted(_SPEC_KEYS))}"
            )
        steps_doc = doc.get("steps")
        if not isinstance(steps_doc, list) or not steps_doc:
            raise SpecError("a pipeline spec needs a non-empty 'steps' list")
        steps = [_make_step(e, i) for i, e in enumerate(steps_doc, start=1)]

        def path(key: str) -> Path | None:
            value = doc.get(key)
            if value is None:
                return None
            p = Path(str(value))
            return p if p.is_absolute() or base is None else base / p

        return cls(
            name=str(doc.get("name", "")),
            description=str(doc.get("description", "")),
            steps=steps,
            data=path("data"),
            meta=path("meta"),
            level_names=list(doc.get("level_names") or []),
            exclude=list(doc.get("exclude") or []),
            raw=dict(doc),
        )

    @property
    def pipeline(self) -> Pipeline:
        """The steps as a :class:`Pipeline`."""
        return Pipeline(self.steps)

    def new_coin(
        self,
        data: str | Path | pd.DataFrame | None = None,
        meta: str | Path | pd.DataFrame | None = None,
    ) -> Coin:
        """The unbuilt coin from the given (or the spec's) iData and iMeta."""
        data = data if data is not None else self.data
        meta = meta if meta is not None else self.meta
        if data is None or meta is None:
            raise SpecError("no iData/iMeta given and the spec names none ('data', 'meta')")
        return read_coin(data, meta, level_names=self.level_names or None, exclude=self.exclude)

    def read_data(self, data: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
        """The iData table (the given one, or the spec's file)."""
        data = data if data is not None else self.data
        if data is None:
            raise SpecError("no iData given and the spec names none ('data')")
        return data if isinstance(data, pd.DataFrame) else read_table(data)

    @staticmethod
    def is_panel(idata: pd.DataFrame) -> bool:
        """Whether iData holds several ``Time`` values (one coin per year)."""
        return "Time" in idata.columns and idata["Time"].nunique(dropna=True) > 1

    def build_purse(
        self,
        data: str | Path | pd.DataFrame | None = None,
        meta: str | Path | pd.DataFrame | None = None,
        *,
        impute: Mapping[str, Any] | None = None,
        progress: ProgressCallback | None = None,
    ) -> Purse:
        """Build one coin per ``Time`` value of panel iData with the spec's steps.

        Parameters
        ----------
        data, meta : path or pandas.DataFrame, optional
            Override the spec's files.
        impute : mapping, optional
            Panel imputation first (:func:`impute_panel` arguments).
        progress : callable, optional
            ``progress(done, total, label)`` after each year.
        """
        idata = self.read_data(data)
        meta = meta if meta is not None else self.meta
        if meta is None:
            raise SpecError("no iMeta given and the spec names none ('meta')")
        imeta = meta if isinstance(meta, pd.DataFrame) else read_table(meta)
        return build_purse(
            idata,
            imeta,
            self.steps,
            impute=impute,
            level_names=self.level_names or None,
            exclude=self.exclude,
            progress=progress,
        )

    def build(
        self,
        data: str | Path | pd.DataFrame | None = None,
        meta: str | Path | pd.DataFrame | None = None,
    ) -> Coin:
        """Read iData and iMeta and run the pipeline.

        Parameters
        ----------
        data, meta : path or pandas.DataFrame, optional
            Override the spec's files.

        Returns
        -------
        Coin
            The built coin, every stage's data set and the log.
        """
        return self.pipeline.run(self.new_coin(data, meta))


def load_spec(path: str | Path) -> PipelineSpec:
    """Read a YAML pipeline specification whose step and method names are COINr's.

    Example::

        name: ASEM default
        data: asem_idata.csv
        meta: asem_imeta.csv
        steps:
          - Denominate: {dset: Raw}
          - Impute: {dset: Denominated, f_i: i_mean_grp, use_group: EurAsia_group}
          - Screen: {dset: Imputed, unit_screen: byNA, dat_thresh: 0.9}
          - Treat: {dset: Screened, global_specs: {f1_para: {winmax: 5}}}
          - Normalise: {dset: Treated, global_specs: {f_n: n_minmax, f_n_para: {l_u: [0, 100]}}}
          - Aggregate: {dset: Normalised, f_ag: a_amean}

    Raises
    ------
    SpecError
        If the file is not valid YAML or names an unknown key, step or parameter.
    """
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"spec file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise SpecError(f"{path} is not valid YAML: {exc}") from None
    return PipelineSpec.from_dict(doc, base=path.parent)
