using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Tenants.Contracts;
using Learning.Web.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Learning.Web.Tests.Infrastructure;

public enum Db { Sqlite, Postgres }

/// <summary>
/// The real app over the real HTTP pipeline, on a fresh database of its own: a SQLite file in a
/// temporary DataRoot, or a new PostgreSQL database on the server eng/setup.sh started.
/// Demo=true seeds the demo organisation and accounts.
/// </summary>
public sealed partial class LearningApp : WebApplicationFactory<Program>
{
    private readonly Db _db;
    private readonly Dictionary<string, string?> _settings;
    private readonly string? _postgresDatabase;
    private readonly Action<IServiceCollection>? _configureServices;

    public string DataRoot { get; } = Directory.CreateTempSubdirectory("learning-test-").FullName;
    /// <summary>Starts at the real time (cookies are dated by it); tests move it with Set/Advance.</summary>
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <param name="configureServices">Test-only registrations, applied after the app's own (e.g. an extra IMediaAccessPolicy).</param>
    public LearningApp(Db db = Db.Sqlite, bool demo = true, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        _db = db;
        _configureServices = configureServices;
        _settings = new Dictionary<string, string?>
        {
            ["DataRoot"] = DataRoot,
            ["Demo"] = demo ? "true" : "false",
            // One city unless a test asks for the second (DemoSalatiga=true): Salatiga's import doubles the seed.
            ["DemoSalatiga"] = "false",
            ["Database:Provider"] = db.ToString(),
        };
        if (db == Db.Postgres)
        {
            _postgresDatabase = "learning_t_" + Guid.NewGuid().ToString("N")[..16];
            _settings["ConnectionStrings:Learning"] = $"{PostgresServer};Database={_postgresDatabase}";
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    /// <summary>The database this app uses, for a second app that shares it (a second web node).</summary>
    public string? ConnectionString => _settings.GetValueOrDefault("ConnectionStrings:Learning");

    /// <summary>Connection string of the test PostgreSQL server (set by eng/setup.sh via test.sh).</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("LEARNING_TEST_POSTGRES")
        ?? throw new InvalidOperationException("LEARNING_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            _configureServices?.Invoke(services);
        });
    }

    public async Task<T> WithScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithScope(Func<IServiceProvider, Task> work) => WithScope<object?>(async sp => { await work(sp); return null; });

    public Task<LearningDbContext> NewDb() => Task.FromResult(Services.CreateScope().ServiceProvider.GetRequiredService<LearningDbContext>());

    /// <summary>Adds a tenant answering on <paramref name="host"/> (and /t/{key}), with its own settings where given.</summary>
    public async Task<TenantInfo> AddTenant(string key, string name, string host, TenantSettings? settings = null)
    {
        var change = await WithScope(sp => sp.GetRequiredService<ITenantAdministration>()
            .Save(key, (settings ?? new TenantSettings()) with { Name = name, Hosts = host }, CancellationToken.None));
        if (!change.Succeeded) throw new InvalidOperationException(string.Join("; ", change.Problems));
        return change.Tenant!;
    }

    /// <summary>Work in a scope of one tenant (what a request on its host or a verb with --tenant does).</summary>
    public async Task<T> InTenant<T>(string key, Func<IServiceProvider, Task<T>> work)
    {
        var tenant = Services.GetRequiredService<ITenantDirectory>().Find(key) ?? throw new InvalidOperationException($"No tenant {key}.");
        using var _ = Tenancy.Use(tenant);
        return await WithScope(work);
    }

    public Task InTenant(string key, Func<IServiceProvider, Task> work) => InTenant<object?>(key, async sp => { await work(sp); return null; });

    /// <summary>A client whose requests go to <paramref name="host"/> (a tenant's host name); null: the default tenant.</summary>
    public HttpClient ClientFor(string? host, bool pages = false) => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = !pages, HandleCookies = true,
        // The factory's own address (a real port when the app runs on Kestrel), with the tenant's host name if one is given.
        BaseAddress = host is null ? ClientOptions.BaseAddress : new UriBuilder(ClientOptions.BaseAddress) { Host = host }.Uri,
    });

    /// <summary>An API client carrying a bearer token for the login (NIP or user name), on a tenant's host if given.</summary>
    public async Task<HttpClient> ApiAs(string userName, string password = DemoSeeder.Password, string? host = null)
    {
        var client = ClientFor(host);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token for {userName} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>A browser-like client logged in through the /login form (cookies, antiforgery).</summary>
    public async Task<HttpClient> PagesAs(string userName, string password = DemoSeeder.Password, string? host = null)
    {
        var client = ClientFor(host, pages: true);
        var response = await client.PostAsync("/login", await FormWithToken(client, "/login", new() { ["UserName"] = userName, ["Password"] = password }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Reads the antiforgery token from the page's form and returns the fields with it.</summary>
    public static async Task<FormUrlEncodedContent> FormWithToken(HttpClient client, string pageUrl, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(pageUrl);
        var token = AntiforgeryField().Match(html);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection($"{PostgresServer};Database=postgres");
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            // An autovacuum worker on this database belongs to the server's superuser, which the test role may not stop;
            // it is done in moments, so try again rather than fail a test that has already passed.
            for (var attempt = 1; ; attempt++)
            {
                try { await drop.ExecuteNonQueryAsync(); break; }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
                {
                    await Task.Delay(250);
                }
            }
        }
        try { Directory.Delete(DataRoot, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();
    public override DateTimeOffset GetUtcNow() => _now;
    public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(Learning.Kernel.CityTime.DefaultZone);
    public void Set(DateTimeOffset now) => _now = now.ToUniversalTime();
    public void Advance(TimeSpan by) => _now += by;
}
