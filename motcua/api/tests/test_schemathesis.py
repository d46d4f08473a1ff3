"""Schemathesis over /api/v1/: generated requests (valid and invalid) from the OpenAPI schema
never give a server error, and every answer is one the schema documents (issue 14 §1).

Bounded and deterministic: a few examples per operation, a fixed seed, no example database.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from motcua.feedback.tests.conftest import World


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """As Django's test client does: the WSGI handler must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(
    world: World, keep_test_connection: None, case: schemathesis.Case
) -> None:
    case.call_and_validate()
