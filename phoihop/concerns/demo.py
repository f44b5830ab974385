"""Demo concerns from the seed report's world: land, housing, environment and resettlement
around investment projects in the wards of the former Đức Phổ town, at every stage of the chain
(one transferred, one reopened, one with a petitioner contact), and a few hundred confirmed,
closed records of earlier years so the learned suggestions work. Idempotent."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.accounts.selectors import build_actor
from phoihop.core.actor import Actor
from phoihop.core.text import fold
from phoihop.incidents import demo as incident_demo
from phoihop.incidents.models import Incident
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.programmes.models import Task

from . import contacts, suggestions
from .categories import load_categories
from .models import Category, Claim, Concern, ConcernParty, ConcernSource, ConcernStep
from .services import corrections, recording, transitions

SYSTEM = Actor(user=None, sees_everything=True)
HISTORY_SIZE = 360
PROJECTS = [
    "Khu dân cư Nam Đức Phổ",
    "đường ven biển Dung Quất – Sa Huỳnh",
    "Khu du lịch Sa Huỳnh",
    "Khu đô thị mới Phổ Quang",
    "cụm công nghiệp Phổ Phong",
    "nâng cấp Quốc lộ 1 đoạn qua Đức Phổ",
]
# category code → (competent body symbol, title templates)
HISTORY = {
    "resettlement": (
        "SNNMT",
        [
            "Chậm chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng dự án {p}",
            "Khu tái định cư dự án {p} chưa có điện, nước sinh hoạt",
            "Đơn giá bồi thường cây trồng, vật kiến trúc dự án {p} thấp",
            "Chưa bố trí đất tái định cư cho các hộ bị thu hồi đất dự án {p}",
        ],
    ),
    "land": (
        "SNNMT",
        [
            "Chậm cấp giấy chứng nhận quyền sử dụng đất gần dự án {p}",
            "Tranh chấp ranh giới thửa đất nông nghiệp giáp dự án {p}",
            "Lấn chiếm đất công, đất hành lang dự án {p}",
            "Sai sót diện tích đất trong hồ sơ thu hồi đất dự án {p}",
        ],
    ),
    "housing": (
        "SXD",
        [
            "Nhà ở bị nứt, lún do thi công dự án {p}",
            "Xây dựng nhà trái phép trên đất quy hoạch dự án {p}",
            "Chậm cấp phép xây dựng nhà ở trong vùng quy hoạch {p}",
        ],
    ),
    "environment": (
        "SNNMT",
        [
            "Bụi, tiếng ồn từ xe chở vật liệu thi công dự án {p}",
            "Nước thải từ công trường dự án {p} chảy vào ruộng lúa",
            "Ô nhiễm mùi hôi từ nhà máy chế biến thủy sản gần {p}",
            "Khai thác cát trái phép trên sông gây sạt lở gần {p}",
        ],
    ),
    "transport": (
        "SXD",
        [
            "Đường tránh dự án {p} hư hỏng, nhiều ổ gà",
            "Thiếu đèn chiếu sáng, biển báo tại nút giao dự án {p}",
        ],
    ),
    "social_insurance": (
        "BHXH",
        [
            "Chậm giải quyết chế độ bảo hiểm xã hội cho lao động dự án {p}",
            "Doanh nghiệp thi công dự án {p} nợ đóng bảo hiểm xã hội",
        ],
    ),
    "education": (
        "SGDĐT",
        ["Thiếu phòng học cho con em các hộ tái định cư dự án {p}"],
    ),
    "health": ("SYT", ["Trạm y tế khu tái định cư dự án {p} thiếu thuốc, nhân lực"]),
}
COMMUNES = [
    "Phường Đức Phổ",
    "Phường Trà Câu",
    "Phường Sa Huỳnh",
    "Xã Nguyễn Nghiêm",
    "Xã Khánh Cường",
]


def _commune(name: str) -> AdminUnit:
    return AdminUnit.objects.get(level=AdminUnit.Level.COMMUNE, parent__code=51, name=name)


def _step(ref: str, day: date, note: str = "") -> transitions.StepData:
    return transitions.StepData(document_ref=ref, document_date=day, note=note)


def _demo_links(board: Organisation) -> dict[str, tuple[int | None, int | None]]:
    """Featured concern title → (the demo case, the demo programme task) it relates to."""
    case = Incident.objects.filter(title=incident_demo.LAND).order_by("pk").first()
    task = Task.objects.filter(plan__programme__board=board).order_by("pk").last()
    return {
        "Khu tái định cư đường ven biển chưa có điện, nước sinh hoạt": (
            case.pk if case else None,
            None,
        ),
        "Chậm chi trả tiền bồi thường dự án Khu dân cư Nam Đức Phổ": (
            None,
            task.pk if task else None,
        ),
    }


def _featured(bodies: dict[str, Organisation]) -> None:
    board = bodies["board"]
    categories = {c.code: c for c in Category.objects.all()}
    agencies = {"SNNMT": bodies["SNNMT"], "SXD": bodies["SXD"], "SVHTTDL": bodies["SVHTTDL"]}
    specs = [
        # (title, category, commune, target state, summary)
        (
            "Chậm chi trả tiền bồi thường dự án Khu dân cư Nam Đức Phổ",
            "resettlement",
            "Phường Đức Phổ",
            "verifying",
            "Nhiều hộ dân đã bàn giao mặt bằng từ năm 2024 nhưng chưa nhận đủ tiền bồi thường.",
        ),
        (
            "Nước thải nhà máy chế biến thủy sản gây ô nhiễm ở Sa Huỳnh",
            "environment",
            "Phường Sa Huỳnh",
            "requested",
            "Báo chí phản ánh nước thải chưa qua xử lý chảy ra đầm An Khê.",
        ),
        (
            "Khu tái định cư đường ven biển chưa có điện, nước sinh hoạt",
            "resettlement",
            "Phường Trà Câu",
            "answered",
            "Các hộ đã nhận đất tái định cư nhưng hạ tầng chưa hoàn thiện.",
        ),
        (
            "Chậm cấp giấy chứng nhận quyền sử dụng đất tại phường Trà Câu",
            "land",
            "Phường Trà Câu",
            "forwarded",
            "Cử tri phản ánh hồ sơ nộp quá hạn nhiều tháng chưa được giải quyết.",
        ),
        (
            "Nhà ở bị nứt do thi công Khu đô thị mới Phổ Quang",
            "housing",
            "Phường Đức Phổ",
            "captured",
            "Một số nhà liền kề công trường bị nứt tường sau khi đóng cọc.",
        ),
        (
            "Khai thác cát trái phép trên sông Trà Câu",
            "environment",
            "Phường Trà Câu",
            "transferred",
            "Đường dây nóng nhận phản ánh về tàu hút cát ban đêm.",
        ),
        (
            "Bụi từ mỏ đá ảnh hưởng khu dân cư Nguyễn Nghiêm",
            "environment",
            "Xã Nguyễn Nghiêm",
            "reopened",
            "Bụi đá bám nhà cửa, hoa màu; đã được xử lý nhưng tái diễn.",
        ),
        (
            "Giá đất bồi thường dự án Khu du lịch Sa Huỳnh thấp hơn giá thị trường",
            "land",
            "Phường Sa Huỳnh",
            "closed",
            "Cử tri kiến nghị xem xét lại đơn giá bồi thường.",
        ),
    ]
    chain = [
        ("triaged", "triage", None),
        ("forwarded", "forward", _step("152/BTGDVTU-DLXH", date(2026, 3, 2))),
        ("requested", "request", _step("41/HĐND-VP", date(2026, 3, 6))),
        ("assigned", "assign", _step("1204/UBND-KTN", date(2026, 3, 11))),
        ("verifying", "verify", None),
        ("answered", "answer", _step("388/SNNMT-QLĐĐ", date(2026, 4, 2))),
        ("supervising", "supervise", _step("57/HĐND-GS", date(2026, 4, 10))),
        ("closed", "close", _step("60/HĐND-GS", date(2026, 4, 20))),
    ]
    links = _demo_links(board)
    for title, code, commune, target, summary in specs:
        if Concern.objects.filter(board=board, title=title).exists():
            continue
        category = categories[code]
        incident_id, task_id = links.get(title, (None, None))
        concern = recording.concern_create(
            actor=SYSTEM,
            board=board,
            data=recording.ConcernData(
                title=title,
                summary=summary,
                category=category,
                first_seen=date(2026, 2, 16),
                scale=Concern.Scale.SEVERAL if code == "resettlement" else Concern.Scale.LOCAL,
                trend=Concern.Trend.RISING,
                incident_id=incident_id,
                task_id=task_id,
            ),
            places=[_commune(commune)],
            sources=[
                recording.SourceData(kind=ConcernSource.Kind.VOTER_MEETING),
                recording.SourceData(
                    kind=ConcernSource.Kind.PRESS
                    if code == "environment"
                    else ConcernSource.Kind.OPINION_REPORT
                ),
            ],
        )
        if target == "captured":
            contacts.contact_store(
                actor=_handling_officer(),  # the operator (SYSTEM) may not hold a contact
                concern=concern,
                text="Ông Nguyễn Văn Demo, tổ dân phố 3, phường Đức Phổ, 0900 000 000",
            )
            continue
        if target == "transferred":
            transitions.concern_act(actor=SYSTEM, concern=concern, action="triage")
            transitions.concern_act(
                actor=SYSTEM,
                concern=concern,
                action="transfer",
                step=transitions.StepData(
                    note="Thuộc thẩm quyền quản lý địa bàn của UBND phường Trà Câu."
                ),
                extra=transitions.ActionInput(
                    transfer_to_id=bodies["ubnd:Phường Trà Câu"].pk,
                ),
            )
            continue
        final = "closed" if target == "reopened" else target
        agency = agencies["SXD" if code == "housing" else "SNNMT"]
        for state, action, step in chain:
            extra = transitions.ActionInput(
                agencies=[agency],
                answer="Đã làm việc với chủ đầu tư; lộ trình khắc phục trong quý II/2026.",
            )
            concern = transitions.concern_act(
                actor=SYSTEM, concern=concern, action=action, step=step, extra=extra
            )
            if state == final:
                break
        if target == "reopened":
            transitions.concern_act(
                actor=SYSTEM,
                concern=concern,
                action="reopen",
                step=transitions.StepData(note="Tiếp xúc cử tri tháng 5/2026: bụi tái diễn."),
            )


def _history(bodies: dict[str, Organisation]) -> None:
    """Closed, confirmed records of earlier years, written in bulk (demo data only)."""
    board = bodies["board"]
    if Concern.objects.filter(board=board, category_confirmed=True).count() >= HISTORY_SIZE:
        return
    rng = random.Random(238)
    categories = {c.code: c for c in Category.objects.all()}
    places = {name: _commune(name) for name in COMMUNES}
    now = timezone.now()
    rows = []
    for index in range(HISTORY_SIZE):
        code = rng.choice(list(HISTORY))
        symbol, templates = HISTORY[code]
        title = rng.choice(templates).format(p=rng.choice(PROJECTS))
        commune = places[rng.choice(COMMUNES)]
        opened = now - timedelta(days=rng.randint(90, 700))
        concern = Concern(
            board=board,
            owner=board,
            title=f"{title} ({index + 1})",
            summary="Bản ghi lịch sử đã xác nhận.",
            category=categories[code],
            category_confirmed=True,
            competent_body=bodies[symbol],
            first_seen=opened.date(),
            scale=Concern.Scale.LOCAL,
            trend=Concern.Trend.FALLING,
            state=Concern.State.CLOSED,
            board_path=board.path,
            owner_path=board.path,
            province_id=commune.parent_id,
            commune=commune,
            answered_on=(opened + timedelta(days=rng.randint(10, 60))).date(),
            due=(opened + timedelta(days=45)).date(),
        )
        concern.search_text = fold(f"{concern.title} {categories[code].name} {commune.name}")
        concern._opened = opened
        rows.append(concern)
    with transaction.atomic():
        Concern.objects.bulk_create(rows, batch_size=500)
        for concern in rows:
            concern.created_at = concern._opened
            concern.confirmed_at = concern._opened + timedelta(days=1)
            concern.closed_at = concern._opened + timedelta(days=rng.randint(15, 120))
        Concern.objects.bulk_update(
            rows, ["created_at", "confirmed_at", "closed_at"], batch_size=500
        )
        Concern.places.through.objects.bulk_create(
            [Concern.places.through(concern_id=c.pk, adminunit_id=c.commune_id) for c in rows]
        )
        ConcernParty.objects.bulk_create(
            [
                ConcernParty(
                    concern=c, organisation_id=c.competent_body_id, role=ConcernParty.Role.AGENCY
                )
                for c in rows
            ]
        )
        ConcernStep.objects.bulk_create(
            [
                step
                for c in rows
                for step in (
                    ConcernStep(concern=c, action="capture", to_state="captured", owner=board),
                    ConcernStep(
                        concern=c,
                        action="close",
                        from_state="supervising",
                        to_state="closed",
                        owner=board,
                        note="Bản ghi lịch sử.",
                    ),
                )
            ]
        )


def _handling_officer() -> Actor:
    return build_actor(User.objects.get(username="demo_board_officer"))


def _claims(bodies: dict[str, Organisation]) -> None:
    board = bodies["board"]
    if Claim.objects.filter(board=board).exists():
        return
    corrections.claim_create(
        actor=SYSTEM,
        board=board,
        data=corrections.ClaimData(
            summary="Tin đồn tỉnh thu hồi toàn bộ đất ven biển Sa Huỳnh để giao cho doanh nghiệp.",
            outlet="Trang mạng xã hội",
            url="https://example.org/bai-dang-sai-su-that",
            first_seen=date(2026, 3, 1),
            correction="UBND tỉnh khẳng định không có chủ trương này; dự án chỉ thu hồi 12 ha.",
            correction_reference="Thông cáo báo chí số 05/TC-UBND",
            corrected_on=date(2026, 3, 3),
        ),
    )
    corrections.claim_create(
        actor=SYSTEM,
        board=board,
        data=corrections.ClaimData(
            summary="Thông tin sai về việc ngừng chi trả bồi thường dự án Khu dân cư Nam Đức Phổ.",
            outlet="Nhóm trò chuyện trực tuyến",
            first_seen=date(2026, 3, 20),
            # The land-clearance case the same rumour fed (the INC demo's first case).
            incident=Incident.objects.filter(title=incident_demo.LAND).order_by("pk").first(),
        ),
    )


def seed(bodies: dict[str, Organisation]) -> None:
    load_categories(Category)
    _featured(bodies)
    _history(bodies)
    _claims(bodies)
    suggestions.retrain()
