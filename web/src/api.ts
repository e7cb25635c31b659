// The API client: openapi-fetch over the types generated from the served OpenAPI document
// (src/api/schema.d.ts, `make api-types`), the bearer token, and the API's error model
// ({"error": {"code", "message"}}) as an ApiError the screens can show.
import createClient, { type Middleware } from "openapi-fetch";

import type { components, paths } from "./api/schema";
import { takeFirstListing } from "./firstListing";

type Schemas = components["schemas"];

/** An image as listings show it; search results also carry their highlighted prompt parts. */
export type ImageItem = Schemas["ImageOut"] & Partial<Pick<Schemas["SearchResult"], "highlights">>;
export type StorageUsage = Schemas["StorageUsageOut"];
export type Folder = Schemas["FolderOut"];
export type Tag = Schemas["TagOut"];
export type UploadRequest = Schemas["UploadRequest"];
export type UploadTicket = Schemas["UploadTicket"];
export type UploadStatus = Schemas["UploadStatus"];
export type Workspace = Schemas["WorkspaceOut"];
export type Member = Schemas["MemberOut"];
export type Role = Member["role"];
/** An invitation an owner sent: the address joins with its role once its invitee accepts
 * (the answer is the same whether or not the address has an account). */
export type Invitation = Schemas["InvitationOut"];
/** An invitation addressed to me: accepting makes me a member with its role. */
export type MyInvitation = Schemas["MyInvitationOut"];
/** How many matching images each model and size has, the most frequent first. */
export type Facets = Schemas["SearchFacets"];
export type FacetCount = Schemas["FacetCount"];
/** A checkpoint or a LoRA by name, with the hash most of its images give. */
export type HashedCount = Schemas["HashedCount"];
/** The structured generation data of an image (the canonical sampler and scheduler ids, the
 * seed as exact text). */
export type Generation = Schemas["GenerationOut"];
export type Generator = Generation["generator"];
/** A parameter filter in force, from the search's parameters or typed inline in `q`. */
export type ActiveFilter = Schemas["ActiveFilter"];
/** Two images side by side: the prompts' word diff, the parameters that differ. */
export type Comparison = Schemas["Comparison"];
export type ShareRequest = Schemas["ShareCreate"];
export type Share = Schemas["ShareOut"];
export type SharedImage = Schemas["SharedImage"];
export type SharedPage = Schemas["SharedPage"];
export type ShareAccess = Schemas["ShareAccess"];
/** One bulk action on my images: move (folder_id), add_tags/remove_tags (tags), the others alone. */
export type BulkRequest = NonNullable<paths["/api/v1/files/images/bulk"]["post"]["requestBody"]>["content"]["application/json"];
export type BulkAction = BulkRequest["action"];

/** One page of a listing, whichever endpoint gave it. */
export interface Page {
  items: ImageItem[];
  total: number;
  /** False: the listing holds more than `total` (a filtered listing's count stops at 10,000). */
  totalExact?: boolean;
  nextCursor: string | null;
  /** A search's: the parameter filters in force (from its parameters, and typed in `q`). */
  active?: ActiveFilter[];
  /** A search's: some of my own changes are not searchable yet (the index is a moment behind). */
  catchingUp?: boolean;
}

/** Tag names as typed: commas separate them (the API refuses a comma inside a name). */
export function splitTags(text: string): string[] {
  return text.split(",").map((name) => name.trim()).filter(Boolean);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before asking again (429 and 503 answers say). */
    readonly retryAfter?: number,
    /** A 422's: what was not valid, and where ({loc, msg}). */
    readonly details?: { loc?: unknown[]; msg?: string }[],
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | string[] | null | undefined>;

/** Unset filters ("" as well as null) stay out of the URL; lists repeat their key. */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The answer's data, or an ApiError for an error answer (ours, or API Gateway's {message}). */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = (typeof error === "object" && error !== null ? error : {}) as
      { error?: { code?: string; message?: string; details?: [] }; message?: string };
    const wait = Number(response.headers.get("Retry-After") ?? NaN);
    throw new ApiError(response.status, body.error?.code ?? "http_" + response.status,
                       body.error?.message ?? body.message ?? response.statusText,
                       Number.isFinite(wait) ? wait : undefined, body.error?.details);
  }
  return data as T; // every success answer the dashboard asks for has a JSON body
}

