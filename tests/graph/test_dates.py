"""Article dates read as days, the same way for every store; the user's --since/--until checked."""
import datetime as dt

import pytest

from newsgraph.graph.dates import UNDATED, date_bound, day_of, day_text
from newsgraph.graph.errors import QueryError


@pytest.mark.parametrize("text,day", [
    ("2026-10-12", "2026-10-12"), ("2026-09-23T21:15:00-07:00", "2026-09-23"), ("October 28, 2026", "2026-10-28"),
    ("28 Oct 2026", "2026-10-28"), ("Wed, 28 Oct 2026 09:00:00 GMT", "2026-10-28"), ("", UNDATED),
    ("2026", UNDATED), ("October 2026", UNDATED), ("last Tuesday", UNDATED), ("not a date", UNDATED),
])
def test_a_date_gives_its_day_or_none(text, day):
    assert day_text(text) == day


def test_a_day_of_the_year_one_is_still_a_day():
    # the parser fills missing fields from a default: a full date equal to it must not read as missing
    assert day_of("January 1, 2000") == dt.date(2000, 1, 1)


@pytest.mark.parametrize("text,message", [
    ("yesterday-ish", "is not a date"), ("2026-13-40", "is not a date"), ("2026", "is not a date"),
    ("2999-01-01", "in the future"),
])
def test_bad_bounds_are_one_line_errors(text, message):
    with pytest.raises(QueryError, match=message) as e:
        date_bound(text, "--since", today=dt.date(2026, 11, 30))
    assert "\n" not in str(e.value) and "--since" in str(e.value)


def test_a_bound_is_an_iso_day():
    assert date_bound("Oct 2, 2026", "--until", today=dt.date(2026, 11, 30)) == "2026-10-02"
    assert date_bound("2026-11-30", "--until", today=dt.date(2026, 11, 30)) == "2026-11-30"
