import { useMutation } from "@tanstack/react-query";
import { ArrowDownIcon, ArrowUpIcon, Trash2Icon } from "lucide-react";
import { type FormEvent, useState } from "react";

import { type Api, type Folder } from "../api";
import { useI18n } from "../i18n";
import { ConfirmDialog } from "./ConfirmDialog";
import { useToast } from "./Toast";

/** Rename, recolour, move up or down; delete (asked first), with the images moved to another
 * folder or to none: the API never deletes a folder's images. A refusal is said in a toast. */
export function FolderEditor({ api, folder, folders, onDone }: {
  api: Api; folder: Folder; folders: Folder[]; onDone: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(folder.name);
  const [color, setColor] = useState(folder.color ?? "#9e9e9e");
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
  const target = folders.find((f) => f.folder_id === moveTo);
  const position = folders.findIndex((f) => f.folder_id === folder.folder_id);
  const swap = (other: Folder | undefined) =>
    other && run(async () => {
      // sort orders are dense from 0 (the API gives new folders the next one)
      await api.updateFolder(folder.folder_id, { sort_order: folders.indexOf(other) });
      await api.updateFolder(other.folder_id, { sort_order: position });
    });
  return (
    <form className="folder-editor" onSubmit={save} aria-label={t("folderForm", { name: folder.name })}>
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t("folderName")} required maxLength={255} />
      <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label={t("colour")} />
      <button type="submit">{t("save")}</button>
      <button type="button" aria-label={t("moveUp")} disabled={position <= 0} onClick={() => swap(folders[position - 1])}>
        <ArrowUpIcon aria-hidden />
      </button>
      <button type="button" aria-label={t("moveDown")} disabled={position >= folders.length - 1}
              onClick={() => swap(folders[position + 1])}><ArrowDownIcon aria-hidden /></button>
      <select aria-label={t("moveImagesTo")} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
        <option value="">{t("noFolder")}</option>
        {folders.filter((f) => f.folder_id !== folder.folder_id).map((f) =>
          <option key={f.folder_id} value={f.folder_id}>{f.name}</option>)}
      </select>
      <ConfirmDialog trigger={<button type="button" className="danger"><Trash2Icon aria-hidden />{t("delete")}</button>}
                     title={t("deleteFolderConfirmTitle", { name: folder.name })}
                     description={target
                       ? t("deleteFolderConfirmMove", { count: folder.image_count, target: target.name })
                       : t("deleteFolderConfirmText", { count: folder.image_count })}
                     confirmLabel={t("deleteFolder")}
                     onConfirm={() => run(() => api.deleteFolder(folder.folder_id, moveTo || null))} />
    </form>
  );
}
