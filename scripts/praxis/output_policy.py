"""The last line of defence: what no HTML page of the built site may contain.

Whatever produced a page (an entry through the sanitiser, a hand-written page in `docs/`, a theme
template, a plugin), the written file is checked before the site ships:

- no script in the markup: no event-handler attributes (`on…=`), no inline `<script>` that a
  browser would run, no `javascript:`/`vbscript:` addresses; no `data:` addresses at all;
- nothing loaded from another host (images, scripts, stylesheets, frames, media, icons, `url()`
  in styles, automatic redirects, form targets); links a reader follows may go anywhere;
- no `<base>`, no embedded frames or plug-ins, no `id` twice on one page;
- the Content-Security-Policy below as the first element of `<head>`.

Speed: a page in the form our templates write is proven clean by a few regular expressions that
run at C speed (`_plainly_clean`): a strict grammar for the whole document (double-quoted
attributes, no comments, raw text without `<`), in which every attribute a browser sees is one the
expressions see. Anything outside that form goes to a real parser (`_PageReader`) that confirms
and locates each violation. The parser reads like a browser where it matters (comment ends,
`<script>` escapes, raw-text elements, end tags with attributes); where a browser could still read
a stretch differently (a comment, raw text, a self-closing raw-text element, markup inside SVG or
MathML), that stretch is read both ways, so neither reading can hide anything.
"""

from __future__ import annotations

import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .editor_policy import EDITOR_PAGE, check_editor_page
from .pools import can_fork, forked_pool
from .problems import Problem

# The policy of every page, as a `<meta http-equiv>` element (see overrides/main.html). No inline
# script of any kind: Material's inline scripts are replaced by files (overrides/partials/
# javascripts/). No inline style either (Material needs none; tables align with `align`).
# `img-src data:` is for the icons inside Material's own stylesheet; `base-uri 'none'` because
# no page has a `<base>` (the check below forbids it). `'wasm-unsafe-eval'` lets the search
# engine (Pagefind) compile its WebAssembly; it allows no eval() of JavaScript.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "worker-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
    )
)
# What a server should send as a header: the same, plus what a `<meta>` element cannot carry.
HEADER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"

HTML_SUFFIXES = (".html", ".htm")

