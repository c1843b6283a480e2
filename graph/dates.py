"""Article dates as calendar days: the one reading of a date every store and query shares.

Articles keep their date as the text their source gave ("2026-10-12", "2026-09-23T21:15:00-07:00",
"October 12, 2026"); stances over time need the day. `day_of` reads it the same way for the embedded
store's queries and for the Neo4j loader (which stores it as a Neo4j `date`), so both order and
filter the same articles. A date that names no full day ("2026", "last week") is no date: the
article is undated, and says so, rather than guessed into a day it may not be.
"""
from __future__ import annotations

import datetime as dt

from dateutil import parser as dateutil_parser

from .errors import QueryError

UNDATED = ""  # the day of an article whose date is unknown: sorts after every real day ("~" in keys)

# Two defaults that differ in every field: a text that lacks a field parses to two different days.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def day_of(text: str | None) -> dt.date | None:
    """The calendar day a date text gives, or None when it gives no full day."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])  # ISO, with or without a time after it
    except ValueError:
        pass
    try:
        a, b = (dateutil_parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    return a.date() if a.date() == b.date() else None


def day_text(text: str | None) -> str:
    """`day_of` as ISO text ("2026-10-12"), or UNDATED."""
    day = day_of(text)
    return day.isoformat() if day else UNDATED


def date_bound(text: str, option: str, today: dt.date | None = None) -> str:
    """A user's --since/--until as an ISO day; unparseable or future dates are one-line errors."""
    day = day_of(text)
    if day is None:
        raise QueryError(f"{option} {text!r} is not a date (give a day, such as 2026-10-12)")
    if day > (today or dt.date.today()):
        raise QueryError(f"{option} {text!r} is in the future; no article can be dated after today")
    return day.isoformat()
