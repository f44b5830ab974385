"""Report templates and evaluation criteria: the regime's wording and weights, as data."""

from __future__ import annotations

import string

from django.db import transaction

from phoihop.core.actor import Actor
from phoihop.core.audit import record_event
from phoihop.core.exceptions import ensure, invalid
from phoihop.programmes.models import Regime

from ..models import ReportRequest, ReportTemplate

PLACEHOLDERS = {
    "request_number": "số, ký hiệu công văn yêu cầu",
    "request_date": "ngày công văn yêu cầu",
    "board": "tên Ban yêu cầu",
    "organisation": "tên cơ quan báo cáo",
    "period": "kỳ báo cáo",
    "programme": "tên chương trình phối hợp",
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


@transaction.atomic
def template_update(
    *, actor: Actor, template: ReportTemplate, summary: str, opening: str, closing: str
) -> ReportTemplate:
    ensure(actor.sees_everything, "Chỉ quản trị hệ thống được sửa mẫu báo cáo.")
    for field, text in (("summary", summary), ("opening", opening), ("closing", closing)):
        check_placeholders(text, field)
    template.summary, template.opening, template.closing = summary, opening, closing
    template.full_clean()
    template.save()
    record_event(actor=actor, target=template, verb="report_template_updated")
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
        "regime_code": request.regime.code,
        "cutoff": f"{request.data_cutoff:%d/%m/%Y}",
    }
