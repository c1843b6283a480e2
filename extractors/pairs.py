"""Candidate claims: every ordered pair of entities mentioned in one sentence, with what the claim model reads.

The entity table says where each entity is mentioned (names, aliases, pronouns and
descriptions resolved). For each sentence, each ordered pair of distinct entities becomes a
`PairCandidate` whose features describe how the text connects them: the dependency path
between the two mentions and the words on it, the lexicon's class and a general sentiment
lexicon's valence for those words (so an unseen verb of the same polarity is not a blank),
voice, negation, hedging, quotes and who speaks them, the argument labels, and what the
rule finders (relations.py) said about the pair. The model (claim_model.py) decides; the
lexicon and the rules are features, not the decision.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.graph import Claim, Entity

from .lexicon import Lexicon, load_lexicon
from .mentions import EntityTable, Mention
from .polarity import polarity
from .sentiment import compound, emotions, valence
from .tree import heads, kids, tokens

MAX_PATH = 8  # longer dependency paths are summarized as "long"
CONTENT = frozenset({"VERB", "NOUN", "ADJ", "AUX", "PROPN"})
QUOTE_OPEN = frozenset({"\u201c", "\u00ab"})
QUOTE_CLOSE = frozenset({"\u201d", "\u00bb"})
QUOTE_BOTH = frozenset({'"', "``", "''"})
SKIP_DEPS = frozenset({"conj", "appos"})  # a conjunct or apposition stands where its head stands


@dataclass
class PairCandidate:
    """One ordered pair of entities in one sentence and the evidence the model decides on."""

    sent: Span
    subject: Entity
    object: Entity
    features: list[str]
    start: int  # character span covering both mentions and the predicate
    end: int
    predicate: str  # the connecting words ("refused to back"), for the evidence
    negated: bool = False  # "did not oppose": never a typed claim
    refusal: bool = False  # "refused to back": opposition by the ontology's conventions
    hedged: bool = False
    rules: dict[str, float] = field(default_factory=dict)  # rule relation -> rule confidence
    role: str = ""  # an AFFILIATED_WITH role the rules read from a title


def _bucket(v: float, edges: tuple[float, ...] = (-2.0, -0.5, 0.5, 2.0)) -> str:
    names = ("neg2", "neg", "neu", "pos", "pos2")
    return names[bisect_right(edges, v)]


def word_classes(t: Token, lex: Lexicon) -> set[str]:
    """The lexicon's classes of a word: the relation types its senses give, and its roles in speech."""
    lemma = t.lemma_.lower()
    out: set[str] = set()
    if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
        for key in (lemma, *(f"{lemma} {c.lower_}" for c in kids(t) if c.dep_ in ("prep", "prt"))):
            out.update(s.type for s in lex.verb(key))
        if lemma in lex.money_verbs:
            out.add("FUNDS")
        if lemma in lex.speech_verbs:
            out.add("SPEECH")
        if lemma in lex.naming_verbs:
            out.add("NAMING")
        if lemma in lex.negator_verbs:
            out.add("NEGATOR")
    noun = lex.nouns.get(lemma)
    if noun is not None:
        for senses in noun.objects.values():
            out.update(s.type for s in senses)
        if noun.event_object:
            out.add(noun.event_object)
    if lemma in lex.roles or lemma in lex.role_heads:
        out.add("ROLE")
    return out


def _path(a: Token, b: Token) -> tuple[list[Token], Token, list[Token]] | None:
    """The dependency path a -> lowest common ancestor <- b: (a's side, the ancestor, b's side)."""
    found = _index_path(heads(a.doc), a.i, b.i)
    if found is None:
        return None
    toks = tokens(a.doc)
    up, lca, down = found
    return [toks[i] for i in up], toks[lca], [toks[i] for i in down]


def _index_path(head: list[int], a: int, b: int) -> tuple[list[int], int, list[int]] | None:
    """`_path` over token indexes."""
    up = [a]
    while head[up[-1]] != up[-1] and len(up) < 40:
        up.append(head[up[-1]])
    where = {t: k for k, t in enumerate(up)}
    down = [b]
    while down[-1] not in where and head[down[-1]] != down[-1] and len(down) < 40:
        down.append(head[down[-1]])
    if down[-1] not in where:
        return None
    lca = down[-1]
    return up[:where[lca]], lca, down[:-1]


