// The stand-in a tile shows until its thumbnail arrives: the ThumbHash ingest made (~25
// bytes). Its average colour is a few multiplications, painted with the tile; the blurred
// picture is a decode and a PNG encode (~1 ms each, so ~60 ms for a first page on a desktop
// and four times that on a phone), done when the page is idle, and not at all for a
// thumbnail that has arrived by then (from the cache, on a repeat visit).
import { useEffect, useState } from "react";
import { thumbHashToAverageRGBA, thumbHashToDataURL } from "thumbhash";

function decoded(hash: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
  } catch {
    return undefined; // not base64: no placeholder, the tile's own background stays
  }
}

/** The hash's average colour as CSS, or undefined. */
export function placeholderColor(hash: string | null | undefined): string | undefined {
  const bytes = hash ? decoded(hash) : undefined;
  if (!bytes || bytes.length < 5) return undefined;
  const { r, g, b } = thumbHashToAverageRGBA(bytes);
  return `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
}

function blurred(hash: string): string | undefined {
  const bytes = decoded(hash);
  try {
    return bytes && `url(${thumbHashToDataURL(bytes)})`;
  } catch {
    return undefined;
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
    return whenIdle(() => setImage({ hash, css: blurred(hash) }));
  }, [hash, wanted, done]);
  return current;
}
