"""The taxonomy pages: only the operator changes sectors and deadlines; a category in use is
deactivated, never deleted; bad input gets a Vietnamese message and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phoihop.accounts.models import User
from phoihop.concerns.models import Category
from phoihop.concerns.services import taxonomy
from phoihop.core.exceptions import PolicyDenied
from phoihop.core.models import AuditEntry
from phoihop.testing.concerns import capture, category

pytestmark = pytest.mark.django_db
LIST = reverse("concerns:categories")
CREATE = reverse("concerns:category_create")


@pytest.fixture
def operator(client):
    user = User.objects.create_superuser("operator", email="op@phoihop.local", password="x")
    client.force_login(user)
    return user


def form(**extra) -> dict:
    return {"code": "water", "name": "Cấp nước sinh hoạt", "deadline_working_days": 12} | {
        "order": 3,
        **extra,
    }


def test_the_operator_adds_a_category_and_officers_can_pick_it(world, client, operator):
    category()
    assert client.get(LIST).status_code == 200
    response = client.post(CREATE, form())
    assert response.status_code == 302
    water = Category.objects.get(code="water")
    assert (water.name, water.deadline_working_days, water.is_active) == (
        "Cấp nước sinh hoạt",
        12,
        True,
    )
    assert AuditEntry.objects.filter(verb="category_created", object_id=water.pk).exists()
    client.force_login(world.board_officer)
    assert "Cấp nước sinh hoạt" in client.get(reverse("concerns:create")).content.decode()


def test_the_operator_changes_a_deadline_and_the_change_is_audited(world, client, operator):
    land = category()
    edit = reverse("concerns:category_edit", args=[land.pk])
    assert 'value="30"' in client.get(edit).content.decode()
    client.post(edit, form(code="land", name="Đất đai", deadline_working_days=25))
    land.refresh_from_db()
    assert land.deadline_working_days == 25
    entry = AuditEntry.objects.get(verb="category_updated", object_id=land.pk)
    assert entry.changes["deadline_working_days"] == [30, 25]


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"code": "land"}, "đã được dùng"),
        ({"deadline_working_days": -3}, "từ 1 đến 365"),
        ({"deadline_working_days": 400}, "từ 1 đến 365"),
        ({"deadline_working_days": "ba"}, "số ngày làm việc"),
        ({"code": "Đất đai!"}, "không dấu"),
        ({"name": "   "}, "tên lĩnh vực"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_adds_nothing(
    world, client, operator, bad, message
):
    category()
    before = Category.objects.count()
    response = client.post(CREATE, form(**bad))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Category.objects.count() == before


def test_a_bad_edit_changes_nothing(world, client, operator):
    land, housing = category("land"), category("housing")
    response = client.post(
        reverse("concerns:category_edit", args=[land.pk]), form(code=housing.code)
    )
    assert response.status_code == 400 and "đã được dùng" in response.content.decode()
    land.refresh_from_db()
    assert (land.code, land.name) == ("land", "Đất đai")


def test_a_category_in_use_is_deactivated_after_confirmation_and_never_deleted(
    world, client, operator
):
    concern = capture(world)
    used = concern.category
    delete = reverse("concerns:category_delete", args=[used.pk])
    page = client.get(delete).content.decode()
    assert "không thể xóa" in page and "1 vấn đề" in page
    client.post(delete)
    assert Category.objects.filter(pk=used.pk).exists()
    deactivate = reverse("concerns:category_deactivate", args=[used.pk])
    assert "Ngừng sử dụng lĩnh vực" in client.get(deactivate).content.decode()
    used.refresh_from_db()
    assert used.is_active  # a GET only asks
    assert client.post(deactivate).status_code == 302
    used.refresh_from_db()
    assert not used.is_active
    concern.refresh_from_db()
    assert concern.category == used  # the concern keeps its sector
    client.force_login(world.board_officer)
    offered = client.get(reverse("concerns:create")).context["form"].fields["category"].queryset
    assert used not in offered


def test_an_unused_category_is_deleted_after_confirmation(world, client, operator):
    spare = taxonomy.category_create(
        actor=world.actor(operator), data=taxonomy.CategoryData("spare", "Dự phòng", 5)
    )
    client.post(reverse("concerns:category_delete", args=[spare.pk]))
    assert not Category.objects.filter(pk=spare.pk).exists()
    assert AuditEntry.objects.filter(verb="category_deleted").count() == 1


@pytest.mark.parametrize("who", ["board_leader", "admin", "agency_officer", "outsider"])
def test_no_one_but_the_operator_opens_or_changes_the_taxonomy(world, client, who):
    land = category()
    user = getattr(world, who)
    client.force_login(user)
    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, form()).status_code == 403
    assert client.post(reverse("concerns:category_deactivate", args=[land.pk])).status_code == 403
    assert client.post(reverse("concerns:category_delete", args=[land.pk])).status_code == 403
    land.refresh_from_db()
    assert land.is_active and not Category.objects.filter(code="water").exists()
    with pytest.raises(PolicyDenied):
        taxonomy.category_set_active(actor=world.actor(user), category=land, active=False)
