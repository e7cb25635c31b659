// Issue 19 (generation data as first-class data), the dashboard's side: the viewer's labelled
// settings, copies and rating; the comparison of two images; variation stacks; the search's
// parameter filters, from the panel and typed in the search box, as chips.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { vi } from "vitest";

import { Api, type Filters, type Generation, type ImageItem, NO_FILTERS } from "../api";
import { I18nProvider, type Language } from "../i18n";
import { fakeFetch, image } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { filtersFromUrl, filtersToUrl } from "../urlState";
import { BulkBar } from "./BulkBar";
import { CompareView } from "./CompareView";
import { FilterChips } from "./FilterChips";
import { FilterForm } from "./FilterForm";
import { Gallery } from "./Gallery";
import { GenerationData } from "./GenerationData";
import { ImageView } from "./ImageView";
import { ToastProvider } from "./Toast";

const BIG_SEED = "18446744073709551615"; // 2^64 - 1: a JS number would say ...616

function generation(extra: Partial<Generation> = {}): Generation {
  return {
    generator: "a1111", steps: 28, cfg_scale: 6.5, sampler: "dpmpp_2m", scheduler: "karras", seed_text: BIG_SEED,
    model_hash: "31e35c80fc", vae: "sdxl_vae.safetensors", clip_skip: 2, denoising_strength: 0.45,
    hires_upscaler: "4x-UltraSharp", hires_scale: 2, stack_id: null,
    loras: [{ name: "add_detail", weight: 0.6, hash: "7c4a1e" }, { name: "ink", weight: 1, hash: null }], ...extra,
  };
}

function Providers({ children, language = "en" }: { children: ReactNode; language?: Language }) {
  return (
    <I18nProvider initial={language}>
      <QueryWrapper><ToastProvider>{children}</ToastProvider></QueryWrapper>
    </I18nProvider>
  );
}

function viewer(item: ImageItem, props: Partial<Parameters<typeof ImageView>[0]> = {}) {
  const handlers = { onChange: vi.fn(), onDeleted: vi.fn(), onClose: vi.fn() };
  render(<ImageView api={new Api("t")} image={item} folders={[]} {...handlers} {...props} />, { wrapper: Providers });
  return handlers;
}

afterEach(() => vi.unstubAllGlobals());

test("the settings are labelled and readable: sampler and scheduler by name, the seed exact, LoRAs with weights", () => {
  const { unmount } = render(
    <I18nProvider initial="en"><GenerationData data={image(1, { seed: 1, generation: generation(),
      params: { "Lora hashes": "add_detail: 7c4a1e", Version: "v1.10" } })} /></I18nProvider>,
  );
  const value = (label: string) => screen.getByText(label, { selector: "dt" }).nextSibling;
  expect(value("Sampler")).toHaveTextContent("DPM++ 2M");
  expect(value("Scheduler")).toHaveTextContent("Karras");
  expect(value("Steps")).toHaveTextContent("28");
  expect(value("CFG scale")).toHaveTextContent("6.5");
  expect(value("Seed")).toHaveTextContent(BIG_SEED);
  expect(value("Model hash")).toHaveTextContent("31e35c80fc");
  expect(value("VAE")).toHaveTextContent("sdxl_vae.safetensors");
  expect(value("LoRAs")).toHaveTextContent("add_detail weight 0.6 7c4a1e");
  expect(value("LoRAs")).toHaveTextContent("ink weight 1");
  expect(value("CLIP skip")).toHaveTextContent("2");
  expect(value("Denoising strength")).toHaveTextContent("0.45");
  expect(value("Hires upscaler")).toHaveTextContent("4x-UltraSharp");
  expect(value("Hires scale")).toHaveTextContent("× 2");
  expect(value("Generator")).toHaveTextContent("AUTOMATIC1111");
  expect(screen.queryByText("Lora hashes")).toBeNull(); // the LoRAs say it
  expect(screen.getByText("Version")).toBeInTheDocument(); // what the data has no field for stays
  unmount();
  render(<I18nProvider initial="ko"><GenerationData data={image(1, { generation: generation() })} /></I18nProvider>);
  expect(screen.getByText("샘플러").nextSibling).toHaveTextContent("DPM++ 2M");
  expect(screen.getByText("생성 도구")).toBeInTheDocument();
});

