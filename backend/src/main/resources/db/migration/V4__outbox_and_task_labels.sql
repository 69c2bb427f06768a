-- The transactional outbox: an event row commits with the state change it describes; the relay
-- publishes rows to Kafka in id order and marks them published (pruned after a while).
create table outbox (
    id           bigserial primary key,
    event_id     uuid not null unique,
    topic        text not null,
    key          text not null,
    tenant       text not null,
    type         text not null,
    envelope     text not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    -- why Kafka refused the event for good (it is kept, never retried); null when published
    failure      text
);

create index outbox_unpublished on outbox (id) where published_at is null;

-- Labels a framework gives its tasks (the jobs framework: job = the job's id); events carry them.
alter table task add column labels jsonb not null default '{}';
