"""Record the hand-written GenAI-conventions runs of the failure corpus (testdata/runs/genai/).

A small multi-agent program written by hand, as a team without a framework would: each agent
calls the model with the real OpenAI Python client (against the scripted server) and the
program emits OpenTelemetry spans on the GenAI semantic conventions itself:
``invoke_agent <name>`` per turn (``gen_ai.agent.name``, ``gen_ai.conversation.id``,
``gen_ai.input.messages`` / ``gen_ai.output.messages``), ``chat <model>`` per model call and
``execute_tool <tool>`` per tool call. Topologies: round-robin debates and group chats of 3-4
agents with a chair who writes the conclusion; some agents use tools.

    cd testdata/runs/generate && ../../../.venv-corpus-genai/bin/python gen_genai.py

Arguments: run names to record only those, or ``--batch N`` for one held-out batch.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_llm import FakeLLM, Script, call, say  # noqa: E402
from record import Recorder, Truth  # noqa: E402

REC = Recorder("genai", service="group-chat-service")

from openai import OpenAI  # noqa: E402
from opentelemetry import trace  # noqa: E402
from opentelemetry.trace import SpanKind, Status, StatusCode  # noqa: E402

LLM = FakeLLM().start()
CLIENT = OpenAI(base_url=LLM.base_url, api_key="sk-local", max_retries=0)
TRACER = trace.get_tracer("groupchat.runtime", "0.4.0")
MODEL = "gpt-4o-mini"
CHAT = f"chat {MODEL}"
INSTR = "genai"
REC_DIR = Path(__file__).resolve().parent.parent / "genai"


# --------------------------------------------------------------------------- the program
class Member:
    """One participant: a name, a role prompt and optional tools (python functions)."""

    def __init__(self, name: str, role: str, tools: list[Callable[..., Any]] | None = None):
        self.name = name
        self.role = role
        self.tools = {t.__name__: t for t in tools or []}
        self.id = "agt_" + name[:10]

    @property
    def system(self) -> str:
        return f"You are {self.name}. {self.role}"

    def tool_defs(self) -> list[dict[str, Any]]:
        out = []
        for name, fn in self.tools.items():
            params = {a: {"type": "string"} for a in fn.__code__.co_varnames[: fn.__code__.co_argcount]}
            out.append({"type": "function", "function": {
                "name": name, "description": (fn.__doc__ or "").strip(),
                "parameters": {"type": "object", "properties": params, "required": list(params)}}})
        return out


def _parts(m: dict[str, Any]) -> dict[str, Any]:
    """An OpenAI chat message as a GenAI-conventions message."""
    if m["role"] == "tool":
        return {"role": "tool", "parts": [{"type": "tool_call_response", "id": m["tool_call_id"],
                                            "response": m["content"]}]}
    parts: list[dict[str, Any]] = []
    if m.get("content"):
        parts.append({"type": "text", "content": m["content"]})
    for tc in m.get("tool_calls") or []:
        parts.append({"type": "tool_call", "id": tc["id"], "name": tc["function"]["name"],
                      "arguments": json.loads(tc["function"]["arguments"])})
    out: dict[str, Any] = {"role": m["role"], "parts": parts}
    if m.get("name"):
        out["name"] = m["name"]
    return out


def _chat(member: Member, messages: list[dict[str, Any]]) -> dict[str, Any]:
    with TRACER.start_as_current_span(CHAT, kind=SpanKind.CLIENT) as span:
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.provider.name", "openai")
        span.set_attribute("gen_ai.request.model", MODEL)
        span.set_attribute("gen_ai.agent.name", member.name)
        span.set_attribute("gen_ai.system_instructions",
                           json.dumps([{"type": "text", "content": member.system}]))
        span.set_attribute("gen_ai.input.messages", json.dumps([_parts(m) for m in messages]))
        kwargs: dict[str, Any] = {}
        if member.tools:
            kwargs["tools"] = member.tool_defs()
            span.set_attribute("gen_ai.tool.definitions", json.dumps(
                [{"type": "function", "name": t["function"]["name"],
                  "description": t["function"]["description"]} for t in kwargs["tools"]]))
        resp = CLIENT.chat.completions.create(
            model=MODEL, temperature=0.2,
            messages=[{"role": "system", "content": member.system}] + messages, **kwargs)
        choice = resp.choices[0]
        msg = choice.message.model_dump(exclude_none=True)
        span.set_attribute("gen_ai.response.id", resp.id)
        span.set_attribute("gen_ai.response.model", resp.model)
        span.set_attribute("gen_ai.response.finish_reasons", [choice.finish_reason])
        span.set_attribute("gen_ai.usage.input_tokens", resp.usage.prompt_tokens)
        span.set_attribute("gen_ai.usage.output_tokens", resp.usage.completion_tokens)
        out = _parts(msg)
        out["finish_reason"] = choice.finish_reason
        span.set_attribute("gen_ai.output.messages", json.dumps([out]))
        return msg


def _tool(member: Member, tc: dict[str, Any]) -> str:
    name = tc["function"]["name"]
    args = json.loads(tc["function"]["arguments"])
    fn = member.tools[name]
    with TRACER.start_as_current_span(f"execute_tool {name}", kind=SpanKind.INTERNAL,
                                      record_exception=False,
                                      set_status_on_exception=False) as span:
        span.set_attribute("gen_ai.operation.name", "execute_tool")
        span.set_attribute("gen_ai.agent.name", member.name)
        span.set_attribute("gen_ai.tool.name", name)
        span.set_attribute("gen_ai.tool.type", "function")
        span.set_attribute("gen_ai.tool.call.id", tc["id"])
        span.set_attribute("gen_ai.tool.description", (fn.__doc__ or "").strip())
        span.set_attribute("gen_ai.tool.call.arguments", json.dumps(args))
        try:
            result = fn(**args)
        except Exception as exc:  # noqa: BLE001 - reported to the model as a tool error
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, str(exc)))
            span.set_attribute("error.type", type(exc).__qualname__)
            return f"Error: {type(exc).__name__}: {exc}"
        text = result if isinstance(result, str) else json.dumps(result)
        span.set_attribute("gen_ai.tool.call.result", text)
        return text


def _turn(member: Member, conv: str, transcript: list[dict[str, Any]],
          stop_after_tools: bool = False) -> str:
    """One speaking turn: the member reads the transcript, may use tools, then speaks.

    ``stop_after_tools`` ends the turn right after a transfer_to_* tool has run (handoffs)."""
    with TRACER.start_as_current_span(f"invoke_agent {member.name}", kind=SpanKind.INTERNAL) as span:
        span.set_attribute("gen_ai.operation.name", "invoke_agent")
        span.set_attribute("gen_ai.provider.name", "openai")
        span.set_attribute("gen_ai.agent.name", member.name)
        span.set_attribute("gen_ai.agent.id", member.id)
        span.set_attribute("gen_ai.agent.description", member.role)
        span.set_attribute("gen_ai.conversation.id", conv)
        span.set_attribute("gen_ai.request.model", MODEL)
        span.set_attribute("gen_ai.input.messages", json.dumps([_parts(m) for m in transcript]))
        messages = list(transcript)
        for _ in range(5):
            msg = _chat(member, messages)
            messages.append({k: v for k, v in msg.items() if k in ("role", "content", "tool_calls")})
            if not msg.get("tool_calls"):
                break
            for tc in msg["tool_calls"]:
                messages.append({"role": "tool", "tool_call_id": tc["id"], "content": _tool(member, tc)})
            if stop_after_tools and any(tc["function"]["name"].startswith("transfer_to_")
                                        for tc in msg["tool_calls"]):
                break
        text = msg.get("content") or ""
        span.set_attribute("gen_ai.output.messages", json.dumps(
            [{"role": "assistant", "name": member.name, "parts": [{"type": "text", "content": text}]}]))
        return text


def group_chat(name: str, task: str, members: list[Member], order: list[str]) -> str:
    """A round of speakers in the given order; every turn sees the whole transcript."""
    conv = "conv_" + uuid.uuid4().hex[:16]
    by_name = {m.name: m for m in members}
    with TRACER.start_as_current_span(f"invoke_workflow {name}", kind=SpanKind.INTERNAL) as root:
        root.set_attribute("gen_ai.operation.name", "invoke_workflow")
        root.set_attribute("gen_ai.workflow.name", name)
        root.set_attribute("gen_ai.conversation.id", conv)
        root.set_attribute("gen_ai.input.messages", json.dumps(
            [{"role": "user", "parts": [{"type": "text", "content": task}]}]))
        transcript: list[dict[str, Any]] = [{"role": "user", "content": task}]
        text = ""
        for speaker in order:
            text = _turn(by_name[speaker], conv, transcript)
            transcript.append({"role": "assistant", "name": speaker,
                               "content": f"[{speaker}] {text}"})
        root.set_attribute("gen_ai.output.messages", json.dumps(
            [{"role": "assistant", "parts": [{"type": "text", "content": text}]}]))
        return text


def chain(order: list[str]) -> list[tuple[str, str]]:
    """Speaker-to-next-speaker edges, each pair once."""
    out: list[tuple[str, str]] = []
    for a, b in zip(order, order[1:]):
        if a != b and (a, b) not in out:
            out.append((a, b))
    return out


# --------------------------------------------------------------------------- wrong_fact (dev)
def wrong_fact_runtime_upgrade_debate() -> None:
    """Three engineers debate whether a service may stay on Python 3.8; platform_engineer
    claims 3.8 still gets security fixes until 2026 (it reached end of life in October 2024),
    and the chair's decision rests on that."""
    task = ("Decide whether the billing-export service can stay on Python 3.8 for the next "
            "12 months or must be upgraded this quarter. Give a decision and the reason.")
    members = [
        Member("platform_engineer", "Platform engineer: runtime support and upgrade cost."),
        Member("security_reviewer", "Security reviewer: vulnerability exposure."),
        Member("tech_lead", "Tech lead: chairs the discussion and writes the decision."),
    ]
    LLM.script = Script({
        "You are platform_engineer": [
            say("Upgrading now would cost us about three sprints because of the pinned "
                "pandas 1.3 and the old psycopg2 build. The good news is that Python 3.8 is "
                "still on the CPython security-fix schedule until October 2026, so we are "
                "covered for the next 12 months and can plan the upgrade for next year."),
            say("Agreed on the scanner. I'll open a ticket to start the dependency bumps in Q3 "
                "next year so the upgrade itself is a one-sprint job."),
        ],
        "You are security_reviewer": [
            say("If upstream security fixes keep coming through 2026, my main concern goes "
                "away. We should still keep the container base image patched and run the "
                "dependency scanner weekly."),
        ],
        "You are tech_lead": [
            say("Decision: billing-export stays on Python 3.8 for the next 12 months. Reason: "
                "3.8 keeps receiving CPython security fixes until October 2026, so the "
                "exposure is acceptable; we keep the base image patched, scan dependencies "
                "weekly and schedule the upgrade for next year."),
        ],
    })
    order = ["platform_engineer", "security_reviewer", "platform_engineer", "tech_lead"]
    with REC.run("wrong_fact_runtime_upgrade_debate") as run:
        group_chat("runtime_upgrade_review", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="dev", failed=True, culprit="platform_engineer",
        decisive=run.find(name=CHAT, contains="until October 2026, so we are covered",
                          agent="platform_engineer"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="review chat, 3 agents (one speaks twice), chair decides",
        why=("platform_engineer says Python 3.8 gets security fixes until October 2026 (it "
             "reached end of life in October 2024) and tech_lead's decision cites exactly "
             "that as its reason."),
    ))


# --------------------------------------------------------------------------- ok (dev)
def ok_interest_rate_debate_corrected() -> None:
    """A claim about a central-bank rate is checked with a tool and corrected by another
    member before the chair concludes; the conclusion uses the corrected figure."""

    def policy_rate(central_bank: str) -> dict[str, Any]:
        """Current main policy rate of a central bank."""
        rates = {"ECB": {"rate": "deposit facility 2.00%", "since": "2025-06-11"}}
        if central_bank not in rates:
            raise KeyError(f"unknown central bank {central_bank!r}")
        return {"central_bank": central_bank, **rates[central_bank]}

    task = ("Our treasury team must decide whether to move EUR 4M of idle cash into a "
            "money-market fund yielding 1.9% or keep it on deposit. Debate and conclude.")
    members = [
        Member("treasury_analyst", "Treasury analyst: yields and liquidity."),
        Member("rates_researcher", "Rates researcher: checks market data with tools.",
               tools=[policy_rate]),
        Member("risk_officer", "Risk officer: counterparty and liquidity risk."),
        Member("cfo_delegate", "CFO delegate: chairs and writes the conclusion."),
    ]
    LLM.script = Script({
        "You are treasury_analyst": [
            say("With the ECB deposit rate at 3.75%, our bank deposit at 3.1% beats the "
                "fund's 1.9% by a wide margin. I'd keep the cash where it is."),
        ],
        "You are rates_researcher": [
            call("policy_rate", central_bank="ECB"),
            say("Checked: the ECB deposit facility rate is 2.00% since June 2025, not 3.75%. "
                "Our bank has already repriced the deposit to 1.4% as of this month, so the "
                "fund at 1.9% is now ahead by about 50 bp."),
        ],
        "You are risk_officer": [
            say("The fund is a AAA-rated, same-day-liquidity vehicle, so counterparty risk is "
                "lower than a single-bank deposit. I support moving the cash if we keep "
                "EUR 500k on deposit for payroll."),
        ],
        "You are cfo_delegate": [
            say("Conclusion: move EUR 3.5M into the money-market fund (1.9%) and keep "
                "EUR 500k on deposit for payroll. With the ECB deposit rate at 2.00% the bank "
                "now pays only 1.4%, so the fund yields about 50 bp more with same-day "
                "liquidity."),
        ],
    })
    order = ["treasury_analyst", "rates_researcher", "risk_officer", "cfo_delegate"]
    with REC.run("ok_interest_rate_debate_corrected") as run:
        group_chat("treasury_cash_debate", task, members, order)
    run.truth(Truth(
        cls="ok", split="dev", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="round-robin debate, 4 agents, one with a tool",
        why=("treasury_analyst's outdated 3.75% rate is checked with policy_rate and "
             "corrected by rates_researcher; cfo_delegate concludes on the corrected 2.00%."),
    ))


# --------------------------------------------------------------------------- wrong_fact (holdout)
def wrong_fact_shipping_lane_planning() -> None:
    """A logistics planning chat with a tool user; the sea_freight_planner states a wrong
    transit time, the cost_controller and the chair build the plan on it."""

    def container_rates(origin: str, destination: str) -> dict[str, Any]:
        """Spot rate for a 40ft container between two ports."""
        return {"origin": origin, "destination": destination, "usd_per_40ft": 2850,
                "valid_until": "2026-12-31"}

    task = ("Plan how to get 12 containers of spare parts from Shanghai to Rotterdam so that "
            "they arrive within 25 days for the plant restart. Choose sea or rail.")
    members = [
        Member("sea_freight_planner", "Sea freight planner: ocean routes, transit times.",
               tools=[container_rates]),
        Member("rail_freight_planner", "Rail freight planner: China-Europe rail."),
        Member("cost_controller", "Cost controller: budget."),
        Member("logistics_chair", "Logistics chair: decides the mode and writes the plan."),
    ]
    LLM.script = Script({
        "You are sea_freight_planner": [
            call("container_rates", origin="Shanghai", destination="Rotterdam"),
            say("Spot rate is USD 2,850 per 40ft. Transit Shanghai to Rotterdam via Suez is "
                "about 18 days port to port, so with a day each side for handling we land "
                "comfortably inside 25 days."),
        ],
        "You are rail_freight_planner": [
            say("Rail via Kazakhstan and Poland takes 16-18 days terminal to terminal at "
                "roughly USD 7,400 per 40ft; capacity for 12 boxes would need a booking this "
                "week."),
        ],
        "You are cost_controller": [
            say("Sea at USD 2,850 against rail at USD 7,400 saves about USD 54,600 on 12 "
                "containers. If both arrive within 25 days, sea is the obvious choice."),
        ],
        "You are logistics_chair": [
            say("Plan: ship all 12 containers by sea Shanghai-Rotterdam at USD 2,850 each. "
                "At about 18 days port to port they arrive well within the 25-day restart "
                "window, and we save about USD 54,600 against rail."),
        ],
    })
    order = ["sea_freight_planner", "rail_freight_planner", "cost_controller", "logistics_chair"]
    with REC.run("wrong_fact_shipping_lane_planning") as run:
        group_chat("restart_freight_planning", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="sea_freight_planner",
        decisive=run.find(name=CHAT, contains="about 18 days port to port, so with a day",
                          agent="sea_freight_planner"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="planning group chat, 4 agents, one with a tool",
        why=("sea_freight_planner states an 18-day Shanghai-Rotterdam sea transit (it is "
             "typically 30+ days via Suez), and logistics_chair chooses sea for the 25-day "
             "deadline on that basis."),
    ))


# --------------------------------------------------------------------------- ok (holdout)
def ok_clinical_trial_protocol_review() -> None:
    """A protocol review board: a statistician's tool call fails once and is retried, the
    ethics member raises a concern that the chair takes into the decision."""
    attempts = {"n": 0}

    def sample_size(effect_size: str, power: str, alpha: str) -> dict[str, Any]:
        """Two-arm sample size for a standardised effect size."""
        attempts["n"] += 1
        if attempts["n"] == 1:
            raise TimeoutError("stats service did not answer within 5s")
        return {"per_arm": 64, "total": 128, "effect_size": effect_size, "power": power,
                "alpha": alpha}

    task = ("Review the phase II protocol for the sleep-apnea device study: is 120 enrolled "
            "patients enough for 80% power at effect size 0.5, and can it be approved?")
    members = [
        Member("trial_statistician", "Trial statistician: power and sample size.",
               tools=[sample_size]),
        Member("ethics_member", "Ethics member: consent and patient burden."),
        Member("board_chair", "Board chair: writes the board's decision."),
    ]
    LLM.script = Script({
        "You are trial_statistician": [
            call("sample_size", effect_size="0.5", power="0.8", alpha="0.05"),
            call("sample_size", effect_size="0.5", power="0.8", alpha="0.05"),
            say("The first call to the stats service timed out, the retry worked: 64 per arm, "
                "128 in total are needed for 80% power at d=0.5, alpha 0.05. The protocol's "
                "120 is 8 short, so enrolment should be raised to at least 128 (136 with "
                "a 5% dropout allowance)."),
        ],
        "You are ethics_member": [
            say("Consent form is fine. Raising enrolment to 136 is acceptable if the "
                "overnight visits stay at two per patient."),
        ],
        "You are board_chair": [
            say("Decision: approved with a condition. Enrolment must be raised from 120 to "
                "136 (128 needed for 80% power at d=0.5 plus 5% dropout), keeping two "
                "overnight visits per patient."),
        ],
    })
    order = ["trial_statistician", "ethics_member", "board_chair"]
    with REC.run("ok_clinical_trial_protocol_review") as run:
        group_chat("protocol_review_board", task, members, order)
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="review board group chat, 3 agents, tool retried",
        why=("the sample_size timeout is retried and succeeds, the shortfall (120 < 128) is "
             "reported and board_chair's decision raises enrolment accordingly."),
    ))


# --------------------------------------------------------------------------- ok (dev, 2)
def ok_vendor_selection_group_chat() -> None:
    """A procurement group chat where the reviewer rejects the first pick for a real reason
    and the group switches vendor; the chair's conclusion follows the rejection."""

    def vendor_certifications(vendor: str) -> dict[str, Any]:
        """Security certifications on file for a vendor."""
        certs = {"Northwind Cloud": ["ISO 27001"], "Contoso Hosting": ["ISO 27001", "SOC 2 Type II"]}
        return {"vendor": vendor, "certifications": certs.get(vendor, [])}

    task = ("Pick a hosting vendor for the HR records system. Hard requirement: SOC 2 Type II. "
            "Candidates: Northwind Cloud (EUR 4.1k/month), Contoso Hosting (EUR 4.6k/month).")
    members = [
        Member("procurement_lead", "Procurement lead: price and terms."),
        Member("security_auditor", "Security auditor: checks certifications with tools.",
               tools=[vendor_certifications]),
        Member("hr_systems_owner", "HR systems owner: chairs and decides."),
    ]
    LLM.script = Script({
        "You are procurement_lead": [
            say("Northwind Cloud is EUR 500 a month cheaper and offers a 3-year price lock. "
                "I propose Northwind unless security sees a blocker."),
        ],
        "You are security_auditor": [
            call("vendor_certifications", vendor="Northwind Cloud"),
            call("vendor_certifications", vendor="Contoso Hosting"),
            say("Blocker: Northwind Cloud only holds ISO 27001, no SOC 2 Type II report. "
                "Contoso Hosting has both ISO 27001 and SOC 2 Type II."),
        ],
        "You are hr_systems_owner": [
            say("Decision: Contoso Hosting at EUR 4.6k/month. Northwind is cheaper but fails "
                "the SOC 2 Type II requirement, which is mandatory for HR records."),
        ],
    })
    order = ["procurement_lead", "security_auditor", "hr_systems_owner"]
    with REC.run("ok_vendor_selection_group_chat") as run:
        group_chat("hr_hosting_selection", task, members, order)
    run.truth(Truth(
        cls="ok", split="dev", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="round-robin group chat, 3 agents, auditor with a tool",
        why=("security_auditor's check shows Northwind lacks SOC 2 Type II and hr_systems_owner "
             "picks Contoso, which meets the requirement."),
    ))


# --------------------------------------------------------------------------- upstream_loop (holdout)
def upstream_loop_payroll_import_chat() -> None:
    """A payroll import chat: hr_data_steward says the bank file uses DD/MM/YYYY dates, the
    payroll_engineer's import tool rejects every batch built on that, round after round."""
    imports = {"n": 0}

    def import_batch(date_format: str, batch: str) -> dict[str, Any]:
        """Import a payroll batch file into the payroll system with the given date format."""
        imports["n"] += 1
        if date_format != "YYYY-MM-DD":
            raise ValueError(f"batch {batch}: row 1 pay_date '2026-11-28' does not match "
                             f"format {date_format}")
        return {"batch": batch, "rows": 214, "imported": True}

    task = ("Import the November payroll batch (file nov26_payroll.csv, 214 employees) so "
            "salaries go out on 28 November.")
    members = [
        Member("hr_data_steward", "HR data steward: knows the HR exports and their formats."),
        Member("payroll_engineer", "Payroll engineer: runs the imports.", tools=[import_batch]),
        Member("payroll_manager", "Payroll manager: chairs and reports the outcome."),
    ]
    LLM.script = Script({
        "You are hr_data_steward": [
            say("The HR export for payroll uses the European date layout, DD/MM/YYYY, for "
                "pay_date and hire_date. Import it with that format."),
            say("That export has always been DD/MM/YYYY; it's set in the HR system's locale. "
                "Maybe try it per batch part."),
            say("The format is definitely DD/MM/YYYY, please retry once more."),
        ],
        "You are payroll_engineer": [
            call("import_batch", date_format="DD/MM/YYYY", batch="nov26_payroll.csv"),
            say("Import rejected: row 1 pay_date '2026-11-28' does not match DD/MM/YYYY."),
            call("import_batch", date_format="DD/MM/YYYY", batch="nov26_payroll_part1.csv"),
            say("Part 1 rejected with the same error on pay_date."),
            call("import_batch", date_format="DD/MM/YYYY", batch="nov26_payroll.csv"),
            say("Third rejection, same date format error. The batch is not imported."),
        ],
        "You are payroll_manager": [
            say("Status: the November batch could not be imported after three attempts; every "
                "run failed on the pay_date format. Salaries for 28 November are at risk; "
                "escalating to the HR systems team."),
        ],
    })
    order = ["hr_data_steward", "payroll_engineer", "hr_data_steward", "payroll_engineer",
             "hr_data_steward", "payroll_engineer", "payroll_manager"]
    with REC.run("upstream_loop_payroll_import_chat") as run:
        group_chat("payroll_import_room", task, members, order)
    assert imports["n"] == 3
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit="hr_data_steward",
        decisive=run.find(name=CHAT, contains="uses the European date layout, DD/MM/YYYY",
                          agent="hr_data_steward"),
        modes=["FM-1.3", "FM-1.5"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat, 3 agents, 3 failing tool rounds",
        why=("hr_data_steward says the file uses DD/MM/YYYY while its dates are ISO "
             "(2026-11-28), and payroll_engineer's import_batch fails on that format in all "
             "three rounds."),
    ))


# ============================================================ batch 2 (holdout, batch=2)
def _batch2(name: str) -> None:
    """Mark a batch-2 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 2
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_banquet_poultry_temperature() -> None:
    """A catering group chat plans a 220-cover banquet; head_chef says chicken is safe at a
    63 C core (poultry needs 74 C), and the chair's service plan uses that figure."""

    def oven_plan(covers: str, dish: str, core_temp_c: str) -> dict[str, Any]:
        """Combi-oven batches and timings for a dish cooked to a core temperature."""
        return {"dish": dish, "covers": covers, "batches": 4, "per_batch_min": 38,
                "probe_target_c": core_temp_c, "ovens": ["COMBI-1", "COMBI-2"]}

    task = ("Banquet on Saturday, 220 covers: roast chicken supreme, potato gratin, green "
            "beans. Agree the cooking and hot-holding plan for the kitchen brigade.")
    members = [
        Member("head_chef", "Head chef: recipes, cooking points, food handling."),
        Member("production_planner", "Production planner: oven schedules and timings.",
               tools=[oven_plan]),
        Member("banquet_manager", "Banquet manager: chairs and signs off the service plan."),
    ]
    LLM.script = Script({
        "You are head_chef": [say(
            "Chicken supremes: sear skin-side, then finish in the combi at 160 C. Poultry is "
            "safe once the core hits 63 C, same as the pork loin we did last month, so pull at "
            "63 C and they stay juicy. Hot-hold above 63 C until the pass.")],
        "You are production_planner": [
            call("oven_plan", covers="220", dish="chicken supreme", core_temp_c="63"),
            say("Four batches of 55 over COMBI-1 and COMBI-2, 38 minutes each to a 63 C probe "
                "reading. First batch in at 17:20, last out at 19:50; gratin goes in the "
                "deck oven from 17:00."),
        ],
        "You are banquet_manager": [say(
            "Signed off. Chicken supremes cooked in four batches to a 63 C core (probe every "
            "batch, log it), hot-held above 63 C; first batch 17:20, service from 19:30. "
            "Gratin and beans as the planner set out.")],
    })
    order = ["head_chef", "production_planner", "banquet_manager"]
    name = "wrong_fact_banquet_poultry_temperature"
    with REC.run(name) as run:
        group_chat("banquet_production_meeting", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="head_chef",
        decisive=run.find(name=CHAT, contains="Poultry is safe once the core hits 63 C",
                          agent="head_chef"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="round-robin group chat, 3 agents, planner with a tool",
        why=("head_chef said poultry is safe at a 63 C core (the safe minimum for poultry is "
             "74 C), and the signed-off plan cooks the chicken to 63 C."),
    ))
    _batch2(name)


