using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Core.Identity;
using Platform.Core.Localization;

namespace Platform.Web.Pages.Admin;

/// <summary>Staff accounts of the tenant (contestants are managed by the quiz module).</summary>
[Authorize(Policy = UsersModule.ManageUsers)]
public sealed class UsersModel(UserManager<PlatformUser> users, UserAccounts accounts, UserLookup lookup, TimeProvider clock, AdminText t) : PageModel
{
    public sealed record StaffRow(string UserName, string? DisplayName, string Roles, DateTimeOffset? LockedUntil);

    public IReadOnlyDictionary<string, string> AssignableRoles { get; } = new Dictionary<string, string>
    {
        [PlatformRoles.TenantAdmin] = t["Ban Tổ chức (toàn quyền)"],
        [PlatformRoles.Editor] = t["Biên tập tin bài"],
        [PlatformRoles.QuestionAuthor] = t["Soạn câu hỏi"],
        [PlatformRoles.Secretary] = t["Tổ thư ký"],
    };

    public List<StaffRow> Staff { get; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string? NewUserName { get; set; }

    [BindProperty]
    public string? NewDisplayName { get; set; }

    [BindProperty]
    public string? NewRole { get; set; }

    [BindProperty]
    public string? ResetLogin { get; set; }

    public string? ResetError { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = string.IsNullOrWhiteSpace(ResetLogin) ? null : await lookup.FindAsync(ResetLogin);
        if (user is null)
        {
            ResetError = t["Không tìm thấy tài khoản này."];
            await LoadAsync();
            return Page();
        }

        var password = UserAccounts.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await users.ResetPasswordAsync(user, token, password);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Message = t.F("Đã đặt lại mật khẩu của '{0}'. Mật khẩu mới (chỉ hiện một lần): {1}", user.DisplayName ?? user.UserName, password);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(NewUserName) || NewRole is null || !AssignableRoles.ContainsKey(NewRole))
        {
            Error = t["Nhập tên đăng nhập và chọn vai trò."];
            await LoadAsync();
            return Page();
        }

        try
        {
            var (user, generated) = await accounts.EnsureUserAsync(NewUserName.Trim(), NewRole, null, NewDisplayName);
            Message = generated is null
                ? t.F("Đã thêm vai trò cho '{0}'.", user.UserName)
                : t.F("Đã tạo '{0}'. Mật khẩu (chỉ hiện một lần): {1}", user.UserName, generated);
            return RedirectToPage();
        }
        catch (UserAccountException ex)
        {
            Error = ex.Message;
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var rows = new Dictionary<string, (PlatformUser User, List<string> Roles)>();
        foreach (var role in PlatformRoles.Staff)
        {
            foreach (var user in await users.GetUsersInRoleAsync(role))
            {
                if (!rows.TryGetValue(user.Id, out var row))
                {
                    rows[user.Id] = row = (user, []);
                }

                row.Roles.Add(role);
            }
        }

        var now = clock.GetUtcNow();
        Staff.AddRange(rows.Values
            .OrderBy(r => r.User.UserName, StringComparer.Ordinal)
            .Select(r => new StaffRow(r.User.UserName!, r.User.DisplayName, string.Join(", ", r.Roles), r.User.LockoutEnd > now ? r.User.LockoutEnd : null)));
    }
}
