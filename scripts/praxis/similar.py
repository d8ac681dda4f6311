"""Similar entries: those that share the most informative terms with an entry.

A term carried by few entries says more than one carried by many, so each shared term counts
its inverse document frequency, log(N / df). Deterministic (ties by id), never a draft, never
the entry itself. Candidates come from the entry's rarest terms first and the scan stops after
a fixed number of postings, so the cost per entry stays bounded at any corpus size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from .model import Entry
from .taxonomy import TaxonomyIndex, term_values

SIMILAR_MAX = 5
# The taxonomies that say what an entry is about. Where (Land, kind of municipality) and how it
# was funded or evaluated do not make two entries similar.
SUBJECT_FIELDS = ("topics", "modules", "target_groups", "actors")
SCAN_LIMIT = 1000  # postings read per entry at most (rarest terms first)


class Similarity:
    def __init__(self, index: TaxonomyIndex, published: Sequence[Entry]) -> None:
        self.index = index
        self.total = max(1, len(published))
        self.taxonomies = {t.field: t for t in index.taxonomies if t.field in SUBJECT_FIELDS}

    def _terms(self, entry: Entry) -> list[tuple[float, str, str]]:
        """(weight, field, term) of an entry's terms, rarest first."""
        found = []
        for field, taxonomy in self.taxonomies.items():
            for term_id in term_values(entry, field):
                term = taxonomy.vocabulary.get(term_id)
                if term is None:
                    continue
                count = self.index.count(taxonomy, term)
                if count > 1:
                    found.append((math.log(self.total / count), field, term_id))
        return sorted(found, key=lambda t: (-t[0], t[1], t[2]))

    def similar(self, entry: Entry, exclude: set[str], limit: int = SIMILAR_MAX) -> list[Entry]:
        scores: dict[str, float] = defaultdict(float)
        by_id: dict[str, Entry] = {}
        scanned = 0
        for weight, field, term_id in self._terms(entry):
            taxonomy = self.taxonomies[field]
            term = taxonomy.vocabulary.get(term_id)
            assert term is not None
            postings = self.index.entries(taxonomy, term)
            for other in postings:
                if other.id == entry.id or other.id in exclude or other.draft:
                    continue
                scores[other.id] += weight
                by_id[other.id] = other
            scanned += len(postings)
            if scanned >= SCAN_LIMIT:
                break
        ranked = sorted(scores, key=lambda i: (-round(scores[i], 9), i))
        return [by_id[i] for i in ranked[:limit]]
