-- Search documents gain the sampler (for the samplers facet, as the generator wrote it:
-- issue 19 brings canonical sampler ids) and the names a query finds the model by, its own
-- and its family's in lower case (gallery.search.expansion.model_names), so that matching
-- a model is an index lookup. The indexer writes both; the names of the documents written
-- before are filled here, the samplers by `gallery reindex`.
alter table search_documents
    add column sampler text,
    add column model_names text[] not null default '{}';

update search_documents
   set model_names = array_remove(array[lower(model),
                                        nullif(regexp_replace(lower(model), '[-_ .:].*$', ''),
                                               lower(model))], null)
 where model is not null;

create index search_documents_model_names_idx on search_documents using gin (model_names);

-- the indexer reads the sampler from the image's generation parameters
grant select (params) on images to gallery_worker;
