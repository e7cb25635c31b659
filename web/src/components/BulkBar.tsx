import { useMutation } from "@tanstack/react-query";
import {
  ArchiveRestoreIcon, DownloadIcon, EllipsisIcon, FolderInputIcon, GitCompareArrowsIcon, StarIcon, StarOffIcon, Trash2Icon, XIcon,
} from "lucide-react";
import { useState } from "react";

import { type Api, type Filters, type Folder, splitTags, type Workspace } from "../api";
import { folderLabel, treeOrder } from "../folderPicker";
import { useI18n } from "../i18n";
import { lazyComponent } from "../lazy";
import { useNarrow } from "../viewport";
import { ConfirmDialog } from "./ConfirmDialog";
import { Sheet } from "./Sheet";
import { useToast } from "./Toast";

// its own chunk: fetched when the comparison opens
const CompareView = lazyComponent(() => import("./CompareView").then((m) => m.CompareView));
// and the ZIP's, when asked for
const ZipExport = lazyComponent(() => import("./ZipExport").then((m) => m.ZipExport));

/** What to do with the selected images: favourite, move, share into a workspace, delete
 * (with Undo) — or, in the trash, restore or delete for good (asked first). All or nothing
 * on the server; a refusal is said in a toast. A toolbar on a desktop; on a phone a sheet
 * at the bottom with the main actions, the others behind "More". */
export function BulkBar({ api, filters, selected, folders, workspaces, onDone, onClear }: {
  api: Api; filters: Filters; selected: Set<string>; folders: Folder[]; workspaces: Workspace[];
  onDone: () => void; onClear: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const narrow = useNarrow();
  const ids = [...selected];
  const [comparing, setComparing] = useState(false);
  // the images zipped: those selected when asked (the selection may change behind the dialog)
  const [zipping, setZipping] = useState<string[] | null>(null);
  // the mutation's own callbacks run even once the bar is gone with the selection
  const bulk = useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSuccess: () => {
      onClear();
      onDone();
    },
    onError: (error) => toast({ message: { error } }),
  });
  const run = (action: () => Promise<unknown>) => bulk.mutate(action);
  // the bar goes with the selection: the toast (above it, in the app) keeps the Undo
  const moveToTrash = () => run(async () => {
    await api.bulk({ action: "delete", image_ids: ids });
    toast({
      message: { id: "movedToTrash", values: { count: ids.length } },
      action: {
        label: { id: "undo" },
        run: () => void api.bulk({ action: "restore", image_ids: ids }).then(
          () => { toast({ message: { id: "restoredFromTrash", values: { count: ids.length } } }); onDone(); },
          (error) => toast({ message: { error } })),
      },
    });
  });
  const sharable = workspaces.filter((w) => w.role === "editor" || w.role === "owner");
  const others = (
    <>
      <button type="button" onClick={() => run(() => api.bulk({ action: "unfavorite", image_ids: ids }))}>
        <StarOffIcon aria-hidden />{t("unfavourite")}
      </button>
      {sharable.length > 0 && (
        <select aria-label={t("shareToWorkspace")} value="" onChange={(e) => {
          const workspaceId = e.target.value; // read now: the select goes back to "" before the call
          run(() => api.shareIntoWorkspace(workspaceId, ids));
        }}>
          <option value="" disabled>{t("shareToWorkspace")}…</option>
          {sharable.map((w) => <option key={w.workspace_id} value={w.workspace_id}>{w.name}</option>)}
        </select>
      )}
      <form onSubmit={(event) => {
        event.preventDefault();
        const input = event.currentTarget.elements.namedItem("tag") as HTMLInputElement;
        const tags = splitTags(input.value);  // "a, b" adds two
        if (tags.length) run(() => api.bulk({ action: "add_tags", image_ids: ids, tags }));
      }}>
        <input name="tag" aria-label={t("addTag")} placeholder={t("addTag")} maxLength={100} />
      </form>
    </>
  );
  return (
    <div className="bulk" role="toolbar" aria-label={t("selectedCount", { count: ids.length })}
         aria-busy={bulk.isPending}>
      <div className="bulk-summary">
        <strong>{t("selectedCount", { count: ids.length })}</strong>
        <button type="button" onClick={onClear}><XIcon aria-hidden />{t("clearSelection")}</button>
      </div>
      <div className="bulk-actions">
        {filters.trash ? (
          <>
            <button type="button" onClick={() => run(() => api.bulk({ action: "restore", image_ids: ids }))}>
              <ArchiveRestoreIcon aria-hidden />{t("restore")}
            </button>
            <ConfirmDialog trigger={<button type="button" className="danger">
                             <Trash2Icon aria-hidden />{t("deleteForGood")}</button>}
                           title={t("purgeConfirmTitle", { count: ids.length })} description={t("purgeConfirmText")}
                           confirmLabel={t("deleteForGood")}
                           onConfirm={() => run(() => api.bulk({ action: "purge", image_ids: ids }))} />
          </>
        ) : (
          <>
            {/* two images: side by side, their prompts' and settings' differences */}
            {ids.length === 2 && (
              <button type="button" onClick={() => setComparing(true)} aria-haspopup="dialog">
                <GitCompareArrowsIcon aria-hidden />{t("compare")}
              </button>
            )}
            <button type="button" onClick={() => run(() => api.bulk({ action: "favorite", image_ids: ids }))}>
              <StarIcon aria-hidden />{t("favourite")}
            </button>
            <label className="bulk-move">
              <FolderInputIcon aria-hidden />
              <select aria-label={t("moveTo")} value="" onChange={(e) => {
                const folderId = e.target.value === "none" ? null : e.target.value; // read now, as above
                run(() => api.bulk({ action: "move", image_ids: ids, folder_id: folderId }));
              }}>
                <option value="" disabled>{t("moveTo")}…</option>
                <option value="none">{t("noFolder")}</option>
                {treeOrder(folders).map((f) => <option key={f.folder_id} value={f.folder_id}>{folderLabel(f)}</option>)}
              </select>
            </label>
            <button type="button" aria-haspopup="dialog" onClick={() => setZipping(ids)}>
              <DownloadIcon aria-hidden />{t("downloadZip")}
            </button>
            <button type="button" className="danger" onClick={moveToTrash}>
              <Trash2Icon aria-hidden />{t("delete")}
            </button>
            {narrow ? (
              <Sheet side="bottom" title={t("bulkActions", { count: ids.length })}
                     trigger={<button type="button"><EllipsisIcon aria-hidden />{t("moreActions")}</button>}>
                <div className="sheet-actions">{others}</div>
              </Sheet>
            ) : others}
          </>
        )}
      </div>
      {zipping && (
        <ZipExport api={api} source={{ image_ids: zipping }} what={t("imageCount", { count: zipping.length })}
                   onClose={() => setZipping(null)} />
      )}
      {comparing && ids.length === 2 && (
        <CompareView api={api} ids={[ids[0], ids[1]]} onClose={() => setComparing(false)} />
      )}
    </div>
  );
}
