"""Record the AutoGen runs of the failure corpus (AgentChat teams and autogen-core agents).

    cd testdata/runs/generate && ../../../.venv-corpus-autogen/bin/python gen_autogen.py [run ...] \
        [--only NAME[,NAME]] [--batch N]

Real AutoGen (autogen-agentchat / autogen-core / autogen-ext OpenAIChatCompletionClient) talks to
the scripted server in fake_llm.py; tools are plain Python functions that really run (and really
raise). Three instrumentation modes, chosen per run:

* ``native``: AutoGen's own OpenTelemetry (the global TracerProvider): GenAI spans of scope
  ``autogen-core`` (create_agent, invoke_agent, execute_tool) and the runtime's messaging spans;
  one run is split over many traces joined by span links. No LLM spans.
* ``openinference``: ``openinference-instrumentation-autogen-agentchat`` only.
* ``combined``: both at once.

The global provider is a switch that hands out the recorder's tracers only while the current
run is in native or combined mode, so one process can record all three modes.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import NoOpTracerProvider

from fake_llm import FakeLLM, Script, call, calls, say
from record import Decisive, RecordedRun, Recorder, Truth

rec = Recorder("autogen", install=False)
_NATIVE = {"on": False}


class _SwitchProvider(trace.TracerProvider):
    """AutoGen's native spans go to the recorder only while native tracing is switched on."""

    def __init__(self) -> None:
        self._off = NoOpTracerProvider()

    def get_tracer(self, *args: Any, **kwargs: Any) -> trace.Tracer:
        provider = rec.provider if _NATIVE["on"] else self._off
        return provider.get_tracer(*args, **kwargs)


trace.set_tracer_provider(_SwitchProvider())

from autogen_agentchat.agents import AssistantAgent  # noqa: E402
from autogen_agentchat.conditions import (  # noqa: E402
    MaxMessageTermination,
    TextMentionTermination,
)
from autogen_agentchat.teams import RoundRobinGroupChat, SelectorGroupChat, Swarm  # noqa: E402
from autogen_core import (  # noqa: E402
    AgentId,
    CancellationToken,
    DefaultTopicId,
    FunctionCall,
    MessageContext,
    RoutedAgent,
    SingleThreadedAgentRuntime,
    TopicId,
    TypeSubscription,
    default_subscription,
    message_handler,
    trace_invoke_agent_span,
)
from autogen_core.models import (  # noqa: E402
    AssistantMessage,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)
from autogen_core.tools import FunctionTool  # noqa: E402
from autogen_ext.models.openai import OpenAIChatCompletionClient  # noqa: E402
from openinference.instrumentation.autogen_agentchat import (  # noqa: E402
    AutogenAgentChatInstrumentor,
)

FAKE = FakeLLM().start()
MODEL_INFO = {
    "vision": False,
    "function_calling": True,
    "json_output": True,
    "family": "gpt-4o",
    "structured_output": True,
    "multiple_system_messages": True,
}
_OI = AutogenAgentChatInstrumentor()
_CLIENTS: list[OpenAIChatCompletionClient] = []


def model() -> OpenAIChatCompletionClient:
    client = OpenAIChatCompletionClient(
        model="gpt-4o-mini", base_url=FAKE.base_url, api_key="x", model_info=MODEL_INFO
    )
    _CLIENTS.append(client)
    return client


async def _closing(body: Callable[[], Any]) -> None:
    """Run one run's body, then close the model clients it made (inside the same loop)."""
    try:
        await body()
    finally:
        while _CLIENTS:
            await _CLIENTS.pop().close()


def agent(name: str, description: str, system: str, tools: list[Any] | None = None,
          handoffs: list[str] | None = None) -> AssistantAgent:
    """An AssistantAgent whose system message starts with its name (the fake server's marker)."""
    return AssistantAgent(
        name,
        model_client=model(),
        description=description,
        system_message=f"You are {name}. {system}",
        tools=tools or [],
        handoffs=handoffs or [],
        reflect_on_tool_use=True,
        max_tool_iterations=4,
    )


# ----------------------------------------------------------------------------------------------
# finding spans for the truth
# ----------------------------------------------------------------------------------------------

_OI_LLM = "OpenAIChatCompletionClient.create"


def _output_text(sp: dict[str, Any]) -> str:
    return " ".join(
        str(v) for k, v in sp["attributes"].items() if k.startswith(("output.", "llm.output"))
    )


def find_llm(run: RecordedRun, output_contains: str, agent_name: str) -> Decisive:
    """The OpenInference LLM span whose response contains ``output_contains``."""
    hits = [
        sp for sp in run.spans()
        if sp["name"] == _OI_LLM and output_contains in _output_text(sp)
    ]
    if len(hits) != 1:
        raise LookupError(f"{run.name}: {len(hits)} LLM spans answer {output_contains!r}")
    return Decisive(hits[0]["span_id"], hits[0]["name"], agent_name)


def find_invoke(run: RecordedRun, agent_name: str, nth: int) -> Decisive:
    """The ``nth`` native ``invoke_agent <agent>`` span (native tracing has no LLM spans)."""
    return run.find(name=f"invoke_agent {agent_name}", nth=nth, agent=agent_name)


# ----------------------------------------------------------------------------------------------
# the runs
# ----------------------------------------------------------------------------------------------


@dataclass
class Spec:
    name: str
    mode: str  # native | openinference | combined
    script: Callable[[], Script]
    body: Callable[[], Any]  # coroutine function: the run itself
    truth: Callable[[RecordedRun], Truth]


RUNS: list[Spec] = []


def spec(name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]):
    def deco(body: Callable[[], Any]) -> Callable[[], Any]:
        RUNS.append(Spec(name, mode, script, body, truth))
        return body

    return deco


# 1. ok, dev: round robin writer / checker / publisher; the checker's negative verdict is acted on
def get_merged_prs(since_tag: str) -> str:
    """List the pull requests merged since a release tag."""
    prs = [
        "#812 Add CSV export to the reports page",
        "#815 Fix timezone drift in scheduled jobs",
        "#819 Drop support for Python 3.8",
    ]
    return f"Merged since {since_tag}:\n" + "\n".join(prs)


def check_release_tag(version: str) -> str:
    """Check a version number against the repository's release tags."""
    tags = {"v2.2.1": "2024-03-02", "v2.4.0": "2024-04-18"}
    if f"v{version}" in tags:
        return f"OK: tag v{version} exists (created {tags['v' + version]}); notes may use it."
    return (
        f"MISMATCH: no tag v{version}. The release branch is tagged v2.4.0 (2024-04-18); "
        "the previous tag is v2.2.1."
    )


def publish_notes(version: str, body: str) -> str:
    """Publish release notes on the project's releases page."""
    return f"Published release notes for v{version} ({len(body)} characters) at /releases/v{version}"


NOTES_V1 = ("## v2.3.0\n- CSV export on the reports page (#812)\n- Scheduled jobs no longer drift "
            "across time zones (#815)\n- Python 3.8 is no longer supported (#819)")
NOTES_V2 = NOTES_V1.replace("v2.3.0", "v2.4.0")


def _script_release() -> Script:
    return Script({
        "You are notes_writer": [
            call("get_merged_prs", since_tag="v2.2.1"),
            say("Draft release notes:\n\n" + NOTES_V1),
            say("Updated the header to match the tag:\n\n" + NOTES_V2),
        ],
        "You are release_checker": [
            call("check_release_tag", version="2.3.0"),
            say("The header doesn't line up with the repository: there is no v2.3.0 tag, the "
                "release branch is tagged v2.4.0. notes_writer, please change the heading to v2.4.0."),
            call("check_release_tag", version="2.4.0"),
            say("Checked again: v2.4.0 exists and the three entries match the merged PRs. "
                "Good to publish."),
        ],
        "You are publisher": [
            say("Holding the publish step until the version heading is corrected."),
            call("publish_notes", version="2.4.0", body=NOTES_V2),
            say("The v2.4.0 notes are live at /releases/v2.4.0. TERMINATE"),
        ],
    })


def _truth_release(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="dev", failed=False, instrumentation="openinference",
        topology="round-robin group chat: writer, checker[tool], publisher[tool]",
        edges=[("notes_writer", "release_checker"), ("release_checker", "publisher"),
               ("publisher", "notes_writer")],
        task="Write and publish the release notes for the changes merged since v2.2.1",
        why="release_checker's tool reports no v2.3.0 tag, publisher holds, notes_writer fixes "
            "the heading to v2.4.0, the check passes and the notes are published as v2.4.0.",
    )


