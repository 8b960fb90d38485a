/* phone.test.js - the phone page (assets/web/) in a real browser: Debian's
 * chromium driven by playwright-core joins a live headless engine, votes,
 * changes its vote, reloads, joins by typed code, and answers the
 * evaluation; the engine's transcript and `spectactor report` must show
 * exactly what the phones did.  Screenshots of every page state at a phone
 * viewport go to the screenshot directory.
 *
 * Run: node phone.test.js SPECTACTOR_BIN REPO_ROOT [SCREENSHOT_DIR]
 * (ctest does this: tests/browser/CMakeLists.txt). */
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { Engine, CHROMIUM_ARGS, SHOTS } = require('./engine.js');

const PHONE = { width: 390, height: 844 };
const WAIT = 10000; /* every wait for the page or the transcript */

let browser = null;

test.before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30000 });
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.after(async () => {
  if (browser) await browser.close();
});

async function phone(locale) {
  const ctx = await browser.newContext({ locale, viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
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
        !(res.status() === 403 && u.pathname === '/api/join')) {
      page.consoleErrors.push(`${res.status()} ${res.request().method()} ${u.pathname}`);
    }
  });
  return { ctx, page };
}

/* Runs BODY with a fresh engine; on failure the transcript and the
 * engine's stderr are added to the message; the engine always ends. */
async function withEngine(body) {
  const e = await Engine.start();
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

async function visibleText(page, sel) {
  await page.locator(sel).waitFor({ state: 'visible' });
  return (await page.locator(sel).innerText()).trim();
}

async function fetchState(e) {
  const r = await fetch(`${e.url}/api/state?r=${e.room}`);
  assert.strictEqual(r.status, 200, 'GET /api/state');
  return r.json();
}

test('vote from two phones: receipt, change, reload, counted once each, back to waiting', { timeout: 60000 }, async () => {
  await withEngine(async (e) => {
    const a = await phone('da-DK');
    const b = await phone('en-US');
    try {
      await a.page.goto(`${e.url}/?r=${e.room}`);
      assert.strictEqual(await visibleText(a.page, '#wait .look'), 'Kig op på skærmen');
      assert.strictEqual(await a.page.evaluate(() => document.documentElement.lang), 'da');
      await checkLayout(a.page, 'waiting');
      await shot(a.page, 'da-1-waiting');
      await b.page.goto(`${e.url}/?r=${e.room.toLowerCase()}`);
      assert.strictEqual(await visibleText(b.page, '#wait .look'), 'Look at the screen');

      const id = (await e.advanceUntil(/^vote open (\d+)$/m, 'the vote to open'))[1];

      /* the long-poll brings the poll to both phones, in their languages */
      await a.page.locator('#poll-opts button.opt').nth(1).waitFor({ state: 'visible' });
      assert.strictEqual(await visibleText(a.page, '#poll-q'), 'Hvad nu?');
      assert.deepStrictEqual(await a.page.locator('#poll-opts button.opt').allInnerTexts(), ['1 A', '2 B']);
      assert.ok(await a.page.locator('#poll-receipt').isHidden(), 'no receipt before voting');
      await checkLayout(a.page, 'poll');
      await shot(a.page, 'da-2-poll');
      assert.strictEqual(await visibleText(b.page, '#poll-q'), 'What now?');

      await a.page.locator('#poll-opts button[data-n="2"]').click();
      const receipt = await visibleText(a.page, '#poll-receipt');
      assert.match(receipt, /^Din stemme er talt med \(2\)\./);
      assert.strictEqual(await a.page.locator('button[data-n="2"]').getAttribute('aria-pressed'), 'true');
      await e.waitFor(`phone vote ${id} 2`, WAIT, 'the counted vote');
      await checkLayout(a.page, 'receipt');
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

      /* reveal: each phone counted exactly once, and both go back to waiting */
      e.keys('V');
      const result = (await e.waitFor(/^result .*$/m, WAIT, 'the result'))[0];
      assert.strictEqual(result, 'result 1=2(0+2) 2=0(0+0) winner 1',
        'two phones, each counted once for its last choice');
      assert.strictEqual(await visibleText(a.page, '#wait .look'), 'Kig op på skærmen');
      assert.strictEqual(await visibleText(b.page, '#wait .look'), 'Look at the screen');
      const st = await fetchState(e);
      assert.ok(!JSON.stringify(st).includes('winner'), 'phones never see results');
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
      await shot(a.page, 'da-0-join');

      const wrong = e.room === 'ZZZZ' ? 'YYYY' : 'ZZZZ';
      await a.page.locator('#code').fill(wrong);
      await a.page.locator('#join-form button[type=submit]').click();
      await a.page.locator('#join-msg', { hasText: 'Koden passer ikke' }).waitFor();
      assert.strictEqual(await visibleText(a.page, '#join-msg'), 'Koden passer ikke. Se efter på skærmen.');
      assert.ok(await a.page.locator('#join').isVisible(), 'still on the join screen');
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
      await e.advanceUntil(/^vote open (\d+)$/m, 'the vote to open');
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
      const id = (await e.advanceUntil(/^vote open (\d+)$/m, 'the vote to open'))[1];
      await a.page.locator('#poll-opts button[data-n="1"]').click();
      await e.waitFor(`phone vote ${id} 1`, WAIT, 'the vote');
      e.keys('V');
      await e.waitFor(/^result .*winner 1$/m, WAIT, 'the result');
      await a.page.locator('#wait').waitFor({ state: 'visible' });
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
      await shot(a.page, 'da-4-eval');

      /* submitting with nothing answered asks for the required questions */
      if (qs.some((q) => q.required)) {
        await a.page.locator('#eval-form button[type=submit]').click();
        await a.page.locator('#eval-msg', { hasText: 'Besvar venligst' }).waitFor();
        const first = qs.find((q) => q.required).id;
        assert.deepStrictEqual(await a.page.locator('#eval-form fieldset.missing').evaluateAll((l) => l.map((f) => f.dataset.qid)),
          [first], 'the first unanswered required question is outlined');
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
