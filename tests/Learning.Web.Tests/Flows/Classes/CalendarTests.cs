using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.Classes.ClassCalendarDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>One demo city for the feed tests; each test makes its own classes, so they do not meet.</summary>
public sealed class CalendarWorld : IAsyncLifetime
{
    public LearningApp App { get; private set; } = null!;
    public Task InitializeAsync() { App = new LearningApp(); _ = App.Server; return Task.CompletedTask; }
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The personal iCalendar feed as a phone reads it: one event per session of each class the person holds a place in, in UTC,
/// folded and escaped per RFC 5545; moved sessions with a higher SEQUENCE, cancelled ones as STATUS:CANCELLED; the secret
/// address renewable, and worth nothing on another tenant.
/// </summary>
public sealed class CalendarTests(CalendarWorld world) : IClassFixture<CalendarWorld>
{
    private LearningApp App => world.App;

    private static Dictionary<string, string> Event(Dictionary<string, Dictionary<string, string>> events, Guid session) =>
        events.Single(e => e.Key.StartsWith(session + "@", StringComparison.Ordinal)).Value;

    private static bool Has(Dictionary<string, Dictionary<string, string>> events, Guid session) =>
        events.Keys.Any(k => k.StartsWith(session + "@", StringComparison.Ordinal));

    private async Task<string> Feed(HttpClient client, string address)
    {
        var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Should_list_a_registered_persons_sessions_in_UTC_folded_and_escaped_and_not_a_waitlisted_class()
    {
        var day = Today(App).AddDays(9);
        var title = "Pelayanan Prima; Etika, Komunikasi \\ Empati bagi Petugas Loket Layanan Kependudukan Kota Semarang Tahun 2027";
        var venue = "Aula Lantai 3, Gedung Moch. Ichsan\nJl. Pemuda No. 148; Semarang";
        var (classId, sessions) = await CreateClass(App, title,
            [new(InCity(day, 8), InCity(day, 15, 30), venue), new(InCity(day.AddDays(1), 8), InCity(day.AddDays(1), 12), venue, "https://meet.example.go.id/prima")],
            new Dictionary<string, string> { [Agus] = RegistrationStatuses.Registered });
        var (_, waitlisted) = await CreateClass(App, "Kelas Antre", [new(InCity(day, 9), InCity(day, 10), "Ruang B")],
            new Dictionary<string, string> { [Agus] = RegistrationStatuses.Waitlisted });

        var pages = await App.PagesAs(Agus);
        var address = await FeedAddress(pages);
        var anonymous = App.ClientFor(null);
        var ics = await Feed(anonymous, address);

        // RFC 5545: CRLF everywhere, no line over 75 octets, continuation lines begin with a space.
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"longer than 75 octets: {line}"));
        Assert.Contains("\r\n ", ics); // the long title was folded
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);

        var events = Events(ics);
        var first = Event(events, sessions[0]);
        Assert.Equal(InCity(day, 8).ToString("yyyyMMdd'T'HHmmss'Z'"), first["DTSTART"]);
        Assert.Equal($"{day:yyyyMMdd}T010000Z", first["DTSTART"]); // 08:00 WIB is 01:00 UTC
        Assert.Equal($"{day:yyyyMMdd}T083000Z", first["DTEND"]);
        Assert.Equal("Pelayanan Prima\\; Etika\\, Komunikasi \\\\ Empati bagi Petugas Loket Layanan Kependudukan Kota Semarang Tahun 2027 (sesi 1 dari 2)",
            first["SUMMARY"]);
        Assert.Equal("Aula Lantai 3\\, Gedung Moch. Ichsan\\nJl. Pemuda No. 148\\; Semarang", first["LOCATION"]);
        Assert.Equal("0", first["SEQUENCE"]);
        Assert.Equal("CONFIRMED", first["STATUS"]);
        Assert.Matches(@"^\d{8}T\d{6}Z$", first["DTSTAMP"]);
        Assert.Contains($"/classes/{classId}", first["DESCRIPTION"]);
        var second = Event(events, sessions[1]);
        Assert.Equal($"{day.AddDays(1):yyyyMMdd}T010000Z", second["DTSTART"]);
        Assert.Equal("https://meet.example.go.id/prima", second["URL"]);
        Assert.Contains("https://meet.example.go.id/prima", second["DESCRIPTION"]);
        Assert.False(Has(events, waitlisted[0]));

