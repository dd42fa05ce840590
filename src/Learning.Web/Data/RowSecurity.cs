using System.Data.Common;
using System.Text;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Learning.Web.Data;

/// <summary>
/// PostgreSQL row-level security: the second wall behind the query filters of <see cref="Tenancy"/>. Every tenant's table lets
/// a session see and write only the rows of the tenant its connection names (<c>learning.tenant</c>), so raw SQL, a
/// forgotten filter or a bug in a filter still cannot reach another tenant. Catalogue tables also let it read the
/// platform's rows (what a subscriber sees; the query filter still decides whether this tenant subscribes).
/// Shared tables (tenants, roles, data-protection keys, stamps), Quartz's tables and the migrations history have none.
/// </summary>
public static class RowSecurity
{
    /// <summary>The session setting that names the connection's tenant.</summary>
    public const string Setting = "learning.tenant";

    // Versioned names: a changed rule gets a new name, so a start sees the old one missing and rewrites the table's policies.
    private const string OwnPolicy = "tenant_rows_v1";
    private const string CataloguePolicy = "platform_catalogue_read_v1";

    /// <summary>Names the context's tenant on each connection it opens (a pooled connection keeps the last user's setting).</summary>
    public static readonly DbConnectionInterceptor Session = new TenantSession();

    /// <summary>Turns the policies on where they are missing; cheap when all are in place (one catalogue query), so every start may call it.</summary>
    public static async Task Apply(LearningDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var tables = Tables(db.Model);
        var present = await db.Database.SqlQueryRaw<string>(
            """
            SELECT c.relname || ':' || p.polname AS "Value"
            FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relrowsecurity AND c.relforcerowsecurity
            """).ToListAsync(ct);
        var have = present.ToHashSet(StringComparer.Ordinal);
        var sql = new StringBuilder();
        foreach (var (table, catalogue) in tables)
        {
            if (have.Contains($"{table}:{OwnPolicy}") && have.Contains($"{table}:{CataloguePolicy}") == catalogue) continue;
            sql.Append(Statements(table, catalogue));
        }
        if (sql.Length == 0) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
#pragma warning disable EF1002 // table names come from the model, never from input
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), ct);
#pragma warning restore EF1002
        await transaction.CommitAsync(ct);
    }

    /// <summary>Every tenant's table, and whether it is a catalogue table (the platform's rows readable).</summary>
    public static IReadOnlyList<(string Table, bool Catalogue)> Tables(IModel model) =>
        model.GetEntityTypes().Where(Tenancy.IsTenantOwned)
            .Where(t => t.GetTableName() is not null && t.GetViewName() is null && t.FindProperty(Tenancy.Column) is not null)
            .GroupBy(t => t.GetTableName()!)
            .Select(g => (g.Key, g.Any(Tenancy.IsSharedCatalogue)))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();

    private static string Statements(string table, bool catalogue)
    {
        var own = $"\"{Tenancy.Column}\" = current_setting('{Setting}', true)";
        var sql = new StringBuilder()
            .AppendLine($"ALTER TABLE \"{table}\" ENABLE ROW LEVEL SECURITY;")
            // FORCE: the application's role owns the tables, and an owner is otherwise exempt.
            .AppendLine($"ALTER TABLE \"{table}\" FORCE ROW LEVEL SECURITY;");
        // Drops every policy of ours, old versions too, before writing the current ones.
        foreach (var name in new[] { OwnPolicy, CataloguePolicy, "tenant_rows", "platform_catalogue_read" })
            sql.AppendLine($"DROP POLICY IF EXISTS {name} ON \"{table}\";");
        sql.AppendLine($"CREATE POLICY {OwnPolicy} ON \"{table}\" USING ({own}) WITH CHECK ({own});");
        // Reading only: a subscriber never writes the platform's rows (Tenancy refuses it too, before the database).
        if (catalogue)
            sql.AppendLine($"CREATE POLICY {CataloguePolicy} ON \"{table}\" FOR SELECT USING (\"{Tenancy.Column}\" = '{Tenancy.PlatformKey}');");
        return sql.ToString();
    }

    private sealed class TenantSession : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = Command(connection, eventData);
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            await using var command = Command(connection, eventData);
            await command.ExecuteNonQueryAsync(ct);
        }

        // Set on every open, not once per physical connection: the pool hands a connection to the next context as it was left.
        // A context that is not ours names no tenant, and so sees no tenant's rows.
        private static DbCommand Command(DbConnection connection, ConnectionEndEventData eventData)
        {
            var command = connection.CreateCommand();
            command.CommandText = $"SELECT set_config('{Setting}', @tenant, false)";
            var tenant = command.CreateParameter();
            tenant.ParameterName = "tenant";
            tenant.Value = (eventData.Context as LearningDbContext)?.TenantKey ?? "";
            command.Parameters.Add(tenant);
            return command;
        }
    }
}
