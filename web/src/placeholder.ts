// The stand-in a tile shows until its thumbnail arrives: the ThumbHash ingest made (~25
// bytes). Its average colour is a few multiplications, painted with the tile; the blurred
// picture is a decode and a PNG encode (~1 ms each, so ~60 ms for a first page on a desktop
// and four times that on a phone), done when the page is idle, and not at all for a
// thumbnail that has arrived by then (from the cache, on a repeat visit). The decoder that
// draws it (thumbhash) is fetched then too: the first screen's JavaScript has a budget.
import { useEffect, useState } from "react";

function decoded(hash: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
  } catch {
    return undefined; // not base64: no placeholder, the tile's own background stays
  }
}

/** The hash's average colour as CSS, or undefined: its header's lightness and colour
 * difference (L, P, Q), as thumbhash's thumbHashToAverageRGBA reads them. */
export function placeholderColor(hash: string | null | undefined): string | undefined {
  const bytes = hash ? decoded(hash) : undefined;
  if (!bytes || bytes.length < 5) return undefined;
  const header = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
  const l = (header & 63) / 63;
  const p = ((header >> 6) & 63) / 31.5 - 1;
  const q = ((header >> 12) & 63) / 31.5 - 1;
  const b = l - (2 / 3) * p;
  const r = (3 * l - b + q) / 2;
  const byte = (value: number) => Math.round(Math.max(0, Math.min(1, value)) * 255);
  return `rgb(${byte(r)} ${byte(r - q)} ${byte(b)})`;
}

async function blurred(hash: string): Promise<string | undefined> {
  const bytes = decoded(hash);
  try {
    const { thumbHashToDataURL } = await import("thumbhash");
    return bytes && `url(${thumbHashToDataURL(bytes)})`;
  } catch {
    return undefined; // not a ThumbHash, or the decoder did not come: the colour stays
  }
}

// Safari has no requestIdleCallback: a timer after the frames that show the first screen
const whenIdle: (work: () => void) => () => void = typeof requestIdleCallback === "function"
  ? (work) => { const id = requestIdleCallback(work, { timeout: 1000 }); return () => cancelIdleCallback(id); }
  : (work) => { const id = setTimeout(work, 200); return () => clearTimeout(id); };

/** The blurred picture as a CSS background image, once the page was idle while `wanted`. */
export function useBlurredPlaceholder(hash: string | null | undefined, wanted: boolean): string | undefined {
  const [image, setImage] = useState<{ hash: string; css: string | undefined }>();
  const current = image && image.hash === hash ? image.css : undefined;
  const done = image?.hash === hash;
  useEffect(() => {
    if (!hash || !wanted || done) return;
    let live = true;
    const cancel = whenIdle(() => void blurred(hash).then((css) => live && setImage({ hash, css })));
    return () => {
      live = false;
      cancel();
    };
  }, [hash, wanted, done]);
  return current;
}
