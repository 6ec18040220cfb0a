"""The quantity reader: every figure in English prose, read as a typed :class:`Quantity`.

``read_quantities(text)`` returns the figures of ``text`` in order of position. It is a pure
function (no state, no I/O), so it can run in a process pool. Time is linear in the length of
the text: one pass of precompiled patterns finds candidates, and each is finished by looking at
a bounded window around it.

How figures are read
--------------------
* Digits: "28,000", "1 000" (also with thin or no-break spaces), "2.5", ".5", "1,00,000" (Indian
  grouping), "2.5e3", "3 × 10⁸", "10⁶", "2½", "1 3/4". A document whose dotted figures group
  thousands ("42.000", "28.422", "1.234.567") and that has no comma-grouped figure is read with
  dots grouping thousands: a dot followed by exactly three digits groups them (also before a
  scale: "2.312m" is 2,312 million), and such a figure is ``ambiguous`` with the decimal reading
  in ``alt_value``/``alt_low``/``alt_high``. Other documents read "2.312m" as 2.312 million.
* Scales: thousand, million, billion, trillion, lakh, crore, dozen, k, m, mn, bn, tn ("b"/"B"
  only in money; a glued "m" that no currency governs is metres when a word of length follows it or is
  the nearer cue in its clause ("100m sprint", "a 15m-high wall", "the javelin landed at 89.94m") and millions
  when a counted plural or a word of money does ("15m viewers", "a 4m salary", "paid 12m"); a glued "k"
  counts thousands only before a plural noun, a currency or punctuation, so "4K TV" is no figure). ``scale``
  is the multiplier. "times" after a power of ten ("10⁶ times") makes a ratio.
* Words: "sixteen", "twenty-five", "two thousand and nineteen", "a hundred", "a dozen",
  "half a million", "a quarter of a million", "one and a half million", fractions ("one third",
  "two-thirds", "a quarter", "half of"; kind ratio), ratios ("1 in 8", "nine out of 10",
  "9.4 times", "tenfold"), ordinals ("first", "twenty-first", "3rd"; kind ordinal). A bare "one"
  or "zero" is read only when something makes it a figure (a unit, a qualifier, a range); a bare "one" also when it
  counts the singular noun after it ("killing one person"; not "one of", "at one point", "one official said").
* Vague plurals ("dozens", "hundreds", "thousands", "tens of thousands", "hundreds of millions",
  "billions of dollars", and "several"/"a few" + dozen/hundred/thousand/million) are ranges with
  qualifier ``about``: for the base B the words name (hundreds: 100, tens of thousands: 10,000)
  the range is 2·B to 9·B, so "tens of thousands" is 20,000-90,000 and "hundreds" 200-900.
  ``scale`` is 1,000 or more only when a thousand-or-larger word is part of the phrase.
* Percent: "%", "percent", "per cent", "pct", "pc" (unit "%"); "percentage points" (unit "pp");
  "basis points" (unit "bp").
* Money: signs ("$", "US$", "C$", "£", "€", "¥", "₹", ...), ISO codes before or after the amount
  ("MXN 100,000", "450 USD", "EUR1.2bn") and currency words after it ("27 dollars",
  "48.2bn roubles", "Canadian dollars", "45 cents", "312p"). Bare "$" is USD, "¥" JPY, "pesos"
  MXN, "pounds" GBP unless it weighs something ("5 pounds of", "weighed 20 pounds").
* Units of measure and time are reported as written, lowercased when they are words ("miles",
  "hours") and as written when they are symbols ("km", "GW", "C"); hyphenated forms count
  ("a seventy-year tradition", "6.1-inch"). Otherwise the unit of a count is the noun phrase it
  counts, lowercased ("flood victims", "barrels of oil"). ``per`` is day/week/month/year/hour, or for a
  price or a count, the unit of measure it is for, as written ("$0.28 per kilowatt-hour", "€1.89 a litre",
  "188 beats per minute", "3,796/km2").
* Physical units: a symbol takes what is written after it as one unit ("9.8 m/s²", "2.7 g/cm3", "180 µg/m³",
  "13.5 kW·h"), which is no rate; "cubic kilometres", "cu ft", "metres per second" are units. Each side of a
  dimension is a figure, a unit written after the last side being every side's ("100 x 60 metres", "1920x1080
  pixels"; not "the 4 x 400 metres relay"). A measure in two or three units is one figure in the largest ("5 ft
  10 in" 5.8333 ft, "2 hours and 30 minutes" 2.5 hours, "5′10″"), a race time written like a clock a duration
  ("in 2:03:23" 2.0564 hours, "3:49.70" 3.8283 minutes). "120/80 mmHg" is two figures. "half a kilometre",
  "three quarters of an hour", "a kilometre and a half", "a couple of metres" (about 2), "¾ cup", "5 ½ hours"
  are measures; "1'000'000" groups thousands with apostrophes.
* Ranges: "between 20,000 and 50,000", "20,000 to 50,000", "$6 to $8 billion", "$6–8 billion",
  "10-25%", "1.5 million-2 million". The scale, currency, percent sign or unit of either end
  applies to both. "rose from 30 to 40" and "fell by £122 to £1,568" are two figures, and
  scores and votes ("won 3-1", "passed 219-212") are kind ``score``, with no value. Year spans ("2004-05",
  "2010–2015", "2019/20") are ranges of kind year.
* ``role`` (factcheck.model.Role): after a change verb "rose from 30 to 40" is a ``from`` and a
  ``to``, "climbed 4,300 to 61,900 tonnes" a ``change`` and a ``level`` (a verb that takes an
  object keeps its range: "cut 3,000 to 4,000 jobs"), "rose by 500", "up 3%", "a 7% increase" a
  ``change``; "12% of the workforce" a ``share``; "a 40-year low" a ``modifier``; else a ``level``.
* Dates are kind date with the year as value when known (else None); decades ("the 1960s") are
  kind year with value 1960, low 1960 and high 1969 (centuries: "the 1800s" is 1800-1899).
* ``year`` of a figure: a marked year right after it ("$2.5bn in 2019"), else the nearest marked
  year before it in its sentence ("In 2007, ... 42,000 workers", "As of 2020, ..."), else one
  later in the sentence with no other figure between. Marked years follow "in", "by", "of",
  "for", "as of", or precede "figures", "data", "census" ...; "since 2015" marks none.
* Not figures: footnote marks, bracketed references, list and section numbers at line start,
  enumerators ("(1) a licence"), identifiers ("Chapter 11", "Boeing 747", "COVID-19",
  "Windows 10", "No. 5", "p. 12"), codes of letters and digits ("5G", "H1N1", "A4"), phone
  numbers, versions, times, ISBNs, URLs and e-mail addresses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from factcheck.model import Kind, Qualifier, Quantity, Role
from factcheck.reading.numwords import (
    FRACTIONS,
    HUNDRED,
    MULTIPLIERS,
    ORDINALS,
    TEENS,
    TENS,
    UNITS,
    WordNumber,
    number_word_runs,
    parse_run,
    vague_bounds,
)
from factcheck.reading.units import (
    CODE_AFTER_NUMBER,
    CURRENCY_ADJECTIVES,
    CURRENCY_CODE_AFTER_RE,
    CURRENCY_SIGNS,
    CURRENCY_WORD_RE,
    CURRENCY_WORDS,
    DURATION_WORDS,
    GLUED_SCALES,
    GLUED_UNITS,
    HUNDREDTHS,
    ISO_CODES,
    MEASURE_SYMBOLS,
    MEASURE_WORDS,
    MONEY_ONLY_SCALES,
    MULTIWORD_MEASURES,
    PER_ADVERBS,
    PER_MEASURE_RE,
    PER_RE,
    PER_UNITS,
    PERCENT_RE,
    SCALE_WORD_RE,
    SCALE_WORDS,
    SPACED_M_RE,
    UNIT_AFTER_RE,
    UNIT_TAIL_RE,
)
from factcheck.version import READER_VERSION

__all__ = ["READER_VERSION", "QuantityValues", "read_quantities", "read_quantity_values"]

_FULL_MONTHS = "January February March April May June July August September October November December".split()
_SHORT_MONTHS = "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split()


def _month_alternation() -> str:
    """A month name; abbreviations may end in a dot ("Jan. 5"). Full names are tried before abbreviations.

    The names are grouped by their first letter, so that the regex engine only stops at those capitals.
    """
    by_letter: dict[str, list[str]] = {}
    for name in [*_FULL_MONTHS, *(m + "\\.?" for m in _SHORT_MONTHS)]:
        by_letter.setdefault(name[0], []).append(name[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())


_MONTHS = _month_alternation()
_MONTH_NAMES: Final = frozenset(m.lower() for m in (*_FULL_MONTHS, *_SHORT_MONTHS))

# Everything that starts with a digit (or "+", "(" of a phone number, "'" of "'60s").
_DIGIT_RE: Final = re.compile(
    r"(?P<phone>\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\d])"
    r"|\(\d{3}\)[ ]?\d{3}[ .-]\d{4}(?!\d)"
    r"|1-\d{3}-\d{3}-\d{4}(?!\d)"
    r"|0\d{2,4}[ ]\d{3,4}[ ]\d{3,4}(?!\d)"
    r"|\d{3}[.-]\d{3}[.-]\d{4}(?!\d))"
    r"|(?P<colon>\d+(?::\d+)+(?:[ ]?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b))?)"
    r"|(?P<time>\d{1,2}(?:[.:]\d\d)?[ ]?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b))"
    r"|(?P<iso>[12]\d{3}(?:-\d{1,2}-|/\d{1,2}/| - \d{1,2} - )\d{1,2}(?![\d])|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/]))"
    rf"|(?P<dmy>(?:\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]|[ \t]+(?:to|and)[ \t]+))?(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"[ \t]+(?:of[ \t]+)?(?P<dmon>{_MONTHS})"
    r"(?:,?[ \t]+(?P<dyear>\d{4}))?(?![A-Za-z0-9]))"
    r"|(?P<decade>['’]\d0s(?![A-Za-z]))"
    r"|(?P<slash>\d+/\d+(?![\d/]))"
    r"|(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d]|[.,]\d)"
    r"|(?<![\d'’])\d{1,3}(?:['’]\d{3})++(?![\d'’])(?:\.\d+)?"
    r"|\d(?:[\d,.]*\d)?)"
)
_MONTH_DATE_RE: Final = re.compile(
    rf"(?P<mon>{_MONTHS})[ \t]+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:[-–]\d{{1,2}}(?:st|nd|rd|th)?)?(?![\d.,]\d)"
    rf"(?:,?[ \t]+(?P<year>\d{{4}}))?"
    r"|(?:of[ \t]+)?(?P<year2>\d{4}))(?![A-Za-z0-9])"
)
_MASK_RE: Final = re.compile(
    r"https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+|ISBN(?:-1[03])?:?[ \t]*[0-9Xx][0-9Xx \t-]{8,20}[0-9Xx]"
    r"|doi:[ \t]*\S+"
)
_GLUE_RE: Final = re.compile(r"°[CF]?|[A-Za-zµ]+[²³]?(?:/[a-z]+)?|['’]s(?![A-Za-z])")
_SUPERSCRIPT: Final = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁻": "-",
    "⁺": "+",
}
_SUPER_RE: Final = re.compile("[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_EXPONENT_RE: Final = re.compile(r"[eE]([+-]?\d{1,3})(?![\w.])")
_TIMES_TEN_RE: Final = re.compile(r" ?[×x] ?10(?:\^([+-]?\d{1,2})|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
_VULGAR: Final = {
    "½": 1 / 2,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}

# Evidence for documents that group thousands with a dot.
_DOT_GROUPED_RE: Final = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?![\d]|[.,]\d|[A-Za-z%])")
_COMMA_GROUPED_RE: Final = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d])")
# A comma before one or two digits, then no digit or list ("4,6 %", "128,50 euros"; not "1,2,3"): a decimal mark.
_COMMA_DECIMAL_RE: Final = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,]|\.\d)")
_DOT_DECIMAL_RE: Final = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])")

# --- words around figures -------------------------------------------------------------------

_QUALIFIERS: Final[dict[str, Qualifier]] = {
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "approx.": Qualifier.ABOUT,
    "approx": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "estimated": Qualifier.ABOUT,
    "nearly": Qualifier.ABOUT,
    "almost": Qualifier.ABOUT,
    "close to": Qualifier.ABOUT,
    "circa": Qualifier.ABOUT,
    "c.": Qualifier.ABOUT,
    "ca.": Qualifier.ABOUT,
    "~": Qualifier.ABOUT,
    "≈": Qualifier.ABOUT,
    "more than": Qualifier.OVER,
    "over": Qualifier.OVER,
    "in excess of": Qualifier.OVER,
    "upwards of": Qualifier.OVER,
    "upward of": Qualifier.OVER,
    "greater than": Qualifier.OVER,
    "larger than": Qualifier.OVER,
    "bigger than": Qualifier.OVER,
    "longer than": Qualifier.OVER,
    "higher than": Qualifier.OVER,
    "taller than": Qualifier.OVER,
    "above": Qualifier.OVER,
    "exceeding": Qualifier.OVER,
    "exceed": Qualifier.OVER,  # "temperatures exceed 45 °C": the figure is a lower bound
    "exceeds": Qualifier.OVER,
    "exceeded": Qualifier.OVER,
    "surpassing": Qualifier.OVER,
    "surpass": Qualifier.OVER,
    "surpasses": Qualifier.OVER,
    "surpassed": Qualifier.OVER,
    "not exceeding": Qualifier.UP_TO,
    "north of": Qualifier.OVER,
    "well over": Qualifier.OVER,
    "just over": Qualifier.OVER,
    "well above": Qualifier.OVER,
    ">": Qualifier.OVER,
    "at least": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "not less than": Qualifier.AT_LEAST,
    "not fewer than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "≥": Qualifier.AT_LEAST,
    "less than": Qualifier.UNDER,
    "smaller than": Qualifier.UNDER,
    "shorter than": Qualifier.UNDER,
    "lower than": Qualifier.UNDER,
    "fewer than": Qualifier.UNDER,
    "below": Qualifier.UNDER,
    "under": Qualifier.UNDER,
    "just under": Qualifier.UNDER,
    "just below": Qualifier.UNDER,
    "well under": Qualifier.UNDER,
    "well below": Qualifier.UNDER,
    "<": Qualifier.UNDER,
    "up to": Qualifier.UP_TO,
    "as many as": Qualifier.UP_TO,
    "as much as": Qualifier.UP_TO,
    "at most": Qualifier.UP_TO,
    "a maximum of": Qualifier.UP_TO,
    "no more than": Qualifier.UP_TO,
    "not more than": Qualifier.UP_TO,
    "≤": Qualifier.UP_TO,
}


def _reversed_trie(phrases: Sequence[str]) -> str:
    """The phrases reversed, as a trie: the longest phrase that fits is found first, and each position is rejected
    after a character or two (where an alternation tries every phrase); a space matches any run of spaces."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = root
        for ch in phrase[::-1]:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


# Matched against the reversed, lowercased text before a figure.
_QUALIFIER_REV: Final = re.compile(rf"\s*(?:yreve\s+)?(?P<q>{_reversed_trie(list(_QUALIFIERS))})(?![a-z])")
_PREV_WORD_REV: Final = re.compile(r"[ \t\u00a0]*(?P<w>[.a-z'’#§№-]*[a-z#§№])(?![a-z])")

# Words that name an identifier when right before a number ("Chapter 11", "Boeing 747").
_ID_PREFIXES: Final = frozenset(
    """chapter chapters article articles section sections resolution amendment clause paragraph rule regulation decree
    directive bill statute tier level phase stage category class type version model mark series season episode
    volume issue number page pages figure table chart appendix annex exhibit item step part room suite apartment
    floor building gate terminal platform flight route highway interstate bus channel district ward precinct zone
    sector unit game round match lap hole seat row exit boeing airbus apollo gemini soyuz windows python java ios
    android macos ubuntu debian iphone ipad galaxy pixel playstation xbox covid sars formula form schedule psalm
    psalms verse line grade size code box pier berth track note notes footnote act
    calling dial dialling dialing phoning ringing""".split()
)
# Capitalised words that may stand before a number without making it an identifier.
_FUNCTION_WORDS: Final = frozenset(
    """the a an in on at by for from to of with about around over under nearly almost some only just all its their
    his her our my your since until between and or but than as after before during more less fewer least up another
    each every these those this that there here approximately roughly estimated exactly precisely barely additional
    further extra total including among across per within without once twice circa if when while although though
    whereas because so yet we they he she it i you were was is are be been has have had do does did will would can
    could may might must should shall then now today yesterday tomorrow also still already even ever never not yes
    thus hence however meanwhile moreover furthermore overall altogether below above beyond beneath behind against
    toward towards into onto upon via like unlike despite except plus minus average median mean record top bottom
    nearly fully almost roughly some another other both either neither many most much several few numbering
    totalling totaling reaching reached hit hits topped exceeded exceeding killed kill killing with by
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    spring summer autumn fall winter christmas easter
    """.split()
)
_YEAR_PREPOSITIONS: Final = frozenset(
    """in since by from until till to during before after of circa c. year years fiscal fy spring summer autumn fall
    winter early late mid end start beginning between and through throughout as around pre post""".split()
)
_DATE_MARKERS: Final = frozenset({"in", "as", "of", "by", "on", "during", "for"})
_AFTER_QUALIFIERS: Final[dict[str, Qualifier]] = {
    "or more": Qualifier.AT_LEAST,
    "or above": Qualifier.AT_LEAST,
    "or over": Qualifier.AT_LEAST,
    "and above": Qualifier.AT_LEAST,
    "and over": Qualifier.AT_LEAST,
    "or older": Qualifier.AT_LEAST,
    "and older": Qualifier.AT_LEAST,
    "or higher": Qualifier.AT_LEAST,
    "and up": Qualifier.AT_LEAST,
    "or so": Qualifier.ABOUT,
    "or less": Qualifier.UP_TO,
    "or fewer": Qualifier.UP_TO,
}
_ID_ABBREVIATIONS: Final = frozenset(
    "no. nos. vol. vols. p. pp. art. arts. sec. secs. fig. figs. ch. chap. para. ref. eq. nr. tab. op. cit.".split()
)
# Before a bare four-digit number and a capitalised word, they make it the year of a name ("the 2024 Olympics").
_NAME_DETERMINERS: Final = frozenset("the this that its their his her our next last".split())
_YEAR_NOUNS: Final = frozenset(
    """figures figure data estimates estimate levels level prices numbers statistics census elections election games
    olympics accounts results budgets budget forecasts forecast survey surveys report reports records""".split()
)
# Words after which a bare year is the year figures refer to ("in 2019", "as of 2020", "by 2015").
_YEAR_MARKERS: Final = frozenset({"in", "of", "by", "for", "during", "throughout", "fiscal", "year", "fy"})
_YEAR_VERBS: Final = frozenset({"was", "is", "were", "saw", "had", "has", "marked", "brought", "will"})

