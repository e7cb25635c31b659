--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app_accept_invitation(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_accept_invitation(p_invitation_id uuid) RETURNS uuid
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.app_accept_invitation(p_invitation_id uuid) OWNER TO gallery_membership;

--
-- Name: app_current_email(); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_current_email() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ select lower(email) from users where user_id = app_current_user_id() $$;


ALTER FUNCTION public.app_current_email() OWNER TO gallery_membership;

--
-- Name: app_current_user_id(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.app_current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ select nullif(current_setting('app.current_user_id', true), '')::uuid $$;


ALTER FUNCTION public.app_current_user_id() OWNER TO postgres;

--
-- Name: app_decline_invitation(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_decline_invitation(p_invitation_id uuid) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
with gone as (
    delete from workspace_invitations
     where invitation_id = p_invitation_id and email = app_current_email()
    returning 1
)
select exists (select from gone)
$$;


ALTER FUNCTION public.app_decline_invitation(p_invitation_id uuid) OWNER TO gallery_membership;

--
-- Name: app_lock_address(text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.app_lock_address(p_email text) RETURNS void
    LANGUAGE sql
    AS $$ select pg_advisory_xact_lock(hashtextextended('address:' || lower(p_email), 0)) $$;


ALTER FUNCTION public.app_lock_address(p_email text) OWNER TO postgres;

--
-- Name: app_member_addresses(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_member_addresses(p_workspace_id uuid) RETURNS TABLE(user_id uuid, email text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select u.user_id, u.email
  from workspace_members m join users u on u.user_id = m.user_id
 where m.workspace_id = p_workspace_id and app_workspace_role(p_workspace_id) is not null
$$;


ALTER FUNCTION public.app_member_addresses(p_workspace_id uuid) OWNER TO gallery_membership;

--
-- Name: app_member_folders(); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_member_folders() RETURNS TABLE(user_id uuid, folder_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select distinct f.user_id, f.folder_id
  from workspace_members m
  join workspace_items wi on wi.workspace_id = m.workspace_id and wi.folder_id is not null
  join folders f on f.user_id = wi.user_id and f.lineage @> array[wi.folder_id]
 where m.user_id = app_current_user_id()
$$;


ALTER FUNCTION public.app_member_folders() OWNER TO gallery_membership;

--
-- Name: app_member_images(); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_member_images() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select wi.image_id
  from workspace_members m
  join workspace_items wi on wi.workspace_id = m.workspace_id and wi.image_id is not null
 where m.user_id = app_current_user_id()
$$;


ALTER FUNCTION public.app_member_images() OWNER TO gallery_membership;

--
-- Name: app_my_invitations(); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_my_invitations() RETURNS TABLE(invitation_id uuid, workspace_id uuid, workspace_name text, role text, invited_by_email text, invited_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select i.invitation_id, i.workspace_id, w.name, i.role, u.email, i.invited_at
  from workspace_invitations i
  join workspaces w on w.workspace_id = i.workspace_id
  left join users u on u.user_id = i.invited_by
 where i.email = app_current_email()
 order by i.invited_at, i.invitation_id
$$;


ALTER FUNCTION public.app_my_invitations() OWNER TO gallery_membership;

--
-- Name: app_search_catching_up(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.app_search_catching_up() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select exists (
    select 1 from search_outbox
     where user_id = app_current_user_id() and parked_at is null)
$$;


ALTER FUNCTION public.app_search_catching_up() OWNER TO postgres;

--
-- Name: app_share_found(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.app_share_found() RETURNS uuid[]
    LANGUAGE sql STABLE
    AS $$
select coalesce(nullif(current_setting('app.share_found', true), '')::uuid[], '{}')
$$;


ALTER FUNCTION public.app_share_found() OWNER TO postgres;

--
-- Name: app_share_token_hash(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.app_share_token_hash() RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ select decode(nullif(current_setting('app.share_token_hash', true), ''), 'hex') $$;


ALTER FUNCTION public.app_share_token_hash() OWNER TO postgres;

--
-- Name: app_workspace_candidate(uuid, text); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_candidate(p_workspace_id uuid, p_email text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select u.user_id from users u
 where app_workspace_role(p_workspace_id) = 'owner' and lower(u.email) = lower(p_email)
 order by u.created_at
 limit 1
$$;


ALTER FUNCTION public.app_workspace_candidate(p_workspace_id uuid, p_email text) OWNER TO gallery_membership;

--
-- Name: app_workspace_folders(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_folders(p_workspace_id uuid) RETURNS TABLE(user_id uuid, folder_id uuid, lineage uuid[])
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select distinct f.user_id, f.folder_id, f.lineage
  from workspace_items wi
  join folders f on f.user_id = wi.user_id and f.lineage @> array[wi.folder_id]
 where wi.workspace_id = p_workspace_id and wi.folder_id is not null
   and exists (select from workspace_members m
                where m.workspace_id = p_workspace_id and m.user_id = app_current_user_id())
$$;


ALTER FUNCTION public.app_workspace_folders(p_workspace_id uuid) OWNER TO gallery_membership;

--
-- Name: app_workspace_ids(); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select coalesce(array_agg(workspace_id), '{}') from workspace_members
 where user_id = app_current_user_id()
$$;


ALTER FUNCTION public.app_workspace_ids() OWNER TO gallery_membership;

--
-- Name: app_workspace_image(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_image(p_image_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select exists (
    select 1 from images i
      join workspace_items wi on wi.image_id = i.image_id
      join workspace_members m
        on m.workspace_id = wi.workspace_id and m.user_id = app_current_user_id()
     where i.image_id = p_image_id and i.status = 'ready' and i.deleted_at is null
    union all
    select 1 from images i
      join folders f on f.folder_id = i.folder_id
      join workspace_items wi on wi.user_id = i.user_id and wi.folder_id = any(f.lineage)
      join workspace_members m
        on m.workspace_id = wi.workspace_id and m.user_id = app_current_user_id()
     where i.image_id = p_image_id and i.status = 'ready' and i.deleted_at is null)
$$;


ALTER FUNCTION public.app_workspace_image(p_image_id uuid) OWNER TO gallery_membership;

--
-- Name: app_workspace_image_count(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_image_count(p_workspace_id uuid) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select count(*) from (
    select shared.image_id from app_workspace_folders(p_workspace_id) wf
     cross join lateral (select image_id from images
                          where images.user_id = wf.user_id and images.folder_id = wf.folder_id
                            and images.status = 'ready' and images.deleted_at is null
                         offset 0) shared
    union
    select i.image_id from workspace_items wi join images i using (image_id)
     where wi.workspace_id = p_workspace_id and i.status = 'ready' and i.deleted_at is null
       and exists (select from workspace_members m
                    where m.workspace_id = p_workspace_id and m.user_id = app_current_user_id())
) listed
$$;


ALTER FUNCTION public.app_workspace_image_count(p_workspace_id uuid) OWNER TO gallery_membership;

--
-- Name: app_workspace_image_tag_keys(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_image_tag_keys(p_image_id uuid) RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select coalesce(array_agg(t.name_key), '{}')
  from image_tags it join tags t on t.tag_id = it.tag_id
 where it.image_id = p_image_id and app_workspace_image(p_image_id)
$$;


ALTER FUNCTION public.app_workspace_image_tag_keys(p_image_id uuid) OWNER TO gallery_membership;

--
-- Name: app_workspace_image_tags(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_image_tags(p_image_id uuid) RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select coalesce(array_agg(t.name order by lower(t.name)), '{}')
  from image_tags it join tags t on t.tag_id = it.tag_id
 where it.image_id = p_image_id and app_workspace_image(p_image_id)
$$;


ALTER FUNCTION public.app_workspace_image_tags(p_image_id uuid) OWNER TO gallery_membership;

--
-- Name: app_workspace_role(uuid); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.app_workspace_role(p_workspace_id uuid) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
select role from workspace_members
 where workspace_id = p_workspace_id and user_id = app_current_user_id()
$$;


ALTER FUNCTION public.app_workspace_role(p_workspace_id uuid) OWNER TO gallery_membership;

--
-- Name: folders_moved(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.folders_moved() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    old_depth constant integer := cardinality(old.lineage);
begin
    update folders set lineage = new.lineage || lineage[old_depth + 1:]
     where user_id = new.user_id and lineage @> array[new.folder_id]
       and folder_id <> new.folder_id;
    if exists (select from workspace_items wi
                where wi.user_id = new.user_id
                  and wi.folder_id = any(old.lineage[:old_depth - 1]
                                         || new.lineage[:cardinality(new.lineage) - 1])) then
        insert into search_outbox (image_id, user_id)
        select i.image_id, i.user_id from images i
         where i.user_id = new.user_id and i.status = 'ready' and i.deleted_at is null
           and i.folder_id in (select d.folder_id from folders d
                                where d.user_id = new.user_id
                                  and d.lineage @> array[new.folder_id]);
    end if;
    return null;
end
$$;


ALTER FUNCTION public.folders_moved() OWNER TO postgres;

--
-- Name: folders_place(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.folders_place() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
    parent_lineage uuid[] := '{}';
    subtree_depth integer := 1;
begin
    if tg_op = 'UPDATE' then
        if new.parent_id is not distinct from old.parent_id then
            new.lineage := old.lineage;
            return new;
        end if;
    end if;
    perform pg_advisory_xact_lock(7340032, hashtext(new.user_id::text));
    if tg_op = 'UPDATE' then
        select max(cardinality(d.lineage)) - cardinality(old.lineage) + 1 into subtree_depth
          from folders d
         where d.user_id = old.user_id and d.lineage @> array[old.folder_id];
    end if;
    if new.parent_id is not null then
        select f.lineage into parent_lineage from folders f
         where f.folder_id = new.parent_id and f.user_id = new.user_id;
        if not found then
            raise foreign_key_violation using constraint = 'folders_parent_fkey',
                message = 'the parent folder does not exist';
        end if;
        if new.folder_id = any(parent_lineage) then
            raise check_violation using constraint = 'folders_no_cycle',
                message = 'a folder cannot move into itself or its subfolders';
        end if;
    end if;
    if cardinality(parent_lineage) + subtree_depth > 16 then
        raise check_violation using constraint = 'folders_depth',
            message = 'folders nest at most 16 deep';
    end if;
    new.lineage := parent_lineage || new.folder_id;
    return new;
end
$$;


ALTER FUNCTION public.folders_place() OWNER TO postgres;

--
-- Name: image_is_listed(uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.image_is_listed(p_image_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
select exists (select from images
                where image_id = p_image_id and status = 'ready' and deleted_at is null)
$$;


ALTER FUNCTION public.image_is_listed(p_image_id uuid) OWNER TO postgres;

--
-- Name: image_is_shared_by_link(uuid, uuid, uuid); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.image_is_shared_by_link(p_user_id uuid, p_image_id uuid, p_folder_id uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
select exists (select from shares s
                where s.token_hash = app_share_token_hash() and s.user_id = p_user_id
                  and s.is_active and (s.expires_at is null or s.expires_at > now())
                  and (s.image_id = p_image_id
                       or exists (select from folders f
                                   where f.folder_id = p_folder_id
                                     and f.lineage @> array[s.folder_id])
                       or (s.smart_folder_id is not null
                           and p_image_id = any(app_share_found()))))
$$;


ALTER FUNCTION public.image_is_shared_by_link(p_user_id uuid, p_image_id uuid, p_folder_id uuid) OWNER TO postgres;

--
-- Name: image_tags_count(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.image_tags_count() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    -- When the image itself is being deleted its row is already gone here: the images
    -- trigger below has counted its tags down.
    if tg_op = 'INSERT' and image_is_listed(new.image_id) then
        update tags set usage_count = usage_count + 1 where tag_id = new.tag_id;
    elsif tg_op = 'DELETE' and image_is_listed(old.image_id) then
        update tags set usage_count = usage_count - 1 where tag_id = old.tag_id;
    end if;
    return null;
end
$$;


ALTER FUNCTION public.image_tags_count() OWNER TO postgres;

--
-- Name: image_tags_enqueue_search(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.image_tags_enqueue_search() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    insert into search_outbox (image_id, user_id)
    values (coalesce(new.image_id, old.image_id), coalesce(new.user_id, old.user_id));
    return null;
end
$$;


ALTER FUNCTION public.image_tags_enqueue_search() OWNER TO postgres;

--
-- Name: image_tags_take_created_at(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.image_tags_take_created_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    new.image_created_at := (select created_at from images where image_id = new.image_id);
    return new;
end
$$;


ALTER FUNCTION public.image_tags_take_created_at() OWNER TO postgres;

--
-- Name: images_account_storage(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.images_account_storage() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
    old_bytes bigint := 0;
    new_bytes bigint := 0;
    old_count integer := 0;
    new_count integer := 0;
    old_saved bigint := 0;
    new_saved bigint := 0;
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'ready' then
        old_bytes := old.file_size_bytes + old.thumbnails_size_bytes
                     + coalesce(old.clean_copy_bytes, 0);
        old_count := 1;
        old_saved := coalesce(old.uploaded_size_bytes - old.file_size_bytes, 0);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'ready' then
        new_bytes := new.file_size_bytes + new.thumbnails_size_bytes
                     + coalesce(new.clean_copy_bytes, 0);
        new_count := 1;
        new_saved := coalesce(new.uploaded_size_bytes - new.file_size_bytes, 0);
    end if;
    if old_bytes <> new_bytes or old_count <> new_count or old_saved <> new_saved then
        update storage_usage
           set used_bytes = used_bytes + new_bytes - old_bytes,
               image_count = image_count + new_count - old_count,
               recompression_saved_bytes = recompression_saved_bytes + new_saved - old_saved,
               updated_at = now()
         where user_id = coalesce(new.user_id, old.user_id);
    end if;
    return null;
end
$$;


ALTER FUNCTION public.images_account_storage() OWNER TO postgres;

--
-- Name: images_count_tags(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.images_count_tags() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
    was_listed boolean := tg_op in ('UPDATE', 'DELETE')
                          and old.status = 'ready' and old.deleted_at is null;
    is_listed boolean := tg_op = 'UPDATE' and new.status = 'ready' and new.deleted_at is null;
    delta integer := is_listed::integer - was_listed::integer;
begin
    if delta <> 0 then
        -- tag rows in id order, as every other writer takes them: no deadlocks
        perform from tags
          where tag_id in (select tag_id from image_tags where image_id = old.image_id)
          order by tag_id for update;
        update tags set usage_count = usage_count + delta
         where tag_id in (select tag_id from image_tags where image_id = old.image_id);
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end
$$;


ALTER FUNCTION public.images_count_tags() OWNER TO postgres;

--
-- Name: images_end_shares(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.images_end_shares() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    update shares set is_active = false, revoked_at = coalesce(revoked_at, now())
     where image_id = new.image_id and is_active;
    delete from workspace_items where image_id = new.image_id;
    return null;
end
$$;


ALTER FUNCTION public.images_end_shares() OWNER TO postgres;

--
-- Name: images_enqueue_search(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.images_enqueue_search() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    unindexed constant text[] := '{view_count,download_count,updated_at,recompression,
        file_size_bytes,uploaded_size_bytes,recompressed_etag,clean_copy_bytes,
        clean_copy_made_at}';
    stacks uuid[];
begin
    if tg_op = 'UPDATE' and to_jsonb(old) - unindexed = to_jsonb(new) - unindexed then
        return null;
    end if;
    insert into search_outbox (image_id, user_id)
    values (coalesce(new.image_id, old.image_id), coalesce(new.user_id, old.user_id));
    if tg_op <> 'UPDATE' or old.stack_id is distinct from new.stack_id
       or old.status is distinct from new.status
       or old.deleted_at is distinct from new.deleted_at
       or old.created_at is distinct from new.created_at then
        stacks := array_remove(array[old.stack_id, new.stack_id], null);
    end if;
    if stacks is not null and cardinality(stacks) > 0 then
        insert into search_outbox (image_id, user_id)
        select head.image_id, head.user_id
          from unnest(stacks) as s(stack_id)
         cross join lateral (
               select j.image_id, j.user_id from images j
                where j.user_id = coalesce(new.user_id, old.user_id)
                  and j.stack_id = s.stack_id and j.status = 'ready' and j.deleted_at is null
                  and j.image_id <> coalesce(new.image_id, old.image_id)
                order by j.created_at desc, j.image_id desc
                limit 1) head;
    end if;
    return null;
end
$$;


ALTER FUNCTION public.images_enqueue_search() OWNER TO postgres;

--
-- Name: images_give_created_at(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.images_give_created_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    update image_tags set image_created_at = new.created_at where image_id = new.image_id;
    return null;
end
$$;


ALTER FUNCTION public.images_give_created_at() OWNER TO postgres;

--
-- Name: share_password_failed(inet, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: gallery_password_guard
--

CREATE FUNCTION public.share_password_failed(p_client_ip inet, p_failed_at timestamp with time zone) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
insert into share_access_failures (share_id, client_ip, failed_at)
select s.share_id, p_client_ip, p_failed_at from shares s
 where s.token_hash = app_share_token_hash()
$$;


ALTER FUNCTION public.share_password_failed(p_client_ip inet, p_failed_at timestamp with time zone) OWNER TO gallery_password_guard;

--
-- Name: share_password_standing(inet, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: gallery_password_guard
--

CREATE FUNCTION public.share_password_standing(p_client_ip inet, p_since timestamp with time zone) RETURNS TABLE(pair_failures integer, pair_last timestamp with time zone, address_failures integer, address_last timestamp with time zone, link_failures integer)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_share_id uuid;
begin
    select s.share_id into v_share_id from shares s where s.token_hash = app_share_token_hash();
    if v_share_id is null then
        return;
    end if;
    -- Attempts on one link, and from one address, take turns: the limits cannot be outrun
    -- in parallel (always the link first, then the address: no lock cycle).
    perform pg_advisory_xact_lock(hashtextextended('share-access:' || v_share_id::text, 0));
    perform pg_advisory_xact_lock(hashtextextended('share-access-ip:' || host(p_client_ip), 0));
    return query
    select (select count(*)::integer from share_access_failures f
             where f.share_id = v_share_id and f.client_ip = p_client_ip
               and f.failed_at > p_since),
           (select max(f.failed_at) from share_access_failures f
             where f.share_id = v_share_id and f.client_ip = p_client_ip
               and f.failed_at > p_since),
           (select count(*)::integer from share_access_failures f
             where f.client_ip = p_client_ip and f.failed_at > p_since),
           (select max(f.failed_at) from share_access_failures f
             where f.client_ip = p_client_ip and f.failed_at > p_since),
           (select count(*)::integer from share_access_failures f
             where f.share_id = v_share_id and f.failed_at > p_since);
end
$$;


ALTER FUNCTION public.share_password_standing(p_client_ip inet, p_since timestamp with time zone) OWNER TO gallery_password_guard;

--
-- Name: tags_enqueue_search(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.tags_enqueue_search() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    insert into search_outbox (image_id, user_id)
    select it.image_id, it.user_id from image_tags it where it.tag_id = new.tag_id;
    return null;
end
$$;


ALTER FUNCTION public.tags_enqueue_search() OWNER TO postgres;

--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    new.updated_at := now();
    return new;
end
$$;


ALTER FUNCTION public.touch_updated_at() OWNER TO postgres;

--
-- Name: users_init_storage(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.users_init_storage() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    insert into storage_usage (user_id) values (new.user_id) on conflict do nothing;
    return null;
end
$$;


ALTER FUNCTION public.users_init_storage() OWNER TO postgres;

--
-- Name: workspace_items_enqueue_search(); Type: FUNCTION; Schema: public; Owner: gallery_membership
--

CREATE FUNCTION public.workspace_items_enqueue_search() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    item workspace_items := coalesce(new, old);
begin
    if item.image_id is not null then
        insert into search_outbox (image_id, user_id) values (item.image_id, item.user_id);
    else
        insert into search_outbox (image_id, user_id)
        select i.image_id, i.user_id from images i
         where i.user_id = item.user_id and i.status = 'ready' and i.deleted_at is null
           and i.folder_id in (select f.folder_id from folders f
                                where f.user_id = item.user_id
                                  and f.lineage @> array[item.folder_id]);
    end if;
    return null;
end
$$;


ALTER FUNCTION public.workspace_items_enqueue_search() OWNER TO gallery_membership;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: exports; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.exports (
    export_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    source jsonb NOT NULL,
    include_metadata boolean DEFAULT false NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    image_count integer,
    done_count integer DEFAULT 0 NOT NULL,
    size_bytes bigint,
    s3_key text,
    version_id text,
    error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    expires_at timestamp with time zone DEFAULT (now() + '24:00:00'::interval) NOT NULL,
    share_id uuid,
    CONSTRAINT exports_done_count_check CHECK ((done_count >= 0)),
    CONSTRAINT exports_error_check CHECK ((length(error) <= 500)),
    CONSTRAINT exports_image_count_check CHECK ((image_count >= 0)),
    CONSTRAINT exports_size_bytes_check CHECK ((size_bytes >= 0)),
    CONSTRAINT exports_source_check CHECK ((jsonb_typeof(source) = 'object'::text)),
    CONSTRAINT exports_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'ready'::text, 'failed'::text, 'expired'::text])))
);

ALTER TABLE ONLY public.exports FORCE ROW LEVEL SECURITY;


ALTER TABLE public.exports OWNER TO postgres;

--
-- Name: folders; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.folders (
    folder_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    name text NOT NULL,
    description text,
    color text,
    icon text,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    parent_id uuid,
    lineage uuid[] NOT NULL,
    CONSTRAINT folders_color_check CHECK ((color ~ '^#[0-9A-Fa-f]{6}$'::text)),
    CONSTRAINT folders_description_check CHECK ((length(description) <= 2000)),
    CONSTRAINT folders_icon_check CHECK ((icon ~ '^[a-z0-9][a-z0-9_-]{0,49}$'::text)),
    CONSTRAINT folders_lineage_check CHECK ((((cardinality(lineage) >= 1) AND (cardinality(lineage) <= 16)) AND (lineage[cardinality(lineage)] = folder_id))),
    CONSTRAINT folders_name_check CHECK (((name = btrim(name)) AND ((length(name) >= 1) AND (length(name) <= 255))))
);

ALTER TABLE ONLY public.folders FORCE ROW LEVEL SECURITY;


ALTER TABLE public.folders OWNER TO postgres;

--
-- Name: image_generation_sources; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.image_generation_sources (
    image_id uuid NOT NULL,
    user_id uuid NOT NULL,
    chunks jsonb NOT NULL,
    CONSTRAINT image_generation_sources_chunks_check CHECK ((jsonb_typeof(chunks) = 'object'::text))
);

ALTER TABLE ONLY public.image_generation_sources FORCE ROW LEVEL SECURITY;


ALTER TABLE public.image_generation_sources OWNER TO postgres;

--
-- Name: image_ratings; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.image_ratings (
    user_id uuid NOT NULL,
    image_id uuid NOT NULL,
    rating smallint NOT NULL,
    CONSTRAINT image_ratings_rating_check CHECK (((rating >= 1) AND (rating <= 5)))
);

ALTER TABLE ONLY public.image_ratings FORCE ROW LEVEL SECURITY;


ALTER TABLE public.image_ratings OWNER TO postgres;

--
-- Name: image_stars; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.image_stars (
    user_id uuid NOT NULL,
    image_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.image_stars FORCE ROW LEVEL SECURITY;


ALTER TABLE public.image_stars OWNER TO postgres;

--
-- Name: image_tags; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.image_tags (
    image_id uuid NOT NULL,
    tag_id uuid NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    image_created_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.image_tags FORCE ROW LEVEL SECURITY;


ALTER TABLE public.image_tags OWNER TO postgres;

--
-- Name: images; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.images (
    image_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    folder_id uuid,
    status text DEFAULT 'pending'::text NOT NULL,
    rejection_reason text,
    prompt text DEFAULT ''::text NOT NULL,
    negative_prompt text,
    model text,
    width integer,
    height integer,
    seed bigint,
    params jsonb DEFAULT '{}'::jsonb NOT NULL,
    s3_key text,
    thumbnail_256_key text,
    thumbnail_512_key text,
    mime_type text,
    file_size_bytes bigint DEFAULT 0 NOT NULL,
    thumbnails_size_bytes bigint DEFAULT 0 NOT NULL,
    content_sha256 text,
    is_public boolean DEFAULT false NOT NULL,
    is_favorite boolean DEFAULT false NOT NULL,
    view_count integer DEFAULT 0 NOT NULL,
    download_count integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    reserved_bytes bigint DEFAULT 0 NOT NULL,
    reservation_expires_at timestamp with time zone,
    original_filename text,
    s3_sequencer text,
    ingested_at timestamp with time zone,
    public_show_metadata boolean DEFAULT false NOT NULL,
    placeholder text,
    preview_avif_key text,
    preview_webp_key text,
    recompression text,
    uploaded_size_bytes bigint,
    recompressed_etag text,
    clean_copy_bytes bigint,
    clean_copy_made_at timestamp with time zone,
    declared_bytes bigint,
    s3_version_id text,
    generator text,
    steps integer,
    cfg_scale double precision,
    sampler text,
    scheduler text,
    model_hash text,
    vae text,
    loras jsonb DEFAULT '[]'::jsonb NOT NULL,
    clip_skip smallint,
    denoising_strength double precision,
    hires_upscaler text,
    hires_scale double precision,
    stack_id uuid,
    generation_read_at timestamp with time zone,
    rating smallint DEFAULT 0 NOT NULL,
    CONSTRAINT images_cfg_scale_check CHECK (((cfg_scale >= (0)::double precision) AND (cfg_scale <= (100)::double precision))),
    CONSTRAINT images_check CHECK (((status <> 'rejected'::text) OR (rejection_reason IS NOT NULL))),
    CONSTRAINT images_check1 CHECK (((clean_copy_bytes IS NULL) = (clean_copy_made_at IS NULL))),
    CONSTRAINT images_clean_copy_bytes_check CHECK ((clean_copy_bytes > 0)),
    CONSTRAINT images_clip_skip_check CHECK (((clip_skip >= 1) AND (clip_skip <= 24))),
    CONSTRAINT images_content_sha256_check CHECK ((content_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT images_declared_bytes_check CHECK ((declared_bytes >= 0)),
    CONSTRAINT images_denoising_strength_check CHECK (((denoising_strength >= (0)::double precision) AND (denoising_strength <= (1)::double precision))),
    CONSTRAINT images_download_count_check CHECK ((download_count >= 0)),
    CONSTRAINT images_file_size_bytes_check CHECK ((file_size_bytes >= 0)),
    CONSTRAINT images_generator_check CHECK ((generator = ANY (ARRAY['a1111'::text, 'forge'::text, 'comfyui'::text, 'invokeai'::text, 'novelai'::text, 'fooocus'::text, 'swarmui'::text, 'unknown'::text]))),
    CONSTRAINT images_height_check CHECK ((height > 0)),
    CONSTRAINT images_hires_scale_check CHECK (((hires_scale > (0)::double precision) AND (hires_scale <= (16)::double precision))),
    CONSTRAINT images_hires_upscaler_check CHECK ((length(hires_upscaler) <= 255)),
    CONSTRAINT images_loras_check CHECK ((jsonb_typeof(loras) = 'array'::text)),
    CONSTRAINT images_mime_type_check CHECK ((mime_type = ANY (ARRAY['image/png'::text, 'image/jpeg'::text, 'image/webp'::text, 'image/avif'::text]))),
    CONSTRAINT images_model_check CHECK ((length(model) <= 255)),
    CONSTRAINT images_model_hash_check CHECK ((length(model_hash) <= 128)),
    CONSTRAINT images_negative_prompt_check CHECK ((length(negative_prompt) <= 20000)),
    CONSTRAINT images_original_filename_check CHECK ((length(original_filename) <= 255)),
    CONSTRAINT images_params_check CHECK ((jsonb_typeof(params) = 'object'::text)),
    CONSTRAINT images_placeholder_check CHECK ((length(placeholder) <= 120)),
    CONSTRAINT images_prompt_check CHECK ((length(prompt) <= 20000)),
    CONSTRAINT images_rating_check CHECK (((rating >= 0) AND (rating <= 5))),
    CONSTRAINT images_recompressed_etag_check CHECK ((length(recompressed_etag) <= 200)),
    CONSTRAINT images_recompression_check CHECK ((recompression ~ '^[a-z_:0-9]{1,40}$'::text)),
    CONSTRAINT images_reserved_bytes_check CHECK ((reserved_bytes >= 0)),
    CONSTRAINT images_sampler_check CHECK ((length(sampler) <= 255)),
    CONSTRAINT images_scheduler_check CHECK ((length(scheduler) <= 255)),
    CONSTRAINT images_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'ready'::text, 'rejected'::text]))),
    CONSTRAINT images_steps_check CHECK (((steps >= 1) AND (steps <= 10000))),
    CONSTRAINT images_thumbnails_size_bytes_check CHECK ((thumbnails_size_bytes >= 0)),
    CONSTRAINT images_uploaded_size_bytes_check CHECK ((uploaded_size_bytes > 0)),
    CONSTRAINT images_vae_check CHECK ((length(vae) <= 255)),
    CONSTRAINT images_view_count_check CHECK ((view_count >= 0)),
    CONSTRAINT images_width_check CHECK ((width > 0))
);

ALTER TABLE ONLY public.images FORCE ROW LEVEL SECURITY;


ALTER TABLE public.images OWNER TO postgres;

--
-- Name: invitation_sends; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.invitation_sends (
    send_id bigint NOT NULL,
    user_id uuid NOT NULL,
    sent_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.invitation_sends FORCE ROW LEVEL SECURITY;


ALTER TABLE public.invitation_sends OWNER TO postgres;

--
-- Name: invitation_sends_send_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

ALTER TABLE public.invitation_sends ALTER COLUMN send_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.invitation_sends_send_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: object_deletions; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.object_deletions (
    s3_key text NOT NULL,
    user_id uuid NOT NULL,
    enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
    attempts integer DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.object_deletions FORCE ROW LEVEL SECURITY;


ALTER TABLE public.object_deletions OWNER TO postgres;

--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.schema_migrations (
    version text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.schema_migrations OWNER TO postgres;

--
-- Name: schema_repeatables; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.schema_repeatables (
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.schema_repeatables OWNER TO postgres;

--
-- Name: search_documents; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.search_documents (
    image_id uuid NOT NULL,
    owner_id uuid NOT NULL,
    workspace_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    version bigint NOT NULL,
    prompt text NOT NULL,
    terms tsvector NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    model text,
    width integer NOT NULL,
    height integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    is_public boolean NOT NULL,
    is_favorite boolean NOT NULL,
    folder_id uuid,
    sampler text,
    model_names text[] DEFAULT '{}'::text[] NOT NULL,
    generator text,
    steps integer,
    cfg_scale double precision,
    scheduler text,
    seed bigint,
    model_hash text,
    loras jsonb DEFAULT '[]'::jsonb NOT NULL,
    lora_names text[] DEFAULT '{}'::text[] NOT NULL,
    stack_id uuid,
    stack_head boolean DEFAULT true NOT NULL,
    rating smallint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.search_documents FORCE ROW LEVEL SECURITY;


ALTER TABLE public.search_documents OWNER TO postgres;

--
-- Name: search_outbox; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.search_outbox (
    outbox_id bigint NOT NULL,
    image_id uuid NOT NULL,
    user_id uuid NOT NULL,
    enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
    available_at timestamp with time zone DEFAULT now() NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    parked_at timestamp with time zone
);


ALTER TABLE public.search_outbox OWNER TO postgres;

--
-- Name: search_outbox_outbox_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

ALTER TABLE public.search_outbox ALTER COLUMN outbox_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.search_outbox_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: share_access_failures; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.share_access_failures (
    failure_id bigint NOT NULL,
    share_id uuid NOT NULL,
    client_ip inet NOT NULL,
    failed_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.share_access_failures FORCE ROW LEVEL SECURITY;


ALTER TABLE public.share_access_failures OWNER TO postgres;

--
-- Name: share_access_failures_failure_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

ALTER TABLE public.share_access_failures ALTER COLUMN failure_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.share_access_failures_failure_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: shares; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.shares (
    share_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    image_id uuid,
    folder_id uuid,
    token_hash bytea NOT NULL,
    permission text DEFAULT 'view'::text NOT NULL,
    password_hash text,
    show_metadata boolean DEFAULT false NOT NULL,
    expires_at timestamp with time zone,
    max_views integer,
    current_views integer DEFAULT 0 NOT NULL,
    download_count integer DEFAULT 0 NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_accessed_at timestamp with time zone,
    grant_key bytea DEFAULT sha256((((gen_random_uuid())::text || (gen_random_uuid())::text))::bytea) NOT NULL,
    revoked_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    smart_folder_id uuid,
    CONSTRAINT shares_current_views_check CHECK ((current_views >= 0)),
    CONSTRAINT shares_download_count_check CHECK ((download_count >= 0)),
    CONSTRAINT shares_grant_key_check CHECK ((length(grant_key) = 32)),
    CONSTRAINT shares_max_views_check CHECK ((max_views > 0)),
    CONSTRAINT shares_one_target CHECK ((num_nonnulls(image_id, folder_id, smart_folder_id) = 1)),
    CONSTRAINT shares_permission_check CHECK ((permission = ANY (ARRAY['view'::text, 'download'::text]))),
    CONSTRAINT shares_token_hash_check CHECK ((length(token_hash) = 32))
);

ALTER TABLE ONLY public.shares FORCE ROW LEVEL SECURITY;


ALTER TABLE public.shares OWNER TO postgres;

--
-- Name: smart_folders; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.smart_folders (
    smart_folder_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    name text NOT NULL,
    query jsonb NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT smart_folders_name_check CHECK (((name = btrim(name)) AND ((length(name) >= 1) AND (length(name) <= 255)))),
    CONSTRAINT smart_folders_query_check CHECK (((jsonb_typeof(query) = 'object'::text) AND (octet_length((query)::text) <= 8192)))
);

ALTER TABLE ONLY public.smart_folders FORCE ROW LEVEL SECURITY;


ALTER TABLE public.smart_folders OWNER TO postgres;

--
-- Name: storage_usage; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.storage_usage (
    user_id uuid NOT NULL,
    used_bytes bigint DEFAULT 0 NOT NULL,
    image_count integer DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    recompression_saved_bytes bigint DEFAULT 0 NOT NULL,
    upload_tokens double precision,
    upload_tokens_at timestamp with time zone,
    CONSTRAINT storage_usage_image_count_check CHECK ((image_count >= 0)),
    CONSTRAINT storage_usage_recompression_saved_bytes_check CHECK ((recompression_saved_bytes >= 0)),
    CONSTRAINT storage_usage_used_bytes_check CHECK ((used_bytes >= 0))
);

ALTER TABLE ONLY public.storage_usage FORCE ROW LEVEL SECURITY;


ALTER TABLE public.storage_usage OWNER TO postgres;

--
-- Name: tags; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.tags (
    tag_id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    name text NOT NULL,
    color text,
    usage_count integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    name_key text NOT NULL,
    CONSTRAINT tags_color_check CHECK ((color ~ '^#[0-9A-Fa-f]{6}$'::text)),
    CONSTRAINT tags_name_check CHECK (((name = btrim(name)) AND ((length(name) >= 1) AND (length(name) <= 100)))),
    CONSTRAINT tags_name_key_length CHECK (((length(name_key) >= 1) AND (length(name_key) <= 400))),
    CONSTRAINT tags_usage_count_check CHECK ((usage_count >= 0))
);

ALTER TABLE ONLY public.tags FORCE ROW LEVEL SECURITY;


ALTER TABLE public.tags OWNER TO postgres;

--
-- Name: users; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.users (
    user_id uuid NOT NULL,
    email text,
    plan text DEFAULT 'free'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_email_check CHECK ((length(email) <= 320)),
    CONSTRAINT users_plan_check CHECK ((plan ~ '^[a-z][a-z0-9_]{0,31}$'::text))
);

ALTER TABLE ONLY public.users FORCE ROW LEVEL SECURITY;


ALTER TABLE public.users OWNER TO postgres;

--
-- Name: visitor_metadata_link; Type: VIEW; Schema: public; Owner: gallery_visitor_reader
--

CREATE VIEW public.visitor_metadata_link AS
 SELECT user_id,
    image_id,
    folder_id,
    smart_folder_id
   FROM public.shares s
  WHERE ((token_hash = public.app_share_token_hash()) AND is_active AND ((expires_at IS NULL) OR (expires_at > now())) AND show_metadata);


ALTER VIEW public.visitor_metadata_link OWNER TO gallery_visitor_reader;

--
-- Name: visitor_visible_images; Type: VIEW; Schema: public; Owner: gallery_visitor_reader
--

CREATE VIEW public.visitor_visible_images AS
 SELECT i.image_id,
    i.user_id,
    i.folder_id,
    i.status,
    i.deleted_at,
        CASE
            WHEN shown.metadata THEN i.prompt
            ELSE NULL::text
        END AS prompt,
        CASE
            WHEN shown.metadata THEN i.negative_prompt
            ELSE NULL::text
        END AS negative_prompt,
        CASE
            WHEN shown.metadata THEN i.model
            ELSE NULL::text
        END AS model,
        CASE
            WHEN shown.metadata THEN i.seed
            ELSE NULL::bigint
        END AS seed,
        CASE
            WHEN shown.metadata THEN i.params
            ELSE NULL::jsonb
        END AS params,
    i.width,
    i.height,
    i.s3_key,
    i.thumbnail_256_key,
    i.thumbnail_512_key,
    i.mime_type,
    i.file_size_bytes,
    i.content_sha256,
    i.is_public,
    i.public_show_metadata,
    i.placeholder,
    i.preview_avif_key,
    i.preview_webp_key,
    i.created_at,
    shown.metadata AS metadata_shown,
        CASE
            WHEN shown.metadata THEN i.generator
            ELSE NULL::text
        END AS generator,
        CASE
            WHEN shown.metadata THEN i.steps
            ELSE NULL::integer
        END AS steps,
        CASE
            WHEN shown.metadata THEN i.cfg_scale
            ELSE NULL::double precision
        END AS cfg_scale,
        CASE
            WHEN shown.metadata THEN i.sampler
            ELSE NULL::text
        END AS sampler,
        CASE
            WHEN shown.metadata THEN i.scheduler
            ELSE NULL::text
        END AS scheduler,
        CASE
            WHEN shown.metadata THEN i.model_hash
            ELSE NULL::text
        END AS model_hash,
        CASE
            WHEN shown.metadata THEN i.vae
            ELSE NULL::text
        END AS vae,
        CASE
            WHEN shown.metadata THEN i.loras
            ELSE NULL::jsonb
        END AS loras,
        CASE
            WHEN shown.metadata THEN i.clip_skip
            ELSE NULL::smallint
        END AS clip_skip,
        CASE
            WHEN shown.metadata THEN i.denoising_strength
            ELSE NULL::double precision
        END AS denoising_strength,
        CASE
            WHEN shown.metadata THEN i.hires_upscaler
            ELSE NULL::text
        END AS hires_upscaler,
        CASE
            WHEN shown.metadata THEN i.hires_scale
            ELSE NULL::double precision
        END AS hires_scale,
        CASE
            WHEN shown.metadata THEN i.stack_id
            ELSE NULL::uuid
        END AS stack_id
   FROM (public.images i
     CROSS JOIN LATERAL ( SELECT ((i.is_public AND i.public_show_metadata) OR COALESCE(((i.user_id = ( SELECT visitor_metadata_link.user_id
                   FROM public.visitor_metadata_link)) AND ((i.image_id = ( SELECT visitor_metadata_link.image_id
                   FROM public.visitor_metadata_link)) OR (EXISTS ( SELECT
                   FROM public.folders f
                  WHERE ((f.folder_id = i.folder_id) AND (f.lineage @> ARRAY[( SELECT visitor_metadata_link.folder_id
                           FROM public.visitor_metadata_link)])))) OR ((( SELECT visitor_metadata_link.smart_folder_id
                   FROM public.visitor_metadata_link) IS NOT NULL) AND (i.image_id = ANY (public.app_share_found()))))), false)) AS metadata) shown);


ALTER VIEW public.visitor_visible_images OWNER TO gallery_visitor_reader;

--
-- Name: visitor_generation_sources; Type: VIEW; Schema: public; Owner: gallery_visitor_reader
--

CREATE VIEW public.visitor_generation_sources AS
 SELECT image_id,
    chunks
   FROM public.image_generation_sources s
  WHERE (image_id IN ( SELECT v.image_id
           FROM public.visitor_visible_images v
          WHERE ((v.image_id = s.image_id) AND v.metadata_shown AND (v.status = 'ready'::text) AND (v.deleted_at IS NULL))));


ALTER VIEW public.visitor_generation_sources OWNER TO gallery_visitor_reader;

--
-- Name: workspace_invitations; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.workspace_invitations (
    workspace_id uuid NOT NULL,
    email text NOT NULL,
    role text NOT NULL,
    invited_by uuid NOT NULL,
    invited_at timestamp with time zone DEFAULT now() NOT NULL,
    invitation_id uuid DEFAULT gen_random_uuid() NOT NULL,
    CONSTRAINT workspace_invitations_email_check CHECK (((email = lower(email)) AND (length(email) <= 320))),
    CONSTRAINT workspace_invitations_role_check CHECK ((role = ANY (ARRAY['viewer'::text, 'downloader'::text, 'editor'::text, 'owner'::text])))
);

ALTER TABLE ONLY public.workspace_invitations FORCE ROW LEVEL SECURITY;


ALTER TABLE public.workspace_invitations OWNER TO postgres;

--
-- Name: workspace_items; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.workspace_items (
    item_id uuid DEFAULT gen_random_uuid() NOT NULL,
    workspace_id uuid NOT NULL,
    user_id uuid NOT NULL,
    image_id uuid,
    folder_id uuid,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT workspace_items_check CHECK (((image_id IS NULL) <> (folder_id IS NULL)))
);

ALTER TABLE ONLY public.workspace_items FORCE ROW LEVEL SECURITY;


ALTER TABLE public.workspace_items OWNER TO postgres;

--
-- Name: workspace_members; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.workspace_members (
    workspace_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT workspace_members_role_check CHECK ((role = ANY (ARRAY['viewer'::text, 'downloader'::text, 'editor'::text, 'owner'::text])))
);

ALTER TABLE ONLY public.workspace_members FORCE ROW LEVEL SECURITY;


ALTER TABLE public.workspace_members OWNER TO postgres;

--
-- Name: workspaces; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.workspaces (
    workspace_id uuid DEFAULT gen_random_uuid() NOT NULL,
    owner_id uuid NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT workspaces_name_check CHECK (((name = btrim(name)) AND ((length(name) >= 1) AND (length(name) <= 255))))
);

ALTER TABLE ONLY public.workspaces FORCE ROW LEVEL SECURITY;


ALTER TABLE public.workspaces OWNER TO postgres;

--
-- Name: exports exports_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.exports
    ADD CONSTRAINT exports_pkey PRIMARY KEY (export_id);


--
-- Name: folders folders_folder_id_user_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.folders
    ADD CONSTRAINT folders_folder_id_user_id_key UNIQUE (folder_id, user_id);


--
-- Name: folders folders_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.folders
    ADD CONSTRAINT folders_pkey PRIMARY KEY (folder_id);


--
-- Name: image_generation_sources image_generation_sources_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_generation_sources
    ADD CONSTRAINT image_generation_sources_pkey PRIMARY KEY (image_id);


--
-- Name: image_ratings image_ratings_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_ratings
    ADD CONSTRAINT image_ratings_pkey PRIMARY KEY (user_id, image_id);


--
-- Name: image_stars image_stars_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_stars
    ADD CONSTRAINT image_stars_pkey PRIMARY KEY (user_id, image_id);


--
-- Name: image_tags image_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_tags
    ADD CONSTRAINT image_tags_pkey PRIMARY KEY (image_id, tag_id);


--
-- Name: images images_image_id_user_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.images
    ADD CONSTRAINT images_image_id_user_id_key UNIQUE (image_id, user_id);


--
-- Name: images images_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.images
    ADD CONSTRAINT images_pkey PRIMARY KEY (image_id);


--
-- Name: invitation_sends invitation_sends_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.invitation_sends
    ADD CONSTRAINT invitation_sends_pkey PRIMARY KEY (send_id);


--
-- Name: object_deletions object_deletions_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.object_deletions
    ADD CONSTRAINT object_deletions_pkey PRIMARY KEY (s3_key);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: schema_repeatables schema_repeatables_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.schema_repeatables
    ADD CONSTRAINT schema_repeatables_pkey PRIMARY KEY (name);


--
-- Name: search_documents search_documents_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.search_documents
    ADD CONSTRAINT search_documents_pkey PRIMARY KEY (image_id);


--
-- Name: search_outbox search_outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.search_outbox
    ADD CONSTRAINT search_outbox_pkey PRIMARY KEY (outbox_id);


--
-- Name: share_access_failures share_access_failures_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.share_access_failures
    ADD CONSTRAINT share_access_failures_pkey PRIMARY KEY (failure_id);


--
-- Name: shares shares_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.shares
    ADD CONSTRAINT shares_pkey PRIMARY KEY (share_id);


--
-- Name: shares shares_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.shares
    ADD CONSTRAINT shares_token_hash_key UNIQUE (token_hash);


--
-- Name: smart_folders smart_folders_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.smart_folders
    ADD CONSTRAINT smart_folders_pkey PRIMARY KEY (smart_folder_id);


--
-- Name: smart_folders smart_folders_smart_folder_id_user_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.smart_folders
    ADD CONSTRAINT smart_folders_smart_folder_id_user_id_key UNIQUE (smart_folder_id, user_id);


--
-- Name: storage_usage storage_usage_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.storage_usage
    ADD CONSTRAINT storage_usage_pkey PRIMARY KEY (user_id);


--
-- Name: tags tags_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (tag_id);


--
-- Name: tags tags_tag_id_user_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_tag_id_user_id_key UNIQUE (tag_id, user_id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (user_id);


--
-- Name: workspace_invitations workspace_invitations_invitation_id_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_invitations
    ADD CONSTRAINT workspace_invitations_invitation_id_key UNIQUE (invitation_id);


--
-- Name: workspace_invitations workspace_invitations_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_invitations
    ADD CONSTRAINT workspace_invitations_pkey PRIMARY KEY (workspace_id, email);


--
-- Name: workspace_items workspace_items_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_items
    ADD CONSTRAINT workspace_items_pkey PRIMARY KEY (item_id);


--
-- Name: workspace_members workspace_members_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_members
    ADD CONSTRAINT workspace_members_pkey PRIMARY KEY (workspace_id, user_id);


--
-- Name: workspaces workspaces_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT workspaces_pkey PRIMARY KEY (workspace_id);


--
-- Name: exports_open_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX exports_open_idx ON public.exports USING btree (expires_at) WHERE (status <> 'expired'::text);


--
-- Name: exports_share_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX exports_share_idx ON public.exports USING btree (share_id, created_at DESC) WHERE (share_id IS NOT NULL);


--
-- Name: exports_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX exports_user_idx ON public.exports USING btree (user_id, created_at DESC);


--
-- Name: folders_lineage_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX folders_lineage_idx ON public.folders USING gin (lineage);


--
-- Name: folders_parent_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX folders_parent_idx ON public.folders USING btree (user_id, parent_id);


--
-- Name: folders_sibling_name_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX folders_sibling_name_key ON public.folders USING btree (user_id, parent_id, lower(name)) NULLS NOT DISTINCT;


--
-- Name: folders_user_sort_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX folders_user_sort_idx ON public.folders USING btree (user_id, sort_order, name);


--
-- Name: image_stars_image_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX image_stars_image_idx ON public.image_stars USING btree (image_id);


--
-- Name: image_tags_tag_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX image_tags_tag_idx ON public.image_tags USING btree (tag_id, image_id);


--
-- Name: image_tags_tag_listed_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX image_tags_tag_listed_idx ON public.image_tags USING btree (tag_id, image_created_at, image_id, user_id);


--
-- Name: images_clean_copy_made_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_clean_copy_made_idx ON public.images USING btree (clean_copy_made_at) WHERE (clean_copy_made_at IS NOT NULL);


--
-- Name: images_pending_expiry_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_pending_expiry_idx ON public.images USING btree (reservation_expires_at) WHERE (status = 'pending'::text);


--
-- Name: images_public_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_public_idx ON public.images USING btree (image_id) WHERE is_public;


--
-- Name: images_recompress_pending_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_recompress_pending_idx ON public.images USING btree (image_id) WHERE ((recompression = 'pending'::text) AND (status = 'ready'::text) AND (deleted_at IS NULL));


--
-- Name: images_rejected_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_rejected_idx ON public.images USING btree (ingested_at) WHERE (status = 'rejected'::text);


--
-- Name: images_user_created_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_created_idx ON public.images USING btree (user_id, created_at, image_id) WHERE ((status = 'ready'::text) AND (deleted_at IS NULL));


--
-- Name: images_user_downloads_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_downloads_idx ON public.images USING btree (user_id, download_count, image_id) WHERE ((status = 'ready'::text) AND (deleted_at IS NULL));


--
-- Name: images_user_favorite_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_favorite_idx ON public.images USING btree (user_id, created_at, image_id) WHERE (is_favorite AND (status = 'ready'::text) AND (deleted_at IS NULL));


--
-- Name: images_user_folder_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_folder_idx ON public.images USING btree (user_id, folder_id, created_at, image_id) WHERE ((status = 'ready'::text) AND (deleted_at IS NULL));


--
-- Name: images_user_pending_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_pending_idx ON public.images USING btree (user_id, reservation_expires_at) INCLUDE (reserved_bytes) WHERE (status = 'pending'::text);


--
-- Name: images_user_rating_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_rating_idx ON public.images USING btree (user_id, rating, image_id) WHERE ((status = 'ready'::text) AND (deleted_at IS NULL));


--
-- Name: images_user_sha256_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_sha256_idx ON public.images USING btree (user_id, content_sha256) WHERE (content_sha256 IS NOT NULL);


--
-- Name: images_user_stack_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_stack_idx ON public.images USING btree (user_id, stack_id, created_at, image_id) WHERE ((status = 'ready'::text) AND (deleted_at IS NULL) AND (stack_id IS NOT NULL));


--
-- Name: images_user_trash_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_trash_idx ON public.images USING btree (user_id, deleted_at, image_id) WHERE ((status = 'ready'::text) AND (deleted_at IS NOT NULL));


--
-- Name: images_user_views_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX images_user_views_idx ON public.images USING btree (user_id, view_count, image_id) WHERE ((status = 'ready'::text) AND (deleted_at IS NULL));


--
-- Name: invitation_sends_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX invitation_sends_user_idx ON public.invitation_sends USING btree (user_id, sent_at);


--
-- Name: search_documents_lora_names_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_documents_lora_names_idx ON public.search_documents USING gin (lora_names);


--
-- Name: search_documents_model_names_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_documents_model_names_idx ON public.search_documents USING gin (model_names);


--
-- Name: search_documents_owner_heads_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_documents_owner_heads_idx ON public.search_documents USING btree (owner_id, created_at, image_id) WHERE stack_head;


--
-- Name: search_documents_owner_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_documents_owner_idx ON public.search_documents USING btree (owner_id, created_at, image_id);


--
-- Name: search_documents_tags_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_documents_tags_idx ON public.search_documents USING gin (tags);


--
-- Name: search_documents_terms_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_documents_terms_idx ON public.search_documents USING gin (terms);


--
-- Name: search_documents_workspaces_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_documents_workspaces_idx ON public.search_documents USING gin (workspace_ids);


--
-- Name: search_outbox_ready_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_outbox_ready_idx ON public.search_outbox USING btree (available_at, outbox_id) WHERE (parked_at IS NULL);


--
-- Name: search_outbox_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX search_outbox_user_idx ON public.search_outbox USING btree (user_id) WHERE (parked_at IS NULL);


--
-- Name: share_access_failures_ip_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX share_access_failures_ip_idx ON public.share_access_failures USING btree (client_ip, failed_at);


--
-- Name: share_access_failures_pair_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX share_access_failures_pair_idx ON public.share_access_failures USING btree (share_id, client_ip, failed_at);


--
-- Name: share_access_failures_share_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX share_access_failures_share_idx ON public.share_access_failures USING btree (share_id, failed_at);


--
-- Name: shares_folder_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX shares_folder_idx ON public.shares USING btree (folder_id) WHERE (folder_id IS NOT NULL);


--
-- Name: shares_image_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX shares_image_idx ON public.shares USING btree (image_id) WHERE (image_id IS NOT NULL);


--
-- Name: shares_smart_folder_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX shares_smart_folder_idx ON public.shares USING btree (smart_folder_id) WHERE (smart_folder_id IS NOT NULL);


--
-- Name: shares_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX shares_user_idx ON public.shares USING btree (user_id, created_at);


--
-- Name: smart_folders_user_name_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX smart_folders_user_name_key ON public.smart_folders USING btree (user_id, lower(name));


--
-- Name: tags_user_name_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX tags_user_name_key ON public.tags USING btree (user_id, name_key);


--
-- Name: tags_user_name_prefix_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX tags_user_name_prefix_idx ON public.tags USING btree (user_id, name_key text_pattern_ops);


--
-- Name: workspace_invitations_email_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX workspace_invitations_email_idx ON public.workspace_invitations USING btree (email);


--
-- Name: workspace_items_folder_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX workspace_items_folder_idx ON public.workspace_items USING btree (user_id, folder_id) WHERE (folder_id IS NOT NULL);


--
-- Name: workspace_items_folder_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX workspace_items_folder_key ON public.workspace_items USING btree (workspace_id, folder_id) WHERE (folder_id IS NOT NULL);


--
-- Name: workspace_items_image_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX workspace_items_image_idx ON public.workspace_items USING btree (image_id) WHERE (image_id IS NOT NULL);


--
-- Name: workspace_items_image_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX workspace_items_image_key ON public.workspace_items USING btree (workspace_id, image_id) WHERE (image_id IS NOT NULL);


--
-- Name: workspace_members_user_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX workspace_members_user_idx ON public.workspace_members USING btree (user_id);


--
-- Name: folders folders_moved; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER folders_moved AFTER UPDATE OF parent_id ON public.folders FOR EACH ROW WHEN ((old.parent_id IS DISTINCT FROM new.parent_id)) EXECUTE FUNCTION public.folders_moved();


--
-- Name: folders folders_place; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER folders_place BEFORE INSERT OR UPDATE OF parent_id ON public.folders FOR EACH ROW EXECUTE FUNCTION public.folders_place();


--
-- Name: folders folders_touch; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER folders_touch BEFORE UPDATE ON public.folders FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: image_tags image_tags_count; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER image_tags_count AFTER INSERT OR DELETE ON public.image_tags FOR EACH ROW EXECUTE FUNCTION public.image_tags_count();


--
-- Name: image_tags image_tags_enqueue_search; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER image_tags_enqueue_search AFTER INSERT OR DELETE ON public.image_tags FOR EACH ROW EXECUTE FUNCTION public.image_tags_enqueue_search();


--
-- Name: image_tags image_tags_take_created_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER image_tags_take_created_at BEFORE INSERT ON public.image_tags FOR EACH ROW EXECUTE FUNCTION public.image_tags_take_created_at();


--
-- Name: images images_account_storage; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER images_account_storage AFTER INSERT OR DELETE OR UPDATE ON public.images FOR EACH ROW EXECUTE FUNCTION public.images_account_storage();


--
-- Name: images images_count_tags_on_delete; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER images_count_tags_on_delete BEFORE DELETE ON public.images FOR EACH ROW EXECUTE FUNCTION public.images_count_tags();


--
-- Name: images images_count_tags_on_update; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER images_count_tags_on_update AFTER UPDATE OF status, deleted_at ON public.images FOR EACH ROW EXECUTE FUNCTION public.images_count_tags();


--
-- Name: images images_end_shares; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER images_end_shares AFTER UPDATE OF deleted_at ON public.images FOR EACH ROW WHEN (((old.deleted_at IS NULL) AND (new.deleted_at IS NOT NULL))) EXECUTE FUNCTION public.images_end_shares();


--
-- Name: images images_enqueue_search; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER images_enqueue_search AFTER INSERT OR DELETE OR UPDATE ON public.images FOR EACH ROW EXECUTE FUNCTION public.images_enqueue_search();


--
-- Name: images images_give_created_at; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER images_give_created_at AFTER UPDATE OF created_at ON public.images FOR EACH ROW WHEN ((old.created_at IS DISTINCT FROM new.created_at)) EXECUTE FUNCTION public.images_give_created_at();


--
-- Name: images images_touch; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER images_touch BEFORE UPDATE ON public.images FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: shares shares_touch; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER shares_touch BEFORE UPDATE ON public.shares FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: smart_folders smart_folders_touch; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER smart_folders_touch BEFORE UPDATE ON public.smart_folders FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: tags tags_enqueue_search; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER tags_enqueue_search AFTER UPDATE OF name ON public.tags FOR EACH ROW WHEN ((old.name IS DISTINCT FROM new.name)) EXECUTE FUNCTION public.tags_enqueue_search();


--
-- Name: users users_init_storage; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER users_init_storage AFTER INSERT ON public.users FOR EACH ROW EXECUTE FUNCTION public.users_init_storage();


--
-- Name: users users_touch; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: workspace_items workspace_items_enqueue_search; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER workspace_items_enqueue_search AFTER INSERT OR DELETE ON public.workspace_items FOR EACH ROW EXECUTE FUNCTION public.workspace_items_enqueue_search();


--
-- Name: workspaces workspaces_touch; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER workspaces_touch BEFORE UPDATE ON public.workspaces FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: exports exports_share_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.exports
    ADD CONSTRAINT exports_share_id_fkey FOREIGN KEY (share_id) REFERENCES public.shares(share_id) ON DELETE CASCADE;


--
-- Name: exports exports_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.exports
    ADD CONSTRAINT exports_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: folders folders_parent_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.folders
    ADD CONSTRAINT folders_parent_fkey FOREIGN KEY (parent_id, user_id) REFERENCES public.folders(folder_id, user_id);


--
-- Name: folders folders_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.folders
    ADD CONSTRAINT folders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: image_generation_sources image_generation_sources_image_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_generation_sources
    ADD CONSTRAINT image_generation_sources_image_id_user_id_fkey FOREIGN KEY (image_id, user_id) REFERENCES public.images(image_id, user_id) ON DELETE CASCADE;


--
-- Name: image_ratings image_ratings_image_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_ratings
    ADD CONSTRAINT image_ratings_image_id_fkey FOREIGN KEY (image_id) REFERENCES public.images(image_id) ON DELETE CASCADE;


--
-- Name: image_ratings image_ratings_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_ratings
    ADD CONSTRAINT image_ratings_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: image_stars image_stars_image_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_stars
    ADD CONSTRAINT image_stars_image_id_fkey FOREIGN KEY (image_id) REFERENCES public.images(image_id) ON DELETE CASCADE;


--
-- Name: image_stars image_stars_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_stars
    ADD CONSTRAINT image_stars_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: image_tags image_tags_image_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_tags
    ADD CONSTRAINT image_tags_image_id_user_id_fkey FOREIGN KEY (image_id, user_id) REFERENCES public.images(image_id, user_id) ON DELETE CASCADE;


--
-- Name: image_tags image_tags_tag_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.image_tags
    ADD CONSTRAINT image_tags_tag_id_user_id_fkey FOREIGN KEY (tag_id, user_id) REFERENCES public.tags(tag_id, user_id) ON DELETE CASCADE;


--
-- Name: images images_folder_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.images
    ADD CONSTRAINT images_folder_id_user_id_fkey FOREIGN KEY (folder_id, user_id) REFERENCES public.folders(folder_id, user_id) ON DELETE SET NULL (folder_id);


--
-- Name: images images_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.images
    ADD CONSTRAINT images_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: invitation_sends invitation_sends_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.invitation_sends
    ADD CONSTRAINT invitation_sends_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: object_deletions object_deletions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.object_deletions
    ADD CONSTRAINT object_deletions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: share_access_failures share_access_failures_share_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.share_access_failures
    ADD CONSTRAINT share_access_failures_share_id_fkey FOREIGN KEY (share_id) REFERENCES public.shares(share_id) ON DELETE CASCADE;


--
-- Name: shares shares_folder_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.shares
    ADD CONSTRAINT shares_folder_id_user_id_fkey FOREIGN KEY (folder_id, user_id) REFERENCES public.folders(folder_id, user_id) ON DELETE CASCADE;


--
-- Name: shares shares_image_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.shares
    ADD CONSTRAINT shares_image_id_user_id_fkey FOREIGN KEY (image_id, user_id) REFERENCES public.images(image_id, user_id) ON DELETE CASCADE;


--
-- Name: shares shares_smart_folder_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.shares
    ADD CONSTRAINT shares_smart_folder_fkey FOREIGN KEY (smart_folder_id, user_id) REFERENCES public.smart_folders(smart_folder_id, user_id) ON DELETE CASCADE;


--
-- Name: shares shares_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.shares
    ADD CONSTRAINT shares_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: smart_folders smart_folders_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.smart_folders
    ADD CONSTRAINT smart_folders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: storage_usage storage_usage_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.storage_usage
    ADD CONSTRAINT storage_usage_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: tags tags_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: workspace_invitations workspace_invitations_invited_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_invitations
    ADD CONSTRAINT workspace_invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: workspace_invitations workspace_invitations_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_invitations
    ADD CONSTRAINT workspace_invitations_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(workspace_id) ON DELETE CASCADE;


--
-- Name: workspace_items workspace_items_folder_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_items
    ADD CONSTRAINT workspace_items_folder_id_user_id_fkey FOREIGN KEY (folder_id, user_id) REFERENCES public.folders(folder_id, user_id) ON DELETE CASCADE;


--
-- Name: workspace_items workspace_items_image_id_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_items
    ADD CONSTRAINT workspace_items_image_id_user_id_fkey FOREIGN KEY (image_id, user_id) REFERENCES public.images(image_id, user_id) ON DELETE CASCADE;


--
-- Name: workspace_items workspace_items_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_items
    ADD CONSTRAINT workspace_items_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: workspace_items workspace_items_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_items
    ADD CONSTRAINT workspace_items_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(workspace_id) ON DELETE CASCADE;


--
-- Name: workspace_members workspace_members_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_members
    ADD CONSTRAINT workspace_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: workspace_members workspace_members_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspace_members
    ADD CONSTRAINT workspace_members_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(workspace_id) ON DELETE CASCADE;


--
-- Name: workspaces workspaces_owner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT workspaces_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(user_id) ON DELETE CASCADE;


--
-- Name: exports; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.exports ENABLE ROW LEVEL SECURITY;

--
-- Name: exports exports_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY exports_owner ON public.exports USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: exports exports_worker_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY exports_worker_read ON public.exports FOR SELECT TO gallery_worker USING (true);


--
-- Name: folders; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.folders ENABLE ROW LEVEL SECURITY;

--
-- Name: folders folders_by_share_link; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY folders_by_share_link ON public.folders FOR SELECT TO gallery_visitor, gallery_visitor_reader USING ((EXISTS ( SELECT
   FROM public.shares s
  WHERE ((s.token_hash = public.app_share_token_hash()) AND s.is_active AND ((s.expires_at IS NULL) OR (s.expires_at > now())) AND (s.folder_id = ANY (folders.lineage)) AND (s.user_id = folders.user_id)))));


--
-- Name: folders folders_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY folders_membership ON public.folders FOR SELECT TO gallery_membership USING (true);


--
-- Name: folders folders_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY folders_owner ON public.folders USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: folders folders_worker_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY folders_worker_read ON public.folders FOR SELECT TO gallery_worker USING (true);


--
-- Name: image_generation_sources; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.image_generation_sources ENABLE ROW LEVEL SECURITY;

--
-- Name: image_generation_sources image_generation_sources_for_visitors; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_generation_sources_for_visitors ON public.image_generation_sources FOR SELECT TO gallery_visitor_reader USING (true);


--
-- Name: image_generation_sources image_generation_sources_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_generation_sources_owner ON public.image_generation_sources USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: image_generation_sources image_generation_sources_workspace_member; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_generation_sources_workspace_member ON public.image_generation_sources FOR SELECT TO gallery_app USING (public.app_workspace_image(image_id));


--
-- Name: image_ratings; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.image_ratings ENABLE ROW LEVEL SECURITY;

--
-- Name: image_ratings image_ratings_own; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_ratings_own ON public.image_ratings TO gallery_app USING ((user_id = public.app_current_user_id())) WITH CHECK (((user_id = public.app_current_user_id()) AND public.app_workspace_image(image_id)));


--
-- Name: image_stars; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.image_stars ENABLE ROW LEVEL SECURITY;

--
-- Name: image_stars image_stars_own; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_stars_own ON public.image_stars TO gallery_app USING ((user_id = public.app_current_user_id())) WITH CHECK (((user_id = public.app_current_user_id()) AND public.app_workspace_image(image_id)));


--
-- Name: image_tags; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.image_tags ENABLE ROW LEVEL SECURITY;

--
-- Name: image_tags image_tags_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_tags_membership ON public.image_tags FOR SELECT TO gallery_membership USING (true);


--
-- Name: image_tags image_tags_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_tags_owner ON public.image_tags USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: image_tags image_tags_worker_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY image_tags_worker_read ON public.image_tags FOR SELECT TO gallery_worker USING (true);


--
-- Name: images; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.images ENABLE ROW LEVEL SECURITY;

--
-- Name: images images_counted_by_visitor; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_counted_by_visitor ON public.images FOR UPDATE TO gallery_visitor USING (((status = 'ready'::text) AND (deleted_at IS NULL) AND (is_public OR public.image_is_shared_by_link(user_id, image_id, folder_id)))) WITH CHECK (((status = 'ready'::text) AND (deleted_at IS NULL) AND (is_public OR public.image_is_shared_by_link(user_id, image_id, folder_id))));


--
-- Name: images images_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_membership ON public.images FOR SELECT TO gallery_membership USING (true);


--
-- Name: images images_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_owner ON public.images USING ((user_id = ( SELECT public.app_current_user_id() AS app_current_user_id))) WITH CHECK ((user_id = ( SELECT public.app_current_user_id() AS app_current_user_id)));


--
-- Name: images images_read_for_visitors; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_read_for_visitors ON public.images FOR SELECT TO gallery_visitor_reader USING (((status = 'ready'::text) AND (deleted_at IS NULL) AND (is_public OR public.image_is_shared_by_link(user_id, image_id, folder_id))));


--
-- Name: images images_visible_to_visitor; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_visible_to_visitor ON public.images FOR SELECT TO gallery_visitor USING (((status = 'ready'::text) AND (deleted_at IS NULL) AND (is_public OR public.image_is_shared_by_link(user_id, image_id, folder_id))));


--
-- Name: images images_worker_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_worker_read ON public.images FOR SELECT TO gallery_worker USING (true);


--
-- Name: images images_worker_recompression; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_worker_recompression ON public.images FOR UPDATE TO gallery_worker USING (true) WITH CHECK (true);


--
-- Name: images images_workspace_member; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY images_workspace_member ON public.images FOR SELECT TO gallery_app USING (((user_id <> ( SELECT public.app_current_user_id() AS app_current_user_id)) AND (status = 'ready'::text) AND (deleted_at IS NULL) AND ((image_id IN ( SELECT public.app_member_images() AS app_member_images)) OR ((user_id, folder_id) IN ( SELECT app_member_folders.user_id,
    app_member_folders.folder_id
   FROM public.app_member_folders() app_member_folders(user_id, folder_id))))));


--
-- Name: invitation_sends; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.invitation_sends ENABLE ROW LEVEL SECURITY;

--
-- Name: invitation_sends invitation_sends_own; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY invitation_sends_own ON public.invitation_sends TO gallery_app USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: object_deletions; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.object_deletions ENABLE ROW LEVEL SECURITY;

--
-- Name: object_deletions object_deletions_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY object_deletions_owner ON public.object_deletions USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: object_deletions object_deletions_worker; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY object_deletions_worker ON public.object_deletions TO gallery_worker USING (true) WITH CHECK (true);


--
-- Name: search_documents; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.search_documents ENABLE ROW LEVEL SECURITY;

--
-- Name: search_documents search_documents_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY search_documents_owner ON public.search_documents FOR SELECT TO gallery_app USING ((owner_id = ( SELECT public.app_current_user_id() AS app_current_user_id)));


--
-- Name: search_documents search_documents_worker; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY search_documents_worker ON public.search_documents TO gallery_worker USING (true) WITH CHECK (true);


--
-- Name: search_documents search_documents_workspace_member; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY search_documents_workspace_member ON public.search_documents FOR SELECT TO gallery_app USING ((workspace_ids && ( SELECT public.app_workspace_ids() AS app_workspace_ids)));


--
-- Name: share_access_failures; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.share_access_failures ENABLE ROW LEVEL SECURITY;

--
-- Name: share_access_failures share_access_failures_guard; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY share_access_failures_guard ON public.share_access_failures TO gallery_password_guard USING (true) WITH CHECK (true);


--
-- Name: share_access_failures share_access_failures_worker; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY share_access_failures_worker ON public.share_access_failures TO gallery_worker USING (true);


--
-- Name: shares; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.shares ENABLE ROW LEVEL SECURITY;

--
-- Name: shares shares_by_token; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY shares_by_token ON public.shares FOR SELECT TO gallery_visitor USING ((token_hash = public.app_share_token_hash()));


--
-- Name: shares shares_count_by_token; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY shares_count_by_token ON public.shares FOR UPDATE TO gallery_visitor USING ((token_hash = public.app_share_token_hash())) WITH CHECK ((token_hash = public.app_share_token_hash()));


--
-- Name: shares shares_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY shares_owner ON public.shares USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: shares shares_password_guard; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY shares_password_guard ON public.shares FOR SELECT TO gallery_password_guard USING ((token_hash = public.app_share_token_hash()));


--
-- Name: shares shares_read_for_visitors; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY shares_read_for_visitors ON public.shares FOR SELECT TO gallery_visitor_reader USING ((token_hash = public.app_share_token_hash()));


--
-- Name: smart_folders; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.smart_folders ENABLE ROW LEVEL SECURITY;

--
-- Name: smart_folders smart_folders_by_share_link; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY smart_folders_by_share_link ON public.smart_folders FOR SELECT TO gallery_visitor USING ((EXISTS ( SELECT
   FROM public.shares s
  WHERE ((s.token_hash = public.app_share_token_hash()) AND s.is_active AND ((s.expires_at IS NULL) OR (s.expires_at > now())) AND (s.smart_folder_id = smart_folders.smart_folder_id) AND (s.user_id = smart_folders.user_id)))));


--
-- Name: smart_folders smart_folders_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY smart_folders_owner ON public.smart_folders USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: storage_usage; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.storage_usage ENABLE ROW LEVEL SECURITY;

--
-- Name: storage_usage storage_usage_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY storage_usage_owner ON public.storage_usage USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: tags; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.tags ENABLE ROW LEVEL SECURITY;

--
-- Name: tags tags_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tags_membership ON public.tags FOR SELECT TO gallery_membership USING (true);


--
-- Name: tags tags_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tags_owner ON public.tags USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: tags tags_worker_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY tags_worker_read ON public.tags FOR SELECT TO gallery_worker USING (true);


--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: users users_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY users_membership ON public.users FOR SELECT TO gallery_membership USING (true);


--
-- Name: users users_self; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY users_self ON public.users USING ((user_id = public.app_current_user_id())) WITH CHECK ((user_id = public.app_current_user_id()));


--
-- Name: users users_worker_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY users_worker_read ON public.users FOR SELECT TO gallery_worker USING (true);


--
-- Name: workspace_invitations; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.workspace_invitations ENABLE ROW LEVEL SECURITY;

--
-- Name: workspace_invitations workspace_invitations_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_invitations_membership ON public.workspace_invitations TO gallery_membership USING (true);


--
-- Name: workspace_invitations workspace_invitations_owner; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_invitations_owner ON public.workspace_invitations TO gallery_app USING ((public.app_workspace_role(workspace_id) = 'owner'::text)) WITH CHECK (((public.app_workspace_role(workspace_id) = 'owner'::text) AND (invited_by = public.app_current_user_id())));


--
-- Name: workspace_items; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.workspace_items ENABLE ROW LEVEL SECURITY;

--
-- Name: workspace_items workspace_items_add; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_items_add ON public.workspace_items FOR INSERT TO gallery_app WITH CHECK (((user_id = public.app_current_user_id()) AND (public.app_workspace_role(workspace_id) = ANY (ARRAY['editor'::text, 'owner'::text]))));


--
-- Name: workspace_items workspace_items_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_items_membership ON public.workspace_items FOR SELECT TO gallery_membership USING (true);


--
-- Name: workspace_items workspace_items_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_items_read ON public.workspace_items FOR SELECT TO gallery_app USING (((user_id = public.app_current_user_id()) OR (public.app_workspace_role(workspace_id) IS NOT NULL)));


--
-- Name: workspace_items workspace_items_remove; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_items_remove ON public.workspace_items FOR DELETE TO gallery_app USING (((user_id = public.app_current_user_id()) OR (public.app_workspace_role(workspace_id) = ANY (ARRAY['editor'::text, 'owner'::text]))));


--
-- Name: workspace_items workspace_items_worker_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_items_worker_read ON public.workspace_items FOR SELECT TO gallery_worker USING (true);


--
-- Name: workspace_members; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.workspace_members ENABLE ROW LEVEL SECURITY;

--
-- Name: workspace_members workspace_members_found; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_members_found ON public.workspace_members FOR INSERT TO gallery_app WITH CHECK (((user_id = public.app_current_user_id()) AND (role = 'owner'::text) AND (EXISTS ( SELECT
   FROM public.workspaces w
  WHERE ((w.workspace_id = workspace_members.workspace_id) AND (w.owner_id = public.app_current_user_id()) AND (w.created_at = now()))))));


--
-- Name: workspace_members workspace_members_leave; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_members_leave ON public.workspace_members FOR DELETE TO gallery_app USING ((user_id = public.app_current_user_id()));


--
-- Name: workspace_members workspace_members_manage; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_members_manage ON public.workspace_members TO gallery_app USING ((public.app_workspace_role(workspace_id) = 'owner'::text)) WITH CHECK ((public.app_workspace_role(workspace_id) = 'owner'::text));


--
-- Name: workspace_members workspace_members_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_members_membership ON public.workspace_members FOR SELECT TO gallery_membership USING (true);


--
-- Name: workspace_members workspace_members_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_members_read ON public.workspace_members FOR SELECT TO gallery_app USING ((public.app_workspace_role(workspace_id) IS NOT NULL));


--
-- Name: workspace_members workspace_members_redeem; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspace_members_redeem ON public.workspace_members FOR INSERT TO gallery_membership WITH CHECK (true);


--
-- Name: workspaces; Type: ROW SECURITY; Schema: public; Owner: postgres
--

ALTER TABLE public.workspaces ENABLE ROW LEVEL SECURITY;

--
-- Name: workspaces workspaces_change; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspaces_change ON public.workspaces FOR UPDATE TO gallery_app USING ((public.app_workspace_role(workspace_id) = 'owner'::text)) WITH CHECK ((public.app_workspace_role(workspace_id) = 'owner'::text));


--
-- Name: workspaces workspaces_create; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspaces_create ON public.workspaces FOR INSERT TO gallery_app WITH CHECK ((owner_id = public.app_current_user_id()));


--
-- Name: workspaces workspaces_delete; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspaces_delete ON public.workspaces FOR DELETE TO gallery_app USING ((public.app_workspace_role(workspace_id) = 'owner'::text));


--
-- Name: workspaces workspaces_membership; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspaces_membership ON public.workspaces FOR SELECT TO gallery_membership USING (true);


--
-- Name: workspaces workspaces_read; Type: POLICY; Schema: public; Owner: postgres
--

CREATE POLICY workspaces_read ON public.workspaces FOR SELECT TO gallery_app USING (((owner_id = public.app_current_user_id()) OR (public.app_workspace_role(workspace_id) IS NOT NULL)));


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: pg_database_owner
--

GRANT USAGE ON SCHEMA public TO gallery_app;
GRANT USAGE ON SCHEMA public TO gallery_worker;
GRANT USAGE ON SCHEMA public TO gallery_visitor;
GRANT USAGE ON SCHEMA public TO gallery_membership;
GRANT USAGE ON SCHEMA public TO gallery_password_guard;
GRANT USAGE ON SCHEMA public TO gallery_visitor_reader;


--
-- Name: FUNCTION app_accept_invitation(p_invitation_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_accept_invitation(p_invitation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_accept_invitation(p_invitation_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_current_email(); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_current_email() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_current_email() TO gallery_app;


--
-- Name: FUNCTION app_current_user_id(); Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON FUNCTION public.app_current_user_id() TO gallery_app;
GRANT ALL ON FUNCTION public.app_current_user_id() TO gallery_membership;


--
-- Name: FUNCTION app_decline_invitation(p_invitation_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_decline_invitation(p_invitation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_decline_invitation(p_invitation_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_lock_address(p_email text); Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON FUNCTION public.app_lock_address(p_email text) TO gallery_app;
GRANT ALL ON FUNCTION public.app_lock_address(p_email text) TO gallery_membership;


--
-- Name: FUNCTION app_member_addresses(p_workspace_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_member_addresses(p_workspace_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_member_addresses(p_workspace_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_member_folders(); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_member_folders() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_member_folders() TO gallery_app;


--
-- Name: FUNCTION app_member_images(); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_member_images() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_member_images() TO gallery_app;


--
-- Name: FUNCTION app_my_invitations(); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_my_invitations() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_my_invitations() TO gallery_app;


--
-- Name: FUNCTION app_search_catching_up(); Type: ACL; Schema: public; Owner: postgres
--

REVOKE ALL ON FUNCTION public.app_search_catching_up() FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_search_catching_up() TO gallery_app;


--
-- Name: FUNCTION app_share_found(); Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON FUNCTION public.app_share_found() TO gallery_visitor;
GRANT ALL ON FUNCTION public.app_share_found() TO gallery_visitor_reader;


--
-- Name: FUNCTION app_share_token_hash(); Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON FUNCTION public.app_share_token_hash() TO gallery_visitor;
GRANT ALL ON FUNCTION public.app_share_token_hash() TO gallery_password_guard;
GRANT ALL ON FUNCTION public.app_share_token_hash() TO gallery_visitor_reader;


--
-- Name: FUNCTION app_workspace_folders(p_workspace_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_workspace_folders(p_workspace_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_workspace_folders(p_workspace_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_workspace_ids(); Type: ACL; Schema: public; Owner: gallery_membership
--

GRANT ALL ON FUNCTION public.app_workspace_ids() TO gallery_app;


--
-- Name: FUNCTION app_workspace_image(p_image_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

GRANT ALL ON FUNCTION public.app_workspace_image(p_image_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_workspace_image_count(p_workspace_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_workspace_image_count(p_workspace_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_workspace_image_count(p_workspace_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_workspace_image_tag_keys(p_image_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

REVOKE ALL ON FUNCTION public.app_workspace_image_tag_keys(p_image_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.app_workspace_image_tag_keys(p_image_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_workspace_image_tags(p_image_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

GRANT ALL ON FUNCTION public.app_workspace_image_tags(p_image_id uuid) TO gallery_app;


--
-- Name: FUNCTION app_workspace_role(p_workspace_id uuid); Type: ACL; Schema: public; Owner: gallery_membership
--

GRANT ALL ON FUNCTION public.app_workspace_role(p_workspace_id uuid) TO gallery_app;


--
-- Name: FUNCTION image_is_shared_by_link(p_user_id uuid, p_image_id uuid, p_folder_id uuid); Type: ACL; Schema: public; Owner: postgres
--

GRANT ALL ON FUNCTION public.image_is_shared_by_link(p_user_id uuid, p_image_id uuid, p_folder_id uuid) TO gallery_visitor;


--
-- Name: FUNCTION share_password_failed(p_client_ip inet, p_failed_at timestamp with time zone); Type: ACL; Schema: public; Owner: gallery_password_guard
--

REVOKE ALL ON FUNCTION public.share_password_failed(p_client_ip inet, p_failed_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.share_password_failed(p_client_ip inet, p_failed_at timestamp with time zone) TO gallery_visitor;


--
-- Name: FUNCTION share_password_standing(p_client_ip inet, p_since timestamp with time zone); Type: ACL; Schema: public; Owner: gallery_password_guard
--

REVOKE ALL ON FUNCTION public.share_password_standing(p_client_ip inet, p_since timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.share_password_standing(p_client_ip inet, p_since timestamp with time zone) TO gallery_visitor;


--
-- Name: TABLE exports; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.exports TO gallery_app;


--
-- Name: COLUMN exports.export_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(export_id) ON TABLE public.exports TO gallery_worker;


--
-- Name: COLUMN exports.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.exports TO gallery_worker;


--
-- Name: COLUMN exports.status; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(status) ON TABLE public.exports TO gallery_worker;


--
-- Name: COLUMN exports.s3_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(s3_key) ON TABLE public.exports TO gallery_worker;


--
-- Name: COLUMN exports.version_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(version_id) ON TABLE public.exports TO gallery_worker;


--
-- Name: COLUMN exports.created_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(created_at) ON TABLE public.exports TO gallery_worker;


--
-- Name: COLUMN exports.started_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(started_at) ON TABLE public.exports TO gallery_worker;


--
-- Name: COLUMN exports.expires_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(expires_at) ON TABLE public.exports TO gallery_worker;


--
-- Name: TABLE folders; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE ON TABLE public.folders TO gallery_app;


--
-- Name: COLUMN folders.folder_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(folder_id) ON TABLE public.folders TO gallery_visitor;
GRANT SELECT(folder_id) ON TABLE public.folders TO gallery_visitor_reader;
GRANT SELECT(folder_id) ON TABLE public.folders TO gallery_membership;
GRANT SELECT(folder_id) ON TABLE public.folders TO gallery_worker;


--
-- Name: COLUMN folders.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.folders TO gallery_visitor;
GRANT SELECT(user_id) ON TABLE public.folders TO gallery_visitor_reader;
GRANT SELECT(user_id) ON TABLE public.folders TO gallery_membership;
GRANT SELECT(user_id) ON TABLE public.folders TO gallery_worker;


--
-- Name: COLUMN folders.name; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(name) ON TABLE public.folders TO gallery_visitor;
GRANT UPDATE(name) ON TABLE public.folders TO gallery_app;


--
-- Name: COLUMN folders.description; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(description) ON TABLE public.folders TO gallery_app;


--
-- Name: COLUMN folders.color; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(color) ON TABLE public.folders TO gallery_app;


--
-- Name: COLUMN folders.icon; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(icon) ON TABLE public.folders TO gallery_app;


--
-- Name: COLUMN folders.sort_order; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(sort_order) ON TABLE public.folders TO gallery_app;


--
-- Name: COLUMN folders.parent_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT UPDATE(parent_id) ON TABLE public.folders TO gallery_app;


--
-- Name: COLUMN folders.lineage; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(lineage) ON TABLE public.folders TO gallery_visitor;
GRANT SELECT(lineage) ON TABLE public.folders TO gallery_visitor_reader;
GRANT SELECT(lineage) ON TABLE public.folders TO gallery_membership;
GRANT SELECT(lineage) ON TABLE public.folders TO gallery_worker;


--
-- Name: TABLE image_generation_sources; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.image_generation_sources TO gallery_app;
GRANT SELECT ON TABLE public.image_generation_sources TO gallery_visitor_reader;


--
-- Name: TABLE image_ratings; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.image_ratings TO gallery_app;


--
-- Name: TABLE image_stars; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE ON TABLE public.image_stars TO gallery_app;


--
-- Name: TABLE image_tags; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.image_tags TO gallery_app;


--
-- Name: COLUMN image_tags.image_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(image_id) ON TABLE public.image_tags TO gallery_worker;
GRANT SELECT(image_id) ON TABLE public.image_tags TO gallery_membership;


--
-- Name: COLUMN image_tags.tag_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(tag_id) ON TABLE public.image_tags TO gallery_worker;
GRANT SELECT(tag_id) ON TABLE public.image_tags TO gallery_membership;


--
-- Name: TABLE images; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.images TO gallery_app;


--
-- Name: COLUMN images.image_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(image_id) ON TABLE public.images TO gallery_worker;
GRANT SELECT(image_id) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(image_id) ON TABLE public.images TO gallery_membership;
GRANT SELECT(image_id) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.images TO gallery_worker;
GRANT SELECT(user_id) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(user_id) ON TABLE public.images TO gallery_membership;
GRANT SELECT(user_id) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.folder_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(folder_id) ON TABLE public.images TO gallery_worker;
GRANT SELECT(folder_id) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(folder_id) ON TABLE public.images TO gallery_membership;
GRANT SELECT(folder_id) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.status; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(status) ON TABLE public.images TO gallery_worker;
GRANT SELECT(status) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(status) ON TABLE public.images TO gallery_membership;
GRANT SELECT(status) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.prompt; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(prompt) ON TABLE public.images TO gallery_worker;
GRANT SELECT(prompt) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.negative_prompt; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(negative_prompt) ON TABLE public.images TO gallery_worker;
GRANT SELECT(negative_prompt) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.model; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(model) ON TABLE public.images TO gallery_worker;
GRANT SELECT(model) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.width; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(width) ON TABLE public.images TO gallery_worker;
GRANT SELECT(width) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(width) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.height; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(height) ON TABLE public.images TO gallery_worker;
GRANT SELECT(height) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(height) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.seed; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(seed) ON TABLE public.images TO gallery_visitor_reader;
GRANT SELECT(seed) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.params; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(params) ON TABLE public.images TO gallery_visitor_reader;
GRANT SELECT(params) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.s3_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(s3_key) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(s3_key) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.thumbnail_256_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(thumbnail_256_key) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(thumbnail_256_key) ON TABLE public.images TO gallery_worker;
GRANT SELECT(thumbnail_256_key) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.thumbnail_512_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(thumbnail_512_key) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(thumbnail_512_key) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.mime_type; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(mime_type) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(mime_type) ON TABLE public.images TO gallery_worker;
GRANT SELECT(mime_type) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.file_size_bytes; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(file_size_bytes) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(file_size_bytes) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.content_sha256; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(content_sha256) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(content_sha256) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.is_public; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(is_public) ON TABLE public.images TO gallery_worker;
GRANT SELECT(is_public) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(is_public) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.is_favorite; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(is_favorite) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.view_count; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(view_count),UPDATE(view_count) ON TABLE public.images TO gallery_visitor;


--
-- Name: COLUMN images.download_count; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(download_count),UPDATE(download_count) ON TABLE public.images TO gallery_visitor;


--
-- Name: COLUMN images.created_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(created_at) ON TABLE public.images TO gallery_worker;
GRANT SELECT(created_at) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(created_at) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.updated_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(updated_at) ON TABLE public.images TO gallery_visitor;


--
-- Name: COLUMN images.deleted_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(deleted_at) ON TABLE public.images TO gallery_worker;
GRANT SELECT(deleted_at) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(deleted_at) ON TABLE public.images TO gallery_membership;
GRANT SELECT(deleted_at) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.reservation_expires_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(reservation_expires_at) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.ingested_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(ingested_at) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.public_show_metadata; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(public_show_metadata) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(public_show_metadata) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.placeholder; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(placeholder) ON TABLE public.images TO gallery_worker;
GRANT SELECT(placeholder) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(placeholder) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.preview_avif_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(preview_avif_key) ON TABLE public.images TO gallery_worker;
GRANT SELECT(preview_avif_key) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(preview_avif_key) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.preview_webp_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(preview_webp_key) ON TABLE public.images TO gallery_visitor;
GRANT SELECT(preview_webp_key) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.recompression; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(recompression),UPDATE(recompression) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.clean_copy_made_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(clean_copy_made_at) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.generator; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(generator) ON TABLE public.images TO gallery_worker;
GRANT SELECT(generator) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.steps; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(steps) ON TABLE public.images TO gallery_worker;
GRANT SELECT(steps) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.cfg_scale; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(cfg_scale) ON TABLE public.images TO gallery_worker;
GRANT SELECT(cfg_scale) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.sampler; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(sampler) ON TABLE public.images TO gallery_worker;
GRANT SELECT(sampler) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.scheduler; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(scheduler) ON TABLE public.images TO gallery_worker;
GRANT SELECT(scheduler) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.model_hash; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(model_hash) ON TABLE public.images TO gallery_worker;
GRANT SELECT(model_hash) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.vae; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(vae) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.loras; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(loras) ON TABLE public.images TO gallery_worker;
GRANT SELECT(loras) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.clip_skip; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(clip_skip) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.denoising_strength; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(denoising_strength) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.hires_upscaler; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(hires_upscaler) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.hires_scale; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(hires_scale) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.stack_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(stack_id) ON TABLE public.images TO gallery_worker;
GRANT SELECT(stack_id) ON TABLE public.images TO gallery_visitor_reader;


--
-- Name: COLUMN images.generation_read_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(generation_read_at) ON TABLE public.images TO gallery_worker;


--
-- Name: COLUMN images.rating; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(rating) ON TABLE public.images TO gallery_worker;


--
-- Name: TABLE invitation_sends; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE ON TABLE public.invitation_sends TO gallery_app;


--
-- Name: TABLE object_deletions; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.object_deletions TO gallery_app;
GRANT SELECT,DELETE,UPDATE ON TABLE public.object_deletions TO gallery_worker;


--
-- Name: TABLE search_documents; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.search_documents TO gallery_app;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.search_documents TO gallery_worker;


--
-- Name: TABLE search_outbox; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.search_outbox TO gallery_worker;
GRANT INSERT ON TABLE public.search_outbox TO gallery_membership;


--
-- Name: TABLE share_access_failures; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,DELETE ON TABLE public.share_access_failures TO gallery_worker;
GRANT SELECT,INSERT ON TABLE public.share_access_failures TO gallery_password_guard;


--
-- Name: TABLE shares; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.shares TO gallery_app;


--
-- Name: COLUMN shares.share_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(share_id) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(share_id) ON TABLE public.shares TO gallery_password_guard;


--
-- Name: COLUMN shares.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(user_id) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: COLUMN shares.image_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(image_id) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(image_id) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: COLUMN shares.folder_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(folder_id) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(folder_id) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: COLUMN shares.token_hash; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(token_hash) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(token_hash) ON TABLE public.shares TO gallery_password_guard;
GRANT SELECT(token_hash) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: COLUMN shares.permission; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(permission) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.password_hash; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(password_hash),UPDATE(password_hash) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.show_metadata; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(show_metadata) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(show_metadata) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: COLUMN shares.expires_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(expires_at) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(expires_at) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: COLUMN shares.max_views; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(max_views) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.current_views; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(current_views),UPDATE(current_views) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.download_count; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(download_count),UPDATE(download_count) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.is_active; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(is_active) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(is_active) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: COLUMN shares.created_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(created_at) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.last_accessed_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(last_accessed_at),UPDATE(last_accessed_at) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.grant_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(grant_key) ON TABLE public.shares TO gallery_visitor;


--
-- Name: COLUMN shares.smart_folder_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(smart_folder_id) ON TABLE public.shares TO gallery_visitor;
GRANT SELECT(smart_folder_id) ON TABLE public.shares TO gallery_visitor_reader;


--
-- Name: TABLE smart_folders; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.smart_folders TO gallery_app;


--
-- Name: COLUMN smart_folders.smart_folder_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(smart_folder_id) ON TABLE public.smart_folders TO gallery_visitor;


--
-- Name: COLUMN smart_folders.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.smart_folders TO gallery_visitor;


--
-- Name: COLUMN smart_folders.name; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(name) ON TABLE public.smart_folders TO gallery_visitor;


--
-- Name: TABLE storage_usage; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.storage_usage TO gallery_app;


--
-- Name: TABLE tags; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.tags TO gallery_app;


--
-- Name: COLUMN tags.tag_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(tag_id) ON TABLE public.tags TO gallery_worker;
GRANT SELECT(tag_id) ON TABLE public.tags TO gallery_membership;


--
-- Name: COLUMN tags.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.tags TO gallery_worker;


--
-- Name: COLUMN tags.name; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(name) ON TABLE public.tags TO gallery_worker;
GRANT SELECT(name) ON TABLE public.tags TO gallery_membership;


--
-- Name: COLUMN tags.name_key; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(name_key) ON TABLE public.tags TO gallery_membership;
GRANT SELECT(name_key) ON TABLE public.tags TO gallery_worker;


--
-- Name: TABLE users; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.users TO gallery_app;


--
-- Name: COLUMN users.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.users TO gallery_membership;
GRANT SELECT(user_id) ON TABLE public.users TO gallery_worker;


--
-- Name: COLUMN users.email; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(email) ON TABLE public.users TO gallery_membership;


--
-- Name: COLUMN users.plan; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(plan) ON TABLE public.users TO gallery_worker;


--
-- Name: COLUMN users.created_at; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(created_at) ON TABLE public.users TO gallery_membership;


--
-- Name: TABLE visitor_visible_images; Type: ACL; Schema: public; Owner: gallery_visitor_reader
--

GRANT SELECT ON TABLE public.visitor_visible_images TO gallery_visitor;


--
-- Name: TABLE visitor_generation_sources; Type: ACL; Schema: public; Owner: gallery_visitor_reader
--

GRANT SELECT ON TABLE public.visitor_generation_sources TO gallery_visitor;


--
-- Name: TABLE workspace_invitations; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.workspace_invitations TO gallery_app;
GRANT SELECT,DELETE ON TABLE public.workspace_invitations TO gallery_membership;


--
-- Name: TABLE workspace_items; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT ON TABLE public.workspace_items TO gallery_membership;
GRANT SELECT,INSERT,DELETE ON TABLE public.workspace_items TO gallery_app;


--
-- Name: COLUMN workspace_items.workspace_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(workspace_id) ON TABLE public.workspace_items TO gallery_worker;


--
-- Name: COLUMN workspace_items.user_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(user_id) ON TABLE public.workspace_items TO gallery_worker;


--
-- Name: COLUMN workspace_items.image_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(image_id) ON TABLE public.workspace_items TO gallery_worker;


--
-- Name: COLUMN workspace_items.folder_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(folder_id) ON TABLE public.workspace_items TO gallery_worker;


--
-- Name: TABLE workspace_members; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.workspace_members TO gallery_app;
GRANT SELECT,INSERT ON TABLE public.workspace_members TO gallery_membership;


--
-- Name: TABLE workspaces; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.workspaces TO gallery_app;


--
-- Name: COLUMN workspaces.workspace_id; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(workspace_id) ON TABLE public.workspaces TO gallery_membership;


--
-- Name: COLUMN workspaces.name; Type: ACL; Schema: public; Owner: postgres
--

GRANT SELECT(name) ON TABLE public.workspaces TO gallery_membership;


--
-- PostgreSQL database dump complete
--


