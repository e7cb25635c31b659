-- Team workspaces: members see the workspace, its members and the images and folders shared
-- into it; their role decides what else they may do (viewer < downloader < editor < owner).
--
-- Policies that ask "is the caller a member?" cannot read workspace_members under its own
-- policies (a policy on a table that reads the same table recurses). They call functions
-- that run as gallery_membership, a role without login that may read memberships, shared
-- items and the few image columns they need, nothing else. Not BYPASSRLS (Aurora's
-- administrator cannot grant it): gallery_membership has policies of its own.

do $$
begin
    if not exists (select from pg_roles where rolname = 'gallery_membership') then
        create role gallery_membership nologin;
    end if;
end
$$;
-- The migration role hands the functions below to it (on Aurora it holds ADMIN on the roles
-- it created, and needs membership to change an owner).
grant gallery_membership to current_user;

-- The images and folders shared into a workspace, by their owners.
create table workspace_items (
    item_id      uuid primary key default gen_random_uuid(),
    workspace_id uuid not null references workspaces on delete cascade,
    user_id      uuid not null references users on delete cascade,  -- owner of what is shared
    image_id     uuid,
    folder_id    uuid,
    added_at     timestamptz not null default now(),
    foreign key (image_id, user_id) references images (image_id, user_id) on delete cascade,
    foreign key (folder_id, user_id) references folders (folder_id, user_id) on delete cascade,
    check ((image_id is null) <> (folder_id is null))
);
create unique index workspace_items_image_key on workspace_items (workspace_id, image_id)
    where image_id is not null;
create unique index workspace_items_folder_key on workspace_items (workspace_id, folder_id)
    where folder_id is not null;
create index workspace_items_image_idx on workspace_items (image_id) where image_id is not null;
create index workspace_items_folder_idx on workspace_items (user_id, folder_id)
    where folder_id is not null;

-- A member's own star on an image somebody else owns (an owner's star stays on the image):
-- favourites are personal.
create table image_stars (
    user_id    uuid not null references users on delete cascade,
    image_id   uuid not null references images on delete cascade,
    created_at timestamptz not null default now(),
    primary key (user_id, image_id)
);
create index image_stars_image_idx on image_stars (image_id);

-- --- what gallery_membership may read -------------------------------------------------------

grant usage on schema public to gallery_membership;
grant execute on function app_current_user_id() to gallery_membership;
grant select on workspace_members, workspace_items to gallery_membership;
grant select (image_id, user_id, folder_id, status, deleted_at) on images to gallery_membership;
grant select (tag_id, name) on tags to gallery_membership;
grant select (image_id, tag_id) on image_tags to gallery_membership;
grant select (user_id, email) on users to gallery_membership;
create policy workspace_members_membership on workspace_members for select
    to gallery_membership using (true);
create policy workspace_items_membership on workspace_items for select
    to gallery_membership using (true);
create policy images_membership on images for select to gallery_membership using (true);
create policy tags_membership on tags for select to gallery_membership using (true);
create policy image_tags_membership on image_tags for select to gallery_membership using (true);
create policy users_membership on users for select to gallery_membership using (true);

-- The caller's role in a workspace, or null.
create function app_workspace_role(p_workspace_id uuid) returns text
    language sql stable security definer set search_path = public, pg_temp
    as $$
select role from workspace_members
 where workspace_id = p_workspace_id and user_id = app_current_user_id()
$$;

