-- Search documents gain the generation data that parameter search filters by (the indexer
-- writes them from images' typed columns; gallery.search.backend.Filters). `sampler` now
-- holds the canonical id (gallery.generation.samplers), no longer the generator's spelling.
alter table search_documents
    add column generator  text,
    add column steps      integer,
    add column cfg_scale  double precision,
    add column scheduler  text,
    add column seed       bigint,
    add column model_hash text,  -- lower-case hex, no prefix: matched by its start
    -- [{name (lower case), weight}], and the names alone for the index
    add column loras      jsonb not null default '[]',
    add column lora_names text[] not null default '{}',
    add column stack_id   uuid;

create index search_documents_lora_names_idx on search_documents using gin (lora_names);

-- the indexer reads them from the images
grant select (generator, steps, cfg_scale, sampler, scheduler, seed, model_hash, loras,
              stack_id) on images to gallery_worker;
