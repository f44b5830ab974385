"""XLSX round trip of a plan's tasks: export, validate every row, apply all or nothing."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from phoihop.core.models import Job
from phoihop.core.tasks import run_job
from phoihop.programmes import services, spreadsheets
from phoihop.programmes.models import Output, Task
from phoihop.programmes.spreadsheets import HEADER, apply_updates, export_plan, read_updates
from phoihop.testing.programmes import build_programme

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def prg(world):
    return build_programme(world)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def exported(plan):
    return load_workbook(io.BytesIO(export_plan(plan)))


def as_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def edit(plan, change):
    """Export, let `change(sheet)` edit the task sheet, return the file's bytes."""
    workbook = exported(plan)
    change(workbook["Nhiệm vụ"])
    return as_bytes(workbook)


def setter(**cells):
    def change(sheet):
        for reference, value in cells.items():
            sheet[reference] = value

    return change


def read(world, plan, content):
    return read_updates(plan, content, actor=world.actor(world.board_officer))


def add_task(world, prg, title="Việc thứ hai", due=date(2026, 8, 1)):
    return services.task_create(
        actor=world.actor(world.board_officer),
        plan=prg.plan,
        data=services.TaskData(title=title, lead=world.department, due=due),
    )


def snapshot(plan):
    return [
        (t.pk, t.state, t.progress, t.due, t.outputs.count())
        for t in Task.objects.filter(plan=plan).order_by("pk")
    ]


# --- Export ----------------------------------------------------------------------------------


