using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Learning.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue15Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Accounts_Sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_Sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_SignInFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Account = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_SignInFailures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Sessions_UserId",
                table: "Accounts_Sessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_SignInFailures_Account_At",
                table: "Accounts_SignInFailures",
                columns: new[] { "Account", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_SignInFailures_Address_At",
                table: "Accounts_SignInFailures",
                columns: new[] { "Address", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_SignInFailures_At",
                table: "Accounts_SignInFailures",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Accounts_Sessions");

            migrationBuilder.DropTable(
                name: "Accounts_SignInFailures");
        }
    }
}
