-- Tenants are top-level roles of the allocator; memberships give people a role in a tenant.
create table tenant (
    name         text primary key check (name ~ '^[a-z][a-z0-9-]{1,62}$'),
    display_name text not null check (length(display_name) between 1 and 200),
    created_at   timestamptz not null default now()
);

create table membership (
    id         bigint generated always as identity primary key,
    tenant     text not null references tenant (name) on delete cascade,
    subject    text not null check (length(subject) between 1 and 255),
    role       text not null check (role in ('tenant-admin', 'developer', 'viewer')),
    created_at timestamptz not null default now(),
    unique (tenant, subject)
);

create index membership_by_subject on membership (subject);
