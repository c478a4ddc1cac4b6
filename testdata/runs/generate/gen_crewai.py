"""Record the CrewAI runs of the failure corpus (testdata/runs/crewai/).

Real CrewAI crews (sequential and hierarchical, delegation through CrewAI's own coworker tools,
task context, guardrails, tools that really raise), traced by openinference-instrumentation-crewai
in both of its modes and exported by the real OTLP/HTTP exporter:

- ``wrappers``: ``CrewAIInstrumentor().instrument()`` (wraps Crew.kickoff, Task._execute_core,
  BaseTool.run) plus ``OpenAIInstrumentor`` for the LLM calls, as the docs tell users;
- ``events``: ``CrewAIInstrumentor().instrument(use_event_listener=True)`` (CrewAI event bus).

The model is fake_llm's scripted server, reached through ``crewai.LLM("openai/gpt-4o-mini",
base_url=...)``. Agents are recognised by "You are <role>." at the start of CrewAI's system prompt.
Each mode runs in its own process (an instrumentor is installed once per process).

    cd testdata/runs/generate && ../../../.venv-corpus-crewai/bin/python gen_crewai.py \
        [--only NAME[,NAME]] [--batch N]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FRAMEWORK = "crewai"

# CrewAI's own telemetry and cloud tracing off; its config/storage files go to a scratch HOME.
os.environ["CREWAI_DISABLE_TELEMETRY"] = "true"
os.environ["CREWAI_DISABLE_TRACKING"] = "true"
os.environ["CREWAI_TRACING_ENABLED"] = "false"
os.environ.setdefault("CREWAI_SCRATCH", tempfile.mkdtemp(prefix="crewai-corpus-"))
os.environ["HOME"] = os.path.join(os.environ["CREWAI_SCRATCH"], "home")
os.environ["CREWAI_STORAGE_DIR"] = os.path.join(os.environ["CREWAI_SCRATCH"], "storage")
os.makedirs(os.environ["HOME"], exist_ok=True)
sys.path.insert(0, str(HERE))


def _me(role: str) -> str:
    """The Script marker of a CrewAI agent: its system prompt starts with "You are <role>."."""
    return f"You are {role}."


# --------------------------------------------------------------------------- scenarios
# Each scenario: (name, mode, function). The function builds the crew, runs it inside
# rec.run(name) and writes the truth. Tools are plain Python functions wrapped by CrewAI's @tool.

SCENARIOS: list[tuple[str, str, str]] = [
    # name, mode, function name
    ("ok_travel_hierarchical", "wrappers", "ok_travel_hierarchical"),
    ("fabrication_freight_hierarchical", "wrappers", "fabrication_freight_hierarchical"),
    ("ignored_verdict_contract_sequential", "wrappers", "ignored_verdict_contract_sequential"),
    ("premature_termination_onboarding_hierarchical", "wrappers",
     "premature_termination_onboarding_hierarchical"),
    ("wrong_fact_inflation_sequential", "wrappers", "wrong_fact_inflation_sequential"),
    ("ok_job_ad_guardrail", "wrappers", "ok_job_ad_guardrail"),
    ("ok_energy_brief_ask_coworker", "wrappers", "ok_energy_brief_ask_coworker"),
    ("fabrication_triage_nested", "events", "fabrication_triage_nested"),
    ("ignored_verdict_trade_manager", "events", "ignored_verdict_trade_manager"),
    ("premature_termination_warehouse_load", "events", "premature_termination_warehouse_load"),
    ("wrong_fact_dosage_leaflet", "events", "wrong_fact_dosage_leaflet"),
    ("ok_release_gate_sequential", "events", "ok_release_gate_sequential"),
    ("ok_billing_retry_sequential", "events", "ok_billing_retry_sequential"),
    ("ok_churn_analysis_manager", "events", "ok_churn_analysis_manager"),
    ("misroute_support_desk", "wrappers", "misroute_support_desk"),
    ("upstream_loop_manifest_hierarchical", "wrappers", "upstream_loop_manifest_hierarchical"),
    ("ok_procurement_screening", "wrappers", "ok_procurement_screening"),
    ("misroute_legal_intake", "events", "misroute_legal_intake"),
    ("upstream_loop_revenue_query", "events", "upstream_loop_revenue_query"),
    ("ok_grant_budget_revision", "events", "ok_grant_budget_revision"),
]


class Env:
    """What every scenario needs: the recorder, the fake model, CrewAI classes, the mode."""

    def __init__(self, mode: str) -> None:
        from fake_llm import FakeLLM
        from record import Recorder

        self.mode = mode
        self.rec = Recorder(FRAMEWORK, service=f"corpus-crewai-{mode}")
        from openinference.instrumentation.crewai import CrewAIInstrumentor

        if mode == "events":
            CrewAIInstrumentor().instrument(tracer_provider=self.rec.provider,
                                            use_event_listener=True)
        else:
            from openinference.instrumentation.openai import OpenAIInstrumentor

            CrewAIInstrumentor().instrument(tracer_provider=self.rec.provider)
            OpenAIInstrumentor().instrument(tracer_provider=self.rec.provider)
        self.fake = FakeLLM().start()

    @property
    def llm_span(self) -> str:
        """The name of an LLM call span in this mode."""
        return "gpt-4o-mini.llm_call" if self.mode == "events" else "ChatCompletion"

    def llm(self):
        from crewai import LLM

        return LLM(model="openai/gpt-4o-mini", base_url=self.fake.base_url, api_key="x",
                   temperature=0)

    def agent(self, role: str, goal: str, backstory: str, tools=(), delegation=False,
              max_iter: int = 6):
        from crewai import Agent

        return Agent(role=role, goal=goal, backstory=backstory, tools=list(tools), llm=self.llm(),
                     allow_delegation=delegation, max_iter=max_iter, verbose=False)

    def base_truth(self, **kw):
        from record import Truth

        return Truth(instrumentation=self.mode, **kw)


def _tool(name: str):
    from crewai.tools import tool

    return tool(name)


# --------------------------------------------------------------------------- ok runs

def ok_travel_hierarchical(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("lookup_fare")
    def lookup_fare(origin: str, destination: str, date: str) -> str:
        """Look up direct fares between two airports on a date (IATA codes, YYYY-MM-DD)."""
        fares = [
            {"carrier": "TAP", "flight": "TP538", "dep": "07:10", "price_eur": 96},
            {"carrier": "easyJet", "flight": "U25812", "dep": "13:45", "price_eur": 81},
        ]
        return json.dumps({"origin": origin, "destination": destination, "date": date,
                           "direct": fares})

    @_tool("search_hotels")
    def search_hotels(area: str, max_price_eur: int, checkin: str, nights: int) -> str:
        """Search hotels in a city area under a nightly price."""
        return json.dumps({"area": area, "results": [
            {"hotel": "Motel One Alexanderplatz", "price_eur": 119, "walk_min": 3},
            {"hotel": "Park Inn by Radisson", "price_eur": 142, "walk_min": 1},
        ]})

    fares = env.agent("Fare Specialist", "Find the cheapest suitable flights",
                      "Airline pricing analyst at a corporate travel agency.", [lookup_fare])
    hotels = env.agent("Hotel Scout", "Find well-located hotels within budget",
                       "Knows the hotel market of every European capital.", [search_hotels])
    lead = env.agent("Trip Coordinator", "Put together complete, bookable trip plans",
                     "Runs the travel desk of a consultancy.", delegation=True)
    task = Task(description="Plan a two-night trip Lisbon to Berlin, 12-14 March 2026: the "
                            "cheapest direct outbound flight and a hotel near Alexanderplatz "
                            "under EUR 150 a night.",
                expected_output="Flight and hotel with prices.")
    env.fake.script = Script({
        _me("Trip Coordinator"): [
            call("delegate_work_to_coworker", task="Find the cheapest direct flight Lisbon to "
                 "Berlin on 12 March 2026", context="Traveller flies out 12 March, back 14 "
                 "March, direct flights only.", coworker="Fare Specialist"),
            call("delegate_work_to_coworker", task="Find a hotel near Alexanderplatz under "
                 "EUR 150 per night for 12-14 March 2026", context="Two nights, one guest.",
                 coworker="Hotel Scout"),
            say("Trip plan, Lisbon to Berlin 12-14 March 2026:\n- Flight: easyJet U25812, dep "
                "13:45, EUR 81 (cheapest direct).\n- Hotel: Motel One Alexanderplatz, EUR 119 "
                "per night (EUR 238 for two nights), 3 minutes' walk from Alexanderplatz."),
        ],
        _me("Fare Specialist"): [
            call("lookup_fare", origin="LIS", destination="BER", date="2026-03-12"),
            say("Two direct options on 12 March: TAP TP538 at 07:10 for EUR 96 and easyJet "
                "U25812 at 13:45 for EUR 81. The cheapest is easyJet U25812, EUR 81."),
        ],
        _me("Hotel Scout"): [
            call("search_hotels", area="Alexanderplatz, Berlin", max_price_eur=150,
                 checkin="2026-03-12", nights=2),
            say("Best fit: Motel One Alexanderplatz at EUR 119/night, 3 minutes on foot. "
                "Alternative: Park Inn by Radisson at EUR 142/night, right on the square."),
        ],
    })
    crew = Crew(agents=[fares, hotels], tasks=[task], process=Process.hierarchical,
                manager_agent=lead, name="travel_desk_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="dev", failed=False,
        topology="hierarchical crew: manager agent > 2 workers (delegation)",
        edges=[("Trip Coordinator", "Fare Specialist"), ("Fare Specialist", "Trip Coordinator"),
               ("Trip Coordinator", "Hotel Scout"), ("Hotel Scout", "Trip Coordinator")],
        task=task.description,
        why="Both coworkers' tools returned data and the coordinator's plan quotes the cheapest "
            "direct fare (EUR 81) and a hotel under EUR 150 exactly as the tools gave them.",
    ))


def ok_job_ad_guardrail(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("scan_wording")
    def scan_wording(text: str) -> str:
        """Scan a job advert for exclusionary or biased wording; returns flagged phrases."""
        flagged = [w for w in ("rockstar", "young", "native speaker", "ninja")
                   if w in text.lower()]
        return json.dumps({"flagged": flagged, "verdict": "pass" if not flagged else "revise"})

    def has_salary_range(output):
        text = output.raw
        if "EUR" in text and "-" in text and any(c.isdigit() for c in text):
            return (True, text)
        return (False, "Adverts must state a salary range in EUR (pay-transparency policy).")

    writer = env.agent("Job Ad Writer", "Write clear, attractive job adverts",
                       "Recruitment marketer for a logistics software company.")
    reviewer = env.agent("Inclusive Language Reviewer", "Make sure adverts are inclusive",
                         "Diversity and inclusion specialist in HR.", [scan_wording])
    draft = Task(description="Write a short job advert for a Senior Data Engineer in Rotterdam "
                             "(hybrid, 3 days office, team of 6).",
                 expected_output="The advert text.", agent=writer,
                 guardrail=has_salary_range, guardrail_max_retries=2)
    review = Task(description="Check the advert for exclusionary wording and give a verdict; "
                              "return the approved advert.",
                  expected_output="Verdict and the final advert.", agent=reviewer,
                  context=[draft])
    ad1 = ("Senior Data Engineer - Rotterdam (hybrid)\nJoin a team of 6 building the data "
           "platform behind our route-planning products. You will own our ingestion pipelines "
           "(Kafka, dbt, Snowflake). Hybrid: 3 days a week in our Rotterdam office.")
    ad2 = ad1 + "\nSalary: EUR 68,000 - 82,000 a year plus 8% holiday allowance."
    env.fake.script = Script({
        _me("Job Ad Writer"): [say(ad1), say(ad2)],
        _me("Inclusive Language Reviewer"): [
            call("scan_wording", text=ad2),
            say("Verdict: approved. No exclusionary wording found.\n\n" + ad2),
        ],
    })
    crew = Crew(agents=[writer, reviewer], tasks=[draft, review], process=Process.sequential,
                name="hiring_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew: writer (task guardrail, one retry) > reviewer with tool",
        edges=[("Job Ad Writer", "Inclusive Language Reviewer")],
        task=draft.description,
        why="The guardrail rejected the first draft for lacking a salary range, the writer "
            "added EUR 68,000 - 82,000, and the reviewer's scan flagged nothing before approving.",
    ))


def ok_energy_brief_ask_coworker(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("search_statutes")
    def search_statutes(query: str) -> str:
        """Search EU energy legislation and return matching provisions."""
        return json.dumps({"query": query, "hits": [
            {"act": "Directive (EU) 2023/1791 (Energy Efficiency Directive)", "article": "4",
             "text": "Member States shall collectively ensure a reduction of final energy "
                     "consumption of at least 11.7% in 2030 compared with the 2020 reference "
                     "scenario projections."}]})

    analyst = env.agent("Energy Policy Analyst", "Find the exact legal provisions",
                        "Former Commission official, knows EU energy law.", [search_statutes])
    writer = env.agent("Briefing Writer", "Write accurate one-paragraph policy briefs",
                       "Writes briefs for a utility's board.", delegation=True)
    research = Task(description="Find the binding EU 2030 target for reducing final energy "
                                "consumption and where it is set.",
                    expected_output="The target with its legal source.", agent=analyst)
    brief = Task(description="Write a one-paragraph board brief on the EU 2030 energy "
                             "efficiency target, citing the article.",
                 expected_output="A cited paragraph.", agent=writer, context=[research])
    env.fake.script = Script({
        _me("Energy Policy Analyst"): [
            call("search_statutes", query="2030 final energy consumption reduction target"),
            say("Article 4 of the recast Energy Efficiency Directive (EU) 2023/1791 requires an "
                "EU-wide cut in final energy consumption of at least 11.7% by 2030, measured "
                "against the 2020 reference scenario projections."),
            say("It is a collective EU target: Member States set indicative national "
                "contributions, and the 11.7% is binding on the Union as a whole."),
        ],
        _me("Briefing Writer"): [
            call("ask_question_to_coworker", question="Is the 11.7% binding per Member State "
                 "or only collectively?", context="Board brief on the 2030 efficiency target.",
                 coworker="Energy Policy Analyst"),
            say("Board brief: under Article 4 of the recast Energy Efficiency Directive (EU) "
                "2023/1791 the EU must cut final energy consumption by at least 11.7% by 2030 "
                "against the 2020 reference projections. The target binds the Union "
                "collectively; each Member State sets an indicative national contribution, so "
                "our exposure comes through the national plan rather than a direct quota."),
        ],
    })
    crew = Crew(agents=[analyst, writer], tasks=[research, brief], process=Process.sequential,
                name="policy_brief_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="dev", failed=False,
        topology="sequential crew with context; writer asks the researcher a question",
        edges=[("Energy Policy Analyst", "Briefing Writer"),
               ("Briefing Writer", "Energy Policy Analyst"),
               ("Energy Policy Analyst", "Briefing Writer")],
        task=brief.description,
        why="The brief states the 11.7% target and Article 4 exactly as the statute search "
            "returned them, and the clarification on collective bindingness comes from the "
            "analyst's answer.",
    ))


def ok_release_gate_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("run_test_suite")
    def run_test_suite(branch: str) -> str:
        """Run the project's unit tests on a branch and return the results."""
        return json.dumps({"branch": branch, "passed": 212, "failed": 1, "failures": [
            {"test": "tests/test_refunds.py::test_partial_refund_rounding",
             "message": "AssertionError: expected Decimal('10.05'), got Decimal('10.04')"}]})

    @_tool("tag_release")
    def tag_release(version: str, branch: str) -> str:
        """Tag a release from a branch and publish it."""
        return json.dumps({"tagged": version, "branch": branch})

    author = env.agent("Patch Author", "Fix bugs with minimal, well-explained patches",
                       "Backend engineer on the payments service.")
    qa = env.agent("QA Gatekeeper", "Only let tested changes through",
                   "Runs the CI gate for the payments team.", [run_test_suite])
    rel = env.agent("Release Manager", "Ship releases that passed QA",
                    "Owns the payments service release train.", [tag_release])
    fix = Task(description="Fix the partial-refund rounding bug (refunds of EUR 10.045 round "
                           "down) on branch fix/refund-rounding.",
               expected_output="Summary of the patch.", agent=author)
    check = Task(description="Run the test suite on fix/refund-rounding and give a pass/fail "
                             "verdict.", expected_output="Verdict with failures.", agent=qa,
                 context=[fix])
    ship = Task(description="Tag and publish payments 3.4.1 from fix/refund-rounding if, and "
                            "only if, QA passed it; otherwise say what happens next.",
                expected_output="Release status.", agent=rel, context=[check])
    env.fake.script = Script({
        _me("Patch Author"): [say(
            "Patch on fix/refund-rounding: refund amounts are now quantized with "
            "ROUND_HALF_UP instead of the default banker's rounding in "
            "payments/refunds.py::compute_partial_refund; added a regression test.")],
        _me("QA Gatekeeper"): [
            call("run_test_suite", branch="fix/refund-rounding"),
            say("Verdict: fail. 212 passed, 1 failed - test_partial_refund_rounding still "
                "gets 10.04 where 10.05 is expected, so the rounding fix is not effective yet."),
        ],
        _me("Release Manager"): [say(
            "Release 3.4.1 is on hold: QA reported test_partial_refund_rounding failing "
            "(10.04 vs 10.05). Nothing was tagged; the branch goes back to the patch author "
            "and the release will be re-run once the suite is green.")],
    })
    crew = Crew(agents=[author, qa, rel], tasks=[fix, check, ship], process=Process.sequential,
                name="release_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 3: author > QA gate with tests > release manager",
        edges=[("Patch Author", "QA Gatekeeper"), ("QA Gatekeeper", "Release Manager")],
        task="Fix the partial-refund rounding bug and ship payments 3.4.1 only if QA passes it.",
        why="QA's test run failed one test and the release manager acted on it: it held the "
            "release and did not call tag_release.",
    ))


def ok_billing_retry_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    attempts = {"n": 0}

    @_tool("fetch_invoice")
    def fetch_invoice(invoice_id: str) -> str:
        """Fetch an invoice and its card charges from the billing ledger."""
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise ConnectionError("ledger-api: connection reset by peer while reading response")
        return json.dumps({"invoice": invoice_id, "customer": "Adaeze Okafor", "amount_eur": 49.0,
                           "charges": [{"date": "2025-11-03", "amount_eur": 49.0, "id": "ch_81a"},
                                       {"date": "2025-11-03", "amount_eur": 49.0,
                                        "id": "ch_81b"}]})

    @_tool("issue_credit")
    def issue_credit(invoice_id: str, amount_eur: float, reason: str) -> str:
        """Issue a credit note against an invoice."""
        return json.dumps({"credit_note": "CN-8812", "invoice": invoice_id,
                           "amount_eur": amount_eur, "status": "issued"})

    inv = env.agent("Billing Investigator", "Find out what went wrong with a customer's bill",
                    "Senior billing support engineer.", [fetch_invoice])
    appr = env.agent("Refund Approver", "Refund what is owed, nothing more",
                     "Finance operations, signs off refunds.", [issue_credit])
    reply = env.agent("Customer Reply Writer", "Write short, warm and precise replies",
                      "Customer care writer.")
    t1 = Task(description="Customer Adaeze Okafor says she was charged twice for invoice "
                          "INV-30417. Investigate the charges.",
              expected_output="What was charged and whether it is a duplicate.", agent=inv)
    t2 = Task(description="If there is a duplicate charge, credit it.",
              expected_output="Credit issued or not, with reference.", agent=appr, context=[t1])
    t3 = Task(description="Write the reply to the customer.", expected_output="The email.",
              agent=reply, context=[t1, t2])
    env.fake.script = Script({
        _me("Billing Investigator"): [
            call("fetch_invoice", invoice_id="INV-30417"),
            call("fetch_invoice", "The ledger dropped the connection; trying the lookup again.",
                 invoice_id="INV-30417"),
            say("INV-30417 (EUR 49.00) was charged twice on 3 November 2025, charges ch_81a and "
                "ch_81b, both EUR 49.00. ch_81b is a duplicate."),
        ],
        _me("Refund Approver"): [
            call("issue_credit", invoice_id="INV-30417", amount_eur=49.0,
                 reason="duplicate card charge ch_81b"),
            say("Credit note CN-8812 for EUR 49.00 issued against INV-30417 for the duplicate "
                "charge ch_81b."),
        ],
        _me("Customer Reply Writer"): [say(
            "Dear Ms Okafor,\n\nYou were right: invoice INV-30417 was charged twice on 3 "
            "November. We have refunded the duplicate EUR 49.00 (credit note CN-8812); it "
            "should reach your card within 5 working days.\n\nKind regards,\nBilling Support")],
    })
    crew = Crew(agents=[inv, appr, reply], tasks=[t1, t2, t3], process=Process.sequential,
                name="billing_support_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="dev", failed=False,
        topology="sequential crew of 3 with task context; a tool error retried",
        edges=[("Billing Investigator", "Refund Approver"),
               ("Billing Investigator", "Customer Reply Writer"),
               ("Refund Approver", "Customer Reply Writer")],
        task="Investigate a double charge on INV-30417, credit the duplicate and reply to the "
             "customer.",
        why="The first fetch_invoice raised a connection reset, the investigator retried and "
            "got the two charges, and the credit CN-8812 and the reply match the ledger data.",
    ))


def ok_churn_analysis_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("run_sql")
    def run_sql(query: str) -> str:
        """Run a read-only SQL query on the analytics warehouse."""
        if "churned_at" in query:
            raise ValueError('column "churned_at" does not exist; did you mean "cancelled_at"?')
        return json.dumps({"rows": [["Starter", 0.061], ["Team", 0.028], ["Enterprise", 0.009]],
                           "columns": ["plan", "monthly_churn"]})

    @_tool("render_chart")
    def render_chart(title: str, data_json: str) -> str:
        """Render a bar chart and return its URL."""
        return json.dumps({"url": "https://charts.internal/c/7f3a2", "title": title})

    sql = env.agent("Churn Analyst", "Answer churn questions with SQL",
                    "Product analyst for a B2B SaaS company.", [run_sql])
    viz = env.agent("Chart Designer", "Make clear charts", "Data visualisation designer.",
                    [render_chart])
    task = Task(description="What was monthly churn per plan in Q3 2025? Give the figures and a "
                            "chart link.",
                expected_output="Churn per plan and a chart URL.")
    q_bad = ("SELECT plan, AVG(churned_at IS NOT NULL) FROM subscriptions WHERE quarter = "
             "'2025Q3' GROUP BY plan")
    q_good = ("SELECT plan, AVG(cancelled_at IS NOT NULL) AS monthly_churn FROM subscriptions "
              "WHERE quarter = '2025Q3' GROUP BY plan")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Compute Q3 2025 monthly churn per plan",
                 context="Plans: Starter, Team, Enterprise.", coworker="Churn Analyst"),
            call("delegate_work_to_coworker", task="Draw a bar chart of Q3 2025 monthly churn "
                 "per plan: Starter 6.1%, Team 2.8%, Enterprise 0.9%", context="For the "
                 "monthly business review.", coworker="Chart Designer"),
            say("Q3 2025 monthly churn: Starter 6.1%, Team 2.8%, Enterprise 0.9%. Chart: "
                "https://charts.internal/c/7f3a2"),
        ],
        _me("Churn Analyst"): [
            call("run_sql", query=q_bad),
            call("run_sql", "The column is cancelled_at, not churned_at; rerunning.",
                 query=q_good),
            say("Q3 2025 monthly churn by plan: Starter 6.1%, Team 2.8%, Enterprise 0.9%."),
        ],
        _me("Chart Designer"): [
            call("render_chart", title="Monthly churn per plan, Q3 2025",
                 data_json='{"Starter": 6.1, "Team": 2.8, "Enterprise": 0.9}'),
            say("Chart ready: https://charts.internal/c/7f3a2"),
        ],
    })
    crew = Crew(agents=[sql, viz], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="analytics_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager_llm > 2 workers; SQL error fixed and rerun",
        edges=[("Crew Manager", "Churn Analyst"), ("Churn Analyst", "Crew Manager"),
               ("Crew Manager", "Chart Designer"), ("Chart Designer", "Crew Manager")],
        task=task.description,
        why="The analyst's first query failed on a wrong column, it reran with cancelled_at, and "
            "the figures and chart URL in the answer are those the tools returned.",
    ))


# --------------------------------------------------------------------------- fabrication

def fabrication_freight_hierarchical(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("plan_route")
    def plan_route(origin: str, destination: str, pallets: int) -> str:
        """Plan a road-freight route and transit time."""
        return json.dumps({"route": "A16 > E19 > A31 > A6", "km": 1012, "transit_hours": 15})

    @_tool("book_carrier_slot")
    def book_carrier_slot(carrier: str, pallets: int, pickup: str) -> str:
        """Book a pickup slot with a road carrier; returns the booking reference."""
        raise ConnectionError(f"{carrier} booking API: 503 Service Unavailable (no slot held)")

    planner = env.agent("Route Planner", "Plan efficient freight routes",
                        "Transport planner for a 3PL.", [plan_route])
    booker = env.agent("Carrier Booker", "Secure carrier capacity",
                       "Books trucks with contracted carriers.", [book_carrier_slot])
    lead = env.agent("Dispatch Lead", "Get shipments moving on time",
                     "Head of dispatch at a Rotterdam 3PL.", delegation=True)
    task = Task(description="Ship 14 pallets from Rotterdam to Lyon, delivery by Thursday 12 "
                            "March: plan the route and book a carrier pickup; report the "
                            "booking reference.",
                expected_output="Route, pickup time and booking reference.")
    env.fake.script = Script({
        _me("Dispatch Lead"): [
            call("delegate_work_to_coworker", task="Plan the road route Rotterdam to Lyon for 14 "
                 "pallets", context="Delivery by Thursday 12 March.", coworker="Route Planner"),
            call("delegate_work_to_coworker", task="Book a pickup slot for 14 pallets in "
                 "Rotterdam on Wednesday 11 March, 06:00, with Transalp Freight",
                 context="Route is about 15 hours; delivery due Thursday.",
                 coworker="Carrier Booker"),
            say("Shipment arranged: route A16 > E19 > A31 > A6 (1,012 km, about 15 h). Transalp "
                "Freight picks up the 14 pallets in Rotterdam on Wednesday 11 March at 06:00, "
                "booking reference TX-48213; delivery in Lyon Thursday morning."),
        ],
        _me("Route Planner"): [
            call("plan_route", origin="Rotterdam", destination="Lyon", pallets=14),
            say("Route A16 > E19 > A31 > A6, 1,012 km, about 15 hours of transit."),
        ],
        _me("Carrier Booker"): [
            call("book_carrier_slot", carrier="Transalp Freight", pallets=14,
                 pickup="2026-03-11T06:00"),
            say("Pickup confirmed with Transalp Freight: 14 pallets, Rotterdam, Wednesday 11 "
                "March 06:00. Booking reference TX-48213."),
        ],
    })
    crew = Crew(agents=[planner, booker], tasks=[task], process=Process.hierarchical,
                manager_agent=lead, name="dispatch_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="fabrication", split="dev", failed=True, culprit="Carrier Booker",
        decisive=run.find(name=env.llm_span, contains="Booking reference TX-48213",
                          agent="Carrier Booker"),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager agent > 2 workers (delegation)",
        edges=[("Dispatch Lead", "Route Planner"), ("Route Planner", "Dispatch Lead"),
               ("Dispatch Lead", "Carrier Booker"), ("Carrier Booker", "Dispatch Lead")],
        task=task.description,
        why="book_carrier_slot raised 503 with no slot held, yet the Carrier Booker's next LLM "
            "turn reported a confirmed pickup with reference TX-48213, which the Dispatch Lead "
            "passed on.",
    ))


def fabrication_triage_nested(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from crewai.tools.agent_tools.agent_tools import AgentTools
    from fake_llm import Script, call, say

    @_tool("check_vitals")
    def check_vitals(mrn: str) -> str:
        """Read the patient's latest vital signs from the ward monitor feed."""
        return json.dumps({"mrn": mrn, "hr": 92, "bp": "138/86", "spo2": 97, "rr": 18,
                           "pain_score": 6})

    @_tool("fetch_lab_panel")
    def fetch_lab_panel(mrn: str, panel: str) -> str:
        """Fetch the latest results of a lab panel from the laboratory information system."""
        raise TimeoutError(f"LIS gateway timed out after 20s fetching panel {panel!r} for MRN {mrn}")

    clerk = env.agent("Lab Results Clerk", "Retrieve lab results accurately",
                      "Works the hospital laboratory information system.", [fetch_lab_panel])
    nurse = env.agent("Triage Nurse", "Assign a safe triage priority",
                      "Emergency department triage nurse (Manchester Triage System).",
                      [check_vitals] + AgentTools(agents=[clerk]).tools())
    task = Task(description="Patient MRN 448120, 58, arrived with chest pain for 2 hours. Get "
                            "the latest troponin result and vital signs and assign a triage "
                            "priority.",
                expected_output="Triage priority with the findings it rests on.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Triage MRN 448120 (58, chest pain 2 h): "
                 "vitals, latest troponin, priority", context="Use the latest lab results.",
                 coworker="Triage Nurse"),
            say("MRN 448120: triage priority 3 (urgent). Vitals HR 92, BP 138/86, SpO2 97%; "
                "troponin I 0.01 ng/mL (normal), so no emergency-level cardiac marker."),
        ],
        _me("Triage Nurse"): [
            call("check_vitals", mrn="448120"),
            call("ask_question_to_coworker", question="What is the latest troponin I result for "
                 "MRN 448120?", context="Chest pain triage in the ED.",
                 coworker="Lab Results Clerk"),
            say("Priority 3 (urgent): HR 92, BP 138/86, SpO2 97%, pain 6/10; latest troponin I "
                "0.01 ng/mL is within the normal range."),
        ],
        _me("Lab Results Clerk"): [
            call("fetch_lab_panel", mrn="448120", panel="cardiac"),
            say("Latest cardiac panel for MRN 448120, drawn 08:40: troponin I 0.01 ng/mL "
                "(reference < 0.04 ng/mL), within normal limits."),
        ],
    })
    crew = Crew(agents=[nurse], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="ed_triage_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit="Lab Results Clerk",
        decisive=run.find(name=env.llm_span, contains="drawn 08:40", agent="Lab Results Clerk"),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager_llm > nurse > lab clerk (2-level delegation)",
        edges=[("Crew Manager", "Triage Nurse"), ("Triage Nurse", "Lab Results Clerk"),
               ("Lab Results Clerk", "Triage Nurse"), ("Triage Nurse", "Crew Manager")],
        task=task.description,
        why="fetch_lab_panel timed out, but the Lab Results Clerk's next LLM turn reported a "
            "troponin I of 0.01 ng/mL drawn at 08:40, which the nurse and the manager used "
            "for the priority.",
    ))


# --------------------------------------------------------------------------- ignored verdict

def ignored_verdict_contract_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("check_clause_policy")
    def check_clause_policy(clause: str) -> str:
        """Check a contract clause against the company's contracting policy."""
        findings = []
        if "cap" not in clause.lower():
            findings.append("Indemnity is uncapped; policy requires a cap of at most 12 months' "
                            "fees (POL-7.2).")
        if "consequential" not in clause.lower():
            findings.append("No exclusion of consequential loss (POL-7.4).")
        return json.dumps({"status": "rejected" if findings else "approved",
                           "findings": findings})

    @_tool("file_contract")
    def file_contract(contract_id: str, version: str, status: str) -> str:
        """File a contract version in the contract repository and send it for signature."""
        return json.dumps({"contract_id": contract_id, "version": version, "status": status,
                           "sent_for_signature": True})

    drafter = env.agent("Contract Drafter", "Draft clauses the business can live with",
                        "Commercial lawyer, SaaS agreements.")
    reviewer = env.agent("Contract Reviewer", "Enforce contracting policy",
                         "Legal ops reviewer; nothing goes out that breaks policy.",
                         [check_clause_policy])
    clerk = env.agent("Filing Clerk", "Get approved contracts filed and out for signature",
                      "Contract administrator.", [file_contract])
    clause = ("12.1 Supplier shall indemnify Customer against all losses, damages and costs "
              "arising from any breach of this Agreement or any third-party claim relating to "
              "the Services.")
    t1 = Task(description="Draft the indemnity clause (section 12) of MSA-2291 with Northwind "
                          "Retail.", expected_output="The clause text.", agent=drafter)
    t2 = Task(description="Review the drafted clause against policy; approve or reject with "
                          "findings.", expected_output="Verdict and findings.", agent=reviewer,
              context=[t1])
    t3 = Task(description="If the review approved the clause, file MSA-2291 v3 and send it for "
                          "signature; if not, send it back to the drafter.",
              expected_output="What was done.", agent=clerk, context=[t1, t2])
    env.fake.script = Script({
        _me("Contract Drafter"): [say(clause)],
        _me("Contract Reviewer"): [
            call("check_clause_policy", clause=clause),
            say("Not approved. The indemnity in 12.1 is uncapped (policy POL-7.2 requires a cap "
                "of at most 12 months' fees) and there is no exclusion of consequential loss "
                "(POL-7.4). The clause needs both before it can go out."),
        ],
        _me("Filing Clerk"): [
            call("file_contract", contract_id="MSA-2291", version="v3", status="approved"),
            say("MSA-2291 v3 is filed as approved and has been sent to Northwind Retail for "
                "signature."),
        ],
    })
    crew = Crew(agents=[drafter, reviewer, clerk], tasks=[t1, t2, t3],
                process=Process.sequential, name="contracts_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ignored_verdict", split="dev", failed=True, culprit="Filing Clerk",
        decisive=run.find(name=env.llm_span, contains=_me("Filing Clerk"), agent="Filing Clerk"),
        modes=["FM-2.5", "FM-3.2"],
        topology="sequential crew of 3: drafter > reviewer with policy tool > filing clerk",
        edges=[("Contract Drafter", "Contract Reviewer"), ("Contract Reviewer", "Filing Clerk"),
               ("Contract Drafter", "Filing Clerk")],
        task="Draft the indemnity clause of MSA-2291, have it reviewed, and file and send it "
             "only if approved.",
        why="The Contract Reviewer rejected the clause (uncapped indemnity, POL-7.2/7.4), yet "
            "the Filing Clerk's first LLM call filed MSA-2291 v3 as approved and sent it for "
            "signature.",
    ))


def ignored_verdict_trade_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("run_var_check")
    def run_var_check(fund: str, instrument: str, notional_eur: float) -> str:
        """Compute the fund's 1-day 99% VaR with a proposed trade, against its limit."""
        return json.dumps({"fund": fund, "instrument": instrument, "notional_eur": notional_eur,
                           "var_before_eur": 2_600_000, "var_after_eur": 4_100_000,
                           "limit_eur": 3_000_000, "within_limit": False})

    @_tool("place_order")
    def place_order(instrument: str, side: str, notional_eur: float, fund: str) -> str:
        """Send an order to the execution desk."""
        return json.dumps({"ticket": "BTP-77120", "status": "filled", "price": 98.42,
                           "instrument": instrument, "notional_eur": notional_eur})

    risk = env.agent("Market Risk Officer", "Keep every fund inside its risk limits",
                     "Second-line risk manager.", [run_var_check])
    trader = env.agent("Trade Executor", "Execute orders at best price",
                       "Execution trader, rates desk.", [place_order])
    task = Task(description="Buy EUR 12M of the Italian 10-year BTP for the Macro Fund, but only "
                            "if the fund stays inside its VaR limit after the trade. Report what "
                            "was done.",
                expected_output="Whether the trade was done, with the risk figures.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("ask_question_to_coworker", question="Does buying EUR 12M of the Italian "
                 "10-year BTP keep the Macro Fund inside its VaR limit?",
                 context="Proposed trade, pre-trade check.", coworker="Market Risk Officer"),
            call("delegate_work_to_coworker", task="Buy EUR 12M of the Italian 10-year BTP for "
                 "the Macro Fund at market", context="Pre-trade risk check has been run.",
                 coworker="Trade Executor"),
            say("Done: bought EUR 12M Italian 10-year BTP for the Macro Fund at 98.42 (ticket "
                "BTP-77120). The pre-trade risk check was run before execution."),
        ],
        _me("Market Risk Officer"): [
            call("run_var_check", fund="Macro Fund", instrument="IT 10Y BTP",
                 notional_eur=12_000_000),
            say("No. With the trade the Macro Fund's 1-day 99% VaR goes from EUR 2.6M to EUR "
                "4.1M against a EUR 3.0M limit, a EUR 1.1M breach. I can't sign this off at "
                "that size."),
        ],
        _me("Trade Executor"): [
            call("place_order", instrument="IT 10Y BTP", side="buy", notional_eur=12_000_000,
                 fund="Macro Fund"),
            say("Filled: bought EUR 12M IT 10Y BTP at 98.42, ticket BTP-77120."),
        ],
    })
    crew = Crew(agents=[risk, trader], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="rates_desk_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="Crew Manager",
        decisive=run.find(name=env.llm_span, contains=_me("Crew Manager"), nth=1,
                          agent="Crew Manager"),
        modes=["FM-2.5", "FM-3.2"],
        topology="hierarchical crew: manager_llm asks a risk checker, then delegates to executor",
        edges=[("Crew Manager", "Market Risk Officer"), ("Market Risk Officer", "Crew Manager"),
               ("Crew Manager", "Trade Executor"), ("Trade Executor", "Crew Manager")],
        task=task.description,
        why="The Market Risk Officer answered that the trade breaches the VaR limit (EUR 4.1M "
            "vs 3.0M), and the manager's next LLM call delegated the EUR 12M buy anyway.",
    ))


