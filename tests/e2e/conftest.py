"""Browser tests: Playwright driving the system's Chromium (Debian's package), never a download."""

from __future__ import annotations

import importlib
import os
import shutil

import pytest

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str | None:
    configured = os.environ.get("REINTEGRA_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(config, items):
    if chromium_path():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            "CI needs Chromium for the browser tests (apt-get install chromium)"
        )
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls run
    # in their own thread, and the test's own ORM calls are plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# Rows that data migrations ship to every installation. A browser test runs in a transactional
# test case, whose flush after each test empties every table, these rows too: put them back.
SHIPPED_DATA = [
    ("reintegra.cases.migrations.0009_shipped_instruments", "forwards"),
    ("reintegra.registry.migrations.0002_national_list", "load"),
]


def restore_shipped_data() -> None:
    from django.apps import apps

    for module, function in SHIPPED_DATA:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture
def new_page(browser, live_server):
    """new_page() -> a page in a fresh browser context (its own cookies: its own user)."""
    restore_shipped_data()
    contexts = []

    def make(locale: str = "en-US"):
        context = browser.new_context(base_url=live_server.url, locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