# Attributes whose value the browser fetches (or sends a form or a ping to) by itself.
RESOURCE_ATTRIBUTES = (
    "src",
    "srcset",
    "imagesrcset",
    "poster",
    "background",
    "lowsrc",
    "dynsrc",
    "data",
    "codebase",
    "archive",
    "classid",
    "manifest",
    "ping",
    "action",
    "formaction",
    "icon",
    "code",
)
LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset", "ping", "archive"})
# `href` is followed by the reader on these elements; on any other element it loads something.
LINK_ELEMENTS = frozenset({"a", "area"})
# Addresses a reader may follow, checked only for script and data schemes.
NAVIGATION_ATTRIBUTES = frozenset({"cite", "longdesc"})
# `<link rel>` values that load nothing by themselves; any other value makes `href` a resource.
NAVIGATION_RELS = frozenset(
    {"canonical", "prev", "next", "alternate", "author", "help", "license", "bookmark", "me", "tag"}
)
EMBEDDING = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"}
)
SVG_ANIMATION = frozenset({"animate", "set", "animatemotion", "animatetransform"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript"})
DATA_BLOCK_TYPES = frozenset({"application/json", "application/ld+json"})
JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
EXECUTABLE_SCRIPT_TYPES = JAVASCRIPT_TYPES | {"module", "importmap", "speculationrules"}
# Elements whose content a browser reads as text up to their end tag (in HTML, not in SVG/MathML).
RAW_TEXT = ("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes")
RAW_TEXT_ELEMENTS = (*RAW_TEXT, "noscript")
MAX_DEPTH = 8
REREAD_FACTOR = 20  # a page's raw text may be read again up to this many times its length
IN_RAW_TEXT = " (in Rohtext, den Browser in SVG oder MathML als Markup lesen)"
MAX_PROBLEMS_PER_PAGE = 50

# --- The fast path: one strict grammar over the whole document, on bytes -------------------------

# Attributes that can neither run nor load anything (any value). An attribute not listed here,
# or a listed one in another form, sends the page to the parser; it is not an error by itself.
# Not here on purpose: SVG `fill`, `stroke`, `filter`, `mask`, `clip-path`, `cursor` (`url()`).
PLAIN_ATTRIBUTES = (
    *("title", "rel", "for", "xmlns", "viewBox", "d", "type", "name", "tabindex"),
    *("role", "autocomplete", "content", "datetime", "spellcheck", "placeholder", "lang"),
    *("dir", "charset", "autocorrect", "autocapitalize", "value", "hidden", "checked", "align"),
    *("alt", "width", "height", "colspan", "rowspan", "scope", "start", "reversed", "target"),
    *("hreflang", "defer", "async", "media", "sizes", "headers", "abbr", "open", "selected"),
    *("disabled", "readonly", "required", "multiple", "min", "max", "step", "pattern", "size"),
    *("maxlength", "minlength", "cols", "rows", "label", "method", "xmlns:xlink", "focusable"),
    *("version", "preserveAspectRatio", "transform", "cx", "cy", "r", "x", "y", "points"),
    *("opacity", "fill-rule", "clip-rule", "loading", "decoding", "download", "property"),
    *("referrerpolicy", "crossorigin", "translate", "accesskey", "inputmode", "novalidate"),
    *("enterkeyhint",),
)
_WS = rb"[ \t\n\f\r]"
_NAME_END = rb"(?=[ \t\n\f\r/>=])"
# A relative address: no scheme (no `:`), no `//` or `\` (another host), no character reference,
# no tab or newline (the URL parser drops them, so `/<tab>/` would become `//`).
_RELATIVE = rb'"[^"\\:&/\t\n\r]*(?:/(?!/)[^"\\:&/\t\n\r]*)*"'
# An address a reader follows: http(s), mailto or tel, or relative up to its first `/`, `?`, `#`.
_LINK = rb'"(?:(?:https?|mailto|tel):[^"]*|[^"\x00-\x20:/?#&\\]*(?:[/?#][^"]*)?)"'


def _names(names) -> bytes:
    return rb"(?:" + rb"|".join(re.escape(n.encode()) for n in names) + rb")"


# Each attribute can be read in one way only (no name in two alternatives): a page that fails
# must fail fast, not try every way of splitting it (see _DOCUMENT).
_ATTRIBUTE = (
    rb'(?:class="[^"]*"'
    rb'|(?:data|aria)-[-a-z0-9_:.]*(?:="[^"]*")?'
    rb"|" + _names(PLAIN_ATTRIBUTES) + _NAME_END + rb'(?:="[^"]*")?'
    rb'|(?<= )id="[^"]*"'  # after one space, so that _ID finds every id
    rb"|" + _names(RESOURCE_ATTRIBUTES) + _NAME_END + rb"(?:=" + _RELATIVE + rb")?"
    rb"|" + _names(NAVIGATION_ATTRIBUTES) + _NAME_END + rb"(?:=" + _LINK + rb")?"
    rb'|style="[^"(\\&]*"'  # no url(), image-set(), escapes or references
    rb")"
)
_ATTRIBUTES = rb"(?:" + _WS + rb"+(?:(?:xlink:)?href=" + _RELATIVE + rb"|" + _ATTRIBUTE + rb"))*"
_LINK_ATTRIBUTES = rb"(?:" + _WS + rb"+(?:(?:xlink:)?href=" + _LINK + rb"|" + _ATTRIBUTE + rb"))*"
_OTHER_ELEMENTS = (
    _names(
        (
            *("a", "area", "link", "script", "title", "textarea", "base", "plaintext"),
            *RAW_TEXT_ELEMENTS,
            *EMBEDDING,
            *SVG_ANIMATION,
        )
    )
    + rb"(?![-a-z0-9])"
)
_NAVIGATION_REL = rb'rel="' + _names(sorted(NAVIGATION_RELS)) + rb'"'
# A page that does not fit fails at once instead of backtracking through every token before
# (possessive repetition, Python 3.11+); every token has a single reading either way.
_POSSESSIVE = b"+" if sys.version_info >= (3, 11) else b""
# The whole document after the policy element: text, tags with double-quoted attributes from the
# lists above, end tags, external and JSON (also JSON-LD) scripts, title and textarea with text
# free of `<`.
# Every token ends where a browser ends it, so every attribute a browser sees is checked here.
# Matched as written: names in lower case (SVG's as spelt); other spellings go to the parser.
_DOCUMENT = re.compile(
    rb"[^<]*(?:<(?:"
    rb"/[a-z][-a-z0-9]*" + _WS + rb"*>"
    rb"|a(?:rea)?(?![-a-z0-9])" + _LINK_ATTRIBUTES + _WS + rb"*/?>"
    rb"|(?!" + _OTHER_ELEMENTS + rb")[a-z][-a-z0-9]*" + _ATTRIBUTES + _WS + rb"*/?>"
    rb"|link" + _WS + rb"+" + _NAVIGATION_REL + _LINK_ATTRIBUTES + _WS + rb"*/?>"
    rb"|link(?!" + _WS + rb"+" + _NAVIGATION_REL + rb")" + _ATTRIBUTES + _WS + rb"*/?>"
    rb"|script" + _WS + rb"+src=" + _RELATIVE + _ATTRIBUTES + _WS + rb"*></script>"
    rb"|script(?:"
    + _WS
    + rb'+id="[^"]*")?'
    + _WS
    + rb'+type="application/(?:ld\+)?json">[^<]*</script>'
    rb"|title" + _ATTRIBUTES + _WS + rb"*>[^<]*</title>"
    rb"|textarea" + _ATTRIBUTES + _WS + rb"*>[^<]*</textarea>"
    rb"|(?![a-zA-Z/!?])"  # a `<` that starts no tag (in any case) is text
    rb")[^<]*)*" + _POSSESSIVE + rb"\Z"
)
_PREFIX = re.compile(
    rb'[ \t\n\f\r]*<!doctype html>[ \t\n\f\r]*<html(?: (?:lang|class|dir)="[^"]*")*>'
    rb'[ \t\n\f\r]*<head>[ \t\n\f\r]*<meta http-equiv="Content-Security-Policy" content="'
    + re.escape(CONTENT_SECURITY_POLICY.encode())
    + rb'">'
)
_ID = re.compile(rb' id="([^"]*)"')


def plainly_clean(raw: bytes) -> bool:
    """True if the page is in our templates' form and clean; False sends it to the parser."""
    prefix = _PREFIX.match(raw)
    if prefix is None:
        return False
    if _DOCUMENT.match(raw, prefix.end()) is None:
        return False
    # Every id is in the form _ID finds (see _ATTRIBUTE); a hit in text only costs a parse.
    ids = [value for value in _ID.findall(raw, prefix.end()) if value]
    return len(ids) == len(set(ids)) and not any(b"&" in value for value in ids)


# --- The slow path: a parser that reads like a browser where it matters --------------------------

_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_COMMENT_END = re.compile(r"--!?>")
_END_TAG = re.compile(
    r"</[a-zA-Z][^\t\n\f\r />]*"
    r"(?:[\t\n\f\r /]+(?:[^\t\n\f\r />=][^\t\n\f\r />=]*"
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*))?)?)*"
    r"[\t\n\f\r /]*>"
)
_MARKUP_IN_TEXT = re.compile(r"<[a-zA-Z!/?]")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\n)|(.))", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_FUNCTION_STRINGS = re.compile(r"(?:image-set|src|cross-fade)\(([^)]*)\)", re.I)
_CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
_REFRESH = re.compile(
    r"[\t\n\f\r ]*[0-9.]*[\t\n\f\r ]*[;,]?[\t\n\f\r ]*(?:url[\t\n\f\r ]*=)?(.*)", re.I | re.S
)


