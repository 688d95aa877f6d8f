"""Every SQL statement of the landscape library, in one place, written once for all engines.

The statements use plain SQL (joins, ``GROUP BY``, ``CASE``, ``count(DISTINCT …)``,
``substr``, ``coalesce``, window functions) plus a few functions whose names differ between
engines; those are written as placeholders filled from a :class:`Dialect`:

``{explode}``
    a list column to rows (DuckDB ``unnest``, Spark ``explode``);
``{list_agg}``
    rows to a list (DuckDB ``list``, Spark ``collect_list``);
``{strpos}``
    position of a substring (DuckDB ``strpos``, Spark ``instr``);
``{element}``
    the n-th item of a list, 1-based, null past the end (DuckDB ``list_extract``, Spark
    ``try_element_at``; Spark's ``list[i]`` counts from 0).

Temporary tables are written ``CREATE OR REPLACE TEMP TABLE``; the Spark engine runs them as
temporary views over a local checkpoint (and ``INSERT INTO`` one as a union checkpointed
anew). Matching text adds :meth:`Dialect.fold` and :meth:`Dialect.regexp`
(:mod:`sangtao.landscape._dialect`).

Tables read: the corpus views ``documents`` and ``documents_all``
(:func:`sangtao.corpus.open_corpus`), through ``lx_documents`` (one row per ``doc_id``, made
once per engine); tables written are prefixed ``lx_``. The Spark engine
(:mod:`sangtao.landscape._spark`) registers the same views over the same Parquet and runs
the same statements with :data:`SPARK`; ``tests/landscape/test_engines.py`` checks that both
engines give identical tables.
"""

from __future__ import annotations

from ._dialect import DUCKDB, SPARK, Dialect, quote

__all__ = ["DUCKDB", "SPARK", "Dialect", "quote", "render", "STATEMENTS"]


def render(name: str, dialect: Dialect, **params: str) -> str:
    """Return statement ``name`` of :data:`STATEMENTS` written for ``dialect``."""
    return STATEMENTS[name].format(
        explode=dialect.explode,
        list_agg=dialect.list_agg,
        strpos=dialect.strpos,
        element=dialect.element,
        **params,
    )


# Origin of a family (WIPO: inventor location, several inventors of one country counted once);
# without inventor countries the applicants', then the first-filing (priority) office, then the
# office of the earliest document. {source} is a table of documents. These rows are each
# (family, country) with its best basis (rnk, 1 to 4); a family's origins are the countries of
# its best basis (grouped and joined by family: no window over the corpus).
_ORIGIN_ROWS = """
            SELECT family_id, country, min(rnk) AS rnk FROM (
                SELECT family_id, p.country AS country, 1 AS rnk
                FROM (SELECT family_id, {explode}(inventors) AS p FROM {source}) a
                WHERE p.country IS NOT NULL
                UNION ALL
                SELECT family_id, p.country AS country, 2 AS rnk
                FROM (SELECT family_id, {explode}(applicants) AS p FROM {source}) b
                WHERE p.country IS NOT NULL
                UNION ALL
                SELECT family_id, p.office AS country, 3 AS rnk
                FROM (SELECT family_id, {explode}(priorities) AS p FROM {source}) c
                WHERE p.office IS NOT NULL
                  AND p.office NOT IN ('WO', 'EP', 'EA', 'AP', 'OA', 'GC', 'EM', 'IB')
                UNION ALL
                SELECT family_id, office AS country, 4 AS rnk
                FROM {source}
                WHERE office NOT IN ('WO', 'EP', 'EA', 'AP', 'OA', 'GC', 'EM', 'IB')
            ) u
            GROUP BY family_id, country
        """

