using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Platform.Core.Http;
using Platform.Core.Tenancy;

namespace Platform.Core.Identity;

/// <summary>Body of <c>POST account/password-reset</c>.</summary>
/// <param name="Login">User name, phone or citizen id.</param>
public sealed record PasswordResetRequest(string? Login);

/// <summary>Body of <c>POST account/password-reset/confirm</c>.</summary>
/// <param name="UserId">From the link in the e-mail.</param>
/// <param name="Token">From the link in the e-mail.</param>
/// <param name="Password">The new password.</param>
public sealed record PasswordResetConfirm(string? UserId, string? Token, string? Password);

/// <summary>
/// Self-service password reset by e-mail: the answer never tells whether an account exists; the link carries an
/// Identity reset token valid for a day and usable once (the security stamp changes).
/// </summary>
internal static class PasswordResetEndpoints
{
    public static void MapPasswordResetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/account/password-reset").WithTags("Account").RequireRateLimiting(RateLimits.SignIn);
        group.MapPost(string.Empty, RequestAsync).WithName("RequestPasswordReset");
        group.MapPost("/confirm", ConfirmAsync).WithName("ConfirmPasswordReset");
    }

    public static async Task<Accepted> RequestAsync(
        PasswordResetRequest request, UserLookup lookup, UserManager<PlatformUser> users, IMailSender mail, ITenantContext tenant, HttpContext http, ILogger<PasswordResetRequest> logger)
    {
        var user = string.IsNullOrWhiteSpace(request.Login) ? null : await lookup.FindAsync(request.Login);
        if (user?.Email is { Length: > 0 } email)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/dat-lai-mat-khau?u={Uri.EscapeDataString(user.Id)}&t={Uri.EscapeDataString(token)}";
            var site = tenant.Tenant?.DisplayName ?? "Nền tảng thi trực tuyến";
            await mail.SendAsync(new MailMessageData(email, $"Đặt lại mật khẩu · {site}",
                $"Xin chào {user.DisplayName},\n\nAi đó (có thể là bạn) vừa yêu cầu đặt lại mật khẩu tài khoản dự thi trên trang {site}.\n" +
                $"Mở liên kết sau trong vòng 24 giờ để đặt mật khẩu mới:\n\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu cũ vẫn dùng được.\n"), http.RequestAborted);
            logger.LogInformation("Password reset mail sent for user {UserId}", user.Id);
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> ConfirmAsync(PasswordResetConfirm request, UserManager<PlatformUser> users)
    {
        var user = string.IsNullOrEmpty(request.UserId) ? null : await users.FindByIdAsync(request.UserId);
        if (user is null || string.IsNullOrEmpty(request.Token) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["token"] = ["Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn."] });
        }

        var result = await users.ResetPasswordAsync(user, request.Token, request.Password);
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            return TypedResults.NoContent();
        }

        var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? "token" : "password";
        return Problems.Validation(new Dictionary<string, string[]>
        {
            [field] = [field == "token" ? "Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn." : "Mật khẩu cần ít nhất 8 ký tự, có chữ thường và chữ số."],
        });
    }
}
