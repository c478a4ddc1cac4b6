"""Property-based run over the OpenAPI schema: no 500s, responses match the schema."""

from __future__ import annotations

import pytest
import schemathesis
from agenttrace_api import create_app
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

MAX_EXAMPLES = 8
KEY = "schema-test-key"
EXAMPLE_TRACE = "0af7651916cd43dd8448eb211c80319c"  # the trace id the schema gives as example


@pytest.fixture
async def seeded(seed_via_core_tables, make_run) -> None:
    await seed_via_core_tables(
        [
            make_run(
                EXAMPLE_TRACE,
                status="error",
                agents=["planner", "coder"],
                modes=[("FM-2.3", "proposed")],
                errors_of=["coder"],
                input="hello",
            ),
            make_run("1" * 32, project="lab", agents=["writer"]),
        ]
    )


def test_api_conforms_to_its_schema(settings, seeded) -> None:
    """Every operation: generated valid and invalid requests; no 500, documented answers.

    The app gets its own engine: schemathesis calls it from its own event loop.
    """
    app = create_app(settings.model_copy(update={"api_keys": [KEY]}))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: dict[str, str] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith("/api/v1/") or "replay" in operation.tags:
            continue  # ops routes are core's; replay routes are tested with the replay package

        @given(case=operation.as_strategy())
        @hsettings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            # auth is tested in test_app.py (schemathesis would count a bad bearer beside a
            # good x-api-key as "ignored auth"); an undecodable cursor is rightly a 422
            excluded = [ignored_auth]
            if "cursor" in (case.query or {}):
                excluded.append(positive_data_acceptance)
            case.call_and_validate(headers={"x-api-key": KEY}, excluded_checks=excluded)

        try:
            check()
        except BaseException as exc:  # collect every operation's failure, then report them all
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
