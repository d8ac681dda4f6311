"""What the browser tests looked at, counted in every test process and printed once at the end.

With several test processes (pytest-xdist) each worker keeps its own tally and hands it to the
controller when it finishes (tests/conftest.py), so the closing figures cover the whole run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Tally:
    axe_version: str = ""
    axe_runs: list[str] = field(default_factory=list)
    violations: int = 0
    requests: int = 0
    policy_pages: int = 0
    foreign: list[str] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        return asdict(self)

    def add(self, data: dict[str, Any]) -> None:
        """Add a worker's tally to this one."""
        self.axe_version = self.axe_version or data["axe_version"]
        self.axe_runs += data["axe_runs"]
        self.violations += data["violations"]
        self.requests += data["requests"]
        self.policy_pages += data["policy_pages"]
        self.foreign += data["foreign"]

    def summary(self) -> list[str]:
        """The closing lines, in German for the reader of the CI log; none without browser tests."""
        if not self.requests and not self.axe_runs:
            return []
        foreign = ", ".join(sorted(set(self.foreign))[:10])
        return [
            f"axe-core {self.axe_version} (WCAG 2.0/2.1 A und AA): "
            f"{len(self.axe_runs)} Seiten-Zustände geprüft, {self.violations} Verstöße",
            f"Content-Security-Policy: {self.policy_pages} Seitenaufrufe ohne Verstoß, "
            "Ausnahme oder Konsolenfehler geprüft",
            f"Anfragen: {self.requests} an den lokalen Server, {len(self.foreign)} an fremde Hosts"
            + (f": {foreign}" if foreign else ""),
        ]


TALLY = Tally()
