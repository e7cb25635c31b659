import { daysUntilPurge } from "./trash";

test("days left count started days, from the purge time the API sends, never below 0", () => {
  const purgeAfter = "2026-12-31T12:00:00Z";
  expect(daysUntilPurge(purgeAfter, new Date("2026-12-01T12:00:00Z"))).toBe(30);
  expect(daysUntilPurge(purgeAfter, new Date("2026-12-01T12:00:01Z"))).toBe(30);
  expect(daysUntilPurge(purgeAfter, new Date("2026-12-31T11:00:00Z"))).toBe(1);
  expect(daysUntilPurge(purgeAfter, new Date("2027-01-02T00:00:00Z"))).toBe(0);
});
