'use strict';
// game.js - drive Debian's chromium (headless, puppeteer-core) through the
// home page served by nginx + the worker pool, printing TAP.
//
//   BASE_URL     the stack's URL (https://127.0.0.1:PORT, test certificate)
//   CHROMIUM     the browser binary (default /usr/bin/chromium)
//   SHOT_DIR     where screenshots go (build/browser)
//   PROFILE_DIR  a fresh, empty profile directory
//   AUTH_KEY     set: the stack wants this key with api_key_type = basic;
//                check the key field instead of playing (authChecks)
//   TAP_OFFSET   number the tests from here (game.t runs this twice)
//   TAP_NO_PLAN  print no plan (the second run prints it)
const fs = require('node:fs');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const base = process.env.BASE_URL;
const shots = process.env.SHOT_DIR || 'build/browser';
let n = Number(process.env.TAP_OFFSET || 0);
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

async function waitIdle(page) {
	await page.waitForFunction(
	    () => document.getElementById('board').getAttribute('aria-busy') === 'false',
	    { timeout: 10000 });
}

async function boardMarks(page) {
	return page.$$eval('#board button', (bs) => bs.map((b) => b.textContent || ' '));
}

async function outcome(page) {
	return page.$eval('#result', (r) => r.dataset.outcome || '');
}

// Choose side and level, start a new game, then play until the page says
// the game is over; pick(page) chooses the cell (1-9) to click.
async function playGame(page, side, level, pick) {
	await page.click(`input[name=side][value=${side}]`);
	await page.select('#level', level);
	await page.click('#new-game');
	await waitIdle(page);
	for (let turn = 0; turn < 9 && (await outcome(page)) === ''; turn++) {
		const cell = await pick(page);
		await page.click(`#board button[data-pos="${cell}"]`);
		await waitIdle(page);
		const err = await page.$eval('#error', (e) => e.textContent);
		if (err !== '')
			throw new Error(`the page shows an error: ${err}`);
	}
	return outcome(page);
}

// The first cell the /hint answer marks as best for the human.
async function hintPick(page) {
	await page.click('#hint');
	await waitIdle(page);
	const best = await page.$$eval('#board button.hint', (bs) => bs.map((b) => b.dataset.pos));
	if (best.length === 0)
		throw new Error('the hint marked no cell');
	return best[0];
}

async function firstEmptyPick(page) {
	const marks = await boardMarks(page);
	return marks.indexOf(' ') + 1;
}

// The Copy button sits beside the instructions' text box, covers no text,
// and the page fits the width: at a desktop and at a phone width, each
// with a screenshot (build/browser/layout-W.png) for a person to look at.
async function layoutChecks(page) {
	for (const width of [1280, 390]) {
		await page.setViewport({ width, height: 900 });
		const g = await page.evaluate(() => {
			const r = (e) => { const b = e.getBoundingClientRect();
				return { l: b.left, r: b.right, t: b.top, b: b.bottom }; };
			const li = document.getElementById('instructions').closest('li');
			const button = document.getElementById('copy');
			// The rectangles of the list item's own text (its lines).
			const text = [];
			const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
			for (let t = walk.nextNode(); t; t = walk.nextNode()) {
				if (t.parentElement.closest('textarea, button') || !t.textContent.trim())
					continue;
				const range = document.createRange();
				range.selectNodeContents(t);
				for (const q of range.getClientRects())
					text.push({ l: q.left, r: q.right, t: q.top, b: q.bottom });
			}
			return { button: r(button), area: r(document.getElementById('instructions')),
			    text, inner: window.innerWidth,
			    scroll: document.documentElement.scrollWidth };
		});
		const bt = g.button, ta = g.area;
		const overlaps = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
		ok(bt.l >= ta.r && bt.t >= ta.t - 1 && bt.t < ta.b,
		    `${width} px: the Copy button is beside the text box, at its top`,
		    JSON.stringify({ button: bt, area: ta }));
		const covered = g.text.filter((q) => overlaps(q, bt));
		ok(covered.length === 0, `${width} px: the Copy button covers no text`,
		    JSON.stringify(covered));
		ok(bt.r <= g.inner && g.scroll <= g.inner,
		    `${width} px: nothing runs off the side of the page`,
		    `button right ${bt.r}, page ${g.scroll}, window ${g.inner}`);
		const shot = path.join(shots, `layout-${width}.png`);
		await page.screenshot({ path: shot, fullPage: true });
		ok(fs.statSync(shot).size > 1000, `${width} px: a screenshot is saved in ${shot}`);
	}
	await page.setViewport({ width: 1100, height: 900 });
}

