"""Move this Python process, and every Python process it starts, to another day.

Put this folder on PYTHONPATH and set PRAXIS_TODAY=YYYY-MM-DD: `datetime.date.today()` returns
that day and `datetime.datetime.now()`/`today()` are shifted by the same number of days. The
classes are replaced by subclasses before any program code runs, so `isinstance(x, date)` and
dates made by PyYAML keep working. The date tests run other tests this way, to show that no test
result depends on the day the suite happens to run.
"""

from __future__ import annotations

import datetime
import os

_REAL_DATE = datetime.date
_REAL_DATETIME = datetime.datetime
_TARGET = _REAL_DATE.fromisoformat(os.environ["PRAXIS_TODAY"])
_SHIFT = _TARGET - _REAL_DATE.today()


class date(_REAL_DATE):  # stands in for datetime.date
    @classmethod
    def today(cls):
        return cls(_TARGET.year, _TARGET.month, _TARGET.day)


class datetime_(_REAL_DATETIME):  # stands in for datetime.datetime
    @classmethod
    def now(cls, tz=None):
        return _REAL_DATETIME.now(tz) + _SHIFT

    @classmethod
    def today(cls):
        return _REAL_DATETIME.today() + _SHIFT


datetime_.__name__ = datetime_.__qualname__ = "datetime"
datetime.date = date
datetime.datetime = datetime_
