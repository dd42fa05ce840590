using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassCompletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PlacesRevision",
                table: "Classes_Classes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClassFirstDay",
                table: "Certification_Certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClassId",
                table: "Certification_Certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClassLastDay",
                table: "Certification_Certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassTitle",
                table: "Certification_Certificates",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlacesRevision",
                table: "Classes_Classes");

            migrationBuilder.DropColumn(
                name: "ClassFirstDay",
                table: "Certification_Certificates");

            migrationBuilder.DropColumn(
                name: "ClassId",
                table: "Certification_Certificates");

            migrationBuilder.DropColumn(
                name: "ClassLastDay",
                table: "Certification_Certificates");

            migrationBuilder.DropColumn(
                name: "ClassTitle",
                table: "Certification_Certificates");
        }
    }
}
