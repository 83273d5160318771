"""Generate ``toolkit/claimkit/data/units.json``: units from pint's registry, currencies from CLDR (babel).

Why a generated file rather than pint and babel at run time: the quantity
grammar reads units over its own tokens with exact offsets (pint parses whole
unit strings, not a word after a number in running text), loading pint's
registry costs about half a second and its data never changes between runs,
and claimkit then has no runtime dependency for it. The file keeps pint's
coverage (every unit that is not a physical constant or a word of everyday
English, with its symbol, aliases, SI prefixes where they are used, and its
dimension) and CLDR's English currency names, plurals and symbols (ISO 4217
codes, historic currencies too).

Run from the repository root after ``pip install pint babel``::

    python tools/make_units.py

The output is deterministic; commit it with the change that needed it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pint
from babel.localedata import locale_identifiers
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies, list_currencies

OUT = Path(__file__).resolve().parents[1] / "toolkit" / "claimkit" / "data" / "units.json"

# Codes the claims table already used before the registry (compare/ and saved tables rely on them).
LEGACY_CODES = {
    "meter": "m", "kilometer": "km", "centimeter": "cm", "millimeter": "mm", "mile": "mile", "inch": "inch",
    "foot": "ft", "yard": "yd", "kilogram": "kg", "gram": "g", "milligram": "mg", "metric_ton": "t", "pound": "lb",
    "ounce": "oz", "liter": "l", "milliliter": "ml", "centiliter": "cl", "gallon": "gallon", "pint": "pint",
    "barrel": "barrel", "bushel": "bushel", "hectare": "ha", "acre": "acre", "kilometer_per_hour": "km/h",
    "mile_per_hour": "mph", "degree_Celsius": "C", "degree_Fahrenheit": "F", "degree": "degree",
}
# Units that are physical constants, atomic or Gaussian units, or everyday English words
# ("are", "point", "hand", "grade", "quarter"): never read after a number.
SKIP_PARTS = ("constant", "planck_", "_mass", "density", "quantum", "magneton", "radius", "cross_section", "atomic_unit",
              "conventional_", "international_", "stat", "gaussian", "esu_", "_H2O", "_Hg", "number", "boltzmann",
              "impedance", "speed_of_light", "standard_gravity", "g_factor", "elementary_charge", "faraday",
              "josephson", "klitzing", "rydberg", "avogadro", "_per_pixel", "pixels_per", "css_", "tex_", "ab")
SKIP = {
    "are", "point", "hand", "link", "rod", "chain", "league", "bag", "shot", "grade", "quarter", "fifth", "gamma",
    "lambda", "pi", "ln10", "particle", "count", "strain", "nit", "pixel", "octave", "shake", "jute", "aberdeen",
    "buckingham", "franklin", "galileo", "gilbert", "henry", "lambert", "langley", "maxwell", "rutherford", "darcy",
    "debye", "biot", "biot_turn", "clausius", "tex", "denier", "kip", "slug", "grain", "mil", "minim", "pica", "didot",
    "cicero", "rem", "rhe", "reyn", "stere", "stilb", "tansec", "thou", "gill", "scruple", "second", "minute",
    "hour", "day", "week", "month", "year", "decade", "century", "millennium", "fortnight", "eon", "sidereal_day",
    "sidereal_month", "sidereal_year", "synodic_month", "common_year", "leap_year", "gregorian_year", "julian_year",
    "percent", "scaled_point", "LMH", "RKM", "fermi", "angstrom_star", "svedberg", "sverdrup", "entropy_unit",
    "enzyme_unit", "absorbance_unit", "refractive_index_unit", "number_english", "number_meter", "oersted", "bohr",
    "hartree", "dalton", "nuclear_magneton", "peak_sun_hour", "cooling_tower_ton", "refrigeration_ton", "neper",
    "slinch", "rads", "katal", "molar", "force_gram", "force_ounce", "force_ton", "force_long_ton", "force_metric_ton",
    "degree_Rankine", "degree_Reaumur", "delta_degree_Celsius", "delta_degree_Fahrenheit", "delta_degree_Reaumur",
    "counts_per_second", "standard_liter_per_minute", "strain", "foot_pound", "square_degree", "curie", "roentgen",
    "section", "circle", "cycle", "revolution", "turn", "candle", "kayser", "zeta", "octet", "gray", "bar", "wien_u",
    "wien_x", "unit_pole", "x_unit_Cu", "x_unit_Mo", "tropical_month", "tropical_year", "sound_pressure_level",
    "townsend", "dirac_constant", "tonne_of_oil_equivalent", "ton_TNT", "board_foot", "super_foot",
}
# Symbols that are words, ordinal endings, compass points, scale letters or another unit's better-known symbol.
SKIP_SYMBOLS = {"in", "at", "a", "pc", "pt", "ct", "cd", "st", "rd", "th", "nd", "u", "Da", "P", "B", "b", "K", "k",
                "N", "S", "E", "A", "G", "M", "T", "R", "s", "d", "h", "m", "kt", "pp", "bp", "ly", "tsp", "tbsp",
                "deg", "gr", "Gy", "c", "dr", "min", "mo", "wk", "fur", "ftm", "L", "l", "t", "g",
                "pm", "At", "St", "Ba", "Bd", "Td", "VA", "PS", "Cal", "amp", "has", "mas", "sft", "smi", "cp", "pk", "au"}
# Single letters read only when written against the digits ("5C", "12V").
GLUED = {"g": "g", "t": "t", "l": "l", "L": "l", "C": "C", "F": "F", "V": "V", "W": "W", "K": None, "°": "degree"}
PREFIXED = {  # base unit -> SI prefixes used with it in running text
    "meter": "kcmµnpd", "gram": "kmµ", "liter": "mcdh", "watt": "kMGT", "watt_hour": "kMGT", "joule": "kMG",
    "hertz": "kMG", "byte": "kMGTP", "bit": "kMGT", "volt": "km", "ampere": "m", "ampere_hour": "m",
    "pascal": "hkMG", "newton": "k", "calorie": "k", "electron_volt": "kMGT", "ohm": "kM", "metric_ton": "kMG",
    "second": "mµn",
}
PREFIX_NAMES = {"k": "kilo", "M": "mega", "G": "giga", "T": "tera", "P": "peta", "c": "centi", "m": "milli",
                "µ": "micro", "n": "nano", "d": "deci", "h": "hecto", "p": "pico"}
EXTRA_SYMBOLS = {  # the forms news and essays write that pint lacks
    "horsepower": ["hp", "bhp", "HP", "PS"], "kilometer_per_hour": ["km/h", "kmh", "kph", "km/hr", "kmph"],
    "mile_per_hour": ["mph", "MPH", "mi/h"], "meter_per_second": ["m/s"], "revolutions_per_minute": ["rpm", "RPM"],
    "degree": ["°"], "degree_Celsius": ["°C", "° C", "ºC", "degC", "C°", "℃"], "degree_Fahrenheit": ["°F", "° F", "ºF", "degF", "℉"],
    "kilowatt_hour": ["kWh", "kW h", "kW-h"], "megawatt_hour": ["MWh"], "gigawatt_hour": ["GWh"], "terawatt_hour": ["TWh"],
    "milliampere_hour": ["mAh"], "liter": ["ltr"], "metric_ton": ["tonne"], "ounce": ["oz"], "pound": ["lb", "lbs"],
    "micrometer": ["um", "μm"], "kilocalorie": ["kcal", "Cal"], "cubic_centimeter": ["cc"], "nanometer": ["nm"],
    "knot": ["kn", "kts"], "pound_force_per_square_inch": ["psi", "PSI"], "kilobyte": ["KB", "kb"], "megabyte": ["Mb"],
    "gigabyte": ["Gb", "gig", "gigs"], "terabyte": ["Tb"], "hectare": ["ha", "has"],
}
EXTRA_NAMES = {
    "horsepower": ["brake horsepower", "horse power"], "metric_ton": ["tonne", "metric tonne"],
    "kilometer_per_hour": ["kilometre an hour", "kilometer an hour", "kilometres an hour", "kilometers an hour"],
    "mile_per_hour": ["mile an hour", "miles an hour"], "revolutions_per_minute": ["revolution per minute",
                                                                                  "revolutions a minute"],
    "degree_Celsius": ["degree celsius", "degree centigrade", "celsius", "centigrade", "deg celsius", "deg c", "deg. c",
                       "deg centigrade", "celcius", "degree celcius", "degrees celcius", "degree c", "degrees c"],
    "degree_Fahrenheit": ["degree fahrenheit", "fahrenheit", "deg fahrenheit", "deg f", "deg. f", "farenheit",
                          "degree farenheit", "degrees farenheit", "degree f", "degrees f"],
    "degree": ["deg", "degs", "deg."], "micrometer": ["micron"], "long_ton": ["long ton"],
    "US_ton": ["short ton"], "kilogram": ["kilo"], "light_year": ["light-year"], "nautical_mile": ["nautical mile"],
}
# Length units that take "square"/"cubic" and a power written after the symbol.
POWERED = ("meter", "kilometer", "centimeter", "millimeter", "mile", "foot", "inch", "yard")
DIMENSION_NAMES = {  # pint's derived dimensions as claimkit names them
    "[velocity]": "speed", "[electric_potential]": "voltage", "[magnetic_field]": "magnetic field",
    "[volumetric_flow_rate]": "flow rate",
}
PREFERRED_DIMENSIONS = ("area", "volume", "speed", "acceleration", "frequency", "force", "energy", "power", "pressure",
                        "density", "charge", "electric_potential", "resistance", "capacitance", "inductance",
                        "magnetic_flux", "magnetic_field", "concentration", "illuminance", "luminous_flux", "torque",
                        "volumetric_flow_rate", "viscosity", "kinematic_viscosity", "wavenumber", "momentum")
ANGLES = {"degree", "radian", "arcminute", "arcsecond", "milliarcsecond", "steradian", "turn", "revolution"}
INFORMATION = {"bit", "byte", "baud", "nibble"}
# Minor units and currency words that CLDR does not list, and the old British money.
CURRENCY_EXTRA = {
    "GBp": {"name": "penny", "names": ["penny", "pence", "pennies"], "glued": ["p"]},
    "cent": {"name": "cent", "names": ["cent", "cents"], "glued": ["c", "¢"], "symbols": ["¢"]},
    "kopek": {"name": "kopek", "names": ["kopek", "kopeks", "kopeck", "kopecks", "kopecks"]},
    "shilling": {"name": "shilling", "names": ["shilling", "shillings"]},
    "reichsmark": {"name": "Reichsmark", "names": ["reichsmark", "reichsmarks", "reichsmarken"]},
    "lira": {"name": "lira", "names": ["lira", "lire"]},
    "BTC": {"name": "bitcoin", "names": ["bitcoin", "bitcoins"]},
    "satoshi": {"name": "satoshi", "names": ["satoshi", "satoshis"]},
}
# A symbol written in front of a number; "$" alone stays the US dollar, "£" the pound sterling.
CURRENCY_PREFIXES = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "USD$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₽": "RUB",
    "₹": "INR", "₩": "KRW", "₪": "ILS", "₫": "VND", "₱": "PHP", "₦": "NGN", "₺": "TRY", "₴": "UAH", "₿": "BTC",
    "A$": "AUD", "AU$": "AUD", "AUD$": "AUD", "C$": "CAD", "CA$": "CAD", "CAD$": "CAD", "NZ$": "NZD", "NZD$": "NZD",
    "HK$": "HKD", "Mex$": "MXN", "MXN$": "MXN", "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "R$": "BRL", "MX$": "MXN", "RM": "MYR", "Rs": "INR",
    "Rs.": "INR", "Rp": "IDR", "CHF": "CHF", "SFr": "CHF", "Fr": "FRF", "DM": "DEM", "RMB": "CNY", "CN¥": "CNY",
    "元": "CNY", "zł": "PLN", "Kč": "CZK", "kr": None, "R": None,
}


def british(name: str) -> str:
    """The canonical spelling: "metre", "litre" (as claimkit's prose writes them)."""
    return name.replace("meter", "metre").replace("liter", "litre")


def plural(name: str) -> str:
    words = name.split()
    head = next((k for k, w in enumerate(words) if w in ("per", "an", "a", "of")), len(words)) - 1
    if words[0] == "degree" or words[-1] in ("force", "squared", "cubed", "international"):
        head = 0
    w = words[head]
    if w in ("feet", "times", "inches", "revolutions", "kilos", "pounds") or w.endswith(("es", "ts", "ns", "ms", "rs", "ls", "ps", "ds")) and w not in ("siemens", "stokes", "gauss"):
        return name  # already plural ("inches", "feet per second" is caught below)
    irregular = {"foot": "feet", "inch": "inches", "century": "centuries", "hertz": "hertz", "siemens": "siemens",
                 "lux": "lux", "celsius": "celsius", "fahrenheit": "fahrenheit", "horsepower": "horsepower",
                 "kelvin": "kelvins", "stone": "stone", "psi": "psi", "hundredweight": "hundredweight"}
    if w in irregular:
        w = irregular[w]
    elif w.endswith(("s", "x", "ch", "sh")):
        w += "es"
    elif w.endswith("y") and w[-2:-1] not in "aeiou":
        w = w[:-1] + "ies"
    else:
        w += "s"
    words[head] = w
    return " ".join(words)


def dimension(ureg, name: str) -> str:
    if name in ANGLES or name.endswith("arcsecond"):
        return "angle"
    if name.rstrip("s") in INFORMATION or name.endswith(("byte", "bit")):
        return "information"
    dim = ureg.get_dimensionality(name)
    if not dim:
        return "dimensionless"
    for candidate in PREFERRED_DIMENSIONS:
        if ureg.get_dimensionality(f"[{candidate}]") == dim:
            return DIMENSION_NAMES.get(f"[{candidate}]", candidate.replace("_", " "))
    if len(dim) == 1 and list(dim.values())[0] == 1:
        return list(dim)[0].strip("[]")
    return " ".join(f"{k.strip('[]')}^{v:g}" for k, v in sorted(dim.items()))


def unit_records(ureg) -> tuple[dict, dict, dict, dict]:
    units, names, symbols, glued = {}, {}, {}, {}

    def add(pint_name: str, code: str, unit_name: str, dim: str, word_names, syms):
        units.setdefault(code, {"name": unit_name, "dimension": dim})
        for n in word_names:
            n = n.replace("_", " ").strip()
            metric = n.replace("meter", "metre").replace("liter", "litre")
            gramme = metric.replace("gram", "gramme") if metric.endswith("gram") else metric
            for form in {n, metric, gramme, plural(n), plural(metric), plural(gramme)}:
                names.setdefault(form.lower(), code)
        syms = list(syms) + [s.replace("µ", "μ") for s in syms if "µ" in s] + [s.replace("µ", "u") for s in syms
                                                                             if s.startswith("µ") and len(s) > 2]
        for s in syms:
            if "_" in s or (len(s) == 1 and s not in GLUED) or re.fullmatch(r"[α-ωΑ-Ωµμ]\S*", s) and len(s) < 2:
                continue
            if s in GLUED:
                if GLUED[s]:
                    glued.setdefault(s, GLUED[s])
            elif s and s not in SKIP_SYMBOLS:
                symbols.setdefault(s, code)

    for code, name, dim, surfaces in EXTRA_UNITS:
        add(name, code, name, dim, [name], surfaces)
    defs = {}
    for d in ureg._units.values():
        defs.setdefault(d.name, d)
    taken = set(LEGACY_CODES.values())
    for pint_name in sorted(defs, key=lambda n: (n not in LEGACY_CODES, n)):
        d = defs[pint_name]
        if pint_name in SKIP or any(part in pint_name for part in SKIP_PARTS if part != "ab") or \
                pint_name.startswith("ab") and pint_name not in ("abampere",):
            continue
        if pint_name.startswith("ab"):
            continue
        code = LEGACY_CODES.get(pint_name) or (d.symbol or pint_name).replace("_", " ")
        if code in taken and pint_name not in LEGACY_CODES:
            code = pint_name.replace("_", " ")
        word_aliases = [a for a in d.aliases if re.fullmatch(r"[a-z_]{4,}", a)]
        sym_aliases = [a for a in d.aliases if a not in word_aliases and not a.startswith(("UK_", "US_"))]
        add(pint_name, code, british(pint_name.replace("_", " ")), dimension(ureg, pint_name),
            [pint_name, *word_aliases, *EXTRA_NAMES.get(pint_name, [])],
            [d.symbol, *sym_aliases, *EXTRA_SYMBOLS.get(pint_name, [])])
    for base, prefixes in PREFIXED.items():
        d = defs[base]
        for p in prefixes:
            full = PREFIX_NAMES[p] + (base if base != "metric_ton" else "tonne")
            try:
                ureg.get_dimensionality(full)
            except Exception:
                continue
            sym = p + (d.symbol if base != "metric_ton" else "t")
            code = LEGACY_CODES.get(full, sym)
            add(full, code, british(full.replace("_", " ")), dimension(ureg, base), [full, *EXTRA_NAMES.get(full, [])],
                [sym, *EXTRA_SYMBOLS.get(full, [])])
    prefixed_symbol = {"kilometer": "km", "centimeter": "cm", "millimeter": "mm"}
    for base in POWERED:
        sym = prefixed_symbol.get(base) or defs[base].symbol
        code = LEGACY_CODES.get(base, sym)
        if code in ("mile",):
            code = "mi"
        if code == "inch":
            code = "in"
        for power, word, short, dim in ((2, "square", "sq", "area"), (3, "cubic", "cu", "volume")):
            pcode = f"{code}{power}"
            name = f"{word} {british(base.replace('_', ' '))}"
            forms = [f"{sym}{power}", f"{sym}^{power}", f"{sym}{'²' if power == 2 else '³'}", f"{short} {sym}",
                     f"{short}. {sym}", f"{short}{sym}", f"{sym} {power}"]
            if base == "foot":
                forms += ["sq ft", "sqft", "sq. ft.", "ft²"] if power == 2 else ["cu ft", "cu. ft."]
            add(name, pcode, name, dim, [name, f"{base.replace('_', ' ')} squared" if power == 2 else f"{base} cubed",
                                         f"{short} {british(base)}"], forms)
    return units, names, symbols, glued


EXTRA_UNITS = (  # units pint lacks or spells otherwise, read before pint's own
        ("bit/s", "bit per second", "information rate", ["bps", "bit/s", "b/s"]),
        ("kbit/s", "kilobit per second", "information rate", ["kbps", "kbit/s", "Kbps", "kb/s"]),
        ("Mbit/s", "megabit per second", "information rate", ["Mbps", "Mbit/s", "Mb/s", "mbps"]),
        ("Gbit/s", "gigabit per second", "information rate", ["Gbps", "Gbit/s", "Gb/s", "gbps"]),
        ("pood", "pood", "mass", []), ("verst", "verst", "length", []), ("arshin", "arshin", "length", []),
        ("desyatina", "desyatina", "area", []), ("ppb", "part per billion", "dimensionless", ["ppb"]),
        ("ppm", "part per million", "dimensionless", ["ppm"]), ("times", "times", "dimensionless", []),
        ("pp", "percentage point", "dimensionless", []), ("point", "point", "dimensionless", []),
)


def currency_records() -> tuple[dict, dict, dict]:
    current = set()
    for loc in locale_identifiers():
        if loc.startswith("en_") and len(loc) == 5:
            current.update(get_territory_currencies(loc[3:]))
    codes = sorted(list_currencies(), key=lambda c: (c not in current, c))
    currencies, names, prefixes = {}, {}, dict((k, v) for k, v in CURRENCY_PREFIXES.items() if v)
    # a plain name before a dated or qualified one: "Turkish lira" is TRY, not TRL "(1922-2005)"
    codes = sorted(codes, key=lambda c: "(" in get_currency_name(c, locale="en"))
    for code in codes:
        if not re.fullmatch(r"[A-Z]{3}", code) or code.startswith("X") and code not in ("XAF", "XOF", "XCD"):
            continue
        singular = get_currency_name(code, locale="en")
        many = get_currency_name(code, count=2, locale="en")
        clean = [re.sub(r"\s*\(.*\)", "", n).strip() for n in (singular, many)]
        words = clean[0].split()
        canonical = " ".join(words[:-1] + [words[-1].lower()]) if words else code  # "British pound", "euro"
        currencies[code] = {"name": canonical, "dimension": "currency"}
        for n in clean:
            if n and n.upper() != code:
                names.setdefault(n.lower(), code)
        symbol = get_currency_symbol(code, "en")
        if symbol != code and not symbol.isalpha():
            prefixes.setdefault(symbol, code)
    for loc in sorted(locale_identifiers()):  # home symbols: "₡" in Costa Rica, "₾" in Georgia, "₭" in Laos
        parts = loc.split("_")
        if len(parts) != 2 or len(parts[1]) != 2:
            continue
        for code in get_territory_currencies(parts[1])[:1]:
            try:
                symbol = get_currency_symbol(code, loc).rstrip(".")
            except Exception:
                continue
            if symbol and symbol.isprintable() and symbol.strip() == symbol and symbol != code and not re.fullmatch(r"[A-Za-z.]+", symbol) and len(symbol) <= 3 \
                    and "$" not in symbol and symbol not in CURRENCY_PREFIXES:
                prefixes.setdefault(symbol, code)
    for code, extra in CURRENCY_EXTRA.items():
        currencies.setdefault(code, {"name": extra["name"], "dimension": "currency"})
        for n in extra["names"]:
            names.setdefault(n, code)
    return currencies, names, prefixes


def main() -> None:
    ureg = pint.UnitRegistry()
    units, names, symbols, glued = unit_records(ureg)
    currencies, currency_names, prefixes = currency_records()
    glued_money = {g: code for code, extra in CURRENCY_EXTRA.items() for g in extra.get("glued", [])}
    data = {
        "_doc": ("Generated by tools/make_units.py from pint's unit registry and CLDR's currency data (babel); edit "
                 "that script, not this file. units: code -> canonical name and dimension (the codes the claims "
                 "table's unit column holds). names: lower-case unit names, plurals and spellings -> code. symbols: "
                 "case-sensitive symbols, read after a number whether glued to it or not. glued_symbols: single "
                 "letters read only against the digits ('5C', '12V'). currencies: ISO 4217 code (and a few minor or "
                 "historic units) -> name. currency_names: lower-case written names ('swedish kronor') -> code. "
                 "currency_prefixes: symbols written before a number ('NZ$', 'RM') -> code. currency_glued: minor "
                 "units written after the digits ('85p', '50c')."),
        "units": dict(sorted(units.items())),
        "names": dict(sorted(names.items())),
        "symbols": dict(sorted(symbols.items())),
        "glued_symbols": dict(sorted(glued.items())),
        "currencies": dict(sorted(currencies.items())),
        "currency_names": dict(sorted(currency_names.items())),
        "currency_prefixes": dict(sorted(prefixes.items())),
        "currency_glued": dict(sorted(glued_money.items())),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(units)} units, {len(names)} names, {len(symbols)} symbols, {len(currencies)} currencies")


if __name__ == "__main__":
    main()
