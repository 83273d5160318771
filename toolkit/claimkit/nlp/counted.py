"""What a figure counts and what happened to it, read from the parse around the figure.

- subject: the noun phrase the figure counts ("850,000 party members", "30,000 members of the
  army"); for a share, the phrase after "of", which is also its ``base``; the antecedent for
  "750,000 of them" and "..., of whom 60,000 ..."; a measure noun's own "of" phrase ("a
  population of 8 million", "the death toll of the famine at 36 million" counts people); in a
  list ("31,000 Danish casualties, 12,000 Swedes and 40,000 Prussians") a member with no noun
  of its own shares the noun of the first. Left empty when the figure stands alone ("10 million
  were sent"): comparison then reads people from the event class, never a guess here.
- event class: the verb that governs the counted (with its coordinated verbs, "arrested and
  executed"), else an event noun ("9 million deaths", "the death toll") or adjective ("40,000
  wounded"), classed by the event lexicon (:mod:`claimkit.nlp.lexicon`). A verb the lexicon does
  not know keeps its own lemma ("emigrated" stays "emigrate"), so two such figures still meet;
  light and reporting verbs ("be", "estimate") name no event.
- restrictions: the words that narrow the event to a part of it: manner ("officially",
  "summarily"), circumstance ("in prison", "without trial", "under the guillotine") and the
  adjectives of an event noun ("official death sentences"), plus ``additional`` for "another
  25,000" or "3,000 more". A count with a restriction is a part of the count without it; the
  comparison never takes one for the other.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .. import _data
from .lexicon import Lexicon

NP_POS = {"ADJ", "NOUN", "PROPN"}
NOUN_POS = {"NOUN", "PROPN"}
ANAPHORS = ("them", "these", "those", "whom", "which")
ANTECEDENT: list = []  # marker: the subject is the previous figure's ("750,000 of them")
INHERIT: list = []  # marker: the subject is the first member's of the list the figure stands in
_TIME_UNITS = ("day", "week", "fortnight", "month", "year", "decade", "century")
_RATE_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
_WHOLES = ("complement", "strength", "total", "number", "membership", "size", "ranks", "personnel", "numbers")
_VALUE_VERBS = ("be", "number", "total", "amount", "reach", "exceed", "estimate", "put", "place", "count", "stand",
                "top", "surpass", "range")
_MEASURE_NOUNS = ("number", "total", "figure", "toll", "estimate", "count", "tally", "sum")
_ROLE_NOUNS = ("prisoner", "inmate", "detainee", "convict", "deportee", "victim")  # people in a state: a verb
# of their own ("1.5 million prisoners perished") says what the figure counts, before the noun does
_NON_RESTRICTING_PREPS = {"during", "between", "until", "till", "since", "before", "after", "from", "to", "into",
                          "towards", "toward", "onto", "as", "like", "than", "for", "with", "by", "about", "among",
                          "including", "such", "per", "according", "despite", "within", "throughout", "across",
                          "around", "near", "at", "over", "on", "upon", "out", "of"}
_RESTRICTING_PREPS = {"in", "without", "under", "by", "through", "of", "from", "after", "at", "on", "before"}


def singular(phrase: str) -> str:
    """A phrase with its last word made singular by spelling ("casualties" -> "casualty")."""
    words = phrase.split()
    if not words:
        return phrase
    w = words[-1]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return " ".join(words[:-1] + [w])


def frames_lexicon() -> dict:
    return _data.load("frames")


def phrase(tokens: list) -> tuple[str, str]:
    """Surface text (lower-cased) and lemma key of a noun phrase's tokens."""
    words = [t for t in tokens if t.pos_ not in ("DET", "PRON") and t.dep_ != "poss" and t.text not in ("’s", "'s")]
    text = " ".join(t.text for t in words).lower()
    key = " ".join(t.lemma_.lower() for t in words if t.lower_ != "of")
    return text, key


