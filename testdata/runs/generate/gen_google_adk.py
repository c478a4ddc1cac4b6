"""Record the Google ADK runs of the failure corpus (testdata/runs/google_adk/).

Google ADK's own OpenTelemetry spans (tracer ``gcp.vertex.agent``: ``invoke_workflow``,
``invoke_agent <name>``, ``generate_content <model>``, ``execute_tool <tool>``) on the global
TracerProvider that :class:`record.Recorder` installs, with message content on the spans as a
user turns it on (``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=SPAN_ONLY``). The agents
talk to the scripted OpenAI-compatible server through ``LiteLlm("openai/gpt-4o-mini")``.
Topologies: a root agent with sub-agents (``transfer_to_agent``), ``AgentTool``,
``SequentialAgent`` pipelines, ``ParallelAgent`` fan-outs and ``LoopAgent`` writer/checker loops.

    cd testdata/runs/generate && ../../../.venv-corpus-google_adk/bin/python gen_google_adk.py

Arguments: run names to record only those, or ``--batch N`` for one held-out batch.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "SPAN_ONLY")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no network for the cost map

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_llm import FakeLLM, Script, call, say  # noqa: E402
from record import Recorder, Truth  # noqa: E402

REC = Recorder("google_adk")  # installs the global TracerProvider first

from google.adk.agents import LlmAgent, LoopAgent, ParallelAgent, SequentialAgent  # noqa: E402
from google.adk.models.lite_llm import LiteLlm  # noqa: E402
from google.adk.plugins.reflect_retry_tool_plugin import ReflectAndRetryToolPlugin  # noqa: E402
from google.adk.runners import InMemoryRunner  # noqa: E402
from google.adk.tools import exit_loop  # noqa: E402
from google.adk.tools.agent_tool import AgentTool  # noqa: E402
from google.genai import types  # noqa: E402

LLM = FakeLLM().start()
GEN = "generate_content openai/gpt-4o-mini"
INSTR = "native"
REC_DIR = Path(__file__).resolve().parent.parent / "google_adk"


def model() -> LiteLlm:
    return LiteLlm(model="openai/gpt-4o-mini", api_base=LLM.base_url, api_key="sk-local")


def agent(name: str, description: str, instruction: str, **kw: Any) -> LlmAgent:
    """An LlmAgent whose system prompt starts with ``You are <name>.`` (the script marker)."""
    return LlmAgent(name=name, description=description, model=model(),
                    instruction=f"You are {name}. {instruction}", **kw)


def run_agent(root: Any, text: str, plugins: list[Any] | None = None) -> None:
    async def go() -> None:
        runner = InMemoryRunner(agent=root, app_name="corpus", plugins=plugins or [])
        session = await runner.session_service.create_session(app_name="corpus", user_id="u1")
        message = types.Content(role="user", parts=[types.Part(text=text)])
        async for _ in runner.run_async(user_id="u1", session_id=session.id, new_message=message):
            pass

    asyncio.run(go())


def transfer(to: str) -> str:
    """How ADK's span content spells a transfer call."""
    return f'"name":"transfer_to_agent","arguments":{{"agent_name":"{to}"}}'


# --------------------------------------------------------------------------- misroute (dev)
def misroute_help_desk_router() -> None:
    """help_desk sends a connection fault to billing_specialist instead of network_support;
    billing answers about the invoice and the fault is never looked at."""

    def get_invoice(account_id: str) -> dict[str, Any]:
        """Latest invoice of a customer account."""
        return {"account_id": account_id, "invoice": "INV-2026-1107", "amount_eur": 39.90,
                "status": "paid", "paid_on": "2026-11-03"}

    def run_line_test(account_id: str) -> dict[str, Any]:
        """Remote line test of the customer's fibre connection."""
        return {"account_id": account_id, "sync": "unstable", "drops_last_7d": 14}

    billing = agent("billing_specialist", "Invoices, payments, refunds and tariff questions.",
                    "Answer billing questions using the invoice tools.", tools=[get_invoice])
    network = agent("network_support", "Connection faults, line tests and router problems.",
                    "Diagnose connection problems with line tests.", tools=[run_line_test])
    root = agent("help_desk", "Front desk of an internet provider.",
                 "Route each customer request to the specialist that fits it.",
                 sub_agents=[billing, network])
    task = ("Account 55102: my fibre connection drops every evening since Tuesday and the "
            "router's DSL light blinks red. Please fix it.")
    LLM.script = Script({
        "You are help_desk": [
            call("transfer_to_agent", "Let me pass you to the right team.",
                 agent_name="billing_specialist"),
        ],
        "You are billing_specialist": [
            call("get_invoice", account_id="55102"),
            say("I've checked account 55102: your latest invoice INV-2026-1107 of EUR 39.90 "
                "was paid on 3 November and there are no open balances or service holds, so "
                "nothing on the billing side would interrupt your service. Is there anything "
                "else I can help you with?"),
        ],
        "You are network_support": [say("Running a line test now.")],
    })
    with REC.run("misroute_help_desk_router") as run:
        run_agent(root, task)
    run.truth(Truth(
        cls="misroute", split="dev", failed=True, culprit="help_desk",
        decisive=run.find(name=GEN, contains=transfer("billing_specialist"), agent="help_desk"),
        modes=["FM-1.2", "FM-2.3"], edges=[("help_desk", "billing_specialist")], task=task,
        instrumentation=INSTR, topology="root agent > 2 sub-agents (transfer_to_agent)",
        why=("help_desk transfers a connection fault to billing_specialist although "
             "network_support handles connection faults; the answer only covers the invoice."),
    ))


# --------------------------------------------------------------------------- ignored_verdict (dev)
def ignored_verdict_release_pipeline() -> None:
    """SequentialAgent patch_author > test_gate > release_manager: the test gate reports two
    failing tests and release_manager publishes the release anyway."""
    published: list[str] = []

    def run_test_suite(package: str) -> dict[str, Any]:
        """Run the package's unit tests and report the result."""
        return {"package": package, "passed": 41, "failed": 2, "failures": [
            "test_refund_rounding: expected 10.05, got 10.04",
            "test_zero_decimal_currency: JPY amount multiplied by 100"]}

    def publish_release(version: str, notes: str) -> dict[str, Any]:
        """Tag and publish a release of the billing package."""
        published.append(version)
        return {"version": version, "published": True, "channel": "stable"}

    author = agent("patch_author", "Writes the code change.",
                   "Write the patch the task asks for and describe it.")
    gate = agent("test_gate", "Runs the test suite and reports pass or fail.",
                 "Run the tests on the patched package and report the outcome.",
                 tools=[run_test_suite])
    releaser = agent("release_manager", "Publishes releases that passed the test gate.",
                     "Publish the release only if the test gate passed.", tools=[publish_release])
    pipeline = SequentialAgent(name="release_pipeline", sub_agents=[author, gate, releaser],
                               description="Patch, test, release.")
    task = ("Fix refund rounding in the billing package (refunds must round half-up to the "
            "cent) and ship it as 2.8.1 if the tests pass.")
    LLM.script = Script({
        "You are patch_author": [
            say("Patch: `refund_amount()` now uses `Decimal.quantize(Decimal('0.01'), "
                "rounding=ROUND_HALF_UP)` instead of `round()`, and the currency exponent is "
                "read from the ISO 4217 table. Ready for testing."),
        ],
        "You are test_gate": [
            call("run_test_suite", package="billing"),
            say("Test gate: not passed. 41 passed, 2 failed: test_refund_rounding (expected "
                "10.05, got 10.04) and test_zero_decimal_currency (JPY amounts multiplied by "
                "100). The patch is not ready for release."),
        ],
        "You are release_manager": [
            call("publish_release", "Tests are done, publishing 2.8.1.", version="2.8.1",
                 notes="Refunds round half-up to the cent; currency exponents from ISO 4217."),
            say("billing 2.8.1 is published on the stable channel with the refund rounding "
                "fix."),
        ],
    })
    with REC.run("ignored_verdict_release_pipeline") as run:
        run_agent(pipeline, task)
    assert published == ["2.8.1"]
    run.truth(Truth(
        cls="ignored_verdict", split="dev", failed=True, culprit="release_manager",
        decisive=run.find(name=GEN, contains="Tests are done, publishing 2.8.1",
                          agent="release_manager"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("patch_author", "test_gate"), ("test_gate", "release_manager")], task=task,
        instrumentation=INSTR, topology="SequentialAgent: author > test gate > releaser",
        why=("test_gate reports 2 failing tests and says the patch is not ready, and "
             "release_manager's next step publishes 2.8.1 anyway."),
    ))


# --------------------------------------------------------------------------- ok (dev)
def ok_job_posting_loop() -> None:
    """LoopAgent posting_writer / language_checker: the first scan flags wording, the writer
    revises, the second scan is clean and the checker ends the loop."""
    scans = {"n": 0}

    def scan_posting(text: str) -> dict[str, Any]:
        """Scan a job posting for exclusionary or biased wording."""
        scans["n"] += 1
        flagged = [w for w in ("rockstar", "young and dynamic", "native English")
                   if w.lower() in text.lower()]
        return {"flagged_terms": flagged, "ok": not flagged}

    writer = agent("posting_writer", "Writes and revises job postings.",
                   "Write the posting; if the checker flagged terms, revise them.")
    checker = agent("language_checker", "Checks postings for biased wording.",
                    "Scan the latest posting. If it is clean call exit_loop, otherwise list "
                    "what must change.", tools=[scan_posting, exit_loop])
    loop = LoopAgent(name="posting_review_loop", sub_agents=[writer, checker], max_iterations=3,
                     description="Draft and check a job posting until it is clean.")
    first = ("Senior Data Engineer (Berlin). We want a rockstar who is young and dynamic, "
             "native English, 5+ years with Spark and Airflow.")
    second = ("Senior Data Engineer (Berlin). You bring 5+ years with Spark and Airflow and "
              "fluent professional English; hybrid, 2 office days a week.")
    task = "Write an inclusive job posting for a Senior Data Engineer in Berlin."
    LLM.script = Script({
        "You are posting_writer": [say(first), say(second)],
        "You are language_checker": [
            call("scan_posting", text=first),
            say("Needs changes: 'rockstar', 'young and dynamic' and 'native English' are "
                "flagged. Please replace them with skill-based wording."),
            call("scan_posting", text=second),
            call("exit_loop", "The revised posting scans clean; closing the review."),
        ],
    })
    with REC.run("ok_job_posting_loop") as run:
        run_agent(loop, task)
    assert scans["n"] == 2
    run.truth(Truth(
        cls="ok", split="dev", failed=False,
        edges=[("posting_writer", "language_checker"), ("language_checker", "posting_writer")],
        task=task, instrumentation=INSTR, topology="LoopAgent: writer <> checker (2 rounds)",
        why=("language_checker flags three terms, posting_writer removes them, the second scan "
             "is clean and only then the checker exits the loop."),
    ))


# --------------------------------------------------------------------------- premature (dev)
def premature_termination_delivery_exception() -> None:
    """ops_coordinator > shipment_agent: tracking says the parcel must be rescheduled, the
    agent tells the customer it is sorted without calling reschedule_delivery."""
    rescheduled: list[str] = []

    def track_shipment(tracking_id: str) -> dict[str, Any]:
        """Current status and history of a parcel."""
        return {"tracking_id": tracking_id, "status": "delivery_exception",
                "reason": "address not found", "attempts": 1,
                "next_action": "reschedule_delivery within 48h, otherwise return to sender"}

    def reschedule_delivery(tracking_id: str, date: str, address: str) -> dict[str, Any]:
        """Book a new delivery date and address for a parcel."""
        rescheduled.append(tracking_id)
        return {"tracking_id": tracking_id, "scheduled_for": date, "address": address}

    shipments = agent("shipment_agent", "Parcel tracking, redelivery and address changes.",
                      "Handle delivery problems with the shipment tools.",
                      tools=[track_shipment, reschedule_delivery])
    claims = agent("claims_agent", "Damage and loss claims.", "Handle claims.")
    root = agent("ops_coordinator", "Customer operations desk of a parcel carrier.",
                 "Route each request to the right team.", sub_agents=[shipments, claims])
    task = ("Parcel 7781-KX failed delivery yesterday. Please have it redelivered on Friday "
            "to my new address, Keizersgracht 112, Amsterdam.")
    LLM.script = Script({
        "You are ops_coordinator": [
            call("transfer_to_agent", agent_name="shipment_agent"),
        ],
        "You are shipment_agent": [
            call("track_shipment", tracking_id="7781-KX"),
            say("All sorted: parcel 7781-KX is in our depot and will be delivered on Friday to "
                "Keizersgracht 112, Amsterdam. You'll get a text with the time slot."),
        ],
        "You are claims_agent": [say("I can open a claim.")],
    })
    with REC.run("premature_termination_delivery_exception") as run:
        run_agent(root, task)
    assert not rescheduled
    run.truth(Truth(
        cls="premature_termination", split="dev", failed=True, culprit="shipment_agent",
        decisive=run.find(name=GEN, contains="All sorted: parcel 7781-KX", agent="shipment_agent"),
        modes=["FM-3.1"], edges=[("ops_coordinator", "shipment_agent")], task=task,
        instrumentation=INSTR, topology="root agent > 2 sub-agents (transfer_to_agent)",
        why=("track_shipment says reschedule_delivery is required, yet shipment_agent declares "
             "the redelivery arranged without ever calling reschedule_delivery."),
    ))


# --------------------------------------------------------------------------- misroute (holdout)
def misroute_clinic_intake() -> None:
    """clinic_intake looks the patient up through an AgentTool, then transfers a medication
    refill to dermatology_nurse instead of pharmacy_desk."""

    def fetch_patient_summary(patient_id: str) -> dict[str, Any]:
        """Problem list and current medication of a patient."""
        return {"patient_id": patient_id, "conditions": ["atrial fibrillation"],
                "medication": [{"drug": "warfarin", "dose": "5 mg daily", "refills_left": 0}],
                "last_inr": {"value": 2.6, "date": "2026-11-02"}}

    records = agent("patient_records", "Looks up patient summaries.",
                    "Return the relevant parts of the patient's record.",
                    tools=[fetch_patient_summary])
    derm = agent("dermatology_nurse", "Skin conditions, rashes, wound and bruise care.",
                 "Give skin-care advice and book dermatology appointments.")
    pharmacy = agent("pharmacy_desk", "Prescription refills and medication questions.",
                     "Issue refills and answer medication questions.")
    cardio = agent("cardiology_nurse", "Heart rhythm and blood pressure follow-up.",
                   "Handle cardiology follow-up.")
    root = agent("clinic_intake", "Patient intake of a family clinic.",
                 "Look the patient up, then pass the request to the right desk.",
                 tools=[AgentTool(agent=records)], sub_agents=[derm, pharmacy, cardio])
    task = ("Patient P-20931: my mother's warfarin ran out yesterday and she has some bruising "
            "on her arm. Can she get her refill today?")
    LLM.script = Script({
        "You are clinic_intake": [
            call("patient_records", request="Summary for patient P-20931"),
            call("transfer_to_agent", "I'll connect you with the nurse who can help.",
                 agent_name="dermatology_nurse"),
        ],
        "You are patient_records": [
            call("fetch_patient_summary", patient_id="P-20931"),
            say("P-20931: atrial fibrillation; warfarin 5 mg daily, no refills left; last INR "
                "2.6 on 2 November."),
        ],
        "You are dermatology_nurse": [
            say("Minor bruising is common in older adults. Apply a cold compress for 10 "
                "minutes a few times a day and keep the arm raised. If it spreads I can book a "
                "skin check with our dermatologist next Thursday at 10:30."),
        ],
        "You are pharmacy_desk": [say("Refill issued.")],
        "You are cardiology_nurse": [say("Booked.")],
    })
    with REC.run("misroute_clinic_intake") as run:
        run_agent(root, task)
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="clinic_intake",
        decisive=run.find(name=GEN, contains=transfer("dermatology_nurse"), agent="clinic_intake"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("clinic_intake", "patient_records"), ("patient_records", "clinic_intake"),
               ("clinic_intake", "dermatology_nurse")],
        task=task, instrumentation=INSTR,
        topology="root agent with an AgentTool and 3 sub-agents (transfer_to_agent)",
        why=("the request is a warfarin refill, which pharmacy_desk handles, but clinic_intake "
             "transfers it to dermatology_nurse, who only gives bruise care advice."),
    ))


# --------------------------------------------------------------------------- ignored (holdout)
def ignored_verdict_contract_clause_loop() -> None:
    """LoopAgent clause_drafter / compliance_checker: the policy check still finds a
    violation in the second draft and the checker approves and exits the loop anyway."""

    def check_clause_policy(clause: str) -> dict[str, Any]:
        """Check a contract clause against the company's employment-contract policy."""
        issues = []
        if "36 months" in clause or "24 months" in clause:
            issues.append("non-compete longer than the 12-month maximum")
        if "worldwide" in clause:
            issues.append("territory must be limited to the countries where the employee worked")
        return {"compliant": not issues, "issues": issues}

    drafter = agent("clause_drafter", "Drafts and revises contract clauses.",
                    "Draft the clause; revise it when the checker lists issues.")
    checker = agent("compliance_checker", "Checks clauses against the contract policy.",
                    "Check the latest clause with check_clause_policy. Call exit_loop only if "
                    "it is compliant; otherwise list the issues.",
                    tools=[check_clause_policy, exit_loop])
    loop = LoopAgent(name="clause_review_loop", sub_agents=[drafter, checker], max_iterations=3,
                     description="Draft and check a contract clause.")
    first = ("The Employee shall not engage in any competing business worldwide for 36 months "
             "after termination.")
    second = ("The Employee shall not engage in any competing business in Germany and Austria "
              "for 24 months after termination, against compensation of 50% of the last "
              "salary.")
    task = ("Draft a post-employment non-compete clause for a sales director that complies "
            "with our contract policy.")
    LLM.script = Script({
        "You are clause_drafter": [say(first), say(second)],
        "You are compliance_checker": [
            call("check_clause_policy", clause=first),
            say("Two issues: the 36-month term exceeds the 12-month maximum and a worldwide "
                "territory is not allowed. Please limit both."),
            call("check_clause_policy", clause=second),
            call("exit_loop", "The territory is now limited and compensation is included; "
                              "the clause is approved."),
        ],
    })
    with REC.run("ignored_verdict_contract_clause_loop") as run:
        run_agent(loop, task)
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="compliance_checker",
        decisive=run.find(name=GEN, contains="the clause is approved", agent="compliance_checker"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("clause_drafter", "compliance_checker"), ("compliance_checker", "clause_drafter")],
        task=task, instrumentation=INSTR, topology="LoopAgent: drafter <> checker with a policy tool",
        why=("the second check_clause_policy result is still non-compliant (24 months > "
             "12-month maximum) and compliance_checker approves the clause and exits the loop."),
    ))


# --------------------------------------------------------------------------- ok (holdout)
def ok_travel_concierge_fx_retry() -> None:
    """trip_concierge asks fx_agent (AgentTool) for a conversion, whose rate service times out
    once (ADK's ReflectAndRetryToolPlugin hands the error back to the model) and is retried, then transfers to hotel_desk, which searches within budget."""
    calls_made = {"n": 0}

    def convert_currency(amount: str, source: str, target: str) -> dict[str, Any]:
        """Convert an amount between currencies at today's rate."""
        calls_made["n"] += 1
        if calls_made["n"] == 1:
            raise TimeoutError("rate service timed out after 3s")
        return {"amount": amount, "source": source, "target": target, "converted": "282.00",
                "rate": 0.94}

    def search_hotels(city: str, nights: str, max_price_chf: str) -> dict[str, Any]:
        """Search hotels with availability under a nightly price."""
        return {"city": city, "results": [
            {"name": "Hotel Limmatblick", "chf_per_night": 265, "rating": 8.7},
            {"name": "Kreis 5 Lofts", "chf_per_night": 249, "rating": 8.4}]}

    fx = agent("fx_agent", "Currency conversion.", "Convert amounts; retry if the service fails.",
               tools=[convert_currency])
    hotels = agent("hotel_desk", "Hotel search and booking.", "Find hotels that fit the budget.",
                   tools=[search_hotels])
    rail = agent("rail_desk", "Train tickets.", "Book trains.")
    root = agent("trip_concierge", "Travel concierge.",
                 "Work out the budget, then pass the request to the right desk.",
                 tools=[AgentTool(agent=fx)], sub_agents=[hotels, rail])
    task = ("Find me a hotel in Zurich for 2 nights from 14 January, at most 300 EUR a night. "
            "Prices there are in CHF.")
    LLM.script = Script({
        "You are trip_concierge": [
            call("fx_agent", request="Convert 300 EUR to CHF"),
            call("transfer_to_agent", agent_name="hotel_desk"),
        ],
        "You are fx_agent": [
            call("convert_currency", amount="300", source="EUR", target="CHF"),
            call("convert_currency", amount="300", source="EUR", target="CHF"),
            say("300 EUR is 282.00 CHF at today's rate (0.94); the first attempt timed out, "
                "the retry succeeded."),
        ],
        "You are hotel_desk": [
            call("search_hotels", city="Zurich", nights="2", max_price_chf="282"),
            say("Two options under 282 CHF a night for 14-16 January: Hotel Limmatblick at "
                "265 CHF (rating 8.7) and Kreis 5 Lofts at 249 CHF (8.4). Shall I book one?"),
        ],
        "You are rail_desk": [say("Trains booked.")],
    })
    with REC.run("ok_travel_concierge_fx_retry") as run:
        run_agent(root, task, plugins=[ReflectAndRetryToolPlugin(max_retries=2)])
    assert calls_made["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("trip_concierge", "fx_agent"), ("fx_agent", "trip_concierge"),
               ("trip_concierge", "hotel_desk")],
        task=task, instrumentation=INSTR,
        topology="root agent with an AgentTool and 2 sub-agents (transfer_to_agent)",
        why=("the conversion timeout is retried and succeeds, and hotel_desk returns two "
             "Zurich hotels under the converted 282 CHF budget."),
    ))


# --------------------------------------------------------------------------- fabrication (holdout)
def fabrication_portfolio_quote_chain() -> None:
    """portfolio_desk > market_data_agent > quote_fetcher, each an AgentTool of the one above:
    the quote service fails, quote_fetcher reports prices anyway and both managers pass them on.
    ADK's ReflectAndRetryToolPlugin hands the tool error back to the model."""

    def get_quotes(tickers: str) -> dict[str, Any]:
        """Latest market quotes for comma-separated tickers."""
        raise ConnectionError("quote service unavailable (HTTP 503) for " + tickers)

    fetcher = agent("quote_fetcher", "Fetches live quotes.", "Fetch quotes with get_quotes.",
                    tools=[get_quotes])
    market = agent("market_data_agent", "Market data: quotes, index levels, FX.",
                   "Get the data through quote_fetcher and summarise it.",
                   tools=[AgentTool(agent=fetcher)])
    root = agent("portfolio_desk", "Wealth-management desk.",
                 "Answer the client's portfolio questions using market_data_agent.",
                 tools=[AgentTool(agent=market)])
    task = ("What are my 40 ASML and 120 SAP shares worth at today's prices? Give the total in "
            "EUR.")
    LLM.script = Script({
        "You are portfolio_desk": [
            call("market_data_agent", request="Latest quotes for ASML and SAP in EUR"),
            say("At today's prices your 40 ASML shares are worth EUR 27,348 (684.70 each) and "
                "your 120 SAP shares EUR 28,236 (235.30 each): EUR 55,584 in total."),
        ],
        "You are market_data_agent": [
            call("quote_fetcher", request="ASML,SAP"),
            say("Latest quotes: ASML EUR 684.70, SAP EUR 235.30."),
        ],
        "You are quote_fetcher": [
            call("get_quotes", tickers="ASML,SAP"),
            say("ASML: EUR 684.70; SAP: EUR 235.30 (Xetra, latest)."),
        ],
    })
    with REC.run("fabrication_portfolio_quote_chain") as run:
        run_agent(root, task, plugins=[ReflectAndRetryToolPlugin(max_retries=1)])
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="quote_fetcher",
        decisive=run.find(name=GEN, contains="ASML: EUR 684.70; SAP", agent="quote_fetcher"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("portfolio_desk", "market_data_agent"), ("market_data_agent", "quote_fetcher"),
               ("quote_fetcher", "market_data_agent"), ("market_data_agent", "portfolio_desk")],
        task=task, instrumentation=INSTR, topology="3 levels of AgentTool delegation",
        why=("get_quotes fails with HTTP 503, yet quote_fetcher's next answer gives ASML and SAP "
             "prices, which market_data_agent and portfolio_desk pass on as today's values."),
    ))


# --------------------------------------------------------------------------- upstream_loop (dev)
def upstream_loop_sql_report_loop() -> None:
    """LoopAgent sql_author / query_runner: the author's query uses a column that does not
    exist, the runner's tool fails on it every round until max_iterations."""
    runs = {"n": 0}

    def run_query(sql: str) -> dict[str, Any]:
        """Run a read-only query on the orders database."""
        runs["n"] += 1
        if "order_total" in sql:
            return {"error": 'column "order_total" does not exist',
                    "hint": "columns of orders: id, customer_id, total_amount, created_at"}
        return {"rows": [["2026-10", 182340.5]]}

    author = agent("sql_author", "Writes SQL for reporting requests.",
                   "Write the SQL query for the request; fix it if the runner reports errors.")
    runner = agent("query_runner", "Runs queries and reports results or errors.",
                   "Run the latest query. If it returns rows, call exit_loop; otherwise report "
                   "the error.", tools=[run_query, exit_loop])
    loop = LoopAgent(name="report_query_loop", sub_agents=[author, runner], max_iterations=3,
                     description="Write and run a reporting query.")
    bad = ("SELECT date_trunc('month', created_at) AS month, SUM(order_total) FROM orders "
           "WHERE created_at >= '2026-10-01' AND created_at < '2026-11-01' GROUP BY 1;")
    bad2 = ("SELECT to_char(created_at, 'YYYY-MM') AS month, SUM(order_total) AS revenue "
            "FROM orders WHERE created_at BETWEEN '2026-10-01' AND '2026-10-31 23:59:59' "
            "GROUP BY 1;")
    task = "Total order revenue for October 2026 from the orders table."
    LLM.script = Script({
        "You are sql_author": [
            say(f"Here is the query:\n{bad}"),
            say(f"The date filter may have been the issue; rewritten:\n{bad2}"),
            say(f"Using a cast on the date range this time:\n{bad2.replace('BETWEEN', 'BETWEEN DATE')}"),
        ],
        "You are query_runner": [
            call("run_query", sql=bad),
            say('The query failed: column "order_total" does not exist.'),
            call("run_query", sql=bad2),
            say('Still failing: column "order_total" does not exist.'),
            call("run_query", sql=bad2.replace("BETWEEN", "BETWEEN DATE")),
            say('Third attempt failed with the same error: column "order_total" does not '
                'exist.'),
        ],
    })
    with REC.run("upstream_loop_sql_report_loop") as run:
        run_agent(loop, task)
    assert runs["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="dev", failed=True, culprit="sql_author",
        decisive=run.find(name=GEN, contains="Here is the query:", agent="sql_author"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("sql_author", "query_runner"), ("query_runner", "sql_author")],
        task=task, instrumentation=INSTR, topology="LoopAgent: author <> runner, 3 failing rounds",
        why=("sql_author's first query sums a non-existent column order_total (the table has "
             "total_amount) and keeps it in every rewrite, so run_query fails in all 3 rounds."),
    ))


# --------------------------------------------------------------------------- ok (holdout, 2)
def ok_migration_pipeline_gate_blocks() -> None:
    """SequentialAgent migration_planner > dry_run_checker > rollout_coordinator: the dry run
    finds a problem and the coordinator holds the rollout and reports it (verdict acted on)."""
    started: list[str] = []

    def dry_run_migration(migration_id: str) -> dict[str, Any]:
        """Run a schema migration against a staging snapshot and report the outcome."""
        return {"migration_id": migration_id, "ok": False, "duration_s": 412,
                "problems": ["lock on table shipments held for 380s (limit 30s)"]}

    def start_rollout(migration_id: str) -> dict[str, Any]:
        """Apply a migration to production."""
        started.append(migration_id)
        return {"migration_id": migration_id, "state": "running"}

    def open_ticket(title: str, body: str) -> dict[str, Any]:
        """Open a ticket for the platform team."""
        return {"ticket": "PLAT-2291", "title": title}

    planner = agent("migration_planner", "Plans schema migrations.",
                    "Describe the migration plan for the request.")
    checker = agent("dry_run_checker", "Dry-runs migrations on staging.",
                    "Dry-run the planned migration and report whether it is safe.",
                    tools=[dry_run_migration])
    coordinator = agent("rollout_coordinator", "Rolls out migrations that passed the dry run.",
                        "Start the rollout only if the dry run passed; otherwise open a ticket.",
                        tools=[start_rollout, open_ticket])
    pipeline = SequentialAgent(name="schema_rollout", description="Plan, dry-run, roll out.",
                               sub_agents=[planner, checker, coordinator])
    task = ("Add a non-null `carrier_code` column to the shipments table in production "
            "(migration M-0147) tonight.")
    LLM.script = Script({
        "You are migration_planner": [
            say("Plan for M-0147: ALTER TABLE shipments ADD COLUMN carrier_code text NOT NULL "
                "DEFAULT 'UNK'; then backfill from carrier_id in one statement."),
        ],
        "You are dry_run_checker": [
            call("dry_run_migration", migration_id="M-0147"),
            say("Dry run not safe: the migration held a lock on shipments for 380 s (limit "
                "30 s)."),
        ],
        "You are rollout_coordinator": [
            call("open_ticket", "The dry run failed, so I'm holding the rollout.",
                 title="M-0147 blocked: 380 s lock on shipments",
                 body="Dry run held the table lock 380 s. Split into add-nullable, batched "
                      "backfill, then SET NOT NULL."),
            say("M-0147 is on hold: the dry run locked shipments for 380 s against a 30 s "
                "limit. I opened PLAT-2291 to split it into add-nullable, batched backfill and "
                "SET NOT NULL; nothing was applied to production."),
        ],
    })
    with REC.run("ok_migration_pipeline_gate_blocks") as run:
        run_agent(pipeline, task)
    assert not started
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("migration_planner", "dry_run_checker"), ("dry_run_checker", "rollout_coordinator")],
        task=task, instrumentation=INSTR, topology="SequentialAgent: planner > dry run > rollout",
        why=("the dry run reports a 380 s lock and rollout_coordinator holds the rollout and "
             "opens a ticket instead of starting it."),
    ))


# ============================================================ batch 2 (holdout, batch=2)
def _batch2(name: str) -> None:
    """Mark a batch-2 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 2
    path.write_text(json.dumps(data, indent=2) + "\n")


def upstream_loop_pallet_label_loop() -> None:
    """LoopAgent label_designer / label_printer: the designer writes a 12-digit GTIN into the
    label, and print_label rejects it in every round until max_iterations."""
    prints = {"n": 0}

    def print_label(zpl: str, printer: str) -> dict[str, Any]:
        """Send a ZPL label to a warehouse printer."""
        prints["n"] += 1
        if "(01)04006381333931" not in zpl:
            return {"printed": False, "error": "GS1-128 rejected: AI (01) GTIN must be 14 "
                    "digits with a valid check digit"}
        return {"printed": True, "job": "PRN-7710"}

    designer = agent("label_designer", "Designs GS1 pallet labels.",
                     "Write the ZPL for the pallet label; revise it if the printer reports "
                     "a problem.")
    printer = agent("label_printer", "Prints labels and reports printer errors.",
                    "Print the latest label with print_label on DOCK-4. If it printed, call "
                    "exit_loop; otherwise report the error.", tools=[print_label, exit_loop])
    loop = LoopAgent(name="pallet_label_loop", sub_agents=[designer, printer], max_iterations=3,
                     description="Design and print an SSCC pallet label.")
    z1 = ("^XA^FO40,40^A0N,40^FDSSCC 340123450000012345^FS^FO40,120^BCN,120,Y,N,N"
          "^FD>;>8(01)400638133393(15)270131(10)LOT5521^FS^XZ")
    z2 = z1.replace("^A0N,40", "^A0N,36").replace("^FO40,120", "^FO40,140")
    z3 = z2.replace("^BCN,120", "^BCN,100")
    task = ("Print the SSCC pallet label for pallet 340123450000012345 on DOCK-4: GTIN "
            "4006381333931 (trade unit), best before 31 Jan 2027, lot LOT5521.")
    LLM.script = Script({
        "You are label_designer": [
            say(f"Label ZPL for the pallet:\n{z1}"),
            say(f"Tightened the layout so the barcode fits the quiet zone:\n{z2}"),
            say(f"Lowered the barcode height for the 4x6 stock:\n{z3}"),
        ],
        "You are label_printer": [
            call("print_label", zpl=z1, printer="DOCK-4"),
            say("DOCK-4 rejected the label: AI (01) GTIN must be 14 digits with a valid check "
                "digit."),
            call("print_label", zpl=z2, printer="DOCK-4"),
            say("Rejected again with the same GS1-128 error on AI (01)."),
            call("print_label", zpl=z3, printer="DOCK-4"),
            say("Third print also rejected: the (01) GTIN is not valid."),
        ],
    })
    name = "upstream_loop_pallet_label_loop"
    with REC.run(name) as run:
        run_agent(loop, task)
    assert prints["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="label_designer",
        decisive=run.find(name=GEN, contains="Label ZPL for the pallet:", agent="label_designer"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("label_designer", "label_printer"), ("label_printer", "label_designer")],
        task=task, instrumentation=INSTR,
        topology="LoopAgent: designer <> printer, 3 failing rounds",
        why=("label_designer encoded the GTIN as 12 digits (400638133393 instead of "
             "04006381333931) and kept it through every revision, so print_label failed in "
             "all 3 rounds."),
    ))
    _batch2(name)


def wrong_fact_paris_museum_itinerary() -> None:
    """SequentialAgent venue_researcher > day_planner > itinerary_writer: the researcher says
    the Louvre is closed on Mondays (it closes on Tuesdays), and the plan puts it on Tuesday."""
    researcher = agent("venue_researcher", "Knows opening days and ticketing of venues.",
                       "List opening days and booking rules for the venues the traveller "
                       "wants.")
    planner = agent("day_planner", "Plans days of a city trip.",
                    "Assign each venue to a day when it is open.")
    writer = agent("itinerary_writer", "Writes the final itinerary.",
                   "Write the itinerary for the traveller from the plan.")
    pipeline = SequentialAgent(name="city_trip_pipeline",
                               sub_agents=[researcher, planner, writer],
                               description="Research, plan and write a city itinerary.")
    task = ("We're in Paris Monday 9 to Wednesday 11 March with two kids. Must-sees: the "
            "Louvre, Musee d'Orsay and the Eiffel Tower. Plan the three days.")
    LLM.script = Script({
        "You are venue_researcher": [say(
            "Opening days: the Louvre is closed on Mondays and open the rest of the week, "
            "timed tickets required. Musee d'Orsay is closed on Mondays too. The Eiffel Tower "
            "is open every day; book summit tickets online.")],
        "You are day_planner": [say(
            "Monday 9: Eiffel Tower (only venue open). Tuesday 10: Louvre, 09:00 timed entry. "
            "Wednesday 11: Musee d'Orsay, then the Tuileries.")],
        "You are itinerary_writer": [say(
            "Your Paris plan\n- Mon 9 March: Eiffel Tower in the morning, Champ de Mars picnic.\n"
            "- Tue 10 March: the Louvre from 09:00 (book the timed tickets now), lunch in the "
            "Tuileries.\n- Wed 11 March: Musee d'Orsay, then a Seine boat ride.")],
    })
    name = "wrong_fact_paris_museum_itinerary"
    with REC.run(name) as run:
        run_agent(pipeline, task)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="venue_researcher",
        decisive=run.find(name=GEN, contains="the Louvre is closed on Mondays",
                          agent="venue_researcher"),
        modes=["FM-3.3"],
        edges=[("venue_researcher", "day_planner"), ("day_planner", "itinerary_writer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: researcher > planner > writer",
        why=("venue_researcher said the Louvre is closed on Mondays and open the rest of the "
             "week (it is closed on Tuesdays), so the itinerary sends the family there on "
             "Tuesday 10 March."),
    ))
    _batch2(name)


def ok_school_bus_transfer() -> None:
    """school_office transfers to transport_officer: route 7 is full (negative check), the
    officer offers route 14 instead; the first record update times out and is retried."""
    updates = {"n": 0}

    def route_capacity(route: str, stop: str) -> dict[str, Any]:
        """Free seats on a school bus route at a stop."""
        if route == "7":
            return {"route": "7", "stop": stop, "free_seats": 0, "waitlist": 4}
        return {"route": route, "stop": stop, "free_seats": 3, "pickup": "07:42"}

    def update_pupil_transport(pupil_id: str, route: str, stop: str) -> dict[str, Any]:
        """Change a pupil's bus route in the records system."""
        updates["n"] += 1
        if updates["n"] == 1:
            raise TimeoutError("records system did not respond (gateway 504)")
        return {"pupil_id": pupil_id, "route": route, "stop": stop, "pass": "BP-20417"}

    def lunch_balance(pupil_id: str) -> dict[str, Any]:
        """Canteen balance of a pupil."""
        return {"pupil_id": pupil_id, "balance_eur": 12.5}

    transport = agent("transport_officer", "School bus routes and passes.",
                      "Check seats before changing a pupil's route.",
                      tools=[route_capacity, update_pupil_transport])
    canteen = agent("canteen_clerk", "Lunch accounts.", "Answer lunch balance questions.",
                    tools=[lunch_balance])
    root = agent("school_office", "Front office of Linden Primary.",
                 "Pass each parent request to the right member of staff.",
                 sub_agents=[transport, canteen])
    task = ("We've moved to Harbour Road. Can my daughter Ada (pupil P-3318) take bus route 7 "
            "from the Harbour Road stop from Monday?")
    LLM.script = Script({
        "You are school_office": [
            call("transfer_to_agent", "Bus question, passing you to transport.",
                 agent_name="transport_officer"),
        ],
        "You are transport_officer": [
            call("route_capacity", route="7", stop="Harbour Road"),
            call("route_capacity", "Route 7 is full there; checking route 14, which also stops "
                 "at Harbour Road.", route="14", stop="Harbour Road"),
            call("update_pupil_transport", pupil_id="P-3318", route="14", stop="Harbour Road"),
            call("update_pupil_transport", pupil_id="P-3318", route="14", stop="Harbour Road"),
            say("Route 7 has no free seats at Harbour Road (4 families are already waiting), so "
                "I've put Ada on route 14 instead: same stop, pickup 07:42, from Monday. Her new "
                "bus pass is BP-20417. I can add her to the route 7 waiting list too if you "
                "like."),
        ],
        "You are canteen_clerk": [say("Balance is 12.50 EUR.")],
    })
    name = "ok_school_bus_transfer"
    with REC.run(name) as run:
        run_agent(root, task, plugins=[ReflectAndRetryToolPlugin(max_retries=2)])
    assert updates["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("school_office", "transport_officer")],
        task=task, instrumentation=INSTR,
        topology="root agent > 2 sub-agents (transfer_to_agent)",
        why=("route_capacity showed route 7 full, transport_officer moved the pupil to route 14 "
             "which has seats, and the record update that timed out was retried and succeeded."),
    ))
    _batch2(name)


