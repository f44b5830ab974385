"""The place on a document is the issuer's unit as named on the document's date (FORMATS.md):
a body of before a merge keeps its own place; after its merge the successor's place prints."""

from datetime import date

import pytest

from phoihop.core.actor import Actor
from phoihop.documents.places import place_on
from phoihop.documents.report import render_report_docx
from phoihop.documents.tests.reading import all_paragraphs, flat, open_docx
from phoihop.organisations.models import Organisation
from phoihop.organisations.services import OrganisationData, organisation_merge
from phoihop.reports.models import ReportSubmission
from phoihop.testing.world import body

pytestmark = pytest.mark.django_db

Kind, Side = Organisation.Kind, Organisation.Side
MERGED = date(2025, 7, 1)


@pytest.fixture
def merged(world):
    """Two commune people's committees of before the 2025 reform, seated in what is now
    Phường Đức Phổ, merged into the ward's committee on 1 July 2025."""
    old = [
        body(
            world.commune_committee,
            f"UBND xã {name}",
            Kind.PEOPLES_COMMITTEE,
            Side.STATE,
            world.duc_pho,
            place_name=name,
        )
        for name in ("Phổ Thạnh", "Phổ Vinh")
    ]
    successor = organisation_merge(
        actor=Actor(user=None, sees_everything=True),
        predecessors=old,
        into=OrganisationData(
            name="UBND phường Đức Phổ (mới)",
            kind=Kind.PEOPLES_COMMITTEE,
            side=Side.STATE,
            admin_unit=world.duc_pho,
        ),
        effective=MERGED,
    )
    old[0].refresh_from_db()
    return old[0], successor


def header_lines(organisation: Organisation, signed_on: date) -> list[str]:
    report = ReportSubmission(
        summary="Kết quả phối hợp", number="05/BC-UBND", signed_on=signed_on, authority="TM."
    )
    document = open_docx(render_report_docx(organisation, report, headings={}, request=None))
    return [flat(p.text) for p in all_paragraphs(document) if "ngày" in p.text]


def test_a_document_dated_before_the_merge_prints_the_place_of_its_time(merged):
    old, _ = merged
    assert place_on(old, date(2025, 5, 10)) == "Phổ Thạnh"
    assert "Phổ Thạnh, ngày 10 tháng 5 năm 2025" in header_lines(old, date(2025, 5, 10))


def test_after_the_merge_the_successors_place_prints_not_the_dissolved_bodys(merged):
    old, successor = merged
    assert place_on(old, date(2025, 8, 1)) == "Đức Phổ"
    assert "Đức Phổ, ngày 01 tháng 8 năm 2025" in header_lines(old, date(2025, 8, 1))
    assert place_on(successor, date(2025, 8, 1)) == "Đức Phổ"


def test_a_body_without_an_earlier_place_name_prints_its_units_current_name(world):
    assert place_on(world.council, date(2024, 7, 5)) == "Quảng Ngãi"
