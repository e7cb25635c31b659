-- A visitor reads an image's prompt and generation parameters only where the API shows them
-- (issue 15, finding 12): a public image whose owner chose public_show_metadata, or an image
-- of the transaction's live link made with show_metadata. The visitor role used to read
-- these columns of every public image and of every image of its link.
--
-- The visitor loses the columns themselves; it reads images through the view
-- visitor_visible_images, which gives them only where they are shown (null elsewhere). The
-- view belongs to gallery_visitor_reader, a role without login whose policy on images is
-- the visitor's own (ready, not in the trash, public or in the live link): the view shows
-- the visitor no row it could not already read.

do $$
begin
    if not exists (select from pg_roles where rolname = 'gallery_visitor_reader') then
        create role gallery_visitor_reader nologin;
    end if;
end
$$;
grant gallery_visitor_reader to current_user;

grant usage on schema public to gallery_visitor_reader;
grant select (image_id, user_id, folder_id, status, deleted_at, prompt, negative_prompt, model,
              width, height, seed, params, s3_key, thumbnail_256_key, thumbnail_512_key,
              mime_type, file_size_bytes, content_sha256, is_public, public_show_metadata,
              placeholder, preview_avif_key, preview_webp_key, created_at)
    on images to gallery_visitor_reader;
create policy images_read_for_visitors on images for select to gallery_visitor_reader
    using (status = 'ready' and deleted_at is null
           and (is_public or image_is_shared_by_link(user_id, image_id, folder_id)));
grant execute on function app_share_token_hash() to gallery_visitor_reader;
grant select (token_hash, user_id, image_id, folder_id, is_active, expires_at, show_metadata)
    on shares to gallery_visitor_reader;
create policy shares_read_for_visitors on shares for select to gallery_visitor_reader
    using (token_hash = app_share_token_hash());

-- The transaction's live link if it shows metadata: at most one row (token hashes are
-- unique). The view below reads it in uncorrelated subqueries, which run once per query
-- (a join or a CTE would cost the listing its index order and keyset).
create view visitor_metadata_link as
select s.user_id, s.image_id, s.folder_id from shares s
 where s.token_hash = app_share_token_hash() and s.is_active
   and (s.expires_at is null or s.expires_at > now()) and s.show_metadata;

create view visitor_visible_images as
select i.image_id, i.user_id, i.folder_id, i.status, i.deleted_at,
       case when shown.metadata then i.prompt end as prompt,
       case when shown.metadata then i.negative_prompt end as negative_prompt,
       case when shown.metadata then i.model end as model,
       case when shown.metadata then i.seed end as seed,
       case when shown.metadata then i.params end as params,
       i.width, i.height, i.s3_key, i.thumbnail_256_key, i.thumbnail_512_key, i.mime_type,
       i.file_size_bytes, i.content_sha256, i.is_public, i.public_show_metadata,
       i.placeholder, i.preview_avif_key, i.preview_webp_key, i.created_at
  from images i
 cross join lateral (
       select (i.is_public and i.public_show_metadata)
              or coalesce(i.user_id = (select user_id from visitor_metadata_link)
                          and (i.image_id = (select image_id from visitor_metadata_link)
                               or i.folder_id = (select folder_id from visitor_metadata_link)),
                          false) as metadata
 ) shown;
alter view visitor_metadata_link owner to gallery_visitor_reader;
alter view visitor_visible_images owner to gallery_visitor_reader;
grant select on visitor_visible_images to gallery_visitor;

revoke select (prompt, negative_prompt, model, seed, params) on images from gallery_visitor;
