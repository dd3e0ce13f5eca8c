"""One demo user per role, for the embedded demo and the tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from reintegra.accounts import services
from reintegra.accounts.models import User
from reintegra.core.models import Organisation
from reintegra.core.roles import Profession, Role, Scope, SensitivePermission

DEMO_PASSWORD = "Reintegra-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    scope: str
    organisation: str
    permissions: tuple[str, ...] = ()
    profession: str = ""


P = SensitivePermission
DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", "Айгүл", "Сейітова", Role.ADMINISTRATOR, Scope.NATIONAL, "aqniet"),
    DemoUser(
        "analyst",
        "Ерлан",
        "Жақсылықов",
        Role.NATIONAL_ANALYST,
        Scope.NATIONAL,
        "religious-affairs-committee",
    ),
    DemoUser(
        "coordinator",
        "Гүлнар",
        "Әбенова",
        Role.REGIONAL_COORDINATOR,
        Scope.REGION,
        "aqniet-aktau",
        (P.CHILDREN, P.IDENTITY_NUMBERS, P.LEGAL_SECURITY),
    ),
    DemoUser(
        "caseworker",
        "Мадина",
        "Оспанова",
        Role.CASE_WORKER,
        Scope.ORGANISATION,
        "aqniet-aktau",
        (P.CHILDREN, P.IDENTITY_NUMBERS),
    ),
    DemoUser(
        "psychologist",
        "Динара",
        "Қасымова",
        Role.SPECIALIST,
        Scope.TEAM,
        "aqniet-aktau",
        (P.CHILDREN, P.CONFIDENTIAL_NOTES),
        Profession.PSYCHOLOGIST,
    ),
    DemoUser(
        "theologian",
        "Нұрлан",
        "Бекмұханов",
        Role.SPECIALIST,
        Scope.TEAM,
        "aqniet-aktau",
        (P.CONFIDENTIAL_NOTES,),
        Profession.THEOLOGIAN,
    ),
    DemoUser(
        "tracer",
        "Асхат",
        "Төлеуов",
        Role.TRACING_OFFICER,
        Scope.NATIONAL,
        "religious-affairs-committee",
        (P.CHILDREN, P.IDENTITY_NUMBERS),
    ),
    DemoUser("partner", "Anna", "Lindqvist", Role.PARTNER, Scope.NATIONAL, "undp-kz"),
    DemoUser(
        "auditor", "Серік", "Мұқанов", Role.AUDITOR, Scope.NATIONAL, "religious-affairs-committee"
    ),
]


@transaction.atomic
def demo_users_create() -> list[tuple[DemoUser, bool]]:
    """Create the demo users that do not exist yet; returns each with whether it was created."""
    result = []
    for demo in DEMO_USERS:
        if User.objects.filter(username=demo.username).exists():
            result.append((demo, False))
            continue
        user = services.user_create(
            actor=None,
            username=demo.username,
            password=DEMO_PASSWORD,
            first_name=demo.first_name,
            last_name=demo.last_name,
            profession=demo.profession,
        )
        services.membership_grant(
            actor=None,
            user=user,
            organisation=Organisation.objects.get(code=demo.organisation),
            role=demo.role,
            scope=demo.scope,
            permissions=demo.permissions,
        )
        result.append((demo, True))
    return result


def demo_case_worker(organisation_code: str, *, permissions: tuple[str, ...]) -> User:
    """The demo case worker ``cw-<code>`` of an organisation, created on first use."""
    username = f"cw-{organisation_code}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = services.user_create(
            actor=None,
            username=username,
            password=DEMO_PASSWORD,
            first_name="Demo",
            last_name=organisation_code,
        )
        services.membership_grant(
            actor=None,
            user=user,
            organisation=Organisation.objects.get(code=organisation_code),
            role=Role.CASE_WORKER,
            scope=Scope.ORGANISATION,
            permissions=list(permissions),
        )
    return user
