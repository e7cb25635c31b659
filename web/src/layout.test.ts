import { groupByDay, justifiedRows, MAX_ASPECT, MIN_ASPECT, targetRowHeight } from "./layout";

/** Aspect ratios as AI images come: squares, 3:2, 2:3, 16:9, 9:16, and a few extremes. */
function mixed(count: number, seed = 7): number[] {
  const shapes = [1, 1.5, 2 / 3, 16 / 9, 9 / 16, 4 / 3, 3 / 4, 1];
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return shapes[state % shapes.length];
  });
}

const GAP = 4;

test("every row but the last fills the width to a pixel, with the gaps between its tiles", () => {
  for (const width of [346, 390, 768, 1156, 1440]) {
    const rows = justifiedRows(mixed(200), width, targetRowHeight(width), GAP);
    for (const row of rows.slice(0, -1)) {
      const last = row.tiles.at(-1)!;
      expect(Math.abs(last.left + last.width - width)).toBeLessThanOrEqual(1);
      row.tiles.slice(1).forEach((tile, n) => {
        const before = row.tiles[n];
        expect(tile.left - (before.left + before.width)).toBeCloseTo(GAP, 6);
      });
    }
  }
});

test("tiles keep their images' aspect ratios, and every image is in one tile, in order", () => {
  const aspects = mixed(120);
  const rows = justifiedRows(aspects, 1156, targetRowHeight(1156), GAP);
  const tiles = rows.flatMap((row) => row.tiles.map((tile) => ({ ...tile, height: row.height })));
  expect(tiles.map((t) => t.index)).toEqual(aspects.map((_, n) => n));
  for (const tile of tiles) expect(tile.width / tile.height).toBeCloseTo(aspects[tile.index], 1);
});

test("rows stay near the target height: between 45% of it (three 16:9 images on a phone) and 150%", () => {
  for (const width of [346, 1156]) {
    const target = targetRowHeight(width);
    for (const row of justifiedRows(mixed(300, 3), width, target, GAP)) {
      expect(row.height).toBeGreaterThanOrEqual(target * 0.45);
      expect(row.height).toBeLessThanOrEqual(target * 1.5);
    }
  }
});

test("a phone gets three or more tiles a row, of every usual shape; a desktop five to seven", () => {
  for (const width of [344, 374]) {
    for (const shape of [1, 1.5, 2 / 3, 16 / 9, 9 / 16, 4 / 3, 3 / 4]) {
      const rows = justifiedRows(Array(30).fill(shape), width, targetRowHeight(width), GAP);
      expect([width, shape, Math.min(...rows.slice(0, -1).map((row) => row.tiles.length))])
        .toEqual([width, shape, expect.toSatisfy((n: number) => n >= 3)]);
    }
    // squares and portraits not as strips: three squares, four 2:3 portraits a row
    expect(justifiedRows(Array(30).fill(1), width, targetRowHeight(width), GAP)[0].tiles).toHaveLength(3);
    expect(justifiedRows(Array(30).fill(2 / 3), width, targetRowHeight(width), GAP)[0].tiles).toHaveLength(4);
  }
  // panoramas: three would be strips under 45% of the target; fewer a row, as they fit
  const panoramas = justifiedRows(Array(30).fill(MAX_ASPECT), 374, targetRowHeight(374), GAP);
  expect(panoramas[0].tiles.length).toBeLessThan(3);
  expect(panoramas[0].height).toBeGreaterThanOrEqual(targetRowHeight(374) * 0.45);
  const desktop = justifiedRows(mixed(60), 1156, targetRowHeight(1156), GAP);
  const perRow = desktop.slice(0, -1).map((row) => row.tiles.length);
  const mean = perRow.reduce((a, b) => a + b, 0) / perRow.length;
  expect(mean).toBeGreaterThanOrEqual(5);
  expect(mean).toBeLessThanOrEqual(7);
});

test("the last few images keep the target height and are not stretched across the row", () => {
  const rows = justifiedRows([1, 1, 1, 1, 1, 1, 1, 1, 1.5], 1156, 165, GAP);
  const last = rows.at(-1)!;
  expect(last.height).toBe(165);
  expect(last.tiles.at(-1)!.left + last.tiles.at(-1)!.width).toBeLessThan(1156 - 100);
});

test("an extreme panorama or a needle-thin portrait is cropped to a bounded ratio", () => {
  const rows = justifiedRows([12, 1, 1, 1, 0.05, 1, 1, 1, 1, 1], 390, 90, GAP);
  const tiles = rows.flatMap((row) => row.tiles.map((tile) => tile.width / row.height));
  expect(Math.max(...tiles)).toBeLessThanOrEqual(MAX_ASPECT + 0.01);
  expect(Math.min(...tiles)).toBeGreaterThanOrEqual(MIN_ASPECT - 0.01);
  // a missing or broken ratio is a square
  expect(justifiedRows([Number.NaN, 0], 390, 90, GAP)[0].tiles.map((t) => t.width)).toEqual([90, 90]);
});

test("indices start at the group's first image; nothing is laid out in no width", () => {
  expect(justifiedRows([1, 1], 390, 90, GAP, 40)[0].tiles.map((t) => t.index)).toEqual([40, 41]);
  expect(justifiedRows([1, 1], 0, 90, GAP)).toEqual([]);
});

test("images are grouped by day in the listing's order", () => {
  const at = (created_at: string) => ({ created_at });
  const groups = groupByDay([at("2026-11-26T15:00:00"), at("2026-11-26T09:00:00"), at("2026-11-24T12:00:00")]);
  expect(groups.map((g) => [g.items.length, g.first])).toEqual([[2, 0], [1, 2]]);
});
