import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";

import type { Api, Filters } from "../api";
import { useDebounced } from "../debounced";
import { focusOnMount } from "../focusOnMount";
import { useI18n } from "../i18n";
import { keys } from "../queries";

/** One box for Korean and English; the sort follows (relevance only means something with
 * a query). */
export function SearchBar({ api, filters, onChange, autoFocus = false }: {
  api?: Api; filters: Filters; onChange: (next: Partial<Filters>) => void;
  /** on a phone the field opens from a button: the focus goes straight to it */
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(filters.q);
  const [focusFirst] = useState(autoFocus); // on its first drawing only, as autoFocus
  useEffect(() => setText(filters.q), [filters.q]);
  // tag autocomplete on the word being typed, once it rests; the last answer stays meanwhile
  const word = useDebounced(text.split(/\s+/).at(-1) ?? "", 250);
  const suggestions = useQuery({
    queryKey: keys.tagSuggestions(word), queryFn: () => api!.suggestTags(word).then((r) => r.suggestions),
    enabled: Boolean(api && word), placeholderData: keepPreviousData,
  }).data ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: text.trim(), sort: text.trim() ? filters.sort : filters.sort === "relevance" ? "" : filters.sort });
  };
  return (
    <form role="search" className="search" onSubmit={submit}>
      <input type="search" value={text} onChange={(event) => setText(event.target.value)}
             placeholder={t("search")} aria-label={t("search")} maxLength={500} list="search-tags"
             ref={focusFirst ? focusOnMount : undefined} />
      <datalist id="search-tags" data-testid="search-tags">
        {suggestions.map((tag) => (
          <option key={tag} value={[...text.split(/\s+/).slice(0, -1), tag].join(" ")} label={`#${tag}`} />
        ))}
      </datalist>
      <select aria-label={t("sort")} value={filters.sort || (filters.q ? "relevance" : "newest")}
              onChange={(event) => onChange({ sort: event.target.value as Filters["sort"] })}>
        {filters.q && <option value="relevance">{t("sortRelevance")}</option>}
        <option value="newest">{t("sortNewest")}</option>
        <option value="oldest">{t("sortOldest")}</option>
        <option value="rating">{t("sortRating")}</option>
      </select>
    </form>
  );
}