test("copy the seed as exact text, and A1111's text as the API writes it; a ComfyUI image gives its workflow", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/images/00000000-0000-4000-8000-000000000001/generation": (url) =>
      url.searchParams.get("format") === "a1111"
        ? [200, "a fox\nSteps: 28, Sampler: DPM++ 2M, Schedule type: Karras", { "Content-Type": "text/plain" }]
        : [200, '{"nodes": []}', { "Content-Type": "text/plain" }],
  });
  const writeText = vi.fn(async () => undefined);
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
  const created = vi.fn(() => "blob:workflow");
  vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
  const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  viewer(image(1, { seed: 1, generation: generation({ generator: "comfyui" }) }));
  await userEvent.click(screen.getByRole("button", { name: "Copy seed" }));
  expect(writeText).toHaveBeenLastCalledWith(BIG_SEED);
  await userEvent.click(screen.getByRole("button", { name: "Copy as A1111 text" }));
  await waitFor(() => expect(writeText).toHaveBeenLastCalledWith("a fox\nSteps: 28, Sampler: DPM++ 2M, Schedule type: Karras"));
  expect(screen.getByRole("status")).toHaveTextContent("Copied");
  await userEvent.click(screen.getByRole("button", { name: "Download ComfyUI workflow" }));
  await waitFor(() => expect(click).toHaveBeenCalled());
  expect(calls.map((c) => c.url.searchParams.get("format"))).toEqual(["a1111", "comfyui"]);
  expect(screen.getByRole("status")).toHaveTextContent("Workflow downloaded");
  click.mockRestore();
});

test("no workflow to download but for a ComfyUI image", () => {
  fakeFetch({});
  viewer(image(1, { generation: generation() }));
  expect(screen.queryByRole("button", { name: "Download ComfyUI workflow" })).toBeNull();
});

test("the rating is a radio group: a click, the arrows or a digit rate; 0 clears", async () => {
  const calls = fakeFetch({
    "PATCH /api/v1/files/images/00000000-0000-4000-8000-000000000001": (_url, body) =>
      [200, image(1, body as Partial<ImageItem>)],
  });
  const { onChange } = viewer(image(1, { rating: 0 }));
  const group = screen.getByRole("group", { name: "Rating" });
  const stars = within(group).getAllByRole("radio");
  expect(stars.map((s) => s.getAttribute("aria-label") ?? s.closest("label")?.textContent))
    .toEqual(["1 star", "2 stars", "3 stars", "4 stars", "5 stars", "No rating"]);
  expect(within(group).getByRole("radio", { name: "No rating" })).toBeChecked();
  await userEvent.click(within(group).getByRole("radio", { name: "4 stars" }));
  await waitFor(() => expect(calls.at(-1)?.body).toEqual({ rating: 4 }));
  expect(within(group).getByRole("radio", { name: "4 stars" })).toBeChecked(); // at once, before the answer
  await waitFor(() => expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ rating: 4 })));
  expect(screen.getByRole("status")).toHaveTextContent("Rated 4 stars");
  fireEvent.keyDown(within(group).getByRole("radio", { name: "4 stars" }), { key: "0" });
  await waitFor(() => expect(calls.at(-1)?.body).toEqual({ rating: 0 }));
  expect(within(group).getByRole("radio", { name: "No rating" })).toBeChecked();
});

test("in a workspace my rating of someone else's image goes through the workspace", async () => {
  const calls = fakeFetch({
    "PATCH /api/v1/workspaces/w-1/images/00000000-0000-4000-8000-000000000001": () => [200, image(1, { rating: 2 })],
  });
  viewer(image(1, { owner_id: "00000000-0000-4000-8000-0000000000bb" }),
         { workspace: { id: "w-1", role: "viewer", userId: "00000000-0000-4000-8000-0000000000aa" } });
  await userEvent.click(screen.getByRole("radio", { name: "2 stars" }));
  await waitFor(() => expect(calls.at(-1)?.url.pathname).toBe("/api/v1/workspaces/w-1/images/00000000-0000-4000-8000-000000000001"));
  expect(calls.at(-1)?.body).toEqual({ rating: 2 });
});

const A = image(1).image_id;
const B = image(2).image_id;
const COMPARISON = {
  a: A, b: B, same_stack: true,
  prompt: [
    { word: "fox", change: "same", weight_a: null, weight_b: null },
    { word: "watercolor", change: "weight", weight_a: 1, weight_b: 1.2 },
    { word: "night", change: "added", weight_a: null, weight_b: null },
    { word: "day", change: "removed", weight_a: null, weight_b: null },
  ],
  negative_prompt: [{ word: "blurry", change: "same", weight_a: null, weight_b: null }],
  parameters: [{ name: "seed", a: "1", b: BIG_SEED }, { name: "sampler", a: "euler", b: "dpmpp_2m" },
               { name: "lora:add_detail", a: 0.6, b: null }],
};

