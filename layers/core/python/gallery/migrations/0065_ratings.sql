-- Ratings, 1 to 5, personal like stars: an owner rates their own images (images.rating;
-- 0 is unrated, so that listings sort and page by it with an index), a workspace's members
-- rate its images for themselves (image_ratings). Search documents hold the owner's rating.
alter table images add column rating smallint not null default 0
    check (rating between 0 and 5);
create index images_user_rating_idx on images (user_id, rating, image_id)
    where status = 'ready' and deleted_at is null;

create table image_ratings (
    user_id  uuid not null references users on delete cascade,
    image_id uuid not null references images on delete cascade,
    rating   smallint not null check (rating between 1 and 5),
    primary key (user_id, image_id)
);
alter table image_ratings enable row level security;
alter table image_ratings force row level security;
grant select, insert, update, delete on image_ratings to gallery_app;
create policy image_ratings_own on image_ratings to gallery_app
    using (user_id = app_current_user_id())
    with check (user_id = app_current_user_id() and app_workspace_image(image_id));

alter table search_documents add column rating smallint not null default 0;
grant select (rating) on images to gallery_worker;
