using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Learning.Accounts.Contracts;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts;

/// <summary>
/// A login's activation code: one row per login (a new code replaces the old), the code kept only as a hash.
/// Used is set once, by a conditional update, so of two activations at once exactly one wins.
/// </summary>
public sealed class ActivationCode
{
    public Guid Id { get; set; } = Ids.New();
    public Guid UserId { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTime IssuedAt { get; set; }
    /// <summary>The first instant the code no longer works (the start of the day after its last day, in the city's zone).</summary>
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>One person's new code, to print or to write to a CSV file; LastDay is a date in the city's zone.</summary>
public sealed record IssuedActivationCode(string Nip, string Name, string Unit, string Code, DateOnly LastDay);

public sealed class ActivationOptions
{
    public int ValidDays { get; init; } = 30;

    public static ActivationOptions From(IConfiguration configuration) =>
        new() { ValidDays = Math.Max(1, configuration.GetValue("Accounts:ActivationCodeDays", 30)) };
}

/// <summary>The outcome of an activation: done, refused with messages (nothing written), or throttled.</summary>
public sealed record ActivationOutcome(bool Done, IReadOnlyList<string> Errors, TimeSpan RetryAfter)
{
    public bool Throttled => RetryAfter > TimeSpan.Zero;
}

/// <summary>
/// Issues activation codes to people who have no password yet, and turns a NIP + code into a password. The person then signs in
/// as anyone else does. Every refusal of a code (unknown NIP, wrong, used or expired code, a login that already has a
/// password) is the same message, and counts as a failed sign-in in <see cref="SignInThrottle"/>.
/// </summary>
public sealed class ActivationCodes(LearningDbContext db, UserManager<LearningUser> users, IOrganisationDirectory organisation, IAuditLog audit,
    SignInThrottle throttle, ActivationOptions options, TimeProvider clock, IStringLocalizer text)
{
    /// <summary>No look-alikes (0/O, 1/I): 32 symbols, so 10 of them are 50 bits.</summary>
    internal const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Length = 10;

    public static readonly string[] CsvHeader = ["nip", "name", "unit", "code", "expires"];

    /// <summary>
    /// New codes for everyone without a password in the unit (and the units below it), or in the whole city when
    /// <paramref name="unitCode"/> is null; null when there is no such unit. Codes and the audit line are written together.
    /// </summary>
    public async Task<IReadOnlyList<IssuedActivationCode>?> Issue(string? unitCode, CancellationToken ct)
    {
        IReadOnlyList<EmployeeInfo> people;
        string subject;
        if (unitCode is not null)
        {
            if (await organisation.FindUnit(unitCode.Trim(), ct) is not { } unit) return null;
            people = await organisation.EmployeesIn(await organisation.UnitAndDescendants(unit.Id, ct), ct);
            subject = unit.Name;
        }
        else
        {
            people = await organisation.EmployeesIn((await organisation.Units(ct)).Select(u => u.Id), ct);
            subject = text["Accounts.Activation.Everyone"];
        }

        var withoutPassword = await db.Set<LearningUser>().AsNoTracking()
            .Where(u => u.PasswordHash == null && u.EmployeeId != null)
            .Select(u => new { u.Id, EmployeeId = u.EmployeeId!.Value }).ToListAsync(ct);
        var loginOf = withoutPassword.ToDictionary(u => u.EmployeeId, u => u.Id);
        var chosen = people.Where(p => loginOf.ContainsKey(p.Id)).OrderBy(p => p.UnitName).ThenBy(p => p.Name).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var lastDay = clock.LocalDate(now).AddDays(options.ValidDays);
        var expiresAt = StartOfDayUtc(lastDay.AddDays(1));
        var userIds = chosen.Select(p => loginOf[p.Id]).ToHashSet();
        var existing = (await db.Set<ActivationCode>().Where(c => userIds.Contains(c.UserId)).ToListAsync(ct)).ToDictionary(c => c.UserId);

        var issued = new List<IssuedActivationCode>(chosen.Count);
        foreach (var person in chosen)
        {
            var userId = loginOf[person.Id];
            var code = NewCode();
            if (!existing.TryGetValue(userId, out var row)) db.Add(row = new ActivationCode { UserId = userId });
            row.CodeHash = Hash(userId, code);
            row.IssuedAt = now;
            row.ExpiresAt = expiresAt;
            row.UsedAt = null;
            issued.Add(new IssuedActivationCode(person.Nip, person.Name, person.UnitName, code, lastDay));
        }
        audit.Record(AuditActions.ActivationCodesIssued, subject, text["Accounts.Activation.AuditDetail", issued.Count, Indonesian(lastDay)]);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>Sets the first password of the login named by <paramref name="nip"/> when the code is its own, unused and current.</summary>
    public async Task<ActivationOutcome> Activate(HttpContext http, string? nip, string? code, string? password, string? confirm, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(nip) || string.IsNullOrWhiteSpace(code) || string.IsNullOrEmpty(password))
            return Refused(text["Accounts.Activation.Missing"]);
        if (confirm is not null && confirm != password) return Refused(text["Accounts.Password.NoMatch"]);
        // The password's rules first: they say nothing about the account or the code, and a weak password spends no attempt.
        var rules = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new LearningUser(), password);
            rules.AddRange(result.Errors.Select(e => e.Description));
        }
        if (rules.Count > 0) return new ActivationOutcome(false, rules.Distinct().ToList(), TimeSpan.Zero);

        var typed = Normalise(code);
        var (user, wait) = await throttle.Guard(http, nip, c => TryActivate(nip, typed, password, c), ct);
        if (wait > TimeSpan.Zero) return new ActivationOutcome(false, [Pages.LoginModel.ThrottledMessage(text, wait)], wait);
        return user is null ? Refused(text["Accounts.Activation.Invalid"]) : new ActivationOutcome(true, [], TimeSpan.Zero);
    }

