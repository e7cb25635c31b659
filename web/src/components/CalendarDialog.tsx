import * as Dialog from "@radix-ui/react-dialog";
import { DayPicker } from "react-day-picker";
import { enUS, ko } from "react-day-picker/locale";
import "react-day-picker/style.css";

import { useI18n } from "../i18n";
import { isoDay, localDate } from "../localDate";

const CALENDAR_LOCALES = { ko, en: enUS };
const FIRST_MONTH = new Date(2022, 0); // before it, no image generator made what people keep

/** A month's calendar in the UI language, in a dialog of its own chunk (it comes with the
 * first opening: the filter form shows only its button). The keyboard starts on the chosen
 * day, or today; a pick (or Clear) closes it. */
export function CalendarDialog({ title, day, onPick, onClose }: {
  title: string; day: string; onPick: (day: string) => void; onClose: () => void;
}) {
  const { t, language } = useI18n();
  const today = new Date();
  // a day's name holds its number as a word of its own: what a voice user says ("click 12")
  // must be in it (WCAG 2.5.3), and Korean's full date writes 12일
  const labelDayButton = (date: Date, modifiers: { today?: boolean; selected?: boolean }) =>
    t("calendarDay", { day: date.getDate(), date, today: String(!!modifiers.today), selected: String(!!modifiers.selected) });
  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="confirm-dialog calendar" aria-describedby={undefined}
                        onOpenAutoFocus={(event) => event.preventDefault() /* the calendar focuses its day */}
                        onCloseAutoFocus={(event) => event.preventDefault() /* the field gives it back */}>
          <Dialog.Title>{title}</Dialog.Title>
          <DayPicker mode="single" autoFocus locale={CALENDAR_LOCALES[language]} captionLayout="dropdown"
                     labels={{ labelDayButton }} startMonth={FIRST_MONTH} endMonth={today} selected={day ? localDate(day) : undefined}
                     defaultMonth={day ? localDate(day) : today}
                     onSelect={(date) => onPick(date ? isoDay(date) : "")} />
          <div className="actions">
            {day && <button type="button" onClick={() => onPick("")}>{t("clearDate")}</button>}
            <Dialog.Close asChild><button type="button">{t("cancel")}</button></Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
