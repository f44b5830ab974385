"""Demo programmes for the demo province: 2022–2026 programmes with the council, the people's
committee, the court and the procuracy, plans with the State Bank branch and Social Insurance,
2025 and 2026 annual plans with a realistic mix of finished, running and overdue tasks.

Idempotent: a programme is looked up by its title and board before anything is created. Every
write goes through the services with the system actor, so the audit trail is realistic.
"""

from __future__ import annotations

from datetime import date

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor
from phoihop.organisations.models import FocalPoint, Organisation
from phoihop.organisations.services import focal_point_set

from . import services
from .models import Programme, Task

SYSTEM = Actor(user=None, sees_everything=True)
PHASE = (date(2022, 1, 1), date(2026, 12, 31))
K = Task.OutputKind

# key in the organisation seed → (title, kind, signing body, authority, signatory, own number)
PARTNERS = [
    (
        "council",
        "Chương trình phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Đảng đoàn HĐND "
        "tỉnh trong công tác tuyên truyền giai đoạn 2022–2026",
        Programme.Kind.PROGRAMME,
        "Đảng đoàn HĐND tỉnh",
        "T/M",
        "Bí thư Đảng đoàn, Chủ tịch HĐND tỉnh",
        "Nguyễn Đức Tuy",
        "02-CTr/ĐĐHĐND",
    ),
    (
        "peoples_committee",
        "Chương trình phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và UBND "
        "tỉnh giai đoạn 2022–2026",
        Programme.Kind.PROGRAMME,
        "",
        "TM.",
        "Phó Chủ tịch UBND tỉnh",
        "Trần Phước Hiền",
        "03/CTr-UBND",
    ),
    (
        "TA",
        "Chương trình phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Tòa án nhân dân tỉnh "
        "giai đoạn 2022–2026",
        Programme.Kind.PROGRAMME,
        "",
        "",
        "Chánh án",
        "Lê Văn Hòa",
        "01/CTr-TA",
    ),
    (
        "VKS",
        "Chương trình phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Viện kiểm sát nhân "
        "dân tỉnh giai đoạn 2022–2026",
        Programme.Kind.PROGRAMME,
        "",
        "",
        "Viện trưởng",
        "Phạm Minh Tâm",
        "01/CTr-VKS",
    ),
    (
        "NHNN",
        "Kế hoạch phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Ngân hàng Nhà nước chi "
        "nhánh tỉnh về tuyên truyền chính sách tiền tệ, tín dụng giai đoạn 2022–2026",
        Programme.Kind.PLAN,
        "",
        "",
        "Giám đốc",
        "Võ Thị Kim Liên",
        "05/KH-NHNN",
    ),
]
# Social Insurance's plan is still being consulted: it stays a draft in the demo.
CONSULTING = (
    "BHXH",
    "Kế hoạch phối hợp giữa Ban Tuyên giáo và Dân vận Tỉnh ủy và Bảo hiểm xã "
    "hội tỉnh về tuyên truyền chính sách bảo hiểm xã hội, bảo hiểm y tế năm 2026",
)

