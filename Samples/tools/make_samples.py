#!/usr/bin/env python3
"""Write the bundled tour dataset of DESIGN §2 into Samples/ (Python 3 stdlib only).

Nine fictional GPU clouds, healthy to distressed, told as of the tour date 2026-11-23
(M0 = 2026-11, horizon 36). Every provider, customer, lender and facility name is invented.
Figures are hand-set; only the uptime and market-price series get a seeded, deterministic
jitter, so the script always writes the same bytes. Loan balances are what each loan's own
§4 payment calendar leaves outstanding at the provider's as_of (except where a row says
otherwise). `tools/estimate_risk.py --check` verifies the intended outcome with a rough §4:

  auroragrid      low       large, ~99.96 % uptime, all InfiniBand 400; a GB200 hall goes live
                            2027-03 (capex in M4) on a delayed-draw term loan drawn in 2027-02.
  boreal-compute  low       mid-size Nordic H100/H200/B200, DSCR12 ~1.75; an annual-pay vendor loan.
  cinder-ai       low       one customer (Vesperline AI) > 80 % of contract revenue; MI300X price stale.
  driftwood-gpu   elevated  DSCR12 ~1.2 below its 1.35 covenant: its anchor contract rolls off 2027-01
                            and is renewed smaller and cheaper.
  ember-cloud     elevated  a EUR-sovereign cloud; a 45 M interest-only bridge matures 2027-06 and the
                            balloon takes cash below its 40 M minimum liquidity (but not below 0).
  fjord-hpc       high      old A100 fleets retiring in 2027-03 and 2027-10, falling prices, DSCR12 ~0.8;
                            cash lasts until 2028.
  gale-metal      high      thin: B200s sold beyond the fleet (overcommitted), an equipment note past
                            maturity, SLA credits; cash runs out in 2028 (after M12).
  harbor-gpu      elevated  small Singapore marketplace, financials as of 2026-03 (stale), five uptime rows.
  ionic-labs      critical  H100s bought at the 2024 peak on floating-rate debt, 45 % utilization;
                            revenue below debt service, cash runs out in 2027-06.

Usage: python3 Samples/tools/make_samples.py [OUT_DIR]   (default: the Samples/ folder)
Rubric and assessments are written by someone else and are not touched here.
"""

import argparse
import csv
import os
import random
import sys

# ---------------------------------------------------------------------------
# Providers: id, name, segment, country, cash_usd, fixed_opex_usd_per_month, as_of,
# min_liquidity_usd (None = not given)
# ---------------------------------------------------------------------------
PROVIDERS = [
    ("auroragrid", "AuroraGrid Compute, Inc.", "neocloud", "US", 285_000_000, 9_200_000, "2026-10-31", 75_000_000),
    ("boreal-compute", "Boreal Compute AB", "neocloud", "SE", 52_000_000, 1_750_000, "2026-09-30", 15_000_000),
    ("cinder-ai", "Cinder AI Cloud, Inc.", "neocloud", "US", 41_000_000, 1_800_000, "2026-10-31", 12_000_000),
    ("driftwood-gpu", "Driftwood GPU Inc.", "neocloud", "CA", 12_500_000, 530_000, "2026-09-30", None),
    ("ember-cloud", "Ember Cloud Systems GmbH", "sovereign", "DE", 70_000_000, 1_300_000, "2026-10-31", 40_000_000),
    ("fjord-hpc", "Fjord HPC AS", "other", "NO", 19_000_000, 900_000, "2026-09-30", None),
    ("gale-metal", "Gale Metal Ltd", "neocloud", "GB", 9_000_000, 850_000, "2026-11-15", 4_000_000),
    ("harbor-gpu", "Harbor GPU Pte. Ltd.", "marketplace", "SG", 2_600_000, 120_000, "2026-03-31", None),
    ("ionic-labs", "Ionic Labs Compute, Inc.", "neocloud", "US", 40_000_000, 1_350_000, "2026-10-31", 10_000_000),
    # Growth stage, net cash: funded by covenant-free convertibles, CFADS negative until its
    # GB200 hall (a powered shell on fixed rent, capex drawn on a delayed-draw facility) opens.
    ("lumen-grid", "Lumen Grid Compute, Inc.", "neocloud", "US", 1_700_000_000, 9_000_000, "2026-09-30", None),
]

