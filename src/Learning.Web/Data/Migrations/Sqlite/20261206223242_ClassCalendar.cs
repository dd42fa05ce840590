using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Classes",
                table: "Notifications_EmailPreferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Classes_CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    SealedToken = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_CalendarFeeds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Classes_SessionReminders",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_SessionReminders", x => new { x.SessionId, x.EmployeeId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Classes_CalendarFeeds_EmployeeId",
                table: "Classes_CalendarFeeds",
                columns: new[] { "TenantKey", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_CalendarFeeds_TokenHash",
                table: "Classes_CalendarFeeds",
                columns: new[] { "TenantKey", "TokenHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Classes_CalendarFeeds");

            migrationBuilder.DropTable(
                name: "Classes_SessionReminders");

            migrationBuilder.DropColumn(
                name: "Classes",
                table: "Notifications_EmailPreferences");
        }
    }
}