_STOP: Final = frozenset(
    """in on at to from by for with without within into onto across around about over under between among through
    during since until after before per via against toward towards upon off out up down near like than as abroad
    despite including inside outside beyond behind below above along amid amidst throughout past versus vs
    and or but nor so yet while whereas who which that whom whose where when if because although though
    the a an this these those its their his her our my your each every some all any no it they we he she them there
    here what is are was were be been being am has have had do does did will would shall should can could may might
    must said says say according remain remained remains became become becomes rose fell increased decreased grew
    dropped jumped climbed declined reached hit topped exceeded totalled totaled amounted represent represented
    account accounted make made comprise comprised comprising currently now still already also only just annually
    more less fewer higher lower bigger smaller larger greater most least again too very so respectively apiece
    overall altogether worldwide nationwide each ago later earlier before then there last next this per cent percent
    times compared versus total year years month months week weeks day days of out
    die died dies killed lived work worked working were stayed returned arrived came went got left fled
    take took received earned attended saw visited joined served practise practice need needed face faced use used
    include included includes won lost scored signed voted""".split()
)
_IRREGULAR_PLURALS: Final = frozenset(
    """people personnel staff children men women police cattle livestock feet teeth mice geese sheep deer fish data
    media crew aircraft spacecraft offspring youth clergy infantry militia faculty alumni bacteria criteria phenomena
    species series poultry swine bison salmon trout moose headcount workforce army force crowd audience electorate
    delegation brigade contingent fleet herd flock membership""".split()
)
# Collective nouns that often qualify the plural after them ("police officers", "crew members", "staff members");
# not those after which a verb in -s is as likely ("the 300 cattle grazes", "a Cessna 172 aircraft crashes").
_QUALIFYING_COLLECTIVES: Final = frozenset("police crew staff army media militia faculty clergy youth infantry".split())
_MEN_SINGULAR: Final = frozenset(
    "stamen semen hymen yemen dolmen cyclamen germen ramen carmen bremen foramen gravamen tegmen examen".split()
)  # not plurals of -man
_NOT_PLURAL: Final = frozenset(
    """this its his hers was is has does us as plus less across versus thus perhaps always towards afterwards news
    whereas yes gas bus bonus status basis crisis analysis thesis census campus virus focus chaos""".split()
)
_CHANGE_VERBS: Final = frozenset(
    """rose rise rises rising risen fell fall falls falling fallen increased increase increases increasing decreased
    decrease decreases decreasing grew grow grows growing grown dropped drop drops dropping jumped jump jumps jumping
    climbed climb climbs climbing declined decline declines declining reduced reduce reduces reducing cut cuts
    raised raise raises raising went go goes going soared soar plunged plunge slipped slip surged surge tumbled
    slumped shrank shrunk expanded expand widened narrowed eased up down moved changed revised lowered accelerated
    slowed improved worsened recovered rebounded dipped edged crept inched swung spiked doubled tripled halved
    ballooned jumped shot sank dived slid tumbled deteriorated lifted lift lifts lifting boosted boost boosts
    boosting added adds gained gains gaining lost warmed warming cooled cooling lengthened shortened deepened""".split()
)
_QUALIFIER_LAST_WORDS: Final = frozenset(q.split()[-1] for q in _QUALIFIERS if q[-1].isalpha() or q[-1] == ".") | {
    "every"
}
_QUALIFIER_SIGNS: Final = frozenset("~≈<>≥≤")
_BRACKET_NEXT: Final = frozenset("]–-,; ")
# Searched in lowercased text: the same as ignoring case (no other letter folds to these), and faster.
_PER_HINT_RE: Final = re.compile(r"per|an? |-an?-|each|every|/|ly\b|p\.a\.|annum")
_YEAR4_RE: Final = re.compile(r"[12]\d{3}")
_YEAR_TAIL_RE: Final = re.compile(r"(\d{4}|\d{2})$")
_OF_RE: Final = re.compile(r"[ \t]{1,3}of\b")
_OF_SPACE_RE: Final = re.compile(r"[ \t\u00a0]{1,3}of(?=[ \t\u00a0])")
_OF_NOUN_RE: Final = re.compile(r"[ \t\u00a0]{1,3}of[ \t\u00a0]{1,3}([a-z][a-z'-]{0,30})(?![A-Za-z0-9-])")
_NON_DIGIT_RE: Final = re.compile(r"\D")
_COMMA_NUMBER_RE: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d\d)+,\d{3}")
_EURO_DECIMAL_RE: Final = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_PLAIN_COMMA_DECIMAL_RE: Final = re.compile(r"\d+,\d+")
_PLAIN_DECIMAL_RE: Final = re.compile(r"\d+(?:\.\d+)?")
_CARET_RE: Final = re.compile(r"\^(\d{1,2})")
_IN_DIGIT_RE: Final = re.compile(r"[ \t]+in[ \t]+\d")
_ARTICLE_END_RE: Final = re.compile(r"(?:^|(?<=[^A-Za-z]))([Aa]n?)[ \t\u00a0]+$")
_HYPHEN_WORD_RE: Final = re.compile(r"-([A-Za-z]{1,20})")
_REFERENCE_RE: Final = re.compile(r"[\d\s,;–-]+")
_BPD_RE: Final = re.compile(r"[ \t\u00a0]+(?:bpd|b/d|barrels/day)\b")
_TAIL_RE: Final = re.compile(r"(?:[A-Za-z0-9]|[.-](?=[A-Za-z0-9]))*")
_SUFFIX_START: Final = frozenset(" \t\u00a0\u202f\u2009-%+")
_NEXT_WORD_RE: Final = re.compile(r"[ \t\u00a0\u202f\u2009]{0,3}-?[ \t\u00a0\u202f\u2009]{0,3}([A-Za-zµμ°]+|%)")
_PERCENT_WORDS: Final = frozenset({"%", "percent", "per", "pct", "percentage", "basis", "bps", "pp", "pc"})
_CURRENCY_ADJ_FIRST: Final = frozenset(a.split()[0] for a in CURRENCY_ADJECTIVES) | {"u"}
_UNIT_FIRST_WORDS: Final = frozenset(
    re.split(r"[ /²³·-]", u.lower())[0]
    for u in (*MEASURE_WORDS, *DURATION_WORDS, *MULTIWORD_MEASURES, *MEASURE_SYMBOLS)
) | {"°"}
_OCCURRENCE_FOLLOWERS: Final = frozenset(
    """in a an per since this last during before after between each every already so now on at with and or but
    while when by for to from out until ago""".split()
)
_ORDINAL_COMPOUNDS: Final = frozenset(
    """world hand party rate class person degree string grader graders generation guessing time timer timers half
    round tier""".split()
)
_NOT_BEFORE_HALF: Final = frozenset(
    """first second the other latter former back top bottom lower upper northern southern eastern western""".split()
)
# After "5k" or "4K": a race or a screen, not thousands.
_K_NOT_THOUSAND: Final = frozenset(
    """run race walk fun tv display screen monitor resolution video camera gaming streaming projector
    tvs television televisions displays screens monitors videos cameras projectors footage uhd hdr oled""".split()
)
_HUNDRED_SCALE_RE: Final = re.compile(
    r"[ \u00a0]hundred[ \u00a0](?P<scale>thousand|million|billion)(?![A-Za-z0-9])", re.IGNORECASE
)
_ZLOTY_RE: Final = re.compile(r"[ \u00a0]?zł(?![^\W\d_])")
_SQUARE_AFTER_RE: Final = re.compile(r"[ \u00a0](ft|m|km|mi|yd|in)(?![A-Za-z])")
# A glued "m" with no currency governing it ("12m", "4.2m"): metres or millions? See _m_is_metres.
# Words that make it metres: right after it ("100m sprint", "8m deep", "15m-high", "the 400m final", "a 120m
# vessel", "4.2m ceilings") or near it in its clause ("the javelin landed at 89.94m", "raise the dam by 5m").
_METRE_CONTEXT: Final = frozenset(
    """tall taller high higher deep deeper long longer wide wider away above below race sprint hurdles freestyle
    butterfly backstroke breaststroke medley relay dash run walk dive platform springboard radius diameter
    circumference altitude elevation underground underwater square cubic final finals heat heats semifinal
    semi metres meters height heights depth depths length lengths width thickness span spans wall walls tower
    towers ceiling ceilings frontage shaft shafts tunnel tunnels dam dams reservoir cliff cliffs wave waves glacier
    runway runways jump jumped jumper throw throws threw thrown javelin discus hammer vault cleared landed
    sprinter swimmer hurdler rower crew yacht superyacht vessel ship boat hull mast spire skyscraper retreated
    drilled drill bore boring dug excavated deck pool track lap sea tide tides surge floodwaters river rivers lake
    ran swam swum swim sprinted""".split()
)
# Words that make it millions, right after it ("a 4m salary") or near it ("paid 12m", "invest 250m").
_MILLION_CONTEXT: Final = frozenset(
    """cost costs costing costed price priced prices paid pay pays paying payment payments payout worth valued
    valuation budget budgets revenue revenues profit profits sales turnover debt debts loss losses fund funds
    funding funded deal deals contract contracts salary salaries wage wages bonus bonuses fee fees fine fined
    raise raised raising invest invested investing investment investments spend spends spent spending bid bids
    offer earn earns earned earnings income tax taxes grant grants loan loans bill bills compensation damages
    prize transfer stake capital dividend dividends charter rent rental hire settlement donation donations
    sponsorship bought buy purchase sale sold sell sells selling shares cash money savings pension subsidy bailout
    award awarded
    audience audiences viewers population turnout""".split()
)
_M_CUE_WORDS: Final = 8  # words looked at on each side of a glued "m"
_M_CUE_SPAN: Final = 90  # characters looked at on each side
_CLAUSE_END_BEFORE_RE: Final = re.compile(r".*[.!?;]\s", re.DOTALL)
_CLAUSE_END_AFTER_RE: Final = re.compile(r"[.!?;](?:\s|$)|\n")
_CUE_WORD_RE: Final = re.compile(r"[A-Za-z]+")
_WEIGHT_VERBS: Final = frozenset({"weigh", "weighs", "weighed", "weighing", "lost", "gained", "heavier", "lighter"})
_HYPHEN_PREFIXES_OK: Final = frozenset(
    {
        "pre",
        "post",
        "mid",
        "early",
        "late",
        "over",
        "under",
        "top",
        "non",
        "sub",
        "circa",
        "then",
        "fy",
        "ex",
        "anti",
        "magnitude",
    }
)
_TAKES_A: Final = frozenset(
    """hundred thousand million billion trillion dozen half third quarter fourth fifth sixth seventh eighth ninth
    tenth""".split()
)
_BARE_MULTIPLIERS: Final = frozenset("hundred thousand million billion trillion lakh crore dozen".split())
_BULLETS: Final = " \t\u00a0-*•–—·>"
_WORD_AFTER_RE: Final = re.compile(r"[ \t\u00a0]+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_RANGE_CONN_RE: Final = re.compile(r"[ \t\u00a0]*(?:-|–|—|to|through|and)[ \t\u00a0]*\Z")
_OPEN_LINK_RE: Final = re.compile(
    r"[ \t\u00a0]*\([ \t\u00a0]*(?:(?:about|around|approx\.?|approximately|roughly|some|c\.|~|≈|or)[ \t\u00a0]*)?\Z"
)
_CLOSE_RE: Final = re.compile(r"[ \t\u00a0]*\)")
_TIMES_RE: Final = re.compile(r"[ \t\u00a0]+times(?![A-Za-z])|-fold(?![A-Za-z])|[ \t\u00a0]?x(?![A-Za-z0-9])")
_TRAIL_QUAL_RE: Final = re.compile(r"\+(?![\d])|-plus(?![A-Za-z])|-odd(?![A-Za-z])")
_AFTER_QUAL_RE: Final = re.compile(
    r"[ \t\u00a0]+(?P<q>or more|or above|or over|and above|and over|or older|and older|or higher|and up|or so|or less"
    r"|or fewer)(?![A-Za-z])"
)
_COMPOUND_RE: Final = re.compile(r"-(?P<w>[a-z]{3,})(?![A-Za-z0-9-])")
_SENT_PER_RE: Final = re.compile(r"[\"“']?(?:each|every)[ \t]+year\b|annually\b|per[ \t]+year\b", re.IGNORECASE)


# The enum members as module constants: looking a member up on its class (Kind.COUNT) costs ten times as
# much as a global, and the reader compares kinds and qualifiers dozens of times a figure.
_COUNT: Final = Kind.COUNT
_MONEY: Final = Kind.MONEY
_PERCENT: Final = Kind.PERCENT
_RATIO: Final = Kind.RATIO
_DURATION: Final = Kind.DURATION
_MEASURE: Final = Kind.MEASURE
_YEAR: Final = Kind.YEAR
_DATE: Final = Kind.DATE
_ORDINAL: Final = Kind.ORDINAL
_SCORE: Final = Kind.SCORE
_EXACT: Final = Qualifier.EXACT
_ABOUT: Final = Qualifier.ABOUT
_OVER: Final = Qualifier.OVER
_AT_LEAST: Final = Qualifier.AT_LEAST
_UNDER: Final = Qualifier.UNDER
_UP_TO: Final = Qualifier.UP_TO


@dataclass(slots=True)
class _Fig:
    """A figure being read (mutable until it is frozen into a Quantity)."""

    start: int
    end: int
    value: float | None
    kind: Kind = Kind.COUNT
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = None
    per: str | None = None
    year: int | None = None
    scale: float = 1.0
    ambiguous: bool = False
    alt_value: float | None = None
    alt_low: float | None = None
    alt_high: float | None = None
    linked_to: int | None = None
    has_scale: bool = False
    explicit: bool = False  # kind/unit fixed by a sign or a suffix (%, $, km, years, times)
    plain: bool = False  # a bare number of digits without separators or suffixes
    digits: int = 0  # how many digits a plain number has
    word: bool = False
    weak: bool = False  # a bare "one": kept only with something that makes it a figure
    vague: bool = False
    is_range: bool = False
    mixed_fraction: bool = False  # "3/4" right after a whole number ("1 3/4")
    negative: bool = False  # written with a minus sign
    year_marker: bool = False
    number_end: int = 0  # end of the number itself, before any suffix
    drop: bool = False
    role: Role = Role.LEVEL
    prev: str = ""  # the word right before the figure (before any qualifier), as _finish read it


def read_quantities(
    text: str, *, sentences: Sequence[tuple[int, int]] | None = None, dots_group: bool | None = None
) -> list[Quantity]:
    """Return every figure of ``text`` in order of position (see the module docstring).

    ``dots_group`` says whether dots group thousands ("28.422" is 28,422); by default ``text`` decides
    (:func:`groups_thousands_with_dots`). A passage read apart from its document passes the document's convention.
    """
    if not text:
        return []
    if sentences is None:
        from factcheck.reading.sentences import sentence_spans

        sentences = sentence_spans(text)
    return [_freeze(text, f) for f in _read(text, sentences, dots_group)]


QuantityValues = tuple[
    int,
    int,
    str,
    float | None,
    float | None,
    float | None,
    Qualifier,
    Kind,
    str | None,
    str | None,
    int | None,
    float,
    bool,
    float | None,
    float | None,
    float | None,
    int | None,
    Role,
]


def read_quantity_values(text: str, sentences: Sequence[tuple[int, int]]) -> list[QuantityValues]:
    """``read_quantities(text, sentences=sentences)`` as tuples of field values, in ``Quantity``'s field order.

    For bulk reading (the index stores values): the same figures, without building a ``Quantity`` for each.
    """
    if not text:
        return []
    return [_values(text, f) for f in _read(text, sentences)]


def _read(text: str, sentences: Sequence[tuple[int, int]], dots_group: bool | None = None) -> list[_Fig]:
    dot_mode = groups_thousands_with_dots(text) if dots_group is None else dots_group
    figs = _scan(text, dot_mode)
    figs = _merge(text, figs)
    kept: list[_Fig] = []
    for fig in figs:
        if _finish(text, fig):
            kept.append(fig)
    _glued_metres(text, kept, sentences)
    _dimensions(text, kept)
    _elliptic_units(text, kept)
    kept = _bounds(text, kept)
    _attach_years(text, kept, sentences)
    _link(text, kept)
    _roles(text, kept)
    return kept


# A figure and what it is for, then a bare number for another ("81.3 years for women and 76.1 for men", "£12 for
# adults, 6 for children"): the bare number's unit is left out because it is the first's. The words between: the
# first's group (a preposition and a few words), then a joining word.
_ELLIPSIS_BETWEEN_RE: Final = re.compile(
    r"[ \u00a0]+(?P<prep>for|in|among|on|at)[ \u00a0]+[^\d.;:!?()]{1,40}?(?:,[ \u00a0]*|[ \u00a0]+)"
    r"(?:and|but|while|against|versus|vs\.|compared with|,)?[ \u00a0]*\Z"
)
_ELLIPSIS_KINDS: Final = frozenset({Kind.MEASURE, Kind.DURATION, Kind.PERCENT, Kind.MONEY})


def _elliptic_units(text: str, figs: list[_Fig]) -> None:
    """Give a bare number the unit of the figure before it when both stand in one parallel phrase: "81.3 years for
    women and 76.1 for men" (76.1 years), "3.1% in May and 2.8 in June" (2.8%), "12 people in the north and 3 in
    the south" (3 people). The same preposition must follow each figure, and nothing but a few words and a joining
    word stand between them."""
    pairs = []
    a = None
    for f in figs:  # each figure and the one before it, past ordinals and years ("3 goals in the first half and 2")
        if a is not None:
            pairs.append((a, f))
        if f.kind not in (_ORDINAL, _YEAR, _DATE):
            a = f
    for a, b in pairs:
        if a.unit is None or a.is_range or not (a.explicit and a.kind in _ELLIPSIS_KINDS or a.kind == _COUNT):
            continue
        if b.explicit or b.kind != _COUNT or b.unit is not None or b.vague or b.is_range or b.value is None:
            continue
        if b.start - a.end > 60 or (b.digits == 4 and 1000 <= b.value <= 2100):
            continue
        start = a.end
        if a.kind == _COUNT:  # past its counted noun, which is no part of its text: "12 people| in Gaza and 3"
            noun = a.unit
            start += len(noun) + 1 if text[a.end + 1 : a.end + 1 + len(noun)].lower() == noun else 0
        m = _ELLIPSIS_BETWEEN_RE.match(text, start, b.start)
        if m is None or not m.group().rstrip(" \u00a0").endswith(
            (",", "and", "but", "while", "against", "versus", "vs.", "with")
        ):
            continue
        if _word_after(text, b.end) != m.group("prep"):
            continue
        b.kind, b.unit, b.explicit = a.kind, a.unit, True


# --- the document's number convention ------------------------------------------------------------


def groups_thousands_with_dots(text: str) -> bool:
    """Whether the document groups thousands with dots ("42.000", "1.234.567") and never with commas, or marks
    decimals with commas ("4,6 %", "2,46 km": a comma before one or two digits groups nothing) and never with dots:
    the convention of most of continental Europe, where a comma is the decimal mark."""
    if _COMMA_GROUPED_RE.search(text):
        return False
    if "," in text and _COMMA_DECIMAL_RE.search(text) and not _DOT_DECIMAL_RE.search(text):
        return True
    if "." not in text:
        return False
    multi = 0
    three = 0
    round_ = 0
    for m in _DOT_GROUPED_RE.finditer(text):
        tok = m.group()
        if tok.count(".") > 1:
            multi += 1
        else:
            three += 1
            if tok.endswith("00"):
                round_ += 1
    return multi > 0 or (three >= 2 and round_ > 0)


# --- scanning --------------------------------------------------------------------------------------


def _masked(text: str) -> list[tuple[int, int]]:
    # Every match of _MASK_RE starts with one of these: look for them, then match where they are (as finditer).
    starts = sorted(i for lead in _MASK_LEADS for i in _find_all(text, lead))
    spans = []
    pos = 0
    for start in starts:
        if start >= pos and (m := _MASK_RE.match(text, start)):
            spans.append((start, m.end()))
            pos = m.end()
    at = text.find("@")
    while at != -1:
        s = at
        while s > 0 and (text[s - 1].isalnum() or text[s - 1] in "._+-"):
            s -= 1
        e = at + 1
        while e < len(text) and (text[e].isalnum() or text[e] in ".-_"):
            e += 1
        if s < at and e > at + 1:
            spans.append((s, e))
        at = text.find("@", e)
    spans.sort()
    return spans


_MASK_LEADS: Final = ("http", "www.", "ISBN", "doi:")


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i != -1:
        yield i
        i = text.find(sub, i + 1)


_DIGITS_ONLY: Final = bytes(48 if 48 <= c <= 57 else 32 for c in range(256))  # "0" for each of 0-9, else " "


def _digit_matches(text: str, digits: bytes) -> Iterator[re.Match[str]]:
    """Matches of _DIGIT_RE, found from the digits (so the scan skips letters fast).

    ``digits`` has a "0" where ``text`` has a digit 0-9 (and one byte a character), where bytes.find is fast.
    """
    pos = 0
    find = digits.find
    match = _DIGIT_RE.match
    n = len(text)
    while True:
        p = find(b"0", pos)
        if p == -1:
            return
        m = None
        if p and text[p - 1] in "+('’":
            m = match(text, p - 1)
        else:
            end = find(b" ", p)  # the end of the digits
            if _plain_number_only(text, p, n if end == -1 else end):
                m = _PLAIN_NUMBER_RE.match(text, p)  # the same match, found without trying the other forms
        if m is None:
            m = match(text, p)
        if m is None:
            pos = p + 1
            continue
        yield m
        pos = m.end()
        if pos <= p:
            pos = p + 1


# The last form of _DIGIT_RE, the one most numbers take.
_PLAIN_NUMBER_RE: Final = re.compile(r"(?P<num>\d(?:[\d,.]*\d)?)")


def _plain_number_only(text: str, p: int, q: int) -> bool:
    """Whether _DIGIT_RE, at the run of digits ``text[p:q]``, can only match _PLAIN_NUMBER_RE.

    Every other form needs one of a few characters (or, for some, a few digits at most) after the digits.
    """
    if q == len(text):
        return True
    c = text[q]
    if c == ",":
        return True
    if c in ":/" or c.isdecimal():  # times, ratios, dates; digits beyond ASCII
        return False
    digits = q - p
    if digits <= 3:
        if c in " \t":  # "5 pm", "5 March", "5 to 7 May", "100 000", "020 7946 0958"
            k = q + 1
            while k < len(text) and text[k] in " \t":
                k += 1
            after = text[k : k + 1]
            return not after or (after not in "apAPtoJFMASOND" and not after.isdecimal())
        if c == ".":  # "555.123.4567", "9.30pm"
            return digits != 3 and not (digits <= 2 and text[q + 1 : q + 3].isdecimal())
        # "100 000" with other spaces, "1-800-...", "555-123-4567", "12-14 May", "5pm", "5th May"
        return c not in "\u00a0\u202f\u2009-–'’" and not (digits <= 2 and c in "apAPsnrt")
    if digits == 4:  # "2019-05-01", "2019/05/01", "2019 - 05 - 01", "0123 456 789"
        return c != "-" and not (c == " " and (text[q + 1 : q + 2] == "-" or text[p] == "0"))
    return not (digits == 5 and c == " " and text[p] == "0")  # "01234 567 890"


def _scan(text: str, dot_mode: bool) -> list[_Fig]:
    """Find every candidate figure, with its sign, scale, percent, currency and unit suffixes."""
    latin1 = text.encode("latin-1", "replace")  # one byte a character, where bytes methods are fast
    cands: list[tuple[int, int, re.Match[str] | tuple[int, int]]] = []  # (start, source, match or span)
    for m in _digit_matches(text, latin1.translate(_DIGITS_ONLY)):
        cands.append((m.start(), 0, m))
    for m in _MONTH_DATE_RE.finditer(text):
        cands.append((m.start(), 1, m))
    for span in number_word_runs(text, latin1):  # only runs that start a word
        cands.append((span[0], 2, span))
    if "couple" in text:  # "a couple of metres"
        for cm in _COUPLE_RE.finditer(text):
            cands.append((cm.start(), 3, cm))
    for am in _A_UNIT_RE.finditer(text):  # "more than a year", "nearly a mile"
        if _word_before(text, am.start(1)) in _BEFORE_A_UNIT:
            cands.append((am.start(1), 5, am))
    vulgar = any(c in text for c in _VULGAR)  # (nine searches of the text: a tenth of the time of the pattern's)
    if vulgar:
        for m in _VULGAR_ALONE_RE.finditer(text):
            if not (m.start() and text[m.start() - 1].isalnum()):  # not the "½" of "2½"
                cands.append((m.start(), 4, m))
    cands.sort()  # no two candidates share a start and a source
    masks = _masked(text)
    mask_starts = [s for s, _ in masks]
    figs: list[_Fig] = []
    consumed = 0
    prev_end = -1  # end of the last figure found
    for start, source, found in cands:
        if start < consumed:
            continue
        if masks:
            k = bisect.bisect_right(mask_starts, start) - 1
            if k >= 0 and masks[k][1] > start:
                if masks[k][1] > consumed:
                    consumed = masks[k][1]
                continue
        if isinstance(found, tuple):
            got = _from_words(text, found[0], found[1], prev_end)
        elif source == 0:
            got = _from_digits(text, found, dot_mode, prev_end, vulgar)
        elif source == 3:
            got = _couple(found)
        elif source == 5:
            got = [_unit_figure(found.start(1), found.end(), 1.0, found.group(2))]
        elif source == 4:
            got = _vulgar_alone(text, found)
        else:
            got = _from_month_date(text, found)
        if isinstance(got, int):
            if got > consumed:
                consumed = got
            continue
        for fig in got:
            if fig.negative:
                fig.negative = False
                fig.value, fig.low, fig.high = (None if v is None else -v for v in (fig.value, fig.low, fig.high))
                if fig.alt_value is not None:
                    fig.alt_value = -fig.alt_value
            figs.append(fig)
            if fig.end > consumed:
                consumed = fig.end
            prev_end = fig.end
    return figs


_VULGAR_ALONE_RE: Final = re.compile(f"[{''.join(_VULGAR)}]")  # (a leading class: the engine skips to it fast)


def _vulgar_alone(text: str, m: re.Match[str]) -> list[_Fig] | int:
    """A vulgar fraction with no whole number before it is a measure when a unit follows: "¾ cup", "½ teaspoon",
    "a ¼-inch cube"."""
    v = _VULGAR[m.group()]
    fig = _Fig(m.start(), m.end(), v, low=v, high=v, number_end=m.end())
    _suffixes(text, fig, m.end())
    return [fig] if fig.kind in (_MEASURE, _DURATION) else m.end()


def _from_month_date(text: str, m: re.Match[str]) -> list[_Fig] | int:
    year_text = m.group("year") or m.group("year2")
    year = int(year_text) if year_text else None
    if m.group("day") and not 1 <= int(m.group("day")) <= 31:
        return m.start() + len(m.group("mon"))
    value = float(year) if year is not None else None
    return [_Fig(m.start(), m.end(), value, _DATE, low=value, high=value, year=year, explicit=True)]


def _from_digits(text: str, m: re.Match[str], dot_mode: bool, prev_end: int, vulgar: bool) -> list[_Fig] | int:
    kind = m.lastgroup
    s, e = m.span()
    if kind == "num":
        return _number(text, s, e, dot_mode, prev_end, vulgar)
    if kind == "colon":
        return _race_time(text, m)
    if kind in ("phone", "time"):
        return e
    if kind == "iso":
        tok = m.group()
        year_m = _YEAR4_RE.match(tok)
        value = float(year_m.group()) if year_m else None
        if value is None:
            tail = _YEAR_TAIL_RE.search(tok)
            if tail:
                y = int(tail.group())
                value = float(y if y > 99 else 2000 + y if y < 50 else 1900 + y)
        year = int(value) if value is not None else None
        return [_Fig(s, e, value, _DATE, low=value, high=value, year=year, explicit=True)]
    if kind == "dmy":
        if s and text[s - 1].isalnum():
            return e
        if not 1 <= int(m.group("dday")) <= 31:
            return m.end("dday")
        year = int(m.group("dyear")) if m.group("dyear") else None
        value = float(year) if year is not None else None
        return [_Fig(s, e, value, _DATE, low=value, high=value, year=year, explicit=True)]
    if kind == "slash":
        return _slash(text, m, prev_end)
    if kind == "decade":
        d = int(m.group()[1:3])
        start = 1900 + d if d >= 20 else 2000 + d
        return [_Fig(s, e, float(start), _YEAR, low=float(start), high=float(start + 9), explicit=True)]
    return _number(text, s, e, dot_mode, prev_end, vulgar)


_RACE_TIME_RE: Final = re.compile(r"(\d{1,2}):([0-5]\d):([0-5]\d)(\.\d{1,3})?|(\d{1,2}):([0-5]\d)(\.\d{1,3})")
_CLOCK_BEFORE: Final = frozenset("at from until till to by before after since around about between and or on".split())
_RACE_BEFORE: Final = frozenset(
    """in of clocked timed ran run runs won win wins finished finishing record time times posted set setting winning
    best personal""".split()
)
_CLOCK_AFTER_RE: Final = re.compile(
    r"[ \u00a0]*(?:[ap]\.?m\b|[AP]\.?M\b|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|ET|local|hrs)"
)


_COLON_RATIO_RE: Final = re.compile(r"(\d{1,3}):(\d{1,3})(?![\d:]|[.,]\d)")
_RATIO_WORDS: Final = frozenset("ratio ratios odds margin majority".split())


def _colon_ratio(text: str, s: int) -> _Fig | None:
    """ "a 3:1 ratio", "a ratio of 10:1", "by a 2:1 margin", "odds of 5:2": a ratio (the first over the second), when a
    word of ratios stands right after it or within three words before it (else a time, a verse, a score)."""
    rm = _COLON_RATIO_RE.match(text, s)
    if rm is None or (s and (text[s - 1].isalnum() or text[s - 1] in ".:")) or int(rm.group(2)) == 0:
        return None
    before = text[max(0, s - 30) : s].lower().split()[-3:]
    if _word_after(text, rm.end()) not in _RATIO_WORDS and not _RATIO_WORDS.intersection(before):
        return None
    v = int(rm.group(1)) / int(rm.group(2))
    return _Fig(s, rm.end(), v, _RATIO, low=v, high=v, explicit=True, number_end=rm.end())


def _race_time(text: str, m: re.Match[str]) -> list[_Fig] | int:
    """A time of a race or a task written like a clock: "in 2:03:23" (hours, minutes, seconds, after a word of a
    race: "in", "of", "clocked", "ran"...) is a duration of 2.0564 hours, "3:49.70" (minutes, seconds and
    hundredths) 3.8283 minutes. A clock time ("at 19:45", "10:30:15 GMT", "the time stamp 10:05:30") and a bare
    "1:45" (a time of day or a duration) are no figure."""
    s = m.start()
    rm = _RACE_TIME_RE.match(text, s)
    if rm is None and (ratio := _colon_ratio(text, s)) is not None:
        return [ratio]
    if rm is None or (s and (text[s - 1].isalnum() or text[s - 1] in ".:")):
        return m.end()
    e = rm.end()
    if e < len(text) and (text[e].isdigit() or text[e] == ":" or (text[e] == "." and text[e + 1 : e + 2].isdigit())):
        return m.end()
    prev = _word_before(text, s)
    if _CLOCK_AFTER_RE.match(text, e):
        return max(m.end(), e)
    # "a marathon record at 2:15:41": one digit of hours and seconds not :00 is a race's time, not a clock's
    finish = prev == "at" and rm.group(1) is not None and len(rm.group(1)) == 1 and rm.group(3) != "00"
    if prev in _CLOCK_BEFORE and not finish:
        return max(m.end(), e)
    if rm.group(1) is not None and prev not in _RACE_BEFORE and not finish:
        return max(m.end(), e)  # "the time stamp 10:05:30": hours, minutes and seconds only after a word of a race
    if rm.group(1) is not None:
        v = int(rm.group(1)) + int(rm.group(2)) / 60 + (int(rm.group(3)) + float(rm.group(4) or 0)) / 3600
        unit = "hours"
    else:
        v = int(rm.group(5)) + (int(rm.group(6)) + float(rm.group(7))) / 60
        unit = "minutes"
    return [_Fig(s, e, v, _DURATION, low=v, high=v, unit=unit, explicit=True, number_end=e)]


def _slash(text: str, m: re.Match[str], prev_end: int) -> list[_Fig] | int:
    """ "2019/20" (a year span), "1/3 of" (a fraction); other slashed pairs ("24/7", "9/11") are no figures."""
    s, e = m.start(), m.end()
    if s and (text[s - 1].isalnum() or text[s - 1] in "./"):
        return e
    left, right = m.group().split("/")
    a, b = int(left), int(right)
    mm = _MMHG_RE.match(text, e)
    if mm is not None and 40 <= b < a <= 300:  # "120/80 mmHg": a blood pressure, two figures in mmHg
        mid = s + len(left)
        va, vb = float(a), float(b)
        return [
            _Fig(s, mid, va, _MEASURE, low=va, high=va, unit="mmHg", explicit=True, number_end=mid),
            _Fig(mid + 1, mm.end(), vb, _MEASURE, low=vb, high=vb, unit="mmHg", explicit=True, number_end=e),
        ]
    if len(left) == 4 and 1000 <= a <= 2100 and len(right) in (2, 4):
        high = a - a % 100 + b if len(right) == 2 else b
        if a < high <= a + 10:
            return [_Fig(s, e, None, _YEAR, low=float(a), high=float(high), explicit=True, is_range=True)]
        return e
    if 0 < a < b <= 16:
        v = a / b
        if _OF_RE.match(text, e):
            return [_Fig(s, e, v, _RATIO, low=v, high=v, explicit=True)]  # "1/3 of"
        if prev_end != s - 1 and UNIT_AFTER_RE.match(text, e):
            fig = _Fig(s, e, v, _COUNT, low=v, high=v)
            _suffixes(text, fig, e)  # "3/4 cup", "1/2 inch"
            if fig.kind != _COUNT:
                return [fig]
        if prev_end == s - 1 and text[s - 1] == " ":
            return [_Fig(s, e, v, _RATIO, low=v, high=v, mixed_fraction=True)]  # "1 3/4"
    return e


_MMHG_RE: Final = re.compile(r"[ \u00a0]?mm[ \u00a0]?Hg(?![A-Za-z])")


def _parse_digits(tok: str, dot_mode: bool) -> tuple[float, float | None, str] | None:
    """Value of a token of digits and separators, the decimal reading if ambiguous, and its form.

    Form is "plain" (digits only), "grouped" or "decimal". None if the token is no number
    (a version "2.4.1", a list "1,2,3").
    """
    if len(tok) > 40:
        return None
    if tok.isdigit():
        return float(tok), None, "plain"
    if " " in tok or "\u00a0" in tok or "\u202f" in tok or "\u2009" in tok:
        return float(_NON_DIGIT_RE.sub("", tok)), None, "grouped"
    if "," in tok:
        if _COMMA_NUMBER_RE.fullmatch(tok):
            return float(tok.replace(",", "")), None, "grouped"
        if dot_mode and _EURO_DECIMAL_RE.fullmatch(tok):
            return float(tok.replace(".", "").replace(",", ".")), None, "grouped"
        if dot_mode and _PLAIN_COMMA_DECIMAL_RE.fullmatch(tok):
            return float(tok.replace(",", ".")), None, "decimal"  # "4,6": a comma marks the decimals
        return None
    if "'" in tok or "’" in tok:  # "1'000'000": thousands grouped with an apostrophe (Swiss usage)
        whole, _, decimals = tok.replace("’", "").replace("'", "").partition(".")
        return float(f"{whole}.{decimals}" if decimals else whole), None, "grouped"
    parts = tok.split(".")
    if len(parts) == 2:
        whole, frac = parts
        if dot_mode and len(frac) == 3 and len(whole) <= 3 and whole[0] != "0":
            return float(whole + frac), float(tok), "grouped"
        return float(tok), None, "decimal"
    if len(parts[0]) <= 3 and parts[0][0] != "0" and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts)), None, "grouped"
    return None


