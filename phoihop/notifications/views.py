"""The notification centre: my notifications, opening one, the bell's unread count, e-mail
preferences. Every read starts from the actor's own notifications."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from phoihop.core.http import back_with_success
from phoihop.core.paging import keyset_page
from phoihop.core.scoping import get_visible_or_404

from . import selectors, services
from .forms import PreferenceForm
from .models import Notification

PAGE_SIZE = 30


def _quiet_when_signed_out(view):
    """The bell polls in the background: once the session has ended, an htmx poll gets an
    empty 204 (nothing is swapped) instead of the login page inside the navbar."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.htmx and not request.user.is_authenticated:
            return HttpResponse(status=204)
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def notification_list(request):
    unread_only = request.GET.get("chua-doc") == "1"
    notifications = selectors.notification_list(actor=request.actor, unread_only=unread_only)
    page = keyset_page(request, notifications, key="created_at", size=PAGE_SIZE)
    return render(request, "notifications/list.html", {"page": page, "unread_only": unread_only})


@login_required
def notification_open(request, pk: int):
    notification = get_visible_or_404(Notification, request.actor, pk=pk)
    services.notification_mark_read(actor=request.actor, notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:list")
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request):
    count = services.notification_mark_all_read(actor=request.actor)
    if not count:
        return redirect("notifications:list")
    message = f"Đã đánh dấu {count} thông báo là đã đọc."
    return back_with_success(request, message, "notifications:list")


@_quiet_when_signed_out
@login_required
def unread_count(request):
    count = selectors.unread_count(actor=request.actor)
    return render(request, "notifications/_bell.html", {"unread": count})


@login_required
def preferences(request):
    preference = selectors.preference_for(user=request.user)
    # Unticking both boxes posts nothing at all: bind on the method, not on the data.
    data = request.POST if request.method == "POST" else None
    form = PreferenceForm(data, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_update(actor=request.actor, **form.cleaned_data)
        return back_with_success(
            request, "Đã lưu cách nhận thông báo.", "notifications:preferences"
        )
    context = {"form": form}
    status = 400 if form.errors else 200
    return render(request, "notifications/preferences.html", context, status=status)
