using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Core.Migrations.Platform.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_CatalogStamp",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_CatalogStamp", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_Tenants",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DatabaseConnectionString = table.Column<string>(type: "TEXT", nullable: true),
                    RecipePath = table.Column<string>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_Tenants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_TenantSetupSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantRecordId = table.Column<string>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_TenantSetupSteps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_TenantHosts",
                columns: table => new
                {
                    Host = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    TenantRecordId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_TenantHosts", x => x.Host);
                    table.ForeignKey(
                        name: "FK_platform_TenantHosts_platform_Tenants_TenantRecordId",
                        column: x => x.TenantRecordId,
                        principalTable: "platform_Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "platform_CatalogStamp",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_platform_TenantHosts_TenantRecordId",
                table: "platform_TenantHosts",
                column: "TenantRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_Tenants_Name",
                table: "platform_Tenants",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_Tenants_Prefix",
                table: "platform_Tenants",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_TenantSetupSteps_TenantRecordId_Index",
                table: "platform_TenantSetupSteps",
                columns: new[] { "TenantRecordId", "Index" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_CatalogStamp");

            migrationBuilder.DropTable(
                name: "platform_TenantHosts");

            migrationBuilder.DropTable(
                name: "platform_TenantSetupSteps");

            migrationBuilder.DropTable(
                name: "platform_Tenants");
        }
    }
}
