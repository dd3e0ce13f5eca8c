"""Demo tracing: a few husbands of returned women believed still abroad, with their statuses and
evidence, and one list from a camp, imported and matched, waiting for review. Deterministic."""

from __future__ import annotations

import datetime as dt

from reintegra.accounts.models import User
from reintegra.core.dates import PartialDate
from reintegra.identity.transliterate import to_passport_latin
from reintegra.people.models import Person, PersonName, Relationship, Sex
from reintegra.people.services import NameInput, person_register, relationship_record
from reintegra.returns.services import (
    abroad_evidence_add,
    abroad_record_open,
    abroad_status_add,
)

# given name, year of birth, country, military action, last news, statuses, evidence
HUSBANDS = [
    ("Ерлан", 1984, "SY", False, dt.date(2019, 1, 20), [("missing", dt.date(2019, 2, 1))], []),
    (
        "Тимур",
        1981,
        "SY",
        True,
        dt.date(2018, 11, 3),
        [("missing", dt.date(2018, 12, 1)), ("reported_dead", dt.date(2021, 6, 14))],
        [("witness", dt.date(2021, 6, 14), "A returned woman saw his grave near Baghuz.", "low")],
    ),
    (
        "Арман",
        1987,
        "SY",
        False,
        dt.date(2022, 8, 30),
        [("missing", dt.date(2019, 3, 1)), ("detained", dt.date(2020, 2, 10))],
        [
            (
                "notification",
                dt.date(2022, 8, 30),
                "The detaining authority confirms he is held in al-Hasakah.",
                "high",
            ),
            ("document", dt.date(2020, 2, 10), "A photograph of his detainee card.", "medium"),
        ],
    ),
    (
        "Бекзат",
        1979,
        "IQ",
        True,
        dt.date(2017, 5, 2),
        [("missing", dt.date(2017, 6, 1)), ("confirmed_dead", dt.date(2023, 4, 11))],
        [("dna", dt.date(2023, 4, 11), "DNA of remains matches his son's.", "high")],
    ),
]
LIST_SOURCE = "ICRC, al-Hol camp, list of March 2024"


def _husband_surname(wife: Person) -> str:
    surname = wife.display_name.split()[0]
    return surname[:-1] if surname.endswith("а") else surname


def demo_tracing_load(*, organisation) -> int:
    """Records abroad for four husbands of returned women, and one list ready for review.
    Returns how many people were recorded abroad."""
    wives = list(
        Person.objects.filter(sex=Sex.FEMALE, returns__isnull=False, adult_on__isnull=False)
        .order_by("pk")
        .distinct()[: len(HUSBANDS)]
    )
    for wife, (given, year, country, military, news, statuses, evidence) in zip(
        wives, HUSBANDS, strict=False
    ):
        husband = person_register(
            actor=None,
            organisation=wife.organisation,
            sex=Sex.MALE,
            birth=PartialDate.of(year),
            region=wife.region,
            names=[NameInput(script="kk-Cyrl", surname=_husband_surname(wife), given_name=given)],
        )
        relationship_record(actor=None, person=husband, relative=wife, kind="spouse")
        first, *later = statuses
        record = abroad_record_open(
            actor=None,
            person=husband,
            country=country,
            status=first[0],
            since=first[1],
            last_news_on=news,
            in_military_action=military,
        )
        for status, since in later:
            abroad_status_add(actor=None, record=record, status=status, since=since)
        for kind, day, description, confidence in evidence:
            abroad_evidence_add(
                actor=None,
                record=record,
                kind=kind,
                date=day,
                description=description,
                confidence=confidence,
                source="",
            )
    _demo_list(organisation)
    return len(wives)


def _demo_list(organisation) -> None:
    """A camp list: six returned women's children in passport Latin, two in Russian, and four
    people the registry does not know, one of them in Arabic script."""
    from reintegra.tracing.services import batch_map, batch_match_run, batch_upload

    tracer = User.objects.filter(username="tracer").first()
    if tracer is None:
        return
    spouses = Relationship.objects.filter(kind="spouse").values("person_id")
    known = list(
        PersonName.objects.filter(script="kk-Cyrl", person__returns__isnull=False)
        .exclude(person_id__in=spouses)
        .select_related("person")
        .order_by("person_id")[:8]
    )
    lines = ["No,Surname,Given name,Sex,Date of birth"]
    for number, name in enumerate(known, start=1):
        person = name.person
        birth = person.birth_date.isoformat() if person.birth_date else ""
        if number <= 6:
            surname, given = to_passport_latin(name.surname), to_passport_latin(name.given_name)
        else:
            surname, given = name.surname, name.given_name
        lines.append(f"{number},{surname},{given},{person.sex[0].upper()},{birth}")
    for number, row in enumerate(
        [
            ("Omarov", "Daniyar", "M", "1990"),
            ("Seitkali", "Aruzhan", "F", "2012-04"),
            ("Нуриев", "Руслан", "M", "1986-10-10"),
            ("عبدالله", "محمد", "M", ""),
        ],
        start=len(known) + 1,
    ):
        lines.append(f"{number}," + ",".join(row))
    batch = batch_upload(
        actor=tracer,
        source=LIST_SOURCE,
        file_name="al-hol-2024-03.csv",
        content="\n".join(lines).encode(),
        organisation=organisation,
    )
    batch = batch_map(
        actor=tracer,
        batch=batch,
        mapping={
            "0": "external_id",
            "1": "surname",
            "2": "given_name",
            "3": "sex",
            "4": "birth_date",
        },
    )
    batch_match_run(batch_id=batch.pk)
