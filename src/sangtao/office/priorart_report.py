"""The prior-art report of an application: hits with their evidence and a suggested category.

Each hit gets a *suggested* WIPO ST.14 category for the examiner, who decides, from a rule
anyone can check (:func:`suggest_category`):

- ``X`` (particularly relevant alone): both the keyword and the dense arm rank the document
  in their top :data:`TOP_RANK`, and its matching passages cover at least
  :data:`X_COVERAGE` of the application's query terms;
- ``Y`` (relevant in combination): at least one arm ranks it in its top :data:`TOP_RANK`;
- ``A`` (general state of the art): every other hit.

Coverage is the share of the distinct query terms (folded words of the application's title
and abstract, stop words left out) that occur in the hit's matching passages; the office
holds claims as filed documents, not as text, so the title and abstract stand for them.
With one arm only (an index without vectors) no hit is suggested as ``X``.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from sangtao.office import priorart
from sangtao.office.search_messages import search_message_pair
from sangtao.search import Hit, SearchResult, parse_query
from sangtao.standards import fold

TOP_RANK = 5
X_COVERAGE = 0.5

RULE = {
    "top_rank": TOP_RANK,
    "x_coverage": X_COVERAGE,
    "en": (
        f"Suggestion only; the examiner decides. X: ranked in the top {TOP_RANK} by both the "
        f"keyword and the dense arm, and its matching passages contain at least "
        f"{X_COVERAGE:.0%} of the query terms (title and abstract of the application). "
        f"Y: ranked in the top {TOP_RANK} by one arm. A: any other hit."
    ),
    "vi": (
        f"Chỉ là gợi ý; thẩm định viên quyết định. X: cả hai nhánh từ khóa và ngữ nghĩa đều "
        f"xếp trong {TOP_RANK} kết quả đầu, và các đoạn trùng khớp chứa ít nhất "
        f"{X_COVERAGE:.0%} số từ truy vấn (tên và tóm tắt của đơn). "
        f"Y: một nhánh xếp trong {TOP_RANK} kết quả đầu. A: các kết quả khác."
    ),
}


def coverage(hit: Hit, result_query: str) -> tuple[float, list[str]]:
    """The share of the query's terms found in the hit's passages, and those terms."""
    parsed = parse_query(result_query)
    stems = {
        w: s
        for c in parsed.clauses
        if c.occur != "must_not"
        for w, s in zip(c.words, c.stems, strict=False)
    }
    if not stems:
        return 0.0, []
    seen = {
        word
        for p in hit.passages
        for start, end in p.spans
        for word in fold(p.text[start:end]).lower().split()
    }
    matched = sorted(
        term
        for term, stem in stems.items()
        if term in seen or (len(stem) >= 3 and any(w.startswith(stem) for w in seen))
    )
    return len(matched) / len(stems), matched


def suggest_category(why: dict[str, dict[str, Any]], share: float) -> tuple[str, str, str]:
    """``(category, reason_vi, reason_en)`` by the rule in the module documentation."""
    strong = sorted(arm for arm, s in why.items() if s["rank"] <= TOP_RANK)
    if {"keyword", "dense"} <= set(strong) and share >= X_COVERAGE:
        return (
            "X",
            f"Cả hai nhánh xếp trong {TOP_RANK} kết quả đầu; đoạn trùng khớp chứa "
            f"{share:.0%} số từ truy vấn.",
            f"Both arms rank it in their top {TOP_RANK}; its passages contain {share:.0%} "
            "of the query terms.",
        )
    if strong:
        arms = ", ".join(strong)
        return (
            "Y",
            f"Xếp trong {TOP_RANK} kết quả đầu của nhánh {arms}; đoạn trùng khớp chứa "
            f"{share:.0%} số từ truy vấn.",
            f"Ranked in the top {TOP_RANK} by {arms}; its passages contain {share:.0%} of "
            "the query terms.",
        )
    return (
        "A",
        f"Không nhánh nào xếp trong {TOP_RANK} kết quả đầu.",
        f"No arm ranks it in its top {TOP_RANK}.",
    )


def report_from_result(app: Any, result: SearchResult) -> dict[str, Any]:
    """The report as JSON-ready data: the search result plus cut-off and categories."""
    data = result.as_dict()
    pairs = [search_message_pair(n) for n in result.notes]
    data["notes_vi"] = [vi for vi, _ in pairs]
    data["notes_en"] = [en for _, en in pairs]
    for hit, row in zip(result.hits, data["hits"], strict=True):
        share, terms = coverage(hit, result.query)
        category, reason_vi, reason_en = suggest_category(row["why"], share)
        row.update(
            coverage=round(share, 3),
            matched_terms=terms,
            category=category,
            category_reason_vi=reason_vi,
            category_reason_en=reason_en,
        )
    priorities = [
        {"office": p.office, "number": p.number, "date": p.date.isoformat()}
        for p in app.priorities.all()
    ]
    data.update(
        application=app.number,
        title_vi=app.title_vi,
        title_original=app.title_original,
        filing_date=timezone.localtime(app.filing_date).date().isoformat(),
        priorities=priorities,
        cutoff=priorart.cutoff(app).isoformat(),
        cutoff_basis="priority" if priorities else "filing",
        generated_at=timezone.localtime().isoformat(timespec="seconds"),
        category_rule=RULE,
    )
    return data


def build_report(app: Any, *, k: int = 20) -> dict[str, Any]:
    """Search prior art for ``app`` and return the report (raises ``IndexMissing``)."""
    return report_from_result(app, priorart.prior_art(app, k=k))


def render_pdf(report: dict[str, Any], user: Any) -> bytes:
    """The report as a bilingual PDF (WeasyPrint), naming who generated it."""
    from weasyprint import HTML

    with translation.override("vi"):  # numbers and dates as on the office's other letters
        html = render_to_string(
            "backoffice/prior_art_report.html", {"r": report, "by": getattr(user, "username", "")}
        )
    return HTML(string=html).write_pdf()
