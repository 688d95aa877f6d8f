"""The embedded backend's tantivy side: the schema, the stored document and the queries.

Each text part is indexed twice: folded (``sangtao.standards.fold`` applied before a
simple, lower-casing tokenizer — tantivy's ASCII folding does not map ``đ``) and, for
English or unlabelled texts, stemmed (Snowball English). The exact document is stored as
JSON for display and passages.
"""

from __future__ import annotations

import json

import tantivy

from sangtao.standards import fold

from ._analysis import Clause, ParsedQuery
from ._filters import class_keys, date_key
from ._model import Filters, IndexDocument
from ._protocol import FIELD_BOOSTS, STEM_WEIGHT

__all__ = [
    "ENGLISH",
    "FOLDED",
    "clause_query",
    "filter_query",
    "keyword_query",
    "tantivy_document",
    "tantivy_schema",
]

PARTS = {
    "title": "titles",
    "abstract": "abstracts",
    "claims": "claims",
    "description": "descriptions",
}
FOLDED = "sangtao_folded"
ENGLISH = "sangtao_en"
ENGLISH_LANGS = (None, "en")


def tantivy_schema() -> tantivy.Schema:
    """The fields of the index: ids, filter keys, each text part folded and stemmed."""
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("doc_id", stored=True, tokenizer_name="raw")
    sb.add_integer_field("vid", indexed=True, fast=True)
    for name in ("office", "kind", "lang", "ipc", "cpc"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("pub", indexed=True, fast=True)
    for part in PARTS:
        sb.add_text_field(f"{part}_f", tokenizer_name=FOLDED)
        sb.add_text_field(f"{part}_en", tokenizer_name=ENGLISH)
    sb.add_bytes_field("payload", stored=True)
    return sb.build()


def tantivy_document(doc: IndexDocument, vid: int) -> tantivy.Document:
    """The tantivy document of ``doc`` under vector id ``vid``."""
    td = tantivy.Document()
    td.add_text("doc_id", doc.doc_id)
    td.add_integer("vid", vid)
    if doc.office:
        td.add_text("office", doc.office.upper())
    if doc.kind:
        td.add_text("kind", doc.kind.upper())
    for lang in doc.languages:
        td.add_text("lang", lang)
    for name in ("ipc", "cpc"):
        for key in {k for s in getattr(doc, name) for k in class_keys(s)}:
            td.add_text(name, key)
    if doc.publication_date:
        td.add_integer("pub", date_key(doc.publication_date))
    for part, attr in PARTS.items():
        for lang, text in getattr(doc, attr):
            td.add_text(f"{part}_f", fold(text))
            if lang in ENGLISH_LANGS:
                td.add_text(f"{part}_en", text)
    td.add_bytes("payload", json.dumps(doc.as_dict(), ensure_ascii=False).encode())
    return td


def filter_query(s: tantivy.Schema, filters: Filters) -> tantivy.Query | None:
    """One query matching the documents that pass ``filters``; None when none apply."""
    musts: list[tantivy.Query] = []
    for name, values in (
        ("ipc", filters.ipc),
        ("cpc", filters.cpc),
        ("office", filters.office),
        ("kind", filters.kind),
        ("lang", filters.language),
    ):
        if values:
            musts.append(tantivy.Query.term_set_query(s, name, list(values)))
    if filters.before or filters.after:
        musts.append(
            tantivy.Query.range_query(
                s,
                "pub",
                tantivy.FieldType.Integer,
                lower_bound=date_key(filters.after) if filters.after else 0,
                upper_bound=date_key(filters.before) if filters.before else 99991231,
                include_lower=True,
                include_upper=filters.before is None,
            )
        )
    if not musts:
        return None
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in musts])


def clause_query(s: tantivy.Schema, clause: Clause) -> tantivy.Query:
    """A query clause over the folded and English fields with their boosts."""
    subs = []
    for part, boost in FIELD_BOOSTS.items():
        for suffix, words, weight in (
            ("_f", clause.words, boost),
            ("_en", clause.stems, boost * STEM_WEIGHT),
        ):
            field = part + suffix
            if len(words) == 1:
                q = tantivy.Query.term_query(s, field, words[0])
            else:
                q = tantivy.Query.phrase_query(s, field, list(words))
            subs.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, weight)))
    return tantivy.Query.boolean_query(subs)


def keyword_query(s: tantivy.Schema, query: ParsedQuery, filters: Filters) -> tantivy.Query:
    """BM25 over the folded and English fields with :data:`FIELD_BOOSTS`, filtered."""
    occur = {
        "should": tantivy.Occur.Should,
        "must": tantivy.Occur.Must,
        "must_not": tantivy.Occur.MustNot,
    }
    subs = [(occur[c.occur], clause_query(s, c)) for c in query.clauses]
    if all(c.occur == "must_not" for c in query.clauses):
        subs.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    text_query = tantivy.Query.boolean_query(subs)
    fq = filter_query(s, filters)
    if fq is not None:
        # the filter is a second Must: beside it, Should clauses would become optional
        text_query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, text_query),
                (tantivy.Occur.Must, tantivy.Query.const_score_query(fq, 0.0)),
            ]
        )
    return text_query
