// The service worker: lessons a learner saved open without a connection, an offline page for the rest, and push notices.
// Saved courses live in caches named "course-<enrolment id>" (written by offline.js); "pages" holds the home page and the
// saved-courses list of the person signed in; everything personal is dropped when they log out.
'use strict';
const base = new URL(self.registration.scope).pathname; // "/" or "/t/<city>/"
const SHELL = 'shell-1', PAGES = 'pages', OFFLINE = base + 'offline', QUEUE = 'belum-terkirim';
const personal = [base, base + 'learn/offline'];

self.addEventListener('install', e => {
    e.waitUntil(caches.open(SHELL).then(async cache => {
        const page = await fetch(OFFLINE, { credentials: 'omit' });
        if (!page.ok) return;
        await cache.put(OFFLINE, page.clone());
        // The offline page's own style sheet and script, so it shows as it should.
        const assets = [...(await page.text()).matchAll(/(?:href|src)="([^"]*\/_content\/[^"]+)"/g)].map(m => m[1].replace(/&amp;/g, '&'));
        await cache.addAll(assets);
    }).then(() => self.skipWaiting()));
});

self.addEventListener('activate', e => {
    e.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(k => k.startsWith('shell-') && k !== SHELL).map(k => caches.delete(k))))
        .then(() => self.clients.claim()));
});

/** Every personal copy: saved courses and pages. */
function forget() {
    return caches.keys().then(keys => Promise.all(keys.filter(k => k === PAGES || k.startsWith('course-')).map(k => caches.delete(k))));
}

/** A page read from a saved copy says so: offline.js shows the offline mark for it. */
async function marked(response) {
    const html = (await response.text()).replace('<html ', '<html data-saved-copy ');
    return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/** "/learn/{enrolment}" (the resume link of the home page) opens the first saved lesson of that course. */
async function firstLesson(path) {
    const m = path.slice(base.length).match(/^learn\/([0-9a-f-]{36})\/?$/);
    if (!m || !(await caches.has('course-' + m[1]))) return undefined;
    const cache = await caches.open('course-' + m[1]), keys = await cache.keys();
    return keys.length ? cache.match(keys[0]) : undefined;
}

async function page(request) {
    const path = new URL(request.url).pathname;
    const saved = (await caches.match(request, { ignoreSearch: true })) || (await firstLesson(path));
    if (saved && !self.navigator.onLine) return marked(saved);
    try {
        const response = await fetch(request);
        if (response.ok && !response.redirected && personal.includes(path))
            await (await caches.open(PAGES)).put(request, response.clone());
        return response;
    } catch (error) {
        if (saved) return marked(saved);
        return (await caches.match(OFFLINE)) || Response.error();
    }
}

self.addEventListener('fetch', e => {
    const request = e.request, url = new URL(request.url);
    if (url.origin !== self.location.origin || !url.pathname.startsWith(base)) return;
    if (request.method === 'POST' && url.pathname === base + 'logout') {
        e.waitUntil(forget());
        return;
    }
    // "Tandai selesai" posted while the phone thought it was online but the signal dropped: back to the lesson, whose page
    // (offline.js) queues the step like one made offline, rather than losing it behind the offline page.
    if (request.method === 'POST' && request.mode === 'navigate' && /^learn\/[0-9a-f-]{36}\/[^/]+$/.test(url.pathname.slice(base.length))) {
        e.respondWith(fetch(request).catch(() => Response.redirect(url.pathname + '#' + QUEUE, 303)));
        return;
    }
    if (request.method !== 'GET' || url.pathname.startsWith(base + 'api/')) return;
    if (request.mode === 'navigate') {
        e.respondWith(page(request));
        return;
    }
    // Style sheets, scripts and lesson media: the saved copy when there is one, else the network as usual.
    e.respondWith(caches.match(request).then(hit => hit || fetch(request)));
});

self.addEventListener('message', e => {
    if (e.data === 'forget') e.waitUntil(forget());
});

// Push (subscriptions are made elsewhere): the payload is JSON {title, body, url}; a click opens or focuses url.
self.addEventListener('push', e => {
    let data = {};
    try { data = e.data ? e.data.json() : {}; } catch (error) { data = { body: e.data.text() }; }
    e.waitUntil(self.registration.showNotification(data.title || 'Learning', {
        body: data.body || '', icon: base + 'icon.svg', data: { url: data.url || base },
    }));
});

self.addEventListener('notificationclick', e => {
    e.notification.close();
    let url = new URL((e.notification.data && e.notification.data.url) || base, self.location.origin);
    if (url.origin !== self.location.origin) url = new URL(base, self.location.origin); // only our own pages
    e.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(windows => {
        const open = windows.find(w => w.url === url.href);
        return open ? open.focus() : self.clients.openWindow(url.href);
    }));
});
