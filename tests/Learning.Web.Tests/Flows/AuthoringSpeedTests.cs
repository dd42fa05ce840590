using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Learning.Web.Data;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>How long a coordinator waits for a course's authoring page, on SQLite with the demo data, and what it reads.</summary>
public sealed class AuthoringSpeedTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Coordinator = "198203152006042001";

    /// <summary>Counts the commands sent while it is switched on, and those that read lesson bodies.</summary>
    private sealed class Reads : DbCommandInterceptor
    {
        public volatile bool On;
        public int Commands;
        public int Bodies;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (On && !command.CommandText.Contains("Kernel_Stamps", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref Commands);
                if (command.CommandText.Contains("\"Markdown\"", StringComparison.Ordinal)) Interlocked.Increment(ref Bodies);
            }
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task Should_open_a_course_for_authoring_without_reading_every_lesson()
    {
        var reads = new Reads();
        await using var app = new LearningApp(configureServices: services =>
            services.ConfigureDbContext<SqliteLearningDbContext>((_, o) => o.AddInterceptors(reads)));
        var client = await app.PagesAs(Coordinator);
        foreach (var slug in new[] { "spbe-dasar", "pelindungan-data-pribadi" })
        {
            var page = $"/authoring/{slug}";
            var watch = Stopwatch.StartNew();
            var first = await client.GetAsync(page);
            var firstMs = watch.Elapsed.TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var times = new List<double>();
            for (var i = 0; i < 25; i++)
            {
                watch.Restart();
                using var response = await client.GetAsync(page);
                await response.Content.ReadAsByteArrayAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            times.Sort();
            (reads.Commands, reads.Bodies, reads.On) = (0, 0, true);
            var html = await client.GetStringAsync(page);
            reads.On = false;
            output.WriteLine($"{page}: first {firstMs:0} ms, then median {times[times.Count / 2]:0.0} ms, p90 {times[(int)(times.Count * 0.9)]:0.0} ms; " +
                $"{reads.Commands} SQL commands, {reads.Bodies} of them reading lesson bodies");

            // The outline is all there, without the lessons' bodies being read.
            var lessons = await app.WithScope(sp => sp.GetRequiredService<Learning.Kernel.LearningDbContext>().Set<Learning.Courses.Domain.Course>()
                .Where(c => c.Slug == slug).SelectMany(c => c.Lessons).Select(l => new { l.Title }).ToListAsync());
            Assert.NotEmpty(lessons);
            foreach (var lesson in lessons) Assert.Contains(lesson.Title, WebUtility.HtmlDecode(html));
            Assert.Equal(0, reads.Bodies);
        }
    }
}
