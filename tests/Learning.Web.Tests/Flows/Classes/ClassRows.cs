using System.Security.Cryptography;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// A class written straight into the tables (registering runs through ClassRegistrations, built elsewhere): its sessions,
/// trainers and people with the registration status each holds.
/// </summary>
internal static class ClassRows
{
    public sealed record Inserted(Guid ClassId, IReadOnlyList<Guid> SessionIds);

    public static async Task<Inserted> Insert(IServiceProvider sp, string title, IReadOnlyList<(DateTime Start, DateTime End)> sessions,
        IEnumerable<string> trainerNips, IEnumerable<(string Nip, string Status)> people)
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var directory = sp.GetRequiredService<IOrganisationDirectory>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var c = new Class(null, title, 6, 400, ClassApprovals.None, now.AddDays(-1), Guid.Empty, now.AddDays(-7));
        db.Add(c);
        var ids = new List<Guid>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = new ClassSession(c.Id, i + 1, sessions[i].Start, sessions[i].End, "Aula BKPSDM lantai 2", null, RandomNumberGenerator.GetBytes(32));
            db.Add(s);
            ids.Add(s.Id);
        }
        foreach (var nip in trainerNips)
            db.Add(new ClassTrainer(c.Id, (await directory.FindEmployeeByNip(nip))!.Id));
        long queue = 1;
        foreach (var (nip, status) in people)
        {
            var employee = await directory.FindEmployeeByNip(nip) ?? throw new InvalidOperationException($"No employee {nip}.");
            var r = new ClassRegistration(c.Id, employee.Id, employee.Id, now.AddDays(-5));
            switch (status)
            {
                case RegistrationStatuses.Registered: r.Register(null, now.AddDays(-5)); c.TakePlace(now); break;
                case RegistrationStatuses.Waitlisted: r.Waitlist(queue++, now.AddDays(-5)); break;
                case RegistrationStatuses.PendingApproval: r.AwaitApproval(now.AddDays(-5)); break;
                case RegistrationStatuses.Cancelled: r.Cancel("berhalangan", now.AddDays(-5)); break;
            }
            db.Add(r);
        }
        await db.SaveChangesAsync();
        return new Inserted(c.Id, ids);
    }
}
