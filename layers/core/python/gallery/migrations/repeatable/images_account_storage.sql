-- What an image's storage costs its owner (original, renditions, the clean copy while it
-- exists) and what recompression saved, kept in storage_usage by every write.
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
