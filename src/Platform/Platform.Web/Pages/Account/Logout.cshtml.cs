using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Identity;

namespace Platform.Web.Pages.Account;

/// <summary>Signs out (POST only, with the antiforgery token of the form).</summary>
public sealed class LogoutModel(SignInManager<PlatformUser> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(Url.Content("~/admin"));

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect(Url.Content("~/admin/login"));
    }
}