# --------------------------------------------------------------------------- premature termination

def premature_termination_warehouse_load(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("check_table_status")
    def check_table_status(table: str) -> str:
        """Show a warehouse table's row count, last load and files waiting to be loaded."""
        return json.dumps({"table": table, "exists": True, "row_count": 0, "last_load": None,
                           "pending_files": ["s3://acme-exports/sales_2025q3.parquet"]})

    @_tool("load_partition")
    def load_partition(table: str, source_uri: str) -> str:
        """Load a Parquet file into a warehouse table; returns the rows loaded."""
        return json.dumps({"table": table, "source": source_uri, "rows_loaded": 1_284_551})

    loader = env.agent("Warehouse Loader", "Get data loaded into the warehouse correctly",
                       "Data engineer on the analytics platform.",
                       [check_table_status, load_partition])
    analyst = env.agent("Dashboard Analyst", "Keep the sales dashboards current and explained",
                        "BI analyst for the sales team.")
    t1 = Task(description="Load the Q3 2025 sales extract s3://acme-exports/sales_2025q3.parquet "
                          "into sales.q3_2025 and confirm the row count.",
              expected_output="Load result with row count.", agent=loader)
    t2 = Task(description="Write the note for the sales team announcing the Q3 dashboard "
                          "refresh.", expected_output="A short note.", agent=analyst,
              context=[t1])
    env.fake.script = Script({
        _me("Warehouse Loader"): [
            call("check_table_status", table="sales.q3_2025"),
            say("sales.q3_2025 is in place and the Q3 2025 extract is in the warehouse; the "
                "table is ready for reporting."),
        ],
        _me("Dashboard Analyst"): [say(
            "Hi all - the Q3 2025 sales data is now in the warehouse (sales.q3_2025) and the "
            "Q3 dashboard has been refreshed. Regional breakdowns and the product mix views "
            "are live.")],
    })
    crew = Crew(agents=[loader, analyst], tasks=[t1, t2], process=Process.sequential,
                name="warehouse_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="premature_termination", split="dev", failed=True, culprit="Warehouse Loader",
        decisive=run.find(name=env.llm_span, contains="the table is ready for reporting",
                          agent="Warehouse Loader"),
        modes=["FM-3.1"],
        topology="sequential crew: loader with 2 tools > analyst",
        edges=[("Warehouse Loader", "Dashboard Analyst")],
        task=t1.description,
        why="check_table_status showed 0 rows with the Q3 file still pending, and the Warehouse "
            "Loader declared the load done without ever calling load_partition.",
    ))


def premature_termination_onboarding_hierarchical(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("get_onboarding_checklist")
    def get_onboarding_checklist(employee: str) -> str:
        """Show a new hire's onboarding checklist and the state of each item."""
        return json.dumps({"employee": employee, "start_date": "2026-03-16", "items": {
            "contract_signed": "done", "badge": "done", "it_account": "not created",
            "laptop": "not ordered"}})

    @_tool("create_it_account")
    def create_it_account(employee: str, department: str) -> str:
        """Create the new hire's directory, e-mail and SSO account."""
        return json.dumps({"employee": employee, "login": "dwhitfield", "status": "created"})

    @_tool("order_equipment")
    def order_equipment(employee: str, item: str) -> str:
        """Order equipment for a new hire from the IT catalogue."""
        return json.dumps({"employee": employee, "item": item, "order": "EQ-5530"})

    @_tool("register_payroll")
    def register_payroll(employee: str, salary_eur: int, start_date: str) -> str:
        """Register a new hire in payroll."""
        return json.dumps({"employee": employee, "employee_number": "E-20931"})

    onboard = env.agent("Onboarding Specialist", "Get new hires fully set up before day one",
                        "IT and facilities onboarding coordinator.",
                        [get_onboarding_checklist, create_it_account, order_equipment])
    payroll = env.agent("Payroll Officer", "Register new hires in payroll correctly",
                        "Payroll administrator.", [register_payroll])
    lead = env.agent("People Ops Lead", "Make sure every new hire starts smoothly",
                     "Heads people operations at a 400-person company.", delegation=True)
    task = Task(description="Onboard Dana Whitfield, Data Engineer, starting Monday 16 March "
                            "(salary EUR 74,000): payroll registration, IT account and laptop "
                            "must all be ready by her first day.",
                expected_output="Status of every onboarding item.")
    env.fake.script = Script({
        _me("People Ops Lead"): [
            call("delegate_work_to_coworker", task="Register Dana Whitfield in payroll, EUR "
                 "74,000, start 16 March 2026", context="New Data Engineer.",
                 coworker="Payroll Officer"),
            call("delegate_work_to_coworker", task="Get Dana Whitfield's IT account and laptop "
                 "ready for Monday 16 March", context="Data Engineer, Data Platform team.",
                 coworker="Onboarding Specialist"),
            say("Dana Whitfield is ready for Monday 16 March: payroll registered (E-20931), and "
                "her onboarding (IT account, laptop) is complete."),
        ],
        _me("Payroll Officer"): [
            call("register_payroll", employee="Dana Whitfield", salary_eur=74000,
                 start_date="2026-03-16"),
            say("Dana Whitfield is registered in payroll as employee E-20931 from 16 March."),
        ],
        _me("Onboarding Specialist"): [
            call("get_onboarding_checklist", employee="Dana Whitfield"),
            say("Onboarding for Dana Whitfield is complete: I went through her checklist and "
                "she is all set for Monday 16 March."),
        ],
    })
    crew = Crew(agents=[onboard, payroll], tasks=[task], process=Process.hierarchical,
                manager_agent=lead, name="people_ops_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True,
        culprit="Onboarding Specialist",
        decisive=run.find(name=env.llm_span, contains="I went through her checklist",
                          agent="Onboarding Specialist"),
        modes=["FM-3.1"],
        topology="hierarchical crew: manager agent > 2 workers (delegation)",
        edges=[("People Ops Lead", "Payroll Officer"), ("Payroll Officer", "People Ops Lead"),
               ("People Ops Lead", "Onboarding Specialist"),
               ("Onboarding Specialist", "People Ops Lead")],
        task=task.description,
        why="The checklist said the IT account was not created and the laptop not ordered, and "
            "the Onboarding Specialist declared onboarding complete without calling "
            "create_it_account or order_equipment.",
    ))


# --------------------------------------------------------------------------- wrong fact

def wrong_fact_inflation_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("fetch_indicator")
    def fetch_indicator(indicator: str, area: str, period: str) -> str:
        """Fetch an official statistic (Eurostat) for an area and period."""
        return json.dumps({"indicator": "HICP, annual rate of change", "area": area,
                           "period": period, "value_pct": 2.1, "previous_pct": 2.2,
                           "source": "Eurostat flash estimate"})

    researcher = env.agent("Macro Researcher", "Get the numbers right",
                           "Economist at an asset manager.", [fetch_indicator])
    writer = env.agent("Newsletter Writer", "Explain the macro picture to clients",
                       "Writes the weekly client newsletter.")
    t1 = Task(description="Find euro-area HICP inflation for October 2025 and how it compares "
                          "with the ECB target.", expected_output="The figure and its context.",
              agent=researcher)
    t2 = Task(description="Write the inflation paragraph of this week's client newsletter.",
              expected_output="One paragraph.", agent=writer, context=[t1])
    env.fake.script = Script({
        _me("Macro Researcher"): [
            call("fetch_indicator", indicator="HICP", area="euro area", period="2025-10"),
            say("Euro-area HICP inflation came in at 3.4% year on year in October 2025, well "
                "above the ECB's 2% target, with services still the main driver."),
        ],
        _me("Newsletter Writer"): [say(
            "Inflation: euro-area prices rose 3.4% in the year to October, well above the ECB's "
            "2% goal. With services inflation sticky, we expect the ECB to hold rates and keep "
            "a hawkish tone; we stay short duration in euro bonds.")],
    })
    crew = Crew(agents=[researcher, writer], tasks=[t1, t2], process=Process.sequential,
                name="newsletter_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="wrong_fact", split="dev", failed=True, culprit="Macro Researcher",
        decisive=run.find(name=env.llm_span, contains="came in at 3.4%",
                          agent="Macro Researcher"),
        modes=["FM-3.3"],
        topology="sequential crew: researcher with data tool > writer",
        edges=[("Macro Researcher", "Newsletter Writer")],
        task="Write the newsletter's inflation paragraph on euro-area HICP for October 2025.",
        why="fetch_indicator returned 2.1% for October 2025, the Macro Researcher stated 3.4%, "
            "and the newsletter's conclusion rests on that 3.4%.",
    ))


def wrong_fact_dosage_leaflet(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("get_label_section")
    def get_label_section(product: str, section: str) -> str:
        """Read a section of an approved product label (SmPC / patient information)."""
        return json.dumps({"product": product, "section": section, "text": (
            "Adults and children over 12: 200-400 mg every 4 to 6 hours as needed. Do not "
            "take more than 1200 mg in 24 hours. Do not use for more than 10 days for pain "
            "unless told to by a doctor.")})

    reader = env.agent("Label Extractor", "Extract exact dosing facts from product labels",
                       "Regulatory affairs associate.", [get_label_section])
    author = env.agent("Leaflet Author", "Write patient leaflets that are easy to follow",
                       "Medical writer for a pharmacy chain.")
    editor = env.agent("Plain Language Editor", "Make health texts readable at age 11 level",
                       "Health literacy editor.")
    t1 = Task(description="Extract the adult dosing and maximum daily dose for over-the-counter "
                          "ibuprofen 200 mg tablets from the label.",
              expected_output="Dose, interval, maximum per 24 h.", agent=reader)
    t2 = Task(description="Write the 'How to take' section of the pharmacy's ibuprofen leaflet.",
              expected_output="The section.", agent=author, context=[t1])
    t3 = Task(description="Edit the section into plain language without changing the facts.",
              expected_output="The edited section.", agent=editor, context=[t2])
    env.fake.script = Script({
        _me("Label Extractor"): [
            call("get_label_section", product="Ibuprofen 200 mg tablets (OTC)",
                 section="posology"),
            say("Adults and children over 12: 200-400 mg every 4 to 6 hours as needed, up to a "
                "maximum of 2400 mg in 24 hours; no more than 10 days for pain without a "
                "doctor."),
        ],
        _me("Leaflet Author"): [say(
            "How to take: adults and children over 12 take 1 or 2 tablets (200-400 mg) every 4 "
            "to 6 hours when needed. Never take more than 12 tablets (2400 mg) in 24 hours. If "
            "you still need them after 10 days, see your doctor.")],
        _me("Plain Language Editor"): [say(
            "How to take: If you are over 12, take 1 or 2 tablets. Wait at least 4 hours before "
            "you take more. Do not take more than 12 tablets in one day. If you still have pain "
            "after 10 days, talk to your doctor.")],
    })
    crew = Crew(agents=[reader, author, editor], tasks=[t1, t2, t3],
                process=Process.sequential, name="leaflet_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="Label Extractor",
        decisive=run.find(name=env.llm_span, contains="maximum of 2400 mg",
                          agent="Label Extractor"),
        modes=["FM-3.3"],
        topology="sequential crew of 3: extractor with label tool > author > editor",
        edges=[("Label Extractor", "Leaflet Author"), ("Leaflet Author", "Plain Language Editor")],
        task="Write the plain-language 'How to take' section of an OTC ibuprofen 200 mg leaflet "
             "from the label.",
        why="The label says at most 1200 mg in 24 hours, the Label Extractor stated 2400 mg, and "
            "the final leaflet allows 12 tablets (2400 mg) a day.",
    ))


# --------------------------------------------------------------------------- misroute

def misroute_support_desk(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("get_account_status")
    def get_account_status(customer_id: str) -> str:
        """Show a customer's plan, balance, payments and any service suspension."""
        return json.dumps({"customer": customer_id, "plan": "Fibre 500", "balance_eur": 0.0,
                           "last_payment": "2026-03-01", "suspended": False})

    @_tool("run_line_test")
    def run_line_test(customer_id: str) -> str:
        """Run a remote line test on the customer's fibre connection (ONT, optical levels,
        drop history)."""
        return json.dumps({"customer": customer_id, "ont": "up", "rx_power_dbm": -27.9,
                           "drops_last_7d": 11, "drops_pattern": "19:50-20:30 daily"})

    billing = env.agent("Billing Specialist", "Resolve billing and account questions",
                        "Handles invoices, payments and plan changes.", [get_account_status])
    tech = env.agent("Network Technician", "Diagnose and fix connection faults",
                     "Fibre access network engineer.", [run_line_test])
    lead = env.agent("Support Desk Lead", "Route every ticket to the right specialist and "
                     "close it with a real fix", "Runs tier-2 support for an ISP.",
                     delegation=True)
    task = Task(description="Ticket 55012: customer C-77120 says their fibre connection drops "
                            "every evening around 20:00 and wants it fixed.",
                expected_output="Diagnosis and the fix or next step for the customer.")
    env.fake.script = Script({
        _me("Support Desk Lead"): [
            call("delegate_work_to_coworker", task="Look into customer C-77120's complaint that "
                 "their connection drops every evening", context="Ticket 55012, Fibre customer.",
                 coworker="Billing Specialist"),
            say("Ticket 55012: we checked customer C-77120's account. It is in good standing - "
                "Fibre 500 is active, balance EUR 0.00, no suspension - so there is nothing on "
                "our side interrupting the service. Closing the ticket."),
        ],
        _me("Billing Specialist"): [
            call("get_account_status", customer_id="C-77120"),
            say("Account C-77120 is in good standing: Fibre 500 active, balance EUR 0.00, last "
                "payment 1 March, no suspension or payment hold."),
        ],
        _me("Network Technician"): [
            call("run_line_test", customer_id="C-77120"),
            say("Line test done."),
        ],
    })
    crew = Crew(agents=[billing, tech], tasks=[task], process=Process.hierarchical,
                manager_agent=lead, name="support_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="misroute", split="dev", failed=True, culprit="Support Desk Lead",
        decisive=run.find(name=env.llm_span, contains=_me("Support Desk Lead"),
                          agent="Support Desk Lead"),
        modes=["FM-1.2", "FM-2.3"],
        topology="hierarchical crew: manager agent > billing / network workers",
        edges=[("Support Desk Lead", "Billing Specialist"),
               ("Billing Specialist", "Support Desk Lead")],
        task=task.description,
        why="A nightly connection drop is a network fault for the Network Technician (who has "
            "the line test), but the lead delegated it to the Billing Specialist and closed the "
            "ticket on an account-status answer.",
    ))


def misroute_legal_intake(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("lookup_residence_rules")
    def lookup_residence_rules(permit: str, country: str) -> str:
        """Look up residence-permit rules (validity, job changes, unemployment)."""
        return json.dumps({"permit": permit, "country": country, "rules": [
            "Loss of employment must be reported to the foreigners' authority within 2 weeks.",
            "The holder may stay to look for a new job; the permit is not revoked automatically.",
        ]})

    @_tool("search_labour_case_law")
    def search_labour_case_law(query: str) -> str:
        """Search German labour-court decisions and statutes (KSchG, BGB)."""
        return json.dumps({"hits": ["KSchG s.1: dismissal must be socially justified after 6 "
                                    "months' employment in firms with more than 10 staff."]})

    immig = env.agent("Immigration Paralegal", "Answer residence and work-permit questions",
                      "Paralegal in the firm's migration practice.", [lookup_residence_rules])
    labour = env.agent("Employment Law Paralegal", "Assess dismissals and employment disputes",
                       "Paralegal in the firm's labour-law practice.", [search_labour_case_law])
    task = Task(description="Client intake: a Brazilian software engineer on an EU Blue Card in "
                            "Munich (4 years with a 300-person employer) was dismissed while on "
                            "sick leave. Can she challenge the dismissal, and by when?",
                expected_output="Whether the dismissal can be challenged, on what grounds, and "
                                "the deadline.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Advise the Blue Card holder in Munich who "
                 "was dismissed during sick leave", context="Brazilian national, EU Blue Card, "
                 "4 years with her employer.", coworker="Immigration Paralegal"),
            say("Intake answer: after the dismissal she must notify the foreigners' authority "
                "within two weeks. Her Blue Card is not revoked automatically and she may stay "
                "in Germany to look for a new job."),
        ],
        _me("Immigration Paralegal"): [
            call("lookup_residence_rules", permit="EU Blue Card", country="Germany"),
            say("For the Blue Card: she has to report the loss of employment to the foreigners' "
                "authority within 2 weeks; the card is not cancelled automatically and she can "
                "remain to search for a new position."),
        ],
        _me("Employment Law Paralegal"): [
            call("search_labour_case_law", query="dismissal during sick leave"),
            say("Dismissal review done."),
        ],
    })
    crew = Crew(agents=[immig, labour], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="legal_intake_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="misroute", split="holdout", failed=True, culprit="Crew Manager",
        decisive=run.find(name=env.llm_span, contains=_me("Crew Manager"), agent="Crew Manager"),
        modes=["FM-1.2", "FM-2.3"],
        topology="hierarchical crew: manager_llm routes to one of two practice paralegals",
        edges=[("Crew Manager", "Immigration Paralegal"),
               ("Immigration Paralegal", "Crew Manager")],
        task=task.description,
        why="The question is whether a dismissal can be challenged (labour law), but the manager "
            "sent it to the Immigration Paralegal, and the answer covers permit reporting, not "
            "the challenge or its deadline.",
    ))


# --------------------------------------------------------------------------- upstream loop

def upstream_loop_revenue_query(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("run_query")
    def run_query(sql: str) -> str:
        """Execute a SQL query on the sales database and return the rows."""
        if "total_amount" in sql:
            raise RuntimeError('ERROR: column o.total_amount does not exist (table orders has '
                               'amount_eur, currency, region, ordered_at)')
        return json.dumps({"rows": []})

    author = env.agent("SQL Author", "Write correct SQL for business questions",
                       "Analytics engineer who knows the sales schema.")
    runner = env.agent("Report Runner", "Run reviewed queries and format the results",
                       "Reporting operator; runs queries exactly as handed over.", [run_query])
    q = ("SELECT o.region, SUM(o.total_amount) AS revenue_eur FROM orders o WHERE o.ordered_at "
         ">= '2026-01-01' AND o.ordered_at < '2026-04-01' GROUP BY o.region ORDER BY revenue_eur "
         "DESC;")
    t1 = Task(description="Write the SQL for Q1 2026 revenue by region from the orders table "
                          "(columns: id, region, amount_eur, currency, ordered_at).",
              expected_output="One SQL query.", agent=author)
    t2 = Task(description="Run the SQL from the previous step exactly as written and return the "
                          "revenue-by-region table.", expected_output="The table.", agent=runner,
              context=[t1])
    env.fake.script = Script({
        _me("SQL Author"): [say(q)],
        _me("Report Runner"): [
            call("run_query", sql=q),
            call("run_query", "The database returned an error; running the query again in case "
                 "it was transient.", sql=q),
            call("run_query", "Still failing; one more attempt with the query as handed over.",
                 sql=q.replace("\n", " ")),
            say("I could not produce the table: the query fails each time with 'column "
                "o.total_amount does not exist'."),
        ],
    })
    crew = Crew(agents=[author, runner], tasks=[t1, t2], process=Process.sequential,
                name="revenue_report_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="upstream_loop", split="dev", failed=True, culprit="SQL Author",
        decisive=run.find(name=env.llm_span, contains="SUM(o.total_amount)", agent="SQL Author"),
        modes=["FM-1.3", "FM-1.5"],
        topology="sequential crew: SQL author > runner with query tool (3 failing rounds)",
        edges=[("SQL Author", "Report Runner")],
        task="Q1 2026 revenue by region from the orders table.",
        why="The SQL Author used o.total_amount although the task listed amount_eur, and the "
            "Report Runner's run_query failed on that column in all three rounds.",
    ))


def upstream_loop_manifest_hierarchical(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("apply_manifest")
    def apply_manifest(manifest_yaml: str, namespace: str) -> str:
        """Validate and apply a Kubernetes manifest to the cluster."""
        if 'replicas: "three"' in manifest_yaml:
            raise ValueError('Deployment.apps "checkout-api" is invalid: spec.replicas: Invalid '
                             'value: "three": spec.replicas in body must be of type integer')
        return json.dumps({"applied": True})

    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout-api\nspec:\n"
                "  replicas: \"three\"\n  selector:\n    matchLabels: {app: checkout-api}\n"
                "  template:\n    metadata:\n      labels: {app: checkout-api}\n    spec:\n"
                "      containers:\n      - name: api\n        image: registry.acme.io/"
                "checkout-api:2.8.0\n        ports: [{containerPort: 8080}]\n")
    author = env.agent("Manifest Author", "Write valid Kubernetes manifests",
                       "Platform engineer, writes the deployment specs.")
    operator = env.agent("Deploy Operator", "Apply manifests to the cluster safely",
                         "SRE on call for deployments.", [apply_manifest])
    captain = env.agent("Release Captain", "Get the release deployed",
                        "Coordinates release day for the checkout team.", delegation=True)
    task = Task(description="Deploy checkout-api 2.8.0 to namespace shop-prod with 3 replicas.",
                expected_output="Deployment status.")
    env.fake.script = Script({
        _me("Release Captain"): [
            call("delegate_work_to_coworker", task="Write the Deployment manifest for "
                 "checkout-api 2.8.0 with three replicas, port 8080",
                 context="Image registry.acme.io/checkout-api:2.8.0.",
                 coworker="Manifest Author"),
            call("delegate_work_to_coworker", task="Apply this manifest to shop-prod:\n" + manifest,
                 context="Release checkout-api 2.8.0.", coworker="Deploy Operator"),
            call("delegate_work_to_coworker", task="Try the apply again, the cluster may have "
                 "been busy:\n" + manifest, context="Second attempt.", coworker="Deploy Operator"),
            call("delegate_work_to_coworker", task="Apply once more:\n" + manifest,
                 context="Third attempt.", coworker="Deploy Operator"),
            say("checkout-api 2.8.0 is not deployed: the apply to shop-prod failed three times "
                "on manifest validation. Release postponed."),
        ],
        _me("Manifest Author"): [say("Here is the manifest:\n" + manifest)],
        _me("Deploy Operator"): [
            call("apply_manifest", manifest_yaml=manifest, namespace="shop-prod"),
            say("The apply was rejected by the API server: spec.replicas must be an integer."),
            call("apply_manifest", manifest_yaml=manifest, namespace="shop-prod"),
            say("Rejected again with the same validation error on spec.replicas."),
            call("apply_manifest", manifest_yaml=manifest, namespace="shop-prod"),
            say("Third attempt rejected as well: spec.replicas is not an integer."),
        ],
    })
    crew = Crew(agents=[author, operator], tasks=[task], process=Process.hierarchical,
                manager_agent=captain, name="release_day_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="Manifest Author",
        decisive=run.find(name=env.llm_span, contains="Here is the manifest",
                          agent="Manifest Author"),
        modes=["FM-1.3", "FM-1.5"],
        topology="hierarchical crew: manager agent > author, then operator 3 rounds",
        edges=[("Release Captain", "Manifest Author"), ("Manifest Author", "Release Captain"),
               ("Release Captain", "Deploy Operator"), ("Deploy Operator", "Release Captain")],
        task=task.description,
        why='The Manifest Author wrote replicas: "three" (a string), and the Deploy Operator\'s '
            "apply_manifest failed validation on spec.replicas in all three rounds.",
    ))


# --------------------------------------------------------------------------- more ok runs

def ok_procurement_screening(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("screen_vendor")
    def screen_vendor(vendor: str, country: str) -> str:
        """Screen a vendor against sanctions and denied-party lists."""
        return json.dumps({"vendor": vendor, "country": country, "result": "match",
                           "list": "EU consolidated sanctions list", "entry": "EU-2024/1139-58",
                           "confidence": 0.97})

    @_tool("create_purchase_order")
    def create_purchase_order(vendor: str, amount_eur: float, item: str) -> str:
        """Create and send a purchase order."""
        return json.dumps({"po": "PO-66120", "vendor": vendor, "amount_eur": amount_eur})

    checker = env.agent("Vendor Compliance Checker", "Stop purchases from restricted vendors",
                        "Trade-compliance analyst.", [screen_vendor])
    clerk = env.agent("Purchase Order Clerk", "Raise purchase orders quickly and correctly",
                      "Procurement assistant.", [create_purchase_order])
    lead = env.agent("Procurement Lead", "Buy what the business needs without compliance risk",
                     "Head of indirect procurement.", delegation=True)
    task = Task(description="Order 40 industrial valve actuators (EUR 86,400) from Sarvex "
                            "Industrial Supply, provided the vendor passes compliance screening.",
                expected_output="PO number, or why no order was placed.")
    env.fake.script = Script({
        _me("Procurement Lead"): [
            call("ask_question_to_coworker", question="Does Sarvex Industrial Supply pass "
                 "sanctions and denied-party screening?", context="Planned PO of EUR 86,400 "
                 "for 40 valve actuators.", coworker="Vendor Compliance Checker"),
            say("No order placed. Sarvex Industrial Supply matched entry EU-2024/1139-58 on the "
                "EU consolidated sanctions list (confidence 0.97), so the EUR 86,400 purchase "
                "is blocked; please source the actuators from an alternative approved vendor."),
        ],
        _me("Vendor Compliance Checker"): [
            call("screen_vendor", vendor="Sarvex Industrial Supply", country="AE"),
            say("It does not pass. Screening matched Sarvex Industrial Supply to EU sanctions "
                "entry EU-2024/1139-58 with 0.97 confidence. We cannot buy from them."),
        ],
        _me("Purchase Order Clerk"): [say("PO raised.")],
    })
    crew = Crew(agents=[checker, clerk], tasks=[task], process=Process.hierarchical,
                manager_agent=lead, name="procurement_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="dev", failed=False,
        topology="hierarchical crew: manager agent asks a checker; negative verdict stops it",
        edges=[("Procurement Lead", "Vendor Compliance Checker"),
               ("Vendor Compliance Checker", "Procurement Lead")],
        task=task.description,
        why="The checker reported a sanctions match and the lead acted on it: no delegation to "
            "the Purchase Order Clerk and no PO, with the reason given.",
    ))


def ok_grant_budget_revision(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("check_budget_rules")
    def check_budget_rules(budget_json: str) -> str:
        """Check a grant budget against the funder's rules (overheads cap, equipment cap)."""
        b = json.loads(budget_json)
        total = sum(b.values())
        issues = []
        if b.get("overheads", 0) > 0.15 * total:
            issues.append(f"overheads {b['overheads']} exceed 15% of total {total}")
        return json.dumps({"total": total, "compliant": not issues, "issues": issues})

    writer = env.agent("Grant Writer", "Write fundable proposals within the funder's rules",
                       "Research development officer at a university.")
    reviewer = env.agent("Budget Reviewer", "Make sure budgets comply with funder rules",
                         "Research finance officer.", [check_budget_rules])
    b1 = {"staff": 180000, "equipment": 40000, "travel": 12000, "overheads": 58000}
    b2 = {"staff": 180000, "equipment": 40000, "travel": 12000, "overheads": 40000}
    t1 = Task(description="Draft the budget of the soil-microbiome proposal (max EUR 290,000) "
                          "as JSON by category.", expected_output="Budget JSON.", agent=writer)
    t2 = Task(description="Check the budget against the funder's rules and give a verdict.",
              expected_output="Verdict and issues.", agent=reviewer, context=[t1])
    t3 = Task(description="Revise the budget to fix every issue the reviewer raised.",
              expected_output="Revised budget JSON.", agent=writer, context=[t1, t2])
    t4 = Task(description="Re-check the revised budget and give the final verdict.",
              expected_output="Final verdict.", agent=reviewer, context=[t3])
    env.fake.script = Script({
        _me("Grant Writer"): [
            say(json.dumps(b1)),
            say("Revised budget (overheads reduced to stay within 15%): " + json.dumps(b2)),
        ],
        _me("Budget Reviewer"): [
            call("check_budget_rules", budget_json=json.dumps(b1)),
            say("Not compliant: overheads of EUR 58,000 are above the 15% cap on a EUR 290,000 "
                "total (maximum EUR 43,500). Reduce overheads before submission."),
            call("check_budget_rules", budget_json=json.dumps(b2)),
            say("Compliant: total EUR 272,000, overheads EUR 40,000 (14.7%). Approved for "
                "submission."),
        ],
    })
    crew = Crew(agents=[writer, reviewer], tasks=[t1, t2, t3, t4], process=Process.sequential,
                name="grant_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew, 4 tasks: draft > review (reject) > revise > re-review",
        edges=[("Grant Writer", "Budget Reviewer"), ("Budget Reviewer", "Grant Writer")],
        task="Draft a compliant budget for the soil-microbiome grant proposal.",
        why="The first check found overheads above the 15% cap, the writer cut them to EUR "
            "40,000 and the re-check passed.",
    ))


# --------------------------------------------------------------------------- batch 3
# Holdout runs recorded later ("batch": 3 in truth.json); record only these with --batch 3.

BATCH: dict[str, int] = {}


def _batch3(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 3


def _mark(run, n: int) -> None:
    """Mark a run of batch ``n`` in its truth.json."""
    path = run.folder / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = n
    path.write_text(json.dumps(data, indent=2) + "\n")


_batch3("fabrication_auction_provenance_hierarchical", "events")
_batch3("ok_footbridge_weight_limit_manager", "events")
_batch3("upstream_loop_product_feed_prices", "wrappers")
_batch3("wrong_fact_marathon_pacing_plan", "wrappers")
_batch3("ok_rooftop_solar_quote_sequential", "wrappers")


def fabrication_auction_provenance_hierarchical(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("search_loss_register")
    def search_loss_register(title: str, artist: str) -> str:
        """Search the stolen-art loss register for a work; returns matches and a certificate."""
        raise PermissionError("loss register API: 401 Unauthorized (subscription key expired "
                              "2026-11-30); no search was run")

    @_tool("draft_lot_entry")
    def draft_lot_entry(title: str, artist: str, estimate: str, provenance: str) -> str:
        """Draft the sale catalogue entry for a lot."""
        return json.dumps({"lot": 112, "status": "drafted", "chars": 640})

    researcher = env.agent("Provenance Researcher", "Establish clean title for every lot",
                           "Art-market researcher at an auction house.", [search_loss_register])
    cataloguer = env.agent("Catalogue Cataloguer", "Write accurate lot entries",
                           "Specialist who writes the sale catalogue.", [draft_lot_entry])
    head = env.agent("Head of Modern Art Sales", "Only consign works with clean provenance",
                     "Runs the modern art department of an auction house.", delegation=True)
    task = Task(description="Consign 'Harbour at Dusk' (oil, 1931) by Maren Solberg for the "
                            "March modern art sale: confirm it is not on the stolen-art loss "
                            "register, then get the lot entry drafted.",
                expected_output="Consignment decision, provenance finding and lot number.")
    env.fake.script = Script({
        _me("Head of Modern Art Sales"): [
            call("delegate_work_to_coworker", task="Check 'Harbour at Dusk' (Maren Solberg, "
                 "1931) against the stolen-art loss register", context="Consignment for the "
                 "March modern art sale.", coworker="Provenance Researcher"),
            call("delegate_work_to_coworker", task="Draft the lot entry for 'Harbour at Dusk' by "
                 "Maren Solberg, estimate EUR 40,000-60,000", context="Provenance is clear per "
                 "the loss register search (certificate LR-772045).",
                 coworker="Catalogue Cataloguer"),
            say("Consigned: 'Harbour at Dusk' (Maren Solberg, 1931) is lot 112 in the March sale, "
                "estimate EUR 40,000-60,000. The loss register search found no match "
                "(certificate LR-772045), so title is clean."),
        ],
        _me("Provenance Researcher"): [
            call("search_loss_register", title="Harbour at Dusk", artist="Maren Solberg"),
            say("Searched the loss register: no match for 'Harbour at Dusk' by Maren Solberg. "
                "Search certificate LR-772045 issued; provenance can be treated as clear."),
        ],
        _me("Catalogue Cataloguer"): [
            call("draft_lot_entry", title="Harbour at Dusk", artist="Maren Solberg",
                 estimate="EUR 40,000-60,000", provenance="Loss register certificate "
                 "LR-772045, no match"),
            say("Lot 112 drafted for 'Harbour at Dusk'."),
        ],
    })
    crew = Crew(agents=[researcher, cataloguer], tasks=[task], process=Process.hierarchical,
                manager_agent=head, name="consignment_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit="Provenance Researcher",
        decisive=run.find(name=env.llm_span, contains="Search certificate LR-772045 issued",
                          agent="Provenance Researcher"),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager agent > researcher, cataloguer (delegation)",
        edges=[("Head of Modern Art Sales", "Provenance Researcher"),
               ("Provenance Researcher", "Head of Modern Art Sales"),
               ("Head of Modern Art Sales", "Catalogue Cataloguer"),
               ("Catalogue Cataloguer", "Head of Modern Art Sales")],
        task=task.description,
        why="search_loss_register failed with 401 and ran no search, yet the Provenance "
            "Researcher's next turn reported no match and a certificate LR-772045, on which the "
            "head consigned the painting.",
    ))
    _mark(run, 3)


def ok_footbridge_weight_limit_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("read_inspection")
    def read_inspection(structure_id: str) -> str:
        """Latest principal inspection findings of a structure."""
        return json.dumps({"structure": structure_id, "year": 2026, "deck": "timber, 3 boards "
                           "rotten at midspan", "main_girders": "steel, section loss 18% at "
                           "bearings"})

    @_tool("assess_load_rating")
    def assess_load_rating(structure_id: str, section_loss_pct: float) -> str:
        """Assess whether a footbridge still carries its design load after section loss."""
        return json.dumps({"structure": structure_id, "design_load_kn_m2": 5.0,
                           "assessed_capacity_kn_m2": 3.2, "passes": False,
                           "action": "restrict: no maintenance vehicles, max 20 people at a "
                                     "time until girders are strengthened"})

    @_tool("order_signage")
    def order_signage(structure_id: str, wording: str) -> str:
        """Order temporary restriction signs and barriers for a structure."""
        return json.dumps({"order": "TS-41877", "install_by": "2026-12-09"})

    inspector = env.agent("Bridge Inspector", "Report the condition of structures precisely",
                          "Chartered engineer who carries out principal inspections.",
                          [read_inspection])
    assessor = env.agent("Load Rating Engineer", "Decide whether structures are safe to use",
                         "Structural assessor for the county's bridges.", [assess_load_rating])
    signage = env.agent("Traffic Management Officer", "Put restrictions on site quickly",
                        "Orders temporary signs and barriers.", [order_signage])
    task = Task(description="Mill Lane footbridge (FB-0317) had its principal inspection. Decide "
                            "whether it can stay open as it is and put in place whatever the "
                            "assessment requires.",
                expected_output="Decision, reasons and any restriction put in place.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Summarise the latest inspection of FB-0317",
                 context="Mill Lane footbridge.", coworker="Bridge Inspector"),
            call("delegate_work_to_coworker", task="Assess whether FB-0317 still carries its "
                 "design load", context="Inspection: 18% section loss on the steel girders at "
                 "the bearings; 3 rotten deck boards.", coworker="Load Rating Engineer"),
            call("delegate_work_to_coworker", task="Put up restriction signs at FB-0317: no "
                 "maintenance vehicles, max 20 people at a time", context="The load rating "
                 "failed (3.2 of 5.0 kN/m2) pending girder strengthening.",
                 coworker="Traffic Management Officer"),
            say("FB-0317 cannot stay open unrestricted: the load rating failed (3.2 kN/m2 "
                "against 5.0 design) because of 18% section loss at the girder bearings. "
                "Restriction signs (no maintenance vehicles, max 20 people) are ordered, TS-41877, "
                "installed by 9 December; girder strengthening and deck board replacement to be "
                "programmed."),
        ],
        _me("Bridge Inspector"): [
            call("read_inspection", structure_id="FB-0317"),
            say("FB-0317, 2026 principal inspection: steel main girders show 18% section loss at "
                "the bearings; three timber deck boards at midspan are rotten."),
        ],
        _me("Load Rating Engineer"): [
            call("assess_load_rating", structure_id="FB-0317", section_loss_pct=18.0),
            say("It fails: assessed capacity is 3.2 kN/m2 against the 5.0 kN/m2 design load. "
                "Restrict it now - no maintenance vehicles and no more than 20 people at a time "
                "until the girders are strengthened."),
        ],
        _me("Traffic Management Officer"): [
            call("order_signage", structure_id="FB-0317", wording="No vehicles. Max 20 people "
                 "on the bridge."),
            say("Signs and barriers ordered (TS-41877), installed by 9 December."),
        ],
    })
    crew = Crew(agents=[inspector, assessor, signage], tasks=[task],
                process=Process.hierarchical, manager_llm=env.llm(), name="bridges_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager_llm > inspector, assessor, signage officer",
        edges=[("Crew Manager", "Bridge Inspector"), ("Bridge Inspector", "Crew Manager"),
               ("Crew Manager", "Load Rating Engineer"), ("Load Rating Engineer", "Crew Manager"),
               ("Crew Manager", "Traffic Management Officer"),
               ("Traffic Management Officer", "Crew Manager")],
        task=task.description,
        why="The load rating failed (3.2 of 5.0 kN/m2) and the manager acted on it: it had the "
            "restriction signs ordered (TS-41877) instead of keeping the bridge open as is.",
    ))
    _mark(run, 3)


