using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Http;
using Platform.Core.Tenancy;

namespace Platform.Core.Identity;

/// <summary>Body of <c>POST account/login</c>.</summary>
/// <param name="Login">User name, phone or citizen id.</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string? Login, string? Password);

/// <summary>Answer of a successful sign-in.</summary>
/// <param name="UserName">The account.</param>
/// <param name="Roles">Its roles in this tenant.</param>
public sealed record LoginResponse(string UserName, IReadOnlyList<string> Roles);

/// <summary>Body of <c>POST account/logout</c> (empty object).</summary>
public sealed record LogoutRequest;

/// <summary>Sign-in and sign-out for every role, in tenants and in the host scope.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/account").ForAnyScope().WithTags("Account");
        group.MapPost("/login", LoginAsync).WithName("Login").RequireRateLimiting(RateLimits.SignIn);
        group.MapPost("/logout", LogoutAsync).WithName("Logout");
    }

    public static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<PlatformUser> signIn, UserLookup lookup)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Login))
        {
            errors["login"] = ["Nhập tên đăng nhập, số điện thoại hoặc số CCCD."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Nhập mật khẩu."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var user = await lookup.FindAsync(request.Login!);
        if (user is null)
        {
            return Problems.Create("invalid-credentials", StatusCodes.Status401Unauthorized, "Sai tên đăng nhập hoặc mật khẩu.");
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Problems.Create("locked-out", StatusCodes.Status423Locked, "Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.");
        }

        if (!result.Succeeded)
        {
            return Problems.Create("invalid-credentials", StatusCodes.Status401Unauthorized, "Sai tên đăng nhập hoặc mật khẩu.");
        }

        var roles = await signIn.UserManager.GetRolesAsync(user);
        return TypedResults.Ok(new LoginResponse(user.UserName!, roles.Order(StringComparer.Ordinal).ToList()));
    }

    public static async Task<NoContent> LogoutAsync(LogoutRequest request, SignInManager<PlatformUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}

/// <summary>Finds the account a person signs in with: user name (or citizen id, which contestants use as user name), then phone.</summary>
public sealed class UserLookup(UserManager<PlatformUser> users)
{
    /// <summary>The account in the current tenant, or null.</summary>
    public async Task<PlatformUser?> FindAsync(string login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var value = login.Trim();
        var user = await users.FindByNameAsync(value);
        if (user is not null)
        {
            return user;
        }

        var phone = NormalizePhone(value);
        return phone is null ? null : await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone);
    }

    /// <summary>A Vietnamese phone number as stored (<c>0xxxxxxxxx</c>), or null if it is not one.</summary>
    public static string? NormalizePhone(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = new string(value.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        if (digits.StartsWith("+84", StringComparison.Ordinal))
        {
            digits = "0" + digits[3..];
        }
        else if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11)
        {
            digits = "0" + digits[2..];
        }

        return digits.Length == 10 && digits[0] == '0' && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
