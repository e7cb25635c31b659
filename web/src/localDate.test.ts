import { datePattern, formatDay, isoDay, localDate, parseDay } from "./localDate";

test("each language writes a day its own way, whatever the browser's language", () => {
  expect(formatDay("2026-11-01", "ko")).toBe("2026. 11. 01.");
  expect(formatDay("2026-11-01", "en")).toBe("11/01/2026");
  expect(datePattern("ko")).toBe("YYYY. MM. DD.");
  expect(datePattern("en")).toBe("MM/DD/YYYY");
});

test("a day is read in the language's order, or year first in any language", () => {
  expect(parseDay("2026. 11. 1.", "ko")).toBe("2026-11-01");
  expect(parseDay("2026년 11월 1일", "ko")).toBe("2026-11-01");
  expect(parseDay("11/1/2026", "en")).toBe("2026-11-01");
  expect(parseDay("2026-11-01", "en")).toBe("2026-11-01");
  expect(parseDay("11/01/26", "en")).toBe("2026-11-01");
  expect(parseDay(formatDay("2024-02-29", "ko"), "ko")).toBe("2024-02-29");
});

test("what is no calendar day is refused, not rolled over", () => {
  for (const text of ["13/01/2026", "2026-02-30", "2025-02-29", "11/2026", "1/2/3/4", "tomorrow", "", "0001-01-01",
                      "11/01/20266"]) {
    expect(parseDay(text, "en")).toBeUndefined();
  }
});

test("a calendar's local day and the ISO day go both ways", () => {
  expect(isoDay(localDate("2026-03-09"))).toBe("2026-03-09");
  expect(localDate("2026-03-09").getDate()).toBe(9);
});
