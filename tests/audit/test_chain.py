"""The audit trail is append-only and a rewrite made directly in the database is detected.

These tests run on SQLite, and on PostgreSQL when DATABASE_URL points at one.
"""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from reintegra.audit.models import AppendOnlyError, Event, EventKind
from reintegra.audit.selectors import verify_chain
from reintegra.audit.services import record, viewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_entries(case_worker):
    for number in range(5):
        record(actor=case_worker, action="test.changed", changes={"n": number, "name": "Әлия"})
    return list(Event.objects.order_by("seq"))


def run_sql(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def verify_command() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_each_entry_carries_the_hash_of_the_one_before(five_entries):
    entries = list(Event.objects.order_by("seq"))
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
        assert after.seq == before.seq + 1
    assert all(entry.hash == entry.compute_hash() for entry in entries)


def test_verify_says_ok_on_an_intact_log(five_entries):
    report = verify_chain()
    assert report.ok
    assert report.checked == Event.objects.count()
    assert verify_command().startswith("OK")


def test_a_changed_entry_is_named(five_entries):
    target = five_entries[-3]
    run_sql("UPDATE audit_event SET action = %s WHERE id = %s", ["test.forged", target.pk])
    report = verify_chain()
    assert not report.ok
    assert report.bad_seq == target.seq
    assert "changed" in report.problem


def test_a_changed_json_value_is_detected(five_entries):
    target = five_entries[-2]
    run_sql("UPDATE audit_event SET changes = %s WHERE id = %s", ['{"n": 99}', target.pk])
    assert verify_chain().bad_seq == target.seq


def test_a_removed_entry_is_named(five_entries):
    target = five_entries[-3]
    run_sql("DELETE FROM audit_event WHERE id = %s", [target.pk])
    report = verify_chain()
    assert not report.ok
    assert report.bad_seq == target.seq
    assert "missing" in report.problem


def test_removing_the_newest_entry_is_detected(five_entries):
    newest = five_entries[-1]
    run_sql("DELETE FROM audit_event WHERE id = %s", [newest.pk])
    report = verify_chain()
    assert not report.ok
    assert report.bad_seq == newest.seq


def test_reordered_entries_are_detected(five_entries):
    first, second = five_entries[-3], five_entries[-2]
    run_sql("UPDATE audit_event SET seq = %s WHERE id = %s", [10**9, first.pk])
    run_sql("UPDATE audit_event SET seq = %s WHERE id = %s", [first.seq, second.pk])
    run_sql("UPDATE audit_event SET seq = %s WHERE id = %s", [second.seq, first.pk])
    report = verify_chain()
    assert not report.ok
    assert report.bad_seq == first.seq


def test_swapped_times_are_detected(five_entries):
    first, second = five_entries[-3], five_entries[-2]
    run_sql("UPDATE audit_event SET at = %s WHERE id = %s", [second.at, first.pk])
    run_sql("UPDATE audit_event SET at = %s WHERE id = %s", [first.at, second.pk])
    assert verify_chain().bad_seq == first.seq


def test_the_verify_command_exits_non_zero_naming_the_entry(five_entries):
    target = five_entries[-4]
    run_sql("UPDATE audit_event SET reason = %s WHERE id = %s", ["rewritten", target.pk])
    with pytest.raises(CommandError) as failure:
        verify_command()
    assert failure.value.returncode == 1
    assert f"#{target.seq}" in str(failure.value)


def test_the_orm_refuses_to_update_or_delete_entries(five_entries):
    entry = Event.objects.order_by("seq").last()
    entry.action = "test.forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=entry.pk).update(action="test.forged")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.bulk_update([entry], ["action"])
    assert verify_chain().ok


def test_a_view_of_a_record_appends_an_access_entry(case_worker):
    event = viewed(actor=case_worker, obj=case_worker)
    assert event.kind == EventKind.ACCESS
    assert event.action == "user.viewed"
    assert event.object_id == str(case_worker.pk)
    assert event.actor_username == case_worker.username
    assert event.actor_organisation.code == "aqniet-aktau"
    assert verify_chain().ok


def test_sign_in_and_failed_sign_in_are_recorded(client, case_worker):
    client.post("/accounts/login/", {"username": case_worker.username, "password": "wrong"})
    failed = Event.objects.filter(action="auth.sign_in_failed").first()
    assert failed is not None and failed.actor_username == case_worker.username
    assert failed.ip_address == "127.0.0.1"
    from tests.conftest import PASSWORD

    client.post("/accounts/login/", {"username": case_worker.username, "password": PASSWORD})
    assert Event.objects.filter(action="auth.signed_in", actor=case_worker).exists()
