// The MCP App: the board an MCP host draws beside a human_move or hint
// tool result, in a sandboxed frame.  It speaks the MCP Apps protocol
// (io.modelcontextprotocol/ui, revision 2026-01-26): JSON-RPC 2.0 over
// postMessage with the host, which alone talks to the MCP server.
//   - ui/initialize, then ui/notifications/initialized;
//   - the host sends the tool's arguments (ui/notifications/tool-input) and
//     its CallToolResult (ui/notifications/tool-result): the board is drawn
//     from the result's structuredContent, the REST answer;
//   - a click on a free cell asks the host for tools/call human_move with
//     that board, then tells it the new board (ui/update-model-context) so
//     the model knows where the game stands on its next turn;
//   - every change of the page's size is reported
//     (ui/notifications/size-changed), so the host can fit the frame.
// The page loads nothing and opens no connection (its resource declares an
// empty CSP allowance).
(function () {
	const PROTOCOL = "2026-01-26";
	const TIMEOUT_MS = 30000;	// a host that never answers must not leave the board busy
	const v = tttBoard.view(document);
	const el = (id) => document.getElementById(id);
	const host = window.parent;
	const pending = new Map();
	let nextId = 1;
	// args: the options the model chose (ai, level, seed), reused for every
	// move so the game keeps its rules; canCall: the host proxies tools/call.
	// best: the cells a hint answer marked, until the board changes.
	const state = { board: tttBoard.EMPTY, args: {}, line: null, best: null, over: false,
	    busy: false, ready: false, canCall: false };

	function send(msg) {
		// The frame's origin is opaque and the host's unknown: "*" is the
		// only target that works; nothing secret is sent.
		host.postMessage(Object.assign({ jsonrpc: "2.0" }, msg), "*");
	}

	function request(method, params) {
		const id = nextId++;
		send({ id, method, params });
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				pending.delete(id);
				reject(new Error("The host did not answer " + method + "."));
			}, TIMEOUT_MS);
			pending.set(id, { resolve, reject, timer });
		});
	}

	function notify(method, params) {
		send({ method, params });
	}

	function render() {
		tttBoard.draw(v, state.board, state.line, state.over, state.busy || !state.canCall);
		tttBoard.showHint(v, state.best);
		el("new-game").disabled = state.busy || !state.canCall;
		el("hint").disabled = state.busy || state.over || !state.canCall;
	}

	function ai() {
		return state.args.ai === "X" ? "X" : "O";
	}

	// The options the tool was called with that a further call must repeat.
	function options() {
		const o = {};
		for (const k of ["ai", "level", "seed"])
			if (state.args[k] !== undefined)
				o[k] = state.args[k];
		return o;
	}

	function textOf(result) {
		return ((result && result.content) || []).filter((c) => c && c.type === "text")
		    .map((c) => c.text).join("\n");
	}

	// Draw a CallToolResult of human_move or hint; returns its answer, or
	// null when it is an error or carries no board.
	function apply(result) {
		const answer = result && result.structuredContent;
		if (!result || result.isError || !answer || !tttBoard.isBoard(answer.board)) {
			v.error.textContent = textOf(result) || "The tool gave no board.";
			return null;
		}
		v.error.textContent = "";
		state.board = answer.board;
		state.line = answer.winning_line || null;
		state.best = Array.isArray(answer.best) ? answer.best : null;
		state.over = tttBoard.showResult(v, answer, ai());
		render();
		if (state.best) {
			v.message.textContent = answer.best.length ?
			    "Best for you: " + answer.best.join(", ") + "." : "";
		} else {
			v.message.textContent = answer.message || "";
		}
		return answer;
	}

	// Tell the model what happened in the frame; each update replaces the
	// last one.  A host that does not take it loses nothing but the model's
	// view, so a refusal is not shown.
	function tellModel(text, structuredContent) {
		request("ui/update-model-context", { content: [{ type: "text", text }], structuredContent })
		    .catch(() => {});
	}

	// What the model is told about an answer: the move, the board for a
	// person, the answer's sentence, and whose turn it is.
	function moveText(what, answer) {
		return what + "\nThe board now:\n" + answer.board_text + "\n" + (answer.message || "") +
		    (answer.status === "end" ? " The game is over." :
		    " It is the user's move (" + tttBoard.humanMark(ai()) + ").");
	}

	async function callTool(name, args) {
		state.busy = true;
		v.error.textContent = "";
		render();
		try {
			const result = await request("tools/call", { name, arguments: args });
			state.busy = false;
			return apply(result);
		} catch (e) {
			state.busy = false;
			v.error.textContent = e.message;
			return null;
		} finally {
			render();
		}
	}

	async function play(position) {
		const args = Object.assign({ board: state.board, human_move: position }, options());
		const answer = await callTool("human_move", args);
		if (answer)
			tellModel(moveText("In the tic-tac-toe app the user played position " + position + ".",
			    answer), answer);
	}

	async function newGame() {
		state.board = tttBoard.EMPTY;
		state.line = null;
		state.best = null;
		state.over = false;
		tttBoard.clear(v);
		if (ai() === "X") {	// the AI opens
			const answer = await callTool("human_move", Object.assign({ board: tttBoard.EMPTY }, options()));
			if (answer)
				tellModel(moveText("In the tic-tac-toe app the user started a new game; the AI opened.",
				    answer), answer);
			return;
		}
		v.result.textContent = "Your move (X).";
		render();
		tellModel("In the tic-tac-toe app the user started a new game: the board is empty " +
		    "and it is the user's move (X).", { board: tttBoard.EMPTY, status: "continue" });
	}

	function hint() {
		callTool("hint", Object.assign({ board: state.board }, state.args.ai ? { ai: state.args.ai } : {}));
	}

	function applyContext(ctx) {
		if (ctx && (ctx.theme === "light" || ctx.theme === "dark"))
			document.documentElement.style.colorScheme = ctx.theme;
	}

	function onNotification(method, params) {
		if (method === "ui/notifications/tool-input") {
			state.args = (params && params.arguments) || {};
			if (tttBoard.isBoard(state.args.board)) {
				state.board = state.args.board;	// the board the model sent, until its answer
				state.best = null;
				state.busy = true;
				render();
			}
		} else if (method === "ui/notifications/tool-result") {
			state.busy = false;
			apply(params);
			render();
		} else if (method === "ui/notifications/tool-cancelled") {
			state.busy = false;
			v.error.textContent = "The tool call was cancelled" +
			    (params && params.reason ? ": " + params.reason : ".");
			render();
		} else if (method === "ui/notifications/host-context-changed") {
			applyContext(params);
		}
	}

	function onRequest(msg) {
		if (msg.method === "ping" || msg.method === "ui/resource-teardown") {
			send({ id: msg.id, result: {} });
			return;
		}
		send({ id: msg.id, error: { code: -32601, message: "Method not found: " + msg.method } });
	}

	window.addEventListener("message", (e) => {
		const msg = e.data;
		if (e.source !== host || !msg || typeof msg !== "object" || msg.jsonrpc !== "2.0")
			return;
		if (typeof msg.method === "string") {
			if (msg.id === undefined)
				onNotification(msg.method, msg.params);
			else
				onRequest(msg);
			return;
		}
		const p = pending.get(msg.id);
		if (!p)
			return;
		pending.delete(msg.id);
		clearTimeout(p.timer);
		if (msg.error)
			p.reject(new Error(msg.error.message || "The host refused the request."));
		else
			p.resolve(msg.result);
	});

	// Report the size of the content (not of the frame, which the host sets
	// from what is reported: measuring it would feed back), once the host
	// has answered ui/initialize and then on every change.
	const box = el("app");
	let lastSize = "";
	function reportSize() {
		const r = box.getBoundingClientRect();
		const size = { width: Math.ceil(r.width), height: Math.ceil(r.bottom + window.scrollY) };
		if (!state.ready || size.width + "x" + size.height === lastSize)
			return;
		lastSize = size.width + "x" + size.height;
		notify("ui/notifications/size-changed", size);
	}
	new ResizeObserver(reportSize).observe(box);

	tttBoard.onPick(v, play);
	el("new-game").addEventListener("click", newGame);
	el("hint").addEventListener("click", hint);
	render();
	request("ui/initialize", { protocolVersion: PROTOCOL,
	    appInfo: { name: "ttt-fcgi board", version: "1" },
	    appCapabilities: { availableDisplayModes: ["inline"] } }).then((res) => {
		state.canCall = !!(res && res.hostCapabilities && res.hostCapabilities.serverTools);
		applyContext(res && res.hostContext);
		notify("ui/notifications/initialized", {});
		state.ready = true;
		if (!state.canCall)
			v.message.textContent = "This host does not let the board call tools: ask the assistant for your move.";
		render();
		reportSize();
		document.documentElement.dataset.ready = "1";
	}, (e) => {
		v.error.textContent = "The host did not start the app: " + e.message;
	});
})();
