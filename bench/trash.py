"""Old output is moved aside while the benchmark measures, and deleted only when it is done.

Why: on ext4 without a journal (this machine's root file system) the kernel does not reuse an
inode deleted in the last `vm.dirty_expire_centisecs` (30 s) and walks past every such inode when
it creates a file. `mkdocs build` first empties its output folder, so a build right after the
previous one paid for deleting thousands of files: 4–10 s of kernel time instead of 2 s at
5,000 entries, depending on what was deleted before, and more for the side with more files.
`make site` does not pay it: it builds into a new folder and deletes the old site afterwards.
Renaming a folder deletes nothing, so every timed build here starts as `make site` does.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class Trash:
    """A folder that collects what the benchmark replaces, emptied once at the end.

    The folder is deleted as a whole, so it must be one that only the benchmark uses.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def discard(self, path: Path) -> None:
        """Move `path` (if it exists) out of the way; its files stay until `empty`."""
        if not path.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        number = sum(1 for _ in self.folder.iterdir())
        while (self.folder / str(number)).exists():
            number += 1
        path.rename(self.folder / str(number))

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
