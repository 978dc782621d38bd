#!/usr/bin/env node
'use strict';
/*
 * 40-examples.t - the examples in the document are real.
 *
 *   - every request-body example (`example` or `examples`, any operation)
 *     is sent, and the answer must equal the response example documented
 *     for the status it got (and that status must be documented);
 *   - every GET operation whose parameters carry examples is called with
 *     them as the query string, with the same check;
 *   - POST /human_move has at least one request example, and every example
 *     in the document (request, parameter, response) is valid against the
 *     schema next to it.
 * Requests go through nginx when the stack is available.
 */
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
const doc = live.doc;
const ajv = L.makeAjv(doc);

/* Compare the answer with the documented response example(s). */
function checkAnswer(name, op, resp) {
	const found = L.findResponse(doc, op, resp.status);
	if (!t.ok(found, `${name}: answered status ${resp.status} is documented`,
	    `body: ${resp.body.slice(0, 400)}`))
		return;
	const c = L.findContent(found.response, resp.content_type);
	if (!t.ok(c, `${name}: answered content type ${resp.content_type} is documented for ${found.key}`))
		return;
	const exs = L.examplesOf(doc, c.media);
	if (!t.ok(exs.length > 0, `${name}: response ${found.key} has an example to compare with`))
		return;
	let body;
	try {
		body = JSON.parse(resp.body);
	} catch {
		body = resp.body;
	}
	const hit = exs.find((e) => L.deepEqual(e.value, body));
	t.ok(hit, `${name}: the answer equals the documented ${found.key} example`,
	    () => `answer:  ${JSON.stringify(body)}\n` +
	    exs.map((e) => `example ${e.name}: ${JSON.stringify(e.value)}`).join('\n'));
}

const ops = L.operations(doc);
let requestExamples = 0;

/* ---- request bodies ---- */
for (const { path, method, op } of ops) {
	const rb = L.deref(doc, op.requestBody);
	if (!rb || !rb.content)
		continue;
	for (const [ct, media] of Object.entries(rb.content)) {
		const exs = L.examplesOf(doc, media);
		if (path === '/human_move' && method === 'post' && L.isJsonType(ct))
			requestExamples += exs.length;
		for (const ex of exs) {
			const name = `${method.toUpperCase()} ${path} request example "${ex.name}"`;
			const body = typeof ex.value === 'string' && !L.isJsonType(ct) ? ex.value : JSON.stringify(ex.value);
			let resp;
			try {
				resp = L.live({ method: method.toUpperCase(), path, body, contentType: L.mediaEssence(ct) });
			} catch (e) {
				t.ok(false, `${name}: request`, e.message);
				continue;
			}
			checkAnswer(name, op, resp);
		}
	}
}
t.ok(requestExamples >= 1, 'POST /human_move documents at least one JSON request example',
    'requestBody.content["application/json"] needs `example` or `examples`');

/* ---- GET operations with parameter examples ---- */
for (const { path, method, op, item } of ops) {
	if (method !== 'get')
		continue;
	const params = [...(item.parameters || []), ...(op.parameters || [])]
	    .map((p) => L.deref(doc, p)).filter((p) => p && p.in === 'query');
	/* Example sets: "example" (the single one) and each name of "examples". */
	const sets = new Map();
	for (const p of params) {
		for (const ex of L.examplesOf(doc, p)) {
			const set = ex.name === 'example' || ex.name.startsWith('schema.') ? 'example' : ex.name;
			if (!sets.has(set))
				sets.set(set, []);
			sets.get(set).push([p.name, ex.value]);
		}
	}
	for (const [set, pairs] of sets) {
		const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
		const name = `GET ${path}?${query} (parameter examples "${set}")`;
		let resp;
		try {
			resp = L.live({ method: 'GET', path, query });
		} catch (e) {
			t.ok(false, `${name}: request`, e.message);
			continue;
		}
		checkAnswer(name, op, resp);
	}
	if (path === '/human_move')
		t.ok(sets.size >= 1, 'GET /human_move documents parameter examples (the GET form of the request example)');
}

/* ---- every example matches its schema ---- */
const bad = [];
let n = 0;
const checkEx = (holder, where) => {
	if (!holder || !holder.schema)
		return;
	for (const ex of L.examplesOf(doc, holder)) {
		n++;
		try {
			const v = L.validatorFor(ajv, holder.schema);
			if (!v(ex.value))
				bad.push(`${where} example "${ex.name}": ${L.ajvErrors(v).join('; ')}`);
		} catch (e) {
			bad.push(`${where}: schema does not compile: ${e.message}`);
		}
	}
};
for (const { path, method, op, item } of ops) {
	const w = `${method.toUpperCase()} ${path}`;
	for (const p of [...(item.parameters || []), ...(op.parameters || [])])
		checkEx(L.deref(doc, p), `${w} parameter ${p.name}`);
	const rb = L.deref(doc, op.requestBody);
	for (const [ct, m] of Object.entries((rb && rb.content) || {}))
		checkEx(m, `${w} requestBody ${ct}`);
	for (const [code, r0] of Object.entries(op.responses || {})) {
		const r = L.deref(doc, r0);
		for (const [ct, m] of Object.entries((r && r.content) || {}))
			checkEx(m, `${w} ${code} ${ct}`);
	}
}
t.ok(n > 0 && bad.length === 0, `all ${n} examples in the document are valid against their schemas`,
    bad.join('\n') || 'the document has no examples');
