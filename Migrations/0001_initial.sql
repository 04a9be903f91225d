-- neocloud schema, version 1: the nine CSV kinds of DESIGN §2, plus runs and snapshots.
-- Money is INTEGER cents; every other number is REAL (integers INTEGER). Text enums are
-- checked here as well as in the importer, so the schema alone keeps the data sane.
-- Enumerations of more than two values are OR chains, not IN lists: SQLite rebuilds an IN
-- list's ephemeral table on every execution of a prepared INSERT (2.3 µs a row, §6).

CREATE TABLE rubric (
  criterion_id TEXT NOT NULL PRIMARY KEY,
  pillar       TEXT NOT NULL CHECK (length(pillar) > 0),
  title        TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind = 'bool' OR kind = 'level' OR kind = 'numeric'),
  weight       REAL NOT NULL CHECK (weight > 0),
  full_at      REAL,
  zero_at      REAL,
  required_for TEXT CHECK (required_for = 'platinum' OR required_for = 'gold'
                             OR required_for = 'silver' OR required_for = 'bronze'),
  source       TEXT CHECK (source = 'assessment' OR source = 'uptime_12m' OR source = 'mttr_12m'
                       OR source = 'failures_12m' OR source = 'fabric_gbps_per_gpu'
                       OR source = 'rdma_share'),
  CHECK ((kind = 'numeric') = (full_at IS NOT NULL AND zero_at IS NOT NULL)),
  CHECK (full_at IS NULL OR full_at <> zero_at)
) STRICT;

CREATE TABLE providers (
  provider_id              TEXT    NOT NULL PRIMARY KEY,
  name                     TEXT    NOT NULL,
  segment                  TEXT    NOT NULL
    CHECK (segment = 'neocloud' OR segment = 'hyperscaler' OR segment = 'sovereign'
           OR segment = 'marketplace' OR segment = 'other'),
  country                  TEXT    NOT NULL CHECK (length(country) = 2),
  cash_usd                 INTEGER NOT NULL CHECK (cash_usd >= 0 AND cash_usd <= 100000000000000),
  fixed_opex_usd_per_month INTEGER NOT NULL CHECK (fixed_opex_usd_per_month >= 0 AND fixed_opex_usd_per_month <= 100000000000000),
  as_of                    TEXT    NOT NULL,
  min_liquidity_usd        INTEGER CHECK (min_liquidity_usd >= 0 AND min_liquidity_usd <= 100000000000000)
) STRICT;

CREATE TABLE facilities (
  facility_id                 TEXT NOT NULL PRIMARY KEY,
  provider_id                 TEXT NOT NULL REFERENCES providers (provider_id) ON DELETE CASCADE,
  name                        TEXT NOT NULL,
  region                      TEXT NOT NULL,
  it_capacity_mw              REAL NOT NULL CHECK (it_capacity_mw > 0),
  pue                         REAL NOT NULL CHECK (pue >= 1.0 AND pue <= 3.0),
  power_usd_per_kwh           REAL NOT NULL CHECK (power_usd_per_kwh > 0 AND power_usd_per_kwh <= 1),
  colocation_usd_per_kw_month REAL NOT NULL CHECK (colocation_usd_per_kw_month >= 0),
  ownership                   TEXT NOT NULL
    CHECK (ownership = 'owned' OR ownership = 'leased' OR ownership = 'colo'),
  UNIQUE (facility_id, provider_id)
) STRICT;
CREATE INDEX facilities_provider ON facilities (provider_id);

CREATE TABLE market_prices (
  gpu_model              TEXT NOT NULL,
  observed_on            TEXT NOT NULL,
  price_usd_per_gpu_hour REAL NOT NULL CHECK (price_usd_per_gpu_hour > 0),
  source                 TEXT,
  PRIMARY KEY (gpu_model, observed_on)
) STRICT;

CREATE TABLE fleets (
  fleet_id            TEXT    NOT NULL PRIMARY KEY,
  provider_id         TEXT    NOT NULL,
  facility_id         TEXT    NOT NULL,
  gpu_model           TEXT    NOT NULL,
  gpu_count           INTEGER NOT NULL CHECK (gpu_count > 0 AND gpu_count <= 10000000),
  in_service_on       TEXT    NOT NULL,
  capex_usd           INTEGER NOT NULL CHECK (capex_usd >= 0 AND capex_usd <= 100000000000000),
  useful_life_years   INTEGER CHECK (useful_life_years BETWEEN 1 AND 15),
  gpu_power_kw        REAL    NOT NULL CHECK (gpu_power_kw > 0 AND gpu_power_kw <= 5),
  utilization_pct     REAL    NOT NULL CHECK (utilization_pct >= 0 AND utilization_pct <= 100),
  interconnect        TEXT    NOT NULL
    CHECK (interconnect = 'infiniband' OR interconnect = 'roce' OR interconnect = 'ethernet'),
  fabric_gbps_per_gpu REAL    NOT NULL CHECK (fabric_gbps_per_gpu >= 0),
  FOREIGN KEY (facility_id, provider_id) REFERENCES facilities (facility_id, provider_id)
    ON DELETE CASCADE
) STRICT;
-- No index on fleets besides its key: every index costs the bulk import a B-tree insert per
-- row (about 1 s per 1,000,000 rows, a third of the §6 yardstick), and no query needs one:
-- readers load fleets whole, and the importer deletes a facility's fleets with foreign keys
-- off, in one scan.

