// Two images side by side (issue 19): their prompts as a word diff, what was added, taken out
// or weighted otherwise each marked by more than its colour (a sign, a line, the weights in
// words for a screen reader), and the settings that differ in a table. Opened from the bulk
// bar with two images selected; a lazy chunk of its own.
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useEffect, useId } from "react";
import FocusLock from "react-focus-lock";

import type { Api, Comparison, ImageItem } from "../api";
import { plain, samplerLabel, schedulerLabel } from "../generation";
import { compareImages } from "../generation";
import { useI18n } from "../i18n";
import { keys } from "../queries";
import { useSettingLabel } from "./GenerationData";
import { LoadFailed } from "./LoadFailed";

type Word = Comparison["prompt"][number];
type Value = Comparison["parameters"][number]["a"];

/** The words of one prompt, the changes marked; nothing when both prompts are empty. */
export function WordDiff({ words, label }: { words: Word[]; label: string }) {
  const { t } = useI18n();
  if (!words.length) return null;
  return (
    <section className="diff-block" aria-label={label}>
      <h3>{label}</h3>
      <p className="diff">
        {words.map((word, n) => {
          const key = `${n}:${word.word}`;
          const gap = n ? " " : "";
          if (word.change === "added") {
            return <span key={key}>{gap}<ins className="diff-added"><span aria-hidden="true">+</span>
              <span className="visually-hidden">{t("diff.added")} </span>{word.word}</ins></span>;
          }
          if (word.change === "removed") {
            return <span key={key}>{gap}<del className="diff-removed"><span aria-hidden="true">−</span>
              <span className="visually-hidden">{t("diff.removed")} </span>{word.word}</del></span>;
          }
          if (word.change === "weight") {
            const a = plain(word.weight_a ?? 1);
            const b = plain(word.weight_b ?? 1);
            return (
              <span key={key}>{gap}<mark className="diff-weight">{word.word}
                <small aria-hidden="true"> {a}→{b}</small>
                <span className="visually-hidden"> {t("diff.weight", { a, b })}</span></mark></span>
            );
          }
          return <span key={key}>{gap}{word.word}</span>;
        })}
      </p>
    </section>
  );
}

/** A setting's value as people read it (a sampler's name, not its id). */
function useValue() {
  const { t } = useI18n();
  return (name: string, value: Value) => {
    if (value === null || value === undefined || value === "") return t("diff.none");
    if (typeof value === "number") return plain(value);
    if (name === "sampler") return samplerLabel(value);
    if (name === "scheduler") return schedulerLabel(value);
    return value;
  };
}

function Side({ image, side }: { image?: ImageItem; side: "A" | "B" }) {
  const { t } = useI18n();
  return (
    <figure className="compare-image">
      {image ? (
        <picture>
          {image.preview_url && <source srcSet={image.preview_url} type="image/avif" />}
          <img src={image.preview_fallback_url ?? image.thumbnail_512_url ?? image.image_url ?? ""} alt={image.prompt} />
        </picture>
      ) : <div className="compare-placeholder" aria-hidden="true" />}
      <figcaption><strong>{side}</strong> {image?.model ?? ""}
        {image?.generation?.seed_text && <> · {t("seed")} {image.generation.seed_text}</>}</figcaption>
    </figure>
  );
}

export function CompareView({ api, ids, onClose }: { api: Api; ids: [string, string]; onClose: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const settingLabel = useSettingLabel();
  const show = useValue();
  const [a, b] = ids;
  const comparison = useQuery({ queryKey: [...keys.images, "compare", a, b], queryFn: () => compareImages(api, a, b) });
  const first = useQuery({ queryKey: [...keys.images, "image", a], queryFn: () => api.image(a) });
  const second = useQuery({ queryKey: [...keys.images, "image", b], queryFn: () => api.image(b) });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => { if (event.key === "Escape") onClose(); };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const c = comparison.data;
  const name = (parameter: string) => (parameter.startsWith("lora:")
    ? t("diff.lora", { name: parameter.slice(5) }) : settingLabel(parameter));
  return (
    <div className="overlay compare-overlay" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <FocusLock returnFocus className="compare">
        <div className="compare-header">
          <h2 id={titleId}>{t("compareTitle")}</h2>
          <button type="button" data-autofocus className="icon-button" aria-label={t("close")} onClick={onClose}>
            <X aria-hidden />
          </button>
        </div>
        <div className="compare-images">
          <Side image={first.data} side="A" />
          <Side image={second.data} side="B" />
        </div>
        {comparison.isError && <LoadFailed error={comparison.error} onRetry={() => void comparison.refetch()} />}
        {!c && !comparison.isError && <p role="status">{t("loading")}</p>}
        {c && (
          <>
            {c.same_stack && <p className="notice">{t("sameStack")}</p>}
            <p className="diff-legend">
              <span>{t("diff.legend")}</span>{" "}
              <ins className="diff-added"><span aria-hidden="true">+</span>{t("diff.addedInB")}</ins>{" "}
              <del className="diff-removed"><span aria-hidden="true">−</span>{t("diff.removedInB")}</del>{" "}
              <mark className="diff-weight">{t("diff.weightChanged")}</mark>
            </p>
            <WordDiff words={c.prompt} label={t("prompt")} />
            <WordDiff words={c.negative_prompt} label={t("negativePrompt")} />
            {c.parameters.length ? (
              <div className="compare-table">
                <table>
                  <caption>{t("diff.parameters")}</caption>
                  <thead><tr><th scope="col">{t("diff.setting")}</th><th scope="col">A</th><th scope="col">B</th></tr></thead>
                  <tbody>
                    {c.parameters.map((p) => (
                      <tr key={p.name}>
                        <th scope="row">{name(p.name)}</th><td>{show(p.name, p.a)}</td><td>{show(p.name, p.b)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : <p>{t("diff.sameSettings")}</p>}
          </>
        )}
      </FocusLock>
    </div>
  );
}
