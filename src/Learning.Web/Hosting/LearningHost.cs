using System.Globalization;
using System.Text.Json;
using Learning.Kernel;
using Learning.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Quartz;

namespace Learning.Web.Hosting;

public static class LearningHost
{
    public static readonly CultureInfo[] Cultures = [new("id-ID"), new("en-US")];

    public static WebApplicationBuilder AddLearning(this WebApplicationBuilder builder, IReadOnlyList<LearningModule> listed)
    {
        var configuration = builder.Configuration;
        ResolvePaths(builder);
        builder.WebHost.UseStaticWebAssets(); // theme assets straight from the build output (a no-op once published)
        if (!builder.Environment.IsDevelopment()) builder.Logging.AddConsoleLogs(configuration);

        var modules = ModuleSet.Resolve(listed, configuration);
        var services = builder.Services;
        services.AddSingleton(modules);
        services.AddSingleton<TimeProvider>(new CityClock(TimeProvider.System, CityTime.Zone(configuration)));
        services.AddSingleton<CityFormat>(); // every date and time a person reads (views have it as Format)
        services.AddHostedService<DatabaseInitializer>();

        AddDatabase(services, configuration, modules);
        services.AddDataProtection().SetApplicationName("Learning").PersistKeysToDbContext<LearningDbContext>();
        services.AddScoped<IOutbox, Outbox>();
        services.AddMemoryCache();
        services.AddSingleton<Stamps>();
        services.AddSingleton<ContentCache>();
        services.AddOutputCache(o =>
        {
            PersonalPagePolicy.Register(o);
            // A morning of first visits stores a page per person and page: the bound (default 100 MB) is what the cache adds
            // to the process's memory. 16 MB keeps some 1,300 pages (~12 KB each), the last minutes of a busy node; an
            // evicted page is only rendered again (bench/README.md, "Memory, fifth round").
            o.SizeLimit = configuration.GetValue("Caching:PageCacheMegabytes", 16L) * 1024 * 1024;
        });
        services.AddSingleton<OutboxProcessor>(); // run by the outbox-dispatch job

        // Texts come from the modules, the theme and the host.
        var assemblies = modules.Modules.Select(m => m.GetType().Assembly)
            .Append(typeof(Program).Assembly).Append(typeof(Theme.Default.ThemeMarker).Assembly);
        services.AddSingleton(new Texts(assemblies));
        services.AddLocalization();
        services.AddSingleton<IStringLocalizerFactory, TextsLocalizerFactory>();
        services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(Texts)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider()];
            o.FallBackToParentCultures = true;
        });

        services.Configure<ThemeOptions>(configuration.GetSection("Theme"));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ThemeOptions>>().Value);
        services.AddRazorPages(o =>
            {
                o.Conventions.Add(new SwitchedOffAreas(modules));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "learning.af";
            o.SuppressXFrameOptionsHeader = true; // BrowserHardening sends DENY on every response
        });
        BrowserHardening.AddHostChecks(services, configuration);
        // Secure by default: every page and endpoint needs a login unless it says AllowAnonymous.
        services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser().Build());

        services.AddProblemDetails(o => o.CustomizeProblemDetails = TooLargeBodies.Word);
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new TooLargeForms()));
        services.AddExceptionHandler<ConflictAnswers>(); // a lost race answers 409, never 500 (Kernel/Conflicts.cs)
        services.AddRateLimiter(_ => { }); // modules add their policies (certificate verification); the middleware needs the services either way
        services.AddOpenApi("v1");
        services.AddHealthChecks().AddDbContextCheck<LearningDbContext>("database");
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);

        AddScheduler(services, configuration, modules);
        services.AddSingleton<ScheduleReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleReconciler>()); // before the scheduler starts
        // The scheduler starts once the server listens: its first check-in and misfire scan can wait, the first page cannot.
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });

        foreach (var module in modules.Modules) module.ConfigureServices(services, configuration);
        StartUp.LoadKeyRingAfterListening(services); // last: AddAuthentication and Identity add data protection's service again
        return builder;
    }

    /// <summary>Quartz with its job store in our database (tables from our migrations), clustered on PostgreSQL.</summary>
    private static void AddScheduler(IServiceCollection services, IConfiguration configuration, ModuleSet modules)
    {
        var properties = new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.jobStore.tablePrefix"] = Scheduling.Contracts.QuartzSchema.TablePrefix,
            ["quartz.scheduler.instanceName"] = "Learning",
            ["quartz.scheduler.instanceId"] = "AUTO",
        };
        var connection = configuration.GetConnectionString("Learning")!;
        services.AddQuartz(properties, q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (configuration["Database:Provider"] == "Postgres")
                {
                    store.UsePostgres(connection);
                    // Every node checks in this often; one silent for the interval and the grace after it is taken for dead, and
                    // another node runs again what it was running (ScheduledJobs.AddScheduledJob asks for that).
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:CheckinSeconds", 10.0));
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Jobs:CheckinGraceSeconds", 7.5));
                    });
                }
                else store.UseSqlite(connection);
            });
            foreach (var module in modules.Modules) module.ConfigureJobs(q, configuration);
            if (configuration.GetValue("Testing:Jobs", false)) TestingJobs.Add(q, configuration); // the two-node test's, never in production
        });
        // Keep the stored triggers: overwriting them on every start would forget a fire missed during downtime, and
        // Quartz's misfire handling (fire once on start) needs that. ScheduleReconciler applies changed schedules.
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
    }

    private static void AddDatabase(IServiceCollection services, ConfigurationManager configuration, ModuleSet modules)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connection = configuration.GetConnectionString("Learning");
        switch (provider)
        {
            case "Sqlite":
                connection ??= $"Data Source={Path.Combine(configuration["DataRoot"]!, "learning.db")}";
                configuration["ConnectionStrings:Learning"] = connection; // Quartz shares it
                // SQLite rebuilds a table to change its key, outside the migration's transaction; the migration guard
                // (DatabaseInitializer) is what keeps two processes apart, so EF Core's warning about it is only noise.
                // The options are made once (optionsLifetime), with everything the context needs (Configure), not per request.
                services.AddDbContext<SqliteLearningDbContext>(o => SqliteLearningDbContext.Configure(UseCompiledModel<SqliteLearningDbContext>(o, modules)
                    .UseSqlite(connection).ConfigureWarnings(w =>
                        w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning))),
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddScoped<LearningDbContext>(sp => sp.GetRequiredService<SqliteLearningDbContext>());
                break;
            case "Postgres":
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Learning is not set.");
                services.AddDbContext<PostgresLearningDbContext>(o => PostgresLearningDbContext.Configure(UseCompiledModel<PostgresLearningDbContext>(o, modules)
                    .UseNpgsql(connection)), optionsLifetime: ServiceLifetime.Singleton);
                services.AddScoped<LearningDbContext>(sp => sp.GetRequiredService<PostgresLearningDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not known: use Sqlite or Postgres.");
        }
    }

    // The model generated ahead of time for Program.Modules' set (Data/CompiledModels); any other set builds its own.
    private static DbContextOptionsBuilder UseCompiledModel<TContext>(DbContextOptionsBuilder options, ModuleSet modules)
    {
#if !WITHOUT_COMPILED_MODEL
        if (Data.CompiledModels.CompiledModel.For<TContext>(modules) is { } model) options.UseModel(model);
#endif
        return options;
    }

    /// <summary>DataRoot (default App_Data) and the content folder (Content:Root, default: the repository's content/) as full paths.</summary>
    private static void ResolvePaths(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataRoot = Path.GetFullPath(configuration["DataRoot"] ?? "App_Data", builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataRoot);
        configuration["DataRoot"] = dataRoot;
        var hostRoot = builder.Environment.ContentRootPath;
        configuration[ContentFolder.Key] = configuration[ContentFolder.Key] is { Length: > 0 } content
            ? Path.GetFullPath(content, hostRoot)
            : FindRepositoryContent(hostRoot) ?? Path.Combine(hostRoot, "content");
    }

    private static string? FindRepositoryContent(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Learning.sln")) && Directory.Exists(Path.Combine(dir.FullName, "content")))
                return Path.Combine(dir.FullName, "content");
        return null;
    }

    /// <summary><c>--as-of ISO-8601</c> on the command line: everything in this run reads that time (after the city clock, so it wins).</summary>
    public static WebApplicationBuilder AddAsOfClock(this WebApplicationBuilder builder, string[] args)
    {
        if (CommandLine.AsOf(args) is { } asOf) builder.Services.AddSingleton<TimeProvider>(new AsOfClock(asOf, CityTime.Zone(builder.Configuration)));
        return builder;
    }

    /// <summary>
    /// The web pipeline, unless the command line names a verb (jobs run, import, export, …): a verb needs the services, not the
    /// pipeline, and routing every page would only slow its start.
    /// </summary>
    public static WebApplication UseLearning(this WebApplication app, string[] args) => CommandLine.Verb(args) is null ? app.UseLearning() : app;

    public static WebApplication UseLearning(this WebApplication app)
    {
        StartUp.BeginWarming(app);
        app.Use(BrowserHardening.HostCheck);
        app.Use(BrowserHardening.Headers);
        foreach (var module in app.Services.GetRequiredService<ModuleSet>().Modules) module.UseBeforeRouting(app);
        // The API answers errors as problem+json; people get a page in their language.
        app.UseWhen(c => IsApi(c), api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages.UseExceptionHandler("/error/500").UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseTooLargeBodies();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter(); // after routing: policies are per endpoint (certificate verification)
        app.UseAuthentication();
        foreach (var module in app.Services.GetRequiredService<ModuleSet>().Modules) module.UseAfterAuthentication(app);
        app.Use(BrowserHardening.CookieApiGuard);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseOutputCache(); // after authorisation: only pages the person may see are looked up (PersonalPagePolicy)

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            }),
            ResultStatusCodes = { [HealthStatus.Degraded] = 503, [HealthStatus.Unhealthy] = 503 },
        }).AllowAnonymous();

        foreach (var module in app.Services.GetRequiredService<ModuleSet>().Modules) module.MapEndpoints(app);
        // The benchmark's ceiling: the same pipeline with no work behind it (bench/run.sh switches it on).
        if (app.Configuration.GetValue("Bench:Enabled", false))
        {
            app.MapGet("/bench/ping", () => "pong").AllowAnonymous();
            // What a first-visit run's connection asks once its share of pages is sent: an answer that costs no CPU while
            // it waits, so idle connections take nothing from the pages still out (bench/first-visit.lua).
            app.MapGet("/bench/idle", async (CancellationToken aborted) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(60), aborted);
                return Results.NoContent();
            }).AllowAnonymous();
        }
        StartUp.EndpointsOnSecondCore(app);
        return app;
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health")
        || context.Request.Path.StartsWithSegments("/openapi");

    /// <summary>Serves, or runs the verb named on the command line.</summary>
    public static async Task<int> RunLearningAsync(this WebApplication app, string[] args)
    {
        if (CommandLine.Verb(args) is not { } verb)
        {
            await app.RunAsync();
            return 0;
        }
        await DatabaseInitializer.Migrate(app.Services, CancellationToken.None);
        return await Verbs.Run(app.Services, verb, CommandLine.VerbArguments(args));
    }

    /// <summary>Pages of a module switched off in configuration are not routed.</summary>
    private sealed class SwitchedOffAreas(ModuleSet modules) : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            if (model.AreaName is { } area && !modules.IsEnabled(area)) model.Selectors.Clear();
        }
    }
}
