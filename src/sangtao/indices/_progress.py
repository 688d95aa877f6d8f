"""Progress of long runs: a callback protocol and a small text renderer (no dependency).

Long operations (:meth:`UncertaintyAnalysis.run`, :meth:`SensitivityAnalysis.run`,
:func:`build_purse`) take an optional ``progress`` callable and call it as
``progress(done, total, label)``: first with ``done = 0`` when a stage starts, then as
work completes, last with ``done = total``. ``label`` names the stage (``"uncertainty:
replications"`` …) and stays the same within it. The library never prints; a command
line passes a :class:`TextProgress`, a notebook or a web view its own callable.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["ProgressCallback", "TextProgress", "tick"]

#: ``progress(done, total, label)``.
ProgressCallback = Callable[[int, int, str], None]


def tick(progress: ProgressCallback | None, done: int, total: int, label: str) -> None:
    """Call ``progress`` if one was given."""
    if progress is not None:
        progress(int(done), int(total), label)


class TextProgress:
    """Render progress callbacks on a text stream.

    Parameters
    ----------
    stream : text stream, optional
        Where to write (default: ``sys.stderr``).
    bar : bool, optional
        ``True``: a bar redrawn in place with ``\\r`` (for a terminal); ``False``: plain
        lines, one per ``interval`` seconds plus the start and end of each stage (for
        logs). Default: a bar if ``stream`` is a terminal.
    interval : float, optional
        Least seconds between two updates of a stage (default 0.1 for a bar, 5 for
        lines); the start and the end of a stage are always written.
    width : int, default 30
        Characters of the bar.
    clock : callable, optional
        Time source (default :func:`time.monotonic`), for tests.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        bar: bool | None = None,
        interval: float | None = None,
        width: int = 30,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.bar = bool(isatty()) if bar is None and callable(isatty) else bool(bar)
        self.interval = interval if interval is not None else (0.1 if self.bar else 5.0)
        self.width = width
        self.clock = clock
        self._label: str | None = None
        self._start = 0.0
        self._last = float("-inf")
        self._open = False  # a bar line without its newline yet

    def __call__(self, done: int, total: int, label: str) -> None:
        now = self.clock()
        if label != self._label:
            self._end_line()
            self._label, self._start, self._last = label, now, float("-inf")
        finished = done >= total
        if not finished and now - self._last < self.interval:
            return
        self._last = now
        frac = done / total if total > 0 else 1.0
        elapsed = now - self._start
        eta = ""
        if 0 < done < total:
            eta = f", about {elapsed * (total - done) / done:.0f} s left"
        if self.bar:
            filled = int(frac * self.width)
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(
                f"\r{label} [{bar}] {frac:4.0%} {done}/{total} {elapsed:.1f} s{eta}\x1b[K"
            )
            self._open = not finished
            if finished:
                self.stream.write("\n")
        else:
            self.stream.write(f"{label}: {done}/{total} ({frac:.0%}) {elapsed:.1f} s{eta}\n")
        self.stream.flush()
        if finished:
            self._label = None

    def _end_line(self) -> None:
        if self._open:
            self.stream.write("\n")
            self._open = False

    def close(self) -> None:
        """End an unfinished bar line."""
        self._end_line()
        self.stream.flush()
