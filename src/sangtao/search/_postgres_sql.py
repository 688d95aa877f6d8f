"""The SQL of the PostgreSQL backend: tables, statistics, filters and the two arms' queries.

One schema per index holds three tables:

``meta``
    One row: format, embedding model (name, version, dimension), document count and the
    total token count of each field (for BM25's average field length).
``docs``
    One row per document: filter columns, the exact document as JSON, ``folded`` and
    ``stems`` (``tsvector`` of the tokens :mod:`sangtao.search._analysis` produced, weight
    A/B/C/D for title/abstract/claims/description; see :mod:`sangtao.search._postgres_text`),
    the token count of each of the eight fields, and the vector (``vector(dim)``, pgvector)
    if the index has a model.
``lexicon``
    Document frequency of each word in each field, kept up to date on every write so that
    BM25 needs no scan of the table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from psycopg import sql

from ._analysis import ParsedQuery
from ._model import Filters
from ._postgres_text import LAST_REGULAR, OVERFLOW, tsquery

__all__ = [
    "account_params",
    "account_sql",
    "dense_sql",
    "keyword_sql",
    "match_sql",
    "schema_sql",
    "where_sql",
]

K1, B = 1.2, 0.75
"""BM25 parameters, those of tantivy and of the reference backend."""


def schema_sql(schema: str, dim: int | None) -> list[sql.Composed]:
    """The statements that create an index's schema, tables and indexes."""
    s = sql.Identifier(schema)
    vector = sql.SQL(", embedding vector({})").format(sql.Literal(dim)) if dim else sql.SQL("")
    statements = [
        sql.SQL("CREATE SCHEMA {}").format(s),
        sql.SQL(
            "CREATE TABLE {}.meta (format int NOT NULL, model_name text, model_version text, "
            "model_dim int, n_docs bigint NOT NULL DEFAULT 0, "
            "lens bigint[] NOT NULL DEFAULT '{{0,0,0,0,0,0,0,0}}', "
            "created timestamptz NOT NULL DEFAULT now())"
        ).format(s),
        sql.SQL(
            'CREATE TABLE {}.docs (doc_id text COLLATE "C" PRIMARY KEY, '
            "fingerprint text NOT NULL, office text NOT NULL, kind text NOT NULL, "
            "langs text[] NOT NULL, ipc text[] NOT NULL, cpc text[] NOT NULL, published date, "
            "folded tsvector NOT NULL, stems tsvector NOT NULL, lens int[] NOT NULL, "
            "payload jsonb NOT NULL{})"
        ).format(s, vector),
        sql.SQL(
            'CREATE TABLE {}.lexicon (field smallint, term text COLLATE "C", '
            "df integer NOT NULL, PRIMARY KEY (field, term))"
        ).format(s),
    ]
    for column, method in (
        ("folded", "gin"),
        ("stems", "gin"),
        ("ipc", "gin"),
        ("cpc", "gin"),
        ("langs", "gin"),
        ("published", "btree"),
        ("office", "btree"),
        ("kind", "btree"),
    ):
        statements.append(
            sql.SQL("CREATE INDEX ON {}.docs USING {} ({})").format(
                s, sql.SQL(method), sql.Identifier(column)
            )
        )
    if dim:
        statements.append(
            sql.SQL("CREATE INDEX ON {}.docs USING hnsw (embedding vector_cosine_ops)").format(s)
        )
    return statements


def account_sql(schema: str) -> list[sql.Composed]:
    """Statements that move the statistics from the stored documents ``%(ids)s`` to new ones.

    The stored documents' distinct words per field (read from their ``tsvector`` by weight)
    count −1; ``%(terms)s``/``%(fields)s``/``%(counts)s`` are the new documents' counts,
    ``%(n)s`` their number and ``%(lens)s`` their total field lengths. Run it before the
    rows change.
    """
    s = sql.Identifier(schema)
    lexicon = sql.SQL(
        "INSERT INTO {s}.lexicon AS l (field, term, df) "
        "SELECT field, term, sum(n) FROM ("
        " SELECT an * 4 + p.part AS field, t.term, -1 AS n"
        " FROM {s}.docs d"
        " CROSS JOIN LATERAL (VALUES (0, d.folded), (1, d.stems)) AS v(an, vec)"
        " CROSS JOIN (VALUES (0, '{{a}}'::\"char\"[]), (1, '{{b}}'), (2, '{{c}}'), (3, '{{d}}'))"
        " AS p(part, w),"
        " unnest(tsvector_to_array(ts_filter(v.vec, p.w))) AS t(term)"
        " WHERE d.doc_id = ANY(%(ids)s)"
        " UNION ALL"
        " SELECT * FROM unnest(%(fields)s::int[], %(terms)s::text[], %(counts)s::int[])"
        ") x GROUP BY field, term HAVING sum(n) <> 0 ORDER BY field, term "
        "ON CONFLICT (field, term) DO UPDATE SET df = l.df + excluded.df"
    ).format(s=s)
    sums = sql.SQL(", ").join(
        sql.SQL("coalesce(sum(lens[{0}]), 0) AS l{0}").format(sql.SQL(str(i))) for i in range(1, 9)
    )
    lens = sql.SQL(", ").join(
        sql.SQL("m.lens[{0}] - t.l{0} + (%(lens)s::bigint[])[{0}]").format(sql.SQL(str(i)))
        for i in range(1, 9)
    )
    meta = sql.SQL(
        "UPDATE {s}.meta m SET n_docs = m.n_docs - t.n + %(n)s, lens = ARRAY[{lens}] "
        "FROM (SELECT count(*) AS n, {sums} FROM {s}.docs WHERE doc_id = ANY(%(ids)s)) t"
    ).format(s=s, lens=lens, sums=sums)
    return [lexicon, meta]


