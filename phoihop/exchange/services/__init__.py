"""Every write to dispatches, their recipients, replies, attachments and registers.

Each service checks the policy (403), validates (a Vietnamese ValidationError, nothing written),
saves, records the event on the dispatch's timeline and tells people once the transaction
commits (`notifications.services.notify_many` does the on-commit e-mail itself). The modules
follow the dispatch's life: drafting, numbering, delivery, the recipient's replies; callers use
this package (`services.dispatch_send(...)`), never a module inside it.
"""

from .delivery import delivery_failure, dispatch_resend, dispatch_send, receivers
from .drafting import (
    DispatchData,
    attachment_add,
    default_symbol,
    dispatch_cancel,
    dispatch_create,
    dispatch_update,
)
from .numbering import next_number
from .replies import (
    dispatch_reply,
    recipient_acknowledge,
    recipient_forward,
    recipient_mark_read,
)

__all__ = [
    "DispatchData",
    "attachment_add",
    "default_symbol",
    "delivery_failure",
    "dispatch_cancel",
    "dispatch_create",
    "dispatch_reply",
    "dispatch_resend",
    "dispatch_send",
    "dispatch_update",
    "next_number",
    "receivers",
    "recipient_acknowledge",
    "recipient_forward",
    "recipient_mark_read",
]
