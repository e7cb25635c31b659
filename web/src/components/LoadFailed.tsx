import { useI18n } from "../i18n";

/** What a failed load says (the error's message in the UI language) and a way to try again. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, errorMessage } = useI18n();
  return (
    <div className="load-error">
      <p role="alert" className="error">{errorMessage(error)}</p>
      <button type="button" onClick={onRetry}>{t("retry")}</button>
    </div>
  );
}
