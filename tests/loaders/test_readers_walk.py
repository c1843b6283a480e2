"""Walking folders: symlinks to folders are not followed, no folder twice, any depth."""
from __future__ import annotations

import os

from newsgraph.graph import Article
from newsgraph.loaders.readers import Skipped, read_articles

TEXT = "Senator Tom Okafor opposed the Fair Rent Act on Tuesday."


def sources(paths) -> list[str]:
    """Which files were read, by the name each file's text ends with (an Article never holds a local path)."""
    return [a.text.rsplit(" ", 1)[-1] for a in read_articles([str(p) for p in paths]) if isinstance(a, Article)]


def write(path, name: str | None = None) -> None:
    path.write_text(f"{TEXT} {name or path.name}")


def test_a_symlink_to_the_root_is_not_walked(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write(d / "a.txt")
    (d / "root").symlink_to("/", target_is_directory=True)
    (d / "up").symlink_to(tmp_path, target_is_directory=True)
    write(tmp_path / "outside.txt")
    assert sources([d]) == ["a.txt"]


def test_a_symlinked_file_is_read_and_a_loop_ends(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    write(tmp_path / "real.txt")
    (d / "link.txt").symlink_to(tmp_path / "real.txt")
    (d / "sub" / "loop").symlink_to(d, target_is_directory=True)
    assert sources([d]) == ["real.txt"]


def test_a_folder_1200_levels_deep(tmp_path):
    # Build it by relative steps: the whole path is longer than PATH_MAX.
    top = tmp_path / "deep"
    top.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(top)
        for _ in range(1200):
            os.mkdir("d")
            os.chdir("d")
        with open("bottom.txt", "w") as f:
            f.write(f"{TEXT} bottom.txt")
    finally:
        os.chdir(cwd)
    try:
        items = list(read_articles([str(top)]))  # no RecursionError
        assert [i.text.endswith("bottom.txt") for i in items if isinstance(i, Article)] == [True]
        assert not [i for i in items if isinstance(i, Skipped)]
    finally:
        _remove_deep(top)


def _remove_deep(top) -> None:
    """shutil.rmtree recurses per level: remove from the bottom up, by relative steps."""
    cwd = os.getcwd()
    try:
        os.chdir(top)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for name in os.listdir("."):
            os.unlink(name)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(cwd)


def test_order_is_depth_first_by_name(tmp_path):
    d = tmp_path / "in"
    for rel in ["b/z.txt", "b/a.txt", "a.txt", "c.md", "b/sub/m.txt", ".hidden/x.txt"]:
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        write(d / rel, rel)
    assert sources([d]) == ["a.txt", "b/a.txt", "b/sub/m.txt", "b/z.txt", "c.md"]


def test_a_file_name_that_is_not_utf8_is_read_and_named_storably(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "w") as f:
        f.write(TEXT)
    (art,) = read_articles([str(tmp_path)])
    assert isinstance(art, Article) and art.text == TEXT
    for value in (art.source, art.title, art.url, art.id):
        value.encode("utf-8")  # a store, JSON and a terminal can take it


def test_a_5000_digit_integer_is_one_skipped_input(tmp_path):
    huge = "1" * 5000
    (tmp_path / "a.json").write_text('{"text": "%s", "n": %s}' % (TEXT, huge))
    (tmp_path / "b.jsonl").write_text('{"text": "%s"}\n{"text": "x", "n": %s}\n{"text": "%s Again."}\n'
                                      % (TEXT, huge, TEXT))
    (tmp_path / "c.txt").write_text(TEXT + " After.")
    items = list(read_articles([str(tmp_path)]))
    skipped = [i.source for i in items if isinstance(i, Skipped)]
    assert skipped == [str(tmp_path / "a.json"), f"{tmp_path / 'b.jsonl'}:2"]
    assert sum(isinstance(i, Article) for i in items) == 3
