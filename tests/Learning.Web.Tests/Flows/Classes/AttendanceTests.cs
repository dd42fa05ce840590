using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Audit;
using Learning.Audit.Contracts;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// Issue 18, attendance: the trainer shows a code that changes every minute, a registered learner checks in with it from
/// the phone; wrong, expired and out-of-session codes, people without a place and guessing are refused with a reason; the
/// trainer's roll and its late corrections are logged.
/// </summary>
public sealed partial class AttendanceTests
{
    private const string Agus = "199005172015031001";
    private const string Dewi = "199208082019022003";
    private const string Rizky = "199501012020121004"; // Diskominfo, not registered unless a test says so
    private const string Trainer = "197811202003121002"; // the demo supervisor, the class's trainer here
    private const string Coordinator = "198203152006042001";

    /// <summary>Every attendance event the app raised, in order.</summary>
    private sealed class Events : IDomainEventHandler<AttendanceRecorded>, IDomainEventHandler<AttendanceWithdrawn>
    {
        public ConcurrentQueue<IDomainEvent> Raised { get; } = new();
        public Task Handle(AttendanceRecorded e, CancellationToken ct) { Raised.Enqueue(e); return Task.CompletedTask; }
        public Task Handle(AttendanceWithdrawn e, CancellationToken ct) { Raised.Enqueue(e); return Task.CompletedTask; }
    }

    private static (LearningApp App, Events Events) NewApp(Db db = Db.Sqlite)
    {
        var events = new Events();
        var app = new LearningApp(db, configureServices: s =>
        {
            s.AddSingleton<IDomainEventHandler<AttendanceRecorded>>(events);
            s.AddSingleton<IDomainEventHandler<AttendanceWithdrawn>>(events);
        });
        return (app, events);
    }

    private static DateTime Now(LearningApp app) => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A class whose first session started ten minutes ago (ends in 80), the second tomorrow.</summary>
    private static Task<ClassRows.Inserted> Running(LearningApp app, params (string Nip, string Status)[] people) =>
        app.WithScope(sp => ClassRows.Insert(sp, "Standar Pelayanan Publik (klasikal)",
            [(Now(app).AddMinutes(-10), Now(app).AddMinutes(80)), (Now(app).AddDays(1), Now(app).AddDays(1).AddHours(3))],
            [Trainer], people.Length > 0 ? people : [(Agus, RegistrationStatuses.Registered), (Dewi, RegistrationStatuses.Registered)]));

    private static async Task<(string Code, DateTimeOffset ExpiresAt, JsonElement Body)> Code(HttpClient client, Guid classId, int session = 1)
    {
        var response = await client.GetAsync($"/api/v1/classes/{classId}/sessions/{session}/check-in");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        return (body.GetProperty("code").GetString()!, body.GetProperty("expiresAt").GetDateTimeOffset(), body);
    }

    private static Task<HttpResponseMessage> CheckIn(HttpClient client, Guid classId, string? code) =>
        client.PostAsJsonAsync($"/api/v1/classes/{classId}/attendance", new { code });

    private static async Task<string> Refusal(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("title").GetString()!;
    }