# (year, title, lead key or None for the partner, due, expected output, final state, progress,
#  output title or "")
TASKS = [
    (
        2025,
        "Tuyên truyền kết quả kỳ họp thường lệ cuối năm 2024 của HĐND tỉnh",
        None,
        date(2025, 1, 20),
        K.ARTICLE_SERIES,
        "confirmed",
        100,
        "Loạt 6 tin, bài trên Báo Quảng Ngãi",
    ),
    (
        2025,
        "Cung cấp thông tin định kỳ hằng quý phục vụ báo cáo viên, tuyên truyền viên",
        None,
        date(2025, 12, 15),
        K.REPORT,
        "done",
        100,
        "Bản tin thông tin nội bộ quý IV/2025",
    ),
    (
        2025,
        "Phối hợp tổ chức hội nghị báo cáo viên chuyên đề sắp xếp đơn vị hành chính",
        None,
        date(2025, 6, 30),
        K.CONFERENCE,
        "confirmed",
        100,
        "Hội nghị báo cáo viên tháng 6/2025",
    ),
    (
        2025,
        "Nắm bắt dư luận xã hội về việc sắp xếp chính quyền địa phương hai cấp",
        None,
        date(2025, 9, 30),
        K.REPORT,
        "carried_over",
        60,
        "",
    ),
    (
        2026,
        "Tuyên truyền kết quả kỳ họp thứ nhất HĐND tỉnh khóa mới",
        None,
        date(2026, 4, 30),
        K.ARTICLE_SERIES,
        "done",
        100,
        "Chuyên mục “Kỳ họp HĐND tỉnh” trên cổng thông tin",
    ),
    (
        2026,
        "Cung cấp thông tin về tình hình giải quyết khiếu nại, tố cáo 9 tháng",
        None,
        date(2026, 10, 15),
        K.REPORT,
        "in_progress",
        70,
        "",
    ),
    (
        2026,
        "Phối hợp họp báo cung cấp thông tin kinh tế – xã hội quý III",
        None,
        date(2026, 10, 31),
        K.PRESS_BRIEFING,
        "assigned",
        0,
        "",
    ),
    (
        2026,
        "Tuyên truyền chính sách hỗ trợ người dân vùng thiên tai",
        "SVHTTDL",
        date(2026, 11, 27),
        K.MATERIAL,
        "in_progress",
        40,
        "",
    ),
    (
        2026,
        "Tổng hợp dư luận về dự án mở rộng Khu kinh tế Dung Quất",
        None,
        date(2026, 11, 26),
        K.REPORT,
        "in_progress",
        20,
        "",
    ),
    (
        2026,
        "Sơ kết 5 năm thực hiện chương trình phối hợp",
        None,
        date(2026, 12, 20),
        K.CONFERENCE,
        "agreed",
        0,
        "",
    ),
]


def _leader(organisation: Organisation, name: str, title: str) -> User:
    """A leader account (no password: the demo does not sign in as them) to be focal point."""
    username = f"lanhdao_{organisation.pk}"
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": name, "job_title": title}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role=Role.AGENCY_LEADER, defaults={"title": title}
    )
    return user


def _ensure_focal_point(organisation: Organisation, name: str, title: str) -> None:
    if not FocalPoint.objects.filter(organisation=organisation).exists():
        focal_point_set(
            actor=SYSTEM,
            organisation=organisation,
            leader=_leader(organisation, name, title),
            advisory_unit="Văn phòng",
        )


def _programme(board, partner, spec, number) -> Programme:
    _key, title, kind, signing_body, authority, signatory_title, signatory, own_number = spec
    programme = services.programme_create(
        actor=SYSTEM,
        board=board,
        data=services.ProgrammeData(
            title=title,
            kind=kind,
            start=PHASE[0],
            end=PHASE[1],
            # The regime's own ground is cited from its data by the document.
            grounds="Chương trình hành động của Tỉnh ủy thực hiện Nghị quyết Đại hội Đảng bộ tỉnh.",
            methods="Trao đổi thông tin định kỳ hằng quý và đột xuất; họp giao ban 6 tháng; "
            "sơ kết hằng năm, tổng kết cuối giai đoạn.",
        ),
        parties=[partner],
    )
    for party in programme.parties.select_related("organisation"):
        on_board_side = party.organisation_id == board.pk
        services.party_update(
            actor=SYSTEM,
            party=party,
            signing_body=signing_body if not on_board_side else "",
            authority="T/M" if on_board_side else authority,
            signatory_title="Trưởng ban" if on_board_side else signatory_title,
            signatory_name="Đặng Ngọc Dũng" if on_board_side else signatory,
            document_number=f"{14 + number}-CTr/BTGDVTU" if on_board_side else own_number,
            document_date=date(2022, 1, 10 + number),
        )
    return programme


def _bring_into_force(programme: Programme) -> None:
    for action in ("submit", "agree", "sign", "bring_into_force"):
        services.programme_advance(actor=SYSTEM, programme=programme, action=action)


def _plans_and_tasks(programme: Programme, bodies: dict[str, Organisation]) -> None:
    partner = programme.parties.exclude(organisation=programme.board).get().organisation
    plans = {
        year: services.plan_create(actor=SYSTEM, programme=programme, year=year)
        for year in (2025, 2026)
    }
    for year, title, lead_key, due, output, state, progress, output_title in TASKS:
        lead = bodies[lead_key] if lead_key and partner.kind == "peoples_committee" else partner
        task = services.task_create(
            actor=SYSTEM,
            plan=plans[year],
            data=services.TaskData(title=title, lead=lead, due=due, expected_output=output),
            content_items=list(programme.content_items.all()[:1]),
        )
        _move(task, state, progress, output_title, output)


