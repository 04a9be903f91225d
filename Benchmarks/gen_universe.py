#!/usr/bin/env python3
"""Generate a large, deterministic neocloud universe in the DESIGN §2 CSV formats.

Usage: python3 Benchmarks/gen_universe.py OUTDIR PROVIDERS

Python 3 stdlib only. The same PROVIDERS always gives byte-identical files, and provider i is the
same in every size (each provider draws from its own seeded generator), so a larger universe is a
superset of a smaller one and costs grow linearly with PROVIDERS.

Per provider on average (exact totals for an even PROVIDERS; at 2,000 providers: 200,000 fleets,
20,000 loans, 100,000 contracts, 48,000 uptime rows):
  5 facilities, 100 fleets, 10 loans, 50 contracts, 24 uptime months, ~30 assessments.
Plus market prices for every GPU model (monthly) and the rubric (a copy of Samples/rubric.csv).

Variety, so that every code path of scoring and projection runs:
  - fleets in service 2019…2028 (capex inside the horizon, fleets retiring inside it), lives 1–15
    years or the default, all three interconnects;
  - loans of every amortization kind and payment frequency, fixed and floating, draws (start after
    the provider's as_of), maturities off the payment calendar (stubs), a few past maturity with a
    balance, optional collateral and min_dscr;
  - contracts with and without SLA terms, on models the provider does not run (C = 0), overcommitted
    models, a pool of customers so concentration varies;
  - uptime windows that miss the as-of window for a few providers (no_uptime_data);
  - GPU models with a stale price (MI250) and one priced only after 2026-11-23 (B300: no p0);
  - providers with stale financials and financials after the as-of date; coverage low enough for
    `unrated` in some.
"""

import csv
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUBRIC = os.path.join(HERE, "..", "Samples", "rubric.csv")

COUNTRIES = ["US", "CA", "GB", "DE", "FR", "NL", "SE", "NO", "FI", "IS", "IE", "ES", "JP", "SG",
             "KR", "IN", "AU", "AE", "SA", "BR"]
SEGMENTS = ["neocloud"] * 6 + ["hyperscaler", "sovereign", "marketplace", "other"]
REGIONS = ["us-east", "us-west", "us-south", "eu-north", "eu-west", "eu-central", "ap-south",
           "ap-northeast", "me-central", "sa-east"]
# (model, weight, kW per GPU range, capex per GPU range, first price month, last price month, $/h)
MODELS = [
    ("H100", 35, (1.0, 1.3), (28000, 36000), "2023-01", "2026-11", 3.2),
    ("H200", 20, (1.1, 1.4), (33000, 42000), "2024-03", "2026-11", 3.8),
    ("B200", 15, (1.3, 1.6), (45000, 60000), "2025-01", "2026-11", 5.2),
    ("A100", 12, (0.6, 0.8), (12000, 18000), "2023-01", "2026-11", 1.9),
    ("GB200", 6, (1.7, 2.0), (65000, 80000), "2025-06", "2026-11", 6.5),
    ("MI300X", 6, (1.0, 1.3), (20000, 28000), "2024-01", "2026-11", 2.6),
    ("L40S", 4, (0.5, 0.7), (9000, 12000), "2023-06", "2026-11", 1.1),
    ("MI250", 1, (0.6, 0.8), (8000, 11000), "2023-01", "2026-05", 1.3),  # stale at 2026-11-23
    ("B300", 1, (1.4, 1.8), (55000, 70000), "2026-12", "2027-06", 6.0),  # no p0 at 2026-11-23
]
MODEL_NAMES = [m[0] for m in MODELS]
MODEL_WEIGHTS = [m[1] for m in MODELS]
MODEL_INFO = {m[0]: m for m in MODELS}
LENDERS = ["Silverpine Credit Partners", "Meadowlane Infrastructure Debt Fund II",
           "Harbourstone Bank", "Northgate Capital", "Cobalt Ridge Lending", "Ferrous Asset Finance",
           "Tidewater Private Credit", "Quarry Hill Bank, N.A."]
CUSTOMERS = ["Customer %03d AI" % i for i in range(1, 241)] + [
    "Quillmere AI", "Westerly Foundation Models", "Lattice & Loom, Inc.", "Brightwater Labs"]


