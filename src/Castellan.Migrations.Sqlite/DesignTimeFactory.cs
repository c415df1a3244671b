using Castellan.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Castellan.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CastellanDbContext>
{
    public CastellanDbContext CreateDbContext(string[] args) => DatabaseTarget.Parse("design-time.db").CreateContext();
}
