"""The output policy: every way a page could run script or load from elsewhere is found, with its
line, however it is spelled; what is allowed passes; the real site passes by the fast path."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from praxis import output_policy
from praxis.editor_policy import EDITOR_PAGE, check_editor_page
from praxis.output_policy import (
    CONTENT_SECURITY_POLICY,
    HEADER_CONTENT_SECURITY_POLICY,
    check_html,
    check_site,
    html_files,
    plainly_clean,
    read_page,
)
from site_build import BUILD_ENV, built_site, copy_project

REPO = Path(__file__).resolve().parent.parent
MATERIAL = Path(__import__("material").__file__).parent / "templates"
SITE_URL = "https://portal.example/"

HEAD = (
    "<!doctype html>\n"
    '<html lang="de">\n'
    "<head>\n"
    f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
    '<meta charset="utf-8">\n'
    "<title>Seite</title>\n"
    "</head>\n"
    "<body>\n"
)
LINE = HEAD.count("\n") + 1  # the line where `page()` puts the markup under test


def page(markup: str) -> str:
    return f"{HEAD}{markup}\n</body>\n</html>\n"


def found(markup: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_html(page(markup), "seite.html", site_url=SITE_URL)]


def assert_one(markup: str, reason: str, line: int = LINE) -> None:
    """Exactly one violation, on `line`, whose message contains `reason`."""
    problems = found(markup)
    assert len(problems) == 1, problems
    assert problems[0][0] == line, problems
    assert reason in problems[0][1], problems


def test_a_clean_page_passes_by_the_fast_path() -> None:
    markup = '<p class="x">Text <a href="https://example.org/">extern</a></p>'
    assert plainly_clean(page(markup).encode())
    assert found(markup) == []


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="bild.png" onerror="alert(1)">',
        "<IMG SRC=bild.png ONERROR=alert(1)>",
        "<img src='bild.png' onerror='alert(1)'>",
        "<img/onerror=alert(1)/src=bild.png>",
        '<a href="x"onclick="alert(1)">x</a>',
        '<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>',
        '<details open ontoggle="alert(1)">x</details>',
        '<p title="a" onpointerenter = "alert(1)">x</p>',
    ],
)
def test_event_handlers_in_any_spelling(markup: str) -> None:
    assert_one(markup, "Ereignis-Attribut on")


def test_an_event_handler_is_reported_on_the_line_where_its_tag_starts() -> None:
    assert_one('<p>x</p>\n<div class="a"\n  onclick="alert(1)">y</div>', "onclick", LINE + 1)


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "&#0000106&#0000097vascript:alert(1)",
        "java&#9;script:alert(1)",
        "java\tscript:alert(1)",
        "java&Tab;scr&NewLine;ipt:alert(1)",
        " \x01 javascript:alert(1)",
        "&#32;javascript:alert(1)",
        "vbscript:msgbox(1)",
    ],
)
def test_script_addresses_with_entities_and_whitespace(href: str) -> None:
    for markup in (f'<a href="{href}">x</a>', f"<a href='{href}'>x</a>"):
        assert_one(markup, "Skript-Adresse")


def test_unquoted_script_address_and_other_attributes() -> None:
    assert_one("<a href=javascript:alert(1)>x</a>", "Skript-Adresse (javascript:)")
    assert_one('<form action="javascript:alert(1)"></form>', "action an <form>")
    assert_one('<button formaction="javascript:alert(1)">x</button>', "formaction")
    assert_one('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "xlink:href")
    assert_one('<math href="javascript:alert(1)">x</math>', "href an <math>")
    assert_one(
        '<svg><animate attributeName="href" values="x;javascript:alert(1)"/></svg>',
        "values an <animate>",
    )


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="data:image/png;base64,AAAA" alt="">',
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
        '<img srcset="a.png 1x, DATA:image/png;base64,AAAA 2x" alt="">',
    ],
)
def test_data_addresses_are_not_allowed_in_markup(markup: str) -> None:
    assert_one(markup, "data:-Adresse")


@pytest.mark.parametrize(
    ("markup", "what"),
    [
        ('<img src="https://example.org/x.png" alt="">', "src an <img>"),
        ('<img src="//example.org/x.png" alt="">', "src an <img>"),
        ('<img src="\\\\example.org/x.png" alt="">', "src an <img>"),
        ('<img src="https:example.org/x.png" alt="">', "src an <img>"),
        ('<img src="/&#47;example.org/x.png" alt="">', "src an <img>"),
        ('<img srcset="a.png 1x, https://example.org/b.png 2x" alt="">', "srcset an <img>"),
        ('<script src="https://cdn.example.org/x.js"></script>', "src an <script>"),
        ('<link rel="stylesheet" href="https://example.org/x.css">', "href an <link>"),
        ('<link rel="preload" as="font" href="//example.org/f.woff2">', "href an <link>"),
        ('<link rel="prefetch" href="https://example.org/">', "href an <link>"),
        ('<link rel="icon" href="https://example.org/i.png">', "href an <link>"),
        ('<link rel="manifest" href="https://example.org/m.json">', "href an <link>"),
        ('<link rel="modulepreload" href="https://example.org/m.js">', "href an <link>"),
        ('<video poster="https://example.org/p.png"></video>', "poster an <video>"),
        ('<audio src="https://example.org/a.mp3"></audio>', "src an <audio>"),
        ('<video><source src="https://example.org/v.mp4"></video>', "src an <source>"),
        ('<video><track src="https://example.org/t.vtt"></video>', "src an <track>"),
        ('<form action="https://example.org/sammeln"></form>', "action an <form>"),
        ('<a href="/" ping="https://tracker.example/">x</a>', "ping an <a>"),
        ('<table background="https://example.org/b.png"></table>', "background an <table>"),
        ('<svg><image href="https://example.org/x.png"/></svg>', "href an <image>"),
    ],
)
def test_resources_from_other_hosts(markup: str, what: str) -> None:
    assert_one(markup, f"{what} lädt")


@pytest.mark.parametrize(
    "content", ["0; url=https://example.org/", "0;URL='https://example.org/'", "5,//example.org"]
)
def test_meta_refresh_to_another_host(content: str) -> None:
    assert_one(
        f'<meta http-equiv="Refresh" content="{content}">',
        "leitet automatisch auf einen anderen Host weiter",
    )


@pytest.mark.parametrize(
    "markup",
    [
        '<div style="background: url(https://example.org/x.png)">x</div>',
        "<div style='background: URL( \"//example.org/x.png\" )'>x</div>",
        '<div style="background: u\\72l(https://example.org/x.png)">x</div>',
        '<div style="background: url&#40;https://example.org/x.png)">x</div>',
        "<div style=\"background-image: image-set('https://example.org/x.png' 1x)\">x</div>",
        '<style>@import "https://example.org/x.css";</style>',
        "<style>body { background: url(//example.org/x.png) }</style>",
    ],
)
def test_styles_that_load_from_another_host(markup: str) -> None:
    assert_one(markup, "von einem anderen Host")


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ('<iframe src="https://example.org/"></iframe>', "<iframe> bettet"),
        ('<iframe srcdoc="&lt;p&gt;x"></iframe>', "<iframe> bettet"),
        ('<embed src="film.swf">', "<embed> bettet"),
        ('<object data="x.pdf"></object>', "<object> bettet"),
        ('<base href="https://example.org/">', "<base>"),
        ("<base target=_blank>", "<base>"),
    ],
)
def test_embedding_and_base(markup: str, reason: str) -> None:
    assert_one(markup, reason)


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<script type="module">alert(1)</script>',
        '<script type=" TEXT/JavaScript ">alert(1)</script>',
        '<script language="javascript">alert(1)</script>',
        '<script type="">alert(1)</script>',
        '<script type="importmap">{}</script>',
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_inline_scripts_that_a_browser_runs(markup: str) -> None:
    assert_one(markup, "Inline-Skript")


@pytest.mark.parametrize(
    "markup",
    [
        '<script type="application/json">{"a": 1}</script>',
        '<script id="__config" type="application/ld+json">{}</script>',
        '<script type="text/plain">nur Text</script>',
        '<script language="vorlage">nur Text</script>',
        '<script src="../assets/x.js"></script>',
        '<script src="https://portal.example/assets/x.js"></script>',
    ],
)
def test_scripts_that_do_not_run_inline(markup: str) -> None:
    assert found(markup) == []


def test_duplicate_ids_name_both_lines() -> None:
    assert_one('<h2 id="ziel">a</h2>\n<p id="ziel">b</p>', f"zuerst in Zeile {LINE}", LINE + 1)
    assert_one('<p id="a&amp;b">x</p><p id="a&#38;b">y</p>', "„a&b“ kommt auf der Seite doppelt")
    assert found('<p id="Ziel">a</p><p id="ziel">b</p><p id="">c</p><p id="">d</p>') == []


@pytest.mark.parametrize(
    "markup",
    [
        # Comments end where a browser ends them.
        "<!-- x --!><img src=x onerror=alert(1)> -->",
        "<!--><img src=x onerror=alert(1)>-->",
        "<!---><img src=x onerror=alert(1)>-->",
        # In HTML a CDATA section is a bogus comment that ends at the first `>`.
        "<![CDATA[><img src=x onerror=alert(1)>]]>",
        # Raw text ends at its end tag, even inside what looks like an attribute.
        '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        '<textarea/><p title="</textarea><img src=x onerror=alert(1)>">',
        # ... and with attributes on the end tag.
        '<script type="application/json">{}</script x><img src=x onerror=alert(1)>',
        # A script's text ends at the `</script>` a browser ends it at ("double escaped").
        '<script type="application/json"><!--<script></script>'
        '<p title="</script><img src=x onerror=alert(1)>"></script>',
        # Inside SVG, <style> holds markup.
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<svg><style><img src=x onerror=alert(1)>",
    ],
)
def test_markup_hidden_where_parsers_disagree_is_found(markup: str) -> None:
    problems = found(markup)
    assert [line for line, _ in problems] == [LINE], problems
    assert "Ereignis-Attribut onerror an <img>" in problems[0][1]


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="https://example.org/">extern</a>',
        '<a href="//example.org/">extern</a>',
        '<a href="mailto:redaktion@example.org">E-Mail</a> <a href="tel:+4930123">Telefon</a>',
        '<a href="../themen/#abschnitt?x=1:2">intern</a>',
        '<link rel="canonical" href="https://example.org/seite/">',
        '<img src="../bild.png" alt="Bild" style="width: 10px">',
        '<div style="background: url(data:image/png;base64,AAAA)">x</div>',
        '<img src="https://portal.example/bild.png" alt="">',
        '<img src="//portal.example/bild.png" alt="">',
        '<meta http-equiv="refresh" content="30; url=../neu/">',
        "<p>Das Attribut onclick=&quot;x&quot; und javascript: gibt es nicht.</p>",
        '<pre><code>&lt;img src="https://example.org/x.png" onerror="x"&gt;</code></pre>',
        '<p title="a onclick=b" data-onclick="x">Text</p>',
        "<!-- ein Kommentar ohne Markup -->",
        '<p>a < b und c <> d</p><td align="right">1</td>',
    ],
)
def test_what_is_allowed(markup: str) -> None:
    assert found(markup) == []


def test_the_policy_must_be_the_first_element_of_head() -> None:
    missing = page("<p>x</p>").replace(HEAD.splitlines()[3] + "\n", "")
    assert [p.message for p in check_html(missing, "a.html")] == [
        "die Content-Security-Policy fehlt: das erste Element im <head> muss "
        '<meta http-equiv="Content-Security-Policy" …> sein'
    ]
    late = missing.replace(
        "<title>",
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n<title>',
    )
    assert [p.line for p in check_html(late, "a.html")] == [4]
    weaker = page("").replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    assert [p.message for p in check_html(weaker, "a.html")] == [
        "die Content-Security-Policy weicht von der vorgegebenen ab"
    ]
    assert [p.line for p in check_html("", "leer.html")] == [1]


def test_problems_name_the_file_relative_to_the_site(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_text(page("<base href=/>"), "utf-8")
    (tmp_path / "gut.html").write_text(page("<p>gut</p>"), "utf-8")
    (problem,) = check_site(tmp_path)
    assert (problem.path, problem.line, problem.rule) == ("a/b/index.html", LINE, "output-policy")
    assert problem.text().startswith(f"a/b/index.html:{LINE}: Fehler: <base>")
    monkeypatch.setattr(output_policy, "PARALLEL_MIN_PAGES", 1)  # two worker processes
    assert check_site(tmp_path, workers=2) == [problem]


def test_the_header_policy_adds_what_a_meta_element_cannot_carry() -> None:
    assert HEADER_CONTENT_SECURITY_POLICY == CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY


# Random pages from pieces of markup, harmless and hostile: the fast path must never accept a page
# in which the parser finds a violation.
PIECES = (
    *("<p>", "</p>", "</div>", "<span>", "Text", " ", "\n", "\t", ">", "<", '"', "'", "=", "/"),
    *("&amp;", "&#106;", "<br/>", "</DIV>", "</a>", '<a href="', "<a", "<!--", "-->", "--!>"),
    *("</svg>", "</style>", "</title>", "</textarea>", "</script>", "<![CDATA[", "<title>"),
    *('<script type="application/json">', '<script src="x.js">', "<noscript>", "<textarea>"),
    *('<meta http-equiv="refresh" content="0;url=//e.org">', "<base href=/>", "<iframe>"),
)
TAG_NAMES = ("p", "div", "a", "area", "img", "link", "svg", "image", "math", "form", "IMG", "Img")
TAG_NAMES += ("script", "style", "title", "textarea", "animate", "meta", "video", "input", "use")
ATTRIBUTES = (
    *(' id="a"', ' id="b"', ' ID="a"', ' class="c"', ' title="x > y"', ' title="<a "', " hidden"),
    *(
        ' onclick="x"',
        " ONCLICK=x",
        "/onload=x",
        ' href="javascript:x"',
        ' href="java&#9;script:x"',
    ),
    *(' href="https://e.org/"', ' href="../x/"', ' href="//e.org/"', ' rel="canonical"'),
    *(' rel="stylesheet"', ' src="x.png"', ' src="//example.org/x.png"', " src=x.png"),
    *(' src="https://example.org/x.png"', ' src="/\t/example.org"', ' srcset="a 1x, //e.org/b"'),
    *(' style="color: red"', ' style="background:url(//e.org/x)"', ' data-x="1"', ' fill="a"'),
    *(' aria-label="y"', ' viewBox="0 0 1 1"', ' action="//e.org"', ' values="javascript:x"'),
    *(" xlink:href=javascript:x", ' poster="//e.org/p"', ' type="application/json"', "'", '"'),
)
TAGS = st.builds(
    lambda name, attributes, end: f"<{name}{''.join(attributes)}{end}",
    st.sampled_from(TAG_NAMES),
    st.lists(st.sampled_from(ATTRIBUTES), max_size=4),
    st.sampled_from((">", "/>", " >", "")),
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TAGS, st.sampled_from(PIECES)), max_size=16).map("".join))
def test_the_fast_path_never_accepts_what_the_parser_rejects(markup: str) -> None:
    text = page(markup)
    if plainly_clean(text.encode()):
        assert read_page(text, site_url=SITE_URL) == []


# --- The real site -------------------------------------------------------------------------------


def test_every_page_of_the_real_site_passes_by_the_fast_path() -> None:
    site = built_site()
    pages = html_files(site)
    assert len(pages) > 50
    slow = [p.relative_to(site).as_posix() for p in pages if not plainly_clean(p.read_bytes())]
    assert slow in ([], [EDITOR_PAGE])  # the editor has a policy of its own (editor_policy.py)
    assert check_site(site, site_url="http://127.0.0.1:8000/") == []


def test_the_parser_agrees_with_the_fast_path_on_the_real_site() -> None:
    for path in html_files(built_site()):
        if path.relative_to(built_site()).as_posix() == EDITOR_PAGE:
            assert check_editor_page(path.read_bytes(), EDITOR_PAGE) == []
            continue
        assert read_page(path.read_text("utf-8")) == [], path


def test_every_page_starts_with_the_policy_and_declares_its_charset_in_time() -> None:
    policy = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    for path in html_files(built_site()):
        head = path.read_bytes()[:1024]  # browsers look for the charset in the first 1024 bytes
        if path.relative_to(built_site()).as_posix() == EDITOR_PAGE:
            policy_of_editor = re.search(rb'<meta http-equiv="Content-Security-Policy"', head)
            assert policy_of_editor is not None and head.find(b"<meta") == policy_of_editor.start()
            assert b'<meta charset="utf-8">' in head
            continue
        assert policy.encode() in head, path
        assert b'<meta charset="utf-8">' in head, path


def test_the_operator_page_shows_the_policy_as_defined_in_code() -> None:
    text = (REPO / "docs" / "betrieb" / "sicherheit.md").read_text("utf-8")
    assert f"\n{CONTENT_SECURITY_POLICY}\n" in text  # the meta policy, as a block of its own
    # the header policy: on its own, in the nginx and in the Apache example
    assert text.count(HEADER_CONTENT_SECURITY_POLICY) == 3


def _material_scripts(partial: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", (MATERIAL / partial).read_text("utf-8"), re.S)


def _our_script(name: str) -> str:
    text = (REPO / "overrides" / "assets" / "javascripts" / "material" / name).read_text("utf-8")
    return text.split("*/\n", 1)[1].strip()


def test_material_inline_scripts_are_served_as_files_unchanged() -> None:
    """A Material update that changes one of these scripts fails here: copy the new code."""
    (scope,) = _material_scripts("partials/javascripts/base.html")
    scope = scope.replace(
        '"{{ config.extra.scope | d(base_url) }}"',
        'document.currentScript.getAttribute("data-md-scope")',
    )
    assert _our_script("scope.js") == scope
    assert [_our_script("palette.js")] == _material_scripts("partials/javascripts/palette.html")
    tabs, content = _material_scripts("partials/javascripts/content.html")
    assert (_our_script("tabs.js"), _our_script("content.js")) == (tabs, content)


# --- The build -----------------------------------------------------------------------------------


def _project(tmp_path: Path, page_text: str, *, audit: bool = True) -> Path:
    project = copy_project(
        tmp_path / "project", ("mkdocs.yml", "docs", "overrides", "content/vocabularies")
    )
    (project / "docs" / "extern.md").write_text(page_text, "utf-8")
    if not audit:
        config = project / "mkdocs.yml"
        text = config.read_text("utf-8")
        config.write_text(
            text.replace("  - praxis:\n", "  - praxis:\n      audit: false\n"), "utf-8"
        )
    return project


@pytest.mark.parametrize("audit", [True, False])
def test_a_page_that_breaks_the_policy_fails_the_build_in_german(
    tmp_path: Path, audit: bool
) -> None:
    project = _project(
        tmp_path,
        "# Extern\n\nEin Bild von anderswo:\n\n"
        '<img src="https://example.org/x.png" alt="Bild">\n\n'
        '<button onclick="alert(1)">Los</button>\n',
        audit=audit,
    )
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        check=False,
    )
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert "Die gebaute Seite verstößt gegen die Ausgaberegeln" in build.stderr
    lines = [line for line in build.stderr.splitlines() if line.startswith("extern/index.html:")]
    assert len(lines) == 2, build.stderr[-3000:]
    assert "src an <img> lädt „https://example.org/x.png“ von einem anderen Host" in lines[0]
    assert "Ereignis-Attribut onclick an <button>" in lines[1]
    assert all(line.endswith("[output-policy]") for line in lines)


def test_a_dirty_preview_build_checks_the_pages_it_wrote(tmp_path: Path) -> None:
    old = tmp_path / "alt" / "index.html"
    new = tmp_path / "neu" / "index.html"
    for path in (old, new):
        path.parent.mkdir()
        path.write_text(page('<script src="https://cdn.example/x.js"></script>'), "utf-8")
    os.utime(old, (1_000_000, 1_000_000))  # written by an earlier build
    since = new.stat().st_mtime - 1
    assert {p.path for p in check_site(tmp_path, site_url=SITE_URL, since=since)} == {
        "neu/index.html"
    }
    assert {p.path for p in check_site(tmp_path, site_url=SITE_URL)} == {
        "alt/index.html",
        "neu/index.html",
    }
