-- Pingvas Gallery: initial schema.
-- Applied by the table owner (the migration role). The application connects as a login role
-- that is a member of gallery_app, owns nothing, and is subject to row-level security.

do $$
begin
    if not exists (select from pg_roles where rolname = 'gallery_app') then
        create role gallery_app nologin;
    end if;
end
$$;

-- The caller of the current transaction; '' (not NULL) after a transaction ends, hence nullif.
create function app_current_user_id() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('app.current_user_id', true), '')::uuid $$;

create function touch_updated_at() returns trigger
    language plpgsql
    as $$
begin
    new.updated_at := now();
    return new;
end
$$;

-- Users: id is the JWT `sub`. Plans are named in configuration; the database checks the shape.
create table users (
    user_id    uuid primary key,
    email      text check (length(email) <= 320),
    plan       text not null default 'free' check (plan ~ '^[a-z][a-z0-9_]{0,31}$'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table folders (
    folder_id   uuid primary key default gen_random_uuid(),
    user_id     uuid not null references users on delete cascade,
    name        text not null check (name = btrim(name) and length(name) between 1 and 255),
    description text check (length(description) <= 2000),
    color       text check (color ~ '^#[0-9A-Fa-f]{6}$'),
    icon        text check (icon ~ '^[a-z0-9][a-z0-9_-]{0,49}$'),
    sort_order  integer not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    -- Target of composite foreign keys: an image can only sit in a folder of its own owner.
    unique (folder_id, user_id)
);
create unique index folders_user_name_key on folders (user_id, lower(name));
create index folders_user_sort_idx on folders (user_id, sort_order, name);

create table images (
    image_id              uuid primary key default gen_random_uuid(),
    user_id               uuid not null references users on delete cascade,
    folder_id             uuid,
    status                text not null default 'pending'
                          check (status in ('pending', 'ready', 'rejected')),
    rejection_reason      text,
    -- generation metadata
    prompt                text not null default '' check (length(prompt) <= 20000),
    negative_prompt       text check (length(negative_prompt) <= 20000),
    model                 text check (length(model) <= 255),
    width                 integer check (width > 0),
    height                integer check (height > 0),
    seed                  bigint,
    params                jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
    -- stored objects (keys, never URLs: URLs are signed per request)
    s3_key                text,
    thumbnail_256_key     text,
    thumbnail_512_key     text,
    mime_type             text check (mime_type in ('image/png', 'image/jpeg', 'image/webp',
                                                    'image/avif')),
    file_size_bytes       bigint not null default 0 check (file_size_bytes >= 0),
    thumbnails_size_bytes bigint not null default 0 check (thumbnails_size_bytes >= 0),
    content_sha256        text check (content_sha256 ~ '^[0-9a-f]{64}$'),
    -- organisation and counters
    is_public             boolean not null default false,
    is_favorite           boolean not null default false,
    view_count            integer not null default 0 check (view_count >= 0),
    download_count        integer not null default 0 check (download_count >= 0),
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    deleted_at            timestamptz,
    unique (image_id, user_id),
    foreign key (folder_id, user_id) references folders (folder_id, user_id)
        on delete set null (folder_id),
    check (status <> 'rejected' or rejection_reason is not null)
);
-- Keyset paging: one index per sort key, scanned forwards or backwards.
create index images_user_created_idx on images (user_id, created_at, image_id)
    where status = 'ready' and deleted_at is null;
create index images_user_views_idx on images (user_id, view_count, image_id)
    where status = 'ready' and deleted_at is null;
create index images_user_downloads_idx on images (user_id, download_count, image_id)
    where status = 'ready' and deleted_at is null;
-- Folder counts and folder listings: index-only.
create index images_user_folder_idx on images (user_id, folder_id, created_at, image_id)
    where status = 'ready' and deleted_at is null;
create index images_user_favorite_idx on images (user_id, created_at, image_id)
    where is_favorite and status = 'ready' and deleted_at is null;
create index images_public_idx on images (image_id) where is_public;
create index images_user_sha256_idx on images (user_id, content_sha256)
    where content_sha256 is not null;

create table tags (
    tag_id      uuid primary key default gen_random_uuid(),
    user_id     uuid not null references users on delete cascade,
    name        text not null check (name = btrim(name) and length(name) between 1 and 100),
    color       text check (color ~ '^#[0-9A-Fa-f]{6}$'),
    -- kept exact by the image_tags triggers below, in the writing transaction
    usage_count integer not null default 0 check (usage_count >= 0),
    created_at  timestamptz not null default now(),
    unique (tag_id, user_id)
);
create unique index tags_user_name_key on tags (user_id, lower(name));
create index tags_user_name_prefix_idx on tags (user_id, lower(name) text_pattern_ops);

create table image_tags (
    image_id   uuid not null,
    tag_id     uuid not null,
    user_id    uuid not null,
    created_at timestamptz not null default now(),
    primary key (image_id, tag_id),
    -- both sides must belong to the same user
    foreign key (image_id, user_id) references images (image_id, user_id) on delete cascade,
    foreign key (tag_id, user_id) references tags (tag_id, user_id) on delete cascade
);
create index image_tags_tag_idx on image_tags (tag_id, image_id);

-- usage_count = the number of listed (ready, not deleted) images carrying the tag, kept
-- exact in the writing transaction: tag autocomplete ranks by it and a tag-filtered listing
-- reads its total from it.
create function image_is_listed(p_image_id uuid) returns boolean
    language sql stable
    as $$
select exists (select from images
                where image_id = p_image_id and status = 'ready' and deleted_at is null)
$$;

create function image_tags_count() returns trigger
    language plpgsql
    as $$
begin
    -- When the image itself is being deleted its row is already gone here: the images
    -- trigger below has counted its tags down.
    if tg_op = 'INSERT' and image_is_listed(new.image_id) then
        update tags set usage_count = usage_count + 1 where tag_id = new.tag_id;
    elsif tg_op = 'DELETE' and image_is_listed(old.image_id) then
        update tags set usage_count = usage_count - 1 where tag_id = old.tag_id;
    end if;
    return null;
end
$$;
create trigger image_tags_count after insert or delete on image_tags
    for each row execute function image_tags_count();

create function images_count_tags() returns trigger
    language plpgsql
    as $$
declare
    was_listed boolean := tg_op in ('UPDATE', 'DELETE')
                          and old.status = 'ready' and old.deleted_at is null;
    is_listed boolean := tg_op = 'UPDATE' and new.status = 'ready' and new.deleted_at is null;
    delta integer := is_listed::integer - was_listed::integer;
begin
    if delta <> 0 then
        -- tag rows in id order, as every other writer takes them: no deadlocks
        perform from tags
          where tag_id in (select tag_id from image_tags where image_id = old.image_id)
          order by tag_id for update;
        update tags set usage_count = usage_count + delta
         where tag_id in (select tag_id from image_tags where image_id = old.image_id);
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end
$$;
-- BEFORE DELETE: the image's tags are still attached (the cascade has not run yet).
create trigger images_count_tags_on_delete before delete on images
    for each row execute function images_count_tags();
create trigger images_count_tags_on_update after update of status, deleted_at on images
    for each row execute function images_count_tags();

create table workspaces (
    workspace_id uuid primary key default gen_random_uuid(),
    owner_id     uuid not null references users on delete cascade,
    name         text not null check (name = btrim(name) and length(name) between 1 and 255),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create table workspace_members (
    workspace_id uuid not null references workspaces on delete cascade,
    user_id      uuid not null references users on delete cascade,
    role         text not null check (role in ('viewer', 'downloader', 'editor', 'owner')),
    added_at     timestamptz not null default now(),
    primary key (workspace_id, user_id)
);
create index workspace_members_user_idx on workspace_members (user_id);

create table shares (
    share_id         uuid primary key default gen_random_uuid(),
    user_id          uuid not null references users on delete cascade,
    image_id         uuid,
    folder_id        uuid,
    -- sha-256 of the token; the token itself is shown once and never stored
    token_hash       bytea not null unique check (length(token_hash) = 32),
    permission       text not null default 'view' check (permission in ('view', 'download')),
    password_hash    text,
    show_metadata    boolean not null default false,
    expires_at       timestamptz,
    max_views        integer check (max_views > 0),
    current_views    integer not null default 0 check (current_views >= 0),
    download_count   integer not null default 0 check (download_count >= 0),
    is_active        boolean not null default true,
    created_at       timestamptz not null default now(),
    last_accessed_at timestamptz,
    foreign key (image_id, user_id) references images (image_id, user_id) on delete cascade,
    foreign key (folder_id, user_id) references folders (folder_id, user_id) on delete cascade,
    check ((image_id is null) <> (folder_id is null))
);
create index shares_user_idx on shares (user_id, created_at);
create index shares_image_idx on shares (image_id) where image_id is not null;
create index shares_folder_idx on shares (folder_id) where folder_id is not null;

-- Storage accounting, kept exact by the images trigger below. A ready image counts its
-- original and its thumbnails until the row is gone (the trash still occupies storage).
create table storage_usage (
    user_id        uuid primary key references users on delete cascade,
    used_bytes     bigint not null default 0 check (used_bytes >= 0),
    image_count    integer not null default 0 check (image_count >= 0),
    updated_at     timestamptz not null default now()
);

create function users_init_storage() returns trigger
    language plpgsql
    as $$
begin
    insert into storage_usage (user_id) values (new.user_id) on conflict do nothing;
    return null;
end
$$;
create trigger users_init_storage after insert on users
    for each row execute function users_init_storage();

create function images_account_storage() returns trigger
    language plpgsql
    as $$
declare
    old_bytes bigint := 0;
    new_bytes bigint := 0;
    old_count integer := 0;
    new_count integer := 0;
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'ready' then
        old_bytes := old.file_size_bytes + old.thumbnails_size_bytes;
        old_count := 1;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'ready' then
        new_bytes := new.file_size_bytes + new.thumbnails_size_bytes;
        new_count := 1;
    end if;
    if old_bytes <> new_bytes or old_count <> new_count then
        update storage_usage
           set used_bytes = used_bytes + new_bytes - old_bytes,
               image_count = image_count + new_count - old_count,
               updated_at = now()
         where user_id = coalesce(new.user_id, old.user_id);
    end if;
    return null;
end
$$;
create trigger images_account_storage after insert or update or delete on images
    for each row execute function images_account_storage();

create trigger images_touch before update on images
    for each row execute function touch_updated_at();
create trigger folders_touch before update on folders
    for each row execute function touch_updated_at();
create trigger users_touch before update on users
    for each row execute function touch_updated_at();
create trigger workspaces_touch before update on workspaces
    for each row execute function touch_updated_at();

-- Transactional outbox for the search index: written by triggers in the same transaction
-- as the change, drained by the indexer. The application role cannot read or write it
-- directly: the trigger function runs as its owner.
create table search_outbox (
    outbox_id    bigint generated always as identity primary key,
    image_id     uuid not null,
    user_id      uuid not null,
    enqueued_at  timestamptz not null default now(),
    available_at timestamptz not null default now(),
    attempts     integer not null default 0,
    last_error   text,
    parked_at    timestamptz
);
create index search_outbox_ready_idx on search_outbox (available_at, outbox_id)
    where parked_at is null;

create function images_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    -- counters and timestamps alone do not change the indexed document
    if tg_op = 'UPDATE' and to_jsonb(old) - '{view_count,download_count,updated_at}'::text[]
                          = to_jsonb(new) - '{view_count,download_count,updated_at}'::text[] then
        return null;
    end if;
    insert into search_outbox (image_id, user_id)
    values (coalesce(new.image_id, old.image_id), coalesce(new.user_id, old.user_id));
    return null;
end
$$;
create trigger images_enqueue_search after insert or update or delete on images
    for each row execute function images_enqueue_search();

create function image_tags_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    insert into search_outbox (image_id, user_id)
    values (coalesce(new.image_id, old.image_id), coalesce(new.user_id, old.user_id));
    return null;
end
$$;
create trigger image_tags_enqueue_search after insert or delete on image_tags
    for each row execute function image_tags_enqueue_search();

-- S3 objects whose rows are gone: deleted right after the commit, retried by a sweeper.
create table object_deletions (
    s3_key      text primary key,
    user_id     uuid not null references users on delete cascade,
    enqueued_at timestamptz not null default now(),
    attempts    integer not null default 0
);

-- Row-level security: every user-owned table, enabled and forced.
alter table users enable row level security;
alter table users force row level security;
create policy users_self on users
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

alter table folders enable row level security;
alter table folders force row level security;
create policy folders_owner on folders
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

alter table images enable row level security;
alter table images force row level security;
create policy images_owner on images
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

alter table tags enable row level security;
alter table tags force row level security;
create policy tags_owner on tags
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

alter table image_tags enable row level security;
alter table image_tags force row level security;
create policy image_tags_owner on image_tags
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

alter table shares enable row level security;
alter table shares force row level security;
create policy shares_owner on shares
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

alter table storage_usage enable row level security;
alter table storage_usage force row level security;
create policy storage_usage_owner on storage_usage
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

alter table object_deletions enable row level security;
alter table object_deletions force row level security;
create policy object_deletions_owner on object_deletions
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

-- Workspaces: the owner sees and changes their workspaces; members are managed by the owner.
-- (Membership-based visibility arrives with the sharing work.)
alter table workspaces enable row level security;
alter table workspaces force row level security;
create policy workspaces_owner on workspaces
    using (owner_id = app_current_user_id()) with check (owner_id = app_current_user_id());

alter table workspace_members enable row level security;
alter table workspace_members force row level security;
create policy workspace_members_self on workspace_members for select
    using (user_id = app_current_user_id());
create policy workspace_members_owner on workspace_members
    using (exists (select from workspaces w
                   where w.workspace_id = workspace_members.workspace_id
                     and w.owner_id = app_current_user_id()))
    with check (exists (select from workspaces w
                        where w.workspace_id = workspace_members.workspace_id
                          and w.owner_id = app_current_user_id()));

-- search_outbox is not user-owned: only the trigger (as owner) and the indexer touch it.

grant usage on schema public to gallery_app;
grant select, insert, update, delete on users, folders, images, tags, image_tags, shares,
    storage_usage, object_deletions, workspaces, workspace_members to gallery_app;
grant execute on function app_current_user_id() to gallery_app;
