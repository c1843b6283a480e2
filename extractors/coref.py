"""In-article coreference: pronouns and definite descriptions that point back to an entity.

One left-to-right pass over the tokens keeps the mentions seen so far. Heuristics, not a model:
- he/she/his/her: in its own sentence, the subject (for a subject pronoun) or the nearest person;
  else the most recent person subject, else the most recent person, within a few sentences,
  skipping one whose known gender (titles, earlier pronouns, a common first name) disagrees;
- they/their: the group that speaks ("X said they ..."), else a group (or an organization that is
  a subject) in this or the previous sentence; unresolved when an untracked plural is the subject;
- "the senator", "the district attorney": the most recent person who carried that title;
- "the agency", "the union", "the company": the most recent organization of that kind;
- "the bill", "the laws", "Whitfield's measure": the nearest preceding compatible policy, same number
  first; "The measure, SB 1047," also merges the two policies;
- "Okafor's office", "his office": the person; a later bare surname the recognizer missed.
What stays unclear stays unresolved.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .entity_words import table, words
from .lexicon import load_lexicon
from .mentions import EntityTable, Mention
from .policies import POLICY_HEADS, compatible, policy_phrase
from .registry import Registry
from .tree import tokens

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "their", "theirs", "themselves"})  # not "them": mostly things ("reject them")
PERSON_DESCRIPTIONS = tuple(tuple(d.split()) for d in words("person_descriptions"))
PERSON_DESC_HEADS = frozenset(d[-1] for d in PERSON_DESCRIPTIONS)
ORG_DESCRIPTIONS = table("org_descriptions")
OFFICE_HEADS = words("possessive_person_heads")
COMPANY_WORDS = frozenset({"company", "firm", "app", "platform", "retailer", "automaker"})
INSTITUTION_HEADS = words("org_heads") - {"company", "corporation", "inc", "inc.", "corp", "corp.", "ltd", "llc",
                                          "holdings", "group", "labs", "partners", "motors", "airlines", "media"}
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_QUANTIFIERS = frozenset({"several", "both", "two", "three", "four"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
FIRST_NAME_GENDER = {**{n: "f" for n in words("female_first_names")}, **{n: "m" for n in words("male_first_names")}}
PERSON_WINDOW = 3  # sentences back a he/she may reach
GROUP_WINDOW = 1
TITLE_WINDOW = 3  # sentences back "the senator" may reach (any mention of the person renews it)
NEUTER = frozenset({"it", "its"})
NEUTER_DEPS = frozenset({"dobj", "pobj", "poss", "dative"})  # where "it" is never expletive
PRONOUNS = MALE | FEMALE | PLURAL | NEUTER
_LINE_END = frozenset({".", "!", "?", '"', "\u201d", "\u2019", "'", ":", ")", "\u2014", "-"})
DESCRIBABLE = PERSON_DESC_HEADS | frozenset(ORG_DESCRIPTIONS) | OFFICE_HEADS | POLICY_HEADS  # nouns worth a look


def resolve_references(doc: Doc, tab: EntityTable, reg: Registry) -> None:
    """Add pronoun and description mentions to `tab` (and description forms to aliases)."""
    if not len(doc):
        return
    sent_of = _sentence_index(doc)
    named = sorted(tab.mentions, key=lambda m: m.start)
    # a surname the recognizer missed later on ("Blake's office") is still that person
    surnames = {i.parts[1]: i.entity for i in reg.infos if i.entity.label == "Person" and i.parts[1]
                and " " in i.entity.name}
    recent: list[Mention] = []
    k = 0
    for tok in tokens(doc):
        while k < len(named) and named[k].end <= tok.i:
            recent.append(named[k])
            k += 1
        if tok.is_space and "\n" in tok.text and _ends_heading(tok):
            recent = []  # a heading starts a new section: nothing before it is "the mayor" or "he"
        low = tok.lower_
        if low not in PRONOUNS and low not in DESCRIBABLE and low not in surnames:
            continue  # most tokens stop here: one set lookup
        here_m = tab.mention_at(tok.i)
        if here_m is not None:
            if low in POLICY_HEADS and here_m.kind == "alias":
                _named_description(tok, here_m, recent, reg, tab, sent_of)
            continue
        m = None
        if low in surnames and tok.pos_ == "PROPN" and tok.is_title:
            m = Mention(tok.i, tok.i + 1, surnames[low], kind="alias")
        elif tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            if low in MALE or low in FEMALE:
                m = _person_pronoun(tok, recent, reg, sent_of, "m" if low in MALE else "f")
            elif low in PLURAL:
                m = _plural_pronoun(tok, recent, sent_of, tab)
            elif low in NEUTER and (tok.dep_ in NEUTER_DEPS or _speaks(tok)):
                m = _neuter_pronoun(tok, recent, sent_of)
        elif tok.pos_ == "NOUN":
            m = _description(tok, recent, reg, tab, sent_of)
        if m is not None:
            tab.add_mention(m)
            recent.append(m)
            if m.kind == "description" and m.entity.label == "Policy":
                _merge_apposition(tok, m, tab, reg)


def _ends_heading(space: Token) -> bool:
    """Is this line break the end of a heading (a line without closing punctuation)?"""
    i = space.i - 1
    if i < 0:
        return False
    doc = space.doc
    line_start = i
    while line_start > 0 and not (doc[line_start - 1].is_space and "\n" in doc[line_start - 1].text):
        line_start -= 1
    return doc[i].text not in _LINE_END and 2 <= i - line_start + 1 <= 15


def _sentence_index(doc: Doc) -> list[int]:
    out: list[int] = []
    for n, sent in enumerate(doc.sents):
        out.extend([n] * (sent.end - sent.start))
    return out


def _root(m: Mention, doc: Doc) -> Token:
    return doc[m.start:m.end].root


def _is_subject(m: Mention, doc: Doc) -> bool:
    """A subject, or in apposition to one ("the firm's counsel, Lena Z., said ...")."""
    r = _root(m, doc)
    return r.dep_ in _SUBJECT or r.dep_ == "appos" and r.head.dep_ in _SUBJECT


def _person_pronoun(tok: Token, recent: list[Mention], reg: Registry, sent_of: list[int],
                    gender: str) -> Mention | None:
    """In the pronoun's own sentence: its subject if the pronoun is a subject, else the nearest person;
    in earlier sentences: the most recent person subject, else the most recent person."""
    doc = tok.doc
    here = sent_of[tok.i]
    is_subject = tok.dep_ in _SUBJECT
    same_subject = same_near = earlier_subject = earlier = None
    for m in reversed(recent):
        if here - sent_of[m.start] > PERSON_WINDOW:
            break
        if m.entity.label != "Person":
            continue
        info = reg.info(m.entity)
        known = info.gender or FIRST_NAME_GENDER.get(info.parts[0], "")
        if known and known != gender:
            continue
        subj = _is_subject(m, doc)
        if sent_of[m.start] == here:
            same_near = same_near or m
            if subj and same_subject is None:
                same_subject = m
        else:
            earlier = earlier or m
            if subj and earlier_subject is None:
                earlier_subject = m
    order = (same_subject, same_near) if is_subject else (same_near,)
    best = next((m for m in (*order, earlier_subject, earlier) if m is not None), None)
    return _pronoun(tok, best, reg.info(best.entity), gender) if best is not None else None


def _pronoun(tok: Token, m: Mention, info, gender: str) -> Mention:
    info.gender = info.gender or gender
    return Mention(tok.i, tok.i + 1, m.entity, kind="pronoun")


def _plural_pronoun(tok: Token, recent: list[Mention], sent_of: list[int], tab: EntityTable) -> Mention | None:
    """they/their: the group that speaks ("X said they ..."), else a group (or an organization that is a
    subject) in this or the previous sentence; nothing when an untracked plural is the obvious antecedent."""
    doc = tok.doc
    speaker = _reporting_subject(tok)
    if speaker is not None:  # "X said they would ...": they are X, if X is a group we know
        ent = tab.entity_of(speaker)
        if ent is not None and ent.label in ("Group", "Organization"):
            return Mention(tok.i, tok.i + 1, ent, kind="pronoun")
        if ent is None and speaker.tag_ in ("NNS", "NNPS"):
            return None  # some plural we do not track ("Ruto's allies said they ...")
    own = _clause_subject(tok)
    if own is not None and own.i != tok.i and own.tag_ in ("NNS", "NNPS") and tab.entity_of(own) is None:
        return None  # "states ... reconsidering their decision": their = states, which we do not track
    here = sent_of[tok.i]
    is_subject = tok.dep_ in _SUBJECT
    best: dict[tuple[bool, bool], Mention] = {}
    for m in reversed(recent):
        if here - sent_of[m.start] > GROUP_WINDOW:
            break
        label = m.entity.label
        subj = _is_subject(m, doc)
        if label == "Group" or label == "Organization" and subj:
            rank = (sent_of[m.start] == here and subj and is_subject, label == "Group" or subj)
            best.setdefault(rank, m)
    for rank in ((True, True), (False, True), (False, False)):
        if rank in best:
            return Mention(tok.i, tok.i + 1, best[rank].entity, kind="pronoun")
    return None


def _speaks(tok: Token) -> bool:
    """'"...," it said': "it" as the subject of a speech verb is never expletive."""
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in load_lexicon().speech_verbs


def _neuter_pronoun(tok: Token, recent: list[Mention], sent_of: list[int]) -> Mention | None:
    """it/its as an object or possessive ("criticized the party, accusing it of ..."): the latest
    organization, policy or place in this sentence (for "its", or the previous one)."""
    here = sent_of[tok.i]
    speaker = _speaks(tok)
    # a bare "it" further back is as often a thing we do not track; one that speaks is an organization
    window = GROUP_WINDOW if tok.lower_ == "its" or speaker else 0
    for m in reversed(recent):
        if here - sent_of[m.start] > window:
            break
        if m.entity.label in (("Organization",) if speaker else ("Organization", "Policy", "Place")):
            return Mention(tok.i, tok.i + 1, m.entity, kind="pronoun")
        if m.entity.label == "Person" and sent_of[m.start] == here and m.end > tok.head.i - 3:
            return None  # a person right before ("told Smith it ...") makes the reading unsure
    return None


def _clause_subject(tok: Token) -> Token | None:
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in _SUBJECT), None)


def _reporting_subject(tok: Token) -> Token | None:
    """The subject of the verb that governs the clause a pronoun is in ("X said [they would go]")."""
    verb = tok.head
    while verb.dep_ not in ("ccomp", "ROOT", "xcomp", "advcl", "relcl", "conj") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return None
    return next((c for c in verb.head.children if c.dep_ in _SUBJECT), None)


def _determiner(tok: Token) -> Token | None:
    """"the"/"this"/a possessor; for a plural policy noun also "several"/"both" ("several proposed bills")."""
    for c in tok.lefts:
        if c.dep_ == "det" and c.lower_ in _DEFINITE or c.dep_ == "poss":
            return c
        if c.lower_ in _QUANTIFIERS and tok.tag_ == "NNS" and tok.lower_ in POLICY_HEADS:
            return c
    return None


def _description(tok: Token, recent: list[Mention], reg: Registry, tab: EntityTable,
                 sent_of: list[int]) -> Mention | None:
    det = _determiner(tok)
    if det is None:
        return None
    doc = tok.doc
    start = det.right_edge.i + 1 if det.dep_ == "poss" else det.i + 1
    low = tok.lower_
    if det.dep_ == "poss" and low in OFFICE_HEADS:
        owner = tab.entity_of(det)
        if owner is not None and owner.label == "Person":
            return Mention(tok.i, tok.i + 1, owner, kind="description")
        return None
    owned = tab.entity_of(det) if det.dep_ == "poss" else None
    if owned is not None and owned.label == "Policy":
        if policy_phrase(tok) is not None:  # "SB 2210's ban": the policy itself
            return _describe(reg, tab.entity_of(det), start, tok)
    phrase = [t.lower_ for t in doc[start:tok.i + 1]]
    if low in PERSON_DESC_HEADS and det.dep_ == "det":
        for d in PERSON_DESCRIPTIONS:
            if tuple(phrase[-len(d):]) == d:
                ent = _titled_person(recent, reg, d, sent_of, sent_of[tok.i])
                return _describe(reg, ent, start, tok) if ent else None
    if low in ORG_DESCRIPTIONS and det.dep_ == "det" and low not in ("campaign",):
        allowed = ORG_DESCRIPTIONS[low]
        for m in reversed(recent):
            if m.entity.label != "Organization":
                continue
            info = reg.info(m.entity)
            names = set(m.entity.name.lower().split()) | info.heads
            if names & allowed or low in COMPANY_WORDS and not names & INSTITUTION_HEADS and not info.heads:
                return _describe(reg, m.entity, start, tok)  # "the company": Amazon, not the FTC
        return None
    pp = policy_phrase(tok)
    if pp is not None and pp.kind == "description" and det.lower_ != "whose" and not any(
            c.dep_ == "acl" and c.tag_ == "VBG" for c in tok.rights):  # "the measure empowering X": new
        plural = tok.tag_ == "NNS"
        fallback = None
        for m in reversed(recent):
            if m.entity.label != "Policy":
                continue
            heads = reg.info(m.entity).heads or {m.entity.name.split()[-1].lower()}
            fits = [h for h in heads if compatible(low, h)]
            if fits:
                if any(h.endswith("s") == plural for h in fits):  # "the laws" prefers the laws
                    return _describe(reg, m.entity, start, tok)
                fallback = fallback or m
        if fallback is not None and not (det.dep_ == "poss" and det.pos_ == "PRON"):
            return _describe(reg, fallback.entity, start, tok)  # but "their proposals" need not be the bill
    return None


def _named_description(tok: Token, m: Mention, recent: list[Mention], reg: Registry, tab: EntityTable,
                       sent_of: list[int]) -> None:
    """"an order that would cut grants ... the order, known as the Safe Schools Directive": a definite
    description that a name is given to also stands for the described policy seen just before, which
    becomes one policy with the name."""
    if m.entity.label != "Policy" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                             for c in tok.lefts):
        return
    here = sent_of[tok.i]
    for prev in reversed(recent):
        if here - sent_of[prev.start] > 1:
            return
        ent = prev.entity
        if ent is m.entity or ent.label != "Policy":
            continue
        heads = reg.info(ent).heads or {ent.name.split()[-1].lower()}
        if not any(compatible(tok.lower_, h) for h in heads):
            continue
        if not ent.name[:1].islower():
            return  # the nearest such policy has a name of its own: a different one
        reg.merge(m.entity, ent)
        for mention in tab.mentions:
            if mention.entity is ent:
                mention.entity = m.entity
        return


def _merge_apposition(tok: Token, m: Mention, tab: EntityTable, reg: Registry) -> None:
    """"The measure, SB 1047, ...": the description and the name in apposition are one policy."""
    for child in tok.rights:
        if child.dep_ != "appos":
            continue
        other = tab.mention_at(child.i)
        if other is not None and other.entity is not m.entity and other.entity.label == "Policy":
            named, described = other.entity, m.entity
            reg.merge(named, described)
            for mention in tab.mentions:
                if mention.entity is described:
                    mention.entity = named
        return


def _titled_person(recent: list[Mention], reg: Registry, desc: tuple[str, ...], sent_of: list[int], here: int):
    """The person last seen with this title, if seen within a few sentences (a new section's
    "the mayor" may be someone else)."""
    for m in reversed(recent):
        if here - sent_of[m.start] > TITLE_WINDOW:
            break
        if m.entity.label != "Person":
            continue
        roles = reg.info(m.entity).roles
        if any(all(w in r.split() for w in desc) for r in roles):
            return m.entity
    return None


def _describe(reg: Registry, entity, start: int, tok: Token) -> Mention:
    doc = tok.doc
    reg.add_alias(entity, doc[start:tok.i + 1].text)
    return Mention(start, tok.i + 1, entity, kind="description")
