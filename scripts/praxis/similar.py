"""Similar entries: those that share the most informative terms with an entry.

A term carried by few entries says more than one carried by many, so each shared term counts
its inverse document frequency, log(N / df). Deterministic (ties by id), never a draft, never
the entry itself. Candidates come from the entry's rarest terms first and the scan stops after
a fixed number of postings, so the cost per entry stays bounded at any corpus size.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

from .model import Entry
from .taxonomy import TaxonomyIndex, term_values

SIMILAR_MAX = 5
# The taxonomies that say what an entry is about. Where (Land, kind of municipality) and how it
# was funded or evaluated do not make two entries similar.
SUBJECT_FIELDS = ("topics", "modules", "target_groups", "actors")
SCAN_LIMIT = 600  # postings read per entry at most (rarest terms first)


class Similarity:
    """Shared terms weighted by rarity. Weights are whole numbers (micro-units of log(N/df)), so
    sums are exact and the order does not depend on the order of addition."""

    def __init__(self, index: TaxonomyIndex, published: Sequence[Entry]) -> None:
        self.total = max(1, len(published))
        self.by_id = {e.id: e for e in published}
        self.taxonomies = [t for t in index.taxonomies if t.field in SUBJECT_FIELDS]
        # (field, term) -> (weight, ids carrying it); terms carried by one entry say nothing.
        self.postings: dict[tuple[str, str], tuple[int, list[str]]] = {}
        for taxonomy in self.taxonomies:
            for term in taxonomy.vocabulary.terms:
                ids = [e.id for e in index.entries(taxonomy, term)]
                if len(ids) > 1:
                    weight = round(1_000_000 * math.log(self.total / len(ids)))
                    self.postings[(taxonomy.field, term.id)] = (weight, ids)

    def _terms(self, entry: Entry) -> list[tuple[int, list[str]]]:
        """(weight, ids) of an entry's terms, rarest first."""
        found = []
        for taxonomy in self.taxonomies:
            for term_id in term_values(entry, taxonomy.field):
                posting = self.postings.get((taxonomy.field, term_id))
                if posting is not None:
                    found.append((posting[0], term_id, posting[1]))
        found.sort(key=lambda t: (-t[0], t[1]))
        return [(weight, ids) for weight, _, ids in found]

    def similar(self, entry: Entry, exclude: set[str], limit: int = SIMILAR_MAX) -> list[Entry]:
        terms = self._terms(entry)
        if not terms:
            return []
        # The rarest term usually fills most of the scan: its postings go in at C speed.
        weight, ids = terms[0]
        scores: dict[str, int] = dict.fromkeys(ids, weight)
        scanned = len(ids)
        for weight, ids in terms[1:]:
            if scanned >= SCAN_LIMIT:
                break
            for other in ids:
                scores[other] = scores.get(other, 0) + weight
            scanned += len(ids)
        for unwanted in (entry.id, *exclude):
            scores.pop(unwanted, None)
        if not scores:
            return []
        # Only scores reaching the limit-th highest can be among the best; ties by id.
        cut = heapq.nlargest(limit, scores.values())[-1]
        best = sorted((-score, other) for other, score in scores.items() if score >= cut)
        return [self.by_id[other] for _, other in best[:limit] if other in self.by_id]
