-- A change to what a search document holds queues the image for the indexer; bookkeeping
-- columns (counts, sizes, recompression, the clean copy) do not.
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