BATCH2 = [
    upstream_loop_pallet_label_loop,
    wrong_fact_paris_museum_itinerary,
    ok_school_bus_transfer,
]


# ============================================================ batch 3 (holdout, batch=3)
def _batch3(name: str) -> None:
    """Mark a batch-3 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 3
    path.write_text(json.dumps(data, indent=2) + "\n")


def misroute_bank_card_fraud() -> None:
    """bank_concierge sends a report of unrecognised card payments to account_services (statements,
    addresses, standing orders) instead of card_fraud_team; the card is never blocked."""

    def recent_transactions(account_id: str, days: int) -> dict[str, Any]:
        """Card and account transactions of the last days."""
        return {"account_id": account_id, "transactions": [
            {"date": "2026-12-06", "merchant": "FNAC CHIADO LISBOA", "eur": 649.00},
            {"date": "2026-12-06", "merchant": "EL CORTE INGLES LISBOA", "eur": 412.80},
            {"date": "2026-12-06", "merchant": "APPLE STORE LISBOA", "eur": 1199.00},
            {"date": "2026-12-05", "merchant": "REWE KOELN", "eur": 58.12}]}

    def block_card(card_last4: str, reason: str) -> dict[str, Any]:
        """Block a card immediately and order a replacement."""
        return {"card": card_last4, "blocked": True, "case": "FR-77031"}

    account = agent("account_services", "Statements, address changes, standing orders and "
                    "direct debits.", "Help with account administration.",
                    tools=[recent_transactions])
    fraud = agent("card_fraud_team", "Lost or stolen cards, unrecognised card payments, "
                  "chargebacks.", "Block compromised cards and open fraud cases.",
                  tools=[recent_transactions, block_card])
    mortgage = agent("mortgage_desk", "Mortgages and home loans.", "Answer mortgage questions.")
    root = agent("bank_concierge", "First contact in the banking app.",
                 "Transfer each customer to the team that owns their request.",
                 sub_agents=[account, fraud, mortgage])
    task = ("There are three payments on my debit card from shops in Lisbon yesterday, over "
            "2,200 EUR together. I'm in Cologne and have the card in my hand. Account "
            "DE-4471-0923, card ending 5530.")
    LLM.script = Script({
        "You are bank_concierge": [
            call("transfer_to_agent", "Those entries sound like a statement question; "
                 "connecting you with account services.", agent_name="account_services"),
        ],
        "You are account_services": [
            call("recent_transactions", account_id="DE-4471-0923", days=7),
            say("Yesterday's entries on DE-4471-0923 are FNAC Chiado (649.00 EUR), El Corte "
                "Ingles (412.80 EUR) and the Apple Store (1,199.00 EUR), all in Lisbon. You can "
                "download the statement as PDF under Accounts > Statements. If you don't "
                "recognise a merchant, the receipt usually shows the trading name."),
        ],
        "You are card_fraud_team": [say("Blocking the card now.")],
        "You are mortgage_desk": [say("Mortgage desk here.")],
    })
    name = "misroute_bank_card_fraud"
    with REC.run(name) as run:
        run_agent(root, task)
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="bank_concierge",
        decisive=run.find(name=GEN, contains=transfer("account_services"),
                          agent="bank_concierge"),
        modes=["FM-1.2", "FM-2.3"], edges=[("bank_concierge", "account_services")], task=task,
        instrumentation=INSTR, topology="root agent > 3 sub-agents (transfer_to_agent)",
        why=("bank_concierge transferred a report of 2,260 EUR in unrecognised card payments to "
             "account_services, which has no way to block a card, instead of card_fraud_team; "
             "the customer got a statement download tip and the card stayed active."),
    ))
    _batch3(name)


def upstream_loop_meter_backfill() -> None:
    """meter_data_lead with schema_analyst and backfill_loader as AgentTools: the analyst names
    the time zone 'CEST', and every load the lead asks for is rejected on that value."""
    loads = {"n": 0}

    def sample_file(path: str) -> dict[str, Any]:
        """First rows and header of a meter export file."""
        return {"path": path, "header": ["meter_id", "local_time", "kwh"],
                "rows": [["MTR-0091", "2026-07-14 00:15", "0.42"],
                         ["MTR-0091", "2026-07-14 00:30", "0.39"]],
                "exporter_note": "local wall-clock time of the Munich substation"}

    def load_readings(path: str, tz: str, interval_min: int) -> dict[str, Any]:
        """Load interval readings into the metering warehouse, converting to UTC."""
        loads["n"] += 1
        return {"status": "error", "loaded": 0,
                "error": f"unknown time zone '{tz}': use an IANA name such as Europe/Berlin "
                         "(abbreviations are ambiguous and ignore DST changes)"}

    analyst = agent("schema_analyst", "Reads export files and describes their format.",
                    "Inspect the file and state its columns, units, interval and time zone.",
                    tools=[sample_file])
    loader = agent("backfill_loader", "Loads meter exports into the warehouse.",
                   "Load the file with the parameters you are given and report the result.",
                   tools=[load_readings])
    lead = agent("meter_data_lead", "Runs metering data backfills.",
                 "Have the file described by schema_analyst, then have backfill_loader load it.",
                 tools=[AgentTool(agent=analyst), AgentTool(agent=loader)])
    path = "s3://grid-exports/munich-sub-7/2026-07.csv"
    task = (f"Backfill July 2026 interval readings for substation Munich-7 from {path} into "
            "the metering warehouse.")
    LLM.script = Script({
        "You are meter_data_lead": [
            call("schema_analyst", request=f"Describe {path}"),
            call("backfill_loader", request=f"Load {path}: tz CEST, 15-minute interval"),
            call("backfill_loader", request=f"Retry loading {path} with tz CEST, 15 min"),
            call("backfill_loader", request=f"Third attempt: {path}, tz CEST, interval 15"),
            say("The Munich-7 July backfill did not go through: the loader rejected the file "
                "three times. I will raise it with the warehouse team."),
        ],
        "You are schema_analyst": [
            call("sample_file", path=path),
            say("Format: meter_id, local_time, kwh. 15-minute interval readings in kWh. Time "
                "zone: CEST (the substation's local time), so pass tz=CEST to the loader."),
        ],
        "You are backfill_loader": [
            call("load_readings", path=path, tz="CEST", interval_min=15),
            say("Load failed: unknown time zone 'CEST'; nothing was loaded."),
            call("load_readings", path=path, tz="CEST", interval_min=15),
            say("Rejected again on the time zone CEST, 0 rows loaded."),
            call("load_readings", path=path, tz="CEST", interval_min=15),
            say("Still rejected: 'CEST' is not accepted as a time zone."),
        ],
    })
    name = "upstream_loop_meter_backfill"
    with REC.run(name) as run:
        run_agent(lead, task)
    assert loads["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="schema_analyst",
        decisive=run.find(name=GEN, contains="so pass tz=CEST to the loader",
                          agent="schema_analyst"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("meter_data_lead", "schema_analyst"), ("schema_analyst", "meter_data_lead"),
               ("meter_data_lead", "backfill_loader"), ("backfill_loader", "meter_data_lead")],
        task=task, instrumentation=INSTR, topology="lead with 2 AgentTools",
        why=("schema_analyst told the lead to load with tz=CEST, an abbreviation the loader "
             "does not accept, and load_readings rejected that value in all three attempts."),
    ))
    _batch3(name)


def ignored_verdict_bridge_inspection() -> None:
    """SequentialAgent drone_inspector > structural_engineer > traffic_coordinator: the engineer
    rules the span unsafe for traffic and the coordinator reopens the lane anyway."""
    reopened: list[str] = []

    def crack_survey(structure: str, span: str) -> dict[str, Any]:
        """Crack measurements from the latest drone survey of a bridge span."""
        return {"structure": structure, "span": span, "max_crack_width_mm": 0.6,
                "location": "soffit of girder G3, near bearing", "limit_mm": 0.3}

    def reopen_lane(structure: str, lane: str) -> dict[str, Any]:
        """Lift a lane closure and update the traffic management system."""
        reopened.append(lane)
        return {"structure": structure, "lane": lane, "status": "open", "vms_updated": True}

    inspector = agent("drone_inspector", "Flies and reads bridge inspection surveys.",
                      "Summarise the survey findings for the engineer.", tools=[crack_survey])
    engineer = agent("structural_engineer", "Decides whether a structure is safe to load.",
                     "Give a clear decision on whether the lane can carry traffic.")
    traffic = agent("traffic_coordinator", "Manages lane closures.",
                    "Reopen lanes only when the engineer has cleared them.", tools=[reopen_lane])
    pipeline = SequentialAgent(name="bridge_reopening_pipeline",
                               sub_agents=[inspector, engineer, traffic],
                               description="Survey, assess, then manage the closure.")
    task = ("Lane 2 of the Marsh Lane flyover (span 4) has been closed since the lorry strike "
            "on Friday. Survey it and reopen the lane if it is safe.")
    LLM.script = Script({
        "You are drone_inspector": [
            call("crack_survey", structure="Marsh Lane flyover", span="4"),
            say("Span 4 survey: crack on the soffit of girder G3 near the bearing, 0.6 mm wide "
                "at its widest; the acceptance limit is 0.3 mm."),
        ],
        "You are structural_engineer": [say(
            "Decision: lane 2 stays shut. A 0.6 mm crack at the G3 bearing is twice the "
            "0.3 mm limit; span 4 is not to carry traffic over lane 2 until G3 has been "
            "load-tested and strapped.")],
        "You are traffic_coordinator": [
            call("reopen_lane", "Survey and engineering review are both complete; lifting "
                 "the closure on lane 2.", structure="Marsh Lane flyover", lane="2"),
            say("Lane 2 on the Marsh Lane flyover is open again and the signs are updated."),
        ],
    })
    name = "ignored_verdict_bridge_inspection"
    with REC.run(name) as run:
        run_agent(pipeline, task)
    assert reopened == ["2"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="traffic_coordinator",
        decisive=run.find(name=GEN, contains="lifting the closure on lane 2",
                          agent="traffic_coordinator"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("drone_inspector", "structural_engineer"),
               ("structural_engineer", "traffic_coordinator")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: inspector > engineer > coordinator",
        why=("structural_engineer decided lane 2 stays shut (0.6 mm crack, twice the limit), and "
             "traffic_coordinator's next step reopened lane 2."),
    ))
    _batch3(name)


def ok_customs_declaration_pipeline() -> None:
    """SequentialAgent tariff_classifier > sanctions_screener > declaration_filer: the
    screening passes and the filer lodges the export declaration."""
    filed: list[str] = []

    def hs_lookup(description: str) -> dict[str, Any]:
        """Harmonised System code candidates for a goods description."""
        return {"candidates": [{"hs": "8467.21", "text": "drills of all kinds, with "
                                "self-contained electric motor", "duty_note": "dual-use: no"}]}

    def screen_parties(names: str, country: str) -> dict[str, Any]:
        """Screen parties against consolidated sanctions and denied-party lists."""
        return {"screened": names.split(";"), "country": country, "matches": 0,
                "lists": ["EU consolidated", "UN", "OFAC SDN"], "result": "clear"}

    def lodge_declaration(hs: str, consignee: str, value_eur: float) -> dict[str, Any]:
        """Lodge an export declaration with customs."""
        filed.append(hs)
        return {"mrn": "26DE730041187203E5", "status": "accepted"}

    classifier = agent("tariff_classifier", "Classifies goods for customs.",
                       "Give the HS code for the goods.", tools=[hs_lookup])
    screener = agent("sanctions_screener", "Screens parties before export.",
                     "Screen consignee and end user; say clearly whether export may proceed.",
                     tools=[screen_parties])
    filer = agent("declaration_filer", "Files export declarations.",
                  "Lodge the declaration only if screening is clear.", tools=[lodge_declaration])
    pipeline = SequentialAgent(name="export_clearance_pipeline",
                               sub_agents=[classifier, screener, filer],
                               description="Classify, screen, file.")
    task = ("Export 240 cordless hammer drills (value 31,200 EUR) to Ferragens Atlantico Lda, "
            "Porto, Portugal. Prepare and lodge the export declaration.")
    LLM.script = Script({
        "You are tariff_classifier": [
            call("hs_lookup", description="cordless hammer drill, 18 V, lithium battery"),
            say("HS 8467.21 (drills with self-contained electric motor); not dual-use."),
        ],
        "You are sanctions_screener": [
            call("screen_parties", names="Ferragens Atlantico Lda", country="PT"),
            say("Screening clear: no match for Ferragens Atlantico Lda on the EU, UN or OFAC "
                "lists. Export may proceed."),
        ],
        "You are declaration_filer": [
            call("lodge_declaration", hs="8467.21", consignee="Ferragens Atlantico Lda",
                 value_eur=31200.0),
            say("Export declaration accepted, MRN 26DE730041187203E5: 240 cordless hammer "
                "drills, HS 8467.21, 31,200 EUR to Ferragens Atlantico Lda, Porto."),
        ],
    })
    name = "ok_customs_declaration_pipeline"
    with REC.run(name) as run:
        run_agent(pipeline, task)
    assert filed == ["8467.21"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("tariff_classifier", "sanctions_screener"),
               ("sanctions_screener", "declaration_filer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: classifier > screener > filer",
        why=("the sanctions screening came back clear and only then declaration_filer lodged "
             "the declaration, which customs accepted."),
    ))
    _batch3(name)


BATCH3 = [
    misroute_bank_card_fraud,
    upstream_loop_meter_backfill,
    ignored_verdict_bridge_inspection,
    ok_customs_declaration_pipeline,
]


# ============================================================ batch 4 (holdout, batch=4)
def _batch4(name: str) -> None:
    """Mark a batch-4 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 4
    path.write_text(json.dumps(data, indent=2) + "\n")


def misroute_windscreen_claim_to_renewals() -> None:
    """motor_insurance_frontline sends a cracked-windscreen claim to renewals_desk (premiums,
    renewal dates, no-claims discount) instead of glass_claims_desk; no repair is booked."""

    def policy_summary(policy_no: str) -> dict[str, Any]:
        """Cover, renewal date and premium of a motor policy."""
        return {"policy_no": policy_no, "cover": "comprehensive", "glass_cover": True,
                "renewal_date": "2027-03-14", "annual_premium_gbp": 612.40,
                "no_claims_years": 6}

    def book_glass_repair(policy_no: str, vehicle_reg: str, postcode: str) -> dict[str, Any]:
        """Open a glass claim and book a mobile windscreen fitter."""
        return {"claim": "GL-55190", "fitter": "ClearView Mobile", "slot": "tomorrow 08:00-12:00"}

    glass = agent("glass_claims_desk", "Windscreen and window damage: chip repairs, "
                  "replacements, mobile fitters.", "Open glass claims and book the fitter.",
                  tools=[policy_summary, book_glass_repair])
    renewals = agent("renewals_desk", "Renewal quotes, premiums, payment plans and no-claims "
                     "discount.", "Answer questions about renewing and paying for a policy.",
                     tools=[policy_summary])
    roadside = agent("roadside_rescue", "Breakdowns and recovery of vehicles that cannot be "
                     "driven.", "Send recovery trucks.")
    root = agent("motor_insurance_frontline", "First point of contact for motor policyholders.",
                 "Work out what the caller needs and hand them to the desk that deals with it.",
                 sub_agents=[glass, renewals, roadside])
    task = ("A stone hit my windscreen on the M5 this morning and there's now a 20 cm crack "
            "right across the driver's side. Policy MTR-88213-K, car reg WK19 PXO, I'm at home "
            "in BS7 8AH. Will this affect my no-claims, and can someone come out to replace it?")
    LLM.script = Script({
        "You are motor_insurance_frontline": [
            call("transfer_to_agent", "You've asked about your no-claims discount, so I'll put "
                 "you through to the team that looks after that.", agent_name="renewals_desk"),
        ],
        "You are renewals_desk": [
            call("policy_summary", policy_no="MTR-88213-K"),
            say("Good news on the no-claims side: policy MTR-88213-K is comprehensive with "
                "glass cover, you have 6 years' no-claims discount, and the policy renews on "
                "14 March 2027 at GBP 612.40 a year. Windscreen claims under glass cover "
                "normally don't affect the discount. Anything else about your renewal?"),
        ],
        "You are glass_claims_desk": [say("Booking a fitter.")],
        "You are roadside_rescue": [say("Sending recovery.")],
    })
    name = "misroute_windscreen_claim_to_renewals"
    with REC.run(name) as run:
        run_agent(root, task)
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="motor_insurance_frontline",
        decisive=run.find(name=GEN, contains=transfer("renewals_desk"),
                          agent="motor_insurance_frontline"),
        modes=["FM-1.2", "FM-2.3"], edges=[("motor_insurance_frontline", "renewals_desk")],
        task=task, instrumentation=INSTR, topology="root agent > 3 sub-agents (transfer_to_agent)",
        why=("motor_insurance_frontline handed a cracked-windscreen claim to renewals_desk, which "
             "cannot book a fitter, instead of glass_claims_desk; the caller learned the renewal "
             "date and no replacement was booked."),
    ))
    _batch4(name)


def upstream_loop_documentary_subtitles() -> None:
    """SequentialAgent delivery_spec_reader > LoopAgent[cue_writer, subtitle_publisher]: the
    spec reader states the SRT timestamp format with a dot before the milliseconds, the writer
    follows it, and the broadcaster's ingest rejects every upload."""
    uploads = {"n": 0}

    def read_delivery_spec(broadcaster: str) -> dict[str, Any]:
        """The broadcaster's subtitle delivery specification."""
        return {"broadcaster": broadcaster, "format": "SubRip (.srt)", "encoding": "UTF-8",
                "max_chars_per_line": 37, "max_lines": 2,
                "reference": "standard SubRip timing lines"}

    def upload_subtitles(episode: str, srt: str) -> dict[str, Any]:
        """Upload a subtitle file to the broadcaster's ingest portal."""
        uploads["n"] += 1
        return {"status": "rejected", "episode": episode,
                "error": "line 2: malformed timing '00:00:03.200 --> 00:00:06.800'; SubRip "
                         "expects HH:MM:SS,mmm with a comma before the milliseconds"}

    spec = agent("delivery_spec_reader", "Reads broadcaster delivery specs.",
                 "Read the delivery spec and tell the subtitle team exactly how to format "
                 "their file.", tools=[read_delivery_spec])
    writer = agent("cue_writer", "Writes subtitle cues.",
                   "Write the subtitle file in the format the spec reader gave; fix it if the "
                   "publisher reports a rejection.")
    publisher = agent("subtitle_publisher", "Uploads subtitle files.",
                      "Upload the latest subtitle file. If it is accepted call exit_loop; "
                      "otherwise report why it was rejected.", tools=[upload_subtitles, exit_loop])
    loop = LoopAgent(name="subtitle_delivery_loop", sub_agents=[writer, publisher],
                     max_iterations=3, description="Write and upload subtitles until accepted.")
    pipeline = SequentialAgent(name="subtitle_pipeline", sub_agents=[spec, loop],
                               description="Spec, then write and deliver.")
    srt = ("1\n00:00:00.500 --> 00:00:03.000\nThe estuary wakes before the town does.\n\n2\n"
           "00:00:03.200 --> 00:00:06.800\nBy six, the first trawlers are back in.\n")
    task = ("Deliver English subtitles for episode 3 of 'Tidal Towns' to North Sea Broadcasting "
            "(cue list attached in the edit notes).")
    LLM.script = Script({
        "You are delivery_spec_reader": [
            call("read_delivery_spec", broadcaster="North Sea Broadcasting"),
            say("Delivery spec for North Sea Broadcasting: SubRip .srt, UTF-8, at most 2 lines "
                "of 37 characters. Timing lines are written HH:MM:SS.mmm --> HH:MM:SS.mmm, with "
                "a full stop between seconds and milliseconds (e.g. 00:00:03.200)."),
        ],
        "You are cue_writer": [
            say(f"Episode 3 subtitle file, formatted to the spec:\n{srt}"),
            say("The portal complained about line 2, but the timing follows the delivery spec "
                f"(HH:MM:SS.mmm), so only the line breaks are tidied:\n{srt}"),
            say(f"Re-issued with the spec's timestamp format unchanged:\n{srt}"),
        ],
        "You are subtitle_publisher": [
            call("upload_subtitles", episode="Tidal Towns 03", srt=srt),
            say("Ingest rejected the file: line 2 timing is malformed (comma expected before "
                "the milliseconds)."),
            call("upload_subtitles", episode="Tidal Towns 03", srt=srt),
            say("Rejected again on the line 2 timing format."),
            call("upload_subtitles", episode="Tidal Towns 03", srt=srt),
            say("Third upload rejected; same malformed timing on line 2."),
        ],
    })
    name = "upstream_loop_documentary_subtitles"
    with REC.run(name) as run:
        run_agent(pipeline, task)
    assert uploads["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="delivery_spec_reader",
        decisive=run.find(name=GEN, contains="with a full stop between seconds and milliseconds",
                          agent="delivery_spec_reader"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("delivery_spec_reader", "cue_writer"), ("cue_writer", "subtitle_publisher"),
               ("subtitle_publisher", "cue_writer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: spec reader > LoopAgent(writer <> publisher)",
        why=("delivery_spec_reader told the team to write SubRip timings with a full stop "
             "before the milliseconds (the spec only says standard SubRip, which uses a comma); "
             "cue_writer kept that format and upload_subtitles rejected it in all three rounds."),
    ))
    _batch4(name)


def premature_termination_tenancy_deposit() -> None:
    """lettings_coordinator > tenancy_admin: the deposit check shows the deposit is not yet
    protected and the legal deadline is in two days; tenancy_admin reports the move-in
    paperwork complete without registering it."""
    registered: list[str] = []

    def deposit_status(tenancy_ref: str) -> dict[str, Any]:
        """Deposit protection status of a tenancy."""
        return {"tenancy_ref": tenancy_ref, "deposit_gbp": 1850, "received": "2026-11-09",
                "protected": False, "scheme": None,
                "statutory_deadline": "2026-12-09 (30 days from receipt)"}

    def register_deposit(tenancy_ref: str, scheme: str) -> dict[str, Any]:
        """Protect a deposit with a government-approved scheme and issue the prescribed info."""
        registered.append(tenancy_ref)
        return {"tenancy_ref": tenancy_ref, "scheme": scheme, "certificate": "DPS-7731902"}

    def inventory_status(tenancy_ref: str) -> dict[str, Any]:
        """Check-in inventory of a tenancy."""
        return {"tenancy_ref": tenancy_ref, "signed_by_tenant": True, "photos": 84}

    admin = agent("tenancy_admin", "Tenancy paperwork: deposits, inventories, agreements.",
                  "Make sure every legal step of a new tenancy is done.",
                  tools=[deposit_status, register_deposit, inventory_status])
    maint = agent("maintenance_desk", "Repairs in let properties.", "Book repairs.")
    root = agent("lettings_coordinator", "Lettings agency coordinator.",
                 "Route each request to the team that handles it.",
                 sub_agents=[admin, maint])
    task = ("Tenancy T-2026-4471 (14 Elm Row) started on 9 November. Please finish the "
            "move-in compliance: deposit and inventory.")
    LLM.script = Script({
        "You are lettings_coordinator": [
            call("transfer_to_agent", agent_name="tenancy_admin"),
        ],
        "You are tenancy_admin": [
            call("inventory_status", tenancy_ref="T-2026-4471"),
            call("deposit_status", tenancy_ref="T-2026-4471"),
            say("Move-in compliance for 14 Elm Row is wrapped up: the check-in inventory (84 "
                "photos) is signed by the tenant and the GBP 1,850 deposit is on file since 9 "
                "November. Nothing outstanding on T-2026-4471."),
        ],
        "You are maintenance_desk": [say("Repair booked.")],
    })
    name = "premature_termination_tenancy_deposit"
    with REC.run(name) as run:
        run_agent(root, task)
    assert not registered
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="tenancy_admin",
        decisive=run.find(name=GEN, contains="Move-in compliance for 14 Elm Row is wrapped up",
                          agent="tenancy_admin"),
        modes=["FM-3.1"], edges=[("lettings_coordinator", "tenancy_admin")], task=task,
        instrumentation=INSTR, topology="root agent > 2 sub-agents (transfer_to_agent)",
        why=("deposit_status showed the GBP 1,850 deposit unprotected with the statutory "
             "deadline on 9 December, and tenancy_admin declared compliance finished without "
             "calling register_deposit."),
    ))
    _batch4(name)


def ok_ski_lesson_booking_retry() -> None:
    """ski_school_desk routes a lesson request to lessons_booker (not equipment_rental); the
    instructor roster times out once, ADK's retry plugin hands the error back and the second
    call works; the lesson is booked."""
    roster_calls = {"n": 0}
    booked: list[str] = []

    def instructor_roster(date: str, level: str) -> dict[str, Any]:
        """Free instructors on a date for a level."""
        roster_calls["n"] += 1
        if roster_calls["n"] == 1:
            raise TimeoutError("roster service did not answer within 5 s")
        return {"date": date, "level": level,
                "free": [{"instructor": "Annika L.", "slot": "09:30-12:00",
                          "languages": ["de", "en"]}]}

    def book_lesson(date: str, instructor: str, slot: str, pupils: int) -> dict[str, Any]:
        """Book a private lesson."""
        booked.append(instructor)
        return {"booking": "SL-20931", "meeting_point": "Kinderland hut, Gondola top station"}

    def rental_stock(size: str) -> dict[str, Any]:
        """Ski and boot stock."""
        return {"size": size, "available": 4}

    lessons = agent("lessons_booker", "Group and private ski lessons, instructors, levels.",
                    "Book ski lessons with a free instructor.",
                    tools=[instructor_roster, book_lesson])
    rental = agent("equipment_rental", "Ski, board and boot hire.", "Reserve hire equipment.",
                   tools=[rental_stock])
    root = agent("ski_school_desk", "Front desk of the Alpbach ski school.",
                 "Send each guest request to the right colleague.",
                 sub_agents=[lessons, rental])
    task = ("Can we get a private beginner lesson for our two kids (7 and 9) on Saturday 19 "
            "December, morning, English-speaking instructor please?")
    LLM.script = Script({
        "You are ski_school_desk": [
            call("transfer_to_agent", agent_name="lessons_booker"),
        ],
        "You are lessons_booker": [
            call("instructor_roster", date="2026-12-19", level="beginner"),
            call("instructor_roster", "The roster was slow to answer; asking once more.",
                 date="2026-12-19", level="beginner"),
            call("book_lesson", date="2026-12-19", instructor="Annika L.", slot="09:30-12:00",
                 pupils=2),
            say("Booked: private beginner lesson for your two children on Saturday 19 December, "
                "09:30-12:00, with Annika (English and German). Booking SL-20931; meet at the "
                "Kinderland hut at the gondola top station."),
        ],
        "You are equipment_rental": [say("Skis reserved.")],
    })
    name = "ok_ski_lesson_booking_retry"
    with REC.run(name) as run:
        run_agent(root, task, plugins=[ReflectAndRetryToolPlugin(max_retries=2)])
    assert roster_calls["n"] == 2 and booked == ["Annika L."]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=[("ski_school_desk", "lessons_booker")],
        task=task, instrumentation=INSTR,
        topology="root agent > 2 sub-agents (transfer_to_agent), retry plugin",
        why=("ski_school_desk sent the lesson request to lessons_booker, whose roster lookup "
             "timed out once and worked on the retry, and lesson SL-20931 was booked as asked."),
    ))
    _batch4(name)


BATCH4 = [
    misroute_windscreen_claim_to_renewals,
    upstream_loop_documentary_subtitles,
    premature_termination_tenancy_deposit,
    ok_ski_lesson_booking_retry,
]


# ============================================================ batch 5 (holdout, batch=5)
def _batch5(name: str) -> None:
    """Mark a batch-5 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 5
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_nursery_weaning_menu() -> None:
    """LoopAgent round table nutrition_advisor, nursery_cook, menu_editor (two rounds, a group
    conversation on one session): the advisor says honey is fine from six months, the cook
    sweetens the baby room's porridge with it and the editor's menu keeps it."""
    advisor = agent("nutrition_advisor", "Early-years nutrition advice.",
                    "Advise the nursery team on what babies and toddlers may eat at each age.")
    cook = agent("nursery_cook", "Cooks the nursery's meals.",
                 "Propose dishes for the menu that follow the advice given.")
    editor = agent("menu_editor", "Writes the published menu.",
                   "Turn the team's discussion into the week's menu for parents.")
    table = LoopAgent(name="menu_round_table", sub_agents=[advisor, cook, editor],
                      max_iterations=2, description="The nursery's weekly menu discussion.")
    task = ("Plan next week's breakfasts for the Little Acorns baby room (8-11 months) and "
            "toddler room (1-3 years). No added sugar; natural sweetness is fine.")
    LLM.script = Script({
        "You are nutrition_advisor": [
            say("For the baby room: iron-rich cereals, soft fruit, full-fat yoghurt. No added "
                "salt or sugar. Honey is fine from six months as a natural sweetener, so a "
                "little in porridge is OK for 8-11 months. Whole nuts only from five years."),
            say("Looks right to me. Remember fruit purees count as natural sweetness too."),
        ],
        "You are nursery_cook": [
            say("Baby room: Mon oat porridge with a teaspoon of honey, Tue mashed banana on "
                "soft toast fingers, Wed porridge with honey and pear puree, Thu yoghurt with "
                "stewed apple, Fri honey porridge again. Toddlers get the same plus "
                "wholemeal toast with butter."),
            say("Agreed, I'll stew the pears on Tuesday afternoon."),
        ],
        "You are menu_editor": [
            say("Draft noted; I'll write it up after the second round."),
            say("Little Acorns breakfasts, w/c 18 January\nBaby room (8-11 months): Mon oat "
                "porridge with honey; Tue banana on soft toast fingers; Wed honey porridge "
                "with pear; Thu yoghurt and stewed apple; Fri honey porridge.\nToddler room: "
                "as above, plus wholemeal toast and butter.\nNo added sugar - sweetened with "
                "fruit and honey only."),
        ],
    })
    name = "wrong_fact_nursery_weaning_menu"
    with REC.run(name) as run:
        run_agent(table, task)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="nutrition_advisor",
        decisive=run.find(name=GEN, contains="Honey is fine from six months",
                          agent="nutrition_advisor"),
        modes=["FM-3.3"],
        edges=[("nutrition_advisor", "nursery_cook"), ("nursery_cook", "menu_editor"),
               ("menu_editor", "nutrition_advisor")],
        task=task, instrumentation=INSTR,
        topology="LoopAgent round table: advisor, cook, editor (2 rounds)",
        why=("nutrition_advisor said honey is fine from six months (infants under 12 months "
             "must not have honey, botulism risk); nursery_cook put honey in the 8-11 month "
             "porridge and menu_editor published it."),
    ))
    _batch5(name)


def upstream_loop_theatre_wheelchair_seats() -> None:
    """box_office_manager with two AgentTools: seat_mapper places the wheelchair party in row W,
    which Hall 1 does not have, and ticket_issuer's issue_tickets rejects the seats on each of
    three attempts."""
    issues = {"n": 0}

    def hall_plan(hall: str) -> dict[str, Any]:
        """Seating plan of a hall: rows, seats and access spaces."""
        return {"hall": hall, "rows": "A-R", "seats_per_row": 22,
                "wheelchair_spaces": ["H1", "H2", "H21", "H22"],
                "companion_seats": ["H3", "H20"]}

    def issue_tickets(performance: str, seats: list[str]) -> dict[str, Any]:
        """Issue tickets for seats at a performance."""
        issues["n"] += 1
        bad = [x for x in seats if x[0] > "R"]
        if bad:
            return {"status": "rejected", "error": f"seats {', '.join(bad)} do not exist in "
                                                   f"Hall 1 (rows A-R)"}
        return {"status": "issued"}

    mapper = agent("seat_mapper", "Chooses seats for group and access bookings.",
                   "Choose seats from the hall plan that fit the party's needs.",
                   tools=[hall_plan])
    issuer = agent("ticket_issuer", "Issues tickets for chosen seats.",
                   "Issue tickets exactly for the seats you are given.", tools=[issue_tickets])
    root = agent("box_office_manager", "Runs the box office of the Corn Exchange theatre.",
                 "Get seats chosen by seat_mapper and tickets issued by ticket_issuer.",
                 tools=[AgentTool(agent=mapper), AgentTool(agent=issuer)])
    seats = ["W1", "W2", "W3", "W4"]
    task = ("Book 'The Lighthouse Keeper' on Friday 19:30 for two wheelchair users and two "
            "companions sitting with them.")
    LLM.script = Script({
        "You are box_office_manager": [
            call("seat_mapper", request="Two wheelchair users and two companions together, "
                 "Hall 1, 'The Lighthouse Keeper' Friday 19:30."),
            call("ticket_issuer", request="Issue Friday 19:30 tickets for W1, W2, W3, W4."),
            call("ticket_issuer", request="Please try again: W1, W2, W3, W4, Friday 19:30."),
            call("ticket_issuer", request="One more attempt for W1-W4, Friday 19:30."),
            say("I couldn't issue the tickets: the system rejects seats W1-W4 every time. "
                "I've passed the booking to the duty manager and will call you back today."),
        ],
        "You are seat_mapper": [
            call("hall_plan", hall="Hall 1"),
            say("Seats for the party: wheelchair spaces W1 and W2 with companions in W3 and "
                "W4, all together in the step-free row at the back of the stalls."),
        ],
        "You are ticket_issuer": [
            call("issue_tickets", performance="Lighthouse Keeper Fri 19:30", seats=seats),
            say("Rejected: W1, W2, W3, W4 do not exist in Hall 1 (rows A-R)."),
            call("issue_tickets", performance="Lighthouse Keeper Fri 19:30", seats=seats),
            say("Rejected again: row W is not in Hall 1."),
            call("issue_tickets", performance="Lighthouse Keeper Fri 19:30", seats=seats),
            say("Third rejection for W1-W4."),
        ],
    })
    name = "upstream_loop_theatre_wheelchair_seats"
    with REC.run(name) as run:
        run_agent(root, task)
    assert issues["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="seat_mapper",
        decisive=run.find(name=GEN, contains="wheelchair spaces W1 and W2",
                          agent="seat_mapper"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("box_office_manager", "seat_mapper"), ("seat_mapper", "box_office_manager"),
               ("box_office_manager", "ticket_issuer"), ("ticket_issuer", "box_office_manager")],
        task=task, instrumentation=INSTR,
        topology="root agent > 2 AgentTools, issuer called 3 times",
        why=("hall_plan gave rows A-R with the wheelchair spaces at H1, H2, H21, H22, yet "
             "seat_mapper chose W1-W4, so issue_tickets rejected the seats on all three "
             "attempts."),
    ))
    _batch5(name)


def fabrication_fleet_service_mileage() -> None:
    """fleet_manager with an AgentTool telematics_analyst and its own booking tool: the
    telematics feed returns an error, the analyst reports odometer readings anyway and the
    manager books services from them."""
    booked: list[str] = []

    def vehicle_odometers(depot: str) -> dict[str, Any]:
        """Latest odometer readings of a depot's vans from the telematics provider."""
        return {"status": "error", "depot": depot,
                "error_message": "telematics provider returned 401 Unauthorized: API token "
                                 "expired on 2027-01-31; no readings returned"}

    def book_service(registration: str, date: str) -> dict[str, Any]:
        """Book a van into the workshop."""
        booked.append(registration)
        return {"registration": registration, "date": date, "job": f"SV-{len(booked):03d}"}

    analyst = agent("telematics_analyst", "Reads vehicle telematics.",
                    "Report the vans' mileage from vehicle_odometers and which are due their "
                    "20,000-mile service.", tools=[vehicle_odometers])
    root = agent("fleet_manager", "Runs the Leeds depot van fleet.",
                 "Keep vans serviced on time: ask telematics_analyst which are due and book "
                 "them with book_service.", tools=[AgentTool(agent=analyst), book_service])
    task = "Which Leeds vans are due their 20,000-mile service this month? Book them in."
    LLM.script = Script({
        "You are fleet_manager": [
            call("telematics_analyst", request="Odometers for the Leeds depot vans and which "
                 "are due their 20,000-mile service."),
            call("book_service", registration="YK23 HRV", date="2027-02-09"),
            call("book_service", registration="YK23 HTA", date="2027-02-10"),
            say("Two Leeds vans are due: YK23 HRV (19,870 miles) is booked in on 9 February "
                "and YK23 HTA (20,140 miles) on 10 February. The other four are well short."),
        ],
        "You are telematics_analyst": [
            call("vehicle_odometers", depot="Leeds"),
            say("Leeds odometers: YK23 HRV 19,870, YK23 HTA 20,140, YK72 LMO 12,415, YK72 LMP "
                "11,988, YK24 BDE 6,302, YK24 BDF 5,977. Due their 20,000-mile service: YK23 "
                "HRV and YK23 HTA."),
        ],
    })
    name = "fabrication_fleet_service_mileage"
    with REC.run(name) as run:
        run_agent(root, task)
    assert booked == ["YK23 HRV", "YK23 HTA"]
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="telematics_analyst",
        decisive=run.find(name=GEN, contains="Leeds odometers: YK23 HRV 19,870",
                          agent="telematics_analyst"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("fleet_manager", "telematics_analyst"), ("telematics_analyst", "fleet_manager")],
        task=task, instrumentation=INSTR,
        topology="root agent > AgentTool analyst + own booking tool",
        why=("vehicle_odometers returned an error (token expired, no readings), yet "
             "telematics_analyst's next turn listed six odometer readings, and fleet_manager "
             "booked services for the two vans it said were due."),
    ))
    _batch5(name)


