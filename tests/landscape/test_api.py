"""The public API of sangtao.landscape, pinned; the library stays plain."""

from __future__ import annotations

import ast
from pathlib import Path

import sangtao.landscape as landscape


def test_public_names() -> None:
    assert sorted(landscape.__all__) == sorted(
        [
            "DUCKDB", "SPARK", "ApplicantKind", "Change", "Combination", "Definition",
            "DefinitionError", "Dialect", "DuckDBEngine", "Engine", "HarmonisationScore",
            "Landscape", "LandscapeError", "MatchResult", "NameHarmoniser", "Node",
            "PrecisionEstimate", "SparkEngine", "Strategy", "TopicMap", "add_topic_map",
            "build_landscape", "build_topic_map", "builtin_definitions", "cagr", "topic_documents",
            "default_harmoniser", "definition_from_dict", "estimate_precision_recall",
            "evaluate_harmonisation", "gold_pairs_from_lens", "incomplete_years",
            "keyword_pattern", "load_definition", "match_definition", "precision_sample",
            "spark_session", "read_gold_pairs", "remap_rules", "technology_field_of",
            "wipo35_definition", "write_gold_pairs", "write_report", "write_sample",
        ]
    )  # fmt: skip
    for name in landscape.__all__:
        assert getattr(landscape, name) is not None


def test_imports_only_corpus_and_standards_of_sangtao() -> None:
    allowed = {"sangtao.corpus", "sangtao.standards", "sangtao.search"}
    for path in Path(landscape.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                module = node.module
            elif isinstance(node, ast.Import):
                module = node.names[0].name
            else:
                continue
            assert not module.startswith("django"), path.name
            if module.startswith("sangtao"):
                assert module in allowed, (path.name, module)
