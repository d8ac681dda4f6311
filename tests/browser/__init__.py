"""Browser tests of the built site. A package, so that its conftest cannot shadow
tests/conftest.py for `from conftest import ...` elsewhere."""
