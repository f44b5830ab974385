"""Press releases (every version kept, the author may not approve) and press conferences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import Membership, User
from phoihop.accounts.roles import Role
from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.organisations.models import Organisation

from .. import policies, selectors
from ..models import Incident, PressConference, PressConferenceHost, PressRelease
from ._shared import FUTURE_TOLERANCE, _board_people, _clean, _required, _tell


@transaction.atomic
def press_release_save(
    *,
    actor: Actor,
    incident: Incident,
    title: str,
    body: str,
    release: PressRelease | None = None,
) -> PressRelease:
    """A new press release, or a new version of one; the approvals start again."""
    access = selectors.access_for(actor, incident)
    title = _required(title, "Nhập tiêu đề thông cáo.", "title")
    body = _required(body, "Nhập nội dung thông cáo.", "body")
    if release is None:
        ensure(
            policies.can_draft_press(actor, incident, access), "Không thể soạn thông cáo báo chí."
        )
        release = PressRelease(incident=incident, title=title, body=body)
    else:
        ensure(
            policies.can_edit_press_release(actor, release, access),
            "Chỉ sửa được thông cáo chưa duyệt.",
        )
        if release.title == title and release.body == body:
            raise invalid("Thông cáo không có gì thay đổi so với phiên bản hiện tại.")
        release.title, release.body = title, body
        release.version += 1
        release.revise()
        release.board_approved_by = release.competent_approved_by = None
        release.board_approved_at = release.competent_approved_at = None
    release.version_author = actor.user
    release.full_clean()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=incident,
        verb="press_release_saved",
        detail={"release": release.pk, "version": release.version},
    )
    return release


@transaction.atomic
def press_release_submit(*, actor: Actor, release: PressRelease) -> PressRelease:
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    access = selectors.access_for(actor, release.incident)
    ensure(policies.can_edit_press_release(actor, release, access), "Không thể trình thông cáo.")
    if release.state != PressRelease.State.DRAFT:
        raise invalid("Thông cáo đã được trình.")
    release.submit()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=release.incident,
        verb="press_release_submitted",
        detail={"release": release.pk},
    )
    _tell(
        _board_people(release.incident.board_id, [Role.BOARD_LEADER]),
        release.incident,
        f"press:{release.pk}:v{release.version}:review",
        f"Thông cáo báo chí chờ duyệt: «{release.title[:150]}»",
    )
    return release


@transaction.atomic
def press_release_approve(*, actor: Actor, release: PressRelease) -> PressRelease:
    """The board's leader and the competent body's leader approve; never the version's author."""
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    if release.state != PressRelease.State.IN_REVIEW:
        raise invalid("Chỉ duyệt được thông cáo đang trình.")
    ensure(
        actor.user is None or release.version_author_id != actor.user.pk,
        "Người soạn phiên bản này không được tự phê duyệt thông cáo.",
    )
    now = timezone.now()
    if policies.can_approve_press_for_board(actor, release):
        release.board_approved_by, release.board_approved_at, side = actor.user, now, "board"
    elif policies.can_approve_press_for_competent_body(actor, release):
        release.competent_approved_by, release.competent_approved_at = actor.user, now
        side = "competent"
    else:
        ensure(
            False,
            "Chỉ lãnh đạo Ban và lãnh đạo cơ quan có thẩm quyền duyệt thông cáo (mỗi bên một lần).",
        )
    if release.board_approved_by_id and release.competent_approved_by_id:
        if release.board_approved_by_id == release.competent_approved_by_id:
            raise invalid("Hai bên phải do hai người khác nhau phê duyệt.")
        release.approve()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=release.incident,
        verb="press_release_approved",
        detail={"release": release.pk, "version": release.version, "side": side},
    )
    return release


@transaction.atomic
def press_release_publish(
    *, actor: Actor, release: PressRelease, where: str, when: datetime, link: str = ""
) -> PressRelease:
    release = PressRelease.objects.select_for_update().get(pk=release.pk)
    ensure(policies.can_publish_press(actor, release), "Chỉ công bố được thông cáo đã duyệt.")
    release.published_where = _required(where, "Nêu nơi công bố.", "where")
    if when is None:
        raise invalid("Nhập thời điểm công bố.", "when")
    if when > timezone.now() + FUTURE_TOLERANCE:
        raise invalid("Thời điểm công bố không thể ở tương lai.", "when")
    release.published_at = when
    release.link = _clean(link)
    release.publish()
    release.full_clean()
    release._history_user = actor.user
    release.save()
    record_event(
        actor=actor,
        target=release.incident,
        verb="press_release_published",
        detail={"release": release.pk},
    )
    return release


@dataclass(frozen=True)
class ConferenceData:
    held_at: datetime
    place: str
    spokesperson: User
    outlets: str
    co_hosts: list[Organisation]
    notes: str = ""


@transaction.atomic
def press_conference_record(
    *, actor: Actor, incident: Incident, data: ConferenceData
) -> PressConference:
    access = selectors.access_for(actor, incident)
    ensure(policies.can_record_conference(actor, incident, access), "Không thể ghi nhận họp báo.")
    hosts = list({o.pk: o for o in data.co_hosts}.values())
    if not hosts:
        raise invalid("Chọn ít nhất một cơ quan chủ trì họp báo.", "co_hosts")
    parent = selectors.case_tree_path(incident)
    if any(not host.path.startswith(parent) for host in hosts):
        raise invalid("Cơ quan chủ trì họp báo phải thuộc tỉnh của vụ việc.", "co_hosts")
    if not Membership.objects.active().filter(user=data.spokesperson).exists():
        raise invalid(
            "Người phát ngôn phải là cán bộ đang công tác tại một cơ quan.", "spokesperson"
        )
    if data.held_at is None:
        raise invalid("Nhập thời gian họp báo.", "held_at")
    conference = PressConference(
        incident=incident,
        held_at=data.held_at,
        place=_required(data.place, "Nhập địa điểm.", "place"),
        spokesperson=data.spokesperson,
        outlets=_required(data.outlets, "Nêu các cơ quan báo chí được mời.", "outlets"),
        notes=_clean(data.notes),
        recorded_by=actor.user,
    )
    conference.full_clean()
    conference.save()
    PressConferenceHost.objects.bulk_create(
        PressConferenceHost(conference=conference, organisation=host) for host in hosts
    )
    record_event(
        actor=actor,
        target=incident,
        verb="press_conference_recorded",
        detail={"conference": conference.pk},
    )
    return conference