# ---------------------------------------------------------------------------
# Facilities: id, provider, name, region, it_capacity_mw, pue, power_usd_per_kwh,
# colocation_usd_per_kw_month, ownership
# ---------------------------------------------------------------------------
FACILITIES = [
    ("aur-dfw1", "auroragrid", "Red River Campus, Hall 1", "us-south", 48, 1.18, 0.055, 0, "owned"),
    ("aur-iad2", "auroragrid", "Loudoun Ridge Data Hall", "us-east", 14, 1.25, 0.085, 95, "leased"),
    ("aur-yul1", "auroragrid", "Rivière-Noire Colocation Suite", "ca-east", 9, 1.15, 0.045, 120, "colo"),
    ("bor-lla1", "boreal-compute", "Luleå Forest Site", "se-north", 12, 1.12, 0.042, 0, "owned"),
    ("bor-sto2", "boreal-compute", "Kista Colocation Cage 4", "se-central", 6, 1.30, 0.09, 140, "colo"),
    ("cin-pdx1", "cinder-ai", "Hillsboro Leased Hall B", "us-west", 12, 1.22, 0.065, 85, "leased"),
    ("cin-phx2", "cinder-ai", "Mesa Colocation Pod 7", "us-southwest", 3, 1.38, 0.095, 165, "colo"),
    ("drf-yyz1", "driftwood-gpu", "Markham Colocation Suite 12", "ca-central", 4, 1.35, 0.09, 160, "colo"),
    ("drf-yul1", "driftwood-gpu", "Beauharnois Leased Hall", "ca-east", 2, 1.20, 0.05, 70, "leased"),
    ("emb-fra1", "ember-cloud", "Frankfurt-Ost Colocation Hall 3", "eu-central", 5, 1.30, 0.12, 170, "colo"),
    ("emb-ber2", "ember-cloud", "Lausitz Campus (owned, solar PPA)", "eu-east", 8, 1.20, 0.085, 0, "owned"),
    ("fjd-svg1", "fjord-hpc", "Rennesøy Hydro Hall", "no-west", 6, 1.10, 0.04, 0, "owned"),
    ("fjd-osl2", "fjord-hpc", "Oslo Nydalen Colocation", "no-east", 2.5, 1.25, 0.06, 110, "colo"),
    ("gal-slo1", "gale-metal", "Slough Trading Estate Suite 9", "uk-south", 2.5, 1.42, 0.12, 175, "colo"),
    ("gal-man2", "gale-metal", "Trafford Park Leased Hall", "uk-north", 1.8, 1.45, 0.11, 120, "leased"),
    ("hbr-sin1", "harbor-gpu", "Jurong Colocation Cage 21", "ap-southeast", 0.8, 1.45, 0.12, 180, "colo"),
    ("ion-atl1", "ionic-labs", "Atlanta Westside Colocation Hall 2", "us-southeast", 7, 1.40, 0.085, 140, "colo"),
    ("ion-ord2", "ionic-labs", "Elk Grove Colocation Suite 5", "us-central", 3.5, 1.38, 0.095, 150, "colo"),
    ("lum-abq1", "lumen-grid", "Mesa del Sol Campus", "us-southwest", 20, 1.20, 0.06, 0, "owned"),
    ("lum-phx1", "lumen-grid", "Goodyear Powered Shell B", "us-southwest", 30, 1.25, 0.065, 0, "leased"),
]

