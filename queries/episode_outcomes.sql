-- Episodes per agent and outcome in a time window, with tool calls and tokens: the demo's summary
-- and the simplest health view of an agent.
SELECT
    Agent,
    Outcome,
    count() AS episodes,
    sum(ToolCallCount) AS toolCalls,
    sum(ToolErrorCount) AS toolErrors,
    sum(InputTokens + OutputTokens) AS tokens,
    round(quantile(0.95)(LatencyMs), 1) AS p95LatencyMs
FROM episodes FINAL
WHERE StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
GROUP BY Agent, Outcome
ORDER BY Agent, Outcome
