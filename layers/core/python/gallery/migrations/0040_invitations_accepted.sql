-- Membership is an invitation the invitee accepts (issue 15, finding 7). An owner invites an
-- address, with or without an account, and gets the same answer either way (nothing tells
-- whether the address has one); the invitation waits until somebody signed in with that
-- verified address accepts or declines it. Only an acceptance makes a membership: new
-- accounts no longer join by signing in.

drop trigger users_redeem_invitations on users;
drop function users_redeem_invitations();

-- Invitees name an invitation by its id (its address is the invitee's own).
alter table workspace_invitations
    add column invitation_id uuid not null unique default gen_random_uuid();

-- The caller's recorded address: only verified addresses are ever recorded (gallery.auth).
create function app_current_email() returns text
    language sql stable security definer set search_path = public, pg_temp
    as $$ select lower(email) from users where user_id = app_current_user_id() $$;

-- The invitations addressed to the caller, with what they need to decide: the workspace's
-- name and who invited them. Nothing else of the workspace shows before they accept.
grant select (workspace_id, name) on workspaces to gallery_membership;
create policy workspaces_membership on workspaces for select to gallery_membership
    using (true);

create function app_my_invitations()
    returns table (invitation_id uuid, workspace_id uuid, workspace_name text, role text,
                   invited_by_email text, invited_at timestamptz)
    language sql stable security definer set search_path = public, pg_temp
    as $$
select i.invitation_id, i.workspace_id, w.name, i.role, u.email, i.invited_at
  from workspace_invitations i
  join workspaces w on w.workspace_id = i.workspace_id
  left join users u on u.user_id = i.invited_by
 where i.email = app_current_email()
 order by i.invited_at, i.invitation_id
$$;

-- Accepting turns the caller's own invitation into their membership, with its role; the
-- workspace's id, or null if there is no such invitation for the caller's address.
create function app_accept_invitation(p_invitation_id uuid) returns uuid
    language sql volatile security definer set search_path = public, pg_temp
    as $$
with taken as (
    delete from workspace_invitations
     where invitation_id = p_invitation_id and email = app_current_email()
    returning workspace_id, role
), joined as (
    insert into workspace_members (workspace_id, user_id, role)
    select workspace_id, app_current_user_id(), role from taken
    on conflict (workspace_id, user_id) do nothing
)
select workspace_id from taken
$$;

create function app_decline_invitation(p_invitation_id uuid) returns boolean
    language sql volatile security definer set search_path = public, pg_temp
    as $$
with gone as (
    delete from workspace_invitations
     where invitation_id = p_invitation_id and email = app_current_email()
    returning 1
)
select exists (select from gone)
$$;

alter function app_current_email() owner to gallery_membership;
alter function app_my_invitations() owner to gallery_membership;
alter function app_accept_invitation(uuid) owner to gallery_membership;
alter function app_decline_invitation(uuid) owner to gallery_membership;
revoke execute on function app_current_email(), app_my_invitations(),
    app_accept_invitation(uuid), app_decline_invitation(uuid) from public;
grant execute on function app_current_email(), app_my_invitations(),
    app_accept_invitation(uuid), app_decline_invitation(uuid) to gallery_app;

-- Invitations sent, per inviting user, for the rate limit: the invite takes a per-user lock,
-- counts the window's rows and adds one in the same transaction, so parallel requests cannot
-- pass the limit. Each user's rows past the window are dropped as they invite again.
create table invitation_sends (
    send_id bigint generated always as identity primary key,
    user_id uuid not null references users on delete cascade,
    sent_at timestamptz not null default now()
);
create index invitation_sends_user_idx on invitation_sends (user_id, sent_at);

alter table invitation_sends enable row level security;
alter table invitation_sends force row level security;
grant select, insert, delete on invitation_sends to gallery_app;
create policy invitation_sends_own on invitation_sends to gallery_app
    using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

-- Nothing looks an account up by its address any more: not even owners may ask.
revoke execute on function app_workspace_candidate(uuid, text) from gallery_app;