test("two images compared: the words' changes say so in text, not colour alone; the differing settings in a table", async () => {
  fakeFetch({
    [`GET /api/v1/files/images/${A}/compare/${B}`]: () => [200, COMPARISON],
    [`GET /api/v1/files/images/${A}`]: () => [200, image(1)],
    [`GET /api/v1/files/images/${B}`]: () => [200, image(2)],
  });
  const close = vi.fn();
  render(<CompareView api={new Api("t")} ids={[A, B]} onClose={close} />, { wrapper: Providers });
  const dialog = screen.getByRole("dialog", { name: "Compare two images" });
  const prompt = await within(dialog).findByRole("region", { name: "Prompt" });
  expect(prompt.querySelector("ins")).toHaveTextContent("added: night");
  expect(prompt.querySelector("del")).toHaveTextContent("removed: day");
  expect(prompt.querySelector("mark")).toHaveTextContent("weight 1 in A, 1.2 in B");
  expect(within(dialog).getByText(/variations of one image/)).toBeInTheDocument();
  const table = within(dialog).getByRole("table", { name: "Settings that differ" });
  const rows = within(table).getAllByRole("row").slice(1).map((row) =>
    within(row).getAllByRole("cell").map((cell) => cell.textContent).join(" | ")
      .replace(/^/, `${within(row).getByRole("rowheader").textContent}: `));
  expect(rows).toEqual([`Seed: 1 | ${BIG_SEED}`, "Sampler: Euler | DPM++ 2M", "LoRA add_detail: 0.6 | —"]);
  expect(await within(dialog).findAllByRole("img")).toHaveLength(2);
  fireEvent.keyDown(window, { key: "Escape" });
  expect(close).toHaveBeenCalled();
});

test("the bulk bar offers Compare with exactly two images selected", async () => {
  fakeFetch({
    [`GET /api/v1/files/images/${A}/compare/${B}`]: () => [200, COMPARISON],
    [`GET /api/v1/files/images/${A}`]: () => [200, image(1)],
    [`GET /api/v1/files/images/${B}`]: () => [200, image(2)],
  });
  const bar = (ids: string[]) => (
    <BulkBar api={new Api("t")} filters={NO_FILTERS} selected={new Set(ids)} folders={[]} workspaces={[]}
             onDone={vi.fn()} onClear={vi.fn()} />
  );
  const { rerender } = render(bar([A, B, image(3).image_id]), { wrapper: Providers });
  expect(screen.queryByRole("button", { name: "Compare" })).toBeNull();
  rerender(bar([A, B]));
  await userEvent.click(screen.getByRole("button", { name: "Compare" }));
  expect(await screen.findByRole("dialog", { name: "Compare two images" })).toBeInTheDocument();
});

test("Group variations lists one image per stack; a tile's badge opens its stack in the grid", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/images": (url) => [200, {
      images: url.searchParams.get("stacks") === "collapse" ? [image(1, { stack_size: 3 }), image(4)] : [image(1), image(2), image(3), image(4)],
      total: 4, next_cursor: null,
    }],
  });
  const change = vi.fn();
  const api = new Api("t");
  const { rerender } = render(<Gallery api={api} filters={NO_FILTERS} onOpen={vi.fn()} onChange={change}
                                       initialRect={{ width: 1000, height: 800 }} />, { wrapper: Providers });
  const toggle = await screen.findByRole("button", { name: "Group variations" });
  expect(toggle).toHaveAttribute("aria-pressed", "false");
  await userEvent.click(toggle);
  expect(change).toHaveBeenLastCalledWith({ stacks: true });
  rerender(<Gallery api={api} filters={{ ...NO_FILTERS, stacks: true }} onOpen={vi.fn()} onChange={change}
                    initialRect={{ width: 1000, height: 800 }} />);
  const badge = await screen.findByRole("button", { name: "3 variations: show them" });
  expect(badge).toHaveTextContent("3");
  expect(calls.at(-1)?.url.searchParams.get("stacks")).toBe("collapse");
  await userEvent.click(badge);
  expect(change).toHaveBeenLastCalledWith({ stack: image(1).image_id });
});

