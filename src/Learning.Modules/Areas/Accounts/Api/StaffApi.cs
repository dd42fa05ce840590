using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Api;

/// <summary>Administrators deactivate and reactivate people (<see cref="StaffAccess"/>): 204, 404 for an unknown NIP, 409 for one's own.</summary>
internal static class StaffApi
{
    public static void MapStaffApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/admin/users").WithTags("Admin").RequireAuthorization(Roles.Administrator);
        // Bearer clients send no antiforgery token; cookies are SameSite=Lax, so no other site can post here with them.
        api.MapPost("/{nip}/deactivate", (string nip, HttpContext http, StaffAccess staff, IStringLocalizer text, CancellationToken ct) =>
            SetActive(nip, false, http, staff, text, ct)).DisableAntiforgery();
        api.MapPost("/{nip}/reactivate", (string nip, HttpContext http, StaffAccess staff, IStringLocalizer text, CancellationToken ct) =>
            SetActive(nip, true, http, staff, text, ct)).DisableAntiforgery();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetActive(string nip, bool active, HttpContext http, StaffAccess staff,
        IStringLocalizer text, CancellationToken ct) =>
        await staff.SetActive(http.User, nip, active, ct) switch
        {
            StaffOutcome.Done => TypedResults.NoContent(),
            StaffOutcome.Self => Problems.Conflict(text["Accounts.Staff.SelfDeactivate"]),
            _ => Problems.NotFound(text["Accounts.Users.NotFound"]),
        };
}