def _in_noun_run(doc: Doc, j: int, run: list) -> bool:
    """Whether token ``j`` can extend a noun phrase: adjectives, nouns, participles and adverbs before
    a noun ("previously dismissed officers", "documented executions"), hyphens inside a word."""
    t = doc[j]
    if t.pos_ in NP_POS or t.pos_ == "NUM" and run:
        return t.text != ","
    if t.tag_ in ("VBN", "VBG") or t.pos_ == "ADV" and t.dep_ == "advmod":
        return j + 1 < len(doc) and (doc[j + 1].pos_ in NP_POS or doc[j + 1].tag_ in ("VBN", "VBG"))
    if t.text == "-" and run and not t.whitespace_ and not doc[j - 1].whitespace_:
        return j + 1 < len(doc) and doc[j + 1].pos_ in NP_POS  # "book-length manuscripts"
    return False


def noun_run(doc: Doc, i: int, end_limit: int) -> tuple[list, int] | None:
    """Tokens of a noun phrase starting at ``i``: modifiers then a noun, plus one "of" phrase."""
    j = i
    while j < end_limit and (doc[j].pos_ in ("DET", "PRON") and doc[j].dep_ in ("det", "poss", "predet")
                             or doc[j].dep_ in ("poss", "case") and doc[j].head.pos_ in NOUN_POS):
        j += 1  # "the", "its", "Finland's"
    run = []
    while j < end_limit and _in_noun_run(doc, j, run):
        run.append(doc[j])
        j += 1
    while run and run[-1].pos_ not in NOUN_POS:
        run.pop()
        j -= 1
    if not run:
        return None
    if j + 1 < end_limit and doc[j].lower_ == "of":
        tail = noun_run(doc, j + 1, end_limit)
        if tail and tail[0][0].pos_ != "NUM":
            return run + [doc[j]] + tail[0], tail[1]
    return run, j


def subject(doc: Doc, q: Span, lex: Lexicon) -> tuple[list | None, list | None]:
    """(subject tokens, base tokens) of a quantity span; ``ANTECEDENT`` or ``INHERIT`` when another
    figure's subject stands for it."""
    end = q.sent.end
    k = q.end
    if q._.unit == "percent" or q._.share is not None and q._.part is None:
        if k < end and doc[k].lower_ == "of":
            k += 1
        run = noun_run(doc, k, end)
        if run and _possessed_whole(doc, k, run[0]):
            owner = clause_subject(q)  # "the navy lost up to a third of its strength": a third of the navy
            return (owner, owner) if owner else (None, None)
        return (run[0], run[0]) if run else (None, None)
    if k + 1 < end and doc[k].lower_ == "of" and doc[k + 1].lower_ in ANAPHORS:
        return ANTECEDENT, None  # "about 750,000 of them": the last counted subject
    before = _relative_antecedent(doc, q) or _fronted_whole(q)
    if before is not None:
        return before, None  # "100,000 went over the top, of whom 60,000 became casualties"
    if k < end and doc[k].lower_ == "of" and q._.part is None:
        run = noun_run(doc, k + 1, end)  # "10 million of the peasants"
        return (run[0], None) if run else (None, None)
    run = noun_run(doc, k, end)
    if run and not _only_a_demonym(run[0], lex):
        return run[0], None
    shared = shared_noun(doc, q) if not run and not _list_member(doc, q) else None
    if shared:
        return shared, None
    if _list_member(doc, q):  # "..., 12,000 Swedes and 40,000 Prussians": keep who
        return INHERIT, (run[0] if run else [doc[q.end]])
    if run:
        return run[0], None
    valued = valued_noun(doc, q)
    return (valued, None) if valued else (None, None)


def _only_a_demonym(tokens: list, lex: Lexicon) -> bool:
    """"40,000 Prussians", "12,000 Swedes": a people named by their nation and nothing else."""
    words = [t for t in tokens if t.lower_ != "of"]
    return len(words) == 1 and lex.demonym_place(words[0].lower_) is not None


def _list_member(doc: Doc, q: Span) -> bool:
    """Whether the figure is a later member of a list of figures ("31,000 Danish casualties, 12,000
    Swedish and 40,000 Prussians") whose noun it leaves out."""
    root = q.root
    head = root.head if root.dep_ == "nummod" else root
    if head.dep_ in ("conj", "appos") and _figure_before(doc, q) \
            and any(t.like_num for t in head.head.subtree if t.i < q.start):
        return True
    nxt = q.end + 1  # "12,000 Swedish, ...": an adjective alone, then the list goes on
    return q.end < len(doc) and doc[q.end].pos_ in ("ADJ", "PROPN") and nxt < len(doc) \
        and doc[nxt].lower_ in (",", "and", "or") and _figure_before(doc, q)


