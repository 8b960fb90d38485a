/* phone.test.js - the phone page (assets/web/) in a real browser: Debian's
 * chromium driven by playwright-core joins a live headless engine, votes,
 * changes its vote, reloads, joins by typed code, and answers the
 * evaluation; the engine's transcript and `spectactor report` must show
 * exactly what the phones did.  States the bundled test scenario does not
 * reach (ideas, signal polls, disabled options, the help card, an engine
 * restart) are played against the page with the API answered by the test
 * (page.route).  On every state axe-core must find no critical or serious
 * accessibility violation.  Screenshots of every page state at a phone
 * viewport (360x740) go to the screenshot directory.
 *
 * Run: node phone.test.js SPECTACTOR_BIN REPO_ROOT [SCREENSHOT_DIR]
 * (ctest does this: tests/browser/CMakeLists.txt). */
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { Engine, CHROMIUM_ARGS, SHOTS, sleep, ENGINE_WAIT } = require('./engine.js');

const PHONE = { width: 360, height: 740 };
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WAIT = ENGINE_WAIT; /* every wait for the page or the transcript (30 s) */

let browser = null;

test.before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30000 });
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.after(async () => {
  if (browser) await browser.close();
});

async function phone(locale) {
  /* bypassCSP: only so axe-core can be put into the page */
  const ctx = await browser.newContext({ locale, viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, bypassCSP: true });
  ctx.setDefaultTimeout(WAIT);
  const page = await ctx.newPage();
  /* script errors, and failed requests other than the browser's own
   * favicon probe (the page has no icon) and the expected 403 of a wrong code */
  page.consoleErrors = [];
  page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/^Failed to load resource/.test(msg.text())) page.consoleErrors.push(msg.text());
  });
  page.on('response', (res) => {
    const u = new URL(res.url());
    if (res.status() >= 400 && u.pathname !== '/favicon.ico' &&
        !(res.status() === 403 && u.pathname === '/api/join') && !page.allowErrors) {
      page.consoleErrors.push(`${res.status()} ${res.request().method()} ${u.pathname}`);
    }
  });
  return { ctx, page };
}

/* Runs BODY with a fresh engine; on failure the transcript and the
 * engine's stderr are added to the message; the engine always ends. */
async function withEngine(body, scenario) {
  const e = await Engine.start(scenario);
  try {
    await body(e);
  } catch (err) {
    err.message += `\n${e.diag()}`;
    throw err;
  } finally {
    await e.stop();
    const bad = /AddressSanitizer|runtime error:|LeakSanitizer/.exec(e.stderr);
    e.cleanup();
    if (bad) assert.fail(`the engine reported a sanitizer error:\n${e.stderr}`);
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
}

/* The page fits the phone: nothing wider than the viewport, touch targets
 * at least 44 px tall. */
async function checkLayout(page, what) {
  const r = await page.evaluate(() => {
    const small = [];
    document.querySelectorAll('button, .choice, input:not([type=radio]):not([type=checkbox]), textarea').forEach((b) => {
      const rect = b.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0 && rect.height < 44) small.push(`${b.tagName}.${b.className} ${Math.round(rect.height)}px`);
    });
    return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, small };
  });
  assert.ok(r.scroll <= r.inner, `${what}: the page is wider (${r.scroll}px) than the phone (${r.inner}px)`);
  assert.deepStrictEqual(r.small, [], `${what}: touch targets under 44 px`);
}

