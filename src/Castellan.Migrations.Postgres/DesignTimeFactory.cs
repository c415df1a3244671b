using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Castellan.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL (no connection is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CastellanDbContext>
{
    public CastellanDbContext CreateDbContext(string[] args) => DatabaseTarget.Parse("Host=localhost;Database=castellan_design").CreateContext();
}
