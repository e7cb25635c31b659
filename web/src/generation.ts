// The generation data's canonical ids (the API's: ComfyUI's sampler and scheduler names, the
// generators' own ids) as people read them: "dpmpp_2m" is "DPM++ 2M", "karras" "Karras".
// Names of tools and algorithms, the same in every language. Loaded with the lazy screens
// that show them (the viewer, the filters, the chips, the comparison), not the first screen;
// and the calls only they make (and the listings' other lazy pages: a stack's, a smart folder's).
import { type Api, answer, type Comparison, type Generator, type Page } from "./api";

const SAMPLERS: Record<string, string> = {
  euler: "Euler", euler_ancestral: "Euler a", euler_cfg_pp: "Euler CFG++", euler_ancestral_cfg_pp: "Euler a CFG++",
  heun: "Heun", heunpp2: "Heun++ 2", dpm_2: "DPM2", dpm_2_ancestral: "DPM2 a", lms: "LMS", dpm_fast: "DPM fast",
  dpm_adaptive: "DPM adaptive", dpmpp_2s_ancestral: "DPM++ 2S a", dpmpp_sde: "DPM++ SDE", dpmpp_2m: "DPM++ 2M",
  dpmpp_2m_sde: "DPM++ 2M SDE", dpmpp_2m_sde_heun: "DPM++ 2M SDE Heun", dpmpp_3m_sde: "DPM++ 3M SDE",
  dpmpp_3m: "DPM++ 3M", ddpm: "DDPM", lcm: "LCM", ipndm: "iPNDM", ipndm_v: "iPNDM-V", deis: "DEIS", ddim: "DDIM",
  plms: "PLMS", uni_pc: "UniPC", uni_pc_bh2: "UniPC BH2", restart: "Restart", tcd: "TCD", pndm: "PNDM",
};
const SCHEDULERS: Record<string, string> = {
  normal: "Normal", karras: "Karras", exponential: "Exponential", sgm_uniform: "SGM Uniform", simple: "Simple",
  ddim_uniform: "DDIM Uniform", beta: "Beta", polyexponential: "Polyexponential",
  align_your_steps: "Align Your Steps", uniform: "Uniform", kl_optimal: "KL Optimal",
  linear_quadratic: "Linear Quadratic",
};
/** The generators' own names ("unknown" is said in the UI language by the caller). */
export const GENERATORS: Record<Exclude<Generator, "unknown">, string> = {
  a1111: "AUTOMATIC1111", forge: "Forge", comfyui: "ComfyUI", invokeai: "InvokeAI", novelai: "NovelAI",
  fooocus: "Fooocus", swarmui: "SwarmUI",
};
export const GENERATOR_IDS = [...Object.keys(GENERATORS), "unknown"] as Generator[];

// an id we do not know (a new sampler keeps its own slug): its words, as written
const words = (id: string) => id.replace(/_/g, " ");

export const samplerLabel = (id: string) => SAMPLERS[id] ?? words(id);
export const schedulerLabel = (id: string) => SCHEDULERS[id] ?? words(id);
/** A chip's "dpmpp_2m karras" (the sampler and the schedule it named): "DPM++ 2M Karras". */
export const samplerAndSchedule = (value: string) => {
  const [sampler, ...schedule] = value.split(" ");
  return [samplerLabel(sampler), ...schedule.map(schedulerLabel)].join(" ");
};
export const SCHEDULER_IDS = Object.keys(SCHEDULERS);

/** A number as the generators write it: no trailing zeros, no grouping ("7", "0.45"). */
export const plain = (value: number) => String(Number(value.toFixed(4)));

/** A search's inline filter tokens in q (as the API finds them: gallery/search/inline_filters.py),
 * in the order written: the n-th is the n-th filter the answer says came from q. */
export const TOKEN = /(?<!\S)(steps|cfg|sampler|scheduler|seed|generator|model_hash|hash|lora|model)[:=]("(?:[^"\\]|\\.)*"(?:@\S*)?|\S*)/gi;

/** q without its n-th filter token (the spaces around it closed up). */
export function withoutToken(q: string, n: number): string {
  let seen = -1;
  return q.replace(TOKEN, (token) => (++seen === n ? "" : token)).replace(/\s+/g, " ").trim();
}

/** q's filter tokens alone (its text taken out). */
export const tokensOf = (q: string) => (q.match(TOKEN) ?? []).join(" ");

// The generation data's own calls: what only the viewer, the comparison and a stack ask.

/** The image's generation data as AUTOMATIC1111's text (what A1111 and Forge paste in). */
export function generationText(api: Api, imageId: string): Promise<string> {
  return answer(api.client.GET("/api/v1/files/images/{image_id}/generation", {
    params: { path: { image_id: imageId }, query: { format: "a1111" } }, parseAs: "text",
  })) as Promise<string>;
}

/** The ComfyUI workflow the image carries, as its JSON text (404 when it has none). */
export function comfyWorkflow(api: Api, imageId: string): Promise<string> {
  return answer(api.client.GET("/api/v1/files/images/{image_id}/generation", {
    params: { path: { image_id: imageId }, query: { format: "comfyui" } }, parseAs: "text",
  })) as Promise<string>;
}

/** Two of my images: their prompts' word diff and the settings that differ. */
export function compareImages(api: Api, imageId: string, otherId: string): Promise<Comparison> {
  return answer(api.client.GET("/api/v1/files/images/{image_id}/compare/{other_id}", {
    params: { path: { image_id: imageId, other_id: otherId } },
  }));
}

/** A variation stack's images, newest first: a page of the listing that shows them. */
export async function stackPage(api: Api, imageId: string, cursor: string | null, pageSize: number,
                                workspaceId?: string | null): Promise<Page> {
  const query = { page_size: Math.min(pageSize, 100), cursor };
  // in a workspace, the variations it holds (the owner's others are not the member's to see)
  const data = await answer(workspaceId
    ? api.client.GET("/api/v1/workspaces/{workspace_id}/images/{image_id}/stack", {
        params: { path: { workspace_id: workspaceId, image_id: imageId }, query } })
    : api.client.GET("/api/v1/files/images/{image_id}/stack", {
        params: { path: { image_id: imageId }, query } }));
  return { items: data.images, total: data.total, nextCursor: data.next_cursor };
}

/** What a smart folder's saved search finds now, a page at a time by its keyset cursor (a
 * search's answer: the highlights, the filters in force). */
export async function smartFolderPage(api: Api, smartFolderId: string, cursor: string | null,
                                      pageSize: number): Promise<Page> {
  const data = await answer(api.client.GET("/api/v1/files/smart-folders/{smart_folder_id}/images", {
    params: { path: { smart_folder_id: smartFolderId }, query: { page_size: Math.min(pageSize, 100), cursor } },
  }));
  return { items: data.results, total: data.total, nextCursor: data.next_cursor, active: data.filters };
}