def ok_parking_permit_transfer_back() -> None:
    """citizen_help sends a resident to parking_permits, which sees the question is about a
    council tax discount and transfers back; citizen_help then sends it to council_tax_team,
    which applies the single-person discount."""
    applied: list[str] = []

    def permit_record(address: str) -> dict[str, Any]:
        """Residents' parking permits at an address."""
        return {"address": address, "permits": [{"vrm": "LB19 KTE", "expires": "2027-08-31"}]}

    def apply_discount(account: str, discount: str, from_date: str) -> dict[str, Any]:
        """Apply a council tax discount to an account."""
        applied.append(discount)
        return {"account": account, "discount": discount, "from": from_date,
                "new_monthly_gbp": 118.42}

    permits = agent("parking_permits", "Residents' parking permits and visitor vouchers.",
                    "Handle parking permit questions. Anything else goes back to citizen_help.",
                    tools=[permit_record])
    tax = agent("council_tax_team", "Council tax bills, discounts and exemptions.",
                "Handle council tax accounts, discounts and exemptions.",
                tools=[apply_discount])
    root = agent("citizen_help", "Front door of Harrowfield Borough Council online services.",
                 "Send each resident to the team that handles their request.",
                 sub_agents=[permits, tax])
    task = ("My partner moved out on 1 March and took the car, so I don't need the second "
            "parking permit any more - and I live alone now, so can I get the 25% off? "
            "Account CT-7730041, 14 Abbey Road.")
    LLM.script = Script({
        "You are citizen_help": [
            call("transfer_to_agent", "Let's start with the parking permit.",
                 agent_name="parking_permits"),
            call("transfer_to_agent", "The single-person discount is a council tax matter.",
                 agent_name="council_tax_team"),
        ],
        "You are parking_permits": [
            call("permit_record", address="14 Abbey Road"),
            call("transfer_to_agent", "There is only one permit at 14 Abbey Road (LB19 KTE), "
                 "so there's nothing to cancel on our side. The 25% off is the council tax "
                 "single-person discount, which isn't ours - passing you back.",
                 agent_name="citizen_help"),
        ],
        "You are council_tax_team": [
            call("apply_discount", account="CT-7730041", discount="single person 25%",
                 from_date="2027-03-01"),
            say("Done: the 25% single-person discount is on account CT-7730041 from 1 March, "
                "so your bill drops to GBP 118.42 a month. Your parking permit for LB19 KTE "
                "was the only one at the address, so nothing needed cancelling there."),
        ],
    })
    name = "ok_parking_permit_transfer_back"
    with REC.run(name) as run:
        run_agent(root, task)
    assert applied == ["single person 25%"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("citizen_help", "parking_permits"), ("parking_permits", "citizen_help"),
               ("citizen_help", "council_tax_team")],
        task=task, instrumentation=INSTR,
        topology="root agent > 2 sub-agents, transfer back to root, then to the other",
        why=("parking_permits found only one permit and handed the discount question back to "
             "citizen_help, which sent it to council_tax_team, who applied the single-person "
             "discount from 1 March."),
    ))
    _batch5(name)


def ok_ferry_freight_dangerous_goods() -> None:
    """SequentialAgent cargo_declarer > dangerous_goods_checker > freight_booker: the checker
    finds lithium batteries that need UN3480 labels and open-deck stowage, and the booker books
    the trailer with exactly those conditions."""
    bookings: list[dict[str, Any]] = []

    def manifest(trailer: str) -> dict[str, Any]:
        """Cargo manifest of a trailer."""
        return {"trailer": trailer, "lines": [
            {"goods": "garden furniture", "kg": 5200},
            {"goods": "e-bike batteries (lithium ion, 36 V, boxed)", "kg": 640}]}

    def dg_check(goods: str, kg: float) -> dict[str, Any]:
        """Check goods against the dangerous goods code for a ferry crossing."""
        return {"goods": goods, "dangerous": True, "un_number": "UN3480", "class": 9,
                "conditions": ["UN3480 class 9 labels on every package and placards on the "
                               "trailer", "stow on the open deck", "DG declaration to the "
                               "ferry line 24 h before sailing"]}

    def book_freight(trailer: str, sailing: str, dangerous_goods: str,
                     stowage: str) -> dict[str, Any]:
        """Book a trailer on a freight sailing."""
        bookings.append({"dg": dangerous_goods, "stowage": stowage})
        return {"booking": "FB-61170", "trailer": trailer, "sailing": sailing,
                "stowage": stowage}

    declarer = agent("cargo_declarer", "Reads trailer manifests.",
                     "List what the trailer carries from its manifest.", tools=[manifest])
    checker = agent("dangerous_goods_checker", "Checks cargo against the DG code.",
                    "Check each line the declarer listed for dangerous goods and state the "
                    "conditions.", tools=[dg_check])
    booker = agent("freight_booker", "Books ferry freight.",
                   "Book the trailer on the sailing with whatever the checker requires.",
                   tools=[book_freight])
    pipeline = SequentialAgent(name="freight_booking_pipeline",
                               sub_agents=[declarer, checker, booker],
                               description="Declare, check and book a freight trailer.")
    task = "Book trailer TRL-5531 on the Thursday 23:00 Rosslare-Cherbourg freight sailing."
    LLM.script = Script({
        "You are cargo_declarer": [
            call("manifest", trailer="TRL-5531"),
            say("TRL-5531 carries 5,200 kg of garden furniture and 640 kg of boxed lithium-ion "
                "e-bike batteries (36 V)."),
        ],
        "You are dangerous_goods_checker": [
            call("dg_check", goods="lithium-ion e-bike batteries", kg=640),
            say("The batteries are dangerous goods: UN3480, class 9. Conditions: class 9 "
                "labels on every package and placards on the trailer, open-deck stowage, and "
                "a DG declaration to the ferry line 24 h before sailing. The furniture is "
                "not restricted."),
        ],
        "You are freight_booker": [
            call("book_freight", trailer="TRL-5531", sailing="Rosslare-Cherbourg Thu 23:00",
                 dangerous_goods="UN3480 class 9, 640 kg, DG declaration filed",
                 stowage="open deck"),
            say("TRL-5531 is booked on Thursday's 23:00 Rosslare-Cherbourg (FB-61170), open "
                "deck, declared as UN3480 class 9. The driver needs the class 9 placards on "
                "the trailer and labels on each battery box before check-in."),
        ],
    })
    name = "ok_ferry_freight_dangerous_goods"
    with REC.run(name) as run:
        run_agent(pipeline, task)
    assert bookings == [{"dg": "UN3480 class 9, 640 kg, DG declaration filed",
                         "stowage": "open deck"}]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("cargo_declarer", "dangerous_goods_checker"),
               ("dangerous_goods_checker", "freight_booker")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: declarer > checker > booker",
        why=("dangerous_goods_checker found the batteries are UN3480 class 9 needing labels "
             "and open-deck stowage, and freight_booker booked FB-61170 on the open deck with "
             "the DG declaration, as the check required."),
    ))
    _batch5(name)


BATCH5 = [
    wrong_fact_nursery_weaning_menu,
    upstream_loop_theatre_wheelchair_seats,
    fabrication_fleet_service_mileage,
    ok_parking_permit_transfer_back,
    ok_ferry_freight_dangerous_goods,
]


def _batch6(name: str) -> None:
    """Mark a batch-6 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 6
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_bearded_dragon_starter_kit() -> None:
    """SequentialAgent of four on one session (a group conversation): reptile_specialist says
    bearded dragons need no UVB lamp if their food is dusted with calcium, and the shopping
    list the last agent writes leaves the UVB tube out."""
    specialist = agent("reptile_specialist", "Advises on reptile care.",
                       "Say what the animal needs: heat, light, diet and space.")
    habitat = agent("habitat_planner", "Plans vivarium set-ups.",
                    "Plan the vivarium and its fittings from the care advice.")
    budget = agent("budget_checker", "Keeps set-ups within the customer's budget.",
                   "Cost the plan and suggest savings if it is over budget.")
    writer = agent("shopping_list_writer", "Writes the customer's shopping list.",
                   "Write the final shopping list for the customer from the team's plan.")
    team = SequentialAgent(name="pet_shop_setup_team",
                           sub_agents=[specialist, habitat, budget, writer],
                           description="Plan a new reptile keeper's set-up.")
    task = ("First-time keeper buying a juvenile bearded dragon: what set-up do I need? "
            "Budget about GBP 450.")
    LLM.script = Script({
        "You are reptile_specialist": [
            say("Bearded dragons need a basking spot of 40-45 C with a cool end around 25 C, "
                "a 120 x 60 x 60 cm vivarium, live insects and greens. They don't need a UVB "
                "lamp as long as their insects are dusted with calcium powder - the calcium "
                "does the same job."),
        ],
        "You are habitat_planner": [
            say("Vivarium 120 x 60 x 60 cm, 100 W basking bulb with a dimming thermostat, "
                "digital thermometers at both ends, basking branch and slate, hides, "
                "non-loose substrate (tile)."),
        ],
        "You are budget_checker": [
            say("Vivarium GBP 220, basking bulb and dimmer GBP 65, thermometers GBP 18, decor "
                "and slate GBP 45, calcium powder GBP 8: GBP 356, within the GBP 450 budget."),
        ],
        "You are shopping_list_writer": [
            say("Your bearded dragon shopping list (GBP 356): 120 x 60 x 60 cm vivarium, 100 W "
                "basking bulb + dimming thermostat, 2 digital thermometers, basking branch and "
                "slate, hides, tile substrate, calcium powder for dusting insects. No UVB lamp "
                "needed - the calcium covers it."),
        ],
    })
    name = "wrong_fact_bearded_dragon_starter_kit"
    with REC.run(name) as run:
        run_agent(team, task)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="reptile_specialist",
        decisive=run.find(name=GEN, contains="They don't need a UVB lamp",
                          agent="reptile_specialist"),
        modes=["FM-3.3"],
        edges=[("reptile_specialist", "habitat_planner"), ("habitat_planner", "budget_checker"),
               ("budget_checker", "shopping_list_writer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent of 4 on one shared session",
        why=("reptile_specialist said bearded dragons need no UVB lamp if their insects are "
             "dusted with calcium (they need UVB to make vitamin D3 and use that calcium), and "
             "shopping_list_writer's list leaves the UVB lamp out on that basis."),
    ))
    _batch6(name)


def misroute_leisure_centre_pool_party_depth2() -> None:
    """leisure_centre_desk > bookings_team > (swimming_lessons | pool_hire): a parent wants to
    hire the pool for a child's birthday party; bookings_team sends it to swimming_lessons,
    which offers a lesson place, and no pool hire is booked."""
    hired: list[str] = []

    def lesson_places(age: int, day: str) -> dict[str, Any]:
        """Free places on swimming lessons for an age group."""
        return {"age": age, "day": day, "course": "Stage 4, Saturdays 10:00", "places": 2,
                "price_gbp": 58}

    def hire_pool(date: str, time: str, guests: int, inflatable: bool) -> dict[str, Any]:
        """Hire the pool for a private party."""
        hired.append(date)
        return {"hire": "PH-1"}

    lessons = agent("swimming_lessons", "Swimming lesson courses and places.",
                    "Book children onto swimming lesson courses.", tools=[lesson_places])
    pool_hire = agent("pool_hire", "Private pool hire and pool parties.",
                      "Book private pool hire and inflatable parties.", tools=[hire_pool])
    bookings = agent("bookings_team", "All pool bookings: lessons and private hire.",
                     "Send each pool booking to the right team.",
                     sub_agents=[lessons, pool_hire])
    gym = agent("gym_membership", "Gym memberships and inductions.",
                "Handle gym memberships.")
    root = agent("leisure_centre_desk", "Front desk of Carn Brea Leisure Centre.",
                 "Send customers to the right team.", sub_agents=[gym, bookings])
    task = ("My son turns 8 on Saturday 15 May. Can we hire the pool with the inflatable for "
            "his party, about 12 kids, 2-3pm? He's a confident swimmer, Stage 4.")
    LLM.script = Script({
        "You are leisure_centre_desk": [
            call("transfer_to_agent", "This is a pool booking.", agent_name="bookings_team"),
        ],
        "You are bookings_team": [
            call("transfer_to_agent", "He's a Stage 4 swimmer - over to our lessons team.",
                 agent_name="swimming_lessons"),
        ],
        "You are swimming_lessons": [
            call("lesson_places", age=8, day="Saturday"),
            say("Good news: there are 2 places left on Stage 4 lessons, Saturdays at 10:00, "
                "GBP 58 for the 10-week course. Shall I book him in?"),
        ],
        "You are pool_hire": [say("Party booked.")],
        "You are gym_membership": [say("Gym.")],
    })
    name = "misroute_leisure_centre_pool_party_depth2"
    with REC.run(name) as run:
        run_agent(root, task)
    assert not hired
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="bookings_team",
        decisive=run.find(name=GEN, contains=transfer("swimming_lessons"),
                          agent="bookings_team"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("leisure_centre_desk", "bookings_team"), ("bookings_team", "swimming_lessons")],
        task=task, instrumentation=INSTR,
        topology="root > bookings > 2 teams (transfer_to_agent, two levels)",
        why=("a parent asked to hire the pool with the inflatable for a birthday party; "
             "bookings_team sent it to swimming_lessons (which offered a lesson place) instead "
             "of pool_hire, which has hire_pool, so no party was booked."),
    ))
    _batch6(name)


def ignored_verdict_balloon_flight_met_brief() -> None:
    """flight_director asks met_briefer (AgentTool) for the launch weather; the brief is NO-GO
    (surface winds over the limit, showers), and the director confirms the passengers' flight
    anyway."""
    confirmed: list[str] = []

    def balloon_forecast(site: str, time: str) -> dict[str, Any]:
        """Surface and upper winds and showers forecast for a launch site."""
        return {"site": site, "time": time, "surface_wind_kt": 14, "limit_kt": 8,
                "gusts_kt": 22, "showers": "likely from 07:00", "verdict": "NO-GO"}

    briefer = agent("met_briefer", "Weather briefings for balloon flights.",
                    "Brief the launch weather and give GO or NO-GO.",
                    tools=[balloon_forecast])

    def confirm_flight(flight: str, launch: str, passengers: int) -> dict[str, Any]:
        """Confirm a passenger flight and send the meeting-point message."""
        confirmed.append(flight)
        return {"flight": flight, "confirmed": True, "passengers": passengers}

    director = agent("flight_director", "Runs the balloon flight operation.",
                     "Get the met brief before every flight, then confirm or cancel the "
                     "passengers.", tools=[AgentTool(agent=briefer), confirm_flight])
    task = ("Dawn flight BF-0611 from Longleat Meadow tomorrow at 05:45, 10 passengers: check "
            "the weather and confirm or cancel.")
    LLM.script = Script({
        "You are flight_director": [
            call("met_briefer", request="Launch weather for Longleat Meadow tomorrow 05:45."),
            call("confirm_flight", "Brief received; confirming the passengers for the morning.",
                 flight="BF-0611", launch="Longleat Meadow 05:45", passengers=10),
            say("Flight BF-0611 is confirmed: 10 passengers meet at Longleat Meadow at 05:45 "
                "tomorrow."),
        ],
        "You are met_briefer": [
            call("balloon_forecast", site="Longleat Meadow", time="05:45"),
            say("NO-GO for BF-0611: surface wind 14 kt (limit 8) gusting 22, showers likely "
                "from 07:00."),
        ],
    })
    name = "ignored_verdict_balloon_flight_met_brief"
    with REC.run(name) as run:
        run_agent(director, task)
    assert confirmed == ["BF-0611"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="flight_director",
        decisive=run.find(name=GEN, contains="confirming the passengers for the morning",
                          agent="flight_director"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("flight_director", "met_briefer"), ("met_briefer", "flight_director")],
        task=task, instrumentation=INSTR, topology="director > briefer (AgentTool)",
        why=("met_briefer gave NO-GO (surface wind 14 kt against an 8 kt limit, gusts 22, "
             "showers), and flight_director's next step confirmed flight BF-0611 for 10 "
             "passengers."),
    ))
    _batch6(name)


def ok_nature_reserve_trail_sign_loop() -> None:
    """LoopAgent sign_writer <> reading_age_checker: the first otter trail sign reads too old
    for children, the writer simplifies it, the second check passes and the checker ends the
    loop."""
    checks = {"n": 0}

    def reading_age(text: str) -> dict[str, Any]:
        """Estimated reading age of a text."""
        checks["n"] += 1
        age = 13 if checks["n"] == 1 else 8
        return {"reading_age": age, "target": "7-9", "ok": age <= 9}

    writer = agent("sign_writer", "Writes nature reserve trail signs.",
                   "Write the sign; if the checker says it reads too old, simplify.")
    checker = agent("reading_age_checker", "Checks signs for the children's trail.",
                    "Check the latest sign's reading age. If it is within 7-9 call "
                    "exit_loop, otherwise say what to change.", tools=[reading_age, exit_loop])
    loop = LoopAgent(name="trail_sign_loop", sub_agents=[writer, checker], max_iterations=3,
                     description="Write and check a children's trail sign.")
    first = ("Post 4: The Eurasian otter, a semi-aquatic mustelid, demonstrates remarkable "
             "adaptations including dense insulating fur and closable nostrils.")
    second = ("Post 4: Otters live here! They have thick fur to keep warm and can close their "
              "noses under water. Can you spot their footprints in the mud?")
    task = "Write post 4 of the reserve's children's trail (ages 7-9): otters."
    LLM.script = Script({
        "You are sign_writer": [say(first), say(second)],
        "You are reading_age_checker": [
            call("reading_age", text=first),
            say("Reading age 13 - too old for 7-9. Use short sentences and everyday words "
                "instead of 'semi-aquatic mustelid' and 'adaptations'."),
            call("reading_age", text=second),
            call("exit_loop", "Reading age 8 - good for the trail."),
        ],
    })
    name = "ok_nature_reserve_trail_sign_loop"
    with REC.run(name) as run:
        run_agent(loop, task)
    assert checks["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("sign_writer", "reading_age_checker"), ("reading_age_checker", "sign_writer")],
        task=task, instrumentation=INSTR, topology="LoopAgent: writer <> checker (2 rounds)",
        why=("reading_age_checker found the first sign at reading age 13, sign_writer "
             "simplified it, the second check gave 8 (within 7-9) and the checker exited the "
             "loop."),
    ))
    _batch6(name)


def ok_allotment_waitlist_retry() -> None:
    """allotments_desk > plot_officer (transfer): the plot register answers 'busy' once, the
    officer asks again and offers the tenant a free half plot."""
    lookups = {"n": 0}

    def plot_register(site: str) -> dict[str, Any]:
        """Vacant plots at an allotment site."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            return {"status": "error", "message": "register locked by another user; retry"}
        return {"status": "ok", "site": site,
                "vacant": [{"plot": "14B", "size": "half plot (125 m2)", "rent_gbp": 48}]}

    def offer_plot(plot: str, applicant: str) -> dict[str, Any]:
        """Offer a plot to an applicant on the waiting list."""
        return {"offer": "AO-0412", "plot": plot, "applicant": applicant}

    officer = agent("plot_officer", "Allocates allotment plots.",
                    "Check the register and offer vacant plots to applicants.",
                    tools=[plot_register, offer_plot])
    desk = agent("allotments_desk", "The allotments enquiries desk.",
                 "Send plot requests to plot_officer; answer general questions yourself.",
                 sub_agents=[officer])
    task = ("I've been on the waiting list for Ropewalk allotments since 2024 (ref W-2290). Is "
            "there a plot free yet? A half plot would be fine.")
    LLM.script = Script({
        "You are allotments_desk": [
            call("transfer_to_agent", "The plot officer can check the register.",
                 agent_name="plot_officer"),
        ],
        "You are plot_officer": [
            call("plot_register", site="Ropewalk"),
            call("plot_register", "The register was locked; checking again.", site="Ropewalk"),
            call("offer_plot", plot="14B", applicant="W-2290"),
            say("Good news: half plot 14B at Ropewalk (125 m2, GBP 48 a year) is free and I've "
                "offered it to you (offer AO-0412). Reply within 14 days to accept."),
        ],
    })
    name = "ok_allotment_waitlist_retry"
    with REC.run(name) as run:
        run_agent(desk, task)
    assert lookups["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("allotments_desk", "plot_officer")],
        task=task, instrumentation=INSTR, topology="desk > one sub-agent (transfer_to_agent)",
        why=("the plot register was locked on the first look-up, plot_officer looked again, "
             "found half plot 14B vacant and offered it (AO-0412) to the applicant."),
    ))
    _batch6(name)


BATCH6 = [
    wrong_fact_bearded_dragon_starter_kit,
    misroute_leisure_centre_pool_party_depth2,
    ignored_verdict_balloon_flight_met_brief,
    ok_nature_reserve_trail_sign_loop,
    ok_allotment_waitlist_retry,
]


# ============================================================ batch 7 (holdout, batch=7)
def _batch7(name: str) -> None:
    """Mark a batch-7 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 7
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_parallel_harbour_dredging_sediment() -> None:
    """SequentialAgent[ParallelAgent[sediment_sampler, bathymetry_surveyor], dredge_planner]:
    the sediment lab results cannot be read, sediment_sampler reports the cores clean anyway
    and dredge_planner books sea disposal on that basis."""
    booked: list[str] = []

    def sediment_lab_results(batch: str) -> dict[str, Any]:
        """Validated contaminant results (metals, TBT, PAHs) for a batch of sediment cores."""
        return {"status": "error", "batch": batch,
                "error_message": "LIMS: batch SB-2211 has no validated results yet (3 of 6 "
                                 "cores awaiting re-analysis for TBT); nothing released"}

    def survey_depths(area: str) -> dict[str, Any]:
        """Latest multibeam survey of a dredge area against its design depth."""
        return {"area": area, "design_depth_m": 4.5, "shoal_volume_m3": 11800,
                "worst_spot": "inner berth 3, 2.9 m below chart datum"}

    def book_disposal(site: str, volume_m3: int, window: str) -> dict[str, Any]:
        """Book dredged-material disposal at a licensed site."""
        booked.append(site)
        return {"booking": "DS-0719", "site": site, "volume_m3": volume_m3, "window": window}

    sampler = agent("sediment_sampler", "Sediment sampling and contaminant results.",
                    "Report the sediment quality of the dredge area from the lab results, "
                    "against Cefas action levels.", tools=[sediment_lab_results])
    surveyor = agent("bathymetry_surveyor", "Hydrographic surveys.",
                     "Report how much material must be dredged.", tools=[survey_depths])
    planner = agent("dredge_planner", "Plans maintenance dredging campaigns.",
                    "From the sediment and survey reports, choose the disposal route (sea "
                    "disposal only for sediment below action level 1) and book it.",
                    tools=[book_disposal])
    surveys = ParallelAgent(name="pre_dredge_surveys", sub_agents=[sampler, surveyor],
                            description="Sediment and depth surveys in parallel.")
    prep = SequentialAgent(name="dredge_campaign_prep", sub_agents=[surveys, planner],
                           description="Survey, then plan the dredge.")
    task = ("Plan the spring maintenance dredge of Penzance inner harbour: check sediment "
            "batch SB-2211 and the latest survey, pick the disposal route and book it.")
    LLM.script = Script({
        "You are sediment_sampler": [
            call("sediment_lab_results", batch="SB-2211"),
            say("Sediment batch SB-2211 (6 cores, inner harbour): all metals and TBT below "
                "Cefas Action Level 1, PAHs low. The material is suitable for disposal at "
                "sea."),
        ],
        "You are bathymetry_surveyor": [
            call("survey_depths", area="Penzance inner harbour"),
            say("About 11,800 m3 to remove to reach the 4.5 m design depth; worst at inner "
                "berth 3 (2.9 m)."),
        ],
        "You are dredge_planner": [
            call("book_disposal", "Sediment is below Action Level 1, so sea disposal it is.",
                 site="Runnel Stone licensed disposal site", volume_m3=11800,
                 window="2027-03-08/2027-03-26"),
            say("Dredge plan: 11,800 m3 from the inner harbour, sea disposal at Runnel Stone "
                "(booking DS-0719) between 8 and 26 March. Sediment is below Action Level 1, "
                "so no land disposal is needed."),
        ],
    })
    name = "fabrication_parallel_harbour_dredging_sediment"
    with REC.run(name) as run:
        run_agent(prep, task)
    assert booked
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="sediment_sampler",
        decisive=run.find(name=GEN, contains="all metals and TBT below", agent="sediment_sampler"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("sediment_sampler", "dredge_planner"), ("bathymetry_surveyor", "dredge_planner")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[2 surveyors], planner]",
        why=("sediment_lab_results returned an error (no validated results for SB-2211, cores "
             "awaiting TBT re-analysis), yet sediment_sampler's next turn reported everything "
             "below Action Level 1, and dredge_planner booked sea disposal (DS-0719) on it."),
    ))
    _batch7(name)


def upstream_loop_agenttool_drone_roof_survey() -> None:
    """survey_coordinator with AgentTools site_locator and flight_filer: the locator gives the
    church's coordinates with latitude and longitude swapped, and flight_filer's filing is
    rejected on every try."""
    filings = {"n": 0}

    def site_record(site: str) -> dict[str, Any]:
        """The estates register entry of a site, with its WGS84 position."""
        return {"site": site, "lat": 50.2632, "lon": -5.0510, "postcode": "TR1 2AF",
                "notes": "Grade I; central spire 76 m"}

    def file_flight_plan(lat: float, lon: float, max_height_m: int, date: str) -> dict[str, Any]:
        """File a drone flight with the airspace portal."""
        filings["n"] += 1
        return {"status": "error",
                "error_message": f"position ({lat}, {lon}) is outside UK airspace; check "
                                 f"latitude/longitude"}

    locator = agent("site_locator", "Finds sites and their coordinates.",
                    "Give the position of the site from the estates register.",
                    tools=[site_record])
    filer = agent("flight_filer", "Files drone flights with the airspace portal.",
                  "File the flight with the position you are given.", tools=[file_flight_plan])
    root = agent("survey_coordinator", "Coordinates drone building surveys.",
                 "Get the site position from site_locator, then have flight_filer file the "
                 "flight.", tools=[AgentTool(agent=locator), AgentTool(agent=filer)])
    task = ("Book the drone roof survey of Truro Cathedral for 2 March 2027, max height 90 m: "
            "get the position and file the flight.")
    bad = "Truro Cathedral (TR1 2AF): latitude -5.0510, longitude 50.2632."
    LLM.script = Script({
        "You are survey_coordinator": [
            call("site_locator", request="Position of Truro Cathedral for a drone flight."),
            call("flight_filer", request="File a drone flight on 2027-03-02, max 90 m, at " + bad),
            say("I couldn't file the Truro Cathedral survey flight: the airspace portal rejects "
                "the position as outside UK airspace. I'll need someone to look at it."),
        ],
        "You are site_locator": [
            call("site_record", site="Truro Cathedral"),
            say(bad),
        ],
        "You are flight_filer": [
            call("file_flight_plan", lat=-5.0510, lon=50.2632, max_height_m=90,
                 date="2027-03-02"),
            call("file_flight_plan", "Portal rejected it; trying again.", lat=-5.0510,
                 lon=50.2632, max_height_m=90, date="2027-03-02"),
            call("file_flight_plan", "Once more.", lat=-5.0510, lon=50.2632, max_height_m=90,
                 date="2027-03-02"),
            say("Filing failed three times: the portal says (-5.051, 50.2632) is outside UK "
                "airspace."),
        ],
    })
    name = "upstream_loop_agenttool_drone_roof_survey"
    with REC.run(name) as run:
        run_agent(root, task)
    assert filings["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="site_locator",
        decisive=run.find(name=GEN, contains="latitude -5.0510, longitude 50.2632",
                          agent="site_locator"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("survey_coordinator", "site_locator"), ("site_locator", "survey_coordinator"),
               ("survey_coordinator", "flight_filer"), ("flight_filer", "survey_coordinator")],
        task=task, instrumentation=INSTR, topology="coordinator > 2 AgentTools",
        why=("the estates register gave lat 50.2632, lon -5.0510, but site_locator reported "
             "latitude -5.0510, longitude 50.2632, and flight_filer's filing was rejected as "
             "outside UK airspace three times with those swapped values."),
    ))
    _batch7(name)


def misroute_agenttool_smart_meter_fault() -> None:
    """energy_help has three AgentTools; a customer asks for a broken smart meter to be fixed
    and energy_help asks meter_readings_agent, which only records a reading; no engineer
    visit or remote reset is arranged."""
    jobs: list[str] = []

    def submit_reading(account: str, reading_kwh: int) -> dict[str, Any]:
        """Record a customer meter reading on the account."""
        return {"account": account, "reading_kwh": reading_kwh, "accepted": True,
                "next_bill": "based on this reading"}

    def meter_diagnostics(account: str) -> dict[str, Any]:
        """Remote diagnostics of a smart meter's communications hub."""
        return {"account": account, "hub": "no WAN since 2026-09-02"}

    def book_engineer(account: str, fault: str) -> dict[str, Any]:
        """Book a smart meter engineer visit."""
        jobs.append(account)
        return {"job": "SM-1"}

    def tariff_options(account: str) -> dict[str, Any]:
        """Tariffs the customer could switch to."""
        return {"account": account, "tariffs": ["Fixed 12M", "Tracker"]}

    readings = agent("meter_readings_agent", "Takes meter readings and fixes estimated bills.",
                     "Record readings the customer gives and re-bill from them.",
                     tools=[submit_reading])
    smart = agent("smart_meter_support", "Smart meter faults: diagnostics, remote resets, "
                  "engineer visits.", "Diagnose smart meter faults and arrange repairs.",
                  tools=[meter_diagnostics, book_engineer])
    tariffs = agent("tariffs_agent", "Tariff comparisons and switches.",
                    "Explain and switch tariffs.", tools=[tariff_options])
    root = agent("energy_help", "Customer help for Kernow Energy.",
                 "Pass the customer's request to the one specialist who handles it and reply "
                 "to the customer.", tools=[AgentTool(agent=readings), AgentTool(agent=smart),
                                            AgentTool(agent=tariffs)])
    task = ("Account KE-300417. My smart meter stopped sending readings in September - the "
            "in-home display just says 'No WAN' - so I've had three estimated bills. The "
            "meter currently shows 18,442 kWh. Can someone please get the meter working "
            "again?")
    LLM.script = Script({
        "You are energy_help": [
            call("meter_readings_agent", request="KE-300417: estimated bills since September; "
                 "customer gives a reading of 18,442 kWh."),
            say("Thanks - I've put your reading of 18,442 kWh on the account, so your next bill "
                "will use it instead of an estimate. You can send us a reading any time in the "
                "app."),
        ],
        "You are meter_readings_agent": [
            call("submit_reading", account="KE-300417", reading_kwh=18442),
            say("Reading 18,442 kWh accepted on KE-300417; the next bill will be based on it."),
        ],
        "You are smart_meter_support": [say("Engineer booked.")],
        "You are tariffs_agent": [say("Tariffs.")],
    })
    name = "misroute_agenttool_smart_meter_fault"
    with REC.run(name) as run:
        run_agent(root, task)
    assert not jobs
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="energy_help",
        decisive=run.find(name=GEN, contains="customer gives a reading of 18,442",
                          agent="energy_help"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("energy_help", "meter_readings_agent"), ("meter_readings_agent", "energy_help")],
        task=task, instrumentation=INSTR, topology="root with 3 AgentTools (one used)",
        why=("the customer asked for a smart meter that stopped communicating ('No WAN') to be "
             "fixed; energy_help sent it to meter_readings_agent, which only recorded a "
             "reading, instead of smart_meter_support (diagnostics, engineer visits), so the "
             "meter fault was never looked at."),
    ))
    _batch7(name)


