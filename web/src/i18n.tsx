// Korean and English through FormatJS (react-intl): ICU messages from src/locales/*.json,
// dates, numbers and byte sizes formatted in the UI language (not the browser's locale).
// The browser's language decides the first time; the choice is kept for the session.
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { IntlProvider, type IntlShape, useIntl } from "react-intl";

import { ApiError } from "./api";
import en from "./locales/en.json";
import ko from "./locales/ko.json";

export type MessageKey = keyof typeof en;
export type Language = "ko" | "en";
type Values = Record<string, string | number | Date>;

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, ko };
const STORED_LANGUAGE = "pingvas.language";

export function browserLanguage(): Language {
  const stored = sessionStorage.getItem(STORED_LANGUAGE);
  if (stored === "ko" || stored === "en") return stored;
  return navigator.language.toLowerCase().startsWith("ko") ? "ko" : "en";
}

const LanguageContext = createContext<{ language: Language; setLanguage: (next: Language) => void } | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => initial ?? browserLanguage());
  // screen readers and the browser's own hyphenation and fonts follow <html lang>
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const choice = useMemo(() => ({
    language,
    setLanguage: (next: Language) => {
      sessionStorage.setItem(STORED_LANGUAGE, next);
      setLanguageState(next);
    },
  }), [language]);
  return (
    <LanguageContext.Provider value={choice}>
      <IntlProvider locale={language} defaultLocale="en" messages={CATALOGUES[language]}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
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
  const code = error instanceof ApiError ? error.code
    : typeof error === "string" ? error.split(":")[0].trim() : "";
  const key = `error.${code}`;
  return intl.formatMessage({ id: key in en ? key : "error.unknown" });
}

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Values) => string;
  formatDate: (value: string | number | Date) => string;
  formatNumber: (value: number) => string;
  formatBytes: (bytes: number) => string;
  errorMessage: (error: unknown) => string;
}

export function useI18n(): I18n {
  const choice = useContext(LanguageContext);
  const intl = useIntl();
  if (!choice) throw new Error("useI18n outside I18nProvider");
  return {
    ...choice,
    t: (key, values) => intl.formatMessage({ id: key }, values),
    formatDate: (value) => intl.formatDate(value, { year: "numeric", month: "short", day: "numeric" }),
    formatNumber: (value) => intl.formatNumber(value),
    formatBytes: (bytes) => formatBytes(intl, bytes),
    errorMessage: (error) => errorMessage(intl, error),
  };
}
