#!/usr/bin/env node
'use strict';
/*
 * 20-gpt-lint.t - the document meets what OpenAI's GPT-action importer
 * expects (gpt-lint.js), and each rule of that lint can
 * fail: a clean fixture passes, and one broken copy per rule is caught by
 * exactly that rule.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib');
const { gptLint } = require('./gpt-lint');

L.autoStack();
const t = new L.Tap();
const fmt = (ps) => ps.map((p) => `${p.rule}: ${p.where}: ${p.message}`).join('\n');

/* ---------------------------------------------------- the live document */

if (!L.workerExists()) {
	t.ok(false, 'the worker is built', `${L.WORKER} is missing: run make first`);
} else {
	try {
		const live = L.liveDoc();
		/* nginx: reached over TLS; CGI mode: HTTPS=on is set as nginx would. */
		const ps = gptLint(live.doc, { text: live.text, tls: true });
		t.ok(ps.length === 0, `the served (${L.liveMode()}) document passes the GPT-action lint`, fmt(ps));
		if (L.liveMode() === 'nginx') {
			const url = (live.doc.servers || [{}])[0].url;
			t.ok(url === process.env.TTT_CONTRACT_BASE_URL,
			    'through nginx over TLS, servers[0].url is the https URL the document was fetched from',
			    `servers[0].url is ${JSON.stringify(url)}, fetched from ${process.env.TTT_CONTRACT_BASE_URL}`);
		}
		t.ok(live.resp.body.length < L.MAX_CHARS, 'the served document is under 100,000 characters',
		    `${live.resp.body.length} characters`);
	} catch (e) {
		t.ok(false, 'the served document can be fetched', e.message);
	}

	const dir = L.tmpdir('ttt-gptlint-');
	process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	const keyFile = path.join(dir, 'key');
	fs.writeFileSync(keyFile, 'contract-test-key-0123456789\n', { mode: 0o600 });
	fs.chmodSync(keyFile, 0o600);
	const variants = [
		['CGI, API key and consequential=true', { api_key_file: keyFile, consequential: 'true' }, {}],
		['CGI, no public_url, plain HTTP (derived http server)', {}, { https: false }],
	];
	for (const [name, cfg, req] of variants) {
		try {
			const v = L.cgiDoc(cfg, req);
			const ps = gptLint(v.doc, { text: v.text, tls: req.https !== false });
			t.ok(ps.length === 0, `the ${name} document passes the GPT-action lint`, fmt(ps));
		} catch (e) {
			t.ok(false, `the ${name} document can be generated`, e.message);
		}
	}
	/* https when reached over TLS, without a public_url: derived from HTTPS=on. */
	try {
		const v = L.cgiDoc({}, { https: true, host: 'ttt.example.org:8443' });
		const url = (v.doc.servers || [{}])[0].url;
		t.ok(url === 'https://ttt.example.org:8443',
		    'over TLS without public_url, servers[0].url is https and the request Host',
		    `servers[0].url is ${JSON.stringify(url)}`);
	} catch (e) {
		t.ok(false, 'the derived-server document can be generated', e.message);
	}
	try {
		const v = L.cgiDoc({ consequential: 'true' });
		const flags = L.operations(v.doc).filter((o) => o.path === '/human_move')
		    .map((o) => o.op['x-openai-isConsequential']);
		t.ok(flags.length === 2 && flags.every((f) => f === true),
		    'consequential=true sets x-openai-isConsequential: true on both /human_move operations',
		    JSON.stringify(flags));
		const d = L.cgiDoc({});
		const flags0 = L.operations(d.doc).filter((o) => o.path === '/human_move')
		    .map((o) => o.op['x-openai-isConsequential']);
		t.ok(flags0.length === 2 && flags0.every((f) => f === false),
		    'by default x-openai-isConsequential is false on both /human_move operations',
		    JSON.stringify(flags0));
		/* A hint changes nothing: never consequential, whatever the setting. */
		const hints = [...L.operations(v.doc), ...L.operations(d.doc)]
		    .filter((o) => o.path === '/hint').map((o) => o.op['x-openai-isConsequential']);
		t.ok(hints.length === 4 && hints.every((f) => f === false),
		    'x-openai-isConsequential is false on both /hint operations, with consequential=true too',
		    JSON.stringify(hints));
		const ids = L.operations(d.doc).map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
		t.ok(JSON.stringify(ids) === JSON.stringify(['GET /hint', 'GET /human_move', 'POST /hint', 'POST /human_move']),
		    'the document lists exactly the game operations a GPT should call', ids.join(', '));
	} catch (e) {
		t.ok(false, 'the consequential variants can be generated', e.message);
	}
}

/* ---------------------------------------------------- negative fixtures */

function fixture() {
	return {
		openapi: '3.1.0',
		info: { title: 'Fixture', version: '1.0.0' },
		servers: [{ url: 'https://ttt.example.org' }],
		paths: {
			'/human_move': {
				post: {
					operationId: 'humanMove',
					summary: 'Play',
					description: 'Play a move.',
					'x-openai-isConsequential': false,
					requestBody: {
						required: true,
						content: { 'application/json': { schema: { $ref: '#/components/schemas/Req' } } },
					},
					responses: {
						200: {
							description: 'ok',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } },
						},
					},
				},
				get: {
					operationId: 'humanMoveGet',
					summary: 'Play (GET)',
					description: 'Play a move.',
					parameters: [{
						name: 'position_1', in: 'query', required: false,
						description: 'Cell 1.',
						schema: { type: 'string', enum: ['X', 'O', ''] },
					}],
					responses: {
						200: {
							description: 'ok',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } },
						},
					},
				},
			},
		},
		components: {
			schemas: {
				Req: {
					type: 'object',
					properties: { board: { type: 'array', items: { type: 'array', items: { type: 'string' } } } },
					required: ['board'],
				},
				Res: {
					type: 'object',
					properties: {
						status: { type: 'string' },
						move: { type: ['object', 'null'], properties: { row: { type: 'integer' } } },
					},
				},
			},
		},
	};
}