def test_the_export_has_the_header_one_row_per_task_and_a_guide(world, prg):
    workbook = exported(prg.plan)
    rows = list(workbook["Nhiệm vụ"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][:6] == (
        prg.task.pk,
        prg.task.title,
        str(world.department),
        "30/06/2026",
        "Đã giao",
        0,
    )
    assert len(rows) == 2
    guide = [cell for row in workbook["Hướng dẫn"].iter_rows(values_only=True) for cell in row]
    assert "Đang thực hiện" in guide and "Hội nghị, hội thảo" in guide
    assert workbook["Gốc"].sheet_state == "hidden"


def test_anyone_who_sees_the_plan_may_export_and_the_outsider_gets_404(world, client, prg):
    url = reverse("programmes:plan_export", args=[prg.plan.pk])
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.agency_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    header = next(load_workbook(io.BytesIO(response.content))["Nhiệm vụ"].values)
    assert header == tuple(HEADER)


# --- Reading: the round trip and valid changes --------------------------------------------------


def test_an_unchanged_file_changes_nothing(world, prg):
    add_task(world, prg)
    before = snapshot(prg.plan)
    reading = read(world, prg.plan, export_plan(prg.plan))
    assert (reading.errors, reading.updates) == ([], [])
    summary = apply_updates(actor=world.actor(world.board_officer), reading=reading)
    assert summary == {"tasks": 0, "outputs": 0}
    assert snapshot(prg.plan) == before


def test_valid_updates_are_applied_through_the_services(world, prg):
    second = add_task(world, prg)
    services.task_advance(actor=world.actor(world.board_officer), task=second, action="agree")

    def change(sheet):
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == prg.task.pk:  # later due date, started, 60 %, a new output
                row[3].value, row[4].value, row[5].value = "15/07/2026", "Đang thực hiện", 60
                row[6].value, row[7].value, row[8].value = (
                    "Hội nghị, hội thảo",
                    "Hội nghị",
                    "10/07/2026",
                )
                row[9].value, row[10].value = "https://baoquangngai.vn/hoi-nghi", 2
            if row[0].value == second.pk:  # only the progress
                row[5].value = 15

    reading = read(world, prg.plan, edit(prg.plan, change))
    assert reading.errors == []
    summary = apply_updates(actor=world.actor(world.board_officer), reading=reading)
    assert summary == {"tasks": 2, "outputs": 1}
    task = Task.objects.get(pk=prg.task.pk)
    assert (task.state, task.progress, task.due) == ("in_progress", 60, date(2026, 7, 15))
    assert task.reason == "Cập nhật từ tệp Excel"
    output = task.outputs.get(title="Hội nghị")
    assert (output.kind, output.count, output.produced_on, output.organisation) == (
        "conference",
        2,
        date(2026, 7, 10),
        world.department,
    )
    assert Task.objects.get(pk=second.pk).progress == 15


def test_a_date_cell_and_an_integral_number_are_read_like_the_exported_text(world, prg):
    reading = read(world, prg.plan, edit(prg.plan, setter(D2=date(2026, 7, 1), F2=40.0)))
    assert reading.errors == []
    assert (reading.updates[0].due, reading.updates[0].progress) == (date(2026, 7, 1), 40)


def test_progress_and_output_are_recorded_after_a_proposed_task_is_agreed(world, prg):
    proposed = add_task(world, prg, title="Việc mới đề xuất")

    def change(sheet):
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == proposed.pk:
                row[4].value, row[5].value = "Đã thống nhất", 5

    reading = read(world, prg.plan, edit(prg.plan, change))
    assert reading.errors == []
    apply_updates(actor=world.actor(world.board_officer), reading=reading)
    proposed.refresh_from_db()
    assert (proposed.state, proposed.progress) == ("agreed", 5)


def test_a_stale_file_does_not_undo_a_later_change_and_a_clash_is_named(world, prg):
    stale = export_plan(prg.plan)
    services.task_update_progress(
        actor=world.actor(world.board_officer), task=prg.task, progress=50
    )
    reading = read(world, prg.plan, stale)
    assert (reading.errors, reading.updates) == ([], [])

    workbook = load_workbook(io.BytesIO(stale))
    workbook["Nhiệm vụ"]["F2"] = 20
    reading = read(world, prg.plan, as_bytes(workbook))
    assert reading.errors == [
        "Dòng 2, cột «Tiến độ (%)»: đã được đổi trên hệ thống sau khi xuất tệp (nay là 50%); "
        "hãy xuất lại tệp rồi sửa trên tệp mới."
    ]


# --- Reading: errors per row and column -----------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"F2": "sáu mươi"}, "Dòng 2, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100."),
        ({"F2": 150}, "Dòng 2, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100."),
        ({"F2": 12.5}, "Dòng 2, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100."),
        ({"E2": "Xong rồi"}, "Dòng 2, cột «Trạng thái»: «Xong rồi» không phải trạng thái hợp lệ"),
        ({"E2": None}, "Dòng 2, cột «Trạng thái»: ô trống không phải trạng thái hợp lệ"),
        (
            {"E2": "Ban đã xác nhận"},
            "Dòng 2, cột «Trạng thái»: không thể chuyển từ «Đã giao» sang «Ban đã xác nhận»",
        ),
        ({"E2": "Đã hủy"}, "Dòng 2, cột «Trạng thái»: hủy hoặc chuyển nhiệm vụ sang năm sau"),
        ({"E2": "Lùi thời hạn"}, "Dòng 2, cột «Trạng thái»: để lùi hạn, hãy nhập thời hạn mới"),
        ({"D2": "31/02/2026"}, "Dòng 2, cột «Thời hạn»: phải là ngày dạng dd/mm/yyyy."),
        ({"D2": "2026-07-01"}, "Dòng 2, cột «Thời hạn»: phải là ngày dạng dd/mm/yyyy."),
        ({"D2": "01/01/2026"}, "Dòng 2, cột «Thời hạn»: chỉ được lùi thời hạn"),
        ({"D2": "15/01/2027"}, "Dòng 2, cột «Thời hạn»: Thời hạn 15/01/2027 nằm ngoài thời gian"),
        ({"A2": 999999}, "Dòng 2, cột «Mã»: không phải mã nhiệm vụ của kế hoạch này"),
        ({"A2": "một"}, "Dòng 2, cột «Mã»: không phải mã nhiệm vụ của kế hoạch này"),
        ({"F2": "=50+10"}, "Dòng 2, cột «Tiến độ (%)»: có công thức; chỉ nhập giá trị."),
        ({"H2": "Chỉ có tên"}, "Dòng 2, cột «Sản phẩm mới: loại»: cần nhập"),
        (
            {"G2": "Phim", "H2": "Phim tài liệu", "I2": "01/06/2026"},
            "Dòng 2, cột «Sản phẩm mới: loại»: không phải loại sản phẩm hợp lệ",
        ),
        (
            {"G2": "Báo cáo", "H2": "Báo cáo quý", "I2": "hôm qua"},
            "Dòng 2, cột «Sản phẩm mới: ngày»: phải là ngày dạng dd/mm/yyyy.",
        ),
        (
            {"G2": "Báo cáo", "H2": "Báo cáo quý", "I2": "01/06/2026", "K2": "hai"},
            "Dòng 2, cột «Sản phẩm mới: số lượng»: phải là số nguyên từ 1 đến 100000.",
        ),
        (
            {"G2": "Báo cáo", "H2": "Báo cáo quý", "I2": "01/06/2026", "J2": "không phải link"},
            "Dòng 2, cột «Sản phẩm mới: đường dẫn»:",
        ),
        ({"L2": "ghi chú"}, "Dòng 2, cột «L»: có dữ liệu ngoài các cột của mẫu"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(world, prg, cells, message):
    reading = read(world, prg.plan, edit(prg.plan, setter(**cells)))
    assert any(error.startswith(message) for error in reading.errors), reading.errors
    assert reading.updates == []


def test_one_bad_row_among_good_ones_is_named_and_nothing_is_kept(world, prg):
    second = add_task(world, prg)
    services.task_advance(actor=world.actor(world.board_officer), task=second, action="agree")

    def change(sheet):
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == prg.task.pk:
                row[5].value = 40  # fine
            if row[0].value == second.pk:
                row[5].value = "nhiều"  # wrong

    reading = read(world, prg.plan, edit(prg.plan, change))
    assert reading.errors == ["Dòng 3, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100."]


def test_the_same_task_twice_is_an_error(world, prg):
    def change(sheet):
        sheet.append([prg.task.pk, prg.task.title, "", "30/06/2026", "Đã giao", 10])

    reading = read(world, prg.plan, edit(prg.plan, change))
    assert reading.errors == ["Dòng 3, cột «Mã»: nhiệm vụ này đã có ở dòng 2."]


def test_a_confirmed_task_takes_no_progress(world, prg):
    officer = world.actor(world.board_officer)
    services.task_advance(actor=officer, task=prg.task, action="finish")
    services.task_advance(actor=officer, task=prg.task, action="confirm")
    reading = read(world, prg.plan, edit(prg.plan, setter(F2=90)))
    assert reading.errors == [
        "Dòng 2, cột «Tiến độ (%)»: không cập nhật được khi nhiệm vụ «Ban đã xác nhận»."
    ]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(world, prg):
    second = add_task(world, prg)

    def change(sheet):
        values = [cell.value for cell in sheet[3]]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=3, column=column).value = None
            sheet.cell(row=5, column=column).value = value
        sheet["D5"] = "x"

    reading = read(world, prg.plan, edit(prg.plan, change))
    assert reading.errors == ["Dòng 5, cột «Thời hạn»: phải là ngày dạng dd/mm/yyyy."]
    assert second.pk == load_workbook(io.BytesIO(export_plan(prg.plan)))["Nhiệm vụ"]["A3"].value


# --- Reading: files that are not the exported format ---------------------------------------------


def test_wrong_columns_are_refused(world, prg):
    def rename(sheet):
        sheet["F1"] = "Tiến độ"

    assert (
        read(world, prg.plan, edit(prg.plan, rename))
        .errors[0]
        .startswith("Tiêu đề cột không đúng mẫu")
    )

    def insert(sheet):
        sheet.insert_cols(2)

    assert "Tiêu đề cột" in read(world, prg.plan, edit(prg.plan, insert)).errors[0]

    wrong = Workbook()
    wrong.active.title = "Nhiệm vụ"
    wrong.active.append(["Mã", "Tên"])
    wrong.create_sheet("Gốc")
    assert "Tiêu đề cột" in read(world, prg.plan, as_bytes(wrong)).errors[0]


def test_a_workbook_that_was_not_exported_is_refused(world, prg):
    other = Workbook()
    other.active.append(HEADER)
    (error,) = read(world, prg.plan, as_bytes(other)).errors
    assert error.startswith("Tệp không đúng mẫu xuất từ hệ thống")


def test_a_formula_cell_is_refused(world, prg):
    reading = read(world, prg.plan, edit(prg.plan, setter(F2="=SUM(1,2)", E2="=E1")))
    assert "Dòng 2, cột «Trạng thái»: có công thức; chỉ nhập giá trị." in reading.errors
    assert "Dòng 2, cột «Tiến độ (%)»: có công thức; chỉ nhập giá trị." in reading.errors


def test_merged_cells_are_refused(world, prg):
    (error,) = read(world, prg.plan, edit(prg.plan, lambda s: s.merge_cells("B2:C2"))).errors
    assert error.startswith("Tệp có ô gộp (B2:C2)")


def test_a_file_that_is_not_xlsx_is_refused(world, prg):
    (error,) = read(world, prg.plan, b"Ma;Nhiem vu\n1;x\n").errors
    assert error.startswith("Không đọc được tệp")


def test_a_file_over_10_mb_is_refused_before_it_is_opened(world, prg):
    (error,) = read(world, prg.plan, b"PK" + b"x" * (10 * 1024 * 1024)).errors
    assert "10 MB" in error


def test_a_file_that_unpacks_too_large_is_refused(world, prg, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED", 50_000)
    buffer = io.BytesIO(export_plan(prg.plan))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 60_000)
    (error,) = read(world, prg.plan, buffer.getvalue()).errors
    assert error.startswith("Tệp giải nén quá lớn")


def test_more_than_5000_rows_are_refused(world, prg):
    def change(sheet):
        for _ in range(5000):
            sheet.append([prg.task.pk, "", "", "30/06/2026", "Đã giao", 0])

    (error,) = read(world, prg.plan, edit(prg.plan, change)).errors
    assert error == "Tệp có hơn 5.000 dòng nhiệm vụ; hãy chia thành nhiều tệp."


# --- The page and the background job -----------------------------------------------------------


def test_the_outsider_gets_404_and_an_agency_officer_403_on_import(world, client, prg, media):
    url = reverse("programmes:plan_import", args=[prg.plan.pk])
    upload = {"file": SimpleUploadedFile("ke-hoach.xlsx", export_plan(prg.plan))}
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, upload).status_code == 404
    client.force_login(world.agency_officer)
    assert client.get(url).status_code == 403
    upload["file"].seek(0)
    assert client.post(url, upload).status_code == 403
    client.force_login(world.board_officer)
    assert client.get(url).status_code == 200
    assert not Job.objects.exists()


