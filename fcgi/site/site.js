// The playable board of the service's home page.  It plays through the
// public API, exactly as a GPT does: POST human_move with the board last
// received, the human's digit, the AI's mark and the level; POST hint for
// advice.  No state lives on the server; the page keeps the board.  The
// board itself is drawn by board.js, shared with the MCP App.
"use strict";
(function () {
	const page = document.body.dataset;
	const v = tttBoard.view(document);
	const el = (id) => document.getElementById(id);
	const state = { board: tttBoard.EMPTY, ai: "O", level: "perfect", seed: 0, over: false, busy: false };

	function authHeaders() {
		const key = el("api-key").value;
		if (page.auth === "none" || key === "")
			return {};
		if (page.auth === "bearer")
			return { Authorization: "Bearer " + key };
		if (page.auth === "basic")
			return { Authorization: "Basic " + key };
		return { [page.apiKeyHeader]: key };
	}

	async function call(path, body) {
		// X-Requested-With marks the page's own requests: a wrong key
		// then gets a 401 without a Basic challenge, so the browser does
		// not open its own login dialog over the page.
		const headers = Object.assign({ "Content-Type": "application/json",
		    Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
		    authHeaders());
		let res;
		try {
			res = await fetch(path, { method: "POST", headers, body: JSON.stringify(body),
			    cache: "no-store", credentials: "same-origin" });
		} catch (e) {
			throw new Error("The service could not be reached; try again.");
		}
		let data = null;
		try {
			data = await res.json();
		} catch (e) {
			throw new Error("The service answered " + res.status + " without JSON.");
		}
		if (!res.ok)
			throw new Error(data && data.error ? data.error : "Error " + res.status + ".");
		return data;
	}

	function render(data) {
		tttBoard.draw(v, state.board, data && data.winning_line, state.over, state.busy);
		el("hint").disabled = state.over || state.busy;
	}

	async function play(body) {
		state.busy = true;
		el("error").textContent = "";
		render(null);
		try {
			const data = await call("human_move", Object.assign({ board: state.board,
			    ai: state.ai, level: state.level, seed: state.seed }, body));
			state.board = data.board;
			el("message").textContent = data.message || "";
			state.over = tttBoard.showResult(v, data, state.ai);
			state.busy = false;
			render(data);
		} catch (e) {
			state.busy = false;
			el("error").textContent = e.message;
			render(null);
		}
	}

	function newGame() {
		state.ai = document.querySelector("input[name=side]:checked").value === "X" ? "O" : "X";
		state.level = el("level").value;
		state.seed = Math.floor(Math.random() * 2147483647);
		state.board = tttBoard.EMPTY;
		state.over = false;
		tttBoard.clear(v);
		if (state.ai === "X") {
			play({});	// the AI opens
		} else {
			el("result").textContent = "Your move (X).";
			render(null);
		}
	}

	async function hint() {
		state.busy = true;
		el("error").textContent = "";
		render(null);
		try {
			const data = await call("hint", { board: state.board, ai: state.ai });
			const best = data.best || [];
			state.busy = false;
			render(null);
			tttBoard.showHint(v, best);
			el("message").textContent = best.length ? "Best for you: " + best.join(", ") + "." : "";
		} catch (e) {
			state.busy = false;
			render(null);
			el("error").textContent = e.message;
		}
	}

	tttBoard.onPick(v, (position) => {
		if (!state.over && !state.busy)
			play({ human_move: position });
	});
	el("new-game").addEventListener("click", newGame);
	el("hint").addEventListener("click", hint);
	el("copy").addEventListener("click", async () => {
		const text = el("instructions");
		try {
			await navigator.clipboard.writeText(text.value);
			el("copy").textContent = "Copied";
		} catch (e) {
			text.select();
		}
	});
	el("auth-box").hidden = page.auth === "none";
	document.documentElement.dataset.ready = "1";
	newGame();
})();
