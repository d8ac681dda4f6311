"""Web addresses in fields and links: only what leads where it says, written as browsers do."""

from __future__ import annotations

import pytest

from praxis.links import url_problem
from praxis.rules.fields import EMAIL


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("https://amt.example@evil.example/", "`…@`"),
        ("https://stadt.example:99999/", "Portnummer"),
        ('https://stadt.example/"><script>', "Anführungszeichen"),
        ("javascript:alert(1)", "nur Adressen"),
        ("https://", "fehlt der Name"),
    ],
)
def test_a_misleading_or_broken_address_is_refused_with_its_reason(
    address: str, reason: str
) -> None:
    problem = url_problem(address)
    assert problem is not None and reason in problem


@pytest.mark.parametrize(
    "address",
    [
        "https://beispiel.example/pfad_(x)",
        "https://stadt.example/?a=1&b=2#abschnitt",
        "https://müllerstadt.example/seite",
        "https://stadt.example:8443/",
        "mailto:info@stadt.example",
    ],
)
def test_an_ordinary_address_passes(address: str) -> None:
    assert url_problem(address) is None


def test_an_e_mail_address_may_have_umlauts_in_its_domain() -> None:
    assert EMAIL.match("info@müllerstadt.de")
    assert not EMAIL.match("info@stadt")


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("kostenfrei bei Gruppen <zehn Personen", False),
        ("Verhältnis a < b", False),
        ("<script>alert(1)</script>", True),
        ("<img src=x onerror=alert(1)", True),
        ("</b>", True),
    ],
)
def test_text_fields_refuse_markup_but_not_a_less_than_sign(text: str, markup: bool) -> None:
    from praxis.rules.fields import HTML_TAG

    assert bool(HTML_TAG.search(text)) is markup
