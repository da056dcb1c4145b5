-- Rows the store refused for a reason a retry cannot fix (a value it cannot parse, a batch it
-- cannot place), set aside so they block nothing else, for an operator to read and replay
-- (`trumpets dead-letters list | replay`). ReplacingMergeTree(UpdatedAt) on Id, a hash of table
-- and row: a spool segment replayed after a crash holds a row once; a replay writes a newer
-- version of the row with Status 'replayed'. Read with FINAL.
CREATE TABLE IF NOT EXISTS dead_letters
(
    -- identity
    Id String,
    TableName LowCardinality(String),
    -- the row as it was offered: one JSONCompactEachRow line in Columns order (a binary span row
    -- is held as that line; one that cannot be read back, as its bytes read as UTF-8)
    Columns Array(LowCardinality(String)),
    Row String CODEC(ZSTD(3)),
    -- why it was refused
    Reason LowCardinality(String),
    Error String CODEC(ZSTD(3)),
    -- held | replayed
    Status LowCardinality(String),
    FirstHeldAt DateTime64(3),
    UpdatedAt DateTime64(3)
)
ENGINE = ReplacingMergeTree(UpdatedAt)
PARTITION BY toYYYYMM(FirstHeldAt)
ORDER BY Id;
