"""Splitting big articles into parseable pieces, and a 20 MB article through `newsgraph extract`."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.extractors.chunking import MAX_TOKEN_CHARS, defuse, pieces

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "200"))

# Text made of the things the splitter cares about, so breaks of every kind are common.
_ATOMS = st.sampled_from(["word", "Senator", "Okafor", "é", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\U0001f600",
                          ".", ". ", "! ", "?\" ", ".) ", " ", "  ", "\t", "\n", "\n\n", "\n \n", "\u2026 ",
                          "x" * 30, ",", "\u00a0", "\u3002"])
TEXTS = st.one_of(st.lists(_ATOMS, max_size=80).map("".join), st.text(max_size=300))


def check_cover(text: str, max_chars: int) -> list[tuple[int, str]]:
    got = list(pieces(text, max_chars))
    assert "".join(p for _, p in got) == text
    pos = 0
    for offset, piece in got:
        assert offset == pos, "pieces are in order and leave no gap"
        assert text[offset:offset + len(piece)] == piece
        assert 0 < len(piece) <= max_chars
        pos += len(piece)
    return got


@settings(max_examples=EXAMPLES, deadline=None)
@given(TEXTS, st.integers(1, 120))
def test_pieces_cover_the_text_exactly_in_order_each_under_the_limit(text, max_chars):
    check_cover(text, max_chars)


@settings(max_examples=EXAMPLES, deadline=None)
@given(TEXTS, st.integers(1, 400))
def test_a_text_under_the_limit_is_one_piece(text, extra):
    assert list(pieces(text, len(text) + extra - 1 or 1)) == ([(0, text)] if text else [])


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta"]), min_size=1, max_size=60), st.integers(10, 60))
def test_words_are_never_cut_when_spaces_allow(words, max_chars):
    text = " ".join(words)
    for _, piece in check_cover(text, max_chars):
        assert all(w in {"alpha", "beta", "gamma", "delta"} for w in piece.split())


def test_an_empty_text_gives_no_piece_and_a_bad_limit_is_refused():
    assert list(pieces("", 10)) == []
    with pytest.raises(ValueError):
        list(pieces("text", 0))


def test_a_paragraph_break_is_preferred_to_a_sentence_end_and_that_to_a_space():
    para = "First one here. Second one here.\n\nThird one. Fourth"
    assert [p for _, p in pieces(para, 40)][0] == "First one here. Second one here.\n\n"
    sent = "First one here. Second one here and then some more words"
    assert [p for _, p in pieces(sent, 40)][0] == "First one here. Second one here and "  # sentence end too early
    sent2 = "A sentence that runs on. Then another begins and"
    assert [p for _, p in pieces(sent2, 40)][0] == "A sentence that runs on. "
    quoted = 'He said "we will fight." Then it went on and on'
    assert [p for _, p in pieces(quoted, 40)][0] == 'He said "we will fight." '


def test_a_title_before_a_name_is_not_a_sentence_end():
    text = "The bill was opposed by many and then Sen. Tom Okafor and Gov. Maria Alvarez spoke up"
    first = [p for _, p in pieces(text, 60)][0]
    assert not first.endswith(("Sen. ", "Gov. ")), first
    assert [p for _, p in pieces("It failed. Then Sen. Tom Okafor spoke at length", 30)][0] == "It failed. Then Sen. Tom "


def test_an_early_break_beats_a_cut_word():
    text = "Short.\n\n" + "x" * 100
    assert [p for _, p in pieces(text, 50)][0] == "Short.\n\n"


def test_a_hard_cut_keeps_combining_marks_with_their_letter():
    text = "e\u0301" * 30  # é as e + combining acute
    for _, piece in check_cover(text, 7):
        assert not piece.startswith("\u0301")


def test_a_million_character_token_is_cut_in_linear_time():
    text = "x" * 1_000_000 + " " + "word " * 200_000
    t0 = time.monotonic()
    got = check_cover(text, 100_000)
    assert time.monotonic() - t0 < 10
    assert len(got) == 21


@settings(max_examples=EXAMPLES, deadline=None)
@given(TEXTS, st.integers(1, 50))
def test_defuse_keeps_length_and_every_character_outside_long_runs(text, max_token):
    out = defuse(text, max_token)
    assert len(out) == len(text)
    for a, b in zip(text, out):
        assert a == b or (b == "x" and not a.isspace())
    assert all(len(run) <= max_token or set(run) == {"x"} for run in out.split())


def test_defuse_makes_a_bracket_storm_cheap_to_tokenize():
    from newsgraph.extractors import load_model

    nlp = load_model(None)
    storm = "Okafor opposed Measure K. " + "(" * 50_000 + " " + "\"" * 50_000 + " Alvarez backed it."
    t0 = time.monotonic()
    doc = nlp.tokenizer(defuse(storm))
    assert time.monotonic() - t0 < 5  # undefused: tens of minutes
    assert doc.text == defuse(storm) and doc[0].text == "Okafor"
    assert defuse("word " * 10 + "y" * MAX_TOKEN_CHARS) == "word " * 10 + "y" * MAX_TOKEN_CHARS


# -- a 20 MB article through the CLI ------------------------------------------------------------

_PEOPLE = ["Maria Alvarez", "Tom Okafor", "Priya Raman", "Jonas Berg", "Amara Diallo", "Chen Wei", "Lucía Ortega",
           "Samuel O'Neill", "Hana Kobayashi", "Dmitri Volkov"]
_ORGS = ["the Civic Futures Fund", "the Department of Corrections", "the Building Trades Council",
         "the State Senate", "Harbor Bank", "the Tenants Union", "the Chamber of Commerce"]
_POLICIES = ["the Fair Rent Act", "Measure K", "House Bill 2001", "the Clean Air Zone", "the Transit Levy",
             "Proposition 12", "the Surveillance Ordinance"]
_VERBS = ["opposed", "supported", "criticized", "funded", "sponsored", "vetoed", "praised", "investigated",
          "welcomed", "rejected", "endorsed", "signed"]
_TAILS = ["on Tuesday", "in a statement", "after a long debate", "at a press conference", "last week",
          "despite objections", "according to officials", ""]


def varied_article(size: int, seed: int = 7) -> str:
    """About `size` characters of news-like prose: different sentences, paragraphs of 3 to 8 of them."""
    rng = random.Random(seed)
    paras, total = [], 0
    while total < size:
        sents = []
        for _ in range(rng.randint(3, 8)):
            subj = rng.choice(_PEOPLE + _ORGS)
            obj = rng.choice(_POLICIES + _PEOPLE + _ORGS)
            tail = rng.choice(_TAILS)
            sents.append(f"{subj[0].upper()}{subj[1:]} {rng.choice(_VERBS)} {obj}{' ' + tail if tail else ''}"
                         f"{rng.choice(['.', '.', '.', '!'])} ")
            if rng.random() < 0.2:
                sents.append(f"\u201cWe will not stand for {rng.choice(_POLICIES)},\u201d "
                             f"said {rng.choice(_PEOPLE)}, number {rng.randint(1, 10**6)}. ")
        para = "".join(sents).strip()
        paras.append(para)
        total += len(para) + 2
    return "\n\n".join(paras)


def _run_measured(cmd: list[str], env: dict, out: Path, err: Path, timeout: float) -> tuple[int, int]:
    """(exit status, peak RSS in KiB) of one child process, from the kernel's own accounting."""
    with open(out, "wb") as fo, open(err, "wb") as fe:
        proc = subprocess.Popen(cmd, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not reap it again
            return proc.returncode, usage.ru_maxrss
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            pytest.fail(f"newsgraph extract did not finish in {timeout:.0f}s")
        time.sleep(0.5)


# The brief's size; NEWSGRAPH_BIG_MB shrinks it for a quick run. Parsing runs at roughly 100 KB of
# text per 5-15 s on one core, so 20 MB takes many minutes once extraction handles it.
BIG_MB = float(os.environ.get("NEWSGRAPH_BIG_MB", "20"))

# Peak RSS allowed: the model (~250 MB), the 20 MB text a few times over (bytes, str, the Article,
# the store-free extraction), and one piece's parse; an unchunked parse of 20 MB would need many GB.
MAX_RSS_MB = 1500


@pytest.mark.slow  # about 10 minutes: `pytest -m slow` (and .ci/run) runs it
def test_a_20_mb_article_is_extracted_with_bounded_memory(tmp_path):
    article = tmp_path / "big.txt"
    text = varied_article(int(BIG_MB * 1024 * 1024))
    article.write_text("A very long article\n\n" + text, encoding="utf-8")
    del text
    env = dict(os.environ, NEWSGRAPH_STORE=str(tmp_path / "store.db"))
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    cmd = [str(Path(sys.executable).parent / "newsgraph"), "extract", str(article), "-o", str(out)]
    t0 = time.monotonic()
    code, rss_kib = _run_measured(cmd, env, tmp_path / "stdout.txt", err, timeout=max(300, BIG_MB * 300))
    stderr = err.read_text(errors="replace")
    print(f"{BIG_MB:g} MB extract: exit {code}, peak RSS {rss_kib / 1024:.0f} MB, {time.monotonic() - t0:.0f}s")
    assert code == 0, stderr[-2000:]
    assert "Traceback" not in stderr
    assert out.stat().st_size > 0
    assert rss_kib / 1024 < MAX_RSS_MB
