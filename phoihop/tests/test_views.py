"""Pages of the shell, accounts and organisations, driven through the test client."""

from __future__ import annotations

from base64 import b32encode
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from phoihop.accounts.models import Membership, User
from phoihop.core.models import AuditEntry, CalendarException, Job
from phoihop.organisations.models import Lineage, Organisation

LOGIN = "/tai-khoan/dang-nhap/"


def test_wrong_password_gets_a_vietnamese_message_and_no_session(world, client):
    response = client.post(LOGIN, {"username": "board_officer", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_correct_password_lands_on_the_home_page(world, client, password):
    response = client.post(LOGIN, {"username": "board_officer", "password": password}, follow=True)
    assert response.status_code == 200
    assert "Xin chào" in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(world, client, password):
    for _ in range(5):
        client.post(LOGIN, {"username": "agency_officer", "password": "sai-mat-khau"})
    response = client.post(LOGIN, {"username": "agency_officer", "password": password})
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()


def test_password_reset_sends_a_vietnamese_letter_over_smtp(world, client, smtp_server):
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": world.board_officer.email})
    assert response.status_code == 302
    assert len(smtp_server) == 1
    letter = smtp_server[0].content.decode("utf-8", errors="replace")
    assert world.board_officer.email in smtp_server[0].rcpt_tos
    assert "/tai-khoan/dat-lai-mat-khau/" in letter
    assert mail.outbox == []  # it really left through SMTP


def test_switching_membership_changes_the_active_role(world, client):
    extra = Membership.objects.create(
        user=world.board_officer, organisation=world.board, role="duty_officer"
    )
    client.force_login(world.board_officer)
    client.post("/tai-khoan/chuyen-vai-tro/", {"membership": extra.pk, "next": "/"})
    assert "Cán bộ trực" in client.get("/").content.decode()


def test_switching_to_someone_elses_membership_is_404(world, client):
    client.force_login(world.board_officer)
    foreign = world.outsider.memberships.get()
    assert client.post("/tai-khoan/chuyen-vai-tro/", {"membership": foreign.pk}).status_code == 404


def test_board_officer_sees_a_body_but_gets_403_when_editing_it(world, client):
    client.force_login(world.board_officer)
    assert client.get(world.department.get_absolute_url()).status_code == 200
    response = client.post(f"/co-quan/{world.department.pk}/sua/", {"name": "Đổi tên"})
    assert response.status_code == 403
    world.department.refresh_from_db()
    assert world.department.name == "Sở Văn hóa, Thể thao và Du lịch"


def test_admin_edits_a_body_and_the_audit_trail_records_before_and_after(world, client):
    client.force_login(world.admin)
    data = {
        "name": "Sở Văn hóa và Thể thao",
        "kind": "department",
        "side": "state",
        "admin_unit": world.quang_ngai.pk,
        "symbol": "SVHTT",
    }
    response = client.post(f"/co-quan/{world.department.pk}/sua/", data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(verb="organisation_updated").get()
    assert entry.changes["name"] == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"]
    assert entry.actor == world.admin and entry.organisation_id == world.department.pk


def test_over_long_name_is_refused_with_a_message_and_nothing_changes(world, client):
    client.force_login(world.admin)
    data = {"name": "x" * 300, "kind": "department", "side": "state"}
    response = client.post(f"/co-quan/{world.department.pk}/sua/", data)
    assert response.status_code == 400
    assert "tối đa 255 kí tự" in response.content.decode()
    world.department.refresh_from_db()
    assert world.department.name.startswith("Sở Văn hóa")


def test_admin_merges_two_departments_from_the_page(world, client):
    sibling = Organisation.objects.add_child(
        world.peoples_committee,
        instance=Organisation(
            name="Sở Du lịch",
            kind="department",
            side="state",
            level="province",
            admin_unit=world.quang_ngai,
        ),
    )
    client.force_login(world.admin)
    response = client.post(
        f"/co-quan/{world.department.pk}/hop-nhat/",
        {
            "others": [sibling.pk],
            "name": "Sở Văn hóa, Thể thao và Du lịch (mới)",
            "effective": "2025-03-01",
            "basis": "Nghị quyết 01/NQ-HĐND",
        },
    )
    assert response.status_code == 302
    successor = Organisation.objects.get(name="Sở Văn hóa, Thể thao và Du lịch (mới)")
    links = Lineage.objects.filter(successor=successor)
    assert set(links.values_list("predecessor", flat=True)) == {world.department.pk, sibling.pk}
    world.department.refresh_from_db()
    assert world.department.valid_to == date(2025, 2, 28)
    assert world.agency_officer.memberships.filter(organisation=successor, is_active=True).exists()


def test_admin_creates_a_user_and_a_duplicate_username_is_refused(world, client):
    client.force_login(world.admin)
    data = {
        "username": "can_bo_moi",
        "full_name": "Cán bộ Mới",
        "email": "moi@phoihop.local",
        "password": "Mot-mat-khau-dai-2025",
        "organisation": world.council.pk,
        "role": "council_officer",
        "title": "Chuyên viên",
    }
    assert client.post("/tai-khoan/nguoi-dung/them/", data).status_code == 302
    user = User.objects.get(username="can_bo_moi")
    assert user.memberships.get().organisation == world.council
    again = client.post("/tai-khoan/nguoi-dung/them/", data)
    assert again.status_code == 400
    assert "đã có người dùng" in again.content.decode()
    assert User.objects.filter(username="can_bo_moi").count() == 1


def test_admin_cannot_grant_roles_in_another_province(world, client):
    client.force_login(world.admin)
    response = client.post(
        f"/tai-khoan/nguoi-dung/{world.board_officer.pk}/",
        {"organisation": world.other_board.pk, "role": "board_officer"},
    )
    assert response.status_code == 400  # the foreign body is not even a choice
    assert not world.board_officer.memberships.filter(organisation=world.other_board).exists()


def test_calendar_accepts_a_make_up_day_from_the_operator_and_refuses_others(world, client):
    world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.board_officer)
    data = {"day": "2026-02-28", "kind": "make_up_day", "note": "Làm bù"}
    assert client.post("/lich-lam-viec/", data).status_code == 403
    client.force_login(world.admin)
    assert client.post("/lich-lam-viec/", data).status_code == 302
    assert CalendarException.objects.get().kind == "make_up_day"
    duplicate = client.post("/lich-lam-viec/", data)
    assert duplicate.status_code == 400 and "đã được khai báo" in duplicate.content.decode()


def test_audit_page_is_for_auditors_only_and_filters_by_body(world, client):
    client.force_login(world.board_officer)
    assert client.get("/nhat-ky/").status_code == 403
    client.force_login(world.admin)
    client.post(
        f"/co-quan/{world.department.pk}/dau-moi/",
        {"leader": world.agency_officer.pk, "advisory_unit": "Văn phòng Sở"},
    )
    client.force_login(world.auditor)
    page = client.get("/nhat-ky/", {"organisation": world.department.pk})
    assert page.status_code == 200
    assert "Cử đầu mối phối hợp" in page.content.decode()
    bad = client.get("/nhat-ky/", {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    assert bad.status_code == 400 and "phải sau" in bad.content.decode()


@pytest.mark.django_db(transaction=True)
def test_audit_export_runs_as_a_background_job_with_progress(client, settings):
    from phoihop.testing.world import build_world

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world = build_world()
    client.force_login(world.auditor)
    response = client.post("/nhat-ky/xuat-excel/", {})
    job = Job.objects.get()
    assert response["Location"] == f"/cong-viec-nen/{job.pk}/"
    assert job.status == Job.Status.DONE and job.result
    assert client.get(f"/cong-viec-nen/{job.pk}/tai-ve/").status_code == 200
    client.force_login(world.board_officer)
    assert client.get(f"/cong-viec-nen/{job.pk}/").status_code == 404


def test_two_factor_is_required_for_administrators_where_enforced(world, client, settings):
    settings.REQUIRE_TWO_FACTOR = True
    client.force_login(world.admin)
    response = client.get("/co-quan/")
    assert response.status_code == 302 and "/tai-khoan/xac-thuc-hai-lop/" in response["Location"]
    setup = client.get("/tai-khoan/xac-thuc-hai-lop/")
    assert "<svg" in setup.content.decode()
    assert not TOTPDevice.objects.filter(user=world.admin).exists()  # a GET writes nothing
    wrong = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    device = TOTPDevice.objects.get(user=world.admin)
    assert setup.context["secret"] == b32encode(device.bin_key).decode()  # the QR code shown
    device.throttle_reset()  # a wrong code makes the next tries wait a little
    token = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": token})
    assert client.get("/co-quan/").status_code == 200
    client.force_login(world.board_officer)
    assert client.get("/co-quan/").status_code == 200  # not a privileged role


def test_organisation_browser_query_count_does_not_grow_with_provinces(
    world, client, django_assert_max_num_queries
):
    client.force_login(world.board_officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organisations:browser"))
    assert "Quảng Ngãi" in response.content.decode()


def test_unknown_ids_and_garbage_get_a_vietnamese_404(world, client):
    client.force_login(world.board_officer)
    for url in ("/co-quan/999999/", "/co-quan/dia-ban/999999/", "/cong-viec-nen/424242/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Không tìm thấy" in response.content.decode()


def home_card(response, template: str) -> dict | None:
    """The context of the home-page widget drawn with `template`, None when it is not shown."""
    cards = [w.context for w in response.context["widgets"] if w.template == template]
    return cards[0] if cards else None


def test_home_page_counts_what_the_role_covers(world, client):
    scope, recent_audit = "organisations/_home_scope.html", "site/_home_recent_audit.html"
    client.force_login(world.board_officer)
    board_view = client.get("/")
    assert home_card(board_view, scope)["bodies"] == 7  # the Quảng Ngãi level incl. the ward
    assert home_card(board_view, scope)["communes"] == 1
    assert home_card(board_view, recent_audit) is None
    client.force_login(world.agency_officer)
    assert home_card(client.get("/"), scope)["bodies"] == 1
    client.force_login(world.auditor)
    assert home_card(client.get("/"), recent_audit) is not None


def test_audit_list_query_count_does_not_grow_with_page_size(
    world, client, django_assert_max_num_queries
):
    from phoihop.core.audit import record_event

    actor = world.actor(world.admin)
    for n in range(45):
        record_event(actor=actor, target=world.department, verb=f"bench_{n}")
    client.force_login(world.auditor)
    with django_assert_max_num_queries(12):
        response = client.get("/nhat-ky/")
    first_page = response.context["entries"]
    assert first_page.total >= 45 and first_page.next_query
    with django_assert_max_num_queries(12):
        response = client.get(f"/nhat-ky/?{first_page.next_query}")
    assert response.context["entries"].number == 2
