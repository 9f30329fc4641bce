"""Text folding shared by the content build, search and glossary lookup.

Students type "CK1a", "CK1alpha" or "CK1α", "TNF-alpha" or "TNF-α", "Kronke" or "Krönke";
all of them must find the same thing. Folding is done the same way when text is indexed and
when a query is read.
"""

from __future__ import annotations

import re
import unicodedata

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "τ": "tau", "ω": "omega", "θ": "theta", "σ": "sigma",
    "Α": "alpha", "Β": "beta", "Γ": "gamma", "Δ": "delta", "Κ": "kappa", "Λ": "lambda",
}
GREEK_LATIN = {
    "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "κ": "k", "λ": "l", "μ": "m",
    "τ": "t", "ω": "w", "θ": "th", "σ": "s", "Α": "a", "Β": "b", "Γ": "g", "Δ": "d",
    "Κ": "k", "Λ": "l",
}
_GREEK_CHARS = re.compile("[" + "".join(GREEK) + "]")
_WORDS = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"“])")


def strip_diacritics(text: str) -> str:
    """`Krönke` -> `Kronke`; Greek letters are left alone (they are not diacritics)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spell_greek(text: str) -> str:
    """`CK1α` -> `CK1alpha`, `TNF-α` -> `TNF-alpha`."""
    return _GREEK_CHARS.sub(lambda m: GREEK[m.group(0)], text)


def fold(text: str) -> str:
    """Case-, diacritic- and Greek-folded form used for matching (`CK1α` -> `ck1alpha`)."""
    return spell_greek(strip_diacritics(text)).casefold()


def greek_variants(text: str) -> str:
    """Extra index words for every word with a Greek letter: spelled and Latin-letter forms.

    "CK1α and TNF-α" gives "CK1alpha CK1a TNF-alpha TNF-a TNFalpha TNFa"; indexing these beside
    the original lets every spelling a student might type find the passage.
    """
    out: list[str] = []
    for word in re.findall(r"[\w-]+", text):
        if not _GREEK_CHARS.search(word):
            continue
        spelled = _GREEK_CHARS.sub(lambda m: GREEK[m.group(0)], word)
        latin = _GREEK_CHARS.sub(lambda m: GREEK_LATIN[m.group(0)], word)
        for variant in (spelled, latin):
            out.append(variant)
            if "-" in variant:
                out.append(variant.replace("-", ""))
    return " ".join(dict.fromkeys(out))


def words(text: str) -> list[str]:
    """The folded words of `text`."""
    return _WORDS.findall(fold(text))


def first_sentence(text: str) -> str:
    """The first sentence of `text` (used as a tooltip for glossary terms)."""
    text = " ".join(text.split())
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0] if parts else text


def strip_markdown(text: str) -> str:
    """Plain text from light Markdown: links keep their label, emphasis and headings go."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`]{1,3}([^*_`]+)[*_`]{1,3}", r"\1", text)
    return text
