"""schemathesis over the OpenAPI schema: no 500s, documented answers, valid requests accepted.

Three runs, each bounded and derandomized (a fixed seed):

* in-process, keys off, every operation of the schema on both databases, on runs written
  straight into the core tables (exact values, checkpoints included);
* against a running ``agenttrace serve`` with keys on, on runs sent through its OTLP port:
  every operation with a project's key, then without a key (every route but ``/health``
  answers 401, as the schema says);
* stateful against the same server with the admin key: schemathesis chains the operations
  by the links it infers (a trace id listed by ``/traces`` read by ``/traces/{trace_id}``…).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import schemathesis
from agenttrace_api import create_app
from agenttrace_core.db import create_engine
from agenttrace_core.db import schema as s
from agenttrace_core.keys import create_key
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

MAX_EXAMPLES = 8
ADMIN = "schema-admin-key"
EXAMPLE_TRACE = "0af7651916cd43dd8448eb211c80319c"  # the trace id the schema gives as example


def _settings(max_examples: int = MAX_EXAMPLES, **extra: Any) -> hsettings:
    return hsettings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        **extra,
    )


def _check_every_operation(
    schema: schemathesis.BaseSchema, call: Callable[[schemathesis.Case], None]
) -> dict[str, str]:
    """Run ``call`` on generated cases of every operation; the failures by operation."""
    failures: dict[str, str] = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @_settings()
        def check(case: schemathesis.Case) -> None:
            call(case)

        try:
            check()
        except BaseException as exc:  # collect every operation's failure, then report them all
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    return failures


def _excluded(case: schemathesis.Case) -> list[Any]:
    # auth is checked by test_isolation.py (two schemes, either one suffices: schemathesis
    # counts a bad bearer beside a good x-api-key as "ignored auth"); an undecodable cursor
    # is rightly a 422
    excluded: list[Any] = [ignored_auth]
    if "cursor" in (case.query or {}):
        excluded.append(positive_data_acceptance)
    return excluded


async def _checkpoint(engine: Any, cid: str, step: int, state: Any) -> None:
    text = json.dumps(state, sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()
    async with engine.begin() as conn:
        blobs = s.checkpoint_blobs
        if (await conn.execute(blobs.select().where(blobs.c.hash == digest))).first() is None:
            await conn.execute(blobs.insert().values(hash=digest, state=state, size=len(text)))
        await conn.execute(
            s.checkpoints.insert().values(
                id=cid,
                trace_id=EXAMPLE_TRACE,
                project="shop",
                step=step,
                state_hash=digest,
                timestamp=step,
                metadata={},
                name=f"step {step}",
                agent="planner",
            )
        )


@pytest.fixture
async def seeded(seed_via_core_tables, make_run, engine) -> None:
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
    await _checkpoint(engine, "c0", 0, {"plan": None})
    await _checkpoint(engine, "c1", 1, {"plan": {"steps": ["add"]}})


def test_api_conforms_to_its_schema(settings, seeded) -> None:
    """Every operation, keys off: generated valid and invalid requests; no 500, documented
    answers. The app gets its own engine: schemathesis calls it from its own event loop."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings))

    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=_excluded(case))

    failures = _check_every_operation(schema, call)
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())


def _stored_runs(otlp_url: str, key: str) -> None:
    """Two runs with agents, a message and checkpoints, through the OTLP port."""
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
        ExportTraceServiceRequest,
    )

    request = ExportTraceServiceRequest()
    scope = request.resource_spans.add().scope_spans.add()
    for n, trace_id in enumerate((EXAMPLE_TRACE, "2" * 32)):
        for i, (name, agent) in enumerate((("run", None), ("plan", "planner"), ("code", "coder"))):
            span = scope.spans.add()
            span.trace_id = bytes.fromhex(trace_id)
            span.span_id = bytes.fromhex(f"{n:08x}{i + 1:08x}")
            if i:
                span.parent_span_id = bytes.fromhex(f"{n:08x}{1:08x}")
            span.name = name
            span.start_time_unix_nano = 1_795_000_000_000_000_000 + i * 1_000_000
            span.end_time_unix_nano = span.start_time_unix_nano + 1_000_000
            span.status.code = 2 if agent == "coder" else 1
            attributes = {"input.value": f"{name} input"}
            if agent:
                attributes |= {
                    "agenttrace.agent.name": agent,
                    "agenttrace.message.to": "coder" if agent == "planner" else "planner",
                    "agenttrace.message.content": f"from {agent}",
                    "agenttrace.checkpoint.id": f"{trace_id[:6]}-{i}",
                    "agenttrace.checkpoint.step": str(i),
                    "agenttrace.checkpoint.state": json.dumps({"step": i, "plan": [name]}),
                }
            for k, v in attributes.items():
                kv = span.attributes.add()
                kv.key, kv.value.string_value = k, v
    response = httpx.post(
        f"{otlp_url}/v1/traces",
        content=request.SerializeToString(),
        headers={"content-type": "application/x-protobuf", "x-api-key": key},
        timeout=30,
    )
    assert response.status_code == 200 and not response.content, response.content


@pytest.mark.parametrize("dialect", ["postgresql"], indirect=True)
def test_running_api_with_keys_conforms_stateful_too(database_url, server_factory) -> None:
    """A live ``agenttrace serve`` with keys on; PostgreSQL (the in-process run above covers
    both databases)."""

    async def project_key() -> str:
        engine = create_engine(database_url)
        try:
            return (await create_key(engine, "shop"))[1]
        finally:
            await engine.dispose()

    key = asyncio.run(project_key())
    server = server_factory(database_url, extra_env={"AGENTTRACE_API_KEYS": ADMIN})
    _stored_runs(server.otlp_url, key)
    schema = schemathesis.openapi.from_url(f"{server.api_url}/openapi.json")

    def with_key(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"x-api-key": key}, excluded_checks=_excluded(case))

    def without_key(case: schemathesis.Case) -> None:
        response = case.call_and_validate(excluded_checks=_excluded(case))
        assert response.status_code == (200 if case.path == "/health" else 401), (
            case.path,
            response.status_code,
        )

    failures = _check_every_operation(schema, with_key)
    failures |= {f"no key: {k}": v for k, v in _check_every_operation(schema, without_key).items()}
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())

    calls: list[str] = []

    class Stateful(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            calls.append(f"{case.method} {case.formatted_path}")
            return {"headers": {"x-api-key": ADMIN}}

        def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
            case.validate_response(response, excluded_checks=_excluded(case))

    Stateful.run(settings=_settings(max_examples=10, stateful_step_count=6))
    assert len(calls) >= 20 and any(EXAMPLE_TRACE in c or "2" * 32 in c for c in calls), calls
