-- Trash: a deleted image keeps its row (and counts in storage) until the trash is emptied,
-- on request or by the scheduled purge after the retention period.

create index images_user_trash_idx on images (user_id, deleted_at, image_id)
    where status = 'ready' and deleted_at is not null;

-- The maintenance job finds work across users (old trash, expired reservations) as the
-- worker, then acts as each user through the application's own code and policies: the
-- worker reads these columns only, and changes nothing in images itself.
grant select (image_id, user_id, status, deleted_at, reservation_expires_at)
    on images to gallery_worker;
create policy images_worker_read on images for select to gallery_worker using (true);
