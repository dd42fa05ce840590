using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learning.Web.Data.Migrations.Sqlite;

/// <summary>
/// The audit log is append-only in the database too: UPDATE and DELETE on Audit_Entries are refused.
/// Hand-written (eng/migrations.sh adds nothing here); its stamp keeps it after the migration that creates the table.
/// </summary>
[DbContext(typeof(SqliteLearningDbContext))]
[Migration("20261204235900_AuditAppendOnly")]
public sealed class AuditAppendOnlyMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON "Audit_Entries"
            BEGIN SELECT RAISE(ABORT, 'Audit_Entries is append-only: UPDATE refused'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON "Audit_Entries"
            BEGIN SELECT RAISE(ABORT, 'Audit_Entries is append-only: DELETE refused'); END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_entries_no_delete;""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_entries_no_update;""");
    }
}
