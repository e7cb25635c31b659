-- An image leaving the listing (trashed, deleted) ends its share links and its workspace
-- shares.
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
