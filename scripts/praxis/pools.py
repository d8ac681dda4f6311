"""Process pools for the build's parallel parts (reading entries, bodies, the output check).

Workers are forked from a process that already holds the corpus, hundreds of megabytes of
small objects. Forked memory is shared until written; Python's cycle collector, running in
a worker, would visit (and so copy) every one of them. Objects frozen before the fork are
left alone by a worker's collector; the parent unfreezes its own at once, so a long preview
still collects its garbage.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
from collections.abc import Callable


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def forked_pool(
    workers: int, initializer: Callable[[], None] | None = None
) -> multiprocessing.pool.Pool:
    """A pool of `workers` forked processes whose collectors skip what this process holds."""
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=initializer)
    finally:
        gc.unfreeze()
