// Turns Web Push on and off in this browser from /notifications/settings. Shown only where a service worker is registered
// for this site and the browser has PushManager; elsewhere the page keeps saying push needs a capable browser.
(function () {
  'use strict';
  var box = document.getElementById('push');
  if (!box || !('serviceWorker' in navigator) || !('PushManager' in window) || !window.fetch || !('Notification' in window)) return;
  var status = document.getElementById('push-status');
  var on = document.getElementById('push-on');
  var off = document.getElementById('push-off');
  var d = box.dataset;

  function say(text) { status.textContent = text; }

  // The theme styles buttons with a display of their own, which beats the hidden attribute: set both.
  function visible(button, shown) {
    button.hidden = !shown;
    button.style.display = shown ? '' : 'none';
  }

  function show(subscribed) {
    visible(on, !subscribed);
    visible(off, subscribed);
    say(subscribed ? d.isOn : d.isOff);
  }

  function send(method, body) {
    return fetch(d.subscriptions, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
  }

  function keyBytes(base64url) {
    var s = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(s + '===='.slice(s.length % 4 || 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function sameKey(subscription, key) {
    var current = subscription.options && subscription.options.applicationServerKey;
    if (!current) return true; // the browser does not tell: keep it
    var a = new Uint8Array(current);
    if (a.length !== key.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== key[i]) return false;
    return true;
  }

  function turnOn() {
    on.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') { say(d.denied); return null; }
      return Promise.all([
        navigator.serviceWorker.ready,
        fetch(d.key, { credentials: 'same-origin' }).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      ]).then(function (got) {
        var manager = got[0].pushManager;
        var key = keyBytes(got[1].publicKey);
        return manager.getSubscription().then(function (old) {
          // A subscription made with another key (another city on this address) must go before a new one is made.
          if (old && !sameKey(old, key)) return old.unsubscribe();
        }).then(function () {
          return manager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
        });
      }).then(function (subscription) {
        return send('POST', subscription.toJSON()).then(function (r) {
          if (!r.ok) return r.json().then(function (p) { throw new Error(p.title || r.status); }, function () { throw new Error(r.status); });
          show(true);
        });
      });
    }).catch(function (e) { say(e && e.message ? d.failed + ' (' + e.message + ')' : d.failed); })
      .then(function () { on.disabled = false; });
  }

  function turnOff() {
    off.disabled = true;
    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) return;
      var endpoint = subscription.endpoint;
      return subscription.unsubscribe().then(function () {
        // 404: the server had already dropped it (the push service said it was gone).
        return send('DELETE', { endpoint: endpoint }).then(function (r) { if (!r.ok && r.status !== 404) throw new Error(r.status); });
      });
    }).then(function () { show(false); }, function () { say(d.failed); })
      .then(function () { off.disabled = false; });
  }

  // Only where something registered a service worker for this page (the offline client does): ready would wait forever otherwise.
  navigator.serviceWorker.getRegistration().then(function (registration) {
    if (!registration || !registration.pushManager) { say(d.unsupported); return; }
    on.addEventListener('click', turnOn);
    off.addEventListener('click', turnOff);
    return registration.pushManager.getSubscription().then(function (subscription) { show(!!subscription); });
  }).catch(function () { say(d.unsupported); });
})();