/** The typed client of the API at `base` ("" for the page's own origin). */
export function apiClient(base: string) {
  return createClient<paths>({
    // openapi-fetch builds a Request, which needs an absolute URL outside a page (tests)
    baseUrl: new URL(base || "/", globalThis.location?.href).href,
    // the answer index.html asked for already, if this is that request; else the fetch of
    // the moment, not of construction (tests stub it)
    fetch: async (request) => (await takeFirstListing(request)) ?? globalThis.fetch(request),
    querySerializer: (query) => queryString(query as Query),
  });
}

export class Api {
  /** The typed client itself, for the calls of the lazy screens (src/generationApi.ts). */
  readonly client;

  /** `onUnauthorized`: told of every 401 answer (the token expired or was revoked). */
  constructor(token: string | null, base = "", onUnauthorized?: () => void) {
    this.client = apiClient(base);
    if (token) {
      const bearer: Middleware = {
        onRequest({ request }) {
          request.headers.set("Authorization", `Bearer ${token}`);
          return request;
        },
      };
      this.client.use(bearer);
    }
    if (onUnauthorized) {
      // one place for every call: no screen has to notice a dead session itself
      const sessionEnded: Middleware = {
        onResponse({ response }) {
          if (response.status === 401) onUnauthorized();
          return response;
        },
      };
      this.client.use(sessionEnded);
    }
  }

  /** My images (or a search, when `q` is set), one page at a time by cursor. */
  async images(filters: Filters, cursor: string | null, pageSize = 60): Promise<Page> {
    if (filters.trash) {
      const data = await answer(this.client.GET("/api/v1/files/trash", {
        params: { query: { page_size: Math.min(pageSize, 100), cursor } },
      }));
      return { items: data.images, total: data.total, totalExact: data.total_exact, nextCursor: data.next_cursor };
    }
    // a variation stack's images, newest first, or what a smart folder's saved search finds
    // now (their calls in a chunk of their own)
    if (filters.stack || filters.smart) {
      const { stackPage, smartFolderPage } = await import("./generation");
      return filters.smart ? smartFolderPage(this, filters.smart, cursor, pageSize)
        : stackPage(this, filters.stack as string, cursor, pageSize, filters.workspace);
    }
    // the listings' own: one image per variation stack, my rating at least, best rated first
    const shown = { rating_min: filters.rating, stacks: filters.stacks ? "collapse" as const : undefined };
    const sortBy = filters.sort === "rating" ? "rating" as const : undefined;
    if (filters.workspace && !filters.q && !isAdvanced(filters)) {
      const data = await answer(this.client.GET("/api/v1/workspaces/{workspace_id}/images", {
        params: {
          path: { workspace_id: filters.workspace },
          query: { tag: filters.tag, folder_id: filters.folder, include_subfolders: withSubfolders(filters),
                   is_favorite: filters.favorite || undefined, sort_order: filters.sort === "oldest" ? "asc" : "desc", page_size: Math.min(pageSize, 100),
                   cursor, sort_by: sortBy, ...shown },
        },
      }));
      return { items: data.images, total: data.total, totalExact: data.total_exact, nextCursor: data.next_cursor };
    }
    if (filters.q || isAdvanced(filters)) {
      const data = await answer(this.client.GET("/api/v1/search/images", {
        params: { query: { ...searchFilters(filters), sort: filters.sort || undefined, page_size: pageSize, cursor,
                           stacks: shown.stacks } },
      }));
      return { items: data.results, total: data.total, nextCursor: data.next_cursor, active: data.filters,
               catchingUp: data.catching_up };
    }
    const data = await answer(this.client.GET("/api/v1/files/images", {
      params: {
        query: { tag: filters.tag, folder_id: filters.folder, include_subfolders: withSubfolders(filters),
                 is_favorite: filters.favorite || undefined, is_public: filters.isPublic || undefined,
                 sort_order: filters.sort === "oldest" ? "asc" : "desc", page_size: pageSize, cursor,
                 sort_by: sortBy, ...shown },
      },
    }));
    return { items: data.images, total: data.total, totalExact: data.total_exact, nextCursor: data.next_cursor };
  }

  setFavorite(imageId: string, favorite: boolean): Promise<ImageItem> {
    return this.updateImage(imageId, { is_favorite: favorite });
  }

  updateImage(imageId: string, change: Schemas["ImageUpdate"]): Promise<ImageItem> {
    return answer(this.client.PATCH("/api/v1/files/images/{image_id}", {
      params: { path: { image_id: imageId } }, body: change,
    }));
  }

