using System.Text;
using Learning.Certification;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Completes a course as the enrolment flow will: raises a real EnrolmentCompleted to the registered handlers
/// inside a transaction and saves, exactly what LearningDbContext's dispatch does before commit.
/// </summary>
internal static class CertificationDriver
{
    public const string Coordinator = "198203152006042001";
    public const string Learner = "199005172015031001";
    public const string OtherLearner = "199208082019022003";
    public const string DiskominfoLearner = "199501012020121004";

    public static Dictionary<string, string?> Settings(int permitLimit = 1000) => new()
    {
        ["Certification:CompressPdf"] = "false",
        ["Certification:VerifyPermitLimit"] = permitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PublicUrl"] = "https://belajar.example.go.id",
    };

    public static async Task<Certificate> Complete(LearningApp app, string nip, string slug, DateTime completedAt, decimal jp = 2, int minutes = 90)
    {
        return await app.WithScope(async sp =>
        {
            var employee = await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip)
                ?? throw new InvalidOperationException($"No employee {nip} in the demo.");
            var db = sp.GetRequiredService<LearningDbContext>();
            var completed = new EnrolmentCompleted(Guid.CreateVersion7(), employee.Id, slug, 1, jp, minutes, 90m,
                completedAt.AddDays(-3), completedAt);
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                foreach (var handler in sp.GetServices<IDomainEventHandler<EnrolmentCompleted>>())
                    await handler.Handle(completed, CancellationToken.None);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            return await db.Set<Certificate>().AsNoTracking().SingleAsync(c => c.EnrolmentId == completed.EnrolmentId);
        });
    }

    public static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}
