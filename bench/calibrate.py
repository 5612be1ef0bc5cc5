"""Fit the engine's confidence model on the development sets and write calibration.json.

Every candidate fact the engine retrieves for a development question becomes one training row
(its features; label 1 if its answer is a correct answer to the question). A logistic
regression turns the features into a probability; the answer/suggest thresholds and the
margin are then chosen on the same development sets, and the held-out sets are only reported.

    .venv/bin/python bench/calibrate.py          # fit, report dev and holdout, write the file
    .venv/bin/python bench/calibrate.py --dry-run
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.devset import answer_matches, evaluate, load_items  # noqa: E402
from knowledge.engine import (  # noqa: E402
    CALIBRATION,
    FEATURES,
    VERIFIER,
    Engine,
    load_weights,
    pairwise,
)
from knowledge.loader import load_pack  # noqa: E402

# every tests/data/dev*_answerable.yaml with its dev*_decline.yaml twin
DEV = ("tests/data", "dev*_answerable.yaml", "dev*_decline.yaml")
HOLDOUT = ("bench/data", "holdout*_answerable.yaml", "holdout*_decline.yaml")


def load_sets(spec: tuple[str, str, str]) -> tuple[list[dict], list[dict]]:
    folder, answerable, decline = spec
    return ([x for p in sorted((ROOT / folder).glob(answerable)) for x in load_items(p)],
            [x for p in sorted((ROOT / folder).glob(decline)) for x in load_items(p)])


def rank_rows(engine: Engine, answerable: list[dict], decline: list[dict]):
    """One row per retrieved candidate; label: its answer is right for the question.
    Also returns the question each row belongs to."""
    X, y, group = [], [], []
    items = [(a, a["expect"]) for a in answerable] + [(d, None) for d in decline]
    for gi, (item, expect) in enumerate(items):
        parsed, cands = engine.candidates(str(item["q"]), limit=12)
        if parsed.refused:
            continue
        for c in cands:
            X.append([c.features[f] for f in FEATURES])
            y.append(1.0 if expect and answer_matches(c.fact.answer, expect) else 0.0)
            group.append(gi)
    return np.asarray(X), np.asarray(y), np.asarray(group)


def fit_listwise(X: np.ndarray, y: np.ndarray, group: np.ndarray, names: tuple[str, ...],
                 signs: dict, l2: float = 0.01, steps: int = 3000, lr: float = 0.05) -> dict:
    """Weights that put a right candidate first: maximise, for every question that has one,
    the softmax probability of its right candidates among all its candidates (gradient
    ascent with Adam, weights kept to their expected signs). Then one Platt scale and bias
    turn the score into a probability."""
    qs = [np.nonzero(group == g)[0] for g in np.unique(group)]
    qs = [ix for ix in qs if y[ix].any()]
    w = np.zeros(X.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    sign = np.asarray([signs.get(n, 0) for n in names], float)
    for t in range(1, steps + 1):
        grad = l2 * w
        for ix in qs:
            z = X[ix] @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            right = p * y[ix]
            grad += X[ix].T @ (p - right / right.sum()) / len(qs)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        w = np.where(sign * w < 0, 0.0, w)
    a, b = fit((X @ w)[:, None], y, balanced=True)
    weights = {n: round(float(wi * a[0]), 4) for n, wi in zip(names, w, strict=True)}
    return {"weights": weights, "bias": round(float(b), 4)}


def verify_rows(engine: Engine, answerable: list[dict], decline: list[dict]):
    """One row per question (its best candidate); label: answering it would be right."""
    X, y = [], []
    for item, expect in [(a, a["expect"]) for a in answerable] + [(d, None) for d in decline]:
        parsed, cands = engine.candidates(str(item["q"]))
        if parsed.refused or not cands or engine.by_post(item["q"], parsed) is not None:
            continue
        X.append(engine.verifier_features(cands))
        y.append(1.0 if expect and answer_matches(cands[0].fact.answer, expect) else 0.0)
    return np.asarray(X), np.asarray(y)


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30,
        balanced: bool = True) -> tuple:
    """L2-regularised logistic regression by Newton's method; `balanced` weighs both classes
    equally (right for ranking, where right candidates are rare), else every row counts once
    (right for a confidence that should read as a probability)."""
    Xb = np.hstack([X, np.ones((len(X), 1))])
    pos, neg = max(y.sum(), 1.0), max(len(y) - y.sum(), 1.0)
    sw = np.where(y > 0, len(y) / (2 * pos), len(y) / (2 * neg)) if balanced \
        else np.ones(len(y))
    reg = l2 * np.eye(Xb.shape[1])
    reg[-1, -1] = 0.0
    w = np.zeros(Xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Xb @ w)))
        grad = Xb.T @ ((p - y) * sw) + reg @ w
        hess = (Xb * (p * (1 - p) * sw)[:, None]).T @ Xb + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def fit_signed(X: np.ndarray, y: np.ndarray, names: tuple[str, ...], signs: dict,
               balanced: bool = True) -> dict:
    """Fit, then drop any feature whose weight has the wrong sign and fit again."""
    keep = list(range(len(names)))
    while True:
        w, b = fit(X[:, keep], y, balanced=balanced)
        wrong = [k for k, wk in zip(keep, w, strict=True)
                 if signs.get(names[k], 0) * wk < 0]
        if not wrong:
            weights = dict.fromkeys(names, 0.0)
            weights.update({names[k]: round(float(wk), 4) for k, wk in zip(keep, w,
                                                                            strict=True)})
            return {"weights": weights, "bias": round(b, 4)}
        keep = [k for k in keep if k not in wrong]


def standardize(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairwise products of the standardized features, with the mean and scale used."""
    mean = X.mean(axis=0)
    scale = np.where(X.std(axis=0) > 1e-9, X.std(axis=0), 1.0)
    return np.asarray([pairwise(row) for row in (X - mean) / scale]), mean, scale


