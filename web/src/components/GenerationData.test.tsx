import { render, screen } from "@testing-library/react";

import { I18nProvider } from "../i18n";
import { GenerationData } from "./GenerationData";

const data = {
  prompt: "여우, 수채화", negative_prompt: "blurry", model: "sdxl", seed: 4242,
  params: { "CFG scale": "7", cfg: 5, sampler_name: "euler", "Hires upscale": "2", "Lora hashes": "a: 1" },
};

test("settings are labelled in the UI language, whatever the generator called them", () => {
  const { unmount } = render(<I18nProvider initial="en"><GenerationData data={data} /></I18nProvider>);
  expect(screen.getAllByText("CFG scale")).toHaveLength(2); // A1111's and ComfyUI's spelling
  expect(screen.getByText("Sampler").nextSibling).toHaveTextContent("euler");
  expect(screen.getByText("Hires upscale")).toBeInTheDocument();
  expect(screen.getByText("Lora hashes")).toBeInTheDocument(); // unknown: as written
  expect(screen.getByText("Negative prompt").nextSibling).toHaveTextContent("blurry");
  expect(screen.getByText("Seed").nextSibling).toHaveTextContent("4242");
  unmount();
  render(<I18nProvider initial="ko"><GenerationData data={data} /></I18nProvider>);
  expect(screen.getAllByText("CFG 스케일")).toHaveLength(2);
  expect(screen.getByText("샘플러")).toBeInTheDocument();
});
