"""Finding the claims of an article: typed subject-relation-object claims between table entities.

The finders (verbal.py, nominals.py, money.py, speech.py, affiliations.py) yield `Finding`s
over tokens; `find_claims` resolves them to the entity table's entities, applies the
ontology's constraints, polarity and confidence, merges duplicates, and lets list members
inherit their group's claims. Which words mean which relation is the lexicon's business.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.graph import Claim, Entity, Evidence
from newsgraph.graph.ontology import ACTOR_LABELS, AGREEING, RELATED_TO, allowed

from .affiliations import affiliations
from .clauses import pobj_of, prep_children
from .confidence import confidence
from .findings import Finding
from .lexicon import Lexicon, Sense, load_lexicon
from .mentions import EntityTable, Mention
from .money import money_findings
from .nominals import modifier_findings, noun_findings, policy_author_findings
from .polarity import polarity
from .quotes import quote_stances, reported_stances
from .sentiment import judging
from .speech import quote_findings
from .tree import kids, release, tokens
from .verbal import verb_findings

RELATED_FACTOR = 0.6  # an untyped claim says little: rank it below typed ones found the same way


# ---------------------------------------------------------------- resolving tokens to entities


def _fallback(t: Token) -> Token | None:
    """A non-entity noun's apposition, possessor or "of" object: "the bill's limits" -> the bill."""
    if t.dep_ == "appos" and t.pos_ == "NOUN":  # "X, a lobby group funded by Y": the group is X
        return t.head
    for c in kids(t):
        if c.dep_ == "appos":  # "his half-brother, X,"
            return c
    for c in kids(t):
        if c.dep_ == "poss":
            return c
    for word in ("of", "by"):  # "the impact of X", "the decision by X, which overturned ..."
        for p in prep_children(t, word):
            return pobj_of(p)
    for c in kids(t):  # "expanding the program": a gerund's object
        if c.dep_ == "dobj" and t.pos_ == "VERB":
            return c
    return None


def _members(t: Token, lex: Lexicon) -> list[tuple[Token, tuple[str, ...]]]:
    """`t`, its conjuncts and the members it introduces ("critics, including X and Y")."""
    out: list[tuple[Token, tuple[str, ...]]] = [(t, ())]
    for c in t.conjuncts:
        out.append((c, ("conj",)))
    for base, _ in list(out):
        for p in prep_children(base):
            if p.lower_ in lex.inclusion_preps:
                o = pobj_of(p)
                if o is None and p.lower_ == "such":  # "such as X"
                    o = next((pobj_of(a) for a in kids(p) if a.lower_ == "as" and pobj_of(a)), None)
                if o is not None:
                    out.append((o, ("conj",)))
                    out.extend((c, ("conj",)) for c in o.conjuncts)
    return out


PRONOUN_LABELS = {"he": ("Person",), "she": ("Person",), "it": ("Organization", "Place", "Group", "Policy"),
                  "they": ("Organization", "Group", "Place"), "we": ("Organization", "Group", "Place")}


def _agrees(pron: Token, label: str) -> bool:
    return label in PRONOUN_LABELS.get(pron.lower_, ())


def _speaker(t: Token, lex: Lexicon) -> Token | None:
    """An unresolved subject pronoun of reported speech is the speaker: "The union said it will sue"."""
    if t.pos_ != "PRON" or t.lower_ not in PRONOUN_LABELS or t.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = t.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in lex.speech_verbs:
        return None
    return next((c for c in kids(clause.head) if c.dep_ == "nsubj"), None)


def innermost_mentions(table: EntityTable) -> dict[int, Mention]:
    """Token index -> the shortest mention covering it.

    The table keeps the first mention per token; when a long mention swallows a name
    ("legislation that would outlaw the app"), an argument inside it means the inner name.
    """
    inner: dict[int, Mention] = {}
    for m in table.mentions:
        for i in range(m.start, m.end):
            old = inner.get(i)
            if old is None or (m.end - m.start) < (old.end - old.start):
                inner[i] = m
    return inner


def resolve(t: Token, table: EntityTable, lex: Lexicon,
            inner: dict[int, Mention] | None = None) -> list[tuple[Entity, Token, tuple[str, ...]]]:
    """The entities an argument token stands for, with cues saying how indirectly."""
    def mention_of(tok: Token) -> Mention | None:
        return (inner.get(tok.i) if inner is not None else None) or table.mention_at(tok.i)

    out = []
    seen: set[int] = set()
    for m, cues in _members(t, lex):
        mention, tok = mention_of(m), m
        extra: tuple[str, ...] = ()
        if mention is None:
            fb = _fallback(m)
            if fb is not None:
                mention, tok, extra = mention_of(fb), fb, ("fallback",)
        if mention is None:
            sp = _speaker(m, lex)
            sm = mention_of(sp) if sp is not None else None
            if sp is not None and sm is not None and _agrees(m, sm.entity.label):
                mention, tok, extra = sm, sp, ("pronoun",)
        if mention is None or id(mention.entity) in seen:
            continue
        e = mention.entity
        seen.add(id(e))
        if mention.kind == "pronoun":
            extra = extra + ("pronoun",)
        elif mention.kind == "description":
            extra = extra + ("coref",)
        out.append((e, tok, cues + extra))
    return out


