-- Each role's weight and quota, as platform admins set them. version is the ETag: an update
-- names the version it read (If-Match), so two admins cannot overwrite each other.
create table role_setting (
    role       text primary key,
    weight     double precision not null default 1 check (weight > 0),
    guarantees text not null default '',
    limits     text not null default '',
    version    bigint not null check (version > 0),
    updated_at timestamptz not null default now()
);
