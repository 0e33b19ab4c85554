using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Results.Migrations.Results.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "results_Disqualifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContestantId = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_results_Disqualifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "results_PredictionValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_results_PredictionValues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "results_RankingSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "INTEGER", nullable: false),
                    TieBreaks = table.Column<string>(type: "TEXT", nullable: false),
                    PrizePerRound = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublicStatistics = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_results_RankingSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "results_Runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ComputedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActualPrediction = table.Column<long>(type: "INTEGER", nullable: true),
                    ActualPredictionSource = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PolicyJson = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AttemptCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PrizeCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_results_Runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "results_RankedEntries",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    ContestantId = table.Column<long>(type: "INTEGER", nullable: false),
                    AttemptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    CorrectCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Prediction = table.Column<long>(type: "INTEGER", nullable: true),
                    Distance = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Prize = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    PrizeValue = table.Column<long>(type: "INTEGER", nullable: false),
                    Ineligible = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_results_RankedEntries", x => new { x.RunId, x.Position });
                    table.ForeignKey(
                        name: "FK_results_RankedEntries_results_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "results_Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "results_UnitStandings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Block = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false),
                    Headcount = table.Column<int>(type: "INTEGER", nullable: true),
                    AverageScore = table.Column<double>(type: "REAL", nullable: false),
                    MetricValue = table.Column<double>(type: "REAL", nullable: true),
                    Prize = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_results_UnitStandings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_results_UnitStandings_results_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "results_Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_results_Disqualifications_TenantId_ContestId_ContestantId",
                table: "results_Disqualifications",
                columns: new[] { "TenantId", "ContestId", "ContestantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_results_PredictionValues_TenantId_ContestId_Round_At",
                table: "results_PredictionValues",
                columns: new[] { "TenantId", "ContestId", "Round", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_results_RankedEntries_RunId_ContestantId",
                table: "results_RankedEntries",
                columns: new[] { "RunId", "ContestantId" });

            migrationBuilder.CreateIndex(
                name: "IX_results_RankedEntries_RunId_GroupCode_Rank",
                table: "results_RankedEntries",
                columns: new[] { "RunId", "GroupCode", "Rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_results_RankingSettings_TenantId_ContestId",
                table: "results_RankingSettings",
                columns: new[] { "TenantId", "ContestId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_results_Runs_TenantId_ContestId_Round_Status",
                table: "results_Runs",
                columns: new[] { "TenantId", "ContestId", "Round", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_results_UnitStandings_RunId_Block_Rank",
                table: "results_UnitStandings",
                columns: new[] { "RunId", "Block", "Rank" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "results_Disqualifications");

            migrationBuilder.DropTable(
                name: "results_PredictionValues");

            migrationBuilder.DropTable(
                name: "results_RankedEntries");

            migrationBuilder.DropTable(
                name: "results_RankingSettings");

            migrationBuilder.DropTable(
                name: "results_UnitStandings");

            migrationBuilder.DropTable(
                name: "results_Runs");
        }
    }
}
