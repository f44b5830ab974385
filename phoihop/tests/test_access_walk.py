"""The coverage walk: every URL pattern and every organisation-owned model goes through scoping.

Adding a URL or a model without deciding how it is scoped makes these tests fail: each URL
pattern must be listed below as public, as a page without an object, or with the object an
outsider must not reach; each model pointing at Organisation must have `visible_to(actor)`.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from phoihop.core.models import CalendarException, Job
from phoihop.core.plugins import app_modules
from phoihop.notifications.models import Notification
from phoihop.organisations.models import Organisation
from phoihop.programmes.models import Assignment, Attachment
from phoihop.testing.programmes import build_programme

# Pages anyone may open without signing in.
PUBLIC = {
    "core:healthz",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "api:token",
    "api:schema",  # the OpenAPI description and its docs page hold no data
    "api:docs",
    "api:not_found",  # the API's catch-all: 401 signed out, a 404 in the error shape signed in
}
# Pages without an object in the URL: a signed-in outsider gets 200 (own scope) or 403.
NO_OBJECT = {
    "core:home",
    "core:search",
    "core:audit",
    "core:audit_export",
    "core:calendar",
    "accounts:profile",
    "accounts:two_factor",
    "accounts:switch",
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:users",
    "accounts:user_create",
    "organisations:browser",
    "programmes:list",
    "programmes:create",
    "programmes:coverage",
    "programmes:regimes",
    "notifications:list",
    "notifications:mark_all_read",
    "notifications:bell",
    "notifications:preferences",
    "my_work",
    "api:me",
    "api:organisations",
    "api:organisation_tree",
    "api:admin_units",
    "api:programmes",
    "api:tasks",
}
# Objects that are not organisation-owned: national reference data every signed-in user may
# read (admin units, the working-day calendar). Only the operator may change the calendar: 403.
REFERENCE = {"organisations:admin_unit", "core:calendar_remove"}


# Each domain app lists its own rows in `<app>/tests/walk.py`: `NO_OBJECT` (a set of URL names)
# and `objects(world)` (URL name → pk of a Quảng Ngãi object).
WALKS = app_modules("tests.walk")
NO_OBJECT |= {name for walk in WALKS for name in walk.NO_OBJECT}
# Reference data only the operator changes (walks may add `OPERATOR_ONLY`): another user may
# read it (200) or is refused (403), and every change is refused (403, or 405 if not offered).
OPERATOR_ONLY = {name for walk in WALKS for name in getattr(walk, "OPERATOR_ONLY", ())}
REFERENCE |= {name for walk in WALKS for name in getattr(walk, "REFERENCE", ())}


def objects_outsider_must_not_reach(world):
    """For each URL with an object: the Quảng Ngãi object the outsider must get a 404 for."""
    contributed = {name: pk for walk in WALKS for name, pk in walk.objects(world).items()}
    job = Job.objects.create(kind="audit_export", title="x", owner=world.board_officer)
    exception = CalendarException.objects.create(day=date(2026, 12, 31), kind="day_off")
    membership = world.agency_officer.memberships.get()
    prg = build_programme(world)
    return {
        "programmes:detail": prg.programme.pk,
        "programmes:edit": prg.programme.pk,
        "programmes:docx": prg.programme.pk,
        "programmes:pdf": prg.programme.pk,
        "programmes:action": prg.programme.pk,
        "programmes:deadlines": prg.programme.pk,
        "programmes:party_add": prg.programme.pk,
        "programmes:plan_create": prg.programme.pk,
        "programmes:party": prg.party.pk,
        "programmes:party_remove": prg.party.pk,
        "programmes:plan": prg.plan.pk,
        "programmes:task_create": prg.plan.pk,
        "programmes:plan_export": prg.plan.pk,
        "programmes:plan_import": prg.plan.pk,
        "programmes:task": prg.task.pk,
        "programmes:task_action": prg.task.pk,
        "programmes:task_progress": prg.task.pk,
        "programmes:task_defer": prg.task.pk,
        "programmes:task_cancel": prg.task.pk,
        "programmes:task_carry_over": prg.task.pk,
        "programmes:output_add": prg.task.pk,
        "programmes:assignment_due": Assignment.objects.create(
            task=prg.task, organisation=world.board, due=prg.task.due
        ).pk,
        "programmes:attachment_add": prg.programme.pk,
        "programmes:attachment": Attachment.objects.create(
            programme=prg.programme, title="Bản ký", file=ContentFile(b"%PDF", name="ky.pdf")
        ).pk,
        "programmes:output_file": prg.output.pk,
        "notifications:open": Notification.objects.create(
            user=world.board_officer, title="x", event_key="walk"
        ).pk,
        "core:job": job.pk,
        "core:job_download": job.pk,
        "core:calendar_remove": exception.pk,
        "accounts:user": world.agency_officer.pk,
        "accounts:user_set_active": world.agency_officer.pk,
        "accounts:membership_revoke": membership.pk,
        "organisations:detail": world.department.pk,
        "organisations:edit": world.department.pk,
        "organisations:create_child": world.department.pk,
        "organisations:focal_point": world.department.pk,
        "organisations:merge": world.department.pk,
        "organisations:split": world.department.pk,
        "organisations:admin_unit": world.quang_ngai.pk,
        "api:organisation": world.department.pk,
        "api:programme": prg.programme.pk,
        "api:programme_actions": prg.programme.pk,
        "api:programme_supersede": prg.programme.pk,
        "api:programme_cancel": prg.programme.pk,
        "api:programme_parties": prg.programme.pk,
        "api:programme_plans": prg.programme.pk,
        "api:party": prg.party.pk,
        "api:plan": prg.plan.pk,
        "api:plan_tasks": prg.plan.pk,
        "api:task": prg.task.pk,
        "api:task_actions": prg.task.pk,
        "api:task_progress": prg.task.pk,
        "api:task_defer": prg.task.pk,
        "api:task_cancel": prg.task.pk,
        "api:task_carry_over": prg.task.pk,
        "api:task_outputs": prg.task.pk,
    } | contributed


def url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace or ""
            yield from url_names(pattern.url_patterns, inner.strip(":"))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def url_for(name: str, objects: dict) -> str:
    if name == "accounts:password_reset_confirm":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "set-password"})
    if name in objects:
        return reverse(name, kwargs={"pk": objects[name]})
    return reverse(name)


def test_every_url_pattern_is_classified(world):
    objects = objects_outsider_must_not_reach(world)
    unclassified = [
        name for name in url_names() if name not in PUBLIC | NO_OBJECT and name not in objects
    ]
    assert unclassified == [], f"URL patterns with no scoping decision: {unclassified}"


def test_anonymous_visitors_are_sent_to_login_or_refused_everywhere_but_public_pages(world, client):
    objects = objects_outsider_must_not_reach(world)
    for name in set(url_names()) - PUBLIC:
        url = url_for(name, objects)
        response = client.get(url)
        if name.startswith("api:"):
            assert response.status_code in {401, 403}, (name, response.status_code)
        else:
            assert response.status_code == 302, (name, response.status_code)
            assert reverse("accounts:login") in response["Location"], name


def test_outsider_gets_404_on_every_page_with_a_foreign_object(world, client):
    client.force_login(world.outsider)
    objects = objects_outsider_must_not_reach(world)
    for name, pk in objects.items():
        url = reverse(name, kwargs={"pk": pk})
        if name in OPERATOR_ONLY:
            assert client.get(url).status_code in {200, 403, 405}, name
            assert client.post(url).status_code in {403, 405}, name
            continue
        if name in REFERENCE:
            assert client.get(url).status_code in {200, 405}, name
            assert client.post(url).status_code in {200, 403, 405}, name
            continue
        assert client.get(url).status_code in {404, 405}, name
        assert client.post(url).status_code in {404, 405}, name


def test_outsider_never_gets_a_server_error_on_pages_without_objects(world, client):
    client.force_login(world.outsider)
    for name in NO_OBJECT:
        response = client.get(reverse(name))
        assert response.status_code in {200, 302, 403, 405}, (name, response.status_code)


def organisation_owned_models():
    for model in apps.get_models():
        if model is Organisation or any(
            getattr(field, "related_model", None) is Organisation
            for field in model._meta.get_fields()
            if field.concrete and field.is_relation
        ):
            yield model


def test_every_organisation_owned_model_has_visible_to():
    models = list(organisation_owned_models())
    assert Organisation in models and len(models) >= 4
    missing = [m.__name__ for m in models if not hasattr(m._default_manager.all(), "visible_to")]
    assert missing == [], f"Organisation-owned models without visible_to(actor): {missing}"


@pytest.mark.django_db
def test_outsider_sees_no_row_of_any_organisation_owned_model_from_another_province(world):
    from phoihop.organisations.services import focal_point_set

    focal_point_set(
        actor=world.actor(world.admin),
        organisation=world.department,
        leader=world.agency_officer,
        advisory_unit="Văn phòng Sở",
    )
    outsider = world.actor(world.outsider)
    for model in organisation_owned_models():
        total = model._default_manager.count()
        visible = model._default_manager.all().visible_to(outsider)
        foreign = [row for row in visible if _province_of(row) == "quang_ngai"]
        assert foreign == [], f"{model.__name__}: outsider sees {foreign} (of {total})"


def _province_of(row) -> str | None:
    for attribute in ("organisation", "successor", "predecessor"):
        organisation = getattr(row, attribute, None)
        if isinstance(organisation, Organisation):
            row = organisation
            break
    if isinstance(row, Organisation) and row.province_id:
        return row.province.codename
    return None
