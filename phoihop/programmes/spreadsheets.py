"""A plan's tasks as XLSX, and updates read back from exactly that format.

The import is all or nothing: every row is validated first and the errors are listed per row and
column in Vietnamese; only a file without a single error is applied, inside one transaction,
through the same services as the pages (so policies, audit and the state machine all apply).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django_fsm import can_proceed
from openpyxl import Workbook, load_workbook

from phoihop.core.jobs import job_progress, runner
from phoihop.core.models import Job

from . import services
from .models import AnnualPlan, Task

HEADER = [
    "Mã",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Trạng thái",
    "Tiến độ (%)",
    "Sản phẩm mới: loại",
    "Sản phẩm mới: tên",
    "Sản phẩm mới: ngày",
    "Sản phẩm mới: đường dẫn",
    "Sản phẩm mới: số lượng",
]
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
STATE_LABELS = {label: value for value, label in Task.State.choices}
OUTPUT_LABELS = {label: value for value, label in Task.OutputKind.choices}
# The state changes a row may ask for, each one step done by one service action.
STEPS = {**services.TASK_STEERING, **services.TASK_REPORTING}
DEFER_REASON = "Cập nhật từ tệp Excel"


def export_plan(plan: AnnualPlan) -> bytes:
    """The plan's tasks in the one format the import reads back."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhiệm vụ")
    sheet.append(HEADER)
    for task in plan.tasks.select_related("lead").order_by("due", "pk"):
        sheet.append(
            [
                task.pk,
                task.title,
                str(task.lead),
                task.due.strftime("%d/%m/%Y"),
                task.get_state_display(),
                task.progress,
                None,
                None,
                None,
                None,
                None,
            ]
        )
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Chỉ sửa các cột Thời hạn (dd/mm/yyyy), Trạng thái, Tiến độ và Sản phẩm mới."])
    guide.append(["Trạng thái hợp lệ:", *STATE_LABELS])
    guide.append(["Loại sản phẩm hợp lệ:", *OUTPUT_LABELS])
    guide.append(["Không thêm, xóa, đổi tên cột; không dùng công thức; không gộp ô."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class RowUpdate:
    task: Task
    due: date | None = None
    action: str | None = None
    progress: int | None = None
    output: dict | None = None


@dataclass
class Reading:
    updates: list[RowUpdate] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def error(self, row: int, column: str | None, message: str) -> None:
        where = f"Dòng {row}" + (f", cột «{column}»" if column else "")
        self.errors.append(f"{where}: {message}")


def read_updates(plan: AnnualPlan, content: bytes) -> Reading:
    """Validate a whole file; nothing is changed here."""
    reading = Reading()
    if len(content) > MAX_BYTES:
        reading.error(1, None, "tệp lớn hơn 10 MB.")
        return reading
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=False)
    except Exception:  # openpyxl raises many kinds on a file that is not XLSX
        reading.error(
            1, None, "không đọc được tệp: chỉ nhận tệp Excel (.xlsx) đã xuất từ hệ thống."
        )
        return reading
    sheet = workbook.worksheets[0]
    if sheet.merged_cells.ranges:
        first = sorted(str(merged) for merged in sheet.merged_cells.ranges)[0]
        reading.error(1, None, f"tệp có ô gộp ({first}); hãy bỏ gộp ô.")
        return reading
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]] if rows else []
    if [h for h in header if h is not None] != HEADER:
        reading.error(1, None, "tiêu đề cột không đúng mẫu xuất từ hệ thống.")
        return reading
    if len(rows) - 1 > MAX_ROWS:
        reading.error(1, None, f"tệp có hơn {MAX_ROWS} dòng.")
        return reading
    tasks = {t.pk: t for t in plan.tasks.all()}
    for number, cells in enumerate(rows[1:], start=2):
        if all(cell.value in (None, "") for cell in cells):
            continue
        _read_row(reading, number, cells, tasks)
    return reading


def _read_row(reading: Reading, row: int, cells, tasks: dict[int, Task]) -> None:
    values = {}
    for column, cell in zip(HEADER, cells, strict=False):
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
            reading.error(row, column, "có công thức; chỉ nhập giá trị.")
            return
        values[column] = cell.value.strip() if isinstance(cell.value, str) else cell.value
    task = tasks.get(values["Mã"]) if isinstance(values["Mã"], int) else None
    if task is None:
        reading.error(row, "Mã", "không phải nhiệm vụ của kế hoạch này.")
        return
    update = RowUpdate(task=task)
    errors_before = len(reading.errors)
    update.due = _read_due(reading, row, values["Thời hạn"], task)
    update.action = _read_state(reading, row, values["Trạng thái"], task)
    update.progress = _read_number(reading, row, "Tiến độ (%)", values["Tiến độ (%)"], 0, 100)
    update.output = _read_output(reading, row, values)
    if len(reading.errors) == errors_before:
        reading.updates.append(update)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(str(value), "%d/%m/%Y").date()
    except ValueError:
        return None


