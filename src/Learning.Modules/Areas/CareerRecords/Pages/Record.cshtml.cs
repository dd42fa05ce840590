using Learning.CareerRecords.Api;
using Learning.CareerRecords.Competencies;
using Learning.CareerRecords.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.CareerRecords.Pages;

/// <summary>My career record: the transcript an ASN prints for the SKP dialogue, and where trainings taken elsewhere are entered.</summary>
public sealed class RecordModel(CareerRecordQueries queries, ExternalTrainings external, IOrganisationDirectory organisation,
    LearningDbContext db, CareerRecordsOptions options, TimeProvider clock, CompetencyRecords competencies, ICompetencyDictionary dictionary,
    ICourseCatalog catalog) : PageModel
{
    public IReadOnlyList<(CompetencyItem Item, string Descriptor)> Competencies { get; private set; } = [];
    public IReadOnlyList<GapItem> Gaps { get; private set; } = [];
    public EmployeeInfo? Employee { get; private set; }
    public IReadOnlyList<TrainingItem> Trainings { get; private set; } = [];
    public int Year { get; private set; }
    public decimal Jp { get; private set; }
    public decimal Required => options.RequiredJpPerYear;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Sent { get; private set; }

    [BindProperty] public ExternalTrainingInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Proof { get; set; }

    public async Task OnGetAsync(bool sent = false)
    {
        Sent = sent;
        await Load();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var (training, errors) = await external.Enter(employeeId, Input, Proof, ct);
        if (training is null)
        {
            Errors = errors;
            await Load();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { sent = true });
    }

    private async Task Load()
    {
        Year = clock.ThisYear();
        if (User.GetEmployeeId() is not { } employeeId) return;
        var ct = HttpContext.RequestAborted;
        // Each of the person's facts read once and shared by the parts that show it (bench/README.md, first visits).
        Employee = await organisation.FindEmployee(employeeId, ct);
        var trainings = await queries.TrainingsOf(employeeId, ct);
        Trainings = trainings.Select(t => t.ToItem(Request.PathBase)).ToList();
        Jp = CareerRecordQueries.JpOf(trainings, Year);
        var standing = await competencies.StandingOf(employeeId, ct);
        Competencies = await CareerRecordsApi.CompetenciesOf(standing, dictionary, ct);
        Gaps = await CompetencyApi.ToItems(await competencies.GapsOf(Employee, standing, ct), catalog, ct);
    }
}
