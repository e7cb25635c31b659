-- Invitations for addresses without an account yet: an owner invites an e-mail address with
-- a role; when an account with that (verified) address first appears, the invitation becomes
-- its membership, in the same transaction. Owners see and withdraw their workspace's
-- invitations; nobody else sees them.

create table workspace_invitations (
    workspace_id uuid not null references workspaces on delete cascade,
    email        text not null check (email = lower(email) and length(email) <= 320),
    role         text not null check (role in ('viewer', 'downloader', 'editor', 'owner')),
    invited_by   uuid not null references users on delete cascade,
    invited_at   timestamptz not null default now(),
    primary key (workspace_id, email)
);
create index workspace_invitations_email_idx on workspace_invitations (email);

alter table workspace_invitations enable row level security;
alter table workspace_invitations force row level security;
grant select, insert, update, delete on workspace_invitations to gallery_app;
create policy workspace_invitations_owner on workspace_invitations to gallery_app
    using (app_workspace_role(workspace_id) = 'owner')
    with check (app_workspace_role(workspace_id) = 'owner' and invited_by = app_current_user_id());

-- Redeeming runs as gallery_membership: it turns the address's invitations into memberships.
grant select, delete on workspace_invitations to gallery_membership;
grant insert on workspace_members to gallery_membership;
create policy workspace_invitations_membership on workspace_invitations
    to gallery_membership using (true);
create policy workspace_members_redeem on workspace_members for insert
    to gallery_membership with check (true);

-- An invitation and the account it names can be written at the same moment: both sides
-- take this lock first, so whichever comes second sees the other.
create function app_lock_address(p_email text) returns void
    language sql volatile
    as $$ select pg_advisory_xact_lock(hashtextextended('address:' || lower(p_email), 0)) $$;
grant execute on function app_lock_address(text) to gallery_app, gallery_membership;

create function users_redeem_invitations() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
begin
    if new.email is null then
        return null;
    end if;
    perform app_lock_address(new.email);
    insert into workspace_members (workspace_id, user_id, role)
    select workspace_id, new.user_id, role from workspace_invitations
     where email = lower(new.email)
    on conflict (workspace_id, user_id) do nothing;
    delete from workspace_invitations where email = lower(new.email);
    return null;
end
$$;
alter function users_redeem_invitations() owner to gallery_membership;
create trigger users_redeem_invitations after insert or update of email on users
    for each row execute function users_redeem_invitations();
