"""MkDocs' messages about links in hand-written pages reach editors in German."""

from __future__ import annotations

import logging

import pytest

from praxis.mkdocs_plugin.german_log import LINK_LOGGER, german, install, strict_abort


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (
            "Doc file 'ueber.md' contains a link 'gibtsnicht.md', but the target is not found "
            "among documentation files.",
            "docs/ueber.md: Der Link `gibtsnicht.md` führt zu keiner Seite.",
        ),
        (
            "Doc file 'ueber.md' contains a link 'a/b.md', but the target 'a/b.md' is not found "
            "among documentation files. Did you mean 'impressum.md'?",
            "docs/ueber.md: Der Link `a/b.md` führt zu keiner Seite (gesucht: `a/b.md`). "
            "Gemeint ist vielleicht `impressum.md`.",
        ),
        (
            "Doc file 'ueber.md' contains a link 'impressum.md#fehlt', but the doc "
            "'impressum.md' does not contain an anchor '#fehlt'.",
            "docs/ueber.md: Der Link `impressum.md#fehlt` zeigt auf den Abschnitt `#fehlt`, den "
            "es auf der Seite `impressum.md` nicht gibt.",
        ),
        ("Something else entirely.", "Something else entirely."),
    ],
)
def test_link_messages_are_rewritten_in_german(english: str, expected: str) -> None:
    assert german(english) == expected


def test_the_filter_rewrites_what_mkdocs_logs(caplog: pytest.LogCaptureFixture) -> None:
    install()
    install()  # twice is once
    logger = logging.getLogger(LINK_LOGGER)
    assert sum(type(f).__name__ == "GermanLinkMessages" for f in logger.filters) == 1
    with caplog.at_level(logging.WARNING, logger=LINK_LOGGER):
        logger.warning(
            "Doc file 'x.md' contains a link 'y.md', but the target is not found among "
            "documentation files."
        )
    assert caplog.messages == ["docs/x.md: Der Link `y.md` führt zu keiner Seite."]


def test_the_end_of_a_strict_build_is_german() -> None:
    assert strict_abort("Aborted with 3 warnings in strict mode!") == (
        "Die Seite wurde nicht gebaut: 3 Warnungen (siehe oben); der strenge Bau lässt keine zu."
    )
    assert strict_abort("Aborted with a BuildError!") is None


def test_pages_left_out_of_the_navigation_are_named_in_german() -> None:
    english = (
        'The following pages exist in the docs directory, but are not included in the "nav" '
        "configuration:\n  - neu.md"
    )
    assert german(english) == (
        "Diese Seiten in docs/ stehen nicht in der Navigation (`nav` in mkdocs.yml); sie werden "
        "gebaut, sind aber nur über Links erreichbar:\n  - neu.md"
    )


def test_a_public_page_linking_an_internal_one_is_told_why() -> None:
    from praxis.mkdocs_plugin.german_log import leave_out

    english = (
        "Doc file 'ueber.md' contains a link 'austausch.md', but the target is not found among "
        "documentation files."
    )
    leave_out(frozenset({"austausch.md"}))
    try:
        assert "führt zu einer internen Seite" in german(english)
    finally:
        leave_out(frozenset())
    assert german(english) == "docs/ueber.md: Der Link `austausch.md` führt zu keiner Seite."
