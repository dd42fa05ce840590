using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Accounts.Contracts;
using Learning.Assessments.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Learning.Web.Tests.Flows.Tenancy;

/// <summary>
/// Tenant B (Kota Salatiga) beside the demo's Semarang (tenant A, the default): its own organisation, content, people and
/// records, all made through the real services and API on B's host, so that B holds a record of every kind. One Salatiga NIP
/// is also a Semarang NIP (<see cref="SharedNip"/>): two accounts of two people.
/// </summary>
internal sealed class TenantB
{
    public const string Key = "salatiga";
    public const string Host = "salatiga.test";
    public const string Coordinator = "198507102010012005";
    public const string Supervisor = "197905052005011003";
    public const string Learner = "199302142018011002";
    /// <summary>Rizky Hidayat in Semarang; in Salatiga someone else with the same NIP.</summary>
    public const string SharedNip = "199501012020121004";
    public const string SharedNipName = "Yohanes Kristanto";
    /// <summary>A course and a path only Salatiga has (the repository's content is imported by both cities).</summary>
    public const string OwnCourse = "orientasi-asn-salatiga";
    public const string OwnPath = "sertifikasi-asn-salatiga";
    /// <summary>Words only Salatiga's records carry: none may appear in anything Semarang is shown.</summary>
    public static readonly string[] Marks = ["Salatiga", "Kristanto", "Purwaningsih", "Hartono", "Lestyaningrum", Coordinator, Supervisor, Learner, OwnCourse, OwnPath];

    private const string Units = """
        code,name,parent_code
        PEMKOT-SLTG,Pemerintah Kota Salatiga,
        BKPSDM-SLTG,BKPSDM Kota Salatiga,PEMKOT-SLTG
        DISPENDUK-SLTG,Dispendukcapil Kota Salatiga,PEMKOT-SLTG
        """;
    private const string Positions = """
        code,name
        ANALIS-SDM-SLTG,Analis SDM Aparatur Salatiga
        KABID-SLTG,Kepala Bidang Salatiga
        PENGADM-SLTG,Pengadministrasi Salatiga
        """;
    private const string Employees = $"""
        nip,name,email,unit_code,position_code,supervisor_nip,roles
        {Coordinator},Endang Purwaningsih,endang@example.salatiga.go.id,BKPSDM-SLTG,ANALIS-SDM-SLTG,,Coordinator
        {Supervisor},Budi Hartono,budi@example.salatiga.go.id,DISPENDUK-SLTG,KABID-SLTG,,
        {Learner},Ratna Lestyaningrum,ratna@example.salatiga.go.id,DISPENDUK-SLTG,PENGADM-SLTG,{Supervisor},
        {SharedNip},{SharedNipName},yohanes@example.salatiga.go.id,DISPENDUK-SLTG,PENGADM-SLTG,{Supervisor},
        """;
    private const string Standards = """
        position_code,competency_code,level
        PENGADM-SLTG,integritas,2
        PENGADM-SLTG,pelayanan-publik,2
        PENGADM-SLTG,spbe,2
        KABID-SLTG,integritas,4
        ANALIS-SDM-SLTG,integritas,3
        """;

    /// <summary>Ids of B's records by the name a route gives them ("enrolment", "certificateCode", …).</summary>
    public Dictionary<string, string> Ids { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Every id of every kind of B's rows in the database (entity name → ids), read inside B.</summary>
    public Dictionary<string, List<string>> Rows { get; } = new();

    public string this[string name] => Ids.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"Tenant B has no {name}.");

