-- neocloud schema, version 3: the credit model v3, part 1 (CREDIT §C.1).
-- providers: variable opex on base revenue; facilities: fixed rent; runs: the credit model
-- version. loans: the facility kind, its commitment and last draw day, and a collateral that may
-- be a `;`-separated pool of fleets, which no single foreign key can hold: loans is rebuilt
-- without the foreign key on collateral_fleet_id (import checks every fleet of a pool and
-- clears a deleted fleet from it, as it did for the single fleet).
ALTER TABLE providers ADD COLUMN variable_opex_pct REAL
  CHECK (variable_opex_pct >= 0 AND variable_opex_pct <= 100);

ALTER TABLE facilities ADD COLUMN fixed_rent_usd_per_month INTEGER
  CHECK (fixed_rent_usd_per_month >= 0 AND fixed_rent_usd_per_month <= 100000000000000);

-- NULL for runs stored before version 3 (credit model 2).
ALTER TABLE runs ADD COLUMN model_version INTEGER CHECK (model_version >= 1);

CREATE TABLE loans_v3 (
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
  collateral_fleet_id TEXT    CHECK (length(collateral_fleet_id) > 0),
  min_dscr            REAL    CHECK (min_dscr >= 0),
  facility            TEXT    CHECK (facility IN ('term', 'revolver', 'delayed_draw')),
  commitment_usd      INTEGER
    CHECK (commitment_usd >= principal_usd AND commitment_usd <= 100000000000000),
  available_until     TEXT    CHECK (available_until <= maturity_on),
  -- A term loan has no commitment; a revolver or delayed-draw facility needs one.
  CHECK ((ifnull(facility, 'term') = 'term') = (commitment_usd IS NULL))
) STRICT;
INSERT INTO loans_v3 (
  loan_id, provider_id, lender, principal_usd, balance_usd, annual_rate_pct, rate_type,
  amortization, payments_per_year, start_on, maturity_on, collateral_fleet_id, min_dscr)
SELECT
  loan_id, provider_id, lender, principal_usd, balance_usd, annual_rate_pct, rate_type,
  amortization, payments_per_year, start_on, maturity_on, collateral_fleet_id, min_dscr
FROM loans;
DROP TABLE loans;
ALTER TABLE loans_v3 RENAME TO loans;
CREATE INDEX loans_provider ON loans (provider_id);
CREATE INDEX loans_collateral ON loans (collateral_fleet_id);
