import { useMutation } from "@tanstack/react-query";
import { FolderDownIcon, FolderPlusIcon, PencilIcon, Share2 } from "lucide-react";
import { type FormEvent, useState } from "react";

import type { Api, Filters, Folder } from "../api";
import { focusOnMount } from "../focusOnMount";
import { useI18n } from "../i18n";
import { lazyComponent } from "../lazy";
import { useToast } from "./Toast";

// opened by Edit: the rest of the bar comes without it
const FolderEditor = lazyComponent(() => import("./FolderEditor").then((m) => m.FolderEditor));
// a smart folder's name and actions in place of a folder's
const SmartFolderBar = lazyComponent(() => import("./SmartFolderActions").then((m) => m.SmartFolderBar));
// opened by Download as ZIP
const ZipExport = lazyComponent(() => import("./ZipExport").then((m) => m.ZipExport));

/** Over a folder's images: where it is (breadcrumbs from All images, each one a way up),
 * whether its subfolders' images are listed too (the default) or only its own, and what can
 * be done to it: a subfolder made in it, its editor, a share link (the app's dialog). */
export function FolderBar({ api, filters, folders, onChange, onFoldersChanged, onShare }: {
  api: Api; filters: Filters; folders: Folder[]; onChange: (next: Partial<Filters>) => void;
  onFoldersChanged?: () => void; onShare: (folder: Folder) => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  // the panel open, for the folder it was opened for (another folder shown closes it)
  const [open, setOpen] = useState({ folder: "", panel: "" as "" | "subfolder" | "edit" });
  // the folder being zipped, with its subfolders or not (as listed when asked)
  const [zipping, setZipping] = useState<{ folder: Folder; subfolders: boolean } | null>(null);
  const folder = folders.find((f) => f.folder_id === filters.folder);
  const panel = open.folder === filters.folder ? open.panel : "";
  const toggle = (next: typeof panel) => setOpen({ folder: filters.folder, panel: panel === next ? "" : next });
  const create = useMutation({
    mutationFn: ({ name, parentId }: { name: string; parentId: string }) => api.createFolder(name, parentId),
    onSuccess: () => {
      setOpen({ folder: "", panel: "" });
      onFoldersChanged?.();
    },
    onError: (error) => toast({ message: { error } }),
  });
  if (filters.smart) return <SmartFolderBar api={api} smartFolderId={filters.smart} onChange={onChange} />;
  if (!folder) return null; // not loaded yet, or gone
  const name = folder.name;
  const createSubfolder = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = (new FormData(event.currentTarget).get("name") as string).trim();
    if (typed) create.mutate({ name: typed, parentId: folder.folder_id });
  };
  // another folder lists with its subfolders again (the default)
  const show = (folderId: string) => folderId !== filters.folder && onChange({ folder: folderId, folderOnly: false });
  return (
    <div className="folder-bar">
      <nav aria-label={t("folderPath")}>
        <ol className="breadcrumbs">
          <li><button type="button" onClick={() => onChange({ folder: "" })}>{t("allImages")}</button></li>
          {folder.path.map((crumb) => (
            <li key={crumb.folder_id}>
              <button type="button" aria-current={crumb.folder_id === folder.folder_id ? "page" : undefined}
                      onClick={() => show(crumb.folder_id)}>{crumb.name}</button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="folder-actions">
        {folders.some((f) => f.parent_id === folder.folder_id) && (
          <div className="view-switch" role="group" aria-label={t("subfolders")}>
            <button type="button" aria-pressed={!filters.folderOnly} onClick={() => onChange({ folderOnly: false })}>
              {t("includeSubfolders", { count: folder.total_image_count })}
            </button>
            <button type="button" aria-pressed={Boolean(filters.folderOnly)} onClick={() => onChange({ folderOnly: true })}>
              {t("onlyThisFolder", { count: folder.image_count })}
            </button>
          </div>
        )}
        <button type="button" aria-expanded={panel === "subfolder"} onClick={() => toggle("subfolder")}>
          <FolderPlusIcon aria-hidden />{t("newSubfolder")}
        </button>
        <button type="button" aria-expanded={panel === "edit"} aria-label={t("editFolder", { name })}
                onClick={() => toggle("edit")}><PencilIcon aria-hidden />{t("edit")}</button>
        <button type="button" aria-label={t("shareFolder", { name })} aria-haspopup="dialog"
                onClick={() => onShare(folder)}><Share2 aria-hidden />{t("share")}</button>
        <button type="button" aria-label={t("downloadFolderZip", { name })} aria-haspopup="dialog"
                onClick={() => setZipping({ folder, subfolders: !filters.folderOnly })}>
          <FolderDownIcon aria-hidden />{t("downloadZip")}
        </button>
      </div>
      {zipping && (
        <ZipExport api={api}
                   source={{ folder_id: zipping.folder.folder_id, include_subfolders: zipping.subfolders }}
                   what={zipping.folder.name} onClose={() => setZipping(null)} />
      )}
      {panel === "subfolder" && (
        <form className="new-subfolder" onSubmit={createSubfolder}>
          {/* opened to type in it */}
          <input name="name" ref={focusOnMount} required maxLength={255} aria-label={t("subfolderName", { name })}
                 placeholder={t("subfolderName", { name })} />
          <button type="submit" disabled={create.isPending}>{t("create")}</button>
        </form>
      )}
      {panel === "edit" && (
        <FolderEditor api={api} folder={folder} folders={folders}
                      onDone={() => { setOpen({ folder: "", panel: "" }); onFoldersChanged?.(); }}
                      onDeleted={(parentId) => onChange({ folder: parentId ?? "", folderOnly: false })} />
      )}
    </div>
  );
}
