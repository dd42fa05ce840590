// The check-in screen fetches itself again when the code changes (and every few seconds for the count) and swaps the live
// part in place; a file of its own, since the Content-Security-Policy allows no inline script.
(function () {
    var live = document.getElementById('check-in-live');
    if (!live) return;
    function schedule(seconds) {
        var wait = Math.max(1, Math.min(10, parseInt(seconds, 10) || 5));
        setTimeout(refresh, wait * 1000);
    }
    function refresh() {
        fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
            .then(function (html) {
                var next = new DOMParser().parseFromString(html, 'text/html').getElementById('check-in-live');
                if (!next) throw new Error('no live part');
                live.innerHTML = next.innerHTML;
                live.setAttribute('data-refresh', next.getAttribute('data-refresh'));
                schedule(next.getAttribute('data-refresh'));
            })
            .catch(function () { schedule(5); }); // a dropped connection: try again shortly, keep the last code on screen
    }
    schedule(live.getAttribute('data-refresh'));
})();
