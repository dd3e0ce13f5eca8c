"""The user's own account page."""

from __future__ import annotations

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_account_page_names_the_sensitive_permissions_in_words(make_user):
    worker = make_user(permissions=["children", "identity_numbers"])
    page = client_for(worker).get("/accounts/profile/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Children&#x27;s records, Identity numbers" in text
    assert "identity_numbers" not in text
