using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Learning.Kernel;

/// <summary>
/// The one place that knows what a lost race looks like on both databases: a concurrency token that no longer matches, a
/// unique index that let the other request through, or the database refusing one of two writers. A lost race is retried on
/// fresh data (<see cref="Retrying{T}"/>); one that keeps losing is answered 409 by the host (problem+json or a page), never 500.
/// </summary>
public static class Conflicts
{
    public const int Tries = 5;

    public static bool IsConflict(this Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsDatabaseConflict(inner),
        _ => IsDatabaseConflict(e),
    };

    /// <summary>
    /// The database did not answer in time (no connection from the pool, a connect or command time-out, the server out of
    /// connection slots, EF's retries spent):
    /// the request is not at fault and may be tried again shortly, so it is 503 with Retry-After, not 500.
    /// </summary>
    public static bool IsUnavailable(this Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is TimeoutException || x is NpgsqlException { IsTransient: true } && x is not PostgresException
                || x is PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow }) return true;
        return false;
    }

    private static bool IsDatabaseConflict(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected,
        // 19 constraint (2067 unique, 1555 primary key); 5 and 6: busy or locked past the timeout.
        SqliteException s => s.SqliteErrorCode is 5 or 6 || (s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555),
        _ => false,
    };

    /// <summary>
    /// Runs work that reads what it decides on and saves; when it loses a race it runs again from a clean unit of work, so the
    /// decision is made on what the winner committed. After <see cref="Tries"/> losses the conflict goes up (answered 409).
    /// Not inside a caller's transaction: that transaction is spoiled and must be retried whole.
    /// </summary>
    public static async Task<T> Retrying<T>(this LearningDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await work(ct); }
            catch (Exception e) when (attempt < Tries && e.IsConflict() && db.Database.CurrentTransaction is null)
            {
                db.ChangeTracker.Clear();
                await Pause(attempt, ct);
            }
        }
    }

    /// <summary>
    /// As <see cref="Retrying{T}"/>, each run in a transaction of its own: what <paramref name="keep"/> accepts is committed, anything
    /// else (a refusal) is rolled back whole, so a refusal half-way leaves nothing written. <paramref name="tries"/> for work that
    /// serialises on one row (a busy class's registrations wait their turn rather than fail). Inside a caller's transaction it is
    /// simply part of that one: the caller commits or rolls back, and retries.
    /// </summary>
    public static async Task<T> Retrying<T>(this LearningDbContext db, Func<CancellationToken, Task<T>> work, Func<T, bool> keep,
        CancellationToken ct, int tries = Tries)
    {
        if (db.Database.CurrentTransaction is not null) return await work(ct);
        for (var attempt = 1; ; attempt++)
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                try
                {
                    var result = await work(ct);
                    if (keep(result)) await transaction.CommitAsync(ct);
                    else
                    {
                        await transaction.RollbackAsync(ct);
                        db.ChangeTracker.Clear();
                    }
                    return result;
                }
                catch (Exception e) when (attempt < tries && e.IsConflict())
                {
                    // Rolled back as the transaction is disposed; the next run decides on what the winner committed.
                }
            }
            db.ChangeTracker.Clear();
            await Pause(attempt, ct);
        }
    }

    // A little jitter so two losers do not meet again at once, growing with the losses.
    private static Task Pause(int attempt, CancellationToken ct) => Task.Delay(Random.Shared.Next(2, 15 * Math.Min(attempt, 10)), ct);
}

/// <summary>
/// The host's answer to a race still lost after the retries (409) or a database that did not answer in time (503), as problem+json with a message for the API. Pages return false
/// here and the error page, which sees the same exception, says it in the person's language.
/// </summary>
public sealed class ConflictAnswers : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(Microsoft.AspNetCore.Http.HttpContext context, Exception exception, CancellationToken ct)
    {
        var status = exception.IsConflict() ? 409 : exception.IsUnavailable() ? 503 : 0;
        if (status == 0 || !context.Request.Path.StartsWithSegments("/api")) return false;
        var text = context.RequestServices.GetRequiredService<IStringLocalizer>();
        var key = status == 409 ? "Conflict" : "Unavailable";
        context.Response.StatusCode = status;
        if (status == 503) context.Response.Headers.RetryAfter = "5";
        return await context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>().TryWriteAsync(new()
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = text[$"Accounts.Error.{key}.Title"], Detail = text[$"Accounts.Error.{key}.Text"] },
        });
    }
}
