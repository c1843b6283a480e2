"""Generate benchmark corpora: many different news-like articles from a few paragraphs.

    .venv/bin/python bench/corpus.py OUT_DIR --articles 500 [--seed 0] [--examples examples]

Writes OUT_DIR/article-00000.txt ... (first line a title, then paragraphs) and prints
the article and word counts. The same arguments always give the same corpus.

Where the paragraphs come from:
- the project's own sample texts in `examples/` (*.txt, *.md), if there are any: their
  paragraphs are recombined across files and the people named after a title ("Senator
  Ana Ruiz") are renamed consistently per article, so articles differ;
- always, the templates below (sentences written for this benchmark): each slot
  ({P1}, {ORG1}, {LAW}, ...) is filled from pools of invented actors per article.
Never the evaluation (gold) texts.
"""
from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

FIRST = ["Maria", "James", "Aisha", "Daniel", "Elena", "Robert", "Priya", "Thomas", "Grace", "Samuel",
         "Nadia", "William", "Carmen", "Henry", "Lucia", "Marcus", "Helen", "Victor", "Irene", "Oscar",
         "Ruth", "Peter", "Sofia", "Arthur", "Leila", "George", "Hannah", "Felix", "Clara", "Edward"]
LAST = ["Alvarez", "Whitfield", "Okafor", "Brennan", "Castellano", "Lindqvist", "Harrington", "Mbeki",
        "Donovan", "Kowalski", "Ferreira", "Ashworth", "Nakamura", "Delgado", "Thornton", "Abernathy",
        "Villanueva", "Sorensen", "Pemberton", "Okonkwo", "Galloway", "Reinholt", "Marchetti", "Quinlan",
        "Hollister", "Vasquez", "Carrington", "Oyelaran", "Fairbanks", "Lindgren"]
TITLE = ["Senator", "Governor", "Mayor", "Representative", "Attorney General", "Secretary"]
ORG = ["{p} Teachers Union", "{p} Energy Corporation", "{p} Farmers Alliance", "{p} Chamber of Commerce",
       "{p} Health Network", "{p} Transit Authority", "Friends of {p}", "{p} Manufacturing Association",
       "{p} Civil Liberties Union", "{p} Housing Coalition", "{p} Water Board", "{p} Police Department"]
PLACE = ["Ohio", "Nevada", "Oregon", "Georgia", "Michigan", "Arizona", "Wisconsin", "Colorado",
         "Virginia", "Minnesota", "Kentucky", "Maine", "Iowa", "Kansas", "Vermont", "Montana"]
GROUP = ["Republicans", "Democrats", "Catholics", "Hispanics", "Europeans", "Canadians"]
LAW = ["Clean Rivers Act", "Fair Wages Act", "Rural Broadband Act", "Safe Schools Act",
       "Housing Affordability Act", "Border Security Act", "Water Rights Act", "Small Business Relief Act",
       "Public Transit Act", "Energy Independence Act", "Prescription Pricing Act", "Voting Access Act"]
TOPIC = ["the budget", "the pipeline", "the tax plan", "the school closures", "the highway project",
         "the minimum wage", "the water shortage", "the hospital merger", "the police contract"]

# Sentences written for this benchmark; slots are filled per article.
TEMPLATES = [
    "{T1} {P1} said on Tuesday that she opposes the {LAW}, calling it a costly mistake for families in "
    "{PL1}. Her office released a statement after a closed meeting with the {ORG1}.",
    "The {ORG1} endorsed {P2} on Monday, a week after {P2L} promised to fund new classrooms across {PL1}. "
    "Leaders of the union said the decision was unanimous.",
    "{P1L} criticized {P2} during a televised debate, accusing the governor of ignoring {TOPIC} for two "
    "years. {P2L} rejected the charge and said the record spoke for itself.",
    "Lawmakers in {PL1} approved the {LAW} by a narrow margin late Thursday. {T2} {P2} is expected to sign "
    "it next week, aides said.",
    "The {ORG2} sued the {ORG1} in federal court, arguing that the company had misled regulators about "
    "{TOPIC}. A spokesman for the {ORG1} declined to comment.",
    "{P3}, a spokeswoman for the {ORG2}, said the group would support the {LAW} only if it included money "
    "for {PL2}. \"We cannot back a bill that leaves rural towns behind,\" she said.",
    "Prosecutors in {PL2} are investigating the {ORG1} over payments linked to {TOPIC}, according to "
    "people familiar with the inquiry. No charges have been filed.",
    "{T1} {P1} threatened to block the {LAW} unless the {ORG2} agreed to new limits. \"This is not a "
    "negotiation,\" {P1L} told reporters outside the capitol.",
    "Many {GROUP} in {PL1} oppose the plan, a recent poll found, while a majority of younger voters "
    "support it. The survey was conducted by the {ORG2}.",
    "{P2L} proposed a compromise on Wednesday that would delay the {LAW} by a year. The {ORG1} welcomed "
    "the idea, but {P1L} said it did not go far enough.",
    "The {ORG3} has funded advertisements attacking {P1} for months. Campaign filings show the group "
    "spent more than two million dollars in {PL1} alone.",
    "{P3L} did not support the measure, saying it would hurt small businesses. She has criticized the "
    "{ORG3} before over {TOPIC}.",
    "{T2} {P2} accused the {ORG2} of spreading false claims about {TOPIC}. The group denied it and said "
    "it stood by its research.",
    "At a town hall in {PL2}, residents pressed {P1L} about {TOPIC}. Several said they had never heard "
    "of the {LAW} before this month.",
    "The {ORG1} praised {T2} {P2} for what it called steady leadership during the crisis. Officials from "
    "{PL1} and {PL2} met on Friday to coordinate the response.",
    "{P3}, who chairs the {ORG3}, said the organization may not endorse anyone this year. \"Our members "
    "are tired of promises,\" {P3L} said.",
    "Critics say the {LAW} would cost the state billions. Supporters, including {P1L} and the {ORG2}, say "
    "it would pay for itself within a decade.",
    "{P2L} vowed to veto any version of the bill that cut funding for {PL2}. The {ORG1} said it would "
    "oppose a veto and urged lawmakers to override it.",
    "The audit found that the {ORG3} had overstated its spending on {TOPIC}. {T1} {P1} called for an "
    "independent review.",
    "In a letter to members, the {ORG2} said it would challenge the {LAW} in court. {P3} signed the "
    "letter on behalf of the board.",
]