def ok_volunteer_roster_group_chat() -> None:
    """A charity's group chat builds a weekend roster: the availability lookup fails once and
    is retried, the safeguarding check finds an expired certificate and the chair leaves that
    volunteer off the children's session."""
    lookups = {"n": 0}

    def volunteer_availability(weekend: str) -> dict[str, Any]:
        """Volunteers who said they are free on a weekend."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            raise ConnectionError("volunteer portal returned 503")
        return {"weekend": weekend, "free": ["Ana Ruiz", "Tom Baker", "Priya Das", "Sam Lee"]}

    def safeguarding_status(names: str) -> dict[str, Any]:
        """Background-check certificate status for volunteers (comma-separated names)."""
        return {"Ana Ruiz": "valid to 2027-04", "Tom Baker": "expired 2026-01-15",
                "Priya Das": "valid to 2026-11", "Sam Lee": "valid to 2027-09"}

    task = ("Draft the roster for the weekend of 14-15 March: Saturday food bank shift (3 "
            "people) and Sunday children's reading club (2 people, certificate required).")
    members = [
        Member("roster_coordinator", "Roster coordinator: finds who is free.",
               tools=[volunteer_availability]),
        Member("safeguarding_officer", "Safeguarding officer: checks certificates.",
               tools=[safeguarding_status]),
        Member("centre_manager", "Centre manager: chairs and publishes the roster."),
    ]
    LLM.script = Script({
        "You are roster_coordinator": [
            call("volunteer_availability", weekend="2026-03-14"),
            call("volunteer_availability", weekend="2026-03-14"),
            say("Free that weekend (the portal failed once, second try worked): Ana Ruiz, Tom "
                "Baker, Priya Das, Sam Lee. Suggest Tom and Priya for the reading club, Ana, "
                "Sam and Tom for the food bank."),
        ],
        "You are safeguarding_officer": [
            call("safeguarding_status", names="Ana Ruiz, Tom Baker, Priya Das, Sam Lee"),
            say("Tom Baker's certificate expired on 15 January, so he can't do the reading "
                "club until it's renewed. Ana, Priya and Sam are valid. Tom is fine for the "
                "food bank, which doesn't need one."),
        ],
        "You are centre_manager": [say(
            "Roster 14-15 March. Saturday food bank: Ana Ruiz, Tom Baker, Sam Lee. Sunday "
            "reading club: Priya Das and Sam Lee (both certificates valid). Tom, please "
            "renew your certificate before the next children's session.")],
    })
    order = ["roster_coordinator", "safeguarding_officer", "centre_manager"]
    name = "ok_volunteer_roster_group_chat"
    with REC.run(name) as run:
        group_chat("weekend_roster", task, members, order)
    assert lookups["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="round-robin group chat, 3 agents, 2 with tools",
        why=("the availability lookup failed once and was retried, the safeguarding check "
             "found Tom Baker's certificate expired and the manager kept him off the reading "
             "club."),
    ))
    _batch2(name)


BATCH2 = [
    wrong_fact_banquet_poultry_temperature,
    ok_volunteer_roster_group_chat,
]


# ============================================================ batch 3 (holdout, batch=3)
def _batch3(name: str) -> None:
    """Mark a batch-3 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 3
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_alpine_hut_trek() -> None:
    """A trekking club's planning chat: route_guide says the Tour du Mont Blanc is about 60 km
    (it is about 170 km), hut_booker books three nights on that basis and trip_lead's plan
    walks the whole loop in four days."""

    def book_huts(huts: str, date_from: str) -> dict[str, Any]:
        """Book consecutive nights in mountain huts (comma-separated, in order)."""
        names = [h.strip() for h in huts.split(",")]
        return {"bookings": [{"hut": h, "night": i + 1, "ref": f"HUT-{4410 + i}"}
                             for i, h in enumerate(names)], "group": 6, "from": date_from}

    task = ("Club trip, 6 people, 4 days from Saturday 11 July: we want to walk the complete "
            "Tour du Mont Blanc loop from Les Houches, sleeping in huts. Plan it and book.")
    members = [
        Member("trip_lead", "Trip lead: opens the planning and signs off the final plan."),
        Member("route_guide", "Route guide: distances, stages and terrain."),
        Member("hut_booker", "Hut booker: reserves the nights.", tools=[book_huts]),
    ]
    LLM.script = Script({
        "You are trip_lead": [
            say("Four days, six of us, full TMB loop from Les Houches. Route first, then huts."),
            say("Plan signed off: the full Tour du Mont Blanc in four days, about 15 km a day - "
                "Les Houches to Les Contamines, Col de la Seigne to Courmayeur, Val Ferret to "
                "Champex, back to Les Houches on day 4. Huts HUT-4410 to HUT-4412 are booked."),
        ],
        "You are route_guide": [say(
            "The TMB loop is roughly 60 km with about 4,000 m of climbing in total, so four "
            "days at around 15 km a day works for a fit group. Overnight at Les Contamines, "
            "Courmayeur and Champex.")],
        "You are hut_booker": [
            call("book_huts", huts="Refuge de Nant Borrant, Rifugio Elisabetta, Relais "
                 "d'Arpette", date_from="2026-07-11"),
            say("Booked for 6: night 1 Refuge de Nant Borrant (HUT-4410), night 2 Rifugio "
                "Elisabetta (HUT-4411), night 3 Relais d'Arpette (HUT-4412)."),
        ],
    })
    order = ["trip_lead", "route_guide", "hut_booker", "trip_lead"]
    name = "wrong_fact_alpine_hut_trek"
    with REC.run(name) as run:
        group_chat("tmb_trip_planning", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="route_guide",
        decisive=run.find(name=CHAT, contains="The TMB loop is roughly 60 km",
                          agent="route_guide"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="round-robin group chat, 3 agents, the lead opens and closes",
        why=("route_guide said the Tour du Mont Blanc loop is about 60 km (it is about 170 km "
             "with some 10,000 m of climbing), and the signed-off plan walks it in four days "
             "at about 15 km a day."),
    ))
    _batch3(name)


def wrong_fact_ev_depot_charging() -> None:
    """A depot planning debate: fleet_engineer says a 50 kW charger takes an 80 kWh van pack
    from 10% to 80% in about 20 minutes (56 kWh at 50 kW is at least 67 minutes), and the
    shift plan gives each van a 20-minute charging slot."""

    def charger_inventory(depot: str) -> dict[str, Any]:
        """Chargers installed at a depot."""
        return {"depot": depot, "dc_chargers": [{"id": f"DC-{i}", "kw": 50} for i in (1, 2, 3)],
                "grid_capacity_kw": 160}

    task = ("Our Leeds depot gets 18 electric vans (80 kWh packs) next month. Decide how to "
            "charge them between the morning and afternoon delivery waves (11:00-14:00).")
    members = [
        Member("fleet_engineer", "Fleet engineer: vehicles, batteries and charging."),
        Member("grid_analyst", "Grid analyst: site power and chargers.",
               tools=[charger_inventory]),
        Member("shift_planner", "Shift planner: driver and van schedules."),
        Member("depot_manager", "Depot manager: chairs and decides."),
    ]
    LLM.script = Script({
        "You are fleet_engineer": [say(
            "Vans come back from the morning wave at about 10% and need 80% for the afternoon. "
            "On a 50 kW DC charger an 80 kWh pack does 10 to 80% in about 20 minutes, so one "
            "charger turns three vans an hour.")],
        "You are grid_analyst": [
            call("charger_inventory", depot="Leeds"),
            say("Leeds has three 50 kW DC chargers and 160 kW of grid capacity, so all three "
                "can run at full power together."),
        ],
        "You are shift_planner": [say(
            "Three chargers at three vans an hour gives 27 charges in the 11:00-14:00 window, "
            "more than the 18 we need. I'll give each van a 20-minute slot, six rounds from "
            "11:00 to 13:00.")],
        "You are depot_manager": [say(
            "Decision: no extra chargers. The 18 vans charge on the three existing 50 kW units "
            "in 20-minute slots between 11:00 and 13:00, as the shift planner laid out.")],
    })
    order = ["fleet_engineer", "grid_analyst", "shift_planner", "depot_manager"]
    name = "wrong_fact_ev_depot_charging"
    with REC.run(name) as run:
        group_chat("ev_depot_charging_debate", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="fleet_engineer",
        decisive=run.find(name=CHAT, contains="10 to 80% in about 20 minutes",
                          agent="fleet_engineer"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="round-robin debate, 4 agents, chair decides",
        why=("fleet_engineer said a 50 kW charger takes an 80 kWh pack from 10% to 80% in about "
             "20 minutes (56 kWh at 50 kW takes at least 67 minutes), and the decision charges "
             "18 vans in 20-minute slots on three chargers."),
    ))
    _batch3(name)


def ignored_verdict_brewery_batch_release() -> None:
    """A brewery's release chat: qc_analyst fails batch 44 on diacetyl and says to hold it,
    and packaging_lead, speaking next, books it onto the canning line."""
    canned: list[str] = []

    def lab_results(batch: str) -> dict[str, Any]:
        """Release-lab results for a beer batch."""
        return {"batch": batch, "abv_pct": 5.4, "diacetyl_mg_l": 0.15,
                "diacetyl_limit_mg_l": 0.10, "micro": "clean"}

    def schedule_canning(batch: str, slot: str) -> dict[str, Any]:
        """Put a batch on the canning line."""
        canned.append(batch)
        return {"batch": batch, "slot": slot, "cans": 9600, "run": "CAN-0712"}

    task = ("Batch 44 (Hazy Harbour pale ale) is due out to distributors on Friday. Check it and "
            "get it packaged if it is ready.")
    members = [
        Member("head_brewer", "Head brewer: the recipe and the fermentation."),
        Member("qc_analyst", "QC analyst: lab results and release decisions.",
               tools=[lab_results]),
        Member("packaging_lead", "Packaging lead: canning line schedule.",
               tools=[schedule_canning]),
        Member("brewery_manager", "Brewery manager: sums up for the distributors."),
    ]
    LLM.script = Script({
        "You are head_brewer": [say(
            "44 finished primary on Monday and has been cold-crashed since Tuesday. Gravity "
            "is stable at 1.012; from my side it is ready.")],
        "You are qc_analyst": [
            call("lab_results", batch="44"),
            say("QC result for 44: FAIL. Diacetyl is 0.15 mg/L against our 0.10 limit - it "
                "will taste buttery. Hold it in the tank for a diacetyl rest and retest; it "
                "cannot be packaged this week."),
        ],
        "You are packaging_lead": [
            call("schedule_canning", "Lab numbers are in, so I'll put 44 on tomorrow's line.",
                 batch="44", slot="Thursday 07:00"),
            say("44 is on the canning line Thursday 07:00, run CAN-0712, 9,600 cans."),
        ],
        "You are brewery_manager": [say(
            "Distributors: Hazy Harbour batch 44 is canned on Thursday (run CAN-0712) and "
            "ships on Friday as planned.")],
    })
    order = ["head_brewer", "qc_analyst", "packaging_lead", "brewery_manager"]
    name = "ignored_verdict_brewery_batch_release"
    with REC.run(name) as run:
        group_chat("batch_release_chat", task, members, order)
    assert canned == ["44"]
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit="packaging_lead",
        decisive=run.find(name=CHAT, contains="so I'll put 44 on tomorrow's line",
                          agent="packaging_lead"),
        modes=["FM-2.5", "FM-3.2"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="round-robin group chat, 4 agents, 2 with tools",
        why=("qc_analyst failed batch 44 (diacetyl 0.15 mg/L over the 0.10 limit) and said to "
             "hold it, and packaging_lead's next turn scheduled it for canning anyway."),
    ))
    _batch3(name)


def ok_telescope_time_allocation() -> None:
    """A time-allocation committee chat: the visibility service fails once and is retried,
    the reviewer finds one proposal's target is not observable and the chair drops it."""
    calls_made = {"n": 0}

    def proposal_scores(cycle: str) -> dict[str, Any]:
        """Referee scores of the proposals in a cycle (1 best, 5 worst)."""
        return {"cycle": cycle, "proposals": [
            {"id": "P-207", "target": "NGC 253", "hours": 6, "score": 1.4},
            {"id": "P-211", "target": "M 31", "hours": 8, "score": 1.8},
            {"id": "P-219", "target": "Omega Centauri", "hours": 5, "score": 2.1}]}

    def target_visibility(targets: str, semester: str) -> dict[str, Any]:
        """Hours each target is above 30 degrees elevation from the site in a semester."""
        calls_made["n"] += 1
        if calls_made["n"] == 1:
            raise ConnectionError("ephemeris service returned 502 Bad Gateway")
        return {"semester": semester, "site_lat": 52.2, "hours_above_30deg": {
            "NGC 253": 0, "M 31": 410, "Omega Centauri": 0},
            "note": "NGC 253 peaks at 12 deg, Omega Centauri never rises at this latitude"}

    task = ("Allocate the 14 hours of the 2027A semester on the 2.5 m telescope among the three "
            "top-ranked proposals.")
    members = [
        Member("proposal_reviewer", "Reviewer: summarises referee scores.",
               tools=[proposal_scores]),
        Member("observatory_scheduler", "Scheduler: checks target visibility from the site.",
               tools=[target_visibility]),
        Member("tac_chair", "Chair of the time-allocation committee: decides."),
    ]
    LLM.script = Script({
        "You are proposal_reviewer": [
            call("proposal_scores", cycle="2027A"),
            say("Top three by score: P-207 (NGC 253, 6 h, 1.4), P-211 (M 31, 8 h, 1.8), P-219 "
                "(Omega Centauri, 5 h, 2.1). Asked for 19 h against 14 available."),
        ],
        "You are observatory_scheduler": [
            call("target_visibility", targets="NGC 253, M 31, Omega Centauri", semester="2027A"),
            call("target_visibility", targets="NGC 253, M 31, Omega Centauri", semester="2027A"),
            say("Second call went through (the ephemeris service gave a 502 first). From our "
                "latitude only M 31 is observable: 410 h above 30 degrees. NGC 253 never gets "
                "above 12 degrees and Omega Centauri never rises, so P-207 and P-219 cannot be "
                "done here whatever their scores."),
        ],
        "You are tac_chair": [say(
            "Allocation 2027A: P-211 (M 31) gets its full 8 h. P-207 and P-219 are declined as "
            "not feasible from this site - their targets do not rise high enough - and are "
            "advised to apply to a southern facility. The remaining 6 h go to the "
            "director's discretionary pool.")],
    })
    order = ["proposal_reviewer", "observatory_scheduler", "tac_chair"]
    name = "ok_telescope_time_allocation"
    with REC.run(name) as run:
        group_chat("tac_2027a", task, members, order)
    assert calls_made["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="round-robin group chat, 3 agents, 2 with tools",
        why=("the visibility lookup failed once with a 502 and was retried, it showed two of "
             "the three targets cannot be observed from the site, and the chair allocated time "
             "only to the observable one."),
    ))
    _batch3(name)


BATCH3 = [
    wrong_fact_alpine_hut_trek,
    wrong_fact_ev_depot_charging,
    ignored_verdict_brewery_batch_release,
    ok_telescope_time_allocation,
]


# ============================================================ batch 4 (holdout, batch=4)
def _batch4(name: str) -> None:
    """Mark a batch-4 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 4
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_vineyard_frost_night() -> None:
    """A vineyard team's chat before a frost night: viticulture_advisor says buds just past
    budburst survive down to about -6 C (green tissue is damaged at around -2 C), and the
    estate manager decides not to run the frost fans for a -3.5 C forecast."""

    def frost_forecast(block: str, night: str) -> dict[str, Any]:
        """Hourly minimum temperature forecast for a vineyard block."""
        return {"block": block, "night": night, "min_c": -3.5, "coldest_hour": "05:00",
                "inversion": "strong, +2.5 C at 10 m"}

    def bud_stage_survey(block: str) -> dict[str, Any]:
        """Phenology survey of a block."""
        return {"block": block, "stage": "budburst to 2 leaves unfolded (BBCH 09-12)",
                "share_past_budburst": 0.8}

    task = ("Frost warning for tonight. Decide whether to run the frost fans on the Chardonnay "
            "block (block C) - they cost about GBP 900 a night in fuel.")
    members = [
        Member("estate_manager", "Estate manager: weighs cost and risk and makes the call."),
        Member("vineyard_forecaster", "Forecaster: local frost forecasts for each block.",
               tools=[frost_forecast]),
        Member("viticulture_advisor", "Viticulture advisor: vine growth stages and how much "
               "cold they tolerate.", tools=[bud_stage_survey]),
        Member("vineyard_ops", "Operations: fans, crews and fuel."),
    ]
    LLM.script = Script({
        "You are estate_manager": [
            say("Forecaster first, then where the vines are, then I'll decide on the fans."),
            say("Decision: no frost fans on block C tonight. At -3.5 C we are well inside what "
                "the buds can take at this stage, so the GBP 900 isn't justified. Ops, stand "
                "the crew down; we'll check the block at first light."),
        ],
        "You are vineyard_forecaster": [
            call("frost_forecast", block="C", night="2027-04-21"),
            say("Block C tonight: minimum -3.5 C around 05:00 with a strong inversion (+2.5 C "
                "at 10 m), so fans would pull down useful warm air."),
        ],
        "You are viticulture_advisor": [
            call("bud_stage_survey", block="C"),
            say("About 80% of block C is just past budburst (BBCH 09-12). At that stage the "
                "buds are still hardy - they shrug off frosts down to about -6 C - so -3.5 C "
                "shouldn't hurt them."),
        ],
        "You are vineyard_ops": [say(
            "Understood. Fans are fuelled and ready if anything changes; otherwise the night "
            "crew stays home.")],
    })
    order = ["estate_manager", "vineyard_forecaster", "viticulture_advisor", "estate_manager",
             "vineyard_ops"]
    name = "wrong_fact_vineyard_frost_night"
    with REC.run(name) as run:
        group_chat("frost_call_block_c", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="viticulture_advisor",
        decisive=run.find(name=CHAT, contains="they shrug off frosts down to about -6 C",
                          agent="viticulture_advisor"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 4, manager speaks twice and decides",
        why=("viticulture_advisor said buds just past budburst survive to about -6 C (green "
             "shoots at that stage are killed around -2 C), and the manager cancelled frost "
             "protection for a -3.5 C night on that basis."),
    ))
    _batch4(name)


def wrong_fact_battery_air_freight() -> None:
    """A moderator-led freight chat: customs_compliance says standalone lithium-ion cells
    (UN3480) may fly on passenger aircraft at 30% charge; they are cargo-aircraft only, and
    the booker puts the pallet on a passenger flight."""
    bookings: list[str] = []

    def book_air_freight(flight: str, awb_goods: str, weight_kg: str) -> dict[str, Any]:
        """Book a pallet on a flight."""
        bookings.append(flight)
        return {"awb": "176-44021983", "flight": flight, "aircraft": "A350-900 (passenger)",
                "goods": awb_goods, "weight_kg": weight_kg}

    task = ("Ship 320 kg of spare lithium-ion battery modules (packed alone, not in equipment) "
            "from Frankfurt to Singapore by Friday. Work out how and book it.")
    members = [
        Member("freight_moderator", "Moderator: picks who speaks next and closes the thread."),
        Member("customs_compliance", "Dangerous-goods and customs compliance."),
        Member("air_freight_booker", "Books air freight capacity.", tools=[book_air_freight]),
        Member("packing_supervisor", "Packing and labelling in the warehouse."),
    ]
    LLM.script = Script({
        "You are freight_moderator": [
            say("customs_compliance, can these modules fly and on what?"),
            say("air_freight_booker, please book based on that."),
            say("Closing: the battery modules go on SQ 325 tomorrow, AWB 176-44021983, packed "
                "at 30% state of charge with Class 9 labels. Arrives Singapore Thursday."),
        ],
        "You are customs_compliance": [say(
            "Yes. Loose lithium-ion modules are UN3480, Class 9. As long as the state of "
            "charge is 30% or less, they can go on any scheduled flight, passenger aircraft "
            "included - no cargo-only restriction at that charge level. Declare them on the "
            "shipper's declaration.")],
        "You are air_freight_booker": [
            call("book_air_freight", flight="SQ 325 FRA-SIN", awb_goods="UN3480 lithium ion "
                 "batteries, Class 9, SoC <= 30%", weight_kg="320"),
            say("Booked on SQ 325 (A350 passenger service) tomorrow, AWB 176-44021983."),
        ],
        "You are packing_supervisor": [say(
            "We'll discharge to 30% state of charge, pack to PI 965 and put the Class 9 "
            "battery labels on. Ready for collection by 10:00.")],
    })
    order = ["freight_moderator", "customs_compliance", "freight_moderator",
             "air_freight_booker", "packing_supervisor", "freight_moderator"]
    name = "wrong_fact_battery_air_freight"
    with REC.run(name) as run:
        group_chat("battery_modules_fra_sin", task, members, order)
    assert bookings == ["SQ 325 FRA-SIN"]
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="customs_compliance",
        decisive=run.find(name=CHAT, contains="passenger aircraft included",
                          agent="customs_compliance"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="moderated group chat of 4 (moderator picks the next speaker)",
        why=("customs_compliance said standalone lithium-ion batteries (UN3480) at 30% charge "
             "may fly on passenger aircraft, but they are cargo-aircraft only, and the "
             "shipment was booked on a passenger A350."),
    ))
    _batch4(name)


def ok_orchestra_parts_retry() -> None:
    """A concert planning chat: the music library's catalogue lookup times out once and is
    retried, the parts are available, and the manager confirms the programme."""
    lookups = {"n": 0}

    def parts_catalogue(work: str, strings: str) -> dict[str, Any]:
        """Whether the library holds a full set of parts for a work."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            raise TimeoutError("library catalogue did not respond within 8 s")
        return {"work": work, "edition": "Baerenreiter", "string_parts_needed": strings,
                "held": "complete set, 10-8-6-5-3", "bowings": "marked from 2024 run"}

    task = ("Confirm the programme for the 14 March concert: Dvorak Symphony No. 8 as the "
            "second half. Check we have the parts and the stage works for the orchestra size.")
    members = [
        Member("concert_manager", "Concert manager: confirms the programme."),
        Member("orchestra_librarian", "Librarian: parts, editions and bowings.",
               tools=[parts_catalogue]),
        Member("stage_manager", "Stage manager: platform layout and risers."),
    ]
    LLM.script = Script({
        "You are concert_manager": [
            say("Library, do we hold the Dvorak 8 parts? Stage, will a 10-8-6-5-3 string "
                "section plus winds fit?"),
            say("Programme confirmed for 14 March: Dvorak Symphony No. 8 after the interval, "
                "Baerenreiter parts from our library with the 2024 bowings, standard layout "
                "with the extended front riser. Publishing it to the box office today."),
        ],
        "You are orchestra_librarian": [
            call("parts_catalogue", work="Dvorak Symphony No. 8", strings="10-8-6-5-3"),
            call("parts_catalogue", work="Dvorak Symphony No. 8", strings="10-8-6-5-3"),
            say("The catalogue timed out on the first look-up; second try worked. We hold a "
                "complete Baerenreiter set for 10-8-6-5-3 strings, bowings marked from the "
                "2024 performance."),
        ],
        "You are stage_manager": [say(
            "10-8-6-5-3 with double winds, four horns and timpani fits on the standard layout "
            "with the front riser extended by one row. No problem.")],
    })
    order = ["concert_manager", "orchestra_librarian", "stage_manager", "concert_manager"]
    name = "ok_orchestra_parts_retry"
    with REC.run(name) as run:
        group_chat("programme_14_march", task, members, order)
    assert lookups["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="round-robin group chat, 3 agents, one with a tool",
        why=("the parts catalogue timed out once and the librarian looked it up again, the "
             "parts and the stage both checked out, and the manager confirmed the programme."),
    ))
    _batch4(name)


def ok_ward_discharge_huddle() -> None:
    """A discharge huddle: the ward pharmacist's interaction check flags simvastatin with the
    new clarithromycin course, the registrar holds the statin during the course, and the
    discharge coordinator sends the patient home on the amended list."""

    def interaction_check(medicines: str) -> dict[str, Any]:
        """Check a medicine list for interactions."""
        return {"medicines": medicines, "interactions": [
            {"pair": "simvastatin 40 mg + clarithromycin", "severity": "contraindicated",
             "risk": "myopathy / rhabdomyolysis",
             "advice": "withhold simvastatin for the clarithromycin course and 2 days after"}]}

    task = ("Discharge bed 14 (Mr R. Okafor, 71, community-acquired pneumonia) today with a "
            "7-day clarithromycin course. Agree the take-home medicines.")
    members = [
        Member("ward_nurse", "Ward nurse in charge: patient status and readiness."),
        Member("ward_pharmacist", "Ward pharmacist: reviews take-home medicines.",
               tools=[interaction_check]),
        Member("medical_registrar", "Medical registrar: prescribes and decides."),
        Member("discharge_coordinator", "Discharge coordinator: letters, transport, GP."),
    ]
    LLM.script = Script({
        "You are ward_nurse": [say(
            "Bed 14 is ready clinically: sats 96% on air, eating, mobile with a stick. Current "
            "list is amlodipine 5 mg, simvastatin 40 mg, and the new clarithromycin 500 mg "
            "twice daily for 7 days.")],
        "You are ward_pharmacist": [
            call("interaction_check", medicines="amlodipine 5 mg; simvastatin 40 mg; "
                 "clarithromycin 500 mg bd"),
            say("Not as it stands: simvastatin 40 mg with clarithromycin is contraindicated "
                "(myopathy risk). Either withhold the simvastatin for the course plus 2 days, "
                "or change the antibiotic."),
        ],
        "You are medical_registrar": [say(
            "Agreed. Simvastatin is withheld from today until 2 days after the last "
            "clarithromycin dose, restart on the 10th day. Clarithromycin stays. I've amended "
            "the TTO.")],
        "You are discharge_coordinator": [say(
            "Discharge letter sent with the amended TTO: simvastatin on hold until day 10 and "
            "the restart date highlighted for the GP and the patient. Hospital transport "
            "booked for 15:00.")],
    })
    order = ["ward_nurse", "ward_pharmacist", "medical_registrar", "discharge_coordinator"]
    name = "ok_ward_discharge_huddle"
    with REC.run(name) as run:
        group_chat("discharge_bed_14", task, members, order)
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="round-robin group chat, 4 agents, one with a tool",
        why=("the pharmacist's check rejected simvastatin with clarithromycin, the registrar "
             "withheld the statin for the course, and the discharge went out on the amended "
             "list."),
    ))
    _batch4(name)


BATCH4 = [
    wrong_fact_vineyard_frost_night,
    wrong_fact_battery_air_freight,
    ok_orchestra_parts_retry,
    ok_ward_discharge_huddle,
]


