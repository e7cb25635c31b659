import { type KeyboardEvent, useId, useState } from "react";

import type { FacetCount } from "../api";
import { useI18n } from "../i18n";

/** The facet value the text names, whatever its case; else the text as typed (a value
 * past the facet's most frequent ones is still a filter). */
export function facetValue(text: string, options: FacetCount[]): string {
  const typed = text.trim();
  const lower = typed.toLocaleLowerCase();
  return options.find((o) => o.value === typed)?.value
    ?? options.find((o) => o.value.toLocaleLowerCase() === lower)?.value ?? typed;
}

/** A text box that offers a facet's values with their counts (WAI-ARIA combobox with a
 * list): typing narrows the list, case-insensitively; arrows and Enter, or a tap, pick. */
export function FacetPicker({ name, label, options, defaultValue, inputMode }: {
  name: string; label: string; defaultValue: string;
  /** `detail`: said beside the value (a checkpoint's name beside its hash) */
  options: (FacetCount & { detail?: string })[];
  inputMode?: "text" | "numeric";
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(defaultValue);
  const [expanded, setExpanded] = useState(false);
  const [active, setActive] = useState(-1);
  const lower = text.trim().toLocaleLowerCase();
  const shown = options.filter((o) => o.value.toLocaleLowerCase().includes(lower));
  const open = expanded && shown.length > 0;
  const pick = (value: string) => {
    setText(value);
    setExpanded(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setExpanded(true);
      setActive((current) => (shown.length ? (current + step + shown.length) % shown.length : -1));
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault(); // a pick, not the form's submit
      pick(shown[active].value);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setExpanded(false);
    }
  };
  return (
    <div className="facet-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input id={`${id}-input`} name={name} value={text} maxLength={255} autoComplete="off" inputMode={inputMode}
             role="combobox" aria-autocomplete="list" aria-expanded={open} aria-controls={`${id}-list`}
             aria-activedescendant={open && active >= 0 ? `${id}-${active}` : undefined}
             onChange={(event) => { setText(event.target.value); setExpanded(true); setActive(-1); }}
             // opened by a click, a tap, typing or ↓: not by a Tab passing through
             onClick={() => setExpanded(true)} onBlur={() => setExpanded(false)} onKeyDown={onKeyDown} />
      <ul id={`${id}-list`} role="listbox" aria-label={label} hidden={!open}>
        {open && shown.map((option, index) => (
          // the input keeps the focus (mousedown would move it): the pick happens on click
          <li key={option.value} id={`${id}-${index}`} role="option" aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()} onClick={() => pick(option.value)}>
            <span>{option.value}{option.detail && <small> {option.detail}</small>}</span>
            <small>{t("imageCount", { count: option.count })}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}
