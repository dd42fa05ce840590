using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Accounts;

internal sealed class AccountNames(LearningDbContext db) : IAccountNames
{
    public Task<string?> Of(Guid userId, CancellationToken ct = default) =>
        db.Set<LearningUser>().Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(ct);
}
