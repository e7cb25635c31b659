-- Collapsed search shows a variation stack by its head: the newest of the owner's listed
-- images of the stack (the indexer computes it; the trigger requeues a stack's head when
-- its members change).
alter table search_documents add column stack_head boolean not null default true;
create index search_documents_owner_heads_idx on search_documents (owner_id, created_at, image_id)
    where stack_head;
grant select (created_at, status, deleted_at) on images to gallery_worker;
