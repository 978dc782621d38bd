// The board both pages draw: the home page, which plays through the HTTP
// API, and the MCP App, which plays through an MCP host's tools/call.  It
// knows the markup of board.html and the shape of a /human_move or /hint
// answer (the same JSON as a tool's structuredContent); how an answer is
// fetched is the page's business.
"use strict";
const tttBoard = (function () {
	const EMPTY = [[" ", " ", " "], [" ", " ", " "], [" ", " ", " "]];

	// The elements of board.html under `root` (a document).
	function view(root) {
		const el = (id) => root.getElementById(id);
		return { board: el("board"), cells: Array.from(root.querySelectorAll("#board button")),
		    result: el("result"), message: el("message"), error: el("error") };
	}

	function humanMark(ai) {
		return ai === "X" ? "O" : "X";
	}

	// True when `b` is a 3x3 array of "X", "O", " " or "" (an answer's board).
	function isBoard(b) {
		return Array.isArray(b) && b.length === 3 && b.every((row) => Array.isArray(row) &&
		    row.length === 3 && row.every((c) => c === "X" || c === "O" || c === " " || c === ""));
	}

	// Draw `board`; `line` lists the winning positions (1-9) to mark; a cell
	// can be clicked only when it is free and the game is neither over nor
	// waiting for an answer.
	function draw(v, board, line, over, busy) {
		const flat = board.flat().map((c) => c === "" ? " " : c);
		v.cells.forEach((c, i) => {
			const mark = flat[i];
			c.textContent = mark === " " ? "" : mark;
			c.className = mark === "X" ? "x" : mark === "O" ? "o" : "";
			if ((line || []).includes(i + 1))
				c.classList.add("win");
			c.disabled = over || busy || mark !== " ";
			c.setAttribute("aria-label", "cell " + (i + 1) + (mark === " " ? ", empty" : ", " + mark));
		});
		v.board.setAttribute("aria-busy", busy ? "true" : "false");
	}

	// Mark the cells a /hint answer calls best.
	function showHint(v, best) {
		v.cells.forEach((c, i) => c.classList.toggle("hint", (best || []).includes(i + 1)));
	}

	// The result line for an answer: whose move it is, or how the game
	// ended; returns true when it ended.
	function showResult(v, answer, ai) {
		const human = humanMark(ai);
		if (answer.status !== "end") {
			v.result.textContent = "Your move (" + human + ").";
			v.result.dataset.outcome = "";
			return false;
		}
		if (answer.winner === "Draw") {
			v.result.textContent = "Draw.";
			v.result.dataset.outcome = "draw";
		} else if (answer.winner === human) {
			v.result.textContent = "You win!";
			v.result.dataset.outcome = "human";
		} else {
			v.result.textContent = "The AI wins.";
			v.result.dataset.outcome = "ai";
		}
		return true;
	}

	function clear(v) {
		v.message.textContent = "";
		v.error.textContent = "";
		v.result.textContent = "";
		v.result.dataset.outcome = "";
	}

	// Call pick(position) when a free cell is clicked.
	function onPick(v, pick) {
		v.cells.forEach((c, i) => c.addEventListener("click", () => {
			if (!c.disabled)
				pick(i + 1);
		}));
	}

	return { EMPTY, view, humanMark, isBoard, draw, showHint, showResult, clear, onPick };
})();
