"""The only package that imports MkDocs: a thin adapter from the core to MkDocs pages."""
