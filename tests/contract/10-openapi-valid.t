#!/usr/bin/env node
'use strict';
/*
 * 10-openapi-valid.t - the published document is a valid OpenAPI 3.1
 * document and lints with zero errors under Redocly's recommended ruleset
 * (tests/contract/redocly.yaml).
 *
 * Checked documents: the one served through nginx (or the worker in CGI
 * mode when the stack is not available), and a CGI-mode variant with an
 * API key and consequential=true, so the security branch is covered too.
 *
 * Validity is checked three ways, all offline:
 *   - redocly lint (its "struct" rule is the OpenAPI 3.1 structure);
 *   - Ajv (JSON Schema 2020-12) against the official OpenAPI 3.1 schema
 *     shipped in @seriousme/openapi-schema-validator (pinned);
 *   - every Schema Object compiles in Ajv strict mode (valid 2020-12).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const L = require('./lib');

L.autoStack();
const t = new L.Tap();
if (!L.workerExists())
	t.bail(`${L.WORKER} is missing: run make first`);

const REDOCLY = path.join(L.TESTS_DIR, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const CONFIG = path.join(__dirname, 'redocly.yaml');
const OAS31 = path.join(L.TESTS_DIR, 'node_modules', '@seriousme',
	'openapi-schema-validator', 'schemas', 'v3.1', 'schema.json');
if (!fs.existsSync(REDOCLY) || !fs.existsSync(OAS31))
	t.bail('tests/node_modules is incomplete: run make deps (npm ci in tests/)');

const dir = L.tmpdir('ttt-contract-');
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

const variants = [];
try {
	const live = L.liveDoc();
	variants.push({ name: `served (${L.liveMode()})`, ...live });
} catch (e) {
	t.ok(false, 'the served document can be fetched', e.message);
}
const keyFile = path.join(dir, 'api-key');
fs.writeFileSync(keyFile, 'contract-test-key-0123456789\n', { mode: 0o600 });
fs.chmodSync(keyFile, 0o600);
try {
	const v = L.cgiDoc({ api_key_file: keyFile, consequential: 'true',
		public_url: L.GOLDEN_PUBLIC_URL });
	variants.push({ name: 'CGI with API key and consequential=true', ...v });
} catch (e) {
	t.ok(false, 'the document with an API key can be generated', e.message);
}

/* --- redocly lint --- */
for (const v of variants) {
	const file = path.join(dir, v.name.replace(/\W+/g, '_') + '.json');
	fs.writeFileSync(file, v.text);
	const r = spawnSync(process.execPath, [REDOCLY, 'lint', '--config', CONFIG,
		'--format=json', file], {
		cwd: dir,
		env: Object.assign({}, process.env, {
			REDOCLY_TELEMETRY: 'off',
			REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
			REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
			NO_COLOR: '1',
		}),
		maxBuffer: 64 * 1024 * 1024,
		timeout: 120000,
	});
	let report = null;
	try {
		report = JSON.parse(r.stdout.toString('utf8'));
	} catch {
		report = null;
	}
	if (!t.ok(report && report.totals, `redocly lint runs on the ${v.name} document`,
	    `exit ${r.status}\n${r.stdout}\n${r.stderr}`))
		continue;
	const fmt = (p) => `${p.severity} ${p.ruleId}: ${p.message} at ` +
	    (p.location || []).map((l) => l.pointer).join(', ');
	const errors = report.problems.filter((p) => p.severity === 'error');
	t.ok(report.totals.errors === 0,
	    `redocly lint (recommended): zero errors on the ${v.name} document`,
	    errors.map(fmt).join('\n'));
	const warnings = report.problems.filter((p) => p.severity === 'warn');
	if (warnings.length) {
		t.diag(`${warnings.length} redocly warning(s) on the ${v.name} document (not failures):`);
		t.diag(warnings.map(fmt).join('\n'));
	}
}

/* --- Ajv against the official OpenAPI 3.1 schema --- */
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const meta = new Ajv2020({ allErrors: true, strict: false,
	formats: { 'media-range': true } });
addFormats(meta);
let validateDoc = null;
try {
	validateDoc = meta.compile(JSON.parse(fs.readFileSync(OAS31, 'utf8')));
} catch (e) {
	t.ok(false, 'the OpenAPI 3.1 schema compiles', e.message);
}

for (const v of variants) {
	t.ok(typeof v.doc.openapi === 'string' && /^3\.1\.\d+$/.test(v.doc.openapi),
	    `the ${v.name} document declares openapi 3.1.x`, `openapi: ${JSON.stringify(v.doc.openapi)}`);
	if (validateDoc) {
		const ok = validateDoc(v.doc);
		t.ok(ok, `the ${v.name} document is valid against the OpenAPI 3.1 schema`,
		    L.ajvErrors(validateDoc).join('\n'));
	}

	/* Every Schema Object is valid JSON Schema 2020-12 (strict compile). */
	const bad = [];
	let n = 0;
	const ajv = L.makeAjv(v.doc);
	const seen = new Set();
	const check = (schema, where) => {
		if (!schema || typeof schema !== 'object' || seen.has(schema))
			return;
		seen.add(schema);
		n++;
		try {
			L.validatorFor(ajv, schema);
		} catch (e) {
			bad.push(`${where}: ${e.message}`);
		}
	};
	for (const [name, s] of Object.entries((v.doc.components || {}).schemas || {}))
		check(s, `#/components/schemas/${name}`);
	for (const { path: p, method, op } of L.operations(v.doc)) {
		const w = `${method.toUpperCase()} ${p}`;
		for (const par of op.parameters || [])
			check(L.deref(v.doc, par).schema, `${w} parameter ${par.name}`);
		const rb = L.deref(v.doc, op.requestBody);
		for (const [ct, m] of Object.entries((rb && rb.content) || {}))
			check(m.schema, `${w} requestBody ${ct}`);
		for (const [code, r0] of Object.entries(op.responses || {})) {
			const r = L.deref(v.doc, r0);
			for (const [ct, m] of Object.entries((r && r.content) || {}))
				check(m.schema, `${w} ${code} ${ct}`);
		}
	}
	t.ok(bad.length === 0 && n > 0,
	    `all ${n} schemas of the ${v.name} document compile as JSON Schema 2020-12 (Ajv strict)`,
	    bad.join('\n') || 'no schemas found');
}
