'use strict';
// esm-map.js - let a test page import npm packages from tests/node_modules
// as they are, without a bundler: an import map (HTML spec, "Import maps")
// for every bare specifier reachable from the entry points, resolved the way
// a bundler targeting browsers does (package.json "exports" with the
// conditions browser, import, default), and a function that serves the
// files under a URL prefix.
//
//   const { importMap, serve } = esmMap(nodeModulesDir, '/__modules/', ['@scope/pkg/sub'])
//   importMap   -> {imports, scopes} for <script type="importmap">
//   serve(path) -> {status, contentType, body} for a path under the prefix
//
// Specifiers are found in the shipped files with regular expressions
// (`from "x"`, `import "x"`, `import("x")`); one that does not resolve is
// left out, and the browser reports it if it is ever imported.
const fs = require('node:fs');
const path = require('node:path');

const CONDITIONS = ['browser', 'import', 'module', 'default'];
const SPECIFIER = /\bfrom\s*["']([^"'\s]+)["']|\bimport\s*["']([^"'\s]+)["']|\bimport\(\s*["']([^"'\s]+)["']\s*\)/g;

function splitSpecifier(spec) {
	const parts = spec.split('/');
	const n = spec.startsWith('@') ? 2 : 1;
	return { name: parts.slice(0, n).join('/'), sub: parts.length > n ? './' + parts.slice(n).join('/') : '.' };
}

// The target of an "exports" value under CONDITIONS, or null.
function pickTarget(value) {
	if (typeof value === 'string')
		return value;
	if (Array.isArray(value)) {
		for (const v of value) {
			const t = pickTarget(v);
			if (t)
				return t;
		}
		return null;
	}
	if (value && typeof value === 'object') {
		for (const c of CONDITIONS)
			if (c in value) {
				const t = pickTarget(value[c]);
				if (t)
					return t;
			}
	}
	return null;
}

function resolveExports(exp, sub) {
	if (typeof exp === 'string' || Array.isArray(exp) ||
	    (exp && typeof exp === 'object' && !Object.keys(exp).some((k) => k.startsWith('.'))))
		return sub === '.' ? pickTarget(exp) : null;
	if (sub in exp)
		return pickTarget(exp[sub]);
	for (const key of Object.keys(exp)) {
		const star = key.indexOf('*');
		if (star < 0)
			continue;
		const pre = key.slice(0, star), post = key.slice(star + 1);
		if (sub.startsWith(pre) && sub.endsWith(post) && sub.length >= key.length - 1) {
			const t = pickTarget(exp[key]);
			if (t)
				return t.replace('*', sub.slice(pre.length, sub.length - post.length));
		}
	}
	return null;
}

function esmMap(root, prefix, entries) {
	root = path.resolve(root);
	const imports = {};
	const scopes = {};
	const seen = new Set();
	const queue = [];
	const urlOf = (file) => prefix + path.relative(root, file).split(path.sep).join('/');

	// The package directory of `name` seen from `dir`, as Node looks it up.
	function packageDir(name, dir) {
		for (let d = dir; d.startsWith(root); d = path.dirname(d)) {
			const p = path.join(d, d.endsWith(path.sep + 'node_modules') ? '' : 'node_modules', name);
			if (fs.existsSync(path.join(p, 'package.json')))
				return p;
			if (d === root)
				break;
		}
		const top = path.join(root, name);
		return fs.existsSync(path.join(top, 'package.json')) ? top : null;
	}

	function resolve(spec, dir) {
		const { name, sub } = splitSpecifier(spec);
		const pdir = packageDir(name, dir);
		if (!pdir)
			return null;
		const pkg = JSON.parse(fs.readFileSync(path.join(pdir, 'package.json'), 'utf8'));
		let target = null;
		if (pkg.exports !== undefined)
			target = resolveExports(pkg.exports, sub);
		else if (sub === '.')
			target = (typeof pkg.browser === 'string' && pkg.browser) || pkg.module || pkg.main || 'index.js';
		else
			target = sub;
		if (!target)
			return null;
		let file = path.join(pdir, target);
		if (!fs.existsSync(file) && fs.existsSync(file + '.js'))
			file += '.js';
		if (fs.existsSync(file) && fs.statSync(file).isDirectory())
			file = path.join(file, 'index.js');
		return fs.existsSync(file) ? file : null;
	}

	function visit(file) {
		if (seen.has(file))
			return;
		seen.add(file);
		queue.push(file);
	}

	function scan(file) {
		const text = fs.readFileSync(file, 'utf8');
		const dir = path.dirname(file);
		for (const m of text.matchAll(SPECIFIER)) {
			const spec = m[1] || m[2] || m[3];
			if (spec.startsWith('.') || spec.startsWith('/')) {
				const f = path.resolve(dir, spec);
				if (fs.existsSync(f) && fs.statSync(f).isFile())
					visit(f);
				continue;
			}
			if (/^[a-z]+:/.test(spec))	// node:fs, data:, https:
				continue;
			const target = resolve(spec, dir);
			if (!target)
				continue;
			// Scoped by the importing package, so two versions of a
			// dependency can coexist as they do on disk.
			const scope = urlOf(dir) + '/';
			(scopes[scope] ||= {})[spec] = urlOf(target);
			visit(target);
		}
	}

	for (const spec of entries) {
		const target = resolve(spec, root);
		if (!target)
			throw new Error(`esm-map: ${spec} does not resolve under ${root}`);
		imports[spec] = urlOf(target);
		visit(target);
	}
	while (queue.length > 0)
		scan(queue.shift());

	function serve(urlPath) {
		if (!urlPath.startsWith(prefix))
			return { status: 404, contentType: 'text/plain', body: 'not here' };
		const file = path.resolve(root, decodeURIComponent(urlPath.slice(prefix.length)));
		if (!file.startsWith(root + path.sep) || !seen.has(file))
			return { status: 404, contentType: 'text/plain', body: 'not in the import graph' };
		return { status: 200, contentType: 'text/javascript; charset=utf-8', body: fs.readFileSync(file) };
	}

	return { importMap: { imports, scopes }, serve, files: seen.size };
}

module.exports = { esmMap };