def _read_due(reading: Reading, row: int, value, task: Task) -> date | None:
    due = _as_date(value)
    if due is None:
        reading.error(row, "Thời hạn", "phải là ngày dạng dd/mm/yyyy.")
        return None
    if due == task.due:
        return None
    if due < task.due:
        reading.error(row, "Thời hạn", "chỉ được lùi thời hạn, không được đưa lên sớm hơn.")
        return None
    return due


def _read_state(reading: Reading, row: int, value, task: Task) -> str | None:
    target = STATE_LABELS.get(value)
    if target is None:
        reading.error(row, "Trạng thái", f"«{value}» không phải trạng thái hợp lệ.")
        return None
    if target == task.state:
        return None
    for action, (method, _label) in STEPS.items():
        probe = Task(pk=task.pk, state=task.state)
        if can_proceed(getattr(probe, method)):
            getattr(probe, method)()
            if probe.state == target:
                return action
    reading.error(
        row,
        "Trạng thái",
        f"không thể chuyển từ «{task.get_state_display()}» sang «{value}» trong một bước.",
    )
    return None


def _read_number(reading: Reading, row: int, column: str, value, low: int, high: int):
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        reading.error(row, column, f"phải là số nguyên từ {low} đến {high}.")
        return None
    return value


def _read_output(reading: Reading, row: int, values: dict) -> dict | None:
    columns = [c for c in HEADER if c.startswith("Sản phẩm mới")]
    filled = [c for c in columns if values.get(c) not in (None, "")]
    if not filled:
        return None
    required = ["Sản phẩm mới: loại", "Sản phẩm mới: tên", "Sản phẩm mới: ngày"]
    for column in required:
        if values.get(column) in (None, ""):
            reading.error(row, column, "cần nhập khi khai báo sản phẩm mới.")
    kind = OUTPUT_LABELS.get(values.get("Sản phẩm mới: loại"))
    if values.get("Sản phẩm mới: loại") and kind is None:
        reading.error(row, "Sản phẩm mới: loại", "không phải loại sản phẩm hợp lệ.")
    produced_on = _as_date(values.get("Sản phẩm mới: ngày"))
    if values.get("Sản phẩm mới: ngày") and produced_on is None:
        reading.error(row, "Sản phẩm mới: ngày", "phải là ngày dạng dd/mm/yyyy.")
    count = _read_number(
        reading, row, "Sản phẩm mới: số lượng", values.get("Sản phẩm mới: số lượng"), 1, 100000
    )
    return {
        "kind": kind,
        "title": str(values.get("Sản phẩm mới: tên") or ""),
        "produced_on": produced_on,
        "link": str(values.get("Sản phẩm mới: đường dẫn") or ""),
        "count": count or 1,
    }


def apply_updates(*, actor, reading: Reading, on_row=None) -> dict[str, int]:
    """Apply every validated row in one transaction through the services."""
    summary = {"tasks": 0, "outputs": 0}
    with transaction.atomic():
        for index, update in enumerate(reading.updates, start=1):
            task = Task.objects.select_related("plan__programme").get(pk=update.task.pk)
            changed = False
            if update.due:
                services.task_defer(actor=actor, task=task, new_due=update.due, reason=DEFER_REASON)
                changed = True
            if update.output:
                services.output_add(actor=actor, task=task, organisation=task.lead, **update.output)
                summary["outputs"] += 1
            if update.progress is not None and update.progress != task.progress:
                services.task_update_progress(actor=actor, task=task, progress=update.progress)
                changed = True
            if update.action:
                services.task_advance(actor=actor, task=task, action=update.action)
                changed = True
            summary["tasks"] += changed
            if on_row:
                on_row(index)
    return summary


@runner("plan_import")
def import_plan(job: Job) -> None:
    from phoihop.accounts.selectors import build_actor

    plan = AnnualPlan.objects.select_related("programme").get(pk=job.params["plan_id"])
    with default_storage.open(job.params["path"], "rb") as source:
        reading = read_updates(plan, source.read())
    job_progress(job, 0, len(reading.updates))
    if reading.errors:
        raise ValueError(
            f"Không cập nhật gì vì tệp có {len(reading.errors)} lỗi:\n" + "\n".join(reading.errors)
        )
    try:
        summary = apply_updates(
            actor=build_actor(job.owner), reading=reading, on_row=lambda n: job_progress(job, n)
        )
    except (ValidationError, PermissionDenied) as error:
        messages = getattr(error, "messages", [str(error)])
        raise ValueError("Không cập nhật gì: " + " ".join(messages)) from error
    Job.objects.filter(pk=job.pk).update(
        message=f"Đã cập nhật {summary['tasks']} nhiệm vụ, thêm {summary['outputs']} sản phẩm."
    )
