using System.Security.Claims;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Http;

namespace Learning.Audit;

/// <summary>Adds audit rows to the request's (or command's) unit of work; the caller's save writes them with the action.</summary>
internal sealed class AuditLog(LearningDbContext db, IHttpContextAccessor http, TimeProvider clock) : IAuditLog
{
    public void Record(string action, string subject, string? detail = null)
    {
        var context = http.HttpContext;
        var (userId, actor) = context?.User is { Identity.IsAuthenticated: true } user ? (user.GetUserId(), NameOf(user))
            // No request: a command of the host run by an operator (import, jobs run), or the host itself on start (demo seeding).
            : (null, context is null ? "host:" + Environment.UserName : "anonymous");
        var address = context is null ? "local" : context.Connection.RemoteIpAddress?.ToString();
        db.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, userId, actor, action, subject, detail, address));
    }

    private static string NameOf(ClaimsPrincipal user)
    {
        var login = user.Identity?.Name ?? "";
        var name = user.FindFirstValue(ClaimTypes.GivenName);
        return string.IsNullOrEmpty(name) || name == login ? login : $"{name} ({login})";
    }
}