/* axe-core on the page as it is: no critical or serious violation. */
async function checkAxe(page, what) {
  const found = await page.evaluate(async (src) => {
    if (!window.axe) (0, eval)(src);
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE);
  assert.deepStrictEqual(found, [], `${what}: axe-core violations`);
}

/* Every legend of the evaluation form lies inside its box, above its answers. */
async function checkLegends(page) {
  const bad = await page.evaluate(() => {
    const out = [];
    document.querySelectorAll('#eval-form fieldset').forEach((fs) => {
      const f = fs.getBoundingClientRect();
      const l = fs.querySelector('legend').getBoundingClientRect();
      const next = fs.querySelector('legend').nextElementSibling;
      const n = next ? next.getBoundingClientRect() : null;
      if (l.top < f.top || l.left < f.left || l.right > f.right + 0.5 || l.bottom > f.bottom ||
          (n && l.bottom > n.top + 0.5)) {
        out.push(`${fs.dataset.qid}: legend ${JSON.stringify(l)} box ${JSON.stringify(f)}`);
      }
    });
    return out;
  });
  assert.deepStrictEqual(bad, [], 'legends overlap their boxes');
}

async function visibleText(page, sel) {
  await page.locator(sel).waitFor({ state: 'visible' });
  return (await page.locator(sel).innerText()).trim();
}

async function fetchState(e) {
  const r = await fetch(`${e.url}/api/state?r=${e.room}`);
  assert.strictEqual(r.status, 200, 'GET /api/state');
  return r.json();
}

test('vote from two phones: room language, toggle, sending, receipt, change, reload, closed, end screen', { timeout: 90000 }, async () => {
  await withEngine(async (e) => {
    const a = await phone('da-DK');
    const b = await phone('en-US');
    try {
      await a.page.goto(`${e.url}/?r=${e.room}`);
      assert.strictEqual(await visibleText(a.page, '#wait .look'), 'Kig op på skærmen');
      assert.strictEqual(await a.page.evaluate(() => document.documentElement.lang), 'da');
      await checkLayout(a.page, 'waiting');
      await checkAxe(a.page, 'waiting');
      await shot(a.page, 'da-1-waiting');
      /* the room's language, not the phone's: an English phone shows Danish too... */
      await b.page.goto(`${e.url}/?r=${e.room.toLowerCase()}`);
      assert.strictEqual(await visibleText(b.page, '#wait .look'), 'Kig op på skærmen');
      /* ...until its owner switches, which it remembers for the room */
      assert.strictEqual(await visibleText(b.page, '#lang-toggle'), 'English');
      await b.page.locator('#lang-toggle').click();
      assert.strictEqual(await visibleText(b.page, '#wait .look'), 'Look at the screen');
      assert.strictEqual(await b.page.evaluate(() => document.documentElement.lang), 'en');
      await b.page.reload();
      assert.strictEqual(await visibleText(b.page, '#wait .look'), 'Look at the screen');
      assert.strictEqual(await visibleText(b.page, '#lang-toggle'), 'Dansk');

      const id = (await e.advanceUntil(/^vote open (\d+) phones$/m, 'the vote to open'))[1];

      /* the long-poll brings the poll to both phones, in their languages */
      await a.page.locator('#poll-opts button.opt').nth(1).waitFor({ state: 'visible' });
      assert.strictEqual(await visibleText(a.page, '#poll-q'), 'Hvad nu?');
      assert.deepStrictEqual(await a.page.locator('#poll-opts .opt .n').allInnerTexts(), ['1', '2']);
      assert.deepStrictEqual(await a.page.locator('#poll-opts .opt .t').allInnerTexts(), ['A', 'B']);
      /* the projector's numbers on its accent colour */
      assert.strictEqual(await a.page.locator('#poll-opts .opt .n').first().evaluate((n) => getComputedStyle(n).backgroundColor),
        'rgb(255, 194, 61)');
      assert.ok(await a.page.locator('#poll-receipt').isHidden(), 'no receipt before voting');
      assert.strictEqual(await a.page.locator('#live').innerText(), 'Ny afstemning: Hvad nu?', 'the new vote is announced');
      await checkLayout(a.page, 'poll');
      await checkAxe(a.page, 'poll');
      await shot(a.page, 'da-2-poll');
      assert.strictEqual(await visibleText(b.page, '#poll-q'), 'What now?');

      /* while the vote is on its way the page says so and takes no second tap */
      let release = null;
      const held = new Promise((resolve) => { release = resolve; });
      await a.page.route('**/api/vote', async (route) => { await held; await route.continue(); });
      await a.page.locator('#poll-opts button[data-n="2"]').click();
      assert.strictEqual(await visibleText(a.page, '#poll-sending'), 'Sender …');
      assert.ok(await a.page.locator('#poll-opts button[data-n="1"]').isDisabled(), 'options disabled while sending');
      await checkAxe(a.page, 'sending');
      await shot(a.page, 'da-2-sending');
      release();
      const receipt = await visibleText(a.page, '#poll-receipt');
      await a.page.unroute('**/api/vote');
      assert.match(receipt, /^Din stemme er talt med \(2\)\./);
      assert.ok(await a.page.locator('#poll-sending').isHidden(), 'sent');
      assert.strictEqual(await a.page.locator('button[data-n="2"]').getAttribute('aria-pressed'), 'true');
      await e.waitFor(`phone vote ${id} 2`, WAIT, 'the counted vote');
      await checkLayout(a.page, 'receipt');
      await checkAxe(a.page, 'receipt');
      await shot(a.page, 'da-3-receipt');

      /* change the vote while the poll is open */
      await a.page.locator('#poll-opts button[data-n="1"]').click();
      await a.page.locator('#poll-receipt', { hasText: '(1)' }).waitFor();
      await e.waitFor(`phone vote ${id} 1`, WAIT, 'the changed vote');
      assert.strictEqual(await a.page.locator('button[data-n="2"]').getAttribute('aria-pressed'), 'false');

      /* a reload (the URL no longer has ?r=) comes back to the open poll with its receipt */
      assert.strictEqual(new URL(a.page.url()).search, '', 'the room code is taken out of the address bar');
      await a.page.reload();
      await a.page.locator('#poll-opts button.opt').nth(1).waitFor({ state: 'visible' });
      assert.match(await visibleText(a.page, '#poll-receipt'), /^Din stemme er talt med \(1\)\./);
      assert.strictEqual(await a.page.locator('button[data-n="1"]').getAttribute('aria-pressed'), 'true');

      /* the second phone votes too, in English */
      await b.page.locator('#poll-opts button[data-n="1"]').click();
      assert.match(await visibleText(b.page, '#poll-receipt'), /^Your vote is counted \(1\)\./);
      await checkLayout(b.page, 'receipt (en)');
      await shot(b.page, 'en-3-receipt');
      await e.waitFor(`phone vote ${id} 1`, WAIT, 'the second phone\'s vote', 1);

      /* reveal: each phone counted exactly once; the phones say the vote is closed */
      e.keys('V');
      const result = (await e.waitFor(/^result .*$/m, WAIT, 'the result'))[0];
      assert.strictEqual(result, 'result phones 1=2 2=0 winner 1',
        'two phones, each counted once for its last choice');
      assert.strictEqual(await visibleText(a.page, '#poll-closed'), 'Afstemningen er lukket.');
      assert.strictEqual(await visibleText(b.page, '#poll-closed'), 'The vote is closed.');
      assert.match(await visibleText(a.page, '#poll-receipt'), /^Din stemme er talt med \(1\)\.$/);
      assert.ok(await a.page.locator('#poll-opts button[data-n="2"]').isDisabled(), 'no voting on a closed poll');
      await checkLayout(a.page, 'closed');
      await checkAxe(a.page, 'closed');
      await shot(a.page, 'da-3-closed');
      const st = await fetchState(e);
      assert.ok(!JSON.stringify(st).includes('winner'), 'phones never see results');

      /* the ending: an end screen with help, not "reconnecting" when the engine goes */
      await e.advanceUntil(/^ending \S+$/m, 'the ending');
      await a.page.locator('#ended').waitFor({ state: 'visible' });
      assert.strictEqual(await visibleText(a.page, '#ended h1'), 'Tak for i dag');
      assert.ok((await visibleText(a.page, '#help-body')).length > 0, 'the help card');
      assert.strictEqual(await visibleText(b.page, '#ended h1'), 'Thank you');
      await checkLayout(a.page, 'ended');
      await checkAxe(a.page, 'ended');
      await shot(a.page, 'da-7-ended');
      a.page.allowErrors = true;
      b.page.allowErrors = true;
      await e.stop();
      await a.page.waitForTimeout(4000);
      assert.ok(await a.page.locator('#ended').isVisible(), 'the end screen stays');
      assert.ok(await a.page.locator('#net').isHidden(), 'no "reconnecting" after the event');
      assert.deepStrictEqual(a.page.consoleErrors, [], 'no script errors (da)');
      assert.deepStrictEqual(b.page.consoleErrors, [], 'no script errors (en)');
    } finally {
      await a.ctx.close();
      await b.ctx.close();
    }
  });
});

test('join by typing the room code; a wrong code is refused', { timeout: 60000 }, async () => {
  await withEngine(async (e) => {
    const a = await phone('da-DK');
    try {
      await a.page.goto(`${e.url}/`);
      await a.page.locator('#join').waitFor({ state: 'visible' });
      assert.ok(await a.page.locator('#wait').isHidden(), 'the waiting screen is hidden before joining');
      assert.strictEqual(await visibleText(a.page, '#join h1'), 'Deltag');
      await checkLayout(a.page, 'join');
      await checkAxe(a.page, 'join');
      await shot(a.page, 'da-0-join');

      const wrong = e.room === 'ZZZZ' ? 'YYYY' : 'ZZZZ';
      await a.page.locator('#code').fill(wrong);
      await a.page.locator('#join-form button[type=submit]').click();
      await a.page.locator('#join-msg', { hasText: 'Koden passer ikke' }).waitFor();
      assert.strictEqual(await visibleText(a.page, '#join-msg'), 'Koden passer ikke. Se efter på skærmen.');
      assert.ok(await a.page.locator('#join').isVisible(), 'still on the join screen');
      await checkAxe(a.page, 'join, wrong code');
      await shot(a.page, 'da-0-join-wrong');

      /* a code that is too short is refused by the page itself */
      await a.page.locator('#code').fill('AB');
      await a.page.locator('#code').press('Enter');
      assert.ok(await a.page.locator('#join').isVisible(), 'a short code does not join');

      /* the right code, typed in lower case */
      await a.page.locator('#code').fill(e.room.toLowerCase());
      await a.page.locator('#code').press('Enter');
      assert.strictEqual(await visibleText(a.page, '#wait .look'), 'Kig op på skærmen');
      assert.ok(await a.page.locator('#join').isHidden(), 'the join screen is gone');

      /* joined for real: the poll reaches this phone */
      await e.advanceUntil(/^vote open (\d+) phones$/m, 'the vote to open');
      await a.page.locator('#poll-opts button.opt').first().waitFor({ state: 'visible' });
      /* and a reload remembers the room */
      await a.page.goto(`${e.url}/`);
      await a.page.locator('#poll-opts button.opt').first().waitFor({ state: 'visible' });
      assert.deepStrictEqual(a.page.consoleErrors, [], 'no script errors');
    } finally {
      await a.ctx.close();
    }
  });
});

test('evaluation: fill in the questionnaire, saved once, in the report', { timeout: 60000 }, async () => {
  await withEngine(async (e) => {
    const a = await phone('da-DK');
    try {
      await a.page.goto(`${e.url}/?r=${e.room}`);
      await a.page.locator('#wait').waitFor({ state: 'visible' });
      const id = (await e.advanceUntil(/^vote open (\d+) phones$/m, 'the vote to open'))[1];
      await a.page.locator('#poll-opts button[data-n="1"]').click();
      await e.waitFor(`phone vote ${id} 1`, WAIT, 'the vote');
      e.keys('V');
      await e.waitFor(/^result .*winner 1$/m, WAIT, 'the result');
      await a.page.locator('#poll-closed').waitFor({ state: 'visible' });
      await e.advanceUntil(/^ending \S+$/m, 'the ending');
      e.keys('E');
      await e.waitFor('eval open', WAIT, 'the evaluation to open');

      const st = await fetchState(e);
      assert.ok(st.eval && st.eval.open && Array.isArray(st.eval.questions) && st.eval.questions.length > 0,
        `the state carries the questionnaire: ${JSON.stringify(st).slice(0, 400)}`);
      const qs = st.eval.questions;
      const daText = (x) => (typeof x === 'string' ? x : (x && (x.da || x.en)) || '');

      await a.page.locator('#eval-form fieldset').first().waitFor({ state: 'visible' });
      assert.strictEqual(await a.page.locator('#eval-form fieldset').count(), qs.length, 'one fieldset per question');
      assert.strictEqual(await visibleText(a.page, '#eval > .hint'), 'Dine svar er anonyme.');
      await checkLayout(a.page, 'evaluation');
      await checkLegends(a.page);
      await checkAxe(a.page, 'evaluation');
      await shot(a.page, 'da-4-eval');

      /* submitting with nothing answered asks for the required questions */
      if (qs.some((q) => q.required)) {
        await a.page.locator('#eval-form button[type=submit]').click();
        await a.page.locator('#eval-msg', { hasText: 'Besvar venligst' }).waitFor();
        const first = qs.find((q) => q.required).id;
        assert.deepStrictEqual(await a.page.locator('#eval-form fieldset.missing').evaluateAll((l) => l.map((f) => f.dataset.qid)),
          [first], 'the first unanswered required question is outlined');
        await checkAxe(a.page, 'evaluation, an answer missing');
        await shot(a.page, 'da-4-eval-missing');
        assert.strictEqual(e.count(/^eval answer saved$/m), 0, 'nothing saved while required answers are missing');
      }

      /* answer every question by clicking the labels and typing the comment */
      for (let i = 0; i < qs.length; i++) {
        const q = qs[i];
        const fs = a.page.locator(`#eval-form fieldset[data-qid="${q.id}"]`);
        assert.strictEqual((await fs.locator('legend').innerText()).trim(), daText(q.prompt).trim(),
          `question ${q.id} shows its Danish prompt`);
        if (q.kind === 'multi') {
          const want = q.options.map((o) => daText(o.text).trim());
          assert.ok(want.every((t) => t !== ''), `question ${q.id}: every option has a text in the state`);
          assert.deepStrictEqual((await fs.locator('label.choice').allInnerTexts()).map((t) => t.trim()), want);
        }
        if (q.kind === 'text') {
          await fs.locator('textarea').fill('Godt teaterstykke, meget at tale om.');
          assert.match(await fs.locator('.hint').innerText(), /Skriv ingen navne/);
        } else if (q.kind === 'multi') {
          const labels = fs.locator('label.choice');
          const n = await labels.count();
          assert.ok(n >= 2, `question ${q.id} has options`);
          await labels.nth(0).click();
          await labels.nth(n - 1).click();
          assert.strictEqual(await fs.locator('input:checked').count(), 2, `two boxes ticked in ${q.id}`);
        } else {
          const labels = fs.locator('label.choice');
          const want = q.kind === 'yesno' ? ['Ja', 'Nej'] : q.options.map((o) => daText(o.text).trim());
          assert.ok(want.every((t) => t !== ''), `question ${q.id}: every option has a text in the state: ${JSON.stringify(q.options)}`);
          assert.deepStrictEqual((await labels.allInnerTexts()).map((t) => t.trim()), want, `question ${q.id}: the options in order`);
          await labels.nth(0).click();
          assert.strictEqual(await fs.locator('input:checked').count(), 1, `one answer in ${q.id}`);
        }
      }
      assert.strictEqual(await a.page.locator('#eval-form fieldset.missing').count(), 0, 'no question outlined once answered');
      assert.strictEqual((await a.page.locator('#eval-msg').innerText()).trim(), '', 'the request to answer is gone');
      await shot(a.page, 'da-5-eval-filled');
      await a.page.locator('#eval-form button[type=submit]').click();
      assert.strictEqual(await visibleText(a.page, '#eval-receipt'), 'Tak, gemt');
      await e.waitFor('eval answer saved', WAIT, 'the stored answer');
      assert.strictEqual(await a.page.locator('#eval-form fieldset').count(), 0, 'the form is gone after saving');
      await checkLayout(a.page, 'evaluation saved');
      await checkAxe(a.page, 'evaluation saved');
      await shot(a.page, 'da-6-eval-saved');

      /* a reload does not offer the questionnaire again */
      await a.page.reload();
      assert.strictEqual(await visibleText(a.page, '#eval-receipt'), 'Tak, gemt');
      assert.strictEqual(await a.page.locator('#eval-form fieldset').count(), 0, 'no second questionnaire after a reload');
      assert.strictEqual(e.count(/^eval answer saved$/m), 1, 'saved exactly once');
      assert.deepStrictEqual(a.page.consoleErrors, [], 'no script errors');

      /* the report lists the questionnaire's questions; one answer is too few to show n */
      await e.stop();
      const rep = e.report(['--lang', 'da']);
      for (const q of qs) {
        if (q.kind === 'text') continue;
        assert.ok(rep.includes(daText(q.prompt).trim()), `the report lists "${daText(q.prompt)}":\n${rep}`);
      }
      assert.ok(rep.includes('<5'), `the report suppresses n for a single answer as "<5":\n${rep}`);
      assert.ok(!/\bn\s*=\s*1\b/.test(rep), `the report does not show n = 1:\n${rep}`);
      assert.ok(!rep.includes('Godt teaterstykke'), 'the report does not print free-text comments');
    } finally {
      await a.ctx.close();
    }
  });
});

/* The phone API answered by the test (page.route), for the states the
 * bundled scenario does not reach.  Tokens are issued at join as the
 * engine does; restart() forgets them as an engine restart does. */
class MockApi {
  constructor(room) {
    this.room = room;
    this.version = 100;
    this.state = { screen: 'waiting', poll: null, eval: null };
    this.tokens = new Set();
    this.n = 0;
    this.joins = 0;
    this.votes = [];
    this.ideas = [];
    this.ideaFull = false;
    this.hold = null; /* a promise POSTs wait for, to see "sending" */
    this.down = false;
  }

  publish(state) {
    this.state = state;
    this.version++;
  }

  restart() {
    this.tokens.clear();
    this.version += 1000;
  }

  async handle(route) {
    const req = route.request();
    const u = new URL(req.url());
    const json = (status, obj) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(obj) });
    if (this.down) return route.abort('connectionrefused');
    if (req.method() === 'POST' && this.hold) await this.hold;
    const body = req.method() === 'POST' ? JSON.parse(req.postData() || '{}') : {};
    const known = (t) => typeof t === 'string' && this.tokens.has(t);
    if (u.pathname === '/api/state') {
      if (u.searchParams.get('r') !== this.room) return json(403, { error: 'forbidden' });
      const v = Number(u.searchParams.get('v'));
      for (let i = 0; i < 40 && v === this.version && !this.down; i++) await sleep(50);
      if (this.down) return route.abort('connectionrefused');
      return json(200, Object.assign({}, this.state, { v: this.version }));
    }
    if (body.r !== this.room) return json(403, { error: 'forbidden' });
    if (u.pathname === '/api/join') {
      this.joins++;
      if (known(body.t)) return json(200, { ok: true, t: body.t, v: this.version });
      const t = (++this.n).toString(16).padStart(32, 'a');
      this.tokens.add(t);
      return json(200, { ok: true, t, v: this.version });
    }
    if (!known(body.t)) return json(401, { error: 'unknown_token' });
    const p = this.state.poll;
    if (u.pathname === '/api/vote') {
      if (!p || !p.open || p.id !== body.poll) return json(409, { error: 'closed' });
      this.votes.push({ t: body.t, poll: body.poll, option: body.option });
      return json(200, { ok: true, poll: body.poll, option: body.option });
    }
    if (u.pathname === '/api/idea') {
      if (this.ideaFull) return json(503, { error: 'full' });
      const cps = Array.from(body.text);
      this.ideas.push(cps.slice(0, 280).join(''));
      return json(200, cps.length > 280 ? { ok: true, cut: true } : { ok: true });
    }
    return json(404, { error: 'not_found' });
  }
}