  bulk(request: BulkRequest): Promise<Schemas["BulkResult"]> {
    return answer(this.client.POST("/api/v1/files/images/bulk", { body: request }));
  }

  workspaces(): Promise<Workspace[]> {
    return answer(this.client.GET("/api/v1/workspaces"));
  }

  createWorkspace(name: string): Promise<Workspace> {
    return answer(this.client.POST("/api/v1/workspaces", { body: { name } }));
  }

  /** Owners only. */
  renameWorkspace(workspaceId: string, name: string): Promise<Workspace> {
    return answer(this.client.PATCH("/api/v1/workspaces/{workspace_id}", {
      params: { path: { workspace_id: workspaceId } }, body: { name },
    }));
  }

  /** Owners only: the members and what was shared go; the images stay their owners'. */
  deleteWorkspace(workspaceId: string): Promise<Schemas["Deleted"]> {
    return answer(this.client.DELETE("/api/v1/workspaces/{workspace_id}", {
      params: { path: { workspace_id: workspaceId } },
    }));
  }

  members(workspaceId: string): Promise<Member[]> {
    return answer(this.client.GET("/api/v1/workspaces/{workspace_id}/members", {
      params: { path: { workspace_id: workspaceId } },
    }));
  }

  invitations(workspaceId: string): Promise<Invitation[]> {
    return answer(this.client.GET("/api/v1/workspaces/{workspace_id}/invitations", {
      params: { path: { workspace_id: workspaceId } },
    }));
  }

  invite(workspaceId: string, email: string, role: Role): Promise<Invitation> {
    return answer(this.client.POST("/api/v1/workspaces/{workspace_id}/invitations", {
      params: { path: { workspace_id: workspaceId } }, body: { email, role },
    }));
  }

  myInvitations(): Promise<MyInvitation[]> {
    return answer(this.client.GET("/api/v1/workspaces/invitations"));
  }

  acceptInvitation(invitationId: string): Promise<Workspace> {
    return answer(this.client.POST("/api/v1/workspaces/invitations/{invitation_id}/accept", {
      params: { path: { invitation_id: invitationId } },
    }));
  }

  declineInvitation(invitationId: string): Promise<Schemas["Deleted"]> {
    return answer(this.client.POST("/api/v1/workspaces/invitations/{invitation_id}/decline", {
      params: { path: { invitation_id: invitationId } },
    }));
  }

  withdrawInvitation(workspaceId: string, email: string): Promise<Schemas["Deleted"]> {
    // openapi-fetch encodes path parameters (an address may hold "+" or "/")
    return answer(this.client.DELETE("/api/v1/workspaces/{workspace_id}/invitations/{email}", {
      params: { path: { workspace_id: workspaceId, email } },
    }));
  }

