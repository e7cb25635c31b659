-- Wrong share passwords back off per link and client address (issue 15, findings 6 and 12).
--
-- share_access_failures holds visitors' client addresses. The visitor role used to read all
-- of it (every link's addresses) to count failures. Now it touches the table only through
-- two functions of gallery_password_guard, a role without login: one answers the standing
-- of the current attempt (failures of this link from this address, of this address across
-- links, of this link from everyone: counts and latest times, never an address), the other
-- records a failure for the transaction's link. The link is the one app.share_token_hash
-- names, so a visitor's transaction can neither read nor write another link's failures.

do $$
begin
    if not exists (select from pg_roles where rolname = 'gallery_password_guard') then
        create role gallery_password_guard nologin;
    end if;
end
$$;
-- The migration role hands the functions below to it (see 0008).
grant gallery_password_guard to current_user;

grant usage on schema public to gallery_password_guard;
grant execute on function app_share_token_hash() to gallery_password_guard;
grant select (share_id, token_hash) on shares to gallery_password_guard;
create policy shares_password_guard on shares for select to gallery_password_guard
    using (token_hash = app_share_token_hash());
grant select, insert on share_access_failures to gallery_password_guard;
create policy share_access_failures_guard on share_access_failures
    to gallery_password_guard using (true) with check (true);

-- The back-off reads one link's failures by address; under attack a link has many rows.
create index share_access_failures_pair_idx
    on share_access_failures (share_id, client_ip, failed_at);

create function share_password_standing(p_client_ip inet, p_since timestamptz)
    returns table (pair_failures integer, pair_last timestamptz, address_failures integer,
                   address_last timestamptz, link_failures integer)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
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

create function share_password_failed(p_client_ip inet, p_failed_at timestamptz)
    returns void
    language sql volatile security definer set search_path = public, pg_temp
    as $$
insert into share_access_failures (share_id, client_ip, failed_at)
select s.share_id, p_client_ip, p_failed_at from shares s
 where s.token_hash = app_share_token_hash()
$$;

alter function share_password_standing(inet, timestamptz) owner to gallery_password_guard;
alter function share_password_failed(inet, timestamptz) owner to gallery_password_guard;
revoke execute on function share_password_standing(inet, timestamptz) from public;
revoke execute on function share_password_failed(inet, timestamptz) from public;
grant execute on function share_password_standing(inet, timestamptz) to gallery_visitor;
grant execute on function share_password_failed(inet, timestamptz) to gallery_visitor;

-- The visitor itself no longer reads or writes the table.
drop policy share_access_failures_read on share_access_failures;
drop policy share_access_failures_record on share_access_failures;
revoke all on share_access_failures from gallery_visitor;
