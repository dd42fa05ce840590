using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassCertificate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
