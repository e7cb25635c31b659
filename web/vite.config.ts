/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

import { firstScreenBudget } from "./bench/firstScreenBudget";
import { catalogues } from "./plugins/catalogues";

// What main.tsx waits for before the first render, asked for while the app's own chunk
// downloads instead of after it ran (a round trip less: 560 ms on Slow 4G): the UI
// language's catalogue (only the browser knows the language: the same rule as
// browserLanguage() in i18n.tsx) and config.json (read by loadConfig in config.ts). First in
// <head>: an inline script after a stylesheet waits for it.
function earlyRequests(): Plugin {
  return {
    name: "early-requests",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        const files: Record<string, string> = {};
        for (const output of Object.values(bundle ?? {})) {
          const language = output.type === "chunk" && /\/src\/locales\/([a-z]+)\.json$/.exec(output.facadeModuleId ?? "")?.[1];
          if (language) files[language] = `/${output.fileName}`;
        }
        const script = `window.configRequest=fetch("/config.json",{cache:"no-store"});` +
          `{const s=sessionStorage.getItem("pingvas.language"),f=${JSON.stringify(files)},` +
          `l=s in f?s:navigator.language.toLowerCase().startsWith("ko")?"ko":"en",` +
          `k=document.createElement("link");k.rel="modulepreload";k.href=f[l];document.head.append(k)}`;
        return [{ tag: "script", children: script, injectTo: "head-prepend" }];
      },
    },
  };
}

// `npm run dev` serves the app on :5173 and sends /api to the local gateway (make dev);
// `npm run build` writes dist/, which the local gateway serves at http://127.0.0.1:8000/.
export default defineConfig(({ command }) => ({
  plugins: [react(), catalogues(), earlyRequests(), firstScreenBudget({ limitKb: 123 }) /* target 120 kB: see bench/README.md */],
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
  },
}));
