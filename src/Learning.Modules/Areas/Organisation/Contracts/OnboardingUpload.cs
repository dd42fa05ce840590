using System.Text;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Learning.Organisation.Contracts;

/// <summary>Turns uploaded or named files into onboarding input: at most 5 MB each, UTF-8 text (a BOM is fine).</summary>
public static class OnboardingUpload
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public sealed record Input(OnboardingFiles Files, IReadOnlyList<string> Errors)
    {
        public bool IsEmpty => Files.Units is null && Files.Positions is null && Files.Employees is null;
    }

    public static async Task<Input> FromUploads(IFormFile? units, IFormFile? positions, IFormFile? employees, IStringLocalizer text, CancellationToken ct)
    {
        var errors = new List<string>();
        async Task<CsvFile?> Read(IFormFile? file, string fallbackName)
        {
            // A file input left empty still arrives as a part without a name or content.
            if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName))) return null;
            var name = Path.GetFileName(file.FileName) is { Length: > 0 } given ? given : fallbackName;
            if (file.Length > MaxFileBytes)
            {
                errors.Add(text["Organisation.Onboarding.TooLarge", name, MaxFileBytes / 1024 / 1024]);
                return null;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            return Decode(buffer.ToArray(), name, errors, text);
        }
        var files = new OnboardingFiles(await Read(units, "units.csv"), await Read(positions, "positions.csv"), await Read(employees, "employees.csv"));
        return new Input(files, errors);
    }

    /// <summary>Files named on the command line; messages name them as given.</summary>
    public static async Task<Input> FromPaths(string? units, string? positions, string? employees, IStringLocalizer text, CancellationToken ct)
    {
        var errors = new List<string>();
        async Task<CsvFile?> Read(string? path)
        {
            if (path is null) return null;
            if (!File.Exists(path))
            {
                errors.Add(text["Organisation.Onboarding.FileNotFound", path]);
                return null;
            }
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                errors.Add(text["Organisation.Onboarding.TooLarge", path, MaxFileBytes / 1024 / 1024]);
                return null;
            }
            return Decode(await File.ReadAllBytesAsync(path, ct), path, errors, text);
        }
        var files = new OnboardingFiles(await Read(units), await Read(positions), await Read(employees));
        return new Input(files, errors);
    }

    private static CsvFile? Decode(byte[] bytes, string name, List<string> errors, IStringLocalizer text)
    {
        try
        {
            return new CsvFile(name, StrictUtf8.GetString(bytes).TrimStart('\uFEFF'));
        }
        catch (DecoderFallbackException)
        {
            errors.Add(text["Organisation.Onboarding.NotUtf8", name]);
            return null;
        }
    }
}
