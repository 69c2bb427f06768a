-- Files the agent fetches into a task's sandbox before it starts (Mesos CommandInfo.URI).
alter table task add column uris jsonb not null default '[]';
