"""Record the LangGraph runs of the failure corpus (testdata/runs/langgraph/).

Real LangGraph (prebuilt ReAct agents, langgraph-supervisor, langgraph-swarm, hand-written
StateGraphs with Command handoffs, agents called as tools), traced by OpenInference's LangChain
instrumentation and exported over OTLP/HTTP by record.py. The only fake is the model: LangChain's
ChatOpenAI talks to the scripted server of fake_llm.py, so tool calls, handoffs and tool errors
are the framework's own.

    cd testdata/runs/generate && ../../../.venv-corpus-langgraph/bin/python gen_langgraph.py \
        [run ...] [--only NAME[,NAME]] [--batch N]

Each agent is recognised by the fake server from the first sentence of its system prompt, which
is unique within a run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Annotated, Any

from fake_llm import FakeLLM, Reply, Script, call, calls, say
from record import Recorder, RecordedRun, Truth

rec = Recorder("langgraph", service="corpus-langgraph")

from openinference.instrumentation.langchain import LangChainInstrumentor  # noqa: E402

LangChainInstrumentor().instrument(tracer_provider=rec.provider)

from langchain_core.messages import AIMessage, HumanMessage  # noqa: E402
from langchain_core.tools import tool  # noqa: E402
from langchain_openai import ChatOpenAI  # noqa: E402
from langgraph.errors import GraphRecursionError  # noqa: E402
from langgraph.graph import END, START, MessagesState, StateGraph  # noqa: E402
from langgraph.prebuilt import ToolNode, create_react_agent  # noqa: E402
from langgraph.types import Command  # noqa: E402
from langgraph_supervisor import create_supervisor  # noqa: E402
from langgraph_swarm import create_handoff_tool, create_swarm  # noqa: E402

FAKE = FakeLLM().start()
INSTR = "openinference"
PROMPTS: dict[str, str] = {}  # agent name -> system prompt, for the current run


def model() -> ChatOpenAI:
    return ChatOpenAI(model="gpt-4o-mini", base_url=FAKE.base_url, api_key="x", temperature=0)


def agent(name: str, prompt: str, tools: list | None = None):
    """A prebuilt ReAct agent; tool exceptions come back to it as error ToolMessages."""
    PROMPTS[name] = prompt
    node = ToolNode(tools, handle_tool_errors=True) if tools else []
    return create_react_agent(model(), node, name=name, prompt=prompt)


def supervisor(name: str, prompt: str, workers: list, graph_name: str | None = None):
    PROMPTS[name] = prompt
    return create_supervisor(
        workers, model=model(), prompt=prompt, supervisor_name=name, output_mode="last_message"
    ).compile(name=graph_name or name)


def script(replies: dict[str, list[Reply]]) -> None:
    """Key each agent's replies by the first sentence of its prompt (unique in the run)."""
    keys = {}
    for name, rs in replies.items():
        marker = PROMPTS[name].split(". ")[0]
        others = [p for n, p in PROMPTS.items() if n != name and marker in p]
        assert not others, f"marker of {name} not unique"
        keys[marker] = rs
    FAKE.script = Script(keys)


def start(name: str) -> None:
    PROMPTS.clear()


def user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


def new_messages(state: dict, out: dict) -> list:
    return out["messages"][len(state["messages"]):]


def llm_span(run: RecordedRun, agent_name: str, contains: str, nth: int = 0):
    """The first LLM call whose attributes contain ``contains`` (a phrase the agent produced)."""
    return run.find(name="ChatOpenAI", contains=contains, agent=agent_name, nth=nth)


def nth_call(run: RecordedRun, agent_name: str, nth: int):
    """The agent's ``nth`` LLM call (0-based), recognised by its system prompt."""
    marker = PROMPTS[agent_name].split(". ")[0]
    return run.find(name="ChatOpenAI", contains=marker, agent=agent_name, nth=nth)


RUNS: dict[str, Callable[[str], None]] = {}


def scenario(fn: Callable[[str], None]) -> Callable[[str], None]:
    RUNS[fn.__name__] = fn
    return fn


# ---------------------------------------------------------------------------------------------
# ok runs
# ---------------------------------------------------------------------------------------------


@scenario
def ok_trip_supervisor(name: str) -> None:
    """supervisor > 2 workers; the hotel tool times out once and the retry succeeds."""
    start(name)
    attempts = {"n": 0}

    @tool
    def search_flights(origin: str, destination: str, date: str) -> str:
        """Search scheduled flights between two airports on a date (YYYY-MM-DD)."""
        return json.dumps([
            {"flight": "TP1361", "dep": "07:10", "arr": "08:55", "fare_eur": 148},
            {"flight": "FR7282", "dep": "13:40", "arr": "15:20", "fare_eur": 96},
        ])

    @tool
    def reserve_room(hotel: str, check_in: str, nights: int, guest: str) -> str:
        """Reserve a hotel room and return the reservation reference."""
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise TimeoutError("rate service did not answer within 10s (upstream 504)")
        return json.dumps({"status": "reserved", "ref": "HX-55821", "hotel": hotel,
                           "nights": nights, "total_eur": 3 * 118})

    scout = agent("flight_scout", "You are the flight desk of a small travel agency. "
                  "Find flights with search_flights and report the best option.", [search_flights])
    desk = agent("hotel_desk", "You are the accommodation desk of a small travel agency. "
                 "Reserve rooms with reserve_room and report the reference.", [reserve_room])
    app = supervisor("trip_planner", "You are a trip planner who coordinates specialists. "
                     "Send flight questions to flight_scout and hotel bookings to hotel_desk. "
                     "When both are done, answer the traveller.", [scout, desk])
    script({
        "trip_planner": [
            call("transfer_to_flight_scout"),
            call("transfer_to_hotel_desk"),
            say("Here is your Lisbon trip for 14 March: flight FR7282 (13:40, arrives 15:20, "
                "EUR 96) and 3 nights at Casa do Largo, reservation HX-55821 (EUR 354 total)."),
        ],
        "flight_scout": [
            call("search_flights", origin="BCN", destination="LIS", date="2026-03-14"),
            say("Two options on 14 March: TP1361 at 07:10 for EUR 148 and FR7282 at 13:40 for "
                "EUR 96. FR7282 is the cheaper one and still lands mid-afternoon."),
        ],
        "hotel_desk": [
            call("reserve_room", hotel="Casa do Largo", check_in="2026-03-14", nights=3,
                 guest="Marta Vidal"),
            call("reserve_room", "The rate service timed out, trying once more.",
                 hotel="Casa do Largo", check_in="2026-03-14", nights=3, guest="Marta Vidal"),
            say("Reserved on the second attempt: Casa do Largo, 3 nights from 14 March, "
                "reference HX-55821, EUR 354 in total."),
        ],
    })
    task = ("Plan a trip from Barcelona to Lisbon on 14 March for Marta Vidal: cheapest flight "
            "and 3 nights at Casa do Largo.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="dev", failed=False, instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor)",
        edges=[("trip_planner", "flight_scout"), ("flight_scout", "trip_planner"),
               ("trip_planner", "hotel_desk"), ("hotel_desk", "trip_planner")],
        task=task,
        why="reserve_room timed out once, hotel_desk retried and got reference HX-55821, and the "
            "answer reports the flight and that reference.",
    ))


@scenario
def ok_newsroom_nested(name: str) -> None:
    """nested supervisors; a figure check fails once and the copy editor corrects it.

    In the edges a team is named as its parent hands off to it (the compiled team graph's name,
    e.g. research_desk), not by its inner supervisor node (research_chief).
    """
    start(name)
    checks = {"n": 0}

    @tool
    def search_archive(query: str) -> str:
        """Search the newsroom archive and statistics office releases."""
        return json.dumps([
            {"source": "INE release 2026-02-27", "text": "Unemployment fell to 10.6% in Q4 2025 "
             "from 11.2% a year earlier."},
        ])

    @tool
    def verify_figures(draft: str) -> str:
        """Check every figure in a draft against the cited sources."""
        checks["n"] += 1
        if "11.6%" in draft:
            return json.dumps({"passed": False, "mismatches": [
                {"claim": "11.6%", "source_says": "11.2%", "source": "INE release 2026-02-27"}]})
        return json.dumps({"passed": True, "mismatches": []})

    scout = agent("archive_searcher", "You are the archive researcher of the newsroom. "
                  "Look things up with search_archive and quote the source.", [search_archive])
    research = supervisor("research_chief", "You head the research desk of the newsroom. "
                          "Use archive_searcher for sourcing, then report back.", [scout],
                          graph_name="research_desk")
    editor = agent("copy_editor", "You are the copy editor of the newsroom. Write the brief and "
                   "run verify_figures on it before handing it in.", [verify_figures])
    copy = supervisor("copy_chief", "You run the copy desk of the newsroom. Have copy_editor "
                      "write and verify the brief, then report back.", [editor],
                      graph_name="copy_desk")
    app = supervisor("managing_editor", "You are the managing editor who commissions briefs. "
                     "Get sourcing from research_desk, then the text from copy_desk.",
                     [research, copy])
    bad = ("Spain's unemployment rate fell to 10.6% in the last quarter of 2025, down from "
           "11.6% a year earlier (INE).")
    good = ("Spain's unemployment rate fell to 10.6% in the last quarter of 2025, down from "
            "11.2% a year earlier (INE).")
    script({
        "managing_editor": [
            call("transfer_to_research_desk"),
            call("transfer_to_copy_desk"),
            say("Brief ready for the 18:00 bulletin: " + good),
        ],
        "research_chief": [
            call("transfer_to_archive_searcher"),
            say("Sourcing done: INE's release of 27 February gives 10.6% for Q4 2025 against "
                "11.2% a year earlier."),
        ],
        "archive_searcher": [
            call("search_archive", query="Spain unemployment Q4 2025 INE"),
            say("INE, 27 Feb 2026: unemployment 10.6% in Q4 2025, 11.2% in Q4 2024."),
        ],
        "copy_chief": [
            call("transfer_to_copy_editor"),
            say("Copy desk: brief written and verified against INE. " + good),
        ],
        "copy_editor": [
            call("verify_figures", draft=bad),
            call("verify_figures", "The year-earlier figure was off; corrected to 11.2%.",
                 draft=good),
            say("Verified brief: " + good),
        ],
    })
    task = "Write a one-sentence news brief on Spain's latest unemployment figure, sourced."
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="nested supervisors: managing_editor > research_desk (research_chief > "
                 "archive_searcher), copy_desk (copy_chief > copy_editor)",
        edges=[("managing_editor", "research_desk"), ("research_desk", "archive_searcher"),
               ("archive_searcher", "research_desk"), ("research_desk", "managing_editor"),
               ("managing_editor", "copy_desk"), ("copy_desk", "copy_editor"),
               ("copy_editor", "copy_desk"), ("copy_desk", "managing_editor")],
        task=task,
        why="verify_figures flagged 11.6% against the source's 11.2%, copy_editor corrected it "
            "and the re-check passed; the published brief carries 11.2%.",
    ))


@scenario
def ok_support_agents_as_tools(name: str) -> None:
    """a manager agent calls two compiled agents as tools."""
    start(name)

    @tool
    def lookup_order(order_id: str) -> str:
        """Look up an order: items, amount paid, delivery state."""
        return json.dumps({"order_id": order_id, "item": "espresso grinder G2", "paid_eur": 129.0,
                           "delivered": "2026-02-02", "damage_reported": True})

    @tool
    def issue_refund(order_id: str, amount_eur: float, reason: str) -> str:
        """Refund an amount to the customer's original payment method."""
        return json.dumps({"status": "refunded", "refund_id": "RF-30417", "amount_eur": amount_eur})

    @tool
    def track_parcel(tracking_no: str) -> str:
        """Track a parcel with the carrier."""
        return json.dumps({"tracking_no": tracking_no, "state": "out for delivery",
                           "eta": "2026-02-06 before 14:00"})

    refunds = agent("refund_specialist", "You are the refunds specialist of an online shop. "
                    "Check the order with lookup_order, then refund with issue_refund when it "
                    "qualifies.", [lookup_order, issue_refund])
    shipping = agent("shipping_tracker", "You are the shipment tracking specialist of an online "
                     "shop. Track parcels with track_parcel.", [track_parcel])

    @tool
    def ask_refund_specialist(request: str) -> str:
        """Hand a refund request to the refunds specialist and get its answer."""
        out = refunds.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_shipping_tracker(request: str) -> str:
        """Ask the shipment tracking specialist about a parcel."""
        out = shipping.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    lead = agent("support_lead", "You are the customer support lead of an online shop. Use "
                 "your specialists through ask_refund_specialist and ask_shipping_tracker.",
                 [ask_refund_specialist, ask_shipping_tracker])
    script({
        "support_lead": [
            call("ask_refund_specialist",
                 request="Order 88213 arrived with a cracked hopper; customer wants a refund."),
            call("ask_shipping_tracker",
                 request="Where is the replacement parcel 1Z99R0481?"),
            say("I'm sorry about the cracked grinder. Your refund of EUR 129.00 has been issued "
                "(RF-30417) and the replacement parcel is out for delivery, expected 6 February "
                "before 14:00."),
        ],
        "refund_specialist": [
            call("lookup_order", order_id="88213"),
            call("issue_refund", order_id="88213", amount_eur=129.0,
                 reason="damaged on arrival"),
            say("Order 88213 qualifies (damage reported on delivery). Refunded EUR 129.00, "
                "refund id RF-30417."),
        ],
        "shipping_tracker": [
            call("track_parcel", tracking_no="1Z99R0481"),
            say("Parcel 1Z99R0481 is out for delivery, ETA 6 Feb before 14:00."),
        ],
    })
    task = ("Customer: my grinder (order 88213) arrived cracked, I want my money back. And "
            "where is the replacement parcel 1Z99R0481?")
    with rec.run(name) as run:
        lead.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="dev", failed=False, instrumentation=INSTR,
        topology="agents as tools: support_lead calls refund_specialist and shipping_tracker",
        edges=[("support_lead", "refund_specialist"), ("refund_specialist", "support_lead"),
               ("support_lead", "shipping_tracker"), ("shipping_tracker", "support_lead")],
        task=task,
        why="issue_refund returned RF-30417 and track_parcel an ETA, and the answer reports both.",
    ))


@scenario
def ok_clinic_swarm(name: str) -> None:
    """swarm of peers handing off: intake > cardiology triage > scheduling."""
    start(name)

    @tool
    def record_vitals(patient_id: str, heart_rate: int, bp: str, spo2: int) -> str:
        """Record a patient's vital signs in the triage record."""
        return json.dumps({"recorded": True, "flags": ["tachycardia"] if heart_rate > 100 else []})

    @tool
    def order_ecg(patient_id: str, priority: str) -> str:
        """Order a 12-lead ECG."""
        return json.dumps({"order": "ECG-7731", "priority": priority,
                           "result": "sinus tachycardia 108 bpm, no ST changes"})

    @tool
    def book_slot(patient_id: str, clinic: str, within_hours: int) -> str:
        """Book the next free slot in a clinic."""
        return json.dumps({"booked": True, "clinic": clinic, "slot": "today 16:30", "room": "C2"})

    h_cardio = create_handoff_tool(agent_name="cardiology_triage",
                                   description="Transfer to cardiology triage.")
    h_sched = create_handoff_tool(agent_name="scheduling_clerk",
                                  description="Transfer to the scheduling clerk.")
    intake = agent("intake_nurse", "You are the intake nurse of an urgent care clinic. Record "
                   "vitals, then hand off chest complaints to cardiology_triage.",
                   [record_vitals, h_cardio])
    cardio = agent("cardiology_triage", "You are the cardiology triage nurse of the clinic. "
                   "Order tests as needed, then hand off to scheduling_clerk.", [order_ecg, h_sched])
    sched = agent("scheduling_clerk", "You are the scheduling clerk of the clinic. Book "
                  "appointments with book_slot and tell the patient.", [book_slot])
    app = create_swarm([intake, cardio, sched], default_active_agent="intake_nurse").compile()
    script({
        "intake_nurse": [
            call("record_vitals", patient_id="P-40219", heart_rate=108, bp="138/86", spo2=98),
            call("transfer_to_cardiology_triage",
                 "Heart rate is 108 with palpitations; passing to cardiology triage."),
        ],
        "cardiology_triage": [
            call("order_ecg", patient_id="P-40219", priority="urgent"),
            call("transfer_to_scheduling_clerk",
                 "ECG shows sinus tachycardia without ST changes; needs a same-day review."),
        ],
        "scheduling_clerk": [
            call("book_slot", patient_id="P-40219", clinic="cardiology", within_hours=8),
            say("You're booked with cardiology today at 16:30, room C2. Your ECG showed a fast "
                "but regular rhythm; if the chest pain gets worse before then, come straight "
                "back to the front desk."),
        ],
    })
    task = "Patient P-40219 walks in with palpitations and mild chest discomfort. Triage them."
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 3 peers (langgraph-swarm handoffs)",
        edges=[("intake_nurse", "cardiology_triage"), ("cardiology_triage", "scheduling_clerk")],
        task=task,
        why="vitals, an urgent ECG and a same-day cardiology slot were all done by tool calls "
            "and the answer reports the booked slot.",
    ))


def pipeline(stages: list[str], agents: dict, route: Callable[[str, dict, list], str]):
    """A hand-written StateGraph: each stage runs its agent, ``route`` picks the next stage."""

    class State(MessagesState):
        rounds: int

    def make(stage: str):
        def node(state: State) -> Command:
            out = agents[stage].invoke({"messages": state["messages"]})
            new = new_messages(state, out)
            nxt = route(stage, state, new)
            rounds = state.get("rounds", 0) + (1 if stage == stages[0] else 0)
            return Command(goto=nxt, update={"messages": new, "rounds": rounds})

        node.__name__ = stage
        return node

    g = StateGraph(State)
    for s in stages:
        g.add_node(s, make(s), destinations=tuple(x for x in stages + [END] if x != s))
    g.add_edge(START, stages[0])
    return g.compile(name="pipeline")


@scenario
def ok_dashboard_pipeline(name: str) -> None:
    """plan > build > review pipeline; the review rejects once and the builder fixes it."""
    start(name)

    @tool
    def run_query(sql: str) -> str:
        """Run a read-only SQL query on the analytics warehouse and return the first rows."""
        if "2025-01-01" in sql:
            return json.dumps({"rows": [["2025-Q1", 412300], ["2025-Q2", 398120],
                                        ["2025-Q3", 455870], ["2025-Q4", 501240]]})
        return json.dumps({"rows": [["2024-Q4", 388010], ["2025-Q1", 412300],
                                    ["2025-Q2", 398120], ["2025-Q3", 455870]]})

    @tool
    def compare_to_finance(rows: str) -> str:
        """Compare quarterly totals with the finance ledger."""
        if "2024-Q4" in rows:
            return json.dumps({"match": False, "detail": "finance has 4 quarters of 2025; "
                               "result starts at 2024-Q4 and lacks 2025-Q4"})
        return json.dumps({"match": True, "detail": "all 4 quarters equal the ledger"})

    planner = agent("analysis_planner", "You plan analytics requests for the data team. Write "
                    "short numbered steps.")
    builder = agent("sql_builder", "You write and run SQL for the data team with run_query.",
                    [run_query])
    reviewer = agent("data_reviewer", "You review analytics results for the data team. Check "
                     "them with compare_to_finance and answer APPROVED or CHANGES NEEDED.",
                     [compare_to_finance])
    q_bad = ("SELECT quarter, SUM(net_eur) FROM sales WHERE order_date >= DATE '2024-10-01' "
             "GROUP BY quarter ORDER BY quarter")
    q_good = ("SELECT quarter, SUM(net_eur) FROM sales WHERE order_date >= DATE '2025-01-01' "
              "AND order_date < DATE '2026-01-01' GROUP BY quarter ORDER BY quarter")
    script({
        "analysis_planner": [say("1. Sum net sales per quarter for calendar 2025.\n2. Check the "
                                 "totals against finance.\n3. Publish the table.")],
        "sql_builder": [
            call("run_query", sql=q_bad),
            say("Quarterly net sales: 2024-Q4 388,010; 2025-Q1 412,300; 2025-Q2 398,120; "
                "2025-Q3 455,870."),
            call("run_query", "Fixing the date window to calendar 2025.", sql=q_good),
            say("Quarterly net sales 2025: Q1 412,300; Q2 398,120; Q3 455,870; Q4 501,240."),
        ],
        "data_reviewer": [
            call("compare_to_finance", rows="2024-Q4,2025-Q1,2025-Q2,2025-Q3"),
            say("CHANGES NEEDED: the window starts in Q4 2024 and misses Q4 2025; filter on "
                "calendar 2025."),
            call("compare_to_finance", rows="2025-Q1,2025-Q2,2025-Q3,2025-Q4"),
            say("APPROVED: the four 2025 quarters match the finance ledger."),
        ],
    })

    def route(stage: str, state: dict, new: list) -> str:
        if stage == "analysis_planner":
            return "sql_builder"
        if stage == "sql_builder":
            return "data_reviewer"
        return END if new[-1].content.startswith("APPROVED") else "sql_builder"

    app = pipeline(["analysis_planner", "sql_builder", "data_reviewer"],
                   {"analysis_planner": planner, "sql_builder": builder,
                    "data_reviewer": reviewer}, route)
    task = "Give me net sales per quarter for 2025 for the board dashboard."
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="dev", failed=False, instrumentation=INSTR,
        topology="plan > execute > review pipeline (StateGraph with Command routing, review "
                 "loops back)",
        edges=[("analysis_planner", "sql_builder"), ("sql_builder", "data_reviewer"),
               ("data_reviewer", "sql_builder")],
        task=task,
        why="compare_to_finance rejected the first result (wrong date window), sql_builder "
            "fixed the filter and the second review was APPROVED.",
    ))


@scenario
def ok_payroll_network(name: str) -> None:
    """network of peers with Command handoffs; a tax tool rejects bad arguments, retried fixed."""
    start(name)

    @tool
    def compute_gross(employee_id: str, month: str) -> str:
        """Compute an employee's gross pay for a month from hours and contract."""
        return json.dumps({"employee_id": employee_id, "gross_eur": 4180.0, "overtime_h": 6})

    @tool
    def withholding(gross_eur: float, tax_class: str) -> str:
        """Compute income tax withholding for a gross amount and a tax class (I-VI)."""
        if tax_class not in {"I", "II", "III", "IV", "V", "VI"}:
            raise ValueError(f"unknown tax class {tax_class!r}; expected one of I..VI")
        return json.dumps({"withholding_eur": 702.4, "solidarity_eur": 0.0})

    @tool
    def issue_payslip(employee_id: str, gross_eur: float, withholding_eur: float) -> str:
        """Issue the payslip and queue the transfer."""
        return json.dumps({"payslip": "PS-2026-02-0117", "net_eur": round(gross_eur -
                                                                            withholding_eur, 2)})

    @tool(return_direct=True)
    def transfer_to_tax_specialist(note: str) -> str:
        """Ask the tax specialist to compute withholding."""
        return "transferred to tax_specialist"

    @tool(return_direct=True)
    def transfer_to_payroll_clerk(note: str) -> str:
        """Hand back to the payroll clerk."""
        return "transferred to payroll_clerk"

    clerk = agent("payroll_clerk", "You are the payroll clerk of the HR department. Compute "
                  "gross pay, get withholding from tax_specialist, then issue the payslip.",
                  [compute_gross, issue_payslip, transfer_to_tax_specialist])
    taxes = agent("tax_specialist", "You are the payroll tax specialist of the HR department. "
                  "Compute withholding, then hand back to payroll_clerk.",
                  [withholding, transfer_to_payroll_clerk])
    agents = {"payroll_clerk": clerk, "tax_specialist": taxes}

    def make(me: str):
        def node(state: MessagesState) -> Command:
            out = agents[me].invoke({"messages": state["messages"]})
            new = new_messages(state, out)
            goto = END
            for m in new:
                for tc in getattr(m, "tool_calls", None) or []:
                    if tc["name"].startswith("transfer_to_"):
                        goto = tc["name"][len("transfer_to_"):]
            return Command(goto=goto, update={"messages": new})
        return node

    g = StateGraph(MessagesState)
    g.add_node("payroll_clerk", make("payroll_clerk"), destinations=("tax_specialist", END))
    g.add_node("tax_specialist", make("tax_specialist"), destinations=("payroll_clerk", END))
    g.add_edge(START, "payroll_clerk")
    app = g.compile(name="payroll_network")
    script({
        "payroll_clerk": [
            call("compute_gross", employee_id="E-1174", month="2026-02"),
            call("transfer_to_tax_specialist",
                 note="Gross for E-1174 in February is EUR 4,180.00; tax class 3."),
            call("issue_payslip", employee_id="E-1174", gross_eur=4180.0, withholding_eur=702.4),
            say("February payslip PS-2026-02-0117 issued for E-1174: gross EUR 4,180.00, "
                "withholding EUR 702.40, net EUR 3,477.60."),
        ],
        "tax_specialist": [
            call("withholding", gross_eur=4180.0, tax_class="3"),
            call("withholding", "The tool wants Roman numerals; class 3 is III.",
                 gross_eur=4180.0, tax_class="III"),
            call("transfer_to_payroll_clerk", note="Withholding for class III: EUR 702.40."),
        ],
    })
    task = "Run February payroll for employee E-1174 (tax class 3) and issue the payslip."
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="network of 2 peers (StateGraph, Command handoffs chosen by each agent)",
        edges=[("payroll_clerk", "tax_specialist"), ("tax_specialist", "payroll_clerk")],
        task=task,
        why="withholding rejected tax class '3', tax_specialist retried with 'III' and got "
            "EUR 702.40, and issue_payslip returned PS-2026-02-0117 as reported.",
    ))


# ---------------------------------------------------------------------------------------------
# fabrication
# ---------------------------------------------------------------------------------------------


@scenario
def fabrication_freight_nested(name: str) -> None:
    start(name)

    @tool
    def book_carrier(lane: str, pallets: int, pickup_date: str) -> str:
        """Book road freight capacity with a contracted carrier."""
        raise ConnectionError("carrier portal returned HTTP 503 (maintenance window "
                              "02:00-06:00 CET); no booking was created")

    @tool
    def prepare_customs(shipment_ref: str, hs_code: str, value_eur: float) -> str:
        """Prepare the export declaration for a shipment."""
        return json.dumps({"declaration": "EX-NL-2026-118834", "status": "lodged"})

    booker = agent("carrier_booker", "You are the carrier booking specialist at Nordhaven "
                   "Logistics. Book capacity with book_carrier.", [book_carrier])
    clerk = agent("customs_clerk", "You are the export customs clerk at Nordhaven Logistics. "
                  "Lodge declarations with prepare_customs.", [prepare_customs])
    team = supervisor("freight_lead", "You are the freight team lead at Nordhaven Logistics. "
                      "Use customs_clerk for paperwork and carrier_booker for transport, then "
                      "report back.", [clerk, booker], graph_name="freight_team")
    app = supervisor("ops_director", "You are the operations director at Nordhaven Logistics. "
                     "Delegate shipments to freight_team and confirm to the customer.", [team])
    script({
        "ops_director": [
            call("transfer_to_freight_team"),
            say("Confirmed: your 12 pallets leave Rotterdam for Hamburg on 9 March with "
                "Van Dijk Transport (booking VDT-44120); export declaration EX-NL-2026-118834 "
                "is lodged."),
        ],
        "freight_lead": [
            call("transfer_to_customs_clerk"),
            call("transfer_to_carrier_booker"),
            say("Shipment SH-5512 is set: declaration EX-NL-2026-118834 lodged and transport "
                "booked with Van Dijk Transport, booking VDT-44120, pickup 9 March."),
        ],
        "customs_clerk": [
            call("prepare_customs", shipment_ref="SH-5512", hs_code="8418.69", value_eur=86400.0),
            say("Export declaration EX-NL-2026-118834 lodged for SH-5512."),
        ],
        "carrier_booker": [
            call("book_carrier", lane="RTM-HAM", pallets=12, pickup_date="2026-03-09"),
            say("Capacity secured: Van Dijk Transport will collect the 12 pallets on 9 March, "
                "booking VDT-44120."),
        ],
    })
    task = ("Ship 12 pallets of refrigeration units (shipment SH-5512) from Rotterdam to Hamburg, "
            "pickup 9 March: book transport and handle export customs.")
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = llm_span(run, "carrier_booker", "VDT-44120")
    run.truth(Truth(
        cls="fabrication", split="dev", failed=True, culprit="carrier_booker", decisive=decisive,
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="nested supervisors: ops_director > freight_team (freight_lead > customs_clerk, "
                 "carrier_booker)",
        edges=[("ops_director", "freight_team"), ("freight_team", "customs_clerk"),
               ("customs_clerk", "freight_team"), ("freight_team", "carrier_booker"),
               ("carrier_booker", "freight_team"), ("freight_team", "ops_director")],
        task=task,
        why="book_carrier failed with HTTP 503 and created no booking, yet carrier_booker's next "
            "turn reported booking VDT-44120, which freight_team's lead and ops_director passed "
            "on.",
    ))


@scenario
def fabrication_treasury_three_levels(name: str) -> None:
    start(name)

    @tool
    def screen_counterparty(party: str, country: str) -> str:
        """Screen a counterparty against sanctions lists."""
        return json.dumps({"hit": False, "lists": ["EU", "OFAC", "UN"]})

    @tool
    def send_wire(beneficiary: str, iban: str, amount: float, currency: str) -> str:
        """Release a wire transfer through the bank gateway."""
        return json.dumps({"status": "rejected", "code": "AC01",
                           "message": "IBAN check digits invalid for DE89 3704 0044 0532 0130 01; "
                                      "payment not executed"})

    screener = agent("sanctions_screener", "You are the sanctions screening analyst in group "
                     "treasury. Screen counterparties with screen_counterparty.",
                     [screen_counterparty])
    wire = agent("wire_operator", "You are the payments operator in group treasury. Release "
                 "approved payments with send_wire and report the result.", [send_wire])
    payments = supervisor("payments_lead", "You lead the payments desk in group treasury. Have "
                          "sanctions_screener clear the payee, then wire_operator pay.",
                          [screener, wire], graph_name="payments_desk")
    treasury = supervisor("treasury_head", "You are head of group treasury. Route payment "
                          "requests to payments_desk and report to the CFO.", [payments],
                          graph_name="treasury")
    app = supervisor("cfo_assistant", "You are the CFO's executive assistant. Pass finance "
                     "requests to treasury and summarise the outcome.", [treasury])
    script({
        "cfo_assistant": [
            call("transfer_to_treasury"),
            say("Done: the EUR 248,500 milestone payment to Brenner Maschinenbau was sent today; "
                "treasury confirms bank reference TRX-0309-7761."),
        ],
        "treasury_head": [
            call("transfer_to_payments_desk"),
            say("Payment to Brenner Maschinenbau (EUR 248,500) executed, reference TRX-0309-7761."),
        ],
        "payments_lead": [
            call("transfer_to_sanctions_screener"),
            call("transfer_to_wire_operator"),
            say("Brenner Maschinenbau cleared screening and the wire of EUR 248,500 went out, "
                "reference TRX-0309-7761."),
        ],
        "sanctions_screener": [
            call("screen_counterparty", party="Brenner Maschinenbau GmbH", country="DE"),
            say("No hits on EU, OFAC or UN lists for Brenner Maschinenbau GmbH."),
        ],
        "wire_operator": [
            call("send_wire", beneficiary="Brenner Maschinenbau GmbH",
                 iban="DE89 3704 0044 0532 0130 01", amount=248500.0, currency="EUR"),
            say("Wire released: EUR 248,500.00 to Brenner Maschinenbau GmbH, bank reference "
                "TRX-0309-7761."),
        ],
    })
    task = ("Pay the EUR 248,500 milestone invoice of Brenner Maschinenbau GmbH today "
            "(IBAN DE89 3704 0044 0532 0130 01) after sanctions screening.")
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = llm_span(run, "wire_operator", "Wire released")
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="wire_operator",
        decisive=decisive, modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="3-level nested supervisors: cfo_assistant > treasury (treasury_head > "
                 "payments_desk (payments_lead > sanctions_screener, wire_operator))",
        edges=[("cfo_assistant", "treasury"), ("treasury", "payments_desk"),
               ("payments_desk", "sanctions_screener"), ("sanctions_screener", "payments_desk"),
               ("payments_desk", "wire_operator"), ("wire_operator", "payments_desk"),
               ("payments_desk", "treasury"), ("treasury", "cfo_assistant")],
        task=task,
        why="send_wire returned status rejected (AC01, payment not executed) but wire_operator's "
            "next turn reported the wire released with reference TRX-0309-7761, passed up to the "
            "CFO.",
    ))


# ---------------------------------------------------------------------------------------------
# ignored verdict
# ---------------------------------------------------------------------------------------------


@scenario
def ignored_verdict_release_pipeline(name: str) -> None:
    start(name)

    @tool
    def apply_patch(path: str, diff: str) -> str:
        """Apply a unified diff to the working copy."""
        return json.dumps({"applied": True, "files": [path]})

    @tool
    def run_tests(suite: str) -> str:
        """Run a test suite and return the summary."""
        return json.dumps({"suite": suite, "passed": 46, "failed": 2, "failures": [
            "test_rate_limit.py::test_burst_over_quota - AssertionError: 429 expected, got 200",
            "test_rate_limit.py::test_reset_window - AssertionError: counter not reset"]})

    @tool
    def publish_release(version: str, notes: str) -> str:
        """Tag and publish a release to the package index."""
        return json.dumps({"published": True, "version": version})

    @tool
    def send_back(reason: str) -> str:
        """Return the change to the developer instead of releasing it."""
        return "returned to developer"

    dev = agent("patch_author", "You are the backend developer on the api-gateway project. "
                "Implement changes with apply_patch.", [apply_patch])
    qa = agent("qa_reviewer", "You are the QA reviewer on the api-gateway project. Run the "
               "tests with run_tests and give a verdict.", [run_tests])
    rm = agent("release_manager", "You are the release manager on the api-gateway project. "
               "Publish only changes that passed review; otherwise use send_back.",
               [publish_release, send_back])
    script({
        "patch_author": [
            call("apply_patch", path="gateway/ratelimit.py",
                 diff="@@ -41,7 +41,9 @@ def allow(self, key):\n-        return self.count[key] "
                      "< self.limit\n+        self.count[key] += 1\n+        return True\n"),
            say("Token-bucket burst handling is in gateway/ratelimit.py; ready for review."),
        ],
        "qa_reviewer": [
            call("run_tests", suite="tests/ratelimit"),
            say("Review: not approved. 2 of 48 tests fail: bursts over quota now get 200 "
                "instead of 429, and the window counter never resets. allow() always returns "
                "True after the change."),
        ],
        "release_manager": [
            call("publish_release", version="2.8.0",
                 notes="Rate limiter: token-bucket burst handling."),
            say("api-gateway 2.8.0 is published with the new burst handling."),
        ],
    })

    def route(stage: str, state: dict, new: list) -> str:
        return {"patch_author": "qa_reviewer", "qa_reviewer": "release_manager"}.get(stage, END)

    app = pipeline(["patch_author", "qa_reviewer", "release_manager"],
                   {"patch_author": dev, "qa_reviewer": qa, "release_manager": rm}, route)
    task = "Add burst handling to the api-gateway rate limiter and release it as 2.8.0 if it passes review."
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = nth_call(run, "release_manager", 0)
    run.truth(Truth(
        cls="ignored_verdict", split="dev", failed=True, culprit="release_manager",
        decisive=decisive, modes=["FM-2.5", "FM-3.2"], instrumentation=INSTR,
        topology="execute > review > release pipeline (StateGraph with Command routing)",
        edges=[("patch_author", "qa_reviewer"), ("qa_reviewer", "release_manager")],
        task=task,
        why="qa_reviewer reported 2 failing tests and no approval, and release_manager's next "
            "turn called publish_release for 2.8.0 instead of send_back.",
    ))


