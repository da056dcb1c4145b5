-- Regressions found for an agent (optionally one release), newest first.
SELECT
    RegressionId,
    Agent,
    ReleaseId,
    ControlReleaseId,
    StageIndex,
    Percent,
    Metric,
    Effect,
    Lower,
    Upper,
    EValue,
    Alpha,
    CandidateEpisodes,
    ControlEpisodes,
    Summary,
    toUnixTimestamp64Milli(DetectedAt) AS detectedMs
FROM regressions
WHERE Agent = {agent:String}
  AND ({releaseId:String} = '' OR ReleaseId = {releaseId:String})
ORDER BY DetectedAt DESC, RegressionId