# ---------------------------------------------------------------------------
# Fleets: id, provider, facility, gpu_model, gpu_count, in_service_on, capex_usd,
# useful_life_years (None = default 6), gpu_power_kw, utilization_pct, interconnect,
# fabric_gbps_per_gpu
# ---------------------------------------------------------------------------
FLEETS = [
    # auroragrid: everything InfiniBand 400 Gb/s per GPU; a GB200 NVL72 hall goes live in 2027-03.
    ("aur-h100-a", "auroragrid", "aur-dfw1", "H100", 8192, "2024-03-18", 8192 * 45_000, 6, 1.30, 93, "infiniband", 400),
    ("aur-h200-a", "auroragrid", "aur-iad2", "H200", 4096, "2025-02-10", 4096 * 50_000, 6, 1.35, 94, "infiniband", 400),
    ("aur-b200-a", "auroragrid", "aur-yul1", "B200", 4608, "2025-08-04", 4608 * 60_000, 6, 1.40, 91, "infiniband", 400),
    ("aur-gb200-a", "auroragrid", "aur-dfw1", "GB200", 4032, "2027-03-01", 4032 * 75_000, 6, 1.90, 90, "infiniband", 400),
    # boreal-compute
    ("bor-h100-1", "boreal-compute", "bor-lla1", "H100", 2048, "2024-02-05", 2048 * 44_000, 6, 1.25, 89, "infiniband", 400),
    ("bor-h200-1", "boreal-compute", "bor-lla1", "H200", 1536, "2025-04-07", 1536 * 50_000, 6, 1.30, 91, "infiniband", 400),
    ("bor-b200-1", "boreal-compute", "bor-sto2", "B200", 1152, "2025-11-03", 1152 * 61_000, 6, 1.40, 92, "roce", 400),
    # cinder-ai
    ("cin-h100-1", "cinder-ai", "cin-pdx1", "H100", 3072, "2024-06-03", 3072 * 45_000, 6, 1.30, 94, "infiniband", 400),
    ("cin-mi300x-1", "cinder-ai", "cin-phx2", "MI300X", 1024, "2025-01-13", 1024 * 35_000, 5, 1.30, 68, "roce", 400),
    ("cin-h200-1", "cinder-ai", "cin-pdx1", "H200", 1024, "2025-09-01", 1024 * 50_000, 6, 1.35, 88, "infiniband", 400),
    # driftwood-gpu
    ("drf-h100-1", "driftwood-gpu", "drf-yyz1", "H100", 1536, "2024-01-08", 1536 * 46_000, 6, 1.30, 84, "roce", 200),
    ("drf-h200-1", "driftwood-gpu", "drf-yul1", "H200", 512, "2025-05-05", 512 * 50_500, 6, 1.35, 88, "infiniband", 400),
    # ember-cloud
    ("emb-h100-1", "ember-cloud", "emb-fra1", "H100", 2048, "2024-05-06", 2048 * 45_500, 6, 1.30, 86, "infiniband", 400),
    ("emb-b200-1", "ember-cloud", "emb-ber2", "B200", 768, "2025-10-01", 768 * 60_000, 6, 1.40, 88, "infiniband", 400),
    ("emb-gb200-1", "ember-cloud", "emb-ber2", "GB200", 576, "2026-06-01", 576 * 75_000, 6, 1.90, 85, "infiniband", 400),
    # fjord-hpc: two A100 generations retiring during the horizon, one small H100 pod
    ("fjd-a100-2021", "fjord-hpc", "fjd-svg1", "A100", 2048, "2021-10-04", 2048 * 20_000, 6, 0.80, 62, "infiniband", 200),
    ("fjd-a100-2022", "fjord-hpc", "fjd-svg1", "A100", 1536, "2022-03-01", 1536 * 20_500, 5, 0.85, 58, "infiniband", 200),
    ("fjd-h100-1", "fjord-hpc", "fjd-osl2", "H100", 1024, "2024-10-01", 1024 * 46_000, 5, 1.30, 72, "infiniband", 400),
    # gale-metal
    ("gal-h100-1", "gale-metal", "gal-slo1", "H100", 1024, "2024-04-02", 1024 * 47_000, 5, 1.30, 80, "roce", 400),
    ("gal-mi300x-1", "gale-metal", "gal-man2", "MI300X", 512, "2025-03-03", 512 * 35_000, 5, 1.30, 55, "roce", 400),
    ("gal-b200-1", "gale-metal", "gal-slo1", "B200", 512, "2026-02-02", 512 * 62_000, 6, 1.40, 92, "infiniband", 400),
    ("gal-a100-1", "gale-metal", "gal-man2", "A100", 768, "2022-05-02", 768 * 21_000, 5, 0.75, 60, "ethernet", 100),
    # harbor-gpu
    ("hbr-h100-1", "harbor-gpu", "hbr-sin1", "H100", 384, "2024-08-05", 384 * 46_000, 6, 1.30, 76, "ethernet", 200),
    ("hbr-a100-1", "harbor-gpu", "hbr-sin1", "A100", 256, "2023-03-06", 256 * 22_000, 5, 0.80, 70, "ethernet", 100),
    # ionic-labs: H100s bought at the 2024 peak
    ("ion-h100-1", "ionic-labs", "ion-atl1", "H100", 4096, "2024-01-16", 4096 * 52_000, 5, 1.30, 45, "infiniband", 400),
    ("ion-h100-2", "ionic-labs", "ion-ord2", "H100", 2048, "2024-06-03", 2048 * 50_000, 5, 1.30, 45, "roce", 400),
    ("lum-h200-1", "lumen-grid", "lum-abq1", "H200", 6144, "2025-11-03", 6144 * 50_000, 6, 1.35, 72, "infiniband", 400),
    ("lum-gb200-1", "lumen-grid", "lum-phx1", "GB200", 8192, "2027-06-01", 8192 * 75_000, 6, 1.90, 88, "infiniband", 400),
]

