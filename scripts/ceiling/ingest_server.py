# Copied from the project's shared benchmark kit (shared/bench/ingest_server.py, written for
# AgentTrace's ingestion benchmark; see docs/performance.md). Added: BENCH_MODE=sqlite (the same
# rows into one SQLite table in WAL mode, synchronous=NORMAL like AgentTrace's, commit before the 200).
# scripts/bench_ingest.py runs it; kept close to the original, hence not linted.
"""3c: minimal FastAPI OTLP/HTTP ingestion endpoint, for ceiling measurements.

Run:  BENCH_MODE=parse uvicorn ingest_server:app --host 127.0.0.1 --port 58080 \
          --loop uvloop --http httptools --no-access-log --workers 1
BENCH_MODE:
  noop     read the body, return 200 (HTTP + body transfer only)
  parse    + gunzip if Content-Encoding: gzip, + ParseFromString (protobuf) or
           orjson.loads (Content-Type: application/json)
  flatten  + flatten to row tuples (flatten.py)
  pg       + asyncpg COPY of the rows into table `spans` before answering 200
           (durable + queryable at 200; BENCH_DSN, pool of BENCH_POOL connections)
  sqlite   + executemany of the rows into table `spans` of the SQLite file BENCH_SQLITE
           (WAL, synchronous=NORMAL), one writer, in a thread, committed before the 200
"""
from __future__ import annotations

import asyncio
import gzip
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import orjson  # noqa: E402
from fastapi import FastAPI, Request, Response  # noqa: E402
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (  # noqa: E402
    ExportTraceServiceRequest, ExportTraceServiceResponse)

from flatten import COLUMNS, flatten, flatten_json  # noqa: E402

MODE = os.environ.get("BENCH_MODE", "parse")
DSN = os.environ.get("BENCH_DSN", "postgresql://postgres@127.0.0.1:55432/bench")
POOL = int(os.environ.get("BENCH_POOL", "4"))
OK_PB = ExportTraceServiceResponse().SerializeToString()

app = FastAPI()
state: dict = {}


@app.on_event("startup")
async def _startup():
    if MODE == "pg":
        import asyncpg
        state["pool"] = await asyncpg.create_pool(DSN, min_size=POOL, max_size=POOL)
    if MODE == "sqlite":
        db = sqlite3.connect(os.environ["BENCH_SQLITE"], check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(SQLITE_TABLE)
        state["sqlite"], state["lock"] = db, asyncio.Lock()


SQLITE_TABLE = ("CREATE TABLE IF NOT EXISTS spans (trace_id text NOT NULL, span_id text NOT NULL, "
                "parent_span_id text, name text NOT NULL, kind integer, start_time text NOT NULL, "
                "end_time text, status_code integer, status_message text, attributes text, "
                "resource text, agent_name text, span_kind text, prompt_tokens integer, "
                "completion_tokens integer)")
SQLITE_INSERT = f"INSERT INTO spans ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def _sqlite_write(db, rows):
    rows = [r[:5] + (r[5].isoformat(), r[6].isoformat()) + r[7:] for r in rows]
    db.executemany(SQLITE_INSERT, rows)
    db.commit()


@app.post("/v1/traces")
async def traces(request: Request) -> Response:
    body = await request.body()
    if MODE == "noop":
        return Response(OK_PB, media_type="application/x-protobuf")
    if request.headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    is_json = request.headers.get("content-type", "").startswith("application/json")
    if is_json:
        doc = orjson.loads(body)
        rows = flatten_json(doc) if MODE in ("flatten", "pg", "sqlite") else None
    else:
        req = ExportTraceServiceRequest()
        req.ParseFromString(body)
        rows = flatten(req) if MODE in ("flatten", "pg", "sqlite") else None
    if MODE == "sqlite":
        async with state["lock"]:
            await asyncio.to_thread(_sqlite_write, state["sqlite"], rows)
    if MODE == "pg":
        async with state["pool"].acquire() as c:
            await c.copy_records_to_table("spans", records=rows, columns=COLUMNS)
    if is_json:
        return Response(b"{}", media_type="application/json")
    return Response(OK_PB, media_type="application/x-protobuf")
