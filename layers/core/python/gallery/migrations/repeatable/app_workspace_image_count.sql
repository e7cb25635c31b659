-- How many images a workspace lists, for one of its members (its listing's total when
-- nothing narrows it): as the membership role, whose policy reads nothing of a row, each
-- shared folder's by an index-only scan (33,334 images: ~10 ms, where a count through the
-- member's policy reads every row).
create function app_workspace_image_count(p_workspace_id uuid) returns bigint
    language sql stable security definer set search_path = public, pg_temp
    as $$
select count(*) from (
    select shared.image_id from app_workspace_folders(p_workspace_id) wf
     cross join lateral (select image_id from images
                          where images.user_id = wf.user_id and images.folder_id = wf.folder_id
                            and images.status = 'ready' and images.deleted_at is null
                         offset 0) shared
    union
    select i.image_id from workspace_items wi join images i using (image_id)
     where wi.workspace_id = p_workspace_id and i.status = 'ready' and i.deleted_at is null
       and exists (select from workspace_members m
                    where m.workspace_id = p_workspace_id and m.user_id = app_current_user_id())
) listed
$$;
alter function app_workspace_image_count(uuid) owner to gallery_membership;
revoke execute on function app_workspace_image_count(uuid) from public;
grant execute on function app_workspace_image_count(uuid) to gallery_app;
