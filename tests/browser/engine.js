/* engine.js - a live headless Spectactor engine for the browser tests:
 * started on --port 0 with its own temporary database, key FIFO and
 * transcript; keys are written to the FIFO, transcript lines are awaited
 * with bounded waits, and stop() always ends it (EOF on the FIFO, then a
 * kill if it does not exit).  Failure messages carry the transcript and the
 * engine's stderr. */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const BIN = process.env.SPECTACTOR_BIN || process.argv[2];
const ROOT = process.env.SPECTACTOR_ROOT || process.argv[3];
const SHOTS = process.env.SPECTACTOR_SHOTS || process.argv[4] ||
  path.join(os.tmpdir(), 'spectactor-browser-shots');

if (!BIN || !ROOT) {
  throw new Error('usage: node phone.test.js SPECTACTOR_BIN REPO_ROOT [SCREENSHOT_DIR] ' +
    '(or SPECTACTOR_BIN / SPECTACTOR_ROOT in the environment)');
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

/* The longest wait for the engine: a loaded machine under the sanitizers
 * can be slow, and a wait ends as soon as its condition holds. */
const ENGINE_WAIT = 30000;

class Engine {
  /* Starts `spectactor play --headless` on SCENARIO (a directory under the
   * repository root) and waits (up to 30 s) for the phone server's line. */
  static async start(scenario = 'tests/data/check/ok') {
    const e = new Engine();
    e.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spectactor-browser-'));
    e.db = path.join(e.dir, 'eval.sqlite');
    e.fifo = path.join(e.dir, 'keys');
    e.tr = path.join(e.dir, 'tr.txt');
    e.stderr = '';
    e.exited = null;
    execFileSync('mkfifo', [e.fifo]);
    /* the phones alone count: the facilitator keys in no hands here */
    e.proc = spawn(BIN, ['play', '--headless', '--size', '640x480', '--port', '0', '--count', 'phones',
      '--db', e.db, '--keys-from', e.fifo, '--transcript', e.tr, path.join(ROOT, scenario)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: Object.assign({}, process.env, { SDL_VIDEODRIVER: 'offscreen', SDL_AUDIODRIVER: 'dummy' })
    });
    e.proc.stderr.on('data', (d) => { e.stderr += d.toString(); });
    e.exitPromise = new Promise((resolve) => {
      e.proc.on('exit', (code, sig) => { e.exited = { code, sig }; resolve(e.exited); });
      e.proc.on('error', (err) => { e.stderr += `spawn: ${err.message}\n`; e.exited = { code: -1 }; resolve(e.exited); });
    });
    /* Opening the FIFO for writing blocks until the engine's key reader
     * opens it; open it non-blocking in a retry loop so a dead engine
     * cannot hang the test. */
    const t0 = Date.now();
    for (;;) {
      try {
        e.keysFd = fs.openSync(e.fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
        break;
      } catch (err) {
        if (err.code !== 'ENXIO' || e.exited || Date.now() - t0 > ENGINE_WAIT) {
          await e.stop();
          throw new Error(`the engine did not open its key FIFO (${err.code})\n${e.diag()}`);
        }
        await sleep(50);
      }
    }
    let m = null;
    try {
      m = await e.waitFor(/^phones port (\d+) room ([A-Z]{4})$/m, ENGINE_WAIT, 'the phone server line');
    } catch (err) {
      await e.stop();
      throw err;
    }
    e.port = Number(m[1]);
    e.room = m[2];
    e.url = `http://127.0.0.1:${e.port}`;
    return e;
  }

  transcript() {
    try { return fs.readFileSync(this.tr, 'utf8'); } catch (err) { return ''; }
  }

  /* The transcript and stderr, for failure messages. */
  diag() {
    const ex = this.exited ? ` (engine exited: ${JSON.stringify(this.exited)})` : '';
    return `--- transcript${ex} ---\n${this.transcript()}--- engine stderr ---\n${this.stderr}---`;
  }

  /* Writes key names to the FIFO, e.g. keys('Right Right Right V'). */
  keys(names) {
    if (this.keysFd == null) throw new Error('keys after stop');
    fs.writeSync(this.keysFd, names + '\n');
  }

  /* Presses KEY and waits until the engine has played it: a key name the
   * engine does not know follows it, and its "key unknown" line comes back
   * in the transcript only after KEY was played (keys go one by one). */
  async press(key) {
    const n = this.count(/^key unknown$/m);
    this.keys(`${key} Sync`);
    await this.waitFor(/^key unknown$/m, ENGINE_WAIT, `the engine to play ${key}`, n);
  }

  /* Presses KEY once at a time (at most MAX times) until RE matches the
   * transcript, and returns the match.  How many presses a step takes
   * depends on timing (a press while a line is still being typed only
   * completes the line), so the tests wait for the transcript instead of
   * counting keys; each press is played before the next, so they never
   * press past the step they wait for, however slow the machine. */
  async advanceUntil(re, what, key = 'Right', max = 10) {
    for (let i = 0; i < max; i++) {
      if (this.count(re) > 0) break;
      await this.press(key);
    }
    return this.waitFor(re, 0, `${what} (after ${max} presses of ${key})`);
  }

  /* Waits up to MS milliseconds until RE matches the transcript (a string
   * matches a whole line), counting only matches after index FROM when
   * given a number of earlier matches to skip.  Returns the match. */
  async waitFor(re, ms, what, skip = 0) {
    if (typeof re === 'string') re = new RegExp('^' + re.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$', 'm');
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    const t0 = Date.now();
    for (;;) {
      const all = [...this.transcript().matchAll(g)];
      if (all.length > skip) return all[skip];
      if (this.exited) break;
      if (Date.now() - t0 > ms) break;
      await sleep(50);
    }
    throw new Error(`timed out after ${ms} ms waiting for ${what || re} in the transcript\n${this.diag()}`);
  }

  count(re) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    return [...this.transcript().matchAll(g)].length;
  }

  /* Ends the engine: EOF on the key FIFO ends a headless run; a kill after
   * 30 s if it did not.  Safe to call twice. */
  async stop() {
    if (this.keysFd != null) {
      try { fs.closeSync(this.keysFd); } catch (err) { /* ignore */ }
      this.keysFd = null;
    }
    if (!this.exited) {
      const timer = setTimeout(() => { if (!this.exited) this.proc.kill('SIGKILL'); }, ENGINE_WAIT);
      await this.exitPromise;
      clearTimeout(timer);
    }
    return this.exited;
  }

  cleanup() {
    try { fs.rmSync(this.dir, { recursive: true, force: true }); } catch (err) { /* ignore */ }
  }

  /* `spectactor report --db FILE [args]`: its output (throws with the
   * output on a non-zero exit). */
  report(args = []) {
    try {
      return execFileSync(BIN, ['report', '--db', this.db, ...args], {
        encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'],
        env: Object.assign({}, process.env, { SDL_VIDEODRIVER: 'offscreen' })
      });
    } catch (err) {
      throw new Error(`spectactor report failed: ${err.message}\n${err.stdout || ''}${err.stderr || ''}`);
    }
  }
}

module.exports = { Engine, CHROMIUM_ARGS, SHOTS, BIN, ROOT, sleep, ENGINE_WAIT };
