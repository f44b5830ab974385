"""Background sending of notification e-mails: by ids, once each."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification not e-mailed yet; a second run sends nothing."""
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("user")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if notification is None or not notification.user.email:
                continue
            link = f"{settings.PHOIHOP_BASE_URL}{notification.url}" if notification.url else ""
            send_mail(
                subject=f"[Phối Hợp] {notification.title}",
                message=f"{notification.body}\n\n{link}\n\n— Hệ thống Phối Hợp",
                from_email=None,
                recipient_list=[notification.user.email],
            )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent
