"""A synthetic national dataset, deterministic by seed, written straight into the tables.

Proportions follow the program: most people are relatives of people in a case or names on
lists with no case of their own; returnees are a few per cent, each in a returnee case, in
operations and waves; the other cases are counselling, penal and prevention. People in a case
have histories of employment, education, legal status, stance, housing, schooling, documents
and location; people on lists have shorter ones. Cases hold services, and some plans, tasks,
referrals and assessments.

The schema comes from the project's migrations. Rows are then written in bulk, bypassing the
ORM: on SQLite with ``executemany`` in large transactions (foreign keys and fsync off while
loading), on PostgreSQL with ``COPY`` (foreign-key triggers off while loading). Secondary indexes
are dropped before the load and created again after it, then the planner's statistics are
gathered (``ANALYZE``; ``VACUUM ANALYZE`` on PostgreSQL, which also makes index-only scans
possible).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

# Everything in the dataset happens by this day; the benchmark asks for figures as of it.
AS_OF = dt.date(2025, 6, 30)
START = dt.date(2017, 1, 1)
STAMP_TIME = "10:00:00"

PROGRAM_SHARES = (("counselling", 0.45), ("penal", 0.30), ("prevention", 0.25))
CLOSED_SHARE = {"returnee": 0.15, "counselling": 0.45, "penal": 0.30, "prevention": 0.40}
CLOSURE_REASONS = (
    ("goals_achieved", 55),
    ("moved", 12),
    ("transferred", 10),
    ("declined", 10),
    ("deceased", 3),
    ("other", 10),
)
SERVICE_KINDS = {
    "returnee": (
        ("psychological", 20),
        ("theological", 15),
        ("medical", 12),
        ("legal_aid", 8),
        ("education", 10),
        ("vocational", 6),
        ("job_placement", 5),
        ("civil_documents", 10),
        ("social_benefit", 8),
        ("group_session", 6),
    ),
    "counselling": (
        ("conversation", 60),
        ("theological", 25),
        ("psychological", 10),
        ("group_session", 5),
    ),
    "penal": (
        ("conversation", 40),
        ("theological", 30),
        ("psychological", 15),
        ("legal_aid", 10),
        ("vocational", 5),
    ),
    "prevention": (
        ("group_session", 40),
        ("conversation", 30),
        ("education", 15),
        ("psychological", 15),
    ),
}
# Zhusan waves (number, weight) and the share of returnees in each operation.
ZHUSAN_WAVES = ((1, 8), (2, 38), (3, 40), (4, 9), (5, 5))
OPERATION_SHARES = (("zhusan", 60), ("rusafa", 2), ("individual", 38))

EMPLOYMENT = ("employed", "self_employed", "unemployed", "homemaker", "studying", "unable")
EDUCATION = (
    "none",
    "primary",
    "secondary",
    "specialised_secondary",
    "incomplete_higher",
    "higher",
)
LEGAL = (
    "under_investigation",
    "not_prosecuted",
    "charged",
    "convicted",
    "serving_sentence",
    "released",
    "on_probation",
)
STANCE = ("not_assessed", "ambivalent", "renounced", "holds")
HOUSING = ("with_relatives", "own_home", "rented", "institution", "none")
SCHOOLING = ("not_school_age", "preschool", "enrolled", "not_enrolled", "completed")
DOCUMENTS = ("missing", "in_progress", "complete")
TOWNS = ("Астана", "Алматы", "Шымкент", "Ақтау", "Ақтөбе", "Атырау", "Қарағанды", "Тараз",
         "Қызылорда", "Орал", "Семей", "Көкшетау", "Павлодар", "Өскемен", "Түркістан")  # fmt: skip

ADULT_DIMENSIONS = (
    ("employment", EMPLOYMENT),
    ("education", EDUCATION),
    ("legal_status", LEGAL),
    ("stance", STANCE),
    ("housing", HOUSING),
    ("civil_documents", DOCUMENTS),
    ("location", TOWNS),
)
CHILD_DIMENSIONS = (
    ("schooling", SCHOOLING),
    ("civil_documents", DOCUMENTS),
    ("housing", HOUSING),
    ("location", TOWNS),
    ("education", EDUCATION),
)
LIST_DIMENSIONS = (("location", TOWNS), ("housing", HOUSING), ("employment", EMPLOYMENT))


@dataclass(frozen=True)
class Sizes:
    people: int = 1_000_000
    cases: int = 200_000
    returnees: int = 30_000
    observations: int = 8_600_000
    services: int = 1_600_000

    @classmethod
    def scaled(cls, people: int, **overrides: int | None) -> Sizes:
        """Sizes in the national proportions for ``people``; any size given overrides."""
        ratio = people / cls.people
        sizes = {
            "people": people,
            "cases": max(round(cls.cases * ratio), 1),
            "returnees": max(round(cls.returnees * ratio), 1),
            "observations": round(cls.observations * ratio),
            "services": round(cls.services * ratio),
        }
        sizes |= {k: v for k, v in overrides.items() if v is not None}
        if not sizes["returnees"] <= sizes["cases"] <= sizes["people"]:
            raise ValueError("need returnees <= cases <= people")
        return cls(**sizes)


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n


# --- Day numbers: dates are ordinals while generating, ISO text when written ---------------------

_EPOCH = dt.date(1930, 1, 1).toordinal()
_LAST = dt.date(2045, 12, 31).toordinal()
_ISO = [dt.date.fromordinal(n).isoformat() for n in range(_EPOCH, _LAST + 1)]


def iso(day: int | None) -> str | None:
    return None if day is None else _ISO[day - _EPOCH]


def add_years(day: int, years: int) -> int:
    from reintegra.core.dates import add_years as add

    return add(dt.date.fromordinal(day), years).toordinal()


END_DAY = AS_OF.toordinal()
START_DAY = START.toordinal()


# --- Writing: one interface over SQLite and PostgreSQL -------------------------------------------


class Writer:
    """Appends rows to tables in chunks, in the database's fastest bulk path."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.vendor = connection.vendor
        self.raw = connection.connection
        # Inside a transaction of the caller's (a test's), rows are only written: the bulk
        # settings, the index rebuild and the statistics are for a database of its own.
        self.bulk = not connection.in_atomic_block
        self.stamp_suffix = f" {STAMP_TIME}" if self.vendor == "sqlite" else f" {STAMP_TIME}+00"

    def stamp(self, day: int) -> str:
        """A datetime column's value: the day at ten in the morning, UTC."""
        return _ISO[day - _EPOCH] + self.stamp_suffix

    def write(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        if self.vendor == "sqlite":
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(
                f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', rows
            )
        else:
            with (
                self.raw.cursor() as cursor,
                cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy,
            ):
                for row in rows:
                    copy.write_row(row)

    def begin(self) -> None:
        if not self.bulk:
            return
        if self.vendor == "sqlite":
            self.raw.execute("PRAGMA foreign_keys=OFF")
            self.raw.execute("PRAGMA synchronous=OFF")
            self.raw.execute("PRAGMA cache_size=-1000000")
            self.raw.execute("PRAGMA temp_store=MEMORY")
            self.raw.execute("BEGIN")
        else:
            self.raw.autocommit = False
            with self.raw.cursor() as cursor:
                # Superuser only: the rows are consistent by construction, so the per-row
                # foreign-key triggers are skipped while loading.
                cursor.execute("SET session_replication_role = replica")

    def commit(self) -> None:
        if not self.bulk:
            return
        self.raw.commit() if self.vendor != "sqlite" else self.raw.execute("COMMIT")

    def checkpoint(self) -> None:
        """Commit what is written so far and start again (bounds the transaction's size)."""
        if not self.bulk:
            return
        self.commit()
        if self.vendor == "sqlite":
            self.raw.execute("BEGIN")

    def finish(self) -> None:
        if not self.bulk:
            return
        self.commit()
        if self.vendor == "sqlite":
            self.raw.execute("PRAGMA foreign_keys=ON")
            self.raw.execute("PRAGMA synchronous=NORMAL")
        else:
            with self.raw.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
            self.raw.commit()
            self.raw.autocommit = True

    # --- secondary indexes: dropped while loading, created again after ----------------------

    def drop_indexes(self, tables: Iterable[str]) -> list[str]:
        tables = list(tables)
        if not self.bulk:
            return []
        if self.vendor == "sqlite":
            marks = ", ".join("?" * len(tables))
            found = self.raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({marks})",
                tables,
            ).fetchall()
            for name, _sql in found:
                self.raw.execute(f'DROP INDEX "{name}"')
            return [sql for _name, sql in found]
        with self.raw.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                "WHERE t.relname = ANY(%s) AND NOT i.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                (tables,),
            )
            found = cursor.fetchall()
            for name, _sql in found:
                cursor.execute(f"DROP INDEX {name}")
        self.raw.commit()
        return [sql for _name, sql in found]

    def create_indexes(self, statements: list[str]) -> None:
        if not statements:
            # Nothing was dropped (a caller's transaction, as in a test): no commit either,
            # which on PostgreSQL would commit the caller's transaction under it.
            return
        if self.vendor == "sqlite":
            for sql in statements:
                self.raw.execute(sql)
            return
        with self.raw.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for sql in statements:
                cursor.execute(sql)
        self.raw.commit()

    def analyze(self, tables: Iterable[str]) -> None:
        if not self.bulk:
            return
        if self.vendor == "sqlite":
            self.raw.execute("ANALYZE")
            self.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        self.raw.autocommit = True
        with self.raw.cursor() as cursor:
            for table in tables:
                cursor.execute(f'VACUUM ANALYZE "{table}"')

    def reset_sequences(self, tables: Iterable[str]) -> None:
        """PostgreSQL identity columns continue after the ids written here (SQLite's
        AUTOINCREMENT follows the largest id by itself)."""
        if self.vendor == "sqlite" or not self.bulk:
            return
        with self.raw.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
                )
        self.raw.commit()


