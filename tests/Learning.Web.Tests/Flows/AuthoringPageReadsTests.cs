using System.Data.Common;
using System.Net;
using Learning.Web.Data;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>What a course's authoring page reads (the outline, not every lesson's body: it took ~0.9 s on first opening).</summary>
public sealed class AuthoringPageReadsTests(Xunit.Abstractions.ITestOutputHelper output)
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
            (reads.Commands, reads.Bodies, reads.On) = (0, 0, true);
            var html = await client.GetStringAsync(page);
            reads.On = false;
            output.WriteLine($"{page}: {reads.Commands} SQL commands, {reads.Bodies} of them reading lesson bodies");

            // The outline is all there, without the lessons' bodies being read.
            var lessons = await app.WithScope(sp => sp.GetRequiredService<Learning.Kernel.LearningDbContext>().Set<Learning.Courses.Domain.Course>()
                .Where(c => c.Slug == slug).SelectMany(c => c.Lessons).Select(l => new { l.Title }).ToListAsync());
            Assert.NotEmpty(lessons);
            foreach (var lesson in lessons) Assert.Contains(lesson.Title, WebUtility.HtmlDecode(html));
            Assert.Equal(0, reads.Bodies);
        }
    }
}
