// The API client: JSON in and out, the bearer token, and the API's error model
// ({"error": {"code", "message"}}) as an ApiError the screens can show.

export interface ImageItem {
  image_id: string;
  prompt: string;
  negative_prompt: string | null;
  model: string | null;
  width: number | null;
  height: number | null;
  seed: number | null;
  params: Record<string, unknown>;
  image_url: string | null;
  thumbnail_256_url: string | null;
  thumbnail_512_url: string | null;
  preview_url?: string | null; // AVIF, long side 1536
  preview_fallback_url?: string | null; // the same in WebP
  is_favorite: boolean;
  is_public: boolean;
  folder_id: string | null;
  tags: string[];
  file_size_bytes: number;
  mime_type: string | null;
  created_at: string;
  highlights?: string[];
  owner_id?: string | null; // in a workspace's listing
  placeholder?: string | null; // ThumbHash, base64
}

export interface Page {
  items: ImageItem[];
  total: number;
  nextCursor: string | null;
}

/** Tag names as typed: commas separate them (the API refuses a comma inside a name). */
export function splitTags(text: string): string[] {
  return text.split(",").map((name) => name.trim()).filter(Boolean);
}

export interface StorageUsage {
  plan: string;
  used_bytes: number;
  reserved_bytes: number;
  quota_bytes: number;
  unlimited: boolean;
  percentage: number;
  image_count: number;
  /** What lossless recompression of PNG originals has saved (plans that opt in). */
  recompression_saved_bytes: number;
}

export interface Folder {
  folder_id: string;
  name: string;
  color: string | null;
  image_count: number;
}

export interface Tag {
  tag_id: string;
  name: string;
  usage_count: number;
}

export interface UploadTicket {
  image_id: string;
  upload: { url: string; fields: Record<string, string> };
  expires_at: string;
}

export type BulkAction = "move" | "favorite" | "unfavorite" | "delete" | "restore" | "add_tags";
export type Role = "viewer" | "downloader" | "editor" | "owner";

export interface Workspace {
  workspace_id: string;
  name: string;
  role: Role;
  member_count: number;
}

export interface Member {
  user_id: string;
  email: string | null;
  role: Role;
}

/** An invitation an owner sent: the address joins with its role once its invitee accepts
 * (the answer is the same whether or not the address has an account). */
export interface Invitation {
  invitation_id: string;
  email: string;
  role: Role;
  invited_at: string;
}

/** An invitation addressed to me: accepting makes me a member with its role. */
export interface MyInvitation {
  invitation_id: string;
  workspace_id: string;
  workspace_name: string;
  role: Role;
  invited_by_email: string | null;
  invited_at: string;
}

export interface ShareRequest {
  image_id: string;
  permission: "view" | "download";
  expires_in_hours?: number | null;
  max_views?: number;
  password?: string;
  show_metadata: boolean;
}

export interface Share {
  share_id: string;
  share_token: string | null;
  share_url: string | null;
  permission: "view" | "download";
  expires_at: string | null;
  max_views: number | null;
  current_views: number;
  status: "active" | "expired" | "revoked" | "exhausted";
  password_protected: boolean;
  created_at: string;
}

export interface SharedImage {
  image_id: string;
  width: number | null;
  height: number | null;
  thumbnail_512_url: string | null;
  /** The 1536 px rendition, AVIF, and its WebP fallback. */
  preview_url?: string | null;
  preview_fallback_url?: string | null;
  view_url: string;
  download_url: string | null;
  metadata: { prompt: string; model: string | null } | null;
}

