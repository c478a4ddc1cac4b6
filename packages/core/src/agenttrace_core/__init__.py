"""AgentTrace core: models, settings and the database schema shared by every service."""

__version__ = "0.1.0"
