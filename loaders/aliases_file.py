"""The aliases file: the analyst's merges and splits as YAML, to edit by hand and keep in version control.

It lives beside the store (`newsgraph.db` -> `newsgraph.aliases.yaml`), or where $NEWSGRAPH_ALIASES
or `--aliases FILE` says. A missing file is no rules. A malformed one is one line naming the file
and the line, and nothing is read or changed.

    # newsgraph aliases ...
    merge:
    - alias: property tax cap
      into: Measure 31
      label: Policy
    split:
    - Labour Party
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from newsgraph.graph import LABELS, normalize
from newsgraph.graph.aliases import AliasRules, Merge
from newsgraph.graph.errors import AliasError

from .atomic import atomic_path

ALIASES_ENV = "NEWSGRAPH_ALIASES"
HEADER = """\
# newsgraph aliases: the analyst's corrections to who is who, applied to the store at once and to
# every later build (`newsgraph alias merge|split|list`; editing by hand works too).
# merge: entities called `alias` are the node `into` (of `label`); split: names that join no other name.
"""


def default_aliases_path(store_path: Path) -> Path:
    """$NEWSGRAPH_ALIASES, else the store's name with `.aliases.yaml` beside it."""
    env = os.environ.get(ALIASES_ENV)
    if env:
        return Path(env).expanduser()
    return store_path.with_name(f"{store_path.stem}.aliases.yaml")


def read_rules(path: Path) -> AliasRules:
    """The rules in `path` (none when it does not exist), checked: AliasError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AliasRules()
    except (OSError, UnicodeDecodeError) as e:
        raise AliasError(f"{path}: cannot read the aliases file ({getattr(e, 'strerror', None) or e})") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise AliasError(f"{path}{line}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    return _rules(path, root)


def _fail(path: Path, node: yaml.Node, what: str) -> AliasError:
    return AliasError(f"{path}, line {node.start_mark.line + 1}: {what}")


def _text(path: Path, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str) or not normalize(node.value):
        raise _fail(path, node, f"{what} must be a name")
    return node.value.strip()


def _rules(path: Path, root: yaml.Node | None) -> AliasRules:
    rules = AliasRules()
    if root is None:
        return rules
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, root, "expected `merge:` and `split:` lists")
    seen: dict[str, str] = {}
    for key_node, value in root.value:
        key = key_node.value
        if key not in ("merge", "split"):
            raise _fail(path, key_node, f"unknown section {key!r} (expected merge or split)")
        if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
            continue
        if not isinstance(value, yaml.SequenceNode):
            raise _fail(path, value, f"`{key}:` must be a list")
        for item in value.value:
            if key == "split":
                name = _text(path, item, "a split")
                if normalize(name) in seen:
                    raise _fail(path, item, f"{name!r} is named twice (already in {seen[normalize(name)]})")
                seen[normalize(name)] = "split"
                rules.splits.append(name)
                continue
            if not isinstance(item, yaml.MappingNode):
                raise _fail(path, item, "a merge must have `alias`, `into` and `label`")
            fields = {k.value: v for k, v in item.value}
            for missing in ("alias", "into", "label"):
                if missing not in fields:
                    raise _fail(path, item, f"a merge must have `{missing}`")
            unknown = set(fields) - {"alias", "into", "label"}
            if unknown:
                raise _fail(path, item, f"unknown field {sorted(unknown)[0]!r} in a merge")
            alias, into = _text(path, fields["alias"], "`alias`"), _text(path, fields["into"], "`into`")
            label = _text(path, fields["label"], "`label`")
            if label not in LABELS:
                raise _fail(path, fields["label"], f"label {label!r} is not one of {', '.join(LABELS)}")
            if normalize(alias) == normalize(into):
                raise _fail(path, item, f"{alias!r} is merged into itself")
            if normalize(alias) in seen:
                raise _fail(path, item, f"{alias!r} is named twice (already in {seen[normalize(alias)]})")
            seen[normalize(alias)] = "merge"
            rules.merges.append(Merge(alias, into, label))
    return rules


def write_rules(path: Path, rules: AliasRules) -> None:
    """The rules to `path`, whole or not at all (a kill mid-write leaves the previous file)."""
    data: dict = {}
    if rules.merges:
        data["merge"] = [{"alias": m.alias, "into": m.into, "label": m.label} for m in rules.merges]
    if rules.splits:
        data["split"] = list(rules.splits)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False) if data else ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            tmp.write_text(HEADER + body, encoding="utf-8")
    except OSError as e:
        raise AliasError(f"{path}: cannot write the aliases file ({e.strerror or e})") from None
