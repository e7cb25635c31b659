// My rating of an image, 1 to 5 stars (0: not rated): a group of radio buttons, so a screen
// reader says "3 stars, 3 of 6" and the arrow keys move along it; 0 (or Delete) clears it.
import { Star } from "lucide-react";
import { type KeyboardEvent, useId } from "react";

import { useI18n } from "../i18n";

export function Rating({ value, onChange, disabled = false }: {
  value: number; onChange: (rating: number) => void; disabled?: boolean;
}) {
  const { t } = useI18n();
  const name = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "0" || event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      if (value) onChange(0);
    } else if (/^[1-5]$/.test(event.key)) {
      event.preventDefault();
      onChange(Number(event.key));
    }
  };
  return (
    <fieldset className="rating" onKeyDown={onKeyDown} disabled={disabled} aria-keyshortcuts="0 1 2 3 4 5">
      <legend>{t("yourRating")}</legend>
      {[1, 2, 3, 4, 5].map((stars) => (
        <label key={stars} className={stars <= value ? "on" : undefined} title={t("stars", { count: stars })}>
          <input type="radio" name={name} value={stars} checked={value === stars}
                 aria-label={t("stars", { count: stars })} onChange={() => onChange(stars)}
                 // a click on the rating it has takes it back
                 onClick={() => { if (value === stars) onChange(0); }} />
          <Star aria-hidden fill={stars <= value ? "currentColor" : "none"} />
        </label>
      ))}
      <label className="rating-clear">
        <input type="radio" name={name} value={0} checked={value === 0} onChange={() => onChange(0)} />
        <span>{t("notRated")}</span>
      </label>
    </fieldset>
  );
}