-- The workspaces the caller belongs to (the search documents' visibility).
create function app_workspace_ids() returns uuid[]
    language sql stable security definer set search_path = public, pg_temp
    as $$
select coalesce(array_agg(workspace_id), '{}') from workspace_members
 where user_id = app_current_user_id()
$$;

-- Whether the caller sees a listed image through one of their workspaces (shared itself, or
-- its folder is).
create function app_workspace_image(p_image_id uuid) returns boolean
    language sql stable security definer set search_path = public, pg_temp
    as $$
select exists (
    select from images i
      join workspace_items wi
        on wi.image_id = i.image_id
        or (wi.folder_id = i.folder_id and wi.user_id = i.user_id)
      join workspace_members m
        on m.workspace_id = wi.workspace_id and m.user_id = app_current_user_id()
     where i.image_id = p_image_id and i.status = 'ready' and i.deleted_at is null)
$$;

-- The tag names of an image the caller sees through a workspace (tags stay their owner's:
-- members read them only this way, one image at a time).
create function app_workspace_image_tags(p_image_id uuid) returns text[]
    language sql stable security definer set search_path = public, pg_temp
    as $$
select coalesce(array_agg(t.name order by lower(t.name)), '{}')
  from image_tags it join tags t on t.tag_id = it.tag_id
 where it.image_id = p_image_id and app_workspace_image(p_image_id)
$$;

-- The account an owner adds by e-mail address; nobody else may look addresses up.
create function app_workspace_candidate(p_workspace_id uuid, p_email text) returns uuid
    language sql stable security definer set search_path = public, pg_temp
    as $$
select u.user_id from users u
 where app_workspace_role(p_workspace_id) = 'owner' and lower(u.email) = lower(p_email)
 order by u.created_at
 limit 1
$$;
grant select (created_at) on users to gallery_membership;

alter function app_workspace_role(uuid) owner to gallery_membership;
alter function app_workspace_ids() owner to gallery_membership;
alter function app_workspace_image(uuid) owner to gallery_membership;
alter function app_workspace_image_tags(uuid) owner to gallery_membership;
alter function app_workspace_candidate(uuid, text) owner to gallery_membership;
grant execute on function app_workspace_role(uuid), app_workspace_ids(),
    app_workspace_image(uuid), app_workspace_image_tags(uuid),
    app_workspace_candidate(uuid, text) to gallery_app;

-- --- the application's policies ---------------------------------------------------------------

drop policy workspaces_owner on workspaces;
drop policy workspace_members_self on workspace_members;
drop policy workspace_members_owner on workspace_members;

create policy workspaces_read on workspaces for select to gallery_app
    using (owner_id = app_current_user_id() or app_workspace_role(workspace_id) is not null);
create policy workspaces_create on workspaces for insert to gallery_app
    with check (owner_id = app_current_user_id());
create policy workspaces_change on workspaces for update to gallery_app
    using (app_workspace_role(workspace_id) = 'owner')
    with check (app_workspace_role(workspace_id) = 'owner');
create policy workspaces_delete on workspaces for delete to gallery_app
    using (app_workspace_role(workspace_id) = 'owner');

create policy workspace_members_read on workspace_members for select to gallery_app
    using (app_workspace_role(workspace_id) is not null);
create policy workspace_members_manage on workspace_members to gallery_app
    using (app_workspace_role(workspace_id) = 'owner')
    with check (app_workspace_role(workspace_id) = 'owner');
-- the founder's own membership, as the workspace is created
create policy workspace_members_found on workspace_members for insert to gallery_app
    with check (user_id = app_current_user_id() and role = 'owner'
                and exists (select from workspaces w
                             where w.workspace_id = workspace_members.workspace_id
                               and w.owner_id = app_current_user_id()));
create policy workspace_members_leave on workspace_members for delete to gallery_app
    using (user_id = app_current_user_id());

-- Co-members' addresses (the member list).
create policy users_co_members on users for select to gallery_app
    using (exists (select from workspace_members m where m.user_id = users.user_id));

alter table workspace_items enable row level security;
alter table workspace_items force row level security;
grant select, insert, delete on workspace_items to gallery_app;
create policy workspace_items_read on workspace_items for select to gallery_app
    using (user_id = app_current_user_id() or app_workspace_role(workspace_id) is not null);
-- editors and owners share their own images and folders, and take out anybody's; an owner
-- of an image may always take it back
create policy workspace_items_add on workspace_items for insert to gallery_app
    with check (user_id = app_current_user_id()
                and app_workspace_role(workspace_id) in ('editor', 'owner'));
create policy workspace_items_remove on workspace_items for delete to gallery_app
    using (user_id = app_current_user_id()
           or app_workspace_role(workspace_id) in ('editor', 'owner'));

-- (select …): the caller's id once per statement, not once per row and policy — listings
-- check 10,000 rows for a count.
drop policy images_owner on images;
create policy images_owner on images
    using (user_id = (select app_current_user_id()))
    with check (user_id = (select app_current_user_id()));
create policy images_workspace_member on images for select to gallery_app
    using (user_id <> (select app_current_user_id()) and app_workspace_image(image_id));

alter table image_stars enable row level security;
alter table image_stars force row level security;
grant select, insert, delete on image_stars to gallery_app;
create policy image_stars_own on image_stars to gallery_app
    using (user_id = app_current_user_id())
    with check (user_id = app_current_user_id() and app_workspace_image(image_id));

-- The worker reads shared items for the search documents.
grant select (workspace_id, user_id, image_id, folder_id) on workspace_items to gallery_worker;
create policy workspace_items_worker_read on workspace_items for select to gallery_worker
    using (true);

-- Deleting an image (into the trash) also takes it out of every workspace.
create or replace function images_end_shares() returns trigger
    language plpgsql
    as $$
begin
    update shares set is_active = false, revoked_at = coalesce(revoked_at, now())
     where image_id = new.image_id and is_active;
    delete from workspace_items where image_id = new.image_id;
    return null;
end
$$;

-- An image's search document lists the workspaces that see it: sharing an image or a folder
-- into a workspace (or taking it out) re-queues the images concerned. Runs as
-- gallery_membership, which reads the folder's images whoever takes the folder out.
grant insert on search_outbox to gallery_membership;
create function workspace_items_enqueue_search() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
declare
    item workspace_items := coalesce(new, old);
begin
    if item.image_id is not null then
        insert into search_outbox (image_id, user_id) values (item.image_id, item.user_id);
    else
        insert into search_outbox (image_id, user_id)
        select i.image_id, i.user_id from images i
         where i.user_id = item.user_id and i.folder_id = item.folder_id
           and i.status = 'ready' and i.deleted_at is null;
    end if;
    return null;
end
$$;
alter function workspace_items_enqueue_search() owner to gallery_membership;
create trigger workspace_items_enqueue_search after insert or delete on workspace_items
    for each row execute function workspace_items_enqueue_search();