        // The page lists the sessions by day in the city's time.
        var page = await pages.GetStringAsync("/classes/calendar");
        Assert.Contains("08.00 WIB", page);
        Assert.Contains(new System.Globalization.CultureInfo("id-ID").DateTimeFormat.GetMonthName(day.Month), page);
        Assert.DoesNotContain("Kelas Antre", page);

        // The same feed again: 304 with its ETag.
        var again = new HttpRequestMessage(HttpMethod.Get, address);
        var etag = (await anonymous.GetAsync(address)).Headers.ETag!;
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Should_show_a_moved_session_at_its_new_time_with_a_higher_sequence_and_a_cancelled_one_as_cancelled()
    {
        var day = Today(App).AddDays(12);
        var (classId, sessions) = await CreateClass(App, "Kelas Pindah", [new(InCity(day, 8), InCity(day, 12), "Ruang A"), new(InCity(day.AddDays(1), 8), InCity(day.AddDays(1), 12), "Ruang A")],
            new Dictionary<string, string> { [Dewi] = RegistrationStatuses.Registered });
        var address = await FeedAddress(await App.PagesAs(Dewi));
        var client = App.ClientFor(null);
        var etag = (await client.GetAsync(address)).Headers.ETag!;

        await Change(App, async db =>
        {
            var s = await db.Set<ClassSession>().SingleAsync(x => x.Id == sessions[0]);
            s.Move(1, InCity(day, 13), InCity(day, 16), "Ruang C", null);
            (await db.Set<ClassSession>().SingleAsync(x => x.Id == sessions[1])).Cancel();
        });
        var changed = new HttpRequestMessage(HttpMethod.Get, address);
        changed.Headers.IfNoneMatch.Add(etag);
        var response = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the old ETag no longer matches
        var events = Events(await response.Content.ReadAsStringAsync());
        var moved = Event(events, sessions[0]);
        Assert.Equal($"{day:yyyyMMdd}T060000Z", moved["DTSTART"]);
        Assert.Equal($"{day:yyyyMMdd}T090000Z", moved["DTEND"]);
        Assert.Equal("Ruang C", moved["LOCATION"]);
        Assert.Equal("1", moved["SEQUENCE"]);
        var cancelled = Event(events, sessions[1]);
        Assert.Equal("CANCELLED", cancelled["STATUS"]);
        Assert.Equal("1", cancelled["SEQUENCE"]);

        // The whole class cancelled: every session cancelled, with a higher sequence than the phone has.
        await Change(App, async db => (await db.Set<Class>().SingleAsync(c => c.Id == classId)).Cancel(App.Clock.GetUtcNow().UtcDateTime));
        events = Events(await Feed(client, address));
        Assert.Equal("CANCELLED", Event(events, sessions[0])["STATUS"]);
        Assert.Equal("2", Event(events, sessions[0])["SEQUENCE"]);

        // 31 days after the sessions, the cancelled events have left the feed.
        App.Clock.Advance(TimeSpan.FromDays(45));
        try { Assert.False(Has(Events(await Feed(client, address)), sessions[0])); }
        finally { App.Clock.Advance(TimeSpan.FromDays(-45)); }
    }

    [Fact]
    public async Task Should_keep_a_cancelled_registration_as_cancelled_events()
    {
        var day = Today(App).AddDays(15);
        var (_, sessions) = await CreateClass(App, "Kelas Batal", [new(InCity(day, 8), InCity(day, 12), "Ruang A")],
            new Dictionary<string, string> { [Rizky] = RegistrationStatuses.Cancelled });
        var events = Events(await Feed(App.ClientFor(null), await FeedAddress(await App.PagesAs(Rizky))));
        var e = Event(events, sessions[0]);
        Assert.Equal("CANCELLED", e["STATUS"]);
        Assert.Equal("1", e["SEQUENCE"]);
    }

