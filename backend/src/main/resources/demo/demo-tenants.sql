-- Demo tenants and memberships, loaded at start when atrium.demo.seed=true (the standalone run
-- and tests); the subjects are the fixed user ids of the demo realm "atrium" (alice, bob, carol, dave);
-- dave is in two tenants, so that the portal's tenant switcher has something to switch.
insert into tenant (name, display_name) values
    ('acme', 'ACME Corporation'),
    ('globex', 'Globex')
on conflict (name) do nothing;

insert into membership (tenant, subject, role, username, email) values
    ('acme', '9b0b6d3e-0a61-4c55-9f0e-000000000002', 'tenant-admin', 'alice', 'alice@acme.example'),
    ('acme', '9b0b6d3e-0a61-4c55-9f0e-000000000003', 'developer', 'bob', 'bob@acme.example'),
    ('acme', '9b0b6d3e-0a61-4c55-9f0e-000000000005', 'viewer', 'dave', 'dave@acme.example'),
    ('globex', '9b0b6d3e-0a61-4c55-9f0e-000000000004', 'developer', 'carol', 'carol@globex.example'),
    ('globex', '9b0b6d3e-0a61-4c55-9f0e-000000000005', 'viewer', 'dave', 'dave@acme.example')
on conflict (tenant, subject) do nothing;
