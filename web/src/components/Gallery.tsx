// The grid: justified rows under a header per day (Google Photos' and Immich's timeline),
// virtualized by row (only what is on screen is in the DOM), pages fetched by the keyset
// cursor through TanStack Query as the last rows come into view; or a list, one image a row.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type Range, useVirtualizer } from "@tanstack/react-virtual";
import { LayoutGrid, List, SquareCheck, X } from "lucide-react";
import type React from "react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";

import type { Api, Filters, ImageItem } from "../api";
import { dragEnded, dragging } from "../dragged";
import { useI18n } from "../i18n";
import { dayKey, groupByDay, justifiedRows, type Row, targetRowHeight } from "../layout";
import { imageListQuery, keys, patchImage } from "../queries";
import { type Box, type CardActions, ImageCard } from "./ImageCard";
import { LoadFailed } from "./LoadFailed";
import { iconMasks } from "../icons";
import { useToast } from "./Toast";

const GAP = 4; // px between tiles (and rows)
const DAY_HEIGHT = 48; // px: a day's header row
const FIRST_ENTRIES = 3; // what a listing's first render draws: a day's header and two rows
const LIST_ROW = 72; // px: a list row's thumbnail (the row grows with its highlights)
const SEARCH_ROWS = 1.4; // times the usual row height: a search's tiles carry a caption
const LIST_BOX: Box = { width: LIST_ROW, height: LIST_ROW };
/** The keys that move the focus between images (where to: gridKeys.ts, fetched when pressed). */
const MOVES = /^(Arrow|Page|Home$|End$)/;
/** The grid's element id: the skip link's target. */
export const GALLERY_ID = "images";

type View = "grid" | "list";
/** A row of the virtual list: a day's header, or a row of tiles (one tile in the list view). */
type Entry =
  | { kind: "day"; key: string; label: string; ids: string[] }
  | { kind: "tiles"; key: string; row: Row; boxes: Box[] };

interface Props {
  api: Api;
  filters: Filters;
  /** An image opened (the viewer's ←/→ go through this listing's cached pages). */
  onOpen: (image: ImageItem) => void;
  selected?: Set<string>;
  /** Selects (`on`) or deselects images; without it, no checkboxes: nothing here acts on a selection. */
  onSelect?: (imageIds: string[], on: boolean) => void;
  /** The toolbar's "Group variations" and a tile's stack change the listing (the URL's filters). */
  onChange?: (next: Partial<Filters>) => void;
  /** jsdom has no layout: tests give the viewport's size. */
  initialRect?: { width: number; height: number };
}

/** A search by relevance is in no order of dates: no day headers there. */
function byDate(filters: Filters): boolean {
  return !filters.q || filters.sort === "newest" || filters.sort === "oldest";
}

function aspectOf(image: ImageItem): number {
  return image.aspect_ratio ?? (image.width && image.height ? image.width / image.height : 1);
}

