-- Deliveries as GitHub sent them, stored before the 202; routing happens later, from here.
CREATE TABLE inbox (
    delivery_id     TEXT PRIMARY KEY,
    event           TEXT NOT NULL,
    action          TEXT,
    installation_id INTEGER,
    repository      TEXT,
    sender          TEXT,
    payload         TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_by       TEXT,
    locked_until    TEXT,
    processed_at    TEXT,
    note            TEXT
);
CREATE INDEX inbox_due ON inbox (status, next_attempt_at);

CREATE TABLE runs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id     TEXT REFERENCES inbox (delivery_id),
    repository      TEXT NOT NULL,
    installation_id INTEGER,
    number          INTEGER,
    is_pull_request INTEGER NOT NULL DEFAULT 0,
    agent           TEXT NOT NULL,
    definition_hash TEXT NOT NULL,
    trigger         TEXT NOT NULL,
    decision        TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    max_attempts    INTEGER NOT NULL DEFAULT 1,
    scheduled       INTEGER NOT NULL DEFAULT 0,
    node            TEXT,
    created_at      TEXT NOT NULL,
    started_at      TEXT,
    completed_at    TEXT,
    conclusion      TEXT,
    error           TEXT,
    outputs         TEXT
);
CREATE UNIQUE INDEX runs_delivery_agent ON runs (delivery_id, agent);
CREATE INDEX runs_repo_number ON runs (repository, number, id);
CREATE INDEX runs_repo_agent ON runs (repository, agent, id);
CREATE INDEX runs_state ON runs (state, scheduled);

-- The trail: append-only.
CREATE TABLE run_events (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    at     TEXT NOT NULL,
    type   TEXT NOT NULL,
    data   TEXT NOT NULL
);
CREATE INDEX run_events_run ON run_events (run_id, id);