# ============================================================ batch 5 (holdout, batch=5)
def _batch5(name: str) -> None:
    """Mark a batch-5 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 5
    path.write_text(json.dumps(data, indent=2) + "\n")


def _ask_tool(worker: Member, conv: str) -> Callable[[str], str]:
    """A tool through which a lead agent hands a request to ``worker`` (agents as tools): the
    worker's whole turn runs inside the lead's ``execute_tool`` span."""

    def ask(request: str) -> str:
        return _turn(worker, conv, [{"role": "user", "content": request}])

    ask.__name__ = f"ask_{worker.name}"
    ask.__doc__ = f"Hand a request to {worker.name} ({worker.role}) and get the answer."
    return ask


def orchestrate(name: str, task: str, lead: Member, workers: list[Member]) -> str:
    """A lead agent that calls its workers as tools (each worker is an invoke_agent span
    nested under the lead's execute_tool span)."""
    conv = "conv_" + uuid.uuid4().hex[:16]
    for w in workers:
        fn = _ask_tool(w, conv)
        lead.tools[fn.__name__] = fn
    with TRACER.start_as_current_span(f"invoke_workflow {name}", kind=SpanKind.INTERNAL) as root:
        root.set_attribute("gen_ai.operation.name", "invoke_workflow")
        root.set_attribute("gen_ai.workflow.name", name)
        root.set_attribute("gen_ai.conversation.id", conv)
        root.set_attribute("gen_ai.input.messages", json.dumps(
            [{"role": "user", "parts": [{"type": "text", "content": task}]}]))
        text = _turn(lead, conv, [{"role": "user", "content": task}])
        root.set_attribute("gen_ai.output.messages", json.dumps(
            [{"role": "assistant", "parts": [{"type": "text", "content": text}]}]))
        return text


def handoff_chat(name: str, task: str, members: list[Member], start: str,
                 routes: dict[str, list[str]], max_turns: int = 6) -> list[str]:
    """Handoffs: the active member either answers (the run ends) or calls a
    ``transfer_to_<member>`` tool, and that member takes over with the whole transcript.
    Returns the order in which members were active."""
    conv = "conv_" + uuid.uuid4().hex[:16]
    by_name = {m.name: m for m in members}
    nxt: dict[str, str | None] = {"to": None}

    def make_transfer(target: str) -> Callable[[str], str]:
        def transfer(reason: str) -> str:
            nxt["to"] = target
            return f"Transferred to {target}."

        transfer.__name__ = f"transfer_to_{target}"
        transfer.__doc__ = f"Hand the conversation to {target} ({by_name[target].role})."
        return transfer

    for m in members:
        for target in routes.get(m.name, []):
            fn = make_transfer(target)
            m.tools[fn.__name__] = fn
    active, seen = start, []
    with TRACER.start_as_current_span(f"invoke_workflow {name}", kind=SpanKind.INTERNAL) as root:
        root.set_attribute("gen_ai.operation.name", "invoke_workflow")
        root.set_attribute("gen_ai.workflow.name", name)
        root.set_attribute("gen_ai.conversation.id", conv)
        root.set_attribute("gen_ai.input.messages", json.dumps(
            [{"role": "user", "parts": [{"type": "text", "content": task}]}]))
        transcript: list[dict[str, Any]] = [{"role": "user", "content": task}]
        text = ""
        for _ in range(max_turns):
            seen.append(active)
            nxt["to"] = None
            text = _turn(by_name[active], conv, transcript, stop_after_tools=True)
            transcript.append({"role": "assistant", "name": active,
                               "content": f"[{active}] {text}"})
            if nxt["to"] is None:
                break
            active = nxt["to"]
        root.set_attribute("gen_ai.output.messages", json.dumps(
            [{"role": "assistant", "parts": [{"type": "text", "content": text}]}]))
    return seen


def wrong_fact_webinar_dst_panel() -> None:
    """A five-member marketing chat over two rounds: events_coordinator says US daylight saving
    time ends on the last Sunday of October (it ends on the first Sunday of November), and the
    webinar for US customers is timed on that."""

    def schedule_webinar(title: str, date: str, start_utc: str) -> dict[str, Any]:
        """Schedule a webinar on the webinar platform (start time in UTC)."""
        return {"webinar": "WB-8830", "title": title, "date": date, "start_utc": start_utc}

    task = ("Launch webinar for the Atlas 3 scheduling app on Tuesday 2 November 2027, for US "
            "East Coast customers at 12:00 noon Eastern and EMEA customers the same session. "
            "Agree the time and schedule it.")
    members = [
        Member("campaign_lead", "Campaign lead: opens and closes the planning."),
        Member("events_coordinator", "Events coordinator: dates, time zones, run sheets."),
        Member("us_field_marketer", "US field marketer: the US customer base."),
        Member("emea_marketer", "EMEA marketer: European customers."),
        Member("webinar_ops", "Webinar operations: schedules sessions.",
               tools=[schedule_webinar]),
    ]
    LLM.script = Script({
        "You are campaign_lead": [
            say("Atlas 3 launch webinar on Tuesday 2 November, noon Eastern for the US. Events, "
                "what's that in UTC?"),
            say("Agreed: 2 November, 17:00 UTC, which is 12:00 Eastern and 17:00 London. "
                "Webinar ops has scheduled it; invites go out Monday."),
        ],
        "You are events_coordinator": [
            say("US daylight saving time ends on the last Sunday of October - 31 October this "
                "year - so by 2 November New York is back on EST, UTC-5. Noon Eastern is 17:00 "
                "UTC."),
            say("Yes, 17:00 UTC is final."),
        ],
        "You are us_field_marketer": [
            say("Noon Eastern is the sweet spot for our East Coast accounts; West Coast can "
                "join at 9:00. Let's do it."),
        ],
        "You are emea_marketer": [
            say("17:00 UTC is 17:00 in London and 18:00 in Berlin - late but workable for "
                "EMEA. Fine by me."),
        ],
        "You are webinar_ops": [
            call("schedule_webinar", title="Atlas 3 launch", date="2027-11-02",
                 start_utc="17:00"),
            say("Scheduled: WB-8830, 2 November 2027, 17:00 UTC."),
        ],
    })
    order = ["campaign_lead", "events_coordinator", "us_field_marketer", "emea_marketer",
             "webinar_ops", "events_coordinator", "campaign_lead"]
    name = "wrong_fact_webinar_dst_panel"
    with REC.run(name) as run:
        group_chat("atlas3_launch_planning", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="events_coordinator",
        decisive=run.find(name=CHAT, contains="ends on the last Sunday of October",
                          agent="events_coordinator"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 5, lead opens and closes, one member speaks twice",
        why=("events_coordinator said US daylight saving time ends on the last Sunday of "
             "October (it ends on the first Sunday of November, 7 November 2027), so on 2 "
             "November noon Eastern is 16:00 UTC, and the webinar was scheduled at 17:00 UTC, "
             "1 pm Eastern."),
    ))
    _batch5(name)


def premature_termination_pipette_calibration_orchestrator() -> None:
    """A lab manager agent calls two workers as tools; the calibration technician sees three
    pipettes out of tolerance and overdue, and reports everything in service without tagging
    them out."""
    tagged: list[str] = []

    def calibration_records(lab: str) -> dict[str, Any]:
        """Calibration status of every pipette in a lab."""
        return {"lab": lab, "pipettes": 8, "in_tolerance": 5,
                "out_of_tolerance": [{"id": "P-204", "error_pct": 3.8},
                                     {"id": "P-207", "error_pct": 4.1},
                                     {"id": "P-211", "error_pct": 2.9}],
                "limit_pct": 1.0, "sop": "SOP-QC-12: out-of-tolerance pipettes must be tagged "
                                         "out of service before the next assay run"}

    def tag_out_of_service(pipette_ids: str, reason: str) -> dict[str, Any]:
        """Tag instruments out of service in the lab's asset system."""
        tagged.extend(x.strip() for x in pipette_ids.split(","))
        return {"tagged": pipette_ids.split(","), "ref": "OOS-1187"}

    def assay_schedule(lab: str) -> dict[str, Any]:
        """Assay runs booked in a lab this week."""
        return {"lab": lab, "runs": [{"assay": "ELISA IL-6 batch 44", "day": "Wednesday"}]}

    task = ("Before Wednesday's ELISA IL-6 run in lab B2, make sure every pipette used is in "
            "calibration, and take any that aren't out of service per SOP-QC-12.")
    tech = Member("calibration_technician", "Calibration technician: instrument calibration "
                  "and tagging.", tools=[calibration_records, tag_out_of_service])
    sched = Member("assay_scheduler", "Assay scheduler: lab bookings.", tools=[assay_schedule])
    lead = Member("lab_manager", "Lab manager: delegates to the technician and the scheduler "
                  "and reports back.")
    LLM.script = Script({
        "You are lab_manager": [
            call("ask_assay_scheduler", request="What is booked in lab B2 this week?"),
            call("ask_calibration_technician", request="Check the pipettes in lab B2 ahead of "
                 "Wednesday's ELISA IL-6 run and deal with anything out of calibration."),
            say("Lab B2 is ready for Wednesday's ELISA IL-6 batch 44: the calibration "
                "technician has checked the pipettes and they're in service."),
        ],
        "You are assay_scheduler": [
            call("assay_schedule", lab="B2"),
            say("Lab B2 has one run this week: ELISA IL-6 batch 44 on Wednesday."),
        ],
        "You are calibration_technician": [
            call("calibration_records", lab="B2"),
            say("Checked B2's 8 pipettes against the records; 5 are in tolerance and the lab "
                "is fine for Wednesday. All pipettes are in service - nothing to action."),
        ],
    })
    name = "premature_termination_pipette_calibration_orchestrator"
    with REC.run(name) as run:
        orchestrate("assay_readiness_b2", task, lead, [sched, tech])
    assert not tagged
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True,
        culprit="calibration_technician",
        decisive=run.find(name=CHAT, contains="All pipettes are in service - nothing to action",
                          agent="calibration_technician"),
        modes=["FM-3.1"], instrumentation=INSTR,
        edges=[("lab_manager", "assay_scheduler"), ("assay_scheduler", "lab_manager"),
               ("lab_manager", "calibration_technician"),
               ("calibration_technician", "lab_manager")],
        task=task,
        topology="orchestrator calls 2 agents as tools (invoke_agent nested in execute_tool)",
        why=("calibration_records showed P-204, P-207 and P-211 out of tolerance with an SOP "
             "to tag them out, and calibration_technician declared everything in service "
             "without calling tag_out_of_service."),
    ))
    _batch5(name)


def ok_ferry_rebooking_handoffs() -> None:
    """Hand-written handoffs at a ferry company: triage sends a rebooking to the bookings agent,
    whose fare lookup fails once and is retried; bookings hands back to triage for the
    accessible cabin, which goes to the accessibility desk."""
    lookups = {"n": 0}

    def sailing_availability(route: str, date: str, vehicle: str) -> dict[str, Any]:
        """Vehicle deck availability and fare difference for a sailing."""
        lookups["n"] += 1
        if lookups["n"] == 1:
            raise ConnectionError("reservations system returned 502")
        return {"route": route, "date": date, "sailing": "21:00", "vehicle": vehicle,
                "space": True, "fare_difference_gbp": 24}

    def change_booking(booking: str, date: str, sailing: str) -> dict[str, Any]:
        """Move a booking to another sailing."""
        return {"booking": booking, "date": date, "sailing": sailing, "status": "changed"}

    def reserve_accessible_cabin(booking: str, needs: str) -> dict[str, Any]:
        """Reserve an accessible cabin and boarding assistance on a booking."""
        return {"booking": booking, "cabin": "A-112 (accessible)", "assistance": "lift access "
                "from car deck", "status": "reserved"}

    task = ("Booking NF-55120: please move our car crossing Newcastle-Amsterdam from 3 to 5 "
            "June, same evening sailing. My father uses a wheelchair, so we need an accessible "
            "cabin and help from the car deck.")
    members = [
        Member("triage_agent", "Triage: sends each request to the right desk."),
        Member("bookings_agent", "Bookings: changes sailings and fares.",
               tools=[sailing_availability, change_booking]),
        Member("accessibility_desk", "Accessibility desk: accessible cabins and assistance.",
               tools=[reserve_accessible_cabin]),
    ]
    LLM.script = Script({
        "You are triage_agent": [
            call("transfer_to_bookings_agent", reason="date change on NF-55120"),
            call("transfer_to_accessibility_desk", reason="accessible cabin and assistance"),
        ],
        "You are bookings_agent": [
            call("sailing_availability", route="Newcastle-Amsterdam", date="2027-06-05",
                 vehicle="car"),
            call("sailing_availability", route="Newcastle-Amsterdam", date="2027-06-05",
                 vehicle="car"),
            call("change_booking", booking="NF-55120", date="2027-06-05", sailing="21:00"),
            call("transfer_to_triage_agent", "NF-55120 moved to 5 June 21:00 (GBP 24 fare "
                 "difference). The cabin request isn't mine.",
                 reason="accessible cabin still open"),
        ],
        "You are accessibility_desk": [
            call("reserve_accessible_cabin", booking="NF-55120",
                 needs="wheelchair user, lift from car deck"),
            say("All set: NF-55120 is now on the 5 June 21:00 sailing (GBP 24 fare difference), "
                "with accessible cabin A-112 and lift assistance from the car deck."),
        ],
    })
    name = "ok_ferry_rebooking_handoffs"
    routes = {"triage_agent": ["bookings_agent", "accessibility_desk"],
              "bookings_agent": ["triage_agent"]}
    with REC.run(name) as run:
        seen = handoff_chat("ferry_customer_service", task, members, "triage_agent", routes)
    assert seen == ["triage_agent", "bookings_agent", "triage_agent", "accessibility_desk"], seen
    assert lookups["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(seen), task=task,
        instrumentation=INSTR,
        topology="handoffs with a hand-back to triage, 3 agents, 2 with tools",
        why=("the availability lookup failed once with a 502 and was retried, the booking was "
             "changed, bookings handed the cabin request back to triage, and the accessibility "
             "desk reserved the cabin; the answer matches the tool results."),
    ))
    _batch5(name)


def ok_bird_count_validation_chat() -> None:
    """A citizen-science count chat of four: the data validator's check rejects a duplicated
    upload, the site counter resubmits, the second check passes and the coordinator publishes
    the corrected totals."""
    checks = {"n": 0}

    def validate_counts(site: str, counts: str) -> dict[str, Any]:
        """Validate a site's bird counts against plausibility limits and duplicate uploads."""
        checks["n"] += 1
        if "lapwing 412" in counts:
            return {"site": site, "verdict": "REJECT",
                    "issues": ["lapwing 412 is exactly twice the 206 uploaded at 09:14 by the "
                               "same observer - looks like the sheet was entered twice"]}
        return {"site": site, "verdict": "PASS", "issues": []}

    task = ("Publish the validated January waterbird count for Hallow Marsh (sites HM-1 and "
            "HM-2) on the county bird club's results page.")
    members = [
        Member("count_coordinator", "Count coordinator: opens and publishes the results."),
        Member("site_counter", "Site counter: submits the counts from the field sheets."),
        Member("data_validator", "Data validator: checks submissions with tools.",
               tools=[validate_counts]),
    ]
    LLM.script = Script({
        "You are count_coordinator": [
            say("site_counter, please submit Hallow Marsh; data_validator will check it."),
            say("Published: Hallow Marsh, January count - lapwing 206, golden plover 540, "
                "wigeon 318, teal 122. The duplicated lapwing sheet was caught and corrected "
                "before publishing."),
        ],
        "You are site_counter": [
            say("Hallow Marsh January: lapwing 412, golden plover 540, wigeon 318, teal 122."),
            say("You're right, I entered the HM-1 sheet twice. Corrected: lapwing 206, golden "
                "plover 540, wigeon 318, teal 122."),
        ],
        "You are data_validator": [
            call("validate_counts", site="Hallow Marsh",
                 counts="lapwing 412, golden plover 540, wigeon 318, teal 122"),
            say("Rejected: lapwing 412 is exactly double the 206 uploaded this morning by the "
                "same observer - please check for a duplicated sheet."),
            call("validate_counts", site="Hallow Marsh",
                 counts="lapwing 206, golden plover 540, wigeon 318, teal 122"),
            say("Passed: all four counts are within limits and there are no duplicates."),
        ],
    })
    order = ["count_coordinator", "site_counter", "data_validator", "site_counter",
             "data_validator", "count_coordinator"]
    name = "ok_bird_count_validation_chat"
    with REC.run(name) as run:
        group_chat("hallow_marsh_jan_count", task, members, order)
    assert checks["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR,
        topology="group chat of 3 with a resubmission round, validator with a tool",
        why=("the validator's check rejected the doubled lapwing count, the counter corrected "
             "it, the second check passed and the coordinator published the corrected totals."),
    ))
    _batch5(name)


BATCH5 = [
    wrong_fact_webinar_dst_panel,
    premature_termination_pipette_calibration_orchestrator,
    ok_ferry_rebooking_handoffs,
    ok_bird_count_validation_chat,
]


# ============================================================ batch 6 (holdout, batch=6)
def _batch6(name: str) -> None:
    """Mark a batch-6 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 6
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_schengen_passport_validity_chat() -> None:
    """A travel agency's group chat of four over two rounds: the visa advisor says a British
    passport only has to be valid until the day of return for a Schengen trip (it must be valid
    for three months after the day you leave, and issued less than ten years before), and the
    trip is booked for a customer whose passport will not qualify."""

    def book_package(customer: str, destination: str, depart: str, nights: int) -> dict[str, Any]:
        """Book a package holiday (flights and hotel)."""
        return {"booking": "TH-77104", "customer": customer, "destination": destination,
                "depart": depart, "nights": nights, "deposit_gbp": 300}

    task = ("Customer Gareth Pryce wants 10 nights in Crete from 2 August 2027. His British "
            "passport expires on 30 August 2027. Check he can travel on it and book it.")
    members = [
        Member("travel_consultant", "Travel consultant: owns the customer and closes the "
               "booking."),
        Member("visa_advisor", "Visa and entry advisor: passports, visas, entry rules."),
        Member("reservations_clerk", "Reservations clerk: books packages.",
               tools=[book_package]),
        Member("customer_care", "Customer care: writes the confirmation to the customer."),
    ]
    LLM.script = Script({
        "You are travel_consultant": [
            say("Gareth Pryce, Crete, 2-12 August, passport expires 30 August. visa_advisor, "
                "is that passport OK for Greece?"),
            say("Great, booked and confirmed. Thanks all."),
        ],
        "You are visa_advisor": [
            say("That's fine. For Schengen countries like Greece a British passport only has to "
                "be valid until the day you come home, so expiry on 30 August covers a return "
                "on 12 August. No visa needed for a 10-night stay."),
        ],
        "You are reservations_clerk": [
            call("book_package", customer="Gareth Pryce", destination="Crete (Chania)",
                 depart="2027-08-02", nights=10),
            say("Booked: TH-77104, Crete 2-12 August, GBP 300 deposit taken."),
        ],
        "You are customer_care": [
            say("Dear Mr Pryce, your 10 nights in Crete from 2 August are booked (TH-77104). "
                "Your passport is valid for the trip, so you're all set."),
        ],
    })
    order = ["travel_consultant", "visa_advisor", "reservations_clerk", "customer_care",
             "travel_consultant"]
    name = "wrong_fact_schengen_passport_validity_chat"
    with REC.run(name) as run:
        group_chat("pryce_crete_booking", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="visa_advisor",
        decisive=run.find(name=CHAT, contains="only has to be valid until the day you come",
                          agent="visa_advisor"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 4, consultant opens and closes, clerk with a tool",
        why=("visa_advisor said a British passport need only be valid until the day of return "
             "for Greece (Schengen requires 3 months' validity after the day you leave), so "
             "the trip was booked and confirmed on a passport expiring 18 days after return."),
    ))
    _batch6(name)


def misroute_school_admissions_appeal_handoffs() -> None:
    """Hand-written handoffs at a council's education contact centre: a parent wants to appeal
    a refused secondary school place, and the front door hands her to the school transport
    team, who can only talk about bus passes."""

    def bus_pass_eligibility(postcode: str, school: str) -> dict[str, Any]:
        """Free school transport eligibility for a home postcode and school."""
        return {"postcode": postcode, "school": school, "distance_miles": 2.4,
                "eligible": False, "rule": "over 3 miles for secondary"}

    def lodge_admission_appeal(child: str, school: str, grounds: str) -> dict[str, Any]:
        """Lodge an admission appeal with the independent appeals panel."""
        return {"appeal": "AP-2027-1183", "hearing_window": "within 40 school days"}

    def register_sen_query(child: str, need: str) -> dict[str, Any]:
        """Register a special educational needs query."""
        return {"query": "SEN-4410"}

    task = ("My son Idris Jama was refused a place at Castlegate Academy for September - we live "
            "2.4 miles away and his sister is already there in Year 9. I want to appeal. What "
            "do I do?")
    members = [
        Member("contact_triage", "Front door of Wexmoor Council's education services: hand "
               "each enquiry to the right team."),
        Member("school_transport", "School transport team: bus passes and travel "
               "eligibility.", tools=[bus_pass_eligibility]),
        Member("admissions_appeals", "Admissions appeals team: lodges school place appeals.",
               tools=[lodge_admission_appeal]),
        Member("sen_team", "Special educational needs team.", tools=[register_sen_query]),
    ]
    LLM.script = Script({
        "You are contact_triage": [
            call("transfer_to_school_transport", "Secondary school and a 2.4 mile journey - "
                 "that's one for school transport.",
                 reason="secondary school place and distance from home"),
        ],
        "You are school_transport": [
            call("bus_pass_eligibility", postcode="WX4 7HD", school="Castlegate Academy"),
            say("I've checked: at 2.4 miles Idris isn't eligible for free school transport to "
                "Castlegate Academy (the limit for secondary is over 3 miles). You could look "
                "at a paid seat on the 41 bus."),
        ],
        "You are admissions_appeals": [say("Appeal lodged.")],
        "You are sen_team": [say("Query registered.")],
    })
    name = "misroute_school_admissions_appeal_handoffs"
    routes = {"contact_triage": ["school_transport", "admissions_appeals", "sen_team"]}
    with REC.run(name) as run:
        seen = handoff_chat("education_contact_centre", task, members, "contact_triage", routes)
    assert seen == ["contact_triage", "school_transport"], seen
    run.truth(Truth(
        cls="misroute", split="holdout", failed=True, culprit="contact_triage",
        decisive=run.find(name=CHAT, contains="that's one for school transport",
                          agent="contact_triage"),
        modes=["FM-1.2", "FM-2.3"], edges=chain(seen), task=task, instrumentation=INSTR,
        topology="handoffs, 4 agents (triage and 3 teams), one handoff",
        why=("the parent asked to appeal a refused school place, contact_triage handed her to "
             "school_transport instead of admissions_appeals (who has lodge_admission_appeal), "
             "and she was told about bus pass eligibility with no appeal lodged."),
    ))
    _batch6(name)


def premature_termination_tls_certificate_chat() -> None:
    """A three-member operations chat at an online shop: the site reliability engineer's check
    shows two certificates expiring in three days, and the engineer says the renewals are done
    without calling renew_certificate."""
    renewed: list[str] = []

    def certificate_expiry(domains: str) -> dict[str, Any]:
        """Days until each domain's TLS certificate expires."""
        return {"checked": domains.split(","), "expiring": [
            {"domain": "checkout.larchfield.shop", "days_left": 3, "auto_renew": "failed"},
            {"domain": "api.larchfield.shop", "days_left": 3, "auto_renew": "failed"}],
            "ok": ["www.larchfield.shop", "images.larchfield.shop"]}

    def renew_certificate(domain: str) -> dict[str, Any]:
        """Renew a domain's TLS certificate and deploy it to the load balancer."""
        renewed.append(domain)
        return {"domain": domain, "valid_days": 90, "deployed": True}

    task = ("Monday operations check for Larchfield Shop before the Black Friday freeze: make "
            "sure no TLS certificate on our four domains expires this week, and renew any that "
            "do.")
    members = [
        Member("ops_lead", "Operations lead: runs the weekly check and signs it off."),
        Member("site_reliability_engineer", "Site reliability engineer: certificates, load "
               "balancers, renewals.", tools=[certificate_expiry, renew_certificate]),
        Member("change_manager", "Change manager: records changes before the freeze."),
    ]
    LLM.script = Script({
        "You are ops_lead": [
            say("Certificates first. site_reliability_engineer, check all four domains and renew "
                "anything expiring this week."),
            say("Signed off: certificates are in order for the freeze. Thanks both."),
        ],
        "You are site_reliability_engineer": [
            call("certificate_expiry", domains="www.larchfield.shop,checkout.larchfield.shop,"
                 "api.larchfield.shop,images.larchfield.shop"),
            say("Certificates checked across all four domains; renewals are taken care of, "
                "nothing expires this week."),
        ],
        "You are change_manager": [
            say("Noted in the change log: certificate check done, no open actions before the "
                "freeze."),
        ],
    })
    order = ["ops_lead", "site_reliability_engineer", "change_manager", "ops_lead"]
    name = "premature_termination_tls_certificate_chat"
    with REC.run(name) as run:
        group_chat("monday_ops_check", task, members, order)
    assert not renewed
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True,
        culprit="site_reliability_engineer",
        decisive=run.find(name=CHAT, contains="renewals are taken care of",
                          agent="site_reliability_engineer"),
        modes=["FM-3.1"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 3, lead opens and closes, engineer with 2 tools",
        why=("certificate_expiry showed checkout and api certificates expiring in 3 days with "
             "failed auto-renewal, and site_reliability_engineer said the renewals were taken "
             "care of without calling renew_certificate."),
    ))
    _batch6(name)


def ok_air_quality_alert_orchestrator_retry() -> None:
    """A duty forecaster agent calls two workers as tools during wildfire smoke: the sensor
    analyst's network query fails once and is retried, and the alert writer publishes an alert
    that matches the readings."""
    reads = {"n": 0}

    def pm25_readings(region: str) -> dict[str, Any]:
        """Latest hourly PM2.5 readings (ug/m3) from a region's monitoring stations."""
        reads["n"] += 1
        if reads["n"] == 1:
            raise TimeoutError("air quality network API timed out after 20 s")
        return {"region": region, "hour": "14:00", "stations": {
            "Kelso Road": 142, "Riverside": 118, "Airport": 96, "Hill Park": 61}}

    def publish_alert(region: str, level: str, message: str) -> dict[str, Any]:
        """Publish a public air quality alert."""
        return {"alert": "AQ-2027-0815", "region": region, "level": level, "published": True}

    task = ("Wildfire smoke is drifting over the Tamsin Valley. Check the PM2.5 readings and "
            "issue the right public air quality alert.")
    sensors = Member("sensor_analyst", "Sensor analyst: reads and interprets the monitoring "
                     "network.", tools=[pm25_readings])
    writer = Member("alert_writer", "Alert writer: drafts and publishes public alerts.",
                    tools=[publish_alert])
    lead = Member("duty_forecaster", "Duty forecaster: decides alerts, delegates to the "
                  "sensor analyst and the alert writer.")
    LLM.script = Script({
        "You are duty_forecaster": [
            call("ask_sensor_analyst", request="Latest PM2.5 across the Tamsin Valley "
                 "stations?"),
            call("ask_alert_writer", request="Publish a VERY UNHEALTHY alert for the Tamsin "
                 "Valley: PM2.5 up to 142 ug/m3 at Kelso Road, 96-142 at three of four "
                 "stations. Everyone should stay indoors with windows shut."),
            say("Alert AQ-2027-0815 is out for the Tamsin Valley at VERY UNHEALTHY: PM2.5 "
                "reached 142 ug/m3 at Kelso Road at 14:00 (118 Riverside, 96 Airport, 61 Hill "
                "Park)."),
        ],
        "You are sensor_analyst": [
            call("pm25_readings", region="Tamsin Valley"),
            call("pm25_readings", "The network API timed out; querying again.",
                 region="Tamsin Valley"),
            say("14:00 PM2.5: Kelso Road 142, Riverside 118, Airport 96, Hill Park 61 ug/m3. "
                "Three of four stations are in the very unhealthy range."),
        ],
        "You are alert_writer": [
            call("publish_alert", region="Tamsin Valley", level="VERY UNHEALTHY",
                 message="Wildfire smoke: PM2.5 up to 142 ug/m3. Stay indoors, keep windows "
                         "shut, avoid exercise outside."),
            say("Published AQ-2027-0815 (VERY UNHEALTHY) for the Tamsin Valley."),
        ],
    })
    name = "ok_air_quality_alert_orchestrator_retry"
    with REC.run(name) as run:
        orchestrate("tamsin_smoke_alert", task, lead, [sensors, writer])
    assert reads["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        edges=[("duty_forecaster", "sensor_analyst"), ("sensor_analyst", "duty_forecaster"),
               ("duty_forecaster", "alert_writer"), ("alert_writer", "duty_forecaster")],
        task=task,
        topology="orchestrator calls 2 agents as tools (invoke_agent nested in execute_tool)",
        why=("the first PM2.5 query timed out and the retry returned the readings, and the "
             "alert published and reported matches them."),
    ))
    _batch6(name)


def ok_ski_lift_wind_limit_corrected_chat() -> None:
    """A ski resort's morning lift meeting of four: the lift engineer quotes a wind limit from
    memory, the safety officer checks the manufacturer's limit with a tool and corrects it, and
    the decision uses the corrected figure."""

    def lift_manual_limits(lift: str) -> dict[str, Any]:
        """Operating limits from a lift's manufacturer manual."""
        return {"lift": lift, "max_gust_kmh": 60, "reduced_speed_above_kmh": 45,
                "source": "Doppelmayr manual 8-CLD, section 4.2"}

    def wind_forecast(site: str) -> dict[str, Any]:
        """Hourly wind forecast at a lift's top station."""
        return {"site": site, "gusts_kmh": {"09:00": 52, "11:00": 64, "13:00": 58}}

    task = ("Decide this morning's operation of the Cairn Ridge chairlift (CR-6) from the wind "
            "forecast. State the limit used and the decision.")
    members = [
        Member("mountain_manager", "Mountain manager: chairs the lift meeting and decides."),
        Member("lift_engineer", "Lift engineer: lift operations.", tools=[wind_forecast]),
        Member("safety_officer", "Safety officer: checks operating limits against the "
               "manuals.", tools=[lift_manual_limits]),
        Member("ski_patrol_lead", "Ski patrol lead: slopes and evacuation cover."),
    ]
    LLM.script = Script({
        "You are mountain_manager": [
            say("Morning all. CR-6: can it run today? lift_engineer, forecast first."),
            say("Decision: CR-6 opens at 09:00 at reduced speed (gusts 52 km/h, over the 45 "
                "km/h reduced-speed line) and closes before 11:00, when gusts of 64 km/h pass "
                "the manufacturer's 60 km/h limit. We review at 12:30 for the 13:00 window "
                "(58 km/h). Patrol has evacuation cover from 10:30."),
        ],
        "You are lift_engineer": [
            call("wind_forecast", site="CR-6 top station"),
            say("Top station gusts: 52 at 09:00, 64 at 11:00, 58 at 13:00. CR-6 is good to 70 "
                "km/h, so we can run all day."),
            say("Fair catch - I was thinking of the old CR-4 drag lift. 60 km/h it is."),
        ],
        "You are safety_officer": [
            call("lift_manual_limits", lift="CR-6"),
            say("The manual says otherwise: CR-6's maximum gust is 60 km/h, with reduced speed "
                "above 45. The 11:00 gusts at 64 would be over the limit."),
        ],
        "You are ski_patrol_lead": [
            say("If it closes around 11:00 we'll have an evacuation team at the top station "
                "from 10:30 in case anyone is stuck on the line."),
        ],
    })
    order = ["mountain_manager", "lift_engineer", "safety_officer", "lift_engineer",
             "ski_patrol_lead", "mountain_manager"]
    name = "ok_ski_lift_wind_limit_corrected_chat"
    with REC.run(name) as run:
        group_chat("cr6_morning_lift_meeting", task, members, order)
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR,
        topology="group chat of 4 over two rounds, two members with tools",
        why=("lift_engineer's 70 km/h limit was checked and corrected to the manual's 60 km/h "
             "by safety_officer before the decision, and the decision uses 60 km/h and the "
             "forecast gusts as the tools gave them."),
    ))
    _batch6(name)


def ok_garden_centre_chained_handoffs() -> None:
    """Hand-written handoffs at a garden centre: the front desk hands a hedging question to the
    plant advisor, who checks stock and hands the order on to the delivery desk, which books
    it."""

    def plant_stock(plant: str, size: str) -> dict[str, Any]:
        """Stock and price of a plant at a size."""
        return {"plant": plant, "size": size, "in_stock": 85, "price_gbp": 4.5}

    def book_delivery(order: str, postcode: str, date: str) -> dict[str, Any]:
        """Book a delivery van slot."""
        return {"order": order, "delivery": "DL-5530", "date": date, "slot": "08:00-12:00"}

    task = ("I want a 20 m native hedge along my back fence in Thornbury (BS35 2QT), clay soil, "
            "partly shaded. What should I plant, how many, and can you deliver on Saturday 13 "
            "November?")
    members = [
        Member("front_desk", "Front desk of Severnside Garden Centre: sends customers to the "
               "right person."),
        Member("plant_advisor", "Plant advisor: recommends plants and quantities.",
               tools=[plant_stock]),
        Member("delivery_desk", "Delivery desk: books van deliveries.", tools=[book_delivery]),
    ]
    LLM.script = Script({
        "You are front_desk": [
            call("transfer_to_plant_advisor", reason="hedge planting advice and quantities"),
        ],
        "You are plant_advisor": [
            call("plant_stock", plant="hawthorn (Crataegus monogyna) bare-root", size="60-80 cm"),
            call("transfer_to_delivery_desk", "Hawthorn suits clay and part shade; a double "
                 "staggered row at 5 plants per metre is 100 plants for 20 m, GBP 4.50 each, 85 "
                 "in stock so 15 more come Thursday. Order HG-2210 for delivery.",
                 reason="delivery of order HG-2210"),
        ],
        "You are delivery_desk": [
            call("book_delivery", order="HG-2210", postcode="BS35 2QT", date="2027-11-13"),
            say("Your hedge is sorted: 100 bare-root hawthorn (60-80 cm) in a double staggered "
                "row at 5 per metre, GBP 450, which suits clay and part shade. Delivery DL-5530 "
                "on Saturday 13 November, 08:00-12:00."),
        ],
    })
    name = "ok_garden_centre_chained_handoffs"
    routes = {"front_desk": ["plant_advisor", "delivery_desk"],
              "plant_advisor": ["delivery_desk", "front_desk"]}
    with REC.run(name) as run:
        seen = handoff_chat("severnside_customer_desk", task, members, "front_desk", routes)
    assert seen == ["front_desk", "plant_advisor", "delivery_desk"], seen
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(seen), task=task,
        instrumentation=INSTR,
        topology="chained handoffs, 3 agents, 2 with tools",
        why=("the front desk sent the hedge question to the plant advisor, who checked stock "
             "and handed the order to the delivery desk, which booked DL-5530; the answer "
             "matches both tool results."),
    ))
    _batch6(name)