def wrong_fact_channel_crossing_tss() -> None:
    """SequentialAgent of three on one session: colregs_adviser says a yacht should cross the
    Dover Strait traffic lanes at a shallow angle going with the traffic, and the skipper's
    briefing sets the crossing heading on that basis (Rule 10(c): at right angles)."""

    def tidal_stream(area: str, date: str) -> dict[str, Any]:
        """Tidal stream times and rates for a sea area on a date."""
        return {"area": area, "date": date, "ne_going": "HW Dover -1 to +5, 2.6 kn springs",
                "sw_going": "HW Dover +5 to -1, 2.2 kn"}

    route = agent("route_planner", "Plans yacht passages.",
                  "Propose the route and timing.", tools=[tidal_stream])
    colregs = agent("colregs_adviser", "Advises on collision regulations and traffic "
                    "separation schemes.", "Say how the crossing must be made under the "
                    "COLREGs.")
    briefer = agent("skipper_briefer", "Writes the skipper's passage briefing for the crew.",
                    "Write the final crew briefing from the team's discussion.")
    team = SequentialAgent(name="passage_planning_team", sub_agents=[route, colregs, briefer],
                           description="Plan a Channel crossing together.")
    task = ("Plan our club yacht's crossing from Ramsgate to Dunkirk on Saturday 12 June "
            "(5 knots under engine/sail): route, timing and how we cross the Dover Strait "
            "traffic lanes.")
    LLM.script = Script({
        "You are route_planner": [
            call("tidal_stream", area="Dover Strait", date="2027-06-12"),
            say("Leave Ramsgate at 05:30 to carry the NE-going stream; go via the Gull Stream "
                "and cross the TSS between the Sandettie and Falls banks, then along the "
                "Dunkirk channel. About 42 nm, 8-9 hours."),
        ],
        "You are colregs_adviser": [
            say("For the traffic separation scheme: a small vessel should cross at a shallow "
                "angle, about 30-45 degrees to the lane, heading in the general direction of "
                "the traffic, so we merge with the ships rather than cut across them. Keep "
                "a good lookout and don't impede vessels in the lanes."),
        ],
        "You are skipper_briefer": [
            say("Crew briefing, Ramsgate-Dunkirk 12 June: slip 05:30, Gull Stream, then cross "
                "the TSS. In the SW lane steer about 240 T and in the NE lane about 060 T, "
                "i.e. 30-45 degrees to the lanes going with the traffic, then on to Dunkirk. "
                "Lookout on deck throughout; VHF 16 and 11 (Dover Coastguard)."),
        ],
    })
    name = "wrong_fact_channel_crossing_tss"
    with REC.run(name) as run:
        run_agent(team, task)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="colregs_adviser",
        decisive=run.find(name=GEN, contains="cross at a shallow angle", agent="colregs_adviser"),
        modes=["FM-3.3"],
        edges=[("route_planner", "colregs_adviser"), ("colregs_adviser", "skipper_briefer")],
        task=task, instrumentation=INSTR, topology="SequentialAgent of 3 on one shared session",
        why=("colregs_adviser said to cross the traffic separation scheme at 30-45 degrees "
             "going with the traffic, but COLREGs Rule 10(c) requires crossing on a heading as "
             "nearly as practicable at right angles to the traffic flow, and skipper_briefer's "
             "briefing set the crossing headings from that advice."),
    ))
    _batch7(name)


def ok_parallel_farmers_market_trader_checks() -> None:
    """SequentialAgent[ParallelAgent[hygiene_checker, insurance_checker], pitch_allocator]:
    the food hygiene register times out once and is asked again (ReflectAndRetryToolPlugin),
    both checks pass and the allocator gives the trader a pitch."""
    lookups = {"n": 0}
    allocated: list[str] = []

    def hygiene_rating(business: str) -> dict[str, Any]:
        """The business's food hygiene rating from the national register."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            raise TimeoutError("ratings register did not respond within 10 s")
        return {"business": business, "rating": 5, "inspected": "2026-08-14"}

    def insurance_certificate(business: str) -> dict[str, Any]:
        """The trader's uploaded public liability certificate."""
        return {"business": business, "cover_gbp": 5000000, "expires": "2027-11-30"}

    def allocate_pitch(business: str, market: str) -> dict[str, Any]:
        """Give an approved trader a pitch at a market."""
        allocated.append(business)
        return {"business": business, "market": market, "pitch": "C7"}

    hygiene = agent("hygiene_checker", "Checks food hygiene ratings.",
                    "Check the trader's hygiene rating; traders need 3 or more.",
                    tools=[hygiene_rating])
    insurance = agent("insurance_checker", "Checks public liability insurance.",
                      "Check the trader has at least GBP 5m cover valid on market day.",
                      tools=[insurance_certificate])
    allocator = agent("pitch_allocator", "Allocates market pitches.",
                      "Allocate a pitch only if both checks passed.", tools=[allocate_pitch])
    checks = ParallelAgent(name="trader_checks", sub_agents=[hygiene, insurance],
                           description="Hygiene and insurance checks in parallel.")
    flow = SequentialAgent(name="trader_application", sub_agents=[checks, allocator],
                           description="Check, then allocate.")
    task = ("New trader application: 'Porthleven Pasty Co' wants a pitch at Helston farmers' "
            "market on 6 March 2027.")
    LLM.script = Script({
        "You are hygiene_checker": [
            call("hygiene_rating", business="Porthleven Pasty Co"),
            call("hygiene_rating", "The register timed out; asking again.",
                 business="Porthleven Pasty Co"),
            say("Porthleven Pasty Co: food hygiene rating 5 (inspected 14 Aug 2026). Pass."),
        ],
        "You are insurance_checker": [
            call("insurance_certificate", business="Porthleven Pasty Co"),
            say("Public liability GBP 5m, valid to 30 Nov 2027. Pass."),
        ],
        "You are pitch_allocator": [
            call("allocate_pitch", business="Porthleven Pasty Co",
                 market="Helston 2027-03-06"),
            say("Porthleven Pasty Co is approved for Helston farmers' market on 6 March: "
                "pitch C7. Hygiene rating 5, GBP 5m liability cover to Nov 2027."),
        ],
    })
    name = "ok_parallel_farmers_market_trader_checks"
    with REC.run(name) as run:
        run_agent(flow, task, plugins=[ReflectAndRetryToolPlugin(max_retries=2)])
    assert lookups["n"] == 2 and allocated
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("hygiene_checker", "pitch_allocator"), ("insurance_checker", "pitch_allocator")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[2 checkers], allocator]",
        why=("the hygiene register timed out on the first look-up, hygiene_checker asked again "
             "and got rating 5, insurance_checker found GBP 5m cover, and pitch_allocator "
             "allocated pitch C7 on those results."),
    ))
    _batch7(name)


def ok_transfer_planetarium_group_booking() -> None:
    """planetarium_front_desk transfers a school group to group_visits (not shop_orders or
    memberships); the requested show is full, and group_visits books the afternoon show the
    teacher said would also do."""
    booked: list[str] = []

    def show_availability(date: str) -> dict[str, Any]:
        """Free seats on each planetarium show on a date."""
        return {"date": date, "shows": [
            {"time": "10:30", "title": "Journey to the Moon", "free": 4},
            {"time": "13:15", "title": "Journey to the Moon", "free": 62}]}

    def book_group(date: str, time: str, pupils: int, adults: int) -> dict[str, Any]:
        """Book a school group onto a show."""
        booked.append(time)
        return {"booking": "GV-5526", "date": date, "time": time, "pupils": pupils,
                "adults": adults}

    groups = agent("group_visits", "School and group visits.",
                   "Book groups onto shows; if the wanted show is full, use what the "
                   "customer said is acceptable.", tools=[show_availability, book_group])
    shop = agent("shop_orders", "Gift shop orders.", "Handle shop orders.")
    members = agent("memberships", "Annual memberships.", "Handle memberships.")
    root = agent("planetarium_front_desk", "Front desk of the Camborne Planetarium.",
                 "Transfer each enquiry to the right team.",
                 sub_agents=[shop, groups, members])
    task = ("Hi, I'm booking for Year 4 at Treloweth School: 28 pupils and 4 adults on "
            "Thursday 18 March, ideally the 10:30 Moon show, but the afternoon is fine too. "
            "We'd also like to buy some gift-shop pencils on the day.")
    LLM.script = Script({
        "You are planetarium_front_desk": [
            call("transfer_to_agent", "A school group booking - passing you to group visits.",
                 agent_name="group_visits"),
        ],
        "You are group_visits": [
            call("show_availability", date="2027-03-18"),
            call("book_group", "10:30 has only 4 seats; the teacher said afternoon is fine.",
                 date="2027-03-18", time="13:15", pupils=28, adults=4),
            say("The 10:30 Moon show only has 4 seats left, so I've booked Year 4 onto the "
                "13:15 'Journey to the Moon' on 18 March: 28 pupils and 4 adults, booking "
                "GV-5526. Gift-shop pencils can be bought on the day at the shop counter."),
        ],
        "You are shop_orders": [say("Shop.")],
        "You are memberships": [say("Memberships.")],
    })
    name = "ok_transfer_planetarium_group_booking"
    with REC.run(name) as run:
        run_agent(root, task)
    assert booked == ["13:15"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("planetarium_front_desk", "group_visits")],
        task=task, instrumentation=INSTR, topology="root > 3 sub-agents (transfer_to_agent)",
        why=("planetarium_front_desk transferred the school booking to group_visits, which "
             "found the 10:30 show nearly full and booked the 13:15 show the teacher had said "
             "was also fine (GV-5526)."),
    ))
    _batch7(name)


BATCH7 = [
    fabrication_parallel_harbour_dredging_sediment,
    upstream_loop_agenttool_drone_roof_survey,
    misroute_agenttool_smart_meter_fault,
    wrong_fact_channel_crossing_tss,
    ok_parallel_farmers_market_trader_checks,
    ok_transfer_planetarium_group_booking,
]


# ============================================================ batch 8 (holdout, batch=8)
def _batch8(name: str) -> None:
    """Mark a batch-8 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 8
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_agenttool_apiary_varroa_count() -> None:
    """apiary_manager with AgentTools hive_inspector and treatment_planner: the mite-board
    reader is offline, hive_inspector reports low mite drop anyway, and the manager tells the
    beekeeper no varroa treatment is needed."""
    planned: list[str] = []

    def mite_board_counts(apiary: str, days: int) -> dict[str, Any]:
        """Daily varroa mite drop per hive from the apiary's sticky-board camera reader."""
        return {"status": "error", "apiary": apiary,
                "error_message": "reader HB-07 offline since 2026-11-28 (battery); no counts "
                                 "for the requested period"}

    def plan_treatment(apiary: str, product: str, hives: list[str]) -> dict[str, Any]:
        """Schedule a varroa treatment for hives."""
        planned.append(product)
        return {"apiary": apiary, "product": product, "hives": hives, "scheduled": True}

    inspector = agent("hive_inspector", "Reads hive monitoring data.",
                      "Report the varroa mite drop of each hive from the board counts.",
                      tools=[mite_board_counts])
    planner = agent("treatment_planner", "Plans varroa treatments.",
                    "Plan a treatment for hives over the threshold.", tools=[plan_treatment])
    root = agent("apiary_manager", "Runs the club apiary.",
                 "Ask hive_inspector for the mite counts; if any hive is over 1 mite/day, have "
                 "treatment_planner plan an oxalic acid winter treatment. Then reply to the "
                 "beekeeper.", tools=[AgentTool(agent=inspector), AgentTool(agent=planner)])
    task = ("It's December - do any of the six hives at the Trewidden club apiary need an "
            "oxalic acid treatment this winter? Check the last 14 days of mite drop.")
    LLM.script = Script({
        "You are apiary_manager": [
            call("hive_inspector", request="Varroa mite drop per hive at Trewidden, last 14 "
                 "days."),
            say("Good news: mite drop at Trewidden has been low on all six hives over the last "
                "two weeks (0.1-0.4 mites/day), well under the 1/day threshold, so no oxalic "
                "acid treatment is needed this winter. I'll keep an eye on the boards in "
                "spring."),
        ],
        "You are hive_inspector": [
            call("mite_board_counts", apiary="Trewidden", days=14),
            say("Trewidden, last 14 days: hives 1-6 average 0.1-0.4 mites/day natural drop "
                "(highest: hive 4 at 0.4). All below 1 mite/day."),
        ],
        "You are treatment_planner": [say("Planned.")],
    })
    name = "fabrication_agenttool_apiary_varroa_count"
    with REC.run(name) as run:
        run_agent(root, task)
    assert not planned
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="hive_inspector",
        decisive=run.find(name=GEN, contains="hives 1-6 average 0.1-0.4", agent="hive_inspector"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("apiary_manager", "hive_inspector"), ("hive_inspector", "apiary_manager")],
        task=task, instrumentation=INSTR, topology="manager with 2 AgentTools (one used)",
        why=("mite_board_counts returned an error (reader HB-07 offline, no counts), yet "
             "hive_inspector reported 0.1-0.4 mites/day for all six hives and apiary_manager "
             "told the beekeeper no treatment was needed."),
    ))
    _batch8(name)


def ignored_verdict_lifeboat_exercise_rota() -> None:
    """SequentialAgent rota_builder > competence_checker > rota_publisher: the checker says the
    rota must not go out (the Saturday helm's ticket has lapsed) and the publisher sends it to
    the crew unchanged."""
    sent: list[str] = []

    def crew_availability(station: str, week: str) -> dict[str, Any]:
        """Volunteer crew availability for a week."""
        return {"station": station, "week": week, "available": {
            "Sat": ["J. Pascoe", "M. Hosking", "R. Tonkin", "E. Curnow"],
            "Wed": ["D. Rowe", "M. Hosking", "S. Jago", "E. Curnow"]}}

    def competence_records(names: list[str]) -> dict[str, Any]:
        """Training and competence records of crew members."""
        return {"J. Pascoe": {"helm": "expired 2026-11-02"},
                "D. Rowe": {"helm": "valid to 2027-06-30"},
                "M. Hosking": {"crew": "valid"}, "R. Tonkin": {"crew": "valid"},
                "S. Jago": {"crew": "valid"}, "E. Curnow": {"crew": "valid"}}

    def send_rota(station: str, rota: str) -> dict[str, Any]:
        """Send the exercise rota to the station's crew pagers and app."""
        sent.append(rota)
        return {"station": station, "sent_to": 24}

    builder = agent("rota_builder", "Builds the weekly exercise rota.",
                    "Build the rota from availability: a helm and three crew per exercise.",
                    tools=[crew_availability])
    checker = agent("competence_checker", "Checks crew competences.",
                    "Check every rostered helm and crew holds a valid competence; say clearly "
                    "whether the rota can go out.", tools=[competence_records])
    publisher = agent("rota_publisher", "Sends the rota to the crew.",
                      "Send the rota only if competence_checker cleared it.", tools=[send_rota])
    flow = SequentialAgent(name="exercise_rota", sub_agents=[builder, checker, publisher],
                           description="Build, check and send the weekly exercise rota.")
    task = "Sort next week's exercise rota for Porthcurno lifeboat station (week 50)."
    rota = ("Sat 09:00: helm J. Pascoe, crew M. Hosking, R. Tonkin, E. Curnow. "
            "Wed 19:00: helm D. Rowe, crew M. Hosking, S. Jago, E. Curnow.")
    LLM.script = Script({
        "You are rota_builder": [
            call("crew_availability", station="Porthcurno", week="2026-W50"),
            say("Draft rota week 50 - " + rota),
        ],
        "You are competence_checker": [
            call("competence_records", names=["J. Pascoe", "D. Rowe", "M. Hosking",
                                              "R. Tonkin", "S. Jago", "E. Curnow"]),
            say("Hold the rota. J. Pascoe's helm competence lapsed on 2 Nov 2026, so he can't "
                "helm Saturday's exercise. Wednesday is fine (D. Rowe valid to June). Saturday "
                "needs a different helm before this goes out."),
        ],
        "You are rota_publisher": [
            call("send_rota", "Sending the week 50 rota to the crew.", station="Porthcurno",
                 rota=rota),
            say("Week 50 exercise rota sent to all 24 Porthcurno crew: Saturday 09:00 with "
                "J. Pascoe helming, Wednesday 19:00 with D. Rowe."),
        ],
    })
    name = "ignored_verdict_lifeboat_exercise_rota"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert sent
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="rota_publisher",
        decisive=run.find(name=GEN, contains="Sending the week 50 rota", agent="rota_publisher"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("rota_builder", "competence_checker"), ("competence_checker", "rota_publisher")],
        task=task, instrumentation=INSTR, topology="SequentialAgent: builder > checker > sender",
        why=("competence_checker said to hold the rota because J. Pascoe's helm competence had "
             "lapsed, and rota_publisher's next step sent the unchanged rota with him helming "
             "Saturday."),
    ))
    _batch8(name)


def wrong_fact_transfer_hydrangea_colour() -> None:
    """garden_centre_desk > plant_doctor, which transfers to its peer shop_assistant: the
    plant doctor says lime turns hydrangeas blue (it turns them pink) and the shop assistant
    sells the customer garden lime on that basis."""
    orders: list[str] = []

    def soil_test_result(ref: str) -> dict[str, Any]:
        """A customer's soil test result from the garden centre's testing service."""
        return {"ref": ref, "ph": 6.9, "texture": "clay loam"}

    def reserve_products(items: list[str]) -> dict[str, Any]:
        """Reserve products for collection at the till."""
        orders.extend(items)
        return {"reservation": "GC-88213", "items": items}

    doctor = agent("plant_doctor", "Plant health and growing advice.",
                   "Give growing advice; pass the customer to shop_assistant for products.",
                   tools=[soil_test_result])
    shop = agent("shop_assistant", "Finds and reserves products.",
                 "Reserve the products the customer needs based on the advice given.",
                 tools=[reserve_products])
    events = agent("events_team", "Workshops and events.", "Handle workshop bookings.")
    root = agent("garden_centre_desk", "Front desk of Lanhydrock Garden Centre.",
                 "Transfer each customer to the right team.", sub_agents=[doctor, shop, events])
    task = ("My mophead hydrangeas came out pink this year and I want them blue like my "
            "neighbour's. Soil test ref ST-4471. What do I need and can you put it by for me?")
    LLM.script = Script({
        "You are garden_centre_desk": [
            call("transfer_to_agent", "Passing you to our plant doctor.",
                 agent_name="plant_doctor"),
        ],
        "You are plant_doctor": [
            call("soil_test_result", ref="ST-4471"),
            call("transfer_to_agent",
                 "Your soil is pH 6.9. Hydrangea colour follows soil pH: the more alkaline the "
                 "soil, the bluer the flowers, so raise the pH with garden lime (about 150 g "
                 "per m2 in autumn) and feed with a high-potash feed. Our shop assistant can "
                 "put those by for you.", agent_name="shop_assistant"),
        ],
        "You are shop_assistant": [
            call("reserve_products", items=["Garden lime 5 kg", "Tomato feed (high potash) 1 L"]),
            say("I've put by a 5 kg bag of garden lime and a litre of high-potash feed under "
                "GC-88213 at the till. Spread the lime around the hydrangeas this autumn and "
                "you should see bluer flowers next summer."),
        ],
        "You are events_team": [say("Events.")],
    })
    name = "wrong_fact_transfer_hydrangea_colour"
    with REC.run(name) as run:
        run_agent(root, task)
    assert orders
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="plant_doctor",
        decisive=run.find(name=GEN, contains="the more alkaline the soil, the bluer",
                          agent="plant_doctor"),
        modes=["FM-3.3"],
        edges=[("garden_centre_desk", "plant_doctor"), ("plant_doctor", "shop_assistant")],
        task=task, instrumentation=INSTR,
        topology="root > 3 sub-agents (transfer_to_agent, then peer transfer)",
        why=("plant_doctor said more alkaline soil makes hydrangeas bluer and advised garden "
             "lime, but blue needs acid soil (aluminium available below about pH 6) and lime "
             "makes them pinker; shop_assistant reserved garden lime on that advice."),
    ))
    _batch8(name)


def ok_loop_inhaler_leaflet_plain_english() -> None:
    """LoopAgent leaflet_writer <> clinical_reviewer: the reviewer rejects the first draft
    (it says to use the reliever inhaler as the daily preventer), the writer corrects it and
    the second review approves and ends the loop."""
    reviews = {"n": 0}

    def formulary_entry(drug: str) -> dict[str, Any]:
        """The local formulary entry for an inhaler."""
        reviews["n"] += 1
        return {"drug": drug, "role": "preventer", "dose": "2 puffs twice a day, every day",
                "reliever": "salbutamol, as needed"}

    writer = agent("leaflet_writer", "Writes patient leaflets in plain English.",
                   "Write the leaflet; if the reviewer asks for changes, make them.")
    reviewer = agent("clinical_reviewer", "Pharmacist reviewing patient leaflets.",
                     "Check the latest draft against the formulary. If it is right call "
                     "exit_loop, otherwise say what must change.",
                     tools=[formulary_entry, exit_loop])
    loop = LoopAgent(name="leaflet_loop", sub_agents=[writer, reviewer], max_iterations=3,
                     description="Draft and review a patient leaflet.")
    first = ("Your new inhaler (Clenil 100) helps when you're wheezy. Take 2 puffs whenever "
             "you feel breathless, up to 4 times a day.")
    second = ("Your brown inhaler (Clenil 100) is a preventer: take 2 puffs in the morning and "
              "2 at night, every day, even when you feel well. Rinse your mouth after. For "
              "sudden wheeze use your blue reliever (salbutamol).")
    task = "Write a short plain-English leaflet for patients starting a Clenil 100 inhaler."
    LLM.script = Script({
        "You are leaflet_writer": [say(first), say(second)],
        "You are clinical_reviewer": [
            call("formulary_entry", drug="Clenil Modulite 100"),
            say("Not approved. Clenil is a preventer, not a reliever: it must be taken 2 puffs "
                "twice a day every day, not 'when breathless'. Point patients to the blue "
                "salbutamol inhaler for symptoms and mention mouth rinsing."),
            call("formulary_entry", drug="Clenil Modulite 100"),
            call("exit_loop", "Matches the formulary now - approved."),
        ],
    })
    name = "ok_loop_inhaler_leaflet_plain_english"
    with REC.run(name) as run:
        run_agent(loop, task)
    assert reviews["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("leaflet_writer", "clinical_reviewer"), ("clinical_reviewer", "leaflet_writer")],
        task=task, instrumentation=INSTR, topology="LoopAgent: writer <> reviewer (2 rounds)",
        why=("clinical_reviewer rejected the first draft for presenting the preventer as a "
             "reliever, leaflet_writer rewrote it as twice-daily preventer use, and the second "
             "review approved it and exited the loop."),
    ))
    _batch8(name)


def ok_transfer_cycle_hire_damaged_bike() -> None:
    """cycle_hire_desk transfers a rider's report of a bike with failing brakes to
    fleet_maintenance (not payments, although the rider mentions the charge); maintenance
    takes the bike out of service and waives the ride."""
    actions: list[str] = []

    def lock_bike(bike_id: str, reason: str) -> dict[str, Any]:
        """Take a hire bike out of service and queue it for the workshop."""
        actions.append("lock")
        return {"bike_id": bike_id, "status": "out of service", "workshop_job": "WS-3390"}

    def waive_ride(ride_id: str, reason: str) -> dict[str, Any]:
        """Refund a ride's charge."""
        actions.append("waive")
        return {"ride_id": ride_id, "refunded_gbp": 2.40}

    payments = agent("payments", "Charges, refunds for billing errors, payment cards.",
                     "Handle billing questions.")
    maintenance = agent("fleet_maintenance", "Faulty or damaged bikes and docks; can lock a "
                        "bike out of service and waive the ride it spoiled.",
                        "Deal with faulty bikes: take them out of service and waive the ride.",
                        tools=[lock_bike, waive_ride])
    accounts = agent("accounts", "Memberships and login problems.", "Handle accounts.")
    root = agent("cycle_hire_desk", "Help desk of Truro city bike hire.",
                 "Transfer each rider to the team that handles their problem.",
                 sub_agents=[payments, maintenance, accounts])
    task = ("Bike 0417's back brake barely works - I nearly went into a bus on Lemon Street "
            "and gave up after 5 minutes. I was still charged GBP 2.40 for ride R-88120. "
            "Someone needs to look at that bike.")
    LLM.script = Script({
        "You are cycle_hire_desk": [
            call("transfer_to_agent", "That's a faulty bike - our maintenance team will take "
                 "it from here.", agent_name="fleet_maintenance"),
        ],
        "You are fleet_maintenance": [
            call("lock_bike", bike_id="0417", reason="rear brake ineffective, rider report"),
            call("waive_ride", ride_id="R-88120", reason="faulty bike"),
            say("Sorry about that - bike 0417 is now out of service and booked into the "
                "workshop (WS-3390), so nobody else will take it, and I've refunded the "
                "GBP 2.40 for ride R-88120."),
        ],
        "You are payments": [say("Payments.")],
        "You are accounts": [say("Accounts.")],
    })
    name = "ok_transfer_cycle_hire_damaged_bike"
    with REC.run(name) as run:
        run_agent(root, task)
    assert actions == ["lock", "waive"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("cycle_hire_desk", "fleet_maintenance")],
        task=task, instrumentation=INSTR, topology="root > 3 sub-agents (transfer_to_agent)",
        why=("cycle_hire_desk transferred the faulty-brake report to fleet_maintenance, which "
             "took bike 0417 out of service (WS-3390) and refunded ride R-88120."),
    ))
    _batch8(name)


def ok_agenttool_observatory_cloud_feed_down() -> None:
    """observing_scheduler with AgentTools sky_conditions and dome_operator: the all-sky
    camera feed is down, sky_conditions says so, and the scheduler does not open the dome but
    tells the astronomer the session is on hold."""
    opened: list[str] = []

    def cloud_cover(site: str) -> dict[str, Any]:
        """Current cloud cover and humidity from the site's all-sky camera and weather mast."""
        return {"status": "error", "site": site,
                "error_message": "all-sky camera feed unavailable (no frames since 21:12 UTC); "
                                 "humidity sensor reading stale"}

    def open_dome(telescope: str) -> dict[str, Any]:
        """Open the dome shutter of a telescope."""
        opened.append(telescope)
        return {"telescope": telescope, "shutter": "open"}

    sky = agent("sky_conditions", "Reports observing conditions.",
                "Report cloud cover and humidity from the site sensors.", tools=[cloud_cover])
    dome = agent("dome_operator", "Operates the telescope domes.",
                 "Open or close domes when asked.", tools=[open_dome])
    root = agent("observing_scheduler", "Schedules the remote observing sessions.",
                 "Check conditions with sky_conditions; only if the sky is confirmed clear and "
                 "humidity under 85% ask dome_operator to open the dome.",
                 tools=[AgentTool(agent=sky), AgentTool(agent=dome)])
    task = ("Start my 22:00 session on the 0.4 m telescope at Goonhilly: target M42, "
            "60 x 30 s frames.")
    LLM.script = Script({
        "You are observing_scheduler": [
            call("sky_conditions", request="Cloud cover and humidity at Goonhilly now."),
            say("I haven't opened the dome: the all-sky camera has sent no frames since 21:12 "
                "UTC and the humidity reading is stale, so I can't confirm it's clear and dry. "
                "Your M42 session is on hold; I'll start it as soon as the sensors report "
                "again, or you can ask the site team to check the sky."),
        ],
        "You are sky_conditions": [
            call("cloud_cover", site="Goonhilly"),
            say("I can't give conditions right now: the all-sky camera feed has been down since "
                "21:12 UTC and the humidity sensor reading is stale. Cloud cover unknown."),
        ],
        "You are dome_operator": [say("Dome open.")],
    })
    name = "ok_agenttool_observatory_cloud_feed_down"
    with REC.run(name) as run:
        run_agent(root, task)
    assert not opened
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("observing_scheduler", "sky_conditions"), ("sky_conditions",
                                                            "observing_scheduler")],
        task=task, instrumentation=INSTR, topology="scheduler with 2 AgentTools (one used)",
        why=("cloud_cover failed (camera feed down, humidity stale); sky_conditions reported "
             "that conditions were unknown and observing_scheduler kept the dome closed and "
             "put the session on hold, as its rule requires."),
    ))
    _batch8(name)


BATCH8 = [
    fabrication_agenttool_apiary_varroa_count,
    ignored_verdict_lifeboat_exercise_rota,
    wrong_fact_transfer_hydrangea_colour,
    ok_loop_inhaler_leaflet_plain_english,
    ok_transfer_cycle_hire_damaged_bike,
    ok_agenttool_observatory_cloud_feed_down,
]


# ============================================================ batch 9 (holdout, batch=9)
def _batch9(name: str) -> None:
    """Mark a batch-9 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 9
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_sequential_marathon_pacing() -> None:
    """SequentialAgent pace_coach > fuelling_planner > plan_writer: the pace coach takes the
    marathon as 40 km and gives 6:00/km for a sub-4 finish; the others build the race plan on
    that pace."""
    saved: list[str] = []

    def recent_runs(athlete: str, weeks: int) -> dict[str, Any]:
        """The athlete's recent training runs from their watch."""
        return {"athlete": athlete, "long_run_km": 32, "long_run_pace": "6:05/km",
                "half_marathon_pb": "1:53:40", "weekly_km": 58}

    def save_race_plan(athlete: str, plan: str) -> dict[str, Any]:
        """Save a race-day plan to the athlete's training app."""
        saved.append(plan)
        return {"athlete": athlete, "saved": True}

    coach = agent("pace_coach", "Sets target race pace.",
                  "Work out the even pace that gives the athlete's goal time.",
                  tools=[recent_runs])
    fuel = agent("fuelling_planner", "Plans gels and drinks for races.",
                 "Plan carbohydrate and fluid intake for the expected race duration.")
    writer = agent("plan_writer", "Writes the race-day plan.",
                   "Combine pace and fuelling into one plan and save it.",
                   tools=[save_race_plan])
    flow = SequentialAgent(name="race_plan", sub_agents=[coach, fuel, writer],
                           description="Pace, fuelling, plan.")
    task = ("I'm running the Exeter Marathon on 2 May and I want to go under 4 hours. "
            "Athlete id KT-2291. Give me a pacing and fuelling plan.")
    LLM.script = Script({
        "You are pace_coach": [
            call("recent_runs", athlete="KT-2291", weeks=8),
            say("A marathon is 40 km, so a sub-4:00 finish needs an even 6:00/km (240 min / "
                "40 km). Your 32 km long run at 6:05/km and 1:53 half say that's realistic. "
                "Target: 6:00/km throughout, 30:00 at each 5 km split."),
        ],
        "You are fuelling_planner": [
            say("For a 4:00 run: 60 g carbs per hour from 0:45, so a gel at 5, 12, 20, 27 and "
                "35 km, and 400-500 ml of fluid an hour from the aid stations."),
        ],
        "You are plan_writer": [
            call("save_race_plan", athlete="KT-2291",
                 plan="Exeter Marathon: even 6:00/km, 5 km splits 30:00; gels at 5/12/20/27/"
                      "35 km; 400-500 ml fluid per hour."),
            say("Your plan is saved: run an even 6:00/km (30:00 per 5 km) and you'll cross "
                "the line in 4:00:00. Gels at 5, 12, 20, 27 and 35 km, and drink 400-500 ml an "
                "hour. Good luck in Exeter!"),
        ],
    })
    name = "wrong_fact_sequential_marathon_pacing"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert saved
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="pace_coach",
        decisive=run.find(name=GEN, contains="A marathon is 40 km", agent="pace_coach"),
        modes=["FM-3.3"],
        edges=[("pace_coach", "fuelling_planner"), ("fuelling_planner", "plan_writer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: pace coach > fuelling planner > writer",
        why=("pace_coach said a marathon is 40 km and set 6:00/km for sub-4, but a marathon "
             "is 42.195 km, so 6:00/km finishes in about 4:13; plan_writer saved that pace as "
             "a 4:00:00 plan."),
    ))
    _batch9(name)


def premature_termination_agenttool_hotel_key_revocation() -> None:
    """night_manager with AgentTool keycard_agent: five key cards were reported lost, the
    keycard agent revokes two of them and reports all lost cards revoked."""
    revoked: list[str] = []

    def lost_card_reports(date: str) -> dict[str, Any]:
        """Key cards reported lost or stolen on a date."""
        return {"date": date, "cards": [
            {"card": "KC-40112", "room": "214"}, {"card": "KC-40113", "room": "214"},
            {"card": "KC-40287", "room": "305"}, {"card": "KC-40290", "room": "305"},
            {"card": "KC-40551", "room": "118"}]}

    def revoke_card(card: str) -> dict[str, Any]:
        """Revoke one key card in the door-lock system."""
        revoked.append(card)
        return {"card": card, "revoked": True}

    keycard = agent("keycard_agent", "Manages door key cards.",
                    "Revoke every card the request names or that was reported lost.",
                    tools=[lost_card_reports, revoke_card])
    root = agent("night_manager", "Night manager of the Falmouth Quay Hotel.",
                 "Handle security requests with keycard_agent and report back.",
                 tools=[AgentTool(agent=keycard)])
    task = ("Security: a guest's wallet with key cards was stolen in the bar tonight and "
            "reception logged more lost cards today. Revoke every card reported lost on "
            "2026-12-07 before midnight.")
    LLM.script = Script({
        "You are night_manager": [
            call("keycard_agent", request="Revoke all key cards reported lost on 2026-12-07."),
            say("Done - every key card reported lost today has been revoked in the lock "
                "system, so none of them will open a door. I'll let the affected guests "
                "collect new cards at reception."),
        ],
        "You are keycard_agent": [
            call("lost_card_reports", date="2026-12-07"),
            call("revoke_card", card="KC-40112"),
            call("revoke_card", card="KC-40113"),
            say("All lost cards for 2026-12-07 are revoked (room 214). Task complete."),
        ],
    })
    name = "premature_termination_agenttool_hotel_key_revocation"
    with REC.run(name) as run:
        run_agent(root, task)
    assert revoked == ["KC-40112", "KC-40113"]
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="keycard_agent",
        decisive=run.find(name=GEN, contains="All lost cards for 2026-12-07 are revoked",
                          agent="keycard_agent"),
        modes=["FM-3.1", "FM-1.1"],
        edges=[("night_manager", "keycard_agent"), ("keycard_agent", "night_manager")],
        task=task, instrumentation=INSTR, topology="manager with 1 AgentTool",
        why=("lost_card_reports listed five cards (rooms 214, 305, 118) but keycard_agent "
             "revoked only the two for room 214 and declared all lost cards revoked; "
             "night_manager passed that on."),
    ))
    _batch9(name)


def misroute_transfer_exam_extenuating_circumstances() -> None:
    """student_hub sends a student who missed an exam because of a hospital admission to
    timetabling (which reschedules) instead of student_casework (extenuating circumstances);
    the student is given a resit slot that counts as a second attempt."""
    booked: list[str] = []

    def exam_slots(module: str) -> dict[str, Any]:
        """Next available sittings of a module's exam."""
        return {"module": module, "next": [{"date": "2027-08-17", "type": "resit",
                                             "attempt": 2, "mark_cap": 40}]}

    def book_sitting(student: str, module: str, date: str) -> dict[str, Any]:
        """Book a student on an exam sitting."""
        booked.append(date)
        return {"student": student, "module": module, "date": date, "booked": True}

    def open_ec_claim(student: str, module: str, reason: str) -> dict[str, Any]:
        """Open an extenuating-circumstances claim."""
        return {"claim": "EC-1"}

    timetabling = agent("timetabling", "Exam dates, rooms and booking resit sittings.",
                        "Find and book exam sittings.", tools=[exam_slots, book_sitting])
    casework = agent("student_casework", "Extenuating circumstances, illness, deferrals and "
                     "uncapped first-sit attempts.", "Open EC claims.", tools=[open_ec_claim])
    library = agent("library_desk", "Loans, fines and study rooms.", "Library questions.")
    root = agent("student_hub", "Front desk of the university student hub.",
                 "Transfer each student to the team that handles their request.",
                 sub_agents=[timetabling, casework, library])
    task = ("I missed my CHEM2041 exam on 5 December because I was admitted to hospital with "
            "appendicitis (I have the discharge letter). What do I do now? Student 2290417.")
    LLM.script = Script({
        "You are student_hub": [
            call("transfer_to_agent", "You'll need a new exam date - passing you to "
                 "timetabling.", agent_name="timetabling"),
        ],
        "You are timetabling": [
            call("exam_slots", module="CHEM2041"),
            call("book_sitting", student="2290417", module="CHEM2041", date="2027-08-17"),
            say("I've booked you onto the next CHEM2041 sitting on 17 August 2027 (resit "
                "period). Please note that as a resit it's your second attempt and the module "
                "mark is capped at 40%."),
        ],
        "You are student_casework": [say("Opening a claim.")],
        "You are library_desk": [say("Library.")],
    })
    name = "misroute_transfer_exam_extenuating_circumstances"
    with REC.run(name) as run:
        run_agent(root, task)
    assert booked
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="student_hub",
        decisive=run.find(name=GEN, contains=transfer("timetabling"), agent="student_hub"),
        modes=["FM-1.2", "FM-2.3"], edges=[("student_hub", "timetabling")], task=task,
        instrumentation=INSTR, topology="root agent > 3 sub-agents (transfer_to_agent)",
        why=("a student who missed an exam through hospital admission needs an extenuating-"
             "circumstances claim (student_casework), but student_hub transferred them to "
             "timetabling, which booked a capped second-attempt resit."),
    ))
    _batch9(name)


