using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quiz.Migrations.Quiz.Sqlite
{
    /// <inheritdoc />
    public partial class AttemptsWithoutStateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_quiz_Attempts_TenantId_ContestId_State",
                table: "quiz_Attempts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_quiz_Attempts_TenantId_ContestId_State",
                table: "quiz_Attempts",
                columns: new[] { "TenantId", "ContestId", "State" });
        }
    }
}
