// Offline reading, on top of pages that work without it: installs the service worker, saves a course's lessons and media
// for offline reading, queues lessons completed offline and sends them when the phone is online again.
(function () {
    'use strict';
    var me = document.currentScript, base = me.getAttribute('data-base') || '/', user = me.getAttribute('data-user') || '';
    if (!('serviceWorker' in navigator) || !window.indexedDB || !window.caches) return; // the pages work as they are
    navigator.serviceWorker.register(base + 'sw.js', { scope: base });
    document.documentElement.classList.add('offline-ready');

    var text = {};
    try { text = JSON.parse((document.getElementById('offline-text') || {}).textContent || '{}'); } catch (e) { text = {}; }
    function t(key) {
        var args = arguments;
        return (text[key] || key).replace(/\{(\d)\}/g, function (_, i) { return args[+i + 1]; });
    }
    function size(bytes) {
        var mb = bytes >= 1048576, n = bytes / (mb ? 1048576 : 1024);
        return n.toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1 }) + (mb ? ' MB' : ' kB');
    }
    function el(tag, attrs, children) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
        (children || []).forEach(function (c) { node.appendChild(c); });
        return node;
    }
    function button(label, onClick, secondary) {
        var b = el('button', { type: 'button', text: label, class: secondary ? 'secondary' : '' });
        b.addEventListener('click', onClick);
        return b;
    }

    // --- storage: saved courses (key enrolmentId) and queued steps (key: the client's id), one database per browser
    var opening;
    function db() {
        opening = opening || new Promise(function (resolve, reject) {
            var open = indexedDB.open('learning-offline', 1);
            open.onupgradeneeded = function () {
                open.result.createObjectStore('courses', { keyPath: 'enrolmentId' });
                open.result.createObjectStore('steps', { keyPath: 'id' });
                open.result.createObjectStore('meta');
            };
            open.onsuccess = function () { resolve(open.result); };
            open.onerror = function () { reject(open.error); };
        });
        return opening;
    }
    function store(name, mode, work) {
        return db().then(function (d) {
            return new Promise(function (resolve, reject) {
                var tx = d.transaction(name, mode), result = work(tx.objectStore(name));
                tx.oncomplete = function () { resolve(result && 'result' in result ? result.result : result); };
                tx.onerror = function () { reject(tx.error); };
            });
        });
    }
    function all(name) { return store(name, 'readonly', function (s) { return s.getAll(); }); }
    function put(name, value, key) { return store(name, 'readwrite', function (s) { s.put(value, key); }); }
    function remove(name, key) { return store(name, 'readwrite', function (s) { s.delete(key); }); }
    function mine(items) { return items.filter(function (i) { return i.user === user; }); }

    /** Drops every saved course (logout, or another person signed in on this browser); queued steps stay with their owner. */
    function forget() {
        return all('courses').then(function (list) {
            return Promise.all(list.map(function (c) { return caches.delete('course-' + c.enrolmentId).then(function () { return remove('courses', c.enrolmentId); }); }));
        }).then(function () { return caches.delete('pages'); });
    }

    function api(path, body) {
        return fetch(base + path, body ? {
            method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
            headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        } : { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(function (r) {
            if (!r.ok) throw new Error(r.status);
            return r.json();
        });
    }

    // --- saving a course
    function download(plan, progress) {
        var name = 'course-' + plan.enrolmentId, urls = plan.lessons.concat(plan.media), done = 0, got = 0;
        return caches.delete(name).then(function () { return caches.open(name); }).then(function (cache) {
            var assets = {};
            function next(i) {
                if (i >= urls.length) return Promise.resolve();
                // A lesson fetched to be kept is not where the learner stopped reading (the server leaves "resume" alone).
                var lesson = i < plan.lessons.length;
                return fetch(urls[i].url, { credentials: 'same-origin', headers: lesson ? { 'X-Learning-Offline': 'save' } : {} }).then(function (r) {
                    if (!r.ok || r.redirected) throw new Error(r.status + ' ' + urls[i].url);
                    var copy = r.clone();
                    return (lesson ? r.text().then(function (html) {
                        // The style sheet and script a lesson page uses are saved with it.
                        html.replace(/(?:href|src)="([^"]*\/_content\/[^"]+)"/g, function (_, u) { assets[u.replace(/&amp;/g, '&')] = 1; });
                    }) : Promise.resolve()).then(function () { return cache.put(urls[i].url, copy); });
                }).then(function () {
                    got += urls[i].bytes || 0;
                    progress(++done, urls.length, got);
                    return next(i + 1);
                });
            }
            return next(0).then(function () { return cache.addAll(Object.keys(assets)); });
        }).then(function () {
            return put('courses', {
                enrolmentId: plan.enrolmentId, user: user, slug: plan.course.slug, title: plan.course.title, version: plan.version,
                bytes: plan.bytes, first: plan.lessons.length ? plan.lessons[0].url : base, lessons: plan.lessons.length,
            });
        }, function (error) { return caches.delete(name).then(function () { throw error; }); }).then(keepPages);
    }
    /** The home page and the saved-courses list open offline too (the service worker keeps them fresh when online). */
    function keepPages() {
        return caches.open('pages').then(function (cache) {
            return Promise.all([base, base + 'learn/offline'].map(function (u) {
                return fetch(u, { credentials: 'same-origin' }).then(function (r) { if (r.ok && !r.redirected) return cache.put(u, r); });
            }));
        }).catch(function () {});
    }
    function plan(enrolmentId) { return api('api/v1/enrolments/' + enrolmentId + '/offline'); }

    function saveControl(box) {
        var id = box.getAttribute('data-offline-save');
        function show(nodes) { box.textContent = ''; nodes.forEach(function (n) { box.appendChild(n); }); box.hidden = false; }
        function start() {
            show([el('p', { text: t('checking'), role: 'status' })]);
            plan(id).then(function (p) {
                show([el('p', { text: t('size', size(p.bytes), p.lessons.length) }),
                    el('p', { class: 'actions' }, [button(t('download'), function () { run(p); }), button(t('cancel'), idle, true)])]);
            }, fail);
        }
        function run(p) {
            var bar = el('progress', { max: p.lessons.length + p.media.length, value: 0 }), line = el('p', { role: 'status', text: t('progress', 0, bar.max) });
            show([line, bar]);
            download(p, function (done, count) { bar.value = done; line.textContent = t('progress', done, count); })
                .then(function () { return db().then(idle); }, fail);
        }
        function fail(e) { show([el('p', { role: 'alert', text: t('failed', e.message) }), button(t('save'), start)]); }
        function idle() {
            store('courses', 'readonly', function (s) { return s.get(id); }).then(function (saved) {
                if (saved) show([el('p', { role: 'status', text: t('saved', size(saved.bytes)) }), el('a', { href: base + 'learn/offline', text: t('list') })]);
                else if (navigator.onLine) show([button(t('save'), start, true)]);
                else box.hidden = true;
            });
        }
        idle();
    }

    /** A saved course whose version moved is downloaded again, the next time the phone is online. */
    function refresh() {
        return all('courses').then(function (list) {
            return mine(list).reduce(function (chain, c) {
                return chain.then(function () {
                    return plan(c.enrolmentId).then(function (p) { if (p.version !== c.version) return download(p, function () {}); },
                        function (e) { if (e.message === '404') return caches.delete('course-' + c.enrolmentId).then(function () { return remove('courses', c.enrolmentId); }); });
                });
            }, Promise.resolve());
        });
    }

    // --- lessons completed offline
    var sending;
    function sync() {
        if (!navigator.onLine || !user) return Promise.resolve();
        sending = sending || all('steps').then(function (steps) {
            var waiting = mine(steps).filter(function (s) { return s.status === 'pending'; });
            if (!waiting.length) return;
            return api('api/v1/sync/lesson-completions', {
                items: waiting.map(function (s) { return { id: s.id, enrolmentId: s.enrolmentId, lessonKey: s.lessonKey, completedAt: s.completedAt }; }),
            }).then(function (answer) {
                return Promise.all(answer.results.map(function (r) {
                    var step = waiting.filter(function (s) { return s.id === r.id; })[0];
                    if (!step) return null;
                    if (r.status === 'refused') { step.status = 'refused'; step.reason = r.reason || ''; return put('steps', step); }
                    return remove('steps', r.id); // applied now, or already applied before: either way it counts
                }));
            });
        }).catch(function () { /* still offline, or the server is away: they wait for the next try */ })
            .then(function () { sending = null; return showSteps(); });
        return sending;
    }

    function showSteps() {
        return all('steps').then(function (steps) {
            steps = mine(steps);
            var waiting = steps.filter(function (s) { return s.status === 'pending'; }), refused = steps.filter(function (s) { return s.status === 'refused'; });
            document.querySelectorAll('[data-offline-pending]').forEach(function (box) {
                box.textContent = '';
                box.hidden = !waiting.length && !refused.length && !box.hasAttribute('data-always');
                box.appendChild(el('p', { role: 'status', 'data-pending-count': waiting.length, text: waiting.length ? t('pending', waiting.length) : t('allSent') }));
                if (refused.length) {
                    box.appendChild(el('p', { text: t('refused') }));
                    box.appendChild(el('ul', { class: 'list' }, refused.map(function (s) {
                        return el('li', { 'data-refused': s.lessonKey }, [el('span', { text: t('refusedItem', s.course, s.lesson, s.reason) + ' ' }),
                            button(t('dismiss'), function () { remove('steps', s.id).then(showSteps); }, true)]);
                    })));
                }
            });
            var form = document.querySelector('form[data-lesson-done]');
            if (form && waiting.some(function (s) { return s.enrolmentId === form.getAttribute('data-enrolment') && s.lessonKey === form.getAttribute('data-lesson'); }))
                mark(form, t('queued'));
        });
    }

    function mark(form, message) {
        var note = form.querySelector('[data-queued]') || form.insertBefore(el('p', { 'data-queued': '', role: 'status' }), form.firstChild);
        note.textContent = message;
    }

    function completeOffline(form, e) {
        if (e) {
            if (navigator.onLine) return; // online: the form posts as usual
            e.preventDefault();
        }
        var step = {
            id: crypto.randomUUID(), user: user, status: 'pending', completedAt: new Date().toISOString(),
            enrolmentId: form.getAttribute('data-enrolment'), lessonKey: form.getAttribute('data-lesson'),
            course: form.getAttribute('data-course'), lesson: form.getAttribute('data-title'),
        };
        put('steps', step).then(function () {
            mark(form, t('queued'));
            var next = document.querySelector('a[rel=next]');
            if (next) location.href = next.href;
            else showSteps();
        });
    }

    // --- the saved-courses list
    function showSaved(box) {
        all('courses').then(function (list) {
            list = mine(list);
            box.textContent = '';
            var none = document.querySelector('[data-offline-none]');
            if (none) none.hidden = list.length > 0;
            list.forEach(function (c) {
                box.appendChild(el('li', { 'data-saved-course': c.slug }, [
                    el('a', { href: c.first, text: c.title }), el('span', { class: 'muted', text: ' · ' + t('savedItem', size(c.bytes), c.lessons) + ' ' }),
                    button(t('remove'), function () {
                        caches.delete('course-' + c.enrolmentId).then(function () { return remove('courses', c.enrolmentId); }).then(function () { showSaved(box); });
                    }, true)]));
            });
        });
    }

    // --- this page
    var offline = document.documentElement.hasAttribute('data-saved-copy') || !navigator.onLine;
    function banner() {
        var main = document.querySelector('main'), old = document.querySelector('[data-offline-mark]');
        if (old) old.remove();
        if (!main || !(document.documentElement.hasAttribute('data-saved-copy') || !navigator.onLine)) return;
        var notes = [el('strong', { class: 'badge warn', text: t('offline') }), el('span', { text: ' ' + t(document.documentElement.hasAttribute('data-saved-copy') ? 'mark' : 'markLive') })];
        if (document.querySelector('form[data-lesson-done], [data-needs-connection]') || /\/assessment/.test(location.pathname))
            notes.push(el('span', { text: ' ' + t('assessment') }));
        main.insertBefore(el('p', { class: 'card offline-mark', 'data-offline-mark': '', role: 'status' }, notes), main.firstChild);
    }

    db().then(function () {
        return store('meta', 'readonly', function (s) { return s.get('owner'); });
    }).then(function (owner) {
        // Someone else signed in on this browser: the last person's saved lessons are not theirs to read.
        if (user && owner !== user) return forget().then(function () { return put('meta', user, 'owner'); });
    }).then(function () {
        banner();
        document.querySelectorAll('[data-offline-needs]').forEach(function (n) { n.hidden = true; });
        document.querySelectorAll('[data-offline-save]').forEach(saveControl);
        document.querySelectorAll('[data-offline-saved]').forEach(showSaved);
        var form = document.querySelector('form[data-lesson-done]');
        if (form) form.addEventListener('submit', function (e) { completeOffline(form, e); });
        // The service worker sent a completion that could not reach the server back here (sw.js, QUEUE): keep it as a queued step.
        if (form && location.hash === '#belum-terkirim') {
            history.replaceState(null, '', location.pathname + location.search);
            completeOffline(form);
        }
        return showSteps();
    }).then(function () {
        if (offline) return;
        // Versions of saved courses are compared once per visit (and when the connection returns), not on every page.
        var checked = sessionStorage.getItem('offline-checked') === user;
        sessionStorage.setItem('offline-checked', user);
        return sync().then(checked ? null : refresh);
    });

    window.addEventListener('online', function () { banner(); sync().then(refresh); });
    window.addEventListener('offline', banner);

    // Logging out: send what waits, then drop the saved copies of this person's pages.
    document.querySelectorAll('form[action$="/logout"]').forEach(function (form) {
        form.addEventListener('submit', function (e) {
            if (form.hasAttribute('data-forgotten')) return;
            e.preventDefault();
            form.setAttribute('data-forgotten', '');
            sync().then(forget).then(function () { return put('meta', '', 'owner'); }, function () {}).then(function () { form.submit(); });
        });
    });
})();
