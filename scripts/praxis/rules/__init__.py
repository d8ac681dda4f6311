"""The registry of rules. Each rule is a small function that yields problems.

- entry rules look at one entry and its body (`rule(entry, body)`),
- corpus rules look at all entries together (`rule(entries)`).
Field typing (`fields.py`) and file checks (`files.py`) run while an entry is read.
"""

from .body import BODY_RULES
from .corpus import CORPUS_RULES as _CORPUS_RULES
from .events import EVENT_RULES
from .personal_data import PERSONAL_DATA_RULES
from .regions import REGION_RULES
from .visibility import VISIBILITY_RULES

ENTRY_RULES = (*BODY_RULES, *PERSONAL_DATA_RULES, *EVENT_RULES, *REGION_RULES)
CORPUS_RULES = (*_CORPUS_RULES, *VISIBILITY_RULES)

__all__ = ["CORPUS_RULES", "ENTRY_RULES"]
