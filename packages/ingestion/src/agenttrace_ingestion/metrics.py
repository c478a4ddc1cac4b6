"""Prometheus metrics of the receiver and the writer (served by ``/metrics``)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

SPANS_RECEIVED = Counter("agenttrace_ingest_spans_received", "Spans received in export requests")
SPANS_STORED = Counter(
    "agenttrace_ingest_spans_stored", "Spans newly stored (a retried span counts once)"
)
SPANS_DUPLICATE = Counter(
    "agenttrace_ingest_spans_duplicate", "Spans acknowledged that were stored already"
)
SPANS_REJECTED = Counter(
    "agenttrace_ingest_spans_rejected", "Spans refused in a partial success", ["reason"]
)
SPANS_ADJUSTED = Counter(
    "agenttrace_ingest_spans_adjusted",
    "Spans stored with a value dropped or clamped (said in partial_success)",
    ["field"],
)
REQUESTS = Counter("agenttrace_ingest_requests", "Export requests answered", ["status"])
GRPC_REQUESTS = Counter(
    "agenttrace_ingest_grpc_requests", "OTLP/gRPC export calls answered", ["code"]
)
SPANS_SPOOLED = Counter(
    "agenttrace_ingest_spans_spooled", "Spans acknowledged from the local spool (database away)"
)
SPOOL_BYTES = Gauge("agenttrace_ingest_spool_bytes", "Bytes of batches waiting in the spool")
SPOOL_BATCHES = Gauge("agenttrace_ingest_spool_batches", "Batches waiting in the spool")
QUEUE_DEPTH = Gauge("agenttrace_ingest_queue_spans", "Spans waiting for the writer")
BATCH_SPANS = Histogram(
    "agenttrace_ingest_batch_spans",
    "Spans per group commit",
    buckets=(1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000),
)
COMMIT_SECONDS = Histogram(
    "agenttrace_ingest_commit_seconds",
    "Duration of one group commit (one transaction)",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
WRITE_FAILURES = Counter("agenttrace_ingest_write_failures", "Group commits that failed", ["kind"])
RECORDS_DROPPED = Counter(
    "agenttrace_ingest_records_dropped",
    "Agents, messages or checkpoints that could not be stored",
    ["table"],
)