def _scaled(tok_value: float, scale: float) -> float:
    if scale == 1.0:
        return tok_value
    exp = {1e3: 3, 1e5: 5, 1e6: 6, 1e7: 7, 1e9: 9, 1e12: 12}.get(scale)
    written = repr(tok_value)
    if exp is None or "e" in written or "n" in written:  # no exact shift for "1e+16", "inf", "nan"
        return tok_value * scale
    return float(f"{written}e{exp}")


def _number(text: str, s: int, e: int, dot_mode: bool, prev_end: int, vulgar: bool = False) -> list[_Fig] | int:
    tok = text[s:e]
    before = text[s - 1] if s else " "
    glued_code = None
    if before != " ":  # (the usual case needs none of these checks)
        if before.isalpha() or before == "_":
            code = text[s - 3 : s] if s >= 3 else ""
            if code in ISO_CODES and code.isupper() and (s == 3 or not text[s - 4].isalpha()):
                glued_code = code  # "EUR1.2bn"
            elif before == "x" and s >= 2 and text[s - 2].isdigit() and prev_end == s - 1:
                pass  # the second side of "1920x1080"
            elif not _glued_sign(text, s, e):
                return e  # "H1N1", "word12", "PM2.5", "G7"
        if before in ".," and s >= 2 and text[s - 2].isalnum():
            return e  # "S.2138", "nations.4", "1,2"
        if before == "." and tok.isdigit() and (s == 1 or text[s - 2] in " \t\n($£€(~"):
            s -= 1  # ".5%"
            tok = "0" + text[s:e]
        if before == "/" and s >= 2 and text[s - 2].isalnum():
            return e  # paths and "24/7"
        if before in "-‐" and s >= 2 and (text[s - 2].isalpha()) and prev_end != s - 1:
            # "COVID-19", "F-16", "G-8"; but "mid-2019", "pre-2008"
            w = _word_before(text, s - 1)
            if w not in _HYPHEN_PREFIXES_OK:
                return _skip_number_tail(text, e)
    parsed = _parse_digits(tok, dot_mode)
    if parsed is None:
        return _skip_number_tail(text, e)
    value, alt, form = parsed
    # "10⁶", "10^6"
    if tok == "10":
        sup = _SUPER_RE.match(text, e)
        caret = _CARET_RE.match(text, e)
        if sup or caret:
            exp_text = "".join(_SUPERSCRIPT[c] for c in sup.group()) if sup else caret.group(1) if caret else "0"
            end = sup.end() if sup else e + len(caret.group()) if caret else e
            v = float(10 ** int(exp_text))
            power = _Fig(s, end, v, low=v, high=v, number_end=end)
            _suffixes(text, power, end)  # "10⁶ times", "10⁹ stars"
            if power.unit == "times" and power.kind == _COUNT:
                # A power of ten states a magnitude, so "times" after it is a multiplier even where a plain number
                # would count occurrences ("rewritten 10⁶ times before it wears out", against "arrested five
                # times"): a ratio whose text takes in "times".
                tm = _TIMES_RE.match(text, power.end)
                if tm:
                    power.kind, power.unit, power.explicit, power.end = _RATIO, None, True, tm.end()
            return [power]
    fig = _Fig(s, e, value, low=value, high=value, number_end=e)
    if alt is not None:
        fig.ambiguous = True
        fig.alt_value = alt
    fig.plain = form == "plain"
    fig.digits = len(tok) if form == "plain" else 0
    pos = e
    # Letters glued to the digits.
    g = _GLUE_RE.match(text, pos) if pos < len(text) and (text[pos].isalpha() or text[pos] in "°µ'’") else None
    currency = _currency_before(text, s) if glued_code is None else (glued_code, s - 3)
    if currency is not None:
        code, cs = currency
        fig.start = cs
        fig.kind = _MONEY
        fig.unit = code
        fig.explicit = True
        fig.plain = False
    sign_at = fig.start - 1
    if (
        sign_at >= 0
        and text[sign_at] in "-−–"
        and sign_at != prev_end
        and (sign_at == 0 or text[sign_at - 1] in ' \t\n(\u00a0[“"')
    ):
        fig.start = sign_at
        fig.negative = True  # applied once the number is read ("-15C", "−2.3%")
        fig.plain = False
    if (
        vulgar
        and text[pos + 1 : pos + 2] in _VULGAR
        and text[pos : pos + 1] == " "
        and form == "plain"
        and not text[pos + 2 : pos + 3].isalnum()
    ):
        pos += 1  # "5 ½ hours"
    if pos < len(text) and text[pos] in _VULGAR and fig.kind in (_COUNT, _MONEY) and form == "plain":
        value += _VULGAR[text[pos]]  # "2½"
        fig.value = fig.low = fig.high = value
        fig.plain = False
        pos = fig.end = pos + 1
        g = _GLUE_RE.match(text, pos) if pos < len(text) and text[pos].isalpha() else None
    after = text[pos : pos + 2]  # _TIMES_TEN_RE needs "×" or "x" in the first two characters
    tm = _TIMES_TEN_RE.match(text, pos) if after[:1] in ("×", "x") or after in (" ×", " x") else None
    if tm:  # "3 × 10⁸", "6 x 10^23"
        exp_text = tm.group(1) or "".join(_SUPERSCRIPT[c] for c in tm.group(2))
        value = float(f"{value!r}e{int(exp_text)}")
        fig.value = fig.low = fig.high = value
        fig.plain = False
        pos = fig.end = tm.end()
        g = None
    fig.end = pos
    if g is not None:
        done = _glued(text, fig, g.group(), g.end(), tok, form, alt is not None)
        if done is not None:
            if isinstance(done, list) and fig.kind is _MEASURE and fig.start == s and text[s - 1 : s] == "+":
                _plus_sign(text, fig, prev_end)
            return done
    _suffixes(text, fig, fig.end)
    if fig.kind is not _COUNT or fig.has_scale:
        fig.plain = False
        if fig.kind is _MEASURE and fig.start == s and text[s - 1 : s] == "+":
            _plus_sign(text, fig, prev_end)
    return [fig]


