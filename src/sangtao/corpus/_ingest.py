"""Streaming, idempotent ingest of bulk files into a Parquet corpus.

Layout of a corpus folder::

    manifest.json                     what was ingested: file SHA-256 → partition, counts
    documents/part-SEQ-SHA.parquet    one partition per ingested file (SEQ orders them)
    families.parquet                  simple families, recomputed after every ingest

A file is identified by the SHA-256 of its bytes: ingesting the same bytes again (under any
name) changes nothing. A file whose path was ingested before with other bytes (an updated
export) replaces the old partition. Records are written in batches, so memory holds one batch
and one document whatever the file size; a partition appears (atomic rename) only when its file
has been read to the end, and the manifest is rewritten atomically after it.

Duplicates: within one file the first record of a ``doc_id`` is kept and later ones are
reported and skipped. Across files every version is stored and the ``documents`` view
(:func:`sangtao.corpus.open_corpus`) keeps one per ``doc_id``: the one with the most text parts
(claims, description, abstract, title), then the most recently ingested, then the first in
its file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ._detect import detect_format, iter_items
from ._errors import CorpusError, Issue, UnknownFormatError
from ._schema import SCHEMA, PatentRecord

__all__ = ["FileReport", "IngestReport", "Progress", "ingest", "iter_files"]

MANIFEST = "manifest.json"
DOCUMENTS = "documents"
BATCH_SIZE = 2000
MAX_ISSUES_KEPT = 1000
_SKIP_NAMES = frozenset({"README.md", "README.txt", "LICENSE", "LICENSE.txt", MANIFEST})


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an ingest stands, passed to the ``progress`` callback."""

    file: str
    files_done: int
    files_total: int
    records: int
    issues: int
    done: bool = False


@dataclass(slots=True)
class FileReport:
    """What happened to one file.

    ``status`` is ``"ingested"``, ``"unchanged"`` (same bytes already in the corpus),
    ``"empty"`` (read, no record kept), ``"skipped"`` (not a supported format) or
    ``"failed"`` (unreadable).
    """

    path: str
    sha256: str
    format: str | None
    status: str
    records: int = 0
    errors: int = 0
    warnings: int = 0
    partition: str | None = None