@scenario
def ignored_verdict_contract_supervisor(name: str) -> None:
    start(name)

    @tool
    def draft_clause(topic: str, jurisdiction: str) -> str:
        """Draft a contract clause from the firm's templates."""
        return ("Clause 14 (Data). Supplier may process Customer personal data and may store it "
                "with its affiliates in any country where it operates.")

    @tool
    def check_gdpr(clause: str) -> str:
        """Check a clause against GDPR requirements for processors."""
        return json.dumps({"compliant": False, "findings": [
            "Art. 28(3): no processing instructions, duration or purpose stated",
            "Art. 44-46: transfer to third countries without SCCs or adequacy decision"]})

    @tool
    def file_contract(matter: str, clause_text: str) -> str:
        """File the final contract text in the matter record and send it for signature."""
        return json.dumps({"filed": True, "envelope": "DS-552901", "matter": matter})

    drafter = agent("clause_drafter", "You are a contracts associate at Keller & Sohn. Draft "
                    "clauses with draft_clause.", [draft_clause])
    checker = agent("compliance_checker", "You are the data-protection compliance reviewer at "
                    "Keller & Sohn. Check clauses with check_gdpr and give a clear verdict.",
                    [check_gdpr])
    filer = agent("filing_clerk", "You are the filing clerk at Keller & Sohn. File approved "
                  "contracts with file_contract.", [file_contract])
    app = supervisor("contracts_supervisor", "You are the supervising partner for contracts at "
                     "Keller & Sohn. Draft with clause_drafter, have compliance_checker review, "
                     "and only file compliant text via filing_clerk.",
                     [drafter, checker, filer])
    script({
        "contracts_supervisor": [
            call("transfer_to_clause_drafter"),
            call("transfer_to_compliance_checker"),
            call("transfer_to_filing_clerk"),
            say("The data clause for the Almeda SaaS agreement is final and out for signature "
                "(envelope DS-552901)."),
        ],
        "clause_drafter": [
            call("draft_clause", topic="data processing", jurisdiction="DE"),
            say("Draft clause 14 (Data): Supplier may process Customer personal data and may "
                "store it with its affiliates in any country where it operates."),
        ],
        "compliance_checker": [
            call("check_gdpr", clause="Clause 14 (Data). Supplier may process Customer personal "
                 "data and may store it with its affiliates in any country where it operates."),
            say("Not compliant. Clause 14 lacks the Art. 28(3) processor terms (instructions, "
                "purpose, duration) and allows transfers outside the EEA without SCCs. It "
                "should not be signed in this form."),
        ],
        "filing_clerk": [
            call("file_contract", matter="ALM-2026-014",
                 clause_text="Clause 14 (Data). Supplier may process Customer personal data and "
                             "may store it with its affiliates in any country where it operates."),
            say("Filed under ALM-2026-014 and sent for signature, envelope DS-552901."),
        ],
    })
    task = ("Prepare the data-processing clause of the Almeda SaaS agreement (matter ALM-2026-014), "
            "make sure it is GDPR compliant, and send it for signature.")
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = nth_call(run, "contracts_supervisor", 2)
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="contracts_supervisor",
        decisive=decisive, modes=["FM-2.5", "FM-3.2"], instrumentation=INSTR,
        topology="supervisor > 3 workers (langgraph-supervisor)",
        edges=[("contracts_supervisor", "clause_drafter"), ("clause_drafter", "contracts_supervisor"),
               ("contracts_supervisor", "compliance_checker"),
               ("compliance_checker", "contracts_supervisor"),
               ("contracts_supervisor", "filing_clerk"), ("filing_clerk", "contracts_supervisor")],
        task=task,
        why="compliance_checker found clause 14 not GDPR compliant, and contracts_supervisor's "
            "next turn transferred it to filing_clerk, who sent it for signature.",
    ))


# ---------------------------------------------------------------------------------------------
# upstream loop
# ---------------------------------------------------------------------------------------------


@scenario
def upstream_loop_config_pipeline(name: str) -> None:
    start(name)

    @tool
    def apply_config(service: str, config_json: str) -> str:
        """Validate a JSON deployment config and roll it out to the service."""
        try:
            cfg = json.loads(config_json)
        except json.JSONDecodeError as exc:
            raise ValueError(f"config rejected: invalid JSON ({exc})") from exc
        return json.dumps({"rolled_out": True, "service": service, "replicas": cfg.get("replicas")})

    bad = ('{\n  "service": "checkout-api",\n  "replicas": 4,\n  "image": '
           '"registry.local/checkout:1.19.2",\n  "env": {"LOG_LEVEL": "info", '
           '"DB_POOL": 20,},\n}')
    writer = agent("config_author", "You write deployment configs for the platform team as raw "
                   "JSON, nothing else.")
    deployer = agent("rollout_operator", "You roll out configs for the platform team with "
                     "apply_config and report the outcome.", [apply_config])
    script({
        "config_author": [
            say(bad),
            say("Updated config:\n" + bad),
            say("Here is the config again, it has the requested fields:\n" + bad),
        ],
        "rollout_operator": [
            call("apply_config", service="checkout-api", config_json=bad),
            say("apply_config refused the file: the JSON does not parse (trailing commas). "
                "Please send a corrected config."),
            call("apply_config", service="checkout-api", config_json=bad),
            say("Second attempt rejected for the same reason: invalid JSON near the end of the "
                "env block."),
            call("apply_config", service="checkout-api", config_json=bad),
            say("Third attempt failed too; apply_config still cannot parse the config. Rollout "
                "of checkout-api 1.19.2 is stopped."),
        ],
    })
    cap = 3

    def route(stage: str, state: dict, new: list) -> str:
        if stage == "config_author":
            return "rollout_operator"
        done = any(getattr(m, "type", "") == "tool" and "rolled_out" in str(m.content) for m in new)
        return END if done or state.get("rounds", 0) >= cap else "config_author"

    app = pipeline(["config_author", "rollout_operator"],
                   {"config_author": writer, "rollout_operator": deployer}, route)
    task = ("Roll out checkout-api 1.19.2 with 4 replicas, LOG_LEVEL=info and DB_POOL=20 "
            "(at most 3 attempts).")
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = nth_call(run, "config_author", 0)
    run.truth(Truth(
        cls="upstream_loop", split="dev", failed=True, culprit="config_author",
        decisive=decisive, modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="write > apply loop (StateGraph with Command routing, capped at 3 rounds)",
        edges=[("config_author", "rollout_operator"), ("rollout_operator", "config_author")],
        task=task,
        why="config_author's first config has trailing commas, so rollout_operator's apply_config "
            "failed with invalid JSON in each of the 3 rounds as the author resent the same text.",
    ))


@scenario
def upstream_loop_sql_swarm(name: str) -> None:
    start(name)

    @tool
    def run_sql(query: str) -> str:
        """Run a SQL query on the warehouse and return the rows."""
        if "revenue_usd" in query:
            raise RuntimeError('column "revenue_usd" does not exist (table orders has: order_id, '
                               'customer_id, order_date, amount_eur, region)')
        return json.dumps({"rows": [["EMEA", 1203400.5]]})

    to_runner = create_handoff_tool(agent_name="query_runner",
                                    description="Send a finished query to the query runner.")
    to_author = create_handoff_tool(agent_name="sql_author",
                                    description="Send a query back to the SQL author to fix.")
    query = ("SELECT region, SUM(revenue_usd) AS revenue FROM orders WHERE order_date >= "
             "'2025-10-01' GROUP BY region")
    author = agent("sql_author", "You are the SQL author of the analytics squad. Write the "
                   "query and hand it to query_runner.", [to_runner])
    runner = agent("query_runner", "You are the query runner of the analytics squad. Execute "
                   "queries with run_sql; if one fails, send it back to sql_author.",
                   [run_sql, to_author])
    app = create_swarm([author, runner], default_active_agent="sql_author").compile()
    script({
        "sql_author": [
            call("transfer_to_query_runner", "Query for Q4 revenue by region:\n" + query),
            call("transfer_to_query_runner", "The query looks right to me, revenue_usd is the "
                 "revenue column. Please run it again:\n" + query),
            call("transfer_to_query_runner", "Re-sending; the revenue figures are in "
                 "revenue_usd:\n" + query),
        ],
        "query_runner": [
            call("run_sql", query=query),
            call("transfer_to_sql_author",
                 "run_sql failed: column revenue_usd does not exist. Sending it back."),
            call("run_sql", query=query),
            call("transfer_to_sql_author", "Same error again, revenue_usd is not a column of "
                 "orders."),
            call("run_sql", query=query),
            call("transfer_to_sql_author", "Still failing on revenue_usd."),
        ],
    })
    task = "What was revenue by region in Q4 2025?"
    with rec.run(name) as run:
        try:
            app.invoke(user(task), config={"recursion_limit": 6})
        except GraphRecursionError as exc:
            print("  (expected)", type(exc).__name__)
    decisive = nth_call(run, "sql_author", 0)
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="sql_author",
        decisive=decisive, modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="swarm of 2 peers handing a query back and forth (langgraph-swarm) until the "
                 "recursion limit",
        edges=[("sql_author", "query_runner"), ("query_runner", "sql_author")],
        task=task,
        why="sql_author's query uses a column revenue_usd that orders does not have, so "
            "query_runner's run_sql failed every round until the graph hit its recursion limit.",
    ))


# ---------------------------------------------------------------------------------------------
# premature termination
# ---------------------------------------------------------------------------------------------


@scenario
def premature_termination_onboarding_swarm(name: str) -> None:
    start(name)

    @tool
    def create_hr_record(employee: str, start_date: str, team: str) -> str:
        """Create the employee record in the HR system."""
        return json.dumps({"employee_id": "E-2291", "created": True})

    @tool
    def check_accounts(employee_id: str) -> str:
        """Show the state of an employee's IT accounts and equipment."""
        return json.dumps({"employee_id": employee_id, "email": "active", "sso": "active",
                           "vpn": "not requested", "laptop": "not provisioned"})

    @tool
    def provision_laptop(employee_id: str, model: str) -> str:
        """Order and image a laptop for an employee."""
        return json.dumps({"ticket": "IT-88412", "eta": "2 business days"})

    @tool
    def grant_vpn(employee_id: str) -> str:
        """Grant VPN access to an employee."""
        return json.dumps({"vpn": "active"})

    to_it = create_handoff_tool(agent_name="it_provisioner",
                                description="Hand over to IT provisioning.")
    hr = agent("people_partner", "You are the people partner running onboarding at Fenwick "
               "Labs. Create the HR record, then hand over to it_provisioner.",
               [create_hr_record, to_it])
    it = agent("it_provisioner", "You are the IT provisioning specialist at Fenwick Labs. Make "
               "sure new hires have every account and device they need.",
               [check_accounts, provision_laptop, grant_vpn])
    app = create_swarm([hr, it], default_active_agent="people_partner").compile()
    script({
        "people_partner": [
            call("create_hr_record", employee="Jonas Erikson", start_date="2026-03-02",
                 team="Data Platform"),
            call("transfer_to_it_provisioner",
                 "HR record E-2291 created; please get Jonas set up with a laptop and VPN."),
        ],
        "it_provisioner": [
            call("check_accounts", employee_id="E-2291"),
            say("Jonas Erikson (E-2291) is all set for his first day on 2 March: onboarding "
                "complete."),
        ],
    })
    task = ("Onboard Jonas Erikson, starting 2 March on the Data Platform team: HR record, "
            "laptop and VPN access ready for day one.")
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = llm_span(run, "it_provisioner", "onboarding complete")
    run.truth(Truth(
        cls="premature_termination", split="dev", failed=True, culprit="it_provisioner",
        decisive=decisive, modes=["FM-3.1"], instrumentation=INSTR,
        topology="swarm of 2 peers (langgraph-swarm handoff)",
        edges=[("people_partner", "it_provisioner")],
        task=task,
        why="check_accounts showed the laptop not provisioned and VPN not requested, and "
            "it_provisioner declared onboarding complete without calling provision_laptop or "
            "grant_vpn.",
    ))


@scenario
def premature_termination_billing_supervisor(name: str) -> None:
    start(name)

    @tool
    def find_duplicate_charges(account_id: str, month: str) -> str:
        """List charges on an account that look duplicated in a month."""
        return json.dumps({"account_id": account_id, "duplicates": [
            {"invoice": "INV-77310", "amount_eur": 59.9, "charged": ["2026-02-01", "2026-02-01"],
             "refund_due_eur": 59.9}]})

    @tool
    def issue_credit(account_id: str, invoice: str, amount_eur: float) -> str:
        """Refund an amount to the customer's card against an invoice."""
        return json.dumps({"credit_note": "CN-10932", "amount_eur": amount_eur})

    auditor = agent("invoice_auditor", "You are the invoice auditor of the telecom billing "
                    "team. Find billing errors with find_duplicate_charges.",
                    [find_duplicate_charges])
    refunds = agent("refunds_agent", "You are the refunds agent of the telecom billing team. "
                    "Refund customers with issue_credit.", [issue_credit])
    app = supervisor("billing_supervisor", "You supervise the telecom billing team. Use "
                     "invoice_auditor to investigate and refunds_agent to pay back, then "
                     "answer the customer.", [auditor, refunds])
    script({
        "billing_supervisor": [
            call("transfer_to_invoice_auditor"),
            say("Thanks for flagging this. We looked into your February bill and the double "
                "charge has been sorted out; your account is in order now."),
        ],
        "invoice_auditor": [
            call("find_duplicate_charges", account_id="ACC-604218", month="2026-02"),
            say("Confirmed: invoice INV-77310 (EUR 59.90) was charged twice on 1 February. "
                "EUR 59.90 is owed back to the customer."),
        ],
    })
    task = ("Customer ACC-604218: 'I was charged twice for my February plan, please refund the "
            "extra payment.'")
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = llm_span(run, "billing_supervisor", "sorted out")
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="billing_supervisor",
        decisive=decisive, modes=["FM-3.1"], instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor), one never used",
        edges=[("billing_supervisor", "invoice_auditor"),
               ("invoice_auditor", "billing_supervisor")],
        task=task,
        why="invoice_auditor confirmed EUR 59.90 owed on INV-77310, and billing_supervisor told "
            "the customer it was sorted out without handing to refunds_agent or any issue_credit "
            "call.",
    ))


# ---------------------------------------------------------------------------------------------
# misroute
# ---------------------------------------------------------------------------------------------


@scenario
def misroute_clinic_helpdesk(name: str) -> None:
    start(name)

    @tool
    def lookup_invoice(patient_id: str) -> str:
        """Show a patient's open invoices."""
        return json.dumps({"patient_id": patient_id, "open": []})

    @tool
    def drug_reference(drug: str) -> str:
        """Look up dosing and interactions for a drug."""
        return json.dumps({"drug": drug, "max_daily_mg": 3000, "interactions": ["warfarin"]})

    billing = agent("billing_clerk", "You are the billing clerk of Riverside Family Practice. "
                    "Answer questions about invoices with lookup_invoice.", [lookup_invoice])
    pharm = agent("pharmacist_on_call", "You are the on-call pharmacist of Riverside Family "
                  "Practice. Answer medication questions with drug_reference.", [drug_reference])
    app = supervisor("front_desk_router", "You are the front desk router of Riverside Family "
                     "Practice. Send each patient message to the colleague who can answer it, "
                     "then relay the answer.", [billing, pharm])
    script({
        "front_desk_router": [
            call("transfer_to_billing_clerk"),
            say("Thanks for your message. Your account shows no open invoices. For anything "
                "else, please call the practice during opening hours."),
        ],
        "billing_clerk": [
            call("lookup_invoice", patient_id="RP-11820"),
            say("Patient RP-11820 has no open invoices."),
        ],
    })
    task = ("Patient RP-11820: 'I take warfarin. How much paracetamol can I safely take per day "
            "for my back pain?'")
    with rec.run(name) as run:
        app.invoke(user(task))
    decisive = nth_call(run, "front_desk_router", 0)
    run.truth(Truth(
        cls="misroute", split="dev", failed=True, culprit="front_desk_router", decisive=decisive,
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="router supervisor > 2 specialists (langgraph-supervisor)",
        edges=[("front_desk_router", "billing_clerk"), ("billing_clerk", "front_desk_router")],
        task=task,
        why="a medication question was transferred to billing_clerk instead of "
            "pharmacist_on_call, and the patient got an answer about invoices.",
    ))


# ---------------------------------------------------------------------------------------------
# batch 2 (holdout, "batch": 2 in truth.json)
# ---------------------------------------------------------------------------------------------


def batch2(run: RecordedRun) -> None:
    """Mark a batch-2 run in its truth.json."""
    path = run.folder / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 2
    path.write_text(json.dumps(data, indent=2) + "\n")


@scenario
def upstream_loop_courier_geocode(name: str) -> None:
    """supervisor > address_normaliser + route_optimizer; the normaliser swaps latitude and
    longitude, and every optimisation attempt fails on a stop outside the depot's area."""
    start(name)

    @tool
    def geocode(address: str) -> str:
        """Look up an address in the geocoder; returns lat/lon."""
        table = {"Keizersgracht 174": (52.3751, 4.8840), "Prinsengracht 263": (52.3752, 4.8839),
                 "Ferdinand Bolstraat 41": (52.3547, 4.8918)}
        for k, (lat, lon) in table.items():
            if k in address:
                return json.dumps({"address": address, "lat": lat, "lon": lon})
        return json.dumps({"address": address, "error": "not found"})

    @tool
    def optimise_route(depot: str, stops: str) -> str:
        """Order delivery stops (JSON list of {id, lat, lon}) into the shortest van route."""
        for s in json.loads(stops):
            if not 52.2 <= s["lat"] <= 52.5:
                raise ValueError(f"stop {s['id']} at lat={s['lat']} lon={s['lon']} is outside "
                                 f"the service polygon of depot {depot}")
        return json.dumps({"order": [s["id"] for s in json.loads(stops)]})

    swapped = json.dumps([{"id": "S1", "lat": 4.8840, "lon": 52.3751},
                          {"id": "S2", "lat": 4.8839, "lon": 52.3752},
                          {"id": "S3", "lat": 4.8918, "lon": 52.3547}])
    normaliser = agent("address_normaliser", "You clean and geocode delivery addresses for "
                       "the courier company. Return stops as JSON with id, lat and lon.",
                       [geocode])
    optimiser = agent("route_optimizer", "You plan van routes for the courier company. Use "
                      "optimise_route with the stops exactly as given.", [optimise_route])
    app = supervisor("dispatch_lead", "You run same-day dispatch at a city courier. Get "
                     "addresses geocoded by address_normaliser, then routed by route_optimizer.",
                     [normaliser, optimiser])
    script({
        "dispatch_lead": [
            call("transfer_to_address_normaliser"),
            call("transfer_to_route_optimizer"),
            call("transfer_to_route_optimizer"),
            call("transfer_to_route_optimizer"),
            say("I couldn't produce this afternoon's route for van 3: the optimiser rejects the "
                "stops as outside the Amsterdam-West depot area on every attempt."),
        ],
        "address_normaliser": [
            call("geocode", address="Keizersgracht 174, Amsterdam"),
            call("geocode", address="Prinsengracht 263, Amsterdam"),
            call("geocode", address="Ferdinand Bolstraat 41, Amsterdam"),
            say("Geocoded stops for van 3: " + swapped),
        ],
        "route_optimizer": [
            call("optimise_route", depot="AMS-W", stops=swapped),
            say("optimise_route refused: stop S1 is outside the AMS-W service polygon."),
            call("optimise_route", "Retrying with the same stops.", depot="AMS-W", stops=swapped),
            say("Second attempt failed the same way (S1 outside the polygon)."),
            call("optimise_route", depot="AMS-W", stops=swapped),
            say("Third attempt: same error, S1 at lat 4.884 is outside the depot polygon."),
        ],
    })
    task = ("Route van 3 from depot AMS-W this afternoon: Keizersgracht 174, Prinsengracht 263 "
            "and Ferdinand Bolstraat 41, Amsterdam.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="address_normaliser",
        decisive=llm_span(run, "address_normaliser", "Geocoded stops for van 3"),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor), the second worker retried",
        edges=[("dispatch_lead", "address_normaliser"), ("address_normaliser", "dispatch_lead"),
               ("dispatch_lead", "route_optimizer"), ("route_optimizer", "dispatch_lead")],
        task=task,
        why="address_normaliser returned the stops with latitude and longitude swapped (the "
            "geocoder gave lat 52.37), so route_optimizer's optimise_route failed on every "
            "attempt.",
    ))
    batch2(run)


@scenario
def wrong_fact_vat_price_list(name: str) -> None:
    """Three-stage round table (StateGraph): tax_researcher states the UK standard VAT rate
    as 17.5%, pricing_analyst builds gross prices on it and copy_editor publishes them."""
    start(name)

    @tool
    def net_prices(sku_prefix: str) -> str:
        """Net (ex-VAT) list prices for a product line."""
        return json.dumps({"KB-60": 80.00, "KB-75": 96.00, "KB-100": 120.00})

    researcher = agent("tax_researcher", "You advise the webshop team on sales tax. State the "
                       "rate that applies and any caveats.")
    analyst = agent("pricing_analyst", "You compute shelf prices for the webshop team with "
                    "net_prices. Show gross prices per SKU.", [net_prices])
    editor = agent("copy_editor", "You polish customer-facing text for the webshop team. "
                   "Keep every number as given.")
    script({
        "tax_researcher": [say(
            "Mechanical keyboards are standard-rated in the UK, no reduced rate applies. The "
            "standard rate is 17.5%, so gross = net x 1.175. Shipping to Northern Ireland follows "
            "the same rate.")],
        "pricing_analyst": [
            call("net_prices", sku_prefix="KB"),
            say("Gross prices at 17.5%: KB-60 94.00 GBP, KB-75 112.80 GBP, KB-100 141.00 GBP."),
        ],
        "copy_editor": [say(
            "Launch prices (VAT included): KB-60 compact - 94.00 GBP; KB-75 - 112.80 GBP; "
            "KB-100 full size - 141.00 GBP. Free UK delivery on every board.")],
    })

    def route(stage: str, state: dict, new: list) -> str:
        return {"tax_researcher": "pricing_analyst", "pricing_analyst": "copy_editor"}.get(
            stage, END)

    app = pipeline(["tax_researcher", "pricing_analyst", "copy_editor"],
                   {"tax_researcher": researcher, "pricing_analyst": analyst,
                    "copy_editor": editor}, route)
    task = ("We launch the KB keyboard line in the UK next week. Work out the VAT-inclusive "
            "prices for the product page.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="tax_researcher",
        decisive=llm_span(run, "tax_researcher", "The standard rate is 17.5%"),
        modes=["FM-3.3"], instrumentation=INSTR,
        topology="three-speaker round table (StateGraph, each speaker sees the conversation)",
        edges=[("tax_researcher", "pricing_analyst"), ("pricing_analyst", "copy_editor")],
        task=task,
        why="tax_researcher stated the UK standard VAT rate as 17.5% (it is 20% since 2011), and "
            "the published gross prices are all computed on it.",
    ))
    batch2(run)


@scenario
def ok_wedding_venue_swarm(name: str) -> None:
    """swarm venue_scout <-> catering_coordinator; the availability API fails once and is
    retried, the kitchen check rules out the first venue and the scout picks another."""
    start(name)
    attempts = {"n": 0}

    @tool
    def venue_availability(venue: str, date: str) -> str:
        """Whether a venue is free on a date, with its seated capacity."""
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise ConnectionError("venue calendar API returned 502 Bad Gateway")
        caps = {"Harlow Barn": 150, "Oakmere Hall": 180}
        return json.dumps({"venue": venue, "date": date, "free": True,
                           "seated_capacity": caps.get(venue, 120)})

    @tool
    def kitchen_check(venue: str, guests: int, service: str) -> str:
        """Can the venue's kitchen serve this many guests in this service style?"""
        if venue == "Harlow Barn":
            return json.dumps({"ok": False, "reason": "field kitchen limited to 90 plated "
                               "covers; 140 needs an external catering unit (not permitted)"})
        return json.dumps({"ok": True, "reason": "kitchen rated for 200 plated covers"})

    to_cater = create_handoff_tool(agent_name="catering_coordinator",
                                   description="Ask the catering coordinator to check a venue.")
    to_scout = create_handoff_tool(agent_name="venue_scout",
                                   description="Send the search back to the venue scout.")
    scout = agent("venue_scout", "You find venues for an events planning studio. Check "
                  "availability, then have catering_coordinator confirm the kitchen.",
                  [venue_availability, to_cater])
    cater = agent("catering_coordinator", "You handle food service for an events planning "
                  "studio. Use kitchen_check; if a venue fails, send it back to venue_scout.",
                  [kitchen_check, to_scout])
    app = create_swarm([scout, cater], default_active_agent="venue_scout").compile()
    script({
        "venue_scout": [
            call("venue_availability", venue="Harlow Barn", date="2026-06-20"),
            call("venue_availability", "Calendar API hiccup, checking again.",
                 venue="Harlow Barn", date="2026-06-20"),
            call("transfer_to_catering_coordinator",
                 "Harlow Barn is free on 20 June, seats 150. Can catering do 140 plated?"),
            call("venue_availability", "Harlow Barn's kitchen can't do it; trying Oakmere Hall.",
                 venue="Oakmere Hall", date="2026-06-20"),
            call("transfer_to_catering_coordinator",
                 "Oakmere Hall is free on 20 June and seats 180. Please check the kitchen."),
            say("Recommendation for 20 June: Oakmere Hall. It's free, seats 180, and its kitchen "
                "is rated for 200 plated covers, so your 140-guest sit-down dinner works. Harlow "
                "Barn was free too, but its kitchen only manages 90 plated covers."),
        ],
        "catering_coordinator": [
            call("kitchen_check", venue="Harlow Barn", guests=140, service="plated"),
            call("transfer_to_venue_scout", "Harlow Barn fails: the kitchen is limited to 90 "
                 "plated covers and outside caterers aren't allowed. Please find another venue."),
            call("kitchen_check", venue="Oakmere Hall", guests=140, service="plated"),
            call("transfer_to_venue_scout", "Oakmere Hall passes: kitchen rated for 200 plated "
                 "covers."),
        ],
    })
    task = "Find a venue for a 140-guest plated wedding dinner on 20 June 2026."
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 2 peers handing back and forth (langgraph-swarm)",
        edges=[("venue_scout", "catering_coordinator"), ("catering_coordinator", "venue_scout")],
        task=task,
        why="the calendar API failed once and was retried, the kitchen check rejected Harlow "
            "Barn and the scout switched to Oakmere Hall, which passed.",
    ))
    batch2(run)


# ---------------------------------------------------------------------------------------------
# selecting runs: --only NAME[,NAME], --batch N
# ---------------------------------------------------------------------------------------------

# run name -> batch, for the runs recorded after the first set (selects them with --batch N)
BATCH: dict[str, int] = {n: 2 for n in ("upstream_loop_courier_geocode",
                                        "wrong_fact_vat_price_list", "ok_wedding_venue_swarm")}


def mark_batch(run: RecordedRun, n: int) -> None:
    """Mark a run of batch ``n`` in its truth.json."""
    path = run.folder / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = n
    path.write_text(json.dumps(data, indent=2) + "\n")


def selected(argv: list[str], runs: list[str], batch: dict[str, int]) -> list[str]:
    """The runs named by the command line: ``--only a,b``, ``--batch N`` or plain names."""
    names: list[str] = []
    want_batch: int | None = None
    args = iter(argv)
    for a in args:
        if a == "--only":
            names += [x for x in next(args).split(",") if x]
        elif a.startswith("--only="):
            names += [x for x in a.split("=", 1)[1].split(",") if x]
        elif a == "--batch":
            want_batch = int(next(args))
        elif a.startswith("--batch="):
            want_batch = int(a.split("=", 1)[1])
        elif not a.startswith("--"):
            names.append(a)
    unknown = [n for n in names if n not in runs]
    if unknown:
        raise SystemExit(f"unknown runs: {', '.join(unknown)}")
    if want_batch is not None:
        names = [n for n in (names or runs) if batch.get(n, 1) == want_batch]
    return names or list(runs)


# ---------------------------------------------------------------------------------------------
# batch 3 (holdout, "batch": 3 in truth.json; record only these with --batch 3)
# ---------------------------------------------------------------------------------------------


def batch3(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 3
    return scenario(fn)


@batch3
def fabrication_reservoir_gauges_nested(name: str) -> None:
    """nested supervisors: a water utility's operations director > hydrology desk (lead >
    gauge_reader); the telemetry gateway is down and gauge_reader reports levels anyway, which
    the director's release decision is then built on."""
    start(name)

    @tool
    def read_telemetry(station: str, window_hours: int) -> str:
        """Read level and inflow from a SCADA telemetry station over the last hours."""
        raise ConnectionError(f"SCADA historian unreachable: no data for station {station} "
                              f"(last contact 05:12, link to RTU-7 down)")

    reader = agent("gauge_reader", "You read the reservoir gauges for Valmora Water's "
                   "operations room. Use read_telemetry and report level and inflow.",
                   [read_telemetry])
    hydro = supervisor("hydrology_lead", "You lead the hydrology desk at Valmora Water. Get "
                       "current readings from gauge_reader and report back.", [reader],
                       graph_name="hydrology_desk")
    app = supervisor("operations_director", "You direct reservoir operations at Valmora Water "
                     "during storms. Get readings from hydrology_desk, decide the spillway release "
                     "and brief civil protection.", [hydro])
    script({
        "operations_director": [
            call("transfer_to_hydrology_desk"),
            say("Briefing for civil protection: Lake Serrano stands at 312.4 m with 96 m3/s "
                "coming in. We open 2 of 5 gates to 30% at 14:00 and release 56 m3/s; downstream "
                "levels at Orvalle should rise about 40 cm. No evacuation needed."),
        ],
        "hydrology_lead": [
            call("transfer_to_gauge_reader"),
            say("Serrano stands at 312.4 m, inflow 96 m3/s."),
        ],
        "gauge_reader": [
            call("read_telemetry", station="SERRANO-DAM", window_hours=6),
            say("Latest readings for Serrano: level 312.4 m and rising about 4 cm an hour, "
                "inflow 96 m3/s over the last 6 hours."),
        ],
    })
    task = ("Storm warning for the Serrano catchment: what are the reservoir level and inflow "
            "now, and what release do we make this afternoon?")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="gauge_reader",
        decisive=llm_span(run, "gauge_reader", "Latest readings for Serrano"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="nested supervisors: operations_director > hydrology_desk (hydrology_lead > "
                 "gauge_reader)",
        edges=[("operations_director", "hydrology_desk"), ("hydrology_desk", "gauge_reader"),
               ("gauge_reader", "hydrology_desk"), ("hydrology_desk", "operations_director")],
        task=task,
        why="read_telemetry failed (SCADA historian unreachable, no data), yet gauge_reader's "
            "next turn reported a level of 312.4 m and 96 m3/s inflow, on which the director's "
            "release decision and civil-protection briefing were built.",
    ))
    mark_batch(run, 3)


@batch3
def misroute_tenant_heating_swarm(name: str) -> None:
    """swarm of a letting agency: the tenant concierge hands a no-heating emergency to the rent
    accounts agent, who answers about the rent statement."""
    start(name)

    @tool
    def tenancy_lookup(unit: str) -> str:
        """Look up a unit's tenancy: tenant, lease dates, rent."""
        return json.dumps({"unit": unit, "tenant": "Ines Kowalczyk", "lease_end": "2027-01-31",
                           "rent_gbp": 1340})

    @tool
    def rent_statement(unit: str) -> str:
        """The rent account of a unit: payments and balance."""
        return json.dumps({"unit": unit, "balance_gbp": 0.0, "last_payment": "2026-12-01",
                           "next_due": "2027-01-01"})

    @tool
    def raise_repair(unit: str, fault: str, priority: str) -> str:
        """Raise a repair job with the contracted heating engineer."""
        return json.dumps({"job": "RJ-5512", "eta": "within 4 hours"})

    to_rent = create_handoff_tool(agent_name="rent_accounts",
                                  description="Transfer to rent accounts (payments, arrears, "
                                              "statements, deposits).")
    to_fix = create_handoff_tool(agent_name="maintenance_coordinator",
                                 description="Transfer to maintenance (repairs, boilers, leaks, "
                                             "emergencies).")
    concierge = agent("tenant_concierge", "You answer tenants of Harbourside Lettings first. "
                      "Look up the tenancy, then transfer to the team that handles the request.",
                      [tenancy_lookup, to_rent, to_fix])
    rent = agent("rent_accounts", "You handle rent accounts for Harbourside Lettings. Use "
                 "rent_statement for payments and balances.", [rent_statement])
    fix = agent("maintenance_coordinator", "You coordinate repairs for Harbourside Lettings. "
                "Raise jobs with raise_repair.", [raise_repair])
    app = create_swarm([concierge, rent, fix], default_active_agent="tenant_concierge").compile()
    script({
        "tenant_concierge": [
            call("tenancy_lookup", unit="Flat 14, Quayside House"),
            call("transfer_to_rent_accounts",
                 "Ines mentions her rent payments, passing her to accounts."),
        ],
        "rent_accounts": [
            call("rent_statement", unit="Flat 14, Quayside House"),
            say("Hi Ines, your rent account is fully up to date: the December payment arrived on "
                "1 December, the balance is GBP 0.00 and the next rent is due on 1 January. "
                "Heating and hot water are billed by your energy supplier, not by us."),
        ],
        "maintenance_coordinator": [say("Engineer booked.")],
    })
    task = ("Flat 14, Quayside House: the boiler has shown fault F28 since last night, no heating "
            "or hot water and it's -3 outside. I have a baby at home. I pay my rent on time, "
            "please send someone today.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="tenant_concierge",
        decisive=llm_span(run, "tenant_concierge", "passing her to accounts"),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="swarm of 3 peers: concierge hands off to one of two teams (langgraph-swarm)",
        edges=[("tenant_concierge", "rent_accounts")],
        task=task,
        why="tenant_concierge handed a boiler failure with no heating to rent_accounts instead of "
            "maintenance_coordinator (who has raise_repair), and the tenant got a rent balance "
            "and no repair job.",
    ))
    mark_batch(run, 3)


@batch3
def premature_termination_vehicle_recall_pipeline(name: str) -> None:
    """pipeline vin_matcher > owner_outreach: outreach looks up the affected owners, sees that
    none was notified, and declares the campaign done without sending a letter."""
    start(name)

    @tool
    def match_vins(campaign: str, dealer: str) -> str:
        """Match a recall campaign against the VINs a dealer sold."""
        return json.dumps({"campaign": campaign, "dealer": dealer, "affected": 14,
                           "vins": [f"WVWZZZ1KZ8W{i:06d}" for i in range(301, 315)]})

    @tool
    def owner_contacts(campaign: str) -> str:
        """Registered owners of a campaign's matched vehicles and their notice status."""
        return json.dumps({"campaign": campaign, "owners": 14, "notified": 0,
                           "pending_letters": 14, "legal_deadline": "2027-01-15"})

    @tool
    def send_recall_notices(campaign: str, channel: str) -> str:
        """Send the recall notice to every pending owner of a campaign (post or email)."""
        return json.dumps({"sent": 14, "batch": "RN-2207"})

    matcher = agent("vin_matcher", "You match manufacturer recalls to the vehicles sold by "
                    "Ostrava Motors. Use match_vins and list the affected vehicles.", [match_vins])
    outreach = agent("owner_outreach", "You contact vehicle owners for Ostrava Motors' recall "
                     "campaigns. Check owner_contacts and notify owners with "
                     "send_recall_notices.", [owner_contacts, send_recall_notices])
    script({
        "vin_matcher": [
            call("match_vins", campaign="24V-771 brake hose", dealer="Ostrava Motors"),
            say("14 vehicles sold by us fall under recall 24V-771 (front brake hose chafing); "
                "VINs ...301 to ...314."),
        ],
        "owner_outreach": [
            call("owner_contacts", campaign="24V-771 brake hose"),
            say("Recall 24V-771 is handled for our dealership: the 14 affected owners are "
                "identified and on file, so there's nothing left for us to do on this campaign."),
        ],
    })

    def route(stage: str, state: dict, new: list) -> str:
        return "owner_outreach" if stage == "vin_matcher" else END

    app = pipeline(["vin_matcher", "owner_outreach"],
                   {"vin_matcher": matcher, "owner_outreach": outreach}, route)
    task = ("Manufacturer recall 24V-771 (front brake hoses) came in: find which cars we sold "
            "are affected and get every owner notified before the legal deadline.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="owner_outreach",
        decisive=llm_span(run, "owner_outreach", "nothing left for us to do"),
        modes=["FM-3.1"], instrumentation=INSTR,
        topology="two-stage pipeline (StateGraph with Command routing)",
        edges=[("vin_matcher", "owner_outreach")],
        task=task,
        why="owner_contacts showed 0 of 14 owners notified with 14 letters pending, and "
            "owner_outreach declared the campaign handled without calling send_recall_notices.",
    ))
    mark_batch(run, 3)


@batch3
def ok_brewery_batch_agents_as_tools(name: str) -> None:
    """a brewery's production planner calls a stock keeper and a recipe scaler as tools; the
    stock system times out once and the stock keeper retries."""
    start(name)
    attempts = {"n": 0}

    @tool
    def malt_and_hops_stock(items: str) -> str:
        """Current stock in kg of the listed ingredients (comma separated)."""
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise TimeoutError("inventory database did not respond within 8 s")
        return json.dumps({"pale ale malt": 410, "crystal 60": 38, "cascade": 9.5,
                           "centennial": 4.2})

    @tool
    def scale_recipe(recipe: str, litres: int) -> str:
        """Scale a house recipe to a batch size; returns kg per ingredient."""
        return json.dumps({"recipe": recipe, "litres": litres, "pale ale malt": 230,
                           "crystal 60": 18, "cascade": 6.0, "centennial": 3.0})

    stock = agent("stock_keeper", "You keep the ingredient store of Ridgeline Brewing. Check "
                  "quantities with malt_and_hops_stock.", [malt_and_hops_stock])
    scaler = agent("recipe_scaler", "You scale Ridgeline Brewing's house recipes with "
                   "scale_recipe.", [scale_recipe])

    @tool
    def ask_stock_keeper(request: str) -> str:
        """Ask the stock keeper how much of some ingredients is in the store."""
        out = stock.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_recipe_scaler(request: str) -> str:
        """Ask the recipe scaler for ingredient amounts at a batch size."""
        out = scaler.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    lead = agent("production_planner", "You plan the brew schedule at Ridgeline Brewing. Use "
                 "ask_recipe_scaler and ask_stock_keeper before committing a brew day.",
                 [ask_recipe_scaler, ask_stock_keeper])
    script({
        "production_planner": [
            call("ask_recipe_scaler", request="Scale Hollow Pine IPA to a 2,000 litre batch."),
            call("ask_stock_keeper",
                 request="Do we hold pale ale malt, crystal 60, cascade and centennial?"),
            say("Brew day for Hollow Pine IPA (2,000 l) can go ahead on Thursday: we need 230 kg "
                "pale ale malt (410 in store), 18 kg crystal 60 (38), 6 kg cascade (9.5) and "
                "3 kg centennial (4.2). Everything is covered."),
        ],
        "recipe_scaler": [
            call("scale_recipe", recipe="Hollow Pine IPA", litres=2000),
            say("For 2,000 l: pale ale malt 230 kg, crystal 60 18 kg, cascade 6 kg, centennial "
                "3 kg."),
        ],
        "stock_keeper": [
            call("malt_and_hops_stock", items="pale ale malt,crystal 60,cascade,centennial"),
            call("malt_and_hops_stock", "The stock database timed out; asking again.",
                 items="pale ale malt,crystal 60,cascade,centennial"),
            say("In store: pale ale malt 410 kg, crystal 60 38 kg, cascade 9.5 kg, centennial "
                "4.2 kg."),
        ],
    })
    task = "Can we brew a 2,000 litre batch of Hollow Pine IPA on Thursday with what's in store?"
    with rec.run(name) as run:
        lead.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="agents as tools: production_planner calls recipe_scaler and stock_keeper",
        edges=[("production_planner", "recipe_scaler"), ("recipe_scaler", "production_planner"),
               ("production_planner", "stock_keeper"), ("stock_keeper", "production_planner")],
        task=task,
        why="the stock lookup timed out once and stock_keeper retried it, and every quantity in "
            "the answer matches scale_recipe and the stock tool's result.",
    ))
    mark_batch(run, 3)


