using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learning.Web.Data.Migrations.Postgres;

/// <summary>
/// The audit log is append-only in the database too: UPDATE, DELETE and TRUNCATE on Audit_Entries are refused, whoever asks.
/// Hand-written (eng/migrations.sh adds nothing here); its stamp keeps it after the migration that creates the table.
/// </summary>
[DbContext(typeof(PostgresLearningDbContext))]
[Migration("20261204235900_AuditAppendOnly")]
public sealed class AuditAppendOnlyMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'Audit_Entries is append-only: % refused', TG_OP;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "Audit_Entries"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "Audit_Entries"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "Audit_Entries";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_entries_append_only ON "Audit_Entries";""");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");
    }
}