def account_params(
    ids: list[str], counts: list[Counter[str]], n: int, lens: list[int]
) -> dict[str, Any]:
    """The parameters of :func:`account_sql`: replaced ids, new word counts and lengths."""
    return {
        "ids": ids,
        "fields": [f for f, count in enumerate(counts) for _ in range(len(count))],
        "terms": [t for count in counts for t in count],
        "counts": [c for count in counts for c in count.values()],
        "n": n,
        "lens": lens,
    }


def where_sql(filters: Filters) -> tuple[list[sql.Composable], dict[str, Any]]:
    """SQL conditions on ``d`` for prepared filters, and their parameters."""
    conds: list[sql.Composable] = []
    params: dict[str, Any] = {}
    for name, column, op in (
        ("ipc", "ipc", "&&"),
        ("cpc", "cpc", "&&"),
        ("office", "office", "= ANY"),
        ("kind", "kind", "= ANY"),
        ("language", "langs", "&&"),
    ):
        values = getattr(filters, name)
        if values:
            params[f"f_{name}"] = list(values)
            template = "d.{} && %({})s::text[]" if op == "&&" else "d.{} = ANY(%({})s::text[])"
            conds.append(sql.SQL(template).format(sql.Identifier(column), sql.SQL(f"f_{name}")))
    if filters.before:
        params["f_before"] = filters.before
        conds.append(sql.SQL("d.published < %(f_before)s"))
    if filters.after:
        params["f_after"] = filters.after
        conds.append(sql.SQL("d.published >= %(f_after)s"))
    return conds, params


def match_sql(query: ParsedQuery) -> tuple[list[sql.Composable], dict[str, Any]]:
    """The conditions a document meets to match ``query`` (GIN index lookups), and params.

    Every ``+must`` clause matches, no ``-excluded`` one does, and, without a must clause,
    at least one of the others; a clause matches its folded words or its English stems.
    """
    must = [c for c in query.clauses if c.occur == "must"]
    excluded = [c for c in query.clauses if c.occur == "must_not"]
    groups = [(f"m{i}", [c]) for i, c in enumerate(must)]
    if not must:
        groups.append(("any", [c for c in query.clauses if c.occur == "should"]))
    if excluded:
        groups.append(("not", excluded))
    conds: list[sql.Composable] = []
    params: dict[str, Any] = {}
    for key, clauses in groups:
        params[f"{key}_f"] = tsquery([c.words for c in clauses])
        params[f"{key}_s"] = tsquery([c.stems for c in clauses])
        cond = sql.SQL(f"(d.folded @@ %({key}_f)s::tsquery OR d.stems @@ %({key}_s)s::tsquery)")
        conds.append(sql.SQL("NOT {}").format(cond) if key == "not" else cond)
    return conds, params


