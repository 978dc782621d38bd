// game.mjs - what the MCP client tests share: the URL and key from the
// environment, and a whole game played through any client's callTool.
import { ok, is } from './tap.mjs';

export const URL_MCP = process.env.MCP_URL;
export const KEY = process.env.MCP_KEY || '';
export const authHeaders = KEY ? { Authorization: `Bearer ${KEY}` } : {};

export const EMPTY = [[' ', ' ', ' '], [' ', ' ', ' '], [' ', ' ', ' ']];

// The human (X) plays the first free cell each turn; the AI answers.
// Returns the number of moves the human made.  Every answer is checked
// against the rules the REST API states.
export async function playGame(callTool, label) {
  let board = EMPTY.map((r) => r.slice());
  for (let turn = 0; turn < 5; turn++) {
    const free = board.flat().findIndex((c) => c === ' ');
    const res = await callTool('human_move', { board, human_move: free + 1 });
    const sc = res.structuredContent;
    if (!ok(res.isError !== true && sc && Array.isArray(sc.board),
      `${label}: turn ${turn + 1}, human_move ${free + 1} answers a board`, JSON.stringify(res))) return turn;
    ok(res.content.some((c) => c.type === 'text' && c.text.includes(sc.message) &&
      c.text.includes(sc.board_text)), `${label}: turn ${turn + 1}: the text item relays the message and the board`);
    is(sc.human, { row: Math.floor(free / 3), col: free % 3, position: free + 1 },
      `${label}: turn ${turn + 1}: the answer echoes the human's move`);
    board = sc.board;
    if (sc.status === 'end') {
      ok(['O', 'Draw'].includes(sc.winner), `${label}: the game ends, the perfect AI never loses (${sc.winner})`);
      return turn + 1;
    }
  }
  ok(false, `${label}: the game ended within five human moves`);
  return 5;
}

export async function checkHint(callTool, label) {
  const res = await callTool('hint', { board: [['X', 'O', ' '], [' ', ' ', ' '], [' ', ' ', ' ']] });
  is(res.structuredContent && res.structuredContent.best, [4, 5, 7], `${label}: hint rates the human's moves (best 4, 5, 7)`);
  ok(res.content[0].text.startsWith('Best positions for the human: 4, 5, 7 '), `${label}: hint's text item names the best positions`);
}

export async function checkToolErrors(callTool, label) {
  const bad = await callTool('human_move', { board: [['X', ' ', ' '], [' ', ' ', ' ', ' '], [' ', ' ', ' ']] });
  ok(bad.isError === true && /Row 2 \(board\[1\]\) must have exactly 3 cells/.test(bad.content[0].text),
    `${label}: a malformed board (REST 400) is a result with isError and the REST sentence`, JSON.stringify(bad));
  const impossible = await callTool('human_move', { board: [['X', 'X', 'X'], [' ', ' ', ' '], [' ', ' ', ' ']] });
  ok(impossible.isError === true && impossible.structuredContent === undefined,
    `${label}: an impossible board (REST 422) is a result with isError and no structuredContent`, JSON.stringify(impossible));
}
