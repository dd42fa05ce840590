using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Enrolments;

/// <summary>
/// Learning without a connection (issue 20), the server's half: what a device must keep to read a course offline, and the
/// lesson completions it made meanwhile, counted when they arrive as if they had been made online at the time they were made.
/// </summary>
public sealed partial class OfflineLearning(
    LearningDbContext db, Enrolling enrolling, ICourseCatalog catalog, IBlobStore blobs, IStringLocalizer text, TimeProvider clock)
{
    /// <summary>At most this many completions in one send: a week offline is a few dozen; more is a broken client.</summary>
    public const int MaxItems = 200;

    /// <summary>
    /// Sent by the app when it fetches a lesson page to keep it (<c>X-Learning-Offline: save</c>): the page is served as usual but
    /// is not recorded as the lesson the learner is at, so saving a course does not move "resume where I left off" to its end.
    /// </summary>
    public const string SaveHeader = "X-Learning-Offline";
    public const string SaveValue = "save";

    /// <summary>
    /// What the lesson page adds around the lesson itself (layout, menu, progress, form, the title twice): about 4.3 KB on the
    /// demo's pages for a learner, a little more for people with longer menus. An estimate for showing the size first, not a promise.
    /// </summary>
    public const int PageFrameBytes = 4_500;

    public sealed record Package(
        Guid EnrolmentId, CourseRef Course, string Version, IReadOnlyList<PackageLesson> Lessons, IReadOnlyList<PackageMedia> Media, long Bytes);

    public sealed record CourseRef(string Slug, string Title);

    public sealed record PackageLesson(string Key, string Title, string Url, long Bytes);

    public sealed record PackageMedia(string Url, long Bytes);

    /// <summary>Why a package cannot be made: 404 (not the caller's, or no such course) or 409 (ended, withdrawn, held), in words.</summary>
    public sealed record Refusal(int Status, string Title, string? Detail);

    /// <summary>
    /// The enrolment's course as a device keeps it: every lesson page and every same-origin file their HTML points at, with sizes,
    /// and a version that changes whenever any of it does (so a device knows when to fetch again).
    /// </summary>
    public async Task<(Package? Package, Refusal? Refusal)> Pack(Guid enrolmentId, Guid employeeId, string pathBase, string host,
        CancellationToken ct)
    {
        if (await enrolling.Find(enrolmentId, employeeId, ct) is not { } enrolment || await enrolling.Course(enrolment, ct) is not { } course)
            return (null, new Refusal(404, text["Enrolments.Api.NotFound"], null));
        if (await Closed(enrolment, course, ct) is { } closed) return (null, new Refusal(409, closed.Title, closed.Detail));

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(params object?[] parts) => hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts) + "\u001e"));
        Add(course.Course.Slug, course.Course.Version, course.Course.Title);

        var lessons = new List<PackageLesson>();
        var media = new SortedDictionary<string, string>(StringComparer.Ordinal); // url → blob name, each once, in a stable order
        foreach (var outline in Enrolling.LessonKeys(course))
        {
            if (await catalog.Lesson(course.Course.Slug, outline, ct) is not { } lesson) continue;
            Add(lesson.Key, lesson.Title, lesson.Html);
            var bytes = PageFrameBytes + Encoding.UTF8.GetByteCount(lesson.Html) + 2 * Encoding.UTF8.GetByteCount(lesson.Title);
            lessons.Add(new PackageLesson(lesson.Key, lesson.Title, $"{pathBase}/learn/{enrolment.Id}/{lesson.Key}", bytes));
            foreach (var (url, name) in SameOriginMedia(lesson.Html, host)) media.TryAdd(url, name);
        }

        var files = new List<PackageMedia>();
        foreach (var (url, name) in media)
        {
            // A file the lesson names but the store has lost cannot be kept; the page shows it missing online too.
            if (await blobs.Info(name, ct) is not { } info) continue;
            Add(url, info.Length, info.ETag ?? info.LastModified.UtcTicks.ToString(CultureInfo.InvariantCulture));
            files.Add(new PackageMedia(url, info.Length));
        }
        var version = $"{course.Course.Version}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
        return (new Package(enrolment.Id, new CourseRef(course.Course.Slug, course.Course.Title), version, lessons, files,
            lessons.Sum(l => l.Bytes) + files.Sum(f => f.Bytes)), null);
    }

    /// <summary>Files of this site the HTML names (img src, a href): "/media/…", or an absolute address on the same host.</summary>
    internal static IEnumerable<(string Url, string Blob)> SameOriginMedia(string html, string host)
    {
        foreach (Match m in Reference().Matches(html))
        {
            var raw = WebUtility.HtmlDecode(m.Groups["url"].Value).Trim();
            string path;
            if (raw.StartsWith('/') && !raw.StartsWith("//", StringComparison.Ordinal)) path = raw;
            else if (Uri.TryCreate(raw, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                     && string.Equals(absolute.Authority, host, StringComparison.OrdinalIgnoreCase)) path = absolute.PathAndQuery;
            else continue;
            var clean = path.Split('#', '?')[0];
            if (!clean.StartsWith("/media/", StringComparison.Ordinal)) continue;
            var name = clean["/media/".Length..];
            if (BlobNames.IsValid(name)) yield return (clean, name);
        }
    }

    [GeneratedRegex("""\b(?:src|href)\s*=\s*"(?<url>[^"]*)"|\b(?:src|href)\s*=\s*'(?<url>[^']*)'""", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    // --- completions sent later

    public sealed record Completion(Guid Id, Guid? EnrolmentId, string? LessonKey, string? CompletedAt);

    public sealed record Outcome(Guid Id, string Status, string? Reason)
    {
        public const string Applied = "applied";
        public const string Duplicate = "duplicate";
        public const string Refused = "refused";
    }

    /// <summary>
    /// One completion, in a transaction of its own: the client id is recorded with the lesson's completion, through the same
    /// domain method and event dispatch as "Tandai selesai" online (so the path engine moves as it would have), or neither is.
    /// A client id seen before is "duplicate", also when two sends race (the unique index stops the second; it runs again and
    /// finds the first). A lesson already done is "applied": it stays done with its first date, and the id is spent.
    /// </summary>
    public Task<Outcome> Apply(Guid employeeId, Completion item, CancellationToken ct) =>
        db.Retrying(async c =>
        {
            if (await db.Set<SyncedCompletion>().AsNoTracking().AnyAsync(s => s.EmployeeId == employeeId && s.ClientId == item.Id, c))
                return new Outcome(item.Id, Outcome.Duplicate, null);
            if (Instant(item.CompletedAt) is not { } when) return Refuse(item, text["Enrolments.Sync.BadTime"]);
            // Someone else's enrolment reads exactly like one that does not exist.
            if (item.EnrolmentId is not { } enrolmentId || await enrolling.Find(enrolmentId, employeeId, c) is not { } enrolment
                || await enrolling.Course(enrolment, c) is not { } course)
                return Refuse(item, text["Enrolments.Sync.NotFound"]);
            if (await Closed(enrolment, course, c) is { } closed) return Refuse(item, closed.Detail ?? closed.Title);
            var key = item.LessonKey?.Trim() ?? "";
            if (!Enrolling.LessonKeys(course).Contains(key)) return Refuse(item, text["Enrolments.Sync.UnknownLesson", key]);

            var now = clock.GetUtcNow().UtcDateTime;
            var at = when.UtcDateTime;
            if (at > now) at = now;
            if (at < enrolment.StartedAt) at = enrolment.StartedAt;
            db.Add(new SyncedCompletion(employeeId, item.Id, enrolment.Id, key, at, now));
            // Time spent is not claimed offline: the device's clock and attention cannot be checked.
            if (enrolment.Lessons.All(l => l.LessonKey != key)) enrolment.CompleteLesson(key, 0, at, course);
            await db.SaveChangesAsync(c);
            return new Outcome(item.Id, Outcome.Applied, null);
        }, ct);

    private static Outcome Refuse(Completion item, string reason) => new(item.Id, Outcome.Refused, reason);

    /// <summary>Why learning on the enrolment is closed now (request refused, course withdrawn, the path holds or ended); null when open.</summary>
    private async Task<(string Title, string? Detail)?> Closed(Enrolment enrolment, CourseOutline course, CancellationToken ct)
    {
        if (enrolment.IsRejected) return (text["Enrolments.Offline.Closed"], text["Enrolments.Sync.Ended"]);
        if (course.Course.Status != CourseStatus.Published) return (text["Enrolments.Offline.Closed"], text["Enrolments.Sync.Withdrawn"]);
        if (await enrolling.Hold(enrolment, ct) is { } hold) return (text["Enrolments.Offline.Closed"], text["Enrolments.Sync.Held", hold]);
        return null;
    }

    /// <summary>An ISO-8601 instant: a date, a time and an offset (Z or ±hh:mm); a local time without offset says no instant.</summary>
    private static DateTimeOffset? Instant(string? value) =>
        value is not null && InstantPattern().IsMatch(value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();
}
