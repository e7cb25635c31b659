import { useMemo, useState } from "react";
import { thumbHashToDataURL } from "thumbhash";

import type { ImageItem } from "../api";
import { useI18n } from "../i18n";
import { daysUntilPurge } from "../trash";

interface Props {
  image: ImageItem;
  size: number;
  layout?: "grid" | "list";
  index: number;
  selected: boolean;
  onOpen: () => void;
  onToggleFavorite: () => void;
  /** without it, no checkbox: nothing here acts on a selection */
  onToggleSelect?: () => void;
}

/** The thumbnails as `srcset` candidates by their real width: ingest keys them by the long side
 * and never enlarges, so a landscape 512 is 512 wide and a portrait one narrower. */
function thumbnailCandidates(image: ImageItem): string | undefined {
  const longSide = Math.max(image.width ?? 0, image.height ?? 0);
  const byWidth = new Map<number, string>(); // a small original: both sizes may be one width
  for (const [side, url] of [[256, image.thumbnail_256_url], [512, image.thumbnail_512_url]] as const) {
    if (!url) continue;
    const width = image.width && longSide ? Math.round(image.width * Math.min(1, side / longSide)) : side;
    if (!byWidth.has(width)) byWidth.set(width, url);
  }
  return byWidth.size ? [...byWidth].map(([width, url]) => `${url} ${width}w`).join(", ") : undefined;
}

/** One grid cell: the thumbnail in a box of the image's own aspect ratio (so the grid does
 * not jump as thumbnails arrive), the prompt as its alt text, a favourite toggle. */
export function ImageCard({
  image, size, layout = "grid", index, selected, onOpen, onToggleFavorite, onToggleSelect,
}: Props) {
  const { t, formatDate } = useI18n();
  const [loaded, setLoaded] = useState(false);
  // the blurred stand-in ingest made (~25 bytes), painted before the thumbnail arrives
  const blur = useMemo(() => {
    if (!image.placeholder) return undefined;
    try {
      const bytes = Uint8Array.from(atob(image.placeholder), (c) => c.charCodeAt(0));
      return `url(${thumbHashToDataURL(bytes)})`;
    } catch {
      return undefined;
    }
  }, [image.placeholder]);
  const ratio = image.width && image.height ? image.width / image.height : 1;
  const thumbnail = size > 256 ? image.thumbnail_512_url : image.thumbnail_256_url;
  // the browser picks by the frame's width times its pixel ratio: a HiDPI screen gets the 512
  const srcSet = thumbnailCandidates(image);
  const shownWidth = Math.round(ratio >= 1 ? size : size * ratio);
  return (
    <div className={`card ${layout}${selected ? " selected" : ""}`} role="listitem" data-index={index}>
      {onToggleSelect && (
        <input type="checkbox" className="select" checked={selected} onChange={onToggleSelect}
               aria-label={t("selectImage", { name: image.prompt || image.image_id })} />
      )}
      <button type="button" className="card-image" onClick={onOpen}
              aria-label={image.prompt || image.image_id}>
        <span className="frame" data-testid="frame"
              style={{ aspectRatio: String(ratio), ...(ratio >= 1 ? { width: "100%" } : { height: "100%" }) }}>
          {!loaded && (
            <span className="placeholder" data-testid="placeholder"
                  style={blur ? { backgroundImage: blur, backgroundSize: "cover" } : undefined} />
          )}
          {thumbnail && (
            <img src={thumbnail} srcSet={srcSet} sizes={srcSet && `${shownWidth}px`}
                 alt={image.prompt} loading="lazy" decoding="async"
                 onLoad={() => setLoaded(true)} style={{ opacity: loaded ? 1 : 0 }} />
          )}
        </span>
      </button>
      {layout === "list" && (
        <div className="details">
          <span className="prompt">{image.prompt}</span>
          <small>{[image.model, image.width && image.height ? `${image.width} × ${image.height}` : null,
                   formatDate(image.created_at)].filter(Boolean).join(" · ")}</small>
        </div>
      )}
      {image.purge_after && (
        // in the trash: how long is left to restore it
        <small className="purge-in">{t("purgeIn", { days: daysUntilPurge(image.purge_after) })}</small>
      )}
      {image.highlights && image.highlights.length > 0 && (
        // the API escapes the text and adds only <em>…</em>
        <p className="highlight" dangerouslySetInnerHTML={{ __html: image.highlights[0] }} />
      )}
      <button type="button" className={`favorite${image.is_favorite ? " on" : ""}`}
              aria-pressed={image.is_favorite}
              aria-label={image.is_favorite ? t("unfavourite") : t("favourite")}
              onClick={onToggleFavorite}>
        {image.is_favorite ? "★" : "☆"}
      </button>
    </div>
  );
}
