using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Results.Migrations.Results.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "results");

            migrationBuilder.CreateTable(
                name: "Disqualifications",
                schema: "results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "bigint", nullable: false),
                    ContestantId = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disqualifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PredictionValues",
                schema: "results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "bigint", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionValues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RankingSettings",
                schema: "results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "bigint", nullable: false),
                    TieBreaks = table.Column<string>(type: "text", nullable: false),
                    PrizePerRound = table.Column<bool>(type: "boolean", nullable: false),
                    PublicStatistics = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankingSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Runs",
                schema: "results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "bigint", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ComputedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ActualPrediction = table.Column<long>(type: "bigint", nullable: true),
                    ActualPredictionSource = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PolicyJson = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AttemptCount = table.Column<int>(type: "integer", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    PrizeCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RankedEntries",
                schema: "results",
                columns: table => new
                {
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    ContestantId = table.Column<long>(type: "bigint", nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    CorrectCount = table.Column<int>(type: "integer", nullable: false),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Prediction = table.Column<long>(type: "bigint", nullable: true),
                    Distance = table.Column<long>(type: "bigint", nullable: true),
                    SubmittedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Prize = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    PrizeValue = table.Column<long>(type: "bigint", nullable: false),
                    Ineligible = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankedEntries", x => new { x.RunId, x.Position });
                    table.ForeignKey(
                        name: "FK_RankedEntries_Runs_RunId",
                        column: x => x.RunId,
                        principalSchema: "results",
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnitStandings",
                schema: "results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Block = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Participants = table.Column<int>(type: "integer", nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false),
                    Headcount = table.Column<int>(type: "integer", nullable: true),
                    AverageScore = table.Column<double>(type: "double precision", nullable: false),
                    MetricValue = table.Column<double>(type: "double precision", nullable: true),
                    Prize = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitStandings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitStandings_Runs_RunId",
                        column: x => x.RunId,
                        principalSchema: "results",
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Disqualifications_TenantId_ContestId_ContestantId",
                schema: "results",
                table: "Disqualifications",
                columns: new[] { "TenantId", "ContestId", "ContestantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PredictionValues_TenantId_ContestId_Round_At",
                schema: "results",
                table: "PredictionValues",
                columns: new[] { "TenantId", "ContestId", "Round", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RankedEntries_RunId_ContestantId",
                schema: "results",
                table: "RankedEntries",
                columns: new[] { "RunId", "ContestantId" });

            migrationBuilder.CreateIndex(
                name: "IX_RankedEntries_RunId_GroupCode_Rank",
                schema: "results",
                table: "RankedEntries",
                columns: new[] { "RunId", "GroupCode", "Rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RankingSettings_TenantId_ContestId",
                schema: "results",
                table: "RankingSettings",
                columns: new[] { "TenantId", "ContestId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_TenantId_ContestId_Round_Status",
                schema: "results",
                table: "Runs",
                columns: new[] { "TenantId", "ContestId", "Round", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitStandings_RunId_Block_Rank",
                schema: "results",
                table: "UnitStandings",
                columns: new[] { "RunId", "Block", "Rank" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Disqualifications",
                schema: "results");

            migrationBuilder.DropTable(
                name: "PredictionValues",
                schema: "results");

            migrationBuilder.DropTable(
                name: "RankedEntries",
                schema: "results");

            migrationBuilder.DropTable(
                name: "RankingSettings",
                schema: "results");

            migrationBuilder.DropTable(
                name: "UnitStandings",
                schema: "results");

            migrationBuilder.DropTable(
                name: "Runs",
                schema: "results");
        }
    }
}