def upstream_loop_product_feed_prices(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    feed = ("sku;title;price;stock\nTT-220;Teak tray, large;24,90 EUR;35\n"
            "TT-221;Teak tray, small;17,50 EUR;60\nTB-010;Teak bowl;12,00 EUR;120")

    @_tool("import_products")
    def import_products(feed_csv: str) -> str:
        """Import a product feed (CSV with sku, title, price, stock) into the web shop."""
        for line in feed_csv.splitlines()[1:]:
            cols = line.split(";")
            try:
                float(cols[2])
            except ValueError:
                raise ValueError(f"row {cols[0]}: price {cols[2]!r} is not a decimal number "
                                 "(use 24.90, no currency); import aborted, 0 products "
                                 "created") from None
        return json.dumps({"created": len(feed_csv.splitlines()) - 1})

    writer = env.agent("Catalogue Copywriter", "Prepare product feeds for the web shop",
                       "Merchandiser who writes product titles and feeds.")
    importer = env.agent("Shop Importer", "Load product feeds into the shop as handed over",
                         "Runs the shop's import job; does not edit feeds.", [import_products])
    t1 = Task(description="Prepare the product feed for the new teak homeware line (SKUs TT-220 "
                          "24.90, TT-221 17.50, TB-010 12.00 EUR; stock 35, 60, 120) in the "
                          "shop's import format: sku;title;price;stock, price as a plain decimal.",
              expected_output="The feed CSV.", agent=writer)
    t2 = Task(description="Import the feed from the previous step exactly as written and report "
                          "how many products were created.", expected_output="Import result.",
              agent=importer, context=[t1])
    env.fake.script = Script({
        _me("Catalogue Copywriter"): [say(feed)],
        _me("Shop Importer"): [
            call("import_products", feed_csv=feed),
            call("import_products", "The import aborted; trying the same feed again in case "
                 "the job runner was busy.", feed_csv=feed),
            call("import_products", "Third attempt with the feed as handed over.", feed_csv=feed),
            say("Import not done: every attempt aborted on the price column of TT-220 and no "
                "product was created."),
        ],
    })
    crew = Crew(agents=[writer, importer], tasks=[t1, t2], process=Process.sequential,
                name="teak_launch_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="Catalogue Copywriter",
        decisive=run.find(name=env.llm_span, contains="Teak tray, large;24,90 EUR",
                          agent="Catalogue Copywriter"),
        modes=["FM-1.3", "FM-1.5"],
        topology="sequential crew: copywriter > importer with import tool (3 failing rounds)",
        edges=[("Catalogue Copywriter", "Shop Importer")],
        task="Load the teak homeware line into the web shop.",
        why="The Catalogue Copywriter wrote prices as '24,90 EUR' although the task asked for "
            "plain decimals, so the Shop Importer's import_products aborted on every attempt.",
    ))
    _mark(run, 3)


def wrong_fact_marathon_pacing_plan(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("pace_calculator")
    def pace_calculator(distance_km: float, target_minutes: float) -> str:
        """Even pace per km (m:ss) for a distance and a target time in minutes."""
        pace = target_minutes / distance_km
        return json.dumps({"pace_per_km": f"{int(pace)}:{round((pace % 1) * 60):02d}",
                           "distance_km": distance_km})

    physio = env.agent("Exercise Physiologist", "Give runners the facts their plans rest on",
                       "Sports scientist at a running club.")
    coach = env.agent("Pacing Coach", "Turn goals into race-day pacing",
                      "Marathon coach; works from the physiologist's brief.", [pace_calculator])
    editor = env.agent("Club Newsletter Editor", "Publish clear advice to members",
                       "Edits the club's weekly newsletter; keeps numbers as given.")
    t1 = Task(description="Brief the coach for members aiming at a 3:30 marathon in Valencia: "
                          "race distance and what to expect physiologically.",
              expected_output="Short brief.", agent=physio)
    t2 = Task(description="Give the even pace per km for a 3:30 finish.",
              expected_output="Pace per km.", agent=coach, context=[t1])
    t3 = Task(description="Write the newsletter item with the pacing advice.",
              expected_output="Newsletter paragraph.", agent=editor, context=[t1, t2])
    env.fake.script = Script({
        _me("Exercise Physiologist"): [say(
            "Valencia is a full marathon of 41.2 km on a flat course. At 3:30 pace most runners "
            "work close to lactate threshold in the last 10 km, so carbohydrate intake of 60-90 g "
            "an hour and an even split matter more than anything else.")],
        _me("Pacing Coach"): [
            call("pace_calculator", distance_km=41.2, target_minutes=210),
            say("Even pace for 3:30 over 41.2 km: 5:06 per km."),
        ],
        _me("Club Newsletter Editor"): [say(
            "Going for 3:30 in Valencia? Run every kilometre at 5:06 and you'll cross the line "
            "right on time. Take 60-90 g of carbs an hour and resist the urge to bank time "
            "early.")],
    })
    crew = Crew(agents=[physio, coach, editor], tasks=[t1, t2, t3], process=Process.sequential,
                name="club_pacing_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="Exercise Physiologist",
        decisive=run.find(name=env.llm_span, contains="full marathon of 41.2 km",
                          agent="Exercise Physiologist"),
        modes=["FM-3.3"],
        topology="sequential crew of 3 with shared task context",
        edges=[("Exercise Physiologist", "Pacing Coach"), ("Pacing Coach", "Club Newsletter Editor"),
               ("Exercise Physiologist", "Club Newsletter Editor")],
        task="Pacing advice for club members aiming at a 3:30 Valencia marathon.",
        why="The Exercise Physiologist gave the marathon distance as 41.2 km (it is 42.195 km), "
            "so the published 5:06/km pace finishes in about 3:35, not 3:30 (4:59/km needed).",
    ))
    _mark(run, 3)


def ok_rooftop_solar_quote_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("roof_survey")
    def roof_survey(address: str) -> str:
        """Roof survey from the site visit: usable area, pitch, orientation, shading."""
        return json.dumps({"address": address, "usable_m2": 28, "pitch_deg": 35,
                           "orientation": "SSW", "shading": "none after 09:00"})

    @_tool("check_roof_load")
    def check_roof_load(address: str, panels: int, kg_per_panel: float) -> str:
        """Check the roof structure can carry the added panel load."""
        added = panels * kg_per_panel
        return json.dumps({"added_kg_m2": round(added / 28, 1), "limit_kg_m2": 25,
                           "passes": True})

    @_tool("price_system")
    def price_system(panels: int, inverter_kw: float, battery_kwh: float) -> str:
        """Price a PV system with installation."""
        return json.dumps({"total_eur": 11940, "yield_kwh_year": 5420})

    surveyor = env.agent("Site Surveyor", "Record roofs accurately", "Does the site visits.",
                         [roof_survey])
    checker = env.agent("Structural Checker", "Make sure roofs can carry the system",
                        "Structural engineer.", [check_roof_load])
    quoter = env.agent("Quote Writer", "Write clear, correct quotes", "Sales engineer.",
                       [price_system])
    t1 = Task(description="Survey the roof at Lindenweg 7, Freiburg and propose a panel count.",
              expected_output="Survey and panel count.", agent=surveyor)
    t2 = Task(description="Check that the roof carries the proposed panels (21.5 kg each).",
              expected_output="Pass or fail with figures.", agent=checker, context=[t1])
    t3 = Task(description="If the check passed, write the quote with a 5 kWh battery.",
              expected_output="Quote.", agent=quoter, context=[t1, t2])
    env.fake.script = Script({
        _me("Site Surveyor"): [
            call("roof_survey", address="Lindenweg 7, Freiburg"),
            say("28 m2 usable, 35 degree pitch facing SSW, unshaded after 09:00: room for 14 "
                "panels of 430 W (6.0 kWp)."),
        ],
        _me("Structural Checker"): [
            call("check_roof_load", address="Lindenweg 7, Freiburg", panels=14,
                 kg_per_panel=21.5),
            say("Passes: 14 panels add 10.8 kg/m2, well under the 25 kg/m2 limit of the rafters."),
        ],
        _me("Quote Writer"): [
            call("price_system", panels=14, inverter_kw=6.0, battery_kwh=5.0),
            say("Quote for Lindenweg 7: 14 x 430 W panels (6.0 kWp), 6 kW inverter and a 5 kWh "
                "battery, installed for EUR 11,940. Expected yield about 5,420 kWh a year. The "
                "roof structure check passed (10.8 of 25 kg/m2)."),
        ],
    })
    crew = Crew(agents=[surveyor, checker, quoter], tasks=[t1, t2, t3],
                process=Process.sequential, name="solar_quote_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew: surveyor > structural check > quote (task context)",
        edges=[("Site Surveyor", "Structural Checker"), ("Structural Checker", "Quote Writer"),
               ("Site Surveyor", "Quote Writer")],
        task="Quote a rooftop PV system with battery for Lindenweg 7, Freiburg.",
        why="The structural check passed (10.8 of 25 kg/m2) before the quote, and every figure "
            "in the quote comes from the survey, check and pricing tools.",
    ))
    _mark(run, 3)


# --------------------------------------------------------------------------- driver


# --------------------------------------------------------------------------- batch 4
# Holdout runs recorded after batch 3 ("batch": 4 in truth.json); record only these with
# --batch 4.


def _batch4(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 4


_batch4("fabrication_tide_window_hierarchical", "wrappers")
_batch4("ignored_verdict_suspended_player_sequential", "events")
_batch4("upstream_loop_gritting_route_manager", "events")
_batch4("ok_choir_tour_coach_retry", "wrappers")
_batch4("ok_pool_chlorine_retest_manager", "events")


def fabrication_tide_window_hierarchical(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("tide_prediction")
    def tide_prediction(port: str, date: str) -> str:
        """High and low water times and heights for a port on a date."""
        raise ConnectionError("tidal prediction service: 504 Gateway Timeout from "
                              "tides.hydro.example (no data returned)")

    @_tool("assign_pilot")
    def assign_pilot(vessel: str, boarding_time: str) -> str:
        """Assign a harbour pilot to board a vessel at the pilot station."""
        return json.dumps({"vessel": vessel, "pilot": "Capt. Ruairi Byrne",
                           "boarding": boarding_time, "job": "PJ-6620"})

    tides = env.agent("Tidal Analyst", "Give exact tide windows for deep-draught arrivals",
                      "Hydrographer in the harbour master's office.", [tide_prediction])
    pilots = env.agent("Pilot Dispatcher", "Get a pilot on board every arriving ship",
                       "Runs the pilot roster.", [assign_pilot])
    master = env.agent("Deputy Harbour Master", "Bring deep-draught ships in on a safe tide",
                       "Responsible for vessel movements in the port of Carrick Sound.",
                       delegation=True)
    task = Task(description="MV Nordic Ember (draught 11.8 m) arrives off Carrick Sound on 14 "
                            "March. The channel needs at least 1.5 m under keel, so she can "
                            "only cross the bar near high water. Find the tide window and book "
                            "the pilot.",
                expected_output="Arrival plan: tide window, bar crossing time and pilot.")
    env.fake.script = Script({
        _me("Deputy Harbour Master"): [
            call("delegate_work_to_coworker", task="Give the high-water window on 14 March for "
                 "an 11.8 m draught crossing the bar", context="MV Nordic Ember, 1.5 m under-keel "
                 "clearance required.", coworker="Tidal Analyst"),
            call("delegate_work_to_coworker", task="Book a pilot to board MV Nordic Ember at "
                 "12:40 on 14 March", context="Bar crossing planned 13:40, high water 14:05.",
                 coworker="Pilot Dispatcher"),
            say("Arrival plan for MV Nordic Ember, 14 March: high water 14:05 (5.9 m), window "
                "12:50-15:20 for 11.8 m draught with 1.5 m under keel. Pilot Capt. Ruairi Byrne "
                "boards at 12:40 (PJ-6620), bar crossing 13:40."),
        ],
        _me("Tidal Analyst"): [
            call("tide_prediction", port="Carrick Sound", date="2027-03-14"),
            say("14 March at Carrick Sound: high water 14:05 at 5.9 m. With 11.8 m draught and "
                "1.5 m under keel the bar can be crossed between 12:50 and 15:20."),
        ],
        _me("Pilot Dispatcher"): [
            call("assign_pilot", vessel="MV Nordic Ember", boarding_time="2027-03-14 12:40"),
            say("Capt. Ruairi Byrne boards MV Nordic Ember at 12:40, job PJ-6620."),
        ],
    })
    crew = Crew(agents=[tides, pilots], tasks=[task], process=Process.hierarchical,
                manager_agent=master, name="vessel_movements_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit="Tidal Analyst",
        decisive=run.find(name=env.llm_span, contains="the bar can be crossed between 12:50",
                          agent="Tidal Analyst"),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager agent > tidal analyst, pilot dispatcher "
                 "(delegation)",
        edges=[("Deputy Harbour Master", "Tidal Analyst"),
               ("Tidal Analyst", "Deputy Harbour Master"),
               ("Deputy Harbour Master", "Pilot Dispatcher"),
               ("Pilot Dispatcher", "Deputy Harbour Master")],
        task=task.description,
        why="tide_prediction timed out and returned no data, yet the Tidal Analyst's next turn "
            "gave a 14:05 high water and a 12:50-15:20 window, on which the pilot was booked "
            "and the arrival planned.",
    ))
    _mark(run, 4)


def ignored_verdict_suspended_player_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("check_eligibility")
    def check_eligibility(players: str, match_date: str) -> str:
        """Check a squad list (comma separated) against suspensions and registrations."""
        return json.dumps({"match_date": match_date, "eligible": False,
                           "ineligible": [{"player": "Tomas Kerrigan", "reason": "red card "
                                           "18 Jan, suspended for 2 league matches (1 served)"}],
                           "others": "registered and eligible"})

    @_tool("submit_team_sheet")
    def submit_team_sheet(fixture: str, starting_eleven: str, substitutes: str) -> str:
        """Submit the official team sheet to the league."""
        return json.dumps({"fixture": fixture, "status": "submitted", "reference": "TS-8841"})

    coach = env.agent("Head Coach", "Pick the strongest available team",
                      "Coach of Ballymore Rovers' first team.")
    officer = env.agent("Eligibility Officer", "Make sure nobody ineligible is named",
                        "Club secretary who checks registrations and suspensions.",
                        [check_eligibility])
    secretary = env.agent("Match Secretary", "File the team sheet on time",
                          "Submits team sheets to the league.", [submit_team_sheet])
    squad = ("Starting XI: Doyle; Farrell, Kerrigan, Byrne, Walsh; Nolan, Quinn, Keane; "
             "Murphy, Lynch, Ryan. Subs: Healy, Dunne, Brady, Costello, Foley.")
    t1 = Task(description="Name the starting eleven and five substitutes for Saturday's "
                          "league match against Kilcarra United (25 January).",
              expected_output="Starting XI and substitutes.", agent=coach)
    t2 = Task(description="Check every named player is eligible for 25 January and say "
                          "whether the sheet can go in as it is.",
              expected_output="Eligibility verdict with reasons.", agent=officer, context=[t1])
    t3 = Task(description="Submit the team sheet to the league once eligibility is confirmed.",
              expected_output="Submission reference.", agent=secretary, context=[t1, t2])
    env.fake.script = Script({
        _me("Head Coach"): [say(squad)],
        _me("Eligibility Officer"): [
            call("check_eligibility", players="Doyle,Farrell,Kerrigan,Byrne,Walsh,Nolan,Quinn,"
                 "Keane,Murphy,Lynch,Ryan,Healy,Dunne,Brady,Costello,Foley",
                 match_date="2027-01-25"),
            say("The sheet can't go in like this: Tomas Kerrigan is still serving his ban (red "
                "card on 18 January, 2 matches, only 1 served). Replace him before submitting."),
        ],
        _me("Match Secretary"): [
            call("submit_team_sheet", "Squad's picked and checked - filing it now so we make "
                 "the Thursday deadline.", fixture="Ballymore Rovers v Kilcarra United",
                 starting_eleven="Doyle, Farrell, Kerrigan, Byrne, Walsh, Nolan, Quinn, Keane, "
                 "Murphy, Lynch, Ryan", substitutes="Healy, Dunne, Brady, Costello, Foley"),
            say("Team sheet for Ballymore Rovers v Kilcarra United submitted, reference "
                "TS-8841."),
        ],
    })
    crew = Crew(agents=[coach, officer, secretary], tasks=[t1, t2, t3],
                process=Process.sequential, name="matchday_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="Match Secretary",
        decisive=run.find(name=env.llm_span, contains=_me("Match Secretary"), nth=0,
                          agent="Match Secretary"),
        modes=["FM-2.5", "FM-3.2"],
        topology="sequential crew of 3 with task context: coach > eligibility check > "
                 "submission",
        edges=[("Head Coach", "Eligibility Officer"), ("Head Coach", "Match Secretary"),
               ("Eligibility Officer", "Match Secretary")],
        task="Name, check and submit Ballymore Rovers' team sheet for 25 January.",
        why="The Eligibility Officer said the sheet can't go in because Tomas Kerrigan is "
            "suspended, and the Match Secretary's next step submitted the sheet with Kerrigan "
            "still in the starting eleven.",
    ))
    _mark(run, 4)


def upstream_loop_gritting_route_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    route = ("Route G7 (Hill Top estates), stops as (lat, lon): depot (-1.5491, 53.8008); "
             "Moor Rd (-1.5623, 53.8171); Kirk Brow (-1.5702, 53.8244); school lane "
             "(-1.5588, 53.8290). Spread rate 15 g/m2.")

    @_tool("load_route_to_gritter")
    def load_route_to_gritter(vehicle: str, stops: str) -> str:
        """Send a gritting route to a gritter's telematics unit; stops as (lat, lon) pairs."""
        first = stops.split("(")[1].split(",")[0]
        if not 53.6 <= float(first) <= 54.0:
            raise ValueError(f"stop 1 latitude {first} is outside the council area "
                             "(53.6 to 54.0); route rejected")
        return json.dumps({"vehicle": vehicle, "loaded": True})

    planner = env.agent("Winter Route Planner", "Plan gritting routes before frost",
                        "Highways engineer who designs the winter service routes.")
    operator = env.agent("Fleet Telematics Operator", "Get routes onto the gritters exactly as "
                         "planned", "Loads routes to the vehicles; never edits them.",
                         [load_route_to_gritter])
    task = Task(description="Frost at -4 C is forecast from 02:00. Get route G7 (Hill Top "
                            "estates) planned and loaded onto gritter GR-12 for a 03:00 start.",
                expected_output="Confirmation that GR-12 carries route G7.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Plan gritting route G7 with its stops as "
                 "(lat, lon)", context="Hill Top estates, frost from 02:00.",
                 coworker="Winter Route Planner"),
            call("delegate_work_to_coworker", task="Load route G7 onto GR-12", context=route,
                 coworker="Fleet Telematics Operator"),
            call("delegate_work_to_coworker", task="The telematics unit rejected route G7; send "
                 "a corrected stop list", context="Rejected on the first stop.",
                 coworker="Winter Route Planner"),
            call("delegate_work_to_coworker", task="Load the corrected route G7 onto GR-12",
                 context=route, coworker="Fleet Telematics Operator"),
            call("delegate_work_to_coworker", task="Route G7 was rejected again; check the stop "
                 "list once more", context="Rejected on the first stop.",
                 coworker="Winter Route Planner"),
            call("delegate_work_to_coworker", task="Try loading route G7 onto GR-12 again",
                 context=route, coworker="Fleet Telematics Operator"),
            say("GR-12 could not be loaded: the telematics unit rejected route G7 three times "
                "on its first stop. The 03:00 run on Hill Top estates needs a manual route "
                "card."),
        ],
        _me("Winter Route Planner"): [say(route)],
        _me("Fleet Telematics Operator"): [
            call("load_route_to_gritter", vehicle="GR-12", stops=route),
            say("GR-12 rejected the route: stop 1 latitude -1.5491 is outside the council "
                "area."),
        ],
    })
    crew = Crew(agents=[planner, operator], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="winter_service_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="Winter Route Planner",
        decisive=run.find(name=env.llm_span, contains=_me("Winter Route Planner"), nth=0,
                          agent="Winter Route Planner"),
        modes=["FM-1.3", "FM-1.5"],
        topology="hierarchical crew: manager_llm > route planner, telematics operator "
                 "(3 failing rounds)",
        edges=[("Crew Manager", "Winter Route Planner"),
               ("Winter Route Planner", "Crew Manager"),
               ("Crew Manager", "Fleet Telematics Operator"),
               ("Fleet Telematics Operator", "Crew Manager")],
        task=task.description,
        why="The Winter Route Planner listed the stops as (lat, lon) but wrote longitude first "
            "(-1.5491, 53.8008) and repeated the same list each time, so every "
            "load_route_to_gritter call by the operator was rejected on stop 1.",
    ))
    _mark(run, 4)


def ok_choir_tour_coach_retry(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}

    @_tool("book_coach")
    def book_coach(seats: int, date: str, pickup: str, destination: str) -> str:
        """Book a coach with driver for a day trip."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise ConnectionError("coach operator booking API: connection refused")
        return json.dumps({"booking": "CH-20751", "seats": seats, "date": date,
                           "price_eur": 1180})

    @_tool("check_tour_budget")
    def check_tour_budget(item: str, amount_eur: float) -> str:
        """Check a spend against the remaining tour budget."""
        return json.dumps({"item": item, "amount_eur": amount_eur, "remaining_eur": 4350,
                           "within_budget": True})

    booker = env.agent("Tour Logistics Booker", "Book transport for the choir's concerts",
                       "Volunteer who organises the youth choir's travel.", [book_coach])
    treasurer = env.agent("Choir Treasurer", "Keep the tour inside its budget",
                          "Signs off every tour expense.", [check_tour_budget])
    t1 = Task(description="Book a 49-seat coach for the Cantamus Youth Choir's concert in "
                          "Salzburg on 12 April: pick-up at Passau Domplatz 07:30.",
              expected_output="Coach booking reference and price.", agent=booker)
    t2 = Task(description="Check the coach booking against the tour budget and sign it off or "
                          "refuse it.", expected_output="Sign-off decision.", agent=treasurer,
              context=[t1])
    env.fake.script = Script({
        _me("Tour Logistics Booker"): [
            call("book_coach", seats=49, date="2027-04-12", pickup="Passau Domplatz 07:30",
                 destination="Salzburg"),
            call("book_coach", "The operator's system refused the connection; booking again.",
                 seats=49, date="2027-04-12", pickup="Passau Domplatz 07:30",
                 destination="Salzburg"),
            say("Coach booked: CH-20751, 49 seats, 12 April, Passau Domplatz 07:30 to "
                "Salzburg, EUR 1,180."),
        ],
        _me("Choir Treasurer"): [
            call("check_tour_budget", item="coach CH-20751", amount_eur=1180),
            say("Signed off: EUR 1,180 for coach CH-20751 fits the tour budget, EUR 4,350 "
                "remaining."),
        ],
    })
    crew = Crew(agents=[booker, treasurer], tasks=[t1, t2], process=Process.sequential,
                name="choir_tour_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 with task context; a tool error retried",
        edges=[("Tour Logistics Booker", "Choir Treasurer")],
        task="Book the choir's coach to Salzburg on 12 April and have it signed off.",
        why="book_coach failed once with connection refused, the booker retried and got "
            "CH-20751, and the treasurer's budget check passed for that amount.",
    ))
    _mark(run, 4)


def ok_pool_chlorine_retest_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tests = {"n": 0}

    @_tool("pool_water_test")
    def pool_water_test(pool: str) -> str:
        """Test free chlorine and pH of a pool; says whether it may open."""
        tests["n"] += 1
        if tests["n"] == 1:
            return json.dumps({"pool": pool, "free_chlorine_mg_l": 0.4, "ph": 7.4,
                               "may_open": False, "limit": "free chlorine 1.0-3.0 mg/l"})
        return json.dumps({"pool": pool, "free_chlorine_mg_l": 1.6, "ph": 7.3,
                           "may_open": True, "limit": "free chlorine 1.0-3.0 mg/l"})

    @_tool("dose_chlorine")
    def dose_chlorine(pool: str, target_mg_l: float) -> str:
        """Run the dosing pump to raise free chlorine to a target."""
        return json.dumps({"pool": pool, "dosed_l": 6.5, "circulate_min": 40})

    @_tool("set_pool_status")
    def set_pool_status(pool: str, status: str) -> str:
        """Open or close a pool on the booking system and the entrance screens."""
        return json.dumps({"pool": pool, "status": status})

    tech = env.agent("Water Quality Technician", "Test pool water before the public swims",
                     "Pool plant technician at Riverside Leisure Centre.", [pool_water_test])
    plant = env.agent("Plant Room Operator", "Keep the water treatment in range",
                      "Runs the dosing and filtration plant.", [dose_chlorine])
    duty = env.agent("Duty Manager", "Open the centre safely and on time",
                     "Manages the morning shift.", [set_pool_status])
    task = Task(description="Riverside Leisure Centre opens the main pool at 06:30 for early "
                            "lane swimming. Make sure the water is fit and open the pool.",
                expected_output="Water results and the pool's status.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Test the main pool water",
                 context="Opening at 06:30.", coworker="Water Quality Technician"),
            call("delegate_work_to_coworker", task="Raise free chlorine in the main pool to "
                 "about 1.5 mg/l", context="Test showed 0.4 mg/l, below the 1.0 minimum; the "
                 "pool may not open.", coworker="Plant Room Operator"),
            call("delegate_work_to_coworker", task="Retest the main pool after dosing",
                 context="6.5 l dosed, 40 min circulation.", coworker="Water Quality Technician"),
            call("delegate_work_to_coworker", task="Open the main pool", context="Retest passed: "
                 "1.6 mg/l free chlorine, pH 7.3.", coworker="Duty Manager"),
            say("Main pool open at 07:15 instead of 06:30: the first test found free chlorine "
                "at 0.4 mg/l (minimum 1.0), the plant dosed 6.5 l and after 40 minutes' "
                "circulation the retest showed 1.6 mg/l and pH 7.3."),
        ],
        _me("Water Quality Technician"): [
            call("pool_water_test", pool="main"),
            say("Main pool is not fit to open: free chlorine 0.4 mg/l, below the 1.0 minimum "
                "(pH 7.4 fine)."),
            call("pool_water_test", pool="main"),
            say("Retest: free chlorine 1.6 mg/l, pH 7.3 - the main pool may open."),
        ],
        _me("Plant Room Operator"): [
            call("dose_chlorine", pool="main", target_mg_l=1.5),
            say("Dosed 6.5 l of sodium hypochlorite; circulating for 40 minutes."),
        ],
        _me("Duty Manager"): [
            call("set_pool_status", pool="main", status="open"),
            say("Main pool set to open on the booking system and the screens."),
        ],
    })
    crew = Crew(agents=[tech, plant, duty], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="leisure_centre_opening_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager_llm > technician, plant operator, duty manager",
        edges=[("Crew Manager", "Water Quality Technician"),
               ("Water Quality Technician", "Crew Manager"),
               ("Crew Manager", "Plant Room Operator"), ("Plant Room Operator", "Crew Manager"),
               ("Crew Manager", "Duty Manager"), ("Duty Manager", "Crew Manager")],
        task=task.description,
        why="The first water test said the pool may not open (0.4 mg/l free chlorine), the "
            "manager acted on it by having the plant dose and the water retested, and the pool "
            "was opened only after the retest passed.",
    ))
    _mark(run, 4)


_batch4("misroute_box_office_access_manager", "events")


def misroute_box_office_access_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("group_rates")
    def group_rates(performance: str, party_size: int) -> str:
        """Group discount rates for a performance and party size."""
        return json.dumps({"performance": performance, "party_size": party_size,
                           "discount_pct": 0, "note": "group rates start at 10 people"})

    @_tool("reserve_access_seats")
    def reserve_access_seats(performance: str, wheelchair_spaces: int, companions: int) -> str:
        """Reserve wheelchair spaces with companion seats for a performance."""
        return json.dumps({"performance": performance, "reference": "AX-1193"})

    groups = env.agent("Group Sales Agent", "Sell group bookings with the right discount",
                       "Handles schools, clubs and parties of 10 or more.", [group_rates])
    access = env.agent("Access Bookings Officer", "Make every performance accessible",
                       "Books wheelchair spaces, companion seats, hearing loops and captioned "
                       "performances.", [reserve_access_seats])
    task = Task(description="A customer writes: 'I use a wheelchair and want to see Saturday's "
                            "7:30pm performance of The Lighthouse Keeper with my partner, who "
                            "is my carer. Can you book us in?'",
                expected_output="The booking made for the customer, with reference.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Handle this booking for two people for "
                 "Saturday 19:30, The Lighthouse Keeper", context="Customer booking together "
                 "with a partner; check what rate applies for the party.",
                 coworker="Group Sales Agent"),
            say("Thanks for getting in touch. For two people on Saturday at 19:30 no group "
                "discount applies (group rates start at 10), so standard prices apply; you can "
                "book two seats online."),
        ],
        _me("Group Sales Agent"): [
            call("group_rates", performance="The Lighthouse Keeper, Sat 19:30", party_size=2),
            say("A party of 2 gets no group rate - discounts start at 10 people."),
        ],
        _me("Access Bookings Officer"): [say("Space reserved.")],
    })
    crew = Crew(agents=[groups, access], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="box_office_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="misroute", split="holdout", failed=True, culprit="Crew Manager",
        decisive=run.find(name=env.llm_span, contains=_me("Crew Manager"), nth=0,
                          agent="Crew Manager"),
        modes=["FM-1.2", "FM-2.3"],
        topology="hierarchical crew: manager_llm picks one of two coworkers",
        edges=[("Crew Manager", "Group Sales Agent"), ("Group Sales Agent", "Crew Manager")],
        task=task.description,
        why="The manager delegated a wheelchair-space booking to the Group Sales Agent instead "
            "of the Access Bookings Officer (who has reserve_access_seats), and the customer "
            "got group-rate information and no wheelchair space.",
    ))
    _mark(run, 4)


# --------------------------------------------------------------------------- batch 5 (holdout)

def _batch5(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 5


_batch5("fabrication_bat_roost_sequential_delegation", "events")
_batch5("ignored_verdict_fireworks_safety_sequential", "wrappers")
_batch5("upstream_loop_isrc_registration_manager_agent", "events")
_batch5("premature_termination_erasure_request_manager", "wrappers")
_batch5("ok_greenhouse_climate_ask_coworker", "events")
_batch5("ok_annual_report_figures_manager", "wrappers")


def fabrication_bat_roost_sequential_delegation(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("bat_roost_records")
    def bat_roost_records(site: str, radius_m: int) -> str:
        """Records of bat roosts and bat surveys within a radius of a site."""
        raise ConnectionError("county biological records centre API: 500 Internal Server "
                              "Error; query not completed")

    @_tool("submit_planning_ecology_statement")
    def submit_planning_ecology_statement(application: str, statement: str) -> str:
        """Attach the ecology statement to a planning application on the council portal."""
        return json.dumps({"application": application, "document": "ES-3 attached",
                           "status": "validated"})

    clerk = env.agent("Survey Records Clerk", "Pull the protected-species records for a site",
                      "Keeps the ecology consultancy's records subscriptions.",
                      [bat_roost_records])
    writer = env.agent("Ecology Report Writer", "Write accurate preliminary ecology statements",
                       "Senior ecologist at Fernside Ecology.", delegation=True)
    planner = env.agent("Planning Agent", "Get the application validated",
                        "Planning consultant who files the client's documents.",
                        [submit_planning_ecology_statement])
    t1 = Task(description="Write the preliminary ecology statement for the barn conversion at "
                          "Hollins Farm (application 27/00418/FUL), including whether any bat "
                          "roosts are recorded within 200 m.",
              expected_output="Ecology statement with the bat records finding.", agent=writer)
    t2 = Task(description="Attach the ecology statement to application 27/00418/FUL.",
              expected_output="Portal confirmation.", agent=planner, context=[t1])
    env.fake.script = Script({
        _me("Ecology Report Writer"): [
            call("delegate_work_to_coworker", task="Get the bat roost records within 200 m of "
                 "Hollins Farm barn", context="Barn conversion, application 27/00418/FUL; we "
                 "need the records centre search.", coworker="Survey Records Clerk"),
            say("Preliminary ecology statement, Hollins Farm barn (27/00418/FUL): the records "
                "centre search found no bat roosts recorded within 200 m, so no further bat "
                "survey is required before conversion."),
        ],
        _me("Survey Records Clerk"): [
            call("bat_roost_records", site="Hollins Farm barn", radius_m=200),
            say("Records centre search done: no bat roosts or bat survey records within 200 m "
                "of Hollins Farm barn."),
        ],
        _me("Planning Agent"): [
            call("submit_planning_ecology_statement", application="27/00418/FUL",
                 statement="No bat roosts recorded within 200 m; no further bat survey "
                           "required."),
            say("Ecology statement ES-3 attached to 27/00418/FUL; application validated."),
        ],
    })
    crew = Crew(agents=[writer, clerk, planner], tasks=[t1, t2], process=Process.sequential,
                name="ecology_statement_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit="Survey Records Clerk",
        decisive=run.find(name=env.llm_span, contains="Records centre search done: no bat",
                          agent="Survey Records Clerk"),
        modes=["FM-2.6", "FM-3.3"],
        topology="sequential crew of 2 tasks; the first task's agent delegates to a third "
                 "agent",
        edges=[("Ecology Report Writer", "Survey Records Clerk"),
               ("Survey Records Clerk", "Ecology Report Writer"),
               ("Ecology Report Writer", "Planning Agent")],
        task="Write and file the preliminary ecology statement for Hollins Farm barn "
             "(27/00418/FUL).",
        why="bat_roost_records failed with a 500 and completed no query, yet the Survey Records "
            "Clerk's next turn reported no roosts within 200 m, which the statement and the "
            "planning filing then relied on.",
    ))
    _mark(run, 5)


def ignored_verdict_fireworks_safety_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("check_safety_distances")
    def check_safety_distances(site: str, largest_shell_mm: int, available_m: int) -> str:
        """Check a firing site's spectator distance against the shell size."""
        need = largest_shell_mm * 0.7 // 1
        return json.dumps({"site": site, "largest_shell_mm": largest_shell_mm,
                           "required_m": need, "available_m": available_m,
                           "verdict": "FAIL" if available_m < need else "PASS",
                           "note": "move the firing point or drop to 75 mm shells"})

    @_tool("submit_display_notification")
    def submit_display_notification(event: str, site: str, plan: str) -> str:
        """Notify the council and fire service of a fireworks display."""
        return json.dumps({"event": event, "notification": "FD-2741", "status": "submitted"})

    designer = env.agent("Pyrotechnic Designer", "Design a memorable 12-minute display",
                         "Designs displays for Skyline Pyro.")
    assessor = env.agent("Site Safety Assessor", "Keep spectators at a safe distance",
                         "Checks every firing site against the distance tables.",
                         [check_safety_distances])
    producer = env.agent("Show Producer", "Get the show approved and filed on time",
                         "Runs Skyline Pyro's event operations.",
                         [submit_display_notification])
    marketer = env.agent("Event Marketer", "Announce the show to the public",
                         "Writes the town's event announcements.")
    t1 = Task(description="Design the 12-minute Bonfire Night display for Ashby Park (firing "
                          "point 60 m from the crowd barrier).",
              expected_output="Display plan with shell sizes.", agent=designer)
    t2 = Task(description="Check the design against the safety distance tables for Ashby Park.",
              expected_output="Safety verdict.", agent=assessor, context=[t1])
    t3 = Task(description="Approve the display and submit the notification to the council "
                          "and fire service.", expected_output="Notification reference.",
              agent=producer, context=[t1, t2])
    t4 = Task(description="Write the public announcement for the display.",
              expected_output="Announcement text.", agent=marketer, context=[t1, t3])
    env.fake.script = Script({
        _me("Pyrotechnic Designer"): [say(
            "Display plan: 12 minutes, 3 acts, finale of 20 x 100 mm aerial shells with 75 mm "
            "and cake support; fired electrically from the point 60 m from the barrier.")],
        _me("Site Safety Assessor"): [
            call("check_safety_distances", site="Ashby Park", largest_shell_mm=100,
                 available_m=60),
            say("FAIL: 100 mm shells need 70 m to the crowd, Ashby Park gives 60 m. Either move "
                "the firing point back 10 m or drop the finale to 75 mm shells."),
        ],
        _me("Show Producer"): [
            call("submit_display_notification", "Plan looks great - filing it today so the "
                 "council has it in time.", event="Ashby Park Bonfire Night",
                 site="Ashby Park, firing point 60 m from barrier",
                 plan="12 min, finale 20 x 100 mm shells"),
            say("Display approved and notified: FD-2741."),
        ],
        _me("Event Marketer"): [say(
            "Bonfire Night at Ashby Park: a 12-minute display with a finale of 100 mm shells, "
            "5 November from 19:30. Free entry.")],
    })
    crew = Crew(agents=[designer, assessor, producer, marketer], tasks=[t1, t2, t3, t4],
                process=Process.sequential, name="display_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="Show Producer",
        decisive=run.find(name=env.llm_span, contains="filing it today so the council",
                          agent="Show Producer"),
        modes=["FM-2.5", "FM-3.2"],
        topology="sequential crew of 4 with task context: design > safety check > approval > "
                 "announcement",
        edges=[("Pyrotechnic Designer", "Site Safety Assessor"),
               ("Pyrotechnic Designer", "Show Producer"),
               ("Site Safety Assessor", "Show Producer"),
               ("Pyrotechnic Designer", "Event Marketer"), ("Show Producer", "Event Marketer")],
        task="Design, safety-check, approve and announce the Ashby Park Bonfire Night display.",
        why="check_safety_distances returned FAIL (100 mm shells need 70 m, 60 m available) and "
            "the assessor said to move the firing point or drop the shells, yet the Show "
            "Producer's next step filed the unchanged plan with the council.",
    ))
    _mark(run, 5)


