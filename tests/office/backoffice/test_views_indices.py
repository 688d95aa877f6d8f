"""Innovation indices in the back office: frameworks, published PII, runs and their files."""

from __future__ import annotations

import csv
import io
import os

import pytest
from openpyxl import load_workbook

from tests.office.backoffice.browsing import body as _body
from tests.office.backoffice.browsing import browser as _browser

pytestmark = pytest.mark.django_db


@pytest.fixture
def runs(index_runs, settings):
    settings.SANGTAO_INDICES_DIR = index_runs
    return index_runs


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Innovation indices", "Institutions", "Market sophistication", "Connectivity"]),
        ("vi", ["Chỉ số đổi mới sáng tạo", "Thể chế", "Trình độ phát triển kinh doanh"]),
    ],
)
def test_lists_frameworks_published_editions_and_runs(runs, actors, lang, words):
    page = _browser(actors["examiner"], lang).get("/indices/")
    assert page.status_code == 200
    html = page.content.decode()
    for w in words:
        assert w in html, w
    for key in ("pii", "gii", "asem"):
        assert f"/indices/frameworks/{key}/" in html
    for edition in ("2023", "2024", "2025"):
        assert f"#published-{edition}" in html
    assert "/indices/runs/pii/report.html" in html
    assert "/indices/runs/pii/index.xlsx" in html
    with (runs / "pii" / "results.csv").open(encoding="utf-8") as f:
        leader = next(csv.DictReader(f))
    assert leader["uName"] in html  # the run's leading unit


def test_pii_framework_shows_pillars_slots_and_published_results(runs, actors):
    html = _browser(actors["examiner"], "en").get("/indices/frameworks/pii/").content.decode()
    assert "Knowledge, creativity and technology products" in html
    assert "Provincial Competitiveness Index (PCI)" in html
    assert ">slot<" in html and ">named<" in html
    assert "examples/pii/pii.yaml" in html  # the example spec
    assert 'id="published-2025"' in html and "nhandan.vn" in html
    vi = _browser(actors["examiner"], "vi").get("/indices/frameworks/pii/").content.decode()
    assert "Sản phẩm tri thức, sáng tạo và công nghệ" in vi


def test_gii_and_asem_frameworks(runs, actors):
    gii = _browser(actors["head"], "en").get("/indices/frameworks/gii/").content.decode()
    assert "Creative outputs" in gii and "Online creativity" in gii
    asem = _browser(actors["head"], "en").get("/indices/frameworks/asem/").content.decode()
    assert "Sustainable Connectivity" in asem and "People to People" in asem
    assert "examples/asem/default.yaml" in asem
    assert _browser(actors["head"]).get("/indices/frameworks/nope/").status_code == 404


def test_without_the_examples_folder_the_templates_still_show(runs, actors, settings, tmp_path):
    settings.SANGTAO_EXAMPLES_DIR = tmp_path / "no-examples"
    html = _browser(actors["examiner"], "en").get("/indices/").content.decode()
    assert "/indices/frameworks/pii/" in html and "/indices/frameworks/asem/" not in html
    assert "#published-" not in html
    assert _browser(actors["examiner"]).get("/indices/frameworks/asem/").status_code == 404


def test_run_page_ranks_units_and_sets_published_pii_beside(runs, actors):
    html = _browser(actors["examiner"], "en").get("/indices/runs/pii/").content.decode()
    assert "Published PII 2025 beside this run" in html
    assert "Hanoi" in html and "ha_noi" in html
    with (runs / "pii" / "results.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 34
    assert rows[0]["uName"] in html
    assert "aggregated.csv" in html and "normalised.csv" in html


def test_results_workbook_and_report_are_served(runs, actors):
    browser = _browser(actors["examiner"])
    results = browser.get("/indices/runs/pii/results.csv")
    assert "attachment" in results["Content-Disposition"]
    assert _body(results).decode().startswith("uCode,")
    book = load_workbook(io.BytesIO(_body(browser.get("/indices/runs/pii/index.xlsx"))))
    assert "Results" in book.sheetnames
    report = browser.get("/indices/runs/pii/report.html")
    assert report["Content-Security-Policy"].startswith("sandbox")
    assert b"<html" in _body(report).lower()


@pytest.fixture
def trap(tmp_path, settings):
    root = tmp_path / "ix"
    (root / "run").mkdir(parents=True)
    (root / "run" / "results.csv").write_text("uCode,X,X_rank\nA,1,1\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("password,hunter2\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.csv", root / "run" / "link.csv")
    (root / "run" / "2024").mkdir()
    (root / "run" / "2024" / "results.csv").write_text("uCode,X,X_rank\nB,2,1\n", "utf-8")
    (root / "run" / "2024" / "deep").mkdir()
    (root / "run" / "2024" / "deep" / "results.csv").write_text("uCode\nC\n", "utf-8")
    settings.SANGTAO_INDICES_DIR = root
    return root


@pytest.mark.parametrize(
    "url",
    [
        "/indices/runs/run/../../secret.csv",
        "/indices/runs/run/%2e%2e/%2e%2e/secret.csv",
        "/indices/runs/run/link.csv",
        "/indices/runs/..%2F..%2F/secret.csv",
        "/indices/runs/run//etc/passwd",
    ],
)
def test_path_traversal_is_refused(trap, actors, url):
    response = _browser(actors["examiner"]).get(url)
    assert response.status_code == 404, url
    assert b"hunter2" not in _body(response)


def test_a_run_without_an_aggregate_is_listed_plainly(trap, actors):
    browser = _browser(actors["examiner"], "en")
    html = browser.get("/indices/runs/run/").content.decode()
    assert "results.csv" in html and "link.csv" not in html
    assert "2024/results.csv" in html  # a panel run's year folder
    assert "deep/" not in html  # two levels at most
    assert _body(browser.get("/indices/runs/run/2024/results.csv")).startswith(b"uCode")
    assert browser.get("/indices/runs/run/2024/deep/results.csv").status_code == 404


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "No index has been built yet."), ("vi", "Chưa có chỉ số nào được tính.")],
)
def test_no_runs_shows_how_to_build_one(actors, lang, words):
    html = _browser(actors["examiner"], lang).get("/indices/").content.decode()
    assert words in html
    assert "sangtao index build examples/pii/pii.yaml" in html


@pytest.mark.parametrize("role", ["agent", "applicant", "other_agent"])
def test_indices_are_for_office_staff(runs, actors, role):
    browser = _browser(actors[role])
    for url in ("/indices/", "/indices/frameworks/pii/", "/indices/runs/pii/"):
        assert browser.get(url).status_code == 403, url
    response = browser.get("/indices/runs/pii/results.csv")
    assert response.status_code == 403 and b"uCode" not in _body(response)
    assert _browser().get("/indices/runs/pii/results.csv").status_code == 302
