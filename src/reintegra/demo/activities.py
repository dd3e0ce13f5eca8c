"""Program activities in the demo: Almaty's prevention and outreach work, and a little in Aktau.

Deterministic (one seed) and built to reproduce the figures of the Almaty department of religious
affairs (domain.md): a mosque mini-football league of 403 teams from 48 mosques with 2,540 players
of whom 364 adherents of destructive movements; 13,500 participants in all sports events; 212
prevention events reaching 1,500 women; 49 meetings and lectures in penal institutions in 2017
reaching 1,113 people; explanatory work with 230 students of theology abroad, of whom 79 returned
and 69 gave up their plans. A few events of each kind fall in the current year (by today), so
that this year's targets show progress; they are part of the totals above.

Mosque, team and event names are invented. Written in bulk, with one audit entry for the load.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from reintegra.audit import services as audit
from reintegra.core.models import Organisation, Region
from reintegra.programs.models import (
    Activity,
    ActivityKind,
    Channel,
    ParticipantCount,
    Target,
    TargetGroup,
    TargetMetric,
    Team,
)

SEED = 2017
ALMATY, ALMATY_REGION, ALMATY_PENAL = "almaty-religious-affairs", "KZ-75", "almaty-penal"
AKTAU = "aqniet-aktau"

LEAGUE_TEAMS, LEAGUE_MOSQUES, LEAGUE_PLAYERS, LEAGUE_ADHERENTS = 403, 48, 2540, 364
SPORTS_PARTICIPANTS, OTHER_SPORTS_EVENTS = 13_500, 26
PREVENTION_EVENTS, PREVENTION_WOMEN = 212, 1500
PENAL_MEETINGS, PENAL_PEOPLE = 49, 1113
# (country, reached, returned, gave up): 230, 79 and 69 in all.
STUDENTS = [("Египет", 120, 41, 36), ("Сауд Арабиясы", 70, 24, 21), ("Түркия", 40, 14, 12)]
THIS_YEAR_PREVENTION, THIS_YEAR_SPORTS, THIS_YEAR_MEETINGS = 12, 2, 4

DISTRICTS = ["Алатау", "Алмалы", "Әуезов", "Бостандық", "Жетісу", "Медеу", "Наурызбай", "Түрксіб"]
MOSQUE_NAMES = ["Нұр", "Иман", "Рахым", "Ихсан", "Тәуба", "Береке", "Шапағат", "Сабыр",
                "Ынтымақ", "Хидая", "Ізгілік", "Мейірім"]  # fmt: skip
TEAM_NAMES = ["Барыс", "Сұңқар", "Қыран", "Тұлпар", "Арлан", "Бүркіт", "Жолбарыс", "Алтай",
              "Самұрық"]  # fmt: skip
SPORTS_TITLES = [
    "Қазақ күресінен жастар турнирі",
    "Волейболдан отбасылық жарыс",
    "Тоғызқұмалақ турнирі",
    "«Бірлік» жастар марафоны",
    "Үстел теннисінен турнир",
    "Шахматтан ашық турнир",
    "Баскетболдан 3×3 турнирі",
    "Асық ату жарысы",
    "Велошеру «Салауатты ұрпақ»",
]
PREVENTION_TITLES = [
    ("Әйелдерге арналған кездесу: «Діни сауаттылық — отбасы тірегі»", TargetGroup.WOMEN),
    ("Аналармен профилактикалық әңгіме: «Балаңызды арбаудан қорғаңыз»", TargetGroup.WOMEN),
    ("Жастармен дөңгелек үстел: «Интернеттегі жалған уағыз»", TargetGroup.YOUTH),
    ("Тұрғындармен профилактикалық кездесу", TargetGroup.GENERAL),
    ("Мешіт жамағатымен әңгіме: «Дәстүрлі ислам және деструктивті ағымдар»", TargetGroup.BELIEVERS),
]
PENAL_TITLES = [
    "Теологтың сотталғандармен кездесуі",
    "Дәріс: «Діни экстремизмнің зардаптары»",
    "Имаммен топтық әңгіме",
]
MEETING_TITLES = [
    "Ақпараттық-түсіндіру тобының кездесуі: колледж студенттерімен",
    "Ақпараттық-түсіндіру тобының кездесуі: кәсіпорын ұжымымен",
    "Ақпараттық-түсіндіру тобының кездесуі: университет студенттерімен",
]
PUBLICATIONS = [
    ("«Деструктивті ағымдардың алдау тәсілдері» мақаласы", Channel.PRINT, 25_000),
    ("«Жалған жиһад» деректі фильмі", Channel.TELEVISION, 180_000),
    ("«Дін және қоғам» радиобағдарламасы", Channel.RADIO, 60_000),
    ("Контрнасихат бейнероликтері", Channel.SOCIAL_MEDIA, 240_000),
    ("«Сұрақ-жауап» буклеті", Channel.BOOKLET, 12_000),
    ("«Діни сауаттылық» сайтындағы мақалалар сериясы", Channel.WEBSITE, 45_000),
]


def split(total: int, parts: int, rng: random.Random, spread: float = 0.4) -> list[int]:
    """``total`` in ``parts`` positive shares of roughly equal size, summing exactly."""
    weights = [rng.uniform(1 - spread, 1 + spread) for _ in range(parts)]
    whole = sum(weights)
    shares = [max(1, int(total * w / whole)) for w in weights]
    index = 0
    while sum(shares) != total:
        step = 1 if sum(shares) < total else -1
        if shares[index % parts] + step >= 1:
            shares[index % parts] += step
        index += 1
    return shares


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


class Loader:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.this_year = dt.date(self.today.year, 1, 1)
        organisations = Organisation.objects.filter(code__in=[ALMATY, ALMATY_PENAL, AKTAU])
        self.organisations = {o.code: o for o in organisations}
        self.regions = {r.code: r for r in Region.objects.filter(code__in=["KZ-75", "KZ-47"])}
        self.activities: list[tuple[Activity, dict[tuple[str, str], int]]] = []
        self.teams: list[tuple[Activity, Team]] = []

    def past(self, first: int = 2017, last: int = 2019) -> dt.date:
        return _day(self.rng, dt.date(first, 1, 10), dt.date(last, 12, 20))

    def recent(self) -> dt.date:
        return _day(self.rng, self.this_year, self.today)

    def add(self, counts: dict[tuple[str, str], int] | None = None, **fields) -> Activity:
        organisation = fields.pop("organisation", ALMATY)
        region = "KZ-47" if organisation == AKTAU else ALMATY_REGION
        counts = {key: n for key, n in (counts or {}).items() if n}
        fields.setdefault("participants", sum(counts.values()))
        activity = Activity(
            organisation=self.organisations[organisation], region=self.regions[region], **fields
        )
        self.activities.append((activity, counts))
        return activity

    def league(self) -> None:
        rng = self.rng
        names = [(n, d) for d in DISTRICTS for n in MOSQUE_NAMES]
        rng.shuffle(names)
        names = names[:LEAGUE_MOSQUES]
        per_mosque = split(LEAGUE_TEAMS, LEAGUE_MOSQUES, rng, spread=0.05)
        # 6 or 7 players a team, 2,540 in all; 0, 1 or 2 adherents a team, 364 in all.
        sevens = LEAGUE_PLAYERS - 6 * LEAGUE_TEAMS
        players = [7] * sevens + [6] * (LEAGUE_TEAMS - sevens)
        twos = LEAGUE_ADHERENTS // 3
        adherents = [2] * twos + [1] * (LEAGUE_ADHERENTS - 2 * twos)
        adherents += [0] * (LEAGUE_TEAMS - len(adherents))
        rng.shuffle(players)
        rng.shuffle(adherents)
        activity = self.add(
            kind=ActivityKind.SPORTS_TOURNAMENT,
            title="Мешіттер арасындағы мини-футбол лигасы",
            starts_on=dt.date(2018, 3, 3),
            ends_on=dt.date(2019, 11, 30),
            place="Алматы қаласының аула алаңдары",
            target_group=TargetGroup.BELIEVERS,
            counts={("male", "18+"): 1890, ("male", "15-17"): 650},
            participants=LEAGUE_PLAYERS,
            notes="Әр мешіттің жамағатынан құрылған командалар; маусым екі жылға созылды.",
        )
        number = 0
        for (name, district), teams in zip(names, per_mosque, strict=True):
            mosque, short = f"«{name}» мешіті ({district} ауданы)", f"«{name}» {district}"
            for index in range(teams):
                self.teams.append(
                    (
                        activity,
                        Team(
                            name=f"{short} {TEAM_NAMES[index % len(TEAM_NAMES)]}"
                            + (f"-{index // len(TEAM_NAMES) + 1}" if index >= 9 else ""),
                            mosque=mosque,
                            players=players[number],
                            adherents=min(adherents[number], players[number]),
                        ),
                    )
                )
                number += 1

    def sports(self) -> None:
        rest = SPORTS_PARTICIPANTS - LEAGUE_PLAYERS
        for index, total in enumerate(split(rest, OTHER_SPORTS_EVENTS, self.rng)):
            recent = index < THIS_YEAR_SPORTS
            boys = total * 3 // 10
            self.add(
                kind=ActivityKind.SPORTS_TOURNAMENT,
                title=SPORTS_TITLES[index % len(SPORTS_TITLES)],
                starts_on=self.recent() if recent else self.past(),
                place="Алматы",
                target_group=TargetGroup.YOUTH,
                counts={("male", "15-17"): boys, ("male", "18+"): total * 5 // 10},
                participants=total,
            )

    def prevention(self) -> None:
        women = split(PREVENTION_WOMEN, PREVENTION_EVENTS, self.rng, spread=0.6)
        for index, count in enumerate(women):
            title, group = PREVENTION_TITLES[index % len(PREVENTION_TITLES)]
            counts = {
                ("female", "18+"): count,
                ("male", "18+"): self.rng.randint(0, 12),
                ("female", "15-17"): self.rng.randint(0, 5),
                ("male", "15-17"): self.rng.randint(0, 5),
            }
            uncounted = self.rng.choice([0, 0, 0, 4, 10])
            district = DISTRICTS[index % len(DISTRICTS)]
            self.add(
                kind=ActivityKind.PREVENTION_EVENT,
                title=title,
                starts_on=self.recent() if index < THIS_YEAR_PREVENTION else self.past(),
                place=f"{district} ауданы, Алматы",
                target_group=group,
                counts=counts,
                participants=sum(counts.values()) + uncounted,
            )

    def penal(self) -> None:
        people = split(PENAL_PEOPLE, PENAL_MEETINGS, self.rng)
        for index, count in enumerate(people):
            self.add(
                kind=ActivityKind.PENAL_MEETING,
                title=PENAL_TITLES[index % len(PENAL_TITLES)],
                starts_on=_day(self.rng, dt.date(2017, 1, 16), dt.date(2017, 12, 22)),
                institution=self.organisations[ALMATY_PENAL],
                target_group=TargetGroup.PRISONERS,
                counts={("male", "18+"): count},
            )

    def students(self) -> None:
        for country, reached, returned, gave_up in STUDENTS:
            self.add(
                kind=ActivityKind.STUDENTS_ABROAD,
                title=f"{country}те дінтану оқитын студенттермен түсіндіру жұмысы",
                starts_on=_day(self.rng, dt.date(2019, 2, 1), dt.date(2019, 11, 30)),
                target_group=TargetGroup.STUDENTS,
                participants=reached,
                students_reached=reached,
                students_returned=returned,
                students_gave_up=gave_up,
                notes="Ата-аналарымен және елшілікпен бірлесіп.",
            )

    def other(self) -> None:
        for index in range(24):
            title = MEETING_TITLES[index % len(MEETING_TITLES)]
            students = self.rng.randint(40, 120)
            self.add(
                kind=ActivityKind.GROUP_MEETING,
                title=title,
                starts_on=self.recent() if index < THIS_YEAR_MEETINGS else self.past(),
                target_group=TargetGroup.STUDENTS,
                counts={
                    ("female", "18+"): students // 2,
                    ("male", "18+"): students - students // 2,
                },
            )
        for index in range(6):
            self.add(
                kind=ActivityKind.TRAINING,
                title="Теологтар мен психологтарға арналған оқыту семинары",
                starts_on=self.past(2018, 2019),
                target_group=TargetGroup.SPECIALISTS,
                participants=self.rng.randint(20, 40),
                place="Алматы" if index % 2 else "Астана",
            )
        for title, channel, reach in PUBLICATIONS:
            self.add(
                kind=ActivityKind.PUBLICATION,
                title=title,
                starts_on=self.past(),
                target_group=TargetGroup.GENERAL,
                channel=channel,
                reach=reach,
            )
        for country, delegation, people in [
            ("Тәжікстан", "Тәжікстан Республикасының дін істері жөніндегі делегациясы", 12),
            ("Өзбекстан", "Өзбекстан Республикасының оңалту мамандарының делегациясы", 9),
        ]:
            self.add(
                kind=ActivityKind.EXCHANGE_VISIT,
                title=f"{country} делегациясының тәжірибе алмасу сапары",
                starts_on=self.past(2019, 2019),
                target_group=TargetGroup.DELEGATIONS,
                delegation=delegation,
                country=country,
                participants=people,
            )
        # Aktau: the demo coordinator's and case worker's own outreach.
        for index in range(8):
            people = self.rng.randint(15, 60)
            self.add(
                organisation=AKTAU,
                kind=ActivityKind.GROUP_MEETING,
                title="Ақтау: жастармен ақпараттық-түсіндіру кездесуі",
                starts_on=self.recent() if index < 3 else self.past(2021, 2024),
                target_group=TargetGroup.YOUTH,
                counts={("female", "15-17"): people // 3, ("male", "15-17"): people // 3},
                participants=people,
            )

    def save(self) -> None:
        Activity.objects.bulk_create([activity for activity, _counts in self.activities])
        ParticipantCount.objects.bulk_create(
            [
                ParticipantCount(activity=activity, sex=sex, age_group=age, count=count)
                for activity, counts in self.activities
                for (sex, age), count in counts.items()
            ],
            batch_size=2000,
        )
        for activity, team in self.teams:
            team.activity = activity
        Team.objects.bulk_create([team for _activity, team in self.teams], batch_size=1000)
        year = self.today.year
        almaty, aktau = self.organisations[ALMATY], self.organisations[AKTAU]
        Target.objects.bulk_create(
            [
                Target(
                    organisation=almaty, year=year, metric=TargetMetric.CONVERSATIONS, value=1000
                ),
                Target(
                    organisation=almaty,
                    year=year,
                    metric=TargetMetric.ACTIVITIES,
                    activity_kind=ActivityKind.PREVENTION_EVENT,
                    value=60,
                ),
                Target(
                    organisation=almaty,
                    year=year,
                    metric=TargetMetric.PARTICIPANTS,
                    activity_kind=ActivityKind.SPORTS_TOURNAMENT,
                    value=3000,
                ),
                Target(
                    organisation=almaty, year=2019, metric=TargetMetric.CONVERSATIONS, value=1000
                ),
                Target(
                    organisation=aktau,
                    year=year,
                    metric=TargetMetric.ACTIVITIES,
                    activity_kind=ActivityKind.GROUP_MEETING,
                    value=12,
                ),
            ]
        )


def demo_activities_load() -> dict[str, int]:
    """Load the demo activities and targets (called once, by the demo dataset's loader)."""
    loader = Loader()
    loader.league()
    loader.sports()
    loader.prevention()
    loader.penal()
    loader.students()
    loader.other()
    loader.save()
    summary = {
        "activities": len(loader.activities),
        "teams": len(loader.teams),
        "targets": Target.objects.count(),
    }
    audit.record(actor=None, action="demo_activities.loaded", changes=summary)
    return summary