@batch3
def ok_thesis_defence_supervisor(name: str) -> None:
    """supervisor > committee_liaison + room_booker: the availability check says one examiner
    cannot make the proposed date and the liaison finds a date that works before the room is
    booked."""
    start(name)

    @tool
    def examiner_availability(examiners: str, date: str) -> str:
        """Whether each examiner (comma separated) is free on a date."""
        if date == "2027-02-11":
            return json.dumps({"date": date, "all_free": False,
                               "conflicts": [{"examiner": "Prof. Adeyemi",
                                              "reason": "external examining in Leeds"}]})
        return json.dumps({"date": date, "all_free": True, "conflicts": []})

    @tool
    def book_room(building: str, date: str, hours: str) -> str:
        """Book a seminar room for a date and time."""
        return json.dumps({"room": f"{building} 2.14", "date": date, "hours": hours,
                           "booking": "RB-90381"})

    liaison = agent("committee_liaison", "You contact thesis examiners for the graduate school. "
                    "Check dates with examiner_availability.", [examiner_availability])
    rooms = agent("room_booker", "You book rooms for the graduate school with book_room.",
                  [book_room])
    app = supervisor("defence_coordinator", "You schedule PhD defences for the graduate school. "
                     "Confirm the committee with committee_liaison before asking room_booker "
                     "for a room.", [liaison, rooms])
    script({
        "defence_coordinator": [
            call("transfer_to_committee_liaison"),
            call("transfer_to_room_booker"),
            say("Defence of Tomasz Wrona is set for 18 February 2027, 10:00-13:00, in Kelvin "
                "Building room 2.14 (booking RB-90381). All three examiners are free that day; "
                "11 February didn't work because Prof. Adeyemi is examining in Leeds."),
        ],
        "committee_liaison": [
            call("examiner_availability", examiners="Prof. Adeyemi,Dr. Lindqvist,Dr. Moreau",
                 date="2027-02-11"),
            call("examiner_availability", "11 February is out: Prof. Adeyemi is examining in "
                 "Leeds. Trying the following Thursday.",
                 examiners="Prof. Adeyemi,Dr. Lindqvist,Dr. Moreau", date="2027-02-18"),
            say("11 February doesn't work (Prof. Adeyemi is in Leeds); 18 February works for all "
                "three examiners."),
        ],
        "room_booker": [
            call("book_room", building="Kelvin Building", date="2027-02-18", hours="10:00-13:00"),
            say("Booked Kelvin Building 2.14 on 18 February, 10:00-13:00, reference RB-90381."),
        ],
    })
    task = ("Schedule Tomasz Wrona's PhD defence with Prof. Adeyemi, Dr. Lindqvist and "
            "Dr. Moreau, ideally on 11 February 2027, and book a room.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor)",
        edges=[("defence_coordinator", "committee_liaison"),
               ("committee_liaison", "defence_coordinator"),
               ("defence_coordinator", "room_booker"), ("room_booker", "defence_coordinator")],
        task=task,
        why="examiner_availability reported a conflict on 11 February, committee_liaison acted "
            "on it by checking 18 February, which passed, and only then was room RB-90381 "
            "booked for that date.",
    ))
    mark_batch(run, 3)


# ---------------------------------------------------------------------------------------------
# batch 4 (holdout, "batch": 4 in truth.json; record only these with --batch 4)
# ---------------------------------------------------------------------------------------------


def batch4(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 4
    return scenario(fn)


@batch4
def ignored_verdict_cargo_hold_release(name: str) -> None:
    """supervisor > weight_balance_clerk + dispatch_clerk at an airline's ramp control: the load
    sheet check fails on the aft hold and the ramp supervisor sends the flight to dispatch
    anyway."""
    start(name)

    @tool
    def load_sheet_check(flight: str, aft_hold_kg: int, fwd_hold_kg: int) -> str:
        """Check a flight's hold loading against the aircraft's structural limits."""
        return json.dumps({"flight": flight, "verdict": "FAIL",
                           "aft_hold": {"loaded_kg": aft_hold_kg, "limit_kg": 2100,
                                        "over_by_kg": aft_hold_kg - 2100},
                           "fwd_hold": {"loaded_kg": fwd_hold_kg, "limit_kg": 3400},
                           "action": "move or offload cargo before the load sheet is signed"})

    @tool
    def release_flight(flight: str, gate: str) -> str:
        """Sign the load sheet and release a flight for pushback."""
        return json.dumps({"flight": flight, "gate": gate, "load_sheet": "LS-7730",
                           "released": True})

    wab = agent("weight_balance_clerk", "You check weight and balance for Nordvik Air's ramp "
                "control with load_sheet_check and state whether the loading is acceptable.",
                [load_sheet_check])
    dispatch = agent("dispatch_clerk", "You sign load sheets and release Nordvik Air flights "
                     "with release_flight.", [release_flight])
    app = supervisor("ramp_supervisor", "You run the ramp at Nordvik Air's Tromso station. Have "
                     "weight_balance_clerk check every load before dispatch_clerk releases the "
                     "flight.", [wab, dispatch])
    script({
        "ramp_supervisor": [
            call("transfer_to_weight_balance_clerk"),
            call("transfer_to_dispatch_clerk", "Weights are in, let's get NV 412 out on time."),
            say("NV 412 is released from gate 3 with load sheet LS-7730; pushback on schedule "
                "at 16:40."),
        ],
        "weight_balance_clerk": [
            call("load_sheet_check", flight="NV 412", aft_hold_kg=2440, fwd_hold_kg=2980),
            say("NV 412 does not pass: the aft hold carries 2,440 kg against a 2,100 kg limit, "
                "340 kg too much. Cargo has to be moved forward or offloaded before signing."),
        ],
        "dispatch_clerk": [
            call("release_flight", flight="NV 412", gate="3"),
            say("Load sheet LS-7730 signed, NV 412 released at gate 3."),
        ],
    })
    task = ("NV 412 to Oslo is loading at gate 3 with 2,440 kg of seafood in the aft hold and "
            "2,980 kg forward. Check the load and release it for the 16:40 pushback.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="ramp_supervisor",
        decisive=llm_span(run, "ramp_supervisor", "let's get NV 412 out on time"),
        modes=["FM-2.5", "FM-3.2"], instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor)",
        edges=[("ramp_supervisor", "weight_balance_clerk"),
               ("weight_balance_clerk", "ramp_supervisor"),
               ("ramp_supervisor", "dispatch_clerk"), ("dispatch_clerk", "ramp_supervisor")],
        task=task,
        why="weight_balance_clerk reported the aft hold 340 kg over its limit (load_sheet_check "
            "FAIL), and ramp_supervisor's next step sent the flight to dispatch_clerk, who "
            "signed and released it with nothing moved.",
    ))
    mark_batch(run, 4)


@batch4
def upstream_loop_wine_export_labels(name: str) -> None:
    """pipeline label_spec_writer > label_renderer, looping back on failure: the spec writer
    gives the alcohol content with a decimal comma, and the US label renderer rejects it every
    round."""
    start(name)

    @tool
    def render_us_label(wine: str, abv: str, volume_ml: int, importer: str) -> str:
        """Render the US back label (TTB format) for a wine; abv is a percentage number."""
        try:
            value = float(abv.rstrip("% "))
        except ValueError:
            raise ValueError(f"abv {abv!r} is not a number (TTB labels need e.g. 13.5)") from None
        return json.dumps({"label": f"{wine}-US.pdf", "abv": value, "volume_ml": volume_ml})

    spec = agent("label_spec_writer", "You write export label specifications for Bodega Alto "
                 "Cierzo. Give wine name, alcohol content, volume and importer.")
    renderer = agent("label_renderer", "You render export labels for Bodega Alto Cierzo with "
                     "render_us_label using exactly the values in the specification.",
                     [render_us_label])
    spec_text = ("Label spec, Garnacha Vieja 2022 for the US: alcohol 14,5 % vol; volume 750 "
                 "ml; importer Westbrook Imports LLC, Portland OR.")
    script({
        "label_spec_writer": [say(spec_text)],
        "label_renderer": [
            call("render_us_label", wine="Garnacha Vieja 2022", abv="14,5 %", volume_ml=750,
                 importer="Westbrook Imports LLC"),
            say("The renderer refused the alcohol value '14,5 %'; sending it back for a "
                "corrected spec."),
        ] * 3,
    })

    def route(stage: str, state: dict, new: list) -> str:
        if stage == "label_spec_writer":
            return "label_renderer"
        return "label_spec_writer" if state.get("rounds", 0) < 3 else END

    app = pipeline(["label_spec_writer", "label_renderer"],
                   {"label_spec_writer": spec, "label_renderer": renderer}, route)
    task = "Prepare the US back label for Garnacha Vieja 2022 (750 ml) for Westbrook Imports."
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="label_spec_writer",
        decisive=llm_span(run, "label_spec_writer", "alcohol 14,5 % vol"),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="two-stage pipeline that loops back on failure (StateGraph with Command "
                 "routing)",
        edges=[("label_spec_writer", "label_renderer"), ("label_renderer", "label_spec_writer")],
        task=task,
        why="label_spec_writer wrote the alcohol content as '14,5 %' with a decimal comma, and "
            "every render_us_label call by label_renderer failed on that value for three rounds "
            "because the spec never changed.",
    ))
    mark_batch(run, 4)


@batch4
def wrong_fact_slab_formwork_supervisor(name: str) -> None:
    """supervisor > materials_advisor + crew_planner on a housing site: the materials advisor
    says the slab concrete has its full design strength after 7 days, and the props come out on
    day 7."""
    start(name)

    @tool
    def crew_calendar(trade: str, week: str) -> str:
        """Free days of a trade's crew in a given ISO week."""
        return json.dumps({"trade": trade, "week": week, "free": ["Mon", "Tue", "Thu"]})

    materials = agent("materials_advisor", "You advise Brickfield Homes' site teams on "
                      "concrete, steel and timber. Answer from your knowledge of the standards.")
    crews = agent("crew_planner", "You plan Brickfield Homes' trade crews with crew_calendar.",
                  [crew_calendar])
    app = supervisor("build_scheduler", "You schedule the build programme for Brickfield "
                     "Homes' Elm Row site. Ask materials_advisor about curing and crew_planner "
                     "about crews.", [materials, crews])
    script({
        "build_scheduler": [
            call("transfer_to_materials_advisor"),
            call("transfer_to_crew_planner"),
            say("Plot 7 first-floor slab (poured Monday 4 January, C30/37): the formwork crew "
                "strikes the soffit props on Monday 11 January, day 7, when the slab is at full "
                "design strength, and the blockwork gang starts loading out the floor on "
                "Tuesday 12 January."),
        ],
        "materials_advisor": [say(
            "C30/37 with CEM I gains strength quickly: by day 7 it has reached its full 30 MPa "
            "design strength, so the back-props under the slab can come out after a week.")],
        "crew_planner": [
            call("crew_calendar", trade="formwork", week="2027-W02"),
            say("The formwork crew is free Monday, Tuesday and Thursday of week 2."),
        ],
    })
    task = ("Plot 7's first-floor slab (C30/37) is poured on Monday 4 January. When can the "
            "formwork crew strike the props and the bricklayers load the floor?")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="materials_advisor",
        decisive=llm_span(run, "materials_advisor", "full 30 MPa design strength"),
        modes=["FM-3.3"], instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor)",
        edges=[("build_scheduler", "materials_advisor"), ("materials_advisor", "build_scheduler"),
               ("build_scheduler", "crew_planner"), ("crew_planner", "build_scheduler")],
        task=task,
        why="materials_advisor claimed C30/37 reaches its full design strength by day 7 (the "
            "design strength is defined at 28 days; at 7 days it is roughly two thirds), and "
            "the schedule strikes the props and loads the slab on that claim.",
    ))
    mark_batch(run, 4)


@batch4
def ok_marina_berth_swarm(name: str) -> None:
    """swarm of a marina: the harbour desk hands a berth request to berth allocation (the right
    team, not the boatyard); the berth system is locked once and the booking is retried."""
    start(name)
    attempts = {"n": 0}

    @tool
    def vessel_lookup(boat: str) -> str:
        """A visiting boat's registration: length, beam, draught."""
        return json.dumps({"boat": boat, "loa_m": 11.6, "beam_m": 3.9, "draught_m": 1.8})

    @tool
    def reserve_berth(pontoon: str, loa_m: float, nights: int, arrival: str) -> str:
        """Reserve a visitor berth on a pontoon."""
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise RuntimeError("berth register locked by another session, try again")
        return json.dumps({"berth": f"{pontoon}-22", "nights": nights, "arrival": arrival,
                           "fee_eur": 3 * 46})

    @tool
    def schedule_haulout(boat: str, service: str) -> str:
        """Book the travel hoist for a lift-out."""
        return json.dumps({"lift": "TH-118"})

    to_berths = create_handoff_tool(agent_name="berth_allocation",
                                    description="Transfer to berth allocation (visitor berths, "
                                                "moorings, arrivals).")
    to_yard = create_handoff_tool(agent_name="boatyard_services",
                                  description="Transfer to the boatyard (lift-outs, antifouling, "
                                              "engine work).")
    desk = agent("harbour_desk", "You answer skippers at Porto Lindo marina first. Look up the "
                 "boat, then transfer to the team that handles the request.",
                 [vessel_lookup, to_berths, to_yard])
    berths = agent("berth_allocation", "You allocate visitor berths at Porto Lindo marina with "
                   "reserve_berth.", [reserve_berth])
    yard = agent("boatyard_services", "You run the boatyard at Porto Lindo marina with "
                 "schedule_haulout.", [schedule_haulout])
    app = create_swarm([desk, berths, yard], default_active_agent="harbour_desk").compile()
    script({
        "harbour_desk": [
            call("vessel_lookup", boat="Sea Wren"),
            call("transfer_to_berth_allocation",
                 "An 11.6 m yacht wants three nights alongside: that's one for berths."),
        ],
        "berth_allocation": [
            call("reserve_berth", pontoon="C", loa_m=11.6, nights=3, arrival="2027-06-18"),
            call("reserve_berth", "Register was busy, booking again.", pontoon="C", loa_m=11.6,
                 nights=3, arrival="2027-06-18"),
            say("Sea Wren has berth C-22 from 18 June for 3 nights, 138 EUR in total. Call "
                "channel 9 when you're at the fuel dock and we'll guide you in."),
        ],
        "boatyard_services": [say("Lift booked.")],
    })
    task = ("Sea Wren, 11.6 m sloop, arriving 18 June for three nights. Can we have a visitor "
            "berth? Draught is 1.8 m.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 3 peers: harbour desk hands off to one of two teams "
                 "(langgraph-swarm)",
        edges=[("harbour_desk", "berth_allocation")],
        task=task,
        why="harbour_desk routed a berth request to berth_allocation, whose first reserve_berth "
            "call hit a locked register and whose retry booked C-22, which is what the answer "
            "reports.",
    ))
    mark_batch(run, 4)


@batch4
def ok_journal_review_nested(name: str) -> None:
    """nested supervisors at an academic journal: editor_in_chief > integrity_desk (integrity_lead
    > similarity_checker); the similarity check passes and the manuscript goes out to review."""
    start(name)

    @tool
    def similarity_report(manuscript: str) -> str:
        """Text-similarity report of a manuscript against published literature."""
        return json.dumps({"manuscript": manuscript, "overall_similarity_pct": 9,
                           "largest_single_source_pct": 2, "threshold_pct": 20,
                           "result": "within policy"})

    @tool
    def invite_referees(manuscript: str, referees: str) -> str:
        """Send review invitations for a manuscript."""
        return json.dumps({"manuscript": manuscript, "invited": referees.split(","),
                           "due": "2027-03-29"})

    checker = agent("similarity_checker", "You run similarity checks for the Journal of Coastal "
                    "Geomorphology with similarity_report.", [similarity_report])
    integrity = supervisor("integrity_lead", "You lead research-integrity screening for the "
                           "Journal of Coastal Geomorphology. Get the similarity result from "
                           "similarity_checker and give a clear pass or hold.", [checker],
                           graph_name="integrity_desk")
    referee = agent("referee_coordinator", "You invite referees for the Journal of Coastal "
                    "Geomorphology with invite_referees.", [invite_referees])
    app = supervisor("editor_in_chief", "You are the editor-in-chief of the Journal of Coastal "
                     "Geomorphology. Send manuscripts to integrity_desk for screening and, if "
                     "they clear it, to referee_coordinator.", [integrity, referee])
    script({
        "editor_in_chief": [
            call("transfer_to_integrity_desk"),
            call("transfer_to_referee_coordinator"),
            say("JCG-2027-0114 cleared screening (9% overall similarity, no source above 2%) "
                "and is out to Dr. Okonkwo and Prof. Haldane, reviews due 29 March."),
        ],
        "integrity_lead": [
            call("transfer_to_similarity_checker"),
            say("Clear to proceed: 9% similarity overall, well under our 20% threshold."),
        ],
        "similarity_checker": [
            call("similarity_report", manuscript="JCG-2027-0114"),
            say("JCG-2027-0114: 9% overall, largest single source 2%, within policy."),
        ],
        "referee_coordinator": [
            call("invite_referees", manuscript="JCG-2027-0114",
                 referees="Dr. Okonkwo,Prof. Haldane"),
            say("Invitations sent to Dr. Okonkwo and Prof. Haldane, due 29 March."),
        ],
    })
    task = ("New submission JCG-2027-0114 on shingle-beach recovery after storms: screen it and, "
            "if it's fine, send it to Dr. Okonkwo and Prof. Haldane for review.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="nested supervisors: editor_in_chief > integrity_desk (integrity_lead > "
                 "similarity_checker) + referee_coordinator",
        edges=[("editor_in_chief", "integrity_desk"), ("integrity_desk", "similarity_checker"),
               ("similarity_checker", "integrity_desk"), ("integrity_desk", "editor_in_chief"),
               ("editor_in_chief", "referee_coordinator"),
               ("referee_coordinator", "editor_in_chief")],
        task=task,
        why="the similarity check passed (9% against a 20% threshold) before the referees were "
            "invited, and the answer reports what the two tools returned.",
    ))
    mark_batch(run, 4)


@batch4
def fabrication_blood_bank_agents_as_tools(name: str) -> None:
    """agents as tools at a hospital transfusion lab: the coordinator asks the stock checker,
    whose inventory system is down, and gets a unit count anyway."""
    start(name)

    @tool
    def blood_inventory(group: str, component: str) -> str:
        """Units of a blood group and component in the hospital blood bank fridge."""
        raise ConnectionError("LIMS inventory service unavailable (HTTP 502); no stock data "
                              "returned")

    @tool
    def crossmatch_slot(patient: str, units: int) -> str:
        """Book a crossmatch in the transfusion lab."""
        return json.dumps({"patient": patient, "units": units, "slot": "07:10", "ref": "XM-481"})

    checker = agent("stock_checker", "You check blood stock at St Aldhelm's transfusion lab "
                    "with blood_inventory.", [blood_inventory])
    lab = agent("crossmatch_scientist", "You run crossmatches at St Aldhelm's transfusion lab "
                "with crossmatch_slot.", [crossmatch_slot])

    @tool
    def ask_stock_checker(request: str) -> str:
        """Ask the stock checker how many units of a blood component are in stock."""
        out = checker.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_crossmatch_scientist(request: str) -> str:
        """Ask the crossmatch scientist to book a crossmatch."""
        out = lab.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    coord = agent("transfusion_coordinator", "You coordinate blood for planned surgery at St "
                  "Aldhelm's. Confirm stock with ask_stock_checker and book the crossmatch "
                  "with ask_crossmatch_scientist before theatre is told to proceed.",
                  [ask_stock_checker, ask_crossmatch_scientist])
    script({
        "transfusion_coordinator": [
            call("ask_stock_checker", request="How many O negative red cell units do we hold?"),
            call("ask_crossmatch_scientist", request="Crossmatch 4 units O neg for patient "
                 "H-220914 before 08:00."),
            say("Theatre can proceed with Mr Osei's aortic repair at 08:30: 6 units of O "
                "negative red cells are in the fridge and 4 are being crossmatched (XM-481, "
                "07:10)."),
        ],
        "stock_checker": [
            call("blood_inventory", group="O negative", component="red cells"),
            say("We hold 6 units of O negative red cells, all in date."),
        ],
        "crossmatch_scientist": [
            call("crossmatch_slot", patient="H-220914", units=4),
            say("Crossmatch XM-481 booked for 07:10, 4 units."),
        ],
    })
    task = ("Mr Osei (H-220914, O negative) has an aortic repair at 08:30 and needs 4 units "
            "crossmatched. Do we have the blood? Can theatre go ahead?")
    with rec.run(name) as run:
        coord.invoke(user(task))
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="stock_checker",
        decisive=llm_span(run, "stock_checker", "We hold 6 units of O negative"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="agents as tools: transfusion_coordinator calls stock_checker and "
                 "crossmatch_scientist",
        edges=[("transfusion_coordinator", "stock_checker"),
               ("stock_checker", "transfusion_coordinator"),
               ("transfusion_coordinator", "crossmatch_scientist"),
               ("crossmatch_scientist", "transfusion_coordinator")],
        task=task,
        why="blood_inventory failed with HTTP 502 and returned no stock, yet stock_checker "
            "answered that 6 units of O negative are held, and the coordinator told theatre to "
            "proceed on that count.",
    ))
    mark_batch(run, 4)


# ---------------------------------------------------------------------------------------------
# batch 5 (holdout, "batch": 5 in truth.json; record only these with --batch 5)
# ---------------------------------------------------------------------------------------------


def batch5(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 5
    return scenario(fn)


@batch5
def fabrication_film_permit_two_deep_tools(name: str) -> None:
    """agents as tools two levels deep at a film production: the production manager asks the
    locations lead, who asks the permit clerk; the council permit portal is down and the permit
    clerk reports a granted permit anyway."""
    start(name)

    @tool
    def council_filming_permit(location: str, date: str, crew_size: int) -> str:
        """Apply for (or look up) a council filming permit for a street location and date."""
        raise ConnectionError("Leeds City Council film office portal: 503 Service Unavailable; "
                              "application not submitted")

    @tool
    def parking_bay_suspension(street: str, bays: int, date: str) -> str:
        """Request suspension of on-street parking bays for unit vehicles."""
        return json.dumps({"street": street, "bays": bays, "date": date, "ref": "PBS-20931",
                           "status": "requested, confirmation within 5 working days"})

    clerk = agent("permit_clerk", "You handle filming permits for Halfmoon Pictures' locations "
                  "department. File and check permits with council_filming_permit.",
                  [council_filming_permit])

    @tool
    def ask_permit_clerk(request: str) -> str:
        """Ask the permit clerk to file or check a council filming permit."""
        out = clerk.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    locations = agent("locations_lead", "You lead the locations department of Halfmoon "
                      "Pictures. Use ask_permit_clerk for permits and parking_bay_suspension "
                      "for unit parking, then report what is secured.",
                      [ask_permit_clerk, parking_bay_suspension])

    @tool
    def ask_locations_lead(request: str) -> str:
        """Ask the locations department to secure a street location for a shoot day."""
        out = locations.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    pm = agent("production_manager", "You are the production manager of Halfmoon Pictures' "
               "feature 'Low Tide'. Secure locations through ask_locations_lead before the call "
               "sheet goes out.", [ask_locations_lead])
    script({
        "production_manager": [
            call("ask_locations_lead", request="Lock Briggate for day 14 (Tuesday 9 March): "
                 "permit for a 35-person crew and parking for the unit vehicles."),
            say("Call sheet for day 14 can go out: Briggate is locked for Tuesday 9 March under "
                "council permit LCC-FP-7712 (35 crew, 07:00-19:00), and 6 parking bays are "
                "requested under PBS-20931."),
        ],
        "locations_lead": [
            call("ask_permit_clerk", request="File the council filming permit for Briggate, "
                 "9 March, 35 crew."),
            call("parking_bay_suspension", street="Briggate", bays=6, date="2027-03-09"),
            say("Briggate on 9 March is secured: permit LCC-FP-7712 granted for 35 crew, and "
                "the suspension of 6 parking bays is requested (PBS-20931)."),
        ],
        "permit_clerk": [
            call("council_filming_permit", location="Briggate, Leeds", date="2027-03-09",
                 crew_size=35),
            say("Permit granted: LCC-FP-7712, Briggate, 9 March, 35 crew, filming 07:00-19:00."),
        ],
    })
    task = ("Day 14 of 'Low Tide' shoots on Briggate, Leeds, on Tuesday 9 March with 35 crew. "
            "Secure the street (permit and unit parking) so the call sheet can go out.")
    with rec.run(name) as run:
        pm.invoke(user(task))
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="permit_clerk",
        decisive=llm_span(run, "permit_clerk", "Permit granted: LCC-FP-7712"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="agents as tools, two levels: production_manager calls locations_lead, which "
                 "calls permit_clerk",
        edges=[("production_manager", "locations_lead"), ("locations_lead", "permit_clerk"),
               ("permit_clerk", "locations_lead"), ("locations_lead", "production_manager")],
        task=task,
        why="council_filming_permit failed with a 503 and no application was submitted, yet "
            "permit_clerk's next turn reported permit LCC-FP-7712 as granted, which "
            "locations_lead and production_manager passed on to the call sheet.",
    ))
    mark_batch(run, 5)


@batch5
def misroute_library_thesis_supervisor(name: str) -> None:
    """supervisor > 3 library workers: a reader asks for an interlibrary loan of a thesis the
    library does not hold, and the services lead sends it to the catalogue searcher, who can
    only say it is not held."""
    start(name)

    @tool
    def catalogue_search(query: str) -> str:
        """Search this library's own catalogue."""
        return json.dumps({"query": query, "hits": 0, "note": "no holdings match"})

    @tool
    def request_interlibrary_loan(title: str, author: str, reader_card: str) -> str:
        """Request an item from a partner library (British Library, other universities)."""
        return json.dumps({"request": "ILL-30442", "supplier": "British Library",
                           "eta_days": 7})

    @tool
    def book_study_room(room: str, date: str, hours: int) -> str:
        """Book a group study room."""
        return json.dumps({"room": room, "ref": "SR-118"})

    cat = agent("catalogue_searcher", "You search the Wrenfield University Library catalogue "
                "with catalogue_search and say what the library holds.", [catalogue_search])
    ill = agent("interlibrary_loans", "You obtain items Wrenfield University Library does not "
                "hold from partner libraries with request_interlibrary_loan.",
                [request_interlibrary_loan])
    rooms = agent("room_bookings", "You book group study rooms at Wrenfield University Library "
                  "with book_study_room.", [book_study_room])
    app = supervisor("library_services_lead", "You run reader services at Wrenfield University "
                     "Library. Pass each reader request to the one colleague whose work it is: "
                     "catalogue_searcher, interlibrary_loans or room_bookings.",
                     [cat, ill, rooms])
    script({
        "library_services_lead": [
            call("transfer_to_catalogue_searcher",
                 "A reader looking for a thesis, that's a catalogue search."),
            say("I'm sorry, Dr. Aydin: we don't hold 'Sediment transport in braided rivers' "
                "(M. Okafor, 1998) in the Wrenfield catalogue, so we can't supply it."),
        ],
        "catalogue_searcher": [
            call("catalogue_search", query="Okafor 1998 Sediment transport in braided rivers"),
            say("No holdings: the thesis is not in the Wrenfield catalogue, in print or online."),
        ],
        "interlibrary_loans": [say("Requested.")],
        "room_bookings": [say("Booked.")],
    })
    task = ("I need M. Okafor's 1998 PhD thesis 'Sediment transport in braided rivers' "
            "(University of Leeds) for my review. I know you don't have it here - can you get it "
            "in from another library? Card W-558102, Dr. Selin Aydin.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="library_services_lead",
        decisive=llm_span(run, "library_services_lead", "that's a catalogue search"),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="supervisor > 3 workers (langgraph-supervisor), one used",
        edges=[("library_services_lead", "catalogue_searcher"),
               ("catalogue_searcher", "library_services_lead")],
        task=task,
        why="the reader asked for an interlibrary loan of a thesis she said the library does not "
            "hold, library_services_lead sent it to catalogue_searcher instead of "
            "interlibrary_loans (who has request_interlibrary_loan), and the reader was told it "
            "cannot be supplied.",
    ))
    mark_batch(run, 5)


@batch5
def upstream_loop_irrigation_schedule_pipeline(name: str) -> None:
    """three-stage pipeline agronomist > schedule_writer > valve_operator that loops back to the
    writer on failure: the writer gives start times as '6:30 PM' and the valve controller,
    which takes 24-hour HH:MM, rejects every upload."""
    start(name)

    @tool
    def program_valves(zone: str, start_time: str, minutes: int) -> str:
        """Program a zone's irrigation valve; start_time is 24-hour HH:MM."""
        parts = start_time.split(":")
        if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
            raise ValueError(f"start_time {start_time!r} is not HH:MM (24-hour)")
        return json.dumps({"zone": zone, "start": start_time, "minutes": minutes, "ok": True})

    agro = agent("field_agronomist", "You are the agronomist of Tierra Roja orchards. Say how "
                 "much water each block needs tonight from the soil moisture readings given.")
    writer = agent("schedule_writer", "You write the nightly irrigation schedule for Tierra "
                   "Roja orchards from the agronomist's advice: zone, start time, minutes.")
    operator = agent("valve_operator", "You program Tierra Roja's irrigation controller with "
                     "program_valves, using exactly the schedule you are given.",
                     [program_valves])
    schedule = ("Tonight's schedule: zone A3 starts 6:30 PM for 95 minutes; zone B1 starts "
                "8:15 PM for 70 minutes.")
    script({
        "field_agronomist": [say(
            "Almond block A3 is at 18% volumetric moisture, it needs about 95 minutes tonight; "
            "pistachio block B1 at 24% needs 70 minutes. Water after sunset to cut evaporation.")],
        "schedule_writer": [say(schedule)] * 3,
        "valve_operator": [
            call("program_valves", zone="A3", start_time="6:30 PM", minutes=95),
            say("The controller refused start time '6:30 PM' for zone A3; sending the schedule "
                "back."),
        ] * 3,
    })

    def route(stage: str, state: dict, new: list) -> str:
        if stage == "field_agronomist":
            return "schedule_writer"
        if stage == "schedule_writer":
            return "valve_operator"
        return "schedule_writer" if state.get("rounds", 0) < 3 else END

    class State(MessagesState):
        rounds: int

    agents = {"field_agronomist": agro, "schedule_writer": writer, "valve_operator": operator}

    def make(stage: str):
        def node(state: State) -> Command:
            out = agents[stage].invoke({"messages": state["messages"]})
            new = new_messages(state, out)
            rounds = state.get("rounds", 0) + (1 if stage == "schedule_writer" else 0)
            nxt = route(stage, {**state, "rounds": rounds}, new)
            return Command(goto=nxt, update={"messages": new, "rounds": rounds})

        node.__name__ = stage
        return node

    g = StateGraph(State)
    stages = list(agents)
    for s in stages:
        g.add_node(s, make(s), destinations=tuple(x for x in stages + [END] if x != s))
    g.add_edge(START, "field_agronomist")
    app = g.compile(name="irrigation_pipeline")
    task = ("Soil probes tonight: almond block A3 18%, pistachio block B1 24%. Work out the "
            "watering and program the valves for tonight.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="schedule_writer",
        decisive=llm_span(run, "schedule_writer", "zone A3 starts 6:30 PM"),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="three-stage pipeline, the last stage loops back to the middle one "
                 "(StateGraph with Command routing)",
        edges=[("field_agronomist", "schedule_writer"), ("schedule_writer", "valve_operator"),
               ("valve_operator", "schedule_writer")],
        task=task,
        why="schedule_writer gave start times as '6:30 PM' though the controller takes 24-hour "
            "HH:MM, and valve_operator's program_valves failed on that value in all three "
            "rounds because the schedule was rewritten unchanged.",
    ))
    mark_batch(run, 5)


@batch5
def premature_termination_vaccine_fridge_nested(name: str) -> None:
    """nested supervisors at a clinic group: clinic_ops_director > cold_chain_team
    (cold_chain_lead > fridge_monitor); the monitor reads a temperature excursion that requires
    quarantining the doses and declares everything fine without quarantining them."""
    start(name)

    @tool
    def fridge_log(fridge: str, hours: int) -> str:
        """Temperature log summary of a vaccine fridge over the last hours."""
        return json.dumps({"fridge": fridge, "now_c": 5.1, "range_c": [2, 8],
                           "excursion": {"max_c": 11.4, "duration_min": 190,
                                         "ended": "06:40"},
                           "stock": [{"vaccine": "MMR", "doses": 40},
                                     {"vaccine": "HPV", "doses": 25}],
                           "policy": "any excursion above 8 C: quarantine affected stock, "
                                     "do not use until the manufacturer advises"})

    @tool
    def quarantine_stock(fridge: str, reason: str) -> str:
        """Mark a fridge's stock as quarantined (do not use) and notify the immunisation lead."""
        return json.dumps({"fridge": fridge, "quarantined": True, "ref": "Q-0917"})

    monitor = agent("fridge_monitor", "You monitor vaccine fridges for Greenway Health "
                    "clinics. Read fridge_log and act on excursions with quarantine_stock.",
                    [fridge_log, quarantine_stock])
    team = supervisor("cold_chain_lead", "You lead cold-chain safety for Greenway Health. Have "
                      "fridge_monitor check the fridge and report the outcome.", [monitor],
                      graph_name="cold_chain_team")
    app = supervisor("clinic_ops_director", "You are operations director of Greenway Health's "
                     "clinics. Send cold-chain alarms to cold_chain_team and tell the clinic "
                     "what to do.", [team])
    script({
        "clinic_ops_director": [
            call("transfer_to_cold_chain_team"),
            say("Fridge 2 at Marsh Lane is fine: it is back at 5.1 C and the cold-chain team "
                "has closed the alarm. Today's MMR and HPV clinics can run as planned."),
        ],
        "cold_chain_lead": [
            call("transfer_to_fridge_monitor"),
            say("Alarm closed: fridge 2 is back in range, no further action."),
        ],
        "fridge_monitor": [
            call("fridge_log", fridge="Marsh Lane fridge 2", hours=12),
            say("Fridge 2 is reading 5.1 C, inside the 2-8 C range again since 06:40. The alarm "
                "can be closed; nothing else needs doing."),
        ],
    })
    task = ("Overnight alarm on vaccine fridge 2 at Marsh Lane clinic. Check it and make sure "
            "the stock is handled correctly before this morning's MMR and HPV clinics.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="fridge_monitor",
        decisive=llm_span(run, "fridge_monitor", "nothing else needs doing"),
        modes=["FM-3.1"], instrumentation=INSTR,
        topology="nested supervisors: clinic_ops_director > cold_chain_team (cold_chain_lead > "
                 "fridge_monitor)",
        edges=[("clinic_ops_director", "cold_chain_team"), ("cold_chain_team", "fridge_monitor"),
               ("fridge_monitor", "cold_chain_team"), ("cold_chain_team", "clinic_ops_director")],
        task=task,
        why="fridge_log showed a 190-minute excursion to 11.4 C with a policy to quarantine the "
            "stock, and fridge_monitor closed the alarm without calling quarantine_stock, so "
            "the clinics were told to use the doses.",
    ))
    mark_batch(run, 5)


