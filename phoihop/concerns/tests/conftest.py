import pytest

from .helpers import officers


@pytest.fixture
def people(world):
    return officers(world)
