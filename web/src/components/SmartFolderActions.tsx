import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileArchiveIcon, FolderSearchIcon, Link2, RefreshCwIcon, TextCursorInputIcon, Trash2Icon } from "lucide-react";
import { type FormEvent, useState } from "react";

import { type Api, answer, type Filters } from "../api";
import type { components } from "../api/schema";
import { focusOnMount } from "../focusOnMount";
import { useI18n } from "../i18n";
import { lazyComponent } from "../lazy";
import { ConfirmDialog } from "./ConfirmDialog";
import { lastSearchQuery, type SmartFolder, smartFoldersQuery, type SmartQuery } from "./SmartFolders";
import { useToast } from "./Toast";

const ShareDialog = lazyComponent(() => import("./ShareDialog").then((m) => m.ShareDialog));
const ZipExport = lazyComponent(() => import("./ZipExport").then((m) => m.ZipExport));

/** Over a smart folder's images (in the folder bar's place): its name, a warning when its
 * search no longer works, and its actions. */
export function SmartFolderBar({ api, smartFolderId, onChange }: {
  api: Api; smartFolderId: string; onChange: (next: Partial<Filters>) => void;
}) {
  const { t } = useI18n();
  const list = useQuery(smartFoldersQuery(api));
  const folder = list.data?.find((f) => f.smart_folder_id === smartFolderId);
  if (!folder) return null; // not loaded yet, or gone
  return (
    <div className="folder-bar smart-bar">
      <h2 className="smart-title"><FolderSearchIcon aria-hidden />{folder.name}</h2>
      {folder.image_count === null && <p className="error">{t("smartFolderBroken")}</p>}
      <SmartFolderActions api={api} folder={folder} lastSearch={lastSearchQuery()}
                          onChanged={() => void list.refetch()} onDeleted={() => onChange({ smart: "" })} />
    </div>
  );
}

/** What can be done to the smart folder shown: renamed, its search replaced by the last one
 * looked at, shared by a link (what the search finds when the link is opened), downloaded as
 * a ZIP, deleted (asked first: only the search goes, never an image). */
export function SmartFolderActions({ api, folder, lastSearch, onChanged, onDeleted }: {
  api: Api; folder: SmartFolder; lastSearch: SmartQuery | null; onChanged: () => void; onDeleted: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const client = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [dialog, setDialog] = useState<"" | "share" | "zip">("");
  const path = { smart_folder_id: folder.smart_folder_id };
  const update = (body: components["schemas"]["SmartFolderUpdate"]) =>
    answer(api.client.PATCH("/api/v1/files/smart-folders/{smart_folder_id}", { params: { path }, body }));
  const change = useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSuccess: () => {
      setRenaming(false);
      onChanged();
    },
    onError: (error) => toast({ message: { error } }),
  });
  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = (new FormData(event.currentTarget).get("name") as string).trim();
    if (name) change.mutate(() => update({ name }));
  };
  const replace = (query: SmartQuery) => change.mutate(async () => {
    await update({ query });
    toast({ message: { id: "smartFolderReplaced", values: { name: folder.name } } });
    await client.invalidateQueries({ queryKey: ["images"] }); // what it finds changed
  });
  const remove = () => change.mutate(async () => {
    await answer(api.client.DELETE("/api/v1/files/smart-folders/{smart_folder_id}", { params: { path } }));
    onDeleted();
  });
  return (
    <div className="smart-actions" role="group" aria-label={t("smartFolderActions", { name: folder.name })}>
      <button type="button" aria-expanded={renaming} onClick={() => setRenaming(!renaming)}>
        <TextCursorInputIcon aria-hidden />{t("rename")}
      </button>
      {lastSearch && (
        <button type="button" onClick={() => replace(lastSearch)}>
          <RefreshCwIcon aria-hidden />{t("replaceWithLastSearch")}
        </button>
      )}
      <button type="button" aria-haspopup="dialog" aria-label={t("shareSmartFolder", { name: folder.name })}
              onClick={() => setDialog("share")}><Link2 aria-hidden />{t("share")}</button>
      <button type="button" aria-haspopup="dialog" disabled={folder.image_count === null}
              onClick={() => setDialog("zip")}><FileArchiveIcon aria-hidden />{t("downloadZip")}</button>
      <ConfirmDialog trigger={<button type="button" className="danger"><Trash2Icon aria-hidden />{t("delete")}</button>}
                     title={t("deleteSmartFolderTitle", { name: folder.name })}
                     description={t("deleteSmartFolderText")} confirmLabel={t("delete")} onConfirm={remove} />
      {renaming && (
        <form className="new-folder" onSubmit={rename}>
          <input name="name" ref={focusOnMount} required maxLength={255} defaultValue={folder.name}
                 aria-label={t("smartFolderName")} />
          <button type="submit" disabled={change.isPending}>{t("save")}</button>
        </form>
      )}
      {dialog === "share" && (
        <ShareDialog api={api} target={{ smartFolderId: folder.smart_folder_id, name: folder.name }}
                     onClose={() => setDialog("")} />
      )}
      {dialog === "zip" && (
        <ZipExport api={api} source={{ smart_folder_id: folder.smart_folder_id }} what={folder.name}
                   onClose={() => setDialog("")} />
      )}
    </div>
  );
}