# ---------------------------------------------------------------- from findings to claims


def _allowed(rel: str, sense: Sense, s: Entity, o: Entity) -> bool:
    return sense.fits(s.label, o.label) and allowed(rel, s.label, o.label)


def _span(tokens: list[Token], table: EntityTable) -> tuple[int, int]:
    """Character span covering the claim's tokens (whole mentions for the arguments)."""
    starts, ends = [], []
    for t in tokens:
        m = table.mention_at(t.i)
        first, last = (t.doc[m.start], t.doc[m.end - 1]) if m is not None else (t, t)
        starts.append(first.idx)
        ends.append(last.idx + len(last.text))
    return min(starts), max(ends)


def _surface(tokens: tuple[Token, ...]) -> str:
    return " ".join(t.text for t in tokens)


class ClaimSet:
    """Claims of one article, merged by (subject, relation, object, role, predicate)."""

    def __init__(self, article: str):
        self.article = article
        self.claims: dict[tuple, Claim] = {}
        self.by_sentence: dict[int, list[tuple[Claim, Evidence]]] = {}

    def add(self, s: Entity, rel: str, o: Entity, ev: Evidence, sent_start: int, role: str = "",
            predicate: str = "") -> None:
        key = (s.name, s.label, rel, o.name, o.label, role, predicate)
        claim = self.claims.get(key)
        if claim is None:
            claim = self.claims[key] = Claim(s.name, s.label, rel, o.name, o.label, [], role=role,
                                             predicate=predicate)
        for i, old in enumerate(claim.evidence):
            if (old.start, old.end) == (ev.start, ev.end):
                if ev.confidence > old.confidence:
                    claim.evidence[i] = ev
                break
        else:
            claim.evidence.append(ev)
            self.by_sentence.setdefault(sent_start, []).append((claim, ev))


def _quoted(t: Token) -> bool:
    """Whether `t` stands inside a quotation of its sentence.

    Curly quotes say which way they go; a straight quote toggles, except one that opens the
    sentence and is followed by a line break: the close of the previous paragraph's quote.
    """
    inside = False
    doc = tokens(t.doc)
    start = t.sent.start
    for i in range(start, t.i):
        text = doc[i].text
        if text in ("\u201c", "\u00ab"):
            inside = True
        elif text in ("\u201d", "\u00bb"):
            inside = False
        elif text in ('"', "``", "''"):
            if i == start and i + 1 < len(doc) and doc[i + 1].is_space:
                continue
            inside = not inside
    return inside


def _reported(t: Token, lex: Lexicon) -> bool:
    """Whether `t` is in a clause someone is reported to have said ("X said Y opposes Z")."""
    for _ in range(4):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.speech_verbs:
            return True
        if t.head == t:
            return False
        t = t.head
    return False


def _emit(f: Finding, table: EntityTable, lex: Lexicon, out: ClaimSet, inner: dict[int, Mention]) -> None:
    """Resolve a finding to entities and add its claims (typed, or RELATED_TO when not the claim)."""
    subjects = resolve(f.subject, table, lex, inner)
    if not subjects:
        return
    objects = resolve(f.object, table, lex, inner)
    if not objects:
        return
    pol = polarity(f.pred, lex) if not f.polarity_free else None
    negated, hedged = (pol.negated, pol.hedged) if pol else (False, False)
    sent: Span = f.pred.sent
    quoted = f.base != "quote" and _quoted(f.pred)
    reported = f.base != "quote" and not quoted and _reported(f.pred, lex)
    surface = _surface(f.surface)
    for s, st, scues in subjects:
        for o, ot, ocues in objects:
            if s == o or s.name == o.name:
                continue
            cues = (f.cues + scues + ocues + (("hedged",) if hedged else ()) + (("quoted",) if quoted else ())
                    + (("reported",) if reported else ()))
            start, end = _span([st, ot, *f.surface], table)
            typed = [(sense.type, sense) for sense in f.senses
                     if _allowed(sense.type, sense, *((o, s) if sense.reverse else (s, o)))]
            if negated and pol is not None and pol.refusal and any(r in AGREEING for r, _ in typed):
                # "refused to back X": refusal is opposition (ONTOLOGY.md conventions)
                ev = Evidence(out.article, sent.text, start, end, surface, confidence(f.base, cues + ("complement",)))
                out.add(s, "OPPOSES", o, ev, sent.start)
                continue
            if not typed and not negated and f.base == "unknown" and judging(f.pred.lemma_.lower()) \
                    and s.label in ACTOR_LABELS:
                # a verb the lexicon lacks that a general sentiment lexicon calls a harsh judgement
                # ("lashed the act"): its object is criticized
                ev = Evidence(out.article, sent.text, start, end, surface, confidence("unknown", cues) * 2)
                out.add(s, "CRITICIZES", o, ev, sent.start)
                continue
            if typed and not negated:
                for rel, sense in typed:
                    ev = Evidence(out.article, sent.text, start, end, surface, confidence(f.base, cues),
                                  negated=False, hedged=hedged)
                    a, b = (o, s) if sense.reverse else (s, o)
                    out.add(a, rel, b, ev, sent.start, role=f.role or sense.role)
                continue
            # Not the claim: negated ("did not oppose"), or a verb whose reading does not fit these
            # entities ("pushed Microsoft"), or a verb the lexicon does not know. Kept as RELATED_TO;
            # the readings that only exist as typed claims (titles, quotes, money ...) are dropped.
            if not negated and f.base not in ("verb", "passive", "unknown"):
                continue
            # the normalized predicate: lemmas ("did not vote against" -> "not vote against")
            lemmas = f.pred.lemma_ if f.base == "unknown" else " ".join(t.lemma_ for t in f.surface)
            pred = ("not " if negated else "") + lemmas.lower()
            conf = confidence(f.base, cues + ("constraint",)) * RELATED_FACTOR
            ev = Evidence(out.article, sent.text, start, end, surface, conf, negated=negated, hedged=hedged)
            out.add(s, RELATED_TO, o, ev, sent.start, predicate=pred)


