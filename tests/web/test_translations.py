"""The interface ships complete in Kazakh and Russian."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import polib
import pytest

from reintegra.core.translations import LOCALE_DIR

LANGUAGES = ("kk", "ru")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], f"{language}: untranslated messages"
    assert fuzzy == [], f"{language}: fuzzy (unchecked) messages"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_plural_forms_are_kept(language):
    po = catalogue(language)
    plural_forms = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    assert plural_forms >= 2
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == plural_forms, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid
        if "python-format" in entry.flags:
            wanted = set(re.findall(r"%\((\w+)\)s", entry.msgid))
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text:
                    assert set(re.findall(r"%\((\w+)\)s", text)) <= wanted | set(
                        re.findall(r"%\((\w+)\)s", entry.msgid_plural or "")
                    ), entry.msgid


@pytest.mark.skipif(
    not shutil.which("xgettext") and not os.environ.get("CI"),
    reason="GNU gettext (xgettext) is not installed",
)
def test_the_catalogues_hold_every_message_of_the_source(tmp_path):
    """Extract the messages afresh; a string added to the code but not to the .po files fails."""
    package = LOCALE_DIR.parent
    probe = LOCALE_DIR / "en"
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reintegra",
                "makemessages",
                "-l",
                "en",
                "--no-location",
                "--no-obsolete",
            ],
            cwd=package,
            env={**os.environ, "REINTEGRA_ENV": "test"},
            check=True,
            capture_output=True,
        )
        source = {
            (e.msgctxt, e.msgid) for e in polib.pofile(str(probe / "LC_MESSAGES" / "django.po"))
        }
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    for language in LANGUAGES:
        have = {(e.msgctxt, e.msgid) for e in catalogue(language) if not e.obsolete}
        missing = sorted(m for _c, m in source - have)
        assert missing == [], f"{language}: run makemessages and translate: {missing[:10]}"


def test_compiled_catalogues_are_used(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    assert 'lang="kk"' in response.content.decode()
    login_kk = catalogue("kk").find("Sign in").msgstr
    assert login_kk and login_kk in response.content.decode()
