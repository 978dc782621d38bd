// sdk-v1.mjs - the TypeScript SDK's v1 client (@modelcontextprotocol/sdk,
// legacy initialize handshake) against /mcp through nginx: the handshake,
// the tools and their schemas, a whole game, a hint, the App resource and
// the errors.  MCP_URL (and MCP_KEY when the stack has one) from the .t.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ok, is, rejection, done, bail } from './tap.mjs';
import { URL_MCP, authHeaders, playGame, checkHint, checkToolErrors } from './game.mjs';

if (!URL_MCP) bail('MCP_URL is not set');

const client = new Client({ name: 'ttt-test-sdk-v1', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(URL_MCP),
  { requestInit: { headers: authHeaders } });
await client.connect(transport);
is(client.getServerVersion()?.name, 'ttt-fcgi', 'v1: initialize names the server');
ok(transport.sessionId === undefined, 'v1: the server issues no session id');
ok(client.getServerCapabilities()?.tools !== undefined && client.getServerCapabilities()?.resources !== undefined,
  'v1: the server declares tools and resources');
is(transport.protocolVersion, '2025-11-25', 'v1: the handshake agrees on 2025-11-25');
await client.ping();
ok(true, 'v1: ping answers');

const { tools } = await client.listTools();
is(tools.map((t) => t.name), ['human_move', 'hint'], 'v1: tools/list lists human_move and hint');
for (const t of tools) {
  is(t.annotations && [t.annotations.readOnlyHint, t.annotations.destructiveHint,
    t.annotations.idempotentHint, t.annotations.openWorldHint], [true, false, true, false],
  `v1: ${t.name} is read-only, not destructive, idempotent, closed-world`);
  ok(!JSON.stringify(t.inputSchema).includes('$ref') && !JSON.stringify(t.outputSchema).includes('$ref'),
    `v1: ${t.name}'s schemas stand alone (no $ref)`);
  ok(t.inputSchema.type === 'object' && t.inputSchema.required.includes('board'),
    `v1: ${t.name}'s inputSchema is the POST body (an object, board required)`);
  is(t._meta && [t._meta.ui?.resourceUri, t._meta['ui/resourceUri'], t._meta['openai/outputTemplate']],
    ['ui://ttt/board.html', 'ui://ttt/board.html', 'ui://ttt/board.html'], `v1: ${t.name} names the App`);
}

// The v1 client validates structuredContent against outputSchema itself.
const call = (name, args) => client.callTool({ name, arguments: args });
const moves = await playGame(call, 'v1');
ok(moves >= 3, `v1: a whole game was played (${moves} human moves)`);
await checkHint(call, 'v1');
await checkToolErrors(call, 'v1');
const unknown = await rejection(client.callTool({ name: 'resign', arguments: {} }));
ok(unknown && unknown.code === -32602, 'v1: an unknown tool is a protocol error -32602', String(unknown));

const { resources } = await client.listResources();
is(resources.map((r) => [r.uri, r.mimeType]), [['ui://ttt/board.html', 'text/html;profile=mcp-app']],
  'v1: resources/list lists the App');
const read = await client.readResource({ uri: 'ui://ttt/board.html' });
ok(read.contents.length === 1 && /^<!DOCTYPE html>/i.test(read.contents[0].text) &&
  read.contents[0].mimeType === 'text/html;profile=mcp-app', 'v1: resources/read serves the App page');
ok(read.contents[0]._meta?.ui?.prefersBorder === true && Array.isArray(read.contents[0]._meta?.ui?.csp?.connectDomains),
  'v1: the App declares _meta.ui.csp and prefersBorder');
const missing = await rejection(client.readResource({ uri: 'ui://ttt/nothing.html' }));
ok(missing && missing.code === -32602, 'v1: an unknown resource is -32602', String(missing));

await client.close();
done();
