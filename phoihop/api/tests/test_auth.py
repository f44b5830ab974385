"""POST /api/v1/auth/token/, GET /api/v1/me/, and how the API answers the unauthenticated."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .conftest import assert_error

TOKEN_URL = reverse("api:token")
ME_URL = reverse("api:me")


def obtain(api, username, password, **extra):
    return api.post(TOKEN_URL, {"username": username, "password": password, **extra}, "json")


def test_a_user_obtains_a_token_with_username_and_password(api, world, password):
    response = obtain(api, "board_officer", password)
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=world.board_officer).key}


def test_the_token_obtained_opens_the_api(api, world, password):
    token = obtain(api, "outsider", password).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get(ME_URL).json()["username"] == "outsider"


def test_obtaining_a_token_again_returns_the_same_token(api, world, password):
    first = obtain(api, "board_officer", password).json()["token"]
    assert obtain(api, "board_officer", password).json()["token"] == first


def test_a_wrong_password_gets_400_with_a_vietnamese_message(api, world):
    error = assert_error(obtain(api, "board_officer", "sai-mat-khau"), 400, "invalid_credentials")
    assert error["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert error["fields"] == {}
    assert not Token.objects.filter(user=world.board_officer).exists()


def test_an_unknown_username_gets_the_same_answer_as_a_wrong_password(api, world, password):
    error = assert_error(obtain(api, "khong-ton-tai", password), 400, "invalid_credentials")
    assert error["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_an_inactive_user_gets_no_token(api, world, password):
    world.outsider.is_active = False
    world.outsider.save()
    assert_error(obtain(api, "outsider", password), 400, "invalid_credentials")


def test_malformed_json_gets_400_in_the_error_shape(api, world):
    body = '{"username": "board_officer",'
    response = api.post(TOKEN_URL, data=body, content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_a_json_array_instead_of_an_object_gets_400(api, world):
    response = api.post(TOKEN_URL, data="[1, 2]", content_type="application/json")
    assert "non_field_errors" in assert_error(response, 400, "invalid")["fields"]


def test_an_over_long_username_gets_400_naming_the_field(api, world, password):
    error = assert_error(obtain(api, "x" * 151, password), 400, "invalid")
    assert list(error["fields"]) == ["username"]


def test_missing_fields_get_400_naming_each_field(api, world):
    error = assert_error(api.post(TOKEN_URL, {}, "json"), 400, "invalid")
    assert set(error["fields"]) == {"username", "password"}


def test_a_form_encoded_body_gets_415(api, world, password):
    response = api.post(TOKEN_URL, {"username": "board_officer", "password": password})
    assert_error(response, 415, "unsupported_media_type")


def test_get_on_the_token_endpoint_gets_405(api, world):
    assert_error(api.get(TOKEN_URL), 405, "method_not_allowed")


def test_the_token_endpoint_needs_no_csrf_token(world, password):
    api = APIClient(enforce_csrf_checks=True)
    assert obtain(api, "board_officer", password).status_code == 200


def test_repeated_wrong_passwords_lock_the_account_with_429(api, world, password):
    responses = [obtain(api, "outsider", "sai") for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert all(r.status_code == 400 for r in responses[:-1])
    error = assert_error(responses[-1], 429, "locked_out")
    assert "tạm khóa" in error["message"]
    assert int(responses[-1]["Retry-After"]) > 0
    # Even the right password is refused while the account is locked.
    assert_error(obtain(api, "outsider", password), 429, "locked_out")
    assert not Token.objects.filter(user=world.outsider).exists()


def test_a_successful_sign_in_resets_the_failure_count(api, world, password):
    obtain(api, "outsider", "sai")
    assert AccessAttempt.objects.filter(username="outsider").exists()
    assert obtain(api, "outsider", password).status_code == 200
    assert not AccessAttempt.objects.filter(username="outsider").exists()


# --- Second factor for privileged roles ------------------------------------------------------


@pytest.fixture
def two_factor(settings):
    settings.REQUIRE_TWO_FACTOR = True


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def test_an_administrator_needs_a_totp_code_for_a_token(api, world, password, two_factor):
    error = assert_error(obtain(api, "admin", password), 400, "otp_required")
    assert "otp" in error["fields"]


def test_an_administrator_without_a_device_is_told_to_set_one_up(api, world, password, two_factor):
    error = assert_error(obtain(api, "admin", password, otp="123456"), 400, "otp_required")
    assert "cài đặt" in error["message"]


def test_an_administrator_with_a_valid_code_gets_a_token(api, world, password, two_factor):
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    response = obtain(api, "admin", password, otp=current_code(device))
    assert response.status_code == 200
    assert response.json()["token"]


def test_a_wrong_totp_code_gets_no_token(api, world, password, two_factor):
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert_error(obtain(api, "admin", password, otp=wrong), 400, "otp_required")
    assert not Token.objects.filter(user=world.admin).exists()


def test_ordinary_users_need_no_second_factor(api, world, password, two_factor):
    assert obtain(api, "outsider", password).status_code == 200


def test_an_unverified_privileged_session_is_refused_by_the_api(client, world, two_factor):
    client.force_login(world.admin)
    error = assert_error(client.get(ME_URL), 403, "permission_denied")
    assert "hai lớp" in error["message"]


def test_a_verified_privileged_session_may_use_the_api(client, world, two_factor):
    device = TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    client.force_login(world.admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(ME_URL).status_code == 200


# --- Me ------------------------------------------------------------------------------------------


def test_me_describes_the_user_and_their_memberships(api_as, world):
    body = api_as(world.board_officer).get(ME_URL).json()
    membership = world.board_officer.memberships.get()
    assert body["username"] == "board_officer"
    assert body["email"] == "board_officer@phoihop.local"
    assert body["memberships"] == [
        {
            "id": membership.pk,
            "organisation": {"id": world.board.pk, "name": world.board.name},
            "role": "board_officer",
            "role_label": "Chuyên viên Ban",
            "title": "",
        }
    ]


def test_me_shows_the_outsider_only_their_own_membership(api_as, world):
    body = api_as(world.outsider).get(ME_URL).json()
    assert body["id"] == world.outsider.pk
    assert [m["organisation"]["id"] for m in body["memberships"]] == [world.other_board.pk]


def test_me_works_with_a_browser_session_too(client, world):
    client.force_login(world.commune_officer)
    body = client.get(ME_URL).json()
    assert body["memberships"][0]["organisation"]["id"] == world.commune_peoples_committee.pk


# --- Unauthenticated and unknown addresses -------------------------------------------------------


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("api:me", {}),
        ("api:organisations", {}),
        ("api:organisation_tree", {}),
        ("api:organisation", {"pk": 1}),
        ("api:admin_units", {}),
    ],
)
def test_unauthenticated_requests_get_401_in_the_error_shape(api, world, name, kwargs):
    response = api.get(reverse(name, kwargs=kwargs))
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_an_invalid_token_gets_401(api, world):
    api.credentials(HTTP_AUTHORIZATION="Token khong-hop-le")
    assert_error(api.get(ME_URL), 401, "authentication_failed")


def test_an_unknown_api_address_gets_a_json_404(api_as, world):
    assert_error(api_as(world.outsider).get("/api/v1/khong-co/"), 404, "not_found")


def test_an_unknown_api_address_gets_401_before_anything_else(api, world):
    assert_error(api.get("/api/v1/khong-co/"), 401, "not_authenticated")


def test_an_address_without_its_trailing_slash_is_redirected(api_as, world):
    response = api_as(world.outsider).get("/api/v1/me")
    assert response.status_code == 301
    assert response["Location"] == ME_URL
