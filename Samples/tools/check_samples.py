#!/usr/bin/env python3
"""Check CSV files against DESIGN §2, mechanically (Python 3 stdlib only).

Usage: python3 Samples/tools/check_samples.py [DIR_OR_FILE ...]   (default: the Samples/ folder)

Reads every *.csv directly in each DIR (not recursive), detects each file's kind from its
header (required columns ⊆ header ⊆ all columns), and checks, as the importer must:
  - bytes: valid UTF-8 (a BOM is stripped), no NUL, no bare CR, LF line endings (the bundled
    samples use LF only; CRLF is reported too), strict RFC 4180 quoting, fields ≤ 64 KiB,
    no ragged rows, a header with exact lowercase names and no duplicates;
  - values: identifiers, real calendar dates, months, the number grammar, integer columns
    (no `16.0`), money (≤ 2 decimals, never negative), percentages 0–100, enums, ISO 3166-1
    alpha-2 countries, the per-kind checks of the §2 table;
  - the database after the import: unique keys, references (a fleet's facility and a loan's
    collateral fleet belong to the same provider), balance ≤ principal, balance = 0 for a loan
    starting after its provider's as_of, assessments of known criteria with fitting values,
    every required pillar covered by the rubric;
  - consistency the tour relies on: every gpu_model in fleets and contracts has market prices, and
    the fleets of a facility fit its IT capacity (GPUs × kW per GPU, all fleets ever placed there).
Prints one line per problem as `file:line:column: reason: 'value'` and exits 1 if any, else
prints a one-line summary per file and exits 0.
"""

import argparse
import datetime
import os
import re
import sys

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
NUM_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
INT_RE = re.compile(r"-?[0-9]+\Z")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})\Z")
MAX_FIELD = 64 * 1024

ISO_COUNTRIES = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())

