"""Lexicons of the quantity reader: currencies, units of measure and time, scale words, rates.

Units are reported as written, lowercased where they are words ("miles", "hours", "kilometres")
and kept as written where they are symbols ("km", "GW", "C", "Mbps").
"""

from __future__ import annotations

import re
from typing import Final

# --- currencies ---------------------------------------------------------------------------------

# Signs written before an amount, longest first so "US$" wins over "$".
CURRENCY_SIGNS: Final[dict[str, str]] = {
    "U.S.$": "USD",
    "US$": "USD",
    "USD$": "USD",
    "AU$": "AUD",
    "A$": "AUD",
    "CA$": "CAD",
    "Can$": "CAD",
    "C$": "CAD",
    "NZ$": "NZD",
    "$NZ": "NZD",
    "$US": "USD",
    "$A": "AUD",
    "Rp": "IDR",
    "R": "ZAR",  # glued to an amount written as money ("R18.90", "R120bn", "R1,500"): South African rand
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "MX$": "MXN",
    "Mex$": "MXN",
    "NT$": "TWD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₦": "NGN",
    "₺": "TRY",
    "₪": "ILS",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "₴": "UAH",
    "₵": "GHS",
    "₨": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "KSh": "KES",
    "Ksh": "KES",
    "Sh": "KES",
    "SFr": "CHF",
    "F.CFA": "XOF",  # the West African CFA franc (XAF, Central Africa's, is written the same: the code says which)
    "FCFA": "XOF",
}

ISO_CODES: Final[frozenset[str]] = frozenset(
    """USD EUR GBP JPY CNY RMB INR RUB MXN BRL CAD AUD NZD CHF HKD SGD SEK NOK DKK PLN CZK HUF RON BGN
    TRY ZAR NGN KES UGX TZS GHS EGP MAD DZD TND SAR AED QAR KWD BHD OMR ILS IRR IQD JOD LBP PKR BDT LKR
    NPR IDR MYR THB VND PHP KRW TWD ARS CLP COP PEN UYU VES BOB PYG CUP CUC DOP GTQ HNL NIO CRC PAB JMD
    TTD XOF XAF ETB UAH KZT BTC""".split()
)
# ISO codes that are also common English words or abbreviations are only read before a number.
CODE_AFTER_NUMBER: Final[frozenset[str]] = ISO_CODES - {"CUP", "PEN", "ALL"}

# Currency words after an amount ("27 dollars", "48.2bn roubles"), with the default code.
CURRENCY_WORDS: Final[dict[str, str]] = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "peso": "MXN",
    "pesos": "MXN",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "rupiah": "IDR",
    "franc": "CHF",
    "francs": "CHF",
    "rand": "ZAR",
    "naira": "NGN",
    "shilling": "KES",
    "shillings": "KES",
    "reais": "BRL",
    "lira": "TRY",
    "liras": "TRY",
    "shekel": "ILS",
    "shekels": "ILS",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
    "rial": "IRR",
    "rials": "IRR",
    "dinar": "KWD",
    "dinars": "KWD",
    "kronor": "SEK",
    "krona": "SEK",
    "kroner": "NOK",
    "krone": "DKK",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "forints": "HUF",
    "baht": "THB",
    "dong": "VND",
    "ringgit": "MYR",
    "won": "KRW",
    "cedi": "GHS",
    "cedis": "GHS",
    "birr": "ETB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnia's": "UAH",
    "tenge": "KZT",
    "quetzales": "GTQ",
    "quetzals": "GTQ",
    "lempiras": "HNL",
    "cordobas": "NIO",
    "córdobas": "NIO",
    "colones": "CRC",
    "bolivars": "VES",
    "bolívares": "VES",
    "soles": "PEN",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "cents": "USD",
    "cent": "USD",
    "pence": "GBP",
}
# Amounts in these are hundredths of the currency ("50 cents" is 0.50 USD).
HUNDREDTHS: Final[frozenset[str]] = frozenset({"cents", "cent", "pence"})

