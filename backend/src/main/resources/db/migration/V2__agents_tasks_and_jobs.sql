-- The master's durable state: agents, tasks, and every task status update (the history).
create table agent (
    id            text primary key,
    hostname      text not null,
    resources     text not null,
    attributes    jsonb not null default '{}',
    state         text not null check (state in ('ACTIVE', 'DISCONNECTED', 'UNREACHABLE', 'GONE')),
    since         timestamptz not null,
    registered_at timestamptz not null default now()
);

create table task (
    id           text primary key,
    framework_id text not null,
    role         text not null,
    agent_id     text not null references agent (id),
    name         text not null,
    command      text not null,
    resources    text not null,
    environment  jsonb not null default '{}',
    state        text not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

-- Recovery reads the tasks that have not ended.
create index task_unfinished on task (agent_id)
    where state not in ('TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST',
                        'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR');

-- (task_id, uuid) makes a resent update a no-op.
create table task_update (
    task_id     text not null references task (id) on delete cascade,
    uuid        text not null,
    state       text not null,
    reason      text,
    message     text,
    source      text not null check (source in ('agent', 'master')),
    exit_code   bigint,
    time        timestamptz not null,
    recorded_at timestamptz not null default now(),
    primary key (task_id, uuid)
);

-- Batch jobs of the built-in jobs framework; their tasks are rows of task (id = job.instance.attempt).
create table job (
    id         text primary key,
    tenant     text not null references tenant (name),
    name       text not null,
    spec       jsonb not null,
    created_at timestamptz not null
);

create index job_by_tenant on job (tenant, created_at);
