// The first page of a signed-in visit's listing, asked for by index.html before the app's own
// code has come (plugins/earlyRequests.ts), with its first thumbnails: the grid's data and
// its first pictures no longer wait for the app. The API client takes that answer in place
// of its own request only when the request is exactly this one, with the same token, and the
// answer is fresh; otherwise it asks as always.

/** What `Api.images` asks first on "/" (the newest first, one page): a test holds them equal. */
export const FIRST_LISTING_PATH = "/api/v1/files/images?sort_order=desc&page_size=60";

/** How many of the first page's thumbnails index.html fetches with it: a phone's first row. */
export const FIRST_THUMBNAILS = 4;

/** No staler than what the query cache would still show (its staleTime is 30 s). */
const FRESH_MS = 20_000;

export interface FirstListing {
  url: string;
  authorization: string;
  sentAt: number; // performance.now() when sent
  answer: Promise<Response>;
}

declare global {
  interface Window {
    firstListing?: Promise<FirstListing | null>;
    /** the thumbnails' addresses index.html fetched with the first page */
    firstThumbnails?: Set<string>;
  }
}

/** The thumbnail of `image` that index.html fetched already, if it did: the grid shows it
 * as it is (a srcset might choose the other size, and fetch it again). */
export function earlyThumbnail(image: { thumbnail_256_url?: string | null; thumbnail_512_url?: string | null }) {
  const fetched = window.firstThumbnails;
  return fetched && [image.thumbnail_512_url, image.thumbnail_256_url].find((url) => url && fetched.has(url)) || undefined;
}

/** The early answer to `request`, once, if it is the same request; else undefined. */
export async function takeFirstListing(request: Request): Promise<Response | undefined> {
  const early = window.firstListing;
  if (!early || request.method !== "GET") return undefined;
  const listing = await early;
  if (!listing || listing.url !== request.url ||
      listing.authorization !== request.headers.get("Authorization")) return undefined;
  delete window.firstListing; // an answer's body is read once
  return performance.now() - listing.sentAt <= FRESH_MS ? listing.answer : undefined;
}
