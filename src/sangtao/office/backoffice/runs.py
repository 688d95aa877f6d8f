"""Run folders of landscapes and indices on disk, listed and served without leaving them.

A run is a direct sub-folder of a configured directory (``SANGTAO_LANDSCAPE_DIR``,
``SANGTAO_INDICES_DIR``), as written by ``sangtao landscape build --out`` or
``sangtao index build|report --out``. Only files of known kinds are served, and only when
their real path (links resolved) lies inside the run folder: anything else is a 404.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.http import FileResponse, Http404

# suffix → (media type, shown inline rather than downloaded)
KINDS: dict[str, tuple[str, bool]] = {
    ".html": ("text/html; charset=utf-8", True),
    ".pdf": ("application/pdf", True),
    ".json": ("application/json; charset=utf-8", True),
    ".png": ("image/png", True),
    ".svg": ("image/svg+xml", True),
    ".csv": ("text/csv; charset=utf-8", False),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
}
# Reports and charts are the libraries' own HTML and SVG; served sandboxed all the same
# (inline CSS and data: images only, no script).
REPORT_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
MAX_DEPTH = 2


@dataclass
class RunFile:
    """One servable file of a run: its path inside the run (POSIX) and size."""

    path: str
    size: int

    @property
    def name(self) -> str:
        """The file name without its folder."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        """The suffix without its dot (``csv``)."""
        return self.name.rsplit(".", 1)[-1].lower()


@dataclass
class Run:
    """A run folder: name, last change and servable files."""

    name: str
    folder: Path
    modified: dt.datetime
    files: list[RunFile] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def has(self, path: str) -> bool:
        """Whether the run holds the file ``path``."""
        return any(f.path == path for f in self.files)

    @property
    def report_html(self) -> bool:
        """Whether the run has its HTML report."""
        return self.has("report.html")

    @property
    def report_pdf(self) -> bool:
        """Whether the run has its PDF report."""
        return self.has("report.pdf")

    @property
    def workbook(self) -> str:
        """The Excel workbook at the top of the run (``""`` if none)."""
        return next((f.path for f in self.files if "/" not in f.path and f.suffix == "xlsx"), "")

    def under(self, folder: str) -> list[RunFile]:
        """The files inside ``folder`` (e.g. ``tables``)."""
        return [f for f in self.files if f.path.startswith(folder + "/")]


def _visible(name: str) -> bool:
    return bool(name) and not name.startswith(".")


def _files(folder: Path) -> list[RunFile]:
    out: list[RunFile] = []
    base = folder.resolve()
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        depth = len(here.relative_to(folder).parts)
        dirs[:] = sorted(d for d in dirs if _visible(d)) if depth < MAX_DEPTH - 1 else []
        for name in sorted(names):
            path = here / name
            if not _visible(name) or path.suffix.lower() not in KINDS:
                continue
            real = path.resolve()
            if not real.is_relative_to(base) or not real.is_file():
                continue
            out.append(RunFile(path.relative_to(folder).as_posix(), real.stat().st_size))
    return out


def _read_meta(folder: Path) -> dict[str, Any]:
    meta = folder / "meta.json"
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def list_runs(root: Path) -> list[Run]:
    """The run folders under ``root``, newest first (none if ``root`` does not exist)."""
    if not root.is_dir():
        return []
    runs = [load_run(root, child.name) for child in root.iterdir() if _is_run(root, child)]
    return sorted(runs, key=lambda r: (r.modified, r.name), reverse=True)


def _is_run(root: Path, child: Path) -> bool:
    return (
        _visible(child.name) and child.is_dir() and child.resolve().is_relative_to(root.resolve())
    )


def run_folder(root: Path, name: str) -> Path:
    """The folder of run ``name``; 404 unless it is a direct, real sub-folder of ``root``."""
    if not _visible(name) or "/" in name or "\\" in name or name in {".", ".."}:
        raise Http404(name)
    folder = root / name
    if not root.is_dir() or not _is_run(root, folder):
        raise Http404(name)
    return folder


def load_run(root: Path, name: str) -> Run:
    """Run ``name`` with its files and ``meta.json`` (404 if it is not a run)."""
    folder = run_folder(root, name)
    stamp = max(
        [folder.stat().st_mtime] + [p.stat().st_mtime for p in folder.iterdir() if p.is_file()]
    )
    return Run(
        name=name,
        folder=folder,
        modified=dt.datetime.fromtimestamp(stamp, tz=dt.UTC),
        files=_files(folder),
        meta=_read_meta(folder),
    )


def safe_file(root: Path, name: str, path: str) -> Path:
    """The real path of ``path`` inside run ``name``; 404 for anything outside or unknown."""
    folder = run_folder(root, name).resolve()
    parts = Path(path).parts
    if (
        not parts
        or Path(path).is_absolute()
        or any(not _visible(p) or p == ".." for p in parts)
        or len(parts) > MAX_DEPTH
    ):
        raise Http404(path)
    target = (folder / path).resolve()
    if not target.is_relative_to(folder) or not target.is_file():
        raise Http404(path)
    if target.suffix.lower() not in KINDS:
        raise Http404(path)
    return target


def serve(target: Path) -> FileResponse:
    """A file of a run: reports and PDFs inline, tables as downloads."""
    media, inline = KINDS[target.suffix.lower()]
    response = FileResponse(
        target.open("rb"), content_type=media, as_attachment=not inline, filename=target.name
    )
    if target.suffix.lower() in {".html", ".svg"}:
        response["Content-Security-Policy"] = REPORT_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response
