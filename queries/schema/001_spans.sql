-- Raw spans, close in spirit to the OpenTelemetry Collector ClickHouse exporter's `otel_traces`,
-- so stock Grafana trace views can read them.
-- ReplacingMergeTree keyed by (TraceId, SpanId): a span delivered twice (exporter retry, replay)
-- collapses to one row; readers use FINAL so duplicates never show before a merge.
-- A span's start time never changes, so both copies always fall in the same partition.
-- Columns keep ClickHouse's default LZ4 compression: ZSTD halves insert throughput, and ingest
-- speed is what this table is for (recompress cold partitions with MODIFY CODEC if disk matters).
CREATE TABLE IF NOT EXISTS spans
(
    -- identity
    TraceId String,
    SpanId String,
    ParentSpanId String,
    TraceState String,
    -- what
    SpanName LowCardinality(String),
    SpanKind LowCardinality(String),
    ServiceName LowCardinality(String),
    ResourceAttributes Map(LowCardinality(String), String),
    ScopeName String,
    ScopeVersion String,
    SpanAttributes Map(LowCardinality(String), String),
    -- when: nanoseconds since the epoch, as sent; Timestamp is derived for partitioning and views
    StartTimeUnixNano UInt64,
    EndTimeUnixNano UInt64,
    Timestamp DateTime64(9) DEFAULT fromUnixTimestamp64Nano(StartTimeUnixNano),
    Duration UInt64 DEFAULT EndTimeUnixNano - StartTimeUnixNano,
    -- outcome
    StatusCode LowCardinality(String),
    StatusMessage String,
    -- events and links, as in otel_traces
    Events Nested
    (
        Timestamp DateTime64(9),
        Name LowCardinality(String),
        Attributes Map(LowCardinality(String), String)
    ),
    Links Nested
    (
        TraceId String,
        SpanId String,
        TraceState String,
        Attributes Map(LowCardinality(String), String)
    ),
    -- frequently read GenAI values as typed columns; the raw map stays
    OperationName LowCardinality(String) MATERIALIZED SpanAttributes['gen_ai.operation.name'],
    AgentName LowCardinality(String) MATERIALIZED SpanAttributes['gen_ai.agent.name'],
    ToolName LowCardinality(String) MATERIALIZED SpanAttributes['gen_ai.tool.name'],
    -- when the collector received it: lets the episode assembler read only what is new
    ReceivedAt DateTime64(3) DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (TraceId, SpanId)
SETTINGS ttl_only_drop_parts = 1;
