import { render, screen } from "@testing-library/react";

import { I18nProvider } from "../i18n";
import { image } from "../test/fakeApi";
import { ImageCard } from "./ImageCard";

function tile(item: ReturnType<typeof image>, size: number) {
  render(
    <I18nProvider initial="en">
      <ImageCard image={item} size={size} index={0} selected={false}
                 onOpen={() => undefined} onToggleFavorite={() => undefined} onToggleSelect={() => undefined} />
    </I18nProvider>,
  );
  return screen.getByRole("img");
}

test("a tile offers both thumbnails by width, so a HiDPI screen takes the 512", () => {
  const img = tile(image(1, { width: 768, height: 512 }), 200); // landscape: the frame is the cell's width
  expect(img).toHaveAttribute("srcset", "https://cdn/1_256.webp 256w, https://cdn/1_512.webp 512w");
  expect(img).toHaveAttribute("sizes", "200px");
  expect(img).toHaveAttribute("src", "https://cdn/1_256.webp"); // for a browser without srcset
});

test("a portrait tile names its thumbnails' narrower widths and its frame's width", () => {
  const img = tile(image(2, { width: 512, height: 768 }), 240);
  expect(img).toHaveAttribute("srcset", "https://cdn/2_256.webp 171w, https://cdn/2_512.webp 341w");
  expect(img).toHaveAttribute("sizes", "160px");
});

test("an original smaller than both thumbnails is offered once", () => {
  const img = tile(image(3, { width: 200, height: 100 }), 200);
  expect(img).toHaveAttribute("srcset", "https://cdn/3_256.webp 200w");
});
