-- A folder (or smart folder) link with the download permission offers its images as a ZIP
-- (issue 20): the export is the owner's (their images, their archive), made for the link
-- and read back through it only. At most one at work per link; they do not count against
-- the owner's own.
alter table exports add column share_id uuid references shares on delete cascade;
create index exports_share_idx on exports (share_id, created_at desc) where share_id is not null;
