"""The demo's runs: one team that works, and four ways multi-agent systems go wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import agenttrace

from agenttrace_server.demo.sim import Sim, fail, said

BIG, SMALL = "gpt-4o", "gpt-4o-mini"


@dataclass(frozen=True)
class Scenario:
    """A demo run: what it shows, and the function that records it."""

    key: str
    title: str
    expect: str
    record: Callable[[Sim], None]
    culprit: str | None = None
    """The agent the analysis should blame (``None``: the run succeeds)."""
    checkpoints: int = 0


def research_team(sim: Sim) -> None:
    """A lead delegates research and writing; a fact checker verifies; the run succeeds."""
    task = "Write a one-page brief: does retrieval-augmented generation help small models?"
    with sim.run("research_team", task) as root:
        agenttrace.message(None, "lead", task)
        with sim.turn("lead", "coordinates the research team", model=BIG, task=task) as lead:
            sim.llm(
                "lead",
                model=BIG,
                seconds=2.1,
                messages=[("user", task)],
                reply="Plan: researcher gathers evidence from 2023-2025 papers, writer "
                "drafts the brief, fact_checker verifies every number.",
            )
            ask = (
                "Find 3-5 peer-reviewed results (2023-2025) on RAG for models under 10B "
                "parameters, with the measured gains."
            )
            agenttrace.message("lead", "researcher", ask, kind="delegation")
            with sim.turn(
                "researcher", "finds and summarises sources", model=SMALL, task=ask
            ) as researcher:
                sim.llm(
                    "researcher",
                    model=SMALL,
                    seconds=1.4,
                    messages=[("user", ask)],
                    reply="",
                    tool_call=("web_search", {"query": "RAG small language models benchmark 2024"}),
                )
                hits = sim.tool(
                    "web_search",
                    {"query": "RAG small language models benchmark 2024"},
                    seconds=1.8,
                    result="1. Patel et al. 2024: +12.4 EM on NQ for a 7B model\n2. Chen 2023: "
                    "retrieval closes 60% of the gap to a 70B model\n3. Okafor 2025: gains "
                    "vanish when the index is stale",
                )
                findings = said(
                    researcher,
                    sim.llm(
                        "researcher",
                        model=SMALL,
                        seconds=3.2,
                        messages=[("user", ask), ("tool", hits or "")],
                        reply="Findings: (1) Patel 2024: +12.4 exact match on Natural Questions "
                        "for a 7B model. (2) Chen 2023: retrieval closes 60% of the gap to a 70B "
                        "model. (3) Okafor 2025: gains vanish with a stale index.",
                    ),
                )
            agenttrace.message("researcher", "lead", findings, kind="return")
            agenttrace.message(
                "lead",
                "writer",
                "Draft the brief from these findings:\n" + findings,
                kind="delegation",
            )
            with sim.turn("writer", "drafts the brief", model=BIG, task=findings) as writer:
                draft = said(
                    writer,
                    sim.llm(
                        "writer",
                        model=BIG,
                        seconds=5.6,
                        messages=[("user", findings)],
                        reply="Brief: Retrieval helps small models most on knowledge-heavy "
                        "questions: a 7B model gains 12.4 points of exact match (Patel 2024) and "
                        "closes 60% of the gap to a 70B model (Chen 2023). The gain depends on a "
                        "fresh index (Okafor 2025).",
                    ),
                )
            agenttrace.message("writer", "lead", draft, kind="return")
            agenttrace.message(
                "lead", "fact_checker", "Verify every figure:\n" + draft, kind="delegation"
            )
            with sim.turn(
                "fact_checker", "verifies claims against sources", model=SMALL, task=draft
            ) as checker:
                sim.tool(
                    "verify_citations",
                    {"claims": 3},
                    seconds=0.9,
                    result="3 of 3 figures match their sources",
                )
                verdict = said(
                    checker,
                    sim.llm(
                        "fact_checker",
                        model=SMALL,
                        seconds=1.1,
                        messages=[("user", draft)],
                        reply="Verified: all 3 figures match their sources. PASS",
                    ),
                )
            agenttrace.message("fact_checker", "lead", verdict, kind="return")
            said(lead, draft)
        agenttrace.message("lead", None, draft, kind="return")
        root.set_attribute("output.value", draft)


def review_loop(sim: Sim) -> None:
    """A coder and a reviewer go round the same review comment until the round limit."""
    task = "Add input validation to parse_date() so that empty strings raise ValueError."
    comment = (
        "Changes requested: parse_date('') still returns None instead of raising "
        "ValueError. Please add the empty-string check before calling strptime."
    )
    patch = (
        "diff --git a/dates.py b/dates.py\n@@ def parse_date(text):\n-    return "
        "datetime.strptime(text, FMT)\n+    if text is None:\n+        raise "
        "ValueError('no date')\n+    return datetime.strptime(text, FMT)"
    )
    with sim.run("coding_team", task) as root:
        agenttrace.message(None, "coder", task)
        for round_no in range(1, 5):
            with sim.turn("coder", "writes the patch", model=BIG, task=task) as coder:
                sim.llm(
                    "coder",
                    model=BIG,
                    seconds=4.2 + round_no * 0.3,
                    messages=[("user", task)] + ([("user", comment)] if round_no > 1 else []),
                    reply=patch,
                )
                sim.tool(
                    "run_tests",
                    {"path": "tests/test_dates.py"},
                    seconds=2.4,
                    result="12 passed, 0 failed (no test covers the empty string)",
                )
                said(coder, f"Patch v{round_no} ready for review:\n{patch}")
            agenttrace.message(
                "coder", "reviewer", f"Patch v{round_no} ready for review:\n" + patch
            )
            with sim.turn("reviewer", "reviews patches", model=SMALL, task=patch) as reviewer:
                said(
                    reviewer,
                    sim.llm(
                        "reviewer",
                        model=SMALL,
                        seconds=2.0,
                        messages=[("user", patch)],
                        reply=comment,
                    ),
                )
            agenttrace.message("reviewer", "coder", comment)
        message = "Maximum review rounds (4) reached without approval"
        agenttrace.message("reviewer", None, message, kind="broadcast")
        fail(root, message)
        root.set_attribute("output.value", message)


def ignored_instructions(sim: Sim) -> None:
    """A planner's sub-agent ignores the booking constraints it was given; the run fails."""
    task = (
        "Book a flight Frankfurt to New York on 12 December: refundable economy only, "
        "under 600 EUR, no overnight (red-eye) departures."
    )
    order = (
        "Book FRA-JFK on 12 Dec. Constraints: REFUNDABLE ECONOMY fare, total under "
        "600 EUR, departure between 07:00 and 20:00. Use search_refundable_fares; LH404 "
        "07:40 at 540 EUR qualifies."
    )
    booking = {
        "flight": "UA961",
        "departure": "23:55",
        "cabin": "business",
        "refundable": False,
        "price_eur": 1480,
    }
    with sim.run("travel_planner", task) as root:
        agenttrace.message(None, "planner", task)
        with sim.turn("planner", "plans the trip", model=BIG, task=task) as planner:
            sim.llm(
                "planner",
                model=BIG,
                seconds=1.9,
                messages=[("user", task)],
                reply="Let me check which refundable fares exist before delegating.",
            )
            sim.tool(
                "search_refundable_fares",
                {"route": "FRA-JFK", "date": "2026-12-12"},
                seconds=1.4,
                result="LH404 07:40 economy refundable 540 EUR",
            )
            said(planner, order)
        agenttrace.handoff("planner", "flight_agent", content=order)
        with sim.turn(
            "flight_agent", "searches and books flights", model=SMALL, task=order
        ) as agent:
            sim.llm(
                "flight_agent",
                model=SMALL,
                seconds=1.2,
                messages=[("user", order)],
                reply="I will call search_refundable_fares for FRA-JFK on 12 Dec.",
                tool_call=("search_all_fares", {"route": "FRA-JFK"}),
            )
            sim.tool(
                "search_all_fares",
                {"route": "FRA-JFK", "date": "2026-12-12"},
                seconds=2.2,
                result="LH404 07:40 economy refundable 540 EUR; "
                "UA961 23:55 business non-refundable 1480 EUR",
            )
            sim.tool("book_fare", booking, seconds=1.6, result="Booked UA961, confirmation K7Q2LM")
            report = said(
                agent,
                sim.llm(
                    "flight_agent",
                    model=SMALL,
                    seconds=1.3,
                    messages=[("user", order)],
                    reply="Booked UA961 departing 23:55, business class, non-refundable, "
                    "1480 EUR. Confirmation K7Q2LM.",
                ),
            )
        agenttrace.message("flight_agent", "planner", report, kind="return")
        verdict = (
            "Booking UA961 violates the request: 1480 EUR is over the 600 EUR limit, "
            "the fare is non-refundable and 23:55 is a red-eye departure."
        )
        fail(root, verdict)
        root.set_attribute("output.value", report)


