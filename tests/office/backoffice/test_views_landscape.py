"""Landscapes in the back office: definitions, runs, files served from inside the run only."""

from __future__ import annotations

import csv
import io
import os

import pytest
from openpyxl import load_workbook

from tests.office.backoffice.browsing import body as _body
from tests.office.backoffice.browsing import browser as _browser

pytestmark = pytest.mark.django_db

RUN = "qd1131-group-11"


@pytest.fixture
def runs(landscape_runs, settings):
    settings.SANGTAO_LANDSCAPE_DIR = landscape_runs
    return landscape_runs


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Patent landscapes", "proposal for review by IP Viet Nam&#x27;s examiners"]),
        ("vi", ["Bản đồ sáng chế", "đề xuất chờ thẩm định viên Cục Sở hữu trí tuệ xem xét"]),
    ],
)
def test_lists_the_shipped_definitions_and_the_runs(runs, actors, lang, words):
    page = _browser(actors["examiner"], lang).get("/landscapes/")
    assert page.status_code == 200
    html = page.content.decode()
    for w in words:
        assert w in html, w
    for definition_id in ("qd1131-2025", "qd21-2026", "wipo35"):
        assert f"/landscapes/definitions/{definition_id}/" in html
    assert "Decision 1131" in html or "1131/QĐ-TTg" in html
    assert f"/landscapes/runs/{RUN}/report.html" in html
    assert f"/landscapes/runs/{RUN}/report.pdf" in html
    assert f"/landscapes/runs/{RUN}/landscape.xlsx" in html
    assert "qd1131-2025 0.1.0" in html


def test_definition_page_shows_each_groups_strategy_and_history(runs, actors):
    html = _browser(actors["examiner"], "en").get("/landscapes/definitions/qd1131-2025/")
    html = html.content.decode()
    assert "G06N 3/00" in html  # group 1: IPC included
    assert "trí tuệ nhân tạo" in html and "machine learning" in html  # keywords vi and en
    assert "Vietnamese large language models" in html  # a product
    assert "First proposal" in html  # the change log
    assert "Change history" in html
    vi = _browser(actors["examiner"], "vi").get("/landscapes/definitions/qd1131-2025/")
    assert "Mô hình ngôn ngữ lớn tiếng Việt" in vi.content.decode()


def test_wipo35_definition_is_approved_by_wipo(runs, actors):
    html = _browser(actors["head"], "en").get("/landscapes/definitions/wipo35/").content.decode()
    assert "WIPO 35 fields of technology" in html
    assert "Electrical machinery" in html
    assert ">approved<" in html


