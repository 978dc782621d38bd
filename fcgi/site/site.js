// The playable board of the service's home page.  It plays through the
// public API, exactly as a GPT does: POST human_move with the board last
// received, the human's digit, the AI's mark and the level; POST hint for
// advice.  No state lives on the server; the page keeps the board.
"use strict";
(function () {
	const EMPTY = [[" ", " ", " "], [" ", " ", " "], [" ", " ", " "]];
	const page = document.body.dataset;
	const cells = Array.from(document.querySelectorAll("#board button"));
	const el = (id) => document.getElementById(id);
	const state = { board: EMPTY, ai: "O", level: "perfect", seed: 0, over: false, busy: false };

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
		const line = (data && data.winning_line) || [];
		const flat = state.board.flat();
		cells.forEach((c, i) => {
			const mark = flat[i];
			c.textContent = mark === " " ? "" : mark;
			c.className = mark === "X" ? "x" : mark === "O" ? "o" : "";
			if (line.includes(i + 1))
				c.classList.add("win");
			c.disabled = state.over || state.busy || mark !== " ";
			c.setAttribute("aria-label", "cell " + (i + 1) + (mark === " " ? ", empty" : ", " + mark));
		});
		el("hint").disabled = state.over || state.busy;
		el("board").setAttribute("aria-busy", state.busy ? "true" : "false");
	}

	function showResult(data) {
		const human = state.ai === "X" ? "O" : "X";
		const result = el("result");
		if (data.status !== "end") {
			result.textContent = "Your move (" + human + ").";
			result.dataset.outcome = "";
			return;
		}
		state.over = true;
		if (data.winner === "Draw") {
			result.textContent = "Draw.";
			result.dataset.outcome = "draw";
		} else if (data.winner === human) {
			result.textContent = "You win!";
			result.dataset.outcome = "human";
		} else {
			result.textContent = "The AI wins.";
			result.dataset.outcome = "ai";
		}
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
			showResult(data);
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
		state.board = EMPTY;
		state.over = false;
		el("message").textContent = "";
		el("error").textContent = "";
		el("result").textContent = "";
		el("result").dataset.outcome = "";
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
			cells.forEach((c, i) => c.classList.toggle("hint", best.includes(i + 1)));
			el("message").textContent = best.length ? "Best for you: " + best.join(", ") + "." : "";
		} catch (e) {
			state.busy = false;
			render(null);
			el("error").textContent = e.message;
		}
	}

	cells.forEach((c, i) => c.addEventListener("click", () => {
		if (!state.over && !state.busy)
			play({ human_move: i + 1 });
	}));
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
