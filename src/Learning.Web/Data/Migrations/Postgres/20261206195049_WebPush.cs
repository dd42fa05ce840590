using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebPush : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PushOff",
                table: "Notifications_EmailPreferences",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Notifications_PushSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    P256dh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Auth = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TenantKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications_PushSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications_VapidKeys",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TenantKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PrivateKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications_VapidKeys", x => new { x.TenantKey, x.Name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_PushSubscriptions_Endpoint",
                table: "Notifications_PushSubscriptions",
                columns: new[] { "TenantKey", "Endpoint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_PushSubscriptions_UserId",
                table: "Notifications_PushSubscriptions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications_PushSubscriptions");

            migrationBuilder.DropTable(
                name: "Notifications_VapidKeys");

            migrationBuilder.DropColumn(
                name: "PushOff",
                table: "Notifications_EmailPreferences");
        }
    }
}
