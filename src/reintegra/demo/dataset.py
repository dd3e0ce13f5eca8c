"""The demo dataset: families returned from Syria and Iraq, and Almaty's counselling cases.

Deterministic (one seed) and built to reproduce the program's published figures (domain.md):
749 citizens returned since 2017, 595 of them in operation "Zhusan", 14 children in "Rusafa", the
rest individual returns; 37 men, 190 women and 522 children; of the women 46% employed, 24% with
higher and 24% with specialised secondary education, 90% not prosecuted, 97% assessed as having
renounced violent ideology. In Almaty, 570 people had individual conversations and 245 of them
were rehabilitated (their counselling cases closed with the goals achieved).

Everything is written in bulk inside one transaction, with one audit entry for the load: the
dataset is synthetic, and a per-row trail of it would say nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction

from reintegra.accounts.demo import demo_case_worker
from reintegra.accounts.models import User
from reintegra.audit import services as audit
from reintegra.cases.models import (
    Case,
    CaseStatus,
    ClosureReason,
    Consent,
    Observation,
    Program,
    Service,
    ServiceKind,
    TeamMember,
)
from reintegra.cases.observations import (
    CivilDocuments,
    Dimension,
    Education,
    Employment,
    Housing,
    LegalStatus,
    Schooling,
    Stance,
)
from reintegra.cases.tallies import tallies_rebuild
from reintegra.core.dates import DatePrecision, PartialDate
from reintegra.core.models import Organisation, OrganisationKind, Region
from reintegra.core.roles import SensitivePermission
from reintegra.demo.activities import demo_activities_load
from reintegra.demo.casework import demo_casework_load
from reintegra.demo.knowledge import demo_knowledge_load
from reintegra.demo.names import FEMALE_GIVEN, MALE_GIVEN, SURNAME_STEMS, patronymic, surname
from reintegra.demo.referrals import demo_referrals_load
from reintegra.demo.tracing import demo_tracing_load
from reintegra.identity.normalise import search_key
from reintegra.identity.transliterate import to_passport_latin
from reintegra.people.alphabet import sort_key
from reintegra.people.iin import make_iin
from reintegra.people.models import (
    DocumentKind,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    Relationship,
    RelationshipKind,
    Script,
    Sex,
    Verification,
)
from reintegra.people.name_keys import match_keys
from reintegra.people.services import adult_on
from reintegra.returns.models import Operation, Return, Wave

SEED = 2019
# Everything in the dataset happened by this day, so "as of today" always gives the figures.
SETTLED_BY = dt.date(2024, 6, 30)


def first_school_day(born: dt.date) -> dt.date:
    """Children in Kazakhstan start school on 1 September once they are six (the Law on
    Education admits them to the first class from six)."""
    return dt.date(born.year + 6 + ((born.month, born.day) > (9, 1)), 9, 1)


MOTHER_AGE_AT_BIRTH = 16  # the youngest a demo mother is when her child is born

# Zhusan waves: (wave number, men, women, children); 595 people in all.
ZHUSAN = [(1, 0, 13, 34), (2, 6, 60, 165), (3, 9, 62, 167), (4, 6, 13, 36), (5, 4, 7, 13)]
INDIVIDUAL = (12, 35, 93)  # men, women, children returned one by one, 2017-2022
RUSAFA_CHILDREN = 14
WOMEN = 190
WOMEN_EMPLOYED, WOMEN_HIGHER, WOMEN_SPECIALISED = 87, 46, 46
WOMEN_NOT_PROSECUTED, WOMEN_RENOUNCED = 171, 184
COUNSELLING, COUNSELLING_REHABILITATED = 570, 245

# Where families settle: region, organisation following the case, town, relative weight.
PLACEMENTS = [
    ("KZ-47", "aqniet-aktau", "Ақтау", 5),
    ("KZ-15", "aqniet-aktobe", "Ақтөбе", 3),
    ("KZ-23", "aqniet-atyrau", "Атырау", 3),
    ("KZ-75", "aqniet-almaty", "Алматы", 3),
    ("KZ-71", "aqniet-astana", "Астана", 2),
    ("KZ-62", "aqniet-zhezkazgan", "Жезқазған", 2),
    ("KZ-35", "rc-karaganda", "Қарағанды", 3),
    ("KZ-11", "rc-kokshetau", "Көкшетау", 2),
]
BIRTH_TOWNS = ["Ақтау", "Ақтөбе", "Атырау", "Алматы", "Жезқазған", "Қарағанды", "Шымкент",
               "Тараз", "Қызылорда", "Орал", "Семей", "Көкшетау"]  # fmt: skip
SYRIA, IRAQ = "Сирия", "Ирак"


@dataclass
class Draft:
    """A person before saving, with everything that hangs on them."""

    person: Person
    arrival: dt.date | None = None
    names: list[PersonName] = field(default_factory=list)
    documents: list[IdentityDocument] = field(default_factory=list)
    observations: list[tuple[str, str, dt.date]] = field(default_factory=list)


@dataclass(frozen=True)
class DemoSummary:
    people: int
    returned: int
    counselling: int
    cases: int
    observations: int


def _russian_rendering(text: str) -> str:
    """How Russian-language lists write a Kazakh name: Kazakh letters folded, уы -> у."""
    table = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүҺһІі", "АаГгКкНнОоУуУуХхИи")
    folded = text.translate(table)
    for vowel in "аеиоуыэюя":
        folded = folded.replace(f"{vowel}уы", f"{vowel}у")
    return folded


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.drafts: list[Draft] = []
        self.iins: set[str] = set()
        self.serial = 0
        self.relationships: list[tuple[Draft, Draft, str, str]] = []
        self.returns: list[tuple[Draft, str, Wave | None, dt.date, str]] = []
        self.cases: list[tuple[Draft, str, str, dt.date, dt.date | None]] = []
        self.consents: list[tuple[Draft, Draft | None, dt.date]] = []
        self.organisations = {o.code: o for o in Organisation.objects.all()}
        self.regions = {r.code: r for r in Region.objects.all()}

    # --- people --------------------------------------------------------------------------------

    def birth(self, on: dt.date, age_from: int, age_to: int, *, exact: bool = False) -> PartialDate:
        age_days = self.rng.randint(age_from * 365 + 30, age_to * 365 + 300)
        born = on - dt.timedelta(days=age_days)
        roll = self.rng.random()
        if exact or roll < 0.85:
            return PartialDate(born, DatePrecision.DAY)
        if roll < 0.93:
            return PartialDate(born.replace(day=1), DatePrecision.MONTH)
        return PartialDate(born.replace(month=1, day=1), DatePrecision.YEAR)

    def next_iin(self, birth: PartialDate, sex: str) -> str | None:
        if birth.precision != DatePrecision.DAY:
            return None
        while True:
            self.serial += 1
            iin = make_iin(birth.value, sex, self.serial % 10000)
            if iin and iin not in self.iins:
                self.iins.add(iin)
                return iin

    def person(
        self,
        *,
        sex: str,
        birth: PartialDate,
        stem: tuple[str, str],
        father_given: str,
        placement: tuple[str, str, str, int],
        birth_place: str,
        with_iin: bool = True,
        given: str | None = None,
    ) -> Draft:
        female = sex == Sex.FEMALE
        given = given or self.rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        family = surname(stem, female)
        middle = patronymic(father_given, female)
        region_code, organisation_code, _town, _weight = placement
        display_name = f"{family} {given} {middle}"
        person = Person(
            display_name=display_name,
            sort_name=sort_key(display_name),  # as services.person_register sets it
            sex=sex,
            birth_date=birth.value,
            birth_date_precision=birth.precision,
            adult_on=adult_on(birth),
            birth_place=birth_place,
            citizenship="KZ",
            organisation=self.organisations[organisation_code],
            region=self.regions[region_code],
        )
        draft = Draft(person)
        official = PersonName(
            surname=family,
            given_name=given,
            patronymic=middle,
            script=Script.KAZAKH_CYRILLIC,
            kind=NameKind.OFFICIAL,
            source="ҚР азаматтық хал актілері",
        )
        draft.names.append(official)
        roll = self.rng.random()
        if roll < 0.35:
            draft.names.append(
                PersonName(
                    surname=to_passport_latin(family),
                    given_name=to_passport_latin(given),
                    script=Script.LATIN,
                    kind=NameKind.AS_REPORTED,
                    source="passport (ICAO)",
                )
            )
        if roll > 0.7:
            draft.names.append(
                PersonName(
                    surname=_russian_rendering(family),
                    given_name=_russian_rendering(given),
                    patronymic=_russian_rendering(middle),
                    script=Script.RUSSIAN_CYRILLIC,
                    kind=NameKind.AS_REPORTED,
                    source="список на возвращение",
                )
            )
        for name in draft.names:
            name.search_key = search_key(name.written())
            name.match_keys = match_keys(name.written())
        iin = self.next_iin(birth, sex) if with_iin else None
        if iin:
            draft.documents.append(IdentityDocument(kind=DocumentKind.IIN, number=iin))
        self.drafts.append(draft)
        return draft

    def relate(self, person: Draft, relative: Draft, kind: str, verification: str) -> None:
        self.relationships.append((person, relative, kind, verification))

    # --- families and returns ------------------------------------------------------------------

    def placement(self) -> tuple[str, str, str, int]:
        return self.rng.choices(PLACEMENTS, weights=[p[3] for p in PLACEMENTS])[0]

    def settle(self, on: dt.date, days: int) -> dt.date:
        return min(on + dt.timedelta(days=days), SETTLED_BY)

    def returnee_cases(self, draft: Draft, arrival: dt.date, placement) -> None:
        draft.arrival = arrival
        opened = self.settle(arrival, self.rng.randint(25, 45))  # after the adaptation centre
        self.cases.append((draft, Program.RETURNEE, placement[1], opened, None))
        draft.observations.append((Dimension.LOCATION, placement[2], opened))
        draft.observations.append((Dimension.HOUSING, Housing.WITH_RELATIVES, opened))

    def adult_arrival(self, draft: Draft, arrival: dt.date, placement) -> None:
        draft.observations.append(
            (
                Dimension.EMPLOYMENT,
                Employment.HOMEMAKER if draft.person.sex == Sex.FEMALE else Employment.UNEMPLOYED,
                arrival,
            )
        )
        draft.observations.append(
            (Dimension.LEGAL_STATUS, LegalStatus.UNDER_INVESTIGATION, arrival)
        )
        draft.observations.append((Dimension.STANCE, Stance.NOT_ASSESSED, arrival))
        self.returnee_cases(draft, arrival, placement)

    def child_arrival(self, draft: Draft, arrival: dt.date, placement) -> None:
        age = (arrival - draft.person.birth_date).days // 365
        if age >= 6:  # of school age (see first_school_day)
            draft.observations.append((Dimension.SCHOOLING, Schooling.NOT_ENROLLED, arrival))
            draft.observations.append(
                (Dimension.SCHOOLING, Schooling.ENROLLED, self.settle(arrival, 60))
            )
        else:
            draft.observations.append((Dimension.SCHOOLING, Schooling.NOT_SCHOOL_AGE, arrival))
            starts = first_school_day(draft.person.birth_date)
            if starts <= SETTLED_BY:  # a child who came back young has started school since
                draft.observations.append((Dimension.SCHOOLING, Schooling.ENROLLED, starts))
        documents = CivilDocuments.COMPLETE if draft.documents else CivilDocuments.IN_PROGRESS
        draft.observations.append((Dimension.CIVIL_DOCUMENTS, CivilDocuments.MISSING, arrival))
        draft.observations.append(
            (Dimension.CIVIL_DOCUMENTS, documents, self.settle(arrival, self.rng.randint(90, 400)))
        )
        self.returnee_cases(draft, arrival, placement)

    def family(
        self,
        arrival: dt.date,
        operation: str,
        wave: Wave | None,
        *,
        men: int,
        women: int,
        children: int,
        country: str,
    ) -> tuple[list[Draft], list[Draft]]:
        """Women with their children (and husbands, for the first ``men`` families); a few
        children come without a mother and are placed with a guardian."""
        mothers: list[tuple[Draft, tuple, tuple[str, str], str]] = []
        returned_women: list[Draft] = []
        point = "Ақтау" if operation == "zhusan" else "Алматы"
        for index in range(women):
            placement = self.placement()
            stem = self.rng.choice(SURNAME_STEMS)
            mother = self.person(
                sex=Sex.FEMALE,
                birth=self.birth(arrival, 20, 45),
                stem=stem,
                father_given=self.rng.choice(MALE_GIVEN),
                placement=placement,
                birth_place=self.rng.choice(BIRTH_TOWNS),
            )
            self.adult_arrival(mother, arrival, placement)
            self.returns.append((mother, operation, wave, arrival, point))
            returned_women.append(mother)
            husband_given = self.rng.choice(MALE_GIVEN)
            if index < men:
                husband = self.person(
                    sex=Sex.MALE,
                    birth=self.birth(arrival, 24, 50),
                    stem=stem,
                    father_given=self.rng.choice(MALE_GIVEN),
                    placement=placement,
                    given=husband_given,
                    birth_place=self.rng.choice(BIRTH_TOWNS),
                )
                self.adult_arrival(husband, arrival, placement)
                self.returns.append((husband, operation, wave, arrival, point))
                self.relate(mother, husband, RelationshipKind.SPOUSE, Verification.DOCUMENTS)
            mothers.append((mother, placement, stem, husband_given))
        kids: list[Draft] = []
        orphans = max(children // 25, 1 if operation == "rusafa" else 0)
        if operation == "rusafa":
            orphans = children
        for index in range(children):
            exact = self.rng.random() < 0.9
            birth = self.birth(arrival, 0, 15, exact=exact)
            if index < orphans or not mothers:
                placement, stem = self.placement(), self.rng.choice(SURNAME_STEMS)
                mother, father_given = None, self.rng.choice(MALE_GIVEN)
            else:
                possible = _possible_mothers(mothers, birth)
                if not possible:  # a young mother alone: the child is drawn young enough
                    possible = [min(mothers, key=lambda entry: entry[0].person.birth_date)]
                    years = arrival.year - possible[0][0].person.birth_date.year
                    birth = self.birth(arrival, 0, years - MOTHER_AGE_AT_BIRTH - 2, exact=exact)
                mother, placement, stem, father_given = self.rng.choice(possible)
            abroad = (arrival - birth.value).days < (arrival.year - 2013) * 365
            sex = self.rng.choice([Sex.FEMALE, Sex.MALE])
            child = self.person(
                sex=sex,
                birth=birth,
                stem=stem,
                father_given=father_given,
                placement=placement,
                birth_place=country if abroad else self.rng.choice(BIRTH_TOWNS),
                with_iin=not abroad or self.rng.random() < 0.6,
            )
            self.child_arrival(child, arrival, placement)
            self.returns.append((child, operation, wave, arrival, point))
            if mother is not None:
                proof = Verification.DNA if abroad else Verification.DOCUMENTS
                self.relate(child, mother, RelationshipKind.MOTHER, proof)
                self.consents.append((child, mother, self.settle(arrival, 30)))
            else:
                guardian = self.person(
                    sex=Sex.FEMALE,
                    birth=self.birth(arrival, 48, 70),
                    stem=stem,
                    father_given=self.rng.choice(MALE_GIVEN),
                    placement=placement,
                    birth_place=self.rng.choice(BIRTH_TOWNS),
                )
                self.relate(child, guardian, RelationshipKind.GUARDIAN, Verification.COURT)
                self.consents.append((child, guardian, self.settle(arrival, 30)))
            kids.append(child)
        for mother, *_rest in mothers:
            self.consents.append((mother, None, self.settle(arrival, 30)))
        return returned_women, kids

    # --- outcomes ------------------------------------------------------------------------------

    def women_outcomes(self, women: list[Draft]) -> None:
        """The published shares, reached over the years after each woman's return."""
        assert len(women) == WOMEN, len(women)
        order = list(women)
        self.rng.shuffle(order)
        for draft in order[:WOMEN_EMPLOYED]:
            self.later(draft, Dimension.EMPLOYMENT, Employment.EMPLOYED, 200, 900)
        education = list(women)
        self.rng.shuffle(education)
        for index, draft in enumerate(education):
            if index < WOMEN_HIGHER:
                level = Education.HIGHER
            elif index < WOMEN_HIGHER + WOMEN_SPECIALISED:
                level = Education.SPECIALISED_SECONDARY
            else:
                level = Education.SECONDARY
            draft.observations.append((Dimension.EDUCATION, level, self.arrival_of(draft)))
        legal = list(women)
        self.rng.shuffle(legal)
        for index, draft in enumerate(legal):
            if index < WOMEN_NOT_PROSECUTED:
                self.later(draft, Dimension.LEGAL_STATUS, LegalStatus.NOT_PROSECUTED, 30, 180)
            else:
                self.later(draft, Dimension.LEGAL_STATUS, LegalStatus.CONVICTED, 90, 240)
        stance = list(women)
        self.rng.shuffle(stance)
        for index, draft in enumerate(stance):
            value = Stance.RENOUNCED if index < WOMEN_RENOUNCED else Stance.AMBIVALENT
            self.later(draft, Dimension.STANCE, value, 180, 720)

    def men_outcomes(self, men: list[Draft]) -> None:
        for draft in men:
            if self.rng.random() < 0.7:
                self.later(draft, Dimension.LEGAL_STATUS, LegalStatus.SERVING_SENTENCE, 120, 300)
            else:
                self.later(draft, Dimension.LEGAL_STATUS, LegalStatus.NOT_PROSECUTED, 60, 200)
            value = Stance.RENOUNCED if self.rng.random() < 0.6 else Stance.AMBIVALENT
            self.later(draft, Dimension.STANCE, value, 300, 900)

    def arrival_of(self, draft: Draft) -> dt.date:
        if draft.arrival is not None:
            return draft.arrival
        return min(o[2] for o in draft.observations)

    def later(self, draft: Draft, dimension: str, value: str, low: int, high: int) -> None:
        start = (
            max(o[2] for o in draft.observations if o[0] == dimension)
            if any(o[0] == dimension for o in draft.observations)
            else self.arrival_of(draft)
        )
        draft.observations.append(
            (dimension, value, self.settle(start, self.rng.randint(low, high)))
        )

    # --- counselling ---------------------------------------------------------------------------

    def counselling(self) -> None:
        placement = ("KZ-75", "almaty-religious-affairs", "Алматы", 1)
        for index in range(COUNSELLING):
            opened = dt.date(2017, 1, 9) + dt.timedelta(days=self.rng.randint(0, 1080))
            sex = Sex.MALE if self.rng.random() < 0.7 else Sex.FEMALE
            draft = self.person(
                sex=sex,
                birth=self.birth(opened, 18, 45),
                stem=self.rng.choice(SURNAME_STEMS),
                father_given=self.rng.choice(MALE_GIVEN),
                placement=placement,
                birth_place=self.rng.choice(BIRTH_TOWNS),
            )
            draft.observations.append((Dimension.STANCE, Stance.NOT_ASSESSED, opened))
            closed = None
            if index < COUNSELLING_REHABILITATED:
                closed = self.settle(opened, self.rng.randint(90, 540))
                draft.observations.append((Dimension.STANCE, Stance.RENOUNCED, closed))
            self.cases.append((draft, Program.COUNSELLING, placement[1], opened, closed))


