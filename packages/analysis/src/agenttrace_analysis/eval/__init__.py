"""Measuring the analysis against public annotated data (``agenttrace eval``).

:mod:`.whowhen` and :mod:`.mast_data` read the datasets and turn records into runs;
:mod:`.attribution_eval` and :mod:`.mast_eval` score; :mod:`.report` renders the tables.
The bundled ``datasets/`` folder is a development split (see its README and SOURCES).
"""
