// Korean and English: ICU messages from src/locales/*.json formatted by FormatJS's
// intl-messageformat (plurals, Korean counters, selects), dates, numbers and byte sizes by the
// browser's Intl in the UI language (not the browser's locale). @formatjs/intl's createIntl
// is left out: its checks of the locales cost 50–70 ms before the first frame, and nothing
// of it is used beyond the formatters' cache below.
// The browser's language decides the first time; the choice is kept on the device.
// Each catalogue is a chunk of its own, loaded when its language is first needed; the build
// compiles its messages ahead and keeps there only those the first screen names; the rest
// come with the first lazy screen (plugins/catalogues.ts).
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { type Formatters, IntlMessageFormat, type PrimitiveType } from "intl-messageformat";

import { ApiError } from "./api";
import type en from "./locales/en.json";

export type MessageKey = keyof typeof en;
export type Language = "ko" | "en";
type Values = Record<string, string | number | Date>;
// the messages as written (dev server, tests) or compiled to their ICU syntax tree (build)
type Catalogue = Record<MessageKey, string>;
/** plugins/catalogues.ts: MORE_MESSAGES, the address of the rest of a built catalogue */
const MORE_MESSAGES = "@more";

const IMPORTS: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import("./locales/en.json"),
  ko: () => import("./locales/ko.json"),
};
const loaded: Partial<Record<Language, Catalogue>> = {};
/** where the rest of a built catalogue is, until it is merged into `loaded` */
const moreAt = new Map<Language, string>();
const moreComing = new Map<Language, Promise<void>>();
let wholeWanted = false;
const arrivals = new Set<() => void>();
const STORED_LANGUAGE = "pingvas.language";

/** Fetches a language's messages once (all of them once a lazy screen has asked for them);
 * the provider shows that language only once they are here. */
export async function loadCatalogue(language: Language): Promise<void> {
  if (!loaded[language]) {
    const { [MORE_MESSAGES]: more, ...messages } = (await IMPORTS[language]()).default as Record<string, string>;
    loaded[language] ??= messages as Catalogue;
    if (more) moreAt.set(language, more);
  }
  if (wholeWanted && moreAt.has(language)) await loadRest(language);
}

function loadRest(language: Language): Promise<void> {
  let coming = moreComing.get(language);
  if (!coming) {
    coming = (async () => {
      const answer = await fetch(moreAt.get(language) as string);
      if (!answer.ok) throw new Error(`the ${language} messages did not come (${answer.status})`);
      loaded[language] = { ...loaded[language], ...(await answer.json()) } as Catalogue;
      moreAt.delete(language);
      arrivals.forEach((arrived) => arrived());
    })();
    moreComing.set(language, coming);
    coming.catch(() => moreComing.delete(language)); // a later screen asks again
  }
  return coming;
}

/** What lazy screens wait for (lazy.tsx): every message of the languages loaded so far, and
 * of any loaded later. */
export async function loadAllMessages(): Promise<void> {
  wholeWanted = true;
  await Promise.all((Object.keys(loaded) as Language[]).map(loadCatalogue));
}

/** The choice made on this device (kept like the theme: a new tab keeps it), else the
 * browser's (index.html preloads that language's catalogue by the same rule:
 * plugins/earlyRequests.ts). */
export function browserLanguage(): Language {
  const stored = localStorage.getItem(STORED_LANGUAGE);
  if (stored === "ko" || stored === "en") return stored;
  return navigator.language.toLowerCase().startsWith("ko") ? "ko" : "en";
}

/** What the screens format with, in one language. */
export interface IntlShape {
  locale: Language;
  messages: Catalogue;
  formatMessage: (message: { id: string }, values?: Values) => string;
  formatDate: (value: string | number | Date, options?: Intl.DateTimeFormatOptions) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  formatRelativeTime: (value: number, unit: Intl.RelativeTimeFormatUnit,
                       options?: Intl.RelativeTimeFormatOptions) => string;
}

/** Intl's formatters, made once per language and options. */
type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.PluralRules;
const formatters = new Map<string, Formatter>();
function formatter<T extends Formatter>(
  key: string, make: () => T): T {
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key) as T;
}

// IntlMessageFormat resolves the locale of every message it is made of in Intl's list of
// supported locales (supportedLocalesOf: its first call builds that list, 111 ms of the
// dashboard's first render on a phone at 4x CPU, bench/README.md). Our two languages are in
// every browser's list: taken as they are, once each.
const locales = new Map<string, Intl.Locale>();
IntlMessageFormat.resolveLocale = (wanted) => {
  const tag = Array.isArray(wanted) ? wanted[0] : wanted;
  if (!locales.has(tag)) locales.set(tag, new Intl.Locale(tag));
  return locales.get(tag);
};

