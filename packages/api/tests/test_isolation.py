"""Tenant isolation: two projects, two keys, every API route and the OTLP front door.

Each project sends a run through the real receiver with its own key: spans with inputs and
outputs, agents, a message and a checkpoint, every piece of content carrying the project's
marker; then a replay and a human annotation through the API. With lab's key, every route
that names one of shop's objects answers 404 exactly as for a missing one (403 when asking
for shop's project by name), lists hold none of shop's runs, and no answer holds a byte of
shop's content. Without a key every route but ``/health`` says 401. The routes come from the
OpenAPI schema: a new route fails this suite until it is listed here.
(gRPC and MCP front doors do not exist yet.)
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import agenttrace_ingestion
import httpx
import pytest
from agenttrace_api import create_app
from agenttrace_core.keys import create_key
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

ADMIN = "isolation-admin-key"
T0 = 1_795_000_000_000_000_000
OPEN = {"/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
"""Paths that need no key: liveness, and the API's own description (no project's data)."""


@dataclass(frozen=True)
class Tenant:
    """One project's key and the ids of what it stored."""

    project: str
    key: str
    marker: str
    trace_id: str
    span_id: str
    agent: str
    checkpoint_ids: tuple[str, str]
    replay_id: str = ""
    annotation_id: str = ""

    @property
    def session_id(self) -> str:
        """The session of the project's run (it carries the marker: it must not leak)."""
        return f"{self.marker}-chat"

    @property
    def headers(self) -> dict[str, str]:
        return {"x-api-key": self.key}


def _run_body(t: Tenant, links_to: str | None = None) -> bytes:
    """One run of ``t``'s project: root, two agent steps (a message, two checkpoints).

    With ``links_to``, the root span links to that trace (as AutoGen's runtime links the
    traces of one run): a link to another project's trace must not pull it into the run.
    """
    request = ExportTraceServiceRequest()
    rs = request.resource_spans.add()
    kv = rs.resource.attributes.add()
    kv.key, kv.value.string_value = "service.name", f"{t.project}-service"
    scope = rs.scope_spans.add()
    scope.scope.name = "agenttrace.tests"
    root = "0" * 15 + "1"
    steps: list[tuple[str, str | None, str, dict[str, str]]] = [
        (
            root,
            None,
            f"{t.marker} run",
            {"input.value": f"{t.marker} question", "session.id": t.session_id},
        ),
        (
            t.span_id,
            root,
            "plan",
            {
                "agenttrace.agent.name": t.agent,
                "input.value": f"{t.marker} plan input",
                "output.value": f"{t.marker} plan output",
                "agenttrace.message.from": t.agent,
                "agenttrace.message.to": f"{t.agent}-helper",
                "agenttrace.message.content": f"{t.marker} message",
                "agenttrace.checkpoint.id": t.checkpoint_ids[0],
                "agenttrace.checkpoint.step": "0",
                "agenttrace.checkpoint.state": json.dumps({"note": f"{t.marker} state 0"}),
            },
        ),
        (
            "0" * 15 + "3",
            root,
            "act",
            {
                "agenttrace.agent.name": f"{t.agent}-helper",
                "agenttrace.checkpoint.id": t.checkpoint_ids[1],
                "agenttrace.checkpoint.step": "1",
                "agenttrace.checkpoint.state": json.dumps({"note": f"{t.marker} state 1"}),
            },
        ),
    ]
    for n, (span_id, parent, name, attributes) in enumerate(steps):
        span = scope.spans.add()
        span.trace_id = bytes.fromhex(t.trace_id)
        span.span_id = bytes.fromhex(span_id)
        if parent:
            span.parent_span_id = bytes.fromhex(parent)
        span.name = name
        span.start_time_unix_nano = T0 + n * 1_000_000
        span.end_time_unix_nano = T0 + (n + 1) * 1_000_000
        span.status.code = 1
        if links_to and parent is None:
            link = span.links.add()
            link.trace_id, link.span_id = bytes.fromhex(links_to), bytes.fromhex("0" * 15 + "1")
        for key, value in attributes.items():
            kv = span.attributes.add()
            kv.key, kv.value.string_value = key, value
    return request.SerializeToString()


def _rejected(response: httpx.Response) -> tuple[int, str]:
    assert response.status_code == 200, response.text
    parsed = ExportTraceServiceResponse()
    parsed.ParseFromString(response.content)
    return parsed.partial_success.rejected_spans, parsed.partial_success.error_message


@dataclass
class World:
    client: httpx.AsyncClient
    lab: Tenant
    shop: Tenant
    spec: dict[str, Any]


