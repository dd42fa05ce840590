using System.Text;
using Learning.Competencies.Contracts;
using Learning.Kernel.Text;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Competencies.Api;

public sealed record CompetencyResponse(string Code, string Type, string Name, IReadOnlyList<string> Levels);
public sealed record StandardResponse(string PositionCode, string? PositionName, IReadOnlyList<RequiredCompetency> Competencies);

internal static class CompetenciesApi
{
    public static void MapCompetenciesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/competencies", async (ICompetencyDictionary dictionary, CancellationToken ct) =>
            TypedResults.Ok((await dictionary.List(ct)).Select(c => new CompetencyResponse(c.Code, c.Type.Name(), c.Name, c.Levels)).ToList()))
            .WithTags("Competencies");

        var standards = endpoints.MapGroup("/api/v1/position-standards").WithTags("Competencies");
        standards.MapGet("/", List);
        // Bearer clients send no antiforgery token; cookies are SameSite=Lax, so no other site can post here with them.
        standards.MapPost("/", Import).RequireAuthorization(Roles.Coordinator).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data", "text/csv");
    }

    /// <summary>Every standard; <c>?format=csv</c> gives them in the import format.</summary>
    private static async Task<IResult> List(IPositionStandards standards, IOrganisationDirectory organisation, string? format, CancellationToken ct)
    {
        var all = await standards.All(ct);
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            return TypedResults.File(CsvText.Bytes(PositionStandards.ToCsv(all)), CsvText.ContentType, "standar-kompetensi-jabatan.csv");
        var names = (await organisation.Positions(ct)).ToDictionary(p => p.Code, p => p.Name, StringComparer.OrdinalIgnoreCase);
        return TypedResults.Ok(all.Select(s => new StandardResponse(s.PositionCode, names.GetValueOrDefault(s.PositionCode), s.Competencies)).ToList());
    }

    /// <summary>A CSV file as the multipart field <c>file</c>, or the CSV itself as a text/csv body: all imported or nothing.</summary>
    private static async Task<Results<Ok<StandardsCounts>, ProblemHttpResult>> Import(HttpRequest request, IPositionStandards standards,
        IStringLocalizer text, CancellationToken ct)
    {
        var (name, content, error) = await StandardsUpload.Read(request, text, ct);
        if (error is not null) return Problems.BadRequest(error);
        var result = await standards.Import(name, content!, ct);
        if (!result.Succeeded)
            return Problems.Refused(text["Competencies.Standards.Refused"], result.Problems);
        return TypedResults.Ok(result.Counts);
    }
}

/// <summary>Reads an uploaded standards file: at most 5 MB of UTF-8 text (a BOM is fine).</summary>
internal static class StandardsUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const string DefaultName = "position-standards.csv";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string Name, string? Content, string? Error)> Read(HttpRequest request, IStringLocalizer text, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return await Read(form.Files.GetFile("file"), text, ct);
        }
        if (request.ContentLength > MaxBytes) return (DefaultName, null, text["Competencies.Standards.TooLarge", MaxBytes / 1024 / 1024]);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return Decode(buffer.ToArray(), DefaultName, text);
    }

    public static async Task<(string Name, string? Content, string? Error)> Read(IFormFile? file, IStringLocalizer text, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (DefaultName, null, text["Competencies.Standards.NoFile"]);
        var name = Path.GetFileName(file.FileName) is { Length: > 0 } given ? given : DefaultName;
        if (file.Length > MaxBytes) return (name, null, text["Competencies.Standards.TooLarge", MaxBytes / 1024 / 1024]);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return Decode(buffer.ToArray(), name, text);
    }

    private static (string, string?, string?) Decode(byte[] bytes, string name, IStringLocalizer text)
    {
        if (bytes.Length == 0) return (name, null, text["Competencies.Standards.NoFile"]);
        try
        {
            return (name, StrictUtf8.GetString(bytes).TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (name, null, text["Competencies.Standards.NotUtf8", name]);
        }
    }
}