def _possible_mothers(mothers: list, child_birth: PartialDate) -> list:
    """The mothers at least 16 years older than the child: a child drawn without regard to
    the mother's age would give the demo a mother who bore a child at five."""
    return [
        entry
        for entry in mothers
        if entry[0].person.birth_date.year + MOTHER_AGE_AT_BIRTH <= child_birth.value.year
    ]


def _case_workers(organisation_codes: set[str]) -> dict[str, User]:
    """The demo case worker for Aktau, and one more for each other organisation with cases."""
    workers = {}
    for code in sorted(organisation_codes):
        if code == "aqniet-aktau":
            user = User.objects.filter(username="caseworker").first()
            if user is not None:
                workers[code] = user
                continue
        workers[code] = demo_case_worker(
            code,
            permissions=(SensitivePermission.CHILDREN, SensitivePermission.IDENTITY_NUMBERS),
        )
    return workers


@transaction.atomic
def demo_dataset_load() -> DemoSummary | None:
    """Load the demo dataset into an empty database; None if people are already there."""
    if Person.objects.exists():
        return None
    builder = Builder()
    operations = {o.code: o for o in Operation.objects.all()}
    waves = {(w.operation.code, w.number): w for w in Wave.objects.select_related("operation")}
    women: list[Draft] = []
    men: list[Draft] = []
    for number, wave_men, wave_women, wave_children in ZHUSAN:
        wave = waves[("zhusan", number)]
        returned, _kids = builder.family(
            wave.date,
            "zhusan",
            wave,
            men=wave_men,
            women=wave_women,
            children=wave_children,
            country=SYRIA,
        )
        women += returned
    rusafa = waves[("rusafa", 1)]
    builder.family(
        rusafa.date, "rusafa", rusafa, men=0, women=0, children=RUSAFA_CHILDREN, country=IRAQ
    )
    ind_men, ind_women, ind_children = INDIVIDUAL
    for index in range(ind_women):
        arrival = dt.date(2017, 3, 1) + dt.timedelta(days=builder.rng.randint(0, 5 * 365))
        children = ind_children // ind_women + (1 if index < ind_children % ind_women else 0)
        returned, _kids = builder.family(
            arrival,
            "individual",
            None,
            men=1 if index < ind_men else 0,
            women=1,
            children=children,
            country=SYRIA,
        )
        women += returned
    men = [
        d
        for d in builder.drafts
        if d.person.sex == Sex.MALE
        and any(r[0] is d for r in builder.returns)
        and d.person.adult_on
        and d.person.adult_on <= builder.arrival_of(d)
    ]
    builder.women_outcomes(women)
    builder.men_outcomes(men)
    builder.counselling()
    return _save(builder, operations)