def _plus_sign(text: str, fig: _Fig, prev_end: int) -> None:
    """A plus sign before a measure is part of it ("+3°C"), so that "-2°C to +3°C" is one range."""
    s = fig.start
    if s >= 2 and text[s - 2] in " (\u00a0" and s - 1 != prev_end:
        fig.start = s - 1


def _glued(
    text: str, fig: _Fig, glue: str, g_end: int, tok: str, form: str, ambiguous: bool
) -> list[_Fig] | int | None:
    """Letters glued to the digits: "3rd", "1960s", "2.5bn", "128GB", "40C", "5G".

    Returns the figure (or the offset to skip to, when the number is a code such as "5G"), or None
    when the glue was a scale or an exponent and the number goes on to its other suffixes.
    """
    gl = glue.lower()
    s = fig.start
    value = fig.value if fig.value is not None else 0.0
    if gl == "e" and fig.kind == _COUNT:
        em = _EXPONENT_RE.match(text, g_end - 1)
        if em:  # "2.5e3"
            fig.value = fig.low = fig.high = float(f"{value!r}e{int(em.group(1))}")
            fig.plain = False
            fig.end = em.end()
            return None
    if gl == "x" and fig.kind != _MONEY and _dimension_after(text, g_end):
        fig.plain = False  # "1920x1080 pixels": one side of a dimension, the next number the other
        return [fig]
    if text[g_end : g_end + 1].isdigit():
        return _skip_number_tail(text, g_end)
    if glue == "st" and _LB_AFTER_RE.match(text, g_end) and not (value % 10 == 1 and value % 100 != 11):
        fig.kind, fig.unit, fig.explicit, fig.plain, fig.end = _MEASURE, "st", True, False, g_end
        return [fig]  # "14st 3lb": stone, not an ordinal
    if glue in ("in", "s") and _MAJOR_BEFORE_RE.search(text, max(0, s - 9), s):
        fig.kind = _DURATION if glue == "s" else _MEASURE
        fig.unit, fig.explicit, fig.plain, fig.end = glue, True, False, g_end
        return [fig]  # the inches of "6ft 2in", the seconds of "3min 42s"
    if gl in ("st", "nd", "rd", "th") and form in ("plain", "grouped") and not ambiguous:
        fig.kind = _ORDINAL
        fig.end = g_end
        fig.explicit = True
        fig.plain = False
        return [fig]
    if glue in ("s", "'s", "’s") and form == "plain":
        if glue == "s" and len(tok) in (2, 4) and tok.endswith("0") and value >= 10:  # "1960s", "the 60s"
            start_year = value if len(tok) == 4 else (1900 + value if value >= 20 else 2000 + value)
            if len(tok) == 2 and _word_before(text, s) not in ("the", "early", "late", "mid", "and", "or"):
                return g_end
            span = 99 if len(tok) == 4 and tok.endswith("00") and value != 2000 else 9  # "the 1800s": a century
            return [_Fig(s, g_end, start_year, _YEAR, low=start_year, high=start_year + span, explicit=True)]
        if len(tok) == 4 and 1000 <= value <= 2100:  # "1998s", "2019's"
            fig.kind = _YEAR
            fig.explicit = True
            fig.plain = False
            return [fig]
        return g_end
    if fig.kind == _COUNT and (glue in CODE_AFTER_NUMBER or gl == "pc" or (glue == "p" and not ambiguous)):
        if gl == "pc":  # "40pc"
            fig.kind, fig.unit = _PERCENT, "%"
        elif glue == "p":  # "212.5p": pence
            fig.kind, fig.unit = _MONEY, "GBP"
            fig.value = fig.low = fig.high = value / 100
        else:  # "5USD"
            fig.kind, fig.unit = _MONEY, glue
        fig.explicit = True
        fig.plain = False
        fig.end = g_end
        return [fig]
    if glue == "sq" and fig.kind != _MONEY:  # "1200sq ft", "450sq m"
        sm = _SQUARE_AFTER_RE.match(text, g_end)
        if sm:
            fig.kind, fig.unit = _MEASURE, "sq " + sm.group(1)
            fig.explicit, fig.plain, fig.end = True, False, sm.end()
            return [fig]
    if glue == "l" and fig.kind != _MONEY and _word_after(text, g_end) == "of":  # "2.5l of water": litres
        fig.kind, fig.unit = _MEASURE, "l"
        fig.explicit, fig.plain, fig.end = True, False, g_end
        return [fig]
    scale = GLUED_SCALES.get(glue)
    if scale is not None and gl == "k" and fig.kind != _MONEY and not _k_is_thousand(text, g_end):
        return _skip_number_tail(text, g_end)  # "4K TV", "a 5k run"
    if glue == "m" and fig.kind != _MONEY and _HOURS_BEFORE_RE.search(text, max(0, s - 12), s):
        fig.kind, fig.unit = _DURATION, "m"  # minutes after hours: "2h 5m" (one time, joined by _two_measures)
        fig.explicit, fig.plain, fig.end = True, False, g_end
        return [fig]
    if glue == "m" and fig.kind != _MONEY and _m_is_metres(text, s, g_end, "," in tok):
        fig.kind, fig.unit = _MEASURE, "m"
        fig.explicit, fig.plain, fig.end = True, False, g_end
        _trailing(text, fig)
        return [fig]
    if scale is not None and (glue not in MONEY_ONLY_SCALES or fig.kind == _MONEY):
        _apply_scale(fig, scale)
        fig.end = g_end
        return None
    unit_kind = GLUED_UNITS.get(glue) or ("measure" if glue.startswith("°") else None)
    if unit_kind is None and "/" in glue and GLUED_UNITS.get(glue.split("/", 1)[0]) == "measure":
        unit_kind, g_end, glue = "measure", g_end - len(glue) + glue.index("/"), glue.split("/", 1)[0]  # "7,000MB/s"
    if unit_kind is not None and fig.kind != _MONEY:
        fig.kind = _DURATION if unit_kind == "duration" else _MEASURE
        fig.unit = glue
        fig.explicit = True
        fig.plain = False
        fig.end = g_end
        if unit_kind == "measure":
            _unit_tail(text, fig)
        _trailing(text, fig)
        return [fig]
    if gl == "x" and fig.kind != _MONEY:  # "3x"
        fig.kind = _RATIO
        fig.explicit = True
        fig.plain = False
        fig.end = g_end
        return [fig]
    return _skip_number_tail(text, g_end)


_DIGIT_AFTER_RE: Final = re.compile(r"[ \u00a0]?\d")
_DIM_NUMBER_RE: Final = re.compile(r"\d[\d,.]*(?:[x×]\d[\d,.]*)?")
_DIM_UNIT_RE: Final = re.compile(
    r"[ \u00a0]?(?:pixels?|px|mm|cm|m|km|in|ft)(?![A-Za-z0-9])|[ \u00a0]+(?:resolution|display|screen)"
)
# Units of a side (length, pixels): "3 x 500 mg tablets" and "6 x 330 ml cans" are packs, not dimensions.
_SIDE_UNITS: Final = frozenset(
    """mm cm m km in ft yd inch inches foot feet yard yards mile miles metre metres meter meters millimetre millimetres
    millimeter millimeters centimetre centimetres centimeter centimeters kilometre kilometres kilometer kilometers
    pixel pixels px""".split()
)
_DIM_JOIN_RE: Final = re.compile(r"[ \u00a0]*(?:[x×]|by)[ \u00a0]*")


def _dimension_after(text: str, pos: int) -> bool:
    """Whether the digits at ``pos`` (after a glued "x") and a unit make the other sides of a dimension
    ("1920x1080 pixels", "40x30cm"); "a 4x4" has no unit and is a name."""
    m = _DIM_NUMBER_RE.match(text, pos)
    if m is None or _REPEATS_RE.match(text, pos):
        return False  # "4x100m relay": four legs of 100 m, no dimension
    end = m.end()
    return bool(_DIM_UNIT_RE.match(text, end) or UNIT_AFTER_RE.match(text, end))


# A number of repeats before a distance ("the 4 x 400 metres relay", "6x800m repeats"): "x" is a multiplier there.
_REPEATS_RE: Final = re.compile(
    r"[ \u00a0]?\d[\d,.]*[ \u00a0]?[A-Za-z]{1,12}[ \u00a0-]*"
    r"(?:relays?|medley|medleys|repeats|intervals|reps)(?![A-Za-z])"
)


def _dimensions(text: str, figs: list[_Fig]) -> None:
    """Each side of a dimension is a figure, and a unit written once after the last side is every side's unit:
    "100 x 60 metres", "1,722 x 1,134 x 30 mm", "30 by 45 feet", "1920x1080 pixels"."""
    near = [i for i, (a, b) in enumerate(zip(figs, figs[1:], strict=False)) if b.start - a.end <= 6 and a.unit is None]
    for i in reversed(near):  # from the right, so that the unit reaches every side of "1,722 x 1,134 x 30 mm"
        a, b = figs[i], figs[i + 1]
        if b.unit is None or a.kind is not _COUNT or a.value is None or a.is_range or b.kind not in (_MEASURE, _COUNT):
            continue
        if _DIM_JOIN_RE.fullmatch(text, a.end, b.start) and b.unit.lower() in _SIDE_UNITS:
            a.kind, a.unit, a.explicit = b.kind, b.unit, True


_LB_AFTER_RE: Final = re.compile(r"[ \u00a0]?\d{1,2}[ \u00a0]?(?:lb|lbs|pounds?)(?![A-Za-z])")
_MAJOR_BEFORE_RE: Final = re.compile(
    r"\d(?:ft|feet|foot|min|mins|minutes?)[ \u00a0]\Z|\d[ \u00a0](?:ft|feet|min|mins|minutes?)[ \u00a0]\Z"
)


def _glued_metres(text: str, figs: list[_Fig], sentences: Sequence[tuple[int, int]]) -> None:
    """A glued "m" read as millions ("298m", no noun after it) is metres when its sentence gives metres written
    with a grouped number, which are never millions ("its main span is 1,991m long and its towers rise 298m", "the
    surface dropped 12m to 1,480m"). Another unit of length is no such sign: "the 5km road cost 12m"."""
    glued = [
        f
        for f in figs
        if f.scale == 1e6 and (f.unit is None if f.kind == _COUNT else f.unit == "m") and _glued_m(text, f)
    ]
    if not glued:
        return
    starts = [s for s, _ in sentences]
    metres = {
        bisect.bisect_right(starts, f.start)
        for f in figs
        if f.kind == _MEASURE and f.unit == "m" and f.scale == 1.0 and "," in text[f.start : f.end]
    }
    for f in glued:
        if bisect.bisect_right(starts, f.start) in metres:
            f.value = f.low = f.high = float(text[f.start : f.end - 1])
            f.alt_value = None
            f.scale, f.has_scale = 1.0, False
            f.kind, f.unit, f.explicit = _MEASURE, "m", True


def _glued_m(text: str, f: _Fig) -> bool:
    """Whether the figure is digits with a glued "m" and nothing else ("298m", "4.5m")."""
    written = text[f.start : f.end]
    return (
        len(written) >= 2
        and written[-1] == "m"
        and written[-2].isdigit()
        and bool(_PLAIN_DECIMAL_RE.fullmatch(written[:-1]))
    )


def _k_is_thousand(text: str, e: int) -> bool:
    """Whether "40k" counts thousands: unless a race or a screen follows ("a 5k run", "4K TV"), it does
    ("a 15k bonus", "40k fans", "12K next year")."""
    nxt = text[e : e + 1]
    if not nxt or nxt in ".,;:)!?\n":
        return True
    return _word_after(text, e) not in _K_NOT_THOUSAND


def _counts_millions(text: str, e: int) -> bool:
    """Whether a glued "m" counts millions: a plural noun, a currency word or "of" follows ("12m people")."""
    word = _word_after(text, e)
    return word in CURRENCY_WORDS or word == "of" or _is_plural(word)


def _m_is_metres(text: str, s: int, e: int, grouped: bool) -> bool:
    """Whether a glued "m" that no currency sign or code governs (``s``-``e`` is "12m") is metres, not millions.

    The rule, in order:

    * a grouped number is metres unless a plural noun, a currency word or "of" follows: "a 1,200m climb" (a
      grouped number of millions would be billions), but "1,500m people";
    * the word right after it (past a hyphen) decides when it is a currency word or a money noun ("15m euros",
      "a 4m salary": millions) or a word of length ("100m sprint", "8m deep", "15m-high", "the 400m final",
      "4.2m ceilings": metres), and so does "in" before digits ("100m in 9.63 seconds": metres);
    * any other plural noun after it is what it counts: "15m people", "3m tonnes" are millions;
    * otherwise the nearest word of money or of length within its clause, up to eight words either side, decides
      ("paid 12m for the site", "the javelin landed at 89.94m", "the reservoir level rose 4m to 112m", "invest
      250m to raise the dam by 5m");
    * with no such word, "of" after it reads metres ("12m of cable", as before) and anything else millions
      ("shipped 3.4m this year").
    """
    if grouped:
        return not _counts_millions(text, e)
    if _DIM_M_AFTER_RE.match(text, e) or _DIM_M_BEFORE_RE.search(text, max(0, s - 16), s):
        return True  # "2.5m x 5m", "5.2m by 4.1m": the sides of a dimension
    word = _next_word(text, e)
    if word in CURRENCY_WORDS or word in _MILLION_CONTEXT:
        return False
    if word in _METRE_CONTEXT:
        return True
    if word == "in" and _IN_DIGIT_RE.match(text, e):
        return True
    if word != "of" and _is_plural(word):
        return False
    cue = _m_context(text, s, e)
    return cue if cue is not None else word == "of"


_HOURS_BEFORE_RE: Final = re.compile(r"(?<![\d.,])\d{1,3}[ \u00a0]?(?:h|hr|hrs)[ \u00a0]\Z")
_DIM_M_AFTER_RE: Final = re.compile(r"[ \u00a0]*(?:[x×]|by)[ \u00a0]*\d[\d.,]*m(?![A-Za-z0-9])")
_DIM_M_BEFORE_RE: Final = re.compile(r"\d[\d.,]*m[ \u00a0]*(?:[x×]|by)[ \u00a0]*\Z")


def _m_context(text: str, s: int, e: int) -> bool | None:
    """The nearest word of length (True) or of money (False) to a glued "m" within its clause, or None."""
    before = text[max(0, s - _M_CUE_SPAN) : s]
    cut = _CLAUSE_END_BEFORE_RE.match(before)
    if cut:
        before = before[cut.end() :]
    after = text[e : e + _M_CUE_SPAN]
    end = _CLAUSE_END_AFTER_RE.search(after)
    if end:
        after = after[: end.start()]
    words_before = _CUE_WORD_RE.findall(before)[-_M_CUE_WORDS:]
    words_before.reverse()
    words_after = _CUE_WORD_RE.findall(after)[:_M_CUE_WORDS]
    for i in range(max(len(words_before), len(words_after))):
        for words in (words_before, words_after):
            if i < len(words):
                w = words[i].lower()
                if w in _MILLION_CONTEXT:
                    return False
                if w in _METRE_CONTEXT:
                    return True
    return None


def _skip_number_tail(text: str, e: int) -> int:
    """The end of a code or malformed number that starts before ``e`` ("2.4.1", "5G", "1,1,1")."""
    m = _TAIL_RE.match(text, e)
    return m.end() if m else e


def _apply_scale(fig: _Fig, scale: float) -> None:
    assert fig.value is not None
    fig.value = _scaled(fig.value, scale)
    fig.low = fig.high = fig.value
    if fig.alt_value is not None:
        fig.alt_value = _scaled(fig.alt_value, scale)
    fig.scale = scale
    fig.has_scale = True
    fig.plain = False


def _glued_sign(text: str, s: int, e: int) -> bool:
    """Whether letters glued before the digits at ``s`` are a currency sign: "$NZ4.2m", "Rp10,000", "KSh500",
    or a lone "R" before an amount written as money ("R18.90", "R120bn", "R1,500"; not "R2" or "H1N1")."""
    found = _currency_before(text, s)
    if found is None or found[1] == s:
        return False
    if text[found[1] : s] != "R":
        return True
    written = text[s:e]
    return bool(_RAND_AMOUNT_RE.match(written)) or text[e : e + 2] in ("bn", "m ", "m.", "m,", "k ")


_RAND_AMOUNT_RE: Final = re.compile(r"\d+\.\d\d(?!\d)|\d{1,3}(?:,\d{3})+")


def _currency_before(text: str, s: int) -> tuple[str, int] | None:
    """The currency written right before offset ``s`` (allowing one space), and where it starts."""
    p = s
    if p and text[p - 1] in " \u00a0":
        p -= 1
    if not p:
        return None
    c = text[p - 1]
    if c == "$":
        for sign in (
            "U.S.$",
            "USD$",
            "Can$",
            "Mex$",
            "US$",
            "AU$",
            "CA$",
            "NZ$",
            "HK$",
            "MX$",
            "NT$",
            "A$",
            "C$",
            "S$",
            "R$",
        ):
            k = p - len(sign)
            if k >= 0 and text.startswith(sign, k) and (k == 0 or not text[k - 1].isalpha()):
                return CURRENCY_SIGNS[sign], k
        return "USD", p - 1
    if c in "£€¥₹₽₩₦₺₪₱฿₫₴₵₨":
        return CURRENCY_SIGNS[c], p - 1
    if p >= 3 and c == "." and text.startswith("Rs.", p - 3) and (p == 3 or not text[p - 4].isalpha()):
        return "INR", p - 3
    if c == "s" and text.startswith("Rs", p - 2) and (p == 2 or not text[p - 3].isalpha()):
        return "INR", p - 2
    if c == "ł" and text.startswith("zł", p - 2) and (p == 2 or not text[p - 3].isalpha()):
        return "PLN", p - 2  # Polish złoty before the amount: "zł 40"
    if c == "p" and text.startswith("Rp", p - 2) and (p == 2 or not text[p - 3].isalpha()):
        return "IDR", p - 2  # Indonesian rupiah: "Rp 10,000"
    if c == "R" and p == s and (p == 1 or not (text[p - 2].isalnum() or text[p - 2] in "&-")):
        return "ZAR", p - 1  # glued only; _glued_sign says whether the amount is written as money
    if c.isupper() and p >= 2:
        for sign in ("$NZ", "$US", "$A"):  # a dollar sign with its country after it: "$NZ4.2m"
            k = p - len(sign)
            if k >= 0 and text.startswith(sign, k):
                return CURRENCY_SIGNS[sign], k
    if c in "hr" and p >= 2:
        for sign in ("KSh", "Ksh", "Sh", "SFr"):  # Kenyan shillings, Swiss francs
            k = p - len(sign)
            if k >= 0 and text.startswith(sign, k) and (k == 0 or not text[k - 1].isalpha()):
                return CURRENCY_SIGNS[sign], k
    if c == "A" and p >= 4:
        for sign in ("F.CFA", "FCFA"):  # CFA francs: "F.CFA 3.5 million"
            k = p - len(sign)
            if k >= 0 and text.startswith(sign, k) and (k == 0 or not text[k - 1].isalpha()):
                return CURRENCY_SIGNS[sign], k
    if c.isupper() and p >= 2:
        if p >= 3:
            code = text[p - 3 : p]
            if code in ISO_CODES and (p == 3 or not text[p - 4].isalpha()) and code.isupper():
                return ("CNY" if code == "RMB" else code), p - 3
    return None