test('ideas, signal colours, a disabled option\'s reason, a restart without a false receipt, the help card', { timeout: 90000 }, async () => {
  await withEngine(async (e) => {
    const a = await phone('da-DK');
    const api = new MockApi(e.room);
    a.page.allowErrors = true; /* 401, 503 are what this test asks for; script errors still count */
    try {
      await a.page.route('**/api/**', (route) => api.handle(route));
      await a.page.goto(`${e.url}/?r=${e.room}`);
      await a.page.locator('#wait').waitFor({ state: 'visible' });
      assert.strictEqual(api.joins, 1, 'the page joined');

      /* an idea prompt in a room whose language is English, on a Danish phone */
      api.publish({ screen: 'idea', lang: 'en', title: { da: 'Prøve', en: 'Test' },
        poll: { id: 1000001, kind: 'idea', open: true, prompt: { da: 'Hvad kunne Sofie gøre?', en: 'What could Sofie do?' }, options: [] },
        eval: null });
      assert.strictEqual(await visibleText(a.page, '#idea-q'), 'What could Sofie do?');
      assert.strictEqual(await a.page.evaluate(() => document.documentElement.lang), 'en');
      assert.strictEqual(await visibleText(a.page, '#lang-toggle'), 'Dansk');
      await checkLayout(a.page, 'idea');
      await checkAxe(a.page, 'idea');
      await shot(a.page, 'en-5-idea');
      /* 300 emoji are 280 characters in the box: the counter counts characters, not bytes */
      await a.page.locator('#idea-text').fill('\u{1F600}'.repeat(300));
      assert.strictEqual(await visibleText(a.page, '#idea-count'), '0 characters left');
      assert.strictEqual(await a.page.locator('#idea-text').evaluate((t) => Array.from(t.value).length), 280);
      let release = null;
      api.hold = new Promise((resolve) => { release = resolve; });
      await a.page.locator('#idea-send').click();
      assert.strictEqual(await visibleText(a.page, '#idea-send'), 'Sending …');
      assert.ok(await a.page.locator('#idea-send').isDisabled(), 'no second send while sending');
      release();
      api.hold = null;
      assert.strictEqual(await visibleText(a.page, '#idea-receipt'), 'Thank you! Your idea was sent.');
      assert.strictEqual(api.ideas.length, 1);
      assert.strictEqual(Array.from(api.ideas[0]).length, 280);
      assert.strictEqual(await visibleText(a.page, '#idea-send'), 'Send');
      /* the moderation queue is full: the phone is told, not thanked */
      api.ideaFull = true;
      await a.page.locator('#idea-text').fill('Ring til en voksen');
      await a.page.locator('#idea-send').click();
      assert.match(await visibleText(a.page, '#idea-msg'), /^There is no room for more ideas right now/);
      assert.ok(await a.page.locator('#idea-receipt').isHidden(), 'no receipt for an idea that was not kept');
      await checkAxe(a.page, 'idea, full');
      await shot(a.page, 'en-5-idea-full');

      /* a signal poll in the projector's colours; an option that cannot be chosen says why */
      api.publish({ screen: 'poll', lang: 'da', poll: { id: 7, kind: 'signal', open: true,
        prompt: { da: 'Er det OK?', en: 'Is this OK?' },
        options: [{ n: 1, text: { da: 'OK', en: 'OK' }, enabled: true },
          { n: 2, text: { da: 'Advarselstegn', en: 'Warning sign' }, enabled: true },
          { n: 3, text: { da: 'Stalking', en: 'Stalking' }, enabled: false, reason: { da: 'Først når Sofie har svaret', en: 'Only once Sofie has answered' } }] },
        eval: null });
      assert.strictEqual(await visibleText(a.page, '#poll-q'), 'Er det OK?');
      assert.deepStrictEqual(await a.page.locator('#poll-opts .opt .n').evaluateAll((ns) => ns.map((n) => getComputedStyle(n).backgroundColor)),
        ['rgb(52, 199, 111)', 'rgb(255, 166, 48)', 'rgb(108, 108, 120)']);
      assert.ok(await a.page.locator('button[data-n="3"]').isDisabled(), 'the third option is disabled');
      assert.strictEqual(await visibleText(a.page, 'button[data-n="3"] .why'), 'Først når Sofie har svaret');
      await checkLayout(a.page, 'signal');
      await checkAxe(a.page, 'signal');
      await shot(a.page, 'da-6-signal');
      await a.page.locator('button[data-n="2"]').click();
      assert.match(await visibleText(a.page, '#poll-receipt'), /^Din stemme er talt med \(2\)\./);
      const first = api.votes[0].t;

      /* the engine restarts: tokens forgotten, the phone reconnects by itself,
       * joins again and shows no receipt its new token has not earned */
      api.down = true;
      await a.page.locator('#net').waitFor({ state: 'visible', timeout: 15000 });
      assert.strictEqual(await visibleText(a.page, '#net'), 'Forbinder igen …');
      api.restart();
      api.down = false;
      await a.page.locator('#net').waitFor({ state: 'hidden', timeout: 15000 });
      for (let i = 0; i < 300 && api.tokens.size === 0; i++) await sleep(100);
      assert.strictEqual(api.tokens.size, 1, 'joined again with a new token');
      assert.ok(await a.page.locator('#poll-receipt').isHidden(), 'no receipt from before the restart');
      await a.page.locator('button[data-n="1"]').click();
      assert.match(await visibleText(a.page, '#poll-receipt'), /^Din stemme er talt med \(1\)\./);
      assert.strictEqual(api.votes.length, 2);
      assert.notStrictEqual(api.votes[1].t, first, 'voted with the new token');

      /* a vote refused for an unknown token (forgotten) joins again and is sent once more */
      api.tokens.clear();
      await a.page.locator('button[data-n="2"]').click();
      await a.page.locator('#poll-receipt', { hasText: '(2)' }).waitFor();
      assert.strictEqual(api.votes.length, 3);

      /* the end of the event: the help card from the state */
      api.publish({ screen: 'ended', lang: 'da', poll: null, eval: null,
        help: { title: { da: 'Hjælp', en: 'Help' },
          contacts: [{ name: { da: 'Politiet', en: 'The police' }, phone: '114', text: { da: 'Ring', en: 'Call' } }] } });
      assert.strictEqual(await visibleText(a.page, '#ended h1'), 'Tak for i dag');
      assert.strictEqual(await visibleText(a.page, '#help-title'), 'Hjælp');
      assert.match(await visibleText(a.page, '#help-body'), /Politiet 114/);
      assert.strictEqual(await a.page.locator('#help-body a').getAttribute('href'), 'tel:114');
      await checkLayout(a.page, 'help');
      await checkAxe(a.page, 'help');
      await shot(a.page, 'da-7-help');
      await a.page.locator('#lang-toggle').click();
      assert.strictEqual(await visibleText(a.page, '#help-title'), 'Help');
      assert.match(await visibleText(a.page, '#help-body'), /The police 114/);
      assert.deepStrictEqual(a.page.consoleErrors, [], 'no script errors');
    } finally {
      await a.ctx.close();
    }
  });
});

