"""Builds `request.actor` once per request; everything else reads scoping from it."""

from django.utils.functional import SimpleLazyObject

ACTIVE_MEMBERSHIP_SESSION_KEY = "phoihop_active_membership"


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from phoihop.accounts.selectors import build_actor

        request.actor = SimpleLazyObject(
            lambda: build_actor(
                getattr(request, "user", None),
                request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY),
            )
        )
        return self.get_response(request)