def _word_before(text: str, s: int) -> str:
    """The lowercased word right before offset ``s`` (skipping spaces), or ""."""
    chunk = text[s - 24 if s > 24 else 0 : s]
    if chunk.isascii():  # what _PREV_WORD_REV finds, with string methods
        chunk = chunk.rstrip(" \t")
        return chunk[len(chunk.rstrip(_PREV_WORD_CHARS)) :].lstrip(".'-").lower()
    m = _PREV_WORD_REV.match(chunk.lower()[::-1])
    return m.group("w")[::-1] if m else ""


_PREV_WORD_CHARS: Final = ".'#-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _word_after(text: str, e: int) -> str:
    m = _WORD_AFTER_RE.match(text, e)
    return m.group(1).lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    """The lowercased word right after ``pos`` (past one space or hyphen), or ""; "%" for a percent sign."""
    m = _NEXT_WORD_RE.match(text, pos)
    return m.group(1).lower() if m else ""


_SECOND_WORD_RE: Final = re.compile(r"[ \t\u00a0]+[A-Za-z]+[ \t\u00a0]+([A-Za-z]+)")


def _second_word(text: str, pos: int) -> str:
    """The lowercased second word after ``pos`` ("500 Peruvian soles" → "soles"), or ""."""
    m = _SECOND_WORD_RE.match(text, pos)
    return m.group(1).lower() if m else ""


def _suffixes(text: str, fig: _Fig, pos: int) -> None:
    """Read what follows a number: scale, percent, currency word or code, unit, "times", "+".

    A cheap look at the next word decides which (if any) of the heavier patterns to try.
    """
    if pos >= len(text) or text[pos] not in _SUFFIX_START:
        return
    word = _next_word(text, pos)
    if not fig.has_scale:
        if word == "hundred" and not fig.word and fig.plain:  # "2 hundred thousand": hundreds of a larger scale
            hm = _HUNDRED_SCALE_RE.match(text, pos)
            if hm:
                _apply_scale(fig, 100.0 * SCALE_WORDS[hm.group("scale").lower()])
                fig.end = pos = hm.end()
                word = _next_word(text, pos)
        if word in SCALE_WORDS and not fig.has_scale:
            m = SCALE_WORD_RE.match(text, pos)
            if m and not (m.group().lstrip(" \t\u00a0\u202f\u2009").startswith("-") and fig.word):
                scale = SCALE_WORDS[m.group("scale").lower()]
                pos = m.end()
                m2 = SCALE_WORD_RE.match(text, pos)
                if m2 and SCALE_WORDS[m2.group("scale").lower()] > scale:  # "19.6 lakh crore"
                    scale *= SCALE_WORDS[m2.group("scale").lower()]
                    pos = m2.end()
                _apply_scale(fig, scale)
                fig.end = pos
                word = _next_word(text, pos)
        elif word == "m" and fig.kind == _MONEY:
            m = SPACED_M_RE.match(text, pos)
            if m:
                _apply_scale(fig, 1e6)
                pos = fig.end = m.end()
                word = _next_word(text, pos)
    if fig.kind == _COUNT:  # (none of the checks below changes the kind unless it returns)
        if word in _PERCENT_WORDS:
            m = PERCENT_RE.match(text, pos)
            if m:
                pct = m.group("pct").lower()
                fig.kind = _PERCENT
                fig.unit = (
                    "bp" if "basis" in pct or "bps" in pct else ("pp" if "point" in pct or pct.strip() == "pp" else "%")
                )
                fig.explicit = True
                fig.end = m.end()
                _trailing(text, fig)
                return
        if word in CURRENCY_WORDS or word in _CURRENCY_ADJ_FIRST or _second_word(text, pos) in CURRENCY_WORDS:
            m = CURRENCY_WORD_RE.match(text, pos)
            if m:
                cword = m.group("word").lower()
                adj = m.group("adj")
                if cword in ("pound", "pounds") and _weighs(text, fig, m.end()):
                    fig.kind = _MEASURE
                    fig.unit = cword
                    fig.explicit = True
                    fig.end = m.end()
                    return
                if cword != "won" or adj or fig.has_scale:  # "5 won" is rarely money; "5 trillion won" is
                    code = CURRENCY_ADJECTIVES.get(" ".join(adj.lower().split())) if adj else None
                    fig.kind = _MONEY
                    fig.unit = code or CURRENCY_WORDS[cword]
                    fig.explicit = True
                    fig.end = m.end()
                    if cword in HUNDREDTHS and fig.value is not None:
                        fig.value = fig.low = fig.high = fig.value / 100
                    return
        zm = _ZLOTY_RE.match(text, pos)
        if zm:  # "450 zł": Polish zloty, a sign of letters that the word pattern does not read
            fig.kind, fig.unit, fig.explicit, fig.end = _MONEY, "PLN", True, zm.end()
            return
        if len(word) == 3 and word.upper() in ISO_CODES and text[pos] in " \u00a0":
            m = CURRENCY_CODE_AFTER_RE.match(text, pos)
            if m:
                fig.kind = _MONEY
                fig.unit = m.group("code")
                fig.explicit = True
                fig.end = m.end()
                return
        if word in _UNIT_FIRST_WORDS:
            m = UNIT_AFTER_RE.match(text, pos)
            if m:
                unit = _unit_of(m)
                if unit is not None:
                    fig.kind = _DURATION if unit in DURATION_WORDS else _MEASURE
                    fig.unit = unit
                    fig.explicit = True
                    fig.end = m.end()
                    if text[fig.end : fig.end + 1] in _TAIL_START and m.group("sym") is not None:
                        _unit_tail(text, fig)
                    _trailing(text, fig)
                    return
        if word in ("times", "fold", "x"):
            m = _TIMES_RE.match(text, pos)
            if m:
                token = m.group().strip().lower()
                if token == "times":
                    follower = _word_after(text, m.end())
                    nxt = text[m.end() : m.end() + 1]
                    if follower and follower not in _OCCURRENCE_FOLLOWERS and nxt in " \t\u00a0":
                        fig.kind = _RATIO
                        fig.explicit = True
                        fig.end = m.end()
                        return
                    fig.unit = "times"
                    return
                if token == "x" and _DIGIT_AFTER_RE.match(text, m.end()) and not _REPEATS_RE.match(text, m.end()):
                    fig.plain = False  # "100 x 60 metres": a side of a dimension, not a ratio
                    return
                if token != "x" or not fig.word:  # "3x", "-fold"
                    fig.kind = _RATIO
                    fig.explicit = True
                    fig.end = m.end()
                    return
    _trailing(text, fig)


def _trailing(text: str, fig: _Fig) -> None:
    """A trailing "+", "-plus" or "-odd", or a hyphenated noun ("225-member")."""
    if text[fig.end : fig.end + 1] not in ("+", "-"):
        return  # what both patterns start with
    m = _TRAIL_QUAL_RE.match(text, fig.end)
    if m:
        token = m.group()
        fig.qualifier = _ABOUT if token == "-odd" else _OVER
        fig.end = m.end()
        fig.plain = False
        if not fig.explicit:
            _suffixes(text, fig, fig.end)  # a unit after the qualifier: "40-plus degrees", "a 30-odd mile walk"
        return
    if fig.kind == _COUNT and not fig.explicit:
        m = _COMPOUND_RE.match(text, fig.end)
        if m and m.group("w") == "strong":  # "a 3,000-strong workforce": the noun after is counted
            fig.end = m.end()
            fig.plain = False
            return
        if m and m.group("w") not in ("year", "old", "and", "to"):
            word = m.group("w")
            if _participle(word) or word.endswith(("ing", "way", "fold")) or fig.value == 0:
                fig.drop = True  # "two-pronged", "three-way": an adjective, not a figure
                return
            fig.end = m.end()
            fig.unit = word
            fig.plain = False
            fig.explicit = True


_TAIL_START: Final = frozenset("/·⋅²³^")


def _unit_tail(text: str, fig: _Fig) -> None:
    """A compound unit: a denominator, a factor or an exponent after a unit symbol ("m/s²", "g/cm3", "kW·h")."""
    if fig.end < len(text) and text[fig.end] in "/·⋅²³^":
        t = UNIT_TAIL_RE.match(text, fig.end)
        if t:
            fig.unit = (fig.unit or "") + t.group()
            fig.end = t.end()


def _participle(word: str) -> bool:
    """Whether a word ending in "-ed" is a participle ("pronged", "eyed", "tiered"), not one of the few nouns in
    "-ed" ("a four-bed bay", "a five-speed gearbox")."""
    return word.endswith("ed") and word not in _NOUNS_IN_ED


_NOUNS_IN_ED: Final = frozenset("bed shed sled seed speed reed steed creed weed feed".split())


def _unit_of(m: re.Match[str]) -> str | None:
    """The unit a match of UNIT_AFTER_RE names: words lowercased, symbols as written (None if miscased)."""
    word = m.group("word")
    if word is not None:
        if word[0].isupper() and not word.isupper() and m.group("sep").strip() != "-":
            return None  # "60 Minutes", a title
        return " ".join(word.lower().split())
    sym = m.group("sym")
    if sym in MEASURE_SYMBOLS:
        return sym
    return None


def _weighs(text: str, fig: _Fig, end: int) -> bool:
    """Whether "pounds" after a number is a weight ("5 pounds of", "weighed 20 pounds")."""
    if _OF_RE.match(text, end) or _MASS_AFTER_RE.match(text, end):
        return True  # "5 pounds of", "7 pounds 4 ounces", "150 pounds (68 kg)"
    if _MASS_BEFORE_RE.search(text, max(0, fig.start - 40), fig.start):
        return True  # "3 tonnes, about 6,600 pounds", "68 kg (150 pounds)": a mass restated
    before = text[max(0, fig.start - 30) : fig.start].lower().split()
    return any(w.strip(".,") in _WEIGHT_VERBS for w in before[-3:])


_MASS_WORDS = r"(?:kg|kgs|kilograms?|kilos?|tonnes?|tons?|ounces?|oz|grams?|g|stone)"
# A mass right after "pounds": its ounces, or the same mass in brackets.
_MASS_AFTER_RE: Final = re.compile(
    rf"(?:[ \u00a0]+(?:and[ \u00a0]+)?\d{{1,2}}[ \u00a0]*(?:ounces?|oz)|[ \u00a0]*\([^()\d]{{0,12}}\d[\d.,]*[ \u00a0]*"
    rf"{_MASS_WORDS})(?![A-Za-z])",
    re.IGNORECASE,
)
# A mass right before the figure of "pounds", restating it: "3 tonnes, about 6,600 pounds", "68 kg (150 pounds)".
_MASS_BEFORE_RE: Final = re.compile(
    rf"\d[ \u00a0]*{_MASS_WORDS}[ \u00a0]*(?:,|\(|\bor\b)[ \u00a0]*(?:about|around|roughly|some|nearly|almost|"
    r"approximately|or)?[ \u00a0]*\Z",
    re.IGNORECASE,
)


# --- number words ---------------------------------------------------------------------------------


def _from_words(text: str, s: int, e: int, prev_end: int) -> list[_Fig] | int:
    lead = text[max(0, s - 4) : s]
    a_match = _ARTICLE_END_RE.search(lead)
    after_a = a_match is not None
    numbers = parse_run(text, s, e, after_a=after_a)
    if not numbers:
        return e
    out: list[_Fig] = []
    for k, num in enumerate(numbers):
        a_start = None
        if after_a and a_match is not None and k == 0 and num.start == s:
            first_word = text[s : num.end].split()[0].split("-")[0].lower()
            if first_word in _TAKES_A:
                a_start = s - len(lead) + a_match.start(1)
        fig = _word_figure(text, num, a_start, prev_end if not out else out[-1].end)
        if fig is not None:
            out.append(fig)
    if not out:
        return e
    return out


# The symbols of earthquake magnitude scales, as written before the figure ("Mw 6.3"; moment, local, surface wave,
# body wave).
_MAGNITUDE_SYMBOLS_CASED: Final = frozenset("Mw MW Mww ML Ms MS mb Mb".split())
_MAGNITUDE_SYMBOLS: Final = frozenset(w.lower() for w in _MAGNITUDE_SYMBOLS_CASED)
_CARDINAL_NEXT_RE: Final = re.compile(r"[ \t\u00a0]+\d")
_CARDINAL_WORDS: Final = frozenset({*UNITS, *TEENS, *TENS, "dozen", "hundred", "thousand"}) - {"one"}
# Words after "a second" that make it a time: "a second later", "a second too late".
_AFTER_A_SECOND: Final = frozenset("later earlier ago too long faster slower quicker ahead off".split())


def _word_figure(text: str, num: WordNumber, a_start: int | None, prev_end: int) -> _Fig | None:
    s, e = num.start, num.end
    first = text[s]
    capital = first.isupper()
    if capital and not _sentence_start(text, s if a_start is None else a_start) and num.form != "vague":
        return None  # "Formula One", "Channel Four", "Big Ten"
    if num.form == "ordinal":
        word = num.single or ""
        if word == "second":
            prev = _word_before(text, s)
            if prev == "a":
                follower = _word_after(text, e)
                if not follower or follower in _FUNCTION_WORDS or follower in _AFTER_A_SECOND:
                    return None  # "wait a second", "a second or two", "a second later": a time
                # "a second term", "for a second year in a row": an ordinal
            elif prev in ("one", "per", "every", "each", "split", "fraction", "nano", "milli") or prev[-1:].isdigit():
                return None
        if a_start is not None:
            return None
        hm = _HYPHEN_WORD_RE.match(text, e)
        if hm and hm.group(1).lower() in _ORDINAL_COMPOUNDS:
            return None  # "third-world", "first-hand", "second-rate"
        if _CARDINAL_NEXT_RE.match(text, e) or _word_after(text, e) in _CARDINAL_WORDS:
            return None  # "the first two matches", "the first 100 days": the count is the figure
        return _Fig(s, e, num.value, _ORDINAL, low=num.value, high=num.value, explicit=True, word=True)
    if num.form == "fraction":
        start = s
        measure = _fraction_measure(text, num, a_start)
        if measure is not None:
            return measure
        if num.single == "half":
            if not _OF_RE.match(text, e):
                return None  # "half of" is a figure; "an hour and a half" is not
            if _word_before(text, s) in _NOT_BEFORE_HALF:
                return None  # "the first half of the year"
        elif num.single is not None:
            # "a third": a fraction unless a noun follows ("a fifth straight meeting" is an ordinal)
            follower = _word_after(text, e)
            if a_start is None:
                return None
            hm = _HYPHEN_WORD_RE.match(text, e)
            if hm:
                follower = hm.group(1).lower()
                if follower in _ORDINAL_COMPOUNDS:
                    return None  # "a third-party supplier"
            if follower and follower not in _STOP:
                if num.single == "second" or num.single not in ORDINALS:
                    return None
                value = float(ORDINALS[num.single])
                return _Fig(s, e, value, _ORDINAL, low=value, high=value, explicit=True, word=True)
        if a_start is not None:
            start = a_start
        return _Fig(start, e, num.value, _RATIO, low=num.value, high=num.value, explicit=True, word=True)
    if num.form == "fold":
        return _Fig(s, e, num.value, _RATIO, low=num.value, high=num.value, explicit=True, word=True)
    if num.form == "vague":
        return _vague(text, s, e, num.value, num.scale)
    # cardinal
    start = s if a_start is None else a_start
    first_word = text[s:e].split()[0].split("-")[0].lower()
    if first_word in _BARE_MULTIPLIERS:  # "hundred", "dozen" with no count before them
        if a_start is None:
            prev = _word_before(text, s)
            if prev in ("several", "few", "many"):
                k = s
                while k > 0 and text[k - 1] in " \t\u00a0":
                    k -= 1
                k -= len(prev)
                if prev == "few" and text[max(0, k - 2) : k].lower() == "a ":
                    k -= 2
                return _vague(text, k, e, num.value, num.scale if num.scale > 1 else 1.0)
            return None
    fig = _Fig(start, e, num.value, low=num.value, high=num.value, word=True, number_end=e)
    fig.scale = num.scale
    fig.has_scale = num.scale > 1
    if num.single in ("one", "zero"):
        fig.weak = True  # "one of the", "no one", "net zero"
    _suffixes(text, fig, e)
    return fig


_UNIT_WORD_ALT: Final = "|".join(
    sorted((w for w in (*MEASURE_WORDS, *DURATION_WORDS) if w.isalpha() and len(w) > 3), key=len, reverse=True)
)
# "half a kilometre", "half an hour"; "three quarters of an hour", "a quarter of a mile"; "a kilometre and a half".
_HALF_A_UNIT_RE: Final = re.compile(rf"[ \t\u00a0]+an?[ \t\u00a0]+({_UNIT_WORD_ALT})(?![A-Za-z0-9-])")
_OF_A_UNIT_RE: Final = re.compile(rf"[ \t\u00a0]+of[ \t\u00a0]+an?[ \t\u00a0]+({_UNIT_WORD_ALT})(?![A-Za-z0-9-])")
_UNIT_AND_A_RE: Final = re.compile(
    rf"(?:^|(?<=[^A-Za-z]))([Aa]n?)[ \t\u00a0]+({_UNIT_WORD_ALT})[ \t\u00a0]+and[ \t\u00a0]+a[ \t\u00a0]+\Z"
)
# "a couple of metres": about two of a unit (a couple of anything else is no figure).
_COUPLE_RE: Final = re.compile(
    rf"(?<![A-Za-z])[Aa][ \t\u00a0]+couple[ \t\u00a0]+of[ \t\u00a0]+({_UNIT_WORD_ALT})(?![A-Za-z0-9-])"
)


# One unit after a qualifier ("more than a year", "nearly a decade", "about a mile"): the qualifier makes it a
# figure; "a year" alone is a rate ("$5 a year") or no figure ("a year ago"). The qualifier is read as for any figure.
# (The pattern starts with the literal " a", which the regex engine searches fast; the qualifier is checked after.)
_A_UNIT_RE: Final = re.compile(
    rf" (an?[ \t\u00a0]+({_UNIT_WORD_ALT}))(?![A-Za-z0-9-])"
    r"(?![ \t\u00a0]+(?:earlier|before|previously|prior|ago|later|back)\b)"  # "7% more than a year earlier"
)
_BEFORE_A_UNIT: Final = frozenset("than nearly almost about around roughly approximately least".split())


def _unit_figure(start: int, end: int, value: float, unit: str) -> _Fig:
    kind = _DURATION if unit in DURATION_WORDS else _MEASURE
    return _Fig(start, end, value, kind, low=value, high=value, unit=unit, explicit=True, word=True, number_end=end)


def _fraction_measure(text: str, num: WordNumber, a_start: int | None) -> _Fig | None:
    """A fraction of a unit of measure or time: "half a kilometre" (0.5 kilometre), "three quarters of an hour"
    (0.75 hour), "a kilometre and a half" (1.5 kilometre)."""
    s, e = num.start, num.end
    m = _HALF_A_UNIT_RE.match(text, e) if num.single == "half" else _OF_A_UNIT_RE.match(text, e)
    if m is not None and m.group(1).islower():
        return _unit_figure(s if a_start is None else a_start, m.end(), num.value, m.group(1))
    if num.single == "half" and a_start is not None:
        before = _UNIT_AND_A_RE.search(text, max(0, a_start - 40), a_start + 2)
        if before is not None and before.group(2).islower():
            return _unit_figure(before.start(1), e, 1.5, before.group(2))
    return None


def _couple(m: re.Match[str]) -> list[_Fig] | int:
    if not m.group(1).islower():
        return m.end()
    fig = _unit_figure(m.start(), m.end(), 2.0, m.group(1))
    fig.qualifier = _ABOUT
    return [fig]


def _vague(text: str, s: int, e: int, base: float, scale: float) -> _Fig:
    low, high = vague_bounds(base)
    fig = _Fig(s, e, None, low=low, high=high, qualifier=_ABOUT, vague=True, word=True, scale=scale)
    m = _OF_SPACE_RE.match(text, e)
    if m or _next_word(text, e) in CURRENCY_WORDS:  # "billions of dollars", "several million dollars"
        cm = CURRENCY_WORD_RE.match(text, e + 3 if m else e)
        if cm:
            word = cm.group("word").lower()
            adj = cm.group("adj")
            code = CURRENCY_ADJECTIVES.get(" ".join(adj.lower().split())) if adj else None
            fig.kind = _MONEY
            fig.unit = code or CURRENCY_WORDS[word]
            fig.explicit = True
            fig.end = cm.end()
    return fig