const clean = gptLint(fixture(), { tls: true });
t.ok(clean.length === 0, 'gpt-lint: the clean fixture has no problems', fmt(clean));

const post = (d) => d.paths['/human_move'].post;
const get = (d) => d.paths['/human_move'].get;
const cases = [
	['one-server', 'no servers', (d) => { delete d.servers; }],
	['one-server', 'two servers', (d) => { d.servers.push({ url: 'https://b.example.org' }); }],
	['server-url', 'a relative server URL', (d) => { d.servers[0].url = '/api'; }],
	['server-url', 'a server URL with variables', (d) => { d.servers[0].url = 'https://{host}/'; }],
	['server-https', 'an http server URL when fetched over TLS', (d) => { d.servers[0].url = 'http://ttt.example.org'; }],
	['info-title', 'no info.title', (d) => { delete d.info.title; }],
	['info-version', 'an empty info.version', (d) => { d.info.version = ''; }],
	['path-slash', 'a path without a leading slash', (d) => { d.paths.healthz = d.paths['/human_move']; delete d.paths['/human_move']; }],
	['operation-id', 'a missing operationId', (d) => { delete post(d).operationId; }],
	['operation-id', 'an operationId with a space', (d) => { post(d).operationId = 'human move'; }],
	['operation-id', 'a 65-character operationId', (d) => { post(d).operationId = 'a'.repeat(65); }],
	['operation-id-unique', 'two operations with one operationId', (d) => { get(d).operationId = 'humanMove'; }],
	['summary-length', 'a 301-character summary', (d) => { post(d).summary = 's'.repeat(301); }],
	['description-length', 'a 301-character description', (d) => { get(d).description = 'd'.repeat(301); }],
	['parameter-description-length', 'a 701-character parameter description', (d) => { get(d).parameters[0].description = 'p'.repeat(701); }],
	['parameter-ref', 'a $ref parameter', (d) => {
		d.components.parameters = { P1: get(d).parameters[0] };
		get(d).parameters[0] = { $ref: '#/components/parameters/P1' };
	}],
	['parameter-scalar', 'an array query parameter', (d) => { get(d).parameters[0].schema = { type: 'array', items: { type: 'string' } }; }],
	['object-properties', 'an object schema without properties (component)', (d) => { delete d.components.schemas.Req.properties; }],
	['object-properties', 'a nested object schema without properties', (d) => { d.components.schemas.Res.properties.extra = { type: 'object', additionalProperties: true }; }],
	['object-properties', 'an inline response object schema without properties', (d) => {
		get(d).responses['200'].content['application/json'].schema = { type: 'object' };
	}],
	['nullable-anyof', 'an anyOf [.., {type: null}]', (d) => {
		d.components.schemas.Res.properties.status = { anyOf: [{ type: 'string' }, { type: 'null' }] };
	}],
	['consequential', 'a POST without x-openai-isConsequential', (d) => { delete post(d)['x-openai-isConsequential']; }],
	['consequential', 'a non-boolean x-openai-isConsequential', (d) => { post(d)['x-openai-isConsequential'] = 'false'; }],
	['operation-count', '31 operations', (d) => {
		for (let i = 0; i < 30; i++)
			d.paths[`/op${i}`] = { get: Object.assign({}, get(d), { operationId: `op${i}` }) };
	}],
	['document-size', 'a document of 100,000 characters', (d) => { d.info.description = 'x'.repeat(100000); }],
];
for (const [rule, what, mutate] of cases) {
	const d = fixture();
	mutate(d);
	const ps = gptLint(d, { tls: true });
	const rules = [...new Set(ps.map((p) => p.rule))];
	t.ok(rules.length === 1 && rules[0] === rule,
	    `gpt-lint: ${what} is caught by rule ${rule} (and only by it)`,
	    fmt(ps) || 'no problem reported');
}

/* The GET exemption: a GET without the flag is fine, a POST is not. */
{
	const d = fixture();
	delete get(d)['x-openai-isConsequential'];
	t.ok(gptLint(d, { tls: true }).length === 0,
	    'gpt-lint: a GET operation may omit x-openai-isConsequential');
}
/* Over plain HTTP (not reached over TLS) an http URL is acceptable. */
{
	const d = fixture();
	d.servers[0].url = 'http://127.0.0.1:8080';
	t.ok(gptLint(d, { tls: false }).length === 0,
	    'gpt-lint: an http server URL is accepted when the document was not fetched over TLS');
}
/* The command-line form exits 1 and names the rule. */
{
	const { spawnSync } = require('node:child_process');
	const dir = L.tmpdir('ttt-gptlint-cli-');
	const f = path.join(dir, 'doc.json');
	const d = fixture();
	d.servers = [];
	fs.writeFileSync(f, JSON.stringify(d));
	const r = spawnSync(process.execPath, [path.join(__dirname, 'gpt-lint.js'), '--tls', f]);
	fs.rmSync(dir, { recursive: true, force: true });
	t.ok(r.status === 1 && /^one-server: /m.test(r.stdout.toString()),
	    'gpt-lint.js on the command line exits 1 and names the failing rule',
	    `exit ${r.status}: ${r.stdout}${r.stderr}`);
}
