using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication.Cookies;
using Learning.Accounts.Api;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Accounts;

/// <summary>Logins (ASP.NET Core Identity): NIP or user name, throttled sign-in, server-side sessions behind cookies for pages and bearer tokens for the API.</summary>
public sealed class AccountsModule : LearningModule
{
    /// <summary>Picks the bearer handler when the request carries a token, else the cookie.</summary>
    public const string SmartScheme = "Learning";

    public override string Id => "Accounts";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Audit"];
    /// <summary>The administration page links the platform's tenant page for the platform's administrator.</summary>
    public override IReadOnlyList<string> OptionalDependencies => ["Tenants"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Administrator, 10, "Accounts.Menu.Admin", "/admin");
        services.AddMenuItem(Roles.Administrator, 20, "Accounts.Menu.Users", "/admin/users");
        services.AddMenuItem(Menu.Everyone, 90, "Accounts.Menu.Account", "/account/password");
        services.AddSyntheticData<SyntheticAccounts>();
        services.AddIdentityCore<LearningUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                // No lock a stranger could trigger: SignInThrottle slows failed attempts down instead.
                o.Lockout.AllowedForNewUsers = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.Tokens.PasswordResetTokenProvider = AccountLinkTokens.Name;
            })
            .AddRoles<LearningRole>()
            .AddEntityFrameworkStores<LearningDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<LearningClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AccountLinkTokens>(AccountLinkTokens.Name);
        services.AddScoped<AccountLinks>();
        services.AddScoped<IAccountInvitations>(sp => sp.GetRequiredService<AccountLinks>());

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
                o.BearerTokenExpiration = TimeSpan.FromHours(configuration.GetValue("Accounts:TokenHours", 8)))
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/forbidden";
                o.Cookie.Name = "learning.auth";
                o.CookieManager = new TenantCookies(new ChunkingCookieManager());
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                // The API answers 401/403 as problem+json; only pages redirect to the login form.
                o.Events.OnRedirectToLogin = c => ApiAwareRedirect(c.HttpContext, c.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAwareRedirect(c.HttpContext, c.RedirectUri, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SecurityStampWhenDue;
                o.Events.OnCheckSlidingExpiration = ExtendSessionWhenRenewed;
            }));
        // A principal rebuilt by the security-stamp check keeps the session it belongs to (and the provider's token of a
        // session begun by single sign-on, for logging out there too).
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = c =>
        {
            if (c.NewPrincipal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
            foreach (var kept in new[] { Sessions.Claim, SingleSignOn.IdTokenClaim })
                if (c.CurrentPrincipal?.FindFirst(kept) is { } claim && !identity.HasClaim(x => x.Type == kept))
                    identity.AddClaim(new Claim(kept, claim.Value));
            return Task.CompletedTask;
        });
        services.AddSingleSignOn(configuration);
        services.AddSingleton<IPageOwner, SignedInPageOwner>();
        services.AddScoped<Sessions>();
        services.AddSingleton<OpenSessions>();
        services.AddSingleton(SignInThrottleOptions.From(configuration));
        services.AddScoped<SignInThrottle>();
        services.AddSingleton(ActivationOptions.From(configuration));
        services.AddScoped<ActivationCodes>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Roles.Coordinator, p => p.RequireRole(Roles.Coordinator, Roles.Administrator))
            .AddPolicy(Roles.Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.Coordinator, Roles.Administrator));

        services.AddScoped<IAccountAdministration, AccountAdministration>();
        services.AddScoped<IAccountNames, AccountNames>();
        services.AddScoped<IDomainEventHandler<EmployeeRegistered>, CreateLoginWhenEmployeeRegistered>();
        services.AddScoped<IDomainEventHandler<EmployeeDetailsChanged>, UpdateLoginWhenEmployeeDetailsChanged>();
        services.AddScoped<IDomainEventHandler<SupervisorAssigned>, GrantSupervisorRoleWhenSupervisorAssigned>();
        services.AddScoped<StaffAccess>();
        services.AddScoped<IDomainEventHandler<EmployeeDeactivated>, CloseLoginWhenEmployeeDeactivated>();
        services.AddScoped<IDomainEventHandler<EmployeeReactivated>, OpenLoginWhenEmployeeReactivated>();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        IdentityModel.Configure(model, Table);
        model.Entity<Session>(b =>
        {
            b.ToTable(Table("Sessions"));
            b.HasIndex(s => s.UserId);
        });
        model.Entity<SignInFailure>(b =>
        {
            b.ToTable(Table("SignInFailures"));
            b.Property(f => f.Account).HasMaxLength(256);
            b.Property(f => f.Address).HasMaxLength(64);
            b.HasIndex(f => new { f.Account, f.At });
            b.HasIndex(f => new { f.Address, f.At });
            b.HasIndex(f => f.At);
        });
        model.Entity<ActivationCode>(b =>
        {
            b.ToTable(Table("ActivationCodes"));
            b.HasIndex(c => c.UserId).IsUnique(); // one code per person: a new one replaces the old
            b.Property(c => c.CodeHash).HasMaxLength(64);
            b.HasOne<LearningUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountsApi();
        endpoints.MapSingleSignOn();
        endpoints.MapStaffApi();
    }

    /// <summary>Ended sessions and temporary passwords are refused on every request (<see cref="SessionGate"/>).</summary>
    public override void UseAfterAuthentication(IApplicationBuilder app) => app.Use(SessionGate.Run);

    /// <summary>A sliding cookie renewed (at most once per half lifetime) keeps its session row alive as long.</summary>
    private static async Task ExtendSessionWhenRenewed(CookieSlidingExpirationContext context)
    {
        if (!context.ShouldRenew || !Guid.TryParse(context.Principal?.FindFirstValue(Sessions.Claim), out var session)) return;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        await context.HttpContext.RequestServices.GetRequiredService<Sessions>()
            .Extend(session, clock.GetUtcNow() + Sessions.CookieLifetime, context.HttpContext.RequestAborted);
    }

    /// <summary>
    /// The security stamp is checked once per validation interval (30 minutes), as Identity does; but Identity builds
    /// the sign-in manager, the user store and a database context on every request before it looks at the clock.
    /// Looking first keeps a cached page free of all that.
    /// </summary>
    private static Task SecurityStampWhenDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval) return Task.CompletedTask;
        return SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static Task ApiAwareRedirect(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask; // the status-code middleware writes the problem+json body
        }
        // The handler builds the address from the request's Host header: only its path and query are sent back.
        context.Response.Redirect(Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) && absolute.Scheme != Uri.UriSchemeFile
            ? absolute.PathAndQuery : redirectUri);
        return Task.CompletedTask;
    }
}
