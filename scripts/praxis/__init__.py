"""Praxis: content model, validator and site generator of the Plattform gegen Rassismus und Hass.

Everything in this package except :mod:`praxis.mkdocs_plugin` is plain Python with plain data in
and out, so that another renderer can replace MkDocs without touching validation or taxonomy.
"""

__version__ = "0.1.0"
