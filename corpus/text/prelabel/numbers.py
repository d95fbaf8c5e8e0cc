"""Numbers as news writes them: number words, scales, currencies, units and hedges, as regular
expression pieces and the functions that turn a match into a value. The figure finders
(``figures.py``) are built from these."""

from __future__ import annotations

import re
from typing import Any

from text_to_num import text2num

SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9}
# Indian number words: "Rs 450 crore" (4.5 billion), "3 lakh commuters" (300,000).
SCALE.update({"crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5})
UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100,
}  # fmt: skip
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
VAGUE = ("hundreds of thousands", "tens of thousands", "hundreds", "thousands", "millions", "billions", "dozens")
# "above", "beyond", "in excess of" and "below" hedge an amount too (guidelines 3.3, 2026-12-04).
_MORE = ("more than", "over", "above", "beyond", "in excess of")
_LESS = ("less than", "fewer than", "under", "below")
APPROX = {
    "more_than": [
        *_MORE,
        *(f"{w} {m}" for w in ("just", "well", "slightly", "far") for m in _MORE),
        "upwards of",
        "older than",
    ],
    "less_than": [*_LESS, *(f"{w} {m}" for w in ("just", "well", "slightly", "far") for m in _LESS), "younger than"],
    "at_least": ["at least", "no fewer than", "no less than", "as few as", "as little as", "as low as", "as young as"],
    "at_most": [
        "at most",
        "up to",
        "no more than",
        "as many as",
        "as much as",
        "as high as",
        "as long as",
        "as old as",
        "within",
    ],
    "approximate": [
        *("about", "around", "roughly", "approximately", "some", "nearly", "almost"),
        *("an estimated", "close to", "plus or minus", "maybe", "perhaps"),
    ],
}
APPROX_OF = {phrase: name for name, phrases in APPROX.items() for phrase in phrases}


def trie(words: list[str]) -> str:
    """One regex for a list of literal phrases, factored on shared prefixes: much faster to fail than "a|b|c"."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(c).replace("\\ ", "\\s+") + build(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if ends else body

    return f"(?:{build(tree)})"


HEDGE = rf"(?:(?P<approx>(?i:{trie(list(APPROX_OF))}))\s+)?"

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
UNDER_TEN = trie([k for k in UNITS if UNITS[k] < 10])
# "two hundred and fifty": the tail after "hundred", tried only after a number word.
AND_TAIL = rf"(?:\s+and\s+(?:{trie(list(TENS))}(?:[- ]{UNDER_TEN})?|{trie(list(UNITS))})\b)?"
WORD = (
    rf"{trie(list(TENS))}(?:[- ]{UNDER_TEN})?"
    rf"|{trie([*UNITS, 'a dozen', 'dozen'])}(?:\s+hundred\b{AND_TAIL})?|a\s+hundred\b{AND_TAIL}"
)
SCALE_WORD = r"(?:\s(?:thousand|million|billion|trillion|mln|bn|crores?|lakhs?)\b|(?<=\d)(?:m|mn|mln|bn)\b)"
# A number: digits or number words, with an optional scale ("2.5 million", "£3.5m").
NUM = rf"(?P<minus>(?i:minus)\s+)?(?P<num>{DIGITS}|(?i:{WORD})\b)(?P<scale>{SCALE_WORD})?"


def alternation(words: list[str]) -> str:
    """An alternation of literal phrases (longest match first), as a prefix tree."""
    return trie(words)


# Currencies: symbols before, ISO codes before or after, words after; minor units are hundredths.
# Only unambiguous prefixes: not "R" (rand) or "kr" (Swedish, Norwegian or Danish krone).
SYMBOL = {
    "US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "R$ ": "BRL", "Rs": "INR", "Rs.": "INR", "Rs ": "INR", "Rs. ": "INR",
    "₦": "NGN", "KSh": "KES", "KSh ": "KES", "Ksh": "KES", "Ksh ": "KES", "₱": "PHP", "₺": "TRY", "₩": "KRW",
    "Sh": "KES", "Sh ": "KES", "TSh": "TZS", "USh": "UGX",  # Kenya's shilling is the one written "Sh"
    "RM": "MYR", "RM ": "MYR",  # the Malaysian ringgit
    # The rand only where it cannot be a road or a grade: R18.94, R6.1bn, R4,500 (see figures._money).
    "R": "ZAR",
}  # fmt: skip
RAND = "R"
ISO = (
    "USD", "EUR", "GBP", "CHF", "JPY", "CNY", "INR", "RUB", "AUD", "CAD", "UAH", "SEK", "NOK", "DKK", "PLN",
    "NZD", "HKD", "SGD", "ZAR", "BRL", "MXN", "KRW", "NGN", "KES", "GHS", "EGP", "PKR", "BDT", "LKR", "TRY",
    "IDR", "PHP", "THB", "MYR", "ILS", "AED", "SAR", "ARS", "CLP", "COP", "TZS", "UGX", "HUF", "CZK",
    "RON", "ZMW", "ETB",
)  # fmt: skip
CURRENCY_WORD = {
    "us dollars": ("USD", 1), "dollars": ("USD", 1), "dollar": ("USD", 1), "euros": ("EUR", 1),
    "euro": ("EUR", 1), "pounds": ("GBP", 1), "pound": ("GBP", 1), "pounds sterling": ("GBP", 1),
    "swiss francs": ("CHF", 1), "francs": ("CHF", 1), "yen": ("JPY", 1), "yuan": ("CNY", 1),
    "rupees": ("INR", 1), "roubles": ("RUB", 1), "rubles": ("RUB", 1), "hryvnias": ("UAH", 1),
    "pence": ("GBP", 0.01), "p": ("GBP", 0.01), "cents": ("USD", 0.01), "cent": ("USD", 0.01),
    "euro cents": ("EUR", 0.01), "reais": ("BRL", 1), "pesos": ("MXN", 1),
    "zlotys": ("PLN", 1), "zloty": ("PLN", 1), "złotys": ("PLN", 1), "złoty": ("PLN", 1),
    "naira": ("NGN", 1), "shillings": ("KES", 1), "shilling": ("KES", 1), "peso": ("MXN", 1),
    "rand": ("ZAR", 1), "ringgit": ("MYR", 1), "baht": ("THB", 1), "rupiah": ("IDR", 1), "rupee": ("INR", 1),
    "lira": ("TRY", 1), "liras": ("TRY", 1), "dirhams": ("AED", 1), "riyals": ("SAR", 1),
    "shekels": ("ILS", 1), "cedis": ("GHS", 1), "kronor": ("SEK", 1), "renminbi": ("CNY", 1),
    "forints": ("HUF", 1), "forint": ("HUF", 1), "korunas": ("CZK", 1), "koruna": ("CZK", 1),
    "lei": ("RON", 1), "taka": ("BDT", 1), "kwacha": ("ZMW", 1), "birr": ("ETB", 1), "sen": ("MYR", 0.01),
    "pula": ("BWP", 1), "thebe": ("BWP", 0.01),
    "kroner": ("kr", 1), "krone": ("kr", 1), "kr": ("kr", 1),  # the country decides (see _SHARED_CURRENCY)
}  # fmt: skip
# A currency word with its country's adjective names its own currency: "48 million Canadian dollars"
# is money in CAD, as "C$48 million" is (guidelines 3.5, 2026-12-06).
_NAMED_CURRENCIES = (
    ("CAD", "Canadian", "dollars dollar"), ("AUD", "Australian", "dollars dollar"),
    ("NZD", "New Zealand", "dollars dollar"), ("SGD", "Singapore|Singaporean", "dollars dollar"),
    ("HKD", "Hong Kong", "dollars dollar"), ("TWD", "Taiwan|New Taiwan|Taiwanese", "dollars dollar"),
    ("USD", "American", "dollars dollar"), ("MXN", "Mexican", "pesos peso"), ("PHP", "Philippine", "pesos peso"),
    ("ARS", "Argentine|Argentinian", "pesos peso"), ("CLP", "Chilean", "pesos peso"),
    ("COP", "Colombian", "pesos peso"), ("INR", "Indian", "rupees rupee"), ("PKR", "Pakistani", "rupees rupee"),
    ("LKR", "Sri Lankan", "rupees rupee"), ("NPR", "Nepali|Nepalese", "rupees rupee"),
    ("KES", "Kenyan", "shillings shilling"), ("UGX", "Ugandan", "shillings shilling"),
    ("TZS", "Tanzanian", "shillings shilling"), ("NOK", "Norwegian", "kroner krone"),
    ("DKK", "Danish", "kroner krone"), ("SEK", "Swedish", "kronor krona"), ("ISK", "Icelandic", "kronur krona"),
    ("EGP", "Egyptian", "pounds pound"),
)  # fmt: skip
CURRENCY_WORD.update(
    {
        f"{adjective.lower()} {word}": (code, 1)
        for code, adjectives, words in _NAMED_CURRENCIES
        for adjective in adjectives.split("|")
        for word in words.split()
    }
)
# A currency written the same in several countries takes the code of the country the article names
# (guidelines 3.5, 2026-12-04/05): the last such name before the figure decides.
_SHARED_CURRENCY: dict[str, dict[str, tuple[str, ...]]] = {
    "USD": {
        "CAD": ("Canada", "Canadian", "Ontario", "Quebec", "Québec", "British Columbia", "Alberta", "Manitoba",
                "Saskatchewan", "Nova Scotia", "New Brunswick", "Newfoundland", "Toronto", "Montreal", "Montréal",
                "Vancouver", "Winnipeg", "Calgary", "Edmonton", "Ottawa", "Halifax", "Saskatoon"),
        "AUD": ("Australia", "Australian", "New South Wales", "Queensland", "Tasmania", "Tasmanian", "Sydney",
                "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra", "Hobart"),
        "NZD": ("New Zealand", "Auckland", "Wellington", "Christchurch", "Dunedin", "Tauranga", "Queenstown"),
        "SGD": ("Singapore",), "HKD": ("Hong Kong",),
        "USD": ("United States", "U.S.", "US", "American"),
    },
    "MXN": {
        "PHP": ("Philippines", "Philippine", "Filipino", "Manila"), "ARS": ("Argentina", "Argentine", "Buenos Aires"),
        "CLP": ("Chile", "Chilean", "Santiago"), "COP": ("Colombia", "Colombian", "Bogotá", "Bogota"),
        "MXN": ("Mexico", "Mexican"),
    },
    "INR": {
        "PKR": ("Pakistan", "Pakistani", "Karachi", "Lahore", "Islamabad"), "LKR": ("Sri Lanka", "Sri Lankan", "Colombo"),
        "NPR": ("Nepal", "Nepali", "Kathmandu"), "INR": ("India", "Indian"),
    },
    "KES": {
        "UGX": ("Uganda", "Ugandan", "Kampala"), "TZS": ("Tanzania", "Tanzanian", "Dar es Salaam"),
        "KES": ("Kenya", "Kenyan", "Nairobi"),
    },
    "kr": {
        "NOK": ("Norway", "Norwegian", "Oslo", "Bergen", "Tromsø"), "SEK": ("Sweden", "Swedish", "Stockholm"),
        "DKK": ("Denmark", "Danish", "Copenhagen"), "ISK": ("Iceland", "Icelandic", "Reykjavik"),
    },
}  # fmt: skip
_COUNTRY_NAME = {
    shared: re.compile(
        r"\b("
        + "|".join(re.escape(n) for names in table.values() for n in sorted(names, key=len, reverse=True))
        + r")(?!\w)"
    )
    for shared, table in _SHARED_CURRENCY.items()
}
_COUNTRY_CODE = {shared: {n: c for c, names in t.items() for n in names} for shared, t in _SHARED_CURRENCY.items()}


# The currencies whose hundredths are written "cents" besides the dollar: the last one the article
# writes before a figure in cents is the one (guidelines 3.5, 2026-12-05: any currency's minor unit).
_CENTS_OF = re.compile(
    r"(?P<zar>\brand\b|(?<![\w$])R\d|\bZAR\b|\bSouth African?\b|\b(?:Johannesburg|Cape Town|Durban|Pretoria)\b)"
    r"|(?P<eur>€|\beuros?\b|\bEUR\b)"
)
_CENTS = re.compile(r"\bcents?\b")


def country_currency(code: str, written: str, before: str) -> str:
    """The code of a shared currency (``$``, ``pesos``, ``Rs``, ``shillings``) in the country ``before`` names.

    ``written`` is the figure's text: a currency written with its country (``C$``, ``US$``, ``₹``)
    keeps its own code; ``before`` is the article's text up to the figure. Cents are hundredths of
    the rand or the euro where the article wrote that currency last, else of its dollar.
    """
    if code == "USD" and _CENTS.search(written):
        named = list(_CENTS_OF.finditer(before))
        if named:
            return "ZAR" if named[-1].group("zar") else "EUR"
    if code not in _SHARED_CURRENCY or "US$" in written or "₹" in written or "US dollars" in written:
        return code
    names = list(_COUNTRY_NAME[code].finditer(before))
    return _COUNTRY_CODE[code][names[-1].group(1)] if names else code


MONEY_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|mln|crores?|lakhs?)\b|(?<=\d)m\b|\sm\b)"
MONEY_ONE = rf"(?P<cur>{alternation(list(SYMBOL))}|(?:{'|'.join(ISO)})\s)(?P<num>{DIGITS})(?P<scale>{MONEY_SCALE})?"
MONEY_BEFORE = re.compile(rf"(?<![\w.,]){HEDGE}{MONEY_ONE}")
# "$40-$120", "$40-120", "£5-10m", "between $40 and $120", "ranging from €800 to €1,200".
MONEY_RANGE = re.compile(
    rf"(?<![\w.,]){HEDGE}(?P<between>(?i:between|from)\s+)?{MONEY_ONE}"
    rf"(?P<sep>\s+(?:to|and)\s+|\s?[-–]\s?)(?P<cur2>(?P=cur))?(?P<num2>{DIGITS})(?P<scale2>{MONEY_SCALE})?"
)
# Verbs after which "from X to Y" is a range, not a change ("rose from 40 to 52").
RANGE_FROM = r"\b(?:range|ranges|ranged|ranging|vary|varies|varied|varying|anywhere)\s+"
MONEY_AFTER_UNITS = rf"(?P<cur>(?i:{alternation([w for w in CURRENCY_WORD if w != 'p'])})|{'|'.join(ISO)})\b"
PENCE = re.compile(rf"(?<![\w.,£$€]){HEDGE}(?P<num>\d{{1,3}}(?:\.\d+)?)p\b")  # "fell 20p to 315p"
# "170 złoty", "a 400,000-złoty mortgage" (a currency fused by a hyphen is still money).
MONEY_AFTER = re.compile(rf"\b{HEDGE}{NUM}(?:\s+|-){MONEY_AFTER_UNITS}")

# Measures and durations, as written; the longest spelling first.
MEASURE_WORDS = [
    "degrees Celsius", "degrees Fahrenheit", "degrees centigrade", "degrees", "degree", "°C", "°F",
    "square kilometres", "square kilometers", "square miles", "square metres", "square meters", "square feet",
    "kilometres", "kilometers", "kilometre", "kilometer", "centimetres", "centimeters", "centimetre",
    "millimetres", "millimeters", "metres", "meters", "metre", "meter", "km/h", "kph", "mph", "km", "cm", "mm",
    "miles", "mile", "inches", "inch", "feet", "foot", "ft", "yards", "nautical miles", "knots",
    "kilograms", "kilogrammes", "kilogram", "kg", "grams", "gram", "tonnes", "tonne", "tons", "ton", "pounds of",
    "milligrams per litre", "milligrams per liter", "mg per litre", "mg/l", "micrograms per cubic metre",
    "milligrams", "milligram", "micrograms", "mg",
    "litres", "liters", "litre", "liter", "gallons", "barrels", "cubic metres", "hectares", "hectare", "acres",
    "TEUs", "TEU", "MW", "GW", "kW", "kWh", "MWh", "GWh", "TWh", "megawatts", "gigawatts", "volts", "percentage points",
    "percentage point", "basis points", "basis point", "points", "horsepower",
    "petabytes", "terabytes", "gigabytes", "megabytes", "kilobytes", "bytes", "TB", "GB", "MB",
]  # fmt: skip
MEASURE_WORDS.remove("pounds of")  # pounds are money here (the guidelines' "thousands of pounds")
DURATION_WORDS = ["seconds", "second", "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week"]
DURATION_WORDS += ["months", "month", "years", "year", "decades", "decade", "centuries", "century"]
MEASURE_RE = alternation(MEASURE_WORDS)
DURATION_RE = alternation(DURATION_WORDS)
DURATION_ADJ = r"(?:(?:consecutive|straight|successive|full|long)\s+)?"
MONTH_RE = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)

# Words a count's unit never is: function words, and words that end a noun phrase.
NP_STOP_WORDS = (
    "the a an of and or but to in on at for by with from that which who whom whose this these those was were is are "
    "be been being had have has will would can could may might should must not no than as per each every last next "
    "its their his her our your my it they he she we you i there here near across into onto over under after before "
    "during since until about around up down out off so very more most less also only just then when where while "
    "because if all both said says say told a.m. p.m. times time others"
)
NP_STOP = frozenset(NP_STOP_WORDS.split())
IRREGULAR_PLURALS_WORDS = (
    "men women people children staff police personnel cattle sheep fish crew feet teeth mice geese data media "
    "aircraft livestock deer offspring grandchildren schoolchildren policemen firemen fishermen businessmen gunmen "
    "servicemen spokesmen chairmen policewomen businesswomen townspeople"
)
IRREGULAR_PLURALS = frozenset(IRREGULAR_PLURALS_WORDS.split())
COLLECTIVE = frozenset(["crew", "staff", "police", "personnel", "cattle", "sheep", "fish", "media", "data"])
# Capitalised words before a number that make it part of a name ("Route 9", "Year 6").
NAME_WORDS_WORDS = (
    "Route Year Room Gate Platform Flight Highway Interstate Section Article Chapter Level Phase Band Terminal "
    "Stage Channel Line Bus Junction Exit Ward Division Group Category Grade Number No No. Apollo Windows Proposition "
    "Prop Act Formula Pier Block Unit Lot Building"
)
NAME_WORDS = frozenset(NAME_WORDS_WORDS.split())


def word_value(raw: str) -> float | None:
    key = raw.lower().replace("-", " ")
    if key in ("a dozen", "dozen"):
        return 12.0
    if key in ("a hundred", "one hundred"):
        return 100.0
    if " hundred" in key:  # "two hundred and fifty"
        hundreds, _, rest = key.partition(" hundred")
        rest = rest.replace(" and ", " ").strip()
        head = 1.0 if hundreds in ("a", "one") else word_value(hundreds)
        tail = word_value(rest) if rest else 0.0
        return None if head is None or tail is None else 100 * head + tail
    if key in UNITS:
        return float(UNITS[key])
    try:
        return float(text2num(key, "en"))
    except ValueError:
        return None


def parse_number(raw: str | None) -> float | None:
    if raw is None:
        return None
    if raw[0].isdigit():
        try:
            return float(raw.replace(",", ""))
        except ValueError:
            return None
    return word_value(raw)


def scaled_value(match: re.Match[str], num: str = "num", scale: str = "scale") -> float | None:
    value = parse_number(match.group(num))
    if value is None:
        return None
    factor = SCALE.get((match.group(scale) or "").strip().lower(), 1)
    sign = -1 if match.groupdict().get("minus") else 1
    return sign * value * factor


def approx_of(raw: str | None) -> str:
    return APPROX_OF.get(" ".join(raw.lower().split()), "exact") if raw else "exact"


def clean_value(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "ous", "us", "is", "'s", "’s"))


_PARTITIVE_DETERMINERS = frozenset(["the", "its", "their", "our", "these", "those", "her", "his", "my", "your"])
_PARTITIVE_SKIP = frozenset(["last", "past", "next", "first", *UNITS, *TENS])


def preceded_by(text: str, start: int, pattern: str) -> bool:
    """Whether ``pattern`` (case-insensitive) ends just before ``start``, spaces aside."""
    return re.search(rf"(?i:{pattern})\s*$", text[max(0, start - 30) : start]) is not None


def head_noun(text: str, end: int, *, one: bool = False) -> str | None:
    """The head of the counted noun phrase after a number: the first plural noun, skipping modifiers."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]", text[end : end + 100])
    if words[:1] == ["of"]:  # partitive: "500 of the birds", "Three of the five judges"
        words = words[2:] if len(words) > 1 and words[1].lower() in _PARTITIVE_DETERMINERS else words[1:]
        while words and (words[0].isdigit() or words[0] in ",." or words[0].lower() in _PARTITIVE_SKIP):
            words = words[1:]  # "one of the 12 lifts", "two of the last five winters"
        one = False
    if len(words) > 2 and words[0] == "head" and words[1] == "of":
        words = words[2:]  # "300 head of cattle": the unit is what is counted (guidelines 3.5, 2026-12-05)
    if len(words) > 1 and words[0].lower() in ("more", "fewer") and words[1].lower() != "than":
        words = words[1:]  # "2,000 more police"
    run: list[str] = []
    for word in words:
        if not word[0].isalpha() or word.lower() in NP_STOP or (run and word[0].isupper() and not run[-1][0].isupper()):
            break
        run.append(word)
        if len(run) == 4:
            break
    if not run:
        return None
    if one:
        return run[0] if run[0][0].islower() else None
    for i, word in enumerate(run):
        if is_plural(word) and word[0].islower():
            if word.lower() in COLLECTIVE and i + 1 < len(run) and is_plural(run[i + 1]) and run[i + 1][0].islower():
                i += 1  # "230 crew members", "40 police officers": the collective is a modifier
            return run[i]
    return None


