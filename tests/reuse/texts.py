"""Deterministic filler text for reuse tests: pseudo-words that never repeat by chance."""

from __future__ import annotations

import random
from typing import Any

_SYL = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "zu", "ge", "ho", "fi", "ba", "ce"]


def words(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def filler(seed: int, sentences: int = 4) -> str:
    """Unique sentences of 10 pseudo-words each."""
    out = []
    for k in range(sentences):
        w = words(seed * 1000 + k, 10)
        out.append(" ".join(w).capitalize() + ".")
    return " ".join(out)


def passage(seed: int, n: int = 30) -> str:
    """A passage of ``n`` pseudo-words (no final full stop)."""
    return " ".join(words(seed * 7919 + 13, n)).capitalize()


COLUMNS = ("article_id", "page_id", "url", "site", "page_type", "published", "published_source", "text")


def add_articles(store: Any, rows: list[dict[str, Any]]) -> None:
    """Insert articles into a store; ``id``, ``site``, ``text`` and optional ``published``."""
    with store.transaction():
        for r in rows:
            store.con.execute(
                f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    r["id"],
                    "p-" + r["id"],
                    f"https://{r['site']}/{r['id']}",
                    r["site"],
                    "article",
                    r.get("published"),
                    "meta" if r.get("published") else None,
                    r["text"],
                ],
            )