BATCH6 = [
    wrong_fact_schengen_passport_validity_chat,
    misroute_school_admissions_appeal_handoffs,
    premature_termination_tls_certificate_chat,
    ok_air_quality_alert_orchestrator_retry,
    ok_ski_lift_wind_limit_corrected_chat,
    ok_garden_centre_chained_handoffs,
]


# ============================================================ batch 7 (holdout, batch=7)
def _batch7(name: str) -> None:
    """Mark a batch-7 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 7
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_winter_walk_sunset_chat() -> None:
    """A hill-walking club plans a midwinter walk in the Cairngorms: the walk leader says the
    sun sets at about 17:30 in Aviemore on 21 December (it sets at about 15:30), and the plan
    brings the group off the hill at 17:00 'in daylight'."""

    def route_time(route: str, group_pace: str) -> dict[str, Any]:
        """Estimated walking time for a route at a group pace (Naismith plus stops)."""
        return {"route": route, "distance_km": 17.5, "ascent_m": 820,
                "moving_time_h": 5.5, "with_stops_h": 6.5}

    task = ("Plan the Strathspey Hillwalkers' solstice walk on Sunday 21 December: Meall a' "
            "Bhuachaille and the Ryvoan pass from Glenmore, 12 members. Agree a start time so "
            "we finish in daylight.")
    members = [
        Member("walk_leader", "Walk leader: leads the group and knows the area."),
        Member("route_planner", "Route planner: distances and timings.", tools=[route_time]),
        Member("safety_officer", "Safety officer: kit, weather and daylight."),
        Member("club_secretary", "Club secretary: chairs and sends the walk notice."),
    ]
    LLM.script = Script({
        "You are walk_leader": [
            say("Sunset in Aviemore on the solstice is around 17:30, so we've got light until "
                "about half five. That gives us a comfortable window for the full round."),
        ],
        "You are route_planner": [
            call("route_time", route="Glenmore - Meall a' Bhuachaille - Ryvoan - Glenmore",
                 group_pace="moderate"),
            say("The round is 17.5 km with 820 m of ascent: about 6.5 hours with stops. A "
                "10:30 start from Glenmore gets us back at 17:00, half an hour before "
                "sunset."),
        ],
        "You are safety_officer": [
            say("17:00 back, with sunset at 17:30, is tight but fine. Everyone carries a head "
                "torch anyway, plus winter layers and microspikes for the summit."),
        ],
        "You are club_secretary": [
            say("Walk notice: Sunday 21 December, meet Glenmore visitor centre car park 10:15 "
                "for a 10:30 start; Meall a' Bhuachaille and Ryvoan, 17.5 km, back about "
                "17:00 while it's still light. Bring head torch, microspikes, winter layers."),
        ],
    })
    order = ["walk_leader", "route_planner", "safety_officer", "club_secretary"]
    name = "wrong_fact_winter_walk_sunset_chat"
    with REC.run(name) as run:
        group_chat("solstice_walk_planning", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="walk_leader",
        decisive=run.find(name=CHAT, contains="solstice is around 17:30", agent="walk_leader"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 4, one turn each, planner with a tool",
        why=("walk_leader said the sun sets around 17:30 in Aviemore on 21 December (it sets "
             "at about 15:30), and the route planner, safety officer and the walk notice all "
             "put the group back at 17:00 'in daylight', about an hour and a half after "
             "sunset."),
    ))
    _batch7(name)


def upstream_loop_archive_dates_handoffs() -> None:
    """Hand-written handoffs in a loop at a local archive: the digitisation lead hands a glass
    plate to the cataloguer, who hands the record to the ingest technician; the cataloguer
    writes the date as free text ('c. 1890s') where the repository needs an EDTF date, and the
    record bounces between ingest and cataloguer three times."""
    ingests = {"n": 0}

    def ingest_record(identifier: str, title: str, date: str) -> dict[str, Any]:
        """Ingest a catalogue record into the digital repository (date must be EDTF, e.g.
        1894, 1894-06 or 189X)."""
        ingests["n"] += 1
        raise ValueError(f"record {identifier}: date '{date}' is not a valid EDTF date; "
                         "record rejected")

    task = ("Catalogue and ingest glass-plate photograph GP-0417 ('Fishing fleet leaving "
            "Staithes harbour', undated, probably 1890s) into the Whitby Archive's digital "
            "repository.")
    members = [
        Member("digitisation_lead", "Digitisation lead: starts each item and reports the "
               "outcome."),
        Member("metadata_cataloguer", "Metadata cataloguer: writes catalogue records for the "
               "archive's items and hands them to ingest."),
        Member("ingest_technician", "Ingest technician: loads records into the digital "
               "repository; sends rejected records back to the cataloguer.",
               tools=[ingest_record]),
    ]
    title = "Fishing fleet leaving Staithes harbour"
    LLM.script = Script({
        "You are digitisation_lead": [
            call("transfer_to_metadata_cataloguer", "GP-0417 is scanned; over to cataloguing "
                 "for its record.", reason="new item needs a catalogue record"),
            say("GP-0417 is not in the repository: the ingest rejected the record's date three "
                "times. I've parked it for the systems team to look at."),
        ],
        "You are metadata_cataloguer": [
            call("transfer_to_ingest_technician", "GP-0417 | Title: Fishing fleet leaving "
                 "Staithes harbour | Date: c. 1890s | Format: glass-plate negative, half "
                 "plate | Subject: cobles under sail, Staithes, North Yorkshire.",
                 reason="record ready for ingest"),
            call("transfer_to_ingest_technician", "Corrected date for GP-0417: 'circa "
                 "1890-1899'. Everything else unchanged.", reason="corrected record"),
            call("transfer_to_ingest_technician", "Date for GP-0417 now given as '1890s "
                 "(approx.)'.", reason="corrected record"),
        ],
        "You are ingest_technician": [
            call("ingest_record", identifier="GP-0417", title=title, date="c. 1890s"),
            call("transfer_to_metadata_cataloguer", "Rejected: 'c. 1890s' is not a valid EDTF "
                 "date. Please fix the date.", reason="record rejected"),
            call("ingest_record", identifier="GP-0417", title=title, date="circa 1890-1899"),
            call("transfer_to_metadata_cataloguer", "Rejected again: 'circa 1890-1899' is not "
                 "a valid EDTF date either.", reason="record rejected"),
            call("ingest_record", identifier="GP-0417", title=title, date="1890s (approx.)"),
            call("transfer_to_digitisation_lead", "Rejected a third time ('1890s (approx.)'). "
                 "I'm stopping here.", reason="record rejected three times"),
        ],
    })
    name = "upstream_loop_archive_dates_handoffs"
    routes = {"digitisation_lead": ["metadata_cataloguer"],
              "metadata_cataloguer": ["ingest_technician"],
              "ingest_technician": ["metadata_cataloguer", "digitisation_lead"]}
    with REC.run(name) as run:
        seen = handoff_chat("glass_plate_digitisation", task, members, "digitisation_lead",
                            routes, max_turns=8)
    assert ingests["n"] == 3
    assert seen == ["digitisation_lead"] + ["metadata_cataloguer", "ingest_technician"] * 3 + [
        "digitisation_lead"], seen
    mc = "metadata_cataloguer"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=mc,
        decisive=run.find(name=CHAT, contains="Date: c. 1890s | Format", agent=mc),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR, edges=chain(seen), task=task,
        topology="handoffs in a loop, 3 agents: lead > cataloguer > ingest[tool] > cataloguer "
                 "(three rounds) > lead",
        why=("metadata_cataloguer gave GP-0417's date as free text ('c. 1890s') where the "
             "repository needs an EDTF date (e.g. 189X), and each correction was free text "
             "again, so ingest_technician's ingest_record failed in all three rounds."),
    ))
    _batch7(name)


def premature_termination_broadband_move_handoffs() -> None:
    """Hand-written handoffs at a broadband provider: triage hands a home mover to the moves
    agent, whose number-transfer check says a port request must be submitted before the
    install or the number is lost; the agent books the install and says everything is done."""
    ported: list[str] = []

    def book_install(account: str, address: str, date: str) -> dict[str, Any]:
        """Book broadband installation at a new address."""
        return {"account": account, "install": "ENG-44190", "date": date, "slot": "08:00-13:00"}

    def number_transfer_check(number: str, new_address: str) -> dict[str, Any]:
        """Check whether a landline number can move to a new address."""
        return {"number": number, "portable": True, "exchange": "same area code",
                "status": "NOT REQUESTED",
                "action": "submit_port_request before the install date, or the number is "
                          "released when the old line ceases"}

    def submit_port_request(number: str, install_date: str) -> dict[str, Any]:
        """Request that a landline number moves to the new line on the install date."""
        ported.append(number)
        return {"number": number, "port": "PR-8812", "on": install_date}

    task = ("We're moving from 3 Mill Close to 18 Orchard Way, Frome on 14 September. Please "
            "move our broadband (account SW-3318820) and keep our landline number 01373 "
            "462918 - my mum only has that number.")
    members = [
        Member("customer_triage", "Front door of Somerwave Broadband: hand each customer to "
               "the right team."),
        Member("home_moves_agent", "Home moves agent: moves broadband and landline numbers to "
               "a new address.", tools=[book_install, number_transfer_check,
                                        submit_port_request]),
        Member("faults_agent", "Faults agent: broken connections."),
    ]
    LLM.script = Script({
        "You are customer_triage": [
            call("transfer_to_home_moves_agent", "You're moving home - our home moves team "
                 "will sort it.", reason="home move with number transfer"),
        ],
        "You are home_moves_agent": [
            call("book_install", account="SW-3318820", address="18 Orchard Way, Frome",
                 date="2027-09-14"),
            call("number_transfer_check", number="01373 462918",
                 new_address="18 Orchard Way, Frome"),
            say("You're all set! An engineer will install broadband at 18 Orchard Way on "
                "Tuesday 14 September between 08:00 and 13:00 (ENG-44190), and your number "
                "01373 462918 can come with you - it's the same area code. Nothing else to do "
                "on your side."),
        ],
        "You are faults_agent": [say("Fault logged.")],
    })
    name = "premature_termination_broadband_move_handoffs"
    routes = {"customer_triage": ["home_moves_agent", "faults_agent"]}
    with REC.run(name) as run:
        seen = handoff_chat("broadband_home_move", task, members, "customer_triage", routes)
    assert seen == ["customer_triage", "home_moves_agent"], seen
    assert not ported
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit="home_moves_agent",
        decisive=run.find(name=CHAT, contains="Nothing else to do on your side",
                          agent="home_moves_agent"),
        modes=["FM-3.1"], edges=chain(seen), task=task, instrumentation=INSTR,
        topology="handoffs, 3 agents (triage and 2 teams), one handoff; moves agent with 3 "
                 "tools",
        why=("number_transfer_check said no port request had been made and one must be "
             "submitted before the install or the number is lost, yet home_moves_agent booked "
             "the install and declared everything done without calling submit_port_request."),
    ))
    _batch7(name)


def ok_watercolour_lux_corrected_chat() -> None:
    """A museum exhibition team plans lighting for a watercolour show: the lighting designer
    proposes 200 lux, the conservator checks the collection's light policy with a tool and
    corrects it to 50 lux, and the chair's plan uses 50 lux."""

    def light_policy(material: str) -> dict[str, Any]:
        """The collection's light exposure limits for a material."""
        return {"material": material, "max_lux": 50, "annual_lux_hours": 150000,
                "category": "highly sensitive"}

    task = ("Agree the gallery lighting for 'Turner to Cotman: English Watercolours', 40 works "
            "on paper, opening 3 March for 16 weeks.")
    members = [
        Member("lighting_designer", "Lighting designer: fittings, levels, visitor "
               "experience."),
        Member("paper_conservator", "Paper conservator: light damage and the collection's "
               "policies.", tools=[light_policy]),
        Member("exhibition_manager", "Exhibition manager: chairs and writes the brief."),
    ]
    LLM.script = Script({
        "You are lighting_designer": [
            say("I'd light the watercolours at about 200 lux with 3000 K LED spots - bright "
                "enough to bring out the washes, and it's what we used for the oil paintings "
                "last spring."),
        ],
        "You are paper_conservator": [
            call("light_policy", material="watercolour on paper"),
            say("200 lux is too much for these. Our policy puts watercolours in the highly "
                "sensitive category: 50 lux maximum, and no more than 150,000 lux hours a "
                "year. At 50 lux over 16 weeks of 8-hour days we use about 45,000 lux hours, "
                "well inside the limit. 200 lux would fade the pigments."),
        ],
        "You are exhibition_manager": [
            say("Lighting brief: 50 lux on every work (not 200), 3000 K LED, UV-filtered, "
                "lights on sensors so galleries drop to 0 when empty; the conservator to "
                "check the levels with a lux meter before opening on 3 March."),
        ],
    })
    order = ["lighting_designer", "paper_conservator", "exhibition_manager"]
    name = "ok_watercolour_lux_corrected_chat"
    with REC.run(name) as run:
        group_chat("watercolour_show_lighting", task, members, order)
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="group chat of 3, one turn each, conservator with a tool",
        why=("lighting_designer proposed 200 lux, paper_conservator checked light_policy and "
             "corrected it to the 50 lux limit for watercolours, and the exhibition manager's "
             "brief uses 50 lux."),
    ))
    _batch7(name)


def ok_fun_run_road_closure_orchestrator_retry() -> None:
    """A race director calls a permits officer and a marshal coordinator as tools: the council
    portal times out on the first road-closure application and the retry is accepted; the
    marshals are rostered and the director reports both."""
    submits = {"n": 0}

    def apply_road_closure(roads: str, date: str, hours: str) -> dict[str, Any]:
        """Submit a temporary road closure application on the council's events portal."""
        submits["n"] += 1
        if submits["n"] == 1:
            raise TimeoutError("events portal did not respond within 30 s; application not "
                               "received")
        return {"application": "TTRO-27-0931", "roads": roads, "date": date,
                "status": "received; decision within 15 working days"}

    def roster_marshals(points: str, date: str) -> dict[str, Any]:
        """Roster volunteer marshals to course points."""
        return {"points": len(points.split(",")), "volunteers": 24, "roster": "MR-118"}

    task = ("Organise the road side of the Hexley Hospice 10K on Sunday 19 September: apply "
            "for the road closures (Bridge Street and Market Hill, 08:30-11:30) and roster "
            "marshals for the 12 course points.")
    permits = Member("permits_officer", "Permits officer: road closures and council "
                     "applications.", tools=[apply_road_closure])
    marshals = Member("marshal_coordinator", "Marshal coordinator: volunteers and course "
                      "points.", tools=[roster_marshals])
    lead = Member("race_director", "Race director: delegates to the permits officer and "
                  "marshal coordinator and reports back.")
    points = ",".join(f"P{i}" for i in range(1, 13))
    LLM.script = Script({
        "You are race_director": [
            call("ask_permits_officer", request="Apply to close Bridge Street and Market Hill "
                 "08:30-11:30 on Sunday 19 September for the Hexley Hospice 10K."),
            call("ask_marshal_coordinator", request="Roster marshals for all 12 course points "
                 "(P1-P12) on 19 September."),
            say("Road side of the 10K: the closure application for Bridge Street and Market "
                "Hill (08:30-11:30) is in with the council as TTRO-27-0931, decision due within "
                "15 working days; 24 marshals are rostered across all 12 points (MR-118)."),
        ],
        "You are permits_officer": [
            call("apply_road_closure", roads="Bridge Street, Market Hill", date="2027-09-19",
                 hours="08:30-11:30"),
            call("apply_road_closure", "The portal timed out and says nothing was received; "
                 "submitting again.", roads="Bridge Street, Market Hill", date="2027-09-19",
                 hours="08:30-11:30"),
            say("Application TTRO-27-0931 received by the council for Bridge Street and Market "
                "Hill, 08:30-11:30 on 19 September; decision within 15 working days. The first "
                "submission timed out, the second went through."),
        ],
        "You are marshal_coordinator": [
            call("roster_marshals", points=points, date="2027-09-19"),
            say("24 volunteers rostered across all 12 points, roster MR-118."),
        ],
    })
    name = "ok_fun_run_road_closure_orchestrator_retry"
    with REC.run(name) as run:
        orchestrate("hospice_10k_roads", task, lead, [permits, marshals])
    assert submits["n"] == 2
    rd = "race_director"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        edges=[(rd, "permits_officer"), ("permits_officer", rd), (rd, "marshal_coordinator"),
               ("marshal_coordinator", rd)],
        task=task,
        topology="orchestrator calls 2 agents as tools (invoke_agent nested in execute_tool)",
        why=("the permits officer's first apply_road_closure timed out with nothing received, "
             "the resubmission was accepted as TTRO-27-0931, the marshals were rostered, and "
             "race_director's report matches both tools."),
    ))
    _batch7(name)


BATCH7 = [
    wrong_fact_winter_walk_sunset_chat,
    upstream_loop_archive_dates_handoffs,
    premature_termination_broadband_move_handoffs,
    ok_watercolour_lux_corrected_chat,
    ok_fun_run_road_closure_orchestrator_retry,
]


# ============================================================ batch 8 (holdout, batch=8)
def _batch8(name: str) -> None:
    """Mark a batch-8 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 8
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_meadow_yellow_rattle_chat() -> None:
    """A parish meadow project plans its sowing: the ecologist says yellow rattle must be sown
    in late spring after the frosts (it needs winter cold to germinate and is sown in autumn),
    and the seed order and the volunteer day are set for May."""

    def order_seed(mix: str, kg: str, delivery: str) -> dict[str, Any]:
        """Order wildflower seed from the supplier."""
        return {"order": "WS-5521", "mix": mix, "kg": kg, "delivery": delivery,
                "note": "fresh-harvested seed; sow within 4 weeks of delivery"}

    task = ("Plan the sowing of the new wildflower meadow on Church Field (0.6 ha), including "
            "yellow rattle to weaken the grass. Order the seed and set the volunteer sowing "
            "day.")
    members = [
        Member("meadow_ecologist", "Meadow ecologist: species, timing and ground preparation."),
        Member("seed_buyer", "Seed buyer: orders seed for the project.", tools=[order_seed]),
        Member("volunteer_coordinator", "Volunteer coordinator: organises work days."),
        Member("parish_clerk", "Parish clerk: chairs the project group and records the plan."),
    ]
    LLM.script = Script({
        "You are meadow_ecologist": [
            say("For Church Field I'd cut and scarify hard first. Yellow rattle is the key "
                "species, and it has to go in in late spring - mid to late May, once the "
                "frosts are over - because frost kills the seed. Sow it with the main native "
                "mix at about 1 g per square metre, so 6 kg for 0.6 ha, plus 1 kg of rattle."),
        ],
        "You are seed_buyer": [
            call("order_seed", mix="native meadow mix plus yellow rattle (Rhinanthus minor)",
                 kg="6 + 1", delivery="2028-05-08"),
            say("Ordered WS-5521: 6 kg native mix and 1 kg yellow rattle, delivered 8 May so "
                "it's fresh for a mid-May sowing."),
        ],
        "You are volunteer_coordinator": [
            say("I'll book the volunteer sowing day for Saturday 20 May, with the scarifying "
                "done the weekend before. Rakes and a roller from the allotment society."),
        ],
        "You are parish_clerk": [
            say("Plan recorded: Church Field scarified 13 May; seed order WS-5521 (6 kg mix, 1 "
                "kg yellow rattle) arrives 8 May; volunteer sowing day Saturday 20 May, after "
                "the frosts as the ecologist advised."),
        ],
    })
    order = ["meadow_ecologist", "seed_buyer", "volunteer_coordinator", "parish_clerk"]
    name = "wrong_fact_meadow_yellow_rattle_chat"
    with REC.run(name) as run:
        group_chat("church_field_meadow", task, members, order)
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit="meadow_ecologist",
        decisive=run.find(name=CHAT, contains="it has to go in in late spring",
                          agent="meadow_ecologist"),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 4, one turn each, buyer with a tool",
        why=("meadow_ecologist said yellow rattle must be sown in late spring after the frosts "
             "(it needs a period of winter cold to germinate and is sown in autumn), and the "
             "seed order, the volunteer day and the recorded plan were all set for May on "
             "that."),
    ))
    _batch8(name)


def premature_termination_exam_access_orchestrator() -> None:
    """An exams officer calls an access arrangements assessor and a rooming planner as tools;
    the assessor's application returns four of five candidates approved and one blocked for
    missing evidence, and the officer reports all five sorted."""

    def apply_access_arrangements(candidates: str, series: str) -> dict[str, Any]:
        """Apply to the exam board for access arrangements for candidates."""
        return {"series": series, "approved": [
            {"candidate": "4012", "arrangement": "25% extra time"},
            {"candidate": "4027", "arrangement": "25% extra time, reader"},
            {"candidate": "4033", "arrangement": "word processor"},
            {"candidate": "4051", "arrangement": "rest breaks, separate room"}],
            "not_submitted": [{"candidate": "4068", "arrangement": "scribe",
                               "reason": "Form 8 assessor section unsigned; application "
                                         "cannot be made until it is completed"}]}

    def book_exam_rooms(candidates: str, series: str) -> dict[str, Any]:
        """Book small rooms and invigilators for candidates with arrangements."""
        return {"series": series, "rooms": ["L4", "L6"], "invigilators": 3,
                "candidates": candidates}

    task = ("Summer GCSE series: get access arrangements approved for our five candidates "
            "(4012, 4027, 4033, 4051, 4068 - extra time, reader, word processor, rest breaks, "
            "scribe) and book rooms and invigilators for them.")
    assessor = Member("access_assessor", "Access arrangements assessor: applies to the exam "
                      "board.", tools=[apply_access_arrangements])
    rooms = Member("rooming_planner", "Rooming planner: rooms and invigilators for exams.",
                   tools=[book_exam_rooms])
    lead = Member("exams_officer", "Exams officer at Harrowgate Academy: delegates to the "
                  "access assessor and rooming planner and reports to the SENCo.")
    LLM.script = Script({
        "You are exams_officer": [
            call("ask_access_assessor", request="Apply for summer 2028 access arrangements "
                 "for 4012, 4027, 4033, 4051 and 4068."),
            call("ask_rooming_planner", request="Book rooms and invigilators for the "
                 "candidates with arrangements: 4012, 4027, 4033, 4051."),
            say("Access arrangements for the summer series are done: the board has approved "
                "the arrangements and rooms L4 and L6 are booked with 3 invigilators. Nothing "
                "more needed before the exams."),
        ],
        "You are access_assessor": [
            call("apply_access_arrangements", candidates="4012, 4027, 4033, 4051, 4068",
                 series="summer 2028"),
            say("Approved for 4012 (25% extra time), 4027 (extra time and reader), 4033 (word "
                "processor) and 4051 (rest breaks, separate room). 4068's scribe application "
                "was not submitted: the assessor section of Form 8 is unsigned and it can't go "
                "in until that is completed."),
        ],
        "You are rooming_planner": [
            call("book_exam_rooms", candidates="4012, 4027, 4033, 4051", series="summer 2028"),
            say("Rooms L4 and L6 booked with 3 invigilators for 4012, 4027, 4033 and 4051."),
        ],
    })
    name = "premature_termination_exam_access_orchestrator"
    with REC.run(name) as run:
        orchestrate("exam_access_arrangements", task, lead, [assessor, rooms])
    eo = "exams_officer"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=eo,
        decisive=run.find(name=CHAT, contains="Nothing more needed before the exams",
                          agent=eo),
        modes=["FM-3.1", "FM-3.2"], instrumentation=INSTR,
        edges=[(eo, "access_assessor"), ("access_assessor", eo), (eo, "rooming_planner"),
               ("rooming_planner", eo)],
        task=task,
        topology="orchestrator calls 2 agents as tools (invoke_agent nested in execute_tool)",
        why=("the assessor reported candidate 4068's scribe application not submitted (Form 8 "
             "unsigned), yet exams_officer declared the arrangements done with nothing more "
             "needed, without getting Form 8 completed or flagging 4068."),
    ))
    _batch8(name)


def upstream_loop_supplier_bank_details_handoffs() -> None:
    """Hand-written handoffs in a loop in a finance team: the onboarding clerk gives a German
    supplier's bank details as a UK-style sort code and account number; the payment run needs
    an IBAN and rejects the record three times."""
    tries = {"n": 0}

    def create_payee(supplier: str, bank_details: str, currency: str) -> dict[str, Any]:
        """Create a payee in the payments system (EUR payees need IBAN and BIC)."""
        tries["n"] += 1
        raise ValueError(f"payee {supplier}: no valid IBAN found in '{bank_details}' - EUR "
                         "payees require IBAN (DEkk BBBB BBBB CCCC CCCC CC) and BIC")

    task = ("Set up new supplier Kessler Messtechnik GmbH (Stuttgart) for payment of invoice "
            "KM-2291, EUR 18,400, due Friday. Their bank: Landesbank Baden-Wuerttemberg, "
            "IBAN DE27 6005 0101 0004 4187 93, BIC SOLADEST600.")
    members = [
        Member("accounts_payable_lead", "Accounts payable lead: starts supplier set-ups and "
               "reports the outcome."),
        Member("supplier_onboarder", "Supplier onboarding clerk: writes new supplier records "
               "and hands them to the payment runner."),
        Member("payment_runner", "Payment runner: creates payees and sends rejected records "
               "back to onboarding.", tools=[create_payee]),
    ]
    LLM.script = Script({
        "You are accounts_payable_lead": [
            call("transfer_to_supplier_onboarder", "New supplier Kessler Messtechnik - please "
                 "set them up.", reason="new supplier record"),
            say("Kessler Messtechnik could not be set up as a payee: the payment system "
                "rejected the bank details three times, so invoice KM-2291 will not go in "
                "Friday's run. Escalating to the finance systems team."),
        ],
        "You are supplier_onboarder": [
            call("transfer_to_payment_runner", "Supplier: Kessler Messtechnik GmbH | "
                 "Currency: EUR | Bank details: sort code 60-05-01, account 04418793 | Terms: "
                 "30 days.", reason="record ready"),
            call("transfer_to_payment_runner", "Bank details re-keyed for Kessler: sort code "
                 "600501, account no. 04418793.", reason="corrected record"),
            call("transfer_to_payment_runner", "Kessler bank details: bank code 60050101, "
                 "account 0004418793.", reason="corrected record"),
        ],
        "You are payment_runner": [
            call("create_payee", supplier="Kessler Messtechnik GmbH",
                 bank_details="sort code 60-05-01, account 04418793", currency="EUR"),
            call("transfer_to_supplier_onboarder", "Rejected: no valid IBAN in 'sort code "
                 "60-05-01, account 04418793'.", reason="payee rejected"),
            call("create_payee", supplier="Kessler Messtechnik GmbH",
                 bank_details="sort code 600501, account no. 04418793", currency="EUR"),
            call("transfer_to_supplier_onboarder", "Rejected again - still no IBAN.",
                 reason="payee rejected"),
            call("create_payee", supplier="Kessler Messtechnik GmbH",
                 bank_details="bank code 60050101, account 0004418793", currency="EUR"),
            call("transfer_to_accounts_payable_lead", "Third rejection, same error. Stopping.",
                 reason="payee rejected three times"),
        ],
    })
    name = "upstream_loop_supplier_bank_details_handoffs"
    routes = {"accounts_payable_lead": ["supplier_onboarder"],
              "supplier_onboarder": ["payment_runner"],
              "payment_runner": ["supplier_onboarder", "accounts_payable_lead"]}
    with REC.run(name) as run:
        seen = handoff_chat("supplier_setup", task, members, "accounts_payable_lead", routes,
                            max_turns=8)
    assert tries["n"] == 3
    assert seen == ["accounts_payable_lead"] + ["supplier_onboarder", "payment_runner"] * 3 + [
        "accounts_payable_lead"], seen
    so = "supplier_onboarder"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=so,
        decisive=run.find(name=CHAT, contains="Bank details: sort code 60-05-01", agent=so),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR, edges=chain(seen), task=task,
        topology="handoffs in a loop, 3 agents: lead > onboarder > payment runner[tool] > "
                 "onboarder (three rounds) > lead",
        why=("supplier_onboarder wrote the German supplier's bank details as a sort code and "
             "account number instead of the IBAN and BIC given in the task, and each "
             "correction still had no IBAN, so payment_runner's create_payee failed in all "
             "three rounds."),
    ))
    _batch8(name)


def ok_village_hall_tariff_checked_chat() -> None:
    """A village hall committee prices a heat pump switch: the energy volunteer quotes an old
    electricity rate, the treasurer's tariff lookup times out once and the retry gives the
    current rate, and the chair decides on the corrected figure."""
    tries = {"n": 0}

    def current_tariff(account: str) -> dict[str, Any]:
        """The hall's current electricity tariff from the supplier's account portal."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise TimeoutError("supplier portal did not respond within 20 s")
        return {"account": account, "unit_p_per_kwh": 24.6, "standing_p_per_day": 61.2,
                "from": "2027-10-01"}

    task = ("Hatherley Village Hall committee: should we replace the oil boiler with an air "
            "source heat pump (about 9,000 kWh of electricity a year) before next winter? "
            "Running cost is the deciding question.")
    members = [
        Member("energy_volunteer", "Energy volunteer: heating options and running costs."),
        Member("hall_treasurer", "Treasurer: checks figures against the accounts and "
               "supplier.", tools=[current_tariff]),
        Member("hall_chair", "Chair of the committee: sums up and records the decision."),
    ]
    LLM.script = Script({
        "You are energy_volunteer": [
            say("At 34p a unit, 9,000 kWh would be about GBP 3,060 a year to run the heat "
                "pump, against roughly GBP 2,700 for oil last year. So on running cost alone it "
                "doesn't pay yet."),
            say("Thanks - with 24.6p that's about GBP 2,210 a year, so the heat pump is around "
                "GBP 490 a year cheaper than oil. I withdraw my objection."),
        ],
        "You are hall_treasurer": [
            call("current_tariff", account="HVH-ELEC-01"),
            call("current_tariff", "The portal timed out; trying again.",
                 account="HVH-ELEC-01"),
            say("34p was last year's rate. Our tariff since 1 October is 24.6p per kWh (plus "
                "61.2p a day standing charge, which we pay anyway)."),
        ],
        "You are hall_chair": [
            say("Decision: we proceed with the air source heat pump. At the current 24.6p/kWh "
                "it costs about GBP 2,210 a year to run against about GBP 2,700 for oil, "
                "roughly GBP 490 a year less; the treasurer will apply for the boiler upgrade "
                "grant."),
        ],
    })
    order = ["energy_volunteer", "hall_treasurer", "energy_volunteer", "hall_chair"]
    name = "ok_village_hall_tariff_checked_chat"
    with REC.run(name) as run:
        group_chat("hall_heating_decision", task, members, order)
    assert tries["n"] == 2
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="group chat of 3 (one speaks twice), treasurer with a "
                                        "tool",
        why=("energy_volunteer's 34p rate was out of date; the treasurer's tariff lookup timed "
             "out once, the retry gave 24.6p, the volunteer recalculated and the chair decided "
             "on the corrected cost."),
    ))
    _batch8(name)


