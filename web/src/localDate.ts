// A calendar day (ISO yyyy-mm-dd, what the API takes) written the UI language's way, not the
// browser's: a date input shows mm/dd/yyyy in an English browser whatever `lang` says. The
// order and separators come from Intl for the language, so typing follows what is shown.
import type { Language } from "./i18n";

type Part = "year" | "month" | "day";
const NUMERIC = { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" } as const;
const shapes = new Map<Language, { order: Part[]; format: Intl.DateTimeFormat }>();

function shape(language: Language) {
  if (!shapes.has(language)) {
    const format = new Intl.DateTimeFormat(language, NUMERIC);
    const order = format.formatToParts(0).map((p) => p.type)
      .filter((type): type is Part => type === "year" || type === "month" || type === "day");
    shapes.set(language, { order, format });
  }
  return shapes.get(language) as { order: Part[]; format: Intl.DateTimeFormat };
}

const LETTERS: Record<Part, string> = { year: "YYYY", month: "MM", day: "DD" };

/** What to type, as a placeholder: "YYYY. MM. DD." in Korean, "MM/DD/YYYY" in English. */
export function datePattern(language: Language): string {
  return shape(language).format.formatToParts(0)
    .map((p) => (p.type in LETTERS ? LETTERS[p.type as Part] : p.value)).join("");
}

/** "2026-11-01" as the language writes it: "2026. 11. 01." or "11/01/2026". */
export function formatDay(iso: string, language: Language): string {
  return shape(language).format.format(new Date(`${iso}T00:00:00Z`));
}

/** The day typed, in the language's order (or ISO, year first, in any language); a two-digit
 * year is this century's. Undefined when it is no calendar day (13/01/2026, 2026-02-30). */
export function parseDay(text: string, language: Language): string | undefined {
  const numbers = text.match(/\d+/g);
  if (!numbers || numbers.length !== 3 || numbers.some((n) => n.length > 4)) return undefined;
  const order: Part[] = numbers[0].length === 4 ? ["year", "month", "day"] : shape(language).order;
  const written = Object.fromEntries(order.map((part, i) => [part, numbers[i]])) as Record<Part, string>;
  const got = { year: Number(written.year), month: Number(written.month), day: Number(written.day) };
  const year = written.year.length <= 2 ? 2000 + got.year : got.year;
  const day = new Date(Date.UTC(year, got.month - 1, got.day));
  if (year < 1000 || day.getUTCMonth() !== got.month - 1 || day.getUTCDate() !== got.day) return undefined;
  return day.toISOString().slice(0, 10);
}

/** The day as a local Date at midnight, for a calendar (which shows local days). */
export function localDate(iso: string): Date {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(year, month - 1, day);
}

/** The ISO day of a Date picked on a calendar (its local day: the calendar shows local days). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
