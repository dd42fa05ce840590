// Progressive enhancement: upload through the media API with a progress bar; without JavaScript the form posts to this page.
(function () {
    var form = document.getElementById('upload-form');
    if (!form || !window.XMLHttpRequest || !window.FormData) return;
    form.addEventListener('submit', function (e) {
        var input = document.getElementById('upload-file');
        if (!input.files.length) return;
        e.preventDefault();
        var row = document.getElementById('upload-progress-row'), bar = document.getElementById('upload-progress'),
            percent = document.getElementById('upload-percent'), error = document.getElementById('upload-error');
        var data = new FormData();
        data.append('file', input.files[0]);
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.getAttribute('data-upload-url') || '/api/v1/media');
        xhr.setRequestHeader('RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
        row.hidden = false; error.textContent = ''; bar.value = 0; percent.textContent = '0%';
        xhr.upload.onprogress = function (p) {
            if (!p.lengthComputable) return;
            var v = Math.round(p.loaded * 100 / p.total); bar.value = v; percent.textContent = v + '%';
        };
        xhr.onload = function () {
            var body = {};
            try { body = JSON.parse(xhr.responseText); } catch (x) { }
            if (xhr.status === 201) {
                bar.value = 100; percent.textContent = '100%';
                document.getElementById('upload-snippet').value = '![keterangan](' + body.url + ')';
                document.getElementById('upload-result').hidden = false;
            } else {
                error.textContent = body.detail || body.title || ('HTTP ' + xhr.status);
            }
        };
        xhr.onerror = function () { error.textContent = form.getAttribute('data-failed'); };
        xhr.send(data);
    });
})();