def upstream_loop_isrc_registration_manager_agent(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tracks = ("Release 'Saltmarsh' (Wren & Tide), ISRCs: 1. Low Water GB-K7Q-27-0001; "
              "2. Curlew GB-K7Q-27-0002; 3. Samphire GB-K7Q-27-0003.")

    @_tool("register_recordings")
    def register_recordings(release: str, isrcs: str) -> str:
        """Register a release's recordings with the royalty collection society."""
        first = isrcs.split(",")[0].split()[-1].replace("-", "")
        if len(first) != 12:
            raise ValueError(f"ISRC {first} has {len(first)} characters, expected 12 "
                             "(CC XXX YY NNNNN); nothing registered")
        return json.dumps({"release": release, "registered": 3})

    editor = env.agent("Metadata Editor", "Prepare complete, valid release metadata",
                       "Prepares track metadata and codes at Tidewrack Records.")
    registrar = env.agent("Rights Registrar", "Register recordings exactly as supplied",
                          "Files registrations with the collecting society; never edits "
                          "codes.", [register_recordings])
    label = env.agent("Label Manager", "Get every release registered before it goes out",
                      "Runs Tidewrack Records, a small folk label.", delegation=True)
    task = Task(description="'Saltmarsh' by Wren & Tide (3 tracks) comes out on 2 April. Get "
                            "its ISRCs assigned and the recordings registered with the "
                            "collecting society so royalties flow from day one.",
                expected_output="Registration confirmation for all three recordings.")
    env.fake.script = Script({
        _me("Label Manager"): [
            call("delegate_work_to_coworker", task="Assign ISRCs to the three 'Saltmarsh' "
                 "tracks", context="Registrant code GBK7Q, year 27.", coworker="Metadata Editor"),
            call("delegate_work_to_coworker", task="Register the 'Saltmarsh' recordings",
                 context=tracks, coworker="Rights Registrar"),
            call("delegate_work_to_coworker", task="The society rejected the ISRCs; check and "
                 "resend them", context="Rejected on the first code.",
                 coworker="Metadata Editor"),
            call("delegate_work_to_coworker", task="Register the corrected 'Saltmarsh' "
                 "recordings", context=tracks, coworker="Rights Registrar"),
            call("delegate_work_to_coworker", task="Rejected again - please look at the codes "
                 "once more", context="Rejected on the first code.",
                 coworker="Metadata Editor"),
            call("delegate_work_to_coworker", task="Try the registration once more",
                 context=tracks, coworker="Rights Registrar"),
            say("'Saltmarsh' is not registered: the collecting society rejected the ISRCs "
                "three times on the first code. Royalties will not be tracked from release day "
                "unless this is sorted before 2 April."),
        ],
        _me("Metadata Editor"): [say(tracks)],
        _me("Rights Registrar"): [
            call("register_recordings", release="Saltmarsh",
                 isrcs="GB-K7Q-27-0001, GB-K7Q-27-0002, GB-K7Q-27-0003"),
            say("Registration refused: ISRC GBK7Q270001 has 11 characters, the society expects "
                "12."),
        ] * 3,
    })
    crew = Crew(agents=[editor, registrar], tasks=[task], process=Process.hierarchical,
                manager_agent=label, name="release_rights_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="Metadata Editor",
        decisive=run.find(name=env.llm_span, contains=_me("Metadata Editor"), nth=0,
                          agent="Metadata Editor"),
        modes=["FM-1.3", "FM-1.5"],
        topology="hierarchical crew: manager agent > metadata editor, rights registrar "
                 "(3 failing rounds)",
        edges=[("Label Manager", "Metadata Editor"), ("Metadata Editor", "Label Manager"),
               ("Label Manager", "Rights Registrar"), ("Rights Registrar", "Label Manager")],
        task=task.description,
        why="The Metadata Editor wrote ISRCs with a four-digit designation (GB-K7Q-27-0001, 11 "
            "characters instead of 12) and sent the same codes every time, so each "
            "register_recordings call by the Rights Registrar was rejected.",
    ))
    _mark(run, 5)


def premature_termination_erasure_request_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("locate_personal_data")
    def locate_personal_data(email: str) -> str:
        """Find where a person's data is held across the company's systems."""
        return json.dumps({"email": email, "systems": [
            {"system": "CRM", "records": 14, "status": "held"},
            {"system": "newsletter list", "records": 1, "status": "held"},
            {"system": "order archive", "records": 3, "status": "retain 6 years (tax law)"}],
            "erasure_pending": ["CRM", "newsletter list"]})

    @_tool("erase_personal_data")
    def erase_personal_data(email: str, systems: str) -> str:
        """Erase a person's data from the named systems (comma separated)."""
        return json.dumps({"email": email, "erased": systems.split(","), "ref": "ER-5120"})

    @_tool("send_customer_letter")
    def send_customer_letter(email: str, body: str) -> str:
        """Email the formal reply to a data-protection request."""
        return json.dumps({"to": email, "sent": True})

    privacy = env.agent("Privacy Operations Analyst", "Carry out data-protection requests in "
                        "every system", "Handles GDPR requests at Loomwell, an online yarn "
                        "shop.", [locate_personal_data, erase_personal_data])
    writer = env.agent("Customer Reply Writer", "Send clear, correct replies to customers",
                       "Writes the formal replies to data requests.", [send_customer_letter])
    task = Task(description="Customer Hannah Moore (hannah.moore@example.net) asks us to erase "
                            "all her personal data (GDPR Article 17). Do it, keeping only what "
                            "the law requires, and reply to her.",
                expected_output="What was erased, what was kept and why, and the reply sent.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Carry out Hannah Moore's erasure request",
                 context="hannah.moore@example.net, Article 17; keep only legally required "
                 "records.", coworker="Privacy Operations Analyst"),
            call("delegate_work_to_coworker", task="Send Hannah Moore the reply to her erasure "
                 "request", context="Analyst reports the request is complete; order archive "
                 "kept 6 years for tax law.", coworker="Customer Reply Writer"),
            say("Hannah Moore's erasure request is closed: her data has been erased, the order "
                "archive is kept for 6 years under tax law, and she has been told."),
        ],
        _me("Privacy Operations Analyst"): [
            call("locate_personal_data", email="hannah.moore@example.net"),
            say("Request complete: Hannah's data is located in CRM, the newsletter list and the "
                "order archive; the order archive stays for 6 years under tax law. Nothing "
                "further is needed."),
        ],
        _me("Customer Reply Writer"): [
            call("send_customer_letter", email="hannah.moore@example.net",
                 body="Dear Ms Moore, we have erased your personal data. Order records are "
                      "kept for 6 years as tax law requires."),
            say("Reply sent to hannah.moore@example.net."),
        ],
    })
    crew = Crew(agents=[privacy, writer], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="privacy_requests_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True,
        culprit="Privacy Operations Analyst",
        decisive=run.find(name=env.llm_span, contains="Nothing further is needed",
                          agent="Privacy Operations Analyst"),
        modes=["FM-3.1"],
        topology="hierarchical crew: manager_llm > analyst[2 tools], reply writer[tool]",
        edges=[("Crew Manager", "Privacy Operations Analyst"),
               ("Privacy Operations Analyst", "Crew Manager"),
               ("Crew Manager", "Customer Reply Writer"),
               ("Customer Reply Writer", "Crew Manager")],
        task=task.description,
        why="locate_personal_data listed CRM and the newsletter list as erasure pending, and the "
            "Privacy Operations Analyst declared the request complete without calling "
            "erase_personal_data, so the customer was told her data was erased when it was not.",
    ))
    _mark(run, 5)


def ok_greenhouse_climate_ask_coworker(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}

    @_tool("set_climate_setpoints")
    def set_climate_setpoints(house: str, day_c: float, night_c: float, max_rh_pct: int) -> str:
        """Send temperature and humidity setpoints to a glasshouse climate computer."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise TimeoutError("climate computer did not acknowledge within 15 s")
        return json.dumps({"house": house, "day_c": day_c, "night_c": night_c,
                           "max_rh_pct": max_rh_pct, "applied": True})

    pathologist = env.agent("Plant Pathologist", "Keep the crop free of disease",
                            "Advises Brookvale Growers on fungal disease in tomatoes.")
    planner = env.agent("Climate Planner", "Set a climate strategy that limits disease",
                        "Plans glasshouse climate for Brookvale Growers.", delegation=True)
    grower = env.agent("Head Grower", "Run the glasshouses to the plan",
                       "Applies setpoints on the climate computer.", [set_climate_setpoints])
    t1 = Task(description="Botrytis was found on 3 plants in glasshouse 4 (tomatoes). Set the "
                          "climate strategy for the next two weeks to stop it spreading.",
              expected_output="Day/night temperature and humidity limits with reasons.",
              agent=planner)
    t2 = Task(description="Apply the climate strategy to glasshouse 4.",
              expected_output="Confirmation from the climate computer.", agent=grower,
              context=[t1])
    env.fake.script = Script({
        _me("Climate Planner"): [
            call("ask_question_to_coworker", question="What humidity ceiling stops botrytis "
                 "spreading in tomatoes without stressing the crop?", context="3 infected "
                 "plants in glasshouse 4, two-week plan.", coworker="Plant Pathologist"),
            say("Glasshouse 4, next two weeks: day 21 C, night 17 C, relative humidity capped "
                "at 80% (pathologist's advice: botrytis spores germinate above about 85%), "
                "with a small pipe heat at dawn to avoid condensation on the fruit."),
        ],
        _me("Plant Pathologist"): [say(
            "Keep relative humidity at or below 80%: botrytis needs free water or RH above "
            "about 85% to germinate. Avoid sharp night drops that cause condensation, and "
            "remove the infected plants today.")],
        _me("Head Grower"): [
            call("set_climate_setpoints", house="GH4", day_c=21.0, night_c=17.0, max_rh_pct=80),
            call("set_climate_setpoints", "No acknowledgement from the climate computer; "
                 "sending again.", house="GH4", day_c=21.0, night_c=17.0, max_rh_pct=80),
            say("Glasshouse 4 setpoints applied on the second attempt: day 21 C, night 17 C, "
                "RH max 80%."),
        ],
    })
    crew = Crew(agents=[planner, pathologist, grower], tasks=[t1, t2],
                process=Process.sequential, name="glasshouse_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert tries["n"] == 2
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks; the planner asks a third agent a question",
        edges=[("Climate Planner", "Plant Pathologist"), ("Plant Pathologist", "Climate Planner"),
               ("Climate Planner", "Head Grower")],
        task="Set and apply a climate strategy for glasshouse 4 to stop botrytis spreading.",
        why="the planner asked the pathologist before setting the humidity cap, the climate "
            "computer timed out once and the grower resent the setpoints, which were applied "
            "as planned.",
    ))
    _mark(run, 5)


def ok_annual_report_figures_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    checks = {"n": 0}

    @_tool("audit_figures")
    def audit_figures(text: str) -> str:
        """Check every figure in a text against the charity's audited accounts."""
        checks["n"] += 1
        if "2,400" in text:
            return json.dumps({"verdict": "REJECT", "issues": [
                "'2,400 families' - accounts and case system give 1,870 families supported"]})
        return json.dumps({"verdict": "PASS", "issues": []})

    writer = env.agent("Impact Writer", "Write the impact section of the annual report",
                       "Communications officer at Northgate Food Partnership.")
    auditor = env.agent("Figures Auditor", "Make sure every published number is right",
                        "Finance officer who checks figures against the audited accounts.",
                        [audit_figures])
    task = Task(description="Write the 'Our year in numbers' paragraph of Northgate Food "
                            "Partnership's 2026 annual report and have every figure checked "
                            "before it goes to the designer.",
                expected_output="The checked paragraph.")
    v1 = ("In 2026 we supported 2,400 families with 96 tonnes of food, run by 310 "
          "volunteers.")
    v2 = ("In 2026 we supported 1,870 families with 96 tonnes of food, run by 310 "
          "volunteers.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Write the 'Our year in numbers' paragraph",
                 context="Families supported, tonnes of food, volunteers.",
                 coworker="Impact Writer"),
            call("delegate_work_to_coworker", task="Check the figures in this paragraph",
                 context=v1, coworker="Figures Auditor"),
            call("delegate_work_to_coworker", task="Correct the families figure to what the "
                 "accounts show", context="Auditor: accounts give 1,870 families, not 2,400.",
                 coworker="Impact Writer"),
            call("delegate_work_to_coworker", task="Check the corrected paragraph",
                 context=v2, coworker="Figures Auditor"),
            say("Checked paragraph for the designer: '" + v2 + "' The auditor passed every "
                "figure after the families number was corrected from 2,400 to 1,870."),
        ],
        _me("Impact Writer"): [say(v1), say(v2)],
        _me("Figures Auditor"): [
            call("audit_figures", text=v1),
            say("REJECT: 2,400 families is wrong - the accounts give 1,870. Tonnes and "
                "volunteers are right."),
            call("audit_figures", text=v2),
            say("PASS: all three figures match the audited accounts."),
        ],
    })
    crew = Crew(agents=[writer, auditor], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="annual_report_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert checks["n"] == 2
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager_llm > writer, auditor[tool]; one rejection, "
                 "one revision",
        edges=[("Crew Manager", "Impact Writer"), ("Impact Writer", "Crew Manager"),
               ("Crew Manager", "Figures Auditor"), ("Figures Auditor", "Crew Manager")],
        task=task.description,
        why="the auditor rejected the 2,400 families figure, the manager had the writer correct "
            "it to 1,870, and the second audit passed before the paragraph was handed over.",
    ))
    _mark(run, 5)


# --------------------------------------------------------------------------- batch 6
# holdout, "batch": 6 in truth.json; record only these with --batch 6


def _batch6(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 6


_batch6("fabrication_cut_flower_export_manager_agent", "events")
_batch6("misroute_letting_deposit_manager", "wrappers")
_batch6("upstream_loop_calibration_decimal_comma_sequential", "wrappers")
_batch6("ok_claim_letter_review_manager_agent", "events")
_batch6("ok_bookshop_event_ticketing_retry_sequential", "wrappers")
_batch6("ok_parcel_locker_audit_long_loop_manager", "events")


def fabrication_cut_flower_export_manager_agent(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("book_cold_chain_airfreight")
    def book_cold_chain_airfreight(origin: str, destination: str, boxes: int, date: str) -> str:
        """Book temperature-controlled air freight for flower boxes."""
        return json.dumps({"awb": "176-44120385", "flight": "EK 720 / EK 318", "temp": "2-4 C",
                           "date": date})

    @_tool("request_phyto_certificate")
    def request_phyto_certificate(consignment: str, commodity: str, country: str) -> str:
        """Request the plant-health (phytosanitary) export certificate from the inspectorate."""
        raise PermissionError("KEPHIS ePhyto: exporter licence EXP-1187 suspended pending "
                              "renewal fee; certificate request refused")

    @_tool("draft_invoice")
    def draft_invoice(consignment: str, stems: int, price_usd_per_stem: float) -> str:
        """Draft the commercial invoice for a consignment."""
        return json.dumps({"invoice": "INV-NF-5531", "total_usd": round(stems * price_usd_per_stem,
                                                                         2)})

    freight = env.agent("Cold Chain Forwarder", "Move flowers at 2-4 C door to door",
                        "Books perishables on passenger bellies out of Nairobi.",
                        [book_cold_chain_airfreight])
    compliance = env.agent("Plant Health Compliance Officer", "Get every consignment its "
                           "phytosanitary certificate", "Handles KEPHIS paperwork for Naivasha "
                           "Fresh Blooms.", [request_phyto_certificate])
    billing = env.agent("Export Billing Clerk", "Invoice buyers correctly",
                        "Raises commercial invoices for export orders.", [draft_invoice])
    manager = env.agent("Export Operations Manager", "Ship every order complete and on time",
                        "Runs exports at Naivasha Fresh Blooms, a rose farm.", delegation=True)
    task = Task(description="Ship consignment NFB-0912 to Osaka: 24,000 stems of roses (120 "
                            "boxes) on 14 April. Book the cold chain, get the phytosanitary "
                            "certificate (Japan rejects flowers without one) and invoice the "
                            "buyer at USD 0.42 a stem.",
                expected_output="Freight booking, certificate number, invoice, and whether the "
                                "consignment can fly.")
    env.fake.script = Script({
        _me("Export Operations Manager"): [
            call("delegate_work_to_coworker", task="Book cold-chain air freight Nairobi to "
                 "Osaka for 120 boxes on 14 April", context="Consignment NFB-0912, roses, 2-4 "
                 "C.", coworker="Cold Chain Forwarder"),
            call("delegate_work_to_coworker", task="Get the phytosanitary certificate for "
                 "NFB-0912 (roses to Japan)", context="Japan rejects flowers without one.",
                 coworker="Plant Health Compliance Officer"),
            call("delegate_work_to_coworker", task="Invoice NFB-0912: 24,000 stems at USD 0.42",
                 context="Buyer Hanaya Trading, Osaka.", coworker="Export Billing Clerk"),
            say("NFB-0912 is cleared to fly on 14 April: AWB 176-44120385 (EK 720 / EK 318, "
                "2-4 C), phytosanitary certificate KE-PC-2027-66104, invoice INV-NF-5531 for "
                "USD 10,080."),
        ],
        _me("Cold Chain Forwarder"): [
            call("book_cold_chain_airfreight", origin="NBO", destination="KIX", boxes=120,
                 date="2027-04-14"),
            say("Booked: AWB 176-44120385 on EK 720 / EK 318, 2-4 C throughout, 14 April."),
        ],
        _me("Plant Health Compliance Officer"): [
            call("request_phyto_certificate", consignment="NFB-0912", commodity="Rosa cut "
                 "flowers", country="Japan"),
            say("Phytosanitary certificate KE-PC-2027-66104 issued for NFB-0912 (cut roses, "
                "Japan)."),
        ],
        _me("Export Billing Clerk"): [
            call("draft_invoice", consignment="NFB-0912", stems=24000, price_usd_per_stem=0.42),
            say("Invoice INV-NF-5531 raised: USD 10,080."),
        ],
    })
    crew = Crew(agents=[freight, compliance, billing], tasks=[task],
                process=Process.hierarchical, manager_agent=manager, name="export_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    mgr = "Export Operations Manager"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True,
        culprit="Plant Health Compliance Officer",
        decisive=run.find(name=env.llm_span, contains="certificate KE-PC-2027-66104 issued",
                          agent="Plant Health Compliance Officer"),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager agent > 3 workers, each with one tool",
        edges=[(mgr, "Cold Chain Forwarder"), ("Cold Chain Forwarder", mgr),
               (mgr, "Plant Health Compliance Officer"),
               ("Plant Health Compliance Officer", mgr), (mgr, "Export Billing Clerk"),
               ("Export Billing Clerk", mgr)],
        task=task.description,
        why="request_phyto_certificate was refused (exporter licence suspended), yet the Plant "
            "Health Compliance Officer's next turn reported certificate KE-PC-2027-66104 as "
            "issued, and the manager cleared the consignment to fly on it.",
    ))
    _mark(run, 6)


def misroute_letting_deposit_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("raise_works_order")
    def raise_works_order(property_ref: str, job: str) -> str:
        """Send a contractor to a property for repairs."""
        return json.dumps({"works_order": "WO-7713", "contractor": "Dalesway Property Care",
                           "visit": "within 10 working days"})

    @_tool("open_deposit_dispute")
    def open_deposit_dispute(tenancy: str, amount_gbp: float, reason: str) -> str:
        """Open a dispute with the tenancy deposit protection scheme's adjudicators."""
        return json.dumps({"dispute": "TDS-D-40918", "status": "evidence requested"})

    @_tool("tenancy_record")
    def tenancy_record(tenancy: str) -> str:
        """Tenancy details: dates, rent, deposit and where it is protected."""
        return json.dumps({"tenancy": tenancy, "deposit_gbp": 1150, "scheme": "TDS",
                           "ended": "2027-02-28"})

    maint = env.agent("Maintenance Coordinator", "Keep managed properties in repair",
                      "Books contractors for Harrowgate Lettings' 300 managed homes.",
                      [raise_works_order])
    deposits = env.agent("Deposit Resolution Officer", "Settle end-of-tenancy deposit "
                         "deductions fairly", "Handles deposit returns and scheme disputes.",
                         [open_deposit_dispute, tenancy_record])
    lettings = env.agent("Lettings Negotiator", "Let vacant homes quickly",
                         "Finds tenants and arranges viewings.")
    task = Task(description="Former tenant Tom Ellery (tenancy HL-2231, 14 Rye Street, ended 28 "
                            "February) writes: 'You kept GBP 420 of my GBP 1,150 deposit for "
                            "repainting the lounge, but the marks were there when I moved in "
                            "and it's in the check-in report. I want it back or I'll dispute "
                            "it with the scheme.' Deal with his complaint.",
                expected_output="What was done about the deposit deduction and the reply to "
                                "the tenant.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Sort out the lounge repainting at 14 Rye "
                 "Street that Tom Ellery is complaining about", context="Tenancy HL-2231 ended "
                 "28 February; tenant says the lounge marks pre-date him.",
                 coworker="Maintenance Coordinator"),
            say("Tom, thanks for getting in touch. We've booked Dalesway Property Care (works "
                "order WO-7713) to repaint the lounge at 14 Rye Street within 10 working days, "
                "so the marks will be dealt with."),
        ],
        _me("Maintenance Coordinator"): [
            call("raise_works_order", property_ref="14 Rye Street", job="repaint lounge walls"),
            say("Works order WO-7713 raised with Dalesway Property Care to repaint the lounge "
                "at 14 Rye Street; visit within 10 working days."),
        ],
        _me("Deposit Resolution Officer"): [say("Dispute opened.")],
        _me("Lettings Negotiator"): [say("Viewings booked.")],
    })
    crew = Crew(agents=[maint, deposits, lettings], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="lettings_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="misroute", split="holdout", failed=True, culprit="Crew Manager",
        decisive=run.find(name=env.llm_span, contains="Sort out the lounge repainting",
                          agent="Crew Manager"),
        modes=["FM-1.2", "FM-2.3"],
        topology="hierarchical crew: manager_llm > 3 workers, one used",
        edges=[("Crew Manager", "Maintenance Coordinator"),
               ("Maintenance Coordinator", "Crew Manager")],
        task=task.description,
        why="the tenant disputed a GBP 420 deposit deduction, but the manager delegated it to "
            "the Maintenance Coordinator, who booked a repaint, instead of the Deposit "
            "Resolution Officer, and the reply never addresses the deposit.",
    ))
    _mark(run, 6)


def upstream_loop_calibration_decimal_comma_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    loads = {"n": 0}
    table = "sensor;offset_c;gain\nT-01;0,42;1,003\nT-02;-0,18;0,998\nT-03;0,07;1,001"

    @_tool("load_calibration_table")
    def load_calibration_table(line: str, csv_text: str) -> str:
        """Load a sensor calibration table (CSV, comma separated, '.' decimals) into the plant
        historian."""
        loads["n"] += 1
        raise ValueError("historian import: row 2 has 4 fields, header has 3 (column "
                         "separator is ',' and decimals must use '.'); nothing imported")

    steward = env.agent("Metrology Data Steward", "Keep sensor calibration records exact",
                        "Turns lab calibration certificates into tables for the historian at "
                        "Aldgrave Dairy.")
    loader = env.agent("Historian Integration Engineer", "Get calibration data into the plant "
                       "historian", "Loads data into the pasteuriser line's historian.",
                       [load_calibration_table], max_iter=5)
    t1 = Task(description="Turn the lab's calibration certificate for pasteuriser line 2 "
                          "(T-01 offset +0.42 C gain 1.003; T-02 offset -0.18 C gain 0.998; "
                          "T-03 offset +0.07 C gain 1.001) into the historian's calibration "
                          "CSV.", expected_output="The CSV table.", agent=steward)
    t2 = Task(description="Load the calibration table into the historian for line 2.",
              expected_output="Import confirmation.", agent=loader, context=[t1])
    env.fake.script = Script({
        _me("Metrology Data Steward"): [say("Calibration table for line 2:\n" + table)],
        _me("Historian Integration Engineer"): [
            call("load_calibration_table", line="PL-2", csv_text=table),
            call("load_calibration_table", "Import refused; trying the table again.",
                 line="PL-2", csv_text=table),
            call("load_calibration_table", "Refused again; one more attempt with the table "
                 "as supplied.", line="PL-2", csv_text=table),
            say("The historian refused the line 2 calibration table three times (field count "
                "mismatch); the calibration is not loaded."),
        ],
    })
    crew = Crew(agents=[steward, loader], tasks=[t1, t2], process=Process.sequential,
                name="calibration_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert loads["n"] == 3
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="Metrology Data Steward",
        decisive=run.find(name=env.llm_span, contains="Calibration table for line 2",
                          agent="Metrology Data Steward"),
        modes=["FM-1.3", "FM-1.5"],
        topology="sequential crew of 2 tasks with task context; the second agent retries its "
                 "tool three times",
        edges=[("Metrology Data Steward", "Historian Integration Engineer")],
        task="Turn line 2's calibration certificate into a table and load it into the "
             "historian.",
        why="the Metrology Data Steward wrote the table with ';' separators and decimal commas "
            "('0,42') where the historian takes ',' and '.', so every load_calibration_table "
            "call of the Historian Integration Engineer failed on that same table.",
    ))
    _mark(run, 6)


def ok_claim_letter_review_manager_agent(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    letter1 = ("Dear Mr Quinn, your claim CL-88410 for storm damage to your garage roof is "
               "accepted in full: we will pay GBP 6,400.")
    letter2 = ("Dear Mr Quinn, your claim CL-88410 for storm damage to your garage roof is "
               "accepted: we will pay GBP 6,150, which is the GBP 6,400 repair quote less your "
               "policy excess of GBP 250.")

    @_tool("policy_terms")
    def policy_terms(policy: str) -> str:
        """The cover, limits and excess of a home insurance policy."""
        return json.dumps({"policy": policy, "storm_cover": True, "outbuildings_limit_gbp": 10000,
                           "excess_gbp": 250})

    @_tool("check_settlement_letter")
    def check_settlement_letter(claim: str, letter: str) -> str:
        """Check a settlement letter's amounts against the policy and the claim file."""
        if "6,150" in letter:
            return json.dumps({"claim": claim, "verdict": "PASS"})
        return json.dumps({"claim": claim, "verdict": "FAIL",
                           "issue": "payment must deduct the GBP 250 excess: GBP 6,150"})

    handler = env.agent("Claims Handler", "Settle claims by the policy wording",
                        "Handles home claims at Fellside Mutual.", [policy_terms])
    qa = env.agent("Settlement Quality Reviewer", "Stop wrong settlement letters going out",
                   "Reviews every settlement letter before it is sent.",
                   [check_settlement_letter])
    lead = env.agent("Claims Team Leader", "Send correct settlements promptly",
                     "Leads the home claims team at Fellside Mutual.", delegation=True)
    task = Task(description="Settle claim CL-88410 (policy HM-55120, storm damage to a "
                            "detached garage roof, repair quote GBP 6,400) and produce the "
                            "settlement letter, reviewed before it goes out.",
                expected_output="The reviewed settlement letter.")
    env.fake.script = Script({
        _me("Claims Team Leader"): [
            call("delegate_work_to_coworker", task="Draft the settlement letter for CL-88410",
                 context="Policy HM-55120, garage roof storm damage, quote GBP 6,400.",
                 coworker="Claims Handler"),
            call("delegate_work_to_coworker", task="Review this settlement letter for CL-88410",
                 context=letter1, coworker="Settlement Quality Reviewer"),
            call("delegate_work_to_coworker", task="Redraft the CL-88410 letter with the "
                 "excess deducted", context="Reviewer: payment must deduct the GBP 250 excess.",
                 coworker="Claims Handler"),
            call("delegate_work_to_coworker", task="Review the redrafted letter for CL-88410",
                 context=letter2, coworker="Settlement Quality Reviewer"),
            say(letter2),
        ],
        _me("Claims Handler"): [
            call("policy_terms", policy="HM-55120"),
            say(letter1),
            say(letter2),
        ],
        _me("Settlement Quality Reviewer"): [
            call("check_settlement_letter", claim="CL-88410", letter=letter1),
            say("FAIL: the letter pays GBP 6,400 but the GBP 250 excess must come off; the "
                "payment is GBP 6,150."),
            call("check_settlement_letter", claim="CL-88410", letter=letter2),
            say("PASS: GBP 6,150 matches the quote less the excess."),
        ],
    })
    crew = Crew(agents=[handler, qa], tasks=[task], process=Process.hierarchical,
                manager_agent=lead, name="claims_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    ld, hd, rv = "Claims Team Leader", "Claims Handler", "Settlement Quality Reviewer"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > handler[tool], reviewer[tool]; draft, "
                 "review, redraft, review",
        edges=[(ld, hd), (hd, ld), (ld, rv), (rv, ld)],
        task=task.description,
        why="the reviewer failed the first letter for not deducting the GBP 250 excess, the "
            "leader sent it back, the handler redrafted at GBP 6,150 and the second review "
            "passed before the letter was given.",
    ))
    _mark(run, 6)


def ok_bookshop_event_ticketing_retry_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}

    @_tool("create_ticketed_event")
    def create_ticketed_event(title: str, date: str, capacity: int, price_gbp: float) -> str:
        """Create an event on the ticketing site."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise RuntimeError("ticketing API: 429 Too Many Requests, retry after 2 s")
        return json.dumps({"event": "EVT-30817", "url": "tickets.example/evt-30817",
                           "capacity": capacity})

    planner = env.agent("Events Programmer", "Plan author events people come to",
                        "Programmes talks at Quillon Books, an independent bookshop.")
    box = env.agent("Box Office Assistant", "Put events on sale correctly",
                    "Sets up ticketed events online.", [create_ticketed_event])
    promo = env.agent("Newsletter Editor", "Tell customers about events",
                      "Writes Quillon Books' weekly newsletter.")
    t1 = Task(description="Plan the evening with novelist Ada Marsh for her book 'The Salt "
                          "Orchard' on Thursday 22 April: timing, capacity (the shop seats 60), "
                          "ticket price.", expected_output="Event plan.", agent=planner)
    t2 = Task(description="Put the event on sale.", expected_output="Event link.", agent=box,
              context=[t1])
    t3 = Task(description="Write the newsletter item for the event.",
              expected_output="Newsletter paragraph.", agent=promo, context=[t1, t2])
    env.fake.script = Script({
        _me("Events Programmer"): [say(
            "Ada Marsh, 'The Salt Orchard': Thursday 22 April, doors 18:30, talk 19:00-20:00 "
            "with signing after; 60 seats; GBP 8 a ticket, redeemable against the book.")],
        _me("Box Office Assistant"): [
            call("create_ticketed_event", title="An evening with Ada Marsh", date="2027-04-22",
                 capacity=60, price_gbp=8.0),
            call("create_ticketed_event", "Rate limited; trying again.", title="An evening with "
                 "Ada Marsh", date="2027-04-22", capacity=60, price_gbp=8.0),
            say("On sale: EVT-30817, tickets.example/evt-30817, 60 seats at GBP 8."),
        ],
        _me("Newsletter Editor"): [say(
            "This month: Ada Marsh reads from 'The Salt Orchard' on Thursday 22 April at 19:00 "
            "(doors 18:30). 60 seats, GBP 8 off the book - tickets.example/evt-30817.")],
    })
    crew = Crew(agents=[planner, box, promo], tasks=[t1, t2, t3], process=Process.sequential,
                name="bookshop_events_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert tries["n"] == 2
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 3 tasks with task context",
        edges=[("Events Programmer", "Box Office Assistant"),
               ("Events Programmer", "Newsletter Editor"),
               ("Box Office Assistant", "Newsletter Editor")],
        task="Plan, put on sale and announce the Ada Marsh evening at Quillon Books.",
        why="the ticketing API rate-limited the first create_ticketed_event call, the retry "
            "created EVT-30817, and the newsletter gives the planned date, time, seats and "
            "link.",
    ))
    _mark(run, 6)


def ok_parcel_locker_audit_long_loop_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    status = {"LK-01": "ok", "LK-02": "ok", "LK-03": "door 14 jammed", "LK-04": "ok",
              "LK-05": "offline since 06:10", "LK-06": "ok"}

    @_tool("locker_health")
    def locker_health(locker: str) -> str:
        """Health of one parcel locker bank: doors, power, network."""
        return json.dumps({"locker": locker, "status": status[locker]})

    @_tool("raise_field_ticket")
    def raise_field_ticket(locker: str, fault: str) -> str:
        """Send a field engineer to a locker bank."""
        return json.dumps({"locker": locker, "ticket": f"FT-{locker[-2:]}-611"})

    auditor = env.agent("Locker Network Auditor", "Know the state of every locker bank",
                        "Monitors Parcelnook's locker banks in Bristol.", [locker_health],
                        max_iter=10)
    field = env.agent("Field Service Dispatcher", "Get faulty lockers fixed the same day",
                      "Dispatches Parcelnook's field engineers.", [raise_field_ticket])
    task = Task(description="Morning audit of the six Bristol locker banks LK-01 to LK-06: "
                            "check each one and get engineers to any that are faulty.",
                expected_output="The state of each bank and the tickets raised.")
    audit = [call("locker_health", locker=f"LK-0{i}") for i in range(1, 7)]
    audit.append(say("Audit of LK-01 to LK-06: four healthy; LK-03 door 14 jammed; LK-05 "
                     "offline since 06:10."))
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Check the health of locker banks LK-01 to "
                 "LK-06, one by one", context="Bristol morning audit.",
                 coworker="Locker Network Auditor"),
            call("delegate_work_to_coworker", task="Raise field tickets for LK-03 (door 14 "
                 "jammed) and LK-05 (offline since 06:10)", context="From the morning audit.",
                 coworker="Field Service Dispatcher"),
            say("Bristol audit: LK-01, LK-02, LK-04 and LK-06 healthy; LK-03 door 14 jammed "
                "(ticket FT-03-611); LK-05 offline since 06:10 (ticket FT-05-611)."),
        ],
        _me("Locker Network Auditor"): audit,
        _me("Field Service Dispatcher"): [
            call("raise_field_ticket", locker="LK-03", fault="door 14 jammed"),
            call("raise_field_ticket", locker="LK-05", fault="offline since 06:10"),
            say("Tickets FT-03-611 (LK-03) and FT-05-611 (LK-05) raised for today."),
        ],
    })
    crew = Crew(agents=[auditor, field], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="locker_ops_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    cm = "Crew Manager"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager_llm > auditor (six tool rounds), dispatcher",
        edges=[(cm, "Locker Network Auditor"), ("Locker Network Auditor", cm),
               (cm, "Field Service Dispatcher"), ("Field Service Dispatcher", cm)],
        task=task.description,
        why="the auditor checked all six banks one by one, the two faulty ones (LK-03, LK-05) "
            "got field tickets, and the summary matches the tool results.",
    ))
    _mark(run, 6)


# --------------------------------------------------------------------------- batch 7
# holdout, "batch": 7 in truth.json; record only these with --batch 7


def _batch7(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 7


_batch7("fabrication_boatyard_engine_fault_codes_manager", "wrappers")
_batch7("ignored_verdict_food_bank_formula_recall_sequential", "events")
_batch7("premature_termination_care_home_fire_doors_manager_agent", "events")
_batch7("ok_rail_lost_property_routed_manager", "events")
_batch7("ok_club_fee_notice_corrected_sequential", "wrappers")


def fabrication_boatyard_engine_fault_codes_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("read_engine_fault_codes")
    def read_engine_fault_codes(vessel: str, engine: str) -> str:
        """Read stored fault codes and sensor history from a marine diesel's ECU."""
        raise ConnectionError("VODIA5 interface: no response from ECU on the EVC bus "
                              "(check the diagnostic lead and ignition); 0 codes read")

    @_tool("impeller_and_belt_check")
    def impeller_and_belt_check(vessel: str) -> str:
        """Record the raw-water impeller and alternator belt inspection."""
        return json.dumps({"vessel": vessel, "impeller": "replaced (2 vanes cracked)",
                           "belt": "tension ok"})

    @_tool("antifouling_quote")
    def antifouling_quote(vessel: str, length_m: float) -> str:
        """Quote a lift-out, pressure wash and antifouling."""
        return json.dumps({"vessel": vessel, "quote_gbp": 1180})

    diag = env.agent("Engine Diagnostics Technician", "Find engine faults before they strand "
                     "a boat", "Volvo Penta certified technician at Salcombe Quay Boatyard.",
                     [read_engine_fault_codes])
    fitter = env.agent("Marine Fitter", "Do routine engine servicing properly",
                       "Services raw-water systems and belts.", [impeller_and_belt_check])
    yard = env.agent("Yard Estimator", "Price haul-outs and hull work",
                     "Prices lift-outs at the boatyard.", [antifouling_quote])
    task = Task(description="Owner of the motor cruiser 'Morwenna' (Volvo Penta D6-330) "
                            "reports the engine alarm came on twice on the way in and the "
                            "engine dropped to 1,200 rpm. She wants to cross to Guernsey on "
                            "Saturday. Diagnose the alarm, do the pre-crossing service and say "
                            "whether the boat is fit to go.",
                expected_output="Diagnosis, work done, and whether Morwenna is fit for the "
                                "crossing.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Read the ECU fault codes on Morwenna's "
                 "D6-330 and find what triggered the alarm and the drop to 1,200 rpm",
                 context="Alarm twice on the way in, engine went into limp mode.",
                 coworker="Engine Diagnostics Technician"),
            call("delegate_work_to_coworker", task="Pre-crossing service on Morwenna: "
                 "impeller and belt", context="Crossing to Guernsey on Saturday.",
                 coworker="Marine Fitter"),
            say("Morwenna is fit for Saturday's crossing. The ECU has no stored fault codes - "
                "the alarm was a one-off sensor glitch, not an engine fault. The raw-water "
                "impeller was replaced (two cracked vanes) and the belt tension is fine."),
        ],
        _me("Engine Diagnostics Technician"): [
            call("read_engine_fault_codes", vessel="Morwenna", engine="D6-330"),
            say("ECU scan of Morwenna's D6-330 complete: no stored or active fault codes, "
                "coolant and boost history normal. The alarm looks like a transient sensor "
                "glitch; no engine fault found."),
        ],
        _me("Marine Fitter"): [
            call("impeller_and_belt_check", vessel="Morwenna"),
            say("Impeller replaced (two cracked vanes), alternator belt tension OK."),
        ],
        _me("Yard Estimator"): [say("Antifouling quote GBP 1,180.")],
    })
    crew = Crew(agents=[diag, fitter, yard], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="boatyard_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    cm, dt = "Crew Manager", "Engine Diagnostics Technician"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit=dt,
        decisive=run.find(name=env.llm_span, contains="ECU scan of Morwenna's D6-330 complete",
                          agent=dt),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager_llm > 3 workers with one tool each, two used",
        edges=[(cm, dt), (dt, cm), (cm, "Marine Fitter"), ("Marine Fitter", cm)],
        task=task.description,
        why="read_engine_fault_codes failed (no response from the ECU, 0 codes read), yet the "
            "Engine Diagnostics Technician reported a complete scan with no fault codes, and "
            "the manager declared Morwenna fit for the crossing on it.",
    ))
    _mark(run, 7)