# ---------------------------------------------------------------------------
# Loans: id, provider, lender, principal_usd, balance_usd, annual_rate_pct, rate_type,
# amortization, payments_per_year, start_on, maturity_on, collateral_fleet_id, min_dscr
# ---------------------------------------------------------------------------
LOANS = [
    ("aur-tl-2024", "auroragrid", "Silverpine Credit Partners", 250_000_000, None, 10.25, "fixed", "annuity", 12, "2024-04-01", "2029-04-01", "aur-h100-a", 1.30),
    ("aur-notes-h200", "auroragrid", "Meadowlane Infrastructure Debt Fund II", 150_000_000, None, 9.50, "fixed", "linear", 4, "2025-03-15", "2030-03-15", "aur-h200-a", None),
    ("aur-rcf", "auroragrid", "Bank of Calder Ridge (agent)", 60_000_000, None, 8.75, "floating", "interest_only", 2, "2025-06-30", "2029-06-30", None, None),
    ("aur-ddtl-gb200", "auroragrid", "Silverpine Credit Partners", 220_000_000, None, 9.75, "floating", "annuity", 12, "2027-02-15", "2032-02-15", "aur-gb200-a", 1.30),
    ("bor-tl-h100", "boreal-compute", "Kvarnstad Sparbank", 50_000_000, None, 10.50, "fixed", "annuity", 12, "2024-02-15", "2029-02-15", "bor-h100-1", 1.30),
    ("bor-tl-h200", "boreal-compute", "Nordljus Private Credit", 54_000_000, None, 9.75, "floating", "linear", 4, "2025-04-15", "2032-04-15", "bor-h200-1", None),
    ("bor-vendor-b200", "boreal-compute", "Tallholm Equipment Finance", 42_000_000, None, 8.50, "fixed", "linear", 1, "2025-11-15", "2031-11-15", "bor-b200-1", None),
    ("cin-tl-h100", "cinder-ai", "Harrowmere Capital", 75_000_000, None, 11.00, "fixed", "annuity", 12, "2024-06-15", "2029-06-15", "cin-h100-1", 1.30),
    ("cin-tl-mi300x", "cinder-ai", "Bluefen Venture Lending", 18_000_000, None, 12.00, "floating", "linear", 12, "2025-01-31", "2028-01-31", "cin-mi300x-1", None),
    ("cin-tl-h200", "cinder-ai", "Harrowmere Capital", 38_000_000, None, 10.25, "fixed", "annuity", 4, "2025-09-15", "2030-08-15", "cin-h200-1", None),
    ("drf-tl-h100", "driftwood-gpu", "Cedarline Credit Fund", 33_000_000, None, 12.50, "fixed", "annuity", 12, "2024-01-31", "2028-01-31", "drf-h100-1", 1.35),
    ("drf-tl-h200", "driftwood-gpu", "Mapleshore Bank", 12_000_000, None, 11.75, "floating", "linear", 4, "2025-05-31", "2030-05-31", "drf-h200-1", 1.25),
    ("emb-bridge", "ember-cloud", "Mainufer Kreditbank", 45_000_000, None, 11.50, "fixed", "interest_only", 4, "2025-09-30", "2027-06-30", None, None),
    ("emb-tl-h100", "ember-cloud", "Lindwurm Asset Finance", 50_000_000, None, 10.00, "fixed", "annuity", 12, "2024-05-31", "2029-05-31", "emb-h100-1", 1.25),
    ("emb-tl-gb200", "ember-cloud", "Landesförderbank Oderland", 32_000_000, None, 9.50, "floating", "linear", 2, "2026-06-30", "2032-06-30", "emb-gb200-1", None),
    # Undrawn at as_of; too small to carry the bridge's balloon alone (see FACILITY_TERMS).
    ("emb-rcf", "ember-cloud", "Mainufer Kreditbank", 0, 0, 8.25, "floating", "interest_only", 4, "2026-01-31", "2029-12-31", None, None),
    ("fjd-tl-h100", "fjord-hpc", "Vesterål Kapital", 40_000_000, None, 12.00, "floating", "annuity", 12, "2024-10-15", "2028-10-15", "fjd-h100-1", 1.30),
    ("fjd-refi-a100", "fjord-hpc", "Fjellvik Sparebank", 24_000_000, None, 10.50, "fixed", "linear", 4, "2023-03-31", "2027-03-31", "fjd-a100-2022", None),
    ("gal-tl-h100", "gale-metal", "Thamesreach Equipment Finance", 36_000_000, None, 13.50, "floating", "annuity", 12, "2024-04-30", "2028-04-30", "gal-h100-1", 1.30),
    ("gal-tl-b200", "gale-metal", "Cinderford Growth Credit", 26_000_000, None, 12.00, "fixed", "linear", 4, "2026-02-28", "2031-02-28", "gal-b200-1", None),
    # In forbearance: matured 2026-09-30 with the last instalments unpaid.
    ("gal-note-a100", "gale-metal", "Thamesreach Equipment Finance", 6_000_000, 1_400_000, 11.00, "fixed", "linear", 12, "2022-05-31", "2026-09-30", "gal-a100-1", None),
    ("hbr-tl", "harbor-gpu", "Straits Fintech Lending", 6_500_000, None, 13.00, "fixed", "annuity", 4, "2024-08-31", "2028-08-31", "hbr-h100-1", None),
    ("ion-tl-a", "ionic-labs", "Redwillow Credit Partners", 180_000_000, None, 13.75, "floating", "annuity", 12, "2024-01-31", "2029-01-31", "ion-h100-1", 1.40),
    ("ion-tl-b", "ionic-labs", "Quarrystone Direct Lending", 70_000_000, None, 14.50, "floating", "linear", 4, "2024-06-30", "2028-06-30", "ion-h100-2", 1.30),
    ("ion-conv", "ionic-labs", "Convertible noteholders (2029 notes)", 40_000_000, None, 9.00, "fixed", "interest_only", 2, "2024-03-15", "2029-03-15", None, None),
    ("lum-conv-2030", "lumen-grid", "Convertible noteholders (2030 notes)", 1_000_000_000, 1_000_000_000, 2.50, "fixed", "interest_only", 2, "2025-03-14", "2030-03-15", None, None),
    ("lum-ddtl-gb200", "lumen-grid", "Harrowgate Infrastructure Credit", 0, 0, 8.75, "floating", "annuity", 12, "2026-08-14", "2031-08-14", "lum-gb200-1", None),
]

