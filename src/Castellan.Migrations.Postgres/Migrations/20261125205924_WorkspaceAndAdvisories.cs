using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Castellan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkspaceAndAdvisories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advisories",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TrackingId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Publisher = table.Column<string>(type: "text", nullable: false),
                    CurrentReleaseDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false),
                    SourceFile = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisories", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "advisory_match_decisions",
                columns: table => new
                {
                    TrackingId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProductId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AssetId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    By = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_match_decisions", x => new { x.TrackingId, x.ProductId, x.AssetId });
                });

            migrationBuilder.CreateTable(
                name: "workspace_objects",
                columns: table => new
                {
                    Site = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    Zone = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workspace_objects", x => new { x.Site, x.Kind, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_TrackingId_IsCurrent",
                table: "advisories",
                columns: new[] { "TrackingId", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_TrackingId_Version",
                table: "advisories",
                columns: new[] { "TrackingId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Site_Kind_Name",
                table: "workspace_objects",
                columns: new[] { "Site", "Kind", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Site_Kind_Position",
                table: "workspace_objects",
                columns: new[] { "Site", "Kind", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Site_Kind_Zone",
                table: "workspace_objects",
                columns: new[] { "Site", "Kind", "Zone" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisories");

            migrationBuilder.DropTable(
                name: "advisory_match_decisions");

            migrationBuilder.DropTable(
                name: "workspace_objects");
        }
    }
}
