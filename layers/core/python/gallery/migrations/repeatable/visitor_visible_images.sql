-- What a visitor reads of an image: prompt and generation data only where the owner shows
-- them (a public image with public_show_metadata, or an image of the transaction's live
-- link made with show_metadata: the link's image, one in its folder's subtree, or one its
-- smart folder found for this visit), null
-- elsewhere; metadata_shown says which. Owned by gallery_visitor_reader (0031).
create or replace view visitor_visible_images as
select i.image_id, i.user_id, i.folder_id, i.status, i.deleted_at,
       case when shown.metadata then i.prompt end as prompt,
       case when shown.metadata then i.negative_prompt end as negative_prompt,
       case when shown.metadata then i.model end as model,
       case when shown.metadata then i.seed end as seed,
       case when shown.metadata then i.params end as params,
       i.width, i.height, i.s3_key, i.thumbnail_256_key, i.thumbnail_512_key, i.mime_type,
       i.file_size_bytes, i.content_sha256, i.is_public, i.public_show_metadata,
       i.placeholder, i.preview_avif_key, i.preview_webp_key, i.created_at,
       shown.metadata as metadata_shown,
       case when shown.metadata then i.generator end as generator,
       case when shown.metadata then i.steps end as steps,
       case when shown.metadata then i.cfg_scale end as cfg_scale,
       case when shown.metadata then i.sampler end as sampler,
       case when shown.metadata then i.scheduler end as scheduler,
       case when shown.metadata then i.model_hash end as model_hash,
       case when shown.metadata then i.vae end as vae,
       case when shown.metadata then i.loras end as loras,
       case when shown.metadata then i.clip_skip end as clip_skip,
       case when shown.metadata then i.denoising_strength end as denoising_strength,
       case when shown.metadata then i.hires_upscaler end as hires_upscaler,
       case when shown.metadata then i.hires_scale end as hires_scale,
       case when shown.metadata then i.stack_id end as stack_id
  from images i
 cross join lateral (
       select (i.is_public and i.public_show_metadata)
              or coalesce(i.user_id = (select user_id from visitor_metadata_link)
                          and (i.image_id = (select image_id from visitor_metadata_link)
                               or exists (select from folders f
                                           where f.folder_id = i.folder_id
                                             and f.lineage @> array[(select folder_id
                                                   from visitor_metadata_link)])
                               or ((select smart_folder_id from visitor_metadata_link)
                                   is not null and i.image_id = any(app_share_found()))),
                          false) as metadata
 ) shown;