CREATE TABLE loans (
  loan_id             TEXT    NOT NULL PRIMARY KEY,
  provider_id         TEXT    NOT NULL REFERENCES providers (provider_id) ON DELETE CASCADE,
  lender              TEXT    NOT NULL,
  principal_usd       INTEGER NOT NULL CHECK (principal_usd >= 0 AND principal_usd <= 100000000000000),
  balance_usd         INTEGER NOT NULL CHECK (balance_usd >= 0 AND balance_usd <= principal_usd),
  annual_rate_pct     REAL    NOT NULL CHECK (annual_rate_pct >= 0 AND annual_rate_pct <= 100),
  rate_type           TEXT    NOT NULL CHECK (rate_type IN ('fixed', 'floating')),
  amortization        TEXT    NOT NULL
    CHECK (amortization = 'annuity' OR amortization = 'linear' OR amortization = 'interest_only'),
  payments_per_year   INTEGER NOT NULL
    CHECK (payments_per_year = 1 OR payments_per_year = 2 OR payments_per_year = 4
           OR payments_per_year = 12),
  start_on            TEXT    NOT NULL,
  maturity_on         TEXT    NOT NULL CHECK (maturity_on > start_on),
  collateral_fleet_id TEXT    REFERENCES fleets (fleet_id) ON DELETE SET NULL,
  min_dscr            REAL    CHECK (min_dscr >= 0)
) STRICT;
CREATE INDEX loans_provider ON loans (provider_id);
CREATE INDEX loans_collateral ON loans (collateral_fleet_id);

CREATE TABLE contracts (
  contract_id            TEXT    NOT NULL PRIMARY KEY,
  provider_id            TEXT    NOT NULL REFERENCES providers (provider_id) ON DELETE CASCADE,
  customer               TEXT    NOT NULL,
  gpu_model              TEXT    NOT NULL,
  gpu_count              INTEGER NOT NULL CHECK (gpu_count > 0 AND gpu_count <= 10000000),
  price_usd_per_gpu_hour REAL    NOT NULL CHECK (price_usd_per_gpu_hour > 0),
  start_on               TEXT    NOT NULL,
  end_on                 TEXT    NOT NULL CHECK (end_on >= start_on),
  sla_uptime_pct         REAL    CHECK (sla_uptime_pct >= 0 AND sla_uptime_pct <= 100),
  sla_credit_pct         REAL    CHECK (sla_credit_pct >= 0 AND sla_credit_pct <= 100)
) STRICT;
CREATE INDEX contracts_provider ON contracts (provider_id);

CREATE TABLE uptime (
  provider_id                TEXT    NOT NULL REFERENCES providers (provider_id) ON DELETE CASCADE,
  month                      TEXT    NOT NULL,
  uptime_pct                 REAL    NOT NULL CHECK (uptime_pct >= 0 AND uptime_pct <= 100),
  incidents                  INTEGER NOT NULL CHECK (incidents >= 0 AND incidents <= 1000000),
  failures_per_1k_gpu_months REAL    NOT NULL CHECK (failures_per_1k_gpu_months >= 0),
  mttr_hours                 REAL    NOT NULL CHECK (mttr_hours >= 0),
  PRIMARY KEY (provider_id, month)
) STRICT;

-- No foreign key to rubric: assessments of criteria a new rubric drops are kept (§2).
CREATE TABLE assessments (
  provider_id  TEXT NOT NULL REFERENCES providers (provider_id) ON DELETE CASCADE,
  criterion_id TEXT NOT NULL,
  value        TEXT NOT NULL,
  evidence     TEXT,
  assessed_on  TEXT NOT NULL,
  PRIMARY KEY (provider_id, criterion_id, assessed_on)
) STRICT;

-- One row per completed recompute.
CREATE TABLE runs (
  run_id            INTEGER PRIMARY KEY,
  started_at        TEXT    NOT NULL,
  finished_at       TEXT    NOT NULL,
  as_of             TEXT    NOT NULL,
  rubric_version    TEXT    NOT NULL,
  input_fingerprint TEXT    NOT NULL,
  assumptions       TEXT    NOT NULL,  -- JSON
  changed           INTEGER NOT NULL CHECK (changed IN (0, 1))
) STRICT;

-- One row per provider per run; provider_id is not a foreign key so history outlives a provider.
CREATE TABLE snapshots (
  run_id                     INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  provider_id                TEXT    NOT NULL,
  name                       TEXT    NOT NULL,
  tier                       TEXT    NOT NULL,
  score                      REAL,
  pillars                    TEXT    NOT NULL,  -- JSON object pillar -> score
  coverage_pct               REAL    NOT NULL,
  grade                      TEXT    NOT NULL,
  dscr_12m                   REAL,
  break_even_utilization_pct REAL,
  runway_months              INTEGER,
  cash_out_month             TEXT,
  flags                      TEXT    NOT NULL,  -- JSON array
  PRIMARY KEY (run_id, provider_id)
) STRICT;
