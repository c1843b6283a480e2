"""Gold-format articles (ONTOLOGY.md, "Gold files"): what `train` learns from and `evaluate` scores against.

One JSON object a file: the article (`id`, `text`, optional `title`, `date`) with its
`entities` (name, type, aliases) and `triples` (subject, relation, object, evidence,
optional). A malformed file is a `GoldError` naming the file and the key, never a traceback.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from newsgraph.graph import Article, LABELS, RELATIONS, normalize
from newsgraph.graph.errors import NewsgraphError


class GoldError(NewsgraphError):
    """A gold-format file that cannot be used for training or evaluation."""

    code = "E008"


@dataclass(frozen=True)
class GoldTriple:
    subject: str
    relation: str
    object: str
    evidence: str = ""
    optional: bool = False


@dataclass
class GoldArticle:
    """One annotated article; `resolve` maps any surface name to the gold entities it may mean."""

    article: Article
    types: dict[str, str]  # entity name -> label
    triples: list[GoldTriple]
    alias: dict[str, set[str]] = field(repr=False)  # normalized name or alias -> entity names
    path: str = ""

    def resolve(self, name: str) -> set[str]:
        """The gold entity names `name` may stand for, by the ontology's matching rule."""
        return self.alias.get(normalize(name), set())

    @property
    def required(self) -> set[tuple[str, str, str]]:
        return {(t.subject, t.relation, t.object) for t in self.triples if not t.optional}

    @property
    def optional(self) -> set[tuple[str, str, str]]:
        return {(t.subject, t.relation, t.object) for t in self.triples if t.optional} - self.required


def _need(obj: dict, key: str, kind: type, where: str) -> object:
    if key not in obj:
        raise GoldError(f"{where}: missing key {key!r}")
    value = obj[key]
    if not isinstance(value, kind):
        raise GoldError(f"{where}: key {key!r} must be a {kind.__name__}")
    return value


def parse_gold(data: object, where: str) -> GoldArticle:
    """A `GoldArticle` from one decoded JSON object; `where` names it in errors."""
    if not isinstance(data, dict):
        raise GoldError(f"{where}: not a JSON object")
    text = _need(data, "text", str, where)
    aid = _need(data, "id", str, where)
    types: dict[str, str] = {}
    alias: dict[str, set[str]] = {}
    ent: object
    for i, ent in enumerate(_need(data, "entities", list, where)):  # type: ignore[arg-type]
        w = f"{where}: entities[{i}]"
        if not isinstance(ent, dict):
            raise GoldError(f"{w}: not an object")
        name, label = _need(ent, "name", str, w), _need(ent, "type", str, w)
        if label not in LABELS:
            raise GoldError(f"{w}: type {label!r} is not one of {', '.join(LABELS)}")
        types[name] = label  # type: ignore[index]
        for a in [name, *ent.get("aliases", [])]:
            if isinstance(a, str) and normalize(a):
                alias.setdefault(normalize(a), set()).add(name)  # type: ignore[arg-type]
    triples = []
    t: object
    for i, t in enumerate(_need(data, "triples", list, where)):  # type: ignore[arg-type]
        w = f"{where}: triples[{i}]"
        if not isinstance(t, dict):
            raise GoldError(f"{w}: not an object")
        s, r, o = (_need(t, k, str, w) for k in ("subject", "relation", "object"))
        for end, name in (("subject", s), ("object", o)):
            if name not in types:
                raise GoldError(f"{w}: {end} {name!r} is not an entity of the file")
        if r not in RELATIONS:
            raise GoldError(f"{w}: relation {r!r} is not an ontology type")
        triples.append(GoldTriple(s, r, o, str(t.get("evidence") or ""), bool(t.get("optional"))))  # type: ignore[arg-type]
    article = Article(text=text, id=aid, title=str(data.get("title") or ""),  # type: ignore[arg-type]
                      date=str(data.get("date") or ""))
    return GoldArticle(article, types, triples, alias, where)


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The `.json` files of folders (sorted) and the files named."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.glob("*.json"))
        elif p.is_file():
            files.append(p)
        else:
            raise GoldError(f"{p}: no such file or folder")
    return files


def read_gold(paths: Iterable[str | Path]) -> list[GoldArticle]:
    """Every gold article under `paths`; the first malformed file stops with a `GoldError`."""
    out: list[GoldArticle] = []
    seen: set[str] = set()
    for f in gold_files(paths):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            raise GoldError(f"{f}: cannot be read: {e}") from None
        except json.JSONDecodeError as e:
            raise GoldError(f"{f}: line {e.lineno}: not JSON: {e.msg}") from None
        g = parse_gold(data, str(f))
        if g.article.id in seen:
            raise GoldError(f"{f}: duplicate article id {g.article.id!r}")
        seen.add(g.article.id)
        out.append(g)
    if not out:
        raise GoldError("no gold files (*.json) found")
    return out