// api_key_type = basic: the page's own requests never meet a Basic
// challenge, so a wrong key never opens the browser's login dialog.  The
// DevTools protocol's Fetch.authRequired fires exactly where that dialog
// would: it is counted, and cancelled as a user would.
async function authChecks(page, key) {
	const cdp = await page.createCDPSession();
	const prompts = [];
	const challenges = [];
	cdp.on('Fetch.requestPaused', (e) =>
	    cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => {}));
	cdp.on('Fetch.authRequired', (e) => {
		prompts.push(`${e.request.method} ${e.request.url}: ${e.authChallenge.scheme}`);
		cdp.send('Fetch.continueWithAuth', { requestId: e.requestId,
		    authChallengeResponse: { response: 'CancelAuth' } }).catch(() => {});
	});
	await cdp.send('Fetch.enable', { handleAuthRequests: true,
	    patterns: [{ urlPattern: '*' }] });
	page.on('response', (r) => {
		const w = r.headers()['www-authenticate'] || '';
		if (/^\s*basic/i.test(w))
			challenges.push(`${r.request().method()} ${r.url()}: ${w}`);
	});

	await page.goto(base + '/', { waitUntil: 'load' });
	await page.waitForFunction(() => document.documentElement.dataset.ready === '1',
	    { timeout: 5000 });
	ok(await page.$eval('#auth-box', (e) => !e.hidden), 'with a key configured the page shows its key field');

	// A wrong key: the move is refused, the page says why.
	await page.type('#api-key', 'wrong-' + key);
	await page.click('input[name=side][value=X]');
	await page.click('#new-game');
	await waitIdle(page);
	await page.click('#board button[data-pos="5"]');
	await waitIdle(page);
	const err = await page.$eval('#error', (e) => e.textContent);
	ok(/API key/.test(err), 'a wrong key: the page shows the 401 in its own words', err);
	ok(prompts.length === 0, 'a wrong key: the browser would show no login dialog', prompts.join('\n'));
	ok(challenges.length === 0, 'no answer to the page carries a Basic challenge', challenges.join('\n'));

	// The right key: the move is played.
	await page.$eval('#api-key', (e) => { e.value = ''; });
	await page.type('#api-key', key);
	await page.click('#board button[data-pos="5"]');
	await waitIdle(page);
	const marks = await boardMarks(page);
	ok(marks[4] === 'X' && marks.filter((m) => m === 'O').length === 1 &&
	    await page.$eval('#error', (e) => e.textContent) === '',
	    'the right key: the move is played', marks.join(''));
	ok(prompts.length === 0 && challenges.length === 0,
	    'still no login dialog and no Basic challenge', prompts.concat(challenges).join('\n'));

	// Control: a request that is not the page's (no X-Requested-With) gets
	// the Basic challenge, and the browser would open its dialog: the two
	// checks above can fail.
	const status = await page.evaluate(async () => (await fetch('human_move', {
		method: 'POST', headers: { 'Content-Type': 'application/json',
		    Authorization: 'Basic not-the-key' },
		body: JSON.stringify({ board: [[' ', ' ', ' '], [' ', ' ', ' '], [' ', ' ', ' ']] }),
	})).status);
	ok(status === 401 && prompts.length === 1 && challenges.length === 1,
	    'control: another client\'s request with a wrong key gets the Basic challenge (dialog and header seen)',
	    `status ${status}, prompts ${JSON.stringify(prompts)}, challenges ${JSON.stringify(challenges)}`);
	await cdp.send('Fetch.disable');
}