# --- The dataset --------------------------------------------------------------------------------

PERSON = (
    "id", "display_name", "sort_name", "sex", "birth_date", "birth_date_precision", "adult_on",
    "birth_place", "citizenship", "vital_status", "organisation_id", "region_id", "version",
    "created_at", "updated_at",
)  # fmt: skip
NAME = ("id", "person_id", "surname", "given_name", "patronymic", "full_name", "script", "kind",
        "source", "search_key", "match_keys")  # fmt: skip
RELATIONSHIP = ("id", "person_id", "relative_id", "kind", "verification", "note")
RETURN = ("id", "person_id", "operation_id", "wave_id", "arrival_date", "arrival_point",
          "origin_country")  # fmt: skip
CASE = ("id", "person_id", "program", "status", "organisation_id", "region_id",
        "case_worker_id", "opened_on", "closed_on", "closure_reason", "version", "created_at",
        "updated_at")  # fmt: skip
OBSERVATION = ("id", "person_id", "case_id", "dimension", "value", "valid_from", "valid_to",
               "source", "recorded_at")  # fmt: skip
SERVICE = ("id", "case_id", "kind", "date", "duration_minutes", "provider_id",
           "provider_organisation_id", "outcome", "confidential_note", "note_profession",
           "recorded_at")  # fmt: skip
