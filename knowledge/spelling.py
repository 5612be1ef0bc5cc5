"""Typo correction against the pack's vocabulary, careful with acronyms.

A typed `minuska` is MINUSCA, but `MINURCA` is another mission: an acronym is corrected only
when the edit looks like a slip of the keyboard or the ear (a transposition, a doubled or dropped
letter, a vowel for a vowel, c/k/s, a neighbouring key), never when another known name is as
close.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_SOUNDS = ("cksqz", "aeiouy", "mn", "vw", "fph", "gj", "td")
_VOWELS = set("aeiouy")
_PLAIN_VOWELS = set("aeiou")


def _skeleton(word: str) -> str:
    """The first letter and the consonants after it, doubles once: "resolution" -> "rsltn"."""
    out = word[:1]
    for c in word[1:]:
        if c not in _PLAIN_VOWELS and c != out[-1]:
            out += c
    return out


def _in_order(short: str, long: str) -> bool:
    """Are `short`'s letters in `long`, in order?"""
    it = iter(long)
    return all(c in it for c in short)


# three-letter words of the questions themselves, mistyped by one neighbouring key
_COMMON3 = ("end", "who", "how", "why", "led", "ran", "set")


def _neighbours() -> dict[str, set[str]]:
    pos = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    out: dict[str, set[str]] = {c: set() for c in pos}
    for a, (ra, ia) in pos.items():
        for b, (rb, ib) in pos.items():
            # each row sits half a key to the right of the one above it
            same_row = ra == rb and abs(ia - ib) == 1
            below = rb == ra + 1 and ib in (ia - 1, ia)
            above = rb == ra - 1 and ib in (ia, ia + 1)
            if same_row or below or above:
                out[a].add(b)
    for group in _SOUNDS:
        for a in group:
            out.setdefault(a, set()).update(set(group) - {a})
    return out


_NEAR = _neighbours()


def slip_kind(typed: str, known: str) -> int | None:
    """How `typed` is one slip away from `known`, most common slips first (see module doc):
    0 two letters swapped, 1 a letter dropped, 2 a neighbouring key or a sound-alike, 3 a
    letter doubled or added; None if it is not one slip away."""
    if typed == known:
        return 0
    if abs(len(typed) - len(known)) == 1:
        if OSA.distance(typed, known) != 1:
            return None
        return 1 if len(known) > len(typed) else 3
    if len(typed) != len(known):
        return None
    diff = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
    if len(diff) == 1:
        a, b = typed[diff[0]], known[diff[0]]
        return 2 if b in _NEAR.get(a, ()) or (a in _VOWELS and b in _VOWELS) else None
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i = diff[0]
        if typed[i] == known[i + 1] and typed[i + 1] == known[i]:
            return 0
    return None


def plausible_slip(typed: str, known: str) -> bool:
    """True if `typed` is one slip away from `known` (see module doc)."""
    return slip_kind(typed, known) is not None