# Column types: id, text, date, month, real, int, money, pct (real 0–100), enum:<a|b>,
# country, value (assessment value, checked against its criterion).
KINDS = {
    "providers": {
        "key": ["provider_id"],
        "cols": [("provider_id", "id", True), ("name", "text", True),
                 ("segment", "enum:neocloud|hyperscaler|sovereign|marketplace|other", True),
                 ("country", "country", True), ("cash_usd", "money", True),
                 ("fixed_opex_usd_per_month", "money", True), ("as_of", "date", True),
                 ("min_liquidity_usd", "money", False), ("variable_opex_pct", "pct", False)],
    },
    "facilities": {
        "key": ["facility_id"],
        "cols": [("facility_id", "id", True), ("provider_id", "id", True), ("name", "text", True),
                 ("region", "text", True), ("it_capacity_mw", "real", True), ("pue", "real", True),
                 ("power_usd_per_kwh", "real", True), ("colocation_usd_per_kw_month", "real", True),
                 ("ownership", "enum:owned|leased|colo", True), ("fixed_rent_usd_per_month", "money", False)],
    },
    "fleets": {
        "key": ["fleet_id"],
        "cols": [("fleet_id", "id", True), ("provider_id", "id", True), ("facility_id", "id", True),
                 ("gpu_model", "id", True), ("gpu_count", "int", True), ("in_service_on", "date", True),
                 ("capex_usd", "money", True), ("useful_life_years", "int", False),
                 ("gpu_power_kw", "real", True), ("utilization_pct", "pct", True),
                 ("interconnect", "enum:infiniband|roce|ethernet", True), ("fabric_gbps_per_gpu", "real", True),
                 ("ramp_months", "int", False)],
    },
    "loans": {
        "key": ["loan_id"],
        "cols": [("loan_id", "id", True), ("provider_id", "id", True), ("lender", "text", True),
                 ("principal_usd", "money", True), ("balance_usd", "money", True),
                 ("annual_rate_pct", "pct", True), ("rate_type", "enum:fixed|floating", True),
                 ("amortization", "enum:annuity|linear|interest_only", True),
                 ("payments_per_year", "int", True), ("start_on", "date", True), ("maturity_on", "date", True),
                 ("collateral_fleet_id", "text", False), ("min_dscr", "real", False),
                 ("facility", "enum:term|revolver|delayed_draw", False), ("commitment_usd", "money", False),
                 ("available_until", "date", False)],
    },
    "contracts": {
        "key": ["contract_id"],
        "cols": [("contract_id", "id", True), ("provider_id", "id", True), ("customer", "text", True),
                 ("gpu_model", "id", True), ("gpu_count", "int", True), ("price_usd_per_gpu_hour", "real", True),
                 ("start_on", "date", True), ("end_on", "date", True), ("sla_uptime_pct", "pct", False),
                 ("sla_credit_pct", "pct", False), ("ramp_months", "int", False), ("prepaid_usd", "money", False),
                 ("customer_rating", "enum:investment_grade|high_yield|unrated", False)],
    },
    "uptime": {
        "key": ["provider_id", "month"],
        "cols": [("provider_id", "id", True), ("month", "month", True), ("uptime_pct", "pct", True),
                 ("incidents", "int", True), ("failures_per_1k_gpu_months", "real", False),
                 ("mttr_hours", "real", False), ("source", "text", False)],
    },
    "assessments": {
        "key": ["provider_id", "criterion_id", "assessed_on"],
        "cols": [("provider_id", "id", True), ("criterion_id", "id", True), ("value", "value", True),
                 ("evidence", "text", False), ("assessed_on", "date", True)],
    },
    "rubric": {
        "key": ["criterion_id"],
        "cols": [("criterion_id", "id", True), ("pillar", "text", True), ("title", "text", True),
                 ("kind", "enum:bool|level|numeric", True), ("weight", "real", True), ("full_at", "real", False),
                 ("zero_at", "real", False), ("required_for", "enum:platinum|gold|silver|bronze", False),
                 ("source", "enum:assessment|uptime_12m|mttr_12m|failures_12m|fabric_gbps_per_gpu|rdma_share", False)],
    },
    "market_prices": {
        "key": ["gpu_model", "observed_on"],
        "cols": [("gpu_model", "id", True), ("observed_on", "date", True),
                 ("price_usd_per_gpu_hour", "real", True), ("source", "text", False)],
    },
}
ORDER = ["rubric", "providers", "facilities", "market_prices", "fleets", "loans", "contracts", "uptime",
         "assessments"]
REQUIRED_PILLARS = ["reliability", "networking", "software", "security"]


class Problems:
    def __init__(self):
        self.items = []

    def add(self, file, line, column, reason, value=None):
        text = "%s:%s:%s: %s" % (file, line, column, reason)
        if value is not None:
            shown = value if len(value) <= 40 else value[:40] + "..."
            text += ": '%s'" % shown
        self.items.append(text)


def parse_csv(name, data, problems):
    """Strict RFC 4180. Returns [(physical line, [fields])] for non-empty records."""
    if b"\x00" in data:
        problems.add(name, data[: data.index(b"\x00")].count(b"\n") + 1, "-", "NUL byte")
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(name, data[: error.start].count(b"\n") + 1, "-", "invalid UTF-8")
        return []
    if text.startswith("\ufeff"):
        text = text[1:]
    records = []
    i, n, line = 0, len(text), 1
    while i < n:
        start_line = line
        fields, field, quoted_field = [], [], False
        at_field_start = True
        while True:
            if i >= n:
                fields.append("".join(field))
                break
            c = text[i]
            if at_field_start and c == '"':
                quoted_field = True
                i += 1
                open_line = line
                while True:
                    if i >= n:
                        problems.add(name, open_line, "-", "unterminated quote")
                        return records
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            field.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if c == "\n":
                        line += 1
                    field.append(c)
                    i += 1
                if i < n and text[i] not in ",\r\n":
                    problems.add(name, line, "-", "text after a closing quote")
                    return records
                at_field_start = False
                continue
            if c == ",":
                fields.append("".join(field))
                field, quoted_field, at_field_start = [], False, True
                i += 1
                continue
            if c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    problems.add(name, line, "-", "CRLF line ending (the samples use LF)")
                    i += 1
                    continue
                problems.add(name, line, "-", "bare CR outside quotes")
                return records
            if c == "\n":
                fields.append("".join(field))
                i += 1
                line += 1
                break
            if c == '"':
                problems.add(name, line, "-", "quote inside an unquoted field")
                return records
            field.append(c)
            at_field_start = False
            i += 1
        for f in fields:
            if len(f.encode("utf-8")) > MAX_FIELD:
                problems.add(name, start_line, "-", "field longer than 64 KiB")
        if fields == [""]:
            continue  # a completely empty line is skipped
        records.append((start_line, fields))
    if not text.endswith("\n"):
        problems.add(name, line, "-", "file does not end with a newline")
    return records