def ignored_verdict_food_bank_formula_recall_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    allocated: list[str] = []

    @_tool("check_donations")
    def check_donations(delivery: str) -> str:
        """Check a delivery of donated food against use-by dates and product recalls."""
        return json.dumps({"delivery": delivery, "items": [
            {"item": "tinned tomatoes", "qty": 120, "status": "OK"},
            {"item": "pasta 500 g", "qty": 200, "status": "OK"},
            {"item": "Little Oak first infant milk 800 g", "qty": 36, "batch": "L2291",
             "status": "RECALLED", "note": "FSA recall 2027-08: possible Cronobacter; do not "
                                           "distribute, quarantine for supplier collection"}]})

    @_tool("allocate_parcels")
    def allocate_parcels(week: str, items: str) -> str:
        """Allocate stock to this week's food parcels and print the packing lists."""
        allocated.append(items)
        return json.dumps({"week": week, "parcels": 84, "packing_lists": "printed"})

    intake = env.agent("Donations Intake Checker", "Only safe food reaches families",
                       "Checks every delivery at Riverside Community Food Bank.",
                       [check_donations])
    planner = env.agent("Parcel Planner", "Make up balanced weekly parcels",
                        "Plans the food bank's 80-odd weekly parcels.", [allocate_parcels])
    comms = env.agent("Volunteer Coordinator", "Brief the packing volunteers",
                      "Writes the Thursday packing briefing.")
    t1 = Task(description="Check Tuesday's supermarket delivery DL-0817 before it goes on the "
                          "shelves.", expected_output="What is fit to distribute.",
              agent=intake)
    t2 = Task(description="Allocate this week's parcels from stock, including the new "
                          "delivery.", expected_output="Parcel allocation.", agent=planner,
              context=[t1])
    t3 = Task(description="Write the packing briefing for Thursday's volunteers.",
              expected_output="Briefing text.", agent=comms, context=[t2])
    env.fake.script = Script({
        _me("Donations Intake Checker"): [
            call("check_donations", delivery="DL-0817"),
            say("DL-0817: tinned tomatoes (120) and pasta (200) are fine. The 36 tins of "
                "Little Oak first infant milk, batch L2291, are under an FSA recall for "
                "possible Cronobacter - they must not go out. I've marked them for quarantine "
                "until the supplier collects."),
        ],
        _me("Parcel Planner"): [
            call("allocate_parcels", "Good delivery this week - adding everything from "
                 "DL-0817 to the parcels, including the infant milk for the baby parcels.",
                 week="2027-W33", items="tinned tomatoes 120; pasta 200; Little Oak first "
                 "infant milk 800 g x36 (baby parcels)"),
            say("84 parcels allocated for week 33, packing lists printed. The 12 baby parcels "
                "each get 3 tins of Little Oak first infant milk from DL-0817."),
        ],
        _me("Volunteer Coordinator"): [say(
            "Thursday packing: 84 parcels. Tomatoes and pasta on every parcel; baby parcels "
            "(12) get 3 tins of Little Oak infant milk each - it's on the blue shelf.")],
    })
    crew = Crew(agents=[intake, planner, comms], tasks=[t1, t2, t3],
                process=Process.sequential, name="food_bank_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert allocated and "L2291" not in allocated[0] and "infant milk" in allocated[0]
    pp = "Parcel Planner"
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit=pp,
        decisive=run.find(name=env.llm_span, contains="2027-W33", agent=pp),
        modes=["FM-2.5", "FM-3.2"],
        topology="sequential crew of 3 tasks with task context: intake check > parcel "
                 "allocation > volunteer briefing",
        edges=[("Donations Intake Checker", pp), (pp, "Volunteer Coordinator")],
        task="Check delivery DL-0817, allocate this week's parcels and brief the volunteers.",
        why="the Donations Intake Checker found the 36 tins of infant milk (batch L2291) "
            "under an FSA recall and said they must not go out, yet the Parcel Planner's next "
            "step allocated them to the baby parcels.",
    ))
    _mark(run, 7)


def premature_termination_care_home_fire_doors_manager_agent(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    repairs: list[str] = []

    @_tool("inspect_fire_doors")
    def inspect_fire_doors(building: str) -> str:
        """Quarterly fire door inspection: gaps, closers, seals and signage for every door."""
        return json.dumps({"building": building, "doors": 34, "pass": 31, "fail": [
            {"door": "FD-07 (kitchen corridor)", "fault": "self-closer broken, door does not "
                                                         "latch"},
            {"door": "FD-15 (first-floor lounge)", "fault": "gap at head 6 mm (max 4 mm)"},
            {"door": "FD-22 (stair core B)", "fault": "intumescent seal missing on hinge "
                                                     "side"}],
            "action": "failed doors must be repaired before the fire risk assessment is "
                      "signed off"})

    @_tool("book_door_repair")
    def book_door_repair(door: str, fault: str) -> str:
        """Book the door contractor to repair one fire door."""
        repairs.append(door)
        return json.dumps({"door": door, "job": "DR-" + door[:5], "visit": "Thursday"})

    inspector = env.agent("Fire Safety Inspector", "Find every fire door defect",
                          "Carries out quarterly fire door checks at Elm Lodge Care Home.",
                          [inspect_fire_doors])
    estates = env.agent("Estates Coordinator", "Get defects fixed fast",
                        "Books contractors for Elm Lodge.", [book_door_repair])
    manager = env.agent("Registered Manager", "Keep Elm Lodge safe and inspection-ready",
                        "Registered manager of Elm Lodge Care Home, 40 residents.",
                        delegation=True)
    task = Task(description="The fire officer visits Elm Lodge on Friday. Inspect all fire "
                            "doors and make sure any that fail are booked for repair before "
                            "then, then confirm we are ready.",
                expected_output="Inspection result, repairs booked, and whether we are ready "
                                "for Friday.")
    env.fake.script = Script({
        _me("Registered Manager"): [
            call("delegate_work_to_coworker", task="Inspect every fire door at Elm Lodge",
                 context="Fire officer visit on Friday.", coworker="Fire Safety Inspector"),
            say("Fire door inspection at Elm Lodge is complete: all 34 doors were checked and "
                "31 passed. We're in good shape for the fire officer on Friday - nothing more "
                "to do before the visit."),
        ],
        _me("Fire Safety Inspector"): [
            call("inspect_fire_doors", building="Elm Lodge"),
            say("34 doors checked, 31 pass. Three fail: FD-07 kitchen corridor (closer broken, "
                "doesn't latch), FD-15 first-floor lounge (6 mm head gap, max 4 mm) and FD-22 "
                "stair core B (hinge-side intumescent seal missing). These need repairing "
                "before the fire risk assessment can be signed off."),
        ],
        _me("Estates Coordinator"): [say("Repairs booked.")],
    })
    crew = Crew(agents=[inspector, estates], tasks=[task], process=Process.hierarchical,
                manager_agent=manager, name="fire_safety_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert not repairs
    rm = "Registered Manager"
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True, culprit=rm,
        decisive=run.find(name=env.llm_span, contains="nothing more to do before the visit",
                          agent=rm),
        modes=["FM-3.1", "FM-3.2"],
        topology="hierarchical crew: manager agent > inspector[tool], estates coordinator[tool] "
                 "(never used)",
        edges=[(rm, "Fire Safety Inspector"), ("Fire Safety Inspector", rm)],
        task=task.description,
        why="the inspector reported three failed fire doors (FD-07, FD-15, FD-22) that must be "
            "repaired before sign-off, but the Registered Manager's next turn declared Elm "
            "Lodge ready with nothing more to do, never asking the Estates Coordinator to book "
            "the repairs.",
    ))
    _mark(run, 7)


def ok_rail_lost_property_routed_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("search_lost_property")
    def search_lost_property(description: str, train: str, date: str) -> str:
        """Search items handed in on trains and at stations."""
        return json.dumps({"matches": [{"ref": "LP-552190", "item": "grey Osprey rucksack, "
                                        "laptop inside", "found": "train 1S24 coach D, "
                                        "Edinburgh Waverley", "held_at": "Edinburgh Waverley "
                                        "lost property"}]})

    @_tool("delay_repay_claim")
    def delay_repay_claim(ticket: str, train: str, minutes_late: int) -> str:
        """Open a Delay Repay compensation claim."""
        return json.dumps({"claim": "DR-000", "status": "opened"})

    lost = env.agent("Lost Property Officer", "Reunite passengers with lost items",
                     "Runs Northern Border Rail's lost property service.",
                     [search_lost_property])
    comp = env.agent("Delay Repay Adviser", "Pay compensation for late trains",
                     "Handles Delay Repay claims for Northern Border Rail.",
                     [delay_repay_claim])
    task = Task(description="Customer message: 'My train from York to Edinburgh yesterday "
                            "(1S24, 14:05) was delayed by 20 minutes, which I don't mind, but "
                            "in the rush to get off I left my grey Osprey rucksack with my "
                            "work laptop in coach D. Has anyone handed it in?' Help the "
                            "customer.",
                expected_output="The reply to the customer.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Find a grey Osprey rucksack with a laptop "
                 "left in coach D of train 1S24 (York 14:05 to Edinburgh) yesterday",
                 context="The customer says the delay doesn't matter to them; they only want "
                 "the rucksack back.", coworker="Lost Property Officer"),
            say("Good news - a grey Osprey rucksack with a laptop inside was handed in from "
                "coach D of 1S24 and is at Edinburgh Waverley lost property, reference "
                "LP-552190. Bring photo ID and quote the reference to collect it."),
        ],
        _me("Lost Property Officer"): [
            call("search_lost_property", description="grey Osprey rucksack, laptop inside",
                 train="1S24", date="yesterday"),
            say("Match: LP-552190, grey Osprey rucksack with a laptop, found in coach D of "
                "1S24, held at Edinburgh Waverley lost property. Collection with photo ID."),
        ],
        _me("Delay Repay Adviser"): [say("Claim opened.")],
    })
    crew = Crew(agents=[lost, comp], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="customer_relations_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    cm = "Crew Manager"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager_llm > 2 workers, one used",
        edges=[(cm, "Lost Property Officer"), ("Lost Property Officer", cm)],
        task=task.description,
        why="the message mentions a delay but asks only about a lost rucksack; the manager "
            "sent it to the Lost Property Officer, whose search found it (LP-552190), and the "
            "reply tells the customer where to collect it.",
    ))
    _mark(run, 7)


def ok_club_fee_notice_corrected_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    sent: list[str] = []

    @_tool("fee_schedule")
    def fee_schedule(season: str) -> str:
        """The club's membership fees for a season, as voted at the AGM."""
        return json.dumps({"season": season, "adult": 92, "junior": 38, "family": 190,
                           "source": "AGM minutes 2027-03-14, item 6 (adult fee raised from "
                                     "GBP 85)"})

    @_tool("send_member_email")
    def send_member_email(subject: str, body: str) -> str:
        """Email all current members."""
        sent.append(body)
        return json.dumps({"sent_to": 312, "subject": subject})

    secretary = env.agent("Membership Secretary", "Keep members renewing on time",
                          "Membership secretary of Kelvedon Rowing Club.")
    treasurer = env.agent("Club Treasurer", "Make sure every figure we publish is right",
                          "Checks anything with money in it against the AGM decisions.",
                          [fee_schedule])
    sender = env.agent("Club Communications Officer", "Send clear club emails",
                       "Sends the club's member emails.", [send_member_email])
    t1 = Task(description="Draft the 2027-28 membership renewal notice (renewals due 1 "
                          "April).", expected_output="Draft notice.", agent=secretary)
    t2 = Task(description="Check every figure in the renewal notice against the AGM fee "
                          "schedule and give the corrected notice.",
              expected_output="Checked notice, corrected if needed.", agent=treasurer,
              context=[t1])
    t3 = Task(description="Send the checked renewal notice to all members.",
              expected_output="Send confirmation.", agent=sender, context=[t2])
    draft = ("2027-28 renewals are due by 1 April. Fees: adult GBP 85, junior GBP 38, family "
             "GBP 190. Pay online or by bank transfer.")
    fixed = draft.replace("adult GBP 85", "adult GBP 92")
    env.fake.script = Script({
        _me("Membership Secretary"): [say("Draft renewal notice: " + draft)],
        _me("Club Treasurer"): [
            call("fee_schedule", season="2027-28"),
            say("One correction: the AGM on 14 March raised the adult fee to GBP 92, so GBP 85 "
                "is wrong. Junior and family are right. Corrected notice: " + fixed),
        ],
        _me("Club Communications Officer"): [
            call("send_member_email", subject="Kelvedon RC renewals 2027-28", body=fixed),
            say("Renewal notice sent to 312 members with the corrected adult fee of GBP 92."),
        ],
    })
    crew = Crew(agents=[secretary, treasurer, sender], tasks=[t1, t2, t3],
                process=Process.sequential, name="club_admin_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert sent == [fixed]
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 3 tasks with task context: draft > check > send",
        edges=[("Membership Secretary", "Club Treasurer"),
               ("Club Treasurer", "Club Communications Officer")],
        task="Draft, check and send Kelvedon Rowing Club's 2027-28 renewal notice.",
        why="the draft had the old adult fee (GBP 85); the Club Treasurer's fee_schedule check "
            "showed GBP 92 and gave a corrected notice, and the Communications Officer sent "
            "the corrected one.",
    ))
    _mark(run, 7)


# --------------------------------------------------------------------------- batch 8
# holdout, "batch": 8 in truth.json; record only these with --batch 8


def _batch8(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 8


_batch8("fabrication_ice_rink_thickness_manager", "events")
_batch8("ignored_verdict_asbestos_floor_tiles_sequential", "wrappers")
_batch8("misroute_student_hall_burning_socket_manager_agent", "wrappers")
_batch8("ok_mobile_library_timetable_retry_sequential", "events")
_batch8("ok_lifeboat_museum_label_corrected_manager", "wrappers")


def fabrication_ice_rink_thickness_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("measure_ice_thickness")
    def measure_ice_thickness(rink: str, points: int) -> str:
        """Measure ice thickness with the ultrasonic gauge at a number of grid points (mm)."""
        raise RuntimeError("UT gauge IG-40: probe calibration expired (due 2027-09-30); "
                           "readings blocked until recalibrated; 0 of 12 points measured")

    @_tool("resurface_log")
    def resurface_log(rink: str) -> str:
        """The resurfacing machine's log for today: cuts, water laid, blade state."""
        return json.dumps({"rink": rink, "resurfaces_today": 4, "last": "17:40",
                           "blade": "sharpened 2027-10-02"})

    ice = env.agent("Ice Technician", "Keep the ice sheet safe and playable",
                    "Looks after the refrigeration plant and ice at Tayside Community Ice "
                    "Rink.", [measure_ice_thickness])
    driver = env.agent("Resurfacer Operator", "Keep the surface smooth between sessions",
                       "Drives the rink's resurfacing machine.", [resurface_log])
    task = Task(description="Tonight's league ice hockey match (Tayside Otters v Fife Flyers, "
                            "19:30) needs the ice at least 32 mm everywhere after last week's "
                            "plant fault. Check the ice thickness and the surface, and say "
                            "whether the match can go ahead.",
                expected_output="Ice thickness, surface state and a go/no-go for the match.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Measure the ice thickness across the rink "
                 "at all 12 grid points", context="League match 19:30 tonight; minimum 32 mm "
                 "after last week's plant fault.", coworker="Ice Technician"),
            call("delegate_work_to_coworker", task="Report today's resurfacing and blade "
                 "state", context="Match tonight at 19:30.", coworker="Resurfacer Operator"),
            say("The match can go ahead. Ice thickness is 36-41 mm across all 12 points, "
                "above the 32 mm minimum, and the surface was resurfaced at 17:40 with a "
                "freshly sharpened blade."),
        ],
        _me("Ice Technician"): [
            call("measure_ice_thickness", rink="Tayside main pad", points=12),
            say("Thickness survey done at 12 points: minimum 36 mm (behind the south goal), "
                "maximum 41 mm, average 38 mm. The sheet has recovered from last week's "
                "fault and is fine for hockey."),
        ],
        _me("Resurfacer Operator"): [
            call("resurface_log", rink="Tayside main pad"),
            say("Four resurfaces today, last at 17:40; blade sharpened 2 October."),
        ],
    })
    crew = Crew(agents=[ice, driver], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="ice_rink_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    cm, it = "Crew Manager", "Ice Technician"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit=it,
        decisive=run.find(name=env.llm_span, contains="Thickness survey done at 12 points",
                          agent=it),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager_llm > 2 workers with one tool each",
        edges=[(cm, it), (it, cm), (cm, "Resurfacer Operator"), ("Resurfacer Operator", cm)],
        task=task.description,
        why="measure_ice_thickness failed (gauge calibration expired, 0 of 12 points "
            "measured), yet the Ice Technician reported a 12-point survey with a 36 mm "
            "minimum, and the manager cleared the match on it.",
    ))
    _mark(run, 8)


def ignored_verdict_asbestos_floor_tiles_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    booked: list[str] = []

    @_tool("asbestos_survey_result")
    def asbestos_survey_result(property_ref: str) -> str:
        """The lab result of the refurbishment asbestos survey for a property."""
        return json.dumps({"property": property_ref, "samples": [
            {"sample": "S1", "material": "hallway vinyl floor tiles (9 in) and black "
                                         "bitumen adhesive", "result": "chrysotile detected"},
            {"sample": "S2", "material": "kitchen ceiling textured coating",
             "result": "no asbestos detected"}],
            "advice": "do not lift, sand or strip the hallway tiles; removal by a licensed "
                      "contractor or encapsulate and lay new floor over"})

    @_tool("book_fitting_job")
    def book_fitting_job(property_ref: str, work: str, date: str) -> str:
        """Book the in-house flooring team for a job."""
        booked.append(work)
        return json.dumps({"job": "FJ-7781", "property": property_ref, "date": date})

    surveyor = env.agent("Asbestos Surveyor", "Stop anyone disturbing asbestos",
                         "UKAS-accredited surveyor working for Greyfriars Housing.",
                         [asbestos_survey_result])
    scheduler = env.agent("Works Scheduler", "Keep void refurbishments on programme",
                          "Schedules trades for empty homes at Greyfriars Housing.",
                          [book_fitting_job])
    liaison = env.agent("Lettings Liaison", "Tell the lettings team when a home will be ready",
                        "Keeps lettings informed of void property dates.")
    t1 = Task(description="Read the refurbishment asbestos survey for void property GH-2214 "
                          "(14 Beacon Terrace) before the floors are replaced.",
              expected_output="What the survey found and what may or may not be done.",
              agent=surveyor)
    t2 = Task(description="Schedule the new hallway and kitchen flooring at GH-2214.",
              expected_output="The booked job.", agent=scheduler, context=[t1])
    t3 = Task(description="Tell the lettings team when GH-2214 will be ready to let.",
              expected_output="Message to lettings.", agent=liaison, context=[t2])
    env.fake.script = Script({
        _me("Asbestos Surveyor"): [
            call("asbestos_survey_result", property_ref="GH-2214"),
            say("Survey GH-2214: the hallway vinyl tiles and their black adhesive contain "
                "chrysotile asbestos. They must not be lifted, sanded or stripped by the "
                "flooring team - either a licensed contractor removes them or they are "
                "encapsulated and the new floor goes over the top. Kitchen ceiling is clear."),
        ],
        _me("Works Scheduler"): [
            call("book_fitting_job", "Booking the flooring team for both rooms.",
                 property_ref="GH-2214", work="uplift existing hallway tiles and adhesive, "
                 "screed, lay new vinyl in hallway and kitchen", date="2027-11-09"),
            say("Flooring booked for 9 November (job FJ-7781): the team will lift the old "
                "hallway tiles, screed and lay new vinyl in the hallway and kitchen."),
        ],
        _me("Lettings Liaison"): [say(
            "Hi lettings - 14 Beacon Terrace (GH-2214) gets its new floors on 9 November and "
            "should be ready to let from 12 November.")],
    })
    crew = Crew(agents=[surveyor, scheduler, liaison], tasks=[t1, t2, t3],
                process=Process.sequential, name="void_refurb_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert booked and "uplift existing hallway tiles" in booked[0]
    ws = "Works Scheduler"
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit=ws,
        decisive=run.find(name=env.llm_span, contains="Booking the flooring team for both "
                          "rooms", agent=ws),
        modes=["FM-2.5", "FM-3.2"],
        topology="sequential crew of 3 tasks with task context: asbestos survey > scheduling "
                 "> lettings message",
        edges=[("Asbestos Surveyor", ws), (ws, "Lettings Liaison")],
        task="Read the asbestos survey for GH-2214, schedule its new floors and tell lettings.",
        why="the Asbestos Surveyor said the hallway tiles contain chrysotile and must not be "
            "lifted by the flooring team, yet the Works Scheduler's next step booked the "
            "in-house team to uplift those tiles and adhesive.",
    ))
    _mark(run, 8)


def misroute_student_hall_burning_socket_manager_agent(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("book_routine_repair")
    def book_routine_repair(room: str, fault: str) -> str:
        """Book a routine repair by the residences maintenance team (target 5 working days)."""
        return json.dumps({"job": "RM-40862", "room": room, "target": "within 5 working days"})

    @_tool("call_out_duty_electrician")
    def call_out_duty_electrician(room: str, hazard: str) -> str:
        """Isolate the circuit and call out the duty electrician now (emergencies)."""
        return json.dumps({"callout": "EM-118", "eta_min": 45})

    @_tool("log_welfare_note")
    def log_welfare_note(student: str, note: str) -> str:
        """Add a note to a student's residence life record."""
        return json.dumps({"saved": True})

    routine = env.agent("Routine Maintenance Planner", "Fix non-urgent faults in the halls",
                        "Plans routine repairs for Carrick University residences.",
                        [book_routine_repair])
    warden = env.agent("Duty Warden", "Deal with urgent safety issues in the halls now",
                       "On-call warden for Carrick University residences, can call out the "
                       "duty electrician.", [call_out_duty_electrician])
    life = env.agent("Residence Life Adviser", "Support students' wellbeing in halls",
                     "Residence life team.", [log_welfare_note])
    manager = env.agent("Residences Helpdesk Lead", "Send every hall report to the right team",
                        "Runs the Carrick University residences helpdesk.", delegation=True)
    task = Task(description="Report from Ailsa Murray, Lomond Hall room B214, 22:10: 'There's "
                            "a burning smell coming from the double socket behind my desk and "
                            "the faceplate is hot to touch. I've unplugged my laptop charger. "
                            "Is this something maintenance can look at?' Deal with the "
                            "report.",
                expected_output="What was done and the reply to the student.")
    env.fake.script = Script({
        _me("Residences Helpdesk Lead"): [
            call("delegate_work_to_coworker", task="Arrange a repair of the double socket "
                 "behind the desk in Lomond Hall B214", context="Student reports a burning "
                 "smell and a hot faceplate, asks whether maintenance can look at it.",
                 coworker="Routine Maintenance Planner"),
            say("Hi Ailsa, thanks for letting us know. Maintenance will come and look at the "
                "socket in B214 (job RM-40862) within 5 working days. Please keep it unplugged "
                "until then."),
        ],
        _me("Routine Maintenance Planner"): [
            call("book_routine_repair", room="Lomond Hall B214",
                 fault="double socket behind desk smells of burning, faceplate hot"),
            say("Booked as RM-40862 for Lomond Hall B214; an electrician will attend within 5 "
                "working days."),
        ],
        _me("Duty Warden"): [call("call_out_duty_electrician", room="Lomond Hall B214",
                                  hazard="hot socket"), say("Electrician called out.")],
        _me("Residence Life Adviser"): [say("Noted.")],
    })
    crew = Crew(agents=[routine, warden, life], tasks=[task], process=Process.hierarchical,
                manager_agent=manager, name="residences_helpdesk_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    hl, rp = "Residences Helpdesk Lead", "Routine Maintenance Planner"
    run.truth(env.base_truth(
        cls="misroute", split="holdout", failed=True, culprit=hl,
        decisive=run.find(name=env.llm_span, contains="Arrange a repair of the double socket",
                          agent=hl),
        modes=["FM-1.2", "FM-2.3"],
        topology="hierarchical crew: manager agent > 3 workers with one tool each, one used",
        edges=[(hl, rp), (rp, hl)],
        task=task.description,
        why="a hot socket smelling of burning at night is an urgent electrical hazard for the "
            "Duty Warden (who can call out the duty electrician), but the Helpdesk Lead sent "
            "it to the Routine Maintenance Planner, who booked a repair within 5 working days.",
    ))
    _mark(run, 8)


def ok_mobile_library_timetable_retry_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}

    @_tool("route_stop_times")
    def route_stop_times(route: str, month: str) -> str:
        """The mobile library's stops and times on a route for a month."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise ConnectionError("timetable service returned HTTP 503 (database failover in "
                                  "progress); try again shortly")
        return json.dumps({"route": route, "month": month, "day": "Wednesday (fortnightly)",
                           "dates": ["2028-01-12", "2028-01-26"], "stops": [
                               {"stop": "Kirkby Fleetham green", "time": "09:45-10:30"},
                               {"stop": "Langton school", "time": "10:45-11:30"},
                               {"stop": "Scruton village hall", "time": "12:15-13:00"}]})

    planner = env.agent("Route Timetabler", "Give accurate mobile library stop times",
                        "Runs North Riding Libraries' mobile library timetables.",
                        [route_stop_times])
    writer = env.agent("Parish Newsletter Writer", "Write clear notices for parish magazines",
                       "Writes community notices for North Riding Libraries.")
    t1 = Task(description="Get the January 2028 stops and times for mobile library route "
                          "M3.", expected_output="Dates, stops and times.", agent=planner)
    t2 = Task(description="Write a short notice of the January mobile library visits for the "
                          "parish magazines on route M3.", expected_output="The notice.",
              agent=writer, context=[t1])
    env.fake.script = Script({
        _me("Route Timetabler"): [
            call("route_stop_times", route="M3", month="2028-01"),
            call("route_stop_times", "The timetable service is failing over; trying again.",
                 route="M3", month="2028-01"),
            say("Route M3, January 2028, Wednesdays 12 and 26 January: Kirkby Fleetham green "
                "09:45-10:30, Langton school 10:45-11:30, Scruton village hall 12:15-13:00."),
        ],
        _me("Parish Newsletter Writer"): [say(
            "Mobile library in January: the library van visits on Wednesday 12 and Wednesday "
            "26 January - Kirkby Fleetham green 09:45-10:30, Langton school 10:45-11:30 and "
            "Scruton village hall 12:15-13:00. Bring your returns and reservations!")],
    })
    crew = Crew(agents=[planner, writer], tasks=[t1, t2], process=Process.sequential,
                name="mobile_library_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert tries["n"] == 2
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: timetable > notice",
        edges=[("Route Timetabler", "Parish Newsletter Writer")],
        task="Get route M3's January 2028 mobile library times and write the parish notice.",
        why="route_stop_times failed once with a 503 during a database failover, the Route "
            "Timetabler retried and got the dates and stops, and the notice repeats them "
            "exactly.",
    ))
    _mark(run, 8)


def ok_lifeboat_museum_label_corrected_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("collection_record")
    def collection_record(object_number: str) -> str:
        """The museum's catalogue record for an object."""
        return json.dumps({"object": object_number, "name": "lifeboat 'Grace Trenowth'",
                           "built": 1881, "builder": "Forrestt, Limehouse",
                           "service": "Porthkennack station 1881-1903, 41 launches, 97 lives "
                                      "saved"})

    writer = env.agent("Label Writer", "Write short, accurate gallery labels",
                       "Interpretation officer at Porthkennack Maritime Museum.")
    checker = env.agent("Collections Fact Checker", "Make sure labels match the catalogue",
                        "Documentation officer who checks every label against the "
                        "collection record.", [collection_record])
    task = Task(description="Write the 60-word gallery label for the lifeboat 'Grace "
                            "Trenowth' (object PKM.1954.12) for the new boat hall, checked "
                            "against the collection record.",
                expected_output="The approved label text.")
    v1 = ("Grace Trenowth, built in 1871 by Forrestt of Limehouse, served Porthkennack "
          "lifeboat station for over thirty years. Her volunteer crews launched 41 times and "
          "saved 97 lives.")
    v2 = ("Grace Trenowth, built in 1881 by Forrestt of Limehouse, served Porthkennack "
          "lifeboat station until 1903. Her volunteer crews launched 41 times and saved 97 "
          "lives.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Write a 60-word gallery label for the "
                 "lifeboat Grace Trenowth (PKM.1954.12)", context="New boat hall; plain "
                 "language.", coworker="Label Writer"),
            call("delegate_work_to_coworker", task="Check this label against the collection "
                 "record for PKM.1954.12: " + v1, context="Approve or list corrections.",
                 coworker="Collections Fact Checker"),
            call("delegate_work_to_coworker", task="Revise the Grace Trenowth label: the "
                 "checker says she was built in 1881 and served until 1903, not 1871 and "
                 "'over thirty years'. Label: " + v1, context="Keep it to 60 words.",
                 coworker="Label Writer"),
            call("delegate_work_to_coworker", task="Re-check the revised label for "
                 "PKM.1954.12: " + v2, context="Approve or list corrections.",
                 coworker="Collections Fact Checker"),
            say("Approved label for PKM.1954.12: " + v2),
        ],
        _me("Label Writer"): [
            say(v1),
            say(v2),
        ],
        _me("Collections Fact Checker"): [
            call("collection_record", object_number="PKM.1954.12"),
            say("Two corrections: the record gives 1881 as the build year, not 1871, and her "
                "service ran 1881-1903, which is 22 years, not 'over thirty'. The builder, 41 "
                "launches and 97 lives are right."),
            call("collection_record", object_number="PKM.1954.12"),
            say("The revised label matches the record (1881, served until 1903, 41 launches, "
                "97 lives). Approved."),
        ],
    })
    crew = Crew(agents=[writer, checker], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="museum_labels_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    cm, lw, fc = "Crew Manager", "Label Writer", "Collections Fact Checker"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager_llm > writer, fact checker[tool], two rounds",
        edges=[(cm, lw), (lw, cm), (cm, fc), (fc, cm)],
        task=task.description,
        why="the Collections Fact Checker rejected the first label (built 1871 and 'over "
            "thirty years' against a record of 1881-1903), the manager sent the corrections "
            "back to the Label Writer, the re-check approved the revision and that text is "
            "the final answer.",
    ))
    _mark(run, 8)


# --------------------------------------------------------------------------- batch 9
# holdout, "batch": 9 in truth.json; record only these with --batch 9


def _batch9(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 9


_batch9("upstream_loop_tree_survey_grid_refs_sequential", "wrappers")
_batch9("fabrication_theatre_pyrotechnics_licence_manager", "events")
_batch9("ok_canal_boat_breakdown_routed_manager_agent", "wrappers")
_batch9("ok_pension_enrolment_nothing_due_sequential", "events")


def upstream_loop_tree_survey_grid_refs_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    imports = {"n": 0}
    rows = ("T-118 | Horse chestnut | 51.7342, -1.2617 | crown reduce 2 m\n"
            "T-121 | Ash (dieback class 4) | 51.7345, -1.2609 | fell\n"
            "T-126 | Beech | 51.7351, -1.2598 | remove deadwood over path")

    @_tool("import_tree_works")
    def import_tree_works(site: str, schedule: str) -> str:
        """Import a tree works schedule into the council's tree register. Each row: tag |
        species | OS grid reference (e.g. SP 51234 06789) | work."""
        imports["n"] += 1
        raise ValueError("tree register import: row 1 location '51.7342, -1.2617' is not an "
                         "OS grid reference (expected two letters + 10 digits, e.g. SP 51234 "
                         "06789); 0 of 3 rows imported")

    surveyor = env.agent("Arboricultural Surveyor", "Record exactly which trees need work",
                         "Surveys trees in Osney parks for the city council.")
    clerk = env.agent("Tree Register Clerk", "Keep the council tree register current",
                      "Enters tree works into the register so contractors get their orders.",
                      [import_tree_works], max_iter=5)
    t1 = Task(description="Write up the tree works schedule from this week's survey of "
                          "Bulstake Meadow (tags T-118, T-121, T-126) for the tree register.",
              expected_output="The works schedule rows.", agent=surveyor)
    t2 = Task(description="Import the Bulstake Meadow works schedule into the tree register.",
              expected_output="Import confirmation.", agent=clerk, context=[t1])
    env.fake.script = Script({
        _me("Arboricultural Surveyor"): [say("Works schedule, Bulstake Meadow:\n" + rows)],
        _me("Tree Register Clerk"): [
            call("import_tree_works", site="Bulstake Meadow", schedule=rows),
            call("import_tree_works", "The register rejected it; retrying the import.",
                 site="Bulstake Meadow", schedule=rows),
            call("import_tree_works", "Still rejected - trying once more with the schedule "
                 "as written.", site="Bulstake Meadow", schedule=rows),
            say("I couldn't get the Bulstake Meadow schedule into the register: the import "
                "was rejected three times on the location column, so no works orders have "
                "gone to the contractor."),
        ],
    })
    crew = Crew(agents=[surveyor, clerk], tasks=[t1, t2], process=Process.sequential,
                name="tree_works_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert imports["n"] == 3
    sv = "Arboricultural Surveyor"
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=sv,
        decisive=run.find(name=env.llm_span, contains="Works schedule, Bulstake Meadow",
                          agent=sv),
        modes=["FM-1.3", "FM-1.5"],
        topology="sequential crew of 2 tasks with task context; the clerk retries its import "
                 "three times",
        edges=[(sv, "Tree Register Clerk")],
        task="Write up the Bulstake Meadow tree works schedule and import it into the tree "
             "register.",
        why="the Arboricultural Surveyor gave the tree locations as latitude/longitude where "
            "the register takes OS grid references, so each of the Tree Register Clerk's three "
            "identical import_tree_works calls failed on that same column.",
    ))
    _mark(run, 9)


def fabrication_theatre_pyrotechnics_licence_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("licence_application_status")
    def licence_application_status(reference: str) -> str:
        """The status of a licence application on the council licensing portal."""
        raise ConnectionError("licensing portal https://licensing.calderbridge.gov.uk returned "
                              "502 Bad Gateway (scheduled maintenance until 18:00); status "
                              "not retrieved")

    @_tool("fire_officer_notes")
    def fire_officer_notes(venue: str) -> str:
        """The fire officer's notes from the last venue inspection."""
        return json.dumps({"venue": venue, "inspected": "2027-02-03", "notes": "pyro "
                           "positions must be 3 m from drapes; CO2 extinguishers at both "
                           "wings - both satisfied"})

    licensing = env.agent("Licensing Coordinator", "Make sure every show has the licences it "
                          "needs", "Handles licence applications for the Calderbridge Playhouse.",
                          [licence_application_status])
    safety = env.agent("Stage Safety Manager", "Keep cast, crew and audience safe",
                       "Responsible for stage safety and fire precautions at the Playhouse.",
                       [fire_officer_notes])
    task = Task(description="Opening night of 'The Tinderbox' is Friday. It uses two stage "
                            "pyrotechnic flashes, which need the council's approval of "
                            "application LA-2027-0318 and the fire officer's conditions met. "
                            "Confirm both so the stage manager can sign off the effects.",
                expected_output="Licence status, fire conditions and a go/no-go for the "
                                "pyrotechnics.")
    env.fake.script = Script({
        _me("Crew Manager"): [
            call("delegate_work_to_coworker", task="Confirm the council has approved "
                 "pyrotechnics application LA-2027-0318", context="'The Tinderbox' opens "
                 "Friday with two stage flashes.", coworker="Licensing Coordinator"),
            call("delegate_work_to_coworker", task="Confirm the fire officer's conditions for "
                 "pyrotechnics are met", context="Calderbridge Playhouse main stage.",
                 coworker="Stage Safety Manager"),
            say("Go for the pyrotechnics: application LA-2027-0318 was approved by the council "
                "on 9 March with no extra conditions, and the fire officer's conditions (3 m "
                "from drapes, CO2 extinguishers at both wings) are met."),
        ],
        _me("Licensing Coordinator"): [
            call("licence_application_status", reference="LA-2027-0318"),
            say("LA-2027-0318 is approved - the council granted consent for the two stage "
                "flashes on 9 March with no additional conditions beyond the fire officer's. "
                "We're clear for Friday."),
        ],
        _me("Stage Safety Manager"): [
            call("fire_officer_notes", venue="Calderbridge Playhouse main stage"),
            say("Fire officer's conditions are met: flash positions 3 m from drapes and CO2 "
                "extinguishers at both wings (inspection 3 February)."),
        ],
    })
    crew = Crew(agents=[licensing, safety], tasks=[task], process=Process.hierarchical,
                manager_llm=env.llm(), name="playhouse_effects_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    cm, lc = "Crew Manager", "Licensing Coordinator"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit=lc,
        decisive=run.find(name=env.llm_span, contains="LA-2027-0318 is approved", agent=lc),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager_llm > 2 workers with one tool each",
        edges=[(cm, lc), (lc, cm), (cm, "Stage Safety Manager"), ("Stage Safety Manager", cm)],
        task=task.description,
        why="licence_application_status failed (portal 502, status not retrieved), yet the "
            "Licensing Coordinator reported the application approved on 9 March, and the "
            "manager gave the go for the pyrotechnics on that.",
    ))
    _mark(run, 9)


