"""Every read of the knowledge centre and of specialists, always restricted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from reintegra.core.access import VIEW, access_context
from reintegra.core.roles import Role
from reintegra.knowledge import search
from reintegra.knowledge.models import (
    LANGUAGES,
    Certificate,
    Material,
    MaterialKind,
    MaterialStatus,
    MaterialText,
    QuestionAnswer,
    Specialist,
)

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def _with_current_texts(qs: QuerySet[Material]) -> QuerySet[Material]:
    """Lists show titles in the user's language: the current versions, prefetched at once."""
    return qs.select_related("organisation").prefetch_related(
        Prefetch(
            "texts",
            queryset=MaterialText.objects.filter(revision=F("material__revision")),
            to_attr="current",
        ),
        "topics",
    )


def _title_in_language() -> Coalesce:
    """The current title in the user's language, else Russian, Kazakh, English: for sorting."""
    language = (get_language() or "ru")[:2]
    order = list(dict.fromkeys([language, "ru", "kk", "en"]))

    def title(code: str) -> Subquery:
        return Subquery(
            MaterialText.objects.filter(
                material=OuterRef("pk"), revision=OuterRef("revision"), language=code
            ).values("title")[:1]
        )

    return Coalesce(*(title(code) for code in order))


def material_search(
    user: User, query: str, language: str | None = None, *, qs: QuerySet | None = None
) -> QuerySet[Material]:
    """Materials whose current version matches ``query`` (in ``language`` only, if given),
    ranked, among those the user may read. The database's own full-text search does the work
    (``knowledge.search``)."""
    ranked = search.ranked_material_ids(query, language)
    base = Material.objects.restrict(user, VIEW) if qs is None else qs
    if not ranked:
        # Still annotated: the list sorts by relevance whether or not anything matched.
        return base.none().annotate(rank=Value(0.0, output_field=FloatField()))
    rank = Case(
        *(When(pk=pk, then=Value(score)) for pk, score in ranked.items()),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return base.filter(pk__in=list(ranked)).annotate(rank=rank).order_by("-rank", "pk")


@dataclass(frozen=True)
class MaterialFilters:
    query: str = ""
    kind: str = ""
    topic: int | None = None
    language: str = ""
    audience: str = ""
    status: str = ""


def material_list(*, user: User, filters: MaterialFilters, public_only: bool = False):
    """The materials a user may read, filtered; ranked by relevance when searching."""
    qs = Material.objects.restrict(user, VIEW)
    if public_only:
        qs = qs.filter(status=MaterialStatus.PUBLISHED, is_public=True)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.topic:
        qs = qs.filter(
            Exists(
                Material.topics.through.objects.filter(material=OuterRef("pk"), topic=filters.topic)
            )
        )
    if filters.audience:
        qs = qs.filter(audience=filters.audience)
    if filters.status:
        qs = qs.filter(status=filters.status)
    language = filters.language if filters.language in LANGUAGES else None
    if language:
        has_text = MaterialText.objects.filter(
            material=OuterRef("pk"), revision=OuterRef("revision"), language=language
        )
        has_pair = QuestionAnswer.objects.filter(material=OuterRef("pk")).exclude(
            **{f"question_{language}": ""}
        )
        qs = qs.filter(Exists(has_text) | Exists(has_pair))
    if filters.query.strip():
        qs = material_search(user, filters.query, language, qs=qs)
    return _with_current_texts(qs.annotate(title=_title_in_language()))


def public_materials(user: User) -> QuerySet[Material]:
    """What partners and visiting delegations see: published and public, nothing else."""
    return material_list(user=user, filters=MaterialFilters(), public_only=True)


def material_texts(material: Material) -> dict[int, list[MaterialText]]:
    """Every version of a material, newest first: {version number: its language versions}."""
    versions: dict[int, list[MaterialText]] = {}
    for text in material.texts.order_by("-revision", "language").select_related("written_by"):
        versions.setdefault(text.revision, []).append(text)
    return versions


def qa_by_topic(*, user: User, topic: int | None = None, public_only: bool = False):
    """Questions and answers of the materials the user may read, grouped by topic."""
    materials = Material.objects.restrict(user, VIEW).filter(kind=MaterialKind.QA)
    if public_only:
        materials = materials.filter(status=MaterialStatus.PUBLISHED, is_public=True)
    pairs = QuestionAnswer.objects.filter(material__in=materials.values("pk")).select_related(
        "topic"
    )
    if topic:
        pairs = pairs.filter(topic_id=topic)
    return pairs.order_by("topic__code", "material_id", "position", "pk")


# --- Specialists ----------------------------------------------------------------------------------


def specialist_list(*, user: User, profession: str = "", category: int | None = None):
    qs = Specialist.objects.restrict(user, VIEW).select_related(
        "user", "organisation__region", "category"
    )
    if profession:
        qs = qs.filter(user__profession=profession)
    if category:
        qs = qs.filter(category_id=category)
    return qs.annotate(
        certificate_count=Count("certificates", distinct=True),
    ).order_by("user__last_name", "user__first_name", "pk")


def warning_days() -> int:
    return settings.CERTIFICATE_WARNING_DAYS


@dataclass(frozen=True)
class Expiring:
    soon: QuerySet[Certificate]
    expired: QuerySet[Certificate]
    days: int
    until: dt.date


def certificates_expiring(*, user: User, days: int | None = None) -> Expiring:
    """Certificates and trainings expiring within ``days`` (default from the settings), and
    those already expired, among the specialists the user may see."""
    today = timezone.localdate()
    days = warning_days() if days is None else max(0, days)
    until = today + dt.timedelta(days=days)
    qs = Certificate.objects.restrict(user, VIEW).select_related(
        "specialist__user", "specialist__organisation"
    )
    return Expiring(
        soon=qs.filter(expires_on__gte=today, expires_on__lte=until).order_by("expires_on", "pk"),
        expired=qs.filter(expires_on__lt=today).order_by("-expires_on", "pk"),
        days=days,
        until=until,
    )


REPORT_ALL_ROLES = (Role.NATIONAL_ANALYST, Role.ADMINISTRATOR)


def report_specialists(user: User) -> QuerySet[Specialist]:
    """Whom the report counts: everybody for analysts and administrators (counts only), the
    coordinator's scope for a coordinator."""
    if access_context(user).has_role(*REPORT_ALL_ROLES):
        return Specialist.objects.all()
    return Specialist.objects.restrict(user, VIEW)


def specialist_report(*, user: User) -> list[dict]:
    """Counts of specialists by region, profession and qualification category."""
    return list(
        report_specialists(user)
        .values(
            "organisation__region__code",
            "organisation__region__name_kk",
            "organisation__region__name_ru",
            "organisation__region__name_en",
            "user__profession",
            "category__code",
            "category__name_kk",
            "category__name_ru",
            "category__name_en",
            "category__seniority",
        )
        .annotate(count=Count("pk", distinct=True))
        .order_by(
            "organisation__region__sort_order",
            "organisation__region__code",
            "user__profession",
            "-category__seniority",
        )
    )
