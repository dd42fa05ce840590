using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Learning.Kernel;

/// <summary>
/// Separation of duties, the one rule every decision asks: nobody decides a request about themselves (an extension, an
/// external training, a self-assessment, a path approval, a certificate, their own password or role). Someone else must.
/// </summary>
public static class Decisions
{
    public const string OwnRequestText = "Accounts.Decisions.OwnRequest";

    /// <summary>True when the caller is the person the decision is about, by employee or by login.</summary>
    public static bool IsOwn(this ClaimsPrincipal user, Guid? subjectEmployeeId, Guid? subjectUserId = null) =>
        (subjectEmployeeId is { } employee && user.GetEmployeeId() == employee)
        || (subjectUserId is { } login && user.GetUserId() == login);

    /// <summary>The message a page shows and the API's 403 title.</summary>
    public static string OwnRequest(IStringLocalizer text) => text[OwnRequestText];

    public static ProblemHttpResult OwnRequestProblem(IStringLocalizer text) => Problems.Forbidden(OwnRequest(text));
}
