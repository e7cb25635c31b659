// What is being dragged onto the folder tree: a folder (from the tree) or images (from the
// grid). One drag at a time, so one slot: a drop target reads it during dragover, where the
// browser hides the data itself (and another page's drag, or files, set nothing here).
import type { Folder, ImageItem } from "./api";

export type Dragged = Folder | ImageItem[];

export const dragging: { what?: Dragged } = {};

export function dragEnded() {
  delete dragging.what;
}