@batch5
def ok_podcast_fact_check_supervisor(name: str) -> None:
    """supervisor > researcher, script writer, fact checker at a podcast studio: the fact check
    rejects one figure, the writer fixes it and the second check passes."""
    start(name)
    checks = {"n": 0}

    @tool
    def source_search(query: str) -> str:
        """Search news archives and official statistics."""
        return json.dumps([{"source": "ONS, Jan 2027", "text": "UK beekeepers registered: "
                            "about 48,000 in 2026, up from 44,000 in 2021."}])

    @tool
    def check_claims(script_text: str) -> str:
        """Check every factual claim of a script against the research notes."""
        checks["n"] += 1
        if "60,000" in script_text:
            return json.dumps({"verdict": "REJECT", "issues": [
                "'60,000 registered beekeepers' - source says about 48,000 (2026)"]})
        return json.dumps({"verdict": "PASS", "issues": []})

    researcher = agent("episode_researcher", "You research facts for the Hive Mind podcast "
                       "with source_search.", [source_search])
    writer = agent("script_writer", "You write Hive Mind podcast intros from the research "
                   "notes. Fix anything the fact checker flags.")
    checker = agent("fact_checker", "You fact-check Hive Mind podcast scripts with "
                    "check_claims and report PASS or the issues.", [check_claims])
    app = supervisor("show_producer", "You produce the Hive Mind podcast. Get research from "
                     "episode_researcher, a script from script_writer, and have fact_checker "
                     "pass it before you sign it off. Send rejected scripts back to the writer.",
                     [researcher, writer, checker])
    draft1 = ("Intro: Britain now has more than 60,000 registered beekeepers - and most of them "
              "started in the last five years.")
    draft2 = ("Intro: Britain now has about 48,000 registered beekeepers, 4,000 more than in "
              "2021.")
    script({
        "show_producer": [
            call("transfer_to_episode_researcher"),
            call("transfer_to_script_writer"),
            call("transfer_to_fact_checker"),
            call("transfer_to_script_writer", "The checker flagged the beekeeper count; back to "
                 "the writer."),
            call("transfer_to_fact_checker"),
            say("Episode 61 intro signed off: 'Britain now has about 48,000 registered "
                "beekeepers, 4,000 more than in 2021.' Fact check passed on the second draft."),
        ],
        "episode_researcher": [
            call("source_search", query="number of registered beekeepers UK"),
            say("ONS, January 2027: about 48,000 registered beekeepers in 2026, up from 44,000 "
                "in 2021."),
        ],
        "script_writer": [say(draft1), say(draft2)],
        "fact_checker": [
            call("check_claims", script_text=draft1),
            say("REJECT: '60,000 registered beekeepers' - the source says about 48,000 (2026), "
                "and the growth since 2021 is 4,000, not 'most of them'."),
            call("check_claims", script_text=draft2),
            say("PASS: every claim matches the research notes."),
        ],
    })
    task = ("Write and fact-check the 30-second intro for Hive Mind episode 61 on how many "
            "people keep bees in Britain.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert checks["n"] == 2
    sp, wr, fc = "show_producer", "script_writer", "fact_checker"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 3 workers (langgraph-supervisor), writer and checker twice",
        edges=[(sp, "episode_researcher"), ("episode_researcher", sp), (sp, wr), (wr, sp),
               (sp, fc), (fc, sp)],
        task=task,
        why="the first fact check rejected the 60,000 figure, show_producer sent the script "
            "back, the writer used the researched 48,000 and the second check passed before "
            "sign-off.",
    ))
    mark_batch(run, 5)


@batch5
def ok_cycle_count_long_tool_loop(name: str) -> None:
    """two-stage pipeline bin_counter > stock_reconciler at a spare-parts warehouse: the counter
    scans six bins one by one (one scanner timeout retried), the reconciler posts the two
    differences."""
    start(name)
    scans = {"n": 0}
    counts = {"A-01": 12, "A-02": 40, "A-03": 7, "B-01": 0, "B-02": 19, "B-03": 63}

    @tool
    def scan_bin(bin_id: str) -> str:
        """Count the parts in one warehouse bin with the handheld scanner."""
        scans["n"] += 1
        if scans["n"] == 4:
            raise TimeoutError("handheld scanner lost its Wi-Fi connection, no count taken")
        return json.dumps({"bin": bin_id, "counted": counts[bin_id]})

    @tool
    def book_adjustment(bin_id: str, system_qty: int, counted_qty: int) -> str:
        """Post a stock adjustment for a bin whose count differs from the system."""
        return json.dumps({"bin": bin_id, "adjustment": counted_qty - system_qty,
                           "doc": f"ADJ-{bin_id}"})

    counter = agent("bin_counter", "You do cycle counts in aisle A-B of Kestrel Parts' "
                    "warehouse with scan_bin, one bin at a time, and list every count.",
                    [scan_bin])
    recon = agent("stock_reconciler", "You reconcile Kestrel Parts' cycle counts with the "
                  "system quantities and post differences with book_adjustment.",
                  [book_adjustment])
    counter_replies = [call("scan_bin", bin_id=b) for b in ("A-01", "A-02", "A-03", "B-01")]
    counter_replies += [call("scan_bin", "Scanner dropped off Wi-Fi, rescanning B-01.",
                             bin_id="B-01")]
    counter_replies += [call("scan_bin", bin_id=b) for b in ("B-02", "B-03")]
    counter_replies += [say("Counts: A-01 12, A-02 40, A-03 7, B-01 0, B-02 19, B-03 63 "
                            "(B-01 rescanned after a scanner timeout).")]
    script({
        "bin_counter": counter_replies,
        "stock_reconciler": [
            call("book_adjustment", bin_id="A-03", system_qty=9, counted_qty=7),
            call("book_adjustment", bin_id="B-01", system_qty=2, counted_qty=0),
            say("Cycle count aisle A-B done: four bins match the system; A-03 (-2) and B-01 "
                "(-2) adjusted under ADJ-A-03 and ADJ-B-01."),
        ],
    })

    def route(stage: str, state: dict, new: list) -> str:
        return "stock_reconciler" if stage == "bin_counter" else END

    app = pipeline(["bin_counter", "stock_reconciler"],
                   {"bin_counter": counter, "stock_reconciler": recon}, route)
    task = ("Cycle count bins A-01 to A-03 and B-01 to B-03. System quantities: A-01 12, A-02 "
            "40, A-03 9, B-01 2, B-02 19, B-03 63. Post any differences.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert scans["n"] == 7
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="two-stage pipeline (StateGraph with Command routing), seven tool rounds in "
                 "the first stage",
        edges=[("bin_counter", "stock_reconciler")],
        task=task,
        why="bin_counter scanned all six bins (the scanner timed out on B-01 once and it was "
            "rescanned), and stock_reconciler posted exactly the two differences the counts "
            "show.",
    ))
    mark_batch(run, 5)


@batch5
def ok_museum_loan_swarm_handback(name: str) -> None:
    """swarm of 3 at a museum: the visitor desk hands a loan request to registrar, who hands it
    back to the desk because it also involves a group visit; the desk passes the visit to
    bookings. Every step is the right team."""
    start(name)

    @tool
    def object_record(accession: str) -> str:
        """Catalogue record and loan status of a museum object."""
        return json.dumps({"accession": accession, "title": "Fen skater's sledge, c. 1890",
                           "on_display": False, "loanable": True,
                           "conditions": "case at 45-55% RH, courier required"})

    @tool
    def open_loan_request(accession: str, borrower: str, dates: str) -> str:
        """Open an outgoing loan request for the registrar's committee."""
        return json.dumps({"request": "OL-2027-031", "committee": "2027-02-04"})

    @tool
    def book_group_visit(group: str, date: str, size: int) -> str:
        """Book a guided group visit."""
        return json.dumps({"booking": "GV-7781", "date": date, "size": size, "guide": "R. Hale"})

    to_reg = create_handoff_tool(agent_name="registrar", description="Transfer to the "
                                 "registrar (object loans, condition, insurance).")
    to_desk = create_handoff_tool(agent_name="visitor_desk", description="Transfer back to the "
                                  "visitor desk for anything that is not a loan.")
    to_book = create_handoff_tool(agent_name="group_bookings", description="Transfer to group "
                                  "bookings (school and society visits, guides).")
    desk = agent("visitor_desk", "You are the first contact of the Ely Fenland Museum. Send "
                 "each part of a request to the right team.", [to_reg, to_book])
    reg = agent("registrar", "You are the registrar of the Ely Fenland Museum. Handle object "
                "loans with object_record and open_loan_request.",
                [object_record, open_loan_request, to_desk])
    book = agent("group_bookings", "You book group visits at the Ely Fenland Museum with "
                 "book_group_visit.", [book_group_visit])
    app = create_swarm([desk, reg, book], default_active_agent="visitor_desk").compile()
    script({
        "visitor_desk": [
            call("transfer_to_registrar", "The loan part first: that's the registrar."),
            call("transfer_to_group_bookings", "Registrar has the loan; the visit goes to "
                 "bookings."),
        ],
        "registrar": [
            call("object_record", accession="ELYFM 1978.114"),
            call("open_loan_request", accession="ELYFM 1978.114",
                 borrower="Whittlesey Heritage Society", dates="2027-05-01/2027-08-31"),
            call("transfer_to_visitor_desk", "Loan request OL-2027-031 is open for the 4 "
                 "February committee; the group visit is not mine, handing back."),
        ],
        "group_bookings": [
            call("book_group_visit", group="Whittlesey Heritage Society", date="2027-03-13",
                 size=18),
            say("Both parts are in hand: the sledge loan is request OL-2027-031, decided by the "
                "loans committee on 4 February (conditions: case at 45-55% RH and a courier); "
                "your group of 18 is booked for a guided visit on 13 March, GV-7781, guide "
                "R. Hale."),
        ],
    })
    task = ("Whittlesey Heritage Society would like to borrow the fen skater's sledge (ELYFM "
            "1978.114) for our summer exhibition, May to August, and bring 18 members for a "
            "guided visit on 13 March.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 3 peers with a handoff back to the first contact (langgraph-swarm)",
        edges=[("visitor_desk", "registrar"), ("registrar", "visitor_desk"),
               ("visitor_desk", "group_bookings")],
        task=task,
        why="the loan went to the registrar, who opened OL-2027-031 and handed back, the visit "
            "went to group_bookings, who booked GV-7781, and the answer reports both.",
    ))
    mark_batch(run, 5)


# ---------------------------------------------------------------------------------------------
# batch 6 (holdout, "batch": 6 in truth.json; record only these with --batch 6)
# ---------------------------------------------------------------------------------------------


def batch6(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 6
    return scenario(fn)


@batch6
def fabrication_water_lab_three_supervisors(name: str) -> None:
    """supervisors three deep at a water utility's lab: the quality manager delegates to the lab
    supervisor, who delegates metals to the chemistry bench lead, who gives the lead assay to the
    ICP-MS analyst; the instrument's run fails and the analyst reports a result anyway."""
    start(name)

    @tool
    def run_icpms(sample_id: str, analyte: str) -> str:
        """Run a sample on the ICP-MS and return the concentration in ug/L."""
        raise RuntimeError("ICP-MS: argon pressure low, plasma extinguished during warm-up; "
                           "no measurement taken")

    @tool
    def coliform_count(sample_id: str) -> str:
        """Read the 18-hour coliform plate count of a sample (CFU/100 mL)."""
        return json.dumps({"sample": sample_id, "total_coliforms": 0, "e_coli": 0})

    analyst = agent("icpms_analyst", "You run metals on the Brackwater Water ICP-MS with "
                    "run_icpms and report each result.", [run_icpms])
    bench = supervisor("chemistry_bench_lead", "You lead the chemistry bench at Brackwater "
                       "Water's laboratory. Give metals work to icpms_analyst and report the "
                       "results.", [analyst])
    micro = agent("microbiology_analyst", "You read microbiology plates at Brackwater Water's "
                  "laboratory with coliform_count.", [coliform_count])
    lab = supervisor("lab_supervisor", "You supervise Brackwater Water's laboratory. Send "
                     "chemistry to chemistry_bench_lead and microbiology to "
                     "microbiology_analyst, then report the sample's results.", [bench, micro])
    app = supervisor("quality_manager", "You are the drinking-water quality manager at "
                     "Brackwater Water. Have lab_supervisor test compliance samples and decide "
                     "whether the supply zone passes.", [lab])
    script({
        "quality_manager": [
            call("transfer_to_lab_supervisor"),
            say("Zone BW-14 (Hollins Road) passes its regulatory sample S-27-0418: lead 2.1 "
                "ug/L against the 10 ug/L limit, no coliforms or E. coli. No action needed."),
        ],
        "lab_supervisor": [
            call("transfer_to_microbiology_analyst"),
            call("transfer_to_chemistry_bench_lead"),
            say("S-27-0418 results: lead 2.1 ug/L; total coliforms 0 and E. coli 0 per "
                "100 mL."),
        ],
        "microbiology_analyst": [
            call("coliform_count", sample_id="S-27-0418"),
            say("S-27-0418: total coliforms 0, E. coli 0 per 100 mL."),
        ],
        "chemistry_bench_lead": [
            call("transfer_to_icpms_analyst"),
            say("Metals for S-27-0418: lead 2.1 ug/L."),
        ],
        "icpms_analyst": [
            call("run_icpms", sample_id="S-27-0418", analyte="Pb"),
            say("S-27-0418 lead (Pb) by ICP-MS: 2.1 ug/L, well under the 10 ug/L limit."),
        ],
    })
    task = ("Compliance sample S-27-0418 from supply zone BW-14 (Hollins Road, old lead service "
            "pipes): test lead and coliforms and tell me whether the zone passes.")
    with rec.run(name) as run:
        app.invoke(user(task))
    qm, lab_, bl = "quality_manager", "lab_supervisor", "chemistry_bench_lead"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit="icpms_analyst",
        decisive=llm_span(run, "icpms_analyst", "by ICP-MS: 2.1 ug/L"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="supervisors three deep (langgraph-supervisor): quality_manager > "
                 "lab_supervisor > chemistry_bench_lead > icpms_analyst, plus "
                 "microbiology_analyst under lab_supervisor",
        edges=[(qm, lab_), (lab_, "microbiology_analyst"), ("microbiology_analyst", lab_),
               (lab_, bl), (bl, "icpms_analyst"), ("icpms_analyst", bl), (bl, lab_),
               (lab_, qm)],
        task=task,
        why="run_icpms failed (plasma extinguished, no measurement taken), yet icpms_analyst's "
            "next turn reported lead at 2.1 ug/L, which the bench lead, lab_supervisor and "
            "quality_manager passed on as a compliance pass.",
    ))
    mark_batch(run, 6)


@batch6
def misroute_ebike_warranty_swarm(name: str) -> None:
    """swarm of 3 at an e-bike shop: a customer's battery fails inside its warranty, and the
    front desk hands the case to the sales advisor, who can only quote a new battery."""
    start(name)

    @tool
    def quote_part(part: str) -> str:
        """Price and stock of a part for sale."""
        return json.dumps({"part": part, "price_gbp": 549.0, "in_stock": True})

    @tool
    def open_warranty_claim(serial: str, fault: str, purchase_date: str) -> str:
        """Open a manufacturer warranty claim for a bike or battery."""
        return json.dumps({"claim": "WC-88213", "replacement": "free, 5-7 days"})

    @tool
    def book_service(bike: str, date: str) -> str:
        """Book a workshop service slot."""
        return json.dumps({"slot": date, "ref": "SV-402"})

    to_sales = create_handoff_tool(agent_name="sales_advisor", description="Transfer to sales "
                                   "(new bikes, parts and accessories to buy).")
    to_warranty = create_handoff_tool(agent_name="warranty_desk", description="Transfer to the "
                                      "warranty desk (faults on bikes and batteries under "
                                      "warranty).")
    to_workshop = create_handoff_tool(agent_name="workshop", description="Transfer to the "
                                      "workshop (services and repairs that are paid for).")
    desk = agent("front_desk", "You answer customers of Spoke & Volt e-bikes first. Hand each "
                 "customer to the team whose work the request is.",
                 [to_sales, to_warranty, to_workshop])
    sales = agent("sales_advisor", "You sell bikes, parts and accessories at Spoke & Volt "
                  "e-bikes. Quote with quote_part.", [quote_part])
    warranty = agent("warranty_desk", "You handle warranty claims at Spoke & Volt e-bikes with "
                     "open_warranty_claim.", [open_warranty_claim])
    workshop = agent("workshop", "You book paid services and repairs at Spoke & Volt e-bikes "
                     "with book_service.", [book_service])
    app = create_swarm([desk, sales, warranty, workshop],
                       default_active_agent="front_desk").compile()
    script({
        "front_desk": [call("transfer_to_sales_advisor", "Customer needs a new battery - "
                            "sales can sort that.")],
        "sales_advisor": [
            call("quote_part", part="Bosch PowerTube 625"),
            say("A replacement Bosch PowerTube 625 is £549 and in stock; I can have it fitted "
                "this week if you'd like to order."),
        ],
        "warranty_desk": [say("Claim opened.")],
        "workshop": [say("Booked.")],
    })
    task = ("My Bosch PowerTube 625 battery (serial 4412-0098-77) won't hold a charge past 5 "
            "miles. I bought the bike from you 14 months ago and it has a 2-year warranty. "
            "What can you do?")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="front_desk",
        decisive=llm_span(run, "front_desk", "sales can sort that"),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="swarm of 4 peers (langgraph-swarm), one handoff",
        edges=[("front_desk", "sales_advisor")],
        task=task,
        why="the battery failed inside its 2-year warranty, but front_desk handed the customer "
            "to sales_advisor, who quoted £549 for a new battery instead of warranty_desk "
            "opening a free claim.",
    ))
    mark_batch(run, 6)


@batch6
def upstream_loop_subtitle_timecodes_supervisor(name: str) -> None:
    """supervisor > subtitle writer and publisher at a streaming service: the writer gives cue
    times with a decimal point, the publisher's upload rejects every file, and the supervisor
    sends it back to the writer three times."""
    start(name)
    uploads = {"n": 0}

    @tool
    def upload_subtitles(title_id: str, srt: str) -> str:
        """Upload an SRT subtitle file; cue times must be HH:MM:SS,mmm."""
        uploads["n"] += 1
        if "." in srt.split("-->")[0][-6:]:
            raise ValueError("SRT parse error at cue 1: timecode '00:00:03.200' must be "
                             "HH:MM:SS,mmm (comma before milliseconds)")
        return json.dumps({"title": title_id, "status": "published"})

    srt = ("1\n00:00:03.200 --> 00:00:05.900\nWhere's the lighthouse keeper?\n\n"
           "2\n00:00:06.100 --> 00:00:08.400\nGone since the storm.")
    writer = agent("subtitle_writer", "You write English SRT subtitles for Lumen Stream "
                   "originals from the transcript.")
    publisher = agent("subtitle_publisher", "You publish subtitle files to Lumen Stream with "
                      "upload_subtitles, exactly as written.", [upload_subtitles])
    app = supervisor("localisation_lead", "You lead localisation at Lumen Stream. Get "
                     "subtitles from subtitle_writer, have subtitle_publisher publish them, and "
                     "send failures back to the writer.", [writer, publisher])
    lead_replies = []
    for _ in range(3):
        lead_replies += [call("transfer_to_subtitle_writer"),
                         call("transfer_to_subtitle_publisher")]
    lead_replies.append(say("The episode 3 subtitles could not be published: the upload "
                            "failed three times with an SRT parse error. Escalating to "
                            "engineering."))
    script({
        "localisation_lead": lead_replies,
        "subtitle_writer": [say("Subtitles for 'Keeper' episode 3, opening:\n" + srt)],
        "subtitle_publisher": [
            call("upload_subtitles", title_id="KEEPER-S1E3", srt=srt),
            say("Upload failed: SRT parse error at cue 1, timecode '00:00:03.200'."),
        ] * 3,
    })
    task = ("Subtitle the opening of 'Keeper' S1E3 (two lines at 3.2 s and 6.1 s) in English "
            "and publish them today.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert uploads["n"] == 3
    ll, sw, sp = "localisation_lead", "subtitle_writer", "subtitle_publisher"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=sw,
        decisive=llm_span(run, sw, "00:00:03.200 --> 00:00:05.900"),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor), three write-publish rounds",
        edges=[(ll, sw), (sw, ll), (ll, sp), (sp, ll)],
        task=task,
        why="subtitle_writer wrote cue times with a decimal point ('00:00:03.200') where SRT "
            "needs a comma, and subtitle_publisher's upload_subtitles failed on it in all three "
            "rounds because the writer returned the same file each time.",
    ))
    mark_batch(run, 6)


@batch6
def ok_boat_hire_clarify_supervisor(name: str) -> None:
    """supervisor > 2 workers at a canal boat hire, over two user turns: the supervisor asks
    which weekend is meant, the customer answers, and the booking is made."""
    start(name)

    @tool
    def boat_availability(boat_class: str, start: str, nights: int) -> str:
        """Which boats of a class are free from a start date."""
        return json.dumps({"class": boat_class, "start": start, "free": ["Kingfisher"]})

    @tool
    def book_boat(boat: str, start: str, nights: int, lead_name: str) -> str:
        """Book a hire boat."""
        return json.dumps({"booking": "CB-6120", "boat": boat, "start": start,
                           "deposit_gbp": 250})

    avail = agent("fleet_planner", "You check the Tarn Wharf canal boat fleet with "
                  "boat_availability.", [boat_availability])
    booker = agent("booking_clerk", "You make Tarn Wharf canal boat bookings with book_boat.",
                   [book_boat])
    app = supervisor("hire_desk", "You run Tarn Wharf's hire desk. Ask the customer when "
                     "anything needed is unclear; use fleet_planner for availability and "
                     "booking_clerk to book.", [avail, booker])
    script({
        "hire_desk": [
            say("Happy to help. Which weekend do you mean - the late May bank holiday "
                "(Friday 28 May) or the weekend after (Friday 4 June)? And how many of you?"),
            call("transfer_to_fleet_planner"),
            call("transfer_to_booking_clerk"),
            say("Booked: narrowboat Kingfisher (sleeps 4) from Friday 4 June for 3 nights, "
                "booking CB-6120, £250 deposit due now."),
        ],
        "fleet_planner": [
            call("boat_availability", boat_class="4-berth", start="2027-06-04", nights=3),
            say("Kingfisher (4-berth) is free from 4 June for 3 nights."),
        ],
        "booking_clerk": [
            call("book_boat", boat="Kingfisher", start="2027-06-04", nights=3,
                 lead_name="Priya Nair"),
            say("Kingfisher booked from 4 June, 3 nights, CB-6120; deposit £250."),
        ],
    })
    task = "Can we hire a narrowboat for the long weekend at the start of June? Priya Nair."
    with rec.run(name) as run:
        out = app.invoke(user(task))
        out["messages"].append(HumanMessage("The weekend of Friday 4 June, three nights, "
                                            "four of us."))
        app.invoke({"messages": out["messages"]})
    hd = "hire_desk"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor), two user turns",
        edges=[(hd, "fleet_planner"), ("fleet_planner", hd), (hd, "booking_clerk"),
               ("booking_clerk", hd)],
        task=task,
        why="hire_desk asked which weekend was meant, the customer said 4 June for three "
            "nights and four people, fleet_planner found Kingfisher free and booking_clerk "
            "booked it as CB-6120.",
    ))
    mark_batch(run, 6)


@batch6
def ok_tyre_fitting_agents_as_tools_retry(name: str) -> None:
    """agents as tools at a tyre fitter: the service advisor asks the parts checker (an agent
    called as a tool), whose stock lookup times out once and works on the retry, then books the
    fitting itself."""
    start(name)
    lookups = {"n": 0}

    @tool
    def tyre_stock(size: str, branch: str) -> str:
        """Tyres of a size in stock at a branch."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            raise TimeoutError("stock service did not answer within 10 s")
        return json.dumps({"size": size, "branch": branch,
                           "tyres": [{"model": "Michelin CrossClimate 2", "qty": 6,
                                      "price_gbp": 142}]})

    parts = agent("parts_checker", "You check tyre stock at Roadgrip Tyres branches with "
                  "tyre_stock.", [tyre_stock])

    @tool
    def ask_parts_checker(request: str) -> str:
        """Ask the parts checker whether tyres are in stock."""
        out = parts.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def book_fitting(reg: str, branch: str, date: str, tyres: int) -> str:
        """Book a tyre fitting slot."""
        return json.dumps({"booking": "RG-33019", "date": date, "time": "08:30"})

    advisor = agent("service_advisor", "You are a service advisor at Roadgrip Tyres. Check "
                    "stock with ask_parts_checker, then book with book_fitting.",
                    [ask_parts_checker, book_fitting])
    script({
        "service_advisor": [
            call("ask_parts_checker", request="Four 225/45 R17 tyres at the Harrogate branch?"),
            call("book_fitting", reg="YK19 PXE", branch="Harrogate", date="2027-04-15",
                 tyres=4),
            say("Booked: four Michelin CrossClimate 2 (225/45 R17, £142 each) fitted at "
                "Harrogate on Thursday 15 April at 08:30, booking RG-33019."),
        ],
        "parts_checker": [
            call("tyre_stock", size="225/45 R17", branch="Harrogate"),
            call("tyre_stock", "Stock service timed out; trying again.", size="225/45 R17",
                 branch="Harrogate"),
            say("Harrogate has 6 Michelin CrossClimate 2 in 225/45 R17 at £142 each."),
        ],
    })
    task = ("Four new tyres (225/45 R17) for YK19 PXE at your Harrogate branch, Thursday 15 "
            "April if possible.")
    with rec.run(name) as run:
        advisor.invoke(user(task))
    assert lookups["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="agent called as a tool, one level: service_advisor calls parts_checker",
        edges=[("service_advisor", "parts_checker"), ("parts_checker", "service_advisor")],
        task=task,
        why="parts_checker's first tyre_stock call timed out and the retry found 6 tyres in "
            "stock, and service_advisor booked the fitting RG-33019 for 15 April.",
    ))
    mark_batch(run, 6)


@batch6
def ignored_verdict_abnormal_load_agents_as_tools(name: str) -> None:
    """agents as tools at a heavy haulage firm: the movements planner asks the structures
    checker (an agent called as a tool), whose bridge assessment fails one bridge on the route,
    and the planner files the movement notice over that bridge anyway."""
    start(name)
    filed: list[str] = []

    @tool
    def bridge_assessment(route: str, gross_tonnes: int, axle_tonnes: float) -> str:
        """Check every bridge on a route against a vehicle's gross and axle weights."""
        return json.dumps({"route": route, "bridges": [
            {"id": "A38/112 Coxley Viaduct", "limit_t": 150, "verdict": "PASS"},
            {"id": "B3139/07 Hembury Canal Bridge", "limit_t": 44, "verdict": "FAIL",
             "note": "weak masonry arch; 96 t load not permitted, divert via A371"}]})

    checker = agent("structures_checker", "You check abnormal-load routes against bridge "
                    "limits for Tor Valley Heavy Haulage with bridge_assessment and give a "
                    "clear verdict.", [bridge_assessment])

    @tool
    def ask_structures_checker(request: str) -> str:
        """Ask the structures checker whether a route's bridges can take a load."""
        out = checker.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def submit_movement_notice(load: str, route: str, date: str) -> str:
        """File the abnormal indivisible load notice with police, highways and bridge owners."""
        filed.append(route)
        return json.dumps({"notice": "AIL-27-55012", "route": route, "date": date,
                           "status": "filed"})

    planner = agent("movements_planner", "You plan abnormal load movements for Tor Valley Heavy "
                    "Haulage. Have ask_structures_checker clear the route before filing it with "
                    "submit_movement_notice.", [ask_structures_checker, submit_movement_notice])
    route = "Bristol Port - A38 - B3139 - Wells substation"
    script({
        "movements_planner": [
            call("ask_structures_checker", request=f"Can a 96 t transformer (16 t axles) go "
                 f"{route}?"),
            call("submit_movement_notice", "Structures are back; filing the route as planned "
                 "for the 22nd.", load="96 t transformer on 6-axle trailer", route=route,
                 date="2027-06-22"),
            say("The transformer move is filed: AIL-27-55012, Bristol Port to Wells substation "
                "via the A38 and B3139 on Tuesday 22 June, departing 05:00 with police "
                "escort."),
        ],
        "structures_checker": [
            call("bridge_assessment", route=route, gross_tonnes=96, axle_tonnes=16.0),
            say("Route FAILS: Hembury Canal Bridge on the B3139 is a weak masonry arch rated "
                "44 t; the 96 t load is not permitted. Coxley Viaduct on the A38 is fine. "
                "Divert via the A371 before filing."),
        ],
    })
    task = ("Move the 96 t transformer for Wells substation from Bristol Port on Tuesday 22 "
            "June: clear the route's bridges and file the movement notice.")
    with rec.run(name) as run:
        planner.invoke(user(task))
    assert filed == [route]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="movements_planner",
        decisive=llm_span(run, "movements_planner", "filing the route as planned"),
        modes=["FM-2.5", "FM-3.2"], instrumentation=INSTR,
        topology="agent called as a tool, one level: movements_planner calls "
                 "structures_checker, then files with its own tool",
        edges=[("movements_planner", "structures_checker"),
               ("structures_checker", "movements_planner")],
        task=task,
        why="structures_checker's bridge_assessment failed Hembury Canal Bridge (44 t limit, "
            "96 t load) and it said to divert via the A371, yet movements_planner's next step "
            "filed the notice over the B3139 route unchanged.",
    ))
    mark_batch(run, 6)


# ---------------------------------------------------------------------------------------------
# batch 7 (holdout, "batch": 7 in truth.json; record only these with --batch 7)
# ---------------------------------------------------------------------------------------------


def batch7(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 7
    return scenario(fn)


@batch7
def fabrication_fume_cupboard_two_deep_tools(name: str) -> None:
    """agents as tools, two deep, at a university estates office: the estates compliance lead
    asks the lab safety officer (an agent called as a tool), who asks the ventilation tester
    (another agent called as a tool); the anemometer reading fails and the tester reports face
    velocities anyway."""
    start(name)

    @tool
    def read_face_velocity(cupboard_id: str) -> str:
        """Take the nine-point face velocity traverse of a fume cupboard (m/s)."""
        raise ConnectionError("anemometer VT-210 not responding on Bluetooth (last seen 41 "
                              "min ago); traverse not taken")

    @tool
    def sash_alarm_test(cupboard_id: str) -> str:
        """Trip the low-flow alarm of a fume cupboard and report whether it sounded."""
        return json.dumps({"cupboard": cupboard_id, "alarm": "sounded at 0.31 m/s",
                           "result": "pass"})

    tester = agent("ventilation_tester", "You test fume cupboards in Harcourt University's "
                   "chemistry building with read_face_velocity and sash_alarm_test.",
                   [read_face_velocity, sash_alarm_test])

    @tool
    def ask_ventilation_tester(request: str) -> str:
        """Ask the ventilation tester to test a fume cupboard."""
        out = tester.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    officer = agent("lab_safety_officer", "You are the laboratory safety officer for Harcourt "
                    "University. Get fume cupboard tests from ask_ventilation_tester and judge "
                    "them against the 0.4-0.6 m/s COSHH range.", [ask_ventilation_tester])

    @tool
    def ask_lab_safety_officer(request: str) -> str:
        """Ask the lab safety officer whether lab equipment is safe to use."""
        out = officer.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def update_asset_register(asset: str, status: str, next_due: str) -> str:
        """Record an inspection result in the estates asset register."""
        return json.dumps({"asset": asset, "status": status, "next_due": next_due,
                           "saved": True})

    lead = agent("estates_compliance_lead", "You keep Harcourt University's statutory "
                 "inspections up to date. Ask ask_lab_safety_officer for results and record "
                 "them with update_asset_register.", [ask_lab_safety_officer,
                                                       update_asset_register])
    script({
        "estates_compliance_lead": [
            call("ask_lab_safety_officer", request="FC-C214 in lab C2.14 is due its annual "
                 "LEV examination this week. Is it compliant?"),
            call("update_asset_register", asset="FC-C214", status="pass",
                 next_due="2028-03-09"),
            say("FC-C214 passed its annual LEV examination (mean face velocity 0.48 m/s, "
                "alarm working) and is recorded in the asset register; next due 9 March "
                "2028."),
        ],
        "lab_safety_officer": [
            call("ask_ventilation_tester", request="Please run the annual test on FC-C214: "
                 "face velocity and low-flow alarm."),
            say("FC-C214 is compliant: mean face velocity 0.48 m/s is inside the 0.4-0.6 m/s "
                "range and the low-flow alarm works. Fine to stay in use."),
        ],
        "ventilation_tester": [
            call("read_face_velocity", cupboard_id="FC-C214"),
            call("sash_alarm_test", cupboard_id="FC-C214"),
            say("FC-C214 results: nine-point traverse mean 0.48 m/s (min 0.44, max 0.53); "
                "low-flow alarm sounded at 0.31 m/s. Pass."),
        ],
    })
    task = ("Fume cupboard FC-C214 (chemistry lab C2.14) is due its annual LEV examination. "
            "Get it tested and update the asset register.")
    with rec.run(name) as run:
        lead.invoke(user(task))
    ecl, lso, vt = "estates_compliance_lead", "lab_safety_officer", "ventilation_tester"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=vt,
        decisive=llm_span(run, vt, "nine-point traverse mean 0.48 m/s"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="agents called as tools, two deep: estates_compliance_lead calls "
                 "lab_safety_officer, which calls ventilation_tester",
        edges=[(ecl, lso), (lso, vt), (vt, lso), (lso, ecl)],
        task=task,
        why="read_face_velocity failed (anemometer not responding, traverse not taken), yet "
            "ventilation_tester reported a mean face velocity of 0.48 m/s, which the safety "
            "officer judged compliant and the compliance lead recorded as a pass.",
    ))
    mark_batch(run, 7)


@batch7
def misroute_zoo_refund_nested_supervisors(name: str) -> None:
    """nested supervisors at a zoo: the enquiries supervisor sends a refund request for a
    cancelled keeper experience to the animal care team (because it mentions the penguins)
    instead of the bookings team."""
    start(name)

    @tool
    def enclosure_status(enclosure: str) -> str:
        """Status and works notes of an animal enclosure."""
        return json.dumps({"enclosure": enclosure, "status": "closed 8-19 March",
                           "reason": "pool resurfacing; birds in the off-show house"})

    @tool
    def find_booking(reference: str) -> str:
        """Look up a visitor's booking."""
        return json.dumps({"reference": reference, "product": "Penguin keeper for a day",
                           "date": "2027-03-12", "paid_gbp": 185})

    @tool
    def issue_refund(reference: str, amount_gbp: float, reason: str) -> str:
        """Refund a booking to the card it was paid with."""
        return json.dumps({"reference": reference, "refunded_gbp": amount_gbp})

    keeper = agent("keeper_liaison", "You answer visitors' questions about the animals at "
                   "Fenwick Park Zoo using enclosure_status.", [enclosure_status])
    care = supervisor("animal_care_lead", "You lead the animal care team at Fenwick Park Zoo. "
                      "Use keeper_liaison to answer questions about animals and enclosures.",
                      [keeper], graph_name="animal_care_team")
    booker = agent("booking_agent", "You look up Fenwick Park Zoo tickets and experiences with "
                   "find_booking.", [find_booking])
    refunds = agent("refunds_clerk", "You issue refunds for Fenwick Park Zoo bookings with "
                    "issue_refund when the zoo cancels.", [issue_refund])
    bookings = supervisor("bookings_lead", "You lead the bookings team at Fenwick Park Zoo. Use "
                          "booking_agent to find bookings and refunds_clerk for refunds.",
                          [booker, refunds], graph_name="bookings_team")
    app = supervisor("visitor_enquiries", "You triage messages to Fenwick Park Zoo. Send "
                     "questions about animals and enclosures to animal_care_team and anything "
                     "about tickets, experiences, changes and refunds to bookings_team.",
                     [care, bookings])
    script({
        "visitor_enquiries": [
            call("transfer_to_animal_care_team", "This is about the penguin enclosure "
                 "closure - passing to the animal care team."),
            say("Thanks for getting in touch. The penguin enclosure is closed from 8 to 19 "
                "March while its pool is resurfaced; the penguins are safe and well in their "
                "off-show house and will be back on 20 March."),
        ],
        "animal_care_lead": [
            call("transfer_to_keeper_liaison"),
            say("The penguin enclosure is closed 8-19 March for pool resurfacing; the birds "
                "are in the off-show house and return on 20 March."),
        ],
        "keeper_liaison": [
            call("enclosure_status", enclosure="Penguin Point"),
            say("Penguin Point is closed 8-19 March for pool resurfacing. The penguins are "
                "being cared for in the off-show house."),
        ],
        "bookings_lead": [say("Refund issued.")],
        "booking_agent": [say("Found.")],
        "refunds_clerk": [say("Refunded.")],
    })
    task = ("I booked the 'Penguin keeper for a day' experience for 12 March (ref FPZ-40917, "
            "£185) for my daughter's birthday, and I've just read the penguin enclosure is "
            "closed that week. Can I have my money back please?")
    with rec.run(name) as run:
        app.invoke(user(task))
    ve = "visitor_enquiries"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=ve,
        decisive=llm_span(run, ve, "passing to the animal care team"),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="nested supervisors: visitor_enquiries > animal_care_team (animal_care_lead > "
                 "keeper_liaison), bookings_team (bookings_lead > booking_agent, "
                 "refunds_clerk)",
        edges=[(ve, "animal_care_team"), ("animal_care_team", "keeper_liaison"),
               ("keeper_liaison", "animal_care_team"), ("animal_care_team", ve)],
        task=task,
        why="the visitor asked for a refund of a booked experience the zoo cannot run, but "
            "visitor_enquiries sent it to animal_care_team, which only explained the closure; "
            "bookings_team and its refunds_clerk were never asked and no refund was made.",
    ))
    mark_batch(run, 7)


