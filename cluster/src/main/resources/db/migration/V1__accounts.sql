-- Accounts of the cluster. Plain SQL types, so SQLite (embedded) and PostgreSQL (production)
-- share this file; only the id column differs, filled in by ClusterDatabase as ${account_id}:
-- an AUTOINCREMENT rowid on SQLite, an identity column on PostgreSQL. Either way an id is never
-- handed out twice, because a slot keys a user's mail by it and a deleted account's mail must
-- never surface under a new account with the same address.
-- Times are milliseconds since the epoch (UTC), stored alike by both databases.

CREATE TABLE accounts (
    id ${account_id},
    address VARCHAR(254) NOT NULL UNIQUE,
    password_hash VARCHAR(256) NOT NULL,
    quota_bytes BIGINT NOT NULL DEFAULT 0,
    quota_messages BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

-- Filled by delete: slots purge these accounts' mail, then the row can go.
CREATE TABLE deleted_accounts (
    id BIGINT NOT NULL PRIMARY KEY,
    address VARCHAR(254) NOT NULL,
    deleted_at BIGINT NOT NULL
);