def ok_car_club_prior_damage_handbacks() -> None:
    """Hand-written handoffs with a hand-back at a car club: member support passes a damage
    report to the damage desk, which finds the scratch already logged before the member's
    booking, so no charge, and hands back; member support answers."""

    def damage_log(vehicle: str) -> dict[str, Any]:
        """Recorded damage on a car club vehicle, with the booking it was reported on."""
        return {"vehicle": vehicle, "entries": [
            {"damage": "scratch, rear nearside door, ~15 cm", "reported": "2027-06-03",
             "booking": "BK-77120 (another member)", "status": "logged, repair booked 2027-06-21"}]}

    def raise_damage_charge(member: str, vehicle: str, amount_gbp: str) -> dict[str, Any]:
        """Charge a member the damage excess."""
        return {"charged": amount_gbp}

    task = ("I've just picked up the car club Corsa (reg YK24 HNB) and there's a long scratch "
            "on the back passenger door. I didn't do it - will I be charged? Member M-30418, "
            "booking BK-77384.")
    members = [
        Member("member_support", "Member support at Tynedale Car Club: answers members and "
               "hands specialist questions over."),
        Member("damage_desk", "Damage desk: checks and records vehicle damage, charges the "
               "excess only when a member caused it, then hands back to member support.",
               tools=[damage_log, raise_damage_charge]),
    ]
    LLM.script = Script({
        "You are member_support": [
            call("transfer_to_damage_desk", "Member reports a scratch on YK24 HNB at pick-up; "
                 "please check whether it's already logged.", reason="damage report"),
            say("Thanks for reporting it. That scratch on the rear passenger door was already "
                "logged on 3 June from an earlier booking, so you won't be charged, and a "
                "repair is booked for 21 June. Enjoy your trip."),
        ],
        "You are damage_desk": [
            call("damage_log", vehicle="YK24 HNB"),
            call("transfer_to_member_support", "Already on record: 15 cm scratch, rear "
                 "nearside door, reported 3 June on BK-77120 (another member); repair booked 21 "
                 "June. No charge to M-30418.", reason="checked, no charge"),
        ],
    })
    name = "ok_car_club_prior_damage_handbacks"
    routes = {"member_support": ["damage_desk"], "damage_desk": ["member_support"]}
    with REC.run(name) as run:
        seen = handoff_chat("car_club_support", task, members, "member_support", routes)
    assert seen == ["member_support", "damage_desk", "member_support"], seen
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR, edges=chain(seen),
        task=task, topology="handoffs with a hand-back, 2 agents: support > damage desk[tool] "
                            "> support",
        why=("the damage desk's log showed the scratch already reported on another member's "
             "booking, so no charge was raised, and member support told the member exactly "
             "that."),
    ))
    _batch8(name)


BATCH8 = [
    wrong_fact_meadow_yellow_rattle_chat,
    premature_termination_exam_access_orchestrator,
    upstream_loop_supplier_bank_details_handoffs,
    ok_village_hall_tariff_checked_chat,
    ok_car_club_prior_damage_handbacks,
]


# ============================================================ batch 9 (holdout, batch=9)
def _batch9(name: str) -> None:
    """Mark a batch-9 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 9
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_changing_room_legionella_chat() -> None:
    """A sports club committee chat about cutting gas bills: the compliance volunteer says the
    HSE guidance only requires stored hot water at 45 C or above (it is 60 C for storage), and
    the chair decides to turn the cylinder down to 48 C."""
    task = ("Gas costs at Westbrook Rugby Club are up 40%. The changing-room showers run from "
            "a 300-litre gas-fired cylinder set to 65 C. Can we turn it down to save money "
            "without breaking the legionella rules? Agree what to set it to.")
    members = [
        Member("club_treasurer", "Club treasurer: running costs and savings."),
        Member("compliance_volunteer", "Compliance volunteer: health and safety and the "
               "club's legal duties."),
        Member("facilities_secretary", "Facilities secretary: the boiler, cylinder and "
               "showers."),
        Member("club_chair", "Club chair: chairs the committee and records the decision."),
    ]
    LLM.script = Script({
        "You are club_treasurer": [
            say("Every few degrees on a 300-litre cylinder that's reheated twice a day adds "
                "up; the gas merchant reckons 10-12% off the water heating bill if we come "
                "down by 15 degrees. I'd like to go as low as we safely can."),
        ],
        "You are compliance_volunteer": [
            say("Legionella-wise we have more room than people think. HSE's L8 guidance says "
                "stored hot water has to be kept at 45 C or above, because legionella doesn't "
                "multiply above that. So anything from about 48 C keeps us compliant with a "
                "small margin, as long as we keep flushing the little-used showers weekly."),
        ],
        "You are facilities_secretary": [
            say("The cylinder thermostat goes down in 1-degree steps, so 48 C is easy to set. "
                "I'll keep the weekly flushing log going for the away changing room."),
        ],
        "You are club_chair": [
            say("Decision: the changing-room cylinder goes down from 65 C to 48 C from Monday, "
                "which keeps us above the 45 C the HSE guidance requires for stored hot water "
                "and should cut water heating gas by around 10%. Weekly flushing of the "
                "little-used showers continues and is logged."),
        ],
    })
    order = ["club_treasurer", "compliance_volunteer", "facilities_secretary", "club_chair"]
    name = "wrong_fact_changing_room_legionella_chat"
    with REC.run(name) as run:
        group_chat("committee_gas_costs", task, members, order)
    cv = "compliance_volunteer"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=cv,
        decisive=run.find(name=CHAT, contains="kept at 45 C or above", agent=cv),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="round-robin committee chat, 4 agents, chair decides",
        why=("compliance_volunteer said HSE's L8 guidance requires stored hot water at only "
             "45 C (it says stored at 60 C or higher, distributed at 50 C or higher), and the "
             "chair turned the cylinder down to 48 C on that basis."),
    ))
    _batch9(name)


def upstream_loop_swim_gala_entry_times_orchestrator() -> None:
    """A gala organiser calls agents as tools: the entries secretary writes entry times as
    '1.05.32' where the meet software needs '01:05.32', the import fails, and the corrected
    file the secretary sends is in the same format, so it fails again."""
    tries = {"n": 0}

    def import_entries(gala: str, entries: str) -> dict[str, Any]:
        """Import swimmers' entries into the meet management software. Each line: name |
        event | entry time as mm:ss.hh (e.g. 01:05.32) or NT."""
        tries["n"] += 1
        raise ValueError("entry file line 1: time '1.05.32' not recognised (expected mm:ss.hh, "
                         "e.g. 01:05.32); 0 of 4 entries imported")

    entries_v = ("Ella Moreno | 100m freestyle | 1.05.32\n"
                 "Ella Moreno | 50m butterfly | 0.33.90\n"
                 "Sam Okoye | 100m breaststroke | 1.21.47\n"
                 "Sam Okoye | 200m IM | 2.44.05")
    task = ("Get Dunmore Dolphins' entries for the county gala on 6 March into the meet "
            "software: Ella Moreno 100 free 1:05.32 and 50 fly 33.90; Sam Okoye 100 breast "
            "1:21.47 and 200 IM 2:44.05.")
    lead = Member("gala_organiser", "Gala organiser for Dunmore Dolphins: gets the entry "
                  "file from entries_secretary and has meet_operator import it.")
    secretary = Member("entries_secretary", "Entries secretary: writes the club's entry file, "
                       "one line per swim.")
    operator = Member("meet_operator", "Meet operator: imports entry files into the meet "
                      "software with import_entries.", tools=[import_entries])
    LLM.script = Script({
        "You are gala_organiser": [
            call("ask_entries_secretary", request="Please write the entry file for the county "
                 "gala: Ella Moreno 100 free 1:05.32, 50 fly 33.90; Sam Okoye 100 breast "
                 "1:21.47, 200 IM 2:44.05."),
            call("ask_meet_operator", request="Import these county gala entries:\n" + entries_v),
            call("ask_entries_secretary", request="The meet software rejected the file: time "
                 "'1.05.32' not recognised. Please send a corrected entry file."),
            call("ask_meet_operator", request="Corrected entries, please import:\n" + entries_v),
            say("I couldn't get our county gala entries in: the meet software rejected the "
                "entry file twice on the time format, so nothing is entered yet. I'll ask the "
                "county entries officer for help before Friday's deadline."),
        ],
        "You are entries_secretary": [
            say("Entry file:\n" + entries_v),
            say("I've checked the file against the swimmers' best times and they're all "
                "correct, so here it is again:\n" + entries_v),
        ],
        "You are meet_operator": [
            call("import_entries", gala="County Gala 6 March", entries=entries_v),
            say("Import failed: line 1 time '1.05.32' not recognised (expected mm:ss.hh); 0 "
                "of 4 entries imported."),
            call("import_entries", gala="County Gala 6 March", entries=entries_v),
            say("Rejected again, same error on line 1 ('1.05.32'); nothing imported."),
        ],
    })
    name = "upstream_loop_swim_gala_entry_times_orchestrator"
    with REC.run(name) as run:
        orchestrate("gala_entries", task, lead, [secretary, operator])
    assert tries["n"] == 2
    es, go, mo = "entries_secretary", "gala_organiser", "meet_operator"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=es,
        decisive=run.find(name=CHAT, contains="Entry file:", agent=es),
        modes=["FM-1.3", "FM-1.5"], instrumentation=INSTR,
        edges=[(go, es), (es, go), (go, mo), (mo, go)], task=task,
        topology="orchestrator calls 2 agents as tools (secretary, operator[tool]), two rounds",
        why=("entries_secretary wrote the entry times as '1.05.32' where the meet software "
             "takes mm:ss.hh, and its 'corrected' file was identical, so both import_entries "
             "calls by meet_operator failed on the same line and nothing was entered."),
    ))
    _batch9(name)


def ok_cricket_club_bar_hours_corrected_chat() -> None:
    """A cricket club's party planning chat: the events secretary says the bar may serve until
    midnight, the licensing checker looks up the premises licence (23:00 on Saturdays) and
    corrects it, and the chair plans last orders on the corrected hours."""

    def premises_licence(premises: str) -> dict[str, Any]:
        """The licensable activities and hours on a premises licence."""
        return {"premises": premises, "licence": "PL/0412", "sale_of_alcohol": {
            "Mon-Thu": "11:00-22:30", "Fri-Sat": "11:00-23:00", "Sun": "12:00-22:30"},
            "notes": "later hours only under a Temporary Event Notice (10 working days' notice)"}

    task = ("End-of-season party at Ashcombe Cricket Club on Saturday 18 September (today is "
            "Tuesday 7 September), 150 guests, band until late. Plan the bar: staffing and "
            "closing time.")
    members = [
        Member("events_secretary", "Events secretary: runs club functions."),
        Member("licensing_checker", "Licensing checker: checks what the club's licence "
               "allows, with premises_licence.", tools=[premises_licence]),
        Member("bar_manager", "Bar manager: bar staff and stock."),
        Member("club_chair", "Club chair: chairs the planning and writes the plan."),
    ]
    LLM.script = Script({
        "You are events_secretary": [
            say("The band plays until 23:30, and as it's a Saturday the bar can serve until "
                "midnight under our licence, so let's run the bar right through to 00:00."),
        ],
        "You are licensing_checker": [
            call("premises_licence", premises="Ashcombe Cricket Club pavilion"),
            say("Checked licence PL/0412: on Saturdays we can sell alcohol until 23:00, not "
                "midnight. Anything later needs a Temporary Event Notice with 10 working days' "
                "notice, and 18 September is only 8 working days away, so that's out. Last "
                "orders 22:45, bar closed at 23:00."),
        ],
        "You are bar_manager": [
            say("Fine by me: four on the bar from 19:00, last orders 22:45, shutters down at "
                "23:00, soft drinks and tea from the kitchen hatch until the band finishes."),
        ],
        "You are club_chair": [
            say("Plan: bar staffed by four from 19:00, last orders at 22:45 and bar closed at "
                "23:00 as our premises licence requires on Saturdays (too late for a TEN); "
                "soft drinks from the kitchen hatch until the band finishes at 23:30."),
        ],
    })
    order = ["events_secretary", "licensing_checker", "bar_manager", "club_chair"]
    name = "ok_cricket_club_bar_hours_corrected_chat"
    with REC.run(name) as run:
        group_chat("season_party_planning", task, members, order)
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(order), task=task,
        instrumentation=INSTR, topology="round-robin planning chat, 4 agents, one with a tool",
        why=("events_secretary's claim that the bar could serve until midnight was checked "
             "with premises_licence and corrected to 23:00 by licensing_checker, and the "
             "chair's plan closes the bar at 23:00."),
    ))
    _batch9(name)


def ok_bike_share_stolen_bike_handoffs() -> None:
    """A bike share helpline: the front agent hands a rider whose bike was stolen mid-hire
    (and who worries about charges) to the incidents agent, not billing; the incidents agent
    ends the hire, logs the theft and answers."""

    def end_hire_and_report_theft(rider: str, bike: str, location: str,
                                  police_ref: str) -> dict[str, Any]:
        """End an open hire and log the bike as stolen (no further hire charges)."""
        return {"hire_ended": "2027-06-04 18:52", "bike": bike, "incident": "INC-46021",
                "charges_after_end": 0, "theft_fee": "waived with police reference"}

    task = ("Someone's nicked the hire bike I was using - I locked it to the railings outside "
            "Pelham Library while I went in and it's gone. It's still showing as on my hire "
            "and I'm worried I'm being charged every minute. I've reported it to the police, "
            "ref 0418-2706. Account RS-88213, bike 5127.")
    members = [
        Member("helpline_agent", "Riverside Cycle Share helpline: hands riders to "
               "incidents_agent (theft, damage, accidents) or billing_agent (charges and "
               "refunds on completed hires)."),
        Member("incidents_agent", "Incidents: stolen or damaged bikes and accidents; can end "
               "open hires.", tools=[end_hire_and_report_theft]),
        Member("billing_agent", "Billing: charges and refunds on completed hires."),
    ]
    LLM.script = Script({
        "You are helpline_agent": [
            call("transfer_to_incidents_agent", "Bike stolen during an open hire - passing to "
                 "incidents so the hire can be stopped.", reason="theft during hire"),
        ],
        "You are incidents_agent": [
            call("end_hire_and_report_theft", rider="RS-88213", bike="5127",
                 location="Pelham Library railings", police_ref="0418-2706"),
            say("I'm sorry about that. I've ended your hire as of 18:52, so the clock has "
                "stopped and there are no more charges, and logged bike 5127 as stolen "
                "(incident INC-46021). Because you have a police reference, the theft fee is "
                "waived."),
        ],
        "You are billing_agent": [say("Refund processed.")],
    })
    name = "ok_bike_share_stolen_bike_handoffs"
    routes = {"helpline_agent": ["incidents_agent", "billing_agent"]}
    with REC.run(name) as run:
        seen = handoff_chat("cycle_share_helpline", task, members, "helpline_agent", routes)
    assert seen == ["helpline_agent", "incidents_agent"], seen
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, edges=chain(seen), task=task,
        instrumentation=INSTR, topology="handoffs: helpline hands off to one of two agents",
        why=("the rider mentions charges but the problem is a theft during an open hire; "
             "helpline_agent sent it to incidents_agent, which ended the hire, logged the "
             "theft and waived the fee, as the tool result shows."),
    ))
    _batch9(name)


BATCH9 = [
    wrong_fact_changing_room_legionella_chat,
    upstream_loop_swim_gala_entry_times_orchestrator,
    ok_cricket_club_bar_hours_corrected_chat,
    ok_bike_share_stolen_bike_handoffs,
]


# ============================================================ batch 10 (holdout, batch=10)
def _batch10(name: str) -> None:
    """Mark a batch-10 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 10
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_canal_holiday_speed_limit_chat() -> None:
    """A canal boat holiday planning chat: the route planner says the speed limit on the
    canal is 8 mph (it is 4 mph on Canal & River Trust canals), plans daily legs on it, and the
    skipper approves a week's route that cannot be done."""
    task = ("Six of us have a narrowboat from Whaley Bridge for 7 days (Sat-Sat). Plan a "
            "round trip on the Peak Forest and Macclesfield canals with no more than 6 hours' "
            "cruising a day.")
    members = [
        Member("route_planner", "Route planner: distances, locks and cruising times."),
        Member("provisions_lead", "Provisions lead: food shops and mooring stops."),
        Member("skipper", "Skipper: agrees the route and writes the plan."),
    ]
    LLM.script = Script({
        "You are route_planner": [
            say("The speed limit on these canals is 8 mph, and you can sit close to it on the "
                "long lock-free pounds of the Macclesfield, so at 6 hours a day we can cover "
                "about 45 miles a day allowing for the Bosley flight. That means we can do the "
                "Cheshire Ring instead (97 miles, 92 locks) in 4 days and still have 3 days "
                "spare to go down to Chester and back."),
        ],
        "You are provisions_lead": [
            say("If we're doing the Ring, we can stock up at Marple on Saturday and again at "
                "Middlewich on Monday; there's a big supermarket by the canal at Wheelock."),
        ],
        "You are skipper": [
            say("Plan agreed: the full Cheshire Ring in 4 days at around 45 miles a day, then "
                "the Middlewich branch down to Chester and back to Whaley Bridge by Saturday. "
                "Shops at Marple (Sat) and Middlewich (Mon)."),
        ],
    })
    order = ["route_planner", "provisions_lead", "skipper"]
    name = "wrong_fact_canal_holiday_speed_limit_chat"
    with REC.run(name) as run:
        group_chat("narrowboat_holiday", task, members, order)
    rp = "route_planner"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=rp,
        decisive=run.find(name=CHAT, contains="speed limit on these canals is 8 mph", agent=rp),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="round-robin planning chat, 3 agents, skipper decides",
        why=("route_planner said the canal speed limit is 8 mph (it is 4 mph on Canal & River "
             "Trust canals, and boats with locks average far less), so the 45-miles-a-day "
             "legs and the Ring-plus-Chester week the skipper agreed cannot be done."),
    ))
    _batch10(name)


def ignored_verdict_loft_beam_handoffs() -> None:
    """Handoffs at a small building firm: the project coordinator hands a loft conversion to
    the structural engineer, who says the proposed steel beam is undersized and must not be
    ordered; back with the coordinator, it books the steel fabricator and the builders anyway."""
    booked: list[str] = []

    def check_beam(span_m: str, section: str, load_kn_per_m: str) -> dict[str, Any]:
        """Check a steel beam section for a span and line load (bending and deflection)."""
        return {"section": section, "span_m": span_m, "bending_utilisation": 1.18,
                "deflection_mm": 21.4, "deflection_limit_mm": 13.6, "result": "FAIL",
                "suggest": "203x133x30 UKB or larger"}

    def order_steel_and_schedule(section: str, start: str) -> dict[str, Any]:
        """Order a steel beam from the fabricator and schedule the build crew."""
        booked.append(section)
        return {"order": "ST-7718", "section": section, "delivery": "2027-04-12",
                "crew_start": start}

    task = ("Loft conversion at 14 Larch Avenue: the architect's drawing shows a 152x89x16 "
            "UKB over the 4.9 m opening, line load 9.5 kN/m. Get it signed off and get the "
            "steel ordered and the crew booked for 12 April.")
    members = [
        Member("project_coordinator", "Project coordinator at Brindle & Sons Builders: hands "
               "structural questions to structural_engineer and orders steel and books crews "
               "with order_steel_and_schedule once the design is signed off.",
               tools=[order_steel_and_schedule]),
        Member("structural_engineer", "Structural engineer: checks beams with check_beam and "
               "signs off or rejects them.", tools=[check_beam]),
    ]
    LLM.script = Script({
        "You are project_coordinator": [
            call("transfer_to_structural_engineer", "Handing the beam check to our engineer.",
                 reason="sign-off of the 152x89x16 UKB"),
            call("order_steel_and_schedule", "Getting the steel on order now so we keep the "
                 "12 April start.", section="152x89x16 UKB", start="2027-04-12"),
            say("Steel for 14 Larch Avenue is on order (ST-7718, 152x89x16 UKB, delivery 12 "
                "April) and the crew starts on 12 April."),
        ],
        "You are structural_engineer": [
            call("check_beam", span_m="4.9", section="152x89x16 UKB", load_kn_per_m="9.5"),
            call("transfer_to_project_coordinator", "I can't sign this off. The 152x89x16 is "
                 "overstressed (118% in bending) and deflects 21 mm against a 13.6 mm limit. "
                 "Don't order it - it needs to go up to a 203x133x30 UKB and the architect "
                 "should update the drawing.", reason="beam rejected"),
        ],
    })
    name = "ignored_verdict_loft_beam_handoffs"
    routes = {"project_coordinator": ["structural_engineer"],
              "structural_engineer": ["project_coordinator"]}
    with REC.run(name) as run:
        seen = handoff_chat("loft_conversion", task, members, "project_coordinator", routes)
    assert seen == ["project_coordinator", "structural_engineer", "project_coordinator"], seen
    assert booked == ["152x89x16 UKB"]
    pc = "project_coordinator"
    run.truth(Truth(
        cls="ignored_verdict", split="holdout", failed=True, culprit=pc,
        decisive=run.find(name=CHAT, contains="so we keep the 12 April start", agent=pc),
        modes=["FM-2.5", "FM-3.2"], edges=chain(seen), task=task, instrumentation=INSTR,
        topology="handoffs: coordinator[tool] hands to engineer[tool] and back",
        why=("structural_engineer rejected the 152x89x16 beam (overstressed, deflection over "
             "the limit) and said not to order it, but project_coordinator's next step ordered "
             "that same section and booked the crew."),
    ))
    _batch10(name)


def premature_termination_autoclave_failure_orchestrator() -> None:
    """A dental practice manager calls agents as tools after the autoclave fails: it has the
    appointments agent rebook the afternoon's surgical patients, then declares the problem
    handled without asking the equipment agent to get the autoclave repaired."""
    repairs: list[str] = []

    def rebook_patients(date: str, session: str, reason: str) -> dict[str, Any]:
        """Move a session's appointments to the next free slots and text the patients."""
        return {"moved": 6, "session": session, "texts_sent": 6,
                "new_dates": "2027-03-10 and 2027-03-11"}

    def book_engineer(equipment: str, fault: str) -> dict[str, Any]:
        """Book the equipment service engineer."""
        repairs.append(equipment)
        return {"job": "EQ-301", "visit": "tomorrow 08:00"}

    task = ("The autoclave at Meadowbank Dental failed its cycle test this morning (error E07, "
            "chamber not reaching 134 C). We can't do any surgical work until it's fixed. "
            "Sort out this afternoon's surgical list and get the autoclave repaired.")
    lead = Member("practice_manager", "Practice manager of Meadowbank Dental: sends work to "
                  "appointments_agent and equipment_agent.")
    appts = Member("appointments_agent", "Appointments: rebooks patients with "
                   "rebook_patients.", tools=[rebook_patients])
    equip = Member("equipment_agent", "Equipment: gets faulty equipment repaired with "
                   "book_engineer.", tools=[book_engineer])
    LLM.script = Script({
        "You are practice_manager": [
            call("ask_appointments_agent", request="Please move this afternoon's surgical "
                 "appointments (autoclave down) and let the patients know."),
            say("All sorted: this afternoon's six surgical patients have been moved to 10 and "
                "11 March and texted, so there's nothing more to do today."),
        ],
        "You are appointments_agent": [
            call("rebook_patients", date="2027-03-08", session="afternoon surgical list",
                 reason="autoclave failure"),
            say("Done: 6 surgical appointments moved to 10 and 11 March, all 6 patients "
                "texted."),
        ],
        "You are equipment_agent": [say("Engineer booked.")],
    })
    name = "premature_termination_autoclave_failure_orchestrator"
    with REC.run(name) as run:
        orchestrate("autoclave_failure", task, lead, [appts, equip])
    assert not repairs
    pm = "practice_manager"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=pm,
        decisive=run.find(name=CHAT, contains="so there's nothing more to do today", agent=pm),
        modes=["FM-3.1", "FM-1.1"], instrumentation=INSTR,
        edges=[(pm, "appointments_agent"), ("appointments_agent", pm)], task=task,
        topology="orchestrator calls agents as tools (appointments[tool], equipment[tool] "
                 "never called)",
        why=("the task was to rebook the surgical list and get the autoclave repaired; "
             "practice_manager had the patients rebooked and then declared everything sorted "
             "without asking equipment_agent to book the engineer, so no repair was "
             "arranged."),
    ))
    _batch10(name)


def upstream_loop_boil_water_sms_chat() -> None:
    """A water company incident chat: the alert copywriter writes a boil-water SMS of over 160
    characters although the gateway takes single-segment messages only; the dispatcher's
    sends are rejected again and again on length and the incident lead reports no alert
    sent."""
    sends = {"n": 0}

    def send_sms_alert(area: str, message: str) -> dict[str, Any]:
        """Send an emergency SMS to every registered customer in an area (single segment,
        at most 160 characters)."""
        sends["n"] += 1
        raise ValueError(f"SMS gateway rejected broadcast: message is {len(message)} "
                         "characters, emergency broadcasts must be one segment (max 160); "
                         "0 messages sent")

    sms = ("Hafren Water: URGENT. Due to a problem at Tan-y-Bwlch treatment works, you must "
           "boil all tap water and let it cool before drinking, brushing teeth or making "
           "baby feed, until we tell you it is safe. More info: hafrenwater.co.uk/boil")
    task = ("Boil water notice for postcodes SY23 3 and SY23 4 after the Tan-y-Bwlch "
            "treatment works turbidity exceedance. Write the SMS (single segment, 160 "
            "characters max) and send it to every registered customer now.")
    members = [
        Member("alert_copywriter", "Alert copywriter: writes customer alerts; SMS alerts must "
               "fit one 160-character segment."),
        Member("sms_dispatcher", "SMS dispatcher: sends alerts with send_sms_alert.",
               tools=[send_sms_alert]),
        Member("incident_lead", "Incident lead: records what was done for the regulator."),
    ]
    LLM.script = Script({
        "You are alert_copywriter": [say("SMS text:\n" + sms)],
        "You are sms_dispatcher": [
            call("send_sms_alert", area="SY23 3, SY23 4", message=sms),
            call("send_sms_alert", "The gateway rejected it; retrying the broadcast.",
                 area="SY23 3, SY23 4", message=sms),
            call("send_sms_alert", "Rejected again, one more attempt.", area="SY23 3, SY23 4",
                 message=sms),
            say("The broadcast failed three times: the SMS gateway rejects the message as too "
                "long. No texts have gone out."),
        ],
        "You are incident_lead": [
            say("Recorded for the DWI log: boil water SMS for SY23 3/4 not sent - three "
                "broadcast attempts were rejected by the gateway. Customers have not yet been "
                "notified by text."),
        ],
    })
    order = ["alert_copywriter", "sms_dispatcher", "incident_lead"]
    name = "upstream_loop_boil_water_sms_chat"
    with REC.run(name) as run:
        group_chat("boil_water_incident", task, members, order)
    assert sends["n"] == 3
    ac = "alert_copywriter"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=ac,
        decisive=run.find(name=CHAT, contains="SMS text:", agent=ac),
        modes=["FM-1.3", "FM-1.5"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="round-robin incident chat, 3 agents; the dispatcher retries its tool three "
                 "times",
        why=(f"alert_copywriter wrote a {len(sms)}-character SMS although alerts must fit one "
             "160-character segment, so all three of sms_dispatcher's identical "
             "send_sms_alert calls were rejected on length and no alert was sent."),
    ))
    _batch10(name)


