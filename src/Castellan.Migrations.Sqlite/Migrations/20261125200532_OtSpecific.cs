using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Castellan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OtSpecific : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ot_specific",
                columns: table => new
                {
                    MappingSetId = table.Column<string>(type: "TEXT", nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", nullable: false),
                    Provenance = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ot_specific", x => new { x.MappingSetId, x.TargetId });
                    table.ForeignKey(
                        name: "FK_ot_specific_mapping_sets_MappingSetId",
                        column: x => x.MappingSetId,
                        principalTable: "mapping_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ot_specific");
        }
    }
}
