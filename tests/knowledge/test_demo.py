"""The demo's knowledge centre: materials in three languages, counter-arguments for delegations,
and the demo specialists' profiles."""

from __future__ import annotations

import pytest

from reintegra.accounts.demo import demo_users_create
from reintegra.accounts.models import User
from reintegra.demo.knowledge import demo_knowledge_load
from reintegra.knowledge import selectors
from reintegra.knowledge.models import Material, MaterialKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data):
    demo_users_create()
    return demo_knowledge_load()


def test_the_demo_holds_materials_of_every_kind_once(demo):
    assert demo == 15
    assert set(Material.objects.values_list("kind", flat=True)) == set(MaterialKind.values)
    assert demo_knowledge_load() == 0
    assert Material.objects.filter(kind="qa").count() == 2


def test_the_demo_materials_are_found_in_each_language(demo):
    reader = User.objects.get(username="psychologist")
    for query in ("хиджра", "ғұламалардың", "гуламалардын", "вербовщиков", "recruiters"):
        assert selectors.material_search(reader, query).exists(), query


def test_the_demo_partner_sees_only_public_materials(demo):
    partner = User.objects.get(username="partner")
    shown = selectors.public_materials(partner)
    assert shown.exists()
    assert not shown.filter(is_public=False).exists()
    assert not shown.filter(status="draft").exists()


def test_the_demo_specialists_have_categories_and_one_training_expiring_soon(demo):
    coordinator = User.objects.get(username="coordinator")
    listed = selectors.specialist_list(user=coordinator)
    assert {s.category.code for s in listed} == {"highest", "first"}
    expiring = selectors.certificates_expiring(user=coordinator)
    assert [c.title for c in expiring.soon] == ["Кризисное консультирование"]
    assert expiring.expired.count() == 1
