using Learning.Kernel.Text;
using System.Globalization;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Modules.Tests.Infrastructure;
using Learning.Paths;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Learning.Paths.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Modules.Tests.Paths;

/// <summary>The step kinds PathsModule registers, from the real composition (one host and scope per test class).</summary>
public sealed class RegisteredSteps : IAsyncLifetime
{
    private readonly ModulesHost _host = new();
    private AsyncServiceScope _scope;

    public IServiceProvider Services => _scope.ServiceProvider;
    public PathSteps Steps { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _scope = _host.Services.CreateAsyncScope();
        Steps = Services.GetRequiredService<PathSteps>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }
}

/// <summary>Every registered step kind reads its fields, runs and says what it does; kinds have one name each; an unknown kind is refused.</summary>
public sealed class PathStepTests(RegisteredSteps registered) : IClassFixture<RegisteredSteps>
{
    private readonly PathSteps _steps = registered.Steps;

    private PathDefinition Good()
    {
        var (definition, problems) = PathYaml.Read(_steps, "paths/contoh.yml", PathDefinitionTests.Good, PathDefinitionTests.Courses, "contoh");
        Assert.Empty(problems);
        return definition!;
    }

    [Fact]
    public void Should_register_the_built_in_kinds_in_their_order_each_with_its_own_name()
    {
        Assert.Equal([StepKinds.RequestApproval, StepKinds.CompleteCourse, StepKinds.PassAssessment, StepKinds.IssueCertificate,
            StepKinds.Reassess, StepKinds.Notify, StepKinds.AttendClass], _steps.Kinds);
        Assert.All(_steps.All, s => Assert.Matches(PathYaml.Key(), s.Kind));
        // A kind's own fields never take the name of one every step has.
        Assert.All(_steps.All, s => Assert.Empty(s.Fields.Intersect(["id", "kind", "title", "next"])));
    }

    [Fact]
    public void Should_refuse_two_kinds_with_the_same_name()
    {
        var twice = Assert.Throws<InvalidOperationException>(() => new PathSteps([.. _steps.All, _steps.Of(StepKinds.Notify)!]));
        Assert.Contains("'notify'", twice.Message);
    }

    [Fact]
    public void Should_let_each_kind_read_its_fields_and_refuse_a_field_of_another_kind()
    {
        // The sample definition uses every registered kind: a new kind adds its step there.
        var definition = Good();
        Assert.Equal(_steps.Kinds.Where(k => k != StepKinds.AttendClass).Order(), definition.Steps.Select(s => s.Kind).Distinct().Order());
        foreach (var kind in _steps.All.Where(k => k.Kind != StepKinds.AttendClass))
        {
            var step = definition.Steps.First(s => s.Kind == kind.Kind);
            // A field no kind knows is refused on its line, naming the kind's own fields.
            var yaml = PathDefinitionTests.Replace($"  - id: {step.Id}\n    kind: {kind.Kind}\n", $"  - id: {step.Id}\n    kind: {kind.Kind}\n    salah: 1\n");
            var (refused, problems) = PathYaml.Read(_steps, "paths/contoh.yml", yaml, PathDefinitionTests.Courses, "contoh");
            Assert.Null(refused);
            var problem = Assert.Single(problems);
            Assert.Equal(("UnknownField", step.Line + 2), (problem.Key, problem.Line));
            Assert.Equal(string.Join(", ", ["id", "kind", "title", "next", .. kind.Fields]), problem.Args[1]);
        }
    }