# A country adjective before a currency word names the currency ("Canadian dollars"): ISO 4217's own names
# (pycountry: "Mexican Peso", "Indian Rupee") give most; this table adds other usage ("American", "British").
_ISO_CURRENCY_NOUNS: Final = frozenset(
    """dollar peso pound rupee franc dinar rial riyal shilling krone krona rand real won yen yuan lira rupiah ringgit
    dirham lev leu ruble rouble hryvnia kwacha naira cedi birr dong baht zloty forint koruna lempira cordoba colon
    sol boliviano guarani quetzal bolivar taka kyat kip riel tugrik som manat lari dram afghani""".split()
)


def _iso_currency_adjectives() -> dict[str, str]:
    import pycountry

    found: dict[str, set[str]] = {}
    for currency in pycountry.currencies:
        words = currency.name.split()
        if len(words) >= 2 and words[-1].lower() in _ISO_CURRENCY_NOUNS:
            found.setdefault(" ".join(words[:-1]).lower(), set()).add(currency.alpha_3)
    return {adjective: codes.pop() for adjective, codes in found.items() if len(codes) == 1}


_USAGE_ADJECTIVES: Final[dict[str, str]] = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "canadian": "CAD",
    "australian": "AUD",
    "new zealand": "NZD",
    "hong kong": "HKD",
    "singapore": "SGD",
    "singaporean": "SGD",
    "taiwan": "TWD",
    "taiwanese": "TWD",
    "jamaican": "JMD",
    "zimbabwean": "ZWL",
    "liberian": "LRD",
    "namibian": "NAD",
    "fijian": "FJD",
    "mexican": "MXN",
    "argentine": "ARS",
    "argentinian": "ARS",
    "chilean": "CLP",
    "colombian": "COP",
    "philippine": "PHP",
    "dominican": "DOP",
    "uruguayan": "UYU",
    "indian": "INR",
    "pakistani": "PKR",
    "sri lankan": "LKR",
    "nepalese": "NPR",
    "nepali": "NPR",
    "indonesian": "IDR",
    "swiss": "CHF",
    "cfa": "XOF",
    "congolese": "CDF",
    "brazilian": "BRL",
    "south african": "ZAR",
    "nigerian": "NGN",
    "kenyan": "KES",
    "ugandan": "UGX",
    "tanzanian": "TZS",
    "egyptian": "EGP",
    "lebanese": "LBP",
    "syrian": "SYP",
    "sudanese": "SDG",
    "british": "GBP",
    "turkish": "TRY",
    "israeli": "ILS",
    "saudi": "SAR",
    "qatari": "QAR",
    "emirati": "AED",
    "uae": "AED",
    "moroccan": "MAD",
    "iranian": "IRR",
    "iraqi": "IQD",
    "jordanian": "JOD",
    "kuwaiti": "KWD",
    "bahraini": "BHD",
    "libyan": "LYD",
    "tunisian": "TND",
    "algerian": "DZD",
    "omani": "OMR",
    "japanese": "JPY",
    "chinese": "CNY",
    "south korean": "KRW",
    "korean": "KRW",
    "russian": "RUB",
    "ukrainian": "UAH",
    "polish": "PLN",
    "swedish": "SEK",
    "norwegian": "NOK",
    "danish": "DKK",
    "czech": "CZK",
    "hungarian": "HUF",
    "icelandic": "ISK",
    "thai": "THB",
    "vietnamese": "VND",
    "malaysian": "MYR",
    "ghanaian": "GHS",
    "ethiopian": "ETB",
    "peruvian": "PEN",
    "honduran": "HNL",
    "nicaraguan": "NIO",
    "costa rican": "CRC",
    "haitian": "HTG",
}
CURRENCY_ADJECTIVES: Final[dict[str, str]] = {**_iso_currency_adjectives(), **_USAGE_ADJECTIVES}


def _alternation(words: object) -> str:
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t\u00a0]+") for w in items)


_SP = r"[ \t\u00a0\u202f\u2009]"


