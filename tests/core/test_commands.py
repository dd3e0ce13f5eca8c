"""The console script: the demo prepares a fresh data directory; every command honours it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys


def reintegra(*args: str, data_dir, extra_env=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REINTEGRA_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"REINTEGRA_DATA_DIR": str(data_dir), **(extra_env or {})})
    return subprocess.run(
        [sys.executable, "-m", "reintegra", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_demo_without_serving_prepares_the_database_and_prints_the_logins(tmp_path):
    result = reintegra("demo", "--no-serve", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    for login in (
        "admin",
        "analyst",
        "coordinator",
        "caseworker",
        "psychologist",
        "tracer",
        "partner",
        "auditor",
    ):
        assert f"  {login} " in result.stdout
    assert "Reintegra-demo-2026" in result.stdout
    database = tmp_path / "reintegra.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM core_region").fetchone()[0] == 20
        users = db.execute("SELECT count(*) FROM accounts_user").fetchone()[0]
        logins = {row[0] for row in db.execute("SELECT username FROM accounts_user")}
        assert {"admin", "auditor", "caseworker", "partner"} <= logins
        assert db.execute("SELECT count(*) FROM returns_return").fetchone()[0] == 749

    again = reintegra("demo", "--no-serve", data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM accounts_user").fetchone()[0] == users
        assert db.execute("SELECT count(*) FROM returns_return").fetchone()[0] == 749

    verify = reintegra("audit", "verify", data_dir=tmp_path, extra_env={"SECRET_KEY": "k" * 50})
    assert verify.returncode == 0, verify.stderr
    assert verify.stdout.startswith("OK")

    with sqlite3.connect(database) as db:
        db.execute("UPDATE audit_event SET reason = 'rewritten' WHERE seq = 3")
    broken = reintegra("audit", "verify", data_dir=tmp_path, extra_env={"SECRET_KEY": "k" * 50})
    assert broken.returncode == 1
    assert "#3" in broken.stderr