PLAN = ("id", "case_id", "status", "review_on", "created_at", "approved_on")
TASK = ("id", "case_id", "kind", "title", "due_on", "assigned_to_id", "created_at", "done_at")
REFERRAL = ("id", "case_id", "from_organisation_id", "to_organisation_id", "service_kind", "need",
            "status", "requested_at", "decided_at", "decline_reason", "completed_at",
            "service_given_on", "outcome")  # fmt: skip
ASSESSMENT = ("id", "case_id", "instrument_id", "assessor_id", "assessed_on", "status",
              "judgement", "next_reassessment_on", "created_at", "completed_at")  # fmt: skip

TABLES = {
    "people_person": PERSON,
    "people_personname": NAME,
    "people_relationship": RELATIONSHIP,
    "returns_return": RETURN,
    "cases_case": CASE,
    "cases_observation": OBSERVATION,
    "cases_service": SERVICE,
    "cases_plan": PLAN,
    "cases_task": TASK,
    "cases_referral": REFERRAL,
    "cases_assessment": ASSESSMENT,
}


def check_columns() -> None:
    """Every column the tables require is written: a model change fails here, not mid-load."""
    from django.apps import apps

    for model in apps.get_models():
        table = model._meta.db_table
        if table not in TABLES:
            continue
        required = {f.column for f in model._meta.concrete_fields if not f.null}
        missing = required - set(TABLES[table])
        unknown = set(TABLES[table]) - {f.column for f in model._meta.concrete_fields}
        if missing or unknown:
            raise RuntimeError(f"{table}: missing {sorted(missing)}, unknown {sorted(unknown)}")