def detect_kind(header):
    hs = set(header)
    for kind, spec in KINDS.items():
        required = {c for c, _, req in spec["cols"] if req}
        every = {c for c, _, _ in spec["cols"]}
        if required <= hs <= every:
            return kind, None
    best = max(KINDS, key=lambda k: len({c for c, _, r in KINDS[k]["cols"] if r} & hs))
    required = {c for c, _, r in KINDS[best]["cols"] if r}
    every = {c for c, _, _ in KINDS[best]["cols"]}
    return None, "closest kind %s: missing %s, unknown %s" % (
        best, sorted(required - hs) or "none", sorted(hs - every) or "none")


def real_date(text):
    if not DATE_RE.match(text):
        return None
    try:
        return datetime.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        return None


def check_value(kind_type, text, where, problems):
    """Returns the parsed value or None (after reporting)."""
    file, line, col = where
    if kind_type == "text":
        return text
    if kind_type == "id":
        if not ID_RE.match(text):
            problems.add(file, line, col, "not an identifier", text)
            return None
        return text
    if kind_type == "date":
        d = real_date(text)
        if d is None:
            problems.add(file, line, col, "not a real YYYY-MM-DD date", text)
        return d
    if kind_type == "month":
        m = MONTH_RE.match(text)
        if not m or not 1 <= int(m.group(2)) <= 12:
            problems.add(file, line, col, "not a YYYY-MM month", text)
            return None
        return text
    if kind_type.startswith("enum:"):
        if text not in kind_type[5:].split("|"):
            problems.add(file, line, col, "not one of %s" % kind_type[5:].replace("|", ", "), text)
            return None
        return text
    if kind_type == "country":
        if text not in ISO_COUNTRIES:
            problems.add(file, line, col, "not an ISO 3166-1 alpha-2 country code", text)
            return None
        return text
    if kind_type == "value":
        return text
    if not NUM_RE.match(text):
        problems.add(file, line, col, "not a number", text)
        return None
    if kind_type == "int":
        if not INT_RE.match(text):
            problems.add(file, line, col, "not an integer", text)
            return None
        return int(text)
    if kind_type == "money":
        if text.startswith("-"):
            problems.add(file, line, col, "money is never negative", text)
            return None
        whole, _, frac = text.partition(".")
        if len(frac) > 2:
            problems.add(file, line, col, "money has at most 2 decimals", text)
            return None
        return int(whole) * 100 + int((frac + "00")[:2])  # cents
    value = float(text)
    if kind_type == "pct" and not 0 <= value <= 100:
        problems.add(file, line, col, "percentage outside 0-100", text)
        return None
    return value