def upstream_tool_error(sim: Sim) -> None:
    """An extractor hands on a value it failed to read; the analyst's tool call breaks on it."""
    task = "Compute the year-over-year revenue growth of ACME from its 2025 annual report."
    with sim.run("finance_pipeline", task) as root:
        agenttrace.message(None, "extractor", task)
        with sim.turn(
            "extractor", "extracts figures from reports", model=SMALL, task=task
        ) as extractor:
            sim.tool(
                "read_pdf_table",
                {"file": "acme_2025.pdf", "table": "Consolidated income statement"},
                seconds=1.1,
                result="revenue 2024: 3,812.4 (EUR m)",
            )
            sim.tool(
                "read_pdf_table",
                {"file": "acme_2025.pdf", "table": "Segment revenue 2025"},
                seconds=0.8,
                error=LookupError("table 'Segment revenue 2025' not found on pages 40-52"),
            )
            handed = said(
                extractor,
                sim.llm(
                    "extractor",
                    model=SMALL,
                    seconds=1.5,
                    messages=[("user", task)],
                    reply='Extraction complete: {"revenue_2024": "3812.4", "revenue_2025": "N/A", '
                    '"unit": "EUR m"}',
                ),
            )
        agenttrace.message("extractor", "analyst", handed, kind="handoff")
        with sim.turn("analyst", "computes financial metrics", model=BIG, task=handed) as analyst:
            sim.llm(
                "analyst",
                model=BIG,
                seconds=1.7,
                messages=[("user", handed)],
                reply="",
                tool_call=("compute_growth", {"previous": "3812.4", "current": "N/A"}),
            )
            sim.tool(
                "compute_growth",
                {"previous": "3812.4", "current": "N/A"},
                seconds=0.2,
                error=ValueError("could not convert string to float: 'N/A'"),
            )
            said(
                analyst,
                "Error: compute_growth failed: could not convert string to float: "
                "'N/A' (revenue_2025 from the extractor).",
            )
        agenttrace.message("analyst", None, "The growth could not be computed.", kind="return")
        fail(root, "compute_growth failed: could not convert string to float: 'N/A'")
        root.set_attribute("output.value", "failed: no 2025 revenue figure")


