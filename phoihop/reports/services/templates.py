"""Report templates: the regime's wording of a report, as data, with {placeholders}."""

from __future__ import annotations

import string
from dataclasses import dataclass

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import field_changes, record_event, snapshot
from phoihop.core.exceptions import ensure, invalid
from phoihop.programmes.models import Regime
from phoihop.programmes.policies import can_edit_regime

from ..models import ReportRequest, ReportTemplate

PLACEHOLDERS = {
    "request_number": "số, ký hiệu công văn yêu cầu",
    "request_date": "ngày công văn yêu cầu",
    "board": "tên Ban yêu cầu",
    "organisation": "tên cơ quan báo cáo",
    "period": "kỳ báo cáo",
    "programme": "tên chương trình phối hợp",
    "regime": "quy chế (loại và số văn bản, như «Quyết định số 238-QĐ/TW»)",
    "regime_code": "số hiệu quy chế",
    "cutoff": "ngày chốt số liệu",
}


# --- templates ----------------------------------------------------------------------------------
def check_placeholders(text: str, field: str) -> None:
    """Refuse text whose {placeholders} are unknown or broken ("{period", "{board}}")."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise invalid(
            f"Mẫu có chỗ điền bị hỏng (thiếu hoặc thừa dấu ngoặc nhọn): {error}.", field
        ) from error
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
            raise invalid(f"Chỗ điền «{{{name}}}» không có trong mẫu. Dùng được: {known}.", field)


def default_template(regime: Regime) -> ReportTemplate:
    """The regime's default report template, created with the standard wording if missing."""
    template = regime.report_templates.filter(is_default=True).first()
    if template is None:
        template = ReportTemplate.objects.create(
            regime=regime, name=f"Báo cáo định kỳ theo {regime.code}", is_default=True
        )
    return template


@dataclass(frozen=True)
class TemplateData:
    name: str
    summary: str
    opening: str
    closing: str
    is_default: bool = False


TEMPLATE_FIELDS = ["name", "summary", "opening", "closing", "is_default"]


def _apply(template: ReportTemplate, data: TemplateData) -> None:
    """Check every text, then write them: a refused template changes nothing."""
    name = " ".join(data.name.split())
    if not name:
        raise invalid("Nhập tên mẫu báo cáo.", "name")
    texts = {"summary": data.summary, "opening": data.opening, "closing": data.closing}
    for field, text in texts.items():
        if not " ".join(text.split()):
            raise invalid("Phần này của mẫu không được để trống.", field)
        check_placeholders(text, field)
    template.name = name
    for field, text in texts.items():
        setattr(template, field, text.strip())
    template.is_default = data.is_default


def _one_default(template: ReportTemplate) -> None:
    """A regime has one default template: making this one the default unsets the others."""
    if template.is_default:
        ReportTemplate.objects.filter(regime=template.regime_id, is_default=True).exclude(
            pk=template.pk
        ).update(is_default=False)


@transaction.atomic
def template_create(*, actor: Actor, regime: Regime, data: TemplateData) -> ReportTemplate:
    ensure(can_edit_regime(actor), "Chỉ quản trị hệ thống được thêm mẫu báo cáo.")
    template = ReportTemplate(regime=regime)
    _apply(template, data)
    template.full_clean()
    template.save()
    _one_default(template)
    record_event(actor=actor, target=template, verb="report_template_created")
    return template


@transaction.atomic
def template_update(
    *, actor: Actor, template: ReportTemplate, data: TemplateData
) -> ReportTemplate:
    ensure(can_edit_regime(actor), "Chỉ quản trị hệ thống được sửa mẫu báo cáo.")
    before = snapshot(template, TEMPLATE_FIELDS)
    _apply(template, data)
    if before["is_default"] and not template.is_default:
        raise invalid(
            "Quy chế cần một mẫu mặc định: chọn mẫu khác làm mặc định thay vì bỏ chọn mẫu này.",
            "is_default",
        )
    template.full_clean()
    template.save()
    _one_default(template)
    record_event(
        actor=actor,
        target=template,
        verb="report_template_updated",
        changes=field_changes(template, before, TEMPLATE_FIELDS),
    )
    return template


def fill(text: str, values: dict[str, str]) -> str:
    return " ".join(text.format_map(values).split()) if text else ""


def template_values(request: ReportRequest, *, organisation: str, programme: str) -> dict[str, str]:
    """The values of every placeholder for a report by `organisation` on `request`."""
    return {
        "request_number": request.letter_number,
        "request_date": f"{request.letter_date:%d/%m/%Y}",
        "board": request.board.name,
        "organisation": organisation,
        "period": request.period_label,
        "programme": programme,
        "regime": request.regime.short_citation,
        "regime_code": request.regime.code,
        "cutoff": f"{request.data_cutoff:%d/%m/%Y}",
    }
