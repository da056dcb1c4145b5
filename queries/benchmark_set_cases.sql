-- The cases of one frozen version of a benchmark set.
SELECT
    CaseId,
    Input,
    Reference,
    ReferenceKind,
    Tags,
    Workflow,
    Origin,
    SourceEpisodeId,
    FailureClusterId
FROM benchmark_cases FINAL
WHERE SetId = {setId:String} AND Version = {version:UInt32}
ORDER BY CaseId