# A hedge on the noun the number measures hedges the number (3.5, 2026-12-06): "an estimated cost of 3.4 billion".
NOUN_HEDGE = re.compile(
    r"\b(?:an?|the|its|their)\s+(?:estimated|provisional|projected|approximate)\s+(?:[a-z]+\s+){1,2}of\s+$", re.I
)
# What may stand between an amount and a bracketed conversion of it: "C$48 million ($35 million)".
CONVERSION = re.compile(r"(?:\s+[A-Za-z]+){0,2}\s*\(")
# A place in a queue is a rank; "ticket 41", "bus 41" are names (no FIGURE, 3.1).
QUEUE_PLACE = re.compile(r"\b(?:was|am|is|were|are|be|'m|’m)\s+(?:number|No\.)\s+$", re.I)
# "one of its two furnaces": `one` counts what happens to one of a body's own counted set (3.5, 2026-12-06);
# two consecutive numbers joined by `or` are one rough range ("two or three days").
ONE_OF_COUNTED = re.compile(r"\s+of\s+(?:its|their|our)\s+(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\b")
TIME_UNITS = frozenset(["seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades"])
N_OR_NEXT = re.compile(r"\b(?P<low>\d{1,2}|[A-Za-z]+)\s+or\s+(?P<high>\d{1,2}|[a-z]+)\s+(?P<unit>[a-z]{3,}s)\b")


