using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Enrolments.Pages;

/// <summary>The page the service worker shows offline for a page that was not saved; the same for everyone, so anonymous.</summary>
[AllowAnonymous]
public sealed class OfflineModel : PageModel
{
    public void OnGet() { }
}
