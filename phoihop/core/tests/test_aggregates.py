import statistics

import pytest
from django.db.models import F

from phoihop.core.aggregates import Percentile, continuous_percentile


@pytest.mark.parametrize("values", [[5.0], [3.0, 1.0], [4.0, 1.0, 9.0], [2.0, 8.0, 1.0, 7.0]])
def test_the_50th_percentile_is_the_median(values):
    assert continuous_percentile(values, 0.5) == statistics.median(values)


def test_percentiles_interpolate_between_ranks_and_reach_the_ends():
    values = [10.0, 0.0, 20.0, 30.0, 40.0]
    assert continuous_percentile(values, 0.0) == 0.0
    assert continuous_percentile(values, 0.9) == pytest.approx(36.0)
    assert continuous_percentile(values, 1.0) == 40.0
    assert continuous_percentile([], 0.9) is None


def test_a_fraction_outside_0_to_1_is_refused():
    with pytest.raises(ValueError):
        Percentile(F("closed_at") - F("created_at"), 1.5)
