using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Organisation.Onboarding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Organisation.Api;

public sealed record ImportResponse(OnboardingCounts Units, OnboardingCounts Positions, OnboardingCounts Employees);

public sealed record CodeAndName(string Code, string Name);

public sealed record SupervisorRef(string Nip, string Name);

public sealed record EmployeeResponse(string Nip, string Name, string? Email, string Kind, CodeAndName Unit, CodeAndName? Position, SupervisorRef? Supervisor);

internal static class OrganisationApi
{
    public static void MapOrganisationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/organisation").WithTags("Organisation");
        // Bearer clients send no antiforgery token; cookies are SameSite=Lax, so no other site can post here with them.
        api.MapPost("/import", Import).RequireAuthorization(Roles.Administrator).DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data");
        api.MapGet("/employees/{nip}", FindEmployee).RequireAuthorization(Roles.Coordinator);
    }

    /// <summary>Multipart fields units, positions, employees (any of them): all imported or, with any problem, nothing.</summary>
    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Import(
        HttpRequest request, IOrganisationOnboarding onboarding, IStringLocalizer text, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Problems.BadRequest(text["Organisation.Api.Multipart"]);
        var form = await request.ReadFormAsync(ct);
        var input = await OnboardingUpload.FromUploads(form.Files["units"], form.Files["positions"], form.Files["employees"], text, ct);
        if (input.Errors.Count > 0) return Problems.Validation(text["Organisation.Api.ImportRefused"], input.Errors);
        if (input.IsEmpty) return Problems.BadRequest(text["Organisation.Onboarding.NoFiles"]);

        var result = await onboarding.Import(input.Files with { ActingNip = request.HttpContext.User.FindFirst(LearningClaims.Nip)?.Value }, ct);
        if (!result.Succeeded)
            return Problems.Refused(text["Organisation.Api.ImportRefused"], result.Errors);
        return TypedResults.Ok(new ImportResponse(result.Units, result.Positions, result.Employees));
    }

    private static async Task<Results<Ok<EmployeeResponse>, ProblemHttpResult>> FindEmployee(
        string nip, IOrganisationDirectory directory, IStringLocalizer text, CancellationToken ct)
    {
        if (!Nip.TryParse(nip, out var parsed, out var error))
            return Problems.BadRequest(text["Organisation.Api.InvalidNip"], text[$"Organisation.Nip.{error!.Fault}", error.Detail]);
        var employee = await directory.FindEmployeeByNip(parsed.Value, ct);
        if (employee is null) return Problems.NotFound(text["Organisation.Api.EmployeeNotFound"]);

        var supervisor = employee.SupervisorId is { } id ? await directory.FindEmployee(id, ct) : null;
        return TypedResults.Ok(new EmployeeResponse(
            employee.Nip, employee.Name, employee.Email, employee.Kind.ToString().ToLowerInvariant(),
            new CodeAndName(employee.UnitCode, employee.UnitName),
            employee.PositionCode is null ? null : new CodeAndName(employee.PositionCode, employee.PositionName!),
            supervisor is null ? null : new SupervisorRef(supervisor.Nip, supervisor.Name)));
    }
}
