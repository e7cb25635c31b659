import { type FormEvent, useEffect, useState } from "react";

import type { Filters } from "../api";
import { useI18n } from "../i18n";

/** One box for Korean and English; the sort follows (relevance only means something with
 * a query). */
export function SearchBar({ filters, onChange }: { filters: Filters; onChange: (next: Partial<Filters>) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: text.trim(), sort: text.trim() ? filters.sort : filters.sort === "relevance" ? "" : filters.sort });
  };
  return (
    <form role="search" className="search" onSubmit={submit}>
      <input type="search" value={text} onChange={(event) => setText(event.target.value)}
             placeholder={t("search")} aria-label={t("search")} maxLength={500} />
      <select aria-label="sort" value={filters.sort || (filters.q ? "relevance" : "newest")}
              onChange={(event) => onChange({ sort: event.target.value as Filters["sort"] })}>
        {filters.q && <option value="relevance">{t("sortRelevance")}</option>}
        <option value="newest">{t("sortNewest")}</option>
        <option value="oldest">{t("sortOldest")}</option>
      </select>
    </form>
  );
}
