using Learning.Kernel;
using Learning.Web.Hosting;

if (CommandLine.Usage(args, Console.Out, Console.Error) is { } exit) return exit;
var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.AddLearning(Program.Modules).AddAsOfClock(args);
var app = builder.Build();
app.UseLearning(args);
return await app.RunLearningAsync(args);

public partial class Program
{
    /// <summary>The modules this host runs, each registering what it owns.</summary>
    public static LearningModule[] Modules =>
    [
        new Learning.Tenants.TenantsModule(),
        new Learning.Audit.AuditModule(),
        new Learning.Organisation.OrganisationModule(),
        new Learning.Accounts.AccountsModule(),
        new Learning.Media.MediaModule(),
        new Learning.Competencies.CompetenciesModule(),
        new Learning.Courses.CoursesModule(),
        new Learning.Enrolments.EnrolmentsModule(),
        new Learning.Assessments.AssessmentsModule(),
        new Learning.Certification.CertificationModule(),
        new Learning.Classes.ClassesModule(),
        new Learning.Evaluations.EvaluationsModule(),
        new Learning.Paths.PathsModule(),
        new Learning.CareerRecords.CareerRecordsModule(),
        new Learning.Notifications.NotificationsModule(),
        new Learning.Scheduling.SchedulingModule(),
        new Learning.Assignments.AssignmentsModule(),
        new Learning.Reports.ReportsModule(),
    ];
}
