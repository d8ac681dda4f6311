"""The build date: what "today" means for a build (upcoming events, review warnings).

Settable so that builds and tests are reproducible: `PRAXIS_BUILD_DATE=2027-01-15`, or the
plugin option `build_date`, or the usual `SOURCE_DATE_EPOCH`; otherwise the calendar date in
Germany.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo

VARIABLE = "PRAXIS_BUILD_DATE"
# German time: the zone of every date and time the portal shows or exports.
BERLIN = ZoneInfo("Europe/Berlin")


class BuildDateError(ValueError):
    """A build date that is not a day (German message)."""


def build_date(configured: str = "", environ: Mapping[str, str] | None = None) -> dt.date:
    environ = os.environ if environ is None else environ
    given = environ.get(VARIABLE) or configured
    if given:
        try:
            return dt.date.fromisoformat(given.strip())
        except ValueError:
            raise BuildDateError(
                f"Das Baudatum `{given}` ist kein Datum der Form JJJJ-MM-TT "
                f"(aus {VARIABLE} oder `build_date` in mkdocs.yml)."
            ) from None
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), BERLIN).date()
    return dt.datetime.now(BERLIN).date()
