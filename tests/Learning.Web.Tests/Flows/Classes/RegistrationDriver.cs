using System.Net;
using System.Text.Json;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>Classes written straight into the database (the authoring API is another branch's), and people to fill them.</summary>
internal static class RegistrationDriver
{
    public const string Coordinator = "198203152006042001";
    public const string Supervisor = "197811202003121002";
    public const string Agus = "199005172015031001";
    public const string Dewi = "199208082019022003";
    public const string Rizky = "199501012020121004";

    public static async Task<Guid> AddClass(LearningApp app, int capacity, string approval = ClassApprovals.None, string? course = null,
        int sessions = 2, decimal attendance = 1m, bool postTest = false, bool evaluation = false, string[]? units = null, string? competencies = null,
        decimal jp = 12m, TimeSpan? closesIn = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var closes = now + (closesIn ?? TimeSpan.FromDays(7));
        return await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var cls = new Class(course, "Pelatihan Standar Pelayanan Publik", jp, capacity, approval, closes, Guid.Empty, now);
            cls.Describe(cls.Title, null, jp, competencies, capacity, approval, null, closes, now);
            cls.Complete(attendance, postTest, evaluation, now);
            db.Add(cls);
            for (var n = 1; n <= sessions; n++)
                db.Add(new ClassSession(cls.Id, n, now.AddDays(8 + n).Date.AddHours(1), now.AddDays(8 + n).Date.AddHours(8), "Aula BKPSDM", null, new byte[32]));
            foreach (var unit in units ?? []) db.Add(new ClassAudience(cls.Id, AudienceKinds.Unit, unit));
            await db.SaveChangesAsync();
            return cls.Id;
        });
    }

    /// <summary>People under the demo supervisor's team member Agus's unit, NIPs 19900101201501 1 + sequence.</summary>
    public static async Task<List<Guid>> AddPeople(LearningApp app, int count, string supervisorNip = Supervisor, int from = 1)
    {
        var nips = Enumerable.Range(from, count).Select(n => $"199001012015011{n:000}").ToList();
        var csv = "nip,name,email,unit_code,position_code,supervisor_nip,roles\n"
            + string.Concat(nips.Select((nip, n) => $"{nip},Peserta {n + from},,DISDUKCAPIL,PENGADM-DUK,{supervisorNip},\n"));
        return await app.WithScope(async sp =>
        {
            var result = await sp.GetRequiredService<IOrganisationOnboarding>().Import(new OnboardingFiles(null, null, new CsvFile("employees.csv", csv)));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            var directory = sp.GetRequiredService<IOrganisationDirectory>();
            var ids = new List<Guid>();
            foreach (var nip in nips) ids.Add((await directory.FindEmployeeByNip(nip))!.Id);
            return ids;
        });
    }

    public static Task<Guid> EmployeeId(LearningApp app, string nip) =>
        app.WithScope(async sp => (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip))!.Id);

    public static Task<RegistrationResult> Register(LearningApp app, Guid classId, Guid employeeId, Guid? by = null) =>
        app.WithScope(sp => sp.GetRequiredService<ClassRegistrations>().Register(classId, employeeId, by, CancellationToken.None));

    public static Task<RegistrationResult> Cancel(LearningApp app, Guid registrationId, Guid by) =>
        app.WithScope(sp => sp.GetRequiredService<ClassRegistrations>().Cancel(registrationId, by, CancellationToken.None));

    public static Task<List<ClassRegistration>> Registrations(LearningApp app, Guid classId) =>
        app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassRegistration>().AsNoTracking()
            .Where(r => r.ClassId == classId).ToListAsync());

    public static Task<Class> Read(LearningApp app, Guid classId) =>
        app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Class>().AsNoTracking().FirstAsync(c => c.Id == classId));

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A problem+json answer with the status and a message in Indonesian containing <paramref name="words"/>.</summary>
    public static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode expected, string words)
    {
        var problem = await Json(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var title = problem.GetProperty("title").GetString()!;
        Assert.Contains(words, title);
        return title;
    }
}