# ---------------------------------------------------------------------------
# Contracts: id, provider, customer, gpu_model, gpu_count, price, start_on, end_on,
# sla_uptime_pct, sla_credit_pct (None = not given: defaults 99.0 / 10)
# ---------------------------------------------------------------------------
CONTRACTS = [
    ("aur-c-101", "auroragrid", "Quillmere AI", "H100", 2048, 2.65, "2024-04-01", "2027-03-31", 99.9, 10),
    ("aur-c-102", "auroragrid", "Westerly Foundation Models", "H100", 2560, 2.40, "2024-09-01", "2028-08-31", 99.9, 10),
    ("aur-c-103", "auroragrid", "Saltmarsh Biosciences", "H100", 1024, 2.20, "2025-06-01", "2027-05-31", 99.5, 5),
    ("aur-c-104", "auroragrid", "Pellucid Motors", "H100", 768, 2.05, "2026-03-01", "2028-02-29", None, None),
    ("aur-c-201", "auroragrid", "Westerly Foundation Models", "H200", 2048, 2.95, "2025-03-01", "2029-02-28", 99.9, 10),
    ("aur-c-202", "auroragrid", "Corvane Systems", "H200", 1024, 2.80, "2025-04-01", "2028-03-31", 99.5, 10),
    ("aur-c-301", "auroragrid", "Nimbrel AI", "B200", 2304, 3.35, "2025-09-01", "2030-08-31", 99.9, 15),
    ("aur-c-302", "auroragrid", "Quillmere AI", "B200", 1152, 3.20, "2025-10-01", "2028-09-30", 99.9, 10),
    ("aur-c-401", "auroragrid", "Brisemark Research", "GB200", 3456, 3.50, "2027-03-01", "2031-02-28", 99.9, 15),
    ("bor-c-01", "boreal-compute", "Tarnwick Labs", "H100", 1024, 2.45, "2024-03-01", "2027-02-28", 99.9, 10),
    ("bor-c-02", "boreal-compute", "Marrowstone Research", "H100", 512, 2.10, "2025-07-01", "2027-06-30", None, None),
    ("bor-c-03", "boreal-compute", "Oakhollow Studios", "H200", 1024, 2.85, "2025-05-01", "2028-04-30", 99.9, 15),
    ("bor-c-04", "boreal-compute", "Nordvik Health Data", "H200", 256, 2.70, "2025-06-01", "2027-05-31", 99.5, 10),
    ("bor-c-05", "boreal-compute", "Strandline Research", "B200", 768, 3.25, "2025-12-01", "2029-11-30", 99.5, 10),
    ("bor-c-06", "boreal-compute", "Marrowstone Research", "B200", 256, 3.10, "2026-04-01", "2028-03-31", None, None),
    ("cin-c-01", "cinder-ai", "Vesperline AI", "H100", 2560, 2.45, "2024-07-01", "2028-06-30", 99.5, 10),
    ("cin-c-02", "cinder-ai", "Vesperline AI", "H200", 512, 2.90, "2025-09-01", "2028-08-31", 99.5, 10),
    ("cin-c-03", "cinder-ai", "Kestrelwing Labs", "MI300X", 512, 1.85, "2025-02-01", "2027-01-31", None, None),
    ("cin-c-04", "cinder-ai", "Brightfen Studios", "H200", 384, 2.75, "2025-10-01", "2027-09-30", 99.9, 10),
    ("cin-c-05", "cinder-ai", "Ferrowick Analytics", "H100", 256, 2.15, "2026-01-01", "2027-12-31", None, None),
    ("drf-c-01", "driftwood-gpu", "Glimmerfield AI", "H100", 1024, 2.35, "2024-02-01", "2027-01-31", 99.5, 10),
    ("drf-c-02", "driftwood-gpu", "Pinecastle Genomics", "H100", 256, 2.05, "2025-08-01", "2028-07-31", 99.5, 10),
    ("drf-c-04", "driftwood-gpu", "Glimmerfield AI", "H100", 512, 1.95, "2027-02-01", "2029-01-31", 99.5, 10),
    ("drf-c-03", "driftwood-gpu", "Rookwell Media", "H200", 384, 2.60, "2025-06-01", "2028-05-31", 99.5, 10),
    ("emb-c-01", "ember-cloud", "Lindenhof Research Consortium", "H100", 1024, 2.30, "2024-06-01", "2028-05-31", 99.5, 10),
    ("emb-c-02", "ember-cloud", "Ostwerk Mobility", "B200", 512, 3.15, "2025-11-01", "2028-10-31", 99.9, 10),
    ("emb-c-03", "ember-cloud", "Rheinau Health Cloud", "GB200", 432, 3.45, "2026-07-01", "2030-06-30", 99.9, 15),
    ("emb-c-04", "ember-cloud", "Kaltbach Maschinenbau", "H100", 384, 2.10, "2025-09-01", "2027-08-31", None, None),
    ("fjd-c-01", "fjord-hpc", "Havbris Climate Modelling", "A100", 1024, 1.65, "2023-10-01", "2027-09-30", None, None),
    ("fjd-c-02", "fjord-hpc", "Skarvik Energy Analytics", "H100", 512, 2.25, "2024-10-01", "2026-12-31", 99.5, 10),
    ("fjd-c-03", "fjord-hpc", "Nordkapp University Network", "A100", 512, 1.60, "2024-01-01", "2026-12-31", None, None),
    ("gal-c-01", "gale-metal", "Tidewater Quant", "H100", 640, 2.40, "2024-10-01", "2027-09-30", 99.5, 10),
    ("gal-c-02", "gale-metal", "Kestrelwing Labs", "MI300X", 256, 1.70, "2025-04-01", "2027-03-31", None, None),
    ("gal-c-03", "gale-metal", "Wrenfold Labs", "B200", 384, 3.20, "2026-03-01", "2029-02-28", 99.5, 10),
    ("gal-c-04", "gale-metal", "Ashgrove Pictures", "B200", 256, 3.30, "2027-02-01", "2029-01-31", 99.5, 10),
    ("gal-c-05", "gale-metal", "Marlow Vision", "A100", 384, 1.60, "2023-06-01", "2027-04-30", None, None),
    ("hbr-c-01", "harbor-gpu", "Sampan Robotics", "H100", 128, 2.30, "2024-12-01", "2027-11-30", 99.5, 10),
    ("hbr-c-03", "harbor-gpu", "Tiong Lane Vision", "H100", 128, 2.25, "2025-01-01", "2027-12-31", None, None),
    ("hbr-c-02", "harbor-gpu", "Punggol Ridge Analytics", "A100", 96, 1.65, "2024-04-01", "2027-03-31", None, None),
    ("ion-c-01", "ionic-labs", "Glassmoth Labs", "H100", 768, 2.95, "2024-02-01", "2027-01-31", 99.5, 10),
    ("ion-c-02", "ionic-labs", "Ravelstone AI", "H100", 512, 2.80, "2024-07-01", "2026-12-31", 99.5, 15),
    ("ion-c-03", "ionic-labs", "Tallowmere Studios", "H100", 384, 2.20, "2025-10-01", "2027-09-30", None, None),
    ("lum-c-01", "lumen-grid", "Halcyon Frontier Labs", "H200", 4096, 2.90, "2025-11-01", "2028-10-31", 99.9, 10),
    ("lum-c-02", "lumen-grid", "Halcyon Frontier Labs", "GB200", 6144, 4.10, "2027-07-01", "2030-06-30", 99.9, 15),
    ("lum-c-03", "lumen-grid", "Orrery Robotics", "H200", 512, 3.05, "2026-02-01", "2027-07-31", None, None),
]

