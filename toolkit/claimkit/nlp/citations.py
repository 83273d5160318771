"""Citations and attributions: on whose word a figure stands.

Reads plain text (usually a Source's cleaned ``text``) and reports character
offsets into that same text; it needs no NLP pipeline. Three things are read.

**Citations** (:func:`find_citations`), each a :class:`Citation`:

- parenthetical works, one per ";"-separated part of a parenthesis, after an
  optional lead-in ("see", "see also", "cf.", "e.g.", "quoted in", "cited
  in"), in these shapes, tried in this order: "TITLE by AUTHOR [YEAR]",
  "AUTHOR, TITLE[, YEAR]", "AUTHOR's TITLE[, YEAR]", "AUTHOR[,] YEAR" with
  pages after ":" or "," ("Conquest, 1990: 45-47", "Getty and Naumov 1999,
  588", "Davies et al. 2004"), a bare TITLE, and "ibid." (``kind="ibid"``,
  given the id of the work cited before it);
- a TITLE is quoted (“…”, "…", ‘…’, '…', *…*, _…_) or a Title Case run
  (capitalised words joined by short words: "of", "the", "in"...); an AUTHOR
  is one or more names joined by ",", "and", "&", maybe ending "et al.";
- pages anywhere in the part: "p. 45", "pp. 12-15", "page 9", "pages 347 to
  349"; stored as "347-349" (ranges with "-", lists with ", ");
- to keep asides out, a shape without a lead-in needs a year (or a quoted
  title), a bare title needs a lead-in and two words or quotes, "TITLE by
  AUTHOR" needs two title words, and "AUTHOR YEAR" fails when AUTHOR is a
  place, month or season ("(Moscow 1937)", "(March 1917)"); year ranges
  ("(1937-1938)", "(Stalin 1929-1953)") are never citations;
- narrative author-date citations: "Conquest (1990) estimates",
  "according to Conquest (1990, p. 45)";
- bracket references "[12]", "[12][13]", "[3, 4]" (``kind="reference"``, no
  title). Numeric footnote markers (glued, superscript) are read by
  :func:`claimkit.read.sources.find_footnote_markers`, not here; the cleaned text
  of a Source has its bracket markers removed as footnotes too.

``Citation.text`` is the reference as written: the whole parenthesis when it
holds one work, the part (without parentheses) when it holds several.

**Attributions** (:func:`find_attributions`), each an :class:`Attribution`
whose ``start``/``end`` cover the name only (``text[start:end]`` is the name
as written; ``name`` collapses its white space; ``verb`` is the cue, lower
case): "according to X" ("according to Stalin biographer X" gives X), "X
claims/argues/estimates/writes/believes/suggests/reports/notes/... (that)",
"X has argued", "X (1990) estimates", "X, however, claims", "as X put it"
and "X puts the figure at" (verb "put"/"puts"), "X's estimate/figures/
account/view" and "in X's view" (verb is the noun), "in the words/view of
X", "historian X" (verb None), and groups: "scholars estimate", "some
historians believe", "Soviet sources claim", "official records reveal",
"according to some estimates", "according to the 1939 census".

- X is a run of 1-4 capitalised tokens (person or institution) with initials
  ("R. W. Davies") and particles ("von", "de", "van"), or two such runs
  joined by "and"; a leading "the" is left out of the span.
- Capitalised function words ("The", "In", "By", "Then"...), sentence-initial
  roles and group nouns, month, day and season names never start or join a
  name: "In March Orlov claims" gives "Orlov"; "In 1937 the purge began" and
  "By the spring" give nothing.
- "states" and "records" count only before "that", "how", ":" or a quote
  ("the Baltic states" is no source); a reporting noun followed by a verb
  ("Orlov estimates were dismissed") is no attribution.
- Decision: an institution is a source like a person. "The Party claims" is
  attributed to "Party", "the Soviet government claimed" to "Soviet
  government". ``generic`` is true only for groups that name no one ("some
  historians", "official figures"), not for institutions.

**Per sentence** (:func:`sentence_sources`): the citations, attributions and
footnote markers of each sentence span, and ``sourced``, false when the
sentence has none of the three. A reference or marker that opens a sentence
("... million. [12] Then ...") or sits between two sentences belongs to the
sentence before it.

Identity: ``citation_id`` is the first 12 hex digits of the SHA-1 of the
normalised author surnames, title (accents, case, punctuation and a leading
article dropped) and year, so "(Conquest 1990)" and "(Robert Conquest, 1990:
45)" are one work; the same author and year with a title is another, since
the text says more there. A bracket reference hashes its label ("[12]" is one
entry however often it appears). :func:`citations_table` keeps the first
mention of each id and counts the mentions.

Limits: no nested parentheses, no parenthesis across a line break; look-alike
asides still pass ("(Kirov, 1934)", "(NKVD, 1937)"); pronouns ("he argues",
"according to him") are not resolved; titles in running text outside
parentheses are not read; a sentence subject that is a common capitalised
word missing from the stop list can pass as a name.

The short word lists below are constants here for now; they may move to
``data/`` like the package's other word lists.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# --- word lists (may move to data/citations.json) -----------------------------

_STOP_WORDS = (
    "The A An In On At By For From With Of To As This That These Those It Its He "
    "She They We I You His Her Their Our My But And Or Nor Yet So Then When While "
    "After Before During Since Although Though However Thus Hence Some Many Most "
    "Other Others Such Both Each Every All Any No Not One Only Even Also If Unlike "
    "Like Under Over Between Among Against Later Earlier Today Here There What "
    "Which Who Whose Where Why How Evidence Research Nobody Everyone Someone "
    "Nothing Everything Indeed Moreover Furthermore Meanwhile Still Instead "
    "Perhaps Certainly Clearly Similarly Likewise Yes Ibid See Cf Page Pages "
    "Official Western Recent Later Modern Contemporary Independent Archival "
    "Revisionist Declassified "
    # sentence-initial roles and groups: "Historian R. W. Davies", "Scholars estimate"
    "Historian Historians Scholar Scholars Researchers Demographers Economists "
    "Experts Officials Estimates Figures Sources Records Archives Documents Data "
    "Statistics Reports Accounts Studies Critics Witnesses Survivors Writers"
).split()
_MONTHS = (
    "January February March April May June July August September October "
    "November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_DAYS_SEASONS = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer "
    "Autumn Fall Winter Early Late Mid Circa Born Died"
).split()
# Capitalised words that are places, not authors, in "(Moscow 1937)".
_NOT_AUTHORS = {
    w.lower()
    for w in (
        "Moscow Leningrad Petrograd Petersburg Kiev Kyiv Kharkiv Kharkov Minsk "
        "Warsaw Berlin Paris London Vienna Prague Budapest Ukraine Russia Soviet "
        "Union USSR Siberia Kazakhstan Georgia Poland Germany Europe Asia Stalingrad "
        "Kolyma Katyn Vorkuta Solovki Magnitogorsk Census Plan Congress Constitution"
    ).split()
}
_PARTICLES = "von|van|de|der|den|du|da|di|dos|la|le|ten|ter|al"
_MINOR = (
    "of|the|a|an|and|in|on|for|to|at|with|from|under|against|between|into|"
    "through|over|after|before|during|without|versus|vs\\.?|or|nor|but|as|its|"
    "his|her|their|is|was|are|&"
)
_REPORT_VERBS = (
    "claims?|claimed|argues?|argued|estimates?|estimated|writes|write|"
    "wrote|believes?|believed|suggests?|suggested|reports?|reported|"
    r"(?:states?|records?)(?=\s*(?:that\b|how\b|[:“\"]))|"
    "stated|says|said|notes?|noted|maintains?|maintained|contends?|contended|"
    "asserts?|asserted|calculates?|calculated|concludes?|concluded|insists?|"
    "insisted|observes?|observed|remarks?|remarked|recorded|counts?|reveals?|revealed|"
    "counted|reckons?|reckoned|(?:finds|found)(?= that)|cites?|cited|recalls?|recalled|"
    "admits?|admitted|acknowledges?|acknowledged|concedes?|conceded|alleges?|"
    "alleged|declares?|declared|announces?|announced|testifies|testified|"
    "confirms?|confirmed|thinks|thought|"
    r"puts?(?=[ \n](?:it\b|the (?:\w+ )?"
    r"(?:figure|number|toll|total|count|losses|estimate)))"
)
# Verbs a group of sources can take besides reporting verbs ("figures show").
_GROUP_VERBS = _REPORT_VERBS + (
    "|shows?|showed|shown|indicates?|indicated|gives?|gave|lists?|listed|"
    "ranges?|ranged|vary|varies|varied|places?|placed|speak|speaks|"
    "stated|records?"
)
# Unnamed institutions: a group, but not a generic one ("the government claimed").
_INSTITUTIONS = "government|regime|press|leadership|authorities|census(?:es)?|party"
_GROUP_NOUNS = (
    "historians?|scholars?|researchers?|demographers?|economists?|experts?|"
    "specialists?|analysts?|commentators?|observers?|critics?|writers?|"
    "witnesses|survivors|officials|estimates?|figures|sources?|"
    "records|archives?|documents?|data|statistics|reports?|accounts?|studies|"
    "study|calculations?|"
    "newspapers?|memoirs?|propaganda|"
    + _INSTITUTIONS
)
_GROUP_DETS = (
    "some|many|most|several|other|certain|various|numerous|few|a few|these|"
    "those|the|all|both|one|a|an|two|three|leading|prominent"
)
_GROUP_ADJS = (
    "official|western|soviet|russian|ukrainian|archival|recent|later|earlier|"
    "modern|contemporary|independent|revisionist|conservative|liberal|local|"
    "foreign|party|government|police|secret|internal|published|unpublished|"
    "émigré|emigre|academic|serious|reliable|other|most|more|regional|central|"
    "provincial|national|state|tsarist|imperial|german|polish|british|american"
)
_POSSESSED = (
    "estimates?|figures?|calculations?|count|total|tally|account|view|claims?|"
    "data|study|research|analysis|numbers|reckoning|statistics|report|opinion|"
    "words|judgm?ent|judgement|estimation|conclusion|research"
)
_ROLES = (
    "historians?|scholars?|demographers?|economists?|journalists?|writers?|"
    "researchers?|sociologists?|archivists?|biographers?|defectors?|"
    "commentators?|analysts?|professor|Professor|Dr\\.?"
)

# --- building blocks ----------------------------------------------------------

_SP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"  # a space, at most one line break
_UP = "A-ZÀ-ÖØ-Þ"
_STOP = "|".join(_STOP_WORDS + _MONTHS + _DAYS_SEASONS)
_TOKEN = (
    rf"(?!(?:{_STOP})\b(?!\.))(?:[{_UP}]\.(?![\w])|(?:Mc|Mac|O['’])?[{_UP}][\w]*"
    rf"(?:['’][{_UP}]\w*)?(?:-[{_UP}]?\w+)*)(?!\w)"
)
_WITH_PARTICLES = rf"(?:(?:{_PARTICLES}){_SP})*{_TOKEN}"
_NAME = rf"{_WITH_PARTICLES}(?:{_SP}{_WITH_PARTICLES}){{0,3}}"
_NAMES = rf"{_NAME}(?:{_SP}(?:and|&){_SP}{_NAME})?"  # "Zhores and Roy Medvedev"
_AUTHORS = (
    rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:{_SP}et{_SP}al\.?)?"
)
_YEAR = r"(?:1[5-9]\d\d|20[0-4]\d)[a-z]?"
_PAGE = r"\d{1,4}[a-z]?"
_PAGE_RANGE = rf"{_PAGE}(?:\s*(?:-|–|—|to)\s*{_PAGE})?"
_PAGES = rf"{_PAGE_RANGE}(?:\s*(?:,|and|&)\s*(?!{_YEAR}\b){_PAGE_RANGE})*(?:\s*ff?\.)?"
_EXPLICIT_PAGES = re.compile(
    rf"(?:[,:;]\s*)?\b(?:pages?|pp\.?|p\.|p(?=\s*\d))\s*(?P<pages>{_PAGES})", re.I
)
_QUOTED = (
    r"(?:“[^”\n]{2,200}”|\"[^\"\n]{2,200}\"|‘[^\n]{2,200}?’(?!\w)|"
    r"'[^\n]{2,200}?'(?!\w)|\*[^*\n]{2,200}\*|_[^_\n]{2,200}_)"
)
_TITLE_FIRST = rf"[{_UP}][\w'’\-]*[:.,]?"
_TITLE_MID = rf"(?:[{_UP}0-9][\w'’\-]*[:.,]?|(?:{_MINOR}))"
_TITLE_LAST = (
    rf"(?:(?!(?:The|A|An|Of|And|In|On|For|To)\b)[{_UP}][\w'’\-]*[?!]?"
    r"|(?<=in )\d{4}|(?<=of )\d{4})"
)
_TITLE_RUN = rf"{_TITLE_FIRST}(?:(?:\s+{_TITLE_MID})*?\s+{_TITLE_LAST})?"
_TITLE = rf"(?:{_QUOTED}|{_TITLE_RUN})"
_OPT_YEAR = rf"(?:\s*,?\s*\(?(?P<year>{_YEAR})\)?)?"

_WORK_SHAPES = [
    ("by", re.compile(rf"(?P<title>{_TITLE})\s*,?\s+by\s+(?P<author>{_AUTHORS})"
                      + _OPT_YEAR)),
    ("comma", re.compile(rf"(?P<author>{_AUTHORS})\s*[,:]\s*(?P<title>{_TITLE})"
                         + _OPT_YEAR)),
    ("possessive", re.compile(rf"(?P<author>{_AUTHORS})['’]s\s+(?P<title>{_TITLE})"
                              + _OPT_YEAR)),
    (
        "author-date",
        re.compile(
            rf"(?P<author>{_AUTHORS})\s*,?\s*(?P<year>{_YEAR})"
            rf"(?:\s*[:,]\s*(?P<pages>{_PAGES}))?"
        ),
    ),
    ("title", re.compile(rf"(?P<title>{_TITLE}){_OPT_YEAR}")),
]
_LEAD_IN = re.compile(
    r"^(?:(?:see(?:\s+also)?|cf\.?|compare|e\.\s?g\.|for example|quoted in|"
    r"cited in|as cited in|sources?:)[\s,:]*)+",
    re.I,
)
_IBID = re.compile(
    rf"(?:ibid\.?|ibidem|ib\.)(?:\s*,?\s*(?:(?:pp?\.|pages?)\s*)?(?P<pages>{_PAGES}))?",
    re.I,
)
_PAREN = re.compile(r"\(([^()\n]{2,300})\)")
_BRACKET = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
_VERB_AFTER = (
    rf"(?:{_SP}\([^()\n]{{1,40}}\))?"  # "Conquest (1990) estimates"
    r"(?:\s*,\s*(?:however|though|too|for instance|for example|by contrast|"
    r"in contrast),)?"
    rf"(?:{_SP}(?:has|had|have|would|will|also|himself|herself|once|later|even|"
    r"rightly|famously|plausibly|repeatedly|too|then|now))*"
)
_NOT_NOUN_USE = (
    rf"(?!{_SP}(?:were|was|are|is|of|about|by|and|show|showed|shows|list|listed|"
    r"indicate|indicated|range|ranged|vary|varied|have|had|from)\b)"
)
_NARRATIVE_BODY = (
    rf"(?<![\w’'-])(?P<author>{_AUTHORS}){_SP}\((?P<year>{_YEAR})"
    rf"(?:\s*[:,]\s*(?:(?:pp?\.|pages?)\s*)?(?P<pages>{_PAGES}))?\)"
)
_NARRATIVE = [
    # "Conquest (1990) estimates ..."
    re.compile(
        _NARRATIVE_BODY
        + rf"(?={_SP}(?:(?:has|had|also){_SP})?(?:{_REPORT_VERBS})\b)"
    ),
    # "according to Conquest (1990, p. 45), ..."
    re.compile(r"(?<=[Aa]ccording to )" + _NARRATIVE_BODY),
]

_GROUP = (
    rf"(?:(?i:{_GROUP_DETS}){_SP})?"
    rf"(?:(?:{_TOKEN}|(?i:{_GROUP_ADJS})){_SP}){{0,2}}(?i:{_GROUP_NOUNS})\b"
)
_INST_YEAR = rf"(?i:the){_SP}\d{{4}}{_SP}(?:census|report|survey|count)\b"
# (fixed verb, pattern, may name a group); the name is group "name", the cue "cue".
_ATTRIBUTION_PATTERNS = [
    (
        # "according to Stalin biographer Dmitri Volkogonov": the person, not "Stalin"
        "according to",
        re.compile(
            rf"\b[Aa]ccording{_SP}to{_SP}(?:(?:the|a|an){_SP})?"
            rf"(?:[\w’'-]+{_SP}){{0,2}}(?:{_ROLES}){_SP}(?P<name>{_NAMES})"
        ),
        False,
    ),
    (
        "according to",
        re.compile(
            rf"\b[Aa]ccording{_SP}to{_SP}(?:(?:the|a|an){_SP})?"
            rf"(?P<name>{_INST_YEAR}|{_GROUP}|{_NAMES})"
            rf"(?!{_SP}(?:(?i:{_ROLES})\b|{_TOKEN}))"
        ),
        True,
    ),
    (
        None,
        re.compile(
            rf"(?<![\w’'-])(?P<name>{_INST_YEAR}|{_GROUP}){_VERB_AFTER}{_SP}"
            rf"(?P<cue>{_GROUP_VERBS})\b"
        ),
        True,
    ),
    (
        None,
        re.compile(
            rf"(?<![\w’'-])(?P<name>{_NAMES}){_VERB_AFTER}{_SP}"
            rf"(?P<cue>{_REPORT_VERBS})\b{_NOT_NOUN_USE}"
        ),
        False,
    ),
    (
        None,
        re.compile(
            rf"(?<![\w’'-])(?:(?i:the){_SP})?(?P<name>{_NAME})['’]s{_SP}"
            rf"(?:(?:own|latest|first|last|later|earlier|official|revised|high|low|"
            rf"higher|lower){_SP})?(?P<cue>{_POSSESSED})\b"
        ),
        False,
    ),
    (
        None,
        re.compile(
            rf"\b[Ii]n{_SP}the{_SP}(?P<cue>view|words|opinion|estimation|judgm?ent)"
            rf"{_SP}of{_SP}(?:the{_SP})?(?P<name>{_NAME})"
        ),
        False,
    ),
    (None, re.compile(rf"\b(?:{_ROLES}){_SP}(?P<name>{_NAME})"), False),
]
_ARTICLE = re.compile(r"^(?:the|The)\s+")
_GENERIC_WORDS = set(_GROUP_DETS.split("|")) | set(_GROUP_ADJS.split("|"))


@dataclass
class Citation:
    """A work (or numbered reference) the text cites, with its place in the text."""

    citation_id: str
    title: str | None
    author: str | None
    year: int | None
    pages: str | None
    text: str
    start: int
    end: int
    kind: str = "work"  # "work", "reference" ([12]) or "ibid"


@dataclass
class Attribution:
    """Who the text says a statement comes from; ``start``/``end`` cover the name."""

    name: str
    verb: str | None
    start: int
    end: int
    generic: bool = False


# --- citations ----------------------------------------------------------------


def _normalise(value: str | None) -> str:
    """Lower case, no accents, no punctuation, single spaces."""
    if not value:
        return ""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = re.sub(r"['’]", "", value.lower())
    return " ".join(re.sub(r"[^\w]+", " ", value).split())


def _surnames(author: str | None) -> str:
    """The family names of an author string: "Robert Conquest" -> "conquest"."""
    if not author:
        return ""
    author = re.sub(r"\bet\s+al\.?", "", author)
    names = []
    for one in re.split(r"\s*(?:,|\band\b|&)\s*", author):
        words = one.split()
        if not words:
            continue
        k = len(words) - 1
        while k > 0 and re.fullmatch(_PARTICLES, words[k - 1]):
            k -= 1
        names.append(_normalise(" ".join(words[k:])))
    return " ".join(n for n in names if n)


def citation_id(author: str | None, title: str | None, year: int | None) -> str:
    """Stable id of a work: SHA-1 of normalised surnames, title and year (12 hex)."""
    title_key = re.sub(r"^(?:the|a|an) ", "", _normalise(title))
    key = f"{_surnames(author)}|{title_key}|{year or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _reference_id(label: str) -> str:
    """Stable id of a bracket reference, from its label ("12", "3, 4")."""
    key = "ref|" + ",".join(re.findall(r"\d+", label))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _pages(value: str | None) -> str | None:
    """Pages as "347-349" or "12, 15": ranges with "-", lists with ", "."""
    if not value:
        return None
    value = re.sub(r"\s*(?:-|–|—|\bto\b)\s*", "-", value.strip())
    value = re.sub(r"\s*(?:,|\band\b|&)\s*", ", ", value)
    return value.rstrip(" .,")


def _strip_title(title: str | None) -> str | None:
    """A title without its quotes or emphasis marks and trailing commas."""
    if not title:
        return None
    title = title.strip().rstrip(",")
    if len(title) > 2 and title[0] in "“\"‘'*_" and title[-1] in "”\"’'*_":
        title = title[1:-1].strip()
    return " ".join(title.split()) or None


def _is_quoted(title: str) -> bool:
    return title[:1] in "“\"‘'*_"


def _author_ok(author: str) -> bool:
    """False for a place or other non-author word in "(Moscow 1937)"."""
    words = [_normalise(w) for w in re.split(r"[\s,&]+|\band\b", author) if w.strip()]
    return not any(w in _NOT_AUTHORS for w in words)


def _parse_work(body: str) -> dict | None:
    """Author, title, year and pages of one parenthetical reference, or None."""
    text = body.strip()
    lead = _LEAD_IN.match(text)
    led_in = bool(lead)
    if lead:
        text = text[lead.end():]
    text = text.strip().rstrip(".,;: ")
    if not text:
        return None
    m = _IBID.fullmatch(text)
    if m:
        return {"kind": "ibid", "author": None, "title": None, "year": None,
                "pages": _pages(m.group("pages"))}
    pages = None
    explicit = _EXPLICIT_PAGES.search(text)
    if explicit:
        pages = _pages(explicit.group("pages"))
        text = (text[:explicit.start()] + text[explicit.end():]).strip().rstrip(".,;: ")
    for shape, pattern in _WORK_SHAPES:
        m = pattern.fullmatch(text)
        if not m:
            continue
        groups = m.groupdict()
        author, title = groups.get("author"), groups.get("title")
        year = groups.get("year")
        pages = pages or _pages(groups.get("pages"))
        if shape == "author-date" and not (_author_ok(author) or pages):
            continue
        if shape == "title":
            quoted = _is_quoted(title)
            if not (led_in and (quoted or len(title.split()) >= 2) or quoted and year):
                continue
        elif shape != "author-date" and not (led_in or year or _is_quoted(title)):
            continue
        if shape == "by" and not (_is_quoted(title) or len(title.split()) >= 2):
            continue
        return {
            "kind": "work",
            "author": " ".join(author.split()) if author else None,
            "title": _strip_title(title),
            "year": int(year[:4]) if year else None,
            "pages": pages,
        }
    return None


def _parts(body: str, offset: int) -> list[tuple[str, int, int]]:
    """The ";"-separated parts of a parenthesis body with their offsets."""
    parts, pos = [], 0
    for chunk in body.split(";"):
        lead = len(chunk) - len(chunk.lstrip())
        trimmed = chunk.strip()
        if trimmed:
            start = offset + pos + lead
            parts.append((trimmed, start, start + len(trimmed)))
        pos += len(chunk) + 1
    return parts


def find_citations(text: str) -> list[Citation]:
    """Parenthetical works, narrative "Author (Year)" citations, bracket references."""
    found: list[Citation] = []
    for m in _PAREN.finditer(text):
        parts = _parts(m.group(1), m.start(1))
        parsed = [(_parse_work(p), s, e) for p, s, e in parts]
        whole = len(parts) == 1
        for fields, s, e in parsed:
            if fields is None:
                continue
            start, end = (m.start(), m.end()) if whole else (s, e)
            found.append(_make(fields, text, start, end))
    for pattern in _NARRATIVE:
        for m in pattern.finditer(text):
            author = " ".join(m.group("author").split())
            if not _author_ok(author):
                continue
            year, pages = int(m.group("year")[:4]), _pages(m.group("pages"))
            fields = {"kind": "work", "author": author, "title": None,
                      "year": year, "pages": pages}
            found.append(_make(fields, text, m.start(), m.end()))
    for m in _BRACKET.finditer(text):
        found.append(Citation(_reference_id(m.group(1)), None, None, None, None,
                              m.group(), m.start(), m.end(), kind="reference"))
    found.sort(key=lambda c: (c.start, c.end))
    previous = None
    for c in found:
        if c.kind == "ibid":
            c.citation_id = (
                previous.citation_id if previous else citation_id(None, "ibid", None)
            )
        elif c.kind == "work":
            previous = c
    return found


def _make(fields: dict, text: str, start: int, end: int) -> Citation:
    kind = fields["kind"]
    author, title, year = fields["author"], fields["title"], fields["year"]
    cid = "" if kind == "ibid" else citation_id(author, title, year)
    return Citation(cid, title, author, year, fields["pages"],
                    text[start:end], start, end, kind=kind)


# --- attributions -------------------------------------------------------------


def _generic(name: str) -> bool:
    """True when a group names no one: "some historians", "official figures"."""
    words = [w.lower() for w in name.split()]
    if not words or not re.fullmatch(_GROUP_NOUNS, words[-1]):
        return False
    if re.fullmatch(_INSTITUTIONS, words[-1]):
        return False
    return all(w in _GENERIC_WORDS or re.fullmatch(_GROUP_NOUNS, w) for w in words)


def find_attributions(text: str) -> list[Attribution]:
    """Who the text cites as the source of its statements, in text order."""
    found: dict[tuple[int, int], Attribution] = {}
    for verb, pattern, may_be_group in _ATTRIBUTION_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span("name")
            name = m.group("name")
            article = _ARTICLE.match(name)
            if article:
                start += article.end()
                name = name[article.end():]
            cue = m.group("cue").lower() if "cue" in pattern.groupindex else verb
            if (start, end) in found:
                if found[(start, end)].verb is None:
                    found[(start, end)].verb = cue
                continue
            if any(a.start < end and start < a.end for a in found.values()):
                continue
            generic = may_be_group and _generic(name)
            name = " ".join(name.split())
            found[(start, end)] = Attribution(name, cue, start, end, generic)
    return sorted(found.values(), key=lambda a: a.start)


# --- per sentence -------------------------------------------------------------


def _owner(spans: list[tuple[int, int]], text: str, start: int) -> int | None:
    """Index of the sentence a reference at ``start`` belongs to.

    A reference that opens a sentence (only spaces or punctuation before it)
    belongs to the sentence before; one in a gap between sentences to the one
    that ended just before it.
    """
    owner = None
    for i, (s, e) in enumerate(spans):
        if s <= start < e:
            if i > 0 and not text[s:start].strip(" \t\n.,;:)]"):
                return i - 1
            return i
        if e <= start:
            owner = i
    if owner is not None and text[spans[owner][1]:start].strip(" \t\n.,;:)]") == "":
        return owner
    return None


def _footnote_items(footnotes: Iterable) -> list[tuple[int, str]]:
    """(offset, marker) pairs from tuples or from dicts with "start" and "marker"."""
    items = []
    for f in footnotes:
        if isinstance(f, dict):
            items.append((f["start"], str(f.get("marker", ""))))
        else:
            items.append((f[0], str(f[1])))
    return items


def sentence_sources(
    text: str,
    sentences: list[tuple[int, int]],
    footnotes: Iterable | None = None,
) -> list[dict]:
    """The citations, attributions and footnote markers of each sentence span.

    ``footnotes`` are (offset, marker) pairs or dicts with "start" and "marker",
    in offsets of ``text``. Each dict holds ``start``, ``end``, ``citations``
    (Citation objects), ``citation_ids`` (distinct, in order), ``attributions``
    (Attribution objects), ``attribution_names``, ``footnotes`` (markers) and
    ``sourced`` (any of the three).
    """
    out = [
        {"start": s, "end": e, "citations": [], "citation_ids": [], "attributions": [],
         "attribution_names": [], "footnotes": [], "sourced": False}
        for s, e in sentences
    ]
    for c in find_citations(text):
        i = _owner(sentences, text, c.start)
        if i is not None:
            out[i]["citations"].append(c)
            if c.citation_id not in out[i]["citation_ids"]:
                out[i]["citation_ids"].append(c.citation_id)
    for a in find_attributions(text):
        for i, (s, e) in enumerate(sentences):
            if s <= a.start < e:
                out[i]["attributions"].append(a)
                if a.name not in out[i]["attribution_names"]:
                    out[i]["attribution_names"].append(a.name)
                break
    for offset, marker in _footnote_items(footnotes or ()):
        i = _owner(sentences, text, offset)
        if i is not None:
            out[i]["footnotes"].append(marker)
    for row in out:
        row["sourced"] = bool(
            row["citations"] or row["attributions"] or row["footnotes"]
        )
    return out


def cited_near(
    citations: list[Citation],
    start: int,
    end: int,
    window: int = 160,
    limit: int | None = None,
) -> list[Citation]:
    """Citations starting after a figure's ``end``, within ``window`` chars.

    Pass the citations of the figure's sentence, or its end as ``limit``; a
    citation that contains the figure (its year or pages) is not returned.
    """
    near = [
        c
        for c in citations
        if end <= c.start <= end + window
        and (limit is None or c.start < limit)
        and not c.start <= start < c.end
    ]
    return sorted(near, key=lambda c: c.start)


def in_citation(citations: list[Citation], start: int, end: int) -> Citation | None:
    """The citation a span lies in (a year or page number of a reference), if any."""
    for c in citations:
        if c.start <= start and end <= c.end:
            return c
    return None


def citations_table(citations: Iterable[Citation]) -> list[dict]:
    """One row per ``citation_id``: its first mention, with the count of mentions."""
    rows: dict[str, dict] = {}
    for c in citations:
        row = rows.get(c.citation_id)
        if row is None:
            rows[c.citation_id] = {
                "citation_id": c.citation_id, "kind": c.kind, "title": c.title,
                "author": c.author, "year": c.year, "pages": c.pages, "text": c.text,
                "start": c.start, "end": c.end, "mentions": 1,
                "pages_cited": [c.pages] if c.pages else [],
            }
            continue
        row["mentions"] += 1
        for field in ("title", "author", "year"):
            if row[field] is None and getattr(c, field) is not None:
                row[field] = getattr(c, field)
        if c.pages and c.pages not in row["pages_cited"]:
            row["pages_cited"].append(c.pages)
    return list(rows.values())
