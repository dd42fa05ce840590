using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Learning.Kernel;

/// <summary>How to send one kind of outbox message, keyed by the message type's full name.</summary>
public sealed record OutboxRoute(string Type, Func<IServiceProvider, string, CancellationToken, Task> Send);

public static class OutboxServices
{
    public static IServiceCollection AddOutboxHandler<TMessage, THandler>(this IServiceCollection services)
        where TMessage : notnull where THandler : class, IOutboxHandler<TMessage>
    {
        services.AddScoped<IOutboxHandler<TMessage>, THandler>();
        services.AddSingleton(new OutboxRoute(typeof(TMessage).FullName!, (sp, payload, ct) =>
            sp.GetRequiredService<IOutboxHandler<TMessage>>().Handle(JsonSerializer.Deserialize<TMessage>(payload)!, ct)));
        return services;
    }
}

/// <summary>
/// Sends committed outbox messages (rows of the tenant that raised them) in the background, oldest first, tenant by tenant; a failure is retried on later
/// passes (at least once delivery), each later than the last (1, 2, 4 … minutes, capped at <see cref="MaxBackOff"/>), and
/// given up after MaxAttempts with the error kept.
/// </summary>
public sealed class OutboxProcessor(IServiceProvider services, IEnumerable<OutboxRoute> routes, TimeProvider clock,
    IConfiguration configuration, ILogger<OutboxProcessor> log) : BackgroundService
{
    public const int MaxAttempts = 8;
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(1);

    /// <summary>How long to wait after the given number of failed attempts: 1, 2, 4, 8 … minutes, capped.</summary>
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(attempts - 1, 0)), MaxBackOff.TotalMinutes));
    private readonly Dictionary<string, OutboxRoute> _routes = routes.ToDictionary(r => r.Type);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Outbox:IntervalSeconds", 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await ProcessPending(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Outbox pass failed"); }
            try { await Task.Delay(interval, clock, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// One pass over every tenant's pending messages; returns how many were sent. Each tenant's are sent inside that tenant's
    /// scope (its contexts, clock, mail sender), so a message is only ever handled as the tenant that raised it.
    /// </summary>
    public async Task<int> ProcessPending(CancellationToken ct)
    {
        var sent = 0;
        foreach (var tenant in services.GetService<ITenantDirectory>()?.All ?? [Tenancy.CurrentOrDefault(services)])
        {
            using var _ = Tenancy.Use(tenant);
            sent += await ProcessPendingOfCurrentTenant(ct);
        }
        return sent;
    }

    private async Task<int> ProcessPendingOfCurrentTenant(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.OutboxMessages
            .Where(m => m.ProcessedAt == null && m.Attempts < MaxAttempts && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.OccurredAt).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var message in pending)
        {
            if (!_routes.TryGetValue(message.Type, out var route)) continue; // a module that is switched off
            try
            {
                await route.Send(scope.ServiceProvider, message.Payload, ct);
                message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
                message.NextAttemptAt = null;
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                message.NextAttemptAt = message.Attempts < MaxAttempts ? clock.GetUtcNow().UtcDateTime + BackOff(message.Attempts) : null;
                log.LogWarning(e, "Outbox message {Id} ({Type}) of {Tenant} failed, attempt {Attempt}", message.Id, message.Type, db.TenantKey, message.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }
}
