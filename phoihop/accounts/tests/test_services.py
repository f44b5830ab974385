"""Two-factor enrolment and API tokens: written only by the services, never by a page read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from rest_framework.authtoken.models import Token

from phoihop.accounts import selectors, services

pytestmark = pytest.mark.django_db


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_the_set_up_page_reads_an_unsaved_device_on_the_sessions_key(world):
    key = default_key()
    device = selectors.totp_device(world.admin, key)
    assert device.pk is None and device.key == key and not device.confirmed
    assert not TOTPDevice.objects.exists()


def test_the_first_good_code_saves_and_confirms_the_app_that_was_shown(world):
    key = default_key()
    shown = selectors.totp_device(world.admin, key)
    device = services.two_factor_verify(user=world.admin, token=code(shown), setup_key=key)
    assert device.pk and device.confirmed and device.key == key
    assert selectors.has_two_factor(world.admin)


def test_a_wrong_first_code_keeps_the_device_unconfirmed_and_throttles_the_next(world):
    key = default_key()
    with pytest.raises(ValidationError, match="Mã không đúng"):
        services.two_factor_verify(user=world.admin, token="000000", setup_key=key)
    device = TOTPDevice.objects.get(user=world.admin)
    assert device.key == key and not device.confirmed and device.throttling_failure_count == 1
    with pytest.raises(ValidationError, match="Nhập sai nhiều lần"):
        services.two_factor_verify(user=world.admin, token=code(device), setup_key=key)
    assert not selectors.has_two_factor(world.admin)


def test_a_confirmed_app_is_kept_whatever_key_the_session_holds(world):
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    verified = services.two_factor_verify(
        user=world.admin, token=code(device), setup_key=default_key()
    )
    assert verified == device and TOTPDevice.objects.count() == 1


def test_a_token_is_issued_once_per_user(world):
    first = services.token_issue(user=world.admin)
    assert services.token_issue(user=world.admin) == first
    assert Token.objects.get(user=world.admin) == first
    assert services.token_issue(user=world.board_officer) != first
