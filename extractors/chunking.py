"""Split a long article into pieces spaCy can parse, with exact offsets back into the text.

spaCy refuses texts longer than `nlp.max_length` (1,000,000 characters by default) and the
parser's memory grows with the text, so a big article is parsed piece by piece; each piece's
evidence offsets are shifted by the piece's offset. Pieces end at the best break available
inside the limit - a paragraph break, else a sentence end, else whitespace, else anywhere -
so that as few sentences as possible are cut in two.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

# Breaks, best first. Each pattern matches the separator; a piece ends at the end of the match
# so the separator stays with the text before it and the next piece starts on new content.
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
# A sentence end: terminal punctuation, optional closing quotes/brackets, then whitespace - but not
# the period of a title news copy puts before a name ("Sen. Tom Okafor"): a cut there would split
# the name across two pieces and lose its claims. (Python's look-behinds are fixed width: one per length.)
_SENTENCE = re.compile(
    r"(?:(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt|No|vs))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Rev))"
    r"(?<!\b(?:Sens|Reps|Prof|Capt|Cmdr|Atty|Supt))\.|[!?\u2026\u3002\uff01\uff1f])[\"'\u201d\u2019)\]]*\s+")
_LINE = re.compile(r"\n\s*")
_SPACE = re.compile(r"\s+")
_BREAKS = (_PARAGRAPH, _SENTENCE, _LINE, _SPACE)

# A break of a better kind is used only if it lies in the last half of the window: an earlier one would
# leave a piece so short that the many small pieces would cost more than a sentence cut at a space.
_MIN_FILL = 0.5


def pieces(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Yield (offset, piece) covering `text` in order, each piece at most `max_chars` long.

    `text[offset:offset + len(piece)] == piece` for every piece, and the pieces joined give
    `text` back. A text of at most `max_chars` characters is one piece; an empty text none.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    start, n = 0, len(text)
    while start < n:
        if n - start <= max_chars:
            yield start, text[start:]
            return
        end = _cut(text, start, start + max_chars)
        yield start, text[start:end]
        start = end


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at `start` should end (start < result <= limit)."""
    window = text[start:limit]
    # The best kind of break in the window's later part; failing that, the last break of any kind
    # (a short piece beats a cut word).
    for floor in (int(len(window) * _MIN_FILL), 0):
        for pattern in _BREAKS:
            last = _last_end(pattern, window, floor)
            if last is not None:
                return start + last
    # No break at all (one very long token): cut anywhere, but step back over combining marks
    # so a letter keeps its accents (text[end] is the first character of the next piece).
    end = limit
    while end - 1 > start and unicodedata.combining(text[end]):
        end -= 1
    return end


def _last_end(pattern: re.Pattern[str], window: str, floor: int) -> int | None:
    """The end of the last match of `pattern` in `window` that ends after `floor`, if any."""
    best = None
    for m in pattern.finditer(window, max(0, floor - 1)):
        if floor < m.end():
            best = m.end()
    return best


# spaCy's tokenizer peels prefix and suffix punctuation off a token one character at a time, copying
# the rest each time: a run of n brackets or quotes with no space costs O(n^2) (8,000 "(" take ~12 s,
# 100 KB would take half an hour). No word or name is this long, so such runs carry no claim.
MAX_TOKEN_CHARS = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_TOKEN_CHARS + 1))


def defuse(text: str, max_token: int = MAX_TOKEN_CHARS) -> str:
    """`text` with every run of more than `max_token` non-space characters replaced by as many "x"s.

    The length and every other character stay the same, so spans found in the result are spans
    of `text`; the tokenizer then costs linear time however hostile the input.
    """
    pattern = _LONG_RUN if max_token == MAX_TOKEN_CHARS else re.compile(r"\S{%d,}" % (max_token + 1))
    return pattern.sub(lambda m: "x" * len(m.group()), text)
