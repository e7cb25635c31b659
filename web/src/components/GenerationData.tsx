// Prompt, model, seed and the generator's settings, labelled in the UI language: what the
// viewer and a share link (when its owner shows metadata) list for an image.
import type { Generation as GenerationOut } from "../api";
import { GENERATORS, plain, samplerLabel, schedulerLabel } from "../generation";
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
  hires_scale: "setting.hires_scale", seed: "seed", seed_text: "seed", model: "model", generator: "generator",
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
  width?: number | null;
  height?: number | null;
  params?: Record<string, unknown> | null;
  /** The settings as the API read them (canonical ids, the seed as exact text): an image's
   * own data has them; a share link's does not. */
  generation?: GenerationOut | null;
}

/** The seed as exact text (a JS number loses digits past 2^53). */
export const seedText = (data: Generation) => data.generation?.seed_text ?? (data.seed ?? null)?.toString() ?? null;

/** The params' copies of what the image's own fields say ("Size: 1024x1024" beside the
 * image's size) are left out: each setting is listed once. */
function shownOnce(data: Generation): [string, unknown][] {
  const fromFields: Record<string, boolean> = {
    seed: data.seed !== null && data.seed !== undefined, model: Boolean(data.model),
    size: Boolean(data.width && data.height), width: Boolean(data.width), height: Boolean(data.height),
  };
  return Object.entries(data.params ?? {}).filter(([key]) => !fromFields[fold(key)]);
}

// with the structured data, the params' copies of what it says are left out (the LoRAs' hashes too)
const COVERED = /^(steps|cfg(_scale)?|sampler(_name)?|scheduler|schedule_type|model_hash|vae|denoise|denoising_strength|clip_skip|hires_.*|lora.*|seed)$/;

/** The labelled settings from the structured data: each one a row, when it has a value. */
function Structured({ generation: g }: { generation: GenerationOut }) {
  const { t, formatNumber } = useI18n();
  const row = (label: string, value: React.ReactNode, key = label) => (
    value === null || value === undefined || value === "" ? null
      : <div className="setting" key={key}><dt>{label}</dt><dd>{value}</dd></div>
  );
  return (
    <>
      {row(t("generator"), g.generator === "unknown" ? null : GENERATORS[g.generator])}
      {row(t("setting.sampler"), g.sampler && samplerLabel(g.sampler))}
      {row(t("setting.scheduler"), g.scheduler && schedulerLabel(g.scheduler))}
      {row(t("setting.steps"), g.steps)}
      {row(t("setting.cfg_scale"), g.cfg_scale === null || g.cfg_scale === undefined ? null : plain(g.cfg_scale))}
      {row(t("setting.model_hash"), g.model_hash && <code>{g.model_hash}</code>)}
      {row(t("setting.vae"), g.vae)}
      {row(t("setting.loras"), g.loras?.length ? (
        <ul className="loras">
          {g.loras.map((lora) => (
            <li key={lora.name}>
              <span>{lora.name}</span> <span className="weight">{t("loraWeight", { weight: plain(lora.weight) })}</span>
              {lora.hash && <> <code>{lora.hash}</code></>}
            </li>
          ))}
        </ul>
      ) : null)}
      {row(t("setting.clip_skip"), g.clip_skip)}
      {row(t("setting.denoising_strength"), g.denoising_strength === null || g.denoising_strength === undefined
        ? null : plain(g.denoising_strength))}
      {row(t("setting.hires_upscaler"), g.hires_upscaler)}
      {row(t("setting.hires_scale"), g.hires_scale ? `× ${formatNumber(g.hires_scale)}` : null)}
    </>
  );
}

export function GenerationData({ data, children }: { data: Generation; children?: React.ReactNode }) {
  const { t } = useI18n();
  const label = useSettingLabel();
  const generation = data.generation;
  const settings = shownOnce(data).filter(([key]) => !generation || !COVERED.test(fold(key)));
  const seed = seedText(data);
  return (
    <dl className="generation">
      {data.prompt && (<><dt>{t("prompt")}</dt><dd>{data.prompt}</dd></>)}
      {data.negative_prompt && (<><dt>{t("negativePrompt")}</dt><dd>{data.negative_prompt}</dd></>)}
      {data.model && (<><dt>{t("model")}</dt><dd>{data.model}</dd></>)}
      {data.width && data.height && (<><dt>{t("size")}</dt><dd>{data.width} × {data.height}</dd></>)}
      {children}
      {seed !== null && (<><dt>{t("seed")}</dt><dd>{seed}</dd></>)}
      {generation && <Structured generation={generation} />}
      {settings.map(([key, value]) => (
        <div className="setting" key={key}>
          <dt>{label(key)}</dt>
          <dd>{typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

// AUTOMATIC1111's names for the settings, in its order (what other tools read back); Seed,
// Size and Model come from the image's own fields, the rest from its params by any spelling.
const A1111_ORDER: [string, string[]][] = [
  ["Steps", ["steps"]], ["Sampler", ["sampler", "sampler_name"]],
  ["Schedule type", ["scheduler", "schedule_type"]], ["CFG scale", ["cfg_scale", "cfg"]],
  ["Seed", []], ["Size", []], ["Model hash", ["model_hash"]], ["Model", []], ["VAE", ["vae"]],
  ["Denoising strength", ["denoising_strength", "denoise"]], ["Clip skip", ["clip_skip"]],
  ["Hires upscale", ["hires_upscale"]], ["Hires upscaler", ["hires_upscaler"]],
];
// the params' own copies of what the image's fields say are not repeated
const FROM_FIELDS = new Set(["seed", "size", "width", "height", "model"]);

// A1111 quotes a value that would break its "key: value, key: value" line
const quoted = (value: unknown) => {
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[,:\n]/.test(text) ? JSON.stringify(text) : text;
};

/** The image's generation data as AUTOMATIC1111 writes it: the prompt, "Negative prompt:
 * …", then one line of settings ("Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1,
 * Size: 512x512, Model: x", then the rest as the generator named them). */
export function a1111Text(data: Generation & { width?: number | null; height?: number | null }): string {
  const params = Object.entries(data.params ?? {}).filter(([key]) => !FROM_FIELDS.has(fold(key)));
  const fields: Record<string, unknown> = {
    Seed: seedText(data) ?? undefined,
    Size: data.width && data.height ? `${data.width}x${data.height}` : undefined,
    Model: data.model || undefined,
  };
  const known = new Set(A1111_ORDER.flatMap(([, spellings]) => spellings));
  const settings: [string, unknown][] = [
    ...A1111_ORDER.map(([name, spellings]): [string, unknown] =>
      [name, spellings.length ? params.find(([key]) => spellings.includes(fold(key)))?.[1] : fields[name]]),
    ...params.filter(([key]) => !known.has(fold(key))),
  ].filter(([, value]) => value !== undefined && value !== null && value !== "");
  return [
    data.prompt ?? "",
    ...(data.negative_prompt ? [`Negative prompt: ${data.negative_prompt}`] : []),
    ...(settings.length ? [settings.map(([key, value]) => `${key}: ${quoted(value)}`).join(", ")] : []),
  ].join("\n");
}
