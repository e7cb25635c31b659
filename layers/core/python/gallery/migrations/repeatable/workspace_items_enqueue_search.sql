-- An image's search document lists the workspaces that see it: sharing an image or a folder
-- into a workspace (or taking it out) re-queues the images concerned, a folder's whole
-- subtree. Runs as gallery_membership, which reads the folders' images whoever takes the
-- folder out.
create or replace function workspace_items_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
declare
    item workspace_items := coalesce(new, old);
begin
    if item.image_id is not null then
        insert into search_outbox (image_id, user_id) values (item.image_id, item.user_id);
    else
        insert into search_outbox (image_id, user_id)
        select i.image_id, i.user_id from images i
         where i.user_id = item.user_id and i.status = 'ready' and i.deleted_at is null
           and i.folder_id in (select f.folder_id from folders f
                                where f.user_id = item.user_id
                                  and f.lineage @> array[item.folder_id]);
    end if;
    return null;
end
$$;