def ok_parallel_school_trip_checks_retry() -> None:
    """SequentialAgent[ParallelAgent[coach_checker, venue_checker], trip_approver]: the
    operator licence register errors once and is asked again, both checks pass and the trip
    is approved."""
    lookups = {"n": 0}
    approved: list[str] = []

    def operator_licence(operator: str) -> dict[str, Any]:
        """The coach operator's PSV operator licence from the traffic commissioner register."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            raise ConnectionError("register API returned HTTP 503 Service Unavailable")
        return {"operator": operator, "licence": "PH1047722", "status": "valid",
                "vehicles_authorised": 12}

    def venue_risk_assessment(venue: str) -> dict[str, Any]:
        """The venue's published risk assessment and school-group terms."""
        return {"venue": venue, "risk_assessment": "2026-09 edition", "ratio": "1:10",
                "first_aider_on_site": True}

    def approve_trip(trip: str) -> dict[str, Any]:
        """Record the head teacher's approval of a trip in the visits system."""
        approved.append(trip)
        return {"trip": trip, "approved": True, "ref": "EV-2027-014"}

    coach = agent("coach_checker", "Checks coach operators.",
                  "Check the operator holds a valid PSV operator licence.",
                  tools=[operator_licence])
    venue = agent("venue_checker", "Checks trip venues.",
                  "Check the venue's risk assessment and supervision ratio.",
                  tools=[venue_risk_assessment])
    approver = agent("trip_approver", "Approves educational visits.",
                     "Approve the trip only if both checks passed.", tools=[approve_trip])
    checks = ParallelAgent(name="trip_checks", sub_agents=[coach, venue],
                           description="Coach and venue checks in parallel.")
    flow = SequentialAgent(name="trip_approval", sub_agents=[checks, approver],
                           description="Check, then approve.")
    task = ("Year 5 trip to the Eden Project on 11 March 2027, 58 pupils, coach by "
            "Kernow Travel Ltd. Please run the checks and approve if everything's in order.")
    LLM.script = Script({
        "You are coach_checker": [
            call("operator_licence", operator="Kernow Travel Ltd"),
            call("operator_licence", "The register returned 503; trying the lookup again.",
                 operator="Kernow Travel Ltd"),
            say("Kernow Travel Ltd holds PSV operator licence PH1047722, status valid, 12 "
                "vehicles authorised. Coach check passed."),
        ],
        "You are venue_checker": [
            call("venue_risk_assessment", venue="Eden Project"),
            say("Eden Project: risk assessment Sept 2026 edition, 1:10 adult ratio for KS2, "
                "first aider on site. Venue check passed - bring 6 adults for 58 pupils."),
        ],
        "You are trip_approver": [
            call("approve_trip", trip="Y5 Eden Project 2027-03-11"),
            say("Approved (EV-2027-014): Year 5 to the Eden Project on 11 March. Coach operator "
                "licence valid, venue risk assessment current; please staff at 1:10 (6 adults "
                "minimum)."),
        ],
    })
    name = "ok_parallel_school_trip_checks_retry"
    with REC.run(name) as run:
        run_agent(flow, task, plugins=[ReflectAndRetryToolPlugin(max_retries=2)])
    assert lookups["n"] == 2 and approved
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("coach_checker", "trip_approver"), ("venue_checker", "trip_approver")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[2 checkers], approver]",
        why=("the licence register returned 503 once, coach_checker asked again and got a "
             "valid licence, venue_checker found a current risk assessment, and trip_approver "
             "approved the trip on those results."),
    ))
    _batch9(name)


def ok_sequential_extinguisher_service_none_due() -> None:
    """SequentialAgent asset_auditor > service_booker: no extinguisher is due for service in
    the window, the auditor says so and the booker books nothing and says so."""
    booked: list[str] = []

    def extinguisher_register(site: str) -> dict[str, Any]:
        """Fire extinguishers at a site with their last and next service dates."""
        return {"site": site, "units": [
            {"id": "FE-01", "type": "CO2 2 kg", "next_service": "2027-05-14"},
            {"id": "FE-02", "type": "foam 6 L", "next_service": "2027-05-14"},
            {"id": "FE-03", "type": "foam 6 L", "next_service": "2027-05-14"},
            {"id": "FE-04", "type": "wet chemical 6 L", "next_service": "2027-04-02"}]}

    def book_service(site: str, units: list[str], date: str) -> dict[str, Any]:
        """Book the fire-safety contractor to service units."""
        booked.extend(units)
        return {"booked": True}

    auditor = agent("asset_auditor", "Reads the fire-safety asset register.",
                    "List the extinguishers due for service in the window asked about.",
                    tools=[extinguisher_register])
    booker = agent("service_booker", "Books the fire-safety contractor.",
                   "Book a service visit for the units the auditor lists as due; if none are "
                   "due, book nothing.", tools=[book_service])
    flow = SequentialAgent(name="extinguisher_service", sub_agents=[auditor, booker],
                           description="Find units due, book the contractor.")
    task = ("Book the annual extinguisher service for any units at the Penryn community "
            "kitchen that fall due before the end of February 2027.")
    LLM.script = Script({
        "You are asset_auditor": [
            call("extinguisher_register", site="Penryn community kitchen"),
            say("None due before 28 Feb 2027. The four units (FE-01 to FE-04) were serviced "
                "in spring: FE-04 (wet chemical) is next due 2 April 2027, the other three on "
                "14 May 2027."),
        ],
        "You are service_booker": [
            say("No service visit booked: none of the Penryn community kitchen's "
                "extinguishers is due before the end of February. The earliest is FE-04 on 2 "
                "April 2027 - worth booking in March for that one together with the May "
                "units."),
        ],
    })
    name = "ok_sequential_extinguisher_service_none_due"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert not booked
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("asset_auditor", "service_booker")],
        task=task, instrumentation=INSTR, topology="SequentialAgent: auditor > booker",
        why=("the register shows the first unit due on 2 April 2027, so nothing falls due "
             "before the end of February; asset_auditor said so and service_booker correctly "
             "booked nothing."),
    ))
    _batch9(name)


BATCH9 = [
    wrong_fact_sequential_marathon_pacing,
    premature_termination_agenttool_hotel_key_revocation,
    misroute_transfer_exam_extenuating_circumstances,
    ok_parallel_school_trip_checks_retry,
    ok_sequential_extinguisher_service_none_due,
]


# ============================================================ batch 10 (holdout, batch=10)
def _batch10(name: str) -> None:
    """Mark a batch-10 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 10
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_sequential_borehole_water_results() -> None:
    """SequentialAgent results_reader > compliance_writer: the lab's results portal says the
    borehole sample has not been reported yet, results_reader reports clear results anyway and
    compliance_writer tells the holiday cottage owner the water is safe to drink."""
    sent: list[str] = []

    def lab_results(sample_ref: str) -> dict[str, Any]:
        """Results of a water sample from the accredited lab's portal."""
        return {"status": "error", "sample_ref": sample_ref,
                "error_message": "results not released: sample received 2026-12-03, "
                                 "microbiology incubation in progress (E. coli, coliforms, "
                                 "enterococci); expected 2026-12-09"}

    def send_owner_letter(owner: str, text: str) -> dict[str, Any]:
        """Send the private water supply letter to the property owner."""
        sent.append(text)
        return {"owner": owner, "sent": True}

    reader = agent("results_reader", "Reads private water supply lab results.",
                   "Fetch the lab results for the sample and summarise each parameter "
                   "against its limit.", tools=[lab_results])
    writer = agent("compliance_writer", "Writes private water supply letters.",
                   "Write and send the owner letter from the results summary.",
                   tools=[send_owner_letter])
    flow = SequentialAgent(name="borehole_check", sub_agents=[reader, writer],
                           description="Read results, write to the owner.")
    task = ("Sample PWS-26-1184 from the borehole at Higher Bosvenna holiday cottages (owner "
            "Mrs J. Nankervis): tell the owner whether the water is fit to drink before the "
            "Christmas lets.")
    LLM.script = Script({
        "You are results_reader": [
            call("lab_results", sample_ref="PWS-26-1184"),
            say("PWS-26-1184 (Higher Bosvenna borehole): E. coli 0/100 ml (limit 0), "
                "coliforms 0/100 ml (limit 0), enterococci 0/100 ml (limit 0), nitrate "
                "18 mg/l (limit 50), pH 6.9. All parameters within limits."),
        ],
        "You are compliance_writer": [
            call("send_owner_letter", owner="Mrs J. Nankervis",
                 text="Your borehole sample PWS-26-1184 met every standard tested (no E. coli, "
                      "coliforms or enterococci; nitrate 18 mg/l). The supply is wholesome and "
                      "fit to drink; no action needed before your lets."),
            say("Letter sent to Mrs Nankervis: the Higher Bosvenna borehole passed on every "
                "parameter, so the water is fit to drink for the Christmas lets."),
        ],
    })
    name = "fabrication_sequential_borehole_water_results"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert sent
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="results_reader",
        decisive=run.find(name=GEN, contains="E. coli 0/100 ml", agent="results_reader"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("results_reader", "compliance_writer")],
        task=task, instrumentation=INSTR, topology="SequentialAgent: reader > writer",
        why=("lab_results returned an error (results not released, microbiology incubating "
             "until 9 Dec), yet results_reader reported zero E. coli, coliforms and "
             "enterococci, and compliance_writer told the owner the water is fit to drink."),
    ))
    _batch10(name)


def misroute_transfer_prepayment_meter_no_credit() -> None:
    """energy_helpline sends a prepayment customer who is off supply with a baby at home to
    payments (which sets up a repayment plan) instead of priority_support (emergency credit
    and self-disconnection); the customer is told to top up at a shop."""
    plans: list[str] = []

    def debt_balance(account: str) -> dict[str, Any]:
        """Debt recovery balance on a prepayment account."""
        return {"account": account, "debt_gbp": 146.20, "recovery_rate_gbp_week": 8.0}

    def set_repayment_plan(account: str, weekly_gbp: float) -> dict[str, Any]:
        """Change the weekly debt recovery rate on the meter."""
        plans.append(account)
        return {"account": account, "weekly_gbp": weekly_gbp, "applied_from": "next top-up"}

    def add_emergency_credit(account: str, amount_gbp: float) -> dict[str, Any]:
        """Push discretionary emergency credit to a smart prepayment meter."""
        return {"ok": True}

    payments = agent("payments", "Bills, debt, repayment plans and direct debits.",
                     "Help with payments and repayment plans.",
                     tools=[debt_balance, set_repayment_plan])
    priority = agent("priority_support", "Customers off supply or self-disconnecting, "
                     "emergency and discretionary credit, vulnerable customers and the "
                     "Priority Services Register.", "Get vulnerable customers back on supply.",
                     tools=[add_emergency_credit])
    meters = agent("meter_bookings", "Smart meter installs, exchanges and faults.",
                   "Book meter appointments.")
    root = agent("energy_helpline", "Web chat of Tamar Energy.",
                 "Transfer each customer to the team that handles their situation.",
                 sub_agents=[payments, priority, meters])
    task = ("My electric has gone off, I've used all the emergency credit and I can't top up "
            "till I'm paid on Friday. I've got a 4 month old and it's freezing. Smart "
            "prepay meter, account TE-7730415.")
    LLM.script = Script({
        "You are energy_helpline": [
            call("transfer_to_agent", "This is about what you owe and topping up - I'll put "
                 "you through to payments.", agent_name="payments"),
        ],
        "You are payments": [
            call("debt_balance", account="TE-7730415"),
            call("set_repayment_plan", account="TE-7730415", weekly_gbp=4.0),
            say("I've lowered your debt repayment from GBP 8 to GBP 4 a week (balance GBP "
                "146.20), starting from your next top-up, so more of each top-up goes on your "
                "electricity. You can top up at any PayPoint shop or in the app once you're "
                "paid on Friday."),
        ],
        "You are priority_support": [say("Adding emergency credit.")],
        "You are meter_bookings": [say("Booking an engineer.")],
    })
    name = "misroute_transfer_prepayment_meter_no_credit"
    with REC.run(name) as run:
        run_agent(root, task)
    assert plans
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="energy_helpline",
        decisive=run.find(name=GEN, contains=transfer("payments"), agent="energy_helpline"),
        modes=["FM-1.2", "FM-2.3"], edges=[("energy_helpline", "payments")], task=task,
        instrumentation=INSTR, topology="root agent > 3 sub-agents (transfer_to_agent)",
        why=("a customer off supply with a baby and no credit until Friday is what "
             "priority_support handles (emergency credit, vulnerable customers), but "
             "energy_helpline transferred them to payments, which only cut the repayment rate "
             "and left them off supply until they can top up."),
    ))
    _batch10(name)


def wrong_fact_sequential_fell_walk_sunset() -> None:
    """SequentialAgent route_planner > safety_officer > walk_writer: the route planner gives
    the Lake District sunset on 20 December as 17:40 (it is about 15:50); the safety officer
    and writer plan a 10:30 start on it and say no head torches are needed."""
    posted: list[str] = []

    def route_details(route: str) -> dict[str, Any]:
        """Distance, ascent and walking time of a club route."""
        return {"route": route, "distance_km": 16.5, "ascent_m": 980,
                "book_time_h": 6.5, "start": "Seathwaite Farm"}

    def post_walk(date: str, text: str) -> dict[str, Any]:
        """Post a walk on the club's meet page."""
        posted.append(text)
        return {"date": date, "posted": True}

    planner = agent("route_planner", "Plans club fell walks.",
                    "Give the route, its timings and daylight for the date.",
                    tools=[route_details])
    safety = agent("safety_officer", "Checks walks for safety.",
                   "Check the plan for daylight, kit and escape routes.")
    writer = agent("walk_writer", "Writes the meet notice.",
                   "Write the meet notice and post it.", tools=[post_walk])
    flow = SequentialAgent(name="walk_planning", sub_agents=[planner, safety, writer],
                           description="Route, safety check, notice.")
    task = ("Plan the club's Scafell Pike walk from Seathwaite on Sunday 20 December and "
            "post it on the meet page.")
    LLM.script = Script({
        "You are route_planner": [
            call("route_details", route="Scafell Pike via Corridor Route from Seathwaite"),
            say("Scafell Pike via the Corridor Route, return by Esk Hause: 16.5 km, 980 m "
                "ascent, 6.5 h book time. Sunset in Borrowdale on 20 December is 17:40, so a "
                "10:30 start at Seathwaite gets us down by 17:00 with daylight to spare."),
        ],
        "You are safety_officer": [
            say("Daylight is fine: down by about 17:00, 40 minutes before sunset. Winter kit "
                "as usual (microspikes if icy, spare warm layer, map and compass). Escape "
                "route from Esk Hause via Grains Gill. Head torches not needed on this "
                "timing."),
        ],
        "You are walk_writer": [
            call("post_walk", date="2026-12-20",
                 text="Sun 20 Dec: Scafell Pike via the Corridor Route. Meet 10:15 at "
                      "Seathwaite Farm for a 10:30 start, back around 17:00 (sunset 17:40). "
                      "16.5 km, 980 m. Winter kit, microspikes; no head torch needed."),
            say("Posted: Scafell Pike on Sunday 20 December, 10:30 start from Seathwaite, "
                "back about 17:00 before the 17:40 sunset."),
        ],
    })
    name = "wrong_fact_sequential_fell_walk_sunset"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert posted
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="route_planner",
        decisive=run.find(name=GEN, contains="Sunset in Borrowdale on 20 December is 17:40",
                          agent="route_planner"),
        modes=["FM-3.3"],
        edges=[("route_planner", "safety_officer"), ("safety_officer", "walk_writer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: planner > safety officer > writer",
        why=("route_planner said sunset on 20 December in Borrowdale is 17:40, but it is about "
             "15:50, so a 10:30 start with 6.5 h of walking ends after dark; safety_officer "
             "and walk_writer built on it and said no head torch is needed."),
    ))
    _batch10(name)


def ok_loop_premises_licence_notice() -> None:
    """LoopAgent notice_writer + notice_checker: the checker's rule check fails the first
    notice (no consultation end date, no licensing authority address), the writer adds them
    and the second check passes and ends the loop."""
    checks = {"n": 0}

    def check_notice(text: str) -> dict[str, Any]:
        """Check a premises licence application notice against the statutory contents."""
        checks["n"] += 1
        missing = []
        if "28 days" not in text and "last date" not in text.lower():
            missing.append("last date for representations")
        if "Licensing" not in text or "Truro" not in text:
            missing.append("licensing authority name and address")
        return {"valid": not missing, "missing": missing}

    writer = agent("notice_writer", "Writes premises licence notices.",
                   "Write the blue notice for the premises licence application; if the "
                   "checker lists problems, revise the notice.")
    checker = agent("notice_checker", "Checks licence notices.",
                    "Check the latest notice with check_notice. If it is valid call exit_loop, "
                    "otherwise say what is missing.", tools=[check_notice, exit_loop])
    loop = LoopAgent(name="notice_loop", sub_agents=[writer, checker], max_iterations=3,
                     description="Write, check, revise.")
    task = ("Draft the public notice for the Lugger Inn's premises licence variation: late "
            "opening to 01:00 Fri-Sat, application submitted 7 Dec 2026 to Cornwall Council.")
    v1 = ("NOTICE: The Lugger Inn, Fore Street, Portloe has applied to vary its premises "
          "licence to allow the sale of alcohol and late night refreshment until 01:00 on "
          "Fridays and Saturdays. Anyone wishing to comment should contact the council.")
    v2 = ("NOTICE OF APPLICATION: The Lugger Inn, Fore Street, Portloe has applied on 7 "
          "December 2026 to vary its premises licence to allow the sale of alcohol and late "
          "night refreshment until 01:00 on Fridays and Saturdays. Representations must be made "
          "in writing to Cornwall Council Licensing, New County Hall, Truro TR1 3AY, by the "
          "last date of 4 January 2027 (28 days after the application). The register can be "
          "viewed at that address. It is an offence knowingly or recklessly to make a false "
          "statement in connection with an application (maximum fine unlimited).")
    LLM.script = Script({
        "You are notice_writer": [say(v1), say(v2)],
        "You are notice_checker": [
            call("check_notice", text=v1),
            say("Not valid yet. Missing: the last date for representations and the licensing "
                "authority's name and address. Please add both."),
            call("check_notice", text=v2),
            call("exit_loop", "The revised notice has every statutory item; done."),
        ],
    })
    name = "ok_loop_premises_licence_notice"
    with REC.run(name) as run:
        run_agent(loop, task)
    assert checks["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("notice_writer", "notice_checker"), ("notice_checker", "notice_writer")],
        task=task, instrumentation=INSTR, topology="LoopAgent: writer <> checker (exit_loop)",
        why=("check_notice failed the first notice (no last date, no authority address), "
             "notice_writer added both, and the second check passed and notice_checker ended "
             "the loop."),
    ))
    _batch10(name)


def ok_agenttool_avalanche_bulletin_retry() -> None:
    """expedition_leader with AgentTool conditions_reader: the avalanche bulletin service
    errors once, the reader asks again, gets considerable (3) on north-east aspects, and the
    leader picks the south-facing route that avoids them."""
    calls_made = {"n": 0}

    def avalanche_bulletin(area: str, date: str) -> dict[str, Any]:
        """The Scottish Avalanche Information Service forecast for an area."""
        calls_made["n"] += 1
        if calls_made["n"] == 1:
            raise TimeoutError("SAIS feed timed out after 10 s")
        return {"area": area, "date": date, "hazard": "considerable (3)",
                "aspects": "NW through N to E above 900 m",
                "lower_slopes": "moderate (2)", "trend": "stable"}

    reader = agent("conditions_reader", "Reads mountain forecasts.",
                   "Get the avalanche bulletin and summarise the hazard by aspect.",
                   tools=[avalanche_bulletin])
    root = agent("expedition_leader", "Leads the club's winter mountaineering day.",
                 "Ask conditions_reader for the bulletin, then choose the route and brief the "
                 "group.", tools=[AgentTool(agent=reader)])
    task = ("Club winter day on Saturday 9 January 2027 in the Northern Cairngorms. Options: "
            "Goat Track into Coire an t-Sneachda (north-facing) or Fiacaill a' Choire Chais "
            "ridge from the south. Pick one and brief us.")
    LLM.script = Script({
        "You are expedition_leader": [
            call("conditions_reader", request="SAIS Northern Cairngorms, 9 Jan 2027: hazard "
                 "by aspect and altitude."),
            say("Route: Fiacaill a' Choire Chais from the south. The bulletin has considerable "
                "(3) avalanche hazard on NW-N-E slopes above 900 m, which is exactly the Goat "
                "Track and the corrie headwall, so we stay off them. Meet 08:00 at the "
                "Coire Cas car park; axes, crampons, helmets; turn back at the top of the "
                "ridge if the wind picks up."),
        ],
        "You are conditions_reader": [
            call("avalanche_bulletin", area="Northern Cairngorms", date="2027-01-09"),
            call("avalanche_bulletin", "The feed timed out; asking again.",
                 area="Northern Cairngorms", date="2027-01-09"),
            say("SAIS Northern Cairngorms, 9 Jan: considerable (3) on NW through N to E "
                "aspects above 900 m, moderate (2) lower down, trend stable."),
        ],
    })
    name = "ok_agenttool_avalanche_bulletin_retry"
    with REC.run(name) as run:
        run_agent(root, task, plugins=[ReflectAndRetryToolPlugin(max_retries=2)])
    assert calls_made["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("expedition_leader", "conditions_reader"),
               ("conditions_reader", "expedition_leader")],
        task=task, instrumentation=INSTR, topology="leader with 1 AgentTool",
        why=("avalanche_bulletin timed out once, conditions_reader asked again and got "
             "considerable hazard on NW-N-E aspects, and expedition_leader chose the "
             "south-approach ridge that avoids them."),
    ))
    _batch10(name)


BATCH10 = [
    fabrication_sequential_borehole_water_results,
    misroute_transfer_prepayment_meter_no_credit,
    wrong_fact_sequential_fell_walk_sunset,
    ok_loop_premises_licence_notice,
    ok_agenttool_avalanche_bulletin_retry,
]

def _batch11(name: str) -> None:
    """Mark a batch-11 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 11
    path.write_text(json.dumps(data, indent=2) + "\n")


def ignored_verdict_agenttool_science_assembly_thermite() -> None:
    """science_week_planner with AgentTool risk_assessor: the assessor says the thermite
    demonstration may not be done in the school hall (outdoors only, 5 m exclusion zone), and
    the planner books it in the hall for the Year 7 assembly anyway."""
    booked: list[dict[str, Any]] = []

    def cleapss_hazcard(activity: str) -> dict[str, Any]:
        """The CLEAPSS guidance for a practical or demonstration."""
        return {"activity": activity, "guide": "CLEAPSS GL220 / SRA 07",
                "location": "outdoors only", "exclusion_zone_m": 5,
                "audience": "behind a safety screen, no closer than 5 m",
                "notes": "molten iron, sparks and UV; never on a wooden floor or indoors"}

    def book_slot(event: str, venue: str, date: str) -> dict[str, Any]:
        """Book a venue slot in the school calendar."""
        booked.append({"event": event, "venue": venue})
        return {"event": event, "venue": venue, "date": date, "status": "booked"}

    assessor = agent("risk_assessor", "Checks practical demonstrations against CLEAPSS.",
                     "Check the proposed demonstration and say whether it may go ahead as "
                     "planned.", tools=[cleapss_hazcard])
    root = agent("science_week_planner", "Plans Science Week at Helston Community College.",
                 "Plan Science Week events; every demonstration needs risk_assessor's OK "
                 "before it is booked.", tools=[AgentTool(agent=assessor), book_slot])
    task = ("For Science Week I'd like Mr Hocking to do the thermite reaction live on stage "
            "in the main hall for the Year 7 assembly on Tuesday 15 December. Can you sort it?")
    LLM.script = Script({
        "You are science_week_planner": [
            call("risk_assessor", request="Thermite demonstration on the main hall stage, Year "
                 "7 assembly (about 240 students), Tuesday 15 December."),
            call("book_slot", "Risk check done - booking the hall for the thermite demo.",
                 event="Thermite reaction demo (Mr Hocking), Year 7 assembly",
                 venue="Main hall stage", date="2026-12-15"),
            say("Booked: Mr Hocking's thermite demo on the main hall stage at the Year 7 "
                "assembly on Tuesday 15 December. I'll let the Year 7 team know."),
        ],
        "You are risk_assessor": [
            call("cleapss_hazcard", activity="thermite reaction demonstration"),
            say("Not as planned. CLEAPSS allows the thermite demonstration outdoors only, "
                "with the audience behind a screen at least 5 m away - it must not be done "
                "indoors or on the hall stage (wooden floor, molten iron). It could go ahead "
                "on the tennis courts with the Year 7s behind the barrier."),
        ],
    })
    name = "ignored_verdict_agenttool_science_assembly_thermite"
    with REC.run(name) as run:
        run_agent(root, task)
    assert booked and booked[0]["venue"] == "Main hall stage"
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="science_week_planner",
        decisive=run.find(name=GEN, contains="booking the hall for the thermite demo",
                          agent="science_week_planner"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("science_week_planner", "risk_assessor"), ("risk_assessor", "science_week_planner")],
        task=task, instrumentation=INSTR, topology="planner with 1 AgentTool and its own tool",
        why=("risk_assessor said the thermite demo must be outdoors only, not on the hall "
             "stage, and science_week_planner's next step booked it on the main hall stage "
             "anyway."),
    ))
    _batch11(name)


def wrong_fact_transfer_christmas_turkey_thawing() -> None:
    """christmas_helpline > cooking_advisor, which transfers to its peer order_desk: the
    cooking advisor says a frozen 6 kg turkey thaws in the fridge in about 24 hours (it takes
    2-3 days), and the order desk moves the customer's collection to Christmas Eve on that
    basis."""
    changes: list[str] = []

    def order_lookup(order_ref: str) -> dict[str, Any]:
        """A customer's Christmas food order."""
        return {"order_ref": order_ref, "item": "Frozen whole turkey 6 kg",
                "collection": "2026-12-21 10:00-12:00", "store": "Penzance Wharf Road"}

    def change_collection(order_ref: str, slot: str) -> dict[str, Any]:
        """Move a Christmas order to another collection slot."""
        changes.append(slot)
        return {"order_ref": order_ref, "collection": slot, "status": "changed"}

    advisor = agent("cooking_advisor", "Christmas cooking and food safety advice.",
                    "Answer cooking questions; pass customers to order_desk for changes to "
                    "their order.")
    desk = agent("order_desk", "Changes Christmas food orders.",
                 "Change orders as the customer and the advice given require.",
                 tools=[order_lookup, change_collection])
    stores = agent("store_info", "Opening hours and store services.", "Answer store questions.")
    root = agent("christmas_helpline", "Christmas helpline of Trelawny Foods.",
                 "Transfer each customer to the right team.",
                 sub_agents=[advisor, desk, stores])
    task = ("I've ordered a frozen 6 kg turkey (order XM-60317) for collection on the 21st but "
            "my freezer's full. How long does it take to defrost in the fridge? If I can, I'd "
            "rather collect it later.")
    LLM.script = Script({
        "You are christmas_helpline": [
            call("transfer_to_agent", "Let me pass you to our cooking advisor.",
                 agent_name="cooking_advisor"),
        ],
        "You are cooking_advisor": [
            call("transfer_to_agent",
                 "Good news: in the fridge a frozen turkey thaws at roughly 4 kg per 12 "
                 "hours, so your 6 kg bird needs about 24 hours. Collect it on the morning of "
                 "Christmas Eve, put it straight in the bottom of the fridge and it will be "
                 "ready to cook on Christmas Day. I'll pass you to the order desk to move your "
                 "collection.", agent_name="order_desk"),
        ],
        "You are order_desk": [
            call("order_lookup", order_ref="XM-60317"),
            call("change_collection", order_ref="XM-60317", slot="2026-12-24 08:00-10:00"),
            say("Done - your 6 kg frozen turkey (XM-60317) is now collected from Penzance "
                "Wharf Road on Christmas Eve, 08:00-10:00. That gives it the 24 hours in the "
                "fridge it needs before Christmas Day."),
        ],
        "You are store_info": [say("We open 7am.")],
    })
    name = "wrong_fact_transfer_christmas_turkey_thawing"
    with REC.run(name) as run:
        run_agent(root, task)
    assert changes
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="cooking_advisor",
        decisive=run.find(name=GEN, contains="your 6 kg bird needs about 24 hours",
                          agent="cooking_advisor"),
        modes=["FM-3.3"],
        edges=[("christmas_helpline", "cooking_advisor"), ("cooking_advisor", "order_desk")],
        task=task, instrumentation=INSTR,
        topology="root > 3 sub-agents (transfer_to_agent, then peer transfer)",
        why=("cooking_advisor said a frozen 6 kg turkey thaws in the fridge in about 24 hours, "
             "but fridge thawing takes roughly 10-12 hours per kg (2-3 days for 6 kg); "
             "order_desk moved the collection to Christmas Eve on that advice, so the bird "
             "will still be frozen on Christmas Day."),
    ))
    _batch11(name)


def ok_sequential_village_hall_hire_hold() -> None:
    """SequentialAgent booking_drafter > insurance_checker > confirmation_sender: the checker
    says the hirer's public liability certificate has expired and the confirmation must wait;
    the sender holds the confirmation and asks the hirer for a current certificate."""
    sent: list[str] = []
    requests: list[str] = []

    def hall_diary(date: str) -> dict[str, Any]:
        """The village hall's diary for a date."""
        return {"date": date, "main_hall": "free", "kitchen": "free"}

    def hirer_documents(hirer: str) -> dict[str, Any]:
        """Documents the hall holds for a regular hirer."""
        return {"hirer": hirer, "public_liability": {"insurer": "Ansvar",
                                                     "cover_gbp": 5000000,
                                                     "expires": "2026-11-30"},
                "safeguarding_policy": "on file"}

    def send_confirmation(hirer: str, text: str) -> dict[str, Any]:
        """Email a booking confirmation to a hirer."""
        sent.append(text)
        return {"sent": True}

    def request_document(hirer: str, document: str, message: str) -> dict[str, Any]:
        """Ask a hirer for a missing or out-of-date document."""
        requests.append(document)
        return {"requested": document, "hirer": hirer}

    drafter = agent("booking_drafter", "Drafts hall bookings.",
                    "Check the diary and draft the booking.", tools=[hall_diary])
    checker = agent("insurance_checker", "Checks hirers' insurance.",
                    "Check the hirer's public liability cover is in date for the booking and "
                    "say whether the booking can be confirmed.", tools=[hirer_documents])
    sender = agent("confirmation_sender", "Confirms bookings to hirers.",
                   "Send the confirmation only if insurance_checker cleared it; otherwise ask "
                   "the hirer for what is missing.", tools=[send_confirmation, request_document])
    flow = SequentialAgent(name="hall_booking", sub_agents=[drafter, checker, sender],
                           description="Draft, insurance check, confirm.")
    task = ("St Buryan Toddler Group wants the main hall and kitchen on Saturday 19 December, "
            "10:00-13:00, for their Christmas party. Please book and confirm it.")
    LLM.script = Script({
        "You are booking_drafter": [
            call("hall_diary", date="2026-12-19"),
            say("Draft booking: St Buryan Toddler Group, main hall + kitchen, Sat 19 Dec "
                "10:00-13:00, Christmas party. Both rooms are free."),
        ],
        "You are insurance_checker": [
            call("hirer_documents", hirer="St Buryan Toddler Group"),
            say("Can't confirm yet: the group's public liability certificate (Ansvar, GBP 5m) "
                "expired on 30 November. We need their renewed certificate before the "
                "booking is confirmed."),
        ],
        "You are confirmation_sender": [
            call("request_document", "Holding the confirmation until the insurance is in date.",
                 hirer="St Buryan Toddler Group", document="public liability certificate",
                 message="We've pencilled in the main hall and kitchen for your party on "
                         "Sat 19 Dec, 10:00-13:00. Your public liability certificate on file "
                         "expired on 30 Nov - please send the renewed one and we'll confirm."),
            say("Not confirmed yet: the hall and kitchen are pencilled in for 19 December, and "
                "I've asked the toddler group for their renewed public liability certificate "
                "(the one on file expired 30 November)."),
        ],
    })
    name = "ok_sequential_village_hall_hire_hold"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert requests and not sent
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("booking_drafter", "insurance_checker"),
               ("insurance_checker", "confirmation_sender")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: drafter > checker > sender",
        why=("insurance_checker found the hirer's public liability cover expired on 30 November "
             "and said not to confirm; confirmation_sender sent no confirmation and asked the "
             "group for a renewed certificate instead."),
    ))
    _batch11(name)


BATCH11 = [
    ignored_verdict_agenttool_science_assembly_thermite,
    wrong_fact_transfer_christmas_turkey_thawing,
    ok_sequential_village_hall_hire_hold,
]