# ---------------------------------------------------------------------------
# Uptime, 2024-12 … 2026-11 (harbor-gpu: a few months only). Per provider: base uptime,
# jitter, failures per 1k GPU-months, MTTR hours, incidents per month, and forced months.
# ---------------------------------------------------------------------------
UPTIME_PROFILES = {
    # id: (base, jitter, failures, mttr, incidents_mean, {month: uptime})
    "auroragrid": (99.96, 0.02, 4.2, 2.5, 1.0, {"2025-02": 99.86}),
    "boreal-compute": (99.94, 0.03, 5.5, 3.5, 1.3, {"2026-02": 99.82, "2026-07": 99.86}),
    "cinder-ai": (99.93, 0.03, 7.0, 4.5, 1.8, {"2025-03": 99.72, "2026-04": 99.41, "2026-09": 99.86}),
    "driftwood-gpu": (99.72, 0.08, 8.5, 5.5, 2.2, {"2026-01": 99.38, "2026-08": 99.46}),
    "ember-cloud": (99.93, 0.025, 6.5, 4.0, 1.6, {"2025-06": 99.78, "2026-03": 99.85, "2026-09": 99.87}),
    "fjord-hpc": (99.45, 0.15, 13.0, 8.0, 3.0, {"2025-07": 98.70, "2026-05": 98.92}),
    "gale-metal": (99.52, 0.15, 11.5, 9.0, 3.2, {"2026-01": 98.60, "2026-06": 99.05, "2026-10": 98.85}),
    "harbor-gpu": (99.55, 0.12, 9.0, 10.0, 1.4, {}),
    "lumen-grid": (99.95, 0.02, 5.0, 3.0, 1.2, {}),
    "ionic-labs": (99.42, 0.20, 15.5, 11.0, 3.8, {"2026-02": 98.40, "2026-06": 99.10, "2026-08": 98.95, "2026-10": 98.70}),
}
UPTIME_FIRST, UPTIME_LAST = "2024-12", "2026-11"
HARBOR_MONTHS = ["2025-09", "2025-12", "2026-01", "2026-02", "2026-03"]

