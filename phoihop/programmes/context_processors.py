"""The regime in force, for the text every page cites (the footer, page leads)."""

from django.utils.functional import SimpleLazyObject

from .models import Regime


def regime(request):
    # Lazy: a fragment that never cites the regime costs no query.
    return {"current_regime": SimpleLazyObject(Regime.objects.current)}
