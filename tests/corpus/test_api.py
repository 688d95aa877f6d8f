"""The public API of sangtao.corpus is pinned, and the library keeps its import contract."""

from __future__ import annotations

import ast
from pathlib import Path

import sangtao.corpus as corpus


def test_public_names():
    assert sorted(corpus.__all__) == sorted([
        "FORMATS", "SCHEMA", "Citation", "CorpusError", "CorpusStats", "FileReport",
        "IngestReport", "Issue", "LangText", "Party", "PatentRecord", "Priority", "Progress",
        "RecordError", "UnknownFormatError", "canonical_number", "detect_format", "doc_id_of",
        "families", "family_key", "ingest", "open_corpus", "read_records", "stats",
    ])  # fmt: skip
    for name in corpus.__all__:
        assert getattr(corpus, name) is not None


def test_imports_only_standards_of_sangtao_and_never_django():
    for path in Path(corpus.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith("django"), path
                if name.startswith("sangtao"):
                    assert name.startswith("sangtao.standards"), (path, name)


def test_schema_fields_match_the_record_type():
    assert corpus.SCHEMA.names == list(corpus.PatentRecord.__annotations__)