export function Gallery({ api, filters, onOpen, initialRect, selected = new Set(), onSelect, onChange }: Props) {
  const { t, intl } = useI18n();
  const toast = useToast();
  const client = useQueryClient();
  // the scroller's width; 0 until measured, before the first paint: tiles laid out for a
  // guessed width would move once it is known (a click meant for one lands on another) and
  // their first thumbnails would be asked for in the wrong size
  const [width, setWidth] = useState(initialRect?.width ?? 0);
  const [view, setView] = useState<View>(
    () => (sessionStorage.getItem("pingvas.view") === "list" ? "list" : "grid"),
  );
  const switchView = (next: View) => {
    sessionStorage.setItem("pingvas.view", next);
    setView(next);
  };
  const scroller = useRef<HTMLDivElement>(null);

  const listing = useInfiniteQuery(imageListQuery(api, filters));
  const items = useMemo(() => listing.data?.pages.flatMap((page) => page.items) ?? [], [listing.data]);
  const total = listing.data?.pages[0]?.total ?? null;
  const totalExact = listing.data?.pages[0]?.totalExact ?? true;

  const favourite = useMutation({
    // in a workspace every member stars for themselves (the star is theirs, not the owner's)
    mutationFn: ({ image, on }: { image: ImageItem; on: boolean }) =>
      filters.workspace
        ? api.updateWorkspaceImage(filters.workspace, image.image_id, { is_favorite: on })
        : api.setFavorite(image.image_id, on),
    onMutate: async ({ image, on }) => {
      // at once; an answer already on its way (from before the change) would undo it
      await client.cancelQueries({ queryKey: keys.images, fetchStatus: "fetching" });
      patchImage(client, image.image_id, { is_favorite: on });
    },
    onError: (error, { image, on }) => {
      patchImage(client, image.image_id, { is_favorite: !on });
      toast({ message: { id: "favouriteNotSaved", values: { reason: { error } } } });
    },
    // the other listings (the favourites, say) are asked again when next shown
    onSuccess: () => client.invalidateQueries({ queryKey: keys.images, refetchType: "none" }),
  });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (!initialRect) {
      const style = getComputedStyle(element);
      setWidth(element.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0));
    }
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
    // initialRect: the tests' viewport, fixed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const list = view === "list";
  const today = dayKey(new Date());
  const yesterday = dayKey(new Date(Date.now() - 24 * 60 * 60 * 1000));
  // "Today", "Yesterday", else "Thu, Nov 26, 2026" / "2026년 11월 26일 (목)"
  const dayLabel = useCallback((timestamp: string) => {
    const day = dayKey(timestamp);
    if (day === today || day === yesterday) return intl.formatMessage({ id: day === today ? "today" : "yesterday" });
    return intl.formatDate(timestamp, { weekday: "short", year: "numeric", month: "short", day: "numeric" });
  }, [intl, today, yesterday]);

  // the rows, and for each image the row it is in (for the arrow keys and scrolling to it)
  const { entries, rowOf } = useMemo(() => {
    const made: Entry[] = [];
    const rowIndex: number[] = [];
    if (width <= 0) return { entries: made, rowOf: rowIndex }; // not measured yet
    const groups = byDate(filters) ? groupByDay(items) : [{ day: "", items, first: 0 }];
    const rowHeight = targetRowHeight(width) * (filters.q ? SEARCH_ROWS : 1);
    for (const group of groups) {
      if (group.day) {
        made.push({ kind: "day", key: `day:${group.day}:${group.first}`, label: dayLabel(group.items[0].created_at),
                    ids: group.items.map((i) => i.image_id) });
      }
      const rows = list
        ? group.items.map((_, n) => ({ height: LIST_ROW, tiles: [{ index: group.first + n, left: 0, width }] }))
        : justifiedRows(group.items.map(aspectOf), width, rowHeight, GAP, group.first);
      for (const row of rows) {
        for (const tile of row.tiles) rowIndex[tile.index] = made.length;
        // made once per layout: a card whose box is the same object does not render again
        const boxes = list ? row.tiles.map(() => LIST_BOX)
          : row.tiles.map((tile) => ({ left: tile.left, width: tile.width, height: row.height }));
        made.push({ kind: "tiles", key: `${view}:${items[row.tiles[0].index].image_id}`, row, boxes });
      }
    }
    return { entries: made, rowOf: rowIndex };
  }, [items, filters, list, view, width, dayLabel]);
  const tileRows = useMemo(
    () => entries.flatMap((entry) => (entry.kind === "tiles" ? [entry.row] : [])), [entries]);

  // a new key function on every new layout: the virtualizer measures its rows again (after a
  // switch between grid and list the old sizes made tiles overlap)
  const getItemKey = useCallback((index: number) => entries[index]?.key ?? index, [entries]);
  // one row more than is seen, on the side the view is going to: its lazy thumbnails are asked
  // for early; the row just left has shown its own already. The DOM stays small (bench/README.md).
  const scrolling = useRef<"forward" | "backward">("forward");
  const rowsAhead = useCallback(({ startIndex, endIndex, count }: Range) => {
    const backward = scrolling.current === "backward";
    const first = Math.max(0, backward ? startIndex - 1 : startIndex);
    const last = Math.min(count - 1, backward ? endIndex : endIndex + 1);
    return Array.from({ length: Math.max(0, last - first + 1) }, (_, n) => first + n);
  }, []);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => {
      const entry = entries[index];
      return entry.kind === "day" ? DAY_HEIGHT : entry.row.height + GAP;
    },
    getItemKey,
    rangeExtractor: rowsAhead,
    initialRect,
    onChange: (instance) => { scrolling.current = instance.scrollDirection ?? scrolling.current; },
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? -1;
  // A listing's first page is drawn first row first: the browser asks for thumbnails only
  // once a render is over, and drawing a phone's whole first screen takes ~240 ms at 4x CPU
  // (bench/README.md). The rest follows after that paint, while the first ones are on their way.
  const listed = JSON.stringify(filters);
  const [drawnWhole, setDrawnWhole] = useState<string | null>(null);
  const firstRowsOnly = items.length > 0 && drawnWhole !== listed;
  useEffect(() => {
    if (firstRowsOnly) setDrawnWhole(listed);
  }, [firstRowsOnly, listed]);
  const drawnRows = firstRowsOnly ? virtualRows.slice(0, FIRST_ENTRIES) : virtualRows;

  // The grid is one Tab stop (WAI-ARIA's roving tabindex): the image focused last in this
  // listing while its row is drawn, else the first tile on screen (where a new listing starts)
  const [focused, setFocused] = useState({ listed, id: "" });
  const remembered = focused.listed === listed ? items.findIndex((image) => image.image_id === focused.id) : -1;
  let tabStop = virtualRows.some((virtual) => virtual.index === rowOf[remembered]) ? remembered : -1;
  for (const virtual of virtualRows) {
    const entry = entries[virtual.index];
    // the overscan row above the top edge is drawn, not seen
    if (tabStop < 0 && entry.kind === "tiles" && virtual.end > (virtualizer.scrollOffset ?? 0)) {
      tabStop = entry.row.tiles[0].index;
    }
  }

  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = listing;
  useEffect(() => {
    if (hasNextPage && !isFetching && !isFetchNextPageError && items.length > 0 && lastRow >= entries.length - 3) {
      void fetchNextPage();
    }
  }, [lastRow, entries.length, hasNextPage, isFetching, isFetchNextPageError, items.length, fetchNextPage]);

  // after a failed page: the same page again (the first, or the next by the kept cursor)
  const retry = () => void (isFetchNextPageError ? fetchNextPage() : listing.refetch());
  const firstPageLoading = listing.isLoading;

  // Shift+click (or Shift+Space) takes the range from the image toggled last
  const anchor = useRef<string | null>(null);
  const toggle = (index: number, range: boolean) => {
    if (!onSelect) return;
    const id = items[index].image_id;
    const on = !selected.has(id);
    const from = anchor.current === null ? -1 : items.findIndex((i) => i.image_id === anchor.current);
    const [low, high] = range && from >= 0 ? [Math.min(from, index), Math.max(from, index)] : [index, index];
    onSelect(items.slice(low, high + 1).map((i) => i.image_id), on);
    anchor.current = id;
  };
  const selectAll = () => onSelect?.(items.map((i) => i.image_id), true);

  // one handler object for every card, reading the state of the last render: the cards are
  // memoized, and a scroll frame renders only the rows that came into view
  const selecting = selected.size > 0;
  const latest = useRef({ items, onOpen, toggle, favourite: favourite.mutate, onChange, selecting });
  useLayoutEffect(() => {
    latest.current = { items, onOpen, toggle, favourite: favourite.mutate, onChange, selecting };
  });
  const actions = useMemo<CardActions>(() => ({
    // while selecting, a finger's tap selects (a photos app's way); a click still opens
    open: (index, tap) => (tap && latest.current.selecting ? latest.current.toggle(index, false)
      : latest.current.onOpen(latest.current.items[index])),
    toggleFavorite: (index) => {
      const image = latest.current.items[index];
      latest.current.favourite({ image, on: !image.is_favorite });
    },
    toggleSelect: (index, range) => latest.current.toggle(index, range),
    openStack: (index) => latest.current.onChange?.({ stack: latest.current.items[index].image_id }),
  }), []);
  const clear = () => onSelect?.([...selected], false);
  const starrable = !filters.trash; // the API keeps a trashed image as it is

  const indexOf = (element: EventTarget) =>
    Number((element as HTMLElement).closest("[data-image-index]")?.getAttribute("data-image-index"));
  const onFocus = (event: React.FocusEvent) => {
    const image = items[indexOf(event.target)];
    if (image) setFocused({ listed, id: image.image_id });
  };
  // a tile dragged onto a folder of the sidebar moves there: the selection if it is in it
  const onDragStart = (event: React.DragEvent) => {
    const image = items[indexOf(event.target)];
    if (!image || !onSelect || filters.trash) return;
    dragging.what = selected.has(image.image_id) ? items.filter((i) => selected.has(i.image_id)) : [image];
    event.dataTransfer.effectAllowed = "move";
  };

  // Arrows move between images (up and down to the nearest tile of the next row), Home/End
  // to the row's ends, PageUp/PageDown a screen of rows, Space selects, Enter opens (the
  // image's own button), F stars, Ctrl/Cmd+A selects every loaded image.
  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (onSelect && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a") {
      event.preventDefault();
      selectAll();
      return;
    }
    if (onSelect && event.key === "Escape" && selected.size > 0) {
      clear();
      return;
    }
    const index = indexOf(target);
    if (Number.isNaN(index) || !items[index]) return;
    if (event.key === " " && target.classList.contains("card-image") && onSelect) {
      event.preventDefault(); // not a click: the image opens with Enter
      toggle(index, event.shiftKey);
      return;
    }
    // F stars or unstars it: the star is out of the Tab order, the grid being one stop
    if (starrable && event.key.toLowerCase() === "f" && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      actions.toggleFavorite(index);
      return;
    }
    if (!MOVES.test(event.key)) return;
    event.preventDefault();
    const { key } = event;
    // Home/End: the whole list's with Ctrl, and in the list view (where a row is one image)
    const whole = event.ctrlKey || event.metaKey || list;
    void import("../gridKeys").then(({ moveFocus }) => moveFocus({ rows: tileRows, rowOf, virtualizer }, index, key, whole));
  };

  const skeleton = firstPageLoading ? skeletonRows(width) : [];
  const failed = listing.isError && !isFetching;
  return (
    <section className={`gallery${selecting ? " selecting" : ""}`} aria-busy={isFetching} onKeyDown={onKeyDown}
             onFocus={onFocus} onDragStart={onDragStart} onDragEnd={dragEnded}
             style={iconMasks}>
      <div className="gallery-toolbar">
        <p className="gallery-count" role="status">
          {total !== null ? t(filters.q ? "resultCount" : totalExact ? "imageCount" : "imageCountAtLeast", { count: total })
            : firstPageLoading && <span className="visually-hidden">{t("loading")}</span>}
        </p>
        {onSelect && items.length > 0 && (
          <button type="button" onClick={selectAll} aria-keyshortcuts="Control+A Meta+A">
            <SquareCheck aria-hidden="true" size={18} /> <span className="label">{t("selectAllLoaded")}</span>
          </button>
        )}
        {onSelect && selecting && (
          <button type="button" onClick={clear}><X aria-hidden="true" size={18} /> <span className="label">{t("clearSelection")}</span></button>
        )}
        {onChange && !filters.trash && !filters.stack && (
          <button type="button" className="group-toggle" aria-pressed={Boolean(filters.stacks)}
                  onClick={() => onChange({ stacks: !filters.stacks })}>
            <span className="label">{t("groupVariations")}</span>
          </button>
        )}
        <div className="view-switch" role="group" aria-label={t("viewSwitch")}>
          <button type="button" aria-pressed={!list} onClick={() => switchView("grid")}>
            <LayoutGrid aria-hidden="true" size={18} /> <span className="label">{t("gridView")}</span>
          </button>
          <button type="button" aria-pressed={list} onClick={() => switchView("list")}>
            <List aria-hidden="true" size={18} /> <span className="label">{t("listView")}</span>
          </button>
        </div>
      </div>
      {failed && <LoadFailed error={listing.error} onRetry={retry} />}
      {total === 0 && !isFetching && <p className="empty">{filters.q ? t("noResults") : t("noImages")}</p>}
      <div ref={scroller} id={GALLERY_ID} tabIndex={-1} className="gallery-scroller" data-testid="gallery-scroller">
        <div role="list" aria-busy={isFetching} className={`gallery-rows ${view}`}
             style={{ height: firstPageLoading ? skeleton.reduce((sum, row) => sum + row.height + GAP, 0)
                                               : virtualizer.getTotalSize() }}>
          {skeleton.map((row, n) => (
            // tiles of the grid's shape while the first page comes: the layout does not jump
            <div key={n} className="gallery-row" aria-hidden="true"
                 style={{ top: skeleton.slice(0, n).reduce((sum, r) => sum + r.height + GAP, 0), height: row.height }}>
              {row.tiles.map((tile) => (
                <div key={tile.index} className="card grid skeleton" data-testid="skeleton-tile"
                     style={{ left: tile.left, width: tile.width, height: row.height }}>
                  <span className="card-image" />
                </div>
              ))}
            </div>
          ))}
          {drawnRows.map((virtual) => {
            const entry = entries[virtual.index];
            if (entry.kind === "day") {
              const chosen = entry.ids.filter((id) => selected.has(id)).length;
              return (
                <div key={virtual.key} role="listitem" className="day-header"
                     style={{ top: virtual.start, height: DAY_HEIGHT }}>
                  {onSelect && (
                    // out of the Tab order, the grid being one stop: Space and Shift+Space take a day
                    <label className="select">
                      <input type="checkbox" checked={chosen === entry.ids.length}
                             ref={(box) => { if (box) box.indeterminate = chosen > 0 && chosen < entry.ids.length; }}
                             aria-label={t("selectDay", { day: entry.label })} tabIndex={-1}
                             onChange={() => onSelect(entry.ids, chosen < entry.ids.length)} />
                    </label>
                  )}
                  <h2>{entry.label}</h2>
                </div>
              );
            }
            return (
              <div key={virtual.key} data-index={virtual.index} className="gallery-row"
                   // a list row grows with its highlights: measured, not assumed
                   ref={list ? virtualizer.measureElement : undefined}
                   style={{ top: virtual.start, height: list ? undefined : entry.row.height,
                            paddingBottom: list ? GAP : undefined }}>
                {entry.row.tiles.map((tile, n) => {
                  const image = items[tile.index];
                  return (
                    <ImageCard key={image.image_id} image={image} layout={view} index={tile.index}
                               box={entry.boxes[n]} selected={selected.has(image.image_id)}
                               selectable={Boolean(onSelect)} starrable={starrable} tabStop={tile.index === tabStop}
                               actions={actions} />
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

/** A couple of rows of placeholder tiles, of the shapes images usually have. */
function skeletonRows(width: number): Row[] {
  const shapes = [1, 1.5, 0.75, 1, 1.5, 1, 0.75, 1.5, 1, 1, 1.5, 0.75, 1, 1.5, 1, 1];
  return justifiedRows(shapes, width, targetRowHeight(width), GAP).slice(0, 2);
}
