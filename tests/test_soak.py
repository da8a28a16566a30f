"""CI's share of the soak run (bench/soak.py runs a million years)."""

from game.soak import soak


def test_ten_thousand_random_years_break_no_invariant():
    result = soak(10_000, seed=2026)
    assert result.years >= 10_000 and result.games > 100
    assert result.violation_count == 0, result.problems
