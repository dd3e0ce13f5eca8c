"""Compile the translation catalogues (.po to .mo) with Python alone.

Django's `compilemessages` needs GNU gettext's msgfmt; this needs only polib, so a fresh machine
can run the system in Kazakh and Russian. Runs without settings: ``python -m
reintegra.core.translations`` (the install step) or ``reintegra compiletranslations``.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(*, locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Compile every catalogue whose .mo is missing or older than its .po; returns them."""
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled


if __name__ == "__main__":
    for path in compile_catalogues(force="--force" in sys.argv):
        print(f"compiled {path}")
