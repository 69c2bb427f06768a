-- Who submitted each job (the portal's job list shows it); null for jobs from before.
alter table job add column owner text check (length(owner) <= 255);