    private static ActivationOutcome Refused(string message) => new(false, [message], TimeSpan.Zero);

    private async Task<LearningUser?> TryActivate(string nip, string typedCode, string password, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await LoginLookup.Find(users, nip);
        var row = user is null ? null : await db.Set<ActivationCode>().AsNoTracking().FirstOrDefaultAsync(c => c.UserId == user.Id, ct);
        // The hash is worked out even for an unknown NIP, so a miss costs what a wrong code costs.
        var given = Hash(user?.Id ?? Guid.Empty, typedCode);
        if (user is null || row is null || user.PasswordHash is not null || user.EmployeeId is null
            || row.UsedAt is not null || row.ExpiresAt <= now
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(row.CodeHash)))
            return null;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Claimed by a conditional update: of two activations with this code at once, only one changes the row.
        var claimed = await db.Set<ActivationCode>()
            .Where(c => c.Id == row.Id && c.UsedAt == null && c.CodeHash == row.CodeHash)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        if (claimed != 1) return null;
        user.MustChangePassword = false;
        // Fails if a password was set meanwhile (the login's concurrency stamp, or "already has a password").
        if (!(await users.AddPasswordAsync(user, password)).Succeeded) return null;
        await transaction.CommitAsync(ct);
        return user;
    }

    /// <summary>ABCD-EFGH-JK: four, four, two.</summary>
    internal static string NewCode()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 2)}";
    }

    /// <summary>As typed from paper: any case, spaces and dashes ignored.</summary>
    internal static string Normalise(string typed) =>
        new(typed.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).Take(64).ToArray());

    /// <summary>
    /// SHA-256 of the login and the code. A slow password hash would make a city's sheet take minutes to issue; a code is
    /// 50 random bits, lives 30 days, works once and is guessed only through the throttle.
    /// </summary>
    internal static string Hash(Guid userId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId:N}:{Normalise(code)}")));

    private DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);

    internal static string Indonesian(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("id-ID"));

    public static string Csv(IEnumerable<IssuedActivationCode> codes) =>
        CsvText.Write(CsvHeader, codes.Select(c => new object?[] { c.Nip, c.Name, c.Unit, c.Code, c.LastDay }));
}
