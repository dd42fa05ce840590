using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneSelfAssessmentDraft : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_CompetencyAssessments_OneDraft",
                table: "CareerRecords_CompetencyAssessments",
                columns: new[] { "TenantKey", "EmployeeId" },
                unique: true,
                filter: "\"Status\" = 'Draft'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CareerRecords_CompetencyAssessments_OneDraft",
                table: "CareerRecords_CompetencyAssessments");
        }
    }
}