    public static async Task<TenantB> Arrange(LearningApp app)
    {
        var b = new TenantB();
        await app.AddTenant(Key, "Kota Salatiga", Host);
        var content = OwnContent(app);
        try
        {
            await app.InTenant(Key, async sp =>
            {
                var ct = CancellationToken.None;
                var org = await sp.GetRequiredService<IOrganisationOnboarding>().Import(new OnboardingFiles(
                    new CsvFile("units.csv", Units), new CsvFile("positions.csv", Positions), new CsvFile("employees.csv", Employees)), ct);
                Assert.True(org.Succeeded, string.Join("; ", org.Errors));
                var accounts = sp.GetRequiredService<IAccountAdministration>();
                foreach (var nip in new[] { Coordinator, Supervisor, Learner, SharedNip })
                    Assert.True(await accounts.SetPassword(nip, DemoSeeder.Password, mustChangeAtNextLogin: false, ct), nip);
                var imported = await sp.GetRequiredService<IContentImporter>().Import(content, ct);
                Assert.True(imported.Succeeded, string.Join("\n", imported.Problems));
                var standards = await sp.GetRequiredService<IPositionStandards>().Import("position-standards.csv", Standards, ct);
                Assert.True(standards.Succeeded, string.Join("\n", standards.Problems));
            });
        }
        finally { Directory.Delete(content, recursive: true); }

        var learner = await app.ApiAs(Learner, host: Host);
        var supervisor = await app.ApiAs(Supervisor, host: Host);
        var coordinator = await app.ApiAs(Coordinator, host: Host);

        // A finished course of B's own: enrolment, path instance, a submitted attempt and a certificate.
        var done = await Json(await learner.PostAsJsonAsync("/api/v1/enrolments", new { course = OwnCourse }));
        b.Ids["enrolment"] = done.GetProperty("id").GetString()!;
        b.Ids["pathInstance"] = done.GetProperty("pathInstanceId").GetString()!;
        var outline = await Json(await learner.GetAsync($"/api/v1/courses/{OwnCourse}"));
        var lessons = outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray())
            .Select(l => l.GetProperty("key").GetString()!).ToList();
        foreach (var lesson in lessons)
            await Json(await learner.PostAsJsonAsync($"/api/v1/enrolments/{b["enrolment"]}/lessons/{lesson}/complete", new { seconds = 600 }));
        b.Ids["lesson"] = lessons[0];
        b.Ids["submittedAttempt"] = await PassAssessment(app, learner, b["enrolment"], OwnCourse);
        var certificate = (await Json(await learner.GetAsync("/api/v1/me/certificates"))).EnumerateArray().Single();
        b.Ids["certificateCode"] = certificate.GetProperty("code").GetString()!;
        b.Ids["certificateNumber"] = Uri.EscapeDataString(certificate.GetProperty("number").GetString()!);

