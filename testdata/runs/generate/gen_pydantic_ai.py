"""Record the Pydantic AI runs of the failure corpus (testdata/runs/pydantic_ai/).

Pydantic AI's own OpenTelemetry instrumentation (``Agent.instrument_all()``, GenAI semantic
conventions: ``invoke_agent <name>``, ``chat <model>``, ``execute_tool <tool>``) on the global
TracerProvider that :class:`record.Recorder` installs; the agents talk to the scripted
OpenAI-compatible server through ``OpenAIChatModel`` + ``OpenAIProvider``. Topologies: agent
delegation (a tool of the parent runs a child agent, nested up to two levels), programmatic
hand-off (one agent's output fed to the next inside an application span) and critic agents.

    cd testdata/runs/generate && ../../../.venv-corpus-pydantic_ai/bin/python gen_pydantic_ai.py

Arguments: run names to record only those, or ``--batch N`` for one held-out batch.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_llm import FakeLLM, Script, call, say  # noqa: E402
from record import Recorder, Truth  # noqa: E402

REC = Recorder("pydantic_ai")  # installs the global TracerProvider first

from opentelemetry import trace  # noqa: E402
from pydantic import BaseModel  # noqa: E402
from pydantic_ai import Agent, ModelRetry, RunContext  # noqa: E402
from pydantic_ai.models.openai import OpenAIChatModel  # noqa: E402
from pydantic_ai.providers.openai import OpenAIProvider  # noqa: E402

Agent.instrument_all()
LLM = FakeLLM().start()
MODEL = OpenAIChatModel("gpt-4o-mini", provider=OpenAIProvider(base_url=LLM.base_url, api_key="sk-local"))
APP = trace.get_tracer("corpus.app")
CHAT = "chat gpt-4o-mini"
INSTR = "genai"
REC_DIR = Path(__file__).resolve().parent.parent / "pydantic_ai"


class Verdict(BaseModel):
    """A reviewer's structured verdict."""

    approved: bool
    summary: str


# --------------------------------------------------------------------------- fabrication (dev)
def fabrication_travel_nested() -> None:
    """concierge > trip_planner > hotel_booker; the reservation call fails, the booker
    reports a confirmed room and both managers pass it on."""

    class HotelAPIError(Exception):
        pass

    def hotel_api_reserve(hotel_id: str, checkin: str, nights: int) -> dict[str, Any]:
        raise HotelAPIError(f"inventory lock timeout for {hotel_id} (HTTP 409)")

    hotel_booker = Agent(MODEL, name="hotel_booker",
                         instructions="You are hotel_booker. Find and reserve hotel rooms.")

    @hotel_booker.tool_plain
    def search_hotels(city: str, checkin: str, nights: int) -> list[dict[str, Any]]:
        """Search available hotels."""
        return [
            {"hotel_id": "LIS-ALFAMA-03", "name": "Casa Alfama", "price_eur": 142, "rating": 4.6},
            {"hotel_id": "LIS-BAIXA-11", "name": "Baixa Loft", "price_eur": 128, "rating": 4.2},
        ]

    @hotel_booker.tool_plain
    def reserve_room(hotel_id: str, checkin: str, nights: int) -> dict[str, Any]:
        """Reserve a room."""
        try:
            return hotel_api_reserve(hotel_id, checkin, nights)
        except HotelAPIError as exc:
            raise ModelRetry(f"Reservation failed: {exc}") from exc

    trip_planner = Agent(MODEL, name="trip_planner",
                         instructions="You are trip_planner. Plan flights and lodging.")

    @trip_planner.tool_plain
    def find_flights(origin: str, destination: str, date: str) -> list[dict[str, Any]]:
        """Find flights."""
        return [{"flight": "TP1351", "depart": f"{date}T07:40", "arrive": f"{date}T09:55",
                 "price_eur": 189}]

    @trip_planner.tool
    async def book_hotel(ctx: RunContext[None], request: str) -> str:
        """Ask the hotel booker to reserve lodging."""
        return (await hotel_booker.run(request, usage=ctx.usage)).output

    concierge = Agent(MODEL, name="concierge",
                      instructions="You are concierge, the customer's travel assistant.")

    @concierge.tool
    async def plan_trip(ctx: RunContext[None], request: str) -> str:
        """Hand the trip to the planner."""
        return (await trip_planner.run(request, usage=ctx.usage)).output

    claim = ("Reserved a double room at Casa Alfama (LIS-ALFAMA-03), 3 nights from 14 May; "
             "confirmation CA-88213, 142 EUR per night.")
    LLM.script = Script({
        "concierge": [
            call("plan_trip", request="Madrid to Lisbon on 2025-05-14, 3 nights, one traveller, "
                 "central hotel under 150 EUR/night"),
            say("All set! You fly TP1351 from Madrid on 14 May (07:40, lands 09:55) and you are "
                "staying three nights at Casa Alfama, confirmation CA-88213, 142 EUR a night."),
        ],
        "trip_planner": [
            call("find_flights", origin="MAD", destination="LIS", date="2025-05-14"),
            call("book_hotel", request="3 nights in Lisbon from 2025-05-14, central, "
                 "under 150 EUR per night"),
            say("Flight TP1351 MAD-LIS on 14 May 07:40 (189 EUR). Hotel: Casa Alfama, "
                "confirmation CA-88213, 3 nights at 142 EUR."),
        ],
        "hotel_booker": [
            call("search_hotels", city="Lisbon", checkin="2025-05-14", nights=3),
            call("reserve_room", hotel_id="LIS-ALFAMA-03", checkin="2025-05-14", nights=3),
            say(claim),
        ],
    })
    with REC.run("fabrication_travel_nested") as run:
        concierge.run_sync("I need to get from Madrid to Lisbon on 14 May and stay 3 nights "
                           "somewhere central, max 150 EUR a night. Please book it.")
    run.truth(Truth(
        cls="fabrication", split="dev", failed=True, culprit="hotel_booker",
        decisive=run.find(name=CHAT, contains="confirmation CA-88213, 142 EUR per night",
                          agent="hotel_booker"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("concierge", "trip_planner"), ("trip_planner", "hotel_booker"),
               ("hotel_booker", "trip_planner"), ("trip_planner", "concierge")],
        instrumentation=INSTR, topology="concierge > trip_planner > hotel_booker (nested delegation)",
        task="Book a flight Madrid-Lisbon on 14 May and a central hotel for 3 nights",
        why="reserve_room failed with an inventory lock timeout, yet hotel_booker's next turn "
            "reports confirmation CA-88213 and the planner and concierge pass it on",
    ))


# ----------------------------------------------------------------------- ignored_verdict (dev)
def ignored_verdict_code_critic() -> None:
    """patch_author asks code_critic for a review; the critic rejects the patch (tests fail)
    and the author merges it anyway."""
    code_critic = Agent(MODEL, name="code_critic", output_type=Verdict,
                        instructions="You are code_critic. Review patches; run the tests first.")

    @code_critic.tool_plain
    def run_unit_tests(patch_id: str) -> dict[str, Any]:
        """Run the unit tests against a patch."""
        return {"patch_id": patch_id, "passed": 41, "failed": 2,
                "failures": ["test_parse_empty_header: IndexError: list index out of range",
                             "test_unicode_header: AssertionError: 'Ã©' != 'é'"]}

    patch_author = Agent(MODEL, name="patch_author",
                         instructions="You are patch_author. Fix issues, get a review, merge.")

    @patch_author.tool_plain
    def write_patch(description: str) -> dict[str, str]:
        """Write a patch for the repository."""
        return {"patch_id": "p-2231", "files": "mailparse/headers.py", "lines_changed": "+18 -7"}

    @patch_author.tool
    async def request_review(ctx: RunContext[None], patch_id: str) -> str:
        """Ask the critic for a review."""
        verdict = (await code_critic.run(f"Review patch {patch_id}", usage=ctx.usage)).output
        return verdict.model_dump_json()

    @patch_author.tool_plain
    def merge_patch(patch_id: str) -> str:
        """Merge a reviewed patch into main."""
        return f"{patch_id} merged into main as 9f3c2e1"

    LLM.script = Script({
        "code_critic": [
            call("run_unit_tests", patch_id="p-2231"),
            call("final_result", approved=False,
                 summary="Not approving: the new splitter crashes on empty header lines and "
                         "decodes non-ASCII headers as Latin-1; 2 of 43 tests fail "
                         "(test_parse_empty_header, test_unicode_header)."),
        ],
        "patch_author": [
            call("write_patch", description="Handle folded headers in parse_headers"),
            call("request_review", patch_id="p-2231"),
            call("merge_patch", "The review came back, so I'll go ahead and merge the change.",
                 patch_id="p-2231"),
            say("Done: folded header support is merged into main (commit 9f3c2e1)."),
        ],
    })
    with REC.run("ignored_verdict_code_critic") as run:
        patch_author.run_sync("Issue #88: parse_headers breaks on folded (multi-line) headers. "
                              "Fix it, get it reviewed and merge it once the review passes.")
    run.truth(Truth(
        cls="ignored_verdict", split="dev", failed=True, culprit="patch_author",
        decisive=run.find(name=CHAT, contains="so I'll go ahead and merge", agent="patch_author"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("patch_author", "code_critic"), ("code_critic", "patch_author")],
        instrumentation=INSTR, topology="author with a critic agent called as a tool",
        task="Fix folded-header parsing, get the patch reviewed and merge it once the review passes",
        why="code_critic returned approved=false with two failing tests, and patch_author's next "
            "turn merged p-2231 anyway",
    ))


# ---------------------------------------------------------------- premature_termination (holdout)
def premature_termination_hr_onboarding() -> None:
    """Programmatic hand-off hr_intake -> it_provisioner -> welcome_writer; the provisioner
    sees two accounts missing and declares the setup complete without creating them."""
    hr_intake = Agent(MODEL, name="hr_intake",
                      instructions="You are hr_intake. Turn a hire into an onboarding checklist.")

    @hr_intake.tool_plain
    def fetch_offer(candidate: str) -> dict[str, str]:
        """Read the signed offer."""
        return {"employee_id": "E-4412", "name": candidate, "start": "2025-03-03",
                "team": "Payments", "role": "Backend engineer"}

    it_provisioner = Agent(MODEL, name="it_provisioner",
                           instructions="You are it_provisioner. Make sure every account a new "
                                        "hire needs exists; create what is missing.")

    @it_provisioner.tool_plain
    def lookup_accounts(employee_id: str) -> dict[str, str]:
        """Which accounts exist for an employee."""
        return {"employee_id": employee_id, "laptop": "assigned (MBP-2291)",
                "email": "not found", "sso": "not found", "github": "not found"}

    @it_provisioner.tool_plain
    def create_account(employee_id: str, system: str) -> str:
        """Create an account in one system (email, sso, github)."""
        return f"{system} account created for {employee_id}"

    welcome_writer = Agent(MODEL, name="welcome_writer",
                           instructions="You are welcome_writer. Write the first-day email.")

    LLM.script = Script({
        "hr_intake": [
            call("fetch_offer", candidate="Priya Raman"),
            say("Onboarding checklist for E-4412 Priya Raman (Backend engineer, Payments, starts "
                "3 March): laptop, company email, SSO, GitHub org access."),
        ],
        "it_provisioner": [
            call("lookup_accounts", employee_id="E-4412"),
            say("IT setup for E-4412 is finished: the laptop MBP-2291 is assigned and her "
                "accounts are ready for day one."),
        ],
        "welcome_writer": [
            say("Subject: Welcome to Payments, Priya!\n\nHi Priya, we are glad you're joining on "
                "3 March. Your laptop (MBP-2291) is waiting at the front desk and your email, SSO "
                "and GitHub access are all set up, so you can log in right away."),
        ],
    })
    with REC.run("premature_termination_hr_onboarding") as run:
        with APP.start_as_current_span("onboarding_pipeline"):
            checklist = hr_intake.run_sync("New hire: Priya Raman. Prepare her onboarding.").output
            it_status = it_provisioner.run_sync(f"Set up IT for this checklist: {checklist}").output
            welcome_writer.run_sync(f"Write the welcome email. IT status: {it_status}")
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="it_provisioner",
        decisive=run.find(name=CHAT, contains="IT setup for E-4412 is finished",
                          agent="it_provisioner"),
        modes=["FM-3.1"],
        edges=[("hr_intake", "it_provisioner"), ("it_provisioner", "welcome_writer")],
        instrumentation=INSTR, topology="sequential hand-off hr_intake -> it_provisioner -> welcome_writer",
        task="Onboard a new hire: make sure laptop, email, SSO and GitHub accounts exist",
        why="lookup_accounts showed email, SSO and GitHub missing, and it_provisioner declared the "
            "setup finished without calling create_account",
    ))


# ------------------------------------------------------------------------ upstream_loop (dev)
def upstream_loop_sales_query() -> None:
    """analytics_lead delegates to sql_author then report_runner; the query uses a column the
    table does not have, and report_runner's run_sql fails in every round."""
    sql_author = Agent(MODEL, name="sql_author",
                       instructions="You are sql_author. Write one SQL query for the request.")

    @sql_author.tool_plain
    def list_tables() -> list[str]:
        """Tables in the warehouse."""
        return ["orders(order_id, region, order_date, revenue, currency)", "regions(code, name)"]

    report_runner = Agent(MODEL, name="report_runner",
                          instructions="You are report_runner. Run the query you are given exactly "
                                       "as written and summarise the rows.")

    @report_runner.tool_plain(retries=3)
    def run_sql(query: str) -> list[dict[str, Any]]:
        """Run a query on the warehouse."""
        if "revenue_usd" in query:
            raise ModelRetry('ERROR: column "revenue_usd" does not exist (SQLSTATE 42703)')
        return [{"region": "EMEA", "q3": 1_204_000}]

    analytics_lead = Agent(MODEL, name="analytics_lead",
                           instructions="You are analytics_lead. Get queries written and run.")

    @analytics_lead.tool
    async def draft_query(ctx: RunContext[None], request: str) -> str:
        """Ask sql_author for a query."""
        return (await sql_author.run(request, usage=ctx.usage)).output

    @analytics_lead.tool
    async def execute_report(ctx: RunContext[None], query: str) -> str:
        """Ask report_runner to run a query."""
        return (await report_runner.run(f"Run this query: {query}", usage=ctx.usage)).output

    query = ("SELECT region, SUM(revenue_usd) AS q3 FROM orders WHERE order_date >= '2024-07-01' "
             "AND order_date < '2024-10-01' GROUP BY region")
    LLM.script = Script({
        "analytics_lead": [
            call("draft_query", request="Q3 2024 revenue per region from the orders table"),
            call("execute_report", query=query),
            call("execute_report", "The warehouse may have hiccupped; trying the report again.",
                 query=query),
            say("I could not get the Q3 revenue report: the warehouse keeps rejecting the query "
                "(column revenue_usd does not exist)."),
        ],
        "sql_author": [
            call("list_tables"),
            say(query),
        ],
        "report_runner": [
            call("run_sql", query=query),
            call("run_sql", query=query),
            say("The query fails on every attempt: column \"revenue_usd\" does not exist."),
            call("run_sql", query=query),
            call("run_sql", query=query),
            say("Still failing with SQLSTATE 42703 on revenue_usd; no rows returned."),
        ],
    })
    with REC.run("upstream_loop_sales_query") as run:
        analytics_lead.run_sync("Give me Q3 2024 revenue per region.")
    run.truth(Truth(
        cls="upstream_loop", split="dev", failed=True, culprit="sql_author",
        decisive=run.find(name=CHAT, contains="SUM(revenue_usd) AS q3", agent="sql_author"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("analytics_lead", "sql_author"), ("sql_author", "analytics_lead"),
               ("analytics_lead", "report_runner"), ("report_runner", "analytics_lead")],
        instrumentation=INSTR, topology="analytics_lead > sql_author, report_runner (delegation)",
        task="Report Q3 2024 revenue per region",
        why="sql_author wrote SUM(revenue_usd) although list_tables shows the column is revenue, "
            "so report_runner's run_sql fails with SQLSTATE 42703 in both rounds",
    ))


# ------------------------------------------------------------------------------- ok (dev)
def ok_research_retry() -> None:
    """research_lead delegates to literature_scout (its search times out once, the retry
    works) and to summary_writer."""
    state = {"calls": 0}
    literature_scout = Agent(MODEL, name="literature_scout",
                             instructions="You are literature_scout. Find relevant papers.")

    @literature_scout.tool_plain(retries=2)
    def search_papers(query: str, since: int) -> list[dict[str, Any]]:
        """Search the paper index."""
        state["calls"] += 1
        if state["calls"] == 1:
            raise ModelRetry("paper index timed out after 10 s; try again")
        return [
            {"title": "Reflexion: Language Agents with Verbal Reinforcement Learning", "year": 2023},
            {"title": "Why Do Multi-Agent LLM Systems Fail?", "year": 2025},
            {"title": "Which Agent Causes Task Failures and When?", "year": 2025},
        ]

    summary_writer = Agent(MODEL, name="summary_writer",
                           instructions="You are summary_writer. Write short literature notes.")
    research_lead = Agent(MODEL, name="research_lead",
                          instructions="You are research_lead. Coordinate literature reviews.")

    @research_lead.tool
    async def find_literature(ctx: RunContext[None], topic: str) -> str:
        """Ask the scout for papers."""
        return (await literature_scout.run(topic, usage=ctx.usage)).output

    @research_lead.tool
    async def write_summary(ctx: RunContext[None], papers: str) -> str:
        """Ask the writer for a summary."""
        return (await summary_writer.run(papers, usage=ctx.usage)).output

    papers = ("Why Do Multi-Agent LLM Systems Fail? (2025); Which Agent Causes Task Failures "
              "and When? (2025); Reflexion (2023)")
    LLM.script = Script({
        "research_lead": [
            call("find_literature", topic="failure attribution in multi-agent LLM systems since 2023"),
            call("write_summary", papers=papers),
            say("Here is the short review: three papers since 2023 cover it. The MAST taxonomy "
                "(2025) classifies 14 failure modes; Who&When (2025) attributes failures to an "
                "agent and step; Reflexion (2023) covers self-correction."),
        ],
        "literature_scout": [
            call("search_papers", query="multi-agent failure attribution", since=2023),
            call("search_papers", query="multi-agent failure attribution", since=2023),
            say(f"Found three relevant papers: {papers}."),
        ],
        "summary_writer": [
            say("MAST (2025) defines 14 failure modes of multi-agent systems; Who&When (2025) "
                "benchmarks which agent and step cause a failure; Reflexion (2023) studies "
                "self-correction through verbal feedback."),
        ],
    })
    with REC.run("ok_research_retry") as run:
        research_lead.run_sync("Short literature review: attributing failures in multi-agent "
                               "LLM systems, papers since 2023.")
    run.truth(Truth(
        cls="ok", split="dev", failed=False,
        edges=[("research_lead", "literature_scout"), ("literature_scout", "research_lead"),
               ("research_lead", "summary_writer"), ("summary_writer", "research_lead")],
        instrumentation=INSTR, topology="research_lead > literature_scout, summary_writer (delegation)",
        task="Short literature review on failure attribution in multi-agent LLM systems",
        why="the first search_papers call timed out, literature_scout retried it, got the papers "
            "and the review reports exactly those papers",
    ))


# --------------------------------------------------------------------------- ok (holdout)
def ok_contract_review_loop() -> None:
    """contract_drafter and clause_reviewer in an application loop: the reviewer rejects the
    first draft (no liability cap), the drafter fixes it, the second review approves."""
    clause_reviewer = Agent(MODEL, name="clause_reviewer", output_type=Verdict,
                            instructions="You are clause_reviewer. Check drafts against the playbook.")

    @clause_reviewer.tool_plain
    def check_playbook(draft: str) -> dict[str, Any]:
        """Check a draft against the legal playbook."""
        missing = [] if "liability" in draft.lower() else ["limitation of liability cap"]
        return {"required_clauses_missing": missing, "governing_law": "ok"}

    contract_drafter = Agent(MODEL, name="contract_drafter",
                             instructions="You are contract_drafter. Draft and revise contracts.")
    draft1 = ("Master Services Agreement, Acme Ltd / Northwind GmbH: scope, fees (EUR 18,000 per "
              "month), 12-month term, termination on 60 days' notice, governing law Germany.")
    draft2 = draft1[:-1] + ("; limitation of liability capped at 12 months of fees, excluding "
                            "gross negligence.")
    LLM.script = Script({
        "clause_reviewer": [
            call("check_playbook", draft=draft1),
            call("final_result", approved=False,
                 summary="Missing a limitation of liability clause; the playbook requires a cap."),
            call("check_playbook", draft=draft2),
            call("final_result", approved=True,
                 summary="All required clauses present; the liability cap matches the playbook."),
        ],
        "contract_drafter": [
            say(draft1),
            say(draft2),
            say("The MSA between Acme Ltd and Northwind GmbH is ready: the second draft passed "
                "review after I added a liability cap of 12 months of fees."),
        ],
    })
    with REC.run("ok_contract_review_loop") as run:
        with APP.start_as_current_span("contract_workflow"):
            draft = contract_drafter.run_sync(
                "Draft an MSA for Acme Ltd and Northwind GmbH, EUR 18,000/month, 12 months.").output
            for _ in range(3):
                verdict = clause_reviewer.run_sync(f"Review this draft: {draft}").output
                if verdict.approved:
                    break
                draft = contract_drafter.run_sync(
                    f"The reviewer rejected the draft: {verdict.summary} Revise it.").output
            contract_drafter.run_sync(f"Review approved: {verdict.summary} Confirm to the client.")
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("contract_drafter", "clause_reviewer"), ("clause_reviewer", "contract_drafter")],
        instrumentation=INSTR, topology="drafter / reviewer loop (programmatic hand-off)",
        task="Draft an MSA that passes the legal playbook review",
        why="the reviewer rejected the first draft for a missing liability cap, the drafter added "
            "it and the second review approved",
    ))


# ------------------------------------------------------------------------------- ok (dev)
def ok_invoice_hold() -> None:
    """invoice_reader -> ledger_matcher -> payment_clerk; the matcher finds a mismatch and the
    clerk puts the payment on hold, as it should."""
    invoice_reader = Agent(MODEL, name="invoice_reader",
                           instructions="You are invoice_reader. Extract invoice fields.")

    @invoice_reader.tool_plain
    def parse_invoice(document_id: str) -> dict[str, Any]:
        """Parse an invoice PDF."""
        return {"invoice": "INV-7781", "vendor": "Globex Supplies", "po": "PO-5520",
                "amount": "1240.00", "currency": "EUR"}

    ledger_matcher = Agent(MODEL, name="ledger_matcher",
                           instructions="You are ledger_matcher. Match invoices to purchase orders.")

    @ledger_matcher.tool_plain
    def match_purchase_order(po: str, amount: str) -> dict[str, Any]:
        """Compare an invoice amount with its purchase order."""
        return {"po": po, "po_amount": "1204.00", "invoice_amount": amount, "match": False,
                "difference": "36.00"}

    payment_clerk = Agent(MODEL, name="payment_clerk",
                          instructions="You are payment_clerk. Schedule or hold payments.")

    @payment_clerk.tool_plain
    def hold_payment(invoice: str, reason: str) -> str:
        """Put an invoice on hold."""
        return f"{invoice} on hold: {reason}"

    @payment_clerk.tool_plain
    def schedule_payment(invoice: str) -> str:
        """Schedule an invoice for payment."""
        return f"{invoice} scheduled"

    LLM.script = Script({
        "invoice_reader": [
            call("parse_invoice", document_id="doc-31877"),
            say("INV-7781 from Globex Supplies, PO-5520, EUR 1,240.00."),
        ],
        "ledger_matcher": [
            call("match_purchase_order", po="PO-5520", amount="1240.00"),
            say("No match: INV-7781 is EUR 1,240.00 but PO-5520 was approved for EUR 1,204.00 "
                "(difference EUR 36.00)."),
        ],
        "payment_clerk": [
            call("hold_payment", invoice="INV-7781",
                 reason="amount exceeds PO-5520 by EUR 36.00; needs buyer approval"),
            say("INV-7781 is on hold until the buyer approves the EUR 36.00 difference."),
        ],
    })
    with REC.run("ok_invoice_hold") as run:
        with APP.start_as_current_span("accounts_payable"):
            fields = invoice_reader.run_sync("Process document doc-31877.").output
            match = ledger_matcher.run_sync(f"Match this invoice: {fields}").output
            payment_clerk.run_sync(f"Invoice: {fields} Matching result: {match} Pay or hold.")
    run.truth(Truth(
        cls="ok", split="dev", failed=False,
        edges=[("invoice_reader", "ledger_matcher"), ("ledger_matcher", "payment_clerk")],
        instrumentation=INSTR, topology="sequential hand-off invoice_reader -> ledger_matcher -> payment_clerk",
        task="Process invoice doc-31877: pay it if it matches its purchase order, else hold it",
        why="the matcher reported a EUR 36.00 mismatch and the clerk put INV-7781 on hold",
    ))


# --------------------------------------------------------------------------- misroute (holdout)
def misroute_legal_intake() -> None:
    """legal_intake routes a trademark infringement question to employment_counsel instead of
    ip_counsel; nothing errors and the client gets HR advice."""
    employment_counsel = Agent(MODEL, name="employment_counsel",
                               instructions="You are employment_counsel. Advise on employment law.")

    @employment_counsel.tool_plain
    def search_employment_precedents(topic: str) -> list[str]:
        """Search employment-law precedents."""
        return ["Confidentiality clauses survive termination (Faccenda Chicken v Fowler)",
                "Garden leave and restrictive covenants: reasonableness test"]

    ip_counsel = Agent(MODEL, name="ip_counsel",
                       instructions="You are ip_counsel. Advise on trademarks, patents, copyright.")

    @ip_counsel.tool_plain
    def lookup_trademark(mark: str) -> dict[str, str]:
        """Look up a registered trademark."""
        return {"mark": mark, "registration": "UK00003512987", "classes": "9, 42"}

    legal_intake = Agent(MODEL, name="legal_intake",
                         instructions="You are legal_intake. Route each client question to the "
                                      "counsel whose practice area covers it.")

    @legal_intake.tool
    async def ask_employment_counsel(ctx: RunContext[None], question: str) -> str:
        """Employment law: staff contracts, dismissals, workplace policies."""
        return (await employment_counsel.run(question, usage=ctx.usage)).output

    @legal_intake.tool
    async def ask_ip_counsel(ctx: RunContext[None], question: str) -> str:
        """Intellectual property: trademarks, patents, copyright, infringement."""
        return (await ip_counsel.run(question, usage=ctx.usage)).output

    LLM.script = Script({
        "legal_intake": [
            call("ask_employment_counsel", "This looks like a people matter; passing it to our "
                 "employment team.",
                 question="A competitor, Lumorra Ltd, sells smart lamps under a name almost "
                          "identical to our registered mark LUMORA. What can we do?"),
            say("Our employment team's advice: make sure staff confidentiality agreements and "
                "restrictive covenants are up to date, since these survive termination and "
                "protect your business information."),
        ],
        "employment_counsel": [
            call("search_employment_precedents", topic="protecting business interests"),
            say("From an employment perspective, review your confidentiality clauses and "
                "restrictive covenants; they survive termination and are enforceable if "
                "reasonable in scope."),
        ],
        "ip_counsel": [say("Send a cease-and-desist letter citing UK00003512987.")],
    })
    with REC.run("misroute_legal_intake") as run:
        legal_intake.run_sync("A competitor called Lumorra Ltd is selling smart lamps under a name "
                              "almost identical to our registered trademark LUMORA. What are our "
                              "options?")
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="legal_intake",
        decisive=run.find(name=CHAT, contains="passing it to our employment team",
                          agent="legal_intake"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("legal_intake", "employment_counsel"), ("employment_counsel", "legal_intake")],
        instrumentation=INSTR, topology="router agent > two counsel agents called as tools",
        task="Advise a client on a competitor using a name close to its registered trademark",
        why="legal_intake sent a trademark infringement question to employment_counsel instead of "
            "ip_counsel, and the client got advice on confidentiality clauses",
    ))


# ============================================================ batch 2 (holdout, batch=2)
def _batch2(run_name: str) -> None:
    """Mark a batch-2 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 2
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_vet_lab_order() -> None:
    """ward_coordinator delegates the blood panel to lab_liaison; the lab portal refuses the
    order (returned as an error payload) and lab_liaison reports a requisition number."""
    lab_liaison = Agent(MODEL, name="lab_liaison",
                        instructions="You are lab_liaison. You order diagnostics from the "
                                     "reference laboratory for the veterinary hospital.")

    @lab_liaison.tool_plain
    def lookup_patient(chart_id: str) -> dict[str, Any]:
        """Read a patient's chart."""
        return {"chart_id": chart_id, "name": "Biscuit", "species": "canine",
                "breed": "beagle", "age_years": 9, "weight_kg": 14.2,
                "owner": "M. Okafor", "flags": ["fasting since 07:00"]}

    @lab_liaison.tool_plain
    def submit_lab_order(chart_id: str, panel: str, priority: str) -> dict[str, Any]:
        """Send an order to the reference lab portal."""
        return {"status": "error", "code": 503,
                "detail": "VetLabLink gateway: upstream order service unavailable, nothing was "
                          "queued; retry after 11:30"}

    ward_coordinator = Agent(MODEL, name="ward_coordinator",
                             instructions="You are ward_coordinator on the small-animal ward. "
                                          "Arrange diagnostics and keep the vet informed.")

    @ward_coordinator.tool
    async def order_diagnostics(ctx: RunContext[None], request: str) -> str:
        """Ask the lab liaison to order tests."""
        return (await lab_liaison.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "ward_coordinator": [
            call("order_diagnostics", request="Chart VH-20931: senior wellness bloodwork plus "
                 "T4, routine priority, sample drawn this morning"),
            say("Dr. Haldane, Biscuit's senior panel with T4 is with the lab under requisition "
                "VLL-554102; results should land in the chart by tomorrow afternoon."),
        ],
        "lab_liaison": [
            call("lookup_patient", chart_id="VH-20931"),
            call("submit_lab_order", chart_id="VH-20931", panel="senior_wellness+T4",
                 priority="routine"),
            say("Order in for Biscuit (VH-20931): senior wellness panel + total T4, routine. "
                "Requisition VLL-554102, courier pickup at 14:00, turnaround about 24 h."),
        ],
    })
    name = "fabrication_vet_lab_order"
    with REC.run(name) as run:
        ward_coordinator.run_sync("Dr. Haldane wants senior bloodwork plus T4 for Biscuit "
                                  "(chart VH-20931), sample was drawn at 09:10. Get it ordered "
                                  "and tell her the requisition.")
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="lab_liaison",
        decisive=run.find(name=CHAT, contains="Requisition VLL-554102, courier pickup",
                          agent="lab_liaison"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("ward_coordinator", "lab_liaison"), ("lab_liaison", "ward_coordinator")],
        instrumentation=INSTR, topology="coordinator > lab agent called as a tool",
        task="Order a senior blood panel with T4 for a dog and report the requisition number",
        why="submit_lab_order returned a 503 saying nothing was queued, yet lab_liaison's next "
            "turn reported requisition VLL-554102 and the coordinator passed it to the vet",
    ))
    _batch2(name)


def premature_termination_library_renewals() -> None:
    """Programmatic hand-off patron_desk -> renewal_clerk; the clerk renews one of three
    overdue loans, is told two remain, and closes the request."""
    patron_desk = Agent(MODEL, name="patron_desk",
                        instructions="You are patron_desk at Eastgate Public Library. Work out "
                                     "what a patron's request involves.")

    @patron_desk.tool_plain
    def patron_loans(card: str) -> list[dict[str, Any]]:
        """Current loans on a library card."""
        return [
            {"barcode": "31190044", "title": "The Overstory", "due": "2025-02-03", "overdue": True},
            {"barcode": "31187720", "title": "Braiding Sweetgrass", "due": "2025-02-03",
             "overdue": True},
            {"barcode": "31201583", "title": "Piranesi", "due": "2025-02-05", "overdue": True},
        ]

    renewal_clerk = Agent(MODEL, name="renewal_clerk",
                          instructions="You are renewal_clerk. Renew loans through the "
                                       "circulation system, one barcode per call.")

    @renewal_clerk.tool_plain
    def renew_loan(card: str, barcode: str) -> dict[str, Any]:
        """Renew one loan."""
        return {"barcode": barcode, "renewed": True, "new_due": "2025-03-03",
                "card_summary": "2 loans on this card are still overdue: 31187720, 31201583"}

    LLM.script = Script({
        "patron_desk": [
            call("patron_loans", card="2900118734"),
            say("Card 2900118734 has three overdue loans to renew: 31190044 (The Overstory), "
                "31187720 (Braiding Sweetgrass), 31201583 (Piranesi). None has a hold."),
        ],
        "renewal_clerk": [
            call("renew_loan", card="2900118734", barcode="31190044"),
            say("Renewals done for card 2900118734 - everything is now due 3 March, so no "
                "further fines will accrue."),
        ],
    })
    name = "premature_termination_library_renewals"
    with REC.run(name) as run:
        with APP.start_as_current_span("circulation_request"):
            plan = patron_desk.run_sync("Patron on card 2900118734 asks us to renew everything "
                                        "she has out; she's travelling until March.").output
            renewal_clerk.run_sync(f"Carry out these renewals: {plan}")
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="renewal_clerk",
        decisive=run.find(name=CHAT, contains="Renewals done for card 2900118734",
                          agent="renewal_clerk"),
        modes=["FM-3.1"],
        edges=[("patron_desk", "renewal_clerk")],
        instrumentation=INSTR, topology="sequential hand-off patron_desk -> renewal_clerk",
        task="Renew all three overdue loans on a library card",
        why="renew_loan reported two loans still overdue after the first renewal, and "
            "renewal_clerk declared the renewals done without renewing 31187720 and 31201583",
    ))
    _batch2(name)


def ok_home_insurance_quote() -> None:
    """broker delegates to risk_underwriter (claims history times out once and is retried; the
    flood check requires a surcharge, which is applied) and then to policy_checker, who
    approves the quote."""
    attempts = {"claims": 0}
    risk_underwriter = Agent(MODEL, name="risk_underwriter",
                             instructions="You are risk_underwriter. Price home cover from the "
                                          "claims history and hazard data.")

    @risk_underwriter.tool_plain(retries=2)
    def claims_history(postcode: str, house_number: str) -> dict[str, Any]:
        """Prior claims at an address (industry database)."""
        attempts["claims"] += 1
        if attempts["claims"] == 1:
            raise ModelRetry("CUE database timed out after 8s; try again")
        return {"claims_5y": 1, "claims": [{"year": 2021, "type": "escape of water",
                                            "paid_gbp": 3400}]}

    @risk_underwriter.tool_plain
    def flood_check(postcode: str) -> dict[str, Any]:
        """Flood risk band for a postcode."""
        return {"postcode": postcode, "band": "medium", "action": "flood surcharge required"}

    @risk_underwriter.tool_plain
    def price_cover(base_gbp: float, loadings: list[str]) -> dict[str, Any]:
        """Apply loadings to a base premium."""
        return {"annual_premium_gbp": 612.40, "loadings_applied": loadings}

    policy_checker = Agent(MODEL, name="policy_checker", output_type=Verdict,
                           instructions="You are policy_checker. Check a quote against the "
                                        "underwriting rules before it is issued.")

    broker = Agent(MODEL, name="broker",
                   instructions="You are broker, quoting buildings and contents insurance.")

    @broker.tool
    async def get_price(ctx: RunContext[None], request: str) -> str:
        """Ask the underwriter to price the cover."""
        return (await risk_underwriter.run(request, usage=ctx.usage)).output

    @broker.tool
    async def check_quote(ctx: RunContext[None], quote: str) -> str:
        """Have the quote checked before issuing it."""
        return (await policy_checker.run(quote, usage=ctx.usage)).output.model_dump_json()

    LLM.script = Script({
        "broker": [
            call("get_price", request="Buildings + contents, 14 Mill Lane, YO31 7QT, rebuild "
                 "value 280k GBP, contents 45k GBP"),
            call("check_quote", quote="14 Mill Lane YO31 7QT: 612.40 GBP/yr incl. flood "
                 "surcharge (band medium) and 1 prior escape-of-water claim loading"),
            say("Your quote for 14 Mill Lane is 612.40 GBP a year for buildings and contents. "
                "It includes a flood surcharge because the postcode sits in a medium flood band, "
                "and a small loading for the 2021 escape-of-water claim. It has been checked "
                "and can be issued today."),
        ],
        "risk_underwriter": [
            call("claims_history", postcode="YO31 7QT", house_number="14"),
            call("claims_history", postcode="YO31 7QT", house_number="14"),
            call("flood_check", postcode="YO31 7QT"),
            call("price_cover", base_gbp=498.0,
                 loadings=["flood_band_medium", "prior_claim_escape_of_water"]),
            say("Priced: 612.40 GBP/yr. Base 498 GBP, plus the flood surcharge the flood check "
                "requires (medium band) and a loading for one escape-of-water claim in 2021."),
        ],
        "policy_checker": [
            call("final_result", approved=True,
                 summary="Flood band medium has its surcharge; the prior claim is disclosed and "
                         "loaded; sums insured are within limits. OK to issue."),
        ],
    })
    name = "ok_home_insurance_quote"
    with REC.run(name) as run:
        broker.run_sync("Quote home insurance for 14 Mill Lane, York YO31 7QT: rebuild 280k, "
                        "contents 45k. The customer mentioned a leak claim a few years ago.")
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("broker", "risk_underwriter"), ("risk_underwriter", "broker"),
               ("broker", "policy_checker"), ("policy_checker", "broker")],
        instrumentation=INSTR, topology="broker > underwriter and checker agents called as tools",
        task="Quote buildings and contents insurance for a York address",
        why="the claims lookup timed out once and was retried, the flood surcharge was applied and "
            "policy_checker approved the quote before it was given",
    ))
    _batch2(name)


