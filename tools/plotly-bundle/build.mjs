// Builds the one plotly.js bundle the book serves: plotly.js's core (which draws scatter traces)
// and the other trace modules named on the command line, minified, from the packages that
// package-lock.json pins. Run by scripts/build_plotly.py, which chooses the traces and checks the result:
//
//     node build.mjs OUTFILE TRACE...
//
// The same inputs give the same bytes: esbuild is deterministic, and nothing here reads the clock,
// the folder it runs in or the environment.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const [outfile, ...traces] = process.argv.slice(2);
if (!outfile || traces.includes("scatter")) {
  console.error("usage: node build.mjs OUTFILE TRACE...  (scatter is in plotly.js's core: leave it out)");
  process.exit(2);
}
const plotly = require("plotly.js/package.json");

// plotly.js describes every attribute in prose (for its schema and reference pages) and strips
// those descriptions from its own distributed bundles; so does this build, or the bundle would be
// about a tenth heavier. Only a `description:` property whose value is plain text (string literals,
// joined by + or by [...].join("...")) followed by `,` or `}` is removed; anything else stays.
const STRING = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"`;
const SPACE = String.raw`\s*`;
const TEXT = `(?:${STRING})(?:${SPACE}\\+${SPACE}(?:${STRING}))*`;
const JOINED = String.raw`\[${SPACE}(?:(?:${STRING})${SPACE},${SPACE})*(?:${STRING})?${SPACE},?${SPACE}\]${SPACE}\.join\(${SPACE}(?:${STRING})${SPACE}\)`;
const DESCRIPTION = new RegExp(`(?<=[{,]${SPACE})description${SPACE}:${SPACE}(?:${TEXT}|${JOINED})${SPACE}(?:,|(?=\\}))`, "g");

const withoutDescriptions = {
  name: "plotly-without-descriptions",
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]node_modules[\\/]plotly\.js[\\/]src[\\/].*\.js$/ }, async ({ path }) => ({
      contents: (await readFile(path, "utf8")).replace(DESCRIPTION, ""),
      loader: "js",
    }));
  },
};

const entry = [
  'var Plotly = require("plotly.js/lib/core");',
  `Plotly.register([${traces.map((name) => `require("plotly.js/lib/${name}")`).join(", ")}]);`,
  "module.exports = Plotly;",
].join("\n");

const result = await build({
  stdin: { contents: entry, resolveDir: import.meta.dirname, sourcefile: "plotly-course.js", loader: "js" },
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2016",
  // As plotly.js's own build: browser globals, and no AMD loader (require.js on a page) catching a module.
  define: { global: "window", "define.amd": "false" },
  // The only stylesheet reachable is maplibre's, for map traces, which this bundle does not register.
  loader: { ".css": "empty" },
  plugins: [withoutDescriptions],
  legalComments: "eof",
  banner: {
    js: `/*! plotly.js ${plotly.version} (${plotly.license}, Copyright Plotly, Inc.): its core with the traces scatter, ${traces.join(", ")}; built for the course */`,
  },
  write: false,
  logLevel: "warning",
});
await writeFile(outfile, result.outputFiles[0].contents);
