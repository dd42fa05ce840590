using Learning.Kernel;
using Learning.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Learning.Modules.Tests.Kernel;

/// <summary>Events dispatch before commit, in the same transaction; the outbox sends only what was committed.</summary>
public sealed class DomainEventTests : IAsyncLifetime
{
    public sealed record LessonCompleted(Guid ProgressId) : DomainEvent;

    public sealed class Progress : AggregateRoot
    {
        public Guid Id { get; private set; } = Guid.CreateVersion7();
        public string Lesson { get; private set; } = "";
        public static Progress Complete(string lesson)
        {
            var p = new Progress { Lesson = lesson };
            p.Raise(new LessonCompleted(p.Id));
            return p;
        }
    }

    public sealed class Ledger
    {
        public Guid Id { get; private set; } = Guid.CreateVersion7();
        public Guid ProgressId { get; init; }
    }

    public sealed record Mail(string To);

    public sealed class Note
    {
        public Guid Id { get; private set; } = Guid.CreateVersion7();
        public string Text { get; set; } = "";
    }

    private sealed class TestModule : LearningModule
    {
        public override string Id => "Test";
        public override void ConfigureModel(ModelBuilder model)
        {
            model.Entity<Progress>().ToTable(Table("Progress"));
            model.Entity<Ledger>().ToTable(Table("Ledger"));
            model.Entity<Note>().ToTable(Table("Notes"));
        }
    }

    /// <summary>Writes a ledger line for each completion, or fails when told to.</summary>
    private sealed class RecordLedgerWhenLessonCompleted(LearningDbContext db, Switch fail) : IDomainEventHandler<LessonCompleted>
    {
        public async Task Handle(LessonCompleted e, CancellationToken ct)
        {
            // Handlers see the change that raised the event: it is already written in this transaction.
            Assert.True(await db.Set<Progress>().AnyAsync(p => p.Id == e.ProgressId, ct));
            if (fail.On) throw new InvalidOperationException("handler failed");
            db.Set<Ledger>().Add(new Ledger { ProgressId = e.ProgressId });
        }
    }

    private sealed class Switch { public bool On { get; set; } }

    /// <summary>Takes a save's completions in one call (as the sweep's reactions do) and notes what each call was given.</summary>
    private sealed class CountLessonsWhenLessonCompleted(List<Guid[]> calls) : IDomainEventBatchHandler<LessonCompleted>
    {
        public Task HandleAll(IReadOnlyList<LessonCompleted> events, CancellationToken ct)
        {
            calls.Add(events.Select(e => e.ProgressId).ToArray());
            return Task.CompletedTask;
        }
    }

