"""``agenttrace eval runs``: real framework runs through a real server, scored against truth.

A fast subset of the corpus (testdata/runs) runs here; ``make eval`` runs all of it. The
runs below are ones the analysis gets right today: a change that breaks one of them is a
regression on a real framework's output, not on a made-up trace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from agenttrace_analysis.eval.runs import evaluate, load_corpus
from agenttrace_server.eval_runs import evaluate_corpus, run_traces

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "testdata" / "runs"

SUBSET = (
    "openai_agents/fabrication_travel_flight_desk",
    "openai_agents/ignored_verdict_newsroom_fact_check",
    "openai_agents/premature_termination_warehouse_dispatch",
    "openai_agents/misroute_airline_refund_to_baggage",
    "autogen/ignored_verdict_roundrobin_invoice",
    "crewai/fabrication_freight_hierarchical",
    "pydantic_ai/upstream_loop_sales_query",
    "smolagents/premature_termination_crm_dedupe",
    "pydantic_ai/ok_research_retry",
    "autogen/ok_roundrobin_release_notes",
    "google_adk/ok_job_posting_loop",
    # each reads the run in a way added on 2026-12-07 (see the incident finders)
    "pydantic_ai/premature_termination_library_renewals",
    "strands/premature_termination_ledger_close",
    "autogen/premature_termination_core_domain_renewal",
    "autogen/upstream_loop_core_etl",
    "crewai/upstream_loop_manifest_hierarchical",
    "google_adk/upstream_loop_meter_backfill",
    "openai_agents/ignored_verdict_supplement_ad_claims",
    "langgraph/ok_newsroom_nested",
    "langgraph/ok_brewery_batch_agents_as_tools",
    "autogen/ok_swarm_rental_return_damage",
    # and each of these a way added in session 6 (batch 6 read)
    "autogen/ok_core_submeter_long_loop",
    "autogen/ok_roundrobin_patent_claim_narrowed",
    "autogen/ok_core_menu_allergen_loop",
    "genai/ok_ski_lift_wind_limit_corrected_chat",
    "openai_agents/ok_safeguarding_policy_reviewer_v2",
    "autogen/premature_termination_agent_tool_kiosk_firmware",
    "smolagents/premature_termination_wildlife_rescue_intake",
    "strands/premature_termination_graph_ambulance_oxygen",
    "strands/upstream_loop_swarm_theatre_list_room",
    "google_adk/upstream_loop_documentary_subtitles",
    "strands/fabrication_swarm_patent_termbase",
    "google_adk/ignored_verdict_contract_clause_loop",
    # … and after batches 7 and 8 were read
    "crewai/ok_club_fee_notice_corrected_sequential",
    "smolagents/ok_scout_climbing_provider_rechecked",
    "google_adk/ok_agenttool_observatory_cloud_feed_down",
    "pydantic_ai/ok_delegation_arts_grant_budget_check",
    "langgraph/ok_podcast_fact_check_supervisor",
    "autogen/ignored_verdict_roundrobin_festival_gas_pitch",
    "openai_agents/ignored_verdict_property_listing_epc_chain",
    "crewai/ignored_verdict_asbestos_floor_tiles_sequential",
    "crewai/premature_termination_care_home_fire_doors_manager_agent",
    "langgraph/premature_termination_cottage_changeover_swarm",
    "pydantic_ai/premature_termination_leaver_final_pay",
    "strands/premature_termination_graph_farm_shop_price_update",
    "google_adk/upstream_loop_agenttool_drone_roof_survey",
    "pydantic_ai/misroute_programmatic_asbestos_fly_tipping",
    # … and after batches 8, 9 and 10 were read
    "pydantic_ai/premature_termination_delegation_symposium_speaker_travel",
    "smolagents/premature_termination_managed_gritting_callout",
    "google_adk/premature_termination_agenttool_hotel_key_revocation",
    "openai_agents/premature_termination_wedding_rooming_list_v2",
    "crewai/premature_termination_school_library_overdue_pages_sequential",
    "pydantic_ai/premature_termination_delegation_school_lettings_invoices",
    "autogen/ignored_verdict_roundrobin_bus_timetable_notice",
    "pydantic_ai/ignored_verdict_delegation_rugby_newsletter_photo_consent",
    "strands/ignored_verdict_agents_as_tools_oak_felling_bat_survey",
    "openai_agents/ignored_verdict_gallery_loan_condition_report",
    "genai/ignored_verdict_loft_beam_handoffs",
    "pydantic_ai/upstream_loop_delegation_scaffold_permit_grid_reference",
    "langgraph/fabrication_sailing_club_rescue_boat_nested",
    "strands/ok_graph_bathing_water_results_pending",
    "openai_agents/ok_audio_guide_accessibility_review_v2",
    "strands/ok_agents_as_tools_press_statement_legal_round",
    # read in session 7 (batches 11 to 14)
    "langgraph/premature_termination_quarry_blast_notices_swarm",
    "strands/premature_termination_graph_gym_treadmill_recall",
    "google_adk/ignored_verdict_agenttool_science_assembly_thermite",
    "langgraph/upstream_loop_flying_school_icao_codes_swarm",
    "strands/premature_termination_agents_as_tools_physio_data_breach",
    "genai/premature_termination_autoclave_failure_orchestrator",
    "crewai/ok_tattoo_studio_patch_test_hold_sequential",
    "smolagents/ok_managed_school_kitchen_allergen_spec_missing",
    "openai_agents/ok_bowls_club_renewals_all_pages_v2",
    # batch 13
    "autogen/ok_swarm_surplus_food_cargo_bike_retry",
    "openai_agents/ok_magazine_duplicate_subscription_already_cancelled_v2",
    "google_adk/ignored_verdict_agenttool_stage_school_chaperone_licence",
    "langgraph/fabrication_dialysis_transport_agents_as_tools",
    "strands/upstream_loop_graph_soap_maker_gtin_check_digit",
    "crewai/premature_termination_hmo_smoke_alarms_no_access_manager",
    "smolagents/premature_termination_codeagent_manager_cattery_vaccination_reminders",
    # batch 14
    "pydantic_ai/upstream_loop_programmatic_brass_band_bursary_sort_code",
    "openai_agents/ok_lift_brake_test_failed_taken_out_of_service_v2",
    "crewai/premature_termination_village_hall_provisional_hold_sequential",
    # batch 15
    "autogen/ok_swarm_model_railway_boiler_test_failed_loco_withdrawn",
    "langgraph/ok_harbour_notice_to_mariners_rejected_then_fixed",
    "smolagents/ok_codeagent_village_show_prize_list_retry",
    "google_adk/ignored_verdict_sequential_cheese_dairy_listeria_swab",
    "openai_agents/ignored_verdict_bike_shop_stolen_register_agent_tool_v2",
    "pydantic_ai/premature_termination_delegation_riding_school_ringworm",
    "autogen/upstream_loop_selector_rowing_regatta_event_code",
    "pydantic_ai/upstream_loop_programmatic_community_centre_mpan_digit",
    "pydantic_ai/wrong_fact_delegation_church_bells_arch_headroom",
    "smolagents/wrong_fact_managed_ceilidh_barn_capacity",
    # batch 16
    "autogen/ok_selector_camera_trap_upload_retry",
    "smolagents/ok_managed_park_syringe_then_gate_two_turns",
    "strands/ok_agents_as_tools_festival_stall_insurance_partial",
    "autogen/ignored_verdict_swarm_forest_rally_scrutineering",
    "smolagents/upstream_loop_managed_church_hall_music_licence_account",
    "google_adk/premature_termination_loop_country_park_welsh_signs",
    "google_adk/wrong_fact_sequential_cyclosportive_cut_off",
    "strands/wrong_fact_swarm_tidal_island_field_trip",
)
"""Runs of nine frameworks and every kind of failure, and good runs that must stay good."""


def _subset() -> list[Any]:
    runs = [r for r in load_corpus(CORPUS) if r.truth.key in SUBSET]
    assert len(runs) == len(SUBSET), "a run of the subset is missing from testdata/runs"
    return runs


@pytest.mark.e2e
def test_subset_is_analysed_right() -> None:
    """Each run of the subset: failure detected (or not), culprit and decisive span exact."""
    results = evaluate_corpus(_subset())
    wrong = []
    for truth, outcome in results:
        assert outcome.error is None, f"{truth.key}: {outcome.error}"
        if truth.failed:
            got = (outcome.failed, outcome.agent, outcome.span_id)
            if got != (True, truth.culprit, truth.decisive_span):
                wrong.append(f"{truth.key}: {got}, truth {truth.culprit} {truth.decisive_span}")
            assert outcome.reasons, f"{truth.key}: an attribution without reasons"
        elif outcome.failed:
            wrong.append(f"{truth.key}: a good run blamed on {outcome.agent}")
    assert not wrong, "\n".join(wrong)
    report = evaluate(results)
    assert report["splits"]["all"]["culprit_accuracy"] == 1.0
    assert report["splits"]["all"]["false_positive_rate"] == 0.0


def test_corpus_is_complete() -> None:
    """The corpus meets the issue's shape: 60+ runs, 7+ frameworks, every class, a third good,
    both splits, and every truth names its decisive span among the run's spans."""
    runs = load_corpus(CORPUS)
    assert len(runs) >= 60
    assert len({r.truth.framework for r in runs}) >= 7
    classes = {r.truth.cls for r in runs}
    assert classes >= {
        "fabrication",
        "ignored_verdict",
        "misroute",
        "upstream_loop",
        "premature_termination",
        "wrong_fact",
        "ok",
    }
    assert sum(not r.truth.failed for r in runs) * 3 >= len(runs)
    assert {r.truth.split for r in runs} == {"dev", "holdout"}
    for run in runs:
        if run.truth.failed:
            assert run.truth.culprit and run.truth.decisive_span and run.truth.modes
        trace_ids, main = run_traces(run.bodies)
        assert main in trace_ids


