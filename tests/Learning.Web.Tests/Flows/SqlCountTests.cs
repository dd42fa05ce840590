using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Learning.Kernel;
using Learning.Web.Data;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Organisation.Contracts;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// No N+1: each busy page issues the same number of SQL commands for a small city and for one four times larger
/// (more courses in the catalogue, more enrolments per learner, more certificates). A query per row shows up as a
/// count that grows with the data.
/// </summary>
public sealed class SqlCountTests(SqlCountTests.Cities cities, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SqlCountTests.Cities>
{
    /// <summary>The pages of bench/run.sh: (name, who asks, the URL in a given city). A page not routed in this build answers 404 in both.</summary>
    public static readonly IReadOnlyList<(string Name, string Who, Func<SyntheticCity, string> Url)> Pages =
    [
        ("catalog", "learner", _ => "/courses"),
        ("lesson", "learner", c => $"/learn/{c.Samples["enrolment"]}/{c.Samples["lesson"]}"),
        ("my learning", "learner", _ => "/"),
        ("career record", "learner", _ => "/career-record"),
        ("team", "supervisor", _ => "/team"),
        ("team compliance API", "supervisor", _ => "/api/v1/team/compliance"),
        ("certificate verification API", "anonymous", c => $"/api/v1/certificates/verify/{c.Samples["certificate"]}"),
    ];

    public static TheoryData<string> PageNames => new(Pages.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PageNames))]
    public async Task Should_issue_as_many_sql_commands_for_a_larger_city(string page)
    {
        var (status, small) = await cities.Small.Count(page);
        var (largeStatus, large) = await cities.Large.Count(page);
        // A background write that moves a stamp makes one request read a remembered count again (one command more, once); a
        // query per row adds its commands on every asking. So a difference is asked once more and the smaller counts compared.
        if (small != large)
        {
            small = Math.Min(small, (await cities.Small.Count(page)).Commands);
            large = Math.Min(large, (await cities.Large.Count(page)).Commands);
        }

        output.WriteLine($"{page}: HTTP {(int)status}, {small} SQL commands (small city), {large} (larger city)");
        Assert.Equal(status, largeStatus);
        Assert.True(status == HttpStatusCode.OK, $"{page} answered {(int)status}");
        // The catalogue renders from the content cache and the person's memos (session, unread count): none of its own.
        Assert.True(small > 0 || page == "catalog", $"{page}: no SQL counted");
        Assert.True(small == large,
            $"{page}: {small} SQL commands for the small city, {large} for the larger one — a query per row?");
    }

    /// <summary>
    /// Issue 21, first visits (each person opens each page once, so no cache helps): home, the career record and the team page read each of
    /// the person's facts once. Each command costs a fixed ~1 ms of EF and SQLite work before its rows; the ceilings are what
    /// the pages issue after the round of bench/README.md ("Home and the career record, fewer commands"), so a section that
    /// reads again what another already read, or asks when there is nothing to ask, shows up here.
    /// </summary>
    [Theory]
    [InlineData("my learning", HomeCommands)]
    [InlineData("career record", CareerRecordCommands)]
    [InlineData("team", TeamCommands)]
    public async Task Should_keep_home_the_career_record_and_the_team_page_to_their_commands(string page, int most)
    {
        var (status, commands) = await cities.Large.Count(page);

        output.WriteLine($"{page}: {commands} SQL commands (at most {most})");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(commands <= most, $"{page}: {commands} SQL commands, at most {most} expected");
    }

    private const int HomeCommands = 9;
    private const int CareerRecordCommands = 5;
    // The team page after "The team page (7 December)": its people, their items, JP, the pending requests (read once for the
    // page and the menu's badge) and the approvals badge; published paths and the people for the gaps are not read again.
    private const int TeamCommands = 5;

    // Not the catalogue: rendered warm it runs no command, so a repeat visit could not show the cache (PageCacheTests does).
    public static TheoryData<string> CachedPageNames => new("lesson", "my learning", "team");

    [Theory]
    [MemberData(nameof(CachedPageNames))]
    public async Task Should_serve_a_repeat_visit_of_a_busy_page_from_the_cache(string page)
    {
        var (status, rendered) = await cities.Large.Count(page);
        var (repeatStatus, repeat) = await cities.Large.Count(page, sameUrl: true);

        output.WriteLine($"{page}: {rendered} SQL commands rendered, {repeat} on a repeat visit");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, repeatStatus);
        Assert.True(repeat == 0, $"{page}: {repeat} SQL commands on a repeat visit");
        Assert.True(rendered > repeat);
    }

    /// <summary>
    /// Opening a lesson remembers it as where to resume, but the page does not wait for that write (issue 21: on SQLite the
    /// lesson pages of a busy morning queued on the one writer): no INSERT, UPDATE or DELETE runs in the request, and the
    /// resume point reaches the database behind it.
    /// </summary>
    [Fact]
    public async Task Should_open_a_lesson_without_writing_in_the_request_and_save_where_to_resume_behind_it()
    {
        var town = cities.Large;
        var enrolment = Guid.Parse(town.City.Samples["enrolment"]);
        var slug = town.City.All<SyntheticEnrolment>().Single(e => e.Id == enrolment).CourseSlug;
        var keys = town.City.All<SyntheticCourse>().Single(c => c.Slug == slug).LessonKeys;
        Assert.True(keys.Count >= 2, "the sample course has one lesson");

        // Two lessons in turn, so each visit changes where to resume, whatever other tests opened before.
        foreach (var key in new[] { keys[1], keys[0], keys[1] })
        {
            var (status, writes) = await town.Writes($"/learn/{enrolment}/{key}?render={Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(writes == 0, $"opening {key} wrote {writes} times in the request");
        }
        // Saved behind the page: wait for it (a busy machine may take a while), never a fixed sleep.
        var saved = await town.ResumePointOf(enrolment);
        for (var waited = TimeSpan.Zero; saved != keys[1] && waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(100))
        {
            await Task.Delay(100);
            saved = await town.ResumePointOf(enrolment);
        }
        Assert.Equal(keys[1], saved);
    }

    [Fact]
    public async Task Should_not_count_the_unread_notifications_again_on_a_persons_next_page()
    {
        // The bar's unread count is remembered with the person's stamps (the session check has just read them): a warm page of
        // someone whose notices did not change reads none, nor the session row; the catalogue then runs no command at all.
        var (status, commands) = await cities.Large.Count("catalog");
        var texts = cities.Large.LastTexts;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, commands);
        Assert.DoesNotContain(texts, t => t.Contains("Notifications_Notifications", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Accounts_Sessions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_give_the_larger_city_more_of_everything_the_pages_list()
    {
        // The comparison means something only when the larger city really has more rows behind each page.
        Assert.True(cities.Large.City.All<SyntheticCourse>().Count > cities.Small.City.All<SyntheticCourse>().Count);
        Assert.True(await cities.Large.EnrolmentsOfLearner() > await cities.Small.EnrolmentsOfLearner());
        Assert.Equal(HttpStatusCode.OK, (await cities.Small.Count("catalog")).Status);
    }

    public sealed class Cities : IAsyncLifetime
    {
        public Town Small { get; } = new(employees: 80, courses: 5);
        public Town Large { get; } = new(employees: 320, courses: 20);

        public async Task InitializeAsync()
        {
            await Small.Start();
            await Large.Start();
        }

        public async Task DisposeAsync()
        {
            await Small.DisposeAsync();
            await Large.DisposeAsync();
        }
    }

    public sealed class Town(int employees, int courses) : IAsyncDisposable
    {
        private const string Header = "X-Sql-Count";
        private const string WriteSuffix = ":writes";
        private readonly SqlCommandCounter _counter = new();
        private readonly Dictionary<string, HttpClient> _clients = [];
        private LearningApp _app = null!;

        public SyntheticCity City { get; private set; } = null!;

        /// <summary>Every command the last request <see cref="Count"/> counted ran, the change stamps' reads included.</summary>
        public IReadOnlyList<string> LastTexts { get; private set; } = [];

        public async Task Start()
        {
            _app = new LearningApp(demo: false, configureServices: services =>
            {
                services.AddHttpContextAccessor();
                services.AddSingleton(_counter);
                services.ConfigureDbContext<SqliteLearningDbContext>((sp, o) => o.AddInterceptors(new CountingInterceptor(sp)));
            });
            _ = _app.Server; // start: migrate the empty database
            City = new SyntheticCity(employees, courses, seed: 7, _app.Clock.GetUtcNow().UtcDateTime);
            await GenerateDataVerb.Generate(_app.Services, City, null, CancellationToken.None);
            _clients["learner"] = await _app.PagesAs(City.Samples["learner"], SyntheticCity.Password);
            _clients["supervisor"] = await _app.PagesAs(City.Samples["supervisor"], SyntheticCity.Password);
            _clients["anonymous"] = _app.CreateClient();
        }

        /// <summary>
        /// The page's status and SQL commands, asked three times: the last, warm request is the one counted (the first may
        /// write, as a lesson remembers where to resume, and a write makes the next request read the change stamps again). Each asks a
        /// URL of its own, so the page is rendered (not served from the output cache) unless <paramref name="sameUrl"/>.
        /// </summary>
        public async Task<(HttpStatusCode Status, int Commands)> Count(string page, bool sameUrl = false)
        {
            var (_, who, url) = Pages.Single(p => p.Name == page);
            var client = _clients[who];
            HttpStatusCode status = default;
            var commands = 0;
            for (var i = 0; i < 3; i++)
            {
                var tag = Guid.NewGuid().ToString("N");
                var address = url(City);
                if (!sameUrl) address += (address.Contains('?') ? "&" : "?") + "render=" + tag;
                using var request = new HttpRequestMessage(HttpMethod.Get, address);
                request.Headers.Add(Header, tag);
                using var response = await client.SendAsync(request);
                status = response.StatusCode;
                commands = _counter.Of(tag);
                LastTexts = _counter.TextsOf(tag);
            }
            return (status, commands);
        }

        /// <summary>The status of the learner's GET and the writes (INSERT, UPDATE, DELETE) run in that request.</summary>
        public async Task<(HttpStatusCode Status, int Writes)> Writes(string url)
        {
            var tag = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(Header, tag);
            using var response = await _clients["learner"].SendAsync(request);
            return (response.StatusCode, _counter.Of(tag + WriteSuffix));
        }

        /// <summary>Where the enrolment resumes, as the database holds it.</summary>
        public async Task<string?> ResumePointOf(Guid enrolmentId)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<Learning.Enrolments.Domain.Enrolment>()
                .IgnoreQueryFilters().Where(e => e.Id == enrolmentId).Select(e => e.LastLessonKey).SingleAsync();
        }

        public async Task<int> EnrolmentsOfLearner()
        {
            var learner = City.All<SyntheticEmployee>().Single(e => e.Nip == City.Samples["learner"]);
            return await Task.FromResult(City.All<SyntheticEnrolment>().Count(e => e.EmployeeId == learner.Id));
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients.Values) client.Dispose();
            await _app.DisposeAsync();
        }

        /// <summary>
        /// Counts the commands run for a request carrying the header (the background jobs' queries are not counted), except
        /// the read of the change stamps: once a second by design, so whether a request makes it depends on the clock.
        /// </summary>
        private sealed class CountingInterceptor(IServiceProvider services) : DbCommandInterceptor
        {
            private void Count(DbCommand command)
            {
                var context = services.GetService<IHttpContextAccessor>()?.HttpContext;
                if (context?.Request.Headers[Header].ToString() is not { Length: > 0 } tag) return;
                var counter = services.GetRequiredService<SqlCommandCounter>();
                counter.Ran(tag, command.CommandText);
                if (command.CommandText.Contains("Kernel_Stamps", StringComparison.Ordinal)) return;
                counter.Add(tag);
                var verb = command.CommandText.TrimStart();
                if (verb.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || verb.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                    || verb.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
                    counter.Add(tag + WriteSuffix);
            }

            public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
            { Count(command); return result; }

            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
                InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            { Count(command); return ValueTask.FromResult(result); }

            public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
            { Count(command); return result; }

            public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
                InterceptionResult<object> result, CancellationToken cancellationToken = default)
            { Count(command); return ValueTask.FromResult(result); }

            public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
            { Count(command); return result; }

            public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
                InterceptionResult<int> result, CancellationToken cancellationToken = default)
            { Count(command); return ValueTask.FromResult(result); }
        }
    }

    public sealed class SqlCommandCounter
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();
        public void Add(string tag) => _counts.AddOrUpdate(tag, 1, (_, n) => n + 1);
        public int Of(string tag) => _counts.GetValueOrDefault(tag);
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _texts = new();
        public void Ran(string tag, string text) => _texts.GetOrAdd(tag, _ => new()).Enqueue(text);
        public IReadOnlyList<string> TextsOf(string tag) => _texts.TryGetValue(tag, out var texts) ? [.. texts] : [];
    }
}
