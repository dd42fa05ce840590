using Learning.Kernel;
using Learning.Tenants;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Hosting;

/// <summary>
/// What start-up leaves until the server listens, and what it does on the second core meanwhile (issue 21: the first answer
/// within a second of launch; bench/README.md, "Start-up, sixth round"). Before the first answer the main thread still maps
/// the pages, checks the migrations, creates the scheduler (Quartz's hosted service) and starts Kestrel.
/// </summary>
internal static class StartUp
{
    /// <summary>
    /// Data protection's own hosted service loads the key ring before the server listens (an EF Core query: the process's
    /// first, ~0.3 s); <see cref="KeyRingAfterListening"/> loads it once the server listens instead. A page that signs a
    /// cookie or a form before that loads it itself, as any first use does.
    /// </summary>
    public static void LoadKeyRingAfterListening(IServiceCollection services)
    {
        var onStart = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService");
        if (onStart is null) return; // a later ASP.NET Core without it: the key ring loads on first use
        services.Remove(onStart);
        services.AddHostedService<KeyRingAfterListening>();
    }

    /// <summary>
    /// Before the pages are mapped: the Razor pages' descriptors (~0.45 s of reflection, which mapping them waits for) and
    /// EF Core's first query compilation (its services and the relational model, ~0.3 s, which the first read would otherwise
    /// wait for) are made on other threads while this one sets up the pipeline. Each is made once, under its own
    /// lock, by whichever thread asks first; a failure here only loses the head start.
    /// </summary>
    public static void BeginWarming(WebApplication app)
    {
        var services = app.Services;
        OnSecondCore(services, () => _ = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors);
        OnSecondCore(services, () =>
        {
            // No command reaches the database: the migrations may not have run. A tenant named here keeps the context from
            // reading the directory, and the query is compiled, not run.
            using var platform = Tenancy.Use(Tenancy.Platform);
            using var scope = services.CreateScope();
            _ = scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<Tenant>().AsNoTracking()
                .OrderBy(t => t.Key).ToQueryString();
        });
    }

    /// <summary>
    /// Once every endpoint is mapped: routes them now (the implicit <c>UseEndpoints</c> would when the host starts) and builds
    /// the endpoints on another thread while this one checks the migrations and starts the host (the authorisation
    /// middleware asks for them when the pipeline is built).
    /// </summary>
    public static void EndpointsOnSecondCore(WebApplication app)
    {
        app.UseEndpoints(_ => { });
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>();
        OnSecondCore(app.Services, () => _ = endpoints.Endpoints);
    }

    private static void OnSecondCore(IServiceProvider services, Action warm) => _ = Task.Run(() =>
    {
        try { warm(); }
        catch (Exception e) { services.GetRequiredService<ILogger<WebApplication>>().LogDebug(e, "Warming up on start failed"); }
    });

    private sealed class KeyRingAfterListening(IKeyRingProvider keyRing, ILogger<KeyRingAfterListening> log) : IHostedLifecycleService
    {
        public async Task StartedAsync(CancellationToken ct)
        {
            try { await Task.Run(() => keyRing.GetCurrentKeyRing(), ct); }
            // As data protection's own service: not fatal here, the first use reads it again and fails there if it must.
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "The key ring was not loaded on start"); }
        }
        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
