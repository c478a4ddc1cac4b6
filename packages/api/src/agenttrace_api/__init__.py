"""The query API under ``/api/v1`` and the built web UI."""

from agenttrace_api.app import create_app

__all__ = ["create_app"]
