"""Dates at mixed precisions are compared as day intervals."""
from chronique.dedup import when


def test_day_week_month_year_intervals_nest():
    day, week = when.parse("2018-06-12"), when.parse("2018-W24")
    month, year = when.parse("2018-06"), when.parse("2018")
    assert week[0] <= day[0] <= week[1] and month[0] <= day[0] <= month[1] and year[0] <= day[0]
    assert week[1] - week[0] == 6 and month[1] - month[0] == 29
    assert when.compatible(day, week) and when.compatible(day, month) and when.compatible(week, year)


def test_distinct_days_and_bad_values():
    assert not when.compatible(when.parse("2018-06-12"), when.parse("2018-06-13"))
    assert not when.compatible(when.parse("2018-06-12"), when.parse("2018-W25"))
    assert when.parse("2018-13") is None and when.parse("2018-02-30") is None and when.parse(None) is None
    assert when.parse("PAST_REF") is None


def test_a_publication_date_is_taken_at_face_value_and_stated_days_may_differ_by_one():
    pub = when.event_interval("2018-06-14", "publication")
    assert pub == when.parse("2018-06-14")
    assert not when.compatible(pub, when.parse("2018-06-13"))
    assert when.compatible(when.parse("2018-06-13"), when.parse("2018-06-14"), slack=1)
    assert not when.compatible(when.parse("2018-06-12"), when.parse("2018-06-14"), slack=1)


def test_rank_prefers_precise_and_stated_dates():
    assert when.rank("2018-06-12", "publication") > when.rank("2018-06", "explicit")
    assert when.rank("2018-06-12", "explicit") > when.rank("2018-06-12", "publication")
