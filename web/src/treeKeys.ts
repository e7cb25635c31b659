// Where the folder tree's keys take the focus (WAI-ARIA's tree pattern), over the rows drawn.
// Not the first screen's (as gridKeys.ts): in the tree's actions chunk (folderTreeActions.ts),
// fetched when the tree first has the focus.

/** What a key does in the tree, to the treeitem `item` that has the focus. */
export interface TreeActions {
  setOpen: (folderId: string, open: boolean) => void;
  select: (folderId: string) => void;
}

/** ↓/↑ the next or previous row drawn, Home/End the first or last; → opens a closed folder or
 * enters an open one; ← closes an open folder or goes to the parent; Enter and Space show it.
 * The rows are one flat list in tree order, each with its aria-level. */
export function treeKey(tree: HTMLElement, item: HTMLElement, key: string, { setOpen, select }: TreeActions) {
  const items = [...tree.querySelectorAll<HTMLElement>("[role=treeitem]")];
  const at = items.indexOf(item);
  const id = item.dataset.folder as string;
  const expanded = item.getAttribute("aria-expanded");
  const level = Number(item.getAttribute("aria-level"));
  const go = (next: Element | null | undefined) => (next as HTMLElement | null | undefined)?.focus();
  if (key === "ArrowDown") go(items[at + 1]);
  else if (key === "ArrowUp") go(items[at - 1]);
  else if (key === "Home") go(items[0]);
  else if (key === "End") go(items.at(-1));
  else if (key === "ArrowRight") {
    if (expanded === "false") setOpen(id, true);
    else if (expanded) go(items[at + 1]); // its first subfolder
  } else if (key === "ArrowLeft") {
    if (expanded === "true") setOpen(id, false);
    // the parent: the nearest row above one level up (none at the top level)
    else go(items.slice(0, at).findLast((row) => Number(row.getAttribute("aria-level")) === level - 1));
  } else select(id);
}