@dataclass
class Cast:
    """The actors of one article: what each slot of a template becomes."""

    slots: dict[str, str]
    renames: dict[str, str]  # a person in an example text -> a new name


def new_cast(rng: random.Random) -> Cast:
    firsts, lasts = rng.sample(FIRST, 3), rng.sample(LAST, 6)
    titles, orgs, places = rng.sample(TITLE, 2), rng.sample(ORG, 3), rng.sample(PLACE, 2)
    slots = {"T1": titles[0], "T2": titles[1], "LAW": rng.choice(LAW),
             "PL1": places[0], "PL2": places[1], "GROUP": rng.choice(GROUP), "TOPIC": rng.choice(TOPIC)}
    for i in range(3):
        slots[f"P{i + 1}"] = f"{firsts[i]} {lasts[i]}"
        slots[f"P{i + 1}L"] = lasts[i]
        slots[f"ORG{i + 1}"] = orgs[i].format(p=rng.choice(lasts[3:] + places))
    return Cast(slots, {})


_TITLED = re.compile(r"\b(?:Senator|Sen\.|Governor|Gov\.|Mayor|President|Representative|Rep\.|Mr\.|Ms\.|"
                     r"Mrs\.|Dr\.|Judge|Secretary|MP|Councillor|Commissioner|Minister)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})")


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def example_paragraphs(folder: Path) -> list[list[str]]:
    """The paragraphs of each sample text in `folder` (one list per file)."""
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".txt", ".md") and p.is_file()
                   and not p.name.upper().startswith("README"))  # notes about the samples, not news
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        text = _FRONT_MATTER.sub("", text).replace("**", "")
        paras = [p.strip() for p in re.split(r"\n\s*\n", text)]
        paras = [p for p in paras if len(p.split()) >= 12 and not p.startswith("#")]
        if paras:
            out.append(paras)
    return out


def rename_people(paras: list[str], file_paras: list[str], cast: Cast, rng: random.Random) -> list[str]:
    """Give the people titled anywhere in a sample file ("Senator Ana Ruiz") new names in `paras`.

    Names are looked up in the whole file, so "Ruiz" alone is renamed too; the same old
    name gets the same new one throughout an article.
    """
    for match in _TITLED.finditer("\n\n".join(file_paras)):
        name = match.group(1)
        if name not in cast.renames:
            new = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            cast.renames[name] = new
            parts = name.split()
            if len(parts) > 1:  # later mentions by surname alone follow the rename
                cast.renames.setdefault(parts[-1], new.split()[-1])
    # Longest first, so "Ana Ruiz" is replaced before "Ruiz".
    olds = sorted(cast.renames, key=len, reverse=True)
    if not olds:
        return paras
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, olds)) + r")\b")
    return [pattern.sub(lambda m: cast.renames[m.group(0)], p) for p in paras]


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def articles(n: int, seed: int = 0, examples: Path | None = EXAMPLES) -> Iterator[tuple[str, str]]:
    """(title, text) of `n` articles, deterministic for a seed."""
    rng = random.Random(seed)
    samples = example_paragraphs(examples) if examples else []
    for i in range(n):
        cast = new_cast(rng)
        paras = [t.format(**cast.slots) for t in rng.sample(TEMPLATES, rng.randint(7, 12))]
        if samples:
            # recombine: a few paragraphs from a few different sample files
            for file_paras in rng.sample(samples, min(len(samples), 3)):
                picked = rng.sample(file_paras, min(len(file_paras), 2))
                paras += rename_people(picked, file_paras, cast, rng)
        rng.shuffle(paras)
        title = f"{cast.slots['P1']} and the {cast.slots['LAW']}: report {i}"
        yield title, "\n\n".join(paras)


def write_corpus(out: Path, n: int, seed: int = 0, examples: Path | None = EXAMPLES) -> int:
    """Write `n` articles as .txt files under `out`; return the number of words written."""
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    for i, (title, text) in enumerate(articles(n, seed, examples)):
        (out / f"article-{i:05d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        words += len(text.split())
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--examples", type=Path, default=EXAMPLES, help="sample texts to recombine")
    args = ap.parse_args()
    words = write_corpus(args.out, args.articles, args.seed, args.examples)
    print(f"wrote {args.articles} articles, {words} words, to {args.out}")


if __name__ == "__main__":
    main()