def _figure_before(doc: Doc, q: Span) -> bool:
    """Whether another figure (not a date) stands earlier in the figure's sentence."""
    dated = {i for d in doc.spans.get("dates", []) for i in range(d.start, d.end)}
    return any(t.like_num and t.i not in dated for t in doc[q.sent.start:q.start])


def shared_noun(doc: Doc, q: Span) -> list | None:
    """"57,540 allied and 8,000 German soldiers", "170,000 or 450,000 lives": a figure with no noun (or only
    an adjective) takes the noun of the next member of its list, keeping its own adjective."""
    j = q.end
    while j < q.sent.end and (doc[j].text in ("[", "]", "(", ")") or doc[j].like_num and doc[j - 1].text == "["):
        j += 1  # "170,000[208] or 450,000": a footnote mark between
    if j < q.sent.end and doc[j].lower_ in ("or", "and", "to") and j + 1 < q.sent.end and doc[j + 1].like_num:
        k = j + 1
        while k < q.sent.end and doc[k].like_num:
            k += 1
        run = noun_run(doc, k, q.sent.end)
        noun = [t for t in run[0] if t.pos_ in NOUN_POS] if run else []
        return noun[-1:] or None
    own = []
    while j < q.sent.end and doc[j].pos_ in ("ADJ", "PROPN", "VERB") and doc[j].text[:1].isalpha() \
            and doc[j].ent_type_ not in ("PERSON", "ORG"):
        own.append(doc[j])
        j += 1
    if not own or len(own) > 2 or j >= q.sent.end or doc[j].lower_ not in ("and", "or", ","):
        return None
    k = j + 1
    while k < q.sent.end and not doc[k].like_num:
        if doc[k].pos_ in ("VERB", "AUX") or k - j > 3:
            return None
        k += 1
    while k < q.sent.end and doc[k].like_num:
        k += 1
    run = noun_run(doc, k, q.sent.end)
    if not run:
        return None
    noun = [t for t in run[0] if t.pos_ in NOUN_POS]
    return own + noun[-1:] if noun else None


def _relative_antecedent(doc: Doc, q: Span) -> list | None:
    """"..., of whom 60,000 became casualties": the noun the relative pronoun stands for."""
    i = q.start
    if i >= 2 and doc[i - 1].lower_ in ("whom", "which") and doc[i - 2].lower_ == "of" \
            or i >= 3 and doc[i - 1].text == "," and doc[i - 2].lower_ in ("whom", "which") \
            and doc[i - 3].lower_ == "of":
        pron = doc[i - 1] if doc[i - 1].lower_ in ("whom", "which") else doc[i - 2]
        candidates = []
        for tok in (pron.head, pron.head.head, pron.head.head.head, pron.sent.root):
            if tok.pos_ in NOUN_POS and tok.i < pron.i:
                candidates.append(tok)
            if tok.pos_ in ("VERB", "AUX"):
                for noun in (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i):
                    if noun.pos_ == "NUM" and noun.head.pos_ in NOUN_POS:
                        noun = noun.head
                    if noun.pos_ in NOUN_POS:
                        candidates.append(noun)
        if pron.lower_ == "whom":  # "whom" stands for people: "100,000 Britons went over the top ..., of whom"
            people = [t for t in candidates if _is_people(t)] or [
                t for t in reversed(doc[pron.sent.start:pron.i]) if t.pos_ in NOUN_POS and _is_people(t)]
            candidates = people[:1] or candidates
        if candidates:
            return phrase_tokens(candidates[0])
    return None


def _is_people(tok) -> bool:
    from .lexicon import current
    lex = current()
    lemma = tok.lemma_.lower()
    return lemma in lex.people_nouns or lex.demonym_place(tok.lower_) is not None or lemma in lex.people_objects


def stands_for_antecedent(doc: Doc, q: Span) -> bool:
    """Whether a figure counts a noun named before it: "..., of whom 60,000", "Of the 90,000 miners, 4,000"."""
    return _relative_antecedent(doc, q) is not None or _fronted_whole(q) is not None


