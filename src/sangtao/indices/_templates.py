"""Framework templates: the Viet Nam Provincial Innovation Index (PII) and a GII-style index.

Only what public sources describe is fixed: the PII has 7 pillars (5 input, 2 output),
18 sub-pillars and 52 indicators, and PII = mean of the input and output sub-indices
(checked on Huế 2025: (51.50 + 47.23) / 2 = 49.37); the GII has 7 pillars, 21
sub-pillars and 78 indicators (2024), and the same two sub-indices. Sub-pillar and
indicator names that were not published are *slots* (``Status = slot``) for an analyst
to fill from the official PII or GII report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._coin import Coin
from ._errors import AggregationError, DataError

__all__ = ["efficiency_ratio", "gii_framework", "pii_framework"]

_COLUMNS = [
    "Level",
    "iCode",
    "iName",
    "iName_vi",
    "Direction",
    "Weight",
    "Parent",
    "Type",
    "Status",
]

# (code, English, Vietnamese, input?) — pillar names from MOST/WIPO press material
_PII_PILLARS = [
    ("P1", "Institutions", "Thể chế", True),
    ("P2", "Human resources and research", "Nguồn nhân lực và nghiên cứu", True),
    ("P3", "Infrastructure", "Cơ sở hạ tầng", True),
    ("P4", "Market development", "Trình độ phát triển của thị trường", True),
    ("P5", "Business development", "Trình độ phát triển kinh doanh", True),
    (
        "P6",
        "Knowledge, creativity and technology products",
        "Sản phẩm tri thức, sáng tạo và công nghệ",
        False,
    ),
    ("P7", "Impact", "Tác động", False),
]
# sub-pillars per pillar (18 in all; 3 per input pillar, 2 + 1 on the output side) and
# indicators per sub-pillar (52 in all): the split is an assumption, marked "slot"
_PII_SUBS = {"P1": 3, "P2": 3, "P3": 3, "P4": 3, "P5": 3, "P6": 2, "P7": 1}
_PII_SIZES = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2]
# indicators whose source the press material names (provincial indices used as inputs)
_PII_NAMED = {
    "P1_1_1": (
        "Provincial Competitiveness Index (PCI)",
        "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
    ),
    "P1_1_2": (
        "Public Administration Reform Index (PAR Index)",
        "Chỉ số cải cách hành chính (PAR Index)",
    ),
    "P1_1_3": (
        "Provincial Governance and Public Administration Performance Index (PAPI)",
        "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)",
    ),
    "P3_1_1": ("Digital Transformation Index (DTI)", "Chỉ số chuyển đổi số (DTI)"),
}

_GII_PILLARS = [
    (
        "P1",
        "Institutions",
        True,
        ["Institutional environment", "Regulatory environment", "Business environment"],
    ),
    (
        "P2",
        "Human capital and research",
        True,
        ["Education", "Tertiary education", "Research and development"],
    ),
    ("P3", "Infrastructure", True, ["ICTs", "General infrastructure", "Ecological sustainability"]),
    (
        "P4",
        "Market sophistication",
        True,
        ["Credit", "Investment", "Trade, diversification and market scale"],
    ),
    (
        "P5",
        "Business sophistication",
        True,
        ["Knowledge workers", "Innovation linkages", "Knowledge absorption"],
    ),
    (
        "P6",
        "Knowledge and technology outputs",
        False,
        ["Knowledge creation", "Knowledge impact", "Knowledge diffusion"],
    ),
    (
        "P7",
        "Creative outputs",
        False,
        ["Intangible assets", "Creative goods and services", "Online creativity"],
    ),
]


def _row(
    level: int, code: str, name: str, name_vi: str, parent: str | None, typ: str, status: str
) -> dict[str, object]:
    return {
        "Level": level,
        "iCode": code,
        "iName": name,
        "iName_vi": name_vi,
        "Direction": 1,
        "Weight": 1.0,
        "Parent": parent,
        "Type": typ,
        "Status": status,
    }


def _top(rows: list[dict[str, object]], index: str, name: str, name_vi: str) -> None:
    rows.append(_row(5, index, name, name_vi, None, "Aggregate", "confirmed"))
    rows.append(
        _row(4, "Input", "Input sub-index", "Chỉ số đầu vào", index, "Aggregate", "confirmed")
    )
    rows.append(
        _row(4, "Output", "Output sub-index", "Chỉ số đầu ra", index, "Aggregate", "confirmed")
    )


def pii_framework() -> pd.DataFrame:
    """iMeta of the Viet Nam Provincial Innovation Index (PII) template.

    Five levels: 52 indicators → 18 sub-pillars → 7 pillars → ``Input`` (pillars 1–5)
    and ``Output`` (pillars 6–7) → ``PII``, all weights 1 (arithmetic means, as the
    GII). ``Status`` says what is confirmed: the pillars, sub-indices and the PII rule
    are; the split into sub-pillars and the indicator slots are not (``slot``), except
    four inputs the press material names (PCI, PAR Index, PAPI, DTI; ``named``).

    Returns
    -------
    pandas.DataFrame
        COINr iMeta columns plus ``iName_vi`` (Vietnamese) and ``Status``.

    References
    ----------
    Academy of Science, Technology and Innovation (MOST) with WIPO, PII 2023–2025
    announcements (vietnam.vn; vneconomy.vn 1 Oct 2025: "7 pillars, 52 indicators").
    """
    rows: list[dict[str, object]] = []
    _top(rows, "PII", "Provincial Innovation Index", "Chỉ số đổi mới sáng tạo cấp địa phương")
    sizes = iter(_PII_SIZES)
    for code, name, name_vi, is_input in _PII_PILLARS:
        rows.append(
            _row(
                3, code, name, name_vi, "Input" if is_input else "Output", "Aggregate", "confirmed"
            )
        )
        for s in range(1, _PII_SUBS[code] + 1):
            sub = f"{code}_{s}"
            rows.append(
                _row(
                    2,
                    sub,
                    f"Sub-pillar {code[1:]}.{s}",
                    f"Nhóm chỉ số {code[1:]}.{s}",
                    code,
                    "Aggregate",
                    "slot",
                )
            )
            for i in range(1, next(sizes) + 1):
                ind = f"{sub}_{i}"
                label = f"{code[1:]}.{s}.{i}"
                en, vi = _PII_NAMED.get(ind, (f"Indicator {label}", f"Chỉ số {label}"))
                rows.append(
                    _row(1, ind, en, vi, sub, "Indicator", "named" if ind in _PII_NAMED else "slot")
                )
    meta = pd.DataFrame(rows, columns=_COLUMNS)
    return _order(meta)


def gii_framework() -> pd.DataFrame:
    """iMeta of a GII-style template: 78 indicator slots → 21 sub-pillars → 7 pillars →
    ``Input``/``Output`` → ``GII`` (all weights 1).

    Sub-pillar names follow GII 2024 (only 1.3 is confirmed from the economy profiles;
    the others are marked ``unconfirmed``); indicators are slots, four per sub-pillar
    except three in the last six sub-pillars.

    References
    ----------
    WIPO (2024), *Global Innovation Index 2024*, doi:10.34667/tind.50062, Appendix I.
    """
    rows: list[dict[str, object]] = []
    _top(
        rows,
        "GII",
        "Global Innovation Index (style)",
        "Chỉ số đổi mới sáng tạo toàn cầu (mô phỏng)",
    )
    n_sub = 0
    for code, name, is_input, subs in _GII_PILLARS:
        rows.append(
            _row(3, code, name, "", "Input" if is_input else "Output", "Aggregate", "confirmed")
        )
        for s, sub_name in enumerate(subs, start=1):
            n_sub += 1
            sub = f"{code}_{s}"
            status = "confirmed" if sub == "P1_3" else "unconfirmed"
            rows.append(_row(2, sub, f"{code[1:]}.{s} {sub_name}", "", code, "Aggregate", status))
            for i in range(1, (4 if n_sub <= 15 else 3) + 1):
                rows.append(
                    _row(
                        1,
                        f"{sub}_{i}",
                        f"Indicator {code[1:]}.{s}.{i}",
                        "",
                        sub,
                        "Indicator",
                        "slot",
                    )
                )
    return _order(pd.DataFrame(rows, columns=_COLUMNS))


def _order(meta: pd.DataFrame) -> pd.DataFrame:
    """Indicators first (iMeta order), then aggregates from the bottom level up."""
    return meta.sort_values("Level", kind="stable").reset_index(drop=True)


def efficiency_ratio(
    coin: Coin, output: str = "Output", input_: str = "Input", dset: str = "Aggregated"
) -> pd.Series:
    """Innovation Efficiency Ratio = Output sub-index ÷ Input sub-index (GII).

    Raises
    ------
    AggregationError
        If an input score is zero or negative (the ratio is undefined; normalise onto a
        positive scale).
    DataError
        If a sub-index is missing from the data set.

    References
    ----------
    Dutta S. et al., *Global Innovation Index* (2012–2020 editions), "Innovation
    Efficiency Ratio".
    """
    x = coin.dataset(dset)
    for c in (output, input_):
        if c not in x.columns:
            raise DataError(f"{dset} has no column {c}")
    inp = x[input_].to_numpy(float)
    bad = ~np.isnan(inp) & (inp <= 0)
    if bad.any():
        units = ", ".join(map(str, x.index[bad][:10]))
        raise AggregationError(f"efficiency ratio undefined: {input_} ≤ 0 for {units}")
    return pd.Series(x[output].to_numpy(float) / inp, index=x.index, name="Efficiency")
