import { LanguagesIcon, LogOutIcon, SunMoonIcon } from "lucide-react";

import { useI18n } from "../i18n";
import { type ThemeChoice, useTheme } from "../theme";

/** The language, the theme and signing out: in the header on a desktop, in the settings
 * sheet on a phone. */
export function Preferences({ onSignOut }: { onSignOut: () => void }) {
  const { t, language, setLanguage } = useI18n();
  const [theme, setTheme] = useTheme();
  return (
    <>
      {/* the other language's name, in that language: marked so a screen reader says it right */}
      <button type="button" lang={language === "ko" ? "en" : "ko"}
              onClick={() => setLanguage(language === "ko" ? "en" : "ko")}>
        <LanguagesIcon aria-hidden />{t("language")}
      </button>
      <label className="theme">
        <SunMoonIcon aria-hidden />
        <span className="visually-hidden">{t("theme")}</span>
        <select value={theme} onChange={(event) => setTheme(event.target.value as ThemeChoice)}>
          <option value="system">{t("themeSystem")}</option>
          <option value="light">{t("themeLight")}</option>
          <option value="dark">{t("themeDark")}</option>
        </select>
      </label>
      <button type="button" onClick={onSignOut}><LogOutIcon aria-hidden />{t("signOut")}</button>
    </>
  );
}
