-- The back-fill also finds images without a preview rendition.
grant select (preview_avif_key) on images to gallery_worker;
