import pytest

from phoihop.testing.incidents import case_people, report_case


@pytest.fixture
def people(world):
    return case_people(world)


@pytest.fixture
def case(world, people):
    return report_case(world)