def checkpoints(sim: Sim) -> None:
    """A support workflow that checkpoints its state at every step (time travel, replay)."""
    task = "Customer 88213 asks for a refund of a double charge on invoice INV-1042."
    state: dict[str, object] = {"customer": "88213", "request": task, "history": []}
    with sim.run("support_workflow", task) as root:
        agenttrace.message(None, "triage", task)
        with sim.turn("triage", "classifies support requests", model=SMALL, task=task) as t:
            sim.llm(
                "triage",
                model=SMALL,
                seconds=0.9,
                messages=[("user", task)],
                reply="Category: billing / double charge. Route to billing_agent.",
            )
            state |= {"category": "billing", "priority": "high"}
            agenttrace.checkpoint("after triage", state)
            said(t, "billing / double charge, high priority")
        agenttrace.handoff("triage", "billing_agent", content="Double charge on INV-1042")
        with sim.turn("billing_agent", "resolves billing issues", model=BIG, task=task) as b:
            invoice = sim.tool(
                "lookup_invoice",
                {"invoice": "INV-1042"},
                seconds=0.6,
                result="INV-1042: 49.00 EUR charged on 2026-11-02 twice",
            )
            state |= {"invoice": {"id": "INV-1042", "amount_eur": 49.0, "charges": 2}}
            agenttrace.checkpoint("invoice looked up", state)
            sim.llm(
                "billing_agent",
                model=BIG,
                seconds=2.3,
                messages=[("user", task), ("tool", invoice or "")],
                reply="The second charge is a duplicate: refund 49.00 EUR.",
            )
            state |= {"decision": {"refund_eur": 49.0, "reason": "duplicate charge"}}
            agenttrace.checkpoint("refund decided", state)
            sim.tool(
                "issue_refund",
                {"invoice": "INV-1042", "amount_eur": 49.0},
                seconds=1.2,
                result="refund R-55120 issued",
            )
            state |= {"refund_id": "R-55120"}
            agenttrace.checkpoint("refund issued", state)
            said(b, "Refund R-55120 of 49.00 EUR issued for the duplicate charge.")
        agenttrace.handoff("billing_agent", "notifier", content="Tell the customer: R-55120")
        with sim.turn("notifier", "writes to customers", model=SMALL, task="R-55120") as n:
            mail = said(
                n,
                sim.llm(
                    "notifier",
                    model=SMALL,
                    seconds=1.6,
                    messages=[("user", "R-55120")],
                    reply="Dear customer, we refunded the duplicate charge of 49.00 EUR "
                    "(refund R-55120).",
                ),
            )
            state |= {"notified": True, "history": ["triage", "billing_agent", "notifier"]}
            agenttrace.checkpoint("customer notified", state)
        root.set_attribute("output.value", mail)


SCENARIOS = (
    Scenario("research", "research team that succeeds", "no failure", research_team),
    Scenario(
        "review-loop",
        "coding team stuck in a review loop",
        "the same review comment until the round limit; the coder never fixes it",
        review_loop,
        culprit="coder",
    ),
    Scenario(
        "ignored-instructions",
        "planner whose sub-agent ignores its instructions",
        "flight_agent ignored the constraints it was given",
        ignored_instructions,
        culprit="flight_agent",
    ),
    Scenario(
        "upstream-error",
        "tool error caused by an upstream agent",
        "extractor hid a failed read; the analyst's tool broke on its value",
        upstream_tool_error,
        culprit="extractor",
    ),
    Scenario(
        "checkpoints",
        "support workflow with checkpoints to time-travel through",
        "no failure; 5 checkpoints",
        checkpoints,
        checkpoints=5,
    ),
)