@dataclass(frozen=True)
class Place:
    region_id: int
    centre_ids: tuple[int, ...]  # the regional centre and its branches (returnee, prevention)
    religious_id: int  # counselling
    penal_id: int
    workers: dict[int, int]  # organisation id -> its case worker's user id


class Generator:
    """Yields the rows of every table, person by person, in id order."""

    def __init__(self, sizes: Sizes, seed: int, writer: Writer, places: list[Place], refs) -> None:
        self.sizes, self.writer, self.places, self.refs = sizes, writer, places, refs
        self.rng = random.Random(seed)
        weights = [self.rng.uniform(1, 6) for _ in places]
        self.place_weights = weights
        self.ids = dict.fromkeys(TABLES, 0)
        self.buffers: dict[str, list[tuple]] = {t: [] for t in TABLES}
        self.counts = Counts()
        self.observations_left = sizes.observations
        self.keys: dict[str, str] = {}
        self.cross_keys: dict[str, str] = {}
        from reintegra.demo.names import FEMALE_GIVEN, MALE_GIVEN, SURNAME_STEMS

        self.female, self.male, self.stems = FEMALE_GIVEN, MALE_GIVEN, SURNAME_STEMS

    # --- helpers -----------------------------------------------------------------------------

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def add(self, table: str, row: tuple) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= 50_000:
            self.flush(table)

    def flush(self, table: str) -> None:
        buffer = self.buffers[table]
        if buffer:
            self.writer.write(table, TABLES[table], buffer)
            self.counts.add(table, len(buffer))
            self.buffers[table] = []

    def flush_all(self) -> None:
        for table in TABLES:
            self.flush(table)

    def search_key(self, text: str) -> str:
        key = self.keys.get(text)
        if key is None:
            from reintegra.identity.normalise import search_key

            key = self.keys[text] = search_key(text)
        return key

    def match_keys(self, text: str) -> str:
        key = self.cross_keys.get(text)
        if key is None:
            from reintegra.people.name_keys import match_keys

            key = self.cross_keys[text] = match_keys(text)
        return key

    def latin(self, text: str) -> str:
        key = "\0" + text
        value = self.keys.get(key)
        if value is None:
            from reintegra.identity.transliterate import to_passport_latin

            value = self.keys[key] = to_passport_latin(text)
        return value

    def pick(self, options: Sequence[tuple[str, int]]) -> str:
        return self.rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]

    # --- people --------------------------------------------------------------------------------

    def person(self, *, sex: str, birth: int, place: Place, organisation_id: int) -> int:
        from reintegra.people.alphabet import sort_key

        rng = self.rng
        female = sex == "female"
        stem, ending = rng.choice(self.stems)
        surname = stem + (ending + "а" if female else ending)
        given = rng.choice(self.female if female else self.male)
        father = rng.choice(self.male)
        patronymic = father + ("қызы" if female else "ұлы")
        display = f"{surname} {given} {patronymic}"
        pk = self.next_id("people_person")
        stamp = self.writer.stamp(END_DAY)
        self.add(
            "people_person",
            (pk, display, sort_key(display), sex, iso(birth), "day", iso(add_years(birth, 18)),
             rng.choice(TOWNS), "KZ", "alive", organisation_id, place.region_id, 1, stamp, stamp),
        )  # fmt: skip
        self.add(
            "people_personname",
            (self.next_id("people_personname"), pk, surname, given, patronymic, "", "kk-Cyrl",
             "official", "", self.search_key(display), self.match_keys(display)),
        )  # fmt: skip
        if rng.random() < 0.3:
            latin_surname, latin_given = self.latin(surname), self.latin(given)
            self.add(
                "people_personname",
                (self.next_id("people_personname"), pk, latin_surname, latin_given, "", "",
                 "Latn", "reported", "passport (ICAO)",
                 self.search_key(f"{latin_surname} {latin_given}"),
                 self.match_keys(f"{latin_surname} {latin_given}")),
            )  # fmt: skip
        return pk

    def history(self, person: int, case: int | None, dimension: str, values, start: int, n: int):
        rng = self.rng
        days = [start]
        for _ in range(n - 1):
            nxt = days[-1] + rng.randint(60, 700)
            if nxt > END_DAY:
                break
            days.append(nxt)
        stamp = self.writer.stamp(min(start + 1, END_DAY))
        for index, day in enumerate(days):
            until = days[index + 1] if index + 1 < len(days) else None
            self.add(
                "cases_observation",
                (self.next_id("cases_observation"), person, case, dimension, rng.choice(values),
                 iso(day), iso(until), "bench", stamp),
            )  # fmt: skip
        self.observations_left -= len(days)

    # --- cases and the work in them ------------------------------------------------------------

    def case(self, *, person: int, program: str, place: Place, organisation_id: int, opened: int):
        rng = self.rng
        pk = self.next_id("cases_case")
        closed, status, reason = None, "open", ""
        if rng.random() < CLOSED_SHARE[program]:
            day = opened + rng.randint(90, 1200)
            if day <= END_DAY:
                closed, status, reason = day, "closed", self.pick(CLOSURE_REASONS)
        elif rng.random() < 0.02:
            status = "closing"
        worker = place.workers[organisation_id]
        stamp = self.writer.stamp(opened)
        self.add(
            "cases_case",
            (pk, person, program, status, organisation_id, place.region_id, worker, iso(opened),
             iso(closed), reason, 1, stamp, stamp),
        )  # fmt: skip
        last = closed or END_DAY
        self.work(pk, program, organisation_id, worker, opened, last)
        return pk

    def work(self, case: int, program: str, organisation: int, worker: int, opened: int, last: int):
        rng, writer = self.rng, self.writer
        average = self.sizes.services / self.sizes.cases
        kinds = SERVICE_KINDS[program]
        names, weights = [k for k, _w in kinds], [w for _k, w in kinds]
        count = rng.randint(0, round(2 * average))
        for kind in rng.choices(names, weights=weights, k=count):
            day = rng.randint(opened, last)
            self.add(
                "cases_service",
                (self.next_id("cases_service"), case, kind, iso(day), rng.choice((45, 60, 90)),
                 worker, organisation, "", "", "", writer.stamp(day)),
            )  # fmt: skip
        if rng.random() < 0.4:
            approved = opened + rng.randint(20, 120)
            status = "approved" if approved <= last and rng.random() < 0.75 else "submitted"
            self.add(
                "cases_plan",
                (self.next_id("cases_plan"), case, status, iso(approved + 180),
                 writer.stamp(opened + 10), iso(approved) if status == "approved" else None),
            )  # fmt: skip
        if rng.random() < 0.35:
            due = opened + rng.randint(100, 1500)
            if due <= END_DAY + 60:
                done = due + rng.randint(-15, 40) if rng.random() < 0.75 else None
                if done is not None and done > END_DAY:
                    done = None
                kind = "plan_review" if rng.random() < 0.6 else "reassessment"
                self.add(
                    "cases_task",
                    (self.next_id("cases_task"), case, kind, "Review", iso(due), worker,
                     writer.stamp(opened), writer.stamp(done) if done else None),
                )  # fmt: skip
        if rng.random() < 0.08:
            day = rng.randint(opened, last)
            status = rng.choice(("pending", "accepted", "declined", "completed", "completed"))
            decided = writer.stamp(min(day + 5, END_DAY)) if status != "pending" else None
            done = min(day + 30, END_DAY) if status == "completed" else None
            self.add(
                "cases_referral",
                (self.next_id("cases_referral"), case, organisation,
                 rng.choice(self.refs.receivers),
                 rng.choice(("medical", "education", "legal_aid", "social_benefit")), "Referral",
                 status, writer.stamp(day), decided, "", writer.stamp(done) if done else None,
                 iso(done), ""),
            )  # fmt: skip
        if rng.random() < 0.3:
            day = rng.randint(opened, last)
            completed = rng.random() < 0.9
            self.add(
                "cases_assessment",
                (self.next_id("cases_assessment"), case, rng.choice(self.refs.instruments), worker,
                 iso(day), "completed" if completed else "draft", "", iso(day + 365),
                 writer.stamp(day), writer.stamp(day) if completed else None),
            )  # fmt: skip

    # --- the population ------------------------------------------------------------------------

    def run(self, progress: Callable[[str], None]) -> Counts:
        sizes, rng = self.sizes, self.rng
        case_people: list[tuple[int, Place]] = []
        for index in range(sizes.people):
            place = rng.choices(self.places, weights=self.place_weights)[0]
            if index < sizes.returnees:
                case_people.append((self.returnee(place), place))
            elif index < sizes.cases:
                case_people.append((self.case_person(place), place))
            else:
                self.listed(place, case_people)
            if index % 100_000 == 99_999:
                self.flush_all()
                self.writer.checkpoint()
                progress(f"  {index + 1:,} people")
        self.flush_all()
        return self.counts

    def returnee(self, place: Place) -> int:
        rng = self.rng
        operation = self.pick(OPERATION_SHARES)
        wave_id = None
        if operation == "individual":
            arrival = rng.randint(START_DAY + 30, dt.date(2023, 12, 31).toordinal())
        else:
            number = 1
            if operation == "zhusan":
                number = rng.choices([n for n, _w in ZHUSAN_WAVES], [w for _n, w in ZHUSAN_WAVES])[
                    0
                ]
            wave_id, arrival = self.refs.waves[(operation, number)]
        roll = rng.random()
        if roll < 0.7:
            sex, birth = rng.choice(("female", "male")), arrival - rng.randint(30, 16 * 365)
        elif roll < 0.95:
            sex, birth = "female", arrival - rng.randint(19 * 365, 45 * 365)
        else:
            sex, birth = "male", arrival - rng.randint(22 * 365, 50 * 365)
        organisation = rng.choice(place.centre_ids)
        person = self.person(sex=sex, birth=birth, place=place, organisation_id=organisation)
        self.add(
            "returns_return",
            (self.next_id("returns_return"), person, self.refs.operations[operation], wave_id,
             iso(arrival), "Ақтау" if operation == "zhusan" else "Алматы", "SY"),
        )  # fmt: skip
        if rng.random() < 0.01:  # a few came back a second time, individually
            later = arrival + rng.randint(200, 900)
            if later <= END_DAY:
                self.add(
                    "returns_return",
                    (self.next_id("returns_return"), person, self.refs.operations["individual"],
                     None, iso(later), "Алматы", "TR"),
                )  # fmt: skip
        opened = min(arrival + rng.randint(25, 45), END_DAY)
        case = self.case(
            person=person, program="returnee", place=place, organisation_id=organisation,
            opened=opened,
        )  # fmt: skip
        child = add_years(birth, 18) > arrival
        for dimension, values in CHILD_DIMENSIONS if child else ADULT_DIMENSIONS:
            self.history(person, case, dimension, values, arrival, rng.randint(1, 5))
        return person

    def case_person(self, place: Place) -> int:
        rng = self.rng
        program = self.pick([(p, round(s * 100)) for p, s in PROGRAM_SHARES])
        opened = rng.randint(START_DAY, END_DAY - 30)
        low, high = (14, 30) if program == "prevention" else (18, 60)
        birth = opened - rng.randint(low * 365, high * 365)
        sex = "male" if rng.random() < (0.8 if program == "penal" else 0.65) else "female"
        organisation = {
            "counselling": place.religious_id,
            "penal": place.penal_id,
            "prevention": rng.choice(place.centre_ids),
        }[program]
        person = self.person(sex=sex, birth=birth, place=place, organisation_id=organisation)
        case = self.case(
            person=person, program=program, place=place, organisation_id=organisation,
            opened=opened,
        )  # fmt: skip
        child = add_years(birth, 18) > opened
        for dimension, values in CHILD_DIMENSIONS if child else ADULT_DIMENSIONS:
            self.history(person, case, dimension, values, opened, rng.randint(1, 5))
        return person

    def listed(self, place: Place, case_people: list[tuple[int, Place]]) -> None:
        """A relative of somebody in a case (in that person's region), or a name on a list."""
        rng = self.rng
        relative = None
        if case_people and rng.random() < 0.65:
            relative, place = rng.choice(case_people)
        birth = rng.randint(dt.date(1945, 1, 1).toordinal(), dt.date(2023, 1, 1).toordinal())
        sex = rng.choice(("female", "male"))
        person = self.person(sex=sex, birth=birth, place=place, organisation_id=place.centre_ids[0])
        if relative is not None:
            kind, inverse = rng.choice(
                (("mother", "child"), ("spouse", "spouse"), ("sibling", "sibling"),
                 ("child", "mother"), ("father", "child"))
            )  # fmt: skip
            verification = rng.choice(("declared", "documents", "dna", "court"))
            for a, b, k in ((relative, person, kind), (person, relative, inverse)):
                self.add(
                    "people_relationship",
                    (self.next_id("people_relationship"), a, b, k, verification, ""),
                )
        people_left = self.sizes.people - self.ids["people_person"] + 1
        share = self.observations_left / max(people_left, 1)
        n = int(share) + (1 if rng.random() < share - int(share) else 0)
        since = max(birth + 18 * 365, START_DAY)
        for index in range(min(n, 12)):
            dimension, values = LIST_DIMENSIONS[index % len(LIST_DIMENSIONS)]
            if since > END_DAY:
                break
            self.history(person, None, dimension, values, rng.randint(since, END_DAY), 1)


