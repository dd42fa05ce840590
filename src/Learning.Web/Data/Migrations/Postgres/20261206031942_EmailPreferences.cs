using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EmailPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DigestPending",
                table: "Notifications_Notifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Notifications_Notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "Kernel_OutboxMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Notifications_EmailPreferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Assignments = table.Column<int>(type: "integer", nullable: false),
                    Approvals = table.Column<int>(type: "integer", nullable: false),
                    Reminders = table.Column<int>(type: "integer", nullable: false),
                    Digests = table.Column<int>(type: "integer", nullable: false),
                    Messages = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastDigestOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TenantKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications_EmailPreferences", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Notifications_DigestPending_RecipientUserId",
                table: "Notifications_Notifications",
                columns: new[] { "DigestPending", "RecipientUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailPreferences_UserId",
                table: "Notifications_EmailPreferences",
                columns: new[] { "TenantKey", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications_EmailPreferences");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Notifications_DigestPending_RecipientUserId",
                table: "Notifications_Notifications");

            migrationBuilder.DropColumn(
                name: "DigestPending",
                table: "Notifications_Notifications");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Notifications_Notifications");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Kernel_OutboxMessages");
        }
    }
}
