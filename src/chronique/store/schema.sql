-- chronique's DuckDB schema. Every table is keyed so that re-ingesting a document replaces
-- its rows instead of adding copies; writes happen in one transaction per batch.
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    title VARCHAR,
    published DATE,
    published_basis VARCHAR,
    source VARCHAR,
    url VARCHAR,
    language VARCHAR,
    origin VARCHAR,
    text VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    doc VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    mode VARCHAR,
    date VARCHAR,
    date_basis VARCHAR,
    location_text VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_basis VARCHAR,         -- stated | scene (see model.Place)
    lat DOUBLE,
    lon DOUBLE,
    aux VARCHAR,
    quad VARCHAR,
    trigger VARCHAR,
    evidence VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    confidence DOUBLE,
    cluster VARCHAR
);
CREATE TABLE IF NOT EXISTS participants (
    event_id VARCHAR NOT NULL,
    doc VARCHAR NOT NULL,
    role VARCHAR NOT NULL,          -- actor | recipient
    position INTEGER NOT NULL,
    text VARCHAR,
    name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    kb_id VARCHAR,
    PRIMARY KEY (event_id, role, position)
);
CREATE TABLE IF NOT EXISTS timexes (
    doc VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    value VARCHAR,
    type VARCHAR,
    PRIMARY KEY (doc, start_char, end_char)
);
CREATE TABLE IF NOT EXISTS actors (
    doc VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    name VARCHAR,
    kb_id VARCHAR,
    type VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    role VARCHAR,
    mentions VARCHAR[],
    PRIMARY KEY (doc, position)
);
CREATE TABLE IF NOT EXISTS errors (
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    kind VARCHAR,
    logged_at TIMESTAMP DEFAULT current_timestamp
);
-- dedup/: written by chronique.dedup.index.assign_clusters after each extract, for the documents just
-- written and the stored events they can affect (or over the whole store with ``chronique cluster --full``).
-- One real-world event inside one document: its mentions merged, attributes combined, every span kept.
CREATE TABLE IF NOT EXISTS merged_events (
    id VARCHAR PRIMARY KEY,
    doc VARCHAR NOT NULL,
    cluster VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    mode VARCHAR,
    date VARCHAR,
    date_basis VARCHAR,
    aux VARCHAR,
    actor STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, kb_id VARCHAR)[],
    recipient STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, kb_id VARCHAR)[],
    location_text VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_basis VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    confidence DOUBLE,
    event_ids VARCHAR[],
    spans STRUCT(event_id VARCHAR, start_char INTEGER, end_char INTEGER, evidence VARCHAR)[]
);
-- One real-world event across documents; n_sources counts independent sources (syndicated copies count once).
CREATE TABLE IF NOT EXISTS clusters (
    id VARCHAR PRIMARY KEY,
    event_type VARCHAR NOT NULL,
    mode VARCHAR,
    date VARCHAR,
    date_basis VARCHAR,
    date_start DATE,
    date_end DATE,
    aux VARCHAR,
    actor STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, kb_id VARCHAR)[],
    recipient STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, kb_id VARCHAR)[],
    actor_countries VARCHAR[],
    recipient_countries VARCHAR[],
    location_text VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_basis VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    n_mentions INTEGER,
    n_events INTEGER,
    n_documents INTEGER,
    n_sources INTEGER,
    documents VARCHAR[],
    outlets VARCHAR[],
    first_reported DATE,
    last_reported DATE,
    evidence VARCHAR,
    evidence_doc VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    confidence DOUBLE,
    computed_at TIMESTAMP DEFAULT current_timestamp  -- when this row was last (re)computed
);
-- Near-duplicate documents (syndicated copies of one dispatch), and the MinHash cache that finds them.
CREATE TABLE IF NOT EXISTS document_links (
    doc_a VARCHAR NOT NULL,
    doc_b VARCHAR NOT NULL,
    jaccard DOUBLE,
    containment DOUBLE,
    kind VARCHAR,
    PRIMARY KEY (doc_a, doc_b)
);
CREATE TABLE IF NOT EXISTS doc_signatures (
    doc VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    n_shingles INTEGER,
    minhash UBIGINT[]
);
-- LSH bands of each signature (dedup.syndication.band_keys): a new document meets its copies by one join.
CREATE TABLE IF NOT EXISTS doc_bands (
    doc VARCHAR NOT NULL,
    band SMALLINT NOT NULL,
    key UBIGINT NOT NULL
);
-- Blocking keys of each merged event (dedup.blocks.block_keys, hashed): an incremental run finds the
-- stored events a new one can meet by one join, without loading the store. anchor: see dedup.blocks.blocks.
CREATE TABLE IF NOT EXISTS merged_blocks (
    block BIGINT NOT NULL,
    merged VARCHAR NOT NULL,
    anchor BOOLEAN NOT NULL
);
-- Facts about the de-duplication tables; 'index_version' is set by a full run when merged_blocks and
-- doc_bands cover the whole store (until then, or after a change of version, runs are full).
CREATE TABLE IF NOT EXISTS dedup_state (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
-- Stores written before a column existed gain it here (NULL for old rows).
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_basis VARCHAR;
ALTER TABLE merged_events ADD COLUMN IF NOT EXISTS location_basis VARCHAR;
ALTER TABLE clusters ADD COLUMN IF NOT EXISTS location_basis VARCHAR;
ALTER TABLE clusters ADD COLUMN IF NOT EXISTS computed_at TIMESTAMP DEFAULT current_timestamp;
