import { useMutation, useQuery } from "@tanstack/react-query";
import { FolderSearchIcon, SaveIcon, TriangleAlertIcon } from "lucide-react";
import { type FormEvent, useState } from "react";

import { type Api, answer, type Filters, isAdvanced, NO_NARROWING, searchFilters } from "../api";
import type { components } from "../api/schema";
import { focusOnMount } from "../focusOnMount";
import { useI18n } from "../i18n";
import { useToast } from "./Toast";

// the sidebar's other lazy part: one chunk for both (Sidebar.tsx)
export { Invitations } from "./Invitations";

export type SmartFolder = components["schemas"]["SmartFolderOut"];
export type SmartQuery = components["schemas"]["SmartQuery"];

/** Under "images": a change to the library (useLibraryChanged) recounts them too. */
export const SMART_FOLDERS = ["images", "smart-folders"] as const;

/** Whether the filters are a search worth saving: words, a filter, a place among my images. */
export function isSearch(filters: Filters): boolean {
  return Boolean(!filters.trash && !filters.workspace && !filters.smart && !filters.stack && !filters.links &&
    (filters.q || isAdvanced(filters) || filters.tag || filters.rating || filters.favorite || filters.isPublic ||
     filters.folder));
}

/** The search the filters make, exactly as the dashboard sends it to /search/images (what is
 * unset left out). */
export function queryOf(filters: Filters): SmartQuery {
  const all: Record<string, unknown> = { ...searchFilters(filters), sort: filters.sort || undefined,
                                         stacks: filters.stacks ? "collapse" : undefined };
  const query = Object.fromEntries(Object.entries(all).filter(([, value]) =>
    value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0)));
  return { include_subfolders: false, ...query } as SmartQuery;
}

/** The last search looked at (the drawer's sidebar and the desktop's share it): what a smart
 * folder's search can be replaced with, once the smart folder is shown in its place. */
let lastSearch: SmartQuery | null = null;
export const lastSearchQuery = () => lastSearch;

/** My smart folders, with their counts (one cache: the sidebar's and the bar's). */
export function smartFoldersQuery(api: Api) {
  return { queryKey: SMART_FOLDERS, queryFn: () => answer(api.client.GET("/api/v1/files/smart-folders")) };
}

/** The sidebar's "Smart folders": saved searches, each with what it finds now (a warning
 * when its search no longer works), listed in the grid when picked (its name and actions
 * then over it: SmartFolderActions.tsx), and the current search saved as one. */
export function SmartFolders({ api, filters, onChange }: {
  api: Api; filters: Filters; onChange: (next: Partial<Filters>) => void;
}) {
  const { t, formatNumber } = useI18n();
  const toast = useToast();
  const list = useQuery(smartFoldersQuery(api));
  const [saving, setSaving] = useState(false);
  const searching = isSearch(filters);
  if (searching) lastSearch = queryOf(filters);
  const folders = list.data ?? [];
  const current = folders.find((f) => f.smart_folder_id === filters.smart);
  const save = useMutation({
    mutationFn: (body: { name: string; query: SmartQuery }) =>
      answer(api.client.POST("/api/v1/files/smart-folders", { body })),
    onSuccess: (made) => {
      setSaving(false);
      toast({ message: { id: "smartFolderSaved", values: { name: made.name } } });
      void list.refetch();
    },
    onError: (error) => toast({ message: { error } }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = (new FormData(event.currentTarget).get("name") as string).trim();
    if (name) save.mutate({ name, query: queryOf(filters) });
  };
  return (
    <section className="smart-folders" aria-labelledby="smart-folders-title">
      <h2 id="smart-folders-title">{t("smartFolders")}</h2>
      {searching && (saving ? (
        <form className="new-folder" onSubmit={submit}>
          {/* opened to type in it */}
          <input name="name" ref={focusOnMount} required maxLength={255} aria-label={t("smartFolderName")}
                 placeholder={t("smartFolderName")} />
          <button type="submit" disabled={save.isPending}>{t("save")}</button>
          <button type="button" onClick={() => setSaving(false)}>{t("cancel")}</button>
        </form>
      ) : (
        <button type="button" onClick={() => setSaving(true)}><SaveIcon aria-hidden />{t("saveSearch")}</button>
      ))}
      {list.isSuccess && folders.length === 0 && !searching && <p className="notice">{t("noSmartFolders")}</p>}
      {folders.length > 0 && (
        <ul className="smart-list">
          {folders.map((folder) => (
            <li key={folder.smart_folder_id}>
              <button type="button" aria-current={folder === current}
                      onClick={() => onChange({ ...NO_NARROWING, trash: false, workspace: "", isPublic: false,
                                                smart: folder.smart_folder_id })}>
                <FolderSearchIcon aria-hidden /><span className="folder-name">{folder.name}</span>{" "}
                {folder.image_count === null ? (
                  // the saved search no longer reads (a filter the search refuses now)
                  <span className="smart-broken" title={t("smartFolderBroken")}>
                    <TriangleAlertIcon role="img" aria-label={t("smartFolderBroken")} />
                  </span>
                ) : <small>{formatNumber(folder.image_count)}</small>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
