"""Every write of obligations: open, move, meet, and close with the object (decision 0013).

Capabilities call these from their own transition helpers, inside their transaction: the
obligation opens or closes exactly when the object's state changes, or not at all. A person acting
passes their actor; the system (a job) passes `core.actor.ANONYMOUS`.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator

from phoihop.accounts.models import User
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.calendar import add_working_days, add_working_hours
from phoihop.core.exceptions import invalid
from phoihop.notifications.models import Notification
from phoihop.notifications.services import Message, notify_many
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Regime

from .audiences import Audiences
from .ladder import default_ladder, end_of_office_day, schedule, validate_ladder
from .models import Obligation, ObligationAlert
from .steps import Step, step_for

_label_max = Obligation.target_label.field.max_length
assert _label_max is not None  # a CharField always has one
LABEL_MAX: int = _label_max


def safe_text(text: str, limit: int = LABEL_MAX) -> str:
    """NFC, no control characters, one line, at most `limit` characters."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return Truncator(" ".join(text.split())).chars(limit)


def shown_due(moment: datetime) -> str:
    """ "17:00 05/12/2026" in the installation's time zone (strftime: the sweep words thousands
    of these, and the template engine's date format cost a fifth of its time)."""
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _current_body(organisation: Organisation | None) -> Organisation:
    """The body, re-read: a body that was dissolved since the caller loaded it is refused."""
    fresh = None
    if organisation is not None and organisation.pk is not None:
        fresh = Organisation.objects.current().filter(pk=organisation.pk).first()
    if fresh is None:
        raise invalid(
            "Cơ quan thực hiện không tồn tại hoặc đã hết hiệu lực (giải thể, sáp nhập); "
            "hãy chọn cơ quan đang hoạt động.",
            "organisation",
        )
    return fresh


def due_moment(
    opened_at: datetime,
    *,
    due_at: datetime | None = None,
    due_on: date | None = None,
    working_days: int | None = None,
    working_hours: float | None = None,
) -> datetime:
    """The due time from exactly one of: a moment, a date (the end of its office hours), or
    working days / working hours after `opened_at` through the working calendar."""
    given = [v for v in (due_at, due_on, working_days, working_hours) if v is not None]
    if len(given) != 1:
        raise invalid("Cần đúng một thời hạn cho việc này.", "due_at")
    if due_at is not None:
        if timezone.is_naive(due_at):
            raise invalid("Thời hạn phải kèm múi giờ.", "due_at")
        moment = due_at
    elif due_on is not None:
        moment = end_of_office_day(due_on)
    elif working_days is not None:
        moment = end_of_office_day(add_working_days(timezone.localdate(opened_at), working_days))
    else:
        assert working_hours is not None  # exactly one deadline was given (checked above)
        moment = add_working_hours(opened_at, working_hours)
    if moment < opened_at:
        raise invalid(
            f"Hạn {shown_due(moment)} sớm hơn lúc bắt đầu bước này ({shown_due(opened_at)}).",
            "due_at",
        )
    return moment


def _new_obligation(
    *,
    actor: Actor,
    target: models.Model,
    step: Step,
    organisation: Organisation,
    label: str,
    url: str,
    due_at: datetime,
    opened_at: datetime,
    ladder: list[dict],
    user: User | None,
    role: str,
    owed_to: Organisation | None,
) -> Obligation:
    obligation = Obligation(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=safe_text(label),
        target_url=safe_text(url),
        step=step.code,
        capability=step.capability,
        organisation=organisation,
        organisation_path=organisation.path,
        province_id=organisation.province_id,
        user=user,
        role=role,
        owed_to=owed_to,
        opened_by=actor.user,
        opened_at=opened_at,
        due_at=due_at,
        ladder=ladder,
        schedule=schedule(ladder, opened_at, due_at),
    )
    obligation.next_alert_at = _first_alert(obligation.schedule)
    obligation.full_clean()
    obligation.save()
    return obligation


def _first_alert(entries: list[dict]) -> datetime | None:
    return datetime.fromisoformat(entries[0]["at"]) if entries else None


@transaction.atomic
def obligation_open(
    *,
    actor: Actor,
    target: models.Model,
    step: str,
    organisation: Organisation,
    label: str,
    url: str,
    due_at: datetime | None = None,
    due_on: date | None = None,
    working_days: int | None = None,
    working_hours: float | None = None,
    user: User | None = None,
    role: str = "",
    owed_to: Organisation | None = None,
    ladder: list[dict] | None = None,
) -> Obligation:
    """`organisation` now owes `step` on `target`; its people are told once this commits.

    `label` and `url` are what every reader of the obligation sees: the capability passes a safe
    label (a case by its reference only, never a petitioner). The ladder defaults to the regime's.
    """
    definition = step_for(step)
    body = _current_body(organisation)
    opened_at = timezone.now()
    due = due_moment(
        opened_at,
        due_at=due_at,
        due_on=due_on,
        working_days=working_days,
        working_hours=working_hours,
    )
    rungs = validate_ladder(
        ladder if ladder is not None else default_ladder(Regime.objects.current())
    )
    obligation = _new_obligation(
        actor=actor,
        target=target,
        step=definition,
        organisation=body,
        label=label,
        url=url,
        due_at=due,
        opened_at=opened_at,
        ladder=rungs,
        user=user,
        role=role,
        owed_to=owed_to,
    )
    record_event(
        actor=actor,
        target=obligation,
        verb="obligation_opened",
        detail={"step": step, "due_at": due.isoformat(), "target": obligation.target_label},
    )
    _hand_over(obligation, definition)
    return obligation


