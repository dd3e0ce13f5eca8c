"""Production settings: the deploy checklist is clean, secrets are required, sessions time out."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "REINTEGRA_ENV": "production",
    "SECRET_KEY": "x7$Kq2!vZp9#Lm4@Wt6^Rb8&Nc1*Hd3(Fg5)Js0_Ye2+Ua7=Oi9-Xe4~Tr6",
    "ALLOWED_HOSTS": "reintegra.example.kz",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_reintegra(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("REINTEGRA_", "DJANGO_"))}
    clean.pop("SECRET_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "reintegra", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = run_reintegra("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_reintegra("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_migration_check_runs_on_a_build_machine_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_reintegra("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_an_unknown_profile_is_refused():
    result = run_reintegra("check", env={**PRODUCTION_ENV, "REINTEGRA_ENV": "staging"})
    assert result.returncode != 0
    assert "REINTEGRA_ENV must be one of" in result.stderr


def test_sessions_end_after_thirty_idle_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request moves the deadline on


@pytest.mark.django_db
def test_an_idle_session_is_signed_out(client, case_worker):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(case_worker, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/").status_code == 200
    # Thirty-one minutes without a request: the stored session has expired.
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(minutes=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script_or_event_handlers():
    import re
    from pathlib import Path

    import reintegra

    root = Path(reintegra.__file__).parent
    offenders = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=", text):
            offenders.append(str(template.relative_to(root)))
        if re.search(r"\sstyle=", text):
            offenders.append(str(template.relative_to(root)))
    assert offenders == []