@pytest.mark.parametrize("bad", ["nope", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd"])
def test_only_shipped_definitions_are_read(runs, actors, bad):
    response = _browser(actors["examiner"]).get(f"/landscapes/definitions/{bad}/")
    assert response.status_code == 404


def test_run_page_lists_report_and_tables(runs, actors):
    page = _browser(actors["examiner"], "en").get(f"/landscapes/runs/{RUN}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "tables/top_applicants.csv" in html
    assert "Aerospace" in html or "11 " in html
    assert "of" in html and "families in the corpus" in html


def test_report_table_and_workbook_are_served(runs, actors):
    browser = _browser(actors["examiner"])
    html = browser.get(f"/landscapes/runs/{RUN}/report.html")
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")
    assert html["Content-Security-Policy"].startswith("sandbox")
    assert b"<html" in _body(html).lower()
    pdf = browser.get(f"/landscapes/runs/{RUN}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert _body(pdf).startswith(b"%PDF")
    table = browser.get(f"/landscapes/runs/{RUN}/tables/top_applicants.csv")
    assert table.status_code == 200
    assert "attachment" in table["Content-Disposition"]
    assert "applicant" in _body(table).decode().splitlines()[0].split(",")
    book = browser.get(f"/landscapes/runs/{RUN}/landscape.xlsx")
    assert "top_applicants" in load_workbook(io.BytesIO(_body(book))).sheetnames


@pytest.fixture
def trap(tmp_path, settings):
    """A run folder beside secrets: a file outside it, a link out of it, a hidden file."""
    root = tmp_path / "lx"
    run = root / "run"
    (run / "tables").mkdir(parents=True)
    (run / "report.html").write_text("<html>ok</html>", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("password,hunter2\n", encoding="utf-8")
    (root / "secret.csv").write_text("password,hunter2\n", encoding="utf-8")
    (run / ".hidden.csv").write_text("password,hunter2\n", encoding="utf-8")
    (run / "code.py").write_text("password = 'hunter2'\n", encoding="utf-8")
    (run / "topic_map.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    os.symlink(tmp_path / "secret.csv", run / "tables" / "link.csv")
    os.symlink(tmp_path, root / "escape")
    settings.SANGTAO_LANDSCAPE_DIR = root
    return root


@pytest.mark.parametrize(
    "url",
    [
        "/landscapes/runs/run/../secret.csv",
        "/landscapes/runs/run/../../secret.csv",
        "/landscapes/runs/run/%2e%2e/secret.csv",
        "/landscapes/runs/run/..%2fsecret.csv",
        "/landscapes/runs/run/tables/link.csv",
        "/landscapes/runs/run//etc/passwd",
        "/landscapes/runs/run/.hidden.csv",
        "/landscapes/runs/run/code.py",
        "/landscapes/runs/run/missing.csv",
        "/landscapes/runs/escape/secret.csv",
        "/landscapes/runs/../secret.csv",
        "/landscapes/runs/..%2F/secret.csv",
    ],
)
def test_path_traversal_is_refused(trap, actors, url):
    response = _browser(actors["examiner"]).get(url)
    assert response.status_code == 404, url
    assert b"hunter2" not in _body(response)


def test_the_trap_run_itself_is_served(trap, actors):
    browser = _browser(actors["examiner"])
    assert _body(browser.get("/landscapes/runs/run/report.html")) == b"<html>ok</html>"
    svg = browser.get("/landscapes/runs/run/topic_map.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert "sandbox" in svg["Content-Security-Policy"]  # its script cannot run on our origin
    assert "script-src" not in svg["Content-Security-Policy"]
    _body(svg)
    listing = browser.get("/landscapes/").content.decode()
    assert "/landscapes/runs/run/" in listing and "escape" not in listing
    page = browser.get("/landscapes/runs/run/").content.decode()
    assert "link.csv" not in page and ".hidden" not in page and "code.py" not in page


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "No landscape has been built yet."), ("vi", "Chưa có bản đồ sáng chế nào")],
)
def test_no_runs_shows_how_to_build_one(actors, lang, words):
    html = _browser(actors["examiner"], lang).get("/landscapes/").content.decode()
    assert words in html
    assert "sangtao landscape build" in html


@pytest.mark.parametrize("role", ["agent", "applicant", "other_applicant"])
def test_landscapes_are_for_office_staff(runs, actors, role):
    browser = _browser(actors[role])
    for url in ("/landscapes/", "/landscapes/definitions/wipo35/", f"/landscapes/runs/{RUN}/"):
        assert browser.get(url).status_code == 403, url
    response = browser.get(f"/landscapes/runs/{RUN}/report.html")
    assert response.status_code == 403 and b"<img" not in _body(response)
    assert _browser().get("/landscapes/").status_code == 302


def test_ministry_analysts_see_landscapes_and_indices_but_no_application(runs, actors):
    browser = _browser(actors["analyst"], "en")
    assert browser.get("/").url == "/landscapes/"
    page = browser.get("/landscapes/").content.decode()
    assert 'href="/indices/"' in page and 'href="/inbox/"' not in page
    for url in ("/landscapes/definitions/wipo35/", f"/landscapes/runs/{RUN}/", "/indices/"):
        assert browser.get(url).status_code == 200, url
    assert browser.get("/inbox/").status_code == 403


def test_navigation_shows_sections_to_staff_only(actors):
    staff = _browser(actors["examiner"], "en").get("/inbox/").content.decode()
    assert 'href="/landscapes/"' in staff and 'href="/indices/"' in staff
    agent = _browser(actors["agent"], "en").get("/my/").content.decode()
    assert 'href="/landscapes/"' not in agent and 'href="/indices/"' not in agent


def test_run_page_shows_the_topic_map_and_its_clusters(runs, actors):
    page = _browser(actors["analyst"], "en").get(f"/landscapes/runs/{RUN}/").content.decode()
    assert "Topic map" in page
    assert f'src="/landscapes/runs/{RUN}/topic_map.png"' in page
    with (runs / RUN / "tables" / "topics_clusters.csv").open(encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    assert first["top_terms"] in page
    image = _browser(actors["analyst"]).get(f"/landscapes/runs/{RUN}/topic_map.png")
    assert _body(image).startswith(b"\x89PNG")