def _locked(obligation: Obligation) -> Obligation:
    fresh = (
        Obligation.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .get(pk=obligation.pk)
    )
    if not fresh.is_open:
        raise invalid(f"Việc này đã kết thúc ({fresh.get_state_display().lower()}).")
    return fresh


@transaction.atomic
def obligation_move(
    *,
    actor: Actor,
    obligation: Obligation,
    organisation: Organisation,
    user: User | None = None,
    role: str = "",
    due_at: datetime | None = None,
    working_days: int | None = None,
    working_hours: float | None = None,
) -> Obligation:
    """Hand the obligation to another body (a transfer, a re-assignment): the old one is
    superseded, a new one opens there with the same ladder and, unless given, the same due
    time, and the new body is told."""
    old = _locked(obligation)
    body = _current_body(organisation)
    if body.pk == old.organisation_id and user == old.user and role == old.role:
        raise invalid("Việc này đang ở chính cơ quan đó.", "organisation")
    moved_at = timezone.now()
    new_deadline = [v for v in (due_at, working_days, working_hours) if v is not None]
    due = (
        due_moment(moved_at, due_at=due_at, working_days=working_days, working_hours=working_hours)
        if new_deadline
        else max(old.due_at, moved_at)
    )
    target = old.target
    if target is None:
        raise invalid("Hồ sơ của việc này không còn, không thể chuyển.")
    definition = step_for(old.step)
    old.supersede(moved_at, to=body)
    old.save(update_fields=["state", "closed_at", "close_reason", "next_alert_at"])
    new = _new_obligation(
        actor=actor,
        target=target,
        step=definition,
        organisation=body,
        label=old.target_label,
        url=old.target_url,
        due_at=due,
        opened_at=moved_at,
        ladder=old.ladder,
        user=user,
        role=role,
        owed_to=old.owed_to,
    )
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    record_event(
        actor=actor,
        target=old,
        verb="obligation_moved",
        changes={"organisation": [str(old.organisation), str(body)]},
        detail={"to": new.pk, "due_at": due.isoformat()},
    )
    _hand_over(new, definition)
    return new


@transaction.atomic
def obligation_meet(*, actor: Actor, obligation: Obligation) -> Obligation:
    """The step was done: no more reminders, off everyone's list."""
    fresh = _locked(obligation)
    fresh.meet(timezone.now())
    fresh.save(update_fields=["state", "met_at", "closed_at", "next_alert_at"])
    record_event(actor=actor, target=fresh, verb="obligation_met", detail={"step": fresh.step})
    return fresh


@transaction.atomic
def obligations_close_for(*, actor: Actor, target: models.Model, reason: str) -> int:
    """The object closed (done, cancelled, withdrawn): every open obligation on it closes with
    it, so none outlives its object. Returns how many were closed."""
    now, reason = timezone.now(), safe_text(reason)
    rows = list(
        Obligation.objects.open()
        .filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
        .select_for_update()
        .order_by("pk")
    )
    for obligation in rows:
        obligation.cancel(now, reason)
        obligation.save(update_fields=["state", "closed_at", "close_reason", "next_alert_at"])
        record_event(
            actor=actor, target=obligation, verb="obligation_closed", detail={"reason": reason}
        )
    return len(rows)


def _hand_over(obligation: Obligation, step: Step) -> None:
    """Tell the owners; when nobody at the body can act, flag it and tell the board at once."""
    audiences = Audiences([obligation])
    owners = audiences.owners(obligation)
    words = {
        "label": obligation.target_label,
        "due": shown_due(obligation.due_at),
        "body": str(obligation.organisation),
    }
    messages = [
        Message(
            users=owners,
            kind=Notification.Kind.GENERAL,
            title=step.words(step.notice, **words),
            body=f"{step.title}. Hạn: {words['due']}. Cơ quan thực hiện: {words['body']}.",
            url=obligation.target_url,
            event_key=f"obligation:{obligation.pk}:opened",
        )
    ]
    if not owners:
        obligation.no_one_to_act = True
        obligation.save(update_fields=["no_one_to_act"])
        leaders = audiences.board_leaders(obligation)
        messages.append(
            Message(
                users=leaders,
                kind=Notification.Kind.GENERAL,
                title=f"Không có người thực hiện: {step.title} — {obligation.target_label}",
                body=f"{words['body']} chưa có người giữ vai trò thực hiện bước «{step.title}» "
                f"(hạn {words['due']}). Đề nghị Ban phân công hoặc chuyển cơ quan khác.",
                url=obligation.target_url,
                event_key=f"obligation:{obligation.pk}:{ObligationAlert.NO_ONE}",
            )
        )
        ObligationAlert.objects.create(
            obligation=obligation,
            key=ObligationAlert.NO_ONE,
            sent_at=obligation.opened_at,
            told=len(leaders),
        )
    notify_many(messages)