PROTOBUF = {"content-type": "application/x-protobuf"}


@pytest.fixture
async def world(settings, engine) -> AsyncIterator[World]:
    """The API app with the OTLP route, keys on, and one run stored by each project."""
    settings = settings.model_copy(update={"api_keys": [ADMIN]})
    service = agenttrace_ingestion.IngestionService(settings, engine, decode_workers=0)
    await service.start()
    app = create_app(
        settings, engine=engine, extra_routers=[agenttrace_ingestion.create_router(service)]
    )
    tenants = {}
    for n, project in enumerate(("lab", "shop")):
        _info, key = await create_key(engine, project)
        tenants[project] = Tenant(
            project=project,
            key=key,
            marker=f"ZQX{project.upper()}MARK",
            trace_id=f"{n + 1:x}" * 32,
            span_id=f"{n + 1:x}" * 16,
            agent=f"{project}bot",
            checkpoint_ids=(f"{project}-ckpt-0", f"{project}-ckpt-1"),
        )
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                for project, t in tenants.items():
                    links_to = tenants["shop"].trace_id if project == "lab" else None
                    sent = await client.post(
                        "/v1/traces",
                        content=_run_body(t, links_to),
                        headers={**PROTOBUF, **t.headers},
                    )
                    assert _rejected(sent) == (0, "")
                    replay = await client.post(
                        "/api/v1/replays",
                        json={
                            "trace_id": t.trace_id,
                            "checkpoint_id": t.checkpoint_ids[1],
                            "set": {"note": f"{t.marker} changed"},
                        },
                        headers=t.headers,
                    )
                    assert replay.status_code == 202, replay.text
                    note = await client.post(
                        f"/api/v1/traces/{t.trace_id}/annotations",
                        json={"mode": "FM-2.3", "explanation": f"{t.marker} why"},
                        headers=t.headers,
                    )
                    assert note.status_code == 201, note.text
                    tenants[project] = Tenant(
                        **{
                            **t.__dict__,
                            "replay_id": replay.json()["id"],
                            "annotation_id": note.json()["id"],
                        }
                    )
                yield World(client, tenants["lab"], tenants["shop"], app.openapi())
    finally:
        await service.stop()


def _requests(owner: Tenant, other: Tenant) -> dict[tuple[str, str], dict[str, Any]]:
    """One request per operation, naming ``owner``'s objects (and ``other``'s where two)."""
    trace = f"/api/v1/traces/{owner.trace_id}"
    return {
        ("GET", "/api/v1/traces"): {"url": "/api/v1/traces"},
        ("GET", "/api/v1/traces/{trace_id}"): {"url": trace},
        ("PUT", "/api/v1/traces/{trace_id}/verdict"): {
            "url": f"{trace}/verdict",
            "json": {"verdict": "failed"},
        },
        ("GET", "/api/v1/traces/{trace_id}/spans"): {"url": f"{trace}/spans"},
        ("GET", "/api/v1/traces/{trace_id}/spans/{span_id}"): {
            "url": f"{trace}/spans/{owner.span_id}"
        },
        ("GET", "/api/v1/traces/{trace_id}/graph"): {"url": f"{trace}/graph"},
        ("GET", "/api/v1/traces/{trace_id}/messages"): {"url": f"{trace}/messages"},
        ("GET", "/api/v1/traces/{trace_id}/failures"): {"url": f"{trace}/failures"},
        ("POST", "/api/v1/traces/{trace_id}/analyze"): {"url": f"{trace}/analyze"},
        ("POST", "/api/v1/traces/{trace_id}/annotations"): {
            "url": f"{trace}/annotations",
            "json": {"mode": "FM-1.1"},
        },
        ("PATCH", "/api/v1/annotations/{annotation_id}"): {
            "url": f"/api/v1/annotations/{owner.annotation_id}",
            "json": {"status": "rejected"},
        },
        ("GET", "/api/v1/agents"): {"url": "/api/v1/agents"},
        ("GET", "/api/v1/agents/{name}"): {"url": f"/api/v1/agents/{owner.agent}"},
        ("GET", "/api/v1/projects"): {"url": "/api/v1/projects"},
        ("GET", "/api/v1/projects/{name}/graph"): {
            "url": f"/api/v1/projects/{owner.project}/graph"
        },
        ("GET", "/api/v1/overview"): {"url": "/api/v1/overview"},
        ("GET", "/api/v1/sessions"): {"url": "/api/v1/sessions"},
        ("GET", "/api/v1/sessions/{session_id}"): {"url": f"/api/v1/sessions/{owner.session_id}"},
        ("GET", "/api/v1/traces/{trace_id}/checkpoints"): {"url": f"{trace}/checkpoints"},
        ("GET", "/api/v1/traces/{trace_id}/state"): {
            "url": f"{trace}/state",
            "params": {"step": 5},
        },
        ("GET", "/api/v1/checkpoints/{checkpoint_id}"): {
            "url": f"/api/v1/checkpoints/{owner.checkpoint_ids[0]}"
        },
        ("GET", "/api/v1/checkpoints/{a}/diff/{b}"): {
            "url": f"/api/v1/checkpoints/{owner.checkpoint_ids[0]}/diff/{owner.checkpoint_ids[1]}"
        },
        ("POST", "/api/v1/replays"): {
            "url": "/api/v1/replays",
            "json": {"trace_id": owner.trace_id, "checkpoint_id": owner.checkpoint_ids[0]},
        },
        ("POST", "/api/v1/replays/claim"): {
            "url": "/api/v1/replays/claim",
            "json": {"worker": "w"},
        },
        ("GET", "/api/v1/replays/{replay_id}"): {"url": f"/api/v1/replays/{owner.replay_id}"},
        ("POST", "/api/v1/replays/{replay_id}/status"): {
            "url": f"/api/v1/replays/{owner.replay_id}/status",
            "json": {"status": "running"},
        },
        ("GET", "/api/v1/traces/{trace_id}/replays"): {"url": f"{trace}/replays"},
        ("GET", "/api/v1/compare"): {
            "url": "/api/v1/compare",
            "params": {"a": other.trace_id, "b": owner.trace_id},
        },
        ("GET", "/health"): {"url": "/health"},
        ("GET", "/ready"): {"url": "/ready"},
        ("GET", "/metrics"): {"url": "/metrics"},
        ("POST", "/v1/traces"): {
            "url": "/v1/traces",
            "content": _run_body(other_writes_into(owner, other)),
            "headers": PROTOBUF,
        },
    }


