// The justified grid (as in Google Photos, Immich, flickr's justified-layout): rows of images
// at their own aspect ratio, no letterboxing, each row exactly the width and near a target
// height; a group's last few images keep the target height rather than be stretched across.
// Pure functions: the Gallery virtualizes the rows they return.

/** One image's place in its row. */
export interface Tile {
  /** the image's index in the list laid out */
  index: number;
  left: number;
  width: number;
}

export interface Row {
  height: number;
  tiles: Tile[];
}

/** Aspect ratios beyond these are cropped to them (the image covers its tile): a 10:1
 * panorama would otherwise be a thin strip, a 1:5 portrait a sliver. */
export const MIN_ASPECT = 0.5;
export const MAX_ASPECT = 2.5;
/** A row may end taller than the target (by up to this factor) if that is nearer to it than
 * taking in one more image. */
const MAX_GROWTH = 1.5;
/** A full row takes at least this many images (16:9 ones on a phone would make two a row)
 * unless that brings it under 45% of the target height (panoramas: fewer, as they fit). */
const MIN_PER_ROW = 3;
const MIN_SHRINK = 0.45;

export function clampAspect(aspect: number | null | undefined): number {
  if (!aspect || !Number.isFinite(aspect) || aspect <= 0) return 1;
  return Math.min(MAX_ASPECT, Math.max(MIN_ASPECT, aspect));
}

/** The target row height for a grid `width` px wide: on a phone three squares or four 2:3
 * portraits a row (a lower target makes portraits thumbnail-strips), five to seven on a desktop. */
export function targetRowHeight(width: number): number {
  return Math.min(240, Math.max(130, width / 7));
}

/** Images (their aspect ratios, in order) in rows `width` wide with `gap` between tiles.
 * `first` is the index of the first image (rows of a group name indices in the whole list). */
export function justifiedRows(
  aspects: readonly number[], width: number, targetHeight: number, gap: number, first = 0,
): Row[] {
  if (width <= 0) return [];
  const ratios = aspects.map(clampAspect);
  const rows: Row[] = [];
  let start = 0;
  while (start < ratios.length) {
    let sum = 0;
    let count = 0;
    let height = targetHeight; // the last images, which never reach the target: not stretched
    for (let end = start; end < ratios.length; end += 1) {
      sum += ratios[end];
      const fitted = (width - gap * (end - start)) / sum;
      if (fitted > targetHeight) continue;
      // the row is full with this image; without it, it may have been nearer the target
      const without = end > start ? (width - gap * (end - start - 1)) / (sum - ratios[end]) : Infinity;
      if (without <= targetHeight * MAX_GROWTH && without - targetHeight < targetHeight - fitted) {
        count = end - start;
        height = without;
      } else {
        count = end - start + 1;
        height = fitted;
      }
      break;
    }
    const full = count > 0;
    if (!full) count = ratios.length - start;
    else if (count < MIN_PER_ROW && start + MIN_PER_ROW <= ratios.length) {
      const sum = ratios.slice(start, start + MIN_PER_ROW).reduce((a, b) => a + b, 0);
      const lower = (width - gap * (MIN_PER_ROW - 1)) / sum;
      if (lower >= targetHeight * MIN_SHRINK) {
        count = MIN_PER_ROW;
        height = lower;
      }
    }
    const tiles: Tile[] = [];
    let left = 0;
    for (let n = start; n < start + count; n += 1) {
      const last = n === start + count - 1;
      // a full row's last tile ends at the edge exactly (no sub-pixel gap on the right)
      const tileWidth = full && last ? width - left : ratios[n] * height;
      tiles.push({ index: first + n, left, width: tileWidth });
      left += tileWidth + gap;
    }
    rows.push({ height, tiles });
    start += count;
  }
  return rows;
}

/** A day's key in the viewer's time zone (an image made at 23:30 belongs to that evening). */
export function dayKey(timestamp: string | Date): string {
  const date = new Date(timestamp);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export interface Group<T> {
  day: string;
  items: T[];
  /** the index of the group's first item in the whole list */
  first: number;
}

/** Consecutive items of the same day, in the listing's order (newest or oldest first). */
export function groupByDay<T extends { created_at: string }>(items: readonly T[]): Group<T>[] {
  const groups: Group<T>[] = [];
  items.forEach((item, index) => {
    const day = dayKey(item.created_at);
    const current = groups.at(-1);
    if (current?.day === day) current.items.push(item);
    else groups.push({ day, items: [item], first: index });
  });
  return groups;
}
