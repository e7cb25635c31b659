import { X } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { type Filters, type Folder, NO_NARROWING } from "../api";
import { useI18n } from "../i18n";
import { GALLERY_ID } from "./Gallery";

interface Chip {
  key: string;
  label: string;
  remove: Partial<Filters>;
}


/** One removable chip per active filter above the grid, and "Clear all": whatever a sidebar
 * pick kept (the query, a folder…) is in sight, never a silent reason for no results. */
export function FilterChips({ filters, folders, onChange }: {
  filters: Filters; folders: Folder[]; onChange: (next: Partial<Filters>) => void;
}) {
  const { t, formatDate } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const [refocus, setRefocus] = useState<number | null>(null); // the removed chip's place
  const chips: Chip[] = [];
  const add = (key: string, label: string, remove: Partial<Filters>) => chips.push({ key, label, remove });
  const others = (list: string[] = [], name: string) => list.filter((item) => item !== name);

  if (filters.q) add("q", t("chip.query", { text: filters.q }), { q: "", sort: filters.sort === "relevance" ? "" : filters.sort });
  if (filters.tag) add("tag", t("chip.tag", { name: filters.tag }), { tag: "" });
  for (const name of filters.allTags ?? []) {
    add(`tags-${name}`, t("chip.tag", { name }), { allTags: others(filters.allTags, name) });
  }
  for (const name of filters.excludeTags ?? []) {
    add(`exclude-${name}`, t("chip.notTag", { name }), { excludeTags: others(filters.excludeTags, name) });
  }
  if (filters.folder) {
    const name = folders.find((f) => f.folder_id === filters.folder)?.name ?? t("chip.unknownFolder");
    add("folder", t("chip.folder", { name }), { folder: "" });
  }
  if (filters.favorite) add("favorite", t("favourites"), { favorite: false });
  if (filters.isPublic) add("public", t("public"), { isPublic: false });
  if (filters.model) add("model", t("chip.model", { name: filters.model }), { model: undefined });
  if (filters.width && filters.height) {
    add("size", t("chip.size", { width: filters.width, height: filters.height }), { width: undefined, height: undefined });
  }
  const bounds = [["minWidth", "chip.minWidth"], ["maxWidth", "chip.maxWidth"], ["minHeight", "chip.minHeight"],
                  ["maxHeight", "chip.maxHeight"]] as const;
  for (const [name, message] of bounds) {
    if (filters[name]) add(name, t(message, { pixels: filters[name] }), { [name]: undefined });
  }
  if (filters.from) add("from", t("chip.from", { date: formatDate(`${filters.from}T00:00:00`) }), { from: undefined });
  if (filters.to) add("to", t("chip.to", { date: formatDate(`${filters.to}T00:00:00`) }), { to: undefined });

  // a removed chip's button is gone: the focus goes to the one now in its place, or past the
  // chips to the images when none is left
  useEffect(() => {
    if (refocus === null) return;
    const buttons = list.current?.querySelectorAll("button") ?? [];
    const next = buttons[Math.min(refocus, buttons.length - 2)] ?? document.getElementById(GALLERY_ID);
    next?.focus();
    setRefocus(null);
  }, [refocus]);

  if (!chips.length) return <div ref={list} hidden />;
  return (
    <div className="filter-chips" ref={list}>
      <ul aria-label={t("activeFilters")}>
        {chips.map((chip, index) => (
          <li key={chip.key}>
            <button type="button" aria-label={t("removeFilter", { filter: chip.label })}
                    onClick={() => { onChange(chip.remove); setRefocus(index); }}>
              <span>{chip.label}</span><X aria-hidden size={16} />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="clear-all" onClick={() => {
        onChange({ ...NO_NARROWING, ...(filters.sort === "relevance" ? { sort: "" } : {}) }); // as the query's chip does
        setRefocus(0);
      }}>
        {t("clearAll")}
      </button>
    </div>
  );
}
