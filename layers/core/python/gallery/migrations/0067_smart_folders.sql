-- Smart folders (issue 20): a saved search of the owner's images, listed live. The query is
-- what GET /search/images takes, as the owner wrote it (re-read, and so re-checked, at every
-- use).
create table smart_folders (
    smart_folder_id uuid primary key default gen_random_uuid(),
    user_id         uuid not null references users on delete cascade,
    name            text not null check (name = btrim(name) and length(name) between 1 and 255),
    query           jsonb not null
                    check (jsonb_typeof(query) = 'object' and octet_length(query::text) <= 8192),
    sort_order      integer not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (smart_folder_id, user_id)
);
create unique index smart_folders_user_name_key on smart_folders (user_id, lower(name));
create trigger smart_folders_touch before update on smart_folders
    for each row execute function touch_updated_at();

alter table smart_folders enable row level security;
alter table smart_folders force row level security;
create policy smart_folders_owner on smart_folders
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());
grant select, insert, update, delete on smart_folders to gallery_app;
