// The folders in the sidebar, nested: WAI-ARIA's tree pattern (one Tab stop; ↑/↓ move, → opens
// or enters, ← closes or goes to the parent, Home/End, Enter or Space shows the folder). The
// rows drawn are one flat list, each saying its level and place among its siblings (a
// treeitem holding its subfolders would be named by their names too, and not its own). A
// folder row is a drop target: another folder moves under it, images from the grid move into
// it. Where keys go and what drops do are in a chunk of their own (folderTreeActions.ts). What
// is open is kept in localStorage; the folder shown, and the folders above it, are opened.
import type React from "react";
import { useEffect, useMemo, useRef, useState } from "react";

import type { Api, Folder } from "../api";
import { dragEnded, dragging } from "../dragged";
import { childrenOf, isWithin } from "../folderTree";
import { useI18n } from "../i18n";
import { useToast } from "./Toast";

const OPEN = "pingvas.openFolders";
const KEYS = /^(Arrow(Up|Down|Left|Right)|Home|End|Enter| )$/;

// the keys and drops (folderTreeActions.ts), once here: each key then acts at once, on the row
// the one before reached
type Actions = typeof import("../folderTreeActions");
let actions: Actions | undefined;
const loadActions = () => import("../folderTreeActions").then((module) => (actions = module));

function storedOpen(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(OPEN) ?? "[]") as string[]);
  } catch {
    return new Set();
  }
}

/** Whether what is dragged may go into `target` (null: the top level): a folder not into
 * itself, its own subfolders or where it already is; images into any folder. */
function accepts(target: Folder | null): boolean {
  const { what } = dragging;
  if (Array.isArray(what)) return target !== null;
  if (!what) return false; // another page's drag, or files
  return (target?.folder_id ?? null) !== what.parent_id && !(target && isWithin(target, what.folder_id));
}

export function FolderTree({ api, folders, current, onSelect, onFoldersChanged, onImagesMoved }: {
  api: Api; folders: Folder[]; current: string; onSelect: (folderId: string) => void;
  onFoldersChanged?: () => void; onImagesMoved?: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const toast = useToast();
  const tree = useRef<HTMLUListElement>(null);
  const children = useMemo(() => childrenOf(folders), [folders]);
  const [open, setOpenState] = useState(storedOpen);
  const [focused, setFocused] = useState("");
  const [movingFolder, setMovingFolder] = useState(false); // the top level's drop zone shows
  const [over, setOver] = useState<string | null>(null); // the drop target under the pointer
  const setOpen = (ids: string[], on: boolean) => setOpenState((was) => {
    const next = new Set(was);
    for (const id of ids) next[on ? "add" : "delete"](id);
    localStorage.setItem(OPEN, JSON.stringify([...next]));
    return next;
  });
  // the folder shown (from the tree, a breadcrumb or the address) is in sight, and open
  // (and where it went, once moved)
  const shownPath = folders.find((folder) => folder.folder_id === current)?.path.map((crumb) => crumb.folder_id);
  useEffect(() => {
    if (shownPath) setOpen(shownPath, true);
  }, [shownPath?.join()]); // eslint-disable-line react-hooks/exhaustive-deps

  // the rows drawn, in order: the one Tab stop is the row focused last, else the folder shown
  const rows: { folder: Folder; level: number; place: number; of: number }[] = [];
  const walk = (parent: string, level: number) => children.get(parent)?.forEach((folder, n, siblings) => {
    rows.push({ folder, level, place: n + 1, of: siblings.length });
    if (open.has(folder.folder_id)) walk(folder.folder_id, level + 1);
  });
  walk("", 1);
  const tabStop = [focused, current].find((id) => rows.some((row) => row.folder.folder_id === id))
    ?? rows[0]?.folder.folder_id;

  // where a key goes: treeKeys.ts
  const onKeyDown = (event: React.KeyboardEvent) => {
    const item = event.target as HTMLElement;
    const { key } = event;
    if (!KEYS.test(key) || item.getAttribute("role") !== "treeitem") return;
    event.preventDefault();
    const press = ({ treeKey }: Actions) => treeKey(tree.current!, item, key, {
      setOpen: (id, on) => setOpen([id], on), select: onSelect,
    });
    if (actions) press(actions);
    else void loadActions().then(press);
  };

  const drop = (event: React.DragEvent, target: Folder | null) => {
    event.preventDefault();
    setOver(null);
    const { what } = dragging;
    dragEnded();
    // where a folder went is in sight
    if (what && !Array.isArray(what) && target) setOpen([target.folder_id], true);
    void loadActions().then(({ dropOnFolder }) =>
      dropOnFolder({ api, toast, what, target, onFoldersChanged, onImagesMoved }));
  };
  // the handlers that make an element a drop target for `target`
  const dropTarget = (target: Folder | null, key: string) => ({
    onDragOver: (event: React.DragEvent) => {
      if (!accepts(target)) return; // the browser shows that it cannot go there
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setOver(key);
    },
    onDragLeave: () => setOver((was) => (was === key ? null : was)),
    onDrop: (event: React.DragEvent) => drop(event, target),
  });

  return (
    <>
      {rows.length > 0 && (
        <ul ref={tree} role="tree" aria-label={t("folders")} className="folder-tree" onKeyDown={onKeyDown}
            onFocus={(event) => {
              void loadActions();
              setFocused((event.target as HTMLElement).dataset.folder ?? focused);
            }}>
          {rows.map(({ folder, level, place, of }) => {
            const id = folder.folder_id;
            const sub = children.has(id);
            const opened = sub && open.has(id);
            return (
              <li key={id} role="treeitem" aria-level={level} aria-setsize={of} aria-posinset={place}
                  aria-expanded={sub ? opened : undefined} aria-selected={id === current}
                  tabIndex={id === tabStop ? 0 : -1} data-folder={id}
                  className={`folder-row${over === id ? " drop-target" : ""}`} draggable
                  style={{ paddingInlineStart: level * 16 - 12 }} onClick={() => onSelect(id)}
                  onDragStart={(event) => {
                    dragging.what = folder;
                    event.dataTransfer.effectAllowed = "move";
                    event.dataTransfer.setData("text/plain", folder.name);
                    setMovingFolder(folder.parent_id !== null); // a subfolder may go to the top level
                  }}
                  onDragEnd={() => { dragEnded(); setMovingFolder(false); setOver(null); }}
                  {...dropTarget(folder, id)}>
                {/* the pointer's way to open and close; the keyboard's is → and ← */}
                <span className={`twisty${sub ? "" : " leaf"}`} aria-hidden
                      onClick={(event) => { event.stopPropagation(); if (sub) setOpen([id], !opened); }} />
                <span className="swatch" style={{ background: folder.color ?? "#999" }} />
                <span className="folder-name">{folder.name}</span>{" "}
                {/* closed, a folder counts its subfolders' images too; open, its own (each subfolder
                    counts its own under it), as mail clients count unread mail; the folder bar says both */}
                <small>{formatNumber(opened ? folder.image_count : folder.total_image_count)}</small>
              </li>
            );
          })}
        </ul>
      )}
      {/* under the rows: shown above them, it would move them away from the pointer */}
      {movingFolder && (
        <div className={`drop-zone${over === "" ? " drop-target" : ""}`} {...dropTarget(null, "")}>
          {t("dropToTopLevel")}
        </div>
      )}
    </>
  );
}
