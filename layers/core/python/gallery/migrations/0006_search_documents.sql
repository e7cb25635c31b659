-- The PostgreSQL search backend: the same documents the OpenSearch index holds, with the
-- prompt's terms (Korean morphemes from mecab-ko-dic, nori's dictionary, and stemmed
-- English words, computed by the indexer) in a tsvector. Written by the indexer only;
-- read by the application under row-level security.

create table search_documents (
    image_id      uuid primary key,
    owner_id      uuid not null,
    workspace_ids uuid[] not null default '{}',
    -- the highest outbox id that named the image: a late write never replaces a newer one
    version       bigint not null,
    prompt        text not null,
    terms         tsvector not null,
    tags          text[] not null default '{}',  -- lower-cased, as the keyword normaliser
    model         text,
    width         integer not null,
    height        integer not null,
    created_at    timestamptz not null,
    is_public     boolean not null,
    is_favorite   boolean not null,
    folder_id     uuid
);

create index search_documents_terms_idx on search_documents using gin (terms);
create index search_documents_tags_idx on search_documents using gin (tags);
create index search_documents_owner_idx on search_documents (owner_id, created_at, image_id);

alter table search_documents enable row level security;
alter table search_documents force row level security;

-- Visibility as in the OpenSearch query: the owner (workspace members follow with
-- workspaces).
create policy search_documents_owner on search_documents for select to gallery_app
    using (owner_id = app_current_user_id());
grant select on search_documents to gallery_app;

create policy search_documents_worker on search_documents to gallery_worker
    using (true) with check (true);
grant select, insert, update, delete on search_documents to gallery_worker;

-- A reindex enqueues every listed image through the outbox, as the triggers do.
grant insert on search_outbox to gallery_worker;

-- A tag's new name changes the documents of every image that has it (deleting a tag
-- deletes its image_tags rows, whose trigger already queues them).
create function tags_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    insert into search_outbox (image_id, user_id)
    select it.image_id, it.user_id from image_tags it where it.tag_id = new.tag_id;
    return null;
end
$$;
create trigger tags_enqueue_search after update of name on tags
    for each row when (old.name is distinct from new.name)
    execute function tags_enqueue_search();
