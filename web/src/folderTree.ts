// Folders as a tree: the API lists them all, parents before their subfolders, each with its
// parent_id and its path from the top level (itself last). The sidebar draws them nested;
// the pickers list them in tree order, each by its path (folderPicker.ts).
import type { Folder } from "./api";

/** Each folder's subfolders in the API's order (sort order, then name); the top level's
 * under "". A folder whose parent is not in the list is shown at the top level. */
export function childrenOf(folders: readonly Folder[]): Map<string, Folder[]> {
  const ids = new Set(folders.map((folder) => folder.folder_id));
  const children = new Map<string, Folder[]>();
  for (const folder of folders) {
    const parent = folder.parent_id && ids.has(folder.parent_id) ? folder.parent_id : "";
    children.set(parent, [...(children.get(parent) ?? []), folder]);
  }
  return children;
}

/** Whether `folder` is the folder `ancestorId` or under it at any depth (its path says). */
export function isWithin(folder: Folder, ancestorId: string): boolean {
  return folder.path.some((crumb) => crumb.folder_id === ancestorId);
}
