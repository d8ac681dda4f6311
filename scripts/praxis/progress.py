"""Progress of long builds: a line every 1,000 pages, and nothing at all for small sites.

A 5,000-entry build writes over 6,000 pages in about half a minute; without a sign of life it looks
stuck, in a terminal and in CI. One line per thousand pages keeps CI logs short, and the example
site (under a thousand pages) logs nothing extra.
"""

from __future__ import annotations

import time
from collections.abc import Callable

DEFAULT_EVERY = 1000


class Progress:
    """Counts steps and reports every `every` steps, only when `total` exceeds `every`."""

    def __init__(
        self,
        total: int,
        report: Callable[[str], None],
        every: int = DEFAULT_EVERY,
        what: str = "Seiten geschrieben",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.report = report
        self.every = every
        self.what = what
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.enabled = total > every

    def step(self) -> None:
        self.done += 1
        if self.enabled and self.done % self.every == 0:
            elapsed = self.clock() - self.started
            self.report(
                f"praxis: {_number(self.done)} von {_number(self.total)} {self.what} "
                f"({elapsed:.0f} s)"
            )


def _number(value: int) -> str:
    """German thousands separator: 5.000."""
    return f"{value:,}".replace(",", ".")
