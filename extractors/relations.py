"""Finding the claims of an article: typed subject-relation-object claims between table entities.

Finders (verbs, claim nouns, compound modifiers, money, quotes, affiliations, policy
authors, list members) yield `Finding`s over tokens; `find_claims` resolves them to the
entity table's entities, applies the ontology's constraints, polarity and confidence, and
merges duplicates. Which words mean which relation is the lexicon's business (lexicon.json).
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.graph import Claim, Entity, Evidence
from newsgraph.graph.ontology import RELATED_TO

from .affiliations import affiliations
from .clauses import (Arg, Predication, match_verb, noun_subject, object_of, pobj_of, predications, prep_children,
                      subject_of)
from .confidence import confidence
from .findings import Finding
from .lexicon import ACTORS, Lexicon, Sense, load_lexicon
from .mentions import EntityTable
from .polarity import polarity

# The ontology's constraints on arguments (ONTOLOGY.md), whatever word stated the claim.
OBJECT_LABELS = {"PROPOSES": ("Policy",), "APPROVES": ("Policy",), "AFFILIATED_WITH": ("Organization", "Place")}
SUBJECT_LABELS = {"TARGETS": ("Policy",), "AFFILIATED_WITH": ("Person", "Group")}
DEFAULT_SUBJECT_LABELS = ACTORS  # a policy does not support, fund or criticize anyone
MONEY_WORDS = frozenset({"money", "cash", "funds", "fortune", "million", "millions", "billion", "billions", "sum"})
QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"})


# ---------------------------------------------------------------- resolving tokens to entities

def _fallback(t: Token) -> Token | None:
    """A non-entity noun's possessor or "of" object: "the bill's limits" -> the bill."""
    for c in t.children:
        if c.dep_ == "poss":
            return c
    for p in prep_children(t, "of"):
        return pobj_of(p)
    for c in t.children:  # "expanding the program": a gerund's object
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
                    o = next((pobj_of(a) for a in p.children if a.lower_ == "as" and pobj_of(a)), None)
                if o is not None:
                    out.append((o, ("conj",)))
                    out.extend((c, ("conj",)) for c in o.conjuncts)
    return out


def resolve(t: Token, table: EntityTable, lex: Lexicon) -> list[tuple[Entity, Token, tuple[str, ...]]]:
    """The entities an argument token stands for, with cues saying how indirectly."""
    out = []
    seen: set[int] = set()
    for m, cues in _members(t, lex):
        e, tok, extra = table.entity_of(m), m, ()
        if e is None:
            fb = _fallback(m)
            if fb is not None:
                e, tok, extra = table.entity_of(fb), fb, ("fallback",)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        mention = table.mention_at(tok.i)
        if mention is not None and mention.kind in ("pronoun", "description"):
            extra = extra + ("coref",)
        out.append((e, tok, cues + extra))
    return out


# ---------------------------------------------------------------- finders over the parse

def _chain_surface(v: Token, surface: tuple[Token, ...]) -> tuple[Token, ...]:
    """Add governing complement verbs to the surface predicate: "vowed to hunt down"."""
    toks = list(surface)
    t = v
    while t.dep_ == "xcomp" and t.head is not t:
        toks += [c for c in t.children if c.dep_ == "aux" and c.lower_ == "to"]
        t = t.head
        toks.append(t)
    return tuple(sorted(set(toks), key=lambda x: x.i))


def _rewrite(v: Token, senses: tuple[Sense, ...], lex: Lexicon) -> tuple[tuple[Sense, ...], tuple[str, ...]]:
    """A governing verb or noun may retype a complement: "threatened to sue" -> THREATENS."""
    h = v.head
    if v.dep_ not in ("xcomp", "acl", "ccomp", "advcl") or h is v:
        return senses, ()
    rules = lex.complements.get(h.lemma_.lower()) or lex.complements.get(h.lower_)
    if not rules:
        return senses, ()
    out = []
    for s in senses:
        new = rules.get(s.type) or rules.get("*")
        out.append(Sense(new, subject_labels=ACTORS) if new else s)
    if not senses and "*" in rules:
        out.append(Sense(rules["*"], subject_labels=ACTORS))
    return tuple(out), ("complement",)


