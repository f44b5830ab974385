"""Two sweeps at once, in real threads on PostgreSQL: each rung is sent once.

SQLite is left out: its in-memory test database locks whole tables across threads ("database
table is locked"), while the file database in use serialises writers by design (IMMEDIATE
transactions), so there is no concurrent path to prove there.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from phoihop.notifications.models import Notification
from phoihop.obligations.models import ObligationAlert
from phoihop.obligations.reminders import send_obligation_reminders
from phoihop.testing.programmes import build_programme
from phoihop.testing.world import build_world

from .test_reminders import moment, open_many

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks (SKIP LOCKED) exist on PostgreSQL only"
)


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_rung_once():
    world = build_world()
    prg = build_programme(world)
    opened = open_many(world, prg, 30)
    at = max(moment(o, "board") for o in opened) + timedelta(days=1)
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            start.wait()
            results.append(send_obligation_reminders(at))
        except Exception as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(results) == 30 * 2
    assert ObligationAlert.objects.count() == 30 * 2
    rungs = Notification.objects.exclude(event_key__endswith=":opened")
    keys = list(rungs.values_list("user_id", "event_key"))
    assert len(keys) == len(set(keys)) == 30 * 2
