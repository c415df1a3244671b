using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Castellan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KindSiteIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_workspace_objects_Kind_Site",
                table: "workspace_objects",
                columns: new[] { "Kind", "Site" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workspace_objects_Kind_Site",
                table: "workspace_objects");
        }
    }
}
