using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Trust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Paths_Definitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Enrolments_Enrolments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevisedAt",
                table: "Courses_Courses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RevisedBy",
                table: "Courses_Courses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevisedPart",
                table: "Courses_Courses",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Courses_Courses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "TestOut",
                table: "Courses_Courses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Certification_Certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Assignments_Items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Accounts_Sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_Sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_SignInFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Account = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_SignInFailures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Audit_Entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audit_Entries", x => x.Id);
                });

            // Open items doubled by a race before this index existed fold into the one due first (as assigning again does).
            foreach (var key in new[] { "CourseSlug", "PathKey" })
                migrationBuilder.Sql($"""
                    DELETE FROM "Assignments_Items" WHERE "Status" <> 'completed' AND "{key}" IS NOT NULL AND EXISTS (
                      SELECT 1 FROM "Assignments_Items" o WHERE o."EmployeeId" = "Assignments_Items"."EmployeeId"
                        AND o."{key}" = "Assignments_Items"."{key}" AND o."Status" <> 'completed'
                        AND (o."DueOn" < "Assignments_Items"."DueOn" OR (o."DueOn" = "Assignments_Items"."DueOn" AND o."Id" < "Assignments_Items"."Id")))
                    """);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_OneOpenCourse",
                table: "Assignments_Items",
                columns: new[] { "EmployeeId", "CourseSlug" },
                unique: true,
                filter: "\"Status\" <> 'completed' AND \"CourseSlug\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_OneOpenPath",
                table: "Assignments_Items",
                columns: new[] { "EmployeeId", "PathKey" },
                unique: true,
                filter: "\"Status\" <> 'completed' AND \"PathKey\" IS NOT NULL");

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

            migrationBuilder.CreateIndex(
                name: "IX_Audit_Entries_Action_At",
                table: "Audit_Entries",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Audit_Entries_At",
                table: "Audit_Entries",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Accounts_Sessions");

            migrationBuilder.DropTable(
                name: "Accounts_SignInFailures");

            migrationBuilder.DropTable(
                name: "Audit_Entries");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_Items_OneOpenCourse",
                table: "Assignments_Items");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_Items_OneOpenPath",
                table: "Assignments_Items");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Paths_Definitions");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Enrolments_Enrolments");

            migrationBuilder.DropColumn(
                name: "RevisedAt",
                table: "Courses_Courses");

            migrationBuilder.DropColumn(
                name: "RevisedBy",
                table: "Courses_Courses");

            migrationBuilder.DropColumn(
                name: "RevisedPart",
                table: "Courses_Courses");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Courses_Courses");

            migrationBuilder.DropColumn(
                name: "TestOut",
                table: "Courses_Courses");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Certification_Certificates");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Assignments_Items");
        }
    }
}
