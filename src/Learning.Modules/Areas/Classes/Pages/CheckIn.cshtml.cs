using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Pages;

/// <summary>
/// The learner's check-in on the phone: the code from the trainer's screen (filled in from the QR code's ?kode=), and a clear
/// answer. The same rules as the API (<see cref="ClassAttendance.CheckIn"/>).
/// </summary>
public sealed class CheckInModel(ClassAttendance attendance, LearningDbContext db, IStringLocalizer text, CityFormat format) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kode")] public string? Code { get; set; }
    public string Title { get; private set; } = "";
    public string? Done { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await TitleOf(id, ct) is not { } title) return NotFound();
        Title = title;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await TitleOf(id, ct) is not { } title) return NotFound();
        Title = title;
        if (User.GetEmployeeId() is not { } me) return NotFound();
        var outcome = await attendance.CheckIn(id, me, Code, ct);
        switch (outcome.Status)
        {
            case CheckInStatus.NotFound: return NotFound();
            case CheckInStatus.Done:
                Done = text["Classes.CheckIn.Done", outcome.Session!, format.Time(outcome.At!.Value)];
                return Page();
            default:
                Problem = outcome.Problem;
                return new PageResult { StatusCode = outcome.Status == CheckInStatus.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest };
        }
    }

    private Task<string?> TitleOf(Guid id, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Set<Class>().Where(c => c.Id == id).Select(c => (string?)c.Title), ct);
}
