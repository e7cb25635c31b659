-- A folder's place in its owner's tree. Before a folder is made or moved: its lineage
-- (the root's path to it) from its parent's, refusing a move under itself or its subtree
-- (folders_no_cycle) and a tree deeper than 16 (folders_depth). After a move: its
-- subtree's lineages follow, and when a workspace share of an old or a new ancestor now
-- covers (or no longer covers) the subtree, its images are queued for the search documents.
-- Moves of one owner's folders take turns (a transaction-scoped advisory lock, taken before
-- the parent's lineage is read), so two moves at once cannot make a cycle between them.
create or replace function folders_place() returns trigger
    language plpgsql
    as $$
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

create or replace function folders_moved() returns trigger
    language plpgsql security definer set search_path = public, pg_temp
    as $$
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

create or replace trigger folders_place before insert or update of parent_id on folders
    for each row execute function folders_place();
create or replace trigger folders_moved after update of parent_id on folders
    for each row when (old.parent_id is distinct from new.parent_id)
    execute function folders_moved();
