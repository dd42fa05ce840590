using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.Classes.ClassDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// Scheduling a class over the API and reading it as a learner: what a coordinator sends comes back with the city's offset
/// and the trainers by name; every problem is a 400 in Indonesian naming its field with nothing written; learners see only
/// the open classes meant for them, and another city's or a hidden class is 404.
/// </summary>
public sealed class ClassesApiTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_schedule_a_class_and_show_it_with_the_citys_offset_and_the_trainers_by_name(Db db)
    {
        await using var app = new LearningApp(db);
        var coordinator = await app.ApiAs(Coordinator);
        var response = await coordinator.PostAsJsonAsync("/api/v1/classes", Body(app));
        var created = await Json(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/classes/{id}", response.Headers.Location!.OriginalString);

        var agus = await app.ApiAs(Agus);
        var c = await Json(await agus.GetAsync($"/api/v1/classes/{id}"), HttpStatusCode.OK);
        Assert.Equal("Pelatihan Standar Pelayanan Publik", c.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("course").ValueKind);
        Assert.Equal((12m, 25, 25, "none", "scheduled"), (c.GetProperty("jp").GetDecimal(), c.GetProperty("capacity").GetInt32(),
            c.GetProperty("seatsLeft").GetInt32(), c.GetProperty("approval").GetString(), c.GetProperty("status").GetString()));
        // Times as sent, with the city's offset (the server's own zone is UTC).
        Assert.Equal(Iso(At(app, 10, 16)), c.GetProperty("registrationCloses").GetString());
        var sessions = c.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal([1, 2], sessions.Select(s => s.GetProperty("number").GetInt32()));
        Assert.Equal(Iso(At(app, 20, 9)), sessions[0].GetProperty("start").GetString());
        Assert.EndsWith("+07:00", sessions[1].GetProperty("end").GetString());
        Assert.Equal("Aula BKPSDM Lantai 2", sessions[0].GetProperty("venue").GetString());
        Assert.Equal("https://meet.example.go.id/spp", sessions[1].GetProperty("onlineUrl").GetString());
        var trainer = Assert.Single(c.GetProperty("trainers").EnumerateArray());
        Assert.Equal((Coordinator, "Sri Wahyuningsih"), (trainer.GetProperty("nip").GetString(), trainer.GetProperty("name").GetString()));
        Assert.Equal((1m, false, true), (c.GetProperty("completion").GetProperty("attendance").GetDecimal(),
            c.GetProperty("completion").GetProperty("postTest").GetBoolean(), c.GetProperty("completion").GetProperty("evaluation").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, c.GetProperty("myRegistration").ValueKind);

        // A class of a course takes the course's title and JP when none is given; the course's post-test may be required.
        var ofCourse = await Create(coordinator, Body(app, change: b =>
        {
            b["course"] = "spbe-dasar"; b["title"] = null; b["jp"] = null;
            b["completion"] = new { attendance = 0.5, postTest = true, evaluation = false };
        }));
        var course = await Json(await agus.GetAsync($"/api/v1/classes/{ofCourse}"), HttpStatusCode.OK);
        var outline = await Json(await agus.GetAsync("/api/v1/courses/spbe-dasar"), HttpStatusCode.OK);
        Assert.Equal(outline.GetProperty("title").GetString(), course.GetProperty("title").GetString());
        Assert.Equal(outline.GetProperty("jp").GetDecimal(), course.GetProperty("jp").GetDecimal());
        Assert.Equal("spbe-dasar", course.GetProperty("course").GetString());
        Assert.True(course.GetProperty("completion").GetProperty("postTest").GetBoolean());
        Assert.Equal(0.5m, course.GetProperty("completion").GetProperty("attendance").GetDecimal());

        // It is in the OpenAPI document with the rest of the API.
        var openApi = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/classes\"", openApi);
        Assert.Contains("\"/api/v1/classes/{id}\"", openApi);
    }

    /// <summary>One problem per case: the field it names and words of its Indonesian message.</summary>
    public static IEnumerable<object[]> Problems()
    {
        yield return Case("course", "tidak ada di katalog", b => b["course"] = "kursus-yang-tidak-ada");
        yield return Case("title", "Judul wajib diisi", b => b["title"] = "  ");
        yield return Case("title", "Paling banyak 200 karakter", b => b["title"] = new string('a', 201));
        yield return Case("jp", "JP harus antara 0 dan 200", b => b["jp"] = -1);
        yield return Case("jp", "JP harus antara 0 dan 200", b => b["jp"] = 201);
        yield return Case("jp", "JP wajib diisi", b => b["jp"] = null);
        yield return Case("capacity", "Kapasitas harus 1 sampai 1000", b => b["capacity"] = 0);
        yield return Case("capacity", "Kapasitas harus 1 sampai 1000", b => b["capacity"] = 1001);
        yield return Case("capacity", "Kapasitas wajib diisi", b => b["capacity"] = null);
        yield return Case("approval", "Persetujuan harus 'supervisor' atau 'none'", b => b["approval"] = "atasan");
        yield return Case("registrationCloses", "sebelum sesi pertama dimulai", b => b["registrationCloses"] = Sessions(b)[0]["end"]);
        yield return Case("registrationCloses", "dengan zona waktu", b => b["registrationCloses"] = ((string)Sessions(b)[0]["start"]!)[..16]);
        yield return Case("registrationCloses", "Isi", b => b["registrationCloses"] = null);
        yield return Case("sessions", "paling sedikit satu sesi", b => b["sessions"] = new List<Dictionary<string, object?>>());
        yield return Case("sessions", "Paling banyak 30 sesi", b =>
        {
            var one = Sessions(b)[0];
            b["sessions"] = Enumerable.Range(0, 31).Select(_ => new Dictionary<string, object?>(one)).ToList();
        });
        yield return Case("sessions[0].end", "harus selesai setelah mulai", b => Sessions(b)[0]["end"] = Sessions(b)[0]["start"]);
        yield return Case("sessions[1].start", "dengan zona waktu", b => Sessions(b)[1]["start"] = "2030-01-20 09:00");
        yield return Case("sessions[0].venue", "perlu tempat atau tautan daring", b => Sessions(b)[0]["venue"] = " ");
        yield return Case("sessions[1].onlineUrl", "harus alamat https://", b => Sessions(b)[1]["onlineUrl"] = "http://meet.example.go.id/spp");
        yield return Case("sessions[1].onlineUrl", "harus alamat https://", b => Sessions(b)[1]["onlineUrl"] = "javascript:alert(1)");
        yield return Case("trainers[0]", "Tidak ada pegawai aktif dengan NIP 199001012015031999", b => b["trainers"] = new List<string> { "199001012015031999" });
        yield return Case("completion.attendance", "antara 0 dan 1", b => b["completion"] = new { attendance = 1.5 });
        yield return Case("completion.attendance", "antara 0 dan 1", b => b["completion"] = new { attendance = -0.1 });
        yield return Case("completion.postTest", "kelas dari kursus yang punya asesmen", b => b["completion"] = new { postTest = true });
        yield return Case("audience.units[0]", "Unit 'TIDAK-ADA' tidak dikenal", b => b["audience"] = new { units = new[] { "TIDAK-ADA" } });
    }

    private static object[] Case(string field, string words, Action<Dictionary<string, object?>> change) => [field, words, change];

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task Should_refuse_a_class_with_a_problem_naming_its_field_in_Indonesian_and_write_nothing(string field, string words,
        Action<Dictionary<string, object?>> change)
    {
        await using var app = new LearningApp();
        var coordinator = await app.ApiAs(Coordinator);
        var response = await coordinator.PostAsJsonAsync("/api/v1/classes", Body(app, change: change));
        var problem = await Json(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Kelas belum dapat dijadwalkan: periksa isian berikut.", problem.GetProperty("title").GetString());
        var fields = problem.GetProperty("fields").EnumerateArray().ToList();
        Assert.Contains(fields, f => f.GetProperty("field").GetString() == field && f.GetProperty("message").GetString()!.Contains(words));
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith(field + ": ", StringComparison.Ordinal));
        Assert.Equal(0, await Count<Class>(app));
        Assert.Equal(0, await Count<ClassSession>(app));
        Assert.Equal(0, await Count<ClassTrainer>(app));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_refuse_a_post_test_for_a_course_without_an_assessment_and_unreadable_or_oversized_bodies(Db db)
    {
        await using var app = new LearningApp(db);
        // A published course with one lesson and no questions, authored through the pages.
        var pages = await app.PagesAs(Coordinator);
        async Task Post(string page, string handler, Dictionary<string, string> fields, string query = "")
        {
            var response = await pages.PostAsync($"{page}?handler={handler}{query}", await LearningApp.FormWithToken(pages, page, fields));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} {handler}: {(int)response.StatusCode}");
        }
        await Post("/authoring", "Create", new() { ["Input.Title"] = "Tatap Muka Tanpa Ujian", ["Input.Slug"] = "", ["Input.Summary"] = "Kelas tatap muka.", ["Input.Jp"] = "4", ["Input.Minutes"] = "60" });
        await Post("/authoring/tatap-muka-tanpa-ujian", "AddModule", new() { ["ModuleTitle"] = "Pengantar" });
        await Post("/authoring/tatap-muka-tanpa-ujian", "AddLesson", new() { ["LessonTitle"] = "Selamat Datang" }, "&index=0");
        await Post("/authoring/tatap-muka-tanpa-ujian", "Publish", new());

        var coordinator = await app.ApiAs(Coordinator);
        var refused = await Json(await coordinator.PostAsJsonAsync("/api/v1/classes", Body(app, change: b =>
        {
            b["course"] = "tatap-muka-tanpa-ujian"; b["completion"] = new { postTest = true };
        })), HttpStatusCode.BadRequest);
        Assert.Contains("completion.postTest: Post-test hanya bisa diwajibkan bila kursusnya punya asesmen.", refused.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        // Without the post-test it is scheduled, with the course's JP.
        var id = await Create(coordinator, Body(app, change: b => { b["course"] = "tatap-muka-tanpa-ujian"; b["jp"] = null; }));
        Assert.Equal(4m, (await Json(await coordinator.GetAsync($"/api/v1/classes/{id}"), HttpStatusCode.OK)).GetProperty("jp").GetDecimal());

        var garbled = await coordinator.PostAsync("/api/v1/classes", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        Assert.Contains("Isi permintaan tidak terbaca", (await Json(garbled, HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        var huge = Body(app, change: b => b["description"] = new string('x', 70 * 1024));
        var tooLarge = await coordinator.PostAsJsonAsync("/api/v1/classes", huge);
        Assert.Contains("terlalu besar", (await Json(tooLarge, HttpStatusCode.RequestEntityTooLarge)).GetProperty("title").GetString());
        Assert.Equal(1, await Count<Class>(app));
    }

    [Fact]
    public async Task Should_refuse_learners_and_supervisors_who_try_to_schedule_a_class()
    {
        await using var app = new LearningApp();
        foreach (var login in new[] { Agus, Supervisor })
        {
            var client = await app.ApiAs(login);
            var response = await client.PostAsJsonAsync("/api/v1/classes", Body(app));
            var problem = await Json(response, HttpStatusCode.Forbidden);
            Assert.Equal("Hanya koordinator atau administrator yang dapat menjadwalkan kelas.", problem.GetProperty("title").GetString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/classes", Body(app))).StatusCode);
        Assert.Equal(0, await Count<Class>(app));
        // The administrator may.
        await Create(await app.ApiAs("admin"), Body(app));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_list_only_the_open_classes_meant_for_the_learner(Db db)
    {
        await using var app = new LearningApp(db);
        var coordinator = await app.ApiAs(Coordinator);
        async Task<string> Make(string title, object? audience = null, Action<Dictionary<string, object?>>? more = null) =>
            await Create(coordinator, Body(app, title, b => { if (audience is not null) b["audience"] = audience; more?.Invoke(b); }));

        var everyone = await Make("Untuk semua pegawai");
        var hisUnit = await Make("Untuk Disdukcapil", new { units = new[] { "DISDUKCAPIL" } });
        var above = await Make("Untuk seluruh Pemerintah Kota", new { units = new[] { "PEMKOT-SMG" } });
        var hisPosition = await Make("Untuk pengadministrasi kependudukan", new { positions = new[] { "PENGADM-DUK" } });
        var otherUnit = await Make("Untuk Diskominfo", new { units = new[] { "DISKOMINFO" } });
        var otherPosition = await Make("Untuk pranata komputer", new { positions = new[] { "PRANATA-KOMPUTER" } });
        var notYet = await Make("Belum dibuka", more: b => b["registrationOpens"] = Iso(At(app, 5)));
        var closed = await Make("Pendaftaran sudah ditutup");
        var cancelled = await Make("Dibatalkan");
        await Change(app, closed, (c, _) => c.Describe(c.Title, null, c.Jp, null, c.Capacity, c.Approval, null, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), app.Clock.GetUtcNow().UtcDateTime));
        await Change(app, cancelled, (c, _) => c.Cancel(app.Clock.GetUtcNow().UtcDateTime));
        // Another city's class, open to everyone there.
        var elsewhere = await OtherCityClass(app);

        var agus = await app.ApiAs(Agus);
        var listed = await Json(await agus.GetAsync("/api/v1/classes"), HttpStatusCode.OK);
        // The demo's own open classes are listed too; of the test's classes, exactly the four meant for him.
        var made = new HashSet<string?> { everyone, hisUnit, above, hisPosition, otherUnit, otherPosition, notYet, closed, cancelled, elsewhere.ToString() };
        var ids = listed.EnumerateArray().Select(c => c.GetProperty("id").GetString()).Where(made.Contains).ToHashSet();
        Assert.Equal(new HashSet<string?> { everyone, hisUnit, above, hisPosition }, ids);
        var first = listed.EnumerateArray().First(c => c.GetProperty("id").GetString() == hisUnit);
        Assert.Equal((25, 12m), (first.GetProperty("seatsLeft").GetInt32(), first.GetProperty("jp").GetDecimal()));
        Assert.Equal(Iso(At(app, 20, 9)), first.GetProperty("sessions")[0].GetProperty("start").GetString());

        var rizky = await app.ApiAs(Rizky);
        var his = (await Json(await rizky.GetAsync("/api/v1/classes"), HttpStatusCode.OK)).EnumerateArray().Select(c => c.GetProperty("id").GetString()).Where(made.Contains).ToHashSet();
        Assert.Equal(new HashSet<string?> { everyone, above, otherUnit, otherPosition }, his);

        // Not meant for Agus, or another city's: as if it did not exist. Coordinators see every class of their city.
        foreach (var hidden in new[] { otherUnit, otherPosition, cancelled, elsewhere.ToString() })
            await Json(await agus.GetAsync($"/api/v1/classes/{hidden}"), HttpStatusCode.NotFound);
        await Json(await coordinator.GetAsync($"/api/v1/classes/{elsewhere}"), HttpStatusCode.NotFound);
        Assert.Equal("Untuk Diskominfo", (await Json(await rizky.GetAsync($"/api/v1/classes/{otherUnit}"), HttpStatusCode.OK)).GetProperty("title").GetString());
        Assert.Equal("cancelled", (await Json(await coordinator.GetAsync($"/api/v1/classes/{cancelled}"), HttpStatusCode.OK)).GetProperty("status").GetString());
        // A class he may not join still shows once he is registered in it (his registration comes back).
        var agusId = await EmployeeId(app, Agus);
        var registrationId = await app.WithScope(async sp =>
        {
            var dbc = sp.GetRequiredService<LearningDbContext>();
            var r = new ClassRegistration(Guid.Parse(otherUnit), agusId, null, app.Clock.GetUtcNow().UtcDateTime);
            r.Waitlist(1, app.Clock.GetUtcNow().UtcDateTime);
            dbc.Add(r);
            await dbc.SaveChangesAsync();
            return r.Id;
        });
        var mine = (await Json(await agus.GetAsync($"/api/v1/classes/{otherUnit}"), HttpStatusCode.OK)).GetProperty("myRegistration");
        Assert.Equal((registrationId.ToString(), "waitlisted"), (mine.GetProperty("id").GetString(), mine.GetProperty("status").GetString()));
    }

    /// <summary>A class of another city (Salatiga), stored in that city, open to everyone there.</summary>
    internal static async Task<Guid> OtherCityClass(LearningApp app)
    {
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test");
        return await app.InTenant("salatiga", async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var cls = new Class(null, "Kelas Kota Salatiga", 8, 30, ClassApprovals.None, now.AddDays(10), Guid.NewGuid(), now);
            cls.Sessions.Add(ClassPlanning.NewSession(cls.Id, 1, new PlannedSession(now.AddDays(20), now.AddDays(20).AddHours(3), "Gedung Salatiga", null)));
            db.Add(cls);
            await db.SaveChangesAsync();
            return cls.Id;
        });
    }
}
