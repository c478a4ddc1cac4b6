"""The batched writer: rows, trace summaries, the per-database drivers and the group commit."""
