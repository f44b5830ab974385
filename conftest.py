"""Fixtures shared by every test: the small world and logged-in clients."""

import socket

import pytest
from aiosmtpd.controller import Controller
from hypothesis import settings as hypothesis_settings

from phoihop.testing.world import PASSWORD, build_world

# Property tests check results, not speed: no per-example deadline (a loaded CI machine or the
# first database query of a run would otherwise fail them at random).
hypothesis_settings.register_profile("phoihop", deadline=None)
hypothesis_settings.load_profile("phoihop")


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


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; Django sends to it over the network."""
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield received
    controller.stop()