test("a stack is listed from its own endpoint, newest first", async () => {
  const calls = fakeFetch({
    [`GET /api/v1/files/images/${A}/stack`]: () => [200, { images: [image(3), image(2), image(1)], total: 3, next_cursor: null, page: 1, page_size: 60, has_more: false }],
  });
  render(<Gallery api={new Api("t")} filters={{ ...NO_FILTERS, stack: A }} onOpen={vi.fn()} onChange={vi.fn()}
                  initialRect={{ width: 1000, height: 800 }} />, { wrapper: Providers });
  expect(await screen.findByText("3 images")).toBeInTheDocument();
  expect(calls[0].url.pathname).toBe(`/api/v1/files/images/${A}/stack`);
  expect(screen.queryByRole("button", { name: "Group variations" })).toBeNull();
});

test("in a workspace, a stack is the workspace's own", async () => {
  const W = "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d";
  const calls = fakeFetch({
    [`GET /api/v1/workspaces/${W}/images/${A}/stack`]: () => [200, { images: [image(2), image(1)], total: 2, next_cursor: null, page: 1, page_size: 60, has_more: false }],
  });
  render(<Gallery api={new Api("t")} filters={{ ...NO_FILTERS, stack: A, workspace: W }} onOpen={vi.fn()} onChange={vi.fn()}
                  initialRect={{ width: 1000, height: 800 }} />, { wrapper: Providers });
  expect(await screen.findByText("2 images")).toBeInTheDocument();
  expect(calls[0].url.pathname).toBe(`/api/v1/workspaces/${W}/images/${A}/stack`);
});

test("the parameter filters survive the URL, and are sent to the search as the API names them", async () => {
  const filters: Filters = {
    ...NO_FILTERS, q: "fox", gen: { steps_min: "20", steps_max: "30", sampler: "dpmpp_2m", seed: BIG_SEED,
                                    lora_weight_min: "0.4" },
    loras: ["add_detail"], rating: 3, stacks: true, isPublic: false,
  };
  expect(filtersFromUrl(filtersToUrl(filters))).toEqual(filters);
  const calls = fakeFetch({ "GET /api/v1/search/images": () => [200, { results: [], total: 0, next_cursor: null, filters: [] }] });
  await new Api("t").images(filters, null);
  const sent = calls[0].url.searchParams;
  expect(Object.fromEntries(["steps_min", "steps_max", "sampler", "seed", "lora", "lora_weight_min", "rating_min", "stacks"]
    .map((key) => [key, sent.getAll(key).join(",")]))).toEqual({
    steps_min: "20", steps_max: "30", sampler: "dpmpp_2m", seed: BIG_SEED, lora: "add_detail", lora_weight_min: "0.4",
    rating_min: "3", stacks: "collapse",
  });
});

test("the filter panel's generation settings: ranges, pickers from the facets, the rating", async () => {
  fakeFetch({
    "GET /api/v1/search/facets": () => [200, {
      models: [], sizes: [], workspaces: [], samplers: [{ value: "dpmpp_2m", count: 3 }, { value: "euler_ancestral", count: 1 }],
      generators: [{ value: "comfyui", count: 2 }], loras: [{ value: "add_detail", hash: "7c4a1e", count: 2 }],
      checkpoints: [{ value: "sdxl-base", hash: "31e35c80fc", count: 4 }],
    }],
  });
  const change = vi.fn();
  render(<FilterForm api={new Api("t")} filters={NO_FILTERS} onChange={change} />, { wrapper: Providers });
  const sampler = screen.getByRole("combobox", { name: "Sampler" });
  await waitFor(() => expect(within(sampler).getAllByRole("option").map((o) => o.textContent))
    .toEqual(["Any sampler", "DPM++ 2M (3 images)", "Euler a (1 image)"]));
  fireEvent.change(screen.getByRole("spinbutton", { name: "Steps, min" }), { target: { value: "20" } });
  fireEvent.change(screen.getByRole("spinbutton", { name: "Steps, max" }), { target: { value: "30" } });
  fireEvent.change(screen.getByRole("spinbutton", { name: "CFG scale, max" }), { target: { value: "7" } });
  fireEvent.change(sampler, { target: { value: "dpmpp_2m" } });
  fireEvent.change(screen.getByRole("combobox", { name: "Generator" }), { target: { value: "comfyui" } });
  fireEvent.change(screen.getByRole("combobox", { name: "LoRA" }), { target: { value: "add_detail" } });
  fireEvent.change(screen.getByRole("spinbutton", { name: "LoRA weight, min" }), { target: { value: "0.4" } });
  fireEvent.change(screen.getByRole("combobox", { name: "Rating" }), { target: { value: "4" } });
  fireEvent.change(screen.getByRole("textbox", { name: "Seed" }), { target: { value: BIG_SEED } });
  await userEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(change).toHaveBeenLastCalledWith(expect.objectContaining({
    gen: { steps_min: "20", steps_max: "30", cfg_max: "7", sampler: "dpmpp_2m", generator: "comfyui", seed: BIG_SEED,
           lora_weight_min: "0.4" },
    loras: ["add_detail"], rating: 4,
  }));
  // the model hash is picked by the checkpoint's name beside it
  await userEvent.click(screen.getByRole("combobox", { name: "Checkpoint hash" }));
  expect(screen.getByRole("listbox", { name: "Checkpoint hash" })).toHaveTextContent("31e35c80fc sdxl-base");
});

