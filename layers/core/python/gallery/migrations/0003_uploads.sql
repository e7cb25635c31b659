-- Uploads: a pending image row is the quota reservation until its object arrives.
-- Reserved bytes are derived from live pending rows (never a counter that could drift);
-- an expired reservation simply stops counting.

alter table images
    add column reserved_bytes bigint not null default 0 check (reserved_bytes >= 0),
    add column reservation_expires_at timestamptz,
    add column original_filename text check (length(original_filename) <= 255),
    -- the S3 event sequencer of the object version last ingested: replays and out-of-order
    -- deliveries of older events are recognised and skipped
    add column s3_sequencer text,
    add column ingested_at timestamptz;

create index images_user_pending_idx on images (user_id, reservation_expires_at)
    include (reserved_bytes) where status = 'pending';
create index images_pending_expiry_idx on images (reservation_expires_at)
    where status = 'pending';