  setRole(workspaceId: string, userId: string, role: Role): Promise<Member> {
    return answer(this.client.PATCH("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
      params: { path: { workspace_id: workspaceId, user_id: userId } }, body: { role },
    }));
  }

  removeMember(workspaceId: string, userId: string): Promise<Schemas["Deleted"]> {
    return answer(this.client.DELETE("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
      params: { path: { workspace_id: workspaceId, user_id: userId } },
    }));
  }

  shareIntoWorkspace(workspaceId: string, imageIds: string[]): Promise<Schemas["WorkspaceItemsAdded"]> {
    return answer(this.client.POST("/api/v1/workspaces/{workspace_id}/images", {
      params: { path: { workspace_id: workspaceId } }, body: { image_ids: imageIds },
    }));
  }

  emptyTrash(): Promise<Schemas["TrashEmptied"]> {
    return answer(this.client.DELETE("/api/v1/files/trash"));
  }

  /** In a workspace: my own star, and (editors) the image's tags. */
  updateWorkspaceImage(workspaceId: string, imageId: string,
                       change: Schemas["WorkspaceImageUpdate"]): Promise<ImageItem> {
    return answer(this.client.PATCH("/api/v1/workspaces/{workspace_id}/images/{image_id}", {
      params: { path: { workspace_id: workspaceId, image_id: imageId } }, body: change,
    }));
  }

  deleteImage(imageId: string): Promise<Schemas["TrashedImage"]> {
    return answer(this.client.DELETE("/api/v1/files/images/{image_id}", {
      params: { path: { image_id: imageId } },
    }));
  }

  /** A short-lived URL that saves the original under a readable name (my images only). */
  downloadLink(imageId: string): Promise<Schemas["DownloadLink"]> {
    return answer(this.client.GET("/api/v1/files/images/{image_id}/download", {
      params: { path: { image_id: imageId } },
    }));
  }

  /** Someone else's image in a workspace (downloaders and up). */
  workspaceDownloadLink(workspaceId: string, imageId: string): Promise<Schemas["DownloadLink"]> {
    return answer(this.client.GET("/api/v1/workspaces/{workspace_id}/images/{image_id}/download", {
      params: { path: { workspace_id: workspaceId, image_id: imageId } },
    }));
  }

  restoreImage(imageId: string): Promise<ImageItem> {
    return answer(this.client.POST("/api/v1/files/images/{image_id}/restore", {
      params: { path: { image_id: imageId } },
    }));
  }

  updateFolder(folderId: string, change: Schemas["FolderUpdate"]): Promise<Folder> {
    return answer(this.client.PATCH("/api/v1/files/folders/{folder_id}", {
      params: { path: { folder_id: folderId } }, body: change,
    }));
  }

  /** Its subfolders move up to its parent, or are deleted too (`subfolders: "delete"`); the
   * images of what is deleted move to `moveImagesTo`, else up to the parent. */
  deleteFolder(folderId: string, moveImagesTo: string | null, subfolders?: "move_up" | "delete"):
    Promise<Schemas["Deleted"]> {
    return answer(this.client.DELETE("/api/v1/files/folders/{folder_id}", {
      params: { path: { folder_id: folderId }, query: { move_images_to: moveImagesTo, subfolders } },
    }));
  }

  /** At the top level, or under `parentId`. */
  createFolder(name: string, parentId?: string): Promise<Folder> {
    return answer(this.client.POST("/api/v1/files/folders", { body: { name, parent_id: parentId } }));
  }

  /** My links, newest first: an image's, a folder's, or all of them; a page at a time. */
  shares(filter: { image_id?: string; folder_id?: string; cursor?: string | null } = {}):
    Promise<Schemas["ShareList"]> {
    return answer(this.client.GET("/api/v1/shares", { params: { query: filter } }));
  }

  createShare(request: ShareRequest): Promise<Share> {
    return answer(this.client.POST("/api/v1/shares", { body: request }));
  }

  revokeShare(shareId: string): Promise<Share> {
    return answer(this.client.DELETE("/api/v1/shares/{share_id}", {
      params: { path: { share_id: shareId } },
    }));
  }

  /** Only what `change` holds changes; an expiry counts from now (null: never). */
  updateShare(shareId: string, change: Schemas["ShareUpdate"]): Promise<Share> {
    return answer(this.client.PATCH("/api/v1/shares/{share_id}", {
      params: { path: { share_id: shareId } }, body: change,
    }));
  }

  /** One of my images (what a link to it shows in the list of my links). */
  image(imageId: string): Promise<ImageItem> {
    return answer(this.client.GET("/api/v1/files/images/{image_id}", {
      params: { path: { image_id: imageId } },
    }));
  }

  storageUsage(): Promise<StorageUsage> {
    return answer(this.client.GET("/api/v1/files/storage-usage"));
  }

  folders(): Promise<Folder[]> {
    return answer(this.client.GET("/api/v1/files/folders"));
  }

  tags(query = "", limit = 30): Promise<Tag[]> {
    return answer(this.client.GET("/api/v1/files/tags", { params: { query: { query, limit } } }));
  }

  createUpload(file: File, sha256?: string): Promise<UploadTicket | Schemas["DuplicateUpload"]> {
    return answer(this.client.POST("/api/v1/uploads", {
      body: {
        // a dropped file can be of any type: the API refuses the others, and the uploader says so
        content_type: file.type as UploadRequest["content_type"],
        size_bytes: file.size, filename: file.name.slice(0, 255),
        ...(sha256 ? { sha256 } : {}),
      },
    }));
  }

  /** Counts by model and size of the images the filters find (each facet ignores its own). */
  facets(filters: Filters): Promise<Facets> {
    return answer(this.client.GET("/api/v1/search/facets", { params: { query: searchFilters(filters) } }));
  }

  suggestTags(prefix: string): Promise<Schemas["TagSuggestions"]> {
    return answer(this.client.GET("/api/v1/search/tags/suggest", { params: { query: { prefix } } }));
  }

  uploadStatus(imageId: string): Promise<UploadStatus> {
    return answer(this.client.GET("/api/v1/uploads/{image_id}", { params: { path: { image_id: imageId } } }));
  }
}

