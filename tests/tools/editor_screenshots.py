"""Screenshots of the real editor for the editors' guide (docs/mitwirken/redaktion.md).

Run after a change to the editor (`.venv/bin/python tests/tools/editor_screenshots.py`): it serves
the editor's files on 127.0.0.1 against the in-memory backend, exactly as the browser test does,
fills in an example entry and writes small PNGs to docs/assets/redaktion/.
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

from playwright.sync_api import sync_playwright  # noqa: E402

from browser.test_editor import (  # noqa: E402
    PUBLISHED,
    EditorHandler,
    control_id,
    editor_files,
)
from praxis.editor_config import EditorSettings  # noqa: E402
from praxis.vocabulary import load_vocabularies  # noqa: E402

REPO = TESTS.parent
OUT = REPO / "docs" / "assets" / "redaktion"
VIEWPORT = {"width": 1100, "height": 680}


def main() -> None:
    import functools
    import tempfile
    import threading
    from http.server import ThreadingHTTPServer

    vocabularies, _ = load_vocabularies(REPO)
    root = Path(tempfile.mkdtemp(prefix="redaktion-"))
    for path, content in editor_files(vocabularies, EditorSettings()).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(EditorHandler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/redaktion/"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_context(locale="de-DE", viewport=VIEWPORT).new_page()
        page.goto(url)
        page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name="Praxisbeispiele").first.wait_for()
        page.screenshot(path=OUT / "sammlungen.png")
        page.goto(f"{url}#/collections/praxisbeispiel/new")
        page.locator(f"#{control_id(page, 'title')}").fill("Clearingstelle im Landkreis Talheim")
        page.locator(f"#{control_id(page, 'summary')}").fill(
            "Der Landkreis prüft gemeldete Vorfälle in einem festen Verfahren."
        )
        topics = page.locator(f"#{control_id(page, 'topics')}")
        topics.fill("Clearingverfahren")
        page.get_by_role("option", name="Clearingverfahren", exact=True).click()
        page.keyboard.press("Escape")
        page.locator(f"#{control_id(page, 'published')}").fill(PUBLISHED)
        page.frame_locator("#preview-pane").get_by_text("Clearingverfahren").first.wait_for()
        page.screenshot(path=OUT / "formular-mit-vorschau.png")
        page.locator(f"#{control_id(page, 'topics')}").scroll_into_view_if_needed()
        page.locator(f"#{control_id(page, 'modules')}").click()
        page.get_by_role("option").first.wait_for()
        page.screenshot(path=OUT / "auswahl.png")
        browser.close()
    server.shutdown()
    for png in sorted(OUT.glob("*.png")):
        print(f"{png.relative_to(REPO)}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
