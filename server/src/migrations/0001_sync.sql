-- Team sync: records, the append-only audit trail, the commit-ordered version counter, applied mutations.
-- Runs as the owner role. The service's runtime login role is a member of vcc_sync_runtime and gets only
-- the grants below: no DELETE anywhere on synced data, no UPDATE or DELETE on the audit trail.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vcc_sync_runtime') THEN
    CREATE ROLE vcc_sync_runtime NOLOGIN;
  END IF;
END
$$;

-- One row. A writing transaction increments it just before it commits; the row lock is held until commit,
-- so versions follow commit order (docs/team-sync.md, "Server versions follow commit order").
CREATE TABLE sync_counter (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  value bigint NOT NULL
);
INSERT INTO sync_counter (singleton, value) VALUES (true, 0);

-- Every synced record but the audit events. Ids are client-made (UUIDs; template ids and setting keys are
-- names), unique across kinds. Deletes are tombstones: deleted = true, doc = null (a case keeps its number).
CREATE TABLE records (
  id text COLLATE "C" PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('case', 'attempt', 'reply', 'review', 'template', 'setting')),
  version bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  doc jsonb,
  case_number text COLLATE "C",
  updated_by uuid NOT NULL,
  updated_at timestamptz NOT NULL,
  mutation_id uuid NOT NULL,
  CHECK ((doc IS NULL) = deleted),
  CHECK ((kind = 'case') = (case_number IS NOT NULL))
);
CREATE INDEX records_version_id ON records (version, id);
CREATE UNIQUE INDEX records_case_number ON records (case_number) WHERE kind = 'case';

-- The audit trail (kind 'event'): inserted, never changed.
CREATE TABLE audit_events (
  id text COLLATE "C" PRIMARY KEY,
  version bigint NOT NULL,
  doc jsonb NOT NULL,
  case_id text COLLATE "C",
  actor uuid NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  -- null: written by the server itself (a conflict, a review command)
  mutation_id uuid
);
CREATE INDEX audit_events_version_id ON audit_events (version, id);
CREATE INDEX audit_events_case_id ON audit_events (case_id);

-- Defence in depth beside the grants: not even the owner updates or deletes audit rows by accident.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Every push change the server decided, by mutationId, with the result it returned (idempotent retries).
CREATE TABLE mutations (
  mutation_id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON schema_migrations TO vcc_sync_runtime;
GRANT SELECT, UPDATE ON sync_counter TO vcc_sync_runtime;
GRANT SELECT, INSERT, UPDATE ON records TO vcc_sync_runtime;
GRANT SELECT, INSERT ON audit_events TO vcc_sync_runtime;
GRANT SELECT, INSERT ON mutations TO vcc_sync_runtime;
