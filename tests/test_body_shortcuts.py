"""The body renderer skips work whose result nothing uses: inline patterns on text that no
pattern can match, and the table of contents' HTML list. Whatever an editor writes, a body
must come out exactly as Python-Markdown's own steps would render it."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.treeprocessors import InlineProcessor

from praxis.bodies import INLINE_PATTERNS, BodyRenderer, render_body

# Markdown's active characters, words and line breaks, so that random text meets the patterns.
PIECES = st.sampled_from(
    [
        "Wort", " ", "  \n", "\n", "\n\n", "*", "**", "_", "`", "\\", "[", "]", "(", ")", "!",
        "<", ">", "&", "&amp;", "&#x202E;", "#", "## Ziele", "- ", "1. ", "> ", "[^1]",
        "[^1]: Fußnote", "[Link](https://example.org)", "<https://example.org>",
        "<a@b.de>", "{#anker}", "!!! note", "    ", "|a|b|\n|-|-|\n|1|2|", "[TOC]", "ä", "ß",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)


class _Unchanged(BodyRenderer):
    """The renderer with Python-Markdown's own inline step and table of contents."""

    def _build(self) -> None:
        super()._build()
        self.md.treeprocessors.register(InlineProcessor(self.md), "inline", 20)
        toc = next(e for e in self.md.registeredExtensions if isinstance(e, TocExtension))
        self.md.treeprocessors.register(TocTreeprocessor(self.md, toc.getConfigs()), "toc", 5)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_body_renders_as_python_markdown_s_own_steps_would(text: str) -> None:
    assert BodyRenderer().render(text) == _Unchanged().render(text)


def test_the_shortcut_knows_every_inline_pattern_of_the_dialect() -> None:
    """A Markdown release that adds a pattern turns the shortcut off (see `BodyRenderer`);
    this test then says so, so that the trigger characters can be checked."""
    renderer = BodyRenderer()
    names = {item.name for item in renderer.md.inlinePatterns._priority}
    assert names == INLINE_PATTERNS
    assert type(renderer.md.treeprocessors["inline"]) is not InlineProcessor


def test_a_body_that_asks_for_a_table_of_contents_still_gets_it() -> None:
    html = render_body("[TOC]\n\n## Ziele\n\nText\n\n## Vorgehen\n").html
    assert '<div class="toc">' in html and 'href="#ziele"' in html
    reference = markdown.markdown("[TOC]\n\n## Ziele\n", extensions=["toc"])
    assert '<div class="toc">' in reference
