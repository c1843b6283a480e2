"""Hostile inputs through the real `newsgraph` command: skipped by name, never a traceback.

The command runs in this process (click's runner), except where a stalled run must be given up on.

Every run: exit status 0 or 1, nothing that looks like a traceback or an internal error on
stderr, each bad input named on exactly one line, and every good article in the store.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.loaders.store import Store

EXE = str(Path(sys.executable).parent / "newsgraph")
GOOD = "Senator Tom Okafor opposed the Fair Rent Act on Tuesday. Governor Maria Alvarez criticized Okafor."


def run(*args: str, env: dict, stdin: bytes | None = None, timeout: float | None = None):
    """The command as a user runs it: in this process (click's runner) unless `timeout` asks for a
    real process that can be given up on."""
    if timeout is None:
        from click.testing import CliRunner

        from newsgraph.cli import main

        result = CliRunner(env={"NEWSGRAPH_STORE": env["NEWSGRAPH_STORE"], "NEWSGRAPH_DEBUG": None}).invoke(
            main, list(args), input=stdin if stdin is not None else b"")
        return subprocess.CompletedProcess([EXE, *args], result.exit_code, result.stdout, result.stderr)
    r = subprocess.run([EXE, *args], input=stdin, capture_output=True, env=env, timeout=timeout,
                       stdin=None if stdin is not None else subprocess.DEVNULL)
    r.stdout = r.stdout.decode("utf-8", "replace")
    r.stderr = r.stderr.decode("utf-8", "replace")
    return r


def assert_clean(r: subprocess.CompletedProcess, expect: tuple[int, ...] = (0, 1)) -> None:
    assert r.returncode in expect, f"exit {r.returncode}:\n{r.stderr[-3000:]}"
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    assert "internal error" not in r.stderr, r.stderr[-3000:]


def named_once(stderr: str, source: str) -> None:
    """`source` (a path or path:line) is named on exactly one stderr line, as a skip."""
    lines = [ln for ln in stderr.splitlines() if f"] {source}: " in ln]
    assert len(lines) == 1, f"{source!r} named on {len(lines)} lines:\n{stderr[-3000:]}"
    assert lines[0].startswith("newsgraph: skipped [E001] "), lines[0]


@pytest.fixture()
def env(tmp_path) -> dict:
    return dict(os.environ, NEWSGRAPH_STORE=str(tmp_path / "store" / "graph.db"))


def stats(env: dict) -> dict:
    r = run("stats", "--json", env=env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def stored_count(env: dict) -> int:
    with Store(env["NEWSGRAPH_STORE"], readonly=True) as store:
        return sum(1 for _ in store.articles())


def random_bytes(rng: random.Random, n: int) -> bytes:
    # Always invalid UTF-8 somewhere, with a NUL or not: both paths of the binary check.
    data = bytearray(rng.getrandbits(8) for _ in range(n))
    data[n // 2] = 0xFF
    return bytes(data)


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def good_text(n: int) -> str:
    """A distinct good article text (equal texts would be one article)."""
    return f"{GOOD} Okafor spoke {n} times."


BROKEN_HTML = {
    # name: (markup, has article text: True, False, or None for either - markup so broken that
    # what html.parser leaves over may or may not count as text)
    "unclosed.html": (f"<html><body><article><p>{good_text(1)}<div><span><b><i>", True),
    "script_open.html": (f"<html><body><p>{good_text(2)}</p><script>var x = '</scr' + 'ipt>'; while(1){{", True),
    "comment_open.html": (f"<html><body><p>{good_text(3)}</p><!-- never closed <p>hidden</p>", True),
    "cdata.html": (f"<html><body><p>{good_text(4)}</p><![CDATA[ x <p> y", True),
    "bad_decl.html": (f"<!DOCTYPE html><html><body><p>{good_text(5)}</p><!x <! <!- <?php ?>", True),
    "bad_refs.html": (f"<html><body><p>{good_text(6)} &#xD800; &#0; &#99999999999; &#x110000; &bogus; &</p>", True),
    "attrs.html": (f"<html><body <p class='a\" id=>{good_text(7)}</p><a href=\"x>y</a>", True),
    "deep_divs.html": ("<html><body>" + "<div>" * 100_000 + f"<p>{good_text(8)}</p>" + "</div>" * 99_000, True),
    "tags_only.html": ("<html><head><title>t</title></head><body><script>x</script><nav>menu</nav></body>", False),
    "garbage.html": ("<<<>>><</>/<!--><![<?>&&&;;", None),
    "half.html": ("<html><bo", None),
}


def test_random_bytes_deep_json_broken_html_and_surrogates(env, tmp_path):
    rng = random.Random(1234)
    d = tmp_path / "in"
    d.mkdir()
    bad: list[str] = []
    good: list[str] = []

    for ext in ("txt", "md", "html", "json", "jsonl", "htm"):
        p = d / f"random.{ext}"
        p.write_bytes(random_bytes(rng, 4096))
        bad.append(str(p))
    p = d / "random_nul_free.txt"
    p.write_bytes(bytes(b for b in random_bytes(rng, 4096) if b) + b"\xc3")
    bad.append(str(p))

    (d / "deep_list.json").write_text(deep(100_000))
    (d / "deep_text.json").write_text('{"text": ' + "{\"a\": " * 100_000 + "1" + "}" * 100_000 + "}")
    (d / "deep_articles.json").write_text('{"articles": ' + deep(100_000) + "}")
    bad += [str(d / "deep_list.json"), str(d / "deep_text.json"), str(d / "deep_articles.json")]

    either: list[str] = []
    for name, (markup, has_text) in BROKEN_HTML.items():
        (d / name).write_text(markup, encoding="utf-8")
        {True: good, False: bad, None: either}[has_text].append(str(d / name))

    # JSON's \ud800 escape decodes to a lone surrogate, which UTF-8 cannot hold.
    (d / "surrogate_text.json").write_text('{"text": "Okafor opposed \\ud800 the Fair Rent Act."}')
    (d / "surrogate_list.json").write_text('[{"text": "\\udfff"}, {"text": "%s", "id": "s-ok"}]' % good_text(20))
    bad += [str(d / "surrogate_text.json"), f"{d / 'surrogate_list.json'}[0]"]
    (d / "surrogate_title.json").write_text('{"title": "bad \\ud800 title", "id": "t\\udc00", "text": "%s"}'
                                            % good_text(21))
    (d / "surrogate_pair.json").write_text('{"text": "%s \\ud83d\\ude00"}' % good_text(22))
    good += [str(d / "surrogate_list.json"), str(d / "surrogate_title.json"), str(d / "surrogate_pair.json")]

    # A name with a newline must still make one line; a FIFO must not block the run; a symlink loop must end.
    evil = d / "evil\nname.txt"
    evil.write_bytes(b"\x00\x01binary")
    os.mkfifo(d / "pipe.txt")
    bad.append(str(d / "pipe.txt"))
    (d / "loop").symlink_to(d, target_is_directory=True)

    (d / "good.txt").write_text(f"A headline\n\n{good_text(23)}", encoding="utf-8")
    good.append(str(d / "good.txt"))

    r = run("build", str(d), env=env)
    assert_clean(r, (1,))
    for source in bad:
        named_once(r.stderr, source)
    named_once(r.stderr, str(evil).replace("\n", "\\n"))
    # Each of `either` is accounted for: skipped by name, or stored (a stored article keeps no path).
    stored = [s for s in either if not any(f"] {s}: " in ln for ln in r.stderr.splitlines())]
    skips = [ln for ln in r.stderr.splitlines() if ln.startswith("newsgraph: skipped")]
    assert len(skips) == len(bad) + 1 + len(either) - len(stored), "\n".join(skips)
    assert f"{len(good) + len(stored)} added, 0 already stored" in r.stderr
    assert stats(env)["articles"] == stored_count(env) == len(good) + len(stored)


def _broken_lines() -> list[bytes]:
    """Ways a JSON Lines line goes wrong; each must be skipped alone."""
    return [
        b'{"text": "unterminated',
        b"not json at all",
        b'["a", "list"]',
        b'{"title": "no text field"}',
        b'{"text": {"an": "object"}}',
        b'{"text": ""}',
        b'{"text": "Okafor opposed \\ud800 Measure K."}',
        b'{"text": "bad utf-8 \xff\xfe here"}',
        b'{"text": "nul \\u0000 inside"}',
        b'{"text": "trailing"} garbage',
    ]


def test_a_1000_line_jsonl_with_every_10th_line_broken(env, tmp_path):
    path = tmp_path / "feed.jsonl"
    broken = _broken_lines()
    lines, bad_numbers = [], []
    for i in range(1, 1001):
        if i % 10 == 0:
            lines.append(broken[(i // 10) % len(broken)])
            bad_numbers.append(i)
        else:  # short, different articles: the store must hold every one
            lines.append(json.dumps({"id": f"n{i}", "text": f"Councillor Person{i} opposed Measure {i}."}).encode())
    path.write_bytes(b"\n".join(lines) + b"\n")

    r = run("build", str(path), env=env)
    assert_clean(r, (1,))
    for n in bad_numbers:
        named_once(r.stderr, f"{path}:{n}")
    assert sum(ln.startswith("newsgraph: skipped") for ln in r.stderr.splitlines()) == 100
    assert "900 added" in r.stderr
    assert stats(env)["articles"] == 900


def test_a_deeply_nested_jsonl_line_is_skipped_alone(env, tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"Mayor Person{i} opposed Measure {i}."}) for i in range(5)]
    lines[2] = deep(100_000)
    path.write_text("\n".join(lines) + "\n")
    r = run("build", str(path), env=env)
    assert_clean(r, (1,))
    named_once(r.stderr, f"{path}:3")
    assert stats(env)["articles"] == 4


def test_a_million_character_broken_jsonl_line_is_skipped_alone(env, tmp_path):
    path = tmp_path / "feed.jsonl"
    long_bad = '{"text": "' + "x" * 1_000_000  # never closed
    lines = [json.dumps({"id": "m1", "text": GOOD}), long_bad, json.dumps({"id": "m3", "text": GOOD + " Again."})]
    path.write_text("\n".join(lines) + "\n")
    r = run("build", str(path), env=env)
    assert_clean(r, (1,))
    named_once(r.stderr, f"{path}:2")
    assert stats(env)["articles"] == 2


def test_a_million_character_line_of_text_is_an_article(env, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    # One line, no breaks for a million characters, then a sentence the extractor acts on.
    (d / "a_long.txt").write_text("x" * 1_000_000 + " " + GOOD, encoding="utf-8")
    (d / "b_after.txt").write_text(GOOD.replace("Tuesday", "Sunday"), encoding="utf-8")
    r = run("build", str(d), env=env)
    assert_clean(r, (0,))
    assert stats(env)["articles"] == 2


def test_hostile_standard_input(env):
    rng = random.Random(99)
    r = run("extract", "-", env=env, stdin=random_bytes(rng, 10_000))
    assert_clean(r, (1,))
    named_once(r.stderr, "-")
    r = run("extract", "-", env=env, stdin=deep(100_000).encode())
    assert_clean(r, (1,))
    named_once(r.stderr, "-")
    stream = "\n".join([json.dumps({"text": GOOD}), '{"text": "\\ud800"}', "{broken",
                        json.dumps({"text": GOOD + " More."})])
    r = run("extract", "-", env=env, stdin=stream.encode())
    assert_clean(r, (1,))
    named_once(r.stderr, "-:2")
    named_once(r.stderr, "-:3")
    assert {json.loads(ln)["article"] for ln in r.stdout.splitlines()}.__len__() == 2


def test_a_bracket_storm_does_not_stall_the_build(env, tmp_path):
    path = tmp_path / "storm.txt"
    path.write_text(GOOD + " " + "(" * 30_000 + " " + "\u201d" * 10_000 + " The end.", encoding="utf-8")
    r = run("build", str(path), env=env, timeout=45)  # defused, this takes the time of a short article
    assert_clean(r, (0,))
    assert stats(env)["articles"] == 1
