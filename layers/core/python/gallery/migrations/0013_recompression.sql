-- Lossless recompression of PNG originals, for the plans that opt in (configuration). Ingest
-- (or `gallery backfill`, for older images) marks a PNG original `pending`; a background job
-- takes each pending image once and replaces the object only with a smaller file that decodes
-- to the same pixels and keeps every metadata chunk.

alter table images
    -- null: not wanted; pending; started (taken by the job); then what came of it
    add column recompression       text check (recompression ~ '^[a-z_:0-9]{1,40}$'),
    -- the size as uploaded, kept once the original has been replaced by a smaller file
    add column uploaded_size_bytes bigint check (uploaded_size_bytes > 0),
    -- the replacement's ETag: ingest recognises the job's own write and leaves it alone
    add column recompressed_etag   text check (length(recompressed_etag) <= 200);

-- The job's queue: only what is wanted and not taken yet.
create index images_recompress_pending_idx on images (image_id)
    where recompression = 'pending' and status = 'ready' and deleted_at is null;

-- The worker takes pending images (across users) and queues the older ones of the plans that
-- opted in; reading and replacing the file is done as the image's owner.
grant select (mime_type, recompression) on images to gallery_worker;
grant update (recompression) on images to gallery_worker;
create policy images_worker_recompression on images for update to gallery_worker
    using (true) with check (true);
grant select (user_id, plan) on users to gallery_worker;
create policy users_worker_read on users for select to gallery_worker using (true);

-- Bytes saved so far, kept beside the usage they were taken from.
alter table storage_usage add column recompression_saved_bytes bigint not null default 0
    check (recompression_saved_bytes >= 0);

create or replace function images_account_storage() returns trigger
    language plpgsql
    as $$
declare
    old_bytes bigint := 0;
    new_bytes bigint := 0;
    old_count integer := 0;
    new_count integer := 0;
    old_saved bigint := 0;
    new_saved bigint := 0;
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'ready' then
        old_bytes := old.file_size_bytes + old.thumbnails_size_bytes;
        old_count := 1;
        old_saved := coalesce(old.uploaded_size_bytes - old.file_size_bytes, 0);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'ready' then
        new_bytes := new.file_size_bytes + new.thumbnails_size_bytes;
        new_count := 1;
        new_saved := coalesce(new.uploaded_size_bytes - new.file_size_bytes, 0);
    end if;
    if old_bytes <> new_bytes or old_count <> new_count or old_saved <> new_saved then
        update storage_usage
           set used_bytes = used_bytes + new_bytes - old_bytes,
               image_count = image_count + new_count - old_count,
               recompression_saved_bytes = recompression_saved_bytes + new_saved - old_saved,
               updated_at = now()
         where user_id = coalesce(new.user_id, old.user_id);
    end if;
    return null;
end
$$;

-- Recompression changes nothing a search document holds (sizes are not in it).
create or replace function images_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
declare
    unindexed constant text[] := '{view_count,download_count,updated_at,recompression,
        file_size_bytes,uploaded_size_bytes,recompressed_etag}';
begin
    if tg_op = 'UPDATE' and to_jsonb(old) - unindexed = to_jsonb(new) - unindexed then
        return null;
    end if;
    insert into search_outbox (image_id, user_id)
    values (coalesce(new.image_id, old.image_id), coalesce(new.user_id, old.user_id));
    return null;
end
$$;

-- Visitors of links and public images get the preview rendition too (pixels only, no
-- metadata: it never needs a copy without metadata).
grant select (preview_avif_key, preview_webp_key) on images to gallery_visitor;