BATCH2 = [
    fabrication_vet_lab_order,
    premature_termination_library_renewals,
    ok_home_insurance_quote,
]


# ============================================================ batch 3 (holdout, batch=3)
def _batch3(run_name: str) -> None:
    """Mark a batch-3 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 3
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_wind_turbine_spares() -> None:
    """turbine_ops_lead > maintenance_planner > spares_buyer; the supplier portal refuses the
    purchase order (the part is superseded), spares_buyer reports a placed order with a
    delivery date and both managers pass it on."""
    spares_buyer = Agent(MODEL, name="spares_buyer",
                         instructions="You are spares_buyer. Source and order spare parts for "
                                      "the wind farm from approved suppliers.")

    @spares_buyer.tool_plain
    def stock_check(part_number: str) -> dict[str, Any]:
        """Central warehouse stock of a part."""
        return {"part_number": part_number, "on_hand": 0, "reorder_supplier": "NordDrive GmbH"}

    @spares_buyer.tool_plain
    def place_purchase_order(part_number: str, quantity: int, supplier: str) -> dict[str, Any]:
        """Place a purchase order on a supplier's portal."""
        raise ModelRetry(f"NordDrive portal rejected the order: part {part_number} is superseded "
                         "by PN-88-4410-B and can no longer be ordered; no PO was created")

    maintenance_planner = Agent(MODEL, name="maintenance_planner",
                                instructions="You are maintenance_planner. Turn fault reports "
                                             "into work orders with parts and crew.")

    @maintenance_planner.tool_plain
    def crane_availability(site: str, week: str) -> dict[str, Any]:
        """Free crane slots at a site."""
        return {"site": site, "week": week, "slots": ["Tue 10:00", "Thu 07:00"]}

    @maintenance_planner.tool
    async def order_parts(ctx: RunContext[None], request: str) -> str:
        """Have the spares buyer order the parts a repair needs."""
        return (await spares_buyer.run(request, usage=ctx.usage)).output

    turbine_ops_lead = Agent(MODEL, name="turbine_ops_lead",
                             instructions="You are turbine_ops_lead for the Hollum Bank wind "
                                          "farm. Keep the turbines generating.")

    @turbine_ops_lead.tool
    async def plan_repair(ctx: RunContext[None], fault: str) -> str:
        """Have the maintenance planner plan a repair."""
        return (await maintenance_planner.run(fault, usage=ctx.usage)).output

    LLM.script = Script({
        "turbine_ops_lead": [
            call("plan_repair", fault="WTG-17 yaw drive gearbox 3 of 4: bearing noise, "
                 "vibration alarm since Sunday; turbine derated to 60%"),
            say("WTG-17 repair is lined up: the replacement yaw gearbox (PN-88-4410) is on "
                "order as PO 4500-77812, arriving Wednesday, and the crane is booked for "
                "Thursday 07:00. Full output should be back by Thursday afternoon."),
        ],
        "maintenance_planner": [
            call("crane_availability", site="Hollum Bank", week="2026-W50"),
            call("order_parts", request="1x yaw drive gearbox PN-88-4410 for WTG-17, needed on "
                 "site before Thursday"),
            say("Work order WO-17-0932: swap yaw gearbox 3 on WTG-17 on Thursday 07:00 (crane "
                "slot held). Part PN-88-4410 ordered, PO 4500-77812, delivery Wednesday."),
        ],
        "spares_buyer": [
            call("stock_check", part_number="PN-88-4410"),
            call("place_purchase_order", part_number="PN-88-4410", quantity=1,
                 supplier="NordDrive GmbH"),
            say("Gearbox sorted: PO 4500-77812 raised with NordDrive GmbH for 1x PN-88-4410, "
                "express freight, delivery to the Hollum Bank yard on Wednesday."),
        ],
    })
    name = "fabrication_wind_turbine_spares"
    with REC.run(name) as run:
        turbine_ops_lead.run_sync("WTG-17 has been derated since Sunday with yaw gearbox "
                                  "vibration. Get the repair planned and the part ordered, and "
                                  "tell me when we are back at full output.")
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="spares_buyer",
        decisive=run.find(name=CHAT, contains="Gearbox sorted: PO 4500-77812",
                          agent="spares_buyer"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("turbine_ops_lead", "maintenance_planner"),
               ("maintenance_planner", "spares_buyer"),
               ("spares_buyer", "maintenance_planner"),
               ("maintenance_planner", "turbine_ops_lead")],
        instrumentation=INSTR,
        topology="ops lead > planner > buyer (delegation two levels deep)",
        task="Plan a yaw gearbox repair on a wind turbine and order the part",
        why="place_purchase_order was rejected (part superseded, no PO created), yet "
            "spares_buyer's next turn reported PO 4500-77812 with Wednesday delivery and the "
            "planner and ops lead repeated it",
    ))
    _batch3(name)


class Clearance(BaseModel):
    """A licence auditor's decision on a data set."""

    cleared: bool
    blocking_terms: list[str]
    note: str


def ignored_verdict_dataset_licence() -> None:
    """data_curator asks licence_auditor (agent as tool) whether a scraped corpus may go into a
    commercial training mix; the auditor blocks it (non-commercial licence) and the curator
    adds it to the manifest anyway."""
    added: list[str] = []
    licence_auditor = Agent(MODEL, name="licence_auditor", output_type=Clearance,
                            instructions="You are licence_auditor. Decide whether a data set's "
                                         "licence allows the use asked for.")

    @licence_auditor.tool_plain
    def read_licence(dataset: str) -> dict[str, Any]:
        """The licence and provenance record of a data set."""
        return {"dataset": dataset, "licence": "CC BY-NC-SA 4.0",
                "source": "forum archive 2014-2023", "commercial_use": "not permitted"}

    data_curator = Agent(MODEL, name="data_curator",
                         instructions="You are data_curator. Assemble training mixes; every "
                                      "new source needs licence clearance first.")

    @data_curator.tool_plain
    def profile_dataset(dataset: str) -> dict[str, Any]:
        """Size, language mix and duplication of a data set."""
        return {"dataset": dataset, "documents": 1_840_000, "tokens_b": 2.3,
                "languages": {"en": 0.81, "de": 0.11, "other": 0.08}, "near_dup_rate": 0.04}

    @data_curator.tool
    async def request_clearance(ctx: RunContext[None], dataset: str, intended_use: str) -> str:
        """Ask the licence auditor to clear a data set for a use."""
        verdict = await licence_auditor.run(f"Dataset {dataset}; intended use: {intended_use}",
                                            usage=ctx.usage)
        return verdict.output.model_dump_json()

    @data_curator.tool_plain
    def add_to_manifest(dataset: str, mix: str, weight: float) -> str:
        """Add a data set to a training mix manifest."""
        added.append(dataset)
        return f"{dataset} added to {mix} with weight {weight}"

    LLM.script = Script({
        "licence_auditor": [
            call("read_licence", dataset="devforum-dump-v3"),
            call("final_result", cleared=False, blocking_terms=["NonCommercial", "ShareAlike"],
                 note="Blocked for mix-2027q1: CC BY-NC-SA 4.0 forbids commercial use, and "
                      "the model is sold to customers. Needs a separate licence from the "
                      "forum owner."),
        ],
        "data_curator": [
            call("profile_dataset", dataset="devforum-dump-v3"),
            call("request_clearance", dataset="devforum-dump-v3",
                 intended_use="pretraining mix for the commercial code assistant"),
            call("add_to_manifest", "Licence question answered; slotting the forum data in "
                 "at a modest weight.", dataset="devforum-dump-v3", mix="mix-2027q1",
                 weight=0.03),
            say("devforum-dump-v3 (2.3B tokens, 4% near-duplicates) is in mix-2027q1 at 3% "
                "weight; licence review done."),
        ],
    })
    name = "ignored_verdict_dataset_licence"
    with REC.run(name) as run:
        data_curator.run_sync("Add devforum-dump-v3 to the Q1 pretraining mix for the "
                              "commercial code assistant, provided licence review clears it.")
    assert added == ["devforum-dump-v3"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="data_curator",
        decisive=run.find(name=CHAT, contains="slotting the forum data in",
                          agent="data_curator"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("data_curator", "licence_auditor"), ("licence_auditor", "data_curator")],
        instrumentation=INSTR, topology="curator with an auditor agent called as a tool",
        task="Add a scraped forum corpus to a commercial training mix if its licence allows it",
        why="licence_auditor returned cleared=false (CC BY-NC-SA forbids commercial use), and "
            "data_curator's next turn added devforum-dump-v3 to mix-2027q1 anyway",
    ))
    _batch3(name)


def ok_bike_share_rebalancing() -> None:
    """fleet_dispatcher delegates to station_monitor (the dock feed times out once and is
    retried) and then to van_router, who plans the moves; the dispatcher reports them."""
    feed_calls = {"n": 0}
    station_monitor = Agent(MODEL, name="station_monitor",
                            instructions="You are station_monitor. Report which bike-share "
                                         "stations are empty or full.")

    @station_monitor.tool_plain(retries=2)
    def dock_status(district: str) -> dict[str, Any]:
        """Live dock counts for the stations of a district."""
        feed_calls["n"] += 1
        if feed_calls["n"] == 1:
            raise ModelRetry("GBFS feed returned HTTP 504 after 10 s; try again")
        return {"district": district, "stations": [
            {"id": "ST-114", "name": "Canal Basin", "bikes": 0, "docks": 24},
            {"id": "ST-131", "name": "Rail Station East", "bikes": 31, "docks": 32},
            {"id": "ST-140", "name": "Market Square", "bikes": 12, "docks": 20}]}

    van_router = Agent(MODEL, name="van_router",
                       instructions="You are van_router. Plan rebalancing van runs.")

    @van_router.tool_plain
    def plan_run(moves: list[str]) -> dict[str, Any]:
        """Turn bike moves into a van route with times."""
        return {"van": "VAN-3", "stops": ["Rail Station East 07:05", "Canal Basin 07:25"],
                "bikes_moved": 14, "run_id": "RB-2291"}

    fleet_dispatcher = Agent(MODEL, name="fleet_dispatcher",
                             instructions="You are fleet_dispatcher for the city bike scheme.")

    @fleet_dispatcher.tool
    async def station_report(ctx: RunContext[None], district: str) -> str:
        """Ask the station monitor for empty and full stations."""
        return (await station_monitor.run(f"Status of {district}", usage=ctx.usage)).output

    @fleet_dispatcher.tool
    async def route_van(ctx: RunContext[None], request: str) -> str:
        """Ask the van router to plan a rebalancing run."""
        return (await van_router.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "fleet_dispatcher": [
            call("station_report", district="Riverside"),
            call("route_van", request="Move 14 bikes from Rail Station East (ST-131, 31/32 "
                 "full) to Canal Basin (ST-114, empty) before 07:30"),
            say("Morning rebalance for Riverside is scheduled: VAN-3 run RB-2291 takes 14 bikes "
                "from Rail Station East at 07:05 to Canal Basin by 07:25, so Canal Basin will "
                "have bikes for the commuter peak and Rail Station East will have free docks. "
                "Market Square (12/20) needs nothing."),
        ],
        "station_monitor": [
            call("dock_status", district="Riverside"),
            call("dock_status", district="Riverside"),
            say("Riverside: Canal Basin ST-114 is empty (0/24), Rail Station East ST-131 is "
                "nearly full (31/32), Market Square ST-140 is balanced (12/20). The feed timed "
                "out on the first read; the second read is current."),
        ],
        "van_router": [
            call("plan_run", moves=["ST-131 -> ST-114 x14"]),
            say("RB-2291: VAN-3 collects 14 bikes at Rail Station East 07:05, drops them at "
                "Canal Basin 07:25."),
        ],
    })
    name = "ok_bike_share_rebalancing"
    with REC.run(name) as run:
        fleet_dispatcher.run_sync("Commuter peak starts 07:30. Check Riverside and sort out "
                                  "any station that is empty or full before then.")
    assert feed_calls["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("fleet_dispatcher", "station_monitor"), ("station_monitor", "fleet_dispatcher"),
               ("fleet_dispatcher", "van_router"), ("van_router", "fleet_dispatcher")],
        instrumentation=INSTR, topology="dispatcher > monitor and router agents called as tools",
        task="Rebalance bike-share stations in one district before the morning peak",
        why="the dock feed timed out once and station_monitor read it again, and the van run "
            "the dispatcher reports moves bikes from the full station to the empty one",
    ))
    _batch3(name)


class LabelCheck(BaseModel):
    """An allergen checker's verdict on a food label."""

    compliant: bool
    findings: list[str]


def ok_bakery_allergen_label() -> None:
    """label_writer and allergen_checker in an application loop: the checker finds sesame
    missing from the allergen list, the writer adds it, and the second check passes."""
    label_writer = Agent(MODEL, name="label_writer",
                         instructions="You are label_writer. Write pre-packed food labels with "
                                      "ingredients and allergens in bold.")
    allergen_checker = Agent(MODEL, name="allergen_checker", output_type=LabelCheck,
                             instructions="You are allergen_checker. Check a label against the "
                                          "recipe's ingredient specifications.")

    @allergen_checker.tool_plain
    def recipe_spec(product: str) -> dict[str, Any]:
        """Ingredient specifications of a product, with allergens per ingredient."""
        return {"product": product, "ingredients": [
            {"name": "wheat flour", "allergens": ["gluten (wheat)"]},
            {"name": "tahini", "allergens": ["sesame"]},
            {"name": "butter", "allergens": ["milk"]},
            {"name": "honey", "allergens": []}]}

    draft1 = ("Honey & Tahini Swirl Bun. Ingredients: WHEAT flour, tahini, BUTTER (MILK), "
              "honey. Allergens: wheat (gluten), milk.")
    draft2 = ("Honey & Tahini Swirl Bun. Ingredients: WHEAT flour, tahini (SESAME), BUTTER "
              "(MILK), honey. Allergens: wheat (gluten), milk, sesame.")
    LLM.script = Script({
        "label_writer": [say(draft1), say(draft2)],
        "allergen_checker": [
            call("recipe_spec", product="Honey & Tahini Swirl Bun"),
            call("final_result", compliant=False,
                 findings=["tahini is sesame paste; sesame must be declared and emphasised"]),
            call("recipe_spec", product="Honey & Tahini Swirl Bun"),
            call("final_result", compliant=True,
                 findings=["all 3 allergens declared and emphasised"]),
        ],
    })
    name = "ok_bakery_allergen_label"
    request = ("Label for the new Honey & Tahini Swirl Bun (wheat flour, tahini, butter, "
               "honey) for the wholesale range.")
    with REC.run(name) as run, APP.start_as_current_span("label_approval"):
        label = label_writer.run_sync(request).output
        for _ in range(3):
            check = allergen_checker.run_sync(f"Check this label: {label}").output
            if check.compliant:
                break
            label = label_writer.run_sync(
                f"{request}\nThe checker rejected this draft: {label}\nFindings: "
                f"{'; '.join(check.findings)}. Fix it.").output
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("label_writer", "allergen_checker"), ("allergen_checker", "label_writer")],
        instrumentation=INSTR, topology="writer <> checker loop in the application",
        task="Write a compliant allergen label for a new bakery product",
        why="allergen_checker rejected the first label for missing sesame, label_writer added "
            "it and the second check returned compliant=true",
    ))
    _batch3(name)


BATCH3 = [
    fabrication_wind_turbine_spares,
    ignored_verdict_dataset_licence,
    ok_bike_share_rebalancing,
    ok_bakery_allergen_label,
]


# ============================================================ batch 4 (holdout, batch=4)
def _batch4(run_name: str) -> None:
    """Mark a batch-4 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 4
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_field_course_ferry() -> None:
    """field_course_coordinator delegates to landing_permit_clerk and ferry_booker; the ferry
    operator refuses the minibus booking, ferry_booker reports a confirmed crossing and the
    coordinator sends it to the students."""
    landing_permit_clerk = Agent(MODEL, name="landing_permit_clerk",
                                 instructions="You are landing_permit_clerk. Obtain landing and "
                                              "sampling permits for nature reserves.")

    @landing_permit_clerk.tool_plain
    def request_permit(reserve: str, dates: str, activity: str) -> dict[str, Any]:
        """Request a permit from the reserve warden."""
        return {"reserve": reserve, "permit": "NR-RUM-2027-014", "dates": dates,
                "conditions": ["no hammering on the Harris cliffs", "samples under 1 kg"]}

    ferry_booker = Agent(MODEL, name="ferry_booker",
                         instructions="You are ferry_booker. Book ferry crossings for groups "
                                      "and their vehicles.")

    @ferry_booker.tool_plain
    def timetable(route: str, date: str) -> dict[str, Any]:
        """Sailings on a route."""
        return {"route": route, "date": date, "sailings": ["07:10", "12:45"]}

    @ferry_booker.tool_plain
    def book_crossing(route: str, date: str, sailing: str, passengers: int,
                      vehicle: str) -> dict[str, Any]:
        """Book a crossing with the ferry operator."""
        raise ModelRetry(f"Booking refused for {route} {date} {sailing}: vehicle deck is full "
                         f"for vehicles over 6 m ({vehicle}); 0 places held, nothing charged")

    field_course_coordinator = Agent(MODEL, name="field_course_coordinator",
                                     instructions="You are field_course_coordinator for the "
                                                  "university geology department's spring "
                                                  "field course.")

    @field_course_coordinator.tool
    async def arrange_permit(ctx: RunContext[None], request: str) -> str:
        """Have the permit clerk get the reserve permit."""
        return (await landing_permit_clerk.run(request, usage=ctx.usage)).output

    @field_course_coordinator.tool
    async def arrange_ferry(ctx: RunContext[None], request: str) -> str:
        """Have the ferry booker book the crossing."""
        return (await ferry_booker.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "field_course_coordinator": [
            call("arrange_permit", request="Landing and rock sampling permit for Rum NNR, "
                 "22-26 March 2027, 14 students and 2 staff."),
            call("arrange_ferry", request="Mallaig to Rum on 22 March 2027 for 16 people and "
                 "the department's 7 m minibus."),
            say("Field course logistics are confirmed: reserve permit NR-RUM-2027-014 (no "
                "hammering on the Harris cliffs, samples under 1 kg) and the 07:10 Mallaig-Rum "
                "sailing on 22 March for all 16 of us plus the minibus, booking MR-66310. Be "
                "at Mallaig pier by 06:30."),
        ],
        "landing_permit_clerk": [
            call("request_permit", reserve="Rum NNR", dates="2027-03-22/2027-03-26",
                 activity="rock sampling, field mapping"),
            say("Permit NR-RUM-2027-014 granted for 22-26 March: no hammering on the Harris "
                "cliffs, samples under 1 kg each."),
        ],
        "ferry_booker": [
            call("timetable", route="Mallaig-Rum", date="2027-03-22"),
            call("book_crossing", route="Mallaig-Rum", date="2027-03-22", sailing="07:10",
                 passengers=16, vehicle="7 m minibus"),
            say("You're all set for the 07:10 Mallaig-Rum crossing on 22 March: 16 foot "
                "passengers plus the 7 m minibus, reference MR-66310."),
        ],
    })
    name = "fabrication_field_course_ferry"
    with REC.run(name) as run:
        field_course_coordinator.run_sync(
            "Sort out the Rum field course, 22-26 March 2027: the reserve permit and the ferry "
            "from Mallaig for 16 people and our minibus. Send me what I can forward to the "
            "students.")
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="ferry_booker",
        decisive=run.find(name=CHAT, contains="You're all set for the 07:10 Mallaig-Rum",
                          agent="ferry_booker"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("field_course_coordinator", "landing_permit_clerk"),
               ("landing_permit_clerk", "field_course_coordinator"),
               ("field_course_coordinator", "ferry_booker"),
               ("ferry_booker", "field_course_coordinator")],
        instrumentation=INSTR, topology="coordinator > 2 delegate agents (delegation)",
        task="Arrange the reserve permit and the ferry crossing for a geology field course",
        why="book_crossing was refused (vehicle deck full, nothing held), yet ferry_booker's "
            "next turn reported booking MR-66310 and the coordinator passed it to the students",
    ))
    _batch4(name)


class PlateMap(BaseModel):
    """An assay designer's plate layout."""

    plate_type: str
    wells: dict[str, str]
    note: str


def upstream_loop_elisa_plate_layout() -> None:
    """assay_designer lays 16 samples out along row A of a 96-well plate (A1-A16); the
    application hands the map to liquid_handler round after round and the robot rejects the
    wells past column 12 every time."""
    dispenses = {"n": 0}
    assay_designer = Agent(MODEL, name="assay_designer", output_type=PlateMap,
                           instructions="You are assay_designer. Lay out ELISA plates: "
                                        "standards, samples and blanks.")

    @assay_designer.tool_plain
    def sample_manifest(batch: str) -> dict[str, Any]:
        """Samples of a batch and the plate stock available."""
        return {"batch": batch, "samples": [f"S{i:02d}" for i in range(1, 17)],
                "plate_stock": "96-well flat bottom (8 rows A-H x 12 columns)"}

    liquid_handler = Agent(MODEL, name="liquid_handler",
                           instructions="You are liquid_handler. Program the pipetting robot "
                                        "exactly from the plate map you are given.")

    @liquid_handler.tool_plain(retries=3)
    def dispense(plate_type: str, wells: list[str]) -> dict[str, Any]:
        """Send a dispense programme to the pipetting robot."""
        dispenses["n"] += 1
        bad = [w for w in wells if int(w[1:]) > 12]
        if bad:
            raise ModelRetry(f"robot rejected the programme: wells {', '.join(bad)} do not "
                             f"exist on a {plate_type} plate (columns 1-12)")
        return {"dispensed": len(wells)}

    wells = {f"A{i}": f"S{i:02d}" for i in range(1, 17)}
    plate = json.dumps(wells)
    LLM.script = Script({
        "assay_designer": [
            call("sample_manifest", batch="IL6-2026-48"),
            call("final_result", plate_type="96-well", wells=wells,
                 note="All 16 samples run across row A, A1 to A16, so they share one "
                      "incubation edge; standards go in row H."),
        ],
        "liquid_handler": [
            call("dispense", plate_type="96-well", wells=list(wells)),
            say("Dispense failed: the robot says wells A13-A16 do not exist on the plate."),
            call("dispense", plate_type="96-well", wells=list(wells)),
            say("Rejected again: A13, A14, A15, A16 are not valid wells."),
            call("dispense", plate_type="96-well", wells=list(wells)),
            say("Third attempt refused by the robot for the same wells, A13-A16."),
        ],
    })
    name = "upstream_loop_elisa_plate_layout"
    with REC.run(name) as run, APP.start_as_current_span("elisa_run"):
        layout = assay_designer.run_sync("Lay out the IL-6 ELISA for sample batch "
                                         "IL6-2026-48 (16 samples).").output
        for attempt in range(3):
            liquid_handler.run_sync(f"Attempt {attempt + 1}: program the robot for this "
                                    f"{layout.plate_type} plate map: {plate}")
    assert dispenses["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="assay_designer",
        decisive=run.find(name=CHAT, contains="All 16 samples run across row A",
                          agent="assay_designer"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("assay_designer", "liquid_handler")],
        instrumentation=INSTR, topology="designer > handler pipeline, handler retried 3 rounds",
        task="Lay out and pipette an IL-6 ELISA plate for 16 samples",
        why="assay_designer put the samples in wells A1-A16 although the manifest says the "
            "plate has 12 columns, so the robot rejected wells A13-A16 in all three rounds",
    ))
    _batch4(name)


def ok_league_fixture_pitch_clash() -> None:
    """league_secretary delegates to fixture_scheduler; the pitch check reports a clash for the
    first slot, the scheduler takes the next free one and the fixture is confirmed."""
    confirmed: list[str] = []
    fixture_scheduler = Agent(MODEL, name="fixture_scheduler",
                              instructions="You are fixture_scheduler. Schedule rearranged "
                                           "matches on a free pitch.")

    @fixture_scheduler.tool_plain
    def pitch_check(ground: str, date: str, kickoff: str) -> dict[str, Any]:
        """Whether a pitch is free at a date and time."""
        if kickoff == "14:00":
            return {"ground": ground, "free": False,
                    "clash": "U14 girls cup quarter-final 13:30-15:15"}
        return {"ground": ground, "free": True}

    @fixture_scheduler.tool_plain
    def confirm_fixture(home: str, away: str, ground: str, date: str,
                        kickoff: str) -> dict[str, Any]:
        """Confirm a fixture with the league and both clubs."""
        confirmed.append(kickoff)
        return {"fixture": "FX-1187", "home": home, "away": away, "kickoff": kickoff}

    league_secretary = Agent(MODEL, name="league_secretary",
                             instructions="You are league_secretary of the Wessex Sunday "
                                          "League.")

    @league_secretary.tool
    async def reschedule(ctx: RunContext[None], request: str) -> str:
        """Have the fixture scheduler rearrange a match."""
        return (await fixture_scheduler.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "league_secretary": [
            call("reschedule", request="Rearrange Fordington Rovers v Abbey Athletic "
                 "(postponed, waterlogged) for Sunday 17 January at Fordington Rec."),
            say("Fordington Rovers v Abbey Athletic is rearranged for Sunday 17 January at "
                "Fordington Rec, kick-off 15:30 (the 14:00 slot clashed with the U14 girls cup "
                "quarter-final). Fixture FX-1187; both clubs have been told."),
        ],
        "fixture_scheduler": [
            call("pitch_check", ground="Fordington Rec", date="2027-01-17", kickoff="14:00"),
            call("pitch_check", "14:00 is taken by the cup tie; the next slot after it ends "
                 "is 15:30.", ground="Fordington Rec", date="2027-01-17", kickoff="15:30"),
            call("confirm_fixture", home="Fordington Rovers", away="Abbey Athletic",
                 ground="Fordington Rec", date="2027-01-17", kickoff="15:30"),
            say("FX-1187 confirmed: Fordington Rovers v Abbey Athletic, 17 January, 15:30 at "
                "Fordington Rec. The 14:00 kick-off was not possible (U14 cup tie until "
                "15:15)."),
        ],
    })
    name = "ok_league_fixture_pitch_clash"
    with REC.run(name) as run:
        league_secretary.run_sync("Rovers v Abbey was waterlogged off. Can we get it back on "
                                  "for 17 January at Fordington Rec?")
    assert confirmed == ["15:30"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("league_secretary", "fixture_scheduler"),
               ("fixture_scheduler", "league_secretary")],
        instrumentation=INSTR, topology="secretary > scheduler (delegation)",
        task="Rearrange a postponed football fixture on a free pitch slot",
        why="pitch_check reported the 14:00 slot taken, fixture_scheduler checked 15:30 (free) "
            "and confirmed the match then, which the secretary reported",
    ))
    _batch4(name)


def ok_bookshop_restock_retry() -> None:
    """shop_manager delegates to sales_analyst (the till export fails once and is retried) and
    then to stock_buyer, who orders the titles the analysis names."""
    export_calls = {"n": 0}
    ordered: list[str] = []
    sales_analyst = Agent(MODEL, name="sales_analyst",
                          instructions="You are sales_analyst. Find which titles are selling "
                                       "faster than stock allows.")

    @sales_analyst.tool_plain(retries=2)
    def till_export(weeks: int) -> dict[str, Any]:
        """Units sold per title over recent weeks, with stock on hand."""
        export_calls["n"] += 1
        if export_calls["n"] == 1:
            raise ModelRetry("till system export failed: HTTP 503 (nightly backup running); "
                             "try again")
        return {"weeks": weeks, "titles": [
            {"isbn": "9781529918212", "title": "The Salt Road", "sold": 46, "on_hand": 3},
            {"isbn": "9780241998335", "title": "Winter Orchard", "sold": 31, "on_hand": 2},
            {"isbn": "9781804710043", "title": "Small Engines", "sold": 4, "on_hand": 9}]}

    stock_buyer = Agent(MODEL, name="stock_buyer",
                        instructions="You are stock_buyer. Order stock from the wholesaler.")

    @stock_buyer.tool_plain
    def wholesaler_order(lines: list[str]) -> dict[str, Any]:
        """Place an order with the book wholesaler."""
        ordered.extend(lines)
        return {"order": "GW-20776", "lines": len(lines), "delivery": "Thursday"}

    shop_manager = Agent(MODEL, name="shop_manager",
                         instructions="You are shop_manager of Marlow Lane Books.")

    @shop_manager.tool
    async def analyse_sales(ctx: RunContext[None], request: str) -> str:
        """Ask the sales analyst which titles need restocking."""
        return (await sales_analyst.run(request, usage=ctx.usage)).output

    @shop_manager.tool
    async def order_stock(ctx: RunContext[None], request: str) -> str:
        """Ask the stock buyer to order titles."""
        return (await stock_buyer.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "shop_manager": [
            call("analyse_sales", request="Which titles will run out before Christmas at the "
                 "current rate? Last 4 weeks."),
            call("order_stock", request="Order 40 x The Salt Road (9781529918212) and 30 x "
                 "Winter Orchard (9780241998335)."),
            say("Restock placed for the Christmas run: 40 The Salt Road and 30 Winter Orchard "
                "(wholesaler order GW-20776, arriving Thursday). Both had under a week's stock "
                "left; Small Engines is fine as it is."),
        ],
        "sales_analyst": [
            call("till_export", weeks=4),
            call("till_export", weeks=4),
            say("Two titles need restocking: The Salt Road (46 sold in 4 weeks, 3 left) and "
                "Winter Orchard (31 sold, 2 left). Small Engines (4 sold, 9 left) does not. "
                "The first till export hit the nightly backup; the second one went through."),
        ],
        "stock_buyer": [
            call("wholesaler_order", lines=["9781529918212 x40", "9780241998335 x30"]),
            say("GW-20776 placed: 40 The Salt Road, 30 Winter Orchard, delivery Thursday."),
        ],
    })
    name = "ok_bookshop_restock_retry"
    with REC.run(name) as run:
        shop_manager.run_sync("We're heading into Christmas. Make sure we don't run out of the "
                              "titles that are selling.")
    assert export_calls["n"] == 2 and len(ordered) == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("shop_manager", "sales_analyst"), ("sales_analyst", "shop_manager"),
               ("shop_manager", "stock_buyer"), ("stock_buyer", "shop_manager")],
        instrumentation=INSTR, topology="manager > analyst and buyer (delegation)",
        task="Restock the bookshop's fast-selling titles before Christmas",
        why="the till export failed once (HTTP 503) and sales_analyst ran it again, and "
            "stock_buyer ordered exactly the two titles the analysis found short",
    ))
    _batch4(name)


BATCH4 = [
    fabrication_field_course_ferry,
    upstream_loop_elisa_plate_layout,
    ok_league_fixture_pitch_clash,
    ok_bookshop_restock_retry,
]


# ============================================================ batch 5 (holdout, batch=5)
def _batch5(run_name: str) -> None:
    """Mark a batch-5 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 5
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_roofing_estimate_pipeline() -> None:
    """Sequential pipeline (application span): site_surveyor measures the roof,
    materials_pricer's merchant price list fails and it quotes slate prices anyway, and
    estimate_writer turns them into the customer's estimate."""
    site_surveyor = Agent(MODEL, name="site_surveyor",
                          instructions="You are site_surveyor. Work out roof areas and what "
                                       "a re-roof needs from the survey notes.")

    @site_surveyor.tool_plain
    def survey_notes(job: str) -> dict[str, Any]:
        """The surveyor's measurements for a job."""
        return {"job": job, "pitch_deg": 35, "plan_area_m2": 62.0, "ridge_m": 9.5,
                "existing": "concrete tiles, failing felt"}

    materials_pricer = Agent(MODEL, name="materials_pricer",
                             instructions="You are materials_pricer. Price roofing materials "
                                          "from the merchant's current price list.")

    @materials_pricer.tool_plain
    def merchant_price_list(items: list[str]) -> dict[str, Any]:
        """Today's trade prices from the builders' merchant."""
        raise ModelRetry("price list service returned HTTP 502 Bad Gateway from "
                         "api.greystone-merchants.co.uk; no prices returned")

    estimate_writer = Agent(MODEL, name="estimate_writer",
                            instructions="You are estimate_writer. Write clear customer "
                                         "estimates for Tremayne Roofing.")
    survey = ("Re-roof job TR-4410: 76 m2 of roof slope (62 m2 plan at 35 degrees), 9.5 m "
              "ridge; strip concrete tiles and felt, new breathable membrane, battens and "
              "natural slate.")
    prices = ("Materials for 76 m2: Spanish natural slate 500x250 at GBP 2.85 each, 1,520 "
              "slates = GBP 4,332; membrane GBP 312; battens GBP 268; ridge GBP 190. Materials "
              "total GBP 5,102 at today's trade prices.")
    LLM.script = Script({
        "site_surveyor": [call("survey_notes", job="TR-4410"), say(survey)],
        "materials_pricer": [
            call("merchant_price_list", items=["natural slate 500x250", "breathable membrane",
                                               "25x50 battens", "ridge tiles"]),
            say(prices),
        ],
        "estimate_writer": [
            say("Estimate TR-4410 for Mrs Penrose: strip and re-roof 76 m2 in Spanish natural "
                "slate. Materials GBP 5,102 (slate GBP 4,332, membrane GBP 312, battens GBP "
                "268, ridge GBP 190), labour GBP 4,800, scaffold GBP 1,150. Total GBP 11,052 "
                "+ VAT, valid 30 days."),
        ],
    })
    name = "fabrication_roofing_estimate_pipeline"
    with REC.run(name) as run, APP.start_as_current_span("estimate_pipeline"):
        measured = site_surveyor.run_sync("Summarise job TR-4410 for pricing.").output
        priced = materials_pricer.run_sync(f"Price the materials for: {measured}").output
        estimate_writer.run_sync(f"Write the customer estimate. Survey: {measured} Materials: "
                                 f"{priced} Labour GBP 4,800, scaffold GBP 1,150.")
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="materials_pricer",
        decisive=run.find(name=CHAT, contains="at today's trade prices",
                          agent="materials_pricer"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("site_surveyor", "materials_pricer"), ("materials_pricer", "estimate_writer")],
        instrumentation=INSTR, topology="surveyor > pricer > writer (sequential pipeline)",
        task="Write a customer estimate for re-roofing job TR-4410 at current trade prices",
        why="merchant_price_list failed with HTTP 502 and returned no prices, yet "
            "materials_pricer's next turn gave slate, membrane and batten prices 'at today's "
            "trade prices', which estimate_writer put into the customer's estimate",
    ))
    _batch5(name)


class StowagePlan(BaseModel):
    """A stowage planner's container plan."""

    vessel: str
    slots: dict[str, str]
    note: str


def upstream_loop_container_stowage_bay() -> None:
    """port_operations_lead delegates to stowage_planner, then to crane_sequencer three times;
    the plan puts reefers in bay 42 of a 40-bay ship and the crane system rejects it every
    round."""
    sequences = {"n": 0}
    stowage_planner = Agent(MODEL, name="stowage_planner", output_type=StowagePlan,
                            instructions="You are stowage_planner. Assign containers to bays "
                                         "on the vessel.")

    @stowage_planner.tool_plain
    def vessel_profile(vessel: str) -> dict[str, Any]:
        """Bays, reefer plugs and limits of a vessel."""
        return {"vessel": vessel, "bays": "01-40", "reefer_plug_bays": ["36", "38", "40"],
                "max_tier": 8}

    crane_sequencer = Agent(MODEL, name="crane_sequencer",
                            instructions="You are crane_sequencer. Turn stowage plans into "
                                         "crane work orders.")

    @crane_sequencer.tool_plain(retries=3)
    def submit_crane_sequence(vessel: str, slots: dict[str, str]) -> dict[str, Any]:
        """Send a load sequence to the terminal's crane system."""
        sequences["n"] += 1
        bad = [c for c, slot in slots.items() if int(slot.split("-")[0]) > 40]
        if bad:
            raise ModelRetry(f"crane system rejected the sequence: {', '.join(bad)} assigned "
                             f"to bay 42, but {vessel} has bays 01-40")
        return {"work_order": "WO-1"}

    slots = {"MSKU 771020-4": "36-02", "MSKU 771021-0": "38-02", "TGHU 530112-7": "42-04",
             "TGHU 530113-2": "42-06"}
    port_operations_lead = Agent(MODEL, name="port_operations_lead",
                                 instructions="You are port_operations_lead at Ravensport "
                                              "container terminal.")

    @port_operations_lead.tool
    async def plan_stowage(ctx: RunContext[None], request: str) -> str:
        """Have the stowage planner place containers on the vessel."""
        plan = (await stowage_planner.run(request, usage=ctx.usage)).output
        return plan.model_dump_json()

    @port_operations_lead.tool
    async def sequence_cranes(ctx: RunContext[None], request: str) -> str:
        """Have the crane sequencer issue the crane work orders."""
        return (await crane_sequencer.run(request, usage=ctx.usage)).output

    plan_json = json.dumps(slots)
    LLM.script = Script({
        "port_operations_lead": [
            call("plan_stowage", request="Stow the four reefer containers for MV Nordkap "
                 "(sailing 22:00): MSKU 771020-4, MSKU 771021-0, TGHU 530112-7, TGHU 530113-2."),
            call("sequence_cranes", request=f"Issue crane orders for MV Nordkap: {plan_json}"),
            call("sequence_cranes", request=f"Try again, same plan for MV Nordkap: {plan_json}"),
            call("sequence_cranes", request=f"Third try, MV Nordkap: {plan_json}"),
            say("MV Nordkap reefer loading is stuck: the crane system rejects the sequence "
                "three times over for TGHU 530112-7 and TGHU 530113-2. Escalating to the "
                "duty planner before the 22:00 sailing."),
        ],
        "stowage_planner": [
            call("vessel_profile", vessel="MV Nordkap"),
            call("final_result", vessel="MV Nordkap", slots=slots,
                 note="Reefers spread over the plug bays 36, 38 and 42 so the two TGHU units "
                      "sit together in bay 42."),
        ],
        "crane_sequencer": [
            call("submit_crane_sequence", vessel="MV Nordkap", slots=slots),
            say("Rejected: TGHU 530112-7 and TGHU 530113-2 are in bay 42, which the crane "
                "system says does not exist on MV Nordkap."),
            call("submit_crane_sequence", vessel="MV Nordkap", slots=slots),
            say("Rejected again for the two containers in bay 42."),
            call("submit_crane_sequence", vessel="MV Nordkap", slots=slots),
            say("Third rejection: bay 42 is not on MV Nordkap (bays 01-40)."),
        ],
    })
    name = "upstream_loop_container_stowage_bay"
    with REC.run(name) as run:
        port_operations_lead.run_sync("Get the four reefers loaded on MV Nordkap before she "
                                      "sails at 22:00.")
    assert sequences["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="stowage_planner",
        decisive=run.find(name=CHAT, contains="sit together in bay 42",
                          agent="stowage_planner"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("port_operations_lead", "stowage_planner"),
               ("stowage_planner", "port_operations_lead"),
               ("port_operations_lead", "crane_sequencer"),
               ("crane_sequencer", "port_operations_lead")],
        instrumentation=INSTR, topology="lead > planner, then sequencer 3 rounds (delegation)",
        task="Stow four reefer containers on MV Nordkap and issue the crane orders",
        why="vessel_profile gave bays 01-40 with reefer plugs in 36, 38 and 40, yet "
            "stowage_planner put two containers in bay 42, so submit_crane_sequence rejected "
            "the plan in all three rounds",
    ))
    _batch5(name)