def _fronted_whole(q: Span) -> list | None:
    """"Of the 90,000 miners who struck, 4,000 were dismissed": the whole the clause opens with."""
    root = q.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for prep in (c for c in root.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < q.start):
        obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in NOUN_POS), None)
        if obj is not None:
            return phrase_tokens(obj)
    return None


def _possessed_whole(doc: Doc, k: int, run: list) -> bool:
    """"half its total complement", "a third of their strength": a whole owned by a pronoun."""
    return k < len(doc) and doc[k].lower_ in ("its", "their", "his", "her") and run[-1].lower_ in _WHOLES


def clause_subject(q: Span) -> list | None:
    """The subject noun phrase of the verb a figure belongs to."""
    verb = governing_verb(q.root)
    if verb is None:
        return None
    noun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in NOUN_POS), None)
    return phrase_tokens(noun) if noun is not None else None


def valued_noun(doc: Doc, q: Span) -> list | None:
    """The noun a figure is the value of: "a population of 100,000", "the army numbered 1.3 million",
    "estimate famine deaths at 5.5 million", "casualties may have been one million"."""
    root = q.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUN_POS:
        if head.head.lemma_.lower() in _MEASURE_NOUNS and head.head.lemma_.lower() != "toll":
            return None  # "gives a number of 8.7 million": the number counts what the text was speaking of
        return phrase_tokens(head.head)
    verb = head.head if root.dep_ == "pobj" and head.lower_ in ("at", "to") else head
    if root.pos_ == "VERB" and root.lemma_.lower() in _VALUE_VERBS and root.i >= q.start:
        verb, root = root, q[-1]  # "exceeded seven million and may have reached twenty million": the verb is inside
    if root.dep_ in ("attr", "dobj", "pobj", "npadvmod", "nsubj") and verb.lemma_.lower() in _VALUE_VERBS:
        for dep in (("dobj",) if verb.lemma_.lower() in ("estimate", "put", "place") else ()) + ("nsubj", "nsubjpass"):
            noun = next((c for c in verb.children if c.dep_ == dep and c.pos_ in NOUN_POS and c.i != root.i), None)
            if noun is not None and noun.lower_ not in _MEASURE_NOUNS:
                return phrase_tokens(noun)
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None) \
                if noun is not None else None
            counted = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in NOUN_POS), None) \
                if of is not None else None
            if counted is not None:
                return phrase_tokens(counted)  # "the number of repression deaths is 950,000-1.2 million"
            if noun is not None and noun.lemma_.lower() in ("toll",):
                return phrase_tokens(noun)  # "the death toll was 36 million"
    return None


def measure_target(doc: Doc, q: Span) -> list | None:
    """The noun a bare measure noun gives the figure of: "a death toll of 36 million", "estimates of the
    death toll range from ...": the measure noun itself when it names an event ("toll")."""
    root = q.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _MEASURE_NOUNS:
        return phrase_tokens(head.head)
    return None


def phrase_tokens(noun) -> list:
    """A noun with its left modifiers and its "of" phrase."""
    left = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod") and t.pos_ in NP_POS]
    tokens = left + [noun]
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.pos_ in NOUN_POS:
        tokens += [of] + [t for t in obj.lefts if t.dep_ in ("compound", "amod") and t.pos_ in NP_POS] + [obj]
    return sorted(tokens, key=lambda t: t.i)


def governing_verb(start_token):
    """The verb a token belongs to: climbing heads through lists ("13 of 15 ..., 57 of 85 ... were shot"),
    past verbs that only describe the noun ("the members elected in 1934 were shot"), and through
    copulas to what they link ("were to perish", "were dead")."""
    lex_verbs = _verbs()
    tok = start_token
    for _ in range(10):
        if tok.pos_ == "VERB" and not (tok.dep_ in ("acl", "relcl", "amod") and tok.head.i in _span_ids(start_token)):
            return tok
        if tok.pos_ == "AUX" and tok.dep_ == "ROOT" or tok.lemma_ == "be" and tok.pos_ in ("AUX", "VERB"):
            for c in tok.children:
                if c.dep_ in ("xcomp", "acomp", "attr") and (c.pos_ == "VERB" or c.lemma_.lower() in lex_verbs):
                    return c
            if any(c.dep_ in ("acomp", "attr") and (c.lower_ in _adjectives() or c.lemma_.lower() in _nouns())
                   for c in tok.children):
                return tok  # "were dead or wounded", "being deliberate killings": the copula and what it says
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _verbs() -> dict:
    from .lexicon import current
    return current().verbs


