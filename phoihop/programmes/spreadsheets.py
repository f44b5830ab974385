"""A plan's tasks as XLSX, and updates read back from exactly that format.

Export: sheet "Nhiệm vụ" (one row per task, the columns of `HEADER`), sheet "Hướng dẫn" (what may
be changed, the allowed state labels and output kinds) and a hidden sheet "Gốc" holding the values
as exported. Import compares each editable cell with "Gốc": a cell the user did not change is left
alone (so a stale file never undoes a colleague's later update), and a cell the user changed while
the task also changed in the system since the export is a conflict, reported like any other error.

Import is all or nothing. Nothing is applied unless the whole file is valid:

1. Before openpyxl builds anything, the file itself is checked: at most `MAX_BYTES`, a ZIP whose
   parts unpack to at most `MAX_UNPACKED` (a small file can unpack to gigabytes), and one streamed
   pass over the task sheet's XML that counts rows (refused past `MAX_ROWS`) and finds merged
   cells. openpyxl's read-only worksheets do not expose merged cells, and a normal load keeps every
   cell in memory, so this pass reads `<mergeCell>` itself with the standard library parser.
2. The sheet is then read with openpyxl in read-only mode and `data_only=False`, so formulas are
   seen as formulas and refused. The header must be `HEADER` exactly; every row is validated
   against the task in the database: the id belongs to this plan and appears once, the due date
   is dd/mm/yyyy, only later and inside the plan year and the programme (`services.resolve_due`),
   the state label is known and reachable in one step of the task's state machine
   (`django_fsm.can_proceed` on the transitions behind `services.task_advance`), progress is an
   integer 0–100, the new output is all or nothing with a known kind, a date, a valid link and
   count, and the job owner's policies allow each change. Errors read
   "Dòng 5, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100.".
3. Only a file without a single error is applied, inside one transaction, through the same
   services as the pages (policies, audit and the state machine all apply again); if a service
   still refuses a row (a change made meanwhile), the transaction rolls back and the row is named.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree import ElementTree

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django_fsm import can_proceed
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from phoihop.core.job_registry import runner
from phoihop.core.jobs import job_progress
from phoihop.core.models import Job

from . import policies, services
from .models import AnnualPlan, Assignment, Output, Task

SHEET = "Nhiệm vụ"
GUIDE = "Hướng dẫn"
ORIGINAL = "Gốc"
ID, TITLE, LEAD, DUE, STATE, PROGRESS = (
    "Mã",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Trạng thái",
    "Tiến độ (%)",
)
OUT_KIND, OUT_TITLE, OUT_DATE, OUT_LINK, OUT_COUNT = (
    "Sản phẩm mới: loại",
    "Sản phẩm mới: tên",
    "Sản phẩm mới: ngày",
    "Sản phẩm mới: đường dẫn",
    "Sản phẩm mới: số lượng",
)
HEADER = [ID, TITLE, LEAD, DUE, STATE, PROGRESS, OUT_KIND, OUT_TITLE, OUT_DATE, OUT_LINK, OUT_COUNT]
OUTPUT_COLUMNS = {
    "kind": OUT_KIND,
    "title": OUT_TITLE,
    "produced_on": OUT_DATE,
    "link": OUT_LINK,
    "count": OUT_COUNT,
}
ORIGINAL_HEADER = [ID, DUE, STATE, PROGRESS]

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 5000
MAX_LISTED_ERRORS = 200
PROGRESS_EVERY = 100
DATE_FORMAT = "%d/%m/%Y"

STATE_LABELS = {label: value for value, label in Task.State.choices}
OUTPUT_LABELS = {label: value for value, label in Task.OutputKind.choices}
# The state changes a row may ask for: one step, done by one `services.task_advance` action.
STEPS = {**services.TASK_STEERING, **services.TASK_REPORTING}
REPORTABLE_STATES = {*Task.WORKING_STATES, Task.State.DONE}
DEFER_REASON = "Cập nhật từ tệp Excel"
GUIDE_LINES = [
    "Chỉ sửa các cột: Thời hạn (dd/mm/yyyy, chỉ lùi hạn), Trạng thái, Tiến độ (%) "
    "và các cột Sản phẩm mới.",
    "Trạng thái chỉ chuyển được một bước so với hiện tại (ví dụ Đã giao → Đang thực hiện).",
    "Sản phẩm mới: nhập đủ loại, tên và ngày (dd/mm/yyyy); đường dẫn, số lượng có thể bỏ trống.",
    "Không thêm, xóa, đổi tên cột; không dùng công thức; không gộp ô; không sửa trang ẩn «Gốc».",
    "Nếu có dòng sai, hệ thống không cập nhật gì và liệt kê lỗi theo dòng, cột.",
]


# --- Export ------------------------------------------------------------------------------------


def export_plan(plan: AnnualPlan) -> bytes:
    """The plan's tasks in the one format the import reads back."""
    tasks = list(plan.tasks.select_related("lead").order_by("due", "pk"))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for index, width in enumerate([8, 60, 30, 12, 18, 10, 24, 40, 16, 40, 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(HEADER)
    for task in tasks:
        sheet.append(
            [
                task.pk,
                task.title,
                str(task.lead),
                task.due.strftime(DATE_FORMAT),
                task.get_state_display(),
                task.progress,
                None,
                None,
                None,
                None,
                None,
            ]
        )
    guide = workbook.create_sheet(GUIDE)
    guide.column_dimensions["A"].width = 40
    for line in GUIDE_LINES:
        guide.append([line])
    guide.append([])
    guide.append(["Trạng thái hợp lệ:", *STATE_LABELS])
    guide.append(["Loại sản phẩm hợp lệ:", *OUTPUT_LABELS])
    original = workbook.create_sheet(ORIGINAL)
    original.sheet_state = "hidden"
    original.append(ORIGINAL_HEADER)
    for task in tasks:
        original.append([task.pk, task.due.strftime(DATE_FORMAT), task.state, task.progress])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading and validating ----------------------------------------------------------------------


@dataclass
class RowUpdate:
    row: int
    task: Task
    due: date | None = None
    action: str | None = None
    progress: int | None = None
    output: dict | None = None
    report_first: bool = True  # progress and output before the state change, or after it

    @property
    def changes_task(self) -> bool:
        return bool(self.due or self.action or self.progress is not None)


@dataclass
class Reading:
    updates: list[RowUpdate] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: int = 0

    def error(self, row: int, column: str | None, message: str) -> None:
        where = f"Dòng {row}" + (f", cột «{column}»" if column else "")
        self.errors.append(f"{where}: {message}")

    def refuse(self, message: str) -> Reading:
        """A fault of the whole file: nothing else is read."""
        self.errors.append(message)
        return self


class FileRefused(Exception):
    pass


def read_updates(plan: AnnualPlan, content: bytes, *, actor=None, on_row=None) -> Reading:
    """Validate a whole file against the plan; nothing is changed here.

    With `actor`, each change is also checked against that actor's policies.
    `on_row(rows_read, rows_total)` is called every `PROGRESS_EVERY` rows.
    """
    reading = Reading()
    if len(content) > MAX_BYTES:
        return reading.refuse("Tệp lớn hơn 10 MB; hãy chỉ giữ các nhiệm vụ cần cập nhật.")
    try:
        sheet_parts = _check_package(content)
        reading.rows = _scan_sheet(content, sheet_parts[SHEET])
    except FileRefused as refusal:
        return reading.refuse(str(refusal))
    except (
        zipfile.BadZipFile,
        KeyError,
        StopIteration,
        ElementTree.ParseError,
        ValueError,
        OSError,
    ):
        return reading.refuse("Không đọc được tệp: chỉ nhận tệp Excel (.xlsx) xuất từ hệ thống.")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        return reading.refuse("Không đọc được tệp: tệp Excel bị hỏng.")
    try:
        _read_workbook(reading, workbook, plan, actor, on_row)
    finally:
        workbook.close()
    return reading


def _check_package(content: bytes) -> dict[str, str]:
    """Sheet title → its part in the ZIP, after checking the unpacked size."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise FileRefused("Tệp giải nén quá lớn (hơn 100 MB); không phải tệp xuất từ hệ thống.")
        parts = _sheet_parts(archive)
    if SHEET not in parts or ORIGINAL not in parts:
        raise FileRefused(
            f"Tệp không đúng mẫu xuất từ hệ thống (cần trang «{SHEET}» và trang ẩn «{ORIGINAL}»). "
            "Hãy xuất lại tệp từ trang kế hoạch rồi sửa trên tệp đó."
        )
    return parts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element, name: str) -> str | None:
    return next((v for k, v in element.attrib.items() if _local(k) == name), None)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Follow the package relationships from the root to each worksheet's XML part."""
    root = ElementTree.fromstring(archive.read("_rels/.rels"))
    book = next(
        r.get("Target") for r in root if (r.get("Type") or "").endswith("/officeDocument")
    ).lstrip("/")
    folder = posixpath.dirname(book)
    rels = ElementTree.fromstring(
        archive.read(posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels"))
    )
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    parts = {}
    for sheet in ElementTree.fromstring(archive.read(book)).iter():
        if _local(sheet.tag) == "sheet":
            target = targets.get(_attribute(sheet, "id"), "")
            parts[sheet.get("name")] = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
    return parts


def _scan_sheet(content: bytes, part: str) -> int:
    """Count the sheet's data rows and refuse merged cells, streaming its XML."""
    rows, merged = 0, []
    with zipfile.ZipFile(io.BytesIO(content)) as archive, archive.open(part) as source:
        for _event, element in ElementTree.iterparse(source):
            name = _local(element.tag)
            if name == "row":
                rows += 1
                element.clear()
                if rows - 1 > MAX_ROWS:
                    raise FileRefused(
                        f"Tệp có hơn {MAX_ROWS:,} dòng nhiệm vụ; hãy chia thành nhiều tệp.".replace(
                            ",", "."
                        )
                    )
            elif name == "mergeCell":
                merged.append(element.get("ref"))
    if merged:
        raise FileRefused(
            f"Tệp có ô gộp ({', '.join(merged[:5])}); hãy bỏ gộp ô (Merge & Center) rồi tải lại."
        )
    return max(rows - 1, 0)


def _read_workbook(reading: Reading, workbook, plan: AnnualPlan, actor, on_row) -> None:
    sheet = workbook[SHEET]
    sheet.reset_dimensions()  # read every row the file has, whatever its <dimension> says
    rows = sheet.iter_rows()
    header = [_clean(cell.value) for cell in next(rows, ())]
    while header and header[-1] is None:
        header.pop()
    if header != HEADER:
        reading.refuse(
            "Tiêu đề cột không đúng mẫu xuất từ hệ thống. Cần đúng các cột: "
            + " | ".join(HEADER)
            + "."
        )
        return
    context = _Context.build(plan, actor, _originals(workbook[ORIGINAL]))
    if on_row:
        on_row(0, reading.rows)
    for number, cells in enumerate(rows, start=2):
        _read_row(reading, number, cells, context)
        if on_row and (number - 1) % PROGRESS_EVERY == 0:
            on_row(number - 1, reading.rows)


def _originals(sheet) -> dict[int, tuple]:
    """Task id → (due, state, progress) as exported."""
    originals = {}
    for values in sheet.iter_rows(min_row=2, values_only=True):
        if len(values) >= 4 and (task_id := _as_int(values[0])) is not None:
            originals[task_id] = (_as_date(values[1]), values[2], _as_int(values[3]))
    return originals


@dataclass
class _Context:
    plan: AnnualPlan
    actor: object
    tasks: dict[int, Task]
    cooperating: dict[int, frozenset[int]]
    originals: dict[int, tuple]
    seen: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, plan: AnnualPlan, actor, originals) -> _Context:
        tasks = {t.pk: t for t in plan.tasks.select_related("plan__programme")}
        cooperating: dict[int, set[int]] = {}
        for task_id, organisation_id in Assignment.objects.filter(task__plan=plan).values_list(
            "task_id", "organisation_id"
        ):
            cooperating.setdefault(task_id, set()).add(organisation_id)
        return cls(
            plan=plan,
            actor=actor,
            tasks=tasks,
            cooperating={k: frozenset(v) for k, v in cooperating.items()},
            originals=originals,
        )

    def may_steer(self) -> bool:
        return self.actor is None or policies.can_steer_task(self.actor, self.plan.programme)

    def may_report(self, task: Task, state: str) -> bool:
        probe = Task(pk=task.pk, state=state, lead_id=task.lead_id)
        return self.actor is None or policies.can_report_on_task(
            self.actor, probe, self.plan.programme, self.cooperating.get(task.pk, frozenset())
        )


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _is_formula(cell) -> bool:
    return cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))


