// Prompt, model, seed and the generator's settings, labelled in the UI language: what the
// viewer and a share link (when its owner shows metadata) list for an image.
import { type MessageKey, useI18n } from "../i18n";

// The generators name one setting several ways (AUTOMATIC1111 "CFG scale", InvokeAI
// "cfg_scale", ComfyUI "cfg"): each spelling, folded, to the label that says it.
const SETTING_LABELS: Record<string, MessageKey> = {
  steps: "setting.steps",
  cfg_scale: "setting.cfg_scale", cfg: "setting.cfg_scale",
  sampler: "setting.sampler", sampler_name: "setting.sampler",
  scheduler: "setting.scheduler", schedule_type: "setting.scheduler",
  size: "setting.size", width: "setting.width", height: "setting.height",
  model_hash: "setting.model_hash", vae: "setting.vae",
  denoise: "setting.denoising_strength", denoising_strength: "setting.denoising_strength",
  clip_skip: "setting.clip_skip", hires_upscale: "setting.hires_upscale",
  hires_upscaler: "setting.hires_upscaler", generation_mode: "setting.generation_mode",
};

const fold = (key: string) => key.trim().toLowerCase().replace(/[\s-]+/g, "_");

/** A setting's label: a known one in the UI language, else the key as written. */
export function useSettingLabel(): (key: string) => string {
  const { t } = useI18n();
  return (key) => {
    const known = SETTING_LABELS[fold(key)];
    return known ? t(known) : key.replace(/_/g, " ");
  };
}

export interface Generation {
  prompt?: string | null;
  negative_prompt?: string | null;
  model?: string | null;
  seed?: number | null;
  params?: Record<string, unknown> | null;
}

export function GenerationData({ data, children }: { data: Generation; children?: React.ReactNode }) {
  const { t } = useI18n();
  const label = useSettingLabel();
  const settings = Object.entries(data.params ?? {});
  return (
    <dl className="generation">
      {data.prompt && (<><dt>{t("prompt")}</dt><dd>{data.prompt}</dd></>)}
      {data.negative_prompt && (<><dt>{t("negativePrompt")}</dt><dd>{data.negative_prompt}</dd></>)}
      {data.model && (<><dt>{t("model")}</dt><dd>{data.model}</dd></>)}
      {children}
      {data.seed !== null && data.seed !== undefined && (<><dt>{t("seed")}</dt><dd>{data.seed}</dd></>)}
      {settings.map(([key, value]) => (
        <div className="setting" key={key}>
          <dt>{label(key)}</dt>
          <dd>{typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
