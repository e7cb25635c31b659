-- A change to what a search document holds queues the image for the indexer; bookkeeping
-- columns (counts, sizes, recompression, the clean copy) do not. A change to which images a
-- variation stack lists also queues the stack's newest other image: whether it heads the
-- stack (documents' stack_head) may have changed with it.
create or replace function images_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
declare
    unindexed constant text[] := '{view_count,download_count,updated_at,recompression,
        file_size_bytes,uploaded_size_bytes,recompressed_etag,clean_copy_bytes,
        clean_copy_made_at}';
    stacks uuid[];
begin
    if tg_op = 'UPDATE' and to_jsonb(old) - unindexed = to_jsonb(new) - unindexed then
        return null;
    end if;
    insert into search_outbox (image_id, user_id)
    values (coalesce(new.image_id, old.image_id), coalesce(new.user_id, old.user_id));
    if tg_op <> 'UPDATE' or old.stack_id is distinct from new.stack_id
       or old.status is distinct from new.status
       or old.deleted_at is distinct from new.deleted_at
       or old.created_at is distinct from new.created_at then
        stacks := array_remove(array[old.stack_id, new.stack_id], null);
    end if;
    if stacks is not null and cardinality(stacks) > 0 then
        insert into search_outbox (image_id, user_id)
        select head.image_id, head.user_id
          from unnest(stacks) as s(stack_id)
         cross join lateral (
               select j.image_id, j.user_id from images j
                where j.user_id = coalesce(new.user_id, old.user_id)
                  and j.stack_id = s.stack_id and j.status = 'ready' and j.deleted_at is null
                  and j.image_id <> coalesce(new.image_id, old.image_id)
                order by j.created_at desc, j.image_id desc
                limit 1) head;
    end if;
    return null;
end
$$;
