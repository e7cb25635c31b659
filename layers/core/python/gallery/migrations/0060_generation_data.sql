-- Generation data as typed, normalised columns (gallery.generation): what parameter search,
-- variation stacks, compare and recall read. `params` keeps the settings as the tool wrote
-- them. Filled at ingest; images ingested before are filled by `gallery backfill
-- generation` (it reads their originals' chunks again).
alter table images
    add column generator          text check (generator in ('a1111', 'forge', 'comfyui',
                                      'invokeai', 'novelai', 'fooocus', 'swarmui', 'unknown')),
    add column steps              integer check (steps between 1 and 10000),
    add column cfg_scale          double precision check (cfg_scale between 0 and 100),
    add column sampler            text check (length(sampler) <= 255),
    add column scheduler          text check (length(scheduler) <= 255),
    add column model_hash         text check (length(model_hash) <= 128),
    add column vae                text check (length(vae) <= 255),
    -- [{name, weight, hash}], at most 50
    add column loras              jsonb not null default '[]'
                                  check (jsonb_typeof(loras) = 'array'),
    add column clip_skip          smallint check (clip_skip between 1 and 24),
    add column denoising_strength double precision check (denoising_strength between 0 and 1),
    add column hires_upscaler     text check (length(hires_upscaler) <= 255),
    add column hires_scale        double precision check (hires_scale > 0 and hires_scale <= 16),
    -- equal for the images of one user whose generation data differs only by seed
    add column stack_id           uuid,
    -- when the typed columns were last derived (null: not yet, the back-fill's to do)
    add column generation_read_at timestamptz;

-- The chunks as the tool wrote them (recall gives back ComfyUI's workflow; a better parser
-- reads them again). Apart from images: large, and read only by recall and the back-fill.
create table image_generation_sources (
    image_id uuid primary key,
    user_id  uuid not null,
    chunks   jsonb not null check (jsonb_typeof(chunks) = 'object'),
    foreign key (image_id, user_id) references images (image_id, user_id) on delete cascade
);
alter table image_generation_sources enable row level security;
alter table image_generation_sources force row level security;
create policy image_generation_sources_owner on image_generation_sources
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());
grant select, insert, update, delete on image_generation_sources to gallery_app;

-- Stacks: an image's variations, newest first.
create index images_user_stack_idx on images (user_id, stack_id, created_at, image_id)
    where status = 'ready' and deleted_at is null and stack_id is not null;

-- `gallery backfill` walks the images not read yet as the worker, then writes as the owner.
grant select (generation_read_at) on images to gallery_worker;