export interface SharedPage {
  kind: "image" | "folder";
  folder_name: string | null;
  images: SharedImage[];
  total: number;
  access_grant: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before asking again (429 and 503 answers say). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | string[] | null | undefined>;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export class Api {
  constructor(
    private readonly token: string | null,
    private readonly base = "",
  ) {}

  async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const answer = await fetch(`${this.base}${path}${queryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    const data = text ? JSON.parse(text) : null;
    if (!answer.ok) {
      const error = data?.error ?? { code: "http_" + answer.status, message: data?.message };
      const wait = Number(answer.headers?.get?.("Retry-After") ?? NaN);
      throw new ApiError(answer.status, error.code, error.message ?? answer.statusText,
                         Number.isFinite(wait) ? wait : undefined);
    }
    return data as T;
  }

  /** My images (or a search, when `q` is set), one page at a time by cursor. */
  async images(filters: Filters, cursor: string | null, pageSize = 60): Promise<Page> {
    if (filters.trash) {
      const data = await this.request<{ images: ImageItem[]; total: number; next_cursor: string | null }>(
        "GET", "/api/v1/files/trash", undefined, { page_size: Math.min(pageSize, 100), cursor },
      );
      return { items: data.images, total: data.total, nextCursor: data.next_cursor };
    }
    if (filters.workspace && !filters.q && !isAdvanced(filters)) {
      const data = await this.request<{ images: ImageItem[]; total: number; next_cursor: string | null }>(
        "GET", `/api/v1/workspaces/${filters.workspace}/images`, undefined,
        { tag: filters.tag, folder_id: filters.folder, is_favorite: filters.favorite || undefined,
          sort_order: filters.sort === "oldest" ? "asc" : "desc", page_size: Math.min(pageSize, 100),
          cursor },
      );
      return { items: data.images, total: data.total, nextCursor: data.next_cursor };
    }
    if (filters.q || isAdvanced(filters)) {
      const tags = [...(filters.tag ? [filters.tag] : []), ...(filters.allTags ?? [])];
      const data = await this.request<{ results: ImageItem[]; total: number; next_cursor: string | null }>(
        "GET", "/api/v1/search/images",
        undefined,
        { q: filters.q, workspace_id: filters.workspace, tags, exclude_tags: filters.excludeTags,
          model: filters.model, width: filters.width, height: filters.height,
          min_width: filters.minWidth, max_width: filters.maxWidth, min_height: filters.minHeight,
          max_height: filters.maxHeight,
          created_from: filters.from ? `${filters.from}T00:00:00Z` : undefined,
          created_to: filters.to ? `${filters.to}T23:59:59Z` : undefined,
          folder_id: filters.folder,
          is_favorite: filters.favorite || undefined, is_public: filters.isPublic || undefined,
          sort: filters.sort, page_size: pageSize,
          cursor },
      );
      return { items: data.results, total: data.total, nextCursor: data.next_cursor };
    }
    const data = await this.request<{ images: ImageItem[]; total: number; next_cursor: string | null }>(
      "GET", "/api/v1/files/images",
      undefined,
      { tag: filters.tag, folder_id: filters.folder, is_favorite: filters.favorite || undefined,
        is_public: filters.isPublic || undefined,
        sort_order: filters.sort === "oldest" ? "asc" : "desc", page_size: pageSize, cursor },
    );
    return { items: data.images, total: data.total, nextCursor: data.next_cursor };
  }

  setFavorite(imageId: string, favorite: boolean): Promise<ImageItem> {
    return this.request("PATCH", `/api/v1/files/images/${imageId}`, { is_favorite: favorite });
  }

  updateImage(imageId: string, change: Partial<Pick<ImageItem, "is_favorite" | "is_public" | "folder_id" | "tags">>): Promise<ImageItem> {
    return this.request("PATCH", `/api/v1/files/images/${imageId}`, change);
  }

  bulk(action: BulkAction, imageIds: string[], extra: Record<string, unknown> = {}): Promise<{ affected: number }> {
    return this.request("POST", "/api/v1/files/images/bulk", { action, image_ids: imageIds, ...extra });
  }

  workspaces(): Promise<Workspace[]> {
    return this.request("GET", "/api/v1/workspaces");
  }

  createWorkspace(name: string): Promise<Workspace> {
    return this.request("POST", "/api/v1/workspaces", { name });
  }

  members(workspaceId: string): Promise<Member[]> {
    return this.request("GET", `/api/v1/workspaces/${workspaceId}/members`);
  }

  invitations(workspaceId: string): Promise<Invitation[]> {
    return this.request("GET", `/api/v1/workspaces/${workspaceId}/invitations`);
  }

  invite(workspaceId: string, email: string, role: Role): Promise<Invitation> {
    return this.request("POST", `/api/v1/workspaces/${workspaceId}/invitations`, { email, role });
  }

  myInvitations(): Promise<MyInvitation[]> {
    return this.request("GET", "/api/v1/workspaces/invitations");
  }

  acceptInvitation(invitationId: string): Promise<Workspace> {
    return this.request("POST", `/api/v1/workspaces/invitations/${invitationId}/accept`);
  }

  declineInvitation(invitationId: string): Promise<unknown> {
    return this.request("POST", `/api/v1/workspaces/invitations/${invitationId}/decline`);
  }

  withdrawInvitation(workspaceId: string, email: string): Promise<unknown> {
    return this.request("DELETE", `/api/v1/workspaces/${workspaceId}/invitations/${encodeURIComponent(email)}`);
  }

  setRole(workspaceId: string, userId: string, role: Role): Promise<Member> {
    return this.request("PATCH", `/api/v1/workspaces/${workspaceId}/members/${userId}`, { role });
  }

  removeMember(workspaceId: string, userId: string): Promise<unknown> {
    return this.request("DELETE", `/api/v1/workspaces/${workspaceId}/members/${userId}`);
  }

  shareIntoWorkspace(workspaceId: string, imageIds: string[]): Promise<{ added: number }> {
    return this.request("POST", `/api/v1/workspaces/${workspaceId}/images`, { image_ids: imageIds });
  }

  emptyTrash(): Promise<{ purged: number }> {
    return this.request("DELETE", "/api/v1/files/trash");
  }

  /** In a workspace: my own star, and (editors) the image's tags. */
  updateWorkspaceImage(workspaceId: string, imageId: string,
                       change: { is_favorite?: boolean; tags?: string[] }): Promise<ImageItem> {
    return this.request("PATCH", `/api/v1/workspaces/${workspaceId}/images/${imageId}`, change);
  }

  deleteImage(imageId: string): Promise<unknown> {
    return this.request("DELETE", `/api/v1/files/images/${imageId}`);
  }

  updateFolder(folderId: string, change: { name?: string; color?: string; sort_order?: number }): Promise<Folder> {
    return this.request("PATCH", `/api/v1/files/folders/${folderId}`, change);
  }

  deleteFolder(folderId: string, moveImagesTo: string | null): Promise<unknown> {
    return this.request("DELETE", `/api/v1/files/folders/${folderId}`, undefined,
                        { move_images_to: moveImagesTo });
  }

  createFolder(name: string): Promise<Folder> {
    return this.request("POST", "/api/v1/files/folders", { name });
  }

  shares(imageId: string): Promise<{ shares: Share[] }> {
    return this.request("GET", "/api/v1/shares", undefined, { image_id: imageId });
  }

  createShare(request: ShareRequest): Promise<Share> {
    return this.request("POST", "/api/v1/shares", request);
  }

  revokeShare(shareId: string): Promise<Share> {
    return this.request("DELETE", `/api/v1/shares/${shareId}`);
  }

  storageUsage(): Promise<StorageUsage> {
    return this.request("GET", "/api/v1/files/storage-usage");
  }

  folders(): Promise<Folder[]> {
    return this.request("GET", "/api/v1/files/folders");
  }

  tags(query = "", limit = 30): Promise<Tag[]> {
    return this.request("GET", "/api/v1/files/tags", undefined, { query, limit });
  }

  createUpload(file: File, sha256?: string): Promise<UploadTicket | { duplicate_of: string }> {
    return this.request("POST", "/api/v1/uploads", {
      content_type: file.type, size_bytes: file.size, filename: file.name.slice(0, 255),
      ...(sha256 ? { sha256 } : {}),
    });
  }

  suggestTags(prefix: string): Promise<{ suggestions: string[] }> {
    return this.request("GET", "/api/v1/search/tags/suggest", undefined, { prefix });
  }

  uploadStatus(imageId: string): Promise<{ status: "pending" | "ready" | "rejected"; reason: string | null }> {
    return this.request("GET", `/api/v1/uploads/${imageId}`);
  }
}

export interface Filters {
  q: string;
  tag: string;
  folder: string;
  favorite: boolean;
  sort: "relevance" | "newest" | "oldest" | "";
  trash?: boolean;
  workspace?: string;
  isPublic?: boolean;
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
}

export function isAdvanced(filters: Filters): boolean {
  return Boolean(filters.model || filters.width || filters.height || filters.minWidth ||
    filters.maxWidth || filters.minHeight || filters.maxHeight || filters.from || filters.to ||
    filters.allTags?.length || filters.excludeTags?.length);
}

export const NO_FILTERS: Filters = {
  q: "", tag: "", folder: "", favorite: false, sort: "", trash: false, workspace: "",
};
