// The grid: virtualized rows (only what is on screen is in the DOM), pages fetched by the
// keyset cursor as the last rows come into view, a placeholder of the right aspect ratio
// while each thumbnail loads.
import { useVirtualizer } from "@tanstack/react-virtual";
import type React from "react";
import { useCallback, useEffect, useRef, useState } from "react";

import { type Api, type Filters, type ImageItem } from "../api";
import { useI18n } from "../i18n";
import { ImageCard } from "./ImageCard";
import { LoadFailed } from "./LoadFailed";

const CELL = 220; // px: the smallest column width
const GAP = 8;
/** The grid's element id: the skip link's target. */
export const GALLERY_ID = "images";

interface Props {
  api: Api;
  filters: Filters;
  /** An image opened, with the list it was opened from (the viewer's ←/→ go through it). */
  onOpen: (image: ImageItem, list: ImageItem[]) => void;
  selected?: Set<string>;
  onToggleSelect?: (imageId: string) => void;
  reloadKey?: number;
  /** jsdom has no layout: tests give the viewport's size. */
  initialRect?: { width: number; height: number };
}

export function Gallery({
  api, filters, onOpen, reloadKey = 0, initialRect, selected, onToggleSelect,
}: Props) {
  const { t } = useI18n();
  const [items, setItems] = useState<ImageItem[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null); // the last page's failure, if it failed
  const [width, setWidth] = useState(initialRect?.width ?? 1000);
  const [view, setView] = useState<"grid" | "list">(
    () => (sessionStorage.getItem("pingvas.view") === "list" ? "list" : "grid"),
  );
  const switchView = (next: "grid" | "list") => {
    sessionStorage.setItem("pingvas.view", next);
    setView(next);
  };
  const scroller = useRef<HTMLDivElement>(null);
  const generation = useRef(0);

  const loadMore = useCallback(
    async (reset = false) => {
      const mine = generation.current;
      setLoading(true);
      try {
        const page = await api.images(filters, reset ? null : cursor);
        if (mine !== generation.current) return; // a newer search started meanwhile
        setItems((current) => (reset ? page.items : [...current, ...page.items]));
        setTotal(page.total);
        setCursor(page.nextCursor);
        setHasMore(page.nextCursor !== null);
        setError(null);
      } catch (caught) {
        if (mine === generation.current) {
          setError(caught);
          setHasMore(false);
        }
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [api, filters, cursor],
  );

  // A new search or filter starts over.
  useEffect(() => {
    generation.current += 1;
    setItems([]);
    setCursor(null);
    setHasMore(true);
    setTotal(null);
    void loadMore(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filters, reloadKey]);

  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const list = view === "list";
  const columns = list ? 1 : Math.max(1, Math.floor((width + GAP) / (CELL + GAP)));
  const rows = Math.ceil(items.length / columns);
  const cellWidth = list ? 72 : (width - GAP * (columns - 1)) / columns;
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => (list ? 80 : cellWidth + GAP),
    overscan: 3,
    initialRect,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loading && items.length > 0 && lastRow >= rows - 2) void loadMore();
  }, [lastRow, rows, hasMore, loading, items.length, loadMore]);

  // after a failed page: the same page again (the first, or the next by the kept cursor)
  const retry = () => {
    setError(null);
    setHasMore(true);
    void loadMore(items.length === 0);
  };
  const firstPageLoading = loading && items.length === 0;
  const skeletonTiles = Math.min(columns * 2, 12); // a couple of rows' worth

  const toggleFavorite = async (image: ImageItem) => {
    const next = !image.is_favorite;
    const set = (favorite: boolean) =>
      setItems((current) =>
        current.map((i) => (i.image_id === image.image_id ? { ...i, is_favorite: favorite } : i)),
      );
    set(next); // at once; undone if the server says no
    try {
      // in a workspace every member stars for themselves (the star is theirs, not the owner's)
      if (filters.workspace) await api.updateWorkspaceImage(filters.workspace, image.image_id, { is_favorite: next });
      else await api.setFavorite(image.image_id, next);
    } catch {
      set(!next);
    }
  };

  // Arrow keys move between images (a row is `columns` long); Enter opens one.
  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const index = Number(target.closest("[data-index]")?.getAttribute("data-index"));
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
    if (!step || Number.isNaN(index)) return;
    event.preventDefault();
    const next = Math.min(items.length - 1, Math.max(0, index + step));
    virtualizer.scrollToIndex(Math.floor(next / columns));
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"] .card-image`)?.focus(),
    );
  };

  return (
    <section className="gallery" aria-busy={loading} onKeyDown={onKeyDown}>
      <div className="view-switch" role="group" aria-label={t("viewSwitch")}>
        <button type="button" aria-pressed={!list} onClick={() => switchView("grid")}>▦ {t("gridView")}</button>
        <button type="button" aria-pressed={list} onClick={() => switchView("list")}>☰ {t("listView")}</button>
      </div>
      <p className="gallery-count" role="status">
        {total !== null ? t(filters.q ? "resultCount" : "imageCount", { count: total })
          : firstPageLoading && <span className="visually-hidden">{t("loading")}</span>}
      </p>
      {error !== null && <LoadFailed error={error} onRetry={retry} />}
      {total === 0 && !loading && <p className="empty">{filters.q ? t("noResults") : t("noImages")}</p>}
      <div ref={scroller} id={GALLERY_ID} tabIndex={-1} className="gallery-scroller" data-testid="gallery-scroller">
        <div style={firstPageLoading ? undefined : { height: virtualizer.getTotalSize(), position: "relative" }}
             role="list" aria-busy={loading}>
          {firstPageLoading && (
            // tiles of the grid's shape while the first page comes: the layout does not jump
            <div className="gallery-row" aria-hidden="true"
                 style={{ display: "grid", gap: GAP, gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
              {Array.from({ length: skeletonTiles }, (_, n) => (
                <div key={n} className={`card ${view} skeleton`} data-testid="skeleton-tile">
                  <span className="card-image" />
                </div>
              ))}
            </div>
          )}
          {virtualRows.map((row) => (
            <div
              key={row.key}
              className="gallery-row"
              style={{ position: "absolute", top: row.start, left: 0, right: 0,
                       display: "grid", gap: GAP,
                       gridTemplateColumns: `repeat(${columns}, 1fr)` }}
            >
              {items.slice(row.index * columns, row.index * columns + columns).map((image, n) => (
                <ImageCard key={image.image_id} image={image} size={cellWidth} layout={view}
                           index={row.index * columns + n}
                           selected={selected?.has(image.image_id) ?? false}
                           onToggleSelect={onToggleSelect && (() => onToggleSelect(image.image_id))}
                           onOpen={() => onOpen(image, items)} onToggleFavorite={() => toggleFavorite(image)} />
              ))}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
