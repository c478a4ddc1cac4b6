"""Typed request and response bodies of the API (they make the OpenAPI schema complete)."""
