"""The ``agenttrace`` command: composes the services."""

__version__ = "0.1.0"