@dataclass(frozen=True)
class References:
    operations: dict[str, int]
    waves: dict[tuple[str, int], tuple[int, int]]  # (operation, number) -> (wave id, day)
    receivers: list[int]
    instruments: list[int]


def prepare(seed: int) -> tuple[list[Place], References]:
    """Reference data, the organisations of every region with a case worker each, and the
    benchmark's coordinators (through the services, like any account)."""
    from reintegra.accounts import services as accounts
    from reintegra.accounts.models import Membership, User
    from reintegra.cases.models import Instrument
    from reintegra.core.models import Organisation, OrganisationKind, Region
    from reintegra.core.roles import Role, Scope, SensitivePermission
    from reintegra.core.services import reference_data_load
    from reintegra.returns.models import Operation, Wave
    from reintegra.returns.services import operations_load

    reference_data_load(actor=None)
    operations_load(actor=None)
    places = []
    for region in Region.objects.order_by("sort_order"):
        slug = region.code.lower()

        def organisation(code: str, kind: str, name: str, parent=None, region=region):
            return Organisation.objects.get_or_create(
                code=code,
                defaults={
                    "kind": kind,
                    "region": region,
                    "parent": parent,
                    "name_kk": name,
                    "name_ru": name,
                    "name_en": name,
                },
            )[0]

        centre = organisation(
            f"bench-{slug}-centre", OrganisationKind.REGIONAL_CENTRE, f"Centre {region.code}"
        )
        branches = [
            organisation(
                f"bench-{slug}-branch-{n}",
                OrganisationKind.CENTRE_BRANCH,
                f"Branch {n} {region.code}",
                parent=centre,
            )
            for n in (1, 2)
        ]
        religious = organisation(
            f"bench-{slug}-religious", OrganisationKind.RELIGIOUS_AFFAIRS, f"Religion {region.code}"
        )
        penal = organisation(
            f"bench-{slug}-penal", OrganisationKind.PENAL_INSTITUTION, f"Penal {region.code}"
        )
        workers = {}
        for org in [centre, *branches, religious, penal]:
            user, created = User.objects.get_or_create(
                username=f"bench-cw-{org.code}", defaults={"first_name": "Bench"}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                Membership.objects.create(
                    user=user,
                    organisation=org,
                    role=Role.CASE_WORKER,
                    scope=Scope.ORGANISATION,
                    permissions=[SensitivePermission.CHILDREN],
                    valid_from=START,
                )
            workers[org.pk] = user.pk
        places.append(
            Place(
                region_id=region.pk,
                centre_ids=(centre.pk, *(b.pk for b in branches)),
                religious_id=religious.pk,
                penal_id=penal.pk,
                workers=workers,
            )
        )
    # The coordinators the case-list benchmark reads as: national (adults only, like a
    # coordinator without the children permission) and one region's (with it).
    national_org = Organisation.objects.filter(parent__isnull=True).order_by("pk").first()
    for username, organisation, scope, permissions in (
        ("bench-national", national_org, Scope.NATIONAL, []),
        (
            "bench-region",
            Organisation.objects.get(pk=places[0].centre_ids[0]),
            Scope.REGION,
            [SensitivePermission.CHILDREN],
        ),
    ):
        if User.objects.filter(username=username).exists():
            continue
        user = accounts.user_create(actor=None, username=username, password=f"unused-{seed}-x!Q9")
        accounts.membership_grant(
            actor=None,
            user=user,
            organisation=organisation,
            role=Role.REGIONAL_COORDINATOR,
            scope=scope,
            permissions=permissions,
            valid_from=START,
        )
    receivers = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.HEALTH, OrganisationKind.EDUCATION, OrganisationKind.NGO]
        ).values_list("pk", flat=True)
    ) or [places[0].centre_ids[0]]
    refs = References(
        operations={o.code: o.pk for o in Operation.objects.all()},
        waves={
            (w.operation.code, w.number): (w.pk, w.date.toordinal())
            for w in Wave.objects.select_related("operation")
        },
        receivers=sorted(receivers),
        instruments=sorted(Instrument.objects.values_list("pk", flat=True)),
    )
    return places, refs


