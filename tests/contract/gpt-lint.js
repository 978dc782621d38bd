'use strict';
/*
 * gpt-lint.js - what OpenAI's GPT-action importer and runtime expect of an
 * OpenAPI document, as checks (OpenAI's GPT-action documentation and what
 * its importer was seen to accept and drop).
 *
 *   const { gptLint } = require('./gpt-lint');
 *   const problems = gptLint(doc, { text, tls: true });
 *   // [{ rule, where, message }], empty when the document is fine
 *
 *   node tests/contract/gpt-lint.js [--tls] FILE.json    (exit 1 on problems)
 *
 * Rules (the names are what the negative tests assert on):
 *   one-server              exactly one entry in servers
 *   server-url              servers[0].url is an absolute http(s) URL
 *   server-https            ... and https when the document was fetched over
 *                           TLS (opts.tls)
 *   info-title, info-version  present, non-empty strings
 *   path-slash              every path starts with "/"
 *   operation-id            present and matches ^[A-Za-z0-9_-]{1,64}$
 *   operation-id-unique     no two operations share one
 *   summary-length, description-length   <= 300 characters (operations and
 *                           path items)
 *   parameter-description-length         <= 700 characters
 *   parameter-ref           no $ref as a parameter (the importer drops it)
 *   parameter-scalar        query/path/header parameters are scalars (array
 *                           query parameters are serialised wrongly)
 *   object-properties       every schema of type object declares properties
 *   nullable-anyof          no anyOf/oneOf [.., {type: "null"}] (importer
 *                           mishandles it; use type: [T, "null"])
 *   consequential           x-openai-isConsequential present (boolean) on
 *                           every non-GET operation
 *   operation-count         at most 30 operations
 *   document-size           the document is under 100,000 characters
 */

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const MAX_SUMMARY = 300;
const MAX_DESCRIPTION = 300;
const MAX_PARAM_DESCRIPTION = 700;
const MAX_OPERATIONS = 30;
const MAX_CHARS = 100000;