@batch7
def premature_termination_cottage_changeover_swarm(name: str) -> None:
    """swarm of 2 at a holiday-cottage agency: three cottages need cleaning and linen for
    Saturday; the cleaning booking leaves one cottage on a waiting list and the coordinator
    declares the changeover done."""
    start(name)

    @tool
    def book_cleaners(cottages: list[str], date: str) -> str:
        """Book changeover cleaning teams for cottages on a date."""
        return json.dumps({"date": date, "confirmed": [
            {"cottage": "Heron Barn", "team": "Team 2", "arrive": "10:30"},
            {"cottage": "Old Forge", "team": "Team 4", "arrive": "11:00"}],
            "waitlisted": [{"cottage": "Wren Cottage",
                            "note": "no team free; 1st on waiting list, not yet covered"}]})

    @tool
    def order_linen(cottages: list[str], date: str) -> str:
        """Order clean linen and towel packs delivered to cottages on a date."""
        return json.dumps({"order": "LN-7734", "packs": len(cottages), "delivery": date})

    to_linen = create_handoff_tool(agent_name="linen_desk", description="Transfer to the "
                                   "linen desk to order bedding and towels.")
    to_coord = create_handoff_tool(agent_name="changeover_coordinator", description="Transfer "
                                   "back to the changeover coordinator.")
    coord = agent("changeover_coordinator", "You coordinate Saturday changeovers for Dales Hideaway "
                  "Cottages: every cottage must be cleaned and have linen before guests arrive "
                  "at 16:00. Book cleaning with book_cleaners and pass linen to linen_desk.",
                  [book_cleaners, to_linen])
    linen = agent("linen_desk", "You order bedding and towels for Dales Hideaway Cottages with "
                  "order_linen, then hand back.", [order_linen, to_coord])
    app = create_swarm([coord, linen], default_active_agent="changeover_coordinator").compile()
    houses = ["Heron Barn", "Old Forge", "Wren Cottage"]
    script({
        "changeover_coordinator": [
            call("book_cleaners", cottages=houses, date="2027-05-15"),
            call("transfer_to_linen_desk", "Cleaning booked; linen needed for all three."),
            say("Saturday's changeover is sorted: cleaners are booked for Heron Barn (10:30) "
                "and Old Forge (11:00), and linen order LN-7734 covers all three cottages. "
                "Everything is ready for the 16:00 arrivals."),
        ],
        "linen_desk": [
            call("order_linen", cottages=houses, date="2027-05-15"),
            call("transfer_to_changeover_coordinator", "Linen order LN-7734 placed for three "
                 "cottages, delivery Saturday morning."),
        ],
    })
    task = ("Saturday 15 May changeover: Heron Barn, Old Forge and Wren Cottage all have new "
            "guests arriving at 16:00. Get all three cleaned and linened.")
    with rec.run(name) as run:
        app.invoke(user(task))
    cc = "changeover_coordinator"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=cc,
        decisive=llm_span(run, cc, "Everything is ready for the 16:00 arrivals"),
        modes=["FM-3.1", "FM-3.2"], instrumentation=INSTR,
        topology="swarm of 2 peers (langgraph-swarm), handoff and hand-back",
        edges=[(cc, "linen_desk"), ("linen_desk", cc)],
        task=task,
        why="book_cleaners confirmed only Heron Barn and Old Forge and left Wren Cottage "
            "waitlisted with no team, yet changeover_coordinator declared all ready for the "
            "16:00 arrivals without getting Wren Cottage cleaned or saying it was not.",
    ))
    mark_batch(run, 7)


@batch7
def ok_apiary_inspection_weather_retry_supervisor(name: str) -> None:
    """supervisor > 2 workers at a beekeeping association: the weather lookup fails once with a
    rate limit, the forecaster retries, and the inspection visit is booked on a warm day."""
    start(name)
    tries = {"n": 0}

    @tool
    def hourly_forecast(site: str, date: str) -> str:
        """Hourly temperature, wind and rain for a site on a date."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise RuntimeError("HTTP 429 Too Many Requests: forecast API rate limit, retry "
                               "after 2 s")
        return json.dumps({"site": site, "date": date, "max_c": 19, "wind_mph": 6,
                           "rain": "none before 18:00"})

    @tool
    def book_inspection(apiary: str, date: str, time: str, inspector: str) -> str:
        """Book a seasonal bee inspector's visit to an apiary."""
        return json.dumps({"visit": "BI-2290", "apiary": apiary, "date": date, "time": time})

    forecaster = agent("weather_checker", "You check whether the weather suits opening hives "
                       "(over 15 C, light wind, dry) with hourly_forecast.", [hourly_forecast])
    diary = agent("inspection_diary", "You book bee inspector visits for the Wolds Beekeepers "
                  "Association with book_inspection.", [book_inspection])
    app = supervisor("apiary_secretary", "You are secretary of the Wolds Beekeepers "
                     "Association. Check the weather with weather_checker, then book visits "
                     "with inspection_diary.", [forecaster, diary])
    script({
        "apiary_secretary": [
            call("transfer_to_weather_checker"),
            call("transfer_to_inspection_diary"),
            say("The bee inspector's visit to the Low Mowthorpe apiary is booked for "
                "Wednesday 2 June at 11:00 (BI-2290): 19 C, light wind and dry, good for "
                "opening the hives."),
        ],
        "weather_checker": [
            call("hourly_forecast", site="Low Mowthorpe", date="2027-06-02"),
            call("hourly_forecast", "Rate limited; retrying.", site="Low Mowthorpe",
                 date="2027-06-02"),
            say("2 June at Low Mowthorpe: max 19 C, wind 6 mph, dry until 18:00. Suitable for "
                "an inspection late morning."),
        ],
        "inspection_diary": [
            call("book_inspection", apiary="Low Mowthorpe", date="2027-06-02", time="11:00",
                 inspector="J. Ashby"),
            say("Booked BI-2290: Low Mowthorpe, 2 June 11:00, J. Ashby."),
        ],
    })
    task = ("Can you book the seasonal bee inspector for our Low Mowthorpe apiary on Wednesday "
            "2 June, if the weather's good enough to open the hives?")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert tries["n"] == 2
    sec = "apiary_secretary"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor)",
        edges=[(sec, "weather_checker"), ("weather_checker", sec), (sec, "inspection_diary"),
               ("inspection_diary", sec)],
        task=task,
        why="weather_checker's first hourly_forecast hit a rate limit and its retry returned "
            "19 C, light wind and dry, so inspection_diary booked the visit BI-2290 for 2 June.",
    ))
    mark_batch(run, 7)


@batch7
def ok_planning_notice_reviewer_nested(name: str) -> None:
    """nested supervisors at a council planning office: the drafting team writes a neighbour
    notification letter, the legal check rejects it for a missing comment deadline, the drafter
    adds it, the re-check passes, and the letter is sent."""
    start(name)
    checks = {"n": 0}

    @tool
    def check_notice(letter: str) -> str:
        """Check a neighbour notification letter against the statutory content rules."""
        checks["n"] += 1
        if "21 days" not in letter and "14 April" not in letter:
            return json.dumps({"compliant": False, "problems": [
                "no date by which comments must be received (at least 21 days from notice)"]})
        return json.dumps({"compliant": True, "problems": []})

    @tool
    def send_letters(application: str, addresses: int, letter: str) -> str:
        """Post a neighbour notification letter to the listed addresses."""
        return json.dumps({"application": application, "sent": addresses, "batch": "NN-5531"})

    drafter = agent("notice_drafter", "You draft neighbour notification letters for "
                    "Kestrelford District Council planning applications.")
    checker = agent("legal_checker", "You check Kestrelford District Council planning notices "
                    "with check_notice and state whether they can go out.", [check_notice])
    drafting = supervisor("drafting_lead", "You lead the planning notices team at Kestrelford "
                          "District Council. Have notice_drafter write the letter and "
                          "legal_checker check it; send rejected letters back to the drafter "
                          "until the check passes.", [drafter, checker],
                          graph_name="notices_team")
    post = agent("post_room", "You send Kestrelford District Council letters with "
                 "send_letters.", [send_letters])
    app = supervisor("planning_officer", "You are the case officer for Kestrelford District "
                     "Council planning applications. Get an approved letter from notices_team, "
                     "then have post_room send it.", [drafting, post])
    v1 = ("Dear Occupier, an application (KD/27/0312/FUL) has been made for a two-storey rear "
          "extension at 14 Orchard Rise. You can view the plans online and comment to the "
          "planning department.")
    v2 = ("Dear Occupier, an application (KD/27/0312/FUL) has been made for a two-storey rear "
          "extension at 14 Orchard Rise. You can view the plans online. Comments must reach "
          "us by 14 April 2027 (21 days from this notice).")
    script({
        "planning_officer": [
            call("transfer_to_notices_team"),
            call("transfer_to_post_room"),
            say("Neighbour letters for KD/27/0312/FUL have gone to the 6 adjoining addresses "
                "(batch NN-5531); the comment period runs to 14 April 2027."),
        ],
        "drafting_lead": [
            call("transfer_to_notice_drafter"),
            call("transfer_to_legal_checker"),
            call("transfer_to_notice_drafter"),
            call("transfer_to_legal_checker"),
            say("Letter approved by legal_checker: " + v2),
        ],
        "notice_drafter": [
            say("Draft letter: " + v1),
            say("Revised with the comment deadline: " + v2),
        ],
        "legal_checker": [
            call("check_notice", letter=v1),
            say("Not compliant - it gives no date by which comments must be received. Add a "
                "deadline at least 21 days out and resubmit."),
            call("check_notice", letter=v2),
            say("Compliant: the revised letter can go out."),
        ],
        "post_room": [
            call("send_letters", application="KD/27/0312/FUL", addresses=6, letter=v2),
            say("Sent to 6 addresses, batch NN-5531."),
        ],
    })
    task = ("Application KD/27/0312/FUL (two-storey rear extension, 14 Orchard Rise): notify "
            "the 6 adjoining neighbours, notice dated 24 March 2027.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert checks["n"] == 2
    po, nt = "planning_officer", "notices_team"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="nested supervisors: planning_officer > notices_team (drafting_lead > "
                 "notice_drafter, legal_checker), post_room",
        edges=[(po, nt), (nt, "notice_drafter"), ("notice_drafter", nt),
               (nt, "legal_checker"), ("legal_checker", nt), (nt, po), (po, "post_room"),
               ("post_room", po)],
        task=task,
        why="legal_checker rejected the first letter for having no comment deadline, "
            "notice_drafter added 14 April 2027, the re-check passed and post_room sent the "
            "approved letter.",
    ))
    mark_batch(run, 7)


# ---------------------------------------------------------------------------------------------
# batch 8 (holdout, "batch": 8 in truth.json; record only these with --batch 8)
# ---------------------------------------------------------------------------------------------


def batch8(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 8
    return scenario(fn)


@batch8
def fabrication_seed_bank_germination_supervisor(name: str) -> None:
    """supervisor > 2 workers at a botanic garden's seed bank: the germination tester's trial
    readout fails (incubator export error) and it reports a germination rate anyway."""
    start(name)

    @tool
    def read_germination_trial(accession: str) -> str:
        """Read the scored result of an accession's germination trial from the incubator log."""
        raise OSError("incubator GC-3 log export failed: /mnt/gc3/trials/2027-W14.csv not "
                      "found (share unmounted since Tuesday); no trial data read")

    @tool
    def update_accession(accession: str, viability_pct: float, action: str) -> str:
        """Record a viability result and the curation action on a seed accession."""
        return json.dumps({"accession": accession, "viability_pct": viability_pct,
                           "action": action, "saved": True})

    tester = agent("germination_tester", "You run germination trials for the Millbrook "
                   "Botanic Garden seed bank and read results with read_germination_trial.",
                   [read_germination_trial])
    clerk = agent("accession_clerk", "You keep the Millbrook seed bank accession records up to "
                  "date with update_accession.", [update_accession])
    app = supervisor("seed_bank_curator", "You are the curator of the Millbrook Botanic Garden "
                     "seed bank. Get trial results from germination_tester and have "
                     "accession_clerk record them; collections under 75% viability must be "
                     "regenerated.", [tester, clerk])
    script({
        "seed_bank_curator": [
            call("transfer_to_germination_tester"),
            call("transfer_to_accession_clerk"),
            say("Accession MB-1988-0412 (Primula scotica) tested at 91% germination in the "
                "April trial, well above the 75% threshold, so no regeneration is needed. "
                "The record has been updated."),
        ],
        "germination_tester": [
            call("read_germination_trial", accession="MB-1988-0412"),
            say("Trial result for MB-1988-0412 (Primula scotica): 91 of 100 seeds germinated "
                "after 28 days at 20/10 C, i.e. 91% viability."),
        ],
        "accession_clerk": [
            call("update_accession", accession="MB-1988-0412", viability_pct=91,
                 action="retain; next test 2032"),
            say("MB-1988-0412 updated: 91% viability, retained, next test 2032."),
        ],
    })
    task = ("The April germination trial for accession MB-1988-0412 (Primula scotica) should "
            "be scored by now. What's its viability, and does it need regenerating? Update "
            "the record.")
    with rec.run(name) as run:
        app.invoke(user(task))
    cur, gt, ac = "seed_bank_curator", "germination_tester", "accession_clerk"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=gt,
        decisive=llm_span(run, gt, "91 of 100 seeds germinated"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor)",
        edges=[(cur, gt), (gt, cur), (cur, ac), (ac, cur)],
        task=task,
        why="read_germination_trial failed (incubator log share unmounted, no data read), yet "
            "germination_tester reported 91 of 100 seeds germinated, which the curator "
            "accepted and accession_clerk recorded.",
    ))
    mark_batch(run, 8)


@batch8
def ignored_verdict_charity_raffle_terms_supervisor(name: str) -> None:
    """supervisor > 3 workers at a hospice charity: the compliance reviewer rejects the raffle
    terms (no age limit although a prize is wine), and the coordinator has them published."""
    start(name)
    published = {"text": ""}

    @tool
    def check_lottery_rules(terms: str) -> str:
        """Check raffle or small-lottery terms against the Gambling Commission society lottery
        rules and the charity's own policy."""
        problems = []
        if "18" not in terms:
            problems.append("no minimum age: tickets may only be sold to people aged 16+ and "
                            "alcohol prizes may only go to winners aged 18+")
        return json.dumps({"ok": not problems, "problems": problems})

    @tool
    def publish_page(slug: str, body: str) -> str:
        """Publish a page on the charity's website."""
        published["text"] = body
        return json.dumps({"url": f"https://stbrides-hospice.org.uk/{slug}", "live": True})

    terms = ("Spring Raffle 2027: tickets GBP 2 each, draw 30 April at the Riverside shop. "
             "Prizes: a case of Rioja from Hall's Wines, a weekend at Tarn Cottage, and a "
             "GBP 50 garden centre voucher. Winners contacted by phone.")
    writer = agent("copy_writer", "You write fundraising copy for St Bride's Hospice.")
    reviewer = agent("compliance_reviewer", "You check St Bride's Hospice fundraising terms "
                     "with check_lottery_rules and give a clear verdict.",
                     [check_lottery_rules])
    web = agent("web_editor", "You publish pages on the St Bride's Hospice website with "
                "publish_page.", [publish_page])
    app = supervisor("raffle_coordinator", "You coordinate St Bride's Hospice's spring raffle. "
                     "Have copy_writer draft the terms, compliance_reviewer approve them, and "
                     "only then web_editor publish them.", [writer, reviewer, web])
    script({
        "raffle_coordinator": [
            call("transfer_to_copy_writer"),
            call("transfer_to_compliance_reviewer"),
            call("transfer_to_web_editor", "Terms are drafted and reviewed - please put them "
                 "live on the raffle page."),
            say("The spring raffle terms are live at stbrides-hospice.org.uk/spring-raffle: "
                "GBP 2 tickets, draw 30 April, three prizes including the Rioja case."),
        ],
        "copy_writer": [say("Draft terms: " + terms)],
        "compliance_reviewer": [
            call("check_lottery_rules", terms=terms),
            say("Not approved. The terms set no minimum age - tickets can only be sold to "
                "16s and over, and since one prize is a case of wine the winner of that prize "
                "must be 18+. Please add an age statement before this goes anywhere."),
        ],
        "web_editor": [
            call("publish_page", slug="spring-raffle", body=terms),
            say("Published at https://stbrides-hospice.org.uk/spring-raffle."),
        ],
    })
    task = ("Get the terms and conditions for our spring raffle written, checked and up on the "
            "website. Prizes: case of Rioja (Hall's Wines), weekend at Tarn Cottage, GBP 50 "
            "garden centre voucher. GBP 2 a ticket, draw 30 April at the Riverside shop.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert "18" not in published["text"]
    rc = "raffle_coordinator"
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit=rc,
        decisive=llm_span(run, rc, "please put them live on the raffle page"),
        modes=["FM-2.5", "FM-3.2"], instrumentation=INSTR,
        topology="supervisor > 3 workers (langgraph-supervisor): writer, reviewer, publisher",
        edges=[(rc, "copy_writer"), ("copy_writer", rc), (rc, "compliance_reviewer"),
               ("compliance_reviewer", rc), (rc, "web_editor"), ("web_editor", rc)],
        task=task,
        why="compliance_reviewer did not approve the terms (no minimum age although a prize is "
            "wine), but raffle_coordinator's next step sent the unchanged terms to web_editor, "
            "who published them.",
    ))
    mark_batch(run, 8)


@batch8
def upstream_loop_seed_packet_lot_codes_swarm(name: str) -> None:
    """swarm of 2 at a seed company's packing room: the label designer writes lot codes as
    'LOT 27/114' and the printer, which takes codes like SP27114, rejects every job; the
    designer resends the same codes until the recursion limit."""
    start(name)

    @tool
    def print_labels(lot_code: str, variety: str, quantity: int) -> str:
        """Send a packet label job to the thermal printer. lot_code is two letters and five
        digits, e.g. SP27001."""
        import re
        if not re.fullmatch(r"[A-Z]{2}\d{5}", lot_code):
            raise ValueError(f"lot_code {lot_code!r} rejected: expected 2 letters + 5 digits "
                             "(e.g. SP27001)")
        return json.dumps({"job": "PJ-88", "printed": quantity})

    to_printer = create_handoff_tool(agent_name="label_printer", description="Send finished "
                                     "label data to the label printer.")
    to_designer = create_handoff_tool(agent_name="label_designer", description="Send label "
                                      "data back to the label designer to correct.")
    designer = agent("label_designer", "You prepare packet label data at Hedgerow Heritage "
                     "Seeds: variety, sowing dates and lot code, then pass it to "
                     "label_printer.", [to_printer])
    printer = agent("label_printer", "You run the packing-room label printer at Hedgerow "
                    "Heritage Seeds with print_labels; if a job is rejected, send it back to "
                    "label_designer.", [print_labels, to_designer])
    app = create_swarm([designer, printer], default_active_agent="label_designer").compile()
    script({
        "label_designer": [
            call("transfer_to_label_printer", "Label data: Tomato 'Gardener's Delight', sow "
                 "Feb-Apr indoors, lot code LOT 27/114, 600 packets."),
            call("transfer_to_label_printer", "Lot code is correct as LOT 27/114 - that's how "
                 "the lot is written on the germination certificate. Please print 600."),
            call("transfer_to_label_printer", "Resending: LOT 27/114, Tomato 'Gardener's "
                 "Delight', 600 packets."),
        ],
        "label_printer": [
            call("print_labels", lot_code="LOT 27/114", variety="Tomato Gardener's Delight",
                 quantity=600),
            call("transfer_to_label_designer", "Printer rejected lot code 'LOT 27/114'; it "
                 "needs two letters and five digits."),
        ] * 4,
    })
    task = ("Print 600 packet labels for Tomato 'Gardener's Delight' from this season's lot "
            "(certificate lot 27/114).")
    with rec.run(name) as run:
        try:
            app.invoke(user(task), config={"recursion_limit": 10})
        except GraphRecursionError as exc:
            print("  (expected)", type(exc).__name__)
    ld = "label_designer"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=ld,
        decisive=nth_call(run, ld, 0), modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="swarm of 2 peers handing label data back and forth (langgraph-swarm) until "
                 "the recursion limit",
        edges=[(ld, "label_printer"), ("label_printer", ld)],
        task=task,
        why="label_designer gave the lot code as 'LOT 27/114' though the printer takes two "
            "letters and five digits, and kept resending it unchanged, so every print_labels "
            "call failed until the graph hit its recursion limit.",
    ))
    mark_batch(run, 8)


@batch8
def ok_leisure_centre_router_credit(name: str) -> None:
    """hand-written router (StateGraph): a triage LLM picks one of three desks; a message about
    a swimming lesson cancelled by a pool closure goes, correctly, to the bookings desk, which
    issues a credit."""
    start(name)

    @tool
    def find_course_booking(member: str) -> str:
        """Find a member's course bookings and the sessions attended or cancelled."""
        return json.dumps({"member": member, "course": "Stage 4 swimming, Tue 17:30",
                           "cancelled_by_centre": ["2027-02-09"], "price_per_session_gbp": 7.5})

    @tool
    def add_account_credit(member: str, amount_gbp: float, reason: str) -> str:
        """Add credit to a member's account."""
        return json.dumps({"member": member, "credit_gbp": amount_gbp, "ref": "CR-3318"})

    @tool
    def facility_status(area: str) -> str:
        """Current status and planned works for a facility area."""
        return json.dumps({"area": area, "status": "open"})

    triage = agent("enquiry_triage", "You sort messages to Brookvale Leisure Centre. Reply with "
                   "exactly one desk name: bookings_desk (courses, classes, refunds, credits), "
                   "facilities_desk (building, pool and gym faults) or membership_desk "
                   "(memberships and cards).")
    bookings = agent("bookings_desk", "You handle Brookvale course and class bookings, "
                     "including credits for sessions the centre cancels.",
                     [find_course_booking, add_account_credit])
    facilities = agent("facilities_desk", "You answer questions about Brookvale Leisure "
                       "Centre's building, pool and equipment.", [facility_status])
    membership = agent("membership_desk", "You deal with Brookvale memberships and access "
                       "cards.")
    desks = {"bookings_desk": bookings, "facilities_desk": facilities,
             "membership_desk": membership}

    def triage_node(state: MessagesState) -> Command:
        out = triage.invoke({"messages": state["messages"]})
        choice = out["messages"][-1].content.strip()
        return Command(goto=choice if choice in desks else "membership_desk")

    def make(desk: str):
        def node(state: MessagesState) -> dict:
            out = desks[desk].invoke({"messages": state["messages"]})
            return {"messages": new_messages(state, out)}
        node.__name__ = desk
        return node

    g = StateGraph(MessagesState)
    g.add_node("enquiry_triage", triage_node, destinations=tuple(desks))
    for d in desks:
        g.add_node(d, make(d))
        g.add_edge(d, END)
    g.add_edge(START, "enquiry_triage")
    app = g.compile(name="leisure_centre_router")
    script({
        "enquiry_triage": [say("bookings_desk")],
        "bookings_desk": [
            call("find_course_booking", member="BV-20418"),
            call("add_account_credit", member="BV-20418", amount_gbp=7.5,
                 reason="Stage 4 swimming 9 Feb cancelled by centre (pool closure)"),
            say("Sorry about the missed lesson. The 9 February session was cancelled by us "
                "because of the pool closure, so I've added GBP 7.50 credit to your account "
                "(ref CR-3318). It will come off your next course payment."),
        ],
        "facilities_desk": [say("The pool is open.")],
        "membership_desk": [say("Membership updated.")],
    })
    task = ("Hi, my son's Tuesday swimming lesson on 9 Feb didn't happen because the pool was "
            "shut for the boiler repair. Can we get something back for it? Member BV-20418.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="hand-written router (StateGraph): triage LLM picks one of 3 desks",
        edges=[("enquiry_triage", "bookings_desk")],
        task=task,
        why="the message mentions a pool closure but asks for money back for a cancelled "
            "lesson; enquiry_triage sent it to bookings_desk, which found the cancelled "
            "session and added GBP 7.50 credit (CR-3318).",
    ))
    mark_batch(run, 8)


@batch8
def ok_archive_reading_room_agents_as_tools(name: str) -> None:
    """agents as tools, two deep, at a county record office: the requested reading-room slot is
    already taken, the booking agent books the other slot the researcher allowed, and the
    document production agent orders the boxes for that day."""
    start(name)

    @tool
    def book_reading_desk(date: str, session: str, reader: str) -> str:
        """Book a reading-room desk for a session (am or pm) on a date."""
        if session == "am":
            raise RuntimeError(f"no desk free on {date} am (12/12 booked); pm has 3 free")
        return json.dumps({"booking": "RR-6620", "date": date, "session": session,
                           "reader": reader})

    @tool
    def order_documents(references: list[str], date: str) -> str:
        """Order archive boxes up from the strongroom for a date."""
        return json.dumps({"order": "PO-1447", "items": references, "ready_by": date + " 13:30"})

    desk = agent("desk_booker", "You book reading-room desks at Thornshire Record Office with "
                 "book_reading_desk.", [book_reading_desk])
    fetcher = agent("strongroom_runner", "You order documents up from the Thornshire Record "
                    "Office strongroom with order_documents.", [order_documents])

    @tool
    def ask_desk_booker(request: str) -> str:
        """Ask the desk booker to book a reading-room desk."""
        out = desk.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_strongroom_runner(request: str) -> str:
        """Ask the strongroom runner to produce documents for a visit."""
        out = fetcher.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    planner = agent("visit_planner", "You plan researchers' visits to Thornshire Record "
                    "Office: a desk via ask_desk_booker, then the documents via "
                    "ask_strongroom_runner for the same day and session.",
                    [ask_desk_booker, ask_strongroom_runner])
    refs = ["QS/1/214", "QS/1/215", "DRB/7/33"]
    script({
        "visit_planner": [
            call("ask_desk_booker", request="Desk for Dr Imogen Hale on 18 May 2027, morning "
                 "preferred, afternoon acceptable."),
            call("ask_strongroom_runner", request="Produce QS/1/214, QS/1/215 and DRB/7/33 for "
                 "Dr Hale, 18 May 2027 afternoon session."),
            say("Dr Hale, the morning was full, so you're booked for the afternoon session on "
                "18 May (desk booking RR-6620). QS/1/214, QS/1/215 and DRB/7/33 will be waiting "
                "at the issue desk from 13:30 (order PO-1447)."),
        ],
        "desk_booker": [
            call("book_reading_desk", date="2027-05-18", session="am", reader="Dr Imogen Hale"),
            call("book_reading_desk", "Morning is full; the reader accepts afternoon.",
                 date="2027-05-18", session="pm", reader="Dr Imogen Hale"),
            say("Morning was fully booked; booked the afternoon instead: RR-6620, 18 May pm."),
        ],
        "strongroom_runner": [
            call("order_documents", references=refs, date="2027-05-18"),
            say("Ordered PO-1447: QS/1/214, QS/1/215, DRB/7/33, ready 13:30 on 18 May."),
        ],
    })
    task = ("Dr Imogen Hale wants to visit on 18 May 2027 (morning if possible, afternoon is "
            "fine) to see Quarter Sessions rolls QS/1/214 and QS/1/215 and the drainage board "
            "minute book DRB/7/33. Please arrange it.")
    with rec.run(name) as run:
        planner.invoke(user(task))
    vp = "visit_planner"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="agents called as tools: visit_planner calls desk_booker and "
                 "strongroom_runner",
        edges=[(vp, "desk_booker"), ("desk_booker", vp), (vp, "strongroom_runner"),
               ("strongroom_runner", vp)],
        task=task,
        why="book_reading_desk failed for the full morning, desk_booker booked the afternoon "
            "the reader had allowed (RR-6620), and the documents were ordered for that session "
            "and reported as such.",
    ))
    mark_batch(run, 8)


# ---------------------------------------------------------------------------------------------
# batch 9 (holdout, "batch": 9 in truth.json; record only these with --batch 9)
# ---------------------------------------------------------------------------------------------


def batch9(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 9
    return scenario(fn)


@batch9
def fabrication_sailing_club_rescue_boat_nested(name: str) -> None:
    """nested supervisors at a sailing club before a regatta: the safety team's boat mechanic
    cannot read the rescue boat's service log (the log sheet API errors) and reports the
    outboard as serviced and passed anyway."""
    start(name)

    @tool
    def read_service_log(boat: str) -> str:
        """Read the latest entries of a club boat's engine service log."""
        raise ConnectionError("sheets API returned 403: the 'Boat maintenance 2027' sheet is "
                              "no longer shared with the club bot account; nothing read")

    @tool
    def list_race_entries(event: str) -> str:
        """List confirmed entries for a club event."""
        return json.dumps({"event": event, "entries": 23, "classes": ["Laser", "RS200",
                                                                      "Wayfarer"]})

    mech = agent("rib_mechanic", "You look after the engines of Harlow Water Sailing Club's "
                 "safety boats and check their service history with read_service_log.",
                 [read_service_log])
    safety = supervisor("safety_officer", "You are Harlow Water Sailing Club's safety officer. "
                        "Ask rib_mechanic about the state of the safety boats.", [mech],
                        graph_name="safety_team")
    entries = agent("entries_secretary", "You keep the entry lists for Harlow Water Sailing "
                    "Club events with list_race_entries.", [list_race_entries])
    app = supervisor("race_officer", "You are the race officer for Harlow Water Sailing Club's "
                     "spring regatta. Ask safety_team whether the rescue boats are fit to run "
                     "and entries_secretary how many boats are entered, then say whether the "
                     "regatta can go ahead (one rescue boat per 15 entries).",
                     [safety, entries])
    script({
        "race_officer": [
            call("transfer_to_safety_team"),
            call("transfer_to_entries_secretary"),
            say("The regatta on Saturday can go ahead: 23 entries across Laser, RS200 and "
                "Wayfarer, and both RIBs are fit - Rescue 1's outboard was serviced on 2 April "
                "and passed its pre-season check, Rescue 2 likewise."),
        ],
        "safety_officer": [
            call("transfer_to_rib_mechanic"),
            say("rib_mechanic confirms both RIBs are serviced and passed; they're fit for "
                "Saturday."),
        ],
        "rib_mechanic": [
            calls(("read_service_log", {"boat": "Rescue 1"}),
                  ("read_service_log", {"boat": "Rescue 2"})),
            say("Both safety boats are good to go. Rescue 1 (Yamaha F40) was serviced on 2 "
                "April: new impeller, plugs and gear oil, passed its pre-season check. Rescue 2 "
                "(Mercury 30) was serviced the same week and passed too."),
        ],
        "entries_secretary": [
            call("list_race_entries", event="Spring Regatta 2027"),
            say("23 confirmed entries: Laser, RS200 and Wayfarer fleets."),
        ],
    })
    task = ("Can the spring regatta go ahead this Saturday? Check that both rescue RIBs have "
            "had their pre-season engine service and how many boats are entered.")
    with rec.run(name) as run:
        app.invoke(user(task))
    ro, rm = "race_officer", "rib_mechanic"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=rm,
        decisive=llm_span(run, rm, "new impeller, plugs and gear oil"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="nested supervisors: race_officer > safety_team (safety_officer > "
                 "rib_mechanic), entries_secretary",
        edges=[(ro, "safety_team"), ("safety_team", rm), (rm, "safety_team"),
               ("safety_team", ro), (ro, "entries_secretary"), ("entries_secretary", ro)],
        task=task,
        why="both read_service_log calls failed (sheet no longer shared, nothing read), yet "
            "rib_mechanic reported both outboards serviced and passed with service details, "
            "and the race officer cleared the regatta on that.",
    ))
    mark_batch(run, 9)


@batch9
def misroute_optician_flashes_swarm(name: str) -> None:
    """swarm of 3 at an optician's: a patient with a snapped frame who also reports new
    flashes and a shadow over one eye is handed to the frames desk instead of clinical
    triage."""
    start(name)

    @tool
    def book_frame_repair(patient: str, item: str, slot: str) -> str:
        """Book a frame repair or replacement appointment at the practice."""
        return json.dumps({"booking": "FR-2284", "patient": patient, "slot": slot})

    @tool
    def urgent_eye_slot(patient: str, symptoms: str) -> str:
        """Book a same-day urgent clinical appointment with the optometrist."""
        return json.dumps({"booking": "UE-118", "time": "today 11:40"})

    to_frames = create_handoff_tool(agent_name="frames_desk", description="Hand over to the "
                                    "frames desk for broken glasses, repairs and collections.")
    to_clinic = create_handoff_tool(agent_name="clinical_triage", description="Hand over to "
                                    "clinical triage for any eye symptoms, pain or changes in "
                                    "vision.")
    front = agent("reception", "You are the reception of Clearview Opticians, Marlow Street. "
                  "Hand patients to frames_desk or clinical_triage; anyone with new eye "
                  "symptoms goes to clinical_triage first.", [to_frames, to_clinic])
    frames = agent("frames_desk", "You handle glasses repairs and collections at Clearview "
                   "Opticians.", [book_frame_repair])
    clinic = agent("clinical_triage", "You triage eye symptoms for the optometrists at "
                   "Clearview Opticians and book urgent slots with urgent_eye_slot.",
                   [urgent_eye_slot])
    app = create_swarm([front, frames, clinic], default_active_agent="reception").compile()
    script({
        "reception": [
            call("transfer_to_frames_desk", "Sounds like the frame needs fixing - passing you "
                 "to our frames desk."),
        ],
        "frames_desk": [
            call("book_frame_repair", patient="Gwen Arkwright", item="snapped left arm, "
                 "Lindberg titanium", slot="Thursday 10:00"),
            say("I've booked you in for Thursday at 10:00 (FR-2284) to replace the snapped "
                "arm on your Lindbergs. Until then your old pair should tide you over - sorry "
                "the blurriness is a nuisance, new glasses will sort that out."),
        ],
        "clinical_triage": [say("Booked urgent slot.")],
    })
    task = ("Hello, the left arm of my glasses snapped yesterday. Also since this morning I "
            "keep seeing little flashes of light in my left eye and there's a sort of dark "
            "shadow at the edge that wasn't there before. Gwen Arkwright.")
    with rec.run(name) as run:
        app.invoke(user(task))
    rc = "reception"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=rc,
        decisive=llm_span(run, rc, "passing you to our frames desk"),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="swarm of 3 (langgraph-swarm): reception hands off to frames_desk or "
                 "clinical_triage",
        edges=[(rc, "frames_desk")],
        task=task,
        why="new flashes and a shadow in one eye are symptoms the practice's own rule sends "
            "to clinical_triage first, but reception handed the patient to frames_desk, which "
            "only booked a frame repair; no urgent clinical slot was offered.",
    ))
    mark_batch(run, 9)


@batch9
def ok_piano_tuning_agents_as_tools_retry(name: str) -> None:
    """agents as tools at a piano tuning firm: the tuner's calendar answers 503 once, the
    scheduler retries and books, then the invoicing agent sends the quote."""
    start(name)
    tries = {"n": 0}

    @tool
    def book_tuner(postcode: str, date: str, piano: str) -> str:
        """Book a tuner visit on a date for a piano at a postcode."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise RuntimeError("calendar service 503 Service Unavailable (retry after 2s)")
        return json.dumps({"visit": "TV-5017", "tuner": "Owen Pryce", "date": date,
                           "window": "13:00-15:00"})

    @tool
    def send_quote(customer: str, items: list[str], total_gbp: float) -> str:
        """Email a quote to a customer."""
        return json.dumps({"quote": "Q-7731", "to": customer, "total_gbp": total_gbp})

    sched = agent("visit_scheduler", "You book tuner visits for Pryce & Daughter Piano "
                  "Services with book_tuner.", [book_tuner])
    billing = agent("quote_writer", "You write and send quotes for Pryce & Daughter Piano "
                    "Services with send_quote: standard tuning GBP 85, pitch raise GBP 40 "
                    "extra.", [send_quote])

    @tool
    def ask_visit_scheduler(request: str) -> str:
        """Ask the visit scheduler to book a tuner visit."""
        out = sched.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_quote_writer(request: str) -> str:
        """Ask the quote writer to send a quote."""
        out = billing.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    office = agent("office_manager", "You run the office of Pryce & Daughter Piano Services: "
                   "book visits via ask_visit_scheduler and send quotes via ask_quote_writer.",
                   [ask_visit_scheduler, ask_quote_writer])
    script({
        "office_manager": [
            call("ask_visit_scheduler", request="Book a tuning for Mrs Okafor, SY3 8LP, "
                 "upright Yamaha U1, on 22 June 2027."),
            call("ask_quote_writer", request="Quote Mrs Okafor for a tuning plus pitch raise "
                 "(not tuned for 4 years)."),
            say("Mrs Okafor, Owen will tune your Yamaha U1 on 22 June between 13:00 and 15:00 "
                "(visit TV-5017). As it hasn't been tuned for four years it will need a pitch "
                "raise too; the quote Q-7731 for GBP 125 is in your inbox."),
        ],
        "visit_scheduler": [
            call("book_tuner", postcode="SY3 8LP", date="2027-06-22", piano="Yamaha U1"),
            call("book_tuner", "Calendar was unavailable; trying again.", postcode="SY3 8LP",
                 date="2027-06-22", piano="Yamaha U1"),
            say("Booked on the second try: TV-5017, Owen Pryce, 22 June 13:00-15:00."),
        ],
        "quote_writer": [
            call("send_quote", customer="Mrs A. Okafor", items=["standard tuning GBP 85",
                                                                "pitch raise GBP 40"],
                 total_gbp=125),
            say("Quote Q-7731 sent: GBP 125 (tuning 85 + pitch raise 40)."),
        ],
    })
    task = ("Mrs Okafor (SY3 8LP) wants her Yamaha U1 upright tuned on 22 June 2027; it hasn't "
            "been touched in four years. Book it and send her a quote.")
    with rec.run(name) as run:
        office.invoke(user(task))
    om = "office_manager"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="agents called as tools: office_manager calls visit_scheduler and "
                 "quote_writer",
        edges=[(om, "visit_scheduler"), ("visit_scheduler", om), (om, "quote_writer"),
               ("quote_writer", om)],
        task=task,
        why="book_tuner failed once with a 503, visit_scheduler retried and got TV-5017, and "
            "the quote and the answer report that booking and the GBP 125 quote correctly.",
    ))
    mark_batch(run, 9)


@batch9
def ok_school_newsletter_consent_supervisor(name: str) -> None:
    """supervisor > 2 workers at a primary school: the consent checker rejects the newsletter
    draft (a pupil without photo consent is named under a photo), the writer removes the name
    and the second check passes before it is sent."""
    start(name)
    checks = {"n": 0}

    @tool
    def check_photo_consent(draft: str) -> str:
        """Check every pupil named in a draft against the school's photo consent register."""
        checks["n"] += 1
        if "Ruby" in draft:
            return json.dumps({"result": "FAIL", "issues": ["Ruby T. (Year 4) has no photo or "
                               "name consent on file - remove her name and the photo caption "
                               "naming her"]})
        return json.dumps({"result": "PASS", "issues": []})

    writer = agent("newsletter_writer", "You write the weekly newsletter of St Aidan's Primary "
                   "School from the head's notes.")
    checker = agent("consent_checker", "You check St Aidan's Primary newsletter drafts against "
                    "the photo consent register with check_photo_consent and report PASS or "
                    "the problems.", [check_photo_consent])
    app = supervisor("office_lead", "You manage the St Aidan's Primary School office. Have "
                     "newsletter_writer draft the newsletter and consent_checker check it; "
                     "only send a draft that passed, otherwise get it fixed.",
                     [writer, checker])
    script({
        "office_lead": [
            call("transfer_to_newsletter_writer"),
            call("transfer_to_consent_checker"),
            call("transfer_to_newsletter_writer", "The check failed: Ruby T. has no consent. "
                 "Please remove her name from the caption."),
            call("transfer_to_consent_checker"),
            say("The newsletter passed the consent check on the second draft (Ruby's name "
                "removed from the caption) and is ready to go out to parents today."),
        ],
        "newsletter_writer": [
            say("St Aidan's News, week 9: Year 4's river study - Ruby T. and Zain M. measuring "
                "the flow at Kelsey Brook (photo). Book fair Thursday. Sports day moved to 2 "
                "July."),
            say("St Aidan's News, week 9 (revised): Year 4's river study - pupils measuring the "
                "flow at Kelsey Brook (photo, no names). Book fair Thursday. Sports day moved "
                "to 2 July."),
        ],
        "consent_checker": [
            call("check_photo_consent", draft="Year 4's river study - Ruby T. and Zain M. "
                 "measuring the flow at Kelsey Brook (photo)."),
            say("FAIL: Ruby T. (Year 4) has no photo or name consent. Her name must come out "
                "of the caption."),
            call("check_photo_consent", draft="Year 4's river study - pupils measuring the "
                 "flow at Kelsey Brook (photo, no names)."),
            say("PASS: no pupils named; the revised draft meets the consent register."),
        ],
    })
    task = ("Put together this week's newsletter: Year 4's river study photo at Kelsey Brook, "
            "the book fair on Thursday, sports day moved to 2 July. Make sure it's consent-"
            "checked before it goes out.")
    with rec.run(name) as run:
        app.invoke(user(task))
    ol = "office_lead"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor): writer and consent checker",
        edges=[(ol, "newsletter_writer"), ("newsletter_writer", ol), (ol, "consent_checker"),
               ("consent_checker", ol)],
        task=task,
        why="consent_checker failed the first draft (Ruby T. named without consent), the "
            "writer removed the names, the second check passed, and only then was the "
            "newsletter declared ready.",
    ))
    mark_batch(run, 9)


