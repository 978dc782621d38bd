// mcp-host.mjs - a minimal MCP Apps host for tests/browser/mcp-app.js, in
// the browser, built on the official packages as a real web host is: the
// MCP client (@modelcontextprotocol/client, Streamable HTTP to the server's
// /mcp through nginx) and the App bridge (AppBridge and PostMessageTransport
// of @modelcontextprotocol/ext-apps/app-bridge), which forwards the App's
// tools/call to that client.  The App's HTML goes into a sandboxed frame
// (sandbox="allow-scripts": an opaque origin, unlike the host's) under the
// Content-Security-Policy the MCP Apps specification (2026-01-26, "Host
// Behavior") says a host builds from the resource's _meta.ui.csp.
//
// The test drives it through window.testHost: start(toolName, args) runs
// one tool call as a chat host does (read the tool's ui:// resource, load
// the frame, send the input and the result) and records what the App says;
// setTheme(theme) changes the host's theme.
import { AppBridge, PostMessageTransport, getToolUiResourceUri, RESOURCE_MIME_TYPE }
    from '@modelcontextprotocol/ext-apps/app-bridge';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const HOST = { name: 'ttt-fcgi test host', version: '1.0.0' };
let bridge = null;
const state = {
	appMessages: [],	// every JSON-RPC message the frame posted, in order
	modelContext: [],	// ui/update-model-context params, in order
	sizes: [],		// ui/notifications/size-changed params, in order
	initialized: false,
};

// The policy of the specification's example, with the declared domains.
function cspOf(csp) {
	const list = (a) => (Array.isArray(a) ? a.join(' ') : '');
	const res = list(csp && csp.resourceDomains);
	return [`default-src 'none'`, `script-src 'unsafe-inline' ${res}`,
	    `style-src 'unsafe-inline' ${res}`, `img-src data: ${res}`, `font-src ${res || "'none'"}`,
	    `media-src data: ${res}`, `connect-src ${list(csp && csp.connectDomains) || "'none'"}`,
	    `frame-src ${list(csp && csp.frameDomains) || "'none'"}`, `object-src 'none'`,
	    `base-uri ${list(csp && csp.baseUriDomains) || "'none'"}`].join('; ');
}

function withCsp(html, csp) {
	const meta = `<meta http-equiv="Content-Security-Policy" content="${cspOf(csp).replace(/"/g, '&quot;')}">`;
	if (!/<head[^>]*>/i.test(html))
		throw new Error('the App has no <head> to put the policy in');
	return html.replace(/<head[^>]*>/i, (h) => h + meta);
}

async function start(toolName, args) {
	const client = new Client(HOST, { capabilities: { extensions: {
	    'io.modelcontextprotocol/ui': { mimeTypes: [RESOURCE_MIME_TYPE] } } } });
	await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', location.href)));
	const { tools } = await client.listTools();
	const tool = tools.find((t) => t.name === toolName);
	if (!tool)
		throw new Error(`the server lists no ${toolName} tool`);
	const uri = getToolUiResourceUri(tool);
	const { resources } = await client.listResources();
	const read = await client.readResource({ uri });
	const content = read.contents[0];
	if (content.mimeType !== RESOURCE_MIME_TYPE)
		throw new Error(`the App's resource is ${content.mimeType}, not ${RESOURCE_MIME_TYPE}`);
	const ui = (content._meta && content._meta.ui) || {};

	const iframe = document.getElementById('app');
	const serverCaps = client.getServerCapabilities() || {};
	bridge = new AppBridge(client, HOST, {
		serverTools: serverCaps.tools ? {} : undefined,
		serverResources: serverCaps.resources ? {} : undefined,
		updateModelContext: { text: {}, structuredContent: {} },
		logging: {},
	}, { hostContext: { theme: 'light', displayMode: 'inline', platform: 'web',
	    availableDisplayModes: ['inline'], containerDimensions: { maxHeight: 800, width: 608 } } });
	bridge.onupdatemodelcontext = async (params) => {
		state.modelContext.push(params);
		document.getElementById('context').textContent =
		    (params.content || []).map((c) => c.text).join('\n');
		return {};
	};
	bridge.onsizechange = ({ width, height }) => {
		state.sizes.push({ width, height });
		if (height !== undefined)
			iframe.style.height = `${height}px`;	// content-box: the border is outside
	};
	bridge.onloggingmessage = () => {};
	const initialized = new Promise((resolve) => {
		bridge.oninitialized = () => {
			state.initialized = true;
			resolve();
		};
	});
	window.addEventListener('message', (e) => {
		if (e.source === iframe.contentWindow)
			state.appMessages.push(e.data);
	});
	// The transport listens before the frame exists, so the App's first
	// message (ui/initialize) cannot be missed.
	await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
	iframe.srcdoc = withCsp(content.text, ui.csp);
	await initialized;

	bridge.sendToolInput({ arguments: args });
	const result = await client.callTool({ name: toolName, arguments: args });
	await bridge.sendToolResult(result);
	return { tools, uri, resources, content: { uri: content.uri, mimeType: content.mimeType,
	    _meta: content._meta, length: content.text.length, head: content.text.slice(0, 15) },
	    result, appVersion: bridge.getAppVersion(), appCapabilities: bridge.getAppCapabilities() };
}

// The host's theme changes (ui/notifications/host-context-changed).
function setTheme(theme) {
	bridge.setHostContext({ theme, displayMode: 'inline', platform: 'web' });
	document.body.style.background = theme === 'dark' ? '#0d0f12' : '';
}

window.testHost = { start, state, setTheme };
