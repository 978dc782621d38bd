// sdk-v2.mjs - the TypeScript SDK's v2 client (@modelcontextprotocol/client)
// against /mcp through nginx, pinned to 2026-07-28 and in 'auto' mode (it
// probes with server/discover and must stay in the stateless era), then in
// its default legacy mode: the tools, a whole game, a hint, the errors.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { ok, is, rejection, done, bail } from './tap.mjs';
import { URL_MCP, authHeaders, playGame, checkHint, checkToolErrors } from './game.mjs';

if (!URL_MCP) bail('MCP_URL is not set');

async function session(label, versionNegotiation, want) {
  const opts = versionNegotiation ? { versionNegotiation } : {};
  const client = new Client({ name: `ttt-test-sdk-v2-${label}`, version: '2.0.0' }, opts);
  const transport = new StreamableHTTPClientTransport(new URL(URL_MCP),
    { requestInit: { headers: authHeaders } });
  await client.connect(transport);
  is(client.getNegotiatedProtocolVersion(), want, `v2 ${label}: the client speaks ${want}`);
  is(client.getServerVersion()?.name, 'ttt-fcgi', `v2 ${label}: the server names itself`);
  const { tools } = await client.listTools();
  is(tools.map((t) => t.name), ['human_move', 'hint'], `v2 ${label}: tools/list lists human_move and hint`);
  const call = (name, args) => client.callTool({ name, arguments: args });
  const moves = await playGame(call, `v2 ${label}`);
  ok(moves >= 3, `v2 ${label}: a whole game was played (${moves} human moves)`);
  await checkHint(call, `v2 ${label}`);
  await checkToolErrors(call, `v2 ${label}`);
  const unknown = await rejection(client.callTool({ name: 'resign', arguments: {} }));
  ok(unknown !== undefined && unknown.code === -32602, `v2 ${label}: an unknown tool is -32602`, String(unknown));
  const { resources } = await client.listResources();
  is(resources.map((r) => r.uri), ['ui://ttt/board.html'], `v2 ${label}: resources/list lists the App`);
  const read = await client.readResource({ uri: 'ui://ttt/board.html' });
  is(read.contents[0].mimeType, 'text/html;profile=mcp-app', `v2 ${label}: resources/read serves the App`);
  await client.close();
}

await session('pinned', { mode: { pin: '2026-07-28' } }, '2026-07-28');
await session('auto', { mode: 'auto' }, '2026-07-28');
await session('legacy', undefined, '2025-11-25');
done();
