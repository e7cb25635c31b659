// Where the grid's keys take the focus (WAI-ARIA's grid pattern), over the rows the layout
// made, and taking it there. A chunk of its own, fetched on the first key that moves the
// focus: the first screen's JavaScript has a budget, and most visits never press one.
import type { Virtualizer } from "@tanstack/react-virtual";

import type { Row, Tile } from "./layout";

function rowOf(rows: readonly Row[], index: number): number {
  return rows.findIndex((row) => row.tiles.some((tile) => tile.index === index));
}

/** The tile of `row` nearest by x to the image at `from` (in `fromRow`): where up and down land. */
function nearestTile(fromRow: Row, from: number, row: Row): number {
  const tile = fromRow.tiles.find((t) => t.index === from) as Tile;
  const centre = tile.left + tile.width / 2;
  const distance = (t: Tile) => Math.abs(t.left + t.width / 2 - centre);
  return row.tiles.reduce((best, t) => (distance(t) < distance(best) ? t : best)).index;
}

export type Arrow = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

/** Where an arrow key goes from the image at `from`: left and right through the list's order
 * (across rows), up and down to the row above or below, to the tile nearest by x. */
export function arrowTarget(rows: readonly Row[], from: number, key: Arrow): number | null {
  const at = rowOf(rows, from);
  if (at < 0) return null;
  if (key === "ArrowLeft" || key === "ArrowRight") {
    const flat = rows.flatMap((row) => row.tiles.map((tile) => tile.index));
    const next = flat[flat.indexOf(from) + (key === "ArrowRight" ? 1 : -1)];
    return next ?? null;
  }
  const target = rows[at + (key === "ArrowDown" ? 1 : -1)];
  return target ? nearestTile(rows[at], from, target) : null;
}

/** PageUp and PageDown: from the image at `from`, the farthest row whose top is at most
 * `distance` px away (up when negative; `tops` are the rows' tops), at least the next row,
 * to the tile nearest by x. A page from the last (or first) row goes nowhere. */
export function pageTarget(rows: readonly Row[], tops: readonly number[], from: number, distance: number): number | null {
  const at = rowOf(rows, from);
  if (at < 0 || distance === 0) return null;
  const step = distance > 0 ? 1 : -1;
  let to = at + step;
  if (!rows[to]) return null;
  while (rows[to + step] && Math.abs(tops[to + step] - tops[at]) <= Math.abs(distance)) to += step;
  return nearestTile(rows[at], from, rows[to]);
}

/** Where `key` takes the focus from the image at `from`: the arrows; Home and End to the
 * row's ends, or with `whole` (Ctrl, or the list view, a row of one image) to the first and
 * last image laid out; PageUp and PageDown `page` px of rows. Null: nowhere (or not a key
 * that moves). */
export function keyTarget(
  rows: readonly Row[], tops: readonly number[], from: number, key: string, whole: boolean, page: number,
): number | null {
  if (key === "Home" || key === "End") {
    const row = whole ? rows[key === "Home" ? 0 : rows.length - 1] : rows[rowOf(rows, from)];
    return (key === "Home" ? row?.tiles[0] : row?.tiles.at(-1))?.index ?? null;
  }
  if (key === "PageUp" || key === "PageDown") return pageTarget(rows, tops, from, key === "PageUp" ? -page : page);
  return key.startsWith("Arrow") ? arrowTarget(rows, from, key as Arrow) : null;
}

/** What moving the focus needs of the grid. */
export interface Grid {
  /** the rows of tiles */
  rows: readonly Row[];
  /** each image's row in the virtualizer (where day headers are rows too) */
  rowOf: readonly number[];
  virtualizer: Virtualizer<HTMLDivElement, Element>;
}

/** Focuses the image `key` goes to from the one at `from` (see keyTarget; a page is the
 * viewport's height), scrolled into view first: its row may be off screen, not in the DOM. */
export function moveFocus({ rows, rowOf, virtualizer }: Grid, from: number, key: string, whole: boolean) {
  const top = (image: number) => virtualizer.measurementsCache[rowOf[image]]?.start ?? 0;
  const page = virtualizer.scrollElement?.clientHeight ?? 0;
  const next = keyTarget(rows, rows.map((row) => top(row.tiles[0].index)), from, key, whole, page);
  if (next === null || next === from) return;
  // a page moves the view as far as the focus (the image lands where the one it left was);
  // the first image shows with its day's header; any other just comes into view
  if (key.startsWith("Page")) virtualizer.scrollBy(top(next) - top(from));
  else if (next === 0) virtualizer.scrollToOffset(0);
  else virtualizer.scrollToIndex(rowOf[next]);
  const attempt = (frames: number) => requestAnimationFrame(() => {
    const button = virtualizer.scrollElement?.querySelector<HTMLElement>(`[data-image-index="${next}"] .card-image`);
    if (button) button.focus();
    else if (frames > 1) attempt(frames - 1); // once its row is drawn
  });
  attempt(5);
}
