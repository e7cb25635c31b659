-- A smart folder shared by link (issue 20): the link shows what the owner's saved search
-- finds at the time of the visit, of the owner's images only. The search runs in the search
-- backend, which no policy can ask: the service runs it as the owner and names what it found
-- in the visitor's transaction (app.share_found, set by the service only, like the token
-- hash); the visitor's policies then show those of the link owner's listed images.
alter table shares add column smart_folder_id uuid,
    add constraint shares_smart_folder_fkey foreign key (smart_folder_id, user_id)
        references smart_folders (smart_folder_id, user_id) on delete cascade,
    drop constraint shares_check,
    add constraint shares_one_target check (num_nonnulls(image_id, folder_id, smart_folder_id) = 1);
create index shares_smart_folder_idx on shares (smart_folder_id) where smart_folder_id is not null;
grant select (smart_folder_id) on shares to gallery_visitor, gallery_visitor_reader;

create function app_share_found() returns uuid[]
    language sql stable
    as $$
select coalesce(nullif(current_setting('app.share_found', true), '')::uuid[], '{}')
$$;
grant execute on function app_share_found() to gallery_visitor, gallery_visitor_reader;

-- the page shows the smart folder's name, as a folder link shows its folder's
grant select (smart_folder_id, user_id, name) on smart_folders to gallery_visitor;
create policy smart_folders_by_share_link on smart_folders for select to gallery_visitor
    using (exists (select from shares s
                    where s.token_hash = app_share_token_hash()
                      and s.is_active and (s.expires_at is null or s.expires_at > now())
                      and s.smart_folder_id = smart_folders.smart_folder_id
                      and s.user_id = smart_folders.user_id));

-- the live link showing metadata: now says whether it is a smart folder's
create or replace view visitor_metadata_link as
select s.user_id, s.image_id, s.folder_id, s.smart_folder_id from shares s
 where s.token_hash = app_share_token_hash() and s.is_active
   and (s.expires_at is null or s.expires_at > now()) and s.show_metadata;