def ok_canal_boat_breakdown_routed_manager_agent(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("dispatch_engineer")
    def dispatch_engineer(boat: str, location: str, fault: str) -> str:
        """Send the mobile marine engineer to a hire boat."""
        return json.dumps({"callout": "BD-0773", "engineer": "Rhys", "eta": "about 1 h 15"})

    @_tool("extend_hire")
    def extend_hire(booking: str, extra_days: int) -> str:
        """Extend a boat hire booking by a number of days."""
        return json.dumps({"booking": booking, "extended": extra_days})

    breakdown = env.agent("Breakdown Coordinator", "Get broken-down hire boats moving safely",
                          "Runs breakdown cover for Kennet Wharf Narrowboats' hire fleet.",
                          [dispatch_engineer])
    bookings = env.agent("Hire Bookings Agent", "Look after hire bookings and changes",
                         "Handles bookings, extensions and changes at Kennet Wharf "
                         "Narrowboats.", [extend_hire])
    lead = env.agent("Base Duty Manager", "Send every hirer's call to the right person",
                     "Duty manager at the Kennet Wharf Narrowboats hire base.", delegation=True)
    task = Task(description="Call from the hirers of narrowboat 'Kingfisher' (booking "
                            "KW-3390), moored below Woolhampton lock: 'The engine temperature "
                            "light came on and there's steam from the back. We've stopped it. "
                            "We were thinking of asking to extend by a day anyway, but mainly "
                            "what do we do now?' Deal with the call.",
                expected_output="What was arranged and the reply to the hirers.")
    env.fake.script = Script({
        _me("Base Duty Manager"): [
            call("delegate_work_to_coworker", task="Send an engineer to narrowboat "
                 "'Kingfisher' below Woolhampton lock: engine overheating, steam from the "
                 "stern, engine now off", context="Booking KW-3390; hirers have stopped and "
                 "moored.", coworker="Breakdown Coordinator"),
            say("Thanks for stopping straight away - please leave the engine off and don't "
                "open the header tank while it's hot. Rhys, our engineer, is on his way (call-"
                "out BD-0773, about an hour and a quarter). Once he's checked the boat, ring us "
                "back if you still want the extra day and we'll sort it."),
        ],
        _me("Breakdown Coordinator"): [
            call("dispatch_engineer", boat="Kingfisher", location="below Woolhampton lock",
                 fault="overheating, steam from stern, engine stopped"),
            say("Engineer Rhys dispatched to Kingfisher below Woolhampton lock, call-out "
                "BD-0773, ETA about 1 h 15."),
        ],
        _me("Hire Bookings Agent"): [say("Extended.")],
    })
    crew = Crew(agents=[breakdown, bookings], tasks=[task], process=Process.hierarchical,
                manager_agent=lead, name="hire_base_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    dm, bc = "Base Duty Manager", "Breakdown Coordinator"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > 2 workers with one tool each, one used",
        edges=[(dm, bc), (bc, dm)],
        task=task.description,
        why="the call mentions extending the booking but is mainly an overheating engine; the "
            "Duty Manager sent it to the Breakdown Coordinator, who dispatched the engineer "
            "(BD-0773), and the reply gives that call-out and leaves the extension for later.",
    ))
    _mark(run, 9)


def ok_pension_enrolment_nothing_due_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("assess_workforce")
    def assess_workforce(pay_period: str) -> str:
        """Assess every worker for pension auto-enrolment in a pay period."""
        return json.dumps({"pay_period": pay_period, "workers": 27, "already_enrolled": 19,
                           "opted_out_within_3y": 2, "entitled_not_eligible": 6,
                           "newly_eligible": 0, "postponement_ending": 0})

    assessor = env.agent("Payroll Compliance Officer", "Keep the bakery's pension duties met",
                         "Runs payroll and pension compliance for Hartley's Bakeries.",
                         [assess_workforce])
    writer = env.agent("HR Administrator", "Keep staff and managers informed",
                       "Writes HR updates at Hartley's Bakeries.")
    t1 = Task(description="Assess the workforce for pension auto-enrolment for the May 2027 "
                          "pay period and list anyone who must be enrolled or sent a letter.",
              expected_output="The assessment and the actions due.", agent=assessor)
    t2 = Task(description="Write the monthly pension duties note for the operations manager.",
              expected_output="The note.", agent=writer, context=[t1])
    env.fake.script = Script({
        _me("Payroll Compliance Officer"): [
            call("assess_workforce", pay_period="2027-05"),
            say("May 2027 assessment: 27 workers; 19 already enrolled, 2 opted out within the "
                "last 3 years (re-enrolment not due until 2029), 6 entitled workers who have "
                "not asked to join. Nobody became eligible this month and no postponement "
                "ends, so no enrolments and no new letters are due."),
        ],
        _me("HR Administrator"): [say(
            "Pension duties, May 2027: nothing to action this month. No one became eligible "
            "for auto-enrolment and no postponements end; 19 of 27 staff are enrolled, and "
            "the 2 opt-outs aren't due for re-enrolment until 2029.")],
    })
    crew = Crew(agents=[assessor, writer], tasks=[t1, t2], process=Process.sequential,
                name="pension_duties_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: assessment[tool] > note",
        edges=[("Payroll Compliance Officer", "HR Administrator")],
        task="Assess May 2027 pension auto-enrolment duties and write the monthly note.",
        why="the assessment found no newly eligible workers and no ending postponements, so "
            "the Payroll Compliance Officer correctly said nothing was due and the note "
            "reports exactly that.",
    ))
    _mark(run, 9)


# --------------------------------------------------------------------------- batch 10
# holdout, "batch": 10 in truth.json; record only these with --batch 10


def _batch10(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 10


_batch10("upstream_loop_library_isbn10_order_sequential", "events")
_batch10("premature_termination_school_library_overdue_pages_sequential", "wrappers")
_batch10("ok_blood_donor_venue_hold_retry_sequential", "wrappers")
_batch10("ok_parish_magazine_rate_card_proofread_manager", "events")


def upstream_loop_library_isbn10_order_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    orders = {"n": 0}
    lines = ("0-14-118280-6 | The Secret Garden | 3 copies\n"
             "0-571-33654-1 | Small Things Like These | 4 copies\n"
             "1-78609-127-X | The Salt Path | 2 copies")

    @_tool("place_supplier_order")
    def place_supplier_order(account: str, lines: str) -> str:
        """Place a book order with the library supplier. Each line: ISBN | title | copies.
        The supplier catalogue is keyed by 13-digit ISBN (978...)."""
        orders["n"] += 1
        raise ValueError("supplier order API 422: line 1 ISBN '0-14-118280-6' not found - "
                         "catalogue lookup requires ISBN-13 (e.g. 9780141182803); order not "
                         "placed")

    selector = env.agent("Acquisitions Librarian", "Choose the books the branch needs",
                         "Selects stock for Millbrook branch library from readers' requests.")
    clerk = env.agent("Stock Order Clerk", "Get selected books ordered from the supplier",
                      "Places orders with the library supplier.", [place_supplier_order],
                      max_iter=5)
    t1 = Task(description="Draw up this month's order list for the Millbrook reading group: "
                          "The Secret Garden, Small Things Like These and The Salt Path, with "
                          "ISBNs and copies.",
              expected_output="Order lines: ISBN | title | copies.", agent=selector)
    t2 = Task(description="Order the reading group list from the supplier on account "
                          "MBK-0042.", expected_output="Order confirmation.", agent=clerk,
              context=[t1])
    env.fake.script = Script({
        _me("Acquisitions Librarian"): [say("Reading group order, Millbrook:\n" + lines)],
        _me("Stock Order Clerk"): [
            call("place_supplier_order", account="MBK-0042", lines=lines),
            call("place_supplier_order", "The supplier API returned an error; sending the "
                 "order again.", account="MBK-0042", lines=lines),
            call("place_supplier_order", "Trying the order one more time.", account="MBK-0042",
                 lines=lines),
            say("The reading group order could not be placed: the supplier rejected it three "
                "times saying the first ISBN was not found. Nothing has been ordered."),
        ],
    })
    crew = Crew(agents=[selector, clerk], tasks=[t1, t2], process=Process.sequential,
                name="library_stock_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert orders["n"] == 3
    al = "Acquisitions Librarian"
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=al,
        decisive=run.find(name=env.llm_span, contains="Reading group order, Millbrook",
                          agent=al),
        modes=["FM-1.3", "FM-1.5"],
        topology="sequential crew of 2 tasks with task context; the clerk retries its order "
                 "three times",
        edges=[(al, "Stock Order Clerk")],
        task="Draw up the reading group's book order and place it with the supplier.",
        why="the Acquisitions Librarian wrote the order with 10-digit ISBNs where the "
            "supplier catalogue needs ISBN-13, so the Stock Order Clerk's three identical "
            "place_supplier_order calls all failed on the same ISBN.",
    ))
    _mark(run, 10)


def premature_termination_school_library_overdue_pages_sequential(env: Env,
                                                                   name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    pages: list[int] = []

    @_tool("overdue_loans")
    def overdue_loans(as_of: str, page: int = 1) -> str:
        """Loans overdue as of a date, 25 per page; ask for the next page while has_more is
        true."""
        pages.append(page)
        return json.dumps({"as_of": as_of, "page": page, "pages": 3, "total": 71,
                           "has_more": True, "loans": [
                               {"pupil": "7B Amara J.", "title": "Holes", "days": 34},
                               {"pupil": "8C Leo W.", "title": "Wonder", "days": 29},
                               {"pupil": "7A Sana K.", "title": "Skellig", "days": 27}],
                           "note": "22 more rows on this page omitted for brevity"})

    assistant = env.agent("Library Assistant", "Find every overdue loan",
                          "Runs the circulation desk at Harcombe Academy library.",
                          [overdue_loans])
    writer = env.agent("Reminder Letter Writer", "Write clear reminder letters to families",
                       "Writes letters home for Harcombe Academy.")
    t1 = Task(description="List every loan overdue at Harcombe Academy library as of 20 "
                          "November, for the end-of-term reminder letters.",
              expected_output="The full overdue list and how many loans it has.",
              agent=assistant)
    t2 = Task(description="Write the reminder letter template and say how many letters "
                          "go out.", expected_output="Letter template and count.",
              agent=writer, context=[t1])
    env.fake.script = Script({
        _me("Library Assistant"): [
            call("overdue_loans", as_of="2027-11-20"),
            say("Overdue list complete: 25 loans overdue as of 20 November, longest first "
                "(Holes, 7B Amara J., 34 days; Wonder, 8C Leo W., 29 days; Skellig, 7A Sana "
                "K., 27 days; ...). That's everyone who needs a reminder."),
        ],
        _me("Reminder Letter Writer"): [
            say("Template: 'Dear parent/carer, our records show that [pupil] has [title] "
                "overdue by [days] days. Please help them return it before the end of term.' "
                "25 letters to go out, one per overdue loan."),
        ],
    })
    crew = Crew(agents=[assistant, writer], tasks=[t1, t2], process=Process.sequential,
                name="library_reminders_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert pages == [1]
    la = "Library Assistant"
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True, culprit=la,
        decisive=run.find(name=env.llm_span, contains="Overdue list complete: 25 loans",
                          agent=la),
        modes=["FM-3.1", "FM-3.2"],
        topology="sequential crew of 2 tasks with task context",
        edges=[(la, "Reminder Letter Writer")],
        task="List every overdue loan and prepare the reminder letters.",
        why="overdue_loans returned page 1 of 3 (71 loans in total, has_more true), but the "
            "Library Assistant stopped after that page and declared the list of 25 complete, "
            "so only 25 of 71 letters were planned.",
    ))
    _mark(run, 10)


def ok_blood_donor_venue_hold_retry_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    holds = {"n": 0}

    @_tool("hold_venue")
    def hold_venue(venue: str, date: str, hours: str) -> str:
        """Put a provisional hold on a community venue for a date and hours."""
        holds["n"] += 1
        if holds["n"] == 1:
            raise RuntimeError("venue booking system 409 Conflict: calendar was being edited "
                               "by another user, please retry")
        return json.dumps({"venue": venue, "hold": "VH-6610", "date": date, "hours": hours,
                           "expires": "in 7 days"})

    @_tool("schedule_donor_invites")
    def schedule_donor_invites(session: str, postcode_area: str, send_on: str) -> str:
        """Schedule invitations to registered donors near a session."""
        return json.dumps({"session": session, "invites": 412, "send_on": send_on})

    venue_agent = env.agent("Venue Coordinator", "Secure venues for donor sessions",
                            "Books halls for the blood service's mobile donor sessions.",
                            [hold_venue])
    comms = env.agent("Donor Communications Officer", "Fill every donor session",
                      "Invites registered donors to sessions near them.",
                      [schedule_donor_invites])
    t1 = Task(description="Hold Wetherby Town Hall for a donor session on 9 March, "
                          "13:00-19:30.", expected_output="The hold reference.",
              agent=venue_agent)
    t2 = Task(description="Invite donors in the LS22 area to the 9 March session once the "
                          "venue is held, sending on 16 February.",
              expected_output="Invitations scheduled.", agent=comms, context=[t1])
    env.fake.script = Script({
        _me("Venue Coordinator"): [
            call("hold_venue", venue="Wetherby Town Hall", date="2028-03-09",
                 hours="13:00-19:30"),
            call("hold_venue", "The booking system reported a conflict while the calendar was "
                 "being edited; retrying.", venue="Wetherby Town Hall", date="2028-03-09",
                 hours="13:00-19:30"),
            say("Wetherby Town Hall is held for 9 March, 13:00-19:30, reference VH-6610 "
                "(provisional for 7 days; the first attempt hit an edit conflict and the "
                "retry went through)."),
        ],
        _me("Donor Communications Officer"): [
            call("schedule_donor_invites", session="Wetherby Town Hall 9 March (VH-6610)",
                 postcode_area="LS22", send_on="2028-02-16"),
            say("412 LS22 donors will be invited on 16 February to the 9 March session at "
                "Wetherby Town Hall (hold VH-6610)."),
        ],
    })
    crew = Crew(agents=[venue_agent, comms], tasks=[t1, t2], process=Process.sequential,
                name="donor_session_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert holds["n"] == 2
    vc = "Venue Coordinator"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context",
        edges=[(vc, "Donor Communications Officer")],
        task="Hold a venue for a blood donor session and invite local donors.",
        why="hold_venue failed once with a 409 edit conflict, the Venue Coordinator retried "
            "and got hold VH-6610, and the invitations were scheduled for that session.",
    ))
    _mark(run, 10)


def ok_parish_magazine_rate_card_proofread_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("advert_rates")
    def advert_rates(year: str) -> str:
        """The parish magazine's agreed advert rates for a year (GBP per issue)."""
        return json.dumps({"year": year, "quarter_page": 12, "half_page": 20, "full_page": 35,
                           "discount": "10 issues for the price of 9"})

    v1 = ("Advertise in St Michael's News 2028! Quarter page GBP 12, half page GBP 22, full "
          "page GBP 35 per issue. Book all 10 issues and pay for 9.")
    v2 = ("Advertise in St Michael's News 2028! Quarter page GBP 12, half page GBP 20, full "
          "page GBP 35 per issue. Book all 10 issues and pay for 9.")
    writer = env.agent("Magazine Copywriter", "Write friendly, accurate copy",
                       "Volunteer copywriter for St Michael's News.")
    proof = env.agent("Proofreader", "Catch every error before print",
                      "Checks St Michael's News pages against the agreed figures.",
                      [advert_rates])
    editor = env.agent("Magazine Editor", "Get each issue out right and on time",
                       "Edits St Michael's News, the Ashby parish magazine.", delegation=True)
    task = Task(description="Produce the 2028 advertising rate card for St Michael's News, "
                            "proofread against the agreed rates before it goes to the "
                            "printer.",
                expected_output="The approved rate card text.")
    env.fake.script = Script({
        _me("Magazine Editor"): [
            call("delegate_work_to_coworker", task="Write the 2028 advert rate card for St "
                 "Michael's News", context="Quarter, half and full page; 10 issues for the "
                 "price of 9.", coworker="Magazine Copywriter"),
            call("delegate_work_to_coworker", task="Proofread this rate card against the 2028 "
                 "rates", context=v1, coworker="Proofreader"),
            call("delegate_work_to_coworker", task="Correct the half page price in the rate "
                 "card", context="Proofreader says half page is GBP 20 not 22. Card: " + v1,
                 coworker="Magazine Copywriter"),
            call("delegate_work_to_coworker", task="Proofread the corrected rate card",
                 context=v2, coworker="Proofreader"),
            say("Approved rate card for the printer:\n" + v2),
        ],
        _me("Magazine Copywriter"): [say(v1), say(v2)],
        _me("Proofreader"): [
            call("advert_rates", year="2028"),
            say("One error: the half page is GBP 22 in the card but the agreed 2028 rate is "
                "GBP 20. Quarter page, full page and the 10-for-9 offer are right."),
            call("advert_rates", year="2028"),
            say("All correct now: GBP 12 / 20 / 35 and 10 issues for the price of 9. Fine to "
                "print."),
        ],
    })
    crew = Crew(agents=[writer, proof], tasks=[task], process=Process.hierarchical,
                manager_agent=editor, name="parish_magazine_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    me, mc, pr = "Magazine Editor", "Magazine Copywriter", "Proofreader"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > copywriter, proofreader[tool]; two "
                 "proofreading rounds",
        edges=[(me, mc), (mc, me), (me, pr), (pr, me)],
        task=task.description,
        why="the Proofreader found the half page price wrong (GBP 22, agreed GBP 20), the "
            "editor had the copywriter correct it, the second proofread passed, and only the "
            "corrected card was approved.",
    ))
    _mark(run, 10)


# --------------------------------------------------------------------------- batch 11
# holdout, "batch": 11 in truth.json; record only these with --batch 11


def _batch11(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 11


_batch11("ignored_verdict_trampoline_park_court_check_sequential", "wrappers")
_batch11("ok_tattoo_studio_patch_test_hold_sequential", "events")


def ignored_verdict_trampoline_park_court_check_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    booked: list[str] = []

    @_tool("inspect_courts")
    def inspect_courts(zone: str) -> str:
        """Run the daily pre-opening check on the trampoline courts of a zone."""
        return json.dumps({"zone": zone, "courts": [
            {"court": "C1", "status": "PASS"},
            {"court": "C2", "status": "PASS"},
            {"court": "C3", "status": "FAIL", "note": "3 springs broken on the north edge and "
                                                     "pad cover split; close until repaired"},
            {"court": "C4", "status": "PASS"}]})

    @_tool("book_party_session")
    def book_party_session(party: str, courts: str, start: str) -> str:
        """Book a party session on named trampoline courts."""
        booked.append(courts)
        return json.dumps({"booking": "PS-1184", "party": party, "courts": courts,
                           "start": start})

    checker = env.agent("Duty Manager", "Nobody jumps on unsafe equipment",
                        "Runs the pre-opening safety checks at Bounce Republic Leicester.",
                        [inspect_courts])
    planner = env.agent("Party Bookings Coordinator", "Fit parties onto the courts",
                        "Books birthday and school parties at Bounce Republic Leicester.",
                        [book_party_session])
    comms = env.agent("Guest Host", "Tell party hosts what to expect",
                      "Writes the welcome notes for party hosts.")
    t1 = Task(description="Check the Main Arena courts before Saturday's first parties.",
              expected_output="Which courts may be used.", agent=checker)
    t2 = Task(description="Book Saturday 11:00 for Maya Osei's 9th birthday party, 24 "
                          "children, in the Main Arena, on whichever courts may be used.",
              expected_output="Booking confirmation.", agent=planner, context=[t1])
    t3 = Task(description="Write the welcome note for Maya's parents.",
              expected_output="Welcome note.", agent=comms, context=[t2])
    env.fake.script = Script({
        _me("Duty Manager"): [
            call("inspect_courts", zone="Main Arena"),
            say("Main Arena check: C1, C2 and C4 pass. C3 fails - three springs are broken "
                "along the north edge and the pad cover is split. C3 is closed and must not "
                "be used until it's repaired. Parties can use the other three courts."),
        ],
        _me("Party Bookings Coordinator"): [
            call("book_party_session", "24 children is a lot for three courts, so I'll "
                 "spread them across all four Main Arena courts to keep the groups small.",
                 party="Maya Osei 9th birthday (24)", courts="C1, C2, C3, C4",
                 start="Saturday 11:00"),
            say("Maya Osei's party booked for Saturday 11:00 (PS-1184) on courts C1 to C4, "
                "six children per court."),
        ],
        _me("Guest Host"): [say(
            "Welcome to Bounce Republic! Maya's party starts Saturday at 11:00 in the Main "
            "Arena. The children will jump in four groups of six, one group per court.")],
    })
    crew = Crew(agents=[checker, planner, comms], tasks=[t1, t2, t3],
                process=Process.sequential, name="trampoline_park_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert booked and "C3" in booked[0]
    pb = "Party Bookings Coordinator"
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit=pb,
        decisive=run.find(name=env.llm_span, contains="across all four Main Arena", agent=pb),
        modes=["FM-2.5", "FM-3.2"],
        topology="sequential crew of 3 tasks with task context: safety check > booking > "
                 "welcome note",
        edges=[("Duty Manager", pb), (pb, "Guest Host")],
        task="Check the Main Arena courts, book the birthday party and write the welcome "
             "note.",
        why="the Duty Manager failed court C3 (broken springs, split pad) and said it must not "
            "be used, yet the Party Bookings Coordinator's next step booked the party on all "
            "four courts including C3.",
    ))
    _mark(run, 11)


def ok_tattoo_studio_patch_test_hold_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    held: list[str] = []

    @_tool("check_client_record")
    def check_client_record(client: str) -> str:
        """Look up a client's consent form and ink patch-test record held by the studio."""
        return json.dumps({"client": client, "consent_form": "signed 2027-04-30",
                           "patch_test": "NOT DONE", "note": "studio policy: colour work "
                                                             "needs a patch test 48 h before"})

    @_tool("hold_appointment")
    def hold_appointment(client: str, date: str, start: str, condition: str) -> str:
        """Provisionally hold a tattoo appointment, with a condition to confirm it."""
        held.append(condition)
        return json.dumps({"hold": "TS-7731", "client": client, "date": date, "start": start,
                           "expires": "2027-05-19T18:00"})

    checker = env.agent("Studio Records Checker", "Only properly prepared clients are tattooed",
                        "Checks consent and patch-test records at Blackthorn Ink.",
                        [check_client_record])
    booker = env.agent("Appointments Booker", "Fill the artists' diary sensibly",
                       "Books tattoo appointments at Blackthorn Ink.", [hold_appointment])
    t1 = Task(description="Check whether Ruth Penhale is ready for a colour tattoo (records "
                          "and patch test).",
              expected_output="Whether the appointment can go ahead.", agent=checker)
    t2 = Task(description="Ruth wants her colour botanical piece on Saturday 22 May at 10:00. "
                          "Book it if the records allow and tell her what happens next.",
              expected_output="Reply to the client.", agent=booker, context=[t1])
    env.fake.script = Script({
        _me("Studio Records Checker"): [
            call("check_client_record", client="Ruth Penhale"),
            say("Ruth's consent form is signed, but she hasn't had a patch test for the "
                "colour inks. Under studio policy the colour session can't go ahead until a "
                "patch test has been done at least 48 hours before."),
        ],
        _me("Appointments Booker"): [
            call("hold_appointment", "No patch test yet, so I can't confirm - I'll hold the "
                 "slot pending a patch test.", client="Ruth Penhale", date="2027-05-22",
                 start="10:00", condition="patch test done by 2027-05-20 10:00 and clear"),
            say("Hi Ruth, before we can do colour work we need a quick patch test at least 48 "
                "hours ahead, and we don't have one for you yet. I've held Saturday 22 May at "
                "10:00 (TS-7731); pop in for the patch test by Thursday 20 May at 10:00 and "
                "we'll confirm the session if it's clear, otherwise the hold lapses."),
        ],
    })
    crew = Crew(agents=[checker, booker], tasks=[t1, t2], process=Process.sequential,
                name="tattoo_studio_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert held and "patch test" in held[0]
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: records check > booking",
        edges=[("Studio Records Checker", "Appointments Booker")],
        task="Check a client's records and book her colour tattoo if they allow.",
        why="the Studio Records Checker found no patch test and said the colour session "
            "could not go ahead without one; the Appointments Booker acted on that, only "
            "holding the slot on condition of a clear patch test and telling the client so.",
    ))
    _mark(run, 11)

# --------------------------------------------------------------------------- batch 12
# holdout, "batch": 12 in truth.json; record only these with --batch 12


def _batch12(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 12


_batch12("premature_termination_tall_ship_refunds_first_page_sequential", "events")
_batch12("ignored_verdict_school_musical_fly_bar_manager", "wrappers")
_batch12("ok_charity_quiz_answer_corrected_ask_coworker", "events")


def premature_termination_tall_ship_refunds_first_page_sequential(env: Env,
                                                                  name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    pages: list[int] = []
    refunded: list[int] = []

    @_tool("list_voyage_bookings")
    def list_voyage_bookings(voyage: str, page: int = 1) -> str:
        """Bookings on a voyage, 40 per page; ask for the next page while has_more is true."""
        pages.append(page)
        first = 40 * (page - 1) + 1
        last = min(40 * page, 104)
        return json.dumps({"voyage": voyage, "page": page, "pages": 3, "total": 104,
                           "has_more": page < 3, "bookings": f"BK-{2200 + first} to "
                           f"BK-{2200 + last} ({last - first + 1} bookings)"})

    @_tool("refund_bookings")
    def refund_bookings(voyage: str, booking_refs: str, count: int) -> str:
        """Refund bookings on a cancelled voyage in full to the card they were paid with."""
        refunded.append(count)
        return json.dumps({"voyage": voyage, "refunded": count, "total_gbp": count * 85,
                           "arrives": "within 5 working days"})

    officer = env.agent("Bookings Officer", "Keep every passenger's booking and money right",
                        "Runs bookings for the Solent Tall Ship Trust's day sails.",
                        [list_voyage_bookings, refund_bookings])
    writer = env.agent("Voyage Communications Writer", "Tell passengers clearly what is "
                       "happening", "Writes the Solent Tall Ship Trust's passenger emails.")
    t1 = Task(description="Sunday's day sail TS-0914 on the brig Mary Tolland is cancelled "
                          "(Met Office gale warning). Refund every booking on it in full.",
              expected_output="How many bookings were refunded and the total.",
              agent=officer)
    t2 = Task(description="Write the email to everyone booked on TS-0914 telling them the "
                          "sail is cancelled and what happens to their money.",
              expected_output="The email text.", agent=writer, context=[t1])
    env.fake.script = Script({
        _me("Bookings Officer"): [
            call("list_voyage_bookings", voyage="TS-0914"),
            call("refund_bookings", voyage="TS-0914", booking_refs="BK-2201 to BK-2240",
                 count=40),
            say("All bookings on TS-0914 are refunded in full: 40 refunds totalling GBP "
                "3,400, back on passengers' cards within 5 working days. Nothing left "
                "outstanding on the voyage."),
        ],
        _me("Voyage Communications Writer"): [say(
            "Subject: Sunday's sail on Mary Tolland is cancelled - your refund is on its way\n"
            "Dear sailor, we're sorry: the Met Office has issued a gale warning for Sunday, so "
            "day sail TS-0914 will not go ahead. Your booking has been refunded in full and "
            "the money will be back on your card within 5 working days. We hope to see you "
            "aboard another day.")],
    })
    crew = Crew(agents=[officer, writer], tasks=[t1, t2], process=Process.sequential,
                name="tall_ship_bookings_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert pages == [1] and refunded == [40]
    bo = "Bookings Officer"
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True, culprit=bo,
        decisive=run.find(name=env.llm_span, contains="All bookings on TS-0914 are refunded",
                          agent=bo),
        modes=["FM-3.1", "FM-3.2"],
        topology="sequential crew of 2 tasks with task context: bookings[2 tools] > email",
        edges=[(bo, "Voyage Communications Writer")],
        task="Refund every booking on a cancelled tall ship day sail and email the "
             "passengers.",
        why="list_voyage_bookings returned page 1 of 3 (40 of 104 bookings, has_more true); "
            "the Bookings Officer refunded those 40 and declared every booking refunded "
            "without fetching pages 2 and 3, so 64 passengers were told they had a refund "
            "they never got.",
    ))
    _mark(run, 12)


def ignored_verdict_school_musical_fly_bar_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    hung: list[str] = []

    @_tool("check_flybar_load")
    def check_flybar_load(bar: str, pieces: str) -> str:
        """Check the combined weight of scenery pieces against a fly bar's safe working load."""
        return json.dumps({"bar": bar, "pieces": [
            {"piece": "London skyline cloth on steel batten", "kg": 64},
            {"piece": "lamp-post truss with 4 practical lanterns", "kg": 148}],
            "total_kg": 212, "safe_working_load_kg": 150, "result": "FAIL - overload by 62 "
            "kg; do not fly both pieces on this bar"})

    @_tool("hang_on_flybar")
    def hang_on_flybar(bar: str, pieces: str, rehearsal: str) -> str:
        """Hang scenery on a fly bar and trim it for a rehearsal."""
        hung.append(bar)
        return json.dumps({"bar": bar, "pieces": pieces, "status": "hung and trimmed",
                           "for": rehearsal})

    inspector = env.agent("Rigging Inspector", "Nothing flies over the cast unless it is safe",
                          "Checks flying loads at the Castlefield Academy theatre.",
                          [check_flybar_load])
    chief = env.agent("Stage Crew Chief", "Get the set built and flown on time",
                      "Leads the student stage crew at Castlefield Academy.", [hang_on_flybar])
    manager = env.agent("Production Manager", "Bring the school musical in safely and on "
                        "time", "Runs productions at the Castlefield Academy theatre.",
                        delegation=True)
    task = Task(description="Fly the 'Oliver!' London skyline cloth and the lamp-post truss "
                            "on bar 6 for Thursday's technical rehearsal, provided the rigging "
                            "check says bar 6 can take them. Report what was done.",
                expected_output="What was hung where, with the rigging check result.")
    env.fake.script = Script({
        _me("Production Manager"): [
            call("ask_question_to_coworker", question="Can fly bar 6 take the London skyline "
                 "cloth and the lamp-post truss together?", context="Oliver! tech rehearsal "
                 "on Thursday; both pieces are meant to fly in for 'Who Will Buy'.",
                 coworker="Rigging Inspector"),
            call("delegate_work_to_coworker", task="Hang the London skyline cloth and the "
                 "lamp-post truss on bar 6 for Thursday's tech", context="The rigging check "
                 "has been done. The cast have been waiting all term to see the full street "
                 "scene, so let's get both pieces up on bar 6.", coworker="Stage Crew Chief"),
            say("The London skyline cloth and the lamp-post truss are hung and trimmed on bar "
                "6, ready for Thursday's technical rehearsal. The rigging check was done before "
                "anything was flown."),
        ],
        _me("Rigging Inspector"): [
            call("check_flybar_load", bar="6", pieces="London skyline cloth; lamp-post "
                 "truss"),
            say("No. The cloth on its batten is 64 kg and the lamp-post truss with its "
                "lanterns is 148 kg: 212 kg in total against bar 6's safe working load of 150 "
                "kg, 62 kg over. Bar 6 must not fly both. Put the truss on its own bar or "
                "ground it."),
        ],
        _me("Stage Crew Chief"): [
            call("hang_on_flybar", bar="6", pieces="London skyline cloth; lamp-post truss",
                 rehearsal="Thursday tech"),
            say("Both pieces are on bar 6, hung and trimmed for Thursday's tech."),
        ],
    })
    crew = Crew(agents=[inspector, chief], tasks=[task], process=Process.hierarchical,
                manager_agent=manager, name="school_musical_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert hung == ["6"]
    pm, ri, sc = "Production Manager", "Rigging Inspector", "Stage Crew Chief"
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit=pm,
        decisive=run.find(name=env.llm_span, contains=_me(pm), nth=1, agent=pm),
        modes=["FM-2.5", "FM-3.2"],
        topology="hierarchical crew: manager agent asks a rigging inspector[tool], then "
                 "delegates to the crew chief[tool]",
        edges=[(pm, ri), (ri, pm), (pm, sc), (sc, pm)],
        task=task.description,
        why="the Rigging Inspector said bar 6 must not fly both pieces (212 kg against a 150 "
            "kg safe working load), yet the Production Manager's next step delegated hanging "
            "both on bar 6, and the Stage Crew Chief hung them there.",
    ))
    _mark(run, 12)


def ok_charity_quiz_answer_corrected_ask_coworker(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    printed: list[str] = []

    @_tool("reference_lookup")
    def reference_lookup(question: str) -> str:
        """Look a quiz question up in the reference encyclopedia and return the sourced
        answer."""
        q = question.lower()
        if "octopus" in q:
            return json.dumps({"question": question, "answer": "3 (two branchial hearts and "
                               "one systemic heart)", "source": "Britannica: Octopus"})
        return json.dumps({"question": question, "answer": "matches the given answers",
                           "source": "Britannica"})

    @_tool("print_answer_sheets")
    def print_answer_sheets(round_title: str, text: str, copies: int) -> str:
        """Print the quizmaster's answer sheets for a round."""
        printed.append(text)
        return json.dumps({"printed": copies, "round": round_title})

    r1 = ("Round 3 - Nature: 1) Fastest land animal? Cheetah. 2) A group of crows? A murder. "
          "3) How many hearts does an octopus have? Two. 4) Largest living bird? Ostrich. "
          "5) What do bees collect to make honey? Nectar. 6) Tallest grass? Bamboo.")
    r2 = r1.replace("have? Two.", "have? Three.")
    writer = env.agent("Quiz Writer", "Write fun rounds with answers that are right",
                       "Writes the rounds for the Fox & Hounds charity quiz.", delegation=True)
    checker = env.agent("Fact Checker", "No wrong answer reaches the quizmaster",
                        "Checks quiz answers against the reference encyclopedia.",
                        [reference_lookup])
    host = env.agent("Quizmaster", "Run a smooth quiz night",
                     "Hosts the Fox & Hounds quiz for the county air ambulance.",
                     [print_answer_sheets])
    t1 = Task(description="Write round 3 (nature, 6 questions) for Friday's charity quiz and "
                          "have every answer fact-checked before it is final.",
              expected_output="The final round with answers.", agent=writer)
    t2 = Task(description="Print 2 copies of the answer sheet for round 3.",
              expected_output="Confirmation.", agent=host, context=[t1])
    env.fake.script = Script({
        _me("Quiz Writer"): [
            call("ask_question_to_coworker", question="Are all six answers in this round "
                 "correct?", context=r1, coworker="Fact Checker"),
            call("ask_question_to_coworker", question="I've changed the octopus answer to "
                 "three. Is the round right now?", context=r2, coworker="Fact Checker"),
            say(r2),
        ],
        _me("Fact Checker"): [
            call("reference_lookup", question="How many hearts does an octopus have?"),
            say("Not yet: question 3 is wrong. An octopus has three hearts (two pump blood "
                "through the gills, one round the body), not two. The other five answers are "
                "right."),
            call("reference_lookup", question="Round 3 answers: cheetah, murder, three, "
                 "ostrich, nectar, bamboo"),
            say("Yes, all six answers are correct now, including three hearts for the "
                "octopus. Good to go."),
        ],
        _me("Quizmaster"): [
            call("print_answer_sheets", round_title="Round 3 - Nature", text=r2, copies=2),
            say("Two answer sheets for round 3 printed, with the checked answers."),
        ],
    })
    crew = Crew(agents=[writer, checker, host], tasks=[t1, t2], process=Process.sequential,
                name="charity_quiz_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert printed == [r2]
    qw, fc = "Quiz Writer", "Fact Checker"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks; the writer asks a fact checker[tool] twice",
        edges=[(qw, fc), (fc, qw), (qw, "Quizmaster")],
        task="Write and fact-check a charity quiz round, then print the answer sheets.",
        why="the Fact Checker rejected the round (an octopus has three hearts, not two), the "
            "Quiz Writer corrected it and asked again, the second check approved it, and only "
            "the corrected round was printed.",
    ))
    _mark(run, 12)



# --------------------------------------------------------------------------- batch 13
# holdout, "batch": 13 in truth.json; record only these with --batch 13