def _deps(side: list[Token]) -> list[str]:
    """The dependency labels of one side of a path, with conjunctions and appositions folded away."""
    return [t.dep_ for k, t in enumerate(side) if not (t.dep_ in SKIP_DEPS and k == 0)]


def _quote_mask(sent: Span) -> list[bool]:
    """For each token of the sentence: inside a quotation? (curly quotes say which way; straight ones toggle)."""
    inside, out = False, []
    for t in sent:
        if t.text in QUOTE_OPEN:
            inside = True
        elif t.text in QUOTE_CLOSE:
            inside = False
        elif t.text in QUOTE_BOTH:
            inside = not inside
        out.append(inside)
    if inside and not any(t.text in QUOTE_BOTH | QUOTE_CLOSE for t in sent[1:]):
        return [False] * len(out)  # a lone opening mark that the next sentence closes: read as unquoted
    return out


def _speech_head(t: Token, lex: Lexicon) -> Token | None:
    """The speech verb `t` is the subject of ("X said ...", "said X"), if any."""
    h = t
    for _ in range(2):
        if h.dep_ in ("conj", "appos", "compound"):
            h = h.head
    if h.dep_ in ("nsubj", "nsubjpass") and h.head.lemma_.lower() in lex.speech_verbs:
        return h.head
    return None


def _role(side: list[Token], lca: Token) -> str:
    """How one argument hangs on the joining predicate: the top dependency of its side ("nsubj",
    "prep:against", "poss"), "self" when the argument is the predicate, "+" marking a longer climb."""
    if not side:
        return "self"
    top = side[-1]
    role = top.dep_
    if top.dep_ == "prep" or top.pos_ == "ADP":
        role = f"prep:{top.lower_}"
    elif top.dep_ == "agent":
        role = "agent"
    folded = [t for t in side[:-1] if t.dep_ not in SKIP_DEPS and t.dep_ not in ("compound", "pobj")]
    return role + ("+" if folded else "")


def _trigger(a_side: list[Token], lca: Token, b_side: list[Token]) -> Token:
    """The word that carries the claim: the content word nearest the object on the path, else the ancestor."""
    for t in b_side[1:]:
        if t.pos_ in ("VERB", "NOUN", "ADJ"):
            return t
    return lca


class SentenceContext:
    """What every pair of one sentence shares: quotes, their sentiment, and speech verbs."""

    def __init__(self, sent: Span, lex: Lexicon):
        self.sent = sent
        self.mask = _quote_mask(sent)
        self.lex = lex
        self._words: dict[int, tuple[str, ...]] = {}

    def word_features(self, t: Token) -> tuple[str, ...]:
        """What a word on a path says whatever the pair (its classes, sentiment, emotions), once per word."""
        got = self._words.get(t.i)
        if got is None:
            out = [f"cls={c}" for c in sorted(word_classes(t, self.lex))]
            if t.pos_ in CONTENT:
                v = valence(t.lower_)
                v = valence(t.lemma_.lower()) if v is None else v
                if v is not None:
                    out.append(f"val={_bucket(v)}")
                out += [f"emo={e}" for e in emotions(t.lemma_.lower()) or emotions(t.lower_)]
            got = self._words[t.i] = tuple(out)
        return got

    # Sentiment is scored only for sentences with a speaker in them: VADER costs ~0.1 ms a sentence.
    @cached_property
    def quote_valence(self) -> float | None:
        quoted = " ".join(t.text for t, q in zip(self.sent, self.mask) if q)
        return compound(quoted) if quoted else None

    @cached_property
    def sent_valence(self) -> float:
        return compound(self.sent.text)

    def quoted(self, t: Token) -> bool:
        return self.mask[t.i - self.sent.start]


