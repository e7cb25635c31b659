// The search and filters live in the URL, so a view can be bookmarked and shared.
import { useCallback, useEffect, useState } from "react";

import { type Filters, GEN_KEYS, type GenFilters, NO_FILTERS } from "./api";

const NUMBERS = { w: "width", h: "height", minw: "minWidth", maxw: "maxWidth", minh: "minHeight",
                  maxh: "maxHeight", rating: "rating" } as const;

export function filtersFromUrl(search: string): Filters {
  const params = new URLSearchParams(search);
  const sort = params.get("sort");
  const numbers: Partial<Filters> = {};
  for (const [short, name] of Object.entries(NUMBERS)) {
    const value = Number(params.get(short));
    if (Number.isInteger(value) && value > 0) numbers[name] = value;
  }
  const gen: GenFilters = {};
  for (const name of GEN_KEYS) if (params.get(name)) gen[name] = params.get(name)!;
  const date = (name: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(name) ?? "") ? params.get(name)! : undefined);
  return {
    q: params.get("q") ?? "",
    tag: params.get("tag") ?? "",
    folder: params.get("folder") ?? "",
    ...(params.get("folder") && params.get("subfolders") === "0" ? { folderOnly: true } : {}),
    favorite: params.get("favorite") === "1",
    sort: sort === "newest" || sort === "oldest" || sort === "relevance" || sort === "rating" ? sort : "",
    trash: params.get("view") === "trash",
    ...(params.get("view") === "links" ? { links: true } : {}),
    workspace: params.get("workspace") ?? "",
    isPublic: params.get("public") === "1",
    ...numbers,
    ...(params.get("model") ? { model: params.get("model")! } : {}),
    ...(date("from") ? { from: date("from") } : {}),
    ...(date("to") ? { to: date("to") } : {}),
    ...(params.getAll("tags").length ? { allTags: params.getAll("tags") } : {}),
    ...(params.getAll("exclude").length ? { excludeTags: params.getAll("exclude") } : {}),
    ...(Object.keys(gen).length ? { gen } : {}),
    ...(params.getAll("lora").length ? { loras: params.getAll("lora") } : {}),
    ...(params.get("stacks") === "1" ? { stacks: true } : {}),
    ...(params.get("stack") ? { stack: params.get("stack")! } : {}),
    ...(params.get("smart") ? { smart: params.get("smart")! } : {}),
  };
}

export function filtersToUrl(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.folder) params.set("folder", filters.folder);
  if (filters.folder && filters.folderOnly) params.set("subfolders", "0");
  if (filters.favorite) params.set("favorite", "1");
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.trash) params.set("view", "trash");
  if (filters.links) params.set("view", "links");
  if (filters.workspace) params.set("workspace", filters.workspace);
  if (filters.isPublic) params.set("public", "1");
  if (filters.model) params.set("model", filters.model);
  for (const [short, name] of Object.entries(NUMBERS)) {
    if (filters[name]) params.set(short, String(filters[name]));
  }
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const tag of filters.allTags ?? []) params.append("tags", tag);
  for (const tag of filters.excludeTags ?? []) params.append("exclude", tag);
  for (const [name, value] of Object.entries(filters.gen ?? {})) if (value) params.set(name, value);
  for (const name of filters.loras ?? []) params.append("lora", name);
  if (filters.stacks) params.set("stacks", "1");
  if (filters.stack) params.set("stack", filters.stack);
  if (filters.smart) params.set("smart", filters.smart);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function useUrlFilters(): [Filters, (next: Partial<Filters>) => void] {
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(window.location.search));
  useEffect(() => {
    const onPop = () => setFilters(filtersFromUrl(window.location.search));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const update = useCallback((next: Partial<Filters>) => {
    setFilters((current) => {
      // any other way to look (a folder, a search…) leaves the list of links and the smart folder
      const merged = { ...NO_FILTERS, ...current, links: false, smart: "", ...next };
      window.history.pushState(null, "", `${window.location.pathname}${filtersToUrl(merged)}`);
      return merged;
    });
  }, []);
  return [filters, update];
}
