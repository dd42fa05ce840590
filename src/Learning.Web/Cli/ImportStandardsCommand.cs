using System.Text;
using Learning.Competencies.Contracts;

namespace Learning.Web.Hosting;

/// <summary>The verb <c>import-position-standards FILE</c>: exit 0 imported, 2 refused with <c>file:line: reason</c> lines.</summary>
internal static class ImportStandardsCommand
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<int> Run(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (args is not [var path])
        {
            await error.WriteLineAsync("Pemakaian: import-position-standards BERKAS.csv (kolom position_code,competency_code,level)");
            return 2;
        }
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"{path}: berkas tidak ditemukan.");
            return 2;
        }
        string content;
        try
        {
            content = StrictUtf8.GetString(await File.ReadAllBytesAsync(path, ct)).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            await error.WriteLineAsync($"{path}: bukan teks UTF-8.");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IPositionStandards>().Import(path, content, ct);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems) await error.WriteLineAsync(problem.ToString());
            return 2;
        }
        var c = result.Counts;
        await output.WriteLineAsync($"Standar kompetensi {c.Positions} jabatan: {c.Added} baru, {c.Updated} diubah, {c.Removed} dihapus, {c.Unchanged} tetap.");
        return 0;
    }
}