def small_number(word: str) -> int | None:
    """A whole number in digits or a number word of ``UNITS`` ("two"), else None."""
    if word.isdigit():
        return int(word)
    value = UNITS.get(word.lower())
    return int(value) if isinstance(value, (int, float)) and value == int(value) else None


# An age: "a man aged 34", "drivers under 25" (guidelines 3.3: unit years, kind measure).
AGE = re.compile(
    rf"\b(?:(?P<aged>aged)\s+{HEDGE}|(?i:people|children|adults|voters|drivers|pupils|students|teenagers|women|men"
    rf"|workers|residents|patients|those|anyone|everyone|applicants|passengers|users)\s+(?P<limit>under|over)\s+)"
    rf"(?P<num>\d{{1,3}}|(?i:{WORD})\b)(?!\s*(?:[-–]|to\b|%|percent|per cent)|[,.]\d|\w)"
    rf"(?!\s+(?:{DURATION_RE}|{MEASURE_RE})\b)(?P<over>\s+(?:and|or)\s+(?:over|above|older))?"
)


# Ages written as one word or in an apposition: "the 34-year-old", "under-12s", "Ana Ruiz, 52, said".
AGE_WORD = re.compile(
    rf"\b(?:(?P<num>\d{{1,3}}|(?i:{WORD}))-year-olds?|(?P<under>(?i:under))-(?P<lim>\d{{1,2}})s)\b(?!-)"
)
AGE_APPOSITION = re.compile(
    r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?,\s(?P<num>[1-9]\d?),\s"
    r"(?=(?!and\b|or\b|to\b)[a-z]+\b)"  # "Okafor, 23, ran"; not a tally ("Leeds, 23, and Hull, 19")
)
# "dies at 88", "died at 91", "until she was 31", "She was 88.": a person's age.
AGE_OF_PERSON = re.compile(
    r"\b(?:(?:die[sd]|dying|retired|retires|married|left school)\s+at|(?i:she|he)\s+(?:was|is|turned|turns))"
    r"\s+(?P<num>[1-9]\d?|100)\b(?=\s*(?:[.;,)]|$|and\b|when\b|in\b|after\b))"
)
AGE_APPOSITION_HINT = re.compile(r",\s\d\d?,\s")


