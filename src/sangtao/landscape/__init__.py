"""Patent landscapes of technology definitions (Viet Nam's strategic groups, WIPO fields).

A plain library: it imports no Django and, of ``sangtao``, only :mod:`sangtao.corpus` and
:mod:`sangtao.standards` (and :mod:`sangtao.search` for the embedders of topic maps).

Definitions
    :func:`load_definition` reads a shipped definition (:func:`builtin_definitions`:
    ``qd1131-2025``, ``qd21-2026``, ``wipo35``) or a user's YAML file in the same schema,
    validating it with every problem reported (:class:`DefinitionError`). A
    :class:`Definition` has groups and products (:class:`Node`), each with a
    :class:`Strategy` (IPC/CPC inclusions and exclusions, keywords in English and Vietnamese,
    :class:`Combination` of classes AND keywords) that stays a ``proposal`` until IP Viet
    Nam's examiners approve it, and a change log (:class:`Change`).
    :func:`technology_field_of` maps IPC symbols to WIPO's 35 fields, newer symbols remapped
    (:func:`remap_rules`).
Matching
    :func:`match_definition` evaluates a definition over the corpus with an :class:`Engine`
    (:class:`DuckDBEngine` by default, :class:`SparkEngine` on Apache Spark — local or a
    cluster, :func:`spark_session`, the ``spark`` extra; the SQL lives in one module,
    written for every engine through a :class:`Dialect`).
Precision checks
    :func:`precision_sample` and :func:`write_sample` give matched and near-miss documents
    for an examiner to mark; :func:`estimate_precision_recall` reads the marks back.
Metrics and reports
    :func:`build_landscape` computes the WIPO-method tables (a :class:`Landscape`);
    :func:`write_report` writes CSV, Excel, and a bilingual HTML/PDF report with charts.
Topic maps
    :func:`add_topic_map` places a landscape's families on a 2-D map of their text
    (embeddings from a :class:`sangtao.search.Embedder` → PCA → t-SNE, k-means clusters
    labelled by class-based TF-IDF, density contours): a :class:`TopicMap`, drawn in the
    report; :func:`build_topic_map` does it for any documents (:func:`topic_documents`).
Applicant names
    :class:`NameHarmoniser` (:func:`default_harmoniser`) harmonises applicant names;
    :func:`evaluate_harmonisation` scores it against gold pairs
    (:func:`gold_pairs_from_lens`, :func:`read_gold_pairs`).

Errors are :class:`LandscapeError` (a :class:`ValueError`) and its :class:`DefinitionError`.
"""

from ._definition import (
    Change,
    Combination,
    Definition,
    Node,
    Strategy,
    builtin_definitions,
    definition_from_dict,
    load_definition,
)
from ._engine import DuckDBEngine, Engine
from ._errors import DefinitionError, LandscapeError
from ._gold import (
    HarmonisationScore,
    evaluate_harmonisation,
    gold_pairs_from_lens,
    read_gold_pairs,
    write_gold_pairs,
)
from ._harmonise import ApplicantKind, NameHarmoniser, default_harmoniser
from ._match import MatchResult, keyword_pattern, match_definition
from ._metrics import Landscape, build_landscape, cagr, incomplete_years
from ._report import write_report
from ._review import PrecisionEstimate, estimate_precision_recall, precision_sample, write_sample
from ._spark import SparkEngine, spark_session
from ._sql import DUCKDB, SPARK, Dialect
from ._topics import TopicMap, add_topic_map, build_topic_map, topic_documents
from ._wipo35 import remap_rules, technology_field_of, wipo35_definition

__all__ = [
    "DUCKDB",
    "SPARK",
    "ApplicantKind",
    "Change",
    "Combination",
    "Definition",
    "DefinitionError",
    "Dialect",
    "DuckDBEngine",
    "Engine",
    "HarmonisationScore",
    "Landscape",
    "LandscapeError",
    "MatchResult",
    "NameHarmoniser",
    "Node",
    "PrecisionEstimate",
    "SparkEngine",
    "Strategy",
    "TopicMap",
    "add_topic_map",
    "build_landscape",
    "build_topic_map",
    "builtin_definitions",
    "cagr",
    "default_harmoniser",
    "definition_from_dict",
    "estimate_precision_recall",
    "evaluate_harmonisation",
    "gold_pairs_from_lens",
    "incomplete_years",
    "keyword_pattern",
    "load_definition",
    "match_definition",
    "precision_sample",
    "read_gold_pairs",
    "remap_rules",
    "spark_session",
    "technology_field_of",
    "topic_documents",
    "wipo35_definition",
    "write_gold_pairs",
    "write_report",
    "write_sample",
]
