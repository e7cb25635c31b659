import { useEffect, useState } from "react";

import type { Api, Filters, Folder, Tag } from "../api";
import { useI18n } from "../i18n";

/** Where to look: everything, favourites, a folder, a tag (with its count). */
export function Sidebar({ api, filters, onChange, refreshKey = 0 }: {
  api: Api; filters: Filters; onChange: (next: Partial<Filters>) => void; refreshKey?: number;
}) {
  const { t } = useI18n();
  const [folders, setFolders] = useState<Folder[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  useEffect(() => {
    let live = true;
    api.folders().then((f) => live && setFolders(f)).catch(() => undefined);
    api.tags().then((x) => live && setTags(x)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, refreshKey]);
  const everything = !filters.favorite && !filters.folder && !filters.tag;
  return (
    <nav className="sidebar" aria-label="sidebar">
      <button type="button" aria-current={everything} onClick={() => onChange({ favorite: false, folder: "", tag: "" })}>
        {t("myImages")}
      </button>
      <button type="button" aria-current={filters.favorite} onClick={() => onChange({ favorite: true, folder: "", tag: "" })}>
        ★ {t("favourites")}
      </button>
      {folders.length > 0 && <h2>{t("folders")}</h2>}
      {folders.map((folder) => (
        <button type="button" key={folder.folder_id} aria-current={filters.folder === folder.folder_id}
                onClick={() => onChange({ folder: folder.folder_id, tag: "", favorite: false })}>
          <span className="swatch" style={{ background: folder.color ?? "#999" }} />
          {folder.name} <small>{folder.image_count}</small>
        </button>
      ))}
      {tags.length > 0 && <h2>{t("tags")}</h2>}
      <div className="tag-cloud">
        {tags.map((tag) => (
          <button type="button" key={tag.tag_id} aria-current={filters.tag === tag.name}
                  onClick={() => onChange({ tag: filters.tag === tag.name ? "" : tag.name })}>
            #{tag.name} <small>{tag.usage_count}</small>
          </button>
        ))}
      </div>
    </nav>
  );
}
