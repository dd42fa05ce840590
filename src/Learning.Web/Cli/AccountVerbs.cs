using Learning.Accounts;

namespace Learning.Web.Hosting;

/// <summary>
/// <c>accounts activation-codes [--unit CODE | --all] --out FILE</c>: new activation codes for people without a password,
/// as CSV (nip,name,unit,code,expires) for a mail merge or a printed sheet.
/// </summary>
internal static class AccountVerbs
{
    private const string Usage = "Pemakaian: accounts activation-codes [--unit KODE | --all] --out BERKAS";

    public static async Task<int> Run(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (args is not ["activation-codes", .. var rest])
        {
            await error.WriteLineAsync(args is [var what, ..] ? $"accounts: '{what}' tidak dikenal. {Usage}" : Usage);
            return 2;
        }
        string? unit = null, file = null;
        var all = false;
        for (var i = 0; i < rest.Length; i++)
        {
            var value = i + 1 < rest.Length && !rest[i + 1].StartsWith("--", StringComparison.Ordinal) ? rest[i + 1] : null;
            switch (rest[i])
            {
                case "--unit" when value is { Length: > 0 }: unit = value; i++; break;
                case "--out" when value is { Length: > 0 }: file = value; i++; break;
                case "--all": all = true; break;
                case "--unit" or "--out":
                    await error.WriteLineAsync($"accounts activation-codes: {rest[i]} perlu nilai. {Usage}");
                    return 2;
                default:
                    await error.WriteLineAsync($"accounts activation-codes: '{rest[i]}' tidak dikenal. {Usage}");
                    return 2;
            }
        }
        // Codes for a whole city are not issued by accident: one of the two is asked for by name.
        if (file is null || (unit is null) == !all)
        {
            await error.WriteLineAsync(file is null ? $"accounts activation-codes: --out BERKAS wajib. {Usage}"
                : $"accounts activation-codes: pilih --unit KODE atau --all. {Usage}");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var codes = await scope.ServiceProvider.GetRequiredService<ActivationCodes>().Issue(unit, ct);
        if (codes is null)
        {
            await error.WriteLineAsync($"accounts activation-codes: unit '{unit}' tidak ditemukan.");
            return 2;
        }
        await File.WriteAllTextAsync(file, ActivationCodes.Csv(codes), new System.Text.UTF8Encoding(false), ct);
        await output.WriteLineAsync($"{codes.Count} kode aktivasi ditulis ke {file}.");
        return 0;
    }
}
