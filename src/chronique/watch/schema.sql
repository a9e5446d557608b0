-- chronique watch: the state of each followed source and of each article it has announced, kept in the store so
-- that a killed follower resumes where it stopped (see chronique/watch/state.py).
CREATE TABLE IF NOT EXISTS watch_sources (
    source VARCHAR PRIMARY KEY,     -- the feed URL or folder as given
    kind VARCHAR NOT NULL,          -- feed | folder
    title VARCHAR,
    etag VARCHAR,                   -- validators for the next conditional GET
    last_modified VARCHAR,
    last_checked TIMESTAMP,
    last_success TIMESTAMP,
    last_added TIMESTAMP,           -- when a document was last stored or replaced from this source
    status VARCHAR,                 -- ok | not modified | failing
    last_error VARCHAR,
    failures INTEGER DEFAULT 0      -- consecutive failed passes
);
CREATE TABLE IF NOT EXISTS watch_entries (
    source VARCHAR NOT NULL,
    key VARCHAR NOT NULL,           -- canonical URL, or the file's real path
    stamp VARCHAR,                  -- what the feed said (or the file's mtime and size) when last handled
    doc VARCHAR,                    -- the document it is stored as (for a copy: the document it copies)
    status VARCHAR NOT NULL,        -- stored | copy | failed
    reason VARCHAR,
    attempts INTEGER DEFAULT 0,
    seen_at TIMESTAMP,              -- when last handled (a failure is retried a pass interval later)
    PRIMARY KEY (source, key)
);
ALTER TABLE errors ADD COLUMN IF NOT EXISTS source VARCHAR;  -- the followed source the failure belongs to