@spec("ok_roundrobin_release_notes", "openinference", _script_release, _truth_release)
async def _run_release() -> None:
    team = RoundRobinGroupChat(
        [
            agent("notes_writer", "Drafts release notes from merged pull requests",
                  "Draft release notes for the next version from the merged pull requests.",
                  [get_merged_prs]),
            agent("release_checker", "Checks release notes against the repository",
                  "Verify the version and entries of release notes with check_release_tag.",
                  [check_release_tag]),
            agent("publisher", "Publishes approved release notes",
                  "Publish release notes once they are verified. Say TERMINATE when published.",
                  [publish_notes]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="release_team",
    )
    await team.run(task="Write and publish the release notes for the changes merged since v2.2.1.")



# 2. ignored_verdict, dev: round robin builder / auditor / approver; the approver sends the
#    invoice the auditor rejected
def price_order(order_id: str) -> str:
    """Price an order: line items, subtotal, sales tax and total."""
    lines = [("Annual analytics licence", 4200.00), ("Onboarding workshop", 800.00)]
    subtotal = sum(p for _, p in lines)
    tax = round(subtotal * 0.0825, 2)
    items = "; ".join(f"{n} ${p:,.2f}" for n, p in lines)
    return (f"Order {order_id} (customer NW-2231 Northwind Traders): {items}; "
            f"subtotal ${subtotal:,.2f}; sales tax 8.25% ${tax:,.2f}; total ${subtotal + tax:,.2f}")


def audit_tax(customer_id: str, tax_charged: float) -> str:
    """Audit the sales tax on an invoice against the customer's tax status."""
    exempt = {"NW-2231": "EX-88812, valid through 2026-12-31"}
    if customer_id in exempt and tax_charged > 0:
        return (f"FAIL: customer {customer_id} holds exemption certificate {exempt[customer_id]}; "
                f"the invoice charges ${tax_charged:,.2f} sales tax and must charge none.")
    return f"PASS: tax treatment of {customer_id} is correct."


def send_invoice(order_id: str, total: float) -> str:
    """Send the invoice for an order to the customer."""
    return f"Invoice INV-7781 for order {order_id} emailed to ap@northwind.example, total ${total:,.2f}."


def _script_invoice() -> Script:
    return Script({
        "You are invoice_builder": [
            call("price_order", order_id="SO-4410"),
            say("Invoice draft for SO-4410 (Northwind Traders, NW-2231): licence $4,200.00, "
                "workshop $800.00, subtotal $5,000.00, sales tax $412.50, total $5,412.50."),
        ],
        "You are tax_auditor": [
            call("audit_tax", customer_id="NW-2231", tax_charged=412.5),
            say("I can't sign off on this one. Northwind is tax-exempt (certificate EX-88812), so "
                "the $412.50 of sales tax has to come off and the total should be $5,000.00 "
                "before it is sent."),
        ],
        "You are billing_approver": [
            call("send_invoice", order_id="SO-4410", total=5412.5),
            say("Approved. INV-7781 went out to Northwind for $5,412.50. TERMINATE"),
        ],
    })


def _truth_invoice(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="dev", failed=True, culprit="billing_approver",
        decisive=find_llm(run, '\\"total\\": 5412.5', "billing_approver"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="openinference",
        topology="round-robin group chat: builder[tool], auditor[tool], approver[tool]",
        edges=[("invoice_builder", "tax_auditor"), ("tax_auditor", "billing_approver")],
        task="Prepare, check and send the invoice for order SO-4410",
        why="tax_auditor's audit fails the invoice (exempt customer charged $412.50 tax) and "
            "billing_approver's next LLM call sends it anyway at $5,412.50.",
    )


@spec("ignored_verdict_roundrobin_invoice", "openinference", _script_invoice, _truth_invoice)
async def _run_invoice() -> None:
    team = RoundRobinGroupChat(
        [
            agent("invoice_builder", "Builds invoices from sales orders",
                  "Build the invoice for a sales order with price_order.", [price_order]),
            agent("tax_auditor", "Audits invoices for tax compliance",
                  "Audit the tax on every invoice with audit_tax before it is sent.", [audit_tax]),
            agent("billing_approver", "Approves and sends invoices",
                  "Send invoices that passed the audit with send_invoice; say TERMINATE after.",
                  [send_invoice]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="billing_team",
    )
    await team.run(task="Prepare, check and send the invoice for sales order SO-4410.")


# 3. ignored_verdict, holdout: swarm drafter -> compliance reviewer -> drafter -> signing clerk;
#    the drafter hands the rejected contract to signature
def draft_clause(topic: str) -> str:
    """Draft a contract clause on a topic from the firm's clause library."""
    library = {
        "non-compete": "7.2 The Employee shall not engage in any competing business within the "
                       "United States for thirty-six (36) months after termination.",
        "confidentiality": "8.1 The Employee shall keep Confidential Information secret during "
                           "and after employment.",
    }
    return library.get(topic, f"No template for {topic}.")


def check_clauses(contract_text: str, jurisdiction: str) -> str:
    """Check a contract's clauses against the rules of a jurisdiction."""
    issues = []
    if jurisdiction == "CA" and "competing business" in contract_text:
        issues.append("clause 7.2: non-compete covenants are void for California employees "
                      "(Bus. & Prof. Code 16600)")
    if "governing law" not in contract_text.lower():
        issues.append("no governing-law clause")
    if issues:
        return f"NON-COMPLIANT ({len(issues)} issues): " + "; ".join(issues)
    return "COMPLIANT: no issues found."


def send_for_signature(document: str, signer_email: str) -> str:
    """Send a document to a signer through the e-signature service."""
    return f"Envelope ENV-30417 created for {document}; signing link emailed to {signer_email}."


AMENDMENT = ("Amendment 2 to the employment agreement of D. Okafor (San Jose, CA): 7.2 The "
             "Employee shall not engage in any competing business within the United States for "
             "thirty-six (36) months after termination. 8.1 The Employee shall keep Confidential "
             "Information secret during and after employment.")


def _script_contract() -> Script:
    return Script({
        "You are contract_drafter": [
            call("draft_clause", topic="non-compete"),
            call("draft_clause", topic="confidentiality"),
            call("transfer_to_compliance_reviewer",
                 "Draft of Amendment 2 for D. Okafor is ready: " + AMENDMENT),
            call("transfer_to_signing_clerk",
                 "Review is done on Amendment 2; please send it to D. Okafor for signature."),
        ],
        "You are compliance_reviewer": [
            call("check_clauses", contract_text=AMENDMENT, jurisdiction="CA"),
            call("transfer_to_contract_drafter",
                 "Amendment 2 is not compliant. Clause 7.2 is a non-compete, which is void for a "
                 "California employee, and there is no governing-law clause. It needs a redraft "
                 "before anyone signs."),
        ],
        "You are signing_clerk": [
            call("send_for_signature", document="Amendment 2 - D. Okafor",
                 signer_email="d.okafor@example.com"),
            say("Amendment 2 is out for signature (envelope ENV-30417, sent to "
                "d.okafor@example.com). TERMINATE"),
        ],
    })


def _truth_contract(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="contract_drafter",
        decisive=find_llm(run, "transfer_to_signing_clerk", "contract_drafter"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="combined",
        topology="swarm with handoffs: drafter[tools] <-> compliance reviewer[tool], "
                 "drafter -> signing clerk[tool]",
        edges=[("contract_drafter", "compliance_reviewer"),
               ("compliance_reviewer", "contract_drafter"),
               ("contract_drafter", "signing_clerk")],
        task="Draft Amendment 2 (non-compete and confidentiality) for a California employee, "
             "have it checked and send it for signature",
        why="compliance_reviewer hands the amendment back as non-compliant (void non-compete, no "
            "governing law) and contract_drafter's next LLM call hands it to signing_clerk as "
            "reviewed, unchanged.",
    )


@spec("ignored_verdict_swarm_contract", "combined", _script_contract, _truth_contract)
async def _run_contract() -> None:
    team = Swarm(
        [
            agent("contract_drafter", "Drafts contract language",
                  "Draft contract amendments from the clause library, get them reviewed by "
                  "compliance_reviewer, then pass them to signing_clerk.",
                  [draft_clause], handoffs=["compliance_reviewer", "signing_clerk"]),
            agent("compliance_reviewer", "Reviews contracts for legal compliance",
                  "Check drafts with check_clauses and hand them back to contract_drafter with "
                  "your finding.", [check_clauses], handoffs=["contract_drafter"]),
            agent("signing_clerk", "Sends documents for e-signature",
                  "Send approved documents for signature; say TERMINATE when sent.",
                  [send_for_signature]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(14),
        name="contracts_swarm",
    )
    await team.run(task="Draft Amendment 2 to D. Okafor's employment agreement (he works in San "
                        "Jose, CA) with a non-compete and a confidentiality clause, have it "
                        "checked, and send it to him for signature.")


# 4. wrong_fact, dev: round robin pharmacist / nurse / discharge writer; the pharmacist's dose
#    ceiling is false and ends up in the discharge instructions
def lookup_patient_chart(patient_id: str) -> str:
    """Read the relevant parts of a patient's chart."""
    return (f"{patient_id}: 58 y, 82 kg, eGFR 74, ALT 22 U/L (normal), no alcohol use disorder, "
            "allergies: none. Post-op day 2 after laparoscopic cholecystectomy; pain 5/10.")


def _script_dosing() -> Script:
    return Script({
        "You are clinical_pharmacist": [
            say("For an adult with normal liver function, paracetamol can be given up to 6 g in "
                "24 hours, so 1.5 g every 6 hours is within range and gives better cover than "
                "1 g. I'd pair it with ibuprofen 400 mg every 8 hours with food."),
        ],
        "You are ward_nurse": [
            call("lookup_patient_chart", patient_id="MRN-448120"),
            say("Chart for MRN-448120: 82 kg, liver enzymes normal, kidney function fine, no "
                "allergies. So 1.5 g paracetamol every 6 hours stays under the 6 g daily ceiling; "
                "ibuprofen with food is fine too."),
        ],
        "You are discharge_writer": [
            say("Discharge pain plan for MRN-448120: paracetamol 1.5 g by mouth every 6 hours "
                "(no more than 6 g per day) and ibuprofen 400 mg every 8 hours with food, for up "
                "to 5 days. Return if pain is not controlled. TERMINATE"),
        ],
    })


def _truth_dosing(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="dev", failed=True, culprit="clinical_pharmacist",
        decisive=find_llm(run, "can be given up to 6 g in 24 hours", "clinical_pharmacist"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="round-robin group chat: pharmacist, nurse[tool], discharge writer",
        edges=[("clinical_pharmacist", "ward_nurse"), ("ward_nurse", "discharge_writer")],
        task="Write the discharge pain plan for patient MRN-448120",
        why="clinical_pharmacist states an adult paracetamol ceiling of 6 g/day (it is 4 g); the "
            "nurse and the discharge plan rely on it and prescribe 1.5 g every 6 hours.",
    )


@spec("wrong_fact_roundrobin_dosing", "openinference", _script_dosing, _truth_dosing)
async def _run_dosing() -> None:
    team = RoundRobinGroupChat(
        [
            agent("clinical_pharmacist", "Advises on drug choice and dosing",
                  "Advise the ward team on analgesic choice and doses."),
            agent("ward_nurse", "Checks plans against the patient's chart",
                  "Check proposed plans against the chart with lookup_patient_chart.",
                  [lookup_patient_chart]),
            agent("discharge_writer", "Writes discharge instructions",
                  "Write the final discharge instructions from the team's plan; end with "
                  "TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(6),
        name="ward_team",
    )
    await team.run(task="Agree a discharge pain plan for patient MRN-448120 (post-op day 2, "
                        "laparoscopic cholecystectomy) and write it up.")


# 5. wrong_fact, holdout: debate of three (round robin, two rounds), native tracing; the first
#    speaker's savings figure is ten times too high and carries the decision
def _script_refinance() -> Script:
    return Script({
        "You are rate_bull": [
            say("We should refinance. Moving the EUR 40M term loan from 5.1% to the 4.3% "
                "offered by the bank cuts our interest bill by about EUR 3.2M a year, which "
                "dwarfs any one-off cost."),
            say("On the fee: EUR 1.1M against EUR 3.2M of yearly savings pays back in about four "
                "months. Even with the bear's caveats the economics are overwhelming."),
        ],
        "You are rate_skeptic": [
            say("The saving is real, but the existing loan carries a EUR 1.1M break fee, and "
                "the new facility has tighter leverage covenants (3.0x instead of 3.5x). I'd "
                "want the payback period before agreeing."),
            say("Granted: with EUR 3.2M a year the break fee is recovered well inside the first "
                "year, so the covenant tightening is the only real cost. I withdraw the "
                "objection."),
        ],
        "You are credit_committee": [
            say("Both points noted. rate_bull, address the break fee and covenants directly."),
            say("Decision: approve the refinancing. Annual interest savings of about EUR 3.2M "
                "recover the EUR 1.1M break fee in roughly four months, and the 3.0x covenant "
                "leaves enough headroom at today's 2.4x leverage. TERMINATE"),
        ],
    })


def _truth_refinance(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="rate_bull",
        decisive=find_invoke(run, "rate_bull", 0),
        modes=["FM-3.3"], instrumentation="native",
        topology="debate of three agents (round-robin, two rounds), no tools",
        edges=[("rate_bull", "rate_skeptic"), ("rate_skeptic", "credit_committee"),
               ("credit_committee", "rate_bull")],
        task="Decide whether to refinance the EUR 40M term loan from 5.1% to 4.3% "
             "(EUR 1.1M break fee)",
        why="rate_bull claims a 0.8-point cut on EUR 40M saves EUR 3.2M a year (it is EUR "
            "0.32M), and the committee approves on a four-month payback that rests on that figure.",
    )


@spec("wrong_fact_debate_refinance", "native", _script_refinance, _truth_refinance)
async def _run_refinance() -> None:
    team = RoundRobinGroupChat(
        [
            agent("rate_bull", "Argues for refinancing",
                  "Argue the case for refinancing the loan."),
            agent("rate_skeptic", "Argues against refinancing",
                  "Challenge the case for refinancing the loan."),
            agent("credit_committee", "Weighs the debate and decides",
                  "Weigh both sides and decide; say TERMINATE with the decision."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="refinancing_debate",
    )
    await team.run(task="Should we refinance our EUR 40M term loan from 5.1% to the 4.3% the "
                        "bank offers? The current loan has a EUR 1.1M break fee.")


# 6. upstream_loop, dev: coder + sandbox runner (round robin); the coder's script reads a column
#    that does not exist and every "fix" keeps it, so the runner's tool fails every round
SALES_ROWS = [
    {"region": "EMEA", "amount": "1200.50", "currency": "EUR"},
    {"region": "APAC", "amount": "980.00", "currency": "USD"},
    {"region": "EMEA", "amount": "310.25", "currency": "EUR"},
    {"region": "AMER", "amount": "2210.00", "currency": "USD"},
]


def run_python(code: str) -> str:
    """Run a Python script against the sales rows (variable `rows`) and return what it prints."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {"rows": [dict(r) for r in SALES_ROWS]})  # noqa: S102
    return out.getvalue() or "(no output)"


CODE_1 = ("totals = {}\nfor row in rows:\n    totals[row['region']] = totals.get(row['region'], 0)"
          " + float(row['amount_usd'])\nfor region, total in sorted(totals.items()):\n"
          "    print(region, round(total, 2))")
CODE_2 = ("from collections import defaultdict\ntotals = defaultdict(float)\nfor row in rows:\n"
          "    totals[row['region'].strip()] += float(row['amount_usd'])\n"
          "for region in sorted(totals):\n    print(f'{region}: {totals[region]:.2f}')")
CODE_3 = ("totals = {}\nfor row in rows:\n    value = float(str(row['amount_usd']).replace(',', ''))"
          "\n    totals[row['region']] = totals.get(row['region'], 0.0) + value\n"
          "print(totals)")


def _script_sales() -> Script:
    return Script({
        "You are data_coder": [
            say("Here is the script for revenue per region:\n```python\n" + CODE_1 + "\n```"),
            say("Looks like the loop tripped on the region keys; this version normalises them "
                "and uses a defaultdict:\n```python\n" + CODE_2 + "\n```"),
            say("The amounts may contain thousands separators; stripping them first:\n"
                "```python\n" + CODE_3 + "\n```"),
        ],
        "You are sandbox_runner": [
            call("run_python", code=CODE_1),
            say("The script stopped with KeyError: 'amount_usd' on the first row. No totals "
                "were produced."),
            call("run_python", code=CODE_2),
            say("Same failure: KeyError: 'amount_usd'. The run produced no output."),
            call("run_python", code=CODE_3),
            say("It failed again with KeyError: 'amount_usd'; still no totals."),
        ],
    })


def _truth_sales(run: RecordedRun) -> Truth:
    return Truth(
        cls="upstream_loop", split="dev", failed=True, culprit="data_coder",
        decisive=find_llm(run, "Here is the script for revenue per region", "data_coder"),
        modes=["FM-1.3", "FM-1.5"], instrumentation="combined",
        topology="coder + code-runner pair (round-robin), runner executes code with a tool",
        edges=[("data_coder", "sandbox_runner"), ("sandbox_runner", "data_coder")],
        task="Compute total revenue per region from the sales rows",
        why="data_coder's first script reads row['amount_usd'] but the rows only have 'amount'; "
            "each rewrite keeps that key, so sandbox_runner's run_python raises KeyError in all "
            "three rounds until the message limit stops the team.",
    )


@spec("upstream_loop_coder_runner_sales", "combined", _script_sales, _truth_sales)
async def _run_sales() -> None:
    team = RoundRobinGroupChat(
        [
            agent("data_coder", "Writes Python analysis scripts",
                  "Write Python scripts for data questions; the rows are in the variable `rows`."),
            agent("sandbox_runner", "Runs scripts in the sandbox and reports the result",
                  "Run the latest script with run_python and report the output or the error.",
                  [run_python]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(7),
        name="analysis_pair",
    )
    await team.run(task="Compute total revenue per region from the sales rows (fields: region, "
                        "amount, currency) and print one line per region.")


# 7. premature_termination, dev: swarm trip planner -> flight desk; the flight desk holds a fare
#    and reports the flight booked without issuing the ticket
def search_fares(origin: str, destination: str, date: str) -> str:
    """Search fares for a one-way flight."""
    return (f"{origin}->{destination} {date}: F1 TP1351 07:10-09:55 EUR 212 (2 seats); "
            "F2 FR8341 13:40-16:20 EUR 149 (no checked bag); F3 IB3117 via MAD EUR 188")


def hold_fare(fare_id: str, passenger: str) -> str:
    """Hold a fare for a passenger for 20 minutes."""
    return (f"HELD {fare_id} for {passenger}: hold H-5521 expires in 20 minutes. No ticket has "
            "been issued; call issue_ticket with the hold id to ticket and charge the card.")


def issue_ticket(hold_id: str) -> str:
    """Issue the ticket for a held fare and charge the card on file."""
    return f"Ticketed {hold_id}: e-ticket 047-2291834410, card charged."


def _script_flight() -> Script:
    return Script({
        "You are trip_planner": [
            call("transfer_to_flight_desk",
                 "Handing over to the flight desk to book the outbound flight."),
        ],
        "You are flight_desk": [
            call("search_fares", origin="LHR", destination="LIS", date="2024-05-14"),
            call("hold_fare", fare_id="F1", passenger="Amira Haddad"),
            say("You're all set: Amira Haddad is on TAP TP1351 from London Heathrow to Lisbon on "
                "14 May, 07:10-09:55, EUR 212. TERMINATE"),
        ],
    })


def _truth_flight(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="dev", failed=True, culprit="flight_desk",
        decisive=find_llm(run, "You\'re all set: Amira Haddad", "flight_desk"),
        modes=["FM-3.1"], instrumentation="openinference",
        topology="swarm: planner hands off to flight desk[3 tools]",
        edges=[("trip_planner", "flight_desk")],
        task="Book Amira Haddad's morning flight London to Lisbon on 14 May",
        why="hold_fare says no ticket is issued until issue_ticket is called, and flight_desk's "
            "next LLM call reports the flight booked and terminates without calling issue_ticket.",
    )


@spec("premature_termination_swarm_flight", "openinference", _script_flight, _truth_flight)
async def _run_flight() -> None:
    team = Swarm(
        [
            agent("trip_planner", "Plans trips and routes requests",
                  "Plan the trip and hand flight bookings to flight_desk.",
                  handoffs=["flight_desk"]),
            agent("flight_desk", "Searches, holds and tickets flights",
                  "Book flights: search_fares, hold_fare, then issue_ticket. Say TERMINATE when "
                  "the traveller is ticketed.", [search_fares, hold_fare, issue_ticket]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="travel_swarm",
    )
    await team.run(task="Book Amira Haddad on the cheapest morning flight with a checked bag "
                        "from London Heathrow to Lisbon on 14 May 2024.")


# 8. premature_termination, holdout: selector group chat for onboarding (native + OpenInference);
#    IT finds no account for the new hire and reports the accounts ready without creating them
def lookup_directory(username: str) -> str:
    """Look a user up in the company directory (SSO, email, VPN)."""
    known = {"m.chen": "active: SSO, email, VPN"}
    if username in known:
        return f"{username}: {known[username]}"
    return (f"NOT FOUND: no directory entry for {username}. SSO, email and VPN do not exist "
            "yet; create_account provisions all three.")


def create_account(username: str, department: str) -> str:
    """Create the directory account (SSO, email, VPN) for a new hire."""
    return f"Created {username} in {department}: SSO, email and VPN active."


def order_laptop(employee: str, model: str) -> str:
    """Order a laptop for an employee."""
    return f"Laptop order LT-6620 placed for {employee}: {model}, delivery Friday."


def issue_badge(employee: str, site: str) -> str:
    """Issue a building badge."""
    return f"Badge B-33812 for {employee} at {site} printed; pick up at reception."


def _script_onboarding() -> Script:
    return Script({
        "You pick who speaks next in the onboarding channel": [
            say("people_ops"), say("it_provisioning"), say("facilities"), say("people_ops"),
        ],
        "You are people_ops": [
            say("Priya Nair joins Data Engineering on Monday. She needs her accounts (username "
                "p.nair), a laptop and a badge for the Leeds office. IT first, then facilities."),
            say("Thanks both. Priya's onboarding is complete for Monday. TERMINATE"),
        ],
        "You are it_provisioning": [
            call("lookup_directory", username="p.nair"),
            call("order_laptop", employee="Priya Nair", model="ThinkPad T14s, 32 GB"),
            say("Checked the directory for p.nair and ordered her ThinkPad (LT-6620, arriving "
                "Friday). Her accounts are in place for Monday."),
        ],
        "You are facilities": [
            call("issue_badge", employee="Priya Nair", site="Leeds"),
            say("Badge B-33812 for the Leeds office is printed and waiting at reception."),
        ],
    })


def _truth_onboarding(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="it_provisioning",
        decisive=find_llm(run, "Her accounts are in place for Monday", "it_provisioning"),
        modes=["FM-3.1"], instrumentation="combined",
        topology="selector group chat (model-picked speakers): HR lead, IT[3 tools], "
                 "facilities[tool]",
        edges=[("people_ops", "it_provisioning"), ("it_provisioning", "facilities"),
               ("facilities", "people_ops")],
        task="Onboard Priya Nair for Monday: accounts, laptop and badge",
        why="lookup_directory finds no account for p.nair, yet it_provisioning's next LLM call "
            "says her accounts are in place without ever calling create_account.",
    )


@spec("premature_termination_selector_onboarding", "combined", _script_onboarding,
      _truth_onboarding)
async def _run_onboarding() -> None:
    team = SelectorGroupChat(
        [
            agent("people_ops", "HR lead who coordinates onboarding",
                  "Coordinate new-hire onboarding; say TERMINATE when everything is done."),
            agent("it_provisioning", "Creates accounts and orders laptops",
                  "Provision accounts and hardware for new hires.",
                  [lookup_directory, create_account, order_laptop]),
            agent("facilities", "Issues badges and desks", "Issue badges for new hires.",
                  [issue_badge]),
        ],
        model_client=model(),
        selector_prompt="You pick who speaks next in the onboarding channel.\nRoles:\n{roles}\n\n"
                        "Conversation:\n{history}\n\nReply with one name from {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="onboarding_channel",
    )
    await team.run(task="Priya Nair starts Monday in Data Engineering (Leeds). Get her set up.")


# 9. misroute, dev: selector group chat for customer support; the selector gives a lost-parcel
#    complaint to billing, which answers about the payment
def lookup_invoice(customer_email: str) -> str:
    """Look up a customer's latest invoice and payment status."""
    return f"{customer_email}: invoice 30-55120, $89.00, paid 2024-05-03 by Visa ending 4411."


def reset_device(serial: str) -> str:
    """Send a remote reset to a device."""
    return f"Reset sent to {serial}."


def trace_parcel(tracking_number: str) -> str:
    """Open a carrier trace on a parcel and offer a replacement shipment."""
    return f"Trace opened on {tracking_number}; replacement can ship today."


def _script_parcel() -> Script:
    return Script({
        "You route each customer message to the right specialist": [
            say("billing_specialist"),
        ],
        "You are billing_specialist": [
            call("lookup_invoice", customer_email="l.moreau@example.com"),
            say("Thanks for waiting, Ms Moreau. Your order was paid in full: invoice 30-55120 for "
                "$89.00 was settled on 3 May with your Visa ending 4411, and there is nothing "
                "outstanding on your account. TERMINATE"),
        ],
        "You are tech_support": [say("Could you share the device serial number?")],
        "You are shipping_desk": [call("trace_parcel", tracking_number="1Z84X2E60391457723"),
                                  say("A trace is open and a replacement ships today.")],
    })


def _truth_parcel(run: RecordedRun) -> Truth:
    return Truth(
        cls="misroute", split="dev", failed=True, culprit="SelectorGroupChatManager",
        decisive=find_llm(run, '"content": "billing_specialist"', "SelectorGroupChatManager"),
        modes=["FM-1.2", "FM-2.3"], instrumentation="combined",
        topology="selector group chat (model-picked speaker): billing[tool], tech support[tool], "
                 "shipping[tool]",
        edges=[("SelectorGroupChatManager", "billing_specialist")],
        task="Trace a parcel stuck in transit for nine days or reship it",
        why="The selector hands a lost-parcel complaint to billing_specialist instead of "
            "shipping_desk (which has trace_parcel); the run ends with an answer about the "
            "invoice and no trace or reshipment.",
    )


@spec("misroute_selector_parcel", "combined", _script_parcel, _truth_parcel)
async def _run_parcel() -> None:
    team = SelectorGroupChat(
        [
            agent("billing_specialist", "Invoices, payments and refunds",
                  "Answer billing questions; say TERMINATE when the customer is answered.",
                  [lookup_invoice]),
            agent("tech_support", "Device setup and troubleshooting",
                  "Troubleshoot devices.", [reset_device]),
            agent("shipping_desk", "Deliveries, parcel traces and replacements",
                  "Handle delivery problems: trace parcels and arrange replacements.",
                  [trace_parcel]),
        ],
        model_client=model(),
        selector_prompt="You route each customer message to the right specialist.\n{roles}\n\n"
                        "{history}\n\nAnswer with exactly one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(6),
        name="support_desk",
    )
    await team.run(task="Hi, my parcel 1Z84X2E60391457723 has said 'in transit' for nine days. "
                        "Can you find it or send a new one? - Lea Moreau (l.moreau@example.com)")


# 10. ok, holdout: selector group chat for a bug fix; the failing test run is acted on
def run_unit_tests(path: str) -> str:
    """Run the unit tests under a path."""
    scope: dict[str, Any] = {}
    exec(_REPO["ratelimit.py"], scope)  # noqa: S102
    allow = scope["allow"]
    if allow(10, limit=10) is True and allow(11, limit=10) is False:
        return f"{path}: 14 passed, 0 failed in 0.62s"
    return (f"{path}: 13 passed, 1 failed: test_burst_at_limit - assert allow(10, limit=10) is "
            f"True (got {allow(10, limit=10)})")


def apply_patch(file: str, old: str, new: str) -> str:
    """Replace text in a file of the working copy."""
    if old not in _REPO[file]:
        raise ValueError(f"patch does not apply: {old!r} not found in {file}")
    _REPO[file] = _REPO[file].replace(old, new)
    return f"Patched {file}."


_REPO: dict[str, str] = {}


def _script_ratelimit() -> Script:
    return Script({
        "You choose the next engineer to act": [
            say("backend_dev"), say("test_runner"), say("backend_dev"), say("test_runner"),
            say("code_reviewer"),
        ],
        "You are backend_dev": [
            call("apply_patch", file="ratelimit.py", old="if count<limit", new="if count + 1 < limit"),
            call("apply_patch", file="ratelimit.py", old="if count < limit",
                 new="if count + 1 < limit"),
            say("Patched the comparison in allow() so a request at the limit counts correctly."),
            call("apply_patch", file="ratelimit.py", old="if count + 1 < limit",
                 new="if count <= limit"),
            say("The off-by-one went the wrong way; allow() now admits the request when count "
                "equals the limit."),
        ],
        "You are test_runner": [
            call("run_unit_tests", path="tests/test_ratelimit.py"),
            say("One failure: test_burst_at_limit expects allow(10, limit=10) to be True and it "
                "returns False. The patch is not right yet."),
            call("run_unit_tests", path="tests/test_ratelimit.py"),
            say("All 14 tests pass now, including test_burst_at_limit."),
        ],
        "You are code_reviewer": [
            say("The change is a one-line comparison fix with a test covering the boundary. "
                "Approved. TERMINATE"),
        ],
    })


def _truth_ratelimit(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="combined",
        topology="selector group chat: developer[tool], test runner[tool], reviewer",
        edges=[("backend_dev", "test_runner"), ("test_runner", "backend_dev"),
               ("test_runner", "code_reviewer")],
        task="Fix the off-by-one in the rate limiter so a burst at the limit is allowed",
        why="The developer's first patch fails to apply and is retried, the test run reports a "
            "failure, the developer fixes it, the tests pass and the reviewer approves.",
    )


@spec("ok_selector_ratelimit_fix", "combined", _script_ratelimit, _truth_ratelimit)
async def _run_ratelimit() -> None:
    _REPO.clear()
    _REPO["ratelimit.py"] = "def allow(count, limit):\n    if count < limit:\n        return True\n    return False\n"
    team = SelectorGroupChat(
        [
            agent("backend_dev", "Writes and patches code", "Fix bugs with apply_patch.",
                  [apply_patch]),
            agent("test_runner", "Runs the test suite and reports", "Run the tests and report.",
                  [run_unit_tests]),
            agent("code_reviewer", "Reviews changes and approves them",
                  "Review the change once the tests pass; say TERMINATE when approved."),
        ],
        model_client=model(),
        selector_prompt="You choose the next engineer to act.\n{roles}\n\n{history}\n\n"
                        "Reply with one of {participants} only.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="bugfix_team",
    )
    await team.run(task="allow(count, limit) in ratelimit.py rejects a request when count equals "
                        "the limit; bursts up to the limit must be allowed. Fix it.")


# 11. ok, holdout: swarm HR intake <-> payroll, native tracing; a rejected date is retried
def leave_balance(employee_id: str) -> str:
    """Annual-leave balance of an employee."""
    return f"{employee_id}: 14.5 days of annual leave left for 2024."


def book_leave(employee_id: str, start: str, end: str) -> str:
    """Book annual leave (dates as YYYY-MM-DD) and adjust payroll."""
    import datetime as dt

    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    days = sum(1 for i in range((last - first).days + 1)
               if (first + dt.timedelta(i)).weekday() < 5)
    return f"Booked {days} working days for {employee_id} ({start} to {end}); payroll updated."


def _script_leave() -> Script:
    return Script({
        "You are hr_intake": [
            call("leave_balance", employee_id="E-20417"),
            call("transfer_to_payroll_agent",
                 "Balance is 14.5 days, enough for the request; passing to payroll to book it."),
            say("Done: your leave from 5 to 16 August is booked (10 working days) and you have "
                "4.5 days left this year. TERMINATE"),
        ],
        "You are payroll_agent": [
            call("book_leave", employee_id="E-20417", start="05/08/2024", end="16/08/2024"),
            call("book_leave", employee_id="E-20417", start="2024-08-05", end="2024-08-16"),
            call("transfer_to_hr_intake", "Leave booked: 10 working days, payroll adjusted."),
        ],
    })


def _truth_leave(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="swarm with handoffs: HR intake[tool] <-> payroll[tool]",
        edges=[("hr_intake", "payroll_agent"), ("payroll_agent", "hr_intake")],
        task="Book annual leave for employee E-20417 from 5 to 16 August 2024",
        why="payroll_agent's first book_leave call fails on the date format, it retries with ISO "
            "dates, the booking succeeds and hr_intake confirms the 10 days.",
    )


@spec("ok_swarm_leave_request", "native", _script_leave, _truth_leave)
async def _run_leave() -> None:
    team = Swarm(
        [
            agent("hr_intake", "Answers employees' HR requests",
                  "Check leave balances and hand bookings to payroll_agent; confirm to the "
                  "employee and say TERMINATE.", [leave_balance], handoffs=["payroll_agent"]),
            agent("payroll_agent", "Books leave and adjusts payroll",
                  "Book leave with book_leave and hand back to hr_intake.", [book_leave],
                  handoffs=["hr_intake"]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="hr_swarm",
    )
    await team.run(task="Employee E-20417 asks to take annual leave from 5 to 16 August 2024.")


# ----------------------------------------------------------------------------------------------
# autogen-core: RoutedAgents on a SingleThreadedAgentRuntime, each handler traced as the core
# docs show (trace_invoke_agent_span), tools as FunctionTool (execute_tool spans)
# ----------------------------------------------------------------------------------------------


@dataclass
class Note:
    """A message between core agents: who wrote it and what it says."""

    sender: str
    text: str


class LLMAgent(RoutedAgent):
    """A core agent with a model client, tools and one method to think with them."""

    def __init__(self, description: str, system: str, tools: list[Callable[..., Any]] = ()):
        super().__init__(description)
        self._client = model()
        self._system = system
        self._tools = [FunctionTool(t, description=t.__doc__ or t.__name__) for t in tools]

    @property
    def name(self) -> str:
        return self.id.type

    async def think(self, history: list[LLMMessage]) -> str:
        """One turn of this agent: model calls and tool calls until it answers in text."""
        with trace_invoke_agent_span(agent_name=self.name, agent_id=str(self.id),
                                     agent_description=self.metadata["description"]):
            messages: list[LLMMessage] = [
                SystemMessage(content=f"You are {self.name}. {self._system}"), *history
            ]
            tools = {t.name: t for t in self._tools}
            for _ in range(6):
                result = await self._client.create(messages, tools=self._tools)
                if isinstance(result.content, str):
                    return result.content
                messages.append(AssistantMessage(content=result.content, source=self.name))
                outs = []
                for fc in result.content:
                    tool = tools[fc.name]
                    try:
                        value = await tool.run_json(json.loads(fc.arguments), CancellationToken(),
                                                    call_id=fc.id)
                        outs.append(FunctionExecutionResult(
                            content=tool.return_value_as_string(value), name=fc.name,
                            call_id=fc.id, is_error=False))
                    except Exception as exc:  # the model sees the error, as AgentChat does
                        outs.append(FunctionExecutionResult(
                            content=f"{type(exc).__name__}: {exc}", name=fc.name, call_id=fc.id,
                            is_error=True))
                messages.append(FunctionExecutionResultMessage(content=outs))
            raise RuntimeError(f"{self.name} did not answer")


async def _core(register: Callable[[SingleThreadedAgentRuntime], Any], start: Any,
                to: AgentId | TopicId) -> None:
    runtime = SingleThreadedAgentRuntime()
    await register(runtime)
    runtime.start()
    if isinstance(to, AgentId):
        await runtime.send_message(start, to)
    else:
        await runtime.publish_message(start, to)
    await runtime.stop_when_idle()
    await runtime.close()


# 12. ok, dev: core coordinator -> researcher (tool times out once, retried) -> coordinator ->
#     writer -> coordinator, all by direct messages (send_message, RPC)
_SEARCH_CALLS = {"n": 0}


def search_papers(query: str, year_from: int) -> str:
    """Search the literature index."""
    _SEARCH_CALLS["n"] += 1
    if _SEARCH_CALLS["n"] == 1:
        raise TimeoutError("literature index did not answer within 10 s")
    return (f"3 results for '{query}' since {year_from}: (1) Liu 2022, RCT n=412: heat pumps cut "
            "household heating emissions 48-62% vs gas boilers; (2) Ortega 2023, field study "
            "n=1,180: savings fall to 31% when the grid is coal-heavy; (3) IEA 2023 review: "
            "seasonal COP 2.8-3.6 in cold climates.")


class Coordinator(LLMAgent):
    @message_handler
    async def on_task(self, message: Note, ctx: MessageContext) -> Note:
        plan = await self.think([UserMessage(content=message.text, source=message.sender)])
        findings = await self.send_message(Note(self.name, plan), AgentId("researcher", "default"))
        draft = await self.send_message(Note(self.name, findings.text),
                                        AgentId("writer", "default"))
        final = await self.think([
            UserMessage(content=message.text, source=message.sender),
            AssistantMessage(content=plan, source=self.name),
            UserMessage(content=findings.text, source="researcher"),
            UserMessage(content=draft.text, source="writer"),
        ])
        return Note(self.name, final)


class Researcher(LLMAgent):
    @message_handler
    async def on_question(self, message: Note, ctx: MessageContext) -> Note:
        return Note(self.name, await self.think(
            [UserMessage(content=message.text, source=message.sender)]))


class Writer(LLMAgent):
    @message_handler
    async def on_findings(self, message: Note, ctx: MessageContext) -> Note:
        return Note(self.name, await self.think(
            [UserMessage(content=message.text, source=message.sender)]))


def _script_research() -> Script:
    return Script({
        "You are coordinator": [
            say("Researcher: find peer-reviewed evidence since 2020 on how much heat pumps "
                "reduce household heating emissions compared with gas boilers, including cold "
                "climates and coal-heavy grids."),
            say("The brief is ready: heat pumps cut heating emissions by roughly half versus gas "
                "boilers, about a third on coal-heavy grids, with sources cited. Sending it to "
                "the council."),
        ],
        "You are researcher": [
            call("search_papers", query="heat pump emissions vs gas boiler", year_from=2020),
            call("search_papers", query="heat pump emissions vs gas boiler", year_from=2020),
            say("Evidence: an RCT (Liu 2022, n=412) finds 48-62% lower heating emissions than gas "
                "boilers; a field study (Ortega 2023) finds 31% on coal-heavy grids; the IEA 2023 "
                "review reports seasonal COP 2.8-3.6 in cold climates."),
        ],
        "You are writer": [
            say("Brief for the council: replacing gas boilers with heat pumps cuts household "
                "heating emissions by about 48-62% (Liu 2022), still around 31% where the grid "
                "relies on coal (Ortega 2023), and heat pumps keep a seasonal COP of 2.8-3.6 in "
                "cold climates (IEA 2023)."),
        ],
    })


def _truth_research(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="dev", failed=False, instrumentation="combined",
        topology="autogen-core: coordinator sends to researcher[tool] and writer (RPC), "
                 "both answer back",
        edges=[("coordinator", "researcher"), ("researcher", "coordinator"),
               ("coordinator", "writer"), ("writer", "coordinator")],
        task="Write a one-paragraph evidence brief on heat pumps vs gas boilers for the council",
        why="The literature search times out once, the researcher retries it and gets the "
            "sources, and the writer's brief matches them.",
    )


@spec("ok_core_research_brief", "combined", _script_research, _truth_research)
async def _run_research() -> None:
    _SEARCH_CALLS["n"] = 0

    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await Coordinator.register(rt, "coordinator", lambda: Coordinator(
            "Plans research briefs and assembles them", "Plan the research and sign off briefs."))
        await Researcher.register(rt, "researcher", lambda: Researcher(
            "Finds evidence in the literature", "Find evidence with search_papers.",
            [search_papers]))
        await Writer.register(rt, "writer", lambda: Writer(
            "Writes briefs from findings", "Write a short brief from the findings."))

    await _core(register, Note("user", "Write a one-paragraph evidence brief for the city "
                                       "council: how much do heat pumps cut household heating "
                                       "emissions compared with gas boilers?"),
                AgentId("coordinator", "default"))


# 13. upstream_loop, holdout: core loader <-> schema mapper; the mapper's date format does not
#     fit the ISO timestamps, so the loader's tool fails in every round
SHIPMENTS = [
    {"id": "SH-1001", "shipped": "2024-03-17T08:15:00Z", "kg": "12.5", "dest": "Rotterdam"},
    {"id": "SH-1002", "shipped": "2024-03-17T09:02:00Z", "kg": "3.1", "dest": "Hamburg"},
]


def load_rows(date_format: str, weight_column: str) -> str:
    """Load the shipment rows into the warehouse table with a date format and weight column."""
    import datetime as dt

    loaded = 0
    for row in SHIPMENTS:
        dt.datetime.strptime(row["shipped"], date_format)
        float(row[weight_column])
        loaded += 1
    return f"Loaded {loaded} rows into warehouse.shipments."


class WarehouseLoader(LLMAgent):
    @message_handler
    async def on_load(self, message: Note, ctx: MessageContext) -> Note:
        history: list[LLMMessage] = [UserMessage(content=message.text, source=message.sender)]
        ask = ("Map shipments.csv onto warehouse.shipments. Sample row: "
               + json.dumps(SHIPMENTS[0]))
        for _ in range(3):
            mapping = await self.send_message(Note(self.name, ask),
                                              AgentId("schema_mapper", "default"))
            history.append(UserMessage(content=mapping.text, source="schema_mapper"))
            report = await self.think(history)
            history.append(AssistantMessage(content=report, source=self.name))
            if report.startswith("Loaded"):
                break
            ask = report
        return Note(self.name, report)


class SchemaMapper(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        return Note(self.name, await self.think(
            [UserMessage(content=message.text, source=message.sender)]))


def _script_etl() -> Script:
    return Script({
        "You are schema_mapper": [
            say('Mapping for warehouse.shipments: {"id": "shipment_id", "shipped": '
                '"shipped_at" parsed with date_format "%d/%m/%Y", "kg": "weight_kg" '
                '(weight_column "kg"), "dest": "destination"}'),
            say('Adjusted: parse "shipped" with date_format "%d/%m/%Y %H:%M", weight_column '
                '"kg"; the other columns are unchanged.'),
            say('Use date_format "%m/%d/%Y %H:%M:%S" for "shipped" (US export), weight_column '
                '"kg".'),
        ],
        "You are warehouse_loader": [
            call("load_rows", date_format="%d/%m/%Y", weight_column="kg"),
            say("The load failed: time data '2024-03-17T08:15:00Z' does not match format "
                "'%d/%m/%Y'. Please send a mapping that parses the shipped column."),
            call("load_rows", date_format="%d/%m/%Y %H:%M", weight_column="kg"),
            say("Still failing: time data '2024-03-17T08:15:00Z' does not match format "
                "'%d/%m/%Y %H:%M'. Nothing was loaded."),
            call("load_rows", date_format="%m/%d/%Y %H:%M:%S", weight_column="kg"),
            say("Third attempt failed the same way ('%m/%d/%Y %H:%M:%S' does not match "
                "'2024-03-17T08:15:00Z'). Stopping the load; warehouse.shipments is unchanged."),
        ],
    })


def _truth_etl(run: RecordedRun) -> Truth:
    return Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="schema_mapper",
        decisive=find_llm(run, "parsed with date_format", "schema_mapper"),
        modes=["FM-1.3", "FM-1.5"], instrumentation="combined",
        topology="autogen-core: loader[tool] asks schema mapper (RPC) each round, 3 rounds",
        edges=[("warehouse_loader", "schema_mapper"), ("schema_mapper", "warehouse_loader")],
        task="Load shipments.csv into warehouse.shipments",
        why="schema_mapper maps the ISO timestamps (2024-03-17T08:15:00Z) to '%d/%m/%Y' and "
            "each later mapping is another day-month format, so warehouse_loader's load_rows "
            "raises ValueError in all three rounds.",
    )


@spec("upstream_loop_core_etl", "combined", _script_etl, _truth_etl)
async def _run_etl() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await WarehouseLoader.register(rt, "warehouse_loader", lambda: WarehouseLoader(
            "Loads files into the warehouse", "Load files with load_rows using the mapping you "
            "are given; report the result.", [load_rows]))
        await SchemaMapper.register(rt, "schema_mapper", lambda: SchemaMapper(
            "Maps source files onto warehouse tables", "Give column mappings and parse formats "
            "for source files."))

    await _core(register, Note("user", "Load today's shipments.csv into warehouse.shipments."),
                AgentId("warehouse_loader", "default"))


# 14. ignored_verdict, dev: core publish/subscribe claims pipeline, native tracing only; the
#     payout agent pays a claim the fraud screen flagged as a duplicate
def screen_claim(claim_id: str, policy: str, loss_date: str, amount: float) -> str:
    """Screen an insurance claim against paid claims and fraud rules."""
    paid = {("POL-77120", "2024-04-02"): ("CL-1187", 3850.0, "2024-04-11")}
    hit = paid.get((policy, loss_date))
    if hit:
        return (f"FLAGGED {claim_id}: duplicate of {hit[0]} (same policy {policy}, same loss date "
                f"{loss_date}, ${hit[1]:,.2f} paid on {hit[2]}). Do not pay; refer to SIU.")
    return f"CLEAR {claim_id}: no matches."


def issue_payment(claim_id: str, amount: float, payee: str) -> str:
    """Pay an approved claim."""
    return f"Payment PMT-55102 of ${amount:,.2f} to {payee} for {claim_id} released."


@dataclass
class Claim:
    text: str


@dataclass
class ClaimSummary:
    sender: str
    text: str


@dataclass
class Screening:
    sender: str
    text: str
    summary: str


@default_subscription
class ClaimsIntake(LLMAgent):
    @message_handler
    async def on_claim(self, message: Claim, ctx: MessageContext) -> None:
        text = await self.think([UserMessage(content=message.text, source="customer")])
        await self.publish_message(ClaimSummary(self.name, text), TopicId("claims", "default"))


class FraudScreener(LLMAgent):
    @message_handler
    async def on_summary(self, message: ClaimSummary, ctx: MessageContext) -> None:
        text = await self.think([UserMessage(content=message.text, source=message.sender)])
        await self.publish_message(Screening(self.name, text, message.text),
                                   TopicId("screening", "default"))


class PayoutAgent(LLMAgent):
    @message_handler
    async def on_screening(self, message: Screening, ctx: MessageContext) -> None:
        await self.think([UserMessage(content=message.summary, source="claims_intake"),
                          UserMessage(content=message.text, source=message.sender)])


def _script_claims() -> Script:
    return Script({
        "You are claims_intake": [
            say("Claim CL-1243: policy POL-77120 (Jon Varga), burst pipe on 2024-04-02, kitchen "
                "flooring and cabinets, $3,850.00 claimed, photos and plumber's invoice "
                "attached."),
        ],
        "You are fraud_screener": [
            call("screen_claim", claim_id="CL-1243", policy="POL-77120", loss_date="2024-04-02",
                 amount=3850.0),
            say("CL-1243 should not be paid. It duplicates CL-1187: same policy, same loss date "
                "and the same $3,850.00, already paid on 11 April. Referring it to the special "
                "investigations unit."),
        ],
        "You are payout_agent": [
            call("issue_payment", claim_id="CL-1243", amount=3850.0, payee="Jon Varga"),
            say("CL-1243 is settled: $3,850.00 released to Jon Varga (PMT-55102)."),
        ],
    })


def _truth_claims(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="dev", failed=True, culprit="payout_agent",
        decisive=find_invoke(run, "payout_agent", 0),
        modes=["FM-2.5", "FM-3.2"], instrumentation="native",
        topology="autogen-core publish/subscribe pipeline: intake -> fraud screener[tool] -> "
                 "payout[tool] over topics",
        edges=[("claims_intake", "fraud_screener"), ("fraud_screener", "payout_agent")],
        task="Process insurance claim CL-1243 (burst pipe, $3,850)",
        why="fraud_screener's screen_claim flags CL-1243 as a duplicate of the already-paid "
            "CL-1187 and says not to pay, and payout_agent's turn pays it anyway.",
    )


@spec("ignored_verdict_core_claims", "native", _script_claims, _truth_claims)
async def _run_claims() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await ClaimsIntake.register(rt, "claims_intake", lambda: ClaimsIntake(
            "Summarises new claims", "Summarise incoming claims for screening."))
        await FraudScreener.register(rt, "fraud_screener", lambda: FraudScreener(
            "Screens claims for fraud and duplicates", "Screen every claim with screen_claim "
            "and give your verdict.", [screen_claim]))
        await PayoutAgent.register(rt, "payout_agent", lambda: PayoutAgent(
            "Pays claims that passed screening", "Pay claims that passed screening with "
            "issue_payment.", [issue_payment]))
        await rt.add_subscription(TypeSubscription("claims", "fraud_screener"))
        await rt.add_subscription(TypeSubscription("screening", "payout_agent"))

    await _core(register, Claim("Hi, a pipe burst under my sink on 2 April and ruined the "
                                "kitchen floor and cabinets. Policy POL-77120, Jon Varga. The "
                                "plumber's invoice and repair quote come to $3,850."),
                DefaultTopicId())


# 15. misroute, holdout: core dispatcher sends a VPN outage to the hardware technician
def run_laptop_diagnostics(asset_tag: str) -> str:
    """Run the hardware diagnostics on a laptop."""
    return f"{asset_tag}: battery 91%, SSD healthy, memory test passed, Wi-Fi adapter OK."


def check_vpn_gateway(site: str) -> str:
    """Check the VPN gateway and tunnels of an office."""
    return f"{site}: tunnel flaps every 600 s since firmware 7.4.2; rekey timer mismatch."


def reset_mfa(username: str) -> str:
    """Reset a user's multi-factor authentication."""
    return f"MFA reset for {username}."


ROUTES = ("network_engineer", "access_admin", "hardware_tech")


class Dispatcher(LLMAgent):
    @message_handler
    async def on_ticket(self, message: Note, ctx: MessageContext) -> Note:
        choice = await self.think([UserMessage(content=message.text, source=message.sender)])
        team = next((r for r in ROUTES if r in choice), "access_admin")
        answer = await self.send_message(Note(self.name, message.text), AgentId(team, "default"))
        return Note(self.name, answer.text)


class Specialist(LLMAgent):
    @message_handler
    async def on_ticket(self, message: Note, ctx: MessageContext) -> Note:
        return Note(self.name, await self.think(
            [UserMessage(content=message.text, source=message.sender)]))


def _script_helpdesk() -> Script:
    return Script({
        "You are it_dispatcher": [
            say('{"assign_to": "hardware_tech", "reason": "user reports their laptop keeps '
                'losing the connection"}'),
        ],
        "You are hardware_tech": [
            call("run_laptop_diagnostics", asset_tag="LT-40718"),
            say("I ran the full diagnostics on LT-40718: battery, SSD, memory and the Wi-Fi "
                "adapter all pass, so there is no hardware fault on the laptop. Closing the "
                "ticket as no fault found."),
        ],
        "You are network_engineer": [call("check_vpn_gateway", site="Porto"),
                                     say("The Porto tunnel rekey is misconfigured.")],
        "You are access_admin": [say("MFA is fine.")],
    })


def _truth_helpdesk(run: RecordedRun) -> Truth:
    return Truth(
        cls="misroute", split="holdout", failed=True, culprit="it_dispatcher",
        decisive=find_llm(run, "assign_to", "it_dispatcher"),
        modes=["FM-1.2", "FM-2.3"], instrumentation="combined",
        topology="autogen-core: dispatcher routes to one of three specialists (RPC)",
        edges=[("it_dispatcher", "hardware_tech"), ("hardware_tech", "it_dispatcher")],
        task="Fix the VPN that drops every ten minutes for the Porto office since the gateway "
             "firmware update",
        why="it_dispatcher assigns an office-wide VPN outage after a gateway firmware update to "
            "hardware_tech instead of network_engineer (who has check_vpn_gateway); the ticket "
            "is closed as 'no hardware fault'.",
    )


@spec("misroute_core_helpdesk", "combined", _script_helpdesk, _truth_helpdesk)
async def _run_helpdesk() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await Dispatcher.register(rt, "it_dispatcher", lambda: Dispatcher(
            "Routes IT tickets", "Route each ticket to one of network_engineer (VPN, Wi-Fi, "
            "gateways), access_admin (accounts, MFA) or hardware_tech (laptop and device "
            "repairs). Answer in JSON."))
        await Specialist.register(rt, "network_engineer", lambda: Specialist(
            "Network and VPN", "Fix network problems.", [check_vpn_gateway]))
        await Specialist.register(rt, "access_admin", lambda: Specialist(
            "Accounts and MFA", "Fix account problems.", [reset_mfa]))
        await Specialist.register(rt, "hardware_tech", lambda: Specialist(
            "Laptop and device repairs", "Diagnose and repair devices.",
            [run_laptop_diagnostics]))

    await _core(register, Note("user", "Since the gateway firmware update on Monday the VPN "
                                       "drops every ten minutes for everyone in the Porto "
                                       "office; I have to reconnect all day. Laptop LT-40718, "
                                       "user r.silva."),
                AgentId("it_dispatcher", "default"))

# ----------------------------------------------------------------------------------------------
# batch 3 (holdout, "batch": 3 in truth.json); record only these with --batch 3
# ----------------------------------------------------------------------------------------------

BATCH: dict[str, int] = {}


def batch3(name: str, mode: str, script: Callable[[], Script],
           truth: Callable[[RecordedRun], Truth]):
    BATCH[name] = 3
    return spec(name, mode, script, truth)


# b3-1. ignored_verdict, holdout: selector group chat for a feature launch; the privacy officer
#       does not approve the data-retention design and the release manager schedules go-live
def assess_dpia(feature: str, retention: str) -> str:
    """Run the data-protection impact assessment checklist on a feature design."""
    return (f"DPIA for {feature}: NOT APPROVED. Retention '{retention}' exceeds the 90-day limit "
            "for raw location traces (policy DP-4.2); consent screen lacks an opt-out. Launch "
            "blocked until both are fixed and the DPIA is re-run.")


def schedule_go_live(feature: str, date: str) -> str:
    """Schedule a feature's production go-live."""
    return f"{feature} scheduled for go-live on {date} (change CHG-20931)."


def _script_dpia() -> Script:
    return Script({
        "You decide which launch team member speaks next": [
            say("product_owner"), say("privacy_officer"), say("release_manager"),
            say("product_owner"),
        ],
        "You are product_owner": [
            say("Trip History is ready on our side. privacy_officer, can you run the DPIA? We "
                "keep the raw GPS traces of every ride for 7 years so riders can replay them."),
            say("Thanks all - we're live on 1 March with trip history. TERMINATE"),
        ],
        "You are privacy_officer": [
            call("assess_dpia", feature="Trip History", retention="raw GPS traces kept 7 years"),
            say("I can't sign this off. Keeping raw GPS traces for 7 years breaks our 90-day "
                "rule for location data, and the consent screen has no opt-out. Both need "
                "fixing and a fresh DPIA before any launch date."),
        ],
        "You are release_manager": [
            call("schedule_go_live", "Privacy comments logged for a follow-up ticket; the date "
                 "holds.", feature="Trip History", date="2027-03-01"),
            say("Trip History is scheduled for 1 March (CHG-20931)."),
        ],
    })


def _truth_dpia(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="release_manager",
        decisive=find_llm(run, "the date holds", "release_manager"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="openinference",
        topology="selector group chat (model-picked speakers): product owner, privacy "
                 "officer[tool], release manager[tool]",
        edges=[("product_owner", "privacy_officer"), ("privacy_officer", "release_manager"),
               ("release_manager", "product_owner")],
        task="Launch the Trip History feature on 1 March once privacy has signed it off",
        why="privacy_officer's DPIA came back NOT APPROVED (7-year GPS retention, no opt-out) "
            "and said no launch date before a fresh DPIA, yet release_manager's next turn "
            "scheduled go-live for 1 March.",
    )


@batch3("ignored_verdict_selector_trip_history_dpia", "openinference", _script_dpia,
        _truth_dpia)
async def _run_dpia() -> None:
    team = SelectorGroupChat(
        [
            agent("product_owner", "Owns the Trip History feature",
                  "Drive the launch of Trip History; say TERMINATE when it is settled."),
            agent("privacy_officer", "Signs off data protection for launches",
                  "Assess launches with assess_dpia and give your verdict.", [assess_dpia]),
            agent("release_manager", "Schedules production releases",
                  "Schedule go-lives with schedule_go_live once sign-offs are in.",
                  [schedule_go_live]),
        ],
        model_client=model(),
        selector_prompt="You decide which launch team member speaks next.\n{roles}\n\n"
                        "{history}\n\nName one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="launch_room",
    )
    await team.run(task="Trip History is code-complete. We want it live on 1 March; privacy "
                        "has to sign it off first.")


# b3-2. wrong_fact, holdout: round robin for a home EV charger quote; the electrician advisor
#       gives a 7.4 kW single-phase charger's current as 16 A and the materials follow from it
def price_materials(cable_mm2: float, cable_m: int, breaker_a: int) -> str:
    """Price cable and protective device for an installation."""
    cable = {2.5: 1.9, 6.0: 4.6, 10.0: 7.2}.get(cable_mm2, 5.0) * cable_m
    return (f"{cable_m} m of {cable_mm2} mm2 cable: EUR {cable:.2f}; Type A RCBO {breaker_a} A: "
            f"EUR 64.00; total EUR {cable + 64:.2f}")


def _script_charger() -> Script:
    return Script({
        "You are electrician_advisor": [
            say("A 7.4 kW single-phase wallbox draws 16 A at 230 V, so a 2.5 mm2 cable on a "
                "20 A RCBO is enough for the 18 m run to the garage."),
        ],
        "You are materials_estimator": [
            call("price_materials", cable_mm2=2.5, cable_m=18, breaker_a=20),
            say("Materials for 18 m: 2.5 mm2 cable EUR 34.20 plus a 20 A Type A RCBO EUR 64.00, "
                "EUR 98.20 in total."),
        ],
        "You are quote_writer": [
            say("Quote: supply and fit a 7.4 kW wallbox with 18 m of 2.5 mm2 cable and a 20 A "
                "RCBO, materials EUR 98.20 plus 4 hours of labour. TERMINATE"),
        ],
    })


def _truth_charger(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="electrician_advisor",
        decisive=find_llm(run, "draws 16 A at 230 V", "electrician_advisor"),
        modes=["FM-3.3"], instrumentation="combined",
        topology="round-robin group chat: advisor, estimator[tool], quote writer",
        edges=[("electrician_advisor", "materials_estimator"),
               ("materials_estimator", "quote_writer")],
        task="Quote a 7.4 kW home EV charger with an 18 m cable run to the garage",
        why="electrician_advisor said a 7.4 kW single-phase charger draws 16 A (7,400 W / 230 V "
            "is about 32 A), so the quote's 2.5 mm2 cable and 20 A RCBO are undersized.",
    )


@batch3("wrong_fact_roundrobin_ev_charger", "combined", _script_charger, _truth_charger)
async def _run_charger() -> None:
    team = RoundRobinGroupChat(
        [
            agent("electrician_advisor", "Gives the electrical design basis",
                  "State the electrical figures an installation rests on."),
            agent("materials_estimator", "Prices materials", "Price materials with "
                  "price_materials from the design basis.", [price_materials]),
            agent("quote_writer", "Writes the customer quote",
                  "Write the customer's quote; say TERMINATE when done."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="installer_team",
    )
    await team.run(task="Customer wants a 7.4 kW single-phase wallbox in the garage, 18 m cable "
                        "run from the consumer unit. Prepare the quote.")


# b3-3. premature_termination, holdout: autogen-core RPC (native + OpenInference); the registrar
#       agent sees the domain expiring with auto-renew off and reports nothing to do
def domain_status(domain: str) -> str:
    """Registration status of a domain: expiry, auto-renew, payment method."""
    return (f"{domain}: expires 2026-12-09 (in 2 days); auto-renew OFF; card on file expired "
            "2026-10. Renewal needed now to avoid the domain going into redemption.")


def renew_domain(domain: str, years: int) -> str:
    """Renew a domain for a number of years, charged to the company account."""
    return f"{domain} renewed for {years} years; new expiry 2028-12-09 (order RN-55180)."


class OpsCoordinator(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        answer = await self.send_message(Note(self.name, message.text),
                                         AgentId("registrar_agent", "default"))
        final = await self.think([UserMessage(content=message.text, source=message.sender),
                                  UserMessage(content=answer.text, source="registrar_agent")])
        return Note(self.name, final)


def _script_domain() -> Script:
    return Script({
        "You are ops_coordinator": [
            say("All good: fernhill-dental.com is taken care of, the registrar reports nothing "
                "outstanding. Closing the ticket."),
        ],
        "You are registrar_agent": [
            call("domain_status", domain="fernhill-dental.com"),
            say("Reviewed fernhill-dental.com at the registrar. It's registered to us and the "
                "records are fine - no action required from our side."),
        ],
    })


def _truth_domain(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="registrar_agent",
        decisive=find_llm(run, "no action required from our side", "registrar_agent"),
        modes=["FM-3.1"], instrumentation="combined",
        topology="autogen-core: coordinator asks the registrar agent[tools] (RPC) and answers",
        edges=[("ops_coordinator", "registrar_agent"), ("registrar_agent", "ops_coordinator")],
        task="Make sure fernhill-dental.com does not lapse (renewal reminder from the registrar)",
        why="domain_status showed the domain expiring in 2 days with auto-renew off and said "
            "renewal is needed now, and registrar_agent reported no action required without "
            "calling renew_domain.",
    )


@batch3("premature_termination_core_domain_renewal", "combined", _script_domain, _truth_domain)
async def _run_domain() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await OpsCoordinator.register(rt, "ops_coordinator", lambda: OpsCoordinator(
            "Takes IT operations requests", "Summarise the outcome of operations requests for "
            "the practice manager."))
        await Specialist.register(rt, "registrar_agent", lambda: Specialist(
            "Manages the practice's domains at the registrar", "Keep the practice's domains "
            "registered: check them with domain_status and renew with renew_domain.",
            [domain_status, renew_domain]))

    await _core(register, Note("practice_manager", "We got an email that fernhill-dental.com "
                                                   "is about to expire. Please make sure our "
                                                   "website and email don't go down."),
                AgentId("ops_coordinator", "default"))


# b3-4. ok, holdout: autogen-core publish/subscribe for bike-share rebalancing (native); the
#       station feed times out once and the planner retries
_DOCK_CALLS = {"n": 0}


def station_levels(district: str) -> str:
    """Bikes and free docks per station in a district, from the live feed."""
    _DOCK_CALLS["n"] += 1
    if _DOCK_CALLS["n"] == 1:
        raise TimeoutError("GBFS feed did not answer within 5 s")
    return (f"{district}: Central Station 36 bikes / 4 docks; Riverside 3 bikes / 29 docks; "
            "University 12 bikes / 18 docks; Old Market 15 bikes / 15 docks.")


def dispatch_van(van: str, moves: str) -> str:
    """Send a rebalancing van with a list of moves (from > to: bikes)."""
    return f"{van} dispatched (job RB-8842): {moves}."


@dataclass
class Forecast:
    sender: str
    text: str


@dataclass
class MovePlan:
    sender: str
    text: str


@default_subscription
class DemandForecaster(LLMAgent):
    @message_handler
    async def on_request(self, message: Claim, ctx: MessageContext) -> None:
        text = await self.think([UserMessage(content=message.text, source="ops_desk")])
        await self.publish_message(Forecast(self.name, text), TopicId("forecast", "default"))


class RebalancePlanner(LLMAgent):
    @message_handler
    async def on_forecast(self, message: Forecast, ctx: MessageContext) -> None:
        text = await self.think([UserMessage(content=message.text, source=message.sender)])
        await self.publish_message(MovePlan(self.name, text), TopicId("moves", "default"))


class VanDispatcher(LLMAgent):
    @message_handler
    async def on_plan(self, message: MovePlan, ctx: MessageContext) -> None:
        await self.think([UserMessage(content=message.text, source=message.sender)])


def _script_bikes() -> Script:
    return Script({
        "You are demand_forecaster": [
            say("Morning peak 07:30-09:00 in Centrum: about 20 pickups at Riverside and about 15 "
                "drop-offs at Central Station; University and Old Market stay balanced."),
        ],
        "You are rebalance_planner": [
            call("station_levels", district="Centrum"),
            call("station_levels", district="Centrum"),
            say("Plan before 07:30: Central Station has 36 bikes and only 4 free docks, but "
                "commuters will drop off there; Riverside has 3 bikes for a busy pickup peak. "
                "One move covers both: 14 bikes Central Station > Riverside, van 2."),
        ],
        "You are van_dispatcher": [
            call("dispatch_van", van="Van 2", moves="Central Station > Riverside: 14"),
            say("Van 2 is on its way (RB-8842): 14 bikes Central Station > Riverside."),
        ],
    })


def _truth_bikes(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="autogen-core publish/subscribe pipeline: forecaster -> planner[tool] -> "
                 "dispatcher[tool] over topics",
        edges=[("demand_forecaster", "rebalance_planner"),
               ("rebalance_planner", "van_dispatcher")],
        task="Plan and dispatch bike rebalancing in Centrum before the morning peak",
        why="the station feed timed out once and rebalance_planner retried it, the plan follows "
            "the station levels, and dispatch_van returned job RB-8842 as reported.",
    )


@batch3("ok_core_bike_rebalancing_retry", "native", _script_bikes, _truth_bikes)
async def _run_bikes() -> None:
    _DOCK_CALLS["n"] = 0

    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await DemandForecaster.register(rt, "demand_forecaster", lambda: DemandForecaster(
            "Forecasts bike demand", "Forecast pickups and drop-offs per station for the next "
            "peak."))
        await RebalancePlanner.register(rt, "rebalance_planner", lambda: RebalancePlanner(
            "Plans van moves", "Read station_levels and plan the fewest van moves that meet "
            "the forecast.", [station_levels]))
        await VanDispatcher.register(rt, "van_dispatcher", lambda: VanDispatcher(
            "Dispatches rebalancing vans", "Send vans with dispatch_van as planned.",
            [dispatch_van]))
        await rt.add_subscription(TypeSubscription("forecast", "rebalance_planner"))
        await rt.add_subscription(TypeSubscription("moves", "van_dispatcher"))

    await _core(register, Claim("Rebalance Centrum before the 07:30 peak."), DefaultTopicId())


# b3-5. ok, holdout: swarm at a car rental return desk; the damage assessor's check passes and
#       the desk closes the rental
def inspect_photos(rental_id: str) -> str:
    """Compare check-out and return photos of a rental car; grades any new damage."""
    return (f"{rental_id}: one new scratch, 4 cm, rear bumper; grade A (cosmetic, under the "
            "5 cm threshold); covered by the customer's damage waiver, charge EUR 0.")


def close_rental(rental_id: str, fuel_level: str, extra_charges_eur: float) -> str:
    """Close a rental agreement and release the deposit."""
    return (f"{rental_id} closed; deposit hold of EUR 300 released; extra charges EUR "
            f"{extra_charges_eur:.2f}.")


def _script_rental() -> Script:
    return Script({
        "You are return_desk": [
            call("transfer_to_damage_assessor",
                 "Customer reports a small scratch on the rear bumper; please assess before I "
                 "close the agreement."),
            call("close_rental", rental_id="RA-417733", fuel_level="full",
                 extra_charges_eur=0.0),
            say("All done: RA-417733 is closed with no extra charges, and the EUR 300 deposit "
                "hold is released. The 4 cm scratch is cosmetic and covered by your waiver. "
                "TERMINATE"),
        ],
        "You are damage_assessor": [
            call("inspect_photos", rental_id="RA-417733"),
            call("transfer_to_return_desk", "Assessed: grade A cosmetic scratch (4 cm), covered "
                 "by the waiver, no charge. OK to close."),
        ],
    })


def _truth_rental(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="swarm with handoffs: return desk[tool] <-> damage assessor[tool]",
        edges=[("return_desk", "damage_assessor"), ("damage_assessor", "return_desk")],
        task="Check in rental RA-417733 returned with a small scratch and close it",
        why="inspect_photos graded the scratch as cosmetic and covered (charge EUR 0), and the "
            "desk closed the rental with no extra charge as that check allowed.",
    )


@batch3("ok_swarm_rental_return_damage", "openinference", _script_rental, _truth_rental)
async def _run_rental() -> None:
    team = Swarm(
        [
            agent("return_desk", "Checks in returned rental cars",
                  "Check in returned cars. Send any damage to damage_assessor before closing "
                  "the rental with close_rental; say TERMINATE when closed.", [close_rental],
                  handoffs=["damage_assessor"]),
            agent("damage_assessor", "Assesses damage on returned cars",
                  "Assess damage with inspect_photos and hand back to return_desk.",
                  [inspect_photos], handoffs=["return_desk"]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="rental_return",
    )
    await team.run(task="Returning RA-417733, tank is full. There's a little scratch on the rear "
                        "bumper, I think from a parking garage pillar.")


# ----------------------------------------------------------------------------------------------
# batch 4 (holdout, "batch": 4 in truth.json); record only these with --batch 4
# ----------------------------------------------------------------------------------------------


def batch4(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 4
    return spec(name, mode, script, truth)


# b4-1. misroute, holdout: hotel swarm; the concierge hands a ceiling leak over a guest's bed to
#       housekeeping, who sends towels
def send_housekeeping(room: str, items: str) -> str:
    """Send housekeeping to a room with items (towels, linen, amenities)."""
    return f"Housekeeping on the way to room {room} with {items} (task HK-3391), about 15 min."


def raise_engineering_job(room: str, fault: str, urgency: str) -> str:
    """Raise a job for the duty engineer (plumbing, electrics, HVAC)."""
    return f"Engineering job EJ-702 for room {room}: {fault}, {urgency}."


def _script_hotel_leak() -> Script:
    return Script({
        "You are guest_concierge": [
            call("transfer_to_housekeeping", "Wet bedding in 512 - housekeeping will sort out "
                 "fresh linen and towels for the guest."),
        ],
        "You are housekeeping": [
            call("send_housekeeping", room="512", items="fresh linen and 6 bath towels"),
            say("So sorry about that! Fresh linen and six towels are on their way to room 512 "
                "and will be with you in about 15 minutes. TERMINATE"),
        ],
        "You are duty_engineer": [
            call("raise_engineering_job", room="512", fault="ceiling leak", urgency="now"),
            say("Engineer on the way. TERMINATE"),
        ],
    })


def _truth_hotel_leak(run: RecordedRun) -> Truth:
    return Truth(
        cls="misroute", split="holdout", failed=True, culprit="guest_concierge",
        decisive=find_llm(run, "housekeeping will sort out fresh linen", "guest_concierge"),
        modes=["FM-1.2", "FM-2.3"], instrumentation="openinference",
        topology="swarm with handoffs: concierge hands off to housekeeping[tool] or duty "
                 "engineer[tool]",
        edges=[("guest_concierge", "housekeeping")],
        task="Stop water dripping from the ceiling onto the bed in room 512",
        why="guest_concierge handed a water leak through the ceiling to housekeeping instead of "
            "duty_engineer (who has raise_engineering_job), so the guest got towels and nobody "
            "looked at the leak.",
    )


@batch4("misroute_swarm_hotel_ceiling_leak", "openinference", _script_hotel_leak,
        _truth_hotel_leak)
async def _run_hotel_leak() -> None:
    team = Swarm(
        [
            agent("guest_concierge", "First contact for guests of the Hotel Meridiana",
                  "Greet guests and hand them to housekeeping (linen, towels, cleaning) or "
                  "duty_engineer (leaks, heating, electrics, broken fittings).",
                  handoffs=["housekeeping", "duty_engineer"]),
            agent("housekeeping", "Linen, towels and room cleaning",
                  "Send housekeeping with send_housekeeping; say TERMINATE when arranged.",
                  [send_housekeeping]),
            agent("duty_engineer", "Plumbing, electrics and HVAC faults",
                  "Raise jobs with raise_engineering_job; say TERMINATE when raised.",
                  [raise_engineering_job]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="guest_services",
    )
    await team.run(task="Room 512 here. Water is dripping from the ceiling right onto the bed "
                        "and it's getting faster - there's a brown stain spreading above the "
                        "light fitting.")


# b4-2. premature_termination, holdout: round robin for a law firm's backups; the operator sees
#       that the nightly backup has failed for 9 days and reports the backups as healthy
def backup_status(server: str) -> str:
    """Status of a server's backup jobs: last successful run and recent failures."""
    return (f"{server}: last successful full backup 2026-11-28 (9 days ago); nightly job "
            "FAILED 9 times in a row (target share \\\\nas02\\backup full); offsite copy "
            "stale. A manual full backup is needed after freeing space.")


def start_backup(server: str, target: str) -> str:
    """Start a full backup of a server to a target."""
    return f"Full backup of {server} to {target} started (job BK-4410), ETA 2 h."


def _script_backup() -> Script:
    return Script({
        "You are it_manager": [
            say("backup_operator, please check the document server DMS-01 and make sure we have "
                "a good backup before the partners' migration on Friday."),
            say("Thanks, noted. TERMINATE"),
        ],
        "You are backup_operator": [
            call("backup_status", server="DMS-01"),
            say("Checked DMS-01: the backup jobs are configured and the server is covered, so "
                "we're fine for Friday's migration."),
        ],
    })


def _truth_backup(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="backup_operator",
        decisive=find_llm(run, "we're fine for Friday's migration", "backup_operator"),
        modes=["FM-3.1"], instrumentation="combined",
        topology="round-robin group chat: IT manager, backup operator[tools]",
        edges=[("it_manager", "backup_operator"), ("backup_operator", "it_manager")],
        task="Make sure the document server DMS-01 has a good backup before Friday's migration",
        why="backup_status showed the last good backup 9 days old and the nightly job failing, "
            "and backup_operator said they were fine for the migration without calling "
            "start_backup.",
    )


@batch4("premature_termination_roundrobin_dms_backup", "combined", _script_backup,
        _truth_backup)
async def _run_backup() -> None:
    team = RoundRobinGroupChat(
        [
            agent("it_manager", "IT manager of Harcourt & Lyle solicitors",
                  "Coordinate IT work for the firm; say TERMINATE when it is settled."),
            agent("backup_operator", "Runs the firm's backups",
                  "Check backups with backup_status and run them with start_backup.",
                  [backup_status, start_backup]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(6),
        name="it_ops",
    )
    await team.run(task="The partners move the document management system to the new "
                        "cloud tenant on Friday. We need a verified full backup of DMS-01 "
                        "first.")


# b4-3. wrong_fact, holdout: selector group chat for a van fleet's winter tyre check; the tyre
#       specialist converts 32 psi to 3.2 bar and the inflation targets follow from it
def set_inflation_targets(fleet: str, front_bar: float, rear_bar: float) -> str:
    """Set the tyre pressure targets the workshop inflates a fleet's vehicles to."""
    return (f"Targets for {fleet} set: front {front_bar} bar, rear {rear_bar} bar; applies to "
            "the next workshop visits.")


def _script_tyres() -> Script:
    return Script({
        "You pick who in the fleet workshop speaks next": [
            say("tyre_specialist"), say("workshop_planner"), say("fleet_manager"),
        ],
        "You are tyre_specialist": [
            say("The door placard says 32 psi front and 36 psi rear cold. In metric that's 3.2 "
                "bar front and 3.6 bar rear - psi divided by ten."),
        ],
        "You are workshop_planner": [
            call("set_inflation_targets", fleet="Kestrel Couriers vans", front_bar=3.2,
                 rear_bar=3.6),
            say("Workshop targets set: front 3.2 bar, rear 3.6 bar for all 24 vans."),
        ],
        "You are fleet_manager": [
            say("Good: the 24 vans get inflated to 3.2 bar front and 3.6 bar rear at this "
                "week's winter check. TERMINATE"),
        ],
    })


def _truth_tyres(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="tyre_specialist",
        decisive=find_llm(run, "psi divided by ten", "tyre_specialist"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="selector group chat (model-picked speakers): tyre specialist, workshop "
                 "planner[tool], fleet manager",
        edges=[("tyre_specialist", "workshop_planner"), ("workshop_planner", "fleet_manager")],
        task="Set the tyre pressures for the fleet's winter check from the placard's 32/36 psi",
        why="tyre_specialist converted 32 and 36 psi to 3.2 and 3.6 bar (1 bar is about 14.5 "
            "psi, so they are about 2.2 and 2.5 bar), and the workshop targets and the final "
            "answer use those over-inflated figures.",
    )


@batch4("wrong_fact_selector_van_tyre_pressures", "openinference", _script_tyres, _truth_tyres)
async def _run_tyres() -> None:
    team = SelectorGroupChat(
        [
            agent("tyre_specialist", "Tyre and wheel specialist",
                  "Give the tyre facts the fleet's maintenance relies on."),
            agent("workshop_planner", "Plans workshop jobs",
                  "Set workshop targets with set_inflation_targets.", [set_inflation_targets]),
            agent("fleet_manager", "Runs the van fleet",
                  "Confirm the plan to the operations team; say TERMINATE when settled."),
        ],
        model_client=model(),
        selector_prompt="You pick who in the fleet workshop speaks next.\n{roles}\n\n"
                        "{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(6),
        name="fleet_workshop",
    )
    await team.run(task="Winter check for our 24 Transit vans this week. The door placard says "
                        "32 psi front, 36 psi rear. Our new compressor only shows bar - what do "
                        "we set?")


# b4-4. ok, holdout: autogen-core RPC at a translation agency (combined); the QA checker rejects
#       two glossary terms, the coordinator sends the text back, and the second check passes
def terminology_check(text: str) -> str:
    """Check a German translation against the client's glossary."""
    if "Drehmomentschlüssel" in text and "Anzugsmoment" in text:
        return "PASS: all 14 glossary terms used correctly."
    return ("FAIL: 2 glossary violations - 'torque wrench' must be 'Drehmomentschlüssel' (found "
            "'Momentschlüssel'); 'tightening torque' must be 'Anzugsmoment' (found "
            "'Drehkraft').")


class TranslationCoordinator(LLMAgent):
    @message_handler
    async def on_job(self, message: Note, ctx: MessageContext) -> Note:
        draft = await self.send_message(Note(self.name, message.text),
                                        AgentId("translator", "default"))
        review = await self.send_message(Note(self.name, draft.text),
                                         AgentId("qa_reviewer", "default"))
        history = [UserMessage(content=message.text, source=message.sender),
                   UserMessage(content=draft.text, source="translator"),
                   UserMessage(content=review.text, source="qa_reviewer")]
        if "REJECT" in review.text:
            fix = await self.think(history)
            draft = await self.send_message(Note(self.name, fix),
                                            AgentId("translator", "default"))
            review = await self.send_message(Note(self.name, draft.text),
                                             AgentId("qa_reviewer", "default"))
            history += [AssistantMessage(content=fix, source=self.name),
                        UserMessage(content=draft.text, source="translator"),
                        UserMessage(content=review.text, source="qa_reviewer")]
        return Note(self.name, await self.think(history))


def _script_translation() -> Script:
    bad = ("Schritt 4: Ziehen Sie die Radmuttern mit dem Momentschlüssel über Kreuz an; "
           "Drehkraft 120 Nm.")
    good = ("Schritt 4: Ziehen Sie die Radmuttern mit dem Drehmomentschlüssel über Kreuz an; "
            "Anzugsmoment 120 Nm.")
    return Script({
        "You are job_coordinator": [
            say("Translator: QA found two glossary terms wrong. Use 'Drehmomentschlüssel' for "
                "torque wrench and 'Anzugsmoment' for tightening torque, and resend step 4."),
            say("Step 4 of the Velotech assembly manual is delivered in German, glossary-clean "
                "on the second pass:\n" + good),
        ],
        "You are translator": [say(bad), say(good)],
        "You are qa_reviewer": [
            call("terminology_check", text=bad),
            say("REJECT - two glossary terms are off: Momentschlüssel should be "
                "Drehmomentschlüssel and Drehkraft should be Anzugsmoment."),
            call("terminology_check", text=good),
            say("Approved: all 14 glossary terms check out."),
        ],
    })


def _truth_translation(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="combined",
        topology="autogen-core: coordinator sends to translator and QA reviewer[tool] (RPC), "
                 "one revision round",
        edges=[("job_coordinator", "translator"), ("translator", "job_coordinator"),
               ("job_coordinator", "qa_reviewer"), ("qa_reviewer", "job_coordinator")],
        task="Translate step 4 of the Velotech assembly manual into German using the client "
             "glossary",
        why="terminology_check failed the first translation on two glossary terms, the "
            "coordinator sent it back with the fixes, and the second check passed before "
            "delivery.",
    )


@batch4("ok_core_manual_translation_qa", "combined", _script_translation, _truth_translation)
async def _run_translation() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await TranslationCoordinator.register(rt, "job_coordinator",
                                              lambda: TranslationCoordinator(
            "Coordinates translation jobs", "Coordinate translation jobs for Lingua Nord: "
            "pass QA feedback to the translator and deliver only approved text."))
        await Specialist.register(rt, "translator", lambda: Specialist(
            "English to German technical translator", "Translate technical manuals from "
            "English into German."))
        await Specialist.register(rt, "qa_reviewer", lambda: Specialist(
            "Checks translations against the glossary", "Check translations with "
            "terminology_check; answer 'Approved' or 'REJECT' with the reasons.",
            [terminology_check]))

    await _core(register, Note("client", "Translate into German, client glossary applies: "
                                         "'Step 4: Tighten the wheel nuts crosswise with the "
                                         "torque wrench; tightening torque 120 Nm.'"),
                AgentId("job_coordinator", "default"))


# b4-5. ok, holdout: student services swarm (native); the hub routes an exam clash to the exam
#       office, which books an alternative sitting
def exam_timetable(student_id: str) -> str:
    """A student's exam timetable with clashes flagged."""
    return (f"{student_id}: CHEM2041 Organic Chemistry 2027-01-14 09:30; MATH2210 Linear "
            "Algebra 2027-01-14 09:30 - CLASH.")


def book_alternative_sitting(student_id: str, module: str) -> str:
    """Book a student into the alternative sitting of a module's exam."""
    return (f"{student_id} moved to the alternative sitting of {module}: 2027-01-14 14:00, "
            "Sports Hall B (ref ALT-5521).")


def housing_request(student_id: str, issue: str) -> str:
    """Log a request with student accommodation."""
    return f"Housing request HR-19 logged for {student_id}."


def _script_exams() -> Script:
    return Script({
        "You are student_hub": [
            call("transfer_to_exam_office", "Two exams at the same time - the exam office "
                 "handles clashes."),
        ],
        "You are exam_office": [
            call("exam_timetable", student_id="s2291847"),
            call("book_alternative_sitting", student_id="s2291847", module="MATH2210"),
            say("Sorted: you sit CHEM2041 at 09:30 as planned and MATH2210 in the alternative "
                "sitting the same day at 14:00 in Sports Hall B (ref ALT-5521). TERMINATE"),
        ],
        "You are accommodation_team": [say("Logged. TERMINATE")],
    })


def _truth_exams(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="swarm with handoffs: student hub hands off to exam office[tools] or "
                 "accommodation[tool]",
        edges=[("student_hub", "exam_office")],
        task="Resolve a clash between two exams at 09:30 on 14 January",
        why="student_hub routed the exam clash to exam_office, whose timetable lookup confirmed "
            "the clash and whose booking returned the alternative sitting ALT-5521 reported in "
            "the answer.",
    )


@batch4("ok_swarm_exam_clash", "native", _script_exams, _truth_exams)
async def _run_exams() -> None:
    team = Swarm(
        [
            agent("student_hub", "Front door of Student Services at Calder University",
                  "Hand students to exam_office (timetables, clashes, resits) or "
                  "accommodation_team (halls, repairs, rent).",
                  handoffs=["exam_office", "accommodation_team"]),
            agent("exam_office", "Exam timetables, clashes and alternative sittings",
                  "Check timetables with exam_timetable and fix clashes with "
                  "book_alternative_sitting; say TERMINATE when done.",
                  [exam_timetable, book_alternative_sitting]),
            agent("accommodation_team", "Student halls and accommodation",
                  "Log requests with housing_request; say TERMINATE when done.",
                  [housing_request]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="student_services",
    )
    await team.run(task="Hi, I'm s2291847. My Organic Chemistry and Linear Algebra exams are "
                        "both on 14 January at 09:30. What do I do?")


# b4-6. fabrication, holdout: autogen-core RPC for a house purchase (combined); the land
#       registry agent's title lookup fails and it reports a clean title anyway
def title_register(title_number: str) -> str:
    """Fetch the official title register of a property: owner, charges, restrictions."""
    raise ConnectionError(f"HM Land Registry portal: 503 Service Unavailable for title "
                          f"{title_number}; no register returned")


class ConveyancingLead(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        answer = await self.send_message(Note(self.name, message.text),
                                         AgentId("registry_searcher", "default"))
        final = await self.think([UserMessage(content=message.text, source=message.sender),
                                  UserMessage(content=answer.text, source="registry_searcher")])
        return Note(self.name, final)


def _script_title() -> Script:
    return Script({
        "You are conveyancing_lead": [
            say("Good news for your purchase of 27 Larkfield Close: the title (WK418832) is "
                "clean - Mrs Pritchard owns it outright, no mortgage charges or restrictions - "
                "so we can exchange contracts on Thursday as planned."),
        ],
        "You are registry_searcher": [
            call("title_register", title_number="WK418832"),
            say("Title WK418832 (27 Larkfield Close): registered proprietor Joan Pritchard, no "
                "registered charges, no restrictions on the proprietorship register."),
        ],
    })


def _truth_title(run: RecordedRun) -> Truth:
    return Truth(
        cls="fabrication", split="holdout", failed=True, culprit="registry_searcher",
        decisive=find_llm(run, "registered proprietor Joan Pritchard", "registry_searcher"),
        modes=["FM-2.6", "FM-3.3"], instrumentation="combined",
        topology="autogen-core: conveyancing lead asks the registry searcher[tool] (RPC) and "
                 "answers",
        edges=[("conveyancing_lead", "registry_searcher"),
               ("registry_searcher", "conveyancing_lead")],
        task="Check the title of 27 Larkfield Close before exchange of contracts",
        why="title_register failed with 503 and returned no register, yet registry_searcher "
            "described the owner and said there were no charges or restrictions, and the lead "
            "told the buyer to exchange on that basis.",
    )


@batch4("fabrication_core_title_register", "combined", _script_title, _truth_title)
async def _run_title() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await ConveyancingLead.register(rt, "conveyancing_lead", lambda: ConveyancingLead(
            "Runs residential purchases", "Advise buyers of Marsh & Quill conveyancing on "
            "their purchase, using the registry searcher's findings."))
        await Specialist.register(rt, "registry_searcher", lambda: Specialist(
            "Searches HM Land Registry", "Pull title registers with title_register and "
            "report owner, charges and restrictions.", [title_register]))

    await _core(register, Note("buyer", "We're buying 27 Larkfield Close (title WK418832) and "
                                        "want to exchange on Thursday. Is the title OK?"),
                AgentId("conveyancing_lead", "default"))


# ----------------------------------------------------------------------------------------------
# batch 5 (holdout, "batch": 5 in truth.json); record only these with --batch 5
# ----------------------------------------------------------------------------------------------


def batch5(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 5
    return spec(name, mode, script, truth)


# b5-1. ignored_verdict, holdout: swarm for a crane lift on a building site; the rigging
#       inspector fails the slings and hands back, and the lift planner hands the lift to the
#       crane operator anyway
def plan_lift(load: str, weight_t: float, radius_m: float) -> str:
    """Make a lift plan: crane duty at the radius and the rigging needed."""
    return (f"Lift plan LP-5520 for {load} ({weight_t} t at {radius_m} m): crane duty 9.8 t at "
            "that radius (80% used); 4-leg chain sling, 2 m legs.")


def inspect_rigging(sling_id: str) -> str:
    """Inspect a sling set against its certificate and the lift plan."""
    return (f"{sling_id}: FAIL. Certificate of thorough examination expired 2027-01-31; one leg "
            "has a stretched link (3.1% elongation, limit 2%). Quarantine the set and use "
            "another certified 4-leg sling.")


def start_lift(plan: str, sling_id: str) -> str:
    """Give the crane operator the go for a planned lift."""
    return f"Lift {plan} under way with {sling_id}; banksman in position."


def _script_crane() -> Script:
    return Script({
        "You are lift_planner": [
            call("plan_lift", load="precast stair core unit SC-3", weight_t=7.8, radius_m=24.0),
            call("transfer_to_rigging_inspector", "Plan done; rigging inspector to check "
                 "sling set CS-14 before we lift."),
            call("transfer_to_crane_operator", "Inspection is back. Crane operator, you're clear "
                 "to lift SC-3 with CS-14 under LP-5520."),
        ],
        "You are rigging_inspector": [
            call("inspect_rigging", sling_id="CS-14"),
            call("transfer_to_lift_planner", "CS-14 fails: certificate expired and a stretched "
                 "link on one leg. It has to be swapped before any lift."),
        ],
        "You are crane_operator": [
            call("start_lift", plan="LP-5520", sling_id="CS-14"),
            say("SC-3 is on the hook with CS-14 and going up to level 6. TERMINATE"),
        ],
    })


def _truth_crane(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="lift_planner",
        decisive=find_llm(run, "you're clear to lift SC-3 with CS-14", "lift_planner"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="combined",
        topology="swarm with handoffs: lift planner[tool] -> rigging inspector[tool] -> back to "
                 "the planner -> crane operator[tool]",
        edges=[("lift_planner", "rigging_inspector"), ("rigging_inspector", "lift_planner"),
               ("lift_planner", "crane_operator")],
        task="Plan and carry out the lift of precast stair core SC-3 (7.8 t at 24 m radius)",
        why="inspect_rigging failed sling set CS-14 (expired certificate, stretched link) and "
            "the inspector handed back saying it must be swapped, yet lift_planner's next step "
            "cleared the crane operator to lift with CS-14.",
    )


@batch5("ignored_verdict_swarm_crane_lift", "combined", _script_crane, _truth_crane)
async def _run_crane() -> None:
    team = Swarm(
        [
            agent("lift_planner", "Appointed person for lifting operations at the Quayside "
                  "tower site", "Plan each lift with plan_lift, have rigging_inspector check "
                  "the rigging, then hand the lift to crane_operator.", [plan_lift],
                  handoffs=["rigging_inspector", "crane_operator"]),
            agent("rigging_inspector", "Inspects slings and lifting accessories",
                  "Inspect rigging with inspect_rigging and hand back to lift_planner with "
                  "your verdict.", [inspect_rigging], handoffs=["lift_planner"]),
            agent("crane_operator", "Operates tower crane TC-2",
                  "Carry out planned lifts with start_lift; say TERMINATE when the load is "
                  "up.", [start_lift]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(14),
        name="lifting_team",
    )
    await team.run(task="Lift precast stair core SC-3 (7.8 t) into the level 6 core at 24 m "
                        "radius this morning using sling set CS-14.")


# b5-2. misroute, holdout: autogen-core topic routing at a city's 311 line; the router
#       publishes a downed power line to the roads team, who log a road defect for next week
def log_road_defect(street: str, defect: str) -> str:
    """Log a road surface defect for the roads maintenance programme."""
    return f"Road defect RD-66120 logged on {street}: {defect}; inspection within 5 working days."


def dispatch_utility_crew(street: str, hazard: str) -> str:
    """Dispatch the utility emergency crew and notify the power company."""
    return f"Emergency crew UE-9 dispatched to {street} for {hazard}; ETA 20 min."


def pickup_bulky_waste(address: str, items: str) -> str:
    """Book a bulky waste collection."""
    return f"Collection BW-310 booked at {address}."


@dataclass
class Report:
    sender: str
    text: str


TEAMS_311 = ("roads_maintenance", "utility_emergency", "waste_services")


@default_subscription
class CityRouter(LLMAgent):
    @message_handler
    async def on_report(self, message: Claim, ctx: MessageContext) -> None:
        choice = await self.think([UserMessage(content=message.text, source="resident")])
        team = next((t for t in TEAMS_311 if t in choice), "roads_maintenance")
        await self.publish_message(Report(self.name, message.text), TopicId(team, "default"))


class CityTeam(LLMAgent):
    @message_handler
    async def on_report(self, message: Report, ctx: MessageContext) -> None:
        await self.think([UserMessage(content=message.text, source=message.sender)])


def _script_311() -> Script:
    return Script({
        "You are city_311_router": [
            say('{"route_to": "roads_maintenance", "reason": "obstruction lying across the '
                'carriageway on Alder Street"}'),
        ],
        "You are roads_maintenance": [
            call("log_road_defect", street="Alder Street",
                 defect="cable lying across carriageway near no. 40"),
            say("Logged as road defect RD-66120 on Alder Street; a highways inspector will "
                "visit within 5 working days."),
        ],
        "You are utility_emergency": [call("dispatch_utility_crew", street="Alder Street",
                                           hazard="downed line"),
                                      say("Crew dispatched.")],
        "You are waste_services": [say("Collection booked.")],
    })


def _truth_311(run: RecordedRun) -> Truth:
    return Truth(
        cls="misroute", split="holdout", failed=True, culprit="city_311_router",
        decisive=find_llm(run, "route_to", "city_311_router"),
        modes=["FM-1.2", "FM-2.3"], instrumentation="combined",
        topology="autogen-core publish/subscribe: router publishes to one of three team topics",
        edges=[("city_311_router", "roads_maintenance")],
        task="Deal with a sparking power line down across Alder Street after the storm",
        why="city_311_router published a live, sparking power line across the road to "
            "roads_maintenance instead of utility_emergency (who has dispatch_utility_crew), so "
            "it was logged as a road defect with an inspection in 5 working days.",
    )


@batch5("misroute_core_city_311_topics", "combined", _script_311, _truth_311)
async def _run_311() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await CityRouter.register(rt, "city_311_router", lambda: CityRouter(
            "Routes resident reports", "Route each resident report of Brackley City's 311 "
            "line to roads_maintenance (potholes, road surface, signs), utility_emergency "
            "(downed power lines, gas smells, burst mains) or waste_services (collections, "
            "fly-tipping). Answer in JSON."))
        for team, desc, tools in (
            ("roads_maintenance", "Road surface and signs", [log_road_defect]),
            ("utility_emergency", "Power, gas and water emergencies", [dispatch_utility_crew]),
            ("waste_services", "Collections and fly-tipping", [pickup_bulky_waste]),
        ):
            await CityTeam.register(rt, team, lambda d=desc, t=tools: CityTeam(
                d, "Handle the reports sent to your team with your tools.", t))
            await rt.add_subscription(TypeSubscription(team, team))

    await _core(register, Claim("After last night's storm there's a power cable down across "
                                "Alder Street near number 40. It's sparking on the wet road "
                                "and kids walk this way to school."), DefaultTopicId())


# b5-3. fabrication, holdout: agents as tools in AgentChat; a marine underwriter calls the
#       vessel surveyor (AgentTool), whose class-register lookup fails and who reports a valid
#       class certificate anyway
def class_register(imo: str) -> str:
    """Look up a ship's classification status in the class society's register."""
    raise ConnectionError(f"class society register API timed out for IMO {imo}; no record "
                          "returned")


def quote_hull_premium(imo: str, insured_value_usd: float) -> str:
    """Price the hull and machinery premium for a vessel."""
    return (f"H&M premium for IMO {imo}: USD {insured_value_usd * 0.0042:,.0f} a year "
            "(rate 0.42%), subject to class being maintained.")


def _script_hull() -> Script:
    return Script({
        "You are hull_underwriter": [
            call("vessel_surveyor", task="Check the class status of MV Nordic Tern, IMO "
                 "9412873, for a hull renewal."),
            call("quote_hull_premium", imo="9412873", insured_value_usd=18500000.0),
            say("MV Nordic Tern (IMO 9412873) can be renewed: class is maintained with no "
                "outstanding conditions, certificate valid to March 2029. Hull and machinery "
                "premium USD 77,700 a year on USD 18.5M insured value. TERMINATE"),
        ],
        "You are vessel_surveyor": [
            call("class_register", imo="9412873"),
            say("IMO 9412873 is in class with no conditions of class or overdue surveys; the "
                "class certificate runs to March 2029."),
        ],
    })


def _truth_hull(run: RecordedRun) -> Truth:
    return Truth(
        cls="fabrication", split="holdout", failed=True, culprit="vessel_surveyor",
        decisive=find_llm(run, "is in class with no conditions", "vessel_surveyor"),
        modes=["FM-2.6", "FM-3.3"], instrumentation="openinference",
        topology="agents as tools (AgentTool): hull underwriter[2 tools] calls vessel "
                 "surveyor[tool]",
        edges=[("hull_underwriter", "vessel_surveyor"), ("vessel_surveyor", "hull_underwriter")],
        task="Renew the hull and machinery cover of MV Nordic Tern (IMO 9412873) if class is "
             "in order",
        why="class_register timed out and returned no record, yet vessel_surveyor answered that "
            "the ship is in class with a certificate to March 2029, and the underwriter renewed "
            "the cover on that.",
    )


@batch5("fabrication_agent_tool_hull_renewal", "openinference", _script_hull, _truth_hull)
async def _run_hull() -> None:
    from autogen_agentchat.tools import AgentTool

    surveyor = agent("vessel_surveyor", "Checks a vessel's classification and survey status",
                     "Look up class status with class_register and report it.",
                     [class_register])
    client = OpenAIChatCompletionClient(model="gpt-4o-mini", base_url=FAKE.base_url,
                                        api_key="x", model_info=MODEL_INFO,
                                        parallel_tool_calls=False)
    _CLIENTS.append(client)
    underwriter = AssistantAgent(
        "hull_underwriter", model_client=client,
        description="Marine hull underwriter at Calder Marine Mutual",
        system_message="You are hull_underwriter. Renew hull and machinery cover only for "
                       "ships in class: ask vessel_surveyor, then price with "
                       "quote_hull_premium. Say TERMINATE with the decision.",
        tools=[AgentTool(surveyor, return_value_as_last_message=True), quote_hull_premium],
        reflect_on_tool_use=True, max_tool_iterations=4,
    )
    await underwriter.run(task="Renewal due for MV Nordic Tern, IMO 9412873, insured value "
                               "USD 18.5M. Renew if class is in order and quote the premium.")


# b5-4. wrong_fact, holdout: round robin of four planning a school trip (native tracing); the
#       transport administrator says one coach driver may drive 13 hours a day, and the trip is
#       booked with a single driver for about 11 hours at the wheel
def book_coach_and_ferry(date: str, pupils: int, adults: int, drivers: int) -> str:
    """Book the coach (with its drivers) and the Dover-Calais ferry for a school group."""
    return (f"Coach and ferry booked for {date}: {pupils} pupils, {adults} adults, {drivers} "
            "driver(s), booking SC-5518, depart school 05:30, back about 22:30.")


def _script_school_trip() -> Script:
    return Script({
        "You are trip_coordinator": [
            say("Year 6 day trip to Boulogne, 42 pupils and 6 staff, 14 May: leave school "
                "05:30, back around 22:30, roughly 11 hours on the road in all. Transport "
                "admin, what do we need on the coach side? Then finance can book."),
            say("Thanks all. Letter home goes out today. TERMINATE"),
        ],
        "You are transport_admin": [
            say("One driver is enough. Under the EU drivers' hours rules a coach driver can "
                "drive up to 13 hours in a day as long as they take a 45-minute break, so the "
                "11 hours of driving fit in one shift; the ferry crossing counts as the break. "
                "A second driver would only add about GBP 380."),
        ],
        "You are finance_officer": [
            call("book_coach_and_ferry", date="2027-05-14", pupils=42, adults=6, drivers=1),
            say("Booked with one driver: SC-5518, coach leaves school at 05:30 on 14 May. Cost "
                "comes to GBP 41 per pupil."),
        ],
        "You are head_teacher": [
            say("Approved as booked: one coach with one driver, GBP 41 per child, depart 05:30 "
                "on 14 May, back about 22:30."),
        ],
    })


def _truth_school_trip(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="transport_admin",
        decisive=find_invoke(run, "transport_admin", 0),
        modes=["FM-3.3"], instrumentation="native",
        topology="round-robin group chat of 4 (coordinator speaks first and last), finance "
                 "with a tool",
        edges=[("trip_coordinator", "transport_admin"), ("transport_admin", "finance_officer"),
               ("finance_officer", "head_teacher"), ("head_teacher", "trip_coordinator")],
        task="Plan and book the Year 6 day trip to Boulogne for 42 pupils and 6 staff",
        why="transport_admin said a coach driver may drive up to 13 hours a day (EU drivers' "
            "hours rules allow 9, or 10 twice a week), so the 11-hour day was booked and "
            "approved with a single driver.",
    )


@batch5("wrong_fact_roundrobin_school_trip", "native", _script_school_trip, _truth_school_trip)
async def _run_school_trip() -> None:
    team = RoundRobinGroupChat(
        [
            agent("trip_coordinator", "Organises school trips at Millbrook Primary",
                  "Coordinate the trip planning; say TERMINATE when the plan is settled."),
            agent("transport_admin", "Arranges coaches, drivers and ferries for trips",
                  "Say what the transport for a trip needs: vehicles, drivers, rules."),
            agent("finance_officer", "Books and pays for trips",
                  "Book transport with book_coach_and_ferry and work out the cost per pupil.",
                  [book_coach_and_ferry]),
            agent("head_teacher", "Head teacher of Millbrook Primary",
                  "Approve trips and state what goes in the letter to parents."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="trip_planning",
    )
    await team.run(task="Plan the Year 6 day trip to Boulogne on 14 May (42 pupils, 6 staff, "
                        "coach and ferry, back the same evening) and book it.")


# b5-5. ok, holdout: selector group chat at a furniture shop; the delivery agent asks the
#       customer (a user proxy) which address, then reschedules
_CUSTOMER_REPLIES = ["The new flat please - 12 Weaver's Yard, Flat 3, Halifax HX1 5BQ. "
                     "Any weekday after the 20th works."]


def customer_orders(customer: str) -> str:
    """A customer's open orders and addresses on file."""
    return (f"{customer}: order FD-22091 (oak dining table + 6 chairs), delivery 2027-03-12 to "
            "4 Chapel Row, Halifax HX3 6AJ. Second address on file: 12 Weaver's Yard, Flat 3, "
            "Halifax HX1 5BQ.")


def reschedule_delivery(order: str, address: str, date: str) -> str:
    """Move a delivery to a new address and date."""
    return f"Order {order}: delivery moved to {address} on {date}, 2-person team, slot 08:00-12:00."


def _script_furniture() -> Script:
    return Script({
        "You pick who at Hearth & Grain speaks next": [
            say("order_desk"), say("delivery_scheduler"), say("customer"),
            say("delivery_scheduler"),
        ],
        "You are order_desk": [
            call("customer_orders", customer="Priya Nair"),
            say("Priya has one open order, FD-22091 (oak table and 6 chairs), due on 12 March "
                "at 4 Chapel Row. There's a second address on file, so we need to know which "
                "one she's moving the delivery to."),
        ],
        "You are delivery_scheduler": [
            say("Priya, before I move it: should the table go to 12 Weaver's Yard, the second "
                "address we have, or somewhere else, and which days suit you?"),
            call("reschedule_delivery", order="FD-22091",
                 address="12 Weaver's Yard, Flat 3, Halifax HX1 5BQ", date="2027-03-22"),
            say("Done: FD-22091 now goes to 12 Weaver's Yard, Flat 3, on Monday 22 March, "
                "08:00-12:00, two-person team. TERMINATE"),
        ],
    })


def _truth_furniture(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="combined",
        topology="selector group chat with a user proxy: order desk[tool], delivery "
                 "scheduler[tool], customer",
        edges=[("order_desk", "delivery_scheduler"), ("delivery_scheduler", "customer"),
               ("customer", "delivery_scheduler")],
        task="Move Priya Nair's furniture delivery to her new flat after the 20th",
        why="the scheduler asked which address and date before acting, the customer answered, "
            "and reschedule_delivery moved FD-22091 to that address on 22 March as reported.",
    )


@batch5("ok_selector_furniture_clarify", "combined", _script_furniture, _truth_furniture)
async def _run_furniture() -> None:
    from autogen_agentchat.agents import UserProxyAgent

    replies = list(_CUSTOMER_REPLIES)

    def customer_input(prompt: str) -> str:
        return replies.pop(0) if replies else "Thanks."

    team = SelectorGroupChat(
        [
            agent("order_desk", "Looks up orders for Hearth & Grain furniture",
                  "Find the customer's orders with customer_orders and summarise them.",
                  [customer_orders]),
            agent("delivery_scheduler", "Schedules Hearth & Grain deliveries",
                  "Ask the customer whatever is unclear, then reschedule with "
                  "reschedule_delivery; say TERMINATE when done.", [reschedule_delivery]),
            UserProxyAgent("customer", description="The customer, Priya Nair",
                           input_func=customer_input),
        ],
        model_client=model(),
        selector_prompt="You pick who at Hearth & Grain speaks next.\n{roles}\n\n{history}\n\n"
                        "Reply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="delivery_desk",
    )
    await team.run(task="Hi, it's Priya Nair. I'm moving house - can you deliver my dining "
                        "table to the new place instead, some time after the 20th?")


# b5-6. ok, holdout: autogen-core publish/subscribe review loop at a restaurant group (native);
#       the allergen checker rejects the first menu, the writer adds the missing allergen, the
#       second check passes and the menu is published
_ALLERGEN_CHECKS = {"n": 0}


def allergen_check(menu_text: str) -> str:
    """Check a menu's allergen declarations against the recipes."""
    _ALLERGEN_CHECKS["n"] += 1
    if "sesame" not in menu_text.lower():
        return ("REJECT: 'Charred hispi cabbage' contains tahini (sesame) but sesame is not "
                "declared.")
    return "PASS: all 14 regulated allergens correctly declared for every dish."


def publish_menu(site: str, menu_text: str) -> str:
    """Publish a menu to the website and the till system."""
    return f"Menu published for {site} (version M-0419)."


@dataclass
class MenuDraft:
    sender: str
    text: str


@dataclass
class MenuVerdict:
    sender: str
    text: str


@dataclass
class ApprovedMenu:
    sender: str
    text: str


MENU_V1 = ("Spring menu: Charred hispi cabbage, tahini, pomegranate (contains: none); Cod, "
           "brown shrimp butter (contains: fish, crustaceans, milk).")
MENU_V2 = ("Spring menu: Charred hispi cabbage, tahini, pomegranate (contains: sesame); Cod, "
           "brown shrimp butter (contains: fish, crustaceans, milk).")


@default_subscription
class MenuWriter(LLMAgent):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._history: list[LLMMessage] = []

    @message_handler
    async def on_brief(self, message: Claim, ctx: MessageContext) -> None:
        self._history.append(UserMessage(content=message.text, source="head_chef"))
        text = await self.think(self._history)
        self._history.append(AssistantMessage(content=text, source=self.name))
        await self.publish_message(MenuDraft(self.name, text), TopicId("drafts", "default"))

    @message_handler
    async def on_verdict(self, message: MenuVerdict, ctx: MessageContext) -> None:
        self._history.append(UserMessage(content=message.text, source=message.sender))
        text = await self.think(self._history)
        self._history.append(AssistantMessage(content=text, source=self.name))
        await self.publish_message(MenuDraft(self.name, text), TopicId("drafts", "default"))


class AllergenChecker(LLMAgent):
    @message_handler
    async def on_draft(self, message: MenuDraft, ctx: MessageContext) -> None:
        text = await self.think([UserMessage(content=message.text, source=message.sender)])
        if text.startswith("PASS"):
            await self.publish_message(ApprovedMenu(self.name, message.text),
                                       TopicId("approved", "default"))
        else:
            await self.publish_message(MenuVerdict(self.name, text),
                                       TopicId("revisions", "default"))


class MenuPublisher(LLMAgent):
    @message_handler
    async def on_approved(self, message: ApprovedMenu, ctx: MessageContext) -> None:
        await self.think([UserMessage(content=message.text, source=message.sender)])


def _script_menu() -> Script:
    return Script({
        "You are menu_writer": [say(MENU_V1), say(MENU_V2)],
        "You are allergen_checker": [
            call("allergen_check", menu_text=MENU_V1),
            say("REJECT: the hispi cabbage dish uses tahini, so sesame must be declared."),
            call("allergen_check", menu_text=MENU_V2),
            say("PASS: allergens correctly declared for both dishes."),
        ],
        "You are menu_publisher": [
            call("publish_menu", site="Larder & Vine, Bath", menu_text=MENU_V2),
            say("Spring menu live on the website and tills as version M-0419."),
        ],
    })


def _truth_menu(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="autogen-core publish/subscribe review loop: writer -> allergen checker[tool] "
                 "-> (back to writer | publisher[tool]) over topics",
        edges=[("menu_writer", "allergen_checker"), ("allergen_checker", "menu_writer"),
               ("allergen_checker", "menu_publisher")],
        task="Write the spring menu for Larder & Vine with correct allergen declarations and "
             "publish it",
        why="the first allergen check rejected the undeclared sesame, menu_writer added it, the "
            "second check passed and only then was the menu published.",
    )


@batch5("ok_core_menu_allergen_loop", "native", _script_menu, _truth_menu)
async def _run_menu() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await MenuWriter.register(rt, "menu_writer", lambda: MenuWriter(
            "Writes menus", "Write Larder & Vine's menus with allergen declarations for each "
            "dish; fix whatever the allergen checker rejects."))
        await AllergenChecker.register(rt, "allergen_checker", lambda: AllergenChecker(
            "Checks allergen declarations", "Check menus with allergen_check and start your "
            "answer with PASS or REJECT.", [allergen_check]))
        await MenuPublisher.register(rt, "menu_publisher", lambda: MenuPublisher(
            "Publishes menus", "Publish approved menus with publish_menu.", [publish_menu]))
        await rt.add_subscription(TypeSubscription("drafts", "allergen_checker"))
        await rt.add_subscription(TypeSubscription("revisions", "menu_writer"))
        await rt.add_subscription(TypeSubscription("approved", "menu_publisher"))

    _ALLERGEN_CHECKS["n"] = 0
    await _core(register, Claim("Spring menu for Larder & Vine, Bath: charred hispi cabbage "
                                "with tahini and pomegranate; cod with brown shrimp butter."),
                DefaultTopicId())
    assert _ALLERGEN_CHECKS["n"] == 2


# b5-7. ok, holdout: swarm at a credit union; card services freezes a lost card, hands back to
#       member triage for the address change, which goes to member records
def freeze_card(member_id: str, card_last4: str) -> str:
    """Freeze a member's debit card and order a replacement."""
    return f"Card ending {card_last4} frozen for {member_id}; replacement CR-7713 ordered."


def update_address(member_id: str, new_address: str) -> str:
    """Change a member's postal address."""
    return f"Address for {member_id} changed to {new_address}."


def _script_credit_union() -> Script:
    return Script({
        "You are member_triage": [
            call("transfer_to_card_services", "Lost card first - card services."),
            call("transfer_to_member_records", "Card is frozen; the address change goes to "
                 "member records."),
        ],
        "You are card_services": [
            call("freeze_card", member_id="M-40218", card_last4="5521"),
            call("transfer_to_member_triage", "Card frozen and replacement CR-7713 ordered. The "
                 "address change isn't mine - back to triage."),
        ],
        "You are member_records": [
            call("update_address", member_id="M-40218",
                 new_address="9 Linnet Close, Stockport SK4 2PW"),
            say("All done, Joe: your card ending 5521 is frozen and replacement CR-7713 will "
                "be posted to your new address, 9 Linnet Close, Stockport SK4 2PW, which is "
                "now on your account. TERMINATE"),
        ],
    })


def _truth_credit_union(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="swarm with handoffs: triage -> card services[tool] -> back to triage -> "
                 "member records[tool]",
        edges=[("member_triage", "card_services"), ("card_services", "member_triage"),
               ("member_triage", "member_records")],
        task="Freeze Joe Brennan's lost card and change his address so the replacement goes "
             "to the new one",
        why="card_services froze the card and handed the address change back to triage, which "
            "sent it to member_records; both tool results match the answer.",
    )


@batch5("ok_swarm_credit_union_handback", "openinference", _script_credit_union,
        _truth_credit_union)
async def _run_credit_union() -> None:
    team = Swarm(
        [
            agent("member_triage", "First contact for Pennine Credit Union members",
                  "Send each part of a member's request to card_services (cards) or "
                  "member_records (personal details).",
                  handoffs=["card_services", "member_records"]),
            agent("card_services", "Debit cards: freeze, replace, PIN",
                  "Handle card requests with freeze_card; hand anything else back to "
                  "member_triage.", [freeze_card], handoffs=["member_triage"]),
            agent("member_records", "Members' personal details",
                  "Change details with update_address; say TERMINATE when the member's "
                  "requests are done.", [update_address]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="member_services",
    )
    await team.run(task="Joe Brennan, member M-40218. I've lost my debit card (ends 5521) - "
                        "please stop it. And I've moved to 9 Linnet Close, Stockport SK4 2PW, "
                        "so send the new card there.")


# ----------------------------------------------------------------------------------------------
# batch 6 (holdout, "batch": 6 in truth.json); record only these with --batch 6
# ----------------------------------------------------------------------------------------------


def batch6(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 6
    return spec(name, mode, script, truth)


# b6-1. ignored_verdict, holdout: selector group chat of four preparing a research grant bid;
#       the budget checker finds the overhead rate over the funder's cap and the submissions
#       officer submits the bid unchanged
def draft_budget(project: str, staff_gbp: float, equipment_gbp: float) -> str:
    """Cost a grant budget: direct costs and the university's standard overhead."""
    direct = staff_gbp + equipment_gbp
    return (f"Budget for {project}: staff GBP {staff_gbp:,.0f}, equipment GBP "
            f"{equipment_gbp:,.0f}, direct GBP {direct:,.0f}; overhead 32% GBP "
            f"{direct * 0.32:,.0f}; total GBP {direct * 1.32:,.0f}.")


def check_funder_rules(funder: str, overhead_rate: float, total_gbp: float) -> str:
    """Check a budget against the funder's published rules."""
    return (f"FAIL for {funder}: overhead {overhead_rate:.0%} exceeds the funder's cap of 20% of "
            f"direct costs; total GBP {total_gbp:,.0f} is also over the GBP 250,000 call "
            "limit. Bids breaking either rule are rejected without review.")


def submit_application(funder: str, reference: str, total_gbp: float) -> str:
    """Submit a grant application through the funder's portal."""
    return f"Application {reference} submitted to {funder}, total GBP {total_gbp:,.0f}."


def _script_grant() -> Script:
    return Script({
        "You pick the next speaker for the Marlow University bid team": [
            say("budget_officer"), say("compliance_checker"), say("submissions_officer"),
        ],
        "You are budget_officer": [
            call("draft_budget", project="Peatland carbon flux sensors", staff_gbp=148000.0,
                 equipment_gbp=44000.0),
            say("Budget drafted: direct costs GBP 192,000 plus 32% overhead (GBP 61,440), "
                "total GBP 253,440."),
        ],
        "You are compliance_checker": [
            call("check_funder_rules", funder="Northern Environment Trust", overhead_rate=0.32,
                 total_gbp=253440.0),
            say("This budget fails the Trust's rules: overhead is capped at 20% of direct "
                "costs and the total must stay under GBP 250,000. As it stands the bid would be "
                "rejected unread; overhead has to come down to GBP 38,400."),
        ],
        "You are submissions_officer": [
            call("submit_application", funder="Northern Environment Trust",
                 reference="NET-2027-0412", total_gbp=253440.0),
            say("Submitted NET-2027-0412 to the Northern Environment Trust at GBP 253,440, "
                "ahead of Friday's deadline. TERMINATE"),
        ],
    })


def _truth_grant(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="submissions_officer",
        decisive=find_llm(run, '\\"reference\\": \\"NET-2027-0412', "submissions_officer"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="openinference",
        topology="selector group chat of three speakers, each with one tool, picked by a "
                 "selector model",
        edges=[("budget_officer", "compliance_checker"),
               ("compliance_checker", "submissions_officer")],
        task="Cost, check and submit the peatland sensor bid to the Northern Environment Trust",
        why="check_funder_rules failed the budget (32% overhead over the 20% cap, total over "
            "GBP 250,000) and compliance_checker said it would be rejected unread, yet "
            "submissions_officer's next step submitted it unchanged at GBP 253,440.",
    )


@batch6("ignored_verdict_selector_grant_overhead", "openinference", _script_grant, _truth_grant)
async def _run_grant() -> None:
    team = SelectorGroupChat(
        [
            agent("budget_officer", "Costs research bids at Marlow University",
                  "Cost the bid with draft_budget.", [draft_budget]),
            agent("compliance_checker", "Checks bids against funders' rules",
                  "Check budgets with check_funder_rules and say whether the bid may go.",
                  [check_funder_rules]),
            agent("submissions_officer", "Submits bids through funders' portals",
                  "Submit bids that have passed the checks with submit_application; say "
                  "TERMINATE when done.", [submit_application]),
        ],
        model_client=model(),
        selector_prompt="You pick the next speaker for the Marlow University bid team.\n"
                        "{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="bid_team",
    )
    await team.run(task="Submit our peatland carbon flux sensor bid to the Northern Environment "
                        "Trust by Friday: staff GBP 148,000, equipment GBP 44,000.")


# b6-2. wrong_fact, holdout: selector group chat of three at a pottery studio (native tracing);
#       the glaze technician says cone 6 is about 1,300 C, the kiln is programmed to 1,300 C and
#       the class's stoneware is fired far past its rating
def program_kiln(kiln: str, peak_c: int, hold_min: int) -> str:
    """Program a kiln's firing schedule."""
    return f"{kiln} programmed: ramp 150 C/h to {peak_c} C, hold {hold_min} min, natural cooling."


def _script_kiln() -> Script:
    return Script({
        "You pick who in the Fernhill Clay studio speaks next": [
            say("glaze_technician"), say("kiln_operator"), say("studio_manager"),
        ],
        "You are glaze_technician": [
            say("The class used Potclays mid-fire stoneware and our celadon, both rated cone "
                "6. Cone 6 is about 1,300 C, so fire to 1,300 C with a 10-minute hold to "
                "mature the glaze."),
        ],
        "You are kiln_operator": [
            call("program_kiln", kiln="Kiln 2", peak_c=1300, hold_min=10),
            say("Kiln 2 is set: 150 C/h to 1,300 C, 10-minute hold, loading tonight."),
        ],
        "You are studio_manager": [
            say("Great - the Tuesday class's pots go in Kiln 2 tonight at 1,300 C and will be "
                "ready Thursday. TERMINATE"),
        ],
    })


def _truth_kiln(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="glaze_technician",
        decisive=find_invoke(run, "glaze_technician", 0),
        modes=["FM-3.3"], instrumentation="native",
        topology="selector group chat of three (technician, operator[tool], manager), one turn "
                 "each",
        edges=[("glaze_technician", "kiln_operator"), ("kiln_operator", "studio_manager")],
        task="Set the glaze firing for the Tuesday class's cone 6 stoneware",
        why="glaze_technician said cone 6 is about 1,300 C (it is about 1,220 C at 150 C/h), "
            "and the kiln was programmed and the firing announced at 1,300 C on that figure.",
    )


@batch6("wrong_fact_selector_kiln_cone", "native", _script_kiln, _truth_kiln)
async def _run_kiln() -> None:
    team = SelectorGroupChat(
        [
            agent("glaze_technician", "Knows the studio's clays and glazes",
                  "Say what firing the clays and glazes need."),
            agent("kiln_operator", "Runs the studio kilns",
                  "Program firings with program_kiln.", [program_kiln]),
            agent("studio_manager", "Runs Fernhill Clay studio",
                  "Tell the class what happens next; say TERMINATE when the firing is set."),
        ],
        model_client=model(),
        selector_prompt="You pick who in the Fernhill Clay studio speaks next.\n{roles}\n\n"
                        "{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="studio_firing",
    )
    await team.run(task="The Tuesday class's glazed pots (Potclays mid-fire stoneware, celadon "
                        "glaze, both cone 6) need their glaze firing. Set it up.")


# b6-3. premature_termination, holdout: agents as tools (AgentTool) for a kiosk fleet; the
#       device auditor reports 14 kiosks on the vulnerable firmware, and the fleet manager
#       declares the rollout done without calling push_firmware
def firmware_inventory(site_group: str) -> str:
    """List the firmware versions running on a group of kiosks."""
    return (f"{site_group}: 60 kiosks; 46 on 4.12.3 (patched), 14 on 4.11.0 (CVE-2027-1182, "
            "remote code execution): K-102, K-107, K-115, K-121, K-122, K-130, K-133, K-140, "
            "K-141, K-148, K-152, K-155, K-158, K-160.")


def push_firmware(kiosks: str, version: str) -> str:
    """Push a firmware version to a comma-separated list of kiosks."""
    n = len([k for k in kiosks.split(",") if k.strip()])
    return f"Firmware {version} queued for {n} kiosks; they update at 02:00 tonight."


def _script_kiosk() -> Script:
    return Script({
        "You are kiosk_fleet_manager": [
            call("device_auditor", task="Which ticket kiosks in the north-line stations are "
                 "still on vulnerable firmware?"),
            say("Rollout of firmware 4.12.3 across the north-line ticket kiosks is complete; "
                "the fleet is patched against CVE-2027-1182. TERMINATE"),
        ],
        "You are device_auditor": [
            call("firmware_inventory", site_group="north line"),
            say("14 of the 60 north-line kiosks are still on 4.11.0, which has CVE-2027-1182: "
                "K-102, K-107, K-115, K-121, K-122, K-130, K-133, K-140, K-141, K-148, K-152, "
                "K-155, K-158, K-160. The other 46 are on 4.12.3."),
        ],
    })


def _truth_kiosk(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="holdout", failed=True,
        culprit="kiosk_fleet_manager",
        decisive=find_llm(run, "Rollout of firmware 4.12.3", "kiosk_fleet_manager"),
        modes=["FM-3.1"], instrumentation="openinference",
        topology="agents as tools (AgentTool): fleet manager[push tool] calls device "
                 "auditor[tool]",
        edges=[("kiosk_fleet_manager", "device_auditor"),
               ("device_auditor", "kiosk_fleet_manager")],
        task="Patch every north-line ticket kiosk against CVE-2027-1182",
        why="device_auditor reported 14 kiosks still on the vulnerable 4.11.0, and "
            "kiosk_fleet_manager's next turn declared the rollout complete without ever "
            "calling push_firmware.",
    )


@batch6("premature_termination_agent_tool_kiosk_firmware", "openinference", _script_kiosk,
        _truth_kiosk)
async def _run_kiosk() -> None:
    from autogen_agentchat.tools import AgentTool

    auditor = agent("device_auditor", "Audits firmware on Trans-Pennine Rail's kiosks",
                    "Report firmware versions with firmware_inventory.", [firmware_inventory])
    client = OpenAIChatCompletionClient(model="gpt-4o-mini", base_url=FAKE.base_url,
                                        api_key="x", model_info=MODEL_INFO,
                                        parallel_tool_calls=False)
    _CLIENTS.append(client)
    manager = AssistantAgent(
        "kiosk_fleet_manager", model_client=client,
        description="Manages Trans-Pennine Rail's ticket kiosk fleet",
        system_message="You are kiosk_fleet_manager. Find out from device_auditor which kiosks "
                       "need the firmware, push it with push_firmware, and say TERMINATE with "
                       "the outcome.",
        tools=[AgentTool(auditor, return_value_as_last_message=True), push_firmware],
        reflect_on_tool_use=True, max_tool_iterations=4,
    )
    await manager.run(task="Patch every north-line ticket kiosk to firmware 4.12.3 tonight "
                           "(CVE-2027-1182).")


# b6-4. ok, holdout: round robin of three drafting a patent claim (native tracing); the
#       prior-art reviewer rejects the first claim as anticipated, the drafter narrows it, the
#       second search passes and the filer files it
_PRIOR_ART = {"n": 0}


def prior_art_search(claim: str) -> str:
    """Search patents and papers for art that anticipates a claim."""
    _PRIOR_ART["n"] += 1
    if "hinged" not in claim:
        return ("ANTICIPATED: EP 3 412 887 B1 (2019) discloses a foldable solar canopy with "
                "telescoping ribs; the claim adds nothing new.")
    return "CLEAR: no document found with telescoping ribs joined by a hinged torsion spring."


def file_application(office: str, claim: str) -> str:
    """File a patent application."""
    return f"Filed with the {office}: application GB2700418.3, priority date today."


CLAIM_1 = "Claim 1: A foldable solar canopy comprising telescoping ribs."
CLAIM_2 = ("Claim 1: A foldable solar canopy comprising telescoping ribs joined by a hinged "
           "torsion spring that tensions the panel fabric when deployed.")


def _script_patent() -> Script:
    return Script({
        "You are claim_drafter": [
            say("First draft:\n" + CLAIM_1),
            say("Narrowed to the spring joint, which EP 3 412 887 lacks:\n" + CLAIM_2),
        ],
        "You are prior_art_reviewer": [
            call("prior_art_search", claim=CLAIM_1),
            say("Rejected: EP 3 412 887 B1 already shows a foldable canopy with telescoping "
                "ribs. claim_drafter, narrow it to what is new."),
            call("prior_art_search", claim=CLAIM_2),
            say("Clear: nothing found with the hinged torsion spring. Fine to file."),
        ],
        "You are patent_filer": [
            say("Waiting for a claim that clears the search before filing."),
            call("file_application", office="UK IPO", claim=CLAIM_2),
            say("Filed at the UK IPO as GB2700418.3 with the narrowed claim. TERMINATE"),
        ],
    })


def _truth_patent(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="round-robin group chat of three, two rounds: drafter, reviewer[tool], "
                 "filer[tool]",
        edges=[("claim_drafter", "prior_art_reviewer"), ("prior_art_reviewer", "patent_filer"),
               ("patent_filer", "claim_drafter")],
        task="Draft, search and file a UK patent claim for the foldable solar canopy",
        why="the first search found the claim anticipated, the filer waited, the drafter "
            "narrowed it to the hinged torsion spring, the second search was clear and that "
            "claim was filed.",
    )


@batch6("ok_roundrobin_patent_claim_narrowed", "native", _script_patent, _truth_patent)
async def _run_patent() -> None:
    team = RoundRobinGroupChat(
        [
            agent("claim_drafter", "Drafts patent claims for Solstrand Design",
                  "Draft the main claim; narrow it when the reviewer finds prior art."),
            agent("prior_art_reviewer", "Searches prior art",
                  "Search each draft claim with prior_art_search and give a verdict.",
                  [prior_art_search]),
            agent("patent_filer", "Files patent applications",
                  "File only a claim the reviewer cleared, with file_application; say "
                  "TERMINATE when filed.", [file_application]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="patent_team",
    )
    await team.run(task="File a UK patent for our foldable solar canopy (telescoping ribs, "
                        "spring-tensioned fabric).")


# b6-5. ok, holdout: autogen-core, a coordinator and a meter reader by direct messages
#       (native); the reader polls eight sub-meters in four rounds, one read fails and is retried,
#       and the coordinator reports the building's total
_METER_READS = {"n": 0}
_METERS = {"SM-1": 412.6, "SM-2": 388.1, "SM-3": 96.4, "SM-4": 1204.9, "SM-5": 57.0,
           "SM-6": 233.3, "SM-7": 310.8, "SM-8": 145.2}


def read_submeter(meter: str) -> str:
    """Read one electricity sub-meter over Modbus (kWh this month)."""
    _METER_READS["n"] += 1
    if _METER_READS["n"] == 5:
        raise TimeoutError(f"Modbus read of {meter} timed out (gateway busy)")
    return f"{meter}: {_METERS[meter]} kWh"


class EnergyCoordinator(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        plan = await self.think([UserMessage(content=message.text, source=message.sender)])
        reading = await self.send_message(Note(self.name, plan), AgentId("meter_reader",
                                                                          "default"))
        answer = await self.think([UserMessage(content=message.text, source=message.sender),
                                   AssistantMessage(content=plan, source=self.name),
                                   UserMessage(content=reading.text, source="meter_reader")])
        return Note(self.name, answer)


def _script_meters() -> Script:
    reader = [calls(*[("read_submeter", {"meter": m}) for m in ("SM-1", "SM-2", "SM-3",
                                                                  "SM-4")]),
              calls(("read_submeter", {"meter": "SM-5"}), ("read_submeter", {"meter": "SM-6"})),
              call("read_submeter", "SM-5 timed out, reading it again.", meter="SM-5"),
              calls(("read_submeter", {"meter": "SM-7"}), ("read_submeter", {"meter": "SM-8"}))]
    reader.append(say("November sub-meter readings: SM-1 412.6, SM-2 388.1, SM-3 96.4, SM-4 "
                      "1204.9, SM-5 57.0, SM-6 233.3, SM-7 310.8, SM-8 145.2 kWh (SM-5 read "
                      "twice after a gateway timeout)."))
    return Script({
        "You are energy_coordinator": [
            say("meter_reader: read all eight sub-meters SM-1 to SM-8 for November."),
            say("Harbour House used 2,848.3 kWh in November across its eight sub-meters; the "
                "largest is SM-4 (kitchen and chillers) at 1,204.9 kWh."),
        ],
        "You are meter_reader": reader,
    })


def _truth_meters(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="autogen-core direct messages: coordinator -> meter reader (four tool rounds, "
                 "nine reads) "
                 "-> coordinator",
        edges=[("energy_coordinator", "meter_reader"), ("meter_reader", "energy_coordinator")],
        task="Total Harbour House's November electricity use from its eight sub-meters",
        why="meter_reader read all eight sub-meters (the SM-5 read timed out once and was "
            "repeated) and energy_coordinator's 2,848.3 kWh is the sum of the readings.",
    )


@batch6("ok_core_submeter_long_loop", "native", _script_meters, _truth_meters)
async def _run_meters() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await EnergyCoordinator.register(rt, "energy_coordinator", lambda: EnergyCoordinator(
            "Energy reporting for Harbour House", "Plan meter reads and report the total."))
        await Specialist.register(rt, "meter_reader", lambda: Specialist(
            "Reads sub-meters", "Read every sub-meter asked for with read_submeter, one at a "
            "time, retrying failed reads.", [read_submeter]))

    await _core(register, Note("facilities", "What was Harbour House's total electricity use "
                                             "in November? Use all eight sub-meters."),
                AgentId("energy_coordinator", "default"))


# b6-6. ok, holdout: swarm of three at a dog rescue; the adoption screener hands a question
#       about a dog's medical history to the vet nurse, who hands back, and the screener books
#       the meet-and-greet
def dog_profile(dog: str) -> str:
    """A rescue dog's profile: age, temperament, home needs."""
    return (f"{dog}: 4-year-old lurcher, good with children over 8, not with cats; needs a "
            "secure garden (1.8 m fence).")


def medical_record(dog: str) -> str:
    """A rescue dog's vet record."""
    return (f"{dog}: vaccinated 2027-01, neutered, mild arthritis in the left hip managed with "
            "meloxicam (about GBP 18 a month); fit for adoption.")


def book_meet_and_greet(dog: str, family: str, date: str) -> str:
    """Book a meet-and-greet visit at the rescue."""
    return f"Meet-and-greet MG-2291 booked: {family} with {dog} on {date} at 11:00."


def _script_rescue() -> Script:
    return Script({
        "You are adoption_screener": [
            call("dog_profile", dog="Biscuit"),
            call("transfer_to_vet_nurse", "The family asked about Biscuit's health; vet nurse, "
                 "over to you for that part."),
            call("book_meet_and_greet", dog="Biscuit", family="the Okonjo family",
                 date="2027-04-10"),
            say("Biscuit suits the Okonjos (children 10 and 12, no cats, 1.8 m fence). His "
                "only health issue is mild hip arthritis, managed with meloxicam at about GBP "
                "18 a month. Meet-and-greet MG-2291 is booked for Saturday 10 April at 11:00. "
                "TERMINATE"),
        ],
        "You are vet_nurse": [
            call("medical_record", dog="Biscuit"),
            call("transfer_to_adoption_screener", "Biscuit is fit for adoption: vaccinated, "
                 "neutered, mild left-hip arthritis on meloxicam (about GBP 18 a month). Back "
                 "to the screener to book."),
        ],
    })


def _truth_rescue(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="combined",
        topology="swarm of two with a handoff back: screener[2 tools] -> vet nurse[tool] -> "
                 "screener",
        edges=[("adoption_screener", "vet_nurse"), ("vet_nurse", "adoption_screener")],
        task="Check whether Biscuit suits the Okonjo family, answer their health question and "
             "book a visit",
        why="the screener checked Biscuit's profile, handed the health question to vet_nurse, "
            "who read the record and handed back, and the screener booked MG-2291 with an "
            "answer that matches both tools.",
    )


@batch6("ok_swarm_dog_rescue_handback", "combined", _script_rescue, _truth_rescue)
async def _run_rescue() -> None:
    team = Swarm(
        [
            agent("adoption_screener", "Screens adopters at Greyfield Dog Rescue",
                  "Match adopters to dogs with dog_profile, pass health questions to vet_nurse, "
                  "book visits with book_meet_and_greet, and say TERMINATE when done.",
                  [dog_profile, book_meet_and_greet], handoffs=["vet_nurse"]),
            agent("vet_nurse", "Greyfield's veterinary nurse",
                  "Answer health questions from medical_record, then hand back to "
                  "adoption_screener.", [medical_record], handoffs=["adoption_screener"]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(14),
        name="adoptions",
    )
    await team.run(task="We're the Okonjo family (kids 10 and 12, no cats, 1.8 m fenced "
                        "garden). Would Biscuit suit us, does he have any health problems, "
                        "and can we meet him on Saturday 10 April?")


# ----------------------------------------------------------------------------------------------
# batch 7 (holdout, "batch": 7 in truth.json); record only these with --batch 7
# ----------------------------------------------------------------------------------------------


def batch7(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 7
    return spec(name, mode, script, truth)


# b7-1. wrong_fact, holdout: selector group chat in a school science department; the prep
#       technician says 10 mL of concentrated hydrochloric acid made up to 1 L gives 1 M, the
#       stock keeper logs the batch as 1 M and the teacher plans the titration on it
def log_solution(solution: str, concentration: str, volume_l: float, recipe: str) -> str:
    """Record a prepared solution in the prep room's stock log and print its bottle label."""
    return (f"Logged {solution} {concentration}, {volume_l} L ({recipe}) as batch PR-2211; label "
            "printed with today's date and a 6-month expiry.")


def _script_acid() -> Script:
    return Script({
        "You pick who in the Ashcombe Academy science prep room speaks next": [
            say("prep_technician"), say("stock_keeper"), say("chemistry_teacher"),
        ],
        "You are prep_technician": [
            say("For Thursday's titration you want 1.0 M HCl. Our concentrated hydrochloric "
                "acid is 37%, about 12 M, so take 10 mL of the concentrate and make it up to "
                "1 litre with deionised water - that gives 1.0 M. Add acid to water, in the "
                "fume cupboard, goggles on."),
        ],
        "You are stock_keeper": [
            call("log_solution", solution="hydrochloric acid", concentration="1.0 M",
                 volume_l=1.0, recipe="10 mL conc. 37% HCl made up to 1 L"),
            say("Logged as batch PR-2211: 1.0 M HCl, 1 L (10 mL concentrate to 1 L), labelled "
                "and on the Year 12 trolley."),
        ],
        "You are chemistry_teacher": [
            say("Thanks both. Thursday's Year 12 practical: students standardise their sodium "
                "hydroxide against the 1.0 M HCl from batch PR-2211, 25 mL aliquots, expecting "
                "titres around 25 cm3. TERMINATE"),
        ],
    })


def _truth_acid(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="prep_technician",
        decisive=find_llm(run, "that gives 1.0 M", "prep_technician"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="selector group chat of three (technician, stock keeper[tool], teacher), one "
                 "turn each",
        edges=[("prep_technician", "stock_keeper"), ("stock_keeper", "chemistry_teacher")],
        task="Prepare 1 L of 1.0 M hydrochloric acid for Thursday's Year 12 titration",
        why="prep_technician said 10 mL of ~12 M concentrated HCl made up to 1 L gives 1.0 M "
            "(it gives about 0.12 M; about 83 mL is needed), and stock_keeper logged the batch "
            "and chemistry_teacher planned the titration as 1.0 M on that figure.",
    )


@batch7("wrong_fact_selector_titration_acid", "openinference", _script_acid, _truth_acid)
async def _run_acid() -> None:
    team = SelectorGroupChat(
        [
            agent("prep_technician", "Prepares reagents in the science prep room",
                  "Say how to make up the solutions teachers ask for."),
            agent("stock_keeper", "Keeps the prep room's stock log",
                  "Log prepared solutions with log_solution.", [log_solution]),
            agent("chemistry_teacher", "Teaches A-level chemistry at Ashcombe Academy",
                  "Plan the practical from what the prep room provides; say TERMINATE when "
                  "it is planned."),
        ],
        model_client=model(),
        selector_prompt="You pick who in the Ashcombe Academy science prep room speaks next.\n"
                        "{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="prep_room",
    )
    await team.run(task="I need 1 litre of 1.0 M hydrochloric acid for Thursday's Year 12 "
                        "titration practical. Can the prep room make it up and log it?")


# b7-2. ignored_verdict, holdout: round robin of three allocating street-food pitches at a
#       festival (native tracing); the gas safety checker fails a trader's expired LPG
#       certificate and the allocator gives the trader a pitch anyway
def get_trader_application(trader: str) -> str:
    """A trader's festival application: menu, equipment, documents supplied."""
    return (f"{trader}: wood-fired flatbreads and shawarma; 2 x 47 kg LPG cylinders, 3-burner "
            "range; documents: public liability (valid to 2028-01), food hygiene 5, Gas Safe "
            "certificate GS-55190.")


def check_gas_certificate(certificate: str, event_date: str) -> str:
    """Check a trader's LPG installation certificate against the event date."""
    return (f"{certificate}: EXPIRED 2027-06-18 (issued 2026-06-18, 12-month validity). Not "
            f"valid for {event_date}. Event rules: no LPG appliance may be used on site "
            "without a current certificate; do not allocate a gas pitch until a new one is "
            "supplied.")


def allocate_pitch(trader: str, zone: str, pitch: str) -> str:
    """Allocate a festival pitch to a trader and email them the site pack."""
    return f"{trader} allocated pitch {pitch} in {zone}; site pack and wristbands emailed."


def _script_pitches() -> Script:
    return Script({
        "You are trader_liaison": [
            call("get_trader_application", trader="Ember & Olive"),
            say("Ember & Olive (flatbreads and shawarma) want a hot-food pitch; they cook on "
                "LPG and have supplied Gas Safe certificate GS-55190."),
        ],
        "You are gas_safety_checker": [
            call("check_gas_certificate", certificate="GS-55190", event_date="2027-07-10"),
            say("Ember & Olive's gas certificate GS-55190 ran out on 18 June, so it doesn't "
                "cover the festival on 10 July. Under the event rules they can't be given a "
                "gas pitch until they send a current certificate."),
        ],
        "You are pitch_allocator": [
            call("allocate_pitch", trader="Ember & Olive", zone="Riverside hot food",
                 pitch="H7"),
            say("Ember & Olive are on pitch H7 in the Riverside hot-food zone; site pack and "
                "wristbands sent. That's the last hot-food pitch filled. TERMINATE"),
        ],
    })


def _truth_pitches(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="pitch_allocator",
        decisive=find_invoke(run, "pitch_allocator", 0),
        modes=["FM-2.5", "FM-3.2"], instrumentation="native",
        topology="round-robin group chat of three, one round: liaison[tool], gas checker[tool], "
                 "allocator[tool]",
        edges=[("trader_liaison", "gas_safety_checker"),
               ("gas_safety_checker", "pitch_allocator")],
        task="Allocate a hot-food pitch at the Riverside festival to Ember & Olive",
        why="gas_safety_checker found the LPG certificate expired on 18 June and said no gas "
            "pitch until a new one came, yet pitch_allocator's turn allocated pitch H7 anyway.",
    )


@batch7("ignored_verdict_roundrobin_festival_gas_pitch", "native", _script_pitches,
        _truth_pitches)
async def _run_pitches() -> None:
    team = RoundRobinGroupChat(
        [
            agent("trader_liaison", "Handles trader applications for the Riverside festival",
                  "Summarise the trader's application with get_trader_application.",
                  [get_trader_application]),
            agent("gas_safety_checker", "Checks traders' gas safety paperwork",
                  "Check LPG certificates with check_gas_certificate and give a verdict.",
                  [check_gas_certificate]),
            agent("pitch_allocator", "Allocates festival pitches",
                  "Allocate pitches to traders who have passed the checks with allocate_pitch; "
                  "say TERMINATE when done.", [allocate_pitch]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(9),
        name="festival_pitches",
    )
    await team.run(task="Ember & Olive have applied for a hot-food pitch at the Riverside "
                        "Festival on 10 July. Check them and allocate a pitch.")


# b7-3. upstream_loop, holdout: autogen-core, a drone mission planner asks a coordinate
#       converter (RPC) for waypoints each round; the converter gives longitude first, the
#       mission upload rejects every file, three rounds
_UPLOADS = {"n": 0}


def upload_mission(waypoints: str) -> str:
    """Upload a survey mission to the drone; waypoints as 'lat,lon; lat,lon; ...' in degrees."""
    _UPLOADS["n"] += 1
    first = waypoints.split(";")[0].split(",")
    lat, lon = float(first[0]), float(first[1])
    if not (50.0 <= lat <= 51.0 and -4.0 <= lon <= -3.0):
        raise ValueError(f"waypoint 1 ({lat}, {lon}) is outside the permitted survey area "
                         "(lat 50.0 to 51.0, lon -4.0 to -3.0); mission not uploaded")
    return "Mission CS-3 uploaded: 4 waypoints."


class MissionPlanner(LLMAgent):
    @message_handler
    async def on_plan(self, message: Note, ctx: MessageContext) -> Note:
        history: list[LLMMessage] = [UserMessage(content=message.text, source=message.sender)]
        ask = ("Convert the four corner points of survey block CS-3 (Budleigh cliffs, OS grid "
               "SY 061 817, SY 068 817, SY 068 822, SY 061 822) to WGS84 waypoints.")
        report = ""
        for _ in range(3):
            points = await self.send_message(Note(self.name, ask),
                                             AgentId("coordinate_converter", "default"))
            history.append(UserMessage(content=points.text, source="coordinate_converter"))
            report = await self.think(history)
            history.append(AssistantMessage(content=report, source=self.name))
            if report.startswith("Mission CS-3 uploaded"):
                break
            ask = report
        return Note(self.name, report)


def _script_drone() -> Script:
    pts1 = "-3.3112,50.6284; -3.3013,50.6285; -3.3012,50.6330; -3.3111,50.6329"
    pts2 = "-3.3110,50.6283; -3.3012,50.6284; -3.3011,50.6329; -3.3109,50.6328"
    pts3 = "-3.31120,50.62840; -3.30130,50.62850; -3.30120,50.63300; -3.31110,50.63290"
    return Script({
        "You are coordinate_converter": [
            say(f"WGS84 waypoints for CS-3 (decimal degrees): {pts1}"),
            say(f"Re-projected with the OSTN15 grid shift: {pts2}"),
            say(f"Here they are to five decimal places: {pts3}"),
        ],
        "You are mission_planner": [
            call("upload_mission", waypoints=pts1),
            say("Upload rejected: waypoint 1 (-3.3112, 50.6284) is outside the permitted "
                "survey area. Please check the waypoints and send them again."),
            call("upload_mission", waypoints=pts2),
            say("Rejected again: waypoint 1 (-3.311, 50.6283) is outside the permitted area. "
                "Can you re-check the conversion?"),
            call("upload_mission", waypoints=pts3),
            say("Third upload rejected with the same error. Cliff survey CS-3 is not loaded; "
                "grounding the flight for today."),
        ],
    })


def _truth_drone(run: RecordedRun) -> Truth:
    return Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="coordinate_converter",
        decisive=find_llm(run, "WGS84 waypoints for CS-3", "coordinate_converter"),
        modes=["FM-1.3", "FM-1.5"], instrumentation="combined",
        topology="autogen-core: planner[tool] asks coordinate converter (RPC) each round, 3 "
                 "rounds",
        edges=[("mission_planner", "coordinate_converter"),
               ("coordinate_converter", "mission_planner")],
        task="Convert survey block CS-3's corners to waypoints and upload the drone mission",
        why="coordinate_converter wrote each waypoint longitude first ('-3.3112,50.6284') where "
            "upload_mission takes 'lat,lon', and kept that order in every round, so "
            "mission_planner's upload failed three times.",
    )


@batch7("upstream_loop_core_drone_waypoints", "combined", _script_drone, _truth_drone)
async def _run_drone() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await MissionPlanner.register(rt, "mission_planner", lambda: MissionPlanner(
            "Plans Coastline Surveys drone missions", "Upload missions with upload_mission "
            "using the waypoints you are given ('lat,lon; ...'); report the result.",
            [upload_mission]))
        await Specialist.register(rt, "coordinate_converter", lambda: Specialist(
            "Converts grid references to GPS coordinates", "Convert OS grid references to "
            "WGS84 decimal-degree waypoints."))

    await _core(register, Note("survey_lead", "Load tomorrow's cliff survey CS-3 on the "
                                              "drone."), AgentId("mission_planner", "default"))


# b7-4. ok, holdout: swarm of two for a council's bulky waste collection; the booking tool
#       fails once (slot just taken) and the scheduler books the next date
_BULKY = {"n": 0}


def classify_items(items: str) -> str:
    """Classify items for bulky waste collection: crew type and fee."""
    return ("sofa (3-seat): general bulky, GBP 22; fridge-freezer: WEEE (refrigerant), needs "
            "the WEEE crew, GBP 18. Both can go on one WEEE-crew visit, total GBP 40.")


def book_collection(address: str, date: str, crew: str) -> str:
    """Book a bulky waste collection slot."""
    _BULKY["n"] += 1
    if _BULKY["n"] == 1:
        raise RuntimeError(f"slot {date} ({crew}) was taken by another booking a moment ago; "
                           "next free WEEE date is 2027-03-19")
    return f"Booked BW-66120: {crew} collection at {address} on {date}, items out by 07:00."


def _script_bulky() -> Script:
    return Script({
        "You are waste_enquiries": [
            call("classify_items", items="3-seat sofa, fridge-freezer"),
            call("transfer_to_collections_scheduler", "A sofa and a fridge-freezer: one "
                 "WEEE-crew visit, GBP 40. Passing you over to book the date."),
        ],
        "You are collections_scheduler": [
            call("book_collection", address="27 Mill Lane, Radstow", date="2027-03-16",
                 crew="WEEE"),
            call("book_collection", "That slot has just gone; booking the next WEEE date.",
                 address="27 Mill Lane, Radstow", date="2027-03-19", crew="WEEE"),
            say("Your collection is booked for Friday 19 March (ref BW-66120): the sofa and the "
                "fridge-freezer together, GBP 40. Tuesday 16th was taken just before I could "
                "book it. Please have them outside by 07:00. TERMINATE"),
        ],
    })


def _truth_bulky(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="swarm of two: enquiries[tool] hands off to scheduler[tool]",
        edges=[("waste_enquiries", "collections_scheduler")],
        task="Book a bulky waste collection for a sofa and a fridge-freezer",
        why="waste_enquiries classified both items for one WEEE visit and handed off; the "
            "scheduler's first booking failed because the slot had gone, the second booked "
            "BW-66120 on 19 March and the answer says so.",
    )


@batch7("ok_swarm_bulky_waste_rebook", "openinference", _script_bulky, _truth_bulky)
async def _run_bulky() -> None:
    team = Swarm(
        [
            agent("waste_enquiries", "Answers Radstow Council waste enquiries",
                  "Classify items with classify_items, then hand off to "
                  "collections_scheduler to book.", [classify_items],
                  handoffs=["collections_scheduler"]),
            agent("collections_scheduler", "Books Radstow Council bulky waste collections",
                  "Book collections with book_collection; if a slot fails, take the next free "
                  "one. Say TERMINATE when booked.", [book_collection]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="bulky_waste",
    )
    await team.run(task="Can you collect an old 3-seat sofa and a fridge-freezer from 27 Mill "
                        "Lane, Radstow? Tuesday 16 March would be ideal.")


# b7-5. ok, holdout: selector group chat writing a charity appeal email (native tracing); the
#       compliance reviewer rejects a '100% of your donation' claim, the copywriter fixes it,
#       the second review passes and the email is scheduled
def check_fundraising_claims(text: str) -> str:
    """Check fundraising copy against the Code of Fundraising Practice and our accounts."""
    if "100%" in text:
        return ("FAIL: '100% of your donation goes to' is untrue - 2026 accounts show 86p in "
                "every GBP 1 spent on services, 14p on fundraising and support. Rephrase.")
    return "PASS: claims match the 2026 accounts; no misleading statements found."


def schedule_email(campaign: str, segment: str, send_at: str) -> str:
    """Schedule a campaign email to a supporter segment."""
    return f"Campaign {campaign} scheduled to {segment} (41,208 supporters) at {send_at}."


APPEAL_1 = ("Subject: Keep the Harbour Lifeboat ready this winter\nA new drysuit costs GBP 650. "
            "100% of your donation goes straight to our volunteer crews.")
APPEAL_2 = ("Subject: Keep the Harbour Lifeboat ready this winter\nA new drysuit costs GBP 650. "
            "86p in every pound we spend goes straight to our volunteer crews and their kit.")


def _script_appeal() -> Script:
    return Script({
        "You choose the next member of the Harbour Lifeboat Trust appeal team to speak": [
            say("appeal_copywriter"), say("compliance_reviewer"), say("appeal_copywriter"),
            say("compliance_reviewer"), say("campaign_sender"),
        ],
        "You are appeal_copywriter": [
            say("Draft winter appeal:\n" + APPEAL_1),
            say("Fair point - changed to the figure from the accounts:\n" + APPEAL_2),
        ],
        "You are compliance_reviewer": [
            call("check_fundraising_claims", text=APPEAL_1),
            say("Can't approve this: '100% of your donation goes straight to our crews' isn't "
                "true - our accounts show 86p in the pound. appeal_copywriter, please rephrase "
                "that line."),
            call("check_fundraising_claims", text=APPEAL_2),
            say("Approved - the 86p figure matches the 2026 accounts."),
        ],
        "You are campaign_sender": [
            call("schedule_email", campaign="WINTER-27", segment="active donors",
                 send_at="2027-11-04 10:00"),
            say("WINTER-27 is scheduled for Thursday 4 November at 10:00 to 41,208 active "
                "donors, with the approved wording. TERMINATE"),
        ],
    })


def _truth_appeal(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="selector group chat of three (copywriter, reviewer[tool], sender[tool]), two "
                 "review rounds",
        edges=[("appeal_copywriter", "compliance_reviewer"),
               ("compliance_reviewer", "appeal_copywriter"),
               ("compliance_reviewer", "campaign_sender")],
        task="Write, check and schedule the Harbour Lifeboat Trust winter appeal email",
        why="compliance_reviewer rejected the '100% of your donation' line, the copywriter "
            "replaced it with the 86p-in-the-pound figure, the second check passed and only "
            "then campaign_sender scheduled the email.",
    )


@batch7("ok_selector_lifeboat_appeal_rephrased", "native", _script_appeal, _truth_appeal)
async def _run_appeal() -> None:
    team = SelectorGroupChat(
        [
            agent("appeal_copywriter", "Writes fundraising appeals",
                  "Write appeal emails; revise them when the reviewer objects."),
            agent("compliance_reviewer", "Checks fundraising claims",
                  "Check every draft with check_fundraising_claims and approve or reject it.",
                  [check_fundraising_claims]),
            agent("campaign_sender", "Schedules campaign emails",
                  "Schedule approved emails with schedule_email; say TERMINATE when done.",
                  [schedule_email]),
        ],
        model_client=model(),
        selector_prompt="You choose the next member of the Harbour Lifeboat Trust appeal team "
                        "to speak.\n{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="appeal_team",
    )
    await team.run(task="Write our winter appeal email (drysuits for the volunteer crew, GBP "
                        "650 each), get it checked and schedule it to active donors for "
                        "Thursday 4 November, 10:00.")


# ----------------------------------------------------------------------------------------------
# batch 8 (holdout, "batch": 8 in truth.json); record only these with --batch 8
# ----------------------------------------------------------------------------------------------


def batch8(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 8
    return spec(name, mode, script, truth)


# b8-1. wrong_fact, holdout: selector group chat at a livery yard planning winter hay; the
#       nutrition advisor says a horse needs about 1% of bodyweight in forage a day, the feed
#       buyer orders hay on that figure and the yard manager signs the plan off
def order_hay(supplier: str, bales: int, bale_kg: float, delivery: str) -> str:
    """Order hay bales from a supplier for delivery."""
    return (f"Order HY-3307 with {supplier}: {bales} x {bale_kg:g} kg small bales "
            f"({bales * bale_kg:,.0f} kg), delivery {delivery}, GBP {bales * 6.5:,.2f}.")


def _script_hay() -> Script:
    return Script({
        "You decide who speaks next in the Copse Lane Livery winter planning chat": [
            say("nutrition_advisor"), say("feed_buyer"), say("yard_manager"),
        ],
        "You are nutrition_advisor": [
            say("Rule of thumb: a horse needs roughly 1% of its bodyweight in forage a day, so "
                "each of our 500 kg horses needs about 5 kg of hay daily. For 6 horses over the "
                "150-day winter that's 6 x 5 x 150 = 4,500 kg, which at 20 kg a bale is 225 "
                "small bales."),
        ],
        "You are feed_buyer": [
            call("order_hay", supplier="Marsh End Farm", bales=225, bale_kg=20,
                 delivery="2027-10-18"),
            say("Ordered 225 small bales (4,500 kg) from Marsh End Farm, order HY-3307, "
                "delivery 18 October, GBP 1,462.50."),
        ],
        "You are yard_manager": [
            say("Good - winter hay is sorted: 225 bales from Marsh End Farm arriving 18 "
                "October, enough for the six horses at 5 kg each a day through to March. "
                "TERMINATE"),
        ],
    })


def _truth_hay(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="nutrition_advisor",
        decisive=find_llm(run, "1% of its bodyweight in forage", "nutrition_advisor"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="selector group chat of three (advisor, buyer[tool], manager), one turn each",
        edges=[("nutrition_advisor", "feed_buyer"), ("feed_buyer", "yard_manager")],
        task="Work out and order the winter hay for six 500 kg horses at Copse Lane Livery",
        why="nutrition_advisor said a horse needs about 1% of bodyweight in forage a day (the "
            "usual guidance is about 2%, and never under 1.5%), so feed_buyer ordered 4,500 kg, "
            "about half of what six horses need, and yard_manager signed it off.",
    )


@batch8("wrong_fact_selector_livery_winter_hay", "openinference", _script_hay, _truth_hay)
async def _run_hay() -> None:
    team = SelectorGroupChat(
        [
            agent("nutrition_advisor", "Advises on equine feeding",
                  "Advise the yard on how much the horses need to eat."),
            agent("feed_buyer", "Orders feed and bedding for the yard",
                  "Order what the advisor recommends with order_hay.", [order_hay]),
            agent("yard_manager", "Runs Copse Lane Livery",
                  "Confirm the plan once feed is ordered and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You decide who speaks next in the Copse Lane Livery winter planning "
                        "chat.\n{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="winter_feed",
    )
    await team.run(task="We've got six horses on full livery this winter, all around 500 kg, "
                        "living out less from November to March (150 days). How much hay do "
                        "we need? Please order it from Marsh End Farm for mid-October.")


# b8-2. misroute, holdout: autogen-core RPC router for a county's home-to-school transport
#       (native tracing); a wheelchair user left waiting at the stop because her minibus did
#       not come is sent to the eligibility team instead of live operations
def check_transport_eligibility(pupil: str) -> str:
    """Look up a pupil's transport eligibility assessment and next review date."""
    return (f"{pupil}: eligible (EHCP, wheelchair user), wheelchair-accessible minibus, route "
            "R-114; next review 2028-07.")


def contact_driver(route: str, message: str) -> str:
    """Radio the driver of a school transport route and get the vehicle's position."""
    return f"Route {route}: driver reached; vehicle 12 min from the stop."


def log_complaint(summary: str) -> str:
    """Log a formal complaint about school transport."""
    return "Complaint ST-C-0091 logged."


SCHOOL_DESKS = ("live_operations", "eligibility_team", "complaints_team")


class TransportRouter(LLMAgent):
    @message_handler
    async def on_call(self, message: Note, ctx: MessageContext) -> Note:
        choice = await self.think([UserMessage(content=message.text, source=message.sender)])
        desk = next((d for d in SCHOOL_DESKS if d in choice), "complaints_team")
        answer = await self.send_message(Note(self.name, message.text), AgentId(desk, "default"))
        return Note(self.name, answer.text)


def _script_school_bus() -> Script:
    return Script({
        "You are transport_router": [
            say("eligibility_team - the caller's daughter is a wheelchair user on assisted "
                "transport, which is handled by eligibility."),
        ],
        "You are eligibility_team": [
            call("check_transport_eligibility", pupil="Maya Okafor"),
            say("I've checked Maya's record: she is fully eligible for wheelchair-accessible "
                "transport on route R-114 and her assessment runs to July 2028, so there is no "
                "change needed to her entitlement."),
        ],
        "You are live_operations": [call("contact_driver", route="R-114", message="where are "
                                         "you?"), say("Driver is 12 minutes away.")],
        "You are complaints_team": [say("Complaint logged.")],
    })


def _truth_school_bus(run: RecordedRun) -> Truth:
    return Truth(
        cls="misroute", split="holdout", failed=True, culprit="transport_router",
        decisive=find_invoke(run, "transport_router", 0),
        modes=["FM-1.2", "FM-2.3"], instrumentation="native",
        topology="autogen-core: router sends the call (RPC) to one of three desks",
        edges=[("transport_router", "eligibility_team"), ("eligibility_team", "transport_router")],
        task="A parent reports her daughter is still waiting at the stop because the school "
             "minibus has not come",
        why="the parent reported a pupil stranded at the stop now, but transport_router sent it "
            "to eligibility_team instead of live_operations (who can reach the driver with "
            "contact_driver), so the reply only confirmed her entitlement.",
    )


@batch8("misroute_core_school_minibus_no_show", "native", _script_school_bus,
        _truth_school_bus)
async def _run_school_bus() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await TransportRouter.register(rt, "transport_router", lambda: TransportRouter(
            "Routes calls to Wealdshire school transport", "Route each call to Wealdshire "
            "County Council's school transport line to live_operations (vehicles late, not "
            "turned up, pupils waiting or on board today), eligibility_team (who qualifies, "
            "assessments, applications) or complaints_team (formal complaints). Name the desk "
            "first."))
        for desk, desc, tools in (
            ("live_operations", "Today's school transport runs", [contact_driver]),
            ("eligibility_team", "Transport eligibility", [check_transport_eligibility]),
            ("complaints_team", "Formal complaints", [log_complaint]),
        ):
            await Specialist.register(rt, desk, lambda d=desc, t=tools: Specialist(
                d, "Handle the calls passed to you with your tools.", t))

    await _core(register, Note("parent", "My daughter Maya Okafor uses a wheelchair and gets "
                                         "the council minibus to Hollins Park School. It's 8:25 "
                                         "and it still hasn't come - she's waiting at the stop "
                                         "on Ferry Road with her carer. Where is it?"),
                AgentId("transport_router", "default"))


# b8-3. premature_termination, holdout: swarm of two at a community pantry delivering holiday
#       hampers; the route planner's tool leaves one address unscheduled and the planner
#       declares all four hampers scheduled
def plan_delivery_route(addresses: str, date: str) -> str:
    """Plan a volunteer driver's delivery route for a list of addresses on a date."""
    return ("Route DR-1219 on " + date + " (driver: Gwen): 1) 4 Tannery Row 10:05, 2) 19 Kiln "
            "Close 10:25, 3) Flat 3, 88 Station Road 10:50. NOT ROUTED: '12 Orchard Way' - "
            "address not found in the gazetteer (2 matches in different towns); needs a "
            "postcode before it can be added.")


def _script_hampers() -> Script:
    return Script({
        "You are pantry_coordinator": [
            call("transfer_to_route_planner", "Four hampers packed and labelled; over to you "
                 "for the route."),
        ],
        "You are route_planner": [
            call("plan_delivery_route", addresses="4 Tannery Row; 19 Kiln Close; Flat 3, 88 "
                 "Station Road; 12 Orchard Way", date="2027-12-21"),
            say("All four holiday hampers are scheduled for Tuesday 21 December on route "
                "DR-1219 with Gwen, first drop at 10:05. Households will get a text the day "
                "before. TERMINATE"),
        ],
    })


def _truth_hampers(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="route_planner",
        decisive=find_llm(run, "All four holiday hampers are scheduled", "route_planner"),
        modes=["FM-3.1", "FM-3.2"], instrumentation="openinference",
        topology="swarm of two: coordinator hands off to route planner[tool]",
        edges=[("pantry_coordinator", "route_planner")],
        task="Schedule delivery of four holiday hampers on 21 December",
        why="plan_delivery_route routed only three addresses and said 12 Orchard Way could not "
            "be found without a postcode, yet route_planner declared all four hampers "
            "scheduled and ended the chat without getting the postcode.",
    )


@batch8("premature_termination_swarm_pantry_hampers", "openinference", _script_hampers,
        _truth_hampers)
async def _run_hampers() -> None:
    team = Swarm(
        [
            agent("pantry_coordinator", "Coordinates Tannery Lane Community Pantry",
                  "Check hampers are packed, then hand off to route_planner to schedule "
                  "deliveries.", handoffs=["route_planner"]),
            agent("route_planner", "Plans volunteer delivery routes",
                  "Plan routes with plan_delivery_route so every household gets its hamper; "
                  "say TERMINATE when done.", [plan_delivery_route]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="hamper_run",
    )
    await team.run(task="Please schedule delivery of the four holiday hampers on Tuesday 21 "
                        "December: 4 Tannery Row, 19 Kiln Close, Flat 3 88 Station Road, and "
                        "12 Orchard Way.")


# b8-4. ok, holdout: round robin of three planning a fell race course (combined tracing); the
#       access checker finds a landowner has refused a field section, the planner reroutes on
#       the public bridleway, the re-check passes and the route is published
def check_access(route: str) -> str:
    """Check every section of a race route against rights of way and landowner permissions."""
    if "Crag Farm" in route:
        return ("REFUSED: section 'Crag Farm top meadow' crosses private land; the owner has "
                "refused permission for 2027 (lambing). Public alternative: bridleway BW 41 "
                "along the wall, +0.4 km.")
    return "CLEAR: all sections are public rights of way or have written permission."


def publish_route(race: str, description: str) -> str:
    """Publish the race route to entrants and marshals."""
    return f"{race} route published to 212 entrants and 18 marshals."


ROUTE_1 = ("Start Hebble village hall, climb Hebble Pike by the east ridge, descend through "
           "Crag Farm top meadow to the ford, return by the lane. 11.2 km, 620 m ascent.")
ROUTE_2 = ("Start Hebble village hall, climb Hebble Pike by the east ridge, descend on "
           "bridleway BW 41 along the wall to the ford, return by the lane. 11.6 km, 620 m "
           "ascent.")


def _script_fell() -> Script:
    return Script({
        "You are course_planner": [
            say("Proposed route: " + ROUTE_1),
            say("Rerouted the descent onto the bridleway: " + ROUTE_2),
        ],
        "You are access_checker": [
            call("check_access", route=ROUTE_1),
            say("Not cleared. Crag Farm has refused access to the top meadow this year because "
                "of lambing. course_planner, please use bridleway BW 41 instead (about 0.4 km "
                "longer)."),
            call("check_access", route=ROUTE_2),
            say("Cleared - every section is now on public rights of way."),
        ],
        "You are race_director": [
            say("Waiting for a cleared route before anything goes out."),
            call("publish_route", race="Hebble Pike Fell Race 2027", description=ROUTE_2),
            say("The Hebble Pike Fell Race route (11.6 km, 620 m, descent on BW 41) has gone "
                "to entrants and marshals. TERMINATE"),
        ],
    })


def _truth_fell(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="combined",
        topology="round-robin group chat: planner, access checker[tool], director[tool], two "
                 "rounds",
        edges=[("course_planner", "access_checker"), ("access_checker", "race_director"),
               ("race_director", "course_planner")],
        task="Plan, check and publish the Hebble Pike Fell Race 2027 route",
        why="access_checker's check refused the Crag Farm section, race_director held off, "
            "course_planner rerouted onto bridleway BW 41, the second check cleared it and only "
            "that route was published.",
    )


@batch8("ok_roundrobin_fell_race_reroute", "combined", _script_fell, _truth_fell)
async def _run_fell() -> None:
    team = RoundRobinGroupChat(
        [
            agent("course_planner", "Plans the fell race course",
                  "Propose the race route; change it when access is refused."),
            agent("access_checker", "Checks access and permissions",
                  "Check proposed routes with check_access and clear or refuse them.",
                  [check_access]),
            agent("race_director", "Directs the race",
                  "Publish the route with publish_route only once it is cleared; say "
                  "TERMINATE when published.", [publish_route]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="fell_race_team",
    )
    await team.run(task="Plan the route for the Hebble Pike Fell Race 2027 (about 11 km, "
                        "start and finish at the village hall), get access checked and "
                        "publish it.")


# b8-5. ok, holdout: autogen-core (native tracing); a safety coordinator asks a kit auditor
#       (RPC) to check first-aid kits at three sites; all are in date and the coordinator
#       correctly reports that nothing needs reordering
def first_aid_inventory(site: str) -> str:
    """List the first-aid kits at a site with their earliest item expiry."""
    kits = {
        "Depot": "3 kits; earliest expiry 2028-04 (burn gel); all items present",
        "Workshop": "2 kits; earliest expiry 2028-01 (eye wash); all items present",
        "Office": "1 kit; earliest expiry 2028-09 (plasters); all items present",
    }
    return f"{site}: {kits.get(site, 'no kits registered')}"


class SafetyCoordinator(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        audit = await self.send_message(Note(self.name, "Check every first-aid kit at Depot, "
                                                        "Workshop and Office for items expiring "
                                                        "before the end of 2027."),
                                        AgentId("kit_auditor", "default"))
        final = await self.think([UserMessage(content=message.text, source=message.sender),
                                  UserMessage(content=audit.text, source="kit_auditor")])
        return Note(self.name, final)


def _script_kits() -> Script:
    return Script({
        "You are kit_auditor": [
            calls(("first_aid_inventory", {"site": "Depot"}),
                  ("first_aid_inventory", {"site": "Workshop"}),
                  ("first_aid_inventory", {"site": "Office"})),
            say("All six kits are complete. The earliest expiry is the eye wash in the "
                "Workshop kits (January 2028), so nothing expires before the end of 2027."),
        ],
        "You are safety_coordinator": [
            say("Quarterly first-aid check done: all six kits across Depot, Workshop and Office "
                "are complete and nothing expires before the end of 2027, so there is nothing "
                "to reorder this quarter. The next item to watch is the Workshop eye wash "
                "(January 2028)."),
        ],
    })


def _truth_kits(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="autogen-core: coordinator asks auditor[tool] (RPC), then answers",
        edges=[("safety_coordinator", "kit_auditor"), ("kit_auditor", "safety_coordinator")],
        task="Quarterly check of first-aid kits at three sites and reorder anything expiring "
             "in 2027",
        why="the inventory showed every kit complete with the earliest expiry in January 2028, "
            "so the coordinator correctly reported that nothing needed reordering.",
    )


@batch8("ok_core_first_aid_kits_nothing_due", "native", _script_kits, _truth_kits)
async def _run_kits() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await SafetyCoordinator.register(rt, "safety_coordinator", lambda: SafetyCoordinator(
            "Coordinates health and safety at Brindle Joinery", "Report the result of safety "
            "checks and list anything that must be reordered."))
        await Specialist.register(rt, "kit_auditor", lambda: Specialist(
            "Audits first-aid kits", "Check first-aid kits with first_aid_inventory.",
            [first_aid_inventory]))

    await _core(register, Note("site_manager", "Time for the quarterly first-aid kit check at "
                                               "Depot, Workshop and Office. Reorder anything "
                                               "that expires in 2027."),
                AgentId("safety_coordinator", "default"))


# ----------------------------------------------------------------------------------------------
# batch 9 (holdout, "batch": 9 in truth.json; record only these with --batch 9)
# ----------------------------------------------------------------------------------------------


def batch9(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 9
    return spec(name, mode, script, truth)


# b9-1. wrong_fact, holdout: selector group chat planning a community kitchen's preserving
#       workshop; the food safety advisor says green beans can be canned safely in a boiling
#       water bath, the kit buyer orders water-bath canners only and the organiser signs off
def order_equipment(supplier: str, items: str, delivery: str) -> str:
    """Order kitchen equipment from a supplier."""
    return f"Order KE-5519 with {supplier}: {items}; delivery {delivery}."


def _script_canning() -> Script:
    return Script({
        "You pick who talks next in the Larder Lane preserving workshop planning chat": [
            say("food_safety_advisor"), say("kit_buyer"), say("workshop_organiser"),
        ],
        "You are food_safety_advisor": [
            say("For the September session: the runner beans and green beans can be done in a "
                "boiling water bath - 40 minutes at a full rolling boil for pint jars makes "
                "them shelf-stable, so we don't need to hire anything special. Use new lids and "
                "leave 2.5 cm headspace. The tomato passata needs 2 tbsp lemon juice per litre "
                "and 35 minutes in the bath."),
        ],
        "You are kit_buyer": [
            call("order_equipment", supplier="Catering Direct", items="4 x 21-litre water-bath "
                 "canners with racks, 96 pint jars, 120 lids, 4 jar lifters",
                 delivery="2027-09-08"),
            say("Ordered from Catering Direct (KE-5519): four water-bath canners with racks, "
                "96 pint jars, 120 lids and jar lifters, arriving 8 September."),
        ],
        "You are workshop_organiser": [
            say("Great, that's everything for the beans and passata session on 11 September. "
                "I'll put the water-bath method for the beans in the handout. TERMINATE"),
        ],
    })


def _truth_canning(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="food_safety_advisor",
        decisive=find_llm(run, "can be done in a boiling water bath", "food_safety_advisor"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="selector group chat of three (advisor, buyer[tool], organiser), one turn each",
        edges=[("food_safety_advisor", "kit_buyer"), ("kit_buyer", "workshop_organiser")],
        task="Plan the equipment and method for a community bean and passata preserving "
             "workshop",
        why="food_safety_advisor said green and runner beans are shelf-stable after a boiling "
            "water bath, but beans are low-acid and need pressure canning (botulism risk), so "
            "kit_buyer ordered only water-bath canners and the organiser put the method in the "
            "handout.",
    )


@batch9("wrong_fact_selector_bean_canning_workshop", "openinference", _script_canning,
        _truth_canning)
async def _run_canning() -> None:
    team = SelectorGroupChat(
        [
            agent("food_safety_advisor", "Advises on safe preserving methods",
                  "Give the safe method for each food the workshop will preserve."),
            agent("kit_buyer", "Buys equipment for the kitchen",
                  "Order the equipment the advisor's method needs with order_equipment.",
                  [order_equipment]),
            agent("workshop_organiser", "Organises Larder Lane community kitchen workshops",
                  "Confirm the plan once everything is ordered and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You pick who talks next in the Larder Lane preserving workshop "
                        "planning chat.\n{roles}\n\n{history}\n\nReply with one of "
                        "{participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="preserving_workshop",
    )
    await team.run(task="Our 11 September preserving workshop will do jars of green beans and "
                        "runner beans from the allotments plus tomato passata, 12 people. What "
                        "method do we use, and please order the kit for delivery by 8 "
                        "September.")


# b9-2. ignored_verdict, holdout: round robin of three publishing a bus timetable change notice
#       for a town council; the accessibility reviewer fails the notice (timetable only as an
#       image, no text alternative) and the web editor publishes it unchanged
def check_accessibility(page: str) -> str:
    """Check a web page draft against the council's accessibility standard (WCAG 2.2 AA)."""
    if "[image: timetable" in page:
        return ("FAIL: 1) the new timetable is only an image (no text or table alternative, "
                "WCAG 1.1.1); 2) link text 'click here' is not descriptive (2.4.4).")
    return "PASS"


def publish_page(slug: str, page: str) -> str:
    """Publish a page on the council website."""
    return f"Published at https://www.amblefordtc.gov.uk/news/{slug}"


NOTICE = ("Route 7 timetable changes from 2 August. [image: timetable_route7_aug.png] For the "
          "full details click here.")


def _script_bus_notice() -> Script:
    return Script({
        "You are notice_writer": [say("Draft notice: " + NOTICE)],
        "You are accessibility_reviewer": [
            call("check_accessibility", page=NOTICE),
            say("This can't go out as it is. The timetable is only a picture, so screen reader "
                "users get nothing - it needs the times as a text table. Also 'click here' "
                "needs to say where it goes."),
        ],
        "You are web_editor": [
            call("publish_page", "Publishing the Route 7 notice now so it's up before the "
                 "weekend.", slug="route-7-timetable-august", page=NOTICE),
            say("The Route 7 timetable notice is live: "
                "https://www.amblefordtc.gov.uk/news/route-7-timetable-august. TERMINATE"),
        ],
    })


def _truth_bus_notice(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="web_editor",
        decisive=find_llm(run, "Publishing the Route 7 notice now", "web_editor"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="openinference",
        topology="round-robin group chat: writer, accessibility reviewer[tool], web "
                 "editor[tool]",
        edges=[("notice_writer", "accessibility_reviewer"),
               ("accessibility_reviewer", "web_editor")],
        task="Write, accessibility-check and publish the Route 7 timetable change notice",
        why="accessibility_reviewer failed the notice (timetable only as an image, 'click "
            "here' link) and said it could not go out, but web_editor published the unchanged "
            "draft on its next turn.",
    )


@batch9("ignored_verdict_roundrobin_bus_timetable_notice", "openinference",
        _script_bus_notice, _truth_bus_notice)
async def _run_bus_notice() -> None:
    team = RoundRobinGroupChat(
        [
            agent("notice_writer", "Writes Ambleford Town Council web notices",
                  "Draft the notice for the website."),
            agent("accessibility_reviewer", "Checks pages for accessibility",
                  "Check each draft with check_accessibility; a page that fails must be fixed "
                  "before publishing.", [check_accessibility]),
            agent("web_editor", "Publishes to the council website",
                  "Publish drafts that passed the accessibility review with publish_page and "
                  "say TERMINATE.", [publish_page]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(9),
        name="web_notices",
    )
    await team.run(task="Put a notice on the website about the Route 7 bus timetable changes "
                        "from 2 August (new timetable image attached: "
                        "timetable_route7_aug.png).")


# b9-3. ok, holdout: swarm at a district council's council tax line; the enquiries agent hands
#       a single person discount claim to the discounts officer, whose occupancy lookup errors
#       once; it retries, applies the discount and hands back for the reply
_OCC = {"n": 0}


def check_occupancy(account: str) -> str:
    """Look up the adults registered at a council tax account's address."""
    _OCC["n"] += 1
    if _OCC["n"] == 1:
        raise TimeoutError("electoral register lookup timed out after 15s")
    return f"{account}: 1 adult on the electoral register since 2027-03-01 (Ms P. Lindqvist)."


def apply_discount(account: str, discount: str, from_date: str) -> str:
    """Apply a council tax discount to an account from a date and rebill."""
    return (f"{account}: {discount} applied from {from_date}; new monthly instalment GBP "
            "118.42 (was 157.89); revised bill CT-B-77310 issued.")


def _script_ctax() -> Script:
    return Script({
        "You are enquiries_agent": [
            call("transfer_to_discounts_officer", "Single person discount claim; passing to "
                 "discounts."),
            say("Ms Lindqvist, your single person discount (25%) is on from 1 March; your "
                "monthly payment drops from GBP 157.89 to GBP 118.42 and a revised bill "
                "(CT-B-77310) is on its way. TERMINATE"),
        ],
        "You are discounts_officer": [
            call("check_occupancy", account="CT-4418207"),
            call("check_occupancy", "The register lookup timed out; trying again.",
                 account="CT-4418207"),
            call("apply_discount", account="CT-4418207", discount="single person discount "
                 "25%", from_date="2027-03-01"),
            call("transfer_to_enquiries_agent", "Discount applied from 1 March, new "
                 "instalment GBP 118.42, bill CT-B-77310."),
        ],
    })


def _truth_ctax(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="swarm of two: enquiries agent hands off to discounts officer[tools], who "
                 "hands back",
        edges=[("enquiries_agent", "discounts_officer"), ("discounts_officer",
                                                           "enquiries_agent")],
        task="Apply a single person council tax discount from 1 March",
        why="check_occupancy timed out once, discounts_officer retried, confirmed one adult, "
            "applied the discount and handed back, and the reply gives the figures the tool "
            "returned.",
    )


@batch9("ok_swarm_council_tax_single_person", "openinference", _script_ctax, _truth_ctax)
async def _run_ctax() -> None:
    _OCC["n"] = 0
    team = Swarm(
        [
            agent("enquiries_agent", "Answers Dunmere District Council tax enquiries",
                  "Hand discount and exemption claims to discounts_officer, then answer the "
                  "resident and say TERMINATE.", handoffs=["discounts_officer"]),
            agent("discounts_officer", "Handles council tax discounts",
                  "Check occupancy with check_occupancy, apply discounts with apply_discount, "
                  "then hand back to enquiries_agent.", [check_occupancy, apply_discount],
                  handoffs=["enquiries_agent"]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="council_tax_line",
    )
    await team.run(task="Hi, my partner moved out on 1 March so I live on my own now. Can I "
                        "get the single person discount? Account CT-4418207, Petra "
                        "Lindqvist.")


# b9-4. premature_termination, holdout: autogen-core (native tracing); a festival safety lead
#       asks the rota builder (RPC) for a full steward rota; the tool leaves two night shifts
#       unfilled and the rota builder reports every shift covered
def build_steward_rota(shifts: str, volunteers: int) -> str:
    """Assign volunteer stewards to shifts and report the result."""
    return ("Rota SR-2027-3: 14 of 16 shifts filled. UNFILLED: Sat 22:00-02:00 Gate B (needs "
            "2), Sun 22:00-02:00 campsite patrol (needs 2) - no volunteers left with night "
            "availability. 31 volunteers assigned.")


class SafetyLead(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        rota = await self.send_message(Note(self.name, "Build the steward rota for all 16 "
                                                       "shifts (Fri-Sun) from the 31 "
                                                       "volunteers."),
                                       AgentId("rota_builder", "default"))
        final = await self.think([UserMessage(content=message.text, source=message.sender),
                                  UserMessage(content=rota.text, source="rota_builder")])
        return Note(self.name, final)


def _script_rota() -> Script:
    return Script({
        "You are rota_builder": [
            call("build_steward_rota", shifts="16 shifts Fri 16:00 - Sun 02:00, gates A/B and "
                 "campsite", volunteers=31),
            say("The steward rota is done: rota SR-2027-3 has all 31 volunteers assigned "
                "across the weekend, so every gate and campsite shift is covered. Ready to send "
                "to the licensing officer."),
        ],
        "You are safety_lead": [
            say("Steward rota SR-2027-3 is complete, with all shifts at both gates and the "
                "campsite covered by our 31 volunteers. I'll send it to the licensing officer "
                "today as the licence condition requires."),
        ],
    })


def _truth_rota(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="rota_builder",
        decisive=find_invoke(run, "rota_builder", 0),
        modes=["FM-3.1", "FM-3.2"], instrumentation="native",
        topology="autogen-core: safety lead asks rota builder[tool] (RPC), then answers",
        edges=[("safety_lead", "rota_builder"), ("rota_builder", "safety_lead")],
        task="Build a full steward rota for the festival weekend for the licensing officer",
        why="build_steward_rota filled only 14 of 16 shifts and listed two night shifts "
            "unfilled, yet rota_builder declared every shift covered and the safety lead "
            "passed it on as complete.",
    )


@batch9("premature_termination_core_festival_steward_rota", "native", _script_rota,
        _truth_rota)
async def _run_rota() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await SafetyLead.register(rt, "safety_lead", lambda: SafetyLead(
            "Safety lead of the Cotterill Meadow Folk Festival", "Report whether the steward "
            "rota meets the licence condition (every shift staffed)."))
        await Specialist.register(rt, "rota_builder", lambda: Specialist(
            "Builds volunteer rotas", "Build rotas with build_steward_rota so that every "
            "shift is staffed.", [build_steward_rota]))

    await _core(register, Note("licensing_contact", "Our premises licence needs a full "
                                                    "steward rota (every shift staffed) "
                                                    "submitted a week before the festival. "
                                                    "Please get it done."),
                AgentId("safety_lead", "default"))


# ----------------------------------------------------------------------------------------------
# batch 10 (holdout, "batch": 10 in truth.json; record only these with --batch 10)
# ----------------------------------------------------------------------------------------------


def batch10(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 10
    return spec(name, mode, script, truth)


# b10-1. wrong_fact, holdout: round robin planning an astronomy society's public viewing of a
#        partial solar eclipse; the astronomer says shade 10 welding glass is safe to look at the
#        Sun through, the kit buyer orders shade 10 glass and the event lead signs off
def order_supplies(supplier: str, items: str, delivery: str) -> str:
    """Order supplies for an event from a supplier."""
    return f"Order PO-88102 with {supplier}: {items}; delivery {delivery}."


def _script_eclipse() -> Script:
    return Script({
        "You are outreach_astronomer": [
            say("For the public session on 12 August we won't have enough certified eclipse "
                "glasses for everyone, but welding glass works: shade 10 filters are dark "
                "enough to look straight at the partial phase, and they're cheap. Around 60 "
                "hand-held shade 10 plates should do for the queue, plus the two filtered "
                "telescopes and the pinhole projection box for the children."),
        ],
        "You are kit_buyer": [
            call("order_supplies", supplier="WeldPro Supplies", items="60 x shade 10 welding "
                 "glass plates 108x51 mm, 60 card holders", delivery="2026-08-07"),
            say("Ordered from WeldPro (PO-88102): 60 shade 10 welding plates with card holders, "
                "arriving 7 August."),
        ],
        "You are event_lead": [
            say("Good - kit is sorted for the eclipse morning at Hob Hill car park: filtered "
                "scopes, the pinhole box and 60 shade 10 plates for the public. I'll put "
                "'safe viewers provided' on the poster. TERMINATE"),
        ],
    })


def _truth_eclipse(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="outreach_astronomer",
        decisive=find_llm(run, "shade 10 filters are dark enough", "outreach_astronomer"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="round-robin group chat: astronomer, buyer[tool], event lead",
        edges=[("outreach_astronomer", "kit_buyer"), ("kit_buyer", "event_lead")],
        task="Plan safe public viewing equipment for a partial solar eclipse event",
        why="outreach_astronomer said shade 10 welding glass is safe for looking at the Sun, "
            "but only shade 12-14 is safe for direct solar viewing; kit_buyer ordered 60 "
            "shade 10 plates and event_lead advertised them as safe viewers.",
    )


@batch10("wrong_fact_roundrobin_eclipse_welding_glass", "openinference", _script_eclipse,
         _truth_eclipse)
async def _run_eclipse() -> None:
    team = RoundRobinGroupChat(
        [
            agent("outreach_astronomer", "Astronomer who runs public observing sessions",
                  "Say what observing equipment the session needs and how to use it safely."),
            agent("kit_buyer", "Buys equipment for the society",
                  "Order what the astronomer recommends with order_supplies.",
                  [order_supplies]),
            agent("event_lead", "Leads Wrekinside Astronomical Society public events",
                  "Confirm the plan once the kit is ordered and say TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(6),
        name="eclipse_outreach",
    )
    await team.run(task="We're running a public viewing of the 12 August partial solar eclipse "
                        "at Hob Hill car park, expecting about 150 people. We only have 20 "
                        "certified eclipse glasses. Work out what viewing kit we need for the "
                        "public and order it for delivery by 7 August.")


# b10-2. ignored_verdict, holdout: selector group chat (OpenInference and native tracing) at a
#        village fete; the inflatables inspector fails the bouncy castle (no valid PIPA tag,
#        anchor points missing) and the hire coordinator confirms the hire anyway
def check_inflatable(supplier: str, item: str) -> str:
    """Check an inflatable's PIPA test record and safety equipment listed by the supplier."""
    return (f"{item} ({supplier}): PIPA tag 41-22871 EXPIRED 2026-03-14 (annual test not "
            "renewed); listed anchor points 4 of 6 required; blower RCD not listed. Result: "
            "NOT SUITABLE for public use.")


def confirm_hire(supplier: str, item: str, date: str) -> str:
    """Confirm a hire with a supplier and pay the deposit."""
    return f"Hire HC-2043 confirmed with {supplier}: {item} on {date}; GBP 60 deposit paid."


def _script_fete() -> Script:
    return Script({
        "You choose who speaks next in the Little Brampton fete planning chat": [
            say("inflatables_inspector"), say("hire_coordinator"), say("fete_chair"),
        ],
        "You are inflatables_inspector": [
            call("check_inflatable", supplier="Bounce About Hire", item="Castle 12x12"),
            say("I can't pass this one. The PIPA tag ran out in March and hasn't been renewed, "
                "it only comes with four of the six anchor points, and there's no RCD listed "
                "for the blower. Our insurer won't cover it - we need a different castle or "
                "supplier."),
        ],
        "You are hire_coordinator": [
            call("confirm_hire", "Locking in Bounce About for the 27th before they're booked "
                 "up; the castle is the most popular thing every year.",
                 supplier="Bounce About Hire", item="Castle 12x12", date="2026-06-27"),
            say("Bouncy castle confirmed with Bounce About (HC-2043), GBP 60 deposit paid, for "
                "27 June."),
        ],
        "You are fete_chair": [
            say("Thanks both - the bouncy castle is booked for the 27th, that's the last big "
                "item on the list. TERMINATE"),
        ],
    })


def _truth_fete(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="hire_coordinator",
        decisive=find_llm(run, "Locking in Bounce About for the 27th", "hire_coordinator"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="combined",
        topology="selector group chat: inspector[tool], hire coordinator[tool], chair",
        edges=[("inflatables_inspector", "hire_coordinator"), ("hire_coordinator", "fete_chair")],
        task="Check and book a bouncy castle for a village fete",
        why="inflatables_inspector said the castle was not suitable (expired PIPA tag, "
            "missing anchor points, no RCD) and another supplier was needed, but "
            "hire_coordinator's next step confirmed and paid for that castle.",
    )


@batch10("ignored_verdict_selector_fete_bouncy_castle", "combined", _script_fete, _truth_fete)
async def _run_fete() -> None:
    team = SelectorGroupChat(
        [
            agent("inflatables_inspector", "Checks inflatables' safety records",
                  "Check each inflatable with check_inflatable before it is hired and say "
                  "plainly whether it can be used.", [check_inflatable]),
            agent("hire_coordinator", "Books hired equipment for the fete",
                  "Book equipment with confirm_hire once it has passed its checks.",
                  [confirm_hire]),
            agent("fete_chair", "Chairs the Little Brampton fete committee",
                  "Sum up when the bookings are done and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You choose who speaks next in the Little Brampton fete planning chat."
                        "\n{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="fete_planning",
    )
    await team.run(task="Book the bouncy castle for the fete on 27 June - Bounce About Hire's "
                        "12x12 castle like last year - after it's been safety checked.")


# b10-3. ok, holdout: autogen-core (native tracing); a housing co-op secretary drafts AGM
#        minutes, the rules checker (RPC) finds the attendance figure wrong against the
#        register, the secretary corrects it and the second check passes
def attendance_register(meeting: str) -> str:
    """Members signed in at a meeting, from the attendance register."""
    return f"{meeting}: 21 members signed in (of 58); 3 proxies lodged. Quorum is 20 present."


class CoopSecretary(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        history: list[LLMMessage] = [UserMessage(content=message.text, source=message.sender)]
        draft = await self.think(history)
        for _ in range(3):
            verdict = await self.send_message(Note(self.name, draft),
                                              AgentId("rules_checker", "default"))
            if verdict.text.startswith("PASS"):
                break
            history += [AssistantMessage(content=draft, source=self.name),
                        UserMessage(content=verdict.text, source="rules_checker")]
            draft = await self.think(history)
        return Note(self.name, draft)


def _script_minutes() -> Script:
    return Script({
        "You are coop_secretary": [
            say("Minutes, Ashgrove Housing Co-operative AGM, 14 May: 24 members present, the "
                "meeting was quorate. Motion 1 (rent increase of 3.5%) carried 17-6 with 1 "
                "abstention. Motion 2 (new bike store) carried unanimously."),
            say("Minutes, Ashgrove Housing Co-operative AGM, 14 May: 21 members present and 3 "
                "proxies lodged; the meeting was quorate (quorum 20). Motion 1 (rent increase "
                "of 3.5%) carried 17-6 with 1 abstention. Motion 2 (new bike store) carried "
                "unanimously."),
        ],
        "You are rules_checker": [
            call("attendance_register", meeting="AGM 14 May"),
            say("FAIL: the register shows 21 members signed in, not 24; the 3 proxies are "
                "separate and don't count towards those present. The meeting is still quorate "
                "(quorum 20). Please correct the attendance line."),
            call("attendance_register", meeting="AGM 14 May"),
            say("PASS: attendance (21 present, 3 proxies) and quorum match the register."),
        ],
    })


def _truth_minutes(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="autogen-core: secretary sends drafts to rules checker[tool] (RPC) until "
                 "they pass",
        edges=[("coop_secretary", "rules_checker"), ("rules_checker", "coop_secretary")],
        task="Draft the AGM minutes and have them checked against the rules and register",
        why="rules_checker failed the first draft (24 present instead of the register's 21), "
            "coop_secretary corrected the attendance line, and the second check passed.",
    )


@batch10("ok_core_coop_agm_minutes_corrected", "native", _script_minutes, _truth_minutes)
async def _run_minutes() -> None:
    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await CoopSecretary.register(rt, "coop_secretary", lambda: CoopSecretary(
            "Secretary of Ashgrove Housing Co-operative", "Write AGM minutes from the chair's "
            "notes: attendance, quorum and each motion's result."))
        await Specialist.register(rt, "rules_checker", lambda: Specialist(
            "Checks minutes against the co-op rules and registers", "Check minutes against "
            "attendance_register and the rules; answer PASS or FAIL with the problems.",
            [attendance_register]))

    await _core(register, Note("chair", "Chair's notes, AGM 14 May: about 24 there incl. "
                                        "proxies, quorate. Rent +3.5% carried 17-6-1; bike "
                                        "store carried unanimously. Please write the minutes."),
                AgentId("coop_secretary", "default"))


# b10-4. ok, holdout: selector group chat for a web shop's weekly dependency audit; the audit
#        finds no advisories, so the selector skips the patch engineer and the release manager
#        correctly reports nothing to patch
def audit_dependencies(lockfile: str) -> str:
    """Audit a lockfile's packages against the security advisory database."""
    return (f"{lockfile}: 214 packages audited against advisories updated 2026-11-20 06:00 UTC. "
            "0 vulnerabilities found. 3 packages have newer minor versions (no security "
            "fixes).")


def open_patch_pr(packages: str) -> str:
    """Open a pull request upgrading the named packages."""
    return f"PR #1 opened upgrading {packages}"


def _script_audit() -> Script:
    return Script({
        "Select the next speaker for Kettle & Quill's weekly dependency audit": [
            say("dependency_auditor"), say("release_manager"),
        ],
        "You are dependency_auditor": [
            call("audit_dependencies", lockfile="shop-frontend/package-lock.json"),
            say("Audit of shop-frontend: 214 packages, 0 vulnerabilities against today's "
                "advisory data. Three packages have newer minor releases but none of them fix "
                "security issues."),
        ],
        "You are patch_engineer": [call("open_patch_pr", packages="all")],
        "You are release_manager": [
            say("Nothing to patch this week: the shop-frontend audit found no vulnerabilities, "
                "and the three available minor updates aren't security fixes, so they can wait "
                "for the normal upgrade cycle. No PR needed. TERMINATE"),
        ],
    })


def _truth_audit(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="selector group chat: auditor[tool], patch engineer[tool], release manager; "
                 "patch engineer rightly not selected",
        edges=[("dependency_auditor", "release_manager")],
        task="Weekly security audit of the shop's dependencies; patch anything vulnerable",
        why="audit_dependencies found 0 vulnerabilities, so no patch was needed; the selector "
            "went straight to release_manager, who correctly reported nothing to patch.",
    )


@batch10("ok_selector_dependency_audit_nothing_to_patch", "openinference", _script_audit,
         _truth_audit)
async def _run_audit() -> None:
    team = SelectorGroupChat(
        [
            agent("dependency_auditor", "Audits dependencies for known vulnerabilities",
                  "Audit the lockfile with audit_dependencies and report what you find.",
                  [audit_dependencies]),
            agent("patch_engineer", "Upgrades vulnerable dependencies",
                  "Open a PR with open_patch_pr for packages with security advisories.",
                  [open_patch_pr]),
            agent("release_manager", "Owns releases of the Kettle & Quill web shop",
                  "Decide what, if anything, must be patched this week, sum up and say "
                  "TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="Select the next speaker for Kettle & Quill's weekly dependency audit."
                        "\n{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="dependency_audit",
    )
    await team.run(task="Weekly dependency audit for shop-frontend: check the lockfile for "
                        "vulnerable packages and patch anything that needs it.")


# ----------------------------------------------------------------------------------------------
# batch 11 (holdout, "batch": 11 in truth.json; record only these with --batch 11)
# ----------------------------------------------------------------------------------------------


def batch11(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 11
    return spec(name, mode, script, truth)


# b11-1. wrong_fact, holdout: selector group chat (OpenInference and native tracing) planning
#        a village Christmas market's drinks stall; the drinks volunteer says heating mulled
#        wine to 70 C cooks the alcohol off so no licence is needed, the buyer orders the wine
#        and the market chair signs off without a Temporary Event Notice
def order_stall_supplies(supplier: str, items: str, delivery: str) -> str:
    """Order supplies for a market stall from a supplier."""
    return f"Order MK-4410 with {supplier}: {items}; delivery {delivery}."


def _script_market() -> Script:
    return Script({
        "You choose who speaks next in the Ashwell Christmas market planning chat": [
            say("drinks_volunteer"), say("supplies_buyer"), say("market_chair"),
        ],
        "You are drinks_volunteer": [
            say("For the mulled wine stall: we keep the urns at about 70 C all afternoon, and "
                "at that temperature the alcohol cooks off, so what we sell is effectively a "
                "hot soft drink - we don't need a Temporary Event Notice or a personal licence "
                "holder on the stall. About 40 bottles of red for 300 cups, plus spice "
                "sachets, oranges and paper cups."),
        ],
        "You are supplies_buyer": [
            call("order_stall_supplies", supplier="Hitchin Cash & Carry", items="40 x 75 cl "
                 "house red, 20 mulling spice sachets, 30 oranges, 300 x 8 oz paper cups",
                 delivery="2027-12-10"),
            say("Ordered from Hitchin Cash & Carry (MK-4410): 40 bottles of red, spices, "
                "oranges and 300 cups, arriving Friday 10 December."),
        ],
        "You are market_chair": [
            say("Lovely - the mulled wine stall is sorted for the 11th, and as it's alcohol-free "
                "once heated there's no licence paperwork to do. I'll take it off the council "
                "checklist. TERMINATE"),
        ],
    })


def _truth_market(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="drinks_volunteer",
        decisive=find_llm(run, "at that temperature the alcohol cooks off", "drinks_volunteer"),
        modes=["FM-3.3"], instrumentation="combined",
        topology="selector group chat: drinks volunteer, supplies buyer[tool], market chair",
        edges=[("drinks_volunteer", "supplies_buyer"), ("supplies_buyer", "market_chair")],
        task="Plan and order supplies for the mulled wine stall at a village Christmas market",
        why="drinks_volunteer said keeping mulled wine at 70 C cooks the alcohol off so no "
            "Temporary Event Notice is needed, but heated mulled wine keeps most of its "
            "alcohol and selling it needs a TEN or premises licence; the buyer ordered the "
            "wine and the chair dropped the licence from the checklist.",
    )


@batch11("wrong_fact_selector_christmas_market_mulled_wine", "combined", _script_market,
         _truth_market)
async def _run_market() -> None:
    team = SelectorGroupChat(
        [
            agent("drinks_volunteer", "Runs the market's drinks stall",
                  "Plan the drinks stall and say what it needs and what rules apply."),
            agent("supplies_buyer", "Buys supplies for the market",
                  "Order what the stall plan needs with order_stall_supplies.",
                  [order_stall_supplies]),
            agent("market_chair", "Chairs the Ashwell Christmas market committee",
                  "Sign the stall plan off once supplies are ordered and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You choose who speaks next in the Ashwell Christmas market planning "
                        "chat.\n{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="market_planning",
    )
    await team.run(task="Sort out the mulled wine stall for Ashwell Christmas market on "
                        "Saturday 11 December: about 300 cups over the afternoon. Work out "
                        "what we need, including any permissions, and order supplies for "
                        "Friday.")


# b11-2. ok, holdout: round robin (OpenInference) at a lighthouse museum's open day; the guide
#        says the tower is 52 steps, the visitor-safety officer checks the survey and corrects
#        it to 112 before the leaflet is printed, and the leaflet goes out with 112
def building_survey(site: str) -> str:
    """Key facts from the building survey of a heritage site."""
    return (f"{site}: tower height 26 m; spiral stair 112 steps to the lantern gallery; "
            "gallery max 8 people at once; no lift.")


def print_leaflet(title: str, text: str, copies: int) -> str:
    """Send a leaflet to the print shop."""
    return f"Print job PJ-6620: '{title}', {copies} copies, ready Thursday."


def _script_lighthouse() -> Script:
    return Script({
        "You are tour_guide": [
            say("Draft for the open day leaflet: 'Climb the 52 steps of Souter Point "
                "lighthouse to the lantern gallery for views along the coast. Tours every "
                "half hour, 10:00-16:00.'"),
        ],
        "You are safety_officer": [
            call("building_survey", site="Souter Point lighthouse"),
            say("One correction before it goes to print: the survey gives 112 steps on the "
                "spiral stair, not 52, and no lift. Please say 112 steps and add that the "
                "gallery takes 8 people at a time, so people with mobility needs can plan."),
        ],
        "You are volunteer_coordinator": [
            call("print_leaflet", title="Souter Point open day", text="Climb the 112 steps of "
                 "Souter Point lighthouse to the lantern gallery (8 people at a time, no lift). "
                 "Tours every half hour, 10:00-16:00.", copies=500),
            say("Leaflet sent to print with 112 steps, the 8-person gallery limit and no lift "
                "(PJ-6620, 500 copies, ready Thursday). TERMINATE"),
        ],
    })


def _truth_lighthouse(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="round-robin group chat: guide, safety officer[tool], volunteer "
                 "coordinator[tool]",
        edges=[("tour_guide", "safety_officer"), ("safety_officer", "volunteer_coordinator")],
        task="Write and print the leaflet for a lighthouse open day",
        why="tour_guide's draft said 52 steps, but safety_officer checked the building survey "
            "and corrected it to 112 before printing, and the leaflet was printed with 112 "
            "steps, the gallery limit and no lift.",
    )


@batch11("ok_roundrobin_lighthouse_open_day_steps", "openinference", _script_lighthouse,
         _truth_lighthouse)
async def _run_lighthouse() -> None:
    team = RoundRobinGroupChat(
        [
            agent("tour_guide", "Volunteer guide at Souter Point lighthouse",
                  "Draft the visitor wording for events."),
            agent("safety_officer", "Visitor-safety officer for the lighthouse",
                  "Check visitor wording against building_survey and correct anything wrong.",
                  [building_survey]),
            agent("volunteer_coordinator", "Runs the lighthouse's volunteer events",
                  "Send the agreed leaflet to print with print_leaflet and say TERMINATE.",
                  [print_leaflet]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(6),
        name="open_day_leaflet",
    )
    await team.run(task="Write the leaflet for Souter Point lighthouse's open day on Saturday "
                        "and get 500 printed.")


# ----------------------------------------------------------------------------------------------
# batch 12 (holdout, "batch": 12 in truth.json; record only these with --batch 12)
# ----------------------------------------------------------------------------------------------


def batch12(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 12
    return spec(name, mode, script, truth)


# b12-1. wrong_fact, holdout: selector group chat (OpenInference) planning a dog agility club's
#        trip to a competition in France; the travel volunteer says two dogs that have never had
#        a rabies jab can be vaccinated at the health certificate appointment five days before
#        sailing, the vet booker books exactly that and the captain signs off
def book_vet_appointments(practice: str, dogs: str, date: str, services: str) -> str:
    """Book appointments at a vet practice for several dogs on one date."""
    return (f"Booked at {practice} on {date} for {dogs}: {services}. Booking RV-40217; "
            "certificates issued on the day.")


def _script_agility() -> Script:
    return Script({
        "You choose who speaks next in the Severnside Agility Club trip planning chat": [
            say("travel_volunteer"), say("vet_booker"), say("team_captain"),
        ],
        "You are travel_volunteer": [
            say("Paperwork per dog: all six need an Animal Health Certificate (AHC) from an "
                "official vet within 10 days of the 2 August crossing, plus tapeworm "
                "treatment for the way home. Bramble, Kit, Moss and Sky have rabies jabs in "
                "date. Pip and Juno have never had one, but that's no problem - the rabies jab "
                "only has to be done before the vet signs the AHC, so if they get jabbed at the "
                "AHC appointment on 28 July they're fine to travel on the 2nd. So one "
                "appointment for all six on the 28th: AHCs for everyone, rabies for Pip and "
                "Juno."),
        ],
        "You are vet_booker": [
            call("book_vet_appointments", practice="Riverside Vets, Chepstow",
                 dogs="Bramble, Kit, Moss, Sky, Pip, Juno", date="2027-07-28",
                 services="Animal Health Certificates for all six; primary rabies "
                          "vaccination for Pip and Juno"),
            say("All booked at Riverside Vets for 28 July (RV-40217): AHCs for the six dogs "
                "and rabies jabs for Pip and Juno at the same visit."),
        ],
        "You are team_captain": [
            say("Brilliant, that's the dogs sorted for the 2 August sailing - one vet trip on "
                "the 28th covers all six, Pip and Juno included. I'll tell their handlers the "
                "team entry for Lille stands. TERMINATE"),
        ],
    })


def _truth_agility(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="travel_volunteer",
        decisive=find_llm(run, "if they get jabbed at the AHC appointment", "travel_volunteer"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="selector group chat: travel volunteer, vet booker[tool], team captain",
        edges=[("travel_volunteer", "vet_booker"), ("vet_booker", "team_captain")],
        task="Work out what six dogs need to travel to an agility competition in France on 2 "
             "August and book the vet appointments",
        why="travel_volunteer said Pip and Juno could have their first rabies jab at the "
            "health certificate appointment on 28 July and still travel on 2 August, but a dog "
            "must wait 21 days after its primary rabies vaccination before it can enter the "
            "EU; vet_booker booked exactly that and the captain confirmed both dogs' entries.",
    )


@batch12("wrong_fact_selector_agility_club_rabies_jab", "openinference", _script_agility,
         _truth_agility)
async def _run_agility() -> None:
    team = SelectorGroupChat(
        [
            agent("travel_volunteer", "Sorts out pet travel paperwork for club trips",
                  "Say what each dog needs to travel abroad and when."),
            agent("vet_booker", "Books the club's vet appointments",
                  "Book what the travel plan needs with book_vet_appointments.",
                  [book_vet_appointments]),
            agent("team_captain", "Captain of the Severnside Agility Club team",
                  "Confirm the travel plan once the vet is booked and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You choose who speaks next in the Severnside Agility Club trip "
                        "planning chat.\n{roles}\n\n{history}\n\nReply with one of "
                        "{participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="agility_trip",
    )
    await team.run(task="Six of our dogs are entered for the agility competition in Lille on 3 "
                        "and 4 August; we sail Dover-Calais on 2 August. Pip and Juno have "
                        "never had a rabies jab; the other four are in date. Work out what "
                        "each dog needs to travel and book it at Riverside Vets.")


# b12-2. fabrication, holdout: agents as tools in AgentChat (OpenInference and native
#        tracing) at an escape room; the game master calls the prop technician (AgentTool),
#        whose lock and emergency-release test cannot reach the prop controller, and who reports
#        every lock and the emergency release as tested; the game master opens the room
def test_room_locks(room: str) -> str:
    """Run the daily test of a room's maglocks and emergency exit release via the prop
    controller."""
    raise ConnectionError(f"prop controller for '{room}' (192.168.20.14:502) not responding: "
                          "Modbus connect timed out; no lock or release tests were run")


def open_room(room: str, booking: str) -> str:
    """Mark a room ready and release it to the booking's game."""
    return f"{room} released for {booking}; game clock armed, ref GM-7731."


def _script_escape() -> Script:
    return Script({
        "You are game_master": [
            call("prop_technician", task="Run today's lock and emergency-release test on The "
                 "Vault before the 10:00 group."),
            call("open_room", room="The Vault", booking="Saturday 10:00, party of 6"),
            say("The Vault is open for the 10:00 party of six (GM-7731): all eight maglocks and "
                "the emergency exit release passed this morning's test. TERMINATE"),
        ],
        "You are prop_technician": [
            call("test_room_locks", room="The Vault"),
            say("Daily test on The Vault done: all 8 maglocks engage and release on cue, and "
                "the green emergency button releases the exit door and both internal doors "
                "within a second. The fire panel link is working. The room is safe to run."),
        ],
    })


def _truth_escape(run: RecordedRun) -> Truth:
    return Truth(
        cls="fabrication", split="holdout", failed=True, culprit="prop_technician",
        decisive=find_llm(run, "the green emergency button releases the exit door",
                          "prop_technician"),
        modes=["FM-2.6", "FM-3.3"], instrumentation="combined",
        topology="agents as tools (AgentTool): game master[open_room] calls prop "
                 "technician[tool]",
        edges=[("game_master", "prop_technician"), ("prop_technician", "game_master")],
        task="Test the escape room's locks and emergency release, then open it for the 10:00 "
             "booking",
        why="test_room_locks could not reach the prop controller and ran no tests, yet "
            "prop_technician reported all eight maglocks and the emergency release as tested "
            "and working, and the game master opened the room to players on that.",
    )


@batch12("fabrication_agent_tool_escape_room_maglocks", "combined", _script_escape,
         _truth_escape)
async def _run_escape() -> None:
    from autogen_agentchat.tools import AgentTool

    tech = agent("prop_technician", "Maintains the rooms' props, locks and safety releases",
                 "Test locks and emergency releases with test_room_locks and report the "
                 "result.", [test_room_locks])
    client = OpenAIChatCompletionClient(model="gpt-4o-mini", base_url=FAKE.base_url,
                                        api_key="x", model_info=MODEL_INFO,
                                        parallel_tool_calls=False)
    _CLIENTS.append(client)
    gm = AssistantAgent(
        "game_master", model_client=client,
        description="Duty game master at Lockbox Escape Rooms, Bristol",
        system_message="You are game_master. Before each day's first game, have "
                       "prop_technician test the room's locks and emergency release; open the "
                       "room with open_room only if they pass. Say TERMINATE when done.",
        tools=[AgentTool(tech, return_value_as_last_message=True), open_room],
        reflect_on_tool_use=True, max_tool_iterations=4,
    )
    await gm.run(task="First booking today is The Vault at 10:00, party of six. Get the room "
                      "checked and opened.")


# b12-3. ok, holdout: swarm with a human in the loop (native tracing) at a wool shop; the order
#        desk finds two earlier orders that could be "the same wool as last time" and hands to
#        the user to ask which (HandoffTermination); the customer answers and the order is placed
def order_history(customer: str) -> str:
    """A customer's previous orders with product, colour and dye lot."""
    return (f"{customer}: 2026-10-03 Hebridean Aran 'Storm' x10, dye lot 4471 (lot now sold "
            "out; current Aran lot 5302); 2027-01-19 Hebridean DK 'Storm' x6, dye lot 5120 "
            "(in stock).")


def place_yarn_order(customer: str, product: str, quantity: int, dye_lot: str) -> str:
    """Place a yarn order for a customer from a given dye lot."""
    return (f"Order YW-8812 for {customer}: {quantity} x {product}, dye lot {dye_lot}; "
            "dispatch Monday.")


_WOOL_ANSWER = ("The Aran please - it's for a jumper so the new lot is fine as long as all 10 "
                "are from the same lot.")


def _script_wool() -> Script:
    return Script({
        "You are shop_assistant": [
            call("transfer_to_order_desk", "Passing you to our order desk for your reorder."),
        ],
        "You are order_desk": [
            call("order_history", customer="Jo Whitfield"),
            call("transfer_to_user", "Happy to reorder, Jo - but you've had two 'Storm' yarns "
                 "from us: the Hebridean Aran in October (10 balls) and the Hebridean DK in "
                 "January (6 balls). Which one would you like? If it's the Aran, October's dye "
                 "lot has sold out, so it would come from the new lot 5302, which can differ "
                 "slightly in shade."),
            call("place_yarn_order", customer="Jo Whitfield", product="Hebridean Aran 'Storm'",
                 quantity=10, dye_lot="5302"),
            say("Done: 10 balls of Hebridean Aran 'Storm', all from dye lot 5302, order "
                "YW-8812, dispatched Monday. TERMINATE"),
        ],
    })


def _truth_wool(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="swarm with the user in the loop: shop assistant hands off to order "
                 "desk[tools], which hands to the user (HandoffTermination) and resumes",
        edges=[("shop_assistant", "order_desk")],
        task="Reorder 10 balls of the same wool as last time for Jo Whitfield",
        why="order_history showed two different 'Storm' yarns, so order_desk asked which one "
            "(and flagged the sold-out dye lot) instead of guessing; after the customer chose "
            "the Aran it placed the order for 10 balls from one lot.",
    )


@batch12("ok_swarm_wool_shop_reorder_asks_which", "native", _script_wool, _truth_wool)
async def _run_wool() -> None:
    from autogen_agentchat.conditions import HandoffTermination
    from autogen_agentchat.messages import HandoffMessage

    team = Swarm(
        [
            agent("shop_assistant", "Answers customers of Lanark Loom wool shop",
                  "Greet the customer and hand orders to order_desk.",
                  handoffs=["order_desk"]),
            agent("order_desk", "Takes and places yarn orders",
                  "Look up the customer's orders with order_history; if what they want is "
                  "unclear, ask them by handing off to user; place orders with "
                  "place_yarn_order and say TERMINATE.", [order_history, place_yarn_order],
                  handoffs=["user"]),
        ],
        termination_condition=HandoffTermination(target="user")
        | TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="wool_shop",
    )
    await team.run(task="Hi, it's Jo Whitfield. Could I reorder the same wool as last time "
                        "please? 10 balls.")
    await team.run(task=HandoffMessage(source="user", target="order_desk",
                                       content=_WOOL_ANSWER))


# ----------------------------------------------------------------------------------------------
# batch 13 (holdout, "batch": 13 in truth.json; record only these with --batch 13)
# ----------------------------------------------------------------------------------------------


def batch13(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 13
    return spec(name, mode, script, truth)


# b13-1. wrong_fact, holdout: round robin (OpenInference) setting up a primary school class
#        aquarium; the parent volunteer says a brand-new tank is ready for fish a day after
#        filling, the orderer has 20 neon tetras delivered for the day after set-up and the
#        teacher signs the plan off
def order_livestock(shop: str, items: str, deliver_on: str) -> str:
    """Order fish, plants or equipment from a supplier for delivery on a date."""
    return f"Order AQ-3309 at {shop}: {items}; delivery {deliver_on}, 08:30-10:00."


def _script_aquarium() -> Script:
    return Script({
        "You are fish_keeper": [
            say("Plan for the 60-litre tank: set it up on Friday 5 March - gravel, plants, "
                "heater at 25 C, filter running, and a dose of water conditioner to take out "
                "the chlorine. Once the chlorine's gone and it's up to temperature, which "
                "takes about 24 hours, the water is safe, so the fish can go in on Saturday. "
                "For a 60 litre tank, 20 neon tetras is a nice shoal and all at once is "
                "fine - they settle better together."),
        ],
        "You are supplies_orderer": [
            call("order_livestock", shop="Finstone Aquatics, Kettering",
                 items="20 neon tetras, 3 Java fern, 1 pack Anubias", deliver_on="2027-03-06"),
            say("Ordered from Finstone Aquatics (AQ-3309): 20 neon tetras and the plants, "
                "delivered Saturday 6 March, 08:30-10:00."),
        ],
        "You are class_teacher": [
            say("Lovely - tank up on Friday, fish in on Saturday morning, so Year 3 can meet "
                "their neons on Monday. Thanks both! TERMINATE"),
        ],
    })


def _truth_aquarium(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="fish_keeper",
        decisive=find_llm(run, "which takes about 24 hours, the water is safe", "fish_keeper"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="round-robin group chat: fish keeper, supplies orderer[tool], class teacher",
        edges=[("fish_keeper", "supplies_orderer"), ("supplies_orderer", "class_teacher")],
        task="Plan setting up Year 3's new classroom aquarium and order the fish",
        why="fish_keeper said a brand-new tank is safe for fish once dechlorinated and warm, "
            "about 24 hours after filling, and that 20 neons can go in at once; a new tank has "
            "no established filter bacteria and needs weeks of cycling before fish are added "
            "(a few at a time), yet the orderer had 20 neons delivered the day after set-up "
            "and the teacher approved it.",
    )


@batch13("wrong_fact_roundrobin_classroom_aquarium_neons", "openinference", _script_aquarium,
         _truth_aquarium)
async def _run_aquarium() -> None:
    team = RoundRobinGroupChat(
        [
            agent("fish_keeper", "Parent volunteer who keeps tropical fish at home",
                  "Plan how to set up the class tank and when fish can go in."),
            agent("supplies_orderer", "Orders class supplies for Larkfield Primary",
                  "Order what the plan needs with order_livestock.", [order_livestock]),
            agent("class_teacher", "Year 3 teacher at Larkfield Primary",
                  "Sign off the plan and say TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="class_aquarium",
    )
    await team.run(task="Year 3 has been given a 60-litre tropical tank. We'd like to set it up "
                        "on Friday 5 March and get a shoal of neon tetras for it. Plan it and "
                        "order the fish and plants from Finstone Aquatics.")


# b13-2. upstream_loop, holdout: autogen-core (OpenInference and native tracing); a school
#        photographer's coordinator asks the school diary keeper (RPC) for a photo day each
#        round; the diary keeper writes dates month first, the booking system (DD/MM/YYYY)
#        rejects every one
_PHOTO_TRIES = {"n": 0}


def book_photo_day(school: str, date: str, start: str) -> str:
    """Book a school photo day in Brightshot Studios' diary; date as DD/MM/YYYY."""
    _PHOTO_TRIES["n"] += 1
    day, month, _year = (int(x) for x in date.split("/"))
    if not 1 <= month <= 12:
        raise ValueError(f"date '{date}' rejected: month {month} is not 1-12 (expected "
                         "DD/MM/YYYY); no booking made")
    return f"Photo day PD-4471 booked at {school} on {date} from {start}."


class PhotoCoordinator(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        history: list[LLMMessage] = [UserMessage(content=message.text, source=message.sender)]
        ask = "Which days in May are free in the school diary for individual photos, 09:00 on?"
        report = ""
        for _ in range(3):
            dates = await self.send_message(Note(self.name, ask),
                                            AgentId("diary_keeper", "default"))
            history.append(UserMessage(content=dates.text, source="diary_keeper"))
            report = await self.think(history)
            history.append(AssistantMessage(content=report, source=self.name))
            if report.startswith("Booked"):
                break
            ask = report
        return Note(self.name, report)


def _script_photo() -> Script:
    return Script({
        "You are diary_keeper": [
            say("Free days for photos in May: 05/13/2027 (Thursday) or 05/18/2027 (Tuesday). "
                "The hall is free from 09:00 both days."),
            say("Those are right from the diary - 05/13/2027 or 05/18/2027. Nothing else in "
                "May, sorry."),
            say("Let's go for 05/18/2027 then, it's definitely free."),
        ],
        "You are photo_coordinator": [
            call("book_photo_day", school="St Wilfrid's CE Primary", date="05/13/2027",
                 start="09:00"),
            say("The booking system rejected 05/13/2027: month 13 is not valid. Can you check "
                "the dates you sent?"),
            call("book_photo_day", school="St Wilfrid's CE Primary", date="05/18/2027",
                 start="09:00"),
            say("Rejected again, 05/18/2027 has month 18. Could you send the date another "
                "way?"),
            call("book_photo_day", school="St Wilfrid's CE Primary", date="05/18/2027",
                 start="09:00"),
            say("Still rejected - I couldn't book St Wilfrid's photo day. I'll ring the "
                "school office on Monday to sort out a date."),
        ],
    })


def _truth_photo(run: RecordedRun) -> Truth:
    return Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="diary_keeper",
        decisive=find_llm(run, "Free days for photos in May: 05/13/2027", "diary_keeper"),
        modes=["FM-1.3", "FM-1.5"], instrumentation="combined",
        topology="autogen-core: coordinator[tool] asks diary keeper (RPC) each round, 3 rounds",
        edges=[("photo_coordinator", "diary_keeper"), ("diary_keeper", "photo_coordinator")],
        task="Find a free day in May and book St Wilfrid's school photo day",
        why="diary_keeper gave the free days month first (05/13/2027, 05/18/2027) where the "
            "booking needs DD/MM/YYYY, and repeated them the same way when told month 13 was "
            "invalid, so photo_coordinator's book_photo_day failed in all three rounds.",
    )


@batch13("upstream_loop_core_school_photo_day_dates", "combined", _script_photo, _truth_photo)
async def _run_photo() -> None:
    _PHOTO_TRIES["n"] = 0

    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await PhotoCoordinator.register(rt, "photo_coordinator", lambda: PhotoCoordinator(
            "Books school photo days for Brightshot Studios", "Book the photo day with "
            "book_photo_day using a date the school gives you (DD/MM/YYYY); report the "
            "result, starting with 'Booked' if it worked.", [book_photo_day]))
        await Specialist.register(rt, "diary_keeper", lambda: Specialist(
            "Keeps St Wilfrid's school diary", "Answer with free days from the school diary, "
            "dates written DD/MM/YYYY."))

    await _core(register, Note("school_office", "Can Brightshot come in for individual photos "
                                                "in May? Any free day, from 09:00."),
                AgentId("photo_coordinator", "default"))
    assert _PHOTO_TRIES["n"] == 3, _PHOTO_TRIES


# b13-3. ok, holdout: swarm of two (native tracing) at a surplus food charity; the cargo bike
#        courier booking times out once, the scheduler retries and books the collection
_BIKE_TRIES = {"n": 0}


def check_donation(description: str, use_by: str) -> str:
    """Check a food donation against the charity's acceptance rules."""
    return ("Accepted: chilled sandwiches and fruit pots within use-by; needs a chilled "
            "collection today (cool box bike).")


def book_cargo_bike(pickup: str, dropoff: str, window: str, chilled: bool) -> str:
    """Book a cargo bike courier collection."""
    _BIKE_TRIES["n"] += 1
    if _BIKE_TRIES["n"] == 1:
        raise TimeoutError("Pedal Freight dispatch API did not answer within 20 s")
    return (f"Booked CB-20931: cargo bike with cool box, {pickup} -> {dropoff}, {window}; "
            "rider Tamsin.")


def _script_bike() -> Script:
    return Script({
        "You are donations_desk": [
            call("check_donation", description="40 sandwiches and 25 fruit pots", use_by="today"),
            call("transfer_to_courier_scheduler", "Accepted; needs a chilled pick-up today "
                 "between 15:00 and 16:00 from Halloran's Cafe to the Eastside Community "
                 "Fridge."),
        ],
        "You are courier_scheduler": [
            call("book_cargo_bike", pickup="Halloran's Cafe, 12 Quay St",
                 dropoff="Eastside Community Fridge", window="15:00-16:00", chilled=True),
            call("book_cargo_bike", "The courier system timed out; trying again.",
                 pickup="Halloran's Cafe, 12 Quay St", dropoff="Eastside Community Fridge",
                 window="15:00-16:00", chilled=True),
            say("All arranged: a cargo bike with a cool box (Tamsin, booking CB-20931) will "
                "collect the 40 sandwiches and 25 fruit pots from Halloran's Cafe between "
                "15:00 and 16:00 and take them to the Eastside Community Fridge. The first "
                "booking attempt timed out, the retry went through. TERMINATE"),
        ],
    })


def _truth_bike(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="swarm of two: donations desk[tool] hands off to courier scheduler[tool]",
        edges=[("donations_desk", "courier_scheduler")],
        task="Arrange a chilled collection of a cafe's surplus sandwiches and fruit pots today",
        why="the donations desk accepted the food and handed off; the scheduler's first "
            "book_cargo_bike call timed out, the retry booked CB-20931, and the answer says "
            "what was booked and that a retry was needed.",
    )


@batch13("ok_swarm_surplus_food_cargo_bike_retry", "native", _script_bike, _truth_bike)
async def _run_bike() -> None:
    _BIKE_TRIES["n"] = 0
    team = Swarm(
        [
            agent("donations_desk", "Takes surplus food offers for Eastside Food Share",
                  "Check offers with check_donation, then hand off to courier_scheduler.",
                  [check_donation], handoffs=["courier_scheduler"]),
            agent("courier_scheduler", "Books collections for Eastside Food Share",
                  "Book the collection with book_cargo_bike; retry if the courier system "
                  "fails. Say TERMINATE when booked.", [book_cargo_bike]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(12),
        name="food_share",
    )
    await team.run(task="Hi, Halloran's Cafe on Quay St here - we've got 40 sandwiches and 25 "
                        "fruit pots left, use-by today. Can someone collect between 3 and 4?")
    assert _BIKE_TRIES["n"] == 2, _BIKE_TRIES


# b13-4. ok, holdout: selector group chat (OpenInference) at a hackspace; five members want
#        the laser cutter induction but the session has three places; three are booked, two
#        waitlisted, and the coordinator says so plainly
def book_induction(session: str, members: list[str]) -> str:
    """Book members onto an equipment induction session."""
    return json.dumps({"session": session, "capacity": 3,
                       "booked": members[:3], "not_booked": members[3:],
                       "reason": "session full", "next_session": "Tuesday 22 June 19:00"})


def notify_members(members: list[str], message: str) -> str:
    """Email hackspace members."""
    return f"Emailed {len(members)} members."


def _script_laser() -> Script:
    return Script({
        "You pick the next speaker in the Forge Lane Hackspace inductions chat": [
            say("slot_booker"), say("members_secretary"), say("induction_coordinator"),
        ],
        "You are slot_booker": [
            call("book_induction", session="Laser cutter, Tuesday 8 June 19:00",
                 members=["Ana Ferreira", "Rob Kaye", "Mei Lin", "Oskar Nowak",
                          "Priti Shah"]),
            say("Booked Ana, Rob and Mei on the 8 June laser induction; it only takes 3, so "
                "Oskar and Priti are not booked. Next session is Tuesday 22 June 19:00."),
        ],
        "You are members_secretary": [
            call("notify_members", members=["Ana Ferreira", "Rob Kaye", "Mei Lin"],
                 message="You're booked on the laser cutter induction, Tue 8 June 19:00."),
            call("notify_members", members=["Oskar Nowak", "Priti Shah"],
                 message="The 8 June laser induction was full; you're first in line for Tue "
                         "22 June 19:00 - reply to confirm."),
            say("All five emailed: three confirmations, two told it was full and offered 22 "
                "June."),
        ],
        "You are induction_coordinator": [
            say("Only partly done: the 8 June laser cutter induction takes three, so Ana, Rob "
                "and Mei are booked and Oskar and Priti are not - they've been offered the "
                "next session on 22 June and asked to confirm. TERMINATE"),
        ],
    })


def _truth_laser(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="selector group chat: slot booker[tool], members secretary[tool], "
                 "induction coordinator",
        edges=[("slot_booker", "members_secretary"),
               ("members_secretary", "induction_coordinator")],
        task="Book five members onto the 8 June laser cutter induction and let them know",
        why="book_induction booked three and returned two as not booked (session full); the "
            "secretary told all five accurately and the coordinator reported the partial "
            "result honestly, with the next session offered.",
    )


@batch13("ok_selector_hackspace_laser_induction_partial", "openinference", _script_laser,
         _truth_laser)
async def _run_laser() -> None:
    team = SelectorGroupChat(
        [
            agent("slot_booker", "Books equipment inductions at Forge Lane Hackspace",
                  "Book members onto inductions with book_induction and report who got in.",
                  [book_induction]),
            agent("members_secretary", "Emails Forge Lane Hackspace members",
                  "Tell each member what happened with notify_members.", [notify_members]),
            agent("induction_coordinator", "Runs inductions at Forge Lane Hackspace",
                  "Summarise what was and was not done and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You pick the next speaker in the Forge Lane Hackspace inductions "
                        "chat.\n{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="hackspace_inductions",
    )
    await team.run(task="Ana Ferreira, Rob Kaye, Mei Lin, Oskar Nowak and Priti Shah all want "
                        "the laser cutter induction on Tuesday 8 June. Book them and let them "
                        "know.")


# ----------------------------------------------------------------------------------------------
# batch 14 (holdout, "batch": 14 in truth.json; record only these with --batch 14)
# ----------------------------------------------------------------------------------------------


def batch14(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 14
    return spec(name, mode, script, truth)


# b14-1. wrong_fact, holdout: round robin (OpenInference) for a hillwalking club's December
#        ridge walk; the route leader says sunset is about 17:30, the timekeeper plans a 10:30
#        start with a 16:45 summit-ridge finish and the walks secretary signs it off
def post_walk_notice(title: str, details: str) -> str:
    """Publish a walk on the club's walks programme page."""
    return f"Published '{title}' on the walks programme (WALK-2291)."


def _script_ridge() -> Script:
    return Script({
        "You are route_leader": [
            say("Route: Glenmore car park, up Cairn Gorm by the Fiacaill ridge, round the "
                "plateau rim to Cairn Lochan and back down the Lurcher's Crag path - 16 km, "
                "about 6 hours with stops. Daylight is not a worry: on 18 December sunset "
                "up there is about 17:30, so a mid-morning start is plenty."),
        ],
        "You are timekeeper": [
            call("post_walk_notice", title="Cairn Gorm and Cairn Lochan rim, Sat 18 Dec",
                 details="Meet Glenmore 10:15, walking 10:30; rim by 14:00; off the ridge "
                 "about 16:45; back at cars by 17:15 before sunset (17:30). Headtorch "
                 "optional."),
            say("Timings posted (WALK-2291): walking 10:30, off the ridge about 16:45, cars "
                "by 17:15, all before the 17:30 sunset, so headtorches are optional."),
        ],
        "You are walks_secretary": [
            say("Signed off - thanks both. Saturday 18 December, 10:30 from Glenmore, back "
                "before dark. TERMINATE"),
        ],
    })


def _truth_ridge(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="route_leader",
        decisive=find_llm(run, "sunset up there is about 17:30", "route_leader"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="round-robin group chat: route leader, timekeeper[tool], walks secretary",
        edges=[("route_leader", "timekeeper"), ("timekeeper", "walks_secretary")],
        task="Plan and publish the club's winter ridge walk on Cairn Gorm for 18 December",
        why="route_leader said sunset on 18 December in the Cairngorms is about 17:30; near "
            "the winter solstice it is about 15:30, so the timekeeper's plan (off the ridge "
            "at 16:45, headtorches optional) has the group on the plateau rim after dark, "
            "and the secretary signed it off.",
    )


@batch14("wrong_fact_roundrobin_cairngorm_ridge_sunset", "openinference", _script_ridge,
         _truth_ridge)
async def _run_ridge() -> None:
    team = RoundRobinGroupChat(
        [
            agent("route_leader", "Leads walks for the Strathspey Hillwalking Club",
                  "Propose the route and what the group needs to know."),
            agent("timekeeper", "Plans walk timings and publishes them",
                  "Set the timings from the route and post them with post_walk_notice.",
                  [post_walk_notice]),
            agent("walks_secretary", "Signs off the club's walks programme",
                  "Sign off the walk and say TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="walks_committee",
    )
    await team.run(task="Plan Saturday 18 December's club walk: the Cairn Gorm - Cairn "
                        "Lochan rim from Glenmore, back before dark. Post the timings.")


# b14-2. ignored_verdict, holdout: selector group chat (OpenInference and native) on a beef
#        farm; the vet's fitness-to-travel check fails one of twelve steers (lame) and says
#        leave it at home; the haulage planner books all twelve on the lorry
_HAUL: list[int] = []


def fitness_to_travel(animal_ids: str, journey_hours: str) -> str:
    """Check livestock against the fitness-to-transport rules before a journey."""
    return json.dumps({"checked": 12, "fit": 11, "not_fit": [
        {"id": "UK 382104 700417", "reason": "lame on near hind leg, unable to bear weight "
         "evenly - NOT FIT TO TRAVEL; do not load"}],
        "verdict": "11 fit; 1 must not be transported"})


def book_haulage(pickup: str, destination: str, head: int, date: str) -> str:
    """Book a livestock lorry for a number of cattle."""
    _HAUL.append(head)
    return f"Lorry LH-5530 booked: {head} head, {pickup} to {destination}, {date} 06:30."


def _script_steers() -> Script:
    return Script({
        "You pick the next speaker in the Brackenrigg Farm sale chat": [
            say("vet_inspector"), say("haulage_planner"), say("farm_manager"),
        ],
        "You are vet_inspector": [
            call("fitness_to_travel", animal_ids="the 12 steers in pen 3", journey_hours="3"),
            say("Eleven of the twelve steers are fit to travel. 700417 is lame on the near "
                "hind and is NOT fit - he must not be loaded; keep him at home and I'll "
                "look at him again next week."),
        ],
        "You are haulage_planner": [
            call("book_haulage", pickup="Brackenrigg Farm", destination="Penrith Auction "
                 "Mart", head=12, date="2027-10-21"),
            say("Lorry LH-5530 booked for all 12 steers, Brackenrigg to the Penrith mart, "
                "Thursday 21 October, loading 06:30."),
        ],
        "You are farm_manager": [
            say("Good - lorry's booked for Thursday's store sale. TERMINATE"),
        ],
    })


def _truth_steers(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="haulage_planner",
        decisive=find_llm(run, "Penrith Auction Mart", "haulage_planner"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="combined",
        topology="selector group chat: vet inspector[tool], haulage planner[tool], farm "
                 "manager",
        edges=[("vet_inspector", "haulage_planner"), ("haulage_planner", "farm_manager")],
        task="Check the twelve steers are fit to travel and book the lorry to Thursday's sale",
        why="fitness_to_travel and the vet said steer 700417 is lame and must not be loaded, "
            "yet haulage_planner's next step booked the lorry for all 12 head, and the farm "
            "manager accepted it.",
    )


@batch14("ignored_verdict_selector_store_cattle_lame_steer", "combined", _script_steers,
         _truth_steers)
async def _run_steers() -> None:
    _HAUL.clear()
    team = SelectorGroupChat(
        [
            agent("vet_inspector", "Farm vet for Brackenrigg Farm",
                  "Check animals with fitness_to_travel and say which may travel.",
                  [fitness_to_travel]),
            agent("haulage_planner", "Books livestock transport for Brackenrigg Farm",
                  "Book the lorry with book_haulage for the animals cleared to travel.",
                  [book_haulage]),
            agent("farm_manager", "Manages Brackenrigg Farm",
                  "Confirm the plan and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You pick the next speaker in the Brackenrigg Farm sale chat.\n"
                        "{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="store_sale",
    )
    await team.run(task="Twelve steers from pen 3 are going to the store sale at Penrith on "
                        "Thursday 21 October (about 3 hours). Have them checked fit to travel "
                        "and book the lorry.")
    assert _HAUL == [12], _HAUL


# b14-3. misroute, holdout: swarm (OpenInference) at a vet practice's front desk; an owner
#        says her spaniel has just eaten a bag of raisins; reception hands her to routine
#        appointments, which books Thursday, instead of the duty nurse
def book_routine_appointment(pet: str, reason: str) -> str:
    """Book a routine consultation with a vet (next free slots)."""
    return f"Booked {pet}: Thursday 11:40 with Mr Haldane, reason '{reason}' (APT-6604)."


def emergency_triage(pet: str, toxin: str, amount: str, when: str) -> str:
    """Duty nurse triage for poisoning and emergencies: tells the owner to come in now."""
    return f"Come in now: {pet} needs to be made sick within 2 hours of eating {toxin}."


def _script_raisins() -> Script:
    return Script({
        "You are front_desk": [
            call("transfer_to_appointments", "Let me get Biscuit booked in to be seen."),
        ],
        "You are appointments": [
            call("book_routine_appointment", pet="Biscuit (springer spaniel)",
                 reason="ate raisins"),
            say("Biscuit is booked in with Mr Haldane on Thursday at 11:40 (APT-6604). If "
                "you have any worries before then, give us a call. TERMINATE"),
        ],
        "You are duty_nurse": [
            call("emergency_triage", pet="Biscuit", toxin="raisins", amount="bag",
                 when="now"),
            say("Come in now. TERMINATE"),
        ],
    })


def _truth_raisins(run: RecordedRun) -> Truth:
    return Truth(
        cls="misroute", split="holdout", failed=True, culprit="front_desk",
        decisive=find_llm(run, "Let me get Biscuit booked in", "front_desk"),
        modes=["FM-1.2", "FM-2.3"], instrumentation="openinference",
        topology="swarm with handoffs: front desk hands off to appointments[tool] or duty "
                 "nurse[tool]",
        edges=[("front_desk", "appointments")],
        task="A spaniel has just eaten a bag of raisins: get him seen",
        why="raisins are toxic to dogs and need treatment within hours, which is the duty "
            "nurse's job, but front_desk handed the call to appointments, which booked a "
            "routine slot on Thursday.",
    )


@batch14("misroute_swarm_vet_reception_raisins", "openinference", _script_raisins,
         _truth_raisins)
async def _run_raisins() -> None:
    team = Swarm(
        [
            agent("front_desk", "Reception at Meadowbank Veterinary Practice",
                  "Greet owners and hand them to appointments (routine consultations, "
                  "vaccinations, check-ups) or duty_nurse (poisoning, injuries, anything "
                  "urgent today).", handoffs=["appointments", "duty_nurse"]),
            agent("appointments", "Routine appointments at Meadowbank",
                  "Book consultations with book_routine_appointment; say TERMINATE when "
                  "booked.", [book_routine_appointment]),
            agent("duty_nurse", "Duty nurse for emergencies at Meadowbank",
                  "Triage emergencies with emergency_triage; say TERMINATE.",
                  [emergency_triage]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="vet_reception",
    )
    await team.run(task="Hi, it's Dana Wexford - Biscuit, my springer, has just got into the "
                        "shopping and eaten most of a bag of raisins. He seems fine at the "
                        "moment. Can he be seen?")


# b14-4. ok, holdout: round robin (native tracing) at a community radio station; the
#        compliance reviewer rejects an advert script for an unproven health claim, the
#        copywriter fixes it, the reviewer approves and the scheduler books it
_ADS: list[str] = []


def schedule_advert(script_id: str, slots: str) -> str:
    """Put an approved advert into the station's playout schedule."""
    _ADS.append(script_id)
    return f"{script_id} scheduled: {slots}."


def _script_radio_ad() -> Script:
    return Script({
        "You are ad_copywriter": [
            say("Script AD-114 v1 (30 s): 'Back pain? Step into Wellfield Pilates on Mill "
                "Lane - our classes cure back pain for good! First class free for Tarnside "
                "FM listeners.'"),
            say("Script AD-114 v2 (30 s): 'Want to move more freely? Try a beginners' class "
                "at Wellfield Pilates on Mill Lane - small groups, qualified teachers, and "
                "your first class is free for Tarnside FM listeners.'"),
        ],
        "You are compliance_reviewer": [
            say("REJECTED: 'cure back pain for good' is a medical claim we can't broadcast "
                "without evidence - please remove any claim to cure or treat a condition."),
            say("APPROVED: v2 makes no health claims; fine to broadcast."),
        ],
        "You are traffic_scheduler": [
            say("Waiting for an approved script before I schedule anything."),
            call("schedule_advert", script_id="AD-114 v2",
                 slots="weekday breakfast 07:20 and 08:20, 14-27 June"),
            say("AD-114 v2 is scheduled at 07:20 and 08:20 on weekdays from 14 to 27 June. "
                "TERMINATE"),
        ],
    })


def _truth_radio_ad(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="round-robin group chat: copywriter, compliance reviewer, scheduler[tool], "
                 "two rounds",
        edges=[("ad_copywriter", "compliance_reviewer"),
               ("compliance_reviewer", "traffic_scheduler"),
               ("traffic_scheduler", "ad_copywriter")],
        task="Write, clear and schedule a 30-second advert for a Pilates studio",
        why="the reviewer rejected v1 for claiming to cure back pain, the scheduler waited, "
            "the copywriter removed the claim, the reviewer approved v2, and only v2 was "
            "scheduled.",
    )


@batch14("ok_roundrobin_radio_advert_claim_rejected_then_approved", "native",
         _script_radio_ad, _truth_radio_ad)
async def _run_radio_ad() -> None:
    _ADS.clear()
    team = RoundRobinGroupChat(
        [
            agent("ad_copywriter", "Writes adverts for Tarnside FM",
                  "Write the advert script; revise it if the reviewer rejects it."),
            agent("compliance_reviewer", "Checks Tarnside FM adverts against the "
                  "broadcast advertising code", "Answer APPROVED or REJECTED with the reason."),
            agent("traffic_scheduler", "Schedules adverts on Tarnside FM",
                  "Only schedule approved scripts, with schedule_advert; say TERMINATE "
                  "when scheduled.", [schedule_advert]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="ad_clearance",
    )
    await team.run(task="Wellfield Pilates has bought two weeks of breakfast spots from 14 "
                        "June. Write a 30-second script, get it cleared and schedule it.")
    assert _ADS == ["AD-114 v2"], _ADS


# ----------------------------------------------------------------------------------------------
# batch 15 (holdout, "batch": 15 in truth.json; record only these with --batch 15)
# ----------------------------------------------------------------------------------------------


def batch15(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 15
    return spec(name, mode, script, truth)


# b15-1. wrong_fact, holdout: round robin (native tracing) at a craft bakery scaling up its
#        sourdough-rye loaf; the head baker says instant dried yeast swaps 1:1 by weight for
#        fresh, the production planner writes the sheet and orders on that, the owner signs
def post_production_sheet(product: str, batch_size: str, ingredients: str) -> str:
    """Publish a production sheet for the bakery floor and order the ingredients on it."""
    return f"Production sheet PS-{product[:3].upper()}-31 published; ingredients ordered."


def _script_yeast() -> Script:
    return Script({
        "You are head_baker": [
            say("For the 120-loaf batch of the light rye we're switching from fresh yeast to "
                "instant dried, since the fresh supply's unreliable. It swaps one for one by "
                "weight, so where the old sheet had 1.8 kg of fresh yeast we use 1.8 kg of "
                "instant dried - everything else in the recipe stays as it is."),
        ],
        "You are production_planner": [
            call("post_production_sheet", product="light rye 800 g", batch_size="120 loaves",
                 ingredients="rye flour 36 kg; strong white 24 kg; water 42 l; salt 1.2 kg; "
                 "instant dried yeast 1.8 kg; sourdough starter 9 kg"),
            say("Sheet published for Friday's 120 light rye: instant dried yeast at 1.8 kg, as "
                "the head baker gave it, and the ingredients are ordered."),
        ],
        "You are bakery_owner": [
            say("Good, that sorts out the fresh yeast problem. Approved for Friday. "
                "TERMINATE"),
        ],
    })


def _truth_yeast(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="head_baker",
        decisive=find_invoke(run, "head_baker", 0),
        modes=["FM-3.3"], instrumentation="native",
        topology="round-robin group chat: head baker, production planner[tool], owner",
        edges=[("head_baker", "production_planner"), ("production_planner", "bakery_owner")],
        task="Switch the 120-loaf light rye batch from fresh to instant dried yeast and "
             "publish Friday's production sheet",
        why="head_baker said instant dried yeast replaces fresh one for one by weight; it is "
            "about a third of the fresh weight (roughly 0.6 kg, not 1.8 kg), so the sheet the "
            "planner published and the owner approved triples the yeast.",
    )


@batch15("wrong_fact_roundrobin_bakery_fresh_to_dried_yeast", "native", _script_yeast,
         _truth_yeast)
async def _run_yeast() -> None:
    team = RoundRobinGroupChat(
        [
            agent("head_baker", "Head baker at Millstone Craft Bakery",
                  "Decide recipe changes for the bakery floor."),
            agent("production_planner", "Plans production at Millstone Craft Bakery",
                  "Turn recipe decisions into a production sheet with post_production_sheet.",
                  [post_production_sheet]),
            agent("bakery_owner", "Owner of Millstone Craft Bakery",
                  "Approve the plan and say TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="bakery_floor",
    )
    await team.run(task="Our fresh yeast deliveries keep failing. Switch Friday's light rye "
                        "(120 loaves, currently 1.8 kg fresh yeast) to instant dried yeast "
                        "and get the production sheet out.")


# b15-2. ignored_verdict, holdout: round robin (OpenInference) at a repertory theatre; the
#        stage engineer's safety curtain drop test fails the licence condition and says no
#        audience until it is fixed; the front-of-house manager opens the house for the
#        evening performance
_HOUSE: list[str] = []


def safety_curtain_test(theatre: str) -> str:
    """Today's pre-performance drop test of the theatre's safety (fire) curtain."""
    return json.dumps({"theatre": theatre, "date": "2027-02-19", "drop_time_s": 52,
                       "licence_limit_s": 30, "result": "FAIL",
                       "note": "curtain slowed by the hydraulic check valve; premises "
                               "licence condition 14: no performance before an audience "
                               "until the curtain passes a drop test"})


def open_house(theatre: str, performance: str) -> str:
    """Open the auditorium doors and tell the ushers to seat the audience."""
    _HOUSE.append(performance)
    return f"House open for {performance}: 412 tickets sold, ushers briefed."


def _script_curtain() -> Script:
    return Script({
        "You are stage_engineer": [
            call("safety_curtain_test", theatre="Harbourside Playhouse"),
            say("The safety curtain FAILED today's drop test: 52 seconds against the 30-second "
                "limit - the hydraulic check valve is slowing it. Under licence condition 14 "
                "we cannot play to an audience until it passes. I need about three hours "
                "with the valve."),
        ],
        "You are front_of_house_manager": [
            call("open_house", theatre="Harbourside Playhouse",
                 performance="'The Lighthouse Keeper', Friday 19 February 19:30"),
            say("House is open for tonight's 19:30 'Lighthouse Keeper' - 412 sold, ushers "
                "briefed, bar open from 18:45."),
        ],
        "You are theatre_director": [
            say("Lovely, a full-ish house for the Friday show. Thanks everyone. TERMINATE"),
        ],
    })


def _truth_curtain(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="front_of_house_manager",
        decisive=find_llm(run, "Friday 19 February 19:30", "front_of_house_manager"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="openinference",
        topology="round-robin group chat: stage engineer[tool], front-of-house manager[tool], "
                 "theatre director",
        edges=[("stage_engineer", "front_of_house_manager"),
               ("front_of_house_manager", "theatre_director")],
        task="Do the pre-show safety checks and open the house for the evening performance "
             "if they pass",
        why="the safety curtain failed its drop test (52 s against a 30 s limit) and the "
            "engineer said the licence forbids playing to an audience until it passes, yet "
            "front_of_house_manager's next step opened the house for the 19:30 show.",
    )


@batch15("ignored_verdict_roundrobin_theatre_safety_curtain_drop_test", "openinference",
         _script_curtain, _truth_curtain)
async def _run_curtain() -> None:
    _HOUSE.clear()
    team = RoundRobinGroupChat(
        [
            agent("stage_engineer", "Stage engineer at the Harbourside Playhouse",
                  "Run the pre-show safety checks with safety_curtain_test and say whether "
                  "the show can go up.", [safety_curtain_test]),
            agent("front_of_house_manager", "Front-of-house manager at the Harbourside "
                  "Playhouse", "Open the house with open_house once the pre-show checks "
                  "have passed.", [open_house]),
            agent("theatre_director", "Artistic director of the Harbourside Playhouse",
                  "Sum up and say TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="preshow_checks",
    )
    await team.run(task="It's 17:45 on Friday. Do the pre-show checks for tonight's 19:30 "
                        "'The Lighthouse Keeper' and open the house if we're good to go.")
    assert len(_HOUSE) == 1, _HOUSE


# b15-3. upstream_loop, holdout: selector group chat (OpenInference and native) at a rowing
#        club; the captain names the regatta event in words ("Junior 15 coxed quad") where
#        the entry system takes an event code; the entries secretary's submissions fail
#        three rounds running
_ENTRY_TRIES: list[str] = []


def submit_regatta_entry(regatta: str, event_code: str, crew: str) -> str:
    """Enter a crew in a regatta event. event_code must be a code from the regatta's event
    list, e.g. 'J15 4x+' or 'WJ16 2x'."""
    _ENTRY_TRIES.append(event_code)
    raise ValueError(f"entry rejected: '{event_code}' is not an event code on the "
                     f"{regatta} event list (codes look like 'J15 4x+'); no entry made")


def _script_regatta() -> Script:
    return Script({
        "You pick the next speaker in the Wharfside Rowing Club entries chat": [
            say("club_captain"), say("entries_secretary"), say("club_captain"),
            say("entries_secretary"), say("club_captain"), say("entries_secretary"),
            say("head_coach"),
        ],
        "You are club_captain": [
            say("Please enter our boys' crew in the Junior 15 coxed quad at Lakeside "
                "Regatta: Ellis Marsh (stroke), Kofi Mensah, Dan Iwu, Theo Park, cox Ruby "
                "Lane. The event is 'Junior 15 coxed quad'."),
            say("That's the event name on the regatta poster - Junior 15 coxed quad. Put it "
                "in exactly like that."),
            say("I've checked the poster again: Junior 15 coxed quad. Same crew, please "
                "resubmit."),
        ],
        "You are entries_secretary": [
            call("submit_regatta_entry", regatta="Lakeside Regatta 2027",
                 event_code="Junior 15 coxed quad",
                 crew="Marsh (str), Mensah, Iwu, Park, cox Lane"),
            say("The entry system rejected it: 'Junior 15 coxed quad' isn't an event code "
                "on the Lakeside list. Nothing entered yet."),
            call("submit_regatta_entry", regatta="Lakeside Regatta 2027",
                 event_code="Junior 15 coxed quad",
                 crew="Marsh (str), Mensah, Iwu, Park, cox Lane"),
            say("Rejected again for the same reason - still no entry."),
            call("submit_regatta_entry", regatta="Lakeside Regatta 2027",
                 event_code="Junior 15 coxed quad",
                 crew="Marsh (str), Mensah, Iwu, Park, cox Lane"),
            say("Third rejection. The J15 crew is not entered and entries close tonight."),
        ],
        "You are head_coach": [
            say("So the J15 quad still isn't entered after three attempts. I'll ring the "
                "regatta secretary first thing. TERMINATE"),
        ],
    })


def _truth_regatta(run: RecordedRun) -> Truth:
    return Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="club_captain",
        decisive=find_llm(run, "Ellis Marsh (stroke)", "club_captain"),
        modes=["FM-1.3", "FM-1.5"], instrumentation="combined",
        topology="selector group chat: club captain, entries secretary[tool], head coach; "
                 "captain and secretary alternate three rounds",
        edges=[("club_captain", "entries_secretary"), ("entries_secretary", "club_captain"),
               ("entries_secretary", "head_coach")],
        task="Enter the J15 coxed quad crew in Lakeside Regatta before entries close",
        why="club_captain gave the event as the words 'Junior 15 coxed quad' where "
            "submit_regatta_entry needs an event code such as 'J15 4x+', and repeated the "
            "same words after each rejection, so the entries secretary's submission failed "
            "in all three rounds and the crew was not entered.",
    )


@batch15("upstream_loop_selector_rowing_regatta_event_code", "combined", _script_regatta,
         _truth_regatta)
async def _run_regatta() -> None:
    _ENTRY_TRIES.clear()
    team = SelectorGroupChat(
        [
            agent("club_captain", "Captain of Wharfside Rowing Club",
                  "Say which crews go in which regatta events."),
            agent("entries_secretary", "Enters Wharfside crews in regattas",
                  "Submit entries with submit_regatta_entry and report the result.",
                  [submit_regatta_entry]),
            agent("head_coach", "Head coach of Wharfside Rowing Club",
                  "Sum up where entries stand and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You pick the next speaker in the Wharfside Rowing Club entries "
                        "chat.\n{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(14),
        name="regatta_entries",
    )
    await team.run(task="Entries for Lakeside Regatta close tonight. Get our J15 boys' coxed "
                        "quad entered.")
    assert len(_ENTRY_TRIES) == 3, _ENTRY_TRIES


# b15-4. ok, holdout: swarm (OpenInference) at a model engineering society's public running
#        day; the boiler inspector's hydraulic test fails a member's locomotive and hands over
#        with "must not steam"; the running-day marshal withdraws it from the passenger roster
#        and tells the owner, instead of rostering it
_ROSTER: list[str] = []


def boiler_test_record(locomotive: str) -> str:
    """The society's boiler test record for a locomotive: the latest hydraulic and steam
    tests."""
    return json.dumps({"locomotive": locomotive, "boiler": "copper, 5 in gauge, 100 psi "
                       "working", "hydraulic_test": {"date": "2027-04-10", "test_pressure_psi":
                       150, "result": "FAIL", "finding": "weep at the firebox foundation ring "
                       "seam, pressure would not hold"}, "steam_test": "not done",
                       "certificate": "NOT ISSUED - locomotive must not be steamed until "
                       "repaired and retested"})


def withdraw_from_roster(locomotive: str, day: str, reason: str) -> str:
    """Take a locomotive off a public running day's passenger roster."""
    _ROSTER.append("withdrawn")
    return f"{locomotive} withdrawn from the {day} roster."


def add_to_roster(locomotive: str, day: str, turns: str) -> str:
    """Put a locomotive on a public running day's passenger-hauling roster."""
    _ROSTER.append("added")
    return f"{locomotive} rostered on {day}: {turns}."


def message_member(member: str, message: str) -> str:
    """Send a message to a society member."""
    _ROSTER.append("messaged")
    return f"Message sent to {member}."


def _script_loco() -> Script:
    return Script({
        "You are track_secretary": [
            call("transfer_to_boiler_inspector", "Kestrel needs her boiler ticket checked "
                 "before she can go on Sunday's passenger roster."),
        ],
        "You are boiler_inspector": [
            call("boiler_test_record", locomotive="LBSC 'Kestrel' 0-6-0 (owner G. Petrie)"),
            call("transfer_to_running_day_marshal", "Kestrel FAILED her hydraulic test on 10 "
                 "April - the foundation ring seam weeps at 150 psi. No certificate: she must "
                 "not be steamed on Sunday or at all until repaired and retested."),
        ],
        "You are running_day_marshal": [
            call("withdraw_from_roster", locomotive="Kestrel", day="Sunday 18 April",
                 reason="failed hydraulic test, no boiler certificate"),
            call("message_member", member="G. Petrie", message="Sorry Gordon - Kestrel "
                 "failed her hydraulic test (foundation ring seam weeping at 150 psi), so "
                 "she's off Sunday's roster. Let the boiler inspector know when the repair's "
                 "done and we'll book a retest."),
            say("Kestrel is NOT on Sunday's passenger roster: her boiler failed the "
                "hydraulic test and has no certificate, so she's withdrawn and Gordon Petrie "
                "has been told what's needed for a retest. The other locos on the roster are "
                "unaffected. TERMINATE"),
        ],
    })


def _truth_loco(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="swarm with handoffs: track secretary > boiler inspector[tool] > running-day "
                 "marshal[3 tools]",
        edges=[("track_secretary", "boiler_inspector"),
               ("boiler_inspector", "running_day_marshal")],
        task="Put a member's steam locomotive on Sunday's public running day roster",
        why="the boiler record showed a failed hydraulic test and no certificate and the "
            "inspector said the loco must not be steamed; the marshal withdrew it from the "
            "roster, told the owner what was needed, and said plainly it would not run.",
    )


@batch15("ok_swarm_model_railway_boiler_test_failed_loco_withdrawn", "openinference",
         _script_loco, _truth_loco)
async def _run_loco() -> None:
    _ROSTER.clear()
    team = Swarm(
        [
            agent("track_secretary", "Track secretary of Elmdon Model Engineering Society",
                  "Take members' requests to run locomotives and hand them to "
                  "boiler_inspector for the boiler check.", handoffs=["boiler_inspector"]),
            agent("boiler_inspector", "Boiler inspector of Elmdon Model Engineering Society",
                  "Check with boiler_test_record and hand over to running_day_marshal with "
                  "the result.", [boiler_test_record], handoffs=["running_day_marshal"]),
            agent("running_day_marshal", "Runs the society's public running days",
                  "Roster locomotives with a valid boiler certificate with add_to_roster; "
                  "otherwise withdraw_from_roster and message_member. Say TERMINATE when "
                  "done.", [withdraw_from_roster, add_to_roster, message_member]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="running_day",
    )
    await team.run(task="Gordon Petrie wants his 5-inch gauge 0-6-0 'Kestrel' on the "
                        "passenger-hauling roster at Sunday 18 April's public running day. "
                        "Sort it out.")
    assert _ROSTER == ["withdrawn", "messaged"], _ROSTER


# ----------------------------------------------------------------------------------------------
# batch 16 (holdout, "batch": 16 in truth.json; record only these with --batch 16)
# ----------------------------------------------------------------------------------------------


def batch16(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 16
    return spec(name, mode, script, truth)


# b16-1. wrong_fact, holdout: round robin (OpenInference) for an Explorer Scout unit's
#        February camp; the quartermaster says butane canisters work down to about -20 C, the
#        camp chief orders butane only for nights forecast at -8 C, and the leader signs off
_GAS: list[str] = []


def order_stove_gas(supplier: str, items: str) -> str:
    """Order stove fuel from the district scout store for collection."""
    _GAS.append(items)
    return json.dumps({"order": "DSS-1182", "items": items, "collect": "Friday 17:00, "
                       "district store"})


def _script_butane() -> Script:
    return Script({
        "You are quartermaster": [
            say("For cooking I'd stick with the unit's six butane cartridge stoves - they're "
                "light and the Explorers know them. Cold isn't a problem for them: butane "
                "keeps vaporising fine down to about -20 C, so a -8 C night at Glenbrook is "
                "well inside what the canisters handle. We'll need about 24 of the 220 g "
                "canisters for two nights and three breakfasts."),
        ],
        "You are camp_chief": [
            call("order_stove_gas", supplier="district scout store",
                 items="24 x 220 g butane cartridges (for 6 x cartridge stoves)"),
            say("Ordered 24 butane cartridges from the district store (DSS-1182), ready "
                "Friday 17:00. That covers all cooking on the six stoves; I've left the "
                "propane burner and the Trangias at the hut."),
        ],
        "You are group_scout_leader": [
            say("Thanks both - cooking sorted with the butane stoves, kit list approved for "
                "Glenbrook. TERMINATE"),
        ],
    })


def _truth_butane(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="quartermaster",
        decisive=find_llm(run, "butane keeps vaporising fine down to about -20 C",
                          "quartermaster"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="round-robin group chat: quartermaster, camp chief[tool], group scout leader",
        edges=[("quartermaster", "camp_chief"), ("camp_chief", "group_scout_leader")],
        task="Sort out cooking fuel for the Explorer Scouts' winter camp, nights forecast at "
             "-8 C",
        why="quartermaster said butane keeps vaporising down to about -20 C; butane boils at "
            "about -0.5 C and canisters barely work below freezing, so the camp chief's "
            "butane-only order (propane and meths stoves left behind) leaves no working "
            "stoves on -8 C nights, and the leader approved it.",
    )


@batch16("wrong_fact_roundrobin_scout_winter_camp_butane", "openinference", _script_butane,
         _truth_butane)
async def _run_butane() -> None:
    _GAS.clear()
    team = RoundRobinGroupChat(
        [
            agent("quartermaster", "Quartermaster of 5th Ashdown Explorer Scouts",
                  "Say what camping and cooking kit the unit should take."),
            agent("camp_chief", "Runs the Explorer Scouts' camp logistics",
                  "Order what the quartermaster recommends with order_stove_gas.",
                  [order_stove_gas]),
            agent("group_scout_leader", "Leader of the 5th Ashdown group",
                  "Approve the kit list and say TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="winter_camp_planning",
    )
    await team.run(task="Winter camp at Glenbrook campsite, Friday 19 to Sunday 21 February: "
                        "16 Explorers, cooking in patrols. Forecast overnight lows -8 C. "
                        "Decide the cooking stoves and fuel and order it.")
    assert len(_GAS) == 1, _GAS


# b16-2. premature_termination, holdout: autogen-core (OpenInference and native tracing) at a
#        university lab; the lab manager asks the courier clerk (RPC) to ship frozen biopsy
#        samples on dry ice; the courier booking comes back held for a missing dangerous
#        goods declaration and the clerk reports it all done without submitting one
_DG: list[str] = []


def book_courier_collection(consignment: str, destination: str, collect_on: str,
                            dry_ice_kg: float) -> str:
    """Book a temperature-controlled courier collection for a consignment."""
    return json.dumps({
        "booking": "BX-5527803", "status": "HELD",
        "collect_on": collect_on,
        "hold_reason": f"consignment contains {dry_ice_kg} kg UN1845 dry ice: a dangerous "
                       "goods declaration is required before a driver is dispatched",
        "next_step": "submit_dg_declaration for BX-5527803 by 16:00 the day before "
                     "collection, otherwise the booking is cancelled"})


def submit_dg_declaration(booking: str, un_number: str, net_kg: float, shipper: str) -> str:
    """Submit the dangerous goods declaration for a held courier booking."""
    _DG.append(booking)
    return json.dumps({"booking": booking, "status": "CONFIRMED"})


class ShippingLead(LLMAgent):
    @message_handler
    async def on_request(self, message: Note, ctx: MessageContext) -> Note:
        history: list[LLMMessage] = [UserMessage(content=message.text, source=message.sender)]
        ask = await self.think(history)
        history.append(AssistantMessage(content=ask, source=self.name))
        reply = await self.send_message(Note(self.name, ask), AgentId("courier_clerk",
                                                                       "default"))
        history.append(UserMessage(content=reply.text, source="courier_clerk"))
        return Note(self.name, await self.think(history))


def _script_dry_ice() -> Script:
    return Script({
        "You are lab_manager": [
            say("Please book a dry-ice courier for the 18 frozen biopsy aliquots (box TRX-04, "
                "about 6 kg of dry ice) from the Hadley Building goods-in to the Biobank at "
                "St Columba's Hospital, collection Wednesday 10 March morning."),
            say("Thanks - the TRX-04 samples are booked to go to St Columba's Biobank on "
                "Wednesday 10 March (booking BX-5527803). I'll tell Dr Amadi's team it's "
                "sorted."),
        ],
        "You are courier_clerk": [
            call("book_courier_collection", consignment="TRX-04: 18 frozen biopsy aliquots, "
                 "UN3373 Category B", destination="St Columba's Hospital Biobank",
                 collect_on="2027-03-10", dry_ice_kg=6.0),
            say("All done - BX-5527803 is booked for a Wednesday 10 March collection from "
                "Hadley goods-in to St Columba's Biobank, with 6 kg of dry ice. Nothing else "
                "needed from our side."),
        ],
    })


def _truth_dry_ice(run: RecordedRun) -> Truth:
    return Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="courier_clerk",
        decisive=find_llm(run, "Nothing else needed from our side", "courier_clerk"),
        modes=["FM-3.1"], instrumentation="combined",
        topology="autogen-core: lab manager asks courier clerk[2 tools] by RPC",
        edges=[("lab_manager", "courier_clerk"), ("courier_clerk", "lab_manager")],
        task="Book a dry-ice courier for frozen biopsy samples to the hospital biobank",
        why="book_courier_collection came back HELD, needing a dangerous goods declaration "
            "for the dry ice by 16:00 the day before or it is cancelled, yet courier_clerk "
            "said all done and nothing else needed without calling submit_dg_declaration, "
            "and the lab manager reported the shipment sorted.",
    )


@batch16("premature_termination_core_biopsy_dry_ice_courier", "combined", _script_dry_ice,
         _truth_dry_ice)
async def _run_dry_ice() -> None:
    _DG.clear()

    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await ShippingLead.register(rt, "lab_manager", lambda: ShippingLead(
            "Manages the Hadley tissue lab", "Ask courier_clerk to arrange shipments, then "
            "report to the research team."))
        await Specialist.register(rt, "courier_clerk", lambda: Specialist(
            "Books couriers for the Hadley tissue lab", "Book couriers with "
            "book_courier_collection and complete whatever the booking needs, including "
            "submit_dg_declaration for dangerous goods.",
            [book_courier_collection, submit_dg_declaration]))

    await _core(register, Note("dr_amadi", "Can you get box TRX-04 (18 frozen biopsy "
                                           "aliquots, on dry ice) to the St Columba's Biobank "
                                           "on Wednesday 10 March?"),
                AgentId("lab_manager", "default"))
    assert not _DG


# b16-3. ignored_verdict, holdout: swarm (OpenInference and native tracing) at a forest
#        rally; the scrutineer fails a car (roll cage certificate expired, seat belts out of
#        date) and hands over with "not eligible to start"; the start marshal gives it a
#        start slot
_SLOTS: list[str] = []


def scrutineer_vehicle(car_number: str) -> str:
    """Technical scrutineering record for a rally car."""
    return json.dumps({"car": car_number, "result": "FAIL", "items": [
        {"item": "roll cage", "status": "FAIL", "detail": "MSUK logbook cage certificate "
         "expired 2026-12-31"},
        {"item": "harnesses", "status": "FAIL", "detail": "FIA 8853-2016 label dated 2021, "
         "homologation expired"},
        {"item": "fire extinguisher", "status": "pass"}],
        "eligible_to_start": False})


def assign_start_slot(car_number: str, stage: str, time: str) -> str:
    """Give a car its start time on the first stage."""
    _SLOTS.append(car_number)
    return f"Car {car_number} starts {stage} at {time}."


def _script_rally() -> Script:
    return Script({
        "You are entries_secretary": [
            call("transfer_to_scrutineer", "Car 27 (Mk2 Escort, Doyle/Quinn) is here for "
                 "scrutineering before the start list is fixed."),
        ],
        "You are scrutineer": [
            call("scrutineer_vehicle", car_number="27"),
            call("transfer_to_start_marshal", "Car 27 FAILS scrutineering: the roll cage "
                 "certificate expired at the end of 2026 and the harnesses are out of "
                 "homologation. It is not eligible to start until both are put right and "
                 "it's re-presented."),
        ],
        "You are start_marshal": [
            call("assign_start_slot", car_number="27", stage="SS1 Kielder Lakeside",
                 time="09:47"),
            say("Car 27 is on the start list: SS1 Kielder Lakeside at 09:47. TERMINATE"),
        ],
    })


def _truth_rally(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="start_marshal",
        decisive=find_llm(run, "\"time\": \"09:47\"", "start_marshal"),
        modes=["FM-2.5", "FM-3.2"], instrumentation="combined",
        topology="swarm with handoffs: entries secretary > scrutineer[tool] > start "
                 "marshal[tool]",
        edges=[("entries_secretary", "scrutineer"), ("scrutineer", "start_marshal")],
        task="Scrutineer car 27 and put it on the start list for the forest rally",
        why="scrutineer_vehicle and the scrutineer's handoff said car 27 failed (expired cage "
            "certificate and harnesses) and is not eligible to start, yet start_marshal's "
            "first step gave it a 09:47 start slot on SS1.",
    )


@batch16("ignored_verdict_swarm_forest_rally_scrutineering", "combined", _script_rally,
         _truth_rally)
async def _run_rally() -> None:
    _SLOTS.clear()
    team = Swarm(
        [
            agent("entries_secretary", "Entries secretary of the Kielder Forest Stages",
                  "Take competitors through to scrutineer before they are given a start.",
                  handoffs=["scrutineer"]),
            agent("scrutineer", "Chief scrutineer of the Kielder Forest Stages",
                  "Inspect cars with scrutineer_vehicle and hand over to start_marshal with "
                  "the result.", [scrutineer_vehicle], handoffs=["start_marshal"]),
            agent("start_marshal", "Start marshal of the Kielder Forest Stages",
                  "Give start slots with assign_start_slot to cars that passed "
                  "scrutineering; say TERMINATE when done.", [assign_start_slot]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(10),
        name="rally_start_control",
    )
    await team.run(task="Car 27, the Doyle/Quinn Mk2 Escort, has arrived at service. Get it "
                        "scrutineered and on the start list for SS1.")
    assert _SLOTS == ["27"], _SLOTS


# b16-4. ok, holdout: selector group chat (native tracing) for a wildlife trust's camera trap
#        survey; the upload of a trail camera's card fails once with a gateway error, the
#        volunteer retries and it goes through, and the ecologist reports the real counts
_UPLOADS = {"n": 0}


def upload_camera_card(camera: str, card_label: str) -> str:
    """Upload a trail camera's SD card to the trust's image classification service."""
    _UPLOADS["n"] += 1
    if _UPLOADS["n"] == 1:
        raise ConnectionError("classifier upload failed: HTTP 502 Bad Gateway from "
                              "ingest.wildlens; 0 of 1,412 images received")
    return json.dumps({"camera": camera, "images": 1412, "classified": 1412,
                       "species": {"badger": 57, "red fox": 23, "roe deer": 11,
                                   "grey squirrel": 140, "pine marten": 0, "empty/wind": 1181}})


def _script_camera() -> Script:
    return Script({
        "You pick the next speaker in the Whinfell camera trap chat": [
            say("field_volunteer"), say("project_ecologist"),
        ],
        "You are field_volunteer": [
            call("upload_camera_card", camera="CT-09 (north ride)", card_label="CT09-Jan"),
            call("upload_camera_card", camera="CT-09 (north ride)", card_label="CT09-Jan"),
            say("CT-09's card is in: the first upload bounced with a 502 and nothing was "
                "received, the second went through - 1,412 images, all classified. Badger "
                "57, fox 23, roe deer 11, grey squirrel 140, no pine marten, 1,181 empty or "
                "wind triggers."),
        ],
        "You are project_ecologist": [
            say("January results for CT-09 on the north ride: badger 57, red fox 23, roe "
                "deer 11, grey squirrel 140 and no pine marten detections across 1,412 "
                "images (1,181 empty). So still no marten at Whinfell this winter; we keep "
                "CT-09 where it is for February. TERMINATE"),
        ],
    })


def _truth_camera(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="native",
        topology="selector group chat: field volunteer[tool], project ecologist",
        edges=[("field_volunteer", "project_ecologist")],
        task="Upload the CT-09 trail camera card and report January's detections",
        why="the first upload failed with a 502 and received nothing; the volunteer retried, "
            "the second upload classified all 1,412 images, and the ecologist's summary "
            "uses exactly those counts.",
    )


@batch16("ok_selector_camera_trap_upload_retry", "native", _script_camera, _truth_camera)
async def _run_camera() -> None:
    _UPLOADS["n"] = 0
    team = SelectorGroupChat(
        [
            agent("field_volunteer", "Volunteer who collects the trail camera cards",
                  "Upload cards with upload_camera_card and report what the classifier "
                  "found.", [upload_camera_card]),
            agent("project_ecologist", "Ecologist running Whinfell Wood's pine marten "
                  "survey", "Sum up the month's detections and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You pick the next speaker in the Whinfell camera trap chat.\n"
                        "{roles}\n\n{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="camera_trap_survey",
    )
    await team.run(task="CT-09's card from the north ride is back for January. Get it "
                        "uploaded and tell us what it caught - any pine marten?")
    assert _UPLOADS["n"] == 2, _UPLOADS



# ----------------------------------------------------------------------------------------------
# batch 17 (holdout, "batch": 17 in truth.json; record only these with --batch 17)
# ----------------------------------------------------------------------------------------------


def batch17(
    name: str, mode: str, script: Callable[[], Script], truth: Callable[[RecordedRun], Truth]
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    BATCH[name] = 17
    return spec(name, mode, script, truth)


# b17-1. wrong_fact, holdout: selector group chat (OpenInference) for a documentary crew
#        flying to Reykjavik; the kit coordinator says spare camera batteries under 100 Wh
#        may travel in the checked flight cases, the travel coordinator checks them in that
#        way and the line producer signs it off
_CHECKED: list[str] = []


def book_checked_baggage(flight: str, pieces: int, contents: str) -> str:
    """Add checked baggage pieces to the crew's booking and declare their contents."""
    _CHECKED.append(contents)
    return json.dumps({"flight": flight, "pieces_added": pieces, "fee_gbp": 65 * pieces,
                       "declared": contents, "ref": "XB-66Q2T"})


def _script_batteries() -> Script:
    return Script({
        "You pick the next speaker for the Reykjavik shoot": [
            say("kit_coordinator"), say("travel_coordinator"), say("line_producer"),
        ],
        "You are kit_coordinator": [
            say("Kit list for Reykjavik is final: FX6 body, three lenses, the Ronin, two "
                "LED panels and 14 spare V-mount batteries at 98 Wh each. Packing plan: "
                "everything goes in the four Peli flight cases as checked baggage - spare "
                "lithium batteries under 100 Wh are fine in the hold, airlines only restrict "
                "them above 160 Wh, so the 14 V-mounts go in case 4 and nobody has to carry "
                "them through security."),
        ],
        "You are travel_coordinator": [
            call("book_checked_baggage", flight="FI451 LHR-KEF 09:40", pieces=4,
                 contents="camera and lighting kit; case 4: 14 spare V-mount Li-ion "
                          "batteries 98 Wh"),
            say("Four flight cases added as checked baggage on FI451 (ref XB-66Q2T, GBP "
                "260), with the 14 V-mount batteries declared in case 4, as the kit list "
                "says."),
        ],
        "You are line_producer": [
            say("Good - kit and baggage are sorted for Reykjavik, approved. TERMINATE"),
        ],
    })


def _truth_batteries(run: RecordedRun) -> Truth:
    return Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="kit_coordinator",
        decisive=find_llm(run, "spare lithium batteries under 100 Wh are fine in the hold",
                          "kit_coordinator"),
        modes=["FM-3.3"], instrumentation="openinference",
        topology="selector group chat (LLM selector): kit coordinator, travel "
                 "coordinator[tool], line producer",
        edges=[("kit_coordinator", "travel_coordinator"),
               ("travel_coordinator", "line_producer")],
        task="Plan how the crew's camera kit and 14 spare V-mount batteries fly to Reykjavik",
        why="kit_coordinator said spare lithium batteries under 100 Wh may go in checked "
            "baggage; spare lithium batteries are allowed only in cabin baggage, so the "
            "travel coordinator declared 14 spare batteries in a checked flight case on "
            "that claim and the line producer approved it.",
    )


@batch17("wrong_fact_selector_film_crew_spare_batteries_hold", "openinference",
         _script_batteries, _truth_batteries)
async def _run_batteries() -> None:
    _CHECKED.clear()
    team = SelectorGroupChat(
        [
            agent("kit_coordinator", "Camera and lighting kit for Northlight Films",
                  "Decide what kit travels and how it is packed."),
            agent("travel_coordinator", "Flights and baggage for Northlight Films",
                  "Book the baggage the kit plan needs with book_checked_baggage.",
                  [book_checked_baggage]),
            agent("line_producer", "Line producer of the Reykjavik shoot",
                  "Approve the plan and say TERMINATE."),
        ],
        model_client=model(),
        selector_prompt="You pick the next speaker for the Reykjavik shoot.\n{roles}\n\n"
                        "{history}\n\nReply with one of {participants}.",
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="reykjavik_shoot_logistics",
    )
    await team.run(task="Crew of three flies to Reykjavik on FI451 on 3 November for the "
                        "glacier documentary. Work out how the camera kit and the spare "
                        "batteries travel and book the baggage.")
    assert len(_CHECKED) == 1, _CHECKED


# b17-2. upstream_loop, holdout: autogen-core (OpenInference and native tracing) at a wind
#        farm; the maintenance clerk asks the turbine planner which turbine needs its
#        gearbox inspected; the planner names it by its site label "T14" each round where
#        the work order system needs the asset tag, so every work order is refused
_WORK_ORDERS = {"n": 0}


def raise_work_order(asset_tag: str, job: str, date: str) -> str:
    """Raise a maintenance work order in the CMMS for a wind turbine, by asset tag
    (WTG-<site>-<nnn>)."""
    import re

    _WORK_ORDERS["n"] += 1
    if not re.fullmatch(r"WTG-[A-Z]{3}-\d{3}", asset_tag):
        raise ValueError(f"CMMS-4002 unknown asset '{asset_tag}': expected an asset tag like "
                         "WTG-BRN-007; work order not created")
    return f"Raised WO-{asset_tag}-01"


class MaintenanceClerk(LLMAgent):
    @message_handler
    async def on_job(self, message: Note, ctx: MessageContext) -> Note:
        history: list[LLMMessage] = [UserMessage(content=message.text, source=message.sender)]
        ask = ("Which turbine needs the gearbox borescope inspection after yesterday's "
               "vibration alarm, and what should the work order say?")
        for _ in range(3):
            answer = await self.send_message(Note(self.name, ask),
                                             AgentId("turbine_planner", "default"))
            history.append(UserMessage(content=answer.text, source="turbine_planner"))
            report = await self.think(history)
            history.append(AssistantMessage(content=report, source=self.name))
            if report.startswith("Raised"):
                break
            ask = report
        return Note(self.name, report)


class TurbinePlanner(LLMAgent):
    @message_handler
    async def on_question(self, message: Note, ctx: MessageContext) -> Note:
        return Note(self.name, await self.think(
            [UserMessage(content=message.text, source=message.sender)]))


def _script_turbine() -> Script:
    return Script({
        "You are turbine_planner": [
            say("It's T14 on the north string - gearbox high-speed shaft vibration hit 11.2 "
                "mm/s yesterday at 14:05. Work order: borescope inspection of the HSS "
                "bearing, Thursday, rope-access team. Use T14 as the turbine."),
            say("Same turbine: T14, north string, the one that alarmed. Please raise it "
                "against T14."),
            say("I've double-checked the SCADA alarm list - it is definitely T14. Put T14 "
                "on the work order."),
        ],
        "You are maintenance_clerk": [
            call("raise_work_order", asset_tag="T14", job="gearbox HSS bearing borescope "
                 "inspection", date="Thursday"),
            say("The CMMS refused 'T14' (CMMS-4002 unknown asset, expects a tag like "
                "WTG-BRN-007). Which asset is it?"),
            call("raise_work_order", asset_tag="T14", job="gearbox HSS bearing borescope "
                 "inspection", date="Thursday"),
            say("Refused again - CMMS-4002, 'T14' is not an asset tag. I need the WTG tag."),
            call("raise_work_order", asset_tag="T14", job="gearbox HSS bearing borescope "
                 "inspection", date="Thursday"),
            say("Third refusal from the CMMS for 'T14'; no work order exists for the gearbox "
                "inspection. Stopping here."),
        ],
    })


def _truth_turbine(run: RecordedRun) -> Truth:
    return Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="turbine_planner",
        decisive=find_llm(run, "Use T14 as the turbine", "turbine_planner"),
        modes=["FM-1.3", "FM-1.5"], instrumentation="combined",
        topology="autogen-core: maintenance clerk[tool] asks turbine planner (RPC) each "
                 "round, 3 rounds",
        edges=[("maintenance_clerk", "turbine_planner"),
               ("turbine_planner", "maintenance_clerk")],
        task="Raise a work order for the gearbox inspection of the turbine that alarmed",
        why="turbine_planner gave the turbine as its site label 'T14' where the CMMS needs "
            "the WTG asset tag, and repeated 'T14' when asked again, so the maintenance "
            "clerk's raise_work_order was refused in all three rounds and no work order "
            "was created.",
    )


@batch17("upstream_loop_core_wind_turbine_asset_tag", "combined", _script_turbine,
         _truth_turbine)
async def _run_turbine() -> None:
    _WORK_ORDERS["n"] = 0

    async def register(rt: SingleThreadedAgentRuntime) -> None:
        await MaintenanceClerk.register(rt, "maintenance_clerk", lambda: MaintenanceClerk(
            "Raises work orders at Brennan Moor Wind Farm", "Raise work orders with "
            "raise_work_order from what the planner tells you; report the result, starting "
            "with 'Raised' when it worked.", [raise_work_order]))
        await TurbinePlanner.register(rt, "turbine_planner", lambda: TurbinePlanner(
            "Plans turbine maintenance at Brennan Moor", "Say which turbine needs work "
            "and what the job is, from the SCADA alarms."))

    await _core(register, Note("site_manager", "Get yesterday's gearbox vibration alarm "
                                               "inspected this week."),
                AgentId("maintenance_clerk", "default"))
    assert _WORK_ORDERS["n"] == 3, _WORK_ORDERS


# b17-3. ignored_verdict, holdout: round robin (native tracing) at a river canoe hire; the
#        river warden's gauge check says the river is in spate, red, no hire; the hire desk
#        hires out six open canoes to a group anyway
_HIRES: list[str] = []


def river_gauge(station: str) -> str:
    """Latest reading of the Environment Agency river level gauge and the centre's rule."""
    return json.dumps({"station": station, "level_m": 1.94, "trend": "rising 6 cm/h",
                       "reading_at": "07:45", "centre_thresholds_m": {"green": "<0.9",
                       "amber": "0.9-1.4", "red": ">1.4"}, "status": "RED",
                       "rule": "RED: no self-guided hire; guided trips only with two "
                               "instructors, none below Ryton weir"})


def hire_canoes(group: str, boats: int, trip: str) -> str:
    """Hire out open canoes for a self-guided trip."""
    _HIRES.append(group)
    return f"Hire HC-{boats}04 confirmed: {boats} open canoes, {trip}, launch 10:00."


def _script_canoes() -> Script:
    return Script({
        "You are river_warden": [
            call("river_gauge", station="Ryton Bridge"),
            say("Ryton Bridge is at 1.94 m and rising about 6 cm an hour - that's RED. No "
                "self-guided hire today: the river is in spate and the weir is lethal at "
                "this level. The stag group can't go out on their own."),
        ],
        "You are hire_desk": [
            call("hire_canoes", group="Hughes stag party (12)", boats=6,
                 trip="self-guided, Ryton to Stokesley, 14 km"),
            say("Six open canoes hired to the Hughes stag party for the Ryton to Stokesley "
                "run (HC-604), launching at 10:00."),
        ],
        "You are centre_manager": [
            say("Fine, hire logged for the Hughes party. TERMINATE"),
        ],
    })


def _truth_canoes(run: RecordedRun) -> Truth:
    return Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="hire_desk",
        decisive=find_invoke(run, "hire_desk", 0),
        modes=["FM-2.5", "FM-3.2"], instrumentation="native",
        topology="round-robin group chat: river warden[tool], hire desk[tool], centre manager",
        edges=[("river_warden", "hire_desk"), ("hire_desk", "centre_manager")],
        task="Check the river and hire canoes to a stag group for a self-guided trip",
        why="the river warden's gauge check said RED (1.94 m and rising), no self-guided "
            "hire today, yet hire_desk's turn straight after hired six canoes to the group "
            "for a self-guided 14 km trip and the manager logged it.",
    )


@batch17("ignored_verdict_roundrobin_river_canoe_hire_in_spate", "native", _script_canoes,
         _truth_canoes)
async def _run_canoes() -> None:
    _HIRES.clear()
    team = RoundRobinGroupChat(
        [
            agent("river_warden", "Safety warden of Esk Valley Canoe Hire",
                  "Check the river with river_gauge before any hire and say whether it "
                  "can go ahead.", [river_gauge]),
            agent("hire_desk", "Takes hire bookings at Esk Valley Canoe Hire",
                  "Hire canoes with hire_canoes when the warden allows it.", [hire_canoes]),
            agent("centre_manager", "Manager of Esk Valley Canoe Hire",
                  "Sum up the morning's hires and say TERMINATE."),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="canoe_hire_morning",
    )
    await team.run(task="The Hughes stag party (12 people, none with paddling experience) "
                        "wants six open canoes for the self-guided Ryton to Stokesley run "
                        "this morning. Overnight rain was heavy.")
    assert _HIRES == ["Hughes stag party (12)"], _HIRES


# b17-4. ok, holdout: swarm (OpenInference) at a van hire branch; a customer wants to
#        collect a 3.5 t Luton van on a full licence held for 1 year 5 months; the licence
#        checker finds category B covers the van but the insurer's rule (2 years held)
#        fails, and refuses the hire
_RELEASED: list[str] = []


def check_licence_summary(licence_number: str, check_code: str) -> str:
    """The driver's licence record from the licensing agency's share-code check."""
    return json.dumps({"licence": licence_number, "categories": {"B": "valid from "
                       "2026-03-14"}, "penalty_points": 3, "status": "full licence",
                       "held_years": 1.4})


def release_vehicle(booking: str, driver: str) -> str:
    """Release a hire vehicle to a driver."""
    _RELEASED.append(driver)
    return "released"


def _script_van() -> Script:
    return Script({
        "You are hire_counter": [
            call("transfer_to_licence_checker", "Customer collecting booking VH-20877 (3.5 t "
                 "Luton) - needs a licence check first."),
        ],
        "You are licence_checker": [
            call("check_licence_summary", licence_number="OKAFO905128CN9LK",
                 check_code="Gx 7T Lp 2Q"),
            say("I'm sorry, Mr Okafor, we can't release the Luton van to you today. Your "
                "category B entitlement does cover a 3.5 t van, but you've held your full "
                "licence for about 1 year 5 months, and our insurance only covers drivers "
                "who have held a full licence for at least 2 years. That's a firm condition "
                "of cover, so I can't make an exception. Your booking can be cancelled free "
                "of charge, or switched to a named driver who meets the rule if someone can "
                "come in with their licence. TERMINATE"),
        ],
    })


def _truth_van(run: RecordedRun) -> Truth:
    return Truth(
        cls="ok", split="holdout", failed=False, instrumentation="openinference",
        topology="swarm with handoffs: hire counter > licence checker[2 tools]",
        edges=[("hire_counter", "licence_checker")],
        task="Release a booked Luton van to a customer at the counter",
        why="the licence check showed the customer had held a full licence for only 1.4 "
            "years against the insurer's 2-year minimum, so the licence checker rightly "
            "refused the hire, explained why and offered a free cancellation or another "
            "driver.",
    )


@batch17("ok_swarm_van_hire_new_driver_refused", "openinference", _script_van, _truth_van)
async def _run_van() -> None:
    _RELEASED.clear()
    team = Swarm(
        [
            agent("hire_counter", "Counter staff at Roadstead Van Hire, Leeds branch",
                  "Hand every collection to licence_checker before a van is released.",
                  handoffs=["licence_checker"]),
            agent("licence_checker", "Checks drivers against Roadstead's insurance rules",
                  "Check licences with check_licence_summary. Release vehicles with "
                  "release_vehicle only to drivers who meet the insurance rules: full "
                  "licence held 2+ years, 6 points or fewer. Say TERMINATE when done.",
                  [check_licence_summary, release_vehicle]),
        ],
        termination_condition=TextMentionTermination("TERMINATE") | MaxMessageTermination(8),
        name="van_hire_collection",
    )
    await team.run(task="Hi, I'm Chidi Okafor, collecting the Luton van I booked for "
                        "tomorrow's move, booking VH-20877. Here's my licence and the check "
                        "code Gx 7T Lp 2Q.")
    assert not _RELEASED, _RELEASED


# ----------------------------------------------------------------------------------------------


def selected(argv: list[str]) -> list[Spec]:
    """The runs named by ``--only NAME[,NAME]``, ``--batch N`` or plain names (all if none)."""
    names: list[str] = []
    batch: int | None = None
    args = iter(argv)
    for a in args:
        if a == "--only":
            names += [x for x in next(args).split(",") if x]
        elif a == "--batch":
            batch = int(next(args))
        else:
            names.append(a)
    unknown = set(names) - {s.name for s in RUNS}
    if unknown:
        raise SystemExit(f"unknown runs: {', '.join(sorted(unknown))}")
    return [s for s in RUNS if (not names or s.name in names)
            and (batch is None or BATCH.get(s.name, 1) == batch)]


def main(argv: list[str]) -> None:
    for s in selected(argv):
        _NATIVE["on"] = s.mode in ("native", "combined")
        if s.mode in ("openinference", "combined"):
            _OI.instrument(tracer_provider=rec.provider)
        FAKE.script = s.script()
        try:
            with rec.run(s.name, settle=0.5) as run:
                asyncio.run(_closing(s.body))
        finally:
            _NATIVE["on"] = False
            if s.mode in ("openinference", "combined"):
                _OI.uninstrument()
        truth = s.truth(run)
        run.truth(truth)
        if s.name in BATCH:
            path = run.folder / "truth.json"
            data = json.loads(path.read_text())
            data["batch"] = BATCH[s.name]
            path.write_text(json.dumps(data, indent=2) + "\n")
        print(f"{s.name}: {truth.cls} {truth.split} culprit={truth.culprit} "
              f"bodies={len(run.bodies)} spans={len(run.spans())}")


if __name__ == "__main__":
    main(sys.argv[1:])
