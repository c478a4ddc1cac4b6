"""Checkpoints, diffs and replays (``/api/v1/checkpoints…``, ``/api/v1/replays…``).

PLACEHOLDER from the foundation: the replay issue fills this in.
"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["replay"])
