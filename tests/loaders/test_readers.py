"""Reading articles from files, folders, globs and standard input; bad input is skipped, never raised."""
from __future__ import annotations

import io
import json
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.graph import Article
from newsgraph.loaders import readers
from newsgraph.loaders.readers import SUPPORTED_EXTENSIONS, Skipped, read_articles

BODY = ("Governor Ana Ruiz vetoed the Clean Transit Act on Friday.\n\n"
        "State Senator Tom Hale, who sponsored the bill, vowed to override the veto.")


def read(*paths: object, stdin=None) -> list[Article | Skipped]:
    return list(read_articles([str(p) for p in paths], stdin=stdin))


def one(*paths: object, stdin=None) -> Article | Skipped:
    items = read(*paths, stdin=stdin)
    assert len(items) == 1, items
    return items[0]


def write(path, content: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def skipped(item, *words: str) -> None:
    assert isinstance(item, Skipped), item
    for word in words:
        assert word in item.reason, item.reason


# -- plain text and Markdown -----------------------------------------------------------------

def test_txt_short_first_line_is_the_title(tmp_path):
    a = one(write(tmp_path / "veto.txt", "Ruiz Vetoes Transit Bill\n\n" + BODY + "\n"))
    assert isinstance(a, Article)
    assert a.title == "Ruiz Vetoes Transit Bill"
    assert a.text == BODY
    assert a.source == ""  # the outlet: a local file names none, and its path is never one
    assert a.id.startswith("a-")


def test_txt_first_sentence_is_not_a_title(tmp_path):
    a = one(write(tmp_path / "a.txt", BODY))
    assert a.title == ""
    assert a.text == BODY


def test_txt_wrapped_first_line_is_not_a_title(tmp_path):
    text = "Governor Ana Ruiz on Friday vetoed the bill that\nlawmakers passed in March."
    a = one(write(tmp_path / "a.txt", text))
    assert a.title == ""
    assert a.text == text


def test_txt_with_windows_newlines_and_bom(tmp_path):
    a = one(write(tmp_path / "a.txt", "\ufeffRuiz Vetoes Bill\r\n\r\nShe vetoed it.\r\n".encode("utf-8")))
    assert a.title == "Ruiz Vetoes Bill"
    assert a.text == "She vetoed it."


def test_same_content_gives_same_id(tmp_path):
    first = one(write(tmp_path / "a.txt", BODY))
    second = one(write(tmp_path / "copy" / "b.txt", BODY))
    assert first.id == second.id


def test_markdown_heading_is_the_title_and_marks_are_dropped(tmp_path):
    md = ("# Ruiz Vetoes the **Clean Transit Act**\n\n"
          "Governor [Ana Ruiz](https://example.org/ruiz) *vetoed* the bill.\n\n"
          "## Reaction\n\n> \"We will override it,\" said Tom Hale.\n\n- Unions objected.\n")
    a = one(write(tmp_path / "veto.md", md))
    assert a.title == "Ruiz Vetoes the Clean Transit Act"
    assert a.text == ('Governor Ana Ruiz vetoed the bill.\n\nReaction\n\n'
                      '"We will override it," said Tom Hale.\n\nUnions objected.')


def test_markdown_front_matter_is_yaml(tmp_path):
    md = ("---\ntitle: >-\n  Ruiz vetoes the Clean\n  Transit Act\ndate: 2026-03-14\n"
          "source: The Valley Ledger\ntags: [transit, veto]\n---\n\n# Heading kept as text\n\n" + BODY)
    a = one(write(tmp_path / "a.md", md))
    assert (a.title, a.date, a.source) == ("Ruiz vetoes the Clean Transit Act", "2026-03-14", "The Valley Ledger")
    assert a.text.startswith("Heading kept as text\n\nGovernor Ana Ruiz")


def test_markdown_front_matter_gives_fields(tmp_path):
    md = ("---\nid: ruiz-veto\ntitle: Ruiz vetoes bill\ndate: 2026-03-14\n"
          "url: https://example.org/v\n---\n" + BODY)
    a = one(write(tmp_path / "a.md", md))
    assert (a.id, a.title, a.date, a.url) == ("ruiz-veto", "Ruiz vetoes bill", "2026-03-14",
                                              "https://example.org/v")
    assert a.text == BODY


# -- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
  <title>Ruiz vetoes transit bill | The Valley Ledger</title>
  <meta property="article:published_time" content="2026-03-14T09:30:00Z">
  <link rel="canonical" href="https://ledger.example/ruiz-veto">
  <style>p { color: red }</style>
</head><body>
  <header><a href="/">The Valley Ledger</a><nav><a>Politics</a><a>Sports</a></nav></header>
  <aside>Most read: Mayor opens zoo</aside>
  <article>
    <h1>Ruiz vetoes transit bill</h1>
    <p>Governor Ana Ruiz   vetoed the <b>Clean Transit Act</b> on Friday.</p>
    <p>State Senator Tom Hale &amp; his allies vowed to override the veto.</p>
    <script>track("view")</script>
    <form><input name="email"><button>Subscribe</button></form>
    <noscript>Enable JavaScript</noscript>
  </article>
  <footer>Copyright 2026</footer>
</body></html>"""


def test_html_main_text_title_date_url(tmp_path):
    a = one(write(tmp_path / "veto.html", PAGE))
    assert a.title == "Ruiz vetoes transit bill"
    assert a.text == ("Governor Ana Ruiz vetoed the Clean Transit Act on Friday.\n\n"
                      "State Senator Tom Hale & his allies vowed to override the veto.")
    assert a.date == "2026-03-14"
    assert a.url == "https://ledger.example/ruiz-veto"


def test_htm_without_article_uses_body_and_title_tag(tmp_path):
    page = ("<html><head><title>Hale files suit | Ledger</title></head><body>"
            "<nav>Home</nav><div><p>Tom Hale sued the state.</p><p>He accused Ruiz of overreach.</p></div>"
            "<footer>About us</footer></body></html>")
    a = one(write(tmp_path / "suit.htm", page))
    assert a.title == "Hale files suit"
    assert a.text == "Tom Hale sued the state.\n\nHe accused Ruiz of overreach."


def test_html_og_meta_gives_title_url_and_outlet(tmp_path):
    page = ("<html><head><meta property='og:title' content='Council rejects Measure K'>"
            "<meta property='og:site_name' content='The Valley Ledger'>"
            "<meta property='og:url' content='https://x.example/k'></head><body>"
            "<main><p>The city council rejected Measure K after a long debate on Tuesday night.</p>"
            "<p>Councilwoman Lee voted against it.</p></main></body></html>")
    a = one(write(tmp_path / "k.html", page))
    assert a.title == "Council rejects Measure K"
    assert a.url == "https://x.example/k"
    assert a.source == "The Valley Ledger"
    assert a.text.startswith("The city council rejected Measure K")


DIV_PAGE = """<html><head><title>Ruiz vetoes transit bill - The Ledger</title>
<meta property="og:site_name" content="The Ledger"><meta name="author" content="Sam Ortiz">
<meta property="article:published_time" content="2026-03-14T09:30:00Z"></head><body>
<div class="menu"><a href="/">Home</a> <a href="/p">Politics</a> <a href="/s">Sports</a></div>
<div class="byline">By Sam Ortiz</div>
<div class="story"><p>Governor Ana Ruiz on Friday vetoed the Clean Transit Act, a bill that would have raised
the fuel tax by five cents to pay for buses.</p><p>Senator Tom Hale, who sponsored the bill, said he would
seek an override in January and criticized the veto.</p></div>
<div class="related"><h3>Related stories</h3><ul><li><a href="/a">Mayor proposes stadium subsidy</a></li>
<li><a href="/b">Council rejects Measure K</a></li></ul></div>
<div class="footer">Copyright 2026 The Ledger. All rights reserved.</div></body></html>"""


def test_a_page_of_plain_divs_gives_only_the_story(tmp_path):
    """Menu, byline, related stories and footer are not article text (a byline once made
    "Sam Ortiz PROPOSES stadium subsidy")."""
    a = one(write(tmp_path / "ruiz.html", DIV_PAGE))
    assert a.text.startswith("Governor Ana Ruiz on Friday vetoed the Clean Transit Act")
    assert a.text.endswith("criticized the veto.")
    for furniture in ("Sam Ortiz", "stadium", "Politics", "Copyright"):
        assert furniture not in a.text
    assert (a.title, a.date, a.source) == ("Ruiz vetoes transit bill", "2026-03-14", "The Ledger")


def test_html_without_text_is_skipped(tmp_path):
    page = ("<html><head><title>Empty</title><script>var x = 1;</script></head>"
            "<body><script>render()</script></body></html>")
    skipped(one(write(tmp_path / "empty.html", page)), "no article text")


def test_malformed_html_is_still_read(tmp_path):
    a = one(write(tmp_path / "bad.html", "<div><p>Ruiz vetoed <b>the bill</p></i><p>Hale objected"))
    assert a.text == "Ruiz vetoed the bill\n\nHale objected"


# -- JSON and JSON Lines ---------------------------------------------------------------------

def test_json_object(tmp_path):
    record = {"id": "v1", "title": "Veto", "text": BODY, "date": "2026-03-14",
              "url": "https://x.example/v", "author": "ignored"}
    a = one(write(tmp_path / "v.json", json.dumps(record)))
    assert (a.id, a.title, a.text, a.date, a.url) == ("v1", "Veto", BODY, "2026-03-14",
                                                      "https://x.example/v")
    assert a.source == "x.example"  # the outlet: the URL's domain when the record names none


def test_json_list_with_bad_records(tmp_path):
    records = [{"text": "Ruiz vetoed the bill."}, {"title": "no text"}, {"text": "  "}, "just a string",
               {"text": "Hale objected."}]
    items = read(write(tmp_path / "many.json", json.dumps(records)))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Skipped", "Article"]
    path = str(tmp_path / "many.json")
    assert items[1].source == f"{path}[1]" and "no 'text' field" in items[1].reason  # a Skipped names the file
    assert "empty 'text'" in items[2].reason
    assert "not a JSON object" in items[3].reason
    assert items[4].source == ""  # the outlet (the record names none), not the file


def test_json_values_are_coerced(tmp_path):
    record = {"id": 42, "title": None, "text": ["Ruiz vetoed the bill.", "Hale objected."],
              "date": 20260314, "url": {"href": "x"}}
    a = one(write(tmp_path / "c.json", json.dumps(record)))
    assert (a.id, a.title, a.date, a.url) == ("42", "", "20260314", "")
    assert a.text == "Ruiz vetoed the bill.\n\nHale objected."


def test_json_text_that_is_not_text_is_skipped(tmp_path):
    skipped(one(write(tmp_path / "c.json", '{"text": {"body": "x"}}')), "'text' is an object")


def test_json_wrapper_with_articles_list(tmp_path):
    items = read(write(tmp_path / "w.json", json.dumps({"articles": [{"text": "A."}, {"text": "B."}]})))
    assert [a.text for a in items] == ["A.", "B."]


@pytest.mark.parametrize("content, reason", [
    ('{"text": "unterminated', "malformed JSON"),
    ("[]", "empty JSON list"),
    ('"a string"', "not an article object"),
    ('{"title": "x"}', "no 'text' field"),
    ('{"text": ""}', "empty 'text' field"),
])
def test_bad_json_is_skipped(tmp_path, content, reason):
    skipped(one(write(tmp_path / "bad.json", content)), reason)


def test_deeply_nested_json_is_skipped(tmp_path):
    skipped(one(write(tmp_path / "deep.json", "[" * 200_000 + "]" * 200_000)), "nested too deeply")


def test_jsonl_bad_line_names_path_and_line(tmp_path):
    lines = ['{"id": "a", "text": "Ruiz vetoed the bill."}', "not json", "", "[1, 2]",
             '{"id": "b", "text": "Hale objected."}']
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    assert [getattr(i, "id", None) for i in items] == ["a", None, None, "b"]
    assert items[1].source == f"{path}:2" and "malformed JSON" in items[1].reason
    assert items[2].source == f"{path}:4" and "not a JSON object" in items[2].reason
    assert str(items[1]).startswith(f"[E001] {path}:2: ")


def test_jsonl_invalid_utf8_line_is_skipped_alone(tmp_path):
    path = write(tmp_path / "feed.jsonl", b'{"text": "caf\xe9"}\n{"text": "fine"}\n')
    items = read(path)
    skipped(items[0], "not valid UTF-8")
    assert items[0].source == f"{path}:1"
    assert items[1].text == "fine"


def test_jsonl_overlong_line_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 100)
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": "x" * 500}) + '\n{"text": "short"}\n')
    items = read(path)
    skipped(items[0], "line too long")
    assert items[1].text == "short"


# -- bad files -------------------------------------------------------------------------------

@pytest.mark.parametrize("ext", SUPPORTED_EXTENSIONS)
def test_empty_file_is_skipped(tmp_path, ext):
    skipped(one(write(tmp_path / f"empty{ext}", " \n\n ")), "empty")


@pytest.mark.parametrize("ext", SUPPORTED_EXTENSIONS)
def test_binary_file_is_skipped(tmp_path, ext):
    skipped(one(write(tmp_path / f"image{ext}", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))),
            "binary")


def test_mostly_control_characters_is_binary(tmp_path):
    skipped(one(write(tmp_path / "a.txt", bytes(range(1, 32)) * 10 + b"some text")), "binary")


LATIN = ("Le maire de Montréal, François Légaré, a critiqué la réforme des retraites. "
         "« C'est une décision très regrettable », a-t-il déclaré à la presse québécoise.")


@pytest.mark.parametrize("ext", [".txt", ".md"])
def test_text_in_another_encoding_is_decoded(tmp_path, ext):
    a = one(write(tmp_path / f"latin1{ext}", LATIN.encode("cp1252")))
    assert a.text == LATIN


def test_html_declaring_windows_1252_is_decoded_as_declared(tmp_path):
    page = ("<html><head><meta charset='windows-1252'><title>Zo\u00e9</title></head><body>"
            "<p>Caf\u00e9 owner Zo\u00e9 Dupr\u00e9 opposed the \u201cFair Rent Act\u201d \u2014 loudly.</p></body></html>")
    a = one(write(tmp_path / "cp.html", page.encode("cp1252")))
    assert "Zo\u00e9 Dupr\u00e9 opposed the \u201cFair Rent Act\u201d \u2014 loudly." in a.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_with_a_byte_order_mark_is_text_not_binary(tmp_path, encoding):
    data = ("\ufeff" + "Ruiz Vetoes Bill\n\n" + BODY).encode(encoding)
    a = one(write(tmp_path / "wide.txt", data))
    assert (a.title, a.text) == ("Ruiz Vetoes Bill", BODY)


def test_json_in_latin1_is_read(tmp_path):
    a = one(write(tmp_path / "l.json", json.dumps({"text": LATIN}, ensure_ascii=False).encode("latin-1")))
    assert a.text == LATIN


def test_too_large_file_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    skipped(one(write(tmp_path / "big.txt", "word " * 1000)), "too large")


def test_unsupported_extension_is_skipped(tmp_path):
    skipped(one(write(tmp_path / "report.pdf", "%PDF-1.4")), "unsupported file type '.pdf'")


def test_file_without_extension_is_sniffed(tmp_path):
    a = one(write(tmp_path / "ARTICLE", json.dumps({"title": "T", "text": "Body."})))
    assert (a.title, a.text) == ("T", "Body.")


def test_missing_path_is_skipped_and_the_rest_goes_on(tmp_path):
    good = write(tmp_path / "a.txt", BODY)
    items = read(tmp_path / "missing.txt", good)
    skipped(items[0], "no such file")
    assert items[1].text == BODY


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_skipped(tmp_path):
    path = write(tmp_path / "secret.txt", BODY)
    path.chmod(0)
    try:
        skipped(one(path), "permission denied")
    finally:
        path.chmod(0o644)


def test_skipped_prints_as_one_line():
    line = str(Skipped("bad\nname.txt", "empty file"))
    assert "\n" not in line
    assert line == "[E001] bad\\nname.txt: empty file"


# -- folders, globs, stdin -------------------------------------------------------------------

def test_folder_is_searched_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a.md", "A.")
    write(tmp_path / "sub" / "c.json", '{"text": "C."}')
    write(tmp_path / "sub" / "deeper" / "d.jsonl", '{"text": "D."}\n')
    write(tmp_path / "notes.docx", "ignored")
    write(tmp_path / ".hidden" / "e.txt", "hidden")
    write(tmp_path / "z.HTML", "<p>Z.</p>")
    assert [a.text for a in read(tmp_path)] == ["A.", "B.", "C.", "D.", "Z."]


def test_folder_without_supported_files_is_skipped(tmp_path):
    write(tmp_path / "notes.docx", "x")
    skipped(one(tmp_path), "no supported files")


def test_globs(tmp_path):
    write(tmp_path / "a.json", '{"text": "A."}')
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "sub" / "c.md", "C.")
    write(tmp_path / "sub" / "deep" / "d.md", "D.")
    assert [a.text for a in read(tmp_path / "*.json")] == ["A."]
    assert [a.text for a in read(tmp_path / "**" / "*.md")] == ["C.", "D."]
    skipped(one(tmp_path / "*.html"), "no supported files match")


def test_a_file_named_twice_is_read_once(tmp_path):
    write(tmp_path / "a.txt", "A.")
    assert [a.text for a in read(tmp_path, tmp_path / "*.txt", tmp_path / "a.txt")] == ["A."]


def test_reading_is_lazy(tmp_path):
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.txt", "B.")
    stream = read_articles([str(tmp_path)])
    assert next(stream).text == "A."
    (tmp_path / "b.txt").write_text("changed after the first article was read")
    assert next(stream).text.startswith("changed")


@pytest.mark.parametrize("data, texts", [
    (json.dumps({"text": "One."}), ["One."]),
    (json.dumps([{"text": "One."}, {"text": "Two."}]), ["One.", "Two."]),
    ('{"text": "One."}\n{"text": "Two."}\n', ["One.", "Two."]),
    ("Ruiz Vetoes Bill\n\nShe vetoed it.", ["She vetoed it."]),
    ("<!DOCTYPE html><html><body><p>One.</p></body></html>", ["One."]),
])
def test_stdin_is_sniffed(data, texts):
    items = read("-", stdin=io.BytesIO(data.encode("utf-8")))
    assert [a.text for a in items] == texts
    assert all(a.source == "" for a in items)


def test_stdin_text_stream_and_bad_lines():
    items = read("-", stdin=io.StringIO('{"text": "One."}\n{"text": \n'))
    assert items[0].text == "One."
    assert items[1].source == "-:2"
    skipped(items[1], "malformed JSON")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty input"),
    (b"\x00\x01\x02b\x00i\x00n", "binary"),
    (b'[{"text": ', "malformed JSON"),
])
def test_bad_stdin_is_skipped(data, reason):
    skipped(one("-", stdin=io.BytesIO(data)), reason)


# -- properties ------------------------------------------------------------------------------

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "60"))  # raise it for a longer fuzzing run


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=2000), st.text(max_size=2000)),
       ext=st.sampled_from(SUPPORTED_EXTENSIONS + ("",)))
def test_any_file_yields_articles_or_skipped(tmp_path, content, ext):
    path = tmp_path / f"random{ext}"
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
    else:
        path.write_bytes(content)
    for item in read_articles([str(path)]):
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Article):
            assert item.text.strip()
            item.text.encode("utf-8")  # every article's text is valid Unicode


@settings(max_examples=EXAMPLES, deadline=None)
@given(content=st.one_of(st.binary(max_size=2000), st.text(max_size=2000)))
def test_any_stdin_yields_articles_or_skipped(content):
    stream = io.BytesIO(content) if isinstance(content, bytes) else io.StringIO(content)
    for item in read_articles(["-"], stdin=stream):
        assert isinstance(item, (Article, Skipped))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.text(alphabet=st.sampled_from('<>/!-[]{}"=:# *_\n abcp&;x'), max_size=400),
       ext=st.sampled_from(SUPPORTED_EXTENSIONS))
def test_markup_like_noise_yields_articles_or_skipped(tmp_path, content, ext):
    (tmp_path / f"noise{ext}").write_text(content, encoding="utf-8")
    for item in read_articles([str(tmp_path / f"noise{ext}")]):
        assert isinstance(item, (Article, Skipped))


def test_lone_surrogates_are_skipped(tmp_path):
    skipped(one("-", stdin=io.StringIO("Ruiz \ud800 vetoed it.")), "not valid UTF-8")
    skipped(one(write(tmp_path / "s.json", '{"text": "Ruiz \\ud800 vetoed it."}')), "not valid Unicode")


def test_special_files_and_dangling_links_are_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    items = read(tmp_path / "pipe.txt", tmp_path / "gone.txt")
    skipped(items[0], "not a regular file")
    skipped(items[1], "cannot read")


def test_symlink_loop_in_folder_ends(tmp_path):
    write(tmp_path / "a.txt", "A.")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [a.text for a in read(tmp_path)] == ["A."]


def test_the_example_articles_all_read():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "examples" / "articles"
    items = read(folder)
    assert len(items) == 10 and all(isinstance(a, Article) for a in items), items
    assert all(a.title and 150 <= len(a.text.split()) <= 350 for a in items)
    assert not any(os.sep in a.source for a in items)  # an outlet, never the path read from
    assert sum("Alvarez" in a.text for a in items) >= 5  # a cast shared across articles


def test_read_errors_become_skipped(tmp_path, monkeypatch):
    # Root reads every file, so a permission fault is simulated; the rest of the run goes on.
    path = write(tmp_path / "a.txt", BODY)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(readers, "open", denied, raising=False)
    skipped(one(path), "permission denied")
    monkeypatch.undo()
    assert one(path).text == BODY


def test_out_of_memory_becomes_skipped(tmp_path, monkeypatch):
    path = write(tmp_path / "a.json", '{"text": "x"}')

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(readers.json, "loads", exhausted)
    skipped(one(path), "too large")