    [Fact]
    public async Task Should_let_each_kind_run_and_note_what_it_did_so_a_second_run_repeats_nothing()
    {
        var definition = Good();
        var db = registered.Services.GetRequiredService<LearningDbContext>();
        var engine = registered.Services.GetRequiredService<PathEngine>();
        var now = DateTime.UtcNow;
        var stored = StoredPath.PublishedNow("contoh", 1, definition.Title, PathDefinitionTests.Good, "spbe-dasar", builtin: false, now);
        var outcomes = new Dictionary<string, StepOutcome>();
        // attend-class needs a class: its run is covered by the class path tests (Web tests, Flows/Classes).
        foreach (var kind in _steps.All.Where(k => k.Kind != StepKinds.AttendClass))
        {
            var step = definition.Steps.First(s => s.Kind == kind.Kind);
            var instance = new PathInstance(Guid.CreateVersion7(), stored, Guid.CreateVersion7(), Guid.CreateVersion7(), "spbe-dasar", step.Id, now);
            var facts = instance.Facts();
            // The step's other courses are enrolled already (enrolling on them is the blended path tests' subject).
            foreach (var other in step.Courses.Where(c => c != "spbe-dasar")) facts.Enrolments[other] = Guid.CreateVersion7();
            var first = await kind.Run(new StepRun(engine, instance, definition, step, facts, now), CancellationToken.None);
            var written = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
            var again = await kind.Run(new StepRun(engine, instance, definition, step, facts, now), CancellationToken.None);
            Assert.Equal(first, again);
            Assert.Equal(written, db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added));
            outcomes[kind.Kind] = first;
        }
        // A new instance: nothing learnt, nothing passed; an approval waits for its decision, a notice is sent and done.
        Assert.Equal(StepOutcome.Waiting, outcomes[StepKinds.RequestApproval]);
        Assert.Equal(StepOutcome.Waiting, outcomes[StepKinds.CompleteCourse]);
        Assert.Equal(StepOutcome.Waiting, outcomes[StepKinds.PassAssessment]);
        Assert.Equal(StepOutcome.Waiting, outcomes[StepKinds.IssueCertificate]);
        Assert.Equal(StepOutcome.Waiting, outcomes[StepKinds.Reassess]);
        Assert.Equal(new StepOutcome.Done("ulang"), outcomes[StepKinds.Notify]);
        Assert.Single(db.ChangeTracker.Entries<Approval>());
        Assert.Equal(outcomes.Keys.Order(), _steps.Kinds.Where(k => k != StepKinds.AttendClass).Order());
    }

    [Fact]
    public void Should_let_each_kind_describe_itself_in_indonesian()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        try
        {
            var definition = Good();
            var words = _steps.All.Where(k => k.Kind != StepKinds.AttendClass).ToDictionary(k => k.Kind, k => k.Describe(definition.Steps.First(s => s.Kind == k.Kind), "SPBE Dasar"));
            Assert.Equal("Persetujuan atasan", words[StepKinds.RequestApproval]);
            Assert.Equal("Selesaikan kursus SPBE Dasar", words[StepKinds.CompleteCourse]);
            Assert.Equal("Lulus asesmen SPBE Dasar", words[StepKinds.PassAssessment]);
            Assert.Equal("Sertifikat SPBE Dasar diterbitkan", words[StepKinds.IssueCertificate]);
            Assert.Equal("Asesmen ulang berkala SPBE Dasar", words[StepKinds.Reassess]);
            Assert.Equal("Pemberitahuan (learner)", words[StepKinds.Notify]);
            // Every registered kind has its words in the strings files (a missing string comes back as its name).
            Assert.All(words.Values, w => Assert.DoesNotContain("Paths.Step", w));
            Assert.Equal(_steps.Kinds.Where(k => k != StepKinds.AttendClass).Order(), words.Keys.Order());
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void Should_refuse_an_unknown_kind_when_reading_instead_of_running_it_as_a_notice()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        try
        {
            // Once the engine's default: a step of any other kind ran as a notice.
            var yaml = PathDefinitionTests.Replace("    kind: notify\n    to: learner\n    message: Selamat!", "    kind: kirim-surat\n    to: learner\n    message: Selamat!");
            var (definition, problems) = PathYaml.Read(_steps, "paths/contoh.yml", yaml, PathDefinitionTests.Courses, "contoh");
            Assert.Null(definition);
            var problem = Assert.Single(problems);
            var text = registered.Services.GetRequiredService<IStringLocalizer>();
            Assert.Equal(new SourceProblem("paths/contoh.yml", 29,
                    "Jenis langkah 'kirim-surat' tidak dikenal; pilih salah satu: request-approval, complete-course, pass-assessment, issue-certificate, reassess, notify, attend-class."),
                problem.Localize(text));
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