# ---------------------------------------------------------------------------
# Market prices ($/GPU-hour): anchor points, linearly interpolated, small seeded jitter.
# Monthly on the 1st, except MI300X and GB200 (quarterly broker survey); MI300X's last
# quote is 2026-07-01, older than 90 days at the tour date (stale_market_price).
# ---------------------------------------------------------------------------
PRICE_ANCHORS = {
    "A100": ("monthly", [("2023-01", 3.90), ("2023-06", 4.20), ("2024-01", 2.40), ("2024-12", 1.60), ("2025-12", 1.25), ("2026-11", 1.10)]),
    "H100": ("monthly", [("2023-01", 7.80), ("2023-06", 8.20), ("2023-12", 6.40), ("2024-06", 4.20), ("2024-12", 3.10), ("2025-06", 2.55), ("2025-12", 2.25), ("2026-06", 2.10), ("2026-11", 2.00)]),
    "H200": ("monthly", [("2024-07", 4.90), ("2025-06", 3.60), ("2025-12", 3.10), ("2026-11", 2.80)]),
    "B200": ("monthly", [("2025-03", 7.40), ("2025-12", 5.40), ("2026-11", 4.50)]),
    "GB200": ("quarterly", [("2025-07", 8.40), ("2026-01", 6.80), ("2026-10", 5.50)]),
    "MI300X": ("quarterly", [("2024-04", 4.10), ("2025-01", 2.90), ("2026-01", 2.05), ("2026-07", 1.80)]),
}
PRICE_SOURCE = {"monthly": "Tour spot index (fictional)", "quarterly": "Tour broker survey (fictional)"}


def month_index(text):
    y, m = text.split("-")[:2]
    return int(y) * 12 + int(m) - 1