SESSION_NOTES = {
    "psychologist": [
        "Ұйқысы жақсарды; балаларына алаңдайды.",
        "Мазасыздық белгілері азайды, күнделікті тәртіпке үйреніп келеді.",
    ],
    "theologian": [
        "Діни түсінігі туралы ашық сөйлесті; сұрақтары көп.",
        "Жат ағымдардың уағыздарынан бас тартатынын айтты.",
    ],
}


def _demo_services(cases: list[Case], team: list[User]) -> None:
    """Sessions of the demo psychologist and theologian on the Aktau cases they are part of."""
    rng = random.Random(SEED + 1)
    kinds = {"psychologist": ServiceKind.PSYCHOLOGICAL, "theologian": ServiceKind.THEOLOGICAL}
    rows = []
    for case in cases:
        for user in team:
            for _session in range(rng.randint(1, 3)):
                day = min(case.opened_on + dt.timedelta(days=rng.randint(10, 600)), SETTLED_BY)
                rows.append(
                    Service(
                        case=case,
                        kind=kinds[user.profession],
                        date=day,
                        duration_minutes=rng.choice([45, 50, 60, 90]),
                        provider=user,
                        provider_organisation=case.organisation,
                        outcome="Келесі кездесу екі аптадан кейін.",
                        confidential_note=rng.choice(SESSION_NOTES[user.profession]),
                        note_profession=user.profession,
                    )
                )
    Service.objects.bulk_create(rows)