def money(cents):
    """Integer cents as a §2 money field (sometimes whole dollars, sometimes 2 decimals)."""
    if cents % 100 == 0:
        return str(cents // 100)
    return "%d.%02d" % (cents // 100, cents % 100)


def num(value, places):
    text = "%.*f" % (places, value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def day(year, month, dom):
    return "%04d-%02d-%02d" % (year, month, dom)


def add_months(year, month, count):
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def month_index(text):
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def random_day(rng, first, last):
    """A calendar date with a month index in [first, last] and a day of month 1–28."""
    index = rng.randint(first, last)
    return index // 12, index % 12 + 1, rng.randint(1, 28)


def split_counts(i, mean, spread):
    """Per-provider count: pairs (2k, 2k+1) get mean+d and mean−d, so totals stay exact."""
    d = ((i // 2) * 37) % (spread + 1)
    return mean + d if i % 2 == 0 else mean - d


def read_rubric():
    with open(RUBRIC, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def provider_rows(i, criteria):
    rng = random.Random(1000003 * (i + 1))
    pid = "p%05d" % i
    out = {k: [] for k in ("providers", "facilities", "fleets", "loans", "contracts", "uptime",
                           "assessments")}

    # Provider: as_of mostly in the last quarter; a few stale, a few after the as-of date.
    roll = rng.random()
    if roll < 0.04:
        as_of = (2026, 3, 31)
    elif roll < 0.06:
        as_of = (2026, 11, 30)
    else:
        as_of = rng.choice([(2026, 9, 30), (2026, 10, 31), (2026, 8, 31)])
    as_of_text = day(*as_of)
    size = rng.choice([1, 1, 2, 3, 5])
    cash = rng.randint(2_000_000, 400_000_000) * size * 100 + rng.randint(0, 99)
    opex = rng.randint(300_000, 6_000_000) * size * 100
    min_liq = "" if rng.random() < 0.3 else money(rng.randint(1_000_000, 80_000_000) * 100)
    name = "Provider %05d %s" % (i, rng.choice(["Compute", "Cloud, Inc.", "GPU AB", "AI Ltd"]))
    out["providers"].append([pid, name, rng.choice(SEGMENTS), rng.choice(COUNTRIES), money(cash),
                             money(opex), as_of_text, min_liq])

    # Facilities.
    n_fac = 3 + (i % 5)
    facilities = []
    for f in range(n_fac):
        ownership = rng.choice(["owned", "leased", "colo"])
        facilities.append({
            "id": "%s-fac%d" % (pid, f), "region": rng.choice(REGIONS),
            "pue": num(rng.uniform(1.05, 1.6), 2), "power": num(rng.uniform(0.03, 0.2), 4),
            "colo": "0" if ownership == "owned" else num(rng.uniform(40, 180), 1),
            "ownership": ownership, "kw": 0.0})

    # Fleets.
    n_fleets = split_counts(i, 100, 40)
    fleets = []
    favourite = rng.choices(MODEL_NAMES, MODEL_WEIGHTS, k=3)
    for f in range(n_fleets):
        model = rng.choice(favourite) if rng.random() < 0.7 else rng.choices(MODEL_NAMES,
                                                                             MODEL_WEIGHTS)[0]
        info = MODEL_INFO[model]
        fac = rng.choice(facilities)
        count = 8 * rng.randint(1, 256)
        kw = rng.uniform(*info[2])
        fac["kw"] += count * float(num(kw, 3))
        y, m, d = random_day(rng, 2019 * 12 + 5, 2028 * 12 + 5)
        life = "" if rng.random() < 0.3 else str(rng.choice([1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 8, 15]))
        capex = count * rng.randint(*info[3]) * 100 + rng.randint(0, 99)
        interconnect = rng.choice(["infiniband", "infiniband", "roce", "ethernet"])
        fabric = {"infiniband": rng.choice([200, 400, 800]), "roce": rng.choice([100, 200, 400]),
                  "ethernet": rng.choice([25, 50, 100])}[interconnect]
        fid = "%s-fl%03d" % (pid, f)
        fleets.append((fid, model))
        out["fleets"].append([fid, pid, fac["id"], model, str(count), day(y, m, d), money(capex),
                              life, num(kw, 3), num(rng.uniform(35, 99), 1), interconnect,
                              str(fabric)])
    for fac in facilities:
        mw = fac["kw"] / 1000 * 1.15 + 0.5
        out["facilities"].append([fac["id"], pid, "%s hall %s" % (pid, fac["id"][-1]),
                                  fac["region"], num(mw + 0.05, 1), fac["pue"], fac["power"],
                                  fac["colo"], fac["ownership"]])

    # Loans.
    as_of_index = as_of[0] * 12 + as_of[1] - 1
    n_loans = split_counts(i, 10, 4)
    for n in range(n_loans):
        principal = rng.randint(1_000_000, 300_000_000) * size * 100 + rng.choice([0, 0, 50, 99])
        sy, sm, sd = random_day(rng, 2021 * 12, 2027 * 12 + 11)
        start_index = sy * 12 + sm - 1
        years = rng.randint(1, 8)
        extra = rng.choice([0, 0, 0, 1, 2, 5])  # off the payment calendar: a stub
        my, mm = add_months(sy, sm, 12 * years + extra)
        maturity_index = my * 12 + mm - 1
        md = rng.randint(1, 28)
        if (sy, sm, sd) > as_of:
            balance = 0  # a draw
        elif maturity_index < as_of_index:
            # matured: usually repaid, sometimes still owed (past_maturity)
            balance = rng.randint(1, principal // 10) if rng.random() < 0.04 else 0
        else:
            done = (as_of_index - start_index) / max(1, maturity_index - start_index)
            balance = int(principal * max(0.05, 1 - done * rng.uniform(0.5, 1.0)))
        ppy = rng.choice([1, 2, 4, 12, 12])
        collateral = rng.choice(fleets)[0] if rng.random() < 0.6 else ""
        min_dscr = "" if rng.random() < 0.5 else num(rng.uniform(1.1, 1.5), 2)
        out["loans"].append([
            "%s-ln%02d" % (pid, n), pid, rng.choice(LENDERS), money(principal), money(balance),
            num(rng.uniform(0, 15), 2), rng.choice(["fixed", "floating"]),
            rng.choice(["annuity", "linear", "interest_only"]), str(ppy), day(sy, sm, sd),
            day(my, mm, md), collateral, min_dscr])

    # Contracts: mostly on the provider's models, some on models it does not run.
    n_contracts = split_counts(i, 50, 20)
    own_models = [model for _, model in fleets]
    customers = rng.sample(CUSTOMERS, rng.randint(2, 30))
    for n in range(n_contracts):
        model = rng.choice(own_models) if rng.random() < 0.92 else rng.choice(MODEL_NAMES)
        info = MODEL_INFO[model]
        sy, sm, sd = random_day(rng, 2023 * 12, 2027 * 12 + 5)
        ey, em = add_months(sy, sm, rng.randint(3, 48))
        sla = rng.random()
        sla_uptime = "" if sla < 0.3 else num(rng.choice([99.0, 99.5, 99.9, 99.95, 99.99]), 2)
        sla_credit = "" if sla < 0.5 else num(rng.uniform(5, 25), 1)
        out["contracts"].append([
            "%s-ct%03d" % (pid, n), pid, rng.choice(customers), model,
            str(8 * rng.randint(1, 90)), num(info[6] * rng.uniform(0.6, 1.2), 3),
            day(sy, sm, sd), day(ey, em, 28), sla_uptime, sla_credit])

    # Uptime: 24 months ending in the as-of month, or (a few) ending before the window.
    end = 2026 * 12 + 10 if rng.random() >= 0.02 else 2024 * 12 + 11
    typical = rng.uniform(98.5, 99.99)
    for k in range(24):
        index = end - 23 + k
        up = min(100.0, max(90.0, typical + rng.gauss(0, 0.3)))
        out["uptime"].append([pid, "%04d-%02d" % (index // 12, index % 12 + 1), num(up, 3),
                              str(rng.choice([0, 0, 1, 1, 2, 3, 5])), num(rng.uniform(1, 40), 2),
                              num(rng.uniform(0.5, 24), 1)])

    # Assessments: a share of the rubric's assessed criteria, some assessed twice, a few later.
    share = rng.uniform(0.45, 1.0)
    quality = rng.uniform(0.45, 1.0) ** 0.7
    for c in criteria:
        if (c["source"] or "assessment") != "assessment" or rng.random() > share:
            continue
        dates = [day(2025, rng.randint(1, 12), rng.randint(1, 28))]
        if rng.random() < 0.2:
            dates.append(day(2026, rng.randint(1, 10), rng.randint(1, 28)))
        if rng.random() < 0.03:
            dates.append("2026-12-15")  # after the as-of date: ignored
        for assessed_on in dates:
            mark = min(1.0, max(0.0, quality + rng.gauss(0, 0.12)))
            if c["kind"] == "bool":
                value = "true" if rng.random() < mark ** 0.5 else "false"
            elif c["kind"] == "level":
                value = str(min(4, max(0, round(mark * 4 + rng.uniform(-0.6, 0.6)))))
            else:
                zero, full = float(c["zero_at"]), float(c["full_at"])
                value = num(max(0.0, zero + (full - zero) * (mark * 1.1 - 0.05)), 2)
            evidence = "" if rng.random() < 0.2 else "review %s of %s" % (assessed_on, c["criterion_id"])
            out["assessments"].append([pid, c["criterion_id"], value, evidence, assessed_on])
    return out


HEADERS = {
    "providers": "provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,"
                 "min_liquidity_usd",
    "facilities": "facility_id,provider_id,name,region,it_capacity_mw,pue,power_usd_per_kwh,"
                  "colocation_usd_per_kw_month,ownership",
    "fleets": "fleet_id,provider_id,facility_id,gpu_model,gpu_count,in_service_on,capex_usd,"
              "useful_life_years,gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu",
    "loans": "loan_id,provider_id,lender,principal_usd,balance_usd,annual_rate_pct,rate_type,"
             "amortization,payments_per_year,start_on,maturity_on,collateral_fleet_id,min_dscr",
    "contracts": "contract_id,provider_id,customer,gpu_model,gpu_count,price_usd_per_gpu_hour,"
                 "start_on,end_on,sla_uptime_pct,sla_credit_pct",
    "uptime": "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours",
    "assessments": "provider_id,criterion_id,value,evidence,assessed_on",
}


def market_price_rows():
    rng = random.Random(4242)
    rows = []
    for model, _, _, _, first, last, base in MODELS:
        for index in range(month_index(first), month_index(last) + 1):
            age = (index - month_index(first)) / 12
            price = base * (0.8 ** age) * rng.uniform(0.95, 1.05)
            rows.append([model, day(index // 12, index % 12 + 1, 1), num(price, 3),
                         "benchmark spot index (fictional)"])
    return rows


def main(argv):
    if len(argv) != 3 or not argv[2].isdigit() or int(argv[2]) < 1:
        sys.stderr.write("usage: gen_universe.py OUTDIR PROVIDERS\n")
        return 64
    outdir, count = argv[1], int(argv[2])
    os.makedirs(outdir, exist_ok=True)
    criteria = read_rubric()
    shutil.copyfile(RUBRIC, os.path.join(outdir, "rubric.csv"))
    with open(os.path.join(outdir, "market_prices.csv"), "w", newline="", encoding="utf-8") as h:
        writer = csv.writer(h, lineterminator="\n")
        writer.writerow("gpu_model,observed_on,price_usd_per_gpu_hour,source".split(","))
        writer.writerows(market_price_rows())
    handles = {}
    writers = {}
    for kind, header in HEADERS.items():
        handles[kind] = open(os.path.join(outdir, kind + ".csv"), "w", newline="", encoding="utf-8")
        writers[kind] = csv.writer(handles[kind], lineterminator="\n")
        writers[kind].writerow(header.split(","))
    for i in range(count):
        for kind, rows in provider_rows(i, criteria).items():
            writers[kind].writerows(rows)
    for handle in handles.values():
        handle.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