def keyword_sql(schema: str, conds: Sequence[sql.Composable]) -> sql.Composed:
    """BM25 of the candidates that pass ``conds``, from the positions of the query words.

    Parameters are those of :meth:`KeywordPlan.params` and ``k``. Each candidate's
    ``tsvector`` is cut down to the query words in C (``setweight`` marks them, ``ts_filter``
    keeps them). A word's frequency in each part is counted by binary search of its sorted
    positions against the part boundaries (``width_bucket``). A phrase occurs where its
    words sit at consecutive positions of one part: each position of its rarest word (the
    anchor) is checked against the positions of the others. Scores are summed in a fixed
    order, so equal documents tie exactly whatever the order of the rows.
    """
    where = sql.SQL(" AND ").join(conds) if conds else sql.SQL("true")
    lens = "c.lens[{a} * 4 + 1 : {a} * 4 + 4]"
    query_words = (
        "SELECT c.doc_id, {a} AS an, u.lexeme, u.positions, " + lens + " AS lens,"
        " ARRAY[0, least(c.lens[{a} * 4 + 1], {r}),"
        " least(c.lens[{a} * 4 + 1] + c.lens[{a} * 4 + 2] + 1, {r}),"
        " least(c.lens[{a} * 4 + 1] + c.lens[{a} * 4 + 2] + c.lens[{a} * 4 + 3] + 2, {r}),"
        " {r}]::int2[] AS bounds"
        " FROM cand c, unnest(ts_filter(setweight(setweight(c.{col}, 'D'), 'A',"
        " %({terms})s::text[]), '{{{{a}}}}')) AS u"
    )
    folded = query_words.format(a=0, col="folded", terms="folded_terms", r=LAST_REGULAR)
    stems = query_words.format(a=1, col="stems", terms="stem_terms", r=LAST_REGULAR)
    return sql.SQL(
        "WITH q(clause, i, an, term, anchor, len) AS ("
        " SELECT q.*, n.len FROM unnest(%(q_clause)s::int[], %(q_i)s::int[], %(q_an)s::int[],"
        " %(q_term)s::text[], %(q_anchor)s::bool[]) AS q(clause, i, an, term, anchor)"
        " JOIN unnest(%(n_clause)s::int[], %(n_len)s::int[]) AS n(clause, len)"
        " ON n.clause = q.clause),"
        " w(clause, field, weight) AS ("
        " SELECT * FROM unnest(%(w_clause)s::int[], %(w_field)s::int[], %(w_weight)s::float8[])),"
        " cand AS MATERIALIZED (SELECT d.doc_id, d.folded, d.stems, d.lens"
        " FROM {s}.docs d WHERE {where}),"
        " lex AS MATERIALIZED (" + folded + " UNION ALL " + stems + "),"
        " words AS ("
        " SELECT l.doc_id, q.clause, l.an * 4 + p.part AS field, l.lens[p.part + 1] AS dl,"
        " width_bucket(l.bounds[p.part + 2], l.positions)"
        " - width_bucket(l.bounds[p.part + 1], l.positions)"
        " + width_bucket(({o} + 2 * p.part)::int2, l.positions)"
        " - width_bucket(({o} - 1 + 2 * p.part)::int2, l.positions) AS tf"
        " FROM lex l JOIN q ON q.an = l.an AND q.term = l.lexeme AND q.len = 1"
        " CROSS JOIN generate_series(0, 3) AS p(part)),"
        " anchors AS ("
        " SELECT l.doc_id, l.an, q.clause, q.len, x.pos - q.i AS start,"
        " l.an * 4 + x.part AS field, l.lens[x.part + 1] AS dl"
        " FROM lex l JOIN q ON q.an = l.an AND q.term = l.lexeme AND q.len > 1 AND q.anchor,"
        " unnest(l.positions) AS p(pos),"
        " LATERAL (SELECT p.pos, CASE WHEN p.pos > {r} THEN (p.pos - {o}) / 2"
        " ELSE width_bucket(p.pos - 1, l.bounds) - 1 END AS part) AS x),"
        " phrases AS ("
        " SELECT doc_id, clause, field, dl, count(*) AS tf FROM ("
        " SELECT a.doc_id, a.clause, a.field, a.dl FROM anchors a"
        " JOIN q ON q.clause = a.clause AND q.an = a.an AND NOT q.anchor"
        " JOIN lex l ON l.doc_id = a.doc_id AND l.an = a.an AND l.lexeme = q.term"
        " WHERE (a.start + q.i) = ANY(l.positions)"
        " GROUP BY a.doc_id, a.clause, a.field, a.dl, a.start, a.len"
        " HAVING count(*) = a.len - 1) AS m"
        " GROUP BY doc_id, clause, field, dl),"
        " found AS ("
        " SELECT doc_id, clause, field, dl, tf FROM words WHERE tf > 0"
        " UNION ALL SELECT * FROM phrases)"
        " SELECT f.doc_id, sum(w.weight * f.tf * {k1p} / (f.tf + {k1} * ({one_b} + {b}"
        " * f.dl / (%(avgdl)s::float8[])[f.field + 1])) ORDER BY f.clause, f.field) AS score"
        " FROM found f JOIN w ON w.clause = f.clause AND w.field = f.field"
        " GROUP BY f.doc_id ORDER BY score DESC, f.doc_id LIMIT %(k)s"
    ).format(
        s=sql.Identifier(schema),
        where=where,
        r=sql.Literal(LAST_REGULAR),
        o=sql.Literal(OVERFLOW),
        k1=sql.Literal(K1),
        k1p=sql.Literal(K1 + 1),
        one_b=sql.Literal(1 - B),
        b=sql.Literal(B),
    )


def dense_sql(schema: str, conds: Sequence[sql.Composable], exact: bool) -> sql.Composed:
    """The nearest vectors to ``%(vector)s`` that pass ``conds``; scores are inner products.

    ``exact`` orders by inner product, then ``doc_id`` (a scan, recall 1); otherwise by
    cosine distance alone, which the HNSW index answers (approximately).
    """
    where = sql.SQL(" AND ").join([sql.SQL("d.embedding IS NOT NULL"), *conds])
    order = sql.SQL("<#> %(vector)s::vector, d.doc_id" if exact else "<=> %(vector)s::vector")
    return sql.SQL(
        "SELECT d.doc_id, -(d.embedding <#> %(vector)s::vector) AS score FROM {}.docs d "
        "WHERE {} ORDER BY d.embedding {} LIMIT %(k)s"
    ).format(sql.Identifier(schema), where, order)
