-- Read your own writes in search: the index follows the outbox a moment behind, so a search
-- made just after a change (a tag added, an image uploaded) can miss it. A search answers
-- whether the caller still has changes on their way to the index; the dashboard asks again
-- until they are in (with OpenSearch the last change shows up to its refresh interval, 1 s,
-- later). The outbox is not the caller's to read: this answers yes or no only.
create index search_outbox_user_idx on search_outbox (user_id) where parked_at is null;

create function app_search_catching_up() returns boolean
    language sql stable security definer set search_path = public, pg_temp
    as $$
select exists (
    select 1 from search_outbox
     where user_id = app_current_user_id() and parked_at is null)
$$;
revoke execute on function app_search_catching_up() from public;
grant execute on function app_search_catching_up() to gallery_app;
