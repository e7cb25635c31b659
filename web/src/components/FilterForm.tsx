import { useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";

import { type Api, type Filters, GEN_KEYS, type GenFilters, splitTags } from "../api";
import { GENERATOR_IDS, GENERATORS, SCHEDULER_IDS, samplerLabel, schedulerLabel } from "../generation";
import { useI18n } from "../i18n";
import { keys } from "../queries";
import { DateField } from "./DateField";
import { FacetPicker, facetValue } from "./FacetPicker";
import { LoadFailed } from "./LoadFailed";

// Sizes the common models generate, as "width x height": offered until the facets answer.
const PRESETS = ["512x512", "768x512", "512x768", "1024x1024", "832x1216", "1216x832"];


/** The open filter panel: the facets are asked for once it is shown. */
export function FilterForm({ api, filters, onChange }: {
  api: Api; filters: Filters; onChange: (next: Partial<Filters>) => void;
}) {
  const { t } = useI18n();
  const facets = useQuery({ queryKey: keys.facets(filters), queryFn: () => api.facets(filters) });
  const models = facets.data?.models ?? [];
  const samplers = facets.data?.samplers ?? [];
  if (filters.gen?.sampler && !samplers.some((s) => s.value === filters.gen?.sampler)) {
    samplers.push({ value: filters.gen.sampler, count: 0 }); // chosen before (or typed in the URL)
  }
  const generators = facets.data?.generators?.length ? facets.data.generators
    : GENERATOR_IDS.map((value) => ({ value, count: undefined as number | undefined }));
  const loras = facets.data?.loras ?? [];
  const checkpoints = (facets.data?.checkpoints ?? []).filter((c) => c.hash)
    .map((c) => ({ value: c.hash as string, count: c.count, detail: c.value }));
  const generatorName = (id: string) => GENERATORS[id as keyof typeof GENERATORS] ?? t("generatorUnknown");
  const counted = (label: string, count?: number) => (count ? t("optionWithCount", { label, count }) : label);
  const gen = filters.gen ?? {};
  const preset = filters.width && filters.height ? `${filters.width}x${filters.height}` : "";
  const sizes: { value: string; count?: number }[] = [...(facets.data?.sizes ?? PRESETS.map((value) => ({ value })))];
  if (preset && !sizes.some((s) => s.value === preset)) sizes.push({ value: preset }); // chosen before
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!event.currentTarget.reportValidity()) return; // a date typed that is no day: said at the field
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const number = (name: string) => (Number(text(name)) > 0 ? Number(text(name)) : undefined);
    const [width, height] = text("preset") ? text("preset").split("x").map(Number) : [undefined, undefined];
    const chosenLoras = splitTags(text("lora"));
    const typed: GenFilters = {};
    for (const key of GEN_KEYS) {
      // a LoRA's weight bounds go with exactly one LoRA
      if (text(key) && (!key.startsWith("lora_") || chosenLoras.length === 1)) typed[key] = text(key);
    }
    onChange({
      model: facetValue(text("model"), models) || undefined, width, height,
      minWidth: number("minWidth"), maxWidth: number("maxWidth"),
      minHeight: number("minHeight"), maxHeight: number("maxHeight"),
      from: text("from") || undefined, to: text("to") || undefined,
      allTags: splitTags(text("allTags")), excludeTags: splitTags(text("excludeTags")),
      gen: Object.keys(typed).length ? typed : undefined, loras: chosenLoras,
      rating: Number(text("rating")) || undefined,
    });
  };
  const clear = () => onChange({
    model: undefined, width: undefined, height: undefined, minWidth: undefined, maxWidth: undefined,
    minHeight: undefined, maxHeight: undefined, from: undefined, to: undefined, allTags: [],
    excludeTags: [], gen: undefined, loras: [], rating: undefined,
  });
  const range = (legend: string, low: "steps_min" | "cfg_min" | "lora_weight_min",
                 high: "steps_max" | "cfg_max" | "lora_weight_max", step: number, min?: number) => (
    <fieldset>
      <legend>{legend}</legend>
      <input name={low} type="number" step={step} min={min} placeholder={t("rangeMin")}
             aria-label={t("rangeMinOf", { name: legend })} defaultValue={gen[low] ?? ""} />
      <input name={high} type="number" step={step} min={min} placeholder={t("rangeMax")}
             aria-label={t("rangeMaxOf", { name: legend })} defaultValue={gen[high] ?? ""} />
    </fieldset>
  );
  return (
    <>
      {facets.isError && <LoadFailed error={facets.error} onRetry={() => void facets.refetch()} />}
      <form onSubmit={submit} key={JSON.stringify(filters)}>
        <FacetPicker name="model" label={t("model")} options={models} defaultValue={filters.model ?? ""} />
        <label>{t("size")}
          <select name="preset" defaultValue={preset}>
            <option value="">{t("anySize")}</option>
            {sizes.map(({ value, count }) => (
              <option key={value} value={value}>
                {count === undefined ? value.replace("x", " × ")
                  : t("sizeWithCount", { size: value.replace("x", " × "), count })}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t("sizeRange")}</legend>
          <input name="minWidth" type="number" min={1} placeholder={t("minWidth")} aria-label={t("minWidth")} defaultValue={filters.minWidth ?? ""} />
          <input name="maxWidth" type="number" min={1} placeholder={t("maxWidth")} aria-label={t("maxWidth")} defaultValue={filters.maxWidth ?? ""} />
          <input name="minHeight" type="number" min={1} placeholder={t("minHeight")} aria-label={t("minHeight")} defaultValue={filters.minHeight ?? ""} />
          <input name="maxHeight" type="number" min={1} placeholder={t("maxHeight")} aria-label={t("maxHeight")} defaultValue={filters.maxHeight ?? ""} />
        </fieldset>
        <DateField name="from" label={t("from")} defaultValue={filters.from} />
        <DateField name="to" label={t("to")} defaultValue={filters.to} />
        <label>{t("allTags")}<input name="allTags" defaultValue={(filters.allTags ?? []).join(", ")} /></label>
        <label>{t("excludeTags")}<input name="excludeTags" defaultValue={(filters.excludeTags ?? []).join(", ")} /></label>
        <label>{t("minRating")}
          <select name="rating" defaultValue={filters.rating ?? ""}>
            <option value="">{t("anyRating")}</option>
            {[1, 2, 3, 4, 5].map((stars) => <option key={stars} value={stars}>{t("atLeastStars", { count: stars })}</option>)}
          </select>
        </label>
        {/* the generation's settings: what the search reads from each image's own data */}
        {range(t("setting.steps"), "steps_min", "steps_max", 1, 1)}
        {range(t("setting.cfg_scale"), "cfg_min", "cfg_max", 0.5, 0)}
        <label>{t("setting.sampler")}
          <select name="sampler" defaultValue={gen.sampler ?? ""}>
            <option value="">{t("anySampler")}</option>
            {samplers.map(({ value, count }) => <option key={value} value={value}>{counted(samplerLabel(value), count)}</option>)}
          </select>
        </label>
        <label>{t("setting.scheduler")}
          <select name="scheduler" defaultValue={gen.scheduler ?? ""}>
            <option value="">{t("anyScheduler")}</option>
            {SCHEDULER_IDS.map((value) => <option key={value} value={value}>{schedulerLabel(value)}</option>)}
          </select>
        </label>
        <label>{t("generator")}
          <select name="generator" defaultValue={gen.generator ?? ""}>
            <option value="">{t("anyGenerator")}</option>
            {generators.map(({ value, count }) => <option key={value} value={value}>{counted(generatorName(value), count)}</option>)}
          </select>
        </label>
        <FacetPicker name="lora" label={t("setting.lora")} options={loras} defaultValue={(filters.loras ?? []).join(", ")} />
        {range(t("loraWeightRange"), "lora_weight_min", "lora_weight_max", 0.05)}
        <FacetPicker name="model_hash" label={t("checkpointHash")} options={checkpoints} defaultValue={gen.model_hash ?? ""} />
        <label>{t("seed")}
          <input name="seed" inputMode="numeric" pattern="-?[0-9]+" maxLength={21} defaultValue={gen.seed ?? ""} />
        </label>
        <div className="actions">
          <button type="submit">{t("apply")}</button>
          <button type="button" onClick={clear}>{t("clearFilters")}</button>
        </div>
      </form>
    </>
  );
}
