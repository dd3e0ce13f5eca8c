"""Django set up for the bench commands, on the database named by DATABASE_URL."""

from __future__ import annotations

import os
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
DEFAULT_DATABASE_URL = f"sqlite:///{OUT / 'bench.sqlite3'}"


def setup() -> None:
    """Configure Django once: the demo profile (no secrets needed), the bench database."""
    OUT.mkdir(exist_ok=True)
    os.environ.setdefault("REINTEGRA_ENV", "demo")
    os.environ.setdefault("REINTEGRA_DATA_DIR", str(OUT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")
    import django

    django.setup()