def _money_object(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "dobj":
            if c.ent_type_ == "MONEY" or c.lower_ in MONEY_WORDS or any(t.tag_ == "$" for t in c.subtree):
                return c
    return None


def _purpose_verbs(v: Token) -> Iterator[Token]:
    """Verbs of "to ..." purpose clauses of `v`: "gave $5M to pass X and oppose Y", "to try to defeat X"."""
    for c in v.children:
        if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            stack = [c]
            while stack:
                p = stack.pop()
                yield p
                stack.extend(x for x in p.children if x.dep_ in ("conj", "xcomp") and x.pos_ == "VERB")


def money_findings(doc: Doc, lex: Lexicon, consumed: set[int]) -> Iterator[Finding]:
    """FUNDS (or OPPOSES when spent against) from money verbs; purpose clauses say what the money was for."""
    for v in doc:
        if v.pos_ != "VERB" or v.lemma_.lower() not in lex.money_verbs:
            continue
        money = _money_object(v)
        if money is None:
            continue
        subj = subject_of(v, lex)
        if subj is None:
            continue
        for p in prep_children(v):
            rel = lex.money_preps.get(p.lower_)
            o = pobj_of(p)
            if rel and o is not None:
                yield Finding(subj.token, o, (Sense(rel),), v, (v, money, p), "money", (subj.how,))
        for pv in _purpose_verbs(v):
            consumed.add(pv.i)
            key, prep, surface = match_verb(pv, lex)
            obj = object_of(pv, prep.lower_ if prep is not None else None)
            if obj is None:
                continue
            for s in lex.verb(key):
                for rel in lex.money_purpose.get(s.type, ()):
                    yield Finding(subj.token, obj.token, (Sense(rel),), pv, (v, money, *surface), "purpose",
                                  (subj.how,))


def verb_findings(doc: Doc, lex: Lexicon, consumed: set[int]) -> Iterator[Finding]:
    """Claims stated by verbs: active, passive, complements, relative and participial clauses."""
    for pr in predications(doc, lex):
        if pr.pred.i in consumed or pr.subject is None or pr.object is None:
            continue
        senses, cues = _rewrite(pr.pred, pr.senses, lex)
        words = {c.lower_ for c in pr.pred.children}
        if senses and any(s.modifiers for s in senses):
            senses = tuple(Sense(s.retyped(words), s.object_labels, s.subject_labels, role=s.role) for s in senses)
        lemma = pr.pred.lemma_.lower()
        if not senses and (lemma in lex.speech_verbs or lemma in lex.naming_verbs):
            continue  # the quote finder reads these
        base = "passive" if pr.passive else ("verb" if senses else "unknown")
        yield Finding(pr.subject.token, pr.object.token, senses, pr.pred, _chain_surface(pr.pred, pr.surface),
                      base, cues + (pr.subject.how, pr.object.how))


def _referent(noun: Token) -> Token | None:
    """Who an agent noun describes: "X was a supporter", "X, an opponent of", "the backers are X"."""
    t = noun
    for _ in range(4):  # through coordination, and a misparse hanging it on a prepositional object
        if t.dep_ == "conj" and t.head is not t:
            t = t.head
        elif t.dep_ == "pobj" and t.head.head.dep_ in ("appos", "attr") and noun is not t:
            t = t.head.head
        else:
            break
    if t.dep_ == "attr":
        return next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if t.dep_ == "appos":
        return t.head
    if t.dep_ == "nsubj":
        return next((c for c in t.head.children if c.dep_ == "attr"), None)
    return None


def _noun_args(noun: Token, ns, lex: Lexicon) -> Iterator[tuple[Token, tuple[Sense, ...], Token]]:
    """(object token, senses, preposition) for each object preposition of a claim noun."""
    holders = [noun]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.light_verbs:
        holders.append(noun.head)  # "filed a lawsuit against X": the parser hangs "against" on the verb
    for h in holders:
        for p in prep_children(h):
            senses = ns.objects.get(p.lower_)
            o = pobj_of(p)
            if senses and o is not None:
                yield o, senses, p


def _nearest_verb(t: Token) -> Token | None:
    for _ in range(5):
        if t.head is t:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def noun_findings(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[Finding]:
    """Claims stated by nouns: "opposition to", "a lawsuit against", "a supporter of", "criticism from"."""
    for noun in doc:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        ns = lex.nouns.get(noun.lemma_.lower()) or lex.nouns.get(noun.lower_)
        if ns is None:
            continue
        amods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
        retype = next((r for w, r in ns.modifiers if w in amods), "")
        # the subject
        subj, cues = None, ()
        if ns.agent:
            if table.entity_of(noun) is not None:
                subj = noun
            else:
                subj = _referent(noun)
        elif ns.self_subject:
            subj = noun
        else:
            holder = noun
            if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
                holder = noun.head.head  # "a wave of criticism from X"
            a = noun_subject(noun, lex) or (noun_subject(holder, lex) if holder is not noun else None)
            if a is not None:
                subj = a.token
            else:
                v = _nearest_verb(holder)
                if v is not None and v.lemma_.lower() not in lex.receiving_verbs:
                    s = subject_of(v, lex)
                    if s is not None:
                        light = holder.dep_ == "dobj" and v.lemma_.lower() in lex.light_verbs and holder.head is v
                        subj, cues = s.token, (s.how, "light" if light else "climbed")
        if subj is None:
            continue
        found = False
        for o, senses, p in _noun_args(noun, ns, lex):
            if retype:
                senses = tuple(Sense(retype, s.object_labels, s.subject_labels) for s in senses)
            found = True
            yield Finding(subj, o, senses, noun, (noun, p), "agent_noun" if ns.agent else "noun", cues)
        if found:
            continue
        if ns.agent:  # "that measure's top financial backers are X"
            poss = next((c for c in noun.children if c.dep_ == "poss"), None)
            first = next(iter(ns.objects.values()), ())
            if poss is not None and first:
                senses = tuple(Sense(retype or s.type, s.object_labels, s.subject_labels) for s in first)
                yield Finding(subj, poss, senses, noun, (noun,), "agent_noun", cues)
        elif ns.event_object:  # "X's remarks drew criticism from Y": Y criticizes X
            holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
            v = holder.head
            if holder.dep_ == "dobj" and v.lemma_.lower() in lex.receiving_verbs:
                s = subject_of(v, lex)
                if s is not None:
                    yield Finding(subj, s.token, (Sense(ns.event_object),), noun, (v, noun), "noun",
                                  (s.how, "climbed"))


def modifier_findings(doc: Doc, lex: Lexicon) -> Iterator[Finding]:
    """"Soros-backed prosecutor": a hyphenated participle names the subject of a claim about its noun."""
    for t in doc:
        rel = lex.modifiers.get(t.lemma_.lower())
        if not rel or t.dep_ not in ("amod", "compound") or t.tag_ not in ("VBN", "JJ"):
            continue
        if t.i == 0 or doc[t.i - 1].text != "-":
            continue
        subj = next((c for c in t.children if c.i < t.i and c.dep_ in ("npadvmod", "compound", "nmod", "advmod",
                                                                        "nsubj", "dep")), None)
        if subj is None:
            subj = doc[t.i - 2] if t.i >= 2 else None
        if subj is None:
            continue
        yield Finding(subj, t.head, (Sense(rel),), t, (doc[t.i - 1], t), "modifier")


def policy_author_findings(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[Finding]:
    """"X's plan", "the government's bill", "proposals by X": whoever a policy belongs to proposed it."""
    for m in table.mentions:
        if m.entity.label != "Policy":
            continue
        root = doc[m.start:m.end].root
        for c in root.children:
            if c.dep_ == "poss":
                yield Finding(c, root, (Sense("PROPOSES"),), c, (c,), "policy_author")
        for p in prep_children(root):
            if p.lower_ in lex.author_preps:
                o = pobj_of(p)
                if o is not None:
                    yield Finding(o, root, (Sense("PROPOSES"),), p, (p,), "policy_author")


def _critical(tokens, lex: Lexicon) -> bool:
    return any(t.lower_ in lex.critical_words or t.lemma_.lower() in lex.critical_words for t in tokens)


def quote_findings(doc: Doc, table: EntityTable, lex: Lexicon) -> Iterator[Finding]:
    """Reported speech: a critical quote makes its speaker criticize what it is about."""
    for v in doc:
        if v.pos_ != "VERB":
            continue
        lemma = v.lemma_.lower()
        if lemma in lex.naming_verbs:  # 'X called ICE agents "wannabe Nazis"'
            subj = subject_of(v, lex)
            args = [c for c in v.children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp")]
            quoted = any(t.text in QUOTES for t in v.subtree)
            target = next((a for a in args if table.entity_of(a) is not None), None)
            if subj is not None and target is not None and (quoted or _critical(v.subtree, lex)):
                yield Finding(subj.token, target, (Sense("CRITICIZES"),), v, (v,), "quote", (subj.how,))
            continue
        if lemma not in lex.speech_verbs:
            continue
        subj = subject_of(v, lex)
        if subj is None:
            continue
        sent = v.sent
        abouts = []
        # "said X, speaking of Y": the participle hangs on the verb or on the speaker
        holders = [v, *(c for c in (*v.children, *subj.token.children) if c.tag_ == "VBG" and c.pos_ == "VERB")]
        for h in holders:
            for p in prep_children(h):
                if p.lower_ in lex.about_preps:
                    o = pobj_of(p)
                    if o is not None:
                        abouts.append(o)
        comps = [c for c in v.children if c.dep_ == "ccomp"]
        if not _critical(sent, lex):
            continue
        if abouts:
            for o in abouts:
                yield Finding(subj.token, o, (Sense("CRITICIZES"),), v, (v,), "quote", (subj.how,))
            continue
        for c in comps:  # '"X has failed," said Y': the quote's grammatical subject is what it is about
            s = next((a for a in c.children if a.dep_ in ("nsubj", "nsubjpass")), None)
            if s is not None and _critical(c.subtree, lex):
                yield Finding(subj.token, s, (Sense("CRITICIZES"),), v, (v,), "quote", (subj.how,))


# ---------------------------------------------------------------- from findings to claims

def _allowed(rel: str, sense: Sense, s: Entity, o: Entity) -> bool:
    if not sense.fits(s.label, o.label):
        return False
    if o.label not in OBJECT_LABELS.get(rel, (o.label,)):
        return False
    return s.label in SUBJECT_LABELS.get(rel, DEFAULT_SUBJECT_LABELS)


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


def _emit(f: Finding, table: EntityTable, lex: Lexicon, out: ClaimSet) -> None:
    subjects = ([(f.subject_entity, f.subject, ("member",))] if f.subject_entity is not None
                else resolve(f.subject, table, lex))
    if not subjects:
        return
    objects = resolve(f.object, table, lex)
    if not objects:
        return
    pol = polarity(f.pred, lex) if not f.polarity_free else None
    negated, hedged = (pol.negated, pol.hedged) if pol else (False, False)
    sent: Span = f.pred.sent
    surface = _surface(f.surface)
    for s, st, scues in subjects:
        for o, ot, ocues in objects:
            if s is o or s.name == o.name:
                continue
            cues = f.cues + scues + ocues + (("hedged",) if hedged else ())
            start, end = _span([st, ot, *f.surface], table)
            typed = [(sense.type, sense) for sense in f.senses if _allowed(sense.type, sense, s, o)]
            if negated or not typed:
                if f.base in ("quote", "title", "appos", "possessive", "policy_author", "member", "purpose",
                              "modifier", "money") and not negated:
                    continue
                if not f.senses and f.base != "unknown":
                    continue
                verb = f.pred.lemma_.lower()
                pred = ("not " if negated else "") + (verb if f.base == "unknown" else surface.lower())
                ev = Evidence(out.article, sent.text, start, end, surface, confidence(f.base, cues + ("constraint",)) * 0.6,
                              negated=negated, hedged=hedged)
                out.add(s, RELATED_TO, o, ev, sent.start, predicate=pred)
                continue
            for rel, sense in typed:
                ev = Evidence(out.article, sent.text, start, end, surface, confidence(f.base, cues),
                              negated=False, hedged=hedged)
                out.add(s, rel, o, ev, sent.start, role=f.role or sense.role)


def _list_members(doc: Doc, table: EntityTable, lex: Lexicon, out: ClaimSet) -> None:
    """"X voted against the bill. Among them were A and B": each member inherits the group's claims."""
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
            if m is not None and m.entity.label in ("Person", "Group", "Organization"):
                members[id(m.entity)] = (m.entity, m)
        for e, m in members.values():
            for c, ev in inherited:
                if e.name in (c.subject, c.object):
                    continue
                start = min(doc[m.start].idx, ev.start)
                end = max(doc[m.end - 1].idx + len(doc[m.end - 1].text), ev.end)
                new = Evidence(out.article, prev.text + " " + sent.text, start, end, ev.predicate,
                               confidence("member", ("hedged",) if ev.hedged else ()), hedged=ev.hedged)
                obj = Entity(c.object, c.object_label)
                out.add(e, c.relation, obj, new, sent.start, role=c.role)


def find_claims(doc: Doc, table: EntityTable, article: str) -> Iterator[Claim]:
    """Yield the claims the article states between entities of `table`."""
    lex = load_lexicon()
    out = ClaimSet(article)
    consumed: set[int] = set()
    finders = [money_findings(doc, lex, consumed)]  # first: it claims the purpose clauses
    for f in finders[0]:
        _emit(f, table, lex, out)
    for gen in (verb_findings(doc, lex, consumed), noun_findings(doc, table, lex), modifier_findings(doc, lex),
                policy_author_findings(doc, table, lex), quote_findings(doc, table, lex),
                affiliations(doc, table, lex)):
        for f in gen:
            _emit(f, table, lex, out)
    _list_members(doc, table, lex, out)
    yield from out.claims.values()
