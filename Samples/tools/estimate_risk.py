#!/usr/bin/env python3
"""A rough, independent implementation of DESIGN §4 over the Samples/ CSVs (stdlib only).

It exists to tune the tour dataset so each provider lands in its intended risk grade with a
margin; the Swift engine is the reference. Defaults follow §4: as-of 2026-11-23, horizon 36,
730 hours a month, price decay 20 %/yr, no shocks.

Usage: python3 Samples/tools/estimate_risk.py [--dir DIR] [--as-of DATE] [--horizon N]
       [--utilization PCT] [--price-shock PCT] [--price-decay PCT] [--rate-shock BP]
       [--months PROVIDER] [--json]
"""

import argparse
import csv
import datetime
import json
import os
from decimal import ROUND_HALF_UP, Decimal

HOURS = 730.0
GRADES = ["critical", "high", "elevated", "low"]

# What the tour intends at the defaults (as-of 2026-11-23, horizon 36, no stress): grade and flags.
EXPECTED = {
    "auroragrid": ("low", []),
    "boreal-compute": ("low", []),
    "cinder-ai": ("low", ["customer_concentration", "stale_market_price"]),
    "driftwood-gpu": ("elevated", ["covenant_breach"]),
    "ember-cloud": ("elevated", ["balloon_within_12m", "min_liquidity_breach"]),
    "fjord-hpc": ("high", ["covenant_breach", "customer_concentration", "debt_service_exceeds_cfads"]),
    "gale-metal": ("high", ["balloon_within_12m", "covenant_breach", "debt_service_exceeds_cfads",
                            "min_liquidity_breach", "overcommitted", "past_maturity", "stale_market_price"]),
    "harbor-gpu": ("elevated", ["covenant_breach", "stale_financials"]),
    "ionic-labs": ("critical", ["covenant_breach", "customer_concentration", "debt_service_exceeds_cfads",
                                "min_liquidity_breach", "revenue_below_debt_service"]),
    # Net cash (CREDIT §C.4's net_cash is not estimated here): low at the defaults.
    "lumen-grid": ("low", ["customer_concentration", "utilization_below_contracted"]),
}


def margin_problems(r):
    """Knife edges: a figure so close to a threshold that a small difference would flip a flag or grade."""
    out = []
    d = r["dscr_12m"]
    if d is not None:
        if abs(d - 1.0) < 0.05:
            out.append("DSCR12 %.3f is within 0.05 of 1" % d)
        if r["max_min_dscr"] is not None and abs(d - r["max_min_dscr"]) < 0.05:
            out.append("DSCR12 %.3f is within 0.05 of the covenant %.2f" % (d, r["max_min_dscr"]))
    if r["runway_months"] is not None and abs(r["runway_months"] - 12.5) < 2:
        out.append("cash runs out in month %d, within 2 months of M12" % r["runway_months"])
    if r["runway_months"] is None and r["min_cash_horizon"] < 500_000:
        out.append("cash bottoms at %.0f, close to running out" % r["min_cash_horizon"])
    if r["min_liquidity"]:
        gap = abs(r["min_cash_12m"] - r["min_liquidity"]) / r["min_liquidity"]
        if gap < 0.05:
            out.append("lowest cash in M1-M12 is within 5 %% of min_liquidity")
    if r["top_customer"] is not None and abs(r["top_customer"][1] - 50) < 3:
        out.append("top customer share %.1f %% is within 3 points of 50" % r["top_customer"][1])
    return out


def mi(text):
    """Month index of YYYY-MM or YYYY-MM-DD."""
    return int(text[0:4]) * 12 + int(text[5:7]) - 1