def _read_row(reading: Reading, row: int, cells, context: _Context) -> None:
    values = dict.fromkeys(HEADER)
    faults = len(reading.errors)
    for index, cell in enumerate(cells):
        column = HEADER[index] if index < len(HEADER) else None
        if _is_formula(cell):
            reading.error(
                row, column or get_column_letter(index + 1), "có công thức; chỉ nhập giá trị."
            )
        elif column is None and _clean(cell.value) is not None:
            reading.error(
                row, get_column_letter(index + 1), "có dữ liệu ngoài các cột của mẫu; hãy xóa."
            )
        elif column:
            values[column] = _clean(cell.value)
    if len(reading.errors) > faults or all(value is None for value in values.values()):
        return
    task_id = _as_int(values[ID])
    task = context.tasks.get(task_id)
    if task is None:
        reading.error(row, ID, "không phải mã nhiệm vụ của kế hoạch này; không sửa cột Mã.")
        return
    if task_id in context.seen:
        reading.error(row, ID, f"nhiệm vụ này đã có ở dòng {context.seen[task_id]}.")
        return
    context.seen[task_id] = row
    original_due, original_state, original_progress = context.originals.get(
        task.pk, (task.due, task.state, task.progress)
    )

    update = RowUpdate(row=row, task=task)
    state = task.state  # the state as the row's changes are applied one after another
    reporting_state = state  # the state in which progress and the output are recorded
    due = _as_date(values[DUE])
    if due is None:
        reading.error(row, DUE, "phải là ngày dạng dd/mm/yyyy.")
    elif due != original_due:
        if task.due != original_due:
            reading.error(row, DUE, _conflict(f"{task.due:%d/%m/%Y}"))
        elif due < task.due:
            reading.error(row, DUE, "chỉ được lùi thời hạn, không được đưa lên sớm hơn.")
        elif not can_proceed(Task(pk=task.pk, state=state).defer):
            reading.error(row, DUE, f"không lùi hạn được khi nhiệm vụ «{_label(state)}».")
        elif not context.may_steer():
            reading.error(row, DUE, "chỉ Ban chủ trì được lùi thời hạn.")
        elif message := _due_outside_plan(context.plan, due):
            reading.error(row, DUE, message)
        else:
            update.due, state = due, Task.State.DEFERRED

    target = STATE_LABELS.get(values[STATE])
    if values[STATE] is None or target is None:
        shown = f"«{values[STATE]}»" if values[STATE] is not None else "ô trống"
        reading.error(row, STATE, f"{shown} không phải trạng thái hợp lệ (xem trang «{GUIDE}»).")
    elif target != original_state:
        if task.state != original_state:
            reading.error(row, STATE, _conflict(task.get_state_display()))
        elif target != state:
            update.action = _step(reading, row, state, target, context)
            # Record progress and the output before the change when the current state allows it
            # (a confirmed task takes none), otherwise after it (a proposed task just agreed).
            update.report_first = _reportable(state)
            reporting_state = state if update.report_first else target

    progress = _as_int(values[PROGRESS])
    if progress is None or not 0 <= progress <= 100:
        reading.error(row, PROGRESS, "phải là số nguyên từ 0 đến 100.")
    elif progress != original_progress:
        if task.progress != original_progress:
            reading.error(row, PROGRESS, _conflict(f"{task.progress}%"))
        elif progress != task.progress:
            update.progress = progress

    update.output = _read_output(reading, row, values, task)

    if update.progress is not None or update.output:
        column = PROGRESS if update.progress is not None else OUT_KIND
        if not _reportable(reporting_state):
            reading.error(
                row, column, f"không cập nhật được khi nhiệm vụ «{_label(reporting_state)}»."
            )
        elif not context.may_report(task, reporting_state):
            reading.error(row, column, "bạn không có quyền cập nhật nhiệm vụ này.")
    if len(reading.errors) == faults and (update.changes_task or update.output):
        reading.updates.append(update)


