using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Learning.Kernel;

/// <summary>Reads a JSON body by hand, so a malformed or missing body gets our own clear 400 instead of the framework's.</summary>
public static class JsonBodies
{
    /// <summary>The body as <typeparamref name="T"/>; default when it is empty, null when it is not valid JSON of that shape.</summary>
    public static async Task<(bool Ok, T? Value)> TryRead<T>(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0) return (true, default);
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(text)) return (true, default);
            return (true, JsonSerializer.Deserialize<T>(text, options));
        }
        catch (JsonException)
        {
            return (false, default);
        }
    }
}
