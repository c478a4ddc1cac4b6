"""How the incident finders read model outputs and tool results of every shape."""

from __future__ import annotations

import json

from agenttrace_analysis.incidents import read_llm_output
from agenttrace_analysis.incidents import text as tx


def test_model_outputs_of_every_instrumentation() -> None:
    openinference = json.dumps(
        [
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"function": {"name": "search_fares", "arguments": "{}"}}],
            }
        ]
    )
    autogen = json.dumps({"finish_reason": "stop", "content": "Booked TP 537."})
    genai = json.dumps(
        [
            {
                "role": "assistant",
                "parts": [
                    {"type": "text", "content": "Done."},
                    {"type": "tool_call", "name": "x", "arguments": {}},
                ],
            }
        ]
    )
    printed = json.dumps(
        [
            {
                "role": "assistant",
                "parts": [
                    {
                        "type": "text",
                        "content": str(
                            {
                                "content": None,
                                "tool_calls": [{"function": {"name": "y", "arguments": "{}"}}],
                            }
                        ),
                    }
                ],
            }
        ]
    )
    assert read_llm_output(openinference)[1][0].name == "search_fares"
    assert read_llm_output(autogen) == ("Booked TP 537.", [])
    text, calls = read_llm_output(genai)
    assert text == "Done." and [c.name for c in calls] == ["x"]
    assert [c.name for c in read_llm_output(printed)[1]] == ["y"]
    assert read_llm_output("plain words") == ("plain words", [])


def test_tool_failures_and_verdicts_are_told_apart() -> None:
    assert tx.tool_failed("ConnectionError: fare gateway timed out after 30s")
    assert tx.tool_failed('{"error": "no such column: region_name"}')
    assert not tx.tool_failed('{"passed": 41, "failed": 2, "failures": ["IndexError"]}')
    assert tx.negative_verdict('{"passed": 41, "failed": 2}')
    assert tx.negative_verdict("Verdict: does not pass. The vote was 27-8, not 31-4.")
    assert tx.negative_verdict("FAIL: customer is tax-exempt")
    assert not tx.negative_verdict("Why Do Multi-Agent LLM Systems Fail? (2025)")
    assert not tx.negative_verdict("No discrepancies found; approved.")


def test_claims_and_actions() -> None:
    assert tx.claims_done("You're all set: Amira is on TP1351.")
    assert not tx.claims_done("I will check the stock next.")
    assert tx.action_stems("create_shipment") == {"ship"}
    assert tx.action_stems("Ship 40 units to Rotterdam") == {"ship"}
    assert tx.numbers("tagged v2.4.0, 1,200 units, vote 27-8") >= {"2.4", "1200", "27-8"}
    assert tx.declines("I handle delayed and lost luggage only.")
    assert tx.addresses("The line is healthy.", "Refund the duplicate charge") == 0.0


def test_words_meet_in_any_of_their_forms() -> None:
    assert tx.stem("renewed") == tx.stem("renewal") == tx.stem("renew")
    assert tx.stem("members") == tx.stem("membership")
    assert tx.stem("departures") == tx.stem("departing")
    assert tx.action_stems("get the autoclave repaired") == tx.action_stems("repair_equipment")
    assert tx.action_stems("image_transformer") == set()  # not a form of "transfer"
    reply = "Renewal reminders sent to all 27 members who haven't paid for 2027."
    assert tx.addresses(reply, "Chase everyone who hasn't renewed their membership yet") > 0.12


def test_a_verdict_word_of_the_task_itself_is_its_subject() -> None:
    finding = '{"incident": "Clinic list emailed to a wrong external address; recall failed."}'
    assert tx.negative_verdict(finding) == "wrong"
    assert not tx.negative_verdict(finding, "The list was emailed to the wrong address.")
    assert tx.negative_verdict("It must not be done indoors or on the hall stage.")
    assert tx.negative_verdict("Not as planned. It could go ahead on the tennis courts.")
    assert tx.revises("Unknown nut status, so the pesto stays off the menu for now.")


def test_holding_instructions_and_refusals_to_buy_are_verdicts() -> None:
    assert tx.negative_verdict("HOLD all product that ripened in room 2 until confirmation")
    assert tx.negative_verdict("Do NOT buy: the frame is on the register as reported stolen.")
    assert tx.negative_verdict("Hold on, I'll check the register.") is None


def test_all_in_hand_claims_the_work_done() -> None:
    assert tx.claims_done("Toffee has ringworm. It's all in hand - nothing more needs doing.")


def test_a_code_step_that_calls_the_tool_again_is_told() -> None:
    code = 'Thought: locked; load it again.\n<code>\nsheet = judges_sheet(section="Veg")\n</code>'
    assert tx.calls_in_code(code, "judges_sheet")
    assert not tx.calls_in_code(code, "sheet")  # a variable named like it is no call
    assert not tx.calls_in_code("the judges_sheet was locked", "judges_sheet")


def test_a_misread_figure_is_told_from_a_rounding_or_another_figure() -> None:
    from agenttrace_analysis.incidents.finders import _labelled_figures, _misread

    assert _misread("4.3", "3.4") and _misread("180", "80") and _misread("15:40", "13:40")
    assert not _misread("2.1", "2.11")  # rounded
    assert not _misread("7", "0") and not _misread("12", "12")
    assert not _misread("15:40", "1540")
    result = {"rows": [{"structure": "arch", "headroom_m": 3.4, "NVDA": 70000}], "ends": "13:40"}
    assert _labelled_figures(result) == [("headro", "3.4", "headroom_m"), ("end", "13:40", "ends")]
    stations = {"feed_stations": [{"name": "Widdop", "cut_off": "12:30"}]}
    assert _labelled_figures(stations) == [("cutoff", "12:30", "cut_off")]
