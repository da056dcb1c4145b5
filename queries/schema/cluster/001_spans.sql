CREATE TABLE IF NOT EXISTS spans_local ON CLUSTER 'trumpets' (
    TraceId String,
    SpanId String,
    ParentSpanId String,
    TraceState String,
    SpanName LowCardinality(String),
    SpanKind LowCardinality(String),
    ServiceName LowCardinality(String),
    ResourceAttributes Map(LowCardinality(String), String),
    ScopeName String,
    ScopeVersion String,
    SpanAttributes Map(LowCardinality(String), String),
    StartTimeUnixNano UInt64,
    EndTimeUnixNano UInt64,
    Timestamp DateTime64(9) DEFAULT fromUnixTimestamp64Nano(StartTimeUnixNano),
    Duration UInt64 DEFAULT EndTimeUnixNano - StartTimeUnixNano,
    StatusCode LowCardinality(String),
    StatusMessage String,
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
    OperationName LowCardinality(String) MATERIALIZED SpanAttributes['gen_ai.operation.name'],
    AgentName LowCardinality(String) MATERIALIZED SpanAttributes['gen_ai.agent.name'],
    ToolName LowCardinality(String) MATERIALIZED SpanAttributes['gen_ai.tool.name'],
    ReceivedAt DateTime64(3) DEFAULT now64(3)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
PARTITION BY toDate(Timestamp)
ORDER BY (TraceId, SpanId)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS spans ON CLUSTER 'trumpets' AS spans_local
ENGINE = Distributed('trumpets', currentDatabase(), 'spans_local', cityHash64(TraceId));
