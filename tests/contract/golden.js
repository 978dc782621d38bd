#!/usr/bin/env node
'use strict';
/*
 * golden.js - the golden copy of the OpenAPI document.
 *
 *   node tests/contract/golden.js          write tests/golden/openapi.json
 *   node tests/contract/golden.js --print  print it instead
 *   (make golden does the first)
 *
 * The document comes from the worker in CGI mode with a fixed, explicit
 * configuration (GOLDEN_CONFIG: only public_url set, every other key at its
 * default, no TTT_* variable of the calling shell), so it is deterministic.
 * Keys are sorted and indented like `jq -S .`.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib');

const GOLDEN_CONFIG = { public_url: L.GOLDEN_PUBLIC_URL };

function goldenText() {
	const { doc } = L.cgiDoc(GOLDEN_CONFIG);
	return L.sortedJson(doc);
}

module.exports = { GOLDEN_CONFIG, goldenText };

if (require.main === module) {
	if (!L.workerExists()) {
		process.stderr.write(`golden.js: ${L.WORKER} is missing: run make first\n`);
		process.exit(1);
	}
	const text = goldenText();
	if (process.argv.includes('--print')) {
		process.stdout.write(text);
	} else {
		fs.mkdirSync(path.dirname(L.GOLDEN), { recursive: true });
		fs.writeFileSync(L.GOLDEN, text);
		process.stdout.write(`golden.js: wrote ${path.relative(process.cwd(), L.GOLDEN)} ` +
		    `(info.version ${JSON.parse(text).info.version})\n`);
	}
}
