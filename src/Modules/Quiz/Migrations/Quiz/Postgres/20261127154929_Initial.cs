using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Quiz.Migrations.Quiz.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "quiz");

            migrationBuilder.CreateTable(
                name: "Contestants",
                schema: "quiz",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: false),
                    Gender = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CitizenId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Phone = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    GroupCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ConsentedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsentVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contestants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Contests",
                schema: "quiz",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Rounds = table.Column<string>(type: "text", nullable: false),
                    Groups = table.Column<string>(type: "text", nullable: false),
                    MinimumAge = table.Column<int>(type: "integer", nullable: false),
                    ExcludedCitizenIds = table.Column<string>(type: "text", nullable: false),
                    QuestionsPerAttempt = table.Column<int>(type: "integer", nullable: false),
                    Quotas = table.Column<string>(type: "text", nullable: false),
                    TimeLimitSeconds = table.Column<int>(type: "integer", nullable: false),
                    GraceSeconds = table.Column<int>(type: "integer", nullable: false),
                    AttemptsAllowed = table.Column<int>(type: "integer", nullable: false),
                    AttemptsPer = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Counts = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ShuffleQuestions = table.Column<bool>(type: "boolean", nullable: false),
                    ShuffleOptions = table.Column<bool>(type: "boolean", nullable: false),
                    PointsPerAnswer = table.Column<int>(type: "integer", nullable: false),
                    PredictionPrompt = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Predicts = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ShowAnswers = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Prizes = table.Column<string>(type: "text", nullable: false),
                    UnitPrizes = table.Column<string>(type: "text", nullable: false),
                    IsPractice = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Questions",
                schema: "quiz",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Difficulty = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CurrentVersionId = table.Column<long>(type: "bigint", nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Units",
                schema: "quiz",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Block = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Headcount = table.Column<int>(type: "integer", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Attempts",
                schema: "quiz",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "bigint", nullable: false),
                    ContestantId = table.Column<long>(type: "bigint", nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    LimitScope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinalizedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    QuestionCount = table.Column<int>(type: "integer", nullable: false),
                    CorrectCount = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Prediction = table.Column<long>(type: "bigint", nullable: true),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    LastAnswerAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attempts_Contestants_ContestantId",
                        column: x => x.ContestantId,
                        principalSchema: "quiz",
                        principalTable: "Contestants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Attempts_Contests_ContestId",
                        column: x => x.ContestId,
                        principalSchema: "quiz",
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuestionVersions",
                schema: "quiz",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    QuestionId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Options = table.Column<List<string>>(type: "text[]", nullable: false),
                    CorrectIndex = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionVersions_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalSchema: "quiz",
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AttemptItems",
                schema: "quiz",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    QuestionVersionId = table.Column<long>(type: "bigint", nullable: false),
                    PublicId = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    OptionIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    OptionOrder = table.Column<List<int>>(type: "integer[]", nullable: false),
                    SelectedIndex = table.Column<int>(type: "integer", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttemptItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttemptItems_Attempts_AttemptId",
                        column: x => x.AttemptId,
                        principalSchema: "quiz",
                        principalTable: "Attempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AttemptItems_QuestionVersions_QuestionVersionId",
                        column: x => x.QuestionVersionId,
                        principalSchema: "quiz",
                        principalTable: "QuestionVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttemptItems_AttemptId_Position",
                schema: "quiz",
                table: "AttemptItems",
                columns: new[] { "AttemptId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttemptItems_AttemptId_PublicId",
                schema: "quiz",
                table: "AttemptItems",
                columns: new[] { "AttemptId", "PublicId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttemptItems_QuestionVersionId",
                schema: "quiz",
                table: "AttemptItems",
                column: "QuestionVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Attempts_ContestantId",
                schema: "quiz",
                table: "Attempts",
                column: "ContestantId");

            migrationBuilder.CreateIndex(
                name: "IX_Attempts_ContestId",
                schema: "quiz",
                table: "Attempts",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_Attempts_OneInProgress",
                schema: "quiz",
                table: "Attempts",
                columns: new[] { "TenantId", "ContestId", "ContestantId" },
                unique: true,
                filter: "\"State\" = 'InProgress'");

            migrationBuilder.CreateIndex(
                name: "IX_Attempts_State_Deadline",
                schema: "quiz",
                table: "Attempts",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_Attempts_TenantId_ContestId_ContestantId_LimitScope_Sequence",
                schema: "quiz",
                table: "Attempts",
                columns: new[] { "TenantId", "ContestId", "ContestantId", "LimitScope", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Attempts_TenantId_ContestId_State",
                schema: "quiz",
                table: "Attempts",
                columns: new[] { "TenantId", "ContestId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Contestants_TenantId_CitizenId",
                schema: "quiz",
                table: "Contestants",
                columns: new[] { "TenantId", "CitizenId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contestants_TenantId_Phone",
                schema: "quiz",
                table: "Contestants",
                columns: new[] { "TenantId", "Phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contestants_TenantId_UserId",
                schema: "quiz",
                table: "Contestants",
                columns: new[] { "TenantId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contests_TenantId_Slug",
                schema: "quiz",
                table: "Contests",
                columns: new[] { "TenantId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Questions_TenantId_Code",
                schema: "quiz",
                table: "Questions",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Questions_TenantId_State_Topic_Difficulty",
                schema: "quiz",
                table: "Questions",
                columns: new[] { "TenantId", "State", "Topic", "Difficulty" });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionVersions_QuestionId",
                schema: "quiz",
                table: "QuestionVersions",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionVersions_TenantId_QuestionId_Number",
                schema: "quiz",
                table: "QuestionVersions",
                columns: new[] { "TenantId", "QuestionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Units_TenantId_Code",
                schema: "quiz",
                table: "Units",
                columns: new[] { "TenantId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttemptItems",
                schema: "quiz");

            migrationBuilder.DropTable(
                name: "Units",
                schema: "quiz");

            migrationBuilder.DropTable(
                name: "Attempts",
                schema: "quiz");

            migrationBuilder.DropTable(
                name: "QuestionVersions",
                schema: "quiz");

            migrationBuilder.DropTable(
                name: "Contestants",
                schema: "quiz");

            migrationBuilder.DropTable(
                name: "Contests",
                schema: "quiz");

            migrationBuilder.DropTable(
                name: "Questions",
                schema: "quiz");
        }
    }
}
