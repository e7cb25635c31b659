-- The worker role: background jobs that act for every user (object clean-up now; the search
-- indexer and trash purge later). Its rights are granted table by table, and row-level
-- security lets it through only by policies written for it.

do $$
begin
    if not exists (select from pg_roles where rolname = 'gallery_worker') then
        create role gallery_worker nologin;
    end if;
end
$$;

grant usage on schema public to gallery_worker;
grant select, update, delete on object_deletions to gallery_worker;
create policy object_deletions_worker on object_deletions to gallery_worker
    using (true) with check (true);
