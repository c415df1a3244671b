using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Castellan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AdvisorySource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Source",
                table: "advisories",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            // Rows imported before keep their document as its UTF-8 bytes, uncompressed: AdvisorySource.Decompress
            // tells them from zlib streams by the first byte.
            migrationBuilder.Sql("""UPDATE advisories SET "Source" = convert_to("Document", 'UTF8')""");

            migrationBuilder.DropColumn(
                name: "Document",
                table: "advisories");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The compressed documents cannot be turned back into text by SQL alone.
            throw new System.NotSupportedException("AdvisorySource cannot be reverted: the stored documents are compressed.");
        }
    }
}
