-- The search indexer runs as the worker: it drains the outbox and reads the current state
-- of the images it names (the text it has to index, across users), nothing else.

grant select, update, delete on search_outbox to gallery_worker;
grant select (prompt, negative_prompt, model, width, height, created_at, is_public,
              is_favorite, folder_id) on images to gallery_worker;
grant select (tag_id, user_id, name) on tags to gallery_worker;
grant select (image_id, tag_id) on image_tags to gallery_worker;
create policy tags_worker_read on tags for select to gallery_worker using (true);
create policy image_tags_worker_read on image_tags for select to gallery_worker using (true);