def _trie(words: object) -> str:
    """A regex matching any of ``words`` (longest first, as ``_alternation``), as a trie: each position is rejected
    after a character or two, where an alternation of hundreds of units tries every one. A space in a word matches
    any run of spaces."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in {str(w) for w in words}:  # type: ignore[attr-defined]
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [
            (r"[ \t\u00a0]+" if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


# "dollars", "US dollars", "Hong Kong dollars", "pounds sterling" right after a number.
CURRENCY_WORD_RE: Final[re.Pattern[str]] = re.compile(
    # a known adjective, or any capitalised demonym ("Bhutanese ngultrum" style: the word then names the currency)
    rf"{_SP}+(?:(?P<adj>{_alternation(CURRENCY_ADJECTIVES)}|(?-i:[A-Z][a-z]+(?:an|ese|ish|i))){_SP}+)?"
    rf"(?P<word>{_alternation(CURRENCY_WORDS)})(?:{_SP}+sterling)?(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# An ISO code right after a number: "450 USD".
CURRENCY_CODE_AFTER_RE: Final[re.Pattern[str]] = re.compile(
    rf"{_SP}?(?P<code>{'|'.join(sorted(CODE_AFTER_NUMBER))})(?![A-Za-z0-9])"
)

# --- scale words -------------------------------------------------------------------------------

SCALE_WORDS: Final[dict[str, float]] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "dozen": 12.0,
    # after digits, the plurals and French's billion: "2,5 millions de victimes", "1,2 milliard d'euros"
    "millions": 1e6,
    "billions": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
}
# Written straight after the digits: "100k", "2.5m", "$3B".
GLUED_SCALES: Final[dict[str, float]] = {
    "k": 1e3,
    "K": 1e3,
    "m": 1e6,
    "M": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "Bn": 1e9,
    "BN": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "B": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "Tn": 1e12,
}
# Glued scales only read as scales in money ("$3B"); without money "3B" is a code.
MONEY_ONLY_SCALES: Final[frozenset[str]] = frozenset({"b", "B"})

# A scale word after a space: "5 million", "1.2 bn", "$5 m" (the last only in money).
SCALE_WORD_RE: Final[re.Pattern[str]] = re.compile(
    rf"{_SP}?-?(?P<scale>thousand|millions?|billions?|milliards?|trillion|lakhs?|crores?|mn|mln|bn|bln|tn|trn|dozen)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
SPACED_M_RE: Final[re.Pattern[str]] = re.compile(rf"{_SP}(?P<scale>[mM])(?![A-Za-z0-9])")

# --- percent -------------------------------------------------------------------------------------

PERCENT_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?P<pct>{_SP}?%|{_SP}*-?(?:per{_SP}?cent|pct)\b|{_SP}pc\b(?!{_SP}+(?:users?|games?|market|makers?|sales))|{_SP}+percentage{_SP}+points?\b|{_SP}+basis{_SP}+points?\b"
    rf"|{_SP}*bps\b|{_SP}+pp\b)",
    re.IGNORECASE,
)

# --- units of measure and time -----------------------------------------------------------------

DURATION_WORDS: Final[frozenset[str]] = frozenset(
    """second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks fortnight
    fortnights month months year years yr yrs decade decades century centuries millennium millennia""".split()
)
# Units written as words (reported lowercased).
MEASURE_WORDS: Final[frozenset[str]] = frozenset(
    """mile miles kilometre kilometres kilometer kilometers metre metres meter meters centimetre centimetres
    centimeter centimeters millimetre millimetres millimeter millimeters micrometre micrometres micron microns
    nanometre nanometres nanometer nanometers foot feet inch inches yard yards
    acre acres hectare hectares
    litre litres liter liters millilitre millilitres milliliter milliliters gallon gallons
    gram grams kilogram kilograms kilo kilos milligram milligrams microgram micrograms tonne tonnes ton tons
    ounce ounces carat carats
    cup cups tablespoon tablespoons teaspoon teaspoons pint pints quart quarts
    millibar millibars hectopascal hectopascals pascal pascals kilopascal kilopascals
    knot knots degree degrees magnitude
    watt watts kilowatt kilowatts megawatt megawatts gigawatt gigawatts terawatt terawatts
    kilowatt-hour kilowatt-hours megawatt-hour megawatt-hours gigawatt-hours terawatt-hours
    joule joules calorie calories kilocalories volt volts amp amps hertz decibel decibels
    newton newtons kilonewton kilonewtons lux stone megapixel megapixels
    byte bytes kilobyte kilobytes megabyte megabytes gigabyte gigabytes terabyte terabytes petabytes
    light-year light-years parsec parsecs""".split()
)
MULTIWORD_MEASURES: Final[tuple[str, ...]] = (
    "square kilometres",
    "square kilometers",
    "square kilometre",
    "square kilometer",
    "square miles",
    "square mile",
    "square metres",
    "square meters",
    "square metre",
    "square meter",
    "square feet",
    "square foot",
    "cubic metres",
    "cubic meters",
    "cubic metre",
    "cubic meter",
    "cubic feet",
    "cubic foot",
    "cubic kilometres",
    "cubic kilometers",
    "cubic kilometre",
    "cubic kilometer",
    "cubic centimetres",
    "cubic centimeters",
    "cubic yards",
    "cubic yard",
    "cubic inches",
    "cubic miles",
    "square yards",
    "square inches",
    "square centimetres",
    "square centimeters",
    "cu ft",
    "cu m",
    "cu yd",
    "metres per second",
    "meters per second",
    "kilometres per second",
    "kilometers per second",
    "miles per second",
    "feet per second",
    "cubic metres per second",
    "cubic meters per second",
    "litres per second",
    "liters per second",
    "nautical miles",
    "sq. ft",  # abbreviated with points: "1,200 sq. ft." (the point after "ft" may end the sentence)
    "sq. m",
    "sq. km",
    "sq. mi",
    "sq. miles",
    "sq km",
    "sq mi",
    "sq ft",
    "sq m",
    "sq miles",
    "sq metres",
    "sq meters",
    "sq kilometres",
    "sq kilometers",
    "light years",
    "miles per hour",
    "kilometres per hour",
    "kilometers per hour",
    "degrees celsius",
    "degrees fahrenheit",
    "degrees centigrade",
    "degrees C",  # "25 degrees C": the scale's letter after the word (matched with the case ignored, but a letter
    "degrees F",  # alone: not "degrees from")
    "parts per million",
    "parts per billion",
)
# Units written as symbols (reported as written).
MEASURE_SYMBOLS: Final[frozenset[str]] = frozenset(
    """km km² km2 km³ m m² m³ cm mm µm μm nm mi ft sq km/h kph kmh mph m/s km/s kg mg µg μg g lb lbs oz t kt
    ml mL l L l/100km L/100km bcm tcf tsp tbsp mbar hPa kPa Pa MPa GPa bar psi mmHg lx N·m Nm kN·m kNm kN
    °C °F ° C F K
    W kW MW GW TW kWh MWh GWh TWh Wh J kJ MJ GJ kcal cal V kV mV mA mAh Ah
    B KB kB MB GB TB PB Gb Mb Kbps kbps Mbps Gbps
    Hz kHz MHz GHz dB
    eV keV MeV GeV TeV
    ppm ppb ha mpg rpm mmol mol""".split()
)
# Symbols that are also read with a space before them ("10 km", "6 g", "125 GeV"); single letters
# like "C" or "t" only count glued to the number ("40C").
SPACED_SYMBOLS: Final[frozenset[str]] = MEASURE_SYMBOLS - {"C", "F", "K", "t", "l", "L", "B", "V", "J", "W", "sq"}

# What may follow a unit symbol to make a compound unit (reported as written, with the symbol): a denominator after
# "/" or a factor after "·" ("m/s", "g/cm³", "mg/dL", "µg/m³", "MB/s", "m³/h", "kW·h"), then an exponent ("m/s²",
# "m/s^2", "kg/m3"). A compound of a unit is a unit, not a rate: "50 mm/h" has no ``per``.
_UNIT_FACTORS = "100 ?km|[kcmdµμn]?(?:m|g|l|L|s)|dL|mL|h|hr|min|yr|mol|mmol|ha|kWh|MWh|W"
UNIT_TAIL_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:[/·⋅](?:{_UNIT_FACTORS})(?:[²³]|\^-?[1-3]|[23](?!\d|[.,]\d))?|[²³]|\^-?[1-3])(?![A-Za-z0-9²³])"
)


def _unit_regex() -> re.Pattern[str]:
    words = [*MULTIWORD_MEASURES, *MEASURE_WORDS, *DURATION_WORDS]
    word_alt = _trie(words)
    sym_alt = _trie(SPACED_SYMBOLS)
    return re.compile(
        rf"(?:(?P<sep>{_SP}|{_SP}?-{_SP}?)(?P<word>{word_alt})|(?:{_SP}|-)(?P<sym>{sym_alt}))(?![A-Za-z0-9²³])",
        re.IGNORECASE,
    )


# A unit after a number and a space or hyphen: "90 miles", "seventy-year", "6.1-inch", "10 km".
UNIT_AFTER_RE: Final[re.Pattern[str]] = _unit_regex()

# Letters glued to the digits ("128GB", "2nm", "40C", "24h") that make a unit.
GLUED_UNITS: Final[dict[str, str]] = {
    **{s: "measure" for s in MEASURE_SYMBOLS if s not in ("B", "sq", "t", "l", "L", "J", "V")},
    "h": "duration",
    "hr": "duration",
    "hrs": "duration",
    "min": "duration",
    "mins": "duration",
    "yr": "duration",
    "yrs": "duration",
    "sec": "duration",
    "secs": "duration",
    "ns": "duration",
    "µs": "duration",
    "degC": "measure",
    "MP": "measure",  # "a 48MP camera": megapixels (glued only: "48 MPs" are members of parliament)
    "degF": "measure",
}

# --- rates ---------------------------------------------------------------------------------------

PER_UNITS: Final[dict[str, str]] = {
    "day": "day",
    "d": "day",
    "week": "week",
    "wk": "week",
    "month": "month",
    "mo": "month",
    "mth": "month",
    "year": "year",
    "yr": "year",
    "y": "year",
    "annum": "year",
    "hour": "hour",
    "hr": "hour",
    "h": "hour",
}
PER_ADVERBS: Final[dict[str, str]] = {
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
    "a-year": "year",
    "p.a.": "year",
    "per annum": "year",
}
# "per day", "a year", "each month", "every week", "/yr", "annually"; not "a year earlier".
PER_RE: Final[re.Pattern[str]] = re.compile(
    rf"{_SP}*(?:(?:per|each|every){_SP}+(?P<unit>day|week|month|year|annum|hour)(?![A-Za-z0-9-])"
    rf"|an?{_SP}+(?P<aunit>day|week|month|year|hour)(?![A-Za-z0-9-])"
    rf"(?!{_SP}+(?:earlier|ago|later|before|after|prior|old|or|from{_SP}+now|since|back|long|in{_SP}+a{_SP}+row)\b)"
    rf"|-an?-(?P<hunit>day|week|month|year)(?![A-Za-z0-9])"
    rf"|{_SP}?/{_SP}?(?P<short>day|d|week|wk|month|mo|mth|year|yr|y|annum|hour|hr|h)(?![A-Za-z0-9-])"
    rf"|(?P<adv>annually|yearly|monthly|weekly|daily|hourly|p\.a\.|per{_SP}+annum)(?![A-Za-z0-9-]))",
    re.IGNORECASE,
)

# A price or a count for a unit of measure: "$0.28 per kilowatt-hour", "€1.89 a litre", "£65 per square foot",
# "24.5 cents/kWh", "72 beats per minute". The rate's base (``per``) is the unit as written: a word lowercased, a
# symbol as written. (A time base of a day, week, month or year is PER_RE's.)
PER_MEASURE_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:{_SP}+(?:per{_SP}+(?P<word>{_trie([*MULTIWORD_MEASURES, *MEASURE_WORDS, 'minute', 'second'])})"
    rf"|an?{_SP}+(?P<aword>{_trie([*MULTIWORD_MEASURES, *MEASURE_WORDS, 'minute'])}))"
    rf"|{_SP}?/{_SP}?(?P<sword>{_trie(MULTIWORD_MEASURES)})"
    rf"|{_SP}?(?:/|per{_SP}+){_SP}?(?P<sym>{_trie(SPACED_SYMBOLS)}))(?![A-Za-z0-9²³-])",
    re.IGNORECASE,
)
