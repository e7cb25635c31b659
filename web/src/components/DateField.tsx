import { CalendarDaysIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";

import { useI18n } from "../i18n";
import { lazyComponent } from "../lazy";
import { datePattern, formatDay, parseDay } from "../localDate";

const CalendarDialog = lazyComponent(() => import("./CalendarDialog").then((m) => m.CalendarDialog));

/** A day in the UI language (typed in its order, or picked on its calendar), submitted as
 * ISO under `name`. The browser's date input formats by the browser's language instead. */
export function DateField({ name, label, defaultValue }: { name: string; label: string; defaultValue?: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [day, setDay] = useState(defaultValue ?? "");
  const [text, setText] = useState(defaultValue ? formatDay(defaultValue, language) : "");
  const [left, setLeft] = useState(false); // an error shows once the field is left, not while typing
  const [choosing, setChoosing] = useState(false);
  const pattern = datePattern(language);
  const invalid = text.trim() !== "" && !parseDay(text, language);
  const message = invalid ? t("dateInvalid", { pattern }) : "";
  // the form refuses to apply while the text is no day (its submit asks reportValidity)
  useEffect(() => input.current?.setCustomValidity(message), [message]);
  const type = (next: string) => {
    setText(next);
    setDay(parseDay(next, language) ?? "");
  };
  const opened = useRef(false);
  useEffect(() => { // back to the button once the calendar is gone (its focus trap with it)
    if (opened.current && !choosing) button.current?.focus();
    opened.current = choosing;
  }, [choosing]);
  const close = () => setChoosing(false);
  const pick = (picked: string) => {
    setDay(picked);
    setText(picked ? formatDay(picked, language) : "");
    setLeft(false);
    close();
  };
  return (
    <div className="date-field">
      <label htmlFor={id}>{label}</label>
      <div className="date-input">
        <input id={id} ref={input} value={text} placeholder={pattern} autoComplete="off"
               aria-invalid={left && invalid ? true : undefined}
               aria-describedby={left && invalid ? `${id}-error` : undefined}
               onChange={(e) => type(e.currentTarget.value)}
               onBlur={() => {
                 setLeft(true);
                 if (day) setText(formatDay(day, language)); // as the language writes it
               }} />
        <button ref={button} type="button" className="icon-button" aria-haspopup="dialog"
                aria-label={t("chooseDate", { name: label })} onClick={() => setChoosing(true)}>
          <CalendarDaysIcon aria-hidden />
        </button>
      </div>
      <input type="hidden" name={name} value={day} />
      {left && invalid && <small id={`${id}-error`} className="field-error">{message}</small>}
      {choosing && <CalendarDialog title={label} day={day} onPick={pick} onClose={close} />}
    </div>
  );
}
