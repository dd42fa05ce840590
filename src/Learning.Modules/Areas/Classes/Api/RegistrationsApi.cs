using System.Security.Claims;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Api;

public sealed record RegisterRequest(List<string>? Employees);
public sealed record RegisteredPersonDto(string Nip, string Name, Guid Id, string Status);
/// <summary>For oneself: the registration. For a supervisor's people: the first one's, and every person's in <see cref="Registrations"/>.</summary>
public sealed record RegistrationDto(Guid Id, string Status, IReadOnlyList<RegisteredPersonDto>? Registrations = null);
public sealed record ReserveRequest(int? Places);
public sealed record ReservationDto(Guid? Id, int Places, int Named);

/// <summary>Registering for a class (oneself, or a supervisor their people), cancelling, and supervisors' reserved places.</summary>
internal static class RegistrationsApi
{
    public static void MapClassRegistrationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/classes/{id:guid}").WithTags("Classes").RequireAuthorization();
        api.MapPost("/registrations", Register).Accepts<RegisterRequest>("application/json")
            .Produces<RegistrationDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/registrations/{registrationId:guid}", Cancel).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/reservations", Reserve).Accepts<ReserveRequest>("application/json")
            .Produces<ReservationDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/reservations/release", Release).Accepts<ReserveRequest>("application/json")
            .Produces<ReservationDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Register(Guid id, HttpRequest request, ClaimsPrincipal user, ClassRegistrations registrations,
        IOrganisationDirectory organisation, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } me) return Problems.Forbidden(text["Classes.Errors.NoEmployee"]);
        var (ok, body) = await JsonBodies.TryRead<RegisterRequest>(request, ct);
        if (!ok) return Problems.BadRequest(text["Classes.Errors.BadBody"]);
        if (body?.Employees is not { Count: > 0 } nips)
        {
            var mine = await registrations.Register(id, me, null, ct);
            return mine.Succeeded ? TypedResults.Created($"/api/v1/classes/{id}/registrations/{mine.Id}", new RegistrationDto(mine.Id!.Value, mine.Status!))
                : Problem(mine);
        }

        // A supervisor's people: everyone is checked before anyone is written, so a refusal registers nobody.
        var people = new List<EmployeeInfo>();
        foreach (var nip in nips.Select(Nip.Normalise).Distinct().Take(500))
        {
            var person = await organisation.FindEmployeeByNip(nip, ct);
            if (person is null) return Problems.BadRequest(text["Classes.Errors.UnknownNip", nip]);
            people.Add(person);
        }
        foreach (var person in people)
            if (await registrations.Check(id, person.Id, me, ct) is { } refused) return Problem(refused);
        var done = new List<RegisteredPersonDto>();
        foreach (var person in people)
        {
            var result = await registrations.Register(id, person.Id, me, ct);
            if (result.Succeeded) done.Add(new RegisteredPersonDto(person.Nip, person.Name, result.Id!.Value, result.Status!));
            // Already registered (by themselves or before): theirs stands, and the batch goes on. Any other refusal (the class's
            // course withdrawn, a conflict too) is the answer.
            else if (result.StatusCode == StatusCodes.Status409Conflict && await registrations.OpenOf(id, person.Id, ct) is { } existing)
                done.Add(new RegisteredPersonDto(person.Nip, person.Name, existing.Id, existing.Status));
            else return Problem(result);
        }
        return TypedResults.Created($"/api/v1/classes/{id}", new RegistrationDto(done[0].Id, done[0].Status, done));
    }

    private static async Task<IResult> Cancel(Guid id, Guid registrationId, ClaimsPrincipal user, ClassRegistrations registrations,
        IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } me) return Problems.NotFound(text["Classes.Errors.RegistrationNotFound"]);
        // A registration of another class under this one's address is not found either.
        if (await registrations.Visible(registrationId, me, ct) is not { } seen || seen.ClassId != id)
            return Problems.NotFound(text["Classes.Errors.RegistrationNotFound"]);
        var result = await registrations.Cancel(registrationId, me, ct);
        return result.Succeeded ? TypedResults.NoContent() : Problem(result);
    }

    private static async Task<IResult> Reserve(Guid id, HttpRequest request, ClaimsPrincipal user, ClassRegistrations registrations,
        IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } me) return Problems.Forbidden(text["Classes.Errors.NoTeam"]);
        var (ok, body) = await JsonBodies.TryRead<ReserveRequest>(request, ct);
        if (!ok || body?.Places is not { } places) return Problems.BadRequest(text["Classes.Errors.Places"]);
        var result = await registrations.Reserve(id, me, places, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/classes/{id}/reservations", new ReservationDto(result.Id, result.Places, result.Named))
            : Problems.Of(result.StatusCode, result.Problem!);
    }

    private static async Task<IResult> Release(Guid id, HttpRequest request, ClaimsPrincipal user, ClassRegistrations registrations,
        IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } me) return Problems.NotFound(text["Classes.Errors.ReservationNotFound"]);
        var (ok, body) = await JsonBodies.TryRead<ReserveRequest>(request, ct);
        if (!ok || body?.Places is not { } places) return Problems.BadRequest(text["Classes.Errors.Places"]);
        var result = await registrations.Release(id, me, places, ct);
        return result.Succeeded ? TypedResults.Ok(new ReservationDto(result.Id, result.Places, result.Named)) : Problems.Of(result.StatusCode, result.Problem!);
    }

    private static IResult Problem(RegistrationResult result) => Problems.Of(result.StatusCode, result.Problem!);
}
