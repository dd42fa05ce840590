using System.Security.Cryptography;
using Learning.Accounts.Contracts;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Demo;

/// <summary>
/// The demo city's two classes, timed from the day of seeding in the city's zone: a two-day classroom class of
/// standar-dan-maklumat-pelayanan next week in Semarang (capacity 25, the supervisor approves) with the demo supervisor's
/// team registered, and a blended class of pelindungan-data-pribadi with one online session. Rows go in directly through the
/// Classes entities (the seeder is the operator, not a person registering). Idempotent: a class already there is left as it is.
/// </summary>
internal static class DemoClasses
{
    public const string ClassroomCourse = "standar-dan-maklumat-pelayanan";
    public const string BlendedCourse = "pelindungan-data-pribadi";
    public const string ClassroomTitle = "Diklat Standar Pelayanan dan Maklumat Pelayanan (klasikal)";
    public const string BlendedTitle = "Pelindungan Data Pribadi dalam Layanan Publik (blended)";
    public const string Venue = "Ruang Diklat BKPSDM Kota Semarang, Jl. Pemuda No. 148, Semarang";
    public const string MeetingUrl = "https://meet.jit.si/diklat-pdp-kota-semarang";
    private const string Coordinator = "198203152006042001";
    private const string Supervisor = "197811202003121002";

    /// <summary>What differs between the two demo classes; both are taught by the coordinator and completed the same way.</summary>
    private sealed record Plan(string Course, string Title, string Description, decimal Jp, int Capacity, string Approval, DateTime Closes,
        IReadOnlyList<(DateTime Start, DateTime End, string? Venue, string? Url)> Sessions);

    public static async Task Seed(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var directory = sp.GetRequiredService<IOrganisationDirectory>();
        if (await directory.FindEmployeeByNip(Coordinator, ct) is not { } coordinator
            || await directory.FindEmployeeByNip(Supervisor, ct) is not { } supervisor) return; // an organisation of one's own
        var createdBy = await db.Set<LearningUser>().Where(u => u.EmployeeId == coordinator.Id).Select(u => u.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = clock.LocalTimeZone;
        var today = clock.LocalDate(now);
        // Monday of next week (tomorrow when seeding on a Sunday).
        var monday = today.AddDays((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7 is var d && d > 7 ? d - 7 : d);
        DateTime At(DateOnly day, int hour, int minute) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), zone);

        var wednesday = monday.AddDays(2);
        var classroom = await Add(db, coordinator.Id, createdBy, now, output, ct, new Plan(ClassroomCourse, ClassroomTitle,
            "Dua hari tatap muka: menyusun standar pelayanan dengan komponen PermenPANRB 15/2014, menyepakati maklumat pelayanan, " +
            "dan praktik survei kepuasan masyarakat. Bawa standar pelayanan unit Anda (cetak atau di laptop).",
            12, 25, ClassApprovals.Supervisor, At(monday.AddDays(-1), 23, 59),
            [(At(monday, 8, 0), At(monday, 15, 30), Venue, null), (At(monday.AddDays(1), 8, 0), At(monday.AddDays(1), 15, 30), Venue, null)]));
        if (classroom is not null)
        {
            // The supervisor's team, registered by the supervisor (approval is theirs to give). Rows, not ClassRegistrations: a
            // registration there enrols them on the course, which the demo's self-paced path on the same course then meets.
            foreach (var member in await directory.Subordinates(supervisor.Id, indirect: false, ct))
            {
                if (!classroom.TakePlace(now)) break;
                var registration = new ClassRegistration(classroom.Id, member.Id, supervisor.Id, now);
                registration.Register(null, now);
                db.Add(registration);
            }
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"Demo classes: {classroom.PlacesTaken} of {supervisor.Name}'s team registered in {ClassroomTitle}.");
        }
        await Add(db, coordinator.Id, createdBy, now, output, ct, new Plan(BlendedCourse, BlendedTitle,
            "Pelajari kursus mandiri Pelindungan Data Pribadi lebih dulu, lalu ikuti satu sesi daring untuk membahas kasus " +
            "kebocoran data di layanan publik dan menyusun langkah pencegahan di unit Anda.",
            3, 40, ClassApprovals.None, At(wednesday.AddDays(-1), 12, 0), [(At(wednesday, 9, 0), At(wednesday, 11, 30), null, MeetingUrl)]));
    }

    /// <summary>The class as planned, saved; null when it is there already.</summary>
    private static async Task<Class?> Add(LearningDbContext db, Guid trainerId, Guid createdBy, DateTime now, TextWriter output, CancellationToken ct, Plan plan)
    {
        if (await db.Set<Class>().AnyAsync(c => c.CourseSlug == plan.Course && c.Title == plan.Title, ct)) return null;
        var c = new Class(plan.Course, plan.Title, plan.Jp, plan.Capacity, plan.Approval, plan.Closes, createdBy, now);
        c.Describe(plan.Title, plan.Description, plan.Jp, null, plan.Capacity, plan.Approval, null, plan.Closes, now);
        c.Complete(1m, postTest: true, evaluation: true, now);
        var number = 1;
        foreach (var (start, end, venue, url) in plan.Sessions)
            c.Sessions.Add(new ClassSession(c.Id, number++, start, end, venue, url, RandomNumberGenerator.GetBytes(32)));
        c.Trainers.Add(new ClassTrainer(c.Id, trainerId));
        db.Add(c);
        await db.SaveChangesAsync(ct);
        await output.WriteLineAsync($"Demo classes: {plan.Title}, first session {plan.Sessions[0].Start:yyyy-MM-dd} (UTC).");
        return c;
    }
}
