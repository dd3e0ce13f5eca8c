import pytest

from reintegra.core.roles import Role
from reintegra.registry import services


@pytest.fixture
def coordinator(user_of_role):
    return user_of_role(Role.REGIONAL_COORDINATOR)


@pytest.fixture
def analyst(user_of_role):
    return user_of_role(Role.NATIONAL_ANALYST)


@pytest.fixture
def material(reference_data):
    """A court-banned video with the hash of its file and two blocked addresses."""
    return services.material_create(
        actor=None,
        title="Said Buryatsky - Talbis. Part 1",
        kind="video",
        court="Specialised inter-district court of Uralsk",
        decision_number="2-1234/2021",
        decision_date=None,
        region=None,
        banned_on=None,
        notes="",
        hashes=["9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"],
        addresses=["https://www.Example-Video.com/Channel/Talbis/", "пример.рф/talbis"],
    )
