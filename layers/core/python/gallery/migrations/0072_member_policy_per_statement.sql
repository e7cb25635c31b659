-- A workspace member's policy on images ran app_workspace_image(image_id) for every row a
-- statement read: SECURITY DEFINER, so never inlined, ~70 µs a row. A workspace's page
-- checked each of its images three times (gathered, paged, counted): 0.1 s for a folder
-- of 334 images, 12 s for one of 33,334 (bench/README.md's cost curves). Written against
-- what the caller is shown, computed once per statement (hashed sub-plans), a row costs a
-- hash probe. app_workspace_image stays for the one-row checks (stars, ratings, tags).

-- The folders shared into the caller's workspaces and their subtrees (a subfolder made
-- later included), and the images shared one by one.
create function app_member_folders() returns table (user_id uuid, folder_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$
select distinct f.user_id, f.folder_id
  from workspace_members m
  join workspace_items wi on wi.workspace_id = m.workspace_id and wi.folder_id is not null
  join folders f on f.user_id = wi.user_id and f.lineage @> array[wi.folder_id]
 where m.user_id = app_current_user_id()
$$;
create function app_member_images() returns setof uuid
    language sql stable security definer set search_path = public, pg_temp
    as $$
select wi.image_id
  from workspace_members m
  join workspace_items wi on wi.workspace_id = m.workspace_id and wi.image_id is not null
 where m.user_id = app_current_user_id()
$$;
alter function app_member_folders() owner to gallery_membership;
alter function app_member_images() owner to gallery_membership;
revoke execute on function app_member_folders(), app_member_images() from public;
grant execute on function app_member_folders(), app_member_images() to gallery_app;

drop policy images_workspace_member on images;
create policy images_workspace_member on images for select to gallery_app
    using (user_id <> (select app_current_user_id())
           and status = 'ready' and deleted_at is null
           and (image_id in (select app_member_images())
                or (user_id, folder_id) in (select * from app_member_folders())));