def _sentence_start(text: str, s: int) -> bool:
    k = s - 1
    while k >= 0 and text[k] in " \t\u00a0\"“‘'(*•-–—":
        k -= 1
    return k < 0 or text[k] in ".!?:;\n\r"


# --- ranges and ratios ----------------------------------------------------------------------------


def _merge(text: str, figs: list[_Fig]) -> list[_Fig]:
    out: list[_Fig] = []
    parts: dict[int, tuple[str, float]] = {}  # a measure in parts (by its id): its last part's unit, and scale
    i = 0
    n = len(figs)
    while i < n:
        a = figs[i]
        if i + 1 < n:
            b = figs[i + 1]
            merged = (
                _mixed(text, a, b)
                or _ratio(text, a, b)
                or _per_base(text, a, b)
                or _two_units(text, a, b)
                or (
                    b.start - a.end <= 8
                    and text[b.start - 1] in _MAJOR_ENDS
                    and a.kind in _PARTS_KINDS
                    and _two_measures(text, a, b, parts)
                )
                or _range(text, a, b)
            )
            if merged is not None:
                if merged is _DROP_BOTH:
                    i += 2
                    continue
                if id(merged) in parts:  # a measure in parts may go on ("1 hour 2 minutes 3 seconds")
                    figs[i + 1] = merged
                    i += 1
                    continue
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_DROP_BOTH: Final = _Fig(0, 0, None)


def _mixed(text: str, a: _Fig, b: _Fig) -> _Fig | None:
    """ "1 3/4 cups": a whole number and a fraction."""
    if not b.mixed_fraction or not a.plain or a.value is None or b.value is None or b.start != a.end + 1:
        return None
    v = a.value + b.value
    fig = _Fig(a.start, b.end, v, low=v, high=v, number_end=b.end)
    _suffixes(text, fig, b.end)
    return fig


def _ratio(text: str, a: _Fig, b: _Fig) -> _Fig | None:
    """ "1 in 8", "one in five", "3 out of 10"."""
    if b.start - a.end > 14:
        return None
    if a.kind != _COUNT or b.kind != _COUNT or a.explicit or b.explicit or a.value is None or b.value is None:
        return None
    between = text[a.end : b.start]
    if between not in (" in ", " out of ", " in every ", " out of every ") or not 0 < a.value < b.value or a.has_scale:
        return None
    if b.plain and b.digits == 4:
        return None
    if a.value >= 100 or b.value > 10000:
        return None
    v = 100.0 * a.value / b.value  # "one in four" is a share: 25% of the whole
    fig = _Fig(a.start, b.end, v, _PERCENT, low=v, high=v, unit="%", explicit=True, word=a.word)
    fig.role = _SHARE
    return fig


# The words that may follow the minor part of "seven pounds fifty": none, or one that starts another phrase.
_AFTER_MINOR: Final = frozenset({"", "and", "for", "each", "a", "an", "per", "in", "on", "at", "to", "from", "with"})
_MAJOR_UNIT_RE: Final = re.compile(r"(?:pounds?|dollars?|euros?|francs?|rupees?|pesos?)\Z", re.IGNORECASE)


def _two_units(text: str, a: _Fig, b: _Fig) -> _Fig | None:
    """An amount in two units is one figure: "seven pounds fifty" is 7.50, "4 dollars 20 cents" 4.20."""
    if a.kind != _MONEY or a.value is None or a.is_range or b.value is None or b.is_range or b.start != a.end + 1:
        return None
    if not _MAJOR_UNIT_RE.search(text, a.start, a.end) or a.qualifier is not _EXACT:
        return None
    if b.kind == _MONEY and b.unit == a.unit and 0 < b.value < 1:  # "20 cents", "50 pence": read as 0.20, 0.50
        minor = b.value
    elif b.kind == _COUNT and not b.explicit and b.unit is None and 0 < b.value < 100 and b.value == int(b.value):
        if _word_after(text, b.end) not in _AFTER_MINOR:
            return None  # "ten dollars fifty times", "5 dollars 20 people": another figure
        minor = b.value / 100
    else:
        return None
    v = a.value + minor
    a.value = a.low = a.high = v
    a.end = b.end
    a.number_end = max(a.number_end, b.number_end)
    return a


_INCHES: Final = frozenset({"in", "inch", "inches", "ins"})
_POUNDS: Final = frozenset({"lb", "lbs", "pound", "pounds"})
_OUNCES: Final = frozenset({"oz", "ounce", "ounces"})
_GRAMS: Final = frozenset({"g", "gram", "grams"})
_CENTIMETRES: Final = frozenset({"cm", "centimetre", "centimetres", "centimeter", "centimeters"})
_METRES: Final = frozenset({"m", "metre", "metres", "meter", "meters"})
_MINUTES: Final = frozenset({"min", "mins", "minute", "minutes"})
_SECONDS: Final = frozenset({"s", "sec", "secs", "second", "seconds"})
_HOURS: Final = frozenset({"h", "hr", "hrs", "hour", "hours"})
# A unit and the smaller unit that may follow it in one measure ("5 ft 10 in", "3 kg 200 g", "2 hours and 30
# minutes"), with how many of the smaller make one of the larger.
_MINOR_UNITS: Final[dict[str, tuple[frozenset[str], float]]] = {
    **dict.fromkeys(("ft", "feet", "foot"), (_INCHES, 12.0)),
    **dict.fromkeys(("st", "stone"), (_POUNDS, 14.0)),
    **dict.fromkeys(_POUNDS, (_OUNCES, 16.0)),
    **dict.fromkeys(("kg", "kilo", "kilos", "kilogram", "kilograms"), (_GRAMS, 1000.0)),
    **dict.fromkeys(_METRES, (_CENTIMETRES, 100.0)),
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), (_METRES, 1000.0)),
    **dict.fromkeys(_HOURS, (_MINUTES, 60.0)),
    **dict.fromkeys(_MINUTES, (_SECONDS, 60.0)),
    **dict.fromkeys(("day", "days"), (_HOURS, 24.0)),
    **dict.fromkeys(("year", "years", "yr", "yrs"), (frozenset({"month", "months"}), 12.0)),
}
_TIME_UNITS: Final = _HOURS | _MINUTES | _SECONDS | {"day", "days", "year", "years", "yr", "yrs"}
# The larger unit written after a bare number ("5 stone 4 lb", "1 h 20 min", "5′10″"), and the joins between the
# two parts.
_MAJOR_WORDS: Final = frozenset({"st", "stone", "h", "ft"})
_MAJOR_ENDS: Final = frozenset(" \u00a0'′")
_PRIMES: Final = frozenset("'′")
_MINOR_AFTER_RE: Final = re.compile(r"[ \u00a0]?(in|s|sec|secs)(?![A-Za-z0-9])(?![ \u00a0]+(?:the|a|an|\d))|[\"″]")
_PARTS_JOIN: Final = frozenset({" ", "\u00a0", " and "})
_PARTS_KINDS: Final = frozenset({Kind.MEASURE, Kind.DURATION, Kind.COUNT})


def _two_measures(text: str, a: _Fig, b: _Fig, parts: dict[int, tuple[str, float]]) -> _Fig | None:
    """A measure in two units is one figure in the larger unit: "5 ft 10 in" is 5.8333 ft, "3 kg 200 g" 3.2 kg,
    "2 hours and 30 minutes" 2.5 hours, "5 stone 4 lb" 5.2857 stone, "5′10″" 5.8333 ft; and in three, "1 hour 2
    minutes 3 seconds" 1.0342 hours."""
    between = text[a.end : b.start]  # (the cheapest test first: most pairs of figures are no such measure)
    so_far = parts.get(id(a)) if parts else None  # the last part's unit and scale, when ``a`` has parts already
    scale = 1.0
    if so_far is not None:  # the third part
        if between not in _PARTS_JOIN:
            return None
        major, scale = so_far
    elif a.unit is not None and (a.kind is _MEASURE or a.kind is _DURATION):
        if between not in _PARTS_JOIN:
            return None
        major = a.unit
    elif a.kind is _COUNT and a.unit is None and not a.explicit:
        if between in _PRIMES:
            major = "ft"  # "5′10″"
        elif between[1:-1] in _MAJOR_WORDS and between[0] in _MAJOR_ENDS and between[-1] in _MAJOR_ENDS:
            major = between[1:-1]  # "5 stone 4 lb", "1 h 20 min"
        else:
            return None
    else:
        return None
    if a.value is None or b.value is None or a.is_range or b.is_range or a.has_scale or b.has_scale:
        return None
    if a.value < 0 or b.value < 0 or (a.value != int(a.value) and so_far is None):
        return None
    minor_of = _MINOR_UNITS.get(major.lower())
    if minor_of is None:
        return None
    minors, factor = minor_of
    if between == " and " and a.kind is not _DURATION:
        return None  # "and" joins parts of a time only: "the 10 km and 800 m events" are two races
    end = b.end
    if b.kind in (_MEASURE, _DURATION) and b.unit is not None:
        minor = b.unit
        if minor.lower() not in minors and not (minor == "m" and b.kind is _DURATION):
            return None  # (a glued "m" after hours is minutes: "2h 5m")
    elif b.kind == _COUNT and b.unit is None and not b.explicit:
        tail = _MINOR_AFTER_RE.match(text, b.end)
        minor = (tail.group(1) or "in") if tail is not None else ""
        if tail is None or minor not in minors:
            return None
        end = tail.end()
    else:
        return None
    if b.value >= factor:
        return None
    v = a.value + b.value / (scale * factor)
    a.value = a.low = a.high = v
    if so_far is None:
        a.kind = _DURATION if major.lower() in _TIME_UNITS else _MEASURE
        a.unit = major
    parts[id(a)] = (minor.lower(), scale * factor)
    a.end = end
    a.explicit = True
    a.plain = False
    a.number_end = max(a.number_end, b.number_end)
    return a


_PER_BASES: Final = frozenset({100.0, 1000.0, 10000.0, 100000.0, 1000000.0})


def _per_base(text: str, a: _Fig, b: _Fig) -> _Fig | None:
    """ "4.3 per 1,000 births": one rate, the figure with its base (kept in the figure's text)."""
    if text[a.end : b.start] not in (" per ", " for every ", " in every "):
        return None
    if a.kind not in (_COUNT, _MONEY) or b.kind != _COUNT or b.explicit or a.value is None or b.value not in _PER_BASES:
        return None
    if a.is_range or b.is_range:
        return None
    a.end = b.end
    a.number_end = max(a.number_end, b.number_end)
    a.explicit = True
    a.plain = False
    return a


def _range(text: str, a: _Fig, b: _Fig) -> _Fig | None:
    """ "20,000 to 50,000", "between $6 billion and $8 billion", "10-25%", "$6–8 billion", "2004-05"."""
    if b.start - a.end > 12:
        return None
    between = text[a.end : b.start]
    if not _RANGE_CONN_RE.match(between):
        return None
    conn = between.strip(" \t\u00a0")
    if a.value is None or b.value is None or a.vague or b.vague:
        return None
    if conn == "-" and between != conn:
        # " - " is a dash, unless a bare number and a measure close above it make a range: "1800 - 2200 kcal"
        if not (
            a.plain and b.explicit and b.kind in (_MEASURE, _MONEY, _PERCENT) and a.value < b.value <= 10 * a.value
        ):
            return None
    if a.kind in (_DATE, _ORDINAL, _YEAR) or b.kind in (_DATE, _ORDINAL, _YEAR):
        return None
    prev = _word_before(text, a.start)
    between_start = None
    if prev == "between":
        k = a.start
        while k > 0 and text[k - 1] in " \t\u00a0":
            k -= 1
        between_start = k - len("between")
    start = between_start if between_start is not None else a.start
    if conn == "and" and between_start is None:
        return None
    bare_hyphen = between in ("-", "‐", "–")  # scores are written with an en dash too ("won 3–1")
    year_span = _year_span(a, b, conn, between)
    if year_span is not None:
        return _Fig(start, b.end, None, _YEAR, low=a.value, high=year_span, explicit=True, is_range=True)
    if bare_hyphen and a.plain and b.plain and b.value > 0 and _is_odds(text, a, b, prev):
        odds = a.value / b.value  # "with 24–1 odds", "odds of 5-2": a ratio, not a range or a score
        return _Fig(a.start, b.end, odds, _RATIO, low=odds, high=odds, explicit=True)
    if bare_hyphen and a.plain and b.plain and _is_score(text, a, b, prev):
        return _Fig(a.start, b.end, None, _SCORE, explicit=True)  # "won 3-1", "drew 0-0", "lost 27-24"
    measured = conn in ("-", "–", "—") and b.kind == _MEASURE and a.value < b.value <= 10 * a.value
    if a.plain and a.digits == 4 and 1000 <= a.value <= 2100 and not b.plain and not measured:
        return None  # "€2.5bn in 2024 to €3bn by 2026": a year, then another figure ("1800-2200 kcal": none)
    if conn == "through":
        return None
    if conn == "to" and prev != "from" and _change_word(_clause_words(text, a.start)) in _SPLIT_VERBS:
        # "exports climbed 4,300 to 61,900 tonnes": a change, then the level it reached
        if not a.explicit and b.explicit and b.kind in (_MEASURE, _MONEY, _PERCENT):
            a.kind, a.unit, a.explicit = b.kind, b.unit, True
        return None
    if prev == "by" and conn == "to" and _word_before(text, _index_before_word(text, a.start, 1)) in _CHANGE_VERBS:
        return None  # "fell by £122 to £1,568"
    if prev == "from" and conn in ("to", "-", "–", "—"):
        at_from = _index_before_word(text, a.start, 1)
        if _verb_before_from(_clause_words(text, at_from)):
            return None  # "rose from 139 to 179", "will raise its defence budget from 2.4% to 3.5%"
    # Kinds and units must agree; the end that has a kind lends it to the other.
    if a.explicit and b.explicit:
        if a.kind != b.kind or (a.unit != b.unit and not _same_unit(a.unit, b.unit)):
            return _bad_hyphen(a, b, bare_hyphen)
    elif a.explicit and a.kind != _MONEY and b.has_scale and not a.has_scale:
        return None  # "fell 3.2% to 1.17 billion units"
    low, high = a.value, b.value
    alow, ahigh = a.alt_value, b.alt_value
    if b.has_scale and not a.has_scale and low < high / b.scale:
        low = _scaled(low, b.scale)  # "$6 to $8 billion", "5-7 million"
        if alow is not None:
            alow = _scaled(alow, b.scale)
    if high < low < 0 and alow is None and ahigh is None and not bare_hyphen:
        low, high = high, low  # "-10 to -15C": two negative ends, the nearer to zero first
    if not low < high:
        return _bad_hyphen(a, b, bare_hyphen)
    if b.explicit:
        kind, unit = b.kind, b.unit
    elif a.explicit:
        kind, unit = a.kind, a.unit
    else:
        kind, unit = _COUNT, a.unit or b.unit
    fig = _Fig(start, b.end, None, kind, low=low, high=high, unit=unit, scale=max(a.scale, b.scale), is_range=True)
    fig.explicit = a.explicit or b.explicit
    fig.has_scale = a.has_scale or b.has_scale
    fig.word = a.word and b.word
    if a.ambiguous or b.ambiguous:
        fig.ambiguous = True
        fig.alt_low = alow if alow is not None else low
        fig.alt_high = ahigh if ahigh is not None else high
    return fig


def _is_odds(text: str, a: _Fig, b: _Fig, prev: str) -> bool:
    """Whether two plain numbers joined by a bare hyphen are betting odds: "24–1 odds", "a 100-1 shot", "odds of
    5-2"."""
    if _word_after(text, b.end) in ("odds", "shot", "outsider"):
        return True
    return prev == "of" and _word_before(text, _index_before_word(text, a.start, 1)) == "odds"


def _is_score(text: str, a: _Fig, b: _Fig, prev: str) -> bool:
    """Whether two plain numbers joined by a bare hyphen are a result or a vote: a result word around them ("won
    3-1", "drew 0-0", "a 3-4 defeat", "won 112-108"), or a team name before them ("Arsenal 1-3 City") when they
    cannot be a range of small numbers (the first is not below the second, or both are under 20)."""
    assert a.value is not None and b.value is not None
    after = _word_after(text, b.end)
    if a.value < b.value and after and _is_plural(after) and text[b.end : b.end + 2].strip(" \u00a0")[:1].islower():
        return False  # a range of what the plural counts: "lost 5–10 seats", "won by 3–4 lengths"
    if prev in _RESULT_VERBS or after in _RESULT_NOUNS:
        return True
    small = a.value >= b.value or b.value < 20
    if small and _SCORE_BEFORE_RE.search(text, max(0, a.start - 64), a.start):
        return True  # "beat the defending champion 6-4", "6-4, 6-3": a result verb or a score just before
    return small and _score_context(text, a.start, b.end, prev)


def _score_context(text: str, start: int, end: int, prev: str) -> bool:
    """Whether a pair like "3-4" is a score or a vote: a result word around it, or a team name before it."""
    if prev in _RESULT_VERBS or _word_after(text, end) in _RESULT_NOUNS:
        return True
    j = start - 1
    if j > 0 and text[j] == " " and text[j - 1].isalpha():
        k = j
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        word = text[k:j]
        return word[0].isupper() and word.lower() not in _FUNCTION_WORDS
    return False


# A result verb a few words before, in the same clause, or a score just before: "beat the champion 6-4, 6-3".
# The words between may hold digits ("defeating the Riverside 76ers 25–22") and end in a comma ("defeats her
# rival in the final, 3–6, 3–6"), a tie-break in brackets after a score ("7–6 (7–4), 6–3"); scores are written with a
# hyphen or an en dash.
_SCORE_BEFORE_RE: Final = re.compile(
    r"(?:\b(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|beating|drew|draw|draws|drawing|defeat|defeats"
    r"|defeated|defeating|thrashed|edged)(?:\s+\w[\w'’.-]*[,;:]?){0,8}\s+"
    r"|(?<![\d.,])\d{1,3}[-–]\d{1,3}(?:\)?,\s+|\s*\())\Z"
)
_RESULT_VERBS: Final = frozenset(
    "won lost beat drew defeated trailed led leading trailing thrashed edged passed votes voted".split()
)
_RESULT_NOUNS: Final = frozenset(
    "win victory defeat loss lead draw scoreline margin vote decision ruling majority home away".split()
)


def _year_span(a: _Fig, b: _Fig, conn: str, between: str) -> float | None:
    """The end year of "2004-05", "2010–2015", "between 1998 and 2003", "from 1963 to 2004" (else None)."""
    if not (a.plain and a.digits == 4 and a.value is not None and 1000 <= a.value <= 2100 and b.plain):
        return None
    assert b.value is not None
    if b.digits == 2 and between == conn and conn in ("-", "–", "—", "‐", "/"):
        high = a.value - a.value % 100 + b.value
        return high if high > a.value else None
    if b.digits == 4 and 1000 <= b.value <= 2100 and b.value > a.value:
        return b.value
    return None


def _index_before_word(text: str, s: int, words: int) -> int:
    """Offset before the ``words``-th word preceding ``s``."""
    k = s
    floor = s - 64 if s > 64 else 0
    for _ in range(words):
        while k > floor and text[k - 1] in " \t\u00a0":
            k -= 1
        while k > floor and text[k - 1] not in " \t\u00a0\n":
            k -= 1
    return k


def _same_unit(u: str | None, v: str | None) -> bool:
    if u is None or v is None:
        return False
    return u.rstrip("s") == v.rstrip("s")


def _bad_hyphen(a: _Fig, b: _Fig, bare_hyphen: bool) -> _Fig | None:
    """A bare hyphen between two numbers that make no range ("5-4 vote", "747-400"): neither is a figure."""
    if bare_hyphen and not a.explicit and not b.explicit and a.plain and b.plain:
        return _DROP_BOTH
    return None


# --- finishing a figure: identifiers, qualifiers, years, counted nouns, rates ---------------------


