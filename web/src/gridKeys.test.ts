import { arrowTarget, keyTarget, pageTarget } from "./gridKeys";

test("up and down go to the tile nearest by x in the next row; left and right cross rows", () => {
  const rows = [
    { height: 100, tiles: [{ index: 0, left: 0, width: 300 }, { index: 1, left: 304, width: 96 }] },
    { height: 100, tiles: [{ index: 2, left: 0, width: 100 }, { index: 3, left: 104, width: 100 }, { index: 4, left: 208, width: 192 }] },
  ];
  expect(arrowTarget(rows, 1, "ArrowDown")).toBe(4); // x 352 is over the third tile
  expect(arrowTarget(rows, 0, "ArrowDown")).toBe(3); // x 150: the middle one
  expect(arrowTarget(rows, 2, "ArrowUp")).toBe(0);
  expect(arrowTarget(rows, 1, "ArrowRight")).toBe(2);
  expect(arrowTarget(rows, 2, "ArrowLeft")).toBe(1);
  expect(arrowTarget(rows, 4, "ArrowDown")).toBeNull();
  expect(arrowTarget(rows, 0, "ArrowLeft")).toBeNull();
});

test("Home and End go to the row's ends, or with Ctrl the list's; a page goes as many rows as fit in it, at least one", () => {
  const rows = [
    { height: 100, tiles: [{ index: 0, left: 0, width: 300 }, { index: 1, left: 304, width: 96 }] },
    { height: 100, tiles: [{ index: 2, left: 0, width: 100 }, { index: 3, left: 104, width: 100 }, { index: 4, left: 208, width: 192 }] },
    { height: 100, tiles: [{ index: 5, left: 0, width: 400 }] },
    { height: 100, tiles: [{ index: 6, left: 0, width: 200 }, { index: 7, left: 204, width: 196 }] },
  ];
  const tops = [0, 104, 208 + 48, 360]; // a day's header before the third row
  expect(keyTarget(rows, tops, 3, "Home", false, 800)).toBe(2);
  expect(keyTarget(rows, tops, 3, "End", false, 800)).toBe(4);
  expect(keyTarget(rows, tops, 3, "End", true, 800)).toBe(7);
  expect(keyTarget(rows, tops, 3, "Home", true, 800)).toBe(0);
  expect(keyTarget(rows, tops, 9, "End", false, 800)).toBeNull(); // not laid out
  expect(keyTarget(rows, tops, 3, "Tab", false, 800)).toBeNull();
  expect(keyTarget(rows, tops, 1, "PageDown", false, 300)).toBe(5);
  expect(pageTarget(rows, tops, 1, 300)).toBe(5); // the third row's top is 256 px down, the fourth's 360
  expect(pageTarget(rows, tops, 1, 400)).toBe(7); // x 352: the second tile
  expect(pageTarget(rows, tops, 0, 50)).toBe(3); // less than a row: still the next one
  expect(pageTarget(rows, tops, 7, -1000)).toBe(1);
  expect(pageTarget(rows, tops, 7, 300)).toBeNull(); // the last row
  expect(pageTarget(rows, tops, 0, -300)).toBeNull();
});
