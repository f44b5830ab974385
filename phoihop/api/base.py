"""Base classes every API view uses: the actor, the second factor, and query-string parsing.

The web's `ActorMiddleware` builds `request.actor` from the session user before DRF runs, so it
never sees a token user. These views rebuild the actor right after DRF has authenticated the
request, whichever way it did, so API reads are scoped exactly like web reads.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from rest_framework import exceptions, generics
from rest_framework.authentication import SessionAuthentication
from rest_framework.views import APIView

from phoihop.accounts.roles import PRIVILEGED_ROLES
from phoihop.accounts.selectors import build_actor

SECOND_FACTOR_NEEDED = (
    "Tài khoản quản trị, kiểm tra phải xác thực hai lớp trên trang web trước khi dùng API."
)


class ActorMixin:
    def perform_authentication(self, request) -> None:
        super().perform_authentication(request)
        request.actor = build_actor(request.user)
        self._check_second_factor(request)

    @staticmethod
    def _check_second_factor(request) -> None:
        """A privileged session must be OTP-verified, as on the web (`TwoFactorMiddleware`).

        Tokens of privileged users are only issued against a TOTP code (`auth.obtain_token`).
        """
        if not settings.REQUIRE_TWO_FACTOR:
            return
        if not isinstance(request.successful_authenticator, SessionAuthentication):
            return
        is_verified = getattr(request.user, "is_verified", None)
        if request.actor.roles & PRIVILEGED_ROLES and not (is_verified and is_verified()):
            raise exceptions.PermissionDenied(SECOND_FACTOR_NEEDED)


class ApiView(ActorMixin, APIView):
    """An API operation; `request.actor` is set once the request is authenticated."""


class ListApiView(ActorMixin, generics.ListAPIView):
    """A paginated, scoped list; `get_queryset` starts from `visible_to(self.request.actor)`."""


def with_tiebreak(queryset: QuerySet) -> QuerySet:
    """Keep the selector's order and end on the primary key, so pages never overlap."""
    return queryset.order_by(*queryset.query.order_by, "pk")


def parse_query(serializer_class, request) -> dict:
    """Validate the query string with `serializer_class`; bad values answer 400 in the one shape."""
    serializer = serializer_class(data=request.query_params.dict())
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def parse_body(serializer_class, request, *, partial: bool = False, **context) -> dict:
    """Validate the JSON body with `serializer_class` (malformed JSON is a 400 as well).

    The serializer gets the request (so fields can scope lookups to `request.actor`) and any
    extra `context`; `partial` validates only the fields sent, for PATCH.
    """
    serializer = serializer_class(
        data=request.data, partial=partial, context={"request": request, **context}
    )
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def as_dataclass(cls, data: dict):
    """The service's data object (`ProgrammeData`, `DispatchData`…) from validated input."""
    return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
