"""The public API of sangtao.search, pinned."""

from __future__ import annotations

import subprocess
import sys

import sangtao.search


def test_public_names_are_pinned():
    assert sorted(sangtao.search.__all__) == sorted(
        """BACKENDS PHRASE_MODELS PhraseModel load_phrase_model phrase_scorer
        FIELD_BOOSTS MAX_QUERY_CHARS MODES RRF_K ArmScore Clause E5Embedder
        EmbeddedBackend
        Embedder EmbeddingModel Filters HashingEmbedder Hit IncompatibleIndexError
        IndexDocument MemoryBackend OpenSearchBackend ParsedQuery Passage PhraseSimilarity
        PostgresBackend QueryError
        SearchBackend SearchError SearchIndex SearchResult UpdateReport best_passages
        build_index index_exists corpus_documents document_from_record embedder_for make_embedder
        parse_query phrase_similarity prepare_filters read_phrase_pairs
        reciprocal_rank_fusion
        CrossLingualReport CrossLingualScore QueryScores RetrievalScores cross_lingual
        evaluate_run load_documents read_qrels read_queries read_run search_run
        write_run""".split()
    )
    for name in sangtao.search.__all__:
        assert getattr(sangtao.search, name) is not None


def test_backends_implement_the_protocol(tmp_path):
    from sangtao.search import EmbeddedBackend, MemoryBackend, SearchBackend

    assert isinstance(MemoryBackend(), SearchBackend)
    backend = EmbeddedBackend.create(tmp_path / "ix", None)
    assert isinstance(backend, SearchBackend)
    backend.close()


def test_the_library_imports_no_django_and_no_torch():
    code = (
        "import sys, sangtao.search; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'torch', 'ninja')]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
