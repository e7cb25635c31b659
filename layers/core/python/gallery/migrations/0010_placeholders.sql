-- A placeholder per image (ThumbHash, ~25 bytes as base64): the grid lays out at the right
-- aspect ratio and paints a blurred preview before any thumbnail arrives. Made at ingest;
-- `gallery backfill-placeholders` makes the missing ones.

alter table images add column placeholder text check (length(placeholder) <= 120);

-- The back-fill finds the images without one (it writes them as their owners).
grant select (placeholder, thumbnail_256_key) on images to gallery_worker;
grant select (placeholder) on images to gallery_visitor;
