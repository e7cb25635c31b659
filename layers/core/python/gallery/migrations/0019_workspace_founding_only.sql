-- The founder's own membership is inserted as the workspace is created, and only then
-- (issue 15, finding 12): a user named in a workspace's owner_id could re-insert itself as
-- its owner at any later time, e.g. after being removed. now() is the transaction's start:
-- equal only to the created_at of a workspace made in this same transaction.
drop policy workspace_members_found on workspace_members;
create policy workspace_members_found on workspace_members for insert to gallery_app
    with check (user_id = app_current_user_id() and role = 'owner'
                and exists (select from workspaces w
                             where w.workspace_id = workspace_members.workspace_id
                               and w.owner_id = app_current_user_id()
                               and w.created_at = now()));
