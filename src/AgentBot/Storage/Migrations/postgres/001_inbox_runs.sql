-- Deliveries as GitHub sent them, stored before the 202; routing happens later, from here.
CREATE TABLE inbox (
    delivery_id     TEXT PRIMARY KEY,
    event           TEXT NOT NULL,
    action          TEXT,
    installation_id BIGINT,
    repository      TEXT,
    sender          TEXT,
    payload         TEXT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    locked_by       TEXT,
    locked_until    TIMESTAMPTZ,
    processed_at    TIMESTAMPTZ,
    note            TEXT
);
CREATE INDEX inbox_due ON inbox (status, next_attempt_at);

CREATE TABLE runs (
    id              BIGSERIAL PRIMARY KEY,
    delivery_id     TEXT REFERENCES inbox (delivery_id),
    repository      TEXT NOT NULL,
    installation_id BIGINT,
    number          INTEGER,
    is_pull_request BOOLEAN NOT NULL DEFAULT FALSE,
    agent           TEXT NOT NULL,
    definition_hash TEXT NOT NULL,
    trigger         TEXT NOT NULL,
    decision        TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    max_attempts    INTEGER NOT NULL DEFAULT 1,
    scheduled       BOOLEAN NOT NULL DEFAULT FALSE,
    node            TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
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
    id     BIGSERIAL PRIMARY KEY,
    run_id BIGINT NOT NULL REFERENCES runs (id),
    at     TIMESTAMPTZ NOT NULL,
    type   TEXT NOT NULL,
    data   TEXT NOT NULL
);
CREATE INDEX run_events_run ON run_events (run_id, id);