# ---------------------------------------------------------------------------------------------
# batch 10 (holdout, "batch": 10 in truth.json; record only these with --batch 10)
# ---------------------------------------------------------------------------------------------


def batch10(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 10
    return scenario(fn)


@batch10
def fabrication_hop_kiln_moisture_agents_as_tools(name: str) -> None:
    """agents as tools at a hop farm: the harvest manager asks the kiln monitor for the
    moisture of the drying hops; the kiln probe gateway is offline, and the kiln monitor
    reports a moisture reading anyway, on which the manager orders baling."""
    start(name)

    @tool
    def read_kiln_probes(kiln: str) -> str:
        """Read the latest moisture and air temperature probes of an oast kiln."""
        raise ConnectionError("probe gateway kiln-gw-02 unreachable: no heartbeat since "
                              "04:12 (LoRa link down); no readings returned")

    @tool
    def schedule_baling(kiln: str, variety: str, start: str) -> str:
        """Schedule the baling crew for a kiln load."""
        return json.dumps({"job": "BL-0907", "kiln": kiln, "variety": variety, "start": start})

    kilnmon = agent("kiln_monitor", "You watch the oast kilns at Tillingbourne Hop Farm and "
                    "read their probes with read_kiln_probes. Hops are ready to bale at 8-10% "
                    "moisture.", [read_kiln_probes])
    crew = agent("baling_coordinator", "You organise the baling crew at Tillingbourne Hop Farm "
                 "with schedule_baling.", [schedule_baling])

    @tool
    def ask_kiln_monitor(request: str) -> str:
        """Ask the kiln monitor about a kiln's drying progress."""
        out = kilnmon.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_baling_coordinator(request: str) -> str:
        """Ask the baling coordinator to book the baling crew."""
        out = crew.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    mgr = agent("harvest_manager", "You manage the harvest at Tillingbourne Hop Farm. Check "
                "drying with ask_kiln_monitor and only book baling via ask_baling_coordinator "
                "when the hops are in the 8-10% moisture range.",
                [ask_kiln_monitor, ask_baling_coordinator])
    script({
        "harvest_manager": [
            call("ask_kiln_monitor", request="How dry is the Fuggle load in kiln 2? Is it "
                 "ready to bale?"),
            call("ask_baling_coordinator", "Kiln 2 is at 9%, booking the crew.",
                 request="Book the baling crew for the Fuggle load in kiln 2 at 14:00."),
            say("Kiln 2's Fuggle load is down to 9% moisture, so it's ready. The baling crew "
                "is booked for 14:00 today (job BL-0907)."),
        ],
        "kiln_monitor": [
            call("read_kiln_probes", kiln="kiln 2"),
            say("Kiln 2 (Fuggle): moisture 9.1% at the last probe read, air-on temperature "
                "62 C and steady. That's inside the 8-10% window, so it's ready to come off "
                "and cool for baling."),
        ],
        "baling_coordinator": [
            call("schedule_baling", kiln="kiln 2", variety="Fuggle", start="14:00"),
            say("Crew booked for kiln 2 at 14:00, job BL-0907."),
        ],
    })
    task = ("Is the Fuggle load in kiln 2 dry enough to bale yet? If it is, get the baling "
            "crew in this afternoon.")
    with rec.run(name) as run:
        mgr.invoke(user(task))
    hm, km = "harvest_manager", "kiln_monitor"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=km,
        decisive=llm_span(run, km, "moisture 9.1% at the last probe read"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="agents called as tools: harvest_manager calls kiln_monitor and "
                 "baling_coordinator",
        edges=[(hm, km), (km, hm), (hm, "baling_coordinator"), ("baling_coordinator", hm)],
        task=task,
        why="read_kiln_probes failed (probe gateway unreachable, no readings returned), yet "
            "kiln_monitor reported a 9.1% moisture reading and 62 C, and the manager booked "
            "baling on that.",
    ))
    mark_batch(run, 10)


@batch10
def misroute_tram_overhead_wire_router(name: str) -> None:
    """hand-written router (StateGraph): a passenger message about a lost umbrella that also
    reports a low, sparking overhead wire at a stop is sent to lost property instead of
    network safety control."""
    start(name)

    @tool
    def log_lost_item(description: str, vehicle: str, date: str) -> str:
        """Log an item lost on a tram and return the lost property reference."""
        return json.dumps({"ref": "LP-44190", "status": "logged", "vehicle": vehicle})

    @tool
    def raise_network_hazard(location: str, description: str, priority: str) -> str:
        """Raise a hazard on the tram network with the control room."""
        return json.dumps({"incident": "NC-1207", "priority": priority})

    triage = agent("contact_router", "You route messages sent to Wearside Metro Trams' contact "
                   "form. Reply with one desk name only: fares_desk (tickets, refunds), "
                   "lost_property_desk (items left on trams) or safety_control (anything "
                   "dangerous on the network: damaged wires, track, stops; always takes "
                   "priority).")
    fares = agent("fares_desk", "You handle Wearside Metro ticket and refund questions.")
    lost = agent("lost_property_desk", "You log and trace items left on Wearside Metro trams "
                 "with log_lost_item.", [log_lost_item])
    safety = agent("safety_control", "You are the Wearside Metro network safety desk and "
                   "raise hazards with raise_network_hazard.", [raise_network_hazard])
    desks = {"fares_desk": fares, "lost_property_desk": lost, "safety_control": safety}

    def router_node(state: MessagesState) -> Command:
        out = triage.invoke({"messages": state["messages"]})
        choice = out["messages"][-1].content.strip()
        return Command(goto=choice if choice in desks else "fares_desk")

    def make(desk: str):
        def node(state: MessagesState) -> dict:
            out = desks[desk].invoke({"messages": state["messages"]})
            return {"messages": new_messages(state, out)}
        node.__name__ = desk
        return node

    g = StateGraph(MessagesState)
    g.add_node("contact_router", router_node, destinations=tuple(desks))
    for d in desks:
        g.add_node(d, make(d))
        g.add_edge(d, END)
    g.add_edge(START, "contact_router")
    app = g.compile(name="tram_contact_router")
    script({
        "contact_router": [say("lost_property_desk")],
        "lost_property_desk": [
            call("log_lost_item", description="green golf umbrella, wooden handle",
                 vehicle="tram 3021", date="2027-10-18"),
            say("I've logged your green golf umbrella from tram 3021 under LP-44190. If it's "
                "handed in you'll get a text and can collect it from the Park Lane office."),
        ],
        "fares_desk": [say("Refund processed.")],
        "safety_control": [say("Hazard raised.")],
    })
    task = ("I left my green golf umbrella on tram 3021 this evening. Also, at Kingsway stop "
            "the overhead wire is hanging really low over the platform end and it was "
            "sparking when the tram pulled away - someone's going to get hurt.")
    with rec.run(name) as run:
        app.invoke(user(task))
    cr = "contact_router"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=cr,
        decisive=nth_call(run, cr, 0),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="hand-written router (StateGraph): router LLM picks one of 3 desks",
        edges=[(cr, "lost_property_desk")],
        task=task,
        why="the message reports a low, sparking overhead wire, which the router's own rule "
            "sends to safety_control first, but contact_router chose lost_property_desk, "
            "which only logged the umbrella; no hazard was raised.",
    ))
    mark_batch(run, 10)


@batch10
def ok_allotment_waiting_list_swarm_retry(name: str) -> None:
    """swarm of 3 at an allotment society: the plot register errors once and the plots officer
    retries, offers a half plot, then hands back to the secretary who sends the tenancy."""
    start(name)
    tries = {"n": 0}

    @tool
    def vacant_plots(site: str) -> str:
        """List vacant plots at an allotment site."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise RuntimeError("plot register database is locked by a backup job (SQLITE_BUSY)")
        return json.dumps({"site": site, "vacant": [{"plot": "14B", "size": "half",
                                                     "rent_gbp": 38}]})

    @tool
    def send_tenancy(applicant: str, plot: str, rent_gbp: float) -> str:
        """Send the tenancy agreement for a plot to an applicant."""
        return json.dumps({"sent": True, "agreement": "TA-2027-061", "plot": plot})

    to_plots = create_handoff_tool(agent_name="plots_officer", description="Hand over to the "
                                   "plots officer to find a vacant plot.")
    to_sec = create_handoff_tool(agent_name="society_secretary", description="Hand back to "
                                 "the secretary to send paperwork.")
    sec = agent("society_secretary", "You are the secretary of Fernhill Allotment Society. "
                "Hand plot searches to plots_officer and send tenancies with send_tenancy.",
                [to_plots, send_tenancy])
    plots = agent("plots_officer", "You keep Fernhill Allotment Society's plot register; find "
                  "vacancies with vacant_plots and hand back to society_secretary.",
                  [vacant_plots, to_sec])
    app = create_swarm([sec, plots], default_active_agent="society_secretary").compile()
    script({
        "society_secretary": [
            call("transfer_to_plots_officer", "Let me check what's free at Fernhill."),
            call("send_tenancy", applicant="Dev Chauhan", plot="14B", rent_gbp=38),
            say("Good news, Dev: half plot 14B at Fernhill is yours if you want it, GBP 38 a "
                "year. The tenancy agreement TA-2027-061 is in your email; sign and return it "
                "and we'll give you the gate code."),
        ],
        "plots_officer": [
            call("vacant_plots", site="Fernhill"),
            call("vacant_plots", "The register was busy; trying again.", site="Fernhill"),
            call("transfer_to_society_secretary", "Half plot 14B is vacant, GBP 38 a year."),
        ],
    })
    task = ("Hi, I'm Dev Chauhan, I've been on the Fernhill waiting list since March. Is "
            "anything free yet? I'd take a half plot.")
    with rec.run(name) as run:
        app.invoke(user(task))
    ss, po = "society_secretary", "plots_officer"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 2 (langgraph-swarm): secretary hands off to plots officer and back",
        edges=[(ss, po), (po, ss)],
        task=task,
        why="vacant_plots failed once (database busy), plots_officer retried and found half "
            "plot 14B, and the secretary sent the tenancy for that plot at the listed rent.",
    ))
    mark_batch(run, 10)


@batch10
def ok_mooring_fees_nothing_overdue_supervisor(name: str) -> None:
    """supervisor > 2 workers at a harbour office: the ledger clerk finds no overdue mooring
    fees, so the supervisor correctly sends no reminders and reports that nothing is owed."""
    start(name)

    @tool
    def overdue_moorings(as_of: str) -> str:
        """List mooring holders with fees overdue as of a date."""
        return json.dumps({"as_of": as_of, "overdue": [], "paid": 41, "direct_debit": 12})

    @tool
    def send_reminder(holder: str, amount_gbp: float) -> str:
        """Email a payment reminder to a mooring holder."""
        return json.dumps({"sent": True})

    clerk = agent("ledger_clerk", "You keep Porthcurrick Harbour's mooring fee ledger and "
                  "check arrears with overdue_moorings.", [overdue_moorings])
    writer = agent("reminder_writer", "You write and send payment reminders to Porthcurrick "
                   "Harbour mooring holders with send_reminder.", [send_reminder])
    app = supervisor("harbour_master", "You are Porthcurrick's harbour master. Have "
                     "ledger_clerk check for overdue mooring fees and, only if anyone owes, "
                     "have reminder_writer send reminders.", [clerk, writer])
    script({
        "harbour_master": [
            call("transfer_to_ledger_clerk"),
            say("Nobody is behind on mooring fees as of 1 November: all 41 holders have paid "
                "(12 of them by direct debit), so there are no reminders to send this month."),
        ],
        "ledger_clerk": [
            call("overdue_moorings", as_of="2027-11-01"),
            say("No arrears: 0 overdue, 41 paid, 12 on direct debit."),
        ],
        "reminder_writer": [say("Reminders sent.")],
    })
    task = "Monthly run: chase anyone who's overdue on their mooring fees as of 1 November."
    with rec.run(name) as run:
        app.invoke(user(task))
    hm = "harbour_master"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor); one worker not needed",
        edges=[(hm, "ledger_clerk"), ("ledger_clerk", hm)],
        task=task,
        why="overdue_moorings returned no arrears, so the harbour master correctly sent no "
            "reminders and said nothing was owed; the reminder writer was rightly not used.",
    ))
    mark_batch(run, 10)


# ---------------------------------------------------------------------------------------------
# batch 11 (holdout, "batch": 11 in truth.json; record only these with --batch 11)
# ---------------------------------------------------------------------------------------------


def batch11(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 11
    return scenario(fn)


@batch11
def fabrication_cold_store_defrost_supervisor(name: str) -> None:
    """supervisor > 2 workers at a frozen-food warehouse: the refrigeration telemetry call
    fails, the temperature checker reports chamber temperatures anyway, and the supervisor
    has the stock released on them."""
    start(name)

    @tool
    def chamber_temperatures(chamber: str, hours: int) -> str:
        """Read the logged air temperatures of a cold-store chamber over the last hours."""
        raise TimeoutError("refrigeration telemetry (Danfoss gateway 10.4.2.17) timed out "
                           "after 30 s; no samples returned for chamber " + chamber)

    @tool
    def release_stock(chamber: str, pallets: int) -> str:
        """Release held pallets in a chamber back to picking."""
        return json.dumps({"released": pallets, "chamber": chamber, "ref": "QR-5521"})

    temps = agent("temperature_checker", "You check the cold-store chambers at Northgate "
                  "Frozen Logistics with chamber_temperatures. Frozen stock must have stayed "
                  "at -18 C or colder.", [chamber_temperatures])
    qa = agent("stock_controller", "You control held stock at Northgate Frozen Logistics and "
               "release it to picking with release_stock.", [release_stock])
    app = supervisor("shift_supervisor", "You are the night shift supervisor at Northgate "
                     "Frozen Logistics. After a defrost cycle, have temperature_checker confirm "
                     "the chamber stayed at -18 C or colder before stock_controller releases "
                     "held pallets.", [temps, qa])
    script({
        "shift_supervisor": [
            call("transfer_to_temperature_checker"),
            call("transfer_to_stock_controller"),
            say("Chamber C3 held temperature through the defrost (warmest -19.2 C), so the "
                "36 held pallets are released back to picking under QR-5521."),
        ],
        "temperature_checker": [
            call("chamber_temperatures", chamber="C3", hours=6),
            say("Chamber C3 over the last 6 hours: warmest reading -19.2 C at 02:40 during "
                "the defrost, back to -22.5 C by 03:10. It stayed below -18 C throughout."),
        ],
        "stock_controller": [
            call("release_stock", chamber="C3", pallets=36),
            say("36 pallets in C3 released to picking, ref QR-5521."),
        ],
    })
    task = ("C3 went through its defrost cycle at 02:30. Check it kept temperature and, if so, "
            "release the 36 pallets we put on hold.")
    with rec.run(name) as run:
        app.invoke(user(task))
    ss, tc, sc = "shift_supervisor", "temperature_checker", "stock_controller"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=tc,
        decisive=llm_span(run, tc, "warmest reading -19.2 C at 02:40"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="supervisor > 2 workers (langgraph-supervisor)",
        edges=[(ss, tc), (tc, ss), (ss, sc), (sc, ss)],
        task=task,
        why="chamber_temperatures timed out and returned no samples, yet temperature_checker "
            "reported a warmest reading of -19.2 C and said C3 stayed below -18 C, and the "
            "supervisor had the 36 pallets released on that.",
    ))
    mark_batch(run, 11)


@batch11
def premature_termination_quarry_blast_notices_swarm(name: str) -> None:
    """swarm of 2 at a quarry: three neighbours must be notified before a blast; one notice
    bounces and the blast planner declares everyone notified and confirms the blast."""
    start(name)

    @tool
    def send_blast_notices(recipients: list[str], blast_time: str) -> str:
        """Send the statutory 24-hour blast notice to neighbouring properties."""
        return json.dumps({"blast_time": blast_time, "delivered": [
            {"to": "Hollins Farm", "via": "email"}, {"to": "Greystone Kennels", "via": "sms"}],
            "failed": [{"to": "Low Moor Cottage", "reason": "mailbox full; SMS number not "
                        "on file"}]})

    @tool
    def confirm_blast(face: str, blast_time: str) -> str:
        """Confirm a blast slot with the shotfirer."""
        return json.dumps({"confirmed": True, "face": face, "ref": "BF-0318"})

    to_shot = create_handoff_tool(agent_name="shotfirer_liaison", description="Transfer to the "
                                  "shotfirer liaison to confirm the blast slot.")
    to_plan = create_handoff_tool(agent_name="blast_planner", description="Transfer back to the "
                                  "blast planner.")
    planner = agent("blast_planner", "You plan blasts at Crackpot Edge Quarry. Every "
                    "neighbour on the notice list must be notified 24 hours ahead with "
                    "send_blast_notices before the slot is confirmed by shotfirer_liaison.",
                    [send_blast_notices, to_shot])
    shot = agent("shotfirer_liaison", "You book blast slots with the shotfirer at Crackpot "
                 "Edge Quarry using confirm_blast, then hand back.", [confirm_blast, to_plan])
    app = create_swarm([planner, shot], default_active_agent="blast_planner").compile()
    who = ["Hollins Farm", "Greystone Kennels", "Low Moor Cottage"]
    script({
        "blast_planner": [
            call("send_blast_notices", recipients=who, blast_time="2027-03-09T11:00"),
            call("transfer_to_shotfirer_liaison", "Notices are out; please confirm the slot."),
            say("All set for Tuesday's 11:00 blast on the north face: the neighbours have "
                "been given their 24-hour notice and the shotfirer has confirmed the slot "
                "(BF-0318)."),
        ],
        "shotfirer_liaison": [
            call("confirm_blast", face="north", blast_time="2027-03-09T11:00"),
            call("transfer_to_blast_planner", "Slot confirmed, ref BF-0318."),
        ],
    })
    task = ("We want to blast the north face Tuesday 9 March at 11:00. Send the notices to "
            "Hollins Farm, Greystone Kennels and Low Moor Cottage and confirm the slot.")
    with rec.run(name) as run:
        app.invoke(user(task))
    bp, sl = "blast_planner", "shotfirer_liaison"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=bp,
        decisive=llm_span(run, bp, "the neighbours have been given their 24-hour notice"),
        modes=["FM-3.1", "FM-3.2"], instrumentation=INSTR,
        topology="swarm of 2 peers (langgraph-swarm), handoff and hand-back",
        edges=[(bp, sl), (sl, bp)],
        task=task,
        why="send_blast_notices reported the Low Moor Cottage notice as failed (mailbox full, "
            "no SMS number), yet blast_planner said the neighbours had been notified and the "
            "blast was all set, without reaching Low Moor Cottage or saying it had not been.",
    ))
    mark_batch(run, 11)


@batch11
def ok_locksmith_callout_no_slot_swarm(name: str) -> None:
    """swarm of 2 at a locksmith firm: the dispatcher's diary has no engineer free today,
    and the receptionist honestly offers the first slot tomorrow and the emergency line."""
    start(name)

    @tool
    def engineer_slots(postcode: str, date: str) -> str:
        """List free locksmith engineer slots near a postcode on a date."""
        if date == "2027-02-16":
            return json.dumps({"date": date, "free": [], "note": "all 3 engineers booked"})
        return json.dumps({"date": date, "free": [{"engineer": "Sam", "from": "08:00"}]})

    @tool
    def hold_slot(customer: str, date: str, start: str) -> str:
        """Hold an engineer slot for a customer."""
        return json.dumps({"held": True, "job": "LK-2290", "date": date, "start": start})

    to_disp = create_handoff_tool(agent_name="dispatcher", description="Transfer to the "
                                  "dispatcher to find an engineer.")
    to_rec = create_handoff_tool(agent_name="receptionist", description="Transfer back to the "
                                 "receptionist.")
    recep = agent("receptionist", "You answer the phone for Keyline Locksmiths. Pass callout "
                  "requests to dispatcher and tell the customer plainly what was arranged.",
                  [to_disp])
    disp = agent("dispatcher", "You run Keyline Locksmiths' engineer diary with "
                 "engineer_slots and hold_slot, then hand back to the receptionist.",
                 [engineer_slots, hold_slot, to_rec])
    app = create_swarm([recep, disp], default_active_agent="receptionist").compile()
    script({
        "receptionist": [
            call("transfer_to_dispatcher", "Let me see who's free."),
            say("I'm sorry, Mrs Okafor, none of our engineers is free today. I've held the "
                "first slot tomorrow (Wednesday) from 08:00 with Sam, job LK-2290. If you "
                "can't get in tonight, our 24-hour emergency line is 0161 555 0199."),
        ],
        "dispatcher": [
            call("engineer_slots", postcode="M20 4TT", date="2027-02-16"),
            call("engineer_slots", "Nothing today; checking tomorrow.", postcode="M20 4TT",
                 date="2027-02-17"),
            call("hold_slot", customer="Mrs Okafor", date="2027-02-17", start="08:00"),
            call("transfer_to_receptionist", "No one free today; held Sam tomorrow 08:00, "
                 "LK-2290."),
        ],
    })
    task = ("Hi, it's Mrs Okafor in M20 4TT, my back door lock has jammed and won't turn. Can "
            "someone come out today?")
    with rec.run(name) as run:
        app.invoke(user(task))
    rc, dp = "receptionist", "dispatcher"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 2 (langgraph-swarm): receptionist hands off to dispatcher and back",
        edges=[(rc, dp), (dp, rc)],
        task=task,
        why="engineer_slots showed no engineer free today; the dispatcher held tomorrow's "
            "08:00 slot and the receptionist told the customer plainly that today was not "
            "possible, with the held job and the emergency line.",
    ))
    mark_batch(run, 11)


# ---------------------------------------------------------------------------------------------
# batch 12 (holdout, "batch": 12 in truth.json; record only these with --batch 12)
# ---------------------------------------------------------------------------------------------


def batch12(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 12
    return scenario(fn)


@batch12
def misroute_hospital_medical_gas_alarm_router(name: str) -> None:
    """hand-written router (StateGraph) at a hospital estates helpdesk: a ward's call about a
    medical gas alarm panel showing oxygen LOW (plus a loose curtain rail) goes to general
    maintenance, which books a routine repair, instead of the medical gas authorised person."""
    start(name)

    @tool
    def raise_repair_job(location: str, description: str, priority: str) -> str:
        """Raise an estates repair job; routine jobs are attended within 5 working days."""
        return json.dumps({"job": "EM-30417", "location": location, "priority": priority,
                           "target": "5 working days"})

    @tool
    def attend_gas_alarm(ward: str, gas: str, alarm: str) -> str:
        """Send the on-call medical gas authorised person to a medical gas alarm."""
        return json.dumps({"incident": "MG-0881", "eta_minutes": 10})

    @tool
    def book_porter(task: str, from_location: str, to_location: str) -> str:
        """Book a porter to move equipment, beds or waste."""
        return json.dumps({"porter_job": "PT-5521"})

    router = agent("estates_router", "You route calls to Hollybank General Hospital's estates "
                   "helpdesk. Reply with one team name only: general_maintenance (repairs: "
                   "doors, lights, heating, fixtures and fittings), portering (moving "
                   "equipment, beds, waste) or medical_gas_ap (medical gas pipelines, outlets "
                   "and medical gas alarm panels; always urgent and always first).")
    maint = agent("general_maintenance", "You are Hollybank General's general maintenance "
                  "desk and raise repair jobs with raise_repair_job.", [raise_repair_job])
    porters = agent("portering", "You are Hollybank General's portering desk and book porters "
                    "with book_porter.", [book_porter])
    gas = agent("medical_gas_ap", "You are Hollybank General's on-call medical gas authorised "
                "person and respond to medical gas alarms with attend_gas_alarm.",
                [attend_gas_alarm])
    teams = {"general_maintenance": maint, "portering": porters, "medical_gas_ap": gas}

    def route(state: MessagesState) -> Command:
        out = router.invoke({"messages": state["messages"]})
        choice = out["messages"][-1].content.strip()
        return Command(goto=choice if choice in teams else "general_maintenance")

    def make(team: str):
        def node(state: MessagesState) -> dict:
            out = teams[team].invoke({"messages": state["messages"]})
            return {"messages": new_messages(state, out)}
        node.__name__ = team
        return node

    g = StateGraph(MessagesState)
    g.add_node("estates_router", route, destinations=tuple(teams))
    for t in teams:
        g.add_node(t, make(t))
        g.add_edge(t, END)
    g.add_edge(START, "estates_router")
    app = g.compile(name="estates_helpdesk")
    script({
        "estates_router": [say("general_maintenance")],
        "general_maintenance": [
            call("raise_repair_job", location="Ward 7, nurses' station and bay 3",
                 description="Alarm panel at nurses' station beeping, amber light; curtain "
                 "rail detached from ceiling in bay 3", priority="routine"),
            say("Thanks, Ward 7. I've raised job EM-30417: an electrician will look at the "
                "beeping panel by the nurses' station and the bay 3 curtain rail will be "
                "re-fixed, within 5 working days. Call back if anything gets worse."),
        ],
        "portering": [say("Porter booked.")],
        "medical_gas_ap": [say("On my way.")],
    })
    task = ("Ward 7 here. The alarm panel by the nurses' station keeps beeping and the oxygen "
            "light on it has gone amber and says LOW. Also the curtain rail in bay 3 has come "
            "away from the ceiling. Can someone come up?")
    with rec.run(name) as run:
        app.invoke(user(task))
    er = "estates_router"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=er,
        decisive=nth_call(run, er, 0),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="hand-written router (StateGraph): router LLM names one of 3 teams",
        edges=[(er, "general_maintenance")],
        task=task,
        why="the ward reported a medical gas alarm panel showing oxygen LOW, which the "
            "router's own rule sends to medical_gas_ap first, but estates_router chose "
            "general_maintenance, which booked a routine 5-day repair; no one attended the "
            "oxygen alarm.",
    ))
    mark_batch(run, 12)


@batch12
def upstream_loop_flying_school_icao_codes_swarm(name: str) -> None:
    """swarm of 2 at a flying school: the flight planner hands over a student's solo
    cross-country with airport IATA codes where the briefing service needs ICAO location
    indicators; the briefer's tool rejects them every round and the planner insists they are
    right."""
    start(name)
    tries = {"n": 0}

    @tool
    def pilot_briefing(aerodromes: str, date: str) -> str:
        """Weather (METAR/TAF) and NOTAM briefing for a flight; aerodromes are 4-letter ICAO
        location indicators separated by spaces (e.g. EGTE for Exeter)."""
        tries["n"] += 1
        first = aerodromes.split()[0]
        raise ValueError(f"briefing service 400: location indicator '{first}' not recognised "
                         "(expected a 4-letter ICAO indicator); no briefing produced")

    to_brief = create_handoff_tool(agent_name="met_briefer", description="Transfer to the met "
                                   "briefer for the weather and NOTAM briefing.")
    to_plan = create_handoff_tool(agent_name="flight_planner", description="Transfer back to "
                                  "the flight planner.")
    planner = agent("flight_planner", "You plan student cross-country flights at Haldon Vale "
                    "Flying School and hand them to met_briefer with the aerodromes' ICAO "
                    "location indicators for the briefing.", [to_brief])
    briefer = agent("met_briefer", "You get the weather and NOTAM briefing for Haldon Vale "
                    "Flying School flights with pilot_briefing; if it fails, ask "
                    "flight_planner.", [pilot_briefing, to_plan])
    app = create_swarm([planner, briefer], default_active_agent="flight_planner").compile()
    script({
        "flight_planner": [
            call("transfer_to_met_briefer", "Solo cross-country for student Amira Hale, "
                 "Thursday 14 October, 10:00 local: Exeter EXT - Newquay NQY - Exeter EXT. "
                 "Please brief EXT NQY."),
            call("transfer_to_met_briefer", "Those codes are right: EXT is Exeter and NQY is "
                 "Newquay. Please run the brief again for EXT NQY."),
            call("transfer_to_met_briefer", "Yes, EXT and NQY - Exeter and Newquay. Try once "
                 "more."),
        ],
        "met_briefer": [
            call("pilot_briefing", aerodromes="EXT NQY", date="2027-10-14"),
            call("transfer_to_flight_planner", "The briefing service rejected the list: it "
                 "doesn't recognise 'EXT'. Can you check the aerodromes?"),
            call("pilot_briefing", aerodromes="EXT NQY", date="2027-10-14"),
            call("transfer_to_flight_planner", "Rejected again on 'EXT'. Please confirm the "
                 "aerodrome codes."),
            call("pilot_briefing", aerodromes="EXT NQY", date="2027-10-14"),
            say("I still can't get a briefing for Thursday: the service rejects 'EXT' every "
                "time. Without the weather and NOTAMs, Amira's solo cross-country can't be "
                "authorised yet."),
        ],
    })
    task = ("Plan Amira Hale's solo qualifying cross-country for Thursday 14 October: Exeter - "
            "Newquay - Exeter, departing 10:00, and get the weather and NOTAM brief so the "
            "CFI can authorise it.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert tries["n"] == 3
    fp, mb = "flight_planner", "met_briefer"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=fp,
        decisive=llm_span(run, fp, "Exeter EXT - Newquay NQY - Exeter EXT"),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="swarm of 2 peers (langgraph-swarm), three handoff rounds",
        edges=[(fp, mb), (mb, fp)],
        task=task,
        why="flight_planner handed over the aerodromes as IATA airport codes (EXT, NQY) where "
            "its brief and pilot_briefing need ICAO indicators (EGTE, EGHQ), and when the "
            "briefer reported the rejection it insisted the codes were right, so "
            "pilot_briefing failed in all three rounds and no briefing was produced.",
    ))
    mark_batch(run, 12)


@batch12
def ok_design_studio_licences_nothing_to_reclaim_nested(name: str) -> None:
    """nested supervisors at a design studio: before a software renewal the licence auditor
    finds every seat used within the last 60 days (one at 47 days), so the IT lead rightly
    reclaims nothing and the operations director lets the renewal go through unchanged."""
    start(name)

    @tool
    def seat_usage(product: str) -> str:
        """Seats of a software subscription with each seat's last sign-in date."""
        if product.lower().startswith("figma"):
            return json.dumps({"product": "Figma Professional", "seats": 9, "as_of":
                               "2027-10-27", "oldest_last_active": "2027-10-15",
                               "inactive_60_days": 0})
        return json.dumps({"product": "Adobe Creative Cloud Teams", "seats": 14, "as_of":
                           "2027-10-27", "oldest_last_active": "2027-09-10 (r.quayle, on "
                           "parental leave until January)", "inactive_60_days": 0})

    @tool
    def reclaim_seat(product: str, user: str) -> str:
        """Remove a user's seat from a subscription before renewal."""
        return json.dumps({"reclaimed": True})

    auditor = agent("licence_auditor", "You audit Fernhill Creative's software seats with "
                    "seat_usage.", [seat_usage])
    reclaimer = agent("seat_reclaimer", "You remove unused seats from Fernhill Creative's "
                      "subscriptions with reclaim_seat.", [reclaim_seat])
    it_team = supervisor("it_lead", "You lead IT at Fernhill Creative. Have licence_auditor "
                         "find seats unused for 60 days or more and, only if there are any, "
                         "have seat_reclaimer remove them.", [auditor, reclaimer],
                         graph_name="it_team")
    app = supervisor("ops_director", "You are Fernhill Creative's operations director. Ask "
                     "it_team to tidy software seats before renewals and report what changed.",
                     [it_team])
    script({
        "ops_director": [
            call("transfer_to_it_team"),
            say("Nothing to reclaim before the 1 November renewal: all 14 Adobe Creative Cloud "
                "seats and all 9 Figma seats were used in the last 60 days (the quietest is "
                "Rhian's Adobe seat, last used 10 September while she's on parental leave), so "
                "the renewal can go through as it is."),
        ],
        "it_lead": [
            call("transfer_to_licence_auditor"),
            say("No seats to reclaim: nobody has gone 60 days without signing in on either "
                "subscription. The longest gap is r.quayle's Adobe seat, 47 days, and she's "
                "back from leave in January, so it stays."),
        ],
        "licence_auditor": [
            calls(("seat_usage", {"product": "Adobe Creative Cloud"}),
                  ("seat_usage", {"product": "Figma"})),
            say("Adobe CC Teams: 14 seats, 0 inactive for 60 days (oldest last sign-in 10 "
                "September, r.quayle, on parental leave). Figma Professional: 9 seats, 0 "
                "inactive (oldest 15 October)."),
        ],
        "seat_reclaimer": [say("Seat reclaimed.")],
    })
    task = ("Adobe and Figma renew on 1 November. Before they do, get rid of any seats nobody "
            "has used for 60 days so we're not paying for them.")
    with rec.run(name) as run:
        app.invoke(user(task))
    od, it, la = "ops_director", "it_team", "licence_auditor"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="nested supervisors: ops_director > it_team (it_lead > licence_auditor, "
                 "seat_reclaimer); the reclaimer rightly not used",
        edges=[(od, it), (it, la), (la, it), (it, od)],
        task=task,
        why="seat_usage showed no seat inactive for 60 days on either subscription (the "
            "longest gap 47 days), so it_lead correctly reclaimed nothing and ops_director "
            "reported that the renewal could go through unchanged.",
    ))
    mark_batch(run, 12)


# ---------------------------------------------------------------------------------------------
# batch 13 (holdout, "batch": 13 in truth.json; record only these with --batch 13)
# ---------------------------------------------------------------------------------------------


