-- Nested folders (issue 20). A folder sits under another of its owner's (parent_id) or at
-- the root; lineage is its path from the root, itself last, kept by folders_place
-- (repeatable): breadcrumbs read it, a subtree is "lineage contains the folder" (GIN), and
-- the depth is its length (at most 16). The database refuses cycles and deeper trees.
alter table folders add column parent_id uuid, add column lineage uuid[];
update folders set lineage = array[folder_id];
alter table folders alter column lineage set not null,
    add constraint folders_lineage_check
        check (cardinality(lineage) between 1 and 16 and lineage[cardinality(lineage)] = folder_id),
    -- no action: a folder with subfolders cannot be deleted alone (the service moves them
    -- first); deleting a whole subtree in one statement passes
    add constraint folders_parent_fkey
        foreign key (parent_id, user_id) references folders (folder_id, user_id);
create index folders_lineage_idx on folders using gin (lineage);
create index folders_parent_idx on folders (user_id, parent_id);

-- A name is taken once per parent (the root included), no longer once per owner.
drop index folders_user_name_key;
create unique index folders_sibling_name_key on folders (user_id, parent_id, lower(name))
    nulls not distinct;

-- The application writes what a user edits; lineage is the database's alone.
revoke update on folders from gallery_app;
grant update (name, description, color, icon, sort_order, parent_id) on folders to gallery_app;

-- Shares and workspace shares of a folder cover its subtree: the roles that decide what
-- visitors, members and the search documents see read the folders' lineage.
grant select (lineage) on folders to gallery_visitor;
grant select (folder_id, user_id, lineage) on folders to gallery_visitor_reader,
    gallery_membership, gallery_worker;
drop policy folders_by_share_link on folders;
create policy folders_by_share_link on folders for select
    to gallery_visitor, gallery_visitor_reader
    using (exists (select from shares s
                    where s.token_hash = app_share_token_hash()
                      and s.is_active and (s.expires_at is null or s.expires_at > now())
                      and s.folder_id = any(folders.lineage) and s.user_id = folders.user_id));
create policy folders_membership on folders for select to gallery_membership using (true);
create policy folders_worker_read on folders for select to gallery_worker using (true);
