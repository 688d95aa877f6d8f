"""Amounts and counted quantities written out in Vietnamese and English."""

from __future__ import annotations

from sangtao.law._fee_facts import FeeFacts, FeeUnit

__all__ = ["format_amount_en", "format_amount_vi", "quantity_phrases"]


def format_amount_vi(amount: int, currency: str = "VND") -> str:
    """Format an amount the Vietnamese way: ``180.000 đ``."""
    digits = f"{amount:,}".replace(",", ".")
    return f"{digits} đ" if currency == "VND" else f"{digits} {currency}"


def format_amount_en(amount: int, currency: str = "VND") -> str:
    """Format an amount the English way: ``180,000 VND``."""
    return f"{amount:,} {currency}"


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def quantity_phrases(unit: FeeUnit, q: int, n: int, facts: FeeFacts) -> tuple[str, str]:
    if unit is FeeUnit.PER_GOOD_BEYOND_LIMIT:
        over = [f"{c}: {g}" for c, g in facts.nice_classes.items() if g > n]
        return (
            f"{q} sản phẩm/dịch vụ từ thứ {n + 1} trở đi (nhóm {'; '.join(over)})",
            f"{_plural(q, 'good or service', 'goods/services')} beyond {n} in a class "
            f"(class {'; '.join(over)})",
        )
    table: dict[FeeUnit, tuple[str, str, str]] = {
        FeeUnit.PER_APPLICATION: (f"{q} đơn", "application", "applications"),
        FeeUnit.PER_CLASS: (f"{q} nhóm", "class", "classes"),
        FeeUnit.PER_CLASS_BEYOND_LIMIT: (
            f"{q} nhóm từ nhóm thứ {n + 1} trở đi",
            f"class beyond {n}",
            f"classes beyond {n}",
        ),
        FeeUnit.PER_INDEPENDENT_CLAIM: (
            f"{q} điểm yêu cầu bảo hộ độc lập",
            "independent claim",
            "independent claims",
        ),
        FeeUnit.PER_INDEPENDENT_CLAIM_BEYOND_LIMIT: (
            f"{q} điểm yêu cầu bảo hộ độc lập từ điểm thứ {n + 1} trở đi",
            f"independent claim beyond {n}",
            f"independent claims beyond {n}",
        ),
        FeeUnit.PER_PAGE_BEYOND_LIMIT: (
            f"{q} trang bản mô tả từ trang thứ {n + 1} trở đi",
            f"description page beyond {n}",
            f"description pages beyond {n}",
        ),
        FeeUnit.PER_PRIORITY_CLAIM: (
            f"{q} yêu cầu hưởng quyền ưu tiên",
            "priority claim",
            "priority claims",
        ),
        FeeUnit.PER_DESIGN: (f"{q} phương án", "design", "designs"),
        FeeUnit.PER_DESIGN_BEYOND_LIMIT: (
            f"{q} phương án từ phương án thứ {n + 1} trở đi",
            f"design beyond {n}",
            f"designs beyond {n}",
        ),
        FeeUnit.PER_DRAWING_BEYOND_LIMIT: (
            f"{q} hình từ hình thứ {n + 1} trở đi",
            f"drawing beyond {n}",
            f"drawings beyond {n}",
        ),
    }
    vi, singular, plural = table[unit]
    return vi, _plural(q, singular, plural)
