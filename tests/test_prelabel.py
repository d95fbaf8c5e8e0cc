"""Rule-based pre-annotations on the project's example sentences."""

from corpus.text.prelabel import cues, figures


def found(text):
    return [(f.text, f.value, f.unit, f.kind, f.approx) for f in figures(text)]


def test_figures_with_normalised_values():
    assert found("The plan costs 14.5 million euro and 23,000 vehicles use it.") == [
        ("14.5 million euro", 14500000, "EUR", "money", "exact"), ("23,000", 23000, "vehicles", "count", "exact")]
    assert found("at least $250,000 over the next five years") == [
        ("at least $250,000", 250000, "USD", "money", "at_least"), ("five years", 5, "years", "duration", "exact")]
    assert found("About 60% voted; more than 300 paintings and hundreds of residents.") == [
        ("About 60%", 60, "%", "percent", "approximate"), ("more than 300", 300, "paintings", "count", "more_than"),
        ("hundreds of residents", None, "residents", "count", "vague")]
    assert found("at 9 p.m. on Feb. 24, 2022, the third time since 1998") == [
        ("9 p.m.", None, None, "time", "exact"), ("Feb. 24, 2022", None, None, "date", "exact"),
        ("third", 3, None, "ordinal", "exact"), ("1998", 1998, None, "date", "exact")]


def test_reporting_cues():
    assert [c.text for c in cues("Okafor told reporters, according to the report, and she said so.")] == ["told", "according to", "said"]


def spans(text):
    """Each figure with its offsets, checked against the text they point at."""
    result = []
    for f in figures(text):
        assert text[f.start:f.end] == f.text
        result.append((f.start, f.end, f.text, f.value, f.unit, f.kind, f.approx))
    return result


def test_abbreviated_scale_before_a_currency_is_money_not_the_count_before_the_point():
    assert spans("The plan costs 3.5m euros.") == [(15, 25, "3.5m euros", 3500000, "EUR", "money", "exact")]
    assert spans("It cost 3.5bn dollars, up from 2 mln euros") == [
        (8, 21, "3.5bn dollars", 3500000000, "USD", "money", "exact"), (31, 42, "2 mln euros", 2000000, "EUR", "money", "exact")]
    # A decimal that no rule reads whole is not cut at its point.
    assert spans("a 3.5 rise") == [(2, 5, "3.5", 3.5, "rise", "count", "exact")]


def test_a_year_after_a_preposition_is_a_date_whatever_its_case():
    assert spans("In 2020, 40 people died.") == [(3, 7, "2020", 2020, None, "date", "exact"), (9, 11, "40", 40, "people", "count", "exact")]
    assert spans("SINCE 1998 the fund grew") == [(6, 10, "1998", 1998, None, "date", "exact")]
    # Not a year: no preposition, or not year-shaped, or approximate.
    assert spans("and 2020 people came") == [(4, 8, "2020", 2020, "people", "count", "exact")]
    assert spans("in 2500 homes") == [(3, 7, "2500", 2500, "homes", "count", "exact")]
    assert spans("by about 2020 votes") == [(3, 13, "about 2020", 2020, "votes", "count", "approximate")]


def test_a_year_before_a_singular_noun_is_a_date_and_a_count_takes_a_plural():
    assert spans("The 2020 election was close.") == [(4, 8, "2020", 2020, None, "date", "exact")]
    assert spans("Its 1999 budget") == [(4, 8, "1999", 1999, None, "date", "exact")]
    assert spans("The 2020 elections") == [(4, 8, "2020", 2020, "elections", "count", "exact")]
    assert spans("the 2000 people") == [(4, 8, "2000", 2000, "people", "count", "exact")]
    assert spans("2020 election") == [(0, 4, "2020", 2020, "election", "count", "exact")]
