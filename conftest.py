"""Fixtures shared by every test: the small world and logged-in clients."""

import pytest

from phoihop.testing.world import PASSWORD, build_world


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The production hasher costs ~0.8 s a password; the world alone creates seven users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(client):
    """Log `client` in as a user of the world and return it."""

    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def password():
    return PASSWORD