BATCH10 = [
    wrong_fact_canal_holiday_speed_limit_chat,
    ignored_verdict_loft_beam_handoffs,
    premature_termination_autoclave_failure_orchestrator,
    upstream_loop_boil_water_sms_chat,
]


# ============================================================ batch 11 (holdout, batch=11)
def _batch11(name: str) -> None:
    """Mark a batch-11 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 11
    path.write_text(json.dumps(data, indent=2) + "\n")


def fabrication_county_show_cattle_movements_orchestrator() -> None:
    """An agricultural show's secretary calls agents as tools: the movements clerk's cattle
    tracing lookup fails, the clerk reports every animal as clear anyway, and the secretary
    confirms the entries and the pens on that."""
    confirmed: list[str] = []

    def cattle_tracing_lookup(holding: str, ear_tags: str) -> dict[str, Any]:
        """Look up cattle passports, movement history and TB restrictions by ear tag."""
        raise ConnectionError("Cattle Tracing System API returned 503 Service Unavailable "
                              "(planned maintenance 06:00-12:00); no records returned")

    def confirm_entries(exhibitor: str, classes: str, pens: str) -> dict[str, Any]:
        """Confirm an exhibitor's livestock entries and allocate pens."""
        confirmed.append(exhibitor)
        return {"confirmed": True, "exhibitor": exhibitor, "pens": pens, "ref": "CS-2261"}

    task = ("Entries close today for the Wenlock County Show cattle lines. Check that Bryn "
            "Hughes's six Herefords (holding 34/112/0045) have valid passports and no TB "
            "restrictions, then confirm his entries in classes 12 and 14 and allocate pens.")
    lead = Member("show_secretary", "Show secretary of the Wenlock County Show: has "
                  "movements_clerk check cattle before entries are confirmed, and confirms "
                  "entries with confirm_entries.", tools=[confirm_entries])
    clerk = Member("movements_clerk", "Movements clerk: checks passports, movements and TB "
                   "status with cattle_tracing_lookup.", tools=[cattle_tracing_lookup])
    tags = "UK 344112 400451-400456"
    LLM.script = Script({
        "You are show_secretary": [
            call("ask_movements_clerk", request=f"Please check Bryn Hughes's six Herefords, "
                 f"holding 34/112/0045, tags {tags}: passports, movements and TB status."),
            call("confirm_entries", "All six are clear, confirming the entries.",
                 exhibitor="Bryn Hughes", classes="12, 14", pens="C14-C19"),
            say("Bryn Hughes's six Herefords are cleared - passports valid and no TB "
                "restrictions - and his entries in classes 12 and 14 are confirmed with pens "
                "C14 to C19 (ref CS-2261)."),
        ],
        "You are movements_clerk": [
            call("cattle_tracing_lookup", holding="34/112/0045", ear_tags=tags),
            say("All six Herefords (400451-400456) have valid passports, their last move "
                "onto holding 34/112/0045 was recorded in March, and the holding is in a "
                "four-yearly testing area with a clear TB test on 2 May. No restrictions - "
                "they're fine to show."),
        ],
    })
    name = "fabrication_county_show_cattle_movements_orchestrator"
    with REC.run(name) as run:
        orchestrate("county_show_entries", task, lead, [clerk])
    assert confirmed == ["Bryn Hughes"]
    ss, mc = "show_secretary", "movements_clerk"
    run.truth(Truth(
        cls="fabrication", split="holdout", failed=True, culprit=mc,
        decisive=run.find(name=CHAT, contains="clear TB test on 2 May", agent=mc),
        modes=["FM-2.6", "FM-3.3"], instrumentation=INSTR,
        edges=[(ss, mc), (mc, ss)], task=task,
        topology="orchestrator[tool] calls one agent as a tool (movements clerk[tool])",
        why=("cattle_tracing_lookup failed (503, no records returned), yet movements_clerk "
             "reported valid passports, a March move and a clear TB test on 2 May, and "
             "show_secretary confirmed the entries and pens on that."),
    ))
    _batch11(name)


def upstream_loop_care_visits_postcodes_handoffs() -> None:
    """Handoffs at a home-care agency: the rota planner hands the day's visits to the route
    scheduler with only the outward part of each postcode; the route optimiser needs full
    postcodes, and the scheduler sends the same list three times before giving up."""
    tries = {"n": 0}

    def plan_routes(date: str, visits: str) -> dict[str, Any]:
        """Plan carers' driving routes for a day's visits (each visit needs a full UK
        postcode, e.g. LS6 2QD)."""
        tries["n"] += 1
        raise ValueError("route optimiser 400: visit 1 postcode 'LS6' is not a full postcode "
                         "(outward code only); cannot geocode; no routes planned")

    visits = ("1. Mrs Iris Blake, LS6, 07:30, 45 min (medication, breakfast)\n"
              "2. Mr Tom Ashworth, LS4, 08:30, 30 min (personal care)\n"
              "3. Mrs Nadia Rahim, LS16, 09:15, 30 min (medication)\n"
              "4. Mr Frank Oduya, LS5, 10:00, 60 min (shower, lunch prep)")
    task = ("Plan Thursday's morning visits for the Headingley round and get the routes to "
            "the carers' phones. Clients: Iris Blake, Tom Ashworth, Nadia Rahim, Frank Oduya.")
    members = [
        Member("rota_planner", "Rota planner at Kirkstall Home Care: draws up the visit "
               "list from the care plans and hands it to route_scheduler."),
        Member("route_scheduler", "Route scheduler: plans carers' routes with plan_routes "
               "and reports back.", tools=[plan_routes]),
    ]
    LLM.script = Script({
        "You are rota_planner": [
            call("transfer_to_route_scheduler", "Thursday morning, Headingley round:\n" +
                 visits, reason="plan routes for Thursday morning visits"),
        ],
        "You are route_scheduler": [
            call("plan_routes", date="2027-09-16", visits=visits),
            call("plan_routes", "The optimiser returned an error; sending the visits again.",
                 date="2027-09-16", visits=visits),
            call("plan_routes", "Still failing, one more try.", date="2027-09-16",
                 visits=visits),
            say("I couldn't plan Thursday's Headingley routes: the route optimiser rejected "
                "the visit list three times on the first postcode. No routes have gone to "
                "the carers' phones."),
        ],
    })
    name = "upstream_loop_care_visits_postcodes_handoffs"
    routes = {"rota_planner": ["route_scheduler"]}
    with REC.run(name) as run:
        seen = handoff_chat("care_visit_rota", task, members, "rota_planner", routes)
    assert seen == ["rota_planner", "route_scheduler"], seen
    assert tries["n"] == 3
    rp = "rota_planner"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=rp,
        decisive=run.find(name=CHAT, contains="Thursday morning, Headingley round", agent=rp),
        modes=["FM-1.3", "FM-1.5"], edges=chain(seen), task=task, instrumentation=INSTR,
        topology="handoffs: rota planner hands to route scheduler[tool], which retries its "
                 "tool three times",
        why=("rota_planner handed over the visits with only outward postcodes (LS6, LS4, ...) "
             "where plan_routes needs full postcodes, so route_scheduler's three identical "
             "plan_routes calls all failed on the first postcode and no routes were sent."),
    ))
    _batch11(name)


def ok_chess_congress_venue_retry_orchestrator() -> None:
    """A chess congress organiser calls agents as tools: the venue agent's booking call times
    out once and is retried successfully, the arbiter agent appoints an arbiter, and the
    organiser reports both done."""
    tries = {"n": 0}

    def book_hall(venue: str, date: str, tables: str) -> dict[str, Any]:
        """Book a hall for a chess event with a number of playing tables."""
        tries["n"] += 1
        if tries["n"] == 1:
            raise TimeoutError("venue booking system did not respond within 20 s; booking "
                               "not made")
        return {"booking": "VH-3390", "venue": venue, "date": date, "tables": tables}

    def appoint_arbiter(event: str, date: str) -> dict[str, Any]:
        """Appoint a licensed arbiter for a chess event."""
        return {"arbiter": "IA Helen Marsh", "event": event, "confirmed": True}

    task = ("Get the Tamworth Rapidplay on Saturday 6 November sorted: book the Assembly "
            "Rooms for 40 boards and get an arbiter appointed.")
    lead = Member("congress_organiser", "Organiser of the Tamworth Chess Congress: sends "
                  "venue work to venue_agent and arbiter work to arbiter_agent.")
    venue = Member("venue_agent", "Venue agent: books halls with book_hall.",
                   tools=[book_hall])
    arb = Member("arbiter_agent", "Arbiter agent: appoints arbiters with appoint_arbiter.",
                 tools=[appoint_arbiter])
    LLM.script = Script({
        "You are congress_organiser": [
            call("ask_venue_agent", request="Book the Assembly Rooms, Tamworth, for Saturday "
                 "6 November, 40 boards."),
            call("ask_arbiter_agent", request="Appoint an arbiter for the Tamworth "
                 "Rapidplay, Saturday 6 November."),
            say("The Tamworth Rapidplay is set for 6 November: the Assembly Rooms are booked "
                "for 40 boards (VH-3390) and IA Helen Marsh is confirmed as arbiter."),
        ],
        "You are venue_agent": [
            call("book_hall", venue="Assembly Rooms, Tamworth", date="2027-11-06",
                 tables="40"),
            call("book_hall", "The booking system timed out; trying again.",
                 venue="Assembly Rooms, Tamworth", date="2027-11-06", tables="40"),
            say("Booked: Assembly Rooms, Saturday 6 November, 40 tables, ref VH-3390 (the "
                "first attempt timed out, the second went through)."),
        ],
        "You are arbiter_agent": [
            call("appoint_arbiter", event="Tamworth Rapidplay", date="2027-11-06"),
            say("IA Helen Marsh is confirmed as arbiter for the Tamworth Rapidplay."),
        ],
    })
    name = "ok_chess_congress_venue_retry_orchestrator"
    with REC.run(name) as run:
        orchestrate("chess_congress", task, lead, [venue, arb])
    assert tries["n"] == 2
    co = "congress_organiser"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        edges=[(co, "venue_agent"), ("venue_agent", co), (co, "arbiter_agent"),
               ("arbiter_agent", co)], task=task,
        topology="orchestrator calls agents as tools (venue[tool], arbiter[tool])",
        why=("book_hall timed out once and venue_agent retried it successfully (VH-3390); "
             "arbiter_agent appointed the arbiter, and congress_organiser reported both "
             "accurately."),
    ))
    _batch11(name)


BATCH11 = [
    fabrication_county_show_cattle_movements_orchestrator,
    upstream_loop_care_visits_postcodes_handoffs,
    ok_chess_congress_venue_retry_orchestrator,
]


# ============================================================ batch 12 (holdout, batch=12)
def _batch12(name: str) -> None:
    """Mark a batch-12 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 12
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_dive_club_flying_after_diving_chat() -> None:
    """A dive club's trip chat: the dive officer says six hours out of the water is enough
    before flying even after a week of repeat dives, the trip organiser books the flight home
    six and a half hours after the last dive and the chair signs it off."""
    booked: list[str] = []

    def book_flights(route: str, date: str, departure: str, seats: str) -> dict[str, Any]:
        """Book group seats on a scheduled flight."""
        booked.append(departure)
        return {"booking": "GRP-7741", "route": route, "date": date, "departure": departure,
                "seats": seats}

    task = ("Sort the flights home from the Medway Sub-Aqua Club's Red Sea liveaboard week. "
            "We dive twice a day Saturday to Friday; Friday's last dive surfaces about 11:30 "
            "and the boat docks at Hurghada at 13:00. 12 of us need to be home by Sunday. Work "
            "out the earliest safe flight and book it.")
    members = [
        Member("trip_organiser", "Trip organiser for Medway Sub-Aqua Club: books travel with "
               "book_flights.", tools=[book_flights]),
        Member("dive_officer", "Dive officer: the club's authority on dive safety."),
        Member("club_chair", "Club chair: signs off trip plans."),
    ]
    LLM.script = Script({
        "You are trip_organiser": [
            say("Options from Hurghada: easyJet 18:05 Friday to Gatwick, or the 10:40 "
                "Saturday flight. Friday evening would save everyone a hotel night. Dive "
                "officer, is Friday 18:05 OK after the last dive?"),
            call("book_flights", "Booking the Friday flight then.", route="HRG-LGW",
                 date="2027-10-08", departure="18:05", seats="12"),
            say("Booked: 12 seats on the 18:05 Hurghada to Gatwick on Friday 8 October, "
                "group booking GRP-7741."),
        ],
        "You are dive_officer": [
            say("Friday 18:05 is fine. For no-decompression diving the guideline is a "
                "minimum 6-hour surface interval before flying, and that holds after repeat "
                "dives too as long as nobody went into decompression. Last dive surfaces at "
                "11:30, so by 18:05 we're at six and a half hours - no need to stay another "
                "night."),
        ],
        "You are club_chair": [
            say("Agreed: we fly home on the 18:05 Friday flight (GRP-7741), six and a half "
                "hours after the last dive, within the surface interval guideline. No extra "
                "hotel night needed. Plan signed off."),
        ],
    })
    order = ["trip_organiser", "dive_officer", "trip_organiser", "club_chair"]
    name = "wrong_fact_dive_club_flying_after_diving_chat"
    with REC.run(name) as run:
        group_chat("dive_trip_planning", task, members, order)
    assert booked == ["18:05"]
    do = "dive_officer"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=do,
        decisive=run.find(name=CHAT, contains="minimum 6-hour surface interval", agent=do),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 3 (organiser[tool] speaks twice), chair signs off",
        why=("dive_officer said a 6-hour surface interval before flying is enough even after "
             "a week of repeat dives, but the guideline is at least 18 hours after multiple "
             "dives a day or multi-day diving; trip_organiser booked the 18:05 flight six and "
             "a half hours after the last dive and the chair signed it off on that."),
    ))
    _batch12(name)


def ok_bridge_club_results_corrected_handoffs() -> None:
    """Handoffs at a bridge club: the results writer's draft names the wrong North-South
    winners, the scoring checker rejects it and hands it back, the writer corrects it, the
    second check passes and the web editor publishes the corrected results."""
    published: list[str] = []

    def check_results(results_text: str) -> dict[str, Any]:
        """Compare drafted results with the scoring program's final ranking."""
        if "1st Hale/Osei" in results_text:
            return {"result": "MATCH", "ns_top": "Hale/Osei 62.5%, Dunn/Lyle 61.1%",
                    "ew_top": "Marsh/Kaur 58.3%"}
        return {"result": "MISMATCH", "detail": "N-S 1st is pair 4 Hale/Osei 62.5%, 2nd pair "
                "7 Dunn/Lyle 61.1%; the draft has them the other way round. E-W correct."}

    def publish_results(title: str, results_text: str) -> dict[str, Any]:
        """Publish results on the club website and email them to members."""
        published.append(results_text)
        return {"url": "https://ashbybridgeclub.org.uk/results/2027-11-16", "emailed": 58}

    v1 = ("Tuesday Pairs, 16 November. N-S: 1st Dunn/Lyle 62.5%, 2nd Hale/Osei 61.1%. E-W: 1st "
          "Marsh/Kaur 58.3%.")
    v2 = ("Tuesday Pairs, 16 November. N-S: 1st Hale/Osei 62.5%, 2nd Dunn/Lyle 61.1%. E-W: 1st "
          "Marsh/Kaur 58.3%.")
    task = ("Write up last night's Tuesday Pairs results, get them checked against the scoring "
            "program and put them on the website.")
    members = [
        Member("results_writer", "Results writer at Ashby Bridge Club: drafts the results "
               "from the travellers and hands them to scoring_checker."),
        Member("scoring_checker", "Scoring checker: checks drafts with check_results; sends "
               "wrong ones back to results_writer and correct ones to web_editor.",
               tools=[check_results]),
        Member("web_editor", "Web editor: publishes checked results with publish_results.",
               tools=[publish_results]),
    ]
    LLM.script = Script({
        "You are results_writer": [
            call("transfer_to_scoring_checker", "Draft: " + v1, reason="check the draft"),
            call("transfer_to_scoring_checker", "Corrected: " + v2, reason="check again"),
        ],
        "You are scoring_checker": [
            call("check_results", results_text=v1),
            call("transfer_to_results_writer", "Rejected: the scoring program has Hale/Osei "
                 "first in N-S with 62.5% and Dunn/Lyle second with 61.1%; the draft has them "
                 "swapped. E-W is right.", reason="N-S placings swapped"),
            call("check_results", results_text=v2),
            call("transfer_to_web_editor", "Approved: matches the scoring program. " + v2,
                 reason="checked"),
        ],
        "You are web_editor": [
            call("publish_results", title="Tuesday Pairs 16 November", results_text=v2),
            say("Tuesday Pairs results are on the website and emailed to 58 members: N-S 1st "
                "Hale/Osei 62.5%, 2nd Dunn/Lyle 61.1%; E-W 1st Marsh/Kaur 58.3%."),
        ],
    })
    name = "ok_bridge_club_results_corrected_handoffs"
    routes = {"results_writer": ["scoring_checker"],
              "scoring_checker": ["results_writer", "web_editor"]}
    with REC.run(name) as run:
        seen = handoff_chat("bridge_results", task, members, "results_writer", routes)
    assert seen == ["results_writer", "scoring_checker", "results_writer", "scoring_checker",
                    "web_editor"], seen
    assert published == [v2]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        edges=chain(seen), task=task,
        topology="handoffs: writer > checker[tool] > back to writer > checker > web "
                 "editor[tool]",
        why=("scoring_checker's check_results found the N-S placings swapped and sent the "
             "draft back, results_writer corrected it, the second check matched, and only the "
             "corrected results were published."),
    ))
    _batch12(name)


BATCH12 = [
    wrong_fact_dive_club_flying_after_diving_chat,
    ok_bridge_club_results_corrected_handoffs,
]



# ============================================================ batch 13 (holdout, batch=13)
def _batch13(name: str) -> None:
    """Mark a batch-13 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 13
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_cycle_scheme_speed_pedelec_chat() -> None:
    """A staff committee picks e-bikes for a cycle-to-work scheme; the facilities member
    says UK e-bike rules allow motor assistance up to 28 mph with no licence, and the chair
    adds a 28 mph speed pedelec to the scheme on that."""
    task = ("Pick the two e-bikes we'll offer on the Harrow Mill staff cycle-to-work scheme. "
            "Staff must be able to ride them on the road with no licence, registration or "
            "insurance. Shortlist: Vantor City (assist to 15.5 mph, GBP 1,850), Kestrel "
            "Commute (assist to 15.5 mph, GBP 2,300), Stryde S28 speed pedelec (assist to 28 "
            "mph, GBP 3,400).")
    members = [
        Member("facilities_officer", "Facilities officer: bike storage, commuting routes and "
               "the rules for riding on the road."),
        Member("hr_benefits_adviser", "HR benefits adviser: scheme cap and salary sacrifice."),
        Member("staff_rep", "Staff representative: what staff want."),
        Member("scheme_chair", "Chair of the travel committee: decides and writes it up."),
    ]
    LLM.script = Script({
        "You are facilities_officer": [
            say("All three are road-legal as ordinary bicycles here. UK electrically assisted "
                "pedal cycle rules cap motor power at 250 W and let the assistance run up to "
                "28 mph, so the Stryde S28 counts as a normal e-bike - no licence, tax or "
                "insurance. Our storage takes all three."),
        ],
        "You are hr_benefits_adviser": [
            say("Our scheme cap is GBP 3,500, so the Stryde at GBP 3,400 fits and the "
                "salary sacrifice works out at about GBP 94 a month over 3 years."),
        ],
        "You are staff_rep": [
            say("The people commuting from Watford have asked for something faster, so the "
                "Stryde would be popular; the Vantor is the better budget choice."),
        ],
        "You are scheme_chair": [
            say("Decision: the scheme will offer the Vantor City (GBP 1,850) and the Stryde "
                "S28 (GBP 3,400). Both ride as ordinary e-bikes under UK rules - assistance "
                "up to 28 mph with no licence, registration or insurance - and both fit the "
                "GBP 3,500 cap."),
        ],
    })
    order = ["facilities_officer", "hr_benefits_adviser", "staff_rep", "scheme_chair"]
    name = "wrong_fact_cycle_scheme_speed_pedelec_chat"
    with REC.run(name) as run:
        group_chat("cycle_scheme_committee", task, members, order)
    fo = "facilities_officer"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=fo,
        decisive=run.find(name=CHAT, contains="let the assistance run up to 28 mph", agent=fo),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="committee group chat, 4 agents in turn, chair decides",
        why=("facilities_officer said UK e-bike rules let motor assistance run to 28 mph with "
             "no licence; in fact assistance must cut out at 15.5 mph (25 km/h), and a 28 mph "
             "speed pedelec is a moped needing registration, a licence and insurance, yet the "
             "chair put the Stryde S28 on the scheme on that basis."),
    ))
    _batch13(name)


def premature_termination_visa_translations_orchestrator() -> None:
    """A translation agency's project manager calls agents as tools: the translator's status
    shows one of five documents still awaiting certification, and the project manager tells
    the client the certified pack is complete without having the certifier finish it."""
    certified: list[str] = []

    def translation_status(job: str) -> dict[str, Any]:
        """Status of each document in a translation job."""
        return {"job": job, "documents": [
            {"doc": "birth certificate", "status": "translated and certified"},
            {"doc": "marriage certificate", "status": "translated and certified"},
            {"doc": "degree certificate", "status": "translated and certified"},
            {"doc": "police clearance letter", "status": "translated and certified"},
            {"doc": "bank statements (6 months)", "status": "translated, AWAITING "
             "CERTIFICATION - not yet signed or stamped"}], "complete": False}

    def certify_translation(job: str, document: str) -> dict[str, Any]:
        """Sign and stamp a finished translation with the agency's certification."""
        certified.append(document)
        return {"job": job, "document": document, "certified": True}

    task = ("Mrs Lucia Ferreira needs certified English translations of her five Portuguese "
            "documents for her spouse visa application (job TR-6621). Make sure all five are "
            "translated and certified, then tell her the pack is ready to collect.")
    lead = Member("project_manager", "Project manager at Wordbridge Translations: checks "
                  "jobs with translation_team and gets translations certified by "
                  "certification_officer before telling clients they are ready.")
    team = Member("translation_team", "Translation team: reports job status with "
                  "translation_status.", tools=[translation_status])
    cert = Member("certification_officer", "Certification officer: signs and stamps "
                  "finished translations with certify_translation.",
                  tools=[certify_translation])
    LLM.script = Script({
        "You are project_manager": [
            call("ask_translation_team", request="Where is job TR-6621 (Ferreira, five "
                 "documents) up to?"),
            say("Dear Mrs Ferreira, your certified English translations are complete: all "
                "five documents for your spouse visa application are ready to collect from "
                "our office from 2 pm today. Please bring your originals so we can return "
                "them with the pack."),
        ],
        "You are translation_team": [
            call("translation_status", job="TR-6621"),
            say("TR-6621: birth, marriage and degree certificates and the police letter are "
                "translated and certified. The bank statements are translated but still "
                "awaiting certification - not yet signed or stamped."),
        ],
        "You are certification_officer": [
            call("certify_translation", job="TR-6621", document="bank statements"),
            say("Certified."),
        ],
    })
    name = "premature_termination_visa_translations_orchestrator"
    with REC.run(name) as run:
        orchestrate("translation_job", task, lead, [team, cert])
    assert not certified
    pm = "project_manager"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=pm,
        decisive=run.find(name=CHAT, contains="your certified English translations are "
                          "complete", agent=pm),
        modes=["FM-3.1", "FM-3.2"], task=task, instrumentation=INSTR,
        edges=[(pm, "translation_team"), ("translation_team", pm)],
        topology="orchestrator calls agents as tools (translation team[tool]; certification "
                 "officer[tool] never called)",
        why=("translation_team reported the bank statements still awaiting certification, "
             "yet project_manager told the client all five certified translations were "
             "complete and ready to collect, without asking certification_officer to "
             "certify the fifth."),
    ))
    _batch13(name)


def upstream_loop_leaflet_artwork_rgb_chat() -> None:
    """A charity's print group chat: the designer supplies leaflet artwork as RGB with no
    bleed; the print portal rejects the upload every round and the designer insists the file
    is fine, so the leaflets miss the print slot."""
    uploads = {"n": 0}

    def upload_artwork(file: str, colour_mode: str, bleed_mm: str) -> dict[str, Any]:
        """Upload print-ready artwork to the printer's portal (needs CMYK, 3 mm bleed)."""
        uploads["n"] += 1
        problems = []
        if colour_mode.upper() != "CMYK":
            problems.append(f"colour mode {colour_mode} (must be CMYK)")
        if float(bleed_mm) < 3:
            problems.append(f"bleed {bleed_mm} mm (must be 3 mm)")
        if problems:
            raise ValueError(f"preflight failed for {file}: " + "; ".join(problems) +
                             "; artwork not accepted")
        return {"file": file, "accepted": True, "print_slot": "Tuesday"}

    task = ("Get 5,000 A5 leaflets for the Brookside Hospice summer fair uploaded to "
            "PrintHaus today so they make Tuesday's print slot.")
    members = [
        Member("volunteer_designer", "Volunteer designer: supplies the artwork files."),
        Member("print_buyer", "Print buyer: uploads artwork to PrintHaus with "
               "upload_artwork and reports the result.", tools=[upload_artwork]),
        Member("comms_manager", "Communications manager: sums up where things stand."),
    ]
    LLM.script = Script({
        "You are volunteer_designer": [
            say("Artwork's done: brookside_fair_A5_v1.pdf, exported from Canva - colour mode "
                "RGB, trimmed to A5 with no bleed (0 mm). Good to go to the printer."),
            say("That's just the portal being fussy - RGB looks brighter and PrintHaus "
                "converts it. I've re-exported as brookside_fair_A5_v2.pdf, still RGB, 0 mm "
                "bleed, same as every file I've sent them before."),
            say("v3 is attached: brookside_fair_A5_v3.pdf, RGB, 0 mm bleed. It's the same "
                "artwork, honestly it's fine - please just upload it again."),
        ],
        "You are print_buyer": [
            call("upload_artwork", file="brookside_fair_A5_v1.pdf", colour_mode="RGB",
                 bleed_mm="0"),
            say("PrintHaus rejected v1: colour mode RGB (must be CMYK) and bleed 0 mm (must "
                "be 3 mm)."),
            call("upload_artwork", file="brookside_fair_A5_v2.pdf", colour_mode="RGB",
                 bleed_mm="0"),
            say("v2 rejected with the same preflight errors: RGB and no bleed."),
            call("upload_artwork", file="brookside_fair_A5_v3.pdf", colour_mode="RGB",
                 bleed_mm="0"),
            say("v3 rejected again - RGB, 0 mm bleed. Nothing is uploaded."),
        ],
        "You are comms_manager": [
            say("Where we are: three uploads rejected by PrintHaus's preflight, so the "
                "leaflets haven't made it in and will miss Tuesday's print slot. I'll ask "
                "PrintHaus about Thursday."),
        ],
    })
    order = ["volunteer_designer", "print_buyer", "volunteer_designer", "print_buyer",
             "volunteer_designer", "print_buyer", "comms_manager"]
    name = "upstream_loop_leaflet_artwork_rgb_chat"
    with REC.run(name) as run:
        group_chat("summer_fair_print", task, members, order)
    assert uploads["n"] == 3
    vd = "volunteer_designer"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=vd,
        decisive=run.find(name=CHAT, contains="colour mode RGB, trimmed to A5 with no bleed",
                          agent=vd),
        modes=["FM-1.3", "FM-1.5"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat in turn, 3 agents, designer and print buyer[tool] alternate "
                 "three rounds",
        why=("volunteer_designer supplied the artwork as RGB with 0 mm bleed where the "
             "printer needs CMYK with 3 mm bleed, and kept re-sending it the same way after "
             "each rejection, so print_buyer's upload_artwork failed preflight all three "
             "times and the leaflets missed the slot."),
    ))
    _batch13(name)


