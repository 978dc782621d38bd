#!/usr/bin/env node
'use strict';
/*
 * 30-golden.t - the document does not change unnoticed.
 *
 *   - tests/golden/openapi.json (keys sorted) equals what the worker
 *     generates for the golden configuration: a change to the document
 *     fails here until `make golden` is run and the new golden file is
 *     committed with the change;
 *   - the document served through nginx is the golden one (its server URL
 *     and the version hash that covers it aside: they follow the request);
 *   - info.version changes whenever the document changes, and stays the
 *     same when it does not.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const L = require('./lib');
const { GOLDEN_CONFIG, goldenText } = require('./golden');

L.autoStack();
const t = new L.Tap();
if (!L.workerExists())
	t.bail(`${L.WORKER} is missing: run make first`);

const HOWTO = 'If the change is intended: run `make golden` and commit ' +
    'tests/golden/openapi.json together with the change.';

function diff(aName, aText, bName, bText) {
	const dir = L.tmpdir('ttt-golden-');
	const a = path.join(dir, 'a'), b = path.join(dir, 'b');
	fs.writeFileSync(a, aText);
	fs.writeFileSync(b, bText);
	const r = spawnSync('diff', ['-u', '--label', aName, '--label', bName, a, b]);
	fs.rmSync(dir, { recursive: true, force: true });
	const out = r.stdout.toString();
	const lines = out.split('\n');
	return lines.length > 200 ? lines.slice(0, 200).join('\n') + `\n... (${lines.length - 200} more lines)` : out;
}

/* ---- the golden file ---- */
let golden = null, goldenRaw = null;
try {
	goldenRaw = fs.readFileSync(L.GOLDEN, 'utf8');
	golden = JSON.parse(goldenRaw);
} catch (e) {
	golden = null;
}
t.ok(golden !== null, 'tests/golden/openapi.json exists and is JSON',
    `cannot read ${L.GOLDEN}. ${HOWTO}`);

let generated = null;
try {
	generated = goldenText();
} catch (e) {
	t.ok(false, 'the worker generates the document for the golden configuration', e.message);
}

if (golden !== null) {
	t.ok(goldenRaw === L.sortedJson(golden), 'tests/golden/openapi.json is stored with sorted keys (jq -S . layout)',
	    () => diff('golden-as-stored.json', goldenRaw, 'golden-sorted.json', L.sortedJson(golden)));
}
if (golden !== null && generated !== null) {
	t.ok(generated === L.sortedJson(golden),
	    `the generated document (config ${JSON.stringify(GOLDEN_CONFIG)}) equals tests/golden/openapi.json`,
	    () => `The OpenAPI document changed:\n` +
	    diff('tests/golden/openapi.json', L.sortedJson(golden), 'generated.json', generated) +
	    `\n${HOWTO}`);
}

/* ---- the served document is the golden one ---- */
function masked(doc) {
	const d = JSON.parse(JSON.stringify(doc));
	d.servers = '(request-dependent)';
	if (d.info && typeof d.info.version === 'string')
		d.info.version = d.info.version.replace(/\+[0-9a-f]+$/i, '+(hash)');
	return d;
}
if (golden !== null) {
	try {
		const live = L.liveDoc();
		const a = L.sortedJson(masked(golden)), b = L.sortedJson(masked(live.doc));
		t.ok(a === b, `the served (${L.liveMode()}) document equals the golden one, apart from servers and the version hash`,
		    () => diff('golden.json', a, 'served.json', b) + `\n${HOWTO}`);
	} catch (e) {
		t.ok(false, 'the served document can be fetched', e.message);
	}
}

/* ---- info.version follows the document ---- */
const dir = L.tmpdir('ttt-version-');
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const keyFile = path.join(dir, 'key');
fs.writeFileSync(keyFile, 'contract-test-key-0123456789\n', { mode: 0o600 });
fs.chmodSync(keyFile, 0o600);

function docFor(cfg) {
	return L.cgiDoc(Object.assign({}, GOLDEN_CONFIG, cfg)).doc;
}
function withoutVersion(doc) {
	const d = JSON.parse(JSON.stringify(doc));
	if (d.info)
		delete d.info.version;
	return L.sortedJson(d);
}

try {
	const base = docFor({});
	const again = docFor({});
	t.ok(L.sortedJson(base) === L.sortedJson(again) && base.info.version === again.info.version,
	    `the same configuration gives the same document and info.version (${base.info.version})`,
	    `${base.info.version} vs ${again.info.version}`);

	/* Configuration changes that must change the document. */
	const changing = [
		['consequential=true', { consequential: 'true' }],
		['title=Noughts and Crosses', { title: 'Noughts and Crosses' }],
		['operation_id=playMove', { operation_id: 'playMove' }],
		['public_url=https://other.example.org', { public_url: 'https://other.example.org' }],
		['an API key file', { api_key_file: keyFile }],
	];
	for (const [name, cfg] of changing) {
		const d = docFor(cfg);
		const changed = withoutVersion(d) !== withoutVersion(base);
		t.ok(changed && d.info.version !== base.info.version,
		    `${name}: the document changes and so does info.version (${base.info.version} -> ${d.info.version})`,
		    changed ? `info.version stayed ${d.info.version} although the document changed`
			: 'the document did not change (the test expects this setting to be documented)');
	}

	/* Configuration that the document does not show leaves it alone. */
	const neutral = [
		['log_level=debug', { log_level: 'debug' }],
		['body_limit=4096', { body_limit: '4096' }],
		['privacy_text', { privacy_text: 'We keep nothing.' }],
		['cors_origin', { cors_origin: 'https://chat.openai.com' }],
	];
	for (const [name, cfg] of neutral) {
		const d = docFor(cfg);
		const same = withoutVersion(d) === withoutVersion(base);
		t.ok(same === (d.info.version === base.info.version),
		    `${name}: info.version changes exactly when the document does (document ${same ? 'unchanged' : 'changed'}, version ${d.info.version})`,
		    same ? `the document is the same but info.version changed: ${base.info.version} -> ${d.info.version}`
			: `the document changed but info.version stayed ${d.info.version}`);
	}
} catch (e) {
	t.ok(false, 'the version variants can be generated', e.message);
}