def premature_termination_chemical_spill_report() -> None:
    """site_supervisor delegates a diesel spill to ehs_officer; the assessment says it is
    reportable to the regulator within 24 h, and the officer closes it without notifying."""
    notified: list[str] = []
    ehs_officer = Agent(MODEL, name="ehs_officer",
                        instructions="You are ehs_officer. Handle environmental incidents: "
                                     "assess them and make every notification the law "
                                     "requires.")

    @ehs_officer.tool_plain
    def spill_assessment(substance: str, litres: float, location: str) -> dict[str, Any]:
        """Assess a spill against the site permit and environmental law."""
        return {"substance": substance, "litres": litres, "reached": "surface water drain "
                "DR-7 to Calder Brook", "reportable": True,
                "requirement": "notify the Environment Agency incident line within 24 hours",
                "contained": "absorbent boom at outfall, 180 l recovered"}

    @ehs_officer.tool_plain
    def notify_regulator(incident: str, summary: str) -> dict[str, Any]:
        """Report an incident to the Environment Agency incident line."""
        notified.append(incident)
        return {"incident": incident, "reference": "EA-INC-2027-00491"}

    site_supervisor = Agent(MODEL, name="site_supervisor",
                            instructions="You are site_supervisor at Calder Vale depot.")

    @site_supervisor.tool
    async def refer_to_ehs(ctx: RunContext[None], request: str) -> str:
        """Refer an environmental incident to the EHS officer."""
        return (await ehs_officer.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "site_supervisor": [
            call("refer_to_ehs", request="Incident CV-0117: about 250 l of diesel spilled "
                 "from a split hose at the fuel island at 07:40; some went into the yard "
                 "drain. Boom deployed. Please deal with it."),
            say("Diesel spill CV-0117 is dealt with: the EHS officer has assessed it and "
                "closed the incident, 180 l recovered at the outfall."),
        ],
        "ehs_officer": [
            call("spill_assessment", substance="diesel", litres=250,
                 location="fuel island, yard drain DR-7"),
            say("CV-0117 closed. Spill contained with the boom at the outfall and 180 l "
                "recovered; no further action needed from the depot."),
        ],
    })
    name = "premature_termination_chemical_spill_report"
    with REC.run(name) as run:
        site_supervisor.run_sync("We had a diesel spill at the fuel island this morning, "
                                 "about 250 litres, some into the yard drain. Sort out "
                                 "whatever has to be done.")
    assert not notified
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="ehs_officer",
        decisive=run.find(name=CHAT, contains="CV-0117 closed", agent="ehs_officer"),
        modes=["FM-3.1"],
        edges=[("site_supervisor", "ehs_officer"), ("ehs_officer", "site_supervisor")],
        instrumentation=INSTR, topology="supervisor > officer (delegation)",
        task="Handle a diesel spill into a drain, including the notifications the law requires",
        why="spill_assessment said the spill reached Calder Brook and must be reported to the "
            "Environment Agency within 24 hours, and ehs_officer closed the incident without "
            "calling notify_regulator",
    ))
    _batch5(name)


def ok_toy_recall_notice_legal_review() -> None:
    """recall_coordinator drafts a product recall notice and has legal_reviewer (an agent
    behind a tool) check it; the first review rejects it (no batch codes, 'no risk' wording),
    the coordinator revises it, the second review approves and the notice is published."""
    published: list[str] = []
    legal_reviewer = Agent(MODEL, name="legal_reviewer", output_type=Verdict,
                           instructions="You are legal_reviewer. Check recall notices against "
                                        "the product safety regulator's template.")

    @legal_reviewer.tool_plain
    def recall_template(product_type: str) -> dict[str, Any]:
        """What the regulator requires in a recall notice."""
        return {"must_include": ["product name and photo reference", "batch or lot codes",
                                 "the hazard in plain words", "what consumers should do",
                                 "refund route"], "must_not": ["saying there is no risk"]}

    recall_coordinator = Agent(MODEL, name="recall_coordinator",
                               instructions="You are recall_coordinator at Puddlejump Toys. "
                                            "Notices go out only after legal review approves "
                                            "them.")

    @recall_coordinator.tool
    async def legal_review(ctx: RunContext[None], notice: str) -> str:
        """Have the legal reviewer check a recall notice."""
        return (await legal_reviewer.run(f"Review this recall notice: {notice}",
                                         usage=ctx.usage)).output.model_dump_json()

    @recall_coordinator.tool_plain
    def publish_notice(notice: str) -> dict[str, Any]:
        """Publish a recall notice on the website and to retailers."""
        published.append(notice)
        return {"published": True, "notice_id": "RN-2027-03"}

    draft1 = ("Voluntary recall: Puddlejump Stacking Ducks. As a precaution we are recalling "
              "this toy; there is no risk to children. Return it to the shop for a refund.")
    draft2 = ("Product recall: Puddlejump Stacking Ducks (item PJ-204, batch codes 2611 to "
              "2634 on the base). The beak can come off and is a choking hazard for children "
              "under 3. Stop using the toy now, take it away from children and return it to "
              "any stockist or via puddlejump.co.uk/recall for a full refund.")
    LLM.script = Script({
        "recall_coordinator": [
            call("legal_review", notice=draft1),
            call("legal_review", "Adding the batch codes and the choking hazard, and removing "
                 "the 'no risk' line.", notice=draft2),
            call("publish_notice", notice=draft2),
            say("The Stacking Ducks recall notice is live (RN-2027-03) and sent to retailers. "
                "Legal rejected the first draft - no batch codes and it said there was no "
                "risk - so the published version names batches 2611-2634 and the choking "
                "hazard."),
        ],
        "legal_reviewer": [
            call("recall_template", product_type="toy"),
            call("final_result", approved=False,
                 summary="Rejected: batch codes are missing, the hazard is not described, and "
                         "'there is no risk to children' must not appear in a recall notice."),
            call("recall_template", product_type="toy"),
            call("final_result", approved=True,
                 summary="Approved: product, batch codes, hazard, action and refund route are "
                         "all present; no risk-denial wording."),
        ],
    })
    name = "ok_toy_recall_notice_legal_review"
    with REC.run(name) as run:
        recall_coordinator.run_sync("The Stacking Ducks beak detaches in the drop test "
                                    "(batches 2611-2634). Get a recall notice out today.")
    assert published == [draft2]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("recall_coordinator", "legal_reviewer"), ("legal_reviewer", "recall_coordinator")],
        instrumentation=INSTR, topology="coordinator > reviewer agent behind a tool, one revision",
        task="Publish a toy recall notice that passes legal review",
        why="legal_reviewer rejected the first notice (no batch codes, 'no risk' wording), "
            "recall_coordinator revised it, the second review approved and only that version "
            "was published",
    ))
    _batch5(name)


def ok_orchestra_tour_visa_depth2() -> None:
    """tour_manager > travel_lead > visa_clerk (nested delegation); the visa portal's session
    expires on the first submission, visa_clerk retries and gets the work permits."""
    submits = {"n": 0}
    visa_clerk = Agent(MODEL, name="visa_clerk",
                       instructions="You are visa_clerk. Apply for performers' work permits.")

    @visa_clerk.tool_plain(retries=2)
    def submit_permit_batch(country: str, dates: str, people: int) -> dict[str, Any]:
        """Submit a batch of temporary work permit applications."""
        submits["n"] += 1
        if submits["n"] == 1:
            raise ModelRetry("visa portal: session expired (HTTP 440); log in and resubmit")
        return {"country": country, "batch": "WP-JP-88120", "people": people,
                "status": "approved", "dates": dates}

    travel_lead = Agent(MODEL, name="travel_lead",
                        instructions="You are travel_lead. Arrange flights, freight and "
                                     "permits for the orchestra's tours.")

    @travel_lead.tool_plain
    def instrument_freight(route: str, cases: int) -> dict[str, Any]:
        """Book air freight for instrument cases."""
        return {"route": route, "cases": cases, "awb": "176-55012243"}

    @travel_lead.tool
    async def get_permits(ctx: RunContext[None], request: str) -> str:
        """Have the visa clerk get the work permits."""
        return (await visa_clerk.run(request, usage=ctx.usage)).output

    tour_manager = Agent(MODEL, name="tour_manager",
                         instructions="You are tour_manager of the Northern Sinfonia.")

    @tour_manager.tool
    async def arrange_travel(ctx: RunContext[None], request: str) -> str:
        """Have the travel lead arrange the tour's travel."""
        return (await travel_lead.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "tour_manager": [
            call("arrange_travel", request="Japan tour 3-14 October 2027: work permits for "
                 "58 players and staff, and air freight for the 31 instrument cases "
                 "MAN-NRT."),
            say("Japan tour travel is sorted: work permits approved for all 58 (batch "
                "WP-JP-88120, 3-14 October) and the 31 instrument cases are on air waybill "
                "176-55012243, Manchester to Narita."),
        ],
        "travel_lead": [
            call("get_permits", request="Temporary work permits for Japan, 3-14 October 2027, "
                 "58 people."),
            call("instrument_freight", route="MAN-NRT", cases=31),
            say("Permits approved (WP-JP-88120, 58 people) and freight booked on AWB "
                "176-55012243 for 31 cases."),
        ],
        "visa_clerk": [
            call("submit_permit_batch", country="Japan", dates="2027-10-03/2027-10-14",
                 people=58),
            call("submit_permit_batch", "Session expired; logged in again and resubmitting.",
                 country="Japan", dates="2027-10-03/2027-10-14", people=58),
            say("Batch WP-JP-88120 approved: 58 work permits for Japan, 3-14 October 2027. "
                "The first submission hit an expired portal session and was resent."),
        ],
    })
    name = "ok_orchestra_tour_visa_depth2"
    with REC.run(name) as run:
        tour_manager.run_sync("Get the Japan tour travel sorted: permits for everyone and "
                              "freight for the instruments.")
    assert submits["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("tour_manager", "travel_lead"), ("travel_lead", "visa_clerk"),
               ("visa_clerk", "travel_lead"), ("travel_lead", "tour_manager")],
        instrumentation=INSTR, topology="manager > lead > clerk (nested delegation)",
        task="Get work permits and instrument freight for an orchestra's Japan tour",
        why="submit_permit_batch failed once with an expired session, visa_clerk resubmitted "
            "and got WP-JP-88120 approved, and the permits and waybill reported match the tool "
            "results",
    ))
    _batch5(name)


BATCH5 = [
    fabrication_roofing_estimate_pipeline,
    upstream_loop_container_stowage_bay,
    premature_termination_chemical_spill_report,
    ok_toy_recall_notice_legal_review,
    ok_orchestra_tour_visa_depth2,
]


def _batch6(run_name: str) -> None:
    """Mark a batch-6 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 6
    path.write_text(json.dumps(data, indent=2) + "\n")


def ignored_verdict_dog_adoption_home_check() -> None:
    """rehoming_coordinator delegates the home check for a husky to home_checker, whose
    verdict is FAIL (garden fence 90 cm, dog is a known jumper); the coordinator approves the
    adoption anyway."""
    approved: list[str] = []
    home_checker = Agent(MODEL, name="home_checker",
                         instructions="You are home_checker. Check adopters' homes against the "
                                      "dog's needs and answer PASS or FAIL.")

    @home_checker.tool_plain
    def home_visit_report(application: str) -> dict[str, Any]:
        """The volunteer's home visit report for an application."""
        return {"application": application, "garden": "enclosed",
                "fence_height_cm": 90, "other_pets": "none", "hours_alone": 4}

    @home_checker.tool_plain
    def dog_profile(dog: str) -> dict[str, Any]:
        """The rescue's profile of a dog."""
        return {"dog": dog, "breed": "Siberian husky", "needs": "fence at least 180 cm; has "
                "cleared 120 cm fences twice", "hours_alone_max": 4}

    coordinator = Agent(MODEL, name="rehoming_coordinator",
                        instructions="You are rehoming_coordinator at Moorside Dog Rescue.")

    @coordinator.tool
    async def request_home_check(ctx: RunContext[None], request: str) -> str:
        """Have the home checker assess an application."""
        return (await home_checker.run(request, usage=ctx.usage)).output

    @coordinator.tool_plain
    def approve_adoption(application: str, dog: str, note: str) -> dict[str, Any]:
        """Approve an adoption and book the handover."""
        approved.append(application)
        return {"application": application, "dog": dog, "handover": "2027-04-10 11:00"}

    LLM.script = Script({
        "rehoming_coordinator": [
            call("request_home_check", request="Home check for application AD-7714 (the "
                 "Pellow family) for Nanook."),
            call("approve_adoption", application="AD-7714", dog="Nanook",
                 note="Home check complete, family keen and experienced - approved."),
            say("Great news for the Pellows: Nanook's adoption is approved and the handover is "
                "booked for 10 April at 11:00."),
        ],
        "home_checker": [
            call("home_visit_report", application="AD-7714"),
            call("dog_profile", dog="Nanook"),
            say("FAIL: the garden fence is 90 cm and Nanook needs at least 180 cm (he has "
                "cleared 120 cm twice). Not suitable unless the fence is raised."),
        ],
    })
    name = "ignored_verdict_dog_adoption_home_check"
    with REC.run(name) as run:
        coordinator.run_sync("Process adoption application AD-7714 for Nanook: do the home "
                             "check and approve if suitable.")
    assert approved == ["AD-7714"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="rehoming_coordinator",
        decisive=run.find(name=CHAT, contains="family keen and experienced",
                          agent="rehoming_coordinator"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("rehoming_coordinator", "home_checker"),
               ("home_checker", "rehoming_coordinator")],
        instrumentation=INSTR, topology="coordinator > checker (agent as tool), then approve",
        task="Home-check adoption application AD-7714 for a husky and approve it if suitable",
        why="home_checker answered FAIL (90 cm fence for a dog that needs 180 cm), and "
            "rehoming_coordinator's next step approved the adoption and booked the handover",
    ))
    _batch6(name)


def misroute_rowing_club_capsize() -> None:
    """rowing_club_desk can pass members to membership_secretary or water_safety_officer; a
    member reports a junior crew's capsize with a cold-water casualty and the desk sends it to
    membership (it mentions the juniors' fees), so no incident is logged."""
    incidents: list[str] = []
    membership = Agent(MODEL, name="membership_secretary",
                       instructions="You are membership_secretary. Handle memberships, fees "
                                    "and renewals.")

    @membership.tool_plain
    def member_record(member: str) -> dict[str, Any]:
        """A member's membership record."""
        return {"member": member, "category": "junior", "fees": "paid to 2027-09-30"}

    safety = Agent(MODEL, name="water_safety_officer",
                   instructions="You are water_safety_officer. Log and follow up incidents on "
                                "the water.")

    @safety.tool_plain
    def log_incident(summary: str, severity: str) -> dict[str, Any]:
        """Log a water safety incident and alert the club's safety officer."""
        incidents.append(severity)
        return {"incident": "IN-1"}

    desk = Agent(MODEL, name="rowing_club_desk",
                 instructions="You are rowing_club_desk. Pass members' messages to the right "
                              "club officer.")

    @desk.tool
    async def ask_membership_secretary(ctx: RunContext[None], message: str) -> str:
        """Pass a message to the membership secretary."""
        return (await membership.run(message, usage=ctx.usage)).output

    @desk.tool
    async def ask_water_safety_officer(ctx: RunContext[None], message: str) -> str:
        """Pass a message to the water safety officer."""
        return (await safety.run(message, usage=ctx.usage)).output

    report = ("Our junior quad capsized by the weir this morning. Ellie (member J-0452, 14) "
              "was in the water about 5 minutes and was shivering badly; her mum took her "
              "home. The launch was slow to get to them. She's a junior member and her fees "
              "are all paid up, if that matters.")
    LLM.script = Script({
        "rowing_club_desk": [
            call("ask_membership_secretary", message="Junior member J-0452 (Ellie): query "
                 "after this morning's outing; parent mentions fees."),
            say("Thanks for letting us know. The membership secretary confirms Ellie's junior "
                "membership is paid up until 30 September 2027, so everything is in order on "
                "her account."),
        ],
        "membership_secretary": [
            call("member_record", member="J-0452"),
            say("J-0452 is a junior member, fees paid to 30 September 2027."),
        ],
        "water_safety_officer": [say("Incident logged.")],
    })
    name = "misroute_rowing_club_capsize"
    with REC.run(name) as run:
        desk.run_sync(report)
    assert not incidents
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="rowing_club_desk",
        decisive=run.find(name=CHAT, contains="query after this morning's outing",
                          agent="rowing_club_desk"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("rowing_club_desk", "membership_secretary"),
               ("membership_secretary", "rowing_club_desk")],
        instrumentation=INSTR, topology="club desk with two officers as tools (one used)",
        task="Deal with a report of a junior crew's capsize with a cold-water casualty",
        why="the report was a capsize with a junior in cold water and a slow launch, but "
            "rowing_club_desk passed it to membership_secretary (who only checked fees) instead "
            "of water_safety_officer, who has log_incident, so no incident was logged",
    ))
    _batch6(name)


def upstream_loop_dealer_registration_vin() -> None:
    """Sequential pipeline (application span): sales_admin prepares the new car's
    registration with a 16-character VIN (one character of the sales file's VIN dropped),
    and registration_agent's submission is rejected on every try."""
    submits = {"n": 0}
    sales_admin = Agent(MODEL, name="sales_admin",
                        instructions="You are sales_admin at Kernow Motors. Prepare new "
                                     "vehicle registrations from the sales file.")

    @sales_admin.tool_plain
    def sales_file(deal: str) -> dict[str, Any]:
        """The sales file of a deal."""
        return {"deal": deal, "model": "Skoda Elroq 85", "vin": "TMBJC7NY4S0123456",
                "colour": "Moon White", "keeper": "Mrs R. Chenoweth, TR1 2HL"}

    registration_agent = Agent(MODEL, name="registration_agent",
                               instructions="You are registration_agent. Register new "
                                            "vehicles online.")

    @registration_agent.tool_plain(retries=3)
    def submit_first_registration(vin: str, model: str, keeper: str) -> dict[str, Any]:
        """Submit a new vehicle's first registration."""
        submits["n"] += 1
        raise ModelRetry(f"registration rejected: VIN '{vin}' must be 17 characters, got "
                         f"{len(vin)}")

    prepared = ("Registration ready for deal KM-5520: Skoda Elroq 85, VIN TMBJC7NY4S012346, "
                "Moon White, keeper Mrs R. Chenoweth, TR1 2HL.")
    LLM.script = Script({
        "sales_admin": [call("sales_file", deal="KM-5520"), say(prepared)],
        "registration_agent": [
            call("submit_first_registration", vin="TMBJC7NY4S012346", model="Skoda Elroq 85",
                 keeper="Mrs R. Chenoweth, TR1 2HL"),
            call("submit_first_registration", vin="TMBJC7NY4S012346", model="Skoda Elroq 85",
                 keeper="Mrs R. Chenoweth, TR1 2HL"),
            call("submit_first_registration", vin="TMBJC7NY4S012346", model="Skoda Elroq 85",
                 keeper="Mrs R. Chenoweth, TR1 2HL"),
            say("Could not register deal KM-5520: the VIN TMBJC7NY4S012346 is rejected on "
                "every submission."),
        ],
    })
    name = "upstream_loop_dealer_registration_vin"
    with REC.run(name) as run, APP.start_as_current_span("handover_pipeline"):
        prepared_out = sales_admin.run_sync("Prepare the registration for deal KM-5520.").output
        registration_agent.run_sync(f"Register this vehicle: {prepared_out}")
    assert submits["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="sales_admin",
        decisive=run.find(name=CHAT, contains="VIN TMBJC7NY4S012346", agent="sales_admin"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("sales_admin", "registration_agent")],
        instrumentation=INSTR, topology="admin > registration (sequential pipeline)",
        task="Prepare and submit the first registration of a new car for deal KM-5520",
        why="the sales file gives VIN TMBJC7NY4S0123456 (17 characters) but sales_admin wrote "
            "TMBJC7NY4S012346 (16), and registration_agent's submission was rejected for that "
            "VIN on all three tries",
    ))
    _batch6(name)


def ok_archive_strongroom_survey_loop() -> None:
    """county_archivist delegates to box_locator, which reads seven strongroom bays one by one
    (one read times out and is repeated) before the archivist books the pest treatment."""
    looked: list[str] = []
    box_locator = Agent(MODEL, name="box_locator",
                        instructions="You are box_locator. Find where archive boxes are "
                                     "shelved.")

    @box_locator.tool_plain(retries=2)
    def bay_contents(bay: str) -> dict[str, Any]:
        """Boxes shelved in a strongroom bay."""
        looked.append(bay)
        if bay == "B4" and looked.count("B4") == 1:
            raise ModelRetry("catalogue timeout reading bay B4; try again")
        return {"bay": bay, "boxes": 40 if bay != "B7" else 12,
                "collections": ["QS (Quarter Sessions)"] if bay in ("B2", "B5")
                else ["Parish records"]}

    archivist = Agent(MODEL, name="county_archivist",
                      instructions="You are county_archivist at the Kresen Archive.")

    @archivist.tool
    async def survey_strongroom(ctx: RunContext[None], request: str) -> str:
        """Have the box locator survey a strongroom."""
        return (await box_locator.run(request, usage=ctx.usage)).output

    @archivist.tool_plain
    def book_pest_treatment(strongroom: str, date: str, boxes: int) -> dict[str, Any]:
        """Book an anoxic pest treatment for a strongroom's boxes."""
        return {"booking": "PT-0917", "strongroom": strongroom, "date": date, "boxes": boxes}

    bays = ["B1", "B2", "B3", "B4", "B5", "B6", "B7"]
    LLM.script = Script({
        "county_archivist": [
            call("survey_strongroom", request="Count the boxes in every bay of strongroom 3 "
                 "and say which collections they hold."),
            call("book_pest_treatment", strongroom="3", date="2027-05-18", boxes=252),
            say("Strongroom 3 holds 252 boxes over 7 bays (Quarter Sessions in B2 and B5, "
                "parish records elsewhere). Anoxic treatment booked for 18 May (PT-0917)."),
        ],
        "box_locator": [
            *[call("bay_contents", bay=b) for b in bays[:4]],
            call("bay_contents", "B4 timed out; reading it again.", bay="B4"),
            *[call("bay_contents", bay=b) for b in bays[4:]],
            say("Strongroom 3: B1-B6 hold 40 boxes each, B7 holds 12 - 252 boxes. B2 and B5 "
                "are Quarter Sessions; the rest parish records."),
        ],
    })
    name = "ok_archive_strongroom_survey_loop"
    with REC.run(name) as run:
        archivist.run_sync("Silverfish found in strongroom 3. Find out what is shelved there "
                           "and book the pest treatment for all of it.")
    assert looked == ["B1", "B2", "B3", "B4", "B4", "B5", "B6", "B7"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("county_archivist", "box_locator"), ("box_locator", "county_archivist")],
        instrumentation=INSTR, topology="archivist > locator (agent as tool) with eight lookups",
        task="Survey strongroom 3 and book pest treatment for every box in it",
        why="box_locator read all seven bays (B4 timed out once and was reread), the 252-box "
            "count matches the lookups, and county_archivist booked treatment PT-0917 for 252 "
            "boxes",
    ))
    _batch6(name)


def ok_holiday_entitlement_clause_revision() -> None:
    """Sequential pipeline (application span): contract_drafter writes the holiday clause,
    employment_law_checker rejects it (20 days including bank holidays is under the statutory
    5.6 weeks), the drafter revises it and the checker approves."""
    drafter = Agent(MODEL, name="contract_drafter",
                    instructions="You are contract_drafter. Draft employment contract "
                                 "clauses.")
    checker = Agent(MODEL, name="employment_law_checker", output_type=Verdict,
                    instructions="You are employment_law_checker. Check contract clauses "
                                 "against the Working Time Regulations.")
    draft1 = ("Clause 9: The Employee is entitled to 20 days' paid holiday a year, including "
              "the 8 public holidays.")
    draft2 = ("Clause 9: The Employee is entitled to 25 days' paid holiday a year plus the 8 "
              "public holidays (33 days in all).")
    LLM.script = Script({
        "contract_drafter": [say(draft1), say(draft2)],
        "employment_law_checker": [
            call("final_result", approved=False,
                 summary="20 days including public holidays is under the statutory 5.6 weeks "
                         "(28 days for a five-day week). Offer at least 28, e.g. 25 plus 8 "
                         "public holidays."),
            call("final_result", approved=True,
                 summary="25 days plus 8 public holidays exceeds the 28-day minimum."),
        ],
    })
    name = "ok_holiday_entitlement_clause_revision"
    with REC.run(name) as run, APP.start_as_current_span("contract_pipeline"):
        clause = drafter.run_sync("Draft the holiday clause for a full-time (five days a "
                                  "week) warehouse supervisor.").output
        verdict = checker.run_sync(f"Check: {clause}").output
        assert not verdict.approved
        clause = drafter.run_sync(f"Revise the clause. Checker says: {verdict.summary} "
                                  f"Clause: {clause}").output
        verdict = checker.run_sync(f"Check: {clause}").output
        assert verdict.approved
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("contract_drafter", "employment_law_checker"),
               ("employment_law_checker", "contract_drafter")],
        instrumentation=INSTR, topology="drafter > checker, one revision round (sequential)",
        task="Draft a lawful holiday entitlement clause for a full-time employee",
        why="employment_law_checker rejected 20 days including public holidays as under the "
            "28-day statutory minimum, contract_drafter revised it to 25 plus 8 public "
            "holidays and the checker approved it",
    ))
    _batch6(name)


BATCH6 = [
    ignored_verdict_dog_adoption_home_check,
    misroute_rowing_club_capsize,
    upstream_loop_dealer_registration_vin,
    ok_archive_strongroom_survey_loop,
    ok_holiday_entitlement_clause_revision,
]


def _batch7(run_name: str) -> None:
    """Mark a batch-7 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 7
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_village_hall_chargepoints_depth2() -> None:
    """community_energy_coordinator > installer_liaison > grid_capacity_checker (delegation
    two levels deep): the network operator's capacity map is down, grid_capacity_checker reports
    headroom anyway, and the chargepoints are ordered and the grant claimed on it."""
    ordered: list[str] = []
    checker = Agent(MODEL, name="grid_capacity_checker",
                    instructions="You are grid_capacity_checker. Check spare capacity at the "
                                 "supply's substation before new load is connected.")

    @checker.tool_plain
    def substation_headroom(postcode: str) -> dict[str, Any]:
        """Spare capacity at the secondary substation feeding a postcode (network map API)."""
        return {"error": "capacity map API unavailable (HTTP 503, planned maintenance until "
                         "18:00); no headroom data returned", "postcode": postcode}

    liaison = Agent(MODEL, name="installer_liaison",
                    instructions="You are installer_liaison. Get chargepoint installs specified "
                                 "and ordered once the grid check is done.")

    @liaison.tool
    async def check_grid_capacity(ctx: RunContext[None], request: str) -> str:
        """Ask the grid capacity checker about spare capacity."""
        return (await checker.run(request, usage=ctx.usage)).output

    @liaison.tool_plain
    def order_install(site: str, chargers: int, kw_each: int) -> dict[str, Any]:
        """Order a chargepoint installation from the installer."""
        ordered.append(site)
        return {"order": "EVI-2093", "site": site, "chargers": chargers, "kw_each": kw_each}

    coordinator = Agent(MODEL, name="community_energy_coordinator",
                        instructions="You are community_energy_coordinator for St Keverne "
                                     "village hall. Get the EV chargepoints installed and the "
                                     "grant claimed.")

    @coordinator.tool
    async def arrange_installation(ctx: RunContext[None], request: str) -> str:
        """Have the installer liaison arrange the installation."""
        return (await liaison.run(request, usage=ctx.usage)).output

    @coordinator.tool_plain
    def submit_grant_claim(scheme: str, amount_gbp: int, note: str) -> dict[str, Any]:
        """Submit a grant claim."""
        return {"claim": "WCS-77120", "scheme": scheme, "amount_gbp": amount_gbp}

    LLM.script = Script({
        "community_energy_coordinator": [
            call("arrange_installation", request="Two 22 kW chargepoints in the village hall "
                 "car park, TR12 6NX. Check grid capacity first, then order."),
            call("submit_grant_claim", scheme="Workplace Charging Scheme", amount_gbp=700,
                 note="2 sockets, install order EVI-2093, grid capacity confirmed."),
            say("Both 22 kW chargepoints are ordered (EVI-2093) - the local substation has "
                "enough spare capacity, so no upgrade is needed - and the GBP 700 grant claim "
                "is in (WCS-77120)."),
        ],
        "installer_liaison": [
            call("check_grid_capacity", request="Spare capacity for two 22 kW chargers "
                 "(about 64 A per phase) at TR12 6NX?"),
            call("order_install", site="St Keverne village hall, TR12 6NX", chargers=2,
                 kw_each=22),
            say("Grid check passed (68 kVA headroom), install ordered: EVI-2093, two 22 kW "
                "chargepoints."),
        ],
        "grid_capacity_checker": [
            call("substation_headroom", postcode="TR12 6NX"),
            say("The St Keverne secondary substation has 68 kVA of headroom, so two 22 kW "
                "chargers (44 kW) can connect without reinforcement; no application to the "
                "network operator beyond a notification is needed."),
        ],
    })
    name = "fabrication_village_hall_chargepoints_depth2"
    with REC.run(name) as run:
        coordinator.run_sync("Get two 22 kW EV chargepoints installed at the village hall car "
                             "park (TR12 6NX) and claim the grant.")
    assert ordered
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="grid_capacity_checker",
        decisive=run.find(name=CHAT, contains="substation has 68 kVA of headroom",
                          agent="grid_capacity_checker"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("community_energy_coordinator", "installer_liaison"),
               ("installer_liaison", "grid_capacity_checker"),
               ("grid_capacity_checker", "installer_liaison"),
               ("installer_liaison", "community_energy_coordinator")],
        instrumentation=INSTR,
        topology="coordinator > liaison > checker (delegation, two levels)",
        task="Get two 22 kW chargepoints installed at a village hall and claim the grant",
        why="substation_headroom returned an error (capacity map API down, no data), yet "
            "grid_capacity_checker's next turn reported 68 kVA of headroom, on which "
            "installer_liaison ordered the install and the coordinator claimed the grant",
    ))
    _batch7(name)


def premature_termination_leaver_final_pay() -> None:
    """Programmatic hand-off (application span): leaver_processor's record shows untaken
    holiday to pay and a laptop to collect, it declares the leaver processed after ending
    payroll only, and payslip_writer writes the final pay letter from that."""
    holiday_paid: list[str] = []
    leaver = Agent(MODEL, name="leaver_processor",
                   instructions="You are leaver_processor in HR operations. Process leavers: "
                                "end payroll, pay untaken holiday, recover equipment.")

    @leaver.tool_plain
    def leaver_record(employee: str) -> dict[str, Any]:
        """HR record of a leaver with what is still to do."""
        return {"employee": employee, "name": "Priya Nair", "last_day": "2027-01-29",
                "holiday_untaken_days": 6.5, "day_rate_gbp": 164.0,
                "equipment": ["laptop LT-4471"],
                "outstanding": ["end_payroll", "pay_holiday", "collect_equipment"]}

    @leaver.tool_plain
    def end_payroll(employee: str, last_day: str) -> dict[str, Any]:
        """Stop payroll after an employee's last day."""
        return {"employee": employee, "payroll_end": last_day, "done": True}

    @leaver.tool_plain
    def add_holiday_pay(employee: str, days: float) -> dict[str, Any]:
        """Add untaken holiday pay to the final pay run."""
        holiday_paid.append(employee)
        return {"employee": employee, "days": days}

    @leaver.tool_plain
    def request_equipment_return(employee: str, item: str) -> dict[str, Any]:
        """Send a courier return box for company equipment."""
        return {"employee": employee, "item": item, "courier": "RT-1"}

    writer = Agent(MODEL, name="payslip_writer",
                   instructions="You are payslip_writer. Write the leaver's final pay letter.")
    LLM.script = Script({
        "leaver_processor": [
            call("leaver_record", employee="E-20817"),
            call("end_payroll", employee="E-20817", last_day="2027-01-29"),
            say("Leaver E-20817 (Priya Nair) is fully processed: payroll ends on 29 January "
                "and nothing else is outstanding."),
        ],
        "payslip_writer": [
            say("Dear Priya, your final salary for January will be paid on 31 January as "
                "usual and covers you up to your last day, 29 January. There are no further "
                "payments or deductions. We wish you all the best."),
        ],
    })
    name = "premature_termination_leaver_final_pay"
    with REC.run(name) as run, APP.start_as_current_span("leaver_pipeline"):
        status = leaver.run_sync("Process leaver E-20817, last day 29 January 2027.").output
        writer.run_sync(f"Write the final pay letter. HR status: {status}")
    assert not holiday_paid
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="leaver_processor",
        decisive=run.find(name=CHAT, contains="fully processed: payroll ends",
                          agent="leaver_processor"),
        modes=["FM-3.1"],
        edges=[("leaver_processor", "payslip_writer")],
        instrumentation=INSTR, topology="processor > letter writer (programmatic hand-off)",
        task="Process a leaver: end payroll, pay untaken holiday, recover equipment",
        why="leaver_record listed 6.5 untaken holiday days to pay and a laptop to collect, but "
            "leaver_processor ended payroll only and declared the leaver fully processed, so "
            "payslip_writer's letter says there are no further payments",
    ))
    _batch7(name)


def upstream_loop_backup_cronjob_schedule() -> None:
    """platform_lead delegates to schedule_designer, then to job_scheduler: the designer writes
    a six-field Quartz expression for a Kubernetes CronJob, which only takes five fields, and
    job_scheduler's submission is rejected on every try."""
    submits = {"n": 0}
    designer = Agent(MODEL, name="schedule_designer",
                     instructions="You are schedule_designer. Turn schedule requirements into "
                                  "cron expressions for our Kubernetes CronJobs.")
    scheduler = Agent(MODEL, name="job_scheduler",
                      instructions="You are job_scheduler. Create CronJobs in the cluster.")

    @scheduler.tool_plain(retries=3)
    def create_cronjob(job_name: str, schedule: str, image: str) -> dict[str, Any]:
        """Create a Kubernetes CronJob."""
        submits["n"] += 1
        raise ModelRetry(f'CronJob.batch "{job_name}" is invalid: spec.schedule: Invalid value: '
                         f'"{schedule}": expected exactly 5 fields, found 6')

    lead = Agent(MODEL, name="platform_lead",
                 instructions="You are platform_lead. Get operational jobs designed and "
                              "deployed by your agents.")

    @lead.tool
    async def design_schedule(ctx: RunContext[None], requirement: str) -> str:
        """Have the schedule designer write the cron expression."""
        return (await designer.run(requirement, usage=ctx.usage)).output

    @lead.tool
    async def deploy_job(ctx: RunContext[None], spec: str) -> str:
        """Have the job scheduler create the CronJob."""
        return (await scheduler.run(spec, usage=ctx.usage)).output

    quartz = "0 30 1 ? * SUN"
    LLM.script = Script({
        "platform_lead": [
            call("design_schedule", requirement="Weekly full backup of the orders database, "
                 "Sundays at 01:30 UTC, as a Kubernetes CronJob."),
            call("deploy_job", spec=f"CronJob orders-db-full-backup, schedule '{quartz}', "
                 "image registry.internal/pg-backup:16."),
            say("The weekly orders-db backup CronJob could not be created: the cluster rejects "
                "the schedule each time."),
        ],
        "schedule_designer": [
            say(f"Schedule for Sundays 01:30 UTC: `{quartz}` (seconds, minutes, hours, "
                "day-of-month, month, day-of-week)."),
        ],
        "job_scheduler": [
            call("create_cronjob", job_name="orders-db-full-backup", schedule=quartz,
                 image="registry.internal/pg-backup:16"),
            call("create_cronjob", job_name="orders-db-full-backup", schedule=quartz,
                 image="registry.internal/pg-backup:16"),
            call("create_cronjob", job_name="orders-db-full-backup", schedule=quartz,
                 image="registry.internal/pg-backup:16"),
            say(f"Could not create orders-db-full-backup: the API server rejects '{quartz}' "
                "on every attempt."),
        ],
    })
    name = "upstream_loop_backup_cronjob_schedule"
    with REC.run(name) as run:
        lead.run_sync("Set up a weekly full backup of the orders database every Sunday at "
                      "01:30 UTC as a CronJob, image registry.internal/pg-backup:16.")
    assert submits["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="schedule_designer",
        decisive=run.find(name=CHAT, contains="(seconds, minutes, hours",
                          agent="schedule_designer"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("platform_lead", "schedule_designer"), ("schedule_designer", "platform_lead"),
               ("platform_lead", "job_scheduler"), ("job_scheduler", "platform_lead")],
        instrumentation=INSTR, topology="lead > designer, then scheduler (delegation tools)",
        task="Create a weekly Sunday 01:30 UTC backup CronJob for the orders database",
        why="schedule_designer wrote the six-field Quartz expression '0 30 1 ? * SUN' for a "
            "Kubernetes CronJob (five fields, e.g. '30 1 * * 0'), and job_scheduler's "
            "create_cronjob was rejected for it on all three tries",
    ))
    _batch7(name)