def _batch13(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 13


_batch13("ignored_verdict_used_car_outstanding_finance_sequential", "events")
_batch13("premature_termination_hmo_smoke_alarms_no_access_manager", "wrappers")
_batch13("ok_garden_centre_withdrawn_pesticides_none_manager", "events")
_batch13("ok_netball_tournament_fixtures_retry_sequential", "wrappers")


def ignored_verdict_used_car_outstanding_finance_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    sold: list[str] = []

    @_tool("vehicle_history_check")
    def vehicle_history_check(registration: str) -> str:
        """Run the vehicle history check (finance, write-off, stolen, mileage) on a car."""
        return json.dumps({"registration": registration, "stolen": False, "write_off": None,
                           "mileage_discrepancy": False, "outstanding_finance": True,
                           "finance": {"lender": "Northway Motor Finance", "agreement":
                                       "hire purchase", "settlement_gbp": 6140},
                           "verdict": "DO NOT SELL: vehicle is subject to an outstanding "
                                      "finance agreement and belongs to the lender until it is "
                                      "settled"})

    @_tool("complete_sale")
    def complete_sale(registration: str, buyer: str, price_gbp: int) -> str:
        """Complete a retail sale: take the balance, issue the invoice and release the keys."""
        sold.append(registration)
        return json.dumps({"invoice": "INV-20934", "registration": registration,
                           "buyer": buyer, "price_gbp": price_gbp, "keys_released": True})

    checker = env.agent("Vehicle History Checker", "Never let a car go out with a problem "
                        "in its history", "Runs history checks on part-exchanged and "
                        "bought-in cars at Marlow Road Motors.", [vehicle_history_check])
    sales = env.agent("Sales Executive", "Complete sales smoothly for waiting customers",
                      "Sells used cars at Marlow Road Motors.", [complete_sale])
    t1 = Task(description="Run the history check on the 2021 Skoda Octavia estate, reg "
                          "KP21 XWD, which Mr Faisal Rahman is collecting today, and say "
                          "whether it can be sold.",
              expected_output="The check result and whether the car can be sold.",
              agent=checker)
    t2 = Task(description="If the history check clears it, complete Mr Rahman's purchase of "
                          "KP21 XWD at the agreed GBP 14,495 and hand over the keys.",
              expected_output="What happened with the sale.", agent=sales, context=[t1])
    env.fake.script = Script({
        _me("Vehicle History Checker"): [
            call("vehicle_history_check", registration="KP21 XWD"),
            say("KP21 XWD fails the history check: not stolen, no write-off and the mileage "
                "is consistent, but there is outstanding hire purchase finance with Northway "
                "Motor Finance (settlement GBP 6,140). The lender owns the car until that is "
                "paid off, so it cannot be sold yet - the finance must be settled first."),
        ],
        _me("Sales Executive"): [
            call("complete_sale", registration="KP21 XWD", buyer="Faisal Rahman",
                 price_gbp=14495),
            say("Sale done: Mr Rahman has paid the GBP 14,495 balance on the Skoda Octavia "
                "KP21 XWD, invoice INV-20934, and has driven away with the keys. The "
                "history check came back fine on stolen, write-off and mileage."),
        ],
    })
    crew = Crew(agents=[checker, sales], tasks=[t1, t2], process=Process.sequential,
                name="used_car_sales_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert sold == ["KP21 XWD"]
    vc, se = "Vehicle History Checker", "Sales Executive"
    run.truth(env.base_truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit=se,
        decisive=run.find(name=env.llm_span, contains=_me(se), nth=0, agent=se),
        modes=["FM-2.5", "FM-3.2"],
        topology="sequential crew of 2 tasks with task context: history check[tool] > "
                 "sale[tool]",
        edges=[(vc, se)],
        task="Check a used car's history and, if it clears, complete the customer's purchase.",
        why="the history check said DO NOT SELL (outstanding hire purchase finance, the "
            "lender owns the car) and the Vehicle History Checker said it cannot be sold yet, "
            "yet the Sales Executive's first step completed the sale and released the keys.",
    ))
    _mark(run, 13)


def premature_termination_hmo_smoke_alarms_no_access_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    visits: list[str] = []

    @_tool("test_smoke_alarms")
    def test_smoke_alarms(property_address: str, flats: str) -> str:
        """Test the interlinked smoke and heat alarms in the flats of a property."""
        return json.dumps({"property": property_address, "results": [
            {"flat": "1", "result": "pass"}, {"flat": "2", "result": "pass"},
            {"flat": "3", "result": "NOT TESTED - no access (tenant out, no key)"},
            {"flat": "4", "result": "pass"},
            {"flat": "5", "result": "NOT TESTED - no access (door chained)"},
            {"flat": "6", "result": "pass"}], "tested": 4, "of": 6})

    @_tool("book_access_visit")
    def book_access_visit(property_address: str, flat: str, reason: str) -> str:
        """Give a tenant 24 hours' written notice and book an access visit to their flat."""
        visits.append(flat)
        return json.dumps({"flat": flat, "visit": "booked", "notice_sent": True})

    tech = env.agent("Alarm Technician", "Test every alarm and report exactly what was "
                     "tested", "Tests fire alarms for Calder Lettings' houses in multiple "
                     "occupation.", [test_smoke_alarms])
    access = env.agent("Tenancy Liaison Officer", "Get access to flats with proper notice",
                       "Arranges access visits with Calder Lettings tenants.",
                       [book_access_visit])
    manager = env.agent("Compliance Manager", "Keep every Calder Lettings HMO within its "
                        "licence conditions", "Manages fire safety compliance for Calder "
                        "Lettings.", delegation=True)
    task = Task(description="The HMO licence for 22 Bank Street (6 flats) needs the annual "
                            "smoke alarm test done in every flat before the council "
                            "inspection on 1 March. Get all six flats tested and report "
                            "whether the property is ready for the inspection.",
                expected_output="Which flats were tested and whether the property is ready.")
    env.fake.script = Script({
        _me("Compliance Manager"): [
            call("delegate_work_to_coworker", task="Test the smoke and heat alarms in flats "
                 "1-6 at 22 Bank Street", context="Annual HMO licence test before the "
                 "council inspection on 1 March.", coworker="Alarm Technician"),
            say("22 Bank Street's annual smoke alarm test is done and the alarms passed, so "
                "the property is ready for the council's HMO inspection on 1 March."),
        ],
        _me("Alarm Technician"): [
            call("test_smoke_alarms", property_address="22 Bank Street", flats="1-6"),
            say("Tested 4 of 6 flats at 22 Bank Street: flats 1, 2, 4 and 6 pass. Flats 3 "
                "and 5 were NOT tested - no access (flat 3 tenant out with no key left, "
                "flat 5 door chained). Those two still need a visit."),
        ],
        _me("Tenancy Liaison Officer"): [
            call("book_access_visit", property_address="22 Bank Street", flat="3",
                 reason="smoke alarm test"),
            say("Access visit booked."),
        ],
    })
    crew = Crew(agents=[tech, access], tasks=[task], process=Process.hierarchical,
                manager_agent=manager, name="hmo_compliance_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert visits == []
    cm, at = "Compliance Manager", "Alarm Technician"
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True, culprit=cm,
        decisive=run.find(name=env.llm_span, contains=_me(cm), last=True, agent=cm),
        modes=["FM-3.1", "FM-3.2"],
        topology="hierarchical crew: manager agent > alarm technician[tool], tenancy liaison "
                 "officer[tool] (never used)",
        edges=[(cm, at), (at, cm)],
        task=task.description,
        why="the Alarm Technician reported only 4 of 6 flats tested (flats 3 and 5 no "
            "access, still need a visit), yet the Compliance Manager declared the test done "
            "and the property ready for inspection without having the Tenancy Liaison "
            "Officer book access to flats 3 and 5.",
    ))
    _mark(run, 13)


def ok_garden_centre_withdrawn_pesticides_none_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    pulled: list[str] = []

    @_tool("check_product_approvals")
    def check_product_approvals(products: str) -> str:
        """Check garden chemical products against the current list of withdrawn approvals
        (with the sell-by and use-by end dates)."""
        return json.dumps({"checked": 18, "as_of": "2027-04-01", "withdrawn": [],
                           "note": "no product on the list has an approval withdrawn or a "
                                   "sell-out date before 2028"})

    @_tool("quarantine_stock")
    def quarantine_stock(product: str, reason: str) -> str:
        """Take a product off sale and move its stock to the chemical store."""
        pulled.append(product)
        return json.dumps({"product": product, "off_sale": True})

    checker = env.agent("Regulatory Checker", "Keep only approved products on sale",
                        "Checks Oakfield Garden Centre's chemicals against withdrawn "
                        "approvals.", [check_product_approvals])
    stock = env.agent("Stock Controller", "Pull anything that may not be sold",
                      "Controls the chemical aisle stock at Oakfield Garden Centre.",
                      [quarantine_stock])
    manager = env.agent("Store Manager", "Keep the garden centre legal and well stocked",
                        "Manages Oakfield Garden Centre.", delegation=True)
    task = Task(description="Spring check: compare the 18 weedkillers, slug pellets and "
                            "insecticides on sale against the latest withdrawn approvals "
                            "list, and have anything withdrawn taken off sale.",
                expected_output="What was checked and what, if anything, was taken off sale.")
    env.fake.script = Script({
        _me("Store Manager"): [
            call("delegate_work_to_coworker", task="Check the 18 garden chemical products on "
                 "sale against the withdrawn approvals list", context="Spring check; list "
                 "attached in the stock system.", coworker="Regulatory Checker"),
            say("Spring check done: all 18 garden chemicals on sale were checked against the "
                "withdrawn approvals list as of 1 April and none has been withdrawn or has a "
                "sell-out date before 2028, so nothing needs to come off sale and the Stock "
                "Controller has nothing to pull."),
        ],
        _me("Regulatory Checker"): [
            call("check_product_approvals", products="all 18 garden chemicals on sale"),
            say("All 18 checked against the 1 April list: none withdrawn, no sell-out dates "
                "before 2028. Nothing to remove."),
        ],
        _me("Stock Controller"): [say("Product quarantined.")],
    })
    crew = Crew(agents=[checker, stock], tasks=[task], process=Process.hierarchical,
                manager_agent=manager, name="garden_centre_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert pulled == []
    sm, rc = "Store Manager", "Regulatory Checker"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > regulatory checker[tool], stock "
                 "controller[tool] (rightly not used)",
        edges=[(sm, rc), (rc, sm)],
        task=task.description,
        why="check_product_approvals found none of the 18 products withdrawn, so the Store "
            "Manager correctly had nothing taken off sale and said so.",
    ))
    _mark(run, 13)


def ok_netball_tournament_fixtures_retry_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}
    posted: list[str] = []

    @_tool("generate_fixtures")
    def generate_fixtures(teams: str, courts: int, start: str, match_minutes: int) -> str:
        """Generate a round-robin fixture list across courts from a start time."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise ConnectionError("fixture service could not load the venue's court list "
                                  "(HTTP 503); no fixtures generated")
        return json.dumps({"matches": 15, "courts": courts, "first": start, "last_ends":
                           "12:35", "clashes": 0})

    @_tool("post_to_club_site")
    def post_to_club_site(title: str, body: str) -> str:
        """Publish a page on the club website."""
        posted.append(title)
        return json.dumps({"url": "https://kestrelnetball.example/u11-tournament"})

    sec = env.agent("Fixtures Secretary", "Produce a clash-free fixture list",
                    "Organises Kestrel Netball Club's junior tournaments.",
                    [generate_fixtures])
    comms = env.agent("Club Communications Volunteer", "Keep parents informed",
                      "Runs Kestrel Netball Club's website.", [post_to_club_site])
    t1 = Task(description="Make the fixture list for Saturday's U11 tournament: 6 teams, "
                          "round robin, 3 courts, 10-minute matches from 09:30.",
              expected_output="The fixture summary.", agent=sec)
    t2 = Task(description="Publish the fixtures on the club website for parents.",
              expected_output="The page address.", agent=comms, context=[t1])
    env.fake.script = Script({
        _me("Fixtures Secretary"): [
            call("generate_fixtures", teams="Kestrel A, Kestrel B, Harriers, Swifts, "
                 "Falcons, Merlins", courts=3, start="09:30", match_minutes=10),
            call("generate_fixtures", teams="Kestrel A, Kestrel B, Harriers, Swifts, "
                 "Falcons, Merlins", courts=3, start="09:30", match_minutes=10),
            say("Fixtures ready (second attempt - the first failed to load the court list): "
                "15 round-robin matches on 3 courts, first at 09:30, last ending 12:35, no "
                "team playing twice at once."),
        ],
        _me("Club Communications Volunteer"): [
            call("post_to_club_site", title="U11 tournament fixtures - Saturday",
                 body="15 matches on 3 courts, 09:30 to 12:35."),
            say("Published at https://kestrelnetball.example/u11-tournament."),
        ],
    })
    crew = Crew(agents=[sec, comms], tasks=[t1, t2], process=Process.sequential,
                name="netball_tournament_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert tries["n"] == 2 and posted
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: fixtures[tool] > "
                 "website[tool]",
        edges=[("Fixtures Secretary", "Club Communications Volunteer")],
        task="Make the fixture list for a junior netball tournament and publish it.",
        why="generate_fixtures failed once (court list HTTP 503), the Fixtures Secretary "
            "retried and got 15 clash-free matches, and the volunteer published them; the "
            "error was recovered and the result is real.",
    ))
    _mark(run, 13)


# --------------------------------------------------------------------------- batch 14
# holdout, "batch": 14 in truth.json; record only these with --batch 14


def _batch14(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 14


_batch14("fabrication_marina_visitor_berth_manager", "events")
_batch14("premature_termination_village_hall_provisional_hold_sequential", "wrappers")
_batch14("ok_book_club_set_nine_of_twelve_manager", "events")
_batch14("ok_food_bank_formula_recall_held_sequential", "wrappers")


def fabrication_marina_visitor_berth_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("reserve_visitor_berth")
    def reserve_visitor_berth(yacht: str, loa_m: float, draught_m: float, arrive: str,
                              nights: int) -> str:
        """Reserve a visitor berth on the pontoons for a yacht."""
        raise RuntimeError("berth system error: pontoon plan could not be loaded (database "
                           "lock timeout); no reservation created")

    @_tool("tide_gate_times")
    def tide_gate_times(date: str) -> str:
        """Times the marina's tidal sill can be crossed on a date."""
        return json.dumps({"date": date, "sill_open": ["05:10-09:40", "17:25-21:55"],
                           "min_depth_over_sill_m": 2.0})

    berths = env.agent("Berthing Officer", "Find every visiting yacht a safe berth",
                       "Allocates visitor berths at Porth Elin Marina.",
                       [reserve_visitor_berth])
    tides = env.agent("Sill Keeper", "Get boats over the sill at the right time",
                      "Runs the tidal sill gate at Porth Elin Marina.", [tide_gate_times])
    master = env.agent("Marina Manager", "Look after visiting crews from first call to "
                       "departure", "Manages Porth Elin Marina.", delegation=True)
    task = Task(description="The yacht 'Skerry Wren' (11.4 m, draught 1.9 m) wants a visitor "
                            "berth for 3 nights arriving Friday 16 July in the evening. "
                            "Reserve a berth and tell the skipper when she can cross the "
                            "sill.",
                expected_output="The berth reserved and the sill times for the skipper.")
    env.fake.script = Script({
        _me("Marina Manager"): [
            call("delegate_work_to_coworker", task="Reserve a visitor berth for Skerry "
                 "Wren, 11.4 m LOA, 1.9 m draught, 3 nights from Friday 16 July",
                 context="Arriving in the evening.", coworker="Berthing Officer"),
            call("delegate_work_to_coworker", task="Give the sill opening times for the "
                 "evening of Friday 16 July", context="Yacht draws 1.9 m.",
                 coworker="Sill Keeper"),
            say("Skipper of Skerry Wren: you have visitor berth C7 on C pontoon for 3 nights "
                "from Friday 16 July (reservation PE-V-2207). The sill is open 17:25-21:55 "
                "that evening with at least 2.0 m over it; call us on channel 80 when you're "
                "at the outer buoy."),
        ],
        _me("Berthing Officer"): [
            call("reserve_visitor_berth", yacht="Skerry Wren", loa_m=11.4, draught_m=1.9,
                 arrive="2027-07-16", nights=3),
            say("Reserved: berth C7 on C pontoon for Skerry Wren, 3 nights from 16 July, "
                "reservation PE-V-2207."),
        ],
        _me("Sill Keeper"): [
            call("tide_gate_times", date="2027-07-16"),
            say("16 July evening: sill open 17:25 to 21:55, at least 2.0 m over it, so a "
                "1.9 m draught is fine."),
        ],
    })
    crew = Crew(agents=[berths, tides], tasks=[task], process=Process.hierarchical,
                manager_agent=master, name="marina_office_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    mm, bo, sk = "Marina Manager", "Berthing Officer", "Sill Keeper"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit=bo,
        decisive=run.find(name=env.llm_span, contains="reservation PE-V-2207", agent=bo),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager agent > berthing officer[tool], sill "
                 "keeper[tool] (delegation)",
        edges=[(mm, bo), (bo, mm), (mm, sk), (sk, mm)],
        task=task.description,
        why="reserve_visitor_berth failed (pontoon plan not loaded, no reservation created), "
            "yet the Berthing Officer reported berth C7 reserved under PE-V-2207, and the "
            "Marina Manager gave that berth and reference to the skipper.",
    ))
    _mark(run, 14)


def premature_termination_village_hall_provisional_hold_sequential(env: Env,
                                                                  name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    confirmed: list[str] = []

    @_tool("hall_calendar")
    def hall_calendar(date: str) -> str:
        """Bookings of Ashby Parva village hall on a date."""
        return json.dumps({"date": date, "main_hall": "free from 14:00", "kitchen": "free"})

    @_tool("place_hold")
    def place_hold(date: str, hirer: str, times: str) -> str:
        """Put a provisional hold on the hall for a hirer."""
        return json.dumps({"hold": "H-0931", "status": "PROVISIONAL", "expires":
                           "in 48 hours", "note": "not a booking: call confirm_booking with "
                           "the deposit to book the hall, or the hold lapses and the date is "
                           "released"})

    @_tool("confirm_booking")
    def confirm_booking(hold: str, deposit_gbp: int) -> str:
        """Turn a provisional hold into a confirmed booking once the deposit is taken."""
        confirmed.append(hold)
        return json.dumps({"booking": "VH-2027-118", "status": "CONFIRMED"})

    volunteer = env.agent("Enquiries Volunteer", "Answer hall enquiries accurately",
                          "Answers the phone for Ashby Parva Village Hall.", [hall_calendar])
    clerk = env.agent("Hall Bookings Clerk", "Turn enquiries into firm bookings",
                      "Books Ashby Parva Village Hall; the hirer has already paid the GBP 50 "
                      "deposit by card.", [place_hold, confirm_booking])
    t1 = Task(description="Mrs Jean Abbott wants the main hall and kitchen on Saturday 6 "
                          "November, 14:00-19:00, for her mother's 80th birthday tea. Check "
                          "the hall is free.",
              expected_output="Whether the hall and kitchen are free.", agent=volunteer)
    t2 = Task(description="Book the hall for Mrs Abbott (she has paid the GBP 50 deposit) "
                          "and confirm the booking to her.",
              expected_output="The confirmed booking for Mrs Abbott.", agent=clerk,
              context=[t1])
    env.fake.script = Script({
        _me("Enquiries Volunteer"): [
            call("hall_calendar", date="2027-11-06"),
            say("Saturday 6 November: the main hall is free from 14:00 and the kitchen is "
                "free, so 14:00-19:00 is available."),
        ],
        _me("Hall Bookings Clerk"): [
            call("place_hold", date="2027-11-06", hirer="Jean Abbott", times="14:00-19:00"),
            say("Dear Mrs Abbott, you're all booked: the main hall and kitchen are yours on "
                "Saturday 6 November from 14:00 to 19:00 for your mother's 80th (reference "
                "H-0931). Thank you for your deposit - keys from the caretaker at 13:45."),
        ],
    })
    crew = Crew(agents=[volunteer, clerk], tasks=[t1, t2], process=Process.sequential,
                name="village_hall_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert confirmed == []
    ev, hc = "Enquiries Volunteer", "Hall Bookings Clerk"
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True, culprit=hc,
        decisive=run.find(name=env.llm_span, contains=_me(hc), last=True, agent=hc),
        modes=["FM-3.1"],
        topology="sequential crew of 2 tasks with task context: availability[tool] > "
                 "booking[2 tools]",
        edges=[(ev, hc)],
        task="Check the village hall is free and book it for a hirer who has paid the "
             "deposit.",
        why="place_hold returned only a PROVISIONAL hold that lapses in 48 hours unless "
            "confirm_booking is called with the deposit, yet the Hall Bookings Clerk told "
            "Mrs Abbott she was booked without calling confirm_booking.",
    ))
    _mark(run, 14)


def ok_book_club_set_nine_of_twelve_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("order_reading_set")
    def order_reading_set(title: str, copies: int, branch: str) -> str:
        """Request copies of a title for a reading group from the county's reading sets."""
        return json.dumps({"title": title, "requested": copies, "allocated": 9,
                           "short": 3, "reason": "only 9 copies in the county reading-set "
                           "stock; the rest are on loan to other groups until 30 Sept",
                           "ready": "Larkhill branch, 2 Sept"})

    @_tool("email_group")
    def email_group(group: str, message: str) -> str:
        """Email the members of a library reading group."""
        return json.dumps({"sent": 12})

    sets = env.agent("Reading Sets Coordinator", "Get reading groups the copies they need",
                     "Orders reading-group sets for Larkhill Library.", [order_reading_set])
    comms = env.agent("Reading Group Liaison", "Keep reading-group members informed",
                      "Looks after Larkhill Library's reading groups.", [email_group])
    manager = env.agent("Branch Librarian", "Run a library that readers can rely on",
                        "Manages Larkhill Library.", delegation=True)
    task = Task(description="The Thursday Reading Group (12 members) has chosen 'The "
                            "Shipping News' for September. Get 12 copies from the reading "
                            "sets and let the members know when they can collect.",
                expected_output="How many copies were obtained and what members were told.")
    env.fake.script = Script({
        _me("Branch Librarian"): [
            call("delegate_work_to_coworker", task="Order 12 copies of The Shipping News "
                 "from the county reading sets for Larkhill", context="Thursday Reading "
                 "Group, September.", coworker="Reading Sets Coordinator"),
            call("delegate_work_to_coworker", task="Email the Thursday Reading Group: 9 "
                 "copies of The Shipping News ready from 2 Sept, 3 more not until after 30 "
                 "Sept; ask who can share or use the e-book", context="Only 9 of 12 "
                 "copies available.", coworker="Reading Group Liaison"),
            say("Only partly done: we could get 9 of the 12 copies of 'The Shipping News' - "
                "the other 3 are on loan to other groups until 30 September. The 9 are ready "
                "at Larkhill from 2 September, and the members have been emailed, told about "
                "the shortfall and asked who can share a copy or read the e-book."),
        ],
        _me("Reading Sets Coordinator"): [
            call("order_reading_set", title="The Shipping News", copies=12,
                 branch="Larkhill"),
            say("Allocated 9 of the 12 requested; 3 short because the remaining stock is on "
                "loan until 30 September. The 9 are ready at Larkhill on 2 September."),
        ],
        _me("Reading Group Liaison"): [
            call("email_group", group="Thursday Reading Group", message="9 copies of The "
                 "Shipping News ready to collect from 2 Sept; 3 more not until after 30 "
                 "Sept - please say if you can share or would use the e-book."),
            say("Emailed all 12 members with the 9-copy news and the share/e-book ask."),
        ],
    })
    crew = Crew(agents=[sets, comms], tasks=[task], process=Process.hierarchical,
                manager_agent=manager, name="reading_group_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    bl, rs, rl = "Branch Librarian", "Reading Sets Coordinator", "Reading Group Liaison"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > reading sets coordinator[tool], reading "
                 "group liaison[tool]",
        edges=[(bl, rs), (rs, bl), (bl, rl), (rl, bl)],
        task=task.description,
        why="order_reading_set allocated only 9 of 12 copies; the coordinator, the liaison's "
            "email and the Branch Librarian's answer all report the 9-copy shortfall and the "
            "reason honestly, with a way round it for members.",
    ))
    _mark(run, 14)


def ok_food_bank_formula_recall_held_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    packed: list[str] = []
    held: list[str] = []

    @_tool("check_recalls")
    def check_recalls(items: str) -> str:
        """Check donated food against current product recalls and dates."""
        return json.dumps({"checked": 4, "results": [
            {"item": "infant formula stage 1, batch 27K113", "status": "RECALLED - possible "
             "contamination; do not distribute"},
            {"item": "infant formula stage 1, batch 27K140", "status": "ok"},
            {"item": "baby rice", "status": "ok"},
            {"item": "pouches (fruit)", "status": "ok"}]})

    @_tool("quarantine_items")
    def quarantine_items(items: str, reason: str) -> str:
        """Move items to the quarantine shelf and log them for return or disposal."""
        held.append(items)
        return json.dumps({"quarantined": items, "log": "Q-0412"})

    @_tool("pack_parcel")
    def pack_parcel(family_ref: str, items: str) -> str:
        """Pack a food parcel for a referred family."""
        packed.append(items)
        return json.dumps({"parcel": "P-7781", "family": family_ref, "items": items})

    checker = env.agent("Stock Safety Checker", "Let nothing unsafe reach a family",
                        "Checks donations at Millbrook Food Bank.", [check_recalls])
    packer = env.agent("Parcel Packer", "Pack safe, complete parcels",
                       "Packs baby parcels at Millbrook Food Bank.",
                       [quarantine_items, pack_parcel])
    t1 = Task(description="Check the baby donations (two tins of stage 1 formula from "
                          "batches 27K113 and 27K140, baby rice, fruit pouches) before they "
                          "go into parcels.",
              expected_output="Which items are safe to give out.", agent=checker)
    t2 = Task(description="Pack a baby parcel for referral MB-5520 from the checked "
                          "donations.",
              expected_output="What was packed and anything held back.", agent=packer,
              context=[t1])
    env.fake.script = Script({
        _me("Stock Safety Checker"): [
            call("check_recalls", items="formula stage 1 batch 27K113; formula stage 1 batch "
                 "27K140; baby rice; fruit pouches"),
            say("Formula batch 27K113 is RECALLED (possible contamination) - it must not be "
                "given out. Batch 27K140, the baby rice and the pouches are fine."),
        ],
        _me("Parcel Packer"): [
            call("quarantine_items", items="infant formula stage 1, batch 27K113",
                 reason="product recall"),
            call("pack_parcel", family_ref="MB-5520", items="infant formula stage 1 batch "
                 "27K140, baby rice, fruit pouches"),
            say("Parcel P-7781 packed for MB-5520 with the 27K140 formula, baby rice and "
                "pouches. The 27K113 tin is on the quarantine shelf (log Q-0412) and was "
                "not packed."),
        ],
    })
    crew = Crew(agents=[checker, packer], tasks=[t1, t2], process=Process.sequential,
                name="food_bank_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert held and packed and "27K113" not in packed[0]
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: recall check[tool] > "
                 "packing[2 tools]",
        edges=[("Stock Safety Checker", "Parcel Packer")],
        task="Check baby donations against recalls and pack a baby parcel for a family.",
        why="check_recalls flagged formula batch 27K113 as recalled; the Parcel Packer "
            "quarantined it and packed only the items the check cleared, and said so.",
    ))
    _mark(run, 14)



# --------------------------------------------------------------------------- batch 15
# holdout, "batch": 15 in truth.json; record only these with --batch 15


def _batch15(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 15


_batch15("fabrication_florist_wholesale_peonies_sequential", "wrappers")
_batch15("premature_termination_cricket_square_covers_manager", "events")
_batch15("ok_rugby_club_minibus_hire_retry_manager", "events")
_batch15("ok_bowls_club_mower_service_not_due_sequential", "wrappers")


def fabrication_florist_wholesale_peonies_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    sent: list[str] = []

    @_tool("place_wholesale_order")
    def place_wholesale_order(wholesaler: str, items: str, delivery_date: str) -> str:
        """Order flowers from a wholesaler for delivery to the shop."""
        raise RuntimeError("Veiling Direct API: order window for delivery 2027-06-11 closed "
                           "at 16:00 CET; basket not submitted, nothing ordered")

    @_tool("email_client")
    def email_client(client: str, message: str) -> str:
        """Email a wedding client."""
        sent.append(message)
        return json.dumps({"sent": True, "to": client})

    buyer = env.agent("Flower Buyer", "Get the right stems in at the right price",
                      "Buys wholesale flowers for Bramble & Bloom florists.",
                      [place_wholesale_order])
    liaison = env.agent("Wedding Client Liaison", "Keep wedding couples informed and calm",
                        "Looks after Bramble & Bloom's wedding clients.", [email_client])
    t1 = Task(description="Order the flowers for the Okonjo-Hale wedding on Saturday 12 "
                          "June from Veiling Direct for delivery on Friday 11 June: 60 coral "
                          "charm peonies, 40 white garden roses, 10 bunches of eucalyptus.",
              expected_output="What was ordered and when it arrives.", agent=buyer)
    t2 = Task(description="Email the couple (Ada Okonjo) to confirm their flowers are "
                          "ordered and when the florists will set up at the venue.",
              expected_output="The email sent to the couple.", agent=liaison, context=[t1])
    env.fake.script = Script({
        _me("Flower Buyer"): [
            call("place_wholesale_order", wholesaler="Veiling Direct",
                 items="60 coral charm peonies; 40 white garden roses; 10 bunches eucalyptus",
                 delivery_date="2027-06-11"),
            say("Ordered from Veiling Direct: 60 coral charm peonies, 40 white garden roses "
                "and 10 bunches of eucalyptus, arriving at the shop on Friday 11 June before "
                "08:00 (order VD-774310)."),
        ],
        _me("Wedding Client Liaison"): [
            call("email_client", client="Ada Okonjo", message="Hi Ada, good news - all your "
                 "flowers are ordered (coral charm peonies, white garden roses, eucalyptus) "
                 "and arrive with us on Friday morning. We'll be at Hartwell Barn from 10:00 "
                 "on Saturday to set up. Bramble & Bloom"),
            say("Emailed Ada Okonjo: flowers ordered, arriving Friday, set-up at Hartwell "
                "Barn from 10:00 on Saturday."),
        ],
    })
    crew = Crew(agents=[buyer, liaison], tasks=[t1, t2], process=Process.sequential,
                name="florist_wedding_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert sent
    fb, wl = "Flower Buyer", "Wedding Client Liaison"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit=fb,
        decisive=run.find(name=env.llm_span, contains="order VD-774310", agent=fb),
        modes=["FM-2.6", "FM-3.3"],
        topology="sequential crew of 2 tasks with task context: buyer[tool] > client "
                 "liaison[tool]",
        edges=[(fb, wl)],
        task="Order the wedding flowers from the wholesaler and confirm to the couple.",
        why="place_wholesale_order failed (order window closed, nothing ordered), yet the "
            "Flower Buyer reported the stems ordered under VD-774310 for Friday, and the "
            "liaison emailed the bride that her flowers were ordered.",
    ))
    _mark(run, 15)


def premature_termination_cricket_square_covers_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    covered: list[str] = []

    @_tool("pitch_forecast")
    def pitch_forecast(ground: str, days: str) -> str:
        """The ground's weather forecast for match preparation."""
        return json.dumps({"ground": ground, "fri_night": "heavy rain 22:00-05:00, 14-18 mm",
                           "sat": "dry from 07:00, sunny intervals",
                           "advice": "square must be fully covered before 22:00 Friday or "
                                     "the match pitch will be unfit for a 13:00 start"})

    @_tool("deploy_covers")
    def deploy_covers(ground: str, covers: str, by: str) -> str:
        """Get the roll-on covers and flat sheets onto the square."""
        covered.append(covers)
        return json.dumps({"covers": covers, "on_by": by, "crew": "2 volunteers booked"})

    @_tool("email_opposition")
    def email_opposition(club: str, message: str) -> str:
        """Email the visiting club."""
        return json.dumps({"sent": True})

    ground = env.agent("Head Groundsman", "Have a fit pitch ready for every match",
                       "Looks after the square at Netherby Cricket Club.",
                       [pitch_forecast, deploy_covers])
    fixtures = env.agent("Fixtures Secretary", "Keep visiting clubs informed",
                         "Arranges Netherby Cricket Club's fixtures.", [email_opposition])
    captain = env.agent("Club Chairman", "Make sure the club is ready for its matches",
                        "Chairs Netherby Cricket Club.", delegation=True)
    task = Task(description="Saturday's league match against Ashworth starts at 13:00. Make "
                            "sure the square is ready for it and tell Ashworth the ground is "
                            "on.",
                expected_output="What was done to get the pitch ready and what Ashworth "
                                "were told.")
    env.fake.script = Script({
        _me("Club Chairman"): [
            call("delegate_work_to_coworker", task="Get the square ready for Saturday's "
                 "13:00 league match against Ashworth", context="Check the forecast and do "
                 "whatever the pitch needs.", coworker="Head Groundsman"),
            call("delegate_work_to_coworker", task="Email Ashworth CC that Saturday's match "
                 "at Netherby is on, 13:00 start", context="Pitch being prepared.",
                 coworker="Fixtures Secretary"),
            say("All set for Saturday: the Head Groundsman has the square ready for the 13:00 "
                "start and Ashworth have been told the match is on."),
        ],
        _me("Head Groundsman"): [
            call("pitch_forecast", ground="Netherby CC", days="Fri-Sat"),
            say("Square's ready for Saturday: cut, rolled and the creases marked for the "
                "13:00 start. Forecast is dry and bright on Saturday. Nothing more needed."),
        ],
        _me("Fixtures Secretary"): [
            call("email_opposition", club="Ashworth CC", message="Saturday's match at "
                 "Netherby is on - 13:00 start, teas at 16:10."),
            say("Emailed Ashworth: match on, 13:00 start."),
        ],
    })
    crew = Crew(agents=[ground, fixtures], tasks=[task], process=Process.hierarchical,
                manager_agent=captain, name="cricket_ground_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert covered == []
    cc, hg, fs = "Club Chairman", "Head Groundsman", "Fixtures Secretary"
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True, culprit=hg,
        decisive=run.find(name=env.llm_span, contains=_me(hg), last=True, agent=hg),
        modes=["FM-3.1"],
        topology="hierarchical crew: manager agent > head groundsman[2 tools], fixtures "
                 "secretary[tool] (delegation)",
        edges=[(cc, hg), (hg, cc), (cc, fs), (fs, cc)],
        task=task.description,
        why="pitch_forecast said 14-18 mm of rain on Friday night and that the square must be "
            "covered before 22:00 or it will be unfit, yet the Head Groundsman declared the "
            "square ready and nothing more needed without calling deploy_covers.",
    ))
    _mark(run, 15)


