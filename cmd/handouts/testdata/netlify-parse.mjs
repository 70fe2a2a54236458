// Reads a built site's _redirects and _headers files, with a netlify.toml,
// through Netlify's own parsers, and prints what they make of them as JSON.
// Usage: node netlify-parse.mjs NODE_MODULES PUBLIC NETLIFY_TOML
import {pathToFileURL} from "node:url";
import {join} from "node:path";

const [modules, pub, toml] = process.argv.slice(2);
const load = name => import(pathToFileURL(join(modules, name, "lib", "index.js")).href);
const {parseAllRedirects} = await load("netlify-redirect-parser");
const {parseAllHeaders} = await load("netlify-headers-parser");

const redirects = await parseAllRedirects({
  redirectsFiles: [join(pub, "_redirects")], netlifyConfigPath: toml, configRedirects: [], minimal: false,
});
const headers = await parseAllHeaders({
  headersFiles: [join(pub, "_headers")], netlifyConfigPath: toml, configHeaders: [], minimal: false,
});
console.log(JSON.stringify({
  redirects: redirects.redirects,
  redirectErrors: redirects.errors.map(String),
  headers: headers.headers,
  headerErrors: headers.errors.map(String),
}));
