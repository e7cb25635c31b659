// The folders as the pickers list them (the bulk bar's and the viewer's Move to, the folder
// editor's): in tree order, each named by its path. Not the first screen's: those pickers
// come in chunks of their own.
import type { Folder } from "./api";
import { childrenOf } from "./folderTree";

/** Every folder, each followed by its subfolders (what a picker lists). */
export function treeOrder(folders: readonly Folder[]): Folder[] {
  const children = childrenOf(folders);
  const walk = (parent: string): Folder[] =>
    (children.get(parent) ?? []).flatMap((folder) => [folder, ...walk(folder.folder_id)]);
  return walk("");
}

/** A folder as a picker names it: its path from the top level ("여행 / 제주"). */
export function folderLabel(folder: Folder): string {
  return folder.path.map((crumb) => crumb.name).join(" / ");
}
