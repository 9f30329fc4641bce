"""Term linking speed: a 10,000-word HTML text against 1,000 glossary terms.

The 209 bundled terms are joined by synthetic ones (seeded, with abbreviations and synonyms)
up to 1,000; the text is the rendered study notes, repeated to 10,000 words, with some
synthetic names sprinkled in so they are found too. The baseline, measured in the same run,
is the naive way: one regular expression per name, searched one after another. Prints one
JSON line. Target: `linker_median_ms` at most 30.

    python bench/linker.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TERM_COUNT = 1000
WORDS = 10_000
SYLLABLES = ("ka", "lo", "mi", "zen", "tor", "vex", "ul", "ra", "phi", "dro", "sa", "qui", "ne")


def synthetic_terms(count: int, rng: random.Random):
    from db.records import Term

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))

    terms = []
    for i in range(count):
        name = " ".join(word() for _ in range(rng.randint(1, 3)))
        abbreviation = "".join(w[0] for w in name.split()).upper() + str(i)
        synonyms = (f"{word()} {name.split()[-1]}", f"{name}-like factor")
        terms.append(Term(id=f"synthetic-{i}", term=name, category="molecular-biology",
                          definition=f"Synthetic term {i}.", short_definition=f"Synthetic {i}.",
                          relevance="", abbreviations=(abbreviation,), synonyms=synonyms))
    return terms


def make_text(documents, extra_names: list[str], rng: random.Random) -> str:
    from desktop.core.render import render_markdown

    chunks = [render_markdown(doc.body) for doc in documents]
    html: list[str] = []
    words = 0
    while words < WORDS:
        for chunk in chunks:
            paragraphs = chunk.split("</p>")
            for paragraph in paragraphs:
                if words >= WORDS:
                    break
                if rng.random() < 0.3 and "<p>" in paragraph:
                    paragraph += f" with {rng.choice(extra_names)}."
                html.append(paragraph + "</p>")
                words += len(re.sub(r"<[^>]+>", " ", paragraph).split())
    return "".join(html)


def naive_link(patterns, text: str) -> int:
    """One regex per name, one after another (the obvious first implementation)."""
    found = 0
    for pattern in patterns:
        if pattern.search(text):
            found += 1
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from desktop.core.atlas import Atlas
    from desktop.core.glossary.linker import TermLinker

    rng = random.Random(6)
    atlas = Atlas.open(Path(tempfile.mkdtemp(prefix="atlas-bench-")),
                       content_dir=ROOT / "resources" / "content")
    try:
        real = atlas.content.terms()
        documents = atlas.content.documents()
    finally:
        atlas.close()
    terms = real + synthetic_terms(TERM_COUNT - len(real), rng)
    extra = [t.term for t in terms[len(real):]] + [t.abbreviations[0] for t in terms[len(real):]]
    html = make_text(documents, extra, rng)
    words = len(re.sub(r"<[^>]+>", " ", html).split())

    start = time.perf_counter()
    linker = TermLinker(terms)
    build_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    linked = linker.link_html(html)
    cold_ms = (time.perf_counter() - start) * 1000
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        linker.link_html(html)
        timings.append((time.perf_counter() - start) * 1000)

    names = sorted({n for t in terms for n in t.names}, key=len, reverse=True)
    patterns = [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE) for n in names]
    naive = []
    for _ in range(3):
        start = time.perf_counter()
        naive_link(patterns, html)
        naive.append((time.perf_counter() - start) * 1000)

    median = statistics.median(timings)
    naive_median = statistics.median(naive)
    print(json.dumps({
        "benchmark": "linker",
        "words": words,
        "html_chars": len(html),
        "terms": len(terms),
        "names_indexed": linker.name_count,
        "links_made": linked.count('class="term"'),
        "index_build_ms": round(build_ms, 2),
        "linker_cold_ms": round(cold_ms, 2),
        "linker_median_ms": round(median, 2),
        "naive_regex_per_name_median_ms": round(naive_median, 1),
        "ratio_naive_to_linker": round(naive_median / median, 1),
        "target_ms": 30,
        "meets_target": median <= 30,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
