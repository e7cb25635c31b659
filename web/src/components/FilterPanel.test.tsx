import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { Api, type Filters, NO_FILTERS } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { filtersFromUrl, filtersToUrl } from "../urlState";
import { FilterPanel } from "./FilterPanel";

function panel(filters: Filters = NO_FILTERS, language: "en" | "ko" = "en") {
  const change = vi.fn();
  render(<I18nProvider initial={language}><FilterPanel api={new Api("t")} filters={filters} onChange={change} /></I18nProvider>,
         { wrapper: QueryWrapper });
  return change;
}

const FACETS = {
  models: [{ value: "sdxl-base-1.0", count: 12 }, { value: "Flux-Dev", count: 3 }, { value: "sd-1.5", count: 1 }],
  sizes: [{ value: "832x1216", width: 832, height: 1216, count: 9 }, { value: "512x512", width: 512, height: 512, count: 1 }],
};

test("model, a size preset, ranges, dates and tags are applied together", async () => {
  fakeFetch({});
  const change = panel();
  fireEvent.click(screen.getByText("Filters")); // the form comes with the first opening
  fireEvent.change(await screen.findByRole("combobox", { name: "Model" }), { target: { value: "sdxl-base-1.0" } });
  fireEvent.change(screen.getByLabelText("Size"), { target: { value: "832x1216" } });
  fireEvent.change(screen.getByLabelText("Min width"), { target: { value: "512" } });
  fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-01" } });
  fireEvent.change(screen.getByLabelText("All of these tags (comma separated)"), { target: { value: "고양이, space" } });
  fireEvent.change(screen.getByLabelText("None of these tags"), { target: { value: "draft" } });
  fireEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(change).toHaveBeenCalledWith(expect.objectContaining({
    model: "sdxl-base-1.0", width: 832, height: 1216, minWidth: 512, from: "2026-11-01",
    allTags: ["고양이", "space"], excludeTags: ["draft"], maxWidth: undefined,
  }));
});

test("advanced filters turn the listing into a search with the API's parameters, and live in the URL", async () => {
  const calls = fakeFetch({ "GET /api/v1/search/images": () => [200, { results: [], total: 0, next_cursor: null }] });
  const filters = { ...NO_FILTERS, model: "flux", minHeight: 700, to: "2026-11-26", allTags: ["a", "b"], excludeTags: ["c"] };
  await new Api("t").images(filters, null);
  await waitFor(() => expect(calls).toHaveLength(1));
  const params = calls[0].url.searchParams;
  expect(params.get("model")).toBe("flux");
  expect(params.get("min_height")).toBe("700");
  expect(params.get("created_to")).toBe("2026-11-26T23:59:59Z");
  expect(params.getAll("tags")).toEqual(["a", "b"]);
  expect(params.getAll("exclude_tags")).toEqual(["c"]);
  expect(filtersFromUrl(filtersToUrl(filters))).toMatchObject(filters);
});

test("the model picker offers the facet's models with their counts, narrowed by typing in any case", async () => {
  const calls = fakeFetch({ "GET /api/v1/search/facets": () => [200, FACETS] });
  const user = userEvent.setup();
  const change = panel({ ...NO_FILTERS, q: "고양이", folder: "f-1" });
  await user.click(screen.getByText("Filters")); // opened: only then are the facets asked for
  const model = await screen.findByRole("combobox", { name: "Model" });
  await user.click(model);
  const list = await screen.findByRole("listbox", { name: "Model" });
  expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual([
    "sdxl-base-1.012 images", "Flux-Dev3 images", "sd-1.51 image",
  ]);
  // the facets are counted over the same filters as the grid
  const asked = calls.find((c) => c.url.pathname === "/api/v1/search/facets")!.url.searchParams;
  expect([asked.get("q"), asked.get("folder_id")]).toEqual(["고양이", "f-1"]);

  await user.type(model, "FLUX");
  expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual(["Flux-Dev3 images"]);
  await user.keyboard("{ArrowDown}");
  expect(model).toHaveAttribute("aria-activedescendant", within(list).getByRole("option").id);
  await user.keyboard("{Enter}"); // picks; does not submit
  expect(model).toHaveValue("Flux-Dev");
  expect(change).not.toHaveBeenCalled();
  await user.click(screen.getByRole("button", { name: "Apply" }));
  expect(change).toHaveBeenLastCalledWith(expect.objectContaining({ model: "Flux-Dev" }));

  // typed, not picked: the facet's spelling whatever the case; a model past the facet as typed
  await user.clear(model);
  await user.type(model, "SD-1.5{Escape}");
  await user.click(screen.getByRole("button", { name: "Apply" }));
  expect(change).toHaveBeenLastCalledWith(expect.objectContaining({ model: "sd-1.5" }));
  await user.clear(model);
  await user.type(model, "my-lora-mix");
  await user.click(screen.getByRole("button", { name: "Apply" }));
  expect(change).toHaveBeenLastCalledWith(expect.objectContaining({ model: "my-lora-mix" }));
});

test("a tap on a model picks it; the sizes are the facet's, with counts, in Korean too", async () => {
  fakeFetch({ "GET /api/v1/search/facets": () => [200, FACETS] });
  const user = userEvent.setup();
  const change = panel(NO_FILTERS, "ko");
  await user.click(screen.getByText("필터"));
  await user.click(await screen.findByRole("combobox", { name: "모델" }));
  await user.click(await screen.findByRole("option", { name: /sd-1\.5/ }));
  expect(screen.getByRole("combobox", { name: "모델" })).toHaveValue("sd-1.5");
  const size = screen.getByRole("combobox", { name: "크기" });
  await waitFor(() => expect(within(size).getAllByRole("option").map((o) => o.textContent)).toEqual([
    "모든 크기", "832 × 1216 (9장)", "512 × 512 (1장)",
  ]));
  await user.selectOptions(size, "832x1216");
  await user.click(screen.getByRole("button", { name: "적용" }));
  expect(change).toHaveBeenLastCalledWith(expect.objectContaining({ model: "sd-1.5", width: 832, height: 1216 }));
});

test("facets that fail to load say so in the UI language, and the model can still be typed", async () => {
  fakeFetch({ "GET /api/v1/search/facets": () => [503, { error: { code: "search_unavailable", message: "down" } }] });
  const user = userEvent.setup();
  panel();
  await user.click(screen.getByText("Filters"));
  expect(await screen.findByRole("alert")).not.toHaveTextContent("down");
  expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  await user.type(screen.getByRole("combobox", { name: "Model" }), "flux");
  expect(screen.getByRole("combobox", { name: "Model" })).toHaveValue("flux");
});
