"""The app around the routes: the built UI and deep links, API keys, CORS, OpenAPI."""

from __future__ import annotations

import httpx
import pytest
from agenttrace_api import create_app
from agenttrace_core.auth import hash_key
from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow
from sqlalchemy import insert


def client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.fixture
def built_ui(tmp_path):
    root = tmp_path / "static"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<html>the app</html>")
    (root / "assets" / "app-1a2b.js").write_text("console.log(1)")
    (root / "favicon.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("outside")
    return root


@pytest.mark.parametrize("dialect", ["sqlite"], indirect=True)
async def test_ui_files_deep_links_and_api_404s(settings, engine, built_ui) -> None:
    app = create_app(settings, engine=engine, static_dir=built_ui)
    async with client(app) as c:
        for path in ("/", "/traces", "/traces/" + "a" * 32, "/agents/planner", "/overview?x=1"):
            response = await c.get(path)
            assert (response.status_code, response.text, path) == (
                200,
                "<html>the app</html>",
                path,
            )
        asset = await c.get("/assets/app-1a2b.js")
        assert asset.text == "console.log(1)"
        assert "immutable" in asset.headers["cache-control"]
        assert (await c.get("/favicon.svg")).text == "<svg/>"
        assert (await c.get("/assets/missing.js")).status_code == 404
        assert (await c.get("/../secret.txt")).text != "outside"
        assert (await c.get("/%2e%2e/secret.txt")).text != "outside"
        for path in ("/api/v1/nothing", "/api/v2/traces", "/api"):
            response = await c.get(path)
            assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})
        assert (await c.get("/health")).json()["status"] == "ok"


@pytest.mark.parametrize("dialect", ["sqlite"], indirect=True)
async def test_without_a_build_the_root_says_how_to_build(settings, engine, tmp_path) -> None:
    app = create_app(settings, engine=engine, static_dir=tmp_path / "no-build")
    async with client(app) as c:
        response = await c.get("/traces")
        assert response.status_code == 200
        assert "make web-build" in response.text


async def test_api_keys_global_and_per_project(settings, engine) -> None:
    async with engine.begin() as conn:
        await conn.execute(insert(s.projects).values(name="lab", created_at=utcnow()))
        await conn.execute(
            insert(s.api_keys).values(
                project_id=1, key_hash=hash_key("lab-key"), created_at=utcnow()
            )
        )
    app = create_app(settings.model_copy(update={"api_keys": ["global-key"]}), engine=engine)
    async with client(app) as c:
        assert (await c.get("/api/v1/traces")).status_code == 401
        assert (await c.get("/api/v1/traces", headers={"x-api-key": "wrong"})).status_code == 401
        ok = await c.get("/api/v1/traces", headers={"Authorization": "Bearer global-key"})
        assert ok.status_code == 200
        assert (
            await c.get("/api/v1/projects", headers={"x-api-key": "global-key"})
        ).status_code == 200
        lab = {"x-api-key": "lab-key"}
        assert (await c.get("/api/v1/traces", headers=lab)).status_code == 200
        assert (
            await c.get("/api/v1/traces", params={"project": "shop"}, headers=lab)
        ).status_code == 403
        assert (await c.get("/api/v1/projects", headers=lab)).json()["items"][0]["name"] == "lab"
        # ops endpoints and the UI need no key
        assert (await c.get("/health")).status_code == 200
        assert (await c.get("/")).status_code == 200


async def test_cors_preflight_from_the_dev_server(settings, engine) -> None:
    app = create_app(settings, engine=engine)
    async with client(app) as c:
        response = await c.options(
            "/api/v1/traces",
            headers={
                "Origin": "http://localhost:5173",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "x-api-key",
            },
        )
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
        other = await c.get("/api/v1/traces", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("dialect", ["sqlite"], indirect=True)
def test_openapi_is_typed_and_declares_errors(settings) -> None:
    spec = create_app(settings).openapi()
    paths = spec["paths"]
    expected = {
        "/api/v1/traces",
        "/api/v1/traces/{trace_id}",
        "/api/v1/traces/{trace_id}/spans",
        "/api/v1/traces/{trace_id}/spans/{span_id}",
        "/api/v1/traces/{trace_id}/graph",
        "/api/v1/traces/{trace_id}/messages",
        "/api/v1/traces/{trace_id}/failures",
        "/api/v1/traces/{trace_id}/analyze",
        "/api/v1/traces/{trace_id}/annotations",
        "/api/v1/annotations/{annotation_id}",
        "/api/v1/traces/{trace_id}/verdict",
        "/api/v1/agents",
        "/api/v1/agents/{name}",
        "/api/v1/projects",
        "/api/v1/projects/{name}/graph",
        "/api/v1/overview",
    }
    assert expected <= set(paths)
    for path in expected:
        for method, operation in paths[path].items():
            ok = operation["responses"].get("200") or operation["responses"]["201"]
            schema = ok["content"]["application/json"]["schema"]
            assert "$ref" in schema, (method, path)
            assert "422" in operation["responses"] or path == "/api/v1/projects"
    assert "TraceSummary" in spec["components"]["schemas"]
