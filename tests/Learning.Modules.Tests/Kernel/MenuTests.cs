using System.Security.Claims;
using Learning.Assignments;
using Learning.CareerRecords;
using Learning.Kernel;
using Learning.Modules.Tests.Infrastructure;
using Learning.Organisation.Contracts;
using Learning.Paths;
using Learning.Paths.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Modules.Tests.Kernel;

/// <summary>
/// The menu as the modules register it in the real composition: what each role sees, in order, a person with several
/// roles sees each page once, and the badges count the work waiting for that person (and never their own).
/// </summary>
public sealed class MenuTests : IAsyncLifetime
{
    private readonly ModulesHost _host = new();
    private EmployeeInfo _agus = null!, _bambang = null!, _sri = null!;

    public async Task InitializeAsync()
    {
        Assert.Empty((await _host.Import(Repository.Content)).Problems);
        string Csv(string name) => File.ReadAllText(Path.Combine(Repository.Root, "src", "Learning.Web", "Demo", name));
        var onboarded = await _host.With(sp => sp.GetRequiredService<IOrganisationOnboarding>().Import(new OnboardingFiles(
            new CsvFile("units.csv", Csv("units.csv")), new CsvFile("positions.csv", Csv("positions.csv")), new CsvFile("employees.csv", Csv("employees.csv")))));
        Assert.True(onboarded.Succeeded);
        Task<EmployeeInfo> Find(string nip) => _host.With(async sp => (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip))!);
        (_agus, _bambang, _sri) = (await Find("199005172015031001"), await Find("197811202003121002"), await Find("198203152006042001"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ClaimsPrincipal Person(EmployeeInfo? employee, params string[] roles) => new(new ClaimsIdentity(
        roles.Select(r => new Claim(ClaimTypes.Role, r))
            .Append(new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()))
            .Concat(employee is null ? [] : [new Claim(LearningClaims.EmployeeId, employee.Id.ToString())]),
        "test"));

    private Task<IReadOnlyList<MenuGroup>> MenuOf(ClaimsPrincipal person, string path = "/") =>
        _host.With(sp => sp.GetRequiredService<Menu>().For(person, path));

    private static string Hrefs(MenuGroup group) => string.Join(" ", group.Entries.Select(e => e.Item.Href));

    [Fact]
    public async Task Should_show_each_role_its_own_pages_in_order_with_the_account_last()
    {
        var learner = await MenuOf(Person(_agus, Roles.Learner));
        Assert.Equal([Roles.Learner, Menu.Everyone], learner.Select(g => g.Role));
        Assert.Equal("/ /courses /classes /learn/offline /career-record /assignments/mine /career-record/assessment", Hrefs(learner[0]));
        Assert.Equal("/account/password", Hrefs(learner[1]));

        var supervisor = await MenuOf(Person(_bambang, Roles.Learner, Roles.Supervisor));
        Assert.Equal([Roles.Learner, Roles.Supervisor, Menu.Everyone], supervisor.Select(g => g.Role));
        Assert.Equal("/team /approvals /assignments/new /career-record/assessment/team", Hrefs(supervisor[1]));

        var coordinator = await MenuOf(Person(_sri, Roles.Learner, Roles.Coordinator));
        Assert.Equal("/authoring /authoring/classes /authoring/paths /reports /team /assignments/new /approvals /career-records/verification " +
                     "/career-records/compliance /certificates/revoke /competencies/standards", Hrefs(coordinator[1]));

        var administrator = await MenuOf(Person(null, Roles.Administrator));
        Assert.Equal([Roles.Administrator, Menu.Everyone], administrator.Select(g => g.Role));
        Assert.Equal("/admin /admin/users /admin/organisation /admin/jobs /admin/audit /approvals /authoring /authoring/classes /authoring/paths " +
                     "/competencies/standards /reports", Hrefs(administrator[0]));

        Assert.Empty(await MenuOf(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public async Task Should_show_a_page_once_to_a_person_holding_several_roles_in_their_first_group()
    {
        var everything = await MenuOf(Person(_sri, Roles.Learner, Roles.Supervisor, Roles.Coordinator, Roles.Administrator));
        var hrefs = everything.SelectMany(g => g.Entries).Select(e => e.Item.Href).ToList();
        Assert.Equal(hrefs.Distinct(), hrefs);
        var team = Assert.Single(everything.SelectMany(g => g.Entries.Select(e => (g.Role, e.Item))), x => x.Item.Href == "/team");
        Assert.Equal((Roles.Supervisor, "Assignments.Menu.Team"), (team.Role, team.Item.Key));
        // The administrator's group keeps only what the other groups did not show.
        Assert.Equal("/admin /admin/users /admin/organisation /admin/jobs /admin/audit", Hrefs(everything.Single(g => g.Role == Roles.Administrator)));
    }

    [Fact]
    public async Task Should_mark_the_entry_of_the_page_shown_by_its_longest_address()
    {
        var coordinator = Person(_sri, Roles.Learner, Roles.Coordinator);
        string Current(IReadOnlyList<MenuGroup> menu) => string.Join(" ", menu.SelectMany(g => g.Entries).Where(e => e.Current).Select(e => e.Item.Href));
        Assert.Equal("/authoring/paths", Current(await MenuOf(coordinator, "/authoring/paths/sertifikasi-pelayanan-publik")));
        Assert.Equal("/authoring", Current(await MenuOf(coordinator, "/authoring/spbe-dasar/questions")));
        Assert.Equal("/", Current(await MenuOf(coordinator, "/")));
        Assert.Equal("/career-record/assessment", Current(await MenuOf(coordinator, "/career-record/assessment")));
        Assert.Equal("", Current(await MenuOf(coordinator, "/courses-old")));
    }

    [Fact]
    public async Task Should_count_the_work_waiting_for_each_person_and_never_their_own()
    {
        var now = DateTime.UtcNow;
        await _host.With<object?>(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            // Two external trainings wait: Agus's, and the coordinator's own (another coordinator verifies that one).
            db.AddRange(
                Training.External(_agus.Id, _agus.Nip, "DISDUKCAPIL", "Bimtek SPBE", "BPSDM Jateng", "Teknis", "Bimtek", 8,
                    new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), "B-1", "career-records/agus.pdf", "application/pdf", now),
                Training.External(_sri.Id, _sri.Nip, "BKPSDM", "Pelatihan Kepemimpinan", "LAN", "Struktural", "Kepemimpinan", 16,
                    new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 8), "K-2", "career-records/sri.pdf", "application/pdf", now));
            // Approvals: one for Bambang as Agus's supervisor, one any coordinator decides, one Bambang decided already.
            db.AddRange(
                new Approval(Guid.CreateVersion7(), "approval", _agus.Id, _bambang.Id, StepWords.Supervisor, now, null),
                new Approval(Guid.CreateVersion7(), "approval", _agus.Id, null, StepWords.Coordinator, now, null));
            var decided = new Approval(Guid.CreateVersion7(), "approval", _agus.Id, _bambang.Id, StepWords.Supervisor, now, null);
            decided.Decide(true, null, _bambang.Id, "Bambang Setiawan", now);
            db.Add(decided);
            await db.SaveChangesAsync();
            return null;
        });
        // Bambang assigns a course to Agus, who asks for more time.
        var bambang = Person(_bambang, Roles.Learner, Roles.Supervisor);
        await _host.With<object?>(async sp =>
        {
            var outcome = await sp.GetRequiredService<Assigning>().Assign(bambang,
                new AssignCommand("spbe-dasar", null, [_agus.Nip], null, null, DateOnly.FromDateTime(now).AddDays(14), null), CancellationToken.None);
            Assert.IsType<AssignOutcome.Done>(outcome);
            return null;
        });
        await _host.With<object?>(async sp =>
        {
            var item = (await sp.GetRequiredService<Extensions>().Mine(_agus.Id, CancellationToken.None)).Single();
            var asked = await sp.GetRequiredService<Extensions>().Ask(_agus.Id, item.Item.Id, "Sedang dinas luar kota.", null, CancellationToken.None);
            Assert.Null(asked.Error);
            return null;
        });

        int Count(IReadOnlyList<MenuGroup> menu, string href) => menu.SelectMany(g => g.Entries).Single(e => e.Item.Href == href).Count;
        var supervisorMenu = await MenuOf(bambang);
        Assert.Equal(1, Count(supervisorMenu, "/approvals"));
        Assert.Equal(1, Count(supervisorMenu, "/team"));
        Assert.Equal(0, Count(supervisorMenu, "/assignments/new"));
        Assert.Equal("Assignments.Menu.ExtensionsWaiting", supervisorMenu.SelectMany(g => g.Entries).Single(e => e.Item.Href == "/team").Item.CountKey);

        // Once Bambang has answered, nothing waits for him there (the badge is counted in the database, not from his team).
        await _host.With<object?>(async sp =>
        {
            var extensions = sp.GetRequiredService<Extensions>();
            var waiting = (await extensions.Pending(bambang, CancellationToken.None)).Single();
            var decided = await extensions.Decide(bambang, waiting.Request.Id, false, null, "Tidak bisa.", CancellationToken.None);
            Assert.Null(decided.Error);
            return null;
        });
        Assert.Equal(0, Count(await MenuOf(bambang), "/team"));

        // A new approval addressed to him shows at once: the node remembers his count only as long as his stamp stays.
        await _host.With<object?>(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            db.Add(new Approval(Guid.CreateVersion7(), "approval", _agus.Id, _bambang.Id, StepWords.Supervisor, now, null));
            await db.SaveChangesAsync();
            return null;
        });
        Assert.Equal(2, Count(await MenuOf(bambang), "/approvals"));

        var coordinatorMenu = await MenuOf(Person(_sri, Roles.Learner, Roles.Coordinator));
        Assert.Equal(1, Count(coordinatorMenu, "/career-records/verification")); // Agus's; her own is not hers to verify
        Assert.Equal(1, Count(coordinatorMenu, "/approvals"));                   // the coordinator's step, not Bambang's

        var learnerMenu = await MenuOf(Person(_agus, Roles.Learner));
        Assert.All(learnerMenu.SelectMany(g => g.Entries), e => Assert.Equal(0, e.Count));
    }
}
