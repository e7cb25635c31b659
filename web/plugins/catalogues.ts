// The message catalogues (src/locales/*.json) as the build ships them.
// - Compiled to ICU syntax trees, as FormatJS advises: react-intl then formats without
//   parsing, and the parser (about 9 KB gzipped) is left out of the bundle.
// - Split in two: what the first screen's code names stays in the language's chunk, which
//   main.tsx loads before the first render; the rest is a JSON file beside it, fetched with
//   the first lazy screen (i18n.tsx: loadAllMessages). Its address is the catalogue's
//   MORE_MESSAGES entry.
// The dev server and the tests keep the messages as written, whole, parsed at run time.
import { createHash } from "node:crypto";

import { parse } from "@formatjs/icu-messageformat-parser";
import type { Plugin, Rollup } from "vite";


/** The catalogue's entry that names the file with the rest of its messages (i18n.tsx). */
export const MORE_MESSAGES = "@more";

const CATALOGUE = /\/src\/locales\/([a-z]+)\.json$/;

/** Whether built code names a message: its key as a string, or the key's prefix before a
 * dynamic part (`error.${code}`, `role_${role}`). Generous by design: a message kept that
 * is not needed costs bytes; one left out would show its key until the rest arrives. */
export function namesMessage(code: string, key: string): boolean {
  if ([`"${key}"`, `'${key}'`, `\`${key}\``].some((literal) => code.includes(literal))) return true;
  const prefix = /^[A-Za-z]+[._]/.exec(key)?.[0];
  return prefix !== undefined && code.includes(`\`${prefix}\${`);
}

/** The app's own code that runs before the first screen shows: the entry modules and what they
 * import statically, transitively (the first screen's chunks: bench/firstScreenBudget.ts), as
 * transformed, before tree shaking. */
function firstScreenSource(context: Rollup.PluginContext): string {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    context.getModuleInfo(id)?.importedIds.forEach(visit);
  };
  for (const id of context.getModuleIds()) if (context.getModuleInfo(id)?.isEntry) visit(id);
  return [...seen].filter((id) => id.includes("/src/") && !id.includes("/node_modules/"))
    .map((id) => context.getModuleInfo(id)?.code ?? "").join("\n");
}

export function splitMessages<T>(messages: Record<string, T>, code: string) {
  const first: Record<string, T> = {};
  const rest: Record<string, T> = {};
  for (const [key, message] of Object.entries(messages)) {
    (namesMessage(code, key) ? first : rest)[key] = message;
  }
  return { first, rest };
}

export function catalogues(): Plugin {
  const compiled = new Map<string, Record<string, unknown>>();
  let firstScreen: string | undefined;
  return {
    name: "catalogues",
    apply: "build",
    buildStart() {
      firstScreen = undefined;
    },
    enforce: "pre", // before Vite turns the JSON into a module
    transform(code, id) {
      const language = CATALOGUE.exec(id)?.[1];
      if (!language) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const trees = Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, parse(text)]));
      compiled.set(language, trees);
      return { code: JSON.stringify(trees), map: null };
    },
    // before the chunks' names are hashed: a changed split gives the catalogue a new name
    renderChunk(_code, chunk) {
      const trees = compiled.get(CATALOGUE.exec(chunk.facadeModuleId ?? "")?.[1] ?? "");
      if (!trees) return null;
      firstScreen ??= firstScreenSource(this);
      const { first, rest } = splitMessages(trees, firstScreen);
      const source = JSON.stringify(rest);
      const hash = createHash("sha256").update(source).digest("base64url").slice(0, 8);
      const fileName = `assets/${chunk.name}.more-${hash}.json`;
      this.emitFile({ type: "asset", fileName, source });
      const messages = JSON.stringify({ ...first, [MORE_MESSAGES]: `/${fileName}` });
      // the chunk as Vite writes a JSON module, with fewer messages
      return { code: `const e=JSON.parse(${JSON.stringify(messages)});export{e as default};\n`, map: null };
    },
  };
}
