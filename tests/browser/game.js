'use strict';
// game.js - drive Debian's chromium (headless, puppeteer-core) through the
// home page served by nginx + the worker pool, printing TAP.
//
//   BASE_URL     the stack's URL (https://127.0.0.1:PORT, test certificate)
//   CHROMIUM     the browser binary (default /usr/bin/chromium)
//   SHOT_DIR     where screenshots go (build/browser)
//   PROFILE_DIR  a fresh, empty profile directory
const fs = require('node:fs');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const base = process.env.BASE_URL;
const shots = process.env.SHOT_DIR || 'build/browser';
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

main().then(() => {
	console.log(`1..${n}`);
	process.exit(failed === 0 ? 0 : 1);
}, (e) => {
	ok(false, 'the browser session ran to its end', e.stack || e);
	console.log(`1..${n}`);
	process.exit(1);
});
