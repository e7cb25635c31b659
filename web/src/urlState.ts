// The search and filters live in the URL, so a view can be bookmarked and shared.
import { useCallback, useEffect, useState } from "react";

import { type Filters, NO_FILTERS } from "./api";

export function filtersFromUrl(search: string): Filters {
  const params = new URLSearchParams(search);
  const sort = params.get("sort");
  return {
    q: params.get("q") ?? "",
    tag: params.get("tag") ?? "",
    folder: params.get("folder") ?? "",
    favorite: params.get("favorite") === "1",
    sort: sort === "newest" || sort === "oldest" || sort === "relevance" ? sort : "",
    trash: params.get("view") === "trash",
    workspace: params.get("workspace") ?? "",
  };
}

export function filtersToUrl(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.folder) params.set("folder", filters.folder);
  if (filters.favorite) params.set("favorite", "1");
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.trash) params.set("view", "trash");
  if (filters.workspace) params.set("workspace", filters.workspace);
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
      const merged = { ...NO_FILTERS, ...current, ...next };
      window.history.pushState(null, "", `${window.location.pathname}${filtersToUrl(merged)}`);
      return merged;
    });
  }, []);
  return [filters, update];
}
