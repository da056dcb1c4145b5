-- Which of these alert notification keys (group key, fingerprint, startsAt) were already acted on.
SELECT NotificationKey, Action, ReleaseId
FROM alert_notifications
WHERE NotificationKey IN {keys:Array(String)}
