using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Learning.Organisation.Contracts;

namespace Learning.Accounts;

/// <summary>
/// generate-data: a login per generated employee, named by the NIP, with <see cref="SyntheticCity.Password"/>. Creating
/// thousands of users through UserManager hashes each password (deliberately slow), so the hash is computed once and the
/// users and their roles are written in batches.
/// </summary>
internal sealed class SyntheticAccounts(LearningDbContext db, RoleManager<LearningRole> roles, IPasswordHasher<LearningUser> hasher) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticEmployee)];
    public IReadOnlyList<Type> Makes => [typeof(SyntheticLogin)];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        foreach (var name in Roles.All)
            if (!await roles.RoleExistsAsync(name)) AccountAdministration.Check(await roles.CreateAsync(new LearningRole(name)));
        var roleIds = await db.Set<LearningRole>().AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, ct);

        var hash = hasher.HashPassword(new LearningUser(), SyntheticCity.Password);
        var supervisors = city.All<SyntheticEmployee>().Where(e => e.SupervisorId is not null).Select(e => e.SupervisorId!.Value).ToHashSet();
        var users = new List<LearningUser>(city.All<SyntheticEmployee>().Count);
        var grants = new List<IdentityUserRole<Guid>>(city.All<SyntheticEmployee>().Count * 2);
        var random = city.Random("Accounts");
        foreach (var e in city.All<SyntheticEmployee>())
        {
            var user = new LearningUser
            {
                UserName = e.Nip, NormalizedUserName = e.Nip, DisplayName = e.Name, EmployeeId = e.Id,
                PasswordHash = hash, SecurityStamp = Stamp(random), ConcurrencyStamp = Stamp(random), LockoutEnabled = true,
                Language = "id",
            };
            users.Add(user);
            city.Add(new SyntheticLogin(e.Id, user.Id));
            var granted = e.Roles.Append(Roles.Learner);
            if (supervisors.Contains(e.Id)) granted = granted.Append(Roles.Supervisor);
            grants.AddRange(granted.Distinct().Select(r => new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[r] }));
        }
        city.Count("Accounts", "logins", await SyntheticCity.Save(db, users, ct));
        city.Count("Accounts", "role grants", await SyntheticCity.Save(db, grants, ct));
    }

    private static string Stamp(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexString(bytes);
    }
}
