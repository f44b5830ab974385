"""Outputs: the evidence a task produced something."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.core.uploads import check_upload
from phoihop.organisations.models import Organisation

from .. import policies
from ..models import Output, Task
from ._shared import _cooperating_ids


@transaction.atomic
def output_add(
    *,
    actor: Actor,
    task: Task,
    kind: str,
    title: str,
    produced_on: date,
    organisation: Organisation,
    link: str = "",
    count: int = 1,
    file=None,
) -> Output:
    """Record evidence of a task's result."""
    cooperating = _cooperating_ids(task)
    ensure(
        policies.can_report_on_task(actor, task, task.plan.programme, cooperating),
        "Chỉ đơn vị chủ trì, phối hợp hoặc Ban được ghi nhận sản phẩm.",
    )
    if organisation.pk not in {task.lead_id, *cooperating, task.plan.programme.board_id}:
        raise invalid("Đơn vị thực hiện phải là đơn vị chủ trì hoặc phối hợp.", "organisation")
    output = Output(
        task=task,
        kind=kind,
        title=title.strip(),
        produced_on=produced_on,
        organisation=organisation,
        link=link.strip(),
        count=count,
    )
    if file:
        check_upload(file)
        output.file = file
    output.full_clean()
    output.save()
    record_event(actor=actor, target=task, verb="output_added", detail={"output": output.pk})
    return output
