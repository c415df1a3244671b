using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Castellan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Evidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workspace_objects_Site_Kind_Name",
                table: "workspace_objects");

            migrationBuilder.DropIndex(
                name: "IX_workspace_objects_Site_Kind_Zone",
                table: "workspace_objects");

            migrationBuilder.CreateTable(
                name: "evidence",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Site = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Requirement = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Site_Kind_Name_Id",
                table: "workspace_objects",
                columns: new[] { "Site", "Kind", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Site_Kind_Zone_Id",
                table: "workspace_objects",
                columns: new[] { "Site", "Kind", "Zone", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_Site_Scope_Requirement_Key",
                table: "evidence",
                columns: new[] { "Site", "Scope", "Requirement", "Key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence");

            migrationBuilder.DropIndex(
                name: "IX_workspace_objects_Site_Kind_Name_Id",
                table: "workspace_objects");

            migrationBuilder.DropIndex(
                name: "IX_workspace_objects_Site_Kind_Zone_Id",
                table: "workspace_objects");

            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Site_Kind_Name",
                table: "workspace_objects",
                columns: new[] { "Site", "Kind", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Site_Kind_Zone",
                table: "workspace_objects",
                columns: new[] { "Site", "Kind", "Zone" });
        }
    }
}
