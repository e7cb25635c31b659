// Icons drawn by CSS (a mask over `currentColor`) where one is repeated on every tile of the
// grid: an inline lucide <svg> is two more elements per tile, and the grid keeps its DOM
// small while scrolling thousands of images (bench/README.md). Everywhere else icons are
// lucide-react components; these are the same icon set's SVG files.
import star from "lucide-static/icons/star.svg?raw";

// the icon's own drawing, without the file's comment and class: what a mask needs, once
const drawing = star.slice(star.indexOf("<svg"))
  .replace(/\s+class="[^"]*"|\s+(width|height)="24"/g, "")
  .replace(/\s+/g, " ");
const asMask = (svg: string) => `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;

/** CSS custom properties for the element whose descendants draw the icons (styles.css). */
export const iconMasks = {
  "--icon-star": asMask(drawing),
  "--icon-star-filled": asMask(drawing.replace('fill="none"', 'fill="#000"')),
} as React.CSSProperties;
