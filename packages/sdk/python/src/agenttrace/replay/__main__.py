"""``python -m agenttrace.replay TRACE_ID CHECKPOINT [path=value …] [--app module:object]``.

The same fork as ``agenttrace replay TRACE_ID --from CHECKPOINT``, for environments that have
only the SDK; prints the result as JSON and exits 1 when the replay failed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from agenttrace.replay._client import ApiError
from agenttrace.replay._fork import fork


def _value(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return text


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, fork, print the result."""
    parser = argparse.ArgumentParser(prog="python -m agenttrace.replay", description=__doc__)
    parser.add_argument("trace_id")
    parser.add_argument("checkpoint", help="checkpoint id, step number or name")
    parser.add_argument("changes", nargs="*", metavar="path=value")
    parser.add_argument("--app", help="module:object of the workflow")
    parser.add_argument("--recorded-only", action="store_true")
    parser.add_argument("--api-url")
    args = parser.parse_args(argv)
    changes = {}
    for item in args.changes:
        path, sep, value = item.partition("=")
        if not sep:
            parser.error(f"expected path=value, got {item!r}")
        changes[path] = _value(value)
    try:
        result = fork(
            args.trace_id,
            checkpoint=args.checkpoint,
            changes=changes,
            app=args.app,
            recorded_only=args.recorded_only,
            api_url=args.api_url,
        )
    except ApiError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
    out = {k: v for k, v in dataclasses.asdict(result).items() if k != "output"}
    print(json.dumps(out, default=str))
    return 0 if result.status == "succeeded" else 1


if __name__ == "__main__":
    sys.exit(main())
