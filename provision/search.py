"""Keyword search over services.

PostgreSQL: full-text search over a stored, GIN-indexed vector (name weighted A, description B,
taxonomy term names C; kept by a trigger, see migrations 0002 and 0003), queried with the
web-search syntax ("speech therapy", "autism -adult", "swimming or football") and ranked with
ts_rank.

Misspellings: a search word the directory never uses ("speach") is matched by trigram
similarity (pg_trgm) to the nearest words it does use ("speech"), which are searched for as
well. Only likely typos count: the same first letter and much the same length, so that
"trampolining" does not turn into "training". The words live in their own small table (SearchWord), so this costs one quick indexed
query, not a similarity scan of every service.

SQLite (development): every word must appear, case-insensitively, in the name, description
or term names; ranked by whether the name matches.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, FloatField, Q, Value, When

SEARCH_CONFIG = "english"
MAX_WORDS = 12
ALTERNATIVES_PER_WORD = 3
# Quotes, exclusions and "or" mean the searcher is using the web-search syntax on purpose:
# their words are taken as written.
OPERATORS = re.compile(r'["\']|(^|\s)-\S|\s(or|OR)\s')
WORD = re.compile(r"[^\W\d_]{3,}")


def keyword_search(queryset, text: str):
    text = " ".join(text.split()[:MAX_WORDS])
    if not text:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if connections[queryset.db].vendor == "postgresql":
        return _postgres_search(queryset, text)
    return _simple_search(queryset, text)


def _postgres_search(queryset, text: str):
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    if not OPERATORS.search(text):
        corrected = _with_spelling_alternatives(queryset.db, text)
        if corrected:
            query = query | SearchQuery(corrected, search_type="raw", config=SEARCH_CONFIG)
    return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))


def _with_spelling_alternatives(using: str, text: str) -> str | None:
    """A raw tsquery with each unknown word OR'd with its nearest known words, or None if all are known.

    Only letters reach the query text: words come from WORD and from SearchWord, which holds
    letters only (migration 0003), so nothing the searcher typed can alter the query's syntax.
    """
    words = list(dict.fromkeys(word.lower() for word in WORD.findall(text)))
    if not words:
        return None
    with connections[using].cursor() as cursor:
        cursor.execute(
            """
            SELECT q.word, near.word
            FROM unnest(%s::text[]) AS q(word)
            CROSS JOIN LATERAL (
                SELECT s.word FROM provision_searchword s
                WHERE s.word %% q.word
                  -- a typo, not another word: same first letter, much the same length
                  AND left(s.word, 1) = left(q.word, 1)
                  AND abs(length(s.word) - length(q.word)) <= 2
                  AND NOT EXISTS (SELECT 1 FROM provision_searchword k WHERE k.word = q.word)
                ORDER BY similarity(s.word, q.word) DESC, s.word
                LIMIT %s
            ) AS near
            """,
            [words, ALTERNATIVES_PER_WORD],
        )
        alternatives: dict[str, list[str]] = {}
        for word, near in cursor.fetchall():
            if WORD.fullmatch(near):
                alternatives.setdefault(word, []).append(near)
    if not alternatives:
        return None
    return " & ".join(
        "(" + " | ".join([word, *alternatives[word]]) + ")" if word in alternatives else word for word in words
    )


def _simple_search(queryset, text: str):
    words = [word.strip("\"'") for word in text.split()]
    words = [word for word in words if word and word.upper() not in {"OR", "AND"} and not word.startswith("-")]
    if not words:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    for word in words:
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(taxonomy_text__icontains=word)
        )
    name_matches = Q()
    for word in words:
        name_matches &= Q(name__icontains=word)
    return queryset.annotate(
        rank=Case(When(name_matches, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
    )
