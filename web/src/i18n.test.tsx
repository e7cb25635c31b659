import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { fireEvent, render, screen } from "@testing-library/react";

import { ApiError } from "./api";
import { I18nProvider, type I18n, type Language, useI18n } from "./i18n";
import en from "./locales/en.json";
import ko from "./locales/ko.json";

const CATALOGUES: Record<Language, Record<string, string>> = { en, ko };

/** The names a message takes as {arguments}, nested ones included. */
function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type !== TYPE.literal && element.type !== TYPE.pound && "value" in element) into.add(element.value);
    if ("options" in element) {
      for (const option of Object.values(element.options)) argumentNames(option.value, into);
    }
    if ("children" in element) argumentNames(element.children, into);
  }
  return into;
}

test("every message exists in both catalogues, parses as ICU and takes the same arguments", () => {
  expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    const [english, korean] = [parse(en[key]), parse(ko[key])];
    expect([key, [...argumentNames(korean)].sort()]).toEqual([key, [...argumentNames(english)].sort()]);
  }
});

/** Renders with the provider and hands back what a component gets from useI18n(). */
function i18nIn(language: Language): { current: I18n } {
  const probe = { current: null as unknown as I18n };
  function Probe() {
    probe.current = useI18n();
    return null;
  }
  render(<I18nProvider initial={language}><Probe /></I18nProvider>);
  return probe;
}

test("counts follow each language's plural rules: one image, two images, 이미지 2장", () => {
  const english = i18nIn("en").current;
  expect(english.t("imageCount", { count: 1 })).toBe("1 image");
  expect(english.t("imageCount", { count: 2 })).toBe("2 images");
  expect(english.t("imageCount", { count: 1500 })).toBe("1,500 images");
  expect(english.t("resultCount", { count: 1 })).toBe("1 result");
  const korean = i18nIn("ko").current;
  expect(korean.t("imageCount", { count: 2 })).toBe("이미지 2장");
  expect(korean.t("imageCount", { count: 1 })).toBe("이미지 1장");
  // a filtered listing's count stops at 10,000
  expect(english.t("imageCountAtLeast", { count: 10000 })).toBe("10,000+ images");
  expect(korean.t("imageCountAtLeast", { count: 10000 })).toBe("이미지 10,000장 이상");
});

test("messages are made without looking the UI language up in Intl's list of locales (building it cost 111 ms of a phone's first render)", () => {
  const lookUp = vi.spyOn(Intl.NumberFormat, "supportedLocalesOf");
  const english = i18nIn("en").current;
  for (const key of ["imageCount", "resultCount", "imageCountAtLeast"] as const) english.t(key, { count: 2 });
  expect(english.t("imageCount", { count: 2 })).toBe("2 images");
  expect(i18nIn("ko").current.t("imageCount", { count: 2 })).toBe("이미지 2장");
  expect(lookUp).not.toHaveBeenCalled();
  lookUp.mockRestore();
});

test("<html lang> and the title are in the UI language, from the first render and after switching", () => {
  document.documentElement.lang = "ko"; // as index.html ships
  function Switch() {
    const { language, setLanguage, t } = useI18n();
    return <button type="button" onClick={() => setLanguage(language === "ko" ? "en" : "ko")}>{t("language")}</button>;
  }
  render(<I18nProvider initial="en"><Switch /></I18nProvider>);
  expect(document.documentElement.lang).toBe("en");
  expect(document.title).toBe("Pingvas Gallery");
  fireEvent.click(screen.getByRole("button", { name: "한국어" }));
  expect(document.documentElement.lang).toBe("ko");
  expect(document.title).toBe("핑바스 갤러리"); // the tab's title too
  expect(screen.getByRole("button", { name: "English" })).toBeInTheDocument();
  expect(localStorage.getItem("pingvas.language")).toBe("ko"); // a new tab keeps it too
});

test("dates, numbers and sizes are written in the UI language, not the browser's", () => {
  const noon = "2026-03-05T12:00:00Z"; // the same day in every time zone the tests run in
  expect(i18nIn("en").current.formatDate(noon)).toBe("Mar 5, 2026");
  expect(i18nIn("ko").current.formatDate(noon)).toBe("2026년 3월 5일");
  expect(i18nIn("en").current.formatBytes(3 * 1024 ** 3)).toBe("3.0 GB");
  expect(i18nIn("en").current.formatBytes(50 * 1024 ** 3)).toBe("50 GB");
  expect(i18nIn("en").current.formatNumber(12345)).toBe("12,345");
});

test("a server error code reads as a message in the UI language; unknown codes get a generic one", () => {
  const korean = i18nIn("ko").current;
  expect(korean.errorMessage(new ApiError(409, "already_member", "a member uses that address already")))
    .toBe("이미 멤버인 주소입니다");
  // an upload's rejection reason: "<code>: <detail in English>"
  expect(korean.errorMessage("unsupported_type: not a PNG, JPEG, WebP or AVIF image"))
    .toBe("PNG, JPEG, WebP, AVIF 이미지가 아닙니다");
  expect(korean.errorMessage(new ApiError(418, "teapot", "I'm a teapot"))).toBe("문제가 발생했습니다. 다시 시도하세요");
  expect(i18nIn("en").current.errorMessage(new TypeError("Failed to fetch"))).toBe("Something went wrong: please try again");
});

// The codes the server can send, read from its source so a new one cannot go untranslated.
const GALLERY = resolve(__dirname, "../../layers/core/python/gallery");
function codesIn(path: string, pattern: RegExp): string[] {
  return [...readFileSync(path, "utf8").matchAll(pattern)].map((match) => match[1]);
}
function serverCodes(): string[] {
  const services = readdirSync(`${GALLERY}/services`).filter((name) => name.endsWith(".py"));
  const codes = [
    ...codesIn(`${GALLERY}/errors.py`, /code = (?:\d+, )?"(\w+)"/g),
    ...services.flatMap((name) => codesIn(`${GALLERY}/services/${name}`, /code="(\w+)"/g)),
    ...codesIn(`${GALLERY}/imaging/__init__.py`, /Rejected\(\s*"(\w+)"/g),
    // rejection reasons stored for an upload: "<code>: <detail>"
    ...codesIn(`${GALLERY}/services/ingest.py`, /return f"(\w+): /g),
    ...codesIn(`${GALLERY}/services/uploads.py`, /"([a-z_]+): [^"]*"/g),
    ...codesIn(resolve(GALLERY, "../../../../tools/devstack/tokens.py"), /_error\(\d+, "(\w+)"/g),
  ];
  return [...new Set(codes)].sort();
}

test("every error code the server sends has a message in both languages", () => {
  const codes = serverCodes();
  // the reader must find them: the known ones at least
  expect(codes).toEqual(expect.arrayContaining(
    ["already_member", "too_many_requests", "quota_exceeded", "file_too_large", "validation_error",
     "unsupported_type", "too_large", "reservation_expired", "internal_error"]));
  for (const language of ["en", "ko"] as const) {
    expect(codes.filter((code) => !(`error.${code}` in CATALOGUES[language]))).toEqual([]);
  }
});
