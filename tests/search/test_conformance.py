"""One conformance suite, run against every search backend available on the machine."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace

import pytest

from sangtao.search import Filters, QueryError, SearchIndex

from .conftest import BACKENDS, synthetic


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.doc_id for h in result.hits]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:  # type: ignore[no-untyped-def]
    return request.param


@pytest.fixture
def index(backend, make_index, documents) -> SearchIndex:  # type: ignore[no-untyped-def]
    return make_index(backend, documents)


class TestBackendConformance:
    """Behaviours every backend shows on the same real documents."""

    def test_folded_vietnamese_matches_without_diacritics_and_with_d(self, index):
        plain = index.search("hop chat uc che", mode="keyword", k=5)
        exact = index.search("HỢP CHẤT ỨC CHẾ", mode="keyword", k=5)
        assert ids(plain)[0] == ids(exact)[0] == "VN-90079-A"
        assert ids(plain) == ids(exact)
        # đ folds to d: "đề cập đến" is found from "de cap den"
        assert set(ids(index.search('"de cap den"', mode="keyword", k=10))) >= {"VN-91145-A"}

    def test_nfd_query_finds_what_nfc_finds(self, index):
        nfc = "Phương pháp khử hợp chất"
        nfd = unicodedata.normalize("NFD", nfc)
        assert ids(index.search(nfd, mode="keyword")) == ids(index.search(nfc, mode="keyword"))

    def test_english_stemming_matches_other_forms(self, index):
        assert "US-20030024843" in ids(index.search("separators", mode="keyword"))
        assert "US-8087209-B2" in ids(index.search("edging rails floorings", mode="keyword"))

    def test_phrase_matches_consecutive_words_only(self, index):
        phrase = ids(index.search('"pizza separator"', mode="keyword", k=50))
        assert phrase == ["US-20030024843"]
        assert len(ids(index.search("pizza separator", mode="keyword", k=50))) > 5

    def test_boolean_required_and_excluded_words(self, index):
        anything = set(ids(index.search("pizza", mode="keyword", k=50)))
        without = set(ids(index.search("pizza -pan", mode="keyword", k=50)))
        assert without and without < anything
        assert not without & {"US-20140020570", "US-20140020570-A1"}
        both = ids(index.search("pizza AND toppings", mode="keyword", k=50))
        assert "US-5256432-A" in both
        assert set(both) < anything

    def test_title_outweighs_abstract_claims_description(self, backend, make_index):
        filler = "the device has a housing and a lid made of steel"
        parts = ("titles", "abstracts", "claims", "descriptions")
        docs = [
            synthetic(
                f"D-{n}",
                **{
                    p: ((None, f"zirconia {filler}" if p == part else f"part {filler}"),)
                    for p in parts
                },
            )
            for n, part in enumerate(reversed(parts), start=1)
        ]
        index = make_index(backend, docs)
        assert ids(index.search("zirconia", mode="keyword")) == ["D-4", "D-3", "D-2", "D-1"]

    def test_class_prefix_filters_at_every_level(self, index):
        def found(**f):  # type: ignore[no-untyped-def]
            return set(ids(index.search("pizza", mode="keyword", k=50, filters=Filters(**f))))

        assert found(ipc=("B65D",)) == {
            "US-20030024843",
            "KR-200477500-Y1",
            "WO-2010130259",
        }
        assert found(ipc=("B65D 85/00",)) == {"US-20030024843", "KR-200477500-Y1", "WO-2010130259"}
        assert found(ipc=("B65D 85/36",)) == {
            "US-20030024843",
            "KR-200477500-Y1",
            "WO-2010130259",
        }
        assert found(ipc=("B65D 21/032",)) == {"US-20030024843"}
        assert found(ipc=("A21",)) >= {"US-3982033-A", "US-20140020570"}
        assert found(cpc=("A21D 13/007",)) == {"US-3982033-A"}
        assert found(ipc=("B65D", "A21C")) >= {"US-20030024843", "US-3982033-A"}

    def test_date_office_kind_language_filters(self, index):
        before = index.search(
            "pizza", mode="keyword", k=50, filters=Filters(before=dt.date(2003, 2, 7))
        )
        assert before.hits
        assert all(h.document.publication_date < dt.date(2003, 2, 7) for h in before.hits)
        after = index.search(
            "pizza", mode="keyword", k=50, filters=Filters(after=dt.date(2014, 1, 24))
        )
        assert set(ids(after)) == {"US-20140020570", "KR-200477500-Y1"}
        assert set(
            ids(index.search("pizza", mode="keyword", k=50, filters=Filters(office=("wo",))))
        ) == {"WO-2010130259"}
        kind = ids(index.search("pizza", mode="keyword", k=50, filters=Filters(kind=("A1",))))
        assert set(kind) == {"US-20130101709-A1", "US-20140020570-A1"}
        lang = ids(index.search("method", mode="keyword", k=50, filters=Filters(language=("vi",))))
        assert lang == []
        assert ids(
            index.search("phuong phap", mode="keyword", k=50, filters=Filters(language=("vi",)))
        )

    def test_unknown_and_malformed_class_filters(self, index):
        unknown = index.search("pizza", mode="keyword", filters=Filters(ipc=("Z99Z",)))
        assert unknown.hits == []
        assert any("Z99Z" in note for note in unknown.notes)
        with pytest.raises(QueryError, match="not a classification symbol"):
            index.search("pizza", filters=Filters(ipc=("pizza box",)))

    def test_dense_finds_a_document_from_its_own_text(self, index, documents):
        doc = next(d for d in documents if d.doc_id == "US-8087209-B2")
        result = index.search(doc.embedding_text(), mode="dense", k=3)
        assert ids(result)[0] == "US-8087209-B2"
        assert result.hits[0].arms["dense"].rank == 1
        assert result.model == index.backend.model
        filtered = index.search(
            doc.embedding_text(), mode="dense", k=3, filters=Filters(office=("VN",))
        )
        assert {h.document.office for h in filtered.hits} == {"VN"}

    def test_hybrid_fuses_both_arms_and_explains_ranks(self, index):
        result = index.search("pizza separator", mode="hybrid", k=5)
        top = result.hits[0]
        assert top.doc_id == "US-20030024843"
        assert set(top.arms) == {"keyword", "dense"}
        expected = sum(1 / (60 + a.rank) for a in top.arms.values())
        assert top.score == pytest.approx(expected)
        assert [h.rank for h in result.hits] == [1, 2, 3, 4, 5]

    def test_prior_art_cut_off_and_passages(self, index):
        result = index.prior_art("pizza toppings disk", cutoff=dt.date(2003, 2, 7), k=10)
        assert result.hits
        assert all(h.document.publication_date < dt.date(2003, 2, 7) for h in result.hits)
        top = result.hits[0]
        assert top.doc_id == "US-5256432-A"
        assert "«pizza» «toppings» «disk»" in top.passages[0].marked().lower()
        assert any("cut-off" in n for n in result.notes)

    def test_delete_and_upsert_by_doc_id(self, index, documents):
        n = len(index)
        assert index.delete(["US-20030024843", "NO-SUCH-DOC"]) == 1
        assert len(index) == n - 1
        assert "US-20030024843" not in ids(index.search("separator", mode="hybrid", k=50))
        doc = next(d for d in documents if d.doc_id == "US-20140020570")
        changed = replace(doc, titles=((None, "Kaolin baking tray"),))
        report = index.update([changed])
        assert (report.added, report.updated) == (0, 1)
        assert ids(index.search("kaolin", mode="keyword")) == ["US-20140020570"]
        assert "US-20140020570" not in ids(index.search("pan", mode="keyword", k=50))
        assert len(index) == n - 1

    def test_bad_queries_get_clear_errors(self, index):
        for query, message in (
            ("", "empty"),
            ("   \n\t", "empty"),
            ("?!... --- ///", "no words"),
            ("the of and", "only stop words"),
            ("-pizza", "only excludes"),
        ):
            with pytest.raises(QueryError, match=message):
                index.search(query)
        with pytest.raises(QueryError, match="mode"):
            index.search("pizza", mode="fuzzy")
        with pytest.raises(QueryError, match="k must"):
            index.search("pizza", k=0)

    def test_a_huge_query_is_cut_with_a_note(self, index):
        result = index.search("pizza " * 20_000, mode="hybrid", k=3)
        assert result.hits
        assert any("cut from 119,999 to 10,000" in n for n in result.notes)
        assert len(result.query) <= 10_000


@pytest.mark.parametrize("backend", ["embedded"])
def test_persisted_index_reopens_with_the_same_answers(backend, tmp_path, embedder, documents):
    index = SearchIndex.create(tmp_path / "ix", embedder, backend=backend)
    index.update(documents)
    before = [ids(index.search(q)) for q in ("pizza", "hop chat", "coronavirus antibody")]
    index.close()
    with SearchIndex.open(tmp_path / "ix") as reopened:
        assert reopened.backend.model == embedder.model
        assert len(reopened) == len(documents)
        after = [ids(reopened.search(q)) for q in ("pizza", "hop chat", "coronavirus antibody")]
    assert after == before
