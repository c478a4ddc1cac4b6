"""``python -m agenttrace_server`` runs the ``agenttrace`` command."""

from agenttrace_server.cli import main

main()
