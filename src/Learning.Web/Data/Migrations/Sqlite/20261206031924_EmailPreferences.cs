using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Notifications_Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "Kernel_OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Notifications_EmailPreferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Assignments = table.Column<int>(type: "INTEGER", nullable: false),
                    Approvals = table.Column<int>(type: "INTEGER", nullable: false),
                    Reminders = table.Column<int>(type: "INTEGER", nullable: false),
                    Digests = table.Column<int>(type: "INTEGER", nullable: false),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastDigestOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
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
