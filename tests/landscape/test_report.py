"""Reports: CSV and Excel tables, bilingual HTML with inline charts, PDF."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sangtao.landscape import Landscape, write_report
from sangtao.landscape._charts import render_charts


def test_report_files_are_written(uav: Landscape, tmp_path: Path) -> None:
    written = write_report(uav, tmp_path / "out")
    assert set(written) == {"csv", "xlsx", "html", "pdf", "meta"}
    with (written["csv"] / "top_applicants.csv").open(encoding="utf-8") as stream:
        first = next(csv.DictReader(stream))
    assert first["applicant"] == "PARROT" and first["families"] == "4"
    book = load_workbook(written["xlsx"], read_only=True)
    assert "filings_by_priority_year" in book.sheetnames and "rta" in book.sheetnames
    assert written["pdf"].read_bytes().startswith(b"%PDF")
    page = written["html"].read_text(encoding="utf-8")
    assert "Người nộp đơn hàng đầu" in page and "Top applicants" in page
    assert "Công nghệ hàng không, vũ trụ" in page and "ĐỀ XUẤT" in page
    assert page.count("data:image/png;base64,") == 5
    assert not re.search(r"(src|href)=['\"]https?://", page)
    assert '"families": 76' in written["meta"].read_text(encoding="utf-8")


def test_only_the_formats_asked_for(uav: Landscape, tmp_path: Path) -> None:
    written = write_report(uav, tmp_path, ["csv"])
    assert set(written) == {"csv", "meta"}
    assert not (tmp_path / "report.pdf").exists()
    with pytest.raises(ValueError, match="unknown format"):
        write_report(uav, tmp_path, ["docx"])


def test_charts_are_png_and_skip_empty_data(uav: Landscape) -> None:
    rows = {name: table.to_pylist() for name, table in uav.tables.items()}
    charts = render_charts(rows)
    assert set(charts) == {"filings", "top_applicants", "flows", "rta", "ipc"}
    assert all(png.startswith(b"\x89PNG") for png in charts.values())
    assert render_charts({}) == {}
