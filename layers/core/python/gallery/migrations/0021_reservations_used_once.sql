-- A reservation now holds the declared file size plus the ceiling of what ingest derives
-- from it (gallery.imaging.DERIVED_MAX_BYTES), so usage never passes the quota; the file
-- itself may be no larger than declared. Null: reserved before, when the two were equal.
alter table images add column declared_bytes bigint check (declared_bytes >= 0);

-- The version of the original an image was made from (with s3_sequencer, ingest's claim on
-- its reservation): no other version is ever taken for it, and this one never removed.
alter table images add column s3_version_id text;

-- POST /uploads is rate-limited per user by a token bucket kept on the row every
-- reservation locks already (null: full).
alter table storage_usage add column upload_tokens double precision,
    add column upload_tokens_at timestamptz;

-- Refused uploads are kept a day for their status, then deleted by the maintenance.
create index images_rejected_idx on images (ingested_at) where status = 'rejected';
grant select (ingested_at) on images to gallery_worker;
