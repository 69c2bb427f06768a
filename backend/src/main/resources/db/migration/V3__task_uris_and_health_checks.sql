-- Files the agent fetches into a task's sandbox before it starts (Mesos CommandInfo.URI).
alter table task add column uris jsonb not null default '[]';
-- How the agent checks the task's health (Mesos HealthCheck); null when it has none.
alter table task add column health_check jsonb;
