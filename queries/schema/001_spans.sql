-- Raw spans, close in spirit to the OpenTelemetry Collector ClickHouse exporter's `otel_traces`,
-- so stock Grafana trace views can read them.
-- ReplacingMergeTree keyed by (TraceId, SpanId): a span delivered twice (exporter retry, replay)
-- collapses to one row; readers use FINAL so duplicates never show before a merge.
-- A span's start time never changes, so both copies always fall in the same partition.
CREATE TABLE IF NOT EXISTS spans
(
    -- identity
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    ParentSpanId String CODEC(ZSTD(1)),
    TraceState String CODEC(ZSTD(1)),
    -- what
    SpanName LowCardinality(String) CODEC(ZSTD(1)),
    SpanKind LowCardinality(String) CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)),
    ScopeVersion String CODEC(ZSTD(1)),
    SpanAttributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
    -- when: nanoseconds since the epoch, as sent; Timestamp is derived for partitioning and views
    StartTimeUnixNano UInt64,
    EndTimeUnixNano UInt64,
    Timestamp DateTime64(9) DEFAULT fromUnixTimestamp64Nano(StartTimeUnixNano) CODEC(Delta, ZSTD(1)),
    Duration UInt64 DEFAULT EndTimeUnixNano - StartTimeUnixNano CODEC(ZSTD(1)),
    -- outcome
    StatusCode LowCardinality(String) CODEC(ZSTD(1)),
    StatusMessage String CODEC(ZSTD(1)),
    -- events and links, as in otel_traces
    Events Nested
    (
        Timestamp DateTime64(9),
        Name LowCardinality(String),
        Attributes Map(LowCardinality(String), String)
    ) CODEC(ZSTD(1)),
    Links Nested
    (
        TraceId String,
        SpanId String,
        TraceState String,
        Attributes Map(LowCardinality(String), String)
    ) CODEC(ZSTD(1)),
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
