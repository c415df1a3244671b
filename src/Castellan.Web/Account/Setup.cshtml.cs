using Castellan.Core.Accounts;
using Castellan.Core.Common;
using Castellan.Core.Persistence;
using Castellan.Domain.Accounts;
using Castellan.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Castellan.Web.Account;

/// <summary>First run: the console's setup code proves the person sits at the server; then the first administrator exists.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountSetup.SignInLimit)]
public sealed class SetupModel(CastellanDbContext db, AddUser addUser, SignInManager<UserRow> signIn) : PageModel
{
    public string? Message { get; private set; }

    public string? UserName { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await new SetupCodes(db).NeededAsync(HttpContext.RequestAborted) ? Page() : Redirect("/account/login");

    public async Task<IActionResult> OnPostAsync(string? code, string? userName, string? password)
    {
        var codes = new SetupCodes(db);
        if (!await codes.NeededAsync(HttpContext.RequestAborted))
        {
            return Redirect("/account/login");
        }

        UserName = userName;
        try
        {
            var user = await addUser.RunAsync(userName ?? "", password ?? "", [new AddUser.Grant(SiteRoles.AllSites, SiteRole.Administrator)], $"setup:{userName}",
                async () =>
                {
                    if (!await codes.ConsumeAsync(code ?? "", HttpContext.RequestAborted))
                    {
                        throw new InputException("setup code: that is not the code the server printed");
                    }
                }, HttpContext.RequestAborted);
            await signIn.SignInAsync(user, isPersistent: false);
            return Redirect("/");
        }
        catch (InputException e)
        {
            Message = e.Message;
            return Page();
        }
    }
}
