-- neocloud schema, version 2: the change lines each recompute printed, stored with the run in
-- the same transaction and in print order, so lines lost on the way to the reader (a full
-- disk, a lost mail) can be printed again with `neocloud history --run N`. A run stored
-- before this version has none: a changed run with no line here predates it.
CREATE TABLE run_changes (
  run_id   INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 1),
  line     TEXT    NOT NULL CHECK (length(line) > 0),
  PRIMARY KEY (run_id, position)
) STRICT;
