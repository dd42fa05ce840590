using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Classes;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>What the class tests share: the demo people, a class body that passes every rule, the city's clock.</summary>
internal static class ClassDriver
{
    public const string Coordinator = "198203152006042001"; // Sri Wahyuningsih, BKPSDM
    public const string Agus = "199005172015031001"; // Disdukcapil, Pengadministrasi Kependudukan
    public const string Dewi = "199208082019022003"; // Disdukcapil, Verifikator
    public const string Rizky = "199501012020121004"; // Diskominfo
    public const string Supervisor = "197811202003121002"; // Bambang Setiawan
    public static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    public static readonly CultureInfo Id = new("id-ID");

    /// <summary>09:00 WIB on the day <paramref name="days"/> from the app's today, with its offset.</summary>
    public static DateTimeOffset At(LearningApp app, int days, int hour = 9)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Wib).DateTime);
        return new DateTimeOffset(today.AddDays(days).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(7));
    }

    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A stand-alone two-session class 20 days ahead, registration closing 10 days ahead; <paramref name="change"/> edits the JSON.</summary>
    public static Dictionary<string, object?> Body(LearningApp app, string title = "Pelatihan Standar Pelayanan Publik", Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["course"] = null, ["title"] = title, ["jp"] = 12, ["capacity"] = 25, ["approval"] = "none",
            ["registrationCloses"] = Iso(At(app, 10, 16)),
            ["sessions"] = new List<Dictionary<string, object?>>
            {
                new() { ["start"] = Iso(At(app, 20, 9)), ["end"] = Iso(At(app, 20, 12)), ["venue"] = "Aula BKPSDM Lantai 2", ["onlineUrl"] = null },
                new() { ["start"] = Iso(At(app, 21, 9)), ["end"] = Iso(At(app, 21, 12)), ["venue"] = null, ["onlineUrl"] = "https://meet.example.go.id/spp" },
            },
            ["trainers"] = new List<string> { Coordinator },
            ["completion"] = new Dictionary<string, object?> { ["attendance"] = 1, ["postTest"] = false, ["evaluation"] = true },
        };
        change?.Invoke(body);
        return body;
    }

    public static List<Dictionary<string, object?>> Sessions(Dictionary<string, object?> body) => (List<Dictionary<string, object?>>)body["sessions"]!;

    public static async Task<string> Create(HttpClient coordinator, Dictionary<string, object?> body)
    {
        var response = await coordinator.PostAsJsonAsync("/api/v1/classes", body);
        var json = await Json(response, HttpStatusCode.Created);
        return json.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Rows of the kind the test made: the demo's two classes (and their sessions, trainers, registrations) are left out.</summary>
    public static Task<int> Count<T>(LearningApp app) where T : class => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var demo = await db.Set<Class>().Where(c => c.Title == Learning.Web.Demo.DemoClasses.ClassroomTitle || c.Title == Learning.Web.Demo.DemoClasses.BlendedTitle)
            .Select(c => c.Id).ToListAsync();
        return typeof(T) == typeof(Class) ? await db.Set<Class>().CountAsync(c => !demo.Contains(c.Id))
            : typeof(T) == typeof(ClassSession) ? await db.Set<ClassSession>().CountAsync(x => !demo.Contains(x.ClassId))
            : typeof(T) == typeof(ClassTrainer) ? await db.Set<ClassTrainer>().CountAsync(x => !demo.Contains(x.ClassId))
            : typeof(T) == typeof(ClassRegistration) ? await db.Set<ClassRegistration>().CountAsync(x => !demo.Contains(x.ClassId))
            : await db.Set<T>().CountAsync();
    });

    /// <summary>Changes a stored class directly (what another part of the app, or a past date, would have done).</summary>
    public static Task Change(LearningApp app, string id, Action<Class, LearningDbContext> change) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var cls = await db.Set<Class>().Include(c => c.Sessions).SingleAsync(c => c.Id == Guid.Parse(id));
        change(cls, db);
        await db.SaveChangesAsync();
    });

    public static Task<Guid> EmployeeId(LearningApp app, string nip) => app.WithScope(async sp =>
        (await sp.GetRequiredService<Learning.Organisation.Contracts.IOrganisationDirectory>().FindEmployeeByNip(nip))!.Id);
}