    private sealed class MailSender(List<string> sent) : IOutboxHandler<Mail>
    {
        public Task Handle(Mail message, CancellationToken ct)
        {
            if (message.To == "broken") throw new InvalidOperationException("smtp down");
            sent.Add(message.To);
            return Task.CompletedTask;
        }
    }

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly List<string> _sent = [];
    private readonly List<Guid[]> _batches = [];
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        var services = new ServiceCollection();
        services.AddSingleton(new ModuleSet([new TestModule()]));
        services.AddDbContext<SqliteLearningDbContext>(o => o.UseSqlite(_connection));
        services.AddScoped<LearningDbContext>(sp => sp.GetRequiredService<SqliteLearningDbContext>());
        services.AddSingleton(new Switch());
        services.AddSingleton(_sent);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IDomainEventHandler<LessonCompleted>, RecordLedgerWhenLessonCompleted>();
        services.AddSingleton(_batches);
        services.AddScoped<IDomainEventHandler<LessonCompleted>, CountLessonsWhenLessonCompleted>();
        services.AddScoped<IOutbox, Outbox>();
        services.AddOutboxHandler<Mail, MailSender>();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<OutboxProcessor>();
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Database.EnsureCreatedAsync();
    }

    private async Task<T> InScope<T>(Func<LearningDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LearningDbContext>(), scope.ServiceProvider);
    }

    [Fact]
    public async Task Should_write_the_change_and_its_reaction_together()
    {
        await InScope(async (db, _) => { db.Add(Progress.Complete("01-pengantar")); return await db.SaveChangesAsync(); });
        Assert.Equal(1, await InScope((db, _) => db.Set<Ledger>().CountAsync()));
    }

    [Fact]
    public async Task Should_hand_a_batch_handler_the_events_of_one_save_together_and_the_others_each_event()
    {
        var completed = new[] { "01-pengantar", "02-spbe", "03-layanan" }.Select(Progress.Complete).ToList();
        await InScope(async (db, _) => { db.AddRange(completed); return await db.SaveChangesAsync(); });

        var batch = Assert.Single(_batches);
        Assert.Equal(completed.Select(p => p.Id), batch);
        Assert.Equal(3, await InScope((db, _) => db.Set<Ledger>().CountAsync()));

        // Alone, an event is a batch of one.
        await InScope(async (db, _) => { db.Add(Progress.Complete("04-penutup")); return await db.SaveChangesAsync(); });
        Assert.Single(_batches[1]);
    }

    [Fact]
    public async Task Should_write_nothing_when_a_reaction_fails()
    {
        _services.GetRequiredService<Switch>().On = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            InScope(async (db, _) => { db.Add(Progress.Complete("02-gagal")); return await db.SaveChangesAsync(); }));
        Assert.Equal(0, await InScope((db, _) => db.Set<Progress>().CountAsync()));
        Assert.Equal(0, await InScope((db, _) => db.Set<Ledger>().CountAsync()));
    }

    [Fact]
    public async Task Should_send_outbox_messages_only_after_commit_and_retry_failures()
    {
        _services.GetRequiredService<Switch>().On = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => InScope(async (db, sp) =>
        {
            sp.GetRequiredService<IOutbox>().Enqueue(new Mail("rolled-back@example.id"));
            db.Add(Progress.Complete("03"));
            return await db.SaveChangesAsync();
        }));
        _services.GetRequiredService<Switch>().On = false;
        await InScope(async (db, sp) =>
        {
            sp.GetRequiredService<IOutbox>().Enqueue(new Mail("asn@example.id"));
            sp.GetRequiredService<IOutbox>().Enqueue(new Mail("broken"));
            return await db.SaveChangesAsync();
        });

        var processor = _services.GetRequiredService<OutboxProcessor>();
        Assert.Equal(1, await processor.ProcessPending(CancellationToken.None));
        Assert.Equal(["asn@example.id"], _sent);
        Assert.Equal(0, await processor.ProcessPending(CancellationToken.None)); // sent once; the broken one waits its back-off
        var broken = await InScope((db, _) => db.OutboxMessages.SingleAsync(m => m.ProcessedAt == null));
        Assert.Equal(1, broken.Attempts);
        Assert.Equal("smtp down", broken.LastError);
        Assert.True(broken.NextAttemptAt > DateTime.UtcNow, "a failed message is tried again later, not on the next pass");
    }

    [Fact]
    public async Task Should_keep_what_a_partial_save_did_not_look_for_until_the_full_save()
    {
        var id = await InScope(async (db, _) => { var note = new Note { Text = "draft" }; db.Add(note); await db.SaveChangesAsync(); return note.Id; });

        await InScope(async (db, _) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var note = await db.Set<Note>().SingleAsync(n => n.Id == id);
            note.Text = "edited"; // changed through a setter: only a full save looks for it
            db.Add(new Ledger { ProgressId = id });
            await db.SaveKnownChangesAsync(CancellationToken.None);
            Assert.Equal("draft", await db.Set<Note>().AsNoTracking().Where(n => n.Id == id).Select(n => n.Text).SingleAsync());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

        Assert.Equal("edited", await InScope((db, _) => db.Set<Note>().Where(n => n.Id == id).Select(n => n.Text).SingleAsync()));
        Assert.Equal(1, await InScope((db, _) => db.Set<Ledger>().CountAsync(l => l.ProgressId == id)));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
