-- Tenants can be suspended (no new work); tenants and memberships carry a version, the ETag an
-- update names in If-Match, so two admins cannot overwrite each other. A tenant deleted with
-- drain=true is suspended and marked deleting until its last task has ended; deleting_actor is
-- who asked (the actor JSON of its tenant.deleted event).
alter table tenant
    add column suspended      boolean not null default false,
    add column version        bigint  not null default 1,
    add column deleting_since timestamptz,
    add column deleting_actor text;

-- Names of deleted tenants are not given out again: their events stay on Kafka and their tasks in
-- the history, and a new tenant of the same name must not read them.
create table tenant_tombstone (
    name       text primary key,
    deleted_at timestamptz not null default now()
);

-- A quota may cap how many tasks a role (with the roles below it) runs at once; null: no cap.
alter table role_setting add column max_tasks integer check (max_tasks >= 0);

-- When a job was killed: kept, so that a restarted master does not run its waiting instances.
alter table job add column killed_at timestamptz;

-- A tenant's jobs go with it.
alter table job drop constraint job_tenant_fkey,
    add constraint job_tenant_fkey foreign key (tenant) references tenant (name) on delete cascade;

-- Who a member is, as Keycloak said when they were added: what tenant admins read in lists.
alter table membership
    add column version  bigint not null default 1,
    add column username text,
    add column email    text;

-- Atrium API tokens: automation acting for one person in one tenant, with at most their role.
-- Only a SHA-256 of the secret is kept; the secret is shown once, when the token is created.
create table api_token (
    id           text primary key,
    tenant       text not null references tenant (name) on delete cascade,
    owner        text not null check (length(owner) between 1 and 255),
    owner_name   text,
    name         text not null check (length(name) between 1 and 100),
    role         text not null check (role in ('tenant-admin', 'developer', 'viewer')),
    secret_hash  bytea not null unique,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

create index api_token_by_tenant on api_token (tenant, created_at desc);

-- The audit log: every event that names an actor (an admin's or a tenant admin's action, a job
-- submitted). Filled by a trigger on the outbox, so an action, its event and its audit record
-- commit together whichever code path wrote them; kept after the outbox row is pruned.
create table audit (
    id             bigint generated always as identity primary key,
    event_id       uuid not null unique,
    time           timestamptz not null,
    tenant         text not null,
    type           text not null,
    subject        text not null,
    actor_subject  text,
    actor_username text,
    actor_address  text,
    data           jsonb not null
);

create index audit_by_tenant on audit (tenant, id desc);

create function outbox_audit() returns trigger language plpgsql as $$
declare
    envelope jsonb := new.envelope::jsonb;
begin
    if envelope -> 'data' ? 'actor' then
        insert into audit (event_id, time, tenant, type, subject, actor_subject, actor_username,
                           actor_address, data)
        values (new.event_id, (envelope ->> 'time')::timestamptz, new.tenant, new.type, new.key,
                envelope -> 'data' -> 'actor' ->> 'subject',
                envelope -> 'data' -> 'actor' ->> 'username',
                envelope -> 'data' -> 'actor' ->> 'address',
                envelope -> 'data');
    end if;
    return new;
end
$$;

create trigger outbox_audit after insert on outbox for each row execute function outbox_audit();
