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

        output.WriteLine($"{page}: HTTP {(int)status}, {small} SQL commands (small city), {large} (larger city)");
        Assert.Equal(status, largeStatus);
        Assert.True(status == HttpStatusCode.OK, $"{page} answered {(int)status}");
        Assert.True(small > 0, $"{page}: no SQL counted");
        Assert.True(small == large,
            $"{page}: {small} SQL commands for the small city, {large} for the larger one — a query per row?");
    }

    public static TheoryData<string> CachedPageNames => new("catalog", "lesson", "my learning", "team");

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
        private readonly SqlCommandCounter _counter = new();
        private readonly Dictionary<string, HttpClient> _clients = [];
        private LearningApp _app = null!;

        public SyntheticCity City { get; private set; } = null!;

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
            }
            return (status, commands);
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
                if (command.CommandText.Contains("Kernel_Stamps", StringComparison.Ordinal)) return;
                var context = services.GetService<IHttpContextAccessor>()?.HttpContext;
                if (context?.Request.Headers[Header].ToString() is { Length: > 0 } tag) services.GetRequiredService<SqlCommandCounter>().Add(tag);
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
    }
}
