// The "fs" module plus a globSync (Node 22 added fs.globSync), for Node 20.
// node20-globsync.mjs points the conformance runner's "fs" imports here;
// everything else is node:fs itself.
//
// The runner calls globSync only in its tier-check summary, with patterns
// like "**/checks.json" and { cwd }.  This one understands "*", "?" and a
// "**" path segment and the cwd option, does not follow symbolic links, and
// returns paths relative to cwd as Node 22 does; another option is refused
// rather than ignored.
import fs from 'node:fs';
import path from 'node:path';

export * from 'node:fs';
export default fs;

function segmentSource(segment) {
  let re = '';
  for (const c of segment) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return re;
}

function patternRegExp(pattern) {
  const parts = pattern.split('/').filter((p) => p !== '');
  let re = '^';
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === '**') re += last ? '.*' : '(?:[^/]+/)*';
    else re += segmentSource(part) + (last ? '' : '/');
  });
  return new RegExp(re + '$');
}

function walk(root, rel, out) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = rel === '' ? e.name : rel + '/' + e.name;
    out.push(p);
    if (e.isDirectory()) walk(root, p, out);
  }
}

export function globSync(patterns, options = {}) {
  for (const key of Object.keys(options)) {
    if (key !== 'cwd') throw new Error(`fs-globsync.mjs: option ${key} is not supported`);
  }
  const cwd = options.cwd === undefined ? process.cwd() : String(options.cwd);
  const res = (Array.isArray(patterns) ? patterns : [patterns]).map(patternRegExp);
  const all = [];
  walk(cwd, '', all);
  return all.filter((p) => res.some((re) => re.test(p))).map((p) => p.split('/').join(path.sep));
}