def _nouns() -> dict:
    from .lexicon import current
    return current().nouns


def _adjectives() -> dict:
    from .lexicon import current
    return current().adjectives


def _span_ids(tok) -> set[int]:
    """Token indices of a token and its left modifiers (the noun phrase a participle may describe)."""
    return {tok.i} | {t.i for t in tok.lefts}


def negated(verb) -> bool:
    """"were not executed", "never arrested": the verb or its auxiliaries carry a negation."""
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


def noun_class(tok, lex: Lexicon) -> str | None:
    """The class a noun names ("deaths", "documented executions", "the death toll"), from the lexicon."""
    if tok is None:
        return None
    lemma = tok.lemma_.lower()
    left = next((t for t in tok.lefts if t.dep_ == "compound"), None)
    if left is not None and f"{left.lemma_.lower()} {lemma}" in lex.nouns:
        return lex.nouns[f"{left.lemma_.lower()} {lemma}"]
    return lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)


def verb_class(verb, lex: Lexicon, counts_people: bool) -> str | None:
    """A verb's class: from the lexicon, else its own lemma unless it is a light or reporting verb."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle and f"{lemma} {particle}" in lex.light_verbs or lemma in _VALUE_VERBS:
        return None  # "were carried out": the event is the noun's; "the toll reached 20,000" names none
    if lemma == "leave" and any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "only five were left": they remained
    cls = particle and lex.verbs.get(f"{lemma} {particle}") or lex.verbs.get(lemma) or lex.verbs.get(verb.lower_)
    if cls is None:  # "listed 268,950 people for arrest": the purpose names the event
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
            purpose = next((noun_class(o, lex) for o in prep.children if o.dep_ == "pobj" and noun_class(o, lex)), None)
            if purpose:
                return purpose
    if cls is None and lemma in lex.people_verbs:
        cls = lex.people_verbs[lemma] if counts_people else None
    if cls is None and lemma in ("come", "bring", "put") and _ends(verb):
        return "ended"  # "came to an end", "brought to an end", "put an end to"
    if cls is None and verb.pos_ == "VERB" and lemma not in lex.light_verbs and lemma not in lex.reporting_verbs \
            and lemma not in lex.people_verbs and lemma.isalpha() and len(lemma) > 2 \
            and verb.dep_ not in ("acomp", "amod", "compound", "npadvmod") and verb.text[:1].islower():
        cls = lemma  # a verb the lexicon does not know is its own class ("mind-numbing" is no event)
    return cls


def _ends(verb) -> bool:
    return any(t.lemma_.lower() == "end" for c in verb.children for t in c.subtree if t.i - verb.i <= 4)


def predicate(doc: Doc, start_token, head_noun, lex: Lexicon, counts_people: bool,
              share: bool = False, figure: Span | None = None) -> tuple[str | None, str | None, list]:
    """(predicate text, event class, the verbs it was read from) for a counted noun or figure."""
    frames = frames_lexicon()
    if share and noun_class(head_noun, lex) == "population":
        head_noun = None  # "half of the population died": the whole is the population, the event is the verb's
    if head_noun is not None and noun_class(head_noun, lex) and head_noun.lemma_.lower() not in _ROLE_NOUNS:
        return head_noun.text, noun_class(head_noun, lex), []  # "9 million deaths", "799,455 documented executions"
    described = [c for c in head_noun.children if c.dep_ in ("acl", "amod") and c.tag_ == "VBN"
                 and c.lemma_.lower() in lex.verbs] if head_noun is not None else []
    tok = governing_verb(start_token)
    linking = set(frames["linking_verbs"])
    for _ in range(3):  # "..., which represented 50% of the officer corps": the clause it restates
        if tok is None or tok.lemma_.lower() not in linking or tok.head is tok:
            break
        tok = governing_verb(tok.head)
    if tok is None or (described and not lex.verbs.get(tok.lemma_.lower())):
        if described:  # "30,000 of its officers executed or in the camps"
            return described[0].text, lex.verbs[described[0].lemma_.lower()], [described[0]]
        if head_noun is not None and noun_class(head_noun, lex):
            return head_noun.text, noun_class(head_noun, lex), []  # "some 20,000 prisoners": a role noun, no verb
        return None, None, []
    objects = {c.i for c in tok.children if c.dep_ == "dobj"}
    own_object = figure is not None and (figure.root.i in objects or figure.root.head.i in objects) \
        or head_noun is not None and head_noun.i in objects
    passive_head = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.head.children)
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB" and not has_subject(tok) \
            and not (own_object and passive_head):
        tok = tok.head  # "deported or killed 34,250": the first of the coordinated verbs; but "was struck and
        # lost half of its people": the figure is the second verb's object
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and not has_subject(c)
                     and not (any(o.dep_ == "dobj" for o in c.children)
                              and any(o.dep_ == "dobj" for o in tok.children))]
    verbs.sort(key=lambda t: t.i)
    if len(verbs) > 1:
        text = doc[verbs[0].i: verbs[-1].i + 1].text
    else:
        text = tok.text
        particle = [c for c in tok.children if c.dep_ == "prt"]
        if particle:
            text = doc[tok.i: particle[-1].i + 1].text
    classes = []
    for v in verbs:
        cls = verb_class(v, lex, counts_people)
        if cls == "deported" and head_noun is not None and head_noun.lemma_.lower() in frames["not_people"]:
            cls = None  # "sent 648 aircraft": things are not deported
        if cls == "deported":
            for prep in (c for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "into")):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    word = obj.lemma_.lower()
                    cls = frames["destinations"].get(word, frames["destinations"].get(word.rstrip("s"), cls))
        if cls is None or cls == v.lemma_.lower() and v.lemma_.lower() not in lex.verbs:
            objects = [c for c in v.children if c.dep_ in ("dobj", "attr")]
            cls = next((noun_class(o, lex) for o in objects if noun_class(o, lex)), cls)  # "became casualties"
        if cls is None or v.lemma_ == "be":
            adjectives = [c for c in v.children if c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in lex.adjectives]
            adjectives += [a for c in adjectives for a in c.conjuncts if a.lower_ in lex.adjectives]
            for adj in adjectives:  # "were dead or wounded"
                extra = lex.adjectives[adj.lower_]
                if extra not in classes:
                    classes.append(extra)
            cls = None if adjectives else cls
        if cls and cls not in classes:
            classes.append(cls)
    if (not classes or classes == ["occurred"]) and tok is not None:  # "these executions took place in 30 towns"
        subj = next((c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
                     and noun_class(c, lex) and (head_noun is None or c.i != head_noun.i)), None)
        if subj is not None:
            classes = [noun_class(subj, lex)]
    if not classes and head_noun is not None:  # "listing 268,950 people for arrest": the purpose names the event
        for prep in (c for c in head_noun.children if c.dep_ == "prep" and c.lower_ == "for"):
            purpose = next((noun_class(o, lex) for o in prep.children if o.dep_ == "pobj" and noun_class(o, lex)), None)
            if purpose:
                classes.append(purpose)
    if not classes and head_noun is not None:  # "the labour force in the camps exceeded seven million"
        for prep in (c for c in head_noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                word = obj.lemma_.lower()
                cls = frames["destinations"].get(word, frames["destinations"].get(word.rstrip("s")))
                if cls and cls not in classes:
                    classes.append(cls)
    if not classes and head_noun is not None and noun_class(head_noun, lex):
        return head_noun.text, noun_class(head_noun, lex), []  # "14 million prisoners" with no verb of their own
    known = [c for c in classes if c in lex.classes]
    if known and len(known) < len(classes):
        classes = known  # "were rounded up and deported": the lexicon's class, not the helper verb's lemma
    return text, "+".join(classes) or None, verbs


def has_subject(verb) -> bool:
    """A coordinated verb with a subject of its own is another clause ("..., and an unknown number died")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def adjective_class(doc: Doc, q: Span, lex: Lexicon) -> str | None:
    """"40,000 wounded", "some 9,000 dead": an adjective right after the figure names what happened."""
    if q.end < q.sent.end and doc[q.end].lower_ in lex.adjectives and doc[q.end].pos_ in ("ADJ", "VERB", "NOUN"):
        nxt = doc[q.end + 1] if q.end + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in NOUN_POS:
            return lex.adjectives[doc[q.end].lower_]
    return None