def pair_features(a: Token, b: Token, la: str, lb: str, ma: Mention, mb: Mention, ctx: SentenceContext,
                  lex: Lexicon) -> tuple[list[str], Token, bool, bool, bool, str]:
    """The features of subject token `a` and object token `b`; and the trigger, negated, refusal, hedged, predicate."""
    f = [f"lab={la}|{lb}", f"akind={ma.kind}", f"bkind={mb.kind}", "order=" + ("ab" if a.i < b.i else "ba")]
    dist = abs(a.i - b.i)
    f.append("dist=" + ("1" if dist <= 1 else "2-3" if dist <= 3 else "4-7" if dist <= 7 else "8-15"
                        if dist <= 15 else "16+"))
    found = _path(a, b)
    negated = refusal = hedged = False
    predicate = ""
    if found is None:
        f.append("path=none")
        trig = a
    else:
        a_side, lca, b_side = found
        trig = _trigger(a_side, lca, b_side)
        up, down = _deps(a_side), _deps(b_side)[::-1]
        n = len(up) + len(down)
        shape = "^".join(up) + ">" + "v".join(down)
        f.append("path=" + (shape if n <= MAX_PATH else "long"))
        f.append(f"pathlab={shape if n <= 4 else 'long'}|{la}|{lb}")
        f.append(f"adep={up[0] if up else 'lca'}")
        f.append(f"bdep={down[-1] if down else 'lca'}")
        # the roles the two arguments play for the predicate that joins them (path-shape independent)
        arole, brole = _role(a_side, lca), _role(b_side, lca)
        f.append(f"roles={arole}|{brole}")
        f.append(f"arole={arole}")
        f.append(f"brole={brole}")
        f.append(f"roles={arole}|{brole}|{lca.pos_}")
        f.append(f"plen={min(n, 6)}")
        lemma = lca.lemma_.lower()
        f.append(f"lcapos={lca.pos_}")
        if lca.pos_ in CONTENT:
            f.append(f"lca={lemma}")
            f.append(f"lcapath={'^'.join(up[-1:])}>{lemma}>{'v'.join(down[:1])}")
        inner = [t for t in (*a_side[1:], lca, *b_side[1:]) if t.i not in (a.i, b.i)]
        words = []
        for t in inner:
            for w in ctx.word_features(t):
                f.append(w)
                if w.startswith("cls="):
                    c = w[4:]
                    f.append(f"cls={c}|{la}|{lb}")
                    f.append(f"cls={c}|{arole}|{brole}")
                    if t is trig:
                        f.append(f"trigcls={c}")
                        f.append(f"trigcls={c}|{arole}|{brole}")
                elif w.startswith("emo=") and t is trig:
                    f.append(f"trigemo={w[4:]}|{brole}")
            if t.pos_ in CONTENT:
                f.append(f"w={t.lemma_.lower()}")
                words.append(t)
            if t.dep_ == "prep" or t.pos_ == "ADP":
                f.append(f"prep={t.lower_}")
        if any(c.dep_ == "agent" for c in inner) or any(t.dep_ in ("nsubjpass", "agent") for t in (*a_side, *b_side)):
            f.append("passive")
        pol = polarity(trig, lex) if trig.pos_ in ("VERB", "NOUN", "AUX", "ADJ") else None
        if pol is not None and pol.negated:
            refusal = pol.cue.lower() in lex.refusal_verbs or trig.head.lemma_.lower() in lex.refusal_verbs
            negated = not refusal
            f.append("refusal" if refusal else "negated")
        if pol is not None and pol.hedged:
            hedged = True
            f.append("hedged")
        predicate = " ".join(t.text for t in sorted(words, key=lambda t: t.i)[:4])
    # quotes and speakers: "'It is a disgrace,' X said of Y" -> X judges Y by the quote's sentiment
    speech = _speech_head(a, lex)
    if speech is not None and (ctx.quoted(b) or b.i in {t.i for t in speech.subtree}):
        f.append("speaker")
        if ctx.quote_valence is not None:
            f.append(f"spk_quote={_bucket(ctx.quote_valence * 4)}")
        f.append(f"spk_sent={_bucket(ctx.sent_valence * 4)}|{lb}")
        predicate = predicate or speech.text
    if ctx.quoted(a) != ctx.quoted(b):
        f.append("quote_split")
    elif ctx.quoted(a):
        f.append("both_quoted")
    return f, trig, negated, refusal, hedged, predicate


