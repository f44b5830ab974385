import pytest

from phoihop.testing.concerns import officers


@pytest.fixture
def people(world):
    return officers(world)
