using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Identity;
using Platform.Core.Localization;
using Platform.Core.Tenancy;

namespace Platform.Web.Pages.Account;

/// <summary>Sign-in of the tenant admin (inside a tenant) and of the host admin (on the host).</summary>
public sealed class LoginModel(SignInManager<PlatformUser> signIn, UserLookup lookup, ITenantContext tenant, AdminText t) : PageModel
{
    [BindProperty]
    public string? Login { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public string Heading => tenant.Tenant is { } current ? t.F("Đăng nhập quản trị · {0}", current.DisplayName) : t["Đăng nhập quản trị hệ thống"];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Login) ? null : await lookup.FindAsync(Login);
        var result = user is null || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Url.Content("~/admin"));
        }

        Error = result.IsLockedOut
            ? t["Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."]
            : t["Sai tên đăng nhập hoặc mật khẩu."];
        return Page();
    }
}
