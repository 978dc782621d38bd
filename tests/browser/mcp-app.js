'use strict';
// mcp-app.js - the server's MCP App in Debian's chromium (headless,
// puppeteer-core), inside a test host built on the official AppBridge and
// MCP client (mcp-host.mjs), whose client talks to the real /mcp through
// nginx and the worker pool.  Prints TAP.
//
//   BASE_URL     the stack's URL (https://127.0.0.1:PORT, test certificate)
//   CHROMIUM     the browser binary (default /usr/bin/chromium)
//   SHOT_DIR     where screenshots go (build/browser)
//   PROFILE_DIR  a fresh, empty profile directory
//
// The host page and the packages it imports are answered by the test
// itself (request interception) under the stack's origin, so the host's
// client reaches /mcp as a same-origin page would; every other request
// goes to nginx.  The packages load as the ES modules they ship, through
// an import map (esm-map.js), without a bundler.
const fs = require('node:fs');
const path = require('node:path');
const puppeteer = require('puppeteer-core');
const { esmMap } = require('./esm-map.js');

const base = process.env.BASE_URL;
const shots = process.env.SHOT_DIR || 'build/browser';
const URI = 'ui://ttt/board.html';
const MIME = 'text/html;profile=mcp-app';
let n = 0;
let failed = 0;