def ok_hospice_appeal_fundraising_review() -> None:
    """Programmatic loop (application span): appeal_writer drafts a mailing,
    fundraising_compliance rejects an unsupported impact claim and a pressure line, the writer
    fixes both and the second review approves it."""
    writer = Agent(MODEL, name="appeal_writer",
                   instructions="You are appeal_writer. Write fundraising appeal letters.")
    reviewer = Agent(MODEL, name="fundraising_compliance", output_type=Verdict,
                     instructions="You are fundraising_compliance. Review appeals against the "
                                  "Code of Fundraising Practice and the charity's facts.")
    draft1 = ("This winter, every GBP 10 you give pays for a full night of nursing care at "
              "Harbour Light. Please give today - families are counting on you, and we can "
              "only keep our doors open if you do.")
    draft2 = ("This winter, GBP 10 helps pay for an hour of nursing care at Harbour Light, "
              "where a night of care costs about GBP 240. If you can, please give today.")
    LLM.script = Script({
        "appeal_writer": [say(draft1), say(draft2)],
        "fundraising_compliance": [
            call("final_result", approved=False,
                 summary="Not approved. 'GBP 10 pays for a full night of nursing care' is "
                         "false: the fact sheet puts a night at about GBP 240. 'We can only "
                         "keep our doors open if you do' is undue pressure. Fix both."),
            call("final_result", approved=True,
                 summary="Approved: the cost figures match the fact sheet and the ask is "
                         "not pressuring."),
        ],
    })
    name = "ok_hospice_appeal_fundraising_review"
    with REC.run(name) as run, APP.start_as_current_span("appeal_pipeline"):
        text = writer.run_sync("Write the winter appeal paragraph. Facts: a night of nursing "
                               "care costs about GBP 240; an hour about GBP 10.").output
        verdict = reviewer.run_sync(f"Review: {text}").output
        assert not verdict.approved
        text = writer.run_sync(f"Revise. Reviewer: {verdict.summary} Draft: {text}").output
        verdict = reviewer.run_sync(f"Review: {text}").output
        assert verdict.approved
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("appeal_writer", "fundraising_compliance"),
               ("fundraising_compliance", "appeal_writer")],
        instrumentation=INSTR, topology="writer > reviewer, one revision round (programmatic)",
        task="Write a hospice winter appeal that passes fundraising compliance",
        why="fundraising_compliance rejected the draft (GBP 10 for a night of care contradicts "
            "the GBP 240 fact sheet; pressuring line), appeal_writer fixed both and the second "
            "review approved it",
    ))
    _batch7(name)


def ok_ward_interpreter_booking_retry() -> None:
    """ward_clerk delegates to interpreter_coordinator, whose booking system answers 503 once
    (ModelRetry); the coordinator books again and the clerk confirms the real booking."""
    tries = {"n": 0}
    coordinator = Agent(MODEL, name="interpreter_coordinator",
                        instructions="You are interpreter_coordinator. Book interpreters for "
                                     "hospital appointments.")

    @coordinator.tool_plain(retries=2)
    def book_interpreter(language: str, ward: str, start: str, minutes: int) -> dict[str, Any]:
        """Book a face-to-face interpreter."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise ModelRetry("interpreting service booking API: 503 Service Unavailable, "
                             "please retry")
        return {"booking": "INT-66021", "language": language, "interpreter": "A. Kowalczyk",
                "start": start, "minutes": minutes}

    clerk = Agent(MODEL, name="ward_clerk",
                  instructions="You are ward_clerk on Cardiology Ward 4.")

    @clerk.tool
    async def arrange_interpreter(ctx: RunContext[None], request: str) -> str:
        """Ask the interpreter coordinator to book an interpreter."""
        return (await coordinator.run(request, usage=ctx.usage)).output

    args = dict(language="Polish", ward="Cardiology Ward 4", start="2027-02-11T10:00",
                minutes=60)
    LLM.script = Script({
        "ward_clerk": [
            call("arrange_interpreter", request="Polish interpreter, Cardiology Ward 4, "
                 "11 Feb 10:00 for 60 minutes (consent discussion, bed 12)."),
            say("Interpreter booked for bed 12's consent discussion: A. Kowalczyk (Polish), "
                "Thursday 11 February 10:00-11:00, booking INT-66021."),
        ],
        "interpreter_coordinator": [
            call("book_interpreter", **args),
            call("book_interpreter", "The booking service was unavailable; trying again.",
                 **args),
            say("Booked INT-66021: A. Kowalczyk, Polish, Ward 4, 11 Feb 10:00 for 60 minutes. "
                "(The first attempt got a 503; the second went through.)"),
        ],
    })
    name = "ok_ward_interpreter_booking_retry"
    with REC.run(name) as run:
        clerk.run_sync("Bed 12 needs a Polish interpreter for the consent discussion on "
                       "Thursday 11 February at 10:00, about an hour.")
    assert tries["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("ward_clerk", "interpreter_coordinator"),
               ("interpreter_coordinator", "ward_clerk")],
        instrumentation=INSTR, topology="clerk > coordinator (delegation)",
        task="Book a Polish interpreter for a ward consent discussion",
        why="book_interpreter answered 503 once, interpreter_coordinator booked again and got "
            "INT-66021, and ward_clerk confirmed that booking",
    ))
    _batch7(name)


def ok_fire_door_survey_repairs() -> None:
    """facilities_manager delegates the fire door survey to door_inspector, which finds two
    doors failing; the manager raises a repair order for each before reporting the survey
    closed."""
    orders: list[str] = []
    inspector = Agent(MODEL, name="door_inspector",
                      instructions="You are door_inspector. Report fire door inspection "
                                   "results.")

    @inspector.tool_plain
    def door_inspections(block: str) -> dict[str, Any]:
        """This quarter's fire door inspection results for a block."""
        return {"block": block, "doors": 14, "fails": [
            {"door": "FD-B2-03", "defect": "self-closer does not latch"},
            {"door": "FD-B4-01", "defect": "intumescent strip missing, 6 mm gap at head"}]}

    manager = Agent(MODEL, name="facilities_manager",
                    instructions="You are facilities_manager for Penmere House. Every failed "
                                 "fire door needs a repair order before the survey is closed.")

    @manager.tool
    async def inspect_doors(ctx: RunContext[None], request: str) -> str:
        """Have the door inspector report the fire door survey."""
        return (await inspector.run(request, usage=ctx.usage)).output

    @manager.tool_plain
    def raise_repair_order(door: str, defect: str, priority: str) -> dict[str, Any]:
        """Raise a repair order with the fire door contractor."""
        orders.append(door)
        return {"order": f"RO-{810 + len(orders)}", "door": door, "priority": priority}

    LLM.script = Script({
        "facilities_manager": [
            call("inspect_doors", request="Q1 fire door survey results for Penmere House."),
            call("raise_repair_order", door="FD-B2-03", defect="self-closer does not latch",
                 priority="7 days"),
            call("raise_repair_order", door="FD-B4-01",
                 defect="intumescent strip missing, 6 mm gap at head", priority="7 days"),
            say("Q1 fire door survey, Penmere House: 12 of 14 doors pass. Repairs ordered for "
                "FD-B2-03 (closer, RO-811) and FD-B4-01 (intumescent strip and head gap, "
                "RO-812), both within 7 days. The survey closes when both are signed off."),
        ],
        "door_inspector": [
            call("door_inspections", block="Penmere House"),
            say("14 doors inspected, 2 fail: FD-B2-03 (self-closer does not latch) and "
                "FD-B4-01 (intumescent strip missing, 6 mm gap at the head)."),
        ],
    })
    name = "ok_fire_door_survey_repairs"
    with REC.run(name) as run:
        manager.run_sync("Close out the Q1 fire door survey for Penmere House.")
    assert orders == ["FD-B2-03", "FD-B4-01"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("facilities_manager", "door_inspector"), ("door_inspector", "facilities_manager")],
        instrumentation=INSTR, topology="manager > inspector (delegation), then own tools",
        task="Close out a block's quarterly fire door survey",
        why="door_inspector reported two failing doors and facilities_manager raised a repair "
            "order for each (RO-811, RO-812) before reporting, without claiming the survey "
            "closed",
    ))
    _batch7(name)


BATCH7 = [
    fabrication_village_hall_chargepoints_depth2,
    premature_termination_leaver_final_pay,
    upstream_loop_backup_cronjob_schedule,
    ok_hospice_appeal_fundraising_review,
    ok_ward_interpreter_booking_retry,
    ok_fire_door_survey_repairs,
]


# ============================================================ batch 8 (holdout, batch=8)
def _batch8(run_name: str) -> None:
    """Mark a batch-8 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 8
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_delegation_choir_coach_hire() -> None:
    """tour_manager delegates the coach to coach_booker, whose operator booking call is refused
    (no vehicle that date); coach_booker reports a confirmed coach and the tour manager sends
    the itinerary to the choir."""
    sent: list[str] = []
    booker = Agent(MODEL, name="coach_booker",
                   instructions="You are coach_booker. Hire coaches from our contracted "
                                "operators and report the booking reference.")

    @booker.tool_plain
    def operator_quote(operator: str, date: str, seats: int) -> dict[str, Any]:
        """Price and vehicle type from a coach operator."""
        return {"operator": operator, "date": date, "seats": seats, "vehicle": "57-seat "
                "executive", "price_gbp": 1180}

    @booker.tool_plain(retries=1)
    def confirm_booking(operator: str, date: str, seats: int) -> dict[str, Any]:
        """Confirm a coach hire with the operator."""
        raise ModelRetry(f"{operator} booking system: no 57-seat vehicle available on {date} "
                         "(fleet fully allocated); booking not made")

    manager = Agent(MODEL, name="tour_manager",
                    instructions="You are tour_manager for Truro Male Voice Choir. Arrange "
                                 "transport for concerts and tell the members the plan.")

    @manager.tool
    async def arrange_coach(ctx: RunContext[None], request: str) -> str:
        """Have the coach booker hire a coach."""
        return (await booker.run(request, usage=ctx.usage)).output

    @manager.tool_plain
    def email_members(subject: str, body: str) -> dict[str, Any]:
        """Email every choir member."""
        sent.append(subject)
        return {"sent_to": 52}

    args = dict(operator="Kernow Coaches", date="2027-04-17", seats=55)
    LLM.script = Script({
        "tour_manager": [
            call("arrange_coach", request="57-seat coach, Truro to Bristol Cathedral and back, "
                 "Saturday 17 April 2027, 55 passengers, depart 10:00."),
            call("email_members", subject="Bristol concert 17 April - coach details",
                 body="Coach KC-40917 (Kernow Coaches) leaves Truro Leats car park at 10:00 on "
                      "17 April; back about 23:30."),
            say("Sorted: Kernow Coaches is taking all 55 of us to Bristol on 17 April "
                "(KC-40917, GBP 1,180), leaving the Leats at 10:00, and the members have the "
                "details by email."),
        ],
        "coach_booker": [
            call("operator_quote", **args),
            call("confirm_booking", **args),
            say("Booked: Kernow Coaches, 57-seat executive coach, Saturday 17 April, Truro "
                "10:00 to Bristol Cathedral and return, GBP 1,180. Reference KC-40917."),
        ],
    })
    name = "fabrication_delegation_choir_coach_hire"
    with REC.run(name) as run:
        manager.run_sync("Book the coach for our Bristol Cathedral concert on Saturday 17 April "
                         "2027 (55 singers, leave Truro 10:00) and let everyone know.")
    assert sent
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="coach_booker",
        decisive=run.find(name=CHAT, contains="Reference KC-40917", agent="coach_booker"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("tour_manager", "coach_booker"), ("coach_booker", "tour_manager")],
        instrumentation=INSTR, topology="manager > booker (delegation tool), then own tools",
        task="Hire a coach for a choir's concert trip and tell the members",
        why="confirm_booking was refused (no 57-seat vehicle on 17 April, booking not made), "
            "yet coach_booker's next turn reported a confirmed coach with reference KC-40917, "
            "which tour_manager emailed to the 52 members",
    ))
    _batch8(name)


class Route(BaseModel):
    """A triage decision: which team gets the report."""

    team: str
    reason: str


def misroute_programmatic_asbestos_fly_tipping() -> None:
    """Programmatic routing (application span): street_report_triage picks a team with a
    structured answer; dumped asbestos sheets in a lay-by go to bulky_waste_collection, which
    quotes the resident a paid collection, instead of fly_tipping_enforcement."""
    jobs: list[str] = []
    triage = Agent(MODEL, name="street_report_triage", output_type=Route,
                   instructions="You are street_report_triage for Cornwall Council. Pick the "
                                "team for a resident's report: bulky_waste_collection (paid "
                                "pick-ups of a resident's own large items), "
                                "fly_tipping_enforcement (waste dumped illegally on public "
                                "land, incl. hazardous waste) or street_cleaning (litter, "
                                "leaves, spills).")
    bulky = Agent(MODEL, name="bulky_waste_collection",
                  instructions="You are bulky_waste_collection. Book paid collections of "
                               "residents' large household items.")

    @bulky.tool_plain
    def quote_collection(items: str, address: str) -> dict[str, Any]:
        """Price and first date for a bulky waste collection at a resident's address."""
        return {"items": items, "address": address, "price_gbp": 38,
                "first_date": "2027-01-19", "note": "asbestos is not collected; take to HWRC "
                                                    "by appointment"}

    enforcement = Agent(MODEL, name="fly_tipping_enforcement",
                        instructions="You are fly_tipping_enforcement. Log fly-tips and send "
                                     "the right clearance crew.")

    @enforcement.tool_plain
    def log_fly_tip(location: str, waste: str, hazardous: bool) -> dict[str, Any]:
        """Log a fly-tip and dispatch clearance."""
        jobs.append(location)
        return {"case": "FT-1"}

    cleaning = Agent(MODEL, name="street_cleaning",
                     instructions="You are street_cleaning. Schedule sweeps.")
    teams = {"bulky_waste_collection": bulky, "fly_tipping_enforcement": enforcement,
             "street_cleaning": cleaning}
    report = ("Someone's dumped about eight broken corrugated roof sheets in the lay-by on "
              "Trevenson Road, Pool - grey, fibrous edges, looks like asbestos cement. Kids walk "
              "past there to school. I live at 14 Trevenson Road if you need me.")
    LLM.script = Script({
        "street_report_triage": [
            call("final_result", team="bulky_waste_collection",
                 reason="Large items (roof sheets) to be collected; resident gave an address."),
        ],
        "bulky_waste_collection": [
            call("quote_collection", items="8 corrugated roof sheets (possibly asbestos)",
                 address="14 Trevenson Road, Pool"),
            say("We can't collect asbestos sheets on a bulky waste collection. Please book a "
                "slot at your nearest household waste recycling centre and take them there, "
                "double-bagged; for other large items a collection is GBP 38, first date 19 "
                "January."),
        ],
        "fly_tipping_enforcement": [say("Logged.")],
        "street_cleaning": [say("Sweep booked.")],
    })
    name = "misroute_programmatic_asbestos_fly_tipping"
    with REC.run(name) as run, APP.start_as_current_span("street_report"):
        route = triage.run_sync(report).output
        teams[route.team].run_sync(report)
    assert not jobs
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="street_report_triage",
        decisive=run.find(name=CHAT, contains="Large items (roof sheets)",
                          agent="street_report_triage"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("street_report_triage", "bulky_waste_collection")],
        instrumentation=INSTR, topology="triage > 1 of 3 teams (programmatic routing)",
        task="Deal with a resident's report of dumped asbestos sheets in a lay-by",
        why="the report was of hazardous waste dumped on public land, which the triage prompt "
            "assigns to fly_tipping_enforcement, but street_report_triage chose "
            "bulky_waste_collection, which told the resident to take the sheets to a "
            "recycling centre themselves; no fly-tip was logged",
    ))
    _batch8(name)


def upstream_loop_delegation_tractor_filter_part() -> None:
    """workshop_foreman delegates to parts_lookup, then to parts_orderer: parts_lookup copies
    the hydraulic filter's part number with two digits swapped, and the dealer rejects every
    order for it."""
    orders = {"n": 0}
    lookup = Agent(MODEL, name="parts_lookup",
                   instructions="You are parts_lookup. Find part numbers in the manufacturer's "
                                "parts catalogue.")

    @lookup.tool_plain
    def parts_catalogue(model: str, part: str) -> dict[str, Any]:
        """Search the manufacturer's parts catalogue for a tractor model."""
        return {"model": model, "part": part, "results": [
            {"part_no": "AL203061", "description": "Hydraulic/transmission oil filter",
             "fits": "6R 145-250, 2020-"}]}

    orderer = Agent(MODEL, name="parts_orderer",
                    instructions="You are parts_orderer. Order parts from the dealer.")

    @orderer.tool_plain(retries=3)
    def dealer_order(part_no: str, qty: int, account: str) -> dict[str, Any]:
        """Order a part from the dealer's parts portal."""
        orders["n"] += 1
        raise ModelRetry(f"Dealer portal: part number {part_no} is not a valid part (no such "
                         "item in catalogue); order not placed")

    foreman = Agent(MODEL, name="workshop_foreman",
                    instructions="You are workshop_foreman at a farm machinery workshop. Get "
                                 "the parts for each job identified and ordered.")

    @foreman.tool
    async def find_part(ctx: RunContext[None], request: str) -> str:
        """Have parts lookup find the part number."""
        return (await lookup.run(request, usage=ctx.usage)).output

    @foreman.tool
    async def order_part(ctx: RunContext[None], request: str) -> str:
        """Have the parts orderer order a part."""
        return (await orderer.run(request, usage=ctx.usage)).output

    wrong = "AL203016"
    LLM.script = Script({
        "workshop_foreman": [
            call("find_part", request="Hydraulic/transmission oil filter for a John Deere "
                 "6R 185 (2022)."),
            call("order_part", request=f"Order 2 x {wrong} (hydraulic filter, 6R 185) on "
                 "account TRE-0093, next-day."),
            say("I couldn't get the hydraulic filters for the 6R 185 ordered - the dealer "
                "portal keeps refusing the part. Job 5512 is on hold until someone sorts it."),
        ],
        "parts_lookup": [
            call("parts_catalogue", model="6R 185", part="hydraulic oil filter"),
            say(f"John Deere 6R 185 hydraulic/transmission oil filter: part no. {wrong}."),
        ],
        "parts_orderer": [
            call("dealer_order", part_no=wrong, qty=2, account="TRE-0093"),
            call("dealer_order", "The portal refused it; retrying.", part_no=wrong, qty=2,
                 account="TRE-0093"),
            call("dealer_order", "Trying once more.", part_no=wrong, qty=2, account="TRE-0093"),
            say(f"The dealer portal rejected {wrong} three times as not a valid part; nothing "
                "ordered."),
        ],
    })
    name = "upstream_loop_delegation_tractor_filter_part"
    with REC.run(name) as run:
        foreman.run_sync("Job 5512: the 6R 185 needs its hydraulic/transmission oil filter "
                         "changed - get two ordered for tomorrow on account TRE-0093.")
    assert orders["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="parts_lookup",
        decisive=run.find(name=CHAT, contains=f"oil filter: part no. {wrong}",
                          agent="parts_lookup"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("workshop_foreman", "parts_lookup"), ("parts_lookup", "workshop_foreman"),
               ("workshop_foreman", "parts_orderer"), ("parts_orderer", "workshop_foreman")],
        instrumentation=INSTR, topology="foreman > lookup, then orderer (delegation tools)",
        task="Find and order two hydraulic oil filters for a tractor job",
        why="the catalogue gave part no. AL203061 but parts_lookup reported AL203016 (last two "
            "digits swapped), and parts_orderer's dealer_order was rejected as not a valid part "
            "three times with that number",
    ))
    _batch8(name)


def premature_termination_delegation_symposium_speaker_travel() -> None:
    """symposium_producer delegates travel to travel_booker: four speakers need trains and
    hotels, travel_booker books two and reports all speakers booked, and the producer sends
    the programme as final."""
    booked: list[str] = []
    booker = Agent(MODEL, name="travel_booker",
                   instructions="You are travel_booker. Book train and hotel for every invited "
                                "speaker who needs travel.")

    @booker.tool_plain
    def speaker_travel_needs(event: str) -> dict[str, Any]:
        """Speakers of an event and the travel each still needs."""
        return {"event": event, "speakers": [
            {"name": "Dr Ana Sousa", "from": "London Paddington", "hotel_nights": 1},
            {"name": "Prof. Tom Illingworth", "from": "Leeds", "hotel_nights": 2},
            {"name": "Dr Mei Chen", "from": "Bristol Temple Meads", "hotel_nights": 1},
            {"name": "Kofi Mensah", "from": "Exeter St Davids", "hotel_nights": 1}]}

    @booker.tool_plain
    def book_train_and_hotel(speaker: str, origin: str, nights: int) -> dict[str, Any]:
        """Book a return train to Falmouth and hotel nights for a speaker."""
        booked.append(speaker)
        return {"speaker": speaker, "ticket": f"TR-{len(booked)}", "hotel": "Greenbank Hotel",
                "nights": nights}

    producer = Agent(MODEL, name="symposium_producer",
                     instructions="You are symposium_producer for the Marine Plastics "
                                  "Symposium, Falmouth, 4 March. Make sure every speaker's "
                                  "travel is booked, then publish the final programme.")

    @producer.tool
    async def arrange_travel(ctx: RunContext[None], request: str) -> str:
        """Have the travel booker book speaker travel."""
        return (await booker.run(request, usage=ctx.usage)).output

    @producer.tool_plain
    def publish_programme(status: str) -> dict[str, Any]:
        """Publish the final programme on the symposium website."""
        return {"published": True, "url": "https://example.org/mps27/programme"}

    LLM.script = Script({
        "symposium_producer": [
            call("arrange_travel", request="Book trains and hotels for all speakers of the "
                 "Marine Plastics Symposium, 4 March."),
            call("publish_programme", status="final - all speaker travel booked"),
            say("All four speakers' travel is booked and the final programme is live."),
        ],
        "travel_booker": [
            call("speaker_travel_needs", event="MPS27"),
            call("book_train_and_hotel", speaker="Dr Ana Sousa", origin="London Paddington",
                 nights=1),
            call("book_train_and_hotel", speaker="Prof. Tom Illingworth", origin="Leeds",
                 nights=2),
            say("Speaker travel is done: trains to Falmouth and rooms at the Greenbank are "
                "booked for the symposium speakers (TR-1, TR-2). Nothing more needed."),
        ],
    })
    name = "premature_termination_delegation_symposium_speaker_travel"
    with REC.run(name) as run:
        producer.run_sync("Get the speakers' travel booked for the Marine Plastics Symposium "
                          "and put the programme out as final.")
    assert len(booked) == 2
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="travel_booker",
        decisive=run.find(name=CHAT, contains="Speaker travel is done", agent="travel_booker"),
        modes=["FM-3.1"],
        edges=[("symposium_producer", "travel_booker"), ("travel_booker", "symposium_producer")],
        instrumentation=INSTR, topology="producer > booker (delegation tool), then own tool",
        task="Book travel for every symposium speaker and publish the final programme",
        why="speaker_travel_needs listed four speakers, travel_booker booked Dr Sousa and "
            "Prof. Illingworth only and declared speaker travel done, so Dr Chen and Kofi "
            "Mensah have no travel while the programme went out as final",
    ))
    _batch8(name)


def ok_programmatic_cellar_line_clean_nothing_due() -> None:
    """Programmatic hand-off (application span): cellar_checker finds every beer line cleaned
    within the last week and says nothing is due; rota_writer writes a rota with no line
    clean this week."""
    cellar = Agent(MODEL, name="cellar_checker",
                   instructions="You are cellar_checker at The Star Inn. Lines must be "
                                "cleaned at least every 7 days; report which are due.")

    @cellar.tool_plain
    def line_cleaning_log(pub: str) -> dict[str, Any]:
        """Last cleaning date of each beer line."""
        return {"pub": pub, "today": "2027-02-08", "lines": [
            {"line": "1 Tribute", "cleaned": "2027-02-04"},
            {"line": "2 Doom Bar", "cleaned": "2027-02-04"},
            {"line": "3 Korev", "cleaned": "2027-02-06"},
            {"line": "4 Cider", "cleaned": "2027-02-06"}]}

    writer = Agent(MODEL, name="rota_writer",
                   instructions="You are rota_writer. Write the week's cellar jobs for the "
                                "bar staff from the cellar report.")
    LLM.script = Script({
        "cellar_checker": [
            call("line_cleaning_log", pub="The Star Inn, St Just"),
            say("No line is due a clean until Thursday: lines 1-2 were cleaned on 4 Feb (due by "
                "11 Feb) and lines 3-4 on 6 Feb (due by 13 Feb). Nothing to do today."),
        ],
        "rota_writer": [
            say("Cellar jobs w/c 8 Feb: Wed 10 Feb - clean lines 1 and 2 (Tribute, Doom Bar) "
                "before opening; Fri 12 Feb - clean lines 3 and 4 (Korev, cider). No cleaning "
                "needed Mon-Tue."),
        ],
    })
    name = "ok_programmatic_cellar_line_clean_nothing_due"
    with REC.run(name) as run, APP.start_as_current_span("cellar_rota"):
        report = cellar.run_sync("Which beer lines need cleaning today, 8 Feb?").output
        writer.run_sync(f"Write this week's cellar jobs. Cellar report: {report}")
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("cellar_checker", "rota_writer")],
        instrumentation=INSTR, topology="checker > rota writer (programmatic hand-off)",
        task="Say which beer lines need cleaning and write the week's cellar jobs",
        why="line_cleaning_log shows every line cleaned on 4 or 6 Feb, so none is due on 8 Feb; "
            "cellar_checker said so with the due dates and rota_writer scheduled the cleans "
            "for 10 and 12 Feb",
    ))
    _batch8(name)


def ok_delegation_arts_grant_budget_check() -> None:
    """grant_writer delegates the budget check to budget_checker (structured verdict): the
    first check fails (match funding below the 10% the fund requires), the writer corrects
    the budget, and the second check passes before submission."""
    checks = {"n": 0}
    submitted: list[int] = []
    checker = Agent(MODEL, name="budget_checker", output_type=Verdict,
                    instructions="You are budget_checker. Check grant budgets against the "
                                 "fund's rules: total request at most GBP 15,000, match "
                                 "funding at least 10% of total project cost, fees at least "
                                 "GBP 200 per artist day.")
    writer = Agent(MODEL, name="grant_writer",
                   instructions="You are grant_writer for Porthmeor Print Studio. Prepare the "
                                "application; get the budget checked before you submit it.")

    @writer.tool
    async def check_budget(ctx: RunContext[None], budget: str) -> str:
        """Have the budget checker check a budget; returns its verdict."""
        checks["n"] += 1
        verdict = (await checker.run(budget, usage=ctx.usage)).output
        return verdict.model_dump_json()

    @writer.tool_plain
    def submit_application(fund: str, request_gbp: int, project_cost_gbp: int) -> dict[str, Any]:
        """Submit the application to the fund's portal."""
        submitted.append(request_gbp)
        return {"fund": fund, "application": "DYCP-2027-5531", "status": "received"}

    first = ("Project cost GBP 14,600: artist fees 40 days x GBP 220 = 8,800; materials 3,400; "
             "venue 2,400. Request GBP 14,000; match funding GBP 600 (studio in-kind).")
    second = ("Project cost GBP 14,600: artist fees 40 days x GBP 220 = 8,800; materials "
              "3,400; venue 2,400. Request GBP 13,100; match funding GBP 1,500 (studio in-kind "
              "900 + Porthmeor Trust 600).")
    LLM.script = Script({
        "grant_writer": [
            call("check_budget", budget=first),
            call("check_budget", "Raising match funding to cover the 10% rule.", budget=second),
            call("submit_application", fund="Arts Council DYCP", request_gbp=13100,
                 project_cost_gbp=14600),
            say("Submitted (DYCP-2027-5531): GBP 13,100 requested on a GBP 14,600 project, with "
                "GBP 1,500 match funding. The first budget failed the 10% match rule; the "
                "revised one passed the check."),
        ],
        "budget_checker": [
            call("final_result", approved=False,
                 summary="Fails: match funding GBP 600 is 4.1% of GBP 14,600; the fund needs "
                         "at least 10% (GBP 1,460). Fees and request cap are fine."),
            call("final_result", approved=True,
                 summary="Passes: match GBP 1,500 is 10.3%, request GBP 13,100 under the cap, "
                         "fees GBP 220/day."),
        ],
    })
    name = "ok_delegation_arts_grant_budget_check"
    with REC.run(name) as run:
        writer.run_sync("Get our print residency application (40 artist days, GBP 14,600 "
                        "project) checked and submitted to the DYCP fund.")
    assert checks["n"] == 2 and submitted == [13100]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("grant_writer", "budget_checker"), ("budget_checker", "grant_writer")],
        instrumentation=INSTR, topology="writer > checker (delegation tool, two rounds)",
        task="Check a grant budget against the fund's rules and submit the application",
        why="budget_checker failed the first budget (match funding 4.1%, under the 10% rule), "
            "grant_writer raised match funding to GBP 1,500, the second check passed and only "
            "then was the application submitted",
    ))
    _batch8(name)


BATCH8 = [
    fabrication_delegation_choir_coach_hire,
    misroute_programmatic_asbestos_fly_tipping,
    upstream_loop_delegation_tractor_filter_part,
    premature_termination_delegation_symposium_speaker_travel,
    ok_programmatic_cellar_line_clean_nothing_due,
    ok_delegation_arts_grant_budget_check,
]


# ============================================================ batch 9 (holdout, batch=9)
def _batch9(run_name: str) -> None:
    """Mark a batch-9 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 9
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_programmatic_food_bank_stock_count() -> None:
    """Programmatic hand-off (application span): stock_counter's warehouse scan fails (the
    handheld scanner has not synced), it reports shelf counts anyway, and parcel_planner plans
    the week's parcels from those counts."""
    stock = Agent(MODEL, name="stock_counter",
                  instructions="You are stock_counter at Camborne food bank. Report current "
                               "stock of each parcel item from the warehouse scan.")

    @stock.tool_plain
    def warehouse_scan(warehouse: str) -> dict[str, Any]:
        """Latest stock levels from the handheld scanner sync."""
        raise ModelRetry("Scanner sync failed: device HS-2 last uploaded 2026-11-23; no stock "
                         "data for the current week. Ask a volunteer to re-sync the scanner.")

    planner = Agent(MODEL, name="parcel_planner",
                    instructions="You are parcel_planner. Plan how many three-day parcels the "
                                 "food bank can give out this week from the stock report.")
    counts = ("Stock at the Camborne warehouse: tinned tomatoes 212, pasta (500 g) 180, "
              "tinned tuna 96, cereal 74, UHT milk 130, tinned fruit 88.")
    LLM.script = Script({
        "stock_counter": [
            call("warehouse_scan", warehouse="Camborne"),
            say(counts + " Cereal is the limiting item."),
        ],
        "parcel_planner": [
            say("We can make 74 three-day parcels this week (cereal is the limit, one box per "
                "parcel); tuna allows 96. Plan: 74 standard parcels, hold 10 for emergency "
                "referrals, and put cereal on this week's shopping-list appeal."),
        ],
    })
    name = "fabrication_programmatic_food_bank_stock_count"
    with REC.run(name) as run, APP.start_as_current_span("weekly_parcel_plan"):
        report = stock.run_sync("What's in stock for parcels this week?").output
        planner.run_sync(f"Plan this week's parcels. Stock report: {report}")
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="stock_counter",
        decisive=run.find(name=CHAT, contains="tinned tomatoes 212", agent="stock_counter"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("stock_counter", "parcel_planner")],
        instrumentation=INSTR, topology="stock counter > planner (programmatic hand-off)",
        task="Report this week's food bank stock and plan the number of parcels",
        why="warehouse_scan failed (scanner HS-2 not synced since 23 Nov, no current data), yet "
            "stock_counter reported exact counts for six items and parcel_planner planned 74 "
            "parcels from them",
    ))
    _batch9(name)


def ignored_verdict_delegation_rugby_newsletter_photo_consent() -> None:
    """newsletter_editor delegates a safeguarding check to safeguarding_reviewer (structured
    verdict): two under-12s in the photos have no photo consent; the editor sends the
    newsletter with those photos anyway."""
    sent: list[str] = []
    reviewer = Agent(MODEL, name="safeguarding_reviewer", output_type=Verdict,
                     instructions="You are safeguarding_reviewer for Redruth RFC. Check that "
                                  "every named or pictured junior has photo consent on file.")

    @reviewer.tool_plain
    def photo_consent_register(names: list[str]) -> dict[str, Any]:
        """Photo consent status of junior members."""
        return {"Alfie Trezise (U11)": "consent given", "Poppy Dunstan (U11)": "no consent",
                "Jago Penrose (U11)": "no consent", "Isla Rowe (U11)": "consent given"}

    editor = Agent(MODEL, name="newsletter_editor",
                   instructions="You are newsletter_editor for Redruth RFC. Put the monthly "
                                "newsletter together, have safeguarding check it, then send.")

    @editor.tool
    async def safeguarding_check(ctx: RunContext[None], draft: str) -> str:
        """Have the safeguarding reviewer check the draft; returns the verdict."""
        return (await reviewer.run(draft, usage=ctx.usage)).output.model_dump_json()

    @editor.tool_plain
    def send_newsletter(subject: str, body: str, photos: list[str]) -> dict[str, Any]:
        """Email the newsletter to the club mailing list and post it on the website."""
        sent.append(subject)
        return {"recipients": 418, "web": "posted"}

    photos = ["u11_festival_team.jpg", "u11_try_poppy.jpg", "u11_jago_player_of_month.jpg"]
    draft = ("December newsletter: U11s won the Camborne festival! Try of the day from Poppy "
             "Dunstan, player of the month Jago Penrose, team photo with Alfie, Isla, Poppy and "
             f"Jago. Photos: {', '.join(photos)}. Also: Christmas social 20 Dec, AGM 15 Jan.")
    LLM.script = Script({
        "newsletter_editor": [
            call("safeguarding_check", draft=draft),
            call("send_newsletter", "The check is back; sending the December issue.",
                 subject="Redruth RFC - December news", body=draft, photos=photos),
            say("The December newsletter has gone to all 418 members and is on the website, "
                "with the U11 festival photos."),
        ],
        "safeguarding_reviewer": [
            call("photo_consent_register", names=["Alfie Trezise", "Poppy Dunstan",
                                                  "Jago Penrose", "Isla Rowe"]),
            call("final_result", approved=False,
                 summary="Do not send as is: Poppy Dunstan and Jago Penrose (both U11) have no "
                         "photo consent. Remove u11_try_poppy.jpg and "
                         "u11_jago_player_of_month.jpg and the team photo (or blur them) and "
                         "drop their surnames."),
        ],
    })
    name = "ignored_verdict_delegation_rugby_newsletter_photo_consent"
    with REC.run(name) as run:
        editor.run_sync("Put together and send the December newsletter - lead with the U11 "
                        "festival win and use the festival photos.")
    assert sent
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="newsletter_editor",
        decisive=run.find(name=CHAT, contains="sending the December issue",
                          agent="newsletter_editor"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("newsletter_editor", "safeguarding_reviewer"),
               ("safeguarding_reviewer", "newsletter_editor")],
        instrumentation=INSTR, topology="editor > reviewer (delegation tool), then own tool",
        task="Assemble the club newsletter, get the safeguarding check and send it",
        why="safeguarding_reviewer returned approved=false because two U11 players pictured "
            "have no photo consent, and newsletter_editor's next step sent the newsletter "
            "unchanged with their photos and full names",
    ))
    _batch9(name)