def test_the_import_service_keeps_the_file_and_queues_the_job_for_the_board_only(world, prg, media):
    from django.core.exceptions import PermissionDenied

    content = export_plan(prg.plan)
    with pytest.raises(PermissionDenied):
        services.plan_import_start(
            actor=world.actor(world.agency_officer),
            plan=prg.plan,
            upload=SimpleUploadedFile("ke-hoach.xlsx", content),
        )
    assert not Job.objects.exists() and not list(media.rglob("*.xlsx"))
    job = services.plan_import_start(
        actor=world.actor(world.board_officer),
        plan=prg.plan,
        upload=SimpleUploadedFile("ke-hoach.xlsx", content),
    )
    assert (job.kind, job.owner, job.params["plan_id"]) == (
        "plan_import",
        world.board_officer,
        prg.plan.pk,
    )
    assert (media / job.params["path"]).read_bytes() == content


def test_an_upload_over_10_mb_or_not_xlsx_is_refused_by_the_form(world, client, prg, media):
    url = reverse("programmes:plan_import", args=[prg.plan.pk])
    client.force_login(world.board_officer)
    big = SimpleUploadedFile("ke-hoach.xlsx", b"x" * (10 * 1024 * 1024 + 1))
    response = client.post(url, {"file": big})
    assert response.status_code == 400 and "10 MB" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("ke-hoach.csv", b"a;b")})
    assert response.status_code == 400
    assert not Job.objects.exists()


