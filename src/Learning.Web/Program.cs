using Learning.Accounts;
using Learning.CareerRecords;
using Learning.Certification;
using Learning.Competencies;
using Learning.Courses;
using Learning.Kernel;
using Learning.Enrolments;
using Learning.Media;
using Learning.Notifications;
using Learning.Organisation;
using Learning.Web.Hosting;

var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.AddLearning(Program.Modules);

var app = builder.Build();
app.UseLearning();
return await app.RunLearningAsync(args);

public partial class Program
{
    /// <summary>The modules this host runs, each registering what it owns.</summary>
    public static LearningModule[] Modules =>
    [
        new OrganisationModule(),
        new AccountsModule(),
        new MediaModule(),
        new CompetenciesModule(),
        new CoursesModule(),
        new EnrolmentsModule(),
        new CertificationModule(),
        new CareerRecordsModule(),
        new NotificationsModule(),
    ];
}
