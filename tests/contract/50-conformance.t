#!/usr/bin/env node
'use strict';
/*
 * 50-conformance.t - every answer the service gives conforms to the
 * document.
 *
 * Input: every JSON line recorded in $TTT_RECORD_DIR (default
 * build/test-responses/) by the integration tests that ran before this one
 * in the same prove run (tests/lib/stack.sh records each tt_request), plus
 * the answers to this test's own requests, which cover every endpoint and
 * every documented status so that this test also stands alone.
 *
 * For each answer: the schema the document gives for path + method +
 * status + content type ($refs resolved) must exist and accept the body
 * (Ajv, JSON Schema 2020-12, ajv-formats).  Statuses are matched the
 * OpenAPI way: exact code, then the range (4XX), then `default`.  Answers
 * outside any operation cannot be described by OpenAPI and are held to the
 * document's error contract instead:
 *   - a service page (the document itself, privacy, the index, health):
 *     served to people and load balancers but kept out of the document a
 *     GPT imports.  Which paths these are is read from the index (GET /),
 *     which lists them from the route table.  GET/HEAD answer 200 with
 *     JSON (an object) or, for a browser, HTML; OPTIONS 2xx; another
 *     method 405 with Allow and an Error body;
 *   - unknown path: 404 (or an error nginx gives before routing: 400,
 *     411, 413, 414, 421, 429, 501, 502-505) with a body valid against the
 *     Error schema;
 *   - HEAD on a GET operation: the GET operation's status and content type,
 *     no body;
 *   - OPTIONS (CORS preflight): 2xx without a body;
 *   - another undocumented method: 405 with an Allow header (when headers
 *     were recorded), or a front-end error as above, and an Error body.
 * Every answer is under 100,000 characters (the GPT action limit).
 *
 * Zero recorded answers from other tests fails (no silent green), unless
 * TTT_CONTRACT_STANDALONE=1 says the test was run on its own on purpose.
 */
const fs = require('node:fs');
const path = require('node:path');
const L = require('./lib');

L.autoStack();
const t = new L.Tap();
if (!L.workerExists())
	t.bail(`${L.WORKER} is missing: run make first`);

let live;
try {
	live = L.liveDoc();
} catch (e) {
	t.bail(`cannot fetch the document: ${e.message}`);
}

/* ------------------------------------------------------------ checking */

/* The document's error schema: components.schemas.Error, else the schema of
 * the first 4XX/default JSON response. */
function errorSchema(doc) {
	const comps = (doc.components || {}).schemas || {};
	if (comps.Error)
		return { $ref: '#/components/schemas/Error' };
	for (const { op } of L.operations(doc))
		for (const [code, r0] of Object.entries(op.responses || {})) {
			if (!/^(4|default)/i.test(code))
				continue;
			const r = L.deref(doc, r0);
			for (const [ct, m] of Object.entries((r && r.content) || {}))
				if (L.isJsonType(ct) && m.schema)
					return m.schema;
		}
	return null;
}

/*
 * Outside any operation, nginx may answer before routing: a malformed
 * request (400), a limit (411, 413, 414, 429), a host name that is not
 * the service's (421), a transfer coding or HTTP version it does not
 * implement (501, 505) or a pool that is down (502, 503, 504).  Never 2xx,
 * 3xx or 500 there; the body is an Error.
 */
const FRONT_END = new Set([400, 411, 413, 414, 421, 429, 501, 502, 503, 504, 505]);

/*
 * The path as nginx routes it: %-escapes decoded, slashes merged, "." and
 * ".." segments resolved (a recorded "/docs/../human_move" is a request
 * for /human_move).  A path that climbs above the root is left alone.
 */
function normalizePath(p) {
	let s = String(p || '/');
	try {
		s = decodeURIComponent(s);
	} catch {
		return s;
	}
	const out = [];
	for (const seg of s.replace(/\/+/g, '/').split('/').slice(1)) {
		if (seg === '.')
			continue;
		if (seg === '..') {
			if (out.length === 0)
				return s;
			out.pop();
			continue;
		}
		out.push(seg);
	}
	const trail = /\/\.{0,2}$/.test(s) && out.length ? '/' : '';
	return '/' + out.join('/') + (trail && !out[out.length - 1] ? '' : trail);
}

