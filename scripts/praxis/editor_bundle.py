"""The editor's program (Decap CMS) from the npm registry, pinned and verified, served by the site.

`python -m praxis.editor_bundle` (run by `make serve`, `make site` and `make test`) downloads the
package tarball of the pinned version once, checks it against the registry's SHA-512 integrity
value written below, and keeps only the browser bundle and its licence notices (Decap CMS is
MIT-licensed, as its package.json says) in the virtual environment. No Node.js is needed for that.
The build reads the bundle from there and copies it into `/redaktion/`; without it the build stops
with a German message naming the command.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import sys
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "decap-cms"
VERSION = "3.16.3"
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
# `npm view decap-cms@3.16.3 dist.integrity`: a changed tarball is refused.
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="  # noqa: E501
# The files taken from the tarball, and their names in the site (versioned, so caches never mix).
MEMBERS = {
    "package/dist/decap-cms.js": f"decap-cms-{VERSION}.js",
    "package/dist/decap-cms.js.LICENSE.txt": f"decap-cms-{VERSION}.js.LICENSE.txt",
}
SCRIPT_NAME = MEMBERS["package/dist/decap-cms.js"]
# Where the files live: next to the Python of the virtual environment, or PRAXIS_EDITOR_DIR.
ENV_DIR = "PRAXIS_EDITOR_DIR"
INSTALL_COMMAND = "make editor"


class EditorBundleMissing(RuntimeError):
    """The editor's bundle is not installed (German message for the operator)."""


def bundle_dir() -> Path:
    configured = os.environ.get(ENV_DIR, "")
    return Path(configured) if configured else Path(sys.prefix) / "praxis-redaktion"


def bundle_files() -> dict[str, bytes]:
    """Site file name -> content of every file of the installed bundle."""
    folder = bundle_dir()
    found: dict[str, bytes] = {}
    for name in MEMBERS.values():
        path = folder / name
        if not path.is_file():
            raise EditorBundleMissing(
                f"Der Redaktionseditor (Decap CMS {VERSION}) fehlt: {path} gibt es nicht. "
                f"Installieren Sie ihn mit `{INSTALL_COMMAND}` (lädt das Paket einmal aus der "
                "npm-Registry und prüft seine Prüfsumme); `make serve`, `make site` und "
                "`make test` tun das von selbst."
            )
        found[name] = path.read_bytes()
    return found


def verify(data: bytes, integrity: str = INTEGRITY) -> None:
    """Raise ValueError unless `data` has the pinned Subresource-Integrity value."""
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise ValueError(
            f"{TARBALL}: Die Prüfsumme stimmt nicht (erwartet {integrity}, erhalten "
            f"{algorithm}-{actual}). Die Datei wird nicht verwendet."
        )


def extract(data: bytes) -> dict[str, bytes]:
    """The pinned members of a verified tarball, by their site names."""
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            target = MEMBERS.get(member.name)
            if target is not None and member.isfile():
                handle = archive.extractfile(member)
                assert handle is not None
                found[target] = handle.read()
    missing = sorted(set(MEMBERS.values()) - set(found))
    if missing:
        raise ValueError(f"{TARBALL}: Im Paket fehlen {', '.join(missing)}.")
    return found


def install(folder: Path | None = None) -> Path:
    """Download, verify and unpack the pinned bundle into `folder` (if not there already)."""
    folder = folder or bundle_dir()
    if installed(folder):
        return folder
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        data = response.read()
    verify(data)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in extract(data).items():
        partial = folder / f"{name}.part"
        partial.write_bytes(content)
        partial.replace(folder / name)
    return folder


def installed(folder: Path | None = None) -> bool:
    folder = folder or bundle_dir()
    return all((folder / name).is_file() for name in MEMBERS.values())


def main() -> int:
    """Install if needed; silent when the pinned version is there already."""
    if installed():
        return 0
    try:
        folder = install()
    except (OSError, ValueError) as exc:
        print(f"Der Redaktionseditor konnte nicht installiert werden: {exc}", file=sys.stderr)
        return 1
    print(f"Redaktionseditor Decap CMS {VERSION} installiert in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
