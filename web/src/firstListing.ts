// The first page of a signed-in visit's listing, asked for by index.html as soon as
// config.json says where the API is (plugins/earlyRequests.ts), while the app's own code
// downloads and starts: the grid's data no longer waits for the app. The API client takes
// that answer in place of its own request only when the request is exactly this one, with
// the same token, and the answer is fresh; otherwise it asks as always.

/** What `Api.images` asks first on "/" (the newest first, one page): a test holds them equal. */
export const FIRST_LISTING_PATH = "/api/v1/files/images?sort_order=desc&page_size=60";

/** No staler than what the query cache would still show (its staleTime is 30 s). */
const FRESH_MS = 20_000;

export interface FirstListing {
  url: string;
  authorization: string;
  sentAt: number; // performance.now() when sent
  answer: Promise<Response>;
}

declare global {
  interface Window { firstListing?: Promise<FirstListing | null> }
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
