"""Base class of build steps: estimators whose constructor only stores parameters."""

from __future__ import annotations

import copy
import inspect
from collections.abc import Mapping
from typing import Any, ClassVar, Self

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import SpecError

__all__ = ["Step", "column_values", "replace_columns"]


class Step:
    """A build step in the scikit-learn style.

    Subclasses take keyword-only parameters in ``__init__`` and store each, unchanged, under
    the same attribute name; all checking happens in :meth:`apply`. :meth:`get_params`,
    :meth:`set_params` and :meth:`clone` let an uncertainty analysis swap any choice.
    """

    #: COINr's name of the step (``Treat``, ``Normalise`` …).
    coinr_name: ClassVar[str] = ""
    #: Data set written when ``write_to`` is not given.
    default_write_to: ClassVar[str | None] = None

    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return [p.name for p in sig.parameters.values() if p.name != "self"]

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters and their current values."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Self:
        """Set parameters by name; unknown names raise :class:`SpecError`."""
        valid = set(self._param_names())
        for name, value in params.items():
            if name not in valid:
                raise SpecError(
                    f"{self.coinr_name or type(self).__name__} has no parameter {name!r}; "
                    f"valid: {', '.join(sorted(valid))}"
                )
            setattr(self, name, value)
        return self

    def clone(self, **params: Any) -> Self:
        """A deep copy, optionally with some parameters changed."""
        new = type(self)(**copy.deepcopy(self.get_params()))
        return new.set_params(**params)

    def apply(self, coin: Coin) -> Coin:  # pragma: no cover - abstract
        """Run the step on a coin and return the new coin."""
        raise NotImplementedError

    def __call__(self, coin: Coin) -> Coin:
        return self.apply(coin)

    def _input(self, coin: Coin, dset: str | None) -> tuple[str, Any]:
        name = dset if dset is not None else coin.latest
        return name, coin.dataset(name)

    def __repr__(self) -> str:
        sig = inspect.signature(type(self).__init__)
        shown = []
        for name, value in self.get_params().items():
            default = sig.parameters[name].default
            if value is not default and value != default:
                shown.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"


def replace_columns(frame: pd.DataFrame, columns: Mapping[str, Any]) -> pd.DataFrame:
    """A copy of ``frame`` with some columns replaced, in one construction.

    Steps compute indicator by indicator; writing the results back column by column
    (``frame[c] = …``) costs more than the computation on small tables.
    """
    arrays = [
        np.asarray(columns[c]) if c in columns else frame[c].to_numpy() for c in frame.columns
    ]
    kinds = {a.dtype.kind for a in arrays}
    if arrays and len(kinds) == 1 and kinds <= {"f", "O"}:
        # one block: much cheaper than a column per block
        block = np.column_stack(arrays).astype(arrays[0].dtype, copy=False)
        return pd.DataFrame(block, index=frame.index, columns=frame.columns)
    data = dict(zip(frame.columns, arrays, strict=True))
    return pd.DataFrame(data, index=frame.index, columns=frame.columns)


def column_values(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """The values of some columns of a numeric frame as a float array (units × columns).

    Equivalent to ``frame[columns].to_numpy(float)`` without building a column index
    (which costs more than the copy on small tables).
    """
    pos = {c: i for i, c in enumerate(frame.columns)}
    return frame.to_numpy(dtype=float)[:, [pos[c] for c in columns]]