@dataclass(slots=True)
class IngestReport:
    """The outcome of :func:`ingest`: per-file reports, issues, totals and families.

    ``issues`` keeps at most 1,000 issues per file (the counts are complete).
    ``duplicates`` counts ``doc_id`` values stored more than once across files after the
    ingest (the ``documents`` view keeps one of each).
    """

    corpus_dir: str
    files: list[FileReport] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    duplicates: int = 0
    documents: int = 0
    families: int = 0

    @property
    def records(self) -> int:
        """Records written by this ingest."""
        return sum(f.records for f in self.files)

    @property
    def errors(self) -> int:
        """Records skipped (and files failed) in this ingest."""
        return sum(f.errors for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the report."""
        return {
            "corpus_dir": self.corpus_dir,
            "records": self.records,
            "errors": self.errors,
            "duplicates": self.duplicates,
            "documents": self.documents,
            "families": self.families,
            "files": [{k: getattr(f, k) for k in FileReport.__slots__} for f in self.files],
            "issues": [str(i) for i in self.issues],
        }


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted; hidden files and READMEs skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for sub in sorted(path.rglob("*")):
                if sub.is_file() and not sub.name.startswith(".") and sub.name not in _SKIP_NAMES:
                    yield sub
        else:
            yield path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _load_manifest(corpus: Path) -> dict[str, Any]:
    path = corpus / MANIFEST
    if not path.exists():
        return {"version": 1, "next_seq": 1, "files": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _save_manifest(corpus: Path, manifest: dict[str, Any]) -> None:
    tmp = corpus / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, corpus / MANIFEST)


class _Writer:
    """Batches records into one Parquet file, created on the first batch."""

    def __init__(self, path: Path, batch_size: int) -> None:
        self.path = path
        self.batch_size = batch_size
        self.batch: list[PatentRecord] = []
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0

    def add(self, record: PatentRecord) -> bool:
        self.batch.append(record)
        if len(self.batch) >= self.batch_size:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        if not self.batch:
            return
        table = pa.Table.from_pylist(self.batch, schema=SCHEMA)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, SCHEMA, compression="zstd")
        self.writer.write_table(table)
        self.rows += len(self.batch)
        self.batch = []

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.path.unlink(missing_ok=True)


def _ingest_file(
    path: Path,
    sha: str,
    corpus: Path,
    seq: int,
    report: IngestReport,
    notify: Callable[[int, int], None],
    batch_size: int,
) -> FileReport:
    name = f"part-{seq:06d}-{sha[:16]}.parquet"
    final = corpus / DOCUMENTS / name
    tmp = final.with_suffix(".tmp")
    result = FileReport(path=str(path), sha256=sha, format=None, status="ingested")
    kept: list[Issue] = []
    writer = _Writer(tmp, batch_size)
    seen: dict[str, int | None] = {}
    try:
        result.format = detect_format(path)
        for item in iter_items(path, result.format):
            if isinstance(item, Issue):
                if item.severity == "error":
                    result.errors += 1
                else:
                    result.warnings += 1
                if len(kept) < MAX_ISSUES_KEPT:
                    kept.append(item)
                continue
            doc_id = item["doc_id"]
            if doc_id in seen:
                result.errors += 1
                if len(kept) < MAX_ISSUES_KEPT:
                    kept.append(
                        Issue(
                            str(path),
                            item["source_line"],
                            "error",
                            f"duplicate of the record at line {seen[doc_id]}; skipped",
                            doc_id,
                        )
                    )
                continue
            seen[doc_id] = item["source_line"]
            item["source_sha256"] = sha
            if writer.add(item):
                notify(writer.rows, result.errors + result.warnings)
        writer.close()
    except UnknownFormatError as exc:
        writer.discard()
        result.status = "skipped"
        result.warnings += 1
        report.issues.append(Issue(str(path), None, "warning", f"not ingested: {exc}"))
        return result
    except (CorpusError, OSError) as exc:
        writer.discard()
        result.status = "failed"
        result.errors += 1
        kept.append(Issue(str(path), None, "error", f"file not ingested: {exc}"))
        report.issues.extend(kept)
        return result
    except BaseException:
        writer.discard()
        raise
    report.issues.extend(kept)
    result.records = writer.rows
    if writer.rows:
        os.replace(tmp, final)
        result.partition = f"{DOCUMENTS}/{name}"
    else:
        result.status = "empty"
    notify(writer.rows, result.errors + result.warnings)
    return result


def ingest(
    paths: Iterable[Path | str],
    corpus_dir: Path | str,
    *,
    progress: Callable[[Progress], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Read bulk files into the corpus at ``corpus_dir``, skipping what is already there.

    Parameters
    ----------
    paths
        Files or folders (read recursively); each file's format is detected from its content.
    corpus_dir
        The corpus folder; created if missing.
    progress
        Called with a :class:`Progress` after each batch and each file.
    batch_size
        Records per Parquet row group; memory holds about one batch.

    Returns
    -------
    IngestReport
        Per-file status and counts, the issues (bad records skipped with file and line,
        repairs made), the number of duplicate ``doc_id`` values across files, and the
        document and family counts of the whole corpus afterwards.

    Notes
    -----
    Idempotent: a file whose SHA-256 is in the manifest is not read again, so ingesting the
    same files twice leaves the corpus byte for byte as it was. Families are recomputed at
    the end (:func:`sangtao.corpus.families`).
    """
    from ._store import refresh_families  # the store needs duckdb; import it when used

    corpus = Path(corpus_dir)
    (corpus / DOCUMENTS).mkdir(parents=True, exist_ok=True)
    manifest = _load_manifest(corpus)
    report = IngestReport(corpus_dir=str(corpus))
    files = list(iter_files(paths))
    changed = False
    for index, path in enumerate(files):

        def notify(records: int, issues: int, _path: Path = path, _i: int = index) -> None:
            if progress is not None:
                progress(Progress(str(_path), _i, len(files), records, issues))

        try:
            sha = _sha256(path)
        except OSError as exc:
            report.files.append(FileReport(str(path), "", None, "failed", errors=1))
            report.issues.append(Issue(str(path), None, "error", f"cannot read file: {exc}"))
            continue
        entry = manifest["files"].get(sha)
        if entry is not None:
            report.files.append(
                FileReport(
                    str(path),
                    sha,
                    entry.get("format"),
                    "unchanged",
                    partition=entry.get("partition"),
                )
            )
            notify(0, 0)
            continue
        seq = int(manifest["next_seq"])
        result = _ingest_file(path, sha, corpus, seq, report, notify, batch_size)
        report.files.append(result)
        if result.status in ("failed", "skipped"):
            continue
        resolved = str(path.resolve())
        for old_sha, old in list(manifest["files"].items()):
            if old.get("path") == resolved:
                if old.get("partition"):
                    (corpus / old["partition"]).unlink(missing_ok=True)
                del manifest["files"][old_sha]
        manifest["files"][sha] = {
            "path": resolved,
            "format": result.format,
            "partition": result.partition,
            "records": result.records,
            "errors": result.errors,
            "warnings": result.warnings,
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        manifest["next_seq"] = seq + 1
        _save_manifest(corpus, manifest)
        changed = True
    counts = refresh_families(corpus, rewrite=changed)
    report.documents, report.families, report.duplicates = counts
    if progress is not None:
        progress(
            Progress("", len(files), len(files), report.records, len(report.issues), done=True)
        )
    return report
