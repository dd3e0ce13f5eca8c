"""Five failed sign-ins lock the login for 15 minutes, even with the right password."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_four_failures_still_let_the_right_password_in(client, case_worker):
    for _ in range(4):
        assert sign_in(client, case_worker.username, "wrong-password").status_code == 200
    response = sign_in(client, case_worker.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_five_failures_lock_the_login_even_for_the_right_password(client, case_worker):
    for _ in range(5):
        sign_in(client, case_worker.username, "wrong-password")
    response = sign_in(client, case_worker.username, PASSWORD)
    assert response.status_code == 429
    assert "15" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_fifteen_minutes(client, case_worker):
    for _ in range(5):
        sign_in(client, case_worker.username, "wrong-password")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - dt.timedelta(minutes=16)
    )
    response = sign_in(client, case_worker.username, PASSWORD)
    assert response.status_code == 302


def test_the_lock_does_not_touch_other_logins(client, case_worker, auditor):
    for _ in range(5):
        sign_in(client, case_worker.username, "wrong-password")
    assert sign_in(client, auditor.username, PASSWORD).status_code == 302


def test_a_wrong_password_says_how_many_attempts_are_allowed(client, case_worker):
    response = sign_in(client, case_worker.username, "wrong-password")
    assert "5" in response.content.decode()
    assert response.context["form"].errors
