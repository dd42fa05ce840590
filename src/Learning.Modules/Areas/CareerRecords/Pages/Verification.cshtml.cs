using Learning.CareerRecords.Api;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.CareerRecords.Pages;

/// <summary>Coordinators verify or reject trainings taken elsewhere, looking at the proof.</summary>
[Authorize(Roles.Coordinator)]
public sealed class VerificationModel(LearningDbContext db, IOrganisationDirectory organisation, IAuditLog audit, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public IReadOnlyList<(EmployeeInfo? Person, TrainingItem Training)> Pending { get; private set; } = [];
    public string? Message { get; private set; }

    public Task OnGetAsync() => Load();

    public async Task<IActionResult> OnPostAsync(Guid id, string decision, string? reason)
    {
        var result = await CareerRecordsApi.Review(id, decision == "verify", reason, User, db, organisation, audit, clock, text, Request.PathBase);
        if (result.Result is ProblemHttpResult problem)
        {
            Message = problem.ProblemDetails.Title;
            Response.StatusCode = problem.StatusCode;
            await Load();
            return Page();
        }
        return RedirectToPage();
    }

    private async Task Load()
    {
        var lines = await db.Set<Training>().AsNoTracking()
            .Where(t => t.Source == TrainingSource.External && t.Status == TrainingStatus.Pending).OrderBy(t => t.CreatedAt).Take(200).ToListAsync();
        var people = (await organisation.FindEmployees(lines.Select(l => l.EmployeeId))).ToDictionary(e => e.Id);
        // One's own training is verified by another coordinator: it is not offered here.
        Pending = lines.Where(l => !User.IsOwn(l.EmployeeId)).Select(l => (people.GetValueOrDefault(l.EmployeeId), l.ToItem(Request.PathBase))).ToList();
    }
}
