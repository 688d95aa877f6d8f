"""Base class of build steps: estimators whose constructor only stores parameters."""

from __future__ import annotations

import copy
import inspect
from typing import Any, ClassVar, Self

from ._coin import Coin
from ._errors import SpecError

__all__ = ["Step"]


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