def _conflict(now: str) -> str:
    return (
        f"đã được đổi trên hệ thống sau khi xuất tệp (nay là {now}); "
        "hãy xuất lại tệp rồi sửa trên tệp mới."
    )


def _label(state: str) -> str:
    return Task.State(state).label


def _reportable(state: str) -> bool:
    return state in REPORTABLE_STATES


def _due_outside_plan(plan: AnnualPlan, due: date) -> str | None:
    try:
        services.resolve_due(plan, due, None, due)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def _step(reading: Reading, row: int, state: str, target: str, context: _Context) -> str | None:
    """The one action that takes a task from `state` to `target`, if there is one allowed."""
    for action, (method, label) in STEPS.items():
        probe = Task(state=state)
        if can_proceed(getattr(probe, method)):
            getattr(probe, method)()
            if probe.state != target:
                continue
            if action in services.TASK_STEERING and not context.may_steer():
                reading.error(row, STATE, f"chỉ Ban chủ trì được: {label.lower()}.")
                return None
            return action
    if target in {Task.State.CANCELLED, Task.State.CARRIED_OVER}:
        message = "hủy hoặc chuyển nhiệm vụ sang năm sau làm trên trang nhiệm vụ (cần nêu lý do)."
    elif target == Task.State.DEFERRED:
        message = "để lùi hạn, hãy nhập thời hạn mới ở cột «Thời hạn»."
    else:
        message = f"không thể chuyển từ «{_label(state)}» sang «{_label(target)}» trong một bước."
    reading.error(row, STATE, message)
    return None


