"""Programme pages through the test client: rendering, buttons by policy, bad input."""

from datetime import date

import pytest
from django.urls import reverse

from phoihop.programmes.models import Programme, Task
from phoihop.testing.programmes import build_programme


@pytest.fixture
def prg(world):
    return build_programme(world)


def test_every_programme_page_renders_for_the_board_officer(world, client, prg):
    client.force_login(world.board_officer)
    for url in (
        reverse("programmes:list"),
        reverse("programmes:list") + "?q=uy ban&state=in_force&year=2026",
        prg.programme.get_absolute_url(),
        prg.plan.get_absolute_url(),
        reverse("programmes:task_create", args=[prg.plan.pk]),
        prg.task.get_absolute_url(),
        reverse("my_work"),
        reverse("programmes:create"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Phối Hợp" in response.content.decode()


def test_agency_officer_sees_the_task_and_can_report_but_not_steer(world, client, prg):
    client.force_login(world.agency_officer)
    page = client.get(prg.task.get_absolute_url()).content.decode()
    assert "Bắt đầu thực hiện" in page and "Lùi hạn" not in page
    response = client.post(
        reverse("programmes:task_action", args=[prg.task.pk]), {"action": "start"}
    )
    assert response.status_code == 302
    prg.task.refresh_from_db()
    assert prg.task.state == Task.State.IN_PROGRESS
    refused = client.post(
        reverse("programmes:task_defer", args=[prg.task.pk]),
        {"new_due": "2026-12-01", "reason": "x"},
    )
    assert refused.status_code == 403


def test_progress_outside_0_to_100_is_refused_with_a_message(world, client, prg):
    client.force_login(world.agency_officer)
    response = client.post(
        reverse("programmes:task_progress", args=[prg.task.pk]), {"progress": "150"}, follow=True
    )
    assert "Tiến độ (%)" in response.content.decode()
    prg.task.refresh_from_db()
    assert prg.task.progress == 0


def test_creating_a_programme_from_the_page(world, client):
    client.force_login(world.board_officer)
    response = client.post(
        reverse("programmes:create"),
        {
            "title": "Chương trình phối hợp với Thường trực HĐND",
            "kind": "programme",
            "basis": "phase",
            "start": "2022-01-01",
            "end": "2026-12-31",
            "parties": [world.council.pk],
        },
    )
    programme = Programme.objects.get(title="Chương trình phối hợp với Thường trực HĐND")
    assert response["Location"] == programme.get_absolute_url()
    assert set(programme.parties.values_list("organisation", flat=True)) == {
        world.board.pk,
        world.council.pk,
    }


def test_end_before_start_is_refused_and_nothing_is_created(world, client):
    client.force_login(world.board_officer)
    response = client.post(
        reverse("programmes:create"),
        {
            "title": "Sai ngày",
            "kind": "programme",
            "basis": "phase",
            "start": "2026-01-01",
            "end": "2022-12-31",
            "parties": [world.council.pk],
        },
    )
    assert response.status_code == 400
    assert not Programme.objects.filter(title="Sai ngày").exists()


def test_a_forbidden_transition_shows_a_message_and_changes_nothing(world, client, prg):
    client.force_login(world.board_leader)
    response = client.post(
        reverse("programmes:action", args=[prg.programme.pk]), {"action": "sign"}, follow=True
    )
    assert "Không thể" in response.content.decode()
    prg.programme.refresh_from_db()
    assert prg.programme.state == Programme.State.IN_FORCE


def test_a_task_due_outside_the_plan_year_is_refused(world, client, prg):
    client.force_login(world.board_officer)
    response = client.post(
        reverse("programmes:task_create", args=[prg.plan.pk]),
        {
            "title": "Nhiệm vụ sai năm",
            "lead": world.department.pk,
            "due": "2025-03-01",
            "expected_output": "report",
        },
    )
    assert response.status_code == 400
    assert "năm 2026" in response.content.decode()
    assert not Task.objects.filter(title="Nhiệm vụ sai năm").exists()


def test_task_created_with_working_days(world, client, prg):
    client.force_login(world.board_officer)
    client.post(
        reverse("programmes:task_create", args=[prg.plan.pk]),
        {
            "title": "Trong 5 ngày làm việc",
            "lead": world.department.pk,
            "due_in_working_days": "5",
            "expected_output": "report",
        },
    )
    task = Task.objects.filter(title="Trong 5 ngày làm việc").first()
    if date.today().year == 2026:
        assert task is not None and task.due > date.today()


def test_plan_board_and_my_work_queries_do_not_grow_with_tasks(
    world, client, prg, django_assert_max_num_queries
):
    from phoihop.programmes import services

    for n in range(20):
        services.task_create(
            actor=world.actor(world.board_officer),
            plan=prg.plan,
            data=services.TaskData(
                title=f"Việc {n}", lead=world.department, due=date(2026, 3, 1 + n)
            ),
        )
    client.force_login(world.board_officer)
    with django_assert_max_num_queries(12):
        assert client.get(prg.plan.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("my_work")).status_code == 200


def test_coverage_lists_covered_and_missing_bodies(world, client, prg):
    client.force_login(world.board_officer)
    response = client.get(reverse("programmes:coverage") + "?nam=2026")
    coverage = response.context["coverage"]
    covered = {row.body.pk for row in coverage.same_level if row.programmes}
    missing = {row.body.pk for row in coverage.same_level if not row.programmes}
    assert world.peoples_committee.pk in covered
    assert world.council.pk in missing
    assert [row.body.pk for row in coverage.communes] == [world.commune_committee.pk]
    assert coverage.commune_counts == (0, 1)
    assert "coverage-data" in response.content.decode()
    client.force_login(world.agency_officer)
    assert client.get(reverse("programmes:coverage")).status_code == 403


def test_the_board_attaches_the_signed_scan_and_parties_download_it(world, client, prg):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.board_officer)
    scan = SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    client.post(
        reverse("programmes:attachment_add", args=[prg.programme.pk]),
        {"title": "Bản ký có dấu", "file": scan},
    )
    attachment = prg.programme.attachments.get()
    client.force_login(world.agency_officer)
    response = client.get(reverse("programmes:attachment", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 scan"
    refused = client.post(
        reverse("programmes:attachment_add", args=[prg.programme.pk]),
        {"file": SimpleUploadedFile("x.pdf", b"x")},
    )
    assert refused.status_code == 403


def test_an_executable_is_not_accepted_as_an_attachment(world, client, prg):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.board_officer)
    response = client.post(
        reverse("programmes:attachment_add", args=[prg.programme.pk]),
        {"file": SimpleUploadedFile("virus.exe", b"MZ")},
        follow=True,
    )
    assert "Không nhận tệp chương trình chạy được" in response.content.decode()
    assert not prg.programme.attachments.exists()


def test_a_scan_whose_content_is_not_what_its_name_says_is_refused(world, client, prg):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.board_officer)
    response = client.post(
        reverse("programmes:attachment_add", args=[prg.programme.pk]),
        {"file": SimpleUploadedFile("ban-ky.pdf", b"\x89PNG\r\n\x1a\n")},
        follow=True,
    )
    assert "không đúng là PDF" in response.content.decode()
    assert not prg.programme.attachments.exists()


def test_only_the_operator_rewords_a_content_item_and_the_old_wording_is_kept(world, client):
    from phoihop.programmes.models import ContentItem

    item = ContentItem.objects.get(regime__is_current=True, code="R1")
    client.force_login(world.board_leader)
    assert (
        client.post(reverse("programmes:regimes"), {"item": item.pk, "title": "x"}).status_code
        == 403
    )
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    client.post(reverse("programmes:regimes"), {"item": item.pk, "title": "Tuyên truyền (sửa đổi)"})
    item.refresh_from_db()
    assert item.title == "Tuyên truyền (sửa đổi)"
    first_version = item.history.order_by("history_date").first()
    assert first_version.title != item.title
    assert "Tuyên truyền (sửa đổi)" in client.get(reverse("programmes:regimes")).content.decode()


def test_a_task_moves_from_the_plan_board_and_the_board_comes_back(world, client, prg):
    client.force_login(world.agency_officer)
    board = client.get(prg.plan.get_absolute_url()).content.decode()
    assert "Bắt đầu thực hiện" in board and "Thống nhất nhiệm vụ" not in board
    response = client.post(
        reverse("programmes:task_action", args=[prg.task.pk]),
        {"action": "start", "next": prg.plan.get_absolute_url()},
    )
    assert response["Location"] == prg.plan.get_absolute_url()
    prg.task.refresh_from_db()
    assert prg.task.state == Task.State.IN_PROGRESS
    outside = client.post(
        reverse("programmes:task_action", args=[prg.task.pk]),
        {"action": "finish", "next": "https://example.com/"},
    )
    assert outside["Location"] == prg.task.get_absolute_url()


def test_the_board_gives_a_cooperating_body_its_own_deadline(world, client, prg):
    from phoihop.programmes.models import Assignment

    assignment = Assignment.objects.create(
        task=prg.task, organisation=world.board, due=prg.task.due
    )
    client.force_login(world.board_officer)
    client.post(reverse("programmes:assignment_due", args=[assignment.pk]), {"due": "2026-06-15"})
    assignment.refresh_from_db()
    assert assignment.due == date(2026, 6, 15)
    outside = client.post(
        reverse("programmes:assignment_due", args=[assignment.pk]),
        {"due": "2027-01-15"},
        follow=True,
    )
    assert "nằm ngoài thời gian" in outside.content.decode()
    client.force_login(world.agency_officer)
    refused = client.post(
        reverse("programmes:assignment_due", args=[assignment.pk]), {"due": "2026-06-20"}
    )
    assert refused.status_code == 403


def test_the_board_leader_supersedes_a_programme_with_a_newer_one(world, client, prg):
    from phoihop.programmes import services

    newer = services.programme_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=services.ProgrammeData(
            title="Chương trình 2027–2031", start=date(2027, 1, 1), end=date(2031, 12, 31)
        ),
        parties=[world.peoples_committee],
    )
    client.force_login(world.board_leader)
    page = client.get(prg.programme.get_absolute_url()).content.decode()
    assert "Chương trình 2027–2031" in page
    client.post(
        reverse("programmes:action", args=[prg.programme.pk]),
        {"action": "supersede", "successor": newer.pk},
    )
    prg.programme.refresh_from_db()
    assert prg.programme.state == Programme.State.SUPERSEDED
    assert prg.programme.successor == newer


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_attachment_keeps_its_type_size_and_name_and_downloads_under_that_name(
    world, client, prg, media
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.template.defaultfilters import filesizeformat
    from django.utils import timezone
    from django.utils.http import content_disposition_header

    client.force_login(world.board_officer)
    content = b"%PDF-1.4 scan"
    client.post(
        reverse("programmes:attachment_add", args=[prg.programme.pk]),
        {"file": SimpleUploadedFile("bản ký.pdf", content)},
    )
    attachment = prg.programme.attachments.get()
    assert (attachment.title, attachment.original_name) == ("bản ký.pdf", "bản ký.pdf")
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(content))
    assert attachment.file.name.startswith(f"programmes/{timezone.now():%Y}/")
    assert attachment.uploaded_by == world.board_officer
    response = client.get(reverse("programmes:attachment", args=[attachment.pk]))
    assert response["Content-Disposition"] == content_disposition_header(True, "bản ký.pdf")
    page = client.get(prg.programme.get_absolute_url()).content.decode()
    assert filesizeformat(len(content)) in page  # the size is shown beside the file


def test_a_file_lost_from_storage_is_a_404_not_a_500(world, client, prg, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.board_officer)
    client.post(
        reverse("programmes:attachment_add", args=[prg.programme.pk]),
        {"file": SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4 scan")},
    )
    attachment = prg.programme.attachments.get()
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(reverse("programmes:attachment", args=[attachment.pk])).status_code == 404