def _quadratic_model(names: tuple[str, ...], mean, scale, weights, bias: float) -> dict:
    return {"features": list(names), "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "weights": [round(float(v), 6) for v in weights], "bias": round(float(bias), 6)}


def fit_listwise_quadratic(X: np.ndarray, y: np.ndarray, group: np.ndarray,
                           l2: float = 0.05) -> dict:
    """The listwise ranker on the standardized features and their pairwise products. Over
    our sets, 5-fold cross-validated, it puts a right fact first for 94.7% of answerable
    questions against 93.7% for the linear ranker (L2 chosen from 0.01-0.3 the same way)."""
    Q, mean, scale = standardize(X)
    names = tuple(f"q{i}" for i in range(Q.shape[1]))
    m = fit_listwise(Q, y, group, names, {}, l2=l2, steps=1500)
    return _quadratic_model(FEATURES, mean, scale, [m["weights"][n] for n in names], m["bias"])


def fit_quadratic(X: np.ndarray, y: np.ndarray, l2: float = 10.0) -> dict:
    """Logistic regression on the standardized features and their pairwise products: the
    evidence of one feature depends on another (coverage means more when an entity agrees).
    Cross-validated on our sets it separates right from wrong best candidates better than the
    linear verifier (AUC 0.948 against 0.940); the strong L2 keeps 250 weights tame."""
    Q, mean, scale = standardize(X)
    w, b = fit(Q, y, l2=l2, balanced=False)
    return _quadratic_model(VERIFIER, mean, scale, w, b)


def fit_trees(X: np.ndarray, y: np.ndarray, n_trees: int = 150, depth: int = 4,
              rate: float = 0.1, min_leaf: int = 30, bins: int = 32) -> dict:
    """Gradient-boosted regression trees on the logistic loss (Newton leaves), split points
    taken from the features' quantiles. Averaged with the pairwise logistic model they judge
    the best candidate better than either alone: leaving each development set out in turn
    and fitting on the others, 94.5% answered right against 93.6% for the pairwise model
    alone, 96.8% against 97.1% declined (16 sets, each left out of the verifier's fit and
    threshold in turn; the ranker fitted on all). Stored complete (2**depth leaves a tree)
    so the engine walks every tree at once."""
    n, nf = X.shape
    edges = [np.unique(np.quantile(X[:, j], np.linspace(0, 1, bins + 1)[1:-1]))
             for j in range(nf)]
    binned = np.stack([np.searchsorted(edges[j], X[:, j], side="right") for j in range(nf)], 1)
    p0 = float(np.clip(y.mean(), 1e-3, 1 - 1e-3))
    base = float(np.log(p0 / (1 - p0)))
    score = np.full(n, base)
    inner, leaves = 2 ** depth - 1, 2 ** depth
    model = {"features": list(VERIFIER), "depth": depth, "rate": rate, "base": round(base, 6),
             "feature": [], "threshold": [], "leaf": []}
    for _ in range(n_trees):
        prob = 1 / (1 + np.exp(-score))
        g, h = prob - y, prob * (1 - prob)
        feature, threshold = [0] * inner, [1e9] * inner
        leaf = [0.0] * leaves
        node_rows = {0: np.arange(n)}
        for node in range(inner):  # breadth first: a node's children are 2n+1 and 2n+2
            rows = node_rows.pop(node)
            left, right = rows, rows[:0]
            best = _best_split(binned[rows], g[rows], h[rows], edges, min_leaf)
            if best is not None:
                j, k = best
                feature[node], threshold[node] = j, float(edges[j][k])
                go = binned[rows, j] > k
                left, right = rows[~go], rows[go]
            for child, part in ((2 * node + 1, left), (2 * node + 2, right)):
                if child < inner:
                    node_rows[child] = part
                else:
                    leaf[child - inner] = float(-g[part].sum() / (h[part].sum() + 1.0))
        feature_arr, threshold_arr = np.asarray(feature), np.asarray(threshold)
        node = np.zeros(n, dtype=np.intp)
        for _ in range(depth):
            node = 2 * node + 1 + (X[np.arange(n), feature_arr[node]] >= threshold_arr[node])
        score += rate * np.asarray(leaf)[node - inner]
        model["feature"].append(feature)
        model["threshold"].append([round(t, 6) for t in threshold])
        model["leaf"].append([round(v, 6) for v in leaf])
    return model


def _best_split(binned: np.ndarray, g: np.ndarray, h: np.ndarray, edges: list,
                min_leaf: int) -> tuple[int, int] | None:
    """The (feature, bin) split with the largest gain in the Newton objective, if any."""
    G, H, n = g.sum(), h.sum(), len(g)
    best, found = 0.0, None
    for j, e in enumerate(edges):
        if len(e) == 0 or n < 2 * min_leaf:
            continue
        nb = len(e) + 1
        gl = np.cumsum(np.bincount(binned[:, j], g, nb))[:-1]
        hl = np.cumsum(np.bincount(binned[:, j], h, nb))[:-1]
        cl = np.cumsum(np.bincount(binned[:, j], minlength=nb))[:-1]
        gain = gl ** 2 / (hl + 1) + (G - gl) ** 2 / (H - hl + 1) - G ** 2 / (H + 1)
        gain[(cl < min_leaf) | (n - cl < min_leaf)] = -1.0
        k = int(np.argmax(gain))
        if gain[k] > best:
            best, found = float(gain[k]), (j, k)
    return found


# Directions that must hold for the confidence to mean what it says (more coverage is never
# evidence against an answer, an unknown word is never evidence for it).
RANK_SIGNS = {"wratio": 1, "ratio": 1, "ent_hit": 1, "ent_specific_miss": -1, "cov": 1,
              "type_miss": -1, "year_hit": 1, "year_miss": -1, "retrieval": 1, "row_f1": 1}
VERIFY_SIGNS = {"rank_p": 1, "rank_gap": 1, "cov": 1, "uncovered": -1, "oov": -1,
                "ent_hit": 1, "ent_specific_miss": -1, "type_miss": -1, "year_miss": -1,
                "wratio": 1, "evidence": 1, "row_f1": 1, "ent_extra": -1, "ratio": 1,
                "qword_miss": -1, "year_hit": 1, "retrieval": 1}


DECLINE_TARGET = 0.975


def choose(engine: Engine, answerable: list[dict], decline: list[dict]) -> dict:
    """The answer threshold that best trades answering against declining on the dev sets."""
    ranked = [(a["q"], a["expect"], engine.candidates(str(a["q"]))) for a in answerable]
    ranked += [(d["q"], None, engine.candidates(str(d["q"]))) for d in decline]
    best = None
    for answer_at in np.arange(0.20, 0.96, 0.01):
        engine.answer_at = float(answer_at)
        ok_a = ok_d = 0
        for q, expect, (parsed, cands) in ranked:
            res = engine.decide(q, parsed, cands)
            if expect is None:
                ok_d += not res.answered
            else:
                ok_a += res.answered and answer_matches(res.fact.answer, expect)
        acc, dec = ok_a / len(answerable), ok_d / len(decline)
        # a confident wrong answer is the worst outcome: weigh declines a little more, and
        # aim at 97.5% declined on the fitting sets: held out (cross-validation, sets written
        # later) the decline rate came out one to two points lower than on the fitting sets
        obj = acc + 1.2 * dec - 2 * max(0.0, DECLINE_TARGET - dec)
        if best is None or obj > best[0]:
            best = (obj, float(answer_at), acc, dec)
    return {"answer_at": round(best[1], 3), "dev": best[2:]}


def calibrate(pack, answerable: list[dict], decline: list[dict]) -> dict:
    """Fit the ranker, then the verifier, then the answer threshold, on these questions."""
    cal = load_weights(Path("/nonexistent"))
    cal["ranker"] = {"weights": {"retrieval": 4.0, "cov": 1.0}, "bias": -4.0}
    engine = Engine(pack, weights=cal)  # the ranker's features do not depend on its weights
    X, y, group = rank_rows(engine, answerable, decline)
    cal["ranker"] = fit_listwise(X, y, group, FEATURES, RANK_SIGNS)
    cal["ranker"]["quadratic"] = fit_listwise_quadratic(X, y, group)
    engine = Engine(pack, weights=cal)
    X, y = verify_rows(engine, answerable, decline)
    cal["verifier"] = fit_signed(X, y, VERIFIER, VERIFY_SIGNS, balanced=False)
    cal["verifier"]["quadratic"] = fit_quadratic(X, y)
    cal["verifier"]["trees"] = fit_trees(X, y)
    engine = Engine(pack, weights=cal)
    cal["answer_at"] = choose(engine, answerable, decline)["answer_at"]
    cal["suggest_at"] = 0.25
    return cal


def folds(items: list[dict], k: int, seed: int = 11) -> list[list[dict]]:
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[i::k] for i in range(k)]


