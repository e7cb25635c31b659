// Server state, through TanStack Query: one cache per signed-in session (nothing of one
// user's answers survives into another's), one key per resource, and one way to say that
// the library changed (an upload landed, images moved or went to the trash).
import { type InfiniteData, infiniteQueryOptions, QueryClient, queryOptions, useQueryClient } from "@tanstack/react-query";

import { type Api, ApiError, type Filters, type ImageItem, type Page } from "./api";

export const keys = {
  /** Every image listing (and search) starts with this: invalidating it reloads them all. */
  images: ["images"] as const,
  imageList: (filters: Filters) => ["images", filters] as const,
  /** Under "images": a change to the library recounts them too. */
  facets: (filters: Filters) => ["images", "facets", filters] as const,
  folders: ["folders"] as const,
  workspaces: ["workspaces"] as const,
  /** A workspace's members and (for its owners) the invitations that wait for an answer. */
  workspace: (workspaceId: string) => ["workspace", workspaceId] as const,
  members: (workspaceId: string) => ["workspace", workspaceId, "members"] as const,
  sentInvitations: (workspaceId: string) => ["workspace", workspaceId, "invitations"] as const,
  /** The invitations addressed to me. */
  myInvitations: ["my-invitations"] as const,
  tags: ["tags"] as const,
  /** Under "tags": a change to the library suggests afresh. */
  tagSuggestions: (word: string) => ["tags", "suggest", word] as const,
  tagsStartingWith: (prefix: string) => ["tags", "prefix", prefix] as const,
  storageUsage: ["storage-usage"] as const,
  shares: ["shares"] as const,
};

/** A listing's pages, by the keyset cursor: the gallery shows them and the viewer walks them
 * (one query, one cache: neither fetches a page the other has). */
export function imageListQuery(api: Api, filters: Filters) {
  return infiniteQueryOptions({
    queryKey: keys.imageList(filters),
    queryFn: ({ pageParam }) => api.images(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page) => last.nextCursor,
    // a search just after my change may miss it: asked again each second while the index
    // catches up (a minute at most: a change the indexer cannot take stays missing)
    refetchInterval: ({ state }) =>
      state.data?.pages.some((p) => p.catchingUp) && state.dataUpdateCount < 60 ? 1_000 : false,
  });
}

/** The invitations addressed to me: the sidebar asks whether there are any, the list (a
 * chunk of its own) shows them, one request for both. */
export function myInvitationsQuery(api: Api) {
  return queryOptions({ queryKey: keys.myInvitations, queryFn: () => api.myInvitations() });
}

/** The image changed in every cached listing (a search, a folder, the favourites...). */
export function patchImage(client: QueryClient, imageId: string, change: Partial<ImageItem>) {
  client.setQueriesData<InfiniteData<Page>>({ queryKey: keys.images }, (data) =>
    data?.pages && {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((i) => (i.image_id === imageId ? { ...i, ...change } : i)),
      })),
    });
}

/** A 4xx is the answer, not a glitch: asking again changes nothing (a 429 says when to ask). */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failures < 2;
}

export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // the dashboard's own actions invalidate what they change: no refetch on every focus
      queries: { retry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** After a change to the library: every listing, the folders' and tags' counts, the
 * storage meter, the workspaces and the invitations addressed to me are asked again. */
export function useLibraryChanged(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    await Promise.all(
      [keys.images, keys.folders, keys.tags, keys.storageUsage, keys.workspaces, keys.myInvitations].map((queryKey) =>
        client.invalidateQueries({ queryKey })),
    );
  };
}
