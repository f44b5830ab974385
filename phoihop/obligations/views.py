"""The page "Việc của tôi" and the navigation bar's count (decision 0013)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors
from .forms import ObligationFilterForm


@login_required
def mine(request):
    """My open obligations across every capability, grouped, with "waiting on others"."""
    form = ObligationFilterForm(request.GET or None, actor=request.actor)
    filters = form.to_filter() if form.is_bound else selectors.ObligationFilter()
    context = {
        "form": form,
        "filters": filters,
        "groups": selectors.group_counts(actor=request.actor, filters=filters),
        "page": selectors.obligation_page(
            actor=request.actor, filters=filters, params=request.GET.dict()
        ),
        "group_labels": selectors.GROUP_LABELS,
    }
    return render(request, "obligations/mine.html", context)


@login_required
def count(request):
    """The badge the navigation bar loads (HTMX), like the notifications bell."""
    return render(
        request, "obligations/_count.html", {"count": selectors.open_count(actor=request.actor)}
    )