def _as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), DATE_FORMAT).date()
    except ValueError:
        return None


def _read_output(reading: Reading, row: int, values: dict, task: Task) -> dict | None:
    """A new output: kind, name and date together (link and count optional), or nothing."""
    if all(values[column] is None for column in OUTPUT_COLUMNS.values()):
        return None
    faults = len(reading.errors)
    for column in (OUT_KIND, OUT_TITLE, OUT_DATE):
        if values[column] is None:
            reading.error(row, column, "cần nhập khi khai báo sản phẩm mới.")
    kind = OUTPUT_LABELS.get(values[OUT_KIND])
    if values[OUT_KIND] is not None and kind is None:
        reading.error(row, OUT_KIND, f"không phải loại sản phẩm hợp lệ (xem trang «{GUIDE}»).")
    produced_on = _as_date(values[OUT_DATE])
    if values[OUT_DATE] is not None and produced_on is None:
        reading.error(row, OUT_DATE, "phải là ngày dạng dd/mm/yyyy.")
    count = 1 if values[OUT_COUNT] is None else _as_int(values[OUT_COUNT])
    if count is None or not 1 <= count <= 100_000:
        reading.error(row, OUT_COUNT, "phải là số nguyên từ 1 đến 100000.")
    output = {
        "kind": kind,
        "title": str(values[OUT_TITLE] or ""),
        "produced_on": produced_on,
        "link": str(values[OUT_LINK] or ""),
        "count": count,
    }
    if len(reading.errors) > faults:
        return None
    try:  # the model's own rules: lengths, a valid link
        Output(task=task, organisation_id=task.lead_id, **output).full_clean(
            exclude=["task", "organisation", "file"]
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            reading.error(row, OUTPUT_COLUMNS.get(name), " ".join(messages))
        return None
    return output


# --- Applying ----------------------------------------------------------------------------------


class RowRefused(Exception):
    pass


def apply_updates(*, actor, reading: Reading, on_row=None) -> dict[str, int]:
    """Apply every validated row in one transaction through the services."""
    if reading.errors:
        raise ValueError("A reading with errors is never applied.")
    summary = {"tasks": 0, "outputs": 0}
    with transaction.atomic():
        for index, update in enumerate(reading.updates, start=1):
            try:
                _apply_row(actor, update)
            except (ValidationError, PermissionDenied) as error:
                messages = getattr(error, "messages", None) or [str(error)]
                raise RowRefused(f"Dòng {update.row}: {' '.join(messages)}") from error
            summary["tasks"] += update.changes_task
            summary["outputs"] += bool(update.output)
            if on_row:
                on_row(index)
    return summary


def _apply_row(actor, update: RowUpdate) -> None:
    task = Task.objects.select_for_update().select_related("plan__programme").get(pk=update.task.pk)
    if update.due:
        services.task_defer(actor=actor, task=task, new_due=update.due, reason=DEFER_REASON)
    if update.action and not update.report_first:
        services.task_advance(actor=actor, task=task, action=update.action)
    if update.output:
        services.output_add(actor=actor, task=task, organisation=task.lead, **update.output)
    if update.progress is not None:
        services.task_update_progress(actor=actor, task=task, progress=update.progress)
    if update.action and update.report_first:
        services.task_advance(actor=actor, task=task, action=update.action)


@runner("plan_import")
def import_plan(job: Job) -> None:
    """Validate the uploaded file, then apply it all or not at all; the job page shows why."""
    from phoihop.accounts.selectors import build_actor

    actor = build_actor(job.owner)
    plan = AnnualPlan.objects.select_related("programme").get(pk=job.params["plan_id"])
    path = job.params["path"]
    try:
        with default_storage.open(path, "rb") as source:
            content = source.read(MAX_BYTES + 1)
    except FileNotFoundError as error:
        raise ValueError("Không cập nhật gì: tệp tải lên không còn; hãy tải lại tệp.") from error
    try:
        reading = read_updates(
            plan,
            content,
            actor=actor,
            on_row=lambda done, total: job_progress(job, done, total),
        )
        if reading.errors:
            listed = reading.errors[:MAX_LISTED_ERRORS]
            more = len(reading.errors) - len(listed)
            raise ValueError(
                "\n".join(
                    [
                        f"Không cập nhật gì vì tệp có {len(reading.errors)} lỗi:",
                        *listed,
                        *([f"… và {more} lỗi khác."] if more else []),
                    ]
                )
            )
        job_progress(job, 0, len(reading.updates))
        try:
            summary = apply_updates(
                actor=actor, reading=reading, on_row=lambda n: job_progress(job, n)
            )
        except RowRefused as refusal:
            raise ValueError(f"Không cập nhật gì:\n{refusal}") from refusal
    finally:
        default_storage.delete(path)
    Job.objects.filter(pk=job.pk).update(
        done=len(reading.updates),
        message=f"Đã cập nhật {summary['tasks']} nhiệm vụ, thêm {summary['outputs']} sản phẩm.",
    )