def other_writes_into(owner: Tenant, other: Tenant) -> Tenant:
    """``other``'s run, sent under ``owner``'s trace id (new span and checkpoint ids)."""
    return Tenant(
        project=other.project,
        key=other.key,
        marker=other.marker,
        trace_id=owner.trace_id,
        span_id="e" * 16,
        agent=f"{other.agent}-intruder",
        checkpoint_ids=(f"{other.project}-x-0", f"{other.project}-x-1"),
    )


LISTS = {
    ("GET", "/api/v1/traces"),
    ("GET", "/api/v1/agents"),
    ("GET", "/api/v1/projects"),
    ("GET", "/api/v1/overview"),
    ("GET", "/api/v1/sessions"),
}
"""Routes that name no object: answered (200) with the caller's own project only."""
OWN_OR_EMPTY = {
    ("POST", "/api/v1/replays/claim"): 200,  # lab's own queued replay, never shop's
    ("GET", "/ready"): 200,
    ("GET", "/metrics"): 403,  # the figures of every project together: admin keys only
    ("GET", "/health"): 200,
    ("POST", "/v1/traces"): 200,  # answered, with every span refused (partial_success)
}


RUN_ROUTES = {"/api/v1/traces/{trace_id}/graph", "/api/v1/traces/{trace_id}/failures"}
"""Routes that answer with the analysed *run*, which may span several linked traces."""


def _operations(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m.upper(), path) for path, ops in spec["paths"].items() for m in ops}


async def _send(
    client: httpx.AsyncClient, request: dict[str, Any], key: str | None
) -> httpx.Response:
    request = dict(request)
    method_headers = dict(request.pop("headers", {}))
    if key is not None:
        method_headers["x-api-key"] = key
    return await client.request(request.pop("method"), headers=method_headers, **request)


