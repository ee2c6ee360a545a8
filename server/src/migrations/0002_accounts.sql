-- Accounts: local users (scrypt password hashes) and OIDC-linked users, rotating refresh tokens (stored as
-- SHA-256 hashes, grouped in families), and server keys shared by every service instance.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
  -- null: no local password (an OIDC-only user)
  password_hash text,
  oidc_issuer text,
  oidc_subject text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (oidc_issuer, oidc_subject)
);
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

CREATE TABLE refresh_tokens (
  token_hash bytea PRIMARY KEY,
  family_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- set when this token was exchanged for the next one; presenting it again revokes the family
  rotated_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- e.g. the access-token signing key when SYNC_JWT_SECRET is not set: every instance reads the same one
CREATE TABLE server_keys (
  name text PRIMARY KEY,
  value bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON users TO vcc_sync_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_tokens TO vcc_sync_runtime;
GRANT SELECT, INSERT ON server_keys TO vcc_sync_runtime;
