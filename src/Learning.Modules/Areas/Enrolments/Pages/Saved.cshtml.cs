using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Enrolments.Pages;

/// <summary>
/// The courses saved on this phone and the steps noted offline: both live in the browser (offline.js reads them), so the
/// server only sends the frame; a signed-in person's page, kept by the service worker to open without a connection.
/// </summary>
public sealed class SavedModel : PageModel
{
    public void OnGet() { }
}