def mt(index):
    return "%04d-%02d" % (index // 12, index % 12 + 1)


def cents_round(x):
    """Round a float amount of cents half away from zero to an integer."""
    d = Decimal(repr(x))
    return int(d.quantize(Decimal(1), rounding=ROUND_HALF_UP)) if d >= 0 else -int((-d).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def money_cents(text):
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def read(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load(directory):
    data = {
        "providers": read(directory, "providers.csv"),
        "facilities": {r["facility_id"]: r for r in read(directory, "facilities.csv")},
        "fleets": read(directory, "fleets.csv"),
        "loans": read(directory, "loans.csv"),
        "contracts": read(directory, "contracts.csv"),
        "uptime": read(directory, "uptime.csv"),
        "prices": read(directory, "market_prices.csv"),
    }
    return data


def loan_schedule(loan, provider_as_of, m0, horizon, rate_shock_bp):
    """Events by month index: interest, principal (in debt service), balloon, draw — all cents."""
    events = {}

    def add(month, key, cents):
        events.setdefault(month, {"interest": 0, "principal": 0, "balloon": 0, "draw": 0})[key] += cents

    start, maturity = mi(loan["start_on"]), mi(loan["maturity_on"])
    ppy = int(loan["payments_per_year"])
    period = 12 // ppy
    rate = float(loan["annual_rate_pct"])
    if loan["rate_type"] == "floating":
        rate = max(0.0, rate + rate_shock_bp / 100.0)
    r = rate / 100.0 / ppy
    existing = loan["start_on"] <= provider_as_of
    m1 = m0 + 1

    def on_calendar(m):
        return (m - start) > 0 and (m - start) % period == 0

    if existing:
        balance = money_cents(loan["balance_usd"])
        if balance == 0:
            return events, 0
        if maturity <= m0:
            add(m1, "balloon", balance)
            return events, balance
        months = [m for m in range(m1, maturity + 1) if on_calendar(m) or m == maturity]
    else:
        balance = money_cents(loan["principal_usd"])
        add(max(start, m1), "draw", balance)
        base = max(start, m0)
        months = [m for m in range(base + 1, maturity + 1) if on_calendar(m) or m == maturity]
    initial = balance
    n = len(months)
    stub = None
    if (maturity - start) % period != 0:
        previous = start + ((maturity - start) // period) * period
        stub = (maturity - previous) / period
    kind = loan["amortization"]
    level = None
    if kind == "annuity":
        level = cents_round(balance / n) if r == 0 else cents_round(balance * r / (1 - (1 + r) ** -n))
    for i, m in enumerate(months):
        last = i == n - 1
        rr = r * stub if (last and stub is not None and m == maturity) else r
        interest = cents_round(balance * rr)
        if last:
            principal = balance
        elif kind == "annuity":
            principal = level - interest
        elif kind == "linear":
            principal = cents_round(initial / n)
        else:
            principal = 0
        principal = min(principal, balance)
        balance -= principal
        add(m, "interest", interest)
        if kind == "interest_only" and last:
            add(m, "balloon", principal)
        else:
            add(m, "principal", principal)
    return events, initial


def project(data, pid, as_of, horizon, util_override=None, price_shock=0.0, decay=20.0, rate_shock_bp=0.0):
    prov = next(p for p in data["providers"] if p["provider_id"] == pid)
    m0 = mi(as_of)
    months = list(range(m0 + 1, m0 + horizon + 1))
    fleets = [f for f in data["fleets"] if f["provider_id"] == pid]
    contracts = [c for c in data["contracts"] if c["provider_id"] == pid]
    loans = [l for l in data["loans"] if l["provider_id"] == pid]
    fac = data["facilities"]

    # SLA: uptime rows in M0-11…M0
    window = [u for u in data["uptime"] if u["provider_id"] == pid and m0 - 11 <= mi(u["month"]) <= m0]
    mcount = len(window)

    def sla_factor(c):
        if mcount == 0:
            return 1.0
        target = float(c["sla_uptime_pct"]) if c["sla_uptime_pct"] else 99.0
        credit = float(c["sla_credit_pct"]) if c["sla_credit_pct"] else 10.0
        b = sum(1 for u in window if float(u["uptime_pct"]) < target)
        return 1 - credit / 100.0 * b / mcount

    # p0 per model
    p0 = {}
    for row in data["prices"]:
        if row["observed_on"] <= as_of:
            g = row["gpu_model"]
            if g not in p0 or row["observed_on"] > p0[g][1]:
                p0[g] = (float(row["price_usd_per_gpu_hour"]), row["observed_on"])

    def life(f):
        return int(f["useful_life_years"]) if f["useful_life_years"] else 6

    def active(f, m):
        s = mi(f["in_service_on"])
        return s <= m < s + 12 * life(f)

    flags = set()
    rows = []
    cust = {}
    models = sorted({f["gpu_model"] for f in fleets} | {c["gpu_model"] for c in contracts})
    for m in months:
        contract_rev = od_rev = sla_credit = power = colo = capex = 0.0
        for g in models:
            fs = [f for f in fleets if f["gpu_model"] == g and active(f, m)]
            cs = [c for c in contracts if c["gpu_model"] == g and mi(c["start_on"]) <= m <= mi(c["end_on"])]
            C = sum(int(f["gpu_count"]) for f in fs)
            K = sum(int(c["gpu_count"]) for c in cs)
            if util_override is not None:
                u = util_override / 100.0
            else:
                u = (sum(int(f["gpu_count"]) * float(f["utilization_pct"]) for f in fs) / C / 100.0) if C else 0.0
            if K > C:
                flags.add("overcommitted")
            if m == m0 + 1 and u * C < K:
                flags.add("utilization_below_contracted")
            if C > 0 and K > 0:
                scale = min(1.0, C / K)
                for c in cs:
                    gross = scale * int(c["gpu_count"]) * float(c["price_usd_per_gpu_hour"]) * HOURS
                    net = gross * sla_factor(c)
                    contract_rev += net
                    sla_credit += gross - net
                    if m <= m0 + 12:
                        cust[c["customer"]] = cust.get(c["customer"], 0.0) + net
            D = max(0.0, u * C - K)
            if C > 0 and g not in p0:
                flags.add("no_market_price")
            if C > 0 and g in p0:
                price0, observed = p0[g]
                age = (datetime.date.fromisoformat(as_of) - datetime.date.fromisoformat(observed)).days
                if age > 90:
                    flags.add("stale_market_price")
                p = price0 * (1 - decay / 100.0) ** ((m - mi(observed)) / 12.0) * (1 + price_shock / 100.0)
                od_rev += D * p * HOURS
        for f in fleets:
            if active(f, m):
                fa = fac[f["facility_id"]]
                kw = int(f["gpu_count"]) * float(f["gpu_power_kw"])
                power += kw * float(fa["pue"]) * HOURS * float(fa["power_usd_per_kwh"])
                colo += kw * float(fa["colocation_usd_per_kw_month"])
            if mi(f["in_service_on"]) == m:
                capex += money_cents(f["capex_usd"]) / 100.0
        opex = money_cents(prov["fixed_opex_usd_per_month"]) / 100.0
        revenue = contract_rev + od_rev
        rows.append({"month": mt(m), "contract": contract_rev, "on_demand": od_rev, "sla_credit": sla_credit,
                     "revenue": revenue, "power": power, "colo": colo, "opex": opex,
                     "cfads": revenue - power - colo - opex, "capex": capex,
                     "ds": 0.0, "balloon": 0.0, "draw": 0.0})

    live_min = []
    by_month = {r["month"]: r for r in rows}
    for loan in loans:
        events, initial = loan_schedule(loan, prov["as_of"], m0, horizon, rate_shock_bp)
        if initial > 0:
            live_min.append(float(loan["min_dscr"]) if loan["min_dscr"] else 1.25)
        if loan["start_on"] <= prov["as_of"] and initial > 0 and mi(loan["maturity_on"]) <= m0 and loan["maturity_on"] < as_of:
            flags.add("past_maturity")
        for m, e in events.items():
            if mt(m) in by_month:
                r = by_month[mt(m)]
                r["ds"] += (e["interest"] + e["principal"]) / 100.0
                r["balloon"] += e["balloon"] / 100.0
                r["draw"] += e["draw"] / 100.0

    cash = money_cents(prov["cash_usd"]) / 100.0
    min_liq = money_cents(prov["min_liquidity_usd"]) / 100.0 if prov["min_liquidity_usd"] else None
    cash_out = None
    min_cash12 = None
    for i, r in enumerate(rows):
        cash += r["cfads"] - r["ds"] - r["balloon"] - r["capex"] + r["draw"]
        r["cash"] = cash
        if i < 12:
            min_cash12 = cash if min_cash12 is None else min(min_cash12, cash)
            if min_liq is not None and cash < min_liq:
                flags.add("min_liquidity_breach")
        if cash < 0 and cash_out is None:
            cash_out = i + 1
    first12 = rows[:12]
    rev12 = sum(r["revenue"] for r in first12)
    cfads12 = sum(r["cfads"] for r in first12)
    ds12 = sum(r["ds"] for r in first12)
    balloon12 = sum(r["balloon"] for r in first12)
    dscr = cfads12 / ds12 if ds12 > 0 else None
    if dscr is not None and dscr < 1:
        flags.add("debt_service_exceeds_cfads")
    if rev12 < ds12:
        flags.add("revenue_below_debt_service")
    if dscr is not None and live_min and dscr < max(live_min):
        flags.add("covenant_breach")
    if balloon12 > 0:
        flags.add("balloon_within_12m")
    total = sum(cust.values())
    top = None
    if total > 0:
        name, value = max(cust.items(), key=lambda kv: kv[1])
        top = (name, 100.0 * value / total)
        if top[1] > 50:
            flags.add("customer_concentration")
    if mcount == 0:
        flags.add("no_uptime_data")
    if m0 - mi(prov["as_of"]) > 6:
        flags.add("stale_financials")
    if prov["as_of"] > as_of:
        flags.add("financials_after_as_of")
    if cash_out is not None and cash_out <= 12:
        grade = "critical"
    elif (dscr is not None and dscr < 1) or cash_out is not None or "past_maturity" in flags:
        grade = "high"
    elif "covenant_breach" in flags or "min_liquidity_breach" in flags:
        grade = "elevated"
    else:
        grade = "low"
    return {
        "provider_id": pid, "grade": grade, "dscr_12m": dscr, "revenue_12m_usd": rev12,
        "cfads_12m_usd": cfads12, "debt_service_12m_usd": ds12, "balloon_12m_usd": balloon12,
        "top_customer": top, "max_min_dscr": max(live_min) if live_min else None,
        "cash_out_month": mt(m0 + cash_out) if cash_out else None, "runway_months": cash_out,
        "min_cash_12m": min_cash12, "min_cash_horizon": min(r["cash"] for r in rows), "sla_credit_12m_usd": sum(r["sla_credit"] for r in first12), "min_liquidity": min_liq, "end_cash": rows[-1]["cash"],
        "flags": sorted(flags), "months": rows,
    }


def break_even(data, pid, args):
    def dscr_at(u):
        return project(data, pid, args.as_of, args.horizon, u, args.price_shock, args.price_decay, args.rate_shock)["dscr_12m"]
    d100 = dscr_at(100.0)
    if d100 is None or d100 < 1:
        return None
    if dscr_at(0.0) >= 1:
        return 0.0
    lo, hi = 0.0, 100.0
    while hi - lo > 0.05:
        mid = (lo + hi) / 2
        if dscr_at(mid) >= 1:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--as-of", default="2026-11-23")
    parser.add_argument("--horizon", type=int, default=36)
    parser.add_argument("--utilization", type=float)
    parser.add_argument("--price-shock", type=float, default=0.0)
    parser.add_argument("--price-decay", type=float, default=20.0)
    parser.add_argument("--rate-shock", type=float, default=0.0)
    parser.add_argument("--months", help="print the monthly projection of one provider")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless every provider gets its intended grade and flags, away from knife edges")
    args = parser.parse_args()
    data = load(args.dir)
    results = []
    for p in data["providers"]:
        res = project(data, p["provider_id"], args.as_of, args.horizon, args.utilization,
                      args.price_shock, args.price_decay, args.rate_shock)
        res["break_even_utilization_pct"] = break_even(data, p["provider_id"], args)
        results.append(res)
    order = {g: i for i, g in enumerate(GRADES)}
    results.sort(key=lambda r: (order[r["grade"]], r["runway_months"] if r["runway_months"] is not None else 10**9,
                                r["dscr_12m"] if r["dscr_12m"] is not None else 10**9, r["provider_id"]))
    if args.json:
        out = [{k: v for k, v in r.items() if k != "months"} for r in results]
        print(json.dumps(out, indent=1, sort_keys=True))
    else:
        print("%-15s %-9s %6s %6s %9s %9s %9s %9s %8s %6s %8s %9s %6s %9s  %s" % (
            "provider", "grade", "dscr", "cov", "rev12_M", "cfads12", "ds12_M", "ball12", "cashout", "brkevn",
            "topcust", "mincash12", "sla12", "mincashH", "flags"))
        for r in results:
            print("%-15s %-9s %6s %6s %9.1f %9.1f %9.1f %9.1f %8s %6s %8s %9.1f %6.2f %9.1f  %s" % (
                r["provider_id"], r["grade"],
                "-" if r["dscr_12m"] is None else "%.3f" % r["dscr_12m"],
                "-" if r["max_min_dscr"] is None else "%.2f" % r["max_min_dscr"],
                r["revenue_12m_usd"] / 1e6, r["cfads_12m_usd"] / 1e6, r["debt_service_12m_usd"] / 1e6,
                r["balloon_12m_usd"] / 1e6, r["cash_out_month"] or "-",
                "-" if r["break_even_utilization_pct"] is None else "%.1f" % r["break_even_utilization_pct"],
                "-" if r["top_customer"] is None else "%.0f%%" % r["top_customer"][1],
                r["min_cash_12m"] / 1e6, r["sla_credit_12m_usd"] / 1e6, r["min_cash_horizon"] / 1e6,
                ",".join(r["flags"])))
    if args.check:
        failures = []
        for r in results:
            grade, flags = EXPECTED.get(r["provider_id"], (None, None))
            if (r["grade"], r["flags"]) != (grade, flags):
                failures.append("%s: got %s %s, intended %s %s" % (r["provider_id"], r["grade"], r["flags"], grade, flags))
            failures += ["%s: %s" % (r["provider_id"], m) for m in margin_problems(r)]
        print("\n".join(failures) if failures else "check: every provider lands in its intended grade and flags")
        if failures:
            raise SystemExit(1)
    if args.months:
        res = next(r for r in results if r["provider_id"] == args.months)
        print("\nmonth   contract  on_dem  sla_cr  power   colo    opex   cfads     ds   ballo  capex   draw     cash  ($M)")
        for r in res["months"]:
            print("%s %8.2f %7.2f %7.2f %6.2f %6.2f %7.2f %7.2f %6.2f %7.2f %6.1f %6.1f %8.2f" % (
                r["month"], r["contract"] / 1e6, r["on_demand"] / 1e6, r["sla_credit"] / 1e6, r["power"] / 1e6,
                r["colo"] / 1e6, r["opex"] / 1e6, r["cfads"] / 1e6, r["ds"] / 1e6, r["balloon"] / 1e6,
                r["capex"] / 1e6, r["draw"] / 1e6, r["cash"] / 1e6))


if __name__ == "__main__":
    main()
