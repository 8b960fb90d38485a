/* Spectactor phone page: join a room, follow its state by long-poll, vote,
 * send ideas, answer the evaluation.  No external resources; the API is
 * described in docs/http-api.md.  Everything from the server is inserted
 * with textContent, never as HTML. */
(function () {
  'use strict';

  var LANG = /^da\b/i.test(navigator.language || '') ? 'da' : 'en';
  var T = {
    da: {
      joinTitle: 'Deltag', codeLabel: 'Rumkode (står på skærmen)', joinButton: 'Deltag',
      badCode: 'Koden passer ikke. Se efter på skærmen.', look: 'Kig op på skærmen',
      lookHint: 'Når der er en afstemning, kommer den frem her.',
      counted: 'Din stemme er talt med', change: 'Du kan ændre den, så længe afstemningen er åben.',
      closed: 'Afstemningen er lukket.', slow: 'Vent et øjeblik og prøv igen.',
      notSent: 'Ikke sendt. Prøv igen.', noNames: 'Skriv ingen navne.', send: 'Send',
      ideaSent: 'Tak! Din idé er sendt.', left: 'tegn tilbage', reconnect: 'Forbinder igen …',
      anon: 'Dine svar er anonyme.', saved: 'Tak, gemt', submit: 'Send svar',
      notSaved: 'Ikke gemt endnu. Prøver igen …', yes: 'Ja', no: 'Nej',
      evalTitle: 'Evaluering', required: 'Besvar venligst spørgsmålet.'
    },
    en: {
      joinTitle: 'Join', codeLabel: 'Room code (shown on the screen)', joinButton: 'Join',
      badCode: 'That code does not match. Check the screen.', look: 'Look at the screen',
      lookHint: 'When there is a vote, it appears here.',
      counted: 'Your vote is counted', change: 'You can change it while the vote is open.',
      closed: 'The vote is closed.', slow: 'Wait a moment and try again.',
      notSent: 'Not sent. Try again.', noNames: 'Write no names.', send: 'Send',
      ideaSent: 'Thank you! Your idea was sent.', left: 'characters left',
      reconnect: 'Reconnecting …', anon: 'Your answers are anonymous.',
      saved: 'Thank you, saved', submit: 'Send answers',
      notSaved: 'Not saved yet. Trying again …', yes: 'Yes', no: 'No',
      evalTitle: 'Evaluation', required: 'Please answer the question.'
    }
  }[LANG];

  function $(id) { return document.getElementById(id); }
  function tr(x) {
    if (x == null) return '';
    if (typeof x === 'string') return x;
    if (typeof x === 'object') {
      if (typeof x[LANG] === 'string') return x[LANG];
      if (typeof x.da === 'string') return x.da;
      if (typeof x.en === 'string') return x.en;
      for (var k in x) if (typeof x[k] === 'string') return x[k];
    }
    return String(x);
  }
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
  function randomId() {
    var b = new Uint8Array(16), s = '', i;
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(b);
    else for (i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    for (i = 0; i < 16; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }
  var token = store.get('token');
  if (!token || !/^[0-9a-f]{32}$/.test(token)) { token = randomId(); store.set('token', token); }

  var room = null, version = null, state = null, viewKey = '', pollTimer = null, ctrl = null;
  var failures = 0, generation = 0;

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

  function show(id) {
    ['join', 'wait', 'poll', 'idea', 'eval'].forEach(function (s) { $(s).hidden = s !== id; });
  }
  function applyStatic() {
    document.documentElement.lang = LANG;
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = T[nodes[i].getAttribute('data-t')];
  }

  /* ---- joining ---- */
  function showJoin(msg) {
    stopPolling();
    room = null;
    show('join');
    $('join-msg').textContent = msg || '';
    $('code').focus();
  }
  function join(code) {
    code = (code || '').toUpperCase().replace(/[^A-Z]/g, '');
    if (code.length !== 4) { showJoin(code ? T.badCode : ''); return; }
    post('/api/join', { r: code, t: token }).then(function (res) {
      if (res.status === 200) {
        room = code;
        store.set('room', code);
        setNet(false);
        startPolling();
      } else if (res.status === 403) {
        store.del('room');
        showJoin(T.badCode);
      } else {
        room = code; /* rate limited or busy: the code may be right; follow the state */
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
    var url = '/api/state?r=' + encodeURIComponent(room) + '&t=' + token +
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
      failures = 0;
      setNet(false);
      version = typeof j.v === 'number' ? j.v : null;
      render(j);
      poll(gen);
    }).catch(function () {
      if (gen !== generation) return;
      failures++;
      if (failures > 1) setNet(true);
      pollTimer = setTimeout(function () { poll(gen); }, Math.min(10000, 1000 * failures));
    });
  }
  /* A phone that slept comes back to where the room is at once. */
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && room) { version = null; startPolling(); }
  });

  /* ---- rendering ---- */
  function votes() {
    try { return JSON.parse(store.get('votes') || '{}') || {}; } catch (e) { return {}; }
  }
  function render(s) {
    state = s;
    var p = s.poll, ev = s.eval, key;
    if (ev && ev.open) {
      key = 'eval:' + (ev.id || '') + ':' + JSON.stringify(ev.questions || []).length;
      if (key !== viewKey) { viewKey = key; renderEval(ev); }
      show('eval');
    } else if (p && p.open && p.kind === 'idea') {
      key = 'idea:' + p.id;
      if (key !== viewKey) { viewKey = key; renderIdea(p); }
      show('idea');
    } else if (p && p.open) {
      key = 'poll:' + p.id + ':' + JSON.stringify(p.options || []);
      if (key !== viewKey) { viewKey = key; renderPoll(p); }
      show('poll');
    } else {
      viewKey = 'wait';
      show('wait');
    }
  }

  function renderPoll(p) {
    $('poll-q').textContent = tr(p.prompt);
    $('poll-msg').textContent = '';
    var box = $('poll-opts');
    box.textContent = '';
    (p.options || []).forEach(function (o) {
      var b = el('button', 'opt');
      b.type = 'button';
      b.appendChild(el('span', 'n', String(o.n)));
      b.appendChild(document.createTextNode(' ' + tr(o.text)));
      b.disabled = o.enabled === false;
      b.setAttribute('data-n', String(o.n));
      b.addEventListener('click', function () { vote(p.id, o.n); });
      box.appendChild(b);
    });
    markVote(p.id);
  }
  function markVote(pollId) {
    var chosen = votes()[pollId];
    var bs = $('poll-opts').querySelectorAll('.opt');
    for (var i = 0; i < bs.length; i++) {
      var on = String(chosen) === bs[i].getAttribute('data-n');
      bs[i].className = on ? 'opt chosen' : 'opt';
      bs[i].setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    var r = $('poll-receipt');
    r.hidden = chosen == null;
    r.textContent = chosen == null ? '' : T.counted + ' (' + chosen + '). ' + T.change;
  }
  function vote(pollId, n) {
    $('poll-msg').textContent = '';
    post('/api/vote', { r: room, t: token, poll: pollId, option: n }).then(function (res) {
      if (res.status === 200) {
        var v = votes();
        v[pollId] = n;
        store.set('votes', JSON.stringify(v));
        markVote(pollId);
      } else if (res.status === 409) {
        $('poll-msg').textContent = T.closed;
      } else if (res.status === 429) {
        $('poll-msg').textContent = T.slow;
      } else if (res.status === 403) {
        showJoin(T.badCode);
      } else {
        $('poll-msg').textContent = T.notSent;
      }
    }, function () { $('poll-msg').textContent = T.notSent; });
  }

  function renderIdea(p) {
    $('idea-q').textContent = tr(p.prompt);
    $('idea-text').value = '';
    $('idea-receipt').hidden = true;
    $('idea-msg').textContent = '';
    countIdea();
  }
  function countIdea() {
    var n = Array.from ? Array.from($('idea-text').value).length : $('idea-text').value.length;
    $('idea-count').textContent = (280 - n) + ' ' + T.left;
  }
  $('idea-text').addEventListener('input', countIdea);
  $('idea-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('idea-text').value.trim();
    if (!text) return;
    $('idea-msg').textContent = '';
    post('/api/idea', { r: room, t: token, text: text }).then(function (res) {
      if (res.status === 200) {
        $('idea-text').value = '';
        countIdea();
        $('idea-receipt').textContent = T.ideaSent;
        $('idea-receipt').hidden = false;
      } else if (res.status === 409) {
        $('idea-msg').textContent = T.closed;
      } else if (res.status === 429) {
        $('idea-msg').textContent = T.slow;
      } else {
        $('idea-msg').textContent = T.notSent;
      }
    }, function () { $('idea-msg').textContent = T.notSent; });
  });

  /* ---- evaluation ---- */
  var evalRetry = null;
  function evalDoneKey(ev) { return 'evaldone.' + (ev.id || 'eval'); }
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
      fs.appendChild(el('legend', null, tr(q.prompt)));
      var name = 'q' + qi;
      if (q.kind === 'text') {
        var ta = el('textarea');
        ta.name = name;
        ta.rows = 3;
        ta.maxLength = q.max || 500;
        fs.appendChild(ta);
        fs.appendChild(el('p', 'hint', T.noNames));
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
  function submitEval(ev, answers, sid, attempt) {
    if (evalRetry) { clearTimeout(evalRetry); evalRetry = null; }
    var body = { r: room, sid: sid, answers: answers };
    post('/api/eval', body).then(function (res) {
      if (res.status === 200) {
        store.set(evalDoneKey(ev), '1');
        store.del('evalsid');
        $('eval-form').textContent = '';
        $('eval-msg').textContent = '';
        $('eval-receipt').textContent = T.saved;
        $('eval-receipt').hidden = false;
        window.scrollTo(0, 0);
        return;
      }
      if (res.status === 400 || res.status === 403 || res.status === 413 || res.status === 409) {
        $('eval-msg').textContent = res.status === 409 ? T.closed : T.notSent;
        return;
      }
      throw new Error('status ' + res.status);
    }).catch(function () {
      /* Not saved: try again with the same sid, so it is stored once. */
      $('eval-msg').textContent = T.notSaved;
      if (attempt < 20) {
        evalRetry = setTimeout(function () { submitEval(ev, answers, sid, attempt + 1); },
          Math.min(15000, 2000 * (attempt + 1)));
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
    if (!ev) return;
    var got = collectAnswers();
    markMissing(got.missing);
    if (got.missing) {
      $('eval-msg').textContent = T.required;
      got.missing.scrollIntoView();
      return;
    }
    var sid = store.get('evalsid');
    if (!sid || !/^[0-9a-f]{32}$/.test(sid)) { sid = randomId(); store.set('evalsid', sid); }
    $('eval-msg').textContent = '';
    submitEval(ev, got.answers, sid, 0);
  });

  /* ---- start ---- */
  applyStatic();
  var m = /[?&]r=([A-Za-z]{4})(?:&|$)/.exec(location.search);
  var code = m ? m[1].toUpperCase() : store.get('room');
  if (m && history.replaceState) history.replaceState(null, '', '/');
  show('wait');
  if (code) join(code); else showJoin('');
})();
