-- The preview rendition for the image view: long side 1536 px (or the original's, if
-- smaller), AVIF with a WebP fallback, no metadata. Its bytes count in
-- thumbnails_size_bytes (every derived object is the user's storage).

alter table images
    add column preview_avif_key text,
    add column preview_webp_key text;
