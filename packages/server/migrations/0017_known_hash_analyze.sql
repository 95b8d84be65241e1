-- The app's runtime role does not own the tables, and PostgreSQL lets only an owner ANALYZE
-- (anyone else gets a warning and nothing is done). A hash-set import needs statistics that
-- count its hashes at once: until autovacuum came by, every known-content lookup of an
-- import right after it scanned the whole table (3–5 ms a batch at 20 000 hashes, instead
-- of index lookups). This function analyses that one table, as its owner.
CREATE FUNCTION analyze_known_hashes() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  ANALYZE known_hash;
END
$$;

REVOKE ALL ON FUNCTION analyze_known_hashes() FROM PUBLIC;