def _sentence_of(doc: Doc) -> list[int]:
    """Token index -> index of its sentence."""
    out = [0] * len(doc)
    for k, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            out[i] = k
    return out


def _rule_index(doc: Doc, claims: Iterable[Claim]) -> dict[tuple, dict[str, tuple[float, str]]]:
    """(subject, object, sentence start char) -> {relation: (confidence, role)} from the rule finders."""
    starts = [s.start_char for s in doc.sents]
    out: dict[tuple, dict[str, tuple[float, str]]] = {}
    for c in claims:
        for ev in c.evidence:
            if ev.negated:
                continue
            k = bisect_right(starts, ev.start) - 1
            key = (c.subject, c.subject_label, c.object, c.object_label, starts[max(k, 0)])
            best = out.setdefault(key, {})
            if ev.confidence > best.get(c.relation, (0.0, ""))[0]:
                best[c.relation] = (ev.confidence, c.role)
    return out


def _distance(head: list[int], a: int, b: int) -> tuple[int, int]:
    """Dependency-path length between two tokens (then token distance): which mentions of a pair to read."""
    found = _index_path(head, a, b)
    return (len(found[0]) + len(found[2]) if found else 99, abs(a - b))


def _head(doc: Doc, m: Mention) -> Token:
    return doc[m.start:m.end].root


def candidate_pairs(doc: Doc, table: EntityTable, rule_claims: Iterable[Claim] = (),
                    lex: Lexicon | None = None) -> Iterator[PairCandidate]:
    """Every ordered pair of distinct entities mentioned in one sentence, with features."""
    lex = lex or load_lexicon()
    rules = _rule_index(doc, rule_claims)
    sent_of = _sentence_of(doc)
    sents = list(doc.sents)
    by_sent: dict[int, list[Mention]] = {}
    for m in table.mentions:
        by_sent.setdefault(sent_of[m.start], []).append(m)
    toks = tokens(doc)
    head = heads(doc)
    root = {id(m): _head(doc, m) for m in table.mentions}  # a Span's root is computed anew on every call
    for k, ms in sorted(by_sent.items()):
        ents: dict[int, list[Mention]] = {}
        for m in ms:
            ents.setdefault(id(m.entity), []).append(m)
        if len(ents) < 2:
            continue
        sent = sents[k]
        ctx = SentenceContext(sent, lex)
        groups = list(ents.values())
        for ga in groups:
            for gb in groups:
                if ga is gb:
                    continue
                sa, ob = ga[0].entity, gb[0].entity
                if sa.name == ob.name:
                    continue
                ma, mb = min(((x, y) for x in ga for y in gb if x.end <= y.start or y.end <= x.start),
                             key=lambda p: _distance(head, root[id(p[0])].i, root[id(p[1])].i), default=(None, None))
                if ma is None or mb is None:
                    continue
                a, b = root[id(ma)], root[id(mb)]
                feats, trig, neg, refusal, hedged, pred = pair_features(a, b, sa.label, ob.label, ma, mb, ctx, lex)
                said = rules.get((sa.name, sa.label, ob.name, ob.label, sent.start_char), {})
                back = rules.get((ob.name, ob.label, sa.name, sa.label, sent.start_char), {})
                for rel, (conf, _) in said.items():
                    feats.append(f"rule={rel}")
                    feats.append(f"rule={rel}|{'hi' if conf >= 0.6 else 'lo'}")
                for rel in back:
                    feats.append(f"rrule={rel}")
                if not said:
                    feats.append("norule")
                lo = min(toks[ma.start].idx, toks[mb.start].idx, trig.idx)
                hi_tok = max(toks[ma.end - 1], toks[mb.end - 1], trig, key=lambda t: t.i)
                role = said.get("AFFILIATED_WITH", (0.0, ""))[1]
                yield PairCandidate(sent, sa, ob, feats, lo, hi_tok.idx + len(hi_tok.text), pred or trig.text,
                                    neg, refusal, hedged, {r: c for r, (c, _) in said.items()}, role)
