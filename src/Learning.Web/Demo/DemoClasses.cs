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

        if (!await db.Set<Class>().AnyAsync(c => c.CourseSlug == ClassroomCourse && c.Title == ClassroomTitle, ct))
        {
            var c = new Class(ClassroomCourse, ClassroomTitle, 12, 25, ClassApprovals.Supervisor, At(monday.AddDays(-1), 23, 59), createdBy, now);
            c.Describe(ClassroomTitle,
                "Dua hari tatap muka: menyusun standar pelayanan dengan komponen PermenPANRB 15/2014, menyepakati maklumat pelayanan, " +
                "dan praktik survei kepuasan masyarakat. Bawa standar pelayanan unit Anda (cetak atau di laptop).",
                12, null, 25, ClassApprovals.Supervisor, null, At(monday.AddDays(-1), 23, 59), now);
            c.Complete(1m, postTest: true, evaluation: true, now);
            c.Sessions.Add(new ClassSession(c.Id, 1, At(monday, 8, 0), At(monday, 15, 30), Venue, null, RandomNumberGenerator.GetBytes(32)));
            c.Sessions.Add(new ClassSession(c.Id, 2, At(monday.AddDays(1), 8, 0), At(monday.AddDays(1), 15, 30), Venue, null, RandomNumberGenerator.GetBytes(32)));
            c.Trainers.Add(new ClassTrainer(c.Id, coordinator.Id));
            db.Add(c);
            // The supervisor's team, registered by the supervisor (approval is theirs to give).
            foreach (var member in await directory.Subordinates(supervisor.Id, indirect: false, ct))
            {
                if (!c.TakePlace(now)) break;
                var registration = new ClassRegistration(c.Id, member.Id, supervisor.Id, now);
                registration.Register(null, now);
                db.Add(registration);
            }
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"Demo classes: {ClassroomTitle} on {monday:yyyy-MM-dd} with {c.PlacesTaken} of {supervisor.Name}'s team registered.");
        }

        if (!await db.Set<Class>().AnyAsync(c => c.CourseSlug == BlendedCourse && c.Title == BlendedTitle, ct))
        {
            var wednesday = monday.AddDays(2);
            var c = new Class(BlendedCourse, BlendedTitle, 3, 40, ClassApprovals.None, At(wednesday.AddDays(-1), 12, 0), createdBy, now);
            c.Describe(BlendedTitle,
                "Pelajari kursus mandiri Pelindungan Data Pribadi lebih dulu, lalu ikuti satu sesi daring untuk membahas kasus " +
                "kebocoran data di layanan publik dan menyusun langkah pencegahan di unit Anda.",
                3, null, 40, ClassApprovals.None, null, At(wednesday.AddDays(-1), 12, 0), now);
            c.Complete(1m, postTest: true, evaluation: true, now);
            c.Sessions.Add(new ClassSession(c.Id, 1, At(wednesday, 9, 0), At(wednesday, 11, 30), null, MeetingUrl, RandomNumberGenerator.GetBytes(32)));
            c.Trainers.Add(new ClassTrainer(c.Id, coordinator.Id));
            db.Add(c);
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"Demo classes: {BlendedTitle} online on {wednesday:yyyy-MM-dd}.");
        }
    }
}
