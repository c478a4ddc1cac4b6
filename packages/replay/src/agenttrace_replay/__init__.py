"""Replay: checkpoint store, state reconstruction and diff, fork/replay."""