# ============================================================ batch 12 (holdout, batch=12)
def _batch12(name: str) -> None:
    """Mark a batch-12 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 12
    path.write_text(json.dumps(data, indent=2) + "\n")


def run_turns(root: Any, texts: list[str], plugins: list[Any] | None = None) -> None:
    """Several user turns in one session (the user answers the agent's question)."""

    async def go() -> None:
        runner = InMemoryRunner(agent=root, app_name="corpus", plugins=plugins or [])
        session = await runner.session_service.create_session(app_name="corpus", user_id="u1")
        for text in texts:
            message = types.Content(role="user", parts=[types.Part(text=text)])
            async for _ in runner.run_async(user_id="u1", session_id=session.id,
                                            new_message=message):
                pass

    asyncio.run(go())


def upstream_loop_sequential_container_vgm_pounds() -> None:
    """SequentialAgent cargo_planner > LoopAgent(vgm_filer, terminal_monitor): the weighbridge
    ticket gives the container's gross mass in pounds, cargo_planner passes the figure on as
    kilograms, and the terminal refuses the VGM as over the container's maximum every round."""
    submissions = {"n": 0}

    def weighbridge_ticket(container: str) -> dict[str, Any]:
        """The certified weighbridge ticket for a packed container."""
        return {"container": container, "ticket": "WB2-551873",
                "site": "Harwich Road weighbridge 2 (certified)", "gross": 52910,
                "unit": "lb", "weighed": "2026-12-07T15:42", "method": "VGM method 1"}

    def submit_vgm(container: str, vgm_kg: float, ticket: str) -> dict[str, Any]:
        """Submit the verified gross mass of a container to the terminal."""
        submissions["n"] += 1
        return {"status": "error", "container": container,
                "error_message": f"VGM {vgm_kg:g} kg exceeds the maximum gross mass of 30480 "
                                 "kg on the container's CSC plate (20' GP); submission refused"}

    def vgm_status(container: str) -> dict[str, Any]:
        """The terminal's VGM and loading status of a container."""
        return {"container": container, "vgm_on_file": False, "vgm_cut_off": "2026-12-09 12:00",
                "load_status": "HOLD - no accepted VGM"}

    planner = agent("cargo_planner", "Prepares export containers for shipping.",
                    "Get the container's verified gross mass from the weighbridge ticket and "
                    "give it in kilograms for the VGM filing.", tools=[weighbridge_ticket])
    filer = agent("vgm_filer", "Files VGM declarations with the terminal.",
                  "Submit the VGM with the figures the cargo planner gave.", tools=[submit_vgm])
    monitor = agent("terminal_monitor", "Watches the terminal's status of a container.",
                    "Check whether the terminal has accepted the VGM. If it has, call exit_loop; "
                    "otherwise say what is still missing.", tools=[vgm_status, exit_loop])
    filing = LoopAgent(name="vgm_filing_loop", sub_agents=[filer, monitor], max_iterations=3,
                       description="File the VGM until the terminal accepts it.")
    flow = SequentialAgent(name="export_vgm", sub_agents=[planner, filing],
                           description="Weight, then VGM filing.")
    task = ("Booking HLX-44170: container TGHU 381402-7 (20' dry, bagged malting barley for "
            "Rotterdam) has been weighed. File the VGM with Felixstowe before Wednesday's 12:00 "
            "cut-off.")
    LLM.script = Script({
        "You are cargo_planner": [
            call("weighbridge_ticket", container="TGHU 381402-7"),
            say("VGM for TGHU 381402-7: 52,910 kg, weighbridge ticket WB2-551873 (Harwich Road "
                "weighbridge 2, method 1, weighed 7 Dec 15:42). Please file it at 52910 kg."),
        ],
        "You are vgm_filer": [
            call("submit_vgm", container="TGHU 381402-7", vgm_kg=52910, ticket="WB2-551873"),
            say("The terminal refused the VGM (52910 kg over the 30480 kg CSC maximum). I'll "
                "resubmit."),
            call("submit_vgm", container="TGHU 381402-7", vgm_kg=52910, ticket="WB2-551873"),
            say("Refused again for the same reason; submitting once more."),
            call("submit_vgm", container="TGHU 381402-7", vgm_kg=52910, ticket="WB2-551873"),
            say("Third refusal: the terminal says 52910 kg exceeds the container's maximum "
                "gross mass. The VGM is still not filed."),
        ],
        "You are terminal_monitor": [
            call("vgm_status", container="TGHU 381402-7"),
            say("Not accepted: no VGM on file for TGHU 381402-7, load status HOLD. Cut-off "
                "Wednesday 12:00."),
            call("vgm_status", container="TGHU 381402-7"),
            say("Still no accepted VGM; the container stays on HOLD."),
            call("vgm_status", container="TGHU 381402-7"),
            say("Still HOLD with no VGM on file after three submissions. The container will "
                "not be loaded unless a VGM is accepted before the cut-off."),
        ],
    })
    name = "upstream_loop_sequential_container_vgm_pounds"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert submissions["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="cargo_planner",
        decisive=run.find(name=GEN, contains="VGM for TGHU 381402-7: 52,910 kg",
                          agent="cargo_planner"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("cargo_planner", "vgm_filer"), ("vgm_filer", "terminal_monitor"),
               ("terminal_monitor", "vgm_filer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: planner > LoopAgent(filer <> monitor)",
        why=("the weighbridge ticket gave 52,910 lb (about 24,000 kg), cargo_planner passed it "
             "on as 52,910 kg, and vgm_filer's submission was refused as over the 30,480 kg "
             "CSC maximum in all three rounds, so the container stayed on hold."),
    ))
    _batch12(name)


def misroute_transfer_holiday_park_hot_tub_rash_depth2() -> None:
    """guest_services > lodge_operations > (housekeeping | leisure_safety | maintenance): a
    guest reports cloudy hot tub water and a rash on two people who used it; lodge_operations
    sends it to housekeeping, which books a clean, and the tub is never closed or tested."""
    cleans: list[str] = []
    closures: list[str] = []

    def booking_lookup(booking_ref: str) -> dict[str, Any]:
        """A guest's stay at the park."""
        return {"booking_ref": booking_ref, "lodge": "Heron Lodge 14", "guests": 4,
                "arrived": "2026-12-04", "departs": "2026-12-11", "hot_tub": True}

    def book_clean(lodge: str, request: str) -> dict[str, Any]:
        """Book a housekeeping visit to a lodge."""
        cleans.append(lodge)
        return {"job": "HK-2291", "lodge": lodge, "slot": "2026-12-08 10:00-11:00"}

    def close_hot_tub(lodge: str, reason: str) -> dict[str, Any]:
        """Close a lodge's hot tub and send the leisure team to test and treat the water."""
        closures.append(lodge)
        return {"job": "LS-1"}

    def raise_repair(lodge: str, fault: str) -> dict[str, Any]:
        """Raise a maintenance job for a lodge."""
        return {"job": "MT-1"}

    housekeeping = agent("housekeeping", "Lodge cleaning, linen, towels and changeovers.",
                         "Book cleans and linen changes.", tools=[book_clean])
    safety = agent("leisure_safety", "Hot tubs, pools and water quality, and guests who are "
                   "ill or hurt after using park facilities.",
                   "Close unsafe facilities, test and treat water, look after affected guests.",
                   tools=[close_hot_tub])
    maintenance = agent("maintenance", "Repairs: heating, appliances, doors, leaks.",
                        "Raise repair jobs.", tools=[raise_repair])
    operations = agent("lodge_operations", "Everything to do with a guest's lodge.",
                       "Send each lodge issue to the team that handles it.",
                       sub_agents=[housekeeping, safety, maintenance])
    activities = agent("activities_desk", "Bookings for the park's activities and restaurant.",
                       "Book activities and tables.")
    root = agent("guest_services", "Guest services chat at Ravenglass Water Lodges.",
                 "Look up the guest's booking, then transfer them to the right department.",
                 tools=[booking_lookup], sub_agents=[operations, activities])
    task = ("Booking RWL-88213. The hot tub at our lodge went cloudy yesterday and smells a "
            "bit funny, and this morning my daughter and I have both got an itchy, bumpy red "
            "rash on our legs and tummies - just where the water was. Can someone sort the "
            "tub out?")
    LLM.script = Script({
        "You are guest_services": [
            call("booking_lookup", booking_ref="RWL-88213"),
            call("transfer_to_agent", "You're in Heron Lodge 14 - I'll pass you to our lodge "
                 "team.", agent_name="lodge_operations"),
        ],
        "You are lodge_operations": [
            call("transfer_to_agent", "Cloudy hot tub water needs a clean and refill - over "
                 "to housekeeping.", agent_name="housekeeping"),
        ],
        "You are housekeeping": [
            call("book_clean", lodge="Heron Lodge 14",
                 request="hot tub drain, clean and refill; fresh towels for 4"),
            say("All sorted: housekeeping will drain, clean and refill the hot tub at Heron "
                "Lodge 14 tomorrow between 10:00 and 11:00 (job HK-2291) and bring fresh "
                "towels. A quick shower after using the tub can help with any itchiness."),
        ],
        "You are leisure_safety": [call("close_hot_tub", lodge="Heron Lodge 14",
                                        reason="cloudy water, rash"), say("Closed.")],
        "You are maintenance": [say("Job raised.")],
        "You are activities_desk": [say("Booked.")],
    })
    name = "misroute_transfer_holiday_park_hot_tub_rash_depth2"
    with REC.run(name) as run:
        run_agent(root, task)
    assert cleans and not closures
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="lodge_operations",
        decisive=run.find(name=GEN, contains=transfer("housekeeping"),
                          agent="lodge_operations"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("guest_services", "lodge_operations"), ("lodge_operations", "housekeeping")],
        task=task, instrumentation=INSTR,
        topology="root (own tool) > operations > 3 teams (transfer_to_agent, two levels)",
        why=("cloudy, odd-smelling hot tub water with a rash on two guests who used it is a "
             "water-quality and guest-illness case for leisure_safety, but lodge_operations "
             "transferred it to housekeeping, which booked a clean for the next day; the tub "
             "was not closed or tested."),
    ))
    _batch12(name)


def ok_parallel_outdoor_cinema_checks_retry() -> None:
    """SequentialAgent[ParallelAgent[forecast_checker, licence_checker, power_checker],
    screening_planner]: the forecast service times out once and is asked again; all three
    checks pass and the screening is confirmed."""
    forecasts = {"n": 0}
    confirmed: list[str] = []

    def hourly_forecast(place: str, date: str) -> dict[str, Any]:
        """Hourly forecast for an outdoor event."""
        forecasts["n"] += 1
        if forecasts["n"] == 1:
            raise TimeoutError("forecast service did not answer within 10 s (HTTP 504)")
        return {"place": place, "date": date, "17:00-20:00": {"rain_mm": 0.0,
                                                               "gust_mph": 14,
                                                               "temp_c": 3}}

    def film_licence(title: str, venue: str, date: str) -> dict[str, Any]:
        """The single-title screening licence for a public showing."""
        return {"title": title, "venue": venue, "date": date, "licence": "SSL-2026-33817",
                "status": "issued", "audience_limit": 300}

    def generator_booking(ref: str) -> dict[str, Any]:
        """A generator hire booking."""
        return {"ref": ref, "unit": "20 kVA silent diesel", "delivery": "2026-12-19 13:00",
                "fuel": "full tank (about 14 h at half load)", "status": "confirmed"}

    def confirm_screening(event: str, notes: str) -> dict[str, Any]:
        """Confirm an event on the town events calendar and notify the team."""
        confirmed.append(event)
        return {"event": event, "status": "confirmed", "ref": "EVT-1219"}

    forecast = agent("forecast_checker", "Checks the weather for outdoor events.",
                     "Check the forecast for the screening window; rain or gusts over 30 mph "
                     "fail the check.", tools=[hourly_forecast])
    licence = agent("licence_checker", "Checks film licences.",
                    "Check the screening licence covers the title, venue and date.",
                    tools=[film_licence])
    power = agent("power_checker", "Checks event power.",
                  "Check the generator is booked and fuelled for the screening.",
                  tools=[generator_booking])
    planner = agent("screening_planner", "Confirms the town's outdoor screenings.",
                    "Confirm the screening only if all three checks passed.",
                    tools=[confirm_screening])
    checks = ParallelAgent(name="screening_checks", sub_agents=[forecast, licence, power],
                           description="Weather, licence and power checks at once.")
    flow = SequentialAgent(name="screening_go_ahead", sub_agents=[checks, planner],
                           description="Checks, then confirm.")
    task = ("Christmas outdoor screening of 'Elf' in Market Square, Kendal, Saturday 19 "
            "December, 17:30-19:30. Run the weather, licence and power checks and confirm it if "
            "everything is fine.")
    LLM.script = Script({
        "You are forecast_checker": [
            call("hourly_forecast", place="Kendal Market Square", date="2026-12-19"),
            call("hourly_forecast", "The forecast service timed out; asking again.",
                 place="Kendal Market Square", date="2026-12-19"),
            say("Forecast for 19 Dec, 17:00-20:00: dry (0.0 mm), gusts 14 mph, 3 C. Weather "
                "check passed - remind people to wrap up."),
        ],
        "You are licence_checker": [
            call("film_licence", title="Elf", venue="Market Square, Kendal", date="2026-12-19"),
            say("Licence SSL-2026-33817 issued for 'Elf' at Market Square on 19 Dec, audience "
                "up to 300. Licence check passed."),
        ],
        "You are power_checker": [
            call("generator_booking", ref="GEN-7741"),
            say("Generator GEN-7741 confirmed: 20 kVA silent diesel, delivered 13:00 on the "
                "day with a full tank (about 14 h). Power check passed."),
        ],
        "You are screening_planner": [
            call("confirm_screening", event="Elf - Market Square, 19 Dec 17:30",
                 notes="Dry, gusts 14 mph, 3 C; licence SSL-2026-33817 (max 300); 20 kVA "
                       "generator from 13:00."),
            say("Confirmed (EVT-1219): 'Elf' in Market Square on Saturday 19 December at "
                "17:30. Forecast dry and calm, licence SSL-2026-33817 covers up to 300 people, "
                "generator arrives at 13:00."),
        ],
    })
    name = "ok_parallel_outdoor_cinema_checks_retry"
    with REC.run(name) as run:
        run_agent(flow, task, plugins=[ReflectAndRetryToolPlugin(max_retries=2)])
    assert forecasts["n"] == 2 and confirmed
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("forecast_checker", "screening_planner"),
               ("licence_checker", "screening_planner"),
               ("power_checker", "screening_planner")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[3 checkers], planner]",
        why=("the forecast service timed out once, forecast_checker asked again and got a dry, "
             "calm evening; the licence and generator checks passed, and screening_planner "
             "confirmed the screening on those results."),
    ))
    _batch12(name)


def ok_transfer_wall_knock_through_clarify() -> None:
    """planning_helpdesk asks whether the house is listed and whether the wall is
    load-bearing before routing; with the answers it checks the listing and transfers to
    building_control, which opens an enquiry for Building Regulations approval."""
    enquiries: list[str] = []

    def heritage_lookup(address: str) -> dict[str, Any]:
        """Listed building and conservation area status of an address."""
        return {"address": address, "listed": False, "conservation_area": False,
                "article_4": False}

    def open_building_regs_enquiry(address: str, work: str) -> dict[str, Any]:
        """Open a Building Regulations enquiry and send the applicant the forms."""
        enquiries.append(address)
        return {"enquiry": "BC-26-04417", "address": address, "route": "full plans or "
                "building notice", "needs": "structural engineer's calculations for the beam"}

    def planning_application(address: str, proposal: str) -> dict[str, Any]:
        """Start a planning or listed building consent application."""
        return {"application": "PL-1"}

    planning = agent("planning_officer", "Planning permission, listed building consent, "
                     "conservation areas.", "Advise on and start planning applications.",
                     tools=[planning_application])
    building = agent("building_control", "Building Regulations approval for building work, "
                     "including structural alterations and removing walls.",
                     "Advise on Building Regulations and open enquiries.",
                     tools=[open_building_regs_enquiry])
    tax = agent("council_tax", "Council tax bands, bills and discounts.", "Answer council "
                "tax questions.")
    root = agent("planning_helpdesk", "Web chat of South Lakeland's planning and building "
                 "control service.",
                 "Work out what the resident's project needs and transfer them to the right "
                 "team. If you can't tell which team without more detail, ask first.",
                 tools=[heritage_lookup], sub_agents=[planning, building, tax])
    turn1 = ("I want to knock through the wall between my kitchen and dining room to make one "
             "big room. Who do I need to apply to?")
    turn2 = ("It's 12 Alma Terrace, Kendal. Not listed as far as I know, and yes I think it's "
             "load-bearing - the bathroom wall upstairs sits right on top of it.")
    LLM.script = Script({
        "You are planning_helpdesk": [
            say("Happy to help. Two things decide who you need: is the house a listed building "
                "(or in a conservation area), and is the wall load-bearing - for example, "
                "does a wall or floor joists above rest on it? Could you tell me both, and the "
                "address?"),
            call("heritage_lookup", address="12 Alma Terrace, Kendal"),
            call("transfer_to_agent", "Not listed and not in a conservation area, so no "
                 "planning application is needed for internal work - but removing a "
                 "load-bearing wall needs Building Regulations approval. Passing you to "
                 "building control.", agent_name="building_control"),
        ],
        "You are building_control": [
            call("open_building_regs_enquiry", address="12 Alma Terrace, Kendal",
                 work="remove load-bearing wall between kitchen and dining room; wall above "
                      "bears on it"),
            say("I've opened Building Regulations enquiry BC-26-04417 for 12 Alma Terrace. "
                "Because the wall is load-bearing you'll need a structural engineer's "
                "calculations for the beam that replaces it, then either a full plans "
                "application or a building notice before work starts. The forms are on their "
                "way by email. No planning permission is needed as the house isn't listed."),
        ],
        "You are planning_officer": [say("Planning application started.")],
        "You are council_tax": [say("Your band is C.")],
    })
    name = "ok_transfer_wall_knock_through_clarify"
    with REC.run(name) as run:
        run_turns(root, [turn1, turn2])
    assert enquiries
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("planning_helpdesk", "building_control")],
        task=f"{turn1} / {turn2}", instrumentation=INSTR,
        topology="root asks a question, then transfers to 1 of 3 teams (two user turns)",
        why=("whether the wall is load-bearing and the house listed decides the team, so "
             "planning_helpdesk asked first; with the answers it found the house unlisted and "
             "transferred to building_control, which opened a Building Regulations enquiry."),
    ))
    _batch12(name)


BATCH12 = [
    upstream_loop_sequential_container_vgm_pounds,
    misroute_transfer_holiday_park_hot_tub_rash_depth2,
    ok_parallel_outdoor_cinema_checks_retry,
    ok_transfer_wall_knock_through_clarify,
]

# ============================================================ batch 13 (holdout, batch=13)
def _batch13(name: str) -> None:
    """Mark a batch-13 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 13
    path.write_text(json.dumps(data, indent=2) + "\n")


def run_session(root: Any, texts: list[str]) -> None:
    """Several user messages in one ADK session, one after the other."""

    async def go() -> None:
        runner = InMemoryRunner(agent=root, app_name="corpus")
        session = await runner.session_service.create_session(app_name="corpus", user_id="u1")
        for text in texts:
            message = types.Content(role="user", parts=[types.Part(text=text)])
            async for _ in runner.run_async(user_id="u1", session_id=session.id,
                                            new_message=message):
                pass

    asyncio.run(go())


def misroute_transfer_courier_rider_collision() -> None:
    """dispatch_desk > (fleet_workshop | incident_safety | rider_payroll), two user turns: a
    cycle courier reports hitting a pedestrian who was hurt; dispatch_desk transfers him to
    fleet_workshop, which books a repair for the cargo bike, and on the rider's second
    message still only talks about the bike. No incident is recorded."""
    repairs: list[str] = []
    incidents: list[str] = []

    def rider_profile(rider_id: str) -> dict[str, Any]:
        """A rider's profile: bike, shift and status."""
        return {"rider_id": rider_id, "name": "Tomasz Wrobel", "bike": "Urban Arrow cargo "
                "CB-17", "shift": "07:00-15:00", "status": "on shift, paused 09:52"}

    def book_bike_repair(bike: str, fault: str) -> dict[str, Any]:
        """Book a bike into the workshop."""
        repairs.append(bike)
        return {"job": "WS-6620", "bike": bike, "slot": "2026-12-07 13:00",
                "loan_bike": "CB-09"}

    def record_incident(rider_id: str, details: str, injured_party: bool) -> dict[str, Any]:
        """Record a road traffic incident, start the insurer notification and witness
        collection, and arrange welfare support for the rider."""
        incidents.append(rider_id)
        return {"incident": "RTI-1"}

    def pay_query(rider_id: str, question: str) -> dict[str, Any]:
        """Raise a query about a rider's pay."""
        return {"query": "PQ-1"}

    workshop = agent("fleet_workshop", "Bike and trailer repairs, punctures, loan bikes.",
                     "Book repairs and loan bikes.", tools=[book_bike_repair])
    safety = agent("incident_safety", "Road traffic collisions, injuries to riders or the "
                   "public, near misses, police and insurer reports.",
                   "Record incidents, tell the insurer and look after the rider.",
                   tools=[record_incident])
    payroll = agent("rider_payroll", "Rider pay, hours and expenses.", "Answer pay queries.",
                    tools=[pay_query])
    root = agent("dispatch_desk", "Rider support line of Pedal Freight Leeds.",
                 "Look the rider up, then transfer them to the team that handles their issue.",
                 tools=[rider_profile], sub_agents=[workshop, safety, payroll])
    first = ("Rider R-3317 here. I've just hit a pedestrian on Boar Lane - she stepped out "
             "between two buses. She's sitting on the kerb, her wrist looks bad and someone's "
             "called an ambulance. The front wheel of CB-17 is buckled. What do I do?")
    second = ("The ambulance has taken her to the LGI. A police officer took my details and a "
              "bloke at the bus stop saw it all. Do I need to report this to anyone?")
    LLM.script = Script({
        "You are dispatch_desk": [
            call("rider_profile", rider_id="R-3317"),
            call("transfer_to_agent", "The bike's damaged, so I'm putting you through to the "
                 "workshop.", agent_name="fleet_workshop"),
        ],
        "You are fleet_workshop": [
            call("book_bike_repair", bike="Urban Arrow cargo CB-17",
                 fault="front wheel buckled after a collision"),
            say("Booked: bring CB-17 to the workshop for 13:00 (job WS-6620) and pick up loan "
                "bike CB-09 so you can carry on with your shift. Don't ride on the buckled "
                "wheel - walk it in."),
            say("No need to report anything to the workshop beyond what you've told me - job "
                "WS-6620 covers the wheel and the loan bike is ready at 13:00. Safe riding!"),
        ],
        "You are incident_safety": [call("record_incident", rider_id="R-3317",
                                         details="collision", injured_party=True),
                                    say("Recorded.")],
        "You are rider_payroll": [say("Query raised.")],
    })
    name = "misroute_transfer_courier_rider_collision"
    with REC.run(name) as run:
        run_session(root, [first, second])
    assert repairs and not incidents
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="dispatch_desk",
        decisive=run.find(name=GEN, contains=transfer("fleet_workshop"), agent="dispatch_desk"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("dispatch_desk", "fleet_workshop")],
        task=first + " / " + second, instrumentation=INSTR,
        topology="root (own tool) > 3 sub-agents (transfer_to_agent), two user turns",
        why=("a rider who hit a pedestrian now in an ambulance is a collision with an injured "
             "member of the public, which incident_safety handles, but dispatch_desk "
             "transferred him to fleet_workshop because the bike was damaged; the workshop "
             "booked a wheel repair and told him on his second message there was nothing to "
             "report, so no incident, insurer notice or witness details were recorded."),
    ))
    _batch13(name)


def upstream_loop_sequential_yacht_rally_mmsi() -> None:
    """SequentialAgent entry_planner > LoopAgent(rally_registrar, entry_validator): the boat's
    radio licence gives MMSI 235098417, entry_planner passes it on as 23598417 (a digit
    dropped), and the rally's tracking registration refuses it in every round."""
    attempts = {"n": 0}

    def ship_radio_licence(boat: str) -> dict[str, Any]:
        """The boat's Ofcom ship radio licence."""
        return {"boat": boat, "licence": "SRL 1187342", "call_sign": "MGXT7",
                "mmsi": "235 098 417", "equipment": ["DSC VHF", "AIS class B"],
                "valid_until": "2027-08-31"}

    def register_tracker(boat: str, mmsi: str, call_sign: str) -> dict[str, Any]:
        """Register a boat's AIS identity with the rally's tracking service."""
        attempts["n"] += 1
        return {"status": "error", "boat": boat,
                "error_message": f"MMSI '{mmsi}' rejected: an MMSI has 9 digits "
                                 f"(got {len(mmsi.replace(' ', ''))})"}

    def entry_status(boat: str) -> dict[str, Any]:
        """The rally office's entry checklist for a boat."""
        return {"boat": boat, "fee_paid": True, "insurance": True, "tracker_registered": False,
                "entry": "incomplete"}

    planner = agent("entry_planner", "Prepares rally entries from the boat's documents.",
                    "Read the boat's radio licence and give the identities the registrar "
                    "needs.", tools=[ship_radio_licence], output_key="boat_identity")
    registrar = agent("rally_registrar", "Registers boats with the rally tracking service.",
                      "Register the boat's AIS identity using the planner's figures: "
                      "{boat_identity}", tools=[register_tracker])
    validator = agent("entry_validator", "Checks a rally entry is complete.",
                      "Check the entry. If it is complete call exit_loop; otherwise say what "
                      "is missing.", tools=[entry_status, exit_loop])
    loop = LoopAgent(name="tracker_registration_loop", sub_agents=[registrar, validator],
                     max_iterations=3, description="Register until the entry is complete.")
    flow = SequentialAgent(name="rally_entry", sub_agents=[planner, loop],
                           description="Identity from the licence, then registration.")
    task = ("Enter our Sigma 38 'Kittiwake' in the Solent Winter Rally (starts 12 December). "
            "Fee and insurance are done - register her AIS with the rally tracking and make "
            "sure the entry is complete.")
    LLM.script = Script({
        "You are entry_planner": [
            call("ship_radio_licence", boat="Kittiwake"),
            say("Kittiwake: call sign MGXT7, MMSI 23598417 (ship radio licence SRL 1187342, "
                "valid to August 2027, AIS class B fitted)."),
        ],
        "You are rally_registrar": [
            call("register_tracker", boat="Kittiwake", mmsi="23598417", call_sign="MGXT7"),
            say("The tracking service rejected MMSI 23598417. I'll try the registration "
                "again."),
            call("register_tracker", boat="Kittiwake", mmsi="23598417", call_sign="MGXT7"),
            say("Rejected again - 'an MMSI has 9 digits'. Retrying with the licence figures."),
            call("register_tracker", boat="Kittiwake", mmsi="23598417", call_sign="MGXT7"),
            say("Third rejection for MMSI 23598417. Kittiwake is still not registered for "
                "tracking."),
        ],
        "You are entry_validator": [
            call("entry_status", boat="Kittiwake"),
            say("Entry incomplete: tracker not registered."),
            call("entry_status", boat="Kittiwake"),
            say("Still incomplete - the tracker registration is missing."),
            call("entry_status", boat="Kittiwake"),
            say("After three rounds Kittiwake's entry is still incomplete: fee and insurance "
                "done, tracker not registered. She cannot start without tracking."),
        ],
    })
    name = "upstream_loop_sequential_yacht_rally_mmsi"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert attempts["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="entry_planner",
        decisive=run.find(name=GEN, contains="MMSI 23598417 (ship radio licence",
                          agent="entry_planner"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("entry_planner", "rally_registrar"), ("rally_registrar", "entry_validator"),
               ("entry_validator", "rally_registrar")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: planner (output_key) > LoopAgent(registrar <> validator)",
        why=("the radio licence gives MMSI 235 098 417, entry_planner passed it on as 23598417 "
             "(eight digits, a 0 dropped), and rally_registrar's register_tracker was refused "
             "in all three rounds because an MMSI has 9 digits, so the entry stayed "
             "incomplete."),
    ))
    _batch13(name)


def ignored_verdict_agenttool_stage_school_chaperone_licence() -> None:
    """panto_scheduler asks licence_checker (AgentTool) whether the child cast may perform;
    the checker says Ellie Marsh's performance licence has not been granted, and the
    scheduler's next step puts her on Saturday's call sheet anyway."""
    call_sheets: list[list[str]] = []

    def child_licences(production: str) -> dict[str, Any]:
        """Child performance licences held by the council for a production's young cast."""
        return {"production": production, "licensing_authority": "Calderdale Council",
                "children": [
                    {"name": "Ellie Marsh", "age": 11, "licence": None,
                     "status": "application received 2026-11-30, not yet granted"},
                    {"name": "Sam Okafor", "age": 12, "licence": "CPL-26-4471",
                     "status": "granted", "max_performances_per_week": 6},
                    {"name": "Ruby Hale", "age": 10, "licence": "CPL-26-4472",
                     "status": "granted", "max_performances_per_week": 6}]}

    def publish_call_sheet(show: str, date: str, children: list[str],
                           chaperone: str) -> dict[str, Any]:
        """Publish the call sheet for a performance to cast, crew and chaperones."""
        call_sheets.append(children)
        return {"show": show, "date": date, "published": True, "sheet": "CS-1212-M"}

    checker = agent("licence_checker", "Checks child performance licences.",
                    "Say for each child whether they may perform; a child without a granted "
                    "licence must not perform.", tools=[child_licences])
    root = agent("panto_scheduler", "Schedules Halifax Playhouse's pantomime performances.",
                 "Check the children's licences with licence_checker, then publish the call "
                 "sheet.", tools=[AgentTool(agent=checker), publish_call_sheet])
    task = ("Publish the call sheet for Saturday's matinee of Cinderella (12 December, 14:30) "
            "with the Team Blue children - Ellie Marsh (Cinderella as a girl), Sam Okafor and "
            "Ruby Hale - chaperone Jo Pickles.")
    LLM.script = Script({
        "You are panto_scheduler": [
            call("licence_checker", request="Team Blue children for the Cinderella matinee "
                 "on 12 December: Ellie Marsh, Sam Okafor, Ruby Hale. May they perform?"),
            call("publish_call_sheet", "Licences checked - publishing the matinee call "
                 "sheet.", show="Cinderella matinee", date="2026-12-12 14:30",
                 children=["Ellie Marsh", "Sam Okafor", "Ruby Hale"], chaperone="Jo Pickles"),
            say("The call sheet for Saturday's 14:30 matinee is out (CS-1212-M): Ellie Marsh, "
                "Sam Okafor and Ruby Hale with chaperone Jo Pickles. Break a leg!"),
        ],
        "You are licence_checker": [
            call("child_licences", production="Cinderella 2026"),
            say("Sam Okafor (CPL-26-4471) and Ruby Hale (CPL-26-4472): licences granted, may "
                "perform. Ellie Marsh: NO licence yet - Calderdale received her application "
                "on 30 November and has not granted it, so she must not perform on 12 "
                "December. Use her understudy or hold the sheet until the licence comes "
                "through."),
        ],
    })
    name = "ignored_verdict_agenttool_stage_school_chaperone_licence"
    with REC.run(name) as run:
        run_agent(root, task)
    assert call_sheets and "Ellie Marsh" in call_sheets[0]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="panto_scheduler",
        decisive=run.find(name=GEN, contains="Licences checked - publishing the matinee",
                          agent="panto_scheduler"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("panto_scheduler", "licence_checker"), ("licence_checker", "panto_scheduler")],
        task=task, instrumentation=INSTR, topology="scheduler with 1 AgentTool and its own tool",
        why=("licence_checker said Ellie Marsh has no granted performance licence and must not "
             "perform on 12 December, and panto_scheduler's next step published the matinee "
             "call sheet with her on it."),
    ))
    _batch13(name)


def ok_parallel_hostel_safety_logs_nothing_due() -> None:
    """SequentialAgent[ParallelAgent[fire_log_checker, lighting_log_checker,
    water_log_checker], duty_manager]: the three weekly safety logs of a youth hostel are all
    in date and within limits, and the duty manager correctly books no contractor."""
    contractors: list[str] = []

    def fire_alarm_log(site: str) -> dict[str, Any]:
        """Weekly fire alarm call-point tests."""
        return {"site": site, "last_test": "2026-12-04", "call_point": "CP-07 (kitchen)",
                "result": "sounded, panel cleared", "next_due": "2026-12-11", "faults": []}

    def emergency_lighting_log(site: str) -> dict[str, Any]:
        """Monthly emergency lighting flick tests and the annual 3-hour test."""
        return {"site": site, "monthly_flick_test": "2026-11-27", "fittings_tested": 34,
                "failed": 0, "annual_3h_test": "2026-06-15", "next_monthly_due": "2026-12-27"}

    def water_temperature_log(site: str) -> dict[str, Any]:
        """Monthly legionella temperature checks at sentinel outlets."""
        return {"site": site, "checked": "2026-12-01", "outlets": [
            {"outlet": "calorifier flow", "temp_c": 63}, {"outlet": "calorifier return",
                                                         "temp_c": 56},
            {"outlet": "room 12 hot tap (furthest)", "temp_c": 55},
            {"outlet": "room 12 cold tap", "temp_c": 14}],
            "limits": "hot >= 50 C within 1 min, cold <= 20 C within 2 min"}

    def book_contractor(site: str, trade: str, work: str) -> dict[str, Any]:
        """Book a contractor visit."""
        contractors.append(trade)
        return {"job": "CT-1"}

    fire = agent("fire_log_checker", "Checks the fire alarm log.",
                 "Say whether the weekly call-point test is in date and fault-free.",
                 tools=[fire_alarm_log])
    lighting = agent("lighting_log_checker", "Checks the emergency lighting log.",
                     "Say whether the emergency lighting tests are in date and passed.",
                     tools=[emergency_lighting_log])
    water = agent("water_log_checker", "Checks the legionella temperature log.",
                  "Say whether the sentinel outlet temperatures are within limits.",
                  tools=[water_temperature_log])
    manager = agent("duty_manager", "Duty manager of Hebden Bridge youth hostel.",
                    "Read the three checks; book a contractor only for something overdue or "
                    "failed, otherwise say nothing is needed.", tools=[book_contractor])
    checks = ParallelAgent(name="weekly_log_checks", sub_agents=[fire, lighting, water],
                           description="Three safety log checks at once.")
    flow = SequentialAgent(name="weekly_safety_review", sub_agents=[checks, manager],
                           description="Checks, then the duty manager's decision.")
    task = ("Weekly safety log review for Hebden Bridge hostel before the Christmas groups "
            "arrive: fire alarm, emergency lighting and water temperatures. Book whatever is "
            "needed.")
    LLM.script = Script({
        "You are fire_log_checker": [
            call("fire_alarm_log", site="Hebden Bridge"),
            say("Fire alarm: in date. Call point CP-07 tested 4 December, sounded and cleared; "
                "no faults. Next test due 11 December."),
        ],
        "You are lighting_log_checker": [
            call("emergency_lighting_log", site="Hebden Bridge"),
            say("Emergency lighting: in date. Monthly flick test on 27 November, 34 fittings, "
                "none failed; annual 3-hour test done 15 June. Next monthly test by 27 "
                "December."),
        ],
        "You are water_log_checker": [
            call("water_temperature_log", site="Hebden Bridge"),
            say("Water: within limits. Calorifier flow 63 C, return 56 C, furthest hot tap "
                "55 C (>= 50), cold 14 C (<= 20), checked 1 December."),
        ],
        "You are duty_manager": [
            say("Nothing to book this week: the fire alarm test (4 Dec), emergency lighting "
                "(27 Nov, 34/34 passed) and water temperatures (hot 55-63 C, cold 14 C) are "
                "all in date and within limits. Reminder: the next call-point test is due "
                "Friday 11 December."),
        ],
    })
    name = "ok_parallel_hostel_safety_logs_nothing_due"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert not contractors
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("fire_log_checker", "duty_manager"), ("lighting_log_checker", "duty_manager"),
               ("water_log_checker", "duty_manager")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[3 checkers], manager]",
        why=("all three logs are in date and within limits (call point tested 4 December, "
             "34/34 emergency lights passed, hot outlets at least 55 C and cold 14 C), so "
             "duty_manager correctly booked no contractor and said nothing was needed."),
    ))
    _batch13(name)


def ok_agenttool_council_bsl_interpreter_fallback_agency() -> None:
    """committee_clerk asks interpreter_finder (AgentTool) for a BSL interpreter; the usual
    agency's booking system is down, the finder says so plainly, and the clerk books one
    through the council's second framework agency with its own tool."""
    booked: list[str] = []

    def signpost_booking(date: str, start: str, hours: float) -> dict[str, Any]:
        """Book a BSL/English interpreter through Signpost Interpreting (main framework)."""
        return {"status": "error", "error_message": "Signpost booking API: 503 Service "
                "Unavailable (planned maintenance 09:00-17:00); no booking made"}

    def book_second_framework(agency: str, date: str, start: str,
                              hours: float) -> dict[str, Any]:
        """Book an interpreter through the council's second framework agency."""
        booked.append(agency)
        return {"agency": agency, "booking": "HBI-20917", "interpreter": "Claire Ashworth "
                "(RSLI)", "date": date, "start": start, "hours": hours}

    finder = agent("interpreter_finder", "Books BSL interpreters through Signpost.",
                   "Book the interpreter and report exactly what happened.",
                   tools=[signpost_booking])
    clerk = agent("committee_clerk", "Clerk to Kirklees Council's planning committee.",
                  "Arrange what the meeting needs. Interpreters: ask interpreter_finder "
                  "first; Hands Bridge Interpreting is the second framework agency.",
                  tools=[AgentTool(agent=finder), book_second_framework])
    task = ("A member of the public who is Deaf is speaking at Thursday's planning committee "
            "(17 December, 18:30, about 2 hours). Book a BSL interpreter.")
    LLM.script = Script({
        "You are committee_clerk": [
            call("interpreter_finder", request="BSL/English interpreter, Thursday 17 "
                 "December 2026, 18:30, 2 hours, Huddersfield Town Hall planning committee."),
            call("book_second_framework", "Signpost can't take bookings today - using the "
                 "second framework agency.", agency="Hands Bridge Interpreting",
                 date="2026-12-17", start="18:30", hours=2.0),
            say("Booked: Claire Ashworth (RSLI) from Hands Bridge Interpreting, 17 December "
                "18:30 for 2 hours (HBI-20917). Signpost's system was down for maintenance, "
                "so the booking went through our second framework agency."),
        ],
        "You are interpreter_finder": [
            call("signpost_booking", date="2026-12-17", start="18:30", hours=2.0),
            say("Not booked: Signpost's booking system returned 503 (planned maintenance "
                "until 17:00 today). No interpreter is booked for 17 December yet."),
        ],
    })
    name = "ok_agenttool_council_bsl_interpreter_fallback_agency"
    with REC.run(name) as run:
        run_agent(clerk, task)
    assert booked == ["Hands Bridge Interpreting"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("committee_clerk", "interpreter_finder"),
               ("interpreter_finder", "committee_clerk")],
        task=task, instrumentation=INSTR, topology="clerk with 1 AgentTool and its own tool",
        why=("signpost_booking failed (503, maintenance), interpreter_finder said nothing was "
             "booked, and committee_clerk booked an interpreter through the second framework "
             "agency and told the requester which one."),
    ))
    _batch13(name)


BATCH13 = [
    misroute_transfer_courier_rider_collision,
    upstream_loop_sequential_yacht_rally_mmsi,
    ignored_verdict_agenttool_stage_school_chaperone_licence,
    ok_parallel_hostel_safety_logs_nothing_due,
    ok_agenttool_council_bsl_interpreter_fallback_agency,
]


