"""The record every claim finder yields before entities are resolved: tokens, senses and how it was found."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Sense


@dataclass(frozen=True)
class Finding:
    """A candidate claim between two tokens; the relation finder resolves them to entities."""

    subject: Token
    object: Token
    senses: tuple[Sense, ...]
    pred: Token  # the predicate word: polarity is read from it
    surface: tuple[Token, ...]  # the surface predicate's tokens
    base: str  # how it was found: a key of confidence.BASE
    cues: tuple[str, ...] = ()
    role: str = ""
    polarity_free: bool = False  # affiliations and titles are not negated by the clause around them
