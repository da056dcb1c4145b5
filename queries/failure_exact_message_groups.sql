-- The plainest clustering of episodes: one group per exact error message. The baseline the
-- clustering benchmark measures failure-mode clustering against, over the same rows.
SELECT ErrorMessage, count() AS failures
FROM episodes FINAL
GROUP BY ErrorMessage