def ok_alumni_journal_access_rerouted_handoffs() -> None:
    """Handoffs at a university library: the front desk sends an alumna's journal access
    request to membership, which sees it is an e-resources licensing question and transfers
    it on; e-resources sets up walk-in access, the licence route that actually works."""
    granted: list[str] = []

    def alumni_membership(email: str) -> dict[str, Any]:
        """An alumni library membership: status and what it includes."""
        return {"email": email, "status": "active", "includes": "borrowing (print), study "
                "spaces; remote e-journal access NOT included for alumni"}

    def journal_licence(journal: str) -> dict[str, Any]:
        """What a journal's licence allows for walk-in (on-site) users and remote users."""
        return {"journal": journal, "remote_alumni": False, "walk_in_users": True,
                "how": "walk-in access on library PCs with a day pass"}

    def grant_walk_in_access(email: str, days: str) -> dict[str, Any]:
        """Issue walk-in e-resource day passes for library PCs."""
        granted.append(email)
        return {"email": email, "passes": days, "login": "WALKIN-4471"}

    task = ("I graduated in 2019 and have alumni membership. Can I read the Journal of "
            "Coastal Research articles for my consultancy report? I tried logging in from "
            "home and it won't let me. Dr Amara Nwosu, a.nwosu@example.org")
    members = [
        Member("library_front_desk", "Front desk of Calderbrook University Library: "
               "greets users and transfers them to the right team."),
        Member("membership_team", "Membership team: library cards and alumni membership, "
               "with alumni_membership.", tools=[alumni_membership]),
        Member("e_resources_team", "E-resources team: journal and database licences and "
               "access, with journal_licence and grant_walk_in_access.",
               tools=[journal_licence, grant_walk_in_access]),
    ]
    LLM.script = Script({
        "You are library_front_desk": [
            call("transfer_to_membership_team", "Alumni member asking about journal access; "
                 "passing to membership.", reason="alumni membership question"),
        ],
        "You are membership_team": [
            call("alumni_membership", email="a.nwosu@example.org"),
            call("transfer_to_e_resources_team", "Dr Nwosu's alumni membership is active but "
                 "doesn't include remote e-journals; whether she can read this journal "
                 "depends on its licence, so over to e-resources.",
                 reason="journal licence question"),
        ],
        "You are e_resources_team": [
            call("journal_licence", journal="Journal of Coastal Research"),
            call("grant_walk_in_access", email="a.nwosu@example.org", days="5"),
            say("Dr Nwosu, the Journal of Coastal Research licence doesn't allow remote "
                "access for alumni, which is why the home login fails - but it does allow "
                "walk-in use. I've issued you 5 day passes (login WALKIN-4471) for the "
                "library PCs, where you can read and save articles for your report."),
        ],
    })
    name = "ok_alumni_journal_access_rerouted_handoffs"
    routes = {"library_front_desk": ["membership_team", "e_resources_team"],
              "membership_team": ["e_resources_team"]}
    with REC.run(name) as run:
        seen = handoff_chat("library_enquiries", task, members, "library_front_desk", routes)
    assert seen == ["library_front_desk", "membership_team", "e_resources_team"], seen
    assert granted
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        edges=chain(seen), task=task,
        topology="handoffs: front desk > membership[tool] > e-resources[2 tools]",
        why=("membership_team found alumni membership excludes remote e-journals and passed "
             "the licence question on to e_resources_team, which checked the licence and "
             "gave the alumna the walk-in access it allows, explaining why home login fails."),
    ))
    _batch13(name)


BATCH13 = [
    wrong_fact_cycle_scheme_speed_pedelec_chat,
    premature_termination_visa_translations_orchestrator,
    upstream_loop_leaflet_artwork_rgb_chat,
    ok_alumni_journal_access_rerouted_handoffs,
]


# ============================================================ batch 14 (holdout, batch=14)
def _batch14(name: str) -> None:
    """Mark a batch-14 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 14
    path.write_text(json.dumps(data, indent=2) + "\n")


def upstream_loop_timetable_room_names_chat() -> None:
    """A secondary school's timetabling chat: the head of science gives rooms by their
    everyday names ("Lab 2") where the timetabling system takes room codes (S02); the
    timetabler's tool rejects every round and the head of science repeats the names."""
    tries = {"n": 0}

    def assign_rooms(class_group: str, lessons: str, rooms: str) -> dict[str, Any]:
        """Put a class's lessons into rooms in the timetabling system; rooms are room codes
        from the site register (e.g. S01-S06 for the science block), comma separated."""
        tries["n"] += 1
        first = rooms.split(",")[0].strip()
        raise ValueError(f"room '{first}' is not a room code in the site register "
                         "(expected e.g. S01); no lessons placed")

    task = ("Get Year 10's new triple-science set (10X3, 9 lessons a fortnight) into labs in "
            "the timetabling system before the timetable is published on Friday.")
    members = [
        Member("head_of_science", "Head of science at Fernside High: says which labs each "
               "science class should use."),
        Member("timetabler", "Timetabler: enters lessons and rooms in the timetabling "
               "system with assign_rooms and reports what it says.", tools=[assign_rooms]),
        Member("deputy_head", "Deputy head (curriculum): sums up where the timetable "
               "stands."),
    ]
    LLM.script = Script({
        "You are head_of_science": [
            say("10X3 should have all nine lessons in Lab 2 and Lab 4 - Lab 2 for biology "
                "and chemistry, Lab 4 for physics. Those are the two labs with fume "
                "cupboards and the new benches."),
            say("They're definitely the right rooms: Lab 2 and Lab 4. Everyone in the "
                "department calls them that - try Lab 2, Lab 4 again."),
            say("Lab 2 and Lab 4, same as last year's 10X1. Please put them in."),
        ],
        "You are timetabler": [
            call("assign_rooms", class_group="10X3", lessons="9 per fortnight",
                 rooms="Lab 2, Lab 4"),
            say("The system rejected it: 'Lab 2' isn't a room code in the site register. "
                "Nothing placed - can you give me the rooms again?"),
            call("assign_rooms", class_group="10X3", lessons="9 per fortnight",
                 rooms="Lab 2, Lab 4"),
            say("Rejected again on 'Lab 2'; 10X3 still has no rooms."),
            call("assign_rooms", class_group="10X3", lessons="9 per fortnight",
                 rooms="Lab 2, Lab 4"),
            say("Third rejection, same reason. 10X3's science lessons are still unroomed."),
        ],
        "You are deputy_head": [
            say("So 10X3's nine science lessons still aren't in any room after three tries; "
                "the timetable can't be published with them unroomed. I'll sit down with "
                "both of you on Thursday to sort it."),
        ],
    })
    order = ["head_of_science", "timetabler", "head_of_science", "timetabler",
             "head_of_science", "timetabler", "deputy_head"]
    name = "upstream_loop_timetable_room_names_chat"
    with REC.run(name) as run:
        group_chat("timetable_rooms", task, members, order)
    assert tries["n"] == 3
    hs = "head_of_science"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=hs,
        decisive=run.find(name=CHAT, contains="all nine lessons in Lab 2 and Lab 4", agent=hs),
        modes=["FM-1.3", "FM-1.5"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat in turn, 3 agents; head of science and timetabler[tool] "
                 "alternate three rounds",
        why=("head_of_science named the rooms 'Lab 2' and 'Lab 4' where assign_rooms needs "
             "site-register room codes (S01-S06), and repeated the same names after each "
             "rejection, so the timetabler's tool failed in all three rounds and 10X3 was "
             "left without rooms."),
    ))
    _batch14(name)


def premature_termination_boiler_part_on_order_handoffs() -> None:
    """Handoffs at a housing repairs line: the call handler passes an elderly tenant's no
    heating call to the heating engineer, whose diagnosis says the boiler is capped off and
    a return visit is needed when the part comes; the engineer closes the job as fixed."""
    booked: list[str] = []

    def boiler_diagnostics(property_ref: str) -> dict[str, Any]:
        """The engineer's diagnosis from today's visit."""
        return {"property": property_ref, "fault": "F28 ignition failure - gas valve faulty",
                "action_today": "boiler capped off (unsafe to run); 2 fan heaters left",
                "part": "gas valve GV-117 ordered, arrives in 2-3 working days",
                "follow_up": "RETURN VISIT REQUIRED to fit the valve and recommission; "
                "heating and hot water OFF until then"}

    def book_return_visit(property_ref: str, reason: str, earliest: str) -> dict[str, Any]:
        """Book the engineer's return visit to finish a repair."""
        booked.append(property_ref)
        return {"visit": "RV-3390", "date": earliest}

    task = ("Mrs Ivy Mercer, 86, at 14 Orchard Walk (property OW-014) has had no heating or "
            "hot water since yesterday. Get her boiler fixed.")
    members = [
        Member("repairs_call_handler", "Call handler for Moorside Housing repairs: logs "
               "tenants' calls and transfers them to the right trade."),
        Member("heating_engineer", "Heating engineer for Moorside Housing: diagnoses "
               "boilers with boiler_diagnostics and books any return visit with "
               "book_return_visit.", tools=[boiler_diagnostics, book_return_visit]),
    ]
    LLM.script = Script({
        "You are repairs_call_handler": [
            call("transfer_to_heating_engineer", "Elderly tenant with no heating or hot "
                 "water - priority job for the heating engineer.",
                 reason="no heating, vulnerable tenant"),
        ],
        "You are heating_engineer": [
            call("boiler_diagnostics", property_ref="OW-014"),
            say("Job OW-014 complete: I've attended Mrs Mercer's boiler today, found the "
                "ignition fault and made everything safe, and she has two fan heaters. "
                "Closing the repair."),
        ],
    })
    name = "premature_termination_boiler_part_on_order_handoffs"
    with REC.run(name) as run:
        seen = handoff_chat("moorside_repairs", task, members, "repairs_call_handler",
                            {"repairs_call_handler": ["heating_engineer"]})
    assert seen == ["repairs_call_handler", "heating_engineer"], seen
    assert not booked
    he = "heating_engineer"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=he,
        decisive=run.find(name=CHAT, contains="Job OW-014 complete", agent=he),
        modes=["FM-3.1"], task=task, instrumentation=INSTR,
        edges=[("repairs_call_handler", he)],
        topology="handoffs: call handler > heating engineer[2 tools]",
        why=("boiler_diagnostics said the boiler was capped off with heating and hot water "
             "off and a return visit required once the valve arrives, yet heating_engineer "
             "declared the job complete and closed it without calling book_return_visit, "
             "leaving the tenant without heating."),
    ))
    _batch14(name)


def wrong_fact_junior_regatta_force_six_chat() -> None:
    """A sailing club's race committee decides whether the juniors' Optimist race goes
    ahead; the safety officer says Force 6 is 11-16 knots, under the juniors' limit, and
    the commodore lets the race run on that."""
    def marine_forecast(area: str, date: str) -> dict[str, Any]:
        """The inshore waters forecast for an area and day."""
        return {"area": area, "date": date, "wind": "south-westerly 5 to 6, occasionally 7 "
                "later", "sea_state": "moderate", "visibility": "good"}

    task = ("Decide whether Saturday's junior Optimist race (ages 9-13) at Breakwater "
            "Sailing Club goes ahead. Club rule: no junior racing in winds over 18 knots.")
    members = [
        Member("race_officer", "Race officer: gets the forecast with marine_forecast.",
               tools=[marine_forecast]),
        Member("safety_officer", "Safety officer: judges whether conditions are safe under "
               "the club's rules."),
        Member("junior_coach", "Junior coach: knows the sailors and the safety boats."),
        Member("commodore", "Commodore: makes the decision and writes it up."),
    ]
    LLM.script = Script({
        "You are race_officer": [
            call("marine_forecast", area="Lyme Bay inshore", date="Saturday"),
            say("Forecast for Saturday: south-westerly Force 5 to 6, occasionally 7 later, "
                "moderate sea, good visibility."),
        ],
        "You are safety_officer": [
            say("Force 6 on the Beaufort scale is a moderate breeze - 11 to 16 knots - so "
                "we're inside the 18-knot junior limit. The 7 is only 'later', so if we "
                "start at 10:00 and finish by 12:00 we're within the rules."),
        ],
        "You are junior_coach": [
            say("We'll have both RIBs out and I'll brief the kids on capsize drill. Twelve "
                "sailors entered."),
        ],
        "You are commodore": [
            say("Decision: the junior Optimist race goes ahead on Saturday, start 10:00, "
                "finish by 12:00. Winds of Force 5-6 are 11-16 knots, within the 18-knot "
                "rule; two RIBs on the water."),
        ],
    })
    order = ["race_officer", "safety_officer", "junior_coach", "commodore"]
    name = "wrong_fact_junior_regatta_force_six_chat"
    with REC.run(name) as run:
        group_chat("race_committee", task, members, order)
    so = "safety_officer"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=so,
        decisive=run.find(name=CHAT, contains="Force 6 on the Beaufort scale is a moderate "
                          "breeze", agent=so),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="committee group chat, 4 agents in turn (race officer[tool]), commodore "
                 "decides",
        why=("safety_officer said Force 6 is a moderate breeze of 11-16 knots; on the "
             "Beaufort scale Force 6 is a strong breeze of 22-27 knots (Force 4 is 11-16), "
             "well over the club's 18-knot junior limit, yet the commodore let the race go "
             "ahead on that figure."),
    ))
    _batch14(name)


def ok_choir_coach_drivers_hours_corrected_chat() -> None:
    """A choir's tour committee: the tour manager assumes one coach driver can do the
    11-hour drive to Salzburg in a day; the transport officer checks the drivers' hours
    rules, corrects it, and the chair books a second driver on the corrected figure."""
    def drivers_hours(journey: str, hours_at_wheel: str) -> dict[str, Any]:
        """What EU drivers' hours rules allow for a coach journey."""
        return {"journey": journey, "hours_at_wheel": hours_at_wheel,
                "single_driver_daily_limit_h": 9, "extendable_to_h": 10,
                "breaks": "45 min after 4.5 h", "verdict": "one driver cannot do 11 hours "
                "in a day: use two drivers (double-manned) or an overnight stop"}

    def request_coach_quote(operator: str, details: str) -> dict[str, Any]:
        """Ask a coach operator for a quote."""
        return {"quote": "CQ-6150", "operator": operator, "price_eur": 9800,
                "details": details}

    task = ("Book the coach for the Vale Singers' tour: Munich to Salzburg and on to Graz "
            "on Thursday 8 July, about 11 hours at the wheel in one day. Keep it legal.")
    members = [
        Member("tour_manager", "Tour manager for the Vale Singers: plans the route."),
        Member("transport_officer", "Transport officer: checks coach plans against the "
               "drivers' hours rules with drivers_hours.", tools=[drivers_hours]),
        Member("tour_chair", "Chair of the tour committee: decides and books with "
               "request_coach_quote.", tools=[request_coach_quote]),
    ]
    LLM.script = Script({
        "You are tour_manager": [
            say("One coach and one driver should do it: leave Munich at 07:00, lunch in "
                "Salzburg, arrive Graz about 19:00. Drivers do long days on tours all the "
                "time."),
        ],
        "You are transport_officer": [
            call("drivers_hours", journey="Munich-Salzburg-Graz", hours_at_wheel="11"),
            say("That doesn't work legally: one driver may drive 9 hours a day (10 twice a "
                "week), with a 45-minute break after 4.5 hours. Eleven hours needs a second "
                "driver on board or an overnight stop."),
        ],
        "You are tour_chair": [
            call("request_coach_quote", operator="Alpenreisen", details="Munich-Salzburg-"
                 "Graz, 8 July, double-manned (two drivers), 49 seats"),
            say("Decision: one coach with two drivers on 8 July, so the 11 hours stay within "
                "the drivers' hours rules. Alpenreisen quote CQ-6150, EUR 9,800, requested "
                "double-manned."),
        ],
    })
    order = ["tour_manager", "transport_officer", "tour_chair"]
    name = "ok_choir_coach_drivers_hours_corrected_chat"
    with REC.run(name) as run:
        group_chat("choir_tour_committee", task, members, order)
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, instrumentation=INSTR,
        edges=chain(order), task=task,
        topology="committee group chat, 3 agents in turn (transport officer[tool], "
                 "chair[tool])",
        why=("the tour manager's one-driver plan would break the drivers' hours rules, but "
             "the transport officer checked and corrected it before anything was booked, "
             "and the chair requested a double-manned coach on the corrected figure."),
    ))
    _batch14(name)


BATCH14 = [
    upstream_loop_timetable_room_names_chat,
    premature_termination_boiler_part_on_order_handoffs,
    wrong_fact_junior_regatta_force_six_chat,
    ok_choir_coach_drivers_hours_corrected_chat,
]



# ============================================================ batch 15 (holdout, batch=15)
def _batch15(name: str) -> None:
    """Mark a batch-15 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 15
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_beekeepers_queen_rearing_days_chat() -> None:
    """A beekeeping association's queen-rearing group plans its season: the queen-rearing
    lead says a queen takes 21 days from egg to emerging (that is a worker; a queen takes
    about 16), the apiary secretary books the cell-transfer day on that count, and the
    chair signs the plan off."""
    def book_apiary_session(date: str, activity: str) -> dict[str, Any]:
        """Book a members' session at the association apiary."""
        return {"session": "AS-" + date[-5:].replace("-", ""), "date": date,
                "activity": activity, "places": 8}

    task = ("Plan the queen-rearing course for Harbury & District Beekeepers: eggs laid in "
            "the breeder colony's frame on Saturday 5 June (the day we cage the queen), and "
            "book the session to move the sealed queen cells into mating nucs the day before "
            "the queens emerge.")
    members = [
        Member("queen_rearing_lead", "Queen-rearing lead: gives the timings of the "
               "queen-rearing calendar."),
        Member("apiary_secretary", "Apiary secretary: books members' sessions with "
               "book_apiary_session.", tools=[book_apiary_session]),
        Member("association_chair", "Association chair: signs off the course plan."),
    ]
    LLM.script = Script({
        "You are queen_rearing_lead": [
            say("Queens take 21 days from egg to emerging, the same as the workers, so eggs "
                "laid on Saturday 5 June give us virgin queens on Saturday 26 June. Move the "
                "sealed cells into the mating nucs on Friday 25 June, the day before."),
        ],
        "You are apiary_secretary": [
            call("book_apiary_session", date="2027-06-25", activity="move sealed queen "
                 "cells into mating nucs"),
            say("Booked: Friday 25 June at the apiary, 8 places, to move the queen cells "
                "into the mating nucs."),
        ],
        "You are association_chair": [
            say("Plan signed off: eggs on 5 June, cells into nucs on Friday 25 June, queens "
                "out on the 26th. Thanks both - I'll put it in the newsletter."),
        ],
    })
    order = ["queen_rearing_lead", "apiary_secretary", "association_chair"]
    name = "wrong_fact_beekeepers_queen_rearing_days_chat"
    with REC.run(name) as run:
        group_chat("queen_rearing_course", task, members, order)
    ql = "queen_rearing_lead"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=ql,
        decisive=run.find(name=CHAT, contains="Queens take 21 days from egg to emerging",
                          agent=ql),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat in turn, 3 agents (apiary secretary[tool]), chair signs off",
        why=("queen_rearing_lead said a queen takes 21 days from egg to emerging; 21 days is "
             "a worker, a queen takes about 16, so queens from 5 June eggs emerge around 21 "
             "June and the first to hatch kills the others in their cells well before the "
             "25 June session the secretary booked and the chair signed off."),
    ))
    _batch15(name)


def upstream_loop_charity_shop_rota_times_orchestrator() -> None:
    """A hospice's charity shops: the volunteer coordinator (lead agent) asks the rota
    keeper (agent as a tool) to add a new volunteer's shifts, giving the times as "9am-1pm"
    where the rota system takes 24-hour HH:MM ranges; the rota tool rejects them and the
    coordinator sends the same times three times."""
    tries = {"n": 0}

    def add_shifts(volunteer: str, shop: str, shifts: str) -> dict[str, Any]:
        """Add a volunteer's weekly shifts to the shop rota. Each shift is 'Day HH:MM-HH:MM'
        (24-hour), separated by semicolons."""
        tries["n"] += 1
        bad = shifts.split(";")[0].strip()
        raise ValueError(f"shift '{bad}' is not in 'Day HH:MM-HH:MM' form; rota unchanged")

    task = ("Beatrice Nwosu has signed up to volunteer at the St Clement's Hospice shop on "
            "Fore Street, Monday and Thursday mornings from next week. Get her onto the "
            "rota.")
    keeper = Member("rota_keeper", "Rota keeper for St Clement's Hospice shops: enters "
                    "shifts with add_shifts and reports what the rota system says.",
                    tools=[add_shifts])
    lead = Member("volunteer_coordinator", "Volunteer coordinator for St Clement's Hospice "
                  "shops: gives new volunteers' shifts to the rota keeper.")
    LLM.script = Script({
        "You are volunteer_coordinator": [
            call("ask_rota_keeper", request="Please add Beatrice Nwosu at Fore Street: "
                 "Monday 9am-1pm; Thursday 9am-1pm."),
            call("ask_rota_keeper", request="Those are her shifts - Monday 9am-1pm and "
                 "Thursday 9am-1pm at Fore Street. Please try again."),
            call("ask_rota_keeper", request="Same again please: Beatrice Nwosu, Fore Street, "
                 "Monday 9am-1pm; Thursday 9am-1pm."),
            say("Beatrice isn't on the Fore Street rota yet - the rota system refused her "
                "shifts three times. I'll ask the shop manager to add her by hand on "
                "Monday."),
        ],
        "You are rota_keeper": [
            call("add_shifts", volunteer="Beatrice Nwosu", shop="Fore Street",
                 shifts="Monday 9am-1pm; Thursday 9am-1pm"),
            say("The rota system refused it: 'Monday 9am-1pm' is not in 'Day HH:MM-HH:MM' "
                "form. Rota unchanged."),
            call("add_shifts", volunteer="Beatrice Nwosu", shop="Fore Street",
                 shifts="Monday 9am-1pm; Thursday 9am-1pm"),
            say("Refused again, same reason; Beatrice is not on the rota."),
            call("add_shifts", volunteer="Beatrice Nwosu", shop="Fore Street",
                 shifts="Monday 9am-1pm; Thursday 9am-1pm"),
            say("Third refusal on 'Monday 9am-1pm'. Still not on the rota."),
        ],
    })
    name = "upstream_loop_charity_shop_rota_times_orchestrator"
    with REC.run(name) as run:
        orchestrate("hospice_shop_rota", task, lead, [keeper])
    assert tries["n"] == 3
    vc = "volunteer_coordinator"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=vc,
        decisive=run.find(name=CHAT, contains="Monday 9am-1pm; Thursday 9am-1pm.", agent=vc),
        modes=["FM-1.3", "FM-1.5"], task=task, instrumentation=INSTR,
        edges=[(vc, "rota_keeper"), ("rota_keeper", vc)],
        topology="agents as tools: volunteer coordinator asks rota keeper[tool] three times",
        why=("volunteer_coordinator gave the shifts as '9am-1pm' where add_shifts takes "
             "24-hour 'Day HH:MM-HH:MM' ranges, and sent the same times again after each "
             "refusal, so the rota keeper's tool failed all three times and the volunteer "
             "was never added."),
    ))
    _batch15(name)


def ok_seed_library_packets_partial_handoffs() -> None:
    """Handoffs at a town library's seed library: the enquiries assistant hands a school's
    request for 30 packets each of three vegetables to the seed librarian; only 18 packets
    of runner beans are left, and the librarian reserves what there is and says so."""
    def reserve_seed_packets(borrower: str, variety: str, packets: str) -> dict[str, Any]:
        """Reserve packets from the seed library's stock for a borrower."""
        stock = {"radish 'French Breakfast'": 60, "runner bean 'Enorma'": 18,
                 "lettuce 'Little Gem'": 45}
        have = stock.get(variety, 0)
        got = min(have, int(packets))
        return {"variety": variety, "requested": int(packets), "reserved": got,
                "short": int(packets) - got, "collect_from": "Kettering Road Library, "
                "seed cabinet, from Monday"}

    task = ("Hi, I'm the eco-club teacher at Brampton Junior School. Could we have 30 "
            "packets each of radish, runner beans and lettuce from the seed library for our "
            "Year 3 growing project?")
    members = [
        Member("library_enquiries", "Enquiries assistant at Kettering Road Library: "
               "answers questions and hands seed requests to the seed librarian."),
        Member("seed_librarian", "Seed librarian: reserves packets with "
               "reserve_seed_packets and tells borrowers exactly what they can have.",
               tools=[reserve_seed_packets]),
    ]
    LLM.script = Script({
        "You are library_enquiries": [
            call("transfer_to_seed_librarian", "School request for 90 seed packets - over "
                 "to the seed librarian.", reason="bulk seed request from a school"),
        ],
        "You are seed_librarian": [
            call("reserve_seed_packets", borrower="Brampton Junior School eco-club",
                 variety="radish 'French Breakfast'", packets="30"),
            call("reserve_seed_packets", borrower="Brampton Junior School eco-club",
                 variety="runner bean 'Enorma'", packets="30"),
            call("reserve_seed_packets", borrower="Brampton Junior School eco-club",
                 variety="lettuce 'Little Gem'", packets="30"),
            say("I've reserved 30 packets of radish and 30 of lettuce, but only 18 of runner "
                "beans - that's all we have, so you're 12 short. Everything is in the seed "
                "cabinet at Kettering Road from Monday. If the children could share bean "
                "packets in pairs, 18 would cover 36 of them; otherwise we'll have more when "
                "the seed swap restocks us in May."),
        ],
    })
    name = "ok_seed_library_packets_partial_handoffs"
    with REC.run(name) as run:
        seen = handoff_chat("seed_library", task, members, "library_enquiries",
                            {"library_enquiries": ["seed_librarian"]})
    assert seen == ["library_enquiries", "seed_librarian"], seen
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, task=task, instrumentation=INSTR,
        edges=[("library_enquiries", "seed_librarian")],
        topology="handoffs: enquiries > seed librarian[tool]",
        why=("reserve_seed_packets could reserve only 18 of the 30 runner bean packets; the "
             "seed librarian reserved what there was and told the teacher plainly about the "
             "12-packet shortfall, with ways round it."),
    ))
    _batch15(name)


def ok_pier_survey_failed_section_closed_orchestrator() -> None:
    """A harbour trust: the harbour master (lead agent) asks the structural engineer (agent
    as a tool) whether the pier can open for the summer; the survey fails the end section,
    so the harbour master closes that section, escalates to the trustees and tells the
    public, instead of opening the whole pier."""
    actions: list[str] = []

    def pier_survey(structure: str) -> dict[str, Any]:
        """The latest structural survey of a harbour structure."""
        return {"structure": structure, "surveyed": "2027-04-28", "result": "FAIL (end "
                "section)", "findings": [
                    {"section": "landward 120 m", "condition": "fair", "safe_for_public": True},
                    {"section": "end section beyond bay 14", "condition": "deck timbers "
                     "rotten through in 6 places, 2 piles section loss > 40%",
                     "safe_for_public": False}],
                "recommendation": "close the end section to the public until repaired"}

    def close_section(structure: str, section: str, reason: str) -> dict[str, Any]:
        """Close part of a structure to the public (gates, signs, notice to mariners)."""
        actions.append("closed")
        return {"closed": section, "notice": "NTM 07/27"}

    def escalate_to_trustees(subject: str, detail: str) -> dict[str, Any]:
        """Raise an urgent matter with the harbour trustees for a decision and funding."""
        actions.append("escalated")
        return {"item": "TR-0314", "meeting": "extraordinary meeting, 12 May"}

    task = ("The summer season starts on 15 May. Check Portleven Pier is safe and open it to "
            "the public for the season.")
    engineer = Member("structural_engineer", "Structural engineer for Portleven Harbour "
                      "Trust: reports survey results with pier_survey.", tools=[pier_survey])
    lead = Member("harbour_master", "Harbour master of Portleven: asks the structural "
                  "engineer about structures and acts on the answer with close_section and "
                  "escalate_to_trustees.", tools=[close_section, escalate_to_trustees])
    LLM.script = Script({
        "You are harbour_master": [
            call("ask_structural_engineer", request="Is Portleven Pier safe to open to the "
                 "public from 15 May?"),
            call("close_section", structure="Portleven Pier", section="end section beyond "
                 "bay 14", reason="survey: rotten deck timbers and pile section loss"),
            call("escalate_to_trustees", subject="Portleven Pier end section unsafe",
                 detail="Survey of 28 April fails the end section beyond bay 14; closed to "
                 "the public; repair scope and funding needed."),
            say("Portleven Pier is NOT fully opening on 15 May. The landward 120 m is sound "
                "and opens as usual, but the survey failed the end section beyond bay 14 "
                "(rotten deck timbers, two piles badly wasted), so it is closed with notice "
                "NTM 07/27 and gone to the trustees' extraordinary meeting on 12 May "
                "(TR-0314) for repair funding."),
        ],
        "You are structural_engineer": [
            call("pier_survey", structure="Portleven Pier"),
            say("Landward 120 m is fair and safe for the public. The end section beyond bay "
                "14 FAILS: deck timbers rotten through in six places and two piles with over "
                "40% section loss. Keep the public off it until it's repaired."),
        ],
    })
    name = "ok_pier_survey_failed_section_closed_orchestrator"
    with REC.run(name) as run:
        orchestrate("pier_season_opening", task, lead, [engineer])
    assert actions == ["closed", "escalated"], actions
    hm = "harbour_master"
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, task=task, instrumentation=INSTR,
        edges=[(hm, "structural_engineer"), ("structural_engineer", hm)],
        topology="agents as tools: harbour master[2 tools] asks structural engineer[tool]",
        why=("the survey failed the pier's end section, so the harbour master rightly did "
             "not open the whole pier: it closed that section, escalated to the trustees and "
             "said plainly what opens and what does not."),
    ))
    _batch15(name)


