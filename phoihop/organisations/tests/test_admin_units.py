from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from phoihop.organisations.admin_units import load_admin_units
from phoihop.organisations.models import AdminUnit

pytestmark = pytest.mark.django_db

Kind, Level = AdminUnit.Kind, AdminUnit.Level
TOTAL = 34 + 3321


def counts(field: str) -> dict[str, int]:
    return dict(AdminUnit.objects.values_list(field).annotate(n=Count("id")).order_by())


def test_loading_creates_34_provinces_and_3321_communes():
    result = load_admin_units()
    assert (result.created, result.updated, result.unchanged) == (TOTAL, 0, 0)
    assert counts("level") == {Level.PROVINCE: 34, Level.COMMUNE: 3321}
    assert counts("kind") == {
        Kind.PROVINCE: 28,
        Kind.CITY: 6,
        Kind.COMMUNE: 2621,
        Kind.WARD: 687,
        Kind.SPECIAL_ZONE: 13,
    }


def test_every_commune_belongs_to_a_province_and_no_province_has_a_parent():
    load_admin_units()
    communes = AdminUnit.objects.filter(level=Level.COMMUNE)
    assert not communes.filter(parent__isnull=True).exists()
    assert not communes.exclude(parent__level=Level.PROVINCE).exists()
    assert not AdminUnit.objects.filter(level=Level.PROVINCE, parent__isnull=False).exists()
    assert (
        not AdminUnit.objects.filter(level=Level.PROVINCE)
        .exclude(kind__in=[Kind.PROVINCE, Kind.CITY])
        .exists()
    )


def test_a_loaded_commune_has_its_official_code_name_province_and_folded_text():
    load_admin_units()
    duc_pho = AdminUnit.objects.get(level=Level.COMMUNE, code=21439)
    assert duc_pho.name == "Phường Đức Phổ"
    assert duc_pho.kind == Kind.WARD
    assert duc_pho.codename == "phuong_duc_pho"
    assert duc_pho.search_text == "phuong duc pho"
    assert duc_pho.parent.name == "Quảng Ngãi"
    assert duc_pho.parent.code == 51
    assert AdminUnit.objects.get(level=Level.PROVINCE, code=1).kind == Kind.CITY


def test_a_second_run_creates_and_updates_nothing():
    load_admin_units()
    before = list(AdminUnit.objects.values_list("pk", "level", "code", "name", "parent_id"))
    result = load_admin_units()
    assert (result.created, result.updated, result.unchanged) == (0, 0, TOTAL)
    assert list(AdminUnit.objects.values_list("pk", "level", "code", "name", "parent_id")) == before


def test_a_second_run_corrects_a_changed_unit_and_keeps_its_id():
    load_admin_units()
    unit = AdminUnit.objects.get(level=Level.COMMUNE, code=21439)
    AdminUnit.objects.filter(pk=unit.pk).update(name="Sai tên", search_text="sai ten")
    result = load_admin_units()
    assert (result.created, result.updated) == (0, 1)
    unit.refresh_from_db()
    assert (unit.name, unit.search_text) == ("Phường Đức Phổ", "phuong duc pho")


def test_an_interrupted_load_leaves_nothing_behind(monkeypatch):
    manager = type(AdminUnit.objects)
    original = manager.bulk_create

    def fail_on_communes(self, objs, *args, **kwargs):
        objs = list(objs)
        if objs and objs[0].level == Level.COMMUNE:
            raise RuntimeError("mất kết nối giữa chừng")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(manager, "bulk_create", fail_on_communes)
    with pytest.raises(RuntimeError):
        load_admin_units()
    assert not AdminUnit.objects.exists()


def test_the_command_reports_in_vietnamese_and_is_repeatable():
    out = StringIO()
    call_command("load_admin_units", stdout=out)
    assert out.getvalue().strip() == ("Đơn vị hành chính: thêm mới 3355, cập nhật 0, giữ nguyên 0.")
    out = StringIO()
    call_command("load_admin_units", stdout=out)
    assert "thêm mới 0, cập nhật 0, giữ nguyên 3355" in out.getvalue()
    assert AdminUnit.objects.count() == TOTAL


def test_loading_over_units_already_in_use_keeps_their_ids(world):
    result = load_admin_units()
    assert result.created == TOTAL - 3
    assert result.created + result.updated + result.unchanged == TOTAL
    assert AdminUnit.objects.count() == TOTAL
    world.department.refresh_from_db()
    assert world.department.admin_unit_id == world.quang_ngai.pk
    assert AdminUnit.objects.get(pk=world.duc_pho.pk).parent_id == world.quang_ngai.pk
