import { useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";

import { type Api, type Filters, splitTags } from "../api";
import { useI18n } from "../i18n";
import { keys } from "../queries";
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
  const preset = filters.width && filters.height ? `${filters.width}x${filters.height}` : "";
  const sizes: { value: string; count?: number }[] = [...(facets.data?.sizes ?? PRESETS.map((value) => ({ value })))];
  if (preset && !sizes.some((s) => s.value === preset)) sizes.push({ value: preset }); // chosen before
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const number = (name: string) => (Number(text(name)) > 0 ? Number(text(name)) : undefined);
    const [width, height] = text("preset") ? text("preset").split("x").map(Number) : [undefined, undefined];
    onChange({
      model: facetValue(text("model"), models) || undefined, width, height,
      minWidth: number("minWidth"), maxWidth: number("maxWidth"),
      minHeight: number("minHeight"), maxHeight: number("maxHeight"),
      from: text("from") || undefined, to: text("to") || undefined,
      allTags: splitTags(text("allTags")), excludeTags: splitTags(text("excludeTags")),
    });
  };
  const clear = () => onChange({
    model: undefined, width: undefined, height: undefined, minWidth: undefined, maxWidth: undefined,
    minHeight: undefined, maxHeight: undefined, from: undefined, to: undefined, allTags: [],
    excludeTags: [],
  });
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
        <label>{t("from")}<input name="from" type="date" defaultValue={filters.from ?? ""} /></label>
        <label>{t("to")}<input name="to" type="date" defaultValue={filters.to ?? ""} /></label>
        <label>{t("allTags")}<input name="allTags" defaultValue={(filters.allTags ?? []).join(", ")} /></label>
        <label>{t("excludeTags")}<input name="excludeTags" defaultValue={(filters.excludeTags ?? []).join(", ")} /></label>
        <div className="actions">
          <button type="submit">{t("apply")}</button>
          <button type="button" onClick={clear}>{t("clearFilters")}</button>
        </div>
      </form>
    </>
  );
}
