/// <reference types="vitest/config" />
import { preact } from "@preact/preset-vite";
import { defineConfig } from "vite";

import { firstScreenBudget } from "./bench/firstScreenBudget";
import { catalogues } from "./plugins/catalogues";
import { earlyRequests } from "./plugins/earlyRequests";

// `npm run dev` serves the app on :5173 and sends /api to the local gateway (make dev);
// `npm run build` writes dist/, which the local gateway serves at http://127.0.0.1:8000/.
// Preact renders it: the preset aliases react and react-dom to preact/compat (and refreshes
// components in place under `npm run dev`).
export default defineConfig(({ command }) => ({
  plugins: [preact(), catalogues(), earlyRequests(), firstScreenBudget({ limitKb: 65 }) /* issue 16: see bench/README.md */],
  resolve: {
    alias: command === "build"
      ? [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: "@formatjs/icu-messageformat-parser/no-parser.js" }]
      : [],
  },
  // each catalogue is one JSON.parse, not a module of named exports (a dynamic import keeps them all)
  json: { stringify: true, namedExports: false },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  // no source maps: dist/ is what CloudFront (and the local gateway) serve to anyone
  build: { outDir: "dist", sourcemap: process.env.SOURCEMAP === "1" },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}", "bench/**/*.test.ts", "plugins/**/*.test.ts"],
    // lazy chunks (the viewer, dialogs) are transformed on their first import, inside a test:
    // room for that on a busy machine (findBy… waits up to 5 s: src/test/setup.ts)
    testTimeout: 15_000,
    // What Node loads itself (lucide-react, TanStack Query…) finds Preact as "react" too:
    // react and react-dom are @preact/compat in package.json (npm aliases). It has no
    // react-dom/test-utils, which @testing-library/react takes act() from: the preset's alias
    // makes that preact/test-utils, for the library's ES module, inlined so that it meets it
    alias: [{ find: /^@testing-library\/react$/, replacement: "@testing-library/react/dist/@testing-library/react.esm.js" }],
    server: { deps: { inline: [/\/@testing-library\/react\//] } },
  },
}));