def generate(
    sizes: Sizes, *, seed: int = 2026, progress: Callable[[str], None] = lambda _m: None
) -> Counts:
    """Fill the (migrated, empty) default database with the dataset; returns the row counts
    and the seconds each step took."""
    from django.db import connection

    from reintegra.audit import services as audit
    from reintegra.cases.tallies import tallies_rebuild
    from reintegra.people.models import Person

    if Person.objects.exists():
        raise RuntimeError("the database already holds people: use a fresh database")
    check_columns()
    started = time.perf_counter()
    places, refs = prepare(seed)
    connection.ensure_connection()
    writer = Writer(connection)
    indexes = writer.drop_indexes(TABLES)
    writer.begin()
    generator = Generator(sizes, seed, writer, places, refs)
    counts = generator.run(progress)
    writer.finish()
    counts.seconds["rows"] = time.perf_counter() - started
    progress(f"rows written in {counts.seconds['rows']:.0f} s; creating {len(indexes)} indexes")
    mark = time.perf_counter()
    writer.create_indexes(indexes)
    writer.reset_sequences(TABLES)
    counts.seconds["indexes"] = time.perf_counter() - mark
    # Cases and services were written in bulk, past the services: their tallies (and the
    # cases' copy of the person's adult_on) are counted once.
    mark = time.perf_counter()
    rebuilt = tallies_rebuild()
    counts.rows["cases_servicetally"] = rebuilt["service tally"]
    counts.rows["cases_casetally"] = rebuilt["case tally"]
    counts.seconds["tallies"] = time.perf_counter() - mark
    mark = time.perf_counter()
    writer.analyze([*TABLES, "cases_servicetally", "cases_casetally"])
    counts.seconds["analyze"] = time.perf_counter() - mark
    counts.seconds["total"] = time.perf_counter() - started
    audit.record(
        actor=None,
        action="bench_data.loaded",
        changes={"seed": seed, "rows": counts.rows},
    )
    return counts
