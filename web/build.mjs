// Builds the map page of `sitrep serve` into src/sitrep/web/static/.
//
// - app.js / app.css: web/src/main.js and main.css bundled with esbuild (Leaflet and
//   leaflet.markercluster inlined: no CDN at run time), minified, licence headers kept.
// - countries.geojson: Natural Earth 1:110m country outlines (public domain), from the
//   world-atlas TopoJSON, converted with topojson-client and rounded to 0.01 degree.
// - index.html: copied from web/src.
// - bundle.json: the versions bundled and a SHA-256 of every web/src file, so a Python
//   test can tell when the committed build is out of date with its sources.
// - THIRD-PARTY-LICENSES.txt: the licences of what is bundled.
// - docs/: Swagger UI (swagger-ui-dist, Apache-2.0) for the API's /docs page: only the
//   bundle, its stylesheet and a favicon (source-map references dropped), so /docs loads
//   nothing from elsewhere.
//
// Usage: npm ci && npm run build   (from web/)
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "src");
const out = join(here, "..", "src", "sitrep", "web", "static");
const modules = join(here, "node_modules");

const bundled = ["leaflet", "leaflet.markercluster", "world-atlas"];
const versionOf = (name) =>
  JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
const versions = Object.fromEntries(
  [...bundled, "swagger-ui-dist", "esbuild", "topojson-client"].map((name) => [
    name,
    versionOf(name),
  ]),
);

const banner =
  `/*! sitrep map page. Bundles Leaflet ${versions.leaflet} (BSD-2-Clause), ` +
  `Leaflet.markercluster ${versions["leaflet.markercluster"]} (MIT); ` +
  `outlines from Natural Earth (public domain) via world-atlas ${versions["world-atlas"]} (ISC). ` +
  `See THIRD-PARTY-LICENSES.txt. */`;

mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: { app: join(src, "main.js") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  legalComments: "eof",
  banner: { js: banner },
  logLevel: "warning",
});
await esbuild.build({
  entryPoints: { app: join(src, "main.css") },
  bundle: true,
  minify: true,
  outdir: out,
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  banner: { css: banner },
  logLevel: "warning",
});

// Country outlines: 0.01 degree (about 1 km) is finer than the 1:110m source itself.
const round = (value) => Math.round(value * 100) / 100;
const roundCoordinates = (coords) =>
  typeof coords[0] === "number" ? [round(coords[0]), round(coords[1])] : coords.map(roundCoordinates);
const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-110m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);
const outlines = {
  type: "FeatureCollection",
  source: `Natural Earth 1:110m countries (public domain), world-atlas ${versions["world-atlas"]}`,
  features: countries.features.map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: roundCoordinates(f.geometry.coordinates) },
  })),
};
writeFileSync(join(out, "countries.geojson"), JSON.stringify(outlines));

writeFileSync(join(out, "index.html"), readFileSync(join(src, "index.html")));

// Swagger UI for /docs: the three files get_swagger_ui_html needs, nothing else.
const swagger = join(modules, "swagger-ui-dist");
const docs = join(out, "docs");
mkdirSync(docs, { recursive: true });
const withoutSourceMap = (file) =>
  readFileSync(join(swagger, file), "utf8").replace(/\n?\/[*/]# sourceMappingURL=\S+?(\*\/)?\s*$/, "\n");
writeFileSync(join(docs, "swagger-ui-bundle.js"), withoutSourceMap("swagger-ui-bundle.js"));
writeFileSync(join(docs, "swagger-ui.css"), withoutSourceMap("swagger-ui.css"));
copyFileSync(join(swagger, "favicon-32x32.png"), join(docs, "favicon-32x32.png"));

const sources = Object.fromEntries(
  readdirSync(src)
    .sort()
    .map((name) => [name, createHash("sha256").update(readFileSync(join(src, name))).digest("hex")]),
);
writeFileSync(
  join(out, "bundle.json"),
  JSON.stringify({ versions, sources, build: "build.mjs" }, null, 2) + "\n",
);

const licence = (name, file) =>
  `==== ${name} ${versions[name]} ====\n` + readFileSync(join(modules, name, file), "utf8").trim();
writeFileSync(
  join(out, "THIRD-PARTY-LICENSES.txt"),
  [
    licence("leaflet", "LICENSE"),
    licence("leaflet.markercluster", "MIT-LICENCE.txt"),
    licence("world-atlas", "LICENSE") +
      "\n\nThe outlines are Natural Earth data (naturalearthdata.com), in the public domain.",
    licence("swagger-ui-dist", "NOTICE") +
      "\n\n" +
      readFileSync(join(swagger, "LICENSE"), "utf8").trim() +
      "\n\nSwagger UI bundles the following (from swagger-ui-bundle.js.LICENSE.txt):\n" +
      readFileSync(join(swagger, "swagger-ui-bundle.js.LICENSE.txt"), "utf8").trim(),
  ].join("\n\n") + "\n",
);

console.log(`built ${out}: ${JSON.stringify(versions)}`);
