"""XLSX round trip of a plan's tasks: export, validate every row, apply all or nothing."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from phoihop.core.models import Job
from phoihop.programmes import services
from phoihop.programmes.models import Task
from phoihop.programmes.spreadsheets import HEADER, apply_updates, export_plan, read_updates
from phoihop.testing.programmes import build_programme


@pytest.fixture
def prg(world):
    return build_programme(world)


def exported(plan):
    return load_workbook(io.BytesIO(export_plan(plan)))


def as_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def edit(plan, change):
    """Export, let `change(sheet)` edit the first sheet, return the file's bytes."""
    workbook = exported(plan)
    change(workbook.worksheets[0])
    return as_bytes(workbook)


def test_the_export_has_the_header_and_one_row_per_task(world, prg):
    sheet = exported(prg.plan).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][:6] == (
        prg.task.pk,
        prg.task.title,
        str(world.department),
        "30/06/2026",
        "Đã giao",
        0,
    )


def test_an_unchanged_file_changes_nothing(world, prg):
    reading = read_updates(prg.plan, export_plan(prg.plan))
    assert reading.errors == []
    assert apply_updates(actor=world.actor(world.board_officer), reading=reading) == {
        "tasks": 0,
        "outputs": 0,
    }


def test_valid_updates_are_applied_through_the_services(world, prg):
    def change(sheet):
        sheet["D2"] = "15/07/2026"
        sheet["E2"] = "Đang thực hiện"
        sheet["F2"] = 60
        sheet["G2"], sheet["H2"], sheet["I2"], sheet["K2"] = (
            "Hội nghị, hội thảo",
            "Hội nghị báo cáo viên",
            "10/07/2026",
            2,
        )

    reading = read_updates(prg.plan, edit(prg.plan, change))
    assert reading.errors == []
    summary = apply_updates(actor=world.actor(world.board_officer), reading=reading)
    task = Task.objects.get(pk=prg.task.pk)
    assert (task.state, task.progress, task.due) == ("in_progress", 60, date(2026, 7, 15))
    assert task.outputs.filter(title="Hội nghị báo cáo viên", count=2).exists()
    assert summary == {"tasks": 1, "outputs": 1}


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("F2", "sáu mươi", "Dòng 2, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100."),
        ("F2", 150, "Dòng 2, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100."),
        ("E2", "Xong rồi", "Dòng 2, cột «Trạng thái»: «Xong rồi» không phải trạng thái hợp lệ."),
        ("E2", "Ban đã xác nhận", "Dòng 2, cột «Trạng thái»: không thể chuyển"),
        ("D2", "31/02/2026", "Dòng 2, cột «Thời hạn»: phải là ngày dạng dd/mm/yyyy."),
        ("D2", "01/01/2026", "Dòng 2, cột «Thời hạn»: chỉ được lùi thời hạn"),
        ("A2", 999999, "Dòng 2, cột «Mã»: không phải nhiệm vụ của kế hoạch này."),
        ("F2", "=50+10", "Dòng 2, cột «Tiến độ (%)»: có công thức"),
        ("H2", "Chỉ có tên", "Dòng 2, cột «Sản phẩm mới: loại»: cần nhập"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(world, prg, cell, value, message):
    def change(sheet):
        sheet[cell] = value

    reading = read_updates(prg.plan, edit(prg.plan, change))
    assert any(error.startswith(message) for error in reading.errors), reading.errors


def test_one_bad_row_means_nothing_is_applied(world, prg):
    second = services.task_create(
        actor=world.actor(world.board_officer),
        plan=prg.plan,
        data=services.TaskData(title="Việc thứ hai", lead=world.department, due=date(2026, 8, 1)),
    )

    def change(sheet):
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == prg.task.pk:
                row[5].value = 40  # fine
            if row[0].value == second.pk:
                row[5].value = "nhiều"  # wrong

    reading = read_updates(prg.plan, edit(prg.plan, change))
    assert len(reading.errors) == 1 and reading.errors[0].startswith("Dòng 3")


def test_wrong_columns_merged_cells_and_non_excel_files_are_refused(world, prg):
    wrong = Workbook()
    wrong.active.append(["Mã", "Tên"])
    assert "tiêu đề cột" in read_updates(prg.plan, as_bytes(wrong)).errors[0]

    merged = edit(prg.plan, lambda sheet: sheet.merge_cells("B2:C2"))
    assert "ô gộp" in read_updates(prg.plan, merged).errors[0]

    assert "không đọc được tệp" in read_updates(prg.plan, b"not a spreadsheet").errors[0]
    assert "10 MB" in read_updates(prg.plan, b"x" * (10 * 1024 * 1024 + 1)).errors[0]


@pytest.mark.django_db(transaction=True)
def test_import_runs_as_a_background_job_and_reports_errors_per_row(client, settings):
    from phoihop.testing.world import build_world

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world = build_world()
    prg = build_programme(world)
    client.force_login(world.board_officer)
    bad = edit(prg.plan, lambda sheet: sheet.__setitem__("F2", 101))
    response = client.post(
        reverse("programmes:plan_import", args=[prg.plan.pk]),
        {"file": SimpleUploadedFile("ke-hoach.xlsx", bad)},
    )
    job = Job.objects.get(kind="plan_import")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.FAILED
    assert "Dòng 2, cột «Tiến độ (%)»" in client.get(job.get_absolute_url()).content.decode()
    assert Task.objects.get(pk=prg.task.pk).progress == 0

    good = edit(prg.plan, lambda sheet: sheet.__setitem__("F2", 30))
    client.post(
        reverse("programmes:plan_import", args=[prg.plan.pk]),
        {"file": SimpleUploadedFile("ke-hoach.xlsx", good)},
    )
    done = Job.objects.filter(kind="plan_import").order_by("-pk").first()
    assert done.status == Job.Status.DONE and "Đã cập nhật 1 nhiệm vụ" in done.message
    assert Task.objects.get(pk=prg.task.pk).progress == 30


def test_the_outsider_cannot_export_and_a_party_officer_cannot_import(world, client, prg):
    client.force_login(world.outsider)
    assert client.get(reverse("programmes:plan_export", args=[prg.plan.pk])).status_code == 404
    client.force_login(world.agency_officer)
    assert client.get(reverse("programmes:plan_export", args=[prg.plan.pk])).status_code == 200
    assert client.get(reverse("programmes:plan_import", args=[prg.plan.pk])).status_code == 403
