using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quiz.Migrations.Quiz.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "quiz_Contestants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CitizenId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ConsentedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_Contestants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quiz_Contests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OpensAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Rounds = table.Column<string>(type: "TEXT", nullable: false),
                    Groups = table.Column<string>(type: "TEXT", nullable: false),
                    MinimumAge = table.Column<int>(type: "INTEGER", nullable: false),
                    ExcludedCitizenIds = table.Column<string>(type: "TEXT", nullable: false),
                    QuestionsPerAttempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Quotas = table.Column<string>(type: "TEXT", nullable: false),
                    TimeLimitSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    GraceSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    AttemptsAllowed = table.Column<int>(type: "INTEGER", nullable: false),
                    AttemptsPer = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Counts = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ShuffleQuestions = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShuffleOptions = table.Column<bool>(type: "INTEGER", nullable: false),
                    PointsPerAnswer = table.Column<int>(type: "INTEGER", nullable: false),
                    PredictionPrompt = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Predicts = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ShowAnswers = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Prizes = table.Column<string>(type: "TEXT", nullable: false),
                    UnitPrizes = table.Column<string>(type: "TEXT", nullable: false),
                    IsPractice = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_Contests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quiz_Questions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Difficulty = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CurrentVersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_Questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quiz_Units",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Block = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Headcount = table.Column<int>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_Units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quiz_Attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContestId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContestantId = table.Column<long>(type: "INTEGER", nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    LimitScope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalizedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    QuestionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CorrectCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Prediction = table.Column<long>(type: "INTEGER", nullable: true),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    LastAnswerAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_Attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quiz_Attempts_quiz_Contestants_ContestantId",
                        column: x => x.ContestantId,
                        principalTable: "quiz_Contestants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_quiz_Attempts_quiz_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "quiz_Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quiz_QuestionVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    QuestionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false),
                    CorrectIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_QuestionVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quiz_QuestionVersions_quiz_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "quiz_Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quiz_AttemptItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AttemptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionVersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    PublicId = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OptionIds = table.Column<string>(type: "TEXT", nullable: false),
                    OptionOrder = table.Column<string>(type: "TEXT", nullable: false),
                    SelectedIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiz_AttemptItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quiz_AttemptItems_quiz_Attempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "quiz_Attempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_quiz_AttemptItems_quiz_QuestionVersions_QuestionVersionId",
                        column: x => x.QuestionVersionId,
                        principalTable: "quiz_QuestionVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_quiz_AttemptItems_AttemptId_Position",
                table: "quiz_AttemptItems",
                columns: new[] { "AttemptId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_AttemptItems_AttemptId_PublicId",
                table: "quiz_AttemptItems",
                columns: new[] { "AttemptId", "PublicId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_AttemptItems_QuestionVersionId",
                table: "quiz_AttemptItems",
                column: "QuestionVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Attempts_OneInProgress",
                table: "quiz_Attempts",
                columns: new[] { "TenantId", "ContestId", "ContestantId" },
                unique: true,
                filter: "\"State\" = 'InProgress'");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Attempts_ContestantId",
                table: "quiz_Attempts",
                column: "ContestantId");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Attempts_ContestId",
                table: "quiz_Attempts",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Attempts_State_Deadline",
                table: "quiz_Attempts",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Attempts_TenantId_ContestId_ContestantId_LimitScope_Sequence",
                table: "quiz_Attempts",
                columns: new[] { "TenantId", "ContestId", "ContestantId", "LimitScope", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Attempts_TenantId_ContestId_State",
                table: "quiz_Attempts",
                columns: new[] { "TenantId", "ContestId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Contestants_TenantId_CitizenId",
                table: "quiz_Contestants",
                columns: new[] { "TenantId", "CitizenId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Contestants_TenantId_Phone",
                table: "quiz_Contestants",
                columns: new[] { "TenantId", "Phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Contestants_TenantId_UserId",
                table: "quiz_Contestants",
                columns: new[] { "TenantId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Contests_TenantId_Slug",
                table: "quiz_Contests",
                columns: new[] { "TenantId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Questions_TenantId_Code",
                table: "quiz_Questions",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Questions_TenantId_State_Topic_Difficulty",
                table: "quiz_Questions",
                columns: new[] { "TenantId", "State", "Topic", "Difficulty" });

            migrationBuilder.CreateIndex(
                name: "IX_quiz_QuestionVersions_QuestionId",
                table: "quiz_QuestionVersions",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_quiz_QuestionVersions_TenantId_QuestionId_Number",
                table: "quiz_QuestionVersions",
                columns: new[] { "TenantId", "QuestionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quiz_Units_TenantId_Code",
                table: "quiz_Units",
                columns: new[] { "TenantId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quiz_AttemptItems");

            migrationBuilder.DropTable(
                name: "quiz_Units");

            migrationBuilder.DropTable(
                name: "quiz_Attempts");

            migrationBuilder.DropTable(
                name: "quiz_QuestionVersions");

            migrationBuilder.DropTable(
                name: "quiz_Contestants");

            migrationBuilder.DropTable(
                name: "quiz_Contests");

            migrationBuilder.DropTable(
                name: "quiz_Questions");
        }
    }
}
