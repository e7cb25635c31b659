-- A visitor's link shows an image (or its folder's subtree, or what its smart folder's
-- search found for this visit: app_share_found) only while the link is live.
create or replace function image_is_shared_by_link(p_user_id uuid, p_image_id uuid,
                                                   p_folder_id uuid)
    returns boolean
    language sql stable
    as $$
select exists (select from shares s
                where s.token_hash = app_share_token_hash() and s.user_id = p_user_id
                  and s.is_active and (s.expires_at is null or s.expires_at > now())
                  and (s.image_id = p_image_id
                       or exists (select from folders f
                                   where f.folder_id = p_folder_id
                                     and f.lineage @> array[s.folder_id])
                       or (s.smart_folder_id is not null
                           and p_image_id = any(app_share_found()))))
$$;
