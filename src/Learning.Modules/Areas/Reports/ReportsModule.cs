using Learning.Kernel;
using Learning.Reports.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Reports;

/// <summary>Coordinator reports per unit, per course and per question; no tables of its own, only other modules' read-only contracts.</summary>
public sealed class ReportsModule : LearningModule
{
    public override string Id => "Reports";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Courses", "Enrolments", "Assessments", "CareerRecords", "Classes", "Evaluations"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Coordinator, 25, "Reports.Menu.Reports", "/reports");
        services.AddMenuItem(Roles.Administrator, 100, "Reports.Menu.Reports", "/reports");
        services.AddScoped<ReportQueries>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapReportsApi();
}
