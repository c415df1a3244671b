using Castellan.Core.Persistence;
using Castellan.Web.Accounts;
using Castellan.Web.Authorization;
using Castellan.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Castellan.Web;

/// <summary>
/// The web host `castellan serve` runs: Razor Pages and the /api/v1 minimal API over the same use cases as the CLI.
/// Nothing that matters is kept in memory: sessions, data-protection keys, lockouts and setup codes live in the
/// database, so several instances can serve one PostgreSQL database.
/// </summary>
public static class CastellanWeb
{
    public const string ApplicationName = "castellan";

    public static WebApplication Build(WebOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(CastellanWeb).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Uploads.MaxRequestBytes);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // Data-protection keys (sign-in cookies, antiforgery) live in the database on purpose, so that several
            // instances share them; they are as sensitive as the database itself (README, "The web application"). Not a warning per key.
            .AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        AddServices(builder.Services, options);
        configure?.Invoke(builder);

        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, WebOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Clock);
        services.AddDbContextPool<CastellanDbContext>(o => options.Database.Configure(o));
        services.AddScoped<UserGrants>();
        services.AddScoped<AddUser>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<UnlockUser>();
        services.AddScoped<DisableUser>();
        services.AddSingleton<Navigation>();
        services.AddSingleton<Zones.SiteChecks>();
        services.AddScoped(_ => options.Database);
        services.AddScoped<Castellan.Core.Assets.ListAssets>().AddScoped<Castellan.Core.Assets.ShowAsset>().AddScoped<Castellan.Core.Assets.ImportInventory>();
        services.AddScoped<Castellan.Core.Results.ReadZoneResults>().AddScoped<Castellan.Core.Results.ShowResult>().AddScoped<Castellan.Core.Results.RecordResult>()
            .AddScoped<Castellan.Core.Results.UploadEvidence>().AddScoped<Castellan.Core.Results.ReadEvidence>();
        if (SqliteCheckpointer.Applies(options.Database))
        {
            services.AddHostedService(s => new SqliteCheckpointer(options.Database, s.GetRequiredService<ILogger<SqliteCheckpointer>>()));
        }

        services.AddSingleton(options.Jobs).AddSingleton<Jobs.JobWorker>().AddHostedService(s => s.GetRequiredService<Jobs.JobWorker>()).AddScoped<Jobs.StartJob>();
        services.AddSingleton<Jobs.IJobKind, Assets.InventoryPreviewJob>().AddSingleton<Jobs.IJobKind, Assets.InventoryApplyJob>()
            .AddSingleton<Jobs.IJobKind, Soa.SoaImportJob>().AddSingleton<Jobs.IJobKind, GapAnalysis.GapReportJob>();
        services.AddScoped<IAuthorizationHandler, SiteAccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, DeniedAsNotFound>();
        services.AddAuthorization(Policies.Register);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AccountSetup.SelectorScheme;
                o.DefaultChallengeScheme = AccountSetup.SelectorScheme;
            })
            .AddPolicyScheme(AccountSetup.SelectorScheme, "Session cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(AccountSetup.ConfigureCookie));
        if (options.OpenId is { } openId)
        {
            AccountSetup.AddOpenIdConnect(services, openId);
        }

        AccountSetup.AddIdentity(services);
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<CastellanDbContext>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "castellan.csrf";
        });
        services.AddRateLimiter(AccountSetup.ConfigureRateLimits);
        services.AddSingleton(_ => new Admission(options.Admission, options.Database.Provider));
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddOperationTransformer(ApiReference.ApiPolicies.AddAsync));
        services.AddRazorPages(o => o.RootDirectory = "/");
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            if (WebErrors.IsApi(context))
            {
                await WebErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "Something went wrong", "The error was logged on the server.");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(StatusPage.Html(500));
            }
        }));
        app.Use((context, next) => SecurityHeaders.ApplyAsync(context, next));
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (WebErrors.IsApi(context))
            {
                await WebErrors.WriteAsync(context, context.Response.StatusCode, StatusPage.Title(context.Response.StatusCode), "See the status code.");
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(StatusPage.Html(context.Response.StatusCode));
            }
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(CastellanWeb).Assembly, "Castellan.Web.wwwroot"),
            RequestPath = "/static",
        });
        app.UseRouting();
        var admission = app.Services.GetRequiredService<Admission>();
        app.Use(admission.HoldAsync);
        app.UseRateLimiter();
        app.Use(RequestConnection.HoldAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/healthz", Health.CheckAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiAntiforgery>().AddEndpointFilter<ApiErrors>();
        foreach (var map in ApiFeatures.All)
        {
            map(api);
        }
    }
}