STATEMENTS: dict[str, str] = {
    # -- base tables over the whole corpus -------------------------------------------------
    # lx_documents: one row per doc_id. Without duplicated doc_ids in the corpus it is the
    # stored rows as they are; otherwise the corpus's de-duplicated view, materialised once.
    "duplicates": """
        SELECT count(*) - count(DISTINCT doc_id) AS duplicates FROM documents_all""",
    "documents_as_stored": """
        CREATE OR REPLACE TEMP VIEW lx_documents AS SELECT * FROM documents_all""",
    "documents_deduplicated": """
        CREATE OR REPLACE TEMP TABLE lx_documents AS
        SELECT doc_id, family_id, office, number, kind, publication_date, application_office,
               application_date, earliest_priority_date, titles, abstracts, claims, ipc, cpc,
               applicants, inventors, priorities, citations
        FROM documents""",
    "doc": """
        CREATE OR REPLACE TEMP TABLE lx_doc AS
        SELECT doc_id, family_id, office, number, application_office, publication_date,
               coalesce(earliest_priority_date, application_date, publication_date)
                   AS priority_date
        FROM lx_documents""",
    "corpus_summary": """
        SELECT count(*) AS documents, count(DISTINCT family_id) AS families,
               max(publication_date) AS latest_publication, min(publication_date)
                   AS earliest_publication
        FROM lx_doc""",
    "classes": """
        CREATE OR REPLACE TEMP VIEW lx_class AS
        SELECT family_id, doc_id, 'ipc' AS scheme, replace(s, ' ', '') AS symbol,
               substr(s, 1, 4) AS subclass
        FROM (SELECT family_id, doc_id, {explode}(ipc) AS s FROM lx_documents) x
        UNION ALL
        SELECT family_id, doc_id, 'cpc' AS scheme, replace(s, ' ', '') AS symbol,
               substr(s, 1, 4) AS subclass
        FROM (SELECT family_id, doc_id, {explode}(cpc) AS s FROM lx_documents) x""",
    "ipc_symbols": "SELECT DISTINCT symbol FROM lx_class WHERE scheme = 'ipc'",
    "text_parts": """
        SELECT doc_id, family_id, t.text AS raw
        FROM (SELECT doc_id, family_id, {explode}({part}) AS t FROM lx_documents) x""",
    # -- matching -----------------------------------------------------------------------------
    # lx_text: the folded texts where any keyword occurs ({any_keyword} tests the raw text,
    # folding it only where it must: Dialect.folded_matches).
    "text_candidates": """
        CREATE OR REPLACE TEMP TABLE lx_text AS
        SELECT doc_id, family_id, {fold_raw} AS text FROM ({parts}) p WHERE {any_keyword}""",
    "keyword_hits": """
        SELECT DISTINCT doc_id, family_id, {crit} AS crit FROM lx_text WHERE {matches}""",
    # The stored symbols meet the rules by subclass (their first four characters) first; only
    # those of a rule's subclass lose their spaces to have their prefix compared: the rows of
    # joining lx_class, without rewriting every symbol of the corpus.
    "class_hits": """
        SELECT DISTINCT c.doc_id, c.family_id, r.crit
        FROM (SELECT family_id, doc_id, 'ipc' AS scheme, s
              FROM (SELECT family_id, doc_id, {explode}(ipc) AS s FROM lx_documents) x
              UNION ALL
              SELECT family_id, doc_id, 'cpc' AS scheme, s
              FROM (SELECT family_id, doc_id, {explode}(cpc) AS s FROM lx_documents) x) c
        JOIN lx_rules r ON c.scheme = r.scheme AND substr(c.s, 1, 4) = r.subclass
        WHERE substr(replace(c.s, ' ', ''), 1, length(r.prefix)) = r.prefix""",
    "field_hits": """
        SELECT DISTINCT c.doc_id, c.family_id, r.crit
        FROM lx_class c JOIN lx_symbol_field f ON c.scheme = 'ipc' AND c.symbol = f.symbol
        JOIN lx_field_rules r ON f.field = r.field""",
    "hits": """
        CREATE OR REPLACE TEMP TABLE lx_hits AS {union}""",
    "pivot": """
        CREATE OR REPLACE TEMP TABLE lx_pivot AS
        SELECT doc_id, family_id, {columns} FROM lx_hits GROUP BY doc_id, family_id""",
    "node_match": """
        SELECT {node} AS node_id, doc_id, family_id, {via} AS via
        FROM lx_pivot WHERE {condition}""",
    "match": """
        CREATE OR REPLACE TEMP TABLE lx_match AS {union}""",
    "group_union": """
        INSERT INTO lx_match
        SELECT {group} AS node_id, doc_id, family_id, min('product ' || node_id) AS via
        FROM lx_match
        WHERE node_id IN ({products})
          AND doc_id NOT IN (SELECT doc_id FROM lx_match WHERE node_id = {group})
        GROUP BY doc_id, family_id""",
    "matches": """
        SELECT node_id, doc_id, family_id, via FROM lx_match ORDER BY node_id, doc_id""",
    "set": """
        CREATE OR REPLACE TEMP TABLE lx_set AS
        SELECT DISTINCT family_id FROM lx_match WHERE node_id IN ({nodes})""",
    "set_doc": """
        CREATE OR REPLACE TEMP TABLE lx_sdoc AS
        SELECT d.doc_id, d.family_id, d.office, d.number, d.application_office,
               d.publication_date,
               coalesce(d.earliest_priority_date, d.application_date, d.publication_date)
                   AS priority_date,
               d.applicants, d.inventors, d.priorities, d.citations, d.ipc
        FROM lx_documents d JOIN lx_set s ON d.family_id = s.family_id""",
    # -- families of the set ----------------------------------------------------------------
    # years as BIGINT on every engine (DuckDB's year() is BIGINT, Spark's INT)
    "set_family": """
        CREATE OR REPLACE TEMP TABLE lx_sfamily AS
        SELECT family_id, min(priority_date) AS priority_date,
               CAST(year(min(priority_date)) AS BIGINT) AS priority_year,
               min(publication_date) AS first_publication_date,
               CAST(year(min(publication_date)) AS BIGINT) AS publication_year,
               count(*) AS documents, count(DISTINCT office) AS offices,
               min(doc_id) AS representative
        FROM lx_sdoc GROUP BY family_id""",
    "set_party": """
        CREATE OR REPLACE TEMP TABLE lx_sparty AS
        SELECT family_id, doc_id, 'applicant' AS role, p.name AS name, p.country AS country
        FROM (SELECT family_id, doc_id, {explode}(applicants) AS p FROM lx_sdoc) x
        UNION ALL
        SELECT family_id, doc_id, 'inventor' AS role, p.name AS name, p.country AS country
        FROM (SELECT family_id, doc_id, {explode}(inventors) AS p FROM lx_sdoc) x""",
    # Origin of a family: see _ORIGIN_ROWS; the families' origins, one row per (family,
    # country) with its basis.
    "origin": """
        WITH o AS ("""
    + _ORIGIN_ROWS
    + """)
        SELECT o.family_id, o.country,
               CASE o.rnk WHEN 1 THEN 'inventor' WHEN 2 THEN 'applicant'
                          WHEN 3 THEN 'priority office' ELSE 'publication office' END AS basis
        FROM o JOIN (SELECT family_id, min(rnk) AS best FROM o GROUP BY family_id) b
          ON o.family_id = b.family_id AND o.rnk = b.best""",
    "set_origin": """
        CREATE OR REPLACE TEMP TABLE lx_sorigin AS {origin}""",
    # -- metrics ------------------------------------------------------------------------------
    "filings_by_priority_year": """
        SELECT priority_year AS year, count(*) AS families
        FROM lx_sfamily WHERE priority_year IS NOT NULL
        GROUP BY priority_year ORDER BY priority_year""",
    "filings_by_publication_year": """
        SELECT publication_year AS year, count(*) AS families
        FROM lx_sfamily WHERE publication_year IS NOT NULL
        GROUP BY publication_year ORDER BY publication_year""",
    "applicant_names": """
        SELECT name, count(DISTINCT family_id) AS families
        FROM lx_sparty WHERE role = 'applicant' AND name IS NOT NULL
        GROUP BY name""",
    "top_applicants": """
        SELECT n.key, n.display AS applicant, n.kind, count(DISTINCT p.family_id) AS families,
               min(f.priority_year) AS first_year, max(f.priority_year) AS last_year,
               count(DISTINCT p.name) AS spellings
        FROM lx_sparty p JOIN lx_names n ON p.name = n.name
        JOIN lx_sfamily f ON p.family_id = f.family_id
        WHERE p.role = 'applicant'
        GROUP BY n.key, n.display, n.kind
        ORDER BY families DESC, applicant LIMIT {limit}""",
    "applicant_countries": """
        SELECT n.key, p.country, count(DISTINCT p.family_id) AS families
        FROM lx_sparty p JOIN lx_names n ON p.name = n.name
        WHERE p.role = 'applicant' AND p.country IS NOT NULL
        GROUP BY n.key, p.country""",
    "applicant_years": """
        SELECT n.key, f.priority_year AS year, count(DISTINCT p.family_id) AS families
        FROM lx_sparty p JOIN lx_names n ON p.name = n.name
        JOIN lx_sfamily f ON p.family_id = f.family_id
        WHERE p.role = 'applicant' AND f.priority_year IS NOT NULL
        GROUP BY n.key, f.priority_year""",
    "flows": """
        SELECT o.country AS origin, d.office, count(DISTINCT d.family_id) AS families
        FROM lx_sdoc d JOIN lx_sorigin o ON d.family_id = o.family_id
        GROUP BY o.country, d.office ORDER BY families DESC, origin, office""",
    "set_without_origin": """
        SELECT count(*) AS families FROM lx_sfamily f
        WHERE NOT EXISTS (SELECT 1 FROM lx_sorigin o WHERE o.family_id = f.family_id)""",
    "origins": """
        SELECT country, basis, count(DISTINCT family_id) AS families
        FROM lx_sorigin GROUP BY country, basis ORDER BY families DESC, country""",
    # Families with a document at IP Viet Nam, by the nationality of their applicants.
    "vn_office": """
        SELECT f.priority_year AS year,
               CASE WHEN a.vn_applicant = 1 THEN 'vietnamese applicant'
                    WHEN a.vn_inventor = 1 THEN 'vietnamese inventor, foreign applicant'
                    WHEN a.known = 1 THEN 'foreign applicant'
                    ELSE 'unknown' END AS category,
               count(*) AS families
        FROM lx_sfamily f
        JOIN (SELECT DISTINCT family_id FROM lx_sdoc
              WHERE office = 'VN' OR application_office = 'VN') v ON f.family_id = v.family_id
        LEFT JOIN (
            SELECT p.family_id,
                   max(CASE WHEN p.role = 'applicant'
                             AND (p.country = 'VN' OR n.vietnamese = 1) THEN 1 ELSE 0 END)
                       AS vn_applicant,
                   max(CASE WHEN p.role = 'inventor' AND p.country = 'VN' THEN 1 ELSE 0 END)
                       AS vn_inventor,
                   max(CASE WHEN p.country IS NOT NULL OR n.vietnamese = 1 THEN 1 ELSE 0 END)
                       AS known
            FROM lx_sparty p LEFT JOIN lx_names n ON p.name = n.name
            GROUP BY p.family_id
        ) a ON f.family_id = a.family_id
        GROUP BY f.priority_year, category ORDER BY year, category""",
    "vn_origin": """
        SELECT d.office, count(DISTINCT d.family_id) AS families
        FROM lx_sdoc d JOIN lx_sorigin o ON d.family_id = o.family_id
        WHERE o.country = 'VN' GROUP BY d.office ORDER BY families DESC, office""",
    # Families of each origin country in {source} and (total) the families with an origin, as
    # "origin" counts them; its rows being one per (family, country), count(*) counts families.
    "corpus_origin_counts": """
        WITH o AS ("""
    + _ORIGIN_ROWS
    + """),
        b AS (SELECT family_id, min(rnk) AS best FROM o GROUP BY family_id)
        SELECT o.country, count(*) AS families, (SELECT count(*) FROM b) AS total
        FROM o JOIN b ON o.family_id = b.family_id AND o.rnk = b.best
        GROUP BY o.country""",
    "set_origin_counts": """
        SELECT country, count(DISTINCT family_id) AS families FROM lx_sorigin
        GROUP BY country""",
    "coapplicant_edges": """
        SELECT a.key AS source, b.key AS target, count(DISTINCT a.family_id) AS weight
        FROM (SELECT DISTINCT p.family_id, n.key FROM lx_sparty p
              JOIN lx_names n ON p.name = n.name WHERE p.role = 'applicant') a
        JOIN (SELECT DISTINCT p.family_id, n.key FROM lx_sparty p
              JOIN lx_names n ON p.name = n.name WHERE p.role = 'applicant') b
          ON a.family_id = b.family_id AND a.key < b.key
        GROUP BY a.key, b.key ORDER BY weight DESC, source, target""",
    "citation_edges": """
        SELECT x.family_id AS citing, t.family_id AS cited, count(*) AS weight,
               max(CASE WHEN s.family_id IS NULL THEN 0 ELSE 1 END) AS cited_in_set
        FROM (SELECT family_id, {explode}(citations) AS c FROM lx_sdoc) x
        JOIN lx_doc t ON x.c.office = t.office AND x.c.number = t.number
        LEFT JOIN lx_set s ON t.family_id = s.family_id
        WHERE t.family_id <> x.family_id
        GROUP BY x.family_id, t.family_id ORDER BY weight DESC, citing, cited""",
    "cited_by_corpus": """
        SELECT t.family_id, count(DISTINCT x.family_id) AS citing_families
        FROM (SELECT family_id, {explode}(citations) AS c FROM lx_documents) x
        JOIN lx_sdoc t ON x.c.office = t.office AND x.c.number = t.number
        WHERE t.family_id <> x.family_id
        GROUP BY t.family_id""",
    "ipc_subclasses": """
        SELECT substr(s, 1, 4) AS subclass, count(DISTINCT family_id) AS families
        FROM (SELECT family_id, {explode}(ipc) AS s FROM lx_sdoc) x
        GROUP BY substr(s, 1, 4) ORDER BY families DESC, subclass""",
    "ipc_main_groups": """
        SELECT main_group, count(DISTINCT family_id) AS families FROM (
            SELECT family_id,
                   CASE WHEN {strpos}(s, '/') > 0 THEN substr(s, 1, {strpos}(s, '/')) || '00'
                        ELSE s END AS main_group
            FROM (SELECT family_id, {explode}(ipc) AS s FROM lx_sdoc) x) g
        GROUP BY main_group ORDER BY families DESC, main_group LIMIT {limit}""",
    "set_ipc_symbols": """
        SELECT DISTINCT s AS symbol FROM (SELECT {explode}(ipc) AS s FROM lx_sdoc) x""",
    "technology_fields": """
        SELECT f.field, count(DISTINCT x.family_id) AS families
        FROM (SELECT family_id, {explode}(ipc) AS s FROM lx_sdoc) x
        JOIN lx_symbol_field f ON replace(x.s, ' ', '') = f.symbol
        GROUP BY f.field ORDER BY families DESC, f.field""",
    "products": """
        SELECT m.node_id, count(DISTINCT m.family_id) AS families,
               count(DISTINCT m.doc_id) AS documents
        FROM lx_match m WHERE m.node_id IN ({nodes}) GROUP BY m.node_id""",
    "product_families": """
        SELECT m.node_id, m.family_id, min(m.via) AS via, min(f.priority_year) AS priority_year,
               min(f.representative) AS representative
        FROM lx_match m JOIN lx_sfamily f ON m.family_id = f.family_id
        WHERE m.node_id IN ({nodes})
        GROUP BY m.node_id, m.family_id ORDER BY m.node_id, priority_year, m.family_id""",
    "families": """
        SELECT f.family_id, f.representative, f.priority_date, f.priority_year,
               f.first_publication_date, f.publication_year, f.documents, f.offices
        FROM lx_sfamily f ORDER BY f.priority_date, f.family_id""",
    # -- precision checks -----------------------------------------------------------------
    "review_matched": """
        SELECT DISTINCT doc_id FROM lx_match WHERE node_id = {node} ORDER BY doc_id""",
    "review_near": """
        SELECT DISTINCT p.doc_id FROM lx_pivot p
        WHERE ({any_hit})
          AND p.doc_id NOT IN (SELECT doc_id FROM lx_match WHERE node_id = {node})
        ORDER BY p.doc_id""",
    "review_details": """
        SELECT d.doc_id, d.family_id, ({element}(d.titles, 1)).text AS title,
               ({element}(d.abstracts, 1)).text AS abstract, d.ipc, d.cpc, {columns}
        FROM lx_documents d LEFT JOIN lx_pivot p ON d.doc_id = p.doc_id
        WHERE d.doc_id IN ({ids})""",
}
