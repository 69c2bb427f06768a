-- How a task's container is set up beyond command and resources (fetched URIs, health check,
-- kill grace period, user, network): one value, see io.atrium.tasks.ContainerSpec.
alter table task add column container jsonb not null default '{}';