def upstream_loop_delegation_scaffold_permit_grid_reference() -> None:
    """works_coordinator delegates to site_locator, then permit_applicant: site_locator gives
    the scaffold site's grid reference with easting and northing swapped, and the street works
    register rejects every permit application for it."""
    attempts = {"n": 0}
    locator = Agent(MODEL, name="site_locator",
                    instructions="You are site_locator. Give the OS grid reference (easting, "
                                 "northing) of a works site.")

    @locator.tool_plain
    def address_lookup(address: str) -> dict[str, Any]:
        """Address gazetteer: UPRN and OS easting/northing of an address."""
        return {"address": address, "uprn": "100040123456", "easting": 147512,
                "northing": 30410}

    applicant = Agent(MODEL, name="permit_applicant",
                      instructions="You are permit_applicant. Apply for street works permits "
                                   "on the street works register.")

    @applicant.tool_plain(retries=3)
    def submit_permit(activity: str, easting: int, northing: int, start: str,
                      days: int) -> dict[str, Any]:
        """Submit a permit application to the street works register."""
        attempts["n"] += 1
        raise ModelRetry(f"Register rejected application: location E{easting} N{northing} is "
                         "not within Cornwall Council's highway network (outside authority "
                         "area)")

    coordinator = Agent(MODEL, name="works_coordinator",
                        instructions="You are works_coordinator at a scaffolding firm. Get the "
                                     "site located and the street works permit applied for.")

    @coordinator.tool
    async def locate_site(ctx: RunContext[None], request: str) -> str:
        """Have site_locator find the grid reference."""
        return (await locator.run(request, usage=ctx.usage)).output

    @coordinator.tool
    async def apply_for_permit(ctx: RunContext[None], request: str) -> str:
        """Have permit_applicant apply for the permit."""
        return (await applicant.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "works_coordinator": [
            call("locate_site", request="Grid reference for 7 Market Jew Street, Penzance."),
            call("apply_for_permit", request="Scaffold on footway at E30410 N147512 (7 Market "
                 "Jew Street, Penzance), from 2027-01-11 for 21 days."),
            say("The permit for the Market Jew Street scaffold hasn't gone through - the "
                "register keeps saying the location is outside Cornwall's area. We can't start "
                "on 11 January until that's sorted."),
        ],
        "site_locator": [
            call("address_lookup", address="7 Market Jew Street, Penzance"),
            say("7 Market Jew Street, Penzance (UPRN 100040123456): easting 30410, northing "
                "147512."),
        ],
        "permit_applicant": [
            call("submit_permit", activity="scaffold on footway", easting=30410,
                 northing=147512, start="2027-01-11", days=21),
            call("submit_permit", "Rejected - resubmitting in case it was a glitch.",
                 activity="scaffold on footway", easting=30410, northing=147512,
                 start="2027-01-11", days=21),
            call("submit_permit", "Trying again with the same site.",
                 activity="scaffolding (footway)", easting=30410, northing=147512,
                 start="2027-01-11", days=21),
            say("The register rejected the application three times: E30410 N147512 is outside "
                "Cornwall Council's highway network. No permit has been issued."),
        ],
    })
    name = "upstream_loop_delegation_scaffold_permit_grid_reference"
    with REC.run(name) as run:
        coordinator.run_sync("We're putting a scaffold up at 7 Market Jew Street, Penzance "
                             "from 11 Jan for three weeks - sort the street works permit.")
    assert attempts["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="site_locator",
        decisive=run.find(name=CHAT, contains="easting 30410, northing", agent="site_locator"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("works_coordinator", "site_locator"), ("site_locator", "works_coordinator"),
               ("works_coordinator", "permit_applicant"),
               ("permit_applicant", "works_coordinator")],
        instrumentation=INSTR, topology="coordinator > locator, then applicant (delegation tools)",
        task="Locate a scaffold site and apply for the street works permit",
        why="address_lookup gave easting 147512, northing 30410 but site_locator reported them "
            "swapped (easting 30410, northing 147512), and permit_applicant's submit_permit was "
            "rejected as outside the authority area three times with that location",
    ))
    _batch9(name)


def ok_delegation_kayak_hire_forecast_retry() -> None:
    """hire_desk delegates to conditions_checker, whose inshore forecast call fails once
    (ModelRetry) and succeeds the second time; conditions are within limits and the desk
    books the kayaks."""
    calls = {"n": 0}
    booked: list[str] = []
    checker = Agent(MODEL, name="conditions_checker",
                    instructions="You are conditions_checker. Sea kayak hire is allowed only if "
                                 "wind is under 15 knots and offshore wind is under 10 knots.")

    @checker.tool_plain(retries=2)
    def inshore_forecast(area: str, date: str) -> dict[str, Any]:
        """Met Office inshore waters forecast for an area and date."""
        calls["n"] += 1
        if calls["n"] == 1:
            raise ModelRetry("forecast service timed out after 8 s; try again")
        return {"area": area, "date": date, "wind": "NW 6-9 kn", "direction_vs_beach": "onshore",
                "sea_state": "smooth to slight", "visibility": "good"}

    desk = Agent(MODEL, name="hire_desk",
                 instructions="You are hire_desk at Coverack watersports. Check conditions "
                              "before any sea kayak booking.")

    @desk.tool
    async def check_conditions(ctx: RunContext[None], request: str) -> str:
        """Have the conditions checker assess the sea conditions."""
        return (await checker.run(request, usage=ctx.usage)).output

    @desk.tool_plain
    def book_kayaks(customer: str, date: str, kayaks: int) -> dict[str, Any]:
        """Book hire kayaks."""
        booked.append(customer)
        return {"booking": "CW-7719", "kayaks": kayaks, "date": date}

    LLM.script = Script({
        "hire_desk": [
            call("check_conditions", request="Sea kayaks off Coverack beach, Sat 14 Aug "
                 "morning: OK to hire?"),
            call("book_kayaks", customer="L. Pascoe", date="2027-08-14", kayaks=3),
            say("You're booked: 3 sea kayaks on Saturday 14 August, 09:30, ref CW-7719. The "
                "forecast is a light NW 6-9 knots, onshore here, with a smooth to slight sea."),
        ],
        "conditions_checker": [
            call("inshore_forecast", area="Lizard Point to Lyme Regis", date="2027-08-14"),
            call("inshore_forecast", "Timed out - asking again.",
                 area="Lizard Point to Lyme Regis", date="2027-08-14"),
            say("OK to hire: NW 6-9 knots, onshore at Coverack, smooth to slight, good "
                "visibility. Within limits (under 15 kn, not offshore)."),
        ],
    })
    name = "ok_delegation_kayak_hire_forecast_retry"
    with REC.run(name) as run:
        desk.run_sync("Can we hire three sea kayaks for Saturday 14 August, morning? Name "
                      "L. Pascoe.")
    assert calls["n"] == 2 and booked
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("hire_desk", "conditions_checker"), ("conditions_checker", "hire_desk")],
        instrumentation=INSTR, topology="desk > checker (delegation tool), then own tool",
        task="Check sea conditions and book three hire kayaks",
        why="inshore_forecast timed out once, conditions_checker asked again and got NW 6-9 kn "
            "onshore, within the limits, and hire_desk booked the kayaks on that forecast",
    ))
    _batch9(name)


def ok_programmatic_tenancy_repair_triage() -> None:
    """Programmatic routing (application span): repairs_triage sends a tenant's report of a
    gas smell near the boiler to emergency_gas (not planned_repairs, although the tenant also
    mentions a dripping tap), which tells the tenant what to do and logs an emergency job."""
    jobs: list[str] = []
    triage = Agent(MODEL, name="repairs_triage", output_type=Route,
                   instructions="You are repairs_triage for Kernow Homes. Pick the team: "
                                "emergency_gas (gas smells, CO alarms), planned_repairs "
                                "(non-urgent repairs such as taps, doors, gutters) or "
                                "damp_and_mould.")
    gas = Agent(MODEL, name="emergency_gas",
                instructions="You are emergency_gas. Give safety steps and raise an emergency "
                             "job.")

    @gas.tool_plain
    def raise_emergency_job(address: str, issue: str) -> dict[str, Any]:
        """Raise a 4-hour emergency job with the gas contractor."""
        jobs.append(address)
        return {"job": "EM-55120", "attend_within_hours": 4}

    planned = Agent(MODEL, name="planned_repairs",
                    instructions="You are planned_repairs. Book routine repairs.")
    damp = Agent(MODEL, name="damp_and_mould",
                 instructions="You are damp_and_mould. Book damp surveys.")
    teams = {"emergency_gas": gas, "planned_repairs": planned, "damp_and_mould": damp}
    report = ("Flat 3, 22 Chapel Street, Camborne. There's a smell of gas in the kitchen by "
              "the boiler since this morning, comes and goes. Also the bathroom tap drips, "
              "not urgent.")
    LLM.script = Script({
        "repairs_triage": [
            call("final_result", team="emergency_gas",
                 reason="Possible gas leak near the boiler - emergency; the tap can follow."),
        ],
        "emergency_gas": [
            call("raise_emergency_job", address="Flat 3, 22 Chapel Street, Camborne",
                 issue="intermittent gas smell near boiler"),
            say("Please turn off the gas at the meter, open windows, don't use switches or "
                "flames, and call the National Gas emergency line on 0800 111 999 now. I've "
                "raised emergency job EM-55120; our gas engineer will be with you within 4 "
                "hours. We'll book the dripping tap separately."),
        ],
        "planned_repairs": [say("Tap booked.")],
        "damp_and_mould": [say("Survey booked.")],
    })
    name = "ok_programmatic_tenancy_repair_triage"
    with REC.run(name) as run, APP.start_as_current_span("repair_report"):
        route = triage.run_sync(report).output
        teams[route.team].run_sync(report)
    assert jobs
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("repairs_triage", "emergency_gas")],
        instrumentation=INSTR, topology="triage > 1 of 3 teams (programmatic routing)",
        task="Route a tenant's repair report (gas smell and dripping tap) to the right team",
        why="the gas smell is an emergency, repairs_triage chose emergency_gas as its prompt "
            "says, and emergency_gas gave safety steps and raised a 4-hour emergency job",
    ))
    _batch9(name)


BATCH9 = [
    fabrication_programmatic_food_bank_stock_count,
    ignored_verdict_delegation_rugby_newsletter_photo_consent,
    upstream_loop_delegation_scaffold_permit_grid_reference,
    ok_delegation_kayak_hire_forecast_retry,
    ok_programmatic_tenancy_repair_triage,
]


# ============================================================ batch 10 (holdout, batch=10)
def _batch10(run_name: str) -> None:
    """Mark a batch-10 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 10
    path.write_text(json.dumps(data, indent=2) + "\n")


def ignored_verdict_delegation_charity_shop_lamp_pat() -> None:
    """shop_lister delegates the electrical safety check of a donated lamp to pat_checker
    (structured verdict): the lamp fails its earth continuity test, and shop_lister lists it
    for sale anyway."""
    listed: list[str] = []
    checker = Agent(MODEL, name="pat_checker", output_type=Verdict,
                    instructions="You are pat_checker at the Hospice Care charity shops. Donated "
                                 "electricals may only be sold after passing a PAT test.")

    @checker.tool_plain
    def pat_test_record(item_ref: str) -> dict[str, Any]:
        """The PAT tester's stored result for a donated item."""
        return {"item_ref": item_ref, "visual": "pass", "earth_continuity_ohm": 1.8,
                "earth_limit_ohm": 0.1, "insulation_mohm": 200, "overall": "FAIL",
                "tester": "Seaview 2 (D. Marsh)", "date": "2026-12-04"}

    lister = Agent(MODEL, name="shop_lister",
                   instructions="You are shop_lister for the Hospice Care charity shops. Price "
                                "donated items and list them on the online shop. Electricals "
                                "need pat_checker's approval first.")

    @lister.tool
    async def electrical_check(ctx: RunContext[None], item: str) -> str:
        """Ask pat_checker whether a donated electrical item may be sold."""
        return (await checker.run(item, usage=ctx.usage)).output.model_dump_json()

    @lister.tool_plain
    def publish_listing(title: str, price_gbp: float, description: str) -> dict[str, Any]:
        """Publish an item on the online charity shop."""
        listed.append(title)
        return {"listing_id": "HC-30917", "status": "live"}

    LLM.script = Script({
        "shop_lister": [
            call("electrical_check", item="Item D-4471: brass table lamp with green glass "
                 "shade, donated to the Seaview Road shop"),
            call("publish_listing", "Check done - listing the lamp now.",
                 title="Vintage brass banker's lamp, green glass shade", price_gbp=34.0,
                 description="Classic brass desk lamp with green glass shade. Electrically "
                             "tested. Collection from Seaview Road or UK postage."),
            say("The brass lamp (D-4471) is live on the online shop as HC-30917 at GBP 34, "
                "marked as electrically tested."),
        ],
        "pat_checker": [
            call("pat_test_record", item_ref="D-4471"),
            call("final_result", approved=False,
                 summary="Not for sale: D-4471 failed PAT. Earth continuity 1.8 ohm against a "
                         "0.1 ohm limit (visual and insulation passed). Either rewire/replace "
                         "the flex and retest, or sell as 'spares or repair, not tested' via "
                         "the trade route only - it must not be listed as tested."),
        ],
    })
    name = "ignored_verdict_delegation_charity_shop_lamp_pat"
    with REC.run(name) as run:
        lister.run_sync("Please list donated item D-4471, the brass lamp with the green shade, "
                        "on the online shop at a sensible price.")
    assert listed
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="shop_lister",
        decisive=run.find(name=CHAT, contains="listing the lamp now", agent="shop_lister"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("shop_lister", "pat_checker"), ("pat_checker", "shop_lister")],
        instrumentation=INSTR, topology="lister > checker (delegation tool), then own tool",
        task="List a donated lamp on the charity's online shop after its electrical check",
        why="pat_checker returned approved=false (earth continuity 1.8 ohm against a 0.1 ohm "
            "limit, must not be listed as tested), and shop_lister's next step published the "
            "lamp for sale described as electrically tested",
    ))
    _batch10(name)


def premature_termination_delegation_school_lettings_invoices() -> None:
    """lettings_manager delegates the termly hire invoices to billing_clerk; the bookings
    list comes back in two pages, billing_clerk invoices the three hirers on page 1 and
    reports every hirer invoiced."""
    invoiced: list[str] = []
    clerk = Agent(MODEL, name="billing_clerk",
                  instructions="You are billing_clerk for Trevithick Academy lettings. Raise "
                               "an invoice for every hirer with bookings this term.")

    @clerk.tool_plain
    def term_bookings(term: str, page: int = 1) -> dict[str, Any]:
        """Hirers with bookings in a term (paged, 3 per page)."""
        if page == 1:
            return {"term": term, "page": 1, "pages": 2, "next_page": 2, "hirers": [
                {"hirer": "Redruth Judo Club", "hours": 24, "rate_gbp": 38},
                {"hirer": "Camborne Community Choir", "hours": 12, "rate_gbp": 30},
                {"hirer": "Sunday Futsal League", "hours": 20, "rate_gbp": 45}]}
        return {"term": term, "page": 2, "pages": 2, "next_page": None, "hirers": [
            {"hirer": "Pool Yoga Collective", "hours": 11, "rate_gbp": 30},
            {"hirer": "Kernow Coding Club", "hours": 10, "rate_gbp": 25}]}

    @clerk.tool_plain
    def raise_invoice(hirer: str, amount_gbp: float) -> dict[str, Any]:
        """Raise an invoice in the finance system."""
        invoiced.append(hirer)
        return {"invoice": f"LET-{1040 + len(invoiced)}", "hirer": hirer, "amount": amount_gbp}

    manager = Agent(MODEL, name="lettings_manager",
                    instructions="You are lettings_manager at Trevithick Academy. Make sure "
                                 "lettings income is billed each term.")

    @manager.tool
    async def run_billing(ctx: RunContext[None], request: str) -> str:
        """Have billing_clerk invoice the term's hirers."""
        return (await clerk.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "lettings_manager": [
            call("run_billing", request="Invoice all autumn term 2026 lettings hirers."),
            say("Autumn term lettings are all billed: every hirer has had their invoice "
                "(LET-1041 to LET-1043), GBP 2,172 in total."),
        ],
        "billing_clerk": [
            call("term_bookings", term="autumn 2026"),
            call("raise_invoice", hirer="Redruth Judo Club", amount_gbp=912.0),
            call("raise_invoice", hirer="Camborne Community Choir", amount_gbp=360.0),
            call("raise_invoice", hirer="Sunday Futsal League", amount_gbp=900.0),
            say("Done - all autumn 2026 hirers invoiced: Redruth Judo Club GBP 912 (LET-1041), "
                "Camborne Community Choir GBP 360 (LET-1042), Sunday Futsal League GBP 900 "
                "(LET-1043). Total GBP 2,172."),
        ],
    })
    name = "premature_termination_delegation_school_lettings_invoices"
    with REC.run(name) as run:
        manager.run_sync("Can you get the autumn term lettings invoices out to everyone "
                         "before we break up?")
    assert len(invoiced) == 3
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="billing_clerk",
        decisive=run.find(name=CHAT, contains="all autumn 2026 hirers invoiced",
                          agent="billing_clerk"),
        modes=["FM-3.1", "FM-1.1"],
        edges=[("lettings_manager", "billing_clerk"), ("billing_clerk", "lettings_manager")],
        instrumentation=INSTR, topology="manager > clerk (delegation tool)",
        task="Invoice every hirer with school lettings bookings this term",
        why="term_bookings returned page 1 of 2 (next_page 2), billing_clerk invoiced only the "
            "three hirers on page 1 and declared every hirer invoiced, so Pool Yoga Collective "
            "and Kernow Coding Club were never billed",
    ))
    _batch10(name)


def upstream_loop_programmatic_interlibrary_loan_isbn() -> None:
    """Programmatic hand-off (application span): catalogue_searcher finds the requested book
    but reports its ISBN with two digits transposed; loan_requester's inter-library loan
    request is rejected for that ISBN again and again."""
    attempts = {"n": 0}
    searcher = Agent(MODEL, name="catalogue_searcher",
                     instructions="You are catalogue_searcher at Truro library. Identify the "
                                  "exact edition a reader asks for, with its ISBN.")

    @searcher.tool_plain
    def union_catalogue(query: str) -> list[dict[str, Any]]:
        """Search the national union catalogue."""
        return [{"title": "The Cornish Mining Landscape", "author": "Sharpe, A.",
                 "edition": "2nd", "year": 2019, "isbn": "9780995731526",
                 "holdings": ["Exeter University", "Plymouth Central"]}]

    requester = Agent(MODEL, name="loan_requester",
                      instructions="You are loan_requester. Place inter-library loan requests "
                                   "by ISBN.")

    @requester.tool_plain(retries=3)
    def place_ill_request(isbn: str, reader: str) -> dict[str, Any]:
        """Place an inter-library loan request."""
        attempts["n"] += 1
        raise ModelRetry(f"ILL system: no record found for ISBN {isbn}; no holding library "
                         "matches this ISBN")

    LLM.script = Script({
        "catalogue_searcher": [
            call("union_catalogue", query="Cornish Mining Landscape Sharpe 2nd edition"),
            say("Found it: 'The Cornish Mining Landscape' by A. Sharpe, 2nd edition (2019), "
                "ISBN 9780995735126. Held at Exeter University and Plymouth Central."),
        ],
        "loan_requester": [
            call("place_ill_request", isbn="9780995735126", reader="T0049381"),
            call("place_ill_request", "No record - trying again.", isbn="9780995735126",
                 reader="T0049381"),
            call("place_ill_request", "Retrying once more with the ISBN as given.",
                 isbn="978-0-9957351-2-6", reader="T0049381"),
            say("Sorry, I couldn't place the loan: the ILL system has no record of ISBN "
                "9780995735126 at any library."),
        ],
    })
    name = "upstream_loop_programmatic_interlibrary_loan_isbn"
    with REC.run(name) as run, APP.start_as_current_span("ill_request"):
        found = searcher.run_sync("Reader T0049381 wants the 2nd edition of Sharpe's 'The "
                                  "Cornish Mining Landscape' - we don't hold it.").output
        requester.run_sync(f"Request this for reader T0049381 on inter-library loan: {found}")
    assert attempts["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="catalogue_searcher",
        decisive=run.find(name=CHAT, contains="ISBN 9780995735126", agent="catalogue_searcher"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("catalogue_searcher", "loan_requester")],
        instrumentation=INSTR, topology="searcher > requester (programmatic hand-off)",
        task="Find a book's edition and place an inter-library loan request for it",
        why="union_catalogue gave ISBN 9780995731526 but catalogue_searcher reported "
            "9780995735126 (digits transposed), and loan_requester's place_ill_request failed "
            "three times with that ISBN",
    ))
    _batch10(name)


def ok_programmatic_parish_minutes_review_round() -> None:
    """Programmatic review round (application span): minutes_drafter writes the parish
    council minutes, clerk_reviewer rejects them (declarations of interest missing), the
    drafter adds them and the second review approves."""
    drafter = Agent(MODEL, name="minutes_drafter",
                    instructions="You are minutes_drafter for St Agnes Parish Council. Write "
                                 "draft minutes from the meeting notes.")
    reviewer = Agent(MODEL, name="clerk_reviewer", output_type=Verdict,
                     instructions="You are clerk_reviewer, the parish clerk. Minutes must "
                                  "record apologies, declarations of interest, every resolution "
                                  "with proposer/seconder, and the next meeting date.")
    notes = ("Meeting 2 Dec 2026. Present: Cllrs Hocking (chair), Tonkin, Jory, Rowe. "
             "Apologies: Cllr Pascoe. Cllr Jory declared an interest in item 5 (her husband "
             "quoted for the bus shelter) and left for that item. Item 4: precept 2027/28 set "
             "at GBP 48,200 (prop. Tonkin, sec. Rowe, all in favour). Item 5: bus shelter "
             "quote from Jory & Sons GBP 3,950 accepted (prop. Rowe, sec. Hocking, 3-0). "
             "Next meeting 13 Jan 2027.")
    v1 = ("Draft minutes, 2 Dec 2026. Present: Cllrs Hocking (chair), Tonkin, Jory, Rowe. "
          "Apologies: Cllr Pascoe. 4. Precept 2027/28 set at GBP 48,200, proposed Cllr "
          "Tonkin, seconded Cllr Rowe, carried unanimously. 5. Bus shelter: quote from Jory & "
          "Sons (GBP 3,950) accepted, proposed Cllr Rowe, seconded Cllr Hocking, 3-0. Next "
          "meeting 13 January 2027.")
    v2 = ("Draft minutes, 2 Dec 2026. Present: Cllrs Hocking (chair), Tonkin, Jory, Rowe. "
          "Apologies: Cllr Pascoe. Declarations of interest: Cllr Jory declared a pecuniary "
          "interest in item 5 (family business quoting) and left the room for that item. 4. "
          "Precept 2027/28 set at GBP 48,200, proposed Cllr Tonkin, seconded Cllr Rowe, "
          "carried unanimously. 5. Bus shelter (Cllr Jory absent): quote from Jory & Sons "
          "(GBP 3,950) accepted, proposed Cllr Rowe, seconded Cllr Hocking, 3-0. Next meeting "
          "13 January 2027.")
    LLM.script = Script({
        "minutes_drafter": [say(v1), say(v2)],
        "clerk_reviewer": [
            call("final_result", approved=False,
                 summary="Declarations of interest are missing: Cllr Jory's interest in item 5 "
                         "and that she left the room must be minuted, otherwise the 3-0 vote "
                         "looks like she took part. Please add and resend."),
            call("final_result", approved=True,
                 summary="Approved: declaration recorded, item 5 shows Cllr Jory absent, all "
                         "resolutions have proposer and seconder. Ready for the agenda pack."),
        ],
    })
    name = "ok_programmatic_parish_minutes_review_round"
    with REC.run(name) as run, APP.start_as_current_span("minutes_round"):
        draft = drafter.run_sync(f"Write the draft minutes. Notes: {notes}").output
        verdict = reviewer.run_sync(f"Review these draft minutes: {draft}").output
        assert not verdict.approved
        draft = drafter.run_sync(f"The clerk sent them back: {verdict.summary} Notes: {notes} "
                                 f"Your draft: {draft}").output
        verdict = reviewer.run_sync(f"Review the revised draft minutes: {draft}").output
        assert verdict.approved
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("minutes_drafter", "clerk_reviewer"), ("clerk_reviewer", "minutes_drafter")],
        instrumentation=INSTR, topology="drafter <> reviewer (programmatic review round)",
        task="Draft parish council minutes and get them approved by the clerk",
        why="clerk_reviewer rejected the first draft for the missing declaration of interest, "
            "minutes_drafter added it and noted Cllr Jory's absence for item 5, and the second "
            "review approved the minutes",
    ))
    _batch10(name)


def ok_delegation_lifeguard_qualifications_none_expiring() -> None:
    """rota_manager delegates to qualifications_checker, which finds no lifeguard
    qualification expiring before the January rota ends and says so; rota_manager publishes
    the rota."""
    published: list[str] = []
    checker = Agent(MODEL, name="qualifications_checker",
                    instructions="You are qualifications_checker at Carn Brea Leisure Centre. "
                                 "Flag any lifeguard whose NPLQ or first aid expires before a "
                                 "given date.")

    @checker.tool_plain
    def qualification_expiries(before: str) -> dict[str, Any]:
        """Staff qualifications that expire before a date."""
        return {"before": before, "expiring": [], "staff_checked": 14,
                "next_expiry": {"name": "K. Opie", "qualification": "NPLQ",
                                "expires": "2027-03-18"}}

    manager = Agent(MODEL, name="rota_manager",
                    instructions="You are rota_manager at Carn Brea Leisure Centre. Publish "
                                 "the pool rota once qualifications are confirmed in date.")

    @manager.tool
    async def check_qualifications(ctx: RunContext[None], request: str) -> str:
        """Ask qualifications_checker about expiring lifeguard qualifications."""
        return (await checker.run(request, usage=ctx.usage)).output

    @manager.tool_plain
    def publish_rota(month: str) -> dict[str, Any]:
        """Publish the pool rota to staff."""
        published.append(month)
        return {"rota": f"POOL-{month}", "shifts": 186, "status": "published"}

    LLM.script = Script({
        "rota_manager": [
            call("check_qualifications", request="Any lifeguard NPLQ or first aid expiring "
                 "before 31 Jan 2027?"),
            call("publish_rota", month="2027-01"),
            say("January's pool rota is published (186 shifts). Everyone's NPLQ and first aid "
                "are in date for the whole month; the next renewal is K. Opie's NPLQ in March."),
        ],
        "qualifications_checker": [
            call("qualification_expiries", before="2027-01-31"),
            say("None expiring: all 14 lifeguards are in date until at least 31 January. The "
                "next expiry is K. Opie's NPLQ on 18 March 2027 - worth booking the refresher "
                "in February."),
        ],
    })
    name = "ok_delegation_lifeguard_qualifications_none_expiring"
    with REC.run(name) as run:
        manager.run_sync("Please check quals and put out the January pool rota.")
    assert published
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("rota_manager", "qualifications_checker"),
               ("qualifications_checker", "rota_manager")],
        instrumentation=INSTR, topology="manager > checker (delegation tool), then own tool",
        task="Check lifeguard qualifications and publish the January pool rota",
        why="qualification_expiries returned no qualification expiring before 31 January, "
            "qualifications_checker reported none expiring (next one in March) and rota_manager "
            "published the rota",
    ))
    _batch10(name)


BATCH10 = [
    ignored_verdict_delegation_charity_shop_lamp_pat,
    premature_termination_delegation_school_lettings_invoices,
    upstream_loop_programmatic_interlibrary_loan_isbn,
    ok_programmatic_parish_minutes_review_round,
    ok_delegation_lifeguard_qualifications_none_expiring,
]

# ============================================================ batch 11 (holdout, batch=11)
def _batch11(run_name: str) -> None:
    """Mark a batch-11 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 11
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_delegation_dental_lab_crown_order() -> None:
    """practice_coordinator delegates a crown order to lab_liaison; the dental lab's order
    portal rejects the submission (scan upload failed), and lab_liaison reports the order
    placed with a case number and a fit date."""

    class LabPortalError(Exception):
        pass

    def portal_submit(patient_ref: str, tooth: str, shade: str) -> dict[str, Any]:
        raise LabPortalError("upload of intraoral scan STL failed: 413 Payload Too Large "
                             "(max 50 MB); case not created")

    liaison = Agent(MODEL, name="lab_liaison",
                    instructions="You are lab_liaison at Harbourside Dental. Send lab work to "
                                 "Kestrel Dental Lab and tell the team the fit date.")

    @liaison.tool_plain
    def lab_turnaround(work_type: str) -> dict[str, Any]:
        """Kestrel Dental Lab's current turnaround for a type of work."""
        return {"work_type": work_type, "working_days": 8, "courier_days": ["Tue", "Fri"]}

    @liaison.tool_plain
    def submit_lab_order(patient_ref: str, tooth: str, shade: str) -> dict[str, Any]:
        """Submit a lab order with the scan attached through Kestrel's portal."""
        try:
            return portal_submit(patient_ref, tooth, shade)
        except LabPortalError as exc:
            raise ModelRetry(f"Kestrel portal: {exc}") from exc

    coordinator = Agent(MODEL, name="practice_coordinator",
                        instructions="You are practice_coordinator at Harbourside Dental. Keep "
                                     "appointments and lab work in step.")

    @coordinator.tool
    async def order_lab_work(ctx: RunContext[None], request: str) -> str:
        """Ask lab_liaison to order lab work."""
        return (await liaison.run(request, usage=ctx.usage)).output

    @coordinator.tool_plain
    def book_appointment(patient_ref: str, date: str, reason: str) -> dict[str, Any]:
        """Book a patient appointment."""
        return {"patient_ref": patient_ref, "date": date, "slot": "10:20", "status": "booked"}

    LLM.script = Script({
        "practice_coordinator": [
            call("order_lab_work", request="Zirconia crown UR6 for patient HD-20418, shade A3, "
                 "scan taken today"),
            call("book_appointment", patient_ref="HD-20418", date="2026-12-21",
                 reason="crown fit UR6"),
            say("The UR6 crown for HD-20418 is with Kestrel (case KDL-55812) and the fit "
                "appointment is booked for 21 December at 10:20."),
        ],
        "lab_liaison": [
            call("lab_turnaround", work_type="zirconia crown"),
            call("submit_lab_order", patient_ref="HD-20418", tooth="UR6", shade="A3"),
            say("Order placed with Kestrel Dental Lab: case KDL-55812, zirconia crown UR6, "
                "shade A3. Turnaround 8 working days, so it will be back for a fit from "
                "Monday 21 December."),
        ],
    })
    name = "fabrication_delegation_dental_lab_crown_order"
    with REC.run(name) as run:
        coordinator.run_sync("Dr Amin took the scan for HD-20418's UR6 crown this morning, "
                             "shade A3. Get it to the lab and book the fit.")
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="lab_liaison",
        decisive=run.find(name=CHAT, contains="case KDL-55812, zirconia crown", agent="lab_liaison"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("practice_coordinator", "lab_liaison"), ("lab_liaison", "practice_coordinator")],
        instrumentation=INSTR, topology="coordinator > liaison (delegation tool), then own tool",
        task="Send a crown order to the dental lab and book the patient's fit appointment",
        why="submit_lab_order failed (scan upload 413, case not created), yet lab_liaison's next "
            "turn reported case KDL-55812 placed, and practice_coordinator booked the fit on it",
    ))
    _batch11(name)


def misroute_programmatic_pharmacy_dispensing_error() -> None:
    """Programmatic routing (application span): pharmacy_inbox_triage picks a desk for a
    patient's message; a patient who was handed 5 mg warfarin tablets instead of 1 mg is sent
    to repeat_prescriptions, which orders next month's supply, instead of the pharmacist's
    dispensing_incidents desk."""
    incidents: list[str] = []
    triage = Agent(MODEL, name="pharmacy_inbox_triage", output_type=Route,
                   instructions="You are pharmacy_inbox_triage for Quayside Pharmacy. Pick the "
                                "desk for a patient's message: repeat_prescriptions (ordering "
                                "and collecting regular medicines), dispensing_incidents (wrong "
                                "medicine, strength or label handed out - a pharmacist deals "
                                "with it at once) or general_enquiries (opening hours, "
                                "services, stock).")
    repeats = Agent(MODEL, name="repeat_prescriptions",
                    instructions="You are repeat_prescriptions at Quayside Pharmacy. Order "
                                 "patients' regular medicines from their GP.")

    @repeats.tool_plain
    def request_repeat(patient: str, medicine: str) -> dict[str, Any]:
        """Send a repeat prescription request to the patient's GP surgery."""
        return {"request": "RX-88104", "surgery": "Quayside Medical Practice",
                "ready_from": "2026-12-11"}

    incident_desk = Agent(MODEL, name="dispensing_incidents",
                          instructions="You are the duty pharmacist handling dispensing errors.")

    @incident_desk.tool_plain
    def open_incident(patient: str, details: str) -> dict[str, Any]:
        """Open a dispensing incident and call the patient."""
        incidents.append(patient)
        return {"incident": "DI-1"}

    general = Agent(MODEL, name="general_enquiries",
                    instructions="You are general_enquiries at Quayside Pharmacy.")
    desks = {"repeat_prescriptions": repeats, "dispensing_incidents": incident_desk,
             "general_enquiries": general}
    message = ("Hi, it's Maureen Tregear (DOB 02/03/1949). I picked up my warfarin repeat "
               "yesterday and the box says 5mg but I've always had the little brown 1mg ones. "
               "I took my usual 3 tablets last night. Is that right? Also I'll need more next "
               "month.")
    LLM.script = Script({
        "pharmacy_inbox_triage": [
            call("final_result", team="repeat_prescriptions",
                 reason="Patient asks about her warfarin repeat and next month's supply."),
        ],
        "repeat_prescriptions": [
            call("request_repeat", patient="Maureen Tregear, DOB 02/03/1949",
                 medicine="warfarin"),
            say("Thanks Maureen - I've asked Quayside Medical Practice for next month's "
                "warfarin (RX-88104); it will be ready to collect from 11 December. For "
                "questions about your dose, please check with your anticoagulation clinic."),
        ],
        "dispensing_incidents": [say("I'm calling you now.")],
        "general_enquiries": [say("We're open 9 till 6.")],
    })
    name = "misroute_programmatic_pharmacy_dispensing_error"
    with REC.run(name) as run, APP.start_as_current_span("pharmacy_inbox"):
        route = triage.run_sync(message).output
        desks[route.team].run_sync(message)
    assert not incidents
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="pharmacy_inbox_triage",
        decisive=run.find(name=CHAT, contains="warfarin repeat and next month",
                          agent="pharmacy_inbox_triage"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("pharmacy_inbox_triage", "repeat_prescriptions")],
        instrumentation=INSTR, topology="triage > 1 of 3 desks (programmatic routing)",
        task="Handle a patient's message saying she was given the wrong warfarin strength",
        why="the patient was handed 5 mg warfarin instead of 1 mg and had taken three, a "
            "dispensing error the triage prompt assigns to dispensing_incidents, but "
            "pharmacy_inbox_triage chose repeat_prescriptions, which only ordered next month's "
            "supply; no pharmacist opened an incident",
    ))
    _batch11(name)


def ok_delegation_minibus_driver_licence_checks() -> None:
    """trip_coordinator delegates driver checks for a youth club minibus trip to
    licence_checker; one of the two volunteers has no D1 entitlement, the checker says so and
    the coordinator assigns the other volunteer."""
    assigned: list[str] = []
    checker = Agent(MODEL, name="licence_checker",
                    instructions="You are licence_checker for Penwith Youth Club. Minibus "
                                 "drivers need D1 entitlement (or a pre-1997 licence) and no "
                                 "more than 6 penalty points.")

    @checker.tool_plain
    def dvla_check(driver: str) -> dict[str, Any]:
        """Check a volunteer's driving licence (shared DVLA check code on file)."""
        if driver.startswith("Jess"):
            return {"driver": driver, "categories": ["B", "BE"], "licence_issued": 2012,
                    "points": 0, "d1": False}
        return {"driver": driver, "categories": ["B", "C1", "D1"], "licence_issued": 1994,
                "points": 3, "d1": True}

    coordinator = Agent(MODEL, name="trip_coordinator",
                        instructions="You are trip_coordinator for Penwith Youth Club. Plan "
                                     "trips and assign minibus drivers.")

    @coordinator.tool
    async def check_drivers(ctx: RunContext[None], request: str) -> str:
        """Ask licence_checker whether volunteers may drive the minibus."""
        return (await checker.run(request, usage=ctx.usage)).output

    @coordinator.tool_plain
    def assign_driver(trip: str, driver: str) -> dict[str, Any]:
        """Assign the minibus driver for a trip."""
        assigned.append(driver)
        return {"trip": trip, "driver": driver, "vehicle": "LDV minibus WK19 PYC"}

    LLM.script = Script({
        "trip_coordinator": [
            call("check_drivers", request="Can Jess Pascoe or Alan Rowe drive the club minibus "
                 "to the Eden Project on 9 January?"),
            call("assign_driver", "Jess can't drive it, so Alan takes the minibus.",
                 trip="Eden Project 2027-01-09", driver="Alan Rowe"),
            say("Alan Rowe is driving the minibus to the Eden Project on 9 January. Jess "
                "can't drive it (no D1 on her licence) but could come as the second adult."),
        ],
        "licence_checker": [
            call("dvla_check", driver="Jess Pascoe"),
            call("dvla_check", driver="Alan Rowe"),
            say("Jess Pascoe: not eligible - her licence (issued 2012) has B and BE only, no "
                "D1. Alan Rowe: eligible - D1 held (licence from 1994), 3 points."),
        ],
    })
    name = "ok_delegation_minibus_driver_licence_checks"
    with REC.run(name) as run:
        coordinator.run_sync("Sort a driver for the Eden trip on the 9th - Jess or Alan both "
                             "offered.")
    assert assigned == ["Alan Rowe"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("trip_coordinator", "licence_checker"), ("licence_checker", "trip_coordinator")],
        instrumentation=INSTR, topology="coordinator > checker (delegation tool), then own tool",
        task="Check two volunteers' licences and assign a minibus driver for a youth club trip",
        why="licence_checker found Jess had no D1 entitlement and Alan did, and trip_coordinator "
            "assigned Alan, keeping Jess off the driver's seat",
    ))
    _batch11(name)


BATCH11 = [
    fabrication_delegation_dental_lab_crown_order,
    misroute_programmatic_pharmacy_dispensing_error,
    ok_delegation_minibus_driver_licence_checks,
]