function createIntl(locale: Language, messages: Catalogue): IntlShape {
  const compiled = new Map<string, IntlMessageFormat>(); // this catalogue's, as they are used
  const key = (kind: string, options?: object) => `${locale} ${kind} ${JSON.stringify(options ?? {})}`;
  // the messages' plurals, numbers and dates from the same cache (each message would make its own)
  const messageFormatters: Formatters = {
    getNumberFormat: (_, options) => formatter(key("number", options), () => new Intl.NumberFormat(locale, options)),
    getDateTimeFormat: (_, options) => formatter(key("date", options), () => new Intl.DateTimeFormat(locale, options)),
    getPluralRules: (_, options) => formatter(key("plural", options), () => new Intl.PluralRules(locale, options)),
  };
  return {
    locale,
    messages,
    formatMessage: ({ id }, values) => {
      const message = messages[id as MessageKey];
      if (message === undefined) return id;
      if (!compiled.has(id)) compiled.set(id, new IntlMessageFormat(message, locale, undefined, { formatters: messageFormatters }));
      return String((compiled.get(id) as IntlMessageFormat).format(values as Record<string, PrimitiveType>));
    },
    formatDate: (value, options) =>
      formatter(key("date", options), () => new Intl.DateTimeFormat(locale, options)).format(new Date(value)),
    formatNumber: (value, options) =>
      formatter(key("number", options), () => new Intl.NumberFormat(locale, options)).format(value),
    formatRelativeTime: (value, unit, options) =>
      formatter(key("relative", options), () => new Intl.RelativeTimeFormat(locale, options)).format(value, unit),
  };
}

interface LanguageChoice {
  language: Language;
  setLanguage: (next: Language) => void;
  intl: IntlShape;
}
const LanguageContext = createContext<LanguageChoice | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => initial ?? browserLanguage());
  const messages = loaded[language];
  // screen readers and the browser's own hyphenation and fonts follow <html lang>
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  // main.tsx loads the first language before rendering; this covers any other start
  const [, setArrived] = useState(0);
  useEffect(() => {
    if (!messages) void loadCatalogue(language).then(() => setArrived((n) => n + 1));
  }, [language, messages]);
  // the rest of a catalogue arrived: what names its messages shows them. It may have come
  // between this render and the effect (Preact runs effects after the paint; the rest and a
  // lazy screen's chunk can be quicker): then nobody was listening, and the screen kept
  // showing keys (seen in CI). So the effect looks again.
  useEffect(() => {
    const arrived = () => setArrived((n) => n + 1);
    arrivals.add(arrived);
    if (loaded[language] !== messages) arrived();
    return () => void arrivals.delete(arrived);
  }, [language, messages]);
  const intl = useMemo(
    () => messages && createIntl(language, messages),
    [language, messages],
  );
  // the tab's title, in the UI language too
  useEffect(() => {
    if (intl) document.title = intl.formatMessage({ id: "appName" });
  }, [intl]);
  const choice = useMemo(() => intl && {
    language,
    intl,
    setLanguage: (next: Language) => {
      localStorage.setItem(STORED_LANGUAGE, next);
      // the page stays in the current language until the other one's messages are here
      if (loaded[next] && !(wholeWanted && moreAt.has(next))) setLanguageState(next);
      else void loadCatalogue(next).then(() => setLanguageState(next));
    },
  }, [language, intl]);
  if (!choice) return null;
  return <LanguageContext.Provider value={choice}>{children}</LanguageContext.Provider>;
}

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/** Binary multiples (as the quota is counted), one decimal below 10 ("3.0 GB"). */
export function formatBytes(intl: IntlShape, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Intl's short byte is "byte" ("0 byte"); the symbol reads as the larger units do
  if (unit === 0) return `${intl.formatNumber(value)} B`;
  const decimals = value < 10 ? 1 : 0;
  return intl.formatNumber(value, {
    style: "unit", unit: BYTE_UNITS[unit], unitDisplay: "short",
    minimumFractionDigits: decimals, maximumFractionDigits: decimals,
  });
}

/** The message for a server error code (an ApiError's, or the code before ":" in an
 * upload's rejection reason), in the UI language; a generic one for codes we do not know. */
export function errorMessage(intl: IntlShape, error: unknown): string {
  let code = error instanceof ApiError ? error.code
    : typeof error === "string" ? error.split(":")[0].trim() : "";
  // a folder placed deeper than the tree allows is the one invalid parent_id the dashboard sends
  if (code === "validation_error" && (error as ApiError).details?.some((d) => d.loc?.includes("parent_id"))) {
    code = "folder_too_deep";
  }
  const key = `error.${code}`;
  return intl.formatMessage({ id: key in intl.messages ? key : "error.unknown" });
}

export interface I18n extends LanguageChoice {
  t: (key: MessageKey, values?: Values) => string;
  formatDate: (value: string | number | Date) => string;
  formatNumber: (value: number) => string;
  formatBytes: (bytes: number) => string;
  errorMessage: (error: unknown) => string;
}

export function useI18n(): I18n {
  const choice = useContext(LanguageContext);
  if (!choice) throw new Error("useI18n outside I18nProvider");
  const { intl } = choice;
  return {
    ...choice,
    t: (key, values) => intl.formatMessage({ id: key }, values),
    formatDate: (value) => intl.formatDate(value, { year: "numeric", month: "short", day: "numeric" }),
    formatNumber: (value) => intl.formatNumber(value),
    formatBytes: (bytes) => formatBytes(intl, bytes),
    errorMessage: (error) => errorMessage(intl, error),
  };
}
