"""The programmes app's figures for reports (RPT): tasks and outputs of a subtree in a period.

Tasks counted are those led by a body under `path` and due in the period. A task is done when
it is finished (done or confirmed); done on time when its last "task_finish" event is not later
than its due date; overdue when it is still open and its due date (in the period) has passed.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from phoihop.core.models import AuditEntry
from phoihop.core.plugins import ReportFigure

from .models import Output, Task

# Produced only when the subtree made outputs in the period (core.plugins.figure_catalogue).
CONDITIONAL_FIGURES = {"programmes.outputs": "Sản phẩm phối hợp"}


def report_figures(*, path: str, start: date, end: date) -> list[ReportFigure]:
    today = timezone.localdate()
    tasks = Task.objects.filter(lead_path__startswith=path, due__gte=start, due__lte=end).exclude(
        state__in=[Task.State.CANCELLED, Task.State.CARRIED_OVER]
    )
    counts = tasks.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(state__in=Task.FINISHED_STATES)),
        overdue=Count("id", filter=Q(state__in=Task.OPEN_STATES, due__lt=today)),
    )
    finished = dict(tasks.filter(state__in=Task.FINISHED_STATES).values_list("pk", "due"))
    on_time = 0
    if finished:
        stamps = (
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Task),
                object_pk__in=[str(pk) for pk in finished],
                verb="task_finish",
            )
            .values("object_pk")
            .annotate(last=Max("timestamp"))
        )
        on_time = sum(
            1
            for row in stamps
            if timezone.localtime(row["last"]).date() <= finished[int(row["object_pk"])]
        )
    total, done, overdue = counts["total"], counts["done"], counts["overdue"]
    figures = [
        ReportFigure(
            key="programmes.tasks",
            label="Nhiệm vụ phối hợp đến hạn trong kỳ",
            value=total,
            sentence=(
                f"Trong kỳ có {total} nhiệm vụ phối hợp đến hạn; đã hoàn thành {done} nhiệm vụ "
                f"({on_time} nhiệm vụ đúng hạn), {overdue} nhiệm vụ quá hạn chưa hoàn thành."
            ),
        ),
        ReportFigure(
            key="programmes.tasks_done",
            label="Nhiệm vụ đã hoàn thành",
            value=done,
            sentence="",
        ),
        ReportFigure(
            key="programmes.tasks_on_time",
            label="Nhiệm vụ hoàn thành đúng hạn",
            value=on_time,
            sentence="",
        ),
        ReportFigure(
            key="programmes.tasks_overdue",
            label="Nhiệm vụ quá hạn",
            value=overdue,
            sentence="",
        ),
    ]
    outputs = (
        Output.objects.filter(
            organisation__path__startswith=path, produced_on__gte=start, produced_on__lte=end
        )
        .values("kind")
        .annotate(total=Sum("count"))
        .order_by("kind")
    )
    labels = dict(Task.OutputKind.choices)
    parts = []
    for row in outputs:
        label = labels.get(row["kind"], row["kind"])
        parts.append(f"{row['total']} {label.lower()}")
        figures.append(
            ReportFigure(
                key=f"programmes.outputs.{row['kind']}",
                label=f"Sản phẩm: {label}",
                value=row["total"],
                sentence="",
            )
        )
    if parts:
        figures.append(
            ReportFigure(
                key="programmes.outputs",
                label=CONDITIONAL_FIGURES["programmes.outputs"],
                value=sum(row["total"] for row in outputs),
                sentence=f"Các bên đã thực hiện {', '.join(parts)}.",
            )
        )
    return figures
