"""Errors of the landscape library: every one is a :class:`ValueError` with a clear message."""

from __future__ import annotations

__all__ = ["DefinitionError", "LandscapeError"]


class LandscapeError(ValueError):
    """A landscape cannot be built as asked (unknown group, empty corpus, bad marks file…)."""


class DefinitionError(LandscapeError):
    """A technology definition is not valid.

    Attributes
    ----------
    source
        The file (or ``"<dict>"``) the definition came from.
    problems
        One line per problem, each starting with the path of the field
        (``groups[2].strategy.ipc.include[0]``).
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{source}: {len(self.problems)} problem(s) in the definition:\n{listing}")