def _clean_url(value: str) -> str:
    """What the URL parser reads: outer C0 controls and spaces and every tab or newline gone."""
    return value.strip(_C0_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")


def _short(value: str) -> str:
    value = value.strip()
    return value if len(value) <= 80 else value[:77] + "…"


class _Origin:
    def __init__(self, site_url: str | None) -> None:
        parts = urlsplit(site_url) if site_url else None
        self.scheme = parts.scheme.lower() if parts else ""
        self.netloc = parts.netloc.lower() if parts else ""

    def is_own(self, url: str) -> bool:
        """An absolute or network-path address on the site's own scheme, host and port."""
        if not self.netloc:
            return False
        parts = urlsplit(url.replace("\\", "/"))
        scheme = parts.scheme.lower() or self.scheme
        return scheme == self.scheme and parts.netloc.lower() == self.netloc


def _url_problem(value: str, where: str, origin: _Origin, *, resource: bool) -> str | None:
    """Why this address may not stand here, or None. `where` names attribute and element."""
    url = _clean_url(value)
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else None
    if scheme in SCRIPT_SCHEMES:
        return f"{where} enthält eine Skript-Adresse ({scheme}:)"
    if scheme == "data":
        return f"{where} enthält eine data:-Adresse; eingebettete Daten sind nicht erlaubt"
    if not resource or not _is_foreign(url, scheme, origin):
        return None
    return f"{where} lädt „{_short(value)}“ von einem anderen Host"


def _is_foreign(url: str, scheme: str | None, origin: _Origin) -> bool:
    """An address with a scheme or a host (`//`, `\\\\`) that is not the site's own."""
    network = scheme is None and url[:2].replace("\\", "/") == "//"
    if scheme is None and not network:
        return False
    return not (scheme in ("http", "https", None) and origin.is_own(url))


def _decode_css(css: str) -> str:
    def replace(match: re.Match[str]) -> str:
        hex_digits, newline, char = match.groups()
        if newline:
            return ""
        if char is not None:
            return char
        code = int(hex_digits, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(replace, css))


def _css_problems(css: str, where: str, origin: _Origin) -> list[str]:
    """Addresses in CSS that load from another host (data: images are allowed in styles)."""
    text = _decode_css(css)
    urls = [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(text)]
    urls += [a or b for a, b in _CSS_IMPORT.findall(text)]
    for function in _CSS_FUNCTION_STRINGS.finditer(text):
        urls += [a or b for a, b in _CSS_STRING.findall(function.group(1))]
    found = []
    for url in urls:
        clean = _clean_url(url)
        match = _SCHEME.match(clean)
        scheme = match.group(1).lower() if match else None
        if scheme in SCRIPT_SCHEMES:
            found.append(f"{where} enthält eine Skript-Adresse ({scheme}:)")
        elif scheme != "data" and _is_foreign(clean, scheme, origin):
            found.append(f"{where} lädt „{_short(url)}“ von einem anderen Host")
    return found


def _script_end(text: str, start: int) -> int:
    """Where a browser ends a `<script>` element's text (the `<` of `</script`), or -1.

    Follows the tokenizer's script data states: after `<!--`, a nested `<script` makes the next
    `</script` part of the text ("double escaped"), until `-->` returns to plain script data."""
    position, state = start, _SCRIPT_PLAIN
    while True:
        match = state.search(text, position)
        if match is None:
            return -1
        token = match.group().lower()
        if state is _SCRIPT_PLAIN:
            if token.startswith("</"):
                return match.start()
            state, position = _SCRIPT_ESCAPED, match.end() - 2  # `<!-->` ends it at once
        elif token == "-->":
            state, position = _SCRIPT_PLAIN, match.end()
        elif state is _SCRIPT_ESCAPED:
            if token.startswith("</"):
                return match.start()
            state, position = _SCRIPT_DOUBLE_ESCAPED, match.end()
        else:
            state, position = _SCRIPT_ESCAPED, match.end()


_SCRIPT_PLAIN = re.compile(r"<!--|</script[\t\n\f\r />]", re.I)
_SCRIPT_ESCAPED = re.compile(r"-->|</script[\t\n\f\r />]|<script[\t\n\f\r />]", re.I)
_SCRIPT_DOUBLE_ESCAPED = re.compile(r"-->|</script[\t\n\f\r />]", re.I)


_TAG_NAME = re.compile(r"[^\t\n\f\r />]*")
_ATTRIBUTE_NAME_REST = re.compile(r"[^\t\n\f\r />=]*")
_SPACES = re.compile(r"[\t\n\f\r ]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _tag_end(text: str, i: int) -> int:
    """Where a browser ends the tag starting at `i` (`<x` or `</x`): the index after its `>`,
    or -1 when the file ends inside it. Follows the tokenizer's attribute states, so a `>`
    inside a quoted value does not end the tag; linear in the length of the tag."""
    n = len(text)
    pos = _TAG_NAME.match(text, i + (2 if text.startswith("</", i) else 1)).end()
    while pos < n:
        char = text[pos]
        if char in "\t\n\f\r ":
            pos = _SPACES.match(text, pos).end()
        elif char == "/":
            if text.startswith("/>", pos):
                return pos + 2
            pos += 1
        elif char == ">":
            return pos + 1
        else:  # an attribute name (even one that starts with `=`), maybe a value
            pos = _SPACES.match(text, _ATTRIBUTE_NAME_REST.match(text, pos + 1).end()).end()
            if pos < n and text[pos] == "=":
                pos = _SPACES.match(text, pos + 1).end()
                if pos < n and text[pos] in "\"'":
                    close = text.find(text[pos], pos + 1)
                    if close < 0:
                        return -1
                    pos = close + 1
                elif pos < n and text[pos] != ">":
                    pos = _UNQUOTED.match(text, pos).end()
    return -1


class _End:
    """Stands in for the parser's `interesting` pattern: the raw text ends at a known place."""

    def __init__(self, position: int) -> None:
        self.position = position

    def search(self, text: str, start: int = 0) -> _End | None:
        return self if 0 <= start <= self.position else None

    def start(self) -> int:
        return self.position


class _PageReader(HTMLParser):
    """Reads one page (in one pass, see `read`) and collects (line, reason) for each violation.

    Corrections to the standard library's tokenizer, so it ends each stretch where a browser
    does: comments (`--!>`, `<!-->`, end of file), `<![CDATA[` (a bogus comment in HTML), raw
    text of `textarea`, `title`, `noscript` and the like, `<script>` text with its escapes, end
    tags with attributes. Raw text that holds markup is read a second time, from its start to
    the end of the file, as markup, as a browser does inside SVG or MathML.
    """

    CDATA_CONTENT_ELEMENTS = RAW_TEXT_ELEMENTS

    def __init__(
        self,
        origin: _Origin,
        *,
        first_line: int = 1,
        depth: int = 0,
        budget: list[int] | None = None,
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.origin = origin
        self.first_line = first_line
        self.depth = depth
        self.budget = budget  # characters left to read a second time (shared with inner readers)
        self.findings: list[tuple[int, str]] = []
        self.ids: dict[str, int] = {}
        self.policy_checked = depth > 0
        self._tag_start = 0
        self._raw_start = 0
        self._raw_read = True

    def read(self, text: str) -> None:
        """Read a whole document in one pass (positions in the raw text stay valid)."""
        if self.budget is None:
            self.budget = [REREAD_FACTOR * len(text)]
        self.rawdata = text
        try:
            self.goahead(1)
        except Exception:  # the stdlib parser gives up on some inputs; so do we, loudly
            self.report("Markup, das sich nicht sicher lesen lässt")
            return
        if self.cdata_elem is not None and self.rawdata and not self._raw_read:
            # Raw text to the end of the file: text in HTML, markup inside SVG or MathML.
            self._read_again(self.rawdata, self.line())
        if not self.policy_checked:
            self.policy_checked = True
            self.report("die Content-Security-Policy fehlt", 1)

    def line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def report(self, reason: str, line: int | None = None) -> None:
        self.findings.append((self.line() if line is None else line, reason))

    # --- tokenizer corrections

    def parse_comment(self, i: int, report: int = 1) -> int:
        rawdata = self.rawdata
        start = i + 4
        if rawdata.startswith(">", start):  # `<!-->`
            content_end, end = start, start + 1
        elif rawdata.startswith("->", start):  # `<!--->`
            content_end, end = start, start + 2
        else:
            match = _COMMENT_END.search(rawdata, start)
            # `read` passes the whole file: no end means the comment runs to its end
            content_end, end = (match.start(), match.end()) if match else (len(rawdata),) * 2
        if report:
            self.handle_comment(rawdata[start:content_end])
        return end

    def parse_bogus_comment(self, i: int, report: int = 1) -> int:
        end = self.rawdata.find(">", i + 2)
        end = len(self.rawdata) if end < 0 else end  # to the end of the file, as in a browser
        if report:
            self.handle_comment(self.rawdata[i + 2 : end])
        return end + 1

    def parse_pi(self, i: int) -> int:
        return self.parse_bogus_comment(i)  # `<?…>` is a bogus comment in HTML

    def parse_html_declaration(self, i: int) -> int:
        rawdata = self.rawdata
        if rawdata.startswith("<!--", i):
            return self.parse_comment(i)
        if rawdata[i : i + 9].lower() != "<!doctype":
            return self.parse_bogus_comment(i)  # also `<![CDATA[`, which is one in HTML
        end = rawdata.find(">", i + 9)
        end = len(rawdata) if end < 0 else end
        self.handle_decl(rawdata[i + 2 : end])
        return end + 1

    def check_for_whole_start_tag(self, i: int) -> int:
        return _tag_end(self.rawdata, i)

    def parse_starttag(self, i: int) -> int:
        self._tag_start = i
        end = super().parse_starttag(i)
        return end if end >= 0 else self._unfinished_tag()

    def set_cdata_mode(self, elem: str) -> None:
        super().set_cdata_mode(elem)
        # Called right after the start tag: its text ends where the raw text begins.
        offset = self._tag_start + len(self.get_starttag_text() or "")
        self._raw_start, self._raw_read = offset, False
        if elem == "script":
            end = _script_end(self.rawdata, offset)
        else:
            pattern = re.compile(rf"</{elem}[\t\n\f\r />]", re.I)
            match = pattern.search(self.rawdata, offset)
            end = match.start() if match else -1
        self.interesting = _End(end)

    def parse_endtag(self, i: int) -> int:
        rawdata = self.rawdata
        if rawdata[i + 2 : i + 3] not in _ASCII_LETTERS:
            if rawdata.startswith("</>", i):
                return i + 3
            if i + 2 >= len(rawdata):
                self.handle_data(rawdata[i:])
                return len(rawdata)
            return self.parse_bogus_comment(i)
        end = _tag_end(rawdata, i)
        if end < 0:
            return self._unfinished_tag()
        name = self.cdata_elem or _TAG_NAME.match(rawdata, i + 2).group().lower()
        self.clear_cdata_mode()
        self.handle_endtag(name)
        return end

    def _unfinished_tag(self) -> int:
        """The file ends inside a tag: a browser drops the tag and reads nothing after it."""
        self.report("ein Tag ohne „>“ bis zum Ende der Datei")
        return len(self.rawdata)

    def _read_again(self, text: str, line: int) -> None:
        """Read raw text and all that follows as markup too (as in SVG or MathML)."""
        self._raw_read = True
        assert self.budget is not None
        if self.depth >= MAX_DEPTH or len(text) > self.budget[0]:
            self.report("zu viel Markup in Rohtext, um die Seite sicher zu lesen", line)
            return
        self.budget[0] -= len(text)
        inner = _PageReader(self.origin, first_line=line, depth=self.depth + 1, budget=self.budget)
        inner.read(text)
        for found_line, reason in inner.findings:
            self.findings.append((found_line, reason + IN_RAW_TEXT if self.depth == 0 else reason))

    # --- content

    def handle_data(self, data: str) -> None:
        if self.cdata_elem is not None:
            if self.cdata_elem == "style":
                for reason in _css_problems(data, "<style>", self.origin):
                    self.report(reason)
            if not self._raw_read and _MARKUP_IN_TEXT.search(data):
                self._read_again(self.rawdata[self._raw_start :], self.line())
        elif _MARKUP_IN_TEXT.search(data):
            self.report("Markup, das Browser anders lesen können als diese Prüfung")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in RAW_TEXT_ELEMENTS:
            # In HTML a browser ignores the `/` and the raw text starts (not so in SVG).
            self.set_cdata_mode(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.line()
        first: dict[str, str | None] = {}  # a browser keeps the first of repeated attributes
        for name, value in attrs:
            first.setdefault(name, value)
        if not self.policy_checked and tag not in ("html", "head"):
            self.policy_checked = True
            self._check_policy(tag, first, line)
        self._check_element(tag, first, attrs, line)
        identifier = first.get("id")
        if identifier and self.depth == 0:
            if identifier in self.ids:
                self.report(
                    f"die id „{_short(identifier)}“ kommt auf der Seite doppelt vor "
                    f"(zuerst in Zeile {self.ids[identifier]})",
                    line,
                )
            else:
                self.ids[identifier] = line

    def _check_element(
        self,
        tag: str,
        first: dict[str, str | None],
        attrs: list[tuple[str, str | None]],
        line: int,
    ) -> None:
        element = f"<{tag}>"
        for name, value in attrs:
            if name.startswith("on") and len(name) > 2 and value is not None:
                self.report(
                    f"Ereignis-Attribut {name} an {element}: Skript im Markup ist nicht erlaubt",
                    line,
                )
        if tag == "base":
            self.report("<base> ändert, wohin alle relativen Adressen der Seite zeigen", line)
            return
        if tag in EMBEDDING:
            self.report(
                f"{element} bettet Inhalte ein; die Content-Security-Policy erlaubt das nicht",
                line,
            )
            return
        if tag == "script" and self._runs_inline(first):
            self.report(
                "Inline-Skript: Skripte gehören in eine eigene Datei "
                "(die Content-Security-Policy blockiert Inline-Skripte)",
                line,
            )
        if tag == "meta" and (first.get("http-equiv") or "").strip().lower() == "refresh":
            self._check_refresh(first.get("content") or "", line)
        rels = set((first.get("rel") or "").lower().split())
        followed = tag in LINK_ELEMENTS or (tag == "link" and rels <= NAVIGATION_RELS)
        for name, value in attrs:
            if value is None:
                continue
            where = f"{name} an {element}"
            if name in ("href", "xlink:href"):
                self._check_url(value, where, name, line, resource=not followed)
            elif name in RESOURCE_ATTRIBUTES:
                self._check_url(value, where, name, line, resource=True)
            elif name in NAVIGATION_ATTRIBUTES or (
                tag in SVG_ANIMATION and name in ("to", "from", "by", "values")
            ):
                self._check_url(value, where, name, line, resource=False)
            elif name == "style":
                for reason in _css_problems(value, where, self.origin):
                    self.report(reason, line)

    def _check_url(self, value: str, where: str, name: str, line: int, *, resource: bool) -> None:
        if name in LIST_ATTRIBUTES:
            parts = re.split(r"[\t\n\f\r ,]+", value)
        elif name == "values":
            parts = value.split(";")
        else:
            parts = [value]
        for part in parts:
            problem = _url_problem(part, where, self.origin, resource=resource)
            if problem:
                self.report(problem, line)
                return

    def _check_refresh(self, content: str, line: int) -> None:
        match = _REFRESH.match(content)
        url = match.group(1).strip() if match else ""
        if url[:1] in ("'", '"'):
            url = url[1:].split(url[0], 1)[0]
        clean = _clean_url(url)
        scheme_match = _SCHEME.match(clean)
        scheme = scheme_match.group(1).lower() if scheme_match else None
        where = '<meta http-equiv="refresh">'
        if scheme in SCRIPT_SCHEMES or scheme == "data":
            self.report(f"{where} leitet auf eine {scheme}:-Adresse weiter", line)
        elif url and _is_foreign(clean, scheme, self.origin):
            self.report(
                f"{where} leitet automatisch auf einen anderen Host weiter („{_short(url)}“)", line
            )

    @staticmethod
    def _runs_inline(attrs: dict[str, str | None]) -> bool:
        """A script without an address that a browser would run (not a JSON data block)."""
        if any(attrs.get(name) is not None for name in ("src", "href", "xlink:href")):
            return False
        kind = attrs.get("type")
        language = attrs.get("language")
        if kind is None:
            kind = f"text/{language}" if language else ""
        kind = kind.strip("\t\n\f\r ").lower()
        return kind == "" or kind in EXECUTABLE_SCRIPT_TYPES

    def _check_policy(self, tag: str, values: dict[str, str | None], line: int) -> None:
        if tag == "meta" and (values.get("http-equiv") or "").strip().lower() == (
            "content-security-policy"
        ):
            if values.get("content") != CONTENT_SECURITY_POLICY:
                self.report("die Content-Security-Policy weicht von der vorgegebenen ab", line)
            return
        self.report(
            "die Content-Security-Policy fehlt: das erste Element im <head> muss "
            '<meta http-equiv="Content-Security-Policy" …> sein',
            line,
        )


def read_page(text: str, *, site_url: str | None = None) -> list[tuple[int, str]]:
    """The parser alone: (line, reason) for every violation in one page."""
    reader = _PageReader(_Origin(site_url))
    reader.read(text)
    found = set(reader.findings)
    return [  # what both readings find is reported once, as found in the plain one
        (line, reason)
        for line, reason in reader.findings
        if not (reason.endswith(IN_RAW_TEXT) and (line, reason[: -len(IN_RAW_TEXT)]) in found)
    ]


def check_html(page: bytes | str, path: str, *, site_url: str | None = None) -> list[Problem]:
    """Every violation in one page; `path` names it in the problems."""
    raw = page.encode("utf-8") if isinstance(page, str) else page
    if plainly_clean(raw):
        return []
    findings = read_page(raw.decode("utf-8", errors="replace"), site_url=site_url)
    problems = sorted({Problem(path, line, "output-policy", reason) for line, reason in findings})
    if len(problems) > MAX_PROBLEMS_PER_PAGE:
        rest = len(problems) - MAX_PROBLEMS_PER_PAGE
        last = Problem(path, problems[-1].line, "output-policy", f"… und {rest} weitere Verstöße")
        problems = [*problems[:MAX_PROBLEMS_PER_PAGE], last]
    return problems


def html_files(site_dir: Path) -> list[Path]:
    found = []
    for folder, _, names in os.walk(site_dir):
        found += [Path(folder, name) for name in names if name.endswith(HTML_SUFFIXES)]
    return sorted(found)


# At least this many pages per worker before `check_site` starts worker processes.
PARALLEL_MIN_PAGES = 1000


def _check_files(job: tuple[str, list[str], str | None]) -> list[Problem]:
    site_dir, names, site_url = job
    problems = []
    for name in names:
        with open(os.path.join(site_dir, name), "rb") as handle:
            raw = handle.read()
        # The editor is the one page with a policy of its own (editor_policy.py).
        check = check_editor_page if name == EDITOR_PAGE else check_html
        problems += check(raw, name, site_url=site_url)
    return problems


def check_site(
    site_dir: Path, *, site_url: str | None = None, workers: int = 1, since: float | None = None
) -> list[Problem]:
    """Check every HTML file under `site_dir`; paths in the problems are relative to it.

    With `workers` > 1 and enough pages, forked worker processes share the files. With
    `since` (a time stamp), only the files written since then: a dirty preview build checks
    what it wrote, the files it kept were checked when they were written."""
    paths = html_files(site_dir)
    if since is not None:
        paths = [path for path in paths if path.stat().st_mtime >= since]
    names = [path.relative_to(site_dir).as_posix() for path in paths]
    workers = min(workers, len(names) // PARALLEL_MIN_PAGES)
    if workers < 2 or not can_fork():
        return _check_files((str(site_dir), names, site_url))
    jobs = [(str(site_dir), names[k::workers], site_url) for k in range(workers)]
    with forked_pool(workers) as pool:
        return sorted(problem for part in pool.map(_check_files, jobs) for problem in part)
