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

/// <summary>Logins (ASP.NET Core Identity): NIP or user name, lockout, cookies for pages, bearer tokens for the API.</summary>
public sealed class AccountsModule : LearningModule
{
    /// <summary>Picks the bearer handler when the request carries a token, else the cookie.</summary>
    public const string SmartScheme = "Learning";

    public override string Id => "Accounts";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Audit"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSyntheticData<SyntheticAccounts>();
        services.AddIdentityCore<LearningUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Accounts:MaxFailedAccessAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Accounts:LockoutMinutes", 15));
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddRoles<LearningRole>()
            .AddEntityFrameworkStores<LearningDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<LearningClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();

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
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                // The API answers 401/403 as problem+json; only pages redirect to the login form.
                o.Events.OnRedirectToLogin = c => ApiAwareRedirect(c.HttpContext, c.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAwareRedirect(c.HttpContext, c.RedirectUri, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SecurityStampWhenDue;
            }));

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Roles.Coordinator, p => p.RequireRole(Roles.Coordinator, Roles.Administrator))
            .AddPolicy(Roles.Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.Coordinator, Roles.Administrator));

        services.AddScoped<IAccountAdministration, AccountAdministration>();
        services.AddScoped<IDomainEventHandler<EmployeeRegistered>, CreateLoginWhenEmployeeRegistered>();
        services.AddScoped<IDomainEventHandler<EmployeeDetailsChanged>, UpdateLoginWhenEmployeeDetailsChanged>();
        services.AddScoped<IDomainEventHandler<SupervisorAssigned>, GrantSupervisorRoleWhenSupervisorAssigned>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAccountsApi();

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
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