def _list_members(doc: Doc, table: EntityTable, lex: Lexicon, out: ClaimSet) -> None:
    """"X opposed the bill. Those included A and B": each member inherits the group's claims."""
    sents = list(doc.sents)
    for prev, sent in zip(sents, sents[1:]):
        low = sent.text.lower().lstrip()
        if not any(low.startswith(o) for o in lex.list_openers):
            continue
        inherited = [(c, ev) for c, ev in out.by_sentence.get(prev.start, ())
                     if c.relation not in (RELATED_TO, "AFFILIATED_WITH") and c.subject_label in ("Group",
                                                                                                  "Organization")]
        if not inherited:
            continue
        members = {}
        for i in range(sent.start, sent.end):
            m = table.mention_at(i)
            # members are named people or groups; an organization in the list is context ("a Senate candidate")
            if m is not None and m.kind in ("name", "alias", "acronym") and m.entity.label in ("Person", "Group"):
                members[(m.entity.name, m.entity.label)] = (m.entity, m)
        done = set()
        for e, m in members.values():
            for c, ev in inherited:
                if e.name in (c.subject, c.object) or (e.name, c.relation, c.object) in done:
                    continue
                done.add((e.name, c.relation, c.object))
                start = min(doc[m.start].idx, ev.start)
                end = max(doc[m.end - 1].idx + len(doc[m.end - 1].text), ev.end)
                new = Evidence(out.article, prev.text + " " + sent.text, start, end, ev.predicate,
                               confidence("member", ("hedged",) if ev.hedged else ()), hedged=ev.hedged)
                obj = Entity(c.object, c.object_label)
                out.add(e, c.relation, obj, new, sent.start, role=c.role)


def _quote_stances(doc: Doc, table: EntityTable, lex: Lexicon, out: ClaimSet) -> None:
    """The speaker of a clearly negative (positive) quotation criticizes (supports) what it names."""
    for st in (*quote_stances(doc, table, lex), *reported_stances(doc, table, lex)):
        if not allowed(st.relation, st.speaker.label, st.target.label):
            continue
        first, last = sorted((st.sentence, st.verb.sent), key=lambda s: s.start)
        text = first.text if first.start == last.start else doc[first.start:last.end].text
        start, end = _span([st.target_token, st.verb], table)
        ev = Evidence(out.article, text, start, end, st.verb.text,
                      confidence("quote", () if first.start == last.start else ("across",)))
        out.add(st.speaker, st.relation, st.target, ev, first.start)


def find_claims(doc: Doc, table: EntityTable, article: str) -> Iterator[Claim]:
    """Yield the claims the article states between entities of `table`."""
    lex = load_lexicon()
    out = ClaimSet(article)
    consumed: set[int] = set()
    inner = innermost_mentions(table)
    try:
        for f in money_findings(doc, lex, consumed):  # first: it claims the purpose clauses
            _emit(f, table, lex, out, inner)
        for gen in (verb_findings(doc, lex, consumed), noun_findings(doc, table, lex), modifier_findings(doc, lex),
                    policy_author_findings(doc, table, lex), quote_findings(doc, table, lex),
                    affiliations(doc, table, lex)):
            for f in gen:
                _emit(f, table, lex, out, inner)
        _list_members(doc, table, lex, out)
        _quote_stances(doc, table, lex, out)
    finally:
        release(doc)
    yield from out.claims.values()
