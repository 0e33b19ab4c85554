/*
 * Contestant pages: registration, sign-in, contest countdown, the attempt and its result.
 * Plain JavaScript (ES2017), no build step, no dependencies. Every page is rendered by the server first; this script
 * only adds behaviour. The attempt page keeps the server's clock (remainingSeconds, then a monotonic timer), saves each
 * choice at once, and queues choices in localStorage while the network is down, sending them in order when it returns.
 */
(function () {
  'use strict';

  /* Texts are written in Vietnamese; a tenant in another culture gets the translations in the page (#site-texts). */
  var TEXTS = (function () {
    var el = document.getElementById('site-texts');
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  })();
  function tr(text) { return Object.prototype.hasOwnProperty.call(TEXTS, text) ? TEXTS[text] : text; }

  var REQUEST_TIMEOUT = 20000;
  var OFFLINE = tr('Không kết nối được máy chủ. Kiểm tra mạng (3G/4G, Wi-Fi) rồi thử lại.');

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function now() { return window.performance && performance.now ? performance.now() : Date.now(); }
  function pad(n) { return (n < 10 ? '0' : '') + n; }

  /* A JSON request with the auth cookie and a timeout; rejects when the network fails or the timeout passes. */
  function call(method, url, body, timeout) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, timeout || REQUEST_TIMEOUT) : 0;
    var init = { method: method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (controller) init.signal = controller.signal;
    return fetch(url, init).then(
      function (response) { clearTimeout(timer); return response; },
      function (error) { clearTimeout(timer); throw error; });
  }

  /* A refusal of the API (problem+json): its contract code, Vietnamese title and errors by field. */
  async function problem(response) {
    var body = {};
    try { body = await response.json(); } catch (e) { /* an empty body or a proxy's HTML page */ }
    var type = typeof body.type === 'string' ? body.type : '';
    return {
      status: response.status,
      code: type.indexOf(':problem:') >= 0 ? type.slice(type.lastIndexOf(':') + 1) : '',
      title: body.title || (response.status >= 500 ? tr('Máy chủ đang bận. Vui lòng thử lại sau ít phút.') : tr('Không thực hiện được (mã ') + response.status + ').'),
      errors: body.errors && typeof body.errors === 'object' ? body.errors : {}
    };
  }

  var store = {
    get: function (key) { try { var v = localStorage.getItem(key); return v === null ? null : JSON.parse(v); } catch (e) { return null; } },
    set: function (key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode or full: memory only */ } },
    remove: function (key) { try { localStorage.removeItem(key); } catch (e) { /* nothing stored */ } }
  };

  function showAlert(box, text, kind, link) {
    box.textContent = text;
    if (link) {
      box.appendChild(document.createTextNode(' '));
      var a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      box.appendChild(a);
    }
    box.className = 'alert' + (kind ? ' alert-' + kind : '');
    box.hidden = false;
  }

  function busy(button, on, text) {
    if (on) {
      button.dataset.label = button.textContent;
      button.textContent = text;
      button.disabled = true;
    } else {
      if (button.dataset.label) button.textContent = button.dataset.label;
      button.disabled = false;
    }
  }

  /* ---------- Forms: errors next to their fields ---------- */

  function clearErrors(form) {
    $$('.field-error', form).forEach(function (p) { p.textContent = ''; p.hidden = true; });
    $$('[aria-invalid]', form).forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }

  /* Puts each message under its field; returns the first field to focus and the messages no field owns. */
  function fieldErrors(form, errors) {
    clearErrors(form);
    var boxes = {};
    $$('[data-field]', form).forEach(function (box) { boxes[box.dataset.field.toLowerCase()] = box; });
    var first = null;
    var orphans = [];
    Object.keys(errors).forEach(function (key) {
      var message = [].concat(errors[key]).join(' ');
      var box = boxes[key.replace(/^\$\./, '').toLowerCase()];
      if (!box) { orphans.push(message); return; }
      var out = $('.field-error', box);
      out.textContent = message;
      out.hidden = false;
      $$('input, select', box).forEach(function (el) { if (el.type !== 'hidden') el.setAttribute('aria-invalid', 'true'); });
      if (!first) first = $('input:not([type="hidden"]), select, button', box);
    });
    return { first: first, orphans: orphans };
  }

  function initShowPassword(root) {
    $$('[data-show-password]', root).forEach(function (box) {
      var input = document.getElementById(box.dataset.showPassword);
      box.addEventListener('change', function () { input.type = box.checked ? 'text' : 'password'; });
    });
  }

  /* yyyy-MM-dd from a date input, or from d/m/yyyy typed where the browser has no date picker. */
  function isoDate(value) {
    var v = (value || '').trim();
    var m = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(v);
    return m ? m[3] + '-' + pad(+m[2]) + '-' + pad(+m[1]) : v;
  }

  /* ---------- Registration ---------- */

  function initRegister(form) {
    var api = form.dataset.api;
    var alertBox = $('[data-form-alert]', form);
    var submit = $('button[type="submit"]', form);
    var citizen = form.elements.citizenId;
    initUnits(form, api);
    initShowPassword(form);
    citizen.addEventListener('input', function () {
      var digits = citizen.value.replace(/\D/g, '');
      if (digits !== citizen.value) citizen.value = digits;
    });
    submit.disabled = false;

    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      if (submit.disabled) return;
      alertBox.hidden = true;
      var group = $('input[name="groupCode"]:checked', form);
      var body = {
        fullName: form.elements.fullName.value.trim(),
        dateOfBirth: isoDate(form.elements.dateOfBirth.value),
        gender: form.elements.gender.value || null,
        citizenId: citizen.value.trim(),
        phone: form.elements.phone.value.trim(),
        email: form.elements.email.value.trim() || null,
        groupCode: group ? group.value : null,
        unitCode: form.elements.unitCode.value || null,
        password: form.elements.password.value,
        consent: form.elements.consent.checked
      };
      var local = checkRegistration(body);
      if (Object.keys(local).length) {
        report(fieldErrors(form, local));
        return;
      }

      busy(submit, true, tr('Đang gửi…'));
      var response;
      try {
        response = await call('POST', api + '/account/register', body);
      } catch (e) {
        busy(submit, false);
        showAlert(alertBox, OFFLINE + tr(' Thông tin đã nhập vẫn còn trên trang.'));
        alertBox.focus();
        return;
      }
      if (response.status === 201) {
        submit.textContent = tr('Đã đăng ký');
        location.assign(form.dataset.next);
        return;
      }
      var p = await problem(response);
      busy(submit, false);
      if (p.code === 'validation') {
        report(fieldErrors(form, p.errors));
      } else if (p.code === 'duplicate-account') {
        clearErrors(form);
        showAlert(alertBox, p.title, null, { href: form.dataset.signin, text: tr('Đăng nhập') });
        alertBox.focus();
      } else {
        clearErrors(form);
        showAlert(alertBox, p.title);
        alertBox.focus();
      }
    });

    function report(result) {
      showAlert(alertBox, tr('Vui lòng sửa các mục được đánh dấu bên dưới.') + (result.orphans.length ? ' ' + result.orphans.join(' ') : ''));
      (result.first || alertBox).focus();
    }
  }

  /* The server checks everything again; these save a round trip on a slow network. Same messages as the API. */
  function checkRegistration(b) {
    var e = {};
    if (!b.fullName) e.fullName = [tr('Nhập họ và tên (tối đa 200 ký tự).')];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(b.dateOfBirth)) e.dateOfBirth = [tr('Ngày sinh không hợp lệ (dạng yyyy-MM-dd).')];
    if (!/^\d{12}$/.test(b.citizenId)) e.citizenId = [tr('Số CCCD gồm đúng 12 chữ số.')];
    if (!b.phone) e.phone = [tr('Số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.')];
    if (!b.groupCode) e.groupCode = [tr('Chọn nhóm đối tượng.')];
    if (!b.unitCode) e.unitCode = [tr('Chọn đơn vị trong danh sách.')];
    if (!b.password) e.password = [tr('Nhập mật khẩu.')];
    if (!b.consent) e.consent = [tr('Cần đồng ý cho phép xử lý dữ liệu cá nhân để dự thi.')];
    return e;
  }

  /* The unit tree as a cascade of selects: a unit, then (if it has any) one of its sub-units, and so on. */
  function initUnits(form, api) {
    var box = $('[data-units]', form);
    var status = $('[data-units-status]', box);
    var retry = $('[data-units-retry]', box);
    var hidden = form.elements.unitCode;
    var byCode = {};
    var children = {};

    async function load() {
      status.textContent = tr('Đang tải danh sách đơn vị…');
      status.hidden = false;
      retry.hidden = true;
      var units;
      try {
        var response = await call('GET', api + '/units');
        if (!response.ok) throw new Error('HTTP ' + response.status);
        units = await response.json();
      } catch (e) {
        status.textContent = tr('Không tải được danh sách đơn vị. ') + OFFLINE;
        retry.hidden = false;
        return;
      }
      byCode = {};
      children = {};
      units.forEach(function (u) { byCode[u.code] = u; });
      units.forEach(function (u) {
        var parent = u.parentCode && byCode[u.parentCode] ? u.parentCode : '';
        (children[parent] = children[parent] || []).push(u);
      });
      status.hidden = true;
      level(0, '');
    }

    function level(depth, parentCode) {
      $$('[data-unit-level]', box).forEach(function (el) { if (+el.dataset.unitLevel >= depth) el.remove(); });
      var items = children[parentCode] || [];
      if (!items.length) return;
      var blocks = [];
      items.forEach(function (u) { var b = u.block || ''; if (blocks.indexOf(b) < 0) blocks.push(b); });
      var wrap = document.createElement('div');
      wrap.className = 'unit-level';
      wrap.dataset.unitLevel = String(depth);
      var label = document.createElement('label');
      label.htmlFor = 'unit-' + depth;
      label.textContent = depth === 0 ? tr('Cơ quan, đơn vị hoặc huyện, thành phố')
        : (blocks.length === 1 && blocks[0] ? blocks[0] : tr('Đơn vị trực thuộc')) + tr(' thuộc ') + byCode[parentCode].name + tr(' (nếu có)');
      var select = document.createElement('select');
      select.id = 'unit-' + depth;
      if (depth === 0) select.setAttribute('aria-describedby', 'unitCode-hint unitCode-error');
      select.add(new Option(depth === 0 ? tr('— Chọn —') : tr('— Không chọn thêm —'), ''));
      blocks.forEach(function (block) {
        var target = select;
        if (blocks.length > 1) {
          target = document.createElement('optgroup');
          target.label = block || tr('Khác');
          select.appendChild(target);
        }
        items.forEach(function (u) { if ((u.block || '') === block) target.appendChild(new Option(u.name, u.code)); });
      });
      select.addEventListener('change', function () {
        level(depth + 1, select.value);
        hidden.value = chosen();
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      box.appendChild(wrap);
    }

    function chosen() {
      var code = '';
      $$('[data-unit-level] select', box).forEach(function (s) { if (s.value) code = s.value; });
      return code;
    }

    retry.addEventListener('click', load);
    load();
  }

  /* ---------- Sign-in ---------- */

  function initLogin(form) {
    var api = form.dataset.api;
    var alertBox = $('[data-form-alert]', form);
    var submit = $('button[type="submit"]', form);
    initShowPassword(form);
    submit.disabled = false;
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      if (submit.disabled) return;
      alertBox.hidden = true;
      var body = { login: form.elements.login.value.trim(), password: form.elements.password.value };
      var local = {};
      if (!body.login) local.login = [tr('Nhập số điện thoại hoặc số CCCD.')];
      if (!body.password) local.password = [tr('Nhập mật khẩu.')];
      if (Object.keys(local).length) {
        var r = fieldErrors(form, local);
        r.first.focus();
        return;
      }
      clearErrors(form);
      busy(submit, true, tr('Đang đăng nhập…'));
      var response;
      try {
        response = await call('POST', api + '/account/login', body);
      } catch (e) {
        busy(submit, false);
        showAlert(alertBox, OFFLINE);
        alertBox.focus();
        return;
      }
      if (response.ok) {
        location.assign(form.dataset.next);
        return;
      }
      var p = await problem(response);
      busy(submit, false);
      if (p.code === 'validation') {
        var result = fieldErrors(form, p.errors);
        (result.first || alertBox).focus();
        return;
      }
      showAlert(alertBox, p.title);
      if (p.code === 'invalid-credentials') form.elements.password.value = '';
      alertBox.focus();
    });
  }

  function initLogout(button) {
    button.addEventListener('click', async function () {
      button.disabled = true;
      try {
        await call('POST', button.dataset.logout + '/api/v1/account/logout', {});
      } catch (e) {
        button.disabled = false;
        window.alert(OFFLINE);
        return;
      }
      location.assign(button.dataset.logout + '/');
    });
  }

  /* ---------- Contest page ---------- */

  function span(seconds) {
    var d = Math.floor(seconds / 86400);
    var clock = pad(Math.floor(seconds / 3600) % 24) + ':' + pad(Math.floor(seconds / 60) % 60) + ':' + pad(seconds % 60);
    return d > 0 ? d + tr(' ngày ') + clock : clock;
  }

  /* Counts down from the server's figure with a monotonic clock (the phone's date may be wrong), then reloads. */
  function initCountdown(el) {
    var end = now() + Number(el.dataset.countdown) * 1000;
    var out = $('[data-countdown-value]', el);
    var timer = setInterval(tick, 1000);
    function tick() {
      var left = Math.max(0, Math.round((end - now()) / 1000));
      out.textContent = span(left);
      if (left === 0) {
        clearInterval(timer);
        setTimeout(function () { location.reload(); }, 1500);
      }
    }
    tick();
  }

  function initStart(button) {
    var error = $('[data-start-error]');
    button.hidden = false;
    button.addEventListener('click', function () {
      error.hidden = true;
      busy(button, true, tr('Đang vào thi…'));
      start();
    });

    /* When thousands start at once the server holds starts in a queue; a full queue answers 503 "queued" with
       Retry-After: wait that long (plus a little, so retries do not arrive together), say so, and try again. */
    async function start() {
      var response;
      try {
        response = await call('POST', button.dataset.api + '/contests/' + encodeURIComponent(button.dataset.start) + '/attempts', {});
        if (response.status === 200 || response.status === 201) {
          var attempt = await response.json();
          location.assign(button.dataset.attemptBase + attempt.attemptId);
          return;
        }
      } catch (e) {
        busy(button, false);
        showAlert(error, OFFLINE);
        return;
      }
      if (response.status === 401) {
        location.assign(button.dataset.signin);
        return;
      }
      var p = await problem(response);
      if (response.status === 503 && p.code === 'queued') {
        var wait = (parseInt(response.headers.get('Retry-After'), 10) || 3) * 1000 + Math.random() * 2000;
        button.textContent = tr('Đang xếp hàng vào thi…');
        showAlert(error, p.title);
        setTimeout(start, wait);
        return;
      }
      busy(button, false);
      showAlert(error, p.title);
    }
  }

  /* ---------- Attempt ---------- */

  function initAttempt(root) {
    var attemptId = root.dataset.attempt;
    var api = root.dataset.api + '/attempts/' + attemptId;
    var resultUrl = root.dataset.resultUrl;
    var form = $('[data-attempt-form]', root);
    var screens = $$('.question', form);
    var questions = screens.filter(function (s) { return s.dataset.question; });
    var predictionInput = $('#prediction', form);
    var jumpButtons = $$('[data-jump]', root);
    var prevButton = $('[data-prev]', root);
    var nextButton = $('[data-next]', root);
    var submitButton = $('button[type="submit"]', form);
    var statusBox = $('[data-status]', root);
    var timerBox = $('[data-timer-box]', root);
    var timerOut = $('[data-timer]', root);
    var alertBox = $('[data-alert]', root);
    var announce = $('[data-announce]', root);
    var progressBox = $('[data-progress]', root);
    var progressText = $('[data-progress-text]', root);
    var dialog = $('[data-confirm]', root);
    var queueKey = 'quiz.queue.' + attemptId;
    var predictionKey = 'quiz.prediction.' + attemptId;

    var queue = (store.get(queueKey) || []).filter(function (i) { return i && i.q && i.o; });
    var nextId = queue.reduce(function (max, i) { return Math.max(max, i.id || 0); }, 0) + 1;
    var current = 0;
    var sending = false;
    var failing = false;
    var retryTimer = 0;
    var retryDelay = 2000;
    var closed = false;     // the server refuses answers (deadline passed or attempt final)
    var finishing = false;  // a submit is under way
    var done = false;       // submitted: leaving the page is fine
    var changes = 0;
    var endAt = now() + Number(root.dataset.remaining) * 1000;
    var warned = {};

    root.classList.add('is-live');
    $$('[data-live-only]', root).forEach(function (el) { el.hidden = false; });

    // Choices queued on this phone are newer than what the server rendered.
    queue.forEach(function (item) { check(item.q, item.o); });
    // Choices made before this script arrived (slow network) are not saved yet.
    questions.forEach(function (q) {
      var radio = $('input:checked', q);
      if (radio && !radio.defaultChecked && !isQueued(q.dataset.question)) enqueue(q.dataset.question, radio.value);
    });
    if (predictionInput) {
      var savedPrediction = store.get(predictionKey);
      if (typeof savedPrediction === 'string' && !predictionInput.value) predictionInput.value = savedPrediction;
      predictionInput.addEventListener('input', function () {
        store.set(predictionKey, predictionInput.value);
        predictionInput.removeAttribute('aria-invalid');
        $('#prediction-error').hidden = true;
      });
    }

    form.addEventListener('change', function (event) {
      var input = event.target;
      if (input.type !== 'radio' || closed) return;
      var fieldset = input.closest('[data-question]');
      changes++;
      enqueue(fieldset.dataset.question, input.value);
      markOptions(fieldset);
      progress();
      flush();
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      confirmSubmit();
    });
    prevButton.addEventListener('click', function () { show(current - 1, true); });
    nextButton.addEventListener('click', function () { show(current + 1, true); });
    jumpButtons.forEach(function (b) { b.addEventListener('click', function () { show(+b.dataset.jump, true); }); });
    $('[data-confirm-cancel]', root).addEventListener('click', function () { closeDialog(); });
    $('[data-confirm-ok]', root).addEventListener('click', function () { closeDialog(); finish(false); });

    window.addEventListener('online', function () { retryDelay = 2000; clearTimeout(retryTimer); retryTimer = 0; render(); flush(); });
    window.addEventListener('offline', render);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') { resync(); flush(); }
    });
    window.addEventListener('beforeunload', function (event) {
      if (done) return undefined;
      event.preventDefault();
      event.returnValue = '';
      return '';
    });

    questions.forEach(markOptions);
    var firstOpen = questions.findIndex(function (q) { return !$('input:checked', q); });
    show(firstOpen < 0 ? 0 : firstOpen, false);
    progress();
    render();
    var ticker = setInterval(tick, 1000);
    tick();
    resync();
    flush();

    function check(questionId, optionId) {
      var q = form.querySelector('[data-question="' + questionId + '"]');
      if (!q) return;
      $$('input[type="radio"]', q).forEach(function (r) { r.checked = r.value === optionId; });
      markOptions(q);
    }

    function markOptions(q) {
      $$('.option', q).forEach(function (label) { label.classList.toggle('is-checked', $('input', label).checked); });
    }

    function isQueued(questionId) {
      return queue.some(function (i) { return i.q === questionId; });
    }

    /* Latest choice per question, in the order chosen; a request already on its way stays and is removed when answered. */
    function enqueue(questionId, optionId) {
      queue = queue.filter(function (i) { return i.q !== questionId || i.sending; });
      queue.push({ id: nextId++, q: questionId, o: optionId });
      persist();
      render();
    }

    function persist() {
      if (queue.length) {
        store.set(queueKey, queue.map(function (i) { return { id: i.id, q: i.q, o: i.o }; }));
      } else {
        store.remove(queueKey);
      }
    }

    function render() {
      var state;
      var text;
      if (closed) {
        state = 'closed';
        text = tr('Đã hết giờ');
      } else if (!queue.length) {
        state = 'saved';
        text = navigator.onLine === false ? tr('Đã lưu · đang mất mạng') : tr('Đã lưu');
      } else if (sending && !failing) {
        state = 'saving';
        text = tr('Đang lưu…');
      } else {
        state = 'queued';
        text = tr('Chưa gửi được — sẽ gửi lại (') + queue.length + tr(' câu)');
      }
      statusBox.dataset.state = state;
      if (statusBox.textContent !== text) statusBox.textContent = text;
    }

    /* Sends queued choices one at a time, oldest first. */
    async function flush() {
      if (sending || closed || !queue.length) { render(); return; }
      sending = true;
      render();
      try {
        while (queue.length && !closed) {
          var item = queue[0];
          item.sending = true;
          var response;
          try {
            response = await call('PUT', api + '/answers/' + encodeURIComponent(item.q), { optionId: item.o });
          } catch (e) {
            item.sending = false;
            failing = true;
            scheduleRetry();
            return;
          }
          item.sending = false;
          if (response.ok) {
            queue = queue.filter(function (i) { return i !== item; });
            failing = false;
            retryDelay = 2000;
            persist();
            render();
            continue;
          }
          var p = await problem(response);
          if (p.code === 'attempt-closed') {
            onClosed();
            return;
          }
          if (response.status === 401) {
            failing = true;
            showAlert(alertBox, tr('Phiên đăng nhập đã hết. Câu trả lời vẫn được giữ trên máy này.'), null,
              { href: signInUrl(), text: tr('Đăng nhập lại rồi quay về bài thi') });
            return;
          }
          if (response.status === 408 || response.status === 429 || response.status >= 500) {
            failing = true;
            scheduleRetry();
            return;
          }
          // Refused for good (the option or question is not in this attempt): sending it again cannot help.
          queue = queue.filter(function (i) { return i !== item; });
          persist();
          showAlert(alertBox, tr('Một câu trả lời không lưu được: ') + p.title);
        }
      } finally {
        sending = false;
        render();
      }
    }

    function scheduleRetry() {
      if (retryTimer) return;
      retryTimer = setTimeout(function () { retryTimer = 0; flush(); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }

    /* Resolves when the queue is empty, when sending failed, or after `limit` ms. */
    function settle(limit) {
      flush();
      var until = now() + limit;
      return new Promise(function (resolve) {
        (function wait() {
          if (!queue.length || (!sending && failing) || closed || now() > until) { resolve(); return; }
          setTimeout(wait, 150);
        })();
      });
    }

    function signInUrl() {
      var here = location.pathname;
      return here.slice(0, here.indexOf('/bai-thi/')) + '/dang-nhap?returnUrl=' + encodeURIComponent(here);
    }

    /* The server's remaining time (and answers saved from another device), again: on load and when the page comes back. */
    async function resync() {
      var before = changes;
      var response;
      try {
        response = await call('GET', api, undefined, 15000);
      } catch (e) {
        return;
      }
      if (!response.ok) return;
      var a = await response.json();
      if (a.state !== 'inProgress') {
        done = true;
        location.replace(resultUrl);
        return;
      }
      endAt = now() + a.remainingSeconds * 1000;
      tick();
      if (changes !== before) return;
      Object.keys(a.answers || {}).forEach(function (q) { if (!isQueued(q)) check(q, a.answers[q]); });
      progress();
    }

    function tick() {
      var left = Math.max(0, Math.ceil((endAt - now()) / 1000));
      var h = Math.floor(left / 3600);
      timerOut.textContent = (h ? h + ':' + pad(Math.floor(left / 60) % 60) : pad(Math.floor(left / 60))) + ':' + pad(left % 60);
      timerBox.classList.toggle('is-urgent', left <= 60);
      [300, 60].forEach(function (mark) {
        if (left <= mark && left > mark - 5 && !warned[mark]) {
          warned[mark] = true;
          announce.textContent = tr('Còn ') + mark / 60 + tr(' phút.');
        }
      });
      if (left === 0) {
        clearInterval(ticker);
        timeUp();
      }
    }

    function timeUp() {
      if (done || finishing) return;
      closeDialog();
      lock();
      showAlert(alertBox, tr('Đã hết giờ làm bài. Bài đang được nộp tự động…'), 'info');
      finish(true);
    }

    function onClosed() {
      closed = true;
      clearInterval(ticker);
      timerOut.textContent = '00:00';
      lock();
      render();
      showAlert(alertBox, tr('Đã hết giờ làm bài: máy chủ không nhận thêm câu trả lời. ')
        + (queue.length ? queue.length + tr(' câu trả lời chưa gửi được sẽ không được tính. ') : '') + tr('Đang nộp bài…'));
      alertBox.focus();
      finish(true);
    }

    function lock() {
      $$('input, button', form).forEach(function (el) { if (el !== predictionInput) el.disabled = true; });
    }

    function show(index, focus) {
      current = Math.max(0, Math.min(screens.length - 1, index));
      screens.forEach(function (s, i) { s.classList.toggle('is-current', i === current); });
      prevButton.disabled = current === 0 || closed;
      nextButton.hidden = current === screens.length - 1;
      jumpButtons.forEach(function (b) {
        if (+b.dataset.jump === current) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
      });
      progress();
      if (focus) {
        var legend = $('legend', screens[current]);
        legend.focus({ preventScroll: true });
        var top = screens[current].getBoundingClientRect().top;
        if (top < 0 || top > window.innerHeight / 2) screens[current].scrollIntoView({ block: 'start' });
      }
    }

    function answered() {
      return questions.filter(function (q) { return $('input:checked', q); }).length;
    }

    function progress() {
      var count = answered();
      var total = questions.length;
      $('span', progressBox).style.width = (total ? count * 100 / total : 0) + '%';
      progressBox.setAttribute('aria-valuenow', String(count));
      var where = current < total ? tr('Câu ') + (current + 1) + '/' + total : tr('Câu hỏi dự đoán');
      progressText.textContent = where + tr(' · Đã trả lời ') + count + '/' + total;
      questions.forEach(function (q, i) {
        var b = jumpButtons[i];
        if (!b) return;
        var isAnswered = !!$('input:checked', q);
        b.classList.toggle('is-answered', isAnswered);
        b.setAttribute('aria-label', tr('Câu ') + (i + 1) + ', ' + (isAnswered ? tr('đã trả lời') : tr('chưa trả lời')));
      });
    }

    /* null when empty, a number when valid, NaN when not a non-negative integer. */
    function predictionValue() {
      if (!predictionInput) return null;
      var v = predictionInput.value.replace(/[\s.,]/g, '');
      if (!v) return null;
      return /^\d{1,15}$/.test(v) ? Number(v) : NaN;
    }

    function predictionError(message) {
      var out = $('#prediction-error');
      out.textContent = message;
      out.hidden = false;
      predictionInput.setAttribute('aria-invalid', 'true');
      show(screens.length - 1, false);
      predictionInput.focus();
    }

    function confirmSubmit() {
      if (finishing || done) return;
      var prediction = predictionValue();
      if (Number.isNaN(prediction)) {
        predictionError(tr('Nhập một số nguyên không âm, chỉ gồm chữ số.'));
        return;
      }
      var left = questions.length - answered();
      var lines = [];
      lines.push(left > 0 ? tr('Bạn còn ') + left + tr(' câu chưa trả lời.') : tr('Bạn đã trả lời tất cả ') + questions.length + tr(' câu.'));
      if (predictionInput && prediction === null) lines.push(tr('Bạn chưa trả lời câu hỏi dự đoán.'));
      if (queue.length) lines.push(queue.length + tr(' câu trả lời chưa gửi được lên máy chủ; sẽ gửi trước khi nộp.'));
      lines.push(tr('Sau khi nộp, bạn không sửa được bài.'));
      var text = $('[data-confirm-text]', dialog);
      text.textContent = '';
      lines.forEach(function (line) { var p = document.createElement('p'); p.textContent = line; text.appendChild(p); });
      if (typeof dialog.showModal === 'function') {
        dialog.showModal();
        $('[data-confirm-cancel]', dialog).focus();
      } else if (window.confirm(lines.join('\n'))) {
        finish(false);
      }
    }

    function closeDialog() {
      if (dialog.open) dialog.close();
    }

    /* Sends what is queued, then submits. When time is up it keeps trying until the server answers. */
    async function finish(auto) {
      if (finishing || done) return;
      finishing = true;
      submitButton.disabled = true;
      busy(submitButton, true, tr('Đang nộp bài…'));
      await settle(auto ? 8000 : 30000);
      if (!auto && queue.length && !closed) {
        finishing = false;
        busy(submitButton, false);
        showAlert(alertBox, tr('Còn ') + queue.length + tr(' câu trả lời chưa gửi được lên máy chủ nên chưa nộp bài. ')
          + tr('Hãy chờ có mạng (trạng thái “Đã lưu”) rồi bấm “Nộp bài” lần nữa.'));
        alertBox.focus();
        return;
      }
      var body = {};
      var prediction = predictionValue();
      if (typeof prediction === 'number' && !Number.isNaN(prediction)) body.prediction = prediction;
      var delay = 2000;
      for (;;) {
        var response = null;
        try {
          response = await call('POST', api + '/submit', body);
        } catch (e) {
          response = null;
        }
        if (response && response.ok) {
          leave();
          return;
        }
        var p = response ? await problem(response) : null;
        if (p && p.code === 'attempt-closed') {
          leave();
          return;
        }
        if (p && p.code === 'validation' && p.errors.prediction && !auto) {
          finishing = false;
          busy(submitButton, false);
          predictionError([].concat(p.errors.prediction).join(' '));
          return;
        }
        if (p && p.code === 'validation' && body.prediction !== undefined) {
          delete body.prediction;
          continue;
        }
        if (p && response.status === 401) {
          finishing = false;
          showAlert(alertBox, tr('Phiên đăng nhập đã hết nên chưa nộp được bài.'), null, { href: signInUrl(), text: tr('Đăng nhập lại') });
          return;
        }
        if (!auto) {
          finishing = false;
          busy(submitButton, false);
          showAlert(alertBox, (p ? p.title : OFFLINE) + tr(' Bấm “Nộp bài” để thử lại.'));
          alertBox.focus();
          return;
        }
        showAlert(alertBox, tr('Đã hết giờ. Chưa gửi được bài nộp — đang thử lại… (') + (p ? p.title : tr('mất kết nối mạng')) + ')', 'info');
        await new Promise(function (resolve) { setTimeout(resolve, delay); });
        delay = Math.min(delay * 2, 15000);
      }
    }

    /* To the result page. Choices still queued were never saved; the result page says how many. */
    function leave() {
      done = true;
      store.remove(predictionKey);
      location.assign(resultUrl);
    }
  }

  /* ---------- Result ---------- */

  function initResult(root) {
    var key = 'quiz.queue.' + root.dataset.result;
    var lost = store.get(key);
    if (lost && lost.length) {
      showAlert($('[data-lost]', root), lost.length + tr(' câu trả lời chọn trên máy này chưa gửi được lên máy chủ trước khi bài thi kết thúc nên không được tính.'));
    }
    store.remove(key);
    store.remove('quiz.prediction.' + root.dataset.result);
  }

  /* ---------- Start ---------- */

  function init() {
    $$('[data-logout]').forEach(initLogout);
    $$('[data-countdown]').forEach(initCountdown);
    $$('[data-start]').forEach(initStart);
    $$('form[data-register]').forEach(initRegister);
    $$('form[data-login]').forEach(initLogin);
    $$('[data-attempt]').forEach(initAttempt);
    $$('[data-result]').forEach(initResult);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
