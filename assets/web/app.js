/* Spectactor phone page: join a room (the server issues the token), follow
 * its state by long-poll, vote, send ideas, answer the evaluation, and end
 * on the help card.  No external resources; the API is described in
 * docs/http-api.md.  Everything from the server is inserted with
 * textContent, never as HTML.
 *
 * The page follows the room's language (state "lang", else the first
 * language of the scenario's texts), with a toggle.  What it remembers in
 * localStorage is keyed by the event (state "event", else the room code):
 * the token the server issued, receipts per poll (with the token they were
 * counted for, so a receipt from before an engine restart is not shown as
 * counted), the evaluation's submission id and its "saved". */
(function () {
  'use strict';

  var TEXT = {
    da: {
      joinTitle: 'Deltag', codeLabel: 'Rumkode (står på skærmen)', joinButton: 'Deltag',
      badCode: 'Koden passer ikke. Se efter på skærmen.', look: 'Kig op på skærmen',
      lookHint: 'Når der er en afstemning, kommer den frem her.',
      counted: 'Din stemme er talt med', change: 'Du kan ændre den, så længe afstemningen er åben.',
      closed: 'Afstemningen er lukket.', slow: 'Vent et øjeblik og prøv igen.',
      notSent: 'Ikke sendt. Prøv igen.', noNames: 'Skriv ingen navne.', send: 'Send',
      ideaLabel: 'Din idé', ideaSent: 'Tak! Din idé er sendt.',
      ideaCut: 'Tak! Din idé er sendt (forkortet til 280 tegn).',
      ideaFull: 'Der er ikke plads til flere idéer lige nu. Prøv igen om lidt.',
      ideasClosed: 'Der tages ikke imod idéer lige nu.',
      left: 'tegn tilbage', reconnect: 'Forbinder igen …',
      anon: 'Dine svar er anonyme.', saved: 'Tak, gemt', submit: 'Send svar',
      notSaved: 'Ikke gemt endnu. Prøver igen …', yes: 'Ja', no: 'Nej',
      evalTitle: 'Evaluering', required: 'Besvar venligst spørgsmålet.',
      alreadyAnswered: 'Du har allerede svaret. Tak!', evalClosed: 'Evalueringen er lukket.',
      sending: 'Sender …', unavailable: 'Kan ikke vælges nu',
      endTitle: 'Tak for i dag', endText: 'Arrangementet er slut. Du kan lukke siden.',
      lostTitle: 'Forbindelsen er væk',
      lostText: 'Hvis arrangementet er slut, kan du lukke siden. Ellers prøver telefonen igen af sig selv.',
      helpTitle: 'Har du brug for at tale med nogen?',
      helpDefault: 'Tal med en voksen, du stoler på: en lærer, en forælder eller skolens vejleder.',
      newPoll: 'Ny afstemning', newIdea: 'Skriv en idé', newEval: 'Evaluering',
      langName: 'Dansk'
    },
    en: {
      joinTitle: 'Join', codeLabel: 'Room code (shown on the screen)', joinButton: 'Join',
      badCode: 'That code does not match. Check the screen.', look: 'Look at the screen',
      lookHint: 'When there is a vote, it appears here.',
      counted: 'Your vote is counted', change: 'You can change it while the vote is open.',
      closed: 'The vote is closed.', slow: 'Wait a moment and try again.',
      notSent: 'Not sent. Try again.', noNames: 'Write no names.', send: 'Send',
      ideaLabel: 'Your idea', ideaSent: 'Thank you! Your idea was sent.',
      ideaCut: 'Thank you! Your idea was sent (shortened to 280 characters).',
      ideaFull: 'There is no room for more ideas right now. Try again in a little while.',
      ideasClosed: 'Ideas are not being taken right now.',
      left: 'characters left', reconnect: 'Reconnecting …',
      anon: 'Your answers are anonymous.', saved: 'Thank you, saved', submit: 'Send answers',
      notSaved: 'Not saved yet. Trying again …', yes: 'Yes', no: 'No',
      evalTitle: 'Evaluation', required: 'Please answer the question.',
      alreadyAnswered: 'You have already answered. Thank you!', evalClosed: 'The evaluation is closed.',
      sending: 'Sending …', unavailable: 'Cannot be chosen now',
      endTitle: 'Thank you', endText: 'The event is over. You can close this page.',
      lostTitle: 'The connection is gone',
      lostText: 'If the event is over, you can close this page. Otherwise the phone keeps trying by itself.',
      helpTitle: 'Do you need to talk to someone?',
      helpDefault: 'Talk to an adult you trust: a teacher, a parent or the school counsellor.',
      newPoll: 'New vote', newIdea: 'Write an idea', newEval: 'Evaluation',
      langName: 'English'
    }
  };
  var MAX_IDEA = 280; /* code points, as the server keeps them */
  var LOST_MS = 120000; /* this long without the server: the end screen with help */
  /* the projector's signal colours (engine/render/theme.h): OK, warning sign, stalking */
  var SIGNAL = ['#34C76F', '#FFA630', '#F0454B'];

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* Storage that survives reloads; a private-mode browser without it still works. */
  var store = {
    get: function (k) { try { return localStorage.getItem('spectactor.' + k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem('spectactor.' + k, v); } catch (e) { /* ignore */ } },
    del: function (k) { try { localStorage.removeItem('spectactor.' + k); } catch (e) { /* ignore */ } }
  };
  function getJSON(k) {
    try { return JSON.parse(store.get(k) || 'null'); } catch (e) { return null; }
  }
  function randomId() {
    var b = new Uint8Array(16), s = '', i;
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(b);
    else for (i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    for (i = 0; i < 16; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }

  var room = null, version = null, state = null, viewKey = '', pollTimer = null, ctrl = null;
  var failures = 0, generation = 0, failingSince = 0, joining = null;
  var token = null; /* issued by the server for this room */

  /* ---- language ---- */
  var lang = /^da\b/i.test(navigator.language || '') ? 'da' : 'en';
  var T = TEXT[lang];
  function roomLang(s) {
    if (s && (s.lang === 'da' || s.lang === 'en')) return s.lang;
    /* without "lang": the scenario's first language, as its texts list them */
    var t = s && s.title;
    if (t && typeof t === 'object') for (var k in t) if (TEXT[k]) return k;
    return null;
  }
  function setLang(l) {
    if (!TEXT[l]) return;
    var changed = l !== lang;
    lang = l;
    T = TEXT[l];
    applyStatic();
    if (changed && state) { viewKey = ''; render(state); }
  }
  function pickLang() {
    var forced = room && store.get('lang.' + room);
    var rl = roomLang(state);
    /* remembered, so a reload starts in the room's language */
    if (rl && room && store.get('roomlang.' + room) !== rl) store.set('roomlang.' + room, rl);
    setLang(TEXT[forced] ? forced : (rl || lang));
  }
  function tr(x) {
    if (x == null) return '';
    if (typeof x === 'string') return x;
    if (typeof x === 'object') {
      if (typeof x[lang] === 'string') return x[lang];
      for (var k in x) if (typeof x[k] === 'string') return x[k];
    }
    return String(x);
  }
  function applyStatic() {
    document.documentElement.lang = lang;
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = T[nodes[i].getAttribute('data-t')];
    var other = lang === 'da' ? 'en' : 'da';
    $('lang-toggle').textContent = TEXT[other].langName;
    $('lang-toggle').setAttribute('lang', other);
    countIdea();
  }
  $('lang-toggle').addEventListener('click', function () {
    var l = lang === 'da' ? 'en' : 'da';
    if (room) store.set('lang.' + room, l);
    setLang(l);
  });

  /* Announces a change to screen readers (the live region). */
  var lastSaid = '';
  function say(text) {
    if (!text || text === lastSaid) return;
    lastSaid = text;
    $('live').textContent = text;
  }

  function post(path, obj) {
    return fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(obj), cache: 'no-store', credentials: 'omit'
    }).then(function (r) {
      return r.text().then(function (t) {
        var j = null;
        try { j = JSON.parse(t); } catch (e) { j = null; }
        return { status: r.status, json: j };
      });
    });
  }
  function sleep(ms) { return new Promise(function (res) { setTimeout(res, ms); }); }

  /* Posts with the current token; an unknown token (the engine restarted, or
   * forgot it) joins again and retries once; a hold (503 busy, a reveal in
   * progress) is retried a few times. */
  function postPhone(path, make) {
    function attempt(n, rejoined) {
      return post(path, make()).then(function (res) {
        if (res.status === 401 && !rejoined) return rejoin().then(function () { return attempt(n, true); });
        if (res.status === 503 && n < 3 && !(res.json && res.json.error === 'full')) {
          return sleep(300 * (n + 1)).then(function () { return attempt(n + 1, rejoined); });
        }
        return res;
      });
    }
    return attempt(0, false);
  }

  function show(id) {
    ['join', 'wait', 'poll', 'idea', 'eval', 'ended'].forEach(function (s) { $(s).hidden = s !== id; });
  }

  /* ---- joining ---- */
  function eventKey() { return (state && typeof state.event === 'string' && state.event) || room || ''; }
  function showJoin(msg) {
    stopPolling();
    room = null;
    show('join');
    $('join-msg').textContent = msg || '';
    $('code').focus();
  }
  /* POST /api/join with the token held for this room (kept when the server
   * still knows it); resolves to the status. */
  function joinRoom(code) {
    var old = store.get('token.' + code);
    var body = { r: code };
    if (old && /^[A-Za-z0-9_-]{16,63}$/.test(old)) body.t = old;
    return post('/api/join', body).then(function (res) {
      if (res.status === 200 && res.json && typeof res.json.t === 'string') {
        var was = token;
        token = res.json.t;
        store.set('token.' + code, token);
        /* a new token has no receipts: the old ones were for votes the engine may have lost */
        if (was && was !== token && state && state.poll && state.poll.kind !== 'idea') markVote(state.poll);
      }
      return res.status;
    });
  }
  function rejoin() {
    if (!room) return Promise.resolve(0);
    if (!joining) {
      joining = joinRoom(room).then(function (st) { joining = null; return st; },
        function () { joining = null; return 0; });
    }
    return joining;
  }
  function join(code) {
    code = (code || '').toUpperCase().replace(/[^A-Z]/g, '');
    if (code.length !== 4) { showJoin(code ? T.badCode : ''); return; }
    joinRoom(code).then(function (st) {
      if (st === 200) {
        room = code;
        store.set('room', code);
        pickLang();
        setNet(false);
        startPolling();
      } else if (st === 403) {
        store.del('room');
        showJoin(T.badCode);
      } else if (st === 429 && !room && !store.get('token.' + code)) {
        $('join-msg').textContent = T.slow;
        setTimeout(function () { join(code); }, 5000);
      } else {
        /* busy or limited: the code may be right; follow the state and join later */
        room = code;
        startPolling();
      }
    }, function () {
      setNet(true);
      setTimeout(function () { join(code); }, 3000);
    });
  }
  $('join-form').addEventListener('submit', function (e) {
    e.preventDefault();
    join($('code').value);
  });

  /* ---- long-poll ---- */
  function setNet(bad) {
    $('net').hidden = !bad;
    $('net').textContent = bad ? T.reconnect : '';
  }
  function stopPolling() {
    generation++;
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    if (ctrl) { try { ctrl.abort(); } catch (e) { /* ignore */ } ctrl = null; }
  }
  function startPolling() {
    stopPolling();
    poll(generation);
  }
  function poll(gen) {
    if (gen !== generation || !room) return;
    var url = '/api/state?r=' + encodeURIComponent(room) + (token ? '&t=' + token : '') +
      (version != null ? '&v=' + version : '');
    var opts = { cache: 'no-store', credentials: 'omit' };
    if (window.AbortController) { ctrl = new AbortController(); opts.signal = ctrl.signal; }
    fetch(url, opts).then(function (r) {
      if (gen !== generation) return null;
      if (r.status === 403) { store.del('room'); showJoin(T.badCode); return null; }
      if (r.status !== 200) throw new Error('status ' + r.status);
      return r.json();
    }).then(function (j) {
      if (!j || gen !== generation) return;
      var back = failures > 0 || !token;
      failures = 0;
      failingSince = 0;
      setNet(false);
      version = typeof j.v === 'number' ? j.v : null;
      render(j);
      /* back after an outage (perhaps an engine restart): make sure the token still holds */
      if (back) rejoin();
      poll(gen);
    }).catch(function () {
      if (gen !== generation) return;
      failures++;
      if (!failingSince) failingSince = Date.now();
      lost();
      pollTimer = setTimeout(function () { poll(gen); }, Math.min(10000, 1000 * failures));
    });
  }
  /* The server is gone: after the event, or for long, the end screen with
   * help instead of "reconnecting" forever; it keeps trying quietly. */
  function lost() {
    var ended = state && state.screen === 'ended' && !(state.eval && state.eval.open);
    if (ended) { setNet(false); return; }
    if (Date.now() - failingSince > LOST_MS) {
      setNet(false);
      renderEnded(true);
      return;
    }
    if (failures > 1) setNet(true);
  }
  /* A phone that slept comes back to where the room is at once. */
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && room) { version = null; startPolling(); }
  });

  /* ---- rendering ---- */
  function render(s) {
    state = s;
    if (s.help) store.set('help.' + room, JSON.stringify(s.help));
    pickLang();
    var p = s.poll, ev = s.eval, key;
    if (ev && ev.open) {
      key = 'eval:' + eventKey() + ':' + (ev.id || '') + ':' + JSON.stringify(ev.questions || []).length + ':' + lang;
      if (key !== viewKey) { viewKey = key; renderEval(ev); say(T.newEval); }
      show('eval');
    } else if (p && p.open && p.kind === 'idea') {
      key = 'idea:' + p.id + ':' + lang;
      if (key !== viewKey) { viewKey = key; renderIdea(p); say(T.newIdea + ': ' + tr(p.prompt)); }
      show('idea');
    } else if (p && p.kind !== 'idea') {
      key = 'poll:' + p.id + ':' + !!p.open + ':' + JSON.stringify(p.options || []) + ':' + lang;
      if (key !== viewKey) {
        viewKey = key;
        renderPoll(p);
        say(p.open ? T.newPoll + ': ' + tr(p.prompt) : T.closed);
      }
      show('poll');
    } else if (s.screen === 'ended') {
      if (viewKey !== 'ended:' + lang) { viewKey = 'ended:' + lang; renderEnded(false); say(T.endTitle); }
      show('ended');
    } else {
      if (viewKey !== 'wait') say(T.look);
      viewKey = 'wait';
      show('wait');
    }
  }

  function renderEnded(lostIt) {
    $('ended-title').textContent = lostIt ? T.lostTitle : T.endTitle;
    $('ended-text').textContent = lostIt ? T.lostText : T.endText;
    var help = (state && state.help) || getJSON('help.' + room);
    var body = $('help-body');
    body.textContent = '';
    var title = help && typeof help === 'object' && !help.da && !help.en ? help.title : null;
    $('help-title').textContent = tr(title) || T.helpTitle;
    var text = help && (typeof help === 'string' || help.da || help.en) ? tr(help) :
      help && help.text ? tr(help.text) : '';
    if (text) body.appendChild(el('p', null, text));
    var contacts = help && Array.isArray(help.contacts) ? help.contacts : [];
    contacts.forEach(function (c) {
      if (typeof c === 'string' || (c && (c.da || c.en))) { body.appendChild(el('p', null, tr(c))); return; }
      if (!c || typeof c !== 'object') return;
      var p = el('p');
      if (c.name) p.appendChild(el('strong', null, tr(c.name)));
      if (c.phone) {
        p.appendChild(document.createTextNode(' '));
        var a = el('a', null, String(c.phone));
        a.href = 'tel:' + String(c.phone).replace(/[^0-9+]/g, '');
        p.appendChild(a);
      }
      if (c.url && /^https?:\/\//.test(String(c.url))) {
        p.appendChild(document.createTextNode(' '));
        var u = el('a', null, String(c.url).replace(/^https?:\/\//, ''));
        u.href = String(c.url);
        u.rel = 'noreferrer';
        p.appendChild(u);
      }
      if (c.text) p.appendChild(el('span', 'hint', ' ' + tr(c.text)));
      body.appendChild(p);
    });
    if (!text && !contacts.length) body.appendChild(el('p', null, T.helpDefault));
    if (lostIt) { viewKey = 'lost'; show('ended'); say(T.lostTitle); }
  }

  /* Receipts: per event, per poll, with the token the vote was counted for. */
  function receipts() { return getJSON('votes.' + eventKey()) || {}; }
  function receiptFor(pollId) {
    var r = receipts()[pollId];
    return r && r.t === token ? r.n : null;
  }
  function colour(p, o, i) {
    if (typeof o.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(o.color)) return o.color;
    if (p.kind === 'signal' && i < SIGNAL.length) return SIGNAL[i];
    return null;
  }
  function renderPoll(p) {
    $('poll-q').textContent = tr(p.prompt);
    $('poll-msg').textContent = '';
    $('poll-sending').hidden = true;
    $('poll-closed').hidden = !!p.open;
    var box = $('poll-opts');
    box.textContent = '';
    (p.options || []).forEach(function (o, i) {
      var b = el('button', o.enabled === false ? 'opt off' : 'opt');
      b.type = 'button';
      var c = colour(p, o, i);
      if (c) b.style.setProperty('--c', c);
      b.appendChild(el('span', 'n', String(o.n)));
      var t = el('span', 't', tr(o.text));
      if (o.enabled === false) t.appendChild(el('span', 'why', tr(o.reason) || T.unavailable));
      b.appendChild(t);
      b.disabled = o.enabled === false || !p.open;
      b.setAttribute('data-n', String(o.n));
      b.addEventListener('click', function () { vote(p.id, o.n); });
      box.appendChild(b);
    });
    markVote(p);
  }
  function markVote(p) {
    var chosen = receiptFor(p.id);
    var bs = $('poll-opts').querySelectorAll('.opt');
    for (var i = 0; i < bs.length; i++) {
      var on = String(chosen) === bs[i].getAttribute('data-n');
      bs[i].classList.toggle('chosen', on);
      bs[i].setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    var r = $('poll-receipt');
    r.hidden = chosen == null;
    r.textContent = chosen == null ? '' : T.counted + ' (' + chosen + ').' + (p.open ? ' ' + T.change : '');
  }
  function setSending(on) {
    $('poll-sending').hidden = !on;
    $('poll-opts').setAttribute('aria-busy', on ? 'true' : 'false');
    var bs = $('poll-opts').querySelectorAll('.opt');
    for (var i = 0; i < bs.length; i++) {
      var o = state && state.poll && (state.poll.options || [])[i];
      bs[i].disabled = on || !(state && state.poll && state.poll.open) || (o && o.enabled === false);
    }
  }
  function vote(pollId, n) {
    $('poll-msg').textContent = '';
    setSending(true);
    postPhone('/api/vote', function () { return { r: room, t: token, poll: pollId, option: n }; }).then(function (res) {
      setSending(false);
      if (res.status === 200) {
        var v = receipts();
        v[pollId] = { n: n, t: token };
        store.set('votes.' + eventKey(), JSON.stringify(v));
        if (state && state.poll && state.poll.id === pollId) markVote(state.poll);
        say(T.counted + ' (' + n + ')');
      } else if (res.status === 409) {
        $('poll-msg').textContent = T.closed;
      } else if (res.status === 429) {
        $('poll-msg').textContent = T.slow;
      } else if (res.status === 403) {
        showJoin(T.badCode);
      } else {
        $('poll-msg').textContent = T.notSent;
      }
    }, function () { setSending(false); $('poll-msg').textContent = T.notSent; });
  }

  function renderIdea(p) {
    $('idea-q').textContent = tr(p.prompt);
    $('idea-text').value = '';
    $('idea-receipt').hidden = true;
    $('idea-msg').textContent = '';
    countIdea();
  }
  function codePoints(s) { return Array.from ? Array.from(s) : s.split(''); }
  function countIdea() {
    var ta = $('idea-text'), cps = codePoints(ta.value);
    if (cps.length > MAX_IDEA) { ta.value = cps.slice(0, MAX_IDEA).join(''); cps = cps.slice(0, MAX_IDEA); }
    $('idea-count').textContent = (MAX_IDEA - cps.length) + ' ' + T.left;
  }
  $('idea-text').addEventListener('input', countIdea);
  $('idea-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('idea-text').value.trim();
    if (!text) return;
    $('idea-msg').textContent = '';
    $('idea-receipt').hidden = true;
    $('idea-send').disabled = true;
    $('idea-send').textContent = T.sending;
    function done() { $('idea-send').disabled = false; $('idea-send').textContent = T.send; }
    postPhone('/api/idea', function () { return { r: room, t: token, text: text }; }).then(function (res) {
      done();
      if (res.status === 200) {
        $('idea-text').value = '';
        countIdea();
        $('idea-receipt').textContent = res.json && res.json.cut ? T.ideaCut : T.ideaSent;
        $('idea-receipt').hidden = false;
      } else if (res.status === 409) {
        $('idea-msg').textContent = T.ideasClosed;
      } else if (res.status === 429) {
        $('idea-msg').textContent = T.slow;
      } else if (res.status === 503 && res.json && res.json.error === 'full') {
        $('idea-msg').textContent = T.ideaFull;
      } else {
        $('idea-msg').textContent = T.notSent;
      }
    }, function () { done(); $('idea-msg').textContent = T.notSent; });
  });

  /* ---- evaluation ---- */
  var evalRetry = null;
  function evalDoneKey(ev) { return 'evaldone.' + eventKey() + '.' + (ev.id || 'eval'); }
  function evalSidKey() { return 'evalsid.' + eventKey(); }
  function renderEval(ev) {
    var form = $('eval-form');
    form.textContent = '';
    $('eval-title').textContent = tr(ev.title) || T.evalTitle;
    $('eval-msg').textContent = '';
    if (store.get(evalDoneKey(ev))) {
      $('eval-receipt').textContent = T.saved;
      $('eval-receipt').hidden = false;
      return;
    }
    $('eval-receipt').hidden = true;
    (ev.questions || []).forEach(function (q, qi) {
      var fs = el('fieldset');
      fs.setAttribute('data-qid', String(q.id));
      fs.setAttribute('data-kind', q.kind);
      var lg = el('legend', null, tr(q.prompt));
      lg.id = 'q' + qi + '-legend';
      fs.appendChild(lg);
      var name = 'q' + qi;
      if (q.kind === 'text') {
        var ta = el('textarea');
        ta.name = name;
        ta.rows = 3;
        ta.maxLength = q.max || 500;
        ta.setAttribute('aria-labelledby', lg.id);
        ta.setAttribute('aria-describedby', name + '-hint');
        fs.appendChild(ta);
        var h = el('p', 'hint', T.noNames);
        h.id = name + '-hint';
        fs.appendChild(h);
      } else {
        var opts = q.kind === 'yesno'
          ? [{ value: 'yes', text: T.yes }, { value: 'no', text: T.no }]
          : (q.options || []);
        opts.forEach(function (o, oi) {
          var lab = el('label', 'choice');
          var inp = el('input');
          inp.type = q.kind === 'multi' ? 'checkbox' : 'radio';
          inp.name = name;
          inp.value = String(o.value != null ? o.value : oi + 1);
          inp.id = name + '_' + oi;
          lab.appendChild(inp);
          lab.appendChild(el('span', null, tr(o.text)));
          fs.appendChild(lab);
        });
      }
      form.appendChild(fs);
    });
    var b = el('button', 'big', T.submit);
    b.type = 'submit';
    b.id = 'eval-send';
    form.appendChild(b);
  }
  // option numbers travel as JSON numbers, yes/no as booleans (docs/http-api.md)
  function num(v) { return /^[0-9]+$/.test(v) ? Number(v) : v; }
  function collectAnswers() {
    var answers = {}, missing = null;
    var sets = $('eval-form').querySelectorAll('fieldset');
    for (var i = 0; i < sets.length; i++) {
      var fs = sets[i], qid = fs.getAttribute('data-qid'), kind = fs.getAttribute('data-kind');
      var q = ((state && state.eval && state.eval.questions) || [])[i] || {};
      if (kind === 'text') {
        var t = fs.querySelector('textarea').value.trim();
        if (t) answers[qid] = t;
      } else if (kind === 'multi') {
        var vals = [], cs = fs.querySelectorAll('input:checked');
        for (var k = 0; k < cs.length; k++) vals.push(num(cs[k].value));
        if (vals.length) answers[qid] = vals;
      } else {
        var c = fs.querySelector('input:checked');
        if (c) answers[qid] = kind === 'yesno' ? c.value === 'yes' : num(c.value);
      }
      if (q.required && answers[qid] == null && !missing) missing = fs;
    }
    return { answers: answers, missing: missing };
  }
  function evalSending(on) {
    var b = $('eval-send');
    if (!b) return;
    b.disabled = on;
    b.textContent = on ? T.sending : T.submit;
  }
  function evalSaved(ev, text) {
    store.set(evalDoneKey(ev), '1');
    store.del(evalSidKey());
    $('eval-form').textContent = '';
    $('eval-msg').textContent = '';
    $('eval-receipt').textContent = text;
    $('eval-receipt').hidden = false;
    say(text);
    window.scrollTo(0, 0);
  }
  function submitEval(ev, answers, sid, attempt) {
    if (evalRetry) { clearTimeout(evalRetry); evalRetry = null; }
    evalSending(true);
    postPhone('/api/eval', function () { return { r: room, t: token, sid: sid, answers: answers }; }).then(function (res) {
      if (res.status === 200) { evalSaved(ev, T.saved); return; }
      if (res.status === 409 && res.json && res.json.error === 'already_answered') {
        evalSaved(ev, T.alreadyAnswered);
        return;
      }
      if (res.status === 400 || res.status === 403 || res.status === 413 || res.status === 409) {
        evalSending(false);
        $('eval-msg').textContent = res.status === 409 ? T.evalClosed : T.notSent;
        return;
      }
      throw new Error('status ' + res.status);
    }).catch(function () {
      /* Not saved: try again with the same sid, so it is stored once. */
      $('eval-msg').textContent = T.notSaved;
      if (attempt < 40) {
        evalRetry = setTimeout(function () { submitEval(ev, answers, sid, attempt + 1); },
          Math.min(15000, 2000 * (attempt + 1)));
      } else {
        evalSending(false);
      }
    });
  }
  /* The unanswered required question is outlined until it is answered. */
  function markMissing(fs) {
    var sets = $('eval-form').querySelectorAll('fieldset');
    for (var i = 0; i < sets.length; i++) sets[i].className = sets[i] === fs ? 'missing' : '';
  }
  $('eval-form').addEventListener('change', function (e) {
    var fs = e.target && e.target.closest ? e.target.closest('fieldset') : null;
    if (fs && fs.className === 'missing') {
      fs.className = '';
      if ($('eval-msg').textContent === T.required) $('eval-msg').textContent = '';
    }
  });
  $('eval-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var ev = state && state.eval;
    if (!ev || ($('eval-send') && $('eval-send').disabled)) return;
    var got = collectAnswers();
    markMissing(got.missing);
    if (got.missing) {
      $('eval-msg').textContent = T.required;
      got.missing.scrollIntoView();
      return;
    }
    var sid = store.get(evalSidKey());
    if (!sid || !/^[0-9a-f]{32}$/.test(sid)) { sid = randomId(); store.set(evalSidKey(), sid); }
    $('eval-msg').textContent = '';
    submitEval(ev, got.answers, sid, 0);
  });

  /* ---- start ---- */
  var m = /[?&]r=([A-Za-z]{4})(?:&|$)/.exec(location.search);
  var code = m ? m[1].toUpperCase() : store.get('room');
  if (code) {
    var forced = store.get('lang.' + code), known = store.get('roomlang.' + code);
    if (TEXT[forced]) lang = forced;
    else if (TEXT[known]) lang = known;
    T = TEXT[lang];
  }
  applyStatic();
  if (m && history.replaceState) history.replaceState(null, '', '/');
  if (code) {
    /* the waiting screen in the room's language: it shows with the first
     * state, or after a moment without one (a slow network) in the phone's */
    setTimeout(function () { if (!state && $('join').hidden) show('wait'); }, 2000);
    join(code);
  } else showJoin('');
})();