class _Judge(BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that labels every run FM-3.3 and blames its first step."""

    def do_POST(self) -> None:
        json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        verdict = {
            "modes": {"FM-3.3": {"present": True, "step": 0, "reason": "checked"}},
            "step": 0,
            "reason": "the first step is wrong",
        }
        body = json.dumps(
            {
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": json.dumps(verdict)}}
                ]
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def judge_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Judge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agenttrace_server", "eval", "runs", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.e2e
def test_command_prints_json_and_writes_markdown(tmp_path: Path) -> None:
    """--json ends with one JSON object; --markdown replaces only its own block."""
    doc = tmp_path / "evaluation.md"
    doc.write_text("# Evaluation\n\nkept text\n")
    done = _cli("--run", "openai_agents/fabrication_travel", "--json", "--markdown", str(doc))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["n"] == 1
    assert report["runs"][0]["culprit"] is True
    text = doc.read_text()
    assert "kept text" in text and "<!-- BEGIN eval runs -->" in text
    assert "baseline: the first agent of the run" in text


def test_command_refuses_bad_arguments(tmp_path: Path) -> None:
    """No runs, or an unknown split: exit 2 with a clear message, no traceback."""
    empty = _cli("--data", str(tmp_path))
    assert empty.returncode == 2 and "no runs with a truth.json" in empty.stderr
    split = _cli("--split", "train")
    assert split.returncode == 2 and "dev or holdout" in split.stderr
    judge = _cli("--judge", env={"AGENTTRACE_LLM_BASE_URL": ""})
    assert judge.returncode == 2 and "AGENTTRACE_LLM_BASE_URL" in judge.stderr


@pytest.mark.e2e
def test_judge_is_scored_by_the_same_command(judge_url: str) -> None:
    """--judge: the server's analysis asks the (fake, local) judge; its labels are scored."""
    done = _cli(
        "--run",
        "pydantic_ai/ok_research_retry",
        "--judge",
        "--json",
        env={"AGENTTRACE_LLM_BASE_URL": judge_url, "AGENTTRACE_LLM_MODEL": "fake"},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["method"] == "AgentTrace + LLM judge"
    run = report["runs"][0]
    # the fake judge labels every run failed: on a good run that is a false positive, and,
    # no incident explaining it, the judge's own attribution names the culprit
    assert run["detected"] is True and "FM-3.3" in run["predicted"]["modes"]
    assert run["predicted"]["reasons"][0].startswith("LLM judge (all-at-once)")