test('statements before and after the play: a phone answers each as a signal poll, no link kept', { timeout: 90000 }, async () => {
  await withEngine(async (e) => {
    const a = await phone('da-DK');
    try {
      await a.page.goto(`${e.url}/?r=${e.room}`);
      assert.strictEqual(await visibleText(a.page, '#wait .look'), 'Kig op på skærmen');
      e.keys('Right');
      await e.waitFor(/^statement before 1\/4 checks_phone: /m, WAIT, 'the first statement');
      e.keys('V');
      const id = (await e.waitFor(/^vote open (\d+) phones$/m, WAIT, 'the statement vote'))[1];
      await a.page.locator('#poll-opts button.opt').nth(2).waitFor({ state: 'visible' });
      assert.strictEqual(await visibleText(a.page, '#poll-q'), 'Han tjekker hendes telefon hver dag.');
      assert.deepStrictEqual(await a.page.locator('#poll-opts .opt .t').allInnerTexts(), ['OK', 'Faresignal', 'Stalking']);
      await checkLayout(a.page, 'statement');
      await checkAxe(a.page, 'statement');
      await shot(a.page, 'da-8-statement');
      await a.page.locator('#poll-opts button[data-n="2"]').click();
      await visibleText(a.page, '#poll-receipt');
      await e.waitFor(`phone vote ${id} 2`, WAIT, 'the counted vote');
      /* reveal, the next statement reaches the phone as a new poll */
      e.keys('V Right');
      await e.waitFor(/^statement before 2\/4 many_messages: /m, WAIT, 'the second statement');
      e.keys('V');
      await e.waitFor(/^vote open \d+ phones$/m, WAIT, 'the second vote', 1);
      await a.page.locator('#poll-q', { hasText: 'Han sender 40 beskeder' }).waitFor();
      await a.page.locator('#lang-toggle').click();
      assert.strictEqual(await visibleText(a.page, '#poll-q'), "He sends 40 messages when she doesn't answer.");
      await shot(a.page, 'en-8-statement');
      /* S skips the rest: the phone waits again, the first answer is the only one kept */
      e.keys('S');
      await e.waitFor('statements before skipped', WAIT, 'the skipped round');
      await a.page.locator('#wait').waitFor({ state: 'visible' });
      assert.deepStrictEqual(a.page.consoleErrors, [], 'no script errors');
    } finally {
      await a.ctx.close();
    }
  }, 'scenes/stalking');
});
