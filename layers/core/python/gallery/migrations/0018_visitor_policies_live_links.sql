-- A visitor's policies say what the API does (issue 15, finding 12): a link shows its images
-- and its folder only while it is live. A revoked or expired link's token hash used to keep
-- reading its private image row. (A link whose views are used up stays readable through the
-- grants it gave, for their hour: that is decided in the API, which refuses new views.)
create or replace function image_is_shared_by_link(p_user_id uuid, p_image_id uuid,
                                                   p_folder_id uuid)
    returns boolean
    language sql stable
    as $$
select exists (select from shares s
                where s.token_hash = app_share_token_hash() and s.user_id = p_user_id
                  and s.is_active and (s.expires_at is null or s.expires_at > now())
                  and (s.image_id = p_image_id or s.folder_id = p_folder_id))
$$;

drop policy folders_by_share_link on folders;
create policy folders_by_share_link on folders for select to gallery_visitor
    using (exists (select from shares s
                    where s.token_hash = app_share_token_hash()
                      and s.is_active and (s.expires_at is null or s.expires_at > now())
                      and s.folder_id = folders.folder_id and s.user_id = folders.user_id));
