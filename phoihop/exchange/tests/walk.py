"""The exchange app's rows of the access walk (phoihop/tests/test_access_walk.py)."""

from django.core.files.base import ContentFile

from phoihop.accounts.roles import Role
from phoihop.exchange import services
from phoihop.exchange.models import DispatchAttachment
from phoihop.testing.world import person

NO_OBJECT = {
    "exchange:inbox",
    "exchange:outbox",
    "exchange:create",
    "api:dispatches",
    "api:inbox",
}


def objects(world) -> dict[str, int]:
    """A Quảng Ngãi draft and a sent dispatch (board → council) the outsider must not reach."""
    person("walk_council_officer", world.council, Role.COUNCIL_OFFICER)
    officer = world.actor(world.board_officer)
    draft = services.dispatch_create(
        actor=officer,
        issuer=world.board,
        data=services.DispatchData(summary="Dự thảo", addressees=[world.council]),
    )
    sent = services.dispatch_create(
        actor=officer,
        issuer=world.board,
        data=services.DispatchData(summary="Lịch kỳ họp", addressees=[world.council]),
    )
    services.dispatch_send(actor=officer, dispatch=sent)
    attachment = DispatchAttachment.objects.create(
        dispatch=draft,
        title="Lịch",
        file=ContentFile(b"%PDF-1.4", name="lich.pdf"),
        content_type="application/pdf",
        size=8,
    )
    recipient = sent.recipients.get()
    return {
        "exchange:detail": sent.pk,
        "exchange:docx": sent.pk,
        "exchange:edit": draft.pk,
        "exchange:send": draft.pk,
        "exchange:resend": sent.pk,
        "exchange:cancel": draft.pk,
        "exchange:attachment_add": draft.pk,
        "exchange:acknowledge": sent.pk,
        "exchange:reply": sent.pk,
        "exchange:forward": sent.pk,
        "exchange:attachment": attachment.pk,
        "api:dispatch": sent.pk,
        "api:dispatch_send": draft.pk,
        "api:dispatch_resend": sent.pk,
        "api:dispatch_recipients": sent.pk,
        "api:dispatch_reply": sent.pk,
        "api:recipient_acknowledge": recipient.pk,
        "api:recipient_forward": recipient.pk,
    }
