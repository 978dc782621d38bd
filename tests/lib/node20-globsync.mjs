// Lets @modelcontextprotocol/conformance start on Node 20.  Its entry point
// does `import { globSync } from "fs"`, and fs.globSync arrived in Node 22,
// so on Node 20 the import fails before the runner does anything.  Loaded
// with
//   node --import ./tests/lib/node20-globsync.mjs node_modules/.bin/conformance ...
// (tests/lib/conformance does this), it registers a module resolve hook
// (https://nodejs.org/api/module.html#customization-hooks) that answers the
// runner's own "fs" imports with fs-globsync.mjs: node:fs plus a globSync.
// Nothing in node_modules is edited, no other module is redirected, and on
// a Node that has fs.globSync the hook is not registered at all.
import fs from 'node:fs';
import { register } from 'node:module';

const SHIM = new URL('./fs-globsync.mjs', import.meta.url).href;
const RUNNER = '/node_modules/@modelcontextprotocol/conformance/';

if (typeof fs.globSync !== 'function') register(import.meta.url);

export async function resolve(specifier, context, next) {
  if ((specifier === 'fs' || specifier === 'node:fs') &&
      context.parentURL && context.parentURL.includes(RUNNER))
    return { url: SHIM, shortCircuit: true };
  return next(specifier, context);
}
