// equal-rest.mjs - for EQUAL_N random inputs (seeded: EQUAL_SEED), each
// tool's tools/call over /mcp (the v2 client, 2026-07-28) answers exactly
// what POST /<tool> answers for the same body: structuredContent is the
// REST answer, and a REST 400/422 is isError with the same sentence.  Every
// structuredContent validates against the tool's outputSchema (ajv, JSON
// Schema 2020-12).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import Ajv2020 from 'ajv/dist/2020.js';
import { isDeepStrictEqual } from 'node:util';
import { ok, is, done, bail } from './tap.mjs';
import { URL_MCP, authHeaders } from './game.mjs';

if (!URL_MCP) bail('MCP_URL is not set');
const N = Number(process.env.EQUAL_N || 300);
let seed = Number(process.env.EQUAL_SEED || 19);
console.log(`# ${N} inputs per tool, seed ${seed}`);

// mulberry32: a small seeded generator, so a failure can be replayed.
function rand() {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(rand() * list.length)];

const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];
const won = (c) => LINES.some(([a, b, d]) => c[a] !== ' ' && c[a] === c[b] && c[a] === c[d]);

// Mostly a position reached by random play (X first, stopping when a line
// is made), so the game's own checks are reached; else a malformed or
// impossible board, for the refusals.
function board() {
  const r = rand();
  if (r < 0.04) return pick([null, 'X', [], [[' ', ' ', ' ']], {}]);
  if (r < 0.12) {
    const b = [[' ', ' ', ' '], [' ', ' ', ' '], [' ', ' ', ' ']];
    b[Math.floor(rand() * 3)] = pick([[' ', ' '], [' ', ' ', ' ', ' '], ['x', ' ', ' '], [1, ' ', ' '], [null, ' ', ' ']]);
    return b;
  }
  const cells = Array(9).fill(' ');
  const moves = Math.floor(rand() * 10);
  for (let m = 0; m < moves && !won(cells); m++) {
    const free = cells.map((c, i) => (c === ' ' ? i : -1)).filter((i) => i >= 0);
    cells[pick(free)] = m % 2 === 0 ? 'X' : 'O';
  }
  if (r < 0.18) cells[Math.floor(rand() * 9)] = pick(['X', 'O']);	/* maybe impossible */
  return [0, 1, 2].map((i) => cells.slice(3 * i, 3 * i + 3).map((c) => (c === ' ' && rand() < 0.1 ? '' : c)));
}

function args() {
  const a = { board: board() };
  if (rand() < 0.3) a.ai = pick(['X', 'O', 'X', 'O', 'o', 1]);
  if (rand() < 0.4) a.human_move = pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 10, '5']);
  if (rand() < 0.4) a.level = pick(['perfect', 'hard', 'medium', 'easy', 'expert']);
  if (rand() < 0.4) a.seed = pick([0, 7, 123456, 2147483647, -1, 2147483648, 1.5]);
  if (rand() < 0.1) a.extra = 'ignored';
  return a;
}

const client = new Client({ name: 'ttt-test-equal-rest', version: '1.0.0' },
  { versionNegotiation: { mode: { pin: '2026-07-28' } } });
await client.connect(new StreamableHTTPClientTransport(new URL(URL_MCP),
  { requestInit: { headers: authHeaders } }));
const { tools } = await client.listTools();
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = Object.fromEntries(tools.map((t) => [t.name, ajv.compile(t.outputSchema)]));
const restBase = URL_MCP.replace(/\/mcp$/, '');

const stats = {};
for (const tool of ['human_move', 'hint']) {
  let same = 0, valid = 0, errors = 0, results = 0;
  const bad = [];
  for (let i = 0; i < N; i++) {
    const a = args();
    const rest = await fetch(`${restBase}/${tool}`, {
      method: 'POST', body: JSON.stringify(a),
      headers: { 'Content-Type': 'application/json', ...authHeaders },
    });
    const restBody = await rest.json();
    const res = await client.callTool({ name: tool, arguments: a });
    let match;
    if (rest.status === 200) {
      results++;
      match = res.isError !== true && isDeepStrictEqual(res.structuredContent, restBody);
      if (validate[tool](res.structuredContent)) valid++;
      else bad.push(`outputSchema: ${JSON.stringify(validate[tool].errors)} for ${JSON.stringify(a)}`);
    } else {
      errors++;
      match = [400, 422].includes(rest.status) && res.isError === true &&
        res.structuredContent === undefined && res.content.length === 1 &&
        res.content[0].text === restBody.error;
    }
    if (match) same++;
    else if (bad.length < 5) bad.push(`differs for ${JSON.stringify(a)}: REST ${rest.status} ${JSON.stringify(restBody)} MCP ${JSON.stringify(res)}`);
  }
  stats[tool] = { results, errors };
  is(same, N, `${tool}: tools/call equals POST /${tool} for all ${N} inputs (${results} answers, ${errors} refusals)`);
  is(valid, results, `${tool}: every structuredContent validates against the outputSchema (${results})`);
  for (const b of bad) console.log(`# ${b.slice(0, 600)}`);
}
ok(stats.human_move.results >= N / 5 && stats.human_move.errors >= N / 10,
  'the inputs cover both answers and refusals');
await client.close();
done();
