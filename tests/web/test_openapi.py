"""Schemathesis against the app's OpenAPI spec: generated requests never get a 5xx.

Every operation of the spec gets valid (positive) and invalid (negative)
generated requests; each response must not be a server error and must
match what the spec documents (status code, content type, body schema).
The app is read-only here (no token): POST endpoints answer 403 rather
than run the extractor on generated text. Examples per operation and mode
are bounded so the run stays well under a minute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sitrep.store import open_store
from sitrep.web.app import create_app
from sitrep.web.serve_settings import ServeSettings

pytestmark = pytest.mark.model

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)
EXAMPLES = 15


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_openapi_no_server_error(web_db: Path, mode: GenerationMode) -> None:
    store = open_store(web_db)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store, ServeSettings()))
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 12
    tried: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            check()
        except Unsatisfiable:
            # No parameter to make invalid (GET /api/config): nothing negative to send.
            assert mode is GenerationMode.NEGATIVE, operation.label
            continue
        except Exception as error:  # name the operation in the failure
            store.close()
            raise AssertionError(f"{operation.label} ({mode.value}): {error}") from error
        tried.append(operation.label)
    store.close()
    assert "GET /api/events" in tried and "POST /api/extract" in tried
