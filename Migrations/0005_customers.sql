-- neocloud schema, version 5: the credit model v3, part 2 (CREDIT §C.1): customers.
-- contracts: a linear delivery ramp, a prepayment and the customer's rating; fleets: a phased
-- delivery ramp. Every column is optional; NULL reproduces the earlier figures.
ALTER TABLE contracts ADD COLUMN ramp_months INTEGER CHECK (ramp_months >= 0 AND ramp_months <= 60);
ALTER TABLE contracts ADD COLUMN prepaid_usd INTEGER
  CHECK (prepaid_usd >= 0 AND prepaid_usd <= 100000000000000);
ALTER TABLE contracts ADD COLUMN customer_rating TEXT
  CHECK (customer_rating IN ('investment_grade', 'high_yield', 'unrated'));
ALTER TABLE fleets ADD COLUMN ramp_months INTEGER CHECK (ramp_months >= 0 AND ramp_months <= 60);
