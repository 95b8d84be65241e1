-- Re-applied after every migration run (idempotent). The app's runtime login role is a
-- member of the group role bantay_app and gets only what it needs; the migration role
-- owns the schema. Append-only tables get SELECT and INSERT only.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bantay_app') THEN
    BEGIN
      CREATE ROLE bantay_app NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'cannot create role bantay_app (no CREATEROLE); grant privileges to the app role by hand';
    END;
  END IF;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'bantay_app') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO bantay_app', current_database());
    GRANT USAGE ON SCHEMA public TO bantay_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO bantay_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO bantay_app;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO bantay_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM bantay_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON evidence_item, custody_transfer FROM bantay_app;
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM bantay_app;
  END IF;
END
$$;