function ok(cond, name, diag) {
	n++;
	console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
	if (!cond) {
		failed++;
		if (diag !== undefined)
			for (const l of String(diag).split('\n'))
				console.log(`# ${l}`);
	}
	return cond;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// The host page with its import map, and the files it may load.
function hostFiles() {
	const modules = esmMap(path.join(__dirname, '..', 'node_modules'), '/__modules/',
	    ['@modelcontextprotocol/ext-apps/app-bridge', '@modelcontextprotocol/client']);
	const html = fs.readFileSync(path.join(__dirname, 'mcp-host.html'), 'utf8')
	    .replace('@IMPORT_MAP@', JSON.stringify(modules.importMap).replace(/</g, '\\u003c'));
	const script = fs.readFileSync(path.join(__dirname, 'mcp-host.mjs'));
	return (p) => {
		if (p === '/__host/')
			return { status: 200, contentType: 'text/html; charset=utf-8', body: html };
		if (p === '/__host/host.mjs')
			return { status: 200, contentType: 'text/javascript; charset=utf-8', body: script };
		if (p.startsWith('/__modules/'))
			return modules.serve(p);
		return null;
	};
}

async function appFrame(page) {
	const handle = await page.waitForSelector('iframe#app');
	return handle.contentFrame();
}

async function cells(frame) {
	return frame.$$eval('#board button', (bs) => bs.map((b) => b.textContent || ' '));
}

async function idle(frame) {
	await frame.waitForFunction(() =>
	    document.getElementById('board').getAttribute('aria-busy') === 'false', { timeout: 10000 });
}

const methods = (msgs) => msgs.map((m) => m.method || (m.id !== undefined ? `response ${m.id}` : '?'));

async function main() {
	const files = hostFiles();
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		userDataDir: process.env.PROFILE_DIR,
		acceptInsecureCerts: true,	// the stack's throwaway certificate
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		    '--disable-background-networking', '--disable-component-update',
		    '--disable-sync'],
	});
	const consoleErrors = [];
	const foreign = [];
	const mcpPosts = [];
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 720, height: 900 });
		page.on('console', (m) => {
			const where = (m.location() || {}).url || '';
			// The client's GET for a server-sent event stream: a
			// stateless server answers 405, which the Streamable HTTP
			// transport allows (MCP 2025-11-25, basic/transports).
			if (m.type() === 'error' && !(where === base + '/mcp' && /status of 405/.test(m.text())))
				consoleErrors.push(`${m.text()} (${where})`);
		});
		page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
		await page.setRequestInterception(true);
		page.on('request', (r) => {
			const u = r.url();
			if (!u.startsWith(base + '/') && !u.startsWith('data:') && u !== 'about:srcdoc')
				foreign.push(u);
			if (u === base + '/mcp' && r.method() === 'POST')
				mcpPosts.push(r.postData() || '');
			const mine = u.startsWith(base + '/') ? files(new URL(u).pathname) : null;
			if (mine)
				r.respond(mine);
			else
				r.continue();
		});
		// Run by the browser in every frame, the App's too, before its
		// own script, so the App's policy does not apply to it.
		await page.evaluateOnNewDocument(() => {
			window.cspViolations = [];
			document.addEventListener('securitypolicyviolation', (e) =>
			    window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
		});

		await page.goto(base + '/__host/', { waitUntil: 'load' });
		await page.waitForFunction(() => window.testHost !== undefined, { timeout: 10000 });
		ok(true, 'the test host loads AppBridge and the MCP client from the pinned packages');

		// The model's first call: the user (X) took the centre; the AI is O.
		const args = { board: [[' ', ' ', ' '], [' ', ' ', ' '], [' ', ' ', ' ']], human_move: 5,
		    ai: 'O', level: 'perfect' };
		const s = await page.evaluate((a) => window.testHost.start('human_move', a), args);

		for (const name of ['human_move', 'hint']) {
			const t = s.tools.find((x) => x.name === name) || {};
			const meta = t._meta || {};
			ok(meta.ui && meta.ui.resourceUri === URI && meta['ui/resourceUri'] === URI &&
			    meta['openai/outputTemplate'] === URI,
			    `tools/list: ${name} names the App in _meta.ui.resourceUri, ui/resourceUri and openai/outputTemplate`,
			    JSON.stringify(meta));
		}
		ok(s.uri === URI, `the host finds the App's resource ${URI} from the tool`, s.uri);
		const listed = (s.resources || []).find((r) => r.uri === URI);
		ok(listed && listed.mimeType === MIME, 'resources/list lists the App with its mimeType',
		    JSON.stringify(s.resources));
		const ui = (s.content._meta && s.content._meta.ui) || {};
		ok(s.content.mimeType === MIME && s.content.head === '<!DOCTYPE html>' && s.content.length > 1000,
		    'resources/read gives the App as text/html;profile=mcp-app', JSON.stringify(s.content));
		ok(ui.csp && typeof ui.csp === 'object' && !(ui.csp.connectDomains || []).length &&
		    !(ui.csp.resourceDomains || []).length && typeof ui.prefersBorder === 'boolean',
		    'the resource declares _meta.ui.csp (no domain) and prefersBorder', JSON.stringify(ui));

		const state = () => page.evaluate(() => JSON.parse(JSON.stringify(window.testHost.state)));
		let st = await state();
		const first = st.appMessages[0] || {};
		ok(first.method === 'ui/initialize' && first.params && first.params.protocolVersion === '2026-01-26',
		    'the App opens with ui/initialize, protocolVersion 2026-01-26', JSON.stringify(first));
		ok(st.initialized && methods(st.appMessages).indexOf('ui/notifications/initialized') > 0,
		    'then sends ui/notifications/initialized', methods(st.appMessages).join(', '));
		ok(s.appVersion && s.appVersion.name !== undefined, 'AppBridge knows the App', JSON.stringify(s.appVersion));

		const frame = await appFrame(page);
		await frame.waitForFunction(() => document.documentElement.dataset.ready === '1', { timeout: 10000 });
		const sc = s.result.structuredContent;
		await frame.waitForFunction((b) => Array.from(document.querySelectorAll('#board button'))
		    .map((x) => x.textContent || ' ').join('') === b, { timeout: 10000 }, sc.board.flat().join(''));
		const drawn = await cells(frame);
		ok(same(drawn, sc.board.flat()) && drawn[4] === 'X' && drawn.filter((c) => c === 'O').length === 1,
		    'the App draws the board of the real tool result (X in the centre, the AI\'s O)',
		    `${drawn.join('')} vs ${JSON.stringify(sc.board)}`);
		const msg = await frame.$eval('#message', (e) => e.textContent);
		ok(msg === sc.message, 'the App shows the answer\'s sentence', msg);

		st = await state();
		const sizes = st.sizes;
		ok(sizes.length >= 1 && sizes.every((z) => z.width > 100 && z.height > 100),
		    'the App reports its size (ui/notifications/size-changed)', JSON.stringify(sizes));
		const frameHeight = await page.$eval('iframe#app', (f) => f.clientHeight);
		ok(frameHeight === sizes[sizes.length - 1].height,
		    'the host fitted the frame to the reported height', `${frameHeight} ${JSON.stringify(sizes)}`);

		// A click on a free cell: tools/call through the host to the server.
		const before = mcpPosts.length;
		const contextsBefore = st.modelContext.length;
		const free = drawn.indexOf(' ') + 1;
		await frame.click(`#board button[data-pos="${free}"]`);
		await page.waitForFunction((k) => window.testHost.state.modelContext.length > k,
		    { timeout: 10000 }, contextsBefore);
		await idle(frame);
		st = await state();
		const call = st.appMessages.filter((m) => m.method === 'tools/call').pop() || {};
		ok(call.params && call.params.name === 'human_move' &&
		    same(call.params.arguments.board, sc.board) && call.params.arguments.human_move === free &&
		    call.params.arguments.ai === 'O' && call.params.arguments.level === 'perfect',
		    'a click on a free cell asks the host for tools/call human_move with that cell and the game\'s options',
		    JSON.stringify(call));
		const posted = mcpPosts.slice(before).map((b) => { try { return JSON.parse(b); } catch (e) { return {}; } });
		ok(posted.some((b) => b.method === 'tools/call' && b.params && b.params.name === 'human_move' &&
		    b.params.arguments && b.params.arguments.human_move === free),
		    'the host\'s client sent that tools/call to the server\'s /mcp', JSON.stringify(posted));
		const after = await cells(frame);
		const ctx = st.modelContext[st.modelContext.length - 1];
		const nb = ctx && ctx.structuredContent && ctx.structuredContent.board;
		ok(after[free - 1] === 'X' && after.filter((c) => c === 'O').length === 2 &&
		    nb && same(after, nb.flat()),
		    'the board updates with the server\'s answer (the click and the AI\'s reply)', after.join(''));
		const text = ((ctx && ctx.content) || []).map((c) => c.text).join('\n');
		ok(text.includes(`played position ${free}`) && text.includes(ctx.structuredContent.board_text) &&
		    /user's move \(X\)|game is over/.test(text),
		    'the host receives the new board as model context (ui/update-model-context)', text);
		fs.mkdirSync(shots, { recursive: true });
		await page.screenshot({ path: path.join(shots, 'mcp-app.png'), fullPage: true });
		ok(fs.statSync(path.join(shots, 'mcp-app.png')).size > 1000,
		    'a screenshot is saved in build/browser/mcp-app.png');

		// The Hint button goes through the host too; then play to the end
		// on the hinted cells: against perfect play that is a draw.
		for (let turn = 0; turn < 5; turn++) {
			if ((await frame.$eval('#result', (r) => r.dataset.outcome || '')) !== '')
				break;
			await frame.click('#hint');
			await idle(frame);
			const best = await frame.$$eval('#board button.hint', (bs) => bs.map((b) => Number(b.dataset.pos)));
			if (best.length === 0)
				throw new Error('the hint marked no cell');
			await frame.click(`#board button[data-pos="${best[0]}"]`);
			await idle(frame);
			const err = await frame.$eval('#error', (e) => e.textContent);
			if (err !== '')
				throw new Error(`the App shows an error: ${err}`);
		}
		const end = await frame.$eval('#result', (e) => e.textContent);
		st = await state();
		const hints = st.appMessages.filter((m) => m.method === 'tools/call' && m.params.name === 'hint');
		ok(hints.length >= 1, 'the Hint button calls the hint tool through the host', `${hints.length}`);
		ok(end === 'Draw.', 'best moves against perfect play end in a draw in the App', end);
		const lastText = (st.modelContext[st.modelContext.length - 1].content || [])[0].text;
		ok(/game is over/.test(lastText), 'the model is told when the game is over', lastText);
		await page.screenshot({ path: path.join(shots, 'mcp-app-end.png'), fullPage: true });

		// The host turns dark: the App follows its theme, not the system's.
		await page.evaluate(() => window.testHost.setTheme('dark'));
		await frame.waitForFunction(() => document.documentElement.style.colorScheme === 'dark',
		    { timeout: 5000 });
		const bg = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
		const rgb = (bg.match(/\d+/g) || []).slice(0, 3).map(Number);
		ok(rgb.length === 3 && rgb.every((c) => c < 80),
		    'the App takes the host\'s dark theme (ui/notifications/host-context-changed)', bg);
		await page.screenshot({ path: path.join(shots, 'mcp-app-dark.png'), fullPage: true });

		const violations = await frame.evaluate(() => window.cspViolations);
		ok(violations.length === 0, 'no Content-Security-Policy violation in the App', violations.join('\n'));
		ok(consoleErrors.length === 0, 'no console error', consoleErrors.join('\n'));
		ok(foreign.length === 0, 'nothing is loaded from another origin', foreign.join('\n'));
	} finally {
		await browser.close();
	}
}

main().then(() => {
	console.log(`1..${n}`);
	process.exit(failed === 0 ? 0 : 1);
}, (e) => {
	ok(false, 'the browser session ran to its end', e.stack || e);
	console.log(`1..${n}`);
	process.exit(1);
});