def _finish(text: str, fig: _Fig) -> bool:
    """Complete ``fig`` from its context; False if it is no figure after all."""
    if fig.drop or fig.mixed_fraction:
        return False
    prev = _word_before(text, fig.start)
    if fig.kind == _DATE:
        fig.year_marker = prev in _DATE_MARKERS
        return True
    scale_symbol = prev in _MAGNITUDE_SYMBOLS and text[_index_before_word(text, fig.start, 1) : fig.start].strip() in (
        _MAGNITUDE_SYMBOLS_CASED
    )  # "a Mw 6.3 earthquake", "an ML 4.1 tremor"
    if not fig.word and not scale_symbol and (_is_identifier(text, fig, prev) or _street_number(text, fig)):
        return False
    if fig.kind == _YEAR and fig.is_range:
        # "between 1500 and 2000 workers" counts workers; "between 1998 and 2003" are years
        unit, _ = _counted_noun(text, fig.end, fig.high)
        if (
            unit is None
            or unit.split()[-1] in _YEAR_NOUNS
            or text[fig.start : fig.end].count("-")
            or prev
            in (
                "in",
                "since",
                "during",
            )
        ):
            return True
        fig.kind = _COUNT
        fig.unit = unit
    if (prev.rstrip("-") == "magnitude" or scale_symbol) and fig.kind == _COUNT and not fig.explicit:
        fig.start = _index_before_word(text, fig.start, 1)  # "magnitude 7.8", "magnitude-6.2"
        if not scale_symbol and text[fig.start : fig.start + 9].lower() != "magnitude":
            fig.start = text.lower().rfind("magnitude", fig.start, fig.end)
        fig.kind, fig.unit, fig.explicit, fig.plain = _MEASURE, "magnitude", True, False
        prev = _word_before(text, fig.start)
    if prev in ("minus", "negative") and fig.value is not None and fig.value > 0 and not fig.is_range:
        k = _index_before_word(text, fig.start, 1)  # "minus 5C"
        fig.start = k
        fig.value = -fig.value
        fig.low, fig.high = fig.value, fig.value
        fig.plain = False
        prev = _word_before(text, k)
    _qualifier_before(text, fig, prev)
    fig.prev = prev
    if fig.plain and fig.digits == 4 and fig.qualifier == _EXACT and _is_year(text, fig, prev):
        assert fig.value is not None
        fig.kind = _YEAR
        fig.year = int(fig.value)
        following = _word_after(text, fig.end)
        fig.year_marker = prev in _YEAR_MARKERS or following in _YEAR_NOUNS or following in _YEAR_VERBS
        return True
    if fig.kind == _YEAR:  # "the 1960s", "1998s"
        fig.year = int(fig.value) if fig.value is not None else None
        return True
    if _line_number(text, fig) or _in_brackets(text, fig) or _enumerator(text, fig):
        return False
    if text.startswith((" or ", " and "), fig.end) and fig.qualifier == _EXACT and not fig.is_range:
        am = _AFTER_QUAL_RE.match(text, fig.end)
        if am:
            fig.qualifier = _AFTER_QUALIFIERS[am.group("q")]  # "100 or more"
    # The counted noun, then the rate.
    pos = fig.end
    if fig.kind == _COUNT and fig.unit is None:
        start_noun = pos
        if fig.vague:
            om = _OF_SPACE_RE.match(text, pos)
            if om:
                start_noun = om.end()
        unit, noun_end = _counted_noun(text, start_noun, fig.value)
        if unit is not None:
            fig.unit = unit
            pos = noun_end
        elif _BPD_RE.match(text, pos):  # "9 million bpd": barrels per day
            fig.unit, fig.per = "barrels", "day"
    if (
        fig.weak
        and fig.qualifier == _EXACT
        and not fig.explicit
        and not fig.is_range
        and not _one_counts(text, fig, pos)
    ):
        return False  # a bare "one": "one of the", "no one"
    if fig.kind in (_COUNT, _MONEY, _MEASURE, _DURATION, _PERCENT) and fig.per is None:
        fig.per = _find_per(text, pos, fig.kind)
    _open_ends(fig)
    return True


def _one_counts(text: str, fig: _Fig, noun_end: int) -> bool:
    """Whether a bare "one" counts the noun after it ("killing one person", "One firefighter is killed"): not
    "zero", not one of a way of speaking ("one day", "at one point", "one another", "one thing"), not "one" for "a"
    before a source ("one official said", "one study found")."""
    if fig.value != 1:
        return False
    if fig.unit is None:  # "kills one and injures two": one of two counts joined, with no noun after either
        return bool(_ONE_AND_COUNT_RE.match(text, fig.end)) and _word_before(text, fig.start) not in _NOT_BEFORE_ONE
    words = fig.unit.split()
    if words[0] in _ONE_IDIOMS or _is_plural(words[0]) or len(words) > 1 and words[-1] in _SOURCE_VERBS:
        return False  # the last: a source's verb read into the noun ("as one academic paper notes")
    if _word_after(text, noun_end) in _SOURCE_VERBS:
        return False
    # "£200 from one shop and £90 from another": one of two, not a count (in the rest of the clause)
    rest = _CLAUSE_END_RE.split(text[noun_end : noun_end + 80], maxsplit=1)[0]
    return not _ANOTHER_RE.search(rest)


# Before a "one" that is no count of its own: "one of", "no one", "the one and only", "at one and the same time".
_NOT_BEFORE_ONE: Final = frozenset("of no at the this that than is was are only and or in on for to".split())
_ONE_AND_COUNT_RE: Final = re.compile(
    r"[ \t\u00a0]+and[ \t\u00a0]+[a-z]+[ \t\u00a0]+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|dozens|several)(?![A-Za-z]))"
)
_ANOTHER_RE: Final = re.compile(r"\b(?:another|the other)\b")
_CLAUSE_END_RE: Final = re.compile(r"[.;!?](?:\s|$)")  # not the point of "16.17"
# Verbs of a source: "one" before its noun is an article ("one resident told", "one paper notes").
_SOURCE_VERBS: Final = frozenset(
    """said says told tells noted notes found finds reported reports estimated estimates described describes
    suggested suggests argued argues claimed claims stated states wrote writes added adds explained explains
    warned warns recalled recalls called calls put puts believes believed""".split()
)
# Nouns after which a bare "one" speaks of no count: "one day", "at one point", "on one hand", "one another".
_ONE_IDIOMS: Final = frozenset(
    """day time point another thing way side hand reason moment morning afternoon evening night week month year
    place stage instance example occasion sense respect level end kind sort type more last such other others
    problem question option issue step hell answer""".split()
)


# Between a lower and an upper bound of one range: "at least 30 and at most 45", "over 500 but under 800".
_BOUNDS_LINK_RE: Final = re.compile(
    r"[ \t\u00a0]*,?[ \t\u00a0]*(?:and|but|yet)[ \t\u00a0]+(?:at most|no more than|not more than|under|below|"
    r"less than|fewer than|up to)[ \t\u00a0]*\Z",
    re.IGNORECASE,
)


def _bounds(text: str, figs: list[_Fig]) -> list[_Fig]:
    """A lower bound and an upper bound joined in one phrase are one range: "at least 30 and at most 45"."""
    out: list[_Fig] = []
    i = 0
    while i < len(figs):
        a = figs[i]
        b = figs[i + 1] if i + 1 < len(figs) else None
        if (
            b is not None
            and a.qualifier in (_OVER, _AT_LEAST)
            and b.qualifier in (_UNDER, _UP_TO)
            and not a.is_range
            and not b.is_range
            and (a.kind == b.kind or (a.kind == _COUNT and not a.explicit and a.unit is None))
            and b.kind not in (_YEAR, _DATE, _ORDINAL)
            and (a.unit is None or b.unit is None or _same_unit(a.unit, b.unit))
            and a.value is not None
            and b.value is not None
            and a.value < b.value
            and b.start - a.end <= 24
            and _BOUNDS_LINK_RE.match(text[a.end : b.start])
        ):
            start = _qualifier_start(text, a)  # "at least 30 and at most 45": the bounds' words are the range's
            # a unit written once, at the end, is the range's: "over 500 but under 800 kilograms"
            low = a.value
            if b.has_scale and not a.has_scale and low < b.value / b.scale:
                low = _scaled(low, b.scale)  # "more than 2 and up to 5 million": 2 million
            fig = _Fig(start, b.end, None, b.kind, low=low, high=b.value, unit=b.unit or a.unit, is_range=True)
            fig.per, fig.scale, fig.explicit, fig.prev = a.per or b.per, max(a.scale, b.scale), True, a.prev
            out.append(fig)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _qualifier_start(text: str, fig: _Fig) -> int:
    """Where the qualifier right before the figure starts ("at least 30"), or the figure's start."""
    s = fig.start
    qm = _QUALIFIER_REV.match(text[s - 24 if s > 24 else 0 : s].lower()[::-1])
    return s - qm.end() if qm else s


def _qualifier_before(text: str, fig: _Fig, prev: str) -> None:
    """ "more than", "about", "up to", "~" right before the figure."""
    s = fig.start
    if prev not in _QUALIFIER_LAST_WORDS and text[s - 2 if s > 2 else 0 : s].strip() not in _QUALIFIER_SIGNS:
        return
    back = text[s - 24 if s > 24 else 0 : s].lower()[::-1]
    qm = _QUALIFIER_REV.match(back)
    if not qm:
        return
    word = " ".join(qm.group("q")[::-1].split())
    qual = _QUALIFIERS[word]
    if word == "over" and fig.kind == _DURATION:
        if _word_after(text, fig.end) not in ("ago", "old", "earlier", "later", "before"):
            return  # "over five years" is a period, not "more than five years"
    if fig.kind == _YEAR and (
        word in ("over", "under", "above", "below", "some") or word.startswith(("exceed", "surpass"))
    ):
        return
    fig.qualifier = qual


def _open_ends(fig: _Fig) -> None:
    if fig.is_range or fig.vague or fig.value is None:
        return
    v, alt = fig.value, fig.alt_value
    if fig.qualifier in (_OVER, _AT_LEAST):
        fig.low, fig.high = v, None
        fig.alt_low, fig.alt_high = alt, None
    elif fig.qualifier in (_UNDER, _UP_TO):
        fig.low, fig.high = None, v
        fig.alt_low, fig.alt_high = None, alt
    else:
        fig.low = fig.high = v
        fig.alt_low = fig.alt_high = alt


def _is_identifier(text: str, fig: _Fig, prev: str) -> bool:
    """ "Chapter 11", "No. 5", "p. 12", "Boeing 747", "Windows 10", "Python 3.11", "#1"."""
    s = fig.start
    if fig.kind in (_MONEY, _PERCENT, _DATE) or fig.is_range and fig.kind == _YEAR:
        return False
    if s and text[s - 1] in "#№§":
        return True
    if s > 1 and text[s - 1] in "-‐" and fig.plain and _coded_token(text, s - 1):
        return True  # the rest of a code: "XR7-2200", "K0412-3318"
    year_like = fig.plain and fig.digits == 4 and fig.value is not None and 1000 <= fig.value <= 2100
    if prev in _ID_PREFIXES or prev in _ID_ABBREVIATIONS:
        return not (year_like and prev in ("year", "season", "fiscal", "class", "act", "game", "games"))
    if prev == "no" and text[max(0, s - 4) : s].rstrip().endswith("No"):
        return True  # "No 10"
    # A capitalised name right before a bare number: "Apollo 11", "Ubuntu 22.04", "macOS 14.4".
    if fig.explicit or fig.has_scale or fig.is_range or fig.kind != _COUNT or fig.alt_value is not None:
        return False
    if not fig.plain and (fig.value is None or "," in text[s : fig.number_end] or " " in text[s : fig.number_end]):
        return False
    if year_like or s < 2 or text[s - 1] not in " \u00a0":
        return False
    j = s - 1
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-&"):
        j -= 1
    word = text[j : s - 1]
    if not word or not word[0].isalpha() or not any(c.isupper() for c in word):
        return False
    lower = word.lower()
    if lower in _FUNCTION_WORDS or lower in _QUALIFIERS or len(word) == 1:
        return False
    if "." in text[s : fig.number_end]:
        return True  # "USB 3.0 ports", "HDMI 2.1 cables": a version, whatever noun follows
    unit, unit_end = _counted_noun(text, fig.end, fig.value)
    if unit is None or not _is_plural(last := unit.split()[-1]):
        return True  # "Apollo 11 landed"; "In Ostrava 20 people died" is a count
    if last in _CRAFT and len(unit.split()) == 1:
        return True  # "the Shenzhou 20 spacecraft", "a Dash 8 aircraft": a model, whose noun is singular too
    # "Expedition 33 receives thirteen nominations": an -s word before an object is the name's verb, not a noun
    return len(unit.split()) == 1 and _word_after(text, unit_end) in _OBJECT_STARTS


# Nouns whose plural is their singular, after a model's name and number: "Shenzhou 20 spacecraft".
_CRAFT: Final = frozenset("aircraft spacecraft hovercraft watercraft airliner".split())
# Words that start a verb's object, never follow a counted noun: "receives thirteen nominations", "wins the".
_OBJECT_STARTS: Final = frozenset(
    "the a an its his her their two three four five six seven eight nine ten eleven twelve thirteen".split()
)


def _coded_token(text: str, end: int) -> bool:
    """Whether the token ending at ``end`` mixes letters and digits ("XR7", "K0412"): a code, not a word."""
    j = end
    while j > 0 and end - j < 24 and text[j - 1].isalnum():
        j -= 1
    token = text[j:end]
    return any(c.isalpha() for c in token) and any(c.isdigit() for c in token)


# A house number: a number, then (a compass letter, an ordinal,) capitalised words ending in a street word.
_STREET_RE: Final = re.compile(
    r"[ \u00a0]+(?:[NSEW]\.?[ \u00a0]+)?(?:\d+(?:st|nd|rd|th)[ \u00a0]+)?(?:[A-Z][a-z]+[ \u00a0]+){0,3}"
    r"(?:St|Street|Ave|Avenue|Road|Rd|Plaza|Boulevard|Blvd|Lane|Drive|Place|Square|Terrace|Crescent)(?![A-Za-z])"
)


_STREET_SAINT_RE: Final = re.compile(r"[ \u00a0]+[A-Z]")  # "St John", "St Louis": a saint, not a street
_STREET_AFTER_ORDINAL_RE: Final = re.compile(r"[ \u00a0]+(?:St|Street|Ave|Avenue|Rd)(?![A-Za-z])")


def _street_number(text: str, fig: _Fig) -> bool:
    """ "14 W 52nd St", "30 Rockefeller Plaza", "10 Downing Street": an address, not a count."""
    if fig.kind == _ORDINAL:  # "52nd St", "5th Avenue"
        return _STREET_AFTER_ORDINAL_RE.match(text, fig.end) is not None
    if fig.kind != _COUNT or fig.explicit or fig.is_range or not fig.plain:
        return False
    m = _STREET_RE.match(text, fig.end)
    if m is None:
        return False
    # "25 Oxford Street shops", "200 St John volunteers": a noun after the street word makes the number a count
    after = text[m.end() : m.end() + 1]
    if m.group().rstrip().endswith("St") and _STREET_SAINT_RE.match(text, m.end()):
        return False
    word = _word_after(text, m.end())
    return not (after == " " and word and (text[m.end() + 1 : m.end() + 2].isupper() or _is_plural(word)))


def _line_number(text: str, fig: _Fig) -> bool:
    """A list or section number at the start of a line: "1. Methods", "2) Text", "1.3. History"."""
    s = fig.start
    ls = text.rfind("\n", max(0, s - 12), s)
    if ls == -1:
        if s > 12:
            return False
        ls = -1
    if text[ls + 1 : s].strip(_BULLETS):
        return False
    if fig.is_range or fig.explicit:
        return False
    e = fig.number_end or fig.end
    nxt = text[e : e + 2]
    if nxt[:1] in (".", ")") and (len(nxt) < 2 or nxt[1] in " \t\n"):
        return True
    tok = text[s:e]
    if "." in tok and nxt[:1] in (" ", "\t") and text[e + 1 : e + 2].isupper():
        return True
    return False


def _enumerator(text: str, fig: _Fig) -> bool:
    """An item number in parentheses that opens a clause: "requires (1) a licence and (2) a fee"."""
    s, e = fig.start, fig.end
    if not (s and text[s - 1] == "(" and text[e : e + 2] == ") " and fig.plain and (fig.value or 0) <= 30):
        return False
    return text[e + 2 : e + 3].isalpha()


def _in_brackets(text: str, fig: _Fig) -> bool:
    """A reference mark: "[12]", "[13, 14]", "[3–5]"."""
    s, e = fig.start, fig.end
    if text[e : e + 1] not in _BRACKET_NEXT:
        return False
    left = text.rfind("[", max(0, s - 12), s)
    if left == -1 or text.find("]", left, s) != -1:
        return False
    right = text.find("]", e, e + 12)
    if right == -1:
        return False
    inner = text[left + 1 : right]
    return bool(_REFERENCE_RE.fullmatch(inner))


def _is_year(text: str, fig: _Fig, prev: str) -> bool:
    """Whether a bare four-digit number is a year ("in 2019", "the 2005 election") or a count."""
    assert fig.value is not None
    v = fig.value
    if not 1000 <= v <= 2100:
        return False
    if prev in _YEAR_PREPOSITIONS or prev in _MONTH_NAMES:
        return True
    if v < 1500:
        return False
    if prev in _NAME_DETERMINERS and _name_after(text, fig.end):
        return True  # the year of a name: "the 2028 Green Party primaries" (not "the 2000 British troops")
    unit, _ = _counted_noun(text, fig.end, v)
    if unit is not None:
        head = unit.split()[-1]
        if head not in _YEAR_NOUNS:
            return False
    return True


_NAME_PARTICLES: Final = frozenset("de del della der di du la le van von da dos das of and for".split())


def _name_after(text: str, pos: int) -> bool:
    """Whether a name of at least two capitalised words follows ``pos`` ("Green Party", "Asian Women's
    Rowing Championship"), its first no plural ("the 1500 Syrians") and no collective noun after it ("its 2000 New
    York staff"): one capitalised word is as often a people or a brand before a count ("the 2000 British troops")."""
    words = 0
    p = pos
    while (m := _WORD_AFTER_RE.match(text, p)) is not None and words < 6:
        word = m.group(1)
        if word in _NAME_PARTICLES and words and (n := _WORD_AFTER_RE.match(text, m.end())) and n.group(1)[0].isupper():
            p = m.end()  # "Miguel de Cervantes Prize", "Tour de France"
            continue
        if not word[0].isupper():
            break
        if words == 0 and _is_plural(word.lower()):
            return False
        words += 1
        p = m.end()
    if words < 2:
        return False
    m = _WORD_AFTER_RE.match(text, p)
    return not (m and m.group(1).lower() in _IRREGULAR_PLURALS)


def _counted_noun(text: str, pos: int, value: float | None) -> tuple[str | None, int]:
    """The noun phrase a count counts ("flood victims", "barrels of oil"), lowercased, and its end."""
    words: list[str] = []
    end = pos
    p = pos
    n = len(text)
    while len(words) < 6:
        m = _WORD_AFTER_RE.match(text, p)
        if not m:
            break
        w = m.group(1)
        lw = w.lower()
        me = m.end()
        if me < n and (text[me].isdigit() or (text[me] == "-" and me + 1 < n and text[me + 1].isdigit())):
            break
        if lw == "and" and words and not _is_plural(words[-1].lower()):
            following = _word_after(text, me)
            # not across a verb or another number: "one person and injuring 19", "one factory and two warehouses"
            if (
                following
                and following not in _STOP
                and not following.endswith(("ing", "ed"))
                and following not in UNITS
                and following not in TEENS
                and following not in TENS
                and not _is_plural(words[-1])
                and not _is_plural(following)  # "research and development staff", not "2026 budget and calls"
            ):
                words.append(w)
                p = me
                continue
            break
        if lw in _STOP or lw in _MONTH_NAMES and w[0].isupper():
            break
        if lw.endswith("ing") and lw not in ("building", "buildings", "offspring", "housing"):
            nm = _WORD_AFTER_RE.match(text, me)
            following = nm.group(1).lower() if nm else ""
            if not (following and following not in _STOP and _is_plural(following) and not following.endswith("ed")):
                break  # "3,000 charging points" counts points; "20 running late" counts nothing
        if words and lw.endswith("ed") and not _is_plural(lw):
            break
        if lw in PER_ADVERBS:
            nm = _WORD_AFTER_RE.match(text, me)
            if not nm or nm.group(1).lower() in _STOP:
                break
        words.append(w)
        p = me
        end = me
        if lw in _QUALIFYING_COLLECTIVES:
            following = _word_after(text, me)
            if following and following not in _STOP and following not in _IRREGULAR_PLURALS and _is_plural(following):
                continue  # a collective noun before the noun it qualifies: "police officers", "crew members"
        if _is_plural(lw) and not (lw.endswith("ed") and len(words) == 1):
            # "barrels of oil"
            om = _OF_NOUN_RE.match(text, p)
            if om and om.group(1) not in _STOP and not om.group(1).endswith("ing") and not _compound_after(text, om):
                words.append("of")
                words.append(om.group(1))
                end = om.end()
            return " ".join([x.lower() for x in words]), end
    if not words:
        return None, pos
    last = words[-1].lower()
    if last.endswith(("ed", "ing", "ly")) or last in _STOP:
        return None, pos
    if value == 1 or last in _IRREGULAR_PLURALS or "-" in last and words[-1][0].isupper() or last.endswith("ese"):
        return " ".join(x.lower() for x in words), end
    return None, pos


