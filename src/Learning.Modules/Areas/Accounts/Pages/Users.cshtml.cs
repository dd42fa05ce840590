using System.Security.Cryptography;
using Learning.Accounts.Contracts;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

/// <summary>An administrator finds a login and resets its password to a one-time password the person must change.</summary>
[Authorize(Policy = Roles.Administrator)]
public sealed class UsersModel(LearningDbContext db, IAccountAdministration accounts, IAuditLog audit, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public sealed record Row(string UserName, string DisplayName, bool HasPassword, bool LockedOut, bool IsSelf = false, bool Deactivated = false);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<Row> Found { get; private set; } = [];
    public string? TemporaryPassword { get; private set; }
    public string? ResetFor { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await Search();

    public async Task<IActionResult> OnPostResetAsync(string userName)
    {
        // An administrator's own password is changed on /account/password, never reset here (separation of duties).
        var target = await Find(userName);
        if (target is not null && User.IsOwn(null, target.Id))
        {
            Error = Decisions.OwnRequest(text);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await Search();
            return Page();
        }
        var password = NewTemporaryPassword();
        // The reset and its audit line are written together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (target is not null && await accounts.SetPassword(target.UserName!, password, mustChangeAtNextLogin: true))
        {
            audit.Record(AuditActions.PasswordReset, $"{target.DisplayName} ({target.UserName})");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            TemporaryPassword = password;
            ResetFor = userName;
        }
        else Error = text["Accounts.Users.NotFound"];
        await Search();
        return Page();
    }

    private Task<LearningUser?> Find(string? userName)
    {
        var normalized = (userName ?? "").Trim().ToUpperInvariant();
        return db.Set<LearningUser>().AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized);
    }

    private async Task Search()
    {
        var q = (Q ?? "").Trim();
        var now = clock.GetUtcNow();
        var query = db.Set<LearningUser>().AsNoTracking();
        if (q.Length > 0) query = query.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        var users = await query.OrderBy(u => u.UserName).Take(50)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.PasswordHash, u.LockoutEnd, u.DeactivatedAt }).ToListAsync();
        Found = users.Select(u => new Row(u.UserName!, u.DisplayName, u.PasswordHash != null, u.LockoutEnd > now, User.IsOwn(null, u.Id), u.DeactivatedAt != null)).ToList();
    }

    /// <summary>Readable one-time password: no look-alike characters, always upper, lower and digits.</summary>
    private static string NewTemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789";
        var all = upper + lower + digits;
        var chars = new[] { Pick(upper), Pick(lower), Pick(digits) }
            .Concat(Enumerable.Range(0, 9).Select(_ => Pick(all))).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
        static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
    }
}