/* The service pages, from the index; "/" itself is one. */
function servicePaths() {
	const r = L.live({ method: 'GET', path: '/', headers: { Accept: 'application/json' } });
	const paths = new Set(['/']);
	try {
		for (const p of Object.values(JSON.parse(r.body).endpoints || {}))
			paths.add(p);
	} catch (e) {
		t.ok(false, 'GET / answers JSON that lists the endpoints', e.message);
	}
	return paths;
}

class Checker {
	constructor(doc, label, service) {
		this.doc = doc;
		this.label = label;
		this.service = service || new Set();
		this.ajv = L.makeAjv(doc);
		this.err = errorSchema(doc);
		this.covered = new Set();	/* "METHOD template key" */
	}

	validate(schema, value) {
		const v = L.validatorFor(this.ajv, schema);
		return v(value) ? [] : L.ajvErrors(v);
	}

	parseJson(rec, problems) {
		try {
			return { ok: true, value: JSON.parse(rec.body) };
		} catch (e) {
			problems.push(`the body is not JSON (${e.message}): ${String(rec.body).slice(0, 200)}`);
			return { ok: false };
		}
	}

	errorBody(rec, problems) {
		if (!L.isJsonType(rec.content_type))
			problems.push(`content type ${JSON.stringify(rec.content_type)} is not JSON (all answers are JSON; errors are {"error": ...})`);
		const j = this.parseJson(rec, problems);
		if (j.ok && this.err)
			for (const e of this.validate(this.err, j.value))
				problems.push(`error body does not match the document's Error schema: ${e}`);
		if (!this.err)
			problems.push('the document has no error schema to check against');
	}

	/* Returns a list of problems (empty: the answer conforms). */
	check(rec) {
		const problems = [];
		const method = String(rec.method || '').toUpperCase();
		const status = Number(rec.status);
		const body = rec.body === undefined || rec.body === null ? '' : String(rec.body);
		if (body.length >= L.MAX_CHARS)
			problems.push(`the body has ${body.length} characters; GPT actions need fewer than ${L.MAX_CHARS}`);
		if (!(status >= 100 && status <= 599)) {
			problems.push(`no valid HTTP status (${rec.status})`);
			return problems;
		}
		const pi = L.findPathItem(this.doc, normalizePath(rec.path));
		if (!pi && this.service.has(normalizePath(rec.path))) {
			this.servicePage(rec, method, status, body, problems);
			return problems;
		}
		if (!pi) {
			if (status !== 404 && !FRONT_END.has(status))
				problems.push(`${rec.path} is not in the document, so the answer must be 404 (or a front-end error: ${[...FRONT_END].join(', ')}), got ${status}`);
			if (method !== 'HEAD')
				this.errorBody(rec, problems);
			return problems;
		}
		let op = pi.item[method.toLowerCase()];
		let headOnly = false;
		if (!op && method === 'HEAD' && pi.item.get) {
			op = pi.item.get;
			headOnly = true;
		}
		if (!op) {
			if (method === 'OPTIONS') {
				if (!(status >= 200 && status < 300))
					problems.push(`OPTIONS (CORS preflight) answered ${status}, expected 2xx`);
				if (body.length)
					problems.push('OPTIONS answered with a body');
				return problems;
			}
			if (status !== 405 && !FRONT_END.has(status))
				problems.push(`${method} is not documented on ${pi.template}, so the answer must be 405 (or a front-end error: ${[...FRONT_END].join(', ')}), got ${status}`);
			if (status === 405 && rec.headers && Object.keys(rec.headers).length && !rec.headers.allow)
				problems.push('405 without an Allow header');
			if (method !== 'HEAD')
				this.errorBody(rec, problems);
			return problems;
		}
		const opName = `${headOnly ? 'GET(HEAD)' : method} ${pi.template}`;
		const found = L.findResponse(this.doc, op, status);
		if (!found) {
			problems.push(`status ${status} is not documented for ${opName} (documented: ${Object.keys(op.responses || {}).join(', ')})`);
			return problems;
		}
		const content = found.response.content || {};
		if (Object.keys(content).length === 0) {
			if (body.length && !headOnly)
				problems.push(`${opName} ${found.key} documents no body, but one was sent`);
			this.covered.add(`${headOnly ? 'GET' : method} ${pi.template} ${found.key}`);
			return problems;
		}
		const c = L.findContent(found.response, rec.content_type);
		if (!c) {
			problems.push(`content type ${JSON.stringify(rec.content_type)} is not documented for ${opName} ${found.key} (documented: ${Object.keys(content).join(', ')})`);
			return problems;
		}
		if (headOnly) {
			/* HEAD: GET's status and content type; there is no body to check. */
			return problems;
		}
		this.covered.add(`${method} ${pi.template} ${found.key}`);
		if (!c.media.schema)
			return problems;
		let value = body;
		if (L.isJsonType(c.key) || L.isJsonType(rec.content_type)) {
			const j = this.parseJson(rec, problems);
			if (!j.ok)
				return problems;
			value = j.value;
		}
		try {
			for (const e of this.validate(c.media.schema, value))
				problems.push(`body does not match the schema of ${opName} ${found.key} ${c.key}: ${e}`);
		} catch (e) {
			problems.push(`the schema of ${opName} ${found.key} ${c.key} does not compile: ${e.message}`);
		}
		return problems;
	}