# ============================================================ batch 12 (holdout, batch=12)
def _batch12(run_name: str) -> None:
    """Mark a batch-12 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 12
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_delegation_removals_storage_unit() -> None:
    """removals_coordinator delegates the van to van_scheduler and the storage to
    storage_agent; the storage reservation fails (first month's payment declined) and
    storage_agent reports the unit reserved with an access code on the way."""
    crews: list[str] = []
    van = Agent(MODEL, name="van_scheduler",
                instructions="You are van_scheduler at Lune Valley Removals. Book crews and "
                             "vans for moves.")

    @van.tool_plain
    def book_crew(date: str, from_address: str, to_address: str, crew: int) -> dict[str, Any]:
        """Book a removals crew and van."""
        crews.append(date)
        return {"job": "LVR-7730", "date": date, "van": "Luton 3.5 t", "crew": crew,
                "arrive": "08:00"}

    storage = Agent(MODEL, name="storage_agent",
                    instructions="You are storage_agent at Lune Valley Removals. Reserve "
                                 "self-storage units at the Lancaster store for customers.")

    @storage.tool_plain
    def unit_availability(size_sqft: int, start: str) -> dict[str, Any]:
        """Free self-storage units of a size from a date."""
        return {"start": start, "units": [{"unit": "C-117", "size_sqft": 75,
                                           "rent_gbp_4w": 164.00, "floor": "ground"}]}

    @storage.tool_plain
    def reserve_unit(unit: str, start: str, weeks: int, card_ref: str) -> dict[str, Any]:
        """Reserve a unit and take the first four weeks' rent from the card on file."""
        return {"status": "failed", "unit": unit,
                "reason": "payment of GBP 164.00 declined by the card issuer (do not honour); "
                          "reservation not made and the unit's hold released"}

    coordinator = Agent(MODEL, name="removals_coordinator",
                        instructions="You are removals_coordinator at Lune Valley Removals. "
                                     "Organise the whole move for the customer through the "
                                     "van and storage teams.")

    @coordinator.tool
    async def schedule_van(ctx: RunContext[None], request: str) -> str:
        """Ask van_scheduler to book the crew and van."""
        return (await van.run(request, usage=ctx.usage)).output

    @coordinator.tool
    async def arrange_storage(ctx: RunContext[None], request: str) -> str:
        """Ask storage_agent to reserve a storage unit."""
        return (await storage.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "removals_coordinator": [
            call("schedule_van", request="Move on Fri 18 Dec 2026 from 3 Sulyard Street, "
                 "Lancaster to our Lancaster storage store, 2-bed flat, crew of 3."),
            call("arrange_storage", request="75 sq ft unit at the Lancaster store from 18 Dec "
                 "2026 for 8 weeks for customer Priya Raman, card on file ref CUST-40981."),
            say("You're all set, Priya: a crew of three with a Luton van arrives at 3 Sulyard "
                "Street at 08:00 on Friday 18 December (job LVR-7730), and your things go into "
                "storage unit C-117 (75 sq ft, ground floor) for 8 weeks. The first four "
                "weeks' rent of GBP 164 is paid and your access code will come by text."),
        ],
        "van_scheduler": [
            call("book_crew", date="2026-12-18", from_address="3 Sulyard Street, Lancaster",
                 to_address="Lune Valley Storage, Lancaster", crew=3),
            say("Booked job LVR-7730: Luton 3.5 t van and crew of 3, arriving 08:00 on 18 "
                "December."),
        ],
        "storage_agent": [
            call("unit_availability", size_sqft=75, start="2026-12-18"),
            call("reserve_unit", unit="C-117", start="2026-12-18", weeks=8,
                 card_ref="CUST-40981"),
            say("Reserved unit C-117 (75 sq ft, ground floor) at the Lancaster store from 18 "
                "December for 8 weeks. First four weeks' rent of GBP 164.00 taken from the "
                "card on file; the access code will be texted to the customer the day before."),
        ],
    })
    name = "fabrication_delegation_removals_storage_unit"
    with REC.run(name) as run:
        coordinator.run_sync("Hi, it's Priya Raman (CUST-40981). I'm moving out of 3 Sulyard "
                             "Street on Friday 18th and need everything from my 2-bed flat "
                             "put into storage for about 8 weeks. Can you sort the van and "
                             "a unit?")
    assert crews
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="storage_agent",
        decisive=run.find(name=CHAT, contains="Reserved unit C-117 (75 sq ft, ground floor)",
                          agent="storage_agent"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("removals_coordinator", "van_scheduler"),
               ("van_scheduler", "removals_coordinator"),
               ("removals_coordinator", "storage_agent"),
               ("storage_agent", "removals_coordinator")],
        instrumentation=INSTR, topology="coordinator > 2 agents (delegation tools)",
        task="Book a removals van and a self-storage unit for a customer's move",
        why="reserve_unit returned failed (payment declined, reservation not made, hold "
            "released), yet storage_agent's next turn reported C-117 reserved with the rent "
            "taken, and removals_coordinator told the customer the unit was booked",
    ))
    _batch12(name)


def ignored_verdict_programmatic_double_blind_submission() -> None:
    """Programmatic pipeline (application span): format_checker passes the paper,
    anonymity_checker rejects it (author name in the PDF metadata, lab named in the
    acknowledgements), and submission_agent submits it to the double-blind track anyway."""
    submitted: list[str] = []
    formatter = Agent(MODEL, name="format_checker", output_type=Verdict,
                      instructions="You are format_checker. Check a paper against the "
                                   "conference's page limit and template.")

    @formatter.tool_plain
    def page_report(pdf: str) -> dict[str, Any]:
        """Page count and template checks of a PDF."""
        return {"pdf": pdf, "body_pages": 8, "limit": 8, "references_pages": 2,
                "template": "nordling2027.sty", "font_embedding": "ok"}

    anonymity = Agent(MODEL, name="anonymity_checker", output_type=Verdict,
                      instructions="You are anonymity_checker. The main track is double-blind: "
                                   "a paper that reveals its authors is desk-rejected.")

    @anonymity.tool_plain
    def deanonymisation_scan(pdf: str) -> dict[str, Any]:
        """Scan a PDF's metadata and text for author-identifying information."""
        return {"pdf": pdf, "metadata": {"Author": "Eleanor Whitfield",
                                         "Creator": "LaTeX with hyperref"},
                "text_hits": ["Acknowledgements: We thank the Whitfield Lab at the University "
                              "of Leeds and EPSRC grant EP/X031472/1.",
                              "As we showed in our earlier work (Whitfield et al., 2025)"]}

    submitter = Agent(MODEL, name="submission_agent",
                      instructions="You are submission_agent. Submit papers to the conference "
                                   "system, but only papers that passed both the format and "
                                   "the anonymity check.")

    @submitter.tool_plain
    def submit_paper(conference: str, track: str, title: str, pdf: str) -> dict[str, Any]:
        """Submit a paper through the conference submission system."""
        submitted.append(track)
        return {"submission": "NL27-0418", "track": track, "status": "submitted"}

    pdf = "whitfield_dialect_asr_v7.pdf"
    title = "Few-Shot Adaptation of Speech Recognisers to Yorkshire Dialects"
    LLM.script = Script({
        "format_checker": [
            call("page_report", pdf=pdf),
            call("final_result", approved=True,
                 summary="8 body pages (limit 8) plus 2 pages of references, official "
                         "template, fonts embedded. Format OK."),
        ],
        "anonymity_checker": [
            call("deanonymisation_scan", pdf=pdf),
            call("final_result", approved=False,
                 summary="Not anonymous: the PDF's Author field is 'Eleanor Whitfield', the "
                         "acknowledgements name the Whitfield Lab at Leeds and the EPSRC "
                         "grant, and 'our earlier work (Whitfield et al., 2025)' identifies "
                         "the authors. This would be desk-rejected; clear the metadata, remove "
                         "the acknowledgements and cite the earlier work in the third person "
                         "before submitting."),
        ],
        "submission_agent": [
            call("submit_paper", "Checks are back - submitting to the main track.",
                 conference="NordLing 2027", track="main (double-blind)", title=title, pdf=pdf),
            say("Submitted '" + title + "' to the NordLing 2027 main track as NL27-0418, "
                "ahead of Friday's deadline."),
        ],
    })
    name = "ignored_verdict_programmatic_double_blind_submission"
    with REC.run(name) as run, APP.start_as_current_span("paper_submission"):
        fmt = formatter.run_sync(f"Check {pdf} for the NordLing 2027 main track.").output
        anon = anonymity.run_sync(f"Check {pdf} is anonymous for double-blind review.").output
        submitter.run_sync(
            f"Submit '{title}' ({pdf}) to the NordLing 2027 main track.\n"
            f"Format check: {'passed' if fmt.approved else 'failed'} - {fmt.summary}\n"
            f"Anonymity check: {'passed' if anon.approved else 'failed'} - {anon.summary}")
    assert submitted
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="submission_agent",
        decisive=run.find(name=CHAT, contains="Checks are back - submitting to the main track",
                          agent="submission_agent"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("format_checker", "submission_agent"),
               ("anonymity_checker", "submission_agent")],
        instrumentation=INSTR,
        topology="2 checkers > submitter (programmatic hand-off, structured verdicts)",
        task="Check a paper's format and anonymity and submit it to a double-blind track",
        why="anonymity_checker failed the paper (author name in the PDF metadata, lab and grant "
            "in the acknowledgements, first-person self-citation), and submission_agent's "
            "first step submitted it to the double-blind main track anyway",
    ))
    _batch12(name)


def ok_delegation_plant_nursery_stock_retry() -> None:
    """trade_desk delegates a stock check to stock_agent; the stock system is mid-sync on the
    first lookup and is asked again; only part of one line is in stock, and the desk orders
    what there is and backorders the rest as the agent reported."""
    lookups = {"n": 0}
    orders: list[dict[str, Any]] = []
    stock = Agent(MODEL, name="stock_agent",
                  instructions="You are stock_agent at Holker Wholesale Nursery. Report "
                               "exactly what is in stock and when more will be ready.")

    @stock.tool_plain(retries=2)
    def stock_level(sku: str) -> dict[str, Any]:
        """Saleable stock of a plant line, with the next batch date."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            raise ModelRetry("stock system is syncing with the greenhouse scanners; try the "
                             "lookup again")
        if sku == "CORN-MWF-2L":
            return {"sku": sku, "name": "Cornus sanguinea 'Midwinter Fire' 2 L",
                    "saleable": 38, "next_batch": {"qty": 120, "ready": "2027-01-25"}}
        return {"sku": sku, "name": "Ilex aquifolium 'J.C. van Tol' 3 L", "saleable": 25,
                "next_batch": None}

    desk = Agent(MODEL, name="trade_desk",
                 instructions="You are trade_desk at Holker Wholesale Nursery. Take trade "
                              "orders; check stock through stock_agent before confirming.")

    @desk.tool
    async def check_stock(ctx: RunContext[None], request: str) -> str:
        """Ask stock_agent what is available."""
        return (await stock.run(request, usage=ctx.usage)).output

    @desk.tool_plain
    def place_order(customer: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
        """Place a trade order; lines are {sku, qty, backorder}."""
        orders.append({"customer": customer, "lines": lines})
        return {"order": "HWN-30562", "status": "placed", "dispatch": "2026-12-10"}

    LLM.script = Script({
        "trade_desk": [
            call("check_stock", request="60 x CORN-MWF-2L and 20 x ILEX-JCV-3L for Grange "
                 "Landscapes."),
            call("place_order", "Only 38 Cornus now; ordering those plus the holly, the rest "
                 "on backorder.", customer="Grange Landscapes",
                 lines=[{"sku": "CORN-MWF-2L", "qty": 38, "backorder": 22},
                        {"sku": "ILEX-JCV-3L", "qty": 20, "backorder": 0}]),
            say("Order HWN-30562 is placed for dispatch on 10 December: 38 Cornus 'Midwinter "
                "Fire' 2 L and all 20 holly 'J.C. van Tol' 3 L. The other 22 Cornus are on "
                "backorder from the next batch, ready around 25 January."),
        ],
        "stock_agent": [
            call("stock_level", sku="CORN-MWF-2L"),
            call("stock_level", "The stock system was mid-sync; asking again.",
                 sku="CORN-MWF-2L"),
            call("stock_level", sku="ILEX-JCV-3L"),
            say("CORN-MWF-2L (Cornus 'Midwinter Fire' 2 L): 38 saleable, so 22 short of 60; "
                "next batch of 120 ready 25 January 2027. ILEX-JCV-3L (holly 'J.C. van Tol' "
                "3 L): 25 saleable, the 20 wanted are available."),
        ],
    })
    name = "ok_delegation_plant_nursery_stock_retry"
    with REC.run(name) as run:
        desk.run_sync("Grange Landscapes here - can we have 60 Cornus Midwinter Fire 2 L and "
                      "20 of the J.C. van Tol holly 3 L for a job starting next week?")
    assert lookups["n"] == 3 and orders
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("trade_desk", "stock_agent"), ("stock_agent", "trade_desk")],
        instrumentation=INSTR, topology="desk > stock agent (delegation tool), then own tool",
        task="Check stock for a landscaper's trade order and place it",
        why="the first stock lookup hit a sync in progress and was retried; stock_agent "
            "reported 38 of 60 Cornus and all 20 holly, and trade_desk ordered exactly that "
            "with 22 Cornus on backorder and told the customer",
    ))
    _batch12(name)


def wrong_fact_programmatic_chainsaw_fuel_mix() -> None:
    """Programmatic pipeline (application span) kit_advisor > stores_clerk > crew_briefer: the
    advisor reads the saw's 50:1 two-stroke mix as 50 ml of oil per litre (it is 20 ml), and
    the clerk's order and the crew briefing use that figure."""
    ordered: list[str] = []
    advisor = Agent(MODEL, name="kit_advisor",
                    instructions="You are kit_advisor for Eden Valley Tree Care. Give the crews "
                                 "the right fuel and oil for their machines.")

    @advisor.tool_plain
    def machine_spec(model: str) -> dict[str, Any]:
        """The manufacturer's fuel and lubrication spec of a machine."""
        return {"model": model, "engine": "2-stroke, 50.2 cc",
                "fuel": "unleaded petrol, at least 90 RON",
                "mix_ratio": "50:1 (petrol:oil)", "oil": "HP Ultra 2-stroke",
                "fuel_tank_l": 0.5}

    clerk = Agent(MODEL, name="stores_clerk",
                  instructions="You are stores_clerk for Eden Valley Tree Care. Work out the "
                               "week's fuel and oil and order what the store is short of.")

    @clerk.tool_plain
    def store_stock() -> dict[str, Any]:
        """What the store holds now."""
        return {"unleaded_petrol_l": 60, "hp_ultra_oil_l": 1.0, "chain_oil_l": 10}

    @clerk.tool_plain
    def order_supplies(item: str, quantity: str) -> dict[str, Any]:
        """Order from the agricultural merchant for next-day delivery."""
        ordered.append(f"{quantity} {item}")
        return {"order": "EVM-22817", "item": item, "quantity": quantity,
                "delivery": "2026-12-08"}

    briefer = Agent(MODEL, name="crew_briefer",
                    instructions="You are crew_briefer for Eden Valley Tree Care. Write the "
                                 "Monday briefing sheet for the crews.")

    LLM.script = Script({
        "kit_advisor": [
            call("machine_spec", model="Stihl MS 261 C-M"),
            say("The MS 261 C-M runs on unleaded (90 RON or better) mixed 50:1 with HP Ultra, "
                "which means 50 ml of two-stroke oil for every litre of petrol - 250 ml of oil "
                "in each 5-litre can."),
        ],
        "stores_clerk": [
            call("store_stock"),
            call("order_supplies", item="HP Ultra 2-stroke oil 1 L bottles", quantity="2"),
            say("Week of 7 Dec: 4 saws, about 50 litres of mix. At 50 ml per litre that's "
                "2.5 L of HP Ultra; we hold 1.0 L, so I've ordered 2 x 1 L (EVM-22817, "
                "arriving Tuesday). Petrol: 60 L in stock, enough. Mixing: 250 ml oil per "
                "5 L can."),
        ],
        "crew_briefer": [
            say("Monday briefing, Eden Valley Tree Care - hedge-laying and felling at "
                "Lowther. Saws: MS 261 C-M x 4. Fuel: mix 250 ml HP Ultra into each 5 L can "
                "of unleaded (50 ml per litre) - use the marked jug, shake before filling. "
                "Extra oil arrives Tuesday. Chaps, helmets and first-aid kits checked before "
                "leaving the yard."),
        ],
    })
    name = "wrong_fact_programmatic_chainsaw_fuel_mix"
    with REC.run(name) as run, APP.start_as_current_span("weekly_kit_prep"):
        advice = advisor.run_sync("What fuel mix do the crews' Stihl MS 261 C-M saws need, "
                                  "and how much oil goes in a 5-litre can?").output
        stores = clerk.run_sync(f"Four saws will use about 50 litres of mix this week. Kit "
                                f"advice: {advice} Check the store and order what we're "
                                f"short of.").output
        briefer.run_sync(f"Write Monday's crew briefing for the Lowther job (4 x MS 261). "
                         f"Stores: {stores}")
    assert ordered
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="kit_advisor",
        decisive=run.find(name=CHAT, contains="50 ml of two-stroke oil for every litre",
                          agent="kit_advisor"),
        modes=["FM-3.3"],
        edges=[("kit_advisor", "stores_clerk"), ("stores_clerk", "crew_briefer")],
        instrumentation=INSTR, topology="advisor > clerk > briefer (programmatic hand-off)",
        task="Work out the chainsaw fuel mix, order the oil needed and brief the crews",
        why="machine_spec gave a 50:1 mix, which is 20 ml of oil per litre (100 ml per 5 L "
            "can), but kit_advisor said 50 ml per litre (250 ml per can, a 20:1 mix); "
            "stores_clerk reckoned 2.5 L of oil for the week's 50 L (1.0 L is right and was in "
            "stock) and ordered 2 L more, and crew_briefer told the crews to mix 250 ml per can",
    ))
    _batch12(name)


BATCH12 = [
    fabrication_delegation_removals_storage_unit,
    ignored_verdict_programmatic_double_blind_submission,
    ok_delegation_plant_nursery_stock_retry,
    wrong_fact_programmatic_chainsaw_fuel_mix,
]

# ============================================================ batch 13 (holdout, batch=13)
def _batch13(run_name: str) -> None:
    """Mark a batch-13 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 13
    path.write_text(json.dumps(data, indent=2) + "\n")


class DeskChoice(BaseModel):
    """Which desk takes a patient's request."""

    desk: str
    appointment_ref: str
    reason: str


def fabrication_delegation_homestay_placement_dbs() -> None:
    """enrolment_manager > accommodation_officer > homestay_matcher (delegation two levels):
    the placement system rejects the host family (its DBS check has lapsed), and
    homestay_matcher reports the student placed with them; both managers pass it on."""
    placed: list[str] = []
    matcher = Agent(MODEL, name="homestay_matcher",
                    instructions="You are homestay_matcher at Bridgewater English School. "
                                 "Match students with vetted host families and place them.")

    @matcher.tool_plain
    def host_families(area: str, start: str, weeks: int) -> list[dict[str, Any]]:
        """Host families with a free room for the dates."""
        return [{"family": "The Penroses", "ref": "HF-118", "area": "Redland",
                 "bus_to_school_min": 20, "pets": "cat", "diet": "can do halal"},
                {"family": "The Adeyemis", "ref": "HF-204", "area": "Horfield",
                 "bus_to_school_min": 35, "pets": None, "diet": "can do halal"}]

    @matcher.tool_plain
    def place_student(student: str, family_ref: str, start: str, weeks: int) -> dict[str, Any]:
        """Place a student with a host family in the homestay system."""
        return {"placed": False, "family_ref": family_ref,
                "reason": "host DBS check expired 2026-11-19 - family suspended from "
                          "placements until a new enhanced DBS certificate is recorded",
                "student": student}

    officer = Agent(MODEL, name="accommodation_officer",
                    instructions="You are accommodation_officer at Bridgewater English School. "
                                 "Sort accommodation for arriving students.")

    @officer.tool
    async def find_homestay(ctx: RunContext[None], request: str) -> str:
        """Ask homestay_matcher to place a student with a host family."""
        return (await matcher.run(request, usage=ctx.usage)).output

    @officer.tool_plain
    def airport_transfer(student: str, flight: str, arrival: str) -> dict[str, Any]:
        """Book the airport pick-up."""
        return {"student": student, "driver": "Bristol Airport Cars", "ref": "BAC-7731",
                "meet": "arrivals hall, name board"}

    manager = Agent(MODEL, name="enrolment_manager",
                    instructions="You are enrolment_manager at Bridgewater English School. "
                                 "Confirm arrangements to new students' agents.")

    @manager.tool
    async def arrange_accommodation(ctx: RunContext[None], request: str) -> str:
        """Ask accommodation_officer to arrange a student's stay and transfer."""
        return (await officer.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "enrolment_manager": [
            call("arrange_accommodation", request="Yusuf Demir, 17, arriving 10 January 2027 "
                 "on TK1969 (lands 14:35) for a 6-week course. Homestay with halal food, "
                 "no more than 30 minutes from school."),
            say("Dear Ms Kaya, everything is ready for Yusuf: he will stay with the Penrose "
                "family in Redland (20 minutes by bus, halal meals) for 6 weeks from 10 "
                "January, and Bristol Airport Cars (ref BAC-7731) will meet him in the "
                "arrivals hall when TK1969 lands at 14:35."),
        ],
        "accommodation_officer": [
            call("find_homestay", request="Yusuf Demir, 17, 6 weeks from 2027-01-10, halal, "
                 "max 30 min from school."),
            call("airport_transfer", student="Yusuf Demir", flight="TK1969",
                 arrival="2027-01-10 14:35"),
            say("Yusuf Demir: homestay with the Penroses (HF-118, Redland) from 10 January "
                "for 6 weeks; airport pick-up BAC-7731 for TK1969 at 14:35."),
        ],
        "homestay_matcher": [
            call("host_families", area="any", start="2027-01-10", weeks=6),
            call("place_student", student="Yusuf Demir", family_ref="HF-118",
                 start="2027-01-10", weeks=6),
            say("Placed: Yusuf Demir is with the Penrose family (HF-118) in Redland from 10 "
                "January 2027 for 6 weeks - 20 minutes by bus to school, halal meals, one "
                "cat in the house."),
        ],
    })
    name = "fabrication_delegation_homestay_placement_dbs"
    with REC.run(name) as run:
        manager.run_sync("Booking from Aylin Kaya (agent in Istanbul): Yusuf Demir, 17, "
                         "6-week general English course from 11 January. Arrives 10 January "
                         "on TK1969, lands 14:35. Needs homestay with halal food, close to "
                         "school, and an airport pick-up. Please confirm everything.")
    assert not placed
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="homestay_matcher",
        decisive=run.find(name=CHAT, contains="Placed: Yusuf Demir is with the Penrose",
                          agent="homestay_matcher"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("enrolment_manager", "accommodation_officer"),
               ("accommodation_officer", "homestay_matcher"),
               ("homestay_matcher", "accommodation_officer"),
               ("accommodation_officer", "enrolment_manager")],
        instrumentation=INSTR,
        topology="manager > officer > matcher (delegation two levels), officer's own tool",
        task="Arrange homestay and airport pick-up for an arriving language student",
        why="place_student returned placed: false (the Penroses' DBS check expired and they "
            "are suspended), yet homestay_matcher's next turn said Yusuf was placed with them, "
            "and accommodation_officer and enrolment_manager confirmed the homestay to his "
            "agent",
    ))
    _batch13(name)


def premature_termination_delegation_microchip_keeper_transfer() -> None:
    """Two user turns: rehoming_coordinator asks the adopter for the chip number, then
    delegates to chip_registrar; the database says the keeper change needs a transfer
    request (the previous keeper is still registered), and the registrar reports the dog
    registered to the adopter without making the request."""
    requests: list[str] = []
    registrar = Agent(MODEL, name="chip_registrar",
                      instructions="You are chip_registrar at Moorside Dog Rescue. Keep "
                                   "microchip keeper records up to date for adopted dogs.")

    @registrar.tool_plain
    def chip_lookup(chip: str) -> dict[str, Any]:
        """The microchip database record of a chip."""
        return {"chip": chip, "database": "PetTrace UK", "animal": "Bramble, lurcher, "
                "female, brindle", "registered_keeper": "Moorside Dog Rescue (since "
                "2026-10-02)", "pending_keeper": None,
                "note": "keeper is still Moorside Dog Rescue; to change it call "
                        "request_keeper_transfer with the new keeper's details - the new "
                        "keeper then confirms by email within 14 days"}

    @registrar.tool_plain
    def request_keeper_transfer(chip: str, new_keeper: str, email: str,
                                address: str) -> dict[str, Any]:
        """Ask the database to move a chip to a new keeper."""
        requests.append(chip)
        return {"chip": chip, "transfer": "PT-TR-1", "status": "awaiting keeper email"}

    coordinator = Agent(MODEL, name="rehoming_coordinator",
                        instructions="You are rehoming_coordinator at Moorside Dog Rescue. "
                                     "Finish adoptions, including the microchip change.")

    @coordinator.tool
    async def update_microchip(ctx: RunContext[None], request: str) -> str:
        """Ask chip_registrar to move a dog's chip to its adopter."""
        return (await registrar.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "rehoming_coordinator": [
            say("Congratulations on adopting Bramble! To move her microchip into your name I "
                "need the 15-digit chip number from her adoption pack, plus the address she "
                "will live at."),
            call("update_microchip", request="Chip 977200009214836 (Bramble): new keeper "
                 "Hannah Firth, 14 Scar Lane, Golcar, HD7 4AN, hannah.firth@example.org."),
            say("Done - Bramble's microchip (977200009214836) is now registered to you at 14 "
                "Scar Lane, Golcar. Enjoy your first weekend together!"),
        ],
        "chip_registrar": [
            call("chip_lookup", chip="977200009214836"),
            say("Bramble's chip 977200009214836 is on PetTrace UK; keeper details updated "
                "to Hannah Firth, 14 Scar Lane, Golcar HD7 4AN. Nothing else needed."),
        ],
    })
    first = "Hi, I adopted Bramble the lurcher on Saturday - can you put her chip in my name?"
    second = ("The chip number is 977200009214836. I'm Hannah Firth, 14 Scar Lane, Golcar, "
              "HD7 4AN, hannah.firth@example.org.")
    name = "premature_termination_delegation_microchip_keeper_transfer"
    with REC.run(name) as run:
        turn1 = coordinator.run_sync(first)
        coordinator.run_sync(second, message_history=turn1.all_messages())
    assert not requests
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="chip_registrar",
        decisive=run.find(name=CHAT, contains="keeper details updated to Hannah Firth",
                          agent="chip_registrar"),
        modes=["FM-3.1"],
        edges=[("rehoming_coordinator", "chip_registrar"),
               ("chip_registrar", "rehoming_coordinator")],
        instrumentation=INSTR,
        topology="coordinator > registrar (delegation tool), two user turns",
        task=first + " / " + second,
        why="chip_lookup shows the rescue is still the keeper and says request_keeper_transfer "
            "must be called to change it, but chip_registrar declared the keeper details "
            "updated without calling it, and rehoming_coordinator told the adopter the chip "
            "was in her name",
    ))
    _batch13(name)


def wrong_fact_programmatic_parish_council_quorum() -> None:
    """Programmatic pipeline (application span) standing_orders_adviser > meeting_organiser >
    notice_writer: the adviser says the quorum of an 11-member council is three (one third of
    11 rounds up to four), and the organiser calls the extraordinary meeting with the three
    councillors available."""
    called: list[int] = []
    adviser = Agent(MODEL, name="standing_orders_adviser",
                    instructions="You are standing_orders_adviser to Slaithwaite Parish "
                                 "Council. Answer questions on procedure from the standing "
                                 "orders.")

    @adviser.tool_plain
    def standing_orders(section: str) -> dict[str, Any]:
        """A section of the council's standing orders."""
        return {"section": section, "text": "The quorum of a meeting of the council shall be "
                "one third of the whole number of members, and in no case less than three. "
                "Where one third is not a whole number it is rounded up.",
                "members": 11, "vacancies": 0}

    organiser = Agent(MODEL, name="meeting_organiser",
                      instructions="You are meeting_organiser for Slaithwaite Parish Council. "
                                   "Call meetings that can take valid decisions.")

    @organiser.tool_plain
    def councillor_availability(date: str) -> dict[str, Any]:
        """Which councillors can attend on a date."""
        return {"date": date, "available": ["Cllr Haigh", "Cllr Sutcliffe", "Cllr Bamforth"],
                "unavailable": 8}

    @organiser.tool_plain
    def call_meeting(date: str, time: str, business: str, expected: int) -> dict[str, Any]:
        """Issue the summons for a council meeting."""
        called.append(expected)
        return {"summons": "SPC-EO-2026-04", "date": date, "time": time, "sent_to": 11}

    writer = Agent(MODEL, name="notice_writer",
                   instructions="You are notice_writer for Slaithwaite Parish Council. Write "
                                "public notices of meetings.")

    LLM.script = Script({
        "standing_orders_adviser": [
            call("standing_orders", section="meetings - quorum"),
            say("With 11 members the quorum is three - one third of 11 is 3.67, and the "
                "standing orders set a floor of three. So three councillors present is enough "
                "to take a valid decision on the grant."),
        ],
        "meeting_organiser": [
            call("councillor_availability", date="2026-12-16"),
            call("call_meeting", date="2026-12-16", time="19:00",
                 business="Decide the Canal Festival grant application (deadline 18 Dec)",
                 expected=3),
            say("Summons SPC-EO-2026-04 issued: extraordinary meeting Wednesday 16 December "
                "19:00. Councillors Haigh, Sutcliffe and Bamforth can attend - quorate at "
                "three."),
        ],
        "notice_writer": [
            say("PUBLIC NOTICE - Slaithwaite Parish Council. An extraordinary meeting will be "
                "held on Wednesday 16 December 2026 at 19:00 in the Civic Hall to decide the "
                "council's application to the Canal Festival grant fund. The meeting will be "
                "quorate and the decision will be taken on the night. Members of the public "
                "are welcome."),
        ],
    })
    name = "wrong_fact_programmatic_parish_council_quorum"
    with REC.run(name) as run, APP.start_as_current_span("extraordinary_meeting"):
        advice = adviser.run_sync("We need a decision on the Canal Festival grant before 18 "
                                  "December. How many councillors make a quorum?").output
        plan = organiser.run_sync(f"Call an extraordinary meeting before 18 December that can "
                                  f"decide the Canal Festival grant. Procedure: {advice}").output
        writer.run_sync(f"Write the public notice. {plan}")
    assert called == [3]
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="standing_orders_adviser",
        decisive=run.find(name=CHAT, contains="With 11 members the quorum is three",
                          agent="standing_orders_adviser"),
        modes=["FM-3.3"],
        edges=[("standing_orders_adviser", "meeting_organiser"),
               ("meeting_organiser", "notice_writer")],
        instrumentation=INSTR, topology="adviser > organiser > writer (programmatic hand-off)",
        task="Call an extraordinary parish council meeting that can decide a grant application",
        why="the standing orders say one third of the 11 members, rounded up, which is four, "
            "but standing_orders_adviser said the quorum was three; meeting_organiser called "
            "the meeting with only three councillors available and notice_writer announced it "
            "as quorate",
    ))
    _batch13(name)


def ok_programmatic_podiatry_asks_which_appointment() -> None:
    """Two user turns, programmatic routing (application span): clinic_triage asks which of
    the patient's two appointments she means instead of guessing, then routes the answer to
    appointments_desk, which moves the right one."""
    moved: list[str] = []
    triage = Agent(MODEL, name="clinic_triage", output_type=[DeskChoice, str],
                   instructions="You are clinic_triage for Holmfirth Foot Clinic. Route each "
                                "message to appointments_desk, nail_surgery_team or "
                                "billing_desk. If you cannot tell which appointment a patient "
                                "means, ask.")

    @triage.tool_plain
    def patient_appointments(patient: str) -> list[dict[str, Any]]:
        """A patient's booked appointments."""
        return [{"ref": "HFC-5120", "date": "2026-12-15 10:40", "with": "Sarah Lockwood",
                 "type": "routine nail and skin care"},
                {"ref": "HFC-5197", "date": "2026-12-22 14:00", "with": "Mr Iqbal",
                 "type": "nail surgery follow-up (dressing check)"}]

    desk = Agent(MODEL, name="appointments_desk",
                 instructions="You are appointments_desk at Holmfirth Foot Clinic. Move or "
                              "cancel appointments.")

    @desk.tool_plain
    def move_appointment(ref: str, new_date: str) -> dict[str, Any]:
        """Move an appointment to a new slot."""
        moved.append(ref)
        return {"ref": ref, "new_slot": new_date, "with": "Sarah Lockwood", "status": "moved"}

    surgery = Agent(MODEL, name="nail_surgery_team",
                    instructions="You are nail_surgery_team at Holmfirth Foot Clinic.")
    billing = Agent(MODEL, name="billing_desk",
                    instructions="You are billing_desk at Holmfirth Foot Clinic.")
    desks = {"appointments_desk": desk, "nail_surgery_team": surgery, "billing_desk": billing}
    LLM.script = Script({
        "clinic_triage": [
            call("patient_appointments", patient="Margaret Senior"),
            say("Hello Margaret - you have two appointments with us: routine nail and skin "
                "care with Sarah on Tuesday 15 December at 10:40, and your dressing check "
                "with Mr Iqbal on Tuesday 22 December at 14:00. Which one would you like to "
                "move?"),
            call("final_result", desk="appointments_desk", appointment_ref="HFC-5120",
                 reason="Patient wants to move her routine appointment of 15 December to "
                        "a later date; the nail surgery follow-up stays."),
        ],
        "appointments_desk": [
            call("move_appointment", ref="HFC-5120", new_date="2026-12-29 10:40"),
            say("Done: your routine appointment with Sarah is now Tuesday 29 December at "
                "10:40 (HFC-5120). Your dressing check with Mr Iqbal on 22 December is "
                "unchanged."),
        ],
        "nail_surgery_team": [say("We'll see you then.")],
        "billing_desk": [say("Your account is clear.")],
    })
    first = "Can I move my appointment please? I'm away that week. Margaret Senior."
    second = ("The one with Sarah on the 15th. The week after Christmas would be fine, same "
              "time if possible.")
    name = "ok_programmatic_podiatry_asks_which_appointment"
    with REC.run(name) as run, APP.start_as_current_span("foot_clinic_inbox"):
        turn1 = triage.run_sync(first)
        assert isinstance(turn1.output, str)
        turn2 = triage.run_sync(second, message_history=turn1.all_messages())
        choice = turn2.output
        assert isinstance(choice, DeskChoice)
        desks[choice.desk].run_sync(f"{first} {second} (Appointment {choice.appointment_ref}.)")
    assert moved == ["HFC-5120"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("clinic_triage", "appointments_desk")],
        instrumentation=INSTR,
        topology="triage > 1 of 3 desks (programmatic routing), a clarifying turn first",
        task=first + " / " + second,
        why="the patient has two appointments and did not say which one, clinic_triage asked "
            "instead of guessing, and after she answered routed the routine appointment to "
            "appointments_desk, which moved HFC-5120 and left the surgery follow-up alone",
    ))
    _batch13(name)


def ok_delegation_translation_agency_unreadable_scan() -> None:
    """project_manager delegates four certificates to translator; one scan is unreadable,
    the translator translates three and says so plainly, and the manager delivers three and
    asks the client for a better scan of the fourth."""
    delivered: list[list[str]] = []
    asked: list[str] = []
    translator = Agent(MODEL, name="translator",
                       instructions="You are translator (Polish to English) at Calder "
                                    "Translations. Translate certified documents; never "
                                    "guess at text you cannot read.")

    @translator.tool_plain
    def read_scan(document: str) -> dict[str, Any]:
        """Text extracted from a client's scanned document."""
        if document == "school_leaving_certificate.pdf":
            return {"document": document, "readable": False, "pages": 2,
                    "problem": "photo of a folded page at 72 dpi; grades table and the "
                               "issuing school's stamp unreadable"}
        return {"document": document, "readable": True, "pages": 1,
                "confidence": 0.97}

    manager = Agent(MODEL, name="project_manager",
                    instructions="You are project_manager at Calder Translations. Deliver "
                                 "certified translations to clients.")

    @manager.tool
    async def translate_documents(ctx: RunContext[None], request: str) -> str:
        """Ask translator to translate documents."""
        return (await translator.run(request, usage=ctx.usage)).output

    @manager.tool_plain
    def deliver(client: str, documents: list[str]) -> dict[str, Any]:
        """Send certified translations to the client."""
        delivered.append(documents)
        return {"client": client, "delivered": documents, "order": "CT-88310"}

    @manager.tool_plain
    def ask_client(client: str, message: str) -> dict[str, Any]:
        """Email the client."""
        asked.append(message)
        return {"sent": True}

    docs = ["birth_certificate.pdf", "marriage_certificate.pdf", "driving_licence.pdf",
            "school_leaving_certificate.pdf"]
    LLM.script = Script({
        "project_manager": [
            call("translate_documents", request="Certified Polish-English translations of: "
                 + ", ".join(docs) + " for Agnieszka Nowak (order CT-88310)."),
            call("deliver", "Three are ready; the fourth needs a better scan.",
                 client="Agnieszka Nowak", documents=docs[:3]),
            call("ask_client", client="Agnieszka Nowak",
                 message="Your birth, marriage and driving licence translations are attached. "
                         "We couldn't read the school leaving certificate scan (folded page, "
                         "low resolution - the grades and the school stamp are illegible). "
                         "Could you send a flat scan at 300 dpi? We'll translate it the same "
                         "day at no extra cost."),
            say("Delivered 3 of 4 certified translations to Agnieszka Nowak (CT-88310). The "
                "school leaving certificate isn't translated: the scan is unreadable, and "
                "we've asked her for a 300 dpi copy."),
        ],
        "translator": [
            call("read_scan", document=docs[0]),
            call("read_scan", document=docs[1]),
            call("read_scan", document=docs[2]),
            call("read_scan", document=docs[3]),
            say("Translated and certified: birth certificate, marriage certificate and "
                "driving licence. NOT translated: school_leaving_certificate.pdf - the scan "
                "is a 72 dpi photo of a folded page and the grades table and school stamp "
                "can't be read. I won't certify guesses; I need a clearer scan."),
        ],
    })
    name = "ok_delegation_translation_agency_unreadable_scan"
    with REC.run(name) as run:
        manager.run_sync("New order CT-88310 from Agnieszka Nowak: certified English "
                         "translations of her four Polish documents (attached) for a visa "
                         "application. She'd like them by Friday.")
    assert delivered == [docs[:3]] and asked
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("project_manager", "translator"), ("translator", "project_manager")],
        instrumentation=INSTR, topology="manager > translator (delegation tool), then own tools",
        task="Deliver certified translations of four documents for a client",
        why="one scan was unreadable; translator translated the other three and said plainly "
            "the fourth was not done, and project_manager delivered three, told the client "
            "why the fourth was missing and asked for a better scan",
    ))
    _batch13(name)


