-- Tags are the same tag when their keys are equal; the key is written by the code
-- (gallery.tag_keys: NFC + Unicode case folding). lower() folded only ASCII under the C
-- collation, so 'Äpfel' and 'äpfel' were two tags and filters by either missed the other.
alter table tags add column name_key text;
-- What the old unique index held, so no two rows collide here; `gallery backfill` re-keys
-- the rows whose name folds differently (non-ASCII letters), merging duplicates.
update tags set name_key = lower(name);
alter table tags alter column name_key set not null,
    add constraint tags_name_key_length check (length(name_key) between 1 and 400);
drop index tags_user_name_key;
drop index tags_user_name_prefix_idx;
create unique index tags_user_name_key on tags (user_id, name_key);
create index tags_user_name_prefix_idx on tags (user_id, name_key text_pattern_ops);

grant select (name_key) on tags to gallery_membership;
-- The tag keys of an image the caller sees through a workspace (as app_workspace_image_tags).
create function app_workspace_image_tag_keys(p_image_id uuid) returns text[]
    language sql stable security definer set search_path = public, pg_temp
    as $$
select coalesce(array_agg(t.name_key), '{}')
  from image_tags it join tags t on t.tag_id = it.tag_id
 where it.image_id = p_image_id and app_workspace_image(p_image_id)
$$;
alter function app_workspace_image_tag_keys(uuid) owner to gallery_membership;
revoke execute on function app_workspace_image_tag_keys(uuid) from public;
grant execute on function app_workspace_image_tag_keys(uuid) to gallery_app;

-- the indexer's documents carry keys, and `gallery backfill` finds the keys to fold again
grant select (name_key) on tags to gallery_worker;
