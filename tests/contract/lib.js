'use strict';
/*
 * lib.js - shared helpers of the contract tests (tests/contract/*.t).
 *
 *   tap        a tiny TAP producer (prove reads it)
 *   worker     runs fcgi/ttt-fcgi as a plain CGI program with a clean,
 *              explicit environment (only the TTT_* keys a test passes)
 *   live       how a test reaches the service: through nginx when the
 *              integration harness tests/lib/stack.sh is there (the run
 *              script starts it and exports TTT_CONTRACT_BASE_URL), else
 *              through the worker in CGI mode
 *   openapi    $ref resolution, response lookup, example extraction
 *   ajv        one Ajv 2020-12 instance with ajv-formats
 *
 * No network fetches: everything comes from tests/node_modules.
 */

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { spawnSync, execFileSync } = require('node:child_process');

const TESTS_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(TESTS_DIR, '..');
const WORKER = path.resolve(REPO, process.env.TTT_WORKER || path.join('fcgi', 'ttt-fcgi'));
const GOLDEN = path.join(TESTS_DIR, 'golden', 'openapi.json');
/* The public_url used for the golden copy (make golden uses the same). */
const GOLDEN_PUBLIC_URL = 'https://ttt.example.org';
const RECORD_DIR = process.env.TTT_RECORD_DIR ||
    path.join(REPO, 'build', 'test-responses');
const MAX_CHARS = 100000;	/* GPT action limit on documents and responses */

/* ------------------------------------------------------------------ TAP */

class Tap {
	constructor() {
		this.n = 0;
		this.failed = 0;
		process.on('exit', (code) => {
			if (code !== 0 && this.n === 0)
				return;
			process.stdout.write(`1..${this.n}\n`);
			if (this.failed)
				process.exitCode = 1;
		});
	}

	ok(cond, name, diag) {
		this.n++;
		const line = `${cond ? 'ok' : 'not ok'} ${this.n} - ${oneLine(name)}`;
		process.stdout.write(line + '\n');
		if (!cond) {
			this.failed++;
			if (typeof diag === 'function')
				diag = diag();
			if (diag !== undefined)
				this.diag(diag);
		}
		return !!cond;
	}

	skip(name, why) {
		this.n++;
		process.stdout.write(`ok ${this.n} - ${oneLine(name)} # SKIP ${oneLine(why)}\n`);
	}

	diag(text) {
		const s = typeof text === 'string' ? text : JSON.stringify(text, null, 2);
		for (const l of s.split('\n'))
			process.stdout.write(`# ${l}\n`);
	}

	/* End this test file with one failed test that says why; prove goes
	 * on with the other files (a "Bail out!" would stop them all). */
	bail(why) {
		this.ok(false, `cannot go on: ${why}`);
		process.exit(1);	/* the exit handler prints the plan */
	}
}

