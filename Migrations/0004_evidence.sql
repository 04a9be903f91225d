-- 0004: evidence from the field. An uptime row says where it came from (`source`, e.g.
-- `statuspage:https://status.example.com`); a row with a source may omit
-- failures_per_1k_gpu_months (a status page does not report GPU failures), and a month without
-- incidents may omit mttr_hours. SQLite cannot relax NOT NULL in place, so the table is rebuilt
-- (the migrator defers foreign-key checks and runs PRAGMA foreign_key_check before commit).
CREATE TABLE uptime_new (
  provider_id                TEXT    NOT NULL REFERENCES providers (provider_id) ON DELETE CASCADE,
  month                      TEXT    NOT NULL,
  uptime_pct                 REAL    NOT NULL CHECK (uptime_pct >= 0 AND uptime_pct <= 100),
  incidents                  INTEGER NOT NULL CHECK (incidents >= 0 AND incidents <= 1000000),
  failures_per_1k_gpu_months REAL    CHECK (failures_per_1k_gpu_months >= 0),
  mttr_hours                 REAL    CHECK (mttr_hours >= 0),
  source                     TEXT    CHECK (length(source) > 0),
  PRIMARY KEY (provider_id, month),
  CHECK (failures_per_1k_gpu_months IS NOT NULL OR source IS NOT NULL),
  CHECK (mttr_hours IS NOT NULL OR incidents = 0)
) STRICT;

INSERT INTO uptime_new (provider_id, month, uptime_pct, incidents, failures_per_1k_gpu_months, mttr_hours)
  SELECT provider_id, month, uptime_pct, incidents, failures_per_1k_gpu_months, mttr_hours FROM uptime;

DROP TABLE uptime;

ALTER TABLE uptime_new RENAME TO uptime;