function chips(filters: Partial<Filters>, answer?: { filters: unknown[] } | [number, unknown]) {
  fakeFetch({
    "GET /api/v1/search/images": () => (Array.isArray(answer) ? answer as [number, unknown]
      : [200, { results: [], total: 0, next_cursor: null, ...answer }]),
  });
  const change = vi.fn();
  const api = new Api("t");
  const all = { ...NO_FILTERS, ...filters };
  render(<><Gallery api={api} filters={all} onOpen={vi.fn()} initialRect={{ width: 1000, height: 800 }} />
    <FilterChips api={api} filters={all} folders={[]} onChange={change} /></>, { wrapper: Providers });
  return change;
}

test("tokens typed in the search come back as chips from the answer; removing one takes its token out of q", async () => {
  const change = chips({ q: 'fox steps:20-30 sampler:"DPM++ 2M Karras" cfg:<7', sort: "relevance" }, {
    filters: [{ key: "steps", value: "20-30", source: "q" }, { key: "sampler", value: "dpmpp_2m karras", source: "q" },
              { key: "cfg", value: "<7", source: "q" }],
  });
  const list = screen.getByRole("list", { name: "Active filters" });
  await waitFor(() => expect(within(list).getAllByRole("button").map((b) => b.textContent))
    .toEqual(["Search: fox", "Steps: 20-30", "Sampler: DPM++ 2M Karras", "CFG scale: <7"]));
  fireEvent.click(within(list).getByRole("button", { name: "Remove filter: Sampler: DPM++ 2M Karras" }));
  expect(change).toHaveBeenLastCalledWith({ q: "fox steps:20-30 cfg:<7", sort: "relevance" });
  // the text goes, the tokens stay
  fireEvent.click(within(list).getByRole("button", { name: "Remove filter: Search: fox" }));
  expect(change).toHaveBeenLastCalledWith({ q: 'steps:20-30 sampler:"DPM++ 2M Karras" cfg:<7', sort: "relevance" });
});

test("the parameters' chips drop their parameter (a LoRA with its weights); the rating and a stack are chips too", async () => {
  const change = chips({ gen: { steps_min: "20", lora_weight_min: "0.4" }, loras: ["add_detail"], rating: 3 }, {
    filters: [{ key: "steps_min", value: "20", source: "parameter" },
              { key: "lora", value: "add_detail@0.4-", source: "parameter" }],
  });
  const list = screen.getByRole("list", { name: "Active filters" });
  await waitFor(() => expect(within(list).getAllByRole("button").map((b) => b.textContent))
    .toEqual(["Rating ≥ 3 stars", "Steps ≥ 20", "LoRA: add_detail@0.4-"]));
  fireEvent.click(within(list).getByRole("button", { name: "Remove filter: Steps ≥ 20" }));
  expect(change).toHaveBeenLastCalledWith({ gen: { lora_weight_min: "0.4" } });
  fireEvent.click(within(list).getByRole("button", { name: "Remove filter: LoRA: add_detail@0.4-" }));
  expect(change).toHaveBeenLastCalledWith({ loras: [], gen: { steps_min: "20" } });
});

test("a token the search refuses: the server's reason in a sentence of ours, and its chip removes it", async () => {
  const change = chips({ q: "fox steps:abc" }, [422, { error: {
    code: "validation_error", message: "the request is not valid",
    details: [{ loc: ["query", "q"], msg: "Value error, a filter in the query does not parse: 'steps:abc': steps takes a number", type: "value_error" }],
  } }]);
  expect(await screen.findByText("A filter in the search is not valid: a filter in the query does not parse: 'steps:abc': steps takes a number"))
    .toHaveAttribute("role", "alert");
  const list = screen.getByRole("list", { name: "Active filters" });
  fireEvent.click(within(list).getByRole("button", { name: "Remove filter: Steps: abc" }));
  expect(change).toHaveBeenLastCalledWith({ q: "fox", sort: "" });
});