function oneLine(s) {
	return String(s).replace(/[\r\n]+/g, ' ').replace(/#/g, '\\#');
}

/* --------------------------------------------------------------- worker */

/*
 * The environment a CGI run gets: PATH plus exactly the TTT_* keys given.
 * TTT_* variables of the calling shell are NOT passed, so a developer's
 * settings cannot change the golden document.
 */
function cgiEnv(req, config) {
	const env = { PATH: process.env.PATH || '/usr/bin:/bin' };
	env.GATEWAY_INTERFACE = 'CGI/1.1';
	env.SERVER_PROTOCOL = 'HTTP/1.1';
	env.REQUEST_METHOD = req.method || 'GET';
	env.DOCUMENT_URI = req.path || '/';
	env.SCRIPT_NAME = req.path || '/';
	env.REQUEST_URI = (req.path || '/') + (req.query ? '?' + req.query : '');
	env.QUERY_STRING = req.query || '';
	env.HTTP_HOST = req.host || 'ttt.example.org';
	env.SERVER_NAME = (req.host || 'ttt.example.org').replace(/:.*/, '');
	env.SERVER_PORT = req.port || '443';
	if (req.https !== false)
		env.HTTPS = 'on';
	env.REMOTE_ADDR = '127.0.0.1';
	if (req.body !== undefined && req.body !== null) {
		env.CONTENT_LENGTH = String(Buffer.byteLength(req.body));
		env.CONTENT_TYPE = req.contentType || 'application/json';
	}
	for (const [k, v] of Object.entries(req.headers || {}))
		env['HTTP_' + k.toUpperCase().replace(/-/g, '_')] = v;
	/* The worker answers /docs only for its own names: the host asked
	 * for here is one, as an operator's allowed_hosts would say. */
	env.TTT_ALLOWED_HOSTS = (req.host || 'ttt.example.org').replace(/:[0-9]+$/, '');
	for (const [k, v] of Object.entries(config || {}))
		env['TTT_' + k.toUpperCase()] = String(v);
	return env;
}

function workerExists() {
	try {
		fs.accessSync(WORKER, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/*
 * Run one request through the worker in CGI mode.  Returns
 * { status, content_type, headers, body, stderr } or throws with the
 * worker's stderr when it does not produce a CGI response.
 */
function cgi(req, config) {
	const args = [];
	if (process.getuid && process.getuid() === 0)
		args.push('--allow-root');
	/*
	 * stdin is a file, not a pipe: node's pipes are socketpairs, and a
	 * socket on fd 0 means "spawned by spawn-fcgi" to the worker.
	 */
	const dir = tmpdir('ttt-cgi-');
	const bodyFile = path.join(dir, 'body');
	fs.writeFileSync(bodyFile, req.body === undefined || req.body === null ? '' : req.body);
	const fd = fs.openSync(bodyFile, 'r');
	let r;
	try {
		r = spawnSync(WORKER, args, {
			env: cgiEnv(req, config),
			stdio: [fd, 'pipe', 'pipe'],
			maxBuffer: 16 * 1024 * 1024,
			timeout: 20000,
		});
	} finally {
		fs.closeSync(fd);
		fs.rmSync(dir, { recursive: true, force: true });
	}
	if (r.error)
		throw new Error(`cannot run ${WORKER}: ${r.error.message}`);
	const out = r.stdout.toString('utf8');
	const stderr = r.stderr.toString('utf8');
	const m = out.match(/\r?\n\r?\n/);
	if (!m)
		throw new Error(`${WORKER} printed no CGI header block (exit ${r.status}): ${stderr || out}`);
	const head = out.slice(0, m.index);
	const body = out.slice(m.index + m[0].length);
	const headers = {};
	for (const l of head.split(/\r?\n/)) {
		const i = l.indexOf(':');
		if (i > 0)
			headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
	}
	const status = headers.status ? parseInt(headers.status, 10) : 200;
	return {
		method: req.method || 'GET', path: req.path, query: req.query || '',
		status, content_type: headers['content-type'] || '',
		headers, body, stderr,
	};
}

/* The document the worker serves in CGI mode for a given configuration. */
function cgiDoc(config, req) {
	const r = cgi(Object.assign({ method: 'GET', path: '/openapi.json' }, req || {}), config);
	if (r.status !== 200)
		throw new Error(`GET /openapi.json in CGI mode gave ${r.status}: ${r.body} ${r.stderr}`);
	return { text: r.body, doc: JSON.parse(r.body) };
}

/* ----------------------------------------------------------------- live */

/*
 * The service the tests talk to.  The .t scripts are started through
 * tests/contract/with-stack, which starts nginx + the worker pool with
 * tests/lib/stack.sh when it exists and exports:
 *   TTT_CONTRACT_BASE_URL   https://127.0.0.1:PORT
 *   TTT_CONTRACT_CACERT     the stack's CA/certificate (optional)
 *   TTT_CONTRACT_CURL       a command that behaves like curl and records
 *                           each response into the record dir (optional)
 * Without a base URL, requests go to the worker in CGI mode.
 */
function liveMode() {
	return process.env.TTT_CONTRACT_BASE_URL ? 'nginx' : 'cgi';
}

/*
 * Run this test script through tests/contract/with-stack (nginx + pool) when
 * the integration harness exists and we are not already inside it.
 * TTT_CONTRACT_CGI=1 keeps the script on the worker in CGI mode.
 */
function autoStack() {
	if (process.env.TTT_CONTRACT_BASE_URL || process.env.TTT_CONTRACT_CGI === '1')
		return;
	if (!fs.existsSync(path.join(TESTS_DIR, 'lib', 'stack.sh')) || !workerExists())
		return;
	const r = spawnSync(path.join(__dirname, 'with-stack'),
	    [process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exit(r.status === null ? 255 : r.status);
}

/*
 * Records of our own requests: one JSON line each, in the harness's format
 * ({test, method, path, query, status, content_type, headers, body}), in
 * $TTT_RECORD_DIR/contract-<test>.jsonl (truncated by the first record).
 */
const OWN_TEST = 'contract-' + path.basename(process.argv[1] || 'node', '.t');
let ownRecordFile = null;
function recordOwn(resp) {
	if (!ownRecordFile) {
		fs.mkdirSync(RECORD_DIR, { recursive: true });
		ownRecordFile = path.join(RECORD_DIR, `${OWN_TEST}.jsonl`);
		fs.writeFileSync(ownRecordFile, '');
	}
	fs.appendFileSync(ownRecordFile, JSON.stringify({
		test: OWN_TEST, method: resp.method, path: resp.path,
		query: resp.query || '', status: resp.status,
		content_type: resp.content_type, headers: resp.headers || {},
		body: resp.body,
	}) + '\n');
}

/*
 * One request to the live service.  req: { method, path, query, body,
 * contentType, headers }.  Returns { method, path, query, status,
 * content_type, headers, body }.
 */
function live(req) {
	const method = req.method || 'GET';
	const base = process.env.TTT_CONTRACT_BASE_URL;
	if (!base) {
		const r = cgi(req, liveConfig());
		recordOwn(r);
		return r;
	}
	const url = base.replace(/\/$/, '') + req.path + (req.query ? '?' + req.query : '');
	const dir = tmpdir('ttt-curl-');
	const hdrFile = path.join(dir, 'h'), bodyFile = path.join(dir, 'b');
	const args = ['-sS', '--max-time', '20', '-o', bodyFile, '-D', hdrFile,
		'--path-as-is'];
	if (process.env.TTT_CONTRACT_CACERT)
		args.push('--cacert', process.env.TTT_CONTRACT_CACERT);
	else
		args.push('-k');
	if (method === 'HEAD')
		args.push('-I');	/* -X HEAD would wait for a body */
	else
		args.push('-X', method);
	if (req.body !== undefined && req.body !== null) {
		args.push('--data-binary', '@-');
		args.push('-H', 'Content-Type: ' + (req.contentType || 'application/json'));
	}
	for (const [k, v] of Object.entries(req.headers || {}))
		args.push('-H', `${k}: ${v}`);
	args.push(url);
	let head = '', rest = '';
	try {
		execFileSync('curl', args, {
			input: req.body === undefined || req.body === null ? '' : req.body,
			stdio: ['pipe', 'ignore', 'pipe'],
		});
		/* -D writes every header block (100 Continue too): take the last. */
		const blocks = fs.readFileSync(hdrFile, 'utf8').split(/\r?\n\r?\n/)
		    .filter((x) => /^HTTP\//.test(x));
		head = blocks.length ? blocks[blocks.length - 1] : '';
		/* HEAD has no body; curl -I stores the headers in -o too. */
		rest = method === 'HEAD' ? '' : fs.readFileSync(bodyFile, 'utf8');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	const lines = head.split(/\r?\n/);
	const status = parseInt((lines.shift() || '').split(' ')[1], 10);
	const headers = {};
	for (const l of lines) {
		const i = l.indexOf(':');
		if (i > 0)
			headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
	}
	const resp = {
		method, path: req.path, query: req.query || '', status,
		content_type: headers['content-type'] || '', headers, body: rest,
	};
	recordOwn(resp);
	return resp;
}

/* The worker configuration CGI-mode "live" requests use. */
function liveConfig() {
	return {};
}

/* The served document: through nginx when the stack runs, else CGI. */
function liveDoc() {
	const r = live({ method: 'GET', path: '/openapi.json' });
	if (r.status !== 200)
		throw new Error(`GET /openapi.json gave ${r.status}: ${r.body}`);
	return { text: r.body, doc: JSON.parse(r.body), resp: r };
}

/* -------------------------------------------------------------- openapi */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head',
	'patch', 'trace'];

/* Resolve a local JSON pointer ("#/components/schemas/X"). */
function pointer(doc, ref) {
	if (typeof ref !== 'string' || !ref.startsWith('#'))
		throw new Error(`only local $refs are supported, got ${ref}`);
	let node = doc;
	for (const raw of ref.slice(1).split('/').slice(1)) {
		const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
		if (node === null || typeof node !== 'object' || !(key in node))
			throw new Error(`unresolvable $ref ${ref}`);
		node = node[key];
	}
	return node;
}

/* Follow $ref chains of an OpenAPI object (not inside schemas). */
function deref(doc, obj) {
	let seen = 0;
	while (obj && typeof obj === 'object' && typeof obj.$ref === 'string') {
		if (++seen > 32)
			throw new Error('$ref loop');
		obj = pointer(doc, obj.$ref);
	}
	return obj;
}

function operations(doc) {
	const ops = [];
	for (const [p, item0] of Object.entries(doc.paths || {})) {
		const item = deref(doc, item0);
		for (const m of HTTP_METHODS)
			if (item && item[m])
				ops.push({ path: p, method: m, op: item[m], item });
	}
	return ops;
}

/* Match a concrete request path against the doc's path templates. */
function findPathItem(doc, reqPath) {
	const paths = doc.paths || {};
	if (paths[reqPath])
		return { template: reqPath, item: deref(doc, paths[reqPath]) };
	for (const [tpl, item] of Object.entries(paths)) {
		if (!tpl.includes('{'))
			continue;
		const re = new RegExp('^' + tpl.split(/\{[^}]+\}/).map(escapeRe).join('[^/]+') + '$');
		if (re.test(reqPath))
			return { template: tpl, item: deref(doc, item) };
	}
	return null;
}

function escapeRe(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/*
 * The response object for a status, by OpenAPI's rules: the exact code,
 * then the range ("4XX"), then "default".  Returns { key, response } or
 * null.
 */
function findResponse(doc, op, status) {
	const rs = op.responses || {};
	const s = String(status);
	for (const key of [s, s[0] + 'XX', s[0] + 'xx', 'default'])
		if (rs[key])
			return { key, response: deref(doc, rs[key]) };
	return null;
}

/* The media type essence of a Content-Type value, lower case. */
function mediaEssence(ct) {
	return String(ct || '').split(';')[0].trim().toLowerCase();
}

/* The content entry for a Content-Type by specificity: exact, type/*, * / *. */
function findContent(response, contentType) {
	const content = response.content || {};
	const ess = mediaEssence(contentType);
	const keys = Object.keys(content);
	const byEss = (k) => mediaEssence(k);
	let k = keys.find((x) => x.toLowerCase() === String(contentType).toLowerCase());
	if (!k) k = keys.find((x) => byEss(x) === ess);
	if (!k) k = keys.find((x) => byEss(x) === ess.split('/')[0] + '/*');
	if (!k) k = keys.find((x) => byEss(x) === '*/*');
	return k ? { key: k, media: content[k] } : null;
}

function isJsonType(ct) {
	const e = mediaEssence(ct);
	return e === 'application/json' || /\+json$/.test(e);
}

/*
 * The examples of a media type object or a parameter, both forms:
 * `example` (one value) and `examples` (a map of Example objects, possibly
 * $refs to components/examples).  Returns [{ name, value }].
 */
function examplesOf(doc, holder) {
	const out = [];
	if (!holder || typeof holder !== 'object')
		return out;
	if ('example' in holder)
		out.push({ name: 'example', value: holder.example });
	for (const [name, ex0] of Object.entries(holder.examples || {})) {
		const ex = deref(doc, ex0);
		if (ex && 'value' in ex)
			out.push({ name, value: ex.value });
	}
	if (out.length === 0 && holder.schema) {
		const s = deref(doc, holder.schema);
		if (s && 'example' in s)
			out.push({ name: 'schema.example', value: s.example });
		if (s && Array.isArray(s.examples))
			s.examples.forEach((v, i) => out.push({ name: `schema.examples[${i}]`, value: v }));
	}
	return out;
}

/* ------------------------------------------------------------------ ajv */

/*
 * An Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect) that knows the
 * document as a schema resource, so "#/components/schemas/X" refs inside
 * response schemas resolve.  OpenAPI's own keywords (example, xml,
 * discriminator, externalDocs, x-*) are declared as annotations.
 */
function makeAjv(doc) {
	const Ajv2020 = require('ajv/dist/2020').default;
	const addFormats = require('ajv-formats').default;
	const ajv = new Ajv2020({
		allErrors: true,
		strict: true,
		strictRequired: false,	/* required may name allOf siblings */
		strictTypes: false,	/* type unions are fine in 3.1 */
		validateFormats: true,
	});
	addFormats(ajv);
	for (const kw of ['example', 'xml', 'discriminator', 'externalDocs'])
		ajv.addKeyword({ keyword: kw });
	if (doc) {
		/* Register the components under a private id; refs are rewritten. */
		ajv.addSchema({
			$id: 'urn:ttt:doc',
			$defs: stripExtensions(doc.components && doc.components.schemas || {}),
		});
	}
	return ajv;
}

/* x-* keys would trip strict mode; they are annotations here. */
function stripExtensions(node) {
	if (Array.isArray(node))
		return node.map(stripExtensions);
	if (node === null || typeof node !== 'object')
		return node;
	const out = {};
	for (const [k, v] of Object.entries(node)) {
		if (k.startsWith('x-'))
			continue;
		if (k === '$ref' && typeof v === 'string' &&
		    v.startsWith('#/components/schemas/')) {
			out.$ref = 'urn:ttt:doc#/$defs/' + v.slice('#/components/schemas/'.length);
			continue;
		}
		out[k] = stripExtensions(v);
	}
	return out;
}

/* Compile (and cache) the validator of one schema of the document. */
function validatorFor(ajv, schema) {
	const s = stripExtensions(schema);
	const key = JSON.stringify(s);
	ajv._tttCache = ajv._tttCache || new Map();
	if (!ajv._tttCache.has(key))
		ajv._tttCache.set(key, ajv.compile(s));
	return ajv._tttCache.get(key);
}

function ajvErrors(v) {
	return (v.errors || []).map((e) =>
		`${e.instancePath || '(root)'} ${e.message}` +
		(e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''));
}

/* ---------------------------------------------------------------- misc */

function tmpdir(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/* JSON with keys sorted (like jq -S .), two-space indent, final newline. */
function sortedJson(v) {
	const sortKeys = (x) => {
		if (Array.isArray(x))
			return x.map(sortKeys);
		if (x === null || typeof x !== 'object')
			return x;
		const o = {};
		for (const k of Object.keys(x).sort())
			o[k] = sortKeys(x[k]);
		return o;
	};
	return JSON.stringify(sortKeys(v), null, 2) + '\n';
}

function deepEqual(a, b) {
	return sortedJson(a) === sortedJson(b);
}

module.exports = {
	Tap, REPO, TESTS_DIR, WORKER, GOLDEN, GOLDEN_PUBLIC_URL, RECORD_DIR,
	MAX_CHARS, HTTP_METHODS,
	cgi, cgiDoc, workerExists, live, liveDoc, liveMode, recordOwn, autoStack,
	OWN_TEST,
	pointer, deref, operations, findPathItem, findResponse, findContent,
	mediaEssence, isJsonType, examplesOf,
	makeAjv, validatorFor, ajvErrors, stripExtensions,
	tmpdir, sortedJson, deepEqual,
};
