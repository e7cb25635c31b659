-- Workspace members search the workspace's images: the PostgreSQL backend's documents are
-- visible to the members of the workspaces they list (as OpenSearch filters them).

create index search_documents_workspaces_idx on search_documents using gin (workspace_ids);

create policy search_documents_workspace_member on search_documents for select to gallery_app
    using (workspace_ids && app_workspace_ids());