function esc(k) {
	return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

function resolveRef(doc, ref) {
	if (typeof ref !== 'string' || !ref.startsWith('#/'))
		return undefined;
	let node = doc;
	for (const raw of ref.slice(2).split('/')) {
		const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		if (node === null || typeof node !== 'object' || !(key in node))
			return undefined;
		node = node[key];
	}
	return node;
}

function isObj(x) {
	return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function typeIncludes(schema, t) {
	return schema.type === t || (Array.isArray(schema.type) && schema.type.includes(t));
}

/*
 * Walk every schema reachable in place (components.schemas, parameters,
 * request bodies, responses, headers), calling fn(schema, where).  $ref
 * nodes are not followed: the target is visited where it is defined.
 */
function walkSchemas(doc, fn) {
	const seen = new Set();
	const visit = (s, where) => {
		if (!isObj(s) || seen.has(s))
			return;
		seen.add(s);
		fn(s, where);
		for (const k of ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'])
			if (isObj(s[k]))
				for (const [n, sub] of Object.entries(s[k]))
					visit(sub, `${where}/${k}/${esc(n)}`);
		for (const k of ['items', 'additionalProperties', 'unevaluatedProperties',
			'unevaluatedItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
			'additionalItems'])
			if (isObj(s[k]))
				visit(s[k], `${where}/${k}`);
		for (const k of ['allOf', 'anyOf', 'oneOf', 'prefixItems'])
			if (Array.isArray(s[k]))
				s[k].forEach((sub, i) => visit(sub, `${where}/${k}/${i}`));
		if (Array.isArray(s.items))	/* draft-04 style tuple */
			s.items.forEach((sub, i) => visit(sub, `${where}/items/${i}`));
	};
	const comps = doc.components || {};
	for (const [n, s] of Object.entries(comps.schemas || {}))
		visit(s, `#/components/schemas/${esc(n)}`);
	const media = (content, where) => {
		for (const [ct, m] of Object.entries(content || {}))
			if (isObj(m))
				visit(m.schema, `${where}/content/${esc(ct)}/schema`);
	};
	const param = (p, where) => {
		if (!isObj(p))
			return;
		visit(p.schema, `${where}/schema`);
		media(p.content, where);
	};
	const headers = (hs, where) => {
		for (const [n, h] of Object.entries(hs || {}))
			param(h, `${where}/headers/${esc(n)}`);
	};
	const response = (r, where) => {
		if (!isObj(r))
			return;
		media(r.content, where);
		headers(r.headers, where);
	};
	for (const [n, p] of Object.entries(comps.parameters || {}))
		param(p, `#/components/parameters/${esc(n)}`);
	for (const [n, r] of Object.entries(comps.responses || {}))
		response(r, `#/components/responses/${esc(n)}`);
	for (const [n, b] of Object.entries(comps.requestBodies || {}))
		if (isObj(b))
			media(b.content, `#/components/requestBodies/${esc(n)}`);
	headers(comps.headers, '#/components');
	for (const [p, item] of Object.entries(doc.paths || {})) {
		if (!isObj(item))
			continue;
		const pw = `#/paths/${esc(p)}`;
		(item.parameters || []).forEach((x, i) => param(x, `${pw}/parameters/${i}`));
		for (const m of METHODS) {
			const op = item[m];
			if (!isObj(op))
				continue;
			const ow = `${pw}/${m}`;
			(op.parameters || []).forEach((x, i) => param(x, `${ow}/parameters/${i}`));
			if (isObj(op.requestBody))
				media(op.requestBody.content, `${ow}/requestBody`);
			for (const [code, r] of Object.entries(op.responses || {}))
				response(r, `${ow}/responses/${esc(code)}`);
		}
	}
}

function gptLint(doc, opts) {
	opts = opts || {};
	const problems = [];
	const add = (rule, where, message) => problems.push({ rule, where, message });

	if (!isObj(doc)) {
		add('document', '#', 'the document is not a JSON object');
		return problems;
	}

	/* size: the text as served when we have it */
	const text = typeof opts.text === 'string' ? opts.text : JSON.stringify(doc);
	if (text.length >= MAX_CHARS)
		add('document-size', '#', `the document has ${text.length} characters; GPT actions need fewer than ${MAX_CHARS}`);

	/* servers */
	const servers = Array.isArray(doc.servers) ? doc.servers : [];
	if (servers.length !== 1)
		add('one-server', '#/servers', `exactly one server is needed, found ${servers.length} (the importer drops extra ones or finds no URL)`);
	if (servers.length >= 1) {
		const url = servers[0] && servers[0].url;
		let u = null;
		try {
			u = new URL(url);
		} catch {
			u = null;
		}
		if (!u || !/^https?:$/.test(u.protocol) || !u.hostname || /[{}]/.test(String(url)))
			add('server-url', '#/servers/0/url', `servers[0].url must be an absolute http(s) URL without variables, got ${JSON.stringify(url)}`);
		else if (opts.tls && u.protocol !== 'https:')
			add('server-https', '#/servers/0/url', `the document was fetched over TLS but servers[0].url is ${url}; GPT actions need https`);
	}

	/* info */
	const info = isObj(doc.info) ? doc.info : {};
	if (typeof info.title !== 'string' || info.title.trim() === '')
		add('info-title', '#/info/title', 'info.title is required');
	if (typeof info.version !== 'string' || info.version.trim() === '')
		add('info-version', '#/info/version', 'info.version is required');

	/* paths and operations */
	const ids = new Map();
	let nops = 0;
	const checkText = (obj, where) => {
		if (typeof obj.summary === 'string' && obj.summary.length > MAX_SUMMARY)
			add('summary-length', `${where}/summary`, `summary has ${obj.summary.length} characters, at most ${MAX_SUMMARY}`);
		if (typeof obj.description === 'string' && obj.description.length > MAX_DESCRIPTION)
			add('description-length', `${where}/description`, `description has ${obj.description.length} characters, at most ${MAX_DESCRIPTION}`);
	};
	const checkParams = (params, where) => {
		if (!Array.isArray(params))
			return;
		params.forEach((p, i) => {
			const w = `${where}/parameters/${i}`;
			if (!isObj(p))
				return;
			if ('$ref' in p) {
				add('parameter-ref', w, `parameter is a $ref (${p.$ref}); the GPT importer drops referenced parameters: inline it`);
				return;
			}
			if (typeof p.description === 'string' && p.description.length > MAX_PARAM_DESCRIPTION)
				add('parameter-description-length', `${w}/description`, `parameter ${p.name} description has ${p.description.length} characters, at most ${MAX_PARAM_DESCRIPTION}`);
			let s = p.schema;
			if (isObj(s) && typeof s.$ref === 'string')
				s = resolveRef(doc, s.$ref) || s;
			if (isObj(s) && (typeIncludes(s, 'array') || typeIncludes(s, 'object')))
				add('parameter-scalar', `${w}/schema`, `parameter ${p.name} is not a scalar; GPT actions serialise array/object parameters wrongly`);
		});
	};
	for (const [p, item] of Object.entries(doc.paths || {})) {
		const pw = `#/paths/${esc(p)}`;
		if (!p.startsWith('/'))
			add('path-slash', pw, `path ${JSON.stringify(p)} must start with "/"`);
		if (!isObj(item))
			continue;
		checkText(item, pw);
		checkParams(item.parameters, pw);
		for (const m of METHODS) {
			const op = item[m];
			if (!isObj(op))
				continue;
			nops++;
			const ow = `${pw}/${m}`;
			const id = op.operationId;
			if (typeof id !== 'string' || !ID_RE.test(id))
				add('operation-id', `${ow}/operationId`, `${m.toUpperCase()} ${p}: operationId ${JSON.stringify(id)} must match ${ID_RE}`);
			else if (ids.has(id))
				add('operation-id-unique', `${ow}/operationId`, `${m.toUpperCase()} ${p}: operationId ${id} is also used by ${ids.get(id)}`);
			else
				ids.set(id, `${m.toUpperCase()} ${p}`);
			checkText(op, ow);
			checkParams(op.parameters, ow);
			if (m !== 'get') {
				const c = op['x-openai-isConsequential'];
				if (typeof c !== 'boolean')
					add('consequential', `${ow}/x-openai-isConsequential`, `${m.toUpperCase()} ${p} needs x-openai-isConsequential (boolean); absent means the user must confirm every call`);
			}
		}
	}
	if (nops > MAX_OPERATIONS)
		add('operation-count', '#/paths', `${nops} operations; GPT actions take at most ${MAX_OPERATIONS}`);

	/* schemas */
	walkSchemas(doc, (s, where) => {
		if (typeIncludes(s, 'object') && !isObj(s.properties))
			add('object-properties', where, 'object schema declares no properties');
		for (const k of ['anyOf', 'oneOf'])
			if (Array.isArray(s[k]) && s[k].some((x) => isObj(x) && (x.type === 'null' || ('const' in x && x.const === null))))
				add('nullable-anyof', `${where}/${k}`, `${k} with a {type: "null"} branch; GPT importers mishandle it, use type: [T, "null"]`);
	});

	return problems;
}

module.exports = { gptLint, walkSchemas, ID_RE, MAX_OPERATIONS, MAX_CHARS };

if (require.main === module) {
	const fs = require('node:fs');
	const args = process.argv.slice(2);
	const tls = args.includes('--tls');
	const file = args.filter((a) => a !== '--tls')[0];
	if (!file) {
		process.stderr.write('usage: gpt-lint.js [--tls] FILE.json\n');
		process.exit(2);
	}
	const text = fs.readFileSync(file, 'utf8');
	const problems = gptLint(JSON.parse(text), { text, tls });
	for (const p of problems)
		process.stdout.write(`${p.rule}: ${p.where}: ${p.message}\n`);
	process.exit(problems.length ? 1 : 0);
}