def load(paths, problems):
    tables = {k: [] for k in KINDS}
    files = []
    for path in paths:
        if os.path.isdir(path):
            names = sorted(f for f in os.listdir(path) if f.endswith(".csv") and os.path.isfile(os.path.join(path, f)))
            files += [os.path.join(path, f) for f in names]
        else:
            files.append(path)
    summary = []
    for path in files:
        name = os.path.basename(path)
        with open(path, "rb") as handle:
            records = parse_csv(name, handle.read(), problems)
        if not records:
            problems.add(name, 1, "-", "no header row")
            continue
        header_line, header = records[0]
        if len(set(header)) != len(header):
            problems.add(name, header_line, "-", "duplicate column names", ",".join(header))
            continue
        kind, why = detect_kind(header)
        if kind is None:
            problems.add(name, header_line, "-", "unknown kind (%s)" % why)
            continue
        types = {c: (t, req) for c, t, req in KINDS[kind]["cols"]}
        count = 0
        for line, fields in records[1:]:
            if len(fields) != len(header):
                problems.add(name, line, "-", "ragged row: %d fields, header has %d" % (len(fields), len(header)))
                continue
            row = {"_file": name, "_line": line}
            for col, text in zip(header, fields):
                t, req = types[col]
                if text == "":
                    if req:
                        problems.add(name, line, col, "required value is empty")
                    row[col] = None
                    continue
                row[col] = check_value(t, text, (name, line, col), problems)
                row["_raw_" + col] = text
            for col in types:
                row.setdefault(col, None)
            tables[kind].append(row)
            count += 1
        summary.append("%s: %s, %d rows" % (name, kind, count))
    return tables, summary


