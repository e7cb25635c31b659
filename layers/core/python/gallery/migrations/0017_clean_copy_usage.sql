-- The copy without metadata that share links and public images serve (made on first need)
-- is derived storage like the thumbnails: counted in its owner's usage while it exists.
-- The scheduled maintenance deletes copies older than 30 days (a later visit remakes one),
-- and gives their bytes back.

alter table images
    add column clean_copy_bytes   bigint check (clean_copy_bytes > 0),
    add column clean_copy_made_at timestamptz,
    add check ((clean_copy_bytes is null) = (clean_copy_made_at is null));

create index images_clean_copy_made_idx on images (clean_copy_made_at)
    where clean_copy_made_at is not null;

-- The maintenance finds old copies (and expires them as each image's owner).
grant select (clean_copy_made_at) on images to gallery_worker;

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
        old_bytes := old.file_size_bytes + old.thumbnails_size_bytes
                     + coalesce(old.clean_copy_bytes, 0);
        old_count := 1;
        old_saved := coalesce(old.uploaded_size_bytes - old.file_size_bytes, 0);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'ready' then
        new_bytes := new.file_size_bytes + new.thumbnails_size_bytes
                     + coalesce(new.clean_copy_bytes, 0);
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

-- Bookkeeping of the copy changes nothing a search document holds.
create or replace function images_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
declare
    unindexed constant text[] := '{view_count,download_count,updated_at,recompression,
        file_size_bytes,uploaded_size_bytes,recompressed_etag,clean_copy_bytes,
        clean_copy_made_at}';
begin
    if tg_op = 'UPDATE' and to_jsonb(old) - unindexed = to_jsonb(new) - unindexed then
        return null;
    end if;
    insert into search_outbox (image_id, user_id)
    values (coalesce(new.image_id, old.image_id), coalesce(new.user_id, old.user_id));
    return null;
end
$$;
