import { useInfiniteQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import {
  type ActiveFilter, type Api, ApiError, type Filters, type Folder, type GenFilters, NO_NARROWING,
  type Page,
} from "../api";
import { GENERATORS, samplerAndSchedule, schedulerLabel, TOKEN, tokensOf, withoutToken } from "../generation";
import { type MessageKey, useI18n } from "../i18n";
import { imageListQuery } from "../queries";
import { GALLERY_ID } from "./Gallery";

interface Chip {
  key: string;
  label: string;
  remove: Partial<Filters>;
}


type Props = { filters: Filters; folders: Folder[]; onChange: (next: Partial<Filters>) => void };

// a parameter filter's key (the API's parameter, or the key typed in q) and what it is called
const NAMES: Record<string, MessageKey> = {
  steps: "setting.steps", cfg: "setting.cfg_scale", sampler: "setting.sampler", scheduler: "setting.scheduler",
  seed: "seed", generator: "generator", model_hash: "setting.model_hash", hash: "setting.model_hash",
  lora: "setting.lora", model: "model",
};

/** The search's parameter filters as the chips show them, until the search's answer says
 * (normalised) which are in force: the parameters' first, then q's tokens in the order written. */
function typedFilters(filters: Filters): ActiveFilter[] {
  const given: ActiveFilter[] = Object.entries(filters.gen ?? {})
    .filter(([key, value]) => value && !key.startsWith("lora_"))
    .map(([key, value]) => ({ key, value: value as string, source: "parameter" }));
  for (const name of filters.loras ?? []) given.push({ key: "lora", value: name, source: "parameter" });
  for (const [, key, value] of filters.q.matchAll(TOKEN)) {
    given.push({ key: key.toLowerCase(), value: value.replace(/^"|"$/g, ""), source: "q" });
  }
  return given;
}

/** The parameter filters without one (and what goes with it: a LoRA's weight bounds; the
 * sampler that named the schedule removed). */
function withoutParameter(filters: Filters, key: string, value: string): Partial<Filters> {
  if (key === "lora") {
    const name = value.split("@")[0].toLowerCase();
    const { lora_weight_min: _min, lora_weight_max: _max, ...rest } = filters.gen ?? {};
    return { loras: (filters.loras ?? []).filter((l) => l.toLowerCase() !== name), gen: orNone(rest) };
  }
  const gen: GenFilters = { ...filters.gen };
  if (key === "scheduler" && !gen.scheduler) delete gen.sampler; // "DPM++ 2M Karras" named it
  delete gen[key as keyof GenFilters];
  return { gen: orNone(gen) };
}

const orNone = (gen: GenFilters) => (Object.keys(gen).length ? gen : undefined);

/** The search's answer (its filters in force, or why it was refused), from the gallery's cache. */
function Answered({ api, ...props }: Props & { api: Api }) {
  const query = useInfiniteQuery({ ...imageListQuery(api, props.filters), enabled: false });
  return <Chips {...props} answer={query.data?.pages[0]} error={query.error} />;
}

/** One removable chip per active filter above the grid, and "Clear all": whatever a sidebar
 * pick kept (the query, a folder…) is in sight, never a silent reason for no results. The
 * search's parameter filters (from the filter panel, or typed in the search as steps:20-30)
 * are chips too, as the search's answer names them. */
export function FilterChips({ api, ...props }: Props & { api?: Api }) {
  return api ? <Answered api={api} {...props} /> : <Chips {...props} />;
}

function Chips({ filters, folders, onChange, answer, error }: Props & { answer?: Page; error?: unknown }) {
  const { t, formatDate } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const [refocus, setRefocus] = useState<number | null>(null); // the removed chip's place
  const chips: Chip[] = [];
  const add = (key: string, label: string, remove: Partial<Filters>) => chips.push({ key, label, remove });
  const others = (list: string[] = [], name: string) => list.filter((item) => item !== name);

  // the query's text (its filter tokens are chips of their own): removed, the tokens stay
  const text = withoutToken(filters.q.replace(TOKEN, " "), -1);
  const tokens = tokensOf(filters.q);
  if (text) add("q", t("chip.query", { text }), { q: tokens, sort: filters.sort === "relevance" && !tokens ? "" : filters.sort });
  if (filters.tag) add("tag", t("chip.tag", { name: filters.tag }), { tag: "" });
  for (const name of filters.allTags ?? []) {
    add(`tags-${name}`, t("chip.tag", { name }), { allTags: others(filters.allTags, name) });
  }
  for (const name of filters.excludeTags ?? []) {
    add(`exclude-${name}`, t("chip.notTag", { name }), { excludeTags: others(filters.excludeTags, name) });
  }
  if (filters.folder) {
    const name = folders.find((f) => f.folder_id === filters.folder)?.name ?? t("chip.unknownFolder");
    add("folder", t("chip.folder", { name }), { folder: "" });
  }
  if (filters.favorite) add("favorite", t("favourites"), { favorite: false });
  if (filters.isPublic) add("public", t("public"), { isPublic: false });
  if (filters.model) add("model", t("chip.model", { name: filters.model }), { model: undefined });
  if (filters.width && filters.height) {
    add("size", t("chip.size", { width: filters.width, height: filters.height }), { width: undefined, height: undefined });
  }
  const bounds = [["minWidth", "chip.minWidth"], ["maxWidth", "chip.maxWidth"], ["minHeight", "chip.minHeight"],
                  ["maxHeight", "chip.maxHeight"]] as const;
  for (const [name, message] of bounds) {
    if (filters[name]) add(name, t(message, { pixels: filters[name] }), { [name]: undefined });
  }
  if (filters.rating) add("rating", t("chip.rating", { rating: filters.rating }), { rating: undefined });
  if (filters.stack) add("stack", t("chip.stack"), { stack: "" });
  let typed = 0; // q's tokens, in order
  for (const [n, { key, value, source }] of (answer?.active ?? typedFilters(filters)).entries()) {
    const base = key.replace(/_(min|max)$/, "");
    const name = NAMES[base] ? t(NAMES[base]) : base;
    const shown = base === "sampler" ? samplerAndSchedule(value) : base === "scheduler" ? schedulerLabel(value)
      : base === "generator" ? GENERATORS[value as keyof typeof GENERATORS] ?? value : value;
    const label = t(key.endsWith("_min") ? "chip.paramMin" : key.endsWith("_max") ? "chip.paramMax" : "chip.param",
                    { name, value: shown });
    const left = source === "q" ? withoutToken(filters.q, typed++) : "";
    add(`param-${n}`, label, source === "q"
      ? { q: left, sort: filters.sort === "relevance" && !left ? "" : filters.sort }
      : withoutParameter(filters, key, value));
  }
  // a filter the search refused (a token that does not parse): the server's reason, in a sentence of ours
  const refused = error instanceof ApiError && error.status === 422
    ? (error.details ?? []).map((d) => (d.msg ?? "").replace(/^Value error, /, "")).join("; ") || error.message : "";
  if (filters.from) add("from", t("chip.from", { date: formatDate(`${filters.from}T00:00:00`) }), { from: undefined });
  if (filters.to) add("to", t("chip.to", { date: formatDate(`${filters.to}T00:00:00`) }), { to: undefined });

  // a removed chip's button is gone: the focus goes to the one now in its place, or past the
  // chips to the images when none is left
  useEffect(() => {
    if (refocus === null) return;
    const buttons = list.current?.querySelectorAll("button") ?? [];
    const next = buttons[Math.min(refocus, buttons.length - 2)] ?? document.getElementById(GALLERY_ID);
    next?.focus();
    setRefocus(null);
  }, [refocus]);

  if (!chips.length) return <div ref={list} hidden />;
  return (
    <div className="filter-chips" ref={list}>
      {refused && <p role="alert" className="error filter-refused">{t("filterRefused", { reason: refused })}</p>}
      <ul aria-label={t("activeFilters")}>
        {chips.map((chip, index) => (
          <li key={chip.key}>
            <button type="button" aria-label={t("removeFilter", { filter: chip.label })}
                    onClick={() => { onChange(chip.remove); setRefocus(index); }}>
              <span>{chip.label}</span><X aria-hidden size={16} />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="clear-all" onClick={() => {
        onChange({ ...NO_NARROWING, ...(filters.sort === "relevance" ? { sort: "" } : {}) }); // as the query's chip does
        setRefocus(0);
      }}>
        {t("clearAll")}
      </button>
    </div>
  );
}
