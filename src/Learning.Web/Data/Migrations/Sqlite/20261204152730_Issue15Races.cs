using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue15Races : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "Revision",
                table: "Certification_Certificates");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Assignments_Items");
        }
    }
}
