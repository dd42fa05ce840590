using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.Classes.ClassDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// The coordinator's class pages and the learner's, read as people read them: Indonesian words, times on the city's clock
/// (WIB, while this process runs on UTC), people by name; a form refused says why and writes nothing; an edit made on a
/// class someone changed meanwhile is refused with 409 and the reason.
/// </summary>
public sealed partial class ClassPagesTests
{
    /// <summary>The page as a person reads it: the text between the tags.</summary>
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(Spaces().Replace(Tags().Replace(Scripts().Replace(html, " "), " "), " "));

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)] private static partial Regex Scripts();
    [GeneratedRegex("<[^>]+>")] private static partial Regex Tags();
    [GeneratedRegex("\\s+")] private static partial Regex Spaces();

    private static string Shown(DateTimeOffset at, string format = "d MMM yyyy HH:mm") => at.ToOffset(TimeSpan.FromHours(7)).ToString(format, Id) + " WIB";
    private static string Local(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string? handler, Dictionary<string, string> fields) =>
        await client.PostAsync(handler is null ? page : $"{page}?handler={handler}", await LearningApp.FormWithToken(client, page, fields));

    private Dictionary<string, string> NewForm(LearningApp app) => new()
    {
        ["Form.Course"] = "", ["Form.Title"] = "Diklat Pelayanan Prima", ["Form.Jp"] = "16", ["Form.Capacity"] = "30", ["Form.Approval"] = "supervisor",
        ["Form.Closes"] = Local(At(app, 10, 16)),
        ["Form.Sessions[0].Start"] = Local(At(app, 20, 9)), ["Form.Sessions[0].End"] = Local(At(app, 20, 15)), ["Form.Sessions[0].Venue"] = "Aula Balai Kota",
        ["Form.Sessions[1].Start"] = Local(At(app, 22, 9)), ["Form.Sessions[1].End"] = Local(At(app, 22, 12)), ["Form.Sessions[1].OnlineUrl"] = "https://meet.example.go.id/prima",
        ["Form.Trainers"] = Coordinator, ["Form.Attendance"] = "100", ["Form.Evaluation"] = "true", ["Form.Units"] = "DISDUKCAPIL", ["Form.Levels[pelayanan-publik]"] = "2",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_schedule_edit_and_cancel_a_class_through_the_coordinators_pages_on_the_citys_clock(Db db)
    {
        await using var app = new LearningApp(db);
        var sri = await app.PagesAs(Coordinator);
        var created = await Post(sri, "/authoring/classes/new", null, NewForm(app));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;
        var id = page.Split('/').Last();
        Assert.Equal($"/authoring/classes/{id}", page);

        var stored = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Class>().Include(c => c.Sessions).Include(c => c.Audience).Include(c => c.Trainers).SingleAsync(c => c.Id == Guid.Parse(id)));
        Assert.Equal(("Diklat Pelayanan Prima", 16m, 30, ClassApprovals.Supervisor, "pelayanan-publik:2"), (stored.Title, stored.Jp, stored.Capacity, stored.Approval, stored.Competencies));
        Assert.Equal(At(app, 20, 9).UtcDateTime, stored.Sessions.Single(s => s.Number == 1).StartsAt);
        Assert.Equal(At(app, 10, 16).UtcDateTime, stored.RegistrationClosesAt);
        Assert.Equal(("unit", "DISDUKCAPIL"), (stored.Audience.Single().Kind, stored.Audience.Single().Code));

        // The list: the first session's time in WIB, places taken of the capacity.
        var list = Visible(await sri.GetStringAsync("/authoring/classes"));
        Assert.Contains("Jadwal kelas", list);
        Assert.Contains("Akan datang", list);
        Assert.Contains($"Diklat Pelayanan Prima {Shown(At(app, 20, 9))}", list);
        Assert.Contains("0/30 tempat terisi", list);

        // The edit page: the trainer by name, the sessions on the city's clock.
        var edit = await sri.GetStringAsync(page);
        var text = Visible(edit);
        Assert.Contains("Sri Wahyuningsih", text);
        Assert.Contains($"Sesi 1: {Shown(At(app, 20, 9))} – {Shown(At(app, 20, 15), "HH:mm")}", text);
        Assert.Single(Regex.Matches(edit, "<main"));
        var revision = int.Parse(Regex.Match(edit, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
        var first = stored.Sessions.Single(s => s.Number == 1);

        // Someone else saves meanwhile (a registration, another coordinator): the form opened before is refused with 409.
        await Change(app, id, (c, _) => c.Touch(app.Clock.GetUtcNow().UtcDateTime));
        var stale = await Post(sri, page, "MoveSession", new()
        {
            ["Revision"] = revision.ToString(CultureInfo.InvariantCulture), ["SessionId"] = first.Id.ToString(),
            ["Session.Start"] = Local(At(app, 25, 9)), ["Session.End"] = Local(At(app, 25, 12)), ["Session.Venue"] = "Ruang Rapat",
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Kelas ini baru saja diubah orang lain", Visible(await stale.Content.ReadAsStringAsync()));
        Assert.Equal(At(app, 20, 9).UtcDateTime, (await Reload(app)).Sessions.Single(s => s.Id == first.Id).StartsAt);

        // On the current revision: the first session moves after the second, takes number 2, and its sequence grows.
        revision++;
        var moved = await Post(sri, page, "MoveSession", new()
        {
            ["Revision"] = revision.ToString(CultureInfo.InvariantCulture), ["SessionId"] = first.Id.ToString(),
            ["Session.Start"] = Local(At(app, 25, 9)), ["Session.End"] = Local(At(app, 25, 12)), ["Session.Venue"] = "Ruang Rapat",
        });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await Reload(app);
        var movedSession = after.Sessions.Single(s => s.Id == first.Id);
        Assert.Equal((2, 1, At(app, 25, 9).UtcDateTime, "Ruang Rapat"), (movedSession.Number, movedSession.Sequence, movedSession.StartsAt, movedSession.Venue));
        Assert.Equal(1, after.Sessions.Single(s => s.Id != first.Id).Number);
        Assert.Contains("Sesi diubah.", Visible(await sri.GetStringAsync(page)));

        // A session cannot start before registration closes.
        var early = await Post(sri, page, "AddSession", new()
        {
            ["Revision"] = after.Revision.ToString(CultureInfo.InvariantCulture),
            ["Session.Start"] = Local(At(app, 5, 9)), ["Session.End"] = Local(At(app, 5, 12)), ["Session.Venue"] = "Aula",
        });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Sesi tidak boleh dimulai sebelum pendaftaran ditutup", Visible(await early.Content.ReadAsStringAsync()));
        Assert.Equal(2, (await Reload(app)).Sessions.Count);

        // Cancelling a session marks it and grows its sequence; cancelling the class needs its own confirmation form.
        Assert.Equal(HttpStatusCode.Redirect, (await Post(sri, page, "CancelSession", new()
        {
            ["Revision"] = after.Revision.ToString(CultureInfo.InvariantCulture), ["SessionId"] = first.Id.ToString(),
        })).StatusCode);
        var cancelledSession = (await Reload(app)).Sessions.Single(s => s.Id == first.Id);
        Assert.Equal((true, 2), (cancelledSession.Cancelled, cancelledSession.Sequence));
        // The last session left cannot be cancelled.
        var last = await Reload(app);
        var refused = await Post(sri, page, "CancelSession", new()
        {
            ["Revision"] = last.Revision.ToString(CultureInfo.InvariantCulture), ["SessionId"] = last.Sessions.Single(s => !s.Cancelled).Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Sesi terakhir yang tersisa tidak dapat dibatalkan", Visible(await refused.Content.ReadAsStringAsync()));

        // Trainers by NIP, shown by name; an unknown NIP is refused by name of the field.
        var unknown = await Post(sri, page, "AddTrainer", new() { ["Revision"] = last.Revision.ToString(CultureInfo.InvariantCulture), ["Nip"] = "199001012015031999" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Tidak ada pegawai aktif dengan NIP 199001012015031999", Visible(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await Post(sri, page, "AddTrainer", new() { ["Revision"] = last.Revision.ToString(CultureInfo.InvariantCulture), ["Nip"] = Supervisor })).StatusCode);
        Assert.Contains("Bambang Setiawan", Visible(await sri.GetStringAsync(page)));

        var current = await Reload(app);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(sri, page, "CancelClass", new() { ["Revision"] = current.Revision.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        Assert.Equal(ClassStatuses.Cancelled, (await Reload(app)).Status);
        var past = Visible(await sri.GetStringAsync("/authoring/classes"));
        Assert.Contains("Sudah lewat atau dibatalkan", past);
        Assert.Contains("kelas dibatalkan", past);
    }

    private static Task<Class> Reload(LearningApp app) => app.WithScope(sp =>
        sp.GetRequiredService<LearningDbContext>().Set<Class>().AsNoTracking().Include(c => c.Sessions).Include(c => c.Trainers)
            .SingleAsync(c => c.Title != Learning.Web.Demo.DemoClasses.ClassroomTitle && c.Title != Learning.Web.Demo.DemoClasses.BlendedTitle));

    [Fact]
    public async Task Should_refuse_a_schedule_form_with_problems_saying_why_in_Indonesian_and_write_nothing()
    {
        await using var app = new LearningApp();
        var sri = await app.PagesAs(Coordinator);
        var form = NewForm(app);
        form["Form.Capacity"] = "0";
        form["Form.Closes"] = Local(At(app, 21, 9));
        form["Form.Sessions[1].OnlineUrl"] = "http://meet.example.go.id/prima";
        form["Form.Trainers"] = "199001012015031999";
        var refused = await Post(sri, "/authoring/classes/new", null, form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        var text = Visible(html);
        Assert.Contains("Kelas belum dapat dijadwalkan", text);
        Assert.Contains("Kapasitas harus 1 sampai 1000 orang (dikirim: 0)", text);
        Assert.Contains($"Pendaftaran harus ditutup sebelum sesi pertama dimulai ({Shown(At(app, 20, 9))})", text);
        Assert.Contains("Tautan daring sesi 2 harus alamat https:// yang lengkap", text);
        Assert.Contains("Tidak ada pegawai aktif dengan NIP 199001012015031999", text);
        // What was typed stays in the form.
        Assert.Contains("value=\"Diklat Pelayanan Prima\"", html);
        Assert.Equal(0, await Count<Class>(app));

        // English on request.
        Assert.Equal(HttpStatusCode.Redirect, (await sri.PostAsync("/language",
            await LearningApp.FormWithToken(sri, "/", new() { ["language"] = "en", ["returnUrl"] = "/" }))).StatusCode);
        var english = Visible(await (await Post(sri, "/authoring/classes/new", null, form)).Content.ReadAsStringAsync());
        Assert.Contains("Capacity must be 1 to 1000 people (sent: 0)", english);
    }

    [Fact]
    public async Task Should_show_learners_the_classes_open_to_them_and_their_own_with_status_words_and_city_times()
    {
        await using var app = new LearningApp();
        var coordinator = await app.ApiAs(Coordinator);
        var open = await Create(coordinator, Body(app, "Pelatihan Standar Pelayanan Publik", b => b["audience"] = new { units = new[] { "DISDUKCAPIL" } }));
        var full = await Create(coordinator, Body(app, "Kelas Layanan Adminduk Daring"));
        var closed = await Create(coordinator, Body(app, "Kelas Pendaftaran Tertutup"));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await Change(app, closed, (c, _) => c.Describe(c.Title, null, c.Jp, null, c.Capacity, c.Approval, null, now.AddMinutes(-5), now));
        // Agus waits for a place in the second class (as the registration service would have put him).
        var agusId = await EmployeeId(app, Agus);
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var r = new ClassRegistration(Guid.Parse(full), agusId, null, now);
            r.Waitlist(3, now);
            db.Add(r);
            await db.SaveChangesAsync();
        });

        var agus = await app.PagesAs(Agus);
        var list = await agus.GetStringAsync("/classes");
        var text = Visible(list);
        var mine = text.IndexOf("Kelas saya", StringComparison.Ordinal);
        Assert.True(text.IndexOf("Kelas yang bisa diikuti", StringComparison.Ordinal) is >= 0 and var o && o < mine, text);
        Assert.Contains("Pelatihan Standar Pelayanan Publik", text[..mine]);
        Assert.Contains($"Sesi 1: {Shown(At(app, 20, 9))} – {Shown(At(app, 20, 12), "HH:mm")} — Aula BKPSDM Lantai 2", text);
        Assert.Contains("Sesi 2:", text);
        Assert.Contains("daring", text);
        Assert.Contains("12 JP · sisa 25 tempat", text);
        Assert.DoesNotContain("Kelas Pendaftaran Tertutup", text);
        Assert.Contains("Kelas Layanan Adminduk Daring daftar tunggu", text[mine..]);
        Assert.Contains($"Sesi berikutnya: {Shown(At(app, 20, 9))}", text[mine..]);
        Assert.Single(Regex.Matches(list, "<main"));
        Assert.Contains("href=\"/classes\"", list); // the learner's menu entry "Kelas"

        var detail = await agus.GetStringAsync($"/classes/{open}");
        var shown = Visible(detail);
        Assert.Contains("Sri Wahyuningsih", shown);
        Assert.Contains($"pendaftaran ditutup {Shown(At(app, 10, 16))}", shown);
        Assert.Contains("Anda belum terdaftar di kelas ini.", shown);
        Assert.Contains(">Daftar</button>", detail);
        Assert.Matches("name=\"__RequestVerificationToken\"", detail);
        Assert.Contains("Tautan pertemuan daring", shown);
        // His waitlisted class: his status, and the cancel button behind its confirmation.
        var waiting = Visible(await agus.GetStringAsync($"/classes/{full}"));
        Assert.Contains("daftar tunggu", waiting);
        Assert.Contains("Yakin membatalkan pendaftaran?", waiting);

        // Registration closed: the page says so and registers nobody.
        var refused = await Post(agus, $"/classes/{closed}", "Register", new());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Pendaftaran kelas ini sedang tidak dibuka.", Visible(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(1, await Count<ClassRegistration>(app));

        // A class for another unit is not there for Rizky.
        var rizky = await app.PagesAs(Rizky);
        Assert.Equal(HttpStatusCode.NotFound, (await rizky.GetAsync($"/classes/{open}")).StatusCode);
        Assert.DoesNotContain("Pelatihan Standar Pelayanan Publik", Visible(await rizky.GetStringAsync("/classes")));

        // In English on request.
        Assert.Equal(HttpStatusCode.Redirect, (await agus.PostAsync("/language",
            await LearningApp.FormWithToken(agus, "/", new() { ["language"] = "en", ["returnUrl"] = "/" }))).StatusCode);
        var english = Visible(await agus.GetStringAsync("/classes"));
        Assert.Contains("Classes you can join", english);
        Assert.Contains("waiting list", english);
    }

    [Fact]
    public async Task Should_show_the_roster_with_names_units_the_queue_in_order_and_attendance()
    {
        await using var app = new LearningApp();
        var coordinator = await app.ApiAs(Coordinator);
        var id = Guid.Parse(await Create(coordinator, Body(app, "Kelas Verifikasi Data", b => b["capacity"] = 1)));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (dewi, agus, rizky, bambang) = (await EmployeeId(app, Dewi), await EmployeeId(app, Agus), await EmployeeId(app, Rizky), await EmployeeId(app, Supervisor));
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var cls = await db.Set<Class>().Include(c => c.Sessions).SingleAsync(c => c.Id == id);
            cls.TakePlace(now);
            var registered = new ClassRegistration(id, dewi, null, now);
            registered.Register(null, now);
            // Queue numbers, not names or arrival: Rizky took number 4, Agus number 7.
            var second = new ClassRegistration(id, agus, null, now);
            second.Waitlist(7, now);
            var firstInQueue = new ClassRegistration(id, rizky, null, now.AddMinutes(1));
            firstInQueue.Waitlist(4, now);
            var pending = new ClassRegistration(id, bambang, null, now);
            pending.AwaitApproval(now);
            db.AddRange(registered, second, firstInQueue, pending);
            db.Add(new Attendance(id, cls.Sessions.Single(s => s.Number == 1).Id, dewi, now, AttendanceMethods.Code, null));
            await db.SaveChangesAsync();
        });

        var sri = await app.PagesAs(Coordinator);
        var roster = Visible(await sri.GetStringAsync($"/authoring/classes/{id}/roster"));
        Assert.Contains("1/1 tempat terisi", roster);
        Assert.Contains("Terdaftar (1)", roster);
        Assert.Matches("Dewi Lestari .*Dinas Kependudukan dan Pencatatan Sipil hadir —", roster);
        Assert.Matches("Daftar tunggu, menurut urutan \\(2\\) Rizky Hidayat .*Dinas Komunikasi dan Informatika Agus Prasetyo", roster);
        Assert.Contains("Menunggu persetujuan atasan (1) Bambang Setiawan", roster);
        var list = Visible(await sri.GetStringAsync("/authoring/classes"));
        Assert.Contains("Kelas Verifikasi Data", list);
        Assert.Contains("1/1 tempat terisi 2 · 1 menunggu persetujuan", list);
        // Only coordinators: a learner is sent to the forbidden page.
        var learner = await app.PagesAs(Agus);
        var refused = await learner.GetAsync($"/authoring/classes/{id}/roster");
        Assert.Equal("/forbidden", new Uri(new Uri("http://localhost"), refused.Headers.Location!).AbsolutePath);
    }
}
