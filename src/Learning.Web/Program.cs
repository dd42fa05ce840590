using Learning.Accounts;
using Learning.Assessments;
using Learning.Assignments;
using Learning.Audit;
using Learning.CareerRecords;
using Learning.Certification;
using Learning.Competencies;
using Learning.Courses;
using Learning.Kernel;
using Learning.Enrolments;
using Learning.Media;
using Learning.Notifications;
using Learning.Organisation;
using Learning.Paths;
using Learning.Reports;
using Learning.Scheduling;
using Learning.Web.Hosting;

var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.AddLearning(Program.Modules);
if (CommandLine.AsOf(args) is { } asOf) builder.Services.AddSingleton<TimeProvider>(new AsOfClock(asOf, Learning.Kernel.CityTime.Zone(builder.Configuration)));

var app = builder.Build();
// A verb (jobs run, import, export, …) needs the services, not the web pipeline: routing every page would only slow its start.
if (CommandLine.Verb(args) is null) app.UseLearning();
return await app.RunLearningAsync(args);

public partial class Program
{
    /// <summary>The modules this host runs, each registering what it owns.</summary>
    public static LearningModule[] Modules =>
    [
        new AuditModule(),
        new OrganisationModule(),
        new AccountsModule(),
        new MediaModule(),
        new CompetenciesModule(),
        new CoursesModule(),
        new EnrolmentsModule(),
        new AssessmentsModule(),
        new CertificationModule(),
        new PathsModule(),
        new CareerRecordsModule(),
        new NotificationsModule(),
        new SchedulingModule(),
        new AssignmentsModule(),
        new ReportsModule(),
    ];
}
