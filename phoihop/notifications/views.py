"""The notification centre: my notifications, opening one, the bell's unread count."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from phoihop.core.scoping import get_visible_or_404

from . import services
from .models import Notification


@login_required
def notification_list(request):
    notifications = Notification.objects.visible_to(request.actor)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk: int):
    notification = get_visible_or_404(Notification, request.actor, pk=pk)
    services.mark_read(notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect("notifications:list")
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request):
    Notification.objects.visible_to(request.actor).unread().update(read_at=timezone.now())
    return redirect("notifications:list")


@login_required
def unread_count(request):
    count = Notification.objects.visible_to(request.actor).unread().count()
    return render(request, "notifications/_bell.html", {"unread": count})
