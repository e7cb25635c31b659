// A built catalogue holds the first screen's messages and the address of the rest
// (plugins/catalogues.ts): the rest comes with the first lazy screen, and what shows a message
// of it then shows the message, not its key.
import { act, render, screen } from "@testing-library/react";

import type * as I18n from "./i18n";

vi.mock("./locales/en.json", () => ({
  default: { appName: "Pingvas Gallery", myLinks: "My links", "@more": "/assets/en.more-x.json" },
}));


test("the rest of a catalogue is fetched once, with the first lazy screen, and shown", async () => {
  const fetched: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    fetched.push(url);
    return new Response(JSON.stringify({ copySeed: "Copy seed" }));
  });
  vi.spyOn(console, "error").mockImplementation(() => undefined); // the missing message, once
  // a module of its own: the test setup loaded the whole catalogue into the shared one
  vi.resetModules();
  const { I18nProvider, loadAllMessages, loadCatalogue, useI18n }: typeof I18n = await import("./i18n");
  function Title() {
    const { t } = useI18n();
    return <h1>{t("appName")} · {t("copySeed")}</h1>;
  }
  await loadCatalogue("en");
  render(<I18nProvider initial="en"><Title /></I18nProvider>);
  expect(screen.getByRole("heading").textContent).toBe("Pingvas Gallery · copySeed");
  expect(fetched).toEqual([]);
  await act(() => Promise.all([loadAllMessages(), loadAllMessages()]));
  expect(screen.getByRole("heading").textContent).toBe("Pingvas Gallery · Copy seed");
  expect(fetched).toEqual(["/assets/en.more-x.json"]);
  await act(() => loadAllMessages());
  expect(fetched).toHaveLength(1);
  vi.unstubAllGlobals();
});

test("the rest arriving between the provider's render and its effects still shows", async () => {
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ copySeed: "Copy seed" })));
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.resetModules();
  const { I18nProvider, loadAllMessages, loadCatalogue, useI18n }: typeof I18n = await import("./i18n");
  const { options, render: renderNow } = await import("preact");
  function Title() {
    const { t } = useI18n();
    return <h1>{t("copySeed")}</h1>;
  }
  await loadCatalogue("en");
  // effects after the paint, as in a browser: later than a quick fetch
  const afterPaint = options.requestAnimationFrame;
  options.requestAnimationFrame = (callback) => void setTimeout(callback, 30);
  const root = document.createElement("div");
  try {
    const arrived = loadAllMessages();
    renderNow(<I18nProvider initial="en"><Title /></I18nProvider>, root);
    expect(root.textContent).toBe("copySeed");
    await arrived; // merged before the provider listens
    await new Promise((done) => setTimeout(done, 80));
    expect(root.textContent).toBe("Copy seed");
  } finally {
    options.requestAnimationFrame = afterPaint;
    renderNow(null, root);
    vi.unstubAllGlobals();
  }
});
