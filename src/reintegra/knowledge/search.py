"""Full-text search of materials in Kazakh, Russian and English, on PostgreSQL and on SQLite.

One row of ``SearchEntry`` per material and language holds the words of its current version
(title; summary, text, questions and answers, topic names), case-folded, each followed by its
folded copy from ``identity.normalise.search_key`` where that differs (Қазақстан → казакстан), so a
word is found as typed and in the spelling Russian keyboards give it. The services rebuild a
material's rows whenever they change it (delete and insert).

- PostgreSQL: ``SearchEntry.vector`` holds ``setweight(to_tsvector('simple', title), 'A') ||
  setweight(to_tsvector('simple', body), 'B')`` (a GIN index on it, created by the migration);
  the 'simple' configuration, because PostgreSQL has no Kazakh one and the three languages share
  one index. Queries are ``to_tsquery('simple', ...)`` ranked with ``ts_rank``.
- SQLite: the FTS5 table ``knowledge_search_fts`` (``unicode61 remove_diacritics 2``), one row
  per entry with the same rowid, ranked with ``bm25`` (the title weighs ten times the text).

A query is split into words; every word must match, as a prefix, as typed or folded.
"""

from __future__ import annotations

import re

from django.db import connection
from django.utils.translation import override

from reintegra.identity.normalise import search_key
from reintegra.knowledge.models import LANGUAGES, Material, SearchEntry

FTS_TABLE = "knowledge_search_fts"
MAX_WORDS = 12
MAX_RESULTS = 500
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").casefold())


def folded(word: str) -> str:
    key = search_key(word)
    return key if key and " " not in key else word


def index_text(*parts: str) -> str:
    """The words of ``parts`` as typed, then their folded copies that differ."""
    typed = words(" ".join(p for p in parts if p))
    extra = [f for f in (folded(w) for w in typed) if f not in typed]
    return " ".join(typed + list(dict.fromkeys(extra)))


def _entries_for(material: Material) -> list[SearchEntry]:
    texts = {t.language: t for t in material.texts.filter(revision=material.revision)}
    pairs = list(material.pairs.select_related("topic"))
    topics = list(material.topics.all())
    entries = []
    for language in LANGUAGES:
        text = texts.get(language)
        questions = [
            f"{getattr(p, f'question_{language}')} {getattr(p, f'answer_{language}')}"
            for p in pairs
        ]
        if text is None and not any(q.strip() for q in questions):
            continue
        with override(language):
            topic_names = [getattr(t, f"name_{language}") for t in topics]
            topic_names += list(dict.fromkeys(getattr(p.topic, f"name_{language}") for p in pairs))
            if text is not None:
                topic_names += [str(material.get_kind_display())]
        entries.append(
            SearchEntry(
                material=material,
                language=language,
                title=index_text(text.title if text else ""),
                body=index_text(
                    text.summary if text else "",
                    text.body if text else "",
                    *questions,
                    *topic_names,
                ),
            )
        )
    return entries


def index_material(material: Material) -> None:
    """Rebuild the search rows of one material (inside the service's transaction)."""
    old = list(SearchEntry.objects.filter(material=material).values_list("pk", flat=True))
    if old and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            marks = ",".join("%s" for _ in old)
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", old)
    SearchEntry.objects.filter(pk__in=old).delete()
    entries = [SearchEntry.objects.create(**_fields(e)) for e in _entries_for(material)]
    if not entries:
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body, language) VALUES (%s, %s, %s, %s)",
                [(e.pk, e.title, e.body, e.language) for e in entries],
            )
    elif connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        SearchEntry.objects.filter(material=material).update(
            vector=SearchVector("title", weight="A", config="simple")
            + SearchVector("body", weight="B", config="simple")
        )


def _fields(entry: SearchEntry) -> dict:
    return {
        "material": entry.material,
        "language": entry.language,
        "title": entry.title,
        "body": entry.body,
    }


def _query_words(query: str) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for word in words(query)[:MAX_WORDS]:
        seen.setdefault(word, folded(word))
    return list(seen.items())


def ranked_material_ids(query: str, language: str | None = None) -> dict[int, float]:
    """Materials whose words match every word of ``query``, best first: {id: rank}."""
    terms = _query_words(query)
    if not terms:
        return {}
    if language is not None and language not in LANGUAGES:
        language = None
    if connection.vendor == "postgresql":
        rows = _postgresql(terms, language)
    elif connection.vendor == "sqlite":
        rows = _sqlite(terms, language)
    else:  # another database: a plain, unranked containment search
        rows = _fallback(terms, language)
    ranked: dict[int, float] = {}
    for material_id, rank in rows:
        if rank > ranked.get(material_id, float("-inf")):
            ranked[material_id] = float(rank)
    return dict(sorted(ranked.items(), key=lambda item: (-item[1], item[0]))[:MAX_RESULTS])


def _sqlite(terms: list[tuple[str, str]], language: str | None) -> list[tuple[int, float]]:
    clauses = [
        f'("{typed}"* OR "{fold}"*)' if fold != typed else f'"{typed}"*' for typed, fold in terms
    ]
    sql = (
        f"SELECT e.material_id, -bm25({FTS_TABLE}, 10.0, 1.0, 0.0) "
        f"FROM {FTS_TABLE} JOIN {SearchEntry._meta.db_table} e ON e.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s"
    )
    params: list = [" AND ".join(clauses)]
    if language:
        sql += f" AND {FTS_TABLE}.language = %s"
        params.append(language)
    sql += f" ORDER BY 2 DESC LIMIT {MAX_RESULTS * 3}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _postgresql(terms: list[tuple[str, str]], language: str | None) -> list[tuple[int, float]]:
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import F

    clauses = [
        f"('{typed}':* | '{fold}':*)" if fold != typed else f"'{typed}':*" for typed, fold in terms
    ]
    tsquery = SearchQuery(" & ".join(clauses), search_type="raw", config="simple")
    entries = SearchEntry.objects.filter(vector=tsquery)
    if language:
        entries = entries.filter(language=language)
    return list(
        entries.annotate(rank=SearchRank(F("vector"), tsquery))
        .order_by("-rank")
        .values_list("material_id", "rank")[: MAX_RESULTS * 3]
    )


def _fallback(terms: list[tuple[str, str]], language: str | None) -> list[tuple[int, float]]:
    from django.db.models import Q

    entries = SearchEntry.objects.all()
    if language:
        entries = entries.filter(language=language)
    for typed, fold in terms:
        entries = entries.filter(
            Q(title__contains=typed) | Q(body__contains=typed) | Q(body__contains=fold)
        )
    return [(pk, 1.0) for pk in entries.values_list("material_id", flat=True)[:MAX_RESULTS]]