export interface Filters {
  q: string;
  tag: string;
  folder: string;
  /** The folder's own images, not those of its subfolders too. */
  folderOnly?: boolean;
  favorite: boolean;
  sort: "relevance" | "newest" | "oldest" | "rating" | "";
  trash?: boolean;
  workspace?: string;
  isPublic?: boolean;
  /** The list of my share links in place of the images. */
  links?: boolean;
  // advanced search filters (any of them makes the listing a search)
  model?: string;
  width?: number;
  height?: number;
  minWidth?: number;
  maxWidth?: number;
  minHeight?: number;
  maxHeight?: number;
  from?: string; // yyyy-mm-dd
  to?: string;
  allTags?: string[];
  excludeTags?: string[];
  /** The search's parameter filters, by the API's names (the seed as exact text). */
  gen?: GenFilters;
  /** LoRAs the images use (the weight bounds in `gen` go with exactly one). */
  loras?: string[];
  /** My rating at least this, 1..5. */
  rating?: number;
  /** One image per variation stack (the listing's `stacks=collapse`). */
  stacks?: boolean;
  /** The variation stack of this image, in place of the listing. */
  stack?: string;
  /** A smart folder (a saved search): what it finds now, in place of the listing. */
  smart?: string;
}

/** The search's parameter filters, as the URL and the API name them. */
export const GEN_KEYS = ("steps_min steps_max cfg_min cfg_max sampler scheduler seed generator model_hash " +
                         "lora_weight_min lora_weight_max").split(" ") as GenKey[];
type GenKey = "steps_min" | "steps_max" | "cfg_min" | "cfg_max" | "sampler" | "scheduler" | "seed" | "generator" |
  "model_hash" | "lora_weight_min" | "lora_weight_max";
export type GenFilters = Partial<Record<GenKey, string>>;

/** A folder is listed with its subfolders unless "Only this folder" is chosen. */
function withSubfolders(filters: Filters): true | undefined {
  return filters.folder && !filters.folderOnly ? true : undefined;
}

/** The filters as the search and its facets take them (the sidebar's tag is one more of
 * the tags an image must have); a smart folder saves them (SmartFolders.tsx: queryOf). */
export function searchFilters(filters: Filters) {
  return {
    q: filters.q, workspace_id: filters.workspace,
    tags: [...(filters.tag ? [filters.tag] : []), ...(filters.allTags ?? [])],
    exclude_tags: filters.excludeTags, model: filters.model, width: filters.width, height: filters.height,
    min_width: filters.minWidth, max_width: filters.maxWidth, min_height: filters.minHeight,
    max_height: filters.maxHeight,
    created_from: filters.from ? `${filters.from}T00:00:00Z` : undefined,
    created_to: filters.to ? `${filters.to}T23:59:59Z` : undefined,
    folder_id: filters.folder, include_subfolders: withSubfolders(filters),
    is_favorite: filters.favorite || undefined, is_public: filters.isPublic || undefined,
    // as typed: a seed past 2^53 stays exact in the URL
    ...(filters.gen as object), lora: filters.loras, rating_min: filters.rating,
  };
}

export function isAdvanced(filters: Filters): boolean {
  return Boolean(filters.model || filters.width || filters.height || filters.minWidth ||
    filters.maxWidth || filters.minHeight || filters.maxHeight || filters.from || filters.to ||
    filters.allTags?.length || filters.excludeTags?.length || filters.gen || filters.loras?.length);
}

export const NO_FILTERS: Filters = {
  q: "", tag: "", folder: "", favorite: false, sort: "", trash: false, workspace: "",
};

/** Everything that narrows the grid, except the place (a workspace, the trash): "Clear all"
 * brings back every image of the place, in the sort chosen. */
export const NO_NARROWING: Partial<Filters> = {
  q: "", tag: "", folder: "", favorite: false, isPublic: false, model: undefined,
  width: undefined, height: undefined, minWidth: undefined, maxWidth: undefined,
  minHeight: undefined, maxHeight: undefined, from: undefined, to: undefined, allTags: [],
  excludeTags: [], gen: undefined, loras: [], rating: undefined, stack: "",
};

/** Whether any filter narrows the grid (the chips show only then: their code loads then). */
export function isNarrowed(filters: Filters): boolean {
  return Object.keys(NO_NARROWING).some((name) => {
    const value = filters[name as keyof Filters];
    return Array.isArray(value) ? value.length > 0 : Boolean(value);
  });
}
