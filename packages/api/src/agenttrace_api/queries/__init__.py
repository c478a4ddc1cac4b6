"""The SQL behind the routes, in SQLAlchemy Core (one module per resource)."""
