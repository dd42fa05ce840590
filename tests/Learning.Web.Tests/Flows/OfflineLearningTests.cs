using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Issue 20, the server's half: a learner saves a course for reading without signal (what to keep and how big it is), reads
/// and ticks lessons off offline, and the device sends the ticks later — counted once, as if made online at the time.
/// </summary>
public sealed class OfflineLearningTests
{
    private const string Agus = AssignmentDriver.Agus;
    private const string Rizky = AssignmentDriver.Rizky;
    private const string Course = "spbe-dasar";
    private static readonly string[] Lessons = ["01-apa-itu-spbe", "02-arsitektur-dan-domain-spbe", "03-data-dan-aplikasi-terpadu", "04-peran-asn-dan-evaluasi-spbe"];
    private const string Sync = "/api/v1/sync/lesson-completions";

    private static Task<JsonElement> Json(HttpResponseMessage r, HttpStatusCode expected) => AssignmentDriver.Json(r, expected);

    private static async Task<string> Enrol(HttpClient api, string course = Course) =>
        (await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static object Item(Guid id, string enrolmentId, string lesson, DateTimeOffset at) =>
        new { id, enrolmentId, lessonKey = lesson, completedAt = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) };

    private static async Task<List<(string Id, string Status, string? Reason)>> Send(HttpClient api, params object[] items)
    {
        var body = await Json(await api.PostAsJsonAsync(Sync, new { items }), HttpStatusCode.OK);
        return body.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("status").GetString()!,
            r.TryGetProperty("reason", out var reason) ? reason.GetString() : null)).ToList();
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? titleContains = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var title = JsonDocument.Parse(text).RootElement.GetProperty("title").GetString()!;
        if (titleContains is not null) Assert.Contains(titleContains, title + " " + text);
    }

    [Fact]
    public async Task Should_list_every_lesson_and_its_media_with_sizes_for_my_own_enrolment_only()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);
        var id = await Enrol(api);

        var package = await Json(await api.GetAsync($"/api/v1/enrolments/{id}/offline"), HttpStatusCode.OK);
        Assert.Equal(id, package.GetProperty("enrolmentId").GetString());
        Assert.Equal(Course, package.GetProperty("course").GetProperty("slug").GetString());
        Assert.Equal("Dasar-Dasar SPBE untuk ASN Kota", package.GetProperty("course").GetProperty("title").GetString());
        var lessons = package.GetProperty("lessons").EnumerateArray().ToList();
        Assert.Equal(Lessons, lessons.Select(l => l.GetProperty("key").GetString()));
        Assert.All(lessons, l => Assert.Equal($"/learn/{id}/{l.GetProperty("key").GetString()}", l.GetProperty("url").GetString()));
        Assert.All(lessons, l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("title").GetString())));

        // Each size is near what the browser gets for that page (the page as the learner opens it, with the login cookie).
        // Saved the way the app saves them (X-Learning-Offline: save), so saving does not move where Agus resumes.
        var pages = await app.PagesAs(Agus);
        foreach (var lesson in lessons)
        {
            using var save = new HttpRequestMessage(HttpMethod.Get, lesson.GetProperty("url").GetString());
            save.Headers.Add("X-Learning-Offline", "save");
            var page = await pages.SendAsync(save);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var real = (await page.Content.ReadAsByteArrayAsync()).Length;
            var estimate = lesson.GetProperty("bytes").GetInt64();
            Assert.True(Math.Abs(estimate - real) <= real * 0.15, $"{lesson.GetProperty("key").GetString()}: estimated {estimate} B, served {real} B");
        }

        Assert.Equal(JsonValueKind.Null, (await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("lastLesson").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync($"/learn/{id}/{Lessons[1]}")).StatusCode); // a real visit is recorded
        Assert.Equal(Lessons[1], (await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("lastLesson").GetString());

        // The architecture picture of lesson 02 is listed once, same-origin, with the length the browser downloads.
        var media = Assert.Single(package.GetProperty("media").EnumerateArray());
        var url = media.GetProperty("url").GetString()!;
        Assert.StartsWith("/media/media/", url);
        Assert.EndsWith(".svg", url);
        var file = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal((await file.Content.ReadAsByteArrayAsync()).Length, media.GetProperty("bytes").GetInt64());
        Assert.Equal(lessons.Sum(l => l.GetProperty("bytes").GetInt64()) + media.GetProperty("bytes").GetInt64(), package.GetProperty("bytes").GetInt64());

        // The version stays while nothing changes, and moves when the picture does.
        var version = package.GetProperty("version").GetString()!;
        Assert.Equal(version, (await Json(await api.GetAsync($"/api/v1/enrolments/{id}/offline"), HttpStatusCode.OK)).GetProperty("version").GetString());
        await app.WithScope(sp => sp.GetRequiredService<IBlobStore>().Put(url["/media/".Length..],
            new MemoryStream(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>")), "image/svg+xml"));
        var changed = await Json(await api.GetAsync($"/api/v1/enrolments/{id}/offline"), HttpStatusCode.OK);
        Assert.NotEqual(version, changed.GetProperty("version").GetString());
        Assert.NotEqual(media.GetProperty("bytes").GetInt64(), changed.GetProperty("media")[0].GetProperty("bytes").GetInt64());

        // ... and when a lesson's text does.
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var course = await db.Set<Course>().SingleAsync(c => c.Slug == Course);
            var lesson = await db.Set<Lesson>().SingleAsync(l => l.CourseId == course.Id && l.Key == Lessons[0]);
            db.Entry(lesson).Property(l => l.Markdown).CurrentValue = lesson.Markdown + "\n\nTambahan: contoh layanan daring di kelurahan.\n";
            await db.SaveChangesAsync();
        });
        var edited = await Json(await api.GetAsync($"/api/v1/enrolments/{id}/offline"), HttpStatusCode.OK);
        Assert.NotEqual(changed.GetProperty("version").GetString(), edited.GetProperty("version").GetString());

        // Someone else's enrolment, or one that does not exist, is simply not found — and says nothing of Agus.
        foreach (var other in new[] { await app.ApiAs(Rizky), await app.ApiAs(AssignmentDriver.Supervisor) })
        {
            var refused = await other.GetAsync($"/api/v1/enrolments/{id}/offline");
            await AssertProblem(refused, HttpStatusCode.NotFound, "tidak ditemukan");
            Assert.DoesNotContain("Agus", await refused.Content.ReadAsStringAsync());
        }
        await AssertProblem(await api.GetAsync($"/api/v1/enrolments/{Guid.NewGuid()}/offline"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_count_lessons_done_offline_as_online_at_their_time_and_move_the_path_once(Db db)
    {
        await using var app = new LearningApp(db);
        var api = await app.ApiAs(Agus);
        var started = app.Clock.GetUtcNow();
        var created = await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var instance = created.GetProperty("pathInstanceId").GetString()!;
        app.Clock.Advance(TimeSpan.FromHours(3)); // back in signal three hours later

        var ids = Lessons.Select(_ => Guid.NewGuid()).ToArray();
        var wib = TimeSpan.FromHours(7);
        var first = await Send(api,
            Item(ids[0], id, Lessons[0], started.AddMinutes(20).ToOffset(wib)),
            Item(ids[1], id, Lessons[1], started.AddMinutes(50)),
            Item(ids[2], id, Lessons[2], started.AddHours(-5))); // the device's clock ran behind: counted from the start
        Assert.Equal(ids[..3].Select(i => (i.ToString(), "applied", (string?)null)), first);

        var enrolment = await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal(Lessons[..3], enrolment.GetProperty("completedLessons").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(75, enrolment.GetProperty("progress").GetInt32());
        Assert.Equal("ikuti-kursus", (await Json(await api.GetAsync($"/api/v1/path-instances/{instance}"), HttpStatusCode.OK)).GetProperty("currentStep").GetString());

        // The last lesson, ticked "in the future" by a clock that ran ahead: counted now. The path moves on to the assessment.
        var last = await Send(api, Item(ids[3], id, Lessons[3], app.Clock.GetUtcNow().AddDays(2)));
        Assert.Equal("applied", Assert.Single(last).Status);
        enrolment = await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal(Lessons, enrolment.GetProperty("completedLessons").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(100, enrolment.GetProperty("progress").GetInt32());
        Assert.Equal("in-progress", enrolment.GetProperty("status").GetString()); // the assessment is still to pass
        var path = await Json(await api.GetAsync($"/api/v1/path-instances/{instance}"), HttpStatusCode.OK);
        Assert.Equal("lulus-asesmen", path.GetProperty("currentStep").GetString());

        var times = await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<LessonProgress>()
            .Where(l => l.EnrolmentId == Guid.Parse(id)).ToDictionaryAsync(l => l.LessonKey, l => l.CompletedAt));
        Assert.Equal(started.AddMinutes(20).UtcDateTime, times[Lessons[0]], TimeSpan.FromSeconds(1));
        Assert.Equal(started.AddMinutes(50).UtcDateTime, times[Lessons[1]], TimeSpan.FromSeconds(1));
        Assert.Equal(started.UtcDateTime, times[Lessons[2]], TimeSpan.FromSeconds(1));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, times[Lessons[3]], TimeSpan.FromSeconds(1));

        // The whole queue sent again (the answer was lost): every item a duplicate, nothing moves.
        var history = path.GetProperty("history").GetArrayLength();
        var again = await Send(api, ids.Select((c, i) => Item(c, id, Lessons[i], started.AddMinutes(30))).ToArray());
        Assert.All(again, r => Assert.Equal("duplicate", r.Status));
        Assert.Equal(ids.Select(i => i.ToString()), again.Select(r => r.Id));
        var after = await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal(enrolment.ToString(), after.ToString());
        Assert.Equal(history, (await Json(await api.GetAsync($"/api/v1/path-instances/{instance}"), HttpStatusCode.OK)).GetProperty("history").GetArrayLength());

        // A lesson already done, ticked again offline under a new id: applied, and it keeps its first date.
        var retick = await Send(api, Item(Guid.NewGuid(), id, Lessons[0], app.Clock.GetUtcNow()));
        Assert.Equal("applied", Assert.Single(retick).Status);
        var stillFirst = await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<LessonProgress>()
            .SingleAsync(l => l.EnrolmentId == Guid.Parse(id) && l.LessonKey == Lessons[0]));
        Assert.Equal(started.AddMinutes(20).UtcDateTime, stillFirst.CompletedAt, TimeSpan.FromSeconds(1));

        // Passed online afterwards: completed, certificate issued, as for lessons ticked online.
        await AssignmentDriver.PassAssessment(app, api, id);
        Assert.Equal("completed", (await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString());
        var certificate = Assert.Single((await Json(await api.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_complete_the_course_and_issue_the_certificate_when_the_last_lesson_arrives_from_offline()
    {
        await using var app = new LearningApp();
        // A path that asks for the assessment first: the lessons sent later are what completes the course.
        var folder = Directory.CreateDirectory(Path.Combine(app.DataRoot, "ujian-dulu", "paths")).Parent!.FullName;
        File.WriteAllText(Path.Combine(folder, "paths", "ujian-dulu.yml"), $"key: ujian-dulu\ntitle: Ujian dulu\nversion: 1\nsteps:\n" +
            $"  - id: ujian\n    kind: pass-assessment\n    course: {Course}\n  - id: materi\n    kind: complete-course\n    course: {Course}\n" +
            $"  - id: sertifikat\n    kind: issue-certificate\n    course: {Course}\n");
        var imported = await app.WithScope(sp => sp.GetRequiredService<IContentImporter>().Import(folder, CancellationToken.None));
        Assert.True(imported.Succeeded, string.Join("\n", imported.Problems));
        var api = await app.ApiAs(Agus);
        var created = await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { path = "ujian-dulu" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await AssignmentDriver.PassAssessment(app, api, id);
        Assert.Empty((await Json(await api.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());

        app.Clock.Advance(TimeSpan.FromHours(1));
        var doneAt = app.Clock.GetUtcNow().AddMinutes(-10);
        var results = await Send(api, Lessons.Select(l => Item(Guid.NewGuid(), id, l, doneAt)).ToArray());
        Assert.All(results, r => Assert.Equal("applied", r.Status));

        var enrolment = await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal("completed", enrolment.GetProperty("status").GetString());
        Assert.Equal(doneAt.UtcDateTime, enrolment.GetProperty("completedAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        var path = await Json(await api.GetAsync($"/api/v1/path-instances/{created.GetProperty("pathInstanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal("completed", path.GetProperty("status").GetString());
        Assert.Single((await Json(await api.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_apply_a_completion_sent_twice_at_once_exactly_once(Db db)
    {
        await using var app = new LearningApp(db);
        var api = await app.ApiAs(Agus);
        var second = await app.ApiAs(Agus); // another tab of the same app, flushing the same queue
        var id = await Enrol(api);
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        for (var round = 0; round < 3; round++)
        {
            var item = Item(Guid.NewGuid(), id, Lessons[round], app.Clock.GetUtcNow().AddMinutes(-5));
            var answers = await Task.WhenAll(
                api.PostAsJsonAsync(Sync, new { items = new[] { item } }),
                second.PostAsJsonAsync(Sync, new { items = new[] { item } }),
                api.PostAsJsonAsync(Sync, new { items = new[] { item } }));
            var statuses = new List<string>();
            foreach (var answer in answers)
            {
                var body = await Json(answer, HttpStatusCode.OK);
                statuses.Add(body.GetProperty("results")[0].GetProperty("status").GetString()!);
            }
            Assert.Equal(["applied", "duplicate", "duplicate"], statuses.Order());
        }

        var enrolment = await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal(Lessons[..3], enrolment.GetProperty("completedLessons").EnumerateArray().Select(k => k.GetString()));
        var rows = await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<SyncedCompletion>().CountAsync());
        Assert.Equal(3, rows);
    }

    [Fact]
    public async Task Should_refuse_with_a_reason_what_can_no_longer_count()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);
        var id = await Enrol(api);
        var other = await Enrol(api, "literasi-keamanan-digital");
        var now = app.Clock.GetUtcNow();

        // Someone else's enrolment reads as one that does not exist; a lesson the course lacks and a time without a zone are named.
        var rizky = await app.ApiAs(Rizky);
        var strangers = await Send(rizky, Item(Guid.NewGuid(), id, Lessons[0], now));
        Assert.Equal(("refused", "Pendaftaran kursus ini tidak ditemukan; langkah ini tidak dapat dihitung."), (strangers[0].Status, strangers[0].Reason));
        var odd = await Json(await api.PostAsJsonAsync(Sync, new
        {
            items = new object[]
            {
                Item(Guid.NewGuid(), id, "99-tidak-ada", now),
                new { id = Guid.NewGuid(), enrolmentId = id, lessonKey = Lessons[0], completedAt = "2026-12-06T08:30:00" },
                new { id = Guid.NewGuid(), enrolmentId = Guid.NewGuid(), lessonKey = Lessons[0], completedAt = "2026-12-06T08:30:00Z" },
            },
        }), HttpStatusCode.OK);
        var reasons = odd.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("status").GetString(), r.GetProperty("reason").GetString())).ToList();
        Assert.All(reasons, r => Assert.Equal("refused", r.Item1));
        Assert.Contains("'99-tidak-ada' tidak ada lagi dalam kursus ini", reasons[0].Item2);
        Assert.Contains("Waktu selesai tidak terbaca", reasons[1].Item2);
        Assert.Contains("tidak ditemukan", reasons[2].Item2);
        Assert.Empty((await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("completedLessons").EnumerateArray());

        // The course is withdrawn while Agus reads offline: his ticks are refused and saving it again is refused, in words.
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            (await db.Set<Course>().SingleAsync(c => c.Slug == Course)).Archive();
            await db.SaveChangesAsync();
        });
        var withdrawn = await Send(api, Item(Guid.NewGuid(), id, Lessons[0], now), Item(Guid.NewGuid(), other, "01-mengenali-ancaman-digital", now));
        Assert.Equal(("refused", "Kursus ini sudah ditarik; langkah ini tidak dapat dihitung."), (withdrawn[0].Status, withdrawn[0].Reason));
        Assert.Equal("applied", withdrawn[1].Status); // each item stands alone: the other course still counts
        Assert.Empty((await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("completedLessons").EnumerateArray());
        await AssertProblem(await api.GetAsync($"/api/v1/enrolments/{id}/offline"), HttpStatusCode.Conflict, "Kursus ini sudah ditarik");
    }

    [Fact]
    public async Task Should_refuse_lessons_of_a_request_the_supervisor_refused()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);
        var created = await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { path = "sertifikasi-pelayanan-publik" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        // Waiting for approval: not yet to be saved or counted.
        await AssertProblem(await api.GetAsync($"/api/v1/enrolments/{id}/offline"), HttpStatusCode.Conflict, "Menunggu persetujuan atasan");

        var supervisor = await app.ApiAs(AssignmentDriver.Supervisor);
        var approval = (await Json(await supervisor.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("id").GetString();
        await Json(await supervisor.PostAsJsonAsync($"/api/v1/approvals/{approval}", new { decision = "reject", reason = "Kuota tahun ini penuh" }), HttpStatusCode.OK);

        var refused = await Send(api, Item(Guid.NewGuid(), id, "01-standar-pelayanan-dan-dasar-hukumnya", app.Clock.GetUtcNow()));
        Assert.Equal("refused", refused[0].Status);
        Assert.Equal("Pendaftaran ini sudah berakhir; langkah ini tidak dapat dihitung.", refused[0].Reason);
        await AssertProblem(await api.GetAsync($"/api/v1/enrolments/{id}/offline"), HttpStatusCode.Conflict, "sudah berakhir");
        Assert.Equal(0, await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<SyncedCompletion>().CountAsync()));
    }

    [Fact]
    public async Task Should_refuse_a_batch_too_large_or_unreadable_whole_and_take_the_cookie_only_from_our_own_pages()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);
        var id = await Enrol(api);
        var now = app.Clock.GetUtcNow();

        var tooMany = Enumerable.Range(0, 201).Select(_ => Item(Guid.NewGuid(), id, Lessons[0], now)).ToArray();
        await AssertProblem(await api.PostAsJsonAsync(Sync, new { items = tooMany }), HttpStatusCode.BadRequest, "Paling banyak 200 catatan");
        await AssertProblem(await api.PostAsJsonAsync(Sync, new { items = new object[] { Item(Guid.NewGuid(), id, Lessons[0], now), new { enrolmentId = id, lessonKey = Lessons[1] } } }),
            HttpStatusCode.BadRequest, "Catatan ke-2 tidak punya id");
        await AssertProblem(await api.PostAsync(Sync, new StringContent("{\"items\": [", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "Kirim JSON");
        await AssertProblem(await api.PostAsJsonAsync(Sync, new { }), HttpStatusCode.BadRequest, "Kirim JSON");
        // Nothing of a refused batch was written, not even its good first item.
        Assert.Empty((await Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("completedLessons").EnumerateArray());

        // 200 is allowed.
        var full = Enumerable.Range(0, 200).Select(i => Item(Guid.NewGuid(), id, Lessons[i % 4], now)).ToArray();
        var results = await Send(api, full);
        Assert.Equal(200, results.Count);
        Assert.All(results, r => Assert.Equal("applied", r.Status));

        // The service worker calls with the login cookie: a JSON body from our own origin passes; another site's page does not.
        var pages = await app.PagesAs(Agus);
        using (var own = new HttpRequestMessage(HttpMethod.Post, Sync) { Content = JsonContent.Create(new { items = new[] { Item(Guid.NewGuid(), id, Lessons[1], now) } }) })
        {
            own.Headers.Add("Sec-Fetch-Site", "same-origin");
            own.Headers.Add("Origin", pages.BaseAddress!.GetLeftPart(UriPartial.Authority));
            var body = await Json(await pages.SendAsync(own), HttpStatusCode.OK);
            Assert.Equal("applied", body.GetProperty("results")[0].GetProperty("status").GetString());
        }
        using (var forged = new HttpRequestMessage(HttpMethod.Post, Sync) { Content = JsonContent.Create(new { items = new[] { Item(Guid.NewGuid(), id, Lessons[1], now) } }) })
        {
            forged.Headers.Add("Sec-Fetch-Site", "cross-site");
            forged.Headers.Add("Origin", "https://penipu.example");
            await AssertProblem(await pages.SendAsync(forged), HttpStatusCode.Forbidden);
        }
        using (var form = new HttpRequestMessage(HttpMethod.Post, Sync) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["items"] = "x" }) })
            await AssertProblem(await pages.SendAsync(form), HttpStatusCode.BadRequest);
    }
}
