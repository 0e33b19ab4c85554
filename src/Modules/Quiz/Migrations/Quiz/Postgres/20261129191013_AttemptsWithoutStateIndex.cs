using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quiz.Migrations.Quiz.Postgres
{
    /// <inheritdoc />
    public partial class AttemptsWithoutStateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attempts_TenantId_ContestId_State",
                schema: "quiz",
                table: "Attempts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Attempts_TenantId_ContestId_State",
                schema: "quiz",
                table: "Attempts",
                columns: new[] { "TenantId", "ContestId", "State" });
        }
    }
}