def upload(client, prg, content):
    return client.post(
        reverse("programmes:plan_import", args=[prg.plan.pk]),
        {"file": SimpleUploadedFile("ke-hoach.xlsx", content)},
    )


def test_the_job_applies_a_valid_file_and_says_what_it_did(
    world, client, prg, media, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client.force_login(world.board_officer)
    content = edit(
        prg.plan,
        setter(F2=30, G2="Báo cáo", H2="Báo cáo sơ kết", I2="01/06/2026"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, prg, content)
    job = Job.objects.get(kind="plan_import")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.DONE
    assert job.message == "Đã cập nhật 1 nhiệm vụ, thêm 1 sản phẩm."
    assert (job.done, job.total) == (1, 1)
    assert Task.objects.get(pk=prg.task.pk).progress == 30
    assert Output.objects.filter(title="Báo cáo sơ kết").exists()
    assert not list(media.rglob("*.xlsx"))  # the upload is removed once read
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Đã cập nhật 1 nhiệm vụ, thêm 1 sản phẩm." in page

    run_job.call(job.pk)  # running the same job again does nothing
    assert Output.objects.filter(title="Báo cáo sơ kết").count() == 1


def test_a_job_whose_owner_lost_the_right_changes_nothing(world, prg, media):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    path = default_storage.save(
        "imports/x.xlsx", ContentFile(edit(prg.plan, setter(D2="01/07/2026")))
    )
    job = Job.objects.create(
        kind="plan_import",
        title="x",
        owner=world.agency_officer,
        params={"plan_id": prg.plan.pk, "path": path},
    )
    with pytest.raises(ValueError, match="Dòng 2, cột «Thời hạn»: chỉ Ban chủ trì được lùi"):
        spreadsheets.import_plan(job)
    assert Task.objects.get(pk=prg.task.pk).due == date(2026, 6, 30)


def test_a_service_refusing_a_row_while_applying_rolls_back_every_row(world, prg, monkeypatch):
    second = add_task(world, prg)
    services.task_advance(actor=world.actor(world.board_officer), task=second, action="agree")

    def change(sheet):
        for row in sheet.iter_rows(min_row=2):
            row[5].value = 70

    reading = read(world, prg.plan, edit(prg.plan, change))
    assert reading.errors == []
    # Between the check and the write someone cancels the second task.
    services.task_cancel(actor=world.actor(world.board_officer), task=second, reason="Thôi")
    before = snapshot(prg.plan)
    with pytest.raises(spreadsheets.RowRefused, match=r"^Dòng 3: "):
        apply_updates(actor=world.actor(world.board_officer), reading=reading)
    assert snapshot(prg.plan) == before


@pytest.mark.django_db(transaction=True)
def test_a_bad_row_fails_the_job_lists_errors_and_changes_nothing(client, settings, tmp_path):
    from phoihop.testing.world import build_world

    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    prg = build_programme(world)
    second = add_task(world, prg)
    services.task_advance(actor=world.actor(world.board_officer), task=second, action="agree")
    before = snapshot(prg.plan)
    client.force_login(world.board_officer)

    def change(sheet):
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == prg.task.pk:
                row[5].value = 50  # fine on its own
            if row[0].value == second.pk:
                row[5].value = "năm mươi"

    response = upload(client, prg, edit(prg.plan, change))
    job = Job.objects.get(kind="plan_import")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.FAILED
    assert job.message.splitlines() == [
        "Không cập nhật gì vì tệp có 1 lỗi:",
        "Dòng 3, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100.",
    ]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Dòng 3, cột «Tiến độ (%)»: phải là số nguyên từ 0 đến 100." in page
    assert snapshot(prg.plan) == before