def cross_validate(pack, answerable: list[dict], decline: list[dict], k: int) -> tuple:
    """Mean accuracy and decline rate on each held-out fold, fitting on the others."""
    fa, fd = folds(answerable, k), folds(decline, k)
    ok_a = ok_d = 0
    for i in range(k):
        train_a = [x for j in range(k) if j != i for x in fa[j]]
        train_d = [x for j in range(k) if j != i for x in fd[j]]
        engine = Engine(pack, weights=calibrate(pack, train_a, train_d))
        s = evaluate(engine, fa[i], fd[i])
        ok_a += sum(o.ok for o in s.answerable)
        ok_d += sum(o.ok for o in s.decline)
    return ok_a / len(answerable), ok_d / len(decline)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dry-run", action="store_true", help="report, do not write")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="also report K-fold cross-validation over dev + holdout")
    ap.add_argument("--all", action="store_true",
                    help="fit on dev + holdout (the holdout figures are then not held out)")
    args = ap.parse_args()
    pack = load_pack()
    dev = load_sets(DEV)
    hold = load_sets(HOLDOUT)
    if args.cv:
        acc, dec = cross_validate(pack, dev[0] + hold[0], dev[1] + hold[1], args.cv)
        print(f"{args.cv}-fold cross-validation: accuracy {acc:.3f}  declined {dec:.3f}")
    train = (dev[0] + hold[0], dev[1] + hold[1]) if args.all else dev
    cal = calibrate(pack, *train)
    engine = Engine(pack, weights=cal)
    d, h = evaluate(engine, *dev), evaluate(engine, *hold)
    print("ranker  ", json.dumps(cal["ranker"]))
    print("verifier", json.dumps(cal["verifier"]))
    print(f"answer_at={cal['answer_at']} suggest_at={cal['suggest_at']}")
    print(f"dev:     accuracy {d.accuracy:.3f}  declined {d.decline_rate:.3f}")
    held = " (fitted on it too)" if args.all else ""
    print(f"holdout: accuracy {h.accuracy:.3f}  declined {h.decline_rate:.3f}{held}")
    if not args.dry_run:
        CALIBRATION.write_text(json.dumps(cal, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {CALIBRATION.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
