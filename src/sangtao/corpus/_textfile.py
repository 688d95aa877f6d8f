"""Line-by-line reading of text exports whatever their line ends and encoding.

Exports met in practice end lines with LF, CRLF or a lone CR (old Mac, Lens CSV), and some
promise UTF-8 but hold Windows-1252 bytes (PATENTSCOPE, Lens). Each line is decoded on its
own: UTF-8 first (a BOM dropped), then Windows-1252, then Latin-1 (which never fails) — the
line is kept and the caller is told, so nothing is lost and the repair is on record.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["csv_rows", "text_lines"]

_EOL = re.compile(rb"\r\n|\r|\n")
_CHUNK = 1 << 20


def _decode(raw: bytes) -> tuple[str, bool]:
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), True
    except UnicodeDecodeError:
        return raw.decode("latin-1"), True


def text_lines(path: Path, on_repair: Callable[[int], None] | None = None) -> Iterator[str]:
    """Yield the lines of a text file, without their line ends, decoding each line.

    Parameters
    ----------
    path
        The file.
    on_repair
        Called with the 1-based line number of each line that was not valid UTF-8 and was
        read as Windows-1252.
    """
    lineno = 0
    rest = b""
    with path.open("rb") as stream:
        first = True
        while True:
            chunk = stream.read(_CHUNK)
            if first:
                chunk = chunk.removeprefix(b"\xef\xbb\xbf")
                first = False
            if not chunk:
                break
            data = rest + chunk
            pos = 0
            for m in _EOL.finditer(data):
                if m.end() == len(data) and m[0] == b"\r":
                    break  # a CR at the end of the chunk may be half of a CRLF
                lineno += 1
                text, repaired = _decode(data[pos : m.start()])
                if repaired and on_repair:
                    on_repair(lineno)
                yield text
                pos = m.end()
            rest = data[pos:]
    if rest:
        lineno += 1
        text, repaired = _decode(rest.rstrip(b"\r"))
        if repaired and on_repair:
            on_repair(lineno)
        yield text


def csv_rows(
    path: Path, *, delimiter: str = ",", on_repair: Callable[[int], None] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, row)`` for each CSV row, ``line`` being where the row starts."""
    lines = (line + "\n" for line in text_lines(path, on_repair))
    reader = csv.reader(lines, delimiter=delimiter)
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1