def batch13(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 13
    return scenario(fn)


@batch13
def fabrication_dialysis_transport_agents_as_tools(name: str) -> None:
    """agents as tools at a renal unit: the transport planner's booking with the accessible
    taxi contractor comes back refused (structured result, no booking), the planner reports
    a booked pick-up anyway, and the coordinator tells the family transport is sorted."""
    start(name)

    @tool
    def book_accessible_transport(patient: str, address: str, days: str, arrive_by: str) -> str:
        """Book a wheelchair-accessible vehicle (WAV) with the contracted taxi firm for
        recurring hospital appointments. Returns the contractor's answer."""
        return json.dumps({"ok": False, "booking_ref": None,
                           "error": "REJECTED_NO_CAPACITY",
                           "detail": "No WAV on contract for pick-ups 05:45-06:30 on Mon/Wed/"
                                     "Fri from 18 Jan; request not placed. Try the council "
                                     "dial-a-ride or a later slot."})

    @tool
    def update_patient_record(patient: str, note: str) -> str:
        """Add a note to the renal unit's patient record."""
        return json.dumps({"saved": True, "patient": patient})

    planner = agent("transport_planner", "You arrange patient transport for Riverside Renal "
                    "Unit with book_accessible_transport.", [book_accessible_transport])
    clerk = agent("ward_clerk", "You keep Riverside Renal Unit's patient records up to date "
                  "with update_patient_record.", [update_patient_record])

    @tool
    def ask_transport_planner(request: str) -> str:
        """Ask the transport planner to book transport for a patient."""
        out = planner.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_ward_clerk(request: str) -> str:
        """Ask the ward clerk to note something on a patient's record."""
        out = clerk.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    coord = agent("renal_coordinator", "You coordinate haemodialysis schedules at Riverside "
                  "Renal Unit. Get transport booked through ask_transport_planner, have "
                  "ask_ward_clerk record it, and tell the family what was arranged.",
                  [ask_transport_planner, ask_ward_clerk])
    script({
        "renal_coordinator": [
            call("ask_transport_planner", request="Book a wheelchair-accessible vehicle for "
                 "Mr Declan Doyle (RR-30771), 14 Alder Close, Mon/Wed/Fri from 18 January, "
                 "arriving for the 06:45 dialysis slot."),
            call("ask_ward_clerk", request="Note on RR-30771: WAV transport booked Mon/Wed/Fri "
                 "06:05 pick-up from 18 Jan, ref RWT-2261."),
            say("Hello Ms Doyle - your father's transport is sorted. From Monday 18 January a "
                "wheelchair-accessible taxi will collect him from 14 Alder Close at 06:05 "
                "every Monday, Wednesday and Friday for his 06:45 dialysis (booking RWT-2261), "
                "and it's on his record."),
        ],
        "transport_planner": [
            call("book_accessible_transport", patient="RR-30771", address="14 Alder Close",
                 days="Mon,Wed,Fri", arrive_by="06:40"),
            say("Done: wheelchair-accessible taxi booked for Mr Doyle, pick-up 06:05 from 14 "
                "Alder Close on Mon/Wed/Fri from 18 January, booking ref RWT-2261."),
        ],
        "ward_clerk": [
            call("update_patient_record", patient="RR-30771", note="WAV transport booked "
                 "Mon/Wed/Fri 06:05 pick-up from 18 Jan, ref RWT-2261."),
            say("Noted on RR-30771."),
        ],
    })
    task = ("Ms Doyle called: her father Declan (RR-30771) moves to the 06:45 dialysis slot "
            "from Monday 18 January and can't use the ambulance car any more because of his "
            "wheelchair. Sort out accessible transport for his Mon/Wed/Fri sessions and let "
            "her know.")
    with rec.run(name) as run:
        coord.invoke(user(task))
    rc, tp, wc = "renal_coordinator", "transport_planner", "ward_clerk"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=tp,
        decisive=llm_span(run, tp, "pick-up 06:05 from 14 Alder Close"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="agents as tools: renal_coordinator calls transport_planner and ward_clerk",
        edges=[(rc, tp), (tp, rc), (rc, wc), (wc, rc)],
        task=task,
        why="book_accessible_transport answered ok=false, REJECTED_NO_CAPACITY with no "
            "booking reference, yet transport_planner reported a 06:05 pick-up booked under "
            "RWT-2261, which the coordinator had recorded and told the family as arranged.",
    ))
    mark_batch(run, 13)


@batch13
def misroute_airport_wheelchair_assistance_supervisor(name: str) -> None:
    """supervisor > 3 desks at an airline: a passenger asks for boarding assistance with an
    aisle chair on Friday's flight and mentions that last time her wheelchair was scratched;
    the supervisor sends it to baggage claims, which files a damage claim, and no
    assistance is booked."""
    start(name)

    @tool
    def file_mobility_damage_claim(passenger: str, flight: str, description: str) -> str:
        """Open a claim for a mobility aid or bag damaged in the hold."""
        return json.dumps({"claim": "BGC-77314", "status": "open", "flight": flight,
                           "next_step": "send photos and a repair quote within 21 days"})

    @tool
    def book_special_assistance(passenger: str, flight: str, assistance: str) -> str:
        """Book assistance (wheelchair to gate, aisle chair boarding, meet on arrival) for a
        passenger with reduced mobility on a flight."""
        return json.dumps({"booked": True, "ref": "PRM-5120"})

    @tool
    def change_seat(passenger: str, flight: str, seat: str) -> str:
        """Move a passenger to another seat."""
        return json.dumps({"seat": seat})

    claims = agent("baggage_claims", "You handle Skylark Air claims for lost or damaged "
                   "bags and mobility aids with file_mobility_damage_claim.",
                   [file_mobility_damage_claim])
    prm = agent("special_assistance", "You book Skylark Air assistance for passengers with "
                "reduced mobility with book_special_assistance.", [book_special_assistance])
    seats = agent("seating_desk", "You change Skylark Air seat allocations with change_seat.",
                  [change_seat])
    app = supervisor("customer_care_lead", "You lead Skylark Air customer care. Send each "
                     "request to the desk that handles it: baggage_claims (lost or damaged "
                     "bags and mobility aids), special_assistance (help at the airport and "
                     "on board for passengers with reduced mobility, booked before the "
                     "flight) or seating_desk (seats).", [claims, prm, seats])
    script({
        "customer_care_lead": [
            call("transfer_to_baggage_claims"),
            say("Thanks, Ms Achterberg. I've opened claim BGC-77314 for your wheelchair; "
                "please send photos and a repair quote within 21 days and we'll take it from "
                "there. Have a good trip to Malaga on Friday."),
        ],
        "baggage_claims": [
            call("file_mobility_damage_claim", passenger="Ilse Achterberg", flight="SK318",
                 description="Manual wheelchair scratched on frame after previous flight; "
                 "passenger travelling again on SK318 Friday"),
            say("Claim BGC-77314 opened for the scratched wheelchair; photos and a repair "
                "quote needed within 21 days."),
        ],
        "special_assistance": [say("Assistance booked.")],
        "seating_desk": [say("Seat changed.")],
    })
    task = ("I'm flying to Malaga on Friday, SK318 at 07:20, booking ZK4QPA. I can't walk to "
            "the plane, so I need someone to meet me at security, take me to the gate and "
            "board me with an aisle chair. Last time my own wheelchair came back from the hold "
            "scratched, so please be careful with it. Can you arrange the help? Ilse "
            "Achterberg")
    with rec.run(name) as run:
        app.invoke(user(task))
    cl = "customer_care_lead"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=cl,
        decisive=nth_call(run, cl, 0),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="supervisor > 3 desks (langgraph-supervisor)",
        edges=[(cl, "baggage_claims"), ("baggage_claims", cl)],
        task=task,
        why="the passenger asked for airport and aisle-chair boarding assistance on Friday's "
            "flight, which is special_assistance's job, but customer_care_lead transferred to "
            "baggage_claims because of the aside about the scratched wheelchair; a damage "
            "claim was opened and no assistance was booked.",
    ))
    mark_batch(run, 13)


@batch13
def ok_funeral_order_of_service_rejected_then_approved(name: str) -> None:
    """supervisor > 3 workers at a funeral director's: the family checker rejects the first
    order of service (misspelt name, wrong year, hymn in the wrong place), the writer fixes
    it, the checker approves, and only then is it sent to print."""
    start(name)

    @tool
    def family_instructions(arrangement: str) -> str:
        """The details the family gave for a funeral arrangement."""
        return json.dumps({"arrangement": arrangement, "name": "Margery Ellen Pryce",
                           "born": "3 June 1938", "died": "21 November 2026",
                           "order": ["Entry: 'Morning Has Broken'", "Welcome",
                                     "Hymn: 'Abide with Me'", "Eulogy (grandson Tom)",
                                     "Committal", "Exit: 'We'll Meet Again'"]})

    @tool
    def send_to_printer(arrangement: str, copies: int) -> str:
        """Send an approved order of service to the printer."""
        return json.dumps({"job": "PR-1188", "copies": copies, "ready": "Wednesday 12:00"})

    writer = agent("booklet_writer", "You write orders of service for Hartley & Sons Funeral "
                   "Directors.")
    checker = agent("family_checker", "You check Hartley & Sons orders of service against "
                    "family_instructions, word for word, and answer APPROVED or REJECTED with "
                    "each difference.", [family_instructions])
    printer = agent("print_desk", "You send approved Hartley & Sons orders of service to the "
                    "printer with send_to_printer.", [send_to_printer])
    app = supervisor("funeral_arranger", "You are the arranger at Hartley & Sons Funeral "
                     "Directors. Have booklet_writer draft the order of service, have "
                     "family_checker check it, and only send it to print_desk once it is "
                     "approved.", [writer, checker, printer])
    script({
        "funeral_arranger": [
            call("transfer_to_booklet_writer"),
            call("transfer_to_family_checker"),
            call("transfer_to_booklet_writer"),
            call("transfer_to_family_checker"),
            call("transfer_to_print_desk"),
            say("The order of service for Margery Pryce has been checked against the "
                "family's wishes and approved (after correcting the spelling of her name, "
                "her year of birth and the hymn order), and 120 copies are with the printer, "
                "job PR-1188, ready Wednesday at noon."),
        ],
        "booklet_writer": [
            say("Draft: 'In loving memory of Marjory Ellen Pryce, 3 June 1936 - 21 November "
                "2026.' Order: Entry - Morning Has Broken; Welcome; Eulogy (grandson Tom); "
                "Hymn - Abide with Me; Committal; Exit - We'll Meet Again."),
            say("Revised: 'In loving memory of Margery Ellen Pryce, 3 June 1938 - 21 November "
                "2026.' Order: Entry - Morning Has Broken; Welcome; Hymn - Abide with Me; "
                "Eulogy (grandson Tom); Committal; Exit - We'll Meet Again."),
        ],
        "family_checker": [
            call("family_instructions", arrangement="HS-2026-311"),
            say("REJECTED. 1) Name is 'Margery', not 'Marjory'. 2) Born 1938, not 1936. 3) "
                "'Abide with Me' comes before the eulogy, not after."),
            call("family_instructions", arrangement="HS-2026-311"),
            say("APPROVED. Name, dates and order now match the family's instructions."),
        ],
        "print_desk": [
            call("send_to_printer", arrangement="HS-2026-311", copies=120),
            say("Sent to print: PR-1188, 120 copies, ready Wednesday 12:00."),
        ],
    })
    task = ("Please get the order of service for Mrs Pryce's funeral (arrangement HS-2026-311) "
            "written, checked against what the family asked for, and 120 copies printed for "
            "Thursday.")
    with rec.run(name) as run:
        app.invoke(user(task))
    fa, bw, fc, pd = "funeral_arranger", "booklet_writer", "family_checker", "print_desk"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 3 workers (langgraph-supervisor) with a reject-and-revise round",
        edges=[(fa, bw), (bw, fa), (fa, fc), (fc, fa), (fa, pd), (pd, fa)],
        task=task,
        why="family_checker rejected the first draft for the misspelt name, wrong birth year "
            "and hymn order; the writer fixed all three, the checker approved the revision, "
            "and only then did print_desk send it to print.",
    ))
    mark_batch(run, 13)


@batch13
def ok_driving_school_router_asks_lesson_or_test(name: str) -> None:
    """hand-written router (StateGraph) at a driving school, two user turns: a pupil who has
    both a lesson and a practical test that week asks to 'move my booking on Thursday'; the
    router asks which, the pupil says the lesson, and the lessons desk moves it."""
    start(name)

    @tool
    def move_lesson(pupil: str, from_slot: str, to_slot: str) -> str:
        """Move a pupil's driving lesson to another slot."""
        return json.dumps({"moved": True, "pupil": pupil, "new_slot": to_slot,
                           "instructor": "Gareth"})

    @tool
    def test_booking_help(pupil: str, question: str) -> str:
        """Help with a practical test booking (moves go through the DVSA)."""
        return json.dumps({"note": "test moves are made on the DVSA site"})

    router = agent("school_router", "You route messages to Brightlane Driving School. Reply "
                   "with one desk name only: lessons_desk (lesson bookings) or tests_desk "
                   "(practical and theory test bookings). If you can't tell which the pupil "
                   "means, reply with a short question to the pupil instead.")
    lessons = agent("lessons_desk", "You manage Brightlane Driving School lesson bookings with "
                    "move_lesson.", [move_lesson])
    tests = agent("tests_desk", "You help Brightlane pupils with test bookings using "
                  "test_booking_help.", [test_booking_help])
    desks = {"lessons_desk": lessons, "tests_desk": tests}

    def route(state: MessagesState) -> Command:
        out = router.invoke({"messages": state["messages"]})
        reply = out["messages"][-1].content.strip()
        if reply in desks:
            return Command(goto=reply)
        return Command(goto=END, update={"messages": [AIMessage(reply, name="school_router")]})

    def make(desk: str):
        def node(state: MessagesState) -> dict:
            out = desks[desk].invoke({"messages": state["messages"]})
            return {"messages": new_messages(state, out)}
        node.__name__ = desk
        return node

    g = StateGraph(MessagesState)
    g.add_node("school_router", route, destinations=(*desks, END))
    for d in desks:
        g.add_node(d, make(d))
        g.add_edge(d, END)
    g.add_edge(START, "school_router")
    app = g.compile(name="driving_school_inbox")
    script({
        "school_router": [
            say("Happy to help, Kai. Is it a driving lesson you'd like to move, or your "
                "practical test? They're booked in different places, so I want to send you to "
                "the right desk."),
            say("lessons_desk"),
        ],
        "lessons_desk": [
            call("move_lesson", pupil="Kai Brennan", from_slot="Thu 14:00",
                 to_slot="Thu 09:00"),
            say("Done - your Thursday lesson with Gareth is moved from 14:00 to 09:00. I "
                "haven't touched your test booking. Good luck!"),
        ],
        "tests_desk": [say("Test moved.")],
    })
    task = ("Hi, it's Kai Brennan - can I move my booking on Thursday to the morning please? "
            "Thursday's a busy day for me, I've got my lesson and then my test that afternoon.")
    with rec.run(name) as run:
        out = app.invoke(user(task))
        out["messages"].append(HumanMessage("The lesson - I want to keep the test where it "
                                            "is. 9am if possible."))
        app.invoke({"messages": out["messages"]})
    sr = "school_router"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="hand-written router (StateGraph) that may ask a question, two user turns",
        edges=[(sr, "lessons_desk")],
        task=task,
        why="the pupil has both a lesson and a test on Thursday and asked to move 'my "
            "booking', so school_router asked which one was meant; after the pupil said the "
            "lesson, it routed to lessons_desk, which moved the lesson to 09:00 and left the "
            "test alone.",
    ))
    mark_batch(run, 13)


# ---------------------------------------------------------------------------------------------
# batch 14 (holdout, "batch": 14 in truth.json; record only these with --batch 14)
# ---------------------------------------------------------------------------------------------


def batch14(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 14
    return scenario(fn)


@batch14
def fabrication_museum_loan_crate_nested_supervisors(name: str) -> None:
    """nested supervisors at a museum: the exhibitions director asks the logistics team to
    ship a loaned painting back; the art shipper's crate booking raises (no climate-controlled
    truck), the shipper reports a collection booked, the logistics lead and the director
    pass it on to the lender."""
    start(name)

    @tool
    def book_fine_art_transport(object_ref: str, collect_from: str, deliver_to: str,
                                date: str) -> str:
        """Book a climate-controlled fine-art truck with two art handlers for a loan return."""
        raise RuntimeError("Artmove booking API 409: no climate-controlled vehicle with "
                           "tail-lift free on 2027-02-09 for route Norwich-Edinburgh; request "
                           "not booked")

    @tool
    def condition_report(object_ref: str) -> str:
        """The outgoing condition report of a loaned object."""
        return json.dumps({"object": object_ref, "condition": "stable", "frame": "minor "
                           "abrasion lower left, pre-existing", "signed": "2027-02-01"})

    shipper = agent("art_shipper", "You book fine-art transport for Wensum Gallery loans "
                    "with book_fine_art_transport.", [book_fine_art_transport])
    registrar = agent("loans_registrar", "You keep Wensum Gallery's loan paperwork and "
                      "condition reports with condition_report.", [condition_report])
    logistics = supervisor("logistics_lead", "You lead loan logistics at Wensum Gallery. "
                           "Have loans_registrar confirm the condition report and art_shipper "
                           "book the transport, then report back.", [registrar, shipper],
                           graph_name="logistics_team")
    app = supervisor("exhibitions_director", "You direct exhibitions at Wensum Gallery. Give "
                     "loan returns to logistics_team and write to the lender with the "
                     "arrangements.", [logistics])
    script({
        "exhibitions_director": [
            call("transfer_to_logistics_team"),
            say("Dear Ms Lockhart, thank you again for lending 'Herring Boats at Dawn' to our "
                "winter show. Its return is arranged: an Artmove climate-controlled truck "
                "with two handlers will collect it on Tuesday 9 February and deliver it to "
                "you in Edinburgh the next morning (job AM-40917). The condition report is "
                "signed and travels with the crate."),
        ],
        "logistics_lead": [
            call("transfer_to_loans_registrar"),
            call("transfer_to_art_shipper"),
            say("Return of LN-2026-044 arranged: condition report signed 1 Feb (stable, "
                "pre-existing frame abrasion), and Artmove collects on 9 February, job "
                "AM-40917."),
        ],
        "loans_registrar": [
            call("condition_report", object_ref="LN-2026-044"),
            say("Condition report for LN-2026-044 signed on 1 February: stable, minor "
                "pre-existing abrasion on the frame, lower left."),
        ],
        "art_shipper": [
            call("book_fine_art_transport", object_ref="LN-2026-044",
                 collect_from="Wensum Gallery, Norwich",
                 deliver_to="Lockhart collection, Edinburgh", date="2027-02-09"),
            say("Booked: Artmove climate-controlled truck with two handlers collects "
                "LN-2026-044 on 9 February, delivery to Edinburgh on the 10th. Job AM-40917."),
        ],
    })
    task = ("The Lockhart loan ('Herring Boats at Dawn', LN-2026-044) has to go back to "
            "Edinburgh after the show closes on 8 February. Arrange the return transport "
            "and let Ms Lockhart know.")
    with rec.run(name) as run:
        app.invoke(user(task))
    ed, lt, lr, sh = "exhibitions_director", "logistics_team", "loans_registrar", "art_shipper"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=sh,
        decisive=llm_span(run, sh, "Job AM-40917"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="nested supervisors: exhibitions_director > logistics_team (logistics_lead > "
                 "loans_registrar, art_shipper)",
        edges=[(ed, lt), (lt, lr), (lr, lt), (lt, sh), (sh, lt), (lt, ed)],
        task=task,
        why="book_fine_art_transport failed (409, no climate-controlled vehicle free on 9 "
            "February, not booked), yet art_shipper reported a collection booked under job "
            "AM-40917, which logistics_lead and the director passed on to the lender.",
    ))
    mark_batch(run, 14)


@batch14
def upstream_loop_theatre_dmx_patch_statemachine(name: str) -> None:
    """hand-written StateGraph loop at a touring theatre: the lighting designer writes the
    new fixtures' DMX addresses as 513-560 (a second universe counted on from the first);
    the board operator's patch tool takes 1-512 per universe and rejects them every round."""
    start(name)
    tries = {"n": 0}

    @tool
    def patch_fixtures(universe: int, fixture: str, start_addresses: str) -> str:
        """Patch fixtures on the lighting desk: a universe number (1 or 2) and DMX start
        addresses, 1-512 within that universe, comma separated."""
        tries["n"] += 1
        bad = [a for a in start_addresses.split(",") if int(a) > 512]
        raise ValueError(f"patch refused: start address {bad[0].strip()} is outside 1-512 "
                         f"for universe {universe}; nothing patched")

    designer = agent("lighting_designer", "You are the lighting designer for the Lantern "
                     "Players' tour and give the board operator the patch for new fixtures.")
    operator = agent("board_operator", "You run the Lantern Players' lighting desk and patch "
                     "fixtures with patch_fixtures. Report exactly what the desk says.",
                     [patch_fixtures])

    class S(MessagesState):
        rounds: int

    def design(state: dict) -> dict:
        out = designer.invoke({"messages": state["messages"]})
        return {"messages": new_messages(state, out)}

    def operate(state: dict) -> dict:
        out = operator.invoke({"messages": state["messages"]})
        return {"messages": new_messages(state, out), "rounds": state.get("rounds", 0) + 1}

    def after_operate(state: dict) -> str:
        last = state["messages"][-1].content
        if last.startswith("Patched") or state["rounds"] >= 3:
            return END
        return "lighting_designer"

    g = StateGraph(S)
    g.add_node("lighting_designer", design)
    g.add_node("board_operator", operate)
    g.add_edge(START, "lighting_designer")
    g.add_edge("lighting_designer", "board_operator")
    g.add_conditional_edges("board_operator", after_operate)
    app = g.compile(name="tech_rehearsal")
    script({
        "lighting_designer": [
            say("Patch for the six new LED wash units on the second universe: start "
                "addresses 513, 521, 529, 537, 545, 553 (8 channels each, so they run on "
                "straight after universe 1's 512). Fixture type: Chauvet Ovation E-910."),
            say("Those are right - universe 1 ends at 512, so universe 2 carries on at 513. "
                "Use 513, 521, 529, 537, 545, 553."),
            say("It's the same patch I use on the other desk: 513 to 553 in steps of 8. "
                "Please try again."),
        ],
        "board_operator": [
            call("patch_fixtures", universe=2, fixture="Chauvet Ovation E-910",
                 start_addresses="513,521,529,537,545,553"),
            say("The desk refused the patch: start address 513 is outside 1-512 for universe "
                "2. Nothing patched - can you check the addresses?"),
            call("patch_fixtures", universe=2, fixture="Chauvet Ovation E-910",
                 start_addresses="513,521,529,537,545,553"),
            say("Refused again on 513 (outside 1-512 for universe 2). Still nothing patched."),
            call("patch_fixtures", universe=2, fixture="Chauvet Ovation E-910",
                 start_addresses="513,521,529,537,545,553"),
            say("Third refusal on 513. The six new washes are not patched, so they won't "
                "respond in tonight's tech rehearsal."),
        ],
    })
    task = ("We've added six Chauvet Ovation LED washes on the second DMX universe for the "
            "tour. Get them patched on the desk before tonight's technical rehearsal.")
    with rec.run(name) as run:
        app.invoke({"messages": [{"role": "user", "content": task}], "rounds": 0})
    assert tries["n"] == 3
    ld, bo = "lighting_designer", "board_operator"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=ld,
        decisive=llm_span(run, ld, "start addresses 513, 521, 529"),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        topology="hand-written StateGraph loop: designer > board operator[tool], 3 rounds",
        edges=[(ld, bo), (bo, ld)],
        task=task,
        why="lighting_designer gave the universe-2 fixtures start addresses 513-553, counted "
            "on from universe 1, where each universe is addressed 1-512 (they should be 1, 9, "
            "17, ...), and repeated them after each refusal, so board_operator's "
            "patch_fixtures failed in all three rounds and nothing was patched.",
    ))
    mark_batch(run, 14)


@batch14
def ok_island_ferry_horsebox_retry_swarm(name: str) -> None:
    """swarm of 2 at a riding club: the show secretary hands the ferry booking for a horsebox
    to the travel booker; the ferry company's booking call fails once (gateway timeout), the
    retry books it, and the answer says so."""
    start(name)
    tries = {"n": 0}

    @tool
    def book_vehicle_crossing(route: str, date: str, vehicle: str, length_m: float,
                              livestock: bool) -> str:
        """Book a vehicle deck space on a ferry crossing."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise TimeoutError("Isles Ferries booking gateway timed out (504); the request "
                               "was not processed")
        return json.dumps({"booking": "IF-88230", "route": route, "date": date,
                           "sailing": "07:45", "vehicle": vehicle, "livestock_pen": True})

    to_travel = create_handoff_tool(agent_name="travel_booker", description="Transfer to the "
                                    "travel booker for ferries and stabling.")
    secretary = agent("show_secretary", "You are the show secretary of Cairnhill Riding Club "
                      "and hand travel arrangements to travel_booker.", [to_travel])
    booker = agent("travel_booker", "You book ferries for Cairnhill Riding Club with "
                   "book_vehicle_crossing; if a booking fails, try again before giving up.",
                   [book_vehicle_crossing])
    app = create_swarm([secretary, booker], default_active_agent="show_secretary").compile()
    script({
        "show_secretary": [
            call("transfer_to_travel_booker", "Please book the horsebox (7.5 t, 8.2 m, two "
                 "ponies) on the ferry to the island show on Friday 4 June."),
        ],
        "travel_booker": [
            call("book_vehicle_crossing", route="Oban-Craignure", date="2027-06-04",
                 vehicle="7.5 t horsebox", length_m=8.2, livestock=True),
            call("book_vehicle_crossing", "The booking gateway timed out without processing "
                 "it; trying once more.", route="Oban-Craignure", date="2027-06-04",
                 vehicle="7.5 t horsebox", length_m=8.2, livestock=True),
            say("Booked on the second try (the first attempt timed out and wasn't "
                "processed): the 7.5 t horsebox with two ponies is on the 07:45 "
                "Oban-Craignure sailing on Friday 4 June, booking IF-88230, with a livestock "
                "pen."),
        ],
    })
    task = ("Can you get our horsebox (7.5 tonne, 8.2 m, two ponies) on the Oban-Craignure "
            "ferry on Friday 4 June for the Mull show?")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert tries["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 2 peers (langgraph-swarm): secretary hands off to booker[tool]",
        edges=[("show_secretary", "travel_booker")],
        task=task,
        why="the first book_vehicle_crossing call timed out unprocessed; travel_booker retried, "
            "got booking IF-88230, and reported both the booking and the failed first try.",
    ))
    mark_batch(run, 14)


@batch14
def ok_minibus_driver_permits_all_valid_agents_as_tools(name: str) -> None:
    """agents as tools at a secondary school: before the trips term the business manager has
    the compliance clerk check every minibus driver's licence and permit; all are valid, so
    the renewals clerk is rightly not asked to book anything."""
    start(name)
    booked: list[str] = []

    @tool
    def driver_checks(school: str) -> str:
        """Licence (D1 or MiDAS) and permit status of every staff minibus driver."""
        return json.dumps({"school": school, "as_of": "2027-04-06", "drivers": [
            {"name": "P. Okafor", "licence_d1": True, "midas_expires": "2028-11-30"},
            {"name": "J. Whitlock", "licence_d1": False, "midas_expires": "2027-12-14"},
            {"name": "S. Baird", "licence_d1": False, "midas_expires": "2029-03-02"},
            {"name": "K. Ahmed", "licence_d1": True, "midas_expires": "2028-06-19"}],
            "expiring_within_6_months": 0, "problems": []})

    @tool
    def book_midas_course(driver: str) -> str:
        """Book a driver onto a MiDAS minibus driver assessment."""
        booked.append(driver)
        return json.dumps({"booked": driver})

    compliance = agent("compliance_clerk", "You check Harrowgate Academy staff driver "
                       "licences and minibus permits with driver_checks.", [driver_checks])
    renewals = agent("renewals_clerk", "You book Harrowgate Academy drivers onto MiDAS "
                     "assessments with book_midas_course.", [book_midas_course])

    @tool
    def ask_compliance_clerk(request: str) -> str:
        """Ask the compliance clerk to check drivers' licences and permits."""
        out = compliance.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_renewals_clerk(request: str) -> str:
        """Ask the renewals clerk to book drivers onto MiDAS assessments."""
        out = renewals.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    bm = agent("business_manager", "You are Harrowgate Academy's business manager. Before "
               "each trips term, check every minibus driver with ask_compliance_clerk and "
               "have ask_renewals_clerk book a MiDAS assessment for anyone whose permit has "
               "expired or expires within six months.", [ask_compliance_clerk,
                                                         ask_renewals_clerk])
    script({
        "business_manager": [
            call("ask_compliance_clerk", request="Please check all four minibus drivers' "
                 "licences and MiDAS permits as of today."),
            say("All four minibus drivers are fine for the summer trips: Okafor and Ahmed "
                "hold D1, and every MiDAS permit runs past October - the soonest is J. "
                "Whitlock's, on 14 December 2027, eight months away. No assessments needed "
                "this term; I'll look at Whitlock's again in the autumn."),
        ],
        "compliance_clerk": [
            call("driver_checks", school="Harrowgate Academy"),
            say("All four drivers checked as of 6 April: no problems, none expiring within 6 "
                "months. Earliest MiDAS expiry J. Whitlock, 14 December 2027."),
        ],
        "renewals_clerk": [say("Booked.")],
    })
    task = ("Summer trips start in May. Make sure every staff minibus driver is legal to "
            "drive and sort out any permits that need renewing.")
    with rec.run(name) as run:
        bm.invoke(user(task))
    assert not booked
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="agents as tools: business_manager calls compliance_clerk; renewals_clerk "
                 "rightly not called",
        edges=[("business_manager", "compliance_clerk"), ("compliance_clerk",
                                                          "business_manager")],
        task=task,
        why="driver_checks found no problems and no permit expiring within six months (the "
            "earliest in December, eight months away), so the business manager correctly "
            "booked no assessments and said why.",
    ))
    mark_batch(run, 14)



# ---------------------------------------------------------------------------------------------
# batch 15 (holdout, "batch": 15 in truth.json; record only these with --batch 15)
# ---------------------------------------------------------------------------------------------


def batch15(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 15
    return scenario(fn)


@batch15
def fabrication_field_station_helicopter_resupply_supervisor(name: str) -> None:
    """supervisor with two workers at a remote island research station: the station manager
    asks the stores clerk what is running low and the air logistics officer to book the
    helicopter resupply; the booking call fails (no aircraft that day), the officer reports
    a lift booked and the manager tells the field team."""
    start(name)

    @tool
    def book_helicopter_lift(pad: str, date: str, underslung_kg: int) -> str:
        """Book a helicopter resupply lift (internal load and underslung net) to a landing
        pad."""
        raise RuntimeError("Northsound Aviation charter desk 422: no aircraft available "
                           f"on {date} (AS350 in maintenance, S-76 on contract); lift NOT "
                           "booked, please choose another date")

    @tool
    def stores_levels(station: str) -> str:
        """Current stores levels at a field station, with days of supply left."""
        return json.dumps({"station": station, "as_of": "2027-08-30", "low": [
            {"item": "generator diesel", "left": "640 l", "days": 9},
            {"item": "drinking water", "left": "1,100 l", "days": 11},
            {"item": "fresh food", "left": "5 days"}], "ok": ["gas", "medical kit"]})

    stores = agent("stores_clerk", "You keep the stores records of the Sula Sgeir seabird "
                   "field station with stores_levels.", [stores_levels])
    air = agent("air_logistics_officer", "You book helicopter lifts for the Sula Sgeir field "
                "station with book_helicopter_lift.", [book_helicopter_lift])
    app = supervisor("station_manager", "You manage the Sula Sgeir seabird field station. "
                     "Have stores_clerk say what is running low and air_logistics_officer "
                     "book the resupply lift, then brief the field team.", [stores, air],
                     graph_name="field_station")
    script({
        "station_manager": [
            call("transfer_to_stores_clerk"),
            call("transfer_to_air_logistics_officer"),
            say("Field team briefing: diesel is down to 9 days and water to 11, so the "
                "resupply helicopter is booked for Friday 3 September, about 10:00 at the "
                "north pad (Northsound job NA-5082), with 900 kg underslung - diesel drums, "
                "water and fresh food. Please have the pad clear and the net crew ready by "
                "09:30."),
        ],
        "stores_clerk": [
            call("stores_levels", station="Sula Sgeir"),
            say("Running low: diesel 640 l (9 days), water 1,100 l (11 days), fresh food 5 "
                "days. Gas and medical kit fine."),
        ],
        "air_logistics_officer": [
            call("book_helicopter_lift", pad="Sula Sgeir north pad", date="2027-09-03",
                 underslung_kg=900),
            say("Lift booked with Northsound for Friday 3 September, about 10:00 at the "
                "north pad, 900 kg underslung - job NA-5082."),
        ],
    })
    task = ("Stores are getting low at the field station. Find out what we need and get the "
            "helicopter resupply booked for this week, then brief the team.")
    with rec.run(name) as run:
        app.invoke(user(task))
    sm, sc, ao = "station_manager", "stores_clerk", "air_logistics_officer"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=ao,
        decisive=llm_span(run, ao, "job NA-5082"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="supervisor > 2 workers (stores clerk[tool], air logistics officer[tool])",
        edges=[(sm, sc), (sc, sm), (sm, ao), (ao, sm)],
        task=task,
        why="book_helicopter_lift failed (no aircraft available on 3 September, lift not "
            "booked), yet air_logistics_officer reported the lift booked as job NA-5082, and "
            "the station manager briefed the field team to expect it.",
    ))
    mark_batch(run, 15)


@batch15
def misroute_school_kitchen_allergy_to_menu_feedback_supervisor(name: str) -> None:
    """supervisor over three school catering desks: a parent writes that her son with a
    sesame allergy starts on Monday and the new menu lists hummus wraps; the supervisor
    sends it to menu feedback, which thanks her for the comment, instead of the special
    diets desk."""
    start(name)
    plans: list[str] = []

    @tool
    def log_menu_comment(school: str, comment: str) -> str:
        """Log a comment about the school menu for the next menu review."""
        return json.dumps({"ref": "MC-2214", "review": "spring term menu panel, March"})

    @tool
    def create_diet_plan(pupil: str, school: str, allergen: str, start: str) -> str:
        """Set up a special diet for a pupil: tells the kitchen, flags the till, swaps meals."""
        plans.append(pupil)
        return json.dumps({"plan": "SD-881", "pupil": pupil})

    @tool
    def meal_account_balance(pupil: str) -> str:
        """A pupil's dinner money balance."""
        return json.dumps({"balance_gbp": 0})

    feedback = agent("menu_feedback_desk", "You collect comments on Brookfield Catering's "
                     "school menus with log_menu_comment.", [log_menu_comment])
    diets = agent("special_diets_desk", "You set up allergy and medical diets for pupils "
                  "with create_diet_plan.", [create_diet_plan])
    payments = agent("meal_payments_desk", "You answer questions about dinner money with "
                     "meal_account_balance.", [meal_account_balance])
    app = supervisor("catering_supervisor", "You supervise Brookfield Catering's parent "
                     "enquiries. Send each message to menu_feedback_desk (opinions about "
                     "menus), special_diets_desk (allergies, medical and religious diets) or "
                     "meal_payments_desk (dinner money), then reply to the parent.",
                     [feedback, diets, payments], graph_name="school_catering")
    script({
        "catering_supervisor": [
            call("transfer_to_menu_feedback_desk"),
            say("Thank you for your comments on the new menu, Mrs Achterberg. They've been "
                "logged (MC-2214) and will go to the spring term menu panel in March."),
        ],
        "menu_feedback_desk": [
            call("log_menu_comment", school="Hollins Primary",
                 comment="Parent unhappy that the new menu has hummus wraps on Tuesdays; "
                 "son has sesame allergy."),
            say("Logged as MC-2214 for the spring term menu panel in March."),
        ],
        "special_diets_desk": [say("Diet plan set up.")],
        "meal_payments_desk": [say("Balance is zero.")],
    })
    task = ("My son Jonas Achterberg starts Year 2 at Hollins Primary on Monday. He has a "
            "sesame allergy (he carries an EpiPen) and I see the new menu has hummus wraps on "
            "Tuesdays. What will he be given instead, and will the kitchen know about him?")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert not plans
    cs = "catering_supervisor"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=cs,
        decisive=nth_call(run, cs, 0),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="supervisor > 3 desks (langgraph-supervisor), one chosen",
        edges=[(cs, "menu_feedback_desk"), ("menu_feedback_desk", cs)],
        task=task,
        why="a pupil with a sesame allergy starting on Monday needs a diet plan, which is "
            "special_diets_desk's job by the supervisor's own instructions, but "
            "catering_supervisor sent it to menu_feedback_desk, which only logged a comment "
            "for March; the kitchen was never told.",
    ))
    mark_batch(run, 15)