	/* A page outside the document: JSON or HTML, or the error contract. */
	servicePage(rec, method, status, body, problems) {
		if (method === 'OPTIONS') {
			if (!(status >= 200 && status < 300))
				problems.push(`OPTIONS (CORS preflight) answered ${status}, expected 2xx`);
			return;
		}
		if (method !== 'GET' && method !== 'HEAD') {
			if (status !== 405 && !FRONT_END.has(status))
				problems.push(`${method} on the service page ${rec.path} must be 405 (or a front-end error), got ${status}`);
			if (status === 405 && rec.headers && Object.keys(rec.headers).length && !rec.headers.allow)
				problems.push('405 without an Allow header');
			this.errorBody(rec, problems);
			return;
		}
		if (status !== 200) {
			/* Without nginx (CGI mode) nobody resolves "/docs/../x". */
			const unresolved = status === 404 && normalizePath(rec.path) !== rec.path;
			if (!FRONT_END.has(status) && !unresolved)
				problems.push(`GET ${rec.path} answered ${status}, expected 200`);
			if (method !== 'HEAD')
				this.errorBody(rec, problems);
			return;
		}
		const ess = L.mediaEssence(rec.content_type);
		if (ess === 'text/html' || method === 'HEAD')
			return;
		if (!L.isJsonType(rec.content_type)) {
			problems.push(`the service page ${rec.path} answered ${JSON.stringify(rec.content_type)}, not JSON or HTML`);
			return;
		}
		const j = this.parseJson(rec, problems);
		if (j.ok && (j.value === null || typeof j.value !== 'object' || Array.isArray(j.value)))
			problems.push(`the service page ${rec.path} answered JSON that is not an object`);
		void body;
	}

	/* Documented exact statuses no answer has exercised. */
	uncovered() {
		const out = [];
		for (const { path: p, method, op } of L.operations(this.doc))
			for (const code of Object.keys(op.responses || {}))
				if (/^\d{3}$/.test(code) && !this.covered.has(`${method.toUpperCase()} ${p} ${code}`))
					out.push(`${method.toUpperCase()} ${p} ${code}`);
		return out;
	}
}

const checker = new Checker(live.doc, 'served', servicePaths());
t.ok(checker.service.has('/docs') && checker.service.has('/healthz') && checker.service.has('/privacy'),
    'the index lists the service pages (/docs, /privacy, /healthz)', [...checker.service].join(', '));

function describe(rec) {
	let query = rec.query ? '?' + rec.query : '';
	if (query.length > 100)
		query = query.slice(0, 100) + `...(${query.length} chars)`;
	return `${rec.method} ${rec.path}${query} -> ${rec.status} ${rec.content_type || '(no type)'}`;
}

/* ------------------------------------------------------- own requests */

const board = (cells) => ({ board: [cells.slice(0, 3), cells.slice(3, 6), cells.slice(6, 9)] });
const B = (s) => board(s.split('').map((c) => (c === '.' ? ' ' : c)));
const q = (s) => s.split('').map((c, i) => `position_${i + 1}=${c === '.' ? '' : c}`).join('&');
const J = (o) => JSON.stringify(o);

