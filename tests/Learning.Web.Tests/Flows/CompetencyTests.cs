using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.CareerRecords.Contracts;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.Web.Tests.Flows.CertificationDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>Competency records, position standards, gaps and the self-assessment a supervisor confirms.</summary>
public sealed class CompetencyTests
{
    private const string Supervisor = "197811202003121002";

    /// <summary>Enrols, completes every lesson and passes the assessment over the API, as a learner does.</summary>
    private static async Task PassCourse(LearningApp app, HttpClient api, string slug)
    {
        var outline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{slug}");
        var enrolment = await (await api.PostAsJsonAsync("/api/v1/enrolments", new { course = slug })).Content.ReadFromJsonAsync<JsonElement>();
        var id = enrolment.GetProperty("id").GetString();
        foreach (var module in outline.GetProperty("modules").EnumerateArray())
        foreach (var lesson in module.GetProperty("lessons").EnumerateArray())
            Assert.True((await api.PostAsync($"/api/v1/enrolments/{id}/lessons/{lesson.GetProperty("key").GetString()}/complete", null)).IsSuccessStatusCode);
        var attempt = await (await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(slug))!);
        var answers = new JsonObject();
        foreach (var a in key.Answers)
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString()),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        var result = await (await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", new { answers }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("passed").GetBoolean());
    }

    private static JsonElement Competency(JsonElement record, string code) =>
        record.GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static JsonElement? Gap(JsonElement gaps, string code) =>
        gaps.EnumerateArray().Where(g => g.GetProperty("code").GetString() == code).Cast<JsonElement?>().FirstOrDefault();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_show_the_competency_at_its_level_in_the_career_record_after_passing_a_course(Db db)
    {
        await using var app = new LearningApp(db);
        var api = await app.ApiAs(DiskominfoLearner); // Pranata Komputer: spbe 2 and keamanan-digital 3 required
        var before = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-gaps");
        Assert.Equal(JsonValueKind.Null, Gap(before, "keamanan-digital")!.Value.GetProperty("currentLevel").ValueKind);

        await PassCourse(app, api, "literasi-keamanan-digital"); // awards keamanan-digital 2, pengembangan-diri-dan-orang-lain 1, valid 12 months

        var record = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        var certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        var security = Competency(record, "keamanan-digital");
        Assert.Equal(2, security.GetProperty("level").GetInt32());
        Assert.Equal("active", security.GetProperty("status").GetString());
        Assert.Equal(certificate.GetProperty("validUntil").GetString(), security.GetProperty("validUntil").GetString());
        Assert.Equal(certificate.GetProperty("number").GetString(), security.GetProperty("certificateNumber").GetString());
        Assert.Equal(1, Competency(record, "pengembangan-diri-dan-orang-lain").GetProperty("level").GetInt32());

        // The printable page names the competency, its level and what that level means.
        var page = await (await app.PagesAs(DiskominfoLearner)).GetStringAsync("/career-record");
        Assert.Contains("Keamanan Digital", page);
        Assert.Contains("Level 2", page);
        var descriptor = await app.WithScope(async sp => (await sp.GetRequiredService<Learning.Competencies.Contracts.ICompetencyDictionary>().Find("keamanan-digital"))!.Levels[1]);
        Assert.Contains(WebUtility.HtmlEncode(descriptor), page);

        // Level 2 does not meet the level 3 the position needs, and no course awards level 3 yet.
        var gaps = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-gaps");
        var gap = Gap(gaps, "keamanan-digital")!.Value;
        Assert.Equal((3, 2), (gap.GetProperty("requiredLevel").GetInt32(), gap.GetProperty("currentLevel").GetInt32()));
        Assert.Empty(gap.GetProperty("courses").EnumerateArray());

        // The window closes without a pass: the certificate expires and the competency lapses.
        var employeeId = await app.WithScope(async sp => (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(DiskominfoLearner))!.Id);
        await Raise(app, new CertificateExpired(await CertificateId(app, certificate), certificate.GetProperty("number").GetString()!, employeeId,
            "literasi-keamanan-digital", [new CompetencyAward("keamanan-digital", 2), new CompetencyAward("pengembangan-diri-dan-orang-lain", 1)],
            DateOnly.Parse(certificate.GetProperty("validUntil").GetString()!)));
        var lapsed = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.Equal("lapsed", Competency(lapsed, "keamanan-digital").GetProperty("status").GetString());
        var after = Gap(await api.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-gaps"), "keamanan-digital")!.Value;
        Assert.Equal(JsonValueKind.Null, after.GetProperty("currentLevel").ValueKind);
    }

    [Fact]
    public async Task Should_keep_a_competency_counting_while_due_for_reassessment_and_active_again_when_renewed()
    {
        await using var app = new LearningApp(settings: Settings());
        var api = await app.ApiAs(Learner);
        var certificate = await Complete(app, Learner, "pengaduan-sp4n-lapor", app.Clock.GetUtcNow().UtcDateTime);
        CompetencyAward[] awards = [new("pengelolaan-pengaduan", 2), new("komunikasi", 2), new("pelayanan-publik", 2)];
        var validUntil = certificate.ValidUntil!.Value;

        await Raise(app, new CertificateReassessmentDue(certificate.Id, certificate.Number, certificate.EmployeeId, "pengaduan-sp4n-lapor", awards,
            validUntil, validUntil));
        var due = Competency(await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record"), "pengelolaan-pengaduan");
        Assert.Equal((2, "reassessment-due"), (due.GetProperty("level").GetInt32(), due.GetProperty("status").GetString()));
        Assert.Null(Gap(await api.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-gaps"), "pengelolaan-pengaduan")); // still counts

        var renewedUntil = validUntil.AddYears(1);
        await Raise(app, new CertificateRenewed(certificate.Id, certificate.Number, certificate.EmployeeId, "pengaduan-sp4n-lapor", awards,
            validUntil.AddDays(-3), renewedUntil));
        var renewed = Competency(await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record"), "pengelolaan-pengaduan");
        Assert.Equal(("active", renewedUntil.ToString("yyyy-MM-dd")), (renewed.GetProperty("status").GetString(), renewed.GetProperty("validUntil").GetString()));

        // Revoked: the certificate never proved it, so the competency is gone from the record.
        await Raise(app, new CertificateRevoked(certificate.Id, certificate.Number, certificate.EmployeeId, "Salah terbit", app.Clock.GetUtcNow().UtcDateTime));
        var revoked = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.DoesNotContain(revoked.GetProperty("competencies").EnumerateArray(), c => c.GetProperty("code").GetString() == "pengelolaan-pengaduan");
    }

    private static Task<Guid> CertificateId(LearningApp app, JsonElement certificate) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var number = certificate.GetProperty("number").GetString();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Learning.Certification.Certificate>().Where(c => c.Number == number).Select(c => c.Id));
    });

    /// <summary>Raises a certification event to its registered handlers in a transaction, as the sweep job's save would.</summary>
    private static Task Raise<TEvent>(LearningApp app, TEvent domainEvent) where TEvent : IDomainEvent => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var handler in sp.GetServices<IDomainEventHandler<TEvent>>()) await handler.Handle(domainEvent, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    });

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_refuse_a_standards_file_with_every_problem_and_import_a_good_one_again_without_change(Db db)
    {
        await using var app = new LearningApp(db);
        var coordinator = await app.ApiAs(Coordinator);
        var before = await coordinator.GetStringAsync("/api/v1/position-standards?format=csv");

        var refused = await coordinator.PostAsync("/api/v1/position-standards", Csv(
            "position_code,competency_code,level\n" +
            "PRANATA-KOMPUTER,spbe,3\n" +
            "JURU-MASAK,spbe,2\n" +
            "PRANATA-KOMPUTER,memasak,2\n" +
            "PRANATA-KOMPUTER,literasi-data,6\n" +
            "pranata-komputer,SPBE,2\n"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal<string?>(errors, body.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("file").GetString()}:{p.GetProperty("line").GetInt32()}: {p.GetProperty("reason").GetString()}"));
        Assert.Equal(
        [
            "position-standards.csv:3: Jabatan JURU-MASAK tidak dikenal.",
            "position-standards.csv:4: Kompetensi memasak tidak ada dalam kamus kompetensi.",
            "position-standards.csv:5: Level \"6\" tidak sah: isi bilangan bulat 1 sampai 5.",
            "position-standards.csv:6: Kompetensi spbe untuk jabatan PRANATA-KOMPUTER sudah ada di baris 2.",
        ], errors);
        Assert.Equal(before, await coordinator.GetStringAsync("/api/v1/position-standards?format=csv")); // nothing half-written

        const string good = "position_code;competency_code;level\nPRANATA-KOMPUTER;spbe;3\nPRANATA-KOMPUTER;keamanan-digital;2\n";
        var imported = await (await coordinator.PostAsync("/api/v1/position-standards", Csv(good))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 0, 2, 7, 0), (imported.GetProperty("positions").GetInt32(), imported.GetProperty("added").GetInt32(),
            imported.GetProperty("updated").GetInt32(), imported.GetProperty("removed").GetInt32(), imported.GetProperty("unchanged").GetInt32()));
        var again = await (await coordinator.PostAsync("/api/v1/position-standards", Csv(good))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 0, 0, 2), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(),
            again.GetProperty("removed").GetInt32(), again.GetProperty("unchanged").GetInt32()));

        var standards = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/position-standards");
        var pranata = standards.EnumerateArray().Single(s => s.GetProperty("positionCode").GetString() == "PRANATA-KOMPUTER");
        Assert.Equal(["spbe:3", "keamanan-digital:2"], pranata.GetProperty("competencies").EnumerateArray()
            .Select(c => $"{c.GetProperty("code").GetString()}:{c.GetProperty("level").GetInt32()}").OrderByDescending(s => s));
        Assert.Equal(5, standards.GetArrayLength()); // the other demo positions kept theirs

        // The operator's verb: the same checks, file:line on standard error and exit 2; exit 0 when imported.
        var file = Path.Combine(app.DataRoot, "standar.csv");
        await File.WriteAllTextAsync(file, "position_code,competency_code,level\nPRANATA-KOMPUTER,spbe,x\n");
        var (output, problems) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, await Learning.Web.Hosting.ImportStandardsCommand.Run(app.Services, [file], output, problems, CancellationToken.None));
        Assert.Equal($"{file}:2: Level \"x\" tidak sah: isi bilangan bulat 1 sampai 5.", problems.ToString().Trim());
        await File.WriteAllTextAsync(file, good);
        Assert.Equal(0, await Learning.Web.Hosting.ImportStandardsCommand.Run(app.Services, [file], output, problems, CancellationToken.None));
        Assert.Contains("0 baru, 0 diubah, 0 dihapus, 2 tetap", output.ToString());

        // Only coordinators import; the page shows the problems with their lines.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAs(Learner)).PostAsync("/api/v1/position-standards", Csv(good))).StatusCode);
        var pages = await app.PagesAs(Coordinator);
        var form = await LearningApp.FormWithToken(pages, "/competencies/standards", []);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.UrlDecode((await form.ReadAsStringAsync()).Split('=')[1])), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("position_code,competency_code,level\nANALIS-SDM,integritas,0\n")), "file", "standar.csv" },
        };
        var shown = await pages.PostAsync("/competencies/standards", upload);
        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Contains("standar.csv:2: Level &quot;0&quot; tidak sah", await shown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_list_gaps_against_the_position_standard_with_the_courses_that_close_them()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Learner); // Pengadministrasi Kependudukan
        var gaps = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-gaps");
        var complaints = Gap(gaps, "pengelolaan-pengaduan")!.Value;
        Assert.Equal(2, complaints.GetProperty("requiredLevel").GetInt32());
        Assert.Equal(JsonValueKind.Null, complaints.GetProperty("currentLevel").ValueKind);
        Assert.Equal(["pengaduan-sp4n-lapor"], complaints.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        // Pelayanan publik level 2: three courses award it at 2 or 3.
        Assert.Equal(["adminduk-daring", "pengaduan-sp4n-lapor", "standar-dan-maklumat-pelayanan"],
            Gap(gaps, "pelayanan-publik")!.Value.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("slug").GetString()).Order());

        // After the course, the gaps it closes are gone; others stay.
        await Complete(app, Learner, "pengaduan-sp4n-lapor", app.Clock.GetUtcNow().UtcDateTime);
        var after = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-gaps");
        Assert.Null(Gap(after, "pengelolaan-pengaduan"));
        Assert.Null(Gap(after, "pelayanan-publik"));
        Assert.Equal(["pelindungan-data-pribadi"], Gap(after, "integritas")!.Value.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("slug").GetString()));

        // The contract answers for everyone asked: no position or standard means no gaps.
        var answer = await app.WithScope(async sp =>
        {
            var directory = sp.GetRequiredService<IOrganisationDirectory>();
            var ids = new[] { (await directory.FindEmployeeByNip(Learner))!.Id, (await directory.FindEmployeeByNip(OtherLearner))!.Id, Guid.NewGuid() };
            return (ids, await sp.GetRequiredService<ICompetencyGaps>().For(ids));
        });
        Assert.Equal(3, answer.Item2.Count);
        Assert.Contains(answer.Item2[answer.ids[1]], g => g.Code == "standar-pelayanan" && g.RequiredLevel == 3 && g.CourseSlugs.Contains("standar-dan-maklumat-pelayanan"));
        Assert.Empty(answer.Item2[answer.ids[2]]);

        // The home page shows the gaps with links to the courses.
        var home = await (await app.PagesAs(Learner)).GetStringAsync("/");
        Assert.Contains("href=\"/courses/adminduk-daring\"", home);
    }

    [Fact]
    public async Task Should_keep_a_self_assessment_draft_from_the_supervisor_until_every_competency_is_rated_and_sent()
    {
        await using var app = new LearningApp();
        var learner = await app.ApiAs(Learner);
        var codes = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments"))
            .GetProperty("competencies").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
        var (first, second) = (codes[0], codes[1]);

        // Part-way: one level chosen, a note written for another, the rest untouched; "Simpan draf".
        var pages = await app.PagesAs(Learner);
        var fields = new Dictionary<string, string> { [$"Levels[{first}]"] = "3", [$"Notes[{second}]"] = "Memimpin rapat koordinasi bulanan" };
        foreach (var code in codes.Where(c => c != second)) fields.TryAdd($"Notes[{code}]", "");
        var saved = await pages.PostAsync("/career-record/assessment?handler=Draft", await LearningApp.FormWithToken(pages, "/career-record/assessment", fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await pages.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Draf tersimpan. Atasan Anda belum melihatnya", page);

        // Reopened later: the saved level is chosen, the note is there, the untouched ones wait for a level.
        page = await pages.GetStringAsync("/career-record/assessment");
        Assert.Contains("Ini draf Anda yang belum dikirim", page);
        Assert.Contains($"name=\"Levels[{first}]\" value=\"3\" checked=\"checked\"", page);
        Assert.DoesNotContain($"name=\"Levels[{second}]\" value=\"1\" checked", page);
        Assert.Contains($"name=\"Notes[{second}]\" maxlength=\"500\" rows=\"2\">Memimpin rapat koordinasi bulanan</textarea>", page);
        Assert.DoesNotContain("Menunggu konfirmasi atasan", page);

        // The supervisor sees nothing of it: no notice, nothing to confirm, and the draft itself is not found.
        var sheet = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments");
        var draft = sheet.GetProperty("draft");
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(0, sheet.GetProperty("history").GetArrayLength());
        var supervisor = await app.ApiAs(Supervisor);
        Assert.Equal(0, (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/team/competency-assessments")).GetArrayLength());
        Assert.DoesNotContain((await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("title").GetString()!.Contains("Agus Prasetyo"));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/v1/competency-assessments/{draft.GetProperty("id").GetString()}")).StatusCode);
        Assert.DoesNotContain("Agus Prasetyo", await (await app.PagesAs(Supervisor)).GetStringAsync("/career-record/assessment/team"));
        Assert.DoesNotContain("menunggu konfirmasi", await (await app.PagesAs(Supervisor)).GetStringAsync("/"));

        // A level outside 1–5 is refused in a draft too, and the saved draft stays as it was.
        var bad = await learner.PutAsJsonAsync("/api/v1/me/competency-assessments/draft", new { ratings = new[] { new { code = first, level = 9 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Pilih level 1 sampai 5", await bad.Content.ReadAsStringAsync());

        // Sending still needs every competency: refused with the names still unrated, the draft kept.
        var send = new Dictionary<string, string> { [$"Levels[{first}]"] = "3", [$"Notes[{second}]"] = "Memimpin rapat koordinasi bulanan" };
        var refused = await pages.PostAsync("/career-record/assessment", await LearningApp.FormWithToken(pages, "/career-record/assessment", send));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Pilih level 1 sampai 5 untuk", await refused.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, (await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments")).GetProperty("draft").ValueKind);

        // Every one rated: sent, the supervisor has it, and the draft is gone (the sent one is in the history).
        foreach (var code in codes) send.TryAdd($"Levels[{code}]", "2");
        var sent = await pages.PostAsync("/career-record/assessment", await LearningApp.FormWithToken(pages, "/career-record/assessment", send));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        sheet = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments");
        Assert.Equal(JsonValueKind.Null, sheet.GetProperty("draft").ValueKind);
        var history = Assert.Single(sheet.GetProperty("history").EnumerateArray());
        Assert.Equal("submitted", history.GetProperty("status").GetString());
        var note = history.GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("code").GetString() == second);
        Assert.Equal("Memimpin rapat koordinasi bulanan", note.GetProperty("selfNote").GetString());
        Assert.Single((await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/team/competency-assessments")).EnumerateArray());
        // The supervisor's home counts it (read from the submitted assessments, then the team).
        Assert.Contains("1 penilaian diri dari pegawai Anda menunggu konfirmasi", await (await app.PagesAs(Supervisor)).GetStringAsync("/"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_keep_one_draft_when_saved_again_and_when_two_saves_meet(Db db)
    {
        await using var app = new LearningApp(db);
        var learner = await app.ApiAs(Learner);
        var first = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments"))
            .GetProperty("competencies").EnumerateArray().First().GetProperty("code").GetString()!;
        Task<HttpResponseMessage> Save(int level) =>
            learner.PutAsJsonAsync("/api/v1/me/competency-assessments/draft", new { ratings = new[] { new { code = first, level } } });
        async Task<int> Drafts() => await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>()
            .Set<Learning.CareerRecords.Competencies.CompetencyAssessment>().CountAsync(a => a.Status == Learning.CareerRecords.Competencies.AssessmentStatus.Draft));

        // Saved again later: the new ratings replace the old, one draft.
        Assert.Equal(HttpStatusCode.OK, (await Save(2)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Save(4)).StatusCode);
        Assert.Equal(1, await Drafts());
        var rating = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments")).GetProperty("draft")
            .GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("code").GetString() == first);
        Assert.Equal(4, rating.GetProperty("selfLevel").GetInt32());

        // Two phones saving at the same moment: both are answered, and still one draft is left.
        var answers = await Task.WhenAll(Enumerable.Range(1, 4).Select(Save));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, await Drafts());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_let_only_the_own_supervisor_confirm_a_self_assessment_and_keep_its_history(Db db)
    {
        await using var app = new LearningApp(db);
        var learner = await app.ApiAs(Learner);
        var sheet = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments");
        var codes = sheet.GetProperty("competencies").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Contains("pengelolaan-pengaduan", codes);
        Assert.Equal(5, sheet.GetProperty("competencies")[0].GetProperty("levels").GetArrayLength());

        // Every competency of the standard must be rated, 1 to 5.
        var incomplete = await learner.PostAsJsonAsync("/api/v1/me/competency-assessments", new { ratings = new[] { new { code = "integritas", level = 7 } } });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("Pilih level 1 sampai 5 untuk Integritas", await incomplete.Content.ReadAsStringAsync());

        var ratings = codes.Select(c => new { code = c, level = c == "komunikasi" ? 3 : 2, note = c == "komunikasi" ? "Menjawab pengaduan warga setiap hari" : null }).ToArray();
        var submitted = await learner.PostAsJsonAsync("/api/v1/me/competency-assessments", new { ratings });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, (await learner.PostAsJsonAsync("/api/v1/me/competency-assessments", new { ratings })).StatusCode); // one at a time

        // The supervisor is told, and sees it; an outsider — a colleague or another unit's learner — gets 404 for it.
        var supervisor = await app.ApiAs(Supervisor);
        var inbox = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString()!.Contains("Agus Prasetyo"));
        var team = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/team/competency-assessments");
        Assert.Equal(id, Assert.Single(team.EnumerateArray()).GetProperty("id").GetString());
        foreach (var outsider in new[] { OtherLearner, DiskominfoLearner, Coordinator })
        {
            var client = await app.ApiAs(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/competency-assessments/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/competency-assessments/{id}/confirm", new { ratings = Array.Empty<object>() })).StatusCode);
        }
        // The learner's own: refused as deciding one's own request (separation of duties).
        var own = await learner.PostAsJsonAsync($"/api/v1/competency-assessments/{id}/confirm", new { ratings = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("Anda tidak dapat memutuskan permintaan Anda sendiri", await own.Content.ReadAsStringAsync());

        // Adjusting a level needs a reason.
        var noReason = await supervisor.PostAsJsonAsync($"/api/v1/competency-assessments/{id}/confirm", new { ratings = new[] { new { code = "komunikasi", level = 2, note = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var confirmed = await supervisor.PostAsJsonAsync($"/api/v1/competency-assessments/{id}/confirm",
            new { ratings = new[] { new { code = "komunikasi", level = 2, note = "Level 3 setelah memimpin penanganan pengaduan lintas bidang" } } });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/v1/competency-assessments/{id}/confirm", new { ratings = Array.Empty<object>() })).StatusCode);

        // The agreed levels are current; the history shows who, when and why; the learner is told.
        var record = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        var komunikasi = Competency(record, "komunikasi");
        Assert.Equal((2, "active", "assessment"), (komunikasi.GetProperty("level").GetInt32(), komunikasi.GetProperty("status").GetString(), komunikasi.GetProperty("source").GetString()));
        var history = Assert.Single((await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/competency-assessments")).GetProperty("history").EnumerateArray());
        Assert.Equal(("confirmed", "Bambang Setiawan"), (history.GetProperty("status").GetString(), history.GetProperty("confirmedBy").GetString()));
        var rating = history.GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "komunikasi");
        Assert.Equal((3, 2), (rating.GetProperty("selfLevel").GetInt32(), rating.GetProperty("agreedLevel").GetInt32()));
        Assert.Equal("Level 3 setelah memimpin penanganan pengaduan lintas bidang", rating.GetProperty("comment").GetString());
        var learnerInbox = await learner.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(learnerInbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("body").GetString()!.Contains("Bambang Setiawan"));

        // A certificate proving a higher level wins over the agreed one; the gap it closed is gone.
        await Complete(app, Learner, "pengaduan-sp4n-lapor", app.Clock.GetUtcNow().UtcDateTime); // komunikasi 2, pengelolaan-pengaduan 2
        await Complete(app, Learner, "standar-dan-maklumat-pelayanan", app.Clock.GetUtcNow().UtcDateTime); // pelayanan-publik 3
        var now = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        var service = Competency(now, "pelayanan-publik");
        Assert.Equal((3, "certificate"), (service.GetProperty("level").GetInt32(), service.GetProperty("source").GetString()));
    }
}
