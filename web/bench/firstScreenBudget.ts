// The first screen's JavaScript has a budget (in vite.config.ts; issue 16 asked for 120 kB
// gzipped), kept by the build itself: `vite build` fails when it is passed, so `make test`
// (which builds) and CI do too.
import { gzipSync } from "node:zlib";

import type { Logger, Plugin } from "vite";

/** What a chunk of the build is, as far as the budget cares (a subset of Rollup's OutputChunk). */
export interface BuiltChunk {
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  facadeModuleId: string | null;
}

export interface FirstScreen {
  /** gzipped bytes per file the first screen loads */
  files: Record<string, number>;
  total: number;
}

const CATALOGUE = /\/src\/locales\/[^/]+\.json$/;

/** The chunks a browser runs before the dashboard's first screen shows: the entry chunk and
 * every chunk it imports statically (transitively). What is loaded lazily (the viewer,
 * dialogs, the share page, sign-in by OIDC, the message catalogues) is not among them. */
export function firstScreenChunks(chunks: BuiltChunk[]): Set<string> {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name) || !byName.has(name)) return;
    needed.add(name);
    byName.get(name)?.imports.forEach(visit);
  };
  chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
  return needed;
}

/** The JS for the first screen: firstScreenChunks and one message catalogue (main.tsx fetches
 * the UI language's before the first render; the largest is counted). Sizes are gzip's at its
 * default level, as Vite reports them. */
export function firstScreen(chunks: BuiltChunk[]): FirstScreen {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const needed = firstScreenChunks(chunks);
  const gzipped = (chunk: BuiltChunk) => gzipSync(chunk.code).length;
  const files: Record<string, number> = {};
  for (const name of needed) files[name] = gzipped(byName.get(name) as BuiltChunk);
  const catalogues = chunks.filter((chunk) => chunk.facadeModuleId && CATALOGUE.test(chunk.facadeModuleId));
  const largest = catalogues.map((chunk) => [chunk.fileName, gzipped(chunk)] as const)
    .sort((a, b) => b[1] - a[1])[0];
  if (largest && !needed.has(largest[0])) files[largest[0]] = largest[1];
  return { files, total: Object.values(files).reduce((sum, size) => sum + size, 0) };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** Reports the first screen's gzipped JS after each build and fails the build above `limitKb`. */
export function firstScreenBudget({ limitKb }: { limitKb: number }): Plugin {
  let logger: Logger | undefined;
  return {
    name: "first-screen-budget",
    apply: "build",
    configResolved(config) {
      logger = config.logger;
    },
    // after every other plugin has had its say: the files as they are written
    writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output) => output.type === "chunk");
      const { files, total } = firstScreen(chunks);
      const parts = Object.entries(files).map(([name, size]) => `${name} ${kB(size)}`).join(", ");
      const summary = `first screen JS: ${kB(total)} gzipped of ${limitKb} kB (${parts})`;
      if (total > limitKb * 1000) {
        this.error(`${summary}: over budget. Load what the first screen does not show lazily ` +
                   "(lazyComponent in src/lazy.tsx), see bench/README.md");
      }
      logger?.info(summary);
    },
  };
}
