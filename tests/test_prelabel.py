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
        ("hundreds", None, "residents", "count", "vague")]
    assert found("at 9 p.m. on Feb. 24, 2022, the third time since 1998") == [
        ("9 p.m.", None, None, "time", "exact"), ("Feb. 24, 2022", 2022, None, "date", "exact"),
        ("third", 3, None, "ordinal", "exact"), ("1998", 1998, None, "date", "exact")]


def test_reporting_cues():
    assert [c.text for c in cues("Okafor told reporters, according to the report, and she said so.")] == ["told", "according to", "said"]
