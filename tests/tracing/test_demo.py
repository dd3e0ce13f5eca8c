"""The demo holds people abroad with evidence and one imported list ready for review."""

from __future__ import annotations

import pytest

from reintegra.accounts.demo import demo_users_create
from reintegra.demo.dataset import demo_dataset_load
from reintegra.returns.models import AbroadRecord, Evidence
from reintegra.returns.services import operations_load
from reintegra.tracing.models import BatchStatus, Candidate, ImportBatch

pytestmark = pytest.mark.django_db


def test_the_demo_has_people_abroad_and_a_list_ready_for_review(reference_data):
    operations_load(actor=None)
    demo_users_create()
    demo_dataset_load()
    assert AbroadRecord.objects.count() == 4
    assert Evidence.objects.count() == 4
    [batch] = ImportBatch.objects.all()
    assert batch.status == BatchStatus.READY, batch.error
    assert batch.row_count == 12
    matched = batch.rows.filter(decision="match").count()
    assert matched >= 6
    assert Candidate.objects.filter(row__batch=batch, rank=1).count() >= 8
