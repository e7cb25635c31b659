-- Whether the caller sees a listed image through one of their workspaces (shared itself,
-- or a folder above it is).
create or replace function app_workspace_image(p_image_id uuid) returns boolean
    language sql stable security definer set search_path = public, pg_temp
    as $$
select exists (
    select 1 from images i
      join workspace_items wi on wi.image_id = i.image_id
      join workspace_members m
        on m.workspace_id = wi.workspace_id and m.user_id = app_current_user_id()
     where i.image_id = p_image_id and i.status = 'ready' and i.deleted_at is null
    union all
    select 1 from images i
      join folders f on f.folder_id = i.folder_id
      join workspace_items wi on wi.user_id = i.user_id and wi.folder_id = any(f.lineage)
      join workspace_members m
        on m.workspace_id = wi.workspace_id and m.user_id = app_current_user_id()
     where i.image_id = p_image_id and i.status = 'ready' and i.deleted_at is null)
$$;
