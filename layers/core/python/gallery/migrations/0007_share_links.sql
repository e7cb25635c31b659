-- Share links and public images, opened by visitors who have no account.
--
-- Visitors reach the database through their own login (a member of gallery_visitor), never
-- as gallery_app: the owners' policies stay as they were, and a visitor's transaction sees
-- exactly what its link unlocks. The link is named by the sha-256 of its token, set for the
-- transaction as app.share_token_hash (the token itself is never stored).

do $$
begin
    if not exists (select from pg_roles where rolname = 'gallery_visitor') then
        create role gallery_visitor nologin;
    end if;
end
$$;

create function app_share_token_hash() returns bytea
    language sql stable parallel safe
    as $$ select decode(nullif(current_setting('app.share_token_hash', true), ''), 'hex') $$;

alter table shares
    -- the key of the link's access grants: replaced when the password changes, which ends
    -- every grant given under the old one
    -- (the application supplies 32 random bytes; this default only fills existing rows)
    add column grant_key bytea not null
        default sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea)
        check (length(grant_key) = 32),
    add column revoked_at timestamptz,
    add column updated_at timestamptz not null default now();
create trigger shares_touch before update on shares
    for each row execute function touch_updated_at();

-- The owner chooses whether a public image shows its prompt and generation parameters.
alter table images add column public_show_metadata boolean not null default false;

-- Failed password attempts, counted per link and per client address inside a window.
create table share_access_failures (
    failure_id bigint generated always as identity primary key,
    share_id   uuid not null references shares on delete cascade,
    client_ip  inet not null,
    failed_at  timestamptz not null
);
create index share_access_failures_share_idx on share_access_failures (share_id, failed_at);
create index share_access_failures_ip_idx on share_access_failures (client_ip, failed_at);

-- Deleting an image (into the trash) ends its links; purging it deletes them (cascade).
create function images_end_shares() returns trigger
    language plpgsql
    as $$
begin
    update shares set is_active = false, revoked_at = coalesce(revoked_at, now())
     where image_id = new.image_id and is_active;
    return null;
end
$$;
create trigger images_end_shares after update of deleted_at on images
    for each row when (old.deleted_at is null and new.deleted_at is not null)
    execute function images_end_shares();

-- --- what a visitor may read and count -----------------------------------------------------

grant usage on schema public to gallery_visitor;
grant execute on function app_share_token_hash() to gallery_visitor;

grant select (share_id, user_id, image_id, folder_id, token_hash, permission, password_hash,
              show_metadata, expires_at, max_views, current_views, download_count, is_active,
              grant_key, created_at, last_accessed_at)
    on shares to gallery_visitor;
grant update (current_views, download_count, last_accessed_at, password_hash)
    on shares to gallery_visitor;
create policy shares_by_token on shares for select to gallery_visitor
    using (token_hash = app_share_token_hash());
create policy shares_count_by_token on shares for update to gallery_visitor
    using (token_hash = app_share_token_hash()) with check (token_hash = app_share_token_hash());

-- The images of the transaction's link (listed ones only), and public images.
create function image_is_shared_by_link(p_user_id uuid, p_image_id uuid, p_folder_id uuid)
    returns boolean
    language sql stable
    as $$
select exists (select from shares s
                where s.token_hash = app_share_token_hash() and s.user_id = p_user_id
                  and (s.image_id = p_image_id or s.folder_id = p_folder_id))
$$;
grant execute on function image_is_shared_by_link(uuid, uuid, uuid) to gallery_visitor;

grant select (image_id, user_id, folder_id, status, deleted_at, prompt, negative_prompt, model,
              width, height, seed, params, s3_key, thumbnail_256_key, thumbnail_512_key,
              mime_type, file_size_bytes, content_sha256, is_public, public_show_metadata,
              view_count, download_count, created_at, updated_at)
    on images to gallery_visitor;
grant update (view_count, download_count) on images to gallery_visitor;
create policy images_visible_to_visitor on images for select to gallery_visitor
    using (status = 'ready' and deleted_at is null
           and (is_public or image_is_shared_by_link(user_id, image_id, folder_id)));
create policy images_counted_by_visitor on images for update to gallery_visitor
    using (status = 'ready' and deleted_at is null
           and (is_public or image_is_shared_by_link(user_id, image_id, folder_id)))
    with check (status = 'ready' and deleted_at is null
                and (is_public or image_is_shared_by_link(user_id, image_id, folder_id)));

grant select (folder_id, user_id, name) on folders to gallery_visitor;
create policy folders_by_share_link on folders for select to gallery_visitor
    using (exists (select from shares s
                    where s.token_hash = app_share_token_hash()
                      and s.folder_id = folders.folder_id and s.user_id = folders.user_id));

alter table share_access_failures enable row level security;
alter table share_access_failures force row level security;
-- A visitor counts failures by link and by address (across links), and records its own.
grant select, insert on share_access_failures to gallery_visitor;
create policy share_access_failures_read on share_access_failures for select
    to gallery_visitor using (true);
create policy share_access_failures_record on share_access_failures for insert
    to gallery_visitor
    with check (exists (select from shares s
                         where s.share_id = share_access_failures.share_id
                           and s.token_hash = app_share_token_hash()));
-- The owner sees the failures of their links (the share listing); the worker forgets old ones.
grant select on share_access_failures to gallery_app;
create policy share_access_failures_owner on share_access_failures for select to gallery_app
    using (exists (select from shares s where s.share_id = share_access_failures.share_id));
grant select, delete on share_access_failures to gallery_worker;
create policy share_access_failures_worker on share_access_failures to gallery_worker
    using (true);