DEMO_JUDGEMENTS = [
    "Құжаттар мен жұмыс — басты қажеттіліктер; отбасы қолдайды. Психологпен кездесулер жалғасады.",
    "Основные потребности — документы детей и работа; семья поддерживает. Встречи с психологом "
    "продолжаются.",
]


def _demo_assessments(cases: list[Case], team: list[User]) -> None:
    """A first needs assessment and a reassessment in a few adult Aktau cases, with the team's
    decision on the level of need after each, so that the change-over-time page has lines.
    Its own random generator: the rest of the dataset, and its figures, stay as they were."""
    from django.utils import timezone

    from reintegra.cases.models import (
        Answer,
        Assessment,
        AssessmentStatus,
        Instrument,
        InstrumentItem,
        NeedDecision,
        NeedLevel,
        ScaleOption,
    )

    rng = random.Random(SEED + 2)
    assessor = next((user for user in team if user.profession == "psychologist"), None)
    instruments = {
        i.code: i for i in Instrument.objects.filter(code__in=["adult-needs", "reassessment"])
    }
    if assessor is None or len(instruments) < 2:
        return
    options = {}
    for option in ScaleOption.objects.order_by("position"):
        options.setdefault(option.scale_id, []).append(option)
    items = {
        code: list(
            InstrumentItem.objects.filter(domain__instrument=instrument).select_related("domain")
        )
        for code, instrument in instruments.items()
    }
    chosen = [
        case
        for case in cases
        if not case.person.is_child_on(case.opened_on + dt.timedelta(days=400))
        and case.opened_on + dt.timedelta(days=410) <= SETTLED_BY
    ][:6]
    levels = [NeedLevel.VERY_HIGH, NeedLevel.HIGH, NeedLevel.MODERATE, NeedLevel.LOW]
    for case in chosen:
        first_day = case.opened_on + dt.timedelta(days=rng.randint(20, 40))
        second_day = case.opened_on + dt.timedelta(days=rng.randint(300, 400))
        first_level = rng.randint(0, 2)
        before: dict[tuple[str, str], int] = {}
        for code, day in (("adult-needs", first_day), ("reassessment", second_day)):
            completed_at = timezone.make_aware(dt.datetime.combine(day, dt.time(16)))
            assessment = Assessment.objects.create(
                case=case,
                instrument=instruments[code],
                assessor=assessor,
                assessed_on=day,
                status=AssessmentStatus.COMPLETED,
                judgement=rng.choice(DEMO_JUDGEMENTS),
                completed_at=completed_at,
            )
            answers = []
            for item in items[code]:
                key = (item.domain.code, item.code)
                scale = options[item.scale_id]
                if key in before:
                    rank = max(0, before[key] - rng.choice([0, 1, 1, 2]))
                else:
                    rank = rng.choice([0, 1, 1, 2, 2, 3])
                before[key] = rank
                answers.append(Answer(assessment=assessment, item=item, option=scale[rank]))
            Answer.objects.bulk_create(answers)
            # The team's own decision, recorded as made by the case worker.
            level = levels[min(first_level + (code == "reassessment") * 2, len(levels) - 1)]
            NeedDecision.objects.create(
                case=case,
                assessment=assessment,
                level=level,
                decided_on=day + dt.timedelta(days=rng.randint(1, 7)),
                decided_by=case.case_worker,
                rationale="Команда обсудила оценку и решила на встрече.",
            )