async function main() {
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,	// --headless=new
		userDataDir: process.env.PROFILE_DIR,
		acceptInsecureCerts: true,	// the stack's throwaway certificate
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		    '--disable-background-networking', '--disable-component-update',
		    '--disable-sync'],
	});
	const consoleErrors = [];
	const foreign = [];
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1100, height: 900 });
		page.on('console', (m) => {
			if (m.type() === 'error')
				consoleErrors.push(m.text());
		});
		page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
		page.on('request', (r) => {
			const u = r.url();
			if (!u.startsWith(base + '/') && !u.startsWith('data:'))
				foreign.push(u);
		});
		// Injected by the browser itself, so the page's CSP does not apply.
		await page.evaluateOnNewDocument(() => {
			window.cspViolations = [];
			document.addEventListener('securitypolicyviolation', (e) =>
			    window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
		});

		if (process.env.AUTH_KEY) {
			await authChecks(page, process.env.AUTH_KEY);
			ok(consoleErrors.every((e) => /401/.test(e)),
			    'no console error but the refused requests\' 401', consoleErrors.join('\n'));
			return;
		}
		const res = await page.goto(base + '/', { waitUntil: 'load' });
		const h = res.headers();
		ok(res.status() === 200 && /^text\/html/.test(h['content-type'] || ''),
		    'GET / in a browser answers 200 text/html', `${res.status()} ${h['content-type']}`);
		const csp = h['content-security-policy'] || '';
		ok(/default-src 'none'/.test(csp) && /script-src 'sha256-/.test(csp) &&
		    /frame-ancestors 'none'/.test(csp) && !/unsafe-inline/.test(csp),
		    'the page comes with a strict Content-Security-Policy', csp);
		ok(h['x-content-type-options'] === 'nosniff', 'the page comes with nosniff');
		await page.waitForFunction(() => document.documentElement.dataset.ready === '1',
		    { timeout: 5000 });
		ok(true, 'the page\'s script ran under its CSP');
		const importUrl = await page.$eval('#import-url', (e) => e.textContent);
		ok(importUrl === base + '/docs', 'the page gives the import URL of this server', importUrl);
		const instr = await page.$eval('#instructions', (e) => e.value);
		ok(/board_text/.test(instr) && /human_move/.test(instr) && /hint/.test(instr),
		    'the page shows the GPT instructions');
		fs.mkdirSync(shots, { recursive: true });
		await layoutChecks(page);

		// X against perfect play, always on a best cell from /hint: a draw.
		const first = await playGame(page, 'X', 'perfect', hintPick);
		const marks = await boardMarks(page);
		ok(first === 'draw', 'best moves against perfect play end in a draw', `outcome ${first}`);
		ok(marks.every((m) => m === 'X' || m === 'O'), 'the drawn board is full', marks.join(''));
		const shown = await page.$eval('#result', (e) => e.textContent);
		ok(shown === 'Draw.', 'the page shows the result', shown);
		fs.mkdirSync(shots, { recursive: true });
		await page.screenshot({ path: path.join(shots, 'game.png'), fullPage: true });
		ok(fs.statSync(path.join(shots, 'game.png')).size > 1000, 'a screenshot is saved in build/browser/game.png');

		// O at level easy: the AI opens, the page plays the game to its end.
		const second = await playGame(page, 'O', 'easy', firstEmptyPick);
		const marks2 = await boardMarks(page);
		const wins = await page.$$eval('#board button.win', (bs) => bs.length);
		ok(['draw', 'ai', 'human'].includes(second), 'a game as O reaches an end', `outcome ${second}`);
		ok(marks2.filter((m) => m === 'X').length >= 1 + marks2.filter((m) => m === 'O').length - 1 &&
		    marks2[0] !== ' ', 'as O, the AI (X) opened the game', marks2.join(''));
		ok(second === 'draw' ? wins === 0 : wins === 3,
		    'a won game shows its winning line, a draw none', `outcome ${second}, ${wins} cells`);
		await page.screenshot({ path: path.join(shots, 'game-as-o.png'), fullPage: true });

		const violations = await page.evaluate(() => window.cspViolations);
		ok(violations.length === 0, 'no Content-Security-Policy violation', violations.join('\n'));
		ok(consoleErrors.length === 0, 'no console error', consoleErrors.join('\n'));
		ok(foreign.length === 0, 'nothing is loaded from another origin', foreign.join('\n'));
	} finally {
		await browser.close();
	}
}

function plan() {
	if (!process.env.TAP_NO_PLAN)
		console.log(`1..${n}`);
}

main().then(() => {
	plan();
	process.exit(failed === 0 ? 0 : 1);
}, (e) => {
	ok(false, 'the browser session ran to its end', e.stack || e);
	plan();
	process.exit(1);
});
