using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Competencies.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Modules.Tests.Infrastructure;

/// <summary>The real composition (every module of Program.Modules) on a fresh SQLite database and file blob store of its own.</summary>
public sealed class ModulesHost : WebApplicationFactory<Program>
{
    public string DataRoot { get; } = Directory.CreateTempSubdirectory("learning-modules-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataRoot", DataRoot);
        builder.UseSetting("Demo", "false");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task<T> With<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<ImportResult> Import(string folder) =>
        With(sp => sp.GetRequiredService<IContentImporter>().Import(folder));

    public Task<ExportResult> ExportAll(string folder) =>
        With(sp => sp.GetRequiredService<IContentExporter>().ExportAll(folder));

    /// <summary>Row counts of everything an import writes, to prove a refused import changed nothing.</summary>
    public Task<string> Counts() => With(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var blobs = 0;
        await foreach (var _ in sp.GetRequiredService<IBlobStore>().List("media/")) blobs++;
        return $"competencies={await db.Set<Competency>().CountAsync()} courses={await db.Set<Course>().CountAsync()} " +
               $"lessons={await db.Set<Lesson>().CountAsync()} questions={await db.Set<Question>().CountAsync()} " +
               $"media={await db.Set<MediaFile>().CountAsync()} blobs={blobs}";
    });

    public const string Empty = "competencies=0 courses=0 lessons=0 questions=0 media=0 blobs=0";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(DataRoot, recursive: true); } catch (IOException) { }
    }
}

