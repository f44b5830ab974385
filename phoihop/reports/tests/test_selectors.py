from datetime import date

import pytest

from phoihop.core.actor import Actor
from phoihop.organisations.models import Lineage, Organisation
from phoihop.reports import selectors, services
from phoihop.testing.world import body

from .conftest import request_data, write_and_submit

pytestmark = pytest.mark.django_db


def test_the_grid_and_the_request_count_a_merged_body_once_and_never_as_missing(
    world, council_officer
):
    merged = body(
        world.province_committee,
        "Ban Dân vận Tỉnh ủy (cũ)",
        Organisation.Kind.OTHER,
        Organisation.Side.PARTY,
        world.quang_ngai,
        valid_to=date(2026, 7, 5),
    )
    Lineage.objects.create(
        predecessor=merged, successor=world.council, kind="merge", effective=date(2026, 7, 5)
    )
    request = services.report_request_create(
        actor=world.actor(world.board_officer),
        board=world.board,
        data=request_data(),
        recipients=[world.council, merged, world.department],
    )
    services.report_request_issue(actor=world.actor(world.board_leader), request=request)
    write_and_submit(world, request.submissions.get(organisation=world.council), council_officer)
    result = selectors.completeness(request, today=date(2026, 12, 1))
    assert result.expected == 2 and result.delivered == 1
    assert result.counts["not_expected"] == 1 and result.counts["missing"] == 1
    grid = selectors.completeness_grid(actor=world.actor(world.board_leader), board=world.board)
    statuses = {str(row): cells for row, cells in grid.rows}
    assert statuses[merged.name] == ["not_expected"]
    assert statuses[world.council.name] == ["on_time"]
    assert statuses[world.department.name] == ["missing"]
    assert (grid.totals[0].delivered, grid.totals[0].expected) == (1, 2)


def test_the_outsider_sees_no_grid_row_of_another_province(world, issued):
    outsider = world.actor(world.outsider)
    grid = selectors.completeness_grid(actor=outsider, board=world.board)
    assert grid.requests == [] and grid.rows == []
    everyone = Actor(user=None, sees_everything=True)
    assert len(selectors.completeness_grid(actor=everyone, board=world.board).rows) == 3
