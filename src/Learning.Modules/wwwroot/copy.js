// Copies the text of the input a [data-copy] button names, and says so; where the clipboard is refused it selects the text.
document.addEventListener('click', function (e) {
  var button = e.target.closest && e.target.closest('[data-copy]');
  if (!button) return;
  var input = document.getElementById(button.getAttribute('data-copy'));
  var status = button.parentNode.querySelector('[data-copy-status]');
  function done() { if (status) status.textContent = button.getAttribute('data-copied'); }
  input.select();
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
  } else if (document.execCommand && document.execCommand('copy')) {
    done();
  }
});
