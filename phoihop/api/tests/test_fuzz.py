"""Whatever a client sends to any operation of the schema, the API answers without a server
error (schemathesis generates the requests from the OpenAPI schema, valid and invalid alike).

Requests go through the WSGI application in this process, so they see the test's world and
roll back with it; the client is the board officer, whose reach covers most operations.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from phoihop.wsgi import application

EXAMPLES_PER_OPERATION = 6


def load_schema():
    """The schema the API serves, generated in-process (collection may not touch the database)."""
    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


schema = load_schema()


@pytest.fixture
def test_connection_kept():
    """Django's own test client keeps the test's database connection across requests; the
    WSGI client does not, so stop the request signals from closing it (as that client does)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,  # the same requests on every run, so a red run can be replayed
    suppress_health_check=list(HealthCheck),
)
def test_no_request_makes_the_api_fail_with_a_server_error(case, world, test_connection_kept):
    token, _ = Token.objects.get_or_create(user=world.board_officer)
    case.call_and_validate(
        headers={"Authorization": f"Token {token.key}"}, checks=[not_a_server_error]
    )


def test_the_api_asked_for_an_id_beyond_64_bits_answers_not_found(world, api_as):
    client = api_as(world.board_officer)
    response = client.get(reverse("api:task", args=[10**30]))
    assert response.status_code == 404 and response.json()["error"]["message"]