# Participles and verbs that do not end in -ed or -ing and often follow "N cases of X": not nouns of a compound.
_NOT_NOUNS: Final = frozenset(
    """stolen taken given sold held lost paid found made built seen done left kept spent sent brought bought caught
    known shown grown drawn thrown won hit cut put set run were was are is have has had remain remains""".split()
)


def _compound_after(text: str, om: re.Match[str]) -> bool:
    """Whether the noun after "of" is the first of a compound ("cases of phone theft", "barrels of crude oil"): its
    one word would name the wrong thing, so the unit stays the counted noun alone."""
    nm = _WORD_AFTER_RE.match(text, om.end())
    if nm is None or nm.start(1) != om.end() + 1:
        return False
    word = nm.group(1).lower()
    # A verb or participle after it ends the phrase: "cases of flu reported", "barrels of oil stolen".
    return word not in _STOP and not word.endswith(("ed", "ing", "ly")) and word not in _NOT_NOUNS


def _is_plural(w: str) -> bool:
    w = w.lower()
    if w in _IRREGULAR_PLURALS:
        return True
    if w.endswith("men") and len(w) >= 5 and not w.endswith(("imen", "umen", "omen")) and w not in _MEN_SINGULAR:
        return True  # "gunmen", "policemen", "fishermen"
    if len(w) < 3 or not w.endswith("s") or w in _NOT_PLURAL:
        return False
    return not w.endswith(("ss", "us", "is", "'s", "’s", "ous"))


_PER_BASE_FIRST: Final = frozenset("pPaA")  # the character after a space where PER_MEASURE_RE may match
# Where PER_MEASURE_RE may match: "per", "a", "an" or "/" next (a cheap test before the long pattern).
_PER_BASE_START_RE: Final = re.compile(
    r"[ \t\u00a0\u202f\u2009]{0,3}(?:/|(?:per|an?)[ \t\u00a0\u202f\u2009])", re.IGNORECASE
)


def _per_measure(text: str, pos: int) -> str | None:
    """The unit of measure a price or a count is for ("$0.28 per kilowatt-hour", "€1.89 a litre", "72 beats per
    minute"): the unit as written, a word lowercased."""
    m = PER_MEASURE_RE.match(text, pos)
    if m is None:
        return None
    if m.group("aword") is not None and _word_after(text, m.end()) in _NOT_A_RATE_AFTER:
        return None  # a distance or a time from something: "12 people a mile from the hospital"
    word = m.group("word") or m.group("aword") or m.group("sword")
    if word is not None:
        return None if word[0].isupper() and not word.isupper() else " ".join(word.lower().split())
    sym = m.group("sym")
    return sym if sym in MEASURE_SYMBOLS else None


# After "a mile", "a minute"...: a place or a time, not the base of a rate ("a mile from", "a minute before").
_NOT_A_RATE_AFTER: Final = frozenset(
    """from away apart before after below above beyond off out up down ahead behind into inside outside short long
    deep wide high north south east west northeast northwest southeast southwest later earlier ago""".split()
)


def _find_per(text: str, pos: int, kind: Kind | None = None) -> str | None:
    """A rate after the figure ("per day", "a year", "each month", "annually"), within a few words; for a price or
    a count (``kind``), a unit of measure right after it ("$0.28 per kilowatt-hour")."""
    if not _PER_HINT_RE.search(text[pos : pos + 60].lower()):
        return None
    per = _per_after(text, pos)
    if (
        per is None
        and (kind is _COUNT or kind is _MONEY)
        and (text[pos + 1 : pos + 2] in _PER_BASE_FIRST or text[pos : pos + 1] == "/")
        and _PER_BASE_START_RE.match(text, pos)
    ):
        return _per_measure(text, pos)
    return per


def _per_after(text: str, pos: int) -> str | None:
    p = pos
    of_phrase = False
    n = len(text)
    for skipped in range(6):
        k = p
        while k < n and text[k] in _SPACES:
            k += 1
        # PER_RE starts (after spaces) with one of _PER_FIRST: only then is it worth a try.
        m = PER_RE.match(text, p) if k < n and text[k] in _PER_FIRST else None
        if m and not (skipped and m.group("aunit") and not (of_phrase and skipped <= 3)):
            word = (m.group("unit") or m.group("aunit") or m.group("hunit") or m.group("short") or "").lower()
            if word:
                return PER_UNITS.get(word)
            adv = m.group("adv")
            return PER_ADVERBS.get(adv.lower()) if adv else None
        w = _WORD_AFTER_RE.match(text, p)
        if not w:
            return None
        lw = w.group(1).lower()
        if lw in ("and", "but", "while", "whereas", "which", "who", "or", "than", "to"):
            return None
        end = w.end()
        if end < n and text[end].isdigit():
            if not (w.group(1).isupper() and len(w.group(1)) <= 3):
                return None
            end = _FORMULA_TAIL_RE.match(text, end).end()  # type: ignore[union-attr]  # "of CO2 a year", "CH4"
        if skipped == 0:
            of_phrase = lw == "of"
        p = end
    return None


_FORMULA_TAIL_RE: Final = re.compile(r"[A-Za-z0-9₀-₉]*")


_SPACES: Final = " \t\u00a0\u202f\u2009"  # units._SP
# The first character of a match of PER_RE after its spaces (it ignores case; no other letter folds to these).
_PER_FIRST: Final = frozenset("pPeEaAyYmMwWdDhH-/")


# --- years the figures refer to ---------------------------------------------------------------------


def _attach_years(text: str, figs: list[_Fig], sentences: Sequence[tuple[int, int]]) -> None:
    """Give each figure the year its sentence says it refers to, and "each year" rates."""
    if not figs:
        return
    starts = sorted(s for s, _ in sentences)
    sent_ids = [bisect.bisect_right(starts, f.start) - 1 for f in figs]
    markers: dict[int, list[int]] = {}  # sentence -> indices of the years that mark it
    for i, f in enumerate(figs):
        if f.kind in (_YEAR, _DATE) and f.year_marker and f.year is not None and not f.is_range:
            markers.setdefault(sent_ids[i], []).append(i)
    # next_figure[i]: the index of the first figure after i that is no year or date.
    next_figure = [len(figs)] * (len(figs) + 1)
    for i in range(len(figs) - 1, -1, -1):
        nxt = figs[i + 1] if i + 1 < len(figs) else None
        next_figure[i] = i + 1 if nxt is not None and nxt.kind not in (_YEAR, _DATE) else next_figure[i + 1]
    sentence_per: dict[int, bool] = {}
    for i, f in enumerate(figs):
        if f.kind in (_YEAR, _DATE):
            continue
        sid = sent_ids[i]
        if f.per is None and f.kind in (_COUNT, _MONEY) and 0 <= sid < len(starts):
            if sid not in sentence_per:  # "Each year, some 700,000 people ..."
                sentence_per[sid] = _SENT_PER_RE.match(text, starts[sid]) is not None
            if sentence_per[sid]:
                f.per = "year"
        in_sentence = markers.get(sid)
        if in_sentence:
            f.year = _year_for(text, figs, i, in_sentence, next_figure[i])


def _year_for(text: str, figs: list[_Fig], i: int, markers: list[int], next_figure: int) -> int | None:
    """The year of figure ``i`` from the marked years of its sentence (indices, in order).

    ``next_figure`` is the index of the next figure that is no year or date.
    """
    f = figs[i]
    k = bisect.bisect_right(markers, i)
    later = markers[k] if k < len(markers) else None
    if later is not None and next_figure > later and figs[later].start - f.end <= 80:
        # 1. A marked year right after the figure: "$2.5bn in 2019", "28.422 health workers by 2015".
        gap = text[f.end : figs[later].start]
        if not _GAP_STOP_RE.search(gap) and len(gap.split()) <= 6:
            return figs[later].year
    # 2. The nearest marked year before it: "In 2007, ... 42,000 workers"; not one in a parenthetical
    #    clause ("The firm, founded in 1998, has 2,000 staff").
    for mi in reversed(markers[max(0, k - 3) : k]):
        if not _parenthetical_year(text, figs[mi].start, f.start):
            return figs[mi].year
    # 3. A marked year later in the sentence with no other figure or clause between.
    if later is not None and next_figure > later and figs[later].start - f.end <= 120:
        gap_words = text[f.end : figs[later].start].lower().split()
        if len(gap_words) <= 12 and not any(w.strip(",;:") in _CLAUSE_WORDS for w in gap_words):
            return figs[later].year
    return None


def _parenthetical_year(text: str, year_start: int, figure_start: int) -> bool:
    """Whether the year at ``year_start`` sits in a clause set off by commas that ends before the figure."""
    closing = text.find(",", year_start, min(figure_start, year_start + 200))
    if closing == -1:
        return False
    window_start = year_start - 60 if year_start > 60 else 0
    comma = text.rfind(",", window_start, year_start)
    if comma == -1 or any(text.rfind(stop, comma, year_start) != -1 for stop in ".!?;:\n"):
        return False
    first = _word_after(text, comma + 1)
    return first in _PARENTHETICAL_STARTS or (first.endswith("ed") and len(first) > 4)


_PARENTHETICAL_STARTS: Final = frozenset(
    "which who whose when where while born built opened founded established launched set made".split()
)
_GAP_STOP_RE: Final = re.compile(r"[,;:()—–]")
_CLAUSE_WORDS: Final = frozenset(
    {"after", "before", "when", "while", "since", "until", "because", "although", "which", "who", "that", "whereas"}
)


# --- conversions in brackets ------------------------------------------------------------------------


def _link(text: str, figs: list[_Fig]) -> None:
    for i in range(len(figs) - 1):
        a, b = figs[i], figs[i + 1]
        if a.kind != b.kind or a.kind not in (_MONEY, _MEASURE):
            continue
        gap = text[a.end : b.start]
        if len(gap) > 16 or not _OPEN_LINK_RE.match(gap):
            continue
        if _CLOSE_RE.match(text, b.end):
            b.linked_to = a.linked_to if a.linked_to is not None else i


def _freeze(text: str, f: _Fig) -> Quantity:
    return Quantity(*_values(text, f))


def _values(text: str, f: _Fig) -> QuantityValues:
    ambiguous = f.ambiguous
    return (
        f.start,
        f.end,
        text[f.start : f.end],
        None if f.is_range else f.value,
        f.low,
        f.high,
        f.qualifier,
        f.kind,
        f.unit,
        f.per,
        f.year,
        f.scale,
        ambiguous,
        f.alt_value if ambiguous else None,
        f.alt_low if ambiguous else None,
        f.alt_high if ambiguous else None,
        f.linked_to,
        f.role,
    )


# Change verbs that take no object: "climbed 4,300 to 61,900 tonnes" is a change and a level, where
# "cut 3,000 to 4,000 jobs" is a range (the verb's object).
_SPLIT_VERBS: Final = _CHANGE_VERBS - frozenset(
    """cut cuts reduced reduce reduces reducing raised raise raises raising lifted lift lifts lifting boosted boost
    boosts boosting added adds gained gains gaining lost lowered revised expanded expand widened narrowed changed
    moved doubled tripled halved""".split()
)

# --- roles -------------------------------------------------------------------------------------------

_LEVEL: Final = Role.LEVEL
_CHANGE: Final = Role.CHANGE
_FROM: Final = Role.FROM
_TO: Final = Role.TO
_SHARE: Final = Role.SHARE
_MODIFIER: Final = Role.MODIFIER
# Words between a governing word and its figure that leave the governing as it is ("by more than 80,000").
_ROLE_SKIP: Final = frozenset(
    """more less fewer than about around nearly almost some roughly approximately estimated just only over under
    above below least at most as many much no a an the further another additional extra close circa well slightly
    barely another""".split()
)
# Nouns of change: "a rise of 5%", "a 7% increase".
_CHANGE_NOUNS: Final = frozenset(
    """rise rises increase increases fall falls drop drops decline declines growth gain gains jump jumps cut cuts
    reduction reductions hike hikes surge surges decrease decreases fall-off slump slumps climb""".split()
)
# The words right before a figure that may make it other than a level (else only the word after is looked at).
_ROLE_TRIGGERS: Final = _CHANGE_VERBS | (_ROLE_SKIP - {"a", "an", "the"}) | {"by", "from", "to"}
_CHANGE_NOUN_INITIALS: Final = frozenset(w[0] for w in _CHANGE_NOUNS)
_CLAUSE_TOKEN_RE: Final = re.compile(r"[A-Za-z][A-Za-z'’]*|\d(?:[\d,.]*\d)?|[;:()\[\]—–!?,.\n\"“”]")
_MODIFIER_RE: Final = re.compile(r"[-‐][A-Za-z]+\Z")
_NUMBER_WORDS: Final = frozenset({*UNITS, *TEENS, *TENS, HUNDRED, *MULTIPLIERS, *ORDINALS, *FRACTIONS})
_GOVERN_REACH: Final = 8  # tokens back in the clause that a change verb governs a figure from


def _clause_words(text: str, s: int) -> list[str]:
    """The lowercased words and numbers before ``s`` in its clause, nearest first (at most a dozen)."""
    tokens = _CLAUSE_TOKEN_RE.findall(text, s - 90 if s > 90 else 0, s)
    out: list[str] = []
    for tok in reversed(tokens):
        c = tok[0]
        if not (c.isalnum()):
            break
        out.append(tok.lower())
        if len(out) >= 12:
            break
    return out


def _change_word(words: list[str]) -> str:
    """The first word of ``words`` past any qualifier words ("by more than" -> "by"), or ""."""
    for i, w in enumerate(words):
        if w in _ROLE_SKIP:
            continue
        if w == "to" and i + 1 < len(words) and words[i + 1] in ("up", "close"):
            continue
        if w in ("up", "close") and i and words[i - 1] == "to":
            continue
        return w
    return ""


# Words that start another clause or phrase between a change verb and "from": "rose 5% as estimates ranged from".
_FROM_CLAUSE_STOPS: Final = frozenset(
    "as while but which that who whose when whereas after before since because where if than".split()
)


def _verb_before_from(words: list[str]) -> bool:
    """Whether a change verb governs the "from" its clause words (nearest first) end at: "rose from", "will raise
    its defence budget from", not "rose 5% as estimates ranged from" (another figure or clause between)."""
    for w in words[:_GOVERN_REACH]:
        if w in _CHANGE_VERBS:
            return True
        if w[0].isdigit() or w in _FROM_CLAUSE_STOPS:
            return False
    return False


def _governed(words: list[str], start: int) -> bool:
    """Whether a change verb stands in ``words`` from ``start`` on, within reach."""
    for w in words[start : start + _GOVERN_REACH]:
        if w in _CHANGE_VERBS:
            return True
    return False


def _roles(text: str, figs: list[_Fig]) -> None:
    """Set each figure's role (see Role): a modifier, a share, the ends and size of a change, else a level."""
    to_candidates: list[int] = []
    word_before = _word_before
    triggers = _ROLE_TRIGGERS
    for i, f in enumerate(figs):
        kind = f.kind
        if kind in (_YEAR, _DATE, _ORDINAL):
            continue
        end = f.end
        if (
            text[end - 1].isalpha()
            and text.startswith(" ", end)
            and kind in (_DURATION, _MEASURE, _COUNT)
            and not f.is_range
            and text[end + 1 : end + 2].isalpha()
            and _modifier(text, f)
        ):
            f.role = _MODIFIER  # "a 40-year low", "the 3-day festival"
            continue
        if kind in (_PERCENT, _RATIO) and _OF_SPACE_RE.match(text, end):
            f.role = _SHARE  # "12% of the workforce", "a third of the region's schools"
            if kind is _RATIO and f.word and f.value is not None and f.value <= 1:
                # a fraction of a whole is a share in percent: "two-thirds of members" is 66.7%
                f.kind, f.unit = _PERCENT, "%"
                f.value, f.low, f.high = (None if v is None else 100.0 * v for v in (f.value, f.low, f.high))
            continue
        prev = f.prev
        if prev not in triggers:
            if prev == "of":
                if word_before(text, _index_before_word(text, f.start, 1)) in _CHANGE_NOUNS:
                    f.role = _CHANGE  # "a rise of 5%"
            elif text.startswith(" ", end) and text[end + 1 : end + 2] in _CHANGE_NOUN_INITIALS:
                if _word_after(text, end) in _CHANGE_NOUNS:
                    f.role = _CHANGE  # "a 7% increase"
            continue
        if prev in _CHANGE_VERBS:
            f.role = _CHANGE  # "rose 12%", "up 3%", "climbed 4,300 to ..."
            continue
        if prev == "to":
            if word_before(text, _index_before_word(text, f.start, 1)) not in ("up", "close"):
                to_candidates.append(i)  # "... to 179": the end of a change when its start is beside it
            continue
        words = _clause_words(text, f.start)
        w = _change_word(words)
        if w in _CHANGE_VERBS:
            f.role = _CHANGE  # "rose 12%", "up 3%", "climbed 4,300 to ..."
            continue
        if w:
            at = words.index(w) + 1
            if w == "by":
                if _governed(words, at):
                    f.role = _CHANGE  # "lifted the count by more than 80,000"
                    continue
            elif w == "from":
                if _governed(words, at):
                    f.role = _FROM  # "rose from 139 ..."
                    continue
            elif w == "to":
                to_candidates.append(i)
                continue
        if _word_after(text, f.end) in _CHANGE_NOUNS:
            f.role = _CHANGE  # "a 7% increase"
    for i in to_candidates:
        before = _beside(figs, i, -1)
        after = _beside(figs, i, 1)
        if (before is not None and before.role is _FROM and _same_clause(text, before.end, figs[i].start)) or (
            after is not None and after.role is _FROM and _same_clause(text, figs[i].end, after.start)
        ):
            figs[i].role = _TO


def _beside(figs: list[_Fig], i: int, step: int) -> _Fig | None:
    """The nearest figure before (step -1) or after (step 1) figure ``i`` that is not a year or a date."""
    j = i + step
    while 0 <= j < len(figs):
        if figs[j].kind not in (_YEAR, _DATE):
            return figs[j]
        j += step
    return None


def _modifier(text: str, f: _Fig) -> bool:
    """Whether a figure ends in a hyphenated word that makes it describe the noun after it ("a 40-year low")."""
    m = _MODIFIER_RE.search(text, f.start, f.end)
    if m is None:
        return False
    if m.start() > f.number_end and f.kind in (_MEASURE, _DURATION):
        # a hyphen inside the unit: "a 4.2 light-year journey" (singular: describes the noun), not "4.2
        # light-years away"
        return f.value != 1 and not m.group().endswith("s")
    if f.kind is not _COUNT:
        return True
    # a count: "a 12-man crew", "a two-door coupe", not "sixty-four students" or "30,000-plus personnel"
    suffix = m.group()[1:].lower()
    if f.word:
        return suffix not in _NUMBER_WORDS and suffix not in ("plus", "odd")
    return suffix not in ("plus", "odd")


def _same_clause(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return len(gap) < 60 and not any(c in gap for c in ";:()—\n") and ", " not in gap
