-- ZIP exports (issue 20): what an owner asked to download (some images, a folder with its
-- subfolders, or a smart folder), its progress, and the archive while it is kept (24 h).
-- The archive is not counted in the quota; its object (users/{id}/exports/{export_id}.zip)
-- goes with its row's expiry, or with the owner's data.
create table exports (
    export_id        uuid primary key default gen_random_uuid(),
    user_id          uuid not null references users on delete cascade,
    source           jsonb not null check (jsonb_typeof(source) = 'object'),
    include_metadata boolean not null default false,
    status           text not null default 'queued'
                     check (status in ('queued', 'running', 'ready', 'failed', 'expired')),
    image_count      integer check (image_count >= 0),
    done_count       integer not null default 0 check (done_count >= 0),
    size_bytes       bigint check (size_bytes >= 0),
    s3_key           text,
    version_id       text,
    error            text check (length(error) <= 500),
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    expires_at       timestamptz not null default now() + interval '24 hours'
);
create index exports_user_idx on exports (user_id, created_at desc);
-- the maintenance's work: archives past their time, and jobs that stopped answering
create index exports_open_idx on exports (expires_at) where status <> 'expired';

alter table exports enable row level security;
alter table exports force row level security;
create policy exports_owner on exports
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());
grant select, insert, update, delete on exports to gallery_app;

-- The scheduled jobs find exports across owners (the work is done as each owner).
grant select (export_id, user_id, status, s3_key, version_id, created_at, started_at,
              expires_at) on exports to gallery_worker;
create policy exports_worker_read on exports for select to gallery_worker using (true);
