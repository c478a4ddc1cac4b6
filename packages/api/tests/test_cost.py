"""Cost through the real ingestion path: priced per LLM span, rolled up per agent, run,
project and day; filter and sort by cost. Spans come from the real OpenTelemetry SDK, encoded
by the OTLP exporter's own encoder and posted to the receiver of the in-process app."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from genai_prices import Usage, calc_price
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Tracer, set_span_in_context

DAY1 = int(datetime(2026, 11, 20, 10, 0, tzinfo=UTC).timestamp() * 1e9)
DAY2 = int(datetime(2026, 11, 21, 10, 0, tzinfo=UTC).timestamp() * 1e9)
MS = 1_000_000
MINI = float(
    calc_price(
        Usage(input_tokens=1000, output_tokens=200), "gpt-4o-mini", provider_id="openai"
    ).total_price
)  # what genai-prices says one planner call costs


class Runs:
    """Runs made with the OTel SDK, kept in memory until posted."""

    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.providers: dict[str, TracerProvider] = {}

    def tracer(self, project: str) -> Tracer:
        if project not in self.providers:
            provider = TracerProvider(
                resource=Resource.create({"service.name": project, "agenttrace.project": project})
            )
            provider.add_span_processor(SimpleSpanProcessor(self.exporter))
            self.providers[project] = provider
        return self.providers[project].get_tracer("cost-tests")

    @contextmanager
    def agent(self, project: str, name: str, start: int, parent: Any = None) -> Iterator[Any]:
        tracer = self.tracer(project)
        context = set_span_in_context(parent) if parent is not None else None
        span = tracer.start_span(
            f"invoke_agent {name}",
            context=context,
            start_time=start,
            attributes={"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": name},
        )
        yield span
        span.end(end_time=start + 100 * MS)

    def llm(self, project: str, parent: Any, start: int, attributes: dict[str, Any]) -> None:
        span = self.tracer(project).start_span(
            "chat", context=set_span_in_context(parent), start_time=start, attributes=attributes
        )
        span.end(end_time=start + 10 * MS)

    def body(self) -> bytes:
        return encode_spans(self.exporter.get_finished_spans()).SerializeToString()


def chat(model: str, input_tokens: int, output_tokens: int, **extra: Any) -> dict[str, Any]:
    return {
        "gen_ai.operation.name": "chat",
        "gen_ai.system": "openai",
        "gen_ai.request.model": model,
        "gen_ai.usage.input_tokens": input_tokens,
        "gen_ai.usage.output_tokens": output_tokens,
        **extra,
    }


@pytest.fixture
async def priced(api) -> dict[str, str]:
    """Run A (shop, day 1): planner priced from tokens; coder one call with a reported cost
    and one with a model no price table knows. B (shop, day 1): only an unknown model.
    C (lab, day 2): an OpenInference span with its own cost."""
    runs = Runs()
    with runs.agent("shop", "planner", DAY1) as a:
        runs.llm("shop", a, DAY1 + MS, chat("gpt-4o-mini", 1000, 200))
        with runs.agent("shop", "coder", DAY1 + 20 * MS, parent=a) as coder:
            runs.llm(
                "shop", coder, DAY1 + 21 * MS, chat("gpt-4o", 9999, 9, **{"gen_ai.usage.cost": 0.5})
            )
            runs.llm("shop", coder, DAY1 + 40 * MS, chat("acme-finetune-7", 100, 10))
    with runs.agent("shop", "planner", DAY1 + 3_600_000 * MS) as b:
        runs.llm("shop", b, DAY1 + 3_600_001 * MS, chat("acme-finetune-7", 100, 10))
    with runs.agent("lab", "planner", DAY2) as c:
        runs.llm(
            "lab",
            c,
            DAY2 + MS,
            {
                "openinference.span.kind": "LLM",
                "llm.model_name": "gpt-4o",
                "llm.token_count.prompt": 10,
                "llm.token_count.completion": 5,
                "llm.cost.total": 0.1,
            },
        )
    response = await api.post(
        "/v1/traces", content=runs.body(), headers={"content-type": "application/x-protobuf"}
    )
    assert response.status_code == 200, response.text
    ids = {f"{s.context.trace_id:032x}" for s in runs.exporter.get_finished_spans()}
    by_name: dict[str, str] = {}
    for span in runs.exporter.get_finished_spans():
        if span.parent is None:
            key = {DAY1: "A", DAY1 + 3_600_000 * MS: "B", DAY2: "C"}[span.start_time]
            by_name[key] = f"{span.context.trace_id:032x}"
    assert len(ids) == 3
    return by_name


async def test_run_cost_known_unknown_and_reported(api, priced) -> None:
    items = {i["trace_id"]: i for i in (await api.get("/api/v1/traces")).json()["items"]}
    a, b, c = (items[priced[k]] for k in "ABC")
    assert a["cost_usd"] == pytest.approx(MINI + 0.5)  # the reported 0.5 wins for gpt-4o
    assert a["unpriced_llm_spans"] == 1
    assert (b["cost_usd"], b["unpriced_llm_spans"]) == (None, 1)  # unknown, never 0
    assert (c["cost_usd"], c["unpriced_llm_spans"]) == (pytest.approx(0.1), 0)
    detail = (await api.get(f"/api/v1/traces/{priced['A']}")).json()
    assert detail["cost_usd"] == pytest.approx(MINI + 0.5)
    agents = {x["name"]: (x["cost_usd"], x["unpriced_llm_spans"]) for x in detail["agents"]}
    assert agents == {"planner": (pytest.approx(MINI), 0), "coder": (pytest.approx(0.5), 1)}


async def test_agents_projects_and_days(api, priced) -> None:
    agents = {x["name"]: x for x in (await api.get("/api/v1/agents")).json()["items"]}
    assert agents["planner"]["cost_usd"] == pytest.approx(MINI + 0.1)
    assert agents["planner"]["unpriced_llm_spans"] == 1  # run B
    assert (agents["coder"]["cost_usd"], agents["coder"]["unpriced_llm_spans"]) == (
        pytest.approx(0.5),
        1,
    )
    lab = (await api.get("/api/v1/agents", params={"project": "lab"})).json()["items"]
    assert [(x["name"], x["cost_usd"]) for x in lab] == [("planner", pytest.approx(0.1))]
    projects = {p["name"]: p for p in (await api.get("/api/v1/projects")).json()["items"]}
    assert projects["shop"]["cost_usd"] == pytest.approx(MINI + 0.5)
    assert projects["shop"]["unpriced_llm_spans"] == 2
    assert (projects["lab"]["cost_usd"], projects["lab"]["unpriced_llm_spans"]) == (
        pytest.approx(0.1),
        0,
    )
    window = {"since": "2026-11-19T00:00:00Z", "until": "2026-11-21T23:59:59Z", "bucket": "day"}
    days = (await api.get("/api/v1/overview", params=window)).json()["buckets"]
    assert [(d["start"][:10], d["cost_usd"], d["unpriced_llm_spans"]) for d in days] == [
        ("2026-11-19", None, 0),
        ("2026-11-20", pytest.approx(MINI + 0.5), 2),
        ("2026-11-21", pytest.approx(0.1), 0),
    ]


async def test_filter_and_sort_by_cost(api, priced) -> None:
    async def names(**params: Any) -> list[str]:
        response = await api.get("/api/v1/traces", params=params)
        assert response.status_code == 200, response.text
        back = {v: k for k, v in priced.items()}
        return [back[i["trace_id"]] for i in response.json()["items"]]

    assert await names(min_cost=0.3) == ["A"]
    assert await names(max_cost=0.3) == ["C"]
    assert await names(min_cost=0) == ["C", "A"]  # newest first; B has no known cost
    assert await names(sort="cost") == ["A", "C", "B"]
    assert await names(sort="cost", order="asc") == ["B", "C", "A"]
    first = (await api.get("/api/v1/traces", params={"sort": "cost", "limit": 1})).json()
    rest = (
        await api.get(
            "/api/v1/traces", params={"sort": "cost", "limit": 5, "cursor": first["next_cursor"]}
        )
    ).json()
    assert [i["trace_id"] for i in first["items"] + rest["items"]] == [
        priced[k] for k in ("A", "C", "B")
    ]


async def test_graph_nodes_carry_the_agents_cost(api, priced) -> None:
    graph = (await api.get(f"/api/v1/traces/{priced['A']}/graph")).json()
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes["planner"]["cost_usd"] == pytest.approx(MINI)
    assert (nodes["coder"]["cost_usd"], nodes["coder"]["unpriced_llm_spans"]) == (
        pytest.approx(0.5),
        1,
    )
    unknown = (await api.get(f"/api/v1/traces/{priced['B']}/graph")).json()
    planner = next(n for n in unknown["nodes"] if n["id"] == "planner")
    assert (planner["cost_usd"], planner["unpriced_llm_spans"]) == (None, 1)


async def test_each_llm_span_has_its_cost(api, priced) -> None:
    spans = (await api.get(f"/api/v1/traces/{priced['A']}/spans")).json()["items"]
    costs = sorted((sp["model"], sp["cost_usd"]) for sp in spans if sp["span_type"] == "llm")
    assert costs == [
        ("acme-finetune-7", None),
        ("gpt-4o", pytest.approx(0.5)),
        ("gpt-4o-mini", pytest.approx(MINI)),
    ]
    assert all(sp["cost_usd"] is None for sp in spans if sp["span_type"] != "llm")


@pytest.mark.e2e
def test_real_otlp_export_ends_with_the_cost_in_the_api(live_server) -> None:
    """The OTel SDK's OTLP/HTTP exporter against a live ``agenttrace serve``, both databases."""
    import httpx
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    provider = TracerProvider(
        resource=Resource.create({"service.name": "cost-live", "agenttrace.project": "cost-live"})
    )
    provider.add_span_processor(
        SimpleSpanProcessor(OTLPSpanExporter(endpoint=f"{live_server.otlp_url}/v1/traces"))
    )
    tracer = provider.get_tracer("cost-live")
    with tracer.start_as_current_span(
        "invoke_agent writer",
        attributes={"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "writer"},
    ) as root:
        for attributes in (
            chat("gpt-4o-mini", 1000, 200),
            chat("gpt-4o-mini", 1000, 200, **{"gen_ai.usage.cost": 0.25}),
            chat("acme-finetune-7", 100, 10),
        ):
            with tracer.start_as_current_span("chat", attributes=attributes):
                pass
        trace_id = f"{root.get_span_context().trace_id:032x}"
    provider.shutdown()

    base = f"{live_server.api_url}/api/v1"
    (item,) = httpx.get(f"{base}/traces", params={"project": "cost-live"}).json()["items"]
    assert item["trace_id"] == trace_id
    assert (item["cost_usd"], item["unpriced_llm_spans"]) == (pytest.approx(MINI + 0.25), 1)
    # each span was exported as it ended: the LLM calls came before the agent span that owns
    # them, so the analysis gives them their agent (and their cost to its run) once quiet
    for _ in range(240):
        detail = httpx.get(f"{base}/traces/{trace_id}").json()
        if detail["analysis_state"] == "done":
            break
        time.sleep(0.25)
    assert detail["agents"][0]["cost_usd"] == pytest.approx(MINI + 0.25)
    (agent,) = httpx.get(f"{base}/agents", params={"project": "cost-live"}).json()["items"]
    assert (agent["name"], agent["cost_usd"]) == ("writer", pytest.approx(MINI + 0.25))
    costly = httpx.get(f"{base}/traces", params={"project": "cost-live", "min_cost": 0.25})
    assert [i["trace_id"] for i in costly.json()["items"]] == [trace_id]