def _adverb_word(tok) -> str | None:
    word = tok.lower_
    if not word.endswith("ly") or len(word) < 6:
        return None
    stem = word[:-2]
    if stem.endswith("i"):  # "summarily" -> "summary"
        stem = stem[:-1] + "y"
    return stem


def _clause_between(verb, prep) -> bool:
    """Whether another verb stands between a verb and a phrase the parser hung on it ("sent to the camps with
    many dying - in transit ...": the phrase belongs to the other verb)."""
    lo, hi = sorted((verb.i, prep.i))
    return any(t.pos_ == "VERB" and t.i != verb.i for t in verb.doc[lo + 1:hi])


def restrictions(verbs: list, noun, q: Span, lex: Lexicon, counted: set[int]) -> frozenset:
    """The words that narrow an event to a part of it (see the module docstring)."""
    out: set[str] = set()
    stop = lex.restriction_stopwords | lex.event_heads

    def noun_words(obj) -> set[str]:
        if obj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "NORP", "PERSON", "ORG", "EVENT", "CARDINAL") \
                or obj.pos_ not in NOUN_POS or obj.i in counted:
            return set()
        words = {obj.lemma_.lower()} | {t.lemma_.lower() for t in obj.children
                                        if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ")}
        return {w for w in words if w.isalpha() and w not in stop and len(w) > 2}

    for verb in verbs:
        for c in verb.children:
            if c.dep_ == "advmod" and c.pos_ == "ADV":
                word = _adverb_word(c)
                if word and word not in stop and c.lower_ not in stop:
                    out.add(word)
            elif c.dep_ == "prep" and c.lower_ in _RESTRICTING_PREPS and not (c.lower_ == "of" and c.i < verb.i) \
                    and not _clause_between(verb, c):
                for obj in (o for o in c.children if o.dep_ == "pobj"):
                    if c.lower_ in ("by",) and (obj.ent_type_ or obj.lemma_.lower() in ("order", "state")):
                        continue  # "by the NKVD": who, not how
                    if obj.lemma_.lower() in stop:
                        continue  # "by the end of two waves of arrests": when, not how
                    if c.lower_ in ("at", "on", "from", "before", "after") and obj.lemma_.lower() in _TIME_UNITS:
                        continue
                    out |= noun_words(obj)
            elif c.dep_ == "xcomp" and c.lemma_.lower() == "await":
                out |= {o.lemma_.lower() for o in c.children if o.dep_ == "dobj" and o.lemma_.lower() not in stop}

    for verb in verbs:  # "executed (by the courts) using the guillotine": the instrument narrows the event
        for t in verb.subtree:
            if t.dep_ in ("advcl", "acl", "xcomp") and t.lemma_.lower() in ("use", "employ") and t.i - verb.i < 8:
                for o in (o for o in t.children if o.dep_ == "dobj"):
                    out |= noun_words(o)
    if noun is not None:
        for c in noun.children:
            if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN") and not c.ent_type_ \
                    and c.lemma_.lower() not in lex.verbs and lex.demonym_place(c.lower_) is None:
                word = c.lemma_.lower()
                if word.isalpha() and word not in stop and word not in lex.nouns and len(word) > 2:
                    out.add(word)
    doc = q.doc
    before = doc[q.start - 1] if q.start > 0 else None
    after = doc[q.end] if q.end < len(doc) else None
    for tok in list(q.sent):
        if tok.lemma_.lower() in _TIME_UNITS and tok.i >= q.end and any(
                c.lower_ in ("every", "each", "a", "an", "per") for c in tok.children) and tok.dep_ in (
                "npadvmod", "pobj", "dobj", "nmod", "obl"):
            out.add(f"per {tok.lemma_.lower()}")  # "800 people were dying every day": a rate, not a total
        elif tok.lower_ in _RATE_ADVERBS and tok.i >= q.start - 3:
            out.add(f"per {_RATE_ADVERBS[tok.lower_]}")
    first = q[0].lower_
    if before is not None and before.lower_ in lex.additive_words and before.lower_ != "more" \
            or first in lex.additive_words and first != "more" \
            or after is not None and after.lower_ == "more" and after.dep_ in ("amod", "advmod"):
        out.add("additional")
    return frozenset(out)