class Speller:
    """Corrects out-of-vocabulary words to pack words.

    `protected` are words (acronyms, names) that need a plausible slip to be reached;
    `blocked` are words the pack knows it does not cover: a typed word as close to one of
    them as to a pack word is left alone.
    """

    def __init__(self, vocab: set[str], protected: set[str], blocked: set[str],
                 counts: Mapping[str, int] | None = None,
                 same: Mapping[str, str] | None = None) -> None:
        self.vocab = vocab
        self.protected = protected
        self.blocked = blocked
        self.counts = counts or {}
        # words that name the same thing ("monusco", "monusko"): a tie between them is no tie
        self.same = same or {}
        self._words = sorted(vocab)
        self._blocked = sorted(blocked)
        self._cache: dict[str, str | None] = {}
        self._by_initial: dict[str, list[str]] = {}
        for w in self._words:
            if len(w) >= 3 and w.isalpha():
                self._by_initial.setdefault(w[0], []).append(w)

    def correct(self, word: str) -> str | None:
        """The pack word `word` stands for, `word` itself if known, or None."""
        if word in self.vocab:
            return word
        if word in self.blocked or len(word) < 3 or not word.isalpha():
            return None
        if word in self._cache:
            return self._cache[word]
        if len(word) == 3:  # "dsf": only two letters of one of our acronyms swapped
            swapped = [w for w in self.protected if len(w) == 3 and slip_kind(word, w) == 0]
            if not swapped:  # "emd": a neighbouring key in a word every question uses
                swapped = [w for w in _COMMON3 if w in self.vocab and slip_kind(word, w) == 2]
            result = swapped[0] if len(swapped) == 1 else None
        else:
            result = self._correct(word)
        if result is None and sum(c in _PLAIN_VOWELS for c in word) * 4 <= len(word):
            result = self._squeezed(word)  # "rsltn", "mnsca": typed without vowels
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def _correct(self, word: str) -> str | None:
        max_d = 1 if len(word) <= 8 else 2
        hits = process.extract(word, self._words, scorer=OSA.distance, score_cutoff=max_d,
                               limit=5)
        if not hits:
            return None
        best_d = hits[0][1]
        best = [w for w, d, _ in hits if d == best_d]
        if len(best) > 1 and len({self.same.get(w, w) for w in best}) == 1:
            # the spelling it is a plausible slip of, else the commonest
            best = [min(best, key=lambda w: (slip_kind(word, w) is None,
                                             -self.counts.get(w, 0)))]
        if len(best) > 1 and self.protected.intersection(best):
            # "dkpo" is DPKO with two letters swapped rather than DPO with one added, but
            # "minusco": MONUSCO or MINUSCA? a guess could name the wrong mission
            best = self._likeliest_slip(word, best)
            if best is None:
                return None
        if len(best) > 1:
            # equally few edits: the closer by Jaro-Winkler, then by length, then the word the
            # pack uses more ("securit": security, not the French sécurité), or no guess
            def key(w: str) -> tuple:
                return (-round(JaroWinkler.similarity(word, w), 3), abs(len(w) - len(word)),
                        -self.counts.get(w, 0))
            ranked = sorted(best, key=key)
            a, b = ranked[0], ranked[1]
            if key(a) == key(b):
                return None
            best = [a]
        target = best[0]
        if self._blocked:
            # a name we know we lack, as near and as likely a slip: no guess ("unamd" is
            # UNAMID with a letter dropped, not UNAMA: "a" and "d" are not neighbours)
            mine = slip_kind(word, target) if best_d == 1 else None
            for near, d, _ in process.extract(word, self._blocked, scorer=OSA.distance,
                                              score_cutoff=best_d, limit=10):
                theirs = slip_kind(word, near) if d == 1 else None
                if d < best_d or mine is None or (theirs is not None and theirs <= mine):
                    return None
        if target in self.protected and not (best_d == 1 and plausible_slip(word, target)):
            return None
        kind = slip_kind(word, target) if best_d == 1 else None
        if len(word) < 7 and target not in self.protected and not (
                len(word) >= 5 and kind in (0, 1)):
            # a short English word is more likely a word we lack ("doing", "joke"), unless
            # it is one of ours with a letter dropped ("renamd") or two swapped ("feild")
            return None
        return target

    def _squeezed(self, word: str) -> str | None:
        """The one pack word `word` is typed from with its vowels left out ("rsltn" is
        resolution, "mnsca" MINUSCA, "wdrwl" withdrawal): its letters in order, its
        consonants all but one or two of the word's; None when two words fit."""
        sk = _skeleton(word)
        if len(sk) < 3:
            return None
        slack = 0 if len(sk) == 3 else 1 if len(sk) == 4 else 2
        fits = [w for w in self._by_initial.get(word[0], ())
                if 0 <= len(_skeleton(w)) - len(sk) <= slack
                and _in_order(sk, _skeleton(w)) and _in_order(word, w)]
        if not fits:
            return None
        fits.sort(key=lambda w: (len(_skeleton(w)) - len(sk), -self.counts.get(w, 0)))
        first = fits[0]
        # ("nmbr": number, whose consonants are all typed, before November)
        fits = [w for w in fits if len(_skeleton(w)) == len(_skeleton(first))]
        rivals = [w for w in fits[1:] if self.same.get(w, w) != self.same.get(first, first)
                  and w[:5] != first[:5]
                  and not (_skeleton(w) == _skeleton(first) and w[:2] == first[:2])]
        return None if rivals else first

    @staticmethod
    def _likeliest_slip(word: str, known: list[str]) -> list[str] | None:
        """The one word `word` is the likeliest slip of, or None if two are as likely."""
        kinds = sorted((k, w) for w in known if (k := slip_kind(word, w)) is not None)
        if not kinds or (len(kinds) > 1 and kinds[0][0] == kinds[1][0]):
            return None
        return [kinds[0][1]]
