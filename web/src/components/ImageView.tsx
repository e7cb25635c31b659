import { useEffect, useRef, useState } from "react";

import type { ImageItem } from "../api";
import { useI18n } from "../i18n";

/** The large view: the image, its prompt and generation settings, copy and download. */
export function ImageView({ image, onClose }: { image: ImageItem; onClose: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const copy = async () => {
    await navigator.clipboard?.writeText(image.prompt);
    setCopied(true);
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={image.prompt} onClick={onClose}>
      <div className="viewer" onClick={(event) => event.stopPropagation()}>
        <img src={image.image_url ?? image.thumbnail_512_url ?? ""} alt={image.prompt} />
        <dl>
          <dt>{t("prompt")}</dt>
          <dd>{image.prompt}</dd>
          {image.negative_prompt && (<><dt>{t("negativePrompt")}</dt><dd>{image.negative_prompt}</dd></>)}
          {image.model && (<><dt>{t("model")}</dt><dd>{image.model}</dd></>)}
          {image.width && image.height && (<><dt>{t("size")}</dt><dd>{image.width} × {image.height}</dd></>)}
          {image.seed !== null && (<><dt>{t("seed")}</dt><dd>{image.seed}</dd></>)}
        </dl>
        {image.tags.length > 0 && (
          <ul className="tags">{image.tags.map((tag) => <li key={tag}>#{tag}</li>)}</ul>
        )}
        <div className="actions">
          <button type="button" onClick={copy}>{copied ? t("copied") : t("copyPrompt")}</button>
          {image.image_url && <a href={image.image_url} download>{t("download")}</a>}
          <button type="button" ref={closeButton} onClick={onClose}>{t("close")}</button>
        </div>
      </div>
    </div>
  );
}
