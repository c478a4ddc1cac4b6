"""Analysis: communication graphs, MAST failure classification and failure attribution."""