# "jailed over ₦2.3bn fraud": `over` before an amount that names a case is "about" (3.5, 2026-12-06).
OVER_ABOUT = re.compile(
    r"\s+(?:fraud|deal|contract|scheme|scandal|bid|loan|debt|payment|payout|package|takeover|lawsuit|settlement"
    r"|fine|budget|project|dispute|row|theft|bribes?|embezzlement|scam|deficit|overspend|losses)\b"
)
# "in under four hours", "took under 4 hours": `under` a hedge on the duration, not a period.
WITHIN = re.compile(r"\b(?:in|took|takes|take|taking|lasted|lasts)\s+$")
# "March 4 to 13": days of one month, one range (3.3).
DAYS_OF_A_MONTH = re.compile(rf"\b(?:{MONTH_RE})\.?\s+[1-3]?\d\s*(?:to|[-–])\s*[1-3]?\d\b(?![,.]?\d|\s*(?:%|per\b))")
# "P350": the pula, written P, where the article names Botswana (3.5: a symbol its country decides).
PULA_HINT = re.compile(r"(?<![\w$])P\d")
BOTSWANA = re.compile(r"\b(?:Botswana|Gaborone|Francistown|pula)\b")
PULA = re.compile(rf"{HEDGE}(?<![\w$])P(?P<num>{DIGITS})(?P<scale>{MONEY_SCALE})?")
# "from 2023 to 2025", "between January 2023 and October 2025", "from May 1 to August 31": a range of
# dates, one FIGURE from `from`/`between` (3.5, rows on ranges of dates and of months).
_ONE_DATE = rf"(?:(?:{MONTH_RE})\.?\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?|(?:{MONTH_RE})\.?\s+(?:19|20)\d\d|(?:19|20)\d\d)"
DATE_RANGE = re.compile(
    rf"\b(?:(?P<from>from)|between)\s+(?P<d1>{_ONE_DATE})\s+(?(from)(?:to|until|through)|and)\s+(?P<d2>{_ONE_DATE})\b(?![,.]?\d)"
)