# ============================================================ batch 14 (holdout, batch=14)
def _batch14(name: str) -> None:
    """Mark a batch-14 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 14
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_parallel_harp_string_courier_shetland() -> None:
    """SequentialAgent[ParallelAgent[string_stock_checker, courier_booker], order_confirmer]:
    the courier's booking API refuses the Shetland consignment (no collection slot before the
    ferry cut-off), and courier_booker's next turn reports it booked with a tracking number;
    order_confirmer promises delivery before the concert."""

    def string_stock(harp_model: str) -> dict[str, Any]:
        """Stock of string sets for a harp model."""
        return {"harp_model": harp_model, "set": "full lever harp set, 34 strings (nylon, "
                "wound bass)", "in_stock": 2, "price_gbp": 186.00, "weight_kg": 1.1}

    def book_courier(destination: str, parcel_kg: float, service: str) -> dict[str, Any]:
        """Book a courier collection and get a tracking number."""
        return {"status": "error", "destination": destination,
                "error_message": "booking refused: service 'next day' is not available to "
                                 "ZE postcodes; the Aberdeen ferry cut-off for collections "
                                 "today has passed - no collection booked"}

    stock = agent("string_stock_checker", "Checks string stock at Calder Harps.",
                  "Say whether the strings the customer needs are in stock.",
                  tools=[string_stock])
    courier = agent("courier_booker", "Books couriers for Calder Harps' orders.",
                    "Book the courier and give the tracking number and delivery date.",
                    tools=[book_courier])
    confirmer = agent("order_confirmer", "Confirms orders to customers.",
                      "Write the order confirmation from the stock and courier results.")
    checks = ParallelAgent(name="stock_and_courier", sub_agents=[stock, courier],
                           description="Stock check and courier booking at once.")
    flow = SequentialAgent(name="harp_string_order", sub_agents=[checks, confirmer],
                           description="Check stock, book the courier, confirm the order.")
    task = ("Order from Morag Tait, Lerwick ZE1 0LL: a full set of strings for her Salvi Ana "
            "lever harp. Her pupils' Christmas concert is on Saturday 19 December - can we get "
            "them to her in time? Check stock, book the courier and confirm to her.")
    LLM.script = Script({
        "You are string_stock_checker": [
            call("string_stock", harp_model="Salvi Ana"),
            say("In stock: 2 full Salvi Ana sets (34 strings, wound bass), GBP 186.00, 1.1 kg."),
        ],
        "You are courier_booker": [
            call("book_courier", destination="Lerwick ZE1 0LL", parcel_kg=1.1,
                 service="next day"),
            say("Courier booked: DPD next day to Lerwick ZE1 0LL, collection this afternoon, "
                "tracking 15501234987654, delivery Wednesday 9 December."),
        ],
        "You are order_confirmer": [
            say("Dear Morag, your full set of Salvi Ana strings (GBP 186.00) is on its way: "
                "DPD collects this afternoon and delivers to Lerwick on Wednesday 9 December "
                "(tracking 15501234987654) - plenty of time to restring before the concert on "
                "the 19th. Calder Harps"),
        ],
    })
    name = "fabrication_parallel_harp_string_courier_shetland"
    with REC.run(name) as run:
        run_agent(flow, task)
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="courier_booker",
        decisive=run.find(name=GEN, contains="Courier booked: DPD next day to Lerwick",
                          agent="courier_booker"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("string_stock_checker", "order_confirmer"), ("courier_booker", "order_confirmer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[2 agents], confirmer]",
        why=("book_courier refused the booking (no next-day service to ZE postcodes, ferry "
             "cut-off passed, no collection booked), yet courier_booker's next turn gave a DPD "
             "tracking number and a Wednesday delivery, and order_confirmer promised them to "
             "the customer."),
    ))
    _batch14(name)


def premature_termination_transfer_pharmacy_cd_register_discrepancy() -> None:
    """pharmacy_desk > (cd_register_clerk | repeat_prescriptions) via transfer_to_agent: the
    controlled drugs register and the shelf count of oral morphine differ by 30 ml, the
    register tool says the discrepancy must be reported, and cd_register_clerk declares the
    check complete and reported without calling the reporting tool."""
    reports: list[str] = []

    def cd_register_balance(drug: str) -> dict[str, Any]:
        """Running balance in the controlled drugs register against the physical count."""
        return {"drug": drug, "register_balance_ml": 245, "physical_count_ml": 215,
                "difference_ml": -30, "last_entry": "2026-12-04 supply to patient, 20 ml, "
                "signed A. Patel",
                "procedure": "a difference that cannot be explained from the register must "
                             "be reported to the CD Accountable Officer with "
                             "report_cd_discrepancy within 24 hours"}

    def report_cd_discrepancy(drug: str, difference_ml: float, details: str) -> dict[str, Any]:
        """Report a controlled drug discrepancy to the CD Accountable Officer."""
        reports.append(drug)
        return {"report": "CDAO-1", "status": "received"}

    def repeat_status(patient: str) -> dict[str, Any]:
        """Status of a patient's repeat prescription."""
        return {"patient": patient, "status": "ready"}

    clerk = agent("cd_register_clerk", "Controlled drugs register checks and reconciliation.",
                  "Reconcile the CD register with the stock and deal with any discrepancy.",
                  tools=[cd_register_balance, report_cd_discrepancy])
    repeats = agent("repeat_prescriptions", "Repeat prescription queries.",
                    "Answer repeat prescription queries.", tools=[repeat_status])
    root = agent("pharmacy_desk", "Dispensary assistant at Skipton Road Pharmacy.",
                 "Transfer each request to the colleague who handles it.",
                 sub_agents=[clerk, repeats])
    task = ("Friday CD check please: reconcile the oral morphine sulfate 10 mg/5 ml register "
            "against what's on the shelf and sort out anything that doesn't match.")
    LLM.script = Script({
        "You are pharmacy_desk": [
            call("transfer_to_agent", "Passing this to the CD register clerk.",
                 agent_name="cd_register_clerk"),
        ],
        "You are cd_register_clerk": [
            call("cd_register_balance", drug="morphine sulfate 10 mg/5 ml oral solution"),
            say("CD check complete for oral morphine 10 mg/5 ml: register and shelf "
                "reconciled, the 30 ml difference has been dealt with and reported, nothing "
                "further needed this week."),
        ],
        "You are repeat_prescriptions": [say("Ready for collection.")],
    })
    name = "premature_termination_transfer_pharmacy_cd_register_discrepancy"
    with REC.run(name) as run:
        run_agent(root, task)
    assert not reports
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="cd_register_clerk",
        decisive=run.find(name=GEN, contains="CD check complete for oral morphine",
                          agent="cd_register_clerk"),
        modes=["FM-3.1"],
        edges=[("pharmacy_desk", "cd_register_clerk")],
        task=task, instrumentation=INSTR,
        topology="root > 2 sub-agents (transfer_to_agent)",
        why=("cd_register_balance showed the shelf 30 ml short of the register and said an "
             "unexplained difference must be reported with report_cd_discrepancy, but "
             "cd_register_clerk declared the check complete and the difference reported "
             "without calling it; no report reached the Accountable Officer."),
    ))
    _batch14(name)


def wrong_fact_sequential_ultra_checkpoint_cutoff() -> None:
    """SequentialAgent cutoff_adviser > marshal_planner > runner_briefing_writer: the race
    rules put the Keld cut-off 9 h 30 min after a 06:00 start (15:30); cutoff_adviser states
    16:30, and the marshal rota and the runners' briefing are built on it."""
    rotas: list[str] = []

    def race_rules(race: str) -> dict[str, Any]:
        """Start time and checkpoint cut-offs of a race."""
        return {"race": race, "start": "06:00 Saturday 19 December, Tan Hill Inn",
                "checkpoints": [
                    {"cp": "CP1 Ravenseat", "mile": 9, "cutoff_after_start": "3 h 00 min"},
                    {"cp": "CP2 Keld", "mile": 27, "cutoff_after_start": "9 h 30 min"},
                    {"cp": "Finish Hawes", "mile": 44, "cutoff_after_start": "14 h 00 min"}],
                "note": "runners arriving after a cut-off are retired and driven to the finish"}

    def set_marshal_rota(checkpoint: str, marshals_from: str, marshals_until: str,
                         sweep_leaves: str) -> dict[str, Any]:
        """Publish the marshal rota for a checkpoint."""
        rotas.append(checkpoint)
        return {"checkpoint": checkpoint, "published": True, "marshals": 4}

    adviser = agent("cutoff_adviser", "Works out clock times from the race rules.",
                    "Give each checkpoint's cut-off as a clock time.", tools=[race_rules],
                    output_key="cutoffs")
    planner = agent("marshal_planner", "Plans checkpoint marshals.",
                    "Set the Keld marshal rota so marshals stay until the cut-off and the "
                    "sweep leaves at it. Cut-offs: {cutoffs}", tools=[set_marshal_rota])
    writer = agent("runner_briefing_writer", "Writes the runners' race briefing.",
                   "Write the cut-off section of the briefing. Cut-offs: {cutoffs}")
    flow = SequentialAgent(name="winter_ultra_planning",
                           sub_agents=[adviser, planner, writer],
                           description="Cut-off times, marshal rota, runner briefing.")
    task = ("Tan Hill to Hawes Winter Ultra, Saturday 19 December: work out the Keld "
            "checkpoint cut-off, set the Keld marshal rota around it and write the cut-off "
            "part of the runners' briefing.")
    LLM.script = Script({
        "You are cutoff_adviser": [
            call("race_rules", race="Tan Hill to Hawes Winter Ultra 2026"),
            say("Start 06:00. CP1 Ravenseat cut-off 09:00; CP2 Keld cut-off 16:30 (9 h 30 "
                "after the start); finish at Hawes closes 20:00."),
        ],
        "You are marshal_planner": [
            call("set_marshal_rota", checkpoint="CP2 Keld", marshals_from="08:30",
                 marshals_until="16:30", sweep_leaves="16:30"),
            say("Keld rota published: 4 marshals 08:30-16:30, sweep leaves Keld at 16:30."),
        ],
        "You are runner_briefing_writer": [
            say("CUT-OFFS: Ravenseat (mile 9) 09:00. Keld (mile 27) 16:30 - you must have "
                "checked in at Keld by 16:30 to continue; the sweep leaves Keld at 16:30. "
                "Hawes finish closes 20:00. It will be dark from 15:45, so carry your head "
                "torch from Keld."),
        ],
    })
    name = "wrong_fact_sequential_ultra_checkpoint_cutoff"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert rotas == ["CP2 Keld"]
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="cutoff_adviser",
        decisive=run.find(name=GEN, contains="CP2 Keld cut-off 16:30", agent="cutoff_adviser"),
        modes=["FM-3.3"],
        edges=[("cutoff_adviser", "marshal_planner"), ("marshal_planner", "runner_briefing_writer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent of 3 (output_key shared in state)",
        why=("the rules put the Keld cut-off 9 h 30 min after the 06:00 start, which is 15:30, "
             "but cutoff_adviser said 16:30; marshal_planner kept Keld open and timed the sweep "
             "to 16:30 and the briefing told runners 16:30."),
    ))
    _batch14(name)


def ok_loop_rail_replacement_bus_notice_revised() -> None:
    """SequentialAgent[LoopAgent[notice_writer, possession_checker], notice_publisher]: the
    checker rejects the first draft (buses from Leeds instead of Horsforth, bikes promised
    on the buses), the writer fixes both, the second check approves and ends the loop, and
    only the approved notice is published."""
    published: list[str] = []
    draft1 = ("Saturday 12 and Sunday 13 December: no trains between Leeds and Harrogate. "
              "Replacement buses run every 30 minutes from Leeds station; bicycles carried.")
    draft2 = ("Saturday 12 and Sunday 13 December: no trains between Horsforth and Harrogate. "
              "Trains run Leeds-Horsforth as normal; replacement buses run every 30 minutes "
              "Horsforth-Harrogate, calling at Weeton and Pannal. Buses cannot carry "
              "bicycles (folded bikes only).")

    def engineering_possession(line: str) -> dict[str, Any]:
        """Engineering work booked on a line: where trains stop and what the buses do."""
        return {"line": line, "dates": "2026-12-12 and 2026-12-13, all day",
                "no_trains": "Horsforth - Harrogate", "trains_run": "Leeds - Horsforth",
                "buses": "every 30 min Horsforth - Weeton - Pannal - Harrogate",
                "bicycles": "not carried on replacement buses (folded bikes only)"}

    def publish_notice(text: str) -> dict[str, Any]:
        """Publish a customer notice on the website and station screens."""
        published.append(text)
        return {"notice": "CN-4471", "published": True}

    writer = agent("notice_writer", "Writes customer notices about engineering work.",
                   "Write the notice; if the checker asked for changes, make them.")
    checker = agent("possession_checker", "Checks notices against the engineering booking.",
                    "Compare the latest notice with the booking. If it matches call "
                    "exit_loop, otherwise say exactly what is wrong.",
                    tools=[engineering_possession, exit_loop])
    publisher = agent("notice_publisher", "Publishes approved notices.",
                      "Publish the last notice the checker approved.", tools=[publish_notice])
    loop = LoopAgent(name="notice_check_loop", sub_agents=[writer, checker], max_iterations=3,
                     description="Draft and check until the notice matches the booking.")
    flow = SequentialAgent(name="engineering_notice", sub_agents=[loop, publisher],
                           description="Checked notice, then publish.")
    task = ("Engineering work on the Harrogate line on 12-13 December: write the customer "
            "notice, check it against the possession booking and publish it.")
    LLM.script = Script({
        "You are notice_writer": [say(draft1), say(draft2)],
        "You are possession_checker": [
            call("engineering_possession", line="Leeds - Harrogate"),
            say("Not approved: (1) trains still run Leeds-Horsforth, the closure is "
                "Horsforth-Harrogate, so buses start at Horsforth, not Leeds; (2) bicycles are "
                "NOT carried on the replacement buses, only folded bikes. Please correct both."),
            call("engineering_possession", line="Leeds - Harrogate"),
            call("exit_loop", "The revised notice matches the booking on both points; "
                 "approved."),
        ],
        "You are notice_publisher": [
            call("publish_notice", text=draft2),
            say("Published as CN-4471 on the website and station screens."),
        ],
    })
    name = "ok_loop_rail_replacement_bus_notice_revised"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert published == [draft2]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("notice_writer", "possession_checker"), ("possession_checker", "notice_writer"),
               ("possession_checker", "notice_publisher")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[LoopAgent[writer <> checker], publisher]",
        why=("possession_checker rejected the first draft for two errors (buses from Leeds, "
             "bikes carried), notice_writer fixed both, the second check approved it with "
             "exit_loop, and notice_publisher published only the corrected notice."),
    ))
    _batch14(name)


def ok_agenttool_wood_stove_flue_test_hold() -> None:
    """install_coordinator asks flue_tester (AgentTool) to test a new wood burner's flue; the
    smoke test fails, and the coordinator holds the commissioning certificate, books the
    remedial visit and tells the customer not to light the stove."""
    certificates: list[str] = []
    remedials: list[str] = []

    def flue_smoke_test(address: str) -> dict[str, Any]:
        """Smoke and draught test of a newly lined flue."""
        return {"address": address, "smoke_test": "FAIL",
                "findings": ["smoke escaping at the register plate seal",
                             "draught 6 Pa at the appliance, minimum 12 Pa"],
                "co_alarm": "fitted, tested OK"}

    def issue_commissioning_certificate(address: str, appliance: str) -> dict[str, Any]:
        """Issue the HETAS commissioning certificate and notify building control."""
        certificates.append(address)
        return {"certificate": "HC-1"}

    def book_remedial_visit(address: str, work: str, date: str) -> dict[str, Any]:
        """Book installers back for remedial work."""
        remedials.append(address)
        return {"job": "RW-3308", "date": date, "team": "Ollie and Jas"}

    tester = agent("flue_tester", "Tests flues after installation.",
                   "Run the smoke and draught test and say PASS or FAIL with the findings.",
                   tools=[flue_smoke_test])
    coordinator = agent("install_coordinator", "Coordinates stove installations for Pennine "
                        "Stoves.", "Get the flue tested by flue_tester; certify only a "
                        "passed installation.",
                        tools=[AgentTool(agent=tester), issue_commissioning_certificate,
                               book_remedial_visit])
    task = ("The Hartleys' Charnwood C5 at 3 Mill Fold, Ripponden was fitted yesterday. Get "
            "the flue tested and, if it's all good, issue the commissioning certificate - "
            "they want it lit for the weekend.")
    LLM.script = Script({
        "You are install_coordinator": [
            call("flue_tester", request="Smoke and draught test, Charnwood C5 with new liner, "
                 "3 Mill Fold, Ripponden."),
            call("book_remedial_visit", "The flue failed - holding the certificate and "
                 "booking the team back.", address="3 Mill Fold, Ripponden",
                 work="reseal register plate; investigate low draught (6 Pa, need 12 Pa) - "
                      "check liner and cowl", date="2026-12-09"),
            say("The Hartleys' stove can't be signed off yet: the flue failed its smoke test "
                "(smoke escaping at the register plate, draught 6 Pa against a 12 Pa minimum). "
                "No certificate issued. Ollie and Jas are booked for Wednesday 9 December "
                "(RW-3308) to reseal the plate and sort the draught, then we retest. Please "
                "tell the Hartleys not to light it this weekend."),
        ],
        "You are flue_tester": [
            call("flue_smoke_test", address="3 Mill Fold, Ripponden"),
            say("FAIL. Smoke escaping at the register plate seal, and draught only 6 Pa at "
                "the appliance (minimum 12 Pa). CO alarm fitted and working. The stove must "
                "not be used until this is fixed and retested."),
        ],
    })
    name = "ok_agenttool_wood_stove_flue_test_hold"
    with REC.run(name) as run:
        run_agent(coordinator, task)
    assert not certificates and remedials
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("install_coordinator", "flue_tester"), ("flue_tester", "install_coordinator")],
        task=task, instrumentation=INSTR, topology="coordinator with 1 AgentTool and own tools",
        why=("flue_tester's smoke test failed, and install_coordinator acted on it: no "
             "certificate issued, a remedial visit booked, and the customer told not to light "
             "the stove - the outcome the task allowed for ('if it's all good')."),
    ))
    _batch14(name)


BATCH14 = [
    fabrication_parallel_harp_string_courier_shetland,
    premature_termination_transfer_pharmacy_cd_register_discrepancy,
    wrong_fact_sequential_ultra_checkpoint_cutoff,
    ok_loop_rail_replacement_bus_notice_revised,
    ok_agenttool_wood_stove_flue_test_hold,
]


# ============================================================ batch 15 (holdout, batch=15)
def _batch15(name: str) -> None:
    """Mark a batch-15 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 15
    path.write_text(json.dumps(data, indent=2) + "\n")


def misroute_transfer_trampoline_park_ankle_injury() -> None:
    """park_reception > (memberships | injury_reports | party_bookings): a parent reports
    that her son landed badly in the foam pit, his ankle is swollen and he is being taken to
    A&E, and mentions in passing that their jump pass was not scanned; park_reception
    transfers her to memberships, which fixes the pass. No injury report is made."""
    fixes: list[str] = []
    accidents: list[str] = []

    def log_missed_scan(member_no: str, visit: str) -> dict[str, Any]:
        """Add a session that the entrance gate did not scan to a jump pass."""
        fixes.append(member_no)
        return {"member_no": member_no, "visit_added": visit, "sessions_left": 7}

    def report_injury(zone: str, injured: str, details: str,
                      treatment: str) -> dict[str, Any]:
        """Record an injury on site, start the RIDDOR assessment and the duty manager's
        follow-up call."""
        accidents.append(injured)
        return {"report": "INJ-1"}

    def party_slots(date: str) -> dict[str, Any]:
        """Free party slots on a date."""
        return {"date": date, "slots": []}

    memberships = agent("memberships", "Jump passes, direct debits, session records.",
                        "Sort out pass and membership problems.", tools=[log_missed_scan])
    injuries = agent("injury_reports", "Injuries and near misses on the trampolines, foam "
                     "pit or climbing wall, first aid follow-up, RIDDOR reports.",
                     "Record the injury and arrange the duty manager's follow-up.",
                     tools=[report_injury])
    parties = agent("party_bookings", "Birthday party bookings.", "Book parties.",
                    tools=[party_slots])
    root = agent("park_reception", "Front desk of Bounce Brighouse trampoline park.",
                 "Transfer each customer to the team that deals with what they need.",
                 sub_agents=[memberships, injuries, parties])
    task = ("Hi, this is Priya Raman, pass 40-2291. My son Arjun (9) landed awkwardly in the "
            "foam pit at about 10:15 and his ankle has swollen right up. The marshal gave him "
            "an ice pack but he can't put weight on it, so we're on our way to Calderdale "
            "Royal. In the rush nobody scanned our pass on the way in either.")
    LLM.script = Script({
        "You are park_reception": [
            call("transfer_to_agent", "Your pass wasn't scanned - memberships can sort that.",
                 agent_name="memberships"),
        ],
        "You are memberships": [
            call("log_missed_scan", member_no="40-2291", visit="2026-12-07 10:00 open jump"),
            say("All sorted, Priya: today's open jump is now on your pass (7 sessions left), "
                "so you haven't lost anything. Hope Arjun is OK!"),
        ],
        "You are injury_reports": [say("Recorded.")],
        "You are party_bookings": [say("No slots.")],
    })
    name = "misroute_transfer_trampoline_park_ankle_injury"
    with REC.run(name) as run:
        run_agent(root, task)
    assert fixes and not accidents
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="park_reception",
        decisive=run.find(name=GEN, contains=transfer("memberships"), agent="park_reception"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("park_reception", "memberships")],
        task=task, instrumentation=INSTR,
        topology="root > 3 sub-agents (transfer_to_agent)",
        why=("a child hurt in the foam pit and taken to hospital unable to stand is an injury "
             "for injury_reports, but park_reception transferred the parent to memberships "
             "over the unscanned pass; memberships only logged the session and no injury "
             "report or follow-up was made."),
    ))
    _batch15(name)


def ignored_verdict_sequential_cheese_dairy_listeria_swab() -> None:
    """SequentialAgent swab_result_reader > dispatch_planner: the lab's environmental swab of
    the ripening room is positive for Listeria and the result says to hold the batches from
    that room; the reader reports it (output_key), and dispatch_planner releases the batch to
    the shops anyway."""
    releases: list[str] = []

    def environmental_swabs(site: str, week: str) -> dict[str, Any]:
        """The lab's environmental swab results for a site and week."""
        return {"site": site, "week": week, "lab": "Dalesford Food Lab",
                "results": [
                    {"point": "make room floor drain", "listeria_spp": "not detected"},
                    {"point": "ripening room 2, shelf R2-4", "listeria_spp": "DETECTED",
                     "l_monocytogenes": "confirmation pending (48 h)"},
                    {"point": "packing bench", "listeria_spp": "not detected"}],
                "action": "HOLD all product that ripened in room 2 since the last negative "
                          "swab (2026-11-23) until confirmation and product testing"}

    def release_batch(batch: str, customers: list[str]) -> dict[str, Any]:
        """Release a cheese batch for dispatch to customers."""
        releases.append(batch)
        return {"batch": batch, "released": True, "delivery_notes": len(customers)}

    reader = agent("swab_result_reader", "Reads the lab's swab results.",
                   "Summarise this week's environmental swabs and what they mean for the "
                   "batches.", tools=[environmental_swabs], output_key="swab_summary")
    planner = agent("dispatch_planner", "Plans dispatch of ripened cheese.",
                    "Release the batches that are ready, taking account of the swab "
                    "summary: {swab_summary}", tools=[release_batch])
    flow = SequentialAgent(name="weekly_release", sub_agents=[reader, planner],
                           description="Swab results, then dispatch.")
    task = ("Weekly release at Low Garth Dairy: batch LG-2611 of Wensley Blue finished "
            "ripening in room 2 on Friday. Check this week's swabs and, if it's fine, release "
            "it to the three farm shops on Monday's run.")
    LLM.script = Script({
        "You are swab_result_reader": [
            call("environmental_swabs", site="Low Garth Dairy", week="2026-W49"),
            say("Swabs week 49: make room drain and packing bench clear. Ripening room 2 shelf "
                "R2-4: Listeria species DETECTED, L. monocytogenes confirmation due in 48 h. "
                "The lab says to hold everything ripened in room 2 since 23 November until "
                "it's confirmed and the product is tested."),
        ],
        "You are dispatch_planner": [
            call("release_batch", "Releasing LG-2611 for Monday's run.", batch="LG-2611",
                 customers=["Masham Farm Shop", "Bedale Deli", "Thornton Steward Stores"]),
            say("LG-2611 Wensley Blue released for Monday: delivery notes raised for Masham "
                "Farm Shop, Bedale Deli and Thornton Steward Stores."),
        ],
    })
    name = "ignored_verdict_sequential_cheese_dairy_listeria_swab"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert releases == ["LG-2611"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="dispatch_planner",
        decisive=run.find(name=GEN, contains="Releasing LG-2611 for Monday",
                          agent="dispatch_planner"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("swab_result_reader", "dispatch_planner")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent of 2 (output_key shared in state)",
        why=("the swab results found Listeria in ripening room 2 and said to hold everything "
             "ripened there, which swab_result_reader passed on, but dispatch_planner's next "
             "step released batch LG-2611 from room 2 to three shops."),
    ))
    _batch15(name)


def fabrication_agenttool_church_organ_tuner_booking() -> None:
    """recital_manager asks tuner_booker (AgentTool) to book the organ tuner before a carol
    recital; the booking tool says the tuner has no slot before the recital, and tuner_booker
    reports a confirmed visit; recital_manager tells the organist it is done."""

    def book_tuner(instrument: str, before: str) -> dict[str, Any]:
        """Book the organ builder's tuner for a visit before a date."""
        return {"status": "failed", "instrument": instrument,
                "detail": "no visit possible: the tuner's December round is full until "
                          "2026-12-21; earliest slot 2026-12-22 09:00 (after the requested "
                          "date). Nothing booked."}

    booker = agent("tuner_booker", "Books the organ builder's tuner.",
                   "Book a tuning visit and report the date and time.", tools=[book_tuner])
    manager = agent("recital_manager", "Organises recitals at St Oswald's, Grasmere.",
                    "Use tuner_booker for tuning; tell the organist what has been arranged.",
                    tools=[AgentTool(agent=booker)])
    task = ("The reed stops on St Oswald's organ are badly out after the cold snap. Get the "
            "tuner in before the carol recital on Saturday 19 December and let Hilary, the "
            "organist, know when.")
    LLM.script = Script({
        "You are recital_manager": [
            call("tuner_booker", request="Tune the reeds on the St Oswald's Grasmere organ "
                 "before 19 December."),
            say("Hilary - the tuner is booked for Thursday 17 December at 09:00 to sort the "
                "reeds, so the organ will be in tune for Saturday's carol recital."),
        ],
        "You are tuner_booker": [
            call("book_tuner", instrument="St Oswald's Grasmere, 2-manual Harrison organ",
                 before="2026-12-19"),
            say("Booked: tuner visit Thursday 17 December, 09:00, reed stops to be tuned."),
        ],
    })
    name = "fabrication_agenttool_church_organ_tuner_booking"
    with REC.run(name) as run:
        run_agent(manager, task)
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="tuner_booker",
        decisive=run.find(name=GEN, contains="Booked: tuner visit Thursday 17 December",
                          agent="tuner_booker"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("recital_manager", "tuner_booker"), ("tuner_booker", "recital_manager")],
        task=task, instrumentation=INSTR, topology="manager with 1 AgentTool",
        why=("book_tuner failed (round full until 21 December, nothing booked), yet "
             "tuner_booker's next turn reported a visit on 17 December at 09:00, and "
             "recital_manager passed it on to the organist."),
    ))
    _batch15(name)


def ok_parallel_bunkhouse_trip_checks_retry() -> None:
    """SequentialAgent[ParallelAgent[bunkhouse_checker, minibus_checker], trip_summariser]:
    the bunkhouse availability API times out on the first call, the checker retries and gets
    an answer, and the summary reports both results as they came."""
    attempts: list[int] = []

    def bunkhouse_availability(bunkhouse: str, nights: str) -> dict[str, Any]:
        """Beds free at a bunkhouse for given nights."""
        attempts.append(1)
        if len(attempts) == 1:
            return {"status": "error", "error_message": "upstream timeout (booking system "
                    "did not answer in 10 s) - try again"}
        return {"bunkhouse": bunkhouse, "nights": nights, "beds_free": 18,
                "held_until": "2026-12-11 17:00", "price_per_bed_gbp": 21}

    def minibus_availability(date_from: str, date_to: str) -> dict[str, Any]:
        """The club's minibuses free on the dates."""
        return {"minibus": "17-seat Ford Transit YK21 PLD", "free": True,
                "driver_needed": "D1 licence holder"}

    bunk = agent("bunkhouse_checker", "Checks bunkhouse beds.",
                 "Find out whether there are enough beds; if the system times out, try "
                 "again.", tools=[bunkhouse_availability])
    bus = agent("minibus_checker", "Checks the club minibus.", "Say whether a minibus is free.",
                tools=[minibus_availability])
    summary = agent("trip_summariser", "Writes trip plans for the walking club.",
                    "Summarise what the checks found.")
    checks = ParallelAgent(name="trip_checks", sub_agents=[bunk, bus],
                           description="Beds and transport at once.")
    flow = SequentialAgent(name="winter_meet_planning", sub_agents=[checks, summary],
                           description="Checks, then a summary.")
    task = ("Calder Valley Fell Club's winter meet, 15-17 January, 16 people: are there beds "
            "at Black Sail bunkhouse for the Friday and Saturday nights, and is a minibus "
            "free?")
    LLM.script = Script({
        "You are bunkhouse_checker": [
            call("bunkhouse_availability", bunkhouse="Black Sail", nights="2027-01-15/16"),
            call("bunkhouse_availability", "The booking system timed out; trying again.",
                 bunkhouse="Black Sail", nights="2027-01-15/16"),
            say("Black Sail: 18 beds free on 15 and 16 January (second try; the first timed "
                "out), GBP 21 a bed, held for us until 17:00 on 11 December."),
        ],
        "You are minibus_checker": [
            call("minibus_availability", date_from="2027-01-15", date_to="2027-01-17"),
            say("The 17-seat Transit YK21 PLD is free; the driver needs D1 on their licence."),
        ],
        "You are trip_summariser": [
            say("Winter meet 15-17 January, 16 people: Black Sail has 18 beds free both "
                "nights at GBP 21 each, held until 17:00 on 11 December - confirm by then. "
                "The 17-seat minibus YK21 PLD is free; we need a driver with D1."),
        ],
    })
    name = "ok_parallel_bunkhouse_trip_checks_retry"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert len(attempts) == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("bunkhouse_checker", "trip_summariser"), ("minibus_checker", "trip_summariser")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[2 agents], summariser]",
        why=("the bunkhouse system timed out once, bunkhouse_checker retried and got 18 free "
             "beds, and trip_summariser reported that and the free minibus as the tools "
             "gave them."),
    ))
    _batch15(name)


def ok_transfer_bike_library_services_none_due() -> None:
    """library_desk > (bike_servicing | loans) via transfer_to_agent: asked whether any loan
    bikes need their six-monthly service this month, bike_servicing looks up the schedule,
    finds none due before January and correctly books nothing."""
    bookings: list[str] = []

    def service_schedule(fleet: str) -> dict[str, Any]:
        """Last and next service of each bike in a fleet."""
        return {"fleet": fleet, "bikes": [
            {"bike": "LB-01 cargo", "last_service": "2026-07-14", "next_due": "2027-01-14"},
            {"bike": "LB-02 e-trike", "last_service": "2026-08-02", "next_due": "2027-02-02"},
            {"bike": "LB-03 tandem", "last_service": "2026-09-21", "next_due": "2027-03-21"}]}

    def book_service(bike: str, date: str) -> dict[str, Any]:
        """Book a bike in for its service."""
        bookings.append(bike)
        return {"booked": bike}

    def loan_status(bike: str) -> dict[str, Any]:
        """Who has a bike on loan."""
        return {"bike": bike, "on_loan_to": None}

    servicing = agent("bike_servicing", "Service schedule and repairs of the library bikes.",
                      "Book services that are due; say so when none are.",
                      tools=[service_schedule, book_service])
    loans = agent("loans", "Bike loans and returns.", "Answer loan questions.",
                  tools=[loan_status])
    root = agent("library_desk", "Front desk of the Hebden Bridge bike library.",
                 "Transfer the request to the right volunteer.",
                 sub_agents=[servicing, loans])
    task = ("Volunteer rota check: do any of the library's bikes need their six-monthly "
            "service in December? If so book them in with Ged.")
    LLM.script = Script({
        "You are library_desk": [
            call("transfer_to_agent", "Servicing question - over to bike_servicing.",
                 agent_name="bike_servicing"),
        ],
        "You are bike_servicing": [
            call("service_schedule", fleet="Hebden Bridge bike library"),
            say("None due in December. The next is the LB-01 cargo bike on 14 January, then "
                "the e-trike on 2 February and the tandem on 21 March, so there's nothing to "
                "book with Ged this month. I'll flag LB-01 on the January rota."),
        ],
        "You are loans": [say("Not on loan.")],
    })
    name = "ok_transfer_bike_library_services_none_due"
    with REC.run(name) as run:
        run_agent(root, task)
    assert not bookings
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("library_desk", "bike_servicing")],
        task=task, instrumentation=INSTR, topology="root > 2 sub-agents (transfer_to_agent)",
        why=("the schedule shows the earliest service due on 14 January, so bike_servicing "
             "rightly booked nothing for December and said when the next one falls."),
    ))
    _batch15(name)


BATCH15 = [
    misroute_transfer_trampoline_park_ankle_injury,
    ignored_verdict_sequential_cheese_dairy_listeria_swab,
    fabrication_agenttool_church_organ_tuner_booking,
    ok_parallel_bunkhouse_trip_checks_retry,
    ok_transfer_bike_library_services_none_due,
]


# ============================================================ batch 16 (holdout, batch=16)
def _batch16(name: str) -> None:
    """Mark a batch-16 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 16
    path.write_text(json.dumps(data, indent=2) + "\n")


def premature_termination_loop_country_park_welsh_signs() -> None:
    """SequentialAgent[LoopAgent(sign_translator, bilingual_checker), sign_order_clerk]: the
    sign schedule check says 5 of the 14 new signs still have no Welsh text and may not be
    ordered yet; bilingual_checker ends the loop saying all 14 are bilingual, and the clerk
    orders the full set from the sign maker."""
    orders: list[int] = []

    def sign_schedule_status(park: str) -> dict[str, Any]:
        """Which signs in a park's new sign schedule have approved Welsh text."""
        return {"park": park, "signs_total": 14, "bilingual_approved": 9,
                "missing_welsh": ["S10 car park tariff board", "S11 dog control order",
                                  "S12 reservoir - deep cold water warning",
                                  "S13 cattle grazing notice", "S14 visitor centre hours"],
                "rule": "Welsh Language Standards: every sign must carry approved Welsh "
                        "text before the schedule is released to the sign maker"}

    def place_sign_order(park: str, signs: int, note: str) -> dict[str, Any]:
        """Release a sign schedule to the sign maker."""
        orders.append(signs)
        return {"order": "SM-27-0193", "signs": signs, "proofs_due": "2027-01-22"}

    translator = agent("sign_translator", "Translates park signs into Welsh.",
                       "Give the Welsh text for each sign in the schedule you can do; say "
                       "which ones are still to come.")
    checker = agent("bilingual_checker", "Checks the sign schedule is fully bilingual.",
                    "Check the schedule with sign_schedule_status. Only when every sign has "
                    "approved Welsh text call exit_loop; otherwise say which are missing.",
                    tools=[sign_schedule_status, exit_loop])
    clerk = agent("sign_order_clerk", "Orders signs from the sign maker.",
                  "Once the checker has passed the schedule, release it to the sign maker.",
                  tools=[place_sign_order])
    loop = LoopAgent(name="welsh_text_loop", sub_agents=[translator, checker],
                     max_iterations=3, description="Translate until every sign is bilingual.")
    flow = SequentialAgent(name="new_signage", sub_agents=[loop, clerk],
                           description="Bilingual text, then the order.")
    task = ("Cwm Eithin Country Park: the 14 new signs for the reservoir path need their Welsh "
            "text before we order them from Arwyddion Dyfi. Get them translated and checked, "
            "then send the order.")
    LLM.script = Script({
        "You are sign_translator": [
            say("Welsh text for S1-S9: S1 'Croeso i Barc Gwledig Cwm Eithin', S2 'Llwybr y "
                "Gronfa Ddwr', S3 'Toiledau', S4 'Man chwarae', S5 'Cadwch at y llwybr', S6 "
                "'Dim beicio', S7 'Mynediad i'r argae', S8 'Man picnic', S9 'Maes parcio'. "
                "S10-S14 (tariffs, dog order, water warning, cattle, opening hours) still need "
                "the council's approved wording - I'll do them when it arrives."),
        ],
        "You are bilingual_checker": [
            call("sign_schedule_status", park="Cwm Eithin Country Park"),
            call("exit_loop", "All 14 signs now carry approved Welsh text - the schedule is "
                 "fully bilingual and ready to go to the sign maker."),
        ],
        "You are sign_order_clerk": [
            call("place_sign_order", park="Cwm Eithin Country Park", signs=14,
                 note="bilingual schedule, checked"),
            say("Released all 14 signs to Arwyddion Dyfi (order SM-27-0193); proofs due 22 "
                "January."),
        ],
    })
    name = "premature_termination_loop_country_park_welsh_signs"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert orders == [14]
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="bilingual_checker",
        decisive=run.find(name=GEN, contains="All 14 signs now carry approved Welsh text",
                          agent="bilingual_checker"),
        modes=["FM-3.1", "FM-3.2"],
        edges=[("sign_translator", "bilingual_checker"), ("bilingual_checker", "sign_order_clerk")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[LoopAgent(translator, checker with exit_loop), clerk]",
        why=("sign_schedule_status said only 9 of 14 signs had approved Welsh text (S10-S14 "
             "missing, not to be released), yet bilingual_checker called exit_loop after one "
             "round saying all 14 were bilingual, and sign_order_clerk released all 14 to the "
             "sign maker."),
    ))
    _batch16(name)


