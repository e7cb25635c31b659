import { ChevronDownIcon, SlidersHorizontalIcon } from "lucide-react";
import { useState } from "react";

import { type Api, type Filters, isAdvanced } from "../api";
import { useI18n } from "../i18n";
import { lazyComponent } from "../lazy";

// the form and its model picker come with the first opening: the first screen shows the line
const FilterForm = lazyComponent(() => import("./FilterForm").then((m) => m.FilterForm));

/** Model (from the facet, or typed), size (a size the images have, or ranges), dates, tags
 * all-of and excluded: applied together. Collapsible, so it costs a phone one line. */
export function FilterPanel({ api, filters, onChange }: {
  api: Api; filters: Filters; onChange: (next: Partial<Filters>) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(isAdvanced(filters));
  return (
    <details className="filters" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <SlidersHorizontalIcon aria-hidden />{t("filters")}{isAdvanced(filters) ? " •" : ""}
        <ChevronDownIcon aria-hidden className="chevron" />
      </summary>
      {open && <FilterForm api={api} filters={filters} onChange={onChange} />}
    </details>
  );
}