        // A second course read to the end with an attempt open.
        const string second = "pengaduan-sp4n-lapor";
        var open = await Json(await learner.PostAsJsonAsync("/api/v1/enrolments", new { course = second }));
        b.Ids["openEnrolment"] = open.GetProperty("id").GetString()!;
        var secondOutline = await Json(await learner.GetAsync($"/api/v1/courses/{second}"));
        foreach (var lesson in secondOutline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
            await Json(await learner.PostAsJsonAsync($"/api/v1/enrolments/{b["openEnrolment"]}/lessons/{lesson.GetProperty("key").GetString()}/complete", new { seconds = 60 }));
        b.Ids["openAttempt"] = (await Json(await learner.PostAsync($"/api/v1/enrolments/{b["openEnrolment"]}/attempts", null))).GetProperty("id").GetString()!;

        // B's own path, waiting for B's supervisor.
        var onPath = await Json(await learner.PostAsJsonAsync("/api/v1/enrolments", new { path = OwnPath }));
        b.Ids["waitingInstance"] = onPath.GetProperty("pathInstanceId").GetString()!;
        b.Ids["approval"] = (await Json(await supervisor.GetAsync("/api/v1/approvals"))).EnumerateArray()
            .Single(a => a.GetProperty("pathInstanceId").GetString() == b["waitingInstance"]).GetProperty("id").GetString()!;

        // A class of B's, with B's learner registered.
        var classId = await app.InTenant(Key, async sp =>
        {
            var db = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var cls = new Learning.Classes.Class(null, "Kelas Salatiga", 6m, 10, Learning.Classes.Contracts.ClassApprovals.None, now.AddDays(7), Guid.Empty, now);
            db.Add(cls);
            await db.SaveChangesAsync();
            return cls.Id;
        });
        b.Ids["class"] = classId.ToString();
        b.Ids["classRegistration"] = (await Json(await learner.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }))).GetProperty("id").GetString()!;

        // An assignment from B's supervisor, and B's learner asking for more time.
        var due = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(20);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = "literasi-keamanan-digital", employees = new[] { Learner, SharedNip }, dueDate = due }));
        b.Ids["assignment"] = (await Json(await learner.GetAsync("/api/v1/me/assignments"))).EnumerateArray()
            .Single(a => a.GetProperty("course").GetString() == "literasi-keamanan-digital").GetProperty("id").GetString()!;
        await Json(await learner.PostAsJsonAsync($"/api/v1/me/assignments/{b["assignment"]}/extension", new { reason = "Dinas luar kota Salatiga", dueDate = due.AddDays(14) }));
        b.Ids["extension"] = (await Json(await supervisor.GetAsync("/api/v1/assignments/extensions"))).EnumerateArray()
            .Single(e => e.GetProperty("nip").GetString() == Learner).GetProperty("id").GetString()!;

        // A training taken elsewhere, with its proof.
        var form = new MultipartFormDataContent
        {
            { new StringContent("Diklat Pelayanan Prima Salatiga"), "title" }, { new StringContent("BPSDM Provinsi"), "organiser" },
            { new StringContent("Diklat Teknis"), "jenisDiklat" }, { new StringContent("Klasikal"), "jenisKursus" },
            { new StringContent("2026-03-02"), "startOn" }, { new StringContent("2026-03-04"), "endOn" }, { new StringContent("6"), "jp" },
            { new StringContent("SLTG/2026/77"), "certificateNumber" },
        };
        var proof = new ByteArrayContent("%PDF-1.4\n%bukti salatiga\n"u8.ToArray());
        proof.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(proof, "proof", "sertifikat.pdf");
        b.Ids["training"] = (await Json(await learner.PostAsync("/api/v1/me/career-record/trainings", form))).GetProperty("id").GetString()!;

        // A self-assessment waiting for B's supervisor.
        var sheet = await Json(await learner.GetAsync("/api/v1/me/competency-assessments"));
        var ratings = sheet.GetProperty("competencies").EnumerateArray().Select(c => new { code = c.GetProperty("code").GetString(), level = 2 }).ToArray();
        b.Ids["competencyAssessment"] = (await Json(await learner.PostAsJsonAsync("/api/v1/me/competency-assessments", new { ratings }))).GetProperty("id").GetString()!;

        // The browser where the learner turned push on.
        using (var browser = new PushReceiver())
        {
            b.Ids["pushEndpoint"] = "https://push.invalid/salatiga/" + Guid.NewGuid().ToString("N");
            await Json(await learner.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(b["pushEndpoint"])));
        }

        // One of the learner's notices.
        b.Ids["notification"] = (await Json(await learner.GetAsync("/api/v1/notifications"))).GetProperty("items")[0].GetProperty("id").GetString()!;

        // A picture B's coordinator uploaded (a name only B has).
        var upload = new MultipartFormDataContent();
        var png = new ByteArrayContent(Png);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Add(png, "file", "peta-salatiga.png");
        b.Ids["upload"] = (await Json(await coordinator.PostAsync("/api/v1/media", upload))).GetProperty("name").GetString()!;

        // A class running now, its learner registered and its coordinator teaching (rows written as registering would).
        var now = app.Clock.GetUtcNow().UtcDateTime;
        b.Ids["class"] = (await app.InTenant(Key, sp => Classes.ClassRows.Insert(sp, "Diklat Pelayanan Prima Salatiga",
            [(now.AddMinutes(-10), now.AddHours(2))], [Coordinator], [(Learner, Learning.Classes.Contracts.RegistrationStatuses.Registered)]))).ClassId.ToString();
        await Json(await learner.PostAsJsonAsync($"/api/v1/classes/{b["class"]}/evaluation", new
        {
            answers = new Dictionary<string, object> { ["materi"] = 5, ["pengajar"] = 5, ["tempat"] = 4, ["manfaat"] = 5, ["komentar"] = "Kelas Salatiga bagus" },
        }));

        // Blob names of B's certificate PDF and training proof, and every id of every kind of B's rows.
        await app.InTenant(Key, async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            b.Ids["certificatePdf"] = await Scalar(db, "Certificate", "PdfBlobName", "");
            b.Ids["proof"] = await Scalar(db, "Training", "DocumentBlobName", "career-records/proofs/");
            foreach (var type in db.Model.GetEntityTypes().Where(t => Learning.Kernel.Tenancy.IsTenantOwned(t) && t.ClrType != typeof(Dictionary<string, object>)))
            {
                if (type.FindPrimaryKey() is not { Properties: [{ ClrType: var keyType } key] } || keyType != typeof(Guid)) continue;
                var ids = await ((IQueryable<Guid>)typeof(TenantB).GetMethod(nameof(IdsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(type.ClrType).Invoke(null, [db, key.Name])!).ToListAsync();
                if (ids.Count > 0) b.Rows[type.ClrType.Name] = ids.Select(i => i.ToString()).ToList();
            }
        });
        // A class B's learner is registered in, and the learner's calendar feed.
        await app.InTenant(Key, async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var learnerId = (await sp.GetRequiredService<Learning.Organisation.Contracts.IOrganisationDirectory>().FindEmployeeByNip(Learner))!.Id;
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var c = new Learning.Classes.Class(null, "Kelas Salatiga", 3, 20, "none", now.AddDays(10), Guid.NewGuid(), now);
            c.Sessions.Add(new Learning.Classes.ClassSession(c.Id, 1, now.AddDays(12), now.AddDays(12).AddHours(3), "Aula Salatiga", null, new byte[32]));
            c.TakePlace(now);
            var registration = new Learning.Classes.ClassRegistration(c.Id, learnerId, learnerId, now);
            registration.Register(null, now);
            db.AddRange(c, registration);
            await db.SaveChangesAsync();
            b.Ids["class"] = c.Id.ToString();
            b.Ids["calendarToken"] = await sp.GetRequiredService<Learning.Classes.CalendarFeeds>().Renew(learnerId, CancellationToken.None);
        });
        return b;
    }

    private static IQueryable<Guid> IdsOf<T>(LearningDbContext db, string key) where T : class =>
        db.Set<T>().Select(e => EF.Property<Guid>(e, key)).Take(50);

    /// <summary>The one value of a string column starting with the prefix, of an entity (found by its CLR name) in B.</summary>
    private static async Task<string> Scalar(LearningDbContext db, string entity, string property, string prefix)
    {
        var type = db.Model.GetEntityTypes().Single(t => t.ClrType.Name == entity);
        var values = await ((IQueryable<string>)typeof(TenantB).GetMethod(nameof(ValuesOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db, property])!).ToListAsync();
        return values.Single(v => !string.IsNullOrEmpty(v) && v.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static IQueryable<string> ValuesOf<T>(LearningDbContext db, string property) where T : class =>
        db.Set<T>().Select(e => EF.Property<string>(e, property));

    /// <summary>Starts an attempt and submits every answer right (the answer key read inside B); returns the attempt's id.</summary>
    private static async Task<string> PassAssessment(LearningApp app, HttpClient api, string enrolmentId, string course)
    {
        var key = await app.InTenant(Key, async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(course))!);
        var attempt = await Json(await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/attempts", null));
        var byId = key.Answers.ToDictionary(a => a.QuestionId);
        var answers = new JsonObject();
        foreach (var q in attempt.GetProperty("questions").EnumerateArray())
        {
            var a = byId[q.GetProperty("id").GetString()!];
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture))!).ToArray()),
            };
        }
        var id = attempt.GetProperty("id").GetString()!;
        var result = await Json(await api.PostAsJsonAsync($"/api/v1/attempts/{id}/submit", new JsonObject { ["answers"] = answers }));
        Assert.True(result.GetProperty("passed").GetBoolean());
        return id;
    }

    /// <summary>The repository's content, plus a course and a path of Salatiga's own (copies under other names).</summary>
    private static string OwnContent(LearningApp app)
    {
        var source = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[Learning.Web.Hosting.ContentFolder.Key] ?? throw new InvalidOperationException("Content:Root is not set.");
        var folder = Directory.CreateTempSubdirectory("learning-salatiga-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var own = Path.Combine(folder, "courses", OwnCourse);
        Directory.CreateDirectory(own);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, "courses", "spbe-dasar")))
            File.Copy(file, Path.Combine(own, Path.GetFileName(file)));
        var yml = Path.Combine(own, "course.yml");
        File.WriteAllText(yml, File.ReadAllText(yml).Replace("Dasar-Dasar SPBE untuk ASN Kota", "Orientasi ASN Kota Salatiga"));
        var path = File.ReadAllText(Path.Combine(source, "paths", "sertifikasi-pelayanan-publik.yml"))
            .Replace("key: sertifikasi-pelayanan-publik", $"key: {OwnPath}")
            .Replace("title: Sertifikasi Standar dan Maklumat Pelayanan Publik", "title: Sertifikasi ASN Kota Salatiga");
        File.WriteAllText(Path.Combine(folder, "paths", OwnPath + ".yml"), path);
        return folder;
    }

    public static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{r.RequestMessage!.Method} {r.RequestMessage!.RequestUri}: {(int)r.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
