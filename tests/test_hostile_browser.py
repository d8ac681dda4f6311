"""Defence in depth, in a real browser: even if a hostile value got past the validator, nothing
runs. The validator and the renderer's policy are bypassed on purpose here; escaping, the
sanitiser and the output policy must hold alone."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from conftest import serve_directory, url_of

REPO = Path(__file__).resolve().parent.parent
TITLE = "</title><script>window.__xss='title'</script><img src=x onerror=\"window.__xss='img'\">"
SUMMARY = "\"><script>window.__xss='summary'</script>"
BODY = """
## Abschnitt

<script>window.__xss='body'</script>

<img src=x onerror="window.__xss='body-img'">

[Klick](javascript:window.__xss='link')

<a href="javascript:window.__xss='a'" id="evil-a">a</a>

<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>

Vorlage {{ 7*7 }} und {% if true %}x{% endif %} bleiben Text.

Absatz mit Attributen
{: onclick="window.__xss='attr'" }

<form action="https://evil.example/"><button>Senden</button></form>
"""

pytestmark = [pytest.mark.browser]


def hostile_corpus(real_load):
    def load(root, **kwargs):
        corpus = real_load(root, **kwargs)
        first = corpus.entries[0]
        fields = dict(first.fields)
        fields["title"] = TITLE
        fields["summary"] = SUMMARY
        fields["contact"] = {"organisation": TITLE, "url": "javascript:alert(1)"}
        corpus.entries[0] = dataclasses.replace(first, fields=fields, body=BODY)
        corpus.problems = []
        return corpus

    return load


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import praxis.mkdocs_plugin.plugin as plugin_module

    project = tmp_path_factory.mktemp("hostile")
    for name in ("mkdocs.yml", "docs", "overrides", "content", "practices"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    site = project / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugin_module, "load_corpus", hostile_corpus(plugin_module.load_corpus))
        # The renderer's policy refuses such a body as the check does; bypass it too, so that
        # the sanitiser, the escaping and the output policy are tested alone.
        real_render = plugin_module.render_body
        patch.setattr(
            plugin_module, "render_body", lambda text: real_render(text)._replace(violations=())
        )
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    server = serve_directory(site)
    yield url_of(server)
    server.shutdown()


def visit(browser, url: str):
    page = browser.new_page()
    dialogs: list[str] = []
    foreign: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else (foreign.append(route.request.url), route.abort())
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, dialogs, foreign


@pytest.mark.parametrize(
    "path", ["praxisbeispiele/{id}/", "praxisbeispiele/", "themen/{topic}/", ""]
)
def test_hostile_title_and_body_do_not_run(chromium, hostile_site: str, path: str) -> None:
    from praxis.corpus import load_corpus

    first = load_corpus(REPO).entries[0]
    url = f"{hostile_site}/{path.format(id=first.id, topic=first.fields['topics'][0])}"
    page, dialogs, foreign = visit(chromium, url)
    try:
        # SVG links (the map) have no string `href`: resolve the attribute for every link.
        hrefs = page.eval_on_selector_all(
            "a[href]",
            "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)",
        )
        assert [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))] == []
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]"
            ".filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))"
        )
        assert handlers == []
        assert page.evaluate("window.__xss") is None
        assert dialogs == []
        assert foreign == []
        if path.startswith("praxisbeispiele/{id}"):
            assert page.locator("h1").first.inner_text() == TITLE
            body = page.locator(".praxis-body").inner_text()
            assert "{{ 7*7 }}" in body and "49" not in body
            assert (
                page.locator(
                    ".praxis-body script, .praxis-body iframe, .praxis-body form,"
                    " .praxis-body [onclick], .praxis-body [onerror]"
                ).count()
                == 0
            )
            assert page.locator('a[href^="javascript"]').count() == 0
    finally:
        page.close()