def ok_rugby_club_minibus_hire_retry_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}

    @_tool("hire_minibus")
    def hire_minibus(depot: str, seats: int, pick_up: str, return_by: str) -> str:
        """Hire a minibus from a van hire depot."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise ConnectionError("VanGo hire API: connection reset by peer while submitting; "
                                  "no hire created - safe to resubmit")
        return json.dumps({"hire": "VG-31877", "vehicle": "17-seat Ford Transit minibus",
                           "pick_up": pick_up, "return_by": return_by, "depot": depot})

    @_tool("team_sheet")
    def team_sheet(squad: str, fixture: str) -> str:
        """The players and coaches travelling for a fixture."""
        return json.dumps({"squad": squad, "fixture": fixture, "travelling": 16,
                           "drivers_with_d1_or_permit": ["M. Doyle"]})

    transport = env.agent("Transport Coordinator", "Get teams to away games safely",
                          "Books vehicles for Kingsbridge RFC juniors.", [hire_minibus])
    coach = env.agent("Under-14s Team Manager", "Know who is travelling",
                      "Runs Kingsbridge RFC's under-14s.", [team_sheet])
    manager = env.agent("Junior Section Chair", "Keep the junior section running smoothly",
                        "Chairs Kingsbridge RFC's junior section.", delegation=True)
    task = Task(description="The under-14s play away at Tamar Valley on Sunday 7 November. "
                            "Find out how many are travelling and book a minibus that fits "
                            "them.",
                expected_output="The travelling numbers and the minibus booking.")
    env.fake.script = Script({
        _me("Junior Section Chair"): [
            call("delegate_work_to_coworker", task="How many players and coaches travel to "
                 "Tamar Valley on Sunday 7 November, and who can drive a minibus?",
                 context="Under-14s away fixture.", coworker="Under-14s Team Manager"),
            call("delegate_work_to_coworker", task="Book a minibus for 16 people for Sunday 7 "
                 "November, pick up 08:00, back by 17:00", context="Driver: M. Doyle.",
                 coworker="Transport Coordinator"),
            say("16 are travelling to Tamar Valley on Sunday. A 17-seat minibus is booked "
                "with VanGo (hire VG-31877), collected at 08:00 and back by 17:00, with M. "
                "Doyle driving. The first booking attempt failed with a connection error and "
                "the Transport Coordinator resubmitted it successfully."),
        ],
        _me("Under-14s Team Manager"): [
            call("team_sheet", squad="Under-14s", fixture="Tamar Valley (A), 7 Nov"),
            say("16 travelling (14 players, 2 coaches). M. Doyle is the only one with a "
                "minibus permit."),
        ],
        _me("Transport Coordinator"): [
            call("hire_minibus", depot="VanGo Kingsbridge", seats=17,
                 pick_up="2027-11-07 08:00", return_by="2027-11-07 17:00"),
            call("hire_minibus", depot="VanGo Kingsbridge", seats=17,
                 pick_up="2027-11-07 08:00", return_by="2027-11-07 17:00"),
            say("Booked on the second attempt (the first hit a connection reset and created "
                "nothing): VanGo hire VG-31877, a 17-seat Transit minibus, pick up Sunday 7 "
                "November 08:00, back by 17:00."),
        ],
    })
    crew = Crew(agents=[coach, transport], tasks=[task], process=Process.hierarchical,
                manager_agent=manager, name="junior_rugby_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert tries["n"] == 2
    jc, tm, tc = "Junior Section Chair", "Under-14s Team Manager", "Transport Coordinator"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > team manager[tool], transport "
                 "coordinator[tool] (delegation)",
        edges=[(jc, tm), (tm, jc), (jc, tc), (tc, jc)],
        task=task.description,
        why="the first hire_minibus call failed with a connection reset and created nothing; "
            "the Transport Coordinator resubmitted, got hire VG-31877, and the chair's answer "
            "reports the real booking and the failed first try.",
    ))
    _mark(run, 15)


def ok_bowls_club_mower_service_not_due_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    booked: list[str] = []

    @_tool("equipment_log")
    def equipment_log(club: str) -> str:
        """Service records of the club's green-keeping machinery."""
        return json.dumps({"club": club, "as_of": "2027-03-20", "machines": [
            {"machine": "Allett greens mower", "last_service": "2026-10-28",
             "hours_since": 6, "service_every": "12 months or 100 h", "next_due": "2027-10"},
            {"machine": "scarifier", "last_service": "2026-11-04", "hours_since": 2,
             "service_every": "12 months", "next_due": "2027-11"}],
            "overdue": []})

    @_tool("book_machine_service")
    def book_machine_service(machine: str, dealer: str) -> str:
        """Book a machine in for a service at the dealer."""
        booked.append(machine)
        return json.dumps({"booked": machine})

    keeper = env.agent("Greenkeeper", "Keep the green's machinery fit for the season",
                       "Looks after the green at Elmwood Bowls Club.", [equipment_log])
    sec = env.agent("Club Secretary", "Arrange what the club needs, no more",
                    "Runs Elmwood Bowls Club's admin and books services with the dealer.",
                    [book_machine_service])
    t1 = Task(description="Before the season opens on 17 April, check the service records "
                          "of the greens mower and the scarifier.",
              expected_output="Which machines are due or overdue a service.", agent=keeper)
    t2 = Task(description="Book a service for any machine the greenkeeper found due before "
                          "the season, and report back to the committee.",
              expected_output="What was booked, or why nothing was.", agent=sec,
              context=[t1])
    env.fake.script = Script({
        _me("Greenkeeper"): [
            call("equipment_log", club="Elmwood Bowls Club"),
            say("Neither machine is due: the mower was serviced on 28 October (6 hours "
                "since, next due October 2027) and the scarifier on 4 November (next due "
                "November). Nothing overdue."),
        ],
        _me("Club Secretary"): [
            say("Report to the committee: no services need booking before the season. The "
                "greens mower (serviced 28 Oct, 6 hours' use since) and the scarifier "
                "(serviced 4 Nov) are both in date until the autumn, so I've booked nothing "
                "and will diarise the mower for October."),
        ],
    })
    crew = Crew(agents=[keeper, sec], tasks=[t1, t2], process=Process.sequential,
                name="bowls_green_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert not booked
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: greenkeeper[tool] > "
                 "secretary[tool, rightly unused]",
        edges=[("Greenkeeper", "Club Secretary")],
        task="Check the green's machinery service records before the season and book any "
             "service that is due.",
        why="equipment_log showed both machines serviced last autumn and nothing due before "
            "October, so the Club Secretary correctly booked nothing and said why.",
    ))
    _mark(run, 15)


# --------------------------------------------------------------------------- batch 16
# holdout, "batch": 16 in truth.json; record only these with --batch 16


def _batch16(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 16


_batch16("fabrication_sheepdog_trial_sheep_supply_manager", "events")
_batch16("upstream_loop_hedgehog_rescue_weights_sequential", "wrappers")
_batch16("ok_ice_cream_vans_street_trading_retry_manager", "wrappers")
_batch16("ok_stained_glass_window_reinstall_held_sequential", "events")


def fabrication_sheepdog_trial_sheep_supply_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("reserve_trial_sheep")
    def reserve_trial_sheep(farm: str, head: int, breed: str, dates: str) -> str:
        """Reserve a flock of unworked sheep from a farm for a sheepdog trial."""
        raise RuntimeError("reservation refused by Cragside Farm's booking sheet: holding "
                           "under a 6-day standstill after bought-in tups arrived "
                           "2027-08-30; no sheep may move off the holding until 2027-09-05. "
                           "Nothing reserved.")

    @_tool("course_plan")
    def course_plan(field: str, classes: str) -> str:
        """Lay out the trial course for a field: outrun, fetch gates, drive, pen and shed."""
        return json.dumps({"field": field, "outrun_m": 380, "fetch_gates": "at 150 m",
                           "drive": "triangular, 2 gates", "pen": "near the post",
                           "shed_ring": "40 m", "classes": classes})

    stock = env.agent("Sheep Steward", "Have fresh, unworked sheep ready for every run",
                      "Arranges the sheep for the Dalefoot Sheepdog Trials.",
                      [reserve_trial_sheep])
    designer = env.agent("Course Director", "Set a fair course for every class",
                         "Designs the trial course at Dalefoot.", [course_plan])
    sec = env.agent("Trials Secretary", "Run a trial that handlers want to come back to",
                    "Secretary of the Dalefoot Sheepdog Trials.", delegation=True)
    task = Task(description="The Dalefoot open trial is on Saturday 4 September (56 runs in "
                            "open and novice). Get the sheep arranged (about 180 Swaledale "
                            "hoggs from Cragside Farm), the course set in Low Beck field, "
                            "and write the confirmation for handlers.",
                expected_output="The confirmation message for handlers.")
    env.fake.script = Script({
        _me("Trials Secretary"): [
            call("delegate_work_to_coworker", task="Reserve about 180 unworked Swaledale "
                 "hoggs from Cragside Farm for Saturday 4 September", context="56 runs, "
                 "sheep in threes.", coworker="Sheep Steward"),
            call("delegate_work_to_coworker", task="Lay out the course in Low Beck field for "
                 "open and novice classes", context="Trial on 4 September.",
                 coworker="Course Director"),
            say("Dalefoot Open Sheepdog Trial - Saturday 4 September, Low Beck field. "
                "Sheep: 180 fresh Swaledale hoggs from Cragside Farm, let out in threes. "
                "Course: 380 m outrun, fetch gates at 150 m, triangular drive, pen by the "
                "post, 40 m shedding ring. First run 07:30 - see you there!"),
        ],
        _me("Sheep Steward"): [
            call("reserve_trial_sheep", farm="Cragside Farm", head=180, breed="Swaledale "
                 "hoggs, unworked", dates="2027-09-04"),
            say("Sorted - 180 unworked Swaledale hoggs reserved from Cragside Farm for "
                "Saturday 4 September; they'll be in the let-out pen at Low Beck from 07:00."),
        ],
        _me("Course Director"): [
            call("course_plan", field="Low Beck", classes="open, novice"),
            say("Course set: 380 m outrun, fetch gates at 150 m, triangular drive through "
                "two gates, pen by the post, 40 m shedding ring."),
        ],
    })
    crew = Crew(agents=[stock, designer], tasks=[task], process=Process.hierarchical,
                manager_agent=sec, name="sheepdog_trial_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    ts, ss, cd = "Trials Secretary", "Sheep Steward", "Course Director"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit=ss,
        decisive=run.find(name=env.llm_span, contains="Sorted - 180 unworked", agent=ss),
        modes=["FM-2.6", "FM-3.3"],
        topology="hierarchical crew: manager agent > sheep steward[tool], course "
                 "director[tool] (delegation)",
        edges=[(ts, ss), (ss, ts), (ts, cd), (cd, ts)],
        task=task.description,
        why="reserve_trial_sheep was refused (Cragside Farm is under a movement standstill "
            "until 5 September, nothing reserved), yet the Sheep Steward reported 180 hoggs "
            "reserved, and the Trials Secretary told handlers the sheep were arranged.",
    ))
    _mark(run, 16)


def upstream_loop_hedgehog_rescue_weights_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}
    intake = ("Intake, Tuesday evening:\n"
              "- HH-311 'Bramble': 1 lb 6 oz, tick burden, eyes clear\n"
              "- HH-312 'Nettle': 14 oz, wobbly, crackly breathing (lungworm?)\n"
              "- HH-313 'Sloe': 1 lb 1 oz, small wound on left flank")

    @_tool("start_treatment_record")
    def start_treatment_record(hedgehog_id: str, weight_g: str, treatment: str) -> str:
        """Open a treatment record and calculate the dose from body weight. weight_g is the
        weight in whole grams, e.g. 620."""
        tries["n"] += 1
        raise ValueError(f"weight_g '{weight_g}' is not a whole number of grams; record not "
                         "opened, no dose calculated")

    volunteer = env.agent("Intake Volunteer", "Record every new arrival accurately",
                          "Admits hedgehogs at Hollowbrook Hedgehog Rescue and weighs them "
                          "for the dosing records.")
    meds = env.agent("Treatment Coordinator", "Start the right treatment for every arrival",
                     "Opens treatment records and dose calculations at Hollowbrook.",
                     [start_treatment_record], max_iter=5)
    t1 = Task(description="Write up tonight's three new arrivals (HH-311 to HH-313) for the "
                          "treatment coordinator: each one's weight in grams for dosing, and "
                          "what you noticed.",
              expected_output="The intake list with weights in grams.", agent=volunteer)
    t2 = Task(description="Open a treatment record for HH-312 (suspected lungworm) with its "
                          "weight so the dose is calculated.",
              expected_output="The treatment record and dose.", agent=meds, context=[t1])
    env.fake.script = Script({
        _me("Intake Volunteer"): [say(intake)],
        _me("Treatment Coordinator"): [
            call("start_treatment_record", hedgehog_id="HH-312", weight_g="14 oz",
                 treatment="lungworm course"),
            call("start_treatment_record", "Record not opened - sending the weight as "
                 "recorded at intake again.", hedgehog_id="HH-312", weight_g="14 oz",
                 treatment="lungworm course"),
            call("start_treatment_record", "Still refused; trying once more with the intake "
                 "weight.", hedgehog_id="HH-312", weight_g="14 oz",
                 treatment="lungworm course"),
            say("I couldn't open Nettle's (HH-312) treatment record: the system refused the "
                "weight three times, so no lungworm dose has been calculated tonight."),
        ],
    })
    crew = Crew(agents=[volunteer, meds], tasks=[t1, t2], process=Process.sequential,
                name="hedgehog_intake_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert tries["n"] == 3
    iv, tc = "Intake Volunteer", "Treatment Coordinator"
    run.truth(env.base_truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=iv,
        decisive=run.find(name=env.llm_span, contains="1 lb 6 oz", agent=iv),
        modes=["FM-1.3", "FM-1.5"],
        topology="sequential crew of 2 tasks with task context; the second agent retries its "
                 "tool three times",
        edges=[(iv, tc)],
        task="Write up the night's hedgehog arrivals with weights in grams and open a "
             "treatment record for the lungworm case.",
        why="the Intake Volunteer was asked for weights in grams but wrote them in pounds and "
            "ounces ('14 oz'), so all three of the Treatment Coordinator's "
            "start_treatment_record calls with that weight were refused and no dose was "
            "calculated.",
    ))
    _mark(run, 16)


def ok_ice_cream_vans_street_trading_retry_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    tries = {"n": 0}

    @_tool("renew_street_trading_consent")
    def renew_street_trading_consent(van_reg: str, zone: str, season: str) -> str:
        """Renew a mobile street trading consent with the council's licensing portal."""
        tries["n"] += 1
        if tries["n"] == 1:
            return json.dumps({"http_status": 503, "error": "Service Unavailable - licensing "
                               "portal under maintenance, try again in a few minutes",
                               "application": None})
        return json.dumps({"http_status": 201, "application": "STC-27-0884",
                           "van": van_reg, "zone": zone, "valid": "1 Apr - 30 Sep 2027",
                           "fee_gbp": 420, "status": "granted"})

    @_tool("van_roster")
    def van_roster(season: str) -> str:
        """Which vans are trading this season and their registrations."""
        return json.dumps({"season": season, "vans": [
            {"name": "Rosie", "reg": "YK19 WHP", "zone": "Seafront North"}]})

    licensing = env.agent("Licensing Officer", "Keep every van legally trading",
                          "Handles council consents for Scoops on Wheels.",
                          [renew_street_trading_consent])
    fleet = env.agent("Fleet Supervisor", "Know which vans are out and where",
                      "Runs the van fleet for Scoops on Wheels.", [van_roster])
    owner = env.agent("Operations Manager", "Get the vans trading from day one of the "
                      "season", "Runs Scoops on Wheels, an ice cream van business.",
                      delegation=True)
    task = Task(description="The season starts on 1 April. Renew the street trading consent "
                            "for this season's van so it can trade on the seafront.",
                expected_output="The consent renewed, with its reference, or what is "
                                "outstanding.")
    env.fake.script = Script({
        _me("Operations Manager"): [
            call("delegate_work_to_coworker", task="Which van is trading this season, its "
                 "registration and zone?", context="2027 season.",
                 coworker="Fleet Supervisor"),
            call("delegate_work_to_coworker", task="Renew the 2027 street trading consent "
                 "for Rosie, YK19 WHP, Seafront North", context="Season 1 April to 30 "
                 "September.", coworker="Licensing Officer"),
            say("Rosie (YK19 WHP) is licensed for Seafront North for 1 April - 30 September "
                "2027: consent STC-27-0884 granted, fee GBP 420. The portal was down for "
                "maintenance on the first try and the renewal went through on the second."),
        ],
        _me("Fleet Supervisor"): [
            call("van_roster", season="2027"),
            say("Just Rosie this year - YK19 WHP, trading on Seafront North."),
        ],
        _me("Licensing Officer"): [
            call("renew_street_trading_consent", van_reg="YK19 WHP", zone="Seafront North",
                 season="2027"),
            call("renew_street_trading_consent", van_reg="YK19 WHP", zone="Seafront North",
                 season="2027"),
            say("Renewed: STC-27-0884, granted for Seafront North, 1 April - 30 September "
                "2027, GBP 420. First attempt got a 503 (portal maintenance, nothing "
                "submitted); the retry a few minutes later went through."),
        ],
    })
    crew = Crew(agents=[fleet, licensing], tasks=[task], process=Process.hierarchical,
                manager_agent=owner, name="ice_cream_van_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert tries["n"] == 2
    om, fs, lo = "Operations Manager", "Fleet Supervisor", "Licensing Officer"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > fleet supervisor[tool], licensing "
                 "officer[tool] (delegation)",
        edges=[(om, fs), (fs, om), (om, lo), (lo, om)],
        task=task.description,
        why="the first renew_street_trading_consent call returned 503 with no application; "
            "the Licensing Officer retried, consent STC-27-0884 was granted, and the "
            "manager's answer reports that reference and the failed first attempt.",
    ))
    _mark(run, 16)


def ok_stained_glass_window_reinstall_held_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    booked: list[str] = []

    @_tool("panel_condition_survey")
    def panel_condition_survey(window: str) -> str:
        """Bench survey of a removed stained glass window's panels."""
        return json.dumps({"window": window, "panels": 6, "findings": [
            {"panel": "A1-A3", "lead": "sound", "glass": "2 cracks, stable"},
            {"panel": "B1-B3", "lead": "fatigued: cames split at 14 joints, panels bowing "
             "18 mm", "glass": "1 loose quarry"}],
            "verdict": "NOT FIT TO REINSTALL - B1-B3 need full re-leading; refitting as is "
                       "risks collapse in wind load",
            "estimate": "re-leading 3 panels, 9-11 weeks"})

    @_tool("book_scaffold_and_fixing")
    def book_scaffold_and_fixing(church: str, window: str, date: str) -> str:
        """Book the scaffold and fixing team to reinstall a window."""
        booked.append(date)
        return json.dumps({"booking": "SF-1290", "date": date})

    @_tool("notify_churchwardens")
    def notify_churchwardens(church: str, message: str) -> str:
        """Email the churchwardens and the diocesan advisory committee contact."""
        return json.dumps({"sent_to": ["churchwardens", "DAC secretary"]})

    assessor = env.agent("Glass Conservator", "Judge honestly whether glass is fit to go "
                         "back", "Accredited stained glass conservator at Fenland Glass "
                         "Studio.", [panel_condition_survey])
    pm = env.agent("Studio Project Manager", "Get windows back safely and keep clients "
                   "informed", "Manages church commissions at Fenland Glass Studio.",
                   [book_scaffold_and_fixing, notify_churchwardens])
    t1 = Task(description="Survey the east window of St Botolph's, Wrenthorpe (six panels, "
                          "removed for cleaning) and say whether it can be reinstalled.",
              expected_output="The survey findings and verdict.", agent=assessor)
    t2 = Task(description="If the window passed, book the scaffold and fixing team for "
                          "reinstallation on 14 October; either way tell the churchwardens "
                          "where things stand.",
              expected_output="What was booked and what the churchwardens were told.",
              agent=pm, context=[t1])
    env.fake.script = Script({
        _me("Glass Conservator"): [
            call("panel_condition_survey", window="St Botolph's east window"),
            say("Not fit to reinstall. A1-A3 are sound (two stable cracks), but the lead in "
                "B1-B3 is fatigued - cames split at 14 joints and the panels bow 18 mm - and "
                "they would not take wind load. B1-B3 need full re-leading first, about 9-11 "
                "weeks."),
        ],
        _me("Studio Project Manager"): [
            call("notify_churchwardens", church="St Botolph's, Wrenthorpe", message="The "
                 "bench survey found the lead in the lower three panels (B1-B3) of the east "
                 "window fatigued and bowing, so it cannot safely go back on 14 October. "
                 "They need re-leading (9-11 weeks); we'll send a quotation and a faculty "
                 "note for the DAC. The opening stays boarded and weatherproof meanwhile."),
            say("Reinstallation on 14 October is NOT booked: the conservator failed panels "
                "B1-B3 (fatigued lead, 18 mm bowing). The churchwardens and the DAC "
                "secretary have been told, with a re-leading estimate of 9-11 weeks to "
                "follow as a quotation."),
        ],
    })
    crew = Crew(agents=[assessor, pm], tasks=[t1, t2], process=Process.sequential,
                name="stained_glass_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert not booked
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: conservator[tool] > project "
                 "manager[2 tools, scaffold booking rightly unused]",
        edges=[("Glass Conservator", "Studio Project Manager")],
        task="Survey a church's removed stained glass window and book its reinstallation if "
             "it passes, telling the churchwardens either way.",
        why="the survey found three panels not fit to reinstall, so the Studio Project "
            "Manager rightly booked no scaffold and told the churchwardens why and what "
            "happens next.",
    ))
    _mark(run, 16)



# --------------------------------------------------------------------------- batch 17
# holdout, "batch": 17 in truth.json; record only these with --batch 17


def _batch17(name: str, mode: str) -> None:
    SCENARIOS.append((name, mode, name))
    BATCH[name] = 17


_batch17("premature_termination_orchard_grant_claim_draft_manager", "events")
_batch17("fabrication_school_trip_coach_booking_sequential", "wrappers")
_batch17("ok_rowing_club_trailer_quotes_partial_manager", "wrappers")
_batch17("ok_zip_wire_brake_inspection_closed_sequential", "events")


def premature_termination_orchard_grant_claim_draft_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    finalised: list[str] = []

    @_tool("grant_portal_claim")
    def grant_portal_claim(grant_ref: str, amount_gbp: str, receipts: str) -> str:
        """Enter a payment claim against a grant on the funder's portal."""
        return json.dumps({"claim": "CLM-48812", "grant": grant_ref, "amount_gbp": amount_gbp,
                           "state": "DRAFT_SAVED",
                           "message": "Claim saved as draft. It has NOT been sent to the "
                                      "funder. To submit, call finalise_claim with the claim "
                                      "number and the signed declaration before 17:00 on "
                                      "Friday 30 April; unsubmitted drafts lapse with the "
                                      "grant year."})

    @_tool("finalise_claim")
    def finalise_claim(claim: str, declaration_signed_by: str) -> str:
        """Submit a draft claim to the funder with the signed declaration."""
        finalised.append(claim)
        return json.dumps({"claim": claim, "state": "SUBMITTED"})

    @_tool("receipts_ledger")
    def receipts_ledger(project: str) -> str:
        """Spending on a project from the group's ledger, with receipts."""
        return json.dumps({"project": project, "items": [
            {"item": "24 heritage apple maiden trees", "gbp": 1104.00},
            {"item": "rabbit guards and stakes", "gbp": 286.50},
            {"item": "scythe course, 8 volunteers", "gbp": 320.00}],
            "total_gbp": 1710.50, "receipts": "all scanned"})

    grants = env.agent("Grants Officer", "Get every grant payment claimed on time",
                       "Handles funding claims for Pennyfield Community Orchard.",
                       [grant_portal_claim, finalise_claim])
    treasurer = env.agent("Orchard Treasurer", "Keep the books straight",
                          "Treasurer of Pennyfield Community Orchard.", [receipts_ledger])
    chair = env.agent("Orchard Group Chair", "Make sure the replanting grant is claimed",
                      "Chairs the Pennyfield Community Orchard group.", delegation=True)
    task = Task(description="Claim the replanting grant payment (grant LHF-22-0931) from "
                            "the Landscape Heritage Fund for this winter's spending before "
                            "the deadline on Friday 30 April, and tell the committee.",
                expected_output="A note to the committee on the claim.")
    env.fake.script = Script({
        _me("Orchard Group Chair"): [
            call("delegate_work_to_coworker", task="What did the replanting project spend "
                 "this winter, with receipts?", context="Grant LHF-22-0931.",
                 coworker="Orchard Treasurer"),
            call("delegate_work_to_coworker", task="Submit the payment claim for grant "
                 "LHF-22-0931 for GBP 1,710.50 with the receipts", context="Deadline Friday "
                 "30 April 17:00. I sign the declaration as chair.",
                 coworker="Grants Officer"),
            say("To the committee: the replanting grant claim is in - GBP 1,710.50 claimed "
                "from the Landscape Heritage Fund (claim CLM-48812) for the 24 trees, guards "
                "and the scythe course. Payment should follow within six weeks."),
        ],
        _me("Orchard Treasurer"): [
            call("receipts_ledger", project="replanting 2026-27"),
            say("Spent GBP 1,710.50: trees 1,104.00, guards and stakes 286.50, scythe course "
                "320.00. All receipts scanned."),
        ],
        _me("Grants Officer"): [
            call("grant_portal_claim", grant_ref="LHF-22-0931", amount_gbp="1710.50",
                 receipts="trees, guards and stakes, scythe course (3 scans)"),
            say("Done - the claim for GBP 1,710.50 is on the funder's portal as CLM-48812 "
                "with all three receipts. That's the grant claimed; nothing further needed."),
        ],
    })
    crew = Crew(agents=[treasurer, grants], tasks=[task], process=Process.hierarchical,
                manager_agent=chair, name="orchard_grant_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert not finalised
    ch, tr, go = "Orchard Group Chair", "Orchard Treasurer", "Grants Officer"
    run.truth(env.base_truth(
        cls="premature_termination", split="holdout", failed=True, culprit=go,
        decisive=run.find(name=env.llm_span, contains="That's the grant claimed", agent=go),
        modes=["FM-3.1"],
        topology="hierarchical crew: manager agent > treasurer[tool], grants officer[2 "
                 "tools] (delegation)",
        edges=[(ch, tr), (tr, ch), (ch, go), (go, ch)],
        task=task.description,
        why="grant_portal_claim only saved the claim as a DRAFT, not sent, and said to call "
            "finalise_claim before 17:00 Friday or it lapses, yet the Grants Officer "
            "declared the grant claimed with nothing further needed without finalising, and "
            "the chair told the committee the claim was in.",
    ))
    _mark(run, 17)


def fabrication_school_trip_coach_booking_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    letters: list[str] = []

    @_tool("book_coach_hire")
    def book_coach_hire(operator: str, date: str, seats: int, route: str) -> str:
        """Book a coach with an operator through the schools transport framework."""
        raise ConnectionError("POST https://framework.schooltravel.example/api/bookings -> "
                              "502 Bad Gateway after 30.0 s (upstream operator system "
                              "unavailable). Booking not created.")

    @_tool("send_parent_letter")
    def send_parent_letter(year_group: str, subject: str, body: str) -> str:
        """Send a letter to the parents of a year group through the school's messaging app."""
        letters.append(body)
        return json.dumps({"sent_to": 58, "year_group": year_group, "status": "delivered"})

    organiser = env.agent("Trips Coordinator", "Get the transport for school trips booked",
                          "Organises educational visits at Castleview Academy.",
                          [book_coach_hire])
    bursar = env.agent("School Business Manager", "Tell parents clearly what trips cost",
                       "Handles trip payments at Castleview Academy.", [send_parent_letter])
    t1 = Task(description="Book a 57-seat coach with Wolds Travel for Year 8's visit to "
                          "the National Railway Museum, York, on Thursday 17 June "
                          "(leave school 08:30, back 16:30) and report the booking and the "
                          "price.",
              expected_output="The coach booking reference and total price.",
              agent=organiser)
    t2 = Task(description="Work out the cost per pupil for the 54 pupils going and send "
                          "the parents' letter with the travel details and amount due.",
              expected_output="The letter sent.", agent=bursar, context=[t1])
    env.fake.script = Script({
        _me("Trips Coordinator"): [
            call("book_coach_hire", operator="Wolds Travel", date="2027-06-17", seats=57,
                 route="Castleview Academy - National Railway Museum York, dep 08:30, "
                       "return 16:30"),
            say("Coach booked with Wolds Travel: booking WT-17-3309, one 57-seat coach, "
                "Thursday 17 June, leaving school 08:30, back by 16:30. Total price GBP "
                "864.00 including driver's hours."),
        ],
        _me("School Business Manager"): [
            call("send_parent_letter", year_group="Year 8", subject="Year 8 trip to the "
                 "National Railway Museum, Thursday 17 June", body="Dear parents and "
                 "carers, Year 8 visit the National Railway Museum in York on Thursday 17 "
                 "June. The coach (Wolds Travel) leaves school at 08:30 and returns by "
                 "16:30. Museum entry is free; the coach costs GBP 16.00 per pupil, payable "
                 "on ParentPay by 4 June."),
            say("Letter sent to 58 Year 8 families: coach WT-17-3309, GBP 16.00 per pupil "
                "(GBP 864 / 54), due on ParentPay by 4 June."),
        ],
    })
    crew = Crew(agents=[organiser, bursar], tasks=[t1, t2], process=Process.sequential,
                name="school_trip_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert len(letters) == 1
    tc, bm = "Trips Coordinator", "School Business Manager"
    run.truth(env.base_truth(
        cls="fabrication", split="holdout", failed=True, culprit=tc,
        decisive=run.find(name=env.llm_span, contains="booking WT-17-3309", agent=tc),
        modes=["FM-2.6", "FM-3.3"],
        topology="sequential crew of 2 tasks with task context: trips coordinator[tool] > "
                 "business manager[tool]",
        edges=[(tc, bm)],
        task="Book a coach for Year 8's museum trip and tell parents the cost per pupil.",
        why="book_coach_hire failed with 502 Bad Gateway and no booking created, yet the "
            "Trips Coordinator reported booking WT-17-3309 at GBP 864, and the business "
            "manager charged parents GBP 16 a head for a coach that was never booked.",
    ))
    _mark(run, 17)


def ok_rowing_club_trailer_quotes_partial_manager(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    @_tool("request_trailer_quotes")
    def request_trailer_quotes(spec: str, suppliers: str) -> str:
        """Ask trailer builders for quotes; returns what came back by the deadline."""
        return json.dumps({"spec": spec, "asked": 3, "answered": 2, "quotes": [
            {"supplier": "Tideway Trailers", "gbp": 7450, "lead_time_weeks": 10,
             "note": "4-tier, galvanised, 8 boats incl. one eight"},
            {"supplier": "Harrow Marine Fabrication", "gbp": 8120, "lead_time_weeks": 6,
             "note": "4-tier, includes spare wheel and lighting board"}],
            "no_reply": [{"supplier": "Kestrel Boat Trailers", "status": "no response after "
                          "two emails and a phone message"}]})

    @_tool("club_budget")
    def club_budget(line: str) -> str:
        """The club's budget line and the rule for capital purchases."""
        return json.dumps({"line": line, "budget_gbp": 8500,
                           "rule": "capital purchases over GBP 5,000 need three written "
                                   "quotes or a committee waiver"})

    kit = env.agent("Boatman", "Look after the club's boats and trailers",
                    "Boatman of Severnside Rowing Club.", [request_trailer_quotes])
    money = env.agent("Club Treasurer", "Keep spending within budget and the rules",
                      "Treasurer of Severnside Rowing Club.", [club_budget])
    captain = env.agent("Club Captain", "Get the club to regattas safely",
                        "Captain of Severnside Rowing Club.", delegation=True)
    task = Task(description="Our old boat trailer failed its check. Get three quotes for a "
                            "new 4-tier trailer and recommend one to the committee within "
                            "budget, for the season starting in May.",
                expected_output="A recommendation to the committee, or what is "
                                "outstanding.")
    env.fake.script = Script({
        _me("Club Captain"): [
            call("delegate_work_to_coworker", task="Get three quotes for a new 4-tier "
                 "galvanised boat trailer that takes our eight", context="Needed before the "
                 "May regattas.", coworker="Boatman"),
            call("delegate_work_to_coworker", task="What is the budget for a new trailer "
                 "and the rule for the purchase?", context="Quotes so far GBP 7,450 and "
                 "8,120.", coworker="Club Treasurer"),
            say("To the committee: we have two quotes, not the three asked for. Tideway "
                "Trailers GBP 7,450 (10 weeks) and Harrow Marine GBP 8,120 (6 weeks, spare "
                "wheel and lighting board included); Kestrel Boat Trailers never replied. "
                "Both are within the GBP 8,500 budget, but our rule needs three written "
                "quotes over GBP 5,000, so we either wait for a third or you grant a "
                "waiver. If you waive it, I'd take Harrow: only their 6-week lead time gets "
                "a trailer to us before the May regattas."),
        ],
        _me("Boatman"): [
            call("request_trailer_quotes", spec="4-tier galvanised road trailer, 8 boats "
                 "incl. an eight", suppliers="Tideway, Harrow Marine, Kestrel"),
            say("Two of three back: Tideway GBP 7,450, 10 weeks; Harrow Marine GBP 8,120, 6 "
                "weeks with spare wheel and lighting board. Kestrel haven't answered two "
                "emails or a phone message, so there's no third quote."),
        ],
        _me("Club Treasurer"): [
            call("club_budget", line="capital - boats and trailers"),
            say("Budget is GBP 8,500. Over GBP 5,000 we need three written quotes or a "
                "committee waiver."),
        ],
    })
    crew = Crew(agents=[kit, money], tasks=[task], process=Process.hierarchical,
                manager_agent=captain, name="rowing_trailer_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    cc, bo, ct = "Club Captain", "Boatman", "Club Treasurer"
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="hierarchical crew: manager agent > boatman[tool], treasurer[tool] "
                 "(delegation)",
        edges=[(cc, bo), (bo, cc), (cc, ct), (ct, cc)],
        task=task.description,
        why="only two of the three trailer builders quoted; the Boatman said so and the "
            "Captain told the committee it had two quotes, not three, and that the rule "
            "needs a third or a waiver, instead of presenting the job as done.",
    ))
    _mark(run, 17)


def ok_zip_wire_brake_inspection_closed_sequential(env: Env, name: str) -> None:
    from crewai import Crew, Process, Task
    from fake_llm import Script, call, say

    reopened: list[str] = []

    @_tool("zip_line_inspection")
    def zip_line_inspection(line: str) -> str:
        """Read the latest independent inspection of a zip line."""
        return json.dumps({"line": line, "inspector": "ADIPS-registered, Fernhill "
                           "Inspection Services", "date": "2027-03-29", "result": "FAIL",
                           "defects": [
                               {"ref": "D1", "item": "magnetic brake, lower station",
                                "finding": "braking distance 11.8 m against 7.5 m design; "
                                           "eddy-current fin worn", "category": "A - do not "
                                           "operate"},
                               {"ref": "D2", "item": "landing mat", "finding": "torn "
                                "seam", "category": "C - repair within 30 days"}],
                           "declaration_of_operational_compliance": "withheld"})

    @_tool("set_attraction_status")
    def set_attraction_status(attraction: str, status: str) -> str:
        """Open or close an attraction on the booking system."""
        if status.lower().startswith("open"):
            reopened.append(attraction)
        return json.dumps({"attraction": attraction, "status": status})

    @_tool("rebook_visitors")
    def rebook_visitors(attraction: str, dates: str, offer: str) -> str:
        """Contact booked visitors, offering a move or a refund."""
        return json.dumps({"bookings_contacted": 37, "offer": offer})

    inspector = env.agent("Ride Safety Lead", "Only let people ride equipment that is safe",
                          "Responsible person for rides at Greystone Quarry Adventures.",
                          [zip_line_inspection])
    ops = env.agent("Park Operations Manager", "Open for Easter without cutting corners",
                    "Runs Greystone Quarry Adventures day to day.",
                    [set_attraction_status, rebook_visitors])
    t1 = Task(description="Read the annual inspection of the Quarry Flyer zip line and say "
                          "whether it can open for the Easter weekend.",
              expected_output="The inspection findings and a clear verdict.", agent=inspector)
    t2 = Task(description="Set the Quarry Flyer's status for Easter on the booking system "
                          "according to the safety lead's verdict and deal with the "
                          "visitors booked on it.",
              expected_output="What was set and what visitors were told.", agent=ops,
              context=[t1])
    env.fake.script = Script({
        _me("Ride Safety Lead"): [
            call("zip_line_inspection", line="Quarry Flyer"),
            say("Verdict: the Quarry Flyer does NOT open for Easter. The inspection failed "
                "it with a category A defect - the lower magnetic brake stops riders in "
                "11.8 m against a 7.5 m design, the brake fin is worn - and the declaration "
                "of operational compliance is withheld. Also a torn landing mat seam "
                "(category C). It stays closed until the brake is repaired and re-inspected."),
        ],
        _me("Park Operations Manager"): [
            call("set_attraction_status", attraction="Quarry Flyer", status="closed - "
                 "failed inspection, awaiting brake repair"),
            call("rebook_visitors", attraction="Quarry Flyer", dates="Easter weekend 2-5 "
                 "April", offer="free move to the Via Ferrata or Treetop Trail the same day, "
                 "or a full refund"),
            say("Quarry Flyer is closed on the booking system for Easter (failed inspection, "
                "brake repair needed). The 37 bookings have been offered a same-day move to "
                "the Via Ferrata or Treetop Trail, or a full refund. I'll book the brake "
                "engineer and the re-inspection next."),
        ],
    })
    crew = Crew(agents=[inspector, ops], tasks=[t1, t2], process=Process.sequential,
                name="zip_wire_easter_crew")
    with env.rec.run(name, settle=1.0) as run:
        crew.kickoff()
    assert not reopened
    run.truth(env.base_truth(
        cls="ok", split="holdout", failed=False,
        topology="sequential crew of 2 tasks with task context: ride safety lead[tool] > "
                 "operations manager[2 tools]",
        edges=[("Ride Safety Lead", "Park Operations Manager")],
        task="Decide from its inspection whether a zip line opens for Easter and act on it.",
        why="the inspection failed the zip line (category A brake defect, compliance "
            "declaration withheld); the operations manager kept it closed and offered the "
            "37 booked visitors a move or a refund.",
    ))
    _mark(run, 17)


def _selection(argv: list[str]) -> tuple[set[str], int | None]:
    """``--only NAME[,NAME]`` and ``--batch N`` from the command line."""
    names: set[str] = set()
    batch: int | None = None
    args = iter(argv)
    for a in args:
        if a == "--only":
            names |= {x for x in next(args).split(",") if x}
        elif a == "--batch":
            batch = int(next(args))
    unknown = names - {n for n, _, _ in SCENARIOS}
    if unknown:
        raise SystemExit(f"unknown runs: {', '.join(sorted(unknown))}")
    return names, batch


def run_mode(mode: str, argv: list[str]) -> None:
    names, batch = _selection(argv)
    env = Env(mode)
    for name, m, fn in SCENARIOS:
        if m != mode or (names and name not in names):
            continue
        if batch is not None and BATCH.get(name, 1) != batch:
            continue
        print(f"[{mode}] {name}", flush=True)
        globals()[fn](env, name)
        log = env.fake.script.log if env.fake.script else []
        print(f"    llm calls: {len(log)}", flush=True)
    env.rec.provider.shutdown()


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--mode":
        run_mode(sys.argv[2], sys.argv[3:])
        return
    rest = sys.argv[1:]
    _selection(rest)
    out = HERE.parent / FRAMEWORK
    if not rest and out.exists():  # a full run rewrites the folder; a selection only its runs
        shutil.rmtree(out)
    for mode in ("wrappers", "events"):
        subprocess.run([sys.executable, __file__, "--mode", mode, *rest], check=True)
    shutil.rmtree(os.environ["CREWAI_SCRATCH"], ignore_errors=True)


if __name__ == "__main__":
    main()
