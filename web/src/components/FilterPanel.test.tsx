import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { vi } from "vitest";

import { Api, NO_FILTERS } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { filtersFromUrl, filtersToUrl } from "../urlState";
import { FilterPanel } from "./FilterPanel";

test("model, a size preset, ranges, dates and tags are applied together", () => {
  const change = vi.fn();
  render(<I18nProvider initial="en"><FilterPanel filters={NO_FILTERS} onChange={change} /></I18nProvider>);
  fireEvent.change(screen.getByLabelText("Model"), { target: { value: "sdxl-base-1.0" } });
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
