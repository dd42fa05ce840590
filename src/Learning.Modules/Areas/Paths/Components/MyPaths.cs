using Learning.Kernel;
using Learning.Paths.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learning.Paths.Components;

/// <summary>Home section "Jalur saya": where the learner stands on each path that is still going, and what comes next.</summary>
public sealed class MyPathsViewComponent(LearningDbContext db, PathGate gate) : ViewComponent
{
    // Compiled: every home page asks it (bench/README.md, fifth round).
    private static readonly CompiledQuery<Func<LearningDbContext, Guid?, IAsyncEnumerable<PathInstance>>> Going = new(() =>
        EF.CompileAsyncQuery((LearningDbContext db, Guid? employeeId) => db.Set<PathInstance>().AsNoTracking()
            .Where(i => i.EmployeeId == employeeId && (i.Status == InstanceStatuses.Running || i.Status == InstanceStatuses.Waiting))
            .OrderByDescending(i => i.StartedAt).Take(10)));

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var employeeId = UserClaimsPrincipal.GetEmployeeId();
        var mine = await Going.For(db)(db, employeeId).ToListAsync(HttpContext.RequestAborted);
        var standings = await gate.Standings(mine, HttpContext.RequestAborted);
        return View("/Areas/Paths/Components/MyPaths.cshtml", standings);
    }
}
