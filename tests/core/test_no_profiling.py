"""Nothing computes a risk or need score about a person: no stored field, no API property.

Assessment is structured professional judgement: people decide, and the system shows their
answers and decisions. A field or a key that looks like a score fails here until it is reviewed;
one that is not about a person (a name-match score between two records, say) is allowed by name
below, with the reason.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from drf_spectacular.generators import SchemaGenerator

SCORE_LIKE = re.compile(r"(score|risk|rating|points|total|probability|danger|threat|rank)", re.I)

# model label or schema component -> field: why it is not a score about a person.
REVIEWED: dict[tuple[str, str], str] = {
    ("IndicatorTable", "total"): "the total of an aggregate figure over many people",
    ("tracing.ImportRow", "score"): "how well a row of an imported list matches a registry "
    "record by name, sex and date of birth (identity resolution), not a judgement of the person",
    ("ImportRow", "score"): "the same name-match score, in the API",
    ("tracing.Candidate", "rank"): "the order of the registry records suggested for a list row",
}


def reintegra_models():
    return [m for m in apps.get_models() if m.__module__.startswith("reintegra.")]


def test_no_model_stores_a_score_about_a_person():
    found = [
        (model._meta.label, field.name)
        for model in reintegra_models()
        for field in model._meta.get_fields()
        if SCORE_LIKE.search(field.name) and (model._meta.label, field.name) not in REVIEWED
    ]
    assert found == []


@pytest.mark.django_db
def test_no_api_property_carries_a_score_about_a_person():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for component, definition in schema["components"]["schemas"].items():
        for prop in definition.get("properties", {}):
            if SCORE_LIKE.search(prop) and (component, prop) not in REVIEWED:
                found.append((component, prop))
    assert found == []


def test_the_check_itself_catches_a_score_field():
    assert SCORE_LIKE.search("need_score") and SCORE_LIKE.search("riskLevel")
    assert not SCORE_LIKE.search("need_level") and not SCORE_LIKE.search("judgement")