def month_text(index):
    return "%04d-%02d" % (index // 12, index % 12 + 1)


def scheduled_balance(principal, rate_pct, ppy, kind, start_on, maturity_on, as_of):
    """Outstanding principal after the scheduled payments in months up to that of as_of (whole dollars).

    Uses the §4 calendar (every 12/ppy months after the start month, plus the maturity month) so that
    the balances in loans.csv are what each loan's own schedule says rather than made up.
    """
    start, maturity, now = month_index(start_on), month_index(maturity_on), month_index(as_of)
    period = 12 // ppy
    r = rate_pct / 100.0 / ppy
    months = [m for m in range(start + 1, maturity + 1) if (m - start) % period == 0 or m == maturity]
    n = len(months)
    level = principal * r / (1 - (1 + r) ** -n) if r > 0 else principal / n
    balance = float(principal)
    for m in months:
        if m > now:
            break
        if kind == "annuity":
            balance -= level - balance * r
        elif kind == "linear":
            balance -= principal / n
    return int(round(max(0.0, balance)))


# Credit model v3 columns (CREDIT §C.1), by id: empty unless listed.
VARIABLE_OPEX_PCT = {"lumen-grid": 12}
FIXED_RENT = {"lum-phx1": 1_200_000}
# fleet_id -> ramp_months; contract_id -> (ramp_months, prepaid_usd, customer_rating): empty unless
# listed (the columns are written, so that Samples/ shows every optional column of CREDIT §C.1).
FLEET_RAMP = {}
CONTRACT_TERMS = {}
# loan_id -> (facility, commitment_usd, available_until)
FACILITY_TERMS = {
    # AuroraGrid's revolver: 60M drawn of 150M, draws until 2029-03-31.
    "aur-rcf": ("revolver", 150_000_000, "2029-03-31"),
    # Ember Cloud's 6M revolver, undrawn: drawn in full in 2027-06 when the bridge's balloon takes
    # cash below its 40M minimum liquidity, which it still breaches (the tour's "needs its revolver").
    "emb-rcf": ("revolver", 6_000_000, "2029-09-30"),
    # Lumen Grid's delayed-draw term loan funds its GB200 hall's capex.
    "lum-ddtl-gb200": ("delayed_draw", 500_000_000, "2027-12-31"),
}


def num(value, places=None):
    """A number in the §2 grammar: no exponent, no trailing .0 on whole values."""
    if isinstance(value, int):
        return str(value)
    text = ("%.*f" % (places, value)) if places is not None else repr(float(value))
    if "e" in text or "E" in text:
        text = "%.9f" % value
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def loan_balance(loan):
    """balance_usd: given, 0 for a later draw, else the loan's own schedule at the provider's as_of."""
    if loan[4] is not None:
        return loan[4]
    as_of = next(p[6] for p in PROVIDERS if p[0] == loan[1])
    if loan[9] > as_of:
        return 0
    return scheduled_balance(loan[3], loan[5], loan[8], loan[7], loan[9], loan[10], as_of)


def facility_fields(loan_id):
    terms = FACILITY_TERMS.get(loan_id)
    if terms is None:
        return ["", "", ""]
    facility, commitment, until = terms
    return [facility, opt(commitment), until or ""]


def contract_terms(contract_id):
    ramp, prepaid, rating = CONTRACT_TERMS.get(contract_id, (None, None, None))
    return [opt(ramp), opt(prepaid), rating or ""]


def opt(value, places=None):
    return "" if value is None else num(value, places)


def write(path, header, rows, key_columns=1):
    """One CSV in §2 column order, LF endings, fields quoted only when needed, rows sorted by key
    (byte order, as `neocloud export` writes them)."""
    rows = sorted(rows, key=lambda row: [field.encode("utf-8") for field in row[:key_columns]])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def uptime_rows():
    rows = []
    for provider in [p[0] for p in PROVIDERS]:
        base, jitter, failures, mttr, incidents_mean, forced = UPTIME_PROFILES[provider]
        rng = random.Random("uptime:" + provider)
        if provider == "harbor-gpu":
            months = HARBOR_MONTHS
        else:
            months = [month_text(i) for i in range(month_index(UPTIME_FIRST), month_index(UPTIME_LAST) + 1)]
        for month in months:
            uptime = forced.get(month, base + rng.uniform(-jitter, jitter * 0.6))
            uptime = min(uptime, 99.999)
            dip = max(0.0, base - uptime)
            incidents = max(0, int(round(incidents_mean + rng.uniform(-1.2, 1.2) + dip * 8)))
            fail = max(0.5, failures * rng.uniform(0.75, 1.25) + dip * 6)
            hours = 0.0 if incidents == 0 else max(0.5, mttr * rng.uniform(0.6, 1.4) + dip * 10)
            # source: empty, typed in; `neocloud evidence statuspage` fills it (Samples/evidence/).
            rows.append([provider, month, num(uptime, 3), num(incidents), num(fail, 2), num(hours, 1), ""])
    return rows


def price_rows():
    rows = []
    for model in sorted(PRICE_ANCHORS):
        cadence, anchors = PRICE_ANCHORS[model]
        rng = random.Random("price:" + model)
        points = [(month_index(m), p) for m, p in anchors]
        step = 1 if cadence == "monthly" else 3
        last = len(points) - 1
        for index in range(points[0][0], points[-1][0] + 1, step):
            for k in range(last):
                if points[k][0] <= index <= points[k + 1][0]:
                    (a, pa), (b, pb) = points[k], points[k + 1]
                    price = pa + (pb - pa) * (index - a) / (b - a)
                    break
            if index not in (points[0][0], points[-1][0]):
                price *= 1 + rng.uniform(-0.025, 0.025)
            rows.append([model, month_text(index) + "-01", num(price, 2), PRICE_SOURCE[cadence]])
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Writes providers, facilities, fleets, loans, contracts, uptime and market_prices CSVs.")
    parser.add_argument("outdir", nargs="?", default=os.path.dirname(here),
                        help="the directory to write (default: the Samples/ folder)")
    out = parser.parse_args().outdir
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "providers.csv"),
          ["provider_id", "name", "segment", "country", "cash_usd", "fixed_opex_usd_per_month", "as_of", "min_liquidity_usd",
           "variable_opex_pct"],
          [[p[0], p[1], p[2], p[3], num(p[4]), num(p[5]), p[6], opt(p[7]), opt(VARIABLE_OPEX_PCT.get(p[0]))]
           for p in PROVIDERS])
    write(os.path.join(out, "facilities.csv"),
          ["facility_id", "provider_id", "name", "region", "it_capacity_mw", "pue", "power_usd_per_kwh",
           "colocation_usd_per_kw_month", "ownership", "fixed_rent_usd_per_month"],
          [[f[0], f[1], f[2], f[3], num(f[4]), num(f[5]), num(f[6]), num(f[7]), f[8], opt(FIXED_RENT.get(f[0]))]
           for f in FACILITIES])
    write(os.path.join(out, "fleets.csv"),
          ["fleet_id", "provider_id", "facility_id", "gpu_model", "gpu_count", "in_service_on", "capex_usd",
           "useful_life_years", "gpu_power_kw", "utilization_pct", "interconnect", "fabric_gbps_per_gpu", "ramp_months"],
          [[f[0], f[1], f[2], f[3], num(f[4]), f[5], num(f[6]), opt(f[7]), num(f[8]), num(f[9]), f[10], num(f[11]),
            opt(FLEET_RAMP.get(f[0]))]
           for f in FLEETS])
    write(os.path.join(out, "loans.csv"),
          ["loan_id", "provider_id", "lender", "principal_usd", "balance_usd", "annual_rate_pct", "rate_type",
           "amortization", "payments_per_year", "start_on", "maturity_on", "collateral_fleet_id", "min_dscr",
           "facility", "commitment_usd", "available_until"],
          [[l[0], l[1], l[2], num(l[3]), num(loan_balance(l)), num(l[5]), l[6], l[7], num(l[8]), l[9], l[10],
            l[11] or "", opt(l[12])] + facility_fields(l[0]) for l in LOANS])
    write(os.path.join(out, "contracts.csv"),
          ["contract_id", "provider_id", "customer", "gpu_model", "gpu_count", "price_usd_per_gpu_hour", "start_on",
           "end_on", "sla_uptime_pct", "sla_credit_pct", "ramp_months", "prepaid_usd", "customer_rating"],
          [[c[0], c[1], c[2], c[3], num(c[4]), num(c[5]), c[6], c[7], opt(c[8]), opt(c[9])] + contract_terms(c[0])
           for c in CONTRACTS])
    write(os.path.join(out, "uptime.csv"),
          ["provider_id", "month", "uptime_pct", "incidents", "failures_per_1k_gpu_months", "mttr_hours", "source"],
          uptime_rows(), key_columns=2)
    write(os.path.join(out, "market_prices.csv"),
          ["gpu_model", "observed_on", "price_usd_per_gpu_hour", "source"],
          price_rows(), key_columns=2)


if __name__ == "__main__":
    main()