BATCH15 = [
    wrong_fact_beekeepers_queen_rearing_days_chat,
    upstream_loop_charity_shop_rota_times_orchestrator,
    ok_seed_library_packets_partial_handoffs,
    ok_pier_survey_failed_section_closed_orchestrator,
]


# ============================================================ batch 16 (holdout, batch=16)
def _batch16(name: str) -> None:
    """Mark a batch-16 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 16
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_school_chick_hatching_days_chat() -> None:
    """A primary school plans a chick-hatching project: the science coordinator says hen's
    eggs hatch after 18 days, the class teacher hires the incubator for 18 days from
    setting, and the head signs it off; chicks take 21 days, so the incubator goes back
    before they hatch."""
    hired: list[str] = []

    def hire_incubator(supplier: str, set_date: str, days: str) -> dict[str, Any]:
        """Hire a classroom incubator with fertile eggs from a hatching supplier."""
        hired.append(days)
        return {"hire": "HB-4127", "supplier": supplier, "eggs": 10, "delivered": set_date,
                "collected_after_days": int(days), "brooder": "not included"}

    task = ("Year 1 at Oakfield Primary want to hatch chicks this spring. Work out how long "
            "we need the incubator and hire it, eggs to be set on Monday 1 March.")
    members = [
        Member("science_coordinator", "Science coordinator at Oakfield Primary: knows the "
               "science behind class projects."),
        Member("class_teacher", "Year 1 class teacher: books what the project needs with "
               "hire_incubator.", tools=[hire_incubator]),
        Member("headteacher", "Headteacher: approves class projects and writes to parents."),
    ]
    LLM.script = Script({
        "You are science_coordinator": [
            say("Hen's eggs hatch 18 days after they go into the incubator, give or take a "
                "day, so if we set them on Monday 1 March we'll have chicks by Friday 19 "
                "March. An 18-day hire is enough; the chicks then go back to the farm with "
                "the supplier."),
        ],
        "You are class_teacher": [
            call("hire_incubator", supplier="Happy Hatch Ltd", set_date="2027-03-01",
                 days="18"),
            say("Booked with Happy Hatch (HB-4127): 10 eggs and the incubator arrive Monday "
                "1 March, collected after 18 days on Friday 19 March along with the chicks."),
        ],
        "You are headteacher": [
            say("Approved. I'll tell Year 1 parents that eggs arrive on 1 March and the "
                "chicks should hatch by 19 March, the day Happy Hatch collect everything."),
        ],
    })
    order = ["science_coordinator", "class_teacher", "headteacher"]
    name = "wrong_fact_school_chick_hatching_days_chat"
    with REC.run(name) as run:
        group_chat("chick_hatching_project", task, members, order)
    assert hired == ["18"]
    sc = "science_coordinator"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=sc,
        decisive=run.find(name=CHAT, contains="Hen's eggs hatch 18 days", agent=sc),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat in turn, 3 agents (class teacher[tool]), head approves",
        why=("science_coordinator said hen's eggs hatch after 18 days; they take about 21, "
             "so the 18-day hire the class teacher booked on that figure sends the "
             "incubator and eggs back on 19 March, before any chick can hatch, and the head "
             "approved it."),
    ))
    _batch16(name)


def premature_termination_dial_a_ride_wheelchair_orchestrator() -> None:
    """A day centre's coordinator (lead agent) asks the community transport scheduler
    (agent as a tool) to book Thursday's rides for nine members; the booking confirms four
    and holds five waiting for a wheelchair-accessible vehicle to be assigned, and the
    scheduler reports all nine booked without assigning one."""
    assigned: list[str] = []

    def book_rides(date: str, passengers: str) -> dict[str, Any]:
        """Book community transport rides for day centre members."""
        return {"date": date, "requested": 9,
                "confirmed": ["J. Barker", "M. Okonjo", "E. Price", "R. Haddad"],
                "pending": [{"name": n, "needs": "wheelchair-accessible vehicle"}
                            for n in ("A. Lowe", "D. Szabo", "P. Kerr", "W. Ansah",
                                      "B. Toomey")],
                "status": "PARTIAL - 5 rides not scheduled: call assign_accessible_vehicle "
                          "for them by 12:00 Wednesday or they drop off the run sheet"}

    def assign_accessible_vehicle(date: str, passengers: str) -> dict[str, Any]:
        """Put passengers who need a wheelchair-accessible vehicle onto the tail-lift bus."""
        assigned.append(passengers)
        return {"vehicle": "tail-lift minibus TL-2", "scheduled": passengers}

    task = ("Book transport for Thursday's lunch club at Beechgrove Day Centre: the usual "
            "nine members, picked up from home from 10:00.")
    scheduler = Member("transport_scheduler", "Scheduler for Wealdside Community Transport: "
                       "books day centre rides with book_rides and assign_accessible_vehicle.",
                       tools=[book_rides, assign_accessible_vehicle])
    lead = Member("day_centre_coordinator", "Coordinator at Beechgrove Day Centre: arranges "
                  "members' transport through the transport scheduler.")
    LLM.script = Script({
        "You are day_centre_coordinator": [
            call("ask_transport_scheduler", request="Please book Thursday's lunch club "
                 "rides, pick-ups from 10:00: Barker, Okonjo, Price, Haddad, Lowe, Szabo, "
                 "Kerr, Ansah, Toomey (Lowe, Szabo, Kerr, Ansah and Toomey use "
                 "wheelchairs)."),
            say("Thursday's transport is sorted: all nine lunch club members are booked "
                "with Wealdside Community Transport, pick-ups from 10:00."),
        ],
        "You are transport_scheduler": [
            call("book_rides", date="Thursday", passengers="Barker, Okonjo, Price, Haddad, "
                 "Lowe, Szabo, Kerr, Ansah, Toomey"),
            say("All nine are booked for Thursday's lunch club with pick-ups from 10:00 - "
                "nothing more to do."),
        ],
    })
    name = "premature_termination_dial_a_ride_wheelchair_orchestrator"
    with REC.run(name) as run:
        orchestrate("lunch_club_transport", task, lead, [scheduler])
    assert not assigned
    ts = "transport_scheduler"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=ts,
        decisive=run.find(name=CHAT, contains="All nine are booked", agent=ts),
        modes=["FM-3.1"], task=task, instrumentation=INSTR,
        edges=[("day_centre_coordinator", ts), (ts, "day_centre_coordinator")],
        topology="agents as tools: day centre coordinator asks transport scheduler[2 tools]",
        why=("book_rides confirmed only four rides and left five wheelchair users PARTIAL, "
             "needing assign_accessible_vehicle by Wednesday noon or dropping off the run "
             "sheet, yet transport_scheduler reported all nine booked and nothing more to "
             "do without calling it."),
    ))
    _batch16(name)


def upstream_loop_tool_library_member_id_handoffs() -> None:
    """Handoffs at a community tool library: the membership desk hands a member's loan to
    the loans desk with her library card barcode, where the loan system takes the tool
    library's own member ID (TL-nnnnn); the loans desk hands back each time and the
    membership desk sends the same barcode again, three rounds."""
    tries = {"n": 0}

    def issue_tool_loan(member_id: str, tool_item: str, days: str) -> dict[str, Any]:
        """Lend a tool to a member. member_id is the tool library membership number,
        'TL-' followed by five digits."""
        tries["n"] += 1
        raise ValueError(f"member_id '{member_id}' not found: expected a tool library "
                         "membership number like TL-00417; loan not issued")

    task = ("Priya Raman (tool library member since January) wants to borrow the tile cutter "
            "for a week from Saturday.")
    members = [
        Member("membership_desk", "Membership desk at Eastgate Tool Library: looks members "
               "up and hands loans to loans_desk with the member's details."),
        Member("loans_desk", "Loans desk: issues tools with issue_tool_loan; if the member "
               "details don't work, hand back to membership_desk.",
               tools=[issue_tool_loan]),
    ]
    card = "library card 2290 0041 7788"
    LLM.script = Script({
        "You are membership_desk": [
            call("transfer_to_loans_desk", f"Priya Raman, {card}, wants the tile cutter for "
                 "7 days from Saturday.", reason="tool loan"),
            call("transfer_to_loans_desk", f"That is her number - Priya Raman, {card}. "
                 "Please issue the tile cutter for 7 days.", reason="tool loan, retry"),
            call("transfer_to_loans_desk", f"Checked again: Priya Raman, {card}. Same "
                 "loan please.", reason="tool loan, retry"),
        ],
        "You are loans_desk": [
            call("issue_tool_loan", member_id="2290 0041 7788", tool_item="tile cutter "
                 "(TC-3)", days="7"),
            call("transfer_to_membership_desk", "The loan system doesn't recognise 2290 0041 "
                 "7788 as a member ID. Can you check her details?",
                 reason="member not found"),
            call("issue_tool_loan", member_id="2290 0041 7788", tool_item="tile cutter "
                 "(TC-3)", days="7"),
            call("transfer_to_membership_desk", "Still 'member not found' for 2290 0041 "
                 "7788 - no loan issued.", reason="member not found again"),
            call("issue_tool_loan", member_id="2290 0041 7788", tool_item="tile cutter "
                 "(TC-3)", days="7"),
            say("Third time the loan system has rejected 2290 0041 7788, so I can't lend "
                "Priya the tile cutter today. She'll need to come to the desk on Saturday to "
                "sort out her membership."),
        ],
    })
    name = "upstream_loop_tool_library_member_id_handoffs"
    routes = {"membership_desk": ["loans_desk"], "loans_desk": ["membership_desk"]}
    with REC.run(name) as run:
        seen = handoff_chat("tool_library_loans", task, members, "membership_desk", routes)
    assert seen == ["membership_desk", "loans_desk"] * 3, seen
    assert tries["n"] == 3
    md = "membership_desk"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=md,
        decisive=run.find(name=CHAT, contains="wants the tile cutter for 7 days from "
                          "Saturday", agent=md),
        modes=["FM-1.3", "FM-1.5"], edges=chain(seen), task=task, instrumentation=INSTR,
        topology="handoffs back and forth: membership desk <> loans desk[tool], three rounds",
        why=("membership_desk handed over the member's library card barcode (2290 0041 "
             "7788) where issue_tool_loan needs her tool library number (TL- and five "
             "digits), and sent the same barcode back each time, so the loans desk's loan "
             "failed in all three rounds and no tool was lent."),
    ))
    _batch16(name)


def ok_foraging_walk_destroying_angel_dropped_chat() -> None:
    """A foraging course's planning chat: the walk leader proposes three species for the
    tasting; the mycologist's check identifies the 'field mushrooms' as a likely destroying
    angel and says do not eat; the chef and the organiser drop them and the tasting goes
    ahead with the two safe species."""
    def identify_specimen(specimen: str, features: str) -> dict[str, Any]:
        """Check a collected fungus against the identification key."""
        if "paddock" in specimen:
            return {"specimen": specimen, "match": "Amanita virosa (destroying angel) - "
                    "probable", "key_features": ["free white gills (field mushroom gills "
                    "turn pink then brown)", "ring on stem", "sac-like volva at the base"],
                    "edibility": "DEADLY POISONOUS", "verdict": "DO NOT EAT; do not use "
                    "on the course; bag separately and wash hands"}
        return {"specimen": specimen, "match": "confirmed", "edibility": "edible"}

    task = ("Plan Sunday's autumn foraging course tasting at Hartwood Estate: which of this "
            "week's finds can we cook for the 12 participants?")
    members = [
        Member("walk_leader", "Walk leader of Hartwood foraging courses: says what was found "
               "on the recce."),
        Member("mycologist", "Mycologist: confirms every species with identify_specimen "
               "before anyone eats it.", tools=[identify_specimen]),
        Member("camp_chef", "Camp chef: cooks the tasting."),
        Member("course_organiser", "Course organiser: decides the tasting menu."),
    ]
    LLM.script = Script({
        "You are walk_leader": [
            say("Good recce on Thursday: chanterelles in the beech hanger, hedgehog fungus "
                "under the birches, and a lovely flush of white field mushrooms in the "
                "lower paddock. I'd cook all three for the tasting."),
        ],
        "You are mycologist": [
            call("identify_specimen", specimen="chanterelles, beech hanger",
                 features="forked ridges, apricot smell"),
            call("identify_specimen", specimen="hedgehog fungus, birch wood",
                 features="spines under cap"),
            call("identify_specimen", specimen="white 'field mushrooms', lower paddock",
                 features="white gills, ring, bulbous base"),
            say("Chanterelles and hedgehog fungus are confirmed and fine. The paddock "
                "'field mushrooms' are NOT: white gills that stay white, a ring and a "
                "sac-like volva at the base - that's very probably destroying angel, which is "
                "deadly. Nobody eats them; I'll bag them separately as a teaching specimen."),
        ],
        "You are camp_chef": [
            say("Understood - paddock whites are off the menu and won't come near my pans. "
                "I'll do chanterelles on sourdough with garlic butter and a hedgehog fungus "
                "and thyme risotto, enough for 12."),
        ],
        "You are course_organiser": [
            say("Tasting menu for Sunday: chanterelles on toast and hedgehog fungus risotto "
                "only. The lower paddock whites are excluded - probable destroying angel - "
                "and we'll use them in the identification session as a warning example."),
        ],
    })
    order = ["walk_leader", "mycologist", "camp_chef", "course_organiser"]
    name = "ok_foraging_walk_destroying_angel_dropped_chat"
    with REC.run(name) as run:
        group_chat("foraging_course_tasting", task, members, order)
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, task=task, instrumentation=INSTR,
        edges=chain(order),
        topology="group chat in turn, 4 agents (mycologist[tool]), organiser decides",
        why=("the mycologist's identification found the paddock 'field mushrooms' to be a "
             "probable destroying angel and said do not eat; the chef and the organiser "
             "dropped them and the tasting used only the two confirmed species."),
    ))
    _batch16(name)


BATCH16 = [
    wrong_fact_school_chick_hatching_days_chat,
    premature_termination_dial_a_ride_wheelchair_orchestrator,
    upstream_loop_tool_library_member_id_handoffs,
    ok_foraging_walk_destroying_angel_dropped_chat,
]

# ============================================================ batch 17 (holdout, batch=17)
def _batch17(name: str) -> None:
    """Mark a batch-17 run in its truth.json."""
    path = REC_DIR / name / "truth.json"
    data = json.loads(path.read_text())
    data["batch"] = 17
    path.write_text(json.dumps(data, indent=2) + "\n")


def wrong_fact_skate_park_concrete_cure_chat() -> None:
    """A town council's skate park build: the site foreman says the poured concrete
    reaches full strength in 7 days, the events officer books the opening jam for the day
    after, and the town clerk approves; concrete takes about 28 days to reach its design
    strength, so skaters ride the bowl at roughly two thirds of it."""
    booked: list[str] = []

    def book_opening_event(venue: str, date: str, details: str) -> dict[str, Any]:
        """Book a public event on council land and publish it on the events calendar."""
        booked.append(date)
        return {"event": "EV-2027-118", "venue": venue, "date": date, "published": True,
                "expected_attendance": 250}

    task = ("The bowl and street section at Marsh Lane skate park are being poured on "
            "Monday 6 September. When can we safely open it, and get the opening jam "
            "booked.")
    members = [
        Member("site_foreman", "Site foreman for the council's skate park contractor: "
               "knows the build and the materials."),
        Member("events_officer", "Town council events officer: books public events with "
               "book_opening_event.", tools=[book_opening_event]),
        Member("town_clerk", "Town clerk: approves council events and signs them off."),
    ]
    LLM.script = Script({
        "You are site_foreman": [
            say("Pour is Monday 6th - the last of the bowl coping goes in that afternoon. "
                "C32/40 mix reaches full strength in 7 days, so from Tuesday 14th it can "
                "take anything skaters throw at it. We'll strip the hoarding on the 13th."),
        ],
        "You are events_officer": [
            call("book_opening_event", venue="Marsh Lane skate park",
                 date="2027-09-14", details="Opening jam 12:00-18:00, BMX and skate demos, "
                 "DJ, food vans"),
            say("Opening jam booked for Tuesday 14 September, 12:00-18:00 (EV-2027-118), "
                "and it's on the events calendar; we're expecting around 250."),
        ],
        "You are town_clerk": [
            say("Approved: Marsh Lane skate park opens with the jam on Tuesday 14 "
                "September, a week after the pour once the concrete is at full strength. "
                "I'll put it in the mayor's diary."),
        ],
    })
    order = ["site_foreman", "events_officer", "town_clerk"]
    name = "wrong_fact_skate_park_concrete_cure_chat"
    with REC.run(name) as run:
        group_chat("skate_park_opening", task, members, order)
    assert booked == ["2027-09-14"]
    sf = "site_foreman"
    run.truth(Truth(
        cls="wrong_fact", split="holdout", failed=True, culprit=sf,
        decisive=run.find(name=CHAT, contains="reaches full strength in 7 days", agent=sf),
        modes=["FM-3.3"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat in turn, 3 agents (events officer[tool]), clerk approves",
        why=("site_foreman said the concrete reaches full strength in 7 days; C32/40 "
             "reaches its design strength at about 28 days (roughly two thirds at 7), so "
             "the opening jam the events officer booked for the 8th day after the pour "
             "rests on a wrong figure, and the clerk approved it for that reason."),
    ))
    _batch17(name)


def upstream_loop_county_archive_catalogue_ref_chat() -> None:
    """A county record office: the reader services assistant passes a researcher's request
    to the strongroom porter as a box and folder description; the production system needs
    a catalogue reference, the porter asks for one each time, and reader services sends the
    same description three rounds running."""
    tries = {"n": 0}

    def produce_document(catalogue_ref: str, reader_ticket: str) -> dict[str, Any]:
        """Order a document up from the strongroom to the searchroom by catalogue
        reference (e.g. DX/1043/2/7)."""
        tries["n"] += 1
        raise LookupError(f"PRODUCE 404: '{catalogue_ref}' is not a catalogue reference "
                          "(expected collection/series/piece, e.g. DX/1043/2/7). Nothing "
                          "ordered.")

    task = ("Reader ticket R-55120 (Dr Ellen Fisk) wants the 1846 tithe apportionment "
            "correspondence from the Hartley estate papers in the searchroom this morning.")
    rs_text = ("Please produce for Dr Fisk (R-55120): Hartley estate papers, box 14, the "
               "folder marked 'Tithe 1846 - letters'.")
    members = [
        Member("reader_services", "Reader services assistant at Westmarch Record Office: "
               "turns researchers' requests into production orders for the strongroom."),
        Member("strongroom_porter", "Strongroom porter: fetches documents with "
               "produce_document; says what is wrong if an order can't be produced.",
               tools=[produce_document]),
    ]
    LLM.script = Script({
        "You are reader_services": [
            say(rs_text),
            say("It's Hartley estate papers, box 14, the 'Tithe 1846 - letters' folder - "
                "that's how the reader described it. Please try again."),
            say("Same item again: Hartley estate papers, box 14, folder 'Tithe 1846 - "
                "letters', for R-55120."),
        ],
        "You are strongroom_porter": [
            call("produce_document", catalogue_ref="Hartley estate papers, box 14, "
                 "'Tithe 1846 - letters'", reader_ticket="R-55120"),
            say("PRODUCE won't take that - it needs a catalogue reference like DX/1043/2/7, "
                "not a box description. What's the reference?"),
            call("produce_document", catalogue_ref="Hartley estate papers box 14 Tithe "
                 "1846 letters", reader_ticket="R-55120"),
            say("Refused again, 404 - still no catalogue reference. I can't order it "
                "without one."),
            call("produce_document", catalogue_ref="Hartley box 14 / Tithe 1846 letters",
                 reader_ticket="R-55120"),
            say("Third refusal. Nothing has been ordered up for Dr Fisk this morning."),
        ],
    })
    order = ["reader_services", "strongroom_porter"] * 3
    name = "upstream_loop_county_archive_catalogue_ref_chat"
    with REC.run(name) as run:
        group_chat("searchroom_production", task, members, order)
    assert tries["n"] == 3
    rs = "reader_services"
    run.truth(Truth(
        cls="upstream_loop", split="holdout", failed=True, culprit=rs,
        decisive=run.find(name=CHAT, contains="the folder marked 'Tithe 1846", agent=rs),
        modes=["FM-1.3", "FM-1.5"], edges=chain(order), task=task, instrumentation=INSTR,
        topology="group chat of 2 alternating three rounds: reader services, strongroom "
                 "porter[tool]",
        why=("reader_services passed the request as a box-and-folder description where "
             "produce_document needs a catalogue reference, and sent the same description "
             "each time the porter asked for one, so all three production orders were "
             "refused and nothing was fetched."),
    ))
    _batch17(name)


def premature_termination_charity_half_marathon_place_handoffs() -> None:
    """Handoffs at a hospice charity: supporter care hands a runner's half marathon place
    to the events team; registration reserves the place but says it must be confirmed with
    an emergency contact and the sponsorship pledge within 72 hours, and the events team
    tells the runner she's in without confirming it."""
    confirmed: list[str] = []

    def register_runner(runner: str, event: str, tshirt: str) -> dict[str, Any]:
        """Register a supporter for one of the charity's places in an event."""
        return {"runner": runner, "event": event, "place": "GNR-HOS-0417",
                "status": "RESERVED", "confirmed": False,
                "outstanding": ["emergency contact", "GBP 400 sponsorship pledge"],
                "note": "call confirm_place with both within 72 hours or the place is "
                        "released to the waiting list (38 waiting)"}

    def confirm_place(place: str, emergency_contact: str, pledge_gbp: str) -> dict[str, Any]:
        """Confirm a reserved charity place with the runner's emergency contact and pledge."""
        confirmed.append(place)
        return {"place": place, "status": "CONFIRMED"}

    task = ("Hi, I'm Grace Adeyemi - I'd love to run the Great North Run for St Cuthbert's "
            "Hospice this year, in memory of my dad. I'll raise the GBP 400. My emergency "
            "contact is my partner Sam, 07700 900418. T-shirt size M.")
    members = [
        Member("supporter_care", "Supporter care at St Cuthbert's Hospice: welcomes "
               "supporters and hands event places to events_team."),
        Member("events_team", "Events team: registers runners with register_runner and "
               "confirms places with confirm_place.", tools=[register_runner, confirm_place]),
    ]
    LLM.script = Script({
        "You are supporter_care": [
            call("transfer_to_events_team", "Grace Adeyemi would like a charity place in "
                 "the Great North Run, running in memory of her dad.", reason="event place"),
        ],
        "You are events_team": [
            call("register_runner", runner="Grace Adeyemi", event="Great North Run 2027",
                 tshirt="M"),
            say("Welcome to Team St Cuthbert's, Grace - you're in! Your Great North Run "
                "place is GNR-HOS-0417 and your running vest (size M) will be posted in "
                "August. Thank you so much for running in your dad's memory."),
        ],
    })
    name = "premature_termination_charity_half_marathon_place_handoffs"
    routes = {"supporter_care": ["events_team"]}
    with REC.run(name) as run:
        seen = handoff_chat("hospice_event_places", task, members, "supporter_care", routes)
    assert seen == ["supporter_care", "events_team"], seen
    assert not confirmed
    et = "events_team"
    run.truth(Truth(
        cls="premature_termination", split="holdout", failed=True, culprit=et,
        decisive=run.find(name=CHAT, contains="you're in! Your Great North Run", agent=et),
        modes=["FM-3.1"], edges=chain(seen), task=task, instrumentation=INSTR,
        topology="handoffs: supporter care > events team[2 tools]",
        why=("register_runner only RESERVED the place and said to call confirm_place with "
             "the emergency contact and pledge within 72 hours or lose it; the runner had "
             "given both, yet events_team told her she was in without confirming, so the "
             "place will be released."),
    ))
    _batch17(name)


def ok_village_fete_bouncy_castle_failed_check_chat() -> None:
    """A village fete committee chat: the safety officer's check of the hired inflatable
    finds its inspection tag expired and two anchor points torn, and says it must not be
    used; the hire coordinator cancels it and books a tagged replacement, and the
    organiser updates the plan."""
    cancelled: list[str] = []

    def inflatable_record(supplier: str, unit: str) -> dict[str, Any]:
        """Look up an inflatable's annual inspection record and the supplier's pre-hire
        report."""
        return {"unit": unit, "supplier": supplier,
                "inspection_tag": {"number": "PIPA 71-22094", "valid_until": "2027-05-31",
                                   "status": "EXPIRED"},
                "pre_hire_report": "2 of 6 anchor points torn at the stitching; blower "
                                   "cable taped",
                "verdict": "NOT SAFE TO USE: no valid annual inspection, anchoring "
                           "defective"}

    def cancel_hire(supplier: str, booking: str, reason: str) -> dict[str, Any]:
        """Cancel an equipment hire."""
        cancelled.append(booking)
        return {"booking": booking, "cancelled": True, "deposit_refund_gbp": 60}

    def book_inflatable(supplier: str, item: str, date: str) -> dict[str, Any]:
        """Book an inflatable from a supplier."""
        return {"booking": "BB-3391", "supplier": supplier, "item": item, "date": date,
                "inspection_tag": "PIPA 71-30518, valid to 2028-04-30", "price_gbp": 185}

    task = ("Final check for Saturday's Elmstead village fete: the children's bouncy castle "
            "from Jumping Jacks Hire (booking JJ-512) - is it good to go?")
    members = [
        Member("fete_organiser", "Fete organiser: runs the committee chat and keeps the "
               "plan."),
        Member("safety_officer", "Safety officer: checks hired equipment with "
               "inflatable_record and says whether it may be used.",
               tools=[inflatable_record]),
        Member("hire_coordinator", "Hire coordinator: manages equipment hires with "
               "cancel_hire and book_inflatable.", tools=[cancel_hire, book_inflatable]),
    ]
    LLM.script = Script({
        "You are fete_organiser": [
            say("Last item before Saturday: the bouncy castle from Jumping Jacks (JJ-512). "
                "Can we check it's all in order?"),
            say("Thanks both. Updated plan: the Jumping Jacks castle is out (expired tag, "
                "torn anchors), the Bounce Kingdom castle BB-3391 with a valid tag goes on "
                "the green at the same spot, and I'll tell the stewards to check the tag on "
                "arrival."),
        ],
        "You are safety_officer": [
            call("inflatable_record", supplier="Jumping Jacks Hire", unit="JJ-512 "
                 "'Pirate Ship' castle"),
            say("We can't use it. Its annual inspection tag (PIPA 71-22094) ran out on 31 "
                "May and the supplier's own pre-hire report lists two of the six anchor "
                "points torn. No valid inspection and defective anchoring - not safe for "
                "children. It must not go up on Saturday."),
        ],
        "You are hire_coordinator": [
            call("cancel_hire", supplier="Jumping Jacks Hire", booking="JJ-512",
                 reason="inspection tag expired, anchor points torn"),
            call("book_inflatable", supplier="Bounce Kingdom", item="medium castle with "
                 "side nets", date="2027-07-10"),
            say("Cancelled JJ-512 with Jumping Jacks (GBP 60 deposit coming back) and "
                "booked a castle from Bounce Kingdom instead: BB-3391, GBP 185, inspection "
                "tag valid to April 2028."),
        ],
    })
    order = ["fete_organiser", "safety_officer", "hire_coordinator", "fete_organiser"]
    name = "ok_village_fete_bouncy_castle_failed_check_chat"
    with REC.run(name) as run:
        group_chat("village_fete_final_checks", task, members, order)
    assert cancelled == ["JJ-512"]
    run.truth(Truth(
        cls="ok", split="holdout", failed=False, task=task, instrumentation=INSTR,
        edges=chain(order),
        topology="group chat in turn, 3 agents (safety officer[tool], hire coordinator[2 "
                 "tools]), organiser speaks twice",
        why=("the safety officer's check found the inflatable's inspection expired and "
             "anchor points torn and said it must not be used; the hire coordinator "
             "cancelled it and booked a tagged replacement, and the organiser's plan "
             "reflects that."),
    ))
    _batch17(name)


BATCH17 = [
    wrong_fact_skate_park_concrete_cure_chat,
    upstream_loop_county_archive_catalogue_ref_chat,
    premature_termination_charity_half_marathon_place_handoffs,
    ok_village_fete_bouncy_castle_failed_check_chat,
]

RUNS = [
    wrong_fact_runtime_upgrade_debate,
    ok_interest_rate_debate_corrected,
    wrong_fact_shipping_lane_planning,
    ok_clinical_trial_protocol_review,
    ok_vendor_selection_group_chat,
    upstream_loop_payroll_import_chat,
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
