"""Fuzzing through a live server: whatever ingestion accepts, every read and the analysis handle.

Protobuf and OTLP/JSON bodies (see :mod:`fuzz_bodies`) go to the real receiver of
``agenttrace serve``; then every read route of the API and the analysis run over what was
stored. No answer may be a 5xx, the server must be alive and ready afterwards, and its memory
must stay within a bound. ``make test`` runs a bounded, seeded set of examples;
``make fuzz`` sets ``AGENTTRACE_FUZZ_EXAMPLES`` for a long run.
"""

from __future__ import annotations

import gzip
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from .fuzz_bodies import json_bodies, protobuf_bodies

pytestmark = [pytest.mark.e2e, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("AGENTTRACE_FUZZ_EXAMPLES", "300"))
RSS_GROWTH_MB = 60
"""The server's resident memory may grow at most this much over a fuzzing run."""


@dataclass
class Tally:
    """What a fuzzing run saw."""

    bodies: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    reads: int = 0
    errors: list[str] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    """The server's resident memory (MB) every 500 bodies."""

    def note(self, what: str, response: httpx.Response) -> None:
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            self.errors.append(f"{what} -> {response.status_code}: {response.text[:300]}")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _post(client: httpx.Client, tally: Tally, body: bytes, content_type: str, gz: bool) -> None:
    headers = {"content-type": content_type}
    if gz:
        body = gzip.compress(body, 1)
        headers["content-encoding"] = "gzip"
    response = client.post("/v1/traces", content=body, headers=headers)
    tally.bodies += 1
    tally.note(f"POST /v1/traces ({content_type}, {len(body)} bytes: {body[:80]!r})", response)


def _read_everything(api: httpx.Client, tally: Tally) -> None:
    """Every read route over every stored trace, its spans, checkpoints and agents."""

    def get(path: str, method: str = "GET") -> httpx.Response:
        tally.reads += 1
        try:
            response = api.request(method, path)
        except httpx.TransportError as exc:  # the server dropped the connection: a failure too
            tally.errors.append(f"{method} {path} -> {type(exc).__name__}: {exc}")
            return httpx.Response(599)
        tally.note(f"{method} {path}", response)
        return response

    trace_ids: list[str] = []
    cursor: str | None = None
    while True:
        page = get("/api/v1/traces?limit=200" + (f"&cursor={quote(cursor)}" if cursor else ""))
        if page.status_code != 200:
            break
        trace_ids += [t["trace_id"] for t in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    for path in ("/api/v1/overview", "/api/v1/agents", "/api/v1/traces?q=agent&status=error"):
        get(path)
    projects = get("/api/v1/projects")
    if projects.status_code == 200:
        for project in projects.json()["items"][:20]:
            get(f"/api/v1/projects/{quote(project['name'], safe='')}/graph")
            get(f"/api/v1/agents?project={quote(project['name'], safe='')}")
    checkpoint_ids: list[str] = []
    for trace_id in trace_ids:
        base = f"/api/v1/traces/{trace_id}"
        for suffix in ("", "/graph", "/messages", "/failures", "/state", "/replays"):
            get(base + suffix)
        get(base + "/analyze", "POST")
        get(base + "/failures")
        spans = get(base + "/spans")
        if spans.status_code == 200:
            for span in spans.json()["items"][:3]:
                get(f"{base}/spans/{span['span_id']}")
        checkpoints = get(base + "/checkpoints")
        if checkpoints.status_code == 200:
            checkpoint_ids += [c["id"] for c in checkpoints.json()["items"][:3]]
        detail = get(base)
        if detail.status_code == 200:
            for agent in detail.json().get("agents", [])[:3]:
                get(f"/api/v1/agents/{quote(agent['name'], safe='')}")
    for a, b in itertools.pairwise(trace_ids):
        get(f"/api/v1/compare?a={a}&b={b}")
    for checkpoint_id in checkpoint_ids:
        get(f"/api/v1/checkpoints/{checkpoint_id}")
    for a, b in itertools.pairwise(checkpoint_ids):
        get(f"/api/v1/checkpoints/{a}/diff/{b}")


@pytest.mark.timeout(240 + EXAMPLES // 4)
def test_fuzzed_bodies_never_break_the_server_or_its_reads(live_server) -> None:
    tally = Tally()
    pid = live_server.process.pid
    otlp = httpx.Client(base_url=live_server.otlp_url, timeout=60)
    api = httpx.Client(base_url=live_server.api_url, timeout=120)
    with otlp, api:
        otlp.get("/ready")
        rss_before = rss_mb(pid)

        @seed(20_251_113)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
        )
        @given(
            body=st.one_of(
                protobuf_bodies().map(lambda b: (b, "application/x-protobuf")),
                json_bodies().map(lambda b: (b, "application/json")),
            ),
            gz=st.booleans(),
        )
        def send(body: tuple[bytes, str], gz: bool) -> None:
            _post(otlp, tally, body[0], body[1], gz)
            if tally.bodies % 500 == 0:
                tally.rss.append(round(rss_mb(pid)))

        send()
        rss_after_ingest = rss_mb(pid)
        _read_everything(api, tally)
        assert live_server.process.poll() is None, live_server.log()[-3000:]
        ready = [otlp.get("/ready").status_code, api.get("/ready").status_code]
        rss_after = rss_mb(pid)
    print(  # the figures of the run, for the report of `make fuzz`
        f"\nfuzz: {tally.bodies} bodies, {tally.reads} reads,"
        f" statuses {sorted(tally.statuses.items())}, 5xx {len(tally.errors)},"
        f" RSS {rss_before:.0f} -> {rss_after_ingest:.0f} -> {rss_after:.0f} MB"
        f" (every 500 bodies: {tally.rss})"
    )
    assert tally.errors == [], "\n".join(tally.errors[:20])
    assert ready == [200, 200]
    assert tally.bodies >= EXAMPLES
    assert rss_after - rss_before < RSS_GROWTH_MB