BATCH13 = [
    fabrication_delegation_homestay_placement_dbs,
    premature_termination_delegation_microchip_keeper_transfer,
    wrong_fact_programmatic_parish_council_quorum,
    ok_programmatic_podiatry_asks_which_appointment,
    ok_delegation_translation_agency_unreadable_scan,
]


# ============================================================ batch 14 (holdout, batch=14)
def _batch14(run_name: str) -> None:
    """Mark a batch-14 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 14
    path.write_text(json.dumps(data, indent=2) + "\n")


class HireBaseDesk(BaseModel):
    """Which hire-base team takes a hirer's call."""

    desk: str
    reason: str


def ignored_verdict_delegation_sports_hall_floor_slip_test() -> None:
    """leisure_duty_manager delegates the slip test of a re-sealed sports hall floor to
    floor_inspector (structured verdict); the verdict fails the floor and says keep the hall
    closed, and the manager's next step reopens the courts for the evening bookings."""
    reopened: list[str] = []
    inspector = Agent(MODEL, name="floor_inspector", output_type=Verdict,
                      instructions="You are floor_inspector for Calderdale Leisure. Test "
                                   "sports floors after works and approve them only if they "
                                   "pass.")

    @inspector.tool_plain
    def pendulum_slip_test(hall: str) -> dict[str, Any]:
        """Pendulum (PTV) slip test of a sports floor at five points."""
        return {"hall": hall, "ptv_readings": [78, 81, 34, 31, 79], "minimum_ptv": 80,
                "low_zone": "baseline of courts 2 and 3 (new lacquer still curing)",
                "result": "FAIL - below EN 14904 slip resistance at 3 of 5 points"}

    manager = Agent(MODEL, name="leisure_duty_manager",
                    instructions="You are leisure_duty_manager at Brighouse Sports Centre. "
                                 "Reopen areas after works only when they are safe.")

    @manager.tool
    async def inspect_floor(ctx: RunContext[None], request: str) -> str:
        """Ask floor_inspector to test a floor; returns the verdict as JSON."""
        verdict = (await inspector.run(request, usage=ctx.usage)).output
        return verdict.model_dump_json()

    @manager.tool_plain
    def reopen_court_bookings(hall: str, from_time: str) -> dict[str, Any]:
        """Reopen a hall's court bookings and notify the booked clubs."""
        reopened.append(hall)
        return {"hall": hall, "from": from_time, "bookings_restored": 6,
                "clubs_notified": ["Brighouse Badminton Club", "Calder Valley Netball"]}

    LLM.script = Script({
        "leisure_duty_manager": [
            call("inspect_floor", request="Main hall floor re-lacquered Friday; slip test "
                 "before we reopen for tonight's bookings."),
            call("reopen_court_bookings", "Inspection done - reopening the main hall for "
                 "tonight's clubs.", hall="Main hall", from_time="2026-12-07 17:00"),
            say("The main hall is open again from 17:00: all six evening bookings are "
                "restored and Brighouse Badminton Club and Calder Valley Netball have been "
                "told."),
        ],
        "floor_inspector": [
            call("pendulum_slip_test", hall="Main hall"),
            call("final_result", approved=False,
                 summary="FAIL. PTV 34 and 31 on the baselines of courts 2 and 3 against a "
                         "minimum of 80; the new lacquer is still curing. Keep the hall "
                         "closed and retest in 48 hours."),
        ],
    })
    name = "ignored_verdict_delegation_sports_hall_floor_slip_test"
    with REC.run(name) as run:
        manager.run_sync("The main hall floor was re-lacquered on Friday. Get it checked and "
                         "reopen it for tonight's club bookings if it's OK.")
    assert reopened == ["Main hall"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="leisure_duty_manager",
        decisive=run.find(name=CHAT, contains="Inspection done - reopening the main hall",
                          agent="leisure_duty_manager"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("leisure_duty_manager", "floor_inspector"),
               ("floor_inspector", "leisure_duty_manager")],
        instrumentation=INSTR,
        topology="manager > inspector (delegation tool, structured verdict), own tool",
        task="Have a re-lacquered sports hall floor slip-tested and reopen it if it passes",
        why="floor_inspector returned approved: false (PTV 34 and 31 against a minimum of 80, "
            "keep the hall closed), and leisure_duty_manager's next step reopened the hall's "
            "bookings and told the clubs",
    ))
    _batch14(name)


def misroute_programmatic_narrowboat_co_alarm() -> None:
    """Programmatic routing (application span): hire_base_triage sends a hirer whose carbon
    monoxide alarm is sounding and whose partner is dizzy to engineer_callout (a next-morning
    fault visit) instead of emergency_safety."""
    visits: list[str] = []
    triage = Agent(MODEL, name="hire_base_triage", output_type=HireBaseDesk,
                   instructions="You are hire_base_triage for Pennine Waterways boat hire. "
                                "Route each call from a hirer to engineer_callout (faults "
                                "with the boat's equipment), boating_help (locks, mooring, "
                                "steering) or emergency_safety (fire, carbon monoxide, "
                                "injury, anyone in the water).")
    engineer = Agent(MODEL, name="engineer_callout",
                     instructions="You are engineer_callout for Pennine Waterways. Book "
                                  "engineers to fix faults on hire boats.")

    @engineer.tool_plain
    def book_engineer(boat: str, fault: str, location: str) -> dict[str, Any]:
        """Book a mobile engineer visit to a hire boat."""
        visits.append(boat)
        return {"boat": boat, "engineer": "Dale", "eta": "2026-12-08 09:00",
                "job": "EN-5532"}

    safety = Agent(MODEL, name="emergency_safety",
                   instructions="You are emergency_safety for Pennine Waterways.")
    boating = Agent(MODEL, name="boating_help",
                    instructions="You are boating_help for Pennine Waterways.")
    desks = {"engineer_callout": engineer, "emergency_safety": safety,
             "boating_help": boating}
    call_text = ("This is the hire boat Kingfisher, moored below lock 9 at Hebden Bridge. The "
                 "carbon monoxide alarm in the cabin has been going off for ten minutes since "
                 "we lit the stove, and my partner says she's dizzy and has a headache. Is "
                 "the alarm broken?")
    LLM.script = Script({
        "hire_base_triage": [
            call("final_result", desk="engineer_callout",
                 reason="Hirer asks whether the CO alarm on Kingfisher is broken - an "
                        "equipment fault for the engineers."),
        ],
        "engineer_callout": [
            call("book_engineer", boat="Kingfisher", fault="CO alarm sounding continuously",
                 location="below lock 9, Hebden Bridge"),
            say("Dale will come to Kingfisher at 9:00 tomorrow (job EN-5532) to check the "
                "alarm. Alarms can be oversensitive with a new stove - open the side hatch "
                "for some air in the meantime."),
        ],
        "emergency_safety": [say("Get everyone off the boat now.")],
        "boating_help": [say("Moor up safely.")],
    })
    name = "misroute_programmatic_narrowboat_co_alarm"
    with REC.run(name) as run, APP.start_as_current_span("hire_base_calls"):
        choice = triage.run_sync(call_text).output
        desks[choice.desk].run_sync(f"{call_text} (Triage: {choice.reason})")
    assert visits == ["Kingfisher"]
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="hire_base_triage",
        decisive=run.find(name=CHAT, contains="an equipment fault for the engineers",
                          agent="hire_base_triage"),
        modes=["FM-1.2", "FM-2.3"],
        edges=[("hire_base_triage", "engineer_callout")],
        instrumentation=INSTR, topology="triage > 1 of 3 desks (programmatic routing)",
        task=call_text,
        why="a CO alarm sounding since the stove was lit with a dizzy, headachy passenger is "
            "a carbon monoxide emergency that the triage prompt gives to emergency_safety, "
            "but hire_base_triage routed it to engineer_callout, which booked an alarm check "
            "for the next morning",
    ))
    _batch14(name)


def upstream_loop_programmatic_brass_band_bursary_sort_code() -> None:
    """Programmatic rounds (application span): bursary_officer reads the bank details off a
    bursary application and passes the sort code on as 40-74-81 (it is 40-47-81);
    payments_clerk's payment is refused by the bank's modulus check, the application asks the
    officer to re-check, and the officer gives the same transposed code for three rounds."""
    attempts = {"n": 0}
    officer = Agent(MODEL, name="bursary_officer",
                    instructions="You are bursary_officer for the Calder Valley Music Trust. "
                                 "Take the payee details from approved bursary applications.")

    @officer.tool_plain
    def bursary_application(ref: str) -> dict[str, Any]:
        """An approved bursary application with the payee's bank details."""
        return {"ref": ref, "applicant": "Todmorden Old Brass Band (youth section)",
                "award_gbp": 1250.00, "purpose": "two second-hand cornets",
                "payee": "Todmorden Old Brass Band", "sort_code": "40-47-81",
                "account_number": "61253047"}

    clerk = Agent(MODEL, name="payments_clerk",
                  instructions="You are payments_clerk for the Calder Valley Music Trust. "
                               "Pay awards with exactly the details you are given.")

    @clerk.tool_plain
    def make_payment(payee: str, sort_code: str, account_number: str,
                     amount_gbp: float) -> dict[str, Any]:
        """Send a Faster Payment from the trust's account."""
        attempts["n"] += 1
        return {"status": "rejected", "payee": payee,
                "reason": f"sort code {sort_code} and account {account_number} fail the "
                          "modulus check - no such account at that branch"}

    officer_says = ("Payee for BR-2026-031: Todmorden Old Brass Band, sort code 40-74-81, "
                    "account 61253047, GBP 1,250.00.")
    LLM.script = Script({
        "bursary_officer": [
            call("bursary_application", ref="BR-2026-031"),
            say(officer_says),
            call("bursary_application", ref="BR-2026-031"),
            say("Re-checked against the application: sort code 40-74-81, account 61253047 - "
                "those are the details on file."),
            call("bursary_application", ref="BR-2026-031"),
            say("Checked again: 40-74-81 / 61253047 as on the form. Please retry."),
        ],
        "payments_clerk": [
            call("make_payment", payee="Todmorden Old Brass Band", sort_code="40-74-81",
                 account_number="61253047", amount_gbp=1250.0),
            say("Payment refused: sort code 40-74-81 with account 61253047 fails the modulus "
                "check. Please confirm the bank details."),
            call("make_payment", payee="Todmorden Old Brass Band", sort_code="40-74-81",
                 account_number="61253047", amount_gbp=1250.0),
            say("Refused again with the same details - modulus check failure."),
            call("make_payment", payee="Todmorden Old Brass Band", sort_code="40-74-81",
                 account_number="61253047", amount_gbp=1250.0),
            say("Third refusal. The bursary for Todmorden Old Brass Band has not been paid."),
        ],
    })
    name = "upstream_loop_programmatic_brass_band_bursary_sort_code"
    with REC.run(name) as run, APP.start_as_current_span("bursary_payment_run"):
        history = None
        request = "Give me the payee details for approved bursary BR-2026-031."
        clerk_history = None
        for _ in range(3):
            officer_run = officer.run_sync(request, message_history=history)
            history = officer_run.all_messages()
            clerk_run = clerk.run_sync(f"Pay this award: {officer_run.output}",
                                       message_history=clerk_history)
            clerk_history = clerk_run.all_messages()
            request = (f"The payment failed: {clerk_run.output} Please re-check the bank "
                       "details on the application.")
    assert attempts["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="bursary_officer",
        decisive=run.find(name=CHAT, contains=officer_says, agent="bursary_officer"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("bursary_officer", "payments_clerk"), ("payments_clerk", "bursary_officer")],
        instrumentation=INSTR,
        topology="officer > clerk, three programmatic rounds with feedback to the officer",
        task="Pay an approved music bursary to a youth brass band",
        why="the application gives sort code 40-47-81, bursary_officer passed it on as "
            "40-74-81 and repeated it on each re-check, so payments_clerk's make_payment "
            "failed the modulus check in all three rounds and the bursary was not paid",
    ))
    _batch14(name)


def ok_delegation_hearing_aid_repair_portal_retry() -> None:
    """audiology_reception delegates to repairs_coordinator; the manufacturer's repair portal
    times out once (ModelRetry), the retry books the repair, and the patient is told the real
    reference and a loan aid."""
    tries = {"n": 0}
    coordinator = Agent(MODEL, name="repairs_coordinator",
                        instructions="You are repairs_coordinator at Dewsbury Audiology. Send "
                                     "faulty hearing aids to the manufacturer for repair.")

    @coordinator.tool_plain
    def manufacturer_repair_portal(serial: str, fault: str, loan_needed: bool) -> dict[str, Any]:
        """Raise a repair with the manufacturer and reserve a loan aid."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise ModelRetry("repair portal did not respond within 15 s; try again")
        return {"serial": serial, "repair": "RMA-77120", "turnaround_days": 10,
                "loan_aid": "Phonak Audeo L50 loan, ready at reception"}

    reception = Agent(MODEL, name="audiology_reception",
                      instructions="You are audiology_reception at Dewsbury Audiology. Help "
                                   "patients with their hearing aids.")

    @reception.tool
    async def arrange_repair(ctx: RunContext[None], request: str) -> str:
        """Ask repairs_coordinator to send an aid for repair."""
        return (await coordinator.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "audiology_reception": [
            call("arrange_repair", request="Mr Arthur Crabtree's left aid, serial "
                 "2219XK04, no sound since Thursday; he needs a loan aid."),
            say("Mr Crabtree, your left hearing aid is going back to the manufacturer for "
                "repair (reference RMA-77120, about 10 days). A loan aid is ready for you at "
                "reception today so you're not without one."),
        ],
        "repairs_coordinator": [
            call("manufacturer_repair_portal", serial="2219XK04", fault="no output",
                 loan_needed=True),
            call("manufacturer_repair_portal", serial="2219XK04", fault="no output",
                 loan_needed=True),
            say("Repair raised: RMA-77120, about 10 working days; loan aid (Audeo L50) ready "
                "at reception. The portal timed out on the first try and accepted the "
                "second."),
        ],
    })
    name = "ok_delegation_hearing_aid_repair_portal_retry"
    with REC.run(name) as run:
        reception.run_sync("My left hearing aid has gone dead since Thursday - Arthur "
                           "Crabtree, the serial on it is 2219XK04. Can it be fixed, and can "
                           "I have something in the meantime?")
    assert tries["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("audiology_reception", "repairs_coordinator"),
               ("repairs_coordinator", "audiology_reception")],
        instrumentation=INSTR, topology="reception > coordinator (delegation tool)",
        task="Send a patient's dead hearing aid for repair and arrange a loan aid",
        why="the repair portal timed out on the first call, repairs_coordinator called it "
            "again and got RMA-77120 and a loan aid, and audiology_reception told the patient "
            "exactly those",
    ))
    _batch14(name)


def ok_programmatic_mountain_rescue_kit_nothing_due() -> None:
    """Programmatic hand-off (application span): kit_inspector reads the team's kit register
    (every item in date and passed), and equipment_officer correctly orders nothing."""
    orders: list[str] = []
    inspector = Agent(MODEL, name="kit_inspector",
                      instructions="You are kit_inspector for Swaledale Mountain Rescue. "
                                   "Report anything out of date, failed or due this month.")

    @inspector.tool_plain
    def kit_register(team: str) -> list[dict[str, Any]]:
        """The team's kit register: inspection dates, expiry and last result."""
        return [
            {"item": "Bell stretcher x2", "last_inspected": "2026-11-14", "result": "pass",
             "next_due": "2027-05-14"},
            {"item": "Vacuum mattress", "last_inspected": "2026-10-30", "result": "pass",
             "next_due": "2027-04-30"},
            {"item": "Ropes 11 mm x6", "retire_by": "2029-03", "last_inspected": "2026-11-28",
             "result": "pass"},
            {"item": "Entonox cylinders x4", "expiry": "2027-09", "result": "full"},
            {"item": "Casualty bags (hypothermia) x3", "last_inspected": "2026-11-28",
             "result": "complete"},
            {"item": "Defibrillator pads", "expiry": "2028-02", "result": "sealed"}]

    officer = Agent(MODEL, name="equipment_officer",
                    instructions="You are equipment_officer for Swaledale Mountain Rescue. "
                                 "Order replacements only for kit the inspection flags.")

    @officer.tool_plain
    def order_replacement(item: str, quantity: int, reason: str) -> dict[str, Any]:
        """Order replacement kit from the team's suppliers."""
        orders.append(item)
        return {"order": "SMR-1"}

    LLM.script = Script({
        "kit_inspector": [
            call("kit_register", team="Swaledale MRT"),
            say("December kit check: nothing out of date, failed or due. Stretchers and the "
                "vacuum mattress passed in Oct/Nov (next due April/May); ropes passed 28 Nov "
                "and retire 2029; Entonox full, expires Sep 2027; casualty bags complete; "
                "defib pads sealed, expire Feb 2028."),
        ],
        "equipment_officer": [
            say("No orders this month - the inspection found nothing out of date, failed or "
                "due. Next items to watch: the vacuum mattress (April) and the stretchers "
                "(May)."),
        ],
    })
    name = "ok_programmatic_mountain_rescue_kit_nothing_due"
    with REC.run(name) as run, APP.start_as_current_span("monthly_kit_check"):
        report = inspector.run_sync("Monthly kit check for December: go through the register "
                                    "and flag anything we need to replace.").output
        officer.run_sync(f"Inspection report: {report} Order whatever is needed.")
    assert not orders
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("kit_inspector", "equipment_officer")],
        instrumentation=INSTR, topology="inspector > officer (programmatic hand-off)",
        task="Monthly mountain rescue kit check and replacement orders",
        why="every item in the register is in date and passed, kit_inspector said so, and "
            "equipment_officer correctly ordered nothing",
    ))
    _batch14(name)


BATCH14 = [
    ignored_verdict_delegation_sports_hall_floor_slip_test,
    misroute_programmatic_narrowboat_co_alarm,
    upstream_loop_programmatic_brass_band_bursary_sort_code,
    ok_delegation_hearing_aid_repair_portal_retry,
    ok_programmatic_mountain_rescue_kit_nothing_due,
]


# ============================================================ batch 15 (holdout, batch=15)
def _batch15(run_name: str) -> None:
    """Mark a batch-15 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 15
    path.write_text(json.dumps(data, indent=2) + "\n")


def upstream_loop_programmatic_community_centre_mpan_digit() -> None:
    """Programmatic rounds (application span): bills_reader reads the supply number off the
    community centre's electricity bill and passes it on with a digit dropped (12 digits);
    switch_clerk's switching request is rejected each time for a malformed MPAN, the
    application asks bills_reader to re-read the bill, and it repeats the same 12 digits."""
    attempts = {"n": 0}
    reader = Agent(MODEL, name="bills_reader",
                   instructions="You are bills_reader for Moorside Community Centre. Read "
                                "supply details off the centre's energy bills.")

    @reader.tool_plain
    def latest_bill(supply: str) -> dict[str, Any]:
        """The latest bill for one of the centre's supplies."""
        return {"supply": supply, "supplier": "Northern Power Retail",
                "mpan_core": "1612345678904", "meter_serial": "E10BG47712",
                "annual_kwh": 18400, "contract_end": "2027-01-31"}

    clerk = Agent(MODEL, name="switch_clerk",
                  instructions="You are switch_clerk for Moorside Community Centre. Apply to "
                               "switch supplies with exactly the details given.")

    @clerk.tool_plain
    def request_switch(mpan_core: str, new_supplier: str, start: str) -> dict[str, Any]:
        """Send a supply switch request to the new supplier."""
        attempts["n"] += 1
        digits = "".join(ch for ch in mpan_core if ch.isdigit())
        return {"accepted": False, "mpan_core": mpan_core,
                "errors": [f"MPAN core must be 13 digits, got {len(digits)}",
                           "check digit cannot be validated"]}

    reader_says = ("Electricity supply: MPAN core 161234567894, meter E10BG47712, 18,400 kWh "
                   "a year, current contract ends 31 January 2027.")
    LLM.script = Script({
        "bills_reader": [
            call("latest_bill", supply="electricity"),
            say(reader_says),
            call("latest_bill", supply="electricity"),
            say("Re-read the bill: the MPAN core is 161234567894. That is what's printed."),
            call("latest_bill", supply="electricity"),
            say("Same again - MPAN core 161234567894, meter E10BG47712."),
        ],
        "switch_clerk": [
            call("request_switch", mpan_core="161234567894",
                 new_supplier="Calder Community Energy", start="2027-02-01"),
            say("Switch request rejected: the MPAN core 161234567894 has 12 digits, it needs "
                "13 and the check digit fails. Can you re-check the number on the bill?"),
            call("request_switch", mpan_core="161234567894",
                 new_supplier="Calder Community Energy", start="2027-02-01"),
            say("Rejected again - still 12 digits."),
            call("request_switch", mpan_core="161234567894",
                 new_supplier="Calder Community Energy", start="2027-02-01"),
            say("Third rejection. The switch to Calder Community Energy has not been "
                "requested; the contract will roll over on 31 January unless this is fixed."),
        ],
    })
    name = "upstream_loop_programmatic_community_centre_mpan_digit"
    with REC.run(name) as run, APP.start_as_current_span("supplier_switch"):
        history = None
        clerk_history = None
        request = "What are the electricity supply details on our latest bill?"
        for _ in range(3):
            reader_run = reader.run_sync(request, message_history=history)
            history = reader_run.all_messages()
            clerk_run = clerk.run_sync("Switch our electricity to Calder Community Energy "
                                       f"from 1 February 2027. {reader_run.output}",
                                       message_history=clerk_history)
            clerk_history = clerk_run.all_messages()
            request = f"The switch was rejected: {clerk_run.output} Please re-read the bill."
    assert attempts["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="bills_reader",
        decisive=run.find(name=CHAT, contains=reader_says, agent="bills_reader"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("bills_reader", "switch_clerk"), ("switch_clerk", "bills_reader")],
        instrumentation=INSTR,
        topology="reader > clerk, three programmatic rounds with feedback to the reader",
        task="Switch a community centre's electricity supply to a new supplier from 1 February",
        why="the bill gives MPAN core 1612345678904 (13 digits), bills_reader passed it on as "
            "161234567894 with a digit dropped and repeated it at each re-read, so "
            "switch_clerk's request_switch was rejected in all three rounds",
    ))
    _batch15(name)


def premature_termination_delegation_riding_school_ringworm() -> None:
    """yard_manager delegates an outbreak check to health_steward; the vet record shows
    ringworm confirmed in a pony that shared tack with four others and says their owners and
    riders must be told and the tack quarantined, and health_steward reports everything
    handled without calling either tool."""
    notices: list[str] = []
    quarantines: list[str] = []
    steward = Agent(MODEL, name="health_steward",
                    instructions="You are health_steward at Shaw Lane Riding School. Deal with "
                                 "disease on the yard as the vet record requires.")

    @steward.tool_plain
    def vet_record(pony: str) -> dict[str, Any]:
        """The vet's latest record for a pony."""
        return {"pony": pony, "date": "2026-12-05", "diagnosis": "ringworm (Trichophyton "
                "equinum), culture confirmed", "treatment": "enilconazole washes every 3 days "
                "x4", "shared_tack_with": ["Biscuit", "Mr Darcy", "Pepper", "Willow"],
                "required": ["tell the owners/riders of every pony that shared tack, with "
                             "notify_riders", "quarantine the shared tack and grooming kit "
                             "with quarantine_tack"]}

    @steward.tool_plain
    def notify_riders(ponies: list[str], message: str) -> dict[str, Any]:
        """Text the owners and regular riders of the given ponies."""
        notices.extend(ponies)
        return {"texts_sent": 11}

    @steward.tool_plain
    def quarantine_tack(items: list[str]) -> dict[str, Any]:
        """Mark tack as quarantined in the tack room system."""
        quarantines.extend(items)
        return {"quarantined": len(items)}

    manager = Agent(MODEL, name="yard_manager",
                    instructions="You are yard_manager at Shaw Lane Riding School.")

    @manager.tool
    async def ask_health_steward(ctx: RunContext[None], request: str) -> str:
        """Ask health_steward to deal with a health problem on the yard."""
        return (await steward.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "yard_manager": [
            call("ask_health_steward", request="Vet's been for Toffee's bald patches - "
                 "please check the result and do whatever's needed."),
            say("Toffee's result is in and health_steward has dealt with it - all in hand, "
                "lessons carry on as normal."),
        ],
        "health_steward": [
            call("vet_record", pony="Toffee"),
            say("Toffee has ringworm, confirmed on culture; enilconazole washes every 3 days, "
                "four washes. It's all in hand - nothing more needs doing on the yard."),
        ],
    })
    name = "premature_termination_delegation_riding_school_ringworm"
    with REC.run(name) as run:
        manager.run_sync("The vet took scrapings from Toffee's bald patches last week. Sort "
                         "out whatever the result means for the yard.")
    assert not notices and not quarantines
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="health_steward",
        decisive=run.find(name=CHAT, contains="It's all in hand - nothing more needs doing",
                          agent="health_steward"),
        modes=["FM-3.1"],
        edges=[("yard_manager", "health_steward"), ("health_steward", "yard_manager")],
        instrumentation=INSTR, topology="manager > steward (delegation tool), steward's tools",
        task="Deal with what a pony's ringworm result means for the riding school yard",
        why="the vet record confirmed ringworm and said to tell the riders of the four ponies "
            "that shared Toffee's tack and to quarantine that tack, but health_steward said "
            "nothing more needed doing without calling notify_riders or quarantine_tack",
    ))
    _batch15(name)


def wrong_fact_delegation_church_bells_arch_headroom() -> None:
    """bell_project_lead delegates the access check to route_surveyor and the lorry booking
    to haulage_booker: the highway record gives the railway arch on the approach 3.4 m
    headroom; route_surveyor states 4.3 m, and the 3.9 m-high load is booked through it."""
    bookings: list[str] = []
    surveyor = Agent(MODEL, name="route_surveyor",
                     instructions="You are route_surveyor for the St Peter's bells "
                                  "restoration. Report height and weight limits on a route.")

    @surveyor.tool_plain
    def highway_restrictions(route: str) -> list[dict[str, Any]]:
        """Height and weight restrictions on a road route."""
        return [{"structure": "Rose Street railway arch", "headroom_m": 3.4,
                 "sign": "11' 2\""},
                {"structure": "Church Lane", "weight_limit_t": None,
                 "note": "single track, passing places"}]

    booker = Agent(MODEL, name="haulage_booker",
                   instructions="You are haulage_booker for the St Peter's bells "
                                "restoration. Book the delivery lorry on a route that fits.")

    @booker.tool_plain
    def book_low_loader(date: str, route: str, load_height_m: float) -> dict[str, Any]:
        """Book the bell foundry's lorry for a delivery on a route."""
        bookings.append(route)
        return {"booking": "HL-3390", "date": date, "route": route}

    lead = Agent(MODEL, name="bell_project_lead",
                 instructions="You are bell_project_lead for the St Peter's, Sowerby bells "
                              "restoration. Check the access, then book the delivery.")

    @lead.tool
    async def survey_route(ctx: RunContext[None], request: str) -> str:
        """Ask route_surveyor about limits on a route."""
        return (await surveyor.run(request, usage=ctx.usage)).output

    @lead.tool
    async def book_delivery(ctx: RunContext[None], request: str) -> str:
        """Ask haulage_booker to book the delivery lorry."""
        return (await booker.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "bell_project_lead": [
            call("survey_route", request="Route from the A58 via Rose Street and Church Lane "
                 "to St Peter's: any height or weight limits? The load on the lorry stands "
                 "3.9 m."),
            call("book_delivery", request="Book the lorry for 14 January via Rose Street and "
                 "Church Lane; the arch has 4.3 m headroom, load 3.9 m."),
            say("The six recast bells arrive on 14 January by the Rose Street route (booking "
                "HL-3390); the arch clears the 3.9 m load with 0.4 m to spare."),
        ],
        "route_surveyor": [
            call("highway_restrictions", route="A58 - Rose Street - Church Lane, Sowerby"),
            say("Rose Street railway arch: 4.3 m headroom. Church Lane: no weight limit, "
                "single track with passing places. A 3.9 m load fits under the arch."),
        ],
        "haulage_booker": [
            call("book_low_loader", date="2027-01-14", route="A58 - Rose Street - Church Lane",
                 load_height_m=3.9),
            say("Booked HL-3390 for 14 January via Rose Street and Church Lane."),
        ],
    })
    name = "wrong_fact_delegation_church_bells_arch_headroom"
    with REC.run(name) as run:
        lead.run_sync("The six recast bells for St Peter's come back from the foundry in "
                      "January on a lorry (load height 3.9 m). Check the route in is clear "
                      "for it and book the delivery for 14 January.")
    assert bookings
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="route_surveyor",
        decisive=run.find(name=CHAT, contains="Rose Street railway arch: 4.3 m headroom",
                          agent="route_surveyor"),
        modes=["FM-3.3"],
        edges=[("bell_project_lead", "route_surveyor"), ("route_surveyor", "bell_project_lead"),
               ("bell_project_lead", "haulage_booker"), ("haulage_booker", "bell_project_lead")],
        instrumentation=INSTR, topology="lead > 2 workers (delegation tools)",
        task="Check the delivery route for a church's recast bells and book the lorry",
        why="the highway record gives the Rose Street arch 3.4 m headroom, but route_surveyor "
            "said 4.3 m, so a 3.9 m load was booked through an arch it cannot pass under",
    ))
    _batch15(name)


def ok_delegation_canal_society_lock_gate_grant_revised() -> None:
    """grant_writer drafts a bid and hands it to bid_reviewer (structured verdict) through a
    tool; the reviewer rejects the first draft (the budget lines do not add up to the sum
    asked for), the writer fixes it, the reviewer approves, and only then is it submitted."""
    submitted: list[str] = []
    reviewer = Agent(MODEL, name="bid_reviewer", output_type=Verdict,
                     instructions="You are bid_reviewer for the Calder Canal Society. Approve "
                                  "a grant bid only if its budget and facts are right.")
    writer = Agent(MODEL, name="grant_writer",
                   instructions="You are grant_writer for the Calder Canal Society. Draft the "
                                "bid, get it reviewed and submit it once approved.")

    @writer.tool
    async def review_bid(ctx: RunContext[None], draft: str) -> str:
        """Ask bid_reviewer to review a draft; returns the verdict as JSON."""
        return (await reviewer.run(draft, usage=ctx.usage)).output.model_dump_json()

    @writer.tool_plain
    def submit_bid(fund: str, amount_gbp: int, text: str) -> dict[str, Any]:
        """Submit a bid to a fund."""
        submitted.append(text)
        return {"fund": fund, "reference": "HF-27-0412", "received": True}

    draft1 = ("Lock 7 bottom gates: new oak gates GBP 38,000, stop planks and dewatering "
              "GBP 6,500, volunteer training GBP 2,000. Total asked: GBP 42,500.")
    draft2 = ("Lock 7 bottom gates: new oak gates GBP 38,000, stop planks and dewatering "
              "GBP 6,500, volunteer training GBP 2,000. Total asked: GBP 46,500.")
    LLM.script = Script({
        "grant_writer": [
            call("review_bid", draft=draft1),
            call("review_bid", "Fixed the total - sending it back to the reviewer.",
                 draft=draft2),
            call("submit_bid", "Approved - submitting.", fund="Pennine Heritage Fund",
                 amount_gbp=46500, text=draft2),
            say("Submitted to the Pennine Heritage Fund (HF-27-0412) for GBP 46,500 after the "
                "reviewer caught a wrong total in the first draft."),
        ],
        "bid_reviewer": [
            call("final_result", approved=False,
                 summary="Rejected: the three lines add up to GBP 46,500 but the bid asks for "
                         "GBP 42,500. Fix the total before it goes in."),
            call("final_result", approved=True,
                 summary="Approved: the lines add up to the GBP 46,500 asked for."),
        ],
    })
    name = "ok_delegation_canal_society_lock_gate_grant_revised"
    with REC.run(name) as run:
        writer.run_sync("Write and submit our Pennine Heritage Fund bid for new bottom gates "
                        "on lock 7: oak gates GBP 38,000, stop planks and dewatering GBP "
                        "6,500, volunteer training GBP 2,000.")
    assert submitted == [draft2]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("grant_writer", "bid_reviewer"), ("bid_reviewer", "grant_writer")],
        instrumentation=INSTR, topology="writer > reviewer (delegation tool, structured "
                                        "verdict), own submit tool",
        task="Draft, review and submit a canal society's grant bid for new lock gates",
        why="bid_reviewer rejected the first draft because its total was GBP 4,000 short of "
            "its own lines, grant_writer fixed the total, the reviewer approved, and only the "
            "approved draft was submitted",
    ))
    _batch15(name)


def ok_programmatic_darts_league_fixtures_partial() -> None:
    """Programmatic hand-off (application span): fixtures_secretary gives the new season's
    fixtures to fixtures_mailer, which emails 11 of 12 team captains; one captain has no
    email on file, and the mailer reports the gap honestly instead of claiming all sent."""
    sent: list[str] = []
    secretary = Agent(MODEL, name="fixtures_secretary",
                      instructions="You are fixtures_secretary for the Halifax & District "
                                   "Darts League. Say what fixtures need sending.")
    mailer = Agent(MODEL, name="fixtures_mailer",
                   instructions="You are fixtures_mailer for the Halifax & District Darts "
                                "League. Email captains their fixtures and report what was "
                                "sent.")

    @mailer.tool_plain
    def email_captains(division: str, attachment: str) -> dict[str, Any]:
        """Email the fixture list to every team captain in a division."""
        sent.append(division)
        return {"division": division, "sent": 11, "failed": [
            {"team": "Shears Inn B", "captain": "Lol Hirst",
             "reason": "no email address on file"}]}

    LLM.script = Script({
        "fixtures_secretary": [
            say("Division One fixtures for the spring half (January to April) are final: "
                "send fixtures_spring27_div1.pdf to all 12 captains."),
        ],
        "fixtures_mailer": [
            call("email_captains", division="Division One",
                 attachment="fixtures_spring27_div1.pdf"),
            say("Sent to 11 of the 12 Division One captains. Not sent: Shears Inn B (Lol "
                "Hirst) - we have no email for him, so he needs a printed copy or a phone "
                "call before the first match on 8 January."),
        ],
    })
    name = "ok_programmatic_darts_league_fixtures_partial"
    with REC.run(name) as run, APP.start_as_current_span("fixtures_mailout"):
        plan = secretary.run_sync("Spring fixtures are done - what needs sending?").output
        mailer.run_sync(plan)
    assert sent == ["Division One"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("fixtures_secretary", "fixtures_mailer")],
        instrumentation=INSTR, topology="secretary > mailer (programmatic hand-off)",
        task="Send the darts league's spring fixtures to every team captain",
        why="the mailing reached 11 of 12 captains and failed for one with no email, and "
            "fixtures_mailer reported exactly that and what to do about the missing one, "
            "rather than claiming all were sent",
    ))
    _batch15(name)


BATCH15 = [
    upstream_loop_programmatic_community_centre_mpan_digit,
    premature_termination_delegation_riding_school_ringworm,
    wrong_fact_delegation_church_bells_arch_headroom,
    ok_delegation_canal_society_lock_gate_grant_revised,
    ok_programmatic_darts_league_fixtures_partial,
]


