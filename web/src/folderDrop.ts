// What a drop on the folder tree does (in the tree's actions chunk, folderTreeActions.ts): a
// folder moves, with its subfolders, under another one or to the top level; images from the
// grid move into a folder. Each is said in a toast with Undo (a drop is easily made by
// mistake); a refusal (a cycle, a name taken there, too deep) is said in the toast instead.
import type { Api, Folder, ImageItem } from "./api";
import type { ToastMessage } from "./components/Toast";
import type { Dragged } from "./dragged";

export interface Drop {
  api: Api;
  toast: (toast: ToastMessage) => void;
  /** a folder, or images */
  what: Dragged | undefined;
  /** null: the top level */
  target: Folder | null;
  onFoldersChanged?: () => void;
  onImagesMoved?: () => void;
}

export async function dropOnFolder({ api, toast, what, target, onFoldersChanged, onImagesMoved }: Drop) {
  const undone = (back: () => Promise<unknown>) => ({
    label: { id: "undo" } as const,
    run: () => void back().then(onFoldersChanged, (error: unknown) => toast({ message: { error } })),
  });
  try {
    if (what && !Array.isArray(what)) {
      const { folder_id: folderId, name, parent_id: from } = what;
      await api.updateFolder(folderId, { parent_id: target?.folder_id ?? null });
      onFoldersChanged?.();
      toast({
        message: target ? { id: "folderMovedInto", values: { name, target: target.name } }
          : { id: "folderMovedToTop", values: { name } },
        action: undone(() => api.updateFolder(folderId, { parent_id: from })),
      });
    } else if (what?.length && target) {
      const images = what;
      await api.bulk({ action: "move", image_ids: images.map((i) => i.image_id), folder_id: target.folder_id });
      onImagesMoved?.();
      // back where each one was (they may have come from several folders of a listing)
      const before = new Map<string | null, ImageItem[]>();
      for (const image of images) before.set(image.folder_id, [...(before.get(image.folder_id) ?? []), image]);
      toast({
        message: { id: "imagesMovedInto", values: { count: images.length, target: target.name } },
        action: undone(() => Promise.all([...before].map(([folderId, from]) =>
          api.bulk({ action: "move", image_ids: from.map((i) => i.image_id), folder_id: folderId })))),
      });
    }
  } catch (error) {
    toast({ message: { error } });
  }
}
