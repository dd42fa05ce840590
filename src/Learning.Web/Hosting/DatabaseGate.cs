using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Learning.Web.Hosting;

/// <summary>
/// Lets the server listen while the migrations run (issue 21: start-up): a connection the app opens through EF Core before the
/// <see cref="DatabaseInitializer"/> is done waits for it, so no request, job or key-ring read meets a database that is not
/// migrated (nor, with Demo=true, seeded) yet. Open from the start when the initializer never runs (a verb, a test that
/// migrates by itself); the initializer closes it before the server starts and opens it when it is done.
/// </summary>
public sealed class DatabaseGate : DbConnectionInterceptor
{
    private static readonly AsyncLocal<bool> Initializing = new();
    private volatile Task _ready = Task.CompletedTask;

    /// <summary>Done when the database may be used: migrated (and seeded), or faulted with why it could not be.</summary>
    public Task Ready => _ready;

    /// <summary>Closes the gate until <paramref name="work"/> is done; the work's own connections pass.</summary>
    internal Task Run(Func<Task> work)
    {
        var ready = Task.Run(async () =>
        {
            Initializing.Value = true;
            await work();
        });
        _ready = ready;
        return ready;
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        if (!Initializing.Value && !_ready.IsCompletedSuccessfully) await _ready.WaitAsync(ct);
        return result;
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (!Initializing.Value && !_ready.IsCompletedSuccessfully) _ready.GetAwaiter().GetResult();
        return result;
    }
}

/// <summary>
/// A hosted service whose start reads the database (the data-protection key ring, the job schedule, VAPID keys): started
/// once the <see cref="DatabaseGate"/> opens, off the start-up path, so the server listens meanwhile. The host still
/// reports itself started (and Quartz starts its scheduler) only after every service's start is done.
/// </summary>
internal sealed class AfterDatabase(IHostedService inner, DatabaseGate gate) : IHostedService
{
    public IHostedService Inner => inner;

    public async Task StartAsync(CancellationToken ct)
    {
        await gate.Ready.WaitAsync(ct);
        await Task.Run(() => inner.StartAsync(ct), ct); // some start synchronously (the key ring): not on the caller's thread
    }

    public Task StopAsync(CancellationToken ct) => inner.StopAsync(ct);

    /// <summary>Wraps the hosted services registered so far whose type is named (some are internal to their library).</summary>
    public static void Wrap(IServiceCollection services, params string[] typeNames)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(IHostedService) || d.IsKeyedService) continue;
            var type = d.ImplementationType ?? d.ImplementationInstance?.GetType();
            if (type is null || !typeNames.Contains(type.Name)) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new AfterDatabase(
                d.ImplementationInstance as IHostedService
                ?? (IHostedService)ActivatorUtilities.GetServiceOrCreateInstance(sp, d.ImplementationType!),
                sp.GetRequiredService<DatabaseGate>()));
        }
    }
}
