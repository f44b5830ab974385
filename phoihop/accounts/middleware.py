"""Who is acting: `request.actor` built once per request (everything else reads scoping from
it), and two-factor enforcement for privileged roles (administrators and auditors)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .roles import PRIVILEGED_ROLES
from .selectors import build_actor

ACTIVE_MEMBERSHIP_SESSION_KEY = "phoihop_active_membership"


class ActorMiddleware:
    """Sets `request.actor` for the session's user and the membership they chose to act in;
    built on first use, so requests that never ask (static files, health checks) query nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(
            lambda: build_actor(
                getattr(request, "user", None),
                request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY),
            )
        )
        return self.get_response(request)


# Paths a privileged user may open before completing the second factor.
OPEN_PATH_PREFIXES = ("/tai-khoan/", "/static/", "/api/")


class TwoFactorMiddleware:
    """Where two-factor is required, a privileged user must verify a TOTP code to go on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_TWO_FACTOR and self._must_verify(request):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return False
        if request.path.startswith(OPEN_PATH_PREFIXES):
            return False
        return bool(request.actor.roles & PRIVILEGED_ROLES)