/* Each: [what, request].  Covers every endpoint and status we can cause. */
const own = [
	['index', { method: 'GET', path: '/' }],
	['health', { method: 'GET', path: '/healthz' }],
	['docs', { method: 'GET', path: '/docs' }],
	['openapi.json', { method: 'GET', path: '/openapi.json' }],
	['privacy as JSON', { method: 'GET', path: '/privacy', headers: { Accept: 'application/json' } }],
	['privacy as HTML', { method: 'GET', path: '/privacy', headers: { Accept: 'text/html,application/xhtml+xml' } }],
	['privacy, no Accept', { method: 'GET', path: '/privacy' }],
	['HEAD health', { method: 'HEAD', path: '/healthz' }],
	['HEAD docs', { method: 'HEAD', path: '/docs' }],
	['HEAD move', { method: 'HEAD', path: '/human_move', query: q('X........') }],
	['OPTIONS move (preflight)', { method: 'OPTIONS', path: '/human_move',
		headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST' } }],
	['POST move: opening reply', { method: 'POST', path: '/human_move', body: J(B('X........')) }],
	['POST move: AI opens on an empty board', { method: 'POST', path: '/human_move', body: J(B('.........')) }],
	['POST move: "" cells', { method: 'POST', path: '/human_move', body: J({ board: [['X', '', ''], ['', '', ''], ['', '', '']] }) }],
	['POST move: AI wins', { method: 'POST', path: '/human_move', body: J(B('XX.OO.X..')) }],
	['POST move: AI blocks', { method: 'POST', path: '/human_move', body: J(B('XX.O.....')) }],
	['POST move: AI move makes a draw', { method: 'POST', path: '/human_move', body: J(B('XOXXOOOX.')) }],
	['POST move: game over, X won', { method: 'POST', path: '/human_move', body: J(B('XXXOO....')) }],
	['POST move: game over, draw', { method: 'POST', path: '/human_move', body: J(B('XOXXOOOXX')) }],
	['POST move: extra keys ignored', { method: 'POST', path: '/human_move', body: J(Object.assign({ note: 'hi' }, B('X........'))) }],
	['POST move: form content type', { method: 'POST', path: '/human_move', body: J(B('X........')), contentType: 'application/x-www-form-urlencoded' }],
	['POST move: not JSON (400)', { method: 'POST', path: '/human_move', body: 'board=X' }],
	['POST move: JSON array (400)', { method: 'POST', path: '/human_move', body: '[1,2,3]' }],
	['POST move: no board (400)', { method: 'POST', path: '/human_move', body: '{}' }],
	['POST move: 2 rows (400)', { method: 'POST', path: '/human_move', body: J({ board: [['X', ' ', ' '], [' ', ' ', ' ']] }) }],
	['POST move: bad cell (400)', { method: 'POST', path: '/human_move', body: J({ board: [['Z', ' ', ' '], [' ', ' ', ' '], [' ', ' ', ' ']] }) }],
	['POST move: number cell (400)', { method: 'POST', path: '/human_move', body: J({ board: [[1, ' ', ' '], [' ', ' ', ' '], [' ', ' ', ' ']] }) }],
	['POST move: duplicate keys (400)', { method: 'POST', path: '/human_move', body: `{"board":${J(B('X........').board)},"board":${J(B('X........').board)}}` }],
	['POST move: too many X (422)', { method: 'POST', path: '/human_move', body: J(B('XXX......')) }],
	['POST move: both have a line (422)', { method: 'POST', path: '/human_move', body: J(B('XXXOOO...')) }],
	['POST move: O line but X moved last (422)', { method: 'POST', path: '/human_move', body: J(B('OOOXX.X.X')) }],
	['POST move: X to move (422)', { method: 'POST', path: '/human_move', body: J(B('O........')) }],
	['POST move: empty body', { method: 'POST', path: '/human_move', body: '' }],
	['POST move: no body at all', { method: 'POST', path: '/human_move' }],
	['POST move: body over the limit', { method: 'POST', path: '/human_move', body: J({ board: B('X........').board, pad: 'x'.repeat(20000) }) }],
	['GET move: opening reply', { method: 'GET', path: '/human_move', query: q('X........') }],
	['GET move: only some parameters', { method: 'GET', path: '/human_move', query: 'position_5=X' }],
	['GET move: no parameters (AI opens)', { method: 'GET', path: '/human_move' }],
	['GET move: game over', { method: 'GET', path: '/human_move', query: q('XXXOO....') }],
	['GET move: AI wins', { method: 'GET', path: '/human_move', query: q('XX.OO.X..') }],
	['GET move: bad value (400)', { method: 'GET', path: '/human_move', query: 'position_1=Z' }],
	['GET move: unknown parameter', { method: 'GET', path: '/human_move', query: 'position_10=X' }],
	['GET move: bad %-escape', { method: 'GET', path: '/human_move', query: 'position_1=%ZZ' }],
	['GET move: impossible (422)', { method: 'GET', path: '/human_move', query: q('XXX......') }],
	['GET move: X to move (422)', { method: 'GET', path: '/human_move', query: q('O........') }],
	['GET move: long query', { method: 'GET', path: '/human_move', query: 'position_1=X&' + 'junk=' + 'a'.repeat(6000) }],
	['GET move: query over nginx\'s header buffers (nginx: 414)', { method: 'GET', path: '/human_move', query: 'q=' + 'a'.repeat(12000) }],
	['POST move v2: human_move, level, seed', { method: 'POST', path: '/human_move', body: J(Object.assign({ human_move: 9, level: 'hard', seed: 3 }, B('X...O....'))) }],
	['POST move v2: ai X opens', { method: 'POST', path: '/human_move', body: J(Object.assign({ ai: 'X' }, B('.........'))) }],
	['POST move v2: human_move wins', { method: 'POST', path: '/human_move', body: J(Object.assign({ human_move: 3 }, B('XX.OO....'))) }],
	['POST move v2: every level', { method: 'POST', path: '/human_move', body: J(Object.assign({ level: 'easy', seed: 2147483647 }, B('X........'))) }],
	['POST move v2: bad ai (400)', { method: 'POST', path: '/human_move', body: J(Object.assign({ ai: 'x' }, B('X...O....'))) }],
	['POST move v2: human_move 0 (400)', { method: 'POST', path: '/human_move', body: J(Object.assign({ human_move: 0 }, B('X...O....'))) }],
	['POST move v2: cell taken (422)', { method: 'POST', path: '/human_move', body: J(Object.assign({ human_move: 5 }, B('X...O....'))) }],
	['POST move v2: not the AI\'s turn (422)', { method: 'POST', path: '/human_move', body: J(Object.assign({ ai: 'O' }, B('X...O....'))) }],
	['GET move v2: every field', { method: 'GET', path: '/human_move', query: q('X...O....') + '&human_move=9&level=medium&seed=5&ai=O' }],
	['GET move v2: bad level (400)', { method: 'GET', path: '/human_move', query: q('X...O....') + '&level=expert' }],
	['POST hint', { method: 'POST', path: '/hint', body: J(B('XO.......')) }],
	['POST hint: ai X', { method: 'POST', path: '/hint', body: J(Object.assign({ ai: 'X' }, B('X........'))) }],
	['POST hint: game over', { method: 'POST', path: '/hint', body: J(B('XXXOO....')) }],
	['POST hint: bad board (400)', { method: 'POST', path: '/hint', body: J({ board: [['X']] }) }],
	['POST hint: not the human\'s turn (422)', { method: 'POST', path: '/hint', body: J(B('X........')) }],
	['GET hint', { method: 'GET', path: '/hint', query: q('XO.......') }],
	['GET hint: bad ai (400)', { method: 'GET', path: '/hint', query: q('XO.......') + '&ai=Q' }],
	['GET hint: impossible (422)', { method: 'GET', path: '/hint', query: q('XXX......') }],
	['HEAD hint', { method: 'HEAD', path: '/hint', query: q('XO.......') }],
	['PUT hint (405)', { method: 'PUT', path: '/hint', body: J(B('X........')) }],
	['PUT move (405)', { method: 'PUT', path: '/human_move', body: J(B('X........')) }],
	['DELETE docs (405)', { method: 'DELETE', path: '/docs' }],
	['POST healthz (405)', { method: 'POST', path: '/healthz', body: '{}' }],
	['PATCH privacy (405)', { method: 'PATCH', path: '/privacy', body: '{}' }],
	['TRACE move (nginx answers it)', { method: 'TRACE', path: '/human_move' }],
	['unknown path (404)', { method: 'GET', path: '/nope' }],
	['path above the root (nginx: 400)', { method: 'GET', path: '/../docs' }],
	['encoded NUL in the path (nginx: 400)', { method: 'GET', path: '/docs%00' }],
	['dot segments resolved by nginx', { method: 'GET', path: '/docs/../healthz' }],
	['trailing slash (404)', { method: 'GET', path: '/human_move/' }],
	['POST unknown path (404)', { method: 'POST', path: '/api/human_move', body: J(B('X........')) }],
];

const ownRecs = [];
for (const [what, req] of own) {
	try {
		const r = L.live(req);
		r.what = what;
		ownRecs.push(r);
	} catch (e) {
		t.ok(false, `own request "${what}" gets an answer`, e.message);
	}
}

/* ------------------------------------------------ the recorded answers */

/*
 * Record files older than the worker binary come from an earlier build (a
 * test that no longer ran, or was removed): they are reported and skipped.
 */
function readRecords() {
	const recs = [];
	let files = [];
	try {
		files = fs.readdirSync(L.RECORD_DIR).filter((f) => f.endsWith('.jsonl')).sort();
	} catch {
		files = [];
	}
	const built = fs.statSync(L.WORKER).mtimeMs;
	for (const f of files) {
		const file = path.join(L.RECORD_DIR, f);
		if (fs.statSync(file).mtimeMs < built) {
			stale.push(f);
			continue;
		}
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		lines.forEach((line, i) => {
			if (!line.trim())
				return;
			try {
				const r = JSON.parse(line);
				r.source = `${f}:${i + 1}`;
				recs.push(r);
			} catch (e) {
				recs.push({ source: `${f}:${i + 1}`, invalid: e.message });
			}
		});
	}
	return recs;
}

const stale = [];
const records = readRecords();
const fromOthers = records.filter((r) => !String(r.source).startsWith('contract-'));
t.diag(`record dir ${L.RECORD_DIR}: ${records.length} answers, ` +
    `${fromOthers.length} from other tests (${[...new Set(fromOthers.map((r) => r.source.split(':')[0]))].join(', ') || 'none'})`);
if (stale.length)
	t.diag(`skipped record files older than ${L.WORKER}: ${stale.join(', ')}`);
t.ok(records.length > 0, 'answers were recorded (the recorder works)',
    `no *.jsonl lines in ${L.RECORD_DIR}`);
if (process.env.TTT_CONTRACT_STANDALONE === '1')
	t.skip('answers recorded by the integration tests are present', 'TTT_CONTRACT_STANDALONE=1');
else
	t.ok(fromOthers.length > 0, 'answers recorded by the integration tests are present',
	    `no answers from other tests in ${L.RECORD_DIR}: run make test-responses first ` +
	    '(make test does), or set TTT_CONTRACT_STANDALONE=1 to run this test alone');

const invalid = records.filter((r) => r.invalid);
t.ok(invalid.length === 0, 'every recorded line is JSON',
    invalid.map((r) => `${r.source}: ${r.invalid}`).join('\n'));

/* Group by test file: one TAP line per file keeps the output readable. */
const noAnswer = [];
const bySource = new Map();
for (const r of records.filter((x) => !x.invalid)) {
	if (Number(r.status) === 0) {	/* curl got no answer: nothing to check */
		noAnswer.push(r);
		continue;
	}
	const file = r.source.split(':')[0];
	if (file === `${L.OWN_TEST}.jsonl`)	/* checked one by one below */
		continue;
	if (!bySource.has(file))
		bySource.set(file, []);
	bySource.get(file).push(r);
}
if (noAnswer.length)
	t.diag(`${noAnswer.length} recorded request(s) got no HTTP answer (status 000) and are not checked: ` +
	    noAnswer.slice(0, 5).map((r) => `${r.source} ${r.method} ${r.path}`).join(', '));

for (const [file, recs] of bySource) {
	const failures = [];
	for (const r of recs) {
		const ps = checker.check(r);
		if (ps.length)
			failures.push(`${r.source}: ${describe(r)}\n    ` + ps.join('\n    ') +
			    `\n    body: ${String(r.body).slice(0, 300)}`);
	}
	t.ok(failures.length === 0, `${file}: all ${recs.length} recorded answers conform to the document`,
	    () => failures.slice(0, 25).join('\n') +
	    (failures.length > 25 ? `\n... and ${failures.length - 25} more` : ''));
}

/* The own requests, one line each (they are in the record dir as well). */
for (const r of ownRecs) {
	const ps = checker.check(r);
	t.ok(ps.length === 0, `own request: ${r.what}: ${describe(r)} conforms`,
	    () => ps.join('\n') + `\nbody: ${String(r.body).slice(0, 300)}`);
}

/* ------------------------------------------ the API-key configuration */

/* 401 is documented only when a key is configured: check that variant in
 * CGI mode against its own document. */
{
	const dir = L.tmpdir('ttt-conf-');
	const keyFile = path.join(dir, 'key');
	const key = 'contract-test-key-0123456789';
	fs.writeFileSync(keyFile, key + '\n', { mode: 0o600 });
	fs.chmodSync(keyFile, 0o600);
	const cfg = { api_key_file: keyFile };
	try {
		const kdoc = L.cgiDoc(cfg).doc;
		const kc = new Checker(kdoc, 'api-key', checker.service);
		const body = J(B('X........'));
		const reqs = [
			['with key: POST move without Authorization (401)', { method: 'POST', path: '/human_move', body }],
			['with key: POST move with a wrong key (401)', { method: 'POST', path: '/human_move', body, headers: { Authorization: 'Bearer wrong' } }],
			['with key: POST move with the key', { method: 'POST', path: '/human_move', body, headers: { Authorization: `Bearer ${key}` } }],
			['with key: GET move without Authorization (401)', { method: 'GET', path: '/human_move', query: q('X........') }],
			['with key: GET move with the key', { method: 'GET', path: '/human_move', query: q('X........'), headers: { Authorization: `Bearer ${key}` } }],
			['with key: POST hint without Authorization (401)', { method: 'POST', path: '/hint', body: J(B('XO.......')) }],
			['with key: POST hint with the key', { method: 'POST', path: '/hint', body: J(B('XO.......')), headers: { Authorization: `Bearer ${key}` } }],
			['with key: GET hint without Authorization (401)', { method: 'GET', path: '/hint', query: q('XO.......') }],
			['with key: docs without Authorization', { method: 'GET', path: '/docs' }],
			['with key: healthz without Authorization', { method: 'GET', path: '/healthz' }],
		];
		for (const [what, req] of reqs) {
			const r = L.cgi(req, cfg);
			L.recordOwn(r);
			const ps = kc.check(r);
			t.ok(ps.length === 0, `own request (CGI, API key configured): ${what}: ${describe(r)} conforms`,
			    () => ps.join('\n') + `\nbody: ${String(r.body).slice(0, 300)}`);
		}
		const missing401 = kc.uncovered().filter((x) => / 401$/.test(x));
		t.ok(missing401.length === 0, 'with an API key, every documented 401 was exercised',
		    missing401.join('\n'));
	} catch (e) {
		t.ok(false, 'the API-key variant can be run', e.message);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/* ------------------------------------ the checker can fail (negatives) */

{
	const ok200 = L.live({ method: 'POST', path: '/human_move', body: J(B('X........')) });
	const base = { method: 'POST', path: '/human_move', query: '', status: 200,
		content_type: ok200.content_type, headers: {}, body: ok200.body };
	const neg = [
		['a 200 body that breaks the schema', { body: J({ board: 'X', status: 'maybe', winner: 'X' }) }],
		['a 200 body with an unknown key', { body: J(Object.assign({ extra: 1 }, JSON.parse(ok200.body))) }],
		['a 200 body that is not JSON', { body: 'ok' }],
		['a content type the document does not list', { content_type: 'text/plain' }],
		['an answer of 100,000 characters (valid JSON otherwise)', { body: ok200.body + ' '.repeat(100000) }],
		['an error body that is not {"error": ...}', { status: 400, body: J({ message: 'bad' }) }],
		['200 on a path the document does not have', { path: '/secret' }],
		['200 for a method the document does not have', { method: 'PUT' }],
		['a 404 with a non-JSON body', { path: '/nope', method: 'GET', status: 404, content_type: 'text/html', body: '<h1>404</h1>' }],
		['a service page answering plain text', { path: '/healthz', method: 'GET', content_type: 'text/plain', body: 'ok' }],
		['a service page answering a JSON array', { path: '/healthz', method: 'GET', body: '[1]' }],
		['a service page answering 500', { path: '/docs', method: 'GET', status: 500, body: J({ error: 'x' }) }],
		['a service page answering POST with 200', { path: '/privacy', method: 'POST' }],
	];
	for (const [what, change] of neg) {
		const ps = checker.check(Object.assign({}, base, change));
		t.ok(ps.length > 0, `the checker rejects ${what}`, 'it was accepted');
	}
}

/* --------------------------------------------------------- coverage */

const missing = checker.uncovered();
t.ok(missing.length === 0, 'every documented status of every operation was answered at least once',
    `never seen: ${missing.join(', ')}`);
