import { type Api, type Filters, type Folder, splitTags, type Workspace } from "../api";
import { useI18n } from "../i18n";
import { ConfirmDialog } from "./ConfirmDialog";
import { useToast } from "./Toast";

/** What to do with the selected images: favourite, move, share into a workspace, delete
 * (with Undo) — or, in the trash, restore or delete for good (asked first). All or nothing
 * on the server. */
export function BulkBar({ api, filters, selected, folders, workspaces, onDone, onClear }: {
  api: Api; filters: Filters; selected: Set<string>; folders: Folder[]; workspaces: Workspace[];
  onDone: () => void; onClear: () => void;
}) {
  const { t, errorMessage } = useI18n();
  const toast = useToast();
  const ids = [...selected];
  const run = async (action: () => Promise<unknown>) => {
    await action();
    onClear();
    onDone();
  };
  // the bar goes with the selection: the toast (above it, in the app) keeps the Undo
  const moveToTrash = () => run(async () => {
    await api.bulk({ action: "delete", image_ids: ids });
    toast({
      message: t("movedToTrash", { count: ids.length }),
      action: {
        label: t("undo"),
        run: () => void api.bulk({ action: "restore", image_ids: ids }).then(
          () => { toast({ message: t("restoredFromTrash", { count: ids.length }) }); onDone(); },
          (error) => toast({ message: errorMessage(error) })),
      },
    });
  });
  return (
    <div className="bulk" role="toolbar" aria-label={t("selectedCount", { count: ids.length })}>
      <strong>{t("selectedCount", { count: ids.length })}</strong>
      {filters.trash ? (
        <>
          <button type="button" onClick={() => run(() => api.bulk({ action: "restore", image_ids: ids }))}>{t("restore")}</button>
          <ConfirmDialog trigger={<button type="button" className="danger">{t("deleteForGood")}</button>}
                         title={t("purgeConfirmTitle", { count: ids.length })} description={t("purgeConfirmText")}
                         confirmLabel={t("deleteForGood")}
                         onConfirm={() => void run(() => api.bulk({ action: "purge", image_ids: ids }))} />
        </>
      ) : (
        <>
          <button type="button" onClick={() => run(() => api.bulk({ action: "favorite", image_ids: ids }))}>★ {t("favourite")}</button>
          <button type="button" onClick={() => run(() => api.bulk({ action: "unfavorite", image_ids: ids }))}>☆ {t("unfavourite")}</button>
          <select aria-label={t("moveTo")} value="" onChange={(e) =>
            run(() => api.bulk({ action: "move", image_ids: ids,
                        folder_id: e.target.value === "none" ? null : e.target.value }))}>
            <option value="" disabled>{t("moveTo")}…</option>
            <option value="none">{t("noFolder")}</option>
            {folders.map((f) => <option key={f.folder_id} value={f.folder_id}>{f.name}</option>)}
          </select>
          {workspaces.some((w) => w.role === "editor" || w.role === "owner") && (
            <select aria-label={t("shareToWorkspace")} value="" onChange={(e) =>
              run(() => api.shareIntoWorkspace(e.target.value, ids))}>
              <option value="" disabled>{t("shareToWorkspace")}…</option>
              {workspaces.filter((w) => w.role === "editor" || w.role === "owner").map((w) =>
                <option key={w.workspace_id} value={w.workspace_id}>{w.name}</option>)}
            </select>
          )}
          <form onSubmit={(event) => {
            event.preventDefault();
            const input = event.currentTarget.elements.namedItem("tag") as HTMLInputElement;
            const tags = splitTags(input.value);  // "a, b" adds two
            if (tags.length) void run(() => api.bulk({ action: "add_tags", image_ids: ids, tags }));
          }}>
            <input name="tag" aria-label={t("addTag")} placeholder={t("addTag")} maxLength={100} />
          </form>
          <button type="button" className="danger" onClick={moveToTrash}>{t("delete")}</button>
        </>
      )}
      <button type="button" onClick={onClear}>{t("clearSelection")}</button>
    </div>
  );
}
