import { useMutation } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon, Trash2Icon } from "lucide-react";
import { type FormEvent, useState } from "react";

import { type Api, type Folder } from "../api";
import { folderLabel, treeOrder } from "../folderPicker";
import { isWithin } from "../folderTree";
import { useI18n } from "../i18n";
import { ConfirmDialog } from "./ConfirmDialog";
import { useToast } from "./Toast";

type Subfolders = "move_up" | "delete";

/** Rename, recolour, move up or down among its siblings, move (with its subfolders) under
 * another folder or to the top level (the keyboard's way to what a drag in the tree does);
 * delete (asked first: its subfolders move up or go too, its images move up to its parent
 * or to a folder chosen, never deleted). A refusal is said in a toast. */
export function FolderEditor({ api, folder, folders, onDone, onDeleted }: {
  api: Api; folder: Folder; folders: Folder[]; onDone: () => void;
  /** Deleted: where its images went by default (its parent; null: the top level). */
  onDeleted?: (parentId: string | null) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(folder.name);
  const [color, setColor] = useState(folder.color ?? "#9e9e9e");
  const [parent, setParent] = useState(folder.parent_id ?? "");
  const [subfolders, setSubfolders] = useState<Subfolders>("move_up");
  const [moveTo, setMoveTo] = useState("");
  const toast = useToast();
  const change = useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSuccess: onDone,
    onError: (error) => toast({ message: { error } }),
  });
  const run = (action: () => Promise<unknown>) => change.mutate(action);
  const save = (event: FormEvent) => {
    event.preventDefault();
    run(() => api.updateFolder(folder.folder_id, { name: name.trim(), color }));
  };
  const id = folder.folder_id;
  const siblings = folders.filter((f) => (f.parent_id ?? null) === (folder.parent_id ?? null));
  const position = siblings.findIndex((f) => f.folder_id === id);
  const swap = (step: number) => {
    const other = siblings[position + step];
    run(async () => {
      const order = [...siblings];
      [order[position], order[position + step]] = [other, order[position]];
      // sort orders dense from 0 among the siblings (a folder moved in keeps the one it had)
      for (const [n, f] of order.entries()) {
        if (f === other || f.folder_id === id || f.sort_order !== n) await api.updateFolder(f.folder_id, { sort_order: n });
      }
    });
  };
  const ordered = treeOrder(folders);
  const underIt = folders.filter((f) => f.folder_id !== id && isWithin(f, id));
  const children = folders.filter((f) => f.parent_id === id);
  const parentFolder = folders.find((f) => f.folder_id === folder.parent_id);
  // what is deleted, and where its images may go instead of up to the parent
  const deleted = subfolders === "delete" ? [id, ...underIt.map((f) => f.folder_id)] : [id];
  const imageTargets = ordered.filter((f) => !deleted.includes(f.folder_id) && f !== parentFolder);
  const chosen = imageTargets.find((f) => f.folder_id === moveTo);
  const target = chosen ?? parentFolder;
  const count = subfolders === "delete" ? folder.total_image_count : folder.image_count;
  const whatHappens = [
    children.length === 0 ? "" : subfolders === "delete" ? t("deleteFolderSubfoldersToo", { count: underIt.length })
      : parentFolder ? t("deleteFolderSubfoldersUp", { count: children.length, parent: parentFolder.name })
        : t("deleteFolderSubfoldersTop", { count: children.length }),
    target ? t("deleteFolderConfirmMove", { count, target: target.name }) : t("deleteFolderConfirmText", { count }),
  ].filter(Boolean).join(" ");
  return (
    <form className="folder-editor" onSubmit={save} aria-label={t("folderForm", { name: folder.name })}>
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t("folderName")} required maxLength={255} />
      <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label={t("colour")} />
      <button type="submit">{t("save")}</button>
      <button type="button" aria-label={t("moveUp")} disabled={position <= 0} onClick={() => swap(-1)}>
        <ArrowUpIcon aria-hidden />
      </button>
      <button type="button" aria-label={t("moveDown")} disabled={position >= siblings.length - 1}
              onClick={() => swap(1)}><ArrowDownIcon aria-hidden /></button>
      <div className="folder-move">
        {/* not into itself nor its own subfolders: the server would refuse (folder_cycle) */}
        <label>{t("moveFolderTo")}
          <select value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">{t("topLevel")}</option>
            {ordered.filter((f) => !isWithin(f, id)).map((f) =>
              <option key={f.folder_id} value={f.folder_id}>{folderLabel(f)}</option>)}
          </select>
        </label>
        <button type="button" disabled={parent === (folder.parent_id ?? "")}
                onClick={() => run(() => api.updateFolder(id, { parent_id: parent || null }))}>{t("move")}</button>
      </div>
      <ConfirmDialog trigger={<button type="button" className="danger"><Trash2Icon aria-hidden />{t("delete")}</button>}
                     title={t("deleteFolderConfirmTitle", { name: folder.name })}
                     description={whatHappens}
                     confirmLabel={t("deleteFolder")}
                     onConfirm={() => run(async () => {
                       await api.deleteFolder(id, chosen?.folder_id ?? null, children.length ? subfolders : undefined);
                       onDeleted?.(folder.parent_id);
                     })}>
        <div className="delete-choices">
          {children.length > 0 && (
            <fieldset>
              <legend>{t("deleteFolderSubfolders", { count: children.length })}</legend>
              <label className="check">
                <input type="radio" name="subfolders" checked={subfolders === "move_up"}
                       onChange={() => setSubfolders("move_up")} />
                {parentFolder ? t("subfoldersUp", { parent: parentFolder.name }) : t("subfoldersTop")}
              </label>
              <label className="check">
                <input type="radio" name="subfolders" checked={subfolders === "delete"}
                       onChange={() => setSubfolders("delete")} />
                {t("subfoldersDelete", { count: children.length })}
              </label>
            </fieldset>
          )}
          <label>{t("moveImagesTo")}
            <select value={chosen?.folder_id ?? ""} onChange={(e) => setMoveTo(e.target.value)}>
              <option value="">{parentFolder ? t("imagesUpTo", { parent: parentFolder.name }) : t("noFolder")}</option>
              {imageTargets.map((f) => <option key={f.folder_id} value={f.folder_id}>{folderLabel(f)}</option>)}
            </select>
          </label>
        </div>
      </ConfirmDialog>
    </form>
  );
}
