"""Fail when a page or message lacks its Vietnamese translation.

Re-extracts messages into a scratch copy of the package (so the tree is not
touched) and lists every untranslated or fuzzy entry.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SANGTAO = ROOT / ".venv" / "bin" / "sangtao"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "sangtao"
        shutil.copytree(ROOT / "src" / "sangtao", pkg, ignore=shutil.ignore_patterns("*.mo"))
        subprocess.run(
            [str(SANGTAO), "makemessages", "-l", "vi", "--no-location", "--no-obsolete", "-v", "0"],
            cwd=pkg,
            check=True,
        )
        po = pkg / "locale" / "vi" / "LC_MESSAGES" / "django.po"
        problems = []
        for flag in ("--untranslated", "--only-fuzzy"):
            out = subprocess.run(
                ["msgattrib", flag, "--no-wrap", str(po)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            ids = [
                line[len("msgid ") :]
                for line in out.splitlines()
                if line.startswith("msgid ") and line != 'msgid ""'
            ]
            problems += [f"{flag.strip('-')}: {i}" for i in ids]
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    if problems:
        sys.stderr.write("Vietnamese translations missing:\n  " + "\n  ".join(problems) + "\n")
        sys.stderr.write("Run `make makemessages` and translate src/sangtao/locale/vi.\n")
        return 1
    sys.stdout.write("translations: complete\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
