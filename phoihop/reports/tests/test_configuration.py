"""The operator's pages for report templates and evaluation criteria (regime data)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.accounts.selectors import build_actor
from phoihop.core.models import AuditEntry
from phoihop.programmes.models import Regime
from phoihop.reports import services
from phoihop.reports.models import EvaluationCriterion, ReportTemplate
from phoihop.reports.selectors import criteria_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(world):
    world.admin.is_superuser = True
    world.admin.save()
    return world.admin


@pytest.fixture
def regime():
    return Regime.objects.get(is_current=True)


@pytest.fixture
def template(regime):
    return services.default_template(regime)


def template_post(template, **overrides):
    values = {
        "name": template.name,
        "summary": template.summary,
        "opening": template.opening,
        "closing": template.closing,
        "is_default": "on",
    }
    return values | overrides


def test_the_operator_rewords_a_template_and_the_change_is_audited(
    world, login, operator, template
):
    client = login(operator)
    url = reverse("reports:template", args=[template.pk])
    opening = "Căn cứ Công văn số {request_number} ngày {request_date}, {organisation} báo cáo:"
    response = client.post(url, template_post(template, opening=opening))
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.opening == opening
    entry = AuditEntry.objects.get(verb="report_template_updated", object_id=template.pk)
    assert entry.actor == operator and "opening" in entry.changes
    page = client.get(url).content.decode()
    assert "Sửa mẫu báo cáo" in page  # the timeline


@pytest.mark.parametrize(
    ("opening", "message"),
    [
        ("Thực hiện Công văn số {request_number", "bị hỏng"),
        ("Thực hiện {ten_sai}", "không có trong mẫu"),
        ("Thực hiện {board!r}", "không có trong mẫu"),
        ("   ", "bắt buộc"),
    ],
)
def test_a_template_with_broken_placeholders_gets_a_clear_message_and_nothing_changes(
    world, login, operator, template, opening, message
):
    before = template.opening
    response = login(operator).post(
        reverse("reports:template", args=[template.pk]), template_post(template, opening=opening)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    template.refresh_from_db()
    assert template.opening == before
    assert not AuditEntry.objects.filter(verb="report_template_updated").exists()


def test_a_new_default_template_replaces_the_old_default(world, operator, template, regime):
    actor = world.actor(operator)
    new = services.template_create(
        actor=actor,
        regime=regime,
        data=services.TemplateData(
            name="Mẫu chuyên đề",
            summary="Kết quả {period}",
            opening=template.opening,
            closing=template.closing,
            is_default=True,
        ),
    )
    template.refresh_from_db()
    assert new.is_default and not template.is_default
    assert services.default_template(regime) == new
    with pytest.raises(ValidationError, match="một mẫu mặc định"):
        services.template_update(
            actor=actor,
            template=new,
            data=services.TemplateData(
                name=new.name, summary=new.summary, opening=new.opening, closing=new.closing
            ),
        )


def test_criteria_replace_the_defaults_and_weights_are_checked(world, login, operator, regime):
    client = login(operator)
    url = reverse("reports:criterion_create")
    good = {
        "label": "Báo cáo nộp đúng hạn",
        "numerator_key": "reports.on_time",
        "denominator_key": "reports.expected",
        "weight": "40",
    }
    for bad, message in (
        ({"weight": "-5"}, "từ 0 đến 100"),
        ({"weight": "0"}, "Tổng trọng số"),
        ({"numerator_key": "đúng hạn"}, "Chọn một số liệu trong danh sách"),
    ):
        response = client.post(url, good | bad)
        assert response.status_code == 400 and message in response.content.decode()
    assert not EvaluationCriterion.objects.exists()
    assert client.post(url, good).status_code == 302
    criterion = EvaluationCriterion.objects.get()
    assert criteria_for(regime) == [
        ("Báo cáo nộp đúng hạn", "reports.on_time", "reports.expected", 40)
    ]
    edit = reverse("reports:criterion", args=[criterion.pk])
    assert client.post(edit, good | {"weight": "0"}).status_code == 400
    criterion.refresh_from_db()
    assert criterion.weight == 40
    assert client.post(edit, good | {"weight": "70"}).status_code == 302
    criterion.refresh_from_db()
    assert criterion.weight == 70
    assert AuditEntry.objects.filter(verb="evaluation_criterion_updated").count() == 1
    client.post(reverse("reports:criterion_delete", args=[criterion.pk]))
    assert not EvaluationCriterion.objects.exists()
    assert AuditEntry.objects.filter(verb="evaluation_criterion_deleted").exists()
    page = client.get(reverse("reports:configuration")).content.decode()
    assert "mặc định" in page and "Nhiệm vụ phối hợp hoàn thành đúng hạn" in page


def test_a_criterion_names_only_figures_the_apps_produce_whatever_their_app(operator, regime):
    actor = build_actor(operator)
    with pytest.raises(ValidationError, match=r"Không có số liệu «reports\.nothing»"):
        services.criterion_create(
            actor=actor,
            regime=regime,
            data=services.CriterionData("x", "reports.nothing", "reports.expected", 5),
        )
    assert not EvaluationCriterion.objects.exists()
    criterion = services.criterion_create(
        actor=actor,
        regime=regime,
        data=services.CriterionData(
            "Vụ việc tiếp nhận đúng hạn", "incidents_acknowledged_on_time", "incidents_reported", 10
        ),
    )
    assert criterion.numerator_key == "incidents_acknowledged_on_time"


def test_a_board_officer_reads_the_configuration_but_cannot_change_it(world, login, template):
    client = login(world.board_officer)
    page = client.get(reverse("reports:configuration")).content.decode()
    assert template.name in page and reverse("reports:template_create") not in page
    assert client.get(reverse("reports:template", args=[template.pk])).status_code == 200
    response = client.post(
        reverse("reports:template", args=[template.pk]), template_post(template, name="Đổi tên")
    )
    assert response.status_code == 403
    assert client.get(reverse("reports:template_create")).status_code == 403
    template.refresh_from_db()
    assert template.name != "Đổi tên"


def test_the_outsider_cannot_change_a_template_or_add_a_criterion(world, login, template):
    client = login(world.outsider)
    response = client.post(
        reverse("reports:template", args=[template.pk]), template_post(template, name="Đổi tên")
    )
    assert response.status_code == 403
    response = client.post(
        reverse("reports:criterion_create"),
        {"label": "x", "numerator_key": "a.b", "denominator_key": "a.c", "weight": "5"},
    )
    assert response.status_code == 403
    assert not EvaluationCriterion.objects.exists()
    with pytest.raises(PermissionDenied):
        services.criterion_create(
            actor=world.actor(world.outsider),
            regime=template.regime,
            data=services.CriterionData("x", "a.b", "a.c", 5),
        )
    assert ReportTemplate.objects.get(pk=template.pk).name == template.name


def test_the_operator_sets_the_regimes_review_dates_and_bad_values_change_nothing(
    world, login, operator, regime
):
    client = login(operator)
    url = reverse("reports:review_defaults")
    for bad in ({"preliminary_review_by_day": "32"}, {"final_review_within_months": "nhiều"}):
        client.post(
            url, {"preliminary_review_by_day": "10", "final_review_within_months": "2"} | bad
        )
        regime.refresh_from_db()
        assert (regime.preliminary_review_by_day, regime.final_review_within_months) == (15, 3)
    response = client.post(
        url, {"preliminary_review_by_day": "10", "final_review_within_months": "2"}, follow=True
    )
    assert "Đã lưu thời hạn" in response.content.decode()
    regime.refresh_from_db()
    assert (regime.preliminary_review_by_day, regime.final_review_within_months) == (10, 2)
    assert AuditEntry.objects.filter(verb="regime_updated", object_id=regime.pk).exists()
    assert login(world.board_officer).post(url, {}).status_code == 403
