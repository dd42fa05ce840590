using Learning.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learning.Web.Data.Migrations.Postgres;

/// <summary>Quartz's job store tables (the DDL Quartz ships, idempotent), created by our migrations. Hand-written: kept by eng/migrations.sh --reset.</summary>
[DbContext(typeof(PostgresLearningDbContext))]
[Migration("00000000000000_QuartzSchema")]
public sealed class QuartzSchemaMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in QuartzSchema.Statements("Postgres")) migrationBuilder.Sql(statement);
    }
}
