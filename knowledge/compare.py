"""Which came first, which lasted longer: "is MINUSCA older than MINUSMA?", "who served
longer, Guéhenno or Ladsous?".

A question that puts two missions, two departments or two holders of the post side by side in
time is answered by the one fact that orders them all, with their dates: the kind's timeline
(`timelines` in pack.yaml) or, for holders, the post's list of heads. No phrasing has to cover
every pair.
"""

from __future__ import annotations

from knowledge.model import Fact, Pack

# words that compare two things in time
IN_TIME = frozenset("older oldest newer newest earlier earliest later latest first longer "
                    "longest shorter shortest before after precede preceded predate predates "
                    "predated younger".split())
# "between Annan and Guéhenno" asks who came in between, not which came first
_NOT = frozenset("between".split())


class Comparer:
    """Picks the fact that orders the entities a question compares in time."""

    def __init__(self, pack: Pack, holders: frozenset[str]) -> None:
        self.pack = pack
        self.holders = holders
        post = pack.post
        self.heads = pack.facts.get(post.heads_fact) if post and post.heads_fact else None
        by_kind = pack.timelines.by_kind if pack.timelines else {}
        self.timelines = {k: pack.facts[f] for k, f in by_kind.items() if f in pack.facts}

    def compare(self, words: list[str], entities: list[str]) -> Fact | None:
        """The ordering fact, or None if the question does not compare two things in time."""
        ws = set(words)
        if not ws & IN_TIME or ws & _NOT or len(entities) < 2:
            return None
        if self.heads is not None and sum(e in self.holders for e in entities) >= 2:
            return self.heads
        if "who" in ws or "whos" in ws:
            return None  # "who led DPKO before DPO was created" asks for a holder
        ents = self.pack.entities
        kinds = [ents[e].kind for e in entities if e in ents]
        for kind, fact in self.timelines.items():
            if kinds.count(kind) >= 2:
                return fact
        return None
