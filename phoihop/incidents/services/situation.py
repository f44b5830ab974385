"""Situation reports assembled from each body's section."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid

from .. import policies, selectors
from ..models import Incident, SituationReport, SituationSection
from ._shared import _acting_body, _group_people, _lock, _name, _required, _tell


@transaction.atomic
def situation_section_save(*, actor: Actor, incident: Incident, text: str) -> SituationSection:
    """Write (or rewrite) the actor's body's section of the situation report being assembled."""
    access = selectors.access_for(actor, incident)
    ensure(policies.can_contribute(actor, incident, access), "Không thể viết báo cáo tình hình.")
    text = _required(text, "Nhập nội dung phần báo cáo.", "text")
    _lock(incident)
    report = incident.situation_reports.filter(state=SituationReport.State.DRAFT).last()
    if report is None:
        number = incident.situation_reports.count() + 1
        report = SituationReport.objects.create(incident=incident, number=number)
    organisation = _acting_body(actor, incident, access)
    section = SituationSection.objects.filter(
        report=report, organisation=organisation
    ).first() or SituationSection(report=report, organisation=organisation)
    section.author = actor.user
    section.text = text
    section.full_clean()
    section.save()
    record_event(
        actor=actor,
        target=incident,
        verb="situation_section_saved",
        detail={"report": report.number, "organisation": organisation.pk},
    )
    return section


@transaction.atomic
def situation_report_approve(*, actor: Actor, report: SituationReport) -> SituationReport:
    ensure(policies.can_approve_sitrep(actor, report), "Chỉ lãnh đạo Ban duyệt báo cáo tình hình.")
    if not report.sections.exists():
        raise invalid("Báo cáo tình hình chưa có phần nào của các cơ quan.")
    report.approve()
    report.approved_by = actor.user
    report.approved_at = timezone.now()
    report.save()
    record_event(
        actor=actor,
        target=report.incident,
        verb="situation_report_approved",
        detail={"report": report.number},
    )
    return report


@transaction.atomic
def situation_report_publish(*, actor: Actor, report: SituationReport) -> SituationReport:
    ensure(policies.can_publish_sitrep(actor, report), "Chỉ gửi được báo cáo tình hình đã duyệt.")
    report.publish()
    report.published_at = timezone.now()
    report.save()
    incident = report.incident
    record_event(
        actor=actor,
        target=incident,
        verb="situation_report_published",
        detail={"report": report.number},
    )
    _tell(
        _group_people(incident),
        incident,
        f"sitrep:{report.pk}",
        f"Báo cáo tình hình số {report.number} vụ việc «{_name(incident)}»",
    )
    return report
