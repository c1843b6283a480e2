"""General, maintained sentiment lexicons: how negative or positive a word or a quote is.

VADER (vaderSentiment) gives a word's valence (-4..4) and a text's compound score (-1..1);
the NRC emotion lexicon (as the nrclex package ships it) gives a word's emotions ("anger",
"trust", "negative", ...) and covers many verbs VADER lacks ("lash"). Neither list was
picked from the articles newsgraph is measured on.
"""
from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

CRITICAL_VALENCE = -1.5  # a word at or below this is a judging word ("reckless" -1.7, "disaster" -3.1; "hard" -0.4 is not)


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def valence(word: str) -> float | None:
    """VADER's valence of a lowercase word, None when VADER does not know it."""
    return _vader().lexicon.get(word)


def compound(text: str) -> float:
    """VADER's compound score of a text: below 0 reads negative, above 0 positive."""
    return _vader().polarity_scores(text)["compound"]


@lru_cache(maxsize=1)
def _nrc() -> dict[str, tuple[str, ...]]:
    # Read the package's data file directly: importing nrclex itself would load TextBlob and NLTK.
    spec = importlib.util.find_spec("nrclex")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "nrc_en.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {w: tuple(e) for w, e in raw.items() if isinstance(e, list)}


def emotions(word: str) -> tuple[str, ...]:
    """The NRC emotions of a lowercase word (empty when unknown)."""
    return _nrc().get(word, ())


def judging(word: str) -> bool:
    """Whether a word passes a negative judgement by either lexicon ("disgrace", "reckless", "lash")."""
    v = valence(word)
    if v is not None:
        return v <= CRITICAL_VALENCE
    e = emotions(word)
    return "negative" in e and ("anger" in e or "disgust" in e)
