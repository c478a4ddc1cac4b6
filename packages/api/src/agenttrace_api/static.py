"""Serving the built web UI: its files, and ``index.html`` for every other page path.

The UI is a single-page app, so a deep link or a reload of ``/traces/<id>`` must return
``index.html``; unknown paths under ``/api/`` stay JSON 404s.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
"""Where ``npm run build`` (``web/``) writes the UI."""

_NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AgentTrace</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>AgentTrace</h1>
<p>The API is running, but the web UI has not been built yet.</p>
<p>Build it with <code>make web-build</code> (or <code>cd web &amp;&amp; npm ci &amp;&amp;
npm run build</code>), then reload this page. <code>make run</code> does both.</p>
<p>The API is under <a href="/api/v1/traces">/api/v1</a>; its schema is at
<a href="/docs">/docs</a>.</p>
</body></html>
"""

_API_PREFIXES = ("api/", "v1/")


def spa_router(static_dir: Path = STATIC_DIR) -> APIRouter:
    """A catch-all ``GET`` route for the UI; include it after every other router."""
    router = APIRouter(include_in_schema=False)
    root = static_dir.resolve()

    @router.get("/{path:path}")
    async def spa(path: str) -> Response:
        if path == "api" or path.startswith(_API_PREFIXES):
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        index = root / "index.html"
        if path:
            candidate = (root / path).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return FileResponse(candidate, headers=_cache_headers(path))
            if path.startswith("assets/"):
                return JSONResponse({"detail": "Not Found"}, status_code=404)
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(_NOT_BUILT)

    return router


def _cache_headers(path: str) -> dict[str, str]:
    """Hashed build assets are immutable; everything else is revalidated."""
    if path.startswith("assets/"):
        return {"Cache-Control": "public, max-age=31536000, immutable"}
    return {"Cache-Control": "no-cache"}
