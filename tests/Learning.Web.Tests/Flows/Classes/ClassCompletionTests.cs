using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.CareerRecords;
using Learning.Certification;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// Issue 18, completion: a class's rules met end its path in a certificate and a Klasikal career-record line — a stand-alone class
/// too, with its own title, days, JP and competencies; a class of a course is reassessed as the course's own path is; and a
/// trainer's roll correction that takes an attendance away sends a path back to the class before the certificate, never after.
/// Everything here goes through the API and pages a coordinator, trainer and learner use (check-in codes, the roll, the form).
/// </summary>
public sealed partial class ClassCompletionTests
{
    private const string Coordinator = ClassDriver.Coordinator;
    private const string Agus = ClassDriver.Agus;
    private const string Course = "spbe-dasar"; // 36 months, a 90-day window, renewed from the pass

    [Fact]
    public async Task Should_certify_a_stand_alone_class_with_its_title_days_jp_and_competencies_on_the_career_record()
    {
        await using var app = new LearningApp();
        var coordinator = await app.ApiAs(Coordinator);
        var body = ClassDriver.Body(app, "Pelatihan Penanganan Pengaduan Tatap Muka", b =>
        {
            b["jp"] = 8;
            b["competencies"] = new List<Dictionary<string, object?>> { new() { ["code"] = "pelayanan-publik", ["level"] = 3 } };
        });
        var classId = Guid.Parse(await ClassDriver.Create(coordinator, body));
        var agus = await app.ApiAs(Agus);
        var before = (await ClassDriver.Json(await agus.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK)).GetProperty("jp").GetProperty("total").GetDecimal();
        var mine = await ClassDriver.Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("registered", mine.GetProperty("status").GetString());

        // Two sessions, checked in with the code the trainer shows, then the reaction form (the class requires it).
        await CheckIn(app, classId, 1, Agus);
        await CheckIn(app, classId, 2, Agus);
        agus = await app.ApiAs(Agus);
        Assert.Empty((await ClassDriver.Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        var form = await ClassDriver.Json(await agus.GetAsync($"/api/v1/classes/{classId}/evaluation"), HttpStatusCode.OK);
        var answers = form.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!,
            q => q.GetProperty("type").GetString() == "scale" ? (object)4 : "Contoh kasus pengaduan sangat membantu");
        Assert.Equal(HttpStatusCode.NoContent, (await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", new { answers })).StatusCode);

        // The certificate: the class's own title and JP, listed for the learner.
        var certificate = Assert.Single((await ClassDriver.Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("Pelatihan Penanganan Pengaduan Tatap Muka", certificate.GetProperty("course").GetString());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, certificate.GetProperty("validUntil").ValueKind); // nothing to reassess it with
        var number = certificate.GetProperty("number").GetString()!;
        var code = certificate.GetProperty("code").GetString()!;
        var (firstDay, lastDay) = await Days(app, classId);

        // Its PDF names the class's days.
        var pdf = string.Join(' ', PdfText.Extract(await agus.GetByteArrayAsync($"/certificates/{code}/pdf")).Split('\n'));
        Assert.Contains("Pelatihan Penanganan Pengaduan Tatap Muka", pdf);
        Assert.Contains($"Pelatihan klasikal, {CertificatePdf.IndonesianDays(firstDay, lastDay)}", pdf);
        Assert.Contains("8 JP", pdf);
        // The public verification page: the class named once (it is its own title) and its days.
        var verify = System.Net.WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/certificates/verify/{code}"));
        Assert.Single(Regex.Matches(verify, "Pelatihan Penanganan Pengaduan Tatap Muka</dd>"));
        Assert.Contains($"Pelatihan klasikal, {ClassDays.Range(firstDay, lastDay, new CultureInfo("id-ID"))}", verify);

        // The career record: the class's title, its JP this year, classical training, dated by its days; the competency held.
        var record = await ClassDriver.Json(await agus.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK);
        var training = record.GetProperty("trainings").EnumerateArray().Single(t => t.GetProperty("certificateNumber").GetString() == number);
        Assert.Equal(("Pelatihan Penanganan Pengaduan Tatap Muka", 8m, "Diklat Teknis", "Klasikal"),
            (training.GetProperty("title").GetString(), training.GetProperty("jp").GetDecimal(),
             training.GetProperty("jenisDiklat").GetString(), training.GetProperty("jenisKursus").GetString()));
        Assert.Equal((Day(firstDay), Day(lastDay)), (training.GetProperty("startOn").GetString(), training.GetProperty("endOn").GetString()));
        Assert.Equal(before + 8m, record.GetProperty("jp").GetProperty("total").GetDecimal());
        var competency = record.GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "pelayanan-publik");
        Assert.Equal((3, number), (competency.GetProperty("level").GetInt32(), competency.GetProperty("certificateNumber").GetString()));

        // SIASN's export: both kinds are values SIASN knows.
        var export = await (await app.ApiAs(Coordinator)).GetFromJsonAsync<JsonElement>("/api/v1/career-records/export?format=json&unit=PEMKOT-SMG");
        var row = export.EnumerateArray().Single(r => r.GetProperty("nomorSertipikat").GetString() == number);
        Assert.Contains(row.GetProperty("jenisDiklat").GetString(), TrainingKinds.JenisDiklat);
        Assert.Equal("Klasikal", row.GetProperty("jenisKursus").GetString());
        Assert.Contains("Klasikal", TrainingKinds.JenisKursus);

        // The path ran to its end: a stand-alone class has no reassessment.
        var registration = (await RegistrationDriver.Registrations(app, classId)).Single();
        Assert.Equal(RegistrationStatuses.Completed, registration.Status);
        var path = await ClassDriver.Json(await agus.GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("completed", path.GetProperty("status").GetString());
        Assert.Contains(path.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "certificate-issued"
            && h.GetProperty("detail").GetString() == number);
    }

    [Fact]
    public async Task Should_refuse_to_start_with_a_class_training_kind_SIASN_does_not_know()
    {
        await using var app = new LearningApp(settings: new Dictionary<string, string?> { ["CareerRecords:ClassJenisKursus"] = "Tatap Muka" });
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.ApiAs(Agus));
        Assert.Contains("ClassJenisKursus", failure.ToString());
    }

    [Fact]
    public async Task Should_reopen_the_post_test_of_a_class_certificate_when_the_scheduler_finds_its_reassessment_due()
    {
        await using var app = new LearningApp();
        var classId = await RegistrationDriver.AddClass(app, capacity: 5, course: Course, sessions: 2, jp: 16m);
        var agus = await app.ApiAs(Agus);
        await ClassDriver.Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        await CheckIn(app, classId, 1, Agus);
        await CheckIn(app, classId, 2, Agus);
        agus = await app.ApiAs(Agus);
        var certificate = Assert.Single((await ClassDriver.Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        var validUntil = DateOnly.Parse(certificate.GetProperty("validUntil").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, app.Clock.LocalTimeZone)).AddMonths(36), validUntil);
        var registration = (await RegistrationDriver.Registrations(app, classId)).Single();
        var path = await ClassDriver.Json(await agus.GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal(("waiting", "asesmen-ulang", false), (path.GetProperty("status").GetString(), path.GetProperty("currentStep").GetString(),
            path.GetProperty("reassessmentOpen").GetBoolean()));

        // Before the window (90 days) the daily sweep leaves it alone; inside it, it opens the round on the class's enrolment.
        var early = new DateTimeOffset(validUntil.AddDays(-120).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
        app.Clock.Set(early);
        Assert.Equal(0, await Sweep(app, early));
        agus = await app.ApiAs(Agus);
        Assert.Equal("valid", Assert.Single((await agus.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray()).GetProperty("status").GetString());
        var due = new DateTimeOffset(validUntil.AddDays(-30).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
        app.Clock.Set(due);
        Assert.Equal(0, await Sweep(app, due));
        agus = await app.ApiAs(Agus);
        Assert.Equal("reassessment-due", Assert.Single((await agus.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray()).GetProperty("status").GetString());
        path = await ClassDriver.Json(await agus.GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.True(path.GetProperty("reassessmentOpen").GetBoolean());
        Assert.Equal(1, path.GetProperty("reassessmentRound").GetInt32());
        Assert.Contains(path.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "reassessment-opened");

        // The post-test of the class's enrolment is open again: a pass renews the certificate by the course's rule.
        Assert.True((await AssessmentKey.Submit(app, agus, $"{registration.EnrolmentId}", Course)).GetProperty("passed").GetBoolean());
        var renewed = Assert.Single((await agus.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("valid", renewed.GetProperty("status").GetString());
        Assert.Equal(validUntil.AddDays(-30).AddMonths(36), DateOnly.Parse(renewed.GetProperty("validUntil").GetString()!, CultureInfo.InvariantCulture));
        path = await ClassDriver.Json(await agus.GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.False(path.GetProperty("reassessmentOpen").GetBoolean());
        Assert.Contains(path.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "certificate-renewed");
    }

    [Fact]
    public async Task Should_send_the_path_back_to_the_class_when_a_correction_withdraws_attendance_before_the_certificate_and_keep_it_after()
    {
        await using var app = new LearningApp();
        var classId = await RegistrationDriver.AddClass(app, capacity: 5, course: Course, sessions: 2, postTest: true, jp: 16m);
        var agusId = await RegistrationDriver.EmployeeId(app, Agus);
        var agus = await app.ApiAs(Agus);
        await ClassDriver.Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        var registration = (await RegistrationDriver.Registrations(app, classId)).Single();

        // While attend-class is the step: the trainer unticks Agus during the session; the step checks again and still waits.
        await CheckIn(app, classId, 1, Agus);
        await Roll(app, classId, 1, agusId, present: false);
        var path = await Path(app, registration.PathInstanceId!.Value);
        Assert.Equal("ikuti-kelas", path.GetProperty("currentStep").GetString());
        Assert.Equal(["attendance-withdrawn"], Kinds(path).Where(k => k is "attendance-withdrawn" or "returned-to-class"));
        await CheckIn(app, classId, 1, Agus);
        await CheckIn(app, classId, 2, Agus);
        path = await Path(app, registration.PathInstanceId!.Value);
        Assert.Equal("lulus-post-test", path.GetProperty("currentStep").GetString());
        Assert.Equal(RegistrationStatuses.Completed, (await RegistrationDriver.Registrations(app, classId)).Single().Status);

        // Passed, waiting on the post-test: a late correction takes session 2 away; the path goes back to the class.
        await Roll(app, classId, 2, agusId, present: false, late: true);
        path = await Path(app, registration.PathInstanceId!.Value);
        Assert.Equal(("ikuti-kelas", "waiting"), (path.GetProperty("currentStep").GetString(), path.GetProperty("status").GetString()));
        Assert.Contains(path.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "returned-to-class"
            && h.GetProperty("detail").GetString() == "1/2");
        Assert.Equal(RegistrationStatuses.Registered, (await RegistrationDriver.Registrations(app, classId)).Single().Status);
        // The post-test waits for the class again: nothing is certified meanwhile.
        agus = await app.ApiAs(Agus);
        Assert.Empty((await agus.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());

        // The trainer corrects it back (he was there after all): the class is met again and the post-test comes next.
        await Roll(app, classId, 2, agusId, present: true, late: true);
        path = await Path(app, registration.PathInstanceId!.Value);
        Assert.Equal("lulus-post-test", path.GetProperty("currentStep").GetString());
        Assert.Equal(RegistrationStatuses.Completed, (await RegistrationDriver.Registrations(app, classId)).Single().Status);
        agus = await app.ApiAs(Agus);
        Assert.True((await AssessmentKey.Submit(app, agus, $"{registration.EnrolmentId}", Course)).GetProperty("passed").GetBoolean());
        var certificate = Assert.Single((await agus.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());

        // After the certificate: a withdrawal is noted on the path, and the certificate and its JP stand.
        await Roll(app, classId, 1, agusId, present: false, late: true);
        path = await Path(app, registration.PathInstanceId!.Value);
        Assert.Equal("asesmen-ulang", path.GetProperty("currentStep").GetString());
        Assert.Contains(path.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "certificate-kept"
            && h.GetProperty("detail").GetString() == "1/2");
        Assert.Single(Kinds(path), "returned-to-class");
        agus = await app.ApiAs(Agus);
        var still = Assert.Single((await agus.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal((certificate.GetProperty("number").GetString(), "valid"), (still.GetProperty("number").GetString(), still.GetProperty("status").GetString()));
        var record = await agus.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.Contains(record.GetProperty("trainings").EnumerateArray(), t => t.GetProperty("certificateNumber").GetString() == still.GetProperty("number").GetString()
            && t.GetProperty("status").GetString() == "verified");
        Assert.Equal(RegistrationStatuses.Completed, (await RegistrationDriver.Registrations(app, classId)).Single().Status);

        // The learner reads it on the path's page in their language.
        var page = System.Net.WebUtility.HtmlDecode(await (await app.PagesAs(Agus)).GetStringAsync($"/paths/instances/{registration.PathInstanceId}"));
        Assert.Contains("Kembali ke kelas", page);
        Assert.Contains("sertifikat tetap berlaku", page);
    }

    [Fact]
    public async Task Should_note_a_withdrawal_after_a_stand_alone_class_certificate_on_its_completed_path()
    {
        await using var app = new LearningApp();
        var classId = await RegistrationDriver.AddClass(app, capacity: 5, sessions: 2, jp: 6m, competencies: "komunikasi:2");
        var agusId = await RegistrationDriver.EmployeeId(app, Agus);
        await ClassDriver.Json(await (await app.ApiAs(Agus)).PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        await CheckIn(app, classId, 1, Agus);
        await CheckIn(app, classId, 2, Agus);
        var registration = (await RegistrationDriver.Registrations(app, classId)).Single();
        Assert.Equal("completed", (await Path(app, registration.PathInstanceId!.Value)).GetProperty("status").GetString());

        await Roll(app, classId, 2, agusId, present: false, late: true);
        var path = await Path(app, registration.PathInstanceId!.Value);
        Assert.Equal("completed", path.GetProperty("status").GetString());
        Assert.Contains(path.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "certificate-kept");
        var certificate = Assert.Single((await (await app.ApiAs(Agus)).GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        var competency = (await (await app.ApiAs(Agus)).GetFromJsonAsync<JsonElement>("/api/v1/me/career-record")).GetProperty("competencies")
            .EnumerateArray().Single(c => c.GetProperty("code").GetString() == "komunikasi");
        Assert.Equal(2, competency.GetProperty("level").GetInt32());
    }

    // ------------------------------------------------------------------ what the people do

    /// <summary>The learner checks in at the session with the code the coordinator shows, five minutes after it starts.</summary>
    private static async Task CheckIn(LearningApp app, Guid classId, int number, string nip)
    {
        var session = await Session(app, classId, number);
        var at = session.StartsAt.AddMinutes(5);
        if (app.Clock.GetUtcNow().UtcDateTime < at) app.Clock.Set(new DateTimeOffset(at, TimeSpan.Zero));
        // Tokens are made at the clock's time: new ones after it moved.
        var shown = await ClassDriver.Json(await (await app.ApiAs(Coordinator)).GetAsync($"/api/v1/classes/{classId}/sessions/{number}/check-in"), HttpStatusCode.OK);
        var response = await (await app.ApiAs(nip)).PostAsJsonAsync($"/api/v1/classes/{classId}/attendance", new { code = shown.GetProperty("code").GetString() });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// The coordinator ticks or unticks the person on the session's roll; <paramref name="late"/>: after the session ended, with a
    /// reason (a correction). The person must be shown present to be unticked, as the page shows them.
    /// </summary>
    private static async Task Roll(LearningApp app, Guid classId, int number, Guid employeeId, bool present, bool late = false)
    {
        var session = await Session(app, classId, number);
        if (late && app.Clock.GetUtcNow().UtcDateTime <= session.EndsAt) app.Clock.Set(new DateTimeOffset(session.EndsAt.AddHours(1), TimeSpan.Zero));
        var pages = await app.PagesAs(Coordinator);
        var url = $"/classes/{classId}/sessions/{number}/roll";
        var html = await pages.GetStringAsync(url);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {url}");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token.Groups[1].Value) };
        if (!present) fields.Add(new("Shown", employeeId.ToString()));
        else fields.Add(new("Present", employeeId.ToString()));
        if (late) fields.Add(new("Reason", present ? "Hadir dengan surat tugas" : "Meninggalkan kelas sebelum sesi selesai"));
        var saved = await pages.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static Task<ClassSession> Session(LearningApp app, Guid classId, int number) =>
        app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassSession>().AsNoTracking()
            .FirstAsync(s => s.ClassId == classId && s.Number == number));

    private static async Task<(DateOnly First, DateOnly Last)> Days(LearningApp app, Guid classId)
    {
        var sessions = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassSession>().AsNoTracking()
            .Where(s => s.ClassId == classId && !s.Cancelled).ToListAsync());
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, app.Clock.LocalTimeZone));
        return (Local(sessions.Min(s => s.StartsAt)), Local(sessions.Max(s => s.EndsAt)));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Path(LearningApp app, Guid instanceId) =>
        await ClassDriver.Json(await (await app.ApiAs(Agus)).GetAsync($"/api/v1/path-instances/{instanceId}"), HttpStatusCode.OK);

    private static List<string> Kinds(JsonElement path) =>
        path.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()!).ToList();

    /// <summary>The operator's sweep verb, as the daily job runs it; its exit code.</summary>
    private static Task<int> Sweep(LearningApp app, DateTimeOffset asOf) =>
        Verbs.Run(app.Services, "jobs", ["run", "reassessment-sweep", "--as-of", asOf.ToString("O", CultureInfo.InvariantCulture)]);
}
