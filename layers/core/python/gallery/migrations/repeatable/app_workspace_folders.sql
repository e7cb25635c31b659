-- The folders a workspace holds, for one of its members: those shared into it and their
-- subtrees (a subfolder made later included), with their lineage.
create or replace function app_workspace_folders(p_workspace_id uuid)
    returns table (user_id uuid, folder_id uuid, lineage uuid[])
    language sql stable security definer set search_path = public, pg_temp
    as $$
select distinct f.user_id, f.folder_id, f.lineage
  from workspace_items wi
  join folders f on f.user_id = wi.user_id and f.lineage @> array[wi.folder_id]
 where wi.workspace_id = p_workspace_id and wi.folder_id is not null
   and exists (select from workspace_members m
                where m.workspace_id = p_workspace_id and m.user_id = app_current_user_id())
$$;
alter function app_workspace_folders(uuid) owner to gallery_membership;
revoke execute on function app_workspace_folders(uuid) from public;
grant execute on function app_workspace_folders(uuid) to gallery_app;