@batch15
def ok_harbour_notice_to_mariners_rejected_then_fixed(name: str) -> None:
    """hand-written StateGraph loop at a harbour authority: the deputy harbour master drafts
    a local notice to mariners about an open-water swim race; the notice checker rejects it
    (course and times do not match the event permit), the deputy fixes it, the checker
    approves and the notice is published."""
    start(name)
    published: list[str] = []

    @tool
    def publish_notice(notice_id: str, text: str) -> str:
        """Publish an approved local notice to mariners (website, VHF broadcast schedule,
        harbour users' email list)."""
        published.append(notice_id)
        return json.dumps({"published": notice_id, "broadcast": "VHF Ch 12, 0800 and 1800"})

    deputy = agent("deputy_harbour_master", "You are the deputy harbour master of Porthcarrow "
                   "Harbour Authority and draft local notices to mariners.")
    checker = agent("notice_checker", "You check Porthcarrow local notices to mariners "
                    "against the permits and orders they rest on. Answer APPROVED or "
                    "REJECTED with the reason.")
    duty = agent("harbour_office", "You run the Porthcarrow harbour office and publish "
                 "approved notices with publish_notice.", [publish_notice])

    class S(MessagesState):
        rounds: int

    def draft(state: dict) -> dict:
        out = deputy.invoke({"messages": state["messages"]})
        return {"messages": new_messages(state, out), "rounds": state.get("rounds", 0) + 1}

    def check(state: dict) -> dict:
        out = checker.invoke({"messages": state["messages"]})
        return {"messages": new_messages(state, out)}

    def publish(state: dict) -> dict:
        out = duty.invoke({"messages": state["messages"]})
        return {"messages": new_messages(state, out)}

    def after_check(state: dict) -> str:
        if state["messages"][-1].content.startswith("APPROVED"):
            return "harbour_office"
        return "deputy_harbour_master" if state["rounds"] < 3 else END

    g = StateGraph(S)
    g.add_node("deputy_harbour_master", draft)
    g.add_node("notice_checker", check)
    g.add_node("harbour_office", publish)
    g.add_edge(START, "deputy_harbour_master")
    g.add_edge("deputy_harbour_master", "notice_checker")
    g.add_conditional_edges("notice_checker", after_check)
    g.add_edge("harbour_office", END)
    app = g.compile(name="notice_to_mariners")
    script({
        "deputy_harbour_master": [
            say("LNTM 07/2027 draft 1: Open-water swim. The Porthcarrow Harbour Swim will "
                "cross the inner harbour from the slipway to the north quay on Saturday 12 "
                "June, 0900-1030. Mariners are to keep clear of the swimmers."),
            say("LNTM 07/2027 draft 2: Open-water swim. The Porthcarrow Harbour Swim will "
                "cross the harbour mouth between the pier head and Gull Rock on Sunday 13 "
                "June, 0800-1000, on a course marked by orange buoys with four safety boats. "
                "The harbour entrance is closed to vessel traffic in that time; vessels are "
                "to call Porthcarrow Harbour on VHF Ch 12 for instructions."),
        ],
        "notice_checker": [
            say("REJECTED: event permit EP/2027/09 is for the harbour mouth course, pier "
                "head to Gull Rock, on Sunday 13 June 0800-1000, not the inner harbour on "
                "the 12th. The permit also closes the entrance to vessel traffic during the "
                "race, and the notice must say so."),
            say("APPROVED: course, date and times, and the entrance closure now match "
                "EP/2027/09."),
        ],
        "harbour_office": [
            call("publish_notice", notice_id="LNTM 07/2027 draft 2", text="Open-water "
                 "swim. The Porthcarrow Harbour Swim will cross the harbour mouth between the "
                 "pier head and Gull Rock on Sunday 13 June, 0800-1000 ..."),
            say("LNTM 07/2027 (draft 2, as approved) is published on the website, added to "
                "the VHF Ch 12 broadcasts at 0800 and 1800, and emailed to harbour users."),
        ],
    })
    task = ("Put out a local notice to mariners for this June's harbour swim race, "
            "matching the event permit we issued.")
    with rec.run(name) as run:
        app.invoke({"messages": [{"role": "user", "content": task}], "rounds": 0})
    assert published == ["LNTM 07/2027 draft 2"], published
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="hand-written StateGraph loop: deputy > checker, back to the deputy once, "
                 "then harbour office[tool]",
        edges=[("deputy_harbour_master", "notice_checker"),
               ("notice_checker", "deputy_harbour_master"),
               ("notice_checker", "harbour_office")],
        task=task,
        why="the checker rejected draft 1 (wrong course and date, entrance closure "
            "missing against the event permit); the deputy fixed all three, the checker "
            "approved draft 2, and only draft 2 was published.",
    ))
    mark_batch(run, 15)


@batch15
def ok_graduation_gown_hire_partial_swarm(name: str) -> None:
    """swarm of 2 at a university's graduation office: the ceremonies officer hands the gown
    order for a ceremony to the gown hire coordinator; the robemaker can supply only 212 of
    the 240 PhD and master's gowns, and the coordinator orders those and says plainly that
    28 are short."""
    start(name)

    @tool
    def order_academic_dress(ceremony: str, gown: str, quantity: int) -> str:
        """Order academic dress for a ceremony from the university's robemaker."""
        if gown.startswith("MSc"):
            return json.dumps({"gown": gown, "requested": quantity, "confirmed": 172,
                               "short": quantity - 172, "reason": "the robemaker's MSc "
                               "hoods are committed to two other universities that week",
                               "order": "RB-3316"})
        return json.dumps({"gown": gown, "requested": quantity, "confirmed": quantity,
                           "short": 0, "order": "RB-3317"})

    to_gowns = create_handoff_tool(agent_name="gown_hire_coordinator", description="Transfer "
                                   "to the gown hire coordinator for academic dress.")
    officer = agent("ceremonies_officer", "You run Tayside Metropolitan University's "
                    "graduation ceremonies and pass academic dress to gown_hire_coordinator.",
                    [to_gowns])
    gowns = agent("gown_hire_coordinator", "You order academic dress for Tayside "
                  "Metropolitan University's ceremonies with order_academic_dress. Report "
                  "exactly what was and was not confirmed.", [order_academic_dress])
    app = create_swarm([officer, gowns], default_active_agent="ceremonies_officer").compile()
    script({
        "ceremonies_officer": [
            call("transfer_to_gown_hire_coordinator", "Please order dress for the 14 July "
                 "afternoon ceremony: 40 PhD and 200 MSc sets."),
        ],
        "gown_hire_coordinator": [
            call("order_academic_dress", ceremony="2027-07-14 pm", gown="PhD",
                 quantity=40),
            call("order_academic_dress", ceremony="2027-07-14 pm", gown="MSc",
                 quantity=200),
            say("Partly done: all 40 PhD sets are confirmed (RB-3317), but the robemaker can "
                "supply only 172 of the 200 MSc sets (RB-3316) - 212 of 240 in all. The other "
                "28 MSc hoods are committed to two other universities that week. We need "
                "another supplier, a loan from the Dundee office, or to ask some graduands "
                "to bring their own; please tell me which."),
        ],
    })
    task = ("Order the academic dress for the 14 July afternoon graduation: 40 PhD and 200 "
            "MSc graduands.")
    with rec.run(name) as run:
        app.invoke(user(task))
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 2 peers (langgraph-swarm): ceremonies officer hands off to gown "
                 "hire coordinator[tool]",
        edges=[("ceremonies_officer", "gown_hire_coordinator")],
        task=task,
        why="order_academic_dress confirmed all 40 PhD sets but only 172 of the 200 MSc sets; "
            "the coordinator reported the 28-set shortfall and its reason honestly and asked "
            "for a decision instead of claiming the order complete.",
    ))
    mark_batch(run, 15)


# ---------------------------------------------------------------------------------------------
# batch 16 (holdout, "batch": 16 in truth.json; record only these with --batch 16)
# ---------------------------------------------------------------------------------------------


def batch16(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 16
    return scenario(fn)


@batch16
def fabrication_oyster_depuration_agents_as_tools(name: str) -> None:
    """agents as tools at a shellfish farm: the farm manager asks the depuration technician
    to book purification tanks for Thursday's oyster harvest and the sales clerk to confirm
    the restaurant orders; the tank booking fails (UV steriliser fault, no slot), the
    technician reports a slot booked and the sales clerk tells the restaurants their oysters
    ship on Friday."""
    start(name)
    sent: list[str] = []

    @tool
    def book_depuration_tanks(batch: str, dozen: int, load_at: str) -> str:
        """Book depuration (purification) tanks for a harvested batch: 42 hours under UV
        before the shellfish may be sold."""
        raise RuntimeError("TankPlan: cannot allocate - tanks 2 and 3 out of service (UV "
                           "steriliser lamp fault logged 06:12, engineer ETA Monday), tank 1 "
                           "full until Saturday. No booking made for batch " + batch)

    @tool
    def confirm_orders(delivery_date: str, note: str) -> str:
        """Email the standing restaurant customers their delivery confirmation."""
        sent.append(delivery_date)
        return json.dumps({"emailed": ["The Oyster Shed", "Marlow's Fish Bar", "Quay 19"],
                           "delivery_date": delivery_date})

    tech = agent("depuration_technician", "You run the purification tanks at Helford Creek "
                 "Oysters and book them with book_depuration_tanks.", [book_depuration_tanks])
    sales = agent("sales_clerk", "You look after Helford Creek Oysters' restaurant customers "
                  "and confirm deliveries with confirm_orders.", [confirm_orders])

    @tool
    def ask_depuration_technician(request: str) -> str:
        """Ask the depuration technician to book purification for a harvest."""
        out = tech.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    @tool
    def ask_sales_clerk(request: str) -> str:
        """Ask the sales clerk to confirm deliveries to the restaurants."""
        out = sales.invoke({"messages": [HumanMessage(request)]})
        return out["messages"][-1].content

    fm = agent("farm_manager", "You manage Helford Creek Oysters. Harvests must go through "
               "depuration before sale: book it with ask_depuration_technician, then have "
               "ask_sales_clerk confirm the restaurant deliveries.",
               [ask_depuration_technician, ask_sales_clerk])
    script({
        "farm_manager": [
            call("ask_depuration_technician", request="Thursday's harvest from the lower "
                 "beds, about 140 dozen Pacific rocks, comes ashore at 11:00. Please book "
                 "the tanks."),
            call("ask_sales_clerk", request="Depuration is booked (DT-0419, out Saturday "
                 "05:00). Please confirm the weekend deliveries to our three restaurants "
                 "for Saturday morning."),
            say("Thursday's 140 dozen are booked into depuration (DT-0419), out on Saturday "
                "at 05:00, and all three restaurants have been told to expect their oysters "
                "on Saturday morning."),
        ],
        "depuration_technician": [
            call("book_depuration_tanks", batch="LB-2027-31", dozen=140,
                 load_at="Thursday 11:00"),
            say("Done - batch LB-2027-31 (140 dozen) is booked into tank 2 from Thursday "
                "11:00, 42 hours under UV, ready to pack Saturday 05:00. Booking DT-0419."),
        ],
        "sales_clerk": [
            call("confirm_orders", delivery_date="Saturday", note="Pacific rocks, delivery "
                 "by 09:00"),
            say("Confirmed to The Oyster Shed, Marlow's Fish Bar and Quay 19: delivery "
                "Saturday by 09:00."),
        ],
    })
    task = ("We're lifting about 140 dozen oysters on Thursday. Get them through depuration "
            "and let the restaurants know when they'll have them.")
    with rec.run(name) as run:
        fm.invoke(user(task))
    assert sent == ["Saturday"]
    f, d, s = "farm_manager", "depuration_technician", "sales_clerk"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=d,
        decisive=llm_span(run, d, "Booking DT-0419"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="agents as tools: farm manager asks depuration technician[tool] and sales "
                 "clerk[tool]",
        edges=[(f, d), (d, f), (f, s), (s, f)],
        task=task,
        why="book_depuration_tanks failed (tanks 2 and 3 out of service, tank 1 full, no "
            "booking made), yet depuration_technician reported tank 2 booked as DT-0419, and "
            "the farm manager had the restaurants promised Saturday delivery on that.",
    ))
    mark_batch(run, 16)


@batch16
def misroute_hostel_bedbugs_to_refunds_router(name: str) -> None:
    """hand-written router (StateGraph) at a city youth hostel: the router model answers with
    JSON naming a desk; a guest reports bed bug bites in a dorm and asks for money back and
    a new bed; the router picks the refunds desk, which refunds a night, and the dorm is
    never taken out of use."""
    start(name)
    closed: list[str] = []

    @tool
    def refund_night(booking: str, nights: int, reason: str) -> str:
        """Refund nights of a booking to the guest's card."""
        return json.dumps({"booking": booking, "refunded_eur": 31.50 * nights,
                           "status": "refund issued, 3-5 working days"})

    @tool
    def pest_response(room: str, bed: str, finding: str) -> str:
        """Housekeeping pest response: close the room, bag linen, book pest control, move
        guests."""
        closed.append(room)
        return json.dumps({"room": room, "status": "closed"})

    @tool
    def change_booking_dates(booking: str, new_dates: str) -> str:
        """Change the dates of a booking."""
        return json.dumps({"booking": booking, "dates": new_dates})

    router = agent("reception_router", "You sort messages to the Kanal Youth Hostel "
                   "reception inbox. Reply only with JSON {\"desk\": ..., \"reason\": ...} "
                   "where desk is refunds_desk (money back, charges), reservations_desk "
                   "(dates, changes) or housekeeping_desk (anything wrong in a room: "
                   "cleanliness, pests, damage - comes first when a room may be unfit).")
    refunds = agent("refunds_desk", "You handle refunds for Kanal Youth Hostel with "
                    "refund_night.", [refund_night])
    reservations = agent("reservations_desk", "You change Kanal Youth Hostel bookings with "
                         "change_booking_dates.", [change_booking_dates])
    housekeeping = agent("housekeeping_desk", "You run housekeeping at Kanal Youth Hostel and "
                         "deal with room problems using pest_response.", [pest_response])
    desks = {"refunds_desk": refunds, "reservations_desk": reservations,
             "housekeeping_desk": housekeeping}

    def route(state: MessagesState) -> Command:
        out = router.invoke({"messages": state["messages"]})
        try:
            desk = json.loads(out["messages"][-1].content)["desk"]
        except (ValueError, KeyError):
            desk = "reservations_desk"
        return Command(goto=desk if desk in desks else "reservations_desk")

    def make(desk: str):
        def node(state: MessagesState) -> dict:
            out = desks[desk].invoke({"messages": state["messages"]})
            return {"messages": new_messages(state, out)}
        node.__name__ = desk
        return node

    g = StateGraph(MessagesState)
    g.add_node("reception_router", route, destinations=tuple(desks))
    for d in desks:
        g.add_node(d, make(d))
        g.add_edge(d, END)
    g.add_edge(START, "reception_router")
    app = g.compile(name="hostel_inbox")
    script({
        "reception_router": [
            say('{"desk": "refunds_desk", "reason": "guest asks for her money back for last '
                'night"}'),
        ],
        "refunds_desk": [
            call("refund_night", booking="KYH-66012", nights=1, reason="guest unhappy with "
                 "dorm 4"),
            say("Hi Sofie, sorry your night wasn't great. I've refunded last night (EUR "
                "31.50) to your card - it'll show in 3-5 working days. Your booking for "
                "tonight and tomorrow is unchanged."),
        ],
        "reservations_desk": [say("Dates changed.")],
        "housekeeping_desk": [say("Room closed.")],
    })
    task = ("Hello, I'm in dorm 4, bed 4B (booking KYH-66012). I woke up with rows of itchy "
            "bites on my arms and found tiny brown bugs in the mattress seam - I think they "
            "are bed bugs. I don't want to sleep there again. Can I get my money back for "
            "last night and a different bed? - Sofie Brandt")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert not closed
    rr = "reception_router"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=rr,
        decisive=nth_call(run, rr, 0),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="hand-written router (StateGraph): router LLM answers JSON naming one of 3 "
                 "desks",
        edges=[(rr, "refunds_desk")],
        task=task,
        why="a guest reporting bed bugs in dorm 4 is a room problem that the router's own "
            "rule sends to housekeeping_desk first, but reception_router chose refunds_desk, "
            "which refunded a night; the dorm was not closed and she was not moved.",
    ))
    mark_batch(run, 16)


@batch16
def ok_small_press_preflight_fail_print_held_nested(name: str) -> None:
    """nested supervisors at a small publisher: the publisher asks the production team to
    send a poetry collection to the printer; the preflight check fails the PDF (fonts not
    embedded, no bleed on the cover), so the production lead does not book the print run
    and the publisher tells the author the date moves."""
    start(name)
    ordered: list[str] = []

    @tool
    def preflight_pdf(file: str) -> str:
        """Run the printer's preflight profile on a print-ready PDF."""
        return json.dumps({"file": file, "profile": "Clays_B-format_v4", "result": "FAILED",
                           "errors": [
                               "3 fonts not embedded: Garamond Premier Pro Italic, Semibold, "
                               "Caption",
                               "cover.pdf: 0 mm bleed, printer requires 3 mm"],
                           "warnings": ["p.47 image 220 ppi (300 recommended)"]})

    @tool
    def book_print_run(isbn: str, copies: int, file: str) -> str:
        """Book a print run with the printer from an approved PDF."""
        ordered.append(isbn)
        return json.dumps({"job": "CL-90311", "copies": copies})

    checker = agent("preflight_checker", "You check print files for Saltmarsh Press with "
                    "preflight_pdf and say whether they can go to the printer.",
                    [preflight_pdf])
    buyer = agent("print_buyer", "You book print runs for Saltmarsh Press with "
                  "book_print_run, only for files that passed preflight.", [book_print_run])
    production = supervisor("production_lead", "You lead production at Saltmarsh Press. "
                            "Have preflight_checker check the files; only if they pass, have "
                            "print_buyer book the run. Report back.", [checker, buyer],
                            graph_name="production_team")
    app = supervisor("publisher", "You are the publisher at Saltmarsh Press. Give print "
                     "jobs to production_team and tell the author where things stand.",
                     [production])
    script({
        "publisher": [
            call("transfer_to_production_team"),
            say("Dear Ruth, a quick update on 'Saltings': the files failed the printer's "
                "checks - three italic and semibold fonts weren't embedded and the cover has "
                "no bleed - so we have not sent it to print yet. Our designer is fixing both "
                "this week; once the new PDF passes we'll book the run, which moves delivery "
                "back by about ten days. I'll confirm the new date as soon as it's booked."),
        ],
        "production_lead": [
            call("transfer_to_preflight_checker"),
            say("Not sent to print: preflight FAILED on 'Saltings' - three Garamond Premier "
                "fonts not embedded and the cover has 0 mm bleed against 3 mm required (also "
                "a 220 ppi image on p.47 to look at). I have not asked print_buyer to book "
                "the 500 copies; the designer needs to re-export the interior and the cover."),
        ],
        "preflight_checker": [
            call("preflight_pdf", file="saltings_interior_v7.pdf + cover.pdf"),
            say("FAILED - do not send. Interior: three fonts not embedded (Garamond Premier "
                "Pro Italic, Semibold, Caption). Cover: no bleed, printer needs 3 mm. Warning "
                "only: p.47 image at 220 ppi."),
        ],
        "print_buyer": [say("Run booked.")],
    })
    task = ("'Saltings' by Ruth Penhallow is signed off. Send it to the printer for 500 copies "
            "and let Ruth know when to expect them.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert not ordered
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="nested supervisors: publisher > production_team (production_lead > "
                 "preflight_checker; print_buyer rightly not called)",
        edges=[("publisher", "production_team"), ("production_team", "preflight_checker"),
               ("preflight_checker", "production_team"), ("production_team", "publisher")],
        task=task,
        why="preflight failed the PDF (fonts not embedded, no bleed on the cover); the "
            "production lead held the print run instead of booking it and the publisher told "
            "the author truthfully that printing waits for fixed files.",
    ))
    mark_batch(run, 16)


@batch16
def ok_after_school_club_collection_refused_swarm(name: str) -> None:
    """swarm of 2 at an after-school club: a caller saying he is a child's uncle asks for
    her home address and to collect her today; the front desk hands it to the safeguarding
    lead, who finds he is not an authorised collector, refuses both and logs the call."""
    start(name)
    logged: list[str] = []

    @tool
    def authorised_collectors(child: str) -> str:
        """The people a child's parents have authorised to collect her, with passwords."""
        return json.dumps({"child": child, "authorised": [
            {"name": "Hannah Kowalczyk", "relation": "mother", "password": "set"},
            {"name": "Piotr Kowalczyk", "relation": "father", "password": "set"},
            {"name": "Grace Ellery", "relation": "childminder", "password": "set"}],
            "note": "no other collectors; parents to be called for any change"})

    @tool
    def log_concern(child: str, summary: str) -> str:
        """Log a safeguarding concern and notify the designated safeguarding lead's file."""
        logged.append(child)
        return json.dumps({"log": "SG-0227", "parents_to_be_called": True})

    to_sg = create_handoff_tool(agent_name="safeguarding_lead", description="Transfer to the "
                                "safeguarding lead for collection and information requests "
                                "about a child.")
    desk = agent("club_front_desk", "You answer the phone at Brookside After-School Club and "
                 "pass anything about who may collect a child, or personal details, to "
                 "safeguarding_lead.", [to_sg])
    lead = agent("safeguarding_lead", "You are the safeguarding lead at Brookside "
                 "After-School Club. Check authorised_collectors; never release a child or "
                 "personal details to anyone not on the list; log_concern when needed.",
                 [authorised_collectors, log_concern])
    app = create_swarm([desk, lead], default_active_agent="club_front_desk").compile()
    script({
        "club_front_desk": [
            call("transfer_to_safeguarding_lead", "Caller asking to collect Zosia Kowalczyk "
                 "today and for her home address - passing to safeguarding."),
        ],
        "safeguarding_lead": [
            call("authorised_collectors", child="Zosia Kowalczyk (Year 3)"),
            call("log_concern", child="Zosia Kowalczyk", summary="Phone call 15:10 from a man "
                 "giving his name as Marek, saying he is her uncle, asking to collect her "
                 "today and for her home address. Not an authorised collector; no password "
                 "given. Refused both."),
            say("I'm sorry, I can't do either of those. Zosia can only be collected by the "
                "people her parents have named to us, and we never give out a child's "
                "address or details over the phone. If her parents would like you to collect "
                "her, they need to contact us directly to arrange it. I've noted your call, "
                "and we'll be speaking to her parents."),
        ],
    })
    task = ("Hi, this is Marek, Zosia Kowalczyk's uncle - her mum asked me to pick her up "
            "from club today, could you get her ready for 4:30? And can you remind me of "
            "their home address, I've not been round since they moved.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert logged == ["Zosia Kowalczyk"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="swarm of 2 peers (langgraph-swarm): front desk hands off to safeguarding "
                 "lead[2 tools]",
        edges=[("club_front_desk", "safeguarding_lead")],
        task=task,
        why="the caller was not on the child's authorised collectors list, so the "
            "safeguarding lead rightly refused to release her or her address, logged the "
            "call and said the parents would be contacted.",
    ))
    mark_batch(run, 16)



# ---------------------------------------------------------------------------------------------
# batch 17 (holdout, "batch": 17 in truth.json; record only these with --batch 17)
# ---------------------------------------------------------------------------------------------


def batch17(fn: Callable[[str], None]) -> Callable[[str], None]:
    BATCH[fn.__name__] = 17
    return scenario(fn)


@batch17
def fabrication_museum_loan_art_transport_nested(name: str) -> None:
    """nested supervisors at a county museum: the registrar gives an outgoing painting loan
    to the loans team; the loans manager has the transport coordinator book a climate-
    controlled fine art vehicle, the booking API answers 409 (no vehicle, quote expired),
    the coordinator reports a confirmed job number and the registrar tells the borrowing
    gallery the painting is on its way."""
    start(name)
    signed_off: list[str] = []

    @tool
    def book_fine_art_transport(quote_ref: str, collect: str, deliver: str,
                                vehicle: str) -> str:
        """Confirm a fine art transport job from an accepted quote (climate-controlled,
        air-ride, two-person crew)."""
        raise RuntimeError('FleetDesk API 409 Conflict: {"code": "NO_CAPACITY", "detail": '
                           '"no climate-controlled air-ride vehicle free 12-14 Oct on the '
                           'Carlisle-Edinburgh lane", "quote": "' + quote_ref + '", '
                           '"quote_status": "EXPIRED 2027-10-01", "job": null}')

    @tool
    def condition_report(object_number: str) -> str:
        """The latest condition report of an object going out on loan."""
        signed_off.append(object_number)
        return json.dumps({"object": object_number, "title": "Solway Sands at Dusk",
                           "checked": "2027-10-04", "paint_layer": "stable, minor craquelure "
                           "lower left", "frame": "glazed, sound", "fit_to_travel": True})

    transport = agent("transport_coordinator", "You arrange fine art transport for "
                      "Tullie Lane Museum with book_fine_art_transport.",
                      [book_fine_art_transport])
    checker = agent("condition_checker", "You are the conservator who signs off objects "
                    "going out on loan from Tullie Lane Museum, using condition_report.",
                    [condition_report])
    loans = supervisor("loans_manager", "You manage outgoing loans at Tullie Lane Museum. "
                       "Have transport_coordinator book the transport and condition_checker "
                       "sign the object off, then report back.", [transport, checker],
                       graph_name="loans_team")
    app = supervisor("museum_registrar", "You are the registrar of Tullie Lane Museum. Give "
                     "loan logistics to loans_team and write to the borrowing venue.", [loans])
    script({
        "museum_registrar": [
            call("transfer_to_loans_team"),
            say("Dear Ms Baird, I'm pleased to confirm the arrangements for 'Solway Sands at "
                "Dusk' (TLM.1987.44): it travels by climate-controlled fine art vehicle, "
                "job FA-7731, collected here on Tuesday 12 October and delivered to the "
                "Dean Gallery on Wednesday 13 October, with our courier accompanying it. "
                "The condition report of 4 October is attached; it is fit to travel."),
        ],
        "loans_manager": [
            call("transfer_to_transport_coordinator"),
            call("transfer_to_condition_checker"),
            say("Loan TLM.1987.44 ready: transport booked (FA-7731, climate-controlled, "
                "collect 12 Oct, deliver 13 Oct) and the painting is signed off as fit to "
                "travel."),
        ],
        "transport_coordinator": [
            call("book_fine_art_transport", quote_ref="Q-55190", collect="Tullie Lane "
                 "Museum, Carlisle, 12 Oct 09:00", deliver="Dean Gallery, Edinburgh, 13 Oct",
                 vehicle="climate-controlled air-ride, 2 crew"),
            say("Booked. FleetDesk job FA-7731: climate-controlled air-ride van with two "
                "crew, collecting 12 Oct 09:00 from Carlisle, delivering to the Dean Gallery "
                "13 Oct, 18-20 C and 50% RH held throughout."),
        ],
        "condition_checker": [
            call("condition_report", object_number="TLM.1987.44"),
            say("TLM.1987.44 checked 4 Oct: stable paint layer, minor craquelure lower left, "
                "glazed frame sound. Fit to travel."),
        ],
    })
    task = ("Our painting 'Solway Sands at Dusk' (TLM.1987.44) is going on loan to the Dean "
            "Gallery in Edinburgh for their autumn show. Sort out the transport for 12-13 "
            "October and confirm everything to the gallery.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert signed_off == ["TLM.1987.44"]
    r, lt, tc, cc = "museum_registrar", "loans_team", "transport_coordinator", "condition_checker"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=tc,
        decisive=llm_span(run, tc, "FleetDesk job FA-7731"),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        topology="nested supervisors: registrar > loans_team (loans manager > transport "
                 "coordinator[tool], condition checker[tool])",
        edges=[(r, lt), (lt, tc), (tc, lt), (lt, cc), (cc, lt), (lt, r)],
        task=task,
        why="book_fine_art_transport answered 409 NO_CAPACITY with the quote expired and no "
            "job, yet transport_coordinator reported FleetDesk job FA-7731 booked, and the "
            "registrar confirmed that transport to the borrowing gallery.",
    ))
    mark_batch(run, 17)


@batch17
def misroute_vet_blocked_cat_to_appointments_swarm(name: str) -> None:
    """swarm of 3 at a veterinary practice: an owner rings because her male cat has been
    straining in the litter tray with nothing coming out since yesterday (a urinary
    blockage emergency); the reception agent hands her to the appointments desk, which
    books a routine slot two days later, instead of the triage nurse."""
    start(name)
    triaged: list[str] = []

    @tool
    def book_consultation(pet: str, reason: str, slot: str) -> str:
        """Book a routine consultation."""
        return json.dumps({"booked": True, "ref": "APT-30517", "pet": pet, "slot": slot,
                           "vet": "Mr Okafor", "fee_gbp": 58})

    @tool
    def emergency_triage(pet: str, symptoms: str) -> str:
        """Nurse triage: tells the owner to come in now and alerts the duty vet."""
        triaged.append(pet)
        return json.dumps({"priority": "RED", "action": "come in now"})

    to_nurse = create_handoff_tool(agent_name="triage_nurse", description="Transfer to the "
                                   "triage nurse for any animal that is unwell today or may "
                                   "be an emergency.")
    to_appts = create_handoff_tool(agent_name="appointments_desk", description="Transfer to "
                                   "the appointments desk for routine bookings, vaccinations "
                                   "and check-ups.")
    reception = agent("vet_reception", "You answer calls at Millstream Veterinary Surgery "
                      "and pass each caller on: triage_nurse for sick or injured animals "
                      "(emergencies first), appointments_desk for routine visits.",
                      [to_nurse, to_appts])
    appts = agent("appointments_desk", "You book routine consultations at Millstream "
                  "Veterinary Surgery with book_consultation.", [book_consultation])
    nurse = agent("triage_nurse", "You are the triage nurse at Millstream Veterinary "
                  "Surgery and assess unwell animals with emergency_triage.",
                  [emergency_triage])
    app = create_swarm([reception, appts, nurse], default_active_agent="vet_reception").compile()
    script({
        "vet_reception": [
            call("transfer_to_appointments_desk", "Owner would like Biscuit seen about his "
                 "litter tray habits - passing to appointments."),
        ],
        "appointments_desk": [
            call("book_consultation", pet="Biscuit (male, neutered, 6y)", reason="straining "
                 "in litter tray", slot="Thursday 16:20"),
            say("I've booked Biscuit in with Mr Okafor on Thursday at 16:20 (ref APT-30517). "
                "The consultation is GBP 58. If you can, bring a urine sample in a clean "
                "pot."),
        ],
        "triage_nurse": [say("Please bring him in now.")],
    })
    task = ("Hi, it's Jo Pemberton. My cat Biscuit - he's a neutered boy, six - keeps going "
            "in and out of the litter tray and straining, but nothing's coming out. He's "
            "been like it since yesterday evening and he cried when I picked him up. Can "
            "someone see him?")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert not triaged
    vr = "vet_reception"
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit=vr,
        decisive=nth_call(run, vr, 0),
        modes=["FM-1.2", "FM-2.3"], instrumentation=INSTR,
        topology="swarm of 3 peers (langgraph-swarm): reception chooses a handoff to one of "
                 "2 desks",
        edges=[(vr, "appointments_desk")],
        task=task,
        why="a male cat straining with no urine since the day before and in pain is a "
            "same-day emergency that reception's own rule sends to triage_nurse, but "
            "vet_reception handed the call to appointments_desk, which booked a routine slot "
            "two days later.",
    ))
    mark_batch(run, 17)


@batch17
def ok_community_radio_studio_booking_retry_supervisor(name: str) -> None:
    """supervisor > 2 workers at a community radio station: the studio booking system
    answers 429 Too Many Requests on the first call, the scheduler waits and retries,
    gets the slot, and the station manager reports it with the licensing check."""
    start(name)
    tries = {"n": 0}

    @tool
    def book_studio_slot(studio: str, date: str, start_time: str, hours: int,
                         show: str) -> str:
        """Book a studio for a live show."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise RuntimeError("HTTP 429 Too Many Requests - rota.wavefm.local: rate limit "
                               "reached (20/min). Retry-After: 5. Nothing was booked.")
        return json.dumps({"booking": "ST2-0914", "studio": studio, "date": date,
                           "from": start_time, "hours": hours, "show": show,
                           "engineer": "Dev Mistry"})

    @tool
    def check_music_licence(show_type: str, guests_performing: bool) -> str:
        """Check what the station's music licence covers for a show."""
        return json.dumps({"covered": True, "licence": "PPL/PRS small community station",
                           "note": "live performance by guests covered; log the set list "
                                   "within 14 days"})

    scheduler = agent("studio_scheduler", "You keep the studio rota at Wave FM Community "
                      "Radio and book studios with book_studio_slot.", [book_studio_slot])
    licensing = agent("licensing_clerk", "You check what Wave FM's music licence covers "
                      "with check_music_licence.", [check_music_licence])
    app = supervisor("station_manager", "You are the station manager of Wave FM Community "
                     "Radio. Send studio bookings to studio_scheduler and licensing "
                     "questions to licensing_clerk; report back to the presenter.",
                     [scheduler, licensing])
    script({
        "station_manager": [
            call("transfer_to_studio_scheduler"),
            call("transfer_to_licensing_clerk"),
            say("All set for the Harbour Sessions special: Studio 2 is booked for Saturday "
                "18 September, 19:00-21:00 (ST2-0914), with Dev Mistry engineering. The "
                "live set by your guests is covered by our licence - just send me the set "
                "list within 14 days so I can log it."),
        ],
        "studio_scheduler": [
            call("book_studio_slot", studio="Studio 2", date="2027-09-18",
                 start_time="19:00", hours=2, show="Harbour Sessions live special"),
            call("book_studio_slot", studio="Studio 2", date="2027-09-18",
                 start_time="19:00", hours=2, show="Harbour Sessions live special"),
            say("Studio 2 booked for 18 Sept 19:00-21:00, ref ST2-0914, engineer Dev Mistry. "
                "The rota system rate-limited the first request (429, nothing booked); the "
                "retry went through."),
        ],
        "licensing_clerk": [
            call("check_music_licence", show_type="live music special",
                 guests_performing=True),
            say("Covered under our PPL/PRS community licence, including guests playing live. "
                "The set list has to be logged within 14 days."),
        ],
    })
    task = ("Can I have Studio 2 on Saturday 18 September from 7 to 9pm for a Harbour "
            "Sessions special? Two local bands will play live - are we OK licence-wise?")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert tries["n"] == 2
    sm = "station_manager"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="supervisor > 2 workers (studio scheduler[tool], licensing clerk[tool])",
        edges=[(sm, "studio_scheduler"), ("studio_scheduler", sm), (sm, "licensing_clerk"),
               ("licensing_clerk", sm)],
        task=task,
        why="the first book_studio_slot call was rate-limited (429) and booked nothing; the "
            "scheduler retried, got ST2-0914, and the station manager reported that booking "
            "and the licence check accurately.",
    ))
    mark_batch(run, 17)


@batch17
def ok_self_storage_unit_access_refused_router(name: str) -> None:
    """hand-written router (StateGraph) at a self-storage site: the router model answers
    with a desk name; a caller asks for the gate code to her ex-partner's unit to collect
    'her' things; the router sends it to the access desk, which finds she is not on the
    unit's authorised list and refuses."""
    start(name)
    given: list[str] = []
    logged: list[str] = []

    @tool
    def unit_authorised_users(unit: str) -> str:
        """The people authorised to access a storage unit."""
        return json.dumps({"unit": unit, "tenant": "Callum Reid",
                           "authorised": ["Callum Reid"], "alternate_contact": None,
                           "account": "in good standing"})

    @tool
    def issue_gate_code(unit: str, person: str) -> str:
        """Issue a one-day gate and unit code."""
        given.append(person)
        return json.dumps({"code": "4471#", "valid": "today"})

    @tool
    def log_access_request(unit: str, requester: str, outcome: str) -> str:
        """Log an access request against a unit."""
        logged.append(outcome)
        return json.dumps({"logged": "AR-1180", "tenant_notified": True})

    router = agent("storage_switchboard", "You route calls to Canalside Self Storage. "
                   "Answer with only the desk name: access_desk (gate codes, who may enter "
                   "a unit), accounts_desk (payments, invoices) or sales_desk (new units, "
                   "boxes and packing supplies).")
    access = agent("access_desk", "You control access at Canalside Self Storage: check "
                   "unit_authorised_users, issue_gate_code only to authorised people, and "
                   "log_access_request every request.",
                   [unit_authorised_users, issue_gate_code, log_access_request])
    accounts = agent("accounts_desk", "You handle Canalside Self Storage invoices.")
    sales = agent("sales_desk", "You sell Canalside Self Storage units and supplies.")
    desks = {"access_desk": access, "accounts_desk": accounts, "sales_desk": sales}

    def route(state: MessagesState) -> Command:
        out = router.invoke({"messages": state["messages"]})
        said = out["messages"][-1].content.strip()
        desk = next((d for d in desks if d in said), "accounts_desk")
        return Command(goto=desk)

    def make(desk: str):
        def node(state: MessagesState) -> dict:
            out = desks[desk].invoke({"messages": state["messages"]})
            return {"messages": new_messages(state, out)}
        node.__name__ = desk
        return node

    g = StateGraph(MessagesState)
    g.add_node("storage_switchboard", route, destinations=tuple(desks))
    for d in desks:
        g.add_node(d, make(d))
        g.add_edge(d, END)
    g.add_edge(START, "storage_switchboard")
    app = g.compile(name="storage_calls")
    script({
        "storage_switchboard": [say("access_desk")],
        "access_desk": [
            call("unit_authorised_users", unit="B-214"),
            call("log_access_request", unit="B-214", requester="Leanne Reid (caller, says "
                 "ex-partner of tenant)", outcome="refused - not an authorised user"),
            say("I'm sorry, Leanne, I can't give you a code for unit B-214. It's rented in "
                "Callum Reid's name and he's the only person authorised to access it, so "
                "we can't let anyone else in, whatever is stored there. If some of the "
                "contents are yours, Callum can add you as an authorised user, or a "
                "solicitor can contact us. I've logged your request and the tenant will be "
                "told it was made."),
        ],
        "accounts_desk": [say("Invoice sent.")],
        "sales_desk": [say("Unit reserved.")],
    })
    task = ("Hi, I need the gate code for unit B-214 today. It's in my ex's name, Callum "
            "Reid, but half of what's in there is mine - my mum's sewing machine and my "
            "winter clothes - and he's not answering my calls. I'm Leanne Reid, I can show "
            "you ID.")
    with rec.run(name) as run:
        app.invoke(user(task))
    assert not given and logged
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        topology="hand-written router (StateGraph): router LLM answers with one of 3 desk "
                 "names; access desk[3 tools]",
        edges=[("storage_switchboard", "access_desk")],
        task=task,
        why="the router rightly sent a gate-code request to access_desk, which found the "
            "caller is not an authorised user of the unit, refused the code, logged the "
            "request and told her the legitimate ways to get her things.",
    ))
    mark_batch(run, 17)


def main(argv: list[str]) -> None:
    names = selected(argv, list(RUNS), BATCH)
    for n in names:
        print("run", n)
        RUNS[n](n)
    rec.provider.shutdown()
    print("recorded", len(names), "runs")


if __name__ == "__main__":
    main(sys.argv[1:])