def check_tables(t, problems):
    def bad(row, col, reason, value=None):
        problems.add(row["_file"], row["_line"], col, reason, None if value is None else str(value))

    # unique keys (across files of the same kind)
    for kind, spec in KINDS.items():
        seen = {}
        for row in t[kind]:
            key = tuple(row.get("_raw_" + c) for c in spec["key"])
            if None in key:
                continue
            if key in seen:
                bad(row, ",".join(spec["key"]), "duplicate key (first at %s)" % seen[key], ",".join(key))
            else:
                seen[key] = "%s:%d" % (row["_file"], row["_line"])

    providers = {r["provider_id"]: r for r in t["providers"] if r["provider_id"]}
    facilities = {r["facility_id"]: r for r in t["facilities"] if r["facility_id"]}
    fleets = {r["fleet_id"]: r for r in t["fleets"] if r["fleet_id"]}
    rubric = {r["criterion_id"]: r for r in t["rubric"] if r["criterion_id"]}

    def need_provider(row):
        if row["provider_id"] is not None and row["provider_id"] not in providers:
            bad(row, "provider_id", "unknown provider", row["provider_id"])

    # providers: cash ≥ 0 and opex ≥ 0 follow from the money grammar (never negative)
    for r in t["facilities"]:
        need_provider(r)
        if r["pue"] is not None and not 1.0 <= r["pue"] <= 3.0:
            bad(r, "pue", "pue must be within 1.0-3.0", r["pue"])
        if r["power_usd_per_kwh"] is not None and not 0 < r["power_usd_per_kwh"] <= 1:
            bad(r, "power_usd_per_kwh", "power price must be > 0 and <= 1", r["power_usd_per_kwh"])
        if r["it_capacity_mw"] is not None and not r["it_capacity_mw"] > 0:
            bad(r, "it_capacity_mw", "capacity must be > 0", r["it_capacity_mw"])
        if r["colocation_usd_per_kw_month"] is not None and r["colocation_usd_per_kw_month"] < 0:
            bad(r, "colocation_usd_per_kw_month", "colocation must be >= 0", r["colocation_usd_per_kw_month"])
    for r in t["fleets"]:
        need_provider(r)
        if r["gpu_count"] is not None and r["gpu_count"] <= 0:
            bad(r, "gpu_count", "gpu_count must be > 0", r["gpu_count"])
        if r["useful_life_years"] is not None and not 1 <= r["useful_life_years"] <= 15:
            bad(r, "useful_life_years", "useful life must be 1-15", r["useful_life_years"])
        if r["gpu_power_kw"] is not None and not 0 < r["gpu_power_kw"] <= 5:
            bad(r, "gpu_power_kw", "kW per GPU must be > 0 and <= 5", r["gpu_power_kw"])
        if r["fabric_gbps_per_gpu"] is not None and r["fabric_gbps_per_gpu"] < 0:
            bad(r, "fabric_gbps_per_gpu", "fabric must be >= 0", r["fabric_gbps_per_gpu"])
        fac = facilities.get(r["facility_id"])
        if r["facility_id"] is not None and fac is None:
            bad(r, "facility_id", "unknown facility", r["facility_id"])
        elif fac is not None and fac["provider_id"] != r["provider_id"]:
            bad(r, "facility_id", "facility belongs to another provider (%s)" % fac["provider_id"], r["facility_id"])
    for r in t["loans"]:
        need_provider(r)
        if r["principal_usd"] is not None and r["balance_usd"] is not None and r["balance_usd"] > r["principal_usd"]:
            bad(r, "balance_usd", "balance exceeds principal", r["_raw_balance_usd"])
        if r["payments_per_year"] is not None and r["payments_per_year"] not in (1, 2, 4, 12):
            bad(r, "payments_per_year", "payments_per_year must be 1, 2, 4 or 12", r["payments_per_year"])
        if r["start_on"] and r["maturity_on"] and not r["maturity_on"] > r["start_on"]:
            bad(r, "maturity_on", "maturity must be after start", r["_raw_maturity_on"])
        if r["min_dscr"] is not None and r["min_dscr"] < 0:
            bad(r, "min_dscr", "min_dscr must be >= 0", r["min_dscr"])
        prov = providers.get(r["provider_id"])
        if prov and prov["as_of"] and r["start_on"] and r["start_on"] > prov["as_of"] and r["balance_usd"]:
            bad(r, "balance_usd", "a loan starting after its provider's as_of must have balance 0",
                r["_raw_balance_usd"])
        for fleet_id in (r["collateral_fleet_id"] or "").split(";") if r["collateral_fleet_id"] else []:
            fl = fleets.get(fleet_id)
            if fl is None:
                bad(r, "collateral_fleet_id", "unknown fleet", fleet_id)
            elif fl["provider_id"] != r["provider_id"]:
                bad(r, "collateral_fleet_id", "collateral fleet belongs to another provider", fleet_id)
        facility = r["facility"] or "term"
        if facility == "term" and r["commitment_usd"] is not None:
            bad(r, "commitment_usd", "a term loan has no commitment", r["commitment_usd"])
        if facility != "term" and (r["commitment_usd"] is None or r["commitment_usd"] < (r["principal_usd"] or 0)):
            bad(r, "commitment_usd", "a facility needs a commitment >= principal", r["commitment_usd"])
        if r["available_until"] and r["maturity_on"] and r["available_until"] > r["maturity_on"]:
            bad(r, "available_until", "available_until after maturity", r["available_until"])
    for r in t["contracts"]:
        need_provider(r)
        if r["start_on"] and r["end_on"] and r["end_on"] < r["start_on"]:
            bad(r, "end_on", "end before start", r["_raw_end_on"])
        if r["gpu_count"] is not None and r["gpu_count"] <= 0:
            bad(r, "gpu_count", "gpu_count must be > 0", r["gpu_count"])
        if r["price_usd_per_gpu_hour"] is not None and not r["price_usd_per_gpu_hour"] > 0:
            bad(r, "price_usd_per_gpu_hour", "price must be > 0", r["price_usd_per_gpu_hour"])
    for r in t["uptime"]:
        need_provider(r)
        if r["incidents"] is not None and r["incidents"] < 0:
            bad(r, "incidents", "incidents must be >= 0", r["incidents"])
        for col in ("failures_per_1k_gpu_months", "mttr_hours"):
            if r[col] is not None and r[col] < 0:
                bad(r, col, "must be >= 0", r[col])
        # Schema 0004: failures may be empty only with a source, mttr only without incidents.
        if r["failures_per_1k_gpu_months"] is None and not r.get("source"):
            bad(r, "failures_per_1k_gpu_months", "required unless the row has a source", None)
        if r["mttr_hours"] is None and (r["incidents"] or 0) > 0:
            bad(r, "mttr_hours", "required in a month with incidents", None)
    for r in t["market_prices"]:
        if r["price_usd_per_gpu_hour"] is not None and not r["price_usd_per_gpu_hour"] > 0:
            bad(r, "price_usd_per_gpu_hour", "price must be > 0", r["price_usd_per_gpu_hour"])
    for r in t["rubric"]:
        if r["weight"] is not None and not r["weight"] > 0:
            bad(r, "weight", "weight must be > 0", r["weight"])
        numeric = r["kind"] == "numeric"
        has = r["full_at"] is not None, r["zero_at"] is not None
        if numeric and not all(has):
            bad(r, "full_at", "a numeric criterion needs full_at and zero_at")
        if not numeric and any(has):
            bad(r, "full_at", "full_at/zero_at are for numeric criteria only")
        if numeric and all(has) and r["full_at"] == r["zero_at"]:
            bad(r, "zero_at", "full_at and zero_at must differ")
        if r["source"] not in (None, "assessment") and not numeric:
            bad(r, "source", "a derived source needs kind numeric", r["source"])
    if t["rubric"]:
        pillars = {r["pillar"] for r in t["rubric"]}
        for p in REQUIRED_PILLARS:
            if p not in pillars:
                problems.add("rubric", "-", "pillar", "no criterion for required pillar", p)
    for r in t["assessments"]:
        need_provider(r)
        crit = rubric.get(r["criterion_id"])
        if r["criterion_id"] is not None and crit is None:
            bad(r, "criterion_id", "unknown criterion", r["criterion_id"])
            continue
        value = r["value"]
        if crit is None or value is None:
            continue
        if crit["kind"] == "bool" and value not in ("true", "false"):
            bad(r, "value", "a bool value is true or false", value)
        elif crit["kind"] == "level" and (not INT_RE.match(value) or not 0 <= int(value) <= 4):
            bad(r, "value", "a level value is an integer 0-4", value)
        elif crit["kind"] == "numeric" and not NUM_RE.match(value):
            bad(r, "value", "a numeric value is a number", value)
    # consistency the tour relies on
    load_mw = {}
    for r in t["fleets"]:
        if r["facility_id"] in facilities and r["gpu_count"] and r["gpu_power_kw"]:
            load_mw[r["facility_id"]] = load_mw.get(r["facility_id"], 0.0) + r["gpu_count"] * r["gpu_power_kw"] / 1000
    for fid, mw in sorted(load_mw.items()):
        fac = facilities[fid]
        if fac["it_capacity_mw"] is not None and mw > fac["it_capacity_mw"]:
            bad(fac, "it_capacity_mw", "fleets need %.2f MW of IT load, more than the capacity" % mw,
                fac["it_capacity_mw"])
    priced = {r["gpu_model"] for r in t["market_prices"]}
    if t["market_prices"]:
        for kind in ("fleets", "contracts"):
            for r in t[kind]:
                if r["gpu_model"] is not None and r["gpu_model"] not in priced:
                    bad(r, "gpu_model", "gpu_model has no market prices (spelling must match exactly)", r["gpu_model"])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Prints one line per problem as file:line:column: reason: 'value' and exits 1 if any.")
    parser.add_argument("paths", nargs="*", metavar="DIR_OR_FILE",
                        help="CSV files or directories of them (default: the Samples/ folder)")
    paths = parser.parse_args().paths or [os.path.dirname(here)]
    problems = Problems()
    tables, summary = load(paths, problems)
    check_tables(tables, problems)
    if problems.items:
        for item in problems.items:
            print(item)
        print("%d problem(s)" % len(problems.items))
        return 1
    for line in summary:
        print(line)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
