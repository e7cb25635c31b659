-- Co-members see each other's e-mail address and nothing else of their accounts. A policy
-- on users gave whole rows (plan included: column privileges cannot differ per policy), so
-- the member list reads addresses through a function of gallery_membership instead.

drop policy users_co_members on users;

create function app_member_addresses(p_workspace_id uuid)
    returns table (user_id uuid, email text)
    language sql stable security definer set search_path = public, pg_temp
    as $$
select u.user_id, u.email
  from workspace_members m join users u on u.user_id = m.user_id
 where m.workspace_id = p_workspace_id and app_workspace_role(p_workspace_id) is not null
$$;
alter function app_member_addresses(uuid) owner to gallery_membership;
revoke execute on function app_member_addresses(uuid) from public;
grant execute on function app_member_addresses(uuid) to gallery_app;