    private static Task<List<Attendance>> Rows(LearningApp app, Guid classId) =>
        app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Attendance>().AsNoTracking().Where(a => a.ClassId == classId).ToListAsync());

    private static Task<Guid> EmployeeId(LearningApp app, string nip) =>
        app.WithScope(async sp => (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip))!.Id);

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_check_in_a_registered_learner_with_the_code_the_trainer_shows(Db db)
    {
        var (app, events) = NewApp(db);
        await using var _ = app;
        var c = await Running(app);
        var trainer = await app.ApiAs(Trainer);
        var (code, expiresAt, body) = await Code(trainer, c.ClassId);

        Assert.Matches("^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$", code);
        Assert.Equal(TimeSpan.FromHours(7), expiresAt.Offset); // the city's offset (WIB)
        Assert.Contains("+07:00", body.GetProperty("expiresAt").GetString());
        Assert.InRange(expiresAt - app.Clock.GetUtcNow(), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
        Assert.Equal(0, body.GetProperty("present").GetInt32());
        Assert.Equal(2, body.GetProperty("registered").GetInt32());

        var agus = await app.ApiAs(Agus);
        // Typed on a phone: small letters and a space are the same code.
        Assert.Equal(HttpStatusCode.NoContent, (await CheckIn(agus, c.ClassId, code[..3].ToLowerInvariant() + " " + code[3..])).StatusCode);
        var row = Assert.Single(await Rows(app, c.ClassId));
        Assert.Equal(c.SessionIds[0], row.SessionId);
        Assert.Equal(await EmployeeId(app, Agus), row.EmployeeId);
        Assert.Equal(AttendanceMethods.Code, row.Method);
        var recorded = Assert.IsType<AttendanceRecorded>(Assert.Single(events.Raised));
        Assert.Equal((c.ClassId, c.SessionIds[0], row.EmployeeId, AttendanceMethods.Code), (recorded.ClassId, recorded.SessionId, recorded.EmployeeId, recorded.Method));

        // Scanning again changes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await CheckIn(agus, c.ClassId, code)).StatusCode);
        Assert.Single(await Rows(app, c.ClassId));
        Assert.Single(events.Raised);
        Assert.Equal(1, (await Code(trainer, c.ClassId)).Body.GetProperty("present").GetInt32());
    }

    [Fact]
    public async Task Should_refuse_wrong_expired_and_out_of_session_codes_with_the_reason()
    {
        var (app, _) = NewApp();
        await using var _ = app;
        var c = await Running(app);
        var trainer = await app.ApiAs(Trainer);
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);
        app.Clock.Set(new DateTimeOffset(Now(app).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute + TimeSpan.TicksPerSecond * 59, TimeSpan.Zero));
        var (code, _, _) = await Code(trainer, c.ClassId);

        var wrong = code == "AAAAAA" ? "BBBBBB" : "AAAAAA";
        Assert.Contains("Kode presensi salah", await Refusal(await CheckIn(agus, c.ClassId, wrong), HttpStatusCode.BadRequest));
        Assert.Contains("Masukkan kode presensi", await Refusal(await CheckIn(agus, c.ClassId, "  "), HttpStatusCode.BadRequest));

        // Read at :59, typed a few seconds into the next minute: still taken.
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.NoContent, (await CheckIn(dewi, c.ClassId, code)).StatusCode);

        // Two minutes on, the same code has expired.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("kedaluwarsa", await Refusal(await CheckIn(agus, c.ClassId, code), HttpStatusCode.BadRequest));
        Assert.Single(await Rows(app, c.ClassId));

        // The second session is tomorrow: today's code of session 2 is not open, and after the first ends nothing runs.
        var (second, _, _) = await Code(trainer, c.ClassId, 2);
        Assert.Contains("Kode ini untuk sesi 2, yang tidak sedang berlangsung", await Refusal(await CheckIn(agus, c.ClassId, second), HttpStatusCode.BadRequest));
        app.Clock.Advance(TimeSpan.FromMinutes(90));
        var (late, _, _) = await Code(trainer, c.ClassId);
        Assert.Contains("Tidak ada sesi kelas ini yang sedang berlangsung", await Refusal(await CheckIn(agus, c.ClassId, late), HttpStatusCode.BadRequest));

        // Half an hour before the second session it opens.
        app.Clock.Set(new DateTimeOffset(DateTime.SpecifyKind(await SessionStart(app, c.SessionIds[1]), DateTimeKind.Utc)) - TimeSpan.FromMinutes(29));
        trainer = await app.ApiAs(Trainer); // the tokens of yesterday have run out
        agus = await app.ApiAs(Agus);
        var (early, _, _) = await Code(trainer, c.ClassId, 2);
        Assert.Equal(HttpStatusCode.NoContent, (await CheckIn(agus, c.ClassId, early)).StatusCode);
        Assert.Contains(await Rows(app, c.ClassId), a => a.SessionId == c.SessionIds[1]);
    }

    private static Task<DateTime> SessionStart(LearningApp app, Guid sessionId) =>
        app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassSession>().Where(s => s.Id == sessionId).Select(s => s.StartsAt).SingleAsync());

    [Fact]
    public async Task Should_refuse_people_without_a_place_each_with_its_own_reason()
    {
        var (app, _) = NewApp();
        await using var _ = app;
        var c = await Running(app, (Agus, RegistrationStatuses.Waitlisted), (Dewi, RegistrationStatuses.PendingApproval),
            (Rizky, RegistrationStatuses.Cancelled));
        var (code, _, _) = await Code(await app.ApiAs(Trainer), c.ClassId);

        Assert.Contains("daftar tunggu", await Refusal(await CheckIn(await app.ApiAs(Agus), c.ClassId, code), HttpStatusCode.BadRequest));
        Assert.Contains("menunggu persetujuan atasan", await Refusal(await CheckIn(await app.ApiAs(Dewi), c.ClassId, code), HttpStatusCode.BadRequest));
        Assert.Contains("tidak terdaftar", await Refusal(await CheckIn(await app.ApiAs(Rizky), c.ClassId, code), HttpStatusCode.BadRequest));
        Assert.Contains("tidak terdaftar", await Refusal(await CheckIn(await app.ApiAs(Coordinator), c.ClassId, code), HttpStatusCode.BadRequest));
        Assert.Empty(await Rows(app, c.ClassId));
        // A class that is not there, or no class at all.
        await Refusal(await CheckIn(await app.ApiAs(Agus), Guid.NewGuid(), code), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_show_the_code_only_to_trainers_coordinators_and_administrators()
    {
        var (app, _) = NewApp();
        await using var _ = app;
        var c = await Running(app);
        foreach (var learner in new[] { Agus, Rizky })
            Assert.Contains("Hanya pelatih", await Refusal(await (await app.ApiAs(learner)).GetAsync($"/api/v1/classes/{c.ClassId}/sessions/1/check-in"), HttpStatusCode.Forbidden));
        foreach (var staff in new[] { Trainer, Coordinator, "admin" })
            await Code(await app.ApiAs(staff), c.ClassId);
        await Refusal(await (await app.ApiAs(Trainer)).GetAsync($"/api/v1/classes/{c.ClassId}/sessions/3/check-in"), HttpStatusCode.NotFound);

        // The screen: the code, a QR code to the learner's page with it, the count; learners are turned away.
        var screen = await app.PagesAs(Trainer);
        var html = await screen.GetStringAsync($"/classes/{c.ClassId}/sessions/1/check-in");
        var (code, _, _) = await Code(await app.ApiAs(Trainer), c.ClassId);
        Assert.Contains($">{code}<", html);
        Assert.Contains("<svg", html);
        Assert.Contains($"Kode QR menuju halaman presensi dengan kode {code}", html);
        Assert.Contains("0 dari 2 hadir", html);
        Assert.Contains("class-check-in.js", html);
        Assert.Matches("<noscript><meta http-equiv=\"refresh\" content=\"\\d+\"></noscript>", html);
        Assert.DoesNotContain("<script>", html);
        var forbidden = await (await app.PagesAs(Agus)).GetAsync($"/classes/{c.ClassId}/sessions/1/check-in");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Contains("/forbidden", forbidden.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Should_check_in_from_the_phone_page_with_the_code_from_the_qr_link()
    {
        var (app, _) = NewApp();
        await using var _ = app;
        var c = await Running(app);
        var (code, _, _) = await Code(await app.ApiAs(Trainer), c.ClassId);
        var phone = await app.PagesAs(Agus);
        var page = await phone.GetStringAsync($"/classes/{c.ClassId}/check-in?kode={code}");
        Assert.Contains($"value=\"{code}\"", page);
        Assert.Contains("<label for=\"check-in-kode\">Kode presensi</label>", page);

        var wrong = await phone.PostAsync($"/classes/{c.ClassId}/check-in", await Form(phone, $"/classes/{c.ClassId}/check-in", ("kode", "ZZZZZZ" == code ? "YYYYYY" : "ZZZZZZ")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Kode presensi salah", await wrong.Content.ReadAsStringAsync());

        var done = await phone.PostAsync($"/classes/{c.ClassId}/check-in", await Form(phone, $"/classes/{c.ClassId}/check-in", ("kode", code)));
        var html = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("kehadiran Anda di sesi 1 sudah tercatat pukul", html);
        Assert.Contains("WIB", html);
        Assert.Single(await Rows(app, c.ClassId));
    }

    [Fact]
    public async Task Should_limit_wrong_codes_per_person()
    {
        var (app, _) = NewApp();
        await using var _ = app;
        var c = await Running(app);
        app.Clock.Set(new DateTimeOffset(Now(app).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute + TimeSpan.TicksPerSecond, TimeSpan.Zero));
        var (code, _, _) = await Code(await app.ApiAs(Trainer), c.ClassId);
        var agus = await app.ApiAs(Agus);
        var wrongs = new[] { "AAAAAA", "BBBBBB" }.First(w => w != code);
        for (var i = 0; i < 10; i++) await Refusal(await CheckIn(agus, c.ClassId, wrongs), HttpStatusCode.BadRequest);
        Assert.Contains("Terlalu banyak kode salah", await Refusal(await CheckIn(agus, c.ClassId, code), HttpStatusCode.TooManyRequests));
        // Someone else is not held up by Agus's guesses; Agus may try again the next minute.
        Assert.Equal(HttpStatusCode.NoContent, (await CheckIn(await app.ApiAs(Dewi), c.ClassId, code)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NoContent, (await CheckIn(agus, c.ClassId, code)).StatusCode);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_keep_one_row_when_the_same_person_checks_in_many_times_at_once(Db db)
    {
        var (app, _) = NewApp(db);
        await using var _ = app;
        var c = await Running(app);
        var (code, _, _) = await Code(await app.ApiAs(Trainer), c.ClassId);
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => CheckIn(i % 2 == 0 ? agus : dewi, c.ClassId, code)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        var rows = await Rows(app, c.ClassId);
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows.Select(r => r.EmployeeId).Distinct().Count());
    }

    [Fact]
    public async Task Should_keep_the_roll_and_log_late_corrections_with_who_when_and_why()
    {
        var (app, events) = NewApp();
        await using var _ = app;
        var c = await Running(app, (Agus, RegistrationStatuses.Registered), (Dewi, RegistrationStatuses.Registered), (Rizky, RegistrationStatuses.Registered));
        var (code, _, _) = await Code(await app.ApiAs(Trainer), c.ClassId);
        Assert.Equal(HttpStatusCode.NoContent, (await CheckIn(await app.ApiAs(Agus), c.ClassId, code)).StatusCode);
        var agus = await EmployeeId(app, Agus);
        var dewi = await EmployeeId(app, Dewi);
        var rizky = await EmployeeId(app, Rizky);

        var trainer = await app.PagesAs(Trainer);
        var url = $"/classes/{c.ClassId}/sessions/1/roll";
        var page = await trainer.GetStringAsync(url);
        Assert.Contains("Agus Prasetyo", page);
        Assert.Contains("Dewi Lestari", page);
        Assert.Contains("presensi dengan kode", page);
        Assert.Contains("1 dari 3 hadir", page);
        var learnerTries = await (await app.PagesAs(Agus)).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, learnerTries.StatusCode);
        Assert.Contains("/forbidden", learnerTries.Headers.Location!.ToString());

        // During the session: Dewi ticked, no reason needed, no correction logged.
        var saved = await trainer.PostAsync(url, await Form(trainer, url, ("Shown", agus.ToString()), ("Present", agus.ToString()), ("Present", dewi.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("1 ditandai hadir, 0 ditandai tidak hadir", await trainer.GetStringAsync(saved.Headers.Location!.ToString()));
        var rows = await Rows(app, c.ClassId);
        Assert.Equal(AttendanceMethods.Roll, rows.Single(a => a.EmployeeId == dewi).Method);
        Assert.Equal(AttendanceMethods.Code, rows.Single(a => a.EmployeeId == agus).Method);

        // After the end: a change without a reason is refused, and nothing changes.
        app.Clock.Advance(TimeSpan.FromHours(2));
        var shown = new[] { ("Shown", agus.ToString()), ("Shown", dewi.ToString()) };
        var refused = await trainer.PostAsync(url, await Form(trainer, url, [.. shown, ("Present", agus.ToString())]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("memerlukan alasan koreksi", await refused.Content.ReadAsStringAsync());
        Assert.Equal(2, (await Rows(app, c.ClassId)).Count);

        // With a reason: Dewi taken off, Rizky (who came late, with a letter) added; both logged and shown.
        var corrected = await trainer.PostAsync(url, await Form(trainer, url,
            [.. shown, ("Present", agus.ToString()), ("Present", rizky.ToString()), ("Reason", "Dewi pulang sebelum istirahat; Rizky hadir dengan surat tugas")]));
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        rows = await Rows(app, c.ClassId);
        Assert.Equal(new[] { agus, rizky }.Order(), rows.Select(a => a.EmployeeId).Order());
        Assert.Equal(AttendanceMethods.Correction, rows.Single(a => a.EmployeeId == rizky).Method);
        var log = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<AttendanceCorrection>().AsNoTracking().ToListAsync());
        Assert.Equal(2, log.Count);
        var trainerId = await EmployeeId(app, Trainer);
        Assert.All(log, l => { Assert.Equal(trainerId, l.ByEmployeeId); Assert.Equal(Now(app), l.At); Assert.StartsWith("Dewi pulang", l.Reason); });
        Assert.False(log.Single(l => l.EmployeeId == dewi).Present);
        Assert.True(log.Single(l => l.EmployeeId == rizky).Present);
        var withdrawn = Assert.IsType<AttendanceWithdrawn>(events.Raised.Last(e => e is AttendanceWithdrawn));
        Assert.Equal((c.SessionIds[0], dewi), (withdrawn.SessionId, withdrawn.EmployeeId));
        Assert.Contains(events.Raised, e => e is AttendanceRecorded { Method: AttendanceMethods.Correction } x && x.EmployeeId == rizky);

        var after = await trainer.GetStringAsync(url);
        var table = TableOf(after);
        Assert.Contains("Dewi Lestari (199208082019022003)", table);
        Assert.Contains("ditandai tidak hadir", table);
        Assert.Contains("Rizky", table);
        Assert.Contains("Bambang Setiawan (197811202003121002)", table); // the trainer who corrected, by name
        Assert.Contains("surat tugas", table);
        Assert.Contains("WIB", table);

        var audit = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Action == AuditActions.AttendanceCorrected).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, a => a.Subject == "Dewi Lestari (199208082019022003)" && a.Detail!.Contains("surat tugas"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_keep_both_ticks_when_two_trainers_save_the_roll_at_once(Db db)
    {
        var (app, _) = NewApp(db);
        await using var _ = app;
        var c = await Running(app, (Agus, RegistrationStatuses.Registered), (Dewi, RegistrationStatuses.Registered), (Rizky, RegistrationStatuses.Registered));
        var url = $"/classes/{c.ClassId}/sessions/1/roll";
        var one = await app.PagesAs(Trainer);
        var two = await app.PagesAs(Coordinator);
        var ids = new[] { await EmployeeId(app, Agus), await EmployeeId(app, Dewi), await EmployeeId(app, Rizky) };
        // Both opened the roll empty; one ticks Agus and Dewi, the other Dewi and Rizky, and they save together.
        var forms = new[]
        {
            await Form(one, url, ("Present", ids[0].ToString()), ("Present", ids[1].ToString())),
            await Form(two, url, ("Present", ids[1].ToString()), ("Present", ids[2].ToString())),
        };
        var answers = await Task.WhenAll(one.PostAsync(url, forms[0]), two.PostAsync(url, forms[1]));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var rows = await Rows(app, c.ClassId);
        Assert.Equal(ids.Order(), rows.Select(r => r.EmployeeId).Order());
    }

    [Fact]
    public async Task Should_answer_404_for_another_tenants_class()
    {
        var (app, _) = NewApp();
        await using var _ = app;
        await app.AddTenant("kota-lain", "Kota Lain", "kota-lain.test");
        // The class lives in the other city; its trainer there is not needed to show that Semarang cannot reach it.
        var other = await app.InTenant("kota-lain", sp => ClassRows.Insert(sp, "Kelas kota lain",
            [(Now(app).AddMinutes(-5), Now(app).AddMinutes(60))], [], []));
        const string code = "K7M2QX";
        await Refusal(await CheckIn(await app.ApiAs(Agus), other.ClassId, code), HttpStatusCode.NotFound);
        foreach (var who in new[] { Coordinator, "admin" })
            await Refusal(await (await app.ApiAs(who)).GetAsync($"/api/v1/classes/{other.ClassId}/sessions/1/check-in"), HttpStatusCode.NotFound);
        var pages = await app.PagesAs(Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"/classes/{other.ClassId}/sessions/1/check-in")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"/classes/{other.ClassId}/sessions/1/roll")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.PagesAs(Agus)).GetAsync($"/classes/{other.ClassId}/check-in")).StatusCode);
    }

    private static string TableOf(string html)
    {
        var m = Regex.Match(html, "<table id=\"roll-corrections\">.*?</table>", RegexOptions.Singleline);
        Assert.True(m.Success, "no correction table on the roll page");
        return m.Value;
    }

    /// <summary>Form fields (repeated names allowed) with the page's antiforgery token.</summary>
    private static async Task<FormUrlEncodedContent> Form(HttpClient client, string page, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"no antiforgery token on {page}");
        return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token.Groups[1].Value)));
    }
}