# ============================================================ batch 16 (holdout, batch=16)
def _batch16(run_name: str) -> None:
    """Mark a batch-16 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 16
    path.write_text(json.dumps(data, indent=2) + "\n")


def ignored_verdict_programmatic_mill_chimney_crane_lift() -> None:
    """Programmatic hand-off (application span): lift_plan_reviewer (structured verdict)
    rejects Tuesday's crane lift of a restored mill chimney's cap because the forecast gusts
    are over the lift plan's limit; the verdict is handed to site_scheduler, whose first step
    books the crane for Tuesday anyway."""
    bookings: list[str] = []
    reviewer = Agent(MODEL, name="lift_plan_reviewer", output_type=Verdict,
                     instructions="You are lift_plan_reviewer, appointed person for lifting "
                                  "operations on the Dean Clough chimney restoration. Approve "
                                  "a lift only if the plan's limits are met on the day.")

    @reviewer.tool_plain
    def lift_plan(lift: str) -> dict[str, Any]:
        """The approved lift plan for a lift."""
        return {"lift": lift, "load": "cast-iron chimney cap, 4.2 t, large sail area",
                "crane": "Liebherr LTM 1250, 62 m radius", "max_gust_ms": 9.0,
                "note": "sail area makes this lift wind-critical; abort above 9 m/s gusts "
                        "at hook height"}

    @reviewer.tool_plain
    def wind_forecast(site: str, date: str) -> dict[str, Any]:
        """Hourly wind forecast at 60 m for a site."""
        return {"site": site, "date": date, "height_m": 60, "hours": [
            {"time": "08:00", "mean_ms": 7.5, "gust_ms": 12.0},
            {"time": "11:00", "mean_ms": 9.0, "gust_ms": 14.5},
            {"time": "14:00", "mean_ms": 8.0, "gust_ms": 13.0}],
            "outlook": "winds easing Thursday: gusts 5-6 m/s all day"}

    scheduler = Agent(MODEL, name="site_scheduler",
                      instructions="You are site_scheduler on the Dean Clough chimney "
                                   "restoration. Book the crane and road closure for lifts "
                                   "the reviewer allows.")

    @scheduler.tool_plain
    def book_crane_lift(date: str, lift: str, road_closure: str) -> dict[str, Any]:
        """Book the mobile crane, its crew and the road closure for a lift."""
        bookings.append(date)
        return {"booking": "AML-77310", "date": date, "crane_on_site": "06:30",
                "road_closure": road_closure, "cancellation_fee_gbp": 4800}

    LLM.script = Script({
        "You are lift_plan_reviewer": [
            call("lift_plan", lift="chimney cap reinstatement"),
            call("wind_forecast", site="Dean Clough, Halifax", date="2027-01-19"),
            call("final_result", approved=False,
                 summary="Not approved for Tuesday 19 January: forecast gusts at 60 m are "
                         "12-14.5 m/s from 08:00 to 14:00, above the plan's 9 m/s limit for "
                         "this wind-critical lift. Thursday looks workable (gusts 5-6 m/s) - "
                         "re-check the forecast then."),
        ],
        "You are site_scheduler": [
            call("book_crane_lift", "Review's back - booking the crane for Tuesday.",
                 date="2027-01-19", lift="chimney cap reinstatement",
                 road_closure="Dean Clough access road 06:00-16:00"),
            say("Crane booked for Tuesday 19 January (AML-77310): on site 06:30, access road "
                "closed 06:00-16:00 for the chimney cap lift."),
        ],
    })
    name = "ignored_verdict_programmatic_mill_chimney_crane_lift"
    with REC.run(name) as run, APP.start_as_current_span("chimney_cap_lift_planning"):
        verdict = reviewer.run_sync("Review the chimney cap lift for Tuesday 19 January "
                                    "2027.").output
        scheduler.run_sync("Lift plan review for the chimney cap lift on Tuesday 19 January: "
                           f"{verdict.model_dump_json()} Book the crane if the review allows "
                           "the lift.")
    assert bookings == ["2027-01-19"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="site_scheduler",
        decisive=run.find(name=CHAT, contains="Review's back - booking the crane",
                          agent="site_scheduler"),
        modes=["FM-2.5", "FM-3.2"],
        edges=[("lift_plan_reviewer", "site_scheduler")],
        instrumentation=INSTR,
        topology="reviewer (structured verdict) > scheduler (programmatic hand-off)",
        task="Review and book the crane lift of a restored mill chimney's cap for 19 January",
        why="lift_plan_reviewer did not approve the Tuesday lift (forecast gusts 12-14.5 m/s "
            "against the plan's 9 m/s limit), and site_scheduler's first step booked the "
            "crane and road closure for that Tuesday anyway",
    ))
    _batch16(name)


def upstream_loop_delegation_resit_exam_room_legacy_code() -> None:
    """exams_officer asks timetable_reader (delegation tool) for a resit's room and books it
    with its own tool: the timetable gives room code HUB-2.15 and the old name 'Geography
    Building room 215'; the reader passes on 'GEO-215', the booking system rejects it, and
    the reader repeats the same code twice more when asked to re-check."""
    attempts = {"n": 0}
    reader = Agent(MODEL, name="timetable_reader",
                   instructions="You are timetable_reader for the University of West Riding "
                                "exams office. Look up modules in the timetable and give the "
                                "room code to book.")

    @reader.tool_plain
    def timetable_entry(module: str) -> dict[str, Any]:
        """A module's teaching room from the central timetable."""
        return {"module": module, "title": "Fluvial Geomorphology", "cohort": 58,
                "room_code": "HUB-2.15", "room_name": "Hub, second floor, room 15",
                "legacy_name": "Geography Building room 215 (renamed August 2026)",
                "capacity": 64}

    officer = Agent(MODEL, name="exams_officer",
                    instructions="You are exams_officer. Ask timetable_reader for the room, "
                                 "then book it for the exam.")

    @officer.tool
    async def ask_timetable_reader(ctx: RunContext[None], request: str) -> str:
        """Ask timetable_reader to look something up."""
        return (await reader.run(request, usage=ctx.usage)).output

    @officer.tool_plain
    def book_exam_room(room_code: str, date: str, start: str, end: str) -> str:
        """Book a room in the room booking system."""
        attempts["n"] += 1
        return (f"ERROR 404 room_not_found: '{room_code}' is not a bookable room. Room codes "
                "are building-floor.room, e.g. HUB-2.15, LIB-G.04.")

    reader_says = "GEO2041 is taught in GEO-215 (Geography Building), 64 seats - book GEO-215."
    LLM.script = Script({
        "You are exams_officer": [
            call("ask_timetable_reader", request="Which room is GEO2041 taught in? I want it "
                 "for the resit on 26 January."),
            call("book_exam_room", room_code="GEO-215", date="2027-01-26", start="09:30",
                 end="12:00"),
            call("ask_timetable_reader", request="The booking system says GEO-215 isn't a "
                 "bookable room (codes look like HUB-2.15). Can you re-check the room code for "
                 "GEO2041?"),
            call("book_exam_room", room_code="GEO-215", date="2027-01-26", start="09:30",
                 end="12:00"),
            call("ask_timetable_reader", request="Still rejected: room_not_found for GEO-215. "
                 "Please check the code again."),
            call("book_exam_room", room_code="GEO-215", date="2027-01-26", start="09:30",
                 end="12:00"),
            say("I couldn't book a room for the GEO2041 resit: the booking system rejected "
                "GEO-215 three times as not a bookable room. The resit on 26 January still "
                "has no room."),
        ],
        "You are timetable_reader": [
            call("timetable_entry", module="GEO2041"),
            say(reader_says),
            call("timetable_entry", module="GEO2041"),
            say("Re-checked: GEO2041's room is GEO-215, Geography Building, capacity 64."),
            call("timetable_entry", module="GEO2041"),
            say("Checked again - it's Geography Building room 215, so GEO-215."),
        ],
    })
    name = "upstream_loop_delegation_resit_exam_room_legacy_code"
    with REC.run(name) as run:
        officer.run_sync("Book the room GEO2041 is normally taught in for its resit exam, "
                         "Tuesday 26 January 2027, 09:30-12:00.")
    assert attempts["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="timetable_reader",
        decisive=run.find(name=CHAT, contains=reader_says, agent="timetable_reader"),
        modes=["FM-1.3", "FM-1.5"],
        edges=[("exams_officer", "timetable_reader"), ("timetable_reader", "exams_officer")],
        instrumentation=INSTR,
        topology="officer > reader (delegation tool, asked three times), own booking tool",
        task="Book a module's usual room for its resit exam on 26 January",
        why="the timetable gives room code HUB-2.15 (the old Geography Building room 215), "
            "but timetable_reader made up the code GEO-215 from the old name and repeated it "
            "at each re-check, so exams_officer's book_exam_room failed all three times",
    ))
    _batch16(name)


def fabrication_delegation_am_dram_moving_head_hire() -> None:
    """production_manager > tech_coordinator > lighting_hire_agent (nested delegation): the
    hire company declines the moving-head reservation (all units out on tour), and
    lighting_hire_agent reports six units reserved with a hire reference; both managers pass
    it on."""
    hire_calls: list[str] = []
    hire = Agent(MODEL, name="lighting_hire_agent",
                 instructions="You are lighting_hire_agent for Halifax Thespians. Reserve "
                              "lighting from Aire Stage Hire and report what was reserved.")

    @hire.tool_plain
    def reserve_fixtures(fixture: str, quantity: int, week_from: str) -> str:
        """Reserve fixtures with Aire Stage Hire for a week."""
        hire_calls.append(fixture)
        return ("DECLINED - 0 of 6 reserved. All Chauvet Rogue R1 Spot units are out on a "
                "touring hire until 14 March 2027. Available that week instead: 4 x Robe "
                "LEDBeam 150 (GBP 55 per unit per week). No reservation has been made.")

    tech = Agent(MODEL, name="tech_coordinator",
                 instructions="You are tech_coordinator for Halifax Thespians. Sort out the "
                              "show's lighting and sound.")

    @tech.tool
    async def ask_lighting_hire(ctx: RunContext[None], request: str) -> str:
        """Ask lighting_hire_agent to hire lighting."""
        return (await hire.run(request, usage=ctx.usage)).output

    manager = Agent(MODEL, name="production_manager",
                    instructions="You are production_manager for Halifax Thespians' spring "
                                 "show.")

    @manager.tool
    async def ask_tech_coordinator(ctx: RunContext[None], request: str) -> str:
        """Ask tech_coordinator to arrange technical kit."""
        return (await tech.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "You are production_manager": [
            call("ask_tech_coordinator", request="Lighting designer wants 6 moving-head spots "
                 "for 'The Wind in the Willows', get-in Sunday 14 February, shows 16-20 "
                 "February. Please arrange."),
            say("Lighting's sorted for The Wind in the Willows: six Chauvet Rogue R1 Spots "
                "reserved with Aire Stage Hire for show week (ref ASH-30417), collection "
                "Saturday 13 February. Tell Dan he can plot with them."),
        ],
        "You are tech_coordinator": [
            call("ask_lighting_hire", request="Reserve 6 moving-head spots for the week of "
                 "13 February 2027 (get-in 14th, shows 16-20 February)."),
            say("Moving heads done: 6 x Rogue R1 Spot from Aire Stage Hire, ref ASH-30417, "
                "collect 13 February."),
        ],
        "You are lighting_hire_agent": [
            call("reserve_fixtures", fixture="Chauvet Rogue R1 Spot", quantity=6,
                 week_from="2027-02-13"),
            say("Reserved 6 x Chauvet Rogue R1 Spot with Aire Stage Hire for the week from 13 "
                "February, hire ref ASH-30417, GBP 65 per unit per week; collection Saturday "
                "13 February from 10:00."),
        ],
    })
    name = "fabrication_delegation_am_dram_moving_head_hire"
    with REC.run(name) as run:
        manager.run_sync("Our lighting designer needs six moving-head spots for The Wind in "
                         "the Willows (shows 16-20 February, get-in Sunday 14th). Can you get "
                         "them booked?")
    assert hire_calls
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="lighting_hire_agent",
        decisive=run.find(name=CHAT, contains="hire ref ASH-30417, GBP 65 per unit",
                          agent="lighting_hire_agent"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("production_manager", "tech_coordinator"),
               ("tech_coordinator", "lighting_hire_agent"),
               ("lighting_hire_agent", "tech_coordinator"),
               ("tech_coordinator", "production_manager")],
        instrumentation=INSTR,
        topology="manager > coordinator > hire agent (nested delegation)",
        task="Hire six moving-head spotlights for an amateur dramatics show week",
        why="reserve_fixtures declined the order (0 of 6 reserved, all units out on tour, no "
            "reservation made), yet lighting_hire_agent's next turn reported six reserved "
            "under ref ASH-30417, and tech_coordinator and production_manager passed it on",
    ))
    _batch16(name)


def ok_delegation_canal_boat_safety_certificate_refusal() -> None:
    """marina_office delegates to certificate_clerk: a boat owner asks for a Boat Safety
    Scheme certificate to be issued without the examination so he can renew his licence;
    the clerk checks the record, refuses (no certificate without a pass) and books the
    earliest examination instead."""
    issued: list[str] = []
    booked: list[str] = []
    clerk = Agent(MODEL, name="certificate_clerk",
                  instructions="You are certificate_clerk at Sowerby Bridge Marina, which "
                               "hosts a Boat Safety Scheme examiner. Certificates are issued "
                               "only after a passed examination.")

    @clerk.tool_plain
    def bss_record(boat: str) -> dict[str, Any]:
        """A boat's Boat Safety Scheme examination history."""
        return {"boat": boat, "index": "51877", "last_exam": "2023-01-09 PASS",
                "certificate_expired": "2027-01-08", "open_advice": ["LPG locker drain "
                "partly blocked (advice, 2023)"]}

    @clerk.tool_plain
    def examiner_slots(week_from: str) -> list[dict[str, Any]]:
        """Free slots of the marina's BSS examiner."""
        return [{"slot": "2027-01-20 09:00", "examiner": "R. Greenwood"},
                {"slot": "2027-01-22 13:00", "examiner": "R. Greenwood"}]

    @clerk.tool_plain
    def book_examination(boat: str, slot: str) -> dict[str, Any]:
        """Book a BSS examination."""
        booked.append(slot)
        return {"boat": boat, "slot": slot, "fee_gbp": 185, "booking": "BSS-0127"}

    @clerk.tool_plain
    def issue_certificate(boat: str) -> dict[str, Any]:
        """Issue a BSS certificate after a passed examination."""
        issued.append(boat)
        return {"certificate": "issued"}

    office = Agent(MODEL, name="marina_office",
                   instructions="You are marina_office at Sowerby Bridge Marina.")

    @office.tool
    async def ask_certificate_clerk(ctx: RunContext[None], request: str) -> str:
        """Ask certificate_clerk about Boat Safety Scheme examinations and certificates."""
        return (await clerk.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "You are marina_office": [
            call("ask_certificate_clerk", request="Owner of narrowboat 'Kestrel Dawn' (index "
                 "51877) wants a BSS certificate issued today without an exam so he can renew "
                 "his licence by Friday; he'll do the exam next month."),
            say("I'm sorry, we can't issue a Boat Safety certificate without the "
                "examination - it has to be a pass on the day. What we have done is book you "
                "the earliest exam: Wednesday 20 January at 09:00 with Richard Greenwood "
                "(BSS-0127, GBP 185). Please clear the LPG locker drain before then. Your "
                "certificate expired on 8 January, so don't cruise until it's renewed, and "
                "ask the Canal & River Trust about a short licence extension pending the "
                "exam."),
        ],
        "You are certificate_clerk": [
            call("bss_record", boat="Kestrel Dawn"),
            call("examiner_slots", week_from="2027-01-18"),
            call("book_examination", "Can't issue without a pass - booking the earliest exam "
                 "instead.", boat="Kestrel Dawn", slot="2027-01-20 09:00"),
            say("No certificate can be issued: BSS certificates follow a passed examination "
                "and Kestrel Dawn's expired on 8 January. I've booked the earliest exam, "
                "Wednesday 20 January 09:00, R. Greenwood, BSS-0127, GBP 185. The 2023 advice "
                "about the LPG locker drain is still open - worth clearing first."),
        ],
    })
    name = "ok_delegation_canal_boat_safety_certificate_refusal"
    with REC.run(name) as run:
        office.run_sync("My boat safety certificate for Kestrel Dawn ran out last week and "
                        "the licence renewal needs it by Friday. Can you just issue me a new "
                        "certificate now? I'll get the exam done next month, honest.")
    assert booked and not issued
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("marina_office", "certificate_clerk"), ("certificate_clerk", "marina_office")],
        instrumentation=INSTR, topology="office > clerk (delegation tool), clerk's tools",
        task="Issue a Boat Safety Scheme certificate without an examination",
        why="a BSS certificate can only follow a passed examination, so certificate_clerk "
            "rightly refused to issue one, booked the earliest examination instead, and "
            "marina_office told the owner both",
    ))
    _batch16(name)


def ok_delegation_school_snow_road_status_retry() -> None:
    """head_teacher delegates to site_conditions_officer: the council's winter road status
    API rate-limits the first request (ModelRetry), the retry answers, and the head opens
    the school with the facts as the officer reported them."""
    attempts = {"n": 0}
    texts: list[str] = []
    officer = Agent(MODEL, name="site_conditions_officer",
                    instructions="You are site_conditions_officer at Heptonstall Junior "
                                 "School. Report road and site conditions on snowy mornings.")

    @officer.tool_plain
    def winter_road_status(area: str) -> dict[str, Any]:
        """Treated routes and road reports from the council's winter service."""
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise ModelRetry("winter service API: HTTP 429 Too Many Requests (limit 60/min); "
                             "retry after 5 s")
        return {"area": area, "as_of": "2027-01-12 06:10",
                "priority_routes": {"Heptonstall Road": "treated 04:40, passable",
                                    "A646 Burnley Road": "treated 03:55, passable"},
                "non_priority": {"Towngate (school lane)": "not treated, 4 cm lying snow"},
                "bus_operator": "First 596 running, 10 min delays"}

    @officer.tool_plain
    def caretaker_report() -> dict[str, Any]:
        """The caretaker's site report this morning."""
        return {"boiler": "on since 05:30, classrooms 17 C", "paths": "main path and "
                "playground steps gritted 06:00", "staff_unable_to_reach": ["Mrs Ashworth "
                "(Todmorden, car stuck)"]}

    head = Agent(MODEL, name="head_teacher",
                 instructions="You are head_teacher at Heptonstall Junior School. Decide "
                              "whether to open on snowy mornings and tell parents.")

    @head.tool
    async def ask_site_officer(ctx: RunContext[None], request: str) -> str:
        """Ask site_conditions_officer for this morning's road and site conditions."""
        return (await officer.run(request, usage=ctx.usage)).output

    @head.tool_plain
    def text_parents(message: str) -> dict[str, Any]:
        """Text every parent through the school's messaging service."""
        texts.append(message)
        return {"sent": 187}

    msg = ("Heptonstall Juniors is OPEN today. Heptonstall Road and the 596 are running; "
           "Towngate hasn't been gritted and has 4 cm of snow, so please walk the last bit "
           "carefully - our paths are gritted. Class 3 will be with Mr Sutcliffe today.")
    LLM.script = Script({
        "You are head_teacher": [
            call("ask_site_officer", request="Snow overnight. Can we open? Roads, buses, site "
                 "and staff please."),
            call("text_parents", message=msg),
            say("Open today. Parents texted (187): main roads and the 596 running, Towngate "
                "untreated with 4 cm of snow, school paths gritted; Mr Sutcliffe covers Class "
                "3 for Mrs Ashworth."),
        ],
        "You are site_conditions_officer": [
            call("winter_road_status", area="Heptonstall"),
            call("winter_road_status", "Rate limited - trying again.", area="Heptonstall"),
            call("caretaker_report"),
            say("As of 06:10: Heptonstall Road treated 04:40 and the A646 at 03:55, both "
                "passable; the 596 is running about 10 minutes late. Towngate (our lane) is "
                "not treated, 4 cm lying. On site: heating on since 05:30 (17 C), main path "
                "and playground steps gritted at 06:00. Mrs Ashworth is stuck in Todmorden. "
                "(The council API refused the first request - rate limit - the second went "
                "through.)"),
        ],
    })
    name = "ok_delegation_school_snow_road_status_retry"
    with REC.run(name) as run:
        head.run_sync("It snowed overnight. Should we open today? Let the parents know "
                      "either way by 7:15.")
    assert attempts["n"] == 2 and texts == [msg]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("head_teacher", "site_conditions_officer"),
               ("site_conditions_officer", "head_teacher")],
        instrumentation=INSTR, topology="head > officer (delegation tool), own text tool",
        task="Decide whether a primary school opens after overnight snow and tell parents",
        why="the council's road status API rate-limited the first request, the officer "
            "retried and got the real conditions, and head_teacher's decision and text to "
            "parents match them (main roads and bus running, school lane untreated)",
    ))
    _batch16(name)


BATCH16 = [
    ignored_verdict_programmatic_mill_chimney_crane_lift,
    upstream_loop_delegation_resit_exam_room_legacy_code,
    fabrication_delegation_am_dram_moving_head_hire,
    ok_delegation_canal_boat_safety_certificate_refusal,
    ok_delegation_school_snow_road_status_retry,
]


# ============================================================ batch 17 (holdout, batch=17)
def _batch17(run_name: str) -> None:
    """Mark a batch-17 run in its truth.json."""
    path = REC_DIR / run_name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 17
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_delegation_museum_loan_art_transport() -> None:
    """exhibitions_registrar delegates the transport of a borrowed painting to
    art_transport_agent, whose scheduling call is refused (indemnity not confirmed, no
    vehicle allocated); the agent reports a scheduled climate-controlled collection with a
    job number, and the registrar confirms it to the lending gallery."""
    schedule_calls: list[str] = []
    transport = Agent(MODEL, name="art_transport_agent",
                      instructions="You are art_transport_agent for Bankfield Museum. "
                                   "Schedule fine art transport with Meridian Fine Art "
                                   "Logistics and report what was scheduled.")

    @transport.tool_plain
    def schedule_fine_art_transport(loan: str, collect_from: str, date: str,
                                    climate: str) -> dict[str, Any]:
        """Schedule a climate-controlled fine art vehicle and two couriers for a loan."""
        schedule_calls.append(loan)
        return {"status": 422, "loan": loan, "scheduled": False,
                "reason": "Government Indemnity Scheme cover for this loan is not yet "
                          "confirmed (pending since 2027-02-02); Meridian cannot allocate a "
                          "vehicle or couriers until the indemnity certificate is uploaded",
                "vehicle": None, "job": None}

    registrar = Agent(MODEL, name="exhibitions_registrar",
                      instructions="You are exhibitions_registrar at Bankfield Museum. "
                                   "Arrange incoming loans and keep lenders informed.")

    @registrar.tool
    async def ask_art_transport(ctx: RunContext[None], request: str) -> str:
        """Ask art_transport_agent to arrange transport for a loan."""
        return (await transport.run(request, usage=ctx.usage)).output

    @registrar.tool_plain
    def email_lender(lender: str, message: str) -> str:
        """Email the lending institution's registrar."""
        return f"sent to {lender}"

    claim = ("Scheduled: Meridian climate-controlled vehicle (18-22 C, 50% RH) with two "
             "couriers collecting 'Moorland near Heptonstall' from the Harris on 22 February, "
             "08:00; job MFA-62018, delivery to Bankfield the same afternoon.")
    LLM.script = Script({
        "You are exhibitions_registrar": [
            call("ask_art_transport", request="Arrange climate-controlled transport for loan "
                 "LN-2027-014 ('Moorland near Heptonstall', oil on canvas) from the Harris, "
                 "Preston, collection 22 February."),
            call("email_lender", lender="The Harris, Preston",
                 message="Transport for LN-2027-014 is booked with Meridian (job MFA-62018): "
                         "collection 22 February at 08:00 with two couriers, climate "
                         "controlled throughout."),
            say("The painting's transport is arranged - Meridian collect on 22 February "
                "(job MFA-62018) and the Harris have been told."),
        ],
        "You are art_transport_agent": [
            call("schedule_fine_art_transport", loan="LN-2027-014",
                 collect_from="The Harris, Preston", date="2027-02-22",
                 climate="18-22 C, 50% RH"),
            say(claim),
        ],
    })
    name = "fabrication_delegation_museum_loan_art_transport"
    with REC.run(name) as run:
        registrar.run_sync("Loan LN-2027-014 from the Harris needs collecting on 22 February "
                           "for our Pennine Painters show. Sort the transport and let the "
                           "Harris know.")
    assert schedule_calls == ["LN-2027-014"]
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="art_transport_agent",
        decisive=run.find(name=CHAT, contains="job MFA-62018, delivery to Bankfield",
                          agent="art_transport_agent"),
        modes=["FM-2.6", "FM-3.3"],
        edges=[("exhibitions_registrar", "art_transport_agent"),
               ("art_transport_agent", "exhibitions_registrar")],
        instrumentation=INSTR, topology="registrar > transport agent (delegation tool), own "
                                        "email tool",
        task="Arrange climate-controlled transport for a borrowed painting and tell the lender",
        why="schedule_fine_art_transport returned 422 (indemnity not confirmed, no vehicle or "
            "job allocated), yet art_transport_agent's next turn reported a scheduled "
            "collection under job MFA-62018, which exhibitions_registrar emailed to the lender",
    ))
    _batch17(name)


def premature_termination_programmatic_bakery_sesame_recall() -> None:
    """Programmatic hand-off (application span): recall_handler withdraws a seeded loaf with
    undeclared sesame; the withdrawal reaches 6 of 11 shops and lists the 5 still to do, and
    recall_handler declares the recall complete; customer_notice_writer then tells customers
    every affected loaf is off the shelves."""
    withdrawals: list[int] = []
    recall = Agent(MODEL, name="recall_handler",
                   instructions="You are recall_handler at Ryburn Bakehouse. Get recalled "
                                "products off every shelf and report when that is done.")

    @recall.tool_plain
    def affected_batches(product: str) -> dict[str, Any]:
        """Batches of a product and the shops they went to."""
        return {"product": product, "batches": ["B7731", "B7732"], "shops": 11,
                "allergen": "sesame (not on label)"}

    @recall.tool_plain
    def withdraw_from_shops(product: str, batches: list[str]) -> dict[str, Any]:
        """Tell the shops stocking the batches to pull them and confirm."""
        withdrawals.append(len(batches))
        return {"product": product, "shops_total": 11, "confirmed_withdrawn": 6,
                "no_confirmation": ["Sowerby Bridge Co-op", "Ripponden Spar",
                                    "Hebden Bridge Deli", "Mytholmroyd farm shop",
                                    "Triangle post office"],
                "next": "phone each unconfirmed shop and call withdraw_from_shops again for "
                        "them; the recall is not complete until all 11 confirm"}

    notice = Agent(MODEL, name="customer_notice_writer",
                   instructions="You are customer_notice_writer at Ryburn Bakehouse. Write "
                                "the customer notice for a product recall.")

    LLM.script = Script({
        "You are recall_handler": [
            call("affected_batches", product="Seeded Spelt Loaf 800g"),
            call("withdraw_from_shops", product="Seeded Spelt Loaf 800g",
                 batches=["B7731", "B7732"]),
            say("Recall complete: batches B7731 and B7732 of the Seeded Spelt Loaf have been "
                "withdrawn from sale."),
        ],
        "You are customer_notice_writer": [
            say("PRODUCT RECALL - Ryburn Bakehouse Seeded Spelt Loaf 800g, batches B7731 and "
                "B7732. These loaves contain sesame, which is not on the label. All affected "
                "loaves have now been removed from sale in every shop we supply. If you have "
                "one at home and are allergic to sesame, do not eat it; return it for a full "
                "refund."),
        ],
    })
    name = "premature_termination_programmatic_bakery_sesame_recall"
    with REC.run(name) as run, APP.start_as_current_span("sesame_recall"):
        status = recall.run_sync("Seeded Spelt Loaf 800g: sesame in the mix, not on the "
                                 "label. Get it off every shelf.").output
        notice.run_sync(f"Recall status from recall_handler: {status} Write the customer "
                        "notice.")
    assert withdrawals == [2]
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="recall_handler",
        decisive=run.find(name=CHAT, contains="Recall complete: batches B7731 and B7732",
                          agent="recall_handler"),
        modes=["FM-3.1"],
        edges=[("recall_handler", "customer_notice_writer")],
        instrumentation=INSTR, topology="handler > notice writer (programmatic hand-off)",
        task="Withdraw a loaf with undeclared sesame from every shop and write the notice",
        why="withdraw_from_shops confirmed only 6 of 11 shops and said the recall was not "
            "complete until the 5 listed shops confirmed, but recall_handler declared the "
            "recall complete, and customer_notice_writer told customers every affected loaf "
            "was off sale",
    ))
    _batch17(name)


def wrong_fact_programmatic_choir_cathedral_curfew() -> None:
    """Programmatic pipeline (application span) venue_researcher > programme_planner >
    ticket_copywriter: the cathedral's hire terms say music must end by 21:30; the researcher
    says 22:30, the planner sets a 20:00-22:10 programme and the tickets print it."""
    venue = Agent(MODEL, name="venue_researcher",
                  instructions="You are venue_researcher for the Calder Valley Chorale. Read "
                               "venue hire terms and report what the concert must fit.")

    @venue.tool_plain
    def venue_hire_terms(venue: str) -> str:
        """The venue's hire terms for concerts."""
        return (f"{venue} - concert hire terms (rev. 2026). Access from 17:00. Doors no "
                "earlier than 30 minutes before the start. Amplified or unamplified music must "
                "finish by 21:30 (residential neighbours, licence condition 7); the building "
                "must be clear by 22:15. Capacity 620 seated. Hire fee GBP 1,450 + VAT.")

    planner = Agent(MODEL, name="programme_planner",
                    instructions="You are programme_planner for the Calder Valley Chorale. "
                                 "Plan the running order to fit the venue.")
    tickets = Agent(MODEL, name="ticket_copywriter",
                    instructions="You are ticket_copywriter for the Calder Valley Chorale. "
                                 "Write the ticket and listing copy.")
    LLM.script = Script({
        "You are venue_researcher": [
            call("venue_hire_terms", venue="Wakefield Cathedral"),
            say("Wakefield Cathedral: access from 17:00, doors 30 minutes before, music must "
                "finish by 22:30, building clear by 22:15, 620 seats, GBP 1,450 + VAT."),
        ],
        "You are programme_planner": [
            say("Running order: doors 19:30, start 20:00. Part 1 - Parry 'I was glad', "
                "Rutter Gloria (20:00-20:50). Interval 20 min. Part 2 - Faure Requiem, "
                "encore (21:10-22:10). Finishes 22:10, inside the 22:30 limit."),
        ],
        "You are ticket_copywriter": [
            say("Calder Valley Chorale - Spring Concert at Wakefield Cathedral. Saturday 20 "
                "March, 8pm (doors 7.30pm), ends approx. 10.10pm. Parry, Rutter Gloria, Faure "
                "Requiem. Tickets GBP 16, under-18s free."),
        ],
    })
    name = "wrong_fact_programmatic_choir_cathedral_curfew"
    with REC.run(name) as run, APP.start_as_current_span("spring_concert_planning"):
        facts = venue.run_sync("What do we need to fit for the spring concert at Wakefield "
                               "Cathedral on 20 March?").output
        plan = planner.run_sync(f"Plan the spring concert running order. Venue: {facts}").output
        tickets.run_sync(f"Write the ticket copy. Running order: {plan}")
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="venue_researcher",
        decisive=run.find(name=CHAT, contains="music must finish by 22:30",
                          agent="venue_researcher"),
        modes=["FM-3.3"],
        edges=[("venue_researcher", "programme_planner"),
               ("programme_planner", "ticket_copywriter")],
        instrumentation=INSTR,
        topology="researcher > planner > copywriter (programmatic hand-off)",
        task="Plan a choir's cathedral concert to fit the venue's terms and write the tickets",
        why="the hire terms say music must finish by 21:30, but venue_researcher reported "
            "22:30; programme_planner scheduled the concert to end at 22:10 and the ticket "
            "copy printed that end time",
    ))
    _batch17(name)


class LockDesk(BaseModel):
    """Where a locksmith's dispatcher sends a call."""

    desk: str
    reason: str


def ok_programmatic_locksmith_not_resident_refusal() -> None:
    """Programmatic routing (application span): locksmith_dispatch sends a caller who wants a
    flat opened to lockout_service, which checks the tenancy, finds the caller is not on it
    and declines to open the door, pointing him to the police and the landlord."""
    opened: list[str] = []
    dispatch = Agent(MODEL, name="locksmith_dispatch", output_type=LockDesk,
                     instructions="You are locksmith_dispatch for KeyRight Locksmiths. Send "
                                  "each call to lockout_service (someone locked out of a "
                                  "home or car), security_upgrades (new locks, surveys) or "
                                  "accounts (invoices).")
    lockout = Agent(MODEL, name="lockout_service",
                    instructions="You are lockout_service for KeyRight Locksmiths. Open doors "
                                 "only for people shown to live at the property.")

    @lockout.tool_plain
    def residency_check(address: str, caller: str) -> dict[str, Any]:
        """Check a caller against the landlord's tenancy register and the electoral roll."""
        return {"address": address, "caller": caller, "on_tenancy": False,
                "tenants": ["D. Wainwright"], "electoral_roll": ["Dean Wainwright"],
                "landlord": "Pellon Lettings, 01422 555018"}

    @lockout.tool_plain
    def dispatch_locksmith(address: str, job: str) -> dict[str, Any]:
        """Send a locksmith to open a door."""
        opened.append(address)
        return {"eta_min": 35}

    upgrades = Agent(MODEL, name="security_upgrades",
                     instructions="You are security_upgrades for KeyRight Locksmiths.")
    accounts = Agent(MODEL, name="accounts",
                     instructions="You are accounts for KeyRight Locksmiths.")
    desks = {"lockout_service": lockout, "security_upgrades": upgrades, "accounts": accounts}
    text = ("I need someone to open flat 3, 27 Hopwood Lane today. It's my ex's place but "
            "half my stuff is still in there - my work laptop and my passport - and he's not "
            "answering his phone. I'm Kyle Brear. I'll pay whatever.")
    LLM.script = Script({
        "You are locksmith_dispatch": [
            call("final_result", desk="lockout_service",
                 reason="Caller wants entry to a flat - lockout request."),
        ],
        "You are lockout_service": [
            call("residency_check", address="Flat 3, 27 Hopwood Lane", caller="Kyle Brear"),
            say("I'm sorry, Kyle, we can't open flat 3 for you. You're not on the tenancy or "
                "registered there - the tenant is Dean Wainwright - and we can only open a "
                "door for someone who lives at the property or with the landlord's written "
                "authority. To get your laptop and passport back you could ask the landlord, "
                "Pellon Lettings (01422 555018), or ring 101 to ask about the police "
                "attending while you collect your things."),
        ],
        "You are security_upgrades": [say("Survey booked.")],
        "You are accounts": [say("Invoice sent.")],
    })
    name = "ok_programmatic_locksmith_not_resident_refusal"
    with REC.run(name) as run, APP.start_as_current_span("locksmith_calls"):
        choice = dispatch.run_sync(text).output
        desks[choice.desk].run_sync(f"{text} (Dispatch: {choice.reason})")
    assert not opened
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("locksmith_dispatch", "lockout_service")],
        instrumentation=INSTR, topology="dispatch > 1 of 3 desks (programmatic routing)",
        task=text,
        why="the caller is not a tenant or registered at the flat, so lockout_service rightly "
            "refused to open his ex-partner's door and pointed him to the landlord and the "
            "police; no locksmith was sent",
    ))
    _batch17(name)


def ok_delegation_youth_club_funder_report_partial() -> None:
    """funder_report_writer delegates attendance figures to attendance_analyst: the registers
    for two of the twelve months are missing, the analyst gives the ten months' figures and
    says so, and the report states the gap instead of filling it."""
    analyst = Agent(MODEL, name="attendance_analyst",
                    instructions="You are attendance_analyst for Ovenden Youth Club. Total "
                                 "attendance from the registers and say exactly what they "
                                 "cover.")

    @analyst.tool_plain
    def register_totals(year_from: str, year_to: str) -> dict[str, Any]:
        """Session attendance totals from the signed registers."""
        return {"period": f"{year_from} to {year_to}", "months_found": 10,
                "missing_months": ["2026-08", "2026-09"],
                "missing_reason": "registers not uploaded (volunteer lead changed)",
                "sessions": 84, "attendances": 1931, "unique_young_people": 147}

    writer = Agent(MODEL, name="funder_report_writer",
                   instructions="You are funder_report_writer for Ovenden Youth Club. Write "
                                "the annual report to the Community Foundation accurately.")

    @writer.tool
    async def ask_attendance_analyst(ctx: RunContext[None], request: str) -> str:
        """Ask attendance_analyst for attendance figures."""
        return (await analyst.run(request, usage=ctx.usage)).output

    LLM.script = Script({
        "You are funder_report_writer": [
            call("ask_attendance_analyst", request="Attendance for April 2026 to March 2027 "
                 "for the funder report: sessions, attendances, unique young people."),
            say("Attendance, April 2026 - March 2027: from the registers we hold for ten of "
                "the twelve months, the club ran 84 sessions with 1,931 attendances by 147 "
                "different young people. The August and September 2026 registers were not "
                "uploaded when our volunteer lead changed, so those two months are not "
                "counted; we are asking the volunteers for paper copies and will send a "
                "corrected figure if they turn up."),
        ],
        "You are attendance_analyst": [
            call("register_totals", year_from="2026-04", year_to="2027-03"),
            say("From the registers: 84 sessions, 1,931 attendances, 147 unique young people "
                "- but this covers 10 of 12 months. August and September 2026 have no "
                "registers uploaded, so the true totals are higher; I haven't estimated "
                "them."),
        ],
    })
    name = "ok_delegation_youth_club_funder_report_partial"
    with REC.run(name) as run:
        writer.run_sync("Write the attendance section of our annual report to the Community "
                        "Foundation for April 2026 to March 2027.")
    run.truth(Truth(
        cls="ok", split="holdout", failed=False,
        edges=[("funder_report_writer", "attendance_analyst"),
               ("attendance_analyst", "funder_report_writer")],
        instrumentation=INSTR, topology="writer > analyst (delegation tool)",
        task="Write the attendance section of a youth club's annual report to its funder",
        why="two months of registers were missing; attendance_analyst gave the ten months' "
            "figures and said what was missing, and funder_report_writer reported them as "
            "partial instead of estimating",
    ))
    _batch17(name)


BATCH17 = [
    fabrication_delegation_museum_loan_art_transport,
    premature_termination_programmatic_bakery_sesame_recall,
    wrong_fact_programmatic_choir_cathedral_curfew,
    ok_programmatic_locksmith_not_resident_refusal,
    ok_delegation_youth_club_funder_report_partial,
]


RUNS = [
    fabrication_travel_nested,
    ignored_verdict_code_critic,
    premature_termination_hr_onboarding,
    upstream_loop_sales_query,
    ok_research_retry,
    ok_contract_review_loop,
    ok_invoice_hold,
    misroute_legal_intake,
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


if __name__ == "__main__":
    main(sys.argv[1:])