def _save(builder: Builder, operations: dict[str, Operation]) -> DemoSummary:
    people = Person.objects.bulk_create([d.person for d in builder.drafts], batch_size=500)
    names, documents, observations = [], [], []
    for draft in builder.drafts:
        for name in draft.names:
            name.person = draft.person
            names.append(name)
        for document in draft.documents:
            document.person = draft.person
            documents.append(document)
        by_dimension: dict[str, list[tuple[str, dt.date]]] = {}
        for dimension, value, start in draft.observations:
            by_dimension.setdefault(dimension, []).append((value, start))
        for dimension, values in by_dimension.items():
            values.sort(key=lambda item: item[1])
            for index, (value, start) in enumerate(values):
                end = values[index + 1][1] if index + 1 < len(values) else None
                if end is not None and end <= start:
                    continue  # superseded the same day
                observations.append(
                    Observation(
                        person=draft.person,
                        dimension=dimension,
                        value=value,
                        valid_from=start,
                        valid_to=end,
                        source="demo",
                    )
                )
    PersonName.objects.bulk_create(names, batch_size=1000)
    IdentityDocument.objects.bulk_create(documents, batch_size=1000)
    relationships = []
    for person, relative, kind, verification in builder.relationships:
        relationships.append(
            Relationship(
                person=person.person, relative=relative.person, kind=kind, verification=verification
            )
        )
        inverse = {
            RelationshipKind.MOTHER: RelationshipKind.CHILD,
            RelationshipKind.SPOUSE: RelationshipKind.SPOUSE,
            RelationshipKind.GUARDIAN: RelationshipKind.WARD,
        }[kind]
        relationships.append(
            Relationship(
                person=relative.person,
                relative=person.person,
                kind=inverse,
                verification=verification,
            )
        )
    Relationship.objects.bulk_create(relationships, batch_size=1000)
    Return.objects.bulk_create(
        [
            Return(
                person=d.person,
                operation=operations[op],
                wave=wave,
                arrival_date=arrival,
                arrival_point=point,
                origin_country=wave.origin_country if wave else "SY",
            )
            for d, op, wave, arrival, point in builder.returns
        ],
        batch_size=1000,
    )
    workers = _case_workers({organisation for _d, _p, organisation, _o, _c in builder.cases})
    cases = Case.objects.bulk_create(
        [
            Case(
                person=d.person,
                program=program,
                organisation=builder.organisations[organisation],
                region=d.person.region,
                case_worker=workers[organisation],
                opened_on=opened,
                status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
                closed_on=closed,
                closure_reason=ClosureReason.GOALS_ACHIEVED if closed else "",
            )
            for d, program, organisation, opened, closed in builder.cases
        ],
        batch_size=1000,
    )
    case_of = {case.person_id: case for case in cases}
    for observation in observations:
        observation.case = case_of.get(observation.person_id)
    Observation.objects.bulk_create(observations, batch_size=2000)
    team = [user for user in User.objects.filter(username__in=["psychologist", "theologian"])]
    aktau = [c for c in cases if c.organisation.code == "aqniet-aktau"][:40]
    TeamMember.objects.bulk_create(
        [
            TeamMember(case=case, user=user, added_on=case.opened_on)
            for case in aktau
            for user in team
        ]
    )
    _demo_services(aktau, team)
    demo_casework_load(aktau)
    _demo_assessments(aktau, team)
    kinds = [OrganisationKind.HEALTH, OrganisationKind.EDUCATION, OrganisationKind.GUARDIANSHIP]
    Consent.objects.bulk_create(
        [
            Consent(
                person=d.person,
                given_by=guardian.person if guardian else None,
                recipient_kinds=kinds,
                purpose="Медициналық, білім беру және қорғаншылық қызметтеріне жолдама",
                given_on=given,
            )
            for d, guardian, given in builder.consents
        ]
    )
    demo_referrals_load(cases=cases, workers=workers)
    demo_knowledge_load()
    demo_activities_load()
    demo_tracing_load(organisation=Organisation.objects.get(code="religious-affairs-committee"))
    # Cases, services and assessments written in bulk above: their tallies counted once, last.
    tallies_rebuild()
    summary = DemoSummary(
        people=len(people),
        returned=len({id(r[0]) for r in builder.returns}),
        counselling=sum(1 for c in builder.cases if c[1] == Program.COUNSELLING),
        cases=len(cases),
        observations=len(observations),
    )
    audit.record(actor=None, action="demo_data.loaded", changes=vars(summary))
    return summary