async def test_every_route_keeps_projects_apart(world: World) -> None:
    lab, shop, client = world.lab, world.shop, world.client
    operations = _operations(world.spec)
    requests = _requests(shop, lab)
    assert operations == set(requests), "list every new route in this suite"

    leaks, wrong = [], []
    for (method, path), request in sorted(requests.items()):
        response = await _send(client, {"method": method, **request}, lab.key)
        body = response.content
        for text in (shop.marker, shop.agent):
            if text.encode() in body and (method, path) != ("GET", "/api/v1/agents/{name}"):
                leaks.append(f"{method} {path}: {text} in {body[:300]!r}")
        expected = 200 if (method, path) in LISTS else OWN_OR_EMPTY.get((method, path), 404)
        if response.status_code != expected:
            wrong.append(f"{method} {path}: {response.status_code} (want {expected})")
        if expected == 404:
            assert response.json() == {"detail": response.json()["detail"]}
    assert not leaks, "\n".join(leaks)
    assert not wrong, "\n".join(wrong)

    # a 404 for shop's object reads exactly as for an object that does not exist
    missing = {
        "/traces/": ("f" * 32, shop.trace_id),
        "/checkpoints/": ("nope", shop.checkpoint_ids[0]),
        "/replays/": ("nope", shop.replay_id),
        "/sessions/": ("nope", shop.session_id),
    }
    for prefix, (absent, foreign) in missing.items():
        a = await client.get(f"/api/v1{prefix}{absent}", headers=lab.headers)
        b = await client.get(f"/api/v1{prefix}{foreign}", headers=lab.headers)
        assert (a.status_code, a.json()["detail"].replace(absent, "ID")) == (
            b.status_code,
            b.json()["detail"].replace(foreign, "ID"),
        )

    # asking for shop's project by name: 403 on every list that takes a project
    for url in (
        "/api/v1/traces",
        "/api/v1/agents",
        "/api/v1/overview",
        "/api/v1/sessions",
        f"/api/v1/sessions/{lab.session_id}",
        f"/api/v1/agents/{lab.agent}",
    ):
        response = await client.get(url, params={"project": "shop"}, headers=lab.headers)
        assert response.status_code == 403, url

    # lab's OTLP spans for shop's trace were refused: shop's run is as it was
    rejected, message = _rejected(
        await _send(client, {"method": "POST", **requests[("POST", "/v1/traces")]}, lab.key)
    )
    assert rejected == 3 and "another project" in message
    own = await client.get(f"/api/v1/traces/{shop.trace_id}/spans", headers=shop.headers)
    assert [s["span_id"] for s in own.json()["items"]] == [
        "0" * 15 + "1",
        shop.span_id,
        "0" * 15 + "3",
    ]
    assert lab.marker.encode() not in own.content
    checkpoints = await client.get(
        f"/api/v1/traces/{shop.trace_id}/checkpoints", headers=shop.headers
    )
    assert [c["id"] for c in checkpoints.json()["items"]] == list(shop.checkpoint_ids)

    # lab's own run links to shop's trace: what lab reads of its own run holds nothing of shop
    # (the analysed run, /graph and /failures, in the next test)
    for (method, path), request in sorted(_requests(lab, lab).items()):
        if method != "GET" or path in RUN_ROUTES | {"/metrics"}:
            continue
        response = await _send(client, {"method": method, **request}, lab.key)
        assert response.status_code == 200, (path, response.text)
        for text in (shop.marker, shop.agent):
            assert text.encode() not in response.content, (path, text)

    # the suite is not vacuous: with shop's key, the same requests reach shop's objects
    for (method, path), request in sorted(_requests(shop, shop).items()):
        if (method, path) in {("POST", "/v1/traces"), ("GET", "/metrics")}:
            continue
        response = await _send(client, {"method": method, **request}, shop.key)
        assert response.status_code in (200, 201, 202, 204), (method, path, response.text)


async def test_without_a_key_every_route_but_health_says_401(world: World) -> None:
    requests = _requests(world.shop, world.lab)
    for (method, path), request in sorted(requests.items()):
        for key in (None, "at_not-a-key"):
            response = await _send(world.client, {"method": method, **request}, key)
            expected = 200 if path in OPEN else 401
            assert response.status_code == expected, (method, path, key, response.text)
            assert world.shop.marker.encode() not in response.content
    for path in OPEN - {"/health", "/docs/oauth2-redirect"}:
        assert (await world.client.get(path)).status_code == 200
    # the admin key sees both projects
    listed = await world.client.get("/api/v1/traces", headers={"x-api-key": ADMIN})
    assert {t["project"] for t in listed.json()["items"]} == {"lab", "shop"}
    assert (await world.client.get("/metrics", headers={"x-api-key": ADMIN})).status_code == 200


async def test_a_link_to_another_projects_trace_does_not_join_the_run(world: World) -> None:
    lab, shop = world.lab, world.shop
    for path in ("graph", "failures"):
        response = await world.client.get(
            f"/api/v1/traces/{lab.trace_id}/{path}", headers=lab.headers
        )
        assert response.status_code == 200
        for text in (shop.marker, shop.agent):
            assert text.encode() not in response.content, (path, text)