def _move(task: Task, state: str, progress: int, output_title: str, output_kind: str) -> None:
    """Walk a new task through the states it has reached in the demo story."""
    steps = {
        "agreed": ["agree"],
        "assigned": ["agree", "assign"],
        "in_progress": ["agree", "assign", "start"],
        "done": ["agree", "assign", "start", "finish"],
        "confirmed": ["agree", "assign", "start", "finish", "confirm"],
        "carried_over": ["agree", "assign", "start"],
    }[state]
    for action in steps:
        if action == "finish" and output_title:
            services.output_add(
                actor=SYSTEM,
                task=task,
                kind=output_kind,
                title=output_title,
                produced_on=task.due,
                organisation=task.lead,
                count=6 if "Loạt" in output_title else 1,
                link="https://baoquangngai.vn/chinh-tri/",
            )
        services.task_advance(actor=SYSTEM, task=task, action=action)
    if state in {"in_progress", "carried_over"} and progress:
        services.task_update_progress(actor=SYSTEM, task=task, progress=progress)
    if state == "carried_over":
        services.task_carry_over(actor=SYSTEM, task=task)


# Communes with their own coordination programme in force; the others have none yet, which the
# coverage page shows.
COMMUNES_WITH_PROGRAMMES = ["Phường Đức Phổ", "Phường Trà Câu"]


def _commune_programmes(bodies: dict[str, Organisation]) -> None:
    from phoihop.organisations.demo import ensure_body

    for commune in COMMUNES_WITH_PROGRAMMES:
        committee_body = bodies[f"ubnd:{commune}"]
        party_committee = Organisation.objects.get_parent(committee_body)
        local = commune.split(" ", 1)[1]
        board = ensure_body(
            party_committee,
            f"Ban Xây dựng Đảng Đảng ủy phường {local}",
            Organisation.Kind.BOARD,
            Organisation.Side.PARTY,
            committee_body.admin_unit,
            symbol="BXDĐ",
            parent_name=f"ĐẢNG BỘ PHƯỜNG {local.upper()}",
        )
        title = (
            f"Chương trình phối hợp giữa Ban Xây dựng Đảng và UBND phường {local} "
            "giai đoạn 2022–2026"
        )
        if Programme.objects.filter(board=board, title=title).exists():
            continue
        _ensure_focal_point(board, f"Trưởng ban phường {local}", "Trưởng Ban Xây dựng Đảng")
        _ensure_focal_point(committee_body, f"Chủ tịch UBND phường {local}", "Chủ tịch UBND")
        spec = (
            "",
            title,
            Programme.Kind.PROGRAMME,
            "",
            "TM.",
            "Chủ tịch UBND phường",
            f"Chủ tịch UBND phường {local}",
            "01/CTr-UBND",
        )
        programme = _programme(board, committee_body, spec, 1)
        _bring_into_force(programme)


def seed(bodies: dict[str, Organisation]) -> None:
    _commune_programmes(bodies)
    board = bodies["board"]
    for number, spec in enumerate(PARTNERS, start=1):
        if Programme.objects.filter(board=board, title=spec[1]).exists():
            continue
        partner = bodies[spec[0]]
        _ensure_focal_point(board, "Đặng Ngọc Dũng", "Trưởng ban")
        _ensure_focal_point(partner, spec[6], spec[5])
        programme = _programme(board, partner, spec, number)
        _bring_into_force(programme)
        _plans_and_tasks(programme, bodies)
    key, title = CONSULTING
    if not Programme.objects.filter(board=board, title=title).exists():
        plan = services.programme_create(
            actor=SYSTEM,
            board=board,
            data=services.ProgrammeData(
                title=title,
                kind=Programme.Kind.PLAN,
                basis=Programme.Basis.ANNUAL,
                start=date(2026, 1, 1),
                end=date(2026, 12, 31),
            ),
            parties=[bodies[key]],
        )
        services.programme_advance(actor=SYSTEM, programme=plan, action="submit")
