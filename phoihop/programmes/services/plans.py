"""Annual plans: opening a year's plan, the dates its tasks may take, and importing a file."""

from __future__ import annotations

from datetime import date

from django.core.files.storage import default_storage
from django.db import transaction

from phoihop.core import calendar
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.jobs import job_start
from phoihop.core.models import Job

from .. import policies
from ..models import AnnualPlan, Programme


@transaction.atomic
def plan_create(*, actor: Actor, programme: Programme, year: int) -> AnnualPlan:
    ensure(
        policies.can_manage_plans(actor, programme),
        "Chỉ Ban chủ trì lập kế hoạch năm, khi chương trình đã ký kết.",
    )
    if not programme.start.year <= year <= programme.end.year:
        raise invalid(
            f"Năm {year} nằm ngoài thời gian của chương trình "
            f"({programme.start.year}–{programme.end.year}).",
            "year",
        )
    if programme.plans.filter(year=year).exists():
        raise invalid(f"Chương trình đã có kế hoạch năm {year}.", "year")
    plan = AnnualPlan.objects.create(programme=programme, year=year)
    record_event(actor=actor, target=plan, verb="plan_created")
    return plan


def resolve_due(plan: AnnualPlan, due: date | None, working_days: int | None, today: date) -> date:
    """A task's due date, given as a date or as N working days from today, inside the plan."""
    if (due is None) == (working_days is None):
        raise invalid(
            "Nhập thời hạn là một ngày, hoặc số ngày làm việc (chỉ một trong hai).", "due"
        )
    if due is None:
        assert working_days is not None  # exactly one of the two was given (checked above)
        due = calendar.add_working_days(today, working_days)
    programme = plan.programme
    if not programme.start <= due <= programme.end:
        raise invalid(
            f"Thời hạn {due:%d/%m/%Y} nằm ngoài thời gian của chương trình "
            f"({programme.start:%d/%m/%Y} – {programme.end:%d/%m/%Y}).",
            "due",
        )
    if due.year != plan.year:
        raise invalid(f"Thời hạn phải thuộc năm {plan.year} của kế hoạch.", "due")
    return due


@transaction.atomic
def plan_import_start(*, actor: Actor, plan: AnnualPlan, upload) -> Job:
    """Keep the uploaded workbook in storage and queue the job that checks and applies it (see
    `spreadsheets.import_plan`, which removes the file once read)."""
    ensure(policies.can_steer_task(actor, plan.programme), "Chỉ Ban chủ trì được nhập tệp.")
    path = default_storage.save(f"imports/plan-{plan.pk}.xlsx", upload)
    return job_start(
        actor=actor,
        kind="plan_import",
        title=f"Nhập cập nhật kế hoạch năm {plan.year} từ Excel",
        params={"plan_id": plan.pk, "path": path},
    )
