using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Learning.Kernel;

/// <summary>
/// A feature module describes itself in one class: its id (also its Razor area and table prefix),
/// what it needs, and what it registers. The host lists the modules it runs in Program.cs.
/// </summary>
public abstract class LearningModule
{
    /// <summary>Module id: the folder under Areas/, the Razor area and the table prefix.</summary>
    public abstract string Id { get; }

    /// <summary>
    /// Modules this one needs switched on: every module whose Contracts it uses (ModuleBoundaryTests checks the list
    /// against the code), except those in <see cref="OptionalDependencies"/>.
    /// </summary>
    public virtual IReadOnlyList<string> DependsOn => [];

    /// <summary>
    /// Modules whose Contracts this one uses only when they are switched on (resolved with GetService or as an
    /// IEnumerable&lt;T&gt; that may be empty), so it runs without them; checked against the code like DependsOn.
    /// </summary>
    public virtual IReadOnlyList<string> OptionalDependencies => [];

    /// <summary>Table name with the module prefix, e.g. <c>Courses_Lessons</c>.</summary>
    public string Table(string name) => $"{Id}_{name}";

    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    public virtual void ConfigureModel(ModelBuilder model) { }

    public virtual void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration) { }

    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }

    /// <summary>Middleware that runs first, before routing (Tenants: which tenant the request is for).</summary>
    public virtual void UseBeforeRouting(IApplicationBuilder app) { }

    /// <summary>Middleware that needs the signed-in person and runs before authorisation (Accounts: sessions that ended).</summary>
    public virtual void UseAfterAuthentication(IApplicationBuilder app) { }
}

/// <summary>The modules switched on for this process, in dependency order.</summary>
public sealed class ModuleSet
{
    public ModuleSet(IEnumerable<LearningModule> modules, IEnumerable<LearningModule>? schema = null)
    {
        Modules = modules.ToArray();
        Schema = schema?.ToArray() ?? Modules;
    }

    public IReadOnlyList<LearningModule> Modules { get; }

    /// <summary>
    /// Every listed module, switched off or not: the database has one schema (one set of migrations), so a module
    /// switched off keeps its tables and the model still matches the migrations.
    /// </summary>
    public IReadOnlyList<LearningModule> Schema { get; }

    public bool IsEnabled(string id) => Modules.Any(m => m.Id == id);

    /// <summary>Identifies the EF model built from these modules (a model is cached per set).</summary>
    public string Key => string.Join(",", Schema.Select(m => m.Id));

    /// <summary>
    /// Drops modules switched off in configuration (<c>Modules:{Id}:Enabled=false</c>) and fails
    /// with a clear message when an enabled module needs one that is missing or switched off.
    /// </summary>
    public static ModuleSet Resolve(IReadOnlyList<LearningModule> listed, IConfiguration configuration)
    {
        var duplicate = listed.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Module '{duplicate.Key}' is listed twice in Program.cs.");

        var enabled = listed
            .Where(m => configuration.GetValue($"Modules:{m.Id}:Enabled", true))
            .ToDictionary(m => m.Id);

        foreach (var module in enabled.Values)
        foreach (var dependency in module.DependsOn)
        {
            if (enabled.ContainsKey(dependency)) continue;
            var why = listed.Any(m => m.Id == dependency)
                ? $"it is switched off in configuration (Modules:{dependency}:Enabled=false)"
                : "it is not listed in Program.cs";
            throw new InvalidOperationException(
                $"Module '{module.Id}' depends on module '{dependency}', but {why}. " +
                $"Enable '{dependency}' or switch off '{module.Id}' (Modules:{module.Id}:Enabled=false).");
        }

        // Dependency order, so a module's services and model come after those it builds on.
        var ordered = new List<LearningModule>();
        var visiting = new HashSet<string>();
        void Visit(LearningModule m)
        {
            if (ordered.Contains(m)) return;
            if (!visiting.Add(m.Id))
                throw new InvalidOperationException($"Modules depend on each other in a cycle through '{m.Id}'.");
            foreach (var d in m.DependsOn) Visit(enabled[d]);
            visiting.Remove(m.Id);
            ordered.Add(m);
        }
        foreach (var m in listed.Where(m => enabled.ContainsKey(m.Id))) Visit(m);
        return new ModuleSet(ordered, listed);
    }
}
