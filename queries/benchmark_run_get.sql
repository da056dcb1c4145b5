-- One validation run with how many results it has reported and how many of them are errors.
SELECT
    r.RunId AS RunId,
    r.ProposalId AS ProposalId,
    r.Agent AS Agent,
    r.Variant AS Variant,
    r.ConfigVersion AS ConfigVersion,
    r.SetId AS SetId,
    r.SetVersion AS SetVersion,
    r.Repeats AS Repeats,
    r.ExpectedRuns AS ExpectedRuns,
    r.CreatedBy AS CreatedBy,
    toUnixTimestamp64Milli(r.CreatedAt) AS createdMs,
    (SELECT count() FROM benchmark_results FINAL WHERE RunId = {runId:String}) AS reported,
    (SELECT countIf(ErrorKind != '') FROM benchmark_results FINAL WHERE RunId = {runId:String}) AS errors
FROM benchmark_runs AS r FINAL
WHERE r.RunId = {runId:String}