    [Fact]
    public async Task Should_answer_404_to_a_wrong_token_and_to_the_old_token_once_renewed()
    {
        var client = App.ClientFor(null);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/calendar/bukan-token-yang-benar-sama-sekali.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/calendar/x.ics")).StatusCode);

        var pages = await App.PagesAs(Agus);
        var old = await FeedAddress(pages);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(old)).StatusCode);
        var renewed = await FeedAddress(pages); // "Buat tautan baru"
        Assert.NotEqual(old, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(renewed)).StatusCode);
        Assert.Equal(renewed, await FeedAddress(pages, renew: false)); // the page shows the address again
    }

    [Fact]
    public async Task Should_not_take_another_tenants_token_on_this_tenants_host()
    {
        const string host = "kalender-b.localhost";
        await App.AddTenant("kalender-b", "Kota B", host);
        var token = await App.InTenant("kalender-b", sp => sp.GetRequiredService<CalendarFeeds>().Renew(Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, (await App.ClientFor(host).GetAsync($"/calendar/{token}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.ClientFor(null).GetAsync($"/t/kalender-b/calendar/{token}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.ClientFor(null).GetAsync($"/calendar/{token}.ics")).StatusCode);
    }

    [Fact]
    public async Task Should_give_a_participant_one_class_as_a_file_and_nobody_else()
    {
        var day = Today(App).AddDays(18);
        var (classId, sessions) = await CreateClass(App, "Kelas Unduh", [new(InCity(day, 8), InCity(day, 12), "Ruang A")],
            new Dictionary<string, string> { [Dewi] = RegistrationStatuses.Registered });
        var dewi = await App.ApiAs(Dewi);
        var response = await dewi.GetAsync($"/classes/{classId}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var events = Events(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(sessions[0] + "@", Assert.Single(events).Key);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAs(Rizky)).GetAsync($"/classes/{classId}/calendar.ics")).StatusCode);
        var anonymous = await App.ClientFor(null, pages: true).GetAsync($"/classes/{classId}/calendar.ics");
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized || anonymous.Headers.Location?.ToString().Contains("/login") == true,
            $"anonymous got {(int)anonymous.StatusCode}");
    }

    [Fact]
    public async Task Should_have_the_demo_classes_with_the_supervisors_team_registered()
    {
        // Agus and Dewi (Bambang's team) find the classroom class in their calendar; the blended class is there for anyone.
        foreach (var nip in new[] { Agus, Dewi })
        {
            var pages = await App.PagesAs(nip);
            var page = await pages.GetStringAsync("/classes/calendar");
            Assert.Contains("Diklat Standar Pelayanan dan Maklumat Pelayanan (klasikal)", page);
            Assert.Contains("Ruang Diklat BKPSDM Kota Semarang", page);
            var events = Events(await Feed(App.ClientFor(null), await FeedAddress(pages)));
            var demo = events.Values.Where(e => e["SUMMARY"].StartsWith("Diklat Standar Pelayanan", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, demo.Count);
            Assert.All(demo, e => Assert.EndsWith("T010000Z", e["DTSTART"])); // 08:00 WIB
        }
        await App.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            var blended = await db.Set<Class>().Include(c => c.Sessions).SingleAsync(c => c.CourseSlug == "pelindungan-data-pribadi");
            Assert.StartsWith("https://", Assert.Single(blended.Sessions).OnlineUrl);
            var classroom = await db.Set<Class>().Include(c => c.Sessions).SingleAsync(c => c.CourseSlug == "standar-dan-maklumat-pelayanan");
            Assert.Equal((25, ClassApprovals.Supervisor, 2), (classroom.Capacity, classroom.Approval, classroom.Sessions.Count));
            Assert.Equal(2, await db.Set<ClassRegistration>().CountAsync(r => r.ClassId == classroom.Id && r.Status == RegistrationStatuses.Registered));
        });
        // Rizky (another unit) is in neither.
        Assert.DoesNotContain("Diklat Standar Pelayanan", await (await App.PagesAs(Rizky)).GetStringAsync("/classes/calendar"));
    }
}
