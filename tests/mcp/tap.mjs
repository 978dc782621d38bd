// tap.mjs - TAP output for the MCP tests written in JavaScript (they run
// under prove through a .t wrapper that starts the stack).
import { isDeepStrictEqual, inspect } from 'node:util';

let n = 0, failed = 0;

export function ok(cond, name, diag) {
  n++;
  if (cond) {
    console.log(`ok ${n} - ${name}`);
  } else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (diag !== undefined) for (const l of String(diag).split('\n')) console.log(`# ${l}`);
  }
  return !!cond;
}

export function is(got, want, name) {
  return ok(isDeepStrictEqual(got, want), name,
    `got:  ${inspect(got, { depth: 6 })}\nwant: ${inspect(want, { depth: 6 })}`);
}

// The promise's rejection, or undefined when it resolved.
export async function rejection(promise) {
  try { await promise; } catch (e) { return e; }
  return undefined;
}

export function done() {
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}

export function bail(why) {
  console.log(`Bail out! ${why}`);
  process.exit(255);
}
