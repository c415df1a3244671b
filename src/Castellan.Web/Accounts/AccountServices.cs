using Castellan.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Castellan.Web.Accounts;

/// <summary>The account services without a web server, for `castellan user add` and friends.</summary>
public static class AccountServices
{
    public static ServiceProvider Create(DatabaseTarget database, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddDbContext<CastellanDbContext>(o => database.Configure(o));
        services.AddDataProtection().SetApplicationName(CastellanWeb.ApplicationName).PersistKeysToDbContext<CastellanDbContext>();
        AccountSetup.AddIdentity(services);
        services.AddScoped<AddUser>();
        return services.BuildServiceProvider();
    }
}
