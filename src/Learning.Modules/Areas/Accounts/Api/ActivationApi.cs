using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learning.Accounts.Api;

public sealed record ActivationRequest(string? Nip, string? Code, string? Password);

internal static class ActivationApi
{
    /// <summary>NIP + activation code + the first password → 204; the person then asks for a token as anyone does.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Activate(ActivationRequest request, HttpContext http, ActivationCodes activation,
        CancellationToken ct)
    {
        var outcome = await activation.Activate(http, request.Nip, request.Code, request.Password, confirm: null, ct);
        if (outcome.Done) return TypedResults.NoContent();
        if (outcome.Throttled)
        {
            http.Response.Headers.RetryAfter = Pages.LoginModel.RetryAfterSeconds(outcome.RetryAfter);
            return Problems.Of(StatusCodes.Status429TooManyRequests, outcome.Errors[0]);
        }
        return outcome.Errors.Count == 1 ? Problems.BadRequest(outcome.Errors[0]) : Problems.Validation(outcome.Errors[0], outcome.Errors);
    }
}