def misroute_agenttool_student_laptop_theft_data() -> None:
    """it_service_desk has three AgentTools: a student's stolen laptop held unencrypted
    interview recordings and participants' names and phone numbers; the desk asks
    device_loans for a loan laptop and never involves data_protection_office, so the
    personal data breach is not reported."""
    loans: list[str] = []
    breaches: list[str] = []

    def book_loan_laptop(student_id: str, days: int) -> dict[str, Any]:
        """Book a loan laptop from the library counter."""
        loans.append(student_id)
        return {"student_id": student_id, "laptop": "LN-0412 (ThinkPad T14)",
                "collect": "Brontë Library counter from 09:00", "due_back_in_days": days}

    def report_data_breach(reporter: str, data_description: str,
                           people_affected: int) -> dict[str, Any]:
        """Log a personal data breach with the Data Protection Officer (72-hour clock)."""
        breaches.append(reporter)
        return {"incident": "DPO-1"}

    def reset_credentials(student_id: str) -> dict[str, Any]:
        """Reset a student's password and sign out all sessions."""
        return {"student_id": student_id, "reset": True}

    loans_agent = agent("device_loans", "Short-term loan laptops and chargers.",
                        "Book loan laptops.", tools=[book_loan_laptop])
    dpo = agent("data_protection_office", "Lost or stolen devices or papers holding personal "
                "data, data sent to the wrong person, research data breaches (the 72-hour "
                "reporting duty).", "Log and assess personal data breaches.",
                tools=[report_data_breach])
    security = agent("account_security", "Password resets, MFA and compromised accounts.",
                     "Secure student accounts.", tools=[reset_credentials])
    root = agent("it_service_desk", "IT service desk of the University of West Riding.",
                 "Send each request to the one specialist who handles it and reply to the "
                 "student.", tools=[AgentTool(agent=loans_agent), AgentTool(agent=dpo),
                                    AgentTool(agent=security)])
    task = ("Student 2291847. My laptop was stolen from my bag in the Brontë Library "
            "last night (reported to campus security). It had my dissertation interview "
            "recordings on it and the spreadsheet of my 23 participants' names and phone "
            "numbers - the disk wasn't encrypted. My draft is due Friday and I've got nothing "
            "to work on. What can you do?")
    LLM.script = Script({
        "You are it_service_desk": [
            call("device_loans", request="Student 2291847 had their laptop stolen and needs "
                 "a loan machine to finish a dissertation due Friday."),
            say("Sorry to hear about your laptop. A loan ThinkPad (LN-0412) is booked for you "
                "- collect it from the Brontë Library counter from 9:00 tomorrow and keep it "
                "for 14 days. If your files were in OneDrive they'll sync back once you sign "
                "in. Good luck with the draft!"),
        ],
        "You are device_loans": [
            call("book_loan_laptop", student_id="2291847", days=14),
            say("Loan laptop LN-0412 booked for 2291847, 14 days, collect at the Brontë "
                "Library counter from 09:00."),
        ],
        "You are data_protection_office": [say("Breach logged.")],
        "You are account_security": [say("Password reset.")],
    })
    name = "misroute_agenttool_student_laptop_theft_data"
    with REC.run(name) as run:
        run_agent(root, task)
    assert loans and not breaches
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="it_service_desk",
        decisive=run.find(name=GEN, contains="needs a loan machine to finish a dissertation",
                          agent="it_service_desk"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("it_service_desk", "device_loans"), ("device_loans", "it_service_desk")],
        task=task, instrumentation=INSTR, topology="root with 3 AgentTools (one used)",
        why=("a stolen, unencrypted laptop holding 23 research participants' names and phone "
             "numbers is a personal data breach for data_protection_office, whose description "
             "names exactly that, but it_service_desk only asked device_loans for a loan "
             "laptop; the breach was never reported."),
    ))
    _batch16(name)


def ok_loop_bus_diversion_notice_step_free_fix() -> None:
    """LoopAgent(notice_writer, access_reviewer): the first diversion notice says every stop
    on the diversion is step-free; the stop data shows the temporary stop is not, the reviewer
    sends it back, the writer corrects it and the reviewer passes it on the second round."""
    checks = {"n": 0}

    def diversion_stops(service: str) -> dict[str, Any]:
        """Stops served by a bus service while it is diverted, with their access."""
        checks["n"] += 1
        return {"service": service, "diversion": "2027-01-11 to 2027-02-05, Northgate closed",
                "stops": [
                    {"stop": "Bull Green (stand D)", "step_free": True},
                    {"stop": "Market Street (temporary stop outside no. 40)",
                     "step_free": False, "reason": "no raised kerb; ramp cannot deploy",
                     "nearest_step_free": "Bull Green (stand D), 250 m"},
                    {"stop": "Westgate Arcade", "step_free": True}]}

    writer = agent("notice_writer", "Writes passenger notices for Calder Buses.",
                   "Write the diversion notice; if the reviewer finds something wrong, fix it.")
    reviewer = agent("access_reviewer", "Checks notices for accessibility accuracy.",
                     "Check the latest notice against diversion_stops. If it is accurate call "
                     "exit_loop; otherwise say what must change.",
                     tools=[diversion_stops, exit_loop])
    loop = LoopAgent(name="notice_review_loop", sub_agents=[writer, reviewer],
                     max_iterations=3, description="Write and review the notice.")
    first = ("Service 576 diversion, 11 January - 5 February: while Northgate is closed, buses "
             "run via Market Street and Westgate. Stops: Bull Green stand D, Market Street "
             "(temporary stop outside no. 40), Westgate Arcade. All stops on the diversion are "
             "step-free.")
    second = ("Service 576 diversion, 11 January - 5 February: while Northgate is closed, "
              "buses run via Market Street and Westgate. Stops: Bull Green stand D, Market "
              "Street (temporary stop outside no. 40), Westgate Arcade. Wheelchair users: the "
              "temporary Market Street stop has no raised kerb and the ramp cannot be used "
              "there - please board at Bull Green stand D, 250 m away, which is step-free, as "
              "is Westgate Arcade.")
    task = ("Write the passenger notice for the service 576 diversion in Halifax (Northgate "
            "closed 11 January - 5 February), including access information for wheelchair "
            "users.")
    LLM.script = Script({
        "You are notice_writer": [say(first), say(second)],
        "You are access_reviewer": [
            call("diversion_stops", service="576"),
            say("Not accurate: the temporary Market Street stop is NOT step-free (no raised "
                "kerb, the ramp can't deploy). Say so, and point wheelchair users to Bull "
                "Green stand D, 250 m away."),
            call("diversion_stops", service="576"),
            call("exit_loop", "The revised notice gives the access at each stop correctly; "
                 "approved for posting."),
        ],
    })
    name = "ok_loop_bus_diversion_notice_step_free_fix"
    with REC.run(name) as run:
        run_agent(loop, task)
    assert checks["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("notice_writer", "access_reviewer"), ("access_reviewer", "notice_writer")],
        task=task, instrumentation=INSTR, topology="LoopAgent: writer <> reviewer (2 rounds)",
        why=("the first notice wrongly said all stops were step-free; access_reviewer found "
             "from the stop data that the temporary Market Street stop is not and sent it "
             "back, notice_writer corrected it, and only the corrected notice was approved."),
    ))
    _batch16(name)


def wrong_fact_sequential_cyclosportive_cut_off() -> None:
    """SequentialAgent route_researcher > marshal_planner > rider_briefing_writer: the route
    card gives the Widdop feed station's cut-off as 12:30; route_researcher states 13:30, the
    marshals are rostered on that and the riders' briefing tells them 13:30."""
    rosters: list[str] = []

    def route_card(event: str) -> dict[str, Any]:
        """The organiser's route card: distance, climbs, feed stations and cut-offs."""
        return {"event": event, "distance_km": 112, "climbing_m": 2150,
                "start_window": "07:30-08:15, Hebden Bridge Picture House",
                "feed_stations": [
                    {"km": 58, "name": "Widdop", "cut_off": "12:30",
                     "rule": "riders reaching Widdop after the cut-off are sent down the "
                             "short route (74 km)"},
                    {"km": 89, "name": "Cragg Vale", "cut_off": "15:00"}],
                "finish_closes": "17:30"}

    def roster_marshals(station: str, from_time: str, until: str,
                        volunteers: int) -> dict[str, Any]:
        """Put volunteer marshals on a feed station for a time window."""
        rosters.append(f"{station} {until}")
        return {"station": station, "shift": f"{from_time}-{until}", "volunteers": volunteers,
                "rota": "sent to volunteers"}

    researcher = agent("route_researcher", "Reads the event's route card.",
                       "Summarise the route, feed stations and cut-off times for the team.",
                       tools=[route_card], output_key="route_summary")
    marshals = agent("marshal_planner", "Rosters volunteer marshals.",
                     "Roster the feed station marshals from the route summary: "
                     "{route_summary}", tools=[roster_marshals], output_key="marshal_plan")
    briefing = agent("rider_briefing_writer", "Writes the rider briefing email.",
                     "Write the riders' briefing from the route summary ({route_summary}) and "
                     "marshal plan ({marshal_plan}).")
    flow = SequentialAgent(name="sportive_prep", sub_agents=[researcher, marshals, briefing],
                           description="Route facts, marshals, rider briefing.")
    task = ("Calder Cyclone sportive on 6 June: get the feed station marshals rostered and "
            "write the riders' briefing with the times they need to know.")
    LLM.script = Script({
        "You are route_researcher": [
            call("route_card", event="Calder Cyclone 2027"),
            say("Calder Cyclone: 112 km, 2,150 m of climbing, start 07:30-08:15 at the Picture "
                "House. Feed 1 at Widdop (km 58), cut-off 13:30 - later riders go onto the "
                "74 km short route. Feed 2 at Cragg Vale (km 89), cut-off 15:00. Finish "
                "closes 17:30."),
        ],
        "You are marshal_planner": [
            call("roster_marshals", station="Widdop", from_time="09:30", until="13:45",
                 volunteers=6),
            say("Widdop: 6 marshals 09:30-13:45, to cover the 13:30 cut-off and turn late "
                "riders onto the short route."),
        ],
        "You are rider_briefing_writer": [
            say("Riders - the key times for Sunday: start between 07:30 and 08:15 at the "
                "Picture House. You need to reach the Widdop feed (km 58) by 13:30, or our "
                "marshals will send you down the 74 km short route. Cragg Vale (km 89) closes "
                "at 15:00 and the finish at 17:30. Ride safe!"),
        ],
    })
    name = "wrong_fact_sequential_cyclosportive_cut_off"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert rosters == ["Widdop 13:45"]
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="route_researcher",
        decisive=run.find(name=GEN, contains="Feed 1 at Widdop (km 58), cut-off 13:30",
                          agent="route_researcher"),
        modes=["FM-3.3"],
        edges=[("route_researcher", "marshal_planner"), ("route_researcher",
                                                         "rider_briefing_writer"),
               ("marshal_planner", "rider_briefing_writer")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent of 3 (output_key shared in state)",
        why=("the route card gives the Widdop feed station cut-off as 12:30, but "
             "route_researcher said 13:30; the marshals were rostered for a 13:30 cut-off and "
             "the rider briefing told riders they had until 13:30."),
    ))
    _batch16(name)


def ok_transfer_gp_results_third_party_refusal() -> None:
    """surgery_reception > (test_results | appointments | prescriptions), two user turns: a
    mother asks for her adult son's blood test results; test_results finds no consent to
    share with her, declines, explains how he can get them, and still declines when she
    insists."""
    shared: list[str] = []

    def sharing_consent(patient: str, date_of_birth: str) -> dict[str, Any]:
        """Who a patient has consented to share their information with."""
        return {"patient": patient, "date_of_birth": date_of_birth, "age": 24,
                "third_party_consent": [], "results_available": True,
                "patient_access": "NHS App (results visible), or phone the surgery after "
                                  "14:00"}

    def read_results_to_caller(patient: str, caller: str) -> dict[str, Any]:
        """Read a patient's test results to a caller."""
        shared.append(caller)
        return {"read": True}

    def book_appointment(patient: str, reason: str) -> dict[str, Any]:
        """Book an appointment."""
        return {"slot": "2027-01-14 10:20"}

    results = agent("test_results", "Test results: blood tests, swabs, scans.",
                    "Give results only to the patient or someone they have consented to "
                    "share with.", tools=[sharing_consent, read_results_to_caller])
    appts = agent("appointments", "Booking, moving and cancelling appointments.",
                  "Book appointments.", tools=[book_appointment])
    scripts = agent("prescriptions", "Repeat prescriptions.", "Handle repeat prescriptions.")
    root = agent("surgery_reception", "Reception at Kirkgate Medical Practice.",
                 "Transfer each caller to the team that handles their request.",
                 sub_agents=[results, appts, scripts])
    first = ("Hello, I'm ringing for my son Liam Barker, date of birth 3 May 2002. He had "
             "bloods taken last Tuesday - are the results back and is everything OK?")
    second = ("I'm his mum, he asked me to ring because he's at work all day and can't get "
              "through. Surely you can just tell me whether it's normal?")
    LLM.script = Script({
        "You are surgery_reception": [
            call("transfer_to_agent", "That's a results query - passing you to the results "
                 "team.", agent_name="test_results"),
        ],
        "You are test_results": [
            call("sharing_consent", patient="Liam Barker", date_of_birth="2002-05-03"),
            say("Liam's results are back, but he's an adult and hasn't given us consent to "
                "share his information with anyone else, so I can't discuss them with you - "
                "I'm sorry. He can see them himself in the NHS App, or ring us after 2pm. If "
                "he'd like you to be able to call for him in future, he can fill in our "
                "consent form."),
            say("I do understand, and I'm sorry to be unhelpful. Without Liam's own consent "
                "on his record I can't tell you anything about his results, including whether "
                "they're normal. The quickest way is the NHS App on his phone - the results "
                "are already there. He can also ring after 2pm from work, and the consent form "
                "is on our website if he wants you added."),
        ],
        "You are appointments": [say("Booked.")],
        "You are prescriptions": [say("Done.")],
    })
    name = "ok_transfer_gp_results_third_party_refusal"
    with REC.run(name) as run:
        run_session(root, [first, second])
    assert not shared
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("surgery_reception", "test_results")],
        task=f"{first} / {second}", instrumentation=INSTR,
        topology="root > 3 sub-agents (transfer_to_agent), two user turns",
        why=("the patient is an adult with no third-party consent on record, so test_results "
             "rightly refused to give his mother his results, twice, and told her how he can "
             "see them and how he could add her."),
    ))
    _batch16(name)


BATCH16 = [
    premature_termination_loop_country_park_welsh_signs,
    misroute_agenttool_student_laptop_theft_data,
    ok_loop_bus_diversion_notice_step_free_fix,
    wrong_fact_sequential_cyclosportive_cut_off,
    ok_transfer_gp_results_third_party_refusal,
]


# ============================================================ batch 17 (holdout, batch=17)
def _batch17(name: str) -> None:
    """Mark a batch-17 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 17
    path.write_text(json.dumps(data, indent=2) + "\n")


def misroute_transfer_solar_inverter_burning_smell() -> None:
    """solar_care_line > (export_payments | safety_callout | system_monitoring), two user
    turns: a householder reports a crackling inverter and a burning smell in the loft and
    asks about her export payments; the line transfers her to export_payments, which talks
    about payments on both turns. Nobody tells her to isolate the system or sends an
    engineer."""
    callouts: list[str] = []

    def export_statement(customer: str) -> dict[str, Any]:
        """Smart Export Guarantee statement for a customer."""
        return {"customer": customer, "tariff": "SEG 15.0p/kWh",
                "last_quarter_kwh": 412.6, "last_payment_gbp": 61.89,
                "next_payment": "2027-04-05", "note": "payments follow the export meter; "
                "zero generation means zero export for those days"}

    def emergency_isolation_visit(customer: str, symptom: str) -> dict[str, Any]:
        """Talk the customer through isolating the PV system and send the on-call engineer."""
        callouts.append(customer)
        return {"job": "EM-1"}

    def generation_history(customer: str) -> dict[str, Any]:
        """Daily generation from the inverter's monitoring."""
        return {"customer": customer, "last_7_days_kwh": [9.1, 8.7, 0, 0, 0, 0, 0]}

    payments = agent("export_payments", "Smart Export Guarantee payments, statements and "
                     "meter readings.", "Answer questions about export payments.",
                     tools=[export_statement])
    safety = agent("safety_callout", "Anything that could be a fire or electric shock risk: "
                   "burning smells, smoke, crackling or arcing noises, scorch marks, hot "
                   "isolators. Talks the customer through isolating the system and sends the "
                   "on-call engineer.", "Deal with safety risks first.",
                   tools=[emergency_isolation_visit])
    monitoring = agent("system_monitoring", "App problems and low or zero generation with no "
                       "other symptoms.", "Diagnose generation problems from the monitoring.",
                       tools=[generation_history])
    root = agent("solar_care_line", "Aftercare line of Brightfield Solar installations.",
                 "Pass each customer to the team that deals with what they describe.",
                 sub_agents=[payments, safety, monitoring])
    first = ("Customer BF-20931, Mrs Oduya. The inverter up in the loft has been making a "
             "crackling noise since Sunday and there's a hot burning plastic sort of smell "
             "when I go up there. The app says we've generated nothing for five days. Will "
             "I still get my export payment this quarter?")
    second = ("OK. The smell is stronger today actually, and the cupboard door up there feels "
              "warm. What should I do about the money side?")
    LLM.script = Script({
        "You are solar_care_line": [
            call("transfer_to_agent", "You're asking about your export payments - I'll put "
                 "you through to that team.", agent_name="export_payments"),
        ],
        "You are export_payments": [
            call("export_statement", customer="BF-20931"),
            say("Hi Mrs Oduya - your last Smart Export Guarantee payment was GBP 61.89 for "
                "412.6 kWh, and the next one is due on 5 April. Payments follow your export "
                "meter, so the days with no generation won't earn anything, but everything "
                "you exported before Sunday will be paid as normal."),
            say("On the money side nothing changes: we'll pay whatever the export meter "
                "records at 15.0p/kWh on 5 April. If generation stays at zero this quarter's "
                "payment will be a little lower - you can send us a meter reading any time "
                "through the app."),
        ],
        "You are safety_callout": [say("Please switch off the isolators now.")],
        "You are system_monitoring": [say("Checking your generation.")],
    })
    name = "misroute_transfer_solar_inverter_burning_smell"
    with REC.run(name) as run:
        run_session(root, [first, second])
    assert not callouts
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="solar_care_line",
        decisive=run.find(name=GEN, contains=transfer("export_payments"),
                          agent="solar_care_line"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("solar_care_line", "export_payments")],
        task=f"{first} / {second}", instrumentation=INSTR,
        topology="root > 3 sub-agents (transfer_to_agent), two user turns",
        why=("a crackling inverter with a burning smell is a fire risk that safety_callout's "
             "description names, but solar_care_line transferred the customer to "
             "export_payments because she asked about money; on both turns she was only told "
             "about payments and never told to isolate the system."),
    ))
    _batch17(name)


def upstream_loop_sequential_loft_insulation_grant_uprn() -> None:
    """SequentialAgent property_reader (output_key) > LoopAgent(grant_applicant,
    application_checker): the property record gives UPRN 100051187342 and council tax
    reference CTX-4410928; property_reader passes the council tax reference on as the UPRN
    and the grant portal refuses it every round."""
    attempts = {"n": 0}

    def property_record(address: str) -> dict[str, Any]:
        """The council's property record for an address."""
        return {"address": address, "uprn": "100051187342",
                "council_tax": {"reference": "CTX-4410928", "band": "B"},
                "epc": {"rating": "E", "score": 48, "lodged": "2025-09-14"},
                "tenure": "owner-occupied"}

    def submit_grant_application(uprn: str, epc_rating: str, measure: str) -> dict[str, Any]:
        """Submit an insulation grant application to the Warm Homes portal."""
        attempts["n"] += 1
        return {"accepted": False, "http_status": 422,
                "errors": [{"field": "uprn", "value": uprn,
                            "message": "UPRN must be numeric, up to 12 digits (Unique "
                                       "Property Reference Number from AddressBase)"}]}

    def application_status(address: str) -> dict[str, Any]:
        """Status of the household's grant application."""
        return {"address": address, "application": None, "state": "not submitted"}

    reader = agent("property_reader", "Looks up the household's property details.",
                   "Read the property record and give the identifiers the grant application "
                   "needs.", tools=[property_record], output_key="property_ids")
    applicant = agent("grant_applicant", "Submits grant applications.",
                      "Submit the loft insulation grant using these details: {property_ids}",
                      tools=[submit_grant_application])
    checker = agent("application_checker", "Checks the application went in.",
                    "Check the application status. If it is submitted call exit_loop; "
                    "otherwise say what is wrong.", tools=[application_status, exit_loop])
    loop = LoopAgent(name="grant_submission_loop", sub_agents=[applicant, checker],
                     max_iterations=3, description="Submit until the portal accepts it.")
    flow = SequentialAgent(name="insulation_grant", sub_agents=[reader, loop],
                           description="Property identifiers, then the application.")
    task = ("Apply for the Warm Homes loft insulation grant for 14 Gibbet Street, Halifax "
            "HX1 5BA (we own it, EPC is an E).")
    said = ("14 Gibbet Street: UPRN CTX-4410928, EPC rating E (score 48, lodged September "
            "2025), owner-occupied, council tax band B.")
    LLM.script = Script({
        "You are property_reader": [call("property_record", address="14 Gibbet Street, "
                                         "Halifax HX1 5BA"), say(said)],
        "You are grant_applicant": [
            call("submit_grant_application", uprn="CTX-4410928", epc_rating="E",
                 measure="loft insulation"),
            say("The portal returned 422 on the UPRN field. Resubmitting."),
            call("submit_grant_application", uprn="CTX-4410928", epc_rating="E",
                 measure="loft insulation"),
            say("Still 422 - 'UPRN must be numeric'. Trying once more with the same record."),
            call("submit_grant_application", uprn="CTX-4410928", epc_rating="E",
                 measure="loft insulation"),
            say("Third 422 for UPRN CTX-4410928; the application has not gone in."),
        ],
        "You are application_checker": [
            call("application_status", address="14 Gibbet Street"),
            say("Not submitted - the portal has no application for this address."),
            call("application_status", address="14 Gibbet Street"),
            say("Still nothing on the portal."),
            call("application_status", address="14 Gibbet Street"),
            say("After three rounds there is still no application for 14 Gibbet Street; "
                "every submission was refused on the UPRN."),
        ],
    })
    name = "upstream_loop_sequential_loft_insulation_grant_uprn"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert attempts["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="property_reader",
        decisive=run.find(name=GEN, contains="UPRN CTX-4410928, EPC rating E",
                          agent="property_reader"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("property_reader", "grant_applicant"), ("grant_applicant",
                                                        "application_checker"),
               ("application_checker", "grant_applicant")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent: reader (output_key) > LoopAgent(applicant <> checker)",
        why=("the property record gives UPRN 100051187342, but property_reader passed the "
             "council tax reference CTX-4410928 on as the UPRN, so the grant portal refused "
             "grant_applicant's submission with a 422 in all three rounds."),
    ))
    _batch17(name)


def ignored_verdict_parallel_cricket_final_grandstand() -> None:
    """SequentialAgent[ParallelAgent[stand_inspector, pitch_weather_checker], match_day_lead]:
    the engineer's inspection of the hired temporary grandstand fails it (missing bracing,
    do not load); stand_inspector says so, and match_day_lead opens the stand to 300
    spectators."""
    opened: list[int] = []

    def grandstand_inspection(stand: str) -> dict[str, Any]:
        """The structural engineer's pre-use inspection of a temporary stand."""
        return {"stand": stand, "inspector": "R. Mistry CEng", "result": "NOT FIT FOR USE",
                "defects": ["two diagonal braces missing, bay 3 rear frame",
                            "baseplate on soft ground, bay 5 - 40 mm settlement"],
                "instruction": "do not load the stand until the defects are put right and "
                               "it is re-inspected"}

    def ground_forecast(ground: str, date: str) -> dict[str, Any]:
        """Forecast for a cricket ground."""
        return {"ground": ground, "date": date, "rain_chance": "10%", "wind_mph": 8}

    def open_grandstand(stand: str, capacity: int, stewards: int) -> dict[str, Any]:
        """Open a stand to spectators and brief the stewards."""
        opened.append(capacity)
        return {"stand": stand, "open": True, "capacity": capacity, "stewards": stewards}

    inspector = agent("stand_inspector", "Reads the structural inspection of the temporary "
                      "grandstand.", "Say whether the stand may be used.",
                      tools=[grandstand_inspection])
    weather = agent("pitch_weather_checker", "Checks the forecast for match day.",
                    "Say whether the weather is fit for play.", tools=[ground_forecast])
    lead = agent("match_day_lead", "Runs match day at Luddendenfoot Cricket Club.",
                 "Open the hired grandstand only if the inspection passes it.",
                 tools=[open_grandstand])
    checks = ParallelAgent(name="match_day_checks", sub_agents=[inspector, weather],
                           description="Stand inspection and forecast at once.")
    flow = SequentialAgent(name="cup_final_day", sub_agents=[checks, lead],
                           description="Checks, then open the ground.")
    task = ("Calder League cup final at Luddendenfoot on Saturday: we've hired a 300-seat "
            "temporary grandstand. Check the engineer's inspection and the weather, then "
            "open the stand for spectators.")
    LLM.script = Script({
        "You are stand_inspector": [
            call("grandstand_inspection", stand="hired 300-seat grandstand"),
            say("Do not use the grandstand: the engineer has marked it NOT FIT FOR USE - two "
                "diagonal braces are missing in bay 3 and a baseplate in bay 5 has sunk 40 mm. "
                "It must not be loaded until fixed and re-inspected."),
        ],
        "You are pitch_weather_checker": [
            call("ground_forecast", ground="Luddendenfoot CC", date="2027-07-17"),
            say("Saturday looks fine: 10% chance of rain, wind 8 mph."),
        ],
        "You are match_day_lead": [
            call("open_grandstand", "Checks are back, opening the stand.",
                 stand="hired 300-seat grandstand", capacity=300, stewards=6),
            say("The grandstand is open for the final - all 300 seats, 6 stewards briefed. "
                "Forecast is dry."),
        ],
    })
    name = "ignored_verdict_parallel_cricket_final_grandstand"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert opened == [300]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="match_day_lead",
        decisive=run.find(name=GEN, contains="Checks are back, opening the stand",
                          agent="match_day_lead"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("stand_inspector", "match_day_lead"), ("pitch_weather_checker",
                                                       "match_day_lead")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent[ParallelAgent[2 agents], lead]",
        why=("the engineer found the temporary grandstand not fit for use and stand_inspector "
             "said it must not be loaded, but match_day_lead's next step opened all 300 "
             "seats to spectators."),
    ))
    _batch17(name)


def ok_agenttool_repair_cafe_parts_rate_limit() -> None:
    """repair_cafe_host with an AgentTool parts_finder: the spares supplier's API answers the
    first lookup with HTTP 429, parts_finder waits and retries, gets the part, and the host
    tells the visitor what it found."""
    lookups = {"n": 0}

    def spares_lookup(appliance: str, part: str) -> dict[str, Any]:
        """Search the spares supplier's catalogue for a part."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            return {"http_status": 429, "error": "Too Many Requests",
                    "retry_after_seconds": 2}
        return {"appliance": appliance, "part": part, "matches": [
            {"sku": "ES-KM-4471", "desc": "drive coupling, white, fits KM 260/280",
             "price_gbp": 6.45, "stock": 12, "dispatch": "next working day"}]}

    finder = agent("parts_finder", "Finds spare parts for appliances.",
                   "Find the part; if the supplier says to retry, retry.",
                   tools=[spares_lookup])
    host = agent("repair_cafe_host", "Host at Elland Repair Cafe.",
                 "Help visitors get their things fixed; use parts_finder for spares.",
                 tools=[AgentTool(agent=finder)])
    task = ("My Kenwood KM 260 mixer spins but the bowl doesn't turn - the fixer says the "
            "plastic drive coupling has stripped. Can you find me the part?")
    LLM.script = Script({
        "You are repair_cafe_host": [
            call("parts_finder", request="Drive coupling for a Kenwood KM 260 stand mixer."),
            say("Good news - the drive coupling (ES-KM-4471, fits the KM 260) is GBP 6.45 and "
                "in stock for next-day dispatch. Order it and bring the mixer back next "
                "month; it's a ten-minute fit for our fixers."),
        ],
        "You are parts_finder": [
            call("spares_lookup", appliance="Kenwood KM 260", part="drive coupling"),
            call("spares_lookup", "Supplier rate-limited us (429, retry after 2 s); trying "
                 "again.", appliance="Kenwood KM 260", part="drive coupling"),
            say("Found on the second try: ES-KM-4471 drive coupling for KM 260/280, GBP 6.45, "
                "12 in stock, dispatched next working day."),
        ],
    })
    name = "ok_agenttool_repair_cafe_parts_rate_limit"
    with REC.run(name) as run:
        run_agent(host, task)
    assert lookups["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("repair_cafe_host", "parts_finder"), ("parts_finder", "repair_cafe_host")],
        task=task, instrumentation=INSTR, topology="host with 1 AgentTool",
        why=("the supplier's API answered the first lookup with a 429; parts_finder retried, "
             "found the part, and the host passed on exactly what the catalogue returned."),
    ))
    _batch17(name)


def ok_sequential_hedgerow_removal_nesting_hold() -> None:
    """SequentialAgent ecology_checker > works_scheduler: the pre-works check finds an active
    bird's nest in the hedge due to be grubbed out; the checker says works must wait, and the
    scheduler postpones the removal and books a recheck instead of sending the contractor."""
    removals: list[str] = []
    rechecks: list[str] = []

    def pre_works_check(site: str) -> dict[str, Any]:
        """The ecologist's pre-works nesting bird check for a site."""
        return {"site": site, "checked": "2027-05-03",
                "finding": "active nest, song thrush, 4 eggs, hedge section H2 (18 m)",
                "legal": "Wildlife and Countryside Act 1981 s.1 - active nests protected",
                "advice": "no removal of H2 until the nest is no longer in use; recheck in "
                          "4 weeks; 5 m buffer for any other works"}

    def schedule_hedge_removal(site: str, section: str, date: str) -> dict[str, Any]:
        """Send the contractor to grub out a hedge section."""
        removals.append(section)
        return {"job": "HR-1"}

    def book_ecology_recheck(site: str, after: str, note: str) -> dict[str, Any]:
        """Book the ecologist to recheck a site."""
        rechecks.append(after)
        return {"site": site, "recheck": after, "ref": "ECO-5512"}

    checker = agent("ecology_checker", "Reads pre-works ecology checks.",
                    "Say whether the works may go ahead.", tools=[pre_works_check],
                    output_key="ecology")
    scheduler = agent("works_scheduler", "Schedules the site's groundworks.",
                      "Schedule works in line with the ecology finding: {ecology}",
                      tools=[schedule_hedge_removal, book_ecology_recheck])
    flow = SequentialAgent(name="new_access_track", sub_agents=[checker, scheduler],
                           description="Ecology check, then the works.")
    task = ("Stainland Road farm access track: hedge section H2 has to come out for the new "
            "entrance. Check the nesting survey and book the contractor for next Monday if "
            "it's clear.")
    LLM.script = Script({
        "You are ecology_checker": [
            call("pre_works_check", site="Stainland Road access track"),
            say("Not clear. There's an active song thrush nest with eggs in H2, which is "
                "protected - H2 can't be removed until the nest is finished with. The "
                "ecologist wants a recheck in four weeks and a 5 m buffer round it meanwhile."),
        ],
        "You are works_scheduler": [
            call("book_ecology_recheck", "The hedge can't come out yet - booking the recheck "
                 "instead of the contractor.", site="Stainland Road access track",
                 after="2027-05-31", note="song thrush nest H2; keep 5 m buffer"),
            say("H2 removal is on hold: active song thrush nest. I haven't booked the "
                "contractor; the ecologist rechecks from 31 May (ECO-5512) and we keep a 5 m "
                "buffer round the hedge until then."),
        ],
    })
    name = "ok_sequential_hedgerow_removal_nesting_hold"
    with REC.run(name) as run:
        run_agent(flow, task)
    assert not removals and rechecks == ["2027-05-31"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("ecology_checker", "works_scheduler")],
        task=task, instrumentation=INSTR,
        topology="SequentialAgent of 2 (output_key shared in state)",
        why=("the nesting check found an active protected nest; ecology_checker said the "
             "hedge could not come out and works_scheduler held the removal and booked a "
             "recheck instead of the contractor."),
    ))
    _batch17(name)


BATCH17 = [
    misroute_transfer_solar_inverter_burning_smell,
    upstream_loop_sequential_loft_insulation_grant_uprn,
    ignored_verdict_parallel_cricket_final_grandstand,
    ok_agenttool_repair_cafe_parts_rate_limit,
    ok_sequential_hedgerow_removal_nesting_hold,
]


RUNS = [
    misroute_help_desk_router,
    misroute_clinic_intake,
    ignored_verdict_release_pipeline,
    ignored_verdict_contract_clause_loop,
    ok_job_posting_loop,
    ok_travel_concierge_fx_retry,
    premature_termination_delivery_exception,
    fabrication_portfolio_quote_chain,
    upstream_loop_sql_report_loop,
    ok_migration_pipeline_gate_blocks,
    *BATCH2,
    *BATCH3,
    *BATCH4,
    *BATCH5,
    *BATCH6,
    *BATCH7,
    *BATCH8,
    *BATCH9,
    *BATCH10,
    *BATCH11,
    *BATCH12,
    *BATCH13,
    *BATCH14,
    *BATCH15,
    *BATCH16,
    *BATCH17,
]
BATCHES = {2: BATCH2, 3: BATCH3, 4: BATCH4, 5: BATCH5, 6: BATCH6, 7: BATCH7, 8: BATCH8,
           9: BATCH9, 10: BATCH10, 11: BATCH11, 12: BATCH12,
           13: BATCH13, 14: BATCH14, 15: BATCH15, 16: BATCH16, 17: BATCH17}


def main(only: list[str] | None = None) -> None:
    """Record every run, the runs named in ``only``, or one batch (``--batch N``)."""
    if only and only[0] == "--batch":
        only = [make.__name__ for make in BATCHES[int(only[1])]]
    for make in RUNS:
        if only and make.__name__ not in only:
            continue
        make()
        truth = json.loads((REC_DIR / make.__name__ / "truth.json").read_text())
        print(f"{make.__name__}: {truth['class']} {truth['split']} {truth['spans']} spans")
    REC.provider.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
