// rate-limit.mjs - from one address (127.0.0.1): CONVERSATIONS distinct
// ChatGPT-like conversations (each its own _meta "openai/session") each
// connect the v2 client and call a tool, and none is throttled; one
// runaway conversation calling RUNAWAY times at once is refused past its
// burst (429, -32000, "Too many calls"), whichever of the pool's WORKERS
// processes serves each call, at the configured rate; and as many calls without any
// conversation id (what Claude sends) pass under the per-address ceiling.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { ok, is, done, bail } from './tap.mjs';
import { URL_MCP, EMPTY } from './game.mjs';

if (!URL_MCP) bail('MCP_URL is not set');
const CONVERSATIONS = Number(process.env.CONVERSATIONS || 200);
const RUNAWAY = Number(process.env.RUNAWAY || 100);
const RATE = Number(process.env.RATE || 5);		// mcp_rate_per_conversation
const BURST = Number(process.env.BURST || 30);
const WORKERS = Number(process.env.WORKERS || 1);

async function connect(name) {
  const client = new Client({ name, version: '1.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(new StreamableHTTPClientTransport(new URL(URL_MCP)));
  return client;
}

// Run fn(i) for i < n, at most `width` at a time; the outcomes in order.
async function pool(n, width, fn) {
  const out = new Array(n);
  let next = 0;
  async function worker() {
    while (next < n) {
      const i = next++;
      try { out[i] = { ok: true, value: await fn(i) }; } catch (e) { out[i] = { ok: false, error: e }; }
    }
  }
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

const call = (client, meta) => client.callTool({ name: 'hint', arguments: { board: EMPTY }, _meta: meta });
const throttled = (r) => !r.ok && /Too many calls in this conversation \(mcp_rate_per_conversation/.test(String(r.error?.message ?? r.error));

const many = await pool(CONVERSATIONS, 20, async (i) => {
  const client = await connect(`conversation-${i}`);
  try {
    const res = await call(client, { 'openai/session': `v1/conversation-${i}`, 'openai/subject': `v1/user-${i}` });
    if (!res.structuredContent) throw new Error(JSON.stringify(res));
    return res;
  } finally {
    await client.close();
  }
});
const failedMany = many.filter((r) => !r.ok);
is(failedMany.length, 0, `${CONVERSATIONS} distinct conversations from one address: none throttled or failed`);
for (const f of failedMany.slice(0, 3)) console.log(`# ${String(f.error?.message ?? f.error).slice(0, 300)}`);

const runaway = await connect('runaway');
const t0 = performance.now();
const storm = await pool(RUNAWAY, 10, () => call(runaway, { 'openai/session': 'v1/runaway' }));
const secs = (performance.now() - t0) / 1000;
const refused = storm.filter(throttled).length;
const passed = storm.filter((r) => r.ok).length;
console.log(`# runaway conversation: ${passed} answered, ${refused} refused of ${RUNAWAY} in ${secs.toFixed(2)} s`);
ok(refused >= RUNAWAY / 4, `one runaway conversation is throttled (${refused} of ${RUNAWAY} refused)`);
ok(passed >= BURST, `the runaway conversation got at least its burst of ${BURST} first (${passed})`);
// The pool shares one bucket per conversation: the runaway gets its burst
// and the rate for the storm's duration once, not once per process.
const ceiling = BURST + Math.ceil(RATE * secs) + 1;
ok(passed <= ceiling, `... and no more than the burst plus ${RATE} a second for ${secs.toFixed(2)} s ` +
  `(${passed} <= ${ceiling}), from a pool of ${WORKERS} processes`);
is(passed + refused, RUNAWAY, 'every refusal of the runaway is the rate limit, nothing else');
const other = await call(runaway, { 'openai/session': 'v1/someone-else' }).then(() => true, () => false);
ok(other, 'meanwhile another conversation on the same connection is served');
await runaway.close();

const anon = await connect('no-id');
const quiet = await pool(CONVERSATIONS, 20, () => call(anon, undefined));
is(quiet.filter((r) => !r.ok).length, 0, `${CONVERSATIONS} calls without a conversation id (as Claude sends): none throttled`);
await anon.close();
done();
